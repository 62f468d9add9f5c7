//! Score PolNeAR and print errors for tuning:
//! `cargo run --release -p sitrep-attribution --example polnear -- ../shared/data train [N]`.

use std::path::Path;

use sitrep_attribution::eval::run_split;
use sitrep_attribution::ClaimTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args.get(1).map_or("../shared/data", String::as_str);
    let split = args.get(2).map_or("dev", String::as_str);
    let show: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut tagger = match std::env::var("MODEL") {
        Ok(path) => ClaimTagger::from_strs(
            sitrep_attribution::lexicon::DEFAULT_CUES,
            sitrep_attribution::lexicon::DEFAULT_CONTENT_CUES,
            sitrep_attribution::outlets::DEFAULT_OUTLETS,
        )?
        .with_model(&std::fs::read_to_string(path)?)?,
        Err(_) => ClaimTagger::load_default()?,
    };
    // SEQ=path: the sequence cue tagger (`.zst` or plain text; `none`: without it).
    if let Ok(path) = std::env::var("SEQ") {
        let seq = match path.as_str() {
            "none" => None,
            p if p.ends_with(".zst") => Some(sitrep_attribution::seq::SeqModel::from_zst(
                &std::fs::read(p)?,
            )?),
            p => Some(sitrep_attribution::seq::SeqModel::parse(
                &std::fs::read_to_string(p)?,
            )?),
        };
        tagger = tagger.with_seq(seq)?;
    }
    let num = |k: &str| std::env::var(k).ok().and_then(|t| t.parse::<f32>().ok());
    // SEQ_VETO=learned[,lexicon]: veto lines for the two kinds of cue.
    let veto = std::env::var("SEQ_VETO").ok().map(|v| {
        let mut it = v
            .split(',')
            .map(|x| x.parse::<f32>().unwrap_or(f32::INFINITY));
        let a = it.next().unwrap_or(f32::INFINITY);
        (a, it.next().unwrap_or(f32::INFINITY))
    });
    tagger.set_seq(num("SEQ_MARGIN"), num("SEQ_BIAS"), veto);
    // SEQ_EXTEND=0..3: the span extender; SEQ_ALL=0|1: parse every sentence for it.
    tagger.set_seq_extend(
        std::env::var("SEQ_EXTEND")
            .ok()
            .and_then(|v| v.parse().ok()),
        std::env::var("SEQ_ALL").ok().map(|v| v != "0"),
    );
    // PARSE=1: parse with the default syntax model, counting the sentences parsed.
    let parsed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    if std::env::var("PARSE").is_ok() {
        struct Counting(
            sitrep_syntax::Parser,
            std::sync::Arc<std::sync::atomic::AtomicUsize>,
        );
        impl sitrep_core::SentenceParser for Counting {
            fn parse_sentence_of(
                &self,
                doc: &sitrep_core::Doc,
                s: usize,
            ) -> sitrep_core::SentenceParse {
                self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                self.0.parse_sentence_of(doc, s)
            }
        }
        let p = sitrep_syntax::Parser::load_default()?;
        tagger = tagger.with_parser(std::sync::Arc::new(Counting(p, parsed.clone())));
    }
    // BAND=lo,hi: word-window scores that make a sentence worth a parse.
    if let Some((lo, hi)) = std::env::var("BAND").ok().and_then(|b| {
        let (l, h) = b.split_once(',')?;
        Some((l.parse().ok()?, h.parse().ok()?))
    }) {
        tagger.set_model_parse_band(lo, hi);
    }
    if let Some(t) = std::env::var("THRESHOLD").ok().and_then(|t| t.parse().ok()) {
        tagger.set_model_threshold(t);
    }
    if let Some(v) = std::env::var("VETO").ok().and_then(|t| t.parse().ok()) {
        tagger.set_model_veto(v);
    }
    let t0 = std::time::Instant::now();
    let (report, docs) = run_split(&tagger, &Path::new(data).join("attribution-polnear"), split)?;
    let elapsed = t0.elapsed();
    // Speed of tokenizing + tagging alone (no scoring, no file reading).
    let t1 = std::time::Instant::now();
    let mut sentences = 0;
    for d in &docs {
        let doc = sitrep_core::Doc::new("speed", d.text.as_str());
        sentences += doc.sentences.len();
        let mut a = sitrep_core::Analysis::default();
        sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
    }
    let t = t1.elapsed().as_secs_f64();
    eprintln!(
        "{} docs scored in {:?}; tag-only: {} sentences in {:.3}s = {:.0} sentences/s; {} sentences parsed (both passes)",
        docs.len(),
        elapsed,
        sentences,
        t,
        sentences as f64 / t,
        parsed.load(std::sync::atomic::Ordering::Relaxed)
    );
    // DIAG=1: why gold cues were missed (tokens of the first word of each missed cue).
    if std::env::var("DIAG").is_ok() {
        let model = sitrep_attribution::learned::CueModel::parse(
            &std::env::var("MODEL")
                .ok()
                .and_then(|p| std::fs::read_to_string(p).ok())
                .unwrap_or_else(|| sitrep_attribution::learned::DEFAULT_CUE_MODEL.to_string()),
        )?;
        let fold: Option<usize> = std::env::var("FOLD").ok().and_then(|f| f.parse().ok());
        let mut cats: std::collections::BTreeMap<String, usize> = Default::default();
        let mut buf = sitrep_attribution::learned::FeatureBuf::default();
        for d in &docs {
            if fold.is_some_and(|k| sitrep_attribution::learned::article_fold(&d.file) != k) {
                continue;
            }
            let doc = sitrep_core::Doc::new("x", d.text.as_str());
            let quotes = sitrep_attribution::frames::find_quotes(&doc);
            for g in &d.gold.cue {
                let hit = d
                    .pred
                    .cue
                    .iter()
                    .any(|p| p.iter().any(|x| g.iter().any(|y| x.0 < y.1 && y.0 < x.1)));
                if hit {
                    continue;
                }
                let t = doc.token_at(doc.byte_offset(g[0].0));
                if t >= doc.tokens.len() {
                    continue;
                }
                let inq = quotes.iter().any(|q| q.open < t && t < q.close);
                let end = doc.byte_offset(g[g.len() - 1].1);
                let mut best: Option<(f32, usize)> = None;
                let mut k = t;
                while k < doc.tokens.len() && doc.tokens[k].start < end {
                    if let Some(sc) = model.score(&doc, k, &mut buf) {
                        if best.is_none_or(|b| sc > b.0) {
                            best = Some((sc, k));
                        }
                    }
                    k += 1;
                }
                let cat = if inq {
                    "in_quote".to_string()
                } else if let Some((sc, bk)) = best {
                    if std::env::var("WORDS").is_ok() && sc < -1.0 {
                        println!("W {}", doc.lower(bk));
                    }
                    format!("cand score {}", (sc.floor() as i32).clamp(-3, 3))
                } else if !sitrep_attribution::learned::candidate_shape(&doc, t) {
                    "not lower-case word".to_string()
                } else {
                    "not candidate".to_string()
                };
                *cats.entry(cat).or_default() += 1;
            }
        }
        for (c, n) in cats {
            println!("{n:6} {c}");
        }
        return Ok(());
    }
    // BOUNDS=1: gold cues matched exactly, overlapped with other bounds, or wholly
    // missed, split by the gold cue's length in words (one / several).
    if std::env::var("BOUNDS").is_ok() {
        let mut tally: std::collections::BTreeMap<String, usize> = Default::default();
        for d in &docs {
            for g in &d.gold.cue {
                let words = g
                    .iter()
                    .map(|&(a, b)| {
                        d.text
                            .chars()
                            .skip(a)
                            .take(b - a)
                            .collect::<String>()
                            .split_whitespace()
                            .count()
                    })
                    .sum::<usize>();
                let len = if words > 1 { "multi-word" } else { "one-word" };
                let exact = d.pred.cue.iter().any(|p| p == g);
                let over = d
                    .pred
                    .cue
                    .iter()
                    .any(|p| p.iter().any(|x| g.iter().any(|y| x.0 < y.1 && y.0 < x.1)));
                let how = if exact {
                    "exact"
                } else if over {
                    "overlap, other bounds"
                } else {
                    "missed"
                };
                *tally.entry(format!("{len:10} {how}")).or_default() += 1;
            }
        }
        for (k, n) in tally {
            println!("{n:6} {k}");
        }
        return Ok(());
    }
    // RULES=1: true and false cues by the claim's cue id (after the last ':').
    if std::env::var("RULES").is_ok() {
        let fold: Option<usize> = std::env::var("FOLD").ok().and_then(|f| f.parse().ok());
        let mut tally: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for d in &docs {
            if fold.is_some_and(|k| sitrep_attribution::learned::article_fold(&d.file) != k) {
                continue;
            }
            let doc = sitrep_core::Doc::new("x", d.text.as_str());
            let mut a = sitrep_core::Analysis::default();
            sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
            let mut seen = std::collections::HashSet::new();
            for c in &a.claims {
                if !seen.insert((c.cue.start, c.cue.end)) {
                    continue;
                }
                let hit = d
                    .gold
                    .cue
                    .iter()
                    .any(|g| g.iter().any(|y| c.cue.start < y.1 && y.0 < c.cue.end));
                let id = c.rule.rsplit(':').next().unwrap_or("").to_string();
                let id = if id == "learned" || id == "seq" {
                    id
                } else {
                    "lexicon".into()
                };
                let e = tally.entry(id).or_default();
                if hit {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        for (k, (t, f)) in tally {
            println!("{k:10} true {t:6} false {f:6}");
        }
        return Ok(());
    }
    // FOLD=k: score only the held-out articles (`article_fold` == k) of a FOLD-trained model.
    if let Some(k) = std::env::var("FOLD")
        .ok()
        .and_then(|f| f.parse::<usize>().ok())
    {
        use sitrep_attribution::eval::score;
        for role in ["cue", "source", "content"] {
            let (mut tp, mut p, mut g) = (0, 0, 0);
            for d in docs
                .iter()
                .filter(|d| sitrep_attribution::learned::article_fold(&d.file) == k)
            {
                let (pr, go) = match role {
                    "cue" => (&d.pred.cue, &d.gold.cue),
                    "source" => (&d.pred.source, &d.gold.source),
                    _ => (&d.pred.content, &d.gold.content),
                };
                let c = score(pr, go);
                tp += c.tp_overlap;
                p += c.pred;
                g += c.gold;
            }
            let (pp, r) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
            println!(
                "fold {k} {role}: P {pp:.3} R {r:.3} F1 {:.3} (overlap)",
                2.0 * pp * r / (pp + r).max(1e-9)
            );
        }
        return Ok(());
    }
    for m in &report.metrics {
        println!("{:<22} {:.3}", m.name, m.value);
    }
    for n in &report.notes {
        println!("{n}");
    }
    let ctx = std::env::var("CTX").is_ok();
    let slice = |t: &str, f: &[(usize, usize)]| -> String {
        let inner = f
            .iter()
            .map(|&(a, b)| t.chars().skip(a).take(b - a).collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ");
        if !ctx {
            return inner;
        }
        let (a, b) = (f[0].0, f[f.len() - 1].1);
        let pre: String = t
            .chars()
            .skip(a.saturating_sub(70))
            .take(a.min(70))
            .collect();
        let post: String = t.chars().skip(b).take(40).collect();
        format!("{pre}[[{inner}]]{post}")
    };
    let mut shown = 0;
    for d in &docs {
        for role in ["cue", "source", "content"] {
            let (p, g) = match role {
                "cue" => (&d.pred.cue, &d.gold.cue),
                "source" => (&d.pred.source, &d.gold.source),
                _ => (&d.pred.content, &d.gold.content),
            };
            for f in p {
                let ov = g
                    .iter()
                    .find(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)));
                let mismatch = std::env::var("MISMATCH").is_ok();
                if let Some(x) = ov.filter(|x| mismatch && shown < show && *x != f) {
                    println!(
                        "MM {role} {}: pred {:?} gold {:?}",
                        d.file,
                        slice(&d.text, f),
                        slice(&d.text, x)
                    );
                    shown += 1;
                }
                if shown < show
                    && !g
                        .iter()
                        .any(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)))
                {
                    println!("FP {role} {}: {:?}", d.file, slice(&d.text, f));
                    shown += 1;
                }
            }
            for f in g {
                if shown < show
                    && !p
                        .iter()
                        .any(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)))
                {
                    println!("FN {role} {}: {:?}", d.file, slice(&d.text, f));
                    shown += 1;
                }
            }
        }
    }
    Ok(())
}
