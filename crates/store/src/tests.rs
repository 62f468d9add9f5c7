//! Unit tests on temp files: idempotence, counts, search, migrations and
//! all-or-nothing writes.

use sitrep_analyze::Report;
use sitrep_core::layers::{AcledType, Actor, Claim, Count, Event, Factuality, Place, Plover};
use sitrep_core::{Analysis, Doc, DocMeta, Span};

use super::*;

fn span(text: &str, start: usize) -> Span {
    Span {
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
        ..Span::default()
    }
}

const TEXT: &str = "Regime warplanes struck al-Bāb in Ḩalab province on Monday, killing 12 civilians, activists said.";

fn doc(id: &str, text: &str) -> Doc {
    Doc::with_meta(
        id,
        text,
        DocMeta {
            published: chrono::NaiveDate::from_ymd_opt(2015, 6, 2),
            title: Some("Air strikes on al-Bāb".into()),
            ..DocMeta::default()
        },
    )
}

fn report(d: &Doc) -> Report {
    let place = Place {
        span: span("al-Bāb", 24),
        geonameid: Some(172_515),
        name: "Al-Bab".into(),
        country: Some("SY".into()),
        lat: Some(36.37),
        lon: Some(37.52),
        feature: "city".into(),
        geo_precision: 1,
        where_prec: 1,
        role: "literal".into(),
        ..Place::default()
    };
    let actor = Actor {
        span: span("Regime", 0),
        code: "SYRGOV".into(),
        name: "Syrian government".into(),
        ..Actor::default()
    };
    let event = Event {
        trigger: span("struck", 17),
        plover: Plover {
            event: "ASSAULT".into(),
            mode: Some("aerial".into()),
        },
        cameo: "195".into(),
        acled: AcledType {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Air/drone strike".into(),
        },
        actor1: Some(actor.clone()),
        place: Some(place.clone()),
        fatalities: Some(Count {
            low: 12,
            best: 12,
            high: None,
            text: span("12", 68),
            unit: Some("civilians".into()),
            ..Count::default()
        }),
        civilian_targeting: true,
        factuality: Factuality::Alleged,
        claims: vec![0],
        rule: "test".into(),
        ..Event::default()
    };
    let claim = Claim {
        source: Some(span("activists", 81)),
        cue: span("said", 91),
        content: span("Regime warplanes struck", 0),
        events: vec![0],
        ..Claim::default()
    };
    Report {
        analysis: Analysis {
            id: d.id.clone(),
            events: vec![event],
            claims: vec![claim],
            places: vec![place],
            actors: vec![actor],
            ..Analysis::default()
        },
        incidents: vec![],
        claim_grades: vec![],
    }
}

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sitrep.db");
    (dir, path)
}

#[test]
fn reingest_is_idempotent_and_whitespace_does_not_matter() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let d = doc("a1", TEXT);
    let first = store.put(&d, "batch.jsonl:1", &report(&d)).unwrap();
    let Put::Stored { id, rows } = first else {
        panic!("first put stores: {first:?}")
    };
    assert_eq!(
        rows,
        Rows {
            events: 1,
            claims: 1,
            places: 1,
            actors: 1
        }
    );
    assert_eq!(
        store.put(&d, "batch.jsonl:1", &report(&d)).unwrap(),
        Put::Duplicate { id }
    );
    // A re-wrapped copy under another id is the same content.
    let rewrapped = doc("copy", &TEXT.replace(' ', "\n  "));
    assert_eq!(
        store
            .put(&rewrapped, "other.jsonl:5", &report(&rewrapped))
            .unwrap(),
        Put::Duplicate { id }
    );
    drop(store);
    // And after reopening the file.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.find(&content_hash(TEXT)).unwrap(), Some(id));
    assert_eq!(
        store.put(&d, "batch.jsonl:1", &report(&d)).unwrap(),
        Put::Duplicate { id }
    );
    assert_eq!(store.counts().unwrap().documents, 1);
}

#[test]
fn counts_follow_the_rows_written() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap(), Counts::default());
    for (i, text) in [TEXT, "Rebels shelled a checkpoint near Idlib."]
        .iter()
        .enumerate()
    {
        let d = doc(&format!("d{i}"), text);
        store.put(&d, "x", &report(&d)).unwrap();
    }
    store
        .log_run(&Run {
            command: "ingest".into(),
            detail: "test".into(),
            started: SystemTime::now(),
            stored: 2,
            duplicates: 0,
            skipped: 0,
            failed: 0,
        })
        .unwrap();
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            documents: 2,
            analyses: 2,
            events: 2,
            claims: 2,
            places: 2,
            actors: 2,
            audit_log: 1,
        }
    );
    store.integrity_check().unwrap();
}

#[test]
fn flat_tables_answer_air_strikes_in_syria_with_fatalities() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("a1", TEXT);
    store.put(&d, "a1.txt", &report(&d)).unwrap();
    let (trigger, best, factuality, start): (String, i64, String, i64) = store
        .connection()
        .query_row(
            "SELECT trigger_text, fatalities_best, factuality, trigger_start FROM events
             WHERE sub_event_type = 'Air/drone strike' AND country = 'SY'
               AND fatalities_best > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (trigger.as_str(), best, factuality.as_str()),
        ("struck", 12, "alleged")
    );
    // Offsets are characters into documents.text: substr is 1-based.
    let at: String = store
        .connection()
        .query_row(
            "SELECT substr(text, ?1 + 1, 6) FROM documents",
            [start],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(at, "struck");
    let (stance, linked): (String, i64) = store
        .connection()
        .query_row(
            "SELECT c.stance, count(ce.event) FROM claims c
             JOIN claim_events ce ON ce.document = c.document AND ce.claim = c.idx",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((stance.as_str(), linked), ("assert", 1));
    let json: String = store
        .connection()
        .query_row("SELECT report FROM analyses", [], |r| r.get(0))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["events"][0]["acled"]["sub_event_type"],
        "Air/drone strike"
    );
}

#[test]
fn search_folds_diacritics() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("a1", TEXT);
    store.put(&d, "a1.txt", &report(&d)).unwrap();
    let other = doc("a2", "Police arrested dozens of protesters in Khartoum.");
    store.put(&other, "a2.txt", &report(&other)).unwrap();
    let hits = store.search("halab AND bab", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "a1");
    assert!(hits[0].snippet.contains("[Ḩalab]"), "{}", hits[0].snippet);
    assert_eq!(store.search("khartoum", 10).unwrap()[0].doc_id, "a2");
    assert!(store.search("damascus", 10).unwrap().is_empty());
    // Titles are indexed too.
    assert_eq!(store.search("title:strikes", 10).unwrap().len(), 2);
}

#[test]
fn search_follows_text_edits_but_not_link_marks() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("a1", TEXT);
    store.put(&d, "a1.txt", &report(&d)).unwrap();
    let c = store.connection();
    // Linking only marks columns: the index keeps the document.
    c.execute("UPDATE documents SET linked_at = 'now', simhash = 7", [])
        .unwrap();
    assert_eq!(store.search("halab", 10).unwrap().len(), 1);
    // A text edit re-indexes it.
    c.execute(
        "UPDATE documents SET text = 'Shelling hit Homs overnight.'",
        [],
    )
    .unwrap();
    assert!(store.search("halab", 10).unwrap().is_empty());
    assert_eq!(store.search("homs", 10).unwrap().len(), 1);
}

#[test]
fn migrations_run_once() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::latest());
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        schema::migrate(&mut store.conn).unwrap(),
        0,
        "nothing left to run"
    );
    let applied: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, i64::from(schema::latest()));
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn newer_schema_is_refused() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store
        .connection()
        .execute("INSERT INTO schema_migrations VALUES (999, 'future')", [])
        .unwrap();
    drop(store);
    assert!(matches!(
        Store::open(&path),
        Err(Error::TooNew { found: 999, .. })
    ));
}

#[test]
fn a_failed_write_leaves_nothing_of_the_document() {
    let mut store = Store::open_in_memory().unwrap();
    // Break the last table written so the transaction fails half-way.
    store
        .connection()
        .execute_batch("DROP TABLE actors")
        .unwrap();
    let d = doc("a1", TEXT);
    let err = store.put(&d, "a1.txt", &report(&d)).unwrap_err();
    assert!(err.to_string().starts_with("storing a1:"), "{err}");
    let n = |t: &str| -> i64 {
        store
            .connection()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        (
            n("documents"),
            n("analyses"),
            n("events"),
            n("documents_fts")
        ),
        (0, 0, 0, 0)
    );
}

#[test]
fn hash_normalises_whitespace_only() {
    assert_eq!(content_hash(" a  b\n"), content_hash("a b"));
    assert_ne!(content_hash("a b"), content_hash("A b"));
    assert_eq!(content_hash("x").len(), 64);
}

#[test]
fn a_batch_commits_whole_documents_and_isolates_a_failing_one() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // A document whose actor rows cannot be written fails half-way.
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON actors
             WHEN (SELECT doc_id FROM documents WHERE id = new.document) = 'bad'
             BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .unwrap();
    let first = doc("a0", "Rebels shelled Idlib on Monday, activists said.");
    store.put(&first, "a0.txt", &report(&first)).unwrap();
    let docs = [
        doc("a1", TEXT),
        doc("bad", &format!("{TEXT} Again.")),
        doc("a1-copy", &format!("  {TEXT}\n")),
        doc("a0-copy", "Rebels shelled Idlib on Monday, activists said."),
        doc("a2", &format!("{TEXT} Later.")),
    ];
    let reports: Vec<Report> = docs.iter().map(report).collect();
    let entries: Vec<Entry> = docs
        .iter()
        .zip(&reports)
        .map(|(d, r)| Entry {
            doc: d,
            record: &d.id,
            report: r,
        })
        .collect();
    let results = store.put_batch(&entries).unwrap();
    let kinds: Vec<&str> = results
        .iter()
        .map(|r| match r {
            Ok(Put::Stored { .. }) => "stored",
            Ok(Put::Duplicate { .. }) => "duplicate",
            Err(_) => "failed",
        })
        .collect();
    assert_eq!(
        kinds,
        ["stored", "failed", "duplicate", "duplicate", "stored"]
    );
    assert!(results[1]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("boom"));
    drop(store);
    let store = Store::open(&path).unwrap();
    let ids: Vec<String> = store
        .connection()
        .prepare("SELECT doc_id FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, ["a0", "a1", "a2"]);
    let c = store.counts().unwrap();
    // Nothing of the failed document is left: one analysis per document.
    assert_eq!((c.documents, c.analyses), (3, 3));
    let orphans: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM events WHERE document NOT IN (SELECT id FROM documents)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    store.integrity_check().unwrap();
}

/// The report of [`report`] with the fields migration 3 stores: a weapon,
/// inter codes and associated actors.
fn detailed_report(d: &Doc) -> Report {
    let mut r = report(d);
    let e = &mut r.analysis.events[0];
    e.weapon = Some(sitrep_core::layers::Weapon {
        span: span("warplanes", 7),
        kind: "aerial".into(),
    });
    e.inter1 = Some(1);
    e.inter2 = Some(7);
    let assoc = |name: &str| Actor {
        code: "X".into(),
        name: name.into(),
        ..Actor::default()
    };
    e.assoc_actor1 = vec![assoc("Hezbollah"), assoc("Iranian militias")];
    r
}

type Details = (
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn details(store: &Store) -> Details {
    store
        .connection()
        .query_row(
            "SELECT weapon_start, weapon_end, weapon_text, weapon_kind, inter1, inter2,
                    assoc_actor_1, assoc_actor_2 FROM events",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .unwrap()
}

fn expected_details() -> Details {
    (
        Some(7),
        Some(16),
        Some("warplanes".into()),
        Some("aerial".into()),
        Some(1),
        Some(7),
        Some("Hezbollah; Iranian militias".into()),
        None,
    )
}

#[test]
fn events_keep_weapon_inter_codes_and_associated_actors() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("a1", TEXT);
    store.put(&d, "a1.txt", &detailed_report(&d)).unwrap();
    assert_eq!(details(&store), expected_details());
    // An event without them leaves the columns empty.
    let other = doc("a2", "Police arrested dozens of protesters in Khartoum.");
    store.put(&other, "a2.txt", &report(&other)).unwrap();
    let empty: (Option<String>, Option<i64>, Option<String>) = store
        .connection()
        .query_row(
            "SELECT weapon_kind, inter1, assoc_actor_1 FROM events e
             JOIN documents d ON d.id = e.document WHERE d.doc_id = 'a2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(empty, (None, None, None));
}

#[test]
fn migration_3_fills_the_new_columns_from_stored_analyses() {
    // A database written by a sitrep that knew migrations 1 and 2 only.
    let (_dir, path) = temp_db();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);",
    )
    .unwrap();
    for (i, sql) in schema::MIGRATIONS[..2].iter().enumerate() {
        conn.execute_batch(sql).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, 'then')",
            [i as i64 + 1],
        )
        .unwrap();
    }
    let d = doc("a1", TEXT);
    let json = serde_json::to_string(&detailed_report(&d)).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO documents (id, content_hash, doc_id, record, text, ingested_at)
         VALUES (1, 'h', 'a1', 'a1.txt', 'text', 'then');
         INSERT INTO analyses VALUES (1, 'old', '{}', '2020-01-01T00:00:00Z');
         INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text,
             plover_event, cameo, event_type, sub_event_type, civilian_targeting, factuality,
             sentence, rule)
         VALUES (1, 0, 17, 23, 'struck', 'ASSAULT', '195', 'Explosions/Remote violence',
             'Air/drone strike', 1, 'alleged', 0, 'test');",
        json.replace('\'', "''")
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::latest());
    assert_eq!(details(&store), expected_details());
}
