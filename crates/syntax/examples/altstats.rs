//! Experiments: how often the tagger's runner-up tag is right, by margin.
//! `cargo run --release --example altstats -- MODEL DEV.conllu`
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (Some(m), Some(d)) = (a.get(1), a.get(2)) else {
        eprintln!("usage: altstats MODEL DEV.conllu");
        return;
    };
    let p = sitrep_syntax::Parser::load(Path::new(m)).expect("model");
    let sents = sitrep_syntax::conllu::read_file(Path::new(d)).expect("dev");
    let th = [0.5f32, 1.0, 2.0, 4.0, 8.0, 16.0, f32::INFINITY];
    // per threshold: words below, wrong below, alt right below
    let mut c = vec![(0usize, 0usize, 0usize); th.len()];
    let (mut n, mut wrong) = (0, 0);
    for s in &sents {
        let forms = s.forms();
        for (w, (t, alt, mg)) in s.words.iter().zip(p.tag_alternatives(&forms)) {
            n += 1;
            let ok = t.0 == w.upos && t.1 == w.xpos;
            let aok = alt.0 == w.upos && alt.1 == w.xpos;
            wrong += usize::from(!ok);
            for (k, x) in th.iter().enumerate() {
                if mg < *x {
                    c[k].0 += 1;
                    c[k].1 += usize::from(!ok);
                    c[k].2 += usize::from(aok);
                }
            }
        }
    }
    println!("{n} words, {wrong} joint-tag errors");
    for (k, x) in th.iter().enumerate() {
        println!(
            "margin < {x}: {} words ({:.1}%), {} wrong, runner-up right {}",
            c[k].0,
            100.0 * c[k].0 as f64 / n as f64,
            c[k].1,
            c[k].2
        );
    }
}
