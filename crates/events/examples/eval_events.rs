//! Run the events evaluation suites and print their reports as JSON.
//!
//! `cargo run --release -p sitrep-events --example eval_events -- ../shared/data`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let t = std::time::Instant::now();
    let reports = sitrep_events::eval::run(std::path::Path::new(&data))?;
    println!("{}", serde_json::to_string_pretty(&reports)?);
    eprintln!("{:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}
