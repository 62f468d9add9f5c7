//! Evaluation of the attribution stage on PolNeAR (`../shared/data/attribution-polnear`).
//!
//! Owns reading the brat standoff files (Source, Cue and Content spans, possibly
//! discontinuous, linked in attribution relations) and scoring predicted claims
//! against them: precision, recall and F1 for cue, source and content, with exact
//! matching (same start and end of the span's hull) and overlap matching (one-to-one,
//! any shared character), overall and per outlet. Doubly annotated articles are
//! scored once per annotation file. Nothing from the corpus is copied into the repo.
//!
//! Also owns the `meantime` suite: [`crate::factuality`] scored on MEANTIME English
//! Wikinews (`../shared/data/factuality-meantime/conll_gold`), certainty, polarity and
//! time accuracy with F1 per class and macro-F1.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sitrep_core::eval::prf;
use sitrep_core::{Analysis, Doc, EvalReport, Stage};

use crate::{ClaimTagger, Error};

/// A span as char-offset fragments.
pub type Frags = Vec<(usize, usize)>;

/// Gold (or predicted) spans of one document, per role.
#[derive(Debug, Default, Clone)]
pub struct SpanSets {
    pub cue: Vec<Frags>,
    pub source: Vec<Frags>,
    pub content: Vec<Frags>,
}

/// True-positive, predicted and gold counts for exact and overlap matching.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp_exact: usize,
    pub tp_overlap: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp_exact += o.tp_exact;
        self.tp_overlap += o.tp_overlap;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// Scores for the three roles.
#[derive(Debug, Default, Clone, Copy)]
pub struct RoleCounts {
    pub cue: Counts,
    pub source: Counts,
    pub content: Counts,
}

impl RoleCounts {
    fn add(&mut self, o: RoleCounts) {
        self.cue.add(o.cue);
        self.source.add(o.source);
        self.content.add(o.content);
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Parse one brat `.ann` file into span sets (only spans that take part in a relation).
pub fn parse_ann(text: &str, path: &Path) -> Result<SpanSets, Error> {
    let mut spans: BTreeMap<&str, (&str, Frags)> = BTreeMap::new();
    let mut used: Vec<&str> = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        if id.starts_with('T') {
            let Some((label, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for r in ranges.split(';') {
                let mut it = r.split_whitespace().map(str::parse::<usize>);
                match (it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b))) => frags.push((a, b)),
                    _ => {
                        return Err(Error::Format {
                            path: path.display().to_string(),
                            msg: format!("bad range in {line:?}"),
                        })
                    }
                }
            }
            spans.insert(id, (label, frags));
        } else if id.starts_with('E') {
            for arg in body.split_whitespace() {
                if let Some((_, t)) = arg.split_once(':') {
                    used.push(t);
                }
            }
        }
    }
    let mut out = SpanSets::default();
    for t in used {
        let Some((label, frags)) = spans.get(t) else {
            continue;
        };
        let list = match *label {
            "Cue" => &mut out.cue,
            "Source" => &mut out.source,
            "Content" => &mut out.content,
            _ => continue,
        };
        if !list.contains(frags) {
            list.push(frags.clone());
        }
    }
    Ok(out)
}

/// Predicted span sets for a text.
pub fn predict(tagger: &ClaimTagger, id: &str, text: &str) -> SpanSets {
    let doc = Doc::new(id, text);
    let mut analysis = Analysis::default();
    tagger.annotate(&doc, &mut analysis);
    let mut out = SpanSets::default();
    let push = |list: &mut Vec<Frags>, s: &sitrep_core::Span| {
        let f = vec![(s.start, s.end)];
        if s.end > s.start && !list.contains(&f) {
            list.push(f);
        }
    };
    // Claims that share a cue (a quote continued over several sentences) are one
    // relation with a discontinuous content, as PolNeAR annotates them.
    let mut by_cue: BTreeMap<(usize, usize), Frags> = BTreeMap::new();
    for c in &analysis.claims {
        push(&mut out.cue, &c.cue);
        if let Some(s) = &c.source {
            push(&mut out.source, s);
        }
        if c.content.end > c.content.start {
            by_cue
                .entry((c.cue.start, c.cue.end))
                .or_default()
                .push((c.content.start, c.content.end));
        }
    }
    for (_, mut frags) in by_cue {
        frags.sort_unstable();
        frags.dedup();
        if !out.content.contains(&frags) {
            out.content.push(frags);
        }
    }
    out
}

fn hull(f: &Frags) -> (usize, usize) {
    let a = f.iter().map(|x| x.0).min().unwrap_or(0);
    let b = f.iter().map(|x| x.1).max().unwrap_or(0);
    (a, b)
}

fn overlaps(a: &Frags, b: &Frags) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

/// Score predicted against gold spans of one role.
pub fn score(pred: &[Frags], gold: &[Frags]) -> Counts {
    let gold_hulls: Vec<(usize, usize)> = gold.iter().map(hull).collect();
    let mut used_exact = vec![false; gold.len()];
    let mut used_overlap = vec![false; gold.len()];
    let mut c = Counts {
        pred: pred.len(),
        gold: gold.len(),
        ..Counts::default()
    };
    for p in pred {
        let h = hull(p);
        if let Some(g) = (0..gold.len()).find(|&g| !used_exact[g] && gold_hulls[g] == h) {
            used_exact[g] = true;
            c.tp_exact += 1;
        }
        // Prefer an exact partner for the overlap match, then the first overlapping one.
        let g = (0..gold.len())
            .find(|&g| !used_overlap[g] && gold_hulls[g] == h)
            .or_else(|| (0..gold.len()).find(|&g| !used_overlap[g] && overlaps(p, &gold[g])));
        if let Some(g) = g {
            used_overlap[g] = true;
            c.tp_overlap += 1;
        }
    }
    c
}

fn score_doc(pred: &SpanSets, gold: &SpanSets) -> RoleCounts {
    RoleCounts {
        cue: score(&pred.cue, &gold.cue),
        source: score(&pred.source, &gold.source),
        content: score(&pred.content, &gold.content),
    }
}

/// Read `metadata.tsv`: article file name → publisher.
fn publishers(root: &Path) -> Result<BTreeMap<String, String>, Error> {
    let path = root.join("metadata.tsv");
    let mut out = BTreeMap::new();
    if !path.is_file() {
        return Ok(out);
    }
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let fcol = header.iter().position(|h| *h == "filename").unwrap_or(1);
    let pcol = header.iter().position(|h| *h == "publisher").unwrap_or(4);
    for l in lines {
        let cols: Vec<&str> = l.split('\t').collect();
        if let (Some(f), Some(p)) = (cols.get(fcol), cols.get(pcol)) {
            out.insert(f.to_string(), p.to_string());
        }
    }
    Ok(out)
}

/// One scored document, for error analysis.
pub struct DocResult {
    pub file: String,
    pub text: String,
    pub gold: SpanSets,
    pub pred: SpanSets,
}

/// The brat `.ann` files of one PolNeAR `attributions` directory, sorted by
/// path (the evaluation and the training examples read them in this order).
pub fn ann_files(ann_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    files_with_extension(ann_dir, "ann")
}

/// The files of `dir` with extension `ext`, sorted by path.
fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// Score one split (`dev` or `train`) of PolNeAR; returns the report and per-document results.
pub fn run_split(
    tagger: &ClaimTagger,
    root: &Path,
    split: &str,
) -> Result<(EvalReport, Vec<DocResult>), Error> {
    let dir = root.join(split);
    let ann_dir = dir.join("attributions");
    let pubs = publishers(root)?;
    let files = ann_files(&ann_dir)?;
    let mut total = RoleCounts::default();
    let mut by_outlet: BTreeMap<String, (usize, RoleCounts)> = BTreeMap::new();
    let mut results = Vec::new();
    for ann in &files {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
        let txt_path = dir.join("text").join(format!("{base}.txt"));
        let text = std::fs::read_to_string(&txt_path).map_err(io(&txt_path))?;
        let ann_text = std::fs::read_to_string(ann).map_err(io(ann))?;
        let gold = parse_ann(&ann_text, ann)?;
        let pred = predict(tagger, base, &text);
        let rc = score_doc(&pred, &gold);
        total.add(rc);
        let outlet = pubs
            .get(base)
            .cloned()
            .unwrap_or_else(|| base.split('_').next().unwrap_or("?").to_string());
        let slot = by_outlet.entry(outlet).or_default();
        slot.0 += 1;
        slot.1.add(rc);
        results.push(DocResult {
            file: stem.to_string(),
            text,
            gold,
            pred,
        });
    }
    let mut report = EvalReport::new(&format!("attribution-polnear-{split}"));
    report.items = files.len();
    for (role, c) in [
        ("cue", total.cue),
        ("source", total.source),
        ("content", total.content),
    ] {
        for (mode, tp) in [("exact", c.tp_exact), ("overlap", c.tp_overlap)] {
            let (p, r, f) = prf(tp, c.pred, c.gold);
            report.metric(&format!("{role}_p_{mode}"), p);
            report.metric(&format!("{role}_r_{mode}"), r);
            report.metric(&format!("{role}_f1_{mode}"), f);
        }
    }
    for (outlet, (n, c)) in &by_outlet {
        let f = |x: Counts, tp: usize| prf(tp, x.pred, x.gold).2;
        report.notes.push(format!(
            "{outlet} ({n} ann files): cue F1 {:.3}/{:.3}, source F1 {:.3}/{:.3}, content F1 {:.3}/{:.3} (exact/overlap)",
            f(c.cue, c.cue.tp_exact),
            f(c.cue, c.cue.tp_overlap),
            f(c.source, c.source.tp_exact),
            f(c.source, c.source.tp_overlap),
            f(c.content, c.content.tp_exact),
            f(c.content, c.content.tp_overlap),
        ));
    }
    report.notes.push(
        "exact = same span hull; overlap = one-to-one match sharing a character; \
         doubly annotated articles are scored once per annotation file"
            .to_string(),
    );
    Ok((report, results))
}

/// Run the suites of this stage (PolNeAR dev, MEANTIME). Suites whose data is
/// absent are skipped; the list is empty when none is there.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, Error> {
    let mut out = Vec::new();
    let tagger = ClaimTagger::load_default()?.with_default_parser()?;
    let root = data.join("attribution-polnear");
    if root.join("dev").join("attributions").is_dir() {
        let (report, _) = run_split(&tagger, &root, "dev")?;
        out.push(report);
    }
    let mt = data.join("factuality-meantime").join("conll_gold");
    if mt.is_dir() {
        out.push(run_meantime(&tagger, &mt)?);
    }
    Ok(out)
}

/// One MEANTIME event: its first token's index in the rebuilt text and its gold labels.
struct MtEvent {
    byte: usize,
    certainty: String,
    polarity: String,
    time: String,
}

/// Rebuild a MEANTIME CoNLL file as text (tokens joined by spaces, sentences by blank
/// lines) with its events. Columns: index, token, event, certainty, polarity, time.
fn read_meantime(text: &str, path: &Path) -> Result<(String, Vec<MtEvent>), Error> {
    let mut out = String::new();
    let mut events = Vec::new();
    let mut line_start = true;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !line_start {
                out.push_str("\n\n");
                line_start = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            return Err(Error::Format {
                path: format!("{}:{}", path.display(), n + 1),
                msg: format!("expected 6 columns, found {}", cols.len()),
            });
        }
        if !line_start {
            out.push(' ');
        }
        let byte = out.len();
        out.push_str(cols[1]);
        line_start = false;
        if cols[2].starts_with("B-") {
            let label = |c: &str| {
                let mut parts = c.split('-');
                parts.next();
                parts.next().unwrap_or("").to_string()
            };
            events.push(MtEvent {
                byte,
                certainty: label(cols[3]),
                polarity: label(cols[4]),
                time: label(cols[5]),
            });
        }
    }
    Ok((out, events))
}

/// Accuracy and per-class F1 of predicted against gold labels.
fn class_scores(report: &mut EvalReport, name: &str, classes: &[&str], pairs: &[(String, String)]) {
    let n = pairs.len().max(1);
    let right = pairs.iter().filter(|(g, p)| g == p).count();
    report.metric(&format!("{name}_accuracy"), right as f64 / n as f64);
    let mut sum = 0.0;
    for c in classes {
        let tp = pairs.iter().filter(|(g, p)| g == c && p == c).count();
        let pred = pairs.iter().filter(|(_, p)| p == c).count();
        let gold = pairs.iter().filter(|(g, _)| g == c).count();
        let f = prf(tp, pred, gold).2;
        sum += f;
        report.metric(&format!("{name}_f1_{}", c.to_lowercase()), f);
        report.notes.push(format!(
            "{name} {c}: gold {gold}, predicted {pred}, correct {tp}"
        ));
    }
    report.metric(&format!("{name}_macro_f1"), sum / classes.len() as f64);
    let majority = classes
        .iter()
        .map(|c| pairs.iter().filter(|(g, _)| g == c).count())
        .max()
        .unwrap_or(0);
    report.notes.push(format!(
        "{name}: majority-class accuracy {:.3}",
        majority as f64 / n as f64
    ));
}

/// Score [`crate::factuality`] on MEANTIME: certainty, polarity and time of each gold
/// event (its first token is the trigger), with the claims the tagger finds.
pub fn run_meantime(tagger: &ClaimTagger, dir: &Path) -> Result<EvalReport, Error> {
    use crate::factuality::{event_factuality, Certainty, Polarity, TimeRel};
    let files = files_with_extension(dir, "conll")?;
    let (mut cert, mut pol, mut time) = (Vec::new(), Vec::new(), Vec::new());
    for f in &files {
        let raw = std::fs::read_to_string(f).map_err(io(f))?;
        let (text, events) = read_meantime(&raw, f)?;
        let doc = Doc::new("meantime", text);
        let mut analysis = Analysis::default();
        tagger.annotate(&doc, &mut analysis);
        for e in &events {
            let t = doc.token_at(e.byte);
            if t >= doc.tokens.len() {
                continue;
            }
            let (c, p, tr) = event_factuality(&doc, t, &analysis.claims);
            let c = match c {
                Certainty::Certain => "CERTAIN",
                Certainty::Probable => "PROBABLE",
                Certainty::Possible => "POSSIBLE",
                Certainty::Underspecified => "UNDERSPECIFIED",
            };
            let p = match p {
                Polarity::Pos => "POS",
                Polarity::Neg => "NEG",
                Polarity::Underspecified => "UNDERSPECIFIED",
            };
            let tr = match tr {
                TimeRel::NonFuture => "NON_FUTURE",
                TimeRel::Future => "FUTURE",
                TimeRel::Underspecified => "UNDERSPECIFIED",
            };
            cert.push((e.certainty.clone(), c.to_string()));
            pol.push((e.polarity.clone(), p.to_string()));
            time.push((e.time.clone(), tr.to_string()));
        }
    }
    let mut report = EvalReport::new("meantime");
    report.items = cert.len();
    class_scores(
        &mut report,
        "certainty",
        &["CERTAIN", "PROBABLE", "POSSIBLE", "UNDERSPECIFIED"],
        &cert,
    );
    class_scores(
        &mut report,
        "polarity",
        &["POS", "NEG", "UNDERSPECIFIED"],
        &pol,
    );
    class_scores(
        &mut report,
        "time",
        &["NON_FUTURE", "FUTURE", "UNDERSPECIFIED"],
        &time,
    );
    report.notes.push(format!(
        "{} documents; gold events are the B- tokens of the CoNLL files; cue lists written by hand, not tuned on MEANTIME",
        files.len()
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_with_discontinuous_spans() {
        let ann = "T1\tSource 0 5\tAlice\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let s = parse_ann(ann, Path::new("x.ann")).unwrap();
        assert_eq!(s.cue, vec![vec![(6, 10)]]);
        assert_eq!(s.content, vec![vec![(11, 20), (25, 30)]]);
        let c = score(&[vec![(11, 30)]], &s.content);
        assert_eq!((c.tp_exact, c.tp_overlap), (1, 1));
        let c = score(&[vec![(12, 14)]], &s.content);
        assert_eq!((c.tp_exact, c.tp_overlap), (0, 1));
    }

    #[test]
    fn reads_meantime_conll() {
        let conll = "1\tTroops\t_\t_\t_\t_\n2\tmay\t_\t_\t_\t_\n3\tleave\tB-E-1\tB-POSSIBLE-1\tB-POS-1\tB-FUTURE-1\n\n4\tIt\t_\t_\t_\t_\n";
        let (text, ev) = read_meantime(conll, Path::new("x.conll")).unwrap();
        assert_eq!(text, "Troops may leave\n\nIt");
        assert_eq!(ev.len(), 1);
        assert_eq!(&text[ev[0].byte..ev[0].byte + 5], "leave");
        assert_eq!(
            (
                ev[0].certainty.as_str(),
                ev[0].polarity.as_str(),
                ev[0].time.as_str()
            ),
            ("POSSIBLE", "POS", "FUTURE")
        );
        assert!(read_meantime("1\tx\n", Path::new("x.conll")).is_err());
    }

    #[test]
    fn class_scores_macro_f1() {
        let mut r = EvalReport::new("t");
        let pairs: Vec<(String, String)> = [("A", "A"), ("A", "B"), ("B", "B")]
            .iter()
            .map(|(g, p)| (g.to_string(), p.to_string()))
            .collect();
        class_scores(&mut r, "x", &["A", "B"], &pairs);
        assert!((r.get("x_accuracy").unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert!((r.get("x_macro_f1").unwrap() - (2.0 / 3.0)).abs() < 1e-9);
    }

    #[test]
    fn missing_data_gives_no_reports() {
        assert!(run(Path::new("/nonexistent/sitrep")).unwrap().is_empty());
    }
}
