//! Rebuild the compiled gazetteer:
//! `cargo run --release -p sitrep-places --example build_gazetteer -- ../shared/data/gazetteer data/gazetteer`

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let src = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/gazetteer".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or_else(|| "data/gazetteer".into()));
    let t = std::time::Instant::now();
    match sitrep_places::build_gazetteer(&src, &out) {
        Ok(s) => println!(
            "wrote {}/{}: {} entities, {} keys, {} postings, {} common words, {} raw bytes, {} compressed bytes in {:.1?}",
            out.display(),
            sitrep_places::INDEX_FILE,
            s.entities,
            s.keys,
            s.postings,
            s.common_words,
            s.raw_bytes,
            s.compressed_bytes,
            t.elapsed()
        ),
        Err(e) => {
            eprintln!("gazetteer build failed: {e}");
            std::process::exit(1);
        }
    }
}
