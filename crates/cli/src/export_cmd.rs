//! `sitrep export`: write incidents as ACLED CSV, PLOVER JSON, GeoJSON, Parquet or JSONL.

use std::process::ExitCode;

use anyhow::{bail, Result};

/// Flags of `sitrep export`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: a SQLite file.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    bail!("sitrep export is not built yet (issue 7)")
}
