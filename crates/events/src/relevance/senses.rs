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
    "adjective_word",
    "adjective_head",
    "custody_noun",
    "custody_prep",
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
        let next = s.words.get(first + 1).copied().unwrap_or("");
        if self.word("adjective_word", w) && self.word("adjective_head", next) {
            return Some(format!("sense:adjective:{w}"));
        }
        None
    }

    /// A killing verb that also means "carry out" ("executing every part of
    /// the design", "good at executing on that") kills only a person: a
    /// person, a group or a number after it, a pronoun, or a passive
    /// ("were executed").
    fn person_patient(&self, s: &Sent, first: usize) -> bool {
        if s.words[first].ends_with("ed") && first > 0 && s.lx.is("passive_aux", s.words[first - 1])
        {
            return true;
        }
        let table = crate::semclass_table::Table::bundled();
        let person = |w: &str| {
            let lemma = w.strip_suffix('s').unwrap_or(w);
            table.is_some_and(|t| {
                [w, lemma].iter().any(|x| {
                    t.classes(x)
                        .take(1)
                        .any(|c| c.starts_with("person") || c.starts_with("group"))
                })
            })
        };
        let end = (first + 1 + PATIENT_WINDOW).min(s.len());
        (first + 1..end).any(|k| {
            let w = s.words[k];
            // A count of people ("executed 14", "executed two"), not "the second phase".
            let count = w.starts_with(|c: char| c.is_ascii_digit())
                || s.lx
                    .quants
                    .get(w)
                    .is_some_and(|q| q.value > 1 && !w.ends_with("nd"));
            // A name right after the verb: "to execute Hartley".
            let name = k == first + 1 && s.text(k).starts_with(char::is_uppercase);
            count
                || name
                || matches!(w, "him" | "her" | "them" | "us" | "me")
                || ["person_unit", "civilian_unit", "armed_unit"]
                    .iter()
                    .any(|c| s.lx.is(c, w))
                || s.actor_of[k].is_some()
                || person(w)
        })
    }

    /// "a rallying cry", "rallied to win", "rallying around a candidate",
    /// "rally women's support" (not "rallied in support of the strikers").
    fn figurative_rally(&self, s: &Sent, first: usize) -> bool {
        let after = first + 1;
        if after < s.len() && self.phrase_at("figure_after", &s.words, after).is_some() {
            // "rallied around the parliament building" is a place.
            let next = after + 1;
            let place = s.place_of.get(next).is_some_and(Option::is_some)
                || s.place_of.get(next + 1).is_some_and(Option::is_some);
            return !place;
        }
        (after..(first + 4).min(s.len()))
            .any(|k| self.word("figure_object", s.words[k]) && s.words[k - 1] != "in")
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
                    || matches!(
                        w,
                        "and" | "or" | "after" | "before" | "without" | "yesterday"
                    )
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
        let before = (first.saturating_sub(3)..first).any(|k| self.word("market_word", s.words[k]));
        let after = s.words.get(first + 1) == Some(&"in")
            && (first + 2..(first + 5).min(s.len())).any(|k| self.word("market_word", s.words[k]));
        let protest = (first + 1..(first + 1 + PURPOSE_WINDOW).min(s.len()))
            .any(|k| self.phrase_at("protest_purpose", &s.words, k).is_some());
        (before || after) && !protest
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
            // A first name after running text: "appointed Loretta Lynch".
            let cap = prev.chars().next().is_some_and(char::is_uppercase)
                && prev.chars().all(char::is_alphabetic)
                && prev.chars().skip(1).all(char::is_lowercase);
            let Some(earlier) = before[..prev_start].strip_suffix(' ') else {
                return false;
            };
            let word_start = earlier.rfind([' ', '\n']).map_or(0, |p| p + 1);
            let earlier = &earlier[word_start..];
            cap && earlier.chars().next().is_some_and(char::is_lowercase)
                && earlier.chars().all(char::is_alphabetic)
        })
    }
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

    fn code(text: &str) -> (Vec<sitrep_core::Event>, Vec<sitrep_core::Dropped>) {
        use sitrep_core::{Analysis, Doc, Stage};
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        sitrep_actors::ActorTagger::load_default()
            .expect("actor dictionaries")
            .annotate(&doc, &mut a);
        let coder = crate::EventCoder::load_default().expect("bundled tables");
        coder.annotate(&doc, &mut a);
        (a.events, a.dropped)
    }

    fn protest(events: &[sitrep_core::Event]) -> bool {
        events.iter().any(|e| e.plover.event == "PROTEST")
    }

    fn rules(dropped: &[sitrep_core::Dropped]) -> Vec<&str> {
        dropped.iter().map(|d| d.rule.as_str()).collect()
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
            let text = format!("{story}Mr. Hale said he would win. {line}");
            let (events, dropped) = code(&text);
            assert!(!protest(&events), "{line}: {events:#?}");
            assert!(rules(&dropped).contains(&rule), "{line}: {dropped:#?}");
        }
        for line in [
            "Thousands of nurses held a rally outside the statehouse to demand higher pay.",
            "Hundreds of protesters staged a rally in the capital against the new tax.",
            "Students rallied outside the university on Monday against tuition fees.",
            "A rally to save the rural clinics drew nurses from six counties on Saturday.",
        ] {
            let text = format!("{story}{line}");
            let (events, dropped) = code(&text);
            assert!(protest(&events), "{line}: {dropped:#?}");
        }
        // Outside an election story a rally stays a protest.
        let (events, dropped) =
            code("At a rally in Tbilisi on Sunday, the opposition leader spoke.");
        assert!(protest(&events), "{dropped:#?}");
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
        ] {
            let (events, dropped) = code(text);
            assert!(!protest(&events), "{text}: {events:#?}");
            assert!(rules(&dropped).contains(&rule), "{text}: {dropped:#?}");
        }
        for text in [
            "Hundreds of dockers rallied in support of the sacked crane drivers in Durban on Friday.",
            "Thousands rallied in Lagos against rising fuel prices on Monday.",
        ] {
            let (events, dropped) = code(text);
            assert!(protest(&events), "{text}: {dropped:#?}");
        }
    }

    #[test]
    fn a_blocked_bill_is_no_blockade() {
        for text in [
            "Senate Democrats blocked the envoy's appointment on Thursday.",
            "A federal judge blocked the merger of the two grocery chains on Monday.",
            "The council is blocking a ban on plastic bags.",
        ] {
            let (events, dropped) = code(text);
            assert!(!protest(&events), "{text}: {events:#?}");
            assert!(
                rules(&dropped)
                    .iter()
                    .any(|r| r.starts_with("sense:obstruct:")),
                "{text}: {dropped:#?}"
            );
        }
        for text in [
            "Angry fishermen blocked the bridge to the island for six hours on Tuesday.",
            "Truckers blocked the border crossing near Calais on Monday.",
            "Students blocked the entrance to the ministry on Wednesday.",
        ] {
            let (events, dropped) = code(text);
            assert!(protest(&events), "{text}: {dropped:#?}");
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
                "The army told soldiers to stop posting offensive messages about civilians.",
                "sense:adjective:offensive",
            ),
        ] {
            let (events, dropped) = code(text);
            assert!(
                events.iter().all(|e| e.acled.event_type.is_empty()),
                "{text}: {events:#?}"
            );
            assert!(rules(&dropped).contains(&rule), "{text}: {dropped:#?}");
        }
        for text in [
            "Militants executed two captured soldiers near Deir ez-Zor on Sunday.",
            "Six prisoners were executed at dawn in the provincial capital on Monday.",
            "Rebels executed 14 villagers accused of spying in Kivu on Friday.",
            "Insurgents executed Ahmed Karimi, a district official, in Ghazni on Monday.",
            "The army launched an offensive against the rebels in Idlib on Tuesday.",
        ] {
            let (events, dropped) = code(text);
            assert!(
                events.iter().any(|e| !e.acled.event_type.is_empty()),
                "{text}: {dropped:#?}"
            );
        }
    }

    #[test]
    fn a_jail_building_is_no_arrest() {
        let (events, dropped) =
            code("Visitors queued outside the jail in Leeds on Sunday morning.");
        assert!(events.iter().all(|e| e.cameo != "173"), "{events:#?}");
        assert!(rules(&dropped).contains(&"sense:noun:jail"), "{dropped:#?}");
        let (events, _) = code("Police jailed six opposition activists in Minsk on Friday.");
        assert!(events.iter().any(|e| e.cameo == "173"), "{events:#?}");
        let (events, dropped) =
            code("Police took the two opposition activists to the jail in Minsk on Friday.");
        assert!(events.iter().any(|e| e.cameo == "173"), "{dropped:#?}");
    }

    #[test]
    fn a_surname_is_no_event() {
        let text = "The governor sued Attorney General Ana Lynch on Monday. \
                    Lynch announced the lawsuit in Raleigh. \
                    He named AG Lynch and two deputies in the complaint.";
        let (events, dropped) = code(text);
        assert!(
            events.iter().all(|e| e.trigger.text != "Lynch"),
            "{events:#?}"
        );
        assert!(
            rules(&dropped).contains(&"name:capitalised"),
            "{dropped:#?}"
        );
        // A title-case headline names nothing: its battle stays an event.
        let (events, dropped) =
            code("At Least 9 Killed in Upland Battle.\nThe fighting began at dawn.");
        assert!(
            events.iter().any(|e| e.trigger.text == "Battle"),
            "{dropped:#?}"
        );
        // A lynching stays an event.
        let (events, _) = code("A mob lynched two cattle traders near Alwar on Sunday.");
        assert!(
            events.iter().any(|e| e.trigger.text == "lynched"),
            "{events:#?}"
        );
    }
}
