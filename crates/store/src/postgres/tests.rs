//! Tests of the Postgres store against a live server. They run only when
//! `SITREP_TEST_PG` holds a URL (`.ci/postgres.sh` prints one); otherwise
//! each prints a skip message and passes. Each test works in a schema of its
//! own, dropped at the end.

use std::time::Duration;

use sitrep_analyze::Report;
use sitrep_core::{Analysis, Doc, DocMeta};

use super::*;

use super::scratch::Scratch;

fn doc(id: &str, text: &str) -> Doc {
    Doc::with_meta(
        id,
        text,
        DocMeta {
            title: Some(format!("Title {id}")),
            published: "2019-05-20".parse().ok(),
            ..DocMeta::default()
        },
    )
}

fn empty_report(doc: &Doc) -> Report {
    Report {
        analysis: Analysis {
            id: doc.id.clone(),
            ..Analysis::default()
        },
        incidents: vec![],
        claim_grades: vec![],
    }
}

const LEASE: Duration = Duration::from_secs(60);

#[test]
fn redact_hides_only_the_password() {
    assert_eq!(
        redact("postgres://ann:s3cret@db.example:5432/sitrep"),
        "postgres://ann:***@db.example:5432/sitrep"
    );
    assert_eq!(
        redact("postgres://ann@127.0.0.1/sitrep"),
        "postgres://ann@127.0.0.1/sitrep"
    );
    assert!(is_postgres_url("postgresql://x/y"));
    assert!(!is_postgres_url("sitrep.db"));
    assert_eq!(
        with_search_path("postgres://a@h/db?sslmode=disable", "s1"),
        "postgres://a@h/db?sslmode=disable&options=-csearch_path%3Ds1"
    );
}

#[test]
fn migrations_run_once_and_add_is_idempotent() {
    let Some(s) = Scratch::new("migr") else {
        return;
    };
    let mut a = s.store();
    assert_eq!(a.schema_version().unwrap(), latest());
    // A second connection finds nothing to do.
    let mut b = s.store();
    assert_eq!(migrate(b.client()).unwrap(), 0);

    let d = doc(
        "a1",
        "Regime warplanes struck al-Bāb on Monday, activists said.",
    );
    let Added::Queued { id, .. } = a.add_document(&d, "batch.jsonl:1").unwrap() else {
        panic!("first add must queue");
    };
    // Same text re-wrapped: a duplicate, no second job.
    let again = doc(
        "a2",
        "Regime  warplanes struck\nal-Bāb on Monday,  activists said.",
    );
    assert_eq!(
        b.add_document(&again, "batch.jsonl:2").unwrap(),
        Added::Duplicate { id }
    );
    assert_eq!(a.counts().unwrap().documents, 1);
    assert_eq!(a.queue_counts().unwrap().queued, 1);
    // Folded search: 'bab' finds 'al-Bāb'.
    let hits = a.search("bab warplanes", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "a1");
    assert!(hits[0].snippet.contains('['), "{}", hits[0].snippet);
    assert!(a.search("helicopter", 5).unwrap().is_empty());
    // The stored document comes back as it went in.
    let back = a.document(id).unwrap();
    assert_eq!(back.text, d.text);
    assert_eq!(back.meta.title.as_deref(), Some("Title a1"));
    assert_eq!(back.meta.published, d.meta.published);
}

#[test]
fn skip_locked_claims_are_disjoint() {
    let Some(s) = Scratch::new("claim") else {
        return;
    };
    let mut a = s.store();
    let mut b = s.store();
    for i in 0..10 {
        a.add_document(&doc(&format!("d{i}"), &format!("text number {i}")), "x")
            .unwrap();
    }
    // Hold a's claim open in a transaction while b claims: b must skip a's
    // locked rows instead of waiting or taking them.
    let mut tx = a.client().transaction().unwrap();
    let held: Vec<i64> = tx
        .query(
            "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id
             FOR UPDATE SKIP LOCKED LIMIT 4",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let got = b.claim("b", 10, LEASE).unwrap();
    assert_eq!(got.len(), 6);
    assert!(got.iter().all(|j| !held.contains(&j.id)));
    tx.rollback().unwrap();
    let rest = a.claim("a", 10, LEASE).unwrap();
    assert_eq!(rest.len(), 4);
    assert!(b.claim("b", 10, LEASE).unwrap().is_empty());
    assert_eq!(a.queue_counts().unwrap().running, 10);
}

#[test]
fn completion_is_fenced_and_writes_rows_once() {
    let Some(s) = Scratch::new("fence") else {
        return;
    };
    let mut st = s.store();
    let d = doc("f1", "Shelling killed two people in Idlib.");
    let Added::Queued { id, .. } = st.add_document(&d, "f").unwrap() else {
        panic!("queued");
    };
    // Worker a claims with a lease that is already over.
    let a = st.claim("a", 1, Duration::ZERO).unwrap().remove(0);
    std::thread::sleep(Duration::from_millis(20));
    // b reclaims the expired job; a's later completion is refused.
    let b = st.claim("b", 1, LEASE).unwrap().remove(0);
    assert_eq!(b.id, a.id);
    assert_eq!(b.attempts, 2);
    let report = empty_report(&d);
    assert_eq!(
        st.complete_analysis(&a, id, &report).unwrap(),
        Completion::Lost
    );
    assert!(matches!(
        st.complete_analysis(&b, id, &report).unwrap(),
        Completion::Done { .. }
    ));
    // Done is final: b cannot complete twice, a cannot fail it.
    assert_eq!(
        st.complete_analysis(&b, id, &report).unwrap(),
        Completion::Lost
    );
    assert_eq!(st.fail(&a, "late").unwrap(), Failed::Lost);
    assert_eq!(st.counts().unwrap().analyses, 1);
    let q = st.queue_counts().unwrap();
    assert_eq!((q.done, q.running, q.queued), (1, 0, 0));
    let err: Option<String> = st
        .client()
        .query_one("SELECT error FROM jobs WHERE id = $1", &[&b.id])
        .unwrap()
        .get(0);
    assert!(err.unwrap_or_default().contains("lease of a expired"));
}

#[test]
fn heartbeat_keeps_a_lease_alive() {
    let Some(s) = Scratch::new("beat") else {
        return;
    };
    let mut st = s.store();
    st.add_document(&doc("h1", "A text."), "h").unwrap();
    let j = st
        .claim("a", 1, Duration::from_millis(300))
        .unwrap()
        .remove(0);
    assert_eq!(st.heartbeat("a", LEASE).unwrap(), 1);
    assert_eq!(st.heartbeat("nobody", LEASE).unwrap(), 0);
    std::thread::sleep(Duration::from_millis(400));
    // The extended lease still holds: nobody else can take it.
    assert!(st.claim("b", 1, LEASE).unwrap().is_empty());
    assert!(st.complete(&j).unwrap());
}

#[test]
fn failures_keep_error_and_attempts() {
    let Some(s) = Scratch::new("fail") else {
        return;
    };
    let mut st = s.store();
    st.add_document(&doc("x1", "Something."), "x").unwrap();
    for attempt in 1..=3 {
        let j = st.claim("w", 1, LEASE).unwrap().remove(0);
        assert_eq!(j.attempts, attempt);
        let want = if attempt < 3 {
            Failed::Requeued
        } else {
            Failed::Failed
        };
        assert_eq!(st.fail(&j, &format!("boom {attempt}")).unwrap(), want);
    }
    assert!(st.claim("w", 1, LEASE).unwrap().is_empty());
    let r = st
        .client()
        .query_one("SELECT state, attempts, error FROM jobs", &[])
        .unwrap();
    assert_eq!(r.get::<_, String>(0), "failed");
    assert_eq!(r.get::<_, i64>(1), 3);
    assert_eq!(r.get::<_, String>(2), "boom 3");
    assert_eq!(st.retry_failed().unwrap(), 1);
    assert_eq!(st.claim("w", 1, LEASE).unwrap().len(), 1);
}

#[test]
fn expired_leases_fail_after_max_attempts() {
    let Some(s) = Scratch::new("expire") else {
        return;
    };
    let mut st = s.store();
    st.add_document(&doc("e1", "Crashy text."), "e").unwrap();
    for _ in 0..3 {
        assert_eq!(st.claim("w", 1, Duration::ZERO).unwrap().len(), 1);
        std::thread::sleep(Duration::from_millis(10));
    }
    // Three claims whose workers all vanished: the job is failed, not retried.
    assert!(st.claim("w", 1, LEASE).unwrap().is_empty());
    let q = st.queue_counts().unwrap();
    assert_eq!((q.failed, q.running), (1, 0));
}

#[test]
fn put_writes_analysis_and_rows_inline() {
    let Some(s) = Scratch::new("put") else {
        return;
    };
    let mut st = s.store();
    let d = doc("p1", "Inline text.");
    assert!(matches!(
        st.put(&d, "p", &empty_report(&d)).unwrap(),
        Put::Stored { .. }
    ));
    assert!(matches!(
        st.put(&d, "p", &empty_report(&d)).unwrap(),
        Put::Duplicate { .. }
    ));
    let c = st.counts().unwrap();
    assert_eq!((c.documents, c.analyses), (1, 1));
    assert_eq!(st.queue_counts().unwrap(), QueueCounts::default());
}

/// A report with one event carrying what migration 4 stores.
fn detailed_report(doc: &Doc) -> Report {
    use sitrep_core::layers::{Actor, Event, Weapon};
    use sitrep_core::Span;
    let assoc = |name: &str| Actor {
        code: "X".into(),
        name: name.into(),
        ..Actor::default()
    };
    let event = Event {
        trigger: Span {
            start: 17,
            end: 23,
            text: "struck".into(),
            ..Span::default()
        },
        weapon: Some(Weapon {
            span: Span {
                start: 7,
                end: 16,
                text: "warplanes".into(),
                ..Span::default()
            },
            kind: "aerial".into(),
        }),
        inter1: Some(1),
        inter2: Some(7),
        assoc_actor2: vec![assoc("Hezbollah"), assoc("Iranian militias")],
        rule: "test".into(),
        ..Event::default()
    };
    let mut r = empty_report(doc);
    r.analysis.events = vec![event];
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

fn details(st: &mut PgStore) -> Details {
    let r = st
        .client()
        .query_one(
            "SELECT weapon_start, weapon_end, weapon_text, weapon_kind, inter1, inter2,
                    assoc_actor_1, assoc_actor_2 FROM events",
            &[],
        )
        .unwrap();
    (
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
        r.get(7),
    )
}

fn expected_details() -> Details {
    (
        Some(7),
        Some(16),
        Some("warplanes".into()),
        Some("aerial".into()),
        Some(1),
        Some(7),
        None,
        Some("Hezbollah; Iranian militias".into()),
    )
}

#[test]
fn events_keep_weapon_inter_codes_and_associated_actors() {
    let Some(s) = Scratch::new("details") else {
        return;
    };
    let mut st = s.store();
    let d = doc("a1", "Regime warplanes struck al-Bāb on Monday.");
    st.put(&d, "a1.txt", &detailed_report(&d)).unwrap();
    assert_eq!(details(&mut st), expected_details());
}

#[test]
fn migration_4_fills_the_new_columns_from_stored_analyses() {
    let Some(s) = Scratch::new("backfill") else {
        return;
    };
    // A database migrated by a sitrep that knew migrations 1 to 3 only.
    let mut c = Client::connect(&s.url(), NoTls).unwrap();
    c.batch_execute(
        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .unwrap();
    for (i, sql) in MIGRATIONS[..3].iter().enumerate() {
        c.batch_execute(sql).unwrap();
        c.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )
        .unwrap();
    }
    let d = doc("a1", "Regime warplanes struck al-Bāb on Monday.");
    let json = serde_json::to_string(&detailed_report(&d)).unwrap();
    let id: i64 = c
        .query_one(
            "INSERT INTO documents (content_hash, doc_id, record, text, fts)
             VALUES ('h', 'a1', 'a1.txt', 'text', to_tsvector('simple', 'text')) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    c.execute(
        "INSERT INTO analyses (document, pipeline_version, report)
         VALUES ($1, 'old', CAST($2::text AS jsonb))",
        &[&id, &json],
    )
    .unwrap();
    c.execute(
        "INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text,
             plover_event, cameo, event_type, sub_event_type, civilian_targeting, factuality,
             sentence, rule)
         VALUES ($1, 0, 17, 23, 'struck', '', '', '', '', false, 'asserted', 0, 'test')",
        &[&id],
    )
    .unwrap();
    drop(c);
    let mut st = s.store();
    assert_eq!(st.schema_version().unwrap(), latest());
    assert_eq!(details(&mut st), expected_details());
}
