//! Where and when an event happened: the place and time arguments of a
//! trigger, and the publication-date fallback with its precision flags.
//!
//! Owns the choice among place and time mentions that earlier stages
//! (places, times) put in the layers; it must not recognise or resolve
//! places or dates itself, nor choose actors (that is `args`).
//!
//! Two guards keep the wrong mention out. A place the places stage flagged
//! as a dateline (rule ending in `+dateline`: "BEIRUT (Reuters) -") is where
//! the reporter filed from, never the event's place; a later mention of the
//! same town in the text can still be. A date counts for an event only in the
//! event's own clause or in a sentence-opening adverbial that governs it
//! ("On Monday, jets bombed …"); a date in another clause ("Rebels said on
//! Tuesday that jets bombed …", "…, which rebels took in June") is not
//! stolen, and the event falls back to the publication date, flagged.

use crate::args::Arg;
use crate::sentence::Sent;
use sitrep_core::EventTime;

/// The event's place: a literal toponym in the clause introduced by a place
/// preposition ("in and around Aleppo", "on the town of al-Bab"), else the
/// nearest toponym in the sentence.
pub fn place(s: &Sent, first: usize, last: usize) -> Option<Arg> {
    let lb = s.clause_start(first);
    let rb = clause_end_through_lists(s, last);
    let mut best: Option<PlaceCand> = None;
    let mut cands: Vec<PlaceCand> = Vec::new();
    let mut k = 0;
    while k < s.len() {
        let Some(p) = s.place_of[k] else {
            k += 1;
            continue;
        };
        let start = k;
        while k < s.len() && s.place_of[k] == Some(p) {
            k += 1;
        }
        if is_dateline(s, p) {
            continue;
        }
        // Is it introduced by a place preposition within 4 tokens?
        let mut pp = false;
        let mut prep = None;
        // The object of the trigger's own verb of attack is where it hit
        // ("drone strikes hit Port Sudan as fighting rages in El Fasher";
        // "jets pounded Aleppo").
        let own_verb = |v: usize| (first..=last + 1).contains(&v);
        if start > 0 && own_verb(start - 1) && s.lx.is("place_object_verb", s.words[start - 1]) {
            pp = true;
            prep = Some(start - 1);
        }
        let mut j = start;
        let mut steps = 0;
        while !pp && j > 0 && steps < 5 {
            j -= 1;
            steps += 1;
            if s.lx.is("place_prep", s.words[j])
                || s.lx.cue_ending_at("place_prep", &s.words, j).is_some()
            {
                pp = true;
                prep = Some(j);
                break;
            }
            if s.is_boundary(j) || s.words[j] == "," || (j >= first && j <= last) {
                break;
            }
        }
        // A passive trigger ("Kherson was again heavily shelled by Russia"):
        // the place before it is what was hit, not who hit. A progressive
        // ("Russia is pounding …") is active.
        let passive = !s.words[first].ends_with("ing") && be_before(s, first);
        let dist = if start > last {
            start - last
        } else {
            first.saturating_sub(start)
        };
        let in_clause = start >= lb && start <= rb + 6;
        // Outside the clause only a locative PP counts ("… said, in Aleppo"): a
        // country named as an actor elsewhere in the sentence is not the place.
        if !in_clause && !pp {
            continue;
        }
        // Within the clause the finest place wins: "airstrikes in the Aleppo
        // province, including … on the town of al-Bab" happened in al-Bab.
        // A country is coarser than a region of the same precision ("In Niger,
        // gunmen abducted a chief in Tillaberi region").
        let country = s.places.get(p).is_some_and(|pl| pl.feature == "country");
        let coarseness =
            usize::from(s.place_precision(p).saturating_sub(1)) * 50 + if country { 25 } else { 0 };
        // A bare place before the trigger is its subject, and one after "by"
        // its agent: the attacker ("Russia attacked Ukraine overnight",
        // "Kharkiv was shelled by Russia"). Where an attack lands is its
        // target or locative, so any place under a preposition or as the
        // object of the clause wins over it.
        let agent = (start < first && !passive) || (start > 0 && s.words[start - 1] == "by");
        let score = match (pp && in_clause, in_clause) {
            (true, _) => coarseness + dist,
            (false, true) if agent => 300 + dist,
            (false, true) => 100 + dist,
            _ => 1000 + dist,
        };
        let rule = if pp && in_clause {
            "place:in-PP"
        } else if in_clause {
            "place:same-clause"
        } else {
            "place:in-PP-elsewhere-in-sentence"
        };
        let cand = (
            score,
            Arg {
                index: p,
                tok: start,
                rule,
            },
            prep,
            coarse(s, p),
        );
        if best.as_ref().is_none_or(|(b, ..)| score < *b) {
            best = Some(cand);
        }
        cands.push(cand);
    }
    // Places under one preposition name one location at two scales ("in
    // northern Yemen's Saada province", "in Syria's Idlib province"): the
    // finest of them is the event's place.
    let (_, arg, prep, grain) = best?;
    let Some(prep) = prep else {
        return Some(arg);
    };
    let finer = cands
        .into_iter()
        .filter(|c| c.2 == Some(prep) && c.3 < grain)
        .min_by_key(|c| (c.3, c.0));
    Some(finer.map_or(arg, |c| c.1))
}

/// True when a form of "be" stands before token `first`, past any adverbs
/// ("was shelled", "were again heavily shelled").
fn be_before(s: &Sent, first: usize) -> bool {
    let adverb = |w: &str| {
        w.ends_with("ly") || matches!(w, "again" | "also" | "once" | "later" | "then" | "still")
    };
    let mut j = first;
    while j > 0 && adverb(s.words[j - 1]) {
        j -= 1;
    }
    // The passive auxiliaries of cue class "be" ("was", "were", "got" …).
    j > 0 && s.lx.is("be", s.words[j - 1])
}

/// A place mention for an event: score (lower is better), argument, token
/// of its place preposition, coarseness.
type PlaceCand = (usize, Arg, Option<usize>, (u8, u8));

/// How coarse place `p` is: its ACLED geo_precision, then its feature (a
/// country is coarser than a province of the same precision).
fn coarse(s: &Sent, p: usize) -> (u8, u8) {
    // `place_precision` reads an unknown place as a region (3).
    let feature = s.places.get(p).map_or(0, |pl| pl.grain().1);
    (s.place_precision(p), feature)
}

/// One past the last token of the clause of token `j`, read through what
/// continues it after a comma: a list of places (", including X", ", notably
/// Y") and, once such an aside is closed by its comma, a place or time
/// phrase that resumes the clause ("killed 14 civilians, including four
/// children, at a market in Idlib on Tuesday"); a place in apposition is
/// such an aside ("attacked a post in Djibo, Soum province, on 5 May").
fn clause_end_through_lists(s: &Sent, j: usize) -> usize {
    let mut rb = s.clause_end(j);
    let mut aside = false;
    while rb + 1 < s.len() && s.words[rb] == "," {
        let next = s.words[rb + 1];
        // A place in apposition after a place, closed by its own comma:
        // "in Djibo, Soum province, on 5 May".
        let apposed_place = rb > 0
            && s.place_of[rb - 1].is_some()
            && s.place_of[rb + 1].is_some()
            && s.words.get(s.clause_end(rb + 1)) == Some(&",");
        if s.lx.is("place_list_continuation", next) || apposed_place {
            aside = true;
        } else if !(aside && s.lx.is("place_prep", next)) {
            break;
        } else {
            aside = false;
        }
        rb = s.clause_end(rb + 1);
    }
    rb
}

/// Suffix of the places stage's rule for a place named in a dateline
/// (`sitrep_places::dateline::DATELINE`; events does not depend on places).
const DATELINE: &str = "+dateline";

fn is_dateline(s: &Sent, p: usize) -> bool {
    s.places
        .get(p)
        .is_some_and(|pl| pl.rule.ends_with(DATELINE))
}

/// Rule of a time argument read from the dateline.
const DATELINE_TIME: &str = "time:dateline";

/// True when the time at tokens `k..end` is part of a dateline: a bracket
/// or a dash follows it, and before it come only places (the dateline's
/// own), words in capitals (a town the gazetteer lacks: "GAO, Mali, March 4
/// (Reuters) -") and punctuation.
fn in_dateline(s: &Sent, k: usize, end: usize) -> bool {
    let after = s.words.get(end).copied().unwrap_or("");
    if k == 0 || !matches!(after, "(" | "-" | "–" | "—" | "--" | "_") {
        return false;
    }
    let capitals = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_uppercase());
    s.kinds[0] != sitrep_core::TokenKind::Punct
        && (0..k).all(|j| {
            s.place_of[j].is_some()
                || s.kinds[j] == sitrep_core::TokenKind::Punct
                || s.doc
                    .tokens
                    .get(s.base + j)
                    .is_some_and(|t| capitals(s.doc.token_text(t)))
        })
}

/// True when tokens `a..b` hold a reporting verb or a complementizer "that":
/// a date on the far side of one belongs to the report, not the event.
fn crosses_report(s: &Sent, a: usize, b: usize) -> bool {
    (a..b.min(s.len())).any(|k| s.lx.is("report", s.words[k]) || s.words[k] == "that")
}

/// The time expression that dates the event of the trigger at `first`: the
/// nearest one with a calendar value in the trigger's clause; else one that
/// opens the sentence ("On Monday, …", "Late on Tuesday …") with no report
/// verb between it and the trigger. A date in another clause of the
/// sentence is never taken.
pub fn time(s: &Sent, first: usize, times: &[sitrep_core::TimeExpr]) -> Option<Arg> {
    let lb = s.clause_start(first);
    let rb = clause_end_through_lists(s, first);
    let mut best: Option<(usize, Arg)> = None;
    for k in 0..s.len() {
        let Some(t) = s.time_of[k] else { continue };
        if k > 0 && s.time_of[k - 1] == Some(t) {
            continue;
        }
        let Some(te) = times.get(t) else { continue };
        if !(te.kind == "DATE" || te.kind == "TIME")
            || !te.value.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let mut end = k;
        while end < s.len() && s.time_of[end] == Some(t) {
            end += 1;
        }
        // The filing date of a dateline ("MOGADISHU, March 4 (Reuters) -")
        // dates the report: only when the clause has no date of its own.
        if in_dateline(s, k, end) {
            let d = 2000 + k.abs_diff(first);
            if best.as_ref().is_none_or(|(b, _)| d < *b) {
                best = Some((
                    d,
                    Arg {
                        index: t,
                        tok: k,
                        rule: DATELINE_TIME,
                    },
                ));
            }
            continue;
        }
        let in_clause = k >= lb && k < rb;
        // A fronted adverbial: only prepositions and hedges before it, and
        // nothing but its own comma and the clause before the trigger.
        let fronted = !in_clause
            && end <= first
            && (0..k).all(|j| {
                s.is_prep(s.words[j])
                    || s.kinds[j] == sitrep_core::TokenKind::Punct
                    || matches!(s.words[j], "late" | "early" | "earlier" | "later")
            })
            && !crosses_report(s, end, first);
        if !in_clause && !fronted {
            continue;
        }
        let d = k.abs_diff(first) + if in_clause { 0 } else { 1000 };
        if best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((
                d,
                Arg {
                    index: t,
                    tok: k,
                    rule: if in_clause {
                        "time:same-clause"
                    } else {
                        "time:fronted-adverbial"
                    },
                },
            ));
        }
    }
    best.map(|(_, a)| a)
}

/// The event's time: the time argument of the trigger when there is one,
/// else the publication date flagged as a fallback. Pushes the rule used.
pub fn event_time(
    s: &Sent,
    first: usize,
    times: &[sitrep_core::TimeExpr],
    published: Option<chrono::NaiveDate>,
    rules: &mut Vec<String>,
) -> Option<EventTime> {
    match time(s, first, times) {
        Some(t) => {
            rules.push(t.rule.to_string());
            times
                .get(t.index)
                .map(|te| EventTime {
                    // A TIME value's day part is the event day ("2015-06-01TNI").
                    value: te.value.split('T').next().unwrap_or(&te.value).to_string(),
                    precision: te.precision.clone(),
                    time_precision: match te.precision.as_str() {
                        "day" | "time" | "minute" | "hour" => 1,
                        "week" | "weekend" => 2,
                        _ => 3,
                    },
                    time: Some(t.index),
                    // A filing date bounds the event as loosely as the publication date.
                    fallback: t.rule == DATELINE_TIME,
                })
                .map(|mut et| {
                    if et.fallback {
                        et.time_precision = 2;
                    }
                    et
                })
        }
        None => published.map(|d| {
            rules.push("time:publication-date-fallback".into());
            // The report date bounds the event only loosely: ACLED precision 2, not 1.
            EventTime {
                value: d.format("%Y-%m-%d").to_string(),
                precision: "day".into(),
                time_precision: 2,
                time: None,
                fallback: true,
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    //! Sentences written for these rules, on hand-built place and time layers.
    use sitrep_core::{Actor, Analysis, Doc, DocMeta, Event, Place, Stage, TimeExpr};

    use crate::EventCoder;

    struct Fx {
        doc: Doc,
        a: Analysis,
    }

    impl Fx {
        fn new(text: &str) -> Fx {
            let meta = DocMeta {
                published: chrono::NaiveDate::from_ymd_opt(2015, 6, 2),
                ..DocMeta::default()
            };
            Fx {
                doc: Doc::with_meta("t", text, meta),
                a: Analysis::default(),
            }
        }

        /// The `nth` occurrence (0-based) of `needle`.
        fn span(&self, needle: &str, nth: usize) -> sitrep_core::Span {
            let (b, _) = self
                .doc
                .text
                .match_indices(needle)
                .nth(nth)
                .unwrap_or_else(|| panic!("{needle} #{nth} not in text"));
            self.doc.span(b, b + needle.len())
        }

        fn actor(mut self, text: &str, code: &str) -> Fx {
            let span = self.span(text, 0);
            self.a.actors.push(Actor {
                span,
                code: code.into(),
                name: text.into(),
                country: None,
                sector: Some("GOV".into()),
                inter: Some(1),
                rule: "test".into(),
            });
            self
        }

        fn place(mut self, text: &str, nth: usize, rule: &str) -> Fx {
            let span = self.span(text, nth);
            self.a.places.push(Place {
                span,
                name: format!("{text}#{nth}"),
                geonameid: Some(1),
                role: "literal".into(),
                geo_precision: 1,
                feature: "city".into(),
                rule: rule.into(),
                ..Place::default()
            });
            self
        }

        /// A place at a given scale: `feature` (`city`, `admin1`, `country`)
        /// and ACLED geo_precision.
        fn place_as(mut self, text: &str, feature: &str, precision: u8) -> Fx {
            let span = self.span(text, 0);
            self.a.places.push(Place {
                span,
                name: text.into(),
                geonameid: Some(self.a.places.len() as u64 + 1),
                role: "literal".into(),
                geo_precision: precision,
                feature: feature.into(),
                rule: "test".into(),
                ..Place::default()
            });
            self
        }

        fn time(mut self, text: &str, value: &str) -> Fx {
            let span = self.span(text, 0);
            self.a.times.push(TimeExpr {
                span,
                value: value.into(),
                kind: "DATE".into(),
                precision: "day".into(),
                rule: "test".into(),
            });
            self
        }

        fn run(mut self) -> Vec<Event> {
            EventCoder::load_default()
                .expect("builtin data loads")
                .annotate(&self.doc, &mut self.a);
            self.a.events
        }
    }

    fn bombing(ev: &[Event]) -> &Event {
        ev.iter()
            .find(|e| e.trigger.text == "bombed")
            .unwrap_or_else(|| panic!("no bombing in {ev:#?}"))
    }

    fn place_of(e: &Event) -> Option<&str> {
        e.place.as_ref().map(|p| p.name.as_str())
    }

    #[test]
    fn the_object_of_the_attack_verb_is_its_place() {
        let text = "Rebel drone strikes hit Port Sudan as fighting raged in El Fasher on Tuesday.";
        let ev = Fx::new(text)
            .place("Port Sudan", 0, "gazetteer:port sudan")
            .place("El Fasher", 0, "gazetteer:el fasher")
            .run();
        let strike = ev
            .iter()
            .find(|e| e.trigger.text.contains("strikes"))
            .unwrap_or_else(|| panic!("{ev:#?}"));
        assert_eq!(place_of(strike), Some("Port Sudan#0"));
        // The fighting (when coded) is not where the strikes hit.
        for f in ev.iter().filter(|e| e.trigger.text == "fighting") {
            assert_eq!(place_of(f), Some("El Fasher#0"));
        }
    }

    #[test]
    fn a_night_of_two_days_is_a_date_not_a_game_score() {
        let text = "On the night of 1-2 March, missiles hit Kharkiv, killing five people.";
        let ev = Fx::new(text)
            .place_as("Kharkiv", "city", 1)
            .time("the night of 1-2 March", "2026-03-01TNI")
            .run();
        let e = ev
            .iter()
            .find(|e| e.trigger.text.contains("hit"))
            .unwrap_or_else(|| panic!("{ev:#?}"));
        assert_eq!(
            e.time.as_ref().map(|t| t.value.as_str()),
            Some("2026-03-01")
        );
    }

    #[test]
    fn the_attackers_country_is_not_where_the_attack_lands() {
        // Sentences written for this test.
        let text = "Russia attacked Ukraine overnight, killing five people.";
        let ev = Fx::new(text)
            .place_as("Russia", "country", 3)
            .place_as("Ukraine", "country", 3)
            .run();
        let e = ev
            .iter()
            .find(|e| e.trigger.text == "attacked")
            .unwrap_or_else(|| panic!("{ev:#?}"));
        assert_eq!(place_of(e), Some("Ukraine"), "{}", e.rule);
        // The agent of a passive is the attacker too, however far the
        // subject (what was hit) stands from the participle.
        for text in [
            "Kherson was shelled by Russia on Sunday, killing two people.",
            "Kherson was heavily shelled by Russia on Sunday, killing two people.",
            "Kherson was again heavily shelled by Russia on Sunday, killing two people.",
        ] {
            let ev = Fx::new(text)
                .place_as("Kherson", "city", 1)
                .place_as("Russia", "country", 3)
                .run();
            let e = ev
                .iter()
                .find(|e| e.trigger.text == "shelled")
                .unwrap_or_else(|| panic!("{ev:#?}"));
            assert_eq!(place_of(e), Some("Kherson"), "{text}: {}", e.rule);
        }
    }

    #[test]
    fn a_dateline_is_not_the_event_place() {
        let text = "BEIRUT (Reuters) - Government jets bombed the town of Saraqib on Monday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place("BEIRUT", 0, "gazetteer:beirut+dateline")
            .place("Saraqib", 0, "gazetteer:saraqib")
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("Saraqib#0"));
        // With no other place the event has none, rather than the dateline.
        let text = "BEIRUT (Reuters) - Government jets bombed rebel positions on Monday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place("BEIRUT", 0, "gazetteer:beirut+dateline")
            .run();
        assert_eq!(place_of(bombing(&ev)), None);
        // The same control without the flag shows what the flag prevents.
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place("BEIRUT", 0, "gazetteer:beirut")
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("BEIRUT#0"));
    }

    #[test]
    fn the_dateline_town_counts_when_the_text_places_the_event_there() {
        let text = "BEIRUT (Reuters) - Government jets bombed a district of Beirut on Monday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place("BEIRUT", 0, "gazetteer:beirut+dateline")
            .place("Beirut", 0, "gazetteer:beirut")
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("Beirut#0"));
    }

    #[test]
    fn a_dateline_date_yields_to_the_clause_date_and_alone_is_a_fallback() {
        let text = "MOGADISHU, March 4 (Reuters) - Government jets bombed a market near Afgoye \
                    in the south of the country on Tuesday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SOMMIL")
            .place("MOGADISHU", 0, "gazetteer:mogadishu+dateline")
            .place("Afgoye", 0, "gazetteer:afgoye")
            .time("March 4", "2026-03-04")
            .time("Tuesday", "2026-03-03")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!((t.value.as_str(), t.fallback), ("2026-03-03", false));
        // Alone, the filing date dates the event only loosely.
        let text = "MOGADISHU, March 4 (Reuters) - Government jets bombed Afgoye.";
        let ev = Fx::new(text)
            .actor("Government jets", "SOMMIL")
            .place("MOGADISHU", 0, "gazetteer:mogadishu+dateline")
            .place("Afgoye", 0, "gazetteer:afgoye")
            .time("March 4", "2026-03-04")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!(
            (t.value.as_str(), t.fallback, t.time_precision),
            ("2026-03-04", true, 2)
        );
        // A dateline town the gazetteer lacks, in capitals.
        let text = "GAO, March 4 (Reuters) - Government jets bombed a market near Afgoye \
                    in the south of the country on Tuesday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SOMMIL")
            .place("Afgoye", 0, "gazetteer:afgoye")
            .time("March 4", "2026-03-04")
            .time("Tuesday", "2026-03-03")
            .run();
        assert_eq!(bombing(&ev).time.as_ref().unwrap().value, "2026-03-03");
        // A date in brackets inside the clause is no dateline.
        let text = "Government jets bombed a market near Afgoye in the south of the \
                    country on March 4 (a Tuesday) - activists said.";
        let ev = Fx::new(text)
            .actor("Government jets", "SOMMIL")
            .place("Afgoye", 0, "gazetteer:afgoye")
            .time("March 4", "2026-03-04")
            .run();
        assert!(!bombing(&ev).time.as_ref().unwrap().fallback);
    }

    #[test]
    fn the_event_date_comes_from_its_own_clause() {
        let text = "Government jets bombed Saraqib on June 1, activists said.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place("Saraqib", 0, "gazetteer:saraqib")
            .time("June 1", "2015-06-01")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!((t.value.as_str(), t.fallback), ("2015-06-01", false));
        assert!(bombing(&ev).rule.contains("time:same-clause"));
        // A fronted adverbial governs the clause after its comma.
        let text = "Late on Monday, government jets bombed Saraqib.";
        let ev = Fx::new(text)
            .actor("government jets", "SYRMIL")
            .time("Monday", "2015-06-01")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!((t.value.as_str(), t.fallback), ("2015-06-01", false));
    }

    #[test]
    fn a_date_in_another_clause_is_not_stolen() {
        // The date of the report is not the date of the bombing.
        let text = "Rebels said on Tuesday that government jets bombed Saraqib.";
        let ev = Fx::new(text)
            .actor("government jets", "SYRMIL")
            .time("Tuesday", "2015-06-02")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert!(
            t.fallback && t.time.is_none() && t.time_precision == 2,
            "{t:?}"
        );
        assert!(bombing(&ev).rule.contains("time:publication-date-fallback"));
        // Nor is the date of a relative clause about something else.
        let text = "Government jets bombed Saraqib, which rebels captured in May 2014.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .time("May 2014", "2014-05")
            .run();
        assert!(bombing(&ev).time.as_ref().unwrap().fallback);
        // A fronted date with a report verb before the trigger dates the report.
        let text = "On Tuesday, rebels said government jets bombed Saraqib.";
        let ev = Fx::new(text)
            .actor("government jets", "SYRMIL")
            .time("Tuesday", "2015-06-02")
            .run();
        assert!(bombing(&ev).time.as_ref().unwrap().fallback);
    }

    #[test]
    fn the_finest_place_under_one_preposition_is_the_event_place() {
        // A country and its province under one "in": the province, whether the
        // province counts as precision 1 or, like the country, 3.
        for precision in [1, 3] {
            let text = "Coalition jets bombed a crowded market in northern Yemen's Saada province.";
            let ev = Fx::new(text)
                .actor("Coalition jets", "SAUMIL")
                .place_as("Yemen", "country", 3)
                .place_as("Saada province", "admin1", precision)
                .run();
            assert_eq!(place_of(bombing(&ev)), Some("Saada province"));
        }
        // The same after an aside closed by a comma, outside the trigger's clause.
        let text = "Government jets bombed a market, including two bakeries, in Syria's \
                    Idlib province.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place_as("Syria", "country", 3)
            .place_as("Idlib province", "admin1", 3)
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("Idlib province"));
        // Two prepositions are two places: the nearer one stays.
        let text = "Government jets bombed Saraqib in Idlib province from bases in Syria.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place_as("Saraqib", "city", 1)
            .place_as("Idlib province", "admin1", 3)
            .place_as("Syria", "country", 3)
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("Saraqib"));
    }

    #[test]
    fn an_aside_closed_by_a_comma_does_not_end_the_clause() {
        // ", including four children," sits inside the clause: the date after
        // it dates the bombing.
        let text = "Government jets bombed a market and nine civilians, including four \
                    children, on Monday, activists said.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .time("Monday", "2015-06-01")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!((t.value.as_str(), t.fallback), ("2015-06-01", false));
        // Without the aside a date after a second comma stays outside.
        let text = "Government jets bombed a market and nine civilians, at night, on Monday, \
                    activists said.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .time("Monday", "2015-06-01")
            .run();
        assert!(bombing(&ev).time.as_ref().unwrap().fallback);
    }

    #[test]
    fn a_place_in_apposition_does_not_end_the_clause() {
        let text = "Government jets bombed a market in Saraqib, Idlib province, on Monday.";
        let ev = Fx::new(text)
            .actor("Government jets", "SYRMIL")
            .place_as("Saraqib", "city", 1)
            .place_as("Idlib province", "admin1", 3)
            .time("Monday", "2015-06-01")
            .run();
        let t = bombing(&ev).time.as_ref().unwrap();
        assert_eq!((t.value.as_str(), t.fallback), ("2015-06-01", false));
        assert_eq!(place_of(bombing(&ev)), Some("Saraqib"));
    }

    #[test]
    fn a_fronted_country_yields_to_the_region_in_the_clause() {
        let text = "In Syria, government jets bombed a market in Idlib province.";
        let ev = Fx::new(text)
            .actor("government jets", "SYRMIL")
            .place_as("Syria", "country", 3)
            .place_as("Idlib province", "admin1", 3)
            .run();
        assert_eq!(place_of(bombing(&ev)), Some("Idlib province"));
    }
}
