//! `sitrep link`: link stored reports into incidents across documents.

use std::process::ExitCode;

use anyhow::{bail, Result};

/// Flags of `sitrep link`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: a SQLite file.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    bail!("sitrep link is not built yet (issue 7)")
}
