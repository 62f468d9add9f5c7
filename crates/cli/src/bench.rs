//! `sitrep bench`: throughput and peak memory of the analysis on real news.
//!
//! Owns timing and memory reporting only. The corpus comes from
//! `sitrep_eval::corpus`; when the shared data is absent it falls back to the
//! built-in example repeated, and says so.
//!
//! `--ingest N` measures the volume path instead: N distinct documents
//! (the corpus texts cycled, each copy made distinct by a numbered closing
//! line, so their hashes differ) written as JSONL to a temporary folder and
//! ingested into a fresh SQLite file with `sitrep ingest`'s own code
//! (analysis on `--jobs` threads, linking overlapped in the writer thread),
//! then ingested again to show that nothing new is stored. The headline is
//! documents/s of the whole run, linking included, with the process CPU
//! time and peak RSS beside it (the machine may be shared: CPU seconds say
//! what the work costs whatever else runs).

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

/// CPU time (user + system) of this whole process so far, in seconds, from
/// /proc (Linux only; clock ticks of 1/100 s).
pub fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line, the 12th and 13th after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
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
    /// Measure ingest instead: generate this many distinct documents and
    /// ingest them into a temporary SQLite file, twice.
    #[arg(long, value_name = "N")]
    pub ingest: Option<usize>,
    /// Analysis threads for `--ingest` (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Use the built-in example text only, even when shared data is present.
    #[arg(long)]
    pub example_only: bool,
    /// For `--ingest`: link after every N stored documents (0: once, at the
    /// end, after all analysis).
    #[arg(long, value_name = "N", default_value_t = crate::ingest_cmd::DEFAULT_LINK_EVERY)]
    pub link_every: usize,
    /// For `--ingest`: write the generated corpus (JSONL) to this file and
    /// stop, to ingest it by hand (`sitrep ingest --db … FILE`).
    #[arg(long, value_name = "FILE")]
    pub write_corpus: Option<std::path::PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.ingest {
        return ingest_bench(&args, n);
    }
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
    // The analysis's own peak, before the syntax line below loads a second
    // copy of the parser model; the pipeline is dropped first, so that copy
    // replaces the pipeline's instead of adding to it.
    let analysis_rss = peak_rss_mib();
    drop(pipeline);
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
    match analysis_rss {
        Some(m) => println!("peak RSS: {m:.1} MiB (load and analysis)"),
        None => println!("peak RSS: unavailable on this platform"),
    }
    syntax_throughput(&corpus);
    if let Some(m) = peak_rss_mib() {
        println!("peak RSS of the whole run, syntax line included: {m:.1} MiB");
    }
    Ok(ExitCode::SUCCESS)
}

/// Tokenize, tag and parse the corpus with the dependency parser (its own
/// copy of the model, loaded after the pipeline is dropped) and print its
/// throughput on one core.
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

/// `sitrep bench --ingest N`: documents/s and peak RSS of a full ingest into
/// SQLite, then a re-ingest that must store nothing.
fn ingest_bench(args: &Args, n: usize) -> Result<ExitCode> {
    let mut texts: Vec<String> = if args.example_only {
        Vec::new()
    } else {
        sitrep_eval::corpus::load(&args.data)
            .into_iter()
            .map(|a| a.text)
            .filter(|t| !t.trim().is_empty())
            .collect()
    };
    let source = if texts.is_empty() {
        texts.push(EXAMPLE.to_string());
        "the built-in example".to_string()
    } else {
        format!("{} article texts from {}", texts.len(), args.data.display())
    };
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let input = match &args.write_corpus {
        Some(path) => path.clone(),
        None => dir.path().join("volume.jsonl"),
    };
    let mut bytes = 0usize;
    {
        use std::io::Write;
        let file = std::fs::File::create(&input).context("writing the corpus")?;
        let mut w = std::io::BufWriter::new(file);
        for i in 0..n {
            let base = &texts[i % texts.len()];
            // A numbered closing line makes every copy a distinct text.
            let text = format!("{}\n\n(Volume benchmark copy {i}.)", base.trim_end());
            bytes += text.len();
            let day = 1 + (i % 28);
            let rec = serde_json::json!({
                "id": format!("bench-{i}"),
                "text": text,
                "published": format!("2015-06-{day:02}"),
            });
            writeln!(w, "{rec}")?;
        }
        w.flush()?;
    }
    if let Some(path) = &args.write_corpus {
        println!(
            "wrote {n} documents, {:.1} MB ({source}, each copy numbered) to {}",
            bytes as f64 / 1e6,
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let jobs = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |j| j.get()));
    let cfg = crate::ingest_cmd::Config {
        inputs: vec![input],
        db: dir.path().join("volume.db"),
        read: sitrep_ingest::ReadOptions::default(),
        jobs,
        batch: 64,
        link: true,
        link_every: args.link_every,
        progress: false,
        verbose: false,
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    println!(
        "ingest corpus: {n} documents, {:.1} MB ({source}, each copy numbered)",
        bytes as f64 / 1e6
    );
    let linking = match args.link_every {
        0 => "linking once at the end".to_string(),
        k => format!("linking every {k} stored documents in the writer"),
    };
    println!("threads: {jobs} analysis + 1 reader + 1 writer; batch 64; {linking}");
    let cpu0 = cpu_secs();
    let first = crate::ingest_cmd::ingest(&cfg, &stop)?;
    let cpu = cpu_secs().zip(cpu0).map(|(b, a)| b - a);
    let secs = first.ingest_secs;
    let stored = first.tally.stored as f64;
    println!("first ingest: {} in {secs:.1} s", first.tally);
    if let Some((line, link_secs)) = &first.link {
        println!("  {line}; {link_secs:.1} s in link passes");
    }
    println!(
        "  {:.0} documents/s (read, hash, analyse, store and link; pipeline load included)",
        stored / secs
    );
    if let Some(m) = first.parse_memo {
        println!(
            "  parse layer: {} sentences parsed, {} more answered by the memo (same words as a sentence parsed before)",
            m.misses, m.hits
        );
    }
    if let Some(c) = cpu {
        println!(
            "  CPU {c:.1} s (user + system, all threads): {:.1} ms a document, {:.0} documents per CPU-second",
            1000.0 * c / stored.max(1.0),
            stored / c.max(1e-9)
        );
    }
    let second = crate::ingest_cmd::ingest(&cfg, &stop)?;
    println!(
        "re-ingest: {} in {:.1} s ({:.0} records/s)",
        second.tally,
        second.ingest_secs,
        second.tally.records() as f64 / second.ingest_secs
    );
    let db_size = std::fs::metadata(&cfg.db).map(|m| m.len()).unwrap_or(0);
    println!("database: {:.1} MB", db_size as f64 / 1e6);
    match peak_rss_mib() {
        Some(m) => println!("peak RSS: {m:.1} MiB"),
        None => println!("peak RSS: unavailable on this platform"),
    }
    if second.tally.stored != 0 || first.tally.stored as usize != n {
        eprintln!(
            "bench: expected {n} stored then 0 stored, got {} then {}",
            first.tally.stored, second.tally.stored
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
