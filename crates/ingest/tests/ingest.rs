//! End-to-end tests of `read_inputs` on the fixtures in `tests/fixtures/`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sitrep_ingest::{read_inputs, Format, ReadOptions, Record, RecordErrorKind, Summary};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn read(paths: &[PathBuf], opts: &ReadOptions) -> (Vec<Record>, Summary) {
    let recs: Vec<Record> = read_inputs(paths, opts).collect();
    let mut s = Summary::default();
    recs.iter().for_each(|r| s.record(r));
    assert_eq!(s.total(), recs.len());
    (recs, s)
}

/// A scratch directory under the target dir, fresh for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ingest-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn hostile_html_keeps_article_and_drops_boilerplate() {
    let (recs, s) = read(&[fixture("hostile.html")], &ReadOptions::default());
    assert_eq!(s.to_string(), "1 ok, 0 skipped, 0 failed");
    let d = recs[0].as_ref().unwrap();
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{d:#?}");
    }
    assert_eq!(d.id, "hostile");
    assert_eq!(d.record, fixture("hostile.html").display().to_string());
    assert!(d.text.contains("killing at least 12 people"), "{}", d.text);
    assert!(
        d.text
            .contains("denied that the army had targeted civilians"),
        "{}",
        d.text
    );
    assert!(d.text.contains("dozens were wounded & taken"), "{}", d.text);
    for leak in [
        "STYLE-LEAK",
        "SCRIPT-LEAK",
        "WRITE-LEAK",
        "NAV-LEAK",
        "COOKIE-LEAK",
        "SIDEBAR-LEAK",
        "COMMENT-LEAK",
        "FOOTER-LEAK",
        "RELATED-LEAK",
    ] {
        assert!(!d.text.contains(leak), "{leak} leaked into:\n{}", d.text);
    }
    // Paragraphs stay apart (TextMode::Formatted).
    assert!(!d.text.contains("said.The Syrian"), "{}", d.text);
    assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2016, 3, 14));
    assert!(d.meta.title.as_deref().unwrap().contains("Kafr Nabl"));
    assert_eq!(d.meta.outlet.as_deref(), Some("The Daily Example"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://example.org/world/2016/03/kafr-nabl-market")
    );
}

#[test]
fn jsonl_bad_lines_fail_and_batch_goes_on() {
    let opts = ReadOptions {
        published: NaiveDate::from_ymd_opt(2016, 3, 20),
        ..ReadOptions::default()
    };
    let (recs, s) = read(&[fixture("batch.jsonl")], &opts);
    // 7 lines, 2 blank (not records): 2 ok, 3 failed.
    assert_eq!(s.to_string(), "2 ok, 0 skipped, 3 failed");
    let name = fixture("batch.jsonl").display().to_string();

    let first = recs[0].as_ref().unwrap();
    assert_eq!(first.id, "kn-1");
    assert_eq!(first.record, format!("{name}:1"));
    assert_eq!(first.meta.published, NaiveDate::from_ymd_opt(2016, 3, 14));
    assert_eq!(first.meta.outlet.as_deref(), Some("The Daily Example"));

    let e = recs[1].as_ref().unwrap_err();
    assert_eq!(e.record, format!("{name}:2"));
    assert_eq!(e.kind, RecordErrorKind::Failed);
    assert!(
        e.reason
            .starts_with("invalid JSON at column 116: EOF while parsing"),
        "{e}"
    );

    let e = recs[2].as_ref().unwrap_err();
    assert_eq!(e.to_string(), format!("{name}:4: missing field `text`"));

    let e = recs[3].as_ref().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{name}:5: field `published`: invalid date \"15/03/2016\" (expected YYYY-MM-DD)")
    );

    let last = recs[4].as_ref().unwrap();
    assert_eq!(last.id, "kn-5");
    assert_eq!(last.record, format!("{name}:7"));
    // No date in the record: --published applies.
    assert_eq!(last.meta.published, NaiveDate::from_ymd_opt(2016, 3, 20));
}

#[test]
fn folder_walk_is_sorted_recursive_and_counts_everything() {
    let root = fixture("folder");
    let (recs, s) = read(std::slice::from_ref(&root), &ReadOptions::default());
    let seen: Vec<String> = recs
        .iter()
        .map(|r| match r {
            Ok(d) => format!("ok {}", d.id),
            Err(e) => format!(
                "{:?} {}: {}",
                e.kind,
                Path::new(&e.record)
                    .strip_prefix(&root)
                    .unwrap_or(Path::new(&e.record))
                    .display(),
                e.reason
            ),
        })
        .collect();
    let want = [
        "Skipped README: no file extension; set the input format explicitly",
        "ok a",
        "ok b",
        "Skipped empty.txt: empty document",
        "Skipped notes.pdf: unsupported extension .pdf",
        "ok c-1",
    ];
    assert_eq!(&seen[..6], &want, "{seen:#?}");
    assert!(
        seen[6].starts_with("Failed sub/c.jsonl:2: invalid JSON at column 2: expected ident"),
        "{seen:#?}"
    );
    assert_eq!(seen.len(), 7);
    assert_eq!(s.to_string(), "3 ok, 3 skipped, 1 failed");

    let a = recs[1].as_ref().unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Rebels shell Aleppo neighbourhood")
    );
    assert!(a
        .text
        .starts_with("Rebels shell Aleppo neighbourhood\n\nRebel mortars"));
    let b = recs[2].as_ref().unwrap();
    assert!(b.text.contains("ISIS-held town of al-Bab"), "{}", b.text);
    assert!(!b.text.contains("NAV-LEAK"), "{}", b.text);
    assert_eq!(b.meta.title.as_deref(), Some("Air strikes on al-Bab"));
}

#[test]
fn nested_ids_are_folder_relative() {
    let dir = scratch("nested");
    std::fs::create_dir_all(dir.join("2015/06")).unwrap();
    std::fs::write(dir.join("2015/06/aleppo.txt"), "Barrel bombs hit Aleppo.").unwrap();
    std::fs::write(dir.join("top.txt"), "Shelling in Homs.").unwrap();
    let (recs, _) = read(&[dir], &ReadOptions::default());
    let ids: Vec<&str> = recs
        .iter()
        .map(|r| r.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["2015/06/aleppo", "top"]);
}

#[test]
fn missing_path_fails_and_others_go_on() {
    let paths = [fixture("does-not-exist.txt"), fixture("folder/a.txt")];
    let (recs, s) = read(&paths, &ReadOptions::default());
    assert_eq!(s.to_string(), "1 ok, 0 skipped, 1 failed");
    let e = recs[0].as_ref().unwrap_err();
    assert!(e.reason.starts_with("cannot read:"), "{e}");
    assert!(e.record.ends_with("does-not-exist.txt"));
}

#[test]
fn oversize_file_is_skipped_before_reading() {
    let opts = ReadOptions {
        max_bytes: 50,
        ..ReadOptions::default()
    };
    let (recs, s) = read(&[fixture("folder/a.txt"), fixture("batch.jsonl")], &opts);
    let e = recs[0].as_ref().unwrap_err();
    assert_eq!(e.kind, RecordErrorKind::Skipped);
    assert!(e.reason.contains("117 bytes, over the limit of 50"), "{e}");
    // In JSONL the limit is per line: the long lines are skipped, the
    // short broken ones still fail on their own merits.
    assert_eq!(s.total(), 1 + 5);
}

#[test]
fn invalid_utf8_file_is_decoded_lossily_with_warning() {
    let dir = scratch("utf8");
    let p = dir.join("latin1.txt");
    std::fs::write(&p, b"Bombardement \xE0 Alep, selon l'OSDH.").unwrap();
    let (recs, s) = read(&[p], &ReadOptions::default());
    assert_eq!(s.ok, 1);
    let d = recs[0].as_ref().unwrap();
    assert_eq!(d.text, "Bombardement \u{FFFD} Alep, selon l'OSDH.");
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn explicit_file_without_extension_is_sniffed() {
    let (recs, _) = read(&[fixture("folder/README")], &ReadOptions::default());
    let d = recs[0].as_ref().unwrap();
    assert_eq!(
        (d.id.as_str(), d.text.as_str()),
        ("README", "no extension\n")
    );

    let dir = scratch("sniff");
    let p = dir.join("export");
    std::fs::write(&p, "\n{\"id\":\"x1\",\"text\":\"Shelling in Homs.\"}\n").unwrap();
    let (recs, _) = read(std::slice::from_ref(&p), &ReadOptions::default());
    let d = recs[0].as_ref().unwrap();
    assert_eq!(d.id, "x1");
    assert_eq!(d.record, format!("{}:2", p.display()));
}

#[test]
fn format_override_reads_unknown_extension() {
    let opts = ReadOptions {
        format: Format::Text,
        ..ReadOptions::default()
    };
    let (recs, _) = read(&[fixture("folder/README")], &opts);
    assert_eq!(recs[0].as_ref().unwrap().text, "no extension\n");
}

#[test]
fn published_option_applies_to_plain_files() {
    let opts = ReadOptions {
        published: NaiveDate::from_ymd_opt(2015, 6, 2),
        ..ReadOptions::default()
    };
    let (recs, _) = read(&[fixture("folder/a.txt"), fixture("folder/b.html")], &opts);
    for r in &recs {
        assert_eq!(
            r.as_ref().unwrap().meta.published,
            NaiveDate::from_ymd_opt(2015, 6, 2)
        );
    }
    // b.html's `pubdate` meta is not one the extractor reads, so the
    // option applies there too.
}

/// The shared seed article, when `../shared` is present (it is not needed
/// for `cargo test`).
#[test]
fn seed_article_if_present() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/000_159919d15aac0e2a.txt");
    if !seed.exists() {
        return;
    }
    let opts = ReadOptions {
        published: NaiveDate::from_ymd_opt(2015, 6, 2),
        ..ReadOptions::default()
    };
    let (recs, s) = read(&[seed], &opts);
    assert_eq!(s.ok, 1);
    let d = recs[0].as_ref().unwrap();
    assert_eq!(d.id, "000_159919d15aac0e2a");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("U.S. Embassy: Assad Regime Airstrikes Aiding ISIS Advance in Aleppo")
    );
    let doc = recs.into_iter().next().unwrap().unwrap().into_doc();
    assert!(doc.sentences.len() > 10);
}
