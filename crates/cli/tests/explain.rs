//! End-to-end: `sitrep analyze --explain` names the triggers the event coder
//! dropped and the rule that dropped each; without `--explain` the JSON
//! record carries no `dropped` key (the default output and the store stay as
//! they were).

mod common;

const TEXT: &str = "The home side demolished the visitors with three second-half goals. \
Barrel bombs killed at least 70 civilians in Aleppo on Tuesday.\n";

fn analyze(args: &[&str]) -> String {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    all.extend(["--published", "2016-05-03", "-"]);
    common::run_with_stdin(&all, TEXT)
}

#[test]
fn summary_explain_lists_the_dropped_sports_trigger() {
    let s = analyze(&["--format", "summary", "--explain"]);
    assert!(
        s.contains("dropped: \"demolished\" (s1) — sports:sentence"),
        "{s}"
    );
    assert!(s.contains("\"Barrel bombs\""), "the real event stays: {s}");
    let plain = analyze(&["--format", "summary"]);
    assert!(!plain.contains("dropped:"), "{plain}");
}

#[test]
fn json_carries_dropped_only_with_explain() {
    let line = analyze(&["--format", "jsonl", "--explain"]);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    let dropped = v["dropped"].as_array().expect("a dropped list");
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert_eq!(dropped[0]["trigger"]["text"], "demolished");
    assert_eq!(dropped[0]["rule"], "sports:sentence");
    assert_eq!(v["events"].as_array().map(Vec::len), Some(1));

    let line = analyze(&["--format", "jsonl"]);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    assert!(v.get("dropped").is_none(), "default JSON unchanged: {v}");
}
