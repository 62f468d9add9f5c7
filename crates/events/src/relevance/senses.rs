//! What a protest word or a capitalised trigger means in its sentence: a
//! candidate's campaign rally in an election story, a figurative rally ("a
//! rallying cry", "rally support", a market rally), a block that stops a bill
//! rather than a road, "executing the plan" and "offensive posts" (a killing
//! verb needs a person, a violent noun before a message noun is an
//! adjective), and a surname ("AG Lynch", then "Lynch announced").
//!
//! Owns the rows of `data/events/senses.tsv`; `Relevance::judge_sense` and
//! `relevance::name_trigger` ask it. It decides only whether a word is an
//! event; it must not touch arguments or typing.

use std::collections::HashMap;
use std::sync::OnceLock;

use sitrep_core::{Doc, TokenKind};

use crate::sentence::Sent;
use crate::Error;

const SENSES: &str = include_str!("../../../../data/events/senses.tsv");

/// The kinds a row of senses.tsv may have.
const KINDS: &[&str] = &[
    "campaign_event",
    "campaign_word",
    "campaign_mod",
    "owner",
    "protest_purpose",
    "crowd",
    "crowd_subject",
    "figure_after",
    "figure_object",
    "market_word",
    "rally_word",
    "block_word",
    "way_noun",
    "name_title",
    "patient_verb",
    "thing_verb",
    "thing_class",
    "adjective_word",
    "adjective_head",
    "custody_noun",
    "custody_prep",
    "death_context",
    "site_class",
    "place_prep",
    "custody_follow",
];

/// How far after a `patient_verb` its person object may stand ("executed
/// two of the captured soldiers").
const PATIENT_WINDOW: usize = 4;

/// How far a protest purpose may follow the word ("a rally in Lagos on
/// Thursday to protest …").
const PURPOSE_WINDOW: usize = 8;

/// How far a bare "to" + verb purpose may follow ("Parents Rally Nationwide
/// To …"); further on it belongs to another clause.
const TO_WINDOW: usize = 3;

/// An election story names its race in at least this many sentences.
const CAMPAIGN_SENTENCES: usize = 2;

/// The loaded rows: kind → phrases (token lists).
#[derive(Debug, Default)]
pub struct Senses {
    rows: HashMap<String, Vec<Vec<String>>>,
}

/// Is `w` the noun `base` or its plural ("rally", "rallies"; "road", "roads")?
fn noun_form(base: &str, w: &str) -> bool {
    w == base
        || w.strip_suffix('s') == Some(base)
        || w.strip_suffix("es") == Some(base)
        || base
            .strip_suffix('y')
            .is_some_and(|stem| w.strip_suffix("ies") == Some(stem))
}

/// Is `w` a form of the verb or noun `base` ("rallied", "rallying",
/// "blocked", "blocking")?
fn any_form(base: &str, w: &str) -> bool {
    if noun_form(base, w) {
        return true;
    }
    let stem = base.strip_suffix('e').unwrap_or(base);
    let y_stem = base.strip_suffix('y');
    w.strip_suffix("ing") == Some(stem)
        || w.strip_suffix("ing") == Some(base)
        || w.strip_suffix("ed") == Some(stem)
        || w.strip_suffix('d') == Some(base)
        || y_stem.is_some_and(|s| w.strip_suffix("ied") == Some(s))
}

/// A title-case line: at least half its words capitalised (as
/// `relevance::name_mask` reads headlines).
fn title_case(words: &[&str]) -> bool {
    let alpha: Vec<&&str> = words
        .iter()
        .filter(|t| t.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let cap = alpha
        .iter()
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .count();
    cap * 2 >= alpha.len()
}

impl Senses {
    /// Parse senses.tsv.
    pub fn parse(text: &str) -> Result<Senses, Error> {
        let mut rows: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |msg: &str| Error::Data {
                file: "senses.tsv",
                line: n + 1,
                msg: msg.to_string(),
            };
            let [kind, phrase] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(bad("want kind<TAB>phrase"));
            };
            if !KINDS.contains(&kind) {
                return Err(bad(&format!("unknown kind {kind:?}")));
            }
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                return Err(bad("empty phrase"));
            }
            rows.entry(kind.to_string()).or_default().push(words);
        }
        Ok(Senses { rows })
    }

    /// The bundled table.
    pub fn bundled() -> Option<&'static Senses> {
        static S: OnceLock<Option<Senses>> = OnceLock::new();
        S.get_or_init(|| Senses::parse(SENSES).ok()).as_ref()
    }

    fn list(&self, kind: &str) -> &[Vec<String>] {
        self.rows.get(kind).map_or(&[], Vec::as_slice)
    }

    /// Is the single word `w` a `kind` row (nouns in their plural too)?
    fn word(&self, kind: &str, w: &str) -> bool {
        self.list(kind)
            .iter()
            .any(|p| p.len() == 1 && noun_form(&p[0], w))
    }

    /// Length of a `kind` phrase starting at `words[i]`, if any.
    fn phrase_at(&self, kind: &str, words: &[&str], i: usize) -> Option<usize> {
        self.list(kind)
            .iter()
            .find(|p| {
                i + p.len() <= words.len()
                    && p.iter().enumerate().all(|(j, x)| {
                        let w = words[i + j];
                        w == x || (j + 1 == p.len() && noun_form(x, w))
                    })
            })
            .map(Vec::len)
    }

    /// Is `w` any form of a `kind` row ("rallied" of `rally_word`)?
    fn form_of(&self, kind: &str, w: &str) -> bool {
        self.list(kind)
            .iter()
            .any(|p| p.len() == 1 && any_form(&p[0], w))
    }

    /// The sense rule for the trigger word at `first`, if it is no event:
    /// `sense:campaign:<w>`, `sense:figure:<w>`, `sense:market:<w>` or
    /// `sense:obstruct:<w>`, `sense:perform:<w>` or `sense:adjective:<w>`.
    /// `noun`: the coder read it as a nominal.
    pub fn judge(&self, s: &Sent, first: usize, noun: bool) -> Option<String> {
        let w = s.words[first];
        if self.form_of("rally_word", w) {
            if self.figurative_rally(s, first) {
                return Some(format!("sense:figure:{w}"));
            }
            if self.market_rally(s, first) {
                return Some(format!("sense:market:{w}"));
            }
        }
        if noun && self.word("campaign_event", w) && self.campaign_rally(s, first) {
            return Some(format!("sense:campaign:{w}"));
        }
        if self.form_of("block_word", w) && !self.physical_block(s, first) {
            return Some(format!("sense:obstruct:{w}"));
        }
        if self.form_of("patient_verb", w) && !noun && !self.person_patient(s, first) {
            return Some(format!("sense:perform:{w}"));
        }
        if self.form_of("thing_verb", w) && !noun && self.thing_patient(s, first) {
            return Some(format!("sense:thing:{w}"));
        }
        let next = s.words.get(first + 1).copied().unwrap_or("");
        if self.word("adjective_word", w) && self.word("adjective_head", next) {
            return Some(format!("sense:adjective:{w}"));
        }
        None
    }

    /// A killing verb that also means "carry out" ("executing every part of
    /// the design", "a search warrant was executed", "executing 12
    /// projects") kills only a person: a person, a group, a pronoun or a
    /// count of people as its object, a person as its passive subject ("six
    /// prisoners were executed"), or a `death_context` in the sentence ("by
    /// firing squad").
    fn person_patient(&self, s: &Sent, first: usize) -> bool {
        if (0..s.len()).any(|k| self.phrase_at("death_context", &s.words, k).is_some()) {
            return true;
        }
        let table = crate::semclass_table::Table::bundled();
        // The first sense of the word (or its singular) is a person or a group.
        let sense = |w: &str| table.and_then(|t| t.first_class(w));
        let person = |k: usize| person_word(s, k, sense(s.words[k]));
        // A thing: a word whose first sense is neither a person nor a group.
        let thing = |k: usize| sense(s.words[k]).is_some_and(|c| !human_class(c));
        let cap = |k: usize| s.text(k).starts_with(char::is_uppercase);
        // The subject's head: the word before the auxiliary and the adverbs
        // ("were later executed", "had been executed").
        let gap = |k: usize| s.lx.is("harm_passive_gap", s.words[k]);
        let mut k = first;
        while k > 0 && gap(k - 1) {
            k -= 1;
        }
        let passive = k > 0 && s.lx.is("passive_aux", s.words[k - 1]);
        if s.words[first].ends_with("ed") && passive {
            let mut k = k - 1;
            while k > 0
                && (s.lx.is("passive_aux", s.words[k]) || s.lx.is("harm_passive_gap", s.words[k]))
            {
                k -= 1;
            }
            if s.lx.is("passive_aux", s.words[k]) {
                return false;
            }
            return person(k) || cap(k) && !thing(k);
        }
        let end = (first + 1 + PATIENT_WINDOW)
            .min(s.clause_end(first))
            .min(s.len());
        for k in first + 1..end {
            let w = s.words[k];
            // The object ends at a preposition ("executed the deal with the army").
            if s.is_prep(w) && w != "of" {
                return false;
            }
            // A count of people ("executed 14", "executed two of the
            // soldiers", "14 villagers"), not "the second phase" or "12
            // projects".
            let count = w.starts_with(|c: char| c.is_ascii_digit())
                || s.lx
                    .quants
                    .get(w)
                    .is_some_and(|q| q.value > 1 && !w.ends_with("nd"));
            if count {
                let head = k + 1;
                let bare = head >= s.len()
                    || s.kinds[head] != TokenKind::Word
                    || s.is_prep(s.words[head])
                    || s.time_of[head].is_some();
                return bare || person(head) || cap(head) && !thing(head);
            }
            // A name right after the verb: "to execute Hartley".
            if k == first + 1 && cap(k) && !thing(k) {
                return true;
            }
            if person(k) {
                return true;
            }
        }
        false
    }

    /// A verb whose event needs a person or seized property as its patient
    /// (`thing_verb`: "released two hostages", "released the tanker") is no
    /// event when what it acts on is a document, a figure or a substance (a
    /// `thing_class` first sense): "released new figures", "released a
    /// statement", "the report released by the ministry", "released water
    /// from the dam". A person, a group, a pronoun or an actor anywhere in
    /// the object keeps it.
    fn thing_patient(&self, s: &Sent, first: usize) -> bool {
        let table = crate::semclass_table::Table::bundled();
        let class = |k: usize| table.and_then(|t| t.first_class(s.words[k]));
        let person = |k: usize| person_word(s, k, class(k));
        // (A figure is a count of people: "released 20 on Monday".)
        let thing = |k: usize| {
            s.actor_of[k].is_none()
                && !s.words[k].starts_with(|c: char| c.is_ascii_digit())
                && !s.lx.quants.contains_key(s.words[k])
                && class(k).is_some_and(|c| {
                    self.list("thing_class")
                        .iter()
                        .any(|p| p.len() == 1 && c.split('.').next() == Some(p[0].as_str()))
                })
        };
        let word = |k: usize| s.kinds[k] == TokenKind::Word;
        // "the report released by the ministry": a participle after its noun.
        let next = s.words.get(first + 1).copied();
        if first > 0
            && s.words[first].ends_with("ed")
            && word(first - 1)
            && thing(first - 1)
            && next.is_none_or(|w| s.is_prep(w) || !w.chars().any(char::is_alphanumeric))
        {
            return true;
        }
        let end = (first + 1 + PATIENT_WINDOW)
            .min(s.clause_end(first))
            .min(s.len());
        let mut found = false;
        for k in first + 1..end {
            let w = s.words[k];
            if !word(k) || (s.is_prep(w) && w != "of") {
                break;
            }
            if person(k) {
                return false;
            }
            found |= thing(k);
        }
        found
    }

    /// "a rallying cry", "rallied to win", "rallying around a candidate",
    /// "rally women's support" (not "rallied in support of the strikers").
    fn figurative_rally(&self, s: &Sent, first: usize) -> bool {
        let after = first + 1;
        if after < s.len() && self.phrase_at("figure_after", &s.words, after).is_some() {
            // "rallied around the parliament building", "supporters rallied
            // around the palace": a place or a building.
            let next = after + 1;
            let place = s.place_of.get(next).is_some_and(Option::is_some)
                || s.place_of.get(next + 1).is_some_and(Option::is_some)
                || self.site_after(s, next);
            return !place;
        }
        (after..(first + 4).min(s.len()))
            .any(|k| self.word("figure_object", s.words[k]) && s.words[k - 1] != "in")
    }

    /// The first noun within three words from `k` (after determiners and
    /// adjectives) is a site: a `site` class of senses.tsv, a site cue, or a
    /// noun whose first sense is a location or a structure ("the palace",
    /// "the old town hall"); not a person or an idea ("the candidate", "the
    /// reform").
    fn site_after(&self, s: &Sent, k: usize) -> bool {
        let table = crate::semclass_table::Table::bundled();
        for j in k..(k + 3).min(s.clause_end(k.min(s.len().saturating_sub(1)))) {
            let w = s.words[j];
            if ["site_noun", "civilian_site", "territory_noun"]
                .iter()
                .any(|c| s.lx.is(c, w))
                || self.word("way_noun", w)
            {
                return true;
            }
            if let Some(c) = table.and_then(|t| t.classes(w).next()) {
                if s.lx.is("nominalizing_det", w) || s.lx.is("possessive_det", w) {
                    continue;
                }
                return self.list("site_class").iter().any(|p| c == p[0]);
            }
        }
        false
    }

    /// A custody noun reached by motion ("booked into jail", "taken to the
    /// county jail", "sent to jail"): someone was taken into custody, which
    /// the building reading ("in jail", "the jail's kitchen") is not.
    pub fn custody(&self, s: &Sent, first: usize) -> bool {
        if !self.word("custody_noun", s.words[first]) {
            return false;
        }
        // The noun heads its phrase ("jail records", "jail term" are modifiers).
        let head = match s.words.get(first + 1) {
            None => true,
            Some(&w) => {
                s.kinds[first + 1] == TokenKind::Punct
                    || s.lx.is("oblique_prep", w)
                    || self.word("custody_follow", w)
                    || s.time_of[first + 1].is_some()
            }
        };
        let Some(p) = (first.saturating_sub(4)..first).rev().find(|&k| {
            s.lx.is("oblique_prep", s.words[k]) || self.word("custody_prep", s.words[k])
        }) else {
            return false;
        };
        // Not "according to jail records", not "to buy the old jail".
        let det = |w: &str| s.lx.is("nominalizing_det", w) || s.lx.is("possessive_det", w);
        let phrase = first - p <= 2 || det(s.words[p + 1]);
        head && phrase
            && self.word("custody_prep", s.words[p])
            && (p == 0 || s.words[p - 1] != "according")
    }

    /// A price rise: a market right before the rally word ("shares rallied",
    /// "the dollar's rally", "a stock market rally") or after "rally in"
    /// ("a rally in oil prices"); a protest against prices is no market.
    fn market_rally(&self, s: &Sent, first: usize) -> bool {
        // The nearest market word before, unless people come first: the
        // people rallied ("market traders rallied", "shop owners rallied").
        let before = (first.saturating_sub(3)..first)
            .rev()
            .take_while(|&k| !self.people(s, k))
            .any(|k| self.word("market_word", s.words[k]));
        let after = s.words.get(first + 1) == Some(&"in")
            && (first + 2..(first + 5).min(s.len())).any(|k| self.word("market_word", s.words[k]));
        let protest = (first + 1..(first + 1 + PURPOSE_WINDOW).min(s.len()))
            .any(|k| self.phrase_at("protest_purpose", &s.words, k).is_some());
        (before || after) && !protest
    }

    /// Is the word at `k` people: a crowd, a person cue, or a noun whose
    /// first sense is a person or a group?
    fn people(&self, s: &Sent, k: usize) -> bool {
        let w = s.words[k];
        if self.word("market_word", w) {
            return false;
        }
        let lemma = w.strip_suffix('s').unwrap_or(w);
        self.word("crowd", w)
            || self.word("crowd_subject", w)
            || ["person_unit", "civilian_unit"]
                .iter()
                .any(|c| s.lx.is(c, w))
            || crate::semclass_table::Table::bundled().is_some_and(|t| {
                [w, lemma].iter().any(|x| {
                    t.classes(x)
                        .next()
                        .is_some_and(|c| c.starts_with("person") || c.starts_with("group"))
                })
            })
    }

    /// A candidate's rally in an election story: one person's ("his rallies",
    /// "Trump's rally", "campaign rallies") or a setting with no crowd, and
    /// no protest purpose after it.
    fn campaign_rally(&self, s: &Sent, first: usize) -> bool {
        let end = (first + 1 + PURPOSE_WINDOW).min(s.len());
        if (first + 1..end).any(|k| {
            self.phrase_at("protest_purpose", &s.words, k).is_some()
                || k <= first + TO_WINDOW && self.to_verb(s, k)
        }) {
            return false;
        }
        let owned = self.owned(s, first);
        let crowd = (0..s.len()).any(|k| self.word("crowd", s.words[k]))
            || (0..first).any(|k| self.word("crowd_subject", s.words[k]));
        (owned || !crowd) && self.campaign_doc(s.doc)
    }

    /// "to" + a verb: a purpose ("Parents Rally To 'Reclaim Our Schools'"),
    /// not a destination ("to Springfield", "to the hall").
    fn to_verb(&self, s: &Sent, k: usize) -> bool {
        if s.words[k] != "to" {
            return false;
        }
        let Some(v) = (k + 1..s.len()).find(|&j| s.kinds[j] != TokenKind::Punct) else {
            return false;
        };
        let w = s.words[v];
        s.kinds[v] == TokenKind::Word
            && s.place_of[v].is_none()
            && !s.lx.is("possessive_det", w)
            && !s.lx.is("nominalizing_det", w)
            && !self.word("name_title", w)
            && !s.lx.is("report", w)
    }

    /// The noun phrase before `first` names its owner: a possessive pronoun,
    /// a campaign modifier, or a person's name (a capitalised word with "'s"
    /// or one the document names as a speaker or after a title).
    fn owned(&self, s: &Sent, first: usize) -> bool {
        let mut k = first;
        while k > 0 && first - k < 4 {
            k -= 1;
            let w = s.words[k];
            if self.word("owner", w) || self.word("campaign_mod", w) {
                return true;
            }
            if matches!(w, "a" | "an" | "the") || s.is_prep(w) {
                return false;
            }
            if s.kinds[k] == TokenKind::Punct || s.place_of[k].is_some() {
                continue;
            }
            // "Trump’s" may be one token.
            let cased = s.text(k);
            let cased = ["'s", "’s"]
                .iter()
                .find_map(|p| cased.strip_suffix(p))
                .unwrap_or(cased);
            let cap = cased.chars().next().is_some_and(char::is_uppercase)
                && cased.chars().any(char::is_lowercase);
            if cap && self.speaker_or_titled(s, cased) {
                return true;
            }
        }
        false
    }

    /// Does the document name `name` as a person: right after a title ("Mr.
    /// Trump") or right before a reporting verb ("Trump said")?
    fn speaker_or_titled(&self, s: &Sent, name: &str) -> bool {
        let doc = s.doc;
        (0..doc.tokens.len()).any(|j| {
            doc.token_text(&doc.tokens[j]) == name
                && (j > 0 && self.word("name_title", doc.lower(j - 1))
                    || j + 1 < doc.tokens.len() && s.lx.is("report", doc.lower(j + 1)))
        })
    }

    /// Does the document tell an election race: `campaign_word` rows in at
    /// least `CAMPAIGN_SENTENCES` sentences?
    fn campaign_doc(&self, doc: &Doc) -> bool {
        let mut n = 0;
        for sent in &doc.sentences {
            let words: Vec<&str> = sent.tokens.clone().map(|i| doc.lower(i)).collect();
            if (0..words.len()).any(|k| self.phrase_at("campaign_word", &words, k).is_some()) {
                n += 1;
                if n >= CAMPAIGN_SENTENCES {
                    return true;
                }
            }
        }
        false
    }

    /// A protest blockade blocks a way ("blocked the road", "the bridge was
    /// blocked") or is done by a crowd ("students blocked …").
    fn physical_block(&self, s: &Sent, first: usize) -> bool {
        (0..s.len()).any(|k| {
            self.word("way_noun", s.words[k])
                || self.word("crowd", s.words[k])
                || k < first && self.word("crowd_subject", s.words[k])
        })
    }

    /// Is the capitalised trigger at `k` a surname: a title right before it
    /// ("AG Lynch", also in a title-case line), or the same word after a title
    /// or inside a name in running text elsewhere in the document ("appointed
    /// Loretta Lynch", then "Lynch announced …")?
    pub fn surname(&self, s: &Sent, k: usize) -> bool {
        if k > 0 && self.word("name_title", s.words[k - 1]) {
            return true;
        }
        let t = s.text(k);
        // The word in lower case elsewhere is a common noun of this
        // document ("protests", then "Protests broke out").
        let lower = t.to_lowercase();
        if (0..s.doc.tokens.len()).any(|j| s.doc.token_text(&s.doc.tokens[j]) == lower) {
            return false;
        }
        let text = s.doc.text.as_str();
        text.match_indices(t).any(|(b, _)| {
            let after = text[b + t.len()..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                return false;
            }
            let Some(before) = text[..b].strip_suffix(' ') else {
                return false;
            };
            let prev_start = before.rfind([' ', '\n']).map_or(0, |p| p + 1);
            let prev = &before[prev_start..];
            if self.word("name_title", &prev.to_lowercase()) {
                return true;
            }
            // A title-case line ("17 Slain in Dagestani Battle") names nothing.
            let sent = s.doc.sentence_at(b);
            let words: Vec<&str> = s.doc.sentences[sent]
                .tokens
                .clone()
                .map(|i| s.doc.token_text(&s.doc.tokens[i]))
                .collect();
            if title_case(&words) {
                return false;
            }
            // A first name after running text: "appointed Loretta Lynch",
            // in one sentence. A sentence-initial word after the last word of
            // the sentence before ("… in Lagos Protests broke out", a
            // headline glued to the text) is no name, nor a word after a place.
            if s.doc.sentence_at(prev_start) != sent
                || s.doc.sentences[sent].start == b
                || s.places
                    .iter()
                    .any(|p| p.span.byte_start <= prev_start && prev_start < p.span.byte_end)
            {
                return false;
            }
            let cap = prev.chars().next().is_some_and(char::is_uppercase)
                && prev.chars().all(char::is_alphabetic)
                && prev.chars().skip(1).all(char::is_lowercase);
            let Some(earlier) = before[..prev_start].strip_suffix(' ') else {
                return false;
            };
            let word_start = earlier.rfind([' ', '\n']).map_or(0, |p| p + 1);
            let earlier = &earlier[word_start..];
            // ("in Accra Protests": a place before, not a first name.)
            cap && earlier.chars().next().is_some_and(char::is_lowercase)
                && earlier.chars().all(char::is_alphabetic)
                && !self.word("place_prep", earlier)
        })
    }
}

/// A WordNet first-sense class of a person or a group.
fn human_class(c: &str) -> bool {
    c.starts_with("person") || c.starts_with("group")
}

/// Whether word `k` names a person or a group: a person, civilian or armed
/// unit word, a personal pronoun, an actor, or a word whose first sense
/// (`sense`) is a person or a group.
fn person_word(s: &Sent, k: usize, sense: Option<&str>) -> bool {
    let w = s.words[k];
    [
        "person_unit",
        "civilian_unit",
        "armed_unit",
        "person_pronoun",
    ]
    .iter()
    .any(|c| s.lx.is(c, w))
        || s.actor_of[k].is_some()
        || sense.is_some_and(human_class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_parses_and_a_bad_row_is_a_typed_error() {
        let s = Senses::bundled().expect("senses.tsv parses");
        assert!(s.word("way_noun", "roads"));
        assert!(s.word("campaign_event", "rallies"));
        assert!(s.form_of("rally_word", "rallied"));
        assert!(s.form_of("block_word", "blocking"));
        assert!(!s.form_of("block_word", "blockbuster"));
        assert!(Senses::parse("nonsense\trally\n").is_err());
        assert!(Senses::parse("way_noun\n").is_err());
    }

    use crate::tests::code_with_actors as code;
    use sitrep_core::Event;

    fn protest(e: &Event) -> bool {
        e.plover.event == "PROTEST"
    }

    fn violent(e: &Event) -> bool {
        !e.acled.event_type.is_empty()
    }

    /// `text` yields an event that `want` accepts.
    fn assert_coded(text: &str, want: fn(&Event) -> bool) {
        let (events, dropped) = code(text);
        assert!(events.iter().any(want), "{text}: {events:#?} {dropped:#?}");
    }

    /// `text` yields no event that `unwanted` accepts, and a drop whose rule
    /// starts with `rule`.
    fn assert_dropped(text: &str, rule: &str, unwanted: fn(&Event) -> bool) {
        let (events, dropped) = code(text);
        assert!(!events.iter().any(unwanted), "{text}: {events:#?}");
        assert!(
            dropped.iter().any(|d| d.rule.starts_with(rule)),
            "{text}: {dropped:#?}"
        );
    }

    /// An election story (our own sentences): the candidates' rallies are
    /// campaign events; a crowd's rally with a purpose stays a protest.
    #[test]
    fn a_candidates_rally_in_an_election_story_is_no_protest() {
        let story = "The presidential candidate toured three states this week. \
                     Voters in the primary will choose a nominee in June. ";
        for (line, rule) in [
            (
                "At a rally in Dayton on Tuesday, Mr. Hale said the plant would stay open.",
                "sense:campaign:rally",
            ),
            (
                "Hale repeated the promise at his rallies in Ohio.",
                "sense:campaign:rallies",
            ),
            (
                "Several reporters were turned away from Hale's rally in Toledo.",
                "sense:campaign:rally",
            ),
        ] {
            assert_dropped(
                &format!("{story}Mr. Hale said he would win. {line}"),
                rule,
                protest,
            );
        }
        for line in [
            "Thousands of nurses held a rally outside the statehouse to demand higher pay.",
            "Hundreds of protesters staged a rally in the capital against the new tax.",
            "Students rallied outside the university on Monday against tuition fees.",
            "A rally to save the rural clinics drew nurses from six counties on Saturday.",
        ] {
            assert_coded(&format!("{story}{line}"), protest);
        }
        // Outside an election story a rally stays a protest.
        assert_coded(
            "At a rally in Tbilisi on Sunday, the opposition leader spoke.",
            protest,
        );
    }

    #[test]
    fn a_figurative_or_market_rally_is_no_protest() {
        for (text, rule) in [
            (
                "The slogan became a rallying cry for the governor's allies.",
                "sense:figure:rallying",
            ),
            (
                "The mayor hopes to rally support among shop owners before the vote.",
                "sense:figure:rally",
            ),
            (
                "Party elders began rallying around the former mayor last week.",
                "sense:figure:rallying",
            ),
            (
                "The dollar's rally ended on Thursday as exporters sold.",
                "sense:market:rally",
            ),
            (
                "Party loyalists rallied around the embattled prime minister on Friday.",
                "sense:figure:rallied",
            ),
        ] {
            assert_dropped(text, rule, protest);
        }
        // A market before the rally word (other rules may drop it first).
        for text in [
            "Shares rallied in Frankfurt on Monday after the rate decision.",
            "Bank stocks and the euro rallied on Monday after the rate decision.",
        ] {
            assert_dropped(text, "", protest);
        }
        for text in [
            "Hundreds of dockers rallied in support of the sacked crane drivers in Durban on Friday.",
            "Thousands rallied in Lagos against rising fuel prices on Monday.",
            "Market traders rallied outside the town hall in Kumasi on Monday.",
            "Fishermen and market vendors rallied at the harbour in Tema on Friday.",
            "Thousands of supporters rallied around the presidential palace in Bishkek on Sunday.",
        ] {
            assert_coded(text, protest);
        }
    }

    #[test]
    fn a_blocked_bill_is_no_blockade() {
        for text in [
            "Senate Democrats blocked the envoy's appointment on Thursday.",
            "A federal judge blocked the merger of the two grocery chains on Monday.",
            "The council is blocking a ban on plastic bags.",
        ] {
            assert_dropped(text, "sense:obstruct:", protest);
        }
        for text in [
            "Angry fishermen blocked the bridge to the island for six hours on Tuesday.",
            "Truckers blocked the border crossing near Calais on Monday.",
            "Students blocked the entrance to the ministry on Wednesday.",
        ] {
            assert_coded(text, protest);
        }
    }

    #[test]
    fn carrying_out_and_offending_are_no_attacks() {
        for (text, rule) in [
            (
                "The contractor is executing the second phase of the bypass project this spring.",
                "sense:perform:executing",
            ),
            (
                "The board said the plan was well designed but badly executed on the ground.",
                "sense:perform:executed",
            ),
            (
                "A search warrant was executed at the farmhouse on Tuesday.",
                "sense:perform:executed",
            ),
            (
                "The orders were executed swiftly by the regional police.",
                "sense:perform:executed",
            ),
            (
                "The ministry is executing 12 projects in the northern province.",
                "sense:perform:executing",
            ),
            (
                "The army told soldiers to stop posting offensive messages about civilians.",
                "sense:adjective:offensive",
            ),
        ] {
            assert_dropped(text, rule, violent);
        }
        for text in [
            "Militants executed two captured soldiers near Deir ez-Zor on Sunday.",
            "Six prisoners were executed at dawn in the provincial capital on Monday.",
            "Rebels executed 14 villagers accused of spying in Kivu on Friday.",
            "Insurgents executed Ahmed Karimi, a district official, in Ghazni on Monday.",
            "Two of the hostages were later executed by the kidnappers, police said.",
            "Militants executed them in the main square of the town on Sunday.",
            "The three men had been executed by firing squad, the rebels said on Monday.",
            "The regime executed a prominent dissident by hanging on Thursday.",
            "The army launched an offensive against the rebels in Idlib on Tuesday.",
        ] {
            assert_coded(text, violent);
        }
    }

    #[test]
    fn a_jail_building_is_no_arrest() {
        let arrest = |e: &Event| e.cameo == "173";
        assert_dropped(
            "Visitors queued outside the jail in Leeds on Sunday morning.",
            "sense:noun:jail",
            arrest,
        );
        assert_coded(
            "Police jailed six opposition activists in Minsk on Friday.",
            arrest,
        );
        assert_coded(
            "Police took the two opposition activists to the jail in Minsk on Friday.",
            arrest,
        );
    }

    #[test]
    fn a_surname_is_no_event() {
        let named = |t: &'static str| move |e: &Event| e.trigger.text == t;
        assert_dropped(
            "The governor sued Attorney General Ana Lynch on Monday. \
             Lynch announced the lawsuit in Raleigh. \
             He named AG Lynch and two deputies in the complaint.",
            "name:capitalised",
            |e| e.trigger.text == "Lynch",
        );
        // A title-case headline names nothing: its battle stays an event.
        let (events, dropped) =
            code("At Least 9 Killed in Upland Battle.\nThe fighting began at dawn.");
        assert!(events.iter().any(named("Battle")), "{dropped:#?}");
        // A sentence-initial word is no surname because a line that ends on
        // a capitalised word was glued before it elsewhere in the document
        // ("… fuel prices in Accra Protests broke out"), nor when the
        // document writes the word in lower case elsewhere.
        for text in [
            "Anger over fuel prices in Accra Protests broke out on Monday, police said.\n\
             Protests broke out in Kumasi on Tuesday as well.",
            "Police said Governor Protests would speak on Monday. \
             Protests broke out in Kumasi on Tuesday. The protests were peaceful.",
        ] {
            let (events, dropped) = code(text);
            assert!(
                events.iter().any(named("Protests")),
                "{events:#?} {dropped:#?}"
            );
        }
        // A lynching stays an event.
        assert_coded(
            "A mob lynched two cattle traders near Alwar on Sunday.",
            |e| e.trigger.text == "lynched",
        );
    }
}
