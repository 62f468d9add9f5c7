//! Linking on PostgreSQL: [`PgLink`] implements [`LinkBackend`] for the team
//! store (feature `postgres`), statement for statement what [`crate::store`]
//! does on SQLite. Holds SQL only; every linking decision is
//! [`crate::linking`]'s, so both databases link the same documents the same
//! way. Owned by the pg helper; must not change the linking logic.
//!
//! # One linker at a time
//! Every link transaction first takes the transaction-scoped advisory lock
//! [`LINK_LOCK`] of the store's schema (`pg_advisory_xact_lock`), released by PostgreSQL at commit
//! or rollback (also when the process dies and its connection drops). So two
//! processes (two `sitrep worker`s, a worker and `sitrep link`) never link at
//! once and never touch the same incident concurrently: the second waits
//! ([`PgLink::begin`]) or, for workers that have other work to do, does not
//! link this time ([`PgLink::try_begin`] gives `None`). Under READ COMMITTED
//! each statement after the lock sees everything the previous linker
//! committed, so nothing is linked twice: `documents.linked_at` is set in the
//! same transaction that writes the document's incidents.
//!
//! Times (`at`, `decided_at`) arrive as RFC 3339 text and are stored as
//! TIMESTAMPTZ; JSON columns (`grade_inputs`, `detail`) as JSONB.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, Statement, Transaction};

pub use crate::backend::Decision;
use crate::backend::{
    BandHit, CandidateQuery, DecisionRow, DocRow, GradeRow, LinkBackend, LinkTx, Member,
    NewIncident,
};
use crate::linking::{factuality_from, factuality_name};
use crate::score::{parse_date, Sig};
use crate::{Error, LinkSummary};

/// The advisory lock class every link transaction holds ("LINK" in ASCII);
/// the second key is the oid of the schema the store lives in, so stores in
/// different schemas of one database (staging, tests) do not wait for each
/// other.
pub const LINK_LOCK: i32 = 0x4c49_4e4b;

/// Take (`pg_advisory_xact_lock`) or try (`pg_try_advisory_xact_lock`) the
/// link lock of the current schema.
fn lock_sql(function: &str) -> String {
    format!(
        "SELECT {function}($1, coalesce((SELECT oid::int4 FROM pg_namespace
                                         WHERE nspname = current_schema()), 0))"
    )
}

fn pg(e: postgres::Error) -> Error {
    Error::Backend(Box::new(e))
}

/// Linking on a PostgreSQL connection.
pub struct PgLink<'c> {
    pub client: &'c mut Client,
}

/// One PostgreSQL link transaction, holding [`LINK_LOCK`]. Statements are
/// prepared once per transaction.
pub struct PgTx<'c> {
    tx: Transaction<'c>,
    prepared: HashMap<&'static str, Statement>,
}

impl<'c> PgLink<'c> {
    pub fn new(client: &'c mut Client) -> PgLink<'c> {
        PgLink { client }
    }

    /// Start a link transaction if no other linker holds [`LINK_LOCK`];
    /// `None` (nothing started) when one does.
    pub fn try_begin(&mut self) -> Result<Option<PgTx<'_>>, Error> {
        let mut tx = self.client.transaction().map_err(pg)?;
        let got: bool = tx
            .query_one(&lock_sql("pg_try_advisory_xact_lock"), &[&LINK_LOCK])
            .map_err(pg)?
            .get(0);
        if !got {
            tx.rollback().map_err(pg)?;
            return Ok(None);
        }
        Ok(Some(PgTx {
            tx,
            prepared: HashMap::new(),
        }))
    }
}

impl<'c> LinkBackend for PgLink<'c> {
    type Tx<'a>
        = PgTx<'a>
    where
        Self: 'a;

    /// Start a link transaction, waiting for any other linker to finish.
    fn begin(&mut self) -> Result<PgTx<'_>, Error> {
        let mut tx = self.client.transaction().map_err(pg)?;
        tx.execute(&lock_sql("pg_advisory_xact_lock"), &[&LINK_LOCK])
            .map_err(pg)?;
        Ok(PgTx {
            tx,
            prepared: HashMap::new(),
        })
    }

    fn clear(&mut self) -> Result<(), Error> {
        let mut tx = self.client.transaction().map_err(pg)?;
        tx.execute(&lock_sql("pg_advisory_xact_lock"), &[&LINK_LOCK])
            .map_err(pg)?;
        tx.batch_execute(
            // RESTART IDENTITY: ids start at 1 again, as SQLite's do once
            // its tables are empty, so a relink numbers incidents alike.
            "TRUNCATE incident_events, link_decisions, incidents, simhash_bands RESTART IDENTITY;
             UPDATE documents SET linked_at = NULL, duplicate_of = NULL, simhash = NULL;",
        )
        .map_err(pg)?;
        tx.commit().map_err(pg)
    }

    fn explain(&mut self, incident: i64) -> Result<Vec<Decision>, Error> {
        explain(self.client, incident)
    }
}

fn sig_row(r: &postgres::Row) -> Result<Sig, postgres::Error> {
    let date: Option<String> = r.try_get(12)?;
    let fact: String = r.try_get(16)?;
    let small = |v: Option<i64>, default: i64, hi: i64| v.unwrap_or(default).clamp(1, hi) as u8;
    Ok(Sig {
        event_type: r.try_get(0)?,
        sub_event_type: r.try_get(1)?,
        plover_event: r.try_get(2)?,
        actor1: r.try_get(3)?,
        actor2: r.try_get(4)?,
        geonameid: r
            .try_get::<_, Option<i64>>(5)?
            .and_then(|g| u64::try_from(g).ok()),
        country: r.try_get(6)?,
        admin1: r.try_get(7)?,
        lat: r.try_get(8)?,
        lon: r.try_get(9)?,
        geo_precision: small(r.try_get(10)?, 3, 3),
        where_prec: small(r.try_get(11)?, 7, 7),
        date: date.and_then(|d| parse_date(&d).map(|x| x.0)),
        time_precision: small(r.try_get(13)?, 3, 3),
        date_fallback: r.try_get(14)?,
        trigger: r.try_get::<_, Option<String>>(15)?.unwrap_or_default(),
        factuality: factuality_from(&fact),
        doc: String::new(),
    })
}

impl PgTx<'_> {
    /// The prepared statement for `sql`, prepared on first use.
    fn st(&mut self, sql: &'static str) -> Result<Statement, Error> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql).map_err(pg)?;
        self.prepared.insert(sql, s.clone());
        Ok(s)
    }

    fn exec(&mut self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, Error> {
        let st = self.st(sql)?;
        self.tx.execute(&st, params).map_err(pg)
    }

    fn rows(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<postgres::Row>, Error> {
        let st = self.st(sql)?;
        self.tx.query(&st, params).map_err(pg)
    }

    fn ids(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<i64>, Error> {
        self.rows(sql, params)?
            .iter()
            .map(|r| r.try_get(0).map_err(pg))
            .collect()
    }

    fn pairs(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<(i64, i64)>, Error> {
        self.rows(sql, params)?
            .iter()
            .map(|r| Ok((r.try_get(0).map_err(pg)?, r.try_get(1).map_err(pg)?)))
            .collect()
    }
}

impl LinkTx for PgTx<'_> {
    fn write_outlets(&mut self, rows: &[(String, String, Option<String>)]) -> Result<(), Error> {
        // One statement for the whole table (a worker links after every
        // batch, each time with a fresh linker that writes it again).
        let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let kinds: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        let countries: Vec<Option<&str>> = rows.iter().map(|r| r.2.as_deref()).collect();
        self.exec(
            "INSERT INTO outlets (name, kind, country)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (name) DO NOTHING",
            &[&names, &kinds, &countries],
        )?;
        Ok(())
    }

    /// Unlike SQLite, where a document and its analysis are written
    /// together, a Postgres document waits for a worker to analyse it: only
    /// documents with an analysis are pending, or linking would mark them
    /// linked with no events and never look at them again.
    fn pending(&mut self) -> Result<Vec<i64>, Error> {
        self.ids(
            "SELECT id FROM documents d WHERE linked_at IS NULL
               AND EXISTS (SELECT 1 FROM analyses a WHERE a.document = d.id)
             ORDER BY published IS NULL, published COLLATE \"C\", id",
            &[],
        )
    }

    fn docs(
        &mut self,
        ids: &[i64],
        with_text: bool,
        with_report: bool,
    ) -> Result<Vec<DocRow>, Error> {
        let ids = ids.to_vec();
        let rows = self.rows(
            "SELECT d.id, CASE WHEN $2 THEN d.text ELSE '' END, d.outlet, d.published,
                    d.duplicate_of,
                    CASE WHEN $3 THEN
                        (SELECT jsonb_build_object(
                                    'events', coalesce(a.report->'events', '[]'::jsonb),
                                    'claims', coalesce(a.report->'claims', '[]'::jsonb))::text
                         FROM analyses a WHERE a.document = d.id
                         ORDER BY a.analysed_at DESC LIMIT 1)
                    END
             FROM documents d WHERE d.id = ANY($1)",
            &[&ids, &with_text, &with_report],
        )?;
        rows.iter()
            .map(|r| {
                Ok(DocRow {
                    id: r.try_get(0)?,
                    text: r.try_get(1)?,
                    outlet: r.try_get(2)?,
                    published: r.try_get(3)?,
                    duplicate_of: r.try_get(4)?,
                    report: r.try_get(5)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(pg)
    }

    fn band_hits(&mut self, values: &[i64], exclude: i64) -> Result<Vec<BandHit>, Error> {
        let bands: Vec<i64> = (0..values.len() as i64).collect();
        let values = values.to_vec();
        let rows = self.rows(
            "SELECT b.document, d.simhash, d.duplicate_of
             FROM unnest($1::bigint[], $2::bigint[]) AS q(band, value)
             JOIN simhash_bands b ON b.band = q.band AND b.value = q.value
             JOIN documents d ON d.id = b.document
             WHERE b.document <> $3
             ORDER BY b.band, b.document",
            &[&bands, &values, &exclude],
        )?;
        rows.iter()
            .map(|r| {
                Ok(BandHit {
                    document: r.try_get(0)?,
                    simhash: r.try_get(1)?,
                    duplicate_of: r.try_get(2)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(pg)
    }

    fn set_simhash(
        &mut self,
        doc: i64,
        simhash: i64,
        duplicate_of: Option<i64>,
        values: &[i64],
        band: bool,
    ) -> Result<(), Error> {
        self.exec(
            "UPDATE documents SET simhash = $1, duplicate_of = $2 WHERE id = $3",
            &[&simhash, &duplicate_of, &doc],
        )?;
        if band {
            let bands: Vec<i64> = (0..values.len() as i64).collect();
            let values = values.to_vec();
            self.exec(
                "INSERT INTO simhash_bands (band, value, document)
                 SELECT q.band, q.value, $3 FROM unnest($1::bigint[], $2::bigint[]) AS q(band, value)
                 ON CONFLICT DO NOTHING",
                &[&bands, &values, &doc],
            )?;
        }
        Ok(())
    }

    fn doc_members(&mut self, doc: i64) -> Result<Vec<(i64, i64)>, Error> {
        self.pairs(
            "SELECT event, incident FROM incident_events WHERE document = $1",
            &[&doc],
        )
    }

    fn candidates(&mut self, q: &CandidateQuery) -> Result<Vec<i64>, Error> {
        let b = q.bbox;
        let (lat_lo, lat_hi, lon_lo, lon_hi) = (
            b.map(|b| b.lat_lo),
            b.map(|b| b.lat_hi),
            b.map(|b| b.lon_lo),
            b.map(|b| b.lon_hi),
        );
        match q.date {
            Some(w) => {
                let precision = i64::from(w.event_time_precision);
                let a = q.actors.as_ref();
                self.ids(
                    "SELECT id FROM incidents
                     WHERE event_date BETWEEN $1 AND $2
                       AND (time_precision >= 3 OR $3::bigint >= 3 OR event_date BETWEEN $4 AND $5)
                       AND ($6::text IS NULL OR country IS NULL OR country = $6)
                       AND ($7::float8 IS NULL OR lat IS NULL OR where_prec >= 4
                            OR (lat BETWEEN $7 AND $8::float8
                                AND lon BETWEEN $9::float8 AND $10::float8))
                       AND (($11::text <> '' AND event_type = $11)
                            OR ($12::text <> '' AND plover_event = $12)
                            OR ($11::text = '' AND event_type = ''))
                       AND (NOT $13::bool
                            OR ($14::bigint IS NOT NULL AND geonameid = $14)
                            OR ($15::bool AND country IS NOT NULL AND COALESCE(where_prec, 7) < 6)
                            OR substr(actor1_code, 1, 3) IN ($16::text, $17::text, '---')
                            OR substr(actor2_code, 1, 3) IN ($16::text, $17::text, '---'))",
                    &[
                        &w.from.to_string(),
                        &w.to.to_string(),
                        &precision,
                        &w.near_from.to_string(),
                        &w.near_to.to_string(),
                        &q.country,
                        &lat_lo,
                        &lat_hi,
                        &lon_lo,
                        &lon_hi,
                        &q.event_type,
                        &q.plover_event,
                        &a.is_some(),
                        &a.and_then(|a| a.geonameid),
                        &a.is_some_and(|a| a.fine_place),
                        &a.and_then(|a| a.roots[0].as_deref()),
                        &a.and_then(|a| a.roots[1].as_deref()),
                    ],
                )
            }
            None => self.ids(
                "SELECT id FROM incidents WHERE country = $1 AND event_date IS NULL
                   AND (($2::text <> '' AND event_type = $2)
                        OR ($3::text <> '' AND plover_event = $3)
                        OR ($2::text = '' AND event_type = ''))",
                &[&q.country, &q.event_type, &q.plover_event],
            ),
        }
    }

    fn incident_sig(&mut self, id: i64) -> Result<Option<Sig>, Error> {
        let rows = self.rows(
            "SELECT event_type, sub_event_type, plover_event, actor1_code, actor2_code,
                    geonameid, country, admin1, lat, lon, geo_precision, where_prec, event_date,
                    time_precision, date_fallback, trigger_text, factuality
             FROM incidents WHERE id = $1",
            &[&id],
        )?;
        rows.first().map(sig_row).transpose().map_err(pg)
    }

    fn new_incident(&mut self, n: &NewIncident<'_>) -> Result<i64, Error> {
        let s = n.sig;
        let rows = self.rows(
            "INSERT INTO incidents (event_type, sub_event_type, plover_event, plover_mode, cameo,
                 factuality, grade, grade_inputs, reports, origins, created_at, updated_at,
                 trigger_text)
             VALUES ($1, $2, $3, $4, $5, $6, 'weak', '{}', 0, 0, $7::text::timestamptz,
                     $7::text::timestamptz, $8)
             RETURNING id",
            &[
                &s.event_type,
                &s.sub_event_type,
                &s.plover_event,
                &n.plover_mode,
                &n.cameo,
                &factuality_name(s.factuality),
                &n.at,
                &s.trigger,
            ],
        )?;
        let id: i64 = rows
            .first()
            .ok_or_else(|| Error::Backend("INSERT … RETURNING id gave no row".into()))?
            .try_get(0)
            .map_err(pg)?;
        self.write_sig(id, s)?;
        Ok(id)
    }

    fn write_sig(&mut self, id: i64, s: &Sig) -> Result<(), Error> {
        self.exec(
            "UPDATE incidents SET event_type = $2, sub_event_type = $3, actor1_code = $4,
                 actor2_code = $5, geonameid = $6, country = $7, admin1 = $8, lat = $9,
                 lon = $10, geo_precision = $11, where_prec = $12, event_date = $13,
                 time_precision = $14, date_fallback = $15, factuality = $16
             WHERE id = $1",
            &[
                &id,
                &s.event_type,
                &s.sub_event_type,
                &s.actor1,
                &s.actor2,
                &s.geonameid.and_then(|g| i64::try_from(g).ok()),
                &s.country,
                &s.admin1,
                &s.lat,
                &s.lon,
                &i64::from(s.geo_precision),
                &i64::from(s.where_prec),
                &s.date.map(|d| d.to_string()),
                &i64::from(s.time_precision),
                &s.date_fallback,
                &factuality_name(s.factuality),
            ],
        )?;
        Ok(())
    }

    fn put_member(&mut self, m: &Member) -> Result<(), Error> {
        self.exec(
            "INSERT INTO incident_events (incident, document, event, score, reason)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (document, event) DO UPDATE
             SET incident = excluded.incident, score = excluded.score, reason = excluded.reason",
            &[&m.incident, &m.document, &m.event, &m.score, &m.reason],
        )?;
        Ok(())
    }

    fn decide(&mut self, d: &DecisionRow) -> Result<(), Error> {
        self.exec(
            "INSERT INTO link_decisions (incident, document, event, decision, detail, decided_at)
             VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::timestamptz)",
            &[
                &d.incident,
                &d.document,
                &d.event,
                &d.decision,
                &d.detail,
                &d.decided_at,
            ],
        )?;
        Ok(())
    }

    fn mark_linked(&mut self, doc: i64, at: &str) -> Result<(), Error> {
        self.exec(
            "UPDATE documents SET linked_at = $1::text::timestamptz WHERE id = $2",
            &[&at, &doc],
        )?;
        Ok(())
    }

    fn members(&mut self, incident: i64) -> Result<Vec<(i64, i64)>, Error> {
        self.pairs(
            "SELECT document, event FROM incident_events WHERE incident = $1
             ORDER BY document, event",
            &[&incident],
        )
    }

    fn move_members(&mut self, from: i64, to: i64) -> Result<(), Error> {
        self.exec(
            "UPDATE incident_events SET incident = $2 WHERE incident = $1",
            &[&from, &to],
        )?;
        Ok(())
    }

    fn move_member(&mut self, document: i64, event: i64, incident: i64) -> Result<(), Error> {
        self.exec(
            "UPDATE incident_events SET incident = $3 WHERE document = $1 AND event = $2",
            &[&document, &event, &incident],
        )?;
        Ok(())
    }

    fn delete_incident(&mut self, id: i64) -> Result<(), Error> {
        self.exec("DELETE FROM incidents WHERE id = $1", &[&id])?;
        Ok(())
    }

    fn incident_ids(&mut self) -> Result<Vec<i64>, Error> {
        self.ids("SELECT id FROM incidents ORDER BY id", &[])
    }

    fn write_grade(&mut self, id: i64, g: &GradeRow) -> Result<(), Error> {
        let f = |r: Option<(u32, u32, u32)>| {
            (
                r.map(|x| i64::from(x.0)),
                r.map(|x| i64::from(x.1)),
                r.map(|x| i64::from(x.2)),
            )
        };
        let (fl, fb, fh) = f(g.fatalities);
        let (il, ib, ih) = f(g.injured);
        self.exec(
            "UPDATE incidents SET actor1_name = $2, actor2_name = $3, assoc_actor_1 = $4,
                 assoc_actor_2 = $5, inter1 = $6, inter2 = $7, interaction = $8,
                 place_name = $9, fatalities_low = $10, fatalities_best = $11,
                 fatalities_high = $12, injured_low = $13, injured_best = $14,
                 injured_high = $15, civilian_targeting = $16, factuality = $17, grade = $18,
                 perpetrator_grade = $19, fatalities_grade = $20,
                 grade_inputs = $21::text::jsonb, reports = $22, origins = $23, source = $24,
                 source_scale = $25, notes = $26, updated_at = $27::text::timestamptz
             WHERE id = $1",
            &[
                &id,
                &g.actor1_name,
                &g.actor2_name,
                &g.assoc_actor_1,
                &g.assoc_actor_2,
                &g.inter1.map(i64::from),
                &g.inter2.map(i64::from),
                &g.interaction.map(i64::from),
                &g.place_name,
                &fl,
                &fb,
                &fh,
                &il,
                &ib,
                &ih,
                &g.civilian_targeting,
                &g.factuality,
                &g.grade,
                &g.perpetrator_grade,
                &g.fatalities_grade,
                &g.grade_inputs,
                &g.reports,
                &g.origins,
                &g.source,
                &g.source_scale,
                &g.notes,
                &g.updated_at,
            ],
        )?;
        Ok(())
    }

    fn commit(self) -> Result<(), Error> {
        self.tx.commit().map_err(pg)
    }
}

/// Link every stored document not linked yet, waiting for any other linker.
pub fn link_pending(client: &mut Client) -> Result<LinkSummary, Error> {
    crate::linking::link_pending(&mut PgLink::new(client))
}

/// Link every stored document not linked yet unless another process is
/// linking right now (`None`: it holds [`LINK_LOCK`]; what it has not seen
/// stays pending for the next call). For workers, which have other work.
pub fn try_link_pending(client: &mut Client) -> Result<Option<LinkSummary>, Error> {
    let mut link = PgLink::new(client);
    let Some(mut tx) = link.try_begin()? else {
        return Ok(None);
    };
    let sum = crate::linking::link_pending_tx(&mut tx)?;
    tx.commit()?;
    Ok(Some(sum))
}

/// Clear every incident and link mark, then link all documents again.
pub fn relink(client: &mut Client) -> Result<LinkSummary, Error> {
    crate::linking::relink(&mut PgLink::new(client))
}

/// The decisions behind one incident, oldest first (see
/// [`LinkBackend::explain`]).
pub fn explain(client: &mut Client, incident: i64) -> Result<Vec<Decision>, Error> {
    let rows = client
        .query(
            "SELECT d.decision, d.document, d.event, d.detail::text, ie.reason, ie.score
             FROM link_decisions d
             LEFT JOIN incident_events ie ON ie.document = d.document AND ie.event = d.event
             WHERE d.incident = $1 ORDER BY d.id",
            &[&incident],
        )
        .map_err(pg)?;
    rows.iter()
        .map(|r| {
            Ok(Decision {
                decision: r.try_get(0)?,
                document: r.try_get(1)?,
                event: r.try_get(2)?,
                detail: r.try_get(3)?,
                reason: r.try_get(4)?,
                score: r.try_get(5)?,
            })
        })
        .collect::<Result<_, postgres::Error>>()
        .map_err(pg)
}

#[cfg(test)]
mod tests {
    //! Run only when `SITREP_TEST_PG` holds a URL (`.ci/postgres.sh`);
    //! otherwise each prints a skip message and passes.

    use chrono::NaiveDate;
    use sitrep_analyze::Report;
    use sitrep_core::{AcledType, Actor, Analysis, Doc, Event, EventTime, Place, Plover, Span};
    use sitrep_store::Store;

    use super::*;

    use sitrep_store::postgres::scratch::Scratch;

    const ALEPPO: (u64, f64, f64) = (170063, 36.2021, 37.1343);
    const HOMS: (u64, f64, f64) = (169577, 34.7268, 36.7234);

    fn strike(place: (u64, f64, f64), day: &str, actor: &str) -> Event {
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
                code: actor.into(),
                name: format!("name of {actor}"),
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

    const WIRE: &str = "Syrian government warplanes carried out air strikes on Aleppo on Monday, \
        killing at least 12 civilians, including four children, a monitoring group said. A second \
        raid hit a vegetable market, wounding dozens of people, and rescue workers searched the \
        rubble of two buildings into the night, residents told reporters by telephone.";

    /// The same reports, in order: two Aleppo strikes on one day (one a near
    /// copy of the other), Homs the same day, Aleppo a week later, an
    /// undated one.
    fn documents() -> Vec<(Doc, Report)> {
        let mut undated = strike(HOMS, "", "SYRMIL");
        undated.time = None;
        let items = [
            (
                "a",
                WIRE.to_string(),
                vec![strike(ALEPPO, "2015-06-01", "SYRMIL")],
                "2015-06-02",
            ),
            (
                "b",
                WIRE.replace("Monday,", "Monday ,")
                    .replace("reporters", "journalists"),
                vec![strike(ALEPPO, "2015-06-01", "SYRMIL")],
                "2015-06-02",
            ),
            (
                "c",
                "Jets hit Homs on Monday, residents said.".into(),
                vec![
                    strike(HOMS, "2015-06-01", "SYRMIL"),
                    strike(ALEPPO, "2015-06-08", "RUSMIL"),
                ],
                "2015-06-09",
            ),
            ("d", "An air strike hit Homs.".into(), vec![undated], ""),
        ];
        items
            .into_iter()
            .map(|(id, text, events, published)| {
                let mut doc = Doc::new(id, text);
                doc.meta.published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
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
                (doc, report)
            })
            .collect()
    }

    /// Every incident with its members, as comparable text (no times).
    const INCIDENTS: &str = "SELECT i.id, i.event_type, i.sub_event_type, i.actor1_code,
        i.actor1_name, i.inter1, i.geonameid, i.country, i.event_date, i.time_precision,
        i.grade, i.perpetrator_grade, i.reports, i.origins, i.source, i.source_scale, i.notes,
        i.factuality, (SELECT string_agg(ie.document || ':' || ie.event || ' ' || ie.reason, ' | '
                        ORDER BY ie.document, ie.event)
                       FROM incident_events ie WHERE ie.incident = i.id)
        FROM incidents i ORDER BY i.id";

    fn pg_rows(c: &mut Client) -> Vec<String> {
        c.query(INCIDENTS, &[])
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{:?}",
                    (
                        (
                            r.get::<_, i64>(0),
                            r.get::<_, String>(1),
                            r.get::<_, String>(2),
                            r.get::<_, Option<String>>(3),
                            r.get::<_, Option<String>>(4),
                        ),
                        (
                            r.get::<_, Option<i64>>(5),
                            r.get::<_, Option<i64>>(6),
                            r.get::<_, Option<String>>(7),
                            r.get::<_, Option<String>>(8),
                            r.get::<_, Option<i64>>(9),
                            r.get::<_, String>(10),
                            r.get::<_, Option<String>>(11),
                            r.get::<_, i64>(12),
                            r.get::<_, i64>(13),
                            (
                                r.get::<_, Option<String>>(14),
                                r.get::<_, Option<String>>(15),
                                r.get::<_, Option<String>>(16),
                                r.get::<_, String>(17),
                                r.get::<_, Option<String>>(18),
                            ),
                        )
                    )
                )
            })
            .collect()
    }

    fn sqlite_rows(s: &Store) -> Vec<String> {
        let sql = INCIDENTS.replace("string_agg", "group_concat").replace(
            ", ' | '\n                        ORDER BY ie.document, ie.event)",
            ", ' | ')",
        );
        let mut st = s.connection().prepare(&sql).unwrap();
        st.query_map([], |r| {
            Ok(format!(
                "{:?}",
                (
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ),
                    (
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<i64>>(9)?,
                        r.get::<_, String>(10)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, i64>(12)?,
                        r.get::<_, i64>(13)?,
                        (
                            r.get::<_, Option<String>>(14)?,
                            r.get::<_, Option<String>>(15)?,
                            r.get::<_, Option<String>>(16)?,
                            r.get::<_, String>(17)?,
                            r.get::<_, Option<String>>(18)?,
                        ),
                    )
                )
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn postgres_links_like_sqlite_incrementally_and_explains_alike() {
        let Some(s) = Scratch::new("same") else {
            return;
        };
        let mut pg_store = s.store();
        let mut lite = Store::open_in_memory().unwrap();
        let docs = documents();
        // In two rounds, so the second links incrementally against the first.
        for round in [&docs[..2], &docs[2..]] {
            for (doc, report) in round {
                lite.put(doc, &doc.id, report).unwrap();
                pg_store.put(doc, &doc.id, report).unwrap();
            }
            let a = crate::link_pending(&mut lite).unwrap();
            let b = link_pending(pg_store.client()).unwrap();
            assert_eq!(a, b);
            assert!(b.documents > 0);
        }
        let (a, b) = (sqlite_rows(&lite), pg_rows(pg_store.client()));
        assert!(a.len() >= 3, "{a:#?}");
        assert_eq!(a, b);
        let dup: Option<i64> = pg_store
            .client()
            .query_one("SELECT duplicate_of FROM documents WHERE doc_id = 'b'", &[])
            .unwrap()
            .get(0);
        assert!(dup.is_some(), "the near copy is marked");
        let outlets: i64 = pg_store
            .client()
            .query_one("SELECT count(*) FROM outlets", &[])
            .unwrap()
            .get(0);
        let lite_outlets: i64 = lite
            .connection()
            .query_row("SELECT count(*) FROM outlets", [], |r| r.get(0))
            .unwrap();
        assert!(outlets > 10);
        assert_eq!(outlets, lite_outlets);
        // Nothing new: nothing happens.
        assert_eq!(
            link_pending(pg_store.client()).unwrap(),
            LinkSummary::default()
        );
        for id in 1..=a.len() as i64 {
            let x = crate::store::explain(lite.connection(), id).unwrap();
            let mut y = explain(pg_store.client(), id).unwrap();
            // JSONB spells its text its own way; compare the values.
            for (dx, dy) in x.iter().zip(y.iter_mut()) {
                let vx: serde_json::Value = serde_json::from_str(&dx.detail).unwrap();
                let vy: serde_json::Value = serde_json::from_str(&dy.detail).unwrap();
                assert_eq!(vx, vy);
                dy.detail = dx.detail.clone();
            }
            assert_eq!(x, y, "incident {id}");
        }
        // Relinking gives the same incidents again.
        relink(pg_store.client()).unwrap();
        crate::relink(&mut lite).unwrap();
        assert_eq!(sqlite_rows(&lite), pg_rows(pg_store.client()));
    }

    #[test]
    fn documents_still_queued_for_analysis_are_not_linked_yet() {
        let Some(s) = Scratch::new("queued") else {
            return;
        };
        let mut st = s.store();
        let docs = documents();
        let (doc, report) = &docs[0];
        st.put(doc, "a", report).unwrap();
        st.add_document(&docs[2].0, "c").unwrap(); // queued, not analysed
        assert_eq!(link_pending(st.client()).unwrap().documents, 1);
        let unlinked: Vec<String> = st
            .client()
            .query("SELECT doc_id FROM documents WHERE linked_at IS NULL", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(unlinked, vec!["c"]);
    }

    #[test]
    fn a_second_linker_waits_or_steps_aside() {
        let Some(s) = Scratch::new("lock") else {
            return;
        };
        let mut first = s.store();
        let mut second = s.store();
        for (doc, report) in documents() {
            first.put(&doc, &doc.id, &report).unwrap();
        }
        let mut link = PgLink::new(first.client());
        let tx = link.begin().unwrap();
        // While the first holds the lock, the second does not link.
        assert_eq!(try_link_pending(second.client()).unwrap(), None);
        let pending: i64 = second
            .client()
            .query_one(
                "SELECT count(*) FROM documents WHERE linked_at IS NULL",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(pending, 4);
        drop(tx); // rolled back, lock released
        let sum = try_link_pending(second.client())
            .unwrap()
            .expect("lock free");
        assert_eq!(sum.documents, 4);
        // A blocking linker that starts after finds nothing left.
        assert_eq!(
            link_pending(first.client()).unwrap(),
            LinkSummary::default()
        );
    }
}
