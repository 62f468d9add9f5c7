//! `sitrep bench`: throughput and peak memory of the analysis on real news.
//!
//! Owns timing and memory reporting only. The corpus comes from
//! `sitrep_eval::corpus`; when the shared data is absent it falls back to the
//! built-in example repeated, and says so.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use sitrep_analyze::Pipeline;
use sitrep_core::Doc;

const EXAMPLE: &str = include_str!("../../../examples/aleppo-report.txt");

/// Peak resident set size of this process in MiB, from /proc (Linux only).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Flags of `sitrep bench`.
#[derive(clap::Args)]
pub struct Args {
    /// The shared data folder whose article texts form the corpus.
    #[arg(long, env = "SITREP_DATA", default_value = "../shared/data")]
    pub data: std::path::PathBuf,
    /// Analyse at most this many documents.
    #[arg(long)]
    pub limit: Option<usize>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (data, limit) = (args.data.as_path(), args.limit);
    let t0 = Instant::now();
    let pipeline = Pipeline::load_default().context("loading the analysis pipeline")?;
    let load = t0.elapsed();
    let mut corpus: Vec<(String, String)> = sitrep_eval::corpus::load(data)
        .into_iter()
        .map(|a| (a.id, a.text))
        .collect();
    let source = if corpus.is_empty() {
        corpus = (0..500)
            .map(|i| (format!("example-{i}"), EXAMPLE.to_string()))
            .collect();
        "built-in example repeated 500 times (no shared data found)".to_string()
    } else {
        format!("article texts from {}", data.display())
    };
    if let Some(n) = limit {
        corpus.truncate(n);
    }
    let (mut sentences, mut tokens, mut bytes, mut events, mut claims) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let t1 = Instant::now();
    for (id, text) in corpus.iter() {
        let doc = Doc::new(id.clone(), text.clone());
        sentences += doc.sentences.len();
        tokens += doc.tokens.len();
        bytes += text.len();
        let a = pipeline.analyze(&doc);
        events += a.events.len();
        claims += a.claims.len();
    }
    let analyse = t1.elapsed().as_secs_f64();
    let total = t0.elapsed().as_secs_f64();
    let docs = corpus.len();
    println!(
        "corpus: {docs} documents, {sentences} sentences, {tokens} tokens, {:.1} MB ({source})",
        bytes as f64 / 1e6
    );
    println!("load: {:.3} s", load.as_secs_f64());
    println!("analysis (one core): {analyse:.2} s");
    println!("  {:.0} documents/s", docs as f64 / analyse);
    println!("  {:.0} sentences/s", sentences as f64 / analyse);
    println!("  {:.0} tokens/s", tokens as f64 / analyse);
    println!(
        "including start-up: {:.0} sentences/s",
        sentences as f64 / total
    );
    println!("found: {events} events, {claims} claims");
    syntax_throughput(&corpus);
    match peak_rss_mib() {
        Some(m) => println!("peak RSS: {m:.1} MiB"),
        None => println!("peak RSS: unavailable on this platform"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Tokenize, tag and parse the corpus with the dependency parser (not yet a
/// stage of the analysis) and print its throughput on one core.
fn syntax_throughput(corpus: &[(String, String)]) {
    let t0 = Instant::now();
    let parser = match sitrep_syntax::Parser::load_default() {
        Ok(p) => p,
        Err(e) => {
            println!("syntax: skipped ({e})");
            return;
        }
    };
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut words = 0usize;
    for (id, text) in corpus {
        let doc = Doc::new(id.clone(), text.clone());
        words += parser.parse_doc(&doc).iter().map(Vec::len).sum::<usize>();
    }
    let secs = t1.elapsed().as_secs_f64();
    println!(
        "syntax (tokenize + tag + parse, one core): {:.0} words/s over {words} words; model load {load:.3} s",
        words as f64 / secs
    );
}
