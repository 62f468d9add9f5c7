//! Run the places evaluation: `cargo run --release -p sitrep-places --example eval_places -- ../shared/data`

fn main() {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    match sitrep_places::eval::run(std::path::Path::new(&data)) {
        Ok(reports) => {
            for r in reports {
                println!("== {} ({} items)", r.suite, r.items);
                for m in &r.metrics {
                    println!("  {:<28} {:.4}", m.name, m.value);
                }
                for n in &r.notes {
                    println!("  note: {n}");
                }
            }
        }
        Err(e) => {
            eprintln!("eval failed: {e}");
            std::process::exit(1);
        }
    }
}
