//! Print the actors found in a text file, one per line.
//!
//! ```text
//! cargo run -p sitrep-actors --example tag -- ../shared/seeds/000_159919d15aac0e2a.txt 2015-06-02
//! ```

use std::process::ExitCode;

use sitrep_actors::ActorTagger;
use sitrep_core::{Doc, DocMeta};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: tag <file.txt> [published YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let published = args
        .get(1)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let tagger = match ActorTagger::load_default() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let doc = Doc::with_meta(
        path.as_str(),
        text,
        DocMeta {
            published,
            ..DocMeta::default()
        },
    );
    for a in tagger.tag(&doc) {
        println!(
            "{:>5}-{:<5} {:<40} {:<10} inter={:<4} {:<45} {}",
            a.span.start,
            a.span.end,
            format!("{:?}", a.span.text),
            a.code,
            a.inter.map(|i| i.to_string()).unwrap_or_else(|| "-".into()),
            a.name,
            a.rule
        );
    }
    ExitCode::SUCCESS
}
