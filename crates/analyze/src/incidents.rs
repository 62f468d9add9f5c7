//! In-document incidents: the events of one article that describe the same
//! thing (same ACLED type, place and day) grouped together.
//!
//! Owns only grouping within one article, following ACLED's rule of one event
//! per day, place, actor pair and type. Linking reports across articles into
//! incidents belongs to `sitrep-link`.
//!
//! A place named at two scales ("Yemen" in the headline, "Saada" in the
//! lead) is one place, and an event dated only by the publication date
//! shares the day of a dated one; the best-supported event (named
//! perpetrator, date from the text, finest place) represents the incident.
//! Each of the incident's own fields (perpetrator, target, place, date,
//! tolls) is the best one any of its events reports, so a headline's place
//! and the lead's date both reach it.

use serde::Serialize;
use sitrep_core::{Actor, Analysis, Count, Event, EventTime, Factuality, Place};
use sitrep_events::SEPARATE_INCIDENT;

/// A group of events in one article that report the same incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Indexes into `Analysis::events`.
    pub events: Vec<usize>,
    pub event_type: String,
    pub sub_event_type: String,
    /// Index of the best-supported event, which the fields below start from.
    pub lead: usize,
    /// The perpetrator: the lead's, else the first named one of its events.
    pub actor1: Option<Actor>,
    /// The target or other side: the lead's when named, else the first named.
    pub actor2: Option<Actor>,
    /// The finest place its events support (a town inside the lead's province).
    pub place: Option<Place>,
    /// A date from the text over the publication-date fallback.
    pub time: Option<EventTime>,
    /// The most conservative reported death toll across its events.
    pub fatalities: Option<Count>,
    /// The injured, reported the same way.
    pub injured: Option<Count>,
    pub civilian_targeting: bool,
    /// Asserted only when some event is asserted; otherwise the weakest standing.
    pub factuality: Factuality,
    /// Indexes into `Analysis::claims` behind any of its events.
    pub claims: Vec<usize>,
}

/// What two events must share to be one incident: type, place and day.
struct Sig<'a> {
    event_type: &'a str,
    sub_event_type: &'a str,
    place: Option<&'a Place>,
    time: Option<&'a EventTime>,
    /// The first named perpetrator.
    actor1: Option<&'a str>,
    /// The earliest sentence of its events (0 is the headline).
    sentence: usize,
    /// The death toll as low and high bounds, when one is reported.
    killed: Option<(u32, u32)>,
}

/// Sentences that state a report's incident loosely before the text dates
/// it: the headline and the lead.
const LEAD_SENTENCES: usize = 2;

impl<'a> Sig<'a> {
    fn of(e: &'a Event) -> Sig<'a> {
        Sig {
            event_type: &e.acled.event_type,
            sub_event_type: &e.acled.sub_event_type,
            place: e.place.as_ref(),
            time: e.time.as_ref(),
            actor1: named_actor1(e),
            sentence: e.sentence,
            killed: e
                .fatalities
                .as_ref()
                .map(|c| (c.low, c.high.unwrap_or(c.best).max(c.low))),
        }
    }

    /// True when the day is only shared through a publication-date
    /// fallback: then the event dated so must be the headline's or the
    /// lead's, and its toll must agree ("A strike killed five in Yemen … /
    /// On Monday, another strike in Hajjah province killed 12" are two).
    fn loose_day_ok(&self, e: &Sig<'_>) -> bool {
        let fallback = |s: &Sig<'_>| s.time.is_some_and(|t| t.fallback);
        if !(fallback(self) || fallback(e)) {
            return true;
        }
        // Undated alike, by one named perpetrator at one place: one incident
        // told again ("regime airstrikes on Aleppo" … "the regime's airstrikes
        // in Aleppo"), as ACLED codes one event per day, place and actor.
        let retold = fallback(self)
            && fallback(e)
            && self.actor1.is_some()
            && self.actor1 == e.actor1
            && match (self.place, e.place) {
                (Some(p), Some(q)) => contains(p, q) && contains(q, p),
                _ => false,
            };
        // One sentence's two words for one blast ("a roadside bomb exploded").
        let same_sentence = self.sentence == e.sentence;
        let loose = retold
            || same_sentence
            || [self, e]
                .into_iter()
                .filter(|s| fallback(s))
                .all(|s| s.sentence < LEAD_SENTENCES);
        let tolls_agree = match (self.killed, e.killed) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            _ => true,
        };
        loose && tolls_agree
    }

    fn accepts(&self, e: &Sig<'_>) -> bool {
        self.event_type == e.event_type
            && self.sub_event_type == e.sub_event_type
            && (same_place(self.place, e.place) || loose_mention(self, e))
            && same_day(self.time, e.time)
            && self.loose_day_ok(e)
            && same_perpetrator(self.actor1, e.actor1)
    }

    /// Take what `e` knows better: a date from the text over the publication
    /// date, a finer place inside the incident's one, a named perpetrator.
    fn refine(&mut self, e: &Sig<'a>) {
        if self.time.is_none_or(|t| t.fallback) && e.time.is_some_and(|t| !t.fallback) {
            self.time = e.time;
        }
        match (self.place, e.place) {
            (Some(p), Some(q)) if contains(p, q) && !contains(q, p) => self.place = Some(q),
            (None, Some(q)) => self.place = Some(q),
            _ => {}
        }
        if self.actor1.is_none() {
            self.actor1 = e.actor1;
        }
        self.sentence = self.sentence.min(e.sentence);
        if self.killed.is_none() {
            self.killed = e.killed;
        }
    }
}

/// One place named at two scales ("Yemen" in a headline, "Saada" in the
/// lead) or twice: the same place for an incident. Two towns are not.
fn same_place(a: Option<&Place>, b: Option<&Place>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(p), Some(q)) => contains(p, q) || contains(q, p),
        _ => false,
    }
}

/// An event dated only by the publication date (a headline, a summary line)
/// names its place loosely: within the same first-level division it is the
/// dated event's place ("Airstrike kills 14 in Yemen's Saada" → the strike
/// "in Shada district" of Saada province), and without a place it is
/// wherever the dated event is ("Militants attack army base" → the attack
/// "near Afgoye").
fn loose_mention(a: &Sig<'_>, b: &Sig<'_>) -> bool {
    let fallback = |s: &Sig<'_>| s.time.is_some_and(|t| t.fallback);
    let unplaced_fallback = |s: &Sig<'_>| s.place.is_none() && fallback(s);
    if unplaced_fallback(a) || unplaced_fallback(b) {
        return true;
    }
    let (Some(p), Some(q)) = (a.place, b.place) else {
        return false;
    };
    (fallback(a) || fallback(b))
        && p.country.is_some()
        && p.country == q.country
        && p.admin1.is_some()
        && p.admin1 == q.admin1
}

/// True when place `outer` is `inner` or holds it ([`Place::holds`]); two
/// places without a gazetteer entry are one when their names are.
fn contains(outer: &Place, inner: &Place) -> bool {
    if outer.geonameid.is_none() && inner.geonameid.is_none() {
        return outer.name == inner.name;
    }
    outer.holds(inner)
}

/// The same day, or one of the two only dated by the publication date (the
/// headline and the lead of one report: the lead's date is the incident's).
fn same_day(a: Option<&EventTime>, b: Option<&EventTime>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.fallback || y.fallback || x.value == y.value,
        (None, None) => true,
        _ => false,
    }
}

/// How well an event supports the incident's place and date, to choose the
/// one that represents it: a named perpetrator, a date from the text, a
/// place at all, then the finest place. Larger is better.
fn support(e: &Event) -> (bool, bool, bool, std::cmp::Reverse<(u8, u8)>) {
    let grain = e.place.as_ref().map_or((u8::MAX, u8::MAX), Place::grain);
    (
        named_actor1(e).is_some(),
        e.time.as_ref().is_some_and(|t| !t.fallback),
        e.place.is_some(),
        std::cmp::Reverse(grain),
    )
}

/// The perpetrator's code when it names someone: an unknown actor or an
/// unidentified armed force ("fighters", "gunmen": `---UAF`, `SYRUAF`) names
/// nobody, so it never makes a second incident beside a named one.
fn named_actor1(e: &Event) -> Option<&str> {
    e.actor1
        .as_ref()
        .filter(|a| names_someone(a))
        .map(|a| a.code.as_str())
}

/// False for an unknown actor or an unidentified armed force.
fn names_someone(a: &Actor) -> bool {
    let sector = a.code.get(3..).unwrap_or("");
    !a.code.is_empty() && !sector.starts_with("UAF")
}

/// True when two perpetrators may be the same one (ACLED: one event per
/// actor pair): equal, or at least one names nobody.
fn same_perpetrator(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Group the violent and strategic events of one article into incidents.
pub fn group(a: &Analysis) -> Vec<Incident> {
    group_events(&a.events)
}

/// [`group`] on an article's event layer alone (as `sitrep-link` stores it).
pub fn group_events(events: &[Event]) -> Vec<Incident> {
    let mut out: Vec<Incident> = Vec::new();
    let mut sigs: Vec<Sig<'_>> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if e.acled.event_type.is_empty() || !e.factuality.is_occurrence() {
            continue;
        }
        if let Some(k) = detail_of(&out, events, e) {
            let inc = &mut out[k];
            inc.events.push(i);
            add_claims(inc, e);
            continue;
        }
        let sig = Sig::of(e);
        let inc = match sigs.iter().position(|x| x.accepts(&sig)) {
            Some(s) => {
                sigs[s].refine(&sig);
                &mut out[s]
            }
            None => {
                sigs.push(sig);
                out.push(Incident {
                    events: Vec::new(),
                    event_type: e.acled.event_type.clone(),
                    sub_event_type: e.acled.sub_event_type.clone(),
                    lead: i,
                    actor1: None,
                    actor2: None,
                    place: None,
                    time: None,
                    fatalities: None,
                    injured: None,
                    civilian_targeting: false,
                    factuality: e.factuality,
                    claims: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        inc.events.push(i);
        inc.civilian_targeting |= e.civilian_targeting;
        if e.factuality == Factuality::Asserted {
            inc.factuality = Factuality::Asserted;
        }
        add_claims(inc, e);
        // Same toll reported twice: keep the larger conservative low bound once.
        keep_larger(&mut inc.fatalities, e.fatalities.as_ref());
        keep_larger(&mut inc.injured, e.injured.as_ref());
    }
    for inc in &mut out {
        inc.claims.sort_unstable();
        // The best-supported event represents the incident (the first of equals).
        let mut lead = inc.events[0];
        for &i in &inc.events[1..] {
            if support(&events[i]) > support(&events[lead]) {
                lead = i;
            }
        }
        inc.lead = lead;
        fill_fields(inc, events);
    }
    out
}

fn add_claims(inc: &mut Incident, e: &Event) {
    for c in &e.claims {
        if !inc.claims.contains(c) {
            inc.claims.push(*c);
        }
    }
}

/// Sentences after an incident's last event within which an unanchored
/// event can still be a detail of it.
const DETAIL_REACH: usize = 2;

/// The incident an unanchored violent event is a detail of: an event past
/// the lead with no place, no date from the text, no named actor and no toll
/// ("They came with a car bomb and then opened fire," the captain said)
/// cannot be coded on its own (ACLED needs a place and a day), so it belongs
/// to the violent incident told just before it, unless its sentence opens on
/// another incident ("In a separate attack, …").
fn detail_of(out: &[Incident], events: &[Event], e: &Event) -> Option<usize> {
    let separate = e.rule.split("; ").any(|r| r == SEPARATE_INCIDENT);
    let unanchored = !separate
        && e.sentence >= LEAD_SENTENCES
        && e.place.is_none()
        && e.time.as_ref().is_none_or(|t| t.fallback)
        && e.actor1.as_ref().is_none_or(|a| !names_someone(a))
        && e.actor2.as_ref().is_none_or(|a| !names_someone(a))
        && e.fatalities.is_none()
        && e.injured.is_none();
    if !unanchored || !is_violent(&e.acled.event_type) {
        return None;
    }
    let last = |inc: &Incident| inc.events.iter().map(|&i| events[i].sentence).max();
    out.iter()
        .enumerate()
        .filter(|(_, inc)| is_violent(&inc.event_type))
        .filter_map(|(k, inc)| Some((k, last(inc)?)))
        .filter(|&(_, s)| s <= e.sentence && e.sentence - s <= DETAIL_REACH)
        .max_by_key(|&(k, s)| (s, k))
        .map(|(k, _)| k)
}

/// ACLED's political violence types (not protests, riots or strategic developments).
fn is_violent(event_type: &str) -> bool {
    matches!(
        event_type,
        "Battles" | "Explosions/Remote violence" | "Violence against civilians"
    )
}

fn keep_larger(kept: &mut Option<Count>, new: Option<&Count>) {
    if let Some(f) = new {
        if kept.as_ref().is_none_or(|g| f.low > g.low) {
            *kept = Some(f.clone());
        }
    }
}

/// The incident's perpetrator, target, place and date: the lead event's,
/// completed or refined by the others (in text order).
fn fill_fields(inc: &mut Incident, events: &[Event]) {
    let lead = &events[inc.lead];
    let others = || inc.events.iter().map(|&i| &events[i]);
    let named = |a: Option<&Actor>| a.is_some_and(names_someone);
    inc.actor1 = lead
        .actor1
        .clone()
        .filter(names_someone)
        .or_else(|| others().find(|e| named(e.actor1.as_ref()))?.actor1.clone())
        .or_else(|| others().find_map(|e| e.actor1.clone()));
    inc.actor2 = lead
        .actor2
        .clone()
        .filter(names_someone)
        .or_else(|| others().find(|e| named(e.actor2.as_ref()))?.actor2.clone())
        .or_else(|| others().find_map(|e| e.actor2.clone()));
    inc.time = lead
        .time
        .clone()
        .filter(|t| !t.fallback)
        .or_else(|| others().find_map(|e| e.time.clone().filter(|t| !t.fallback)))
        .or_else(|| others().find_map(|e| e.time.clone()));
    let mut place = lead
        .place
        .clone()
        .or_else(|| others().find_map(|e| e.place.clone()));
    for q in others().filter_map(|e| e.place.as_ref()) {
        if let Some(p) = &place {
            if contains(p, q) && !contains(q, p) {
                place = Some(q.clone());
            }
        }
    }
    inc.place = place;
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{AcledType, Actor};

    fn battle(actor1: Option<&str>, day: &str, killed: Option<u32>) -> Event {
        Event {
            acled: AcledType {
                event_type: "Battles".into(),
                sub_event_type: "Armed clash".into(),
            },
            actor1: actor1.map(|code| Actor {
                code: code.into(),
                ..Actor::default()
            }),
            time: Some(sitrep_core::EventTime {
                value: day.into(),
                ..Default::default()
            }),
            fatalities: killed.map(|n| Count {
                low: n,
                best: n,
                ..Count::default()
            }),
            ..Event::default()
        }
    }

    fn incidents_of(events: Vec<Event>) -> Vec<Incident> {
        group(&Analysis {
            events,
            ..Analysis::default()
        })
    }

    #[test]
    fn an_unidentified_perpetrator_joins_the_named_one_of_the_same_day() {
        // "fighters of Hayat Tahrir al-Sham attacked …, and clashes killed 16"
        let out = incidents_of(vec![
            battle(Some("SYRUAF"), "2019-05-18", Some(16)),
            battle(Some("SYRREBMUS"), "2019-05-18", None),
            battle(None, "2019-05-18", None),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].events, vec![0, 1, 2]);
        assert_eq!(out[0].lead, 1, "the named perpetrator represents it");
        assert_eq!(out[0].fatalities.as_ref().map(|c| c.best), Some(16));
    }

    #[test]
    fn a_negated_hypothetical_or_future_event_is_no_incident() {
        // "No one was hurt." / "The rebels threatened to attack the town."
        let mut events = vec![battle(None, "2019-05-18", None); 4];
        events[0].factuality = Factuality::Negated;
        events[1].factuality = Factuality::Hypothetical;
        events[2].factuality = Factuality::Future;
        events[3].factuality = Factuality::Alleged;
        let out = incidents_of(events);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].events.clone(), out[0].factuality),
            (vec![3], Factuality::Alleged)
        );
    }

    #[test]
    fn two_named_perpetrators_or_two_days_stay_apart() {
        let out = incidents_of(vec![
            battle(Some("SYRREBMUS"), "2019-05-18", None),
            battle(Some("SYRMIL"), "2019-05-18", None),
            battle(Some("SYRREBMUS"), "2019-05-19", None),
        ]);
        assert_eq!(out.len(), 3);
    }

    fn strike(place: Option<Place>, day: &str, fallback: bool) -> Event {
        Event {
            acled: AcledType {
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Air/drone strike".into(),
            },
            place,
            time: Some(sitrep_core::EventTime {
                value: day.into(),
                fallback,
                ..Default::default()
            }),
            ..Event::default()
        }
    }

    fn place(id: u64, feature: &str, country: &str, admin1: Option<&str>) -> Option<Place> {
        Some(Place {
            geonameid: Some(id),
            name: format!("p{id}"),
            feature: feature.into(),
            country: Some(country.into()),
            admin1: admin1.map(str::to_string),
            geo_precision: if feature == "city" { 1 } else { 3 },
            ..Place::default()
        })
    }

    #[test]
    fn a_headline_and_its_lead_are_one_incident_dated_and_placed_by_the_lead() {
        // "Airstrike kills 14 at market in Yemen" (published 2026-03-04) /
        // "An airstrike killed 14 civilians in Saada on Tuesday (2026-03-03)."
        let out = incidents_of(vec![
            strike(place(1, "country", "YE", None), "2026-03-04", true),
            strike(place(2, "city", "YE", Some("Saada")), "2026-03-03", false),
        ]);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].events, vec![0, 1]);
        assert_eq!(out[0].lead, 1, "the dated, finer event represents it");
        // A headline town and the lead's district of the same province.
        let out = incidents_of(vec![
            strike(place(7, "city", "YE", Some("Saada")), "2026-03-04", true),
            strike(place(8, "admin2", "YE", Some("Saada")), "2026-03-03", false),
        ]);
        assert_eq!((out.len(), out[0].lead), (1, 1));
        // A province holds its towns.
        let out = incidents_of(vec![
            strike(place(3, "admin1", "YE", Some("Saada")), "2026-03-03", false),
            strike(place(2, "city", "YE", Some("Saada")), "2026-03-03", false),
        ]);
        assert_eq!((out.len(), out[0].lead), (1, 1));
    }

    #[test]
    fn two_towns_or_two_dated_days_or_another_country_stay_apart() {
        let out = incidents_of(vec![
            strike(place(2, "city", "YE", Some("Saada")), "2026-03-03", false),
            strike(place(4, "city", "YE", Some("Marib")), "2026-03-03", false),
            strike(place(2, "city", "YE", Some("Saada")), "2026-03-01", false),
            strike(place(5, "country", "SA", None), "2026-03-03", false),
            strike(place(6, "admin1", "YE", Some("Marib")), "2026-03-03", true),
        ]);
        // The Marib province event joins the Marib town, nothing else.
        let groups: Vec<Vec<usize>> = out.iter().map(|i| i.events.clone()).collect();
        assert_eq!(groups, vec![vec![0], vec![1, 4], vec![2], vec![3]]);
        assert_eq!(out[1].lead, 1);
    }

    fn named(mut e: Event, code: &str) -> Event {
        e.actor1 = Some(Actor {
            code: code.into(),
            ..Actor::default()
        });
        e
    }

    fn in_sentence(mut e: Event, sentence: usize) -> Event {
        e.sentence = sentence;
        e
    }

    #[test]
    fn an_unplaced_headline_is_the_dated_lead_s_incident_with_the_best_of_both() {
        // "Al-Shabaab militants attack army base" (published 2026-03-04) /
        // "Gunmen stormed a base near Afgoye on Tuesday, wounding 11."
        let mut lead = named(
            strike(place(2, "city", "SO", Some("LS")), "2026-03-03", false),
            "SOMUAF",
        );
        lead.sentence = 1;
        lead.injured = Some(Count {
            low: 11,
            best: 11,
            ..Count::default()
        });
        let out = incidents_of(vec![
            named(strike(None, "2026-03-04", true), "SOMREBMUS"),
            lead,
        ]);
        assert_eq!(out.len(), 1, "{out:?}");
        let inc = &out[0];
        assert_eq!(inc.lead, 0, "the named perpetrator leads");
        assert_eq!(
            inc.actor1.as_ref().map(|a| a.code.as_str()),
            Some("SOMREBMUS")
        );
        assert_eq!(inc.place.as_ref().and_then(|p| p.geonameid), Some(2));
        assert_eq!(
            inc.time.as_ref().map(|t| (t.value.as_str(), t.fallback)),
            Some(("2026-03-03", false))
        );
        assert_eq!(inc.injured.as_ref().map(|c| c.best), Some(11));
        // Far down the story an unplaced, undated strike stays its own.
        let out = incidents_of(vec![
            in_sentence(
                strike(place(2, "city", "SO", Some("LS")), "2026-03-03", false),
                1,
            ),
            in_sentence(named(strike(None, "2026-03-04", true), "SOMREBMUS"), 9),
        ]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn one_undated_strike_told_again_by_its_named_perpetrator_is_one_incident() {
        // "regime airstrikes in Aleppo" (s1) … "the regime's airstrikes on
        // Aleppo" (s6), both dated only by the publication date.
        let aleppo = || place(9, "city", "SY", Some("Aleppo"));
        let told = |sentence: usize, code: &str, at: Option<Place>| {
            in_sentence(named(strike(at, "2015-06-02", true), code), sentence)
        };
        let out = incidents_of(vec![
            told(0, "SYRGOV", aleppo()),
            told(5, "SYRGOV", aleppo()),
            told(8, "SYRMIL", aleppo()),
            told(9, "SYRGOV", place(10, "city", "SY", Some("Aleppo"))),
        ]);
        let groups: Vec<Vec<usize>> = out.iter().map(|i| i.events.clone()).collect();
        assert_eq!(groups, vec![vec![0, 1], vec![2], vec![3]]);
        // Unnamed, a later strike may be another one.
        let out = incidents_of(vec![
            in_sentence(strike(aleppo(), "2015-06-02", true), 0),
            in_sentence(strike(aleppo(), "2015-06-02", true), 5),
        ]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn an_unanchored_event_just_after_an_incident_is_a_detail_of_it() {
        // "… stormed a base near Afgoye on Tuesday. / "They came with a car
        // bomb," the captain said. / … / Later a bomb went off."
        let bomb = |sentence: usize| {
            let mut e = strike(None, "2026-03-04", true);
            e.acled.sub_event_type = "Remote explosive/landmine/IED".into();
            e.sentence = sentence;
            e
        };
        let out = incidents_of(vec![
            in_sentence(battle(Some("SOMUAF"), "2026-03-03", Some(9)), 1),
            bomb(2),
            bomb(7),
        ]);
        let groups: Vec<Vec<usize>> = out.iter().map(|i| i.events.clone()).collect();
        assert_eq!(groups, vec![vec![0, 1], vec![2]]);
        assert_eq!(out[0].event_type, "Battles");
        // A toll or a place anchors an event: then it is its own incident.
        let mut placed = bomb(2);
        placed.place = place(4, "city", "SO", Some("LS"));
        let out = incidents_of(vec![
            in_sentence(battle(Some("SOMUAF"), "2026-03-03", Some(9)), 1),
            placed,
        ]);
        assert_eq!(out.len(), 2);
        // "In a separate incident, a roadside bomb exploded" / "Another
        // roadside bomb exploded" (events rule separate-incident): its own.
        let mut other = bomb(2);
        other.rule = format!("trigger:bomb; {SEPARATE_INCIDENT}");
        let out = incidents_of(vec![
            in_sentence(battle(Some("SOMUAF"), "2026-03-03", Some(9)), 1),
            other,
        ]);
        assert_eq!(out.len(), 2);
        // "A roadside bomb exploded": two triggers of one sentence, one incident.
        let out = incidents_of(vec![bomb(5), bomb(5)]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_loosely_dated_event_joins_only_from_the_lead_and_with_its_toll() {
        let yemen = || place(1, "country", "YE", None);
        let hajjah = || place(2, "admin1", "YE", Some("Hajjah"));
        let with = |mut e: Event, sentence: usize, killed: u32| {
            e.sentence = sentence;
            e.fatalities = Some(Count {
                low: killed,
                best: killed,
                ..Count::default()
            });
            e
        };
        // "A strike killed five people in Yemen. / On Monday, another strike
        // in Hajjah province killed 12": two tolls, two incidents.
        let out = incidents_of(vec![
            with(strike(yemen(), "2026-03-05", true), 0, 5),
            with(strike(hajjah(), "2026-03-02", false), 1, 12),
        ]);
        assert_eq!(out.len(), 2);
        // The headline's toll agrees with the lead's: one incident.
        let out = incidents_of(vec![
            with(strike(yemen(), "2026-03-05", true), 0, 12),
            with(strike(hajjah(), "2026-03-02", false), 1, 12),
        ]);
        assert_eq!(out.len(), 1);
        // Far down the story, an undated strike is its own.
        let out = incidents_of(vec![
            with(strike(hajjah(), "2026-03-02", false), 1, 12),
            with(strike(yemen(), "2026-03-05", true), 6, 12),
        ]);
        assert_eq!(out.len(), 2);
    }
}
