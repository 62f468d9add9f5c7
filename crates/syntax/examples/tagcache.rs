//! Experiments: figures of a tag cache (`tagcache TRAIN.conllu CACHE`).
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (Some(t), Some(c)) = (a.get(1), a.get(2)) else {
        eprintln!("usage: tagcache TRAIN.conllu CACHE");
        return;
    };
    match sitrep_syntax::train::tag_cache_stats(Path::new(t), Path::new(c)) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}
