//! ECB+ evaluation of cross-document event coreference (the `incidents`
//! stage of `sitrep eval`): do the events of different reports that describe
//! one happening end in one cluster?
//!
//! Owns the settings, the baselines, the document and mention clustering used
//! for them, and the report; reading the corpus is [`crate::ecb`], scoring is
//! [`crate::conll`]. It never touches the store.
//!
//! Settings (all on the test split, topics 36–45, validated sentences only;
//! every figure a fraction in [0, 1]; the same figures on the dev split go in
//! the `ecbplus-dev` report):
//! - `e2e`: each document's text is rebuilt from its tokens
//!   ([`crate::ecb::doc_text`]) and run through
//!   `sitrep_analyze::Pipeline::load_default()`; our events are the system
//!   mentions (trigger bytes → the ECB tokens they cover) and the incident
//!   linker ([`crate::cluster()`]) clusters them, scored against all gold event
//!   mentions (a system mention matches a gold one only when their token sets
//!   are equal, as the reference scorer requires). Mention detection P/R/F1
//!   is reported beside it. `e2e_ecbclust`: the same mentions clustered by
//!   [`cluster_mentions`] instead.
//! - `gold`: the gold event mentions clustered by [`cluster_mentions`] with
//!   our features only (the setting of the published figures).
//!   `gold_linker`: the gold mentions through the incident linker, each one
//!   carried by our event at the mention if there is one, else by an untyped
//!   event holding the actor, place and date our pipeline found in its
//!   sentence (`gold_event`).
//! - baselines: `singleton` (every mention alone) and `lemma_baseline` (one
//!   cluster per head lemma within a gold topic — it uses the gold topics, so
//!   it sees more than our settings do); `lemma_predicted_docs` is the same
//!   within our document groups.
//!
//! [`cluster_mentions`] (ECB+-specific, not the incident linker): documents
//! are first grouped by the tf-idf cosine of their content lemmas (average
//! link), then within each document group mentions are merged by average-link
//! agglomeration over a pairwise score: same head lemma, same PLOVER event
//! type from our events stage, shared actors / places / dates found by our
//! pipeline in the mention's sentence. No gold topic, chain or label is read
//! by it. The two thresholds are constants chosen on the dev split (topics 2,
//! 5, 12, 18, 21, 23, 34, 35).
//!
//! Lemmas and heads come from our syntax model (`sitrep_syntax::Parser`):
//! for gold mentions, parsed from the corpus tokens of the sentence; for
//! `e2e`, from our own parse of the rebuilt text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use sitrep_core::{Analysis, Doc, EvalReport, Event, Span};
use sitrep_syntax::{ParsedToken, Parser};

use crate::conll::{self, Scores};
use crate::ecb::{self, Corpus, EcbError, MentionId, Split};

/// The knobs of [`cluster_mentions`] and the document grouping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Average-link cosine above which two documents share a group.
    pub doc_threshold: f64,
    /// Average pairwise score above which two mention clusters merge.
    pub mention_threshold: f64,
    /// Weight of the sentence-context overlap in [`pair_score`].
    pub context_weight: f64,
    /// Score of two different lemmas sharing their first [`STEM`] letters
    /// ("acquire" / "acquisition"), in [`pair_score`].
    pub stem_weight: f64,
}

/// Letters two lemmas must share for the stem feature.
pub const STEM: usize = 5;

/// Chosen on the dev split with [`sweep`] (see docs/quality.md).
pub const PARAMS: Params = Params {
    doc_threshold: 0.12,
    mention_threshold: 0.5,
    context_weight: 0.0,
    stem_weight: 0.8,
};

/// The published state of the art the issue names (CoNLL F1, gold mentions).
const PUBLISHED_BEST: f64 = 0.857;

/// A mention to cluster: where it is and what our pipeline says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub id: MentionId,
    /// Lower-cased lemma of the mention's syntactic head.
    pub lemma: String,
    /// PLOVER event type of our event at this mention, if any.
    pub kind: Option<String>,
    /// Actors (`A:`code), places (`P:`id) and dates (`T:`value) our
    /// pipeline found in the mention's sentence.
    pub args: Vec<String>,
    /// Content lemmas of the mention's sentence (sorted, distinct).
    pub context: Vec<String>,
}

/// One analysed document.
struct DocView {
    doc: Doc,
    analysis: Analysis,
    /// Byte range in `doc.text` of each corpus token, per corpus sentence.
    ranges: Vec<Vec<Range<usize>>>,
    /// Our parse of our own sentences.
    parse: Vec<Vec<ParsedToken>>,
    /// Our parse of the corpus sentences' tokens.
    gold_parse: Vec<Vec<ParsedToken>>,
}

struct Tools {
    pipeline: sitrep_analyze::Pipeline,
    parser: Parser,
}

/// Run the suite. Empty when the ECB+ folder is absent.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, EcbError> {
    let dir = ecb::default_dir(data);
    let Some(test) = ecb::load(&dir, Split::Test)? else {
        return Ok(Vec::new());
    };
    let tools = Tools {
        pipeline: sitrep_analyze::Pipeline::load_default()
            .map_err(|e| EcbError::Load(format!("pipeline: {e}")))?,
        parser: Parser::load_default().map_err(|e| EcbError::Load(format!("syntax: {e}")))?,
    };
    let mut reports = vec![evaluate(&test, &tools, "ecbplus", true)];
    if let Some(dev) = ecb::load(&dir, Split::Dev)? {
        reports.push(evaluate(&dev, &tools, "ecbplus-dev", false));
    }
    Ok(reports)
}

/// Grid search of [`Params`] on one split with gold mentions: every setting
/// and its CoNLL F1, best first. How [`PARAMS`] was chosen (on dev).
pub fn sweep(data: &Path, split: Split) -> Result<Vec<(Params, f64)>, EcbError> {
    let Some(corpus) = ecb::load(&ecb::default_dir(data), split)? else {
        return Ok(Vec::new());
    };
    let tools = Tools {
        pipeline: sitrep_analyze::Pipeline::load_default()
            .map_err(|e| EcbError::Load(format!("pipeline: {e}")))?,
        parser: Parser::load_default().map_err(|e| EcbError::Load(format!("syntax: {e}")))?,
    };
    let views = analyse(&corpus, &tools);
    let key = corpus.gold_chains();
    let gold: Vec<Mention> = corpus
        .mentions
        .iter()
        .map(|m| gold_mention(&corpus, &views, &m.id))
        .collect();
    let mut out = Vec::new();
    for doc_threshold in [0.06, 0.08, 0.10, 0.12, 0.15, 0.20, 0.25] {
        let groups = cluster_documents(&views, doc_threshold);
        for mention_threshold in [0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0] {
            for context_weight in [0.0, 0.25, 0.5] {
                for stem_weight in [0.0, 0.5, 0.8] {
                    let p = Params {
                        doc_threshold,
                        mention_threshold,
                        context_weight,
                        stem_weight,
                    };
                    let resp = ids(&gold, &cluster_mentions(&gold, &groups, &p));
                    out.push((p, conll::score(&key, &resp).conll_f1));
                }
            }
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(out)
}

fn analyse(corpus: &Corpus, tools: &Tools) -> Vec<DocView> {
    corpus
        .docs
        .iter()
        .map(|d| {
            let (text, ranges) = ecb::doc_text(d);
            let doc = Doc::new(d.id.clone(), text);
            let analysis = tools.pipeline.analyze(&doc);
            let parse = tools.parser.parse_doc(&doc);
            let gold_parse = d
                .sentences
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                    tools.parser.parse_sentence(&words)
                })
                .collect();
            DocView {
                doc,
                analysis,
                ranges,
                parse,
                gold_parse,
            }
        })
        .collect()
}

fn evaluate(corpus: &Corpus, tools: &Tools, suite: &str, with_notes: bool) -> EvalReport {
    let started = std::time::Instant::now();
    let views = analyse(corpus, tools);
    let mut r = EvalReport::new(suite);
    r.items = corpus.docs.len();
    if with_notes {
        r.notes.extend(corpus.notes.iter().cloned());
    }
    let key = corpus.gold_chains();
    let doc_groups = cluster_documents(&views, PARAMS.doc_threshold);

    // Gold mentions, our features and clustering.
    let gold: Vec<Mention> = corpus
        .mentions
        .iter()
        .map(|m| gold_mention(corpus, &views, &m.id))
        .collect();
    let gold_resp = ids(&gold, &cluster_mentions(&gold, &doc_groups, &PARAMS));
    put(&mut r, "gold", &conll::score(&key, &gold_resp));

    // Gold mentions through the incident linker.
    let gold_events: Vec<crate::Mention> = corpus
        .mentions
        .iter()
        .map(|m| crate::Mention {
            doc: corpus.docs[m.id.doc].id.clone(),
            published: None,
            outlet: None,
            event: gold_event(corpus, &views, &m.id, &m.text),
        })
        .collect();
    let linked = by_id(&crate::cluster(&gold_events));
    put(
        &mut r,
        "gold_linker",
        &conll::score(&key, &ids(&gold, &linked)),
    );

    // End to end.
    let (sys, sys_events): (Vec<Mention>, Vec<Event>) =
        system_mentions(corpus, &views).into_iter().unzip();
    let gold_ids: HashSet<&MentionId> = corpus.mentions.iter().map(|m| &m.id).collect();
    let exact = sys.iter().filter(|m| gold_ids.contains(&m.id)).count();
    let (p, rc, f) = sitrep_core::eval::prf(exact, sys.len(), gold_ids.len());
    r.metric("e2e.mention_precision", p);
    r.metric("e2e.mention_recall", rc);
    r.metric("e2e.mention_f1", f);
    let overlapping = sys
        .iter()
        .filter(|m| corpus.mentions.iter().any(|g| overlaps(&g.id, &m.id)))
        .count();
    let (op, _, _) = sitrep_core::eval::prf(overlapping, sys.len(), gold_ids.len());
    r.metric("e2e.mention_precision_overlap", op);
    r.metric("e2e.system_mentions", sys.len() as f64);
    let sys_linker: Vec<crate::Mention> = sys
        .iter()
        .zip(sys_events)
        .map(|(m, event)| crate::Mention {
            doc: corpus.docs[m.id.doc].id.clone(),
            published: None,
            outlet: None,
            event,
        })
        .collect();
    let linked = by_id(&crate::cluster(&sys_linker));
    put(&mut r, "e2e", &conll::score(&key, &ids(&sys, &linked)));
    // The best any clustering of these mentions could do: each matched
    // system mention in its gold chain, the others alone.
    let chain_of: HashMap<&MentionId, &str> = corpus
        .mentions
        .iter()
        .map(|m| (&m.id, m.chain.as_str()))
        .collect();
    let mut oracle: Vec<Vec<MentionId>> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for m in &sys {
        match chain_of.get(&m.id) {
            Some(c) => {
                let i = *slot.entry(c).or_insert_with(|| {
                    oracle.push(Vec::new());
                    oracle.len() - 1
                });
                oracle[i].push(m.id.clone());
            }
            None => oracle.push(vec![m.id.clone()]),
        }
    }
    r.metric("e2e_oracle.conll_f1", conll::score(&key, &oracle).conll_f1);
    let sys_resp = ids(&sys, &cluster_mentions(&sys, &doc_groups, &PARAMS));
    put(&mut r, "e2e_ecbclust", &conll::score(&key, &sys_resp));

    // Baselines.
    let singletons: Vec<Vec<MentionId>> = gold.iter().map(|m| vec![m.id.clone()]).collect();
    put(&mut r, "singleton", &conll::score(&key, &singletons));
    let topics: Vec<usize> = corpus.docs.iter().map(|d| d.topic as usize).collect();
    let lemma_resp = ids(&gold, &same_lemma(&gold, &topics));
    put(&mut r, "lemma_baseline", &conll::score(&key, &lemma_resp));
    let lemma_pred = ids(&gold, &same_lemma(&gold, &doc_groups));
    put(
        &mut r,
        "lemma_predicted_docs",
        &conll::score(&key, &lemma_pred),
    );

    // How well the document grouping recovers the gold sub-topics.
    let subtopics: Vec<usize> = corpus
        .docs
        .iter()
        .map(|d| d.topic as usize * 2 + usize::from(d.plus))
        .collect();
    let as_chains = |groups: &[usize]| -> Vec<Vec<usize>> {
        let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
        for (d, &g) in groups.iter().enumerate() {
            by.entry(g).or_default().push(d);
        }
        by.into_values().collect()
    };
    let lemma_sub = ids(&gold, &same_lemma(&gold, &subtopics));
    put(
        &mut r,
        "lemma_gold_subtopics",
        &conll::score(&key, &lemma_sub),
    );
    let doc_scores = conll::score(&as_chains(&subtopics), &as_chains(&doc_groups));
    r.metric("doc_groups_vs_subtopics.conll_f1", doc_scores.conll_f1);
    r.metric(
        "doc_groups",
        doc_groups.iter().collect::<HashSet<_>>().len() as f64,
    );
    if with_notes {
        r.notes.push(format!(
            "published best (gold mentions, CoNLL F1): {PUBLISHED_BEST}; ours with gold mentions: {:.3}; end to end: {:.3}",
            r.get("gold.conll_f1").unwrap_or(0.0),
            r.get("e2e.conll_f1").unwrap_or(0.0)
        ));
        r.notes.push(format!(
            "e2e: {} system mentions from our events, {exact} exactly on a gold mention, {overlapping} overlapping one",
            sys.len()
        ));
        let mut by_topic: std::collections::BTreeMap<u32, (usize, usize, usize)> =
            std::collections::BTreeMap::new();
        for g in &corpus.mentions {
            by_topic.entry(corpus.docs[g.id.doc].topic).or_default().1 += 1;
        }
        for m in &sys {
            let e = by_topic.entry(corpus.docs[m.id.doc].topic).or_default();
            e.2 += 1;
            if gold_ids.contains(&m.id) {
                e.0 += 1;
            }
        }
        r.notes.push(format!(
            "e2e by topic (exact matches / gold mentions / system mentions): {}",
            by_topic
                .iter()
                .map(|(t, (hit, gold, sys))| format!("{t}: {hit}/{gold}/{sys}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    r.notes
        .push(format!("{suite}: {:.1}s", started.elapsed().as_secs_f64()));
    r
}

fn put(r: &mut EvalReport, setting: &str, s: &Scores) {
    for (name, prf) in [("muc", s.muc), ("b3", s.b3), ("ceafe", s.ceafe)] {
        r.metric(&format!("{setting}.{name}_r"), prf.recall);
        r.metric(&format!("{setting}.{name}_p"), prf.precision);
        r.metric(&format!("{setting}.{name}_f1"), prf.f1);
    }
    r.metric(&format!("{setting}.conll_f1"), s.conll_f1);
}

/// Cluster number per item → clusters of item indexes.
fn by_id(cluster_of: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, &c) in cluster_of.iter().enumerate() {
        if out.len() <= c {
            out.resize(c + 1, Vec::new());
        }
        out[c].push(i);
    }
    out.retain(|c| !c.is_empty());
    out
}

fn ids(mentions: &[Mention], clusters: &[Vec<usize>]) -> Vec<Vec<MentionId>> {
    clusters
        .iter()
        .map(|c| c.iter().map(|&i| mentions[i].id.clone()).collect())
        .collect()
}

fn overlaps(a: &MentionId, b: &MentionId) -> bool {
    a.doc == b.doc && a.sentence == b.sentence && a.tokens.iter().any(|t| b.tokens.contains(t))
}

/// Index of the corpus sentence numbered `id` in document `doc`.
fn sentence_index(corpus: &Corpus, doc: usize, id: u32) -> Option<usize> {
    corpus.docs[doc].sentences.iter().position(|s| s.id == id)
}

/// The word of `words` (one sentence, heads 1-based) whose head lies outside
/// the chosen set `inside` (indexes into `words`): the syntactic head of a
/// multi-word mention. Falls back to the last word.
fn head_of(words: &[ParsedToken], inside: &[usize]) -> Option<usize> {
    inside
        .iter()
        .copied()
        .find(|&i| {
            let h = words[i].head;
            h == 0 || !inside.contains(&(h - 1))
        })
        .or_else(|| inside.last().copied())
}

/// Our actors, places and dates inside `bytes` of `view`.
fn args_in(view: &DocView, bytes: Range<usize>) -> Vec<String> {
    let inside = |s: &sitrep_core::Span| s.byte_start >= bytes.start && s.byte_end <= bytes.end;
    let mut out = Vec::new();
    for a in &view.analysis.actors {
        if inside(&a.span) {
            out.push(format!(
                "A:{}",
                if a.code.is_empty() { &a.name } else { &a.code }
            ));
        }
    }
    for p in &view.analysis.places {
        if inside(&p.span) {
            out.push(match p.geonameid {
                Some(id) => format!("P:{id}"),
                None => format!("P:{}", p.name.to_lowercase()),
            });
        }
    }
    for t in &view.analysis.times {
        if inside(&t.span) && t.kind == "DATE" && t.value.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push(format!("T:{}", t.value));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The PLOVER type of our first event whose trigger overlaps `bytes`.
fn kind_at(view: &DocView, bytes: &Range<usize>) -> Option<String> {
    view.analysis
        .events
        .iter()
        .find(|e| e.trigger.byte_start < bytes.end && bytes.start < e.trigger.byte_end)
        .map(|e| e.plover.event.clone())
        .filter(|k| !k.is_empty())
}

fn gold_mention(corpus: &Corpus, views: &[DocView], id: &MentionId) -> Mention {
    let view = &views[id.doc];
    let si = sentence_index(corpus, id.doc, id.sentence).unwrap_or(0);
    let words = &view.gold_parse[si];
    let ranges = &view.ranges[si];
    let inside: Vec<usize> = id
        .tokens
        .iter()
        .map(|&t| t as usize)
        .filter(|&t| t < words.len())
        .collect();
    let lemma = head_of(words, &inside)
        .map(|h| words[h].lemma.to_lowercase())
        .unwrap_or_default();
    let first = inside.first().and_then(|&t| ranges.get(t));
    let last = inside.last().and_then(|&t| ranges.get(t));
    let bytes = match (first, last) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    };
    let sentence = match (ranges.first(), ranges.last()) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    };
    Mention {
        id: id.clone(),
        context: context_of(words, &lemma),
        lemma,
        kind: kind_at(view, &bytes),
        args: args_in(view, sentence),
    }
}

/// Content lemmas of a sentence other than `skip`, sorted and distinct.
fn context_of(words: &[ParsedToken], skip: &str) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .filter(|w| is_content(w))
        .map(|w| w.lemma.to_lowercase())
        .filter(|l| l != skip)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Nouns, proper nouns, verbs, adjectives and numbers, less a few light verbs.
fn is_content(w: &ParsedToken) -> bool {
    matches!(w.upos.as_str(), "NOUN" | "PROPN" | "VERB" | "ADJ" | "NUM")
        && w.lemma.chars().count() > 1
        && !matches!(w.lemma.as_str(), "be" | "have" | "say" | "do")
}

/// The event the incident linker sees for a gold mention: our event whose
/// trigger overlaps the mention, if any (type, actors, place, date as our
/// pipeline coded them); else an untyped event with the mention as trigger
/// and the first actor, place and date our pipeline found in its sentence.
fn gold_event(corpus: &Corpus, views: &[DocView], id: &MentionId, text: &str) -> Event {
    let view = &views[id.doc];
    let si = sentence_index(corpus, id.doc, id.sentence).unwrap_or(0);
    let ranges = &view.ranges[si];
    let first = id.tokens.first().and_then(|&t| ranges.get(t as usize));
    let last = id.tokens.last().and_then(|&t| ranges.get(t as usize));
    let bytes = match (first, last) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    };
    if let Some(e) = view
        .analysis
        .events
        .iter()
        .find(|e| e.trigger.byte_start < bytes.end && bytes.start < e.trigger.byte_end)
    {
        return e.clone();
    }
    let sentence = match (ranges.first(), ranges.last()) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => 0..0,
    };
    let inside = |s: &Span| s.byte_start >= sentence.start && s.byte_end <= sentence.end;
    let a = &view.analysis;
    Event {
        trigger: view.doc.span(bytes.start, bytes.end),
        actor1: a.actors.iter().find(|x| inside(&x.span)).cloned(),
        place: a.places.iter().find(|x| inside(&x.span)).cloned(),
        time: a
            .times
            .iter()
            .find(|x| inside(&x.span) && x.kind == "DATE")
            .map(|t| sitrep_core::EventTime {
                value: t.value.clone(),
                precision: t.precision.clone(),
                time_precision: match t.precision.as_str() {
                    "day" => 1,
                    "week" => 2,
                    _ => 3,
                },
                time: None,
                fallback: false,
            }),
        rule: format!("ecb+ gold mention {text:?}"),
        ..Event::default()
    }
}

/// Our events as mentions on the corpus tokens (one per distinct token set;
/// the first event on a token set stands for it), with their events.
fn system_mentions(corpus: &Corpus, views: &[DocView]) -> Vec<(Mention, Event)> {
    let mut out: Vec<(Mention, Event)> = Vec::new();
    let mut seen: HashSet<MentionId> = HashSet::new();
    for (d, view) in views.iter().enumerate() {
        for e in &view.analysis.events {
            let t = &e.trigger;
            let mut found = None;
            for (si, ranges) in view.ranges.iter().enumerate() {
                let toks: Vec<u32> = ranges
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.start < t.byte_end && t.byte_start < r.end)
                    .map(|(i, _)| i as u32)
                    .collect();
                if !toks.is_empty() {
                    found = Some((si, toks));
                    break;
                }
            }
            let Some((si, tokens)) = found else {
                continue;
            };
            let id = MentionId {
                doc: d,
                sentence: corpus.docs[d].sentences[si].id,
                tokens,
            };
            if !seen.insert(id.clone()) {
                continue;
            }
            // Lemma from our own parse of our own sentence.
            let ours = view.doc.sentence_at(t.byte_start);
            let words: &[ParsedToken] = view.parse.get(ours).map_or(&[], Vec::as_slice);
            let lemma = view
                .parse
                .get(ours)
                .and_then(|words| {
                    let inside: Vec<usize> = words
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| w.start < t.byte_end && t.byte_start < w.end)
                        .map(|(i, _)| i)
                        .collect();
                    head_of(words, &inside).map(|h| words[h].lemma.to_lowercase())
                })
                .unwrap_or_else(|| t.text.to_lowercase());
            let sentence = view
                .doc
                .sentences
                .get(ours)
                .map_or(0..0, |s| s.start..s.end);
            out.push((
                Mention {
                    id,
                    context: context_of(words, &lemma),
                    lemma,
                    kind: Some(e.plover.event.clone()).filter(|k| !k.is_empty()),
                    args: args_in(view, sentence),
                },
                e.clone(),
            ));
        }
    }
    out
}

/// Content lemmas of a document, for grouping documents.
fn doc_terms(view: &DocView) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    for w in view.parse.iter().flatten() {
        if is_content(w) {
            *tf.entry(w.lemma.to_lowercase()).or_insert(0.0) += 1.0;
        }
    }
    tf
}

/// Group documents: tf-idf cosine, average-link agglomeration stopped at
/// `threshold`. Returns a group number per document.
fn cluster_documents(views: &[DocView], threshold: f64) -> Vec<usize> {
    let tfs: Vec<HashMap<String, f64>> = views.iter().map(doc_terms).collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for tf in &tfs {
        for k in tf.keys() {
            *df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let n = views.len() as f64;
    let vecs: Vec<HashMap<&str, f64>> = tfs
        .iter()
        .map(|tf| {
            let mut v: HashMap<&str, f64> = tf
                .iter()
                .map(|(k, &c)| {
                    let idf = (n / df.get(k.as_str()).copied().unwrap_or(1.0)).ln();
                    (k.as_str(), (1.0 + c.ln()) * idf)
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in v.values_mut() {
                    *x /= norm;
                }
            }
            v
        })
        .collect();
    let cos = |a: usize, b: usize| -> f64 {
        let (x, y) = if vecs[a].len() < vecs[b].len() {
            (&vecs[a], &vecs[b])
        } else {
            (&vecs[b], &vecs[a])
        };
        x.iter()
            .map(|(k, v)| v * y.get(k).copied().unwrap_or(0.0))
            .sum()
    };
    let items: Vec<usize> = (0..views.len()).collect();
    let clusters = average_link(&items, threshold, cos);
    let mut group = vec![0; views.len()];
    for (g, c) in clusters.iter().enumerate() {
        for &d in c {
            group[d] = g;
        }
    }
    group
}

/// Average-link agglomerative clustering of `items` under `sim`, merging
/// while the best average similarity exceeds `threshold`. Deterministic:
/// ties go to the earliest pair.
pub fn average_link(
    items: &[usize],
    threshold: f64,
    sim: impl Fn(usize, usize) -> f64,
) -> Vec<Vec<usize>> {
    let n = items.len();
    let mut clusters: Vec<Vec<usize>> = items.iter().map(|&i| vec![i]).collect();
    // Sum of pairwise similarities between clusters.
    let mut total = vec![vec![0.0f64; n]; n];
    for a in 0..n {
        for b in a + 1..n {
            let s = sim(items[a], items[b]);
            total[a][b] = s;
            total[b][a] = s;
        }
    }
    let mut alive: Vec<bool> = vec![true; n];
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..n {
            if !alive[a] {
                continue;
            }
            for b in a + 1..n {
                if !alive[b] {
                    continue;
                }
                let avg = total[a][b] / (clusters[a].len() * clusters[b].len()) as f64;
                if avg > threshold && best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else {
            break;
        };
        let moved = std::mem::take(&mut clusters[b]);
        clusters[a].extend(moved);
        alive[b] = false;
        for c in 0..n {
            if c != a && alive[c] {
                total[a][c] += total[b][c];
                total[c][a] = total[a][c];
            }
        }
    }
    clusters.into_iter().filter(|c| !c.is_empty()).collect()
}

/// Pairwise evidence that two mentions are the same event.
pub fn pair_score(a: &Mention, b: &Mention, params: &Params) -> f64 {
    let mut s = 0.0;
    if params.context_weight > 0.0 {
        s += params.context_weight * jaccard(&a.context, &b.context);
    }
    if !a.lemma.is_empty() && a.lemma == b.lemma {
        s += 1.0;
    } else if params.stem_weight > 0.0 && same_stem(&a.lemma, &b.lemma) {
        s += params.stem_weight;
    } else if a.kind.is_some() && a.kind == b.kind {
        s += 0.5;
    }
    let shared = a.args.iter().filter(|x| b.args.contains(x)).count();
    if shared > 0 {
        s += 0.25;
    }
    s
}

/// True when both lemmas have at least [`STEM`] letters and share the first
/// [`STEM`].
fn same_stem(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    (0..STEM).all(|_| match (x.next(), y.next()) {
        (Some(p), Some(q)) => p == q,
        _ => false,
    })
}

/// |A ∩ B| / |A ∪ B| of two sorted, distinct lists.
fn jaccard(a: &[String], b: &[String]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// Cluster mentions: within each document group (`groups[doc]`), average
/// link over [`pair_score`] stopped at `params.mention_threshold`. Returns
/// clusters of indexes into `mentions`.
pub fn cluster_mentions(
    mentions: &[Mention],
    groups: &[usize],
    params: &Params,
) -> Vec<Vec<usize>> {
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by.entry(groups.get(m.id.doc).copied().unwrap_or(usize::MAX))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<usize> = by.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    for k in keys {
        let items = &by[&k];
        out.extend(average_link(items, params.mention_threshold, |a, b| {
            pair_score(&mentions[a], &mentions[b], params)
        }));
    }
    out
}

/// One cluster per (group, head lemma): the lemma baseline.
pub fn same_lemma(mentions: &[Mention], groups: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<(usize, &str)> = Vec::new();
    let mut by: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let k = (
            groups.get(m.id.doc).copied().unwrap_or(usize::MAX),
            m.lemma.as_str(),
        );
        let e = by.entry(k).or_default();
        if e.is_empty() {
            order.push(k);
        }
        e.push(i);
    }
    order.into_iter().filter_map(|k| by.remove(&k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: usize, tok: u32, lemma: &str, kind: Option<&str>, args: &[&str]) -> Mention {
        Mention {
            id: MentionId {
                doc,
                sentence: 0,
                tokens: vec![tok],
            },
            lemma: lemma.into(),
            kind: kind.map(String::from),
            args: args.iter().map(|s| s.to_string()).collect(),
            context: Vec::new(),
        }
    }

    #[test]
    fn same_lemma_groups_within_a_group_only() {
        let ms = [
            m(0, 0, "arrest", None, &[]),
            m(1, 0, "arrest", None, &[]),
            m(2, 0, "arrest", None, &[]),
            m(0, 1, "charge", None, &[]),
        ];
        let c = same_lemma(&ms, &[0, 0, 1]);
        assert_eq!(c, vec![vec![0, 1], vec![2], vec![3]]);
    }

    #[test]
    fn average_link_stops_at_threshold() {
        // 0-1 close, 2 far from both.
        let sim = |a: usize, b: usize| if a + b == 1 { 0.9 } else { 0.1 };
        let c = average_link(&[0, 1, 2], 0.5, sim);
        assert_eq!(c, vec![vec![0, 1], vec![2]]);
        let c = average_link(&[0, 1, 2], 0.05, sim);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn mentions_merge_on_lemma_or_type_with_shared_arguments() {
        let ms = [
            m(0, 0, "arrest", None, &["A:CAN"]),
            m(1, 0, "arrest", None, &[]),
            m(1, 1, "detain", Some("ARREST"), &["A:CAN"]),
            m(0, 2, "bomb", Some("ASSAULT"), &[]),
            m(1, 3, "shoot", Some("ASSAULT"), &[]),
        ];
        let c = cluster_mentions(&ms, &[0, 0], &PARAMS);
        // Same lemma merges; the same type alone merges only at 0.5 (not
        // above the threshold), so "bomb" and "shoot" stay apart.
        assert!(c.contains(&vec![0, 1]) || c.iter().any(|x| x.contains(&0) && x.contains(&1)));
        assert!(c.iter().all(|x| !(x.contains(&3) && x.contains(&4))));
        // Other groups never merge.
        let c = cluster_mentions(&ms, &[0, 1], &PARAMS);
        assert!(c.iter().all(|x| !(x.contains(&0) && x.contains(&1))));
    }

    #[test]
    fn absent_data_skips() {
        let r = run(Path::new("/nonexistent/sitrep-data")).expect("ok");
        assert!(r.is_empty());
    }
}
