//! Rebuild `data/attribution/cue_model.tsv` from PolNeAR **train** (never dev):
//! `cargo run --release -p sitrep-attribution --example train_cue_model -- ../shared/data data/attribution/cue_model.tsv`.

use std::fmt::Write as _;
use std::path::Path;

use sitrep_attribution::boost::BoostOptions;
use sitrep_attribution::eval::parse_ann;
use sitrep_attribution::learned::{train_model, TrainDoc};
use sitrep_core::Doc;

const EPOCHS: usize = 5;
const MIN_POS: usize = 2;
const MIN_SHARE: f32 = 0.1;
const PRUNE: f32 = 1.0;
/// Trees boosted on top of the linear model (chosen by cross-validation on the
/// two article folds of train; `BOOST=0` trains the linear model alone).
const BOOST: Option<BoostOptions> = Some(BoostOptions {
    rounds: 200,
    depth: 4,
    rate: 0.1,
    lambda: 10.0,
    min_hess: 2.0,
    min_count: 10,
});

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args.get(1).map_or("../shared/data", String::as_str);
    let out = args
        .get(2)
        .map_or("data/attribution/cue_model.tsv", String::as_str);
    let dir = Path::new(data).join("attribution-polnear/train");
    let mut files = sitrep_attribution::eval::ann_files(&dir.join("attributions"))?;
    // FOLD=k holds out the articles of fold k (all annotations of an article in
    // one fold, `article_fold`) for tuning on train.
    if let Some(k) = std::env::var("FOLD")
        .ok()
        .and_then(|f| f.parse::<usize>().ok())
    {
        files.retain(|f| {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            sitrep_attribution::learned::article_fold(stem) != k
        });
    }
    // The parse features need the syntax model (data/models); NOPARSE=1 trains without.
    let parser = if std::env::var("NOPARSE").is_ok() {
        None
    } else {
        Some(sitrep_syntax::Parser::load_default()?)
    };
    let mut docs = Vec::new();
    for ann in &files {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
        let text = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt")))?;
        let gold = parse_ann(&std::fs::read_to_string(ann)?, ann)?;
        let doc = Doc::new(base, text);
        let cues = gold
            .cue
            .iter()
            .flatten()
            .map(|&(a, b)| (doc.byte_offset(a), doc.byte_offset(b)))
            .collect();
        let parses = match &parser {
            Some(p) => (0..doc.sentences.len())
                .map(|s| sitrep_core::SentenceParser::parse_sentence_of(p, &doc, s))
                .collect(),
            None => Vec::new(),
        };
        docs.push(TrainDoc { doc, cues, parses });
    }
    // EPOCHS / MIN_SHARE override the settings for experiments.
    let env = |k: &str| std::env::var(k).ok();
    let epochs = env("EPOCHS").and_then(|v| v.parse().ok()).unwrap_or(EPOCHS);
    let min_share = env("MIN_SHARE")
        .and_then(|v| v.parse().ok())
        .unwrap_or(MIN_SHARE);
    let min_pos = env("MIN_POS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(MIN_POS);
    // OPEN=1 also learns open candidates (words the model does not list,
    // proposed by the parse: `cue_features::open_candidate`); QSKIP=1 leaves out
    // candidates inside quotes. Both off for the committed model (docs/quality.md).
    // BOOST=rounds,depth,rate,min_count,min_hess,lambda boosts trees on top of
    // the linear model (`boost`); BOOST=0 trains the linear model alone.
    let boost = match env("BOOST") {
        Some(v) if v == "0" => None,
        Some(v) => {
            let f: Vec<f32> = v.split(',').filter_map(|x| x.parse().ok()).collect();
            let d = BoostOptions::default();
            let at = |i: usize, dflt: f32| f.get(i).copied().unwrap_or(dflt);
            Some(BoostOptions {
                rounds: at(0, d.rounds as f32) as usize,
                depth: at(1, d.depth as f32) as usize,
                rate: at(2, d.rate),
                min_count: at(3, d.min_count as f32) as usize,
                min_hess: at(4, d.min_hess),
                lambda: at(5, d.lambda),
            })
        }
        None => BOOST,
    };
    let opts = sitrep_attribution::learned::TrainOptions {
        open: parser.is_some() && env("OPEN").is_some_and(|v| v == "1"),
        skip_quoted: env("QSKIP").is_some_and(|v| v == "1"),
        boost,
        // CLUSTERS=1 learns the word-cluster features (off: flat on CV, lost on dev).
        clusters: env("CLUSTERS").is_some_and(|v| v == "1"),
        // OLC=1: another lexicon cue in the sentence (experiment).
        olc: env("OLC").is_some_and(|v| v == "1"),
        // DROP=k1,sk= leaves features with these prefixes out (experiments).
        drop: env("DROP").map(|v| &*Box::leak(v.into_boxed_str())),
        // GATE=min_pos,share: open candidates only in word clusters that hold cues.
        open_gate: env("GATE").and_then(|v| {
            let (a, b) = v.split_once(',')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        }),
    };
    let prune = env("PRUNE").and_then(|v| v.parse().ok()).unwrap_or(PRUNE);
    let (weights, trees) = train_model(&docs, epochs, min_pos, min_share, prune, opts);
    let mut s = String::new();
    writeln!(
        s,
        "# sitrep cue proposer: averaged-perceptron weights, feature<TAB>weight."
    )?;
    writeln!(
        s,
        "# DERIVED DATA: learned from the PolNeAR train split ({} annotation files;",
        files.len()
    )?;
    writeln!(
        s,
        "# networkdynamics/PolNeAR, research corpus, no licence stated). No text is copied:"
    )?;
    writeln!(
        s,
        "# only feature names (words, word pairs, lemmas, POS tags, dependency relations) and weights."
    )?;
    writeln!(
        s,
        "# Parse features from the syntax model data/models/en_ewt.syntax.zst; `L=` lines are lemma candidates."
    )?;
    writeln!(s, "# Rebuild: cargo run --release -p sitrep-attribution --example train_cue_model -- ../shared/data data/attribution/cue_model.tsv")?;
    writeln!(s, "# Settings: epochs {epochs}, candidates labelled >= {min_pos} times with cue share >= {min_share}, |weight| >= {prune}.")?;
    if let Some(b) = opts.boost {
        writeln!(
            s,
            "# Trees: {b:?}, from the calibrated out-of-fold linear score; leaves in its units."
        )?;
    }
    if opts.open || opts.skip_quoted || opts.clusters || opts.olc {
        writeln!(s, "# Options: {opts:?}.")?;
    }
    writeln!(
        s,
        "# `threshold` is the score a candidate must exceed (set by hand, tuned on train)."
    )?;
    writeln!(
        s,
        "threshold\t{}",
        sitrep_attribution::learned::DEFAULT_THRESHOLD
    )?;
    writeln!(
        s,
        "# `veto` is the score below which a one-word lexicon cue is dropped (same tuning)."
    )?;
    writeln!(s, "veto\t{}", sitrep_attribution::learned::DEFAULT_VETO)?;
    for (f, w) in &weights {
        writeln!(s, "{f}\t{w}")?;
    }
    for t in trees.lines() {
        writeln!(s, "{t}")?;
    }
    std::fs::write(out, s)?;
    eprintln!(
        "{} docs, {} weights, {} trees -> {out}",
        docs.len(),
        weights.len(),
        trees.len()
    );
    Ok(())
}
