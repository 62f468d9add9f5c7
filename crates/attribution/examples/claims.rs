//! Print the claims of a text file: `cargo run -p sitrep-attribution --example claims -- FILE`
//! (`PARSE=1`: with the default syntax model).

use sitrep_attribution::ClaimTagger;
use sitrep_core::{Analysis, Doc, Stage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: claims FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let doc = Doc::new(path, text);
    // PARSE=1: with the default syntax model (the learned and sequence cue
    // proposers read the parse).
    let mut tagger = ClaimTagger::load_default()?;
    if std::env::var("PARSE").is_ok() {
        tagger = tagger.with_default_parser()?;
    }
    let mut analysis = Analysis::default();
    tagger.annotate(&doc, &mut analysis);
    for (i, c) in analysis.claims.iter().enumerate() {
        let e = c.source_entity.as_ref();
        println!(
            "#{i} [{}] {:?} src={:?} cue={:?} stance={:?} quote={} via={:?} entity={:?}/{:?}/{:?}/{:?} resp={:?}\n    content={:?}",
            c.rule,
            c.sentence,
            c.source.as_ref().map(|s| s.text.as_str()),
            c.cue.text,
            c.stance,
            c.direct_quote,
            c.via.iter().map(|v| v.outlet.as_str()).collect::<Vec<_>>(),
            e.map(|e| e.kind.as_str()),
            e.map(|e| e.name.as_str()),
            e.and_then(|e| e.role.as_deref()),
            e.and_then(|e| e.affiliation.as_deref()),
            c.responds_to,
            c.content.text,
        );
    }
    Ok(())
}
