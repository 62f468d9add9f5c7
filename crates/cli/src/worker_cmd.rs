//! `sitrep worker`: claim ingest and analysis jobs from a shared PostgreSQL store.

use std::process::ExitCode;

use anyhow::{bail, Result};

/// Flags of `sitrep worker`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: a SQLite file.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    bail!("sitrep worker is not built yet (issue 7)")
}
