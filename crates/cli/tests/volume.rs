//! Volume path of `sitrep ingest`: linking in the writer while analysis goes
//! on (`--link-every`), and `sitrep bench --ingest` end to end.
//!
//! Owns these tests only. They use small generated corpora (no shared data),
//! so they check behaviour, never speed.

use std::path::Path;
use std::process::{Command, Output};

use sitrep_store::Store;

const DOCS: usize = 24;

/// Reports of a few incidents, each told by several outlets in its own
/// words, so that linking has something to join.
fn corpus(path: &Path) {
    let places = ["Idlib", "Aleppo", "Douma"];
    let sources = ["activists said", "state media reported", "a monitor said"];
    let mut out = String::new();
    for i in 0..DOCS {
        let text = format!(
            "Warplanes struck {} on Tuesday, killing {} people, {}. Report {i}.",
            places[i % places.len()],
            10 + i % places.len(),
            sources[(i / places.len()) % sources.len()],
        );
        let rec =
            serde_json::json!({"id": format!("v{i}"), "text": text, "published": "2015-06-03"});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn one(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .expect("query")
}

#[test]
fn linking_in_the_writer_links_every_document_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("v.jsonl");
    corpus(&input);
    let db = dir.path().join("v.db");
    let (db_s, in_s) = (db.to_str().expect("utf-8"), input.to_str().expect("utf-8"));
    let out = sitrep(&[
        "ingest",
        "--db",
        db_s,
        "--batch",
        "4",
        "--jobs",
        "2",
        "--link-every",
        "5",
        in_s,
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("ingest: {DOCS} stored, 0 duplicates")),
        "{err}"
    );
    assert!(
        err.contains(&format!("link: {DOCS} documents linked")),
        "{err}"
    );
    let store = Store::open(&db).expect("open");
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM documents WHERE linked_at IS NULL"
        ),
        0
    );
    // Every incident-worthy event went to exactly one incident, and the
    // three places' reports were joined, not left one incident each.
    let members = one(&store, "SELECT count(*) FROM incident_events");
    let distinct = one(
        &store,
        "SELECT count(*) FROM (SELECT DISTINCT document, event FROM incident_events)",
    );
    assert_eq!(members, distinct);
    let incidents = one(&store, "SELECT count(*) FROM incidents");
    assert!(
        incidents > 0 && incidents < DOCS as i64,
        "{incidents} incidents"
    );
    drop(store);

    // Re-ingesting stores nothing and links nothing new.
    let again = sitrep(&["ingest", "--db", db_s, "--link-every", "5", in_s]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains(&format!("ingest: 0 stored, {DOCS} duplicates")),
        "{err}"
    );
    assert!(err.contains("link: 0 documents linked"), "{err}");
}

#[test]
fn bench_ingest_prints_rate_cpu_and_memory_and_stores_nothing_twice() {
    let out = sitrep(&[
        "bench",
        "--ingest",
        "20",
        "--jobs",
        "2",
        "--example-only",
        "--link-every",
        "8",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("first ingest: 20 stored"), "{text}");
    assert!(
        text.contains("documents/s (read, hash, analyse, store and link"),
        "{text}"
    );
    assert!(
        text.contains("re-ingest: 0 stored, 20 duplicates"),
        "{text}"
    );
    assert!(text.contains("peak RSS:"), "{text}");
    if Path::new("/proc/self/stat").exists() {
        assert!(text.contains("CPU "), "{text}");
    }
}
