//! `sitrep parse` and `sitrep train`: the linguistic core on the command line.
//!
//! Owns reading the input and choosing raw text or CoNLL-U; tagging, parsing
//! and training live in `sitrep-syntax`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use sitrep_core::Doc;
use sitrep_syntax::Parser;

/// Parse raw text (or CoNLL-U with `pretokenized`) and write CoNLL-U to stdout.
pub fn parse(input: Option<&Path>, pretokenized: bool) -> Result<ExitCode> {
    let (text, origin) = match input {
        None => read_stdin()?,
        Some(p) if p == Path::new("-") => read_stdin()?,
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                p.display().to_string(),
            )
        }
    };
    let parser = Parser::load_default().context("loading the syntax model")?;
    let out = if pretokenized {
        parser
            .reparse_conllu(&text, &origin)
            .with_context(|| format!("reading CoNLL-U from {origin}"))?
    } else {
        let mut out = String::new();
        parser.to_conllu(&Doc::new(origin, text), &mut out);
        out
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn read_stdin() -> Result<(String, String)> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    Ok((
        String::from_utf8_lossy(&bytes).into_owned(),
        "stdin".to_string(),
    ))
}

/// Retrain the tagger, lemmatizer and parser from a UD treebank folder.
pub fn train(treebank: &Path, out: &Path, seed: u64) -> Result<ExitCode> {
    let split = |name: &str| -> PathBuf { treebank.join(format!("en_ewt-ud-{name}.conllu")) };
    let report = sitrep_syntax::train(&split("train"), &split("dev"), out, seed)
        .with_context(|| format!("training from {}", treebank.display()))?;
    println!("trained into {}: {report:?}", out.display());
    Ok(ExitCode::SUCCESS)
}
