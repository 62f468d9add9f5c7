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

fn key(e: &Event) -> (String, String, Option<u64>, Option<String>, Option<String>) {
    (
        e.acled.event_type.clone(),
        e.acled.sub_event_type.clone(),
        e.place.as_ref().and_then(|p| p.geonameid),
        e.time.as_ref().map(|t| t.value.clone()),
        e.actor1.as_ref().map(|a| a.code.clone()),
    )
}

/// Group the violent and strategic events of one article into incidents.
pub fn group(a: &Analysis) -> Vec<Incident> {
    let mut out: Vec<Incident> = Vec::new();
    let mut keys = Vec::new();
    for (i, e) in a.events.iter().enumerate() {
        if e.acled.event_type.is_empty() {
            continue;
        }
        let k = key(e);
        let slot = keys.iter().position(|x| *x == k);
        let inc = match slot {
            Some(s) => &mut out[s],
            None => {
                keys.push(k);
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
