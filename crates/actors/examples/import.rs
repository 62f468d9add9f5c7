//! Rebuild `data/actors/phoenix.tsv.zst` from the PETRARCH2/Phoenix dictionaries.
//!
//! ```text
//! cargo run -p sitrep-actors --example import -- ../shared/data/petrarch2-dictionaries data/actors
//! ```
//!
//! A third argument, `../shared/data/gazetteer/countries.json`, also rebuilds
//! `data/actors/capitals.tsv`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dict, out, capitals) = match args.as_slice() {
        [d, o] => (PathBuf::from(d), PathBuf::from(o), None),
        [d, o, c] => (PathBuf::from(d), PathBuf::from(o), Some(PathBuf::from(c))),
        _ => {
            eprintln!(
                "usage: import <petrarch2-dictionaries dir> <output dir, e.g. data/actors> \
                 [gazetteer countries.json, to rebuild capitals.tsv]"
            );
            return ExitCode::from(2);
        }
    };
    if let Some(c) = capitals {
        match sitrep_actors::import::import_capitals(&c, &out) {
            Ok(n) => println!("wrote {}/capitals.tsv: {n} capitals", out.display()),
            Err(e) => {
                eprintln!("capitals import failed: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    match sitrep_actors::import_petrarch(&dict, &out) {
        Ok(s) => {
            println!(
                "wrote {}/{}: {} actor patterns, {} agent patterns, {} surnames, {} countries, {} bytes \
                 ({} blocks without code, {} unparsable codes, {} duplicate patterns skipped)",
                out.display(),
                sitrep_actors::import::CONVERTED_FILE,
                s.actor_patterns,
                s.agent_patterns,
                s.surnames,
                s.countries,
                s.bytes_written,
                s.blocks_without_code,
                s.bad_codes,
                s.duplicate_patterns
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("import failed: {e}");
            ExitCode::FAILURE
        }
    }
}
