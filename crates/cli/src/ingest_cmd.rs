//! `sitrep ingest`: read inputs, analyse them and store them.
//!
//! Owns the loop and the accounting: every input record ends as stored,
//! duplicate, skipped or failed, and the summary line's counts add up to the
//! records read. Reading is the ingest crate's job, analysis the pipeline's,
//! and persistence the store's. A text already in the store is not analysed
//! again, so a rerun after an interruption only does the work left.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::{Context, Result};
use sitrep_analyze::Pipeline;
use sitrep_core::Doc;
use sitrep_store::{Put, Run, Store};

/// Counts of one ingest run; they add up to the records read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    stored: u64,
    duplicates: u64,
    skipped: u64,
    failed: u64,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stored, {} duplicates, {} skipped, {} failed",
            self.stored, self.duplicates, self.skipped, self.failed
        )
    }
}

/// Flags of `sitrep ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The database file; created when absent.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Publication date for plain text and HTML without a date (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<chrono::NaiveDate>,
    /// Input format: auto (by extension; stdin is sniffed), text, html or jsonl.
    #[arg(long, default_value = "auto")]
    pub input_format: sitrep_ingest::Format,
}

/// Run `sitrep ingest`. Exit code 1 when any record failed.
pub fn run(args: Args) -> Result<ExitCode> {
    let opts = sitrep_ingest::ReadOptions {
        published: args.published,
        format: args.input_format,
        ..sitrep_ingest::ReadOptions::default()
    };
    ingest(&args.inputs, &args.db, &opts)
}

fn ingest(inputs: &[PathBuf], db: &Path, opts: &sitrep_ingest::ReadOptions) -> Result<ExitCode> {
    let started = SystemTime::now();
    let mut store =
        Store::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    // Loaded on the first new document: a rerun that finds only duplicates
    // never pays for it.
    let mut pipeline: Option<Pipeline> = None;
    let mut tally = Tally::default();
    for record in sitrep_ingest::read_inputs(inputs, opts) {
        let input = match record {
            Ok(input) => input,
            Err(e) => {
                if e.is_skipped() {
                    tally.skipped += 1;
                    eprintln!("skipped: {e}");
                } else {
                    tally.failed += 1;
                    eprintln!("failed: {e}");
                }
                continue;
            }
        };
        for w in &input.warnings {
            eprintln!("warning: {}: {w}", input.record);
        }
        let hash = sitrep_store::content_hash(&input.text);
        if store.find(&hash)?.is_some() {
            tally.duplicates += 1;
            continue;
        }
        let pipeline = match &mut pipeline {
            Some(p) => p,
            None => {
                pipeline.insert(Pipeline::load_default().context("loading the analysis pipeline")?)
            }
        };
        let record_name = input.record.clone();
        let doc: Doc = input.into_doc();
        let report = pipeline.report(&doc);
        match store.put(&doc, &record_name, &report) {
            Ok(Put::Stored { .. }) => tally.stored += 1,
            Ok(Put::Duplicate { .. }) => tally.duplicates += 1,
            Err(e) => {
                // The document's transaction was rolled back; the batch goes on.
                tally.failed += 1;
                eprintln!("failed: {record_name}: {e}");
            }
        }
    }
    let detail = format!(
        "inputs: {}; pipeline: {}",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        sitrep_store::PIPELINE_VERSION
    );
    store
        .log_run(&Run {
            command: "ingest".into(),
            detail,
            started,
            stored: tally.stored,
            duplicates: tally.duplicates,
            skipped: tally.skipped,
            failed: tally.failed,
        })
        .context("writing the audit log")?;
    eprintln!("ingest: {tally}");
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
