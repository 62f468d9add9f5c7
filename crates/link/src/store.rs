//! The SQLite side of linking: [`SqliteLink`] implements
//! [`crate::backend::LinkBackend`] on the store's connection.
//!
//! Owns the SQL that reads documents and analyses for linking and writes
//! `documents.simhash` / `duplicate_of` / `linked_at`, `simhash_bands`,
//! `incidents`, `incident_events`, `link_decisions` and `outlets`. Holds no
//! linking decision: those are [`crate::linking`], shared with PostgreSQL.
//! Every statement is prepared once per transaction (`prepare_cached`).

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, Transaction, TransactionBehavior};

pub use crate::backend::Decision;
use crate::backend::{
    BandHit, CandidateQuery, DecisionRow, DocRow, GradeRow, LinkBackend, LinkTx, Member,
    NewIncident,
};
use crate::grade::Level;
use crate::linking::{factuality_from, factuality_name};
use crate::score::{parse_date, Sig};
use crate::{Error, LinkSummary};

pub use crate::linking::incident_worthy;

/// Linking on a SQLite connection (the store's).
pub struct SqliteLink<'c> {
    pub conn: &'c mut Connection,
}

/// One SQLite link transaction (`BEGIN IMMEDIATE`).
pub struct SqliteTx<'c> {
    tx: Transaction<'c>,
    /// Documents fingerprinted but not written yet: doc → (simhash,
    /// duplicate_of). Every UPDATE statement on `documents` re-indexes the
    /// rows' text in `documents_fts` (migration 1's trigger) and makes FTS5
    /// flush at the next statement, so the marks are written in one UPDATE
    /// per [`FLUSH`] documents; [`LinkTx::band_hits`] reads them from here.
    unflushed: HashMap<i64, (i64, Option<i64>)>,
    /// Documents linked but not marked yet: (doc, linked_at).
    linked: Vec<(i64, String)>,
}

/// One pending document mark: (doc, simhash, duplicate_of, linked_at).
type Mark = (i64, Option<i64>, Option<i64>, Option<String>);

/// Documents marked per UPDATE statement.
const FLUSH: usize = 256;

impl SqliteTx<'_> {
    /// Write the pending marks: one UPDATE … FROM (VALUES …) per batch.
    fn flush(&mut self) -> Result<(), Error> {
        let mut rows: Vec<Mark> = Vec::new();
        for (doc, at) in self.linked.drain(..) {
            let (h, dup) = match self.unflushed.remove(&doc) {
                Some((h, dup)) => (Some(h), dup),
                None => (None, None),
            };
            rows.push((doc, h, dup, Some(at)));
        }
        for (doc, (h, dup)) in self.unflushed.drain() {
            rows.push((doc, Some(h), dup, None));
        }
        for chunk in rows.chunks(FLUSH) {
            let values = vec!["(?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "WITH v(id, h, dup, at) AS (VALUES {values})
                 UPDATE documents SET simhash = coalesce(v.h, documents.simhash),
                     duplicate_of = CASE WHEN v.h IS NULL THEN documents.duplicate_of ELSE v.dup END,
                     linked_at = coalesce(v.at, documents.linked_at)
                 FROM v WHERE documents.id = v.id"
            );
            let mut p: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * 4);
            use rusqlite::types::Value as V;
            for (doc, h, dup, at) in chunk {
                p.push(V::Integer(*doc));
                p.push(h.map(V::Integer).unwrap_or(V::Null));
                p.push(dup.map(V::Integer).unwrap_or(V::Null));
                p.push(at.clone().map(V::Text).unwrap_or(V::Null));
            }
            self.tx.prepare_cached(&sql)?.execute(params_from_iter(p))?;
        }
        Ok(())
    }
}

impl<'c> LinkBackend for SqliteLink<'c> {
    type Tx<'a>
        = SqliteTx<'a>
    where
        Self: 'a;

    fn begin(&mut self) -> Result<SqliteTx<'_>, Error> {
        // A run rewrites many pages (incident_events, link_decisions,
        // documents); with SQLite's default 2 MB cache they spill to the
        // WAL mid-transaction. 64 MB keeps a few thousand documents' work in
        // memory until commit (negative: KiB).
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        if cache > -65536 {
            self.conn.execute_batch("PRAGMA cache_size = -65536")?;
        }
        Ok(SqliteTx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            unflushed: HashMap::new(),
            linked: Vec::new(),
        })
    }

    fn clear(&mut self) -> Result<(), Error> {
        clear(self.conn)
    }

    fn explain(&mut self, incident: i64) -> Result<Vec<Decision>, Error> {
        explain(self.conn, incident)
    }
}

const SIG_COLS: &str = "event_type, sub_event_type, plover_event, actor1_code, actor2_code,
    geonameid, country, admin1, lat, lon, geo_precision, where_prec, event_date, time_precision,
    date_fallback, trigger_text, factuality";

fn sig_row(r: &rusqlite::Row) -> rusqlite::Result<Sig> {
    let date: Option<String> = r.get(12)?;
    let fact: String = r.get(16)?;
    Ok(Sig {
        event_type: r.get(0)?,
        sub_event_type: r.get(1)?,
        plover_event: r.get(2)?,
        actor1: r.get(3)?,
        actor2: r.get(4)?,
        geonameid: r
            .get::<_, Option<i64>>(5)?
            .and_then(|g| u64::try_from(g).ok()),
        country: r.get(6)?,
        admin1: r.get(7)?,
        lat: r.get(8)?,
        lon: r.get(9)?,
        geo_precision: r.get::<_, Option<i64>>(10)?.unwrap_or(3).clamp(1, 3) as u8,
        where_prec: r.get::<_, Option<i64>>(11)?.unwrap_or(7).clamp(1, 7) as u8,
        date: date.and_then(|d| parse_date(&d).map(|x| x.0)),
        time_precision: r.get::<_, Option<i64>>(13)?.unwrap_or(3).clamp(1, 3) as u8,
        date_fallback: r.get::<_, i64>(14)? != 0,
        trigger: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
        factuality: factuality_from(&fact),
        doc: String::new(),
    })
}

impl LinkTx for SqliteTx<'_> {
    fn write_outlets(&mut self, rows: &[(String, String, Option<String>)]) -> Result<(), Error> {
        let mut st = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO outlets (name, kind, country) VALUES (?1, ?2, ?3)",
        )?;
        for (name, kind, country) in rows {
            st.execute(params![name, kind, country])?;
        }
        Ok(())
    }

    fn pending(&mut self) -> Result<Vec<i64>, Error> {
        let mut st = self.tx.prepare_cached(
            "SELECT id FROM documents WHERE linked_at IS NULL
             ORDER BY published IS NULL, published, id",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn docs(
        &mut self,
        ids: &[i64],
        with_text: bool,
        with_report: bool,
    ) -> Result<Vec<DocRow>, Error> {
        self.flush()?;
        let mut out = Vec::with_capacity(ids.len());
        let sql = format!(
            "SELECT d.id, {}, d.outlet, d.published, d.duplicate_of, {}
             FROM documents d WHERE d.id = ?1",
            if with_text { "d.text" } else { "''" },
            if with_report {
                "(SELECT a.report FROM analyses a WHERE a.document = d.id
                  ORDER BY a.analysed_at DESC LIMIT 1)"
            } else {
                "NULL"
            }
        );
        let mut st = self.tx.prepare_cached(&sql)?;
        for &id in ids {
            let mut rows = st.query([id])?;
            if let Some(r) = rows.next()? {
                out.push(DocRow {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                    duplicate_of: r.get(4)?,
                    report: r.get(5)?,
                });
            }
        }
        Ok(out)
    }

    fn band_hits(&mut self, values: &[i64], exclude: i64) -> Result<Vec<BandHit>, Error> {
        let mut st = self.tx.prepare_cached(
            "SELECT b.document, d.simhash, d.duplicate_of FROM simhash_bands b
             JOIN documents d ON d.id = b.document
             WHERE b.band = ?1 AND b.value = ?2 AND b.document <> ?3",
        )?;
        let mut out = Vec::new();
        for (band, value) in values.iter().enumerate() {
            let rows = st.query_map(params![band as i64, value, exclude], |r| {
                Ok(BandHit {
                    document: r.get(0)?,
                    simhash: r.get(1)?,
                    duplicate_of: r.get(2)?,
                })
            })?;
            for row in rows {
                let mut hit = row?;
                if let Some((h, dup)) = self.unflushed.get(&hit.document) {
                    hit.simhash = Some(*h);
                    hit.duplicate_of = *dup;
                }
                out.push(hit);
            }
        }
        Ok(out)
    }

    fn set_simhash(
        &mut self,
        doc: i64,
        simhash: i64,
        duplicate_of: Option<i64>,
        values: &[i64],
        band: bool,
    ) -> Result<(), Error> {
        self.unflushed.insert(doc, (simhash, duplicate_of));
        if band {
            let mut st = self.tx.prepare_cached(
                "INSERT OR IGNORE INTO simhash_bands (band, value, document) VALUES (?1, ?2, ?3)",
            )?;
            for (b, value) in values.iter().enumerate() {
                st.execute(params![b as i64, value, doc])?;
            }
        }
        Ok(())
    }

    fn doc_members(&mut self, doc: i64) -> Result<Vec<(i64, i64)>, Error> {
        let mut st = self
            .tx
            .prepare_cached("SELECT event, incident FROM incident_events WHERE document = ?1")?;
        let rows = st.query_map([doc], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn candidates(&mut self, q: &CandidateQuery) -> Result<Vec<i64>, Error> {
        let (lat_lo, lat_hi, lon_lo, lon_hi) = match q.bbox {
            Some(b) => (
                Some(b.lat_lo),
                Some(b.lat_hi),
                Some(b.lon_lo),
                Some(b.lon_hi),
            ),
            None => (None, None, None, None),
        };
        let mut ids = Vec::new();
        match q.date {
            Some(w) => {
                let mut st = self.tx.prepare_cached(
                    "SELECT id FROM incidents
                     WHERE event_date BETWEEN ?1 AND ?2
                       AND (time_precision >= 3 OR ?3 >= 3 OR event_date BETWEEN ?4 AND ?5)
                       AND (?6 IS NULL OR country IS NULL OR country = ?6)
                       AND (?7 IS NULL OR lat IS NULL OR where_prec >= 4
                            OR (lat BETWEEN ?7 AND ?8 AND lon BETWEEN ?9 AND ?10))
                       AND ((?11 != '' AND event_type = ?11)
                            OR (?12 != '' AND plover_event = ?12)
                            OR (?11 = '' AND event_type = ''))
                       AND (?13 IS NULL
                            OR (?14 IS NOT NULL AND geonameid = ?14)
                            OR (?15 = 1 AND country IS NOT NULL AND COALESCE(where_prec, 7) < 6)
                            OR substr(actor1_code, 1, 3) IN (?16, ?17, '---')
                            OR substr(actor2_code, 1, 3) IN (?16, ?17, '---'))",
                )?;
                let a = q.actors.as_ref();
                let rows = st.query_map(
                    params![
                        w.from.to_string(),
                        w.to.to_string(),
                        w.event_time_precision,
                        w.near_from.to_string(),
                        w.near_to.to_string(),
                        q.country,
                        lat_lo,
                        lat_hi,
                        lon_lo,
                        lon_hi,
                        q.event_type,
                        q.plover_event,
                        a.map(|_| 1),
                        a.and_then(|a| a.geonameid),
                        a.map(|a| a.fine_place),
                        a.and_then(|a| a.roots[0].as_deref()),
                        a.and_then(|a| a.roots[1].as_deref())
                    ],
                    |r| r.get(0),
                )?;
                for row in rows {
                    ids.push(row?);
                }
            }
            None => {
                let mut st = self.tx.prepare_cached(
                    "SELECT id FROM incidents WHERE country = ?1 AND event_date IS NULL
                       AND ((?2 != '' AND event_type = ?2)
                            OR (?3 != '' AND plover_event = ?3)
                            OR (?2 = '' AND event_type = ''))",
                )?;
                let p = params![q.country, q.event_type, q.plover_event];
                for row in st.query_map(p, |r| r.get(0))? {
                    ids.push(row?);
                }
            }
        }
        Ok(ids)
    }

    fn incident_sig(&mut self, id: i64) -> Result<Option<Sig>, Error> {
        let mut st = self
            .tx
            .prepare_cached(&format!("SELECT {SIG_COLS} FROM incidents WHERE id = ?1"))?;
        let mut rows = st.query([id])?;
        match rows.next()? {
            Some(r) => Ok(Some(sig_row(r)?)),
            None => Ok(None),
        }
    }

    fn new_incident(&mut self, n: &NewIncident<'_>) -> Result<i64, Error> {
        let s = n.sig;
        self.tx
            .prepare_cached(
                "INSERT INTO incidents (event_type, sub_event_type, plover_event, plover_mode, cameo,
                     factuality, grade, grade_inputs, reports, origins, created_at, updated_at,
                     trigger_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'weak', '{}', 0, 0, ?7, ?7, ?8)",
            )?
            .execute(params![
                s.event_type,
                s.sub_event_type,
                s.plover_event,
                n.plover_mode,
                n.cameo,
                factuality_name(s.factuality),
                n.at,
                s.trigger,
            ])?;
        let id = self.tx.last_insert_rowid();
        self.write_sig(id, s)?;
        Ok(id)
    }

    fn write_sig(&mut self, id: i64, s: &Sig) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "UPDATE incidents SET event_type = ?2, sub_event_type = ?3, actor1_code = ?4,
                     actor2_code = ?5, geonameid = ?6, country = ?7, admin1 = ?8, lat = ?9,
                     lon = ?10, geo_precision = ?11, where_prec = ?12, event_date = ?13,
                     time_precision = ?14, date_fallback = ?15, factuality = ?16
                 WHERE id = ?1",
            )?
            .execute(params![
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
            ])?;
        Ok(())
    }

    fn put_member(&mut self, m: &Member) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO incident_events (incident, document, event, score, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![m.incident, m.document, m.event, m.score, m.reason])?;
        Ok(())
    }

    fn decide(&mut self, d: &DecisionRow) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "INSERT INTO link_decisions (incident, document, event, decision, detail, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                d.incident,
                d.document,
                d.event,
                d.decision,
                d.detail,
                d.decided_at
            ])?;
        Ok(())
    }

    fn mark_linked(&mut self, doc: i64, at: &str) -> Result<(), Error> {
        self.linked.push((doc, at.to_string()));
        if self.linked.len() >= FLUSH {
            self.flush()?;
        }
        Ok(())
    }

    fn members(&mut self, incident: i64) -> Result<Vec<(i64, i64)>, Error> {
        let mut st = self.tx.prepare_cached(
            "SELECT document, event FROM incident_events WHERE incident = ?1
             ORDER BY document, event",
        )?;
        let rows = st.query_map([incident], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn move_members(&mut self, from: i64, to: i64) -> Result<(), Error> {
        self.tx
            .prepare_cached("UPDATE incident_events SET incident = ?2 WHERE incident = ?1")?
            .execute(params![from, to])?;
        Ok(())
    }

    fn move_member(&mut self, document: i64, event: i64, incident: i64) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "UPDATE incident_events SET incident = ?3 WHERE document = ?1 AND event = ?2",
            )?
            .execute(params![document, event, incident])?;
        Ok(())
    }

    fn delete_incident(&mut self, id: i64) -> Result<(), Error> {
        self.tx
            .prepare_cached("DELETE FROM incidents WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn incident_ids(&mut self) -> Result<Vec<i64>, Error> {
        let mut st = self
            .tx
            .prepare_cached("SELECT id FROM incidents ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn write_grade(&mut self, id: i64, g: &GradeRow) -> Result<(), Error> {
        let f = |r: Option<(u32, u32, u32)>| (r.map(|x| x.0), r.map(|x| x.1), r.map(|x| x.2));
        let (fl, fb, fh) = f(g.fatalities);
        let (il, ib, ih) = f(g.injured);
        let values: Vec<rusqlite::types::Value> = {
            use rusqlite::types::Value as V;
            let t = |s: &Option<String>| s.clone().map(V::Text).unwrap_or(V::Null);
            let i = |n: Option<i64>| n.map(V::Integer).unwrap_or(V::Null);
            vec![
                V::Integer(id),
                t(&g.actor1_name),
                t(&g.actor2_name),
                t(&g.assoc_actor_1),
                t(&g.assoc_actor_2),
                i(g.inter1.map(i64::from)),
                i(g.inter2.map(i64::from)),
                i(g.interaction.map(i64::from)),
                t(&g.place_name),
                i(fl.map(i64::from)),
                i(fb.map(i64::from)),
                i(fh.map(i64::from)),
                i(il.map(i64::from)),
                i(ib.map(i64::from)),
                i(ih.map(i64::from)),
                V::Integer(g.civilian_targeting as i64),
                V::Text(g.factuality.clone()),
                V::Text(g.grade.clone()),
                t(&g.perpetrator_grade),
                t(&g.fatalities_grade),
                V::Text(g.grade_inputs.clone()),
                V::Integer(g.reports),
                V::Integer(g.origins),
                t(&g.source),
                t(&g.source_scale),
                V::Text(g.notes.clone()),
                V::Text(g.updated_at.clone()),
            ]
        };
        self.tx
            .prepare_cached(
                "UPDATE incidents SET actor1_name = ?2, actor2_name = ?3, assoc_actor_1 = ?4,
                     assoc_actor_2 = ?5, inter1 = ?6, inter2 = ?7, interaction = ?8,
                     place_name = ?9, fatalities_low = ?10, fatalities_best = ?11,
                     fatalities_high = ?12, injured_low = ?13, injured_best = ?14,
                     injured_high = ?15, civilian_targeting = ?16, factuality = ?17, grade = ?18,
                     perpetrator_grade = ?19, fatalities_grade = ?20, grade_inputs = ?21,
                     reports = ?22, origins = ?23, source = ?24, source_scale = ?25, notes = ?26,
                     updated_at = ?27
                 WHERE id = ?1",
            )?
            .execute(params_from_iter(values))?;
        Ok(())
    }

    fn commit(mut self) -> Result<(), Error> {
        self.flush()?;
        self.tx.commit()?;
        Ok(())
    }
}

/// Link every stored document not linked yet. See [`crate::linking`].
pub fn link_pending_conn(conn: &mut Connection) -> Result<LinkSummary, Error> {
    crate::linking::link_pending(&mut SqliteLink { conn })
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

/// The decisions behind one incident, oldest first (see
/// [`LinkBackend::explain`]).
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

/// Level as stored, for callers comparing grades.
pub fn level_name(l: Level) -> &'static str {
    l.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use sitrep_analyze::Report;
    use sitrep_core::{AcledType, Actor, Doc, EventTime, Place, Plover, Span};
    use sitrep_core::{Analysis, Event, Factuality};
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

    fn decisions(store: &Store, kind: &str) -> Vec<(i64, String)> {
        let mut st = store
            .connection()
            .prepare("SELECT incident, detail FROM link_decisions WHERE decision = ?1 ORDER BY id")
            .expect("prepare");
        st.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    fn incident_count(store: &Store) -> i64 {
        store
            .connection()
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))
            .expect("count")
    }

    #[test]
    fn an_event_bridging_two_incidents_merges_them_with_a_decision() {
        let mut store = Store::open_in_memory().expect("store");
        // Report 1: a strike in Aleppo, perpetrator unknown.
        let mut a = strike(ALEPPO, "2015-06-01");
        a.actor1 = None;
        put(&mut store, "a", "Aleppo was hit on Monday.", vec![a]);
        // Report 2: the army struck somewhere in Syria on Monday.
        let mut b = strike(ALEPPO, "2015-06-01");
        if let Some(p) = b.place.as_mut() {
            p.geonameid = Some(163843);
            p.lat = None;
            p.lon = None;
            p.admin1 = None;
            p.where_prec = 6;
            p.geo_precision = 3;
        }
        put(
            &mut store,
            "b",
            "The army struck in Syria on Monday.",
            vec![b],
        );
        let first = crate::link_pending(&mut store).expect("link");
        assert_eq!(first.incidents_created, 2, "{first:?}");
        assert_eq!(incident_count(&store), 2);
        // Report 3: the army struck Aleppo on Monday: both were this strike.
        put(
            &mut store,
            "c",
            "The army struck Aleppo on Monday.",
            vec![strike(ALEPPO, "2015-06-01")],
        );
        let third = crate::link_pending(&mut store).expect("link");
        assert_eq!(third.incidents_merged, 1, "{third:?}");
        assert_eq!(incident_count(&store), 1);
        let (id, reports, actor): (i64, i64, Option<String>) = store
            .connection()
            .query_row("SELECT id, reports, actor1_code FROM incidents", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("one incident");
        assert_eq!(id, 1, "the lower id is kept");
        assert_eq!(reports, 3);
        assert_eq!(actor.as_deref(), Some("SYRMIL"));
        let merges = decisions(&store, "merge");
        assert_eq!(merges.len(), 2, "recorded on both incidents: {merges:?}");
        assert!(merges.iter().any(|(i, _)| *i == 2));
        assert!(merges[0].1.contains("\"into\":1") && merges[0].1.contains("event_score"));
        let shown = explain(store.connection(), 1).expect("explain");
        assert!(shown.iter().any(|d| d.decision == "merge"));
    }

    #[test]
    fn two_days_in_one_report_are_split_with_a_decision() {
        let mut store = Store::open_in_memory().expect("store");
        put(
            &mut store,
            "a",
            "Jets struck Aleppo on Monday and again on Tuesday.",
            vec![strike(ALEPPO, "2015-06-01"), strike(ALEPPO, "2015-06-02")],
        );
        let s = crate::link_pending(&mut store).expect("link");
        assert_eq!(s.incidents_split, 1, "{s:?}");
        assert_eq!(incident_count(&store), 2);
        let splits = decisions(&store, "split");
        assert_eq!(splits.len(), 2, "{splits:?}");
        assert!(splits[0].1.contains("one report gives two different days"));
        let per: Vec<i64> = {
            let mut st = store
                .connection()
                .prepare("SELECT count(*) FROM incident_events GROUP BY incident ORDER BY incident")
                .expect("prepare");
            st.query_map([], |r| r.get(0))
                .expect("q")
                .collect::<Result<_, _>>()
                .expect("rows")
        };
        assert_eq!(per, vec![1, 1]);
        // Relinking decides the same way.
        let again = crate::relink(&mut store).expect("relink");
        assert_eq!(again.incidents_split, 1);
        assert_eq!(incident_count(&store), 2);
    }

    #[test]
    fn a_session_linker_keeps_its_caches_and_links_the_same() {
        let mut one = Store::open_in_memory().expect("store");
        let mut two = Store::open_in_memory().expect("store");
        let mut linker = crate::Linker::new();
        for (i, place) in [ALEPPO, HOMS, ALEPPO].iter().enumerate() {
            for st in [&mut one, &mut two] {
                put(
                    st,
                    &format!("d{i}"),
                    &format!("Report {i} of a strike."),
                    vec![strike(*place, "2015-06-01")],
                );
            }
            linker.link_store(&mut one).expect("link");
        }
        crate::link_pending(&mut two).expect("link");
        let q = "SELECT id, grade, reports, origins FROM incidents ORDER BY id";
        let rows = |s: &Store| -> Vec<(i64, String, i64, i64)> {
            let mut st = s.connection().prepare(q).expect("prepare");
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .expect("q")
                .collect::<Result<_, _>>()
                .expect("rows")
        };
        assert_eq!(rows(&one), rows(&two));
        assert_eq!(rows(&one).len(), 2);
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
    fn events_the_report_tells_as_one_incident_link_to_one() {
        // "Regime jets strike rebel town" (no place, dated by publication) /
        // "Jets struck Aleppo on Monday": the report's own grouping holds.
        let mut headline = strike(ALEPPO, "2015-06-02");
        headline.place = None;
        if let Some(t) = headline.time.as_mut() {
            t.fallback = true;
            t.time_precision = 2;
        }
        let mut lead = strike(ALEPPO, "2015-06-01");
        lead.sentence = 1;
        // "Gunmen" in the lead: alone, linking cannot tell it is the regime.
        if let Some(a) = lead.actor1.as_mut() {
            a.code = "SYRUAF".into();
        }
        let mut store = Store::open_in_memory().expect("store");
        put(
            &mut store,
            "r",
            "Jets strike. Jets struck Aleppo.",
            vec![headline, lead],
        );
        crate::link_pending(&mut store).expect("link");
        assert_eq!(incident_count(&store), 1);
        let joined: i64 = store
            .connection()
            .query_row(
                "SELECT count(*) FROM link_decisions WHERE decision = 'join' \
                 AND detail LIKE '%same_report_incident_as_event%'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(joined, 1);
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

    #[test]
    fn coarse_candidates_need_a_shared_actor_root() {
        use crate::backend::{ActorFilter, DateWindow, LinkBackend, LinkTx};
        let mut store = Store::open_in_memory().expect("store");
        // Two strikes with no place: one by Syria's forces, one by the US.
        let placeless = |code: &str| {
            let mut e = strike(ALEPPO, "2015-06-01");
            e.place = None;
            if let Some(a) = e.actor1.as_mut() {
                a.code = code.into();
            }
            e
        };
        put(
            &mut store,
            "a",
            "Warplanes struck.",
            vec![placeless("SYRMIL")],
        );
        put(&mut store, "b", "Jets struck.", vec![placeless("USAMIL")]);
        let mut turkish = strike(ALEPPO, "2015-06-01");
        if let Some(a) = turkish.actor1.as_mut() {
            a.code = "TURMIL".into();
        }
        put(&mut store, "c", "Jets hit Aleppo.", vec![turkish]);
        crate::link_pending(&mut store).expect("link");
        let id_of = |code: &str| -> i64 {
            store
                .connection()
                .query_row(
                    "SELECT id FROM incidents WHERE actor1_code = ?1 AND lat IS NULL",
                    [code],
                    |r| r.get(0),
                )
                .expect("incident")
        };
        let (syr, usa) = (id_of("SYRMIL"), id_of("USAMIL"));
        let day = NaiveDate::from_ymd_opt(2015, 6, 1).expect("date");
        let query = |actors: Option<ActorFilter>| CandidateQuery {
            date: Some(DateWindow {
                from: day - chrono::Duration::days(3),
                to: day + chrono::Duration::days(3),
                near_from: day - chrono::Duration::days(3),
                near_to: day + chrono::Duration::days(3),
                event_time_precision: 1,
            }),
            country: None,
            bbox: None,
            event_type: "Explosions/Remote violence".into(),
            plover_event: "ASSAULT".into(),
            actors,
        };
        let syrian = ActorFilter {
            geonameid: None,
            fine_place: false,
            roots: [Some("SYR".into()), None],
        };
        let conn = store.connection_mut();
        let mut link = SqliteLink { conn };
        let mut tx = link.begin().expect("tx");
        let mut ids = |q: &CandidateQuery| {
            let mut v = tx.candidates(q).expect("candidates");
            v.sort_unstable();
            v
        };
        let all = ids(&query(None));
        assert!(all.contains(&syr) && all.contains(&usa), "{all:?}");
        let filtered = ids(&query(Some(syrian.clone())));
        assert!(filtered.contains(&syr), "{filtered:?}");
        assert!(!filtered.contains(&usa), "{filtered:?}");
        // A located event keeps located incidents of any actor (not coarse).
        let located = ids(&query(Some(ActorFilter {
            fine_place: true,
            ..syrian
        })));
        assert_eq!(located.len(), filtered.len() + 1, "{located:?}");
    }
}
