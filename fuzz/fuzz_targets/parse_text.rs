//! Fuzz target: raw text through the core tokenizer and sentence splitter,
//! the tagger and the parser. Asserts no panic, word offsets inside the
//! text, one tree per sentence, and byte-identical CoNLL-U on a second run.
//! Owns nothing else; the model is the committed one (`SITREP_MODELS` may
//! point elsewhere).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitrep_core::Doc;
use sitrep_syntax::Parser;

fn parser() -> &'static Parser {
    static P: OnceLock<Parser> = OnceLock::new();
    P.get_or_init(|| match Parser::load_default() {
        Ok(p) => p,
        Err(e) => panic!("the fuzz target needs the syntax model: {e}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let p = parser();
    let doc = Doc::new("fuzz", text.as_ref());
    for sentence in p.parse_doc(&doc) {
        let n = sentence.len();
        assert!(sentence.iter().filter(|w| w.head == 0).count() == usize::from(n > 0));
        for w in &sentence {
            assert!(w.start <= w.end && w.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(w.start) && doc.text.is_char_boundary(w.end));
            assert!(w.head <= n);
        }
    }
    let (mut a, mut b) = (String::new(), String::new());
    p.to_conllu(&doc, &mut a);
    p.to_conllu(&doc, &mut b);
    assert_eq!(a, b);
});
