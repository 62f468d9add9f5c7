//! Cross-validate cue settings on PolNeAR train in one process, parsing each
//! held-out article once for every setting tried:
//! `FOLD=0 MODEL=m0.tsv SEQ=s0.tsv.zst GRID='t=2;t=1.5,sb=10' cargo run --release -p sitrep-attribution --example cue_cv -- ../shared/data`.
//! Keys of a setting: `t` threshold, `v` veto, `sm` / `sb` the tagger's margin
//! and bias, `sv` / `svl` its veto lines. Prints cue / source / content overlap
//! F1 (and cue P / R, cue exact F1, source and content exact F1) of the
//! held-out fold's articles (`SPLIT=dev` without `FOLD`: all of dev);
//! `ERRORS=1` prints the first setting's missed and false cues and sources.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use sitrep_attribution::eval::{ann_files, parse_ann, predict, score, Counts};
use sitrep_attribution::ClaimTagger;
use sitrep_core::{Doc, SentenceParse, SentenceParser};

/// The default parser behind a cache keyed by the sentence's text.
struct Cached(sitrep_syntax::Parser, Mutex<HashMap<String, SentenceParse>>);

impl SentenceParser for Cached {
    fn parse_sentence_of(&self, doc: &Doc, s: usize) -> SentenceParse {
        let r = doc.sentences[s].tokens.clone();
        let key = format!(
            "{s}\u{1}{}",
            &doc.text[doc.tokens[r.start].start..doc.tokens[r.end - 1].end]
        );
        if let Some(p) = self.1.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return p;
        }
        let p = self.0.parse_sentence_of(doc, s);
        if let Ok(mut m) = self.1.lock() {
            m.insert(key, p.clone());
        }
        p
    }
}

fn f1(c: &Counts) -> (f64, f64, f64, f64) {
    let p = c.tp_overlap as f64 / c.pred.max(1) as f64;
    let r = c.tp_overlap as f64 / c.gold.max(1) as f64;
    let pe = c.tp_exact as f64 / c.pred.max(1) as f64;
    let re = c.tp_exact as f64 / c.gold.max(1) as f64;
    (
        p,
        r,
        2.0 * p * r / (p + r).max(1e-9),
        2.0 * pe * re / (pe + re).max(1e-9),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args.get(1).map_or("../shared/data", String::as_str);
    let split = std::env::var("SPLIT").unwrap_or_else(|_| "train".into());
    let fold: Option<usize> = std::env::var("FOLD").ok().and_then(|f| f.parse().ok());
    let dir = Path::new(data).join("attribution-polnear").join(&split);
    let mut files = ann_files(&dir.join("attributions"))?;
    if let Some(k) = fold {
        files.retain(|f| {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            sitrep_attribution::learned::article_fold(stem) == k
        });
    }
    // Texts with their annotation files.
    let mut by_text: std::collections::BTreeMap<String, Vec<sitrep_attribution::eval::SpanSets>> =
        Default::default();
    for ann in &files {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b).to_string();
        let gold = parse_ann(&std::fs::read_to_string(ann)?, ann)?;
        by_text.entry(base).or_default().push(gold);
    }
    let texts: Vec<(String, String, Vec<_>)> = by_text
        .into_iter()
        .map(|(b, g)| {
            let t = std::fs::read_to_string(dir.join("text").join(format!("{b}.txt")))?;
            Ok((b, t, g))
        })
        .collect::<Result<_, std::io::Error>>()?;
    let cached = Arc::new(Cached(
        sitrep_syntax::Parser::load_default()?,
        Mutex::new(HashMap::new()),
    ));
    let parser: Arc<dyn SentenceParser> = cached.clone();
    let model = match std::env::var("MODEL") {
        Ok(p) => std::fs::read_to_string(p)?,
        Err(_) => sitrep_attribution::learned::DEFAULT_CUE_MODEL.to_string(),
    };
    let seq = match std::env::var("SEQ") {
        Ok(p) if p == "none" => None,
        Ok(p) if p.ends_with(".zst") => Some(sitrep_attribution::seq::SeqModel::from_zst(
            &std::fs::read(p)?,
        )?),
        Ok(p) => Some(sitrep_attribution::seq::SeqModel::parse(
            &std::fs::read_to_string(p)?,
        )?),
        Err(_) => Some(sitrep_attribution::seq::SeqModel::bundled()?),
    };
    let grid = std::env::var("GRID").unwrap_or_default();
    let mut dump = std::env::var("ERRORS").is_ok();
    for setting in grid.split(';') {
        let mut tagger = ClaimTagger::from_strs(
            sitrep_attribution::lexicon::DEFAULT_CUES,
            sitrep_attribution::lexicon::DEFAULT_CONTENT_CUES,
            sitrep_attribution::outlets::DEFAULT_OUTLETS,
        )?
        .with_model(&model)?
        .with_seq(seq.clone())?
        .with_parser(parser.clone());
        let (mut sv, mut svl) = (None, None);
        let (mut sm, mut sb) = (None, None);
        for kv in setting.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').ok_or("key=value")?;
            let v: f32 = v.parse()?;
            match k {
                "t" => tagger.set_model_threshold(v),
                "v" => tagger.set_model_veto(v),
                "sm" => sm = Some(v),
                "sb" => sb = Some(v),
                "sv" => sv = Some(v),
                "svl" => svl = Some(v),
                _ => return Err(format!("unknown key {k}").into()),
            }
        }
        let veto =
            (sv.is_some() || svl.is_some()).then(|| (sv.unwrap_or(20.0), svl.unwrap_or(20.0)));
        tagger.set_seq(sm, sb, veto);
        let (mut cue, mut src, mut con) = (Counts::default(), Counts::default(), Counts::default());
        for (base, text, golds) in &texts {
            let pred = predict(&tagger, base, text);
            if dump {
                let doc = Doc::new(base.as_str(), text.as_str());
                let mut a = sitrep_core::Analysis::default();
                sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
                let rules: HashMap<(usize, usize), String> = a
                    .claims
                    .iter()
                    .map(|c| ((c.cue.start, c.cue.end), c.rule.clone()))
                    .collect();
                dump_errors(base, text, &pred.cue, &golds[0].cue, &rules, "");
                dump_errors(base, text, &pred.source, &golds[0].source, &rules, "S");
            }
            for g in golds {
                for (acc, c) in [
                    (&mut cue, score(&pred.cue, &g.cue)),
                    (&mut src, score(&pred.source, &g.source)),
                    (&mut con, score(&pred.content, &g.content)),
                ] {
                    acc.pred += c.pred;
                    acc.gold += c.gold;
                    acc.tp_overlap += c.tp_overlap;
                    acc.tp_exact += c.tp_exact;
                }
            }
        }
        dump = false;
        let (p, r, f, fe) = f1(&cue);
        let (_, _, sf, sx) = f1(&src);
        let (_, _, cf, cx) = f1(&con);
        println!(
            "fold {fold:?} [{setting}] cue P {p:.4} R {r:.4} F1 {f:.4} exact {fe:.4} | source {sf:.4} content {cf:.4} | exact source {sx:.4} content {cx:.4}"
        );
    }
    if let Ok(m) = cached.1.lock() {
        eprintln!("{} sentences parsed", m.len());
    }
    Ok(())
}

/// `ERRORS=1`: the first setting's missed (`FN`) and false (`FP`) cues of each
/// text against its first annotation file, with the cue's line around it.
fn dump_errors(
    base: &str,
    text: &str,
    pred: &[sitrep_attribution::eval::Frags],
    gold: &[sitrep_attribution::eval::Frags],
    rules: &HashMap<(usize, usize), String>,
    role: &str,
) {
    let chars: Vec<char> = text.chars().collect();
    let span = |f: &sitrep_attribution::eval::Frags| {
        let (a, b) = (f[0].0, f[f.len() - 1].1);
        let mut s = a;
        while s > 0 && chars[s - 1] != '\n' && a - s < 200 {
            s -= 1;
        }
        let mut e = b;
        while e < chars.len() && chars[e] != '\n' && e - b < 120 {
            e += 1;
        }
        let w: String = f
            .iter()
            .map(|&(x, y)| chars[x..y].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ");
        let pre: String = chars[s..a].iter().collect();
        let post: String = chars[b..e].iter().collect();
        (
            w,
            format!("{pre}[[{}]]{post}", chars[a..b].iter().collect::<String>()),
        )
    };
    let ov = |a: &sitrep_attribution::eval::Frags, b: &sitrep_attribution::eval::Frags| {
        a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
    };
    for g in gold {
        if !pred.iter().any(|p| ov(p, g)) {
            let (w, c) = span(g);
            println!("{role}FN\t{base}\t{}\t{w}\t{c}", g[0].0);
        }
    }
    for p in pred {
        let rule = rules.get(&(p[0].0, p[0].1)).map_or("?", String::as_str);
        let (w, c) = span(p);
        let kind = if gold.iter().any(|g| ov(p, g)) {
            "TP"
        } else {
            "FP"
        };
        println!("{role}{kind}\t{base}\t{}\t{w}\t{c}\t{rule}", p[0].0);
    }
}
