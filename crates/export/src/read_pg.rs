//! The PostgreSQL store as a [`Source`] (feature `postgres`): the queries of
//! `read` in PostgreSQL's dialect, returning the same values as the SQLite
//! reader for the same rows. Times (TIMESTAMPTZ) come back as RFC 3339 in UTC
//! with milliseconds, the form sitrep writes into SQLite; JSONB columns as
//! their JSON; text is ordered bytewise (`COLLATE "C"`) as SQLite orders it.
//! Read only; owns no formatting.

use postgres::types::ToSql;
use postgres::{Client, Row};

use crate::read::{
    conditions, json_column, Claim, Decision, EventDetail, Incident, LinkedEvent, Report, Source,
    StoreState,
};
use crate::{Error, Filter};

/// A PostgreSQL connection as a [`Source`].
pub struct Postgres<'a>(pub &'a mut Client);

/// A TIMESTAMPTZ column as sitrep writes times into SQLite.
fn time(column: &str) -> String {
    format!(
        "to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS {}",
        column.rsplit('.').next().unwrap_or(column)
    )
}

fn incident_columns() -> String {
    format!(
        "id, event_type, sub_event_type, plover_event, plover_mode, cameo, \
         actor1_code, actor1_name, assoc_actor_1, inter1, actor2_code, actor2_name, \
         assoc_actor_2, inter2, interaction, place_name, geonameid, country, admin1, lat, lon, \
         geo_precision, where_prec, event_date, time_precision, fatalities_low, fatalities_best, \
         fatalities_high, injured_low, injured_best, injured_high, civilian_targeting, \
         factuality, grade, perpetrator_grade, fatalities_grade, grade_inputs::text, reports, \
         origins, source, source_scale, notes, {}, {}",
        time("created_at"),
        time("updated_at")
    )
}

fn incident(r: &Row) -> Result<Incident, postgres::Error> {
    Ok(Incident {
        id: r.try_get(0)?,
        event_type: r.try_get(1)?,
        sub_event_type: r.try_get(2)?,
        plover_event: r.try_get(3)?,
        plover_mode: r.try_get(4)?,
        cameo: r.try_get(5)?,
        actor1_code: r.try_get(6)?,
        actor1_name: r.try_get(7)?,
        assoc_actor_1: r.try_get(8)?,
        inter1: r.try_get(9)?,
        actor2_code: r.try_get(10)?,
        actor2_name: r.try_get(11)?,
        assoc_actor_2: r.try_get(12)?,
        inter2: r.try_get(13)?,
        interaction: r.try_get(14)?,
        place_name: r.try_get(15)?,
        geonameid: r.try_get(16)?,
        country: r.try_get(17)?,
        admin1: r.try_get(18)?,
        lat: r.try_get(19)?,
        lon: r.try_get(20)?,
        geo_precision: r.try_get(21)?,
        where_prec: r.try_get(22)?,
        event_date: r.try_get(23)?,
        time_precision: r.try_get(24)?,
        fatalities_low: r.try_get(25)?,
        fatalities_best: r.try_get(26)?,
        fatalities_high: r.try_get(27)?,
        injured_low: r.try_get(28)?,
        injured_best: r.try_get(29)?,
        injured_high: r.try_get(30)?,
        civilian_targeting: r.try_get(31)?,
        factuality: r.try_get(32)?,
        grade: r.try_get(33)?,
        perpetrator_grade: r.try_get(34)?,
        fatalities_grade: r.try_get(35)?,
        grade_inputs: json_column(r.try_get(36)?),
        reports: r.try_get(37)?,
        origins: r.try_get(38)?,
        source: r.try_get(39)?,
        source_scale: r.try_get(40)?,
        notes: r.try_get(41)?,
        created_at: r.try_get(42)?,
        updated_at: r.try_get(43)?,
        weapon_kind: None,
        weapon_text: None,
    })
}

const REPORT_COLUMNS: &str =
    "d.id, d.doc_id, d.record, d.title, d.url, d.outlet, d.published, d.duplicate_of";

fn report(r: &Row, at: usize) -> Result<Report, postgres::Error> {
    Ok(Report {
        id: r.try_get(at)?,
        doc_id: r.try_get(at + 1)?,
        record: r.try_get(at + 2)?,
        title: r.try_get(at + 3)?,
        url: r.try_get(at + 4)?,
        outlet: r.try_get(at + 5)?,
        published: r.try_get(at + 6)?,
        duplicate_of: r.try_get(at + 7)?,
    })
}

fn count(c: &mut Client, sql: &str) -> Result<u64, Error> {
    let n: i64 = c.query_one(sql, &[])?.try_get(0)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl Source for Postgres<'_> {
    fn state(&mut self) -> Result<StoreState, Error> {
        Ok(StoreState {
            incidents: count(self.0, "SELECT count(*) FROM incidents")?,
            events: count(self.0, "SELECT count(*) FROM events")?,
            documents: count(self.0, "SELECT count(*) FROM documents")?,
            // Documents still queued for analysis are not counted: `sitrep
            // link` could not add them yet (docs/teams.md).
            unlinked: count(
                self.0,
                "SELECT count(*) FROM documents d WHERE linked_at IS NULL
                 AND EXISTS (SELECT 1 FROM analyses a WHERE a.document = d.id)",
            )?,
        })
    }

    fn incidents(
        &mut self,
        filter: &Filter,
        country: Option<&str>,
    ) -> Result<Vec<Incident>, Error> {
        let (conditions, args) = conditions(filter, country, '$');
        let sql = format!(
            "SELECT {} FROM incidents WHERE true{conditions} \
             ORDER BY event_date IS NULL, event_date COLLATE \"C\", id",
            incident_columns()
        );
        let params: Vec<&(dyn ToSql + Sync)> =
            args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let rows = self.0.query(&sql, &params)?;
        Ok(rows.iter().map(incident).collect::<Result<Vec<_>, _>>()?)
    }

    fn event_details(&mut self, incident: i64) -> Result<Vec<EventDetail>, Error> {
        let rows = self.0.query(
            &format!(
                "SELECT {} FROM incident_events ie \
                 JOIN events e ON e.document = ie.document AND e.idx = ie.event \
                 WHERE ie.incident = $1 ORDER BY ie.document, ie.event",
                crate::read::DETAIL_COLUMNS
            ),
            &[&incident],
        )?;
        let detail = |r: &Row| -> Result<EventDetail, postgres::Error> {
            Ok(EventDetail {
                actor1_code: r.try_get(0)?,
                actor2_code: r.try_get(1)?,
                inter1: r.try_get(2)?,
                inter2: r.try_get(3)?,
                assoc_actor_1: r.try_get(4)?,
                assoc_actor_2: r.try_get(5)?,
                weapon_kind: r.try_get(6)?,
                weapon_text: r.try_get(7)?,
            })
        };
        Ok(rows.iter().map(detail).collect::<Result<Vec<_>, _>>()?)
    }

    fn reports(&mut self, incident: i64) -> Result<Vec<Report>, Error> {
        let rows = self.0.query(
            &format!(
                "SELECT DISTINCT {REPORT_COLUMNS} FROM incident_events ie \
                 JOIN documents d ON d.id = ie.document WHERE ie.incident = $1 ORDER BY d.id"
            ),
            &[&incident],
        )?;
        Ok(rows
            .iter()
            .map(|r| report(r, 0))
            .collect::<Result<Vec<_>, _>>()?)
    }

    fn linked_events(&mut self, incident: i64) -> Result<Vec<LinkedEvent>, Error> {
        let rows = self.0.query(
            &format!(
                "SELECT {REPORT_COLUMNS}, ie.event, ie.score, ie.reason, e.trigger_text, \
                 e.event_type, e.sub_event_type, e.plover_event, e.actor1_name, e.actor2_name, \
                 e.place_name, e.event_date, e.fatalities_best, e.factuality, e.rule \
                 FROM incident_events ie JOIN documents d ON d.id = ie.document \
                 LEFT JOIN events e ON e.document = ie.document AND e.idx = ie.event \
                 WHERE ie.incident = $1 ORDER BY ie.document, ie.event"
            ),
            &[&incident],
        )?;
        let linked = |r: &Row| -> Result<LinkedEvent, postgres::Error> {
            Ok(LinkedEvent {
                document: report(r, 0)?,
                event: r.try_get(8)?,
                score: r.try_get(9)?,
                reason: r.try_get(10)?,
                trigger_text: r.try_get(11)?,
                event_type: r.try_get(12)?,
                sub_event_type: r.try_get(13)?,
                plover_event: r.try_get(14)?,
                actor1_name: r.try_get(15)?,
                actor2_name: r.try_get(16)?,
                place_name: r.try_get(17)?,
                event_date: r.try_get(18)?,
                fatalities_best: r.try_get(19)?,
                factuality: r.try_get(20)?,
                rule: r.try_get(21)?,
                claims: Vec::new(),
            })
        };
        let mut events = rows.iter().map(linked).collect::<Result<Vec<_>, _>>()?;
        let stmt = self.0.prepare(
            "SELECT c.idx, c.source_text, c.source_name, c.source_kind, c.source_code, \
             c.cue_text, c.content_text, c.stance, c.direct_quote, c.via, c.statement_date, \
             c.grade, c.grade_reason FROM claim_events ce \
             JOIN claims c ON c.document = ce.document AND c.idx = ce.claim \
             WHERE ce.document = $1 AND ce.event = $2 ORDER BY c.idx",
        )?;
        let claim = |r: &Row| -> Result<Claim, postgres::Error> {
            Ok(Claim {
                idx: r.try_get(0)?,
                source_text: r.try_get(1)?,
                source_name: r.try_get(2)?,
                source_kind: r.try_get(3)?,
                source_code: r.try_get(4)?,
                cue_text: r.try_get(5)?,
                content_text: r.try_get(6)?,
                stance: r.try_get(7)?,
                direct_quote: r.try_get(8)?,
                via: r.try_get(9)?,
                statement_date: r.try_get(10)?,
                grade: r.try_get(11)?,
                grade_reason: r.try_get(12)?,
            })
        };
        for ev in &mut events {
            let rows = self.0.query(&stmt, &[&ev.document.id, &ev.event])?;
            ev.claims = rows.iter().map(claim).collect::<Result<Vec<_>, _>>()?;
        }
        Ok(events)
    }

    fn decisions(&mut self, incident: i64) -> Result<Vec<Decision>, Error> {
        let rows = self.0.query(
            &format!(
                "SELECT id, document, event, decision, detail::text, {} FROM link_decisions \
                 WHERE incident = $1 ORDER BY id",
                time("decided_at")
            ),
            &[&incident],
        )?;
        let decision = |r: &Row| -> Result<Decision, postgres::Error> {
            Ok(Decision {
                id: r.try_get(0)?,
                document: r.try_get(1)?,
                event: r.try_get(2)?,
                decision: r.try_get(3)?,
                detail: json_column(r.try_get(4)?),
                decided_at: r.try_get(5)?,
            })
        };
        Ok(rows.iter().map(decision).collect::<Result<Vec<_>, _>>()?)
    }

    fn actor_sector(&mut self, code: &str) -> Result<(Option<String>, Option<String>), Error> {
        let row = self.0.query_opt(
            "SELECT sector, country FROM actors WHERE code = $1 \
             GROUP BY sector, country \
             ORDER BY sector IS NULL, count(*) DESC, sector COLLATE \"C\", \
                      country COLLATE \"C\" LIMIT 1",
            &[&code],
        )?;
        Ok(match row {
            Some(r) => (r.try_get(0)?, r.try_get(1)?),
            None => (None, None),
        })
    }
}

#[cfg(test)]
mod tests {
    //! Runs only when `SITREP_TEST_PG` holds a URL (`.ci/postgres.sh`);
    //! otherwise prints a skip message and passes.

    use rusqlite::types::Value as Sql;

    use super::*;
    use crate::{export, export_pg, Format, Options};

    use sitrep_store::postgres::scratch::Scratch;

    /// Copy every row of the store tables from SQLite into Postgres, casting
    /// through text to each Postgres column's type (a JSON column that does
    /// not parse becomes a JSON string, as the SQLite reader shows it).
    fn copy(from: &rusqlite::Connection, to: &mut Client) {
        for table in [
            "documents",
            "events",
            "claims",
            "claim_events",
            "actors",
            "places",
            "incidents",
            "incident_events",
            "link_decisions",
        ] {
            let pg_columns: Vec<(String, String)> = to
                .query(
                    "SELECT column_name::text, data_type::text FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1
                     ORDER BY ordinal_position",
                    &[&table],
                )
                .unwrap()
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            let mut stmt = from
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap();
            let lite: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let columns: Vec<&(String, String)> = pg_columns
                .iter()
                .filter(|(c, _)| lite.contains(c))
                .collect();
            let names: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let mut values: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, (_, t))| format!("${}::text::{t}", i + 1))
                .collect();
            let mut insert_names = names.clone();
            if table == "documents" {
                let text = columns.iter().position(|(c, _)| c == "text").unwrap() + 1;
                insert_names.push("fts".into());
                values.push(format!("to_tsvector('simple', ${text}::text)"));
            }
            let insert = format!(
                "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE VALUES ({})",
                insert_names.join(", "),
                values.join(", ")
            );
            let mut select = from
                .prepare(&format!("SELECT {} FROM {table}", names.join(", ")))
                .unwrap();
            let rows: Vec<Vec<Option<String>>> = select
                .query_map([], |r| {
                    (0..columns.len())
                        .map(|i| {
                            Ok(match r.get::<_, Sql>(i)? {
                                Sql::Null => None,
                                Sql::Integer(n) => Some(n.to_string()),
                                Sql::Real(x) => Some(x.to_string()),
                                Sql::Text(s) if columns[i].1 == "jsonb" => {
                                    Some(if serde_json::from_str::<serde_json::Value>(&s).is_ok() {
                                        s
                                    } else {
                                        serde_json::Value::String(s).to_string()
                                    })
                                }
                                Sql::Text(s) => Some(s),
                                Sql::Blob(_) => None,
                            })
                        })
                        .collect()
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for row in rows {
                let params: Vec<&(dyn ToSql + Sync)> =
                    row.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
                to.execute(&insert, &params).unwrap();
            }
        }
    }

    #[test]
    fn every_format_is_the_same_from_postgres_as_from_sqlite() {
        let Some(s) = Scratch::new("same") else {
            return;
        };
        let lite = crate::testutil::sample_store();
        let mut pg = s.store();
        copy(lite.connection(), pg.client());
        let filters = [
            Filter::default(),
            Filter {
                country: Some("SY".into()),
                min_grade: Some(crate::Grade::Weak),
                ..Filter::default()
            },
        ];
        for format in Format::ALL.into_iter().filter(|f| f.available()) {
            for filter in &filters {
                for extras in [false, true] {
                    let options = Options { extras };
                    let mut a = Vec::new();
                    let sa = export(&lite, format, filter, &options, &mut a).unwrap();
                    let mut b = Vec::new();
                    let sb = export_pg(&mut pg, format, filter, &options, &mut b).unwrap();
                    assert_eq!(sa, sb, "{format} {filter:?}");
                    assert!(sa.written > 0, "{format} {filter:?} wrote nothing");
                    assert!(
                        a == b,
                        "{format} {filter:?} differs:\nSQLite:\n{}\nPostgres:\n{}",
                        String::from_utf8_lossy(&a),
                        String::from_utf8_lossy(&b)
                    );
                }
            }
        }
    }

    #[test]
    fn an_unlinked_postgres_store_asks_for_link() {
        let Some(s) = Scratch::new("unlinked") else {
            return;
        };
        let lite = crate::testutil::store_with_unlinked_event();
        let mut pg = s.store();
        copy(lite.connection(), pg.client());
        let err = export_pg(
            &mut pg,
            Format::AcledCsv,
            &Filter::default(),
            &Options::default(),
            Vec::new(),
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::NotLinked {
                    events: 1,
                    documents: 1
                }
            ),
            "{err}"
        );
    }
}
