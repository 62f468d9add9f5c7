//! End-to-end: `sitrep analyze --explain` names the triggers the event coder
//! dropped and the rule that dropped each; without `--explain` the JSON
//! record carries no `dropped` key (the default output and the store stay as
//! they were). The relevance rule's drops are named `domain:<domain>:<cue>`.

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

/// `analyze --format jsonl --explain` of one text: its events and dropped triggers.
fn explain_jsonl(text: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let args = [
        "analyze",
        "--format",
        "jsonl",
        "--explain",
        "--published",
        "2016-05-03",
        "-",
    ];
    let line = common::run_with_stdin(&args, text);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    let list = |k: &str| v[k].as_array().cloned().unwrap_or_default();
    (list("events"), list("dropped"))
}

/// A violent event: one the coder gave an ACLED event type.
fn violent_trigger(events: &[serde_json::Value], trigger: &str) -> bool {
    events.iter().any(|e| {
        e["trigger"]["text"] == trigger
            && e["acled"]["event_type"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
    })
}

#[test]
fn a_war_word_in_a_match_report_is_dropped_by_its_domain_and_a_raid_is_kept() {
    // The relevance rule: a sports word in the sentence ("winger") outweighs
    // a generic war verb with no evidence of violence.
    let (events, dropped) = explain_jsonl(
        "The winger bombed down the left flank and fired a low cross into the box.\n",
    );
    assert!(!violent_trigger(&events, "bombed"), "{events:#?}");
    assert!(
        dropped.iter().any(|d| d["trigger"]["text"] == "bombed"
            && d["rule"].as_str().is_some_and(|r| r.starts_with("domain:"))),
        "{dropped:#?}"
    );
    // The same shape of sentence about a real attack keeps its event.
    let (events, dropped) = explain_jsonl(
        "Militants bombed a market in the town and fired on the crowd, killing six people.\n",
    );
    assert!(violent_trigger(&events, "bombed"), "{events:#?}");
    assert!(
        !dropped
            .iter()
            .any(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("domain:"))),
        "{dropped:#?}"
    );
}
