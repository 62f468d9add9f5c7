//! Shared helpers of the end-to-end tests: run the `sitrep` binary with text
//! on standard input, and read `analyze --explain`'s events and drops. Owns
//! nothing else.

use std::io::Write;
use std::process::{Command, Stdio};

/// Run `sitrep ARGS` with `stdin` piped in; assert that it succeeded and
/// return its standard output.
pub fn run_with_stdin(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sitrep");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait for sitrep");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Run `sitrep analyze --explain` on `text` and return its events and its
/// dropped triggers (each with the rule that dropped it).
#[allow(dead_code)] // only the tests of discard rules use it
pub fn explain(text: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let args = ["analyze", "--format", "jsonl", "--explain", "-"];
    let line = run_with_stdin(&args, text);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    let list = |k: &str| v[k].as_array().cloned().unwrap_or_default();
    (list("events"), list("dropped"))
}
