//! Writing one [`Report`]'s flat rows ([`crate::flat`]) into the Postgres
//! `events`, `claims`, `claim_events`, `places` and `actors` tables.
//!
//! What the columns hold is decided in `flat.rs`, shared with the SQLite
//! store; this module only binds the values (i64 as BIGINT, booleans as
//! BOOLEAN). Each value is type-checked against its column by the inner
//! type's own `to_sql_checked`.

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type};
use postgres::Transaction;
use sitrep_analyze::Report;

use crate::flat::{flatten, Val};
use crate::Rows;

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Val<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(n) => n.to_sql(ty, out),
            Val::Real(x) => x.to_sql(ty, out),
            Val::Text(s) => s.as_ref().to_sql(ty, out),
            Val::Bool(b) => b.to_sql(ty, out),
        }
    }

    /// Any column type may be asked for: [`ToSql::to_sql_checked`] checks
    /// the value's own type against it.
    fn accepts(_: &Type) -> bool {
        true
    }

    fn to_sql_checked(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(n) => n.to_sql_checked(ty, out),
            Val::Real(x) => x.to_sql_checked(ty, out),
            Val::Text(s) => s.as_ref().to_sql_checked(ty, out),
            Val::Bool(b) => b.to_sql_checked(ty, out),
        }
    }
}

pub(crate) fn insert(
    tx: &mut Transaction<'_>,
    doc: i64,
    report: &Report,
) -> Result<Rows, postgres::Error> {
    let flat = flatten(doc, report);
    for (table, rows) in &flat.tables {
        let stmt = tx.prepare(&table.insert_sql('$'))?;
        for row in rows {
            let params: Vec<&(dyn ToSql + Sync)> =
                row.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            tx.execute(&stmt, &params)?;
        }
    }
    let link = tx.prepare(
        "INSERT INTO claim_events (document, claim, event) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )?;
    for &(claim, event) in &flat.claim_events {
        tx.execute(&link, &[&doc, &claim, &event])?;
    }
    Ok(Rows::of(report))
}
