//! Print the time expressions of a text file as JSON lines:
//! `cargo run -p sitrep-times --example tag_file -- FILE [YYYY-MM-DD]`.

use chrono::NaiveDate;
use sitrep_core::{Doc, DocMeta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: tag_file FILE [YYYY-MM-DD]")?;
    let published = args
        .next()
        .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
        .transpose()?;
    let text = std::fs::read_to_string(&path)?;
    let doc = Doc::with_meta(
        path.as_str(),
        text,
        DocMeta {
            published,
            ..DocMeta::default()
        },
    );
    let tagger = sitrep_times::TimeTagger::load_default()?;
    for t in tagger.tag(&doc, published) {
        println!("{}", serde_json::to_string(&t)?);
    }
    Ok(())
}
