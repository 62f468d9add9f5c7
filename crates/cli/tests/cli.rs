//! End-to-end runs of the `sitrep` binary on small fixtures.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/aleppo-report.txt")
}

#[test]
fn jsonl_batch_goes_on_after_bad_records_and_counts_add_up() {
    let out = sitrep()
        .args(["analyze", "--format", "jsonl"])
        .arg(fixture("batch.jsonl"))
        .output()
        .expect("run sitrep");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2, "two good records: {stdout}");
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[1]["id"], "a2");
    for key in ["events", "claims", "places", "times", "actors"] {
        assert!(lines[0][key].is_array(), "missing {key}");
    }
    assert!(
        stderr.contains("batch.jsonl:2"),
        "names the bad record: {stderr}"
    );
    assert!(
        stderr.contains("batch.jsonl:3"),
        "names the bad record: {stderr}"
    );
    assert!(
        stderr.contains("2 ok, 0 skipped, 2 failed"),
        "summary: {stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "failures give exit code 1");
}

#[test]
fn summary_of_the_example_shows_incidents_claims_and_grades() {
    let out = sitrep()
        .args([
            "analyze",
            "--published",
            "2019-05-20",
            "--format",
            "summary",
        ])
        .arg(example())
        .output()
        .expect("run sitrep");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("INCIDENTS") && s.contains("CLAIMS"), "{s}");
    assert!(s.contains("grade:"), "every claim has a grade: {s}");
}

#[test]
fn json_output_is_one_array() {
    let out = sitrep()
        .args(["analyze", "--published", "2019-05-20", "--format", "json"])
        .arg(example())
        .output()
        .expect("run sitrep");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        sitrep()
            .args(["analyze", "--published", "2019-05-20"])
            .arg(example())
            .output()
            .expect("run sitrep")
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn missing_file_fails_with_its_name_and_nothing_panics() {
    let out = sitrep()
        .args(["analyze", "/nonexistent/article.txt"])
        .output()
        .expect("run sitrep");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent/article.txt"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn eval_skips_cleanly_without_data() {
    let out = sitrep()
        .args(["eval", "--data", "/nonexistent/shared/data"])
        .output()
        .expect("run sitrep");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("skipped"));
}

#[test]
fn parse_writes_conllu_with_one_root_per_sentence() {
    let text = common::run_with_stdin(
        &["parse", "-"],
        "Rebels said the regime bombed al-Bab. The army denied it.",
    );
    let roots = text
        .lines()
        .filter(|l| l.split('\t').nth(7) == Some("root"))
        .count();
    assert_eq!(roots, 2, "{text}");
    assert!(
        text.contains("# text = Rebels said the regime bombed al-Bab."),
        "{text}"
    );
}
