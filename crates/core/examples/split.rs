//! Print the sentences and tokens of a file: `cargo run -p sitrep-core --example split -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: split FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = sitrep_core::Doc::new(path, text);
    for (i, s) in doc.sentences.iter().enumerate() {
        let toks: Vec<&str> = doc.tokens[s.tokens.clone()]
            .iter()
            .map(|t| doc.token_text(t))
            .collect();
        println!("{i}: {}", toks.join(" | "));
    }
}
