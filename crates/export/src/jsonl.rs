//! The `jsonl` export: the full record, one incident per line. Every
//! `incidents` column (with `grade_inputs` parsed), the ACLED-derived
//! fields a reader would otherwise recompute (`disorder_type`, country name,
//! region), the events linked into the incident with their documents and
//! the claims behind them (source, cue, content, stance, via), and the link
//! decisions that built it. Owns only this layout.

use std::io::Write;

use serde::Serialize;

use crate::read::{Decision, Incident, LinkedEvent, Source};
use crate::{Error, Tables};

/// One line of the JSONL export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FullRecord<'a> {
    #[serde(flatten)]
    pub incident: &'a Incident,
    pub disorder_type: &'a str,
    pub country_name: Option<&'a str>,
    pub region: Option<&'a str>,
    pub events: Vec<LinkedEvent>,
    pub decisions: Vec<Decision>,
}

/// Write one full record per line; returns the number written.
pub fn write<W: Write>(
    src: &mut dyn Source,
    incidents: &[Incident],
    tables: &Tables,
    mut out: W,
) -> Result<usize, Error> {
    for inc in incidents {
        let country = inc.country.as_deref().and_then(|c| tables.country(c));
        let rec = FullRecord {
            incident: inc,
            disorder_type: tables.disorder_type(&inc.event_type, &inc.sub_event_type),
            country_name: country.map(|c| c.name.as_str()),
            region: country.map(|c| c.region.as_str()),
            events: src.linked_events(inc.id)?,
            decisions: src.decisions(inc.id)?,
        };
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(incidents.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::sample_store;
    use crate::Filter;
    use serde_json::Value;

    fn sample() -> Vec<Value> {
        let store = sample_store();
        let conn = store.connection();
        let incidents = crate::read::incidents(conn, &Filter::default(), None).unwrap();
        let mut out = Vec::new();
        let mut src = crate::read::Sqlite(conn);
        write(&mut src, &incidents, &Tables::builtin().unwrap(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn one_line_per_incident_with_every_column() {
        let recs = sample();
        assert_eq!(recs.len(), 4);
        let ids: Vec<_> = recs.iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![2, 1, 3, 4]);
        let r = &recs[1];
        for col in [
            "event_type",
            "actor1_code",
            "inter2",
            "where_prec",
            "fatalities_high",
            "injured_best",
            "perpetrator_grade",
            "source_scale",
            "created_at",
        ] {
            assert!(r.get(col).is_some(), "missing {col}");
        }
        assert_eq!(r["grade_inputs"]["denials"], 1);
        assert_eq!(r["disorder_type"], "Political violence");
        assert_eq!(r["country_name"], "Syria");
        assert_eq!(r["civilian_targeting"], true);
        // Grade inputs that are not JSON are kept as text.
        assert_eq!(recs[0]["grade_inputs"], "not json");
    }

    #[test]
    fn linked_events_carry_documents_and_claims() {
        let recs = sample();
        let events = recs[1]["events"].as_array().unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0]["document"]["doc_id"], "a1");
        assert_eq!(events[0]["document"]["record"], "batch.jsonl:1");
        assert_eq!(events[0]["trigger_text"], "struck");
        let claim = &events[0]["claims"][0];
        assert_eq!(claim["source_text"], "the Syrian Observatory");
        assert_eq!(claim["cue_text"], "said");
        assert_eq!(claim["stance"], "assert");
        assert_eq!(claim["via"], "Reuters");
        assert_eq!(events[1]["claims"][0]["stance"], "deny");
        assert_eq!(events[1]["score"], 0.82);
        let decisions = recs[1]["decisions"].as_array().unwrap();
        assert_eq!(decisions[1]["decision"], "join");
        assert_eq!(decisions[1]["detail"]["candidates"][0]["score"], 0.82);
        // An incident with no linked events still has the (empty) lists.
        assert_eq!(recs[3]["events"], serde_json::json!([]));
    }
}
