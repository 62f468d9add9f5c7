//! End-to-end runs of `sitrep ingest --db postgres://…` and `sitrep worker`
//! against a live PostgreSQL. They need the `postgres` feature and
//! `SITREP_TEST_PG` (a URL; `bash .ci/postgres.sh` starts a server and
//! prints one); without the URL each test prints a skip message and passes.
//! Each test works in a schema of its own, dropped at the end.
#![cfg(feature = "postgres")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use sitrep_store::postgres::scratch::Scratch;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// `n` distinct short reports as JSONL.
fn write_batch(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("batch.jsonl");
    let mut f = std::fs::File::create(&path).expect("create batch");
    let places = ["Douma", "Idlib", "Aleppo", "Kabul", "Mosul"];
    for i in 0..n {
        let place = places[i % places.len()];
        let line = serde_json::json!({
            "id": format!("d{i}"),
            "text": format!(
                "Government forces shelled {place} on Monday, killing {} civilians, activists said. Report number {i}.",
                i % 9 + 2
            ),
            "published": "2019-05-20",
        });
        writeln!(f, "{line}").expect("write batch");
    }
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn worker(url: &str, extra: &[&str]) -> Child {
    sitrep()
        .args(["worker", "--db", url])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sitrep worker")
}

#[test]
fn three_workers_analyse_every_document_exactly_once() {
    let Some(s) = Scratch::new("three") else {
        return;
    };
    let url = s.url();
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = write_batch(dir.path(), 100);

    let out = sitrep()
        .args(["ingest", "--db", &url])
        .arg(&batch)
        .output()
        .expect("run sitrep ingest");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ingest: 100 stored, 0 duplicates, 0 skipped, 0 failed"),
        "{}",
        stderr(&out)
    );
    // Re-ingesting stores and queues nothing new.
    let again = sitrep()
        .args(["ingest", "--db", &url])
        .arg(&batch)
        .output()
        .expect("run sitrep ingest");
    assert!(
        stderr(&again).contains("ingest: 0 stored, 100 duplicates"),
        "{}",
        stderr(&again)
    );
    assert_eq!(s.scalar("SELECT count(*) FROM jobs"), 100);

    let workers: Vec<Child> = (0..3)
        .map(|i| {
            let name = format!("w{i}");
            worker(&url, &["--batch", "3", "--idle-exit", "3", "--name", &name])
        })
        .collect();
    for w in workers {
        let out = w.wait_with_output().expect("wait for worker");
        assert!(out.status.success(), "worker failed: {}", stderr(&out));
    }

    assert_eq!(s.scalar("SELECT count(*) FROM analyses"), 100);
    assert_eq!(
        s.scalar("SELECT count(DISTINCT document) FROM analyses"),
        100
    );
    assert_eq!(
        s.scalar("SELECT count(*) FROM jobs WHERE state = 'done' AND attempts = 1"),
        100
    );
    // The flat rows were written once per document: no event of a document
    // appears twice, and the reports produced some.
    assert!(s.scalar("SELECT count(*) FROM events") > 0);
    assert_eq!(
        s.scalar("SELECT count(*) FROM (SELECT document, idx FROM events GROUP BY 1, 2 HAVING count(*) > 1) x"),
        0
    );
    let per_worker = s.scalar("SELECT count(DISTINCT worker) FROM jobs");
    eprintln!("jobs were done by {per_worker} workers");
    let text = s.scalar(
        "SELECT count(*) FROM documents WHERE fts @@ websearch_to_tsquery('simple', 'douma shelled')",
    );
    assert_eq!(text, 20);

    let status = sitrep()
        .args(["worker", "--db", &url, "--status"])
        .output()
        .expect("status");
    assert_eq!(
        String::from_utf8_lossy(&status.stdout).trim(),
        "jobs: 0 queued, 0 running, 100 done, 0 failed"
    );
}

#[test]
fn a_killed_worker_s_jobs_are_finished_by_another_once() {
    let Some(s) = Scratch::new("kill") else {
        return;
    };
    let url = s.url();
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = write_batch(dir.path(), 30);

    // An ingest job: the worker reads the file, stores and queues it.
    let out = sitrep()
        .args(["worker", "--db", &url, "--enqueue"])
        .arg(&batch)
        .output()
        .expect("enqueue");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sitrep()
        .args(["worker", "--db", &url, "--once", "--name", "reader"])
        .output()
        .expect("ingest job");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(s.scalar("SELECT count(*) FROM documents"), 30);
    assert_eq!(
        s.scalar("SELECT count(*) FROM jobs WHERE kind = 'analyse' AND state = 'queued'"),
        30
    );

    // A worker with a short lease claims everything, and is killed once it
    // holds jobs.
    let mut doomed = worker(&url, &["--batch", "30", "--lease", "2", "--name", "doomed"]);
    let start = Instant::now();
    while s.scalar("SELECT count(*) FROM jobs WHERE worker = 'doomed' AND state = 'running'") == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "worker never claimed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    doomed.kill().expect("kill worker");
    let _ = doomed.wait();
    let done_by_doomed =
        s.scalar("SELECT count(*) FROM jobs WHERE worker = 'doomed' AND state = 'done'");

    // Its leases run out; a second worker finishes the rest.
    let out = worker(
        &url,
        &["--batch", "5", "--idle-exit", "4", "--name", "rescuer"],
    )
    .wait_with_output()
    .expect("rescuer");
    assert!(out.status.success(), "{}", stderr(&out));

    assert_eq!(s.scalar("SELECT count(*) FROM analyses"), 30);
    assert_eq!(
        s.scalar("SELECT count(*) FROM jobs WHERE state = 'done'"),
        31
    );
    let rescued =
        s.scalar("SELECT count(*) FROM jobs WHERE worker = 'rescuer' AND error LIKE '%lease of doomed expired%'");
    assert_eq!(rescued, 30 - done_by_doomed);
    assert!(rescued > 0, "the killed worker finished everything first");
}

#[test]
fn without_a_server_the_worker_fails_cleanly() {
    let out = sitrep()
        .args([
            "worker",
            "--db",
            "postgres://nobody:secret@127.0.0.1:1/none",
            "--once",
        ])
        .output()
        .expect("run worker");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cannot connect"), "{err}");
    assert!(!err.contains("secret"), "password leaked: {err}");
}
