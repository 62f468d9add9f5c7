//! The store on PostgreSQL, for teams: the same tables as the SQLite store,
//! plus the job queue that `sitrep worker` processes claim from.
//!
//! Behind the `postgres` feature. [`PgStore::connect`] opens a connection
//! (`postgres://user@host:port/db`, libpq-style URLs and key=value strings;
//! no TLS) and applies the migrations in `src/migrations/pg/` that the
//! database has not seen, each in its own transaction under an advisory lock,
//! so several processes may start at once. The tables mirror the SQLite
//! schema column for column (BIGINT for integers, BOOLEAN for flags,
//! TIMESTAMPTZ for times, JSONB for JSON); full-text search is the
//! `documents.fts` tsvector (diacritics folded before indexing) with a GIN
//! index instead of FTS5.
//!
//! Documents are keyed by [`crate::content_hash`], as in SQLite.
//! [`PgStore::add_document`] stores a raw document and queues one `analyse`
//! job for it in one transaction; a text already stored adds nothing. The
//! queue (the `jobs` table) is what makes several workers on several machines
//! safe:
//!
//! # The queue
//! - [`PgStore::claim`] takes up to `n` jobs in one statement:
//!   `UPDATE jobs … WHERE id IN (SELECT id … FOR UPDATE SKIP LOCKED LIMIT n)`.
//!   Rows another transaction is claiming are skipped, not waited for, so two
//!   workers never get the same job. Each claim increments `attempts` and sets
//!   `worker` and a lease (`lease_until`).
//! - [`PgStore::complete_analysis`] writes the analysis and its flat rows and
//!   marks the job `done` in one transaction, but only if the job is still
//!   `running` under the same `worker` and `attempts` (a fencing token). A
//!   worker whose lease expired and whose job was claimed by another gets
//!   [`Completion::Lost`] and its transaction is rolled back: a document's
//!   analysis is committed once.
//! - [`PgStore::heartbeat`] extends the leases of a live worker's jobs. A job
//!   whose lease ran out (the worker crashed or hung) is claimable again; after
//!   `max_attempts` claims it is `failed` instead.
//! - [`PgStore::fail`] records the error; the job returns to the queue until
//!   it has used up its attempts, then stays `failed` with its error and count.
//!
//! This module owns the Postgres side only; it must not touch the SQLite
//! store (`lib.rs`, `rows.rs`, `schema.rs`), whose tables it mirrors.

mod rows;
pub mod scratch;
#[cfg(test)]
mod tests;

use std::time::{Duration, SystemTime};

use postgres::{Client, NoTls};
use sitrep_analyze::Report;
use sitrep_core::{Doc, DocMeta};
use thiserror::Error;

use crate::{content_hash, Counts, Hit, Put, Rows, Run};

/// Every Postgres migration, in order; migration `n` is `MIGRATIONS[n - 1]`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/pg/0001_init.sql"),
    include_str!("../migrations/pg/0002_incidents.sql"),
    include_str!("../migrations/pg/0003_jobs.sql"),
    include_str!("../migrations/pg/0004_event_details.sql"),
];

/// The advisory lock that serialises migrations across processes.
const MIGRATION_LOCK: i64 = 0x5349_5452_4550; // "SITREP"

/// Why a Postgres store operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PgError {
    /// Connecting failed (the URL is shown without its password).
    #[error("cannot connect to {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: postgres::Error,
    },
    /// A migration failed; the database is left at the previous version.
    #[error("postgres migration {version} failed: {source}")]
    Migration {
        version: u32,
        #[source]
        source: postgres::Error,
    },
    /// The database was migrated by a newer sitrep than this one.
    #[error("database schema version {found} is newer than this sitrep knows ({known})")]
    TooNew { found: u32, known: u32 },
    /// The report could not be turned into JSON.
    #[error("serialising the analysis of {doc_id}: {source}")]
    Json {
        doc_id: String,
        #[source]
        source: serde_json::Error,
    },
    /// Writing one document failed; nothing of it was kept.
    #[error("storing {doc_id}: {source}")]
    Write {
        doc_id: String,
        #[source]
        source: postgres::Error,
    },
    /// A job names a document row that does not exist.
    #[error("document row {0} not found")]
    NoDocument(i64),
    /// Any other database error.
    #[error(transparent)]
    Postgres(#[from] postgres::Error),
}

/// What [`PgStore::add_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Stored as row `id`, with analysis job `job` queued.
    Queued { id: i64, job: i64 },
    /// The same text is already stored under row `id`; nothing was written.
    Duplicate { id: i64 },
}

/// What a job asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// Analyse document row `document` and write its rows.
    Analyse { document: i64 },
    /// Read `source` (a path or URL), store its documents and queue them.
    Ingest { source: String },
}

/// A claimed job. `worker` and `attempts` together are the claim's fencing
/// token: only they can complete or fail it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    /// Claims so far, this one included.
    pub attempts: i64,
    pub worker: String,
}

/// How [`PgStore::complete_analysis`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Committed: the analysis and its rows (zero rows when an analysis by
    /// this pipeline version was already stored) and the job marked done.
    Done { rows: Rows },
    /// The job is no longer ours (the lease expired and another worker
    /// claimed it, or it was finished): nothing was written.
    Lost,
}

/// Where a failed job went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// Back in the queue for another attempt.
    Requeued,
    /// Out of attempts: stays `failed`.
    Failed,
    /// The job was no longer ours; nothing changed.
    Lost,
}

/// Jobs by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueCounts {
    pub queued: u64,
    pub running: u64,
    pub done: u64,
    pub failed: u64,
}

/// An open connection to a PostgreSQL incident database.
pub struct PgStore {
    client: Client,
    pipeline_version: String,
}

/// `url` with the password (if any) replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &authority[..colon],
            &rest[at..]
        ),
        _ => url.to_string(),
    }
}

/// `url` with `search_path` set to `schema`, so several stores can share one
/// database (tests, staging). The schema must exist.
pub fn with_search_path(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Fold diacritics and other non-ASCII letters (`Ḩalab` → `Halab`) so that
/// the index and the queries agree.
fn fold(text: &str) -> String {
    deunicode::deunicode(text)
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl PgStore {
    /// Connect and apply any migrations the database has not seen.
    pub fn connect(url: &str) -> Result<PgStore, PgError> {
        let mut client = Client::connect(url, NoTls).map_err(|source| PgError::Connect {
            url: redact(url),
            source,
        })?;
        migrate(&mut client)?;
        Ok(PgStore {
            client,
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
        })
    }

    /// Record analyses under this pipeline version from now on.
    pub fn set_pipeline_version(&mut self, version: impl Into<String>) {
        self.pipeline_version = version.into();
    }

    /// The schema version of the database.
    pub fn schema_version(&mut self) -> Result<u32, PgError> {
        version(&mut self.client)
    }

    /// Row id of the document whose text has this [`content_hash`], if stored.
    pub fn find(&mut self, hash: &str) -> Result<Option<i64>, PgError> {
        let row = self
            .client
            .query_opt("SELECT id FROM documents WHERE content_hash = $1", &[&hash])?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Insert the document row unless its text is stored; `Ok(None)` for a
    /// duplicate (whose id is then looked up by the caller).
    fn insert_document(
        tx: &mut postgres::Transaction<'_>,
        doc: &Doc,
        record: &str,
        hash: &str,
    ) -> Result<Option<i64>, postgres::Error> {
        let searchable = fold(&format!(
            "{} {}",
            doc.meta.title.as_deref().unwrap_or(""),
            doc.text
        ));
        let row = tx.query_opt(
            "INSERT INTO documents
                 (content_hash, doc_id, record, title, url, outlet, published, text, fts)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_tsvector('simple', $9))
             ON CONFLICT (content_hash) DO NOTHING
             RETURNING id",
            &[
                &hash,
                &doc.id,
                &record,
                &doc.meta.title,
                &doc.meta.url,
                &doc.meta.outlet,
                &doc.meta.published.map(|d| d.to_string()),
                &doc.text,
                &searchable,
            ],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    fn existing(tx: &mut postgres::Transaction<'_>, hash: &str) -> Result<i64, postgres::Error> {
        let row = tx.query_one("SELECT id FROM documents WHERE content_hash = $1", &[&hash])?;
        Ok(row.get(0))
    }

    /// Store a raw document and queue its analysis, in one transaction.
    ///
    /// `record` names where it was read from (`batch.jsonl:3`). A text
    /// already stored gives [`Added::Duplicate`] and changes nothing, even
    /// when another process adds the same text at the same moment.
    pub fn add_document(&mut self, doc: &Doc, record: &str) -> Result<Added, PgError> {
        let hash = content_hash(&doc.text);
        let write = |source| PgError::Write {
            doc_id: doc.id.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(write)?;
        let Some(id) = Self::insert_document(&mut tx, doc, record, &hash).map_err(write)? else {
            let id = Self::existing(&mut tx, &hash).map_err(write)?;
            return Ok(Added::Duplicate { id });
        };
        let job: i64 = tx
            .query_one(
                "INSERT INTO jobs (kind, document) VALUES ('analyse', $1) RETURNING id",
                &[&id],
            )
            .map_err(write)?
            .get(0);
        tx.commit().map_err(write)?;
        Ok(Added::Queued { id, job })
    }

    /// Store a document with its analysis at once (no job), like the SQLite
    /// store's `put`. A text already stored gives [`Put::Duplicate`].
    pub fn put(&mut self, doc: &Doc, record: &str, report: &Report) -> Result<Put, PgError> {
        let hash = content_hash(&doc.text);
        let json = serde_json::to_string(report).map_err(|source| PgError::Json {
            doc_id: doc.id.clone(),
            source,
        })?;
        let write = |source| PgError::Write {
            doc_id: doc.id.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(write)?;
        let Some(id) = Self::insert_document(&mut tx, doc, record, &hash).map_err(write)? else {
            let id = Self::existing(&mut tx, &hash).map_err(write)?;
            return Ok(Put::Duplicate { id });
        };
        let rows = write_analysis(&mut tx, id, &self.pipeline_version, &json, report)
            .map_err(write)?
            .unwrap_or_default();
        tx.commit().map_err(write)?;
        Ok(Put::Stored { id, rows })
    }

    /// Queue an `ingest` job for `source` (a path or URL that the workers
    /// can read). Returns the job id.
    pub fn enqueue_source(&mut self, source: &str) -> Result<i64, PgError> {
        let row = self.client.query_one(
            "INSERT INTO jobs (kind, source) VALUES ('ingest', $1) RETURNING id",
            &[&source],
        )?;
        Ok(row.get(0))
    }

    /// Claim up to `n` jobs for `worker`, each with a lease of `lease`.
    ///
    /// Jobs whose lease ran out are claimable again (the error notes whose
    /// lease expired); those that used up `max_attempts` become `failed`
    /// first. Oldest jobs first. Never returns a job another live claim holds.
    pub fn claim(&mut self, worker: &str, n: usize, lease: Duration) -> Result<Vec<Job>, PgError> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let secs = lease.as_secs_f64();
        self.client.execute(
            "UPDATE jobs
             SET state = 'failed', finished_at = now(), lease_until = NULL,
                 error = coalesce(error || '; ', '')
                         || 'lease of ' || coalesce(worker, '?') || ' expired on attempt ' || attempts
             WHERE id IN (SELECT id FROM jobs
                          WHERE state = 'running' AND lease_until < now()
                            AND attempts >= max_attempts
                          FOR UPDATE SKIP LOCKED)",
            &[],
        )?;
        let rows = self.client.query(
            "UPDATE jobs
             SET state = 'running', worker = $1, attempts = attempts + 1,
                 lease_until = now() + make_interval(secs => $2), started_at = now(),
                 error = CASE WHEN state = 'running'
                              THEN coalesce(error || '; ', '')
                                   || 'lease of ' || coalesce(worker, '?') || ' expired'
                              ELSE error END
             WHERE id IN (SELECT id FROM jobs
                          WHERE (state = 'queued' OR (state = 'running' AND lease_until < now()))
                            AND attempts < max_attempts
                          ORDER BY id
                          FOR UPDATE SKIP LOCKED
                          LIMIT $3)
             RETURNING id, kind, document, source, attempts",
            &[&worker, &secs, &n],
        )?;
        let mut jobs: Vec<Job> = rows
            .iter()
            .map(|r| {
                let kind: String = r.get(1);
                let kind = match (kind.as_str(), r.get::<_, Option<i64>>(2)) {
                    ("analyse", Some(document)) => JobKind::Analyse { document },
                    _ => JobKind::Ingest {
                        source: r.get::<_, Option<String>>(3).unwrap_or_default(),
                    },
                };
                Job {
                    id: r.get(0),
                    kind,
                    attempts: r.get(4),
                    worker: worker.to_string(),
                }
            })
            .collect();
        jobs.sort_by_key(|j| j.id);
        Ok(jobs)
    }

    /// Extend the leases of every job `worker` holds. Returns how many.
    pub fn heartbeat(&mut self, worker: &str, lease: Duration) -> Result<u64, PgError> {
        Ok(self.client.execute(
            "UPDATE jobs SET lease_until = now() + make_interval(secs => $2)
             WHERE worker = $1 AND state = 'running'",
            &[&worker, &lease.as_secs_f64()],
        )?)
    }

    /// The stored document of row `id`, as the pipeline takes it.
    pub fn document(&mut self, id: i64) -> Result<Doc, PgError> {
        let row = self
            .client
            .query_opt(
                "SELECT doc_id, text, title, url, outlet, published FROM documents WHERE id = $1",
                &[&id],
            )?
            .ok_or(PgError::NoDocument(id))?;
        let published: Option<String> = row.get(5);
        let meta = DocMeta {
            published: published.and_then(|p| p.parse().ok()),
            title: row.get(2),
            url: row.get(3),
            outlet: row.get(4),
        };
        Ok(Doc::with_meta(
            row.get::<_, String>(0),
            row.get::<_, String>(1),
            meta,
        ))
    }

    /// Write the analysis of a claimed `analyse` job and mark it done, in one
    /// transaction, if the claim still holds (see the module docs).
    pub fn complete_analysis(
        &mut self,
        job: &Job,
        document: i64,
        report: &Report,
    ) -> Result<Completion, PgError> {
        let json = serde_json::to_string(report).map_err(|source| PgError::Json {
            doc_id: report.analysis.id.clone(),
            source,
        })?;
        let write = |source| PgError::Write {
            doc_id: report.analysis.id.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(write)?;
        // The row lock taken here is held to commit: a second claimant's
        // completion waits, then finds the job done and writes nothing.
        let held = tx
            .execute(
                "UPDATE jobs SET state = 'done', finished_at = now(), lease_until = NULL
                 WHERE id = $1 AND worker = $2 AND attempts = $3 AND state = 'running'",
                &[&job.id, &job.worker, &job.attempts],
            )
            .map_err(write)?;
        if held == 0 {
            tx.rollback().map_err(write)?;
            return Ok(Completion::Lost);
        }
        let rows = write_analysis(&mut tx, document, &self.pipeline_version, &json, report)
            .map_err(write)?
            .unwrap_or_default();
        tx.commit().map_err(write)?;
        Ok(Completion::Done { rows })
    }

    /// Mark a claimed job done without writing anything else (ingest jobs,
    /// whose documents were added one by one). `false` if it was not ours.
    pub fn complete(&mut self, job: &Job) -> Result<bool, PgError> {
        let n = self.client.execute(
            "UPDATE jobs SET state = 'done', finished_at = now(), lease_until = NULL
             WHERE id = $1 AND worker = $2 AND attempts = $3 AND state = 'running'",
            &[&job.id, &job.worker, &job.attempts],
        )?;
        Ok(n == 1)
    }

    /// Record that a claimed job failed with `error`: back to the queue if it
    /// has attempts left, else `failed`. The error and attempt count stay.
    pub fn fail(&mut self, job: &Job, error: &str) -> Result<Failed, PgError> {
        let row = self.client.query_opt(
            "UPDATE jobs
             SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                 error = $4, lease_until = NULL, finished_at = now()
             WHERE id = $1 AND worker = $2 AND attempts = $3 AND state = 'running'
             RETURNING state",
            &[&job.id, &job.worker, &job.attempts, &error],
        )?;
        Ok(match row.map(|r| r.get::<_, String>(0)) {
            None => Failed::Lost,
            Some(s) if s == "failed" => Failed::Failed,
            Some(_) => Failed::Requeued,
        })
    }

    /// Put every `failed` job back in the queue with fresh attempts (the last
    /// error is kept until it succeeds). Returns how many.
    pub fn retry_failed(&mut self) -> Result<u64, PgError> {
        Ok(self.client.execute(
            "UPDATE jobs SET state = 'queued', attempts = 0, finished_at = NULL
             WHERE state = 'failed'",
            &[],
        )?)
    }

    /// Jobs by state.
    pub fn queue_counts(&mut self) -> Result<QueueCounts, PgError> {
        let mut c = QueueCounts::default();
        for r in self
            .client
            .query("SELECT state, count(*) FROM jobs GROUP BY state", &[])?
        {
            let n = count(r.get(1));
            match r.get::<_, &str>(0) {
                "queued" => c.queued = n,
                "running" => c.running = n,
                "done" => c.done = n,
                "failed" => c.failed = n,
                _ => {}
            }
        }
        Ok(c)
    }

    /// Rows in each table.
    pub fn counts(&mut self) -> Result<Counts, PgError> {
        let r = self.client.query_one(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM analyses),
                    (SELECT count(*) FROM events), (SELECT count(*) FROM claims),
                    (SELECT count(*) FROM places), (SELECT count(*) FROM actors),
                    (SELECT count(*) FROM audit_log)",
            &[],
        )?;
        Ok(Counts {
            documents: count(r.get(0)),
            analyses: count(r.get(1)),
            events: count(r.get(2)),
            claims: count(r.get(3)),
            places: count(r.get(4)),
            actors: count(r.get(5)),
            audit_log: count(r.get(6)),
        })
    }

    /// Full-text search over titles and texts (web-search syntax: words,
    /// `"phrases"`, `or`, `-word`; diacritics folded), best matches first.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, PgError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.client.query(
            "SELECT d.id, d.doc_id, d.title,
                    ts_headline('simple', d.text, q,
                                'StartSel=[, StopSel=], MaxWords=14, MinWords=6')
             FROM documents d, websearch_to_tsquery('simple', $1) q
             WHERE d.fts @@ q
             ORDER BY ts_rank(d.fts, q) DESC, d.id
             LIMIT $2",
            &[&fold(query), &limit],
        )?;
        Ok(rows
            .iter()
            .map(|r| Hit {
                id: r.get(0),
                doc_id: r.get(1),
                title: r.get(2),
                snippet: r.get(3),
            })
            .collect())
    }

    /// Append one run to the audit log.
    pub fn log_run(&mut self, run: &Run) -> Result<(), PgError> {
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        self.client.execute(
            "INSERT INTO audit_log
                 (started_at, finished_at, command, detail, stored, duplicates, skipped, failed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &run.started,
                &SystemTime::now(),
                &run.command,
                &run.detail,
                &n(run.stored),
                &n(run.duplicates),
                &n(run.skipped),
                &n(run.failed),
            ],
        )?;
        Ok(())
    }

    /// The connection, for queries this API does not cover.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// Insert the analysis of document `id` and its flat rows, replacing the
/// flat rows of an older pipeline version. `None` when this pipeline
/// version's analysis was already stored (nothing written).
fn write_analysis(
    tx: &mut postgres::Transaction<'_>,
    id: i64,
    pipeline_version: &str,
    json: &str,
    report: &Report,
) -> Result<Option<Rows>, postgres::Error> {
    let inserted = tx.execute(
        "INSERT INTO analyses (document, pipeline_version, report)
         VALUES ($1, $2, CAST($3::text AS jsonb))
         ON CONFLICT DO NOTHING",
        &[&id, &pipeline_version, &json],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    for table in ["claim_events", "events", "claims", "places", "actors"] {
        tx.execute(&format!("DELETE FROM {table} WHERE document = $1"), &[&id])?;
    }
    rows::insert(tx, id, report).map(Some)
}

/// The highest applied migration (0 for a new database).
fn version(client: &mut Client) -> Result<u32, PgError> {
    let v: i64 = client
        .query_one(
            "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations",
            &[],
        )?
        .get(0);
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// The version a fully migrated database has.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}

/// Apply the migrations the database has not seen; returns how many ran.
/// Holds an advisory lock meanwhile, so concurrent starts apply each once.
pub fn migrate(client: &mut Client) -> Result<usize, PgError> {
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])?;
    let result = migrate_locked(client);
    let unlock = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]);
    let ran = result?;
    unlock?;
    Ok(ran)
}

fn migrate_locked(client: &mut Client) -> Result<usize, PgError> {
    client.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )?;
    let current = version(client)?;
    if current > latest() {
        return Err(PgError::TooNew {
            found: current,
            known: latest(),
        });
    }
    let mut ran = 0;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let v = i as u32 + 1;
        let fail = |source| PgError::Migration { version: v, source };
        let mut tx = client.transaction().map_err(fail)?;
        tx.batch_execute(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&i64::from(v)],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        ran += 1;
    }
    Ok(ran)
}
