//! Rebuild `data/attribution/cue_seq.tsv.zst`, the sequence cue tagger
//! (`sitrep_attribution::seq`), from PolNeAR **train** (never dev):
//! `cargo run --release -p sitrep-attribution --example train_cue_seq -- ../shared/data data/attribution/cue_seq.tsv.zst`.
//! `FOLD=k` leaves out the articles of fold k (`article_fold`) for cross-validation;
//! `EPOCHS=`, `MIN_COUNT=`, `PRUNE=` override the settings. An output path not
//! ending in `.zst` is written as plain text.

use std::path::Path;

use sitrep_attribution::eval::parse_ann;
use sitrep_attribution::lexicon::{CueLexicon, DEFAULT_CUES};
use sitrep_attribution::seq::{train, SeqDoc};
use sitrep_core::Doc;

const EPOCHS: usize = 6;
const MIN_COUNT: usize = 3;
const PRUNE: f32 = 1.0;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args.get(1).map_or("../shared/data", String::as_str);
    let out = args
        .get(2)
        .map_or("data/attribution/cue_seq.tsv.zst", String::as_str);
    let dir = Path::new(data).join("attribution-polnear/train");
    let mut files = sitrep_attribution::eval::ann_files(&dir.join("attributions"))?;
    let fold = std::env::var("FOLD")
        .ok()
        .and_then(|f| f.parse::<usize>().ok());
    let all_files = files.clone();
    if let Some(k) = fold {
        files.retain(|f| {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            sitrep_attribution::learned::article_fold(stem) != k
        });
    }
    let env = |k: &str| std::env::var(k).ok();
    let epochs = env("EPOCHS").and_then(|v| v.parse().ok()).unwrap_or(EPOCHS);
    let min_count = env("MIN_COUNT")
        .and_then(|v| v.parse().ok())
        .unwrap_or(MIN_COUNT);
    let prune = env("PRUNE").and_then(|v| v.parse().ok()).unwrap_or(PRUNE);
    let parser = sitrep_syntax::Parser::load_default()?;
    // Parse each article once (several annotators share a text).
    let mut texts = Parsed::default();
    let mut golds = Vec::new();
    for ann in &files {
        let base = parse_article(&mut texts, &dir, &parser, ann)?;
        let doc = &texts[&base].0;
        let gold = parse_ann(&std::fs::read_to_string(ann)?, ann)?;
        let cues: Vec<(usize, usize)> = gold
            .cue
            .iter()
            .flatten()
            .map(|&(a, b)| (doc.byte_offset(a), doc.byte_offset(b)))
            .collect();
        golds.push((base, cues));
    }
    let docs: Vec<SeqDoc> = golds
        .iter()
        .map(|(base, cues)| SeqDoc {
            doc: &texts[base].0,
            cues,
            parses: &texts[base].1,
        })
        .collect();
    let lexicon = CueLexicon::parse(DEFAULT_CUES)?;
    let body = train(&docs, &lexicon, epochs, min_count, prune);
    let mut s = String::new();
    s.push_str("# sitrep sequence cue tagger (BIO, averaged structured perceptron): feature<TAB>O<TAB>B<TAB>I.\n");
    s.push_str(&format!(
        "# DERIVED DATA: learned from the PolNeAR train split ({} annotation files;\n",
        files.len()
    ));
    s.push_str(
        "# networkdynamics/PolNeAR, research corpus, no licence stated). No text is copied:\n",
    );
    s.push_str("# only feature names (words, word pairs, lemmas, POS tags, dependency relations, lexicon tags) and weights.\n");
    s.push_str("# Parse features from the syntax model data/models/en_ewt.syntax.zst.\n");
    s.push_str("# Rebuild: cargo run --release -p sitrep-attribution --example train_cue_seq -- ../shared/data data/attribution/cue_seq.tsv.zst\n");
    s.push_str(&format!(
        "# Settings: epochs {epochs}, features seen >= {min_count} times, max |weight| >= {prune}.\n"
    ));
    s.push_str(&body);
    if out.ends_with(".zst") {
        std::fs::write(out, zstd::encode_all(s.as_bytes(), 19)?)?;
    } else {
        std::fs::write(out, &s)?;
    }
    // EVAL=1 (with FOLD=k): the tagger alone on the held-out articles, cue
    // spans outside quotes against gold (overlap and exact).
    if let (Some(k), true) = (fold, std::env::var("EVAL").is_ok()) {
        let model = sitrep_attribution::seq::SeqModel::parse(&s)?;
        let (mut tp, mut tpx, mut np, mut ng) = (0usize, 0usize, 0usize, 0usize);
        let mut cache = Parsed::default();
        for ann in all_files.iter().filter(|f| {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            sitrep_attribution::learned::article_fold(stem) == k
        }) {
            let base = parse_article(&mut cache, &dir, &parser, ann)?;
            let (doc, parses) = &cache[&base];
            let gold = parse_ann(&std::fs::read_to_string(ann)?, ann)?;
            let gold: Vec<(usize, usize)> = gold
                .cue
                .iter()
                .map(|f| (doc.byte_offset(f[0].0), doc.byte_offset(f[f.len() - 1].1)))
                .collect();
            let frames = sitrep_attribution::frames::Frames::new(doc, &lexicon, &[]);
            let mut pred = Vec::new();
            for si in 0..doc.sentences.len() {
                let kept = frames.cues_in(si);
                let lex = sitrep_attribution::seq::LexTags::of_sentence(&frames, si, &kept);
                for sp in model.spans(&frames, si, parses.get(si), &lex).spans {
                    if frames.in_quote[sp.first].is_none() {
                        pred.push((doc.tokens[sp.first].start, doc.tokens[sp.last].end));
                    }
                }
            }
            np += pred.len();
            ng += gold.len();
            tp += gold
                .iter()
                .filter(|g| pred.iter().any(|p| p.0 < g.1 && g.0 < p.1))
                .count();
            tpx += gold.iter().filter(|g| pred.contains(g)).count();
        }
        let f = |t: usize| {
            let (p, r) = (t as f64 / np.max(1) as f64, t as f64 / ng.max(1) as f64);
            format!(
                "P {p:.3} R {r:.3} F1 {:.3}",
                2.0 * p * r / (p + r).max(1e-9)
            )
        };
        println!("seq alone fold {k}: overlap {} | exact {}", f(tp), f(tpx));
    }
    eprintln!(
        "{} annotation files, {} articles, {} lines -> {out}",
        files.len(),
        texts.len(),
        s.lines().count()
    );
    Ok(())
}

/// Articles parsed once each, by base name (several annotators share a text).
type Parsed = std::collections::BTreeMap<String, (Doc, Vec<sitrep_core::SentenceParse>)>;

/// Read and parse the article of annotation file `ann` into `texts` unless it
/// is there already; returns its base name.
fn parse_article(
    texts: &mut Parsed,
    dir: &std::path::Path,
    parser: &sitrep_syntax::Parser,
    ann: &std::path::Path,
) -> std::io::Result<String> {
    let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b).to_string();
    if !texts.contains_key(&base) {
        let text = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt")))?;
        let doc = Doc::new(base.as_str(), text);
        let parses = (0..doc.sentences.len())
            .map(|s| sitrep_core::SentenceParser::parse_sentence_of(parser, &doc, s))
            .collect();
        texts.insert(base.clone(), (doc, parses));
    }
    Ok(base)
}
