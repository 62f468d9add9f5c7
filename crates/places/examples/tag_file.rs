//! Print the places found in a text file, and the index load time:
//! `cargo run --release -p sitrep-places --example tag_file -- FILE`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tag_file FILE");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    let tagger = match sitrep_places::PlaceTagger::load_default() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let load = t.elapsed();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let t = std::time::Instant::now();
    let doc = sitrep_core::Doc::new("doc", text);
    let places = tagger.tag(&doc, &[]);
    let tag = t.elapsed();
    for p in &places {
        println!(
            "{:>5}-{:<5} {:<22} {:>9} {:<20} {} {:?} {:>9.4} {:>9.4} {} gp={} wp={} s={} {} | alt: {}",
            p.span.start,
            p.span.end,
            p.span.text,
            p.geonameid.unwrap_or(0),
            p.name,
            p.country.as_deref().unwrap_or("-"),
            p.admin1.as_deref().unwrap_or("-"),
            p.lat.unwrap_or(0.0),
            p.lon.unwrap_or(0.0),
            p.feature,
            p.geo_precision,
            p.where_prec,
            p.score,
            p.role,
            p.alternatives
                .iter()
                .map(|a| format!("{}({},{})", a.geonameid, a.country, a.score))
                .collect::<Vec<_>>()
                .join(" ")
        );
        eprintln!("    rule {}", p.rule);
    }
    eprintln!(
        "load {:.1?}, tag {:.1?} ({} sentences)",
        load,
        tag,
        doc.sentences.len()
    );
}
