//! The `geojson` export: an RFC 7946 FeatureCollection for QGIS and web
//! maps. One Point Feature per incident with valid coordinates (`[lon, lat]`,
//! WGS84, as RFC 7946 orders them); incidents without coordinates are left
//! out and counted. Properties carry the ACLED fields and sitrep's grades.
//! Also owns [`validate`], a structural check used by the tests.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::acled::AcledRecord;
use crate::read::Incident;
use crate::{Error, Tables};

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: i64,
    geometry: Point,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    event_id_cnty: String,
    event_date: Option<&'a str>,
    time_precision: Option<i64>,
    disorder_type: String,
    event_type: &'a str,
    sub_event_type: &'a str,
    actor1: Option<&'a str>,
    actor2: Option<&'a str>,
    interaction: Option<i64>,
    civilian_targeting: bool,
    country: Option<String>,
    iso: Option<&'a str>,
    admin1: Option<&'a str>,
    location: Option<&'a str>,
    geo_precision: Option<i64>,
    where_prec: Option<i64>,
    fatalities: i64,
    fatalities_best: Option<i64>,
    fatalities_high: Option<i64>,
    grade: &'a str,
    perpetrator_grade: Option<&'a str>,
    origins: i64,
    reports: i64,
    source: Option<&'a str>,
    notes: Option<&'a str>,
}

/// Write the FeatureCollection, one Feature per line. Returns (features
/// written, incidents left out for lack of valid coordinates).
pub fn write<W: Write>(
    incidents: &[Incident],
    tables: &Tables,
    mut out: W,
) -> Result<(usize, usize), Error> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let (mut written, mut skipped) = (0, 0);
    for inc in incidents {
        let Some((lon, lat)) = inc.lon_lat() else {
            skipped += 1;
            continue;
        };
        let acled = AcledRecord::new(inc, tables);
        let feature = Feature {
            kind: "Feature",
            id: inc.id,
            geometry: Point {
                kind: "Point",
                coordinates: [lon, lat],
            },
            properties: Properties {
                event_id_cnty: acled.event_id_cnty,
                event_date: inc.date(),
                time_precision: inc.time_precision,
                disorder_type: acled.disorder_type,
                event_type: &inc.event_type,
                sub_event_type: &inc.sub_event_type,
                actor1: inc.actor1_name.as_deref(),
                actor2: inc.actor2_name.as_deref(),
                interaction: acled.interaction,
                civilian_targeting: inc.civilian_targeting,
                country: (!acled.country.is_empty()).then_some(acled.country),
                iso: inc.country.as_deref(),
                admin1: inc.admin1.as_deref(),
                location: inc.place_name.as_deref(),
                geo_precision: inc.geo_precision,
                where_prec: inc.where_prec,
                fatalities: acled.fatalities,
                fatalities_best: inc.fatalities_best,
                fatalities_high: inc.fatalities_high,
                grade: &inc.grade,
                perpetrator_grade: inc.perpetrator_grade.as_deref(),
                origins: inc.origins,
                reports: inc.reports,
                source: inc.source.as_deref(),
                notes: inc.notes.as_deref(),
            },
        };
        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &feature)?;
        written += 1;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok((written, skipped))
}

/// Check the structure RFC 7946 requires of a FeatureCollection of Points
/// (and of any geometry's position arrays): `type` members, `features` an
/// array, each Feature with `geometry` and `properties` (object or null),
/// Point coordinates `[lon, lat]` or `[lon, lat, alt]` with lon in ±180 and
/// lat in ±90, ids strings or numbers. Returns every problem found.
pub fn validate(doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        problems.push("top-level type is not FeatureCollection".to_string());
    }
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        problems.push("features is not an array".to_string());
        return problems;
    };
    for (i, f) in features.iter().enumerate() {
        let at = |m: &str| format!("features[{i}]: {m}");
        if f.get("type").and_then(Value::as_str) != Some("Feature") {
            problems.push(at("type is not Feature"));
        }
        match f.get("properties") {
            Some(Value::Object(_)) | Some(Value::Null) => {}
            _ => problems.push(at("properties missing or not an object/null")),
        }
        if let Some(id) = f.get("id") {
            if !(id.is_string() || id.is_number()) {
                problems.push(at("id is neither a string nor a number"));
            }
        }
        match f.get("geometry") {
            Some(Value::Null) => {}
            Some(g) => {
                if g.get("type").and_then(Value::as_str) != Some("Point") {
                    problems.push(at("geometry type is not Point"));
                }
                match g.get("coordinates").and_then(Value::as_array) {
                    Some(c) if (2..=3).contains(&c.len()) && c.iter().all(Value::is_number) => {
                        let lon = c[0].as_f64().unwrap_or(f64::NAN);
                        let lat = c[1].as_f64().unwrap_or(f64::NAN);
                        if !(-180.0..=180.0).contains(&lon) {
                            problems.push(at("longitude outside [-180, 180]"));
                        }
                        if !(-90.0..=90.0).contains(&lat) {
                            problems.push(at("latitude outside [-90, 90]"));
                        }
                    }
                    _ => problems.push(at("coordinates are not [lon, lat] numbers")),
                }
            }
            None => problems.push(at("geometry missing")),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::sample_store;
    use crate::{read, Filter};

    fn sample() -> (Value, usize, usize) {
        let store = sample_store();
        let incidents = read::incidents(store.connection(), &Filter::default(), None).unwrap();
        let mut out = Vec::new();
        let (w, s) = write(&incidents, &Tables::builtin().unwrap(), &mut out).unwrap();
        (serde_json::from_slice(&out).unwrap(), w, s)
    }

    #[test]
    fn sample_is_a_valid_feature_collection() {
        let (doc, written, skipped) = sample();
        assert_eq!(validate(&doc), Vec::<String>::new());
        // Incidents 3 (no coordinates) and 4 (no place) are left out.
        assert_eq!((written, skipped), (2, 2));
        assert_eq!(doc["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn coordinates_are_lon_then_lat() {
        let (doc, _, _) = sample();
        let f = &doc["features"][1];
        assert_eq!(f["id"], 1);
        assert_eq!(f["geometry"]["coordinates"][0], 37.5157); // lon
        assert_eq!(f["geometry"]["coordinates"][1], 36.3707); // lat
        assert_eq!(f["properties"]["country"], "Syria");
        assert_eq!(f["properties"]["grade"], "fair");
        assert_eq!(f["properties"]["fatalities"], 10);
        assert!(f["properties"]["notes"].as_str().unwrap().contains('\n'));
    }

    #[test]
    fn empty_export_is_still_valid() {
        let mut out = Vec::new();
        let (w, s) = write(&[], &Tables::builtin().unwrap(), &mut out).unwrap();
        assert_eq!((w, s), (0, 0));
        let doc: Value = serde_json::from_slice(&out).unwrap();
        assert!(validate(&doc).is_empty());
    }

    #[test]
    fn validate_catches_swapped_or_broken_coordinates() {
        let bad: Value = serde_json::json!({
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.0, 137.5]}, "properties": {}},
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a", 1]}, "properties": {}},
                {"type": "Feature", "properties": 3},
            ]
        });
        let p = validate(&bad);
        assert!(p.iter().any(|m| m.contains("latitude outside")), "{p:?}");
        assert!(
            p.iter().any(|m| m.contains("features[1]: coordinates")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.contains("features[2]: geometry missing")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.contains("features[2]: properties")),
            "{p:?}"
        );
    }

    #[test]
    fn out_of_range_coordinates_are_left_out() {
        let store = sample_store();
        store
            .connection()
            .execute("UPDATE incidents SET lat = 137.5 WHERE id = 1", [])
            .unwrap();
        let incidents = read::incidents(store.connection(), &Filter::default(), None).unwrap();
        let mut out = Vec::new();
        let (w, s) = write(&incidents, &Tables::builtin().unwrap(), &mut out).unwrap();
        assert_eq!((w, s), (1, 3));
    }
}
