//! In-document incidents: the events of one article that describe the same
//! thing (same ACLED type, place and day) grouped together.
//!
//! Owns only grouping within one article, following ACLED's rule of one event
//! per day, place, actor pair and type. Linking reports across articles into
//! incidents belongs to `sitrep-link`.

use serde::Serialize;
use sitrep_core::{Analysis, Count, Event, Factuality};

/// A group of events in one article that report the same incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Indexes into `Analysis::events`.
    pub events: Vec<usize>,
    pub event_type: String,
    pub sub_event_type: String,
    /// Index of the event whose place, time and actors represent the incident.
    pub lead: usize,
    /// The most conservative reported death toll across its events.
    pub fatalities: Option<Count>,
    pub civilian_targeting: bool,
    /// Asserted only when some event is asserted; otherwise the weakest standing.
    pub factuality: Factuality,
    /// Indexes into `Analysis::claims` behind any of its events.
    pub claims: Vec<usize>,
}

/// What must be equal for two events to be one incident: type, place and day.
type Key = (String, String, Option<u64>, Option<String>);

fn key(e: &Event) -> Key {
    (
        e.acled.event_type.clone(),
        e.acled.sub_event_type.clone(),
        e.place.as_ref().and_then(|p| p.geonameid),
        e.time.as_ref().map(|t| t.value.clone()),
    )
}

/// The perpetrator's code when it names someone: an unknown actor or an
/// unidentified armed force ("fighters", "gunmen": `---UAF`, `SYRUAF`) names
/// nobody, so it never makes a second incident beside a named one.
fn named_actor1(e: &Event) -> Option<&str> {
    let code = e.actor1.as_ref().map(|a| a.code.as_str())?;
    let sector = code.get(3..).unwrap_or("");
    (!code.is_empty() && !sector.starts_with("UAF")).then_some(code)
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
    let mut out: Vec<Incident> = Vec::new();
    let mut keys: Vec<(Key, Option<String>)> = Vec::new();
    for (i, e) in a.events.iter().enumerate() {
        if e.acled.event_type.is_empty() {
            continue;
        }
        let k = key(e);
        let actor = named_actor1(e);
        let slot = keys
            .iter()
            .position(|(x, who)| *x == k && same_perpetrator(who.as_deref(), actor));
        let inc = match slot {
            Some(s) => {
                if keys[s].1.is_none() && actor.is_some() {
                    // The first named perpetrator represents the incident.
                    keys[s].1 = actor.map(str::to_string);
                    out[s].lead = i;
                }
                &mut out[s]
            }
            None => {
                keys.push((k, actor.map(str::to_string)));
                out.push(Incident {
                    events: Vec::new(),
                    event_type: e.acled.event_type.clone(),
                    sub_event_type: e.acled.sub_event_type.clone(),
                    lead: i,
                    fatalities: None,
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
        for c in &e.claims {
            if !inc.claims.contains(c) {
                inc.claims.push(*c);
            }
        }
        if let Some(f) = &e.fatalities {
            // Same toll reported twice: keep the larger conservative low bound once.
            let replace = inc.fatalities.as_ref().is_none_or(|g| f.low > g.low);
            if replace {
                inc.fatalities = Some(f.clone());
            }
        }
    }
    for inc in &mut out {
        inc.claims.sort_unstable();
    }
    out
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
    fn two_named_perpetrators_or_two_days_stay_apart() {
        let out = incidents_of(vec![
            battle(Some("SYRREBMUS"), "2019-05-18", None),
            battle(Some("SYRMIL"), "2019-05-18", None),
            battle(Some("SYRREBMUS"), "2019-05-19", None),
        ]);
        assert_eq!(out.len(), 3);
    }
}
