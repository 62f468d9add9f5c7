//! Linking on PostgreSQL: implements [`crate::backend::LinkBackend`] for the
//! team store. Owned by the pg helper (stub until it lands).
