//! The store on PostgreSQL, for teams: the same tables as SQLite plus a job
//! queue that `sitrep worker` processes claim with `FOR UPDATE SKIP LOCKED`.
//! Behind the `postgres` feature. (Issue 7; not built yet.)
