//! Cues as token sequences: a BIO tagger (averaged structured perceptron with
//! Viterbi decoding) over the tokens of a parsed sentence.
//!
//! The head-word model ([`crate::learned`]) scores one word at a time; many
//! PolNeAR cues are phrases whose head word it does not list or scores low
//! ("would support", "opposition to", "has come out in support of"). This
//! module labels every token of a sentence `O`, `B` (first word of a cue) or `I`
//! (a later word), with features of the word window and the parse (those of the
//! head-word model, [`crate::learned::FeatureBuf`]), the cue lexicon's matches
//! (raw and after the frame filters) and the quotes. [`crate::frames`] uses its
//! spans as a second proposer: a span that overlaps no other cue becomes a cue
//! when the tagger is sure enough ([`SeqModel::margin`]).
//!
//! It owns the tagger's features, decoding, training loop and model file format
//! (`data/attribution/cue_seq.tsv.zst`, rebuilt by the `train_cue_seq`
//! example); it does not choose where the cues' sources and contents are
//! ([`crate::frames`]) and never parses.
//!
//! Training is deterministic: documents in the caller's (sorted) order, a
//! fixed-seed shuffle, features numbered by first appearance, output sorted.

use std::collections::HashMap;

use sitrep_core::{Doc, SentenceParse, TokenKind};

use crate::frames::Frames;
use crate::learned::FeatureBuf;
use crate::Error;

/// The tags: outside, beginning and inside of a cue.
const O: usize = 0;
const B: usize = 1;
const I: usize = 2;

/// The model compiled into the binary (derived from PolNeAR train; see the file header).
pub const DEFAULT_SEQ_MODEL: &[u8] = include_bytes!("../../../data/attribution/cue_seq.tsv.zst");

/// How much the best labelling must beat the best one without a span for the
/// span to be proposed (chosen on the two article folds of train).
pub const DEFAULT_MARGIN: f32 = 0.0;

/// Added to every token's `B` score when decoding (same tuning; 20 until
/// session 12, when 25 raised both folds with the combined parser).
pub const DEFAULT_BIAS: f32 = 25.0;

/// A learned or lexicon cue that the tagger, decoding with the bias, leaves
/// outside every cue by more than this score is dropped (same tuning).
pub const DEFAULT_VETO: f32 = 20.0;

/// The span extender written into a trained model (see [`SeqModel::extend`]).
pub const DEFAULT_EXTEND: u8 = 1;

/// Whether a trained model tags every sentence (parsing it), or only those the
/// learned model parsed.
pub const DEFAULT_PARSE_ALL: bool = true;

/// The features' emission weights (O, B, I): names in one buffer, found
/// through an open-addressing table of their hashes. Built once at load; a
/// lookup hashes the feature's bytes a word at a time and compares one name
/// (a `HashMap<String, _>` cost a SipHash per feature and a heap string per
/// entry: 25 MiB and most of the decoding time).
#[derive(Debug, Clone, Default)]
struct Weights {
    /// All feature names, back to back.
    names: String,
    /// End of each entry's name in `names` (its start is the previous end).
    ends: Vec<u32>,
    /// Each entry's hash (high bits, to skip most name comparisons).
    tags: Vec<u32>,
    w: Vec<[f32; 3]>,
    /// Entry number + 1 of each slot (0: empty); a power of two long.
    slots: Vec<u32>,
}

/// A 64-bit hash of `b`, eight bytes at a time.
#[inline]
fn name_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut x = [0u8; 8];
        x.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(x)).wrapping_mul(K);
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        // Byte by byte: a copy of up to seven bytes is a `memcpy` call.
        let x = r
            .iter()
            .enumerate()
            .fold(0u64, |x, (i, &b)| x | u64::from(b) << (8 * i));
        h = (h.rotate_left(5) ^ x).wrapping_mul(K);
    }
    // The murmur3 finaliser: every input byte reaches the low bits that pick
    // the slot (a plain shift left names ending in two different bytes on
    // one home slot).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

impl Weights {
    fn name(&self, e: usize) -> &str {
        let start = if e == 0 { 0 } else { self.ends[e - 1] as usize };
        &self.names[start..self.ends[e] as usize]
    }

    /// Append an entry (the table is built by [`Weights::index`]).
    fn push(&mut self, name: &str, w: [f32; 3]) {
        self.names.push_str(name);
        self.ends.push(self.names.len() as u32);
        self.tags.push((name_hash(name.as_bytes()) >> 32) as u32);
        self.w.push(w);
    }

    /// The slot of `name`: where it is, or the empty slot where it goes.
    #[inline]
    fn slot(&self, name: &str) -> usize {
        let h = name_hash(name.as_bytes());
        let (tag, mask) = ((h >> 32) as u32, self.slots.len() - 1);
        let mut i = h as usize & mask;
        loop {
            let e = self.slots[i] as usize;
            if e == 0 || (self.tags[e - 1] == tag && self.name(e - 1) == name) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Build the table; of entries with the same name the last one counts.
    fn index(&mut self) {
        let cap = (self.w.len() * 2 + 2).next_power_of_two();
        self.slots = vec![0; cap];
        for e in 0..self.w.len() {
            let i = self.slot(self.name(e));
            self.slots[i] = e as u32 + 1;
        }
    }

    #[inline]
    fn get(&self, name: &str) -> Option<&[f32; 3]> {
        if self.slots.is_empty() {
            return None;
        }
        match self.slots[self.slot(name)] as usize {
            0 => None,
            e => self.w.get(e - 1),
        }
    }

    /// Number of distinct features.
    fn len(&self) -> usize {
        self.slots.iter().filter(|&&e| e != 0).count()
    }
}

/// Split `line` at its tabs into `buf`, without a vector per line; returns
/// the number of columns, or `buf.len() + 1` when there are more.
fn columns<'a>(line: &'a str, buf: &mut [&'a str; 6]) -> usize {
    let mut k = 0;
    let mut start = 0;
    for (i, &c) in line.as_bytes().iter().enumerate() {
        if c == b'\t' {
            if k == buf.len() {
                return k + 1;
            }
            // A tab is one byte: both ends are character boundaries.
            buf[k] = line.get(start..i).unwrap_or("");
            k += 1;
            start = i + 1;
        }
    }
    if k == buf.len() {
        return k + 1;
    }
    buf[k] = line.get(start..).unwrap_or("");
    k + 1
}

/// Emission weights (O, B, I) of the features, tag transitions and the margin.
#[derive(Debug, Clone, Default)]
pub struct SeqModel {
    weights: Weights,
    /// `trans[prev][next]`; row 3 is the sentence start.
    trans: [[f32; 3]; 4],
    /// Score margin a span needs (see [`DEFAULT_MARGIN`]).
    pub margin: f32,
    /// Added to the `B` score of every token when decoding (more spans when positive).
    pub bias: f32,
    /// A learned cue whose word the tagger leaves outside every cue by more
    /// than this is dropped (infinite: never).
    pub veto: f32,
    /// The same for the lexicon's cues.
    pub veto_lex: f32,
    /// Span extender: 0 off, 1 a span joins the cues it overlaps when there are
    /// several, 2 a span gives its bounds to any cue it overlaps, 3 as 2 with
    /// the hull of both bounds.
    pub extend: u8,
    /// Parse every sentence with a cue word (lexicon or learned model, any
    /// score) to tag it (else only those the learned model parsed).
    pub parse_all: bool,
}

/// A proposed cue span: first and last token (inclusive) and its margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeqSpan {
    pub first: usize,
    pub last: usize,
    pub margin: f32,
}

/// The decoding of one sentence: its spans and what [`SeqModel::deficit`] needs.
#[derive(Debug, Clone)]
pub struct Decoded {
    start: usize,
    em: Vec<[f32; 3]>,
    tags: Vec<usize>,
    best: f32,
    pub spans: Vec<SeqSpan>,
}

/// Per-token lexicon tags of a sentence: raw lexicon matches and those the
/// frame rules keep (`"B|Speech"`, `"I|Tell"`, or empty).
#[derive(Debug, Default)]
pub struct LexTags {
    pub raw: Vec<String>,
    pub kept: Vec<&'static str>,
}

impl LexTags {
    /// The tags of sentence `si` given the cue matches the frames kept (`kept`).
    pub fn of_sentence(frames: &Frames, si: usize, kept: &[crate::lexicon::CueMatch]) -> LexTags {
        let doc = frames.doc;
        let r = doc.sentences[si].tokens.clone();
        let n = r.len();
        let mut raw = vec![String::new(); n];
        let mut k = r.start;
        while k < r.end {
            match frames.cues.match_at(doc, k, r.end) {
                Some(m) => {
                    let kind = frames.cues.entry(m.entry).kind;
                    for (j, slot) in raw[m.first - r.start..=m.last - r.start]
                        .iter_mut()
                        .enumerate()
                    {
                        *slot = format!("{}|{kind:?}", if j == 0 { "B" } else { "I" });
                    }
                    k = m.last + 1;
                }
                None => k += 1,
            }
        }
        let mut kept_tags = vec![""; n];
        for m in kept {
            if m.first < r.start || m.last >= r.end {
                continue;
            }
            for (j, slot) in kept_tags[m.first - r.start..=m.last - r.start]
                .iter_mut()
                .enumerate()
            {
                *slot = if j == 0 { "B" } else { "I" };
            }
        }
        LexTags {
            raw,
            kept: kept_tags,
        }
    }
}

/// Fill `buf` with the features of token `i` (sentence starting at token `s`).
pub fn token_features(
    frames: &Frames,
    i: usize,
    s: usize,
    parse: Option<&SentenceParse>,
    lex: &LexTags,
    buf: &mut FeatureBuf,
) {
    let doc = frames.doc;
    buf.no_clusters = true;
    buf.no_olc = true;
    buf.fill_parsed(doc, i, parse);
    let at = |k: isize| -> &str {
        let k = i as isize - s as isize + k;
        if k < 0 || k as usize >= lex.raw.len() {
            "<s>"
        } else {
            &lex.raw[k as usize]
        }
    };
    let here = at(0);
    let (prev, next) = (at(-1), at(1));
    buf.push(&["lx=", here]);
    buf.push(&["lxp=", prev, "|", here]);
    buf.push(&["lxn=", here, "|", next]);
    let kept = lex.kept.get(i - s).copied().unwrap_or("");
    buf.push(&["fl=", kept]);
    if i > s {
        buf.push(&["flp=", lex.kept.get(i - s - 1).copied().unwrap_or("")]);
    }
    if frames.in_quote[i].is_some() {
        buf.push(&["inq"]);
    }
    let t = &doc.tokens[i];
    let cap = doc
        .token_text(t)
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let shape = match t.kind {
        TokenKind::Word if cap => "Cap",
        TokenKind::Word => "low",
        TokenKind::Number => "num",
        _ => "punct",
    };
    buf.push(&["sh=", shape]);
    if let Some(p) = parse {
        if let Some(w) = crate::cue_features::word_of(p, i) {
            // The word's head: its part of speech and lemma with the word's, so
            // "in support of" and "would support" chain to the content word.
            if let Some(h) = p.head(w) {
                let side = if h < w { "<" } else { ">" };
                buf.push(&["hd=", side, "|", p.base_rel(w), "|", &p.words[h].upos]);
                let hk = p.words[h].token;
                if hk >= s && hk - s < lex.raw.len() {
                    buf.push(&["hlx=", &lex.raw[hk - s]]);
                }
            }
        }
    }
}

/// A constraint on the labelling: tokens `a..=b` outside any cue, or token `a` inside one.
#[derive(Debug, Clone, Copy)]
enum Mask {
    Outside(usize, usize),
    Inside(usize),
}

/// Viterbi over `em[token][tag]` with transitions `trans` under `mask`.
/// Returns the best tags and their score.
fn viterbi(em: &[[f32; 3]], trans: &[[f32; 3]; 4], mask: Option<Mask>) -> (Vec<usize>, f32) {
    let n = em.len();
    if n == 0 {
        return (Vec::new(), 0.0);
    }
    let allowed = |t: usize, tag: usize| match mask {
        None => true,
        Some(Mask::Outside(a, b)) => t < a || t > b || tag == O,
        Some(Mask::Inside(a)) => t != a || tag != O,
    };
    let neg = f32::NEG_INFINITY;
    let mut score = vec![[neg; 3]; n];
    let mut back = vec![[0usize; 3]; n];
    for tag in [O, B] {
        if allowed(0, tag) {
            score[0][tag] = trans[3][tag] + em[0][tag];
        }
    }
    for t in 1..n {
        for tag in [O, B, I] {
            if !allowed(t, tag) {
                continue;
            }
            let mut best = (neg, 0);
            for prev in [O, B, I] {
                // I continues a cue: never after O.
                if tag == I && prev == O {
                    continue;
                }
                let x = score[t - 1][prev] + trans[prev][tag];
                if x > best.0 {
                    best = (x, prev);
                }
            }
            score[t][tag] = best.0 + em[t][tag];
            back[t][tag] = best.1;
        }
    }
    let mut last = O;
    for tag in [B, I] {
        if score[n - 1][tag] > score[n - 1][last] {
            last = tag;
        }
    }
    let total = score[n - 1][last];
    let mut tags = vec![O; n];
    tags[n - 1] = last;
    for t in (1..n).rev() {
        tags[t - 1] = back[t][tags[t]];
    }
    (tags, total)
}

/// The spans (first, last, both offsets into the tag vector) of BIO `tags`.
fn spans(tags: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (t, &tag) in tags.iter().enumerate() {
        match tag {
            B => out.push((t, t)),
            I => {
                if let Some(last) = out.last_mut().filter(|l| l.1 + 1 == t) {
                    last.1 = t;
                } else {
                    out.push((t, t));
                }
            }
            _ => {}
        }
    }
    out
}

impl SeqModel {
    /// Parse the model text: `trans<TAB>prev<TAB>O<TAB>B<TAB>I` and
    /// `feature<TAB>O<TAB>B<TAB>I` lines and the decoding settings (`margin`,
    /// `decode_bias`, `veto`, `veto_lex`, `extend`, `parse_all` lines, each with
    /// one value); `#` lines are comments.
    pub fn parse(text: &str) -> Result<SeqModel, Error> {
        let mut m = SeqModel {
            margin: DEFAULT_MARGIN,
            veto: f32::INFINITY,
            veto_lex: f32::INFINITY,
            ..SeqModel::default()
        };
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |msg: String| Error::Data {
                file: "cue_seq.tsv",
                line: n + 1,
                msg,
            };
            let mut buf = [""; 6];
            let k = columns(line, &mut buf);
            let cols: &[&str] = buf.get(..k).unwrap_or(&[]);
            let num = |s: &str| {
                s.trim()
                    .parse::<f32>()
                    .map_err(|_| bad(format!("bad weight {s:?}")))
            };
            match cols {
                ["margin", w] => m.margin = num(w)?,
                ["decode_bias", w] => m.bias = num(w)?,
                ["veto", w] => m.veto = num(w)?,
                ["veto_lex", w] => m.veto_lex = num(w)?,
                ["extend", w] => m.extend = num(w)? as u8,
                ["parse_all", w] => m.parse_all = num(w)? != 0.0,
                ["trans", p, o, b, i] => {
                    let row = match *p {
                        "O" => 0,
                        "B" => 1,
                        "I" => 2,
                        "^" => 3,
                        _ => return Err(bad(format!("bad tag {p:?}"))),
                    };
                    m.trans[row] = [num(o)?, num(b)?, num(i)?];
                }
                [f, o, b, i] => {
                    // Entry ends are u32 offsets into one name buffer.
                    if m.weights.names.len() + f.len() >= u32::MAX as usize {
                        return Err(bad("model too large".into()));
                    }
                    m.weights.push(f, [num(o)?, num(b)?, num(i)?]);
                }
                _ => return Err(bad("expected feature<TAB>O<TAB>B<TAB>I".into())),
            }
        }
        m.weights.index();
        Ok(m)
    }

    /// Read a zstd-compressed model file.
    pub fn from_zst(bytes: &[u8]) -> Result<SeqModel, Error> {
        let raw = zstd::decode_all(bytes).map_err(|e| Error::Load(format!("cue_seq: {e}")))?;
        let text = String::from_utf8(raw).map_err(|e| Error::Load(format!("cue_seq: {e}")))?;
        SeqModel::parse(&text)
    }

    /// The model compiled into the binary.
    pub fn bundled() -> Result<SeqModel, Error> {
        SeqModel::from_zst(DEFAULT_SEQ_MODEL)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no feature weights.
    pub fn is_empty(&self) -> bool {
        self.weights.w.is_empty()
    }

    fn emissions(
        &self,
        frames: &Frames,
        s: usize,
        e: usize,
        parse: Option<&SentenceParse>,
        lex: &LexTags,
    ) -> Vec<[f32; 3]> {
        let mut buf = FeatureBuf::default();
        (s..e)
            .map(|i| {
                token_features(frames, i, s, parse, lex, &mut buf);
                let mut x = [0.0f32; 3];
                for f in buf.iter() {
                    if let Some(w) = self.weights.get(f) {
                        for t in 0..3 {
                            x[t] += w[t];
                        }
                    }
                }
                x[B] += self.bias;
                x
            })
            .collect()
    }

    /// The cue spans of sentence `si` (token indexes into the document) with
    /// their margins: how much the best labelling beats the best one that
    /// leaves the span out.
    pub fn spans(
        &self,
        frames: &Frames,
        si: usize,
        parse: Option<&SentenceParse>,
        lex: &LexTags,
    ) -> Decoded {
        let r = frames.doc.sentences[si].tokens.clone();
        let em = self.emissions(frames, r.start, r.end, parse, lex);
        let (tags, best) = viterbi(&em, &self.trans, None);
        let spans = spans(&tags)
            .into_iter()
            .map(|(a, b)| {
                let (_, without) = viterbi(&em, &self.trans, Some(Mask::Outside(a, b)));
                SeqSpan {
                    first: r.start + a,
                    last: r.start + b,
                    margin: best - without,
                }
            })
            .collect();
        Decoded {
            start: r.start,
            em,
            tags,
            best,
            spans,
        }
    }

    /// How much worse the best labelling is that puts token `k` inside a cue
    /// (0 when the best one does).
    pub fn deficit(&self, d: &Decoded, k: usize) -> f32 {
        let Some(t) = k.checked_sub(d.start).filter(|&t| t < d.tags.len()) else {
            return 0.0;
        };
        if d.tags[t] != O {
            return 0.0;
        }
        d.best - viterbi(&d.em, &self.trans, Some(Mask::Inside(t))).1
    }
}

/// One training sentence: feature numbers per token and the gold tags.
struct TrainSentence {
    feats: Vec<Vec<u32>>,
    tags: Vec<usize>,
}

/// One training document for the tagger: text, gold cue fragments (byte
/// ranges) and its sentence parses.
pub struct SeqDoc<'a> {
    pub doc: &'a Doc,
    pub cues: &'a [(usize, usize)],
    pub parses: &'a [SentenceParse],
}

/// Gold BIO tags of sentence `si`: a token overlapping a cue fragment is `B`
/// unless the token before it overlaps the same fragment.
fn gold_tags(doc: &Doc, si: usize, cues: &[(usize, usize)]) -> Vec<usize> {
    let r = doc.sentences[si].tokens.clone();
    let frag = |k: usize| {
        let t = &doc.tokens[k];
        cues.iter().position(|&(a, b)| t.start < b && a < t.end)
    };
    r.clone()
        .map(|k| match frag(k) {
            None => O,
            Some(f) if k > r.start && frag(k - 1) == Some(f) => I,
            Some(_) => B,
        })
        .collect()
}

/// Train the tagger on `docs` with `epochs` passes of an averaged structured
/// perceptron; features seen fewer than `min_count` times are left out and
/// weights whose largest magnitude is below `prune` are dropped. Returns the
/// model file text (sorted, deterministic).
pub fn train(
    docs: &[SeqDoc],
    lexicon: &crate::lexicon::CueLexicon,
    epochs: usize,
    min_count: usize,
    prune: f32,
) -> String {
    // Feature strings of every token, numbered by first appearance.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut sents: Vec<TrainSentence> = Vec::new();
    let mut buf = FeatureBuf::default();
    for d in docs {
        let frames = Frames::new(d.doc, lexicon, &[]);
        for si in 0..d.doc.sentences.len() {
            let r = d.doc.sentences[si].tokens.clone();
            if r.is_empty() {
                continue;
            }
            let kept = frames.cues_in(si);
            let lex = LexTags::of_sentence(&frames, si, &kept);
            let parse = d.parses.get(si);
            let mut feats = Vec::with_capacity(r.len());
            for i in r.clone() {
                token_features(&frames, i, r.start, parse, &lex, &mut buf);
                let f: Vec<u32> = buf
                    .iter()
                    .map(|x| {
                        let id = *ids.entry(x.to_string()).or_insert_with(|| {
                            names.push(x.to_string());
                            counts.push(0);
                            (names.len() - 1) as u32
                        });
                        counts[id as usize] += 1;
                        id
                    })
                    .collect();
                feats.push(f);
            }
            sents.push(TrainSentence {
                feats,
                tags: gold_tags(d.doc, si, d.cues),
            });
        }
    }
    drop(ids);
    for s in &mut sents {
        for f in &mut s.feats {
            f.retain(|&x| counts[x as usize] as usize >= min_count);
        }
    }
    // Averaged perceptron: w, and u = sum of c * update (average = w - u / c).
    let nf = names.len();
    let mut w = vec![[0.0f32; 3]; nf];
    let mut u = vec![[0.0f32; 3]; nf];
    let mut tw = [[0.0f32; 3]; 4];
    let mut tu = [[0.0f32; 3]; 4];
    let mut c = 1.0f32;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut seed: u64 = 0x5eed_c0de;
    for _ in 0..epochs {
        // Fisher–Yates with a fixed-seed LCG.
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = ((seed >> 33) % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        for &si in &order {
            let s = &sents[si];
            let em: Vec<[f32; 3]> = s
                .feats
                .iter()
                .map(|f| {
                    let mut x = [0.0f32; 3];
                    for &id in f {
                        let wi = &w[id as usize];
                        for t in 0..3 {
                            x[t] += wi[t];
                        }
                    }
                    x
                })
                .collect();
            let (pred, _) = viterbi(&em, &tw, None);
            if pred != s.tags {
                for (t, f) in s.feats.iter().enumerate() {
                    let (g, p) = (s.tags[t], pred[t]);
                    if g != p {
                        for &id in f {
                            w[id as usize][g] += 1.0;
                            u[id as usize][g] += c;
                            w[id as usize][p] -= 1.0;
                            u[id as usize][p] -= c;
                        }
                    }
                    let (gp, pp) = if t == 0 {
                        (3, 3)
                    } else {
                        (s.tags[t - 1], pred[t - 1])
                    };
                    if (gp, g) != (pp, p) {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let avg = |w: f32, u: f32| w - u / c;
    let mut lines: Vec<String> = Vec::new();
    for (id, name) in names.iter().enumerate() {
        if (counts[id] as usize) < min_count {
            continue;
        }
        let a: Vec<f32> = (0..3).map(|t| avg(w[id][t], u[id][t])).collect();
        if a.iter().all(|x| x.abs() < prune) {
            continue;
        }
        lines.push(format!("{name}\t{:.3}\t{:.3}\t{:.3}", a[0], a[1], a[2]));
    }
    lines.sort();
    let mut out = String::new();
    for (row, tag) in ["O", "B", "I", "^"].iter().enumerate() {
        out.push_str(&format!(
            "trans\t{tag}\t{:.3}\t{:.3}\t{:.3}\n",
            avg(tw[row][0], tu[row][0]),
            avg(tw[row][1], tu[row][1]),
            avg(tw[row][2], tu[row][2])
        ));
    }
    out.push_str(&format!(
        "margin\t{DEFAULT_MARGIN}\ndecode_bias\t{DEFAULT_BIAS}\nveto\t{DEFAULT_VETO}\nveto_lex\t{DEFAULT_VETO}\nextend\t{DEFAULT_EXTEND}\nparse_all\t{}\n",
        u8::from(DEFAULT_PARSE_ALL)
    ));
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_never_starts_with_inside_and_masks_spans() {
        // Token 1 wants I but follows O: the best legal path makes it B.
        let em = [[3.0, 0.0, 0.0], [0.0, 0.5, 2.0], [0.0, 0.0, 1.5]];
        let trans = [[0.0; 3]; 4];
        let (tags, _) = viterbi(&em, &trans, None);
        assert_eq!(tags, vec![O, B, I]);
        assert_eq!(spans(&tags), vec![(1, 2)]);
        let (masked, _) = viterbi(&em, &trans, Some(Mask::Outside(1, 2)));
        assert_eq!(masked, vec![O, O, O]);
        let (inside, _) = viterbi(&em, &trans, Some(Mask::Inside(0)));
        assert_eq!(inside[0], B);
        let (masked, _) = viterbi(&em, &trans, Some(Mask::Outside(1, 2)));
        assert_eq!(masked, vec![O, O, O]);
    }

    /// A hand-written model: "voiced" opens a cue, "opposition" and "to" after
    /// it continue one; every other word is outside.
    fn toy() -> SeqModel {
        SeqModel::parse(
            "# toy\ntrans\t^\t0\t0\t0\ntrans\tO\t0\t0\t0\ntrans\tB\t0\t0\t0\ntrans\tI\t0\t0\t0\n\
             bias\t1\t0\t0\nw=voiced\t0\t5\t0\nw=opposition\t0\t0\t4\n\
             pw=opposition|to\t0\t0\t3\nmargin\t0.5\n",
        )
        .unwrap()
    }

    #[test]
    fn a_phrase_is_one_span_with_its_margin() {
        let doc = Doc::new("t", "Farmers voiced opposition to the fence.");
        let lexicon = crate::lexicon::CueLexicon::parse(crate::lexicon::DEFAULT_CUES).unwrap();
        let frames = Frames::new(&doc, &lexicon, &[]);
        let lex = LexTags::of_sentence(&frames, 0, &frames.cues_in(0));
        let m = toy();
        assert_eq!(m.margin, 0.5);
        let d = m.spans(&frames, 0, None, &lex);
        assert_eq!(d.spans.len(), 1, "{:?}", d.spans);
        let sp = d.spans[0];
        assert_eq!((doc.lower(sp.first), doc.lower(sp.last)), ("voiced", "to"));
        // Leaving the span out costs its three tokens' cue scores over `O`'s bias.
        assert!((sp.margin - 9.0).abs() < 1e-4, "{}", sp.margin);
        // A word outside the span: the best labelling with it inside costs more.
        let fence = (0..doc.tokens.len())
            .find(|&k| doc.lower(k) == "fence")
            .unwrap();
        assert!(m.deficit(&d, fence) > 0.0);
        assert_eq!(m.deficit(&d, sp.first), 0.0);
    }

    #[test]
    fn columns_split_at_tabs_and_count_extra_ones() {
        let mut buf = [""; 6];
        assert_eq!(columns("a\tb\t\tc", &mut buf), 4);
        assert_eq!(buf[..4], ["a", "b", "", "c"]);
        assert_eq!(columns("näh", &mut buf), 1);
        assert_eq!(buf[0], "näh");
        assert_eq!(columns("1\t2\t3\t4\t5\t6", &mut buf), 6);
        assert_eq!(columns("1\t2\t3\t4\t5\t6\t7", &mut buf), 7);
        assert_eq!(columns("1\t2\t3\t4\t5\t6\t", &mut buf), 7);
    }

    #[test]
    fn weights_are_found_by_name_and_the_last_line_counts() {
        let m = SeqModel::parse("w=a\t1\t2\t3\nw=ab\t4\t5\t6\nw=a\t7\t8\t9\n").unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.weights.get("w=a"), Some(&[7.0, 8.0, 9.0]));
        assert_eq!(m.weights.get("w=ab"), Some(&[4.0, 5.0, 6.0]));
        assert_eq!(m.weights.get("w=abc"), None);
        assert_eq!(m.weights.get(""), None);
        assert_eq!(SeqModel::default().weights.get("w=a"), None);
    }

    #[test]
    fn bad_model_lines_are_errors() {
        assert!(SeqModel::parse("w=x\t1\t2\n").is_err());
        assert!(SeqModel::parse("trans\tX\t0\t0\t0\n").is_err());
        assert!(SeqModel::parse("w=x\t1\tz\t0\n").is_err());
        assert!(SeqModel::from_zst(b"not zstd").is_err());
    }

    #[test]
    fn bundled_model_loads() {
        let m = SeqModel::bundled().unwrap();
        assert!(m.len() > 1000, "{}", m.len());
    }

    #[test]
    fn training_is_deterministic_and_learns_a_phrase() {
        let text = "Critics voiced opposition to the plan. The army left the town. \
                    Farmers voiced opposition to the fence. The convoy left the city.";
        let doc = Doc::new("t", text);
        let cues: Vec<(usize, usize)> = text
            .match_indices("voiced opposition to")
            .map(|(a, w)| (a, a + w.len()))
            .collect();
        let docs = [SeqDoc {
            doc: &doc,
            cues: &cues,
            parses: &[],
        }];
        let lexicon = crate::lexicon::CueLexicon::parse(crate::lexicon::DEFAULT_CUES).unwrap();
        let a = train(&docs, &lexicon, 4, 1, 0.0);
        assert_eq!(a, train(&docs, &lexicon, 4, 1, 0.0));
        let mut m = SeqModel::parse(&a).unwrap();
        assert_eq!(m.bias, DEFAULT_BIAS);
        // Without the bias of the real model (tuned for its scale).
        m.bias = 0.0;
        let d2 = Doc::new("u", "Workers voiced opposition to the cuts.");
        let frames = Frames::new(&d2, &lexicon, &[]);
        let lex = LexTags::of_sentence(&frames, 0, &frames.cues_in(0));
        let spans = m.spans(&frames, 0, None, &lex).spans;
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert_eq!(
            (d2.lower(spans[0].first), d2.lower(spans[0].last)),
            ("voiced", "to")
        );
    }

    /// The claims of `text` with the default tagger and syntax model (None
    /// when no syntax model is installed: the tagger only runs on parses).
    fn parsed_claims(text: &str) -> Option<Vec<sitrep_core::Claim>> {
        if sitrep_syntax::Parser::load_default().is_err() {
            eprintln!("skipping: no syntax model");
            return None;
        }
        let tagger = crate::ClaimTagger::load_default()
            .and_then(|t| t.with_default_parser())
            .unwrap();
        let doc = Doc::new("t", text);
        let mut a = sitrep_core::Analysis::default();
        sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
        Some(a.claims)
    }

    #[test]
    fn a_phrase_cue_is_one_claim() {
        let Some(claims) =
            parsed_claims("The mayor has come out in support of the new curfew in the old city.")
        else {
            return;
        };
        // The head-word model alone finds "out" and "support" (two claims).
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].cue.text, "has come out in support of");
        assert_eq!(claims[0].source.as_ref().unwrap().text, "The mayor");
    }

    #[test]
    fn a_relay_after_a_comma_survives_the_tagger() {
        let Some(claims) = parsed_claims(
            "Army officers have denied shelling the old market, calling the charge a lie, reports Reuters.",
        ) else {
            return;
        };
        assert!(
            claims
                .iter()
                .any(|c| c.cue.text == "reports" && c.via.iter().any(|v| v.outlet == "Reuters")),
            "{claims:?}"
        );
    }

    #[test]
    fn no_cue_in_an_event_sentence_with_the_tagger() {
        let Some(claims) = parsed_claims(
            "The convoy reached the town before dawn and unloaded flour at the market.",
        ) else {
            return;
        };
        assert!(claims.is_empty(), "{claims:?}");
    }

    #[test]
    fn gold_tags_mark_each_fragment() {
        let doc = Doc::new("t", "He would support the plan, she said.");
        // "would support" and "said" (byte ranges).
        let text = doc.text.as_str();
        let a = text.find("would").unwrap();
        let b = text.find(" the").unwrap();
        let c = text.find("said").unwrap();
        let tags = gold_tags(&doc, 0, &[(a, b), (c, c + 4)]);
        assert_eq!(tags, vec![O, B, I, O, O, O, O, B, O]);
    }
}
