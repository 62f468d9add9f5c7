//! Debugging aid: list gold EWT tokens our raw-text tokenization misses:
//! `tokdiff <file.conllu>`.

fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let s = sitrep_syntax::conllu::read_file(std::path::Path::new(&p)).unwrap_or_default();
    for l in sitrep_syntax::eval::token_mismatches(&s, 100000) {
        println!("{l}");
    }
}
