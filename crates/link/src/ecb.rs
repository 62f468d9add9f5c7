//! ECB+ reader: the test split of the Cybulska–Vossen setup, its validated
//! sentences and its gold event-coreference chains.
//!
//! Owns reading `../shared/data/coreference-ecbplus` (read only) into
//! documents of tokenized sentences and gold event mentions; it does no
//! analysis, clustering or scoring (see [`crate::eval`], [`crate::conll`]).
//!
//! What is read, relative to that folder:
//! - `data/interim/cybulska_setup/ECB_Test_corpus.txt`: one token a line,
//!   `doc<TAB>sentence<TAB>token<TAB>word<TAB>label`, blank lines between
//!   sentences. It holds only the sentences of `ECBplus_coreference_sentences.csv`
//!   (the validated sentences of Cybulska and Vossen 2015, which the
//!   literature scores on), for topics 36–45 (the test topics).
//! - `data/interim/cybulska_setup/ECB_Test_Event_gold_mentions.json`: gold
//!   event mentions (doc, sentence, token numbers, chain id).
//! - `ECBplus_coreference_sentences.csv` (`Topic,File,Sentence Number`): the
//!   validated sentences. Its numbers are those of the ECB+ XML, where the
//!   `…ecbplus` documents count from 1 (sentence 0 is the URL line) and the
//!   `…ecb` ones from 0; the corpus file counts both from 0. The reader keeps a
//!   sentence only when the CSV lists it and a document only in topics 36–45,
//!   and says how many it dropped.
//! - `data/gold/cybulska_gold/CD_test_event_mention_based.key_conll`: the gold
//!   key the published systems are scored against (one mention a line, all
//!   documents as one). Its lines are not in the JSON's order, so it is used
//!   as a check: its chain-size profile must equal the JSON chains' profile.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Errors reading the ECB+ files.
#[derive(Debug, thiserror::Error)]
pub enum EcbError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: String, message: String },
    /// A pipeline stage or the syntax model could not be loaded.
    #[error("loading {0}")]
    Load(String),
}

/// A split of the Cybulska–Vossen setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Topics 36–45: what is reported.
    Test,
    /// Topics 2, 5, 12, 18, 21, 23, 34, 35: what thresholds are tuned on.
    Dev,
}

impl Split {
    /// The topics of the split.
    pub fn topics(self) -> &'static [u32] {
        match self {
            Split::Test => &[36, 37, 38, 39, 40, 41, 42, 43, 44, 45],
            Split::Dev => &[2, 5, 12, 18, 21, 23, 34, 35],
        }
    }

    fn file_tag(self) -> &'static str {
        match self {
            Split::Test => "Test",
            Split::Dev => "Dev",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Split::Test => "test",
            Split::Dev => "dev",
        }
    }
}

/// One ECB+ document: its validated sentences, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct EcbDoc {
    /// e.g. `36_1ecb`, `36_10ecbplus`.
    pub id: String,
    pub topic: u32,
    /// True for the `…ecbplus` half of a topic (the second sub-topic).
    pub plus: bool,
    pub sentences: Vec<EcbSentence>,
}

/// One sentence as the corpus tokenizes it.
#[derive(Debug, Clone, PartialEq)]
pub struct EcbSentence {
    /// Sentence number in the corpus file (0-based for both halves).
    pub id: u32,
    pub tokens: Vec<String>,
}

/// Where a mention is: document index, sentence number, token numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionId {
    pub doc: usize,
    pub sentence: u32,
    pub tokens: Vec<u32>,
}

/// A gold event mention and its chain.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldMention {
    pub id: MentionId,
    pub text: String,
    /// Gold chain id (`ACT…`, or `Singleton_…` for a chain of one).
    pub chain: String,
}

/// The test split.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub docs: Vec<EcbDoc>,
    pub mentions: Vec<GoldMention>,
    /// What was read, dropped and checked (for the eval report).
    pub notes: Vec<String>,
}

impl Corpus {
    /// The gold chains as lists of mention ids, in first-mention order.
    pub fn gold_chains(&self) -> Vec<Vec<MentionId>> {
        let mut order: Vec<&str> = Vec::new();
        let mut by: HashMap<&str, Vec<MentionId>> = HashMap::new();
        for m in &self.mentions {
            let e = by.entry(m.chain.as_str()).or_default();
            if e.is_empty() {
                order.push(m.chain.as_str());
            }
            e.push(m.id.clone());
        }
        order.into_iter().filter_map(|c| by.remove(c)).collect()
    }
}

const SETUP: &str = "data/interim/cybulska_setup";
const SENTENCES: &str = "ECBplus_coreference_sentences.csv";
const KEY: &str = "data/gold/cybulska_gold/CD_test_event_mention_based.key_conll";

fn read(path: &Path) -> Result<String, EcbError> {
    std::fs::read_to_string(path).map_err(|source| EcbError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn format_err(path: &Path, message: impl Into<String>) -> EcbError {
    EcbError::Format {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// `36_10ecbplus` → (36, true).
pub fn parse_doc_id(id: &str) -> Option<(u32, bool)> {
    let (topic, rest) = id.split_once('_')?;
    let topic = topic.parse().ok()?;
    let plus = rest.ends_with("ecbplus");
    if !plus && !rest.ends_with("ecb") {
        return None;
    }
    Some((topic, plus))
}

#[derive(serde::Deserialize)]
struct JsonMention {
    coref_chain: String,
    doc_id: String,
    sent_id: u32,
    tokens_number: Vec<u32>,
    #[serde(default)]
    tokens_str: String,
}

fn corpus_file(split: Split) -> String {
    format!("{SETUP}/ECB_{}_corpus.txt", split.file_tag())
}

fn mentions_file(split: Split) -> String {
    format!("{SETUP}/ECB_{}_Event_gold_mentions.json", split.file_tag())
}

/// Read one split from `dir` (the `coreference-ecbplus` folder).
/// `Ok(None)` when its corpus file is absent. The gold key check runs for
/// the test split only (the only key shipped).
pub fn load(dir: &Path, split: Split) -> Result<Option<Corpus>, EcbError> {
    let corpus_path = dir.join(corpus_file(split));
    if !corpus_path.is_file() {
        return Ok(None);
    }
    let mut notes = Vec::new();

    // Validated sentences, renumbered to the corpus file's numbering.
    let csv_path = dir.join(SENTENCES);
    let validated: Option<HashSet<(String, u32)>> = if csv_path.is_file() {
        Some(read_validated(&csv_path)?)
    } else {
        notes.push(format!("{SENTENCES} absent: sentences not filtered"));
        None
    };

    let (docs, dropped) = read_corpus(&corpus_path, split, validated.as_ref())?;
    notes.push(format!(
        "{} {} documents (topics {:?}), {} validated sentences, {} tokens; {} corpus sentences dropped (not in {SENTENCES} or outside the split's topics)",
        docs.len(),
        split.name(),
        split.topics(),
        docs.iter().map(|d| d.sentences.len()).sum::<usize>(),
        docs.iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.tokens.len())
            .sum::<usize>(),
        dropped
    ));

    let mentions_path = dir.join(mentions_file(split));
    let raw: Vec<JsonMention> = serde_json::from_str(&read(&mentions_path)?)
        .map_err(|e| format_err(&mentions_path, e.to_string()))?;
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut mentions = Vec::new();
    let mut outside = 0usize;
    for m in raw {
        let Some(&doc) = index.get(m.doc_id.as_str()) else {
            outside += 1;
            continue;
        };
        let Some(sentence) = docs[doc].sentences.iter().find(|s| s.id == m.sent_id) else {
            outside += 1;
            continue;
        };
        if m.tokens_number.is_empty()
            || m.tokens_number
                .iter()
                .any(|&t| t as usize >= sentence.tokens.len())
        {
            return Err(format_err(
                &mentions_path,
                format!(
                    "mention {:?} in {} sentence {}: token numbers {:?} outside the sentence",
                    m.tokens_str, m.doc_id, m.sent_id, m.tokens_number
                ),
            ));
        }
        let mut tokens = m.tokens_number;
        tokens.sort_unstable();
        tokens.dedup();
        mentions.push(GoldMention {
            id: MentionId {
                doc,
                sentence: m.sent_id,
                tokens,
            },
            text: m.tokens_str,
            chain: m.coref_chain,
        });
    }
    let chains: HashSet<&str> = mentions.iter().map(|m| m.chain.as_str()).collect();
    notes.push(format!(
        "{} gold event mentions in {} chains{}",
        mentions.len(),
        chains.len(),
        if outside > 0 {
            format!("; {outside} mentions outside the kept sentences dropped")
        } else {
            String::new()
        }
    ));

    let mut corpus = Corpus {
        docs,
        mentions,
        notes,
    };
    let key_path = dir.join(KEY);
    if split == Split::Test && key_path.is_file() {
        let key = read_key_profile(&key_path)?;
        let ours = profile(corpus.gold_chains().iter().map(Vec::len));
        if key == ours {
            corpus.notes.push(format!(
                "gold chains agree with {} (same chain-size profile)",
                file_name(&key_path)
            ));
        } else {
            corpus.notes.push(format!(
                "WARNING: gold chains differ from {}: sizes {:?} vs {:?}",
                file_name(&key_path),
                ours,
                key
            ));
        }
    }
    Ok(Some(corpus))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn profile(sizes: impl Iterator<Item = usize>) -> BTreeMap<usize, usize> {
    let mut p = BTreeMap::new();
    for s in sizes {
        *p.entry(s).or_insert(0) += 1;
    }
    p
}

/// `(doc id, sentence number in the corpus numbering)` of every validated
/// test sentence.
fn read_validated(path: &Path) -> Result<HashSet<(String, u32)>, EcbError> {
    let text = read(path)?;
    let mut out = HashSet::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let (Some(topic), Some(file), Some(sent)) = (f.first(), f.get(1), f.get(2)) else {
            return Err(format_err(path, format!("line {}: {line:?}", i + 1)));
        };
        let (Ok(topic), Ok(sent)) = (topic.parse::<u32>(), sent.parse::<u32>()) else {
            return Err(format_err(path, format!("line {}: {line:?}", i + 1)));
        };
        let sent = if file.ends_with("ecbplus") {
            match sent.checked_sub(1) {
                Some(s) => s,
                None => continue,
            }
        } else {
            sent
        };
        out.insert((format!("{topic}_{file}"), sent));
    }
    Ok(out)
}

/// Documents in file order; the count of sentences dropped.
fn read_corpus(
    path: &Path,
    split: Split,
    validated: Option<&HashSet<(String, u32)>>,
) -> Result<(Vec<EcbDoc>, usize), EcbError> {
    let text = read(path)?;
    let mut docs: Vec<EcbDoc> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut dropped: HashSet<(String, u32)> = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            return Err(format_err(path, format!("line {}: {line:?}", i + 1)));
        }
        let doc_id = f[0];
        let (Ok(sent), Ok(tok)) = (f[1].parse::<u32>(), f[2].parse::<u32>()) else {
            return Err(format_err(path, format!("line {}: {line:?}", i + 1)));
        };
        // The word is everything between the token number and the label
        // (one line has a stray tab after the word).
        let word = f[3..f.len() - 1].join(" ").trim().to_string();
        let Some((topic, plus)) = parse_doc_id(doc_id) else {
            return Err(format_err(
                path,
                format!("line {}: doc id {doc_id:?}", i + 1),
            ));
        };
        let keep = split.topics().contains(&topic)
            && validated.is_none_or(|v| v.contains(&(doc_id.to_string(), sent)));
        if !keep {
            dropped.insert((doc_id.to_string(), sent));
            continue;
        }
        let d = *index.entry(doc_id.to_string()).or_insert_with(|| {
            docs.push(EcbDoc {
                id: doc_id.to_string(),
                topic,
                plus,
                sentences: Vec::new(),
            });
            docs.len() - 1
        });
        let doc = &mut docs[d];
        if doc.sentences.last().is_none_or(|s| s.id != sent) {
            doc.sentences.push(EcbSentence {
                id: sent,
                tokens: Vec::new(),
            });
        }
        let Some(s) = doc.sentences.last_mut() else {
            continue;
        };
        if tok as usize != s.tokens.len() {
            return Err(format_err(
                path,
                format!(
                    "line {}: token {tok} of {doc_id} sentence {sent} out of order",
                    i + 1
                ),
            ));
        }
        s.tokens
            .push(if word.is_empty() { "_".into() } else { word });
    }
    Ok((docs, dropped.len()))
}

/// Read the gold key's chain-size profile (one `(N)` a mention line).
fn read_key_profile(path: &Path) -> Result<BTreeMap<usize, usize>, EcbError> {
    let text = read(path)?;
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some(tag) = line.split('\t').next_back() else {
            continue;
        };
        let id = tag.trim().trim_start_matches('(').trim_end_matches(')');
        if id.is_empty() || id == "-" {
            continue;
        }
        *sizes.entry(id.to_string()).or_insert(0) += 1;
    }
    Ok(profile(sizes.into_values()))
}

/// The `coreference-ecbplus` folder under the shared data folder.
pub fn default_dir(data: &Path) -> PathBuf {
    data.join("coreference-ecbplus")
}

/// A document's text rebuilt from its tokens: tokens joined by spaces except
/// before closing punctuation and clitics and after opening brackets,
/// sentences separated by blank lines (so every ECB+ sentence, titles
/// included, stays a sentence). Returns the text and, per sentence, the byte
/// range of each token.
pub fn doc_text(doc: &EcbDoc) -> (String, Vec<Vec<std::ops::Range<usize>>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(doc.sentences.len());
    for (si, s) in doc.sentences.iter().enumerate() {
        if si > 0 {
            text.push_str("\n\n");
        }
        let mut r = Vec::with_capacity(s.tokens.len());
        let mut prev: Option<&str> = None;
        let mut open_quote = false;
        for t in &s.tokens {
            if let Some(p) = prev {
                let glue_left = matches!(
                    t.as_str(),
                    "," | "."
                        | ":"
                        | ";"
                        | "?"
                        | "!"
                        | ")"
                        | "]"
                        | "%"
                        | "'s"
                        | "'S"
                        | "n't"
                        | "'re"
                        | "'ve"
                        | "'ll"
                        | "'d"
                        | "'m"
                ) || (t == "\"" && open_quote);
                let glue_right = matches!(p, "(" | "[" | "$") || (p == "\"" && open_quote);
                if !(glue_left || glue_right) {
                    text.push(' ');
                }
            }
            if t == "\"" {
                open_quote = !open_quote;
            }
            let start = text.len();
            text.push_str(t);
            r.push(start..text.len());
            prev = Some(t.as_str());
        }
        ranges.push(r);
    }
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, body: &str) {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, body).expect("write");
    }

    fn tiny() -> tempdir::Dir {
        let d = tempdir::Dir::new("ecb");
        write(
            d.path(),
            &corpus_file(Split::Test),
            "36_1ecb\t0\t0\tLeaders\t-\n36_1ecb\t0\t1\tarrested\tACT1\n\n\
             36_1ecb\t1\t0\tPolice\t-\n36_1ecb\t1\t1\tarrested\tACT1\n36_1ecb\t1\t2\tthem\t-\n36_1ecb\t1\t3\t.\t-\n\n\
             36_2ecbplus\t0\t0\tJeffs\t-\n36_2ecbplus\t0\t1\tconvicted\tACT2\n\n\
             36_2ecbplus\t3\t0\tnews\t\tX\n\n\
             1_1ecb\t0\t0\tOther\t-\n",
        );
        write(
            d.path(),
            SENTENCES,
            "Topic,File,Sentence Number\n36,1ecb,0\n36,1ecb,1\n36,2ecbplus,1\n1,1ecb,0\n",
        );
        write(
            d.path(),
            &mentions_file(Split::Test),
            r#"[{"coref_chain":"ACT1","doc_id":"36_1ecb","sent_id":0,"tokens_number":[1],"tokens_str":"arrested"},
               {"coref_chain":"ACT1","doc_id":"36_1ecb","sent_id":1,"tokens_number":[1],"tokens_str":"arrested"},
               {"coref_chain":"Singleton_2","doc_id":"36_2ecbplus","sent_id":0,"tokens_number":[1],"tokens_str":"convicted"},
               {"coref_chain":"ACT9","doc_id":"36_2ecbplus","sent_id":3,"tokens_number":[0],"tokens_str":"news"}]"#,
        );
        write(
            d.path(),
            KEY,
            "#begin document (x); part 000\nx\t(1)\nx\t(2)\nx\t(1)\n#end document\n",
        );
        d
    }

    /// A scratch folder removed on drop (std only).
    mod tempdir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new(tag: &str) -> Dir {
                let p = std::env::temp_dir().join(format!(
                    "sitrep-{tag}-{}-{:?}",
                    std::process::id(),
                    std::thread::current().id()
                ));
                let _ = std::fs::remove_dir_all(&p);
                std::fs::create_dir_all(&p).expect("mkdir");
                Dir(p)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn absent_corpus_is_none() {
        let d = tempdir::Dir::new("ecb-absent");
        assert!(load(d.path(), Split::Test).expect("ok").is_none());
    }

    #[test]
    fn reads_validated_test_sentences_and_chains() {
        let d = tiny();
        let c = load(d.path(), Split::Test).expect("ok").expect("present");
        // Topic 1 is not a test topic; 36_2ecbplus sentence 3 (CSV 4) is not
        // validated; CSV "36,2ecbplus,1" is corpus sentence 0.
        let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["36_1ecb", "36_2ecbplus"]);
        assert_eq!(c.docs[0].sentences.len(), 2);
        assert_eq!(c.docs[1].sentences.len(), 1);
        assert!(c.docs[1].plus && !c.docs[0].plus);
        assert_eq!(c.mentions.len(), 3);
        let chains = c.gold_chains();
        assert_eq!(chains.len(), 2);
        assert_eq!(chains[0].len(), 2);
        assert!(c.notes.iter().any(|n| n.contains("agree")), "{:?}", c.notes);
    }

    #[test]
    fn stray_tab_after_word_is_tolerated() {
        let d = tiny();
        write(
            d.path(),
            SENTENCES,
            "Topic,File,Sentence Number\n36,2ecbplus,4\n",
        );
        let c = load(d.path(), Split::Test).expect("ok").expect("present");
        assert_eq!(c.docs[0].sentences[0].tokens, ["news"]);
    }

    #[test]
    fn text_is_rebuilt_with_token_ranges() {
        let doc = EcbDoc {
            id: "36_1ecb".into(),
            topic: 36,
            plus: false,
            sentences: vec![
                EcbSentence {
                    id: 0,
                    tokens: ["2", "leaders", "arrested"].map(String::from).to_vec(),
                },
                EcbSentence {
                    id: 1,
                    tokens: [
                        "Canada", "'s", "police", "(", "RCMP", ")", "said", "\"", "yes", "\"", ".",
                    ]
                    .map(String::from)
                    .to_vec(),
                },
            ],
        };
        let (text, ranges) = doc_text(&doc);
        assert_eq!(
            text,
            "2 leaders arrested\n\nCanada's police (RCMP) said \"yes\"."
        );
        for (s, r) in doc.sentences.iter().zip(&ranges) {
            for (t, range) in s.tokens.iter().zip(r) {
                assert_eq!(&text[range.clone()], t);
            }
        }
    }
}
