//! Score the places stage on the even- and odd-numbered articles of the
//! geoparsing corpora separately (rules are looked at on one half and
//! checked on the other): `cargo run --release -p sitrep-places --example
//! place_halves -- ../shared/data`.

fn main() {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let data = std::path::Path::new(&data);
    for (file, parity) in [
        ("lgl.xml", Some(0)),
        ("lgl.xml", Some(1)),
        ("lgl.xml", None),
        ("GWN.xml", None),
    ] {
        match sitrep_places::eval::run_half(data, file, parity) {
            Ok(r) => {
                let get = |n: &str| {
                    r.metrics
                        .iter()
                        .find(|m| m.name == n)
                        .map_or(f64::NAN, |m| m.value)
                };
                println!(
                    "{:<12} P {:.4} R {:.4} F1 {:.4}  acc161 {:.4}  mean {:.1} km  n {}",
                    r.suite,
                    get("toponym_precision"),
                    get("toponym_recall"),
                    get("toponym_f1"),
                    get("acc_161km"),
                    get("mean_error_km"),
                    get("geocoded_toponyms")
                );
            }
            Err(e) => {
                eprintln!("place_halves failed on {file}: {e}");
                std::process::exit(1);
            }
        }
    }
}
