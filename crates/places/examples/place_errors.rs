//! Print the misses of the places stage on one geoparsing corpus (MISS /
//! EXTRA / FAR lines): `cargo run --release -p sitrep-places --example
//! place_errors -- ../shared/data lgl.xml`.

fn main() {
    let mut args = std::env::args().skip(1);
    let data = args.next().unwrap_or_else(|| "../shared/data".into());
    let file = args.next().unwrap_or_else(|| "lgl.xml".into());
    match sitrep_places::eval::errors(std::path::Path::new(&data), &file) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
        }
        Err(e) => {
            eprintln!("place_errors failed: {e}");
            std::process::exit(1);
        }
    }
}
