//! End-to-end: `sitrep analyze --with-parse` shows the parse layer, and only
//! the sentences the stages needed are parsed. Owns nothing else.

mod common;

use std::process::Command;

#[test]
fn with_parse_adds_the_parsed_sentences_only() {
    let text = "The weather in the capital was mild. \
                Regime warplanes bombed al-Bab on Monday, killing 12 civilians.";
    let stdout =
        common::run_with_stdin(&["analyze", "--format", "jsonl", "--with-parse", "-"], text);
    let line: serde_json::Value =
        serde_json::from_str(stdout.lines().next().unwrap_or("")).expect("one JSON line");
    let Some(parses) = line["parses"].as_array() else {
        panic!("no parses key: {stdout}");
    };
    if parses.is_empty() {
        eprintln!("skipping: no syntax model, the parse layer is off");
        return;
    }
    // The quiet first sentence has no trigger and is never parsed.
    assert!(parses.iter().all(|p| p["sentence"] != 0), "{parses:?}");
    let words = parses[0]["words"].as_array().expect("words");
    let bombed = words
        .iter()
        .find(|w| w["text"] == "bombed")
        .expect("the trigger sentence is parsed");
    assert_eq!(bombed["upos"], "VERB");
    // Offsets are characters into the input text.
    let start = bombed["start"].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        text.chars().skip(start).take(6).collect::<String>(),
        "bombed"
    );
    // Without the flag there is no parse in the output.
    let plain = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["analyze", "--format", "jsonl"])
        .arg(write_tmp(text))
        .output()
        .expect("run sitrep");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\"parses\""));
}

fn write_tmp(text: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("sitrep-parse-layer-{}.txt", std::process::id()));
    std::fs::write(&p, text).expect("write temp file");
    p
}
