//! Fuzz target: arbitrary bytes as CoNLL-U for `sitrep parse --pretokenized`
//! (`Parser::reparse_conllu`). Malformed input must be an error, never a
//! panic, and accepted input must re-parse identically.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
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
    let a = p.reparse_conllu(&text, "fuzz");
    let b = p.reparse_conllu(&text, "fuzz");
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        _ => panic!("reparse_conllu is not deterministic"),
    }
});
