//! Evaluation of the times stage on TimeBank 1.2 (TempEval-3 cleaned).
//!
//! Owns reading TimeML: it rebuilds the plain text of each `<TEXT>` element
//! from the inline-tagged XML, records gold TIMEX3 char offsets in that text,
//! takes the document creation time (`functionInDocument="CREATION_TIME"`) as
//! the publication date, and scores our tagger against the gold TIMEX3s.
//! A DCT outside `<TEXT>` is not scored. Matching is one-to-one: strict needs
//! identical offsets, relaxed any overlap (TempEval-3 style). Type and value
//! accuracy are measured on relaxed matches; `timex_value_f1` counts a match
//! only when the value is also right (TempEval-3 "value F1"). The
//! `*_tempeval3` figures count the same predictions with the TempEval-3
//! scorer's conventions instead ([`score_tempeval3`]), beside the headline.

use std::path::Path;

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::Reader;
use sitrep_core::eval::prf;
use sitrep_core::{Doc, DocMeta, EvalReport};

use crate::{Error, TimeTagger};

/// A gold TIMEX3: char offsets into the rebuilt text.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// One TimeML document: plain text of `<TEXT>`, its TIMEX3s and the DCT.
#[derive(Debug, Clone, Default)]
pub struct TimeMlDoc {
    pub id: String,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
    pub dct: Option<NaiveDate>,
    /// The creation time is a TIMEX3 inside `<TEXT>` (then it is among
    /// `timexes`).
    pub dct_in_text: bool,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Parse one TimeML document.
pub fn parse_timeml(id: &str, xml: &str) -> Result<TimeMlDoc, Error> {
    let bad = |m: String| Error::Xml {
        path: id.to_string(),
        message: m,
    };
    let mut reader = Reader::from_str(xml);
    let mut doc = TimeMlDoc {
        id: id.to_string(),
        ..TimeMlDoc::default()
    };
    let mut in_text = false;
    let mut chars = 0usize;
    // Open TIMEX3 inside TEXT: (start char, type, value).
    let mut open: Option<(usize, String, String)> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| bad(format!("at byte {}: {e}", reader.buffer_position())))?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => in_text = true,
                b"TIMEX3" => {
                    let function = attr(&e, b"functionInDocument").unwrap_or_default();
                    if function == "CREATION_TIME" {
                        if let Some(v) = attr(&e, b"value") {
                            doc.dct = v
                                .get(..10)
                                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                        }
                        doc.dct_in_text |= in_text;
                    }
                    if in_text {
                        open = Some((
                            chars,
                            attr(&e, b"type").unwrap_or_default(),
                            attr(&e, b"value").unwrap_or_default(),
                        ));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"TIMEX3" => {
                    if let Some((start, kind, value)) = open.take() {
                        doc.timexes.push(GoldTimex {
                            start,
                            end: chars,
                            kind,
                            value,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| bad(e.to_string()))?;
                chars += s.chars().count();
                doc.text.push_str(&s);
            }
            Event::CData(t) if in_text => {
                let s = t.decode().map_err(|e| bad(e.to_string()))?;
                chars += s.chars().count();
                doc.text.push_str(&s);
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => r.decode().ok().and_then(|n| predefined_entity(&n)),
                };
                if let Some(c) = c {
                    chars += 1;
                    doc.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(doc)
}

/// Counts accumulated over the corpus.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_ok: usize,
    pub value_ok: usize,
    pub strict_value_ok: usize,
    /// TempEval-3 counting ([`score_tempeval3`]): predictions that overlap
    /// any gold expression, gold expressions that any prediction overlaps,
    /// and those of them whose value is right.
    pub te3_pred_hit: usize,
    pub te3_gold_hit: usize,
    pub te3_value_ok: usize,
    /// Documents whose creation time (outside `<TEXT>`) TempEval-3 scores.
    pub te3_dct: usize,
}

/// Score predicted (start, end, type, value) against gold.
pub fn score(gold: &[GoldTimex], pred: &[(usize, usize, String, String)], acc: &mut Score) {
    acc.gold += gold.len();
    acc.predicted += pred.len();
    let mut used = vec![false; pred.len()];
    // Strict first, then relaxed among the rest: both one-to-one.
    let mut matched: Vec<Option<usize>> = vec![None; gold.len()];
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) =
            (0..pred.len()).find(|&pi| !used[pi] && pred[pi].0 == g.start && pred[pi].1 == g.end)
        {
            used[pi] = true;
            matched[gi] = Some(pi);
            acc.strict += 1;
            if pred[pi].3 == g.value {
                acc.strict_value_ok += 1;
            }
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if matched[gi].is_some() {
            continue;
        }
        if let Some(pi) =
            (0..pred.len()).find(|&pi| !used[pi] && pred[pi].0 < g.end && g.start < pred[pi].1)
        {
            used[pi] = true;
            matched[gi] = Some(pi);
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = matched[gi] {
            acc.relaxed += 1;
            if pred[pi].2 == g.kind {
                acc.type_ok += 1;
            }
            if pred[pi].3 == g.value {
                acc.value_ok += 1;
            }
        }
    }
}

/// Count as the TempEval-3 scorer's conventions do, beside [`score`]
/// (which stays the headline figure). Two differences: (1) relaxed matching
/// is not one-to-one: a prediction counts toward precision when it overlaps
/// any gold expression and a gold expression toward recall when any
/// prediction overlaps it (one prediction covering "Tuesday, June 2" where
/// the gold has two expressions finds both), its value taken from an
/// overlapping prediction with the same span, else the first overlapping
/// one; (2) with `dct`, the document creation time counts as one gold and
/// one right prediction (it is given to the system as input and written
/// back; [`tempeval3_f1`] reports both ways). Value F1 is then relaxed F1
/// times value accuracy.
pub fn score_tempeval3(
    gold: &[GoldTimex],
    pred: &[(usize, usize, String, String)],
    dct: bool,
    acc: &mut Score,
) {
    let overlaps = |p: &(usize, usize, String, String), g: &GoldTimex| p.0 < g.end && g.start < p.1;
    acc.te3_pred_hit += pred
        .iter()
        .filter(|p| gold.iter().any(|g| overlaps(p, g)))
        .count();
    for g in gold {
        let hits: Vec<&(usize, usize, String, String)> =
            pred.iter().filter(|p| overlaps(p, g)).collect();
        let Some(first) = hits.first() else {
            continue;
        };
        acc.te3_gold_hit += 1;
        let paired = hits
            .iter()
            .find(|p| p.0 == g.start && p.1 == g.end)
            .unwrap_or(first);
        if paired.3 == g.value {
            acc.te3_value_ok += 1;
        }
    }
    if dct {
        acc.te3_dct += 1;
    }
}

/// TempEval-3 relaxed F1 and value F1 from [`score_tempeval3`]'s counts,
/// with (`with_dct`) or without the creation times.
pub fn tempeval3_f1(s: &Score, with_dct: bool) -> (f64, f64) {
    let d = if with_dct { s.te3_dct } else { 0 };
    let (pred, gold) = (s.predicted + d, s.gold + d);
    let (ph, gh, vok) = (s.te3_pred_hit + d, s.te3_gold_hit + d, s.te3_value_ok + d);
    if pred == 0 || gold == 0 || gh == 0 {
        return (0.0, 0.0);
    }
    let p = ph as f64 / pred as f64;
    let r = gh as f64 / gold as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (f, f * vok as f64 / gh as f64)
}

/// The half (0 = A, 1 = B) a TimeBank file belongs to: the low bit of the
/// FNV-1a hash of its file name. TimeBank is the only TIMEX3 data we have,
/// so changes are made on evidence from half A and checked on half B.
pub fn half_of(name: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h & 1) as usize
}

/// Scores over a whole corpus and over its two halves ([`half_of`]).
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub all: Score,
    pub halves: [Score; 2],
    pub docs: usize,
}

/// Read and score every `*.tml` file in `dir`, in name order. When
/// `errors` is given, each expression is appended to it as an `OK`,
/// `WRONG`, `MISS` or `EXTRA` line, prefixed with the file's half (`A` or
/// `B`).
pub fn run_timebank(
    tagger: &TimeTagger,
    dir: &Path,
    mut errors: Option<&mut Vec<String>>,
) -> Result<Scores, Error> {
    let io = |p: &Path, e: std::io::Error| Error::Io {
        path: p.display().to_string(),
        source: e,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let mut out_scores = Scores {
        docs: files.len(),
        ..Scores::default()
    };
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let tml = parse_timeml(&name, &xml)?;
        let doc = Doc::with_meta(
            name.as_str(),
            tml.text.as_str(),
            DocMeta {
                published: tml.dct,
                ..DocMeta::default()
            },
        );
        let tagged = tagger.tag(&doc, tml.dct);
        let rules: Vec<String> = tagged.iter().map(|t| t.rule.clone()).collect();
        let pred: Vec<(usize, usize, String, String)> = tagged
            .into_iter()
            .map(|t| (t.span.start, t.span.end, t.kind, t.value))
            .collect();
        let half = half_of(&name);
        score(&tml.timexes, &pred, &mut out_scores.all);
        score(&tml.timexes, &pred, &mut out_scores.halves[half]);
        // A DCT inside <TEXT> is already among the gold expressions.
        let dct_outside = tml.dct.is_some() && !tml.dct_in_text;
        score_tempeval3(&tml.timexes, &pred, dct_outside, &mut out_scores.all);
        score_tempeval3(
            &tml.timexes,
            &pred,
            dct_outside,
            &mut out_scores.halves[half],
        );
        let tag = ["A", "B"][half];
        if let Some(out) = errors.as_deref_mut() {
            let chars: Vec<char> = tml.text.chars().collect();
            let slice = |a: usize, b: usize| {
                chars[a.min(chars.len())..b.min(chars.len())]
                    .iter()
                    .collect::<String>()
            };
            for g in &tml.timexes {
                let hit = pred
                    .iter()
                    .zip(&rules)
                    .find(|(p, _)| p.0 < g.end && g.start < p.1);
                match hit {
                    Some((p, rule))
                        if p.0 == g.start && p.1 == g.end && p.3 == g.value && p.2 == g.kind =>
                    {
                        out.push(format!(
                            "{tag}\tOK\t{name}\t{}\t{}\t{}\t{rule}",
                            slice(g.start, g.end),
                            g.kind,
                            g.value
                        ))
                    }
                    Some((p, rule)) => out.push(format!(
                        "{tag}\tWRONG\t{name}\t{}\t{}\t{}\t|\t{}\t{}\t{}\t{:?}\t{rule}",
                        slice(g.start, g.end),
                        g.kind,
                        g.value,
                        slice(p.0, p.1),
                        p.2,
                        p.3,
                        tml.dct
                    )),
                    None => out.push(format!(
                        "{tag}\tMISS\t{name}\t{}\t{}\t{}",
                        slice(g.start, g.end),
                        g.kind,
                        g.value
                    )),
                }
            }
            for (p, rule) in pred.iter().zip(&rules) {
                if !tml.timexes.iter().any(|g| p.0 < g.end && g.start < p.1) {
                    out.push(format!(
                        "{tag}\tEXTRA\t{name}\t{}\t{}\t{}\t{rule}",
                        slice(p.0, p.1),
                        p.2,
                        p.3
                    ));
                }
            }
        }
    }
    Ok(out_scores)
}

/// Run the suites of this stage. Returns an empty list when the data is absent.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, Error> {
    let dir = data.join("temporal-timebank").join("TimeBank");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let tagger = TimeTagger::load_default()?;
    let scores = run_timebank(&tagger, &dir, None)?;
    let s = &scores.all;
    let mut r = EvalReport::new("timebank");
    r.items = scores.docs;
    let (p, rc, f) = prf(s.strict, s.predicted, s.gold);
    r.metric("timex_strict_p", p);
    r.metric("timex_strict_r", rc);
    r.metric("timex_strict_f1", f);
    let (p, rc, f) = prf(s.relaxed, s.predicted, s.gold);
    r.metric("timex_relaxed_p", p);
    r.metric("timex_relaxed_r", rc);
    r.metric("timex_relaxed_f1", f);
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    r.metric("timex_type_acc", ratio(s.type_ok, s.relaxed));
    r.metric("timex_value_acc", ratio(s.value_ok, s.relaxed));
    let (_, _, vf) = prf(s.value_ok, s.predicted, s.gold);
    r.metric("timex_value_f1", vf);
    let (_, _, tf) = prf(s.type_ok, s.predicted, s.gold);
    r.metric("timex_type_f1", tf);
    for (h, hs) in ["a", "b"].iter().zip(&scores.halves) {
        let (_, _, f) = prf(hs.strict, hs.predicted, hs.gold);
        r.metric(&format!("timex_strict_f1_half_{h}"), f);
        let (_, _, vf) = prf(hs.value_ok, hs.predicted, hs.gold);
        r.metric(&format!("timex_value_f1_half_{h}"), vf);
    }
    // The same predictions counted as the TempEval-3 scorer does (see
    // `score_tempeval3`): beside the headline figure, never instead of it.
    let (te3_rel, te3_val) = tempeval3_f1(s, false);
    r.metric("timex_relaxed_f1_tempeval3", te3_rel);
    r.metric("timex_value_f1_tempeval3", te3_val);
    for (h, hs) in ["a", "b"].iter().zip(&scores.halves) {
        let (_, v) = tempeval3_f1(hs, false);
        r.metric(&format!("timex_value_f1_tempeval3_half_{h}"), v);
    }
    let (_, te3_dct) = tempeval3_f1(s, true);
    r.metric("timex_value_f1_tempeval3_with_dct", te3_dct);
    r.notes.push(format!(
        "timex_value_f1_tempeval3 counts as the TempEval-3 scorer: relaxed matches not one-to-one, \
         value F1 = relaxed F1 x value accuracy; _with_dct also scores the {} creation times \
         (given to the system as input) as right, as a scorer that reads every TIMEX3 of the file \
         would. Both stand beside timex_value_f1, the headline figure",
        s.te3_dct
    ));
    r.notes.push(format!(
        "{} gold TIMEX3 (DCT outside TEXT not scored), {} predicted, {} strict and {} relaxed matches",
        s.gold, s.predicted, s.strict, s.relaxed
    ));
    r.notes.push(
        "peer: HeidelTime, as quoted for TimeBank/TempEval-3: strict span F1 ~0.83, relaxed ~0.91, \
         normalisation (value) F1 ~0.88 (TempEval-3 platinum test value F1 was 0.776); \
         timex_value_f1 (one-to-one matches) and timex_value_f1_tempeval3 (the scorer's \
         counting, creation times not scored) are the comparable figures"
            .to_string(),
    );
    r.notes.push(
        "TimeBank is 1989-1998 financial and broadcast news; comparisons in earnings reports \
         (\"a year ago\" = the reported quarter last year) follow the quarter the text is about; \
         changes are made on half A (file-name hash) and checked on half B"
            .to_string(),
    );
    Ok(vec![r])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_offsets_from_inline_tags() {
        let xml = r#"<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2015-06-02" functionInDocument="CREATION_TIME">20150602</TIMEX3></DCT>
<TEXT>Jets &amp; guns <EVENT eid="e1">struck</EVENT> Ḩalab <TIMEX3 tid="t1" type="DATE" value="2015-06-01">on Monday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", xml).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2015, 6, 2));
        assert_eq!(d.text, "Jets & guns struck Ḩalab on Monday.");
        assert_eq!(d.timexes.len(), 1);
        let g = &d.timexes[0];
        let s: String = d.text.chars().skip(g.start).take(g.end - g.start).collect();
        assert_eq!(s, "on Monday");
    }

    #[test]
    fn scores_strict_and_relaxed() {
        let gold = vec![GoldTimex {
            start: 3,
            end: 9,
            kind: "DATE".into(),
            value: "2015-06-01".into(),
        }];
        let mut s = Score::default();
        score(&gold, &[(0, 9, "DATE".into(), "2015-06-01".into())], &mut s);
        assert_eq!((s.strict, s.relaxed, s.value_ok), (0, 1, 1));
    }

    #[test]
    fn tempeval3_counting_is_many_to_one_and_may_add_the_dct() {
        let g = |start, end, value: &str| GoldTimex {
            start,
            end,
            kind: "DATE".into(),
            value: value.into(),
        };
        // Gold "Tuesday" and "June 2" apart; we predicted one span over both.
        let gold = vec![g(0, 7, "2015-06-02"), g(9, 15, "2015-06-02")];
        let pred = vec![(0, 15, "DATE".to_string(), "2015-06-02".to_string())];
        let mut one_to_one = Score::default();
        score(&gold, &pred, &mut one_to_one);
        assert_eq!((one_to_one.relaxed, one_to_one.value_ok), (1, 1));
        let mut te3 = Score::default();
        score_tempeval3(&gold, &pred, true, &mut te3);
        assert_eq!(
            (te3.te3_pred_hit, te3.te3_gold_hit, te3.te3_value_ok),
            (1, 2, 2)
        );
        te3.gold = 2;
        te3.predicted = 1;
        let (rel, val) = tempeval3_f1(&te3, false);
        assert!((rel - 1.0).abs() < 1e-9 && (val - 1.0).abs() < 1e-9);
        // A wrong value on a found span lowers value F1, not relaxed F1;
        // the creation time adds one right expression.
        te3.te3_value_ok = 1;
        let (rel, val) = tempeval3_f1(&te3, false);
        assert!((rel - 1.0).abs() < 1e-9 && (val - 0.5).abs() < 1e-9);
        let (_, val_dct) = tempeval3_f1(&te3, true);
        assert!((val_dct - 2.0 / 3.0).abs() < 1e-9, "{val_dct}");
    }

    #[test]
    fn halves_are_a_stable_hash_of_the_file_name() {
        // FNV-1a, low bit: fixed for good, so that half B stays unseen.
        assert_eq!(half_of("wsj_0144.tml"), 0);
        assert_eq!(half_of("wsj_0189.tml"), 1);
        let names: Vec<String> = (0..200).map(|i| format!("doc{i}.tml")).collect();
        let b = names.iter().filter(|n| half_of(n) == 1).count();
        assert!((70..=130).contains(&b), "{b}");
    }

    #[test]
    fn absent_data_gives_no_report() {
        assert!(run(Path::new("/nonexistent/sitrep")).unwrap().is_empty());
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(parse_timeml("bad", "<TimeML><TEXT>a</TIMEX3></TEXT>").is_err());
    }
}
