//! Print the TimeBank errors of the times stage (MISS / EXTRA / WRONG lines,
//! each predicted one ending with the id of the rule that made it,
//! and the right ones as OK lines with `--ok`) followed by the scores:
//! `cargo run --release -p sitrep-times --example timebank_errors --
//! ../shared/data [--ok]`.

use std::path::PathBuf;

fn main() -> Result<(), sitrep_times::Error> {
    let data = std::env::args()
        .skip(1)
        .find(|a| a != "--ok")
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let tagger = sitrep_times::TimeTagger::load_default()?;
    let dir = data.join("temporal-timebank").join("TimeBank");
    let mut errors = Vec::new();
    let s = sitrep_times::eval::run_timebank(&tagger, &dir, Some(&mut errors))?;
    let ok = std::env::args().any(|a| a == "--ok");
    for e in &errors {
        if !ok && e.split('\t').nth(1) == Some("OK") {
            continue;
        }
        println!("{e}");
    }
    eprintln!("{} docs {:?}", s.docs, s.all);
    for (h, hs) in ["A", "B"].iter().zip(&s.halves) {
        eprintln!("half {h}: {hs:?}");
    }
    for r in sitrep_times::eval::run(&data)? {
        for m in &r.metrics {
            eprintln!("{} = {:.4}", m.name, m.value);
        }
    }
    Ok(())
}
