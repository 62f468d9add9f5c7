//! The export crate's one error type. Owns nothing else.

use std::io;

/// Errors while exporting incidents.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store has analysed reports but no incidents: linking has not run.
    #[error(
        "the store has {events} events from {documents} documents but no incidents: \
         run `sitrep link` first"
    )]
    NotLinked { events: u64, documents: u64 },
    /// `--country` named no country we know.
    #[error("unknown country {0:?}: give an ISO 3166-1 code (SY, SYR) or an English name (Syria)")]
    UnknownCountry(String),
    /// `--min-grade` is not one of the Airwars grades.
    #[error("unknown grade {0:?}: one of confirmed, fair, weak, contested, discounted")]
    UnknownGrade(String),
    /// The format needs a cargo feature this build lacks.
    #[error(
        "this sitrep was built without {format} support: rebuild with the cargo feature \
         `{feature}` (cargo build --release -p sitrep --features {feature})"
    )]
    FeatureDisabled {
        format: &'static str,
        feature: &'static str,
    },
    /// A bundled data table (data/export/) is malformed.
    #[error("data/export/{file}, line {line}: {message}")]
    Table {
        file: &'static str,
        line: usize,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
    #[error("reading the store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[cfg(feature = "postgres")]
    #[error("reading the store: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[cfg(feature = "parquet")]
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[cfg(feature = "parquet")]
    #[error("building Arrow arrays: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    #[error("writing the output: {0}")]
    Io(#[from] io::Error),
}
