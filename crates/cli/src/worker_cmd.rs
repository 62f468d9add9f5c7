//! `sitrep worker` and `sitrep ingest --db postgres://…`: the team setup,
//! where several processes on any machines share one PostgreSQL store.
//!
//! Owns the worker loop (claim a batch, analyse, complete or fail each job,
//! heartbeat the leases from a second connection, link what it analysed),
//! the Postgres side of ingest (store raw documents idempotently and queue
//! one analysis job each) and of `sitrep link` ([`link_postgres`]). The queue's guarantees live in `sitrep_store::postgres`; this
//! module must not touch the SQLite ingest path (`ingest_cmd.rs`), which
//! dispatches here for `postgres://` URLs. Built with the `postgres` feature;
//! without it both entry points explain how to get it.

/// Flags of `sitrep worker`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME.
    #[arg(long, env = "SITREP_DB")]
    pub db: String,
    /// Claim and process one batch, then exit.
    #[arg(long)]
    pub once: bool,
    /// Jobs claimed at a time.
    #[arg(long, default_value_t = 8)]
    pub batch: usize,
    /// Exit after this many seconds with no job to claim (default: run until
    /// stopped).
    #[arg(long, value_name = "SECS")]
    pub idle_exit: Option<f64>,
    /// Lease on a claimed job, in seconds; a heartbeat renews it every third
    /// of that. Jobs of a worker that stops renewing return to the queue.
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    pub lease: f64,
    /// This worker's name in `jobs.worker` (default: host:pid:start time).
    #[arg(long)]
    pub name: Option<String>,
    /// Queue an ingest job for each path or URL (which every worker must be
    /// able to read) and exit; workers store what they read and queue its
    /// analysis.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub enqueue: Vec<String>,
    /// Print the number of jobs in each state and exit.
    #[arg(long)]
    pub status: bool,
    /// Put failed jobs back in the queue with fresh attempts and exit.
    #[arg(long)]
    pub retry_failed: bool,
    /// Do not link analysed documents into incidents (leave it to
    /// `sitrep link --db …`). By default a worker links when no other
    /// process is linking, every `--link-every` documents, when idle and
    /// before it exits.
    #[arg(long)]
    pub no_link: bool,
    /// Link after this many documents analysed since the last link run
    /// (at the end of the batch that reaches it); 0: only when idle and
    /// before exit. Each run costs round trips, so linking every batch
    /// makes a worker slower.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub link_every: u64,
}

#[cfg(not(feature = "postgres"))]
pub fn link_postgres(
    _db: &str,
    _relink: bool,
    _explain: Option<i64>,
) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!(
        "this sitrep was built without PostgreSQL support: \
         cargo build --release -p sitrep --features postgres"
    )
}

#[cfg(not(feature = "postgres"))]
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!(
        "this sitrep was built without PostgreSQL support: \
         cargo build --release -p sitrep --features postgres"
    )
}

#[cfg(not(feature = "postgres"))]
pub fn ingest_postgres(_args: &crate::ingest_cmd::Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!(
        "this sitrep was built without PostgreSQL support: \
         cargo build --release -p sitrep --features postgres"
    )
}

#[cfg(feature = "postgres")]
pub use pg::{ingest_postgres, link_postgres, run};

#[cfg(feature = "postgres")]
mod pg {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::thread;
    use std::time::{Duration, Instant, SystemTime};

    use anyhow::{bail, Context, Result};
    use sitrep_analyze::Pipeline;
    use sitrep_store::postgres::{redact, Added, Completion, Failed, Job, JobKind, PgStore};
    use sitrep_store::Run;

    use super::Args;

    fn connect(url: &str) -> Result<PgStore> {
        PgStore::connect(url).with_context(|| format!("opening the store {}", redact(url)))
    }

    /// Counts of one worker run.
    #[derive(Debug, Default)]
    struct Tally {
        analysed: u64,
        ingested: u64,
        stored: u64,
        duplicates: u64,
        lost: u64,
        requeued: u64,
        failed: u64,
        /// Documents this worker linked into incidents.
        linked: u64,
    }

    /// Link what is pending unless another process is linking (`wait`:
    /// wait for it instead). Returns whether linking is still owed: another
    /// linker was busy (and may have started before our analyses were
    /// committed), or linking failed (rolled back; the documents stay
    /// pending and the error is printed).
    fn link_owed(store: &mut PgStore, name: &str, wait: bool, t: &mut Tally) -> bool {
        let result = if wait {
            sitrep_link::pg::link_pending(store.client()).map(Some)
        } else {
            sitrep_link::pg::try_link_pending(store.client())
        };
        match result {
            Ok(Some(sum)) => {
                t.linked += sum.documents;
                if sum.documents > 0 {
                    eprintln!(
                        "worker {name}: linked {} documents ({} incidents created, {} updated)",
                        sum.documents, sum.incidents_created, sum.incidents_updated
                    );
                }
                false
            }
            Ok(None) => true,
            Err(e) => {
                eprintln!("worker {name}: linking failed (will retry): {e}");
                true
            }
        }
    }

    /// Whether some analysed document is not linked yet.
    fn unlinked_analyses(store: &mut PgStore) -> Result<bool> {
        Ok(store
            .client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM documents d WHERE linked_at IS NULL
                 AND EXISTS (SELECT 1 FROM analyses a WHERE a.document = d.id))",
                &[],
            )
            .context("looking for unlinked documents")?
            .get(0))
    }

    /// `sitrep link --db postgres://…`: link (waiting for any worker that is
    /// linking), relink, or explain one incident.
    pub fn link_postgres(db: &str, relink: bool, explain: Option<i64>) -> Result<ExitCode> {
        let mut store = connect(db)?;
        if let Some(id) = explain {
            return explain_postgres(&mut store, id);
        }
        let sum = if relink {
            sitrep_link::pg::relink(store.client())
        } else {
            sitrep_link::pg::link_pending(store.client())
        }
        .context("linking")?;
        let client = store.client();
        let incidents: i64 = client
            .query_one("SELECT count(*) FROM incidents", &[])?
            .get(0);
        let by_grade = client
            .query(
                "SELECT grade, count(*) FROM incidents GROUP BY grade ORDER BY grade COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|r| format!("{} {}", r.get::<_, i64>(1), r.get::<_, String>(0)))
            .collect::<Vec<_>>()
            .join(", ");
        let waiting: i64 = client
            .query_one(
                "SELECT count(*) FROM documents d WHERE linked_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.document = d.id)",
                &[],
            )?
            .get(0);
        eprintln!(
            "link: {} documents linked ({} near duplicates), {} incidents created, {} updated, {} merged away, {} split off; {} incidents in the store ({})",
            sum.documents,
            sum.near_duplicates,
            sum.incidents_created,
            sum.incidents_updated,
            sum.incidents_merged,
            sum.incidents_split,
            incidents,
            if by_grade.is_empty() { "none".to_string() } else { by_grade }
        );
        if waiting > 0 {
            eprintln!(
                "note: {waiting} stored documents are not analysed yet (queued for `sitrep worker`); they are linked once analysed"
            );
        }
        Ok(ExitCode::SUCCESS)
    }

    /// `sitrep link --db postgres://… --explain ID`.
    fn explain_postgres(store: &mut PgStore, id: i64) -> Result<ExitCode> {
        let head = store.client().query_opt(
            "SELECT event_type || ' / ' || sub_event_type, grade, notes, grade_inputs::text,
                    coalesce(event_date, '?') || ' ' || coalesce(place_name, '?'), actor1_name
             FROM incidents WHERE id = $1",
            &[&id],
        )?;
        let decisions = sitrep_link::pg::explain(store.client(), id)?;
        match head {
            None if decisions.is_empty() => {
                eprintln!("no incident {id}");
                return Ok(ExitCode::FAILURE);
            }
            None => println!("incident {id}: no longer exists"),
            Some(r) => {
                println!(
                    "incident {id}: {} — {} — {}",
                    r.get::<_, String>(0),
                    r.get::<_, String>(4),
                    r.get::<_, Option<String>>(5).unwrap_or_else(|| "?".into())
                );
                println!("  grade: {}", r.get::<_, String>(1));
                if let Some(n) = r.get::<_, Option<String>>(2) {
                    println!("  notes: {n}");
                }
                println!("  grade inputs: {}", r.get::<_, String>(3));
            }
        }
        for d in &decisions {
            let at = match (d.document, d.event) {
                (Some(doc), Some(ev)) => format!(" document {doc} event {ev}"),
                (Some(doc), None) => format!(" document {doc}"),
                _ => String::new(),
            };
            let why = d.reason.as_deref().unwrap_or("");
            let score = d
                .score
                .map(|s| format!(" (score {s:.2})"))
                .unwrap_or_default();
            println!("  {}{at}{score}: {why}", d.decision);
            println!("    {}", d.detail);
        }
        Ok(ExitCode::SUCCESS)
    }

    /// `sitrep ingest --db postgres://…`: store each input's raw text (keyed
    /// by content hash, so a rerun stores nothing new) and queue its
    /// analysis for the workers.
    pub fn ingest_postgres(args: &crate::ingest_cmd::Args) -> Result<ExitCode> {
        let started = SystemTime::now();
        let Some(url) = args.db.to_str() else {
            bail!("the database URL is not valid UTF-8");
        };
        let mut store = connect(url)?;
        let opts = sitrep_ingest::ReadOptions {
            published: args.published,
            format: args.input_format,
            max_bytes: args.max_bytes,
            fetch: sitrep_ingest::FetchOptions {
                allow_private: args.allow_private,
                ..sitrep_ingest::FetchOptions::default()
            },
        };
        let mut t = Tally::default();
        let mut skipped = 0u64;
        read_into(&mut store, &args.inputs, &opts, &mut t, &mut skipped)?;
        let detail = format!(
            "inputs: {}; queued for sitrep worker",
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        );
        store
            .log_run(&Run {
                command: "ingest".into(),
                detail,
                started,
                stored: t.stored,
                duplicates: t.duplicates,
                skipped,
                failed: t.failed,
            })
            .context("writing the audit log")?;
        eprintln!(
            "ingest: {} stored, {} duplicates, {} skipped, {} failed",
            t.stored, t.duplicates, skipped, t.failed
        );
        if t.stored > 0 {
            eprintln!(
                "ingest: {} analysis jobs queued; run `sitrep worker --db {}` to process them",
                t.stored,
                redact(url)
            );
        }
        Ok(if t.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    /// Read `inputs` and add every document, counting into `t`. Database
    /// errors on one document count as failed; the batch goes on.
    fn read_into(
        store: &mut PgStore,
        inputs: &[PathBuf],
        opts: &sitrep_ingest::ReadOptions,
        t: &mut Tally,
        skipped: &mut u64,
    ) -> Result<()> {
        for record in sitrep_ingest::read_inputs(inputs, opts) {
            let input = match record {
                Ok(input) => input,
                Err(e) => {
                    if e.is_skipped() {
                        *skipped += 1;
                        eprintln!("skipped: {e}");
                    } else {
                        t.failed += 1;
                        eprintln!("failed: {e}");
                    }
                    continue;
                }
            };
            for w in &input.warnings {
                eprintln!("warning: {}: {w}", input.record);
            }
            let record_name = input.record.clone();
            let doc = input.into_doc();
            match store.add_document(&doc, &record_name) {
                Ok(Added::Queued { .. }) => t.stored += 1,
                Ok(Added::Duplicate { .. }) => t.duplicates += 1,
                Err(e) => {
                    t.failed += 1;
                    eprintln!("failed: {record_name}: {e}");
                }
            }
        }
        Ok(())
    }

    fn default_name() -> String {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_else(|| "host".into());
        let t = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        format!("{host}:{}:{t}", std::process::id())
    }

    /// Renews this worker's leases from its own connection until dropped.
    struct Heartbeat {
        stop: Arc<AtomicBool>,
        handle: Option<thread::JoinHandle<()>>,
    }

    impl Heartbeat {
        fn start(url: &str, worker: &str, lease: Duration) -> Result<Heartbeat> {
            let mut store = connect(url)?;
            let stop = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&stop);
            let worker = worker.to_string();
            let every = (lease / 3).max(Duration::from_millis(100));
            let handle = thread::spawn(move || {
                let mut next = Instant::now() + every;
                while !flag.load(Ordering::Relaxed) {
                    thread::sleep(Duration::from_millis(50).min(every));
                    if Instant::now() < next {
                        continue;
                    }
                    next = Instant::now() + every;
                    if let Err(e) = store.heartbeat(&worker, lease) {
                        eprintln!("worker {worker}: heartbeat failed: {e}");
                    }
                }
            });
            Ok(Heartbeat {
                stop,
                handle: Some(handle),
            })
        }
    }

    impl Drop for Heartbeat {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::Relaxed);
            if let Some(h) = self.handle.take() {
                let _ = h.join();
            }
        }
    }

    fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    }

    /// `sitrep worker`.
    pub fn run(args: Args) -> Result<ExitCode> {
        let mut store = connect(&args.db)?;
        if args.status {
            let q = store.queue_counts()?;
            println!(
                "jobs: {} queued, {} running, {} done, {} failed",
                q.queued, q.running, q.done, q.failed
            );
            return Ok(ExitCode::SUCCESS);
        }
        if args.retry_failed {
            let n = store.retry_failed()?;
            eprintln!("worker: {n} failed jobs queued again");
            return Ok(ExitCode::SUCCESS);
        }
        if !args.enqueue.is_empty() {
            for source in &args.enqueue {
                let id = store.enqueue_source(source)?;
                eprintln!("worker: queued ingest job {id} for {source}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        if !(args.lease.is_finite() && args.lease > 0.0) {
            bail!("--lease must be a positive number of seconds");
        }
        let lease = Duration::from_secs_f64(args.lease);
        let batch = args.batch.max(1);
        let name = args.name.clone().unwrap_or_else(default_name);
        let started = SystemTime::now();
        let _heartbeat = Heartbeat::start(&args.db, &name, lease)?;
        // Loaded on the first analysis job: an idle worker never pays for it.
        let mut pipeline: Option<Pipeline> = None;
        let mut t = Tally::default();
        let mut skipped = 0u64;
        let mut idle_since = Instant::now();
        let mut pause = Duration::from_millis(100);
        // Whether documents this worker analysed may still be unlinked.
        let mut owed = false;
        // Documents analysed since this worker last linked.
        let mut since_link = 0u64;
        eprintln!("worker {name}: claiming jobs from {}", redact(&args.db));
        loop {
            let jobs = store.claim(&name, batch, lease).context("claiming jobs")?;
            if jobs.is_empty() {
                // Idle: link what is owed, and also analysed documents no
                // one linked (a worker that died between its analysis and
                // its link run), so nothing stays unlinked.
                if !args.no_link && (owed || since_link > 0 || unlinked_analyses(&mut store)?) {
                    owed = link_owed(&mut store, &name, false, &mut t);
                    since_link = 0;
                }
                if args.once {
                    break;
                }
                if let Some(secs) = args.idle_exit {
                    if idle_since.elapsed().as_secs_f64() >= secs {
                        break;
                    }
                }
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(2));
                continue;
            }
            pause = Duration::from_millis(100);
            let analysed_before = t.analysed;
            for job in &jobs {
                match &job.kind {
                    JobKind::Analyse { document } => {
                        let p = match &mut pipeline {
                            Some(p) => p,
                            None => pipeline.insert(
                                Pipeline::load_default()
                                    .context("loading the analysis pipeline")?,
                            ),
                        };
                        analyse(&mut store, p, job, *document, &mut t)?;
                    }
                    JobKind::Ingest { source } => {
                        let opts = sitrep_ingest::ReadOptions::default();
                        let inputs = [PathBuf::from(source)];
                        let before = (t.stored, t.duplicates, t.failed);
                        read_into(&mut store, &inputs, &opts, &mut t, &mut skipped)?;
                        let read =
                            t.stored + t.duplicates + t.failed - before.0 - before.1 - before.2;
                        if read == 0 && t.failed > before.2 {
                            record_failure(&mut store, job, "no record could be read", &mut t)?;
                        } else if store.complete(job)? {
                            t.ingested += 1;
                        } else {
                            t.lost += 1;
                        }
                    }
                }
            }
            since_link += t.analysed - analysed_before;
            if !args.no_link && args.link_every > 0 && since_link >= args.link_every {
                owed = link_owed(&mut store, &name, false, &mut t);
                since_link = 0;
            }
            idle_since = Instant::now();
            if args.once {
                break;
            }
        }
        if !args.no_link && (owed || since_link > 0) {
            // Leave nothing of ours unlinked: wait for the current linker.
            link_owed(&mut store, &name, true, &mut t);
        }
        let detail = format!(
            "worker {name}: {} analysed, {} linked, {} ingest jobs ({} documents stored), {} lost leases, {} requeued; pipeline: {}",
            t.analysed,
            t.linked,
            t.ingested,
            t.stored,
            t.lost,
            t.requeued,
            sitrep_store::PIPELINE_VERSION
        );
        store
            .log_run(&Run {
                command: "worker".into(),
                detail: detail.clone(),
                started,
                stored: t.analysed + t.stored,
                duplicates: t.duplicates,
                skipped,
                failed: t.failed,
            })
            .context("writing the audit log")?;
        eprintln!("{detail}, {} failed", t.failed);
        Ok(if t.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    /// Analyse one claimed document and commit (or record the failure).
    fn analyse(
        store: &mut PgStore,
        pipeline: &Pipeline,
        job: &Job,
        document: i64,
        t: &mut Tally,
    ) -> Result<()> {
        let doc = match store.document(document) {
            Ok(d) => d,
            Err(e) => return record_failure(store, job, &e.to_string(), t),
        };
        let report = match catch_unwind(AssertUnwindSafe(|| pipeline.report(&doc))) {
            Ok(r) => r,
            Err(p) => {
                let msg = format!("analysis panicked: {}", panic_message(p.as_ref()));
                return record_failure(store, job, &msg, t);
            }
        };
        match store.complete_analysis(job, document, &report) {
            Ok(Completion::Done { .. }) => t.analysed += 1,
            Ok(Completion::Lost) => {
                t.lost += 1;
                eprintln!(
                    "worker {}: lost the lease on job {} (document {}); another worker has it",
                    job.worker, job.id, doc.id
                );
            }
            Err(e) => return record_failure(store, job, &e.to_string(), t),
        }
        Ok(())
    }

    fn record_failure(store: &mut PgStore, job: &Job, error: &str, t: &mut Tally) -> Result<()> {
        eprintln!("worker {}: job {} failed: {error}", job.worker, job.id);
        match store.fail(job, error)? {
            Failed::Requeued => t.requeued += 1,
            Failed::Failed => t.failed += 1,
            Failed::Lost => t.lost += 1,
        }
        Ok(())
    }
}
