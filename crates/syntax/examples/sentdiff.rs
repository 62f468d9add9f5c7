//! Debugging aid: list sentence boundaries our raw-text splitting misses or
//! adds on a CoNLL-U file: `sentdiff <file.conllu>`.

use sitrep_core::Doc;

fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let s = sitrep_syntax::conllu::read_file(std::path::Path::new(&p)).unwrap_or_default();
    for d in sitrep_syntax::eval::raw_docs(&s) {
        let doc = Doc::new("d", d.text.clone());
        let gold_ends: Vec<usize> = d
            .starts
            .iter()
            .zip(&d.sentences)
            .map(|(st, s)| st + s.text().len())
            .collect();
        let sys_ends: Vec<usize> = doc.sentences.iter().map(|s| s.end).collect();
        for g in &gold_ends {
            if !sys_ends.contains(g) {
                let a = d.text[..*g].char_indices().rev().nth(40).map_or(0, |x| x.0);
                let b = d.text[*g..]
                    .char_indices()
                    .nth(30)
                    .map_or(d.text.len(), |x| *g + x.0);
                println!("MISSED  {:?} || {:?}", &d.text[a..*g], &d.text[*g..b]);
            }
        }
        for e in &sys_ends {
            if !gold_ends.contains(e) {
                let a = d.text[..*e].char_indices().rev().nth(40).map_or(0, |x| x.0);
                let b = d.text[*e..]
                    .char_indices()
                    .nth(30)
                    .map_or(d.text.len(), |x| *e + x.0);
                println!("EXTRA   {:?} || {:?}", &d.text[a..*e], &d.text[*e..b]);
            }
        }
    }
}
