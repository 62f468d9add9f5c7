//! The events stage's knowledge, loaded from `data/events/`.
//!
//! Owns parsing of the four data files (triggers, quantities, cues, discards)
//! and the precompiled trigger matcher; it also loads the CAMEO verb
//! dictionary (`cameo_verbs`) and adds one table row per CAMEO code it can
//! produce (`cameo_<code>`, typed by `cameo_entry`). It decides nothing about arguments,
//! casualties or factuality: those modules only read what is loaded here.

use std::collections::{HashMap, HashSet};

use crate::Error;

/// How a trigger's arguments and ACLED type are decided (column `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Remote,
    Violence,
    OneSided,
    Clash,
    Territory,
    Kill,
    Injure,
    Abduct,
    Arrest,
    Fixed,
    Sym,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "remote" => Role::Remote,
            "violence" => Role::Violence,
            "onesided" => Role::OneSided,
            "clash" => Role::Clash,
            "territory" => Role::Territory,
            "kill" => Role::Kill,
            "injure" => Role::Injure,
            "abduct" => Role::Abduct,
            "arrest" => Role::Arrest,
            "fixed" => Role::Fixed,
            "sym" => Role::Sym,
            _ => return None,
        })
    }

    /// Violent roles: casualty triggers attach to events of these roles.
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            Role::Remote
                | Role::Violence
                | Role::OneSided
                | Role::Clash
                | Role::Territory
                | Role::Abduct
        )
    }

    /// Roles whose two sides are symmetric ("X and Y clashed").
    pub fn is_symmetric(self) -> bool {
        matches!(self, Role::Clash | Role::Sym)
    }
}

/// One row of `triggers.tsv`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub verb: bool,
    pub role: Role,
    pub cameo: String,
    pub plover: String,
    pub mode: Option<String>,
    pub acled_type: String,
    pub acled_sub: String,
}

/// Which inflection of the lemma matched: decides passives and participles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    S,
    Ed,
    Ing,
    Noun,
}

#[derive(Debug, Clone)]
struct Pattern {
    rest: Vec<String>,
    entry: usize,
    form: Form,
}

/// A trigger found in a sentence: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
pub struct TriggerMatch {
    pub first: usize,
    pub last: usize,
    pub entry: usize,
    pub form: Form,
}

/// A quantity word from `quantities.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantKind {
    Num,
    Mult,
    Vague,
    /// Not a count: a word that says how many victims an article has at
    /// least ("a double shooting", "both victims", "a second victim"); read
    /// by `casualties::article_victims` only.
    Victims,
}

#[derive(Debug, Clone, Copy)]
pub struct Quant {
    pub value: u32,
    pub kind: QuantKind,
}

/// Discard patterns from `discards.tsv`.
#[derive(Debug, Default)]
pub struct Discards {
    pub sentence: Vec<(String, Vec<String>)>,
    pub phrase: Vec<(String, Vec<String>)>,
    pub after: HashMap<String, String>,
    pub before: HashMap<String, String>,
    pub subject: HashMap<String, String>,
    /// Accident and disaster phrases ("a bus crashed", "drowned"): a sentence
    /// holding one reports no attack unless it also holds an armed actor or
    /// an `attack_evidence` cue (cues.tsv).
    pub accident: Vec<(String, Vec<String>)>,
}

/// Everything the coder knows.
#[derive(Debug)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    by_first: HashMap<String, Vec<Pattern>>,
    /// Single- and multi-word quantity phrases (multiword keys joined by spaces).
    pub quants: HashMap<String, Quant>,
    pub quant_phrases: Vec<Vec<String>>,
    cues: HashMap<String, Vec<Vec<String>>>,
    cue_words: HashMap<String, HashSet<String>>,
    /// The `weapon.<kind>` classes: kind and phrases (longest first), sorted
    /// by kind, so [`Lexicon::weapon_at`] need not scan every class.
    weapons: Vec<(String, Vec<Vec<String>>)>,
    pub discards: Discards,
    /// The PETRARCH2 CAMEO verb dictionary (`data/events/cameo_verbs.tsv`).
    pub cameo: crate::cameo_verbs::CameoVerbs,
    /// Entry (index into `entries`) typing each CAMEO code of that dictionary.
    pub cameo_entries: HashMap<String, usize>,
    /// The first entry whose id a `<name>_entry` cue class lists, by class
    /// (resolved once here, not by a scan of `entries` at each use).
    entry_of_class: HashMap<String, usize>,
}

pub const TRIGGERS: &str = include_str!("../../../data/events/triggers.tsv");
pub const QUANTITIES: &str = include_str!("../../../data/events/quantities.tsv");
pub const CUES: &str = include_str!("../../../data/events/cues.tsv");
pub const DISCARDS: &str = include_str!("../../../data/events/discards.tsv");

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').collect()))
        }
    })
}

fn toks(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular verb inflections of `w` (over-generation is harmless: a non-word never matches).
fn verb_forms(w: &str) -> Vec<(String, Form)> {
    let b = w.as_bytes();
    let mut out = vec![(w.to_string(), Form::Base)];
    let last = b.last().copied().unwrap_or(b'x');
    let prev = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    if w.ends_with('s')
        || w.ends_with("sh")
        || w.ends_with("ch")
        || w.ends_with('x')
        || w.ends_with('z')
    {
        out.push((format!("{w}es"), Form::S));
    } else if last == b'y' && !is_vowel(prev) {
        out.push((format!("{}ies", &w[..w.len() - 1]), Form::S));
    } else {
        out.push((format!("{w}s"), Form::S));
    }
    if last == b'e' {
        out.push((format!("{w}d"), Form::Ed));
        if !w.ends_with("ee") {
            out.push((format!("{}ing", &w[..w.len() - 1]), Form::Ing));
        } else {
            out.push((format!("{w}ing"), Form::Ing));
        }
    } else if last == b'y' && !is_vowel(prev) {
        out.push((format!("{}ied", &w[..w.len() - 1]), Form::Ed));
        out.push((format!("{w}ing"), Form::Ing));
    } else {
        out.push((format!("{w}ed"), Form::Ed));
        out.push((format!("{w}ing"), Form::Ing));
        // kidnap -> kidnapped: double a final consonant after a single vowel.
        if !is_vowel(last) && is_vowel(prev) && !matches!(last, b'w' | b'x' | b'y') {
            out.push((format!("{w}{}ed", last as char), Form::Ed));
            out.push((format!("{w}{}ing", last as char), Form::Ing));
        }
    }
    out
}

/// Cheap suffix test for nominalisations listed among verb forms.
fn is_nominalisation(w: &str) -> bool {
    [
        "tion", "sion", "ment", "ism", "ship", "val", "wal", "sal", "ial",
    ]
    .iter()
    .any(|s| w.ends_with(s))
        || (w.len() > 7 && (w.ends_with("ance") || w.ends_with("ence")))
}

fn noun_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let prev = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let plural = if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') {
        format!("{w}es")
    } else if last == b'y' && !is_vowel(prev) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    };
    vec![w.to_string(), plural]
}

/// Most words a `*` gap of a trigger form spans ("hacked 18 villagers to death").
const GAP_MAX: usize = 6;

/// Whether the rest of a trigger form matches after `words[i]`, and how many
/// of its tokens belong to the trigger. A form's tail after `+` or `*` is
/// context the trigger needs but does not include: `+` right after it
/// ("pick up + by police": the agent stays an argument), `*` after a gap of
/// one to `GAP_MAX` words, none of them punctuation ("hack * to death": the
/// victims stay the object). `opens_phrase` tells a word that starts another
/// phrase (the cue class `gap_phrase_opener`).
fn rest_match(
    rest: &[String],
    words: &[&str],
    i: usize,
    opens_phrase: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let cut = rest.iter().position(|t| t == "+" || t == "*");
    let own = &rest[..cut.unwrap_or(rest.len())];
    let at = |from: usize, toks: &[String]| {
        from + toks.len() <= words.len() && toks.iter().zip(&words[from..]).all(|(a, b)| a == b)
    };
    if !at(i + 1, own) {
        return None;
    }
    let Some(c) = cut else {
        return Some(own.len());
    };
    let tail = &rest[c + 1..];
    let next = i + 1 + own.len();
    if rest[c] == "+" {
        return at(next, tail).then_some(own.len());
    }
    // A gap before a noun tail is one phrase: no punctuation, and no
    // preposition or "to" that would start another ("burn firewood to heat
    // their homes", "burned tyres outside the homes of ministers"); "of"
    // stays ("dozens of homes"). A "to" tail takes any phrase before it
    // ("drove their tractors into the capital to protest").
    let to_tail = tail.first().is_some_and(|t| t == "to");
    (1..=GAP_MAX)
        .take_while(|g| {
            words.get(next + g - 1).is_some_and(|w| {
                w.chars().any(char::is_alphanumeric) && (to_tail || !opens_phrase(w))
            })
        })
        .any(|g| at(next + g, tail))
        .then_some(own.len())
}

/// The table row of a CAMEO code from the verb dictionary: PLOVER from
/// CAMEO2PLOVER-2021 (public statements, 01x, have no PLOVER event and are
/// written `STATEMENT`), ACLED only where ACLED codes the act (protests,
/// riots, arrests: Strategic developments). Violent roots (18–20) are left
/// to the curated table: `None`.
fn cameo_entry(cv: &crate::cameo_verbs::CameoVerbs, code: &str) -> Option<Entry> {
    let root: u32 = code.get(..2)?.parse().ok()?;
    if !(1..=17).contains(&root) {
        return None;
    }
    let (plover, mode) = cv
        .plover(code)
        .unwrap_or_else(|| ("STATEMENT".to_string(), None));
    let (acled_type, acled_sub) = match code {
        c if c.starts_with("145") => ("Riots", "Violent demonstration"),
        c if c.starts_with("14") => ("Protests", "Peaceful protest"),
        c if c.starts_with("173") => ("Strategic developments", "Arrests"),
        _ => ("", ""),
    };
    // Cooperation (03-06) is symmetric: "Brazil and the United States are
    // seeking to deepen a partnership" codes each side with the other.
    let role = if (3..=6).contains(&root) {
        Role::Sym
    } else {
        Role::Fixed
    };
    Some(Entry {
        id: format!("cameo_{code}"),
        verb: true,
        role,
        cameo: code.to_string(),
        plover,
        mode,
        acled_type: acled_type.into(),
        acled_sub: acled_sub.into(),
    })
}

impl Lexicon {
    /// Parse the four data files.
    pub fn parse(
        triggers: &str,
        quantities: &str,
        cues: &str,
        discard_text: &str,
    ) -> Result<Lexicon, Error> {
        let mut entries = Vec::new();
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::new();
        for (line, cols) in rows(triggers) {
            if cols.len() < 9 {
                return Err(Error::Data {
                    file: "triggers.tsv",
                    line,
                    msg: format!("expected 9 columns, found {}", cols.len()),
                });
            }
            let role = Role::parse(cols[3]).ok_or_else(|| Error::Data {
                file: "triggers.tsv",
                line,
                msg: format!("unknown role {:?}", cols[3]),
            })?;
            let verb = match cols[2] {
                "v" => true,
                "n" => false,
                other => {
                    return Err(Error::Data {
                        file: "triggers.tsv",
                        line,
                        msg: format!("pos must be v or n, found {other:?}"),
                    })
                }
            };
            let dash = |s: &str| {
                if s == "-" {
                    String::new()
                } else {
                    s.to_string()
                }
            };
            let idx = entries.len();
            entries.push(Entry {
                id: cols[0].to_string(),
                verb,
                role,
                cameo: cols[4].to_string(),
                plover: cols[5].to_string(),
                mode: if cols[6] == "-" || cols[6].is_empty() {
                    None
                } else {
                    Some(cols[6].to_string())
                },
                acled_type: dash(cols[7]),
                acled_sub: dash(cols[8]),
            });
            for form in cols[1].split('|') {
                let form = form.trim().to_lowercase();
                if form.is_empty() {
                    continue;
                }
                let mut variants: Vec<(Vec<String>, Form)> = Vec::new();
                if let Some(lit) = form.strip_prefix('=') {
                    let f = if lit.ends_with("ing") {
                        Form::Ing
                    } else if lit.ends_with("ed") {
                        Form::Ed
                    } else if verb {
                        Form::Base
                    } else {
                        Form::Noun
                    };
                    variants.push((toks(lit), f));
                } else {
                    let t = toks(&form);
                    let irregular = [
                        "shot", "fought", "slain", "overran", "beaten", "met", "blew", "blown",
                        "fell", "fallen", "took", "taken", "hung", "held", "gave", "freed",
                        "retook", "retaken",
                    ];
                    if verb && irregular.contains(&t[0].as_str()) {
                        // Irregular past forms listed as forms ("shot", "fought", "met").
                        variants.push((t.clone(), Form::Ed));
                    } else if verb && t.len() == 1 && is_nominalisation(&t[0]) {
                        // "coordination", "withdrawal", "agreement": nouns listed with their verb.
                        for n in noun_forms(&t[0]) {
                            variants.push((vec![n], Form::Noun));
                        }
                    } else if verb {
                        // Inflect the first word of a multiword verb ("open fire" -> "opened fire"),
                        // or the last after an adverb ("sexually abuse" -> "sexually abused").
                        let at = if t.len() > 1 && t[0].ends_with("ly") {
                            t.len() - 1
                        } else {
                            0
                        };
                        for (v, f) in verb_forms(&t[at]) {
                            let mut tt = t.clone();
                            tt[at] = v;
                            variants.push((tt, f));
                        }
                        // Gerunds and nominalisations listed as verbs are nouns too.
                        if t.len() == 1 && !t[0].ends_with("ing") {
                            for n in noun_forms(&t[0]).into_iter().skip(1) {
                                variants.push((vec![n], Form::Noun));
                            }
                        }
                    } else {
                        let last = t.len() - 1;
                        for n in noun_forms(&t[last]) {
                            let mut tt = t.clone();
                            tt[last] = n;
                            variants.push((tt, Form::Noun));
                        }
                    }
                }
                for (tt, f) in variants {
                    let Some((first, rest)) = tt.split_first() else {
                        continue;
                    };
                    let list = by_first.entry(first.clone()).or_default();
                    if !list.iter().any(|p| p.rest == rest && p.entry == idx) {
                        list.push(Pattern {
                            rest: rest.to_vec(),
                            entry: idx,
                            form: f,
                        });
                    }
                }
            }
        }
        // Longest pattern first; on equal length, the earlier table row wins.
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()).then(a.entry.cmp(&b.entry)));
        }

        let mut quants = HashMap::new();
        let mut quant_phrases = Vec::new();
        for (line, cols) in rows(quantities) {
            if cols.len() < 5 {
                return Err(Error::Data {
                    file: "quantities.tsv",
                    line,
                    msg: "expected 5 columns".into(),
                });
            }
            let value: u32 = cols[2].parse().map_err(|_| Error::Data {
                file: "quantities.tsv",
                line,
                msg: format!("bad number {:?}", cols[2]),
            })?;
            let kind = match cols[4] {
                "num" => QuantKind::Num,
                "mult" => QuantKind::Mult,
                "vague" => QuantKind::Vague,
                "victims" => QuantKind::Victims,
                k => {
                    return Err(Error::Data {
                        file: "quantities.tsv",
                        line,
                        msg: format!("unknown kind {k:?}"),
                    })
                }
            };
            let key = cols[0].trim().to_lowercase();
            if key.contains(' ') {
                quant_phrases.push(toks(&key));
            }
            quants.insert(key, Quant { value, kind });
        }
        quant_phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));

        let mut cue_map: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for (line, cols) in rows(cues) {
            if cols.len() < 2 {
                return Err(Error::Data {
                    file: "cues.tsv",
                    line,
                    msg: "expected class<TAB>phrase".into(),
                });
            }
            cue_map
                .entry(cols[0].to_string())
                .or_default()
                .push(toks(&cols[1].to_lowercase()));
        }
        for list in cue_map.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        let mut weapons: Vec<(String, Vec<Vec<String>>)> = cue_map
            .iter()
            .filter_map(|(class, v)| Some((class.strip_prefix("weapon.")?.to_string(), v.clone())))
            .collect();
        weapons.sort_by(|a, b| a.0.cmp(&b.0));
        let cue_words: HashMap<String, HashSet<String>> = cue_map
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.iter()
                        .filter(|p| p.len() == 1)
                        .map(|p| p[0].clone())
                        .collect(),
                )
            })
            .collect();

        let mut discards = Discards::default();
        for (line, cols) in rows(discard_text) {
            if cols.len() < 3 {
                return Err(Error::Data {
                    file: "discards.tsv",
                    line,
                    msg: "expected kind<TAB>scope<TAB>pattern".into(),
                });
            }
            let kind = cols[0].to_string();
            let pat = cols[2].to_lowercase();
            match cols[1] {
                "sentence" => discards.sentence.push((kind, toks(&pat))),
                "phrase" => discards.phrase.push((kind, toks(&pat))),
                "accident" => discards.accident.push((kind, toks(&pat))),
                "after" => {
                    discards.after.insert(pat, kind);
                }
                "before" => {
                    discards.before.insert(pat, kind);
                }
                "subject" => {
                    discards.subject.insert(pat, kind);
                }
                s => {
                    return Err(Error::Data {
                        file: "discards.tsv",
                        line,
                        msg: format!("unknown scope {s:?}"),
                    })
                }
            }
        }
        let cameo = crate::cameo_verbs::CameoVerbs::builtin()?;
        let mut cameo_entries = HashMap::new();
        for code in cameo.codes() {
            let Some(e) = cameo_entry(&cameo, &code) else {
                continue;
            };
            cameo_entries.insert(code, entries.len());
            entries.push(e);
        }
        let entry_of_class = cue_words
            .iter()
            .filter(|(class, _)| class.ends_with("_entry"))
            .filter_map(|(class, ids)| {
                let e = entries.iter().position(|e| ids.contains(&e.id))?;
                Some((class.clone(), e))
            })
            .collect();
        Ok(Lexicon {
            entries,
            by_first,
            quants,
            quant_phrases,
            cues: cue_map,
            cue_words,
            weapons,
            discards,
            cameo,
            cameo_entries,
            entry_of_class,
        })
    }

    /// The entry a `<name>_entry` cue class names (its first listed id in
    /// table order), e.g. `break_in_entry`.
    pub fn entry_for(&self, class: &str) -> Option<usize> {
        self.entry_of_class.get(class).copied()
    }

    /// The lexicon compiled into the binary.
    pub fn builtin() -> Result<Lexicon, Error> {
        Lexicon::parse(TRIGGERS, QUANTITIES, CUES, DISCARDS)
    }

    /// Longest trigger starting at token `i` of `words` (lower-cased tokens), if any.
    /// With `prefer_verb`, a verb reading wins over a noun reading of the same
    /// length ("to battle", "they attack").
    pub fn trigger_at(
        &self,
        words: &[&str],
        i: usize,
        prefer_verb: bool,
    ) -> Option<(usize, usize, Form)> {
        let list = self.by_first.get(words[i])?;
        // (pattern length, consumed length, entry, form): the pattern
        // length orders the candidates, the consumed one is the trigger.
        let mut found: Option<(usize, usize, usize, Form)> = None;
        for p in list {
            let n = p.rest.len();
            if let Some((len, ..)) = found {
                if n < len {
                    break;
                }
            }
            let Some(used) = rest_match(&p.rest, words, i, &|w| self.is("gap_phrase_opener", w))
            else {
                continue;
            };
            match found {
                None => {
                    found = Some((n, used, p.entry, p.form));
                    if !prefer_verb {
                        break;
                    }
                }
                Some((.., f)) => {
                    if f == Form::Noun && p.form != Form::Noun {
                        found = Some((n, used, p.entry, p.form));
                        break;
                    }
                }
            }
        }
        found.map(|(_, used, entry, form)| (used, entry, form))
    }

    /// True when the single word `w` is a cue of `class`.
    pub fn is(&self, class: &str, w: &str) -> bool {
        self.cue_words.get(class).is_some_and(|s| s.contains(w))
    }

    /// Length of the longest cue phrase of `class` starting at `words[i]`, if any.
    pub fn cue_at(&self, class: &str, words: &[&str], i: usize) -> Option<usize> {
        let list = self.cues.get(class)?;
        list.iter()
            .find(|p| i + p.len() <= words.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .map(Vec::len)
    }

    /// The longest `weapon.<kind>` cue starting at `words[i]`: its length and kind.
    pub fn weapon_at(&self, words: &[&str], i: usize) -> Option<(usize, &str)> {
        let mut best: Option<(usize, &str)> = None;
        for (kind, list) in &self.weapons {
            let kind = kind.as_str();
            let found = list.iter().find(|p| {
                i + p.len() <= words.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
            });
            if let Some(n) = found.map(Vec::len) {
                // Longest first; ties by kind name, so the result is deterministic.
                if best.is_none_or(|(m, k)| n > m || n == m && kind < k) {
                    best = Some((n, kind));
                }
            }
        }
        best
    }

    /// Length of the longest cue phrase of `class` ending at `words[j]`, if any.
    pub fn cue_ending_at(&self, class: &str, words: &[&str], j: usize) -> Option<usize> {
        let list = self.cues.get(class)?;
        list.iter()
            .find(|p| {
                p.len() <= j + 1
                    && p.iter()
                        .zip(&words[j + 1 - p.len()..=j])
                        .all(|(a, b)| a == b)
            })
            .map(Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_and_inflects() {
        let lx = Lexicon::builtin().unwrap();
        let w = [
            "regime",
            "air",
            "strikes",
            "killed",
            "and",
            "kidnapped",
            "two",
        ];
        let (n, e, f) = lx.trigger_at(&w, 1, false).unwrap();
        assert_eq!(
            (n, lx.entries[e].id.as_str(), f),
            (1, "airstrike", Form::Noun)
        );
        let (_, e, f) = lx.trigger_at(&w, 3, false).unwrap();
        assert_eq!((lx.entries[e].id.as_str(), f), ("kill", Form::Ed));
        let (_, e, _) = lx.trigger_at(&w, 5, false).unwrap();
        assert_eq!(lx.entries[e].id, "abduct");
        assert!(lx.is("civilian_unit", "civilians"));
        assert_eq!(
            lx.cue_at("count_mod_at_least", &["at", "least", "70"], 0),
            Some(2)
        );
        assert_eq!(lx.quants["dozens"].value, 12);
    }

    #[test]
    fn irregular_past_of_retake_is_a_capture() {
        let lx = Lexicon::builtin().unwrap();
        for w in ["retook", "retaken"] {
            let words = ["troops", w, "the", "town"];
            let (_, e, f) = lx.trigger_at(&words, 1, false).unwrap();
            assert_eq!((lx.entries[e].id.as_str(), f), ("capture", Form::Ed), "{w}");
        }
    }

    #[test]
    fn a_dharna_is_a_protest() {
        // South Asian press: a dharna is a sit-in protest.
        let lx = Lexicon::builtin().unwrap();
        let words = ["staged", "dharnas", "outside"];
        let (_, e, f) = lx.trigger_at(&words, 1, false).unwrap();
        assert_eq!((lx.entries[e].id.as_str(), f), ("protest", Form::Noun));
    }

    #[test]
    fn the_word_classes_the_code_reads_are_present() {
        let lx = Lexicon::builtin().unwrap();
        for (class, word) in [
            ("repeat_ordinal", "second"),
            ("repeat_attack_noun", "raids"),
            ("gap_phrase_opener", "outside"),
            ("not_count_after", "percent"),
            ("toll_trigger_gap", "reportedly"),
            ("wound_victim_cue", "sustained"),
            ("plural_unit", "police"),
            ("victim_state_verb", "remained"),
            ("verb_opener", "n't"),
        ] {
            assert!(lx.is(class, word), "{class}: {word}");
        }
        assert!(!lx.is("repeat_ordinal", "another"));
        assert!(!lx.is("gap_phrase_opener", "of"));
    }

    #[test]
    fn a_gap_before_a_noun_tail_stops_at_a_preposition() {
        let lx = Lexicon::builtin().unwrap();
        let rest: Vec<String> = ["*", "homes"].iter().map(|w| w.to_string()).collect();
        let opens = |w: &str| lx.is("gap_phrase_opener", w);
        let words = ["burned", "dozens", "of", "homes"];
        assert_eq!(rest_match(&rest, &words, 0, &opens), Some(0));
        let words = ["burned", "tyres", "outside", "the", "homes"];
        assert_eq!(rest_match(&rest, &words, 0, &opens), None);
    }

    #[test]
    fn bad_rows_are_typed_errors() {
        let e = Lexicon::parse("x\ty\n", "", "", "").unwrap_err();
        assert!(e.to_string().contains("triggers.tsv"));
    }
}
