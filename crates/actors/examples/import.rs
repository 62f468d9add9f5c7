//! Rebuild `data/actors/phoenix.tsv.zst` from the PETRARCH2/Phoenix dictionaries.
//!
//! ```text
//! cargo run -p sitrep-actors --example import -- ../shared/data/petrarch2-dictionaries data/actors
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dict, out) = match args.as_slice() {
        [d, o] => (PathBuf::from(d), PathBuf::from(o)),
        _ => {
            eprintln!("usage: import <petrarch2-dictionaries dir> <output dir, e.g. data/actors>");
            return ExitCode::from(2);
        }
    };
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
