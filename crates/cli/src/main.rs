//! The `sitrep` binary: parses flags and wires the stages together.
//!
//! Owns the command line, output formats and exit codes. All analysis lives
//! in the library crates; this file only connects them.

mod bench;
mod export_cmd;
mod ingest_cmd;
mod link_cmd;
mod summary;
mod syntax_cmd;
mod worker_cmd;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use sitrep_analyze::Pipeline;
use sitrep_core::Doc;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turns conflict news into source-attributed, geocoded, typed events and claims."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (.txt, .html, .jsonl, folders, or - for stdin).
    Analyze {
        /// Files or folders; `-` reads standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Publication date for plain text and HTML without a date (YYYY-MM-DD).
        #[arg(long)]
        published: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        /// Show the rule and lexicon entries behind each value, and the
        /// triggers the event coder dropped with the rule that dropped each
        /// (summary: "dropped:" lines; JSON: a `dropped` list).
        #[arg(long)]
        explain: bool,
        /// In JSON output, add `parses`: the dependency parses of the
        /// sentences the stages parsed (the parse layer, CoNLL-U style heads).
        #[arg(long)]
        with_parse: bool,
        /// Input format: auto (by extension; stdin is sniffed), text, html or jsonl.
        #[arg(long, default_value = "auto")]
        input_format: sitrep_ingest::Format,
    },
    /// Analyse inputs and store them in the incident database (SQLite).
    Ingest(ingest_cmd::Args),
    /// Link stored reports into incidents across documents and grade them.
    Link(link_cmd::Args),
    /// Export incidents: ACLED CSV, PLOVER JSON, GeoJSON, Parquet or JSONL.
    Export(export_cmd::Args),
    /// Claim ingest and analysis jobs from a shared PostgreSQL store.
    Worker(worker_cmd::Args),
    /// Measure every stage against ../shared/data and check regression floors.
    Eval {
        /// The shared data folder.
        #[arg(long, env = "SITREP_DATA", default_value = "../shared/data")]
        data: PathBuf,
        /// Only these stages (actors, places, times, attribution, events).
        #[arg(long = "stage")]
        stages: Vec<String>,
        /// Floors file (`suite.metric >= value` lines); failing floors exit 1.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Also write the reports as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Tokenize, tag and parse text into CoNLL-U (UD), as UDPipe does.
    Parse {
        /// Raw text file, or `-` / nothing for standard input.
        input: Option<PathBuf>,
        /// The input is CoNLL-U: keep its tokens and sentences.
        #[arg(long)]
        pretokenized: bool,
    },
    /// Retrain the tagger, lemmatizer and parser from UD English EWT.
    Train {
        /// Folder with en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu.
        #[arg(long, default_value = "../shared/data/ud-english-ewt")]
        treebank: PathBuf,
        #[arg(long, default_value = "data/models")]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Rebuild a knowledge file from its upstream source.
    #[command(subcommand)]
    Import(Import),
    /// Rebuild the compiled gazetteer index.
    #[command(subcommand)]
    Gazetteer(Gazetteer),
    /// Measure throughput and peak memory of the analysis on a corpus.
    Bench(bench::Args),
}

#[derive(Subcommand)]
enum Import {
    /// Convert the PETRARCH2/Phoenix actor dictionaries into data/actors/.
    Petrarch {
        /// Folder holding Phoenix.*.actors.txt and Phoenix.agents.txt.
        #[arg(long, default_value = "../shared/data/petrarch2-dictionaries")]
        from: PathBuf,
        #[arg(long, default_value = "data/actors")]
        out: PathBuf,
    },
    /// Convert the PETRARCH2 CAMEO verb dictionary into data/events/cameo_verbs.tsv.
    CameoVerbs {
        /// PETRARCH2's CAMEO.2.0.txt.
        #[arg(
            long,
            default_value = "../shared/data/petrarch2-dictionaries/CAMEO.2.0.txt"
        )]
        from: PathBuf,
        /// PLOVER's CAMEO2PLOVER-2021.txt (CAMEO code -> PLOVER event and mode).
        #[arg(
            long,
            default_value = "../shared/data/event-coding/CAMEO2PLOVER-2021.txt"
        )]
        plover: PathBuf,
        #[arg(long, default_value = "data/events/cameo_verbs.tsv")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Gazetteer {
    /// Compile GeoNames cities, countries and subdivisions into data/gazetteer/.
    Build {
        /// Folder holding cities500.json, countries.json and subdivisions.tsv.
        #[arg(long, default_value = "../shared/data/gazetteer")]
        from: PathBuf,
        #[arg(long, default_value = "data/gazetteer")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// A JSON array of records.
    Json,
    /// One JSON record a line.
    Jsonl,
    /// A readable report: incidents, claims and their grades.
    Summary,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze {
            inputs,
            published,
            format,
            explain,
            with_parse,
            input_format,
        } => {
            let opts = sitrep_ingest::ReadOptions {
                published,
                format: input_format,
                ..sitrep_ingest::ReadOptions::default()
            };
            analyze(&inputs, &opts, format, explain, with_parse)
        }
        Command::Ingest(args) => ingest_cmd::run(args),
        Command::Link(args) => link_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Worker(args) => worker_cmd::run(args),
        Command::Eval {
            data,
            stages,
            floors,
            json,
        } => eval(&data, &stages, floors.as_deref(), json.as_deref()),
        Command::Bench(args) => bench::run(args),
        Command::Parse {
            input,
            pretokenized,
        } => syntax_cmd::parse(input.as_deref(), pretokenized),
        Command::Train {
            treebank,
            out,
            seed,
        } => syntax_cmd::train(&treebank, &out, seed),
        Command::Import(Import::Petrarch { from, out }) => rebuilt(
            "actor dictionaries",
            &from,
            &out,
            sitrep_actors::import::import_petrarch(&from, &out),
        ),
        Command::Import(Import::CameoVerbs { from, plover, out }) => rebuilt(
            "CAMEO verb patterns",
            &from,
            &out,
            sitrep_events::cameo_verbs::import(&from, &plover, &out),
        ),
        Command::Gazetteer(Gazetteer::Build { from, out }) => rebuilt(
            "gazetteer",
            &from,
            &out,
            sitrep_places::compile::build_gazetteer(&from, &out),
        ),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Report a rebuilt knowledge file: its statistics, or the error with its source.
fn rebuilt<S: std::fmt::Debug, E: std::error::Error + Send + Sync + 'static>(
    what: &str,
    from: &Path,
    out: &Path,
    result: Result<S, E>,
) -> Result<ExitCode> {
    let stats = result.with_context(|| format!("rebuilding the {what} from {}", from.display()))?;
    println!("rebuilt the {what} into {}: {stats:?}", out.display());
    println!("rebuild the binary (cargo build --release) to embed it");
    Ok(ExitCode::SUCCESS)
}

fn analyze(
    inputs: &[PathBuf],
    opts: &sitrep_ingest::ReadOptions,
    format: Format,
    explain: bool,
    with_parse: bool,
) -> Result<ExitCode> {
    let pipeline = Pipeline::load_default().context("loading the analysis pipeline")?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = sitrep_ingest::Summary::default();
    let mut first = true;
    if format == Format::Json {
        writeln!(out, "[")?;
    }
    for record in sitrep_ingest::read_inputs(inputs, opts) {
        summary.record(&record);
        let input = match record {
            Ok(input) => input,
            Err(e) => {
                let what = if e.is_skipped() { "skipped" } else { "failed" };
                eprintln!("{what}: {e}");
                continue;
            }
        };
        for w in &input.warnings {
            eprintln!("warning: {}: {w}", input.record);
        }
        let doc: Doc = input.into_doc();
        let report = pipeline.report(&doc);
        match format {
            Format::Jsonl | Format::Json if explain => {
                if format == Format::Jsonl {
                    writeln!(out, "{}", explained_json(&report, with_parse, false)?)?;
                } else {
                    if !first {
                        writeln!(out, ",")?;
                    }
                    write!(out, "{}", explained_json(&report, with_parse, true)?)?;
                }
            }
            Format::Jsonl if with_parse => {
                writeln!(out, "{}", serde_json::to_string(&report.with_parses())?)?
            }
            Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&report)?)?,
            Format::Json => {
                if !first {
                    writeln!(out, ",")?;
                }
                let json = if with_parse {
                    serde_json::to_string_pretty(&report.with_parses())?
                } else {
                    serde_json::to_string_pretty(&report)?
                };
                write!(out, "{json}")?;
            }
            Format::Summary => {
                write!(out, "{}", summary::render(&report, explain))?;
                writeln!(out)?;
            }
        }
        first = false;
    }
    if format == Format::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    eprintln!("analyze: {summary}");
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The JSON record plus `dropped` (the triggers the event coder dropped,
/// with their rules): only with `--explain`, so the default record and the
/// store never carry it. Keys keep the record's order, `dropped` last.
fn explained_json(
    report: &sitrep_analyze::Report,
    with_parse: bool,
    pretty: bool,
) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Explained<'a, R: serde::Serialize> {
        #[serde(flatten)]
        report: R,
        dropped: &'a [sitrep_core::Dropped],
    }
    fn json<T: serde::Serialize>(v: &T, pretty: bool) -> serde_json::Result<String> {
        if pretty {
            serde_json::to_string_pretty(v)
        } else {
            serde_json::to_string(v)
        }
    }
    let dropped = &report.analysis.dropped;
    Ok(if with_parse {
        let report = report.with_parses();
        json(&Explained { report, dropped }, pretty)?
    } else {
        json(&Explained { report, dropped }, pretty)?
    })
}

fn eval(
    data: &Path,
    stages: &[String],
    floors: Option<&Path>,
    json: Option<&Path>,
) -> Result<ExitCode> {
    if !data.is_dir() {
        println!(
            "eval: skipped: no shared data at {} (set --data or SITREP_DATA)",
            data.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let chosen: Vec<&str> = if stages.is_empty() {
        sitrep_eval::STAGES.to_vec()
    } else {
        stages.iter().map(String::as_str).collect()
    };
    let mut reports = Vec::new();
    for stage in chosen {
        let started = std::time::Instant::now();
        let got = sitrep_eval::run_stage(stage, data)?;
        if got.is_empty() {
            println!(
                "[{stage}] skipped: its data is absent under {}",
                data.display()
            );
        }
        for r in &got {
            println!(
                "[{}] {} items ({:.1}s)",
                r.suite,
                r.items,
                started.elapsed().as_secs_f64()
            );
            for m in &r.metrics {
                println!("    {:<32} {:.4}", m.name, m.value);
            }
            for n in &r.notes {
                println!("    note: {n}");
            }
        }
        reports.extend(got);
    }
    if let Some(path) = json {
        std::fs::write(path, serde_json::to_string_pretty(&reports)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = floors {
        let floors = sitrep_eval::floors::load(path)?;
        let failures = sitrep_eval::floors::check(&reports, &floors);
        if !failures.is_empty() {
            for f in &failures {
                println!("FLOOR FAILED: {f}");
            }
            println!(
                "eval: {} passed, {} failed",
                floors.len() - failures.len(),
                failures.len()
            );
            return Ok(ExitCode::from(1));
        }
        println!("eval floors: {} passed, 0 failed", floors.len());
    }
    if reports.is_empty() && !stages.is_empty() {
        bail!("no suite ran");
    }
    Ok(ExitCode::SUCCESS)
}
