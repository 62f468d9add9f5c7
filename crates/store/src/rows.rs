//! Writing one [`Report`]'s flat rows ([`crate::flat`]) into the SQLite
//! `events`, `claims`, `claim_events`, `places` and `actors` tables.
//!
//! What the columns hold is decided in `flat.rs`, shared with the Postgres
//! store; this module only binds the values with rusqlite.

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{params, params_from_iter, Connection, ToSql};
use sitrep_analyze::Report;

use crate::flat::{flatten, Val};
use crate::Rows;

impl ToSql for Val<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::Owned(Value::Null),
            Val::Int(n) => ToSqlOutput::from(*n),
            Val::Real(x) => ToSqlOutput::from(*x),
            Val::Text(s) => ToSqlOutput::from(s.as_ref()),
            Val::Bool(b) => ToSqlOutput::from(*b),
        })
    }
}

pub(crate) fn insert(tx: &Connection, doc: i64, report: &Report) -> rusqlite::Result<Rows> {
    let flat = flatten(doc, report);
    for (table, rows) in &flat.tables {
        let mut stmt = tx.prepare_cached(&table.insert_sql('?'))?;
        for row in rows {
            stmt.execute(params_from_iter(row.iter()))?;
        }
    }
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO claim_events (document, claim, event) VALUES (?1, ?2, ?3)",
    )?;
    for &(claim, event) in &flat.claim_events {
        link.execute(params![doc, claim, event])?;
    }
    Ok(Rows::of(report))
}
