//! The `plover-json` export: POLECAT-style records, one per incident, in a
//! JSON array (one record per line). Field names follow the PLOVER manual
//! (`id`, `date`, `event`, `mode`, `context`, `actor`, `recipient`,
//! `event_loc`, `size`, `event_text`, `coder`, `coded_date`); sitrep adds
//! `cameo`, the ACLED types, the grade and `reports` (the source documents).
//! Owns the PLOVER mapping only; reading is in `read`.

use std::io::Write;

use serde::Serialize;

use crate::read::{Incident, Report, Source};
use crate::{Error, Tables};

/// A PLOVER entity: code, sector (GOV, MIL, REB, CVL, …), name, country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub code: Option<String>,
    pub sector: Option<String>,
    pub entity_text: String,
    /// ISO alpha-3 / CAMEO country code of the actor.
    pub country: Option<String>,
}

/// A PLOVER location; `resolution` 5 sub-city, 4 city, 3 district, 2
/// province, 1 country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub geonameid: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub resolution: Option<u8>,
}

/// PLOVER `size`, with sitrep's range of deaths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Size {
    pub dead: Option<i64>,
    pub dead_low: Option<i64>,
    pub dead_high: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
}

/// A cited report (PLOVER `cite_info`, one per source document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cite {
    /// Row id in `documents`.
    pub id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub record: String,
    /// Row id of the earlier report this one is a near copy of (a wire copy).
    pub copy_of: Option<i64>,
}

/// The weapon or means the linked reports name (sitrep's addition to
/// PLOVER, beside `mode`): its class and the words of the first report
/// that names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weapon {
    /// `aerial`, `drone`, `artillery`, `missile`, `explosive`, `firearm`, …
    pub kind: String,
    pub text: Option<String>,
}

/// One POLECAT-style record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: String,
    pub date: Option<String>,
    pub time_precision: Option<i64>,
    pub event: String,
    pub mode: Option<String>,
    pub weapon: Option<Weapon>,
    pub context: Vec<String>,
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
    pub event_loc: Option<Location>,
    pub size: Size,
    pub event_text: Option<String>,
    pub cameo: String,
    pub acled_event_type: String,
    pub acled_sub_event_type: String,
    pub factuality: String,
    pub grade: String,
    pub origins: i64,
    pub reports: Vec<Cite>,
    pub coder: String,
    pub coded_date: String,
}

/// PLOVER resolution from UCDP `where_prec` (else ACLED `geo_precision`).
pub fn resolution(where_prec: Option<i64>, geo_precision: Option<i64>) -> Option<u8> {
    match where_prec {
        Some(1 | 2) => Some(4),
        Some(3) => Some(3),
        Some(4 | 5) => Some(2),
        Some(6) => Some(1),
        Some(_) => None,
        None => match geo_precision {
            Some(1) => Some(4),
            Some(2) => Some(3),
            Some(3) => Some(2),
            _ => None,
        },
    }
}

fn entity(
    src: &mut dyn Source,
    code: Option<&str>,
    name: Option<&str>,
) -> Result<Option<Entity>, Error> {
    let name = name.filter(|n| !n.is_empty());
    if code.is_none() && name.is_none() {
        return Ok(None);
    }
    let (sector, country) = match code {
        Some(c) => src.actor_sector(c)?,
        None => (None, None),
    };
    Ok(Some(Entity {
        code: code.map(str::to_string),
        sector,
        entity_text: name.or(code).unwrap_or_default().to_string(),
        country,
    }))
}

/// Associated actors (`; `-joined names) as name-only entities.
fn associated(list: Option<&str>) -> impl Iterator<Item = Entity> + '_ {
    list.unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Entity {
            code: None,
            sector: None,
            entity_text: s.to_string(),
            country: None,
        })
}

fn cite(r: Report) -> Cite {
    Cite {
        id: r.id,
        doc_id: r.doc_id,
        title: r.title,
        url: r.url,
        outlet: r.outlet,
        published: r.published,
        record: r.record,
        copy_of: r.duplicate_of,
    }
}

/// Build the PLOVER record of one incident.
pub fn record(src: &mut dyn Source, inc: &Incident, tables: &Tables) -> Result<Record, Error> {
    let a1 = entity(src, inc.actor1_code.as_deref(), inc.actor1_name.as_deref())?;
    let a2 = entity(src, inc.actor2_code.as_deref(), inc.actor2_name.as_deref())?;
    let side1: Vec<Entity> = a1
        .into_iter()
        .chain(associated(inc.assoc_actor_1.as_deref()))
        .collect();
    let side2: Vec<Entity> = a2
        .into_iter()
        .chain(associated(inc.assoc_actor_2.as_deref()))
        .collect();
    // Two-sided violence: every party is an actor; otherwise the
    // perpetrator is the actor and the target the recipient.
    let (actor, recipient) = if inc.event_type.eq_ignore_ascii_case("Battles") {
        (side1.into_iter().chain(side2).collect(), Vec::new())
    } else {
        (side1, side2)
    };
    let country = inc.country.as_deref().and_then(|c| tables.country(c));
    let has_place = inc.place_name.is_some() || inc.lat.is_some() || inc.country.is_some();
    let event_loc = has_place.then(|| {
        let res = resolution(inc.where_prec, inc.geo_precision);
        Location {
            geonameid: inc.geonameid,
            lat: inc.lon_lat().map(|(_, lat)| lat),
            lon: inc.lon_lat().map(|(lon, _)| lon),
            city: inc
                .place_name
                .clone()
                .filter(|_| res.is_some_and(|r| r >= 4)),
            district: None,
            province: inc.admin1.clone(),
            country: country.map(|c| c.name.clone()),
            country_code: country.map(|c| c.iso3.clone()),
            resolution: res,
        }
    });
    Ok(Record {
        id: format!("sitrep-{}", inc.id),
        date: inc.date().map(str::to_string),
        time_precision: inc.time_precision,
        event: inc.plover_event.clone(),
        mode: inc.plover_mode.clone(),
        weapon: inc.weapon_kind.as_ref().map(|kind| Weapon {
            kind: kind.clone(),
            text: inc.weapon_text.clone(),
        }),
        context: tables.contexts(&inc.event_type, &inc.sub_event_type),
        actor,
        recipient,
        event_loc,
        size: Size {
            dead: inc.fatalities_best,
            dead_low: inc.fatalities_low,
            dead_high: inc.fatalities_high,
            injured: inc.injured_best,
            arrested: None,
        },
        event_text: inc.notes.clone().filter(|n| !n.is_empty()),
        cameo: inc.cameo.clone(),
        acled_event_type: inc.event_type.clone(),
        acled_sub_event_type: inc.sub_event_type.clone(),
        factuality: inc.factuality.clone(),
        grade: inc.grade.clone(),
        origins: inc.origins,
        reports: src.reports(inc.id)?.into_iter().map(cite).collect(),
        coder: concat!("sitrep ", env!("CARGO_PKG_VERSION")).to_string(),
        coded_date: inc
            .updated_at
            .get(..10)
            .unwrap_or(&inc.updated_at)
            .to_string(),
    })
}

/// Write the records as a JSON array, one record per line; returns the
/// number written.
pub fn write<W: Write>(
    src: &mut dyn Source,
    incidents: &[Incident],
    tables: &Tables,
    mut out: W,
) -> Result<usize, Error> {
    out.write_all(b"[")?;
    for (i, inc) in incidents.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &record(src, inc, tables)?)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    Ok(incidents.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::sample_store;
    use crate::Filter;
    use serde_json::Value;

    fn sample() -> Vec<Value> {
        let store = sample_store();
        let conn = store.connection();
        let incidents = crate::read::incidents(conn, &Filter::default(), None).unwrap();
        let mut out = Vec::new();
        let mut src = crate::read::Sqlite(conn);
        write(&mut src, &incidents, &Tables::builtin().unwrap(), &mut out).unwrap();
        serde_json::from_slice::<Vec<Value>>(&out).unwrap()
    }

    #[test]
    fn one_sided_violence_has_actor_and_recipient_with_sectors() {
        let recs = sample();
        assert_eq!(recs.len(), 4);
        let strike = &recs[1];
        assert_eq!(strike["id"], "sitrep-1");
        assert_eq!(strike["date"], "2019-05-20");
        assert_eq!(strike["event"], "ASSAULT");
        assert_eq!(strike["mode"], "aerial");
        assert_eq!(strike["context"], serde_json::json!(["military"]));
        assert_eq!(strike["actor"][0]["code"], "SYRMIL");
        assert_eq!(strike["actor"][0]["sector"], "MIL");
        assert_eq!(strike["actor"][0]["country"], "SYR");
        assert_eq!(strike["recipient"][0]["sector"], "CVL");
        assert_eq!(strike["event_loc"]["lon"], 37.5157);
        assert_eq!(strike["event_loc"]["city"], "al-Bāb");
        assert_eq!(strike["event_loc"]["country"], "Syria");
        assert_eq!(strike["event_loc"]["resolution"], 4);
        assert_eq!(strike["size"]["dead"], 12);
        assert_eq!(strike["size"]["dead_low"], 10);
    }

    #[test]
    fn reports_list_the_source_documents() {
        let recs = sample();
        let reports = recs[1]["reports"].as_array().unwrap();
        let ids: Vec<_> = reports
            .iter()
            .map(|r| r["doc_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec!["a1", "a2"]);
        assert_eq!(reports[0]["outlet"], "Reuters");
        assert_eq!(reports[0]["url"], "https://example.org/a1");
    }

    #[test]
    fn associated_actors_join_their_side_and_gaps_stay_null() {
        let recs = sample();
        let shelling = &recs[0];
        let names: Vec<_> = shelling["actor"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["entity_text"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            vec!["Military Forces of Syria", "Hezbollah", "Iranian militias"]
        );
        assert_eq!(shelling["recipient"], serde_json::json!([]));
        assert_eq!(shelling["event_loc"]["city"], "Idlib"); // where_prec 2: near a town
        let abduction = &recs[2];
        assert_eq!(abduction["event_loc"]["city"], Value::Null); // where_prec 4: a province
        assert_eq!(abduction["event_loc"]["province"], "Zamfara");
        assert_eq!(abduction["event_loc"]["lat"], Value::Null);
        assert_eq!(
            abduction["context"],
            serde_json::json!(["human_security", "human_rights"])
        );
        let undated = &recs[3];
        assert_eq!(undated["date"], Value::Null);
        assert_eq!(undated["event_loc"], Value::Null);
        assert_eq!(undated["event_text"], Value::Null);
        assert_eq!(undated["actor"], serde_json::json!([]));
    }

    #[test]
    fn resolution_follows_the_precision_codes() {
        assert_eq!(resolution(Some(1), None), Some(4));
        assert_eq!(resolution(Some(4), Some(1)), Some(2));
        assert_eq!(resolution(Some(6), None), Some(1));
        assert_eq!(resolution(Some(7), None), None);
        assert_eq!(resolution(None, Some(2)), Some(3));
        assert_eq!(resolution(None, None), None);
    }
}
