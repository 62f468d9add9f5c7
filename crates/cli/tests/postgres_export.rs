//! The example and its echoes through both stores, with the real binary:
//! ingested and linked into SQLite (`sitrep ingest`, which links), and into
//! PostgreSQL (`sitrep ingest --db postgres://…`, a `sitrep worker` that
//! analyses and links, then `sitrep link --db postgres://…`); every export
//! format must then say the same from both, apart from the times each run
//! wrote. Needs the `postgres` feature and `SITREP_TEST_PG` (a URL; `bash
//! .ci/postgres.sh` prints one); without the URL the test prints a skip
//! message and passes.
#![cfg(feature = "postgres")]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sitrep_store::postgres::PgStore;

use sitrep_store::postgres::scratch::Scratch;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run sitrep; stdout as bytes, stderr as text; fails the test on failure.
fn sitrep(args: &[&str]) -> (Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "sitrep {args:?}: {err}");
    (out.stdout, err)
}

fn ingest(db: &str, report: &Path, echoes: &Path) {
    let report = report.to_str().expect("utf-8 path");
    let echoes = echoes.to_str().expect("utf-8 path");
    sitrep(&["ingest", "--db", db, "--published", "2019-05-20", report]);
    sitrep(&["ingest", "--db", db, echoes]);
}

/// Drop what records when a run happened, not what it found.
fn strip_times(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in ["created_at", "updated_at", "decided_at", "coded_date"] {
                m.remove(k);
            }
            m.values_mut().for_each(strip_times);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_times),
        _ => {}
    }
}

fn export(db: &str, format: &str) -> Vec<u8> {
    sitrep(&["export", "--db", db, "--format", format, "--extras"]).0
}

/// The export as comparable values: CSV rows without `timestamp`, JSON
/// (or each JSONL line) without times.
fn comparable(format: &str, bytes: &[u8]) -> Vec<Value> {
    match format {
        "acled-csv" => {
            let mut r = csv::Reader::from_reader(bytes);
            let header = r.headers().expect("header").clone();
            let ts = header
                .iter()
                .position(|h| h == "timestamp")
                .expect("timestamp");
            let mut out = vec![Value::from(header.iter().collect::<Vec<_>>())];
            for rec in r.records() {
                let rec = rec.expect("row");
                let row: Vec<&str> = rec
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != ts)
                    .map(|(_, f)| f)
                    .collect();
                out.push(Value::from(row));
            }
            out
        }
        "jsonl" => std::str::from_utf8(bytes)
            .expect("utf-8")
            .lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).expect("json line");
                strip_times(&mut v);
                v
            })
            .collect(),
        _ => {
            let mut v: Value = serde_json::from_slice(bytes).expect("json");
            strip_times(&mut v);
            vec![v]
        }
    }
}

#[test]
fn example_and_echoes_export_alike_from_sqlite_and_postgres() {
    let Some(s) = Scratch::new("export") else {
        return;
    };
    let url = s.url();
    let dir = tempfile::tempdir().expect("temp dir");
    let lite = dir.path().join("sitrep.db");
    let lite = lite.to_str().expect("utf-8 path");
    let r = root();
    let (report, echoes) = (
        r.join("examples/aleppo-report.txt"),
        r.join("examples/echoes/aleppo-echoes.jsonl"),
    );

    ingest(lite, &report, &echoes);
    sitrep(&["link", "--db", lite]);

    ingest(&url, &report, &echoes);
    // Before any worker ran: nothing analysed, so nothing to export.
    let (_, err) = sitrep(&["export", "--db", &url, "--format", "acled-csv"]);
    assert!(err.contains("0 of 0"), "{err}");
    let (_, err) = sitrep(&[
        "worker",
        "--db",
        &url,
        "--batch",
        "100",
        "--idle-exit",
        "0.5",
    ]);
    assert!(err.contains("4 analysed, 4 linked"), "{err}");
    // The worker linked everything: `sitrep link` finds nothing new.
    let (_, err) = sitrep(&["link", "--db", &url]);
    assert!(err.contains("link: 0 documents linked"), "{err}");

    for format in ["acled-csv", "plover-json", "geojson", "jsonl"] {
        let a = export(lite, format);
        let b = export(&url, format);
        let (a, b) = (comparable(format, &a), comparable(format, &b));
        assert!(
            a.len() > 1 || format != "acled-csv",
            "{format}: no incidents"
        );
        assert_eq!(a, b, "{format} differs between SQLite and PostgreSQL");
    }

    // --explain works on Postgres and shows the decisions.
    let (out, _) = sitrep(&["link", "--db", &url, "--explain", "1"]);
    let out = String::from_utf8_lossy(&out);
    assert!(out.starts_with("incident 1:"), "{out}");
    assert!(out.contains("  new"), "{out}");
}

/// The number before `what` in a worker's summary line (`…, 7 linked, …`).
fn count_before(text: &str, what: &str) -> u64 {
    let line = text
        .lines()
        .rev()
        .find(|l| l.contains(" analysed, "))
        .unwrap_or_else(|| panic!("no summary line in {text}"));
    let at = line
        .find(what)
        .unwrap_or_else(|| panic!("{what:?} not in {line}"));
    line[..at]
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no count before {what:?} in {line}"))
}

#[test]
fn concurrent_workers_link_every_document_exactly_once() {
    let Some(s) = Scratch::new("linkonce") else {
        return;
    };
    let url = s.url();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("batch.jsonl");
    let places = ["Douma", "Idlib", "Aleppo", "Homs", "Hama"];
    let lines: Vec<String> = (0..40)
        .map(|i| {
            serde_json::json!({
                "id": format!("d{i}"),
                "text": format!(
                    "Government forces shelled {} on Monday, killing {} civilians, activists said. Report {i}.",
                    places[i % places.len()],
                    i % 7 + 2
                ),
                "published": "2019-05-20",
            })
            .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).expect("write batch");
    sitrep(&["ingest", "--db", &url, path.to_str().expect("utf-8 path")]);

    // Small batches, linking after each: the three workers try to link
    // many times, often while another one holds the link lock.
    let workers: Vec<_> = (0..3)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_sitrep"))
                .args(["worker", "--db", &url, "--batch", "2", "--idle-exit", "2"])
                .args(["--link-every", "2"])
                .args(["--name", &format!("w{i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start worker")
        })
        .collect();
    let mut analysed = 0;
    let mut linked = 0;
    for w in workers {
        let out = w.wait_with_output().expect("wait for worker");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{err}");
        analysed += count_before(&err, " analysed");
        linked += count_before(&err, " linked");
    }
    assert_eq!(analysed, 40);
    assert_eq!(linked, 40, "each document linked by exactly one worker");

    let mut store = PgStore::connect(&url).expect("connect");
    let mut scalar = |sql: &str| -> i64 { store.client().query_one(sql, &[]).expect(sql).get(0) };
    assert_eq!(
        scalar("SELECT count(*) FROM documents WHERE linked_at IS NULL"),
        0
    );
    // No event was decided twice (a second linker would have added a
    // second new/join/skip decision for it).
    assert_eq!(
        scalar(
            "SELECT count(*) FROM (SELECT document, event FROM link_decisions
              WHERE decision IN ('new', 'join', 'skip')
              GROUP BY document, event HAVING count(*) > 1) x"
        ),
        0
    );
    assert!(scalar("SELECT count(*) FROM incidents") >= 5);
}

#[test]
fn an_idle_worker_links_analyses_nobody_linked() {
    let Some(s) = Scratch::new("idle") else {
        return;
    };
    let url = s.url();
    let report = root().join("examples/aleppo-report.txt");
    let report = report.to_str().expect("utf-8 path");
    sitrep(&["ingest", "--db", &url, "--published", "2019-05-20", report]);
    // Analysed, not linked (as if its worker had died before linking).
    let (_, err) = sitrep(&["worker", "--db", &url, "--once", "--no-link"]);
    assert!(err.contains("1 analysed, 0 linked"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["export", "--db", &url, "--format", "jsonl"])
        .output()
        .expect("run sitrep export");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("run `sitrep link` first"), "{err}");
    // A worker with nothing to analyse links it.
    let (_, err) = sitrep(&["worker", "--db", &url, "--idle-exit", "0.5"]);
    assert!(err.contains("0 analysed, 1 linked"), "{err}");
    let (out, _) = sitrep(&["export", "--db", &url, "--format", "jsonl"]);
    assert!(!out.is_empty(), "incidents exported");
}
