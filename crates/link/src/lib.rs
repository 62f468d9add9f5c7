//! sitrep-link: events from many reports become incidents.
//!
//! Owns near-duplicate detection, cross-document incident linking, origin
//! counting and corroboration grades. Reads and writes the store's
//! `incidents`, `incident_events`, `link_decisions` tables (migration 2); it
//! never re-runs analysis. The linking logic ([`linking`]) runs over the
//! [`backend::LinkBackend`] trait: [`store`] is SQLite, `pg` PostgreSQL.

pub mod backend;
pub mod cluster;
pub mod conll;
pub mod ecb;
pub mod eval;
pub mod grade;
pub mod lexicon;
pub mod linking;
#[cfg(feature = "postgres")]
pub mod pg;
pub mod score;
pub mod simhash;
pub mod store;

use sitrep_store::Store;

pub use cluster::{cluster, cluster_explained, Mention};
pub use score::{score, Score, Sig};

/// Errors while linking.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
    #[error("linking: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An error of a non-SQLite backend (PostgreSQL), boxed.
    #[error("linking backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
    #[error("document {id}: stored analysis is not readable: {source}")]
    Report {
        id: i64,
        #[source]
        source: serde_json::Error,
    },
}

/// What one [`link_pending`] call did: documents read, how many of them were
/// near copies of an earlier one, incidents founded and incidents that gained
/// events (and were regraded).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LinkSummary {
    pub documents: u64,
    pub near_duplicates: u64,
    pub incidents_created: u64,
    pub incidents_updated: u64,
    /// Incidents merged into another (deleted) because one event bridged them.
    pub incidents_merged: u64,
    /// Incidents founded by splitting members out of an incident.
    pub incidents_split: u64,
}

/// Link every stored document not linked yet into incidents. Incremental and
/// idempotent: a second call with nothing new does nothing.
pub fn link_pending(store: &mut Store) -> Result<LinkSummary, Error> {
    linking::link_pending(&mut store::SqliteLink {
        conn: store.connection_mut(),
    })
}

pub use linking::Linker;

impl Linker {
    /// [`Linker::link_pending`] on the SQLite store.
    pub fn link_store(&mut self, store: &mut Store) -> Result<LinkSummary, Error> {
        self.link_pending(&mut store::SqliteLink {
            conn: store.connection_mut(),
        })
    }
}

/// Clear every incident and link mark, then link all documents again.
pub fn relink(store: &mut Store) -> Result<LinkSummary, Error> {
    linking::relink(&mut store::SqliteLink {
        conn: store.connection_mut(),
    })
}
