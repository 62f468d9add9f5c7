//! # sitrep-syntax: tagging, lemmas and dependency parses for news English
//!
//! "Rebels said the regime bombed the town" and "the regime said rebels
//! bombed the town" contain the same words; only syntax tells who did what.
//! This crate gives every sentence of a [`sitrep_core::Doc`] UPOS and XPOS
//! tags, lemmas and a labelled dependency tree with Universal Dependencies
//! relations (`nsubj`, `obj`, `ccomp`, `obl:agent`, ...).
//!
//! The main type is [`Parser`]. It holds three models trained by our own
//! code on UD English EWT (see [`train()`]):
//!
//! - [`tagger`]: a greedy averaged perceptron over joint UPOS+XPOS tags;
//! - [`lemma`]: a (form, XPOS) table with learned suffix rules;
//! - [`depparse`]: an arc-eager transition parser with an averaged
//!   perceptron, Zhang & Nivre feature templates and a dynamic oracle.
//!
//! Tokens and sentences come from `sitrep-core`; [`words`] applies the UD
//! word conventions on top ("don't" is "do" + "n't"). [`conllu`] reads and
//! writes CoNLL-U, and [`eval`] scores the parser with the CoNLL 2018
//! shared-task metrics. Everything is deterministic: the same input gives
//! the same output, and training with the same seed gives the same model.
//!
//! ```no_run
//! use sitrep_core::Doc;
//! use sitrep_syntax::Parser;
//!
//! let parser = Parser::load_default().expect("model");
//! let doc = Doc::new("d", "Rebels said the regime bombed the town.");
//! for sentence in parser.parse_doc(&doc) {
//!     for (i, w) in sentence.iter().enumerate() {
//!         println!("{} {} {} {} {}", i + 1, w.form, w.upos, w.head, w.deprel);
//!     }
//! }
//! ```

#![deny(missing_docs)]

pub mod clusters;
#[allow(missing_docs)]
pub mod combine;
#[allow(missing_docs)]
pub mod conllu;
#[allow(missing_docs)]
pub mod depparse;
pub mod eval;
#[allow(missing_docs)]
pub mod labeler;
pub mod layer;
#[allow(missing_docs)]
pub mod lemma;
#[allow(missing_docs)]
pub mod perceptron;
#[allow(missing_docs)]
pub mod tagger;
pub mod train;
#[allow(missing_docs)]
pub mod words;

use std::path::{Path, PathBuf};

use sitrep_core::Doc;

pub use train::{train, TrainOptions, TrainReport};

use clusters::Clusters;
use combine::Combo;
use depparse::DepParser;
use labeler::Labeler;
use lemma::Lemmatizer;
use perceptron::{put_str, put_varint, Reader};
use tagger::{Alt, Lex, Tagger};

/// File name of the model inside a model directory.
pub const MODEL_FILE: &str = "en_ewt.syntax.zst";

const MAGIC: &[u8] = b"SITREP-SYNTAX-1\n";

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A CoNLL-U file is malformed.
    #[error("{origin}:{line}: bad CoNLL-U: {msg}")]
    Conllu {
        /// File name or other origin.
        origin: String,
        /// 1-based line number (0 when not about one line).
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// A model file is corrupt or of another version.
    #[error("bad model: {0}")]
    Model(String),
    /// No model file was found.
    #[error("no syntax model found (looked for {MODEL_FILE} in {0}); run the train example")]
    NoModel(String),
    /// The training data cannot be used.
    #[error("training data: {0}")]
    Data(String),
}

/// One syntactic word with its analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedToken {
    /// The word as written.
    pub form: String,
    /// Index of the input token this word comes from: the index into
    /// `Doc::tokens` for [`Parser::parse_doc`], into the input slice for
    /// [`Parser::parse_sentence`]. Two words may share one token ("can|not").
    pub token: usize,
    /// Byte offsets of the word in `Doc::text` ([`Parser::parse_doc`]) or in
    /// its input token ([`Parser::parse_sentence`]).
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// 1-based index of the head word in the sentence; 0 for the root.
    pub head: usize,
    /// UD relation to the head, with subtype (`nmod:poss`, `obl:tmod`).
    pub deprel: String,
}

/// A word's (UPOS, XPOS) pair, its runner-up pair and the margin between
/// them ([`Parser::tag_alternatives`]).
pub type TagAlternative<'a> = ((&'a str, &'a str), (&'a str, &'a str), f32);

/// Tagger, lemmatizer and dependency parser, loaded from one model file.
#[derive(Debug, Clone)]
pub struct Parser {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    dep: DepParser,
    /// Word clusters used as tagger and parser features (empty in models
    /// trained without them).
    clusters: Clusters,
    /// Second-stage arc labeller (newer models).
    labeler: Option<Labeler>,
    /// A right-to-left parser whose arcs are combined with the main
    /// parser's (newer models).
    combo: Option<Combo>,
    /// How the model was trained (data, seed, figures on dev).
    pub info: String,
}

fn model_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("SITREP_MODELS") {
        dirs.push(PathBuf::from(d));
    }
    dirs.push(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/models"
    )));
    dirs.push(PathBuf::from("data/models"));
    dirs
}

impl Parser {
    /// Load the default model: `$SITREP_MODELS/`, then the repository's
    /// `data/models/`, then `./data/models/`.
    pub fn load_default() -> Result<Parser, Error> {
        let dirs = model_dirs();
        for d in &dirs {
            let p = d.join(MODEL_FILE);
            if p.is_file() {
                return Parser::load(&p);
            }
        }
        Err(Error::NoModel(
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ))
    }

    /// Load a model file.
    pub fn load(path: &Path) -> Result<Parser, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Parser::from_bytes(&bytes)
    }

    /// Decode a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, Error> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| Error::Model("not a sitrep syntax model (bad magic)".into()))?;
        let raw = zstd::decode_all(body).map_err(|e| Error::Model(format!("zstd: {e}")))?;
        let mut r = Reader::new(&raw);
        let info = r
            .string()
            .ok_or_else(|| Error::Model("truncated header".into()))?;
        let tagger =
            Tagger::read(&mut r).ok_or_else(|| Error::Model("bad tagger section".into()))?;
        let lemmatizer = Lemmatizer::read(&mut r)
            .ok_or_else(|| Error::Model("bad lemmatizer section".into()))?;
        let dep =
            DepParser::read(&mut r).ok_or_else(|| Error::Model("bad parser section".into()))?;
        // Optional trailing sections (newer models): 1 word clusters,
        // 2 the arc labeller, 4 a labeller of a newer feature set (3 was
        // never written).
        let mut clusters = Clusters::default();
        let mut labeler = None;
        let mut combo = None;
        while r.remaining() > 0 {
            match r.varint() {
                Some(1) => {
                    clusters = Clusters::read(&mut r)
                        .ok_or_else(|| Error::Model("bad cluster section".into()))?;
                }
                Some(2) => {
                    labeler = Some(
                        Labeler::read(&mut r)
                            .filter(|l| l.n_labels() == dep.labels.len())
                            .ok_or_else(|| Error::Model("bad labeller section".into()))?,
                    );
                }
                Some(4) => {
                    let v = r
                        .bytes(1)
                        .map(|b| b[0])
                        .filter(|v| (2..=labeler::LABELER_FEATURES).contains(v))
                        .ok_or_else(|| Error::Model("bad labeller version".into()))?;
                    labeler = Some(
                        Labeler::read(&mut r)
                            .filter(|l| l.n_labels() == dep.labels.len())
                            .map(|mut l| {
                                l.version = v;
                                l
                            })
                            .ok_or_else(|| Error::Model("bad labeller section".into()))?,
                    );
                }
                Some(5) => {
                    combo = Some(
                        Combo::read(&mut r)
                            .filter(|c| {
                                c.rev.labels == dep.labels && c.rev.coarse() == dep.coarse()
                            })
                            .ok_or_else(|| Error::Model("bad reversed parser section".into()))?,
                    );
                }
                _ => return Err(Error::Model("unknown trailing section".into())),
            }
        }
        Ok(Parser {
            tagger,
            lemmatizer,
            dep,
            clusters,
            labeler,
            combo,
            info,
        })
    }

    /// Drop tagger and parser weights whose quantised magnitude (out of
    /// 32767) is below the given floors: a smaller, faster model.
    pub fn prune(&mut self, tagger_min: i16, parser_min: i16) {
        self.tagger.prune(tagger_min);
        self.dep.prune(parser_min);
        if let Some(c) = &mut self.combo {
            c.rev.prune(parser_min);
        }
        if let Some(l) = &mut self.labeler {
            l.prune(parser_min);
        }
    }

    /// Features and weights of the tagger and the parser, for reports.
    pub fn stats(&self) -> String {
        let (tf, tw) = self.tagger.size();
        let (pf, pw) = self.dep.size();
        let (lf, lw) = self.labeler.as_ref().map_or((0, 0), Labeler::size);
        let (rf, rw) = self.combo.as_ref().map_or((0, 0), |c| c.rev.size());
        format!(
            "tagger {tf} features / {tw} weights; parser {pf} features / {pw} weights; reversed parser {rf} features / {rw} weights; labeller {lf} features / {lw} weights"
        )
    }

    /// Experiments: the labeller's margin for keeping the parser's label
    /// (see `labeler::Labeler::sure`); no effect without a labeller.
    pub fn set_labeler_margin(&mut self, sure: f32) {
        if let Some(l) = &mut self.labeler {
            l.sure = sure;
        }
    }

    /// Encode the model (zstd-compressed).
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut raw = Vec::new();
        put_str(&mut raw, &self.info);
        self.tagger.write(&mut raw);
        self.lemmatizer.write(&mut raw);
        self.dep.write(&mut raw);
        if !self.clusters.is_empty() {
            put_varint(&mut raw, 1);
            self.clusters.write(&mut raw);
        }
        if let Some(l) = &self.labeler {
            // Section 2 holds a version 1 labeller, section 4 a version
            // byte and then the same fields.
            if l.version >= 2 {
                put_varint(&mut raw, 4);
                raw.push(l.version);
            } else {
                put_varint(&mut raw, 2);
            }
            l.write(&mut raw);
        }
        if let Some(c) = &self.combo {
            put_varint(&mut raw, 5);
            c.write(&mut raw);
        }
        let mut out = MAGIC.to_vec();
        let z = zstd::encode_all(&raw[..], 19).map_err(|e| Error::Model(format!("zstd: {e}")))?;
        out.extend_from_slice(&z);
        Ok(out)
    }

    pub(crate) fn from_parts(
        tagger: Tagger,
        lemmatizer: Lemmatizer,
        dep: DepParser,
        clusters: Clusters,
        labeler: Option<Labeler>,
        info: String,
    ) -> Parser {
        Parser {
            tagger,
            lemmatizer,
            dep,
            clusters,
            labeler,
            combo: None,
            info,
        }
    }

    /// Experiments and training: the right-to-left parser combined with
    /// the main one (`None`: the main parser alone).
    pub(crate) fn set_combo(&mut self, combo: Option<Combo>) {
        self.combo = combo;
    }

    /// Tag ids, heads and label ids of one sentence of words.
    pub(crate) fn analyze(&self, forms: &[&str]) -> (Vec<u16>, Vec<usize>, Vec<u16>) {
        let lex: Vec<Lex> = forms
            .iter()
            .map(|f| Lex::new(f).with_clusters(&self.clusters))
            .collect();
        let (tags, alts) = if self.dep.wants_alts() {
            self.tagger.tag_lex_alt(&lex)
        } else {
            (self.tagger.tag_lex(&lex), Vec::new())
        };
        let (heads, labels) = self.tree(&lex, &tags, &alts);
        (tags, heads, labels)
    }

    /// Heads and labels of tagged words (with the tagger's runner-up tags
    /// for version 5 parsers): the parser, then the labeller when the model
    /// has one.
    fn tree(&self, lex: &[Lex], tags: &[u16], alts: &[Alt]) -> (Vec<usize>, Vec<u16>) {
        if let Some(c) = &self.combo {
            let mut ps = Vec::new();
            let (heads, mut labels) = c.parse(&self.dep, lex, tags, alts, &mut ps);
            if let Some(l) = &self.labeler {
                l.relabel(lex, tags, self.dep.coarse(), &heads, Some(&ps), &mut labels);
            }
            return (heads, labels);
        }
        match &self.labeler {
            Some(l) => {
                let mut ps = Vec::new();
                let (heads, mut labels) = self.dep.parse_scored(lex, tags, alts, Some(&mut ps));
                l.relabel(lex, tags, self.dep.coarse(), &heads, Some(&ps), &mut labels);
                (heads, labels)
            }
            None => self.dep.parse_scored(lex, tags, alts, None),
        }
    }

    /// The tag id of a (UPOS, XPOS) pair, if the model knows it.
    pub(crate) fn tag_id(&self, upos: &str, xpos: &str) -> Option<u16> {
        self.tagger
            .tags
            .iter()
            .position(|(u, x)| u == upos && x == xpos)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// Experiments: heads and labels with the given tags where known (the
    /// tagger's elsewhere).
    pub(crate) fn analyze_tagged(
        &self,
        forms: &[&str],
        given: &[Option<u16>],
    ) -> (Vec<usize>, Vec<u16>) {
        let lex: Vec<Lex> = forms
            .iter()
            .map(|f| Lex::new(f).with_clusters(&self.clusters))
            .collect();
        let (mut tags, mut alts) = self.tagger.tag_lex_alt(&lex);
        for ((t, a), g) in tags.iter_mut().zip(alts.iter_mut()).zip(given) {
            if let Some(g) = g {
                *t = *g;
                *a = tagger::Alt::sure(*g);
            }
        }
        if !self.dep.wants_alts() {
            alts.clear();
        }
        self.tree(&lex, &tags, &alts)
    }

    /// Experiments: for each word, its (UPOS, XPOS) pair, the runner-up
    /// pair and the margin between them in weight units (infinite for
    /// words of the tag dictionary).
    pub fn tag_alternatives(&self, forms: &[&str]) -> Vec<TagAlternative<'_>> {
        let lex: Vec<Lex> = forms
            .iter()
            .map(|f| Lex::new(f).with_clusters(&self.clusters))
            .collect();
        let (tags, alts) = self.tagger.tag_lex_alt(&lex);
        tags.iter()
            .zip(&alts)
            .map(|(t, a)| (self.tag_names(*t), self.tag_names(a.tag), a.margin))
            .collect()
    }

    /// The (UPOS, XPOS) pair of a tag id.
    pub(crate) fn tag_names(&self, t: u16) -> (&str, &str) {
        self.tagger
            .tags
            .get(t as usize)
            .map_or(("X", "_"), |(u, x)| (u.as_str(), x.as_str()))
    }

    /// The name of a label id.
    pub(crate) fn label_name(&self, l: u16) -> &str {
        self.dep
            .labels
            .get(l as usize)
            .map_or("dep", |s| s.as_str())
    }

    /// Tag, lemmatize and parse one sentence given as words.
    pub fn parse_sentence(&self, words: &[&str]) -> Vec<ParsedToken> {
        let (tags, heads, labels) = self.analyze(words);
        words
            .iter()
            .enumerate()
            .map(|(i, w)| self.token(i, w, 0, w.len(), tags[i], heads[i], labels[i]))
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn token(
        &self,
        token: usize,
        form: &str,
        start: usize,
        end: usize,
        tag: u16,
        head: usize,
        label: u16,
    ) -> ParsedToken {
        let (upos, xpos) = self.tag_names(tag);
        ParsedToken {
            form: form.to_string(),
            token,
            start,
            end,
            upos: upos.to_string(),
            xpos: xpos.to_string(),
            lemma: self.lemmatizer.lemma(form, xpos),
            head,
            deprel: self.label_name(label).to_string(),
        }
    }

    /// Parse every sentence of `doc` (its core tokens and sentences, split
    /// into UD words by [`words::words`]).
    pub fn parse_doc(&self, doc: &Doc) -> Vec<Vec<ParsedToken>> {
        doc.sentences
            .iter()
            .map(|s| self.parse_pieces(doc, &words::words(doc, s.tokens.clone())))
            .collect()
    }

    /// Tag, lemmatize and parse one sentence's UD words.
    fn parse_pieces(&self, doc: &Doc, pieces: &[words::WordPiece]) -> Vec<ParsedToken> {
        let forms: Vec<&str> = pieces
            .iter()
            .map(|p| doc.text.get(p.start..p.end).unwrap_or(""))
            .collect();
        let (tags, heads, labels) = self.analyze(&forms);
        pieces
            .iter()
            .enumerate()
            .map(|(i, p)| {
                self.token(
                    p.token, forms[i], p.start, p.end, tags[i], heads[i], labels[i],
                )
            })
            .collect()
    }

    /// Re-tag and re-parse CoNLL-U input, keeping its tokens and sentences
    /// (UDPipe's `--input=conllu`), and return it as CoNLL-U.
    pub fn reparse_conllu(&self, text: &str, origin: &str) -> Result<String, Error> {
        let mut out = String::new();
        for mut s in conllu::parse(text, origin)? {
            let parsed = self.parse_sentence(&s.forms());
            for (w, p) in s.words.iter_mut().zip(parsed) {
                w.upos = p.upos;
                w.xpos = p.xpos;
                w.lemma = p.lemma;
                w.head = p.head;
                w.deprel = p.deprel;
                w.feats = String::new();
                w.deps = String::new();
            }
            conllu::write_sentence(&s, &mut out);
        }
        Ok(out)
    }

    /// Parse `doc` and write it as CoNLL-U, one sentence per block, with
    /// `# sent_id`, `# text`, multi-word tokens and `SpaceAfter=No`.
    pub fn to_conllu(&self, doc: &Doc, out: &mut String) {
        for (si, s) in doc.sentences.iter().enumerate() {
            // The words are split once, for the parse and the output.
            let pieces = words::words(doc, s.tokens.clone());
            let parsed = self.parse_pieces(doc, &pieces);
            let groups = words::surface_groups(&doc.text, &pieces);
            let mut sent = conllu::Sentence::default();
            sent.comments.push(format!("sent_id = {}", si + 1));
            let text = doc.text.get(s.start..s.end).unwrap_or("");
            let one_line: String = text
                .chars()
                .map(|c| {
                    if c.is_whitespace() || c.is_control() {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            sent.comments.push(format!("text = {one_line}"));
            sent.words.reserve(parsed.len());
            for p in parsed {
                sent.words.push(conllu::Word {
                    form: p.form,
                    lemma: p.lemma,
                    upos: p.upos,
                    xpos: p.xpos,
                    feats: String::new(),
                    head: p.head,
                    deprel: p.deprel,
                    deps: String::new(),
                    misc: String::new(),
                });
            }
            for g in groups {
                let (first, last) = (g.start, g.end - 1);
                let end = pieces[last].end;
                let space = doc.text.get(end..).and_then(|r| r.chars().next());
                let no_space = s.end > end && space.is_some_and(|c| !c.is_whitespace());
                let misc = if no_space { "SpaceAfter=No" } else { "" }.to_string();
                if last > first {
                    sent.multiwords.push(conllu::MultiWord {
                        first: first + 1,
                        last: last + 1,
                        form: doc
                            .text
                            .get(pieces[first].start..end)
                            .unwrap_or("")
                            .to_string(),
                        misc,
                    });
                } else if let Some(w) = sent.words.get_mut(first) {
                    w.misc = misc;
                }
            }
            conllu::write_sentence(&sent, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn fixture() -> PathBuf {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/mini.conllu"
        ))
    }

    fn opts() -> TrainOptions {
        TrainOptions {
            tagger_epochs: 5,
            parser_epochs: 15,
            folds: 2,
            tagger_prune: 0,
            parser_prune: 0,
            ..TrainOptions::default()
        }
    }

    fn out_dir(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("sitrep-syntax-test-{}-{name}", std::process::id()))
    }

    /// A model trained on the hand-written fixture (shared by the tests).
    fn mini() -> &'static Parser {
        static P: OnceLock<Parser> = OnceLock::new();
        P.get_or_init(|| {
            let dir = out_dir("mini");
            let r = train::train_with(&fixture(), &fixture(), &dir, 7, &opts());
            let p = r.and_then(|r| Parser::load(&r.model_path));
            let _ = std::fs::remove_dir_all(&dir);
            match p {
                Ok(p) => p,
                Err(e) => panic!("training on the fixture failed: {e}"),
            }
        })
    }

    /// Exactly one root, every head in range, no cycles.
    fn is_tree(s: &[ParsedToken]) -> bool {
        let n = s.len();
        if n == 0 {
            return true;
        }
        if s.iter().filter(|t| t.head == 0).count() != 1 || s.iter().any(|t| t.head > n) {
            return false;
        }
        (0..n).all(|i| {
            let mut cur = i + 1;
            for _ in 0..=n {
                if cur == 0 {
                    return true;
                }
                cur = s[cur - 1].head;
            }
            false
        })
    }

    #[test]
    fn trains_end_to_end_and_parses_well_formed_trees() {
        let p = mini();
        let out = p.parse_sentence(&[
            "Rebels", "said", "the", "army", "shelled", "the", "village", ".",
        ]);
        assert_eq!(out.len(), 8);
        assert!(is_tree(&out));
        assert_eq!(out[1].deprel, "root");
        assert_eq!(out[0].upos, "NOUN");
        assert_eq!(out[1].lemma, "say");
    }

    #[test]
    fn runner_up_tags_keep_the_tags_and_reach_the_parser() {
        let dir = out_dir("alts");
        let v5 = TrainOptions {
            parser_version: 5,
            parser_epochs: 4,
            parser_seeds: 1,
            labeler_epochs: 0,
            ..opts()
        };
        let r = train::train_with(&fixture(), &fixture(), &dir, 7, &v5);
        let p = r.and_then(|r| Parser::load(&r.model_path));
        let _ = std::fs::remove_dir_all(&dir);
        let p = match p {
            Ok(p) => p,
            Err(e) => panic!("training a version 5 parser failed: {e}"),
        };
        assert!(p.dep.wants_alts(), "feature set 5 reads runner-up tags");
        assert!(!mini().dep.wants_alts(), "the recipe's (4) does not");
        let forms = [
            "Rebels", "said", "the", "army", "shelled", "the", "village", ".",
        ];
        let lex: Vec<Lex> = forms
            .iter()
            .map(|f| Lex::new(f).with_clusters(&p.clusters))
            .collect();
        let (tags, alts) = p.tagger.tag_lex_alt(&lex);
        assert_eq!(tags, p.tagger.tag_lex(&lex));
        assert_eq!(alts.len(), tags.len());
        for (t, a) in tags.iter().zip(&alts) {
            // A runner-up never beats the tag; a dictionary word has none.
            assert!(a.margin >= 0.0);
            assert!(a.tag != *t || a.margin.is_infinite());
        }
        // Every word made unsure of its tag: the parse may change, but it
        // stays a tree, and all-sure runner-ups parse as no runner-ups.
        let sure: Vec<Alt> = tags.iter().map(|t| Alt::sure(*t)).collect();
        assert_eq!(
            p.dep.parse_scored(&lex, &tags, &sure, None),
            p.dep.parse_scored(&lex, &tags, &[], None)
        );
        let unsure: Vec<Alt> = tags
            .iter()
            .map(|t| Alt {
                tag: (*t + 1) % p.tagger.n_tags() as u16,
                margin: 0.0,
            })
            .collect();
        let (heads, _) = p.dep.parse_scored(&lex, &tags, &unsure, None);
        assert_eq!(heads.len(), forms.len());
        assert_eq!(heads.iter().filter(|h| **h == 0).count(), 1);
    }

    #[test]
    fn training_is_deterministic() {
        let (a, b) = (out_dir("det-a"), out_dir("det-b"));
        let ra = train::train_with(&fixture(), &fixture(), &a, 3, &opts());
        let rb = train::train_with(&fixture(), &fixture(), &b, 3, &opts());
        let read = |r: Result<TrainReport, Error>| {
            r.and_then(|r| {
                std::fs::read(&r.model_path).map_err(|source| Error::Io {
                    path: r.model_path,
                    source,
                })
            })
        };
        let (ba, bb) = (read(ra), read(rb));
        let _ = std::fs::remove_dir_all(&a);
        let _ = std::fs::remove_dir_all(&b);
        assert!(ba.is_ok());
        assert_eq!(ba.ok(), bb.ok());
    }

    #[test]
    fn members_trained_apart_make_the_same_model() {
        let read = |r: Result<TrainReport, Error>| -> Vec<u8> {
            r.and_then(|r| {
                std::fs::read(&r.model_path).map_err(|source| Error::Io {
                    path: r.model_path,
                    source,
                })
            })
            .unwrap_or_default()
        };
        let two = TrainOptions {
            parser_seeds: 2,
            reverse_seeds: 2,
            parser_epochs: 4,
            ..opts()
        };
        let (a, b, c) = (out_dir("mem-a"), out_dir("mem-b"), out_dir("mem-c"));
        let _ = std::fs::create_dir_all(&b);
        let together = read(train::train_with(&fixture(), &fixture(), &a, 5, &two));
        // Member 1 alone, written after epochs 3 and 4; then member 0.
        // The first run writes the clusters to a cache, the others read it.
        let cache = b.join("clusters.bin");
        for first in [1, 0] {
            let one = TrainOptions {
                parser_seeds: 1,
                reverse_seeds: 1,
                first_member: first,
                member_dir: Some(b.clone()),
                member_from: 3,
                cluster_cache: Some(cache.clone()),
                ..two.clone()
            };
            let _ = train::train_with(&fixture(), &fixture(), &c, 5, &one);
        }
        let members: Vec<PathBuf> = (0..2)
            .map(|i| b.join(format!("member{i}-epoch4.bin")))
            .collect();
        let reverse_members: Vec<PathBuf> = (0..2)
            .map(|i| b.join(format!("rmember{i}-epoch4.bin")))
            .collect();
        let apart_opts = TrainOptions {
            members,
            reverse_members,
            cluster_cache: Some(cache.clone()),
            ..two.clone()
        };
        let apart = read(train::train_with(
            &fixture(),
            &fixture(),
            &c,
            5,
            &apart_opts,
        ));
        let early = b.join("member1-epoch3.bin").exists()
            && b.join("rmember1-epoch3.bin").exists()
            && cache.exists();
        for d in [&a, &b, &c] {
            let _ = std::fs::remove_dir_all(d);
        }
        assert!(!together.is_empty());
        assert!(early);
        assert_eq!(together, apart);
        let p = Parser::from_bytes(&together).ok();
        assert!(
            p.is_some_and(|p| p.combo.is_some()),
            "the reversed parser is kept"
        );
    }

    #[test]
    fn combined_parsers_make_trees_on_short_and_long_sentences() {
        let dir = out_dir("combo");
        let o = TrainOptions {
            parser_epochs: 4,
            parser_seeds: 1,
            reverse_seeds: 1,
            ..opts()
        };
        let p = train::train_with(&fixture(), &fixture(), &dir, 9, &o)
            .and_then(|r| Parser::load(&r.model_path));
        let _ = std::fs::remove_dir_all(&dir);
        let p = match p {
            Ok(p) => p,
            Err(e) => panic!("training with a reversed parser failed: {e}"),
        };
        assert!(p.combo.is_some());
        let words = [
            "Rebels", "said", "the", "army", "shelled", "the", "village", "and", "the", "police",
            "denied", "it", ".",
        ];
        for k in [1, 2, 5, words.len()] {
            assert!(is_tree(&p.parse_sentence(&words[..k])));
        }
        // Longer than the tree search takes: the main parser alone.
        let long: Vec<&str> = words
            .iter()
            .copied()
            .cycle()
            .take(combine::MAX_WORDS + 7)
            .collect();
        let out = p.parse_sentence(&long);
        assert_eq!(out.len(), long.len());
        assert!(is_tree(&out));
        let mut q = p.clone();
        q.set_combo(None);
        assert_eq!(out, q.parse_sentence(&long));
    }

    #[test]
    fn parsing_is_deterministic() {
        let p = mini();
        let doc = Doc::new(
            "d",
            "The army denied the report. Rebels said the regime bombed the town.",
        );
        let mut a = String::new();
        let mut b = String::new();
        p.to_conllu(&doc, &mut a);
        p.to_conllu(&doc, &mut b);
        assert_eq!(a, b);
        assert!(a.contains("# text = The army denied the report."));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let p = mini();
        let long = "a".repeat(1 << 20);
        let inputs = [
            String::new(),
            " \n\t ".to_string(),
            long.clone(),
            "\u{0}\u{1}\u{7f} \u{1b}[31m red \u{200b}".to_string(),
            "قصفت قوات النظام مدينة حلب يوم الثلاثاء.".to_string(),
            "הצבא הודיע כי תקף \u{202e}מטרות\u{202c} בעזה.".to_string(),
            "I'm sure they cannot... don't!!! #ISIL @USEmbassySyria al-Bab 5/1/2015".to_string(),
            ".".repeat(5000),
        ];
        for text in &inputs {
            let doc = Doc::new("d", text.as_str());
            for s in p.parse_doc(&doc) {
                assert!(is_tree(&s));
                for t in &s {
                    assert!(t.start <= t.end && t.end <= doc.text.len());
                }
            }
            let mut out = String::new();
            p.to_conllu(&doc, &mut out);
            assert!(conllu::parse(&out, "out").is_ok());
        }
        assert!(p.parse_sentence(&[]).is_empty());
        assert!(is_tree(&p.parse_sentence(&["", "\u{0}", &long])));
    }

    /// One generated input: random characters from a news-like alphabet,
    /// random Unicode scalars (controls, combining marks, right-to-left
    /// text, private use, emoji), or shuffled news words and punctuation.
    fn generated(rng: &mut perceptron::Rng) -> String {
        const ALPHABET: &str =
            "aZ9 .,'’-\n\t\r\u{0}\u{7}#@:/()\"“”…—–ـحلب\u{202e}\u{200f}é\u{301}日本😀";
        const WORDS: &[&str] = &[
            "Rebels",
            "said",
            "the",
            "regime",
            "bombed",
            "al-Bab",
            "U.S.",
            "Mr.",
            "Gen.",
            "don't",
            "cannot",
            "#ISIL",
            "@USEmbassySyria",
            "5/1/2015",
            "3,000",
            "“",
            "”",
            "\"",
            "'s",
            "(",
            ")",
            ".",
            "...",
            "!",
            "?",
            ";",
            "--",
            "Abu",
            "Abdo",
            "قصف",
            "\u{202b}",
            "\u{feff}",
            "\u{0}",
            "http://x.y/z?q=1",
            "e-mail",
            "I'm",
            "gonna",
            "\n\n",
            " ",
            "\t",
        ];
        let pick = |rng: &mut perceptron::Rng, n: usize| (rng.next_u64() % n as u64) as usize;
        let len = pick(rng, 120);
        match pick(rng, 3) {
            0 => {
                let a: Vec<char> = ALPHABET.chars().collect();
                (0..len).map(|_| a[pick(rng, a.len())]).collect()
            }
            1 => (0..len)
                .map(|_| {
                    let range = [0x20, 0x80, 0x800, 0x1_0000, 0x11_0000][pick(rng, 5)];
                    char::from_u32(pick(rng, range) as u32).unwrap_or('\u{fffd}')
                })
                .collect(),
            _ => {
                let mut t = String::new();
                for _ in 0..len / 3 {
                    t.push_str(WORDS[pick(rng, WORDS.len())]);
                    if pick(rng, 4) > 0 {
                        t.push(' ');
                    }
                }
                t
            }
        }
    }

    #[test]
    fn random_inputs_are_safe_and_deterministic() {
        let p = mini();
        let mut rng = perceptron::Rng::new(42);
        for case in 0..3000 {
            let text = generated(&mut rng);
            let doc = Doc::new("r", text.as_str());
            for s in p.parse_doc(&doc) {
                assert!(is_tree(&s), "case {case}: {text:?}");
                for t in &s {
                    assert!(t.start <= t.end && t.end <= doc.text.len(), "{text:?}");
                    assert!(doc.text.is_char_boundary(t.start), "{text:?}");
                    assert!(doc.text.is_char_boundary(t.end), "{text:?}");
                    assert!(t.token < doc.tokens.len(), "{text:?}");
                }
            }
            let (mut a, mut b) = (String::new(), String::new());
            p.to_conllu(&doc, &mut a);
            p.to_conllu(&doc, &mut b);
            assert_eq!(a, b, "case {case}: {text:?}");
            assert!(conllu::parse(&a, "out").is_ok(), "case {case}: {text:?}");
            assert!(p.reparse_conllu(&a, "out").is_ok(), "case {case}: {text:?}");
            // The same text as CoNLL-U input: an error or output, never a panic.
            let _ = p.reparse_conllu(&text, "r");
        }
    }

    /// The committed model (when present) on the hard cases.
    #[test]
    fn committed_model_survives_odd_inputs() {
        let Ok(p) = Parser::load_default() else {
            eprintln!("skipped: no committed syntax model");
            return;
        };
        let inputs = [
            String::new(),
            "x".repeat(1 << 20),
            "\u{0}\u{1}\u{7f}\u{1b}[31m \u{85}\u{2028}".repeat(50),
            "قصفت قوات النظام مدينة حلب. הצבא הודיע \u{202e}כי\u{202c} תקף.".to_string(),
            "word ".repeat(20_000),
        ];
        for text in &inputs {
            let doc = Doc::new("d", text.as_str());
            let (mut a, mut b) = (String::new(), String::new());
            p.to_conllu(&doc, &mut a);
            p.to_conllu(&doc, &mut b);
            assert_eq!(a, b);
            for s in p.parse_doc(&doc) {
                assert!(is_tree(&s));
            }
        }
    }

    #[test]
    fn optional_sections_round_trip() {
        let p = mini();
        assert!(!p.clusters.is_empty());
        let bytes = p.to_bytes().unwrap_or_default();
        let q = Parser::from_bytes(&bytes);
        assert!(q.is_ok());
        let s = [
            "Rebels", "said", "the", "regime", "bombed", "the", "town", ".",
        ];
        let a = p.parse_sentence(&s);
        assert_eq!(q.ok().map(|q| q.parse_sentence(&s)), Some(a.clone()));
        // The labeller only relabels: same heads without it.
        let mut r = p.clone();
        r.labeler = None;
        let b = r.parse_sentence(&s);
        assert!(a.iter().zip(&b).all(|(x, y)| x.head == y.head));
        // An unknown trailing section is an error, not a panic.
        let mut raw = zstd::decode_all(&bytes[MAGIC.len()..]).unwrap_or_default();
        raw.push(9);
        let mut bad = MAGIC.to_vec();
        bad.extend(zstd::encode_all(&raw[..], 1).unwrap_or_default());
        assert!(Parser::from_bytes(&bad).is_err());
    }

    #[test]
    fn newer_labeller_round_trips() {
        let dir = out_dir("labeller2");
        // Without the reversed parser, whose label scores the fixture's
        // tuning prefers to the labeller's.
        let o = TrainOptions {
            labeler_version: 2,
            reverse_seeds: 0,
            ..opts()
        };
        let r = train::train_with(&fixture(), &fixture(), &dir, 7, &o);
        let p = r.and_then(|r| Parser::load(&r.model_path));
        let _ = std::fs::remove_dir_all(&dir);
        let p = match p {
            Ok(p) => p,
            Err(e) => panic!("training on the fixture failed: {e}"),
        };
        assert_eq!(p.labeler.as_ref().map(|l| l.version), Some(2));
        let bytes = p.to_bytes().unwrap_or_default();
        let q = Parser::from_bytes(&bytes).ok();
        assert_eq!(
            q.as_ref()
                .and_then(|q| q.labeler.as_ref())
                .map(|l| l.version),
            Some(2)
        );
        let s = [
            "Rebels", "said", "the", "regime", "bombed", "the", "town", ".",
        ];
        assert_eq!(q.map(|q| q.parse_sentence(&s)), Some(p.parse_sentence(&s)));
        // A labeller section of an unknown version is an error.
        let mut raw = zstd::decode_all(&bytes[MAGIC.len()..]).unwrap_or_default();
        let at = raw.len()
            - p.labeler.as_ref().map_or(0, |l| {
                let mut b = Vec::new();
                l.write(&mut b);
                b.len()
            });
        raw[at - 1] = 9;
        let mut bad = MAGIC.to_vec();
        bad.extend(zstd::encode_all(&raw[..], 1).unwrap_or_default());
        assert!(Parser::from_bytes(&bad).is_err());
    }

    #[test]
    fn oracle_tags_score_at_least_as_well_on_the_fixture() {
        let p = mini();
        let sents = conllu::read_file(&fixture()).unwrap_or_default();
        let g = eval::gold_token_scores(p, &sents);
        let o = eval::oracle_tag_scores(p, &sents);
        assert_eq!(o.words, g.words);
        assert!(o.words > 0 && o.uas > 0.5, "{o:?}");
        // With the model's own tags given back, the oracle is the parse.
        let forms: Vec<&str> = sents[0].forms();
        let (tags, heads, labels) = p.analyze(&forms);
        let given: Vec<Option<u16>> = tags.iter().map(|t| Some(*t)).collect();
        assert_eq!(p.analyze_tagged(&forms, &given), (heads, labels));
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        assert!(Parser::from_bytes(b"").is_err());
        assert!(Parser::from_bytes(b"SITREP-SYNTAX-1\nnot zstd").is_err());
        let good = mini().to_bytes().unwrap_or_default();
        assert!(Parser::from_bytes(&good).is_ok());
        assert!(Parser::from_bytes(&good[..good.len() / 2]).is_err());
    }

    #[test]
    fn missing_training_file_is_an_error() {
        let r = train::train(
            Path::new("/nonexistent/train.conllu"),
            &fixture(),
            &out_dir("x"),
            1,
        );
        assert!(matches!(r, Err(Error::Io { .. })));
    }
}
