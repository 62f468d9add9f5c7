//! Where and when an event happened: the place and time arguments of a
//! trigger, and the publication-date fallback with its precision flags.
//!
//! Owns the choice among place and time mentions that earlier stages
//! (places, times) put in the layers; it must not recognise or resolve
//! places or dates itself, nor choose actors (that is `args`).

use crate::args::Arg;
use crate::sentence::Sent;
use sitrep_core::EventTime;

/// The event's place: a literal toponym in the clause introduced by a place
/// preposition ("in and around Aleppo", "on the town of al-Bab"), else the
/// nearest toponym in the sentence.
pub fn place(s: &Sent, first: usize, last: usize) -> Option<Arg> {
    let lb = s.clause_start(first);
    // ", including …" / ", notably …" continue the clause's list of places.
    let mut rb = s.clause_end(last);
    while rb + 1 < s.len()
        && s.words[rb] == ","
        && s.lx.is("place_list_continuation", s.words[rb + 1])
    {
        rb = s.clause_end(rb + 1);
    }
    let mut best: Option<(usize, Arg)> = None;
    let mut k = 0;
    while k < s.len() {
        let Some(p) = s.place_of[k] else {
            k += 1;
            continue;
        };
        let start = k;
        while k < s.len() && s.place_of[k] == Some(p) {
            k += 1;
        }
        // Is it introduced by a place preposition within 4 tokens?
        let mut pp = false;
        let mut j = start;
        let mut steps = 0;
        while j > 0 && steps < 5 {
            j -= 1;
            steps += 1;
            if s.lx.is("place_prep", s.words[j])
                || s.lx.cue_ending_at("place_prep", &s.words, j).is_some()
            {
                pp = true;
                break;
            }
            if s.is_boundary(j) || s.words[j] == "," || (j >= first && j <= last) {
                break;
            }
        }
        let dist = if start > last {
            start - last
        } else {
            first.saturating_sub(start)
        };
        let in_clause = start >= lb && start <= rb + 6;
        // Outside the clause only a locative PP counts ("… said, in Aleppo"): a
        // country named as an actor elsewhere in the sentence is not the place.
        if !in_clause && !pp {
            continue;
        }
        // Within the clause the finest place wins: "airstrikes in the Aleppo
        // province, including … on the town of al-Bab" happened in al-Bab.
        let coarseness = usize::from(s.place_precision(p).saturating_sub(1)) * 50;
        let score = match (pp && in_clause, in_clause) {
            (true, _) => coarseness + dist,
            (false, true) => 100 + dist,
            _ => 1000 + dist,
        };
        let rule = if pp && in_clause {
            "place:in-PP"
        } else if in_clause {
            "place:same-clause"
        } else {
            "place:in-PP-elsewhere-in-sentence"
        };
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((
                score,
                Arg {
                    index: p,
                    tok: start,
                    rule,
                },
            ));
        }
    }
    best.map(|(_, a)| a)
}

/// The nearest time expression in the sentence with a calendar value.
pub fn time(s: &Sent, first: usize, times: &[sitrep_core::TimeExpr]) -> Option<Arg> {
    let mut best: Option<(usize, Arg)> = None;
    for k in 0..s.len() {
        let Some(t) = s.time_of[k] else { continue };
        if k > 0 && s.time_of[k - 1] == Some(t) {
            continue;
        }
        let v = &times[t].value;
        if !v.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let d = k.abs_diff(first);
        if best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((
                d,
                Arg {
                    index: t,
                    tok: k,
                    rule: "time:same-sentence",
                },
            ));
        }
    }
    best.map(|(_, a)| a)
}

/// The event's time: the time argument of the trigger when there is one,
/// else the publication date flagged as a fallback. Pushes the rule used.
pub fn event_time(
    s: &Sent,
    first: usize,
    times: &[sitrep_core::TimeExpr],
    published: Option<chrono::NaiveDate>,
    rules: &mut Vec<String>,
) -> Option<EventTime> {
    match time(s, first, times) {
        Some(t) => {
            rules.push(t.rule.to_string());
            times.get(t.index).map(|te| EventTime {
                value: te.value.clone(),
                precision: te.precision.clone(),
                time_precision: match te.precision.as_str() {
                    "day" | "time" | "minute" | "hour" => 1,
                    "week" | "weekend" => 2,
                    _ => 3,
                },
                time: Some(t.index),
                fallback: false,
            })
        }
        None => published.map(|d| {
            rules.push("time:publication-date-fallback".into());
            // The report date bounds the event only loosely: ACLED precision 2, not 1.
            EventTime {
                value: d.format("%Y-%m-%d").to_string(),
                precision: "day".into(),
                time_precision: 2,
                time: None,
                fallback: true,
            }
        }),
    }
}
