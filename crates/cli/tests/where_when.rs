//! Where and when on the real binary (issue 4): a dateline is where the
//! reporter filed from, not where the event happened, and the event date
//! comes from the event's own clause, not from the clause of its report.
//! Sentences written for this test; nothing outside the repository is read.

use std::process::Command;

use serde_json::Value;

fn analyze(name: &str, text: &str) -> Value {
    let path = std::env::temp_dir().join(format!(
        "sitrep-where-when-{}-{name}.txt",
        std::process::id()
    ));
    std::fs::write(&path, text).expect("write temp text");
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["analyze", "--published", "2015-06-02", "--format", "jsonl"])
        .arg(&path)
        .output()
        .expect("run sitrep");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON record")
}

fn events(v: &Value) -> &Vec<Value> {
    v["events"].as_array().expect("events array")
}

#[test]
fn a_dateline_is_flagged_and_never_the_event_place() {
    let r = analyze(
        "dateline",
        "BEIRUT (Reuters) - Syrian government helicopters dropped barrel bombs on the town of Saraqib on Monday, killing 12 civilians.\n",
    );
    let places = r["places"].as_array().expect("places array");
    let beirut = places
        .iter()
        .find(|p| p["text"] == "BEIRUT")
        .expect("BEIRUT is still a place the text names");
    assert!(
        beirut["rule"].as_str().unwrap_or("").ends_with("+dateline"),
        "{beirut}"
    );
    let ev = events(&r);
    assert!(!ev.is_empty(), "{r}");
    for e in ev {
        assert_ne!(e["place"]["text"], "BEIRUT", "{e}");
    }
    let strike = ev
        .iter()
        .find(|e| e["place"]["name"].as_str().unwrap_or("").contains("Sar"))
        .unwrap_or_else(|| panic!("an event in Saraqib: {ev:#?}"));
    assert_eq!(strike["time"]["value"], "2015-06-01", "{strike}");
    assert_eq!(strike["time"]["fallback"], false, "{strike}");
}

#[test]
fn the_date_of_the_report_is_not_the_date_of_the_event() {
    let r = analyze(
        "report-date",
        "Activists said on Monday that government jets bombed the town of Saraqib, killing 12 civilians.\n",
    );
    let ev = events(&r);
    let strike = ev
        .iter()
        .find(|e| e["plover"]["event"] == "ASSAULT")
        .unwrap_or_else(|| panic!("an assault: {ev:#?}"));
    assert_eq!(strike["time"]["fallback"], true, "{strike}");
    assert_eq!(strike["time"]["value"], "2015-06-02", "{strike}");
}
