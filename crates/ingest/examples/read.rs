//! Reads paths the way `sitrep analyze` does and prints one line per record,
//! warnings and errors to stderr, then the summary line.
//!
//! `cargo run -p sitrep-ingest --example read -- [--published YYYY-MM-DD] PATH... | -`

use std::path::PathBuf;

use sitrep_ingest::{read_inputs, ReadOptions, Summary};

fn main() {
    let mut opts = ReadOptions::default();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--published" {
            let v = args.next().unwrap_or_default();
            match chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
                Ok(d) => opts.published = Some(d),
                Err(_) => {
                    eprintln!("error: --published expects YYYY-MM-DD, got {v:?}");
                    std::process::exit(2);
                }
            }
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let mut summary = Summary::default();
    for record in read_inputs(&paths, &opts) {
        summary.record(&record);
        match record {
            Ok(doc) => {
                for w in &doc.warnings {
                    eprintln!("warning: {}: {w}", doc.record);
                }
                println!(
                    "ok {} id={} chars={} published={:?} title={:?}",
                    doc.record,
                    doc.id,
                    doc.text.chars().count(),
                    doc.meta.published,
                    doc.meta.title
                );
            }
            Err(e) => eprintln!("{}: {e}", if e.is_skipped() { "skipped" } else { "error" }),
        }
    }
    eprintln!("{summary}");
}
