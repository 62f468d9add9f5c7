//! sitrep-store: the incident database, in SQLite.
//!
//! A [`Store`] is one SQLite file (WAL mode) holding every document that was
//! ingested, the full analysis of each, and the analysis flattened into
//! tables a person can query from `sqlite3` or Datasette: `events`,
//! `claims`, `claim_events`, `places`, `actors`, with character offsets into
//! `documents.text`. `documents_fts` is an FTS5 index over title and text
//! with diacritics folded; `audit_log` records each run and its counts. The
//! schema lives in `src/migrations/`, numbered, and [`Store::open`] applies
//! the ones a file has not seen yet, each exactly once.
//!
//! Documents are keyed by [`content_hash`]: the SHA-256 of the text with
//! runs of whitespace collapsed. [`Store::put`] of a text already stored
//! returns [`Put::Duplicate`] and writes nothing, so ingesting the same files
//! twice stores nothing new. Each document and all its rows are written in
//! one transaction ([`Store::put`]), or many documents in one
//! ([`Store::put_batch`], what `sitrep ingest` uses): a crash (even
//! `kill -9`) leaves either the whole batch or none of it, never part of a
//! document, and a rerun picks up where the last commit ended.
//!
//! Durability: the file runs in WAL mode with `synchronous = NORMAL`. A
//! committed batch survives a crash of the process (the WAL is written
//! before the commit returns); only a power cut or OS crash may lose the
//! last commits (never corrupting the file), because the WAL is not synced
//! at every commit. That trade buys a large part of the write speed.
//!
//! This crate owns persistence only: it reads no files, runs no analysis and
//! prints nothing. Incident tables (migration 2) are filled by sitrep-link;
//! the PostgreSQL store and its job queue are in the `postgres` module (feature
//! `postgres`).
//!
//! # Example
//!
//! ```
//! use sitrep_analyze::Report;
//! use sitrep_core::{Analysis, Doc};
//! use sitrep_store::{Put, Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let doc = Doc::new("a1", "Regime warplanes struck al-Bāb on Monday, activists said.");
//! let report = Report {
//!     analysis: Analysis { id: doc.id.clone(), ..Analysis::default() },
//!     incidents: vec![],
//!     claim_grades: vec![],
//! };
//! assert!(matches!(store.put(&doc, "batch.jsonl:1", &report)?, Put::Stored { .. }));
//! assert!(matches!(store.put(&doc, "batch.jsonl:9", &report)?, Put::Duplicate { .. }));
//! assert_eq!(store.counts()?.documents, 1);
//! assert_eq!(store.search("bab", 10)?[0].doc_id, "a1");
//! # Ok::<(), sitrep_store::Error>(())
//! ```

mod error;
mod flat;
#[cfg(feature = "postgres")]
pub mod postgres;
mod rows;
pub mod schema;

use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use sitrep_analyze::Report;
use sitrep_core::Doc;

pub use error::Error;

/// The pipeline version recorded with each analysis unless the caller sets
/// another with [`Store::set_pipeline_version`].
pub const PIPELINE_VERSION: &str = concat!("sitrep ", env!("CARGO_PKG_VERSION"));

/// What [`Store::put`] did with a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// Newly written, with the row id in `documents` and the rows written.
    Stored { id: i64, rows: Rows },
    /// The same text is already stored under row `id`; nothing was written.
    Duplicate { id: i64 },
}

/// Rows written for one document, by table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rows {
    pub events: usize,
    pub claims: usize,
    pub places: usize,
    pub actors: usize,
}

/// Rows in each table of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub documents: u64,
    pub analyses: u64,
    pub events: u64,
    pub claims: u64,
    pub places: u64,
    pub actors: u64,
    pub audit_log: u64,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Row id in `documents`.
    pub id: i64,
    /// The input's own id.
    pub doc_id: String,
    pub title: Option<String>,
    /// A few words around the match, the matches in `[…]`.
    pub snippet: String,
}

/// One document to store with [`Store::put_batch`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub doc: &'a Doc,
    /// Where it was read from (`batch.jsonl:3`).
    pub record: &'a str,
    pub report: &'a Report,
}

/// One run, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// What ran, e.g. `ingest`.
    pub command: String,
    /// Its arguments and anything else worth keeping.
    pub detail: String,
    pub started: SystemTime,
    pub stored: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub failed: u64,
}

/// An open incident database.
pub struct Store {
    conn: Connection,
    pipeline_version: String,
}

/// Collapse runs of whitespace to one space and trim, so that re-wrapped or
/// re-indented copies of one text hash the same.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key of a document: SHA-256 (hex) of its [`normalise`]d text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(normalise(text).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// SQLite integers are signed 64-bit; counts never come near the limit.
fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Now, as RFC 3339 in UTC with milliseconds.
fn timestamp(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Write one document and its rows inside an open transaction or savepoint.
fn put_one(conn: &Connection, pipeline_version: &str, entry: &Entry<'_>) -> Result<Put, Error> {
    let Entry {
        doc,
        record,
        report,
    } = *entry;
    let write = |source| Error::Write {
        doc_id: doc.id.clone(),
        source,
    };
    let hash = content_hash(&doc.text);
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")
        .and_then(|mut s| s.query_row([&hash], |r| r.get(0)).optional())
        .map_err(write)?;
    if let Some(id) = existing {
        return Ok(Put::Duplicate { id });
    }
    let json = serde_json::to_string(report).map_err(|source| Error::Json {
        doc_id: doc.id.clone(),
        source,
    })?;
    let now = timestamp(SystemTime::now());
    conn.prepare_cached(
        "INSERT INTO documents
             (content_hash, doc_id, record, title, url, outlet, published, text, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut s| {
        s.execute(params![
            hash,
            doc.id,
            record,
            doc.meta.title,
            doc.meta.url,
            doc.meta.outlet,
            doc.meta.published.map(|d| d.to_string()),
            doc.text,
            now,
        ])
    })
    .map_err(write)?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO analyses (document, pipeline_version, report, analysed_at)
         VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut s| s.execute(params![id, pipeline_version, json, now]))
    .map_err(write)?;
    let rows = rows::insert(conn, id, report).map_err(write)?;
    Ok(Put::Stored { id, rows })
}

impl Store {
    /// Open (or create) the database at `path`, switch it to WAL mode and
    /// apply any migrations it has not seen.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, Error> {
        let path = path.as_ref();
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, true)
    }

    /// A private in-memory database, for tests and examples.
    pub fn open_in_memory() -> Result<Store, Error> {
        Store::setup(Connection::open_in_memory()?, false)
    }

    fn setup(mut conn: Connection, wal: bool) -> Result<Store, Error> {
        conn.busy_timeout(Duration::from_secs(10))?;
        if wal {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::NoWal(mode));
            }
        }
        // In WAL mode NORMAL keeps every committed transaction across a
        // process crash; only a power cut may lose the last few.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            pipeline_version: PIPELINE_VERSION.to_string(),
        })
    }

    /// Record analyses under this pipeline version from now on.
    pub fn set_pipeline_version(&mut self, version: impl Into<String>) {
        self.pipeline_version = version.into();
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, Error> {
        schema::version(&self.conn)
    }

    /// Row id of the document whose text has this [`content_hash`], if stored.
    pub fn find(&self, hash: &str) -> Result<Option<i64>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?;
        Ok(stmt.query_row([hash], |r| r.get(0)).optional()?)
    }

    /// Store a document and its analysis, all rows in one transaction.
    ///
    /// `record` names where it was read from (`batch.jsonl:3`). A text
    /// already stored gives [`Put::Duplicate`] and changes nothing.
    pub fn put(&mut self, doc: &Doc, record: &str, report: &Report) -> Result<Put, Error> {
        let entry = Entry {
            doc,
            record,
            report,
        };
        let write = |source| Error::Write {
            doc_id: doc.id.clone(),
            source,
        };
        // IMMEDIATE takes the write lock up front, so the duplicate check and
        // the insert see the same database even with another writer around.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(write)?;
        let put = put_one(&tx, &self.pipeline_version, &entry)?;
        tx.commit().map_err(write)?;
        Ok(put)
    }

    /// Store many documents in one transaction: the batch is committed
    /// whole or not at all, so a crash loses at most the batch being written
    /// and never leaves part of a document. Within the batch each document
    /// is written under its own savepoint: one that fails (its rows rolled
    /// back) gives an `Err` in its slot and the others are still committed.
    /// Texts already stored, or repeated within the batch, give
    /// [`Put::Duplicate`]. Results are in the order of `entries`.
    ///
    /// The outer `Err` means the transaction itself could not begin or
    /// commit, and nothing of the batch was stored.
    pub fn put_batch(&mut self, entries: &[Entry<'_>]) -> Result<Vec<Result<Put, Error>>, Error> {
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            let mut sp = tx.savepoint()?;
            match put_one(&sp, &self.pipeline_version, entry) {
                Ok(put) => {
                    sp.commit()?;
                    out.push(Ok(put));
                }
                Err(e) => {
                    sp.rollback()?;
                    drop(sp);
                    out.push(Err(e));
                }
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Append one run to the audit log.
    pub fn log_run(&mut self, run: &Run) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO audit_log
                 (started_at, finished_at, command, detail, stored, duplicates, skipped, failed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                timestamp(run.started),
                timestamp(SystemTime::now()),
                run.command,
                run.detail,
                sql_int(run.stored),
                sql_int(run.duplicates),
                sql_int(run.skipped),
                sql_int(run.failed),
            ],
        )?;
        Ok(())
    }

    /// Rows in each table.
    pub fn counts(&self) -> Result<Counts, Error> {
        let n = |table: &str| -> Result<u64, Error> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            documents: n("documents")?,
            analyses: n("analyses")?,
            events: n("events")?,
            claims: n("claims")?,
            places: n("places")?,
            actors: n("actors")?,
            audit_log: n("audit_log")?,
        })
    }

    /// Full-text search over titles and texts (FTS5 query syntax, diacritics
    /// folded), best matches first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.doc_id, d.title,
                    snippet(documents_fts, 1, '[', ']', '…', 12)
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
             WHERE documents_fts MATCH ?1
             ORDER BY rank LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hits = stmt
            .query_map(params![query, limit], |r| {
                Ok(Hit {
                    id: r.get(0)?,
                    doc_id: r.get(1)?,
                    title: r.get(2)?,
                    snippet: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }

    /// Run `PRAGMA integrity_check`; `Ok` when SQLite answers `ok`.
    pub fn integrity_check(&self) -> Result<(), Error> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if lines.len() == 1 && lines[0] == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt(lines))
        }
    }

    /// The underlying connection, for queries this API does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
    /// The SQLite connection, for crates that own tables of their own
    /// (sitrep-link writes incidents through it, in its own transactions).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

#[cfg(test)]
mod tests;
