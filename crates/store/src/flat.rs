//! The flat rows of one [`Report`]: the `events`, `claims`, `claim_events`,
//! `places` and `actors` tables as column lists and values, the same for the
//! SQLite and the Postgres store, which only bind them (`rows.rs`,
//! `postgres/rows.rs`).
//!
//! Only the fields people filter and join on become columns; everything else
//! stays in `analyses.report`. Enum values are written as they appear in the
//! JSON (`alleged`, `no_evidence`, `Fair`), so SQL and JSON agree. Integers
//! are i64 (SQLite INTEGER, Postgres BIGINT), flags booleans. This module
//! owns no connection and writes nothing.

use std::borrow::Cow;

use serde::Serialize;
use sitrep_analyze::Report;
use sitrep_core::{Actor, Claim, Event, Place};

/// One SQL value, typed as both stores bind it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Bool(bool),
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Self {
        Val::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Self {
        Val::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Val<'_> {
    fn from(s: String) -> Self {
        Val::Text(Cow::Owned(s))
    }
}

impl From<bool> for Val<'_> {
    fn from(b: bool) -> Self {
        Val::Bool(b)
    }
}

impl From<f64> for Val<'_> {
    fn from(x: f64) -> Self {
        Val::Real(x)
    }
}

impl From<i64> for Val<'_> {
    fn from(n: i64) -> Self {
        Val::Int(n)
    }
}

impl From<u8> for Val<'_> {
    fn from(n: u8) -> Self {
        Val::Int(i64::from(n))
    }
}

impl From<u32> for Val<'_> {
    fn from(n: u32) -> Self {
        Val::Int(i64::from(n))
    }
}

impl<'a, T: Into<Val<'a>>> From<Option<T>> for Val<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

/// A table's name and the columns a row fills, in order.
pub(crate) struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

impl Table {
    /// `INSERT INTO name (columns) VALUES (…)` with numbered placeholders
    /// (`?1` for SQLite, `$1` for Postgres).
    pub fn insert_sql(&self, placeholder: char) -> String {
        let values: Vec<String> = (1..=self.columns.len())
            .map(|i| format!("{placeholder}{i}"))
            .collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.name,
            self.columns.join(", "),
            values.join(", ")
        )
    }
}

pub(crate) const EVENTS: Table = Table {
    name: "events",
    columns: &[
        "document",
        "idx",
        "trigger_start",
        "trigger_end",
        "trigger_text",
        "plover_event",
        "plover_mode",
        "cameo",
        "event_type",
        "sub_event_type",
        "actor1_code",
        "actor1_name",
        "actor2_code",
        "actor2_name",
        "place_name",
        "geonameid",
        "country",
        "admin1",
        "lat",
        "lon",
        "geo_precision",
        "event_date",
        "time_precision",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "injured_best",
        "civilian_targeting",
        "factuality",
        "sentence",
        "rule",
        "weapon_start",
        "weapon_end",
        "weapon_text",
        "weapon_kind",
        "inter1",
        "inter2",
        "assoc_actor_1",
        "assoc_actor_2",
    ],
};

pub(crate) const CLAIMS: Table = Table {
    name: "claims",
    columns: &[
        "document",
        "idx",
        "source_start",
        "source_end",
        "source_text",
        "cue_start",
        "cue_end",
        "cue_text",
        "content_start",
        "content_end",
        "content_text",
        "stance",
        "direct_quote",
        "source_kind",
        "source_name",
        "source_code",
        "via",
        "statement_date",
        "grade",
        "grade_reason",
        "sentence",
        "rule",
    ],
};

pub(crate) const PLACES: Table = Table {
    name: "places",
    columns: &[
        "document",
        "idx",
        "start",
        "\"end\"",
        "text",
        "name",
        "geonameid",
        "country",
        "admin1",
        "feature",
        "lat",
        "lon",
        "geo_precision",
        "where_prec",
        "score",
        "role",
        "rule",
    ],
};

pub(crate) const ACTORS: Table = Table {
    name: "actors",
    columns: &[
        "document", "idx", "start", "\"end\"", "text", "code", "name", "country", "sector",
        "inter", "rule",
    ],
};

/// The rows of one report, table by table.
pub(crate) struct Flat<'a> {
    /// `(table, rows)` for events, claims, places and actors, in that order.
    pub tables: [(&'static Table, Vec<Vec<Val<'a>>>); 4],
    /// `(claim, event)` index pairs for `claim_events`, with repeats: the
    /// stores ignore a pair already written.
    pub claim_events: Vec<(i64, i64)>,
}

/// Flatten `report`, stored as document `doc`.
pub(crate) fn flatten(doc: i64, report: &Report) -> Flat<'_> {
    let a = &report.analysis;
    let events = a.events.iter().enumerate();
    let claims = a.claims.iter().enumerate();
    let mut claim_events = Vec::new();
    for (i, c) in a.claims.iter().enumerate() {
        claim_events.extend(c.events.iter().map(|&ev| (int(i), int(ev))));
    }
    // Links recorded only on the event side still belong in claim_events.
    for (i, e) in a.events.iter().enumerate() {
        claim_events.extend(e.claims.iter().map(|&cl| (int(cl), int(i))));
    }
    Flat {
        tables: [
            (&EVENTS, events.map(|(i, e)| event_row(doc, i, e)).collect()),
            (
                &CLAIMS,
                claims.map(|(i, c)| claim_row(doc, i, c, report)).collect(),
            ),
            (
                &PLACES,
                a.places
                    .iter()
                    .enumerate()
                    .map(|(i, p)| place_row(doc, i, p))
                    .collect(),
            ),
            (
                &ACTORS,
                a.actors
                    .iter()
                    .enumerate()
                    .map(|(i, x)| actor_row(doc, i, x))
                    .collect(),
            ),
        ],
        claim_events,
    }
}

impl crate::Rows {
    /// How many rows of each table `report` fills.
    pub(crate) fn of(report: &Report) -> crate::Rows {
        let a = &report.analysis;
        crate::Rows {
            events: a.events.len(),
            claims: a.claims.len(),
            places: a.places.len(),
            actors: a.actors.len(),
        }
    }
}

/// The JSON spelling of a unit enum (`Factuality::Alleged` → `alleged`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Offsets and counts always fit in i64.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Geonames ids fit in i64.
fn id64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Associated actors as ACLED writes them: names, `; `-joined, in the
/// analysis's order; `None` when there are none.
fn assoc_names(actors: &[Actor]) -> Option<String> {
    (!actors.is_empty()).then(|| {
        actors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

fn event_row(doc: i64, i: usize, e: &Event) -> Vec<Val<'_>> {
    let place = e.place.as_ref();
    let fat = e.fatalities.as_ref();
    let weapon = e.weapon.as_ref();
    vec![
        doc.into(),
        int(i).into(),
        int(e.trigger.start).into(),
        int(e.trigger.end).into(),
        (&e.trigger.text).into(),
        (&e.plover.event).into(),
        e.plover.mode.as_ref().into(),
        (&e.cameo).into(),
        (&e.acled.event_type).into(),
        (&e.acled.sub_event_type).into(),
        e.actor1.as_ref().map(|x| &x.code).into(),
        e.actor1.as_ref().map(|x| &x.name).into(),
        e.actor2.as_ref().map(|x| &x.code).into(),
        e.actor2.as_ref().map(|x| &x.name).into(),
        place.map(|p| &p.name).into(),
        place.and_then(|p| p.geonameid).map(id64).into(),
        place.and_then(|p| p.country.as_ref()).into(),
        place.and_then(|p| p.admin1.as_ref()).into(),
        place.and_then(|p| p.lat).into(),
        place.and_then(|p| p.lon).into(),
        place.map(|p| p.geo_precision).into(),
        e.time.as_ref().map(|t| &t.value).into(),
        e.time.as_ref().map(|t| t.time_precision).into(),
        fat.map(|c| c.low).into(),
        fat.map(|c| c.best).into(),
        fat.and_then(|c| c.high).into(),
        e.injured.as_ref().map(|c| c.best).into(),
        e.civilian_targeting.into(),
        name(&e.factuality).into(),
        int(e.sentence).into(),
        e.rule.as_str().into(),
        weapon.map(|w| int(w.span.start)).into(),
        weapon.map(|w| int(w.span.end)).into(),
        weapon.map(|w| &w.span.text).into(),
        weapon.map(|w| &w.kind).into(),
        e.inter1.into(),
        e.inter2.into(),
        assoc_names(&e.assoc_actor1).into(),
        assoc_names(&e.assoc_actor2).into(),
    ]
}

fn claim_row<'a>(doc: i64, i: usize, c: &'a Claim, report: &'a Report) -> Vec<Val<'a>> {
    let src = c.source.as_ref();
    let ent = c.source_entity.as_ref();
    let grade = report.claim_grades.get(i);
    let via = (!c.via.is_empty()).then(|| {
        c.via
            .iter()
            .map(|v| v.outlet.as_str())
            .collect::<Vec<_>>()
            .join(" > ")
    });
    vec![
        doc.into(),
        int(i).into(),
        src.map(|s| int(s.start)).into(),
        src.map(|s| int(s.end)).into(),
        src.map(|s| &s.text).into(),
        int(c.cue.start).into(),
        int(c.cue.end).into(),
        (&c.cue.text).into(),
        int(c.content.start).into(),
        int(c.content.end).into(),
        (&c.content.text).into(),
        name(&c.stance).into(),
        c.direct_quote.into(),
        ent.map(|s| &s.kind).into(),
        ent.map(|s| &s.name).into(),
        ent.and_then(|s| s.code.as_ref()).into(),
        via.into(),
        c.date.as_ref().into(),
        grade.map(|g| name(&g.level)).into(),
        grade.map(|g| &g.reason).into(),
        int(c.sentence).into(),
        c.rule.as_str().into(),
    ]
}

fn place_row(doc: i64, i: usize, p: &Place) -> Vec<Val<'_>> {
    vec![
        doc.into(),
        int(i).into(),
        int(p.span.start).into(),
        int(p.span.end).into(),
        (&p.span.text).into(),
        (&p.name).into(),
        p.geonameid.map(id64).into(),
        p.country.as_ref().into(),
        p.admin1.as_ref().into(),
        (&p.feature).into(),
        p.lat.into(),
        p.lon.into(),
        p.geo_precision.into(),
        p.where_prec.into(),
        f64::from(p.score).into(),
        p.role.as_str().into(),
        p.rule.as_str().into(),
    ]
}

fn actor_row(doc: i64, i: usize, x: &Actor) -> Vec<Val<'_>> {
    vec![
        doc.into(),
        int(i).into(),
        int(x.span.start).into(),
        int(x.span.end).into(),
        (&x.span.text).into(),
        (&x.code).into(),
        (&x.name).into(),
        x.country.as_ref().into(),
        x.sector.as_ref().into(),
        x.inter.into(),
        x.rule.as_str().into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Analysis;

    #[test]
    fn every_row_fills_its_table_s_columns() {
        let mut report = Report {
            analysis: Analysis::default(),
            incidents: Vec::new(),
            claim_grades: Vec::new(),
        };
        let a = &mut report.analysis;
        a.events.push(Event {
            claims: vec![0],
            ..Event::default()
        });
        a.claims.push(Claim::default());
        a.places.push(Place::default());
        a.actors.push(Actor::default());
        let flat = flatten(1, &report);
        for (table, rows) in &flat.tables {
            assert_eq!(rows.len(), 1, "{}", table.name);
            assert_eq!(rows[0].len(), table.columns.len(), "{}", table.name);
        }
        assert_eq!(flat.claim_events, vec![(0, 0)]);
        assert_eq!(
            ACTORS.insert_sql('$'),
            "INSERT INTO actors (document, idx, start, \"end\", text, code, name, country, \
             sector, inter, rule) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        );
    }
}
