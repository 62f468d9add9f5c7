//! Time the times stage alone on the TimeBank texts (Doc building excluded):
//! `cargo run --release -p sitrep-times --example bench_tag -- ../shared/data`.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_core::{Doc, DocMeta};

fn main() -> Result<(), sitrep_times::Error> {
    let data = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let dir = data.join("temporal-timebank").join("TimeBank");
    let start = Instant::now();
    let tagger = sitrep_times::TimeTagger::load_default()?;
    let load = start.elapsed();
    let mut docs = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| sitrep_times::Error::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    for e in entries.flatten() {
        let Ok(xml) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let t = sitrep_times::eval::parse_timeml("bench", &xml)?;
        docs.push(Doc::with_meta(
            "b",
            t.text,
            DocMeta {
                published: t.dct,
                ..DocMeta::default()
            },
        ));
    }
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let rounds = 20;
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += tagger.tag(d, d.meta.published).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "load {:.2} ms; {} docs, {} sentences x {rounds}: {:.0} sentences/s ({n} expressions)",
        load.as_secs_f64() * 1e3,
        docs.len(),
        sentences,
        (sentences * rounds) as f64 / secs
    );
    Ok(())
}
