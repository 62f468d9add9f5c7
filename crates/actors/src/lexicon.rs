//! The actor lexicon: every pattern sitrep knows (converted Phoenix actors and
//! agents plus `data/actors/curated.tsv`), compiled into one leftmost-longest
//! trie over normalised token text ([`crate::trie::UnitTrie`]).
//!
//!
//! Owns loading and normalisation: text and patterns are cut into the same
//! *units* (tokens, with hyphenated words split at the hyphen and `#`
//! stripped from hashtags) and written as ` unit  unit ` so that every match
//! starts and ends on a unit boundary by construction. Deciding which match
//! becomes which actor is left to [`crate::tagger`].

use std::collections::HashMap;

use sitrep_core::tokenize::tokenize;
use sitrep_core::{Token, TokenKind};

use crate::codes::{resolve_dated, DatedCode, Sectors, Ymd};
use crate::import::{display_name, CONVERTED_FILE};
use crate::trie::UnitTrie;
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
    /// A word that may sit inside a country + agent phrase ("Romania's *new* government").
    Modifier,
    /// A person's surname alone, unique in the dictionaries: an actor only
    /// after a title ("President Mugabe").
    Surname,
    /// A verb that makes a preceding city name speak for its government
    /// ("Moscow *denied*", "Damascus *said*"); never an actor.
    Cue,
}

/// How the matched text must be capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Any case (common nouns).
    Any,
    /// The first content word must carry a capital (curated names written
    /// in lower case: "shamiyeh front").
    Proper,
    /// Every content word must carry a capital (dictionary names:
    /// "Islamic State of Iraq", not "an Islamic state of mind").
    Strict,
    /// The units whose bit is set must carry a capital: a curated pattern
    /// written with capitals ("Islamic State", "U.S.-led coalition").
    Mask(u64),
    /// Every letter upper-case (short acronyms: "US", "UN", "YPG").
    Acronym,
}

/// A string stored in the lexicon's arena, as a byte range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Str(u32, u32);

/// One lexicon entry. Strings live in the lexicon's arena (see
/// [`Lexicon::str`]) so that loading allocates little.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// Agent written `IGO~`: its code is a prefix, not a sector.
    pub prefix: bool,
    /// Agent that, used bare, stands for the document's dominant country ("the regime").
    pub dominant: bool,
    pub case: Case,
    /// Country: `SYR`; Named: compact dated list (`SYRGOV@20000717-,SYRELI`);
    /// Agent: the sector part (`MIL`).
    pub codes: Str,
    /// Rule id, e.g. `phoenix:countries:SYRIA` or `curated:ISIS`.
    pub rule: Str,
    /// Display name (curated entries; Phoenix names derive from the rule id).
    pub name: Option<String>,
    /// `Some(None)` forces "no country".
    pub country: Option<Option<String>>,
    pub sector: Option<String>,
    pub inter: Option<u8>,
}

/// The compiled lexicon.
pub struct Lexicon {
    /// Arena holding every entry string.
    arena: String,
    pub entries: Vec<Entry>,
    pub trie: UnitTrie,
    pub countries: HashMap<String, String>,
    pub sectors: Sectors,
    /// Lower-cased capital city names.
    pub capitals: std::collections::HashSet<String>,
    /// Federation codes (data/actors/federations.tsv) whose dated codes
    /// prefix a member state: `SCG` in `SCGSRB`.
    pub federations: std::collections::HashSet<String>,
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

/// Normalised text: units and their lower-cased forms (in `key`).
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

    /// Normalise a dictionary phrase: ` unit  unit ` and the number of units.
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
    line: usize,
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
            line: n + 1,
            id: f[0].to_string(),
            kind: f[1].to_string(),
            patterns: f[2]
                .split('|')
                .map(|p| p.trim().to_string())
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
        Case::Strict
    }
}

/// Case rule of a curated name from how it is written: capitals in the
/// pattern must be capitals in the text; an all-lower-case pattern needs a
/// capital on its first content word.
fn curated_case(nunits: usize, phrase: &str) -> Case {
    let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
    if nunits == 1 && letters <= 3 {
        return Case::Acronym;
    }
    let units = Units::build(phrase, &tokenize(phrase));
    let mut mask = 0u64;
    for (i, u) in units.units.iter().enumerate().take(64) {
        if phrase[u.start..u.end].chars().any(char::is_uppercase) {
            mask |= 1 << i;
        }
    }
    if mask == 0 {
        Case::Proper
    } else {
        Case::Mask(mask)
    }
}

/// Append `s` to the arena and return its range.
fn intern(arena: &mut String, s: &str) -> Str {
    let a = arena.len() as u32;
    arena.push_str(s);
    Str(a, arena.len() as u32)
}

/// Range of `part` (a sub-slice of `whole`) inside `whole`.
fn range_in(whole: &str, part: &str) -> Str {
    let a = part.as_ptr() as usize - whole.as_ptr() as usize;
    Str(a as u32, (a + part.len()) as u32)
}

impl Lexicon {
    /// Build the lexicon from the converted Phoenix table, the curated
    /// lexicon and the sector table (all as text).
    pub fn build(phoenix: &str, curated: &str, sectors: &str) -> Result<Lexicon, Error> {
        let sectors = Sectors::parse(sectors)?;
        let mut arena = String::with_capacity(phoenix.len() + curated.len());
        arena.push_str(phoenix);
        let mut entries: Vec<Entry> = Vec::with_capacity(48_000);
        // About one unit per 28 bytes of the table; the trie grows if needed.
        let mut trie = UnitTrie::with_capacity(phoenix.len() / 28 + 4096);
        let mut countries: HashMap<String, String> = HashMap::new();

        // 1. Curated rows come first and win over the dictionaries.
        for row in parse_curated(curated)? {
            let bad = |msg: String| Error::Data {
                file: "curated.tsv".into(),
                line: row.line,
                msg: format!("{}: {msg}", row.id),
            };
            let kind = match row.kind.as_str() {
                "name" | "term" => Kind::Named,
                "agent" | "regime" => Kind::Agent,
                "country" => Kind::Country,
                "stop" => Kind::Stop,
                "modifier" => Kind::Modifier,
                "cue" => Kind::Cue,
                k => return Err(bad(format!("unknown kind {k:?}"))),
            };
            // The code is one code (with `valid` as its window) or a list of
            // dated codes in the compact form: `SDNMIL@-20230414,SDNREB@20230415-`.
            let compact = if row.code.contains(['@', ',']) {
                if row
                    .code
                    .split(',')
                    .any(|c| DatedCode::from_compact(c).is_none())
                {
                    return Err(bad(format!("bad code list {:?}", row.code)));
                }
                row.code.clone()
            } else {
                match opt(&row.valid) {
                    Some(v) => DatedCode::from_petrarch(&row.code, v)
                        .ok_or_else(|| bad(format!("bad validity {v:?}")))?,
                    None => DatedCode::undated(&row.code),
                }
                .to_compact()
            };
            let inter = match opt(&row.inter) {
                Some(v) => Some(
                    v.parse::<u8>()
                        .map_err(|_| bad(format!("bad inter {v:?}")))?,
                ),
                None => None,
            };
            let codes = intern(&mut arena, &compact);
            let rule = intern(&mut arena, &format!("curated:{}", row.id));
            for p in &row.patterns {
                let (key, nunits) = Units::pattern_key(p);
                if nunits == 0 || !trie.insert(key.split_whitespace(), entries.len() as u32) {
                    continue;
                }
                let case = match kind {
                    _ if row.kind == "term" => Case::Any,
                    Kind::Named | Kind::Country => curated_case(nunits, p),
                    _ => Case::Any,
                };
                entries.push(Entry {
                    kind,
                    prefix: false,
                    dominant: row.kind == "regime",
                    case,
                    codes,
                    rule,
                    name: opt(&row.name).map(str::to_string),
                    country: match row.country.as_str() {
                        "" => None,
                        "-" => Some(None),
                        c => Some(Some(c.to_string())),
                    },
                    sector: opt(&row.sector).map(str::to_string),
                    inter,
                });
            }
        }

        // 2. The converted Phoenix table: keys are already normalised and unique.
        for (n, line) in phoenix.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(tag), Some(a), Some(b)) = (f.next(), f.next(), f.next()) else {
                return Err(Error::Data {
                    file: CONVERTED_FILE.into(),
                    line: n + 1,
                    msg: "too few fields".into(),
                });
            };
            if tag == "C" {
                countries.insert(a.to_string(), b.to_string());
                continue;
            }
            let Some(rule) = f.next() else {
                return Err(Error::Data {
                    file: CONVERTED_FILE.into(),
                    line: n + 1,
                    msg: "missing rule".into(),
                });
            };
            let nunits = a.split(' ').count();
            let (kind, case, prefix, codes) = match tag {
                "A" => {
                    let bare = b.len() == 3 && b.bytes().all(|c| c.is_ascii_uppercase());
                    let kind = if bare { Kind::Country } else { Kind::Named };
                    (kind, proper_case(nunits, a), false, range_in(phoenix, b))
                }
                "S" => (
                    Kind::Surname,
                    proper_case(nunits, a),
                    false,
                    range_in(phoenix, b),
                ),
                "G" => {
                    let prefix = b.ends_with('~');
                    (
                        Kind::Agent,
                        Case::Any,
                        prefix,
                        range_in(phoenix, b.trim_matches('~')),
                    )
                }
                _ => {
                    return Err(Error::Data {
                        file: CONVERTED_FILE.into(),
                        line: n + 1,
                        msg: format!("unknown record {tag:?}"),
                    })
                }
            };
            if !trie.insert(a.split(' '), entries.len() as u32) {
                continue;
            }
            entries.push(Entry {
                kind,
                prefix,
                dominant: false,
                case,
                codes,
                rule: range_in(phoenix, rule),
                name: None,
                country: None,
                sector: None,
                inter: None,
            });
        }

        let patterns = trie.len();
        let capitals = crate::CAPITALS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|c| !c.is_empty())
            .map(str::to_lowercase)
            .collect();
        let federations = crate::FEDERATIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|c| c.len() == 3)
            .map(str::to_string)
            .collect();
        for (from, to) in crate::country_aliases() {
            if let Some(name) = countries.get(from).cloned() {
                countries.entry(to.clone()).or_insert(name);
            }
        }
        Ok(Lexicon {
            arena,
            entries,
            trie,
            countries,
            sectors,
            capitals,
            federations,
            patterns,
        })
    }

    /// A string of the arena.
    pub fn str(&self, s: Str) -> &str {
        self.arena.get(s.0 as usize..s.1 as usize).unwrap_or("")
    }

    /// Rule id of an entry: `phoenix:countries:SYRIA`, `curated:ISIS`.
    pub fn rule(&self, e: &Entry) -> String {
        let r = self.str(e.rule);
        if r.starts_with("curated:") {
            r.to_string()
        } else {
            format!("phoenix:{r}")
        }
    }

    /// Display name of a named entry.
    pub fn name(&self, e: &Entry) -> Option<String> {
        if let Some(n) = &e.name {
            return Some(n.clone());
        }
        let r = self.str(e.rule);
        r.split_once(':').map(|(_, id)| display_name(id))
    }

    /// The code of `e` that applies on `date` (see [`crate::codes::resolve_dated`]).
    pub fn resolve(&self, e: &Entry, date: Option<Ymd>) -> Option<String> {
        let raw = self.str(e.codes);
        if !raw.contains('@') {
            // One undated code (the common case): no parsing needed.
            return raw
                .split(',')
                .next()
                .filter(|c| !c.is_empty())
                .map(|c| self.member_state(c));
        }
        let codes: Vec<DatedCode> = raw.split(',').filter_map(DatedCode::from_compact).collect();
        resolve_dated(&codes, date).map(|c| self.member_state(&c.code))
    }

    /// A federation code followed by a member country ("SCGSRB", Serbia in
    /// Serbia and Montenegro; "USRUKR") names the member state: "SRB",
    /// "UKR". Any other code is returned as it is ("SUNGOV" keeps its
    /// federation: GOV is a sector, not a country).
    ///
    /// A non-ISO country code of the dictionaries is then written as its ISO
    /// code (data/actors/code_aliases.tsv): "TMP" → "TLS", "ANGREB" → "AGOREB".
    pub fn member_state(&self, code: &str) -> String {
        let code = match (code.get(..3), code.get(3..6)) {
            (Some(f), Some(m))
                if self.federations.contains(f) && self.countries.contains_key(m) =>
            {
                &code[3..]
            }
            _ => code,
        };
        crate::iso_code(code)
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
