//! The actor lexicon: every pattern sitrep knows (converted Phoenix actors and
//! agents plus `data/actors/curated.tsv`), compiled into one daachorse
//! automaton over normalised token text.
//!
//! Owns loading and normalisation: text and patterns are cut into the same
//! *units* (tokens, with hyphenated words split at the hyphen and `#`
//! stripped from hashtags) and written as ` unit  unit ` so that every match
//! starts and ends on a unit boundary by construction. Deciding which match
//! becomes which actor is left to [`crate::tagger`].

use std::collections::HashMap;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use sitrep_core::tokenize::tokenize;
use sitrep_core::{Token, TokenKind};

use crate::codes::{DatedCode, Sectors};
use crate::import::{display_name, parse_converted};
use crate::Error;

/// What kind of lexicon entry a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country or region, or a place standing for it ("Syria", "Syrian", "Damascus").
    Country,
    /// A named actor (person, group, organisation) with a full code.
    Named,
    /// A generic agent noun ("troops", "officials", "rebels") carrying a sector code.
    Agent,
    /// A pattern that must never become an actor.
    Stop,
}

/// How the matched text must be capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Any case (common nouns).
    Any,
    /// The first content word must carry a capital (proper names).
    Proper,
    /// Every letter upper-case (short acronyms: "US", "UN", "YPG").
    Acronym,
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// Country: `[SYR]`; Named: dated codes; Agent: `[MIL]` (the sector part).
    pub codes: Vec<DatedCode>,
    /// Agent written `IGO~`: its code is a prefix, not a sector.
    pub prefix: bool,
    /// Agent that, used bare, stands for the document's dominant country ("the regime").
    pub dominant: bool,
    pub case: Case,
    pub name: Option<String>,
    /// `Some(None)` forces "no country".
    pub country: Option<Option<String>>,
    pub sector: Option<String>,
    pub inter: Option<u8>,
    /// Rule id, e.g. `phoenix:countries:SYRIA` or `curated:ISIS`.
    pub rule: String,
}

/// The compiled lexicon.
pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    pub countries: HashMap<String, String>,
    pub sectors: Sectors,
    pub patterns: usize,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.entries.len())
            .field("patterns", &self.patterns)
            .finish()
    }
}

/// A unit of normalised text: a byte range in the source and its place in the key.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    /// Byte range of the lower-cased unit inside the key string.
    pub k0: usize,
    pub k1: usize,
    /// A sentence boundary marker (never matched).
    pub barrier: bool,
    /// The unit follows a hyphen inside the same word ("ISIS" in "anti-ISIS").
    pub after_hyphen: bool,
}

/// Normalised text: units and the key string the automaton runs on.
#[derive(Debug, Default)]
pub struct Units {
    pub units: Vec<Unit>,
    pub key: String,
}

impl Units {
    /// Lower-cased text of unit `i`.
    pub fn lower(&self, i: usize) -> &str {
        self.units.get(i).map_or("", |u| &self.key[u.k0..u.k1])
    }

    fn push(&mut self, text: &str, start: usize, end: usize, after_hyphen: bool) {
        let piece = &text[start..end];
        if piece.is_empty() {
            return;
        }
        self.key.push(' ');
        let k0 = self.key.len();
        for c in piece.chars() {
            match c {
                '’' | '‘' | '`' => self.key.push('\''),
                '‐' | '‑' => self.key.push('-'),
                c if c.is_ascii() => self.key.push(c.to_ascii_lowercase()),
                c => self.key.extend(c.to_lowercase()),
            }
        }
        let k1 = self.key.len();
        self.key.push(' ');
        self.units.push(Unit {
            start,
            end,
            k0,
            k1,
            barrier: false,
            after_hyphen,
        });
    }

    fn barrier(&mut self, at: usize) {
        self.key.push_str(" \u{1} ");
        let k = self.key.len() - 2;
        self.units.push(Unit {
            start: at,
            end: at,
            k0: k,
            k1: k + 1,
            barrier: true,
            after_hyphen: false,
        });
    }

    /// Cut tokens into units. Hashtags lose their `#`; hyphenated words are
    /// split at the hyphen, which is dropped ("ISIS-held" → "isis" "held",
    /// so "al-Nusra" and "al Nusra" match alike); a barrier unit separates
    /// sentences.
    pub fn build(text: &str, tokens: &[Token]) -> Units {
        let mut u = Units {
            units: Vec::with_capacity(tokens.len() + 8),
            key: String::with_capacity(text.len() + tokens.len() * 2 + 16),
        };
        let mut sentence = tokens.first().map_or(0, |t| t.sentence);
        for t in tokens {
            if t.sentence != sentence {
                sentence = t.sentence;
                u.barrier(t.start);
            }
            let (mut s, e) = (t.start, t.end);
            if matches!(t.kind, TokenKind::Hashtag) {
                s += 1;
            }
            if matches!(t.kind, TokenKind::Handle | TokenKind::Url) {
                u.push(text, s, e, false);
                continue;
            }
            let word = &text[s..e];
            if t.kind == TokenKind::Word && word.len() > 2 && word.contains(['-', '‐', '‑']) {
                let mut seg = s;
                for (i, c) in word.char_indices() {
                    if matches!(c, '-' | '‐' | '‑') {
                        u.push(text, seg, s + i, seg > s);
                        seg = s + i + c.len_utf8();
                    }
                }
                u.push(text, seg, e, seg > s);
            } else {
                u.push(text, s, e, false);
            }
        }
        u
    }

    /// Normalise a dictionary phrase into the key the automaton stores.
    pub fn pattern_key(phrase: &str) -> (String, usize) {
        let toks = tokenize(phrase);
        let u = Units::build(phrase, &toks);
        (u.key, u.units.len())
    }
}

/// Lower-case words that may stay lower-case inside a proper name.
pub fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "of"
            | "and"
            | "for"
            | "al"
            | "el"
            | "ad"
            | "as"
            | "ash"
            | "an"
            | "ar"
            | "at"
            | "az"
            | "bin"
            | "ibn"
            | "abu"
            | "de"
            | "la"
            | "le"
            | "du"
            | "wa"
            | "wal"
            | "fi"
            | "in"
            | "on"
            | "da"
            | "di"
            | "'s"
            | "'"
            | "."
            | "("
            | ")"
            | "&"
    )
}

/// One parsed row of `curated.tsv`.
struct CuratedRow {
    id: String,
    kind: String,
    patterns: Vec<String>,
    code: String,
    name: String,
    country: String,
    sector: String,
    inter: String,
    valid: String,
}

fn parse_curated(text: &str) -> Result<Vec<CuratedRow>, Error> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 9 {
            return Err(Error::Data {
                file: "curated.tsv".into(),
                line: n + 1,
                msg: format!("expected 9 tab-separated fields, got {}", f.len()),
            });
        }
        rows.push(CuratedRow {
            id: f[0].to_string(),
            kind: f[1].to_string(),
            patterns: f[2]
                .split('|')
                .map(|p| p.trim().to_lowercase())
                .filter(|p| !p.is_empty())
                .collect(),
            code: f[3].to_string(),
            name: f[4].to_string(),
            country: f[5].to_string(),
            sector: f[6].to_string(),
            inter: f[7].to_string(),
            valid: f[8].to_string(),
        });
    }
    Ok(rows)
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty() && s != "-").then_some(s)
}

/// Case rule for a proper-name pattern: short single words must be acronyms.
fn proper_case(nunits: usize, phrase: &str) -> Case {
    let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
    if nunits == 1 && letters <= 3 {
        Case::Acronym
    } else {
        Case::Proper
    }
}

impl Lexicon {
    /// Build the lexicon from the converted Phoenix table, the curated
    /// lexicon and the sector table (all as text).
    pub fn build(phoenix: &str, curated: &str, sectors: &str) -> Result<Lexicon, Error> {
        let sectors = Sectors::parse(sectors)?;
        let conv = parse_converted(phoenix)?;
        let mut entries: Vec<Entry> = Vec::new();
        // key -> entry index; the first definition of a key wins.
        let mut keys: HashMap<String, u32> =
            HashMap::with_capacity(conv.actors.len() + conv.agents.len() + 512);
        let add =
            |keys: &mut HashMap<String, u32>, entries: &mut Vec<Entry>, phrase: &str, e: Entry| {
                let (key, nunits) = Units::pattern_key(phrase);
                if nunits == 0 || keys.contains_key(&key) {
                    return;
                }
                let mut e = e;
                if e.case == Case::Proper {
                    e.case = proper_case(nunits, phrase);
                }
                keys.insert(key, entries.len() as u32);
                entries.push(e);
            };

        // 1. Curated rows come first: they override the dictionaries.
        for row in parse_curated(curated)? {
            let bad = |msg: String| Error::Data {
                file: "curated.tsv".into(),
                line: 0,
                msg: format!("{}: {msg}", row.id),
            };
            let kind = match row.kind.as_str() {
                "name" => Kind::Named,
                "agent" | "regime" => Kind::Agent,
                "country" => Kind::Country,
                "stop" => Kind::Stop,
                k => return Err(bad(format!("unknown kind {k:?}"))),
            };
            let mut code = DatedCode::undated(&row.code);
            if let Some(v) = opt(&row.valid) {
                code = DatedCode::from_petrarch(&row.code, v)
                    .ok_or_else(|| bad(format!("bad validity {v:?}")))?;
            }
            let inter = match opt(&row.inter) {
                Some(v) => Some(
                    v.parse::<u8>()
                        .map_err(|_| bad(format!("bad inter {v:?}")))?,
                ),
                None => None,
            };
            let entry = Entry {
                kind,
                codes: if kind == Kind::Stop {
                    Vec::new()
                } else {
                    vec![code]
                },
                prefix: false,
                dominant: row.kind == "regime",
                case: if kind == Kind::Named || kind == Kind::Country {
                    Case::Proper
                } else {
                    Case::Any
                },
                name: opt(&row.name).map(str::to_string),
                country: match row.country.as_str() {
                    "" => None,
                    "-" => Some(None),
                    c => Some(Some(c.to_string())),
                },
                sector: opt(&row.sector).map(str::to_string),
                inter,
                rule: format!("curated:{}", row.id),
            };
            for p in &row.patterns {
                add(&mut keys, &mut entries, p, entry.clone());
            }
        }

        // 2. Phoenix actors: bare three-letter codes are countries.
        for (pattern, codes, rule) in conv.actors {
            let is_country = codes.len() == 1
                && !codes[0].is_dated()
                && codes[0].code.len() == 3
                && conv.countries.contains_key(&codes[0].code);
            let name = rule.split_once(':').map(|(_, id)| display_name(id));
            add(
                &mut keys,
                &mut entries,
                &pattern,
                Entry {
                    kind: if is_country {
                        Kind::Country
                    } else {
                        Kind::Named
                    },
                    codes,
                    prefix: false,
                    dominant: false,
                    case: Case::Proper,
                    name,
                    country: None,
                    sector: None,
                    inter: None,
                    rule: format!("phoenix:{rule}"),
                },
            );
        }

        // 3. Phoenix agents.
        for (pattern, code, rule) in conv.agents {
            let prefix = code.ends_with('~');
            let bare = code.trim_matches('~');
            add(
                &mut keys,
                &mut entries,
                &pattern,
                Entry {
                    kind: Kind::Agent,
                    codes: vec![DatedCode::undated(bare)],
                    prefix,
                    dominant: false,
                    case: Case::Any,
                    name: None,
                    country: None,
                    sector: None,
                    inter: None,
                    rule: format!("phoenix:agents:{rule}"),
                },
            );
        }

        let patterns = keys.len();
        let mut patvals: Vec<(String, u32)> = keys.into_iter().collect();
        patvals.sort_unstable();
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(patvals)
            .map_err(|e| Error::Load(format!("building the actor automaton: {e}")))?;
        Ok(Lexicon {
            entries,
            automaton,
            countries: conv.countries,
            sectors,
            patterns,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_hyphens_and_hashtags_and_mark_sentences() {
        let text = "ISIS-held al-Bab. #Assad regime’s jets";
        let doc = sitrep_core::Doc::new("t", text);
        let u = Units::build(text, &doc.tokens);
        let lowers: Vec<&str> = (0..u.units.len()).map(|i| u.lower(i)).collect();
        assert_eq!(
            lowers,
            vec!["isis", "held", "al", "bab", ".", "\u{1}", "assad", "regime", "'s", "jets"]
        );
        assert_eq!(&text[u.units[6].start..u.units[6].end], "Assad");
        assert!(u.units[1].after_hyphen && !u.units[0].after_hyphen);
        assert_eq!(Units::pattern_key("al-nusra front").0, " al  nusra  front ");
    }
}
