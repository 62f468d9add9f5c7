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
    BBox, CandidateQuery, DateWindow, DecisionRow, DocRow, GradeRow, LinkTx, Member, NewIncident,
};
use crate::grade::{grade, IncidentGrade, Parties};
use crate::score::{links_as_occurrence, parse_date, score, Score, Sig};
use crate::simhash::{bands, from_sql, hamming, simhash, to_sql, NEAR_DUP_BITS};
use crate::{Error, LinkSummary};

/// The outlet table shipped with sitrep (name, aliases, kind, country).
const OUTLETS: &str = include_str!("../../../data/outlets.tsv");

/// Days either side of an event's date in which candidate incidents are
/// looked up: twice the widest tolerance (31 days, month precision).
pub const WINDOW_DAYS: i64 = 62;

/// Degrees of latitude around a point within which candidate incidents are
/// read: three times the widest distance tolerance (75 km), with margin.
const BOX_DEG: f64 = 2.5;

/// Documents read from the backend per round trip.
const CHUNK: usize = 256;

/// PLOVER events that are things done, not things said: they become
/// incidents even without an ACLED type. Speech acts (ACCUSE, CONSULT,
/// REQUEST, …) are claims, not incidents.
const MATERIAL_PLOVER: &[&str] = &[
    "ASSAULT",
    "COERCE",
    "MOBILIZE",
    "SANCTION",
    "PROTEST",
    "AID",
    "COOPERATE",
    "SUPPORT",
    "RETREAT",
    "CONCEDE",
];

/// True when an event can be (part of) an incident.
pub fn incident_worthy(e: &Event) -> bool {
    !e.acled.event_type.is_empty() || MATERIAL_PLOVER.contains(&e.plover.event.as_str())
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
    Ok(DocInfo {
        id: row.id,
        outlet: row.outlet,
        published: row.published.and_then(|p| parse_date(&p).map(|d| d.0)),
        duplicate_of: row.duplicate_of,
        view,
    })
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
    }
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

/// One run's state.
struct Run<'o> {
    at: String,
    outlets: &'o Outlets,
    touched: BTreeSet<i64>,
    sum: LinkSummary,
    docs: HashMap<i64, DocInfo>,
    cache: SigCache,
}

impl Run<'_> {
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
            for row in tx.docs(chunk, false)? {
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
        for (idx, e) in doc.view.events.iter().enumerate() {
            if !incident_worthy(e) {
                continue;
            }
            let idx = idx as i64;
            let s = Sig::of_event(e, &key, doc.published);
            // A near copy reports what its original reported: the same event
            // joins the original's incident without scoring.
            if let (Some(root), Some((j, incident))) =
                (doc.duplicate_of, copied.get(&event_key(e)).copied())
            {
                if links_as_occurrence(e.factuality) {
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
            if !links_as_occurrence(e.factuality) {
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
            let ids = tx.candidates(&query_of(&s))?;
            let mut scored: Vec<(i64, Score)> = Vec::with_capacity(ids.len());
            for id in ids {
                if !self.cache.load(tx, id)? {
                    continue;
                }
                let Some(c) = self.cache.sigs.get(&id) else {
                    continue;
                };
                if links_as_occurrence(c.factuality) {
                    scored.push((id, score(&s, c)));
                }
            }
            scored.sort_by(|a, b| b.1.total.total_cmp(&a.1.total).then(a.0.cmp(&b.0)));
            let shown: Vec<serde_json::Value> = scored
                .iter()
                .take(5)
                .map(|(id, sc)| json!({"incident": id, "joins": sc.joins(), "score": sc}))
                .collect();
            let best = scored.iter().find(|(_, sc)| sc.joins());
            let (incident, decision, score_v, reason) = match best {
                Some((id, sc)) => {
                    let old = self.cache.sigs.get(id).cloned().unwrap_or_default();
                    let mut c = old.clone();
                    c.refine(&s);
                    if c != old {
                        tx.write_sig(*id, &c)?;
                    }
                    self.cache.sigs.insert(*id, c);
                    (*id, "join", sc.total, format!("joined: {}", sc.explain()))
                }
                None => {
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
    let intl = kinds.iter().any(|k| k == "wire" || k == "broadcaster");
    let national = kinds
        .iter()
        .any(|k| k == "newspaper" || k == "state_media" || k == "party_media");
    let other = kinds
        .iter()
        .any(|k| k == "ngo" || k == "social_media" || k == "government" || k == "armed_group");
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

/// Link every document not linked yet, in the open transaction `tx` (the
/// caller commits). See the module doc.
pub fn link_pending_tx<T: LinkTx>(tx: &mut T) -> Result<LinkSummary, Error> {
    let outlets = Outlets::load();
    tx.write_outlets(&Outlets::rows())?;
    let pending = tx.pending()?;
    let mut run = Run {
        at: now(),
        outlets: &outlets,
        touched: BTreeSet::new(),
        sum: LinkSummary::default(),
        docs: HashMap::new(),
        cache: SigCache::default(),
    };
    for chunk in pending.chunks(CHUNK) {
        let mut rows: HashMap<i64, DocRow> = tx
            .docs(chunk, true)?
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
                run.sum.near_duplicates += 1;
            }
            row.duplicate_of = dup;
            let info = doc_info(row)?;
            run.link_doc(tx, &info)?;
            run.docs.insert(id, info);
            tx.mark_linked(id, &run.at)?;
            run.sum.documents += 1;
        }
    }
    let touched: Vec<i64> = run.touched.iter().copied().collect();
    for id in &touched {
        run.regrade(tx, *id)?;
    }
    run.sum.incidents_updated =
        touched.len() as u64 - run.sum.incidents_created.min(touched.len() as u64);
    Ok(run.sum)
}

/// Link every document not linked yet, in one transaction of `backend`.
pub fn link_pending<B: crate::backend::LinkBackend>(backend: &mut B) -> Result<LinkSummary, Error> {
    let mut tx = backend.begin()?;
    let sum = link_pending_tx(&mut tx)?;
    tx.commit()?;
    Ok(sum)
}

/// Clear every link, then link all documents again.
pub fn relink<B: crate::backend::LinkBackend>(backend: &mut B) -> Result<LinkSummary, Error> {
    backend.clear()?;
    link_pending(backend)
}
