//! Parse raw text (or, with `--pretokenized`, CoNLL-U) from a file or
//! standard input and write CoNLL-U: `parse [--pretokenized] [FILE|-]`.

use std::io::{Read, Write};
use std::process::ExitCode;

use sitrep_core::Doc;
use sitrep_syntax::Parser;

fn main() -> ExitCode {
    let mut pretokenized = false;
    let mut input = None;
    for a in std::env::args().skip(1) {
        if a == "--pretokenized" {
            pretokenized = true;
        } else {
            input = Some(a);
        }
    }
    let mut text = String::new();
    let read = match input.as_deref() {
        None | Some("-") => std::io::stdin().read_to_string(&mut text).map(|_| ()),
        Some(p) => std::fs::read(p).map(|b| text = String::from_utf8_lossy(&b).into_owned()),
    };
    if let Err(e) = read {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let parser = match Parser::load_default() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    if pretokenized {
        match parser.reparse_conllu(&text, input.as_deref().unwrap_or("-")) {
            Ok(s) => out = s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        parser.to_conllu(&Doc::new("stdin", text), &mut out);
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
