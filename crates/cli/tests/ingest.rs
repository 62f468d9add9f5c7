//! End-to-end runs of `sitrep ingest` into a temporary database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sitrep_store::Store;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn ingest(db: &Path, inputs: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(inputs)
        .output()
        .expect("run sitrep")
}

fn last_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn ingest_stores_once_and_reingest_finds_only_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    let batch = fixture("batch.jsonl");

    let first = ingest(&db, std::slice::from_ref(&batch));
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(
        last_line(&first),
        "ingest: 2 stored, 0 duplicates, 0 skipped, 2 failed",
        "{stderr}"
    );
    assert!(
        stderr.contains("batch.jsonl:2: field `published`: invalid date"),
        "{stderr}"
    );
    assert!(stderr.contains("batch.jsonl:3: invalid JSON"), "{stderr}");
    assert_eq!(
        first.status.code(),
        Some(1),
        "failed records give exit code 1"
    );

    let second = ingest(&db, &[batch]);
    assert_eq!(
        last_line(&second),
        "ingest: 0 stored, 2 duplicates, 0 skipped, 2 failed",
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );

    let store = Store::open(&db).expect("open the store");
    store
        .integrity_check()
        .expect("PRAGMA integrity_check is ok");
    let counts = store.counts().expect("counts");
    assert_eq!(
        (counts.documents, counts.analyses, counts.audit_log),
        (2, 2, 2)
    );
    // The record names where each came from (the path as given, then the line).
    let ids: Vec<String> = store
        .connection()
        .prepare(
            "SELECT doc_id || ' ' || substr(record, -13) || ' ' || published
             FROM documents ORDER BY id",
        )
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .expect("query documents");
    assert_eq!(
        ids,
        ["a1 batch.jsonl:1 2018-02-21", "a2 batch.jsonl:5 2019-01-19"]
    );
    assert_eq!(store.search("douma", 5).expect("search")[0].doc_id, "a1");
}

#[test]
fn skipped_inputs_are_counted_with_their_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, "%PDF").expect("write");
    let out = ingest(&db, &[pdf]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("skipped: ") && stderr.contains("unsupported extension .pdf"),
        "{stderr}"
    );
    assert_eq!(
        last_line(&out),
        "ingest: 0 stored, 0 duplicates, 1 skipped, 0 failed"
    );
    assert_eq!(out.status.code(), Some(0));
}
