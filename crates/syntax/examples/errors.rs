//! Debugging aid: where the parser loses attachment and label points on a
//! CoNLL-U file (gold tokens): `errors <file.conllu> [model file]`.

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().cloned().unwrap_or_default();
    let parser = match args.get(1) {
        Some(m) => sitrep_syntax::Parser::load(Path::new(m)),
        None => sitrep_syntax::Parser::load_default(),
    };
    let Ok(parser) = parser else {
        eprintln!("no model");
        return;
    };
    let sents = sitrep_syntax::conllu::read_file(Path::new(&file)).unwrap_or_default();
    let uni = |r: &str| r.split(':').next().unwrap_or(r).to_string();
    let (mut n, mut head_err, mut lab_err) = (0usize, 0usize, 0usize);
    let mut by_gold_head: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_len: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for s in &sents {
        let out = parser.parse_sentence(&s.forms());
        let bucket = (s.words.len() / 10).min(5);
        let groot = s
            .words
            .iter()
            .position(|w| w.head == 0)
            .map_or(0, |i| i + 1);
        for (i, (g, p)) in s.words.iter().zip(&out).enumerate() {
            if g.upos == "PUNCT" && g.head != p.head {
                let last = i + 1 == s.words.len();
                let key = format!(
                    "punct last={last} gold_head_is_root={} sys_head_is_sys_root={}",
                    g.head == groot,
                    out.get(p.head.wrapping_sub(1)).is_some_and(|h| h.head == 0)
                );
                *confusions.entry((key, String::new())).or_default() += 1;
            }
        }
        for (g, p) in s.words.iter().zip(&out) {
            n += 1;
            let e = by_gold_head.entry(uni(&g.deprel)).or_default();
            e.0 += 1;
            let l = by_len.entry(bucket).or_default();
            l.0 += 1;
            if g.head != p.head {
                head_err += 1;
                e.1 += 1;
                l.1 += 1;
            } else if uni(&g.deprel) != uni(&p.deprel) {
                lab_err += 1;
                *confusions
                    .entry((uni(&g.deprel), uni(&p.deprel)))
                    .or_default() += 1;
            }
        }
    }
    println!("{n} words, head errors {head_err}, label-only errors {lab_err}");
    let mut v: Vec<_> = by_gold_head.into_iter().collect();
    v.sort_by_key(|(_, (_, e))| std::cmp::Reverse(*e));
    println!("head errors by gold relation (count, errors):");
    for (r, (c, e)) in v.iter().take(20) {
        println!(
            "  {r:<12} {c:>6} {e:>5} {:.1}%",
            100.0 * *e as f64 / *c as f64
        );
    }
    let mut c: Vec<_> = confusions.into_iter().collect();
    c.sort_by_key(|(_, k)| std::cmp::Reverse(*k));
    println!("label confusions with the right head (gold -> system):");
    for ((g, p), k) in c.iter().take(25) {
        println!("  {g:<10} -> {p:<10} {k}");
    }
    println!("head errors by sentence length/10:");
    for (b, (c, e)) in by_len {
        println!("  {b} {c:>6} {e:>5} {:.1}%", 100.0 * e as f64 / c as f64);
    }
}
