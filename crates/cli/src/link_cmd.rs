//! `sitrep link`: link stored reports into incidents across documents.
//!
//! Owns the flags and the printed summary only; near duplicates, linking and
//! grading live in `sitrep-link`.

use std::process::ExitCode;

use anyhow::{Context, Result};
use sitrep_store::Store;

/// Flags of `sitrep link`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: a SQLite file or a postgres://… URL.
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
    /// Clear every incident and link all stored documents again.
    #[arg(long)]
    pub relink: bool,
    /// Print the decisions (joins, new incidents, scores) behind one incident
    /// instead of linking.
    #[arg(long, value_name = "INCIDENT_ID")]
    pub explain: Option<i64>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.db.starts_with("postgres://") || args.db.starts_with("postgresql://") {
        return crate::worker_cmd::link_postgres(&args.db, args.relink, args.explain);
    }
    let mut store = Store::open(&args.db).with_context(|| format!("opening {}", args.db))?;
    if let Some(id) = args.explain {
        return explain(&store, id);
    }
    let sum = if args.relink {
        sitrep_link::relink(&mut store)
    } else {
        sitrep_link::link_pending(&mut store)
    }
    .context("linking")?;
    let conn = store.connection();
    let (incidents, by_grade): (i64, String) = (
        conn.query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?,
        {
            let mut st = conn
                .prepare("SELECT grade, count(*) FROM incidents GROUP BY grade ORDER BY grade")?;
            let rows = st.query_map([], |r| {
                Ok(format!(
                    "{} {}",
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(0)?
                ))
            })?;
            rows.collect::<Result<Vec<_>, _>>()?.join(", ")
        },
    );
    eprintln!(
        "link: {} documents linked ({} near duplicates), {} incidents created, {} updated, {} merged away, {} split off; {} incidents in the store ({})",
        sum.documents,
        sum.near_duplicates,
        sum.incidents_created,
        sum.incidents_updated,
        sum.incidents_merged,
        sum.incidents_split,
        incidents,
        if by_grade.is_empty() { "none".to_string() } else { by_grade }
    );
    Ok(ExitCode::SUCCESS)
}

/// The head line of `--explain`.
struct Head {
    kind: String,
    grade: String,
    notes: Option<String>,
    inputs: String,
    when_where: String,
    actor: Option<String>,
}

fn explain(store: &Store, id: i64) -> Result<ExitCode> {
    let conn = store.connection();
    let head: Option<Head> = conn
        .query_row(
            "SELECT event_type || ' / ' || sub_event_type, grade, notes, grade_inputs,
                    coalesce(event_date, '?') || ' ' || coalesce(place_name, '?'), actor1_name
             FROM incidents WHERE id = ?1",
            [id],
            |r| {
                Ok(Head {
                    kind: r.get(0)?,
                    grade: r.get(1)?,
                    notes: r.get(2)?,
                    inputs: r.get(3)?,
                    when_where: r.get(4)?,
                    actor: r.get(5)?,
                })
            },
        )
        .ok();
    let Some(Head {
        kind,
        grade,
        notes,
        inputs,
        when_where,
        actor,
    }) = head
    else {
        // A merged-away incident keeps its decisions: say where it went.
        let gone = sitrep_link::store::explain(conn, id)?;
        if gone.is_empty() {
            eprintln!("no incident {id}");
            return Ok(ExitCode::FAILURE);
        }
        println!("incident {id}: no longer exists");
        print_decisions(&gone);
        return Ok(ExitCode::SUCCESS);
    };
    println!(
        "incident {id}: {kind} — {when_where} — {}",
        actor.unwrap_or_else(|| "?".into())
    );
    println!("  grade: {grade}");
    if let Some(n) = notes {
        println!("  notes: {n}");
    }
    println!("  grade inputs: {inputs}");
    print_decisions(&sitrep_link::store::explain(conn, id)?);
    Ok(ExitCode::SUCCESS)
}

/// One line per decision (join, new, skip, merge, split) and its detail.
fn print_decisions(ds: &[sitrep_link::store::Decision]) {
    for d in ds {
        match d.decision.as_str() {
            "merge" | "split" => println!("  {}: {}", d.decision, summary(&d.detail)),
            _ => println!(
                "  {} document {} event {}: {}",
                d.decision,
                d.document.map(|x| x.to_string()).unwrap_or_default(),
                d.event.map(|x| x.to_string()).unwrap_or_default(),
                d.reason.clone().unwrap_or_default()
            ),
        }
        println!("      {}", d.detail);
    }
}

/// "incidents 4, 8 merged into 2" / "document 3 event 1 split from 5 into 9".
fn summary(detail: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
    let n = |k: &str| v.get(k).and_then(|x| x.as_i64()).map(|x| x.to_string());
    if let Some(m) = v.get("merged").and_then(|m| m.as_array()) {
        let ids: Vec<String> = m.iter().map(|x| x.to_string()).collect();
        return format!(
            "incident(s) {} merged into {} ({})",
            ids.join(", "),
            n("into").unwrap_or_default(),
            v.get("why").and_then(|w| w.as_str()).unwrap_or("")
        );
    }
    format!(
        "document {} event {} split from incident {} into {} ({})",
        n("document").unwrap_or_default(),
        n("event").unwrap_or_default(),
        n("from").unwrap_or_default(),
        n("into").unwrap_or_default(),
        v.get("why").and_then(|w| w.as_str()).unwrap_or("")
    )
}
