//! Flattening one [`Report`] into the `events`, `claims`, `claim_events`,
//! `places` and `actors` tables.
//!
//! Only the fields people filter and join on become columns; everything else
//! stays in `analyses.report`. Enum values are written as they appear in the
//! JSON (`alleged`, `no_evidence`, `Fair`), so SQL and JSON agree.

use rusqlite::{params, Connection};
use serde::Serialize;
use sitrep_analyze::Report;

use crate::Rows;

/// The JSON spelling of a unit enum (`Factuality::Alleged` → `alleged`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// SQLite integers are i64; our offsets and counts always fit.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Geonames ids fit in i64.
fn id64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Associated actors as ACLED writes them: names, `; `-joined, in the
/// analysis's order; `None` when there are none.
pub(crate) fn assoc_names(actors: &[sitrep_core::Actor]) -> Option<String> {
    (!actors.is_empty()).then(|| {
        actors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

pub(crate) fn insert(tx: &Connection, doc: i64, report: &Report) -> rusqlite::Result<Rows> {
    let a = &report.analysis;

    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text,
             plover_event, plover_mode, cameo, event_type, sub_event_type,
             actor1_code, actor1_name, actor2_code, actor2_name,
             place_name, geonameid, country, admin1, lat, lon, geo_precision,
             event_date, time_precision, fatalities_low, fatalities_best, fatalities_high,
             injured_best, civilian_targeting, factuality, sentence, rule,
             weapon_start, weapon_end, weapon_text, weapon_kind, inter1, inter2,
             assoc_actor_1, assoc_actor_2)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
                 ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)",
    )?;
    for (i, e) in a.events.iter().enumerate() {
        let place = e.place.as_ref();
        let fat = e.fatalities.as_ref();
        let weapon = e.weapon.as_ref();
        stmt.execute(params![
            doc,
            int(i),
            int(e.trigger.start),
            int(e.trigger.end),
            e.trigger.text,
            e.plover.event,
            e.plover.mode,
            e.cameo,
            e.acled.event_type,
            e.acled.sub_event_type,
            e.actor1.as_ref().map(|x| &x.code),
            e.actor1.as_ref().map(|x| &x.name),
            e.actor2.as_ref().map(|x| &x.code),
            e.actor2.as_ref().map(|x| &x.name),
            place.map(|p| &p.name),
            place.and_then(|p| p.geonameid).map(id64),
            place.and_then(|p| p.country.as_ref()),
            place.and_then(|p| p.admin1.as_ref()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            place.map(|p| p.geo_precision),
            e.time.as_ref().map(|t| &t.value),
            e.time.as_ref().map(|t| t.time_precision),
            fat.map(|c| c.low),
            fat.map(|c| c.best),
            fat.and_then(|c| c.high),
            e.injured.as_ref().map(|c| c.best),
            e.civilian_targeting,
            name(&e.factuality),
            int(e.sentence),
            e.rule,
            weapon.map(|w| int(w.span.start)),
            weapon.map(|w| int(w.span.end)),
            weapon.map(|w| &w.span.text),
            weapon.map(|w| &w.kind),
            e.inter1,
            e.inter2,
            assoc_names(&e.assoc_actor1),
            assoc_names(&e.assoc_actor2),
        ])?;
    }

    let mut stmt = tx.prepare_cached(
        "INSERT INTO claims (document, idx, source_start, source_end, source_text,
             cue_start, cue_end, cue_text, content_start, content_end, content_text,
             stance, direct_quote, source_kind, source_name, source_code, via,
             statement_date, grade, grade_reason, sentence, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22)",
    )?;
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO claim_events (document, claim, event) VALUES (?1, ?2, ?3)",
    )?;
    for (i, c) in a.claims.iter().enumerate() {
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
        stmt.execute(params![
            doc,
            int(i),
            src.map(|s| int(s.start)),
            src.map(|s| int(s.end)),
            src.map(|s| &s.text),
            int(c.cue.start),
            int(c.cue.end),
            c.cue.text,
            int(c.content.start),
            int(c.content.end),
            c.content.text,
            name(&c.stance),
            c.direct_quote,
            ent.map(|s| &s.kind),
            ent.map(|s| &s.name),
            ent.and_then(|s| s.code.as_ref()),
            via,
            c.date,
            grade.map(|g| name(&g.level)),
            grade.map(|g| &g.reason),
            int(c.sentence),
            c.rule,
        ])?;
        for &ev in &c.events {
            link.execute(params![doc, int(i), int(ev)])?;
        }
    }
    // Links recorded only on the event side still belong in claim_events.
    for (i, e) in a.events.iter().enumerate() {
        for &cl in &e.claims {
            link.execute(params![doc, int(cl), int(i)])?;
        }
    }

    let mut stmt = tx.prepare_cached(
        "INSERT INTO places (document, idx, start, \"end\", text, name, geonameid, country,
             admin1, feature, lat, lon, geo_precision, where_prec, score, role, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (i, p) in a.places.iter().enumerate() {
        stmt.execute(params![
            doc,
            int(i),
            int(p.span.start),
            int(p.span.end),
            p.span.text,
            p.name,
            p.geonameid.map(id64),
            p.country,
            p.admin1,
            p.feature,
            p.lat,
            p.lon,
            p.geo_precision,
            p.where_prec,
            f64::from(p.score),
            p.role,
            p.rule,
        ])?;
    }

    let mut stmt = tx.prepare_cached(
        "INSERT INTO actors (document, idx, start, \"end\", text, code, name, country, sector,
             inter, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, x) in a.actors.iter().enumerate() {
        stmt.execute(params![
            doc,
            int(i),
            int(x.span.start),
            int(x.span.end),
            x.span.text,
            x.code,
            x.name,
            x.country,
            x.sector,
            x.inter,
            x.rule,
        ])?;
    }

    Ok(Rows {
        events: a.events.len(),
        claims: a.claims.len(),
        places: a.places.len(),
        actors: a.actors.len(),
    })
}
