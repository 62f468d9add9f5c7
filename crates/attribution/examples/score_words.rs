//! Print the learned cue model's score of every candidate word of a sentence:
//! `cargo run --release -p sitrep-attribution --example score_words -- "TEXT"`.

use sitrep_attribution::learned::{CueModel, FeatureBuf, DEFAULT_CUE_MODEL};
use sitrep_core::Doc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::env::args().nth(1).ok_or("usage: score_words TEXT")?;
    let model = CueModel::parse(DEFAULT_CUE_MODEL)?;
    let doc = Doc::new("t", text);
    let mut buf = FeatureBuf::default();
    for i in 0..doc.tokens.len() {
        if let Some(s) = model.score(&doc, i, &mut buf) {
            println!("{:>8.3} {}", s, doc.token_text(&doc.tokens[i]));
        }
    }
    Ok(())
}
