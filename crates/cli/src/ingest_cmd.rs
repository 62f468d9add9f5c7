//! `sitrep ingest`: read inputs, analyse them on all cores and store them.
//!
//! Owns the ingest loop and its accounting: every input record ends as
//! stored, duplicate, skipped (with a reason) or failed (with a reason), and
//! the summary's counts add up to the records read. Reading is the ingest
//! crate's job, analysis the pipeline's, persistence the store's, linking
//! sitrep-link's; `--db postgres://…` is handed to `crate::worker_cmd`.
//!
//! How a run goes:
//! - The main thread reads records in input order, hashes each text and
//!   drops texts already stored (or already seen in this run) as
//!   duplicates *before* analysis, so a rerun only analyses what is new.
//! - New documents are gathered into batches of `--batch` records and
//!   analysed in parallel (`--jobs` threads, rayon), keeping input order.
//! - One writer thread commits each batch in one transaction
//!   ([`sitrep_store::Store::put_batch`]) while the next batch is analysed.
//!   A `kill -9` loses at most the batches not yet committed, never part of
//!   a document; a rerun continues where the last commit ended.
//! - Ctrl-C stops reading; what was read is analysed and committed, the
//!   summary is printed, and linking is left for the next run. A second
//!   Ctrl-C exits at once (the committed batches stay).
//! - A progress line on stderr when stderr is a terminal.
//! - Linking: one `sitrep_link::Linker` session per run, on the writer's
//!   connection (larger page cache, memory-mapped reads). The writer hands
//!   it each stored document's analysis, so the JSON is not read back. By
//!   default it links once, after the last commit (unless `--no-link`;
//!   after Ctrl-C linking is left for the next run). With `--link-every N`
//!   the writer thread also links after every N stored documents, while the
//!   analysis threads go on with the next batches; each pass links the
//!   documents stored since the last one in publication order, exactly as a
//!   later `sitrep link` would. Measured on 3,000 documents the passes cost
//!   about a third more CPU than one pass at the end (BENCHMARKS.md), so
//!   overlapping is off by default.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_analyze::{Pipeline, Report};
use sitrep_core::Doc;
use sitrep_ingest::{FetchOptions, InputDoc, ReadOptions};
use sitrep_store::{Entry, Put, Run, Store};

/// Counts of one ingest run; they add up to the records read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub stored: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub failed: u64,
    /// Skip reasons and how often each occurred.
    pub skip_reasons: BTreeMap<String, u64>,
    /// Failure reasons and how often each occurred.
    pub fail_reasons: BTreeMap<String, u64>,
}

impl Tally {
    /// Records accounted for.
    pub fn records(&self) -> u64 {
        self.stored + self.duplicates + self.skipped + self.failed
    }

    fn skip(&mut self, reason: &str) {
        self.skipped += 1;
        *self.skip_reasons.entry(reason_key(reason)).or_default() += 1;
    }

    fn fail(&mut self, reason: &str) {
        self.failed += 1;
        *self.fail_reasons.entry(reason_key(reason)).or_default() += 1;
    }

    fn add(&mut self, other: &Tally) {
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.skipped += other.skipped;
        self.failed += other.failed;
        for (k, v) in &other.skip_reasons {
            *self.skip_reasons.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.fail_reasons {
            *self.fail_reasons.entry(k.clone()).or_default() += v;
        }
    }
}

/// A reason without the numbers that differ from record to record, so that
/// "record is 6000 bytes, over…" and "record is 7000 bytes, over…" group.
fn reason_key(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut in_num = false;
    for c in reason.chars() {
        if c.is_ascii_digit() {
            if !in_num {
                out.push('N');
            }
            in_num = true;
        } else {
            in_num = false;
            out.push(c);
        }
    }
    out
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stored, {} duplicates, {} skipped, {} failed",
            self.stored, self.duplicates, self.skipped, self.failed
        )
    }
}

/// Flags of `sitrep ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, folders or http(s) URLs (feeds or pages); `-` reads standard
    /// input. Text, HTML, JSONL, RSS/Atom/JSON feeds, WARC (.warc, .warc.gz).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The database: a SQLite file (created when absent) or a
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME URL.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Publication date for records that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<chrono::NaiveDate>,
    /// Input format: auto (by extension; stdin is sniffed), text, html,
    /// jsonl, feed or warc.
    #[arg(long, default_value = "auto")]
    pub input_format: sitrep_ingest::Format,
    /// Analysis threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Records per batch; each batch is committed in one transaction.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Allow fetching URLs on loopback, private, link-local or unique-local
    /// addresses (refused by default).
    #[arg(long)]
    pub allow_private: bool,
    /// Do not link the new documents into incidents after ingest.
    #[arg(long)]
    pub no_link: bool,
    /// Link into incidents after every N stored documents while ingesting
    /// (overlapping analysis); 0 links once, at the end.
    #[arg(long, default_value_t = DEFAULT_LINK_EVERY, value_name = "N")]
    pub link_every: usize,
    /// Largest record read, in bytes (a file, a JSONL line, a WARC record,
    /// a fetched URL); larger ones are skipped.
    #[arg(long, default_value_t = sitrep_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
}

/// Stored documents between two link passes of the writer thread (0: one
/// pass at the end, which costs the least CPU today).
pub const DEFAULT_LINK_EVERY: usize = 0;

/// Page cache of the writer's connection, in KiB (SQLite's default is 2 MiB).
const WRITER_CACHE_KIB: u32 = 65_536;
/// Bytes of the database the writer's connection may memory-map for reads.
const WRITER_MMAP_BYTES: u64 = 1 << 30;

/// What an ingest run is asked to do (the flags, resolved).
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub db: PathBuf,
    pub read: ReadOptions,
    pub jobs: usize,
    pub batch: usize,
    pub link: bool,
    /// Link after every this many stored documents (0: only at the end).
    pub link_every: usize,
    /// Show a progress line (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Print each skipped or failed record and each warning.
    pub verbose: bool,
}

/// What an ingest run did.
pub struct Outcome {
    pub tally: Tally,
    /// Stopped by Ctrl-C before the inputs were read to the end.
    pub interrupted: bool,
    /// Wall time of the whole run: reading, analysing, storing and linking.
    pub ingest_secs: f64,
    /// The linker's summary line and the wall time spent linking (summed
    /// over the passes, which overlap analysis), when it ran.
    pub link: Option<(String, f64)>,
    /// Sentences the parse memo answered and sentences parsed.
    pub parse_memo: Option<sitrep_analyze::memo::MemoStats>,
}

/// Set by Ctrl-C: stop reading, commit what is analysed.
static STOP: AtomicBool = AtomicBool::new(false);

/// Run `sitrep ingest`. Exit code 1 when any record failed, 130 when
/// interrupted.
pub fn run(args: Args) -> Result<ExitCode> {
    let db = args.db.to_string_lossy();
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return crate::worker_cmd::ingest_postgres(&args);
    }
    let jobs = args
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()));
    let cfg = Config {
        read: ReadOptions {
            published: args.published,
            format: args.input_format,
            max_bytes: args.max_bytes,
            fetch: FetchOptions {
                allow_private: args.allow_private,
                ..FetchOptions::default()
            },
        },
        inputs: args.inputs,
        db: args.db,
        jobs,
        batch: args.batch.max(1),
        link: !args.no_link,
        link_every: args.link_every,
        progress: true,
        verbose: true,
    };
    // A second Ctrl-C exits at once; committed batches are safe either way.
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\ninterrupted: committing what is analysed (Ctrl-C again to quit now)");
    });
    let out = ingest(&cfg, &STOP)?;
    print_summary(&out);
    Ok(if out.interrupted {
        ExitCode::from(130)
    } else if out.tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The summary: the counts line, then the reasons, then the link line.
pub fn print_summary(out: &Outcome) {
    let t = &out.tally;
    for (label, reasons) in [("skipped", &t.skip_reasons), ("failed", &t.fail_reasons)] {
        let mut by_count: Vec<(&String, &u64)> = reasons.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (reason, n) in by_count.iter().take(8) {
            eprintln!("  {label} {n}: {reason}");
        }
        if by_count.len() > 8 {
            eprintln!("  {label}: {} other reasons", by_count.len() - 8);
        }
    }
    if out.interrupted {
        eprintln!(
            "interrupted after {} records; rerun the same command to continue",
            t.records()
        );
    }
    if let Some((line, _)) = &out.link {
        eprintln!("{line}");
    }
    eprintln!("ingest: {t}");
}

/// One record after reading and the duplicate check.
enum Item {
    /// New text to analyse and store.
    New(InputDoc),
    /// Already stored, or seen earlier in this run.
    Duplicate,
}

/// An analysed document on its way to the writer.
struct Analysed {
    doc: Doc,
    record: String,
    report: Report,
}

/// Read, analyse and store the inputs of `cfg`; stops early when `stop` is
/// set. Prints per-record messages (when `cfg.verbose`) and the progress
/// line, not the summary.
pub fn ingest(cfg: &Config, stop: &AtomicBool) -> Result<Outcome> {
    let started = SystemTime::now();
    let t0 = Instant::now();
    let db = cfg.db.as_path();
    let reader_store =
        Store::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    let mut writer_store =
        Store::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    // The writer also links, reading candidate incidents and their events
    // back: a larger page cache and memory-mapped reads keep those pages in
    // this process instead of copying them from the kernel on every query.
    writer_store
        .connection_mut()
        .execute_batch(&format!(
            "PRAGMA cache_size = -{WRITER_CACHE_KIB}; PRAGMA mmap_size = {WRITER_MMAP_BYTES};"
        ))
        .context("setting the writer's cache size")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .context("starting the analysis threads")?;
    let bar = progress_bar(cfg.progress);
    let say = |msg: String| {
        if cfg.verbose {
            bar.suspend(|| eprintln!("{msg}"));
        }
    };
    let link = cfg.link;
    let link_every = if link { cfg.link_every } else { 0 };
    // Room for the batches analysed while the writer links, so the analysis
    // threads do not wait for it.
    let queue = 2 + link_every / cfg.batch;

    thread::scope(|scope| -> Result<Outcome> {
        // The writer commits batches in the order they are sent, and links
        // after every `link_every` stored documents.
        let (tx, rx) = mpsc::sync_channel::<Vec<Analysed>>(queue);
        let writer_bar = bar.clone();
        let verbose = cfg.verbose;
        let writer = scope.spawn(move || -> Result<(Store, Tally, Linked)> {
            let mut store = writer_store;
            let mut tally = Tally::default();
            let mut linked = Linked::default();
            let mut unlinked = 0usize;
            for batch in rx {
                let entries: Vec<Entry<'_>> = batch
                    .iter()
                    .map(|a| Entry {
                        doc: &a.doc,
                        record: &a.record,
                        report: &a.report,
                    })
                    .collect();
                let results = store.put_batch(&entries).context("committing a batch")?;
                for (a, r) in batch.iter().zip(results) {
                    match r {
                        Ok(Put::Stored { id, .. }) => {
                            tally.stored += 1;
                            unlinked += 1;
                            if link {
                                // The linker takes the analysis from here
                                // instead of reading its JSON back.
                                linked.linker.remember(id, &a.report.analysis);
                            }
                        }
                        Ok(Put::Duplicate { .. }) => tally.duplicates += 1,
                        Err(e) => {
                            // Its savepoint was rolled back; the batch goes on.
                            let reason = e.to_string();
                            if verbose {
                                writer_bar.suspend(|| eprintln!("failed: {}: {reason}", a.record));
                            }
                            tally.fail(&reason);
                        }
                    }
                }
                writer_bar.inc(batch.len() as u64);
                drop(batch);
                if link_every > 0 && unlinked >= link_every && !stop.load(Ordering::SeqCst) {
                    linked.pass(&mut store)?;
                    unlinked = 0;
                }
            }
            Ok((store, tally, linked))
        });

        let mut tally = Tally::default();
        let mut seen: HashSet<[u8; 32]> = HashSet::new();
        let mut pipeline: Option<Pipeline> = None;
        let mut inputs = sitrep_ingest::read_inputs(&cfg.inputs, &cfg.read);
        let mut interrupted = false;
        let mut send_failed = false;
        'batches: loop {
            let mut items: Vec<Item> = Vec::with_capacity(cfg.batch);
            let mut exhausted = false;
            while items.len() < cfg.batch {
                if stop.load(Ordering::SeqCst) {
                    interrupted = true;
                    break;
                }
                let Some(record) = inputs.next() else {
                    exhausted = true;
                    break;
                };
                let input = match record {
                    Ok(input) => input,
                    Err(e) => {
                        if e.is_skipped() {
                            say(format!("skipped: {e}"));
                            tally.skip(&e.reason);
                        } else {
                            say(format!("failed: {e}"));
                            tally.fail(&e.reason);
                        }
                        bar.inc(1);
                        continue;
                    }
                };
                for w in &input.warnings {
                    say(format!("warning: {}: {w}", input.record));
                }
                let hash = sitrep_store::content_hash(&input.text);
                let key = hash_key(&hash);
                let dup = !seen.insert(key)
                    || reader_store
                        .find(&hash)
                        .context("looking up a content hash")?
                        .is_some();
                items.push(if dup {
                    Item::Duplicate
                } else {
                    Item::New(input)
                });
            }
            let fresh: Vec<InputDoc> = items
                .into_iter()
                .filter_map(|it| match it {
                    Item::New(d) => Some(d),
                    Item::Duplicate => {
                        tally.duplicates += 1;
                        bar.inc(1);
                        None
                    }
                })
                .collect();
            if !fresh.is_empty() {
                let pipe: &Pipeline = match &pipeline {
                    Some(p) => p,
                    None => pipeline
                        .insert(Pipeline::load_default().context("loading the analysis pipeline")?),
                };
                let analysed: Vec<Analysed> = pool.install(|| {
                    fresh
                        .into_par_iter()
                        .map(|input| {
                            let record = input.record.clone();
                            let doc = input.into_doc();
                            let report = pipe.report(&doc);
                            Analysed {
                                doc,
                                record,
                                report,
                            }
                        })
                        .collect()
                });
                if tx.send(analysed).is_err() {
                    // The writer stopped on an error; it is reported below.
                    send_failed = true;
                    break 'batches;
                }
            }
            bar.set_message(format!(
                "{} dup, {} skipped, {} failed",
                tally.duplicates, tally.skipped, tally.failed
            ));
            if exhausted || interrupted {
                break;
            }
        }
        drop(tx);
        let (mut store, written, mut linked) = match writer.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("the writer thread panicked"),
        };
        if send_failed {
            anyhow::bail!("the writer stopped early");
        }
        tally.add(&written);
        bar.finish_and_clear();

        let detail = format!(
            "inputs: {}; jobs: {}; batch: {}; pipeline: {}{}",
            cfg.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            cfg.jobs,
            cfg.batch,
            sitrep_store::PIPELINE_VERSION,
            if interrupted { "; interrupted" } else { "" }
        );
        store
            .log_run(&Run {
                command: "ingest".into(),
                detail,
                started,
                stored: tally.stored,
                duplicates: tally.duplicates,
                skipped: tally.skipped,
                failed: tally.failed,
            })
            .context("writing the audit log")?;

        // The documents stored since the writer's last pass.
        let link = if cfg.link && !interrupted {
            linked.pass(&mut store)?;
            Some((linked.line(), linked.secs))
        } else if linked.passes > 0 {
            Some((linked.line(), linked.secs))
        } else {
            None
        };
        Ok(Outcome {
            tally,
            interrupted,
            ingest_secs: t0.elapsed().as_secs_f64(),
            link,
            parse_memo: pipeline.as_ref().and_then(Pipeline::parse_memo_stats),
        })
    })
}

/// The linking session of one run (its caches live from pass to pass) and
/// what its passes did, summed.
#[derive(Default)]
struct Linked {
    linker: sitrep_link::Linker,
    sum: sitrep_link::LinkSummary,
    passes: usize,
    secs: f64,
}

impl Linked {
    /// Link the documents stored and not linked yet (one transaction).
    fn pass(&mut self, store: &mut Store) -> Result<()> {
        let t = Instant::now();
        let s = self
            .linker
            .link_store(store)
            .context("linking into incidents")?;
        self.sum.documents += s.documents;
        self.sum.near_duplicates += s.near_duplicates;
        self.sum.incidents_created += s.incidents_created;
        self.sum.incidents_updated += s.incidents_updated;
        self.sum.incidents_merged += s.incidents_merged;
        self.sum.incidents_split += s.incidents_split;
        self.passes += 1;
        self.secs += t.elapsed().as_secs_f64();
        Ok(())
    }

    /// The summary line. An incident that gained reports in several passes
    /// is counted as updated once per pass.
    fn line(&self) -> String {
        let s = &self.sum;
        format!(
            "link: {} documents linked, {} near-duplicates, {} incidents created, {} updated, {} merged, {} split",
            s.documents,
            s.near_duplicates,
            s.incidents_created,
            s.incidents_updated,
            s.incidents_merged,
            s.incidents_split
        )
    }
}

/// The 32 bytes of a hex SHA-256, as a compact set key.
fn hash_key(hex: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, pair) in hex.as_bytes().chunks(2).take(32).enumerate() {
        let s = std::str::from_utf8(pair).unwrap_or("00");
        out[i] = u8::from_str_radix(s, 16).unwrap_or(0);
    }
    out
}

/// A spinner with counts and rate on stderr; hidden when stderr is not a
/// terminal or progress is off.
fn progress_bar(show: bool) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} records ({per_sec}) {msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
