//! A parse memo shared by the analyses of one pipeline: a sentence whose
//! words were parsed before (in this document or any earlier one) is not
//! parsed again.
//!
//! Owns only the memo and the conversion from the parser's words to the core
//! parse layer type; the parse itself is `sitrep_syntax::Parser`'s, the
//! word split `sitrep_syntax::words`'. It must not change any output: the
//! parser's result depends on the sentence's word forms alone, so the memo
//! is keyed by those forms (exactly, with their lengths) and the offsets
//! and token indexes are rebuilt for the document at hand, as
//! `sitrep_syntax::layer` does (a test checks the two agree).
//!
//! Why: news arrives in reprints (wire copy carried by many outlets, updates
//! of one story), and the parse is the dearest part of the analysis. Memory
//! is bounded: two generations of at most [`GENERATION`] sentences each;
//! when the newer fills up the older is dropped, so the memo remembers the
//! last `GENERATION` to `2 × GENERATION` sentences parsed (about 1 KB each).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sitrep_core::{Doc, ParsedWord, SentenceParse, SentenceParser};
use sitrep_syntax::{ParsedToken, Parser};

/// Sentences in one generation of the memo.
pub const GENERATION: usize = 32_768;

/// One parsed word, compact: tags as indexes into the memo's label table.
struct Word {
    lemma: Box<str>,
    upos: u16,
    xpos: u16,
    deprel: u16,
    head: u32,
}

/// Labels (UPOS, XPOS, relations) seen so far, each stored once.
#[derive(Default)]
struct Labels {
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u16>,
}

impl Labels {
    fn id(&mut self, name: &str) -> Option<u16> {
        if let Some(&i) = self.ids.get(name) {
            return Some(i);
        }
        let i = u16::try_from(self.names.len()).ok()?;
        let name: Arc<str> = Arc::from(name);
        self.names.push(name.clone());
        self.ids.insert(name, i);
        Some(i)
    }

    fn name(&self, id: u16) -> &str {
        self.names.get(usize::from(id)).map_or("", |s| s)
    }
}

#[derive(Default)]
struct Memo {
    newer: HashMap<Vec<u8>, Arc<[Word]>>,
    older: HashMap<Vec<u8>, Arc<[Word]>>,
    labels: Labels,
    hits: u64,
    misses: u64,
}

impl Memo {
    fn get(&mut self, key: &[u8]) -> Option<Arc<[Word]>> {
        if let Some(w) = self.newer.get(key) {
            self.hits += 1;
            return Some(w.clone());
        }
        let w = self.older.remove(key)?;
        self.hits += 1;
        self.insert(key.to_vec(), w.clone());
        Some(w)
    }

    fn insert(&mut self, key: Vec<u8>, words: Arc<[Word]>) {
        if self.newer.len() >= GENERATION {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(key, words);
    }

    /// The compact form of a parse; `None` if the label table is full (then
    /// the sentence is simply not remembered).
    fn compact(&mut self, parsed: &[ParsedToken]) -> Option<Arc<[Word]>> {
        parsed
            .iter()
            .map(|t| {
                Some(Word {
                    lemma: t.lemma.as_str().into(),
                    upos: self.labels.id(&t.upos)?,
                    xpos: self.labels.id(&t.xpos)?,
                    deprel: self.labels.id(&t.deprel)?,
                    head: u32::try_from(t.head).ok()?,
                })
            })
            .collect()
    }
}

/// How often the memo answered: sentences found, sentences parsed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MemoStats {
    pub hits: u64,
    pub misses: u64,
}

/// The parser behind the parse layer, with the memo in front of it.
pub struct MemoParser {
    parser: Arc<Parser>,
    memo: Mutex<Memo>,
}

impl MemoParser {
    pub fn new(parser: Arc<Parser>) -> MemoParser {
        MemoParser {
            parser,
            memo: Mutex::new(Memo::default()),
        }
    }

    /// Sentences answered from the memo and sentences parsed so far.
    pub fn stats(&self) -> MemoStats {
        let m = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        MemoStats {
            hits: m.hits,
            misses: m.misses,
        }
    }
}

/// The memo key: every form with its length, so that no two different
/// word sequences share a key.
fn key(forms: &[&str]) -> Vec<u8> {
    let mut k = Vec::with_capacity(forms.iter().map(|f| f.len() + 4).sum());
    for f in forms {
        k.extend_from_slice(&u32::try_from(f.len()).unwrap_or(u32::MAX).to_le_bytes());
        k.extend_from_slice(f.as_bytes());
    }
    k
}

impl SentenceParser for MemoParser {
    fn parse_sentence_of(&self, doc: &Doc, sentence: usize) -> SentenceParse {
        let Some(s) = doc.sentences.get(sentence) else {
            return SentenceParse {
                sentence,
                words: Vec::new(),
            };
        };
        let pieces = sitrep_syntax::words::words(doc, s.tokens.clone());
        let forms: Vec<&str> = pieces
            .iter()
            .map(|p| doc.text.get(p.start..p.end).unwrap_or(""))
            .collect();
        let k = key(&forms);
        {
            let mut m = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = m.get(&k) {
                let words = pieces
                    .iter()
                    .zip(found.iter())
                    .map(|(p, w)| ParsedWord {
                        span: doc.span(p.start, p.end),
                        token: p.token,
                        lemma: w.lemma.to_string(),
                        upos: m.labels.name(w.upos).to_string(),
                        xpos: m.labels.name(w.xpos).to_string(),
                        head: w.head as usize,
                        deprel: m.labels.name(w.deprel).to_string(),
                    })
                    .collect();
                return SentenceParse { sentence, words };
            }
        }
        // Parse outside the lock: the other analysis threads go on.
        let parsed = self.parser.parse_sentence(&forms);
        {
            let mut m = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            m.misses += 1;
            if let Some(c) = m.compact(&parsed) {
                m.insert(k, c);
            }
        }
        sitrep_syntax::layer::sentence_parse(doc, sentence, &pieces, parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parser() -> Option<Arc<Parser>> {
        match Parser::load_default() {
            Ok(p) => Some(Arc::new(p)),
            Err(e) => {
                eprintln!("skipping: no syntax model ({e})");
                None
            }
        }
    }

    #[test]
    fn memo_gives_what_the_parser_gives() {
        let Some(p) = parser() else { return };
        let memo = MemoParser::new(p.clone());
        let a = Doc::new(
            "a",
            "Rebels said the regime can't bomb al-Bab. Aleppo is quiet. \
             Warplanes struck Idlib on Tuesday, killing 12 people, activists said.",
        );
        // The same sentences at other offsets, with other neighbours.
        let b = Doc::new(
            "b",
            "Updated. Warplanes struck Idlib on Tuesday, killing 12 people, activists said. \
             Rebels said the regime can't bomb al-Bab.",
        );
        let mut calls = 0;
        for doc in [&a, &b, &a] {
            for i in 0..doc.sentences.len() {
                assert_eq!(memo.parse_sentence_of(doc, i), p.parse_layer(doc, i));
                calls += 1;
            }
        }
        let st = memo.stats();
        assert_eq!(st.hits + st.misses, calls, "{st:?}");
        // b repeats two of a's sentences, and a is seen twice.
        assert!(st.hits >= 2 + a.sentences.len() as u64, "{st:?}");
        assert!(memo.parse_sentence_of(&a, 99).words.is_empty());
    }

    #[test]
    fn keys_keep_word_boundaries() {
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_ne!(key(&["a"]), key(&["a", ""]));
        assert_eq!(key(&["x", "y"]), key(&["x", "y"]));
    }

    #[test]
    fn the_memo_is_bounded() {
        let mut m = Memo::default();
        for i in 0..(2 * GENERATION + 5) {
            m.insert(i.to_le_bytes().to_vec(), Arc::from(Vec::new()));
        }
        assert!(m.newer.len() + m.older.len() <= 2 * GENERATION);
        // The most recent are kept, the oldest forgotten.
        assert!(m.get(&(2 * GENERATION + 4).to_le_bytes()).is_some());
        assert!(m.get(&0usize.to_le_bytes()).is_none());
    }
}
