//! Reading incidents and what stands behind them from the store (migration
//! 2's `incidents`, `incident_events`, `link_decisions`, migration 1's
//! documents, events, claims and actors, and migration 3's event details).
//! Read only: this module never writes, and owns no formatting.
//!
//! The formats read through [`Source`], which both stores implement: the
//! SQLite store here ([`Sqlite`], the free functions below), PostgreSQL in
//! `read_pg` (feature `postgres`). Both return the same values for the same
//! rows; what is derived from the rows ([`merge_event_details`]) is shared.

use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;

use crate::{Error, Filter};

/// One row of `incidents`, every column, with `grade_inputs` parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub id: i64,
    pub event_type: String,
    pub sub_event_type: String,
    pub plover_event: String,
    pub plover_mode: Option<String>,
    pub cameo: String,
    pub actor1_code: Option<String>,
    pub actor1_name: Option<String>,
    pub assoc_actor_1: Option<String>,
    pub inter1: Option<i64>,
    pub actor2_code: Option<String>,
    pub actor2_name: Option<String>,
    pub assoc_actor_2: Option<String>,
    pub inter2: Option<i64>,
    pub interaction: Option<i64>,
    pub place_name: Option<String>,
    pub geonameid: Option<i64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geo_precision: Option<i64>,
    pub where_prec: Option<i64>,
    pub event_date: Option<String>,
    pub time_precision: Option<i64>,
    pub fatalities_low: Option<i64>,
    pub fatalities_best: Option<i64>,
    pub fatalities_high: Option<i64>,
    pub injured_low: Option<i64>,
    pub injured_best: Option<i64>,
    pub injured_high: Option<i64>,
    pub civilian_targeting: bool,
    pub factuality: String,
    pub grade: String,
    pub perpetrator_grade: Option<String>,
    pub fatalities_grade: Option<String>,
    /// The JSON of `incidents.grade_inputs`; a string when it does not parse.
    pub grade_inputs: Value,
    pub reports: i64,
    pub origins: i64,
    pub source: Option<String>,
    pub source_scale: Option<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The weapon class most of the linked events name (`aerial`, `drone`,
    /// …; events' `weapon_kind`), and the words of the first that names it.
    /// Not an `incidents` column: filled by [`merge_event_details`].
    pub weapon_kind: Option<String>,
    pub weapon_text: Option<String>,
}

pub(crate) const INCIDENT_COLUMNS: &str =
    "id, event_type, sub_event_type, plover_event, plover_mode, cameo, \
     actor1_code, actor1_name, assoc_actor_1, inter1, actor2_code, actor2_name, assoc_actor_2, \
     inter2, interaction, place_name, geonameid, country, admin1, lat, lon, geo_precision, \
     where_prec, event_date, time_precision, fatalities_low, fatalities_best, fatalities_high, \
     injured_low, injured_best, injured_high, civilian_targeting, factuality, grade, \
     perpetrator_grade, fatalities_grade, grade_inputs, reports, origins, source, source_scale, \
     notes, created_at, updated_at";

/// Parse a JSON column; keep the raw text as a string when it is not JSON.
pub(crate) fn json_column(raw: Option<String>) -> Value {
    match raw {
        None => Value::Null,
        Some(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
    }
}

impl Incident {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Incident> {
        Ok(Incident {
            id: r.get(0)?,
            event_type: r.get(1)?,
            sub_event_type: r.get(2)?,
            plover_event: r.get(3)?,
            plover_mode: r.get(4)?,
            cameo: r.get(5)?,
            actor1_code: r.get(6)?,
            actor1_name: r.get(7)?,
            assoc_actor_1: r.get(8)?,
            inter1: r.get(9)?,
            actor2_code: r.get(10)?,
            actor2_name: r.get(11)?,
            assoc_actor_2: r.get(12)?,
            inter2: r.get(13)?,
            interaction: r.get(14)?,
            place_name: r.get(15)?,
            geonameid: r.get(16)?,
            country: r.get(17)?,
            admin1: r.get(18)?,
            lat: r.get(19)?,
            lon: r.get(20)?,
            geo_precision: r.get(21)?,
            where_prec: r.get(22)?,
            event_date: r.get(23)?,
            time_precision: r.get(24)?,
            fatalities_low: r.get(25)?,
            fatalities_best: r.get(26)?,
            fatalities_high: r.get(27)?,
            injured_low: r.get(28)?,
            injured_best: r.get(29)?,
            injured_high: r.get(30)?,
            civilian_targeting: r.get::<_, i64>(31)? != 0,
            factuality: r.get(32)?,
            grade: r.get(33)?,
            perpetrator_grade: r.get(34)?,
            fatalities_grade: r.get(35)?,
            grade_inputs: json_column(r.get(36)?),
            reports: r.get(37)?,
            origins: r.get(38)?,
            source: r.get(39)?,
            source_scale: r.get(40)?,
            notes: r.get(41)?,
            created_at: r.get(42)?,
            updated_at: r.get(43)?,
            weapon_kind: None,
            weapon_text: None,
        })
    }

    /// The `YYYY-MM-DD` part of `event_date`, if it has one.
    pub fn date(&self) -> Option<&str> {
        let d = self.event_date.as_deref()?;
        let head = d.get(..10)?;
        let b = head.as_bytes();
        (b[4] == b'-' && b[7] == b'-' && head.bytes().filter(u8::is_ascii_digit).count() == 8)
            .then_some(head)
    }

    /// The year of `event_date`.
    pub fn year(&self) -> Option<i64> {
        self.date()?.get(..4)?.parse().ok()
    }

    /// Coordinates valid for RFC 7946 (finite, lon in ±180, lat in ±90).
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        let (lon, lat) = (self.lon?, self.lat?);
        (lon.is_finite()
            && lat.is_finite()
            && (-180.0..=180.0).contains(&lon)
            && (-90.0..=90.0).contains(&lat))
        .then_some((lon, lat))
    }
}

/// Counts that decide whether an export makes sense.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreState {
    pub incidents: u64,
    pub events: u64,
    pub documents: u64,
    /// Documents with `linked_at` NULL: stored but not linked yet.
    pub unlinked: u64,
}

fn count(conn: &Connection, sql: &str) -> Result<u64, Error> {
    let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub fn state(conn: &Connection) -> Result<StoreState, Error> {
    Ok(StoreState {
        incidents: count(conn, "SELECT count(*) FROM incidents")?,
        events: count(conn, "SELECT count(*) FROM events")?,
        documents: count(conn, "SELECT count(*) FROM documents")?,
        unlinked: count(
            conn,
            "SELECT count(*) FROM documents WHERE linked_at IS NULL",
        )?,
    })
}

/// The incidents the filter selects, ordered by event date (undated last),
/// then id. `country` must already be an ISO alpha-2 code.
pub fn incidents(
    conn: &Connection,
    filter: &Filter,
    country: Option<&str>,
) -> Result<Vec<Incident>, Error> {
    let (conditions, args) = conditions(filter, country, '?');
    let sql = format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE 1 = 1{conditions} \
         ORDER BY event_date IS NULL, event_date, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), Incident::from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The `WHERE` conditions (each starting with ` AND`) that select what
/// `filter` asks for, and their arguments, numbered `?1`… (SQLite) or
/// `$1`… (PostgreSQL) after `mark`. Shared, so both stores select alike.
pub(crate) fn conditions(
    filter: &Filter,
    country: Option<&str>,
    mark: char,
) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut args: Vec<String> = Vec::new();
    if let Some(since) = filter.since {
        args.push(since.format("%Y-%m-%d").to_string());
        sql.push_str(&format!(
            " AND substr(event_date, 1, 10) >= {mark}{}",
            args.len()
        ));
    }
    if let Some(until) = filter.until {
        args.push(until.format("%Y-%m-%d").to_string());
        sql.push_str(&format!(
            " AND substr(event_date, 1, 10) <= {mark}{}",
            args.len()
        ));
    }
    if let Some(c) = country {
        args.push(c.to_ascii_uppercase());
        sql.push_str(&format!(" AND upper(country) = {mark}{}", args.len()));
    }
    if let Some(t) = &filter.event_type {
        args.push(t.trim().to_lowercase());
        let n = args.len();
        sql.push_str(&format!(
            " AND (lower(event_type) = {mark}{n} OR lower(sub_event_type) = {mark}{n})"
        ));
    }
    if let Some(g) = filter.min_grade {
        let allowed: Vec<String> = crate::Grade::ALL
            .iter()
            .filter(|x| **x >= g)
            .map(|x| {
                args.push(x.as_str().to_string());
                format!("{mark}{}", args.len())
            })
            .collect();
        sql.push_str(&format!(" AND lower(grade) IN ({})", allowed.join(", ")));
    }
    (sql, args)
}

/// A stored document, as the exports cite it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Row id in `documents`.
    pub id: i64,
    /// The input's own id.
    pub doc_id: String,
    /// Where it was read from (`batch.jsonl:3`).
    pub record: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Row id of the earlier document this one is a near copy of.
    pub duplicate_of: Option<i64>,
}

pub(crate) const REPORT_COLUMNS: &str =
    "d.id, d.doc_id, d.record, d.title, d.url, d.outlet, d.published, d.duplicate_of";

fn report_from(r: &Row<'_>, at: usize) -> rusqlite::Result<Report> {
    Ok(Report {
        id: r.get(at)?,
        doc_id: r.get(at + 1)?,
        record: r.get(at + 2)?,
        title: r.get(at + 3)?,
        url: r.get(at + 4)?,
        outlet: r.get(at + 5)?,
        published: r.get(at + 6)?,
        duplicate_of: r.get(at + 7)?,
    })
}

/// The distinct documents behind an incident, by row id.
pub fn reports(conn: &Connection, incident: i64) -> Result<Vec<Report>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT {REPORT_COLUMNS} FROM incident_events ie \
         JOIN documents d ON d.id = ie.document WHERE ie.incident = ?1 ORDER BY d.id"
    ))?;
    let rows = stmt.query_map([incident], |r| report_from(r, 0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// A claim behind a linked event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// `claims.idx` within the document.
    pub idx: i64,
    pub source_text: Option<String>,
    pub source_name: Option<String>,
    pub source_kind: Option<String>,
    pub source_code: Option<String>,
    pub cue_text: String,
    pub content_text: String,
    pub stance: String,
    pub direct_quote: bool,
    /// Relay chain, outlets joined by ` > `.
    pub via: Option<String>,
    pub statement_date: Option<String>,
    pub grade: Option<String>,
    pub grade_reason: Option<String>,
}

/// One event of one report that the linker put into an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedEvent {
    pub document: Report,
    /// `events.idx` within the document.
    pub event: i64,
    /// Match score when it joined (1.0 for the founding event).
    pub score: f64,
    pub reason: String,
    pub trigger_text: Option<String>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub plover_event: Option<String>,
    pub actor1_name: Option<String>,
    pub actor2_name: Option<String>,
    pub place_name: Option<String>,
    pub event_date: Option<String>,
    pub fatalities_best: Option<i64>,
    pub factuality: Option<String>,
    pub rule: Option<String>,
    pub claims: Vec<Claim>,
}

/// The events linked into an incident, each with its document and claims.
pub fn linked_events(conn: &Connection, incident: i64) -> Result<Vec<LinkedEvent>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REPORT_COLUMNS}, ie.event, ie.score, ie.reason, e.trigger_text, e.event_type, \
         e.sub_event_type, e.plover_event, e.actor1_name, e.actor2_name, e.place_name, \
         e.event_date, e.fatalities_best, e.factuality, e.rule \
         FROM incident_events ie JOIN documents d ON d.id = ie.document \
         LEFT JOIN events e ON e.document = ie.document AND e.idx = ie.event \
         WHERE ie.incident = ?1 ORDER BY ie.document, ie.event"
    ))?;
    let mut events = stmt
        .query_map([incident], |r| {
            Ok(LinkedEvent {
                document: report_from(r, 0)?,
                event: r.get(8)?,
                score: r.get(9)?,
                reason: r.get(10)?,
                trigger_text: r.get(11)?,
                event_type: r.get(12)?,
                sub_event_type: r.get(13)?,
                plover_event: r.get(14)?,
                actor1_name: r.get(15)?,
                actor2_name: r.get(16)?,
                place_name: r.get(17)?,
                event_date: r.get(18)?,
                fatalities_best: r.get(19)?,
                factuality: r.get(20)?,
                rule: r.get(21)?,
                claims: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut claims = conn.prepare_cached(
        "SELECT c.idx, c.source_text, c.source_name, c.source_kind, c.source_code, c.cue_text, \
         c.content_text, c.stance, c.direct_quote, c.via, c.statement_date, c.grade, \
         c.grade_reason FROM claim_events ce \
         JOIN claims c ON c.document = ce.document AND c.idx = ce.claim \
         WHERE ce.document = ?1 AND ce.event = ?2 ORDER BY c.idx",
    )?;
    for ev in &mut events {
        ev.claims = claims
            .query_map([ev.document.id, ev.event], |r| {
                Ok(Claim {
                    idx: r.get(0)?,
                    source_text: r.get(1)?,
                    source_name: r.get(2)?,
                    source_kind: r.get(3)?,
                    source_code: r.get(4)?,
                    cue_text: r.get(5)?,
                    content_text: r.get(6)?,
                    stance: r.get(7)?,
                    direct_quote: r.get::<_, i64>(8)? != 0,
                    via: r.get(9)?,
                    statement_date: r.get(10)?,
                    grade: r.get(11)?,
                    grade_reason: r.get(12)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
    }
    Ok(events)
}

/// One row of `link_decisions`, with `detail` parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub id: i64,
    pub document: Option<i64>,
    pub event: Option<i64>,
    pub decision: String,
    pub detail: Value,
    pub decided_at: String,
}

/// The link decisions that built an incident, oldest first.
pub fn decisions(conn: &Connection, incident: i64) -> Result<Vec<Decision>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, document, event, decision, detail, decided_at FROM link_decisions \
         WHERE incident = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([incident], |r| {
        Ok(Decision {
            id: r.get(0)?,
            document: r.get(1)?,
            event: r.get(2)?,
            decision: r.get(3)?,
            detail: json_column(r.get(4)?),
            decided_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The sector (`GOV`, `MIL`, `REB`, …) and country the actor lexicon gave
/// this actor code most often in the stored reports.
pub fn actor_sector(
    conn: &Connection,
    code: &str,
) -> Result<(Option<String>, Option<String>), Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT sector, country FROM actors WHERE code = ?1 \
         GROUP BY sector, country ORDER BY sector IS NULL, count(*) DESC, sector, country LIMIT 1",
    )?;
    Ok(stmt
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((None, None)))
}

/// What one event linked into an incident adds to the ACLED and PLOVER
/// views (migration 3's `events` columns): its actors' codes, their ACLED
/// inter codes, associated actors (`; `-joined names) and weapon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventDetail {
    pub actor1_code: Option<String>,
    pub actor2_code: Option<String>,
    pub inter1: Option<i64>,
    pub inter2: Option<i64>,
    pub assoc_actor_1: Option<String>,
    pub assoc_actor_2: Option<String>,
    pub weapon_kind: Option<String>,
    pub weapon_text: Option<String>,
}

/// The columns of [`EventDetail`], read from `events e` joined to
/// `incident_events ie`, in the order [`event_details`] reads them.
pub(crate) const DETAIL_COLUMNS: &str = "e.actor1_code, e.actor2_code, e.inter1, e.inter2, \
     e.assoc_actor_1, e.assoc_actor_2, e.weapon_kind, e.weapon_text";

/// The details of the events linked into an incident, by document and index.
pub fn event_details(conn: &Connection, incident: i64) -> Result<Vec<EventDetail>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DETAIL_COLUMNS} FROM incident_events ie \
         JOIN events e ON e.document = ie.document AND e.idx = ie.event \
         WHERE ie.incident = ?1 ORDER BY ie.document, ie.event"
    ))?;
    let rows = stmt.query_map([incident], |r| {
        Ok(EventDetail {
            actor1_code: r.get(0)?,
            actor2_code: r.get(1)?,
            inter1: r.get(2)?,
            inter2: r.get(3)?,
            assoc_actor_1: r.get(4)?,
            assoc_actor_2: r.get(5)?,
            weapon_kind: r.get(6)?,
            weapon_text: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Split a `; `-joined list of names.
fn names(list: Option<&str>) -> impl Iterator<Item = &str> {
    list.unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One side (actor1 or actor2) of an incident from its events: the inter
/// code the first event with the incident's actor gives (else `stored`),
/// and the associated actors those events name, then the stored ones,
/// without repeats and without the actor itself.
fn side<'a>(
    code: Option<&str>,
    name: Option<&str>,
    stored_inter: Option<i64>,
    stored_assoc: Option<&str>,
    events: impl Iterator<Item = (Option<&'a str>, Option<i64>, Option<&'a str>)>,
) -> (Option<i64>, Option<String>) {
    let mut inter = None;
    let mut assoc: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        let same = |x: &String| x.eq_ignore_ascii_case(n);
        if !assoc.iter().any(same) && !name.is_some_and(|a| a.eq_ignore_ascii_case(n)) {
            assoc.push(n.to_string());
        }
    };
    for (c, i, a) in events {
        // Events whose actor on this side is the incident's (or an incident
        // without a code on this side: any event).
        if code.is_some() && c != code {
            continue;
        }
        inter = inter.or(i.filter(|x| *x > 0));
        names(a).for_each(&mut add);
    }
    names(stored_assoc).for_each(&mut add);
    (
        inter.or(stored_inter),
        (!assoc.is_empty()).then(|| assoc.join("; ")),
    )
}

/// Fill an incident's ACLED inter codes, interaction and associated actors
/// from its linked events' own (migration 3), falling back to the
/// incident's columns, and its weapon from the class most events name.
pub fn merge_event_details(inc: &mut Incident, events: &[EventDetail]) {
    if events.is_empty() {
        return;
    }
    let (i1, a1) = side(
        inc.actor1_code.as_deref(),
        inc.actor1_name.as_deref(),
        inc.inter1,
        inc.assoc_actor_1.as_deref(),
        events.iter().map(|e| {
            (
                e.actor1_code.as_deref(),
                e.inter1,
                e.assoc_actor_1.as_deref(),
            )
        }),
    );
    let (i2, a2) = side(
        inc.actor2_code.as_deref(),
        inc.actor2_name.as_deref(),
        inc.inter2,
        inc.assoc_actor_2.as_deref(),
        events.iter().map(|e| {
            (
                e.actor2_code.as_deref(),
                e.inter2,
                e.assoc_actor_2.as_deref(),
            )
        }),
    );
    if (i1, i2) != (inc.inter1, inc.inter2) {
        inc.interaction = crate::acled::interaction(i1, i2);
    }
    inc.inter1 = i1;
    inc.inter2 = i2;
    inc.assoc_actor_1 = a1;
    inc.assoc_actor_2 = a2;
    // The most frequent weapon class; ties go to the one named first.
    let mut counts: Vec<(&str, usize, Option<&str>)> = Vec::new();
    for e in events {
        let Some(kind) = e.weapon_kind.as_deref().filter(|k| !k.is_empty()) else {
            continue;
        };
        match counts.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(c) => c.1 += 1,
            None => counts.push((kind, 1, e.weapon_text.as_deref())),
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n, _))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, c)| *c);
    if let Some((kind, _, text)) = best {
        inc.weapon_kind = Some(kind.to_string());
        inc.weapon_text = text.map(str::to_string);
    }
}

/// Where the exports read from: a store, SQLite or PostgreSQL. Every method
/// reads; none writes. Implementations return the same values for the same
/// rows, so an export does not depend on the backend.
pub trait Source {
    /// Counts that decide whether an export makes sense.
    fn state(&mut self) -> Result<StoreState, Error>;
    /// The incidents `filter` selects, by event date (undated last), then
    /// id; `country` is an ISO alpha-2 code. Event details not merged.
    fn incidents(&mut self, filter: &Filter, country: Option<&str>)
        -> Result<Vec<Incident>, Error>;
    /// The details of the events linked into `incident`.
    fn event_details(&mut self, incident: i64) -> Result<Vec<EventDetail>, Error>;
    /// The distinct documents behind `incident`, by row id.
    fn reports(&mut self, incident: i64) -> Result<Vec<Report>, Error>;
    /// The events linked into `incident`, with documents and claims.
    fn linked_events(&mut self, incident: i64) -> Result<Vec<LinkedEvent>, Error>;
    /// The link decisions that built `incident`, oldest first.
    fn decisions(&mut self, incident: i64) -> Result<Vec<Decision>, Error>;
    /// The sector and country most often given to actor `code`.
    fn actor_sector(&mut self, code: &str) -> Result<(Option<String>, Option<String>), Error>;
}

/// The SQLite store as a [`Source`].
pub struct Sqlite<'a>(pub &'a Connection);

impl Source for Sqlite<'_> {
    fn state(&mut self) -> Result<StoreState, Error> {
        state(self.0)
    }
    fn incidents(
        &mut self,
        filter: &Filter,
        country: Option<&str>,
    ) -> Result<Vec<Incident>, Error> {
        incidents(self.0, filter, country)
    }
    fn event_details(&mut self, incident: i64) -> Result<Vec<EventDetail>, Error> {
        event_details(self.0, incident)
    }
    fn reports(&mut self, incident: i64) -> Result<Vec<Report>, Error> {
        reports(self.0, incident)
    }
    fn linked_events(&mut self, incident: i64) -> Result<Vec<LinkedEvent>, Error> {
        linked_events(self.0, incident)
    }
    fn decisions(&mut self, incident: i64) -> Result<Vec<Decision>, Error> {
        decisions(self.0, incident)
    }
    fn actor_sector(&mut self, code: &str) -> Result<(Option<String>, Option<String>), Error> {
        actor_sector(self.0, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(code: &str, inter: i64, assoc: Option<&str>, weapon: Option<&str>) -> EventDetail {
        EventDetail {
            actor1_code: Some(code.into()),
            inter1: Some(inter),
            assoc_actor_1: assoc.map(str::to_string),
            weapon_kind: weapon.map(str::to_string),
            weapon_text: weapon.map(|w| format!("{w} words")),
            ..EventDetail::default()
        }
    }

    fn incident() -> Incident {
        let store = crate::testutil::sample_store();
        let mut all = incidents(store.connection(), &Filter::default(), None).unwrap();
        all.retain(|i| i.id == 2);
        all.pop().unwrap()
    }

    #[test]
    fn event_details_fill_inter_codes_associated_actors_and_weapon() {
        // Sample incident 2: SYRMIL, inter1 1, assoc 'Hezbollah; Iranian
        // militias', no actor2, no interaction stored.
        let mut inc = incident();
        inc.inter1 = None;
        merge_event_details(
            &mut inc,
            &[
                detail(
                    "SYRMIL",
                    1,
                    Some("Russian air force; Hezbollah"),
                    Some("artillery"),
                ),
                detail("OTHER", 3, Some("Not this side"), Some("aerial")),
                detail("SYRMIL", 2, None, Some("aerial")),
                detail(
                    "SYRMIL",
                    1,
                    Some("Military Forces of Syria"),
                    Some("artillery"),
                ),
            ],
        );
        assert_eq!(inc.inter1, Some(1), "the first matching event's code");
        assert_eq!(inc.interaction, Some(10), "a sole actor: inter1 * 10");
        assert_eq!(
            inc.assoc_actor_1.as_deref(),
            Some("Russian air force; Hezbollah; Iranian militias"),
            "events' names first, then the stored ones; never the actor itself"
        );
        assert_eq!(
            inc.weapon_kind.as_deref(),
            Some("artillery"),
            "2 of 4, first named"
        );
        assert_eq!(inc.weapon_text.as_deref(), Some("artillery words"));
    }

    #[test]
    fn without_event_details_the_incident_stays_as_stored() {
        let stored = incident();
        let mut inc = stored.clone();
        merge_event_details(&mut inc, &[]);
        assert_eq!(inc, stored);
        merge_event_details(&mut inc, &[EventDetail::default()]);
        assert_eq!(inc.inter1, stored.inter1);
        assert_eq!(inc.assoc_actor_1, stored.assoc_actor_1);
        assert_eq!(inc.weapon_kind, None);
    }
}
