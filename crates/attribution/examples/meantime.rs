//! Score event factuality on MEANTIME:
//! `cargo run --release -p sitrep-attribution --example meantime -- ../shared/data`.

use std::path::Path;

use sitrep_attribution::eval::run_meantime;
use sitrep_attribution::ClaimTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let tagger = ClaimTagger::load_default()?;
    let dir = Path::new(&data).join("factuality-meantime/conll_gold");
    let report = run_meantime(&tagger, &dir)?;
    println!("{} events", report.items);
    for m in &report.metrics {
        println!("{:<28} {:.3}", m.name, m.value);
    }
    for n in &report.notes {
        println!("{n}");
    }
    Ok(())
}
