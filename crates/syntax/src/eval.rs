//! Evaluation on UD English EWT with the CoNLL 2018 shared-task metrics.
//!
//! Owns two settings. From gold tokens: the gold words go in, and UPOS,
//! XPOS, UAS and LAS are accuracies. From raw text: each document's text is
//! rebuilt from the `# text =` comments (sentences joined by a space, a blank
//! line at `# newpar`), run through the core tokenizer, sentence splitter
//! and the parser, and system words are aligned to gold words by character
//! spans as the CoNLL 2018 script does; tokens, sentences, words, UPOS, UAS
//! and LAS are F1 scores. LAS compares the universal part of the relation
//! (`nmod` for `nmod:poss`), as the shared task did. Speed is measured on the
//! raw-text run, on one core.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use sitrep_core::eval::prf;
use sitrep_core::{Doc, EvalReport};

use crate::conllu::{self, Sentence};
use crate::{words, Error, Parser};

/// Accuracies from gold tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GoldScores {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Unlabelled attachment.
    pub uas: f64,
    /// Labelled attachment, universal relation.
    pub las: f64,
    /// Labelled attachment with subtypes.
    pub las_full: f64,
    /// Lemma accuracy.
    pub lemma: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Parse the gold words of every sentence and score.
pub fn gold_token_scores(parser: &Parser, sentences: &[Sentence]) -> GoldScores {
    let (mut n, mut upos, mut xpos, mut uas, mut las, mut lasf, mut lemma) =
        (0usize, 0, 0, 0, 0, 0, 0);
    for s in sentences {
        let forms = s.forms();
        let out = parser.parse_sentence(&forms);
        for (g, p) in s.words.iter().zip(&out) {
            n += 1;
            upos += usize::from(g.upos == p.upos);
            xpos += usize::from(g.xpos == p.xpos);
            lemma += usize::from(g.lemma == p.lemma);
            if g.head == p.head {
                uas += 1;
                las += usize::from(universal(&g.deprel) == universal(&p.deprel));
                lasf += usize::from(g.deprel == p.deprel);
            }
        }
    }
    let r = |c: usize| if n == 0 { 0.0 } else { c as f64 / n as f64 };
    GoldScores {
        words: n,
        upos: r(upos),
        xpos: r(xpos),
        uas: r(uas),
        las: r(las),
        las_full: r(lasf),
        lemma: r(lemma),
    }
}

/// Experiments: [`gold_token_scores`] with the gold (UPOS, XPOS) pairs fed
/// to the parser instead of the tagger's (an oracle: how much LAS the
/// tagger's errors cost). Pairs unknown to the model keep the tagger's tag.
pub fn oracle_tag_scores(parser: &Parser, sentences: &[Sentence]) -> GoldScores {
    let (mut n, mut uas, mut las, mut lasf) = (0usize, 0, 0, 0);
    for s in sentences {
        let forms = s.forms();
        let gold: Vec<Option<u16>> = s
            .words
            .iter()
            .map(|w| parser.tag_id(&w.upos, &w.xpos))
            .collect();
        let (heads, labels) = parser.analyze_tagged(&forms, &gold);
        for (i, g) in s.words.iter().enumerate() {
            n += 1;
            if heads.get(i) == Some(&g.head) {
                uas += 1;
                let l = parser.label_name(labels[i]);
                las += usize::from(universal(&g.deprel) == universal(l));
                lasf += usize::from(g.deprel == l);
            }
        }
    }
    let r = |c: usize| if n == 0 { 0.0 } else { c as f64 / n as f64 };
    GoldScores {
        words: n,
        upos: 1.0,
        xpos: 1.0,
        uas: r(uas),
        las: r(las),
        las_full: r(lasf),
        lemma: 0.0,
    }
}

/// One document rebuilt from the treebank.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    /// The text.
    pub text: String,
    /// Byte offset of each sentence's text.
    pub starts: Vec<usize>,
    /// The gold sentences.
    pub sentences: Vec<Sentence>,
}

/// Group sentences into documents (`# newdoc`) and rebuild their text.
pub fn raw_docs(sentences: &[Sentence]) -> Vec<RawDoc> {
    let mut docs: Vec<RawDoc> = Vec::new();
    for s in sentences {
        let new_doc = s.comments.iter().any(|c| c.starts_with("newdoc"));
        if new_doc || docs.is_empty() {
            docs.push(RawDoc::default());
        }
        let Some(d) = docs.last_mut() else { continue };
        if !d.text.is_empty() {
            let new_par = s.comments.iter().any(|c| c.starts_with("newpar"));
            d.text.push_str(if new_par { "\n\n" } else { " " });
        }
        d.starts.push(d.text.len());
        d.text.push_str(&s.text());
        d.sentences.push(s.clone());
    }
    docs
}

/// A word with its char span (byte offsets into the doc text).
#[derive(Debug, Clone)]
struct SpanWord {
    span: (usize, usize),
    upos: String,
    head: usize,
    deprel: String,
}

/// Gold tokens, sentences and words of a rebuilt document, with spans.
type Spans = Vec<(usize, usize)>;

fn gold_spans(d: &RawDoc) -> (Spans, Spans, Vec<Vec<SpanWord>>) {
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    let mut words = Vec::new();
    for (s, &start) in d.sentences.iter().zip(&d.starts) {
        let text = &d.text;
        let mut cur = start;
        let mut ws: Vec<SpanWord> = Vec::with_capacity(s.words.len());
        let mut first_tok = None;
        let mut last_end = start;
        let mut i = 0;
        let locate = |cur: &mut usize, form: &str| -> (usize, usize) {
            while let Some(c) = text.get(*cur..).and_then(|r| r.chars().next()) {
                if c.is_whitespace() {
                    *cur += c.len_utf8();
                } else {
                    break;
                }
            }
            let at = if text.get(*cur..).is_some_and(|r| r.starts_with(form)) {
                *cur
            } else {
                text.get(*cur..)
                    .and_then(|r| r.find(form))
                    .map_or(*cur, |k| *cur + k)
            };
            let end = (at + form.len()).min(text.len());
            *cur = end;
            (at, end)
        };
        while i < s.words.len() {
            let mw = s.multiwords.iter().find(|m| m.first == i + 1);
            if let Some(m) = mw {
                let (a, b) = locate(&mut cur, &m.form);
                tokens.push((a, b));
                first_tok.get_or_insert(a);
                last_end = b;
                let last = m.last.min(s.words.len());
                let parts: Vec<&conllu::Word> = s.words[i..last].iter().collect();
                let joined: String = parts.iter().map(|w| w.form.to_lowercase()).collect();
                let sub = joined == m.form.to_lowercase() && joined.len() == b - a;
                let mut off = a;
                for w in parts {
                    let span = if sub {
                        let e = off + w.form.len();
                        let sp = (off, e);
                        off = e;
                        sp
                    } else {
                        (a, b)
                    };
                    ws.push(SpanWord {
                        span,
                        upos: w.upos.clone(),
                        head: w.head,
                        deprel: w.deprel.clone(),
                    });
                }
                i = last.max(i + 1);
            } else {
                let w = &s.words[i];
                let (a, b) = locate(&mut cur, &w.form);
                tokens.push((a, b));
                first_tok.get_or_insert(a);
                last_end = b;
                ws.push(SpanWord {
                    span: (a, b),
                    upos: w.upos.clone(),
                    head: w.head,
                    deprel: w.deprel.clone(),
                });
                i += 1;
            }
        }
        sents.push((first_tok.unwrap_or(start), last_end));
        words.push(ws);
    }
    (tokens, sents, words)
}

/// F1 scores from raw text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RawScores {
    /// Tokens F1.
    pub tokens: f64,
    /// Sentences F1.
    pub sentences: f64,
    /// Words F1.
    pub words: f64,
    /// UPOS F1.
    pub upos: f64,
    /// UAS F1.
    pub uas: f64,
    /// LAS F1.
    pub las: f64,
    /// System words produced.
    pub sys_words: usize,
    /// Wall-clock seconds spent tokenizing, splitting, tagging and parsing.
    pub seconds: f64,
    /// The same, in CPU time of this thread (Linux), which a loaded
    /// machine disturbs less.
    pub cpu_seconds: Option<f64>,
}

/// CPU time of the calling thread, from `/proc/thread-self/schedstat`.
pub fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tokenize, split, tag and parse rebuilt raw text, and score it.
pub fn raw_text_scores(parser: &Parser, sentences: &[Sentence]) -> RawScores {
    let docs = raw_docs(sentences);
    let (mut gt, mut st, mut tt) = (0usize, 0usize, 0usize);
    let (mut gs, mut ss, mut ts) = (0usize, 0usize, 0usize);
    let (mut gw, mut sw, mut tw) = (0usize, 0usize, 0usize);
    let (mut cu, mut ch, mut cl) = (0usize, 0usize, 0usize);
    let mut seconds = 0.0;
    let mut cpu = Some(0.0);
    for d in &docs {
        let (gtok, gsent, gwords) = gold_spans(d);
        let c0 = thread_cpu_seconds();
        let t0 = Instant::now();
        let doc = Doc::new("eval", d.text.clone());
        let parsed = parser.parse_doc(&doc);
        seconds += t0.elapsed().as_secs_f64();
        cpu = match (cpu, c0, thread_cpu_seconds()) {
            (Some(c), Some(a), Some(b)) => Some(c + (b - a)),
            _ => None,
        };

        // tokens and sentences
        let mut sys_tokens = Vec::new();
        let mut sys_sents = Vec::new();
        let mut sys_words: Vec<Vec<SpanWord>> = Vec::new();
        for (s, p) in doc.sentences.iter().zip(&parsed) {
            let pieces = words::words(&doc, s.tokens.clone());
            for g in words::surface_groups(&doc.text, &pieces) {
                sys_tokens.push((pieces[g.start].start, pieces[g.end - 1].end));
            }
            if let (Some(a), Some(b)) = (pieces.first(), pieces.last()) {
                sys_sents.push((a.start, b.end));
            }
            sys_words.push(
                p.iter()
                    .map(|w| SpanWord {
                        span: (w.start, w.end),
                        upos: w.upos.clone(),
                        head: w.head,
                        deprel: w.deprel.clone(),
                    })
                    .collect(),
            );
        }
        let count_common = |a: &[(usize, usize)], b: &[(usize, usize)]| {
            let set: std::collections::BTreeSet<_> = a.iter().collect();
            b.iter().filter(|x| set.contains(x)).count()
        };
        gt += gtok.len();
        st += sys_tokens.len();
        tt += count_common(&gtok, &sys_tokens);
        gs += gsent.len();
        ss += sys_sents.len();
        ts += count_common(&gsent, &sys_sents);

        // words: align by span
        let mut gold_at: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        for (si, ws) in gwords.iter().enumerate() {
            for (wi, w) in ws.iter().enumerate() {
                gold_at.entry(w.span).or_insert((si, wi));
            }
        }
        gw += gwords.iter().map(Vec::len).sum::<usize>();
        sw += sys_words.iter().map(Vec::len).sum::<usize>();
        for ws in &sys_words {
            // sys word index -> aligned gold (sentence, word)
            let aligned: Vec<Option<(usize, usize)>> =
                ws.iter().map(|w| gold_at.get(&w.span).copied()).collect();
            for (w, a) in ws.iter().zip(&aligned) {
                let Some((gsi, gwi)) = *a else { continue };
                tw += 1;
                let g = &gwords[gsi][gwi];
                cu += usize::from(g.upos == w.upos);
                let sys_head = if w.head == 0 {
                    Some(None)
                } else {
                    aligned
                        .get(w.head - 1)
                        .copied()
                        .flatten()
                        .filter(|(hs, _)| *hs == gsi)
                        .map(|(_, hw)| Some(hw + 1))
                };
                let gold_head = if g.head == 0 { None } else { Some(g.head) };
                if sys_head == Some(gold_head) {
                    ch += 1;
                    cl += usize::from(universal(&g.deprel) == universal(&w.deprel));
                }
            }
        }
    }
    let f = |c: usize, s: usize, g: usize| prf(c, s, g).2;
    RawScores {
        tokens: f(tt, st, gt),
        sentences: f(ts, ss, gs),
        words: f(tw, sw, gw),
        upos: f(cu, sw, gw),
        uas: f(ch, sw, gw),
        las: f(cl, sw, gw),
        sys_words: sw,
        seconds,
        cpu_seconds: cpu,
    }
}

/// Published peers on EWT test, for the notes.
const PEERS: &[&str] = &[
    "peer (EWT test, raw text): CoNLL 2018 UDPipe 1.2 baseline LAS 77.56, UPOS ~93.6",
    "peer (EWT test, raw text): CoNLL 2018 best system LAS 84.57 (contextual embeddings)",
];

/// Evaluate the default model on EWT dev and test under `data`
/// (the `../shared/data` folder). Empty when the treebank is absent.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, Error> {
    let dir = data.join("ud-english-ewt");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let t0 = Instant::now();
    let parser = Parser::load_default()?;
    let load = t0.elapsed().as_secs_f64();
    let mut out = Vec::new();
    for split in ["dev", "test"] {
        let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
        if !path.is_file() {
            continue;
        }
        let sentences = conllu::read_file(&path)?;
        out.push(report(&parser, &sentences, split, load));
    }
    Ok(out)
}

/// The report for one split.
pub fn report(
    parser: &Parser,
    sentences: &[Sentence],
    split: &str,
    load_seconds: f64,
) -> EvalReport {
    let mut r = EvalReport::new(&format!("ud-ewt-{split}"));
    r.items = sentences.len();
    let g = gold_token_scores(parser, sentences);
    let raw = raw_text_scores(parser, sentences);
    r.metric("gold_upos", g.upos);
    r.metric("gold_xpos", g.xpos);
    r.metric("gold_uas", g.uas);
    r.metric("gold_las", g.las);
    r.metric("gold_las_full", g.las_full);
    r.metric("gold_lemma", g.lemma);
    r.metric("raw_tokens_f1", raw.tokens);
    r.metric("raw_sentences_f1", raw.sentences);
    r.metric("raw_words_f1", raw.words);
    r.metric("raw_upos_f1", raw.upos);
    r.metric("raw_uas_f1", raw.uas);
    r.metric("raw_las_f1", raw.las);
    let per_sec = |t: f64| {
        if t > 0.0 {
            raw.sys_words as f64 / t
        } else {
            0.0
        }
    };
    let wall = per_sec(raw.seconds);
    let speed = raw.cpu_seconds.map_or(wall, per_sec);
    r.metric("tokens_per_sec", speed);
    r.metric("tokens_per_sec_wall", wall);
    r.notes.push(format!(
        "{} words; LAS on the universal relation as in CoNLL 2018 (gold_las_full keeps subtypes)",
        g.words
    ));
    r.notes.push(format!(
        "speed: tokenize+split+tag+parse {speed:.0} words/s of thread CPU time on one core ({wall:.0}/s wall clock, machine load disturbs it); model load {load_seconds:.2}s"
    ));
    for p in PEERS {
        r.notes.push((*p).to_string());
    }
    r.notes.push(format!("model: {}", parser.info));
    r
}

/// Debug: print gold and system tokens that do not match (first `limit`).
pub fn token_mismatches(sentences: &[Sentence], limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    for d in raw_docs(sentences) {
        let (gtok, _, _) = gold_spans(&d);
        let doc = Doc::new("eval", d.text.clone());
        let mut sys = Vec::new();
        for s in &doc.sentences {
            let pieces = words::words(&doc, s.tokens.clone());
            for g in words::surface_groups(&doc.text, &pieces) {
                sys.push((pieces[g.start].start, pieces[g.end - 1].end));
            }
        }
        let ss: std::collections::BTreeSet<_> = sys.iter().collect();
        for g in &gtok {
            if !ss.contains(g) {
                let sys_here: Vec<&str> = sys
                    .iter()
                    .filter(|s| s.0 < g.1 && s.1 > g.0)
                    .map(|s| &d.text[s.0..s.1])
                    .collect();
                out.push(format!("gold {:?} sys {:?}", &d.text[g.0..g.1], sys_here));
            }
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}
