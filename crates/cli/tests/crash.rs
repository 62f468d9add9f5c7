//! Crash safety of `sitrep ingest`: SIGKILL at seeded pseudo-random points,
//! rerun, and check that every record ends stored exactly once, that no
//! document is half-written, and that SQLite's integrity check passes.
//!
//! Owns this test only. Each run is killed after it has committed at least
//! one new batch (polled from the database), plus a seeded random delay, so
//! the kills land mid-ingest rather than before the first commit.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sitrep_store::Store;

const DOCS: usize = 200;

/// A small xorshift generator: the kill points are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn corpus(path: &Path) {
    let actors = [
        "Government forces",
        "Rebels",
        "Islamic State fighters",
        "Russian warplanes",
        "Kurdish militias",
        "Turkish artillery",
    ];
    let places = [
        "Idlib", "Aleppo", "Homs", "Hama", "Daraa", "Latakia", "Raqqa", "Douma",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let sources = [
        "activists said",
        "a monitoring group said",
        "state media reported",
    ];
    let mut out = String::new();
    for i in 0..DOCS {
        let text = format!(
            "{} shelled {} on {}, killing {} people, {}. It was report {i} of the day.",
            actors[i % actors.len()],
            places[(i / 6) % places.len()],
            days[i % days.len()],
            i % 17 + 2,
            sources[i % sources.len()],
        );
        let rec =
            serde_json::json!({"id": format!("c{i}"), "text": text, "published": "2015-06-02"});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

fn documents(db: &Path) -> u64 {
    if !db.exists() {
        return 0;
    }
    Store::open(db)
        .and_then(|s| s.counts())
        .map(|c| c.documents)
        .unwrap_or(0)
}

fn command(db: &Path, input: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.arg("ingest")
        .arg("--db")
        .arg(db)
        .args(["--batch", "8", "--jobs", "1", "--no-link"])
        .arg(input)
        .stdin(Stdio::null());
    c
}

#[test]
fn sigkill_then_rerun_stores_every_record_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("corpus.jsonl");
    let db = dir.path().join("crash.db");
    corpus(&input);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut partial_seen = false;
    let started = Instant::now();
    for round in 0..4 {
        let before = documents(&db);
        if before as usize == DOCS {
            break;
        }
        let mut child = command(&db, &input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sitrep");
        // Wait for a new commit, then kill after a random extra delay.
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut finished = false;
        while Instant::now() < deadline {
            if child.try_wait().expect("poll child").is_some() {
                finished = true;
                break;
            }
            if documents(&db) > before {
                break;
            }
            std::thread::sleep(Duration::from_millis(15));
        }
        if !finished {
            std::thread::sleep(Duration::from_millis(rng.next() % 120));
            // Child::kill sends SIGKILL on Unix.
            let _ = child.kill();
        }
        let _ = child.wait();
        let after = documents(&db);
        eprintln!("round {round}: {before} -> {after} documents (finished by itself: {finished})");
        if after > 0 && (after as usize) < DOCS {
            partial_seen = true;
        }
        Store::open(&db)
            .expect("reopen after kill")
            .integrity_check()
            .expect("integrity after kill");
    }
    assert!(
        partial_seen,
        "no kill landed mid-ingest; the test did not test anything"
    );

    let before_final = documents(&db);
    let out = command(&db, &input).output().expect("final run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let summary = stderr
        .lines()
        .find(|l| l.starts_with("ingest: "))
        .expect("summary line");
    assert_eq!(
        summary,
        format!(
            "ingest: {} stored, {before_final} duplicates, 0 skipped, 0 failed",
            DOCS as u64 - before_final
        ),
        "{stderr}"
    );

    let store = Store::open(&db).expect("open");
    store.integrity_check().expect("PRAGMA integrity_check ok");
    let c = store.counts().expect("counts");
    assert_eq!((c.documents, c.analyses), (DOCS as u64, DOCS as u64));
    let q = |sql: &str| -> i64 {
        store
            .connection()
            .query_row(sql, [], |r| r.get(0))
            .expect(sql)
    };
    assert_eq!(
        q("SELECT count(DISTINCT doc_id) FROM documents"),
        DOCS as i64
    );
    assert_eq!(
        q("SELECT count(DISTINCT content_hash) FROM documents"),
        DOCS as i64
    );
    // No half document: each one's event and claim rows match its analysis.
    assert_eq!(
        q(
            "SELECT count(*) FROM documents d JOIN analyses a ON a.document = d.id
           WHERE (SELECT count(*) FROM events e WHERE e.document = d.id)
                 != json_array_length(a.report, '$.events')
              OR (SELECT count(*) FROM claims c WHERE c.document = d.id)
                 != json_array_length(a.report, '$.claims')"
        ),
        0
    );
    assert!(
        q("SELECT count(*) FROM events") > 0,
        "the corpus must produce events"
    );
    // Only runs that finished are in the audit log, the final one last.
    assert!(q("SELECT count(*) FROM audit_log") >= 1);
    eprintln!("crash test took {:.1} s", started.elapsed().as_secs_f64());
}
