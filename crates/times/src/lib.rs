//! sitrep-times: temporal expressions, normalised against the publication date.
//!
//! The [`TimeTagger`] stage fills `Analysis::times` with TIMEX3-style
//! [`TimeExpr`]s: a span, an ISO 8601 / TIMEX3 value ("2015-06-01",
//! "2015-W22", "2015-Q2", "P2D", "PAST_REF"), a type (DATE, TIME, DURATION,
//! SET), a precision (`day`, `week`, `month`, `quarter`, `year`, `decade`,
//! `century`, `unknown`) and the id of the rule that produced it.
//!
//! Who does what:
//! - [`lexicon`] parses the word lists in `data/times/` (month and weekday
//!   names, number words, units, hedges, tense cues, fixed-date holidays,
//!   fixed vague expressions, and the grammar's word classes in
//!   `words.tsv`: reporting verbs, comparison words, modals...);
//! - [`recognize`] scans each sentence's tokens with a small hand-written
//!   grammar and computes values;
//! - [`calendar`] does the date arithmetic. Relative expressions follow news
//!   usage: a bare weekday is the nearest past-or-same day ("Tuesday" in an
//!   article of Tuesday 2015-06-02 is 2015-06-02, "Monday" is 2015-06-01)
//!   unless a future cue ("will", "next", "scheduled") is the nearest tense
//!   cue; month-days without a year take the year that puts them closest to
//!   the publication date, constrained by tense.
//! - [`eval`] scores the stage on TimeBank 1.2.
//!
//! Without a publication date, relative expressions keep placeholders
//! ("XXXX-XX-XX", "XXXX-06-01") and their rule id ends in `:unanchored`.
//!
//! The stage does not decide which time an event happened at; the events
//! stage does, with [`time_for`], [`event_time`], [`acled_time_precision`]
//! and [`ucdp_date_prec`].
//!
//! ```
//! use chrono::NaiveDate;
//! use sitrep_core::{Analysis, Doc, DocMeta, Stage};
//! use sitrep_times::TimeTagger;
//!
//! let meta = DocMeta {
//!     published: NaiveDate::from_ymd_opt(2015, 6, 2),
//!     ..DocMeta::default()
//! };
//! let doc = Doc::with_meta("d", "The embassy tweeted on June 1. On Tuesday, officials denied it.", meta);
//! let mut analysis = Analysis::default();
//! TimeTagger::load_default().unwrap().annotate(&doc, &mut analysis);
//! let values: Vec<&str> = analysis.times.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["2015-06-01", "2015-06-02"]);
//! ```

use std::sync::OnceLock;

use chrono::NaiveDate;
use sitrep_core::{Analysis, Doc, DocMeta, EventTime, Stage, TimeExpr};

pub mod calendar;
pub mod eval;
pub mod lexicon;
pub mod recognize;

use lexicon::Lexicon;
use recognize::{Hit, Scanner};

/// Errors raised while loading this stage's knowledge or its evaluation data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data file in `data/times/` is malformed.
    #[error("{0}")]
    Load(String),
    /// An evaluation file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// An evaluation file is not well-formed TimeML.
    #[error("{path}: {message}")]
    Xml { path: String, message: String },
}

/// Fills `Analysis::times`.
#[derive(Debug)]
pub struct TimeTagger {
    lex: Lexicon,
}

impl TimeTagger {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<TimeTagger, Error> {
        Ok(TimeTagger {
            lex: Lexicon::load()?,
        })
    }

    /// Tag `doc` against publication date `anchor` (the document's own date
    /// is ignored): the expressions in text order.
    pub fn tag(&self, doc: &Doc, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
        // One pass over the whole document: a few expressions ("Jun. 1")
        // straddle the sentence splitter's boundaries. Tense cues stay
        // within a sentence.
        let mut hits: Vec<Hit> = Vec::new();
        Scanner::new(doc, &self.lex, 0..doc.tokens.len(), anchor).scan(&mut hits);
        hits.into_iter()
            .filter(|h| h.first < h.end && h.end <= doc.tokens.len())
            .map(|h| TimeExpr {
                span: doc.span(doc.tokens[h.first].start, doc.tokens[h.end - 1].end),
                value: h.value,
                kind: h.kind.to_string(),
                precision: h.precision.to_string(),
                rule: h.rule,
            })
            .collect()
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "times"
    }

    fn annotate(&self, doc: &Doc, analysis: &mut Analysis) {
        analysis.times = self.tag(doc, doc.meta.published);
    }
}

fn shared() -> Option<&'static TimeTagger> {
    static TAGGER: OnceLock<Option<TimeTagger>> = OnceLock::new();
    TAGGER
        .get_or_init(|| TimeTagger::load_default().ok())
        .as_ref()
}

/// Normalise one expression ("last week", "June 1") against `published`:
/// the value and precision of the first expression found in `text`.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2015, 6, 2).unwrap();
/// assert_eq!(
///     sitrep_times::resolve("two days ago", d),
///     Some(("2015-05-31".to_string(), "day".to_string()))
/// );
/// ```
pub fn resolve(text: &str, published: NaiveDate) -> Option<(String, String)> {
    let tagger = shared()?;
    let doc = Doc::with_meta(
        "resolve",
        text,
        DocMeta {
            published: Some(published),
            ..DocMeta::default()
        },
    );
    tagger
        .tag(&doc, Some(published))
        .into_iter()
        .next()
        .map(|t| (t.value, t.precision))
}

/// ACLED `time_precision` for a precision: 1 exact day, 2 a week (or a
/// range of days within one), 3 a month or anything coarser or unknown.
pub fn acled_time_precision(precision: &str) -> u8 {
    match precision {
        "day" => 1,
        "week" => 2,
        _ => 3,
    }
}

/// UCDP GED `date_prec` for a precision: 1 exact day, 2 a span of 2–6 days,
/// 3 a week, 4 a month, 5 a year or coarser (and unknown).
pub fn ucdp_date_prec(precision: &str) -> u8 {
    match precision {
        "day" => 1,
        "days" => 2,
        "week" => 3,
        "month" => 4,
        _ => 5,
    }
}

/// True when a TIMEX3 value names a calendar period an event can sit in
/// ("2015-06-01", "2015-W22", "2015-06", "2015"), not a duration, set or
/// vague reference.
pub fn is_calendar_value(value: &str) -> bool {
    value.len() >= 4 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// Index into `times` of the date that governs the word at byte offset
/// `at` (an event trigger): the nearest DATE or TIME with a calendar value in
/// the same sentence, the one before winning a tie. `None` sends the caller
/// to the publication-date fallback of [`event_time`].
pub fn time_for(doc: &Doc, times: &[TimeExpr], at: usize) -> Option<usize> {
    let s = doc.sentences.get(doc.sentence_at(at))?;
    let mut best: Option<(usize, usize)> = None;
    for (i, t) in times.iter().enumerate() {
        if t.span.byte_start < s.start || t.span.byte_end > s.end {
            continue;
        }
        if !(t.kind == "DATE" || t.kind == "TIME") || !is_calendar_value(&t.value) {
            continue;
        }
        let dist = if t.span.byte_end <= at {
            (at - t.span.byte_end) * 2
        } else {
            t.span.byte_start.saturating_sub(at) * 2 + 1
        };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The event time for an event whose clause holds time expression `index`
/// (into `times`), falling back to the publication date with
/// `fallback = true` and week precision (ACLED 2) when there is none or it is
/// not a calendar date.
/// Returns `None` when neither is known.
pub fn event_time(
    times: &[TimeExpr],
    index: Option<usize>,
    published: Option<NaiveDate>,
) -> Option<EventTime> {
    if let Some(t) = index.and_then(|i| times.get(i).map(|t| (i, t))) {
        let (i, t) = t;
        if (t.kind == "DATE" || t.kind == "TIME") && is_calendar_value(&t.value) {
            // A TIME value's day part is the event day.
            let value = t.value.split('T').next().unwrap_or(&t.value).to_string();
            return Some(EventTime {
                value,
                precision: t.precision.clone(),
                time_precision: acled_time_precision(&t.precision),
                time: Some(i),
                fallback: false,
            });
        }
    }
    // With no date of its own the event happened on or shortly before the
    // publication day: record that day, but only at week precision.
    published.map(|d| EventTime {
        value: calendar::fmt_day(d),
        precision: "week".to_string(),
        time_precision: acled_time_precision("week"),
        time: None,
        fallback: true,
    })
}

#[cfg(test)]
mod tests;
