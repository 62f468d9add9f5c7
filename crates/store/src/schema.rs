//! Schema and migrations.
//!
//! [`MIGRATIONS`] is the ordered list of SQL scripts in `src/migrations/`;
//! migration `n` (1-based) is `MIGRATIONS[n - 1]`. Applied versions are
//! recorded in `schema_migrations` (version, applied_at), each migration and
//! its record in one transaction, so a migration runs exactly once and a
//! crash mid-way leaves the previous version intact. A schema change is a new
//! numbered file appended here; shipped files are never edited.

use rusqlite::{params, Connection, TransactionBehavior};

use crate::Error;

/// Every migration, in order.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_incidents.sql"),
    include_str!("migrations/0003_event_details.sql"),
    include_str!("migrations/0004_fts_update_of_text.sql"),
    include_str!("migrations/0005_incident_candidates.sql"),
    include_str!("migrations/0006_incident_candidates_actors.sql"),
];

/// The version a fully migrated database has.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}

/// The highest applied migration (0 for a new database).
pub fn version(conn: &Connection) -> Result<u32, Error> {
    Ok(conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?)
}

/// Apply the migrations `conn` has not seen yet. Returns how many ran.
pub fn migrate(conn: &mut Connection) -> Result<usize, Error> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             applied_at TEXT NOT NULL
         )",
    )?;
    let mut ran = 0;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let v = i as u32 + 1;
        let fail = |source| Error::Migration { version: v, source };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        // Checked inside the write transaction: two processes opening a new
        // file at once cannot both apply it.
        let current = version(&tx)?;
        if current > latest() {
            return Err(Error::TooNew {
                found: current,
                known: latest(),
            });
        }
        if current >= v {
            continue;
        }
        tx.execute_batch(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at)
             VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![v],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        ran += 1;
    }
    Ok(ran)
}
