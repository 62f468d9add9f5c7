//! Errors: why the store could not open, migrate or write.
//!
//! One enum for the crate. Input problems (a bad record) never reach here:
//! they are the ingest crate's business. What is left is the database itself.

use std::path::PathBuf;

use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Opening the database file failed.
    #[error("cannot open database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A migration failed; the database is left at the previous version.
    #[error("migration {version} failed: {source}")]
    Migration {
        version: u32,
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer sitrep than this one.
    #[error("database schema version {found} is newer than this sitrep knows ({known})")]
    TooNew { found: u32, known: u32 },
    /// SQLite refused to switch the file to WAL mode.
    #[error("cannot switch the database to WAL mode (journal mode is {0})")]
    NoWal(String),
    /// The report could not be turned into JSON.
    #[error("serialising the analysis of {doc_id}: {source}")]
    Json {
        doc_id: String,
        #[source]
        source: serde_json::Error,
    },
    /// Writing one document failed; nothing of it was kept.
    #[error("storing {doc_id}: {source}")]
    Write {
        doc_id: String,
        #[source]
        source: rusqlite::Error,
    },
    /// `PRAGMA integrity_check` found problems.
    #[error("integrity check failed: {}", .0.join("; "))]
    Corrupt(Vec<String>),
    /// Any other SQLite error (queries, pragmas).
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}
