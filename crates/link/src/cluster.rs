//! In-memory cross-document clustering: the same scoring as the store path,
//! without a database. Used by the ECB+ evaluation and by tests.
//!
//! Owns [`Mention`] and [`cluster`]. Greedy, incremental and deterministic:
//! mentions are taken in publication order (then document key, then input
//! order), each joins the best-scoring existing cluster that
//! [`Score::joins`](crate::score::Score::joins), else starts a new one. A
//! cluster is represented by a [`Sig`] refined as events join, exactly as an
//! `incidents` row is in the store. It does not read or write the store.

use chrono::NaiveDate;
use sitrep_core::Event;

use crate::score::{score, Score, Sig};

/// One event mention in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Key of the document it is in.
    pub doc: String,
    /// Publication date of the document (the fallback event date).
    pub published: Option<NaiveDate>,
    /// Outlet of the document, when known.
    pub outlet: Option<String>,
    pub event: Event,
}

impl Mention {
    /// The signature linking compares.
    pub fn sig(&self) -> Sig {
        Sig::of_event(&self.event, &self.doc, self.published)
    }
}

/// A decision of [`cluster_explained`]: which cluster a mention went to,
/// and the score against it (None when it founded the cluster).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub cluster: usize,
    pub score: Option<Score>,
}

/// Cluster mentions into cross-document incidents: one cluster id per
/// mention, ids numbered from 0 in order of first appearance in the input.
/// Hypothetical, future and negated events stay singletons.
pub fn cluster(mentions: &[Mention]) -> Vec<usize> {
    cluster_explained(mentions)
        .into_iter()
        .map(|a| a.cluster)
        .collect()
}

/// [`cluster`], with the score behind each join.
pub fn cluster_explained(mentions: &[Mention]) -> Vec<Assignment> {
    let sigs: Vec<Sig> = mentions.iter().map(Mention::sig).collect();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&mentions[a], &mentions[b]);
        (x.published, &x.doc, a).cmp(&(y.published, &y.doc, b))
    });
    let mut reps: Vec<Sig> = Vec::new();
    let mut raw: Vec<Option<(usize, Option<Score>)>> = vec![None; mentions.len()];
    for &i in &order {
        let s = &sigs[i];
        let mut best: Option<(usize, Score)> = None;
        if s.factuality.is_occurrence() {
            for (c, rep) in reps.iter().enumerate() {
                if !rep.factuality.is_occurrence() {
                    continue;
                }
                let sc = score(s, rep);
                if sc.joins() && best.as_ref().is_none_or(|(_, b)| sc.total > b.total) {
                    best = Some((c, sc));
                }
            }
        }
        raw[i] = Some(match best {
            Some((c, sc)) => {
                reps[c].refine(s);
                (c, Some(sc))
            }
            None => {
                let mut rep = s.clone();
                rep.doc.clear();
                reps.push(rep);
                (reps.len() - 1, None)
            }
        });
    }
    // Renumber by first appearance in the input.
    let mut renum: Vec<Option<usize>> = vec![None; reps.len()];
    let mut next = 0;
    raw.into_iter()
        .map(|r| {
            let (c, sc) = r.unwrap_or((0, None));
            let id = *renum[c].get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            Assignment {
                cluster: id,
                score: sc,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{AcledType, Actor, EventTime, Factuality, Place, Plover, Span};

    fn event(place: (u64, f64, f64), day: &str, actor: &str, f: Factuality) -> Event {
        Event {
            trigger: Span {
                text: "airstrikes".into(),
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
                ..Actor::default()
            }),
            place: Some(Place {
                geonameid: Some(place.0),
                lat: Some(place.1),
                lon: Some(place.2),
                country: Some("SY".into()),
                admin1: Some("09".into()),
                geo_precision: 1,
                where_prec: 1,
                feature: "city".into(),
                ..Place::default()
            }),
            time: Some(EventTime {
                value: day.into(),
                precision: "day".into(),
                time_precision: 1,
                ..EventTime::default()
            }),
            factuality: f,
            ..Event::default()
        }
    }

    fn m(doc: &str, e: Event) -> Mention {
        Mention {
            doc: doc.into(),
            published: NaiveDate::from_ymd_opt(2015, 6, 2),
            outlet: None,
            event: e,
        }
    }

    const ALEPPO: (u64, f64, f64) = (170063, 36.2021, 37.1343);
    const AL_BAB: (u64, f64, f64) = (174018, 36.3705, 37.5157);

    #[test]
    fn one_cluster_per_real_event() {
        let a = Factuality::Asserted;
        let ms = vec![
            m("seed", event(ALEPPO, "2015-06-01", "SYRGOV", a)),
            m("seed", event(AL_BAB, "2015-06-01", "SYRGOV", a)),
            m(
                "wire",
                event(AL_BAB, "2015-06-01", "SYRMIL", Factuality::Alleged),
            ),
            m("wire", event(ALEPPO, "2015-06-01", "SYRGOV", a)),
            m(
                "deny",
                event(ALEPPO, "2015-06-01", "SYRGOV", Factuality::Denied),
            ),
        ];
        assert_eq!(cluster(&ms), vec![0, 1, 1, 0, 0]);
    }

    #[test]
    fn hypothetical_events_stay_alone() {
        let ms = vec![
            m(
                "a",
                event(ALEPPO, "2015-06-01", "SYRGOV", Factuality::Asserted),
            ),
            m(
                "b",
                event(ALEPPO, "2015-06-01", "SYRGOV", Factuality::Hypothetical),
            ),
        ];
        assert_eq!(cluster(&ms), vec![0, 1]);
    }

    #[test]
    fn input_order_does_not_change_the_partition() {
        let a = Factuality::Asserted;
        let ms = vec![
            m("b", event(ALEPPO, "2015-06-01", "SYRGOV", a)),
            m("a", event(AL_BAB, "2015-06-01", "SYRGOV", a)),
            m("a", event(ALEPPO, "2015-06-01", "SYRGOV", a)),
        ];
        let mut rev = ms.clone();
        rev.reverse();
        let (x, mut y) = (cluster(&ms), cluster(&rev));
        y.reverse();
        let same = |c: &[usize], i: usize, j: usize| c[i] == c[j];
        assert!(same(&x, 0, 2) && same(&y, 0, 2));
        assert!(!same(&x, 0, 1) && !same(&y, 0, 1));
    }
}
