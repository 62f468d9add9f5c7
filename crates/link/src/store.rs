//! The store path: near duplicates, incremental linking and grading of the
//! documents `sitrep ingest` stored and nobody linked yet.
//!
//! Owns the writes to `documents.simhash` / `duplicate_of` / `linked_at`,
//! `simhash_bands`, `incidents`, `incident_events`, `link_decisions` and
//! `outlets`. Reads each document's event and claim layers back from
//! `analyses.report` (the full JSON), never re-running analysis. Scoring is
//! [`crate::score`], grading [`crate::grade`]: the same code as the
//! in-memory [`crate::cluster`].
//!
//! Incremental: only documents with `linked_at IS NULL` are read; each event
//! is compared only with incidents whose date lies within the widest window
//! (±62 days, indexed on `incidents.event_date`) and whose country agrees;
//! only incidents that gained an event are regraded. One transaction per call,
//! so an interrupted run leaves nothing half-linked.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::json;
use sitrep_core::{Analysis, Event, Factuality};

use crate::grade::{grade, IncidentGrade, Level, Member, Parties};
use crate::score::{links_as_occurrence, parse_date, score, Score, Sig};
use crate::simhash::{bands, from_sql, hamming, simhash, to_sql, NEAR_DUP_BITS};
use crate::{Error, LinkSummary};

/// The outlet table shipped with sitrep (name, aliases, kind, country).
const OUTLETS: &str = include_str!("../../../data/outlets.tsv");

/// Days either side of an event's date in which candidate incidents are
/// looked up: twice the widest tolerance (31 days, month precision).
const WINDOW_DAYS: i64 = 62;

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

fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

struct Outlets {
    by_alias: HashMap<String, (String, String)>,
}

impl Outlets {
    fn load() -> Outlets {
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

    fn write(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut st = tx.prepare_cached(
            "INSERT OR IGNORE INTO outlets (name, kind, country) VALUES (?1, ?2, ?3)",
        )?;
        for line in OUTLETS.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || line.starts_with("name\t") || cols.len() < 4 {
                continue;
            }
            let country = (cols[3] != "-").then_some(cols[3]);
            st.execute(params![cols[0], cols[2], country])?;
        }
        Ok(())
    }
}

/// A document as linking sees it.
struct DocInfo {
    id: i64,
    outlet: Option<String>,
    published: Option<NaiveDate>,
    duplicate_of: Option<i64>,
    analysis: Analysis,
}

fn load_doc(tx: &Transaction, id: i64) -> Result<DocInfo, Error> {
    let (outlet, published, duplicate_of): (Option<String>, Option<String>, Option<i64>) = tx
        .query_row(
            "SELECT outlet, published, duplicate_of FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
    let report: Option<String> = tx
        .query_row(
            "SELECT report FROM analyses WHERE document = ?1 ORDER BY analysed_at DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let analysis = match report {
        Some(r) => serde_json::from_str(&r).map_err(|source| Error::Report { id, source })?,
        None => Analysis::default(),
    };
    Ok(DocInfo {
        id,
        outlet,
        published: published.and_then(|p| parse_date(&p).map(|d| d.0)),
        duplicate_of,
        analysis,
    })
}

/// Near duplicates: fingerprint, look up banded candidates, keep the earliest.
fn dedupe(tx: &Transaction, id: i64, text: &str) -> Result<Option<i64>, Error> {
    let h = simhash(text);
    let mut candidates = BTreeSet::new();
    {
        let mut st = tx.prepare_cached(
            "SELECT b.document, d.simhash, d.duplicate_of FROM simhash_bands b
             JOIN documents d ON d.id = b.document
             WHERE b.band = ?1 AND b.value = ?2 AND b.document <> ?3",
        )?;
        for (band, value) in bands(h).iter().enumerate() {
            let rows = st.query_map(params![band as i64, *value as i64, id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?;
            for row in rows {
                let (doc, sh, dup) = row?;
                if let Some(sh) = sh {
                    if hamming(from_sql(sh), h) <= NEAR_DUP_BITS {
                        candidates.insert(dup.unwrap_or(doc));
                    }
                }
            }
        }
    }
    let dup = candidates.into_iter().next();
    tx.execute(
        "UPDATE documents SET simhash = ?1, duplicate_of = ?2 WHERE id = ?3",
        params![to_sql(h), dup, id],
    )?;
    // Only the first document of a group is banded: later copies are found
    // through it, and a thousand reprints of one wire story cost one lookup
    // each instead of a thousand.
    if dup.is_none() {
        let mut st = tx.prepare_cached(
            "INSERT OR IGNORE INTO simhash_bands (band, value, document) VALUES (?1, ?2, ?3)",
        )?;
        for (band, value) in bands(h).iter().enumerate() {
            st.execute(params![band as i64, *value as i64, id])?;
        }
    }
    Ok(dup)
}

const SIG_COLS: &str = "id, event_type, sub_event_type, plover_event, actor1_code, actor2_code,
    geonameid, country, admin1, lat, lon, geo_precision, where_prec, event_date, time_precision,
    date_fallback, trigger_text, factuality";

fn factuality_from(s: &str) -> Factuality {
    serde_json::from_value(serde_json::Value::String(s.to_string())).unwrap_or_default()
}

fn factuality_name(f: Factuality) -> String {
    match serde_json::to_value(f) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "asserted".into(),
    }
}

fn sig_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Sig)> {
    let date: Option<String> = r.get(13)?;
    let fact: String = r.get(17)?;
    Ok((
        r.get(0)?,
        Sig {
            event_type: r.get(1)?,
            sub_event_type: r.get(2)?,
            plover_event: r.get(3)?,
            actor1: r.get(4)?,
            actor2: r.get(5)?,
            geonameid: r
                .get::<_, Option<i64>>(6)?
                .and_then(|g| u64::try_from(g).ok()),
            country: r.get(7)?,
            admin1: r.get(8)?,
            lat: r.get(9)?,
            lon: r.get(10)?,
            geo_precision: r.get::<_, Option<i64>>(11)?.unwrap_or(3).clamp(1, 3) as u8,
            where_prec: r.get::<_, Option<i64>>(12)?.unwrap_or(7).clamp(1, 7) as u8,
            date: date.and_then(|d| parse_date(&d).map(|x| x.0)),
            time_precision: r.get::<_, Option<i64>>(14)?.unwrap_or(3).clamp(1, 3) as u8,
            date_fallback: r.get::<_, i64>(15)? != 0,
            trigger: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
            factuality: factuality_from(&fact),
            doc: String::new(),
        },
    ))
}

/// Degrees of latitude around a point within which candidate incidents are
/// read: three times the widest distance tolerance (75 km), with margin.
const BOX_DEG: f64 = 2.5;

/// Candidate incidents near a signature in date and place (indexed on
/// `event_date`; the place box and the finer date window for day- and
/// week-precision incidents filter the range).
/// Ids of the incidents near `s` in date and place; their signatures are in
/// `cache` afterwards (read once per run, never cloned per candidate).
fn candidates(tx: &Transaction, s: &Sig, cache: &mut SigCache) -> Result<Vec<i64>, Error> {
    let mut ids: Vec<i64> = Vec::new();
    let (lat_lo, lat_hi, lon_lo, lon_hi) = match (s.lat, s.lon) {
        (Some(la), Some(lo)) if s.where_prec < 6 => {
            // Longitude degrees shrink with latitude; widen by 1/cos.
            let k = BOX_DEG / la.to_radians().cos().abs().max(0.2);
            (
                Some(la - BOX_DEG),
                Some(la + BOX_DEG),
                Some(lo - k),
                Some(lo + k),
            )
        }
        _ => (None, None, None, None),
    };
    match s.date {
        Some(d) => {
            let day = |n: i64| (d + chrono::Duration::days(n)).to_string();
            let mut st = tx.prepare_cached(
                "SELECT id FROM incidents
                 WHERE event_date BETWEEN ?1 AND ?2
                   AND (time_precision >= 3 OR ?3 >= 3 OR event_date BETWEEN ?4 AND ?5)
                   AND (?6 IS NULL OR country IS NULL OR country = ?6)
                   AND (?7 IS NULL OR lat IS NULL OR where_prec >= 4
                        OR (lat BETWEEN ?7 AND ?8 AND lon BETWEEN ?9 AND ?10))",
            )?;
            let rows = st.query_map(
                params![
                    day(-WINDOW_DAYS),
                    day(WINDOW_DAYS),
                    s.time_precision,
                    day(-14),
                    day(14),
                    s.country,
                    lat_lo,
                    lat_hi,
                    lon_lo,
                    lon_hi
                ],
                |r| r.get(0),
            )?;
            for row in rows {
                ids.push(row?);
            }
        }
        None => {
            let mut st = tx.prepare_cached(
                "SELECT id FROM incidents WHERE country = ?1 AND event_date IS NULL",
            )?;
            for row in st.query_map(params![s.country], |r| r.get(0))? {
                ids.push(row?);
            }
        }
    }
    for &id in &ids {
        cache.load(tx, id)?;
    }
    Ok(ids)
}

/// Incident signatures read or written during one run, so each candidate
/// row is read from SQLite once.
#[derive(Default)]
struct SigCache {
    sigs: HashMap<i64, Sig>,
}

impl SigCache {
    fn load(&mut self, tx: &Transaction, id: i64) -> Result<(), Error> {
        if self.sigs.contains_key(&id) {
            return Ok(());
        }
        let mut st =
            tx.prepare_cached(&format!("SELECT {SIG_COLS} FROM incidents WHERE id = ?1"))?;
        let (_, s) = st.query_row([id], sig_row)?;
        self.sigs.insert(id, s);
        Ok(())
    }
}

fn write_sig(tx: &Transaction, id: i64, s: &Sig) -> Result<(), Error> {
    tx.execute(
        "UPDATE incidents SET event_type = ?2, sub_event_type = ?3, actor1_code = ?4,
             actor2_code = ?5, geonameid = ?6, country = ?7, admin1 = ?8, lat = ?9, lon = ?10,
             geo_precision = ?11, where_prec = ?12, event_date = ?13, time_precision = ?14,
             date_fallback = ?15, factuality = ?16
         WHERE id = ?1",
        params![
            id,
            s.event_type,
            s.sub_event_type,
            s.actor1,
            s.actor2,
            s.geonameid.and_then(|g| i64::try_from(g).ok()),
            s.country,
            s.admin1,
            s.lat,
            s.lon,
            s.geo_precision,
            s.where_prec,
            s.date.map(|d| d.to_string()),
            s.time_precision,
            s.date_fallback as i64,
            factuality_name(s.factuality),
        ],
    )?;
    Ok(())
}

fn new_incident(tx: &Transaction, s: &Sig, e: &Event, at: &str) -> Result<i64, Error> {
    tx.execute(
        "INSERT INTO incidents (event_type, sub_event_type, plover_event, plover_mode, cameo,
             factuality, grade, grade_inputs, reports, origins, created_at, updated_at, trigger_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'weak', '{}', 0, 0, ?7, ?7, ?8)",
        params![
            s.event_type,
            s.sub_event_type,
            s.plover_event,
            e.plover.mode,
            e.cameo,
            factuality_name(s.factuality),
            at,
            s.trigger,
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_sig(tx, id, s)?;
    Ok(id)
}

/// What identifies one event between a document and its near copy.
fn event_key(e: &Event) -> (String, String, String, Option<u64>, Option<String>) {
    (
        e.trigger.text.to_lowercase(),
        e.acled.sub_event_type.clone(),
        e.plover.event.clone(),
        e.place.as_ref().and_then(|p| p.geonameid),
        e.time.as_ref().map(|t| t.value.clone()),
    )
}

/// The linked events of an original document: key → (event index, incident).
#[allow(clippy::type_complexity)]
fn copied_events(
    tx: &Transaction,
    root: i64,
) -> Result<HashMap<(String, String, String, Option<u64>, Option<String>), (i64, i64)>, Error> {
    let mut st = tx.prepare_cached(
        "SELECT e.idx, lower(e.trigger_text), e.sub_event_type, e.plover_event, e.geonameid,
                e.event_date, ie.incident
         FROM events e JOIN incident_events ie ON ie.document = e.document AND ie.event = e.idx
         WHERE e.document = ?1",
    )?;
    let rows = st.query_map([root], |r| {
        Ok((
            (
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?
                    .and_then(|g| u64::try_from(g).ok()),
                r.get::<_, Option<String>>(5)?,
            ),
            (r.get::<_, i64>(0)?, r.get::<_, i64>(6)?),
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (k, v) = row?;
        out.entry(k).or_insert(v);
    }
    Ok(out)
}

/// Link one document's events.
fn link_doc(
    tx: &Transaction,
    doc: &DocInfo,
    at: &str,
    touched: &mut BTreeSet<i64>,
    sum: &mut LinkSummary,
    cache: &mut SigCache,
) -> Result<(), Error> {
    let key = doc.id.to_string();
    let copied = match doc.duplicate_of {
        Some(root) => copied_events(tx, root)?,
        None => HashMap::new(),
    };
    for (idx, e) in doc.analysis.events.iter().enumerate() {
        if !incident_worthy(e) {
            continue;
        }
        let s = Sig::of_event(e, &key, doc.published);
        // A near copy reports what its original reported: the same event
        // joins the original's incident without scoring.
        if let (Some(root), Some((j, incident))) =
            (doc.duplicate_of, copied.get(&event_key(e)).copied())
        {
            if links_as_occurrence(e.factuality) {
                touched.insert(incident);
                tx.execute(
                    "INSERT OR REPLACE INTO incident_events (incident, document, event, score, reason)
                     VALUES (?1, ?2, ?3, 1.0, ?4)",
                    params![
                        incident,
                        doc.id,
                        idx as i64,
                        format!("joined: near copy of document {root}, the same event as its event {j}")
                    ],
                )?;
                tx.execute(
                    "INSERT INTO link_decisions (incident, document, event, decision, detail, decided_at)
                     VALUES (?1, ?2, ?3, 'join', ?4, ?5)",
                    params![
                        incident,
                        doc.id,
                        idx as i64,
                        json!({"copy_of": root, "event_of_original": j, "event": s}).to_string(),
                        at
                    ],
                )?;
                continue;
            }
        }
        if !links_as_occurrence(e.factuality) {
            tx.execute(
                "INSERT INTO link_decisions (incident, document, event, decision, detail, decided_at)
                 VALUES (NULL, ?1, ?2, 'skip', ?3, ?4)",
                params![
                    doc.id,
                    idx as i64,
                    json!({"factuality": factuality_name(e.factuality),
                           "why": "hypothetical, future and negated events are not occurrences"})
                    .to_string(),
                    at
                ],
            )?;
            continue;
        }
        let ids = candidates(tx, &s, cache)?;
        let mut scored: Vec<(i64, Score)> = ids
            .into_iter()
            .filter_map(|id| {
                let c = cache.sigs.get(&id)?;
                links_as_occurrence(c.factuality).then(|| (id, score(&s, c)))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total.total_cmp(&a.1.total).then(a.0.cmp(&b.0)));
        let shown: Vec<serde_json::Value> = scored
            .iter()
            .take(5)
            .map(|(id, sc)| json!({"incident": id, "joins": sc.joins(), "score": sc}))
            .collect();
        let best = scored.iter().find(|(_, sc)| sc.joins());
        let (incident, decision, score_v, reason) = match best {
            Some((id, sc)) => {
                let old = cache.sigs.get(id).cloned().unwrap_or_default();
                let mut c = old.clone();
                c.refine(&s);
                if c != old {
                    write_sig(tx, *id, &c)?;
                }
                cache.sigs.insert(*id, c);
                (*id, "join", sc.total, format!("joined: {}", sc.explain()))
            }
            None => {
                let id = new_incident(tx, &s, e, at)?;
                let mut rep = s.clone();
                rep.doc.clear();
                cache.sigs.insert(id, rep);
                sum.incidents_created += 1;
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
        touched.insert(incident);
        tx.execute(
            "INSERT OR REPLACE INTO incident_events (incident, document, event, score, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![incident, doc.id, idx as i64, score_v, reason],
        )?;
        tx.execute(
            "INSERT INTO link_decisions (incident, document, event, decision, detail, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                incident,
                doc.id,
                idx as i64,
                decision,
                json!({"event": s, "candidates": shown}).to_string(),
                at
            ],
        )?;
    }
    Ok(())
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

fn inter_of(e: &Event, which: u8) -> Option<u8> {
    let a = if which == 1 { &e.actor1 } else { &e.actor2 };
    a.as_ref().and_then(|a| a.inter)
}

/// Regrade one incident from all its member events.
fn regrade(
    tx: &Transaction,
    id: i64,
    docs: &mut HashMap<i64, DocInfo>,
    outlets: &Outlets,
    at: &str,
) -> Result<(), Error> {
    let members: Vec<(i64, i64)> = {
        let mut st = tx.prepare_cached(
            "SELECT document, event FROM incident_events WHERE incident = ?1 ORDER BY document, event",
        )?;
        let rows = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (d, _) in &members {
        if !docs.contains_key(d) {
            let info = load_doc(tx, *d)?;
            docs.insert(*d, info);
        }
    }
    let (a1, a2): (Option<String>, Option<String>) = tx.query_row(
        "SELECT actor1_code, actor2_code FROM incidents WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let parties = Parties {
        actor1: a1.clone(),
        actor2: a2.clone(),
    };
    let mut ms: Vec<Member> = Vec::new();
    let mut kinds = BTreeSet::new();
    for (d, ev) in &members {
        let Some(info) = docs.get(d) else { continue };
        let Some(e) = usize::try_from(*ev)
            .ok()
            .and_then(|i| info.analysis.events.get(i))
        else {
            continue;
        };
        let kind = info
            .outlet
            .as_deref()
            .and_then(|o| outlets.kind(o))
            .map(str::to_string);
        if let Some(k) = &kind {
            kinds.insert(k.clone());
        }
        for c in e.claims.iter().filter_map(|&i| info.analysis.claims.get(i)) {
            for v in &c.via {
                kinds.insert(v.kind.clone());
            }
        }
        let root = info.duplicate_of.unwrap_or(*d);
        let origin_outlet = if root == *d {
            info.outlet.clone()
        } else {
            tx.query_row("SELECT outlet FROM documents WHERE id = ?1", [root], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten()
        };
        ms.push(Member {
            doc: d.to_string(),
            origin_outlet,
            origin_doc: info.duplicate_of.unwrap_or(*d).to_string(),
            outlet: info.outlet.clone(),
            outlet_kind: kind,
            event_idx: *ev as usize,
            event: e,
            claims: &info.analysis.claims,
        });
    }
    let g = grade(&ms, &parties);
    // Names, ACLED inter codes and associated actors from the member events.
    let name_of = |code: &Option<String>, which: u8| -> (Option<String>, Option<u8>, Vec<String>) {
        let mut name = None;
        let mut inter = None;
        let mut assoc = BTreeSet::new();
        for m in &ms {
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
                inter = inter.or(inter_of(m.event, which));
            } else if crate::score::code_sim(Some(&a.code), code.as_deref()) > 0.0 {
                assoc.insert(a.name.clone());
            }
        }
        (name, inter, assoc.into_iter().collect())
    };
    let (n1, i1, as1) = name_of(&a1, 1);
    let (n2, i2, as2) = name_of(&a2, 2);
    let interaction = match (i1, i2) {
        (Some(x), Some(y)) => Some(10 * u32::from(x.min(y)) + u32::from(x.max(y))),
        (Some(x), None) => Some(10 * u32::from(x)),
        _ => None,
    };
    let civilian = ms.iter().any(|m| m.event.civilian_targeting);
    let geonameid: Option<i64> =
        tx.query_row("SELECT geonameid FROM incidents WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let place_name = ms
        .iter()
        .filter_map(|m| m.event.place.as_ref())
        .find(|p| p.geonameid.and_then(|g| i64::try_from(g).ok()) == geonameid)
        .or_else(|| ms.iter().find_map(|m| m.event.place.as_ref()))
        .map(|p| p.name.clone());
    let inputs = serde_json::to_string(&g).unwrap_or_else(|_| "{}".into());
    let notes = notes(&g, n1.as_deref(), place_name.as_deref());
    let source = (!g.outlets.is_empty()).then(|| g.outlets.join("; "));
    let lvl = |f: &Option<crate::grade::FieldGrade>| f.as_ref().map(|f| f.level.as_str());
    tx.execute(
        "UPDATE incidents SET actor1_name = ?2, actor2_name = ?3, assoc_actor_1 = ?4,
             assoc_actor_2 = ?5, inter1 = ?6, inter2 = ?7, interaction = ?8, place_name = ?9,
             fatalities_low = ?10, fatalities_best = ?11, fatalities_high = ?12,
             injured_low = ?13, injured_best = ?14, injured_high = ?15,
             civilian_targeting = ?16, factuality = ?17, grade = ?18, perpetrator_grade = ?19,
             fatalities_grade = ?20, grade_inputs = ?21, reports = ?22, origins = ?23,
             source = ?24, source_scale = ?25, notes = ?26, updated_at = ?27
         WHERE id = ?1",
        params![
            id,
            n1,
            n2,
            (!as1.is_empty()).then(|| as1.join("; ")),
            (!as2.is_empty()).then(|| as2.join("; ")),
            i1,
            i2,
            interaction,
            place_name,
            g.fatality_range.map(|r| r.low),
            g.fatality_range.map(|r| r.best),
            g.fatality_range.map(|r| r.high),
            g.injured_range.map(|r| r.low),
            g.injured_range.map(|r| r.best),
            g.injured_range.map(|r| r.high),
            civilian as i64,
            factuality_name(g.factuality),
            g.occurrence.level.as_str(),
            lvl(&g.perpetrator),
            lvl(&g.fatalities),
            inputs,
            g.reports as i64,
            g.occurrence.origins.len() as i64,
            source,
            source_scale(&kinds),
            notes,
            at,
        ],
    )?;
    Ok(())
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

/// Link every stored document not linked yet. See the module doc.
pub fn link_pending_conn(conn: &mut Connection) -> Result<LinkSummary, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = now();
    let outlets = Outlets::load();
    outlets.write(&tx)?;
    let pending: Vec<(i64, String)> = {
        let mut st = tx.prepare(
            "SELECT id, text FROM documents WHERE linked_at IS NULL
             ORDER BY published IS NULL, published, id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut sum = LinkSummary::default();
    let mut touched = BTreeSet::new();
    let mut docs: HashMap<i64, DocInfo> = HashMap::new();
    let mut cache = SigCache::default();
    for (id, text) in pending {
        if dedupe(&tx, id, &text)?.is_some() {
            sum.near_duplicates += 1;
        }
        let info = load_doc(&tx, id)?;
        link_doc(&tx, &info, &at, &mut touched, &mut sum, &mut cache)?;
        docs.insert(id, info);
        tx.execute(
            "UPDATE documents SET linked_at = ?1 WHERE id = ?2",
            params![at, id],
        )?;
        sum.documents += 1;
    }
    for id in &touched {
        regrade(&tx, *id, &mut docs, &outlets, &at)?;
    }
    sum.incidents_updated = touched.len() as u64 - sum.incidents_created.min(touched.len() as u64);
    tx.commit()?;
    Ok(sum)
}

/// Forget every link (incidents, decisions, near-duplicate marks) so the next
/// [`link_pending_conn`] relinks all documents.
pub fn clear(conn: &mut Connection) -> Result<(), Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "DELETE FROM incident_events;
         DELETE FROM link_decisions;
         DELETE FROM incidents;
         DELETE FROM simhash_bands;
         UPDATE documents SET linked_at = NULL, duplicate_of = NULL, simhash = NULL;",
    )?;
    tx.commit()?;
    Ok(())
}

/// The decisions behind one incident, oldest first: (decision, document,
/// event, detail JSON, reason in `incident_events`).
pub fn explain(conn: &Connection, incident: i64) -> Result<Vec<Decision>, Error> {
    let mut st = conn.prepare(
        "SELECT d.decision, d.document, d.event, d.detail, ie.reason, ie.score
         FROM link_decisions d
         LEFT JOIN incident_events ie ON ie.document = d.document AND ie.event = d.event
         WHERE d.incident = ?1 ORDER BY d.id",
    )?;
    let rows = st.query_map([incident], |r| {
        Ok(Decision {
            decision: r.get(0)?,
            document: r.get(1)?,
            event: r.get(2)?,
            detail: r.get(3)?,
            reason: r.get(4)?,
            score: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One row of [`explain`].
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub decision: String,
    pub document: Option<i64>,
    pub event: Option<i64>,
    pub detail: String,
    pub reason: Option<String>,
    pub score: Option<f64>,
}

/// Level as stored, for callers comparing grades.
pub fn level_name(l: Level) -> &'static str {
    l.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_analyze::Report;
    use sitrep_core::{AcledType, Actor, Doc, EventTime, Place, Plover, Span};
    use sitrep_store::Store;

    fn strike(place: (u64, f64, f64), day: &str) -> Event {
        Event {
            trigger: Span {
                text: "struck".into(),
                ..Span::default()
            },
            plover: Plover {
                event: "ASSAULT".into(),
                mode: Some("aerial".into()),
            },
            cameo: "195".into(),
            acled: AcledType {
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Air/drone strike".into(),
            },
            actor1: Some(Actor {
                code: "SYRMIL".into(),
                name: "Military Forces of Syria".into(),
                inter: Some(1),
                ..Actor::default()
            }),
            place: Some(Place {
                geonameid: Some(place.0),
                name: format!("place {}", place.0),
                lat: Some(place.1),
                lon: Some(place.2),
                country: Some("SY".into()),
                admin1: Some("09".into()),
                feature: "city".into(),
                geo_precision: 1,
                where_prec: 1,
                ..Place::default()
            }),
            time: Some(EventTime {
                value: day.into(),
                precision: "day".into(),
                time_precision: 1,
                ..EventTime::default()
            }),
            ..Event::default()
        }
    }

    fn put(store: &mut Store, id: &str, text: &str, events: Vec<Event>) {
        let mut doc = Doc::new(id, text);
        doc.meta.published = NaiveDate::from_ymd_opt(2015, 6, 2);
        doc.meta.outlet = Some(format!("outlet {id}"));
        let report = Report {
            analysis: Analysis {
                id: id.into(),
                events,
                ..Analysis::default()
            },
            incidents: vec![],
            claim_grades: vec![],
        };
        store.put(&doc, id, &report).expect("put");
    }

    const ALEPPO: (u64, f64, f64) = (170063, 36.2021, 37.1343);
    const HOMS: (u64, f64, f64) = (169577, 34.7268, 36.7234);

    fn updated(store: &Store) -> Vec<(i64, String)> {
        let mut st = store
            .connection()
            .prepare("SELECT id, updated_at FROM incidents ORDER BY id")
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    #[test]
    fn incremental_idempotent_and_local() {
        let mut store = Store::open_in_memory().expect("store");
        put(
            &mut store,
            "a",
            "Warplanes struck Aleppo on Monday.",
            vec![strike(ALEPPO, "2015-06-01")],
        );
        put(
            &mut store,
            "b",
            "Jets hit Homs on Monday, residents said.",
            vec![strike(HOMS, "2015-06-01")],
        );
        let first = crate::link_pending(&mut store).expect("link");
        assert_eq!(first.documents, 2);
        assert_eq!(first.incidents_created, 2);

        // Nothing new: nothing happens.
        let before = updated(&store);
        let second = crate::link_pending(&mut store).expect("link");
        assert_eq!(second, LinkSummary::default());
        assert_eq!(before, updated(&store));

        // A new report of the Aleppo strike touches only that incident.
        std::thread::sleep(std::time::Duration::from_millis(5));
        put(
            &mut store,
            "c",
            "Aleppo was bombed on Monday by the army.",
            vec![strike(ALEPPO, "2015-06-01")],
        );
        let third = crate::link_pending(&mut store).expect("link");
        assert_eq!(
            (
                third.documents,
                third.incidents_created,
                third.incidents_updated
            ),
            (1, 0, 1)
        );
        let after = updated(&store);
        let changed: Vec<i64> = after
            .iter()
            .zip(before.iter())
            .filter(|(x, y)| x.1 != y.1)
            .map(|(x, _)| x.0)
            .collect();
        assert_eq!(changed.len(), 1, "only the Aleppo incident is regraded");
        let (reports, origins): (i64, i64) = store
            .connection()
            .query_row(
                "SELECT reports, origins FROM incidents WHERE geonameid = 170063",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("aleppo");
        assert_eq!((reports, origins), (2, 2), "two outlets' own reporting");
    }

    #[test]
    fn a_near_copy_is_marked_and_adds_no_origin() {
        let text = "Syrian government warplanes carried out air strikes on Aleppo on Monday, \
                    killing at least 12 civilians, including four children, a monitoring group \
                    said. A second raid hit a vegetable market, wounding dozens of people, and \
                    rescue workers said the planes came back twice to hit the market when it was full.";
        let mut store = Store::open_in_memory().expect("store");
        put(&mut store, "wire", text, vec![strike(ALEPPO, "2015-06-01")]);
        put(
            &mut store,
            "copy",
            &format!("By staff. {text} (Editing by the desk)"),
            vec![strike(ALEPPO, "2015-06-01")],
        );
        let s = crate::link_pending(&mut store).expect("link");
        assert_eq!(s.near_duplicates, 1);
        let (reports, origins): (i64, i64) = store
            .connection()
            .query_row("SELECT reports, origins FROM incidents", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("one incident");
        assert_eq!((reports, origins), (2, 1));
        // Relinking from scratch gives the same.
        let again = crate::relink(&mut store).expect("relink");
        assert_eq!(again.near_duplicates, 1);
    }

    #[test]
    #[ignore]
    fn link_throughput() {
        let mut store = Store::open_in_memory().expect("store");
        let n = 3000;
        for i in 0..n {
            let place = (170063 + (i % 50) as u64, 36.0 + (i % 50) as f64 * 0.3, 37.0);
            let day = format!("2015-06-{:02}", 1 + i % 28);
            let text = format!("Report {i}: warplanes struck town {} on day {} killing {} people, a monitor said; the army denied it.", i % 50, i % 28, i % 7);
            put(
                &mut store,
                &format!("d{i}"),
                &text,
                vec![strike(place, &day), strike(place, &day)],
            );
        }
        let t = std::time::Instant::now();
        let s = crate::link_pending(&mut store).expect("link");
        eprintln!("{n} synthetic documents linked in {:?}: {s:?}", t.elapsed());
    }

    #[test]
    fn hypothetical_events_are_skipped_with_a_decision() {
        let mut store = Store::open_in_memory().expect("store");
        let mut e = strike(ALEPPO, "2015-06-01");
        e.factuality = Factuality::Hypothetical;
        put(&mut store, "h", "The army may strike Aleppo.", vec![e]);
        crate::link_pending(&mut store).expect("link");
        let n: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 0);
        let skip: i64 = store
            .connection()
            .query_row(
                "SELECT count(*) FROM link_decisions WHERE decision = 'skip'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(skip, 1);
    }
}
