//! `sitrep link` end to end: merges and splits are decided, recorded and
//! shown by `sitrep link --explain`, and the seed's coordination allegation
//! is one incident across its reports.
//!
//! The stored reports of the merge and split cases are built in code (their
//! events given), so the test exercises linking, not analysis; the seed case
//! runs the whole pipeline and is skipped with a note when `../shared` is
//! absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use sitrep_analyze::Report;
use sitrep_core::{AcledType, Actor, Analysis, Doc, Event, EventTime, Place, Plover, Span};
use sitrep_store::Store;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run sitrep; (stdout, stderr).
fn sitrep(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "sitrep {args:?}: {err}");
    (String::from_utf8_lossy(&out.stdout).to_string(), err)
}

const ALEPPO: (u64, f64, f64) = (170063, 36.2021, 37.1343);

fn strike(day: &str, actor1: Option<&str>, precise_place: bool) -> Event {
    Event {
        trigger: Span {
            text: "struck".into(),
            ..Span::default()
        },
        plover: Plover {
            event: "ASSAULT".into(),
            mode: Some("aerial".into()),
        },
        cameo: "195".into(),
        acled: AcledType {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Air/drone strike".into(),
        },
        actor1: actor1.map(|c| Actor {
            code: c.into(),
            name: c.into(),
            inter: Some(1),
            ..Actor::default()
        }),
        place: Some(if precise_place {
            Place {
                geonameid: Some(ALEPPO.0),
                name: "Aleppo".into(),
                lat: Some(ALEPPO.1),
                lon: Some(ALEPPO.2),
                country: Some("SY".into()),
                admin1: Some("09".into()),
                feature: "city".into(),
                geo_precision: 1,
                where_prec: 1,
                ..Place::default()
            }
        } else {
            Place {
                geonameid: Some(163843),
                name: "Syria".into(),
                country: Some("SY".into()),
                feature: "country".into(),
                geo_precision: 3,
                where_prec: 6,
                ..Place::default()
            }
        }),
        time: Some(EventTime {
            value: day.into(),
            precision: "day".into(),
            time_precision: 1,
            ..EventTime::default()
        }),
        ..Event::default()
    }
}

fn put(db: &Path, id: &str, text: &str, events: Vec<Event>) {
    let mut store = Store::open(db).expect("open");
    let mut doc = Doc::new(id, text);
    doc.meta.published = chrono::NaiveDate::from_ymd_opt(2015, 6, 2);
    doc.meta.outlet = Some(format!("outlet {id}"));
    let report = Report {
        analysis: Analysis {
            id: id.into(),
            events,
            ..Analysis::default()
        },
        incidents: vec![],
        claim_grades: vec![],
    };
    store.put(&doc, id, &report).expect("put");
}

fn count(db: &Path, sql: &str) -> i64 {
    Store::open(db)
        .expect("open")
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_bridging_report_merges_two_incidents_and_explain_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("merge.db");
    let dbs = db.to_str().expect("utf-8");
    put(
        &db,
        "a",
        "Aleppo was hit on Monday.",
        vec![strike("2015-06-01", None, true)],
    );
    put(
        &db,
        "b",
        "The army struck in Syria on Monday.",
        vec![strike("2015-06-01", Some("SYRMIL"), false)],
    );
    sitrep(&["link", "--db", dbs]);
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 2);
    put(
        &db,
        "c",
        "The army struck Aleppo on Monday.",
        vec![strike("2015-06-01", Some("SYRMIL"), true)],
    );
    let (_, err) = sitrep(&["link", "--db", dbs]);
    assert!(err.contains("1 merged away"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 1);
    let (out, _) = sitrep(&["link", "--db", dbs, "--explain", "1"]);
    assert!(
        out.contains("merge: incident(s) 2 merged into 1"),
        "explain shows the merge: {out}"
    );
    // The incident merged away still explains where it went.
    let (gone, _) = sitrep(&["link", "--db", dbs, "--explain", "2"]);
    assert!(
        gone.contains("no longer exists") && gone.contains("merged into 1"),
        "{gone}"
    );
}

#[test]
fn one_report_of_two_days_is_split_and_explain_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("split.db");
    let dbs = db.to_str().expect("utf-8");
    put(
        &db,
        "a",
        "Jets struck Aleppo on Monday and again on Tuesday.",
        vec![
            strike("2015-06-01", Some("SYRMIL"), true),
            strike("2015-06-02", Some("SYRMIL"), true),
        ],
    );
    let (_, err) = sitrep(&["link", "--db", dbs]);
    assert!(err.contains("1 split off"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 2);
    let (out, _) = sitrep(&["link", "--db", dbs, "--explain", "1"]);
    assert!(
        out.contains("split: document 1 event 1 split from incident 1 into 2")
            && out.contains("one report gives two different days"),
        "{out}"
    );
    // --relink decides the same.
    let (_, err) = sitrep(&["link", "--db", dbs, "--relink"]);
    assert!(err.contains("1 split off"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM incidents"), 2);
}

#[test]
fn the_seed_coordination_allegation_is_one_incident() {
    let r = root();
    let seed = r.join("../shared/seeds/000_159919d15aac0e2a.txt");
    if !seed.exists() {
        eprintln!("seed article absent at {}: skipping", seed.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    let dbs = db.to_str().expect("utf-8");
    sitrep(&[
        "ingest",
        "--db",
        dbs,
        "--published",
        "2015-06-02",
        seed.to_str().expect("utf-8"),
    ]);
    sitrep(&[
        "ingest",
        "--db",
        dbs,
        r.join("examples/echoes/seed-echoes.jsonl")
            .to_str()
            .expect("utf-8"),
    ]);
    let store = Store::open(&db).expect("open");
    let mut st = store
        .connection()
        .prepare(
            "SELECT id, grade, reports FROM incidents
             WHERE plover_event IN ('AID', 'SUPPORT', 'COOPERATE')
               AND (actor1_code LIKE 'SYR%' OR actor1_code LIKE '---GOV%' OR actor1_code LIKE '---MIL%')
               AND actor2_code LIKE 'IMG%ISI%'",
        )
        .expect("query");
    let found: Vec<(i64, String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(found.len(), 1, "one incident for the allegation: {found:?}");
    let (id, grade, reports) = found[0].clone();
    assert!(grade == "contested" || grade == "weak", "{found:?}");
    assert!(reports >= 2, "it links across reports: {found:?}");
    let (out, _) = sitrep(&["link", "--db", dbs, "--explain", &id.to_string()]);
    assert!(
        out.contains("join document 2") || out.contains("join document 3"),
        "{out}"
    );
}
