//! Cue and content-cue lexicons: the words that introduce a claim and the
//! phrases that change its stance.
//!
//! Owns parsing `data/attribution/cues.tsv` and `data/attribution/content_cues.tsv`
//! into matchers that run on the document's lower-cased tokens (one hash
//! lookup per token, longest form wins). It does not decide where sources and
//! contents are: that is [`crate::frames`].

use std::collections::HashMap;

use sitrep_core::{Doc, Stance};

use crate::Error;

/// The cue lexicon compiled into the binary.
pub const DEFAULT_CUES: &str = include_str!("../../../data/attribution/cues.tsv");

/// The one-word forms of the bundled cue lexicon (`said`, `told`, …): the
/// words the learned proposer and the word clusters treat as known cues.
pub fn one_word_forms() -> impl Iterator<Item = &'static str> {
    DEFAULT_CUES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        .filter_map(|l| l.split('\t').nth(1))
        .flat_map(|f| f.split(','))
        .filter(|f| !f.contains(' ') && !f.is_empty())
}
/// The content-cue lexicon compiled into the binary.
pub const DEFAULT_CONTENT_CUES: &str = include_str!("../../../data/attribution/content_cues.tsv");

/// How a cue arranges its source and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// "X said (that) C", "C, X said", "“C,” said X".
    Speech,
    /// Like speech, with an optional recipient: "X told Reuters (that) C".
    Tell,
    /// Continuation: "…, adding that C"; the source carries over.
    Add,
    /// "according to X, C" / "C, according to X".
    According,
    /// The content is the object: "X accused Y of C", "X denied C".
    Object,
    /// The content is an infinitive: "X refused to C", "X seemed to C".
    Control,
    /// Belief or desire ("X thinks C", "X wants C"): kept only with a named or
    /// pronoun subject, since these verbs are often not attributions.
    Belief,
}

/// One cue lexicon row.
#[derive(Debug, Clone)]
pub struct CueEntry {
    /// Stable id from the data file, used in `Claim::rule`.
    pub id: String,
    pub stance: Stance,
    pub kind: CueKind,
    /// Outlet that relays claims made with this cue ("tweeted" → Twitter).
    pub channel: Option<String>,
}

/// A cue found in a document: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub first: usize,
    pub last: usize,
    pub entry: usize,
}

/// Compiled cue lexicon.
#[derive(Debug, Default)]
pub struct CueLexicon {
    entries: Vec<CueEntry>,
    /// First lower-cased token → forms starting with it (longest first).
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// Parse a stance name as written in the data files.
pub fn parse_stance(s: &str) -> Option<Stance> {
    Some(match s {
        "assert" => Stance::Assert,
        "accuse" => Stance::Accuse,
        "deny" => Stance::Deny,
        "acknowledge" => Stance::Acknowledge,
        "question" => Stance::Question,
        "no_evidence" => Stance::NoEvidence,
        "retract" => Stance::Retract,
        _ => return None,
    })
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // header row
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

impl CueLexicon {
    /// Parse `cues.tsv` (see the header of the file for the columns).
    pub fn parse(text: &str) -> Result<CueLexicon, Error> {
        let mut lex = CueLexicon::default();
        for (line, cols) in data_lines(text) {
            if cols.len() < 4 {
                return Err(Error::Data {
                    file: "cues.tsv",
                    line,
                    msg: format!("expected 5 columns, found {}", cols.len()),
                });
            }
            let stance = parse_stance(cols[2]).ok_or_else(|| Error::Data {
                file: "cues.tsv",
                line,
                msg: format!("unknown stance {:?}", cols[2]),
            })?;
            let kind = match cols[3] {
                "speech" => CueKind::Speech,
                "tell" => CueKind::Tell,
                "add" => CueKind::Add,
                "according" => CueKind::According,
                "object" => CueKind::Object,
                "control" => CueKind::Control,
                "belief" => CueKind::Belief,
                other => {
                    return Err(Error::Data {
                        file: "cues.tsv",
                        line,
                        msg: format!("unknown cue kind {other:?}"),
                    })
                }
            };
            let channel = cols
                .get(4)
                .filter(|c| !c.is_empty() && **c != "-")
                .map(|c| c.to_string());
            let idx = lex.entries.len();
            lex.entries.push(CueEntry {
                id: cols[0].to_string(),
                stance,
                kind,
                channel,
            });
            for form in cols[1].split(',') {
                let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    lex.by_first
                        .entry(first.clone())
                        .or_default()
                        .push((words, idx));
                }
            }
        }
        for forms in lex.by_first.values_mut() {
            forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        Ok(lex)
    }

    /// Add an entry with no surface forms (used by the learned cue proposer).
    pub fn add_entry(&mut self, id: &str, stance: Stance, kind: CueKind) -> usize {
        self.entries.push(CueEntry {
            id: id.to_string(),
            stance,
            kind,
            channel: None,
        });
        self.entries.len() - 1
    }

    /// The index of the entry with id `id`, if any.
    pub fn entry_id(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    pub fn entry(&self, i: usize) -> &CueEntry {
        &self.entries[i]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest cue form starting at token `i` and ending before token `end`.
    pub fn match_at(&self, doc: &Doc, i: usize, end: usize) -> Option<CueMatch> {
        let forms = self.by_first.get(doc.lower(i))?;
        forms.iter().find_map(|(words, entry)| {
            let last = i + words.len() - 1;
            (last < end && words.iter().enumerate().all(|(k, w)| doc.lower(i + k) == w)).then_some(
                CueMatch {
                    first: i,
                    last,
                    entry: *entry,
                },
            )
        })
    }
}

/// One content-cue pattern: words, with `None` for a `*` gap of up to 6 words.
#[derive(Debug, Clone)]
struct ContentPattern {
    words: Vec<Option<String>>,
    stance: Stance,
    /// Default stances it may override; empty means any.
    applies: Vec<Stance>,
}

/// Compiled content-cue lexicon.
#[derive(Debug, Default)]
pub struct ContentCues {
    patterns: Vec<ContentPattern>,
}

const GAP: usize = 6;

fn precedence(s: Stance) -> u8 {
    match s {
        Stance::NoEvidence => 7,
        Stance::Deny => 6,
        Stance::Retract => 5,
        Stance::Acknowledge => 4,
        Stance::Accuse => 3,
        Stance::Question => 2,
        Stance::Assert => 1,
    }
}

impl ContentCues {
    /// Parse `content_cues.tsv`.
    pub fn parse(text: &str) -> Result<ContentCues, Error> {
        let mut out = ContentCues::default();
        for (line, cols) in data_lines(text) {
            if cols.len() < 2 {
                return Err(Error::Data {
                    file: "content_cues.tsv",
                    line,
                    msg: "expected 3 columns".into(),
                });
            }
            let stance = parse_stance(cols[1]).ok_or_else(|| Error::Data {
                file: "content_cues.tsv",
                line,
                msg: format!("unknown stance {:?}", cols[1]),
            })?;
            let mut applies = Vec::new();
            if let Some(a) = cols.get(2).filter(|a| **a != "any" && !a.is_empty()) {
                for s in a.split(',') {
                    applies.push(parse_stance(s.trim()).ok_or_else(|| Error::Data {
                        file: "content_cues.tsv",
                        line,
                        msg: format!("unknown stance {s:?}"),
                    })?);
                }
            }
            let words = cols[0]
                .split_whitespace()
                .map(|w| (w != "*").then(|| w.to_lowercase()))
                .collect::<Vec<_>>();
            if words.first().is_some_and(|w| w.is_some()) {
                out.patterns.push(ContentPattern {
                    words,
                    stance,
                    applies,
                });
            }
        }
        Ok(out)
    }

    /// The stance a claim takes given its default stance and the lower-cased
    /// words of its cue and content (punctuation already removed).
    pub fn stance_for(&self, words: &[&str], default: Stance) -> Stance {
        let mut best = default;
        for p in &self.patterns {
            if !p.applies.is_empty() && !p.applies.contains(&default) {
                continue;
            }
            if precedence(p.stance) <= precedence(best) {
                continue;
            }
            if (0..words.len()).any(|i| matches_at(&p.words, words, i)) {
                best = p.stance;
            }
        }
        best
    }
}

fn matches_at(pat: &[Option<String>], words: &[&str], i: usize) -> bool {
    match pat.split_first() {
        None => true,
        Some((None, rest)) => {
            (0..=GAP).any(|k| i + k <= words.len() && matches_at(rest, words, i + k))
        }
        Some((Some(w), rest)) => i < words.len() && words[i] == w && matches_at(rest, words, i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicons_parse() {
        let cues = CueLexicon::parse(DEFAULT_CUES).unwrap();
        assert!(cues.len() > 40);
        let cc = ContentCues::parse(DEFAULT_CONTENT_CUES).unwrap();
        assert!(!cc.patterns.is_empty());
    }

    #[test]
    fn longest_form_wins() {
        let cues = CueLexicon::parse(DEFAULT_CUES).unwrap();
        let doc = Doc::new("t", "The group claimed responsibility for the attack.");
        let m = cues.match_at(&doc, 2, doc.tokens.len()).unwrap();
        assert_eq!(m.last, 3);
        assert_eq!(cues.entry(m.entry).stance, Stance::Acknowledge);
    }

    #[test]
    fn gap_patterns_match() {
        let cc = ContentCues::parse(DEFAULT_CONTENT_CUES).unwrap();
        let w = [
            "the",
            "u.s.",
            "does",
            "not",
            "have",
            "independent",
            "evidence",
        ];
        assert_eq!(cc.stance_for(&w, Stance::Assert), Stance::NoEvidence);
        let w = [
            "neither",
            "officials",
            "nor",
            "rebels",
            "have",
            "provided",
            "proof",
        ];
        assert_eq!(cc.stance_for(&w, Stance::Assert), Stance::NoEvidence);
        let w = ["the", "weather", "was", "fine"];
        assert_eq!(cc.stance_for(&w, Stance::Assert), Stance::Assert);
    }
}
