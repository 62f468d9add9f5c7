//! Shared helper of the end-to-end tests: run the `sitrep` binary with text
//! on standard input. Owns nothing else.

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
