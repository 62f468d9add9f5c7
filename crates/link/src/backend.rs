//! The storage contract of linking: what [`crate::linking`] reads and writes,
//! with no SQL in it.
//!
//! Owns the [`LinkBackend`] / [`LinkTx`] traits and the plain row types that
//! cross them. The SQLite implementation is [`crate::store`]; the PostgreSQL
//! one is `crate::pg` (feature `postgres`). Implementations hold SQL only:
//! every linking decision (scores, joins, merges, splits, grades) is made in
//! [`crate::linking`], so both databases link the same documents the same way.
//! This file must not know about any particular database.
//!
//! Semantics every implementation keeps:
//! - one [`LinkTx`] is one database transaction; nothing is visible to other
//!   connections before [`LinkTx::commit`], and dropping it uncommitted rolls
//!   everything back (an interrupted run leaves nothing half-linked);
//! - two link transactions must not run at once on one database (SQLite:
//!   `BEGIN IMMEDIATE`; PostgreSQL: an advisory transaction lock taken in
//!   [`LinkBackend::begin`]);
//! - ids are the store's `documents.id` and `incidents.id`; event numbers are
//!   `events.idx` (the index in the analysis `events` array).

use chrono::NaiveDate;

use crate::score::Sig;
use crate::Error;

/// A stored document as linking reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocRow {
    pub id: i64,
    /// `documents.text` (fingerprinted for near duplicates). May be empty
    /// when the document already has a `simhash` and is only being regraded.
    pub text: String,
    pub outlet: Option<String>,
    /// `documents.published` as stored (ISO date or date-time).
    pub published: Option<String>,
    pub duplicate_of: Option<i64>,
    /// The latest analysis JSON of the document (`analyses.report`, newest
    /// `analysed_at`), or `None` when it has none. Only its `events` and
    /// `claims` keys are read, so a backend may return just those two.
    pub report: Option<String>,
}

/// A stored document whose SimHash shares a band with the one being linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandHit {
    pub document: i64,
    pub simhash: Option<i64>,
    pub duplicate_of: Option<i64>,
}

/// Where to look for candidate incidents of one event signature.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateQuery {
    /// `None`: the event has no date; match incidents with `event_date IS
    /// NULL` and `country = country` (both required).
    pub date: Option<DateWindow>,
    /// ISO country code; `None` matches every country.
    pub country: Option<String>,
    /// Latitude/longitude box; `None` when the event's place is coarse.
    pub bbox: Option<BBox>,
    /// The event's ACLED event type and PLOVER event. Only incidents whose
    /// type could be compatible are returned (a necessary condition of
    /// `score::type_score`): the same non-empty `event_type`, the same
    /// non-empty `plover_event`, or both `event_type`s empty (PLOVER
    /// families are decided in Rust). Without it every placeless incident of
    /// the date window was scored against every event.
    pub event_type: String,
    pub plover_event: String,
    /// When set, a candidate whose pair with the event would be *coarse*
    /// must share an actor root with it (see [`ActorFilter`]).
    pub actors: Option<ActorFilter>,
}

/// A necessary condition of `score::Score::joins` for coarse pairs: when
/// either place is only a country or unknown, a join needs agreeing actors
/// (`actors > 0`), which needs some actor of the incident to share its
/// 3-letter root with an actor of the event, or to have an unknown country
/// (`---`). Candidates pass when the pair is not coarse (the same
/// `geonameid`, or both places finer than a country) or when an actor root
/// matches. The query carries no filter (`None`) when the event itself has
/// an actor of unknown country, which may agree with any root. Without it
/// every placeless incident of the date window was scored.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorFilter {
    /// The event's place; an incident at the same place is never coarse.
    pub geonameid: Option<i64>,
    /// The event has a country and a place finer than it (`where_prec < 6`).
    pub fine_place: bool,
    /// The 3-letter roots of the event's actor1 and actor2.
    pub roots: [Option<String>; 2],
}

/// Dates of candidate incidents (all bounds inclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateWindow {
    /// The wide window: `event_date BETWEEN from AND to`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Incidents of day or week precision (`time_precision < 3`) must lie in
    /// `near_from..=near_to` unless the event itself is month-precise
    /// (`event_time_precision >= 3`).
    pub near_from: NaiveDate,
    pub near_to: NaiveDate,
    pub event_time_precision: u8,
}

/// A lat/lon box: incidents with a point outside it are not candidates,
/// unless their `lat` is NULL or their `where_prec >= 4` (coarse places).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub lat_lo: f64,
    pub lat_hi: f64,
    pub lon_lo: f64,
    pub lon_hi: f64,
}

/// A row of `incident_events`.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub incident: i64,
    pub document: i64,
    pub event: i64,
    pub score: f64,
    pub reason: String,
}

/// A row of `link_decisions` (`decided_at` is set by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    /// `None` for `skip`.
    pub incident: Option<i64>,
    pub document: Option<i64>,
    pub event: Option<i64>,
    /// `new`, `join`, `skip`, `merge` or `split`.
    pub decision: String,
    /// JSON text.
    pub detail: String,
    pub decided_at: String,
}

/// The founding facts of a new incident that the signature does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident<'a> {
    pub sig: &'a Sig,
    pub plover_mode: Option<&'a str>,
    pub cameo: &'a str,
    pub at: &'a str,
}

/// The columns of `incidents` that grading writes (ACLED names).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GradeRow {
    pub actor1_name: Option<String>,
    pub actor2_name: Option<String>,
    pub assoc_actor_1: Option<String>,
    pub assoc_actor_2: Option<String>,
    pub inter1: Option<u8>,
    pub inter2: Option<u8>,
    pub interaction: Option<u32>,
    pub place_name: Option<String>,
    pub fatalities: Option<(u32, u32, u32)>,
    pub injured: Option<(u32, u32, u32)>,
    pub civilian_targeting: bool,
    pub factuality: String,
    pub grade: String,
    pub perpetrator_grade: Option<String>,
    pub fatalities_grade: Option<String>,
    /// JSON text.
    pub grade_inputs: String,
    pub reports: i64,
    pub origins: i64,
    pub source: Option<String>,
    pub source_scale: Option<String>,
    pub notes: String,
    pub updated_at: String,
}

/// One row of `link_decisions` joined with `incident_events` for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub decision: String,
    pub document: Option<i64>,
    pub event: Option<i64>,
    pub detail: String,
    pub reason: Option<String>,
    pub score: Option<f64>,
}

/// A database linking can run on.
pub trait LinkBackend {
    type Tx<'a>: LinkTx
    where
        Self: 'a;
    /// Start the one link transaction (exclusive among linkers).
    fn begin(&mut self) -> Result<Self::Tx<'_>, Error>;
    /// Forget every link in one transaction: delete all `incident_events`,
    /// `link_decisions`, `incidents`, `simhash_bands`, and set
    /// `documents.linked_at`, `duplicate_of`, `simhash` to NULL.
    fn clear(&mut self) -> Result<(), Error>;
    /// The decisions recorded for one incident, oldest first (by
    /// `link_decisions.id`), each with the `reason`/`score` of its
    /// `incident_events` row (document, event) if any (LEFT JOIN).
    fn explain(&mut self, incident: i64) -> Result<Vec<Decision>, Error>;
}

/// One link transaction. Methods are called many times per run: implement
/// them with prepared (cached) statements.
pub trait LinkTx {
    /// Insert the outlet table (`outlets`: name, kind, country), ignoring
    /// names already present.
    fn write_outlets(&mut self, rows: &[(String, String, Option<String>)]) -> Result<(), Error>;
    /// Ids of documents with `linked_at IS NULL`, ordered by `published IS
    /// NULL, published, id` (dated documents first, oldest first).
    fn pending(&mut self) -> Result<Vec<i64>, Error>;
    /// The documents with these ids (any order; missing ids are left out).
    /// `with_text`: whether [`DocRow::text`] is needed (else empty);
    /// `with_report`: whether [`DocRow::report`] is needed (else `None`).
    fn docs(
        &mut self,
        ids: &[i64],
        with_text: bool,
        with_report: bool,
    ) -> Result<Vec<DocRow>, Error>;
    /// Documents (other than `exclude`) with `simhash_bands` row
    /// `(band, values[band])` for any band, with their `simhash` and
    /// `duplicate_of`. Duplicates in the result are allowed.
    fn band_hits(&mut self, values: &[i64], exclude: i64) -> Result<Vec<BandHit>, Error>;
    /// Set `documents.simhash` and `duplicate_of`; when `band` is true also
    /// insert `(band, values[band], doc)` into `simhash_bands` (ignore
    /// existing rows).
    fn set_simhash(
        &mut self,
        doc: i64,
        simhash: i64,
        duplicate_of: Option<i64>,
        values: &[i64],
        band: bool,
    ) -> Result<(), Error>;
    /// `(event, incident)` of every `incident_events` row of a document.
    fn doc_members(&mut self, doc: i64) -> Result<Vec<(i64, i64)>, Error>;
    /// Ids of incidents matching the query (see [`CandidateQuery`]), any order.
    fn candidates(&mut self, q: &CandidateQuery) -> Result<Vec<i64>, Error>;
    /// The signature of one incident (`Sig::doc` empty), `None` if no such
    /// incident. Columns: event_type, sub_event_type, plover_event,
    /// actor1_code, actor2_code, geonameid, country, admin1, lat, lon,
    /// geo_precision (NULL→3), where_prec (NULL→7), event_date,
    /// time_precision (NULL→3), date_fallback, trigger_text (NULL→""),
    /// factuality (stored name, see [`crate::linking::factuality_from`]).
    fn incident_sig(&mut self, id: i64) -> Result<Option<Sig>, Error>;
    /// Insert an incident (grade `weak`, grade_inputs `{}`, reports and
    /// origins 0, created_at = updated_at = `at`) with the signature columns
    /// of `n.sig` (as [`LinkTx::write_sig`]), `plover_mode`, `cameo`; return its id.
    fn new_incident(&mut self, n: &NewIncident<'_>) -> Result<i64, Error>;
    /// Update the signature columns of an incident (event_type,
    /// sub_event_type, actor1_code, actor2_code, geonameid, country, admin1,
    /// lat, lon, geo_precision, where_prec, event_date (ISO), time_precision,
    /// date_fallback, factuality).
    fn write_sig(&mut self, id: i64, s: &Sig) -> Result<(), Error>;
    /// Insert or replace the `incident_events` row keyed by (document, event).
    fn put_member(&mut self, m: &Member) -> Result<(), Error>;
    /// Append a `link_decisions` row.
    fn decide(&mut self, d: &DecisionRow) -> Result<(), Error>;
    /// Set `documents.linked_at = at`.
    fn mark_linked(&mut self, doc: i64, at: &str) -> Result<(), Error>;
    /// `(document, event)` of every member of an incident, ordered by
    /// document, event.
    fn members(&mut self, incident: i64) -> Result<Vec<(i64, i64)>, Error>;
    /// Move every member of incident `from` to incident `to` (`UPDATE
    /// incident_events SET incident = to WHERE incident = from`).
    fn move_members(&mut self, from: i64, to: i64) -> Result<(), Error>;
    /// Move one member `(document, event)` to `incident`.
    fn move_member(&mut self, document: i64, event: i64, incident: i64) -> Result<(), Error>;
    /// Delete an incident row (its members were moved first). Its decisions
    /// stay (they are history; `merge` decisions name it).
    fn delete_incident(&mut self, id: i64) -> Result<(), Error>;
    /// Ids of every incident, ascending (for `--relink` style checks).
    fn incident_ids(&mut self) -> Result<Vec<i64>, Error>;
    /// Update the graded columns of an incident.
    fn write_grade(&mut self, id: i64, g: &GradeRow) -> Result<(), Error>;
    /// Commit the transaction.
    fn commit(self) -> Result<(), Error>
    where
        Self: Sized;
}
