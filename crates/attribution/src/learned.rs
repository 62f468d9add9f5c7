//! Learned cue proposer: an averaged perceptron over cue candidates.
//!
//! The hand lexicon ([`crate::lexicon`]) covers the common speech verbs; PolNeAR
//! also annotates a long tail of beliefs, wants, sentiments and nouns ("support",
//! "criticism", "think", "see", "decision"). This module scores each lower-case
//! word token that the model knows as a candidate (a word annotated as a cue in
//! PolNeAR *train* at least twice) with a linear model over its context (the word,
//! its neighbours, a following "that" or quote mark…). Tokens above the threshold
//! become cues; [`crate::frames`] then finds their source and content like any
//! other cue. The same score vetoes a one-word lexicon cue below the model's
//! `veto` line (a lexicon word used as no cue: "they found the house empty"). It owns the features, the model file format
//! (`data/attribution/cue_model.tsv`) and the training loop; the model file is
//! rebuilt by `cargo run --release -p sitrep-attribution --example train_cue_model`.
//! A model trained with open candidates ([`TrainOptions::open`], an `open`
//! line in the file) also scores, in parsed sentences, words it does not list
//! that the parse makes possible cues ([`CueModel::score_open`]).
//!
//! Models with `tree` lines add boosted trees ([`crate::boost`]) to the linear
//! score; they are trained from the linear model's out-of-fold scores
//! ([`train_model`] with [`TrainOptions::boost`]).
//!
//! Training is deterministic: documents in sorted order, a fixed-seed shuffle.

use std::collections::{HashMap, HashSet};

use sitrep_core::{Doc, SentenceParse, TokenKind};

use crate::boost::{BoostOptions, Trees};
use crate::Error;

/// The model compiled into the binary (derived from PolNeAR train; see the file header).
pub const DEFAULT_CUE_MODEL: &str = include_str!("../../../data/attribution/cue_model.tsv");

/// Score above which a candidate token is proposed as a cue.
pub const DEFAULT_THRESHOLD: f32 = 2.0;

/// Score below which a one-word lexicon cue is dropped as no cue in its context
/// (chosen by two-fold cross-validation on PolNeAR train).
pub const DEFAULT_VETO: f32 = -4.0;

/// How much higher the threshold is when a sentence has no parse: the model
/// then scores with its word-window features alone, which are less sure (two-fold
/// cross-validation on train: flat in F1 from 0 to 2, more precise).
pub const NO_PARSE_MARGIN: f32 = 1.0;

/// Word-window scores between these bounds send a sentence to the parser; a
/// sentence whose candidates all score outside them is decided on the word
/// window alone (its parse would rarely change the decision, and a parse costs
/// more than the rest of the sentence's analysis). Chosen on the two article
/// folds of PolNeAR train; see `docs/quality.md`.
pub const DEFAULT_PARSE_BAND: (f32, f32) = (-4.0, f32::INFINITY);

/// The tree number of a feature no tree splits on.
const NO_TREE: u32 = u32::MAX;

/// Feature weights of the cue proposer.
#[derive(Debug, Clone)]
pub struct CueModel {
    /// Feature → (linear weight, number in the trees' feature table or `NO_TREE`).
    weights: HashMap<String, (f32, u32)>,
    /// Words with a `w=` feature: the candidate set.
    candidates: HashSet<String>,
    /// Lemmas with an `L=` line: candidates too when the sentence is parsed.
    lemmas: HashSet<String>,
    /// Score a token must exceed to be proposed.
    pub threshold: f32,
    /// Score below which a one-word lexicon cue is dropped (`-inf`: never).
    pub veto: f32,
    /// Word-window scores inside this band make the sentence worth a parse.
    pub parse_band: (f32, f32),
    /// Whether the model scores open candidates (it has an `open` weight).
    pub open: bool,
    /// Whether the model has word-cluster features (else they are not computed).
    pub clusters: bool,
    /// Whether the model has other-lexicon-cue features.
    pub olc: bool,
    /// Word clusters (middle level, `K=` lines) an open candidate must fall in;
    /// empty: any open candidate.
    pub open_clusters: HashSet<u16>,
    /// Boosted trees added to the linear score (`tree` lines; none in older models).
    pub trees: Trees,
}

impl Default for CueModel {
    fn default() -> CueModel {
        CueModel {
            weights: HashMap::new(),
            candidates: HashSet::new(),
            lemmas: HashSet::new(),
            threshold: DEFAULT_THRESHOLD,
            veto: f32::NEG_INFINITY,
            parse_band: DEFAULT_PARSE_BAND,
            open: false,
            clusters: false,
            olc: false,
            open_clusters: HashSet::new(),
            trees: Trees::default(),
        }
    }
}

fn is_quote(w: &str) -> bool {
    matches!(w, "“" | "”" | "\"" | "«" | "»" | "''" | "``")
}

/// A crude stem: the word without an inflection ending ("supports" → "support").
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(b) = w.strip_suffix(suf) {
            if b.chars().count() >= 3 {
                return b;
            }
        }
    }
    w
}

/// The class of a neighbouring word, for features that generalise over words.
fn word_class(w: &str) -> &'static str {
    match w {
        "<s>" => "edge",
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this"
        | "that" | "these" | "those" | "no" | "any" | "some" => "det",
        "he" | "she" | "they" | "i" | "we" | "you" | "it" | "who" => "pron",
        "to" => "to",
        "will" | "would" | "can" | "could" | "may" | "might" | "must" | "should" | "shall" => {
            "modal"
        }
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "has" | "have" | "had" | "do"
        | "does" | "did" => "aux",
        "not" | "n't" | "never" => "neg",
        "of" | "for" | "in" | "on" | "at" | "by" | "with" | "from" | "about" | "against" => "prep",
        "," | ";" | "—" | "-" | "(" | ")" => "comma",
        ":" => "colon",
        "." | "?" | "!" => "stop",
        _ if w.chars().any(char::is_alphabetic) => {
            if w.ends_with("ly") {
                "adv"
            } else {
                "word"
            }
        }
        _ => "other",
    }
}

/// Whether token `i` is a candidate shape: a lower-case word.
pub fn candidate_shape(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.kind == TokenKind::Word
        && doc
            .token_text(t)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// The features of token `i` in its sentence (the word itself is `w=`).
pub fn features(doc: &Doc, i: usize, parse: Option<&SentenceParse>, out: &mut Vec<String>) {
    let mut buf = FeatureBuf::default();
    buf.fill_parsed(doc, i, parse);
    out.clear();
    out.extend(buf.iter().map(str::to_string));
}

/// Features written into one reused string (no allocation per feature at run time).
#[derive(Debug, Default)]
pub struct FeatureBuf {
    text: String,
    ends: Vec<usize>,
    /// Scratch for the trees: the feature numbers present, and their flags.
    present: Vec<u32>,
    flags: Vec<bool>,
    /// Leave out the word-cluster features (set by a model that has none).
    pub(crate) no_clusters: bool,
    /// Leave out the other-lexicon-cue features (`olc`; set by a model that has none).
    pub(crate) no_olc: bool,
}

/// The one-word forms of the compiled cue lexicon.
fn lexicon_words() -> &'static HashSet<String> {
    static W: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        crate::lexicon::one_word_forms()
            .map(str::to_string)
            .collect()
    })
}

/// Whether `f` is an other-lexicon-cue feature.
pub fn is_olc_feature(f: &str) -> bool {
    f.starts_with("olc")
}

/// Prefixes of the word-cluster features ([`crate::clusters`]): the
/// candidate's clusters and similarity bucket, its subject's (`sk=`), its
/// arguments' (`ok=`) and, for an auxiliary or copula, its head's (`hk=`).
pub const CLUSTER_FEATURES: &[&str] = &[
    "k=", "k1=", "k2=", "k3=", "k1n=", "ksim=", "sk=", "ok=", "hk=",
];

/// Whether `f` is a word-cluster feature.
pub fn is_cluster_feature(f: &str) -> bool {
    matches!(f.as_bytes().first(), Some(b'k' | b's' | b'o' | b'h'))
        && CLUSTER_FEATURES.iter().any(|p| f.starts_with(p))
}

impl FeatureBuf {
    pub(crate) fn push(&mut self, parts: &[&str]) {
        for p in parts {
            self.text.push_str(p);
        }
        self.ends.push(self.text.len());
    }

    /// The features, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&e| {
            let f = &self.text[start..e];
            start = e;
            f
        })
    }

    /// Compute the features of token `i`, with those of its parse when given.
    pub fn fill_parsed(&mut self, doc: &Doc, i: usize, parse: Option<&SentenceParse>) {
        self.fill(doc, i);
        if let Some(p) = parse {
            crate::cue_features::push_parse_features(self, p, i);
        }
    }

    /// Compute the features of an open candidate (a word the model does not
    /// list, proposed by its parse): the word feature is `ow=`, not `w=` (a `w=`
    /// line makes a word a candidate without a parse), and `open` marks the case.
    pub fn fill_open(&mut self, doc: &Doc, i: usize, p: &SentenceParse) {
        self.fill_parsed(doc, i, Some(p));
        if self.text.starts_with("w=") {
            self.text.replace_range(0..2, "ow=");
            for e in &mut self.ends {
                *e += 1;
            }
        }
        self.push(&["open"]);
        if let Some(w) = crate::cue_features::word_of(p, i) {
            self.push(&["open|", &p.words[w].upos]);
        }
    }

    /// Compute the (word window) features of token `i`.
    pub fn fill(&mut self, doc: &Doc, i: usize) {
        self.text.clear();
        self.ends.clear();
        let sent = &doc.sentences[doc.tokens[i].sentence];
        let (s, e) = (sent.tokens.start, sent.tokens.end);
        let at = |k: isize| -> &str {
            let k = i as isize + k;
            if k < s as isize || k >= e as isize {
                "<s>"
            } else {
                doc.lower(k as usize)
            }
        };
        let w = at(0);
        let cut = w.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
        self.push(&["w=", w]);
        self.push(&["p=", at(-1)]);
        self.push(&["n=", at(1)]);
        self.push(&["p2=", at(-2)]);
        self.push(&["n2=", at(2)]);
        self.push(&["pw=", at(-1), "|", w]);
        self.push(&["wn=", w, "|", at(1)]);
        self.push(&["s3=", &w[cut..]]);
        self.push(&["bias"]);
        let next = [at(1), at(2), at(3)];
        if next.contains(&"that") {
            self.push(&["that3"]);
            self.push(&["wthat=", w]);
        }
        let prev = at(-1);
        let subj = if matches!(prev, "he" | "she" | "they" | "i" | "we" | "you" | "it") {
            "pron"
        } else if i > s && !candidate_shape(doc, i - 1) && doc.tokens[i - 1].kind == TokenKind::Word
        {
            "cap"
        } else {
            "other"
        };
        self.push(&["wsubj=", w, "|", subj]);
        if next.iter().any(|x| is_quote(x)) {
            self.push(&["q3"]);
        }
        if next.contains(&":") {
            self.push(&["colon3"]);
        }
        if [at(-1), at(-2), at(-3)].into_iter().any(is_quote) {
            self.push(&["qb3"]);
        }
        let before_cap = (s..i)
            .rev()
            .take(4)
            .any(|k| doc.tokens[k].kind == TokenKind::Word && !candidate_shape(doc, k));
        if before_cap {
            self.push(&["cap4"]);
        }
        let pos = if i == s {
            "first"
        } else if i + 2 >= e {
            "last"
        } else {
            "mid"
        };
        self.push(&["pos=", pos]);
        // Word forms share a stem ("supports", "supported"); the word before says
        // whether it reads as a noun ("the support"), an infinitive or a verb.
        let st = stem(w);
        let pc = if subj == "cap" {
            "cap"
        } else {
            word_class(prev)
        };
        self.push(&["st=", st]);
        self.push(&["stc=", st, "|", pc]);
        self.push(&["stn=", st, "|", word_class(at(1))]);
        self.push(&["cc=", pc, "|", word_class(at(1))]);
        self.push(&["pp=", at(-2), "|", prev]);
        let quoted = (s..e).any(|k| is_quote(doc.lower(k)));
        if quoted {
            self.push(&["sq=", st]);
        }
        if !self.no_clusters {
            self.push_clusters(w, at(1));
        }
        // Another one-word lexicon cue in the sentence, before or after the word.
        if !self.no_olc {
            let lex = lexicon_words();
            let before = (s..i).any(|k| lex.contains(doc.lower(k)));
            let after = (i + 1..e).any(|k| lex.contains(doc.lower(k)));
            if before || after {
                self.push(&["olc"]);
                self.push(&["olcst=", st]);
            }
            if before {
                self.push(&["olcb"]);
            }
            if after {
                self.push(&["olca"]);
            }
        }
    }

    /// Word-cluster features of the candidate `w` (coarse to fine, and its
    /// similarity to the lexicon's cues), so that a word used like a cue shares
    /// weights with it ([`crate::clusters`]); the coarse cluster with the next
    /// word's class.
    fn push_clusters(&mut self, w: &str, next: &str) {
        let Some(c) = crate::clusters::ClusterTable::bundled().get(w) else {
            self.push(&["k=none"]);
            return;
        };
        let mut n = [0u8; 6];
        for (name, id) in [("k1=", c.ids[0]), ("k2=", c.ids[1]), ("k3=", c.ids[2])] {
            self.push(&[name, num(id, &mut n)]);
        }
        self.push(&["k1n=", num(c.ids[0], &mut n), "|", word_class(next)]);
        self.push(&["ksim=", num(u16::from(c.cue_sim), &mut n)]);
    }
}

/// `id` in decimal, written into `buf`.
pub(crate) fn num(id: u16, buf: &mut [u8; 6]) -> &str {
    let mut k = buf.len();
    let mut x = id;
    loop {
        k -= 1;
        buf[k] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[k..]).unwrap_or("0")
}

impl CueModel {
    /// Parse the model file: `feature<TAB>weight` lines; `#` lines are comments.
    pub fn parse(text: &str) -> Result<CueModel, Error> {
        let mut weights = HashMap::new();
        let mut threshold = DEFAULT_THRESHOLD;
        let mut veto = f32::NEG_INFINITY;
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') || line.starts_with("tree\t") {
                continue;
            }
            let bad = |msg: String| Error::Data {
                file: "cue_model.tsv",
                line: n + 1,
                msg,
            };
            let (f, w) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected feature<TAB>weight".into()))?;
            let w: f32 = w
                .trim()
                .parse()
                .map_err(|_| bad(format!("bad weight {w:?}")))?;
            if f == "threshold" {
                threshold = w;
            } else if f == "veto" {
                veto = w;
            } else {
                weights.insert(f.to_string(), (w, NO_TREE));
            }
        }
        let candidates = weights
            .keys()
            .filter_map(|k| k.strip_prefix("w="))
            .map(str::to_string)
            .collect();
        let lemmas = weights
            .keys()
            .filter_map(|k| k.strip_prefix("L="))
            .map(str::to_string)
            .collect();
        let open = weights.contains_key("open");
        let open_clusters = weights
            .keys()
            .filter_map(|k| k.strip_prefix("K=")?.parse().ok())
            .collect();
        let trees = crate::boost::parse_lines(text, "cue_model.tsv")?;
        // One look-up per feature gives both its weight and its tree number.
        for (f, id) in trees.features() {
            weights.entry(f.to_string()).or_insert((0.0, NO_TREE)).1 = id;
        }
        let clusters = weights.keys().any(|k| is_cluster_feature(k));
        let olc = weights.keys().any(|k| is_olc_feature(k));
        Ok(CueModel {
            clusters,
            olc,
            open,
            open_clusters,
            trees,
            weights,
            candidates,
            lemmas,
            threshold,
            veto,
            parse_band: DEFAULT_PARSE_BAND,
        })
    }

    /// The score a candidate must exceed, with or without a parse of its sentence.
    pub fn threshold_for(&self, parsed: bool) -> f32 {
        if parsed {
            self.threshold
        } else {
            self.threshold + NO_PARSE_MARGIN
        }
    }

    /// Whether a word-window score is close enough to the line that the
    /// parse of the sentence may change the decision.
    pub fn worth_parsing(&self, word_window_score: f32) -> bool {
        let (lo, hi) = self.parse_band;
        word_window_score > lo && word_window_score < hi
    }

    /// Whether the model knows `word` as a candidate.
    pub fn is_candidate(&self, word: &str) -> bool {
        self.candidates.contains(word)
    }

    /// The score of token `i`, or None when it is not a candidate.
    pub fn score(&self, doc: &Doc, i: usize, buf: &mut FeatureBuf) -> Option<f32> {
        self.score_with(doc, i, None, buf)
    }

    /// The score of token `i` with the parse of its sentence when there is one
    /// (a lemma the model knows makes a candidate too), or None when it is not
    /// a candidate.
    pub fn score_with(
        &self,
        doc: &Doc,
        i: usize,
        parse: Option<&SentenceParse>,
        buf: &mut FeatureBuf,
    ) -> Option<f32> {
        if !candidate_shape(doc, i) || !self.known(doc, i, parse) {
            return None;
        }
        buf.no_clusters = !self.clusters;
        buf.no_olc = !self.olc;
        buf.fill_parsed(doc, i, parse);
        Some(self.sum(buf))
    }

    /// The score of the features in `buf`: linear weights plus trees.
    fn sum(&self, buf: &mut FeatureBuf) -> f32 {
        let mut lin = 0.0;
        let mut present = std::mem::take(&mut buf.present);
        present.clear();
        for &(w, id) in buf.iter().filter_map(|f| self.weights.get(f)) {
            lin += w;
            if id != NO_TREE {
                present.push(id);
            }
        }
        if !self.trees.is_empty() {
            let n = self.trees.n_features();
            if buf.flags.len() < n {
                buf.flags.resize(n, false);
            }
            for &id in &present {
                buf.flags[id as usize] = true;
            }
            lin += self.trees.eval_flags(&buf.flags);
            for &id in &present {
                buf.flags[id as usize] = false;
            }
        }
        buf.present = present;
        lin
    }

    /// Whether token `i` is a candidate the model knows (its word, or its
    /// lemma in a parsed sentence).
    fn known(&self, doc: &Doc, i: usize, parse: Option<&SentenceParse>) -> bool {
        self.is_candidate(doc.lower(i))
            || parse
                .and_then(|p| crate::cue_features::lemma_at(p, i))
                .is_some_and(|l| self.lemmas.contains(&l.to_lowercase()))
    }

    /// Like [`CueModel::score_with`], and in a parsed sentence also an open
    /// candidate: a word the model does not list whose parse makes it a
    /// possible cue ([`crate::cue_features::open_candidate`]: a verb, or a
    /// noun or adjective with a clause below it), scored with the `ow=` and
    /// `open` features. Models trained without open candidates have no `open`
    /// line and score none.
    pub fn score_open(
        &self,
        doc: &Doc,
        i: usize,
        parse: Option<&SentenceParse>,
        buf: &mut FeatureBuf,
    ) -> Option<f32> {
        if !candidate_shape(doc, i) {
            return None;
        }
        buf.no_clusters = !self.clusters;
        buf.no_olc = !self.olc;
        if self.known(doc, i, parse) {
            buf.fill_parsed(doc, i, parse);
        } else {
            let p = parse.filter(|p| {
                self.open
                    && self.open_cluster(doc.lower(i))
                    && crate::cue_features::open_candidate(p, i)
            })?;
            buf.fill_open(doc, i, p);
        }
        Some(self.sum(buf))
    }

    /// Whether an unlisted word may be an open candidate by its cluster: the
    /// model lists its middle-level cluster, or lists none.
    pub fn open_cluster(&self, word: &str) -> bool {
        self.open_clusters.is_empty()
            || crate::clusters::ClusterTable::bundled()
                .get(word)
                .is_some_and(|c| self.open_clusters.contains(&c.ids[1]))
    }

    /// Whether an unlisted word makes its sentence worth a parse: the model
    /// scores open candidates only in gated clusters, and this word is in one.
    pub fn open_worth_parsing(&self, word: &str) -> bool {
        self.open
            && !self.open_clusters.is_empty()
            && !self.is_candidate(word)
            && self.open_cluster(word)
    }

    /// Number of weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model has no weights (proposes nothing).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// The cross-validation fold (0 or 1) of a PolNeAR annotation file, by its
/// article: the file stem without its `_annotator` suffix, hashed (FNV-1a). The
/// articles annotated several times therefore fall in one fold with all their
/// annotations (a per-file split would put the same text on both sides).
pub fn article_fold(stem: &str) -> usize {
    let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in base.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % 2) as usize
}

/// One training document: its text, the byte ranges of its gold cues and the
/// parses of its sentences (empty when trained without a parser).
pub struct TrainDoc {
    pub doc: Doc,
    pub cues: Vec<(usize, usize)>,
    pub parses: Vec<SentenceParse>,
}

impl TrainDoc {
    fn parse_of(&self, i: usize) -> Option<&SentenceParse> {
        self.parses.get(self.doc.tokens[i].sentence)
    }

    fn lemma(&self, i: usize) -> Option<String> {
        self.parse_of(i)
            .and_then(|p| crate::cue_features::lemma_at(p, i))
            .map(str::to_lowercase)
    }
}

/// Per-token labels: true when the token overlaps a gold cue.
fn labels(d: &TrainDoc) -> Vec<bool> {
    d.doc
        .tokens
        .iter()
        .map(|t| d.cues.iter().any(|&(a, b)| t.start < b && a < t.end))
        .collect()
}

/// Whether token `i` lies inside one of `quotes`.
fn in_quote(quotes: &[crate::frames::Quote], i: usize) -> bool {
    quotes.iter().any(|q| q.open < i && i < q.close)
}

/// Training settings beyond the candidate thresholds (all off by default: the
/// committed model is trained without them, see `data/attribution/README.md`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TrainOptions {
    /// Also learn the open candidates of parsed sentences outside quotes
    /// ([`crate::cue_features::open_candidate`]); the model then has an `open` line.
    pub open: bool,
    /// Leave out known candidates inside quotation marks (never scored at run time).
    pub skip_quoted: bool,
    /// Boost trees on top of the linear model ([`crate::boost`]).
    pub boost: Option<BoostOptions>,
    /// Learn the word-cluster features too ([`CLUSTER_FEATURES`]).
    pub clusters: bool,
    /// Learn the other-lexicon-cue features too (`olc`).
    pub olc: bool,
    /// Feature prefixes left out of training (comma-separated, for experiments).
    pub drop: Option<&'static str>,
    /// With `open`: only open candidates whose middle-level word cluster holds
    /// at least this many training cues at this share of its open candidates
    /// (`K=` lines); None: every open candidate.
    pub open_gate: Option<(usize, f32)>,
}

/// Whether feature `f` starts with one of the comma-separated `prefixes`.
fn dropped(prefixes: Option<&str>, f: &str) -> bool {
    prefixes.is_some_and(|d| d.split(',').any(|x| !x.is_empty() && f.starts_with(x)))
}

/// The inner fold (0 or 1) of a training document for the out-of-fold linear
/// scores the trees start from: its article hashed with another seed than
/// [`article_fold`], so that it splits any cross-validation half again.
fn inner_fold(id: &str) -> usize {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h >> 17) % 2) as usize
}

/// One training example: features, label and the document it comes from.
struct Example {
    features: Vec<String>,
    label: bool,
    doc: usize,
}

/// The candidate examples of `docs` (see [`train`]) and the candidate word set.
fn examples(
    docs: &[TrainDoc],
    min_pos: usize,
    min_share: f32,
    opts: TrainOptions,
) -> (
    Vec<Example>,
    HashSet<String>,
    HashSet<String>,
    Option<HashSet<u16>>,
) {
    let all_labels: Vec<Vec<bool>> = docs.iter().map(labels).collect();
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut lcount: HashMap<String, (usize, usize)> = HashMap::new();
    for (d, lab) in docs.iter().zip(&all_labels) {
        for (i, &l) in lab.iter().enumerate() {
            if candidate_shape(&d.doc, i) {
                let c = count.entry(d.doc.lower(i)).or_default();
                c.0 += 1;
                c.1 += usize::from(l);
                if let Some(lemma) = d.lemma(i) {
                    let c = lcount.entry(lemma).or_default();
                    c.0 += 1;
                    c.1 += usize::from(l);
                }
            }
        }
    }
    let cand: HashSet<String> = count
        .iter()
        .filter(|(_, &(n, p))| p >= min_pos && p as f32 >= min_share * n as f32)
        .map(|(w, _)| w.to_string())
        .collect();
    let lcand: HashSet<String> = lcount
        .iter()
        .filter(|(_, &(n, p))| p >= min_pos && p as f32 >= min_share * n as f32)
        .map(|(w, _)| w.to_string())
        .collect();
    let gate = open_gate(docs, &all_labels, &cand, &lcand, opts);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut fb = FeatureBuf::default();
    for (di, (d, lab)) in docs.iter().zip(&all_labels).enumerate() {
        let quotes = if opts.open || opts.skip_quoted {
            crate::frames::find_quotes(&d.doc)
        } else {
            Vec::new()
        };
        let mut push = |mut features: Vec<String>, label: bool| {
            features.retain(|f| {
                (opts.clusters || !is_cluster_feature(f))
                    && (opts.olc || !is_olc_feature(f))
                    && !dropped(opts.drop, f)
            });
            out.push(Example {
                features,
                label,
                doc: di,
            })
        };
        for (i, &l) in lab.iter().enumerate() {
            let known =
                cand.contains(d.doc.lower(i)) || d.lemma(i).is_some_and(|x| lcand.contains(&x));
            if opts.open && candidate_shape(&d.doc, i) && !known {
                let Some(p) = d.parse_of(i) else { continue };
                if crate::cue_features::open_candidate(p, i)
                    && !in_quote(&quotes, i)
                    && gate.as_ref().is_none_or(|g| in_gate(g, d.doc.lower(i)))
                {
                    fb.fill_open(&d.doc, i, p);
                    push(fb.iter().map(str::to_string).collect(), l);
                }
                continue;
            }
            if candidate_shape(&d.doc, i) && known {
                // Words inside quotes are never scored at run time (`learned_cues`).
                if opts.skip_quoted && in_quote(&quotes, i) {
                    continue;
                }
                let parse = d.parse_of(i);
                features(&d.doc, i, parse, &mut buf);
                push(buf.clone(), l);
                // The same example without its parse, so that one set of weights
                // also scores text that has no parse (no syntax model installed).
                if parse.is_some() && cand.contains(d.doc.lower(i)) {
                    features(&d.doc, i, None, &mut buf);
                    push(buf.clone(), l);
                }
            }
        }
    }
    (out, cand, lcand, gate)
}

/// Whether `word`'s middle-level cluster is in `gate`.
fn in_gate(gate: &HashSet<u16>, word: &str) -> bool {
    crate::clusters::ClusterTable::bundled()
        .get(word)
        .is_some_and(|c| gate.contains(&c.ids[1]))
}

/// The middle-level clusters whose open candidates are cues often enough
/// ([`TrainOptions::open_gate`]).
fn open_gate(
    docs: &[TrainDoc],
    labels: &[Vec<bool>],
    cand: &HashSet<String>,
    lcand: &HashSet<String>,
    opts: TrainOptions,
) -> Option<HashSet<u16>> {
    let (min_pos, share) = opts.open_gate.filter(|_| opts.open)?;
    let table = crate::clusters::ClusterTable::bundled();
    let mut count: HashMap<u16, (usize, usize)> = HashMap::new();
    for (d, lab) in docs.iter().zip(labels) {
        for (i, &l) in lab.iter().enumerate() {
            let w = d.doc.lower(i);
            if !candidate_shape(&d.doc, i)
                || cand.contains(w)
                || d.lemma(i).is_some_and(|x| lcand.contains(&x))
            {
                continue;
            }
            let Some(p) = d.parse_of(i) else { continue };
            if !crate::cue_features::open_candidate(p, i) {
                continue;
            }
            if let Some(c) = table.get(w) {
                let e = count.entry(c.ids[1]).or_default();
                e.0 += 1;
                e.1 += usize::from(l);
            }
        }
    }
    Some(
        count
            .into_iter()
            .filter(|(_, (n, p))| *p >= min_pos && *p as f32 >= share * *n as f32)
            .map(|(k, _)| k)
            .collect(),
    )
}

/// An averaged perceptron over the examples `which` (deterministic shuffle),
/// weights below `prune` in magnitude dropped except those `keep` says.
fn perceptron(
    examples: &[Example],
    which: &[usize],
    epochs: usize,
    prune: f32,
    keep: impl Fn(&str) -> bool,
) -> HashMap<String, f32> {
    let mut w: HashMap<String, f32> = HashMap::new();
    let mut u: HashMap<String, f32> = HashMap::new();
    let mut c = 1.0f32;
    let mut order: Vec<usize> = which.to_vec();
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    for _ in 0..epochs {
        // Fisher-Yates with xorshift64: deterministic.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &ex in &order {
            let Example {
                features: f,
                label: y,
                ..
            } = &examples[ex];
            let s: f32 = f.iter().filter_map(|x| w.get(x)).sum();
            let y = if *y { 1.0 } else { -1.0 };
            if y * s <= 0.0 {
                for x in f {
                    *w.entry(x.clone()).or_default() += y;
                    *u.entry(x.clone()).or_default() += c * y;
                }
            }
            c += 1.0;
        }
    }
    w.iter()
        .map(|(k, &v)| (k.clone(), v - u.get(k).copied().unwrap_or(0.0) / c))
        .filter(|(k, v)| v.abs() >= prune || keep(k))
        .map(|(k, v)| (k, (v * 1000.0).round() / 1000.0))
        .collect()
}

/// Train an averaged perceptron on candidate tokens of `docs`.
///
/// Candidates are lower-case words labelled as cues at least `min_pos` times with
/// a cue share of at least `min_share`, and with [`TrainOptions::open`] the open
/// candidates. Weights below `prune` in magnitude are dropped, except the word
/// features that define the candidate set and the `open` bias.
pub fn train(
    docs: &[TrainDoc],
    epochs: usize,
    min_pos: usize,
    min_share: f32,
    prune: f32,
    opts: TrainOptions,
) -> Vec<(String, f32)> {
    train_model(docs, epochs, min_pos, min_share, prune, opts).0
}

/// Like [`train`], and with [`TrainOptions::boost`] also the trees, boosted from
/// the calibrated out-of-fold linear score of each example (two inner folds by
/// article, [`inner_fold`]); their leaves are in the linear score's units.
pub fn train_model(
    docs: &[TrainDoc],
    epochs: usize,
    min_pos: usize,
    min_share: f32,
    prune: f32,
    opts: TrainOptions,
) -> (Vec<(String, f32)>, Trees) {
    let (examples, cand, lcand, gate) = examples(docs, min_pos, min_share, opts);
    let keep = |k: &str| k == "open" || k.strip_prefix("w=").is_some_and(|x| cand.contains(x));
    let all: Vec<usize> = (0..examples.len()).collect();
    let w = perceptron(&examples, &all, epochs, prune, keep);
    let trees = match opts.boost {
        None => Trees::default(),
        Some(bo) => {
            let fold: Vec<usize> = docs.iter().map(|d| inner_fold(&d.doc.id)).collect();
            let mut oof = vec![0f32; examples.len()];
            for k in 0..2 {
                let train_on: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&e| fold[examples[e].doc] != k)
                    .collect();
                let wk = perceptron(&examples, &train_on, epochs, prune, keep);
                for (e, ex) in examples.iter().enumerate() {
                    if fold[ex.doc] == k {
                        oof[e] = ex.features.iter().filter_map(|x| wk.get(x)).sum();
                    }
                }
            }
            let labels: Vec<bool> = examples.iter().map(|e| e.label).collect();
            let (a, b) = crate::boost::calibrate(&oof, &labels);
            let base: Vec<f32> = oof.iter().map(|s| a * s + b).collect();
            let data: Vec<(Vec<String>, bool)> = examples
                .into_iter()
                .map(|e| (e.features, e.label))
                .collect();
            crate::boost::train(&data, &base, bo, a.max(1e-3))
        }
    };
    let mut out: Vec<(String, f32)> = w.into_iter().collect();
    // Candidates never updated still need their `w=` line.
    let have: HashSet<String> = out.iter().map(|(k, _)| k.clone()).collect();
    for word in &cand {
        let k = format!("w={word}");
        if !have.contains(&k) {
            out.push((k, 0.0));
        }
    }
    // Lemma candidates are listed as `L=` lines (no feature of their own).
    out.extend(lcand.iter().map(|l| (format!("L={l}"), 0.0)));
    // Open candidates' clusters are listed as `K=` lines.
    out.extend(gate.iter().flatten().map(|k| (format!("K={k}"), 0.0)));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    (out, trees)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> CueModel {
        CueModel::parse(DEFAULT_CUE_MODEL).unwrap()
    }

    #[test]
    fn default_model_parses() {
        let m = model();
        assert!(!m.is_empty());
        assert!(m.is_candidate("thinks"));
        assert!(!m.is_candidate("the"));
    }

    #[test]
    fn capitalised_words_are_not_candidates() {
        let m = model();
        let doc = Doc::new("t", "Support grew.");
        let mut buf = FeatureBuf::default();
        assert!(m.score(&doc, 0, &mut buf).is_none());
    }

    #[test]
    fn a_that_clause_raises_a_speech_verb() {
        // On the word window alone, a "that" after the verb speaks for a cue
        // (whether it passes the line is up to the parse features: see
        // `parse_features_score_a_clause_verb_above_a_noun`).
        let m = model();
        let mut buf = FeatureBuf::default();
        let doc = Doc::new("t", "The mayor remarked that the ceasefire would hold.");
        let with = m.score(&doc, 2, &mut buf).unwrap();
        let doc = Doc::new("t", "The mayor remarked the ceasefire would hold.");
        let without = m.score(&doc, 2, &mut buf).unwrap();
        assert!(with > without + 1.0, "{with} vs {without}");
    }

    #[test]
    fn learned_cue_makes_a_claim() {
        let tagger = crate::ClaimTagger::load_default().unwrap();
        let doc = Doc::new(
            "t",
            "The envoy remarked that the talks had stalled in Geneva.",
        );
        let mut a = sitrep_core::Analysis::default();
        sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
        let c = &a.claims[0];
        assert_eq!(c.cue.text, "remarked");
        assert_eq!(c.source.as_ref().unwrap().text, "The envoy");
        assert!(c.content.text.starts_with("that the talks"));
        assert!(c.rule.ends_with(":learned"), "{}", c.rule);
    }

    #[test]
    fn plain_event_sentence_has_no_learned_cue() {
        let tagger = crate::ClaimTagger::load_default().unwrap();
        let doc = Doc::new(
            "t",
            "The convoy reached the town before dawn and unloaded flour.",
        );
        let mut a = sitrep_core::Analysis::default();
        sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
        assert!(a.claims.is_empty(), "{:?}", a.claims);
    }

    #[test]
    fn words_used_alike_share_cluster_features() {
        let feats = |t: &str, w: &str| {
            let doc = Doc::new("t", t);
            let i = (0..doc.tokens.len()).find(|&i| doc.lower(i) == w).unwrap();
            let mut out = Vec::new();
            features(&doc, i, None, &mut out);
            out.into_iter()
                .filter(|f| f.starts_with("k2="))
                .collect::<Vec<_>>()
        };
        let lamented = feats("The mayor lamented that the bridge fell.", "lamented");
        let complained = feats("The mayor complained that the bridge fell.", "complained");
        let bridge = feats("The mayor complained that the bridge fell.", "bridge");
        assert_eq!(lamented.len(), 1, "{lamented:?}");
        assert_eq!(lamented, complained);
        assert_ne!(lamented, bridge);
        // Only a model with cluster weights computes them.
        assert!(!CueModel::parse("w=said\t1\n").unwrap().clusters);
        assert!(CueModel::parse("w=said\t1\nk2=7\t1\n").unwrap().clusters);
        // A word the table lacks says so.
        let doc = Doc::new("t", "They zorbled quietly.");
        let mut out = Vec::new();
        features(&doc, 1, None, &mut out);
        assert!(out.iter().any(|f| f == "k=none"), "{out:?}");
    }

    #[test]
    fn another_lexicon_cue_in_the_sentence_is_a_feature() {
        let doc = Doc::new(
            "t",
            "The envoy said the talks failed and officials believed it.",
        );
        let i = (0..doc.tokens.len())
            .find(|&i| doc.lower(i) == "believed")
            .unwrap();
        let mut out = Vec::new();
        features(&doc, i, None, &mut out);
        assert!(out.iter().any(|f| f == "olcb"), "{out:?}");
        assert!(!out.iter().any(|f| f == "olca"), "{out:?}");
        let doc = Doc::new("t", "Officials believed it.");
        features(&doc, 1, None, &mut out);
        assert!(!out.iter().any(|f| is_olc_feature(f)), "{out:?}");
        assert!(CueModel::parse("olc\t1\n").unwrap().olc);
        assert!(!CueModel::parse("w=said\t1\n").unwrap().olc);
    }

    #[test]
    fn open_candidates_only_in_listed_clusters() {
        let (doc, p) = lambasted();
        let mut buf = FeatureBuf::default();
        let table = crate::clusters::ClusterTable::bundled();
        let k = table.get("lambasted").map_or(0, |c| c.ids[1]);
        // Gated to its own cluster: scored; gated to another one: not.
        let m = CueModel::parse(&format!("w=said\t1\nopen\t-1\nK={k}\t0\n")).unwrap();
        assert!(m.score_open(&doc, 2, Some(&p), &mut buf).is_some());
        let m = CueModel::parse(&format!("w=said\t1\nopen\t-1\nK={}\t0\n", k + 1)).unwrap();
        assert!(m.score_open(&doc, 2, Some(&p), &mut buf).is_none());
        assert!(!m.open_worth_parsing("lambasted"));
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let mk = |t: &str, cue: &str| {
            let doc = Doc::new("t", t);
            let a = t.find(cue).unwrap();
            TrainDoc {
                doc,
                cues: vec![(a, a + cue.len())],
                parses: Vec::new(),
            }
        };
        let docs = vec![
            mk("The general thinks that the town fell.", "thinks"),
            mk("The rebels think that the army retreated.", "think"),
            mk("She thinks the road is open.", "thinks"),
        ];
        let a = train(&docs, 3, 2, 0.1, 0.0, TrainOptions::default());
        let b = train(&docs, 3, 2, 0.1, 0.0, TrainOptions::default());
        assert_eq!(a, b);
        assert!(a.iter().any(|(k, _)| k == "w=thinks"));
    }

    #[test]
    fn parse_features_score_a_clause_verb_above_a_noun() {
        let Ok(parser) = sitrep_syntax::Parser::load_default() else {
            eprintln!("skipping: no syntax model in data/models");
            return;
        };
        let m = model();
        let doc = Doc::new("t", "The minister insisted that the talks would resume.");
        let p = sitrep_core::SentenceParser::parse_sentence_of(&parser, &doc, 0);
        let mut buf = FeatureBuf::default();
        let verb = m.score_with(&doc, 2, Some(&p), &mut buf).unwrap();
        assert!(verb > m.threshold_for(true), "insisted {verb}");
        // The parse adds features: the score differs from the word-window one.
        let plain = m.score(&doc, 2, &mut buf).unwrap();
        assert!((verb - plain).abs() > 1e-3);
        // Without a parse the bar is higher.
        assert!(m.threshold_for(false) > m.threshold_for(true));
    }

    fn w(
        token: usize,
        lemma: &str,
        upos: &str,
        head: usize,
        deprel: &str,
    ) -> sitrep_core::ParsedWord {
        sitrep_core::ParsedWord {
            token,
            lemma: lemma.into(),
            upos: upos.into(),
            head,
            deprel: deprel.into(),
            ..Default::default()
        }
    }

    /// A hand-made parse of "The senator lambasted the plan ." (tokens 0..6).
    fn lambasted() -> (Doc, SentenceParse) {
        let doc = Doc::new("t", "The senator lambasted the plan.");
        let p = SentenceParse {
            sentence: 0,
            words: vec![
                w(0, "the", "DET", 2, "det"),
                w(1, "senator", "NOUN", 3, "nsubj"),
                w(2, "lambast", "VERB", 0, "root"),
                w(3, "the", "DET", 5, "det"),
                w(4, "plan", "NOUN", 3, "obj"),
                w(5, ".", "PUNCT", 3, "punct"),
            ],
        };
        (doc, p)
    }

    #[test]
    fn open_candidates_only_with_an_open_model_and_a_parse() {
        let (doc, p) = lambasted();
        let mut buf = FeatureBuf::default();
        // A model without an `open` line scores no unknown word.
        let m = CueModel::parse("w=said\t1\nl=lambast\t5\n").unwrap();
        assert!(!m.open);
        assert!(m.score_open(&doc, 2, Some(&p), &mut buf).is_none());
        // With one, the unknown verb is scored from its parse features…
        let m = CueModel::parse("w=said\t1\nl=lambast\t5\nopen\t-1\n").unwrap();
        assert_eq!(m.score_open(&doc, 2, Some(&p), &mut buf), Some(4.0));
        assert!(buf.iter().any(|f| f == "ow=lambasted"));
        assert!(buf.iter().all(|f| f != "w=lambasted"));
        // …but never without a parse, nor a noun with no clause.
        assert!(m.score_open(&doc, 2, None, &mut buf).is_none());
        assert!(m.score_open(&doc, 4, Some(&p), &mut buf).is_none());
        // Known words keep their plain score (no `open` feature).
        assert!(m.score_with(&doc, 2, Some(&p), &mut buf).is_none());
    }

    #[test]
    fn open_training_writes_an_open_line_and_no_candidate_word() {
        let (doc, p) = lambasted();
        let a = doc.text.find("lambasted").unwrap();
        let docs = vec![TrainDoc {
            doc,
            cues: vec![(a, a + "lambasted".len())],
            parses: vec![p],
        }];
        let opts = TrainOptions {
            open: true,
            skip_quoted: true,
            boost: None,
            clusters: false,
            olc: false,
            drop: None,
            open_gate: None,
        };
        let out = train(&docs, 2, 2, 0.1, 0.0, opts);
        assert!(out.iter().any(|(k, _)| k == "open"), "{out:?}");
        // Seen once: no candidate of its own, so no `w=` line (which would make
        // it a candidate without a parse).
        assert!(out.iter().all(|(k, _)| k != "w=lambasted"), "{out:?}");
        assert!(
            out.iter().any(|(k, v)| k == "l=lambast" && *v > 0.0),
            "{out:?}"
        );
        // Without the option nothing is learned from it.
        let plain = train(&docs, 2, 2, 0.1, 0.0, TrainOptions::default());
        assert!(plain.iter().all(|(k, _)| k != "open" && k != "l=lambast"));
    }

    #[test]
    fn annotations_of_one_article_share_a_fold() {
        assert_eq!(
            article_fold("nyt_2016-09-12_visa-program_4b22"),
            article_fold("nyt_2016-09-12_visa-program_6b86")
        );
        // Both folds occur.
        let folds: HashSet<usize> = (0..20).map(|i| article_fold(&format!("a{i}_x"))).collect();
        assert_eq!(folds.len(), 2);
    }

    #[test]
    fn only_scores_near_the_line_are_worth_a_parse() {
        let mut m = model();
        // A word the window already rules out is decided without a parse…
        assert!(!m.worth_parsing(-10.0));
        // …one near the threshold is parsed.
        assert!(m.worth_parsing(m.threshold));
        m.parse_band = (f32::NEG_INFINITY, f32::INFINITY);
        assert!(m.worth_parsing(-10.0));
    }

    #[test]
    fn tree_lines_add_a_conjunction_to_the_linear_score() {
        // "lambasted" is a cue when it has an object and a noun subject
        // (the tree), never on its word alone (the linear weight).
        let (doc, p) = lambasted();
        let mut buf = FeatureBuf::default();
        let text = "w=lambasted\t-1\ntree\t?lc=lambast|obj\t?sc=noun\t=4\t=0\t=-1\n";
        let m = CueModel::parse(text).unwrap();
        assert_eq!(m.trees.len(), 1);
        assert_eq!(m.score_with(&doc, 2, Some(&p), &mut buf), Some(3.0));
        // Without the parse neither tree feature is present: the "absent" leaf.
        assert_eq!(m.score_with(&doc, 2, None, &mut buf), Some(-2.0));
        // A broken tree line is an error naming the line.
        let err = CueModel::parse("w=said\t1\ntree\t?x\t=1\n").unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
    }

    #[test]
    fn boosted_training_writes_trees_and_keeps_the_linear_weights() {
        let mk = |t: &str, cue: Option<&str>| {
            let doc = Doc::new(t, t);
            let cues = cue
                .map(|c| {
                    let a = t.find(c).unwrap();
                    vec![(a, a + c.len())]
                })
                .unwrap_or_default();
            TrainDoc {
                doc,
                cues,
                parses: Vec::new(),
            }
        };
        let mut docs = Vec::new();
        for i in 0..12 {
            docs.push(mk(
                &format!("Aides {i} think that the town fell."),
                Some("think"),
            ));
            docs.push(mk(&format!("Rebels {i} think the talks help."), None));
        }
        let opts = TrainOptions {
            boost: Some(BoostOptions {
                rounds: 5,
                depth: 2,
                min_count: 2,
                min_hess: 0.5,
                ..BoostOptions::default()
            }),
            ..TrainOptions::default()
        };
        let (w, trees) = train_model(&docs, 3, 2, 0.1, 0.0, opts);
        let (w0, none) = train_model(&docs, 3, 2, 0.1, 0.0, TrainOptions::default());
        assert_eq!(w, w0, "the linear part does not depend on the trees");
        assert!(none.is_empty());
        assert_eq!(trees.len(), 5);
        let again = train_model(&docs, 3, 2, 0.1, 0.0, opts).1;
        assert_eq!(trees.lines(), again.lines());
    }

    #[test]
    fn bad_weight_is_an_error() {
        assert!(CueModel::parse("w=say\tx").is_err());
    }
}

#[cfg(test)]
mod frame_tests {
    use sitrep_core::{Analysis, Doc, Stage};

    fn claims(text: &str, threshold: Option<f32>) -> Vec<sitrep_core::Claim> {
        let mut tagger = crate::ClaimTagger::load_default().unwrap();
        if let Some(t) = threshold {
            tagger.set_model_threshold(t);
        }
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        a.claims
    }

    #[test]
    fn belief_cue_with_unnamed_subject_only_when_the_model_is_sure() {
        let text = "But many voters believe the ceasefire is a mistake.";
        // A model that is not sure keeps no claim.
        assert!(claims(text, Some(10.0))
            .iter()
            .all(|c| c.cue.text != "believe"));
        // A model sure of every candidate keeps the belief cue.
        let cs = claims(text, Some(-100.0));
        let c = cs
            .iter()
            .find(|c| c.cue.text == "believe")
            .expect("a believe claim");
        assert_eq!(c.source.as_ref().unwrap().text, "many voters");
        assert_eq!(c.content.text, "the ceasefire is a mistake");
    }

    #[test]
    fn model_vetoes_a_lexicon_cue_that_reads_as_no_speech() {
        let text = "Investigators said they found the house empty.";
        let cues = |cs: Vec<sitrep_core::Claim>| -> Vec<String> {
            cs.into_iter().map(|c| c.cue.text).collect::<Vec<_>>()
        };
        // "found" is a lexicon cue; without a veto line it makes a claim of its own…
        let mut tagger = crate::ClaimTagger::load_default().unwrap();
        tagger.set_model_veto(f32::NEG_INFINITY);
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        assert!(cues(a.claims).contains(&"found".to_string()));
        // …the default model vetoes it and keeps "said".
        assert_eq!(cues(claims(text, None)), vec!["said"]);
    }

    #[test]
    fn no_veto_on_an_inverted_cue_after_a_comma() {
        // The model scores "reports" here as a noun, but a comma before the cue
        // makes the frame inverted ("…, reports Reuters").
        let cs = claims(
            "The militia denied any role in the attack, reports Reuters.",
            None,
        );
        assert!(cs.iter().any(|c| c.cue.text == "reports"), "{cs:?}");
    }

    #[test]
    fn a_verb_with_a_no_object_is_no_learned_cue() {
        // Even a model sure of every candidate: "gave no evidence" is the
        // writer's comment on the claim, not a claim of the commanders.
        let cs = claims(
            "Rebel commanders said there was coordination between the army and the militia, but gave no evidence.",
            Some(-100.0),
        );
        assert!(cs.iter().any(|c| c.cue.text == "said"), "{cs:?}");
        assert!(cs.iter().all(|c| !c.cue.text.contains("gave")), "{cs:?}");
    }

    #[test]
    fn no_learned_cue_on_the_subject_of_a_cue() {
        let cs = claims(
            "The opposition accused the army of shelling the hospital.",
            Some(-100.0),
        );
        assert_eq!(cs[0].cue.text, "accused");
        assert!(cs.iter().all(|c| c.cue.text != "opposition"), "{cs:?}");
    }
}
