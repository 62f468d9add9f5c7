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

fn run(db: &Path, extra: &[&str], inputs: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(extra)
        .args(inputs)
        .output()
        .expect("run sitrep")
}

fn summary(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find(|l| l.starts_with("ingest: "))
        .unwrap_or_default()
        .to_string()
}

fn column(store: &Store, sql: &str) -> Vec<String> {
    store
        .connection()
        .prepare(sql)
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .expect(sql)
}

const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Levant Wire</title>
<item><guid>lw-1</guid><title>Shelling in Idlib</title><link>https://news.example/lw-1</link>
<pubDate>Tue, 02 Jun 2015 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Government forces shelled Idlib on Monday, killing three civilians, activists said.&lt;/p&gt;</description></item>
<item><guid>lw-2</guid><title>Nothing here</title><description>   </description></item>
<item><guid>lw-3</guid><title>Car bomb in Azaz</title><link>https://news.example/lw-3</link>
<pubDate>Wed, 03 Jun 2015 08:00:00 GMT</pubDate>
<description>A car bomb exploded near a market in Azaz on Tuesday, killing at least eight people, a monitoring group said.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Frontline Notes</title><id>urn:fn</id>
<updated>2015-06-04T00:00:00Z</updated>
<entry><id>urn:fn:1</id><title>Air strikes on Douma</title><link href="https://notes.example/1"/>
<published>2015-06-04T09:00:00Z</published><updated>2015-06-04T09:00:00Z</updated>
<content type="html">&lt;p&gt;Regime warplanes struck Douma on Thursday, killing 12 people, rescuers said.&lt;/p&gt;</content></entry>
<entry><id>urn:fn:2</id><title>Clashes near Hama</title><updated>2015-06-05T09:00:00Z</updated>
<summary>Rebels clashed with government troops near Hama on Friday, state media reported.</summary></entry>
</feed>"#;

#[test]
fn rss_and_atom_items_are_stored_with_link_date_and_outlet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    let rss = dir.path().join("wire.rss");
    let atom = dir.path().join("notes.xml");
    std::fs::write(&rss, RSS).expect("write");
    std::fs::write(&atom, ATOM).expect("write");
    let out = run(&db, &["--no-link"], &[rss.clone(), atom.clone()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        summary(&out),
        "ingest: 4 stored, 0 duplicates, 1 skipped, 0 failed",
        "{stderr}"
    );
    assert!(stderr.contains("wire.rss#lw-2: empty document"), "{stderr}");
    let store = Store::open(&db).expect("open");
    assert_eq!(
        column(
            &store,
            "SELECT doc_id || ' ' || coalesce(url, '-') || ' ' || published || ' ' || outlet
             FROM documents ORDER BY id"
        ),
        [
            "lw-1 https://news.example/lw-1 2015-06-02 Levant Wire",
            "lw-3 https://news.example/lw-3 2015-06-03 Levant Wire",
            "urn:fn:1 https://notes.example/1 2015-06-04 Frontline Notes",
            "urn:fn:2 - 2015-06-05 Frontline Notes",
        ]
    );
    let texts = column(&store, "SELECT text FROM documents ORDER BY id");
    assert!(
        texts[0].starts_with("Shelling in Idlib\n\nGovernment forces shelled Idlib"),
        "{}",
        texts[0]
    );
    assert!(!texts[2].contains("<p>"), "{}", texts[2]);
    // The events are analysed from the item text.
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert!(n >= 2, "{n} events");
}

/// One WARC record, with `\r\n\r\n` after the block.
fn warc_record(kind: &str, n: usize, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2015-06-0{}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        1 + n % 9,
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn page(title: &str, para: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{para}</p><p>The Syrian Observatory for Human Rights said the toll could rise as rescuers searched the rubble of the buildings.</p></article><footer>(c) News</footer></body></html>"
    )
}

/// A Common Crawl News-like capture: warcinfo, then request/response pairs.
fn crawl(articles: &[(&str, String)], start: usize) -> Vec<Vec<u8>> {
    let mut recs = vec![warc_record(
        "warcinfo",
        start,
        "",
        "application/warc-fields",
        b"software: sitrep-test\r\n",
    )];
    for (i, (uri, html)) in articles.iter().enumerate() {
        let n = start + 2 * i + 1;
        recs.push(warc_record(
            "request",
            n,
            uri,
            "application/http; msgtype=request",
            format!("GET {uri} HTTP/1.1\r\n\r\n").as_bytes(),
        ));
        recs.push(warc_record(
            "response",
            n + 1,
            uri,
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=utf-8", html),
        ));
    }
    recs
}

#[test]
fn warc_and_warc_gz_captures_are_ingested() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    let a = (
        "https://news.example/2015/06/aleppo",
        page(
            "Barrel bombs on Aleppo",
            "Government helicopters dropped barrel bombs on two districts of Aleppo on Monday, killing at least 70 civilians, a monitoring group said.",
        ),
    );
    let b = (
        "https://news.example/2015/06/idlib",
        page(
            "Shelling in Idlib",
            "Rebels shelled government positions in Idlib on Tuesday, killing four soldiers, state media reported.",
        ),
    );
    // Plain WARC: article A, an image and a 404.
    let mut plain = crawl(std::slice::from_ref(&a), 0).concat();
    plain.extend(warc_record(
        "response",
        50,
        "https://news.example/logo.png",
        "application/http; msgtype=response",
        &http_response("200 OK", "image/png", "PNG"),
    ));
    plain.extend(warc_record(
        "response",
        51,
        "https://news.example/gone",
        "application/http; msgtype=response",
        &http_response("404 Not Found", "text/html", "<p>gone</p>"),
    ));
    let warc = dir.path().join("capture.warc");
    std::fs::write(&warc, &plain).expect("write");
    // Gzip, one member per record: A again (a duplicate) and B.
    let mut gz = Vec::new();
    for rec in crawl(&[a.clone(), b.clone()], 100) {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&rec).expect("gzip");
        gz.extend(e.finish().expect("gzip"));
    }
    let warc_gz = dir.path().join("capture.warc.gz");
    std::fs::write(&warc_gz, &gz).expect("write");

    let out = run(&db, &["--no-link"], &[warc.clone(), warc_gz.clone()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        summary(&out),
        "ingest: 2 stored, 1 duplicates, 2 skipped, 0 failed",
        "{stderr}"
    );
    assert!(stderr.contains("capture.warc@"), "{stderr}");
    assert!(stderr.contains("HTTP status 404"), "{stderr}");
    assert!(stderr.contains("image/png"), "{stderr}");
    let store = Store::open(&db).expect("open");
    let rows = column(
        &store,
        "SELECT url || ' ' || published || ' ' || (record LIKE '%.warc@%' OR record LIKE '%.warc.gz@%')
         FROM documents ORDER BY id",
    );
    assert_eq!(
        rows,
        [
            "https://news.example/2015/06/aleppo 2015-06-03 1",
            "https://news.example/2015/06/idlib 2015-06-06 1",
        ]
    );
    let texts = column(&store, "SELECT text FROM documents ORDER BY id");
    assert!(
        texts[0].contains("killing at least 70 civilians"),
        "{}",
        texts[0]
    );
    assert!(!texts[0].contains("Home | World"), "{}", texts[0]);

    // Rerun: nothing new.
    let again = run(&db, &["--no-link"], &[warc, warc_gz]);
    assert_eq!(
        summary(&again),
        "ingest: 0 stored, 3 duplicates, 2 skipped, 0 failed"
    );
}

#[test]
fn private_urls_are_refused_unless_allowed() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    // A one-shot feed server on loopback (only reached with --allow-private).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{RSS}",
                RSS.len()
            );
        }
    });
    let url = PathBuf::from(format!("http://127.0.0.1:{port}/feed.xml"));

    let refused = run(&db, &["--no-link"], std::slice::from_ref(&url));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("refusing to fetch 127.0.0.1") && stderr.contains("--allow-private"),
        "{stderr}"
    );
    assert_eq!(
        summary(&refused),
        "ingest: 0 stored, 0 duplicates, 0 skipped, 1 failed"
    );
    assert_eq!(refused.status.code(), Some(1));

    let allowed = run(&db, &["--no-link", "--allow-private"], &[url]);
    assert_eq!(
        summary(&allowed),
        "ingest: 2 stored, 0 duplicates, 1 skipped, 0 failed",
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
    server.join().expect("server");
    let store = Store::open(&db).expect("open");
    let records = column(&store, "SELECT record FROM documents ORDER BY id");
    assert_eq!(
        records,
        [
            format!("http://127.0.0.1:{port}/feed.xml#lw-1"),
            format!("http://127.0.0.1:{port}/feed.xml#lw-3"),
        ]
    );
}

#[test]
fn bad_records_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sitrep.db");
    let jsonl = dir.path().join("mixed.jsonl");
    let mut lines = Vec::new();
    for i in 0..12 {
        lines.push(match i % 4 {
            1 => "{not json".to_string(),
            2 => format!("{{\"id\":\"x{i}\"}}"),
            _ => serde_json::json!({
                "id": format!("ok{i}"),
                "text": format!("Rebels shelled Idlib on Monday, killing {} people, activists said.", i + 2),
            })
            .to_string(),
        });
    }
    std::fs::write(&jsonl, lines.join("\n")).expect("write");
    let broken_feed = dir.path().join("broken.xml");
    std::fs::write(&broken_feed, "<rss><channel><item><title>cut").expect("write");
    let out = run(&db, &["--no-link", "--batch", "2"], &[jsonl, broken_feed]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        summary(&out),
        "ingest: 6 stored, 0 duplicates, 0 skipped, 7 failed",
        "{stderr}"
    );
    assert!(stderr.contains("mixed.jsonl:2: invalid JSON"), "{stderr}");
    assert!(
        stderr.contains("mixed.jsonl:3: missing field `text`"),
        "{stderr}"
    );
    assert!(stderr.contains("broken.xml: invalid feed"), "{stderr}");
    // Reasons are summed up after the records.
    assert!(
        stderr.contains("  failed 3: missing field `text`"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
    let store = Store::open(&db).expect("open");
    assert_eq!(
        column(&store, "SELECT doc_id FROM documents ORDER BY id"),
        ["ok0", "ok3", "ok4", "ok7", "ok8", "ok11"]
    );
}
