//! End-to-end runs of `sitrep export` on a small linked store (the export
//! crate's sample: three reports, four incidents) in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use sitrep_store::Store;

fn sample_db(dir: &Path) -> PathBuf {
    let db = dir.join("sitrep.db");
    let store = Store::open(&db).expect("open store");
    store
        .connection()
        .execute_batch(sitrep_export::SAMPLE_SQL)
        .expect("load sample");
    db
}

fn export(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("export")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run sitrep")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn acled_csv_has_acleds_columns_and_quotes_notes() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = export(&db, &["--format", "acled-csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert_eq!(header, sitrep_export::acled::COLUMNS.join(","));
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,"));
    assert!(header.ends_with(",source,source_scale,notes,fatalities,tags,timestamp"));
    // The note with a comma, quotes and a newline is one quoted field.
    assert!(text.contains(
        "\"On 20 May 2019, regime warplanes struck al-Bāb, killing 12 civilians, \
         \"\"according to\"\" SOHR.\nThe army denied it.\""
    ));
    // Four records: the header plus four lines starting with an event id.
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|f| f.starts_with("SYR") || f.starts_with("NGA") || f.starts_with("XXX"))
        .collect();
    assert_eq!(ids, vec!["SYR2", "SYR1", "NGA3", "XXX4"]);
    assert!(stderr(&out).contains("export: 4 of 4 selected incidents written as acled-csv"));
}

#[test]
fn filters_narrow_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = export(
        &db,
        &[
            "--format",
            "jsonl",
            "--country",
            "SYR",
            "--min-grade",
            "fair",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<i64> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, vec![1]);
    let out = export(
        &db,
        &[
            "--format",
            "jsonl",
            "--since",
            "2019-05-19",
            "--until",
            "2020-12-31",
        ],
    );
    assert_eq!(stdout(&out).lines().count(), 2);
    let bad = export(&db, &["--format", "jsonl", "--min-grade", "likely"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = export(
        &db,
        &[
            "--format",
            "jsonl",
            "--since",
            "2020-01-01",
            "--until",
            "2019-01-01",
        ],
    );
    assert!(
        stderr(&bad).contains("is after --until"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn geojson_file_validates_and_counts_the_unplaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let path = dir.path().join("incidents.geojson");
    let out = export(
        &db,
        &["--format", "geojson", "--out", path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: 2 incidents without coordinates left out of the GeoJSON"),
        "{}",
        stderr(&out)
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(sitrep_export::geojson::validate(&doc).is_empty());
    // RFC 7946 by hand: a FeatureCollection of Features with Point
    // geometries whose coordinates are [longitude, latitude].
    assert_eq!(doc["type"], "FeatureCollection");
    let features = doc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        assert!(f["properties"].is_object());
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        // Syria: longitude ~36-38 E, latitude ~35-37 N.
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (36.0..38.0).contains(&lon) && (35.5..37.0).contains(&lat),
            "{c:?}"
        );
    }
    // No temporary file is left beside the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn plover_json_and_jsonl_are_deterministic_full_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let first = export(&db, &["--format", "plover-json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let records: Vec<Value> = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(records.len(), 4);
    assert_eq!(records[1]["actor"][0]["sector"], "MIL");
    assert_eq!(records[1]["reports"][1]["doc_id"], "a2");
    let again = export(&db, &["--format", "plover-json"]);
    assert_eq!(first.stdout, again.stdout);

    let jsonl = export(&db, &["--format", "jsonl"]);
    let lines: Vec<Value> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let claim = &lines[1]["events"][1]["claims"][0];
    assert_eq!(claim["stance"], "deny");
    assert_eq!(claim["source_text"], "The Syrian army");
    assert_eq!(export(&db, &["--format", "jsonl"]).stdout, jsonl.stdout);
}

#[test]
fn events_without_incidents_ask_for_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unlinked.db");
    {
        let store = Store::open(&db).unwrap();
        store
            .connection()
            .execute_batch(
                "INSERT INTO documents (id, content_hash, doc_id, record, text, ingested_at)
                 VALUES (1, 'h', 'a', 'a.txt', 'Shelling hit Idlib.', '2019-01-01T00:00:00Z');
                 INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text,
                   plover_event, cameo, event_type, sub_event_type, civilian_targeting,
                   factuality, sentence, rule)
                 VALUES (1, 0, 0, 8, 'Shelling', 'ASSAULT', '194',
                   'Explosions/Remote violence', 'Shelling/artillery/missile attack', 0,
                   'asserted', 0, 'trigger:shelling');",
            )
            .unwrap();
    }
    let out = export(&db, &["--format", "acled-csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("but no incidents: run `sitrep link` first"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_database_is_an_error_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nope.db");
    let out = export(&db, &["--format", "geojson"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no database at"), "{}", stderr(&out));
    assert!(!db.exists());
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let path = dir.path().join("x.parquet");
    let out = export(
        &db,
        &["--format", "parquet", "--out", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--features parquet"),
        "{}",
        stderr(&out)
    );
    assert!(!path.exists());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_file_starts_and_ends_with_the_magic() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let path = dir.path().join("x.parquet");
    let out = export(
        &db,
        &["--format", "parquet", "--out", path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
}
