//! Source entities: who a claim's source span is, and coreference to earlier sources.
//!
//! Owns turning a source span ("Abu Yusuf, a spokesman for the Shamiyeh Front",
//! "a military source", "SANA, a state news agency", "he", "the embassy",
//! "Mr. Salabman") into a [`SourceEntity`] with kind, name, role, affiliation and
//! actor code. It does not find the span itself: that is [`crate::frames`].

use std::collections::HashMap;

use sitrep_core::{Actor, Doc, SourceEntity, TokenKind};

use crate::frames::WordClass;
use crate::outlets::{DocOutlets, OutletTable};

/// Nouns that end a descriptor before an outlet's name (`media_nouns`).
pub(crate) static MEDIA_NOUNS: WordClass = WordClass::new("media_nouns");

/// The outlet that the phrase `a..=b` names: the whole phrase ("SANA"), or
/// the name after a descriptor that ends in a media noun ("state news agency
/// SANA", "the Syrian state broadcaster Ikhbariya").
pub(crate) fn outlet_of_phrase(
    outlets: &OutletTable,
    doc: &Doc,
    a: usize,
    b: usize,
    ctx: &DocOutlets,
) -> Option<usize> {
    outlets.resolve_range(doc, a, b, ctx).or_else(|| {
        (a + 1..=b)
            .filter(|&k| MEDIA_NOUNS.contains(&doc.lower(k - 1)))
            .find_map(|k| outlets.resolve_range(doc, k, b, ctx))
    })
}

/// Head nouns of sources that name no one: "a military source", "activists".
static ANON_HEADS: WordClass = WordClass::new("anon_heads");

/// Role nouns in an appositive: "a spokesman for …".
pub(crate) static ROLE_HEADS: WordClass = WordClass::new("role_heads");

/// Words that make a capitalised name a government body.
pub(crate) static GOV_WORDS: WordClass = WordClass::new("gov_words");

/// Words that make a capitalised name an organisation rather than a person.
pub(crate) static ORG_WORDS: WordClass = WordClass::new("org_words");

static TITLES: WordClass = WordClass::new("source_titles");

/// Words of armed groups' names: "the Eastern Brigade", "the Free Coast
/// Militia", "Hayat Tahrir al-Sham"; what "the militia" can refer back to.
pub(crate) static ARMED_NAMES: WordClass = WordClass::new("armed_names");

/// Generic nouns of armed bodies: they refer back only to a name with an
/// [`ARMED_NAMES`] word (or the noun itself).
static ARMED_BODY_NOUNS: WordClass = WordClass::new("armed_body_nouns");

/// Nouns by which a definite description refers back to an organisation
/// named before whose name or description fits: "The Eastern Brigade said …
/// The group said …".
static GENERIC_BODIES: WordClass = WordClass::new("generic_bodies");

const DETS: &[&str] = &[
    "a",
    "an",
    "the",
    "another",
    "one",
    "some",
    "two",
    "three",
    "several",
    "many",
    "its",
    "his",
    "her",
    "their",
    "our",
    "other",
    "senior",
    "unnamed",
    "anonymous",
];

/// A resolved source, remembered for coreference.
#[derive(Debug, Clone)]
pub struct Known {
    pub entity: SourceEntity,
    /// Lower-cased words of the name, role and affiliation, for matching "the embassy".
    pub words: Vec<String>,
}

fn is_cap(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    let text = doc.token_text(t);
    // "al-Maliki", "el-Sisi", "bin-Laden": a particle, then the name.
    let particle_name = text.split_once('-').is_some_and(|(p, rest)| {
        p.len() <= 3 && rest.chars().next().is_some_and(char::is_uppercase)
    });
    matches!(
        t.kind,
        TokenKind::Word | TokenKind::Handle | TokenKind::Hashtag
    ) && (text.chars().next().is_some_and(char::is_uppercase) || particle_name)
}

fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words.windows(p.len()).any(|w| w == p.as_slice())
}

fn strip_det(text: &str) -> &str {
    for d in [
        "the ", "The ", "a ", "A ", "an ", "An ", "another ", "Another ",
    ] {
        if let Some(r) = text.strip_prefix(d) {
            return r;
        }
    }
    text
}

fn words_of(doc: &Doc, a: usize, b: usize) -> Vec<String> {
    (a..=b)
        .filter(|&i| doc.tokens[i].kind != TokenKind::Punct)
        .map(|i| doc.lower(i).to_string())
        .collect()
}

/// Text of tokens `a..=b` as written.
fn text_of(doc: &Doc, a: usize, b: usize) -> String {
    doc.text[doc.tokens[a].start..doc.tokens[b].end].to_string()
}

/// Role and affiliation from an appositive "a spokesman for the Shamiyeh Front".
fn role_affiliation(doc: &Doc, a: usize, b: usize) -> (Option<String>, Option<String>) {
    let mut i = a;
    while i <= b && DETS.contains(&doc.lower(i)) {
        i += 1;
    }
    let prep =
        (i..=b).find(|&k| matches!(doc.lower(k), "for" | "of" | "at" | "with" | "from" | "in"));
    match prep {
        Some(p) if p > i => {
            let role = text_of(doc, i, p - 1);
            let aff_end = (p + 1..=b)
                .find(|&k| doc.lower(k) == ",")
                .map_or(b, |k| k - 1);
            let aff = (p < aff_end).then(|| strip_det(&text_of(doc, p + 1, aff_end)).to_string());
            (Some(role), aff)
        }
        _ if i <= b => (Some(text_of(doc, i, b)), None),
        _ => (None, None),
    }
}

/// Resolves source spans to entities within one document.
pub struct Resolver<'a> {
    pub doc: &'a Doc,
    pub outlets: &'a OutletTable,
    pub ctx: &'a DocOutlets,
    pub actors: &'a [Actor],
    pub known: Vec<Known>,
    /// Lower-cased surname → (first token, last token) of the first full name ending in it.
    surnames: HashMap<String, (usize, usize)>,
}

/// Prepositions that end the head of a source phrase ("officials at the UN").
const HEAD_PREPS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "close", "on", "inside", "within", "near",
];

impl<'a> Resolver<'a> {
    /// A resolver for one document; indexes capitalised names once.
    pub fn new(
        doc: &'a Doc,
        outlets: &'a OutletTable,
        ctx: &'a DocOutlets,
        actors: &'a [Actor],
    ) -> Resolver<'a> {
        let mut surnames = HashMap::new();
        let n = doc.tokens.len();
        let mut i = 0;
        while i < n {
            if !is_cap(doc, i) || DETS.contains(&doc.lower(i)) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && is_cap(doc, j + 1) && j + 1 - i < 4 {
                j += 1;
            }
            let words: Vec<&str> = (i..=j).map(|k| doc.lower(k)).collect();
            let org = words
                .iter()
                .any(|w| ORG_WORDS.contains(w) || GOV_WORDS.contains(w));
            if j > i && !org {
                surnames.entry(doc.lower(j).to_string()).or_insert((i, j));
            }
            i = j + 1;
        }
        Resolver {
            doc,
            outlets,
            ctx,
            actors,
            known: Vec::new(),
            surnames,
        }
    }

    fn actor_code(&self, a: usize, b: usize) -> Option<String> {
        let (bs, be) = (self.doc.tokens[a].start, self.doc.tokens[b].end);
        self.actors
            .iter()
            .find(|x| x.span.byte_start >= bs && x.span.byte_end <= be)
            .map(|x| x.code.clone())
    }

    /// The most recent known source compatible with a pronoun.
    fn pronoun(&self, p: &str) -> Option<SourceEntity> {
        self.known.iter().rev().find_map(|k| {
            let ok = match p {
                "he" | "she" | "i" => k.entity.kind == "person",
                "it" => k.entity.kind != "person" && k.entity.kind != "anonymous",
                "they" | "we" => true,
                _ => false,
            };
            ok.then(|| k.entity.clone())
        })
    }

    /// An earlier source that `words` (a definite description or surname) refers to.
    fn lookup(&self, words: &[String], person_only: bool) -> Option<SourceEntity> {
        let head = words.last()?;
        self.known.iter().rev().find_map(|k| {
            if person_only && k.entity.kind != "person" {
                return None;
            }
            let name_words: Vec<String> = k
                .entity
                .name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            // "the coalition" after "a coalition spokesman, Colonel X": a
            // description of a body is no person; a person is "the spokesman"
            // or "the colonel" (a role's head).
            if k.entity.kind == "person"
                && !person_only
                && !ROLE_HEADS.contains(&head.as_str())
                && k.entity
                    .role
                    .as_deref()
                    .and_then(|r| r.split_whitespace().last())
                    .is_none_or(|r| r.to_lowercase() != *head)
            {
                return None;
            }
            let hit = name_words.last() == Some(head)
                || k.words.iter().any(|w| w == head)
                || (words.len() > 1 && contains_all(&name_words, words));
            hit.then(|| k.entity.clone())
        })
    }

    /// The last known body that generic noun `noun` ("group", "militia") can
    /// refer back to: one whose words have the noun, or, for an armed noun, an
    /// armed group's name word; a person's affiliation counts as a body.
    fn generic_body(&self, noun: &str) -> Option<SourceEntity> {
        let fits = |text: &str| {
            text.split_whitespace().map(str::to_lowercase).any(|w| {
                w == noun
                    || w.strip_suffix('s') == Some(noun)
                    || (ARMED_BODY_NOUNS.contains(&noun) && ARMED_NAMES.contains(&w.as_str()))
            })
        };
        self.known.iter().rev().find_map(|k| {
            let e = &k.entity;
            if e.kind == "person" {
                let aff = e.affiliation.as_deref().filter(|a| fits(a))?;
                return Some(SourceEntity {
                    kind: "organisation".into(),
                    name: strip_det(aff).to_string(),
                    ..SourceEntity::default()
                });
            }
            let described = [
                Some(e.name.as_str()),
                e.role.as_deref(),
                e.affiliation.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(fits);
            (matches!(e.kind.as_str(), "organisation" | "unknown") && described).then(|| e.clone())
        })
    }

    fn remember(&mut self, e: &SourceEntity) {
        let mut words: Vec<String> = e.name.split_whitespace().map(str::to_lowercase).collect();
        for extra in [&e.role, &e.affiliation].into_iter().flatten() {
            words.extend(extra.split_whitespace().map(str::to_lowercase));
        }
        words.retain(|w| !DETS.contains(&w.as_str()) && w != "of" && w != "for");
        if e.kind != "anonymous" {
            self.known.push(Known {
                entity: e.clone(),
                words,
            });
        }
    }

    /// Resolve the source in tokens `a..=b`.
    pub fn resolve(&mut self, a: usize, b: usize) -> SourceEntity {
        let e = self.resolve_inner(a, b);
        self.remember(&e);
        e
    }

    fn resolve_inner(&self, a: usize, b: usize) -> SourceEntity {
        let doc = self.doc;
        // Head part: up to the first comma; the rest is an appositive.
        let comma = (a..=b).find(|&k| doc.lower(k) == ",");
        // "The army, the police and local officials": a list of sources, no
        // name and appositive (not "Abu Yusuf, a spokesman for X and Y").
        let list = comma.is_some_and(|c| {
            c < b
                && !matches!(
                    doc.lower(c + 1),
                    "a" | "an" | "who" | "which" | "whose" | "its" | "his" | "her" | "their"
                )
                && (c + 1..=b).any(|k| matches!(doc.lower(k), "and" | "or"))
                && !(c + 1..=b).any(|k| ROLE_HEADS.contains(&doc.lower(k)))
                && doc.tokens[c + 1].kind != TokenKind::Number
        });
        let comma = comma.filter(|_| !list);
        let head_end = comma.map_or(b, |c| c.saturating_sub(1).max(a));
        let app = comma.and_then(|c| {
            let end = if doc.lower(b) == "," {
                b.saturating_sub(1)
            } else {
                b
            };
            (c < end).then_some((c + 1, end))
        });
        let head_words = words_of(doc, a, head_end);
        let hw: Vec<&str> = head_words.iter().map(String::as_str).collect();
        let code = self
            .actor_code(a, head_end)
            .or_else(|| app.and_then(|(x, y)| self.actor_code(x, y)));
        let name = text_of(doc, a, head_end);

        // Pronouns and relative pronouns.
        if head_end == a {
            let p = doc.lower(a);
            if matches!(p, "he" | "she" | "it" | "they" | "we" | "i") {
                if let Some(e) = self.pronoun(p) {
                    return e;
                }
                let kind = if matches!(p, "he" | "she" | "i") {
                    "person"
                } else {
                    "organisation"
                };
                return SourceEntity {
                    kind: kind.into(),
                    name,
                    code,
                    ..SourceEntity::default()
                };
            }
        }
        // Outlets, also after a descriptor ("state news agency SANA").
        if let Some(o) = outlet_of_phrase(self.outlets, doc, a, head_end, self.ctx) {
            let out = self.outlets.get(o);
            return SourceEntity {
                kind: out.entity_kind().into(),
                name: out.name.clone(),
                role: None,
                affiliation: None,
                code,
            };
        }
        if list {
            let gov = GOV_WORDS.iter().any(|g| contains_phrase(&hw, g));
            return SourceEntity {
                kind: if gov { "government" } else { "organisation" }.into(),
                name: strip_det(&name).to_string(),
                code,
                ..SourceEntity::default()
            };
        }
        // "Regional governor Oleh Syniehubov", "spokesman John Kirby": a
        // role, then the person's name.
        if let Some(r) = (a..head_end)
            .rev()
            .find(|&k| ROLE_HEADS.contains(&doc.lower(k)) && !is_cap(doc, k))
        {
            let name_part = (r + 1..=head_end).all(|k| is_cap(doc, k) || doc.lower(k) == "al");
            let org = (r + 1..=head_end)
                .any(|k| ORG_WORDS.contains(&doc.lower(k)) || GOV_WORDS.contains(&doc.lower(k)));
            let plain = (a..r).all(|k| doc.tokens[k].kind == TokenKind::Word);
            if name_part
                && !org
                && plain
                && self
                    .outlets
                    .resolve_range(doc, r + 1, head_end, self.ctx)
                    .is_none()
            {
                return SourceEntity {
                    kind: "person".into(),
                    name: text_of(doc, r + 1, head_end),
                    role: Some(strip_det(&text_of(doc, a, r)).to_string()),
                    affiliation: None,
                    code,
                };
            }
        }
        // An age ("Suu Kyi, 70") is no role.
        let app = app.filter(|&(x, y)| !(x == y && doc.tokens[x].kind == TokenKind::Number));
        // "The coalition spokesman, Colonel Turki al-Maliki": a role, then the
        // person's name in apposition.
        if let Some((x, y)) = app {
            let role_head = hw.iter().any(|w| ROLE_HEADS.contains(w));
            let lower_head =
                (a..=head_end).all(|k| !is_cap(doc, k) || (k == a && DETS.contains(&doc.lower(k))));
            let name_app = y > x && (x..=y).all(|k| is_cap(doc, k) || doc.lower(k) == "al");
            if role_head && lower_head && name_app {
                let titled = TITLES.contains(&doc.lower(x)) || ROLE_HEADS.contains(&doc.lower(x));
                let nx = if titled && x < y { x + 1 } else { x };
                return SourceEntity {
                    kind: "person".into(),
                    name: text_of(doc, nx, y),
                    role: Some(strip_det(&name).to_string()),
                    affiliation: None,
                    code,
                };
            }
        }
        let (role, aff) = app.map_or((None, None), |(x, y)| role_affiliation(doc, x, y));
        let first = doc.lower(a);
        let caps: Vec<usize> = (a..=head_end)
            .filter(|&i| is_cap(doc, i) && !(i == a && DETS.contains(&doc.lower(i))))
            .collect();
        let prep = (a + 1..=head_end).find(|&k| HEAD_PREPS.contains(&doc.lower(k)));
        let head_noun = match prep {
            Some(p) => doc.lower(p - 1),
            None => hw.last().copied().unwrap_or(""),
        };
        // Titles and surnames: "Mr. Salabman" → the earlier person.
        if TITLES.contains(&first) && head_end > a {
            let rest = words_of(doc, a + 1, head_end);
            if let Some(e) = self.lookup(&rest, true) {
                return e;
            }
            return SourceEntity {
                kind: "person".into(),
                name: text_of(doc, a + 1, head_end),
                role: role.or_else(|| Some(doc.token_text(&doc.tokens[a]).to_string())),
                affiliation: aff,
                code,
            };
        }
        // Definite descriptions: "the embassy", "the spokesman".
        if first == "the" && caps.is_empty() && head_end > a {
            if let Some(e) = self.lookup(&head_words[1..], false) {
                return e;
            }
            // "the group", "the militia": the last body named whose name or
            // description says it is one ("the Free Coast Militia", "a monitoring
            // group"; an armed group's name for "the militia"), or that a speaker
            // belongs to. Never just the last organisation: "Amnesty accused the
            // militia … The militia denied" is not Amnesty.
            if head_end == a + 1 && GENERIC_BODIES.contains(&head_noun) {
                if let Some(e) = self.generic_body(head_noun) {
                    return e;
                }
            }
        }
        // A longer or shorter form of an earlier name: "the U.S. Embassy" after "the U.S. Embassy in Syria".
        if !caps.is_empty() && head_words.len() >= 2 {
            let content: Vec<String> = head_words
                .iter()
                .filter(|w| !DETS.contains(&w.as_str()))
                .cloned()
                .collect();
            if let Some(k) = self.known.iter().rev().find(|k| {
                let n: Vec<String> = k
                    .entity
                    .name
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                k.entity.kind != "person"
                    && (contains_all(&n, &content) || contains_all(&content, &n))
            }) {
                return k.entity.clone();
            }
        }
        // "Khaled Khoja of the Syrian National Coalition": a name, then its affiliation.
        if let Some(p) = prep.filter(|&p| matches!(doc.lower(p), "of" | "from" | "at" | "with")) {
            let pre: Vec<&str> = (a..p).map(|k| doc.lower(k)).collect();
            let all_caps = (a..p).all(|k| is_cap(doc, k));
            let org = pre
                .iter()
                .any(|w| ORG_WORDS.contains(w) || GOV_WORDS.contains(w));
            if all_caps && pre.len() >= 2 && !org && p < head_end {
                let after = strip_det(&text_of(doc, p + 1, head_end)).to_string();
                return SourceEntity {
                    kind: "person".into(),
                    name: text_of(doc, a, p - 1),
                    role,
                    affiliation: aff.or(Some(after)),
                    code,
                };
            }
        }
        // A bare surname first named in full earlier: "Ryan" after "Paul Ryan".
        if head_end == a && is_cap(doc, a) && self.lookup(&head_words, true).is_none() {
            if let Some(&(x, y)) = self.surnames.get(doc.lower(a)) {
                if y < a {
                    return SourceEntity {
                        kind: "person".into(),
                        name: text_of(doc, x, y),
                        role,
                        affiliation: aff,
                        code,
                    };
                }
            }
        }
        let is_gov = GOV_WORDS.iter().any(|g| contains_phrase(&hw, g));
        // Anonymous: "a military source", "activists", "Syrian military officials".
        if ANON_HEADS.contains(&head_noun) {
            let hn = prep.map_or(head_end, |p| p - 1);
            let mut i = a;
            while i < hn && DETS.contains(&doc.lower(i)) {
                i += 1;
            }
            let after_prep = prep.filter(|&p| p < head_end).map(|p| {
                let q = if doc.lower(p) == "close" {
                    p + 2
                } else {
                    p + 1
                };
                strip_det(&text_of(doc, q.min(head_end), head_end)).to_string()
            });
            let affiliation = (i < hn)
                .then(|| text_of(doc, i, hn - 1))
                .or(after_prep)
                .or(aff);
            return SourceEntity {
                kind: "anonymous".into(),
                name,
                role,
                affiliation,
                code,
            };
        }
        if is_gov {
            return SourceEntity {
                kind: "government".into(),
                name: strip_det(&name).to_string(),
                role: None,
                affiliation: aff,
                code,
            };
        }
        let is_org = hw.iter().any(|w| ORG_WORDS.contains(w));
        let role_is_person = role.as_deref().is_some_and(|r| {
            r.split_whitespace()
                .any(|w| ROLE_HEADS.contains(&w.to_lowercase().as_str()))
        });
        if !caps.is_empty() && caps.len() == head_words.len() && !is_org {
            // A bare surname may refer back to an earlier person.
            if head_words.len() == 1 {
                if let Some(e) = self.lookup(&head_words, true) {
                    return e;
                }
            }
            if head_words.len() >= 2 || role_is_person {
                return SourceEntity {
                    kind: "person".into(),
                    name,
                    role,
                    affiliation: aff,
                    code,
                };
            }
        }
        if caps.is_empty() {
            // "the spokesman" with no antecedent, "the group".
            let kind = if ROLE_HEADS.contains(&head_noun) {
                "person"
            } else {
                "organisation"
            };
            return SourceEntity {
                kind: kind.into(),
                name,
                role: (kind == "person").then(|| head_noun.to_string()),
                affiliation: aff,
                code,
            };
        }
        SourceEntity {
            kind: "organisation".into(),
            name: strip_det(&name).to_string(),
            role: None,
            affiliation: aff,
            code,
        }
    }
}

fn contains_all(hay: &[String], needles: &[String]) -> bool {
    needles
        .iter()
        .filter(|n| !DETS.contains(&n.as_str()))
        .all(|n| hay.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_class_is_in_the_data_file() {
        for class in [
            &MEDIA_NOUNS,
            &ANON_HEADS,
            &ROLE_HEADS,
            &GOV_WORDS,
            &ORG_WORDS,
            &TITLES,
        ] {
            assert!(class.iter().next().is_some(), "an empty or missing class");
        }
        assert!(ANON_HEADS.contains(&"activists"));
        assert!(GOV_WORDS.iter().any(|w| w == "state department"));
    }
}
