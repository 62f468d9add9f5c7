//! Incremental linking on any database: near duplicates, joining events to
//! incidents, and grading, over a [`LinkTx`].
//!
//! Owns every linking decision made on stored documents; holds no SQL (that
//! is [`crate::store`] for SQLite and `crate::pg` for PostgreSQL, behind
//! [`crate::backend`]). Scoring is [`crate::score`], grading
//! [`crate::grade`]: the same code as the in-memory [`crate::cluster`].
//!
//! Incremental: only documents not linked yet are read; each event is
//! compared only with incidents whose date lies within the widest window
//! (±62 days) and whose country agrees; only incidents that gained an event
//! are regraded. One transaction per call.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;
use sitrep_core::{Claim, Event, Factuality};

use crate::backend::{
    ActorFilter, BBox, CandidateQuery, DateWindow, DecisionRow, DocRow, GradeRow, LinkTx, Member,
    NewIncident,
};
use crate::grade::{grade, IncidentGrade, Parties};
use crate::lexicon::lexicon;
use crate::score::{parse_date, score, Score, Sig};
use crate::simhash::{bands, from_sql, hamming, simhash, to_sql, NEAR_DUP_BITS};
use crate::{Error, LinkSummary};
use sitrep_analyze::incidents::group_events;

/// The outlet table shipped with sitrep (name, aliases, kind, country).
const OUTLETS: &str = include_str!("../../../data/outlets.tsv");

/// Days either side of an event's date in which candidate incidents are
/// looked up: twice the widest tolerance (31 days, month precision).
pub const WINDOW_DAYS: i64 = 62;

/// Degrees of latitude around a point within which candidate incidents are
/// read: three times the widest distance tolerance (75 km), with margin.
const BOX_DEG: f64 = 2.5;

/// The least score at which an event joining two incidents merges them
/// (above [`crate::score::JOIN`]: a bridge must be strong on both sides).
pub const MERGE: f64 = 0.66;

/// Documents read from the backend per round trip.
const CHUNK: usize = 256;

/// True when an event can be (part of) an incident.
pub fn incident_worthy(e: &Event) -> bool {
    // PLOVER events that are things done, not things said (`material_plover`
    // in data/link/lexicon.tsv): speech acts are claims, not incidents.
    !e.acled.event_type.is_empty() || lexicon().has("material_plover", &e.plover.event)
}

/// Now, as stored in `*_at` columns.
pub fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A stored factuality name back to the enum (unknown: asserted).
pub fn factuality_from(s: &str) -> Factuality {
    serde_json::from_value(serde_json::Value::String(s.to_string())).unwrap_or_default()
}

/// The stored name of a factuality.
pub fn factuality_name(f: Factuality) -> String {
    match serde_json::to_value(f) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "asserted".into(),
    }
}

/// The outlet table: alias → (name, kind).
pub(crate) struct Outlets {
    by_alias: HashMap<String, (String, String)>,
}

impl Outlets {
    pub(crate) fn load() -> Outlets {
        let mut by_alias = HashMap::new();
        for line in OUTLETS.lines() {
            if line.starts_with('#') || line.starts_with("name\t") || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let (name, kind) = (cols[0].to_string(), cols[2].to_string());
            by_alias.insert(name.to_lowercase(), (name.clone(), kind.clone()));
            for a in cols[1].split('|') {
                let a = a.trim_start_matches('?').to_lowercase();
                by_alias
                    .entry(a)
                    .or_insert_with(|| (name.clone(), kind.clone()));
            }
        }
        Outlets { by_alias }
    }

    fn kind(&self, outlet: &str) -> Option<&str> {
        self.by_alias
            .get(&outlet.trim().to_lowercase())
            .map(|(_, k)| k.as_str())
    }

    /// Rows of the `outlets` table: (name, kind, country).
    fn rows() -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for line in OUTLETS.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || line.starts_with("name\t") || cols.len() < 4 {
                continue;
            }
            let country = (cols[3] != "-").then(|| cols[3].to_string());
            out.push((cols[0].to_string(), cols[2].to_string(), country));
        }
        out
    }
}

/// The parts of a stored analysis that linking reads; serde skips the rest
/// (places, times, actors, …) without building it.
#[derive(Debug, Default, Deserialize)]
struct LinkView {
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    claims: Vec<Claim>,
}

/// A document as linking sees it.
struct DocInfo {
    id: i64,
    outlet: Option<String>,
    published: Option<NaiveDate>,
    duplicate_of: Option<i64>,
    view: LinkView,
}

fn doc_info(row: DocRow) -> Result<DocInfo, Error> {
    let view = match &row.report {
        Some(r) => {
            serde_json::from_str(r).map_err(|source| Error::Report { id: row.id, source })?
        }
        None => LinkView::default(),
    };
    Ok(doc_info_with(row, view))
}

fn doc_info_with(row: DocRow, view: LinkView) -> DocInfo {
    DocInfo {
        id: row.id,
        outlet: row.outlet,
        published: row.published.and_then(|p| parse_date(&p).map(|d| d.0)),
        duplicate_of: row.duplicate_of,
        view,
    }
}

/// Near duplicates: fingerprint, look up banded candidates, keep the earliest.
fn dedupe<T: LinkTx>(tx: &mut T, id: i64, text: &str) -> Result<Option<i64>, Error> {
    let h = simhash(text);
    let values: Vec<i64> = bands(h).iter().map(|v| *v as i64).collect();
    let mut found = BTreeSet::new();
    for hit in tx.band_hits(&values, id)? {
        if let Some(sh) = hit.simhash {
            if hamming(from_sql(sh), h) <= NEAR_DUP_BITS {
                found.insert(hit.duplicate_of.unwrap_or(hit.document));
            }
        }
    }
    let dup = found.into_iter().next();
    // Only the first document of a group is banded: later copies are found
    // through it, and a thousand reprints of one wire story cost one lookup
    // each instead of a thousand.
    tx.set_simhash(id, to_sql(h), dup, &values, dup.is_none())?;
    Ok(dup)
}

/// Where candidate incidents of `s` are looked for.
fn query_of(s: &Sig) -> CandidateQuery {
    let bbox = match (s.lat, s.lon) {
        (Some(la), Some(lo)) if s.where_prec < 6 => {
            // Longitude degrees shrink with latitude; widen by 1/cos.
            let k = BOX_DEG / la.to_radians().cos().abs().max(0.2);
            Some(BBox {
                lat_lo: la - BOX_DEG,
                lat_hi: la + BOX_DEG,
                lon_lo: lo - k,
                lon_hi: lo + k,
            })
        }
        _ => None,
    };
    let date = s.date.map(|d| {
        let day = |n: i64| d + chrono::Duration::days(n);
        DateWindow {
            from: day(-WINDOW_DAYS),
            to: day(WINDOW_DAYS),
            near_from: day(-14),
            near_to: day(14),
            event_time_precision: s.time_precision,
        }
    });
    CandidateQuery {
        date,
        country: s.country.clone(),
        bbox,
        event_type: s.event_type.clone(),
        plover_event: s.plover_event.clone(),
        actors: actor_filter(s),
    }
}

/// The actor condition of coarse pairs (see [`ActorFilter`]); `None` when an
/// actor of the event has no known country.
fn actor_filter(s: &Sig) -> Option<ActorFilter> {
    let root = |c: &Option<String>| c.as_deref().map(|c| c.chars().take(3).collect::<String>());
    let roots = [root(&s.actor1), root(&s.actor2)];
    if roots.iter().flatten().any(|r| r == "---") {
        return None;
    }
    Some(ActorFilter {
        geonameid: s.geonameid.and_then(|g| i64::try_from(g).ok()),
        fine_place: s.country.is_some() && s.where_prec < 6,
        roots,
    })
}

/// Incident signatures read or written during one run, so each candidate
/// is read from the database once.
#[derive(Default)]
struct SigCache {
    sigs: HashMap<i64, Sig>,
}

impl SigCache {
    fn load<T: LinkTx>(&mut self, tx: &mut T, id: i64) -> Result<bool, Error> {
        if self.sigs.contains_key(&id) {
            return Ok(true);
        }
        match tx.incident_sig(id)? {
            Some(s) => {
                self.sigs.insert(id, s);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// What identifies one event between a document and its near copy.
type EventKey = (String, String, String, Option<u64>, Option<String>);

fn event_key(e: &Event) -> EventKey {
    (
        e.trigger.text.to_lowercase(),
        e.acled.sub_event_type.clone(),
        e.plover.event.clone(),
        e.place.as_ref().and_then(|p| p.geonameid),
        e.time.as_ref().map(|t| t.value.clone()),
    )
}

/// Documents kept in memory between calls before the cache is dropped.
const DOC_CACHE: usize = 8192;

/// A linking session: the outlet table, incident signatures and parsed
/// documents stay cached between [`Linker::link_pending`] calls, so linking
/// every few hundred documents (inside ingest) costs about what one call at
/// the end would. The caches assume this process is the only one linking the
/// database while the `Linker` lives; they are dropped after any error (the
/// transaction rolled back) and by [`Linker::forget`].
pub struct Linker {
    outlets: Outlets,
    outlets_written: bool,
    docs: HashMap<i64, DocInfo>,
    /// Analyses handed over by the caller ([`Linker::remember`]), not parsed again.
    views: HashMap<i64, LinkView>,
    cache: SigCache,
    // Per call:
    at: String,
    touched: BTreeSet<i64>,
    sum: LinkSummary,
}

impl Default for Linker {
    fn default() -> Self {
        Linker::new()
    }
}

impl Linker {
    pub fn new() -> Linker {
        Linker {
            outlets: Outlets::load(),
            outlets_written: false,
            docs: HashMap::new(),
            views: HashMap::new(),
            cache: SigCache::default(),
            at: String::new(),
            touched: BTreeSet::new(),
            sum: LinkSummary::default(),
        }
    }

    /// Hand over the analysis of a stored document about to be linked, so
    /// its JSON is not read back and parsed (only events and claims are kept).
    pub fn remember(&mut self, id: i64, analysis: &sitrep_core::Analysis) {
        self.views.insert(
            id,
            LinkView {
                events: analysis.events.clone(),
                claims: analysis.claims.clone(),
            },
        );
    }

    /// Drop every cache (after another process linked, or a relink).
    pub fn forget(&mut self) {
        self.outlets_written = false;
        self.docs.clear();
        self.views.clear();
        self.cache = SigCache::default();
    }

    /// Link every document not linked yet, in one transaction of `backend`.
    pub fn link_pending<B: crate::backend::LinkBackend>(
        &mut self,
        backend: &mut B,
    ) -> Result<LinkSummary, Error> {
        let mut tx = backend.begin()?;
        let r = self.link_pending_tx(&mut tx).and_then(|sum| {
            tx.commit()?;
            Ok(sum)
        });
        if r.is_err() {
            self.forget();
        }
        r
    }

    /// Clear every link, then link all documents again (every incident is
    /// checked for splits on the way).
    pub fn relink<B: crate::backend::LinkBackend>(
        &mut self,
        backend: &mut B,
    ) -> Result<LinkSummary, Error> {
        self.forget();
        backend.clear()?;
        self.link_pending(backend)
    }

    /// Link every document not linked yet inside the open transaction `tx`
    /// (the caller commits; on error it must roll back and call
    /// [`Linker::forget`]).
    pub fn link_pending_tx<T: LinkTx>(&mut self, tx: &mut T) -> Result<LinkSummary, Error> {
        self.at = now();
        self.touched.clear();
        self.sum = LinkSummary::default();
        if self.docs.len() > DOC_CACHE {
            self.docs.clear();
        }
        if !self.outlets_written {
            tx.write_outlets(&Outlets::rows())?;
            self.outlets_written = true;
        }
        let pending = tx.pending()?;
        for chunk in pending.chunks(CHUNK) {
            let need_report = chunk.iter().any(|id| !self.views.contains_key(id));
            let mut rows: HashMap<i64, DocRow> = tx
                .docs(chunk, true, need_report)?
                .into_iter()
                .map(|r| (r.id, r))
                .collect();
            for &id in chunk {
                let Some(mut row) = rows.remove(&id) else {
                    continue;
                };
                let text = std::mem::take(&mut row.text);
                let dup = dedupe(tx, id, &text)?;
                if dup.is_some() {
                    self.sum.near_duplicates += 1;
                }
                row.duplicate_of = dup;
                let info = match self.views.remove(&id) {
                    Some(view) => doc_info_with(row, view),
                    None => doc_info(row)?,
                };
                self.link_doc(tx, &info)?;
                self.docs.insert(id, info);
                tx.mark_linked(id, &self.at)?;
                self.sum.documents += 1;
            }
        }
        let touched: Vec<i64> = self.touched.iter().copied().collect();
        let mut regraded = BTreeSet::new();
        for id in touched {
            for part in self.check_split(tx, id)? {
                if regraded.insert(part) {
                    self.regrade(tx, part)?;
                }
            }
        }
        let n = regraded.len() as u64;
        self.sum.incidents_updated = n - self.sum.incidents_created.min(n);
        Ok(self.sum)
    }

    /// Make sure these documents are in `docs` (read in chunks).
    fn ensure_docs<T: LinkTx>(&mut self, tx: &mut T, ids: &[i64]) -> Result<(), Error> {
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|d| !self.docs.contains_key(d))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for chunk in missing.chunks(CHUNK) {
            for row in tx.docs(chunk, false, true)? {
                let info = doc_info(row)?;
                self.docs.insert(info.id, info);
            }
        }
        Ok(())
    }

    /// The linked events of an original document: key → (event, incident).
    fn copied_events<T: LinkTx>(
        &mut self,
        tx: &mut T,
        root: i64,
    ) -> Result<HashMap<EventKey, (i64, i64)>, Error> {
        let members = tx.doc_members(root)?;
        self.ensure_docs(tx, &[root])?;
        let mut out = HashMap::new();
        let Some(info) = self.docs.get(&root) else {
            return Ok(out);
        };
        let mut members = members;
        members.sort();
        for (ev, incident) in members {
            let Some(e) = usize::try_from(ev)
                .ok()
                .and_then(|i| info.view.events.get(i))
            else {
                continue;
            };
            out.entry(event_key(e)).or_insert((ev, incident));
        }
        Ok(out)
    }

    /// Link one document's events.
    fn link_doc<T: LinkTx>(&mut self, tx: &mut T, doc: &DocInfo) -> Result<(), Error> {
        let key = doc.id.to_string();
        let copied = match doc.duplicate_of {
            Some(root) => self.copied_events(tx, root)?,
            None => HashMap::new(),
        };
        // The report's own incidents (sitrep_analyze::incidents): its events
        // told as one incident go to one incident here too.
        let mut report_incident: HashMap<usize, usize> = HashMap::new();
        for (k, inc) in group_events(&doc.view.events).iter().enumerate() {
            for &i in &inc.events {
                report_incident.insert(i, k);
            }
        }
        let mut linked_as: HashMap<usize, (i64, i64)> = HashMap::new();
        for (pos, e) in doc.view.events.iter().enumerate() {
            if !incident_worthy(e) {
                continue;
            }
            let idx = pos as i64;
            let s = Sig::of_event(e, &key, doc.published);
            // A near copy reports what its original reported: the same event
            // joins the original's incident without scoring.
            if let (Some(root), Some((j, incident))) =
                (doc.duplicate_of, copied.get(&event_key(e)).copied())
            {
                // (The original's incident may have been merged away since.)
                if e.factuality.is_occurrence() && self.cache.load(tx, incident)? {
                    self.touched.insert(incident);
                    tx.put_member(&Member {
                        incident,
                        document: doc.id,
                        event: idx,
                        score: 1.0,
                        reason: format!(
                            "joined: near copy of document {root}, the same event as its event {j}"
                        ),
                    })?;
                    tx.decide(&DecisionRow {
                        incident: Some(incident),
                        document: Some(doc.id),
                        event: Some(idx),
                        decision: "join".into(),
                        detail: json!({"copy_of": root, "event_of_original": j, "event": s})
                            .to_string(),
                        decided_at: self.at.clone(),
                    })?;
                    continue;
                }
            }
            if !e.factuality.is_occurrence() {
                tx.decide(&DecisionRow {
                    incident: None,
                    document: Some(doc.id),
                    event: Some(idx),
                    decision: "skip".into(),
                    detail: json!({"factuality": factuality_name(e.factuality),
                           "why": "hypothetical, future and negated events are not occurrences"})
                    .to_string(),
                    decided_at: self.at.clone(),
                })?;
                continue;
            }
            let group = report_incident.get(&pos).copied();
            let ids = tx.candidates(&query_of(&s))?;
            let mut scored: Vec<(i64, Score)> = Vec::with_capacity(ids.len());
            for id in ids {
                if !self.cache.load(tx, id)? {
                    continue;
                }
                let Some(c) = self.cache.sigs.get(&id) else {
                    continue;
                };
                if c.factuality.is_occurrence() {
                    scored.push((id, score(&s, c)));
                }
            }
            scored.sort_by(|a, b| b.1.total.total_cmp(&a.1.total).then(a.0.cmp(&b.0)));
            let shown: Vec<serde_json::Value> = scored
                .iter()
                .take(5)
                .map(|(id, sc)| json!({"incident": id, "joins": sc.joins(), "score": sc}))
                .collect();
            let best = scored.iter().find(|(_, sc)| sc.joins()).cloned();
            let (incident, decision, score_v, reason) = match best {
                Some((id, sc)) => {
                    let id = self.merge_bridged(tx, id, &s, &scored, (doc.id, idx))?;
                    let old = self.cache.sigs.get(&id).cloned().unwrap_or_default();
                    let mut c = old.clone();
                    c.refine(&s);
                    if c != old {
                        tx.write_sig(id, &c)?;
                    }
                    self.cache.sigs.insert(id, c);
                    (id, "join", sc.total, format!("joined: {}", sc.explain()))
                }
                None => {
                    // Nothing joins: the incident its report tells it with,
                    // when one of those events is linked already.
                    if let Some(&(first, incident)) = group.and_then(|k| linked_as.get(&k)) {
                        let at = (doc.id, idx);
                        if self.join_report_incident(tx, incident, &s, at, first, &shown)? {
                            continue;
                        }
                    }
                    let id = tx.new_incident(&NewIncident {
                        sig: &s,
                        plover_mode: e.plover.mode.as_deref(),
                        cameo: &e.cameo,
                        at: &self.at,
                    })?;
                    let mut rep = s.clone();
                    rep.doc.clear();
                    self.cache.sigs.insert(id, rep);
                    self.sum.incidents_created += 1;
                    let why = match scored.first() {
                        Some((cid, sc)) => format!(
                            "new: best candidate incident {cid} does not join ({})",
                            sc.explain()
                        ),
                        None => "new: no incident near in date and place".to_string(),
                    };
                    (id, "new", 1.0, why)
                }
            };
            if let Some(k) = group {
                linked_as.entry(k).or_insert((idx, incident));
            }
            self.touched.insert(incident);
            tx.put_member(&Member {
                incident,
                document: doc.id,
                event: idx,
                score: score_v,
                reason,
            })?;
            tx.decide(&DecisionRow {
                incident: Some(incident),
                document: Some(doc.id),
                event: Some(idx),
                decision: decision.into(),
                detail: json!({"event": s, "candidates": shown}).to_string(),
                decided_at: self.at.clone(),
            })?;
        }
        Ok(())
    }

    /// Join event `(doc, event)`, which joins no incident by its score, to
    /// `incident`, where its report's event `first` went, because the report
    /// tells both as one incident. False when that incident has been merged
    /// away (then the event makes a new one).
    fn join_report_incident<T: LinkTx>(
        &mut self,
        tx: &mut T,
        incident: i64,
        s: &Sig,
        (doc, event): (i64, i64),
        first: i64,
        candidates: &[serde_json::Value],
    ) -> Result<bool, Error> {
        if !self.cache.load(tx, incident)? {
            return Ok(false);
        }
        let old = self.cache.sigs.get(&incident).cloned().unwrap_or_default();
        let mut c = old.clone();
        c.refine(s);
        if c != old {
            tx.write_sig(incident, &c)?;
        }
        self.cache.sigs.insert(incident, c);
        self.touched.insert(incident);
        tx.put_member(&Member {
            incident,
            document: doc,
            event,
            score: 1.0,
            reason: format!("joined: the report tells it as one incident with its event {first}"),
        })?;
        tx.decide(&DecisionRow {
            incident: Some(incident),
            document: Some(doc),
            event: Some(event),
            decision: "join".into(),
            detail: json!({"event": s, "same_report_incident_as_event": first,
                           "candidates": candidates})
            .to_string(),
            decided_at: self.at.clone(),
        })?;
        Ok(true)
    }

    /// When an event joins several incidents strongly (each at least
    /// [`MERGE`]) and those incidents are compatible with each other (their
    /// signatures are not blocked), they were one incident all along, told
    /// apart only by what the earlier reports left out: merge them into the
    /// lowest id (members moved, signature refined, the others deleted) and
    /// record a `merge` decision with the scores on every incident involved.
    /// Returns the incident the event joins.
    fn merge_bridged<T: LinkTx>(
        &mut self,
        tx: &mut T,
        best: i64,
        s: &Sig,
        scored: &[(i64, Score)],
        (doc, event): (i64, i64),
    ) -> Result<i64, Error> {
        let strong: Vec<&(i64, Score)> = scored
            .iter()
            .filter(|(_, sc)| sc.joins() && sc.total >= MERGE)
            .collect();
        if strong.len() < 2 || !strong.iter().any(|(id, _)| *id == best) {
            return Ok(best);
        }
        // Keep the incidents compatible with all kept so far, best first.
        let mut group: Vec<(i64, Score, Option<Score>)> = Vec::new();
        for (id, sc) in &strong {
            let Some(sig) = self.cache.sigs.get(id) else {
                continue;
            };
            let mut pair = None;
            let ok = group.iter().all(|(g, _, _)| {
                self.cache.sigs.get(g).is_some_and(|gs| {
                    let p = score(gs, sig);
                    let fine = p.blocked.is_none();
                    if fine && pair.is_none() {
                        pair = Some(p);
                    }
                    fine
                })
            });
            if ok {
                group.push((*id, sc.clone(), pair));
            }
        }
        if group.len() < 2 {
            return Ok(best);
        }
        let keep = group.iter().map(|g| g.0).min().unwrap_or(best);
        let detail = json!({
            "into": keep,
            "merged": group.iter().map(|g| g.0).filter(|&g| g != keep).collect::<Vec<_>>(),
            "why": "one event joins each of them strongly and they do not conflict",
            "bridging_event": {"document": doc, "event": event, "signature": s},
            "scores": group.iter().map(|(id, sc, pair)| json!({
                "incident": id, "event_score": sc, "pair_score_vs_first": pair,
            })).collect::<Vec<_>>(),
        })
        .to_string();
        let mut sig = self.cache.sigs.get(&keep).cloned().unwrap_or_default();
        for (id, _, _) in &group {
            if *id == keep {
                continue;
            }
            if let Some(other) = self.cache.sigs.remove(id) {
                sig.refine(&other);
            }
            tx.move_members(*id, keep)?;
            tx.delete_incident(*id)?;
            self.touched.remove(id);
            self.sum.incidents_merged += 1;
        }
        tx.write_sig(keep, &sig)?;
        self.cache.sigs.insert(keep, sig);
        self.touched.insert(keep);
        for (id, _, _) in &group {
            tx.decide(&DecisionRow {
                incident: Some(*id),
                document: None,
                event: None,
                decision: "merge".into(),
                detail: detail.clone(),
                decided_at: self.at.clone(),
            })?;
        }
        Ok(keep)
    }

    /// Split out the members of an incident that can no longer be part of
    /// it: their event is blocked against the incident's signature as it is
    /// now (ACLED: one event per day, place, actor pair and type; a later,
    /// more precise report can show that an earlier member was another
    /// day's or another town's event). Blocked members found new incidents
    /// (joining each other when they score as one); a `split` decision is
    /// recorded on both sides. Returns the incidents to regrade.
    fn check_split<T: LinkTx>(&mut self, tx: &mut T, id: i64) -> Result<Vec<i64>, Error> {
        let members = tx.members(id)?;
        if members.len() < 2 || !self.cache.load(tx, id)? {
            return Ok(vec![id]);
        }
        let doc_ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        self.ensure_docs(tx, &doc_ids)?;
        let Some(inc) = self.cache.sigs.get(&id).cloned() else {
            return Ok(vec![id]);
        };
        let mut out: Vec<(i64, i64, Sig, Score)> = Vec::new();
        // Members that stay, for the same-report check (members come
        // ordered by document).
        let mut staying: Vec<Sig> = Vec::new();
        for &(d, ev) in &members {
            let Some(info) = self.docs.get(&d) else {
                continue;
            };
            let Some(e) = usize::try_from(ev)
                .ok()
                .and_then(|i| info.view.events.get(i))
            else {
                continue;
            };
            let es = Sig::of_event(e, &d.to_string(), info.published);
            let mut sc = score(&es, &inc);
            if sc.blocked.is_none() {
                // One report telling of two days, places or actor pairs
                // tells of two events.
                if let Some(p) = staying
                    .iter()
                    .filter(|o| o.doc == es.doc)
                    .map(|o| score(&es, o))
                    .find(|p| p.blocked.is_some())
                {
                    sc = p;
                }
            }
            if sc.blocked.is_some() {
                out.push((d, ev, es, sc));
            } else {
                staying.push(es);
            }
        }
        if out.is_empty() || out.len() == members.len() {
            return Ok(vec![id]);
        }
        let mut parts = vec![id];
        // New incidents founded here: (id, signature).
        let mut founded: Vec<(i64, Sig)> = Vec::new();
        for (d, ev, es, why) in out {
            let target = founded.iter().position(|(_, fs)| score(&es, fs).joins());
            let new_id = match target {
                Some(i) => {
                    let (fid, fs) = &mut founded[i];
                    fs.refine(&es);
                    tx.write_sig(*fid, fs)?;
                    *fid
                }
                None => {
                    let e = self.docs.get(&d).and_then(|info| {
                        usize::try_from(ev)
                            .ok()
                            .and_then(|i| info.view.events.get(i))
                    });
                    let (mode, cameo) = e
                        .map(|e| (e.plover.mode.clone(), e.cameo.clone()))
                        .unwrap_or_default();
                    let fid = tx.new_incident(&NewIncident {
                        sig: &es,
                        plover_mode: mode.as_deref(),
                        cameo: &cameo,
                        at: &self.at,
                    })?;
                    let mut rep = es.clone();
                    rep.doc.clear();
                    founded.push((fid, rep));
                    self.sum.incidents_split += 1;
                    parts.push(fid);
                    fid
                }
            };
            tx.move_member(d, ev, new_id)?;
            let detail = json!({
                "from": id, "into": new_id, "document": d, "event": ev,
                "why": format!("the event no longer fits the incident: {}", why.blocked.as_ref().map(|b| b.to_string()).unwrap_or_default()),
                "score_vs_incident": why,
            })
            .to_string();
            for inc_id in [id, new_id] {
                tx.decide(&DecisionRow {
                    incident: Some(inc_id),
                    document: None,
                    event: None,
                    decision: "split".into(),
                    detail: detail.clone(),
                    decided_at: self.at.clone(),
                })?;
            }
        }
        for (fid, fs) in founded {
            self.cache.sigs.insert(fid, fs);
        }
        Ok(parts)
    }

    /// Regrade one incident from all its member events.
    fn regrade<T: LinkTx>(&mut self, tx: &mut T, id: i64) -> Result<(), Error> {
        let members = tx.members(id)?;
        let doc_ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        self.ensure_docs(tx, &doc_ids)?;
        let roots: Vec<i64> = doc_ids
            .iter()
            .filter_map(|d| self.docs.get(d).and_then(|i| i.duplicate_of))
            .collect();
        self.ensure_docs(tx, &roots)?;
        if !self.cache.load(tx, id)? {
            return Ok(());
        }
        let sig = self.cache.sigs.get(&id).cloned().unwrap_or_default();
        let parties = Parties {
            actor1: sig.actor1.clone(),
            actor2: sig.actor2.clone(),
        };
        let mut ms: Vec<crate::grade::Member> = Vec::new();
        let mut kinds = BTreeSet::new();
        for (d, ev) in &members {
            let Some(info) = self.docs.get(d) else {
                continue;
            };
            let Some(e) = usize::try_from(*ev)
                .ok()
                .and_then(|i| info.view.events.get(i))
            else {
                continue;
            };
            let kind = info
                .outlet
                .as_deref()
                .and_then(|o| self.outlets.kind(o))
                .map(str::to_string);
            if let Some(k) = &kind {
                kinds.insert(k.clone());
            }
            for c in e.claims.iter().filter_map(|&i| info.view.claims.get(i)) {
                for v in &c.via {
                    kinds.insert(v.kind.clone());
                }
            }
            let root = info.duplicate_of.unwrap_or(*d);
            let origin_outlet = if root == *d {
                info.outlet.clone()
            } else {
                self.docs.get(&root).and_then(|r| r.outlet.clone())
            };
            ms.push(crate::grade::Member {
                doc: d.to_string(),
                origin_outlet,
                origin_doc: root.to_string(),
                outlet: info.outlet.clone(),
                outlet_kind: kind,
                event_idx: *ev as usize,
                event: e,
                claims: &info.view.claims,
            });
        }
        let g = grade(&ms, &parties);
        let row = grade_row(&g, &ms, &sig, &kinds, &self.at);
        tx.write_grade(id, &row)
    }
}

/// The graded columns of an incident from its grade and member events.
fn grade_row(
    g: &IncidentGrade,
    ms: &[crate::grade::Member],
    sig: &Sig,
    kinds: &BTreeSet<String>,
    at: &str,
) -> GradeRow {
    // Names, ACLED inter codes and associated actors from the member events.
    let name_of = |code: &Option<String>, which: u8| -> (Option<String>, Option<u8>, Vec<String>) {
        let mut name = None;
        let mut inter = None;
        let mut assoc = BTreeSet::new();
        for m in ms {
            let a = if which == 1 {
                &m.event.actor1
            } else {
                &m.event.actor2
            };
            let Some(a) = a else { continue };
            if Some(&a.code) == code.as_ref() {
                if name.is_none() {
                    name = Some(a.name.clone());
                }
                inter = inter.or(a.inter);
            } else if crate::score::code_sim(Some(&a.code), code.as_deref()) > 0.0 {
                assoc.insert(a.name.clone());
            }
        }
        (name, inter, assoc.into_iter().collect())
    };
    let (n1, i1, as1) = name_of(&sig.actor1, 1);
    let (n2, i2, as2) = name_of(&sig.actor2, 2);
    let interaction = match (i1, i2) {
        (Some(x), Some(y)) => Some(10 * u32::from(x.min(y)) + u32::from(x.max(y))),
        (Some(x), None) => Some(10 * u32::from(x)),
        _ => None,
    };
    let civilian = ms.iter().any(|m| m.event.civilian_targeting);
    let place_name = ms
        .iter()
        .filter_map(|m| m.event.place.as_ref())
        .find(|p| p.geonameid == sig.geonameid)
        .or_else(|| ms.iter().find_map(|m| m.event.place.as_ref()))
        .map(|p| p.name.clone());
    let lvl =
        |f: &Option<crate::grade::FieldGrade>| f.as_ref().map(|f| f.level.as_str().to_string());
    GradeRow {
        notes: notes(g, n1.as_deref(), place_name.as_deref()),
        actor1_name: n1,
        actor2_name: n2,
        assoc_actor_1: (!as1.is_empty()).then(|| as1.join("; ")),
        assoc_actor_2: (!as2.is_empty()).then(|| as2.join("; ")),
        inter1: i1,
        inter2: i2,
        interaction,
        place_name,
        fatalities: g.fatality_range.map(|r| (r.low, r.best, r.high)),
        injured: g.injured_range.map(|r| (r.low, r.best, r.high)),
        civilian_targeting: civilian,
        factuality: factuality_name(g.factuality),
        grade: g.occurrence.level.as_str().to_string(),
        perpetrator_grade: lvl(&g.perpetrator),
        fatalities_grade: lvl(&g.fatalities),
        grade_inputs: serde_json::to_string(g).unwrap_or_else(|_| "{}".into()),
        reports: g.reports as i64,
        origins: g.occurrence.origins.len() as i64,
        source: (!g.outlets.is_empty()).then(|| g.outlets.join("; ")),
        source_scale: source_scale(kinds),
        updated_at: at.to_string(),
    }
}

/// ACLED `source_scale` from the kinds of outlets behind an incident.
fn source_scale(kinds: &BTreeSet<String>) -> Option<String> {
    if kinds.is_empty() {
        return None;
    }
    let lex = lexicon();
    let any = |list: &str| kinds.iter().any(|k| lex.has(list, k));
    let (intl, national, other) = (
        any("scale_international"),
        any("scale_national"),
        any("scale_other"),
    );
    Some(
        match (intl, national, other) {
            (true, true, _) => "National-International",
            (true, false, true) => "Other-International",
            (true, false, false) => "International",
            (false, true, true) => "Other-National",
            (false, true, false) => "National",
            (false, false, _) => "Other",
        }
        .to_string(),
    )
}

/// A short generated summary for ACLED's `notes`.
fn notes(g: &IncidentGrade, actor: Option<&str>, place: Option<&str>) -> String {
    let mut s = format!(
        "{} report(s), {} independent origin(s) ({} party); graded {}: {}.",
        g.reports,
        g.occurrence.origins.len(),
        g.occurrence.party_origins.len(),
        g.occurrence.level.as_str(),
        g.occurrence.reason
    );
    if let Some(a) = actor {
        s.push_str(&format!(" Attributed to {a}"));
        if let Some(p) = &g.perpetrator {
            s.push_str(&format!(" ({})", p.level.as_str()));
        }
        s.push('.');
    }
    if let Some(p) = place {
        s.push_str(&format!(" Place: {p}."));
    }
    if !g.denied_by_accused.is_empty() {
        s.push_str(&format!(" Denied by {}.", g.denied_by_accused.join(", ")));
    }
    if !g.disputed_by.is_empty() {
        s.push_str(&format!(" Disputed by {}.", g.disputed_by.join(", ")));
    }
    if let Some(r) = g.fatality_range {
        s.push_str(&format!(
            " Fatalities {}–{} (best {}).",
            r.low, r.high, r.best
        ));
    }
    if g.factuality != Factuality::Asserted {
        s.push_str(&format!(
            " Standing: {} only.",
            factuality_name(g.factuality)
        ));
    }
    s
}

/// Link every document not linked yet, in one transaction of `backend`.
pub fn link_pending<B: crate::backend::LinkBackend>(backend: &mut B) -> Result<LinkSummary, Error> {
    Linker::new().link_pending(backend)
}

/// Link every document not linked yet inside the open transaction `tx` (the
/// caller commits).
pub fn link_pending_tx<T: LinkTx>(tx: &mut T) -> Result<LinkSummary, Error> {
    Linker::new().link_pending_tx(tx)
}

/// Clear every link, then link all documents again.
pub fn relink<B: crate::backend::LinkBackend>(backend: &mut B) -> Result<LinkSummary, Error> {
    Linker::new().relink(backend)
}
