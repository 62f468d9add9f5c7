//! End-to-end: `sitrep import cameo-verbs` writes the compact verb table, and
//! `sitrep analyze` codes a verb of the PETRARCH2 CAMEO dictionary that the
//! curated trigger table lacks, naming the dictionary entry in the event's
//! rule. Owns nothing else.

mod common;

use std::process::Command;

fn analyze(text: &str) -> serde_json::Value {
    let stdout =
        common::run_with_stdin(&["analyze", "--format", "jsonl", "--with-parse", "-"], text);
    serde_json::from_str(stdout.lines().next().unwrap_or("")).expect("one JSON line")
}

#[test]
fn a_dictionary_verb_codes_an_event_with_its_entry() {
    let line = analyze("Georgian demonstrators received weapons from the Georgian government.");
    if line["parses"].as_array().is_none_or(|p| p.is_empty()) {
        eprintln!("skipping: no syntax model, the parse layer is off");
        return;
    }
    let events = line["analysis"]["events"]
        .as_array()
        .or_else(|| line["events"].as_array())
        .expect("events");
    let e = events
        .iter()
        .find(|e| e["cameo"] == "072")
        .unwrap_or_else(|| panic!("no 072 event: {events:?}"));
    assert_eq!(e["plover"]["event"], "AID");
    assert_eq!(e["actor1"]["code"], "GEOOPP");
    assert_eq!(e["actor2"]["code"], "GEOGOV");
    let rule = e["rule"].as_str().unwrap_or("");
    assert!(rule.contains("cameo-verb:OBTAIN/receive"), "{rule}");
    // A generic verb of saying is no event.
    let line = analyze("Georgian officials said the weather was mild.");
    let events = line["analysis"]["events"]
        .as_array()
        .or_else(|| line["events"].as_array())
        .cloned()
        .unwrap_or_default();
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn import_writes_a_deterministic_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dict = dir.path().join("CAMEO.2.0.txt");
    let table = dir.path().join("CAMEO2PLOVER.txt");
    std::fs::write(
        &dict,
        "####### SYNONYM SETS #######\n&WEAPON\n+RIFLE\n\n####### VERB PATTERNS #######\n\
         ---  OBTAIN   [---]  ---\nRECEIVE\n- * &WEAPON  [072]  # RECEIVE\n",
    )
    .expect("write dict");
    std::fs::write(&table, "072: AID,   ,   military # Provide military aid\n").expect("write");
    let out = dir.path().join("cameo_verbs.tsv");
    let import = || {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["import", "cameo-verbs", "--from"])
            .arg(&dict)
            .arg("--plover")
            .arg(&table)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run sitrep")
    };
    let run = || {
        let o = import();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&out).expect("output")
    };
    let first = run();
    assert_eq!(first, run());
    assert!(first.contains("plover\t072\tAID\t-"), "{first}");
    assert!(first.contains("set\tweapon\trifle"), "{first}");
    assert!(first.contains("verb\tOBTAIN\treceive\t-\t-"), "{first}");
    assert!(first.contains("pat\tOBTAIN\t8\t* &weapon\t072"), "{first}");
    // Not a verb dictionary: a typed error, exit code 2.
    std::fs::write(&dict, "nothing here\n").expect("write");
    assert_eq!(import().status.code(), Some(2));
}
