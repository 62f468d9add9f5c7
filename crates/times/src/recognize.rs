//! Recognition: finds temporal expressions in one sentence's tokens and
//! normalises them against the publication date.
//!
//! Owns the token-level grammar (weekday, month-day, quantity + unit,
//! relative modifiers, quarters, clock times, sets, vague references). It
//! scans tokens left to right; a cheap hash lookup rejects most tokens, so
//! the cost is a few lookups per token. Lexical knowledge comes from
//! [`crate::lexicon`]; date arithmetic from [`crate::calendar`].

use chrono::{Datelike, NaiveDate};
use sitrep_core::{Doc, TokenKind};

use crate::calendar::{self, Dir};
use crate::lexicon::{Class, Lex, Lexicon, Rel, Unit};

/// One recognised expression: tokens `first..end` of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub first: usize,
    pub end: usize,
    pub kind: &'static str,
    pub value: String,
    pub precision: &'static str,
    pub rule: String,
    /// For "two days earlier" / "a year earlier": the shift that made the
    /// value from the publication date (count, unit shifted, unit of the
    /// value), so that `scan` can redo it from a date the story named.
    pub shift: Option<(i64, Unit, Unit)>,
}

impl Hit {
    fn new(
        first: usize,
        end: usize,
        kind: &'static str,
        value: String,
        precision: &'static str,
        rule: &str,
    ) -> Hit {
        Hit {
            first,
            end,
            kind,
            value,
            precision,
            rule: format!("times:{rule}"),
            shift: None,
        }
    }
}

/// The date an expression names and its finest unit, when it names one
/// (a reference time for later narrative shifts).
fn reference_of(h: &Hit) -> Option<(NaiveDate, Unit)> {
    if h.kind != "DATE" && h.kind != "TIME" {
        return None;
    }
    let v = h.value.as_str();
    let num = |a: usize, b: usize| v.get(a..b).and_then(|x| x.parse::<u32>().ok());
    let year = v.get(..4).and_then(|x| x.parse::<i32>().ok())?;
    match h.precision {
        "day" => NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?).map(|d| (d, Unit::Day)),
        "month" if v.len() == 7 => {
            NaiveDate::from_ymd_opt(year, num(5, 7)?, 1).map(|d| (d, Unit::Month))
        }
        "year" if v.len() == 4 => NaiveDate::from_ymd_opt(year, 1, 1).map(|d| (d, Unit::Year)),
        _ => None,
    }
}

/// Scanner over the tokens `lo..hi` of one sentence.
pub struct Scanner<'a> {
    doc: &'a Doc,
    lex: &'a Lexicon,
    lo: usize,
    hi: usize,
    anchor: Option<NaiveDate>,
    /// The word-class set of each token `lo..hi` (`data/times/words.tsv`),
    /// looked up once: several rules test the same tokens.
    classes: Vec<u64>,
}

const UNANCHORED: &str = ":unanchored";
/// Placeholder value of an anaphoric expression, resolved in [`Scanner::scan`].
const ANAPHOR: &str = "ANAPHOR:";
/// Placeholder value of "the following year" / "the previous day":
/// `NARRATIVE:<shift>:<D|W|M|Y>`, resolved in [`Scanner::scan`].
const NARRATIVE: &str = "NARRATIVE:";
/// Placeholder value of an expression that names the quarter the text is
/// about ("the quarter", "the 1988 period", "the same period last year"):
/// `QUARTER_CTX:<year>|<fallback>`, where `<year>` is a shift from the
/// quarter last named (`-1`) or an absolute year (`=1988`), and `<fallback>`
/// is the value used when no quarter was named (empty: not an expression).
/// Resolved in [`Scanner::scan`].
const QUARTER_CTX: &str = "QUARTER_CTX:";
/// Rule marker of a comparison period, which does not change the quarter
/// the text is about.
const COMPARISON: &str = ":comparison";
/// Placeholder value of "overnight": the night before the day the
/// narrative is at (a day named in the same or the previous sentence,
/// "stocks fell Friday ... overnight losses in New York"), else the night
/// before the publication day. Resolved in [`Scanner::scan`].
const OVERNIGHT: &str = "OVERNIGHT";
/// Placeholder value of "the day" in "earlier in the day" / "later in the
/// day": the day the narrative is at, else the publication day.
const STORY_DAY: &str = "STORY_DAY";
/// Placeholder value of "the week" ("Friday's profit-taking ended the
/// week's buying fever"): the week of the day the narrative is at, else the
/// publication week.
const STORY_WEEK: &str = "STORY_WEEK";
/// Placeholder value of a part of day or a clock time with no day of its
/// own ("in the morning", "at 3 a.m."): `POD:<code>` or `POD:<HH:MM>`, on
/// the day the narrative is at (a day named in the same or the previous
/// sentence, not the day of a report), else on the publication day.
const PART_OF_DAY: &str = "POD:";
const REACH: usize = 1;
/// A month-day without a year that lies more than this many days after the
/// publication date is last year's when the clause's tense cues are all past
/// ("attacked the village on Dec. 2" in June). Nearer dates keep the nearest
/// reading: an event date given as the publication date often lags.
const PAST_AHEAD_DAYS: i64 = 60;

/// Resolve a [`QUARTER_CTX`] placeholder against the quarter last named.
/// Returns false when the hit is not an expression after all.
fn resolve_quarter_ctx(h: &mut Hit, rest: &str, quarter: Option<(i32, u32)>) -> bool {
    let (year, fallback) = rest.split_once('|').unwrap_or((rest, ""));
    let resolved = quarter.and_then(|(y, q)| {
        let y = match year.strip_prefix('=') {
            Some(abs) => abs.parse().ok()?,
            None => y + year.parse::<i32>().ok()?,
        };
        Some(calendar::fmt_quarter(y, q))
    });
    match resolved {
        Some(v) => {
            h.value = v;
            h.precision = "quarter";
            h.rule.push_str(":quarter_context");
        }
        None if fallback.is_empty() => return false,
        None => {
            h.precision = if parse_quarter(fallback).is_some() {
                "quarter"
            } else if fallback.len() == 4 {
                "year"
            } else {
                "unknown"
            };
            h.value = fallback.to_string();
        }
    }
    true
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// "1st", "22nd", "20th" → number.
fn ordinal_digits(s: &str) -> Option<u32> {
    let cut = s.find(|c: char| !c.is_ascii_digit())?;
    let (n, suf) = s.split_at(cut);
    if matches!(suf, "st" | "nd" | "rd" | "th") {
        digits(n)
    } else {
        None
    }
}

/// "1989-Q3" → (1989, 3).
fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    Some((
        y.parse().ok()?,
        q.parse().ok().filter(|q| (1..=4).contains(q))?,
    ))
}

fn unit_granularity(unit: Unit) -> Unit {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
        Unit::Fortnight | Unit::Weekend => Unit::Week,
        u => u,
    }
}

impl<'a> Scanner<'a> {
    pub fn new(
        doc: &'a Doc,
        lex: &'a Lexicon,
        tokens: std::ops::Range<usize>,
        anchor: Option<NaiveDate>,
    ) -> Scanner<'a> {
        let hi = tokens.end.min(doc.tokens.len());
        let lo = tokens.start.min(hi);
        Scanner {
            doc,
            lex,
            lo,
            hi,
            anchor,
            classes: (lo..hi).map(|i| lex.classes_of(doc.lower(i))).collect(),
        }
    }

    /// All expressions in the sentence, left to right, not overlapping.
    ///
    /// Discourse context: "that same day" / "that week" / "the same month"
    /// take the last day the text named (TimeML anchoring to a reference
    /// time); with none before them they stay unresolved. Once the text has
    /// named a quarter ("the third
    /// quarter"), "a year ago" / "a year earlier" / "year-earlier" compare
    /// against that quarter (earnings-report usage), so they resolve to the
    /// same quarter a year before rather than to a bare year.
    pub fn scan(&self, out: &mut Vec<Hit>) {
        let mut i = self.lo;
        let mut quarter: Option<(i32, u32)> = None;
        // The quarter the report is about is a fiscal one ("the fiscal
        // first quarter"): its number says nothing of the calendar.
        let mut fiscal = false;
        // A half-year or nine-month figure the report is about ("for the
        // nine months"): "the year-earlier period" after it is as long.
        let mut long_period: Option<String> = None;
        // The last day named: `Some(None)` when it could not be resolved.
        let mut last_day: Option<Option<NaiveDate>> = None;
        // The sentence of the last day named with a resolved date.
        let mut last_day_sentence: Option<(usize, NaiveDate)> = None;
        // The last date the text named and its finest unit, for narrative
        // shifts ("the following month").
        let mut last_ref: Option<(NaiveDate, Unit)> = None;
        // The sentence of `last_ref`.
        let mut last_ref_sentence = 0usize;
        while i < self.hi {
            match self.match_at(i) {
                Some(mut h) if h.end > i => {
                    i = h.end;
                    if let Some(rest) = h.value.strip_prefix(QUARTER_CTX).map(str::to_string) {
                        let period = self.w(h.end - 1) == "period" && rest.starts_with("-1|");
                        if let Some(v) =
                            long_period.as_ref().filter(|_| quarter.is_none() && period)
                        {
                            h.value = v.clone();
                            h.kind = "DURATION";
                            h.precision = "unknown";
                            h.rule.push_str(":long_period");
                        } else if !resolve_quarter_ctx(&mut h, &rest, quarter) {
                            continue;
                        }
                    }
                    if h.precision == "quarter" {
                        // A comparison period ("the year-ago quarter") is
                        // not the period the report is about.
                        if !h.rule.contains(COMPARISON) {
                            // "for the fourth quarter ended Aug. 26": a
                            // fiscal quarter reported as over.
                            let ended = matches!(self.w(h.end), "ended" | "ending");
                            let before = quarter;
                            quarter = self.report_quarter(parse_quarter(&h.value), quarter, ended);
                            long_period = None;
                            if quarter != before && !h.rule.contains(":quarter_context") {
                                fiscal = (h.first.saturating_sub(1).max(self.lo)..h.end)
                                    .any(|k| self.w(k) == "fiscal");
                            }
                        }
                    } else if h.kind == "DURATION" && matches!(h.value.as_str(), "P6M" | "P9M") {
                        // "the first nine months": later comparisons ("a
                        // year earlier") are about the longer period.
                        quarter = None;
                        long_period = Some(h.value.clone());
                    } else if h.rule.ends_with(":one_year") && h.value.len() == 4 {
                        if let Some((y, q)) = quarter {
                            h.value = calendar::fmt_quarter(y - 1, q);
                            h.precision = "quarter";
                            h.rule.push_str(":quarter_context");
                            h.rule.push_str(COMPARISON);
                        }
                    }
                    // "For the quarter ended Sept. 30" after "the fiscal
                    // first quarter": the calendar quarter of the end date;
                    // with no end date, an unknown quarter of the year.
                    if fiscal && h.precision == "quarter" && h.rule.contains(":quarter_context") {
                        if let Some((y, _)) = parse_quarter(&h.value) {
                            let q = matches!(self.w(h.end), "ended" | "ending")
                                .then(|| self.month_at(h.end + 1))
                                .flatten()
                                .map(|m| ((m - 1) / 3 + 1).to_string());
                            h.value = format!("{y:04}-Q{}", q.as_deref().unwrap_or("X"));
                            h.rule.push_str(":fiscal");
                        }
                    }
                    let sentence = self.doc.tokens[h.first].sentence;
                    // "The bridge was hit in 2012. A year earlier, it had
                    // been repaired": a shift back from a date the story
                    // named in this or the previous sentence counts from
                    // that date (TimeML's reference time), unless it is a
                    // comparison with now ("higher than a year earlier") or
                    // an earnings report's quarter already placed it.
                    if let (Some((k, su, g)), Some((d, u))) = (h.shift, last_ref) {
                        let rank = |u: Unit| match u {
                            Unit::Day => 0,
                            Unit::Week | Unit::Fortnight => 1,
                            Unit::Month => 2,
                            Unit::Quarter => 3,
                            _ => 4,
                        };
                        let compared = h.first > self.lo && self.is(h.first - 1, Class::Comparison);
                        if quarter.is_none()
                            && long_period.is_none()
                            && !h.rule.contains("quarter_context")
                            && last_ref_sentence + 1 >= sentence
                            && rank(u) <= rank(g)
                            && !compared
                        {
                            if let Some(nd) = calendar::shift(d, k, su) {
                                let (v, _) = calendar::period_value(nd, g);
                                h.value = v;
                                h.rule = h.rule.replace(":anchor_dct", ":anchor_reference");
                            }
                        }
                    }
                    let near = last_day_sentence
                        .filter(|&(s, _)| s + 1 >= sentence)
                        .map(|(_, d)| d);
                    if let Some(pod) = h.value.strip_prefix(PART_OF_DAY).map(str::to_string) {
                        if near.is_some() {
                            h.rule.push_str(":reference");
                        }
                        h.value = match near.or(self.anchor) {
                            Some(d) => format!("{}T{pod}", calendar::fmt_day(d)),
                            None => {
                                h.rule.push_str(UNANCHORED);
                                format!("XXXX-XX-XXT{pod}")
                            }
                        };
                    } else if h.value == STORY_DAY {
                        if near.is_some() {
                            h.rule.push_str(":reference");
                        }
                        h.value = match near.or(self.anchor) {
                            Some(d) => calendar::fmt_day(d),
                            None => {
                                h.rule.push_str(UNANCHORED);
                                "XXXX-XX-XX".to_string()
                            }
                        };
                    } else if h.value == STORY_WEEK {
                        if near.is_some() {
                            h.rule.push_str(":reference");
                        }
                        let (v, _) = match near.or(self.anchor) {
                            Some(d) => calendar::period_value(d, Unit::Week),
                            None => calendar::unanchored(Unit::Week),
                        };
                        h.value = v;
                    } else if h.value == OVERNIGHT {
                        if near.is_some() {
                            h.rule.push_str(":reference");
                        }
                        let night = near
                            .or(self.anchor)
                            .and_then(|d| calendar::shift(d, -1, Unit::Day));
                        h.value = match night {
                            Some(d) => format!("{}TNI", calendar::fmt_day(d)),
                            None => {
                                h.rule.push_str(UNANCHORED);
                                "XXXX-XX-XXTNI".to_string()
                            }
                        };
                    } else if let Some(rest) = h.value.strip_prefix(NARRATIVE).map(str::to_string) {
                        self.resolve_narrative(&mut h, &rest, last_ref);
                    } else if let Some(unit) = h.value.strip_prefix(ANAPHOR) {
                        let unit = match unit {
                            "D" => Unit::Day,
                            "W" => Unit::Week,
                            "M" => Unit::Month,
                            _ => Unit::Year,
                        };
                        // "that year" / "that month" may also take the last
                        // year or month named ("in 1988 ... that year").
                        // "in March 2014 ... later that year" too.
                        let coarse = match last_ref {
                            Some((d, Unit::Year | Unit::Month | Unit::Day))
                                if unit == Unit::Year =>
                            {
                                Some(d)
                            }
                            Some((d, Unit::Month | Unit::Day)) if unit == Unit::Month => Some(d),
                            _ => None,
                        };
                        match coarse.map(|d| calendar::period_value(d, unit)).or_else(|| {
                            last_day.and_then(|d| d.map(|d| calendar::period_value(d, unit)))
                        }) {
                            Some((v, p)) => {
                                h.value = v;
                                h.precision = p;
                            }
                            // "you have strong redemptions that day": with
                            // no date named before it, a generic day, no
                            // expression.
                            None if last_day.is_none()
                                && (unit == Unit::Day || last_ref.is_none()) =>
                            {
                                continue
                            }
                            None => {
                                let (v, p) = calendar::unanchored(unit);
                                h.value = v;
                                h.precision = p;
                                h.rule.push_str(":unresolved");
                            }
                        }
                    } else if (h.kind == "DATE" || h.kind == "TIME") && h.precision == "day" {
                        self.reported_future(&mut h, out.last(), sentence);
                        let day = h.value.get(..10).unwrap_or("");
                        let parsed = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
                        last_day = Some(parsed);
                        // A night resolved from the story's day does not
                        // move the story to that night's date.
                        // Nor does the day of a report ("a spokeswoman said
                        // Tuesday"): the clock times around it belong to
                        // what was reported.
                        let report_day = (h.first.saturating_sub(2).max(self.lo)..h.first)
                            .any(|b| self.is(b, Class::Reporting))
                            && (h.first - 1..h.first)
                                .all(|b| self.is(b, Class::Reporting) || self.w(b) == "on")
                            // "managers said Friday's selling ...": a subject.
                            && !matches!(self.w(h.end), "'s" | "’s");
                        if (h.value.get(10..) != Some("TNI")
                            || !h.rule.starts_with("times:overnight"))
                            && !report_day
                        {
                            if let Some(d) = parsed {
                                last_day_sentence = Some((sentence, d));
                            }
                        }
                    }
                    if let Some(r) = reference_of(&h) {
                        last_ref = Some(r);
                        last_ref_sentence = sentence;
                    }
                    self.order_weekday_range(out, &h);
                    out.push(h);
                }
                _ => i += 1,
            }
        }
    }

    /// "Officials said on Friday that talks would resume Monday": a bare
    /// weekday ahead of a past reporting day named just before it in the
    /// sentence, with "would" between them, is the first such day after
    /// the reporting day, not after publication.
    fn reported_future(&self, h: &mut Hit, prev: Option<&Hit>, sentence: usize) {
        let Some(prev) = prev else {
            return;
        };
        if h.rule != "times:weekday" || prev.precision != "day" || prev.end > h.first {
            return;
        }
        if self.doc.tokens[prev.first].sentence != sentence
            || !(prev.end..h.first).any(|k| self.w(k) == "would")
        {
            return;
        }
        let day = |v: &str| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
        let (Some(a), Some(said), Some(d)) = (self.anchor, day(&prev.value), day(&h.value)) else {
            return;
        };
        if !(said < a && d > a) {
            return;
        }
        let wd = d.weekday().number_from_monday();
        if let Some(r) = calendar::resolve_weekday(said, wd, Dir::Future, true) {
            h.value = format!(
                "{}{}",
                calendar::fmt_day(r),
                h.value.get(10..).unwrap_or("")
            );
            h.rule.push_str(":reported");
        }
    }

    /// "from Monday to Wednesday": a range of bare weekdays runs forward, so
    /// a start resolved after its end is the week before (published on a
    /// Tuesday, "Monday" alone is yesterday but "Monday to Wednesday" is
    /// last week's).
    fn order_weekday_range(&self, out: &mut [Hit], h: &Hit) {
        let Some(prev) = out.last_mut() else {
            return;
        };
        let bare = |x: &Hit| x.rule == "times:weekday" && x.kind == "DATE";
        if !bare(prev) || !bare(h) || prev.end + 1 != h.first || !self.is(prev.end, Class::RangeTo)
        {
            return;
        }
        let day = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
        if let (Some(a), Some(b)) = (day(&prev.value), day(&h.value)) {
            if a > b {
                if let Some(d) = calendar::shift(a, -7, Unit::Day) {
                    prev.value = calendar::fmt_day(d);
                    prev.rule.push_str(":range");
                }
            }
        }
    }

    /// The quarter a report is about after the text names quarter `named`:
    /// the latest completed quarter named so far (`ended`: the text says it
    /// is over). A quarter not over by the publication date is a forecast ("a fourth-quarter charge") and an
    /// earlier one a digression ("after a flat second quarter").
    fn report_quarter(
        &self,
        named: Option<(i32, u32)>,
        current: Option<(i32, u32)>,
        ended: bool,
    ) -> Option<(i32, u32)> {
        let Some((y, q)) = named else {
            return current;
        };
        let completed = ended
            || self.anchor.is_none_or(|a| {
                let (ay, aq) = calendar::quarter_of(a);
                (y, q) < (ay, aq)
            });
        if completed && current.is_none_or(|c| (y, q) >= c) {
            Some((y, q))
        } else {
            current
        }
    }

    /// Resolve a [`NARRATIVE`] placeholder (`rest` = "<shift>:<unit>")
    /// against the last date named at the unit's granularity or finer, else
    /// against the publication date (days stay unresolved: "the next day"
    /// with no day named before it says nothing about the publication date).
    fn resolve_narrative(&self, h: &mut Hit, rest: &str, last_ref: Option<(NaiveDate, Unit)>) {
        let (n, code) = rest.split_once(':').unwrap_or(("1", "D"));
        let n: i64 = n.parse().unwrap_or(1);
        // "D:MO": a part of the day reached ("the next morning").
        let (code, pod) = code.split_once(':').unwrap_or((code, ""));
        if let Some(wd) = code.strip_prefix("WD").and_then(|w| w.parse::<u32>().ok()) {
            let dir = if n < 0 { Dir::Past } else { Dir::Future };
            let base = match last_ref {
                Some((d, Unit::Day)) => {
                    h.rule.push_str(":reference");
                    Some(d)
                }
                _ => {
                    h.rule.push_str(":publication");
                    self.anchor
                }
            };
            match base.and_then(|d| calendar::resolve_weekday(d, wd, dir, true)) {
                Some(d) => h.value = calendar::fmt_day(d),
                None => {
                    h.value = "XXXX-XX-XX".into();
                    h.rule.push_str(":unresolved");
                }
            }
            return;
        }
        let unit = match code {
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            _ => Unit::Year,
        };
        let rank = |u: Unit| match u {
            Unit::Day => 0,
            Unit::Week => 1,
            Unit::Month => 2,
            _ => 3,
        };
        let base = match last_ref {
            Some((d, u)) if rank(u) <= rank(unit) => {
                h.rule.push_str(":reference");
                Some(d)
            }
            _ if unit == Unit::Day => None,
            _ => {
                h.rule.push_str(":publication");
                self.anchor
            }
        };
        match base.and_then(|d| calendar::shift(d, n, unit)) {
            Some(d) => {
                let (v, p) = calendar::period_value(d, unit);
                h.value = v;
                h.precision = p;
            }
            None => {
                let (v, p) = calendar::unanchored(unit);
                h.value = v;
                h.precision = p;
                h.rule.push_str(":unresolved");
            }
        }
        if !pod.is_empty() {
            h.value = format!("{}T{pod}", h.value);
        }
    }

    // ---- token access -------------------------------------------------

    fn w(&self, i: usize) -> &str {
        if i >= self.lo && i < self.hi {
            self.doc.lower(i)
        } else {
            ""
        }
    }

    /// True when token `i` (in range) belongs to word class `c`.
    fn is(&self, i: usize, c: Class) -> bool {
        i >= self.lo && i < self.hi && self.classes[i - self.lo] & c.bit() != 0
    }

    fn raw(&self, i: usize) -> &str {
        if i >= self.lo && i < self.hi {
            self.doc.token_text(&self.doc.tokens[i])
        } else {
            ""
        }
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        (i >= self.lo && i < self.hi).then(|| self.doc.tokens[i].kind)
    }

    fn is_cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when token `j` starts right where token `i` ends.
    fn touching(&self, i: usize, j: usize) -> bool {
        j < self.hi && self.doc.tokens[i].end == self.doc.tokens[j].start
    }

    fn lexes(&self, i: usize) -> &[Lex] {
        self.lex.get(self.w(i))
    }

    fn has(&self, i: usize, f: impl Fn(&Lex) -> bool) -> bool {
        self.lexes(i).iter().any(f)
    }

    /// Longest entry (single or multi-word) at `i` that `f` accepts; returns
    /// it and the index after it.
    fn entry_at(&self, i: usize, f: impl Fn(&Lex) -> Option<Lex>) -> Option<(Lex, usize)> {
        if let Some(list) = self.lex.phrases.get(self.w(i)) {
            for p in list {
                if p.rest
                    .iter()
                    .enumerate()
                    .all(|(k, t)| self.w(i + 1 + k) == t)
                {
                    if let Some(l) = f(&p.what) {
                        return Some((l, i + 1 + p.rest.len()));
                    }
                }
            }
        }
        self.lexes(i).iter().find_map(&f).map(|l| (l, i + 1))
    }

    fn month_at(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        let m = self.lex.get(w).iter().find_map(|l| match l {
            Lex::Month(m) => Some(*m),
            _ => None,
        })?;
        // Month names must be capitalised; "may" and "march" also need a date next to them.
        if !self.is_cap(i) {
            return None;
        }
        if matches!(w, "may" | "march") {
            let next_num = self.kind(i + 1) == Some(TokenKind::Number);
            let prev_cue = i > self.lo
                && (self.has(i - 1, |l| {
                    matches!(
                        l,
                        Lex::YearCue | Lex::Edge | Lex::Rel(_) | Lex::Every | Lex::Number(_)
                    )
                }) || self.kind(i - 1) == Some(TokenKind::Number));
            if !(next_num || prev_cue) {
                return None;
            }
        }
        Some(m)
    }

    fn weekday_at(&self, i: usize) -> Option<u32> {
        self.lexes(i).iter().find_map(|l| match l {
            Lex::Weekday(d) => Some(*d),
            _ => None,
        })
    }

    fn unit_at(&self, i: usize) -> Option<(Unit, bool)> {
        self.lexes(i).iter().find_map(|l| match l {
            Lex::Unit(u, pl) => Some((*u, *pl)),
            _ => None,
        })
    }

    fn pod_at(&self, i: usize) -> Option<&'static str> {
        self.lexes(i).iter().find_map(|l| match l {
            Lex::Pod(p) => Some(*p),
            _ => None,
        })
    }

    fn season_at(&self, i: usize) -> Option<&'static str> {
        self.lexes(i).iter().find_map(|l| match l {
            Lex::Season(s) => Some(*s),
            _ => None,
        })
    }

    /// "the truce will last 72 hours", "likely to last a week": the verb
    /// (but "fell to last year's level", "up to last week").
    fn last_is_verb(&self, i: usize) -> bool {
        let calendar_word = |k: usize| {
            self.unit_at(k).is_some()
                || self.weekday_at(k).is_some()
                || self.month_at(k).is_some()
                || self.season_at(k).is_some()
                || self.pod_at(k).is_some()
        };
        self.w(i) == "last"
            && i > self.lo
            && !calendar_word(i + 1)
            && self.is(i - 1, Class::AuxLast)
    }

    fn rel_at(&self, i: usize) -> Option<(Rel, usize)> {
        if self.last_is_verb(i) {
            return None;
        }
        self.entry_at(i, |l| matches!(l, Lex::Rel(_)).then_some(*l))
            .and_then(|(l, j)| match l {
                Lex::Rel(r) => Some((r, j)),
                _ => None,
            })
    }

    /// A day of the month: "1", "01", "1st", "first".
    fn day_at(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        let d = digits(w).or_else(|| ordinal_digits(w)).or_else(|| {
            self.lexes(i).iter().find_map(|l| match l {
                Lex::Ordinal(n) => Some(*n),
                _ => None,
            })
        })?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year token.
    fn year_at(&self, i: usize) -> Option<i32> {
        let w = self.w(i);
        if w.len() != 4 {
            return None;
        }
        let y = digits(w)?;
        (1000..=2199).contains(&y).then_some(y as i32)
    }

    /// A count: digits, number words ("twenty-four", "twenty four", "a couple
    /// of"), "a"/"an", or a vague count ("several") as `None`.
    fn number_at(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let w = self.w(i);
        if w == "a" || w == "an" {
            if let Some((l, j)) = self.entry_at(i, |l| {
                matches!(l, Lex::Number(_) | Lex::VagueNum).then_some(*l)
            }) {
                return Some((
                    match l {
                        Lex::Number(n) => Some(n),
                        _ => None,
                    },
                    j,
                ));
            }
            return Some((Some(1), i + 1));
        }
        if self.kind(i) == Some(TokenKind::Number) {
            let n = digits(&w.replace(',', ""))?;
            return Some((Some(n), i + 1));
        }
        if let Some((l, j)) = self.entry_at(i, |l| {
            matches!(l, Lex::Number(_) | Lex::VagueNum).then_some(*l)
        }) {
            return match l {
                Lex::Number(n) => {
                    // "twenty four"
                    if n >= 20 && n % 10 == 0 && n < 100 {
                        if let Some(u) = self.small_number_word(j) {
                            return Some((Some(n + u), j + 1));
                        }
                    }
                    Some((Some(n), j))
                }
                _ => Some((None, j)),
            };
        }
        // "twenty-four"
        let (a, b) = w.split_once('-')?;
        let tens = self.number_word(a)?;
        let unit = self.number_word(b)?;
        (tens >= 20 && tens % 10 == 0 && unit < 10).then_some((Some(tens + unit), i + 1))
    }

    fn number_word(&self, w: &str) -> Option<u32> {
        self.lex.get(w).iter().find_map(|l| match l {
            Lex::Number(n) => Some(*n),
            _ => None,
        })
    }

    fn small_number_word(&self, i: usize) -> Option<u32> {
        self.number_word(self.w(i)).filter(|n| (1..10).contains(n))
    }

    /// Direction suggested by the nearest tense cue around tokens `first..end`.
    fn tense(&self, first: usize, end: usize) -> Option<Dir> {
        self.tense_within(first, end, 8)
    }

    /// Fallback direction from the tense of the whole sentence: the nearest
    /// cue on either side at any distance, reporting verbs ("said", "told")
    /// excepted since they date the report, not what it reports.
    fn clause_tense(&self, first: usize, end: usize) -> Option<Dir> {
        let sent = self.doc.tokens.get(first).map(|t| t.sentence)?;
        let range = self.doc.sentences.get(sent).map(|s| s.tokens.clone())?;
        let lo = self.lo.max(range.start);
        let hi = self.hi.min(range.end);
        let mut best: Option<(usize, Dir)> = None;
        for k in lo..hi {
            if k >= first && k < end {
                continue;
            }
            let w = self.w(k);
            if self.is(k, Class::Reporting) {
                continue;
            }
            // "would be paid in January": the future of a reported plan;
            // "will be named": a participle under a future auxiliary.
            let future_aux =
                |k: usize| self.w(k) == "would" || self.has(k, |l| matches!(l, Lex::Future));
            let dir = if (future_aux(k) && self.cue_dir(k) != Some(Dir::Past))
                || (w.ends_with("ed") && (k.saturating_sub(2).max(lo)..k).any(future_aux))
            {
                Some(Dir::Future)
            } else {
                self.cue_dir(k)
            };
            let dist = if k < first { first - k } else { k + 1 - end };
            if let Some(d) = dir {
                if best.is_none_or(|(bd, _)| dist < bd) {
                    best = Some((dist, d));
                }
            }
        }
        best.map(|(_, d)| d)
    }

    /// The direction token `k` points to, when it is a tense cue: a future
    /// cue ("will", "scheduled"), a plan under "had", "previously" or
    /// "originally" ("had been due to expire Friday": past), "set to" / "supposed to" / "is to" before a
    /// verb ("set to resume Monday": future), or a past form (the lexicon's
    /// irregular forms, or a word in "-ed").
    fn cue_dir(&self, k: usize) -> Option<Dir> {
        let w = self.w(k);
        // "could sign the accord Thursday": a modal looks ahead, "could
        // have happened Monday" back. "May" with a capital is the month.
        if !self.is_cap(k) && self.has(k, |l| matches!(l, Lex::Modal)) {
            return Some(if matches!(self.w(k + 1), "have" | "'ve" | "’ve") {
                Dir::Past
            } else {
                Dir::Future
            });
        }
        // "the start on Monday": a noun; "difficult to meet demand into the
        // summer": an infinitive takes its tense from elsewhere.
        let tenseless = k > self.lo
            && self.is(k, Class::BaseForm)
            && (self.is(k - 1, Class::Determiner) || self.w(k - 1) == "to");
        if self.has(k, |l| matches!(l, Lex::Future)) && !tenseless {
            let pluperfect =
                (k.saturating_sub(2).max(self.lo)..k).any(|b| self.is(b, Class::Pluperfect));
            return Some(if pluperfect { Dir::Past } else { Dir::Future });
        }
        // "is going to fly Thursday" (not "was going to"), "the vote is
        // set for Thursday".
        let present_be = |b: usize| self.is(b, Class::PresentBe);
        if k > self.lo
            && present_be(k - 1)
            && ((w == "going" && self.w(k + 1) == "to") || (w == "set" && self.w(k + 1) == "for"))
        {
            return Some(Dir::Future);
        }
        if matches!(w, "set" | "supposed" | "is" | "are")
            && self.w(k + 1) == "to"
            && self.kind(k + 2) == Some(TokenKind::Word)
            && !self.has(k + 2, |l| matches!(l, Lex::Past))
        {
            return Some(Dir::Future);
        }
        // "the reduced dividend": an "-ed" word after a determiner is an
        // adjective; "expects the sale to be completed by Dec. 15": a
        // passive infinitive takes its tense from the verb it depends on.
        let adjective = k > self.lo && self.is(k - 1, Class::Determiner);
        let passive_infinitive = k >= self.lo + 2 && self.w(k - 1) == "be" && self.w(k - 2) == "to";
        if passive_infinitive {
            return None;
        }
        if self.has(k, |l| matches!(l, Lex::Past))
            || (w.len() > 4
                && w.ends_with("ed")
                && self.kind(k) == Some(TokenKind::Word)
                && !adjective)
        {
            // "will be paid Dec. 14": a participle under a future auxiliary.
            let future_aux = (k.saturating_sub(2).max(self.lo)..k)
                .any(|b| self.w(b) == "would" || self.has(b, |l| matches!(l, Lex::Future)));
            return Some(if future_aux { Dir::Future } else { Dir::Past });
        }
        None
    }

    /// [`Scanner::tense`] with cues at most `reach` tokens away.
    fn tense_within(&self, first: usize, end: usize, reach: usize) -> Option<Dir> {
        self.tense_cues(first, end, reach, false)
    }

    /// [`Scanner::tense_within`]. With `past_only`, reporting verbs ("said")
    /// are skipped, since they date the report, and the answer is the past
    /// only when every cue in reach is a past one ("the scheduled vote on
    /// Sept. 20 was postponed" has a cue each way: none).
    fn tense_cues(&self, first: usize, end: usize, reach: usize, past_only: bool) -> Option<Dir> {
        // Cues count only inside the expression's own sentence.
        let sent = self.doc.tokens.get(first).map(|t| t.sentence)?;
        let range = self.doc.sentences.get(sent).map(|s| s.tokens.clone())?;
        // The window leaves room for skipped prepositions; `dist` decides.
        let from = first
            .saturating_sub(reach + 3)
            .max(self.lo)
            .max(range.start);
        let to = (end + reach.min(6) + 3).min(self.hi).min(range.end);
        let mut best: Option<(usize, Dir)> = None;
        for k in from..to {
            if k >= first && k < end {
                continue;
            }
            // Prepositions between a cue and the expression do not count:
            // "killed on June 5" has the cue right next to the date.
            // A comma after the expression ends its clause: "talks
            // supposed to conclude by May, invited Sinn Fein" takes its
            // direction from "supposed to", not "invited".
            let after = k >= end;
            let between = if k < first { k + 1..first } else { end..k };
            // "has set Nov. 10 as the deadline": the date is what was set,
            // not when ("a record set on Aug. 6" is).
            if k + 1 == first && self.w(k) == "set" {
                continue;
            }
            // A full stop the sentence splitter kept inside ("... in the
            // spring.'' The figures showed ...") ends the clause too.
            if between
                .clone()
                .any(|b| matches!(self.w(b), "." | "!" | "?"))
            {
                continue;
            }
            let dist = 1 + between
                .filter(|&b| !self.is(b, Class::CueGap) && (self.w(b) != "," || after))
                .count();
            if dist > reach || (past_only && self.is(k, Class::Reporting)) {
                continue;
            }
            if let Some(d) = self.cue_dir(k) {
                if past_only && d != Dir::Past {
                    return None;
                }
                if best.is_none_or(|(bd, _)| dist < bd) {
                    best = Some((dist, d));
                }
            }
        }
        best.map(|(_, d)| d)
    }

    // ---- grammar -----------------------------------------------------------

    fn match_at(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        // "Islam will one day be ...", "could one day replace": "one day"
        // between a modal and its verb is some day to come, not a length.
        if w == "one"
            && self.w(i + 1) == "day"
            && i > self.lo
            && self.is(i - 1, Class::OneDayModal)
            && self.kind(i + 2) == Some(TokenKind::Word)
            && !self.is(i + 2, Class::OneDayStop)
        {
            return Some(Hit::new(
                i,
                i + 2,
                "DATE",
                "FUTURE_REF".to_string(),
                "unknown",
                "one_day:future",
            ));
        }
        // "Tuesdays": a plural weekday opens a weekly SET.
        let plural_weekday = || {
            w.strip_suffix('s').is_some_and(|stem| {
                self.lex
                    .get(stem)
                    .iter()
                    .any(|l| matches!(l, Lex::Weekday(_)))
            })
        };
        let trigger = self.lex.is_trigger(w)
            || self.kind(i) == Some(TokenKind::Number)
            || w.contains('-')
            || w == "'"
            || w == "’"
            || matches!(w, "the" | "an" | "that" | "tonight" | "overnight" | "half")
            || plural_weekday()
            || self.holiday(i).is_some();
        if !trigger {
            return None;
        }
        // Hedges and edges stay in the span: "nearly two years", "early June".
        if let Some((l, j)) =
            self.entry_at(i, |l| matches!(l, Lex::Approx | Lex::Edge).then_some(*l))
        {
            if let Some(mut h) = self.core(j) {
                let ok = match l {
                    // "around Nov. 1" (not "about Tuesday's attack").
                    Lex::Approx => {
                        h.kind == "DURATION"
                            || h.kind == "TIME"
                            || h.rule.contains("ago")
                            || (h.kind == "DATE"
                                && self.is(i, Class::DateHedge)
                                && !h.value.ends_with("_REF"))
                    }
                    _ => (h.kind == "DATE" || h.kind == "TIME") && !h.value.ends_with("_REF"),
                };
                if ok {
                    h.first = i;
                    return Some(h);
                }
            }
        }
        let h = self.core(i)?;
        // "some time last week": the vague length hedges the date after it.
        if h.rule == "times:vague" && h.value == "PXX" {
            if let Some(next) = self
                .core(h.end)
                .filter(|n| n.first == h.end && (n.kind == "DATE" || n.kind == "TIME"))
            {
                return Some(Hit { first: i, ..next });
            }
        }
        // "$500 million a year", "358,000 a month": a rate after an amount
        // is not a time of its own (TimeBank leaves it unmarked).
        if h.end == i + 2 && matches!(w, "a" | "an" | "per") && self.after_amount(i) {
            return None;
        }
        if self.in_name(i, h.end) {
            return None;
        }
        Some(h)
    }

    /// True when a capitalised "Today" / "This Week" inside a sentence is
    /// part of a title ("This is VOA Today.", ABC's "This Week With David
    /// Brinkley"): after a capitalised word, or after an opening quote with a
    /// capitalised word after it.
    fn in_name(&self, first: usize, end: usize) -> bool {
        let lower_word = self.has(first, |l| matches!(l, Lex::RelDay(_) | Lex::Rel(_)))
            || self.lex.vague.contains_key(self.w(first));
        if !lower_word || !self.is_cap(first) || self.sentence_start(first) {
            return false;
        }
        let p = first - 1;
        // "Hewlett-Packard Co. Recently, ...": an abbreviation may end the
        // sentence unsplit.
        let cap_word = |k: usize| {
            self.kind(k) == Some(TokenKind::Word) && self.is_cap(k) && !self.w(k).ends_with('.')
        };
        (cap_word(p) && !self.sentence_start(p))
            || (matches!(self.w(p), "\"" | "“" | "``") && cap_word(end))
    }

    /// True when token `i` opens its sentence (opening quotes and brackets
    /// aside).
    fn sentence_start(&self, i: usize) -> bool {
        let mut k = i;
        while k > self.lo && matches!(self.w(k - 1), "\"" | "``" | "(" | "“" | "‘") {
            k -= 1;
        }
        k == self.lo || self.doc.tokens[k - 1].sentence != self.doc.tokens[i].sentence
    }

    /// True when `through` / `until` at `k` closes a range that a time
    /// opened ("this year through August", "January through March").
    fn range_end(&self, k: usize) -> bool {
        k > self.lo
            && (self.kind(k - 1) == Some(TokenKind::Number)
                || self.has(k - 1, |l| matches!(l, Lex::Month(_) | Lex::Unit(..))))
    }

    /// True when an amount (a number, "million", "%") ends right before `i`.
    fn after_amount(&self, i: usize) -> bool {
        i > self.lo
            && (self.kind(i - 1) == Some(TokenKind::Number) || self.is(i - 1, Class::Amount))
    }

    /// True when an amount ends right before `i` and a comparison word
    /// ("compared with", "from", "versus", "than") opens the phrase it
    /// ends: "compared with a loss of $3 million | last year".
    fn amount_compared(&self, i: usize) -> bool {
        if !(self.after_amount(i) || (i > self.lo && self.is(i - 1, Class::EarningsNoun))) {
            return false;
        }
        let sent = self.doc.tokens[i].sentence;
        let mut k = i;
        let mut steps = 0;
        while k > self.lo && steps < 12 {
            k -= 1;
            steps += 1;
            if self.doc.tokens[k].sentence != sent || matches!(self.w(k), "," | ";") {
                return false;
            }
            if self.is(k, Class::CompareWord)
                || (matches!(self.w(k), "with" | "to")
                    && k > self.lo
                    && self.is(k - 1, Class::CompareVerb))
            {
                return true;
            }
        }
        false
    }

    /// The longest expression any matcher finds at `i` (the first of equal
    /// length, in this order). Each candidate is compared as it comes
    /// rather than gathered first: a `Hit` is large and most are `None`.
    fn core(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut take = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        };
        take(self.vague(i));
        take(self.relday(i));
        take(self.weekday_expr(i));
        take(self.month_expr(i));
        take(self.day_month(i));
        take(self.numeric_date(i));
        take(self.year_expr(i));
        take(self.rel_unit(i));
        take(self.quantity(i));
        take(self.half_duration(i));
        take(self.quarter(i));
        take(self.clock(i));
        take(self.set_expr(i));
        take(self.season_expr(i));
        take(self.holiday(i));
        take(self.ordinal_day(i));
        take(self.the_unit(i));
        take(self.anaphor(i));
        take(self.bare_units(i));
        take(self.bare_pod(i));
        best
    }

    fn vague(&self, i: usize) -> Option<Hit> {
        let list = self.lex.vague.get(self.w(i))?;
        for p in list {
            if p.rest
                .iter()
                .enumerate()
                .all(|(k, t)| self.w(i + 1 + k) == t)
            {
                let end = i + 1 + p.rest.len();
                // "soon after", "as soon as", "as recently as": a one-word
                // adverb inside a connective is not an expression.
                if p.rest.is_empty()
                    && (self.is(end, Class::ConnectiveNext)
                        || (i > self.lo && self.is(i - 1, Class::Degree)))
                {
                    return None;
                }
                return Some(Hit::new(
                    i,
                    end,
                    p.what.kind,
                    p.what.value.clone(),
                    p.what.precision,
                    "vague",
                ));
            }
        }
        None
    }

    /// A date for a resolved day, with an optional part of day after it.
    fn day_hit(&self, i: usize, end: usize, date: Option<NaiveDate>, rule: &str) -> Hit {
        let day = date.map_or_else(|| "XXXX-XX-XX".to_string(), calendar::fmt_day);
        let rule = if date.is_none() {
            format!("{rule}{UNANCHORED}")
        } else {
            rule.to_string()
        };
        if let Some(pod) = self.pod_at(end) {
            return Hit::new(i, end + 1, "TIME", format!("{day}T{pod}"), "day", &rule);
        }
        // "Tuesday at 3 p.m." is left as two expressions; "Tuesday 3 p.m." too.
        Hit::new(i, end, "DATE", day, "day", &rule)
    }

    /// "in the morning", "by mid afternoon", "during the night": a part of
    /// the day the story is at, after a preposition (resolved in `scan` like
    /// [`OVERNIGHT`]). A bare part of day needs an edge before it ("mid",
    /// "late", "early"): "at night" and "in the evenings" are habits, and
    /// "the night of June 5" / "the night before" are other expressions.
    fn bare_pod(&self, i: usize) -> Option<Hit> {
        // "at dawn", "before daybreak", "after dusk": no article.
        // A capital is a name ("reported by Dawn", Pakistan's daily).
        let bare = self.is(i, Class::PodBare) && !self.is_cap(i);
        let (first, at) = if self.w(i) == "the" {
            (i, i + 1)
        } else if bare {
            (i, i)
        } else if i > self.lo && self.is(i - 1, Class::PodEdge) {
            (i - 1, i)
        } else if self.w(i).starts_with("mid-") {
            (i, i)
        } else {
            return None;
        };
        let pod = self.pod_at(at)?;
        if first <= self.lo
            || !(self.is(first - 1, Class::PodPrep)
                || (bare && matches!(self.w(first - 1), "before" | "after")))
            || self.is(at + 1, Class::PodStop)
            || self.kind(at + 1) == Some(TokenKind::Number)
        {
            return None;
        }
        Some(Hit::new(
            i,
            at + 1,
            "TIME",
            format!("{PART_OF_DAY}{pod}"),
            "day",
            "pod",
        ))
    }

    fn relday(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        // "the night of June 5", "the morning of May 30": that day's part;
        // "the early hours of Monday" is early Monday morning (TMO: the
        // calendar day is Monday, unlike "overnight", which dates the night
        // by the evening it began).
        let early_hours =
            self.is(i + 1, Class::SmallHours) && self.w(i + 2) == "hours" && self.w(i + 3) == "of";
        if w == "the" && (self.w(i + 2) == "of" || early_hours) {
            let (pod, k) = if early_hours {
                ("MO", i + 4)
            } else {
                (self.pod_at(i + 1)?, i + 3)
            };
            let day = [
                self.weekday_expr(k),
                self.month_expr(k),
                self.day_month(k),
                self.numeric_date(k),
            ]
            .into_iter()
            .flatten()
            .map(|mut d| {
                // "the night of 3-4 March": the night that began on the
                // first of two days running.
                if let Some((a, b)) = d.value.split_once('/') {
                    let day = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
                    if let (Some(x), Some(y)) = (day(a), day(b)) {
                        if x.succ_opt() == Some(y) {
                            d.value = a.to_string();
                            d.precision = "day";
                        }
                    }
                }
                d
            })
            .filter(|d| d.precision == "day")
            .filter_map(|mut d| {
                // "the early hours of Sunday morning": the day of a part of day.
                if d.kind == "TIME" {
                    let (date, part) = d.value.split_once('T')?;
                    if !(part.len() == 2 && part.bytes().all(|b| b.is_ascii_uppercase())) {
                        return None;
                    }
                    d.value = date.to_string();
                    d.kind = "DATE";
                }
                (d.kind == "DATE").then_some(d)
            })
            .max_by_key(|d| d.end)?;
            return Some(Hit::new(
                i,
                day.end,
                "TIME",
                format!("{}T{pod}", day.value),
                "day",
                &format!(
                    "pod_of_day{}",
                    if day.rule.ends_with(UNANCHORED) {
                        UNANCHORED
                    } else {
                        ""
                    }
                ),
            ));
        }
        // "mid-afternoon yesterday", "morning Tuesday" (headline style),
        // "dawn on Monday".
        if let Some(pod) = self.pod_at(i) {
            // "dawn on Monday"; a capital is a name ("Dawn on Monday
            // reported", Pakistan's daily).
            let k = if self.w(i + 1) == "on" && !self.is_cap(i) {
                i + 2
            } else {
                i + 1
            };
            let day = self.relday(k).or_else(|| self.weekday_expr(k))?;
            if day.kind != "DATE" || day.precision != "day" {
                return None;
            }
            return Some(Hit::new(
                i,
                day.end,
                "TIME",
                format!("{}T{pod}", day.value),
                "day",
                "pod_day",
            ));
        }
        match w {
            "tonight" => {
                let d = self.anchor;
                let day = d.map_or_else(|| "XXXX-XX-XX".to_string(), calendar::fmt_day);
                return Some(Hit::new(
                    i,
                    i + 1,
                    "TIME",
                    format!("{day}TNI"),
                    "day",
                    "tonight",
                ));
            }
            "overnight" => {
                // "overnight Saturday", "overnight Saturday into Sunday":
                // the night that began on the day named first.
                if let Some(d) = self
                    .weekday_expr(i + 1)
                    .filter(|d| d.kind == "DATE" && d.precision == "day" && d.value.len() == 10)
                {
                    let end = if self.is(d.end, Class::RangeTo) {
                        self.weekday_expr(d.end + 1)
                            .filter(|n| n.precision == "day")
                            .map_or(d.end, |n| n.end)
                    } else {
                        d.end
                    };
                    return Some(Hit::new(
                        i,
                        end,
                        "TIME",
                        format!("{}TNI", d.value),
                        "day",
                        "overnight_weekday",
                    ));
                }
                // The night before the publication day unless the story
                // names a day just before it (resolved in `scan`).
                return Some(Hit::new(
                    i,
                    i + 1,
                    "TIME",
                    OVERNIGHT.to_string(),
                    "day",
                    "overnight",
                ));
            }
            _ => {}
        }
        // "yesterday", and "the day before yesterday" as one expression.
        let phrase = if self.is(i, Class::RelDayHead) {
            self.lex
                .relday_phrases
                .iter()
                .find(|(words, _)| words.iter().enumerate().all(|(k, t)| self.w(i + k) == t))
        } else {
            None
        };
        let (off, end) = match phrase {
            Some((words, off)) => (*off, i + words.len()),
            None => (
                self.lexes(i).iter().find_map(|l| match l {
                    Lex::RelDay(o) => Some(*o),
                    _ => None,
                })?,
                i + 1,
            ),
        };
        let date = self.anchor.and_then(|a| calendar::shift(a, off, Unit::Day));
        Some(self.day_hit(i, end, date, "relday"))
    }

    fn weekday_expr(&self, i: usize) -> Option<Hit> {
        let (rel, j) = match self.rel_at(i) {
            Some((r @ (Rel::Past | Rel::Next | Rel::This), j)) => (Some(r), j),
            _ => {
                if self.w(i) == "the" {
                    match self.rel_at(i + 1) {
                        Some((r @ (Rel::Past | Rel::Next), j)) => (Some(r), j),
                        _ => (None, i),
                    }
                } else {
                    (None, i)
                }
            }
        };
        if !self.is_cap(j) {
            return None;
        }
        // "on Tuesdays", "Friday nights": a weekly SET, not one day.
        if rel.is_none() {
            let plural_day = self.w(j).strip_suffix('s').and_then(|stem| {
                self.lex.get(stem).iter().find_map(|l| match l {
                    Lex::Weekday(d) => Some(*d),
                    _ => None,
                })
            });
            let plural_pod = |k: usize| {
                self.w(k).strip_suffix('s').and_then(|stem| {
                    self.lex.get(stem).iter().find_map(|l| match l {
                        Lex::Pod(p) => Some(*p),
                        _ => None,
                    })
                })
            };
            if let Some(d) = plural_day {
                return Some(Hit::new(
                    i,
                    j + 1,
                    "SET",
                    format!("XXXX-WXX-{d}"),
                    "unknown",
                    "weekday:set",
                ));
            }
            if let (Some(d), Some(pod)) = (self.weekday_at(j), plural_pod(j + 1)) {
                return Some(Hit::new(
                    i,
                    j + 2,
                    "SET",
                    format!("XXXX-WXX-{d}T{pod}"),
                    "unknown",
                    "weekday:set",
                ));
            }
        }
        let wd = self.weekday_at(j)?;
        let end = j + 1;
        // "Tuesday, June 2" / "Saturday, April 25, 1998": the explicit date wins.
        let k = if self.w(end) == "," { end + 1 } else { end };
        if let Some(h) = self.month_expr(k).or_else(|| self.day_month(k)) {
            if h.precision == "day" {
                return Some(Hit { first: i, ..h });
            }
        }
        // "Tuesday last week", "Monday of next week": that day of the week
        // named, whatever the tense.
        if rel.is_none() {
            let k = if self.w(end) == "of" { end + 1 } else { end };
            if let Some((r @ (Rel::Past | Rel::Next | Rel::This), kk)) = self.rel_at(k) {
                if self.unit_at(kk) == Some((Unit::Week, false)) {
                    let n = match r {
                        Rel::Past => -1,
                        Rel::Next => 1,
                        _ => 0,
                    };
                    let date = self.anchor.and_then(|a| {
                        let monday = i64::from(a.weekday().num_days_from_monday());
                        calendar::shift(a, 7 * n - monday + i64::from(wd) - 1, Unit::Day)
                    });
                    return Some(self.day_hit(i, kk + 1, date, "weekday:week"));
                }
            }
        }
        // "the previous Friday", "the following Tuesday": the story's own
        // timeline, resolved in `scan` from the last day the text named.
        if matches!(rel, Some(Rel::Past | Rel::Next))
            && (i..j).any(|k| self.is(k, Class::Narrative))
        {
            let n = if rel == Some(Rel::Past) { -1 } else { 1 };
            return Some(Hit::new(
                i,
                end,
                "DATE",
                format!("{NARRATIVE}{n}:WD{wd}"),
                "day",
                "weekday:narrative",
            ));
        }
        let date = self.anchor.and_then(|a| match rel {
            Some(Rel::Past) => calendar::resolve_weekday(a, wd, Dir::Past, true),
            Some(Rel::Next) => calendar::resolve_weekday(a, wd, Dir::Future, true),
            Some(_) => calendar::resolve_weekday(a, wd, Dir::Future, false),
            None => {
                // "open until Friday", "must leave by Thursday": a deadline
                // lies ahead unless the sentence around it is past.
                let deadline = i > self.lo
                    && self.is(i - 1, Class::Deadline)
                    && !matches!(self.w(end), "'s" | "’s")
                    && !self.range_end(i - 1);
                let dir = match self.tense(i, end) {
                    Some(Dir::Future) => Dir::Future,
                    None if deadline => Dir::Future,
                    _ => Dir::Past,
                };
                calendar::resolve_weekday(a, wd, dir, false)
            }
        });
        let rule = match rel {
            Some(Rel::Past) => "weekday:last",
            Some(Rel::Next) => "weekday:next",
            Some(_) => "weekday:this",
            None => "weekday",
        };
        Some(self.day_hit(i, end, date, rule))
    }

    /// Month [day [-day]] [, year] | Month year | Month.
    fn month_expr(&self, i: usize) -> Option<Hit> {
        let (m, mid) = match self.month_at(i) {
            Some(m) => (m, false),
            None => {
                // "mid-June" is one token.
                let w = self.w(i);
                let rest = w.strip_prefix("mid-")?;
                let m = self.lex.get(rest).iter().find_map(|l| match l {
                    Lex::Month(m) => Some(*m),
                    _ => None,
                })?;
                (m, true)
            }
        };
        // "Jun. 1": the tokenizer leaves the period of some abbreviations apart.
        let j = if self.w(i + 1) == "." && self.touching(i, i + 1) && self.day_at(i + 2).is_some() {
            i + 2
        } else {
            i + 1
        };
        if !mid {
            if let Some(d) = self.day_at(j) {
                // Range "June 1-3".
                let mut end = j + 1;
                let mut last_day = None;
                if matches!(self.w(end), "-" | "–") {
                    if let Some(d2) = self.day_at(end + 1).filter(|&d2| d2 > d) {
                        last_day = Some(d2);
                        end += 2;
                    }
                }
                let mut year = None;
                let k = if self.w(end) == "," { end + 1 } else { end };
                if let Some(y) = self.year_at(k) {
                    year = Some(y);
                    end = k + 1;
                }
                return Some(self.month_day_hit(i, end, year, m, d, last_day));
            }
        }
        let k = if self.w(j) == "," { j + 1 } else { j };
        if let Some((y, k_end)) = self
            .year_at(k)
            .map(|y| (y, k + 1))
            .or_else(|| self.year_words(k))
        {
            return Some(Hit::new(
                i,
                k_end,
                "DATE",
                calendar::fmt_month(y, m),
                "month",
                "month_year",
            ));
        }
        // "January this year", "June last year"
        if let Some((rel, k)) = self.rel_at(j) {
            if self.w(k) == "year" {
                if let Some(a) = self.anchor {
                    let y = match rel {
                        Rel::Past => a.year() - 1,
                        Rel::Next => a.year() + 1,
                        Rel::This => a.year(),
                        _ => return self.month_alone(i, m, mid),
                    };
                    return Some(Hit::new(
                        i,
                        k + 1,
                        "DATE",
                        calendar::fmt_month(y, m),
                        "month",
                        "month_rel_year",
                    ));
                }
            }
        }
        self.month_alone(i, m, mid)
    }

    fn month_alone(&self, i: usize, m: u32, mid: bool) -> Option<Hit> {
        let rule = if mid { "month:mid" } else { "month" };
        Some(match self.anchor {
            Some(a) => {
                let near = self.tense_within(i, i + 1, REACH);
                // "pay down the loan by February", "loans through January":
                // a bare month as a deadline lies ahead unless the verb
                // next to it is past ("was completed by February").
                let deadline = i > self.lo
                    && (self.is(i - 1, Class::Deadline) || self.w(i - 1) == "through")
                    && near.is_none()
                    && !self.range_end(i - 1);
                // "In March the ministry said ...": a month that opens the
                // sentence dates its main clause, whose verb is the nearest
                // cue, a reporting verb included.
                let opening = self.sentence_start(i)
                    || (i > self.lo
                        && self.is(i - 1, Class::OpeningPrep)
                        && self.sentence_start(i - 1));
                let dir = match self.tense(i, i + 1) {
                    _ if deadline => Dir::Future,
                    Some(Dir::Future) => Dir::Future,
                    Some(Dir::Past) if opening => Dir::Past,
                    _ => near.unwrap_or(Dir::Closest),
                };
                let mut y = calendar::infer_year(a, m, None, dir);
                // A month three or more months from the anchor is not
                // settled by closeness: the sentence's tense decides
                // ("stepped down in March" in November is last March).
                let gap = (i64::from(y) * 12 + i64::from(m))
                    - (i64::from(a.year()) * 12 + i64::from(a.month()));
                if dir == Dir::Closest && gap.abs() >= 3 {
                    if let Some(d) = self.clause_tense(i, i + 1) {
                        y = calendar::infer_year(a, m, None, d);
                    }
                }
                Hit::new(i, i + 1, "DATE", calendar::fmt_month(y, m), "month", rule)
            }
            None => Hit::new(
                i,
                i + 1,
                "DATE",
                format!("XXXX-{m:02}"),
                "month",
                &format!("{rule}{UNANCHORED}"),
            ),
        })
    }

    fn month_day_hit(
        &self,
        i: usize,
        end: usize,
        year: Option<i32>,
        m: u32,
        d: u32,
        last_day: Option<u32>,
    ) -> Hit {
        let (y, rule) = match (year, self.anchor) {
            (Some(y), _) => (Some(y), "month_day_year".to_string()),
            (None, Some(a)) => {
                let mut dir = match self.tense(i, end) {
                    Some(Dir::Future) => Dir::Future,
                    _ => self.tense_within(i, end, REACH).unwrap_or(Dir::Closest),
                };
                // "Gunmen attacked the village on Dec. 2" in June: a past
                // verb in the clause and a date months ahead is last year's,
                // unless the date is when something takes effect
                // ("created an office, effective Feb. 1").
                let takes_effect =
                    (i.saturating_sub(2).max(self.lo)..i).any(|b| self.is(b, Class::TakesEffect));
                if dir == Dir::Closest
                    && !takes_effect
                    && self.tense_cues(i, end, 8, true) == Some(Dir::Past)
                {
                    let y = calendar::infer_year(a, m, Some(d), Dir::Closest);
                    if NaiveDate::from_ymd_opt(y, m, d)
                        .is_some_and(|p| (p - a).num_days() > PAST_AHEAD_DAYS)
                    {
                        dir = Dir::Past;
                    }
                }
                (
                    Some(calendar::infer_year(a, m, Some(d), dir)),
                    "month_day".to_string(),
                )
            }
            (None, None) => (None, format!("month_day{UNANCHORED}")),
        };
        let ys = y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
        let valid = y.is_none_or(|y| NaiveDate::from_ymd_opt(y, m, d).is_some());
        if !valid {
            return Hit::new(
                i,
                end,
                "DATE",
                calendar::fmt_month(y.unwrap_or(0), m),
                "month",
                "month_day:invalid_day",
            );
        }
        match last_day {
            Some(d2) => {
                let span = d2 - d + 1;
                let precision = if span <= 7 { "week" } else { "month" };
                Hit::new(
                    i,
                    end,
                    "DATE",
                    format!("{ys}-{m:02}-{d:02}/{ys}-{m:02}-{d2:02}"),
                    precision,
                    &format!("{rule}:range"),
                )
            }
            None => Hit::new(i, end, "DATE", format!("{ys}-{m:02}-{d:02}"), "day", &rule),
        }
    }

    /// "1 June", "1st of June 2015".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let d = self.day_at(i)?;
        let mut j = i + 1;
        // "1-3 June", "1 to 3 June", "between 28 and 30 May"
        let mut last_day = None;
        let between = i > self.lo && self.w(i - 1) == "between";
        if matches!(self.w(j), "-" | "–" | "to") || (between && self.w(j) == "and") {
            if let Some(d2) = self.day_at(j + 1).filter(|&d2| d2 > d) {
                if self.month_at(j + 2).is_some() {
                    last_day = Some(d2);
                    j += 2;
                }
            }
        }
        if self.w(j) == "of" {
            j += 1;
        }
        let m = self.month_at(j)?;
        let mut end = j + 1;
        let mut year = None;
        if let Some(y) = self.year_at(end) {
            year = Some(y);
            end += 1;
        }
        Some(self.month_day_hit(i, end, year, m, d, last_day))
    }

    /// "2015-06-01" (five tokens) and "6/1/2015" (one token).
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        if let Some(y) = self.year_at(i) {
            if self.w(i + 1) == "-" && self.touching(i, i + 1) {
                let m = digits(self.w(i + 2)).filter(|m| (1..=12).contains(m))?;
                if self.w(i + 3) == "-" && self.w(i + 2).len() == 2 {
                    let d = digits(self.w(i + 4)).filter(|_| self.w(i + 4).len() == 2)?;
                    NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some(Hit::new(
                        i,
                        i + 5,
                        "DATE",
                        format!("{y:04}-{m:02}-{d:02}"),
                        "day",
                        "iso",
                    ));
                }
                return None;
            }
            return None;
        }
        let w = self.w(i);
        let parts: Vec<&str> = w.split('/').collect();
        if parts.len() != 3 {
            return None;
        }
        let a = digits(parts[0])?;
        let b = digits(parts[1])?;
        let mut y = digits(parts[2])? as i32;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        } else if parts[2].len() != 4 {
            return None;
        }
        // US order unless the first part cannot be a month. When both
        // orders make a date ("01/06/2015": January 6 or 1 June), the one
        // a report is more likely about wins: on or before publication
        // (a day's slack), then the nearer.
        let us = NaiveDate::from_ymd_opt(y, a, b);
        let day_first = NaiveDate::from_ymd_opt(y, b, a);
        let (date, rule) = match (us, day_first, self.anchor) {
            (Some(u), Some(e), Some(anchor)) if u != e => {
                let key = |d: NaiveDate| {
                    let gap = (d - anchor).num_days();
                    (gap > 1, gap.abs())
                };
                if key(e) < key(u) {
                    (e, "slash_date:day_first")
                } else {
                    (u, "slash_date")
                }
            }
            (Some(u), _, _) => (u, "slash_date"),
            (None, Some(e), _) => (e, "slash_date:day_first"),
            (None, None, _) => return None,
        };
        Some(Hit::new(
            i,
            i + 1,
            "DATE",
            calendar::fmt_day(date),
            "day",
            rule,
        ))
    }

    fn decade_value(&self, two: u32) -> String {
        // "'90s": the most recent such decade before the anchor's.
        let cent = match self.anchor {
            Some(a) => {
                let c = a.year().div_euclid(100);
                if (c * 100 + two as i32) > a.year() {
                    c - 1
                } else {
                    c
                }
            }
            None => 19,
        };
        format!("{:02}{}", cent, two / 10)
    }

    /// Years, decades and centuries.
    fn year_expr(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if w == "fiscal" {
            let y = self.year_at(i + 1)?;
            return Some(Hit::new(
                i,
                i + 2,
                "DATE",
                format!("{y:04}"),
                "year",
                "fiscal_year",
            ));
        }
        if w == "the" {
            let j = i + 1;
            if let Some(mut h) = self.decade_at(j) {
                h.first = i;
                return Some(h);
            }
            // "the 1988 period", "the 1989 quarter": that year's quarter
            // when the text is about a quarter, else the year.
            if let Some(y) = self.year_at(j) {
                if matches!(self.w(j + 1), "period" | "quarter") {
                    let rule = if y < self.anchor.map_or(y, |a| a.year()) {
                        format!("year_period{COMPARISON}")
                    } else {
                        "year_period".to_string()
                    };
                    return Some(Hit::new(
                        i,
                        j + 2,
                        "DATE",
                        format!("{QUARTER_CTX}={y:04}|{y:04}"),
                        "year",
                        &rule,
                    ));
                }
            }
            if self.w(j) == "year" {
                if let Some((y, k)) = self
                    .year_at(j + 1)
                    .map(|y| (y, j + 2))
                    .or_else(|| self.year_words(j + 1))
                {
                    return Some(Hit::new(
                        i,
                        k,
                        "DATE",
                        format!("{y:04}"),
                        "year",
                        "the_year_y",
                    ));
                }
            }
            return None;
        }
        if self.is(i, Class::YearAgoAdj) {
            let (value, rule) = match self.anchor {
                Some(a) => (
                    format!("{:04}", a.year() - 1),
                    "year_ago_adj:one_year".to_string(),
                ),
                None => ("XXXX".to_string(), format!("year_ago_adj{UNANCHORED}")),
            };
            return Some(Hit::new(i, i + 1, "DATE", value, "year", &rule));
        }
        if let Some((y, k)) = self.year_words(i) {
            return Some(Hit::new(
                i,
                k,
                "DATE",
                format!("{y:04}"),
                "year",
                "year_words",
            ));
        }
        if let Some(h) = self.decade_at(i) {
            return Some(h);
        }
        if let Some(y) = w
            .strip_prefix("mid-")
            .and_then(|r| (r.len() == 4).then(|| digits(r)).flatten())
        {
            if (1000..2200).contains(&y) {
                return Some(Hit::new(
                    i,
                    i + 1,
                    "DATE",
                    format!("{y:04}"),
                    "year",
                    "year:mid",
                ));
            }
        }
        let y = self.year_at(i)?;
        // The second year of "2011-2014".
        let range_end = i >= self.lo + 2
            && matches!(self.w(i - 1), "-" | "–")
            && self.year_at(i - 2).is_some_and(|y0| y0 < y);
        let prev_ok = range_end
            || i > self.lo
                && (self.has(i - 1, |l| {
                matches!(l, Lex::YearCue | Lex::Month(_) | Lex::Edge | Lex::Season(_))
            }) || self.w(i - 1).starts_with("mid-")
                // "the 1987 crash": only plausible modern years after "the".
                || (self.w(i - 1) == "the" && (1900..=2099).contains(&y)));
        let next = self.w(i + 1);
        let next_ok = i + 1 >= self.hi
            || matches!(self.kind(i + 1), Some(TokenKind::Punct))
                && !matches!(next, "-" | "%" | "/")
            || matches!(next, "and" | "or" | "to");
        // "his unsuccessful 1996 campaign", "that 1978 resolution": a
        // plausible year before a word (counts this large take a comma in
        // news copy: "1,996 votes"), not a clock time ("1500 hours").
        let plausible = match self.anchor {
            Some(a) => (a.year() - 100..=a.year() + 30).contains(&y),
            None => (1900..=2099).contains(&y),
        };
        let modifier_ok = plausible
            && self.kind(i + 1) == Some(TokenKind::Word)
            && self.unit_at(i + 1).is_none()
            && !self.has(i + 1, |l| matches!(l, Lex::Zone))
            && (i == self.lo || self.kind(i - 1) != Some(TokenKind::Number));
        let prev_bad = i > self.lo
            && (self.is(i - 1, Class::NumberPrefix)
                || self.has(i - 1, |l| matches!(l, Lex::Approx)));
        if (prev_ok || next_ok || modifier_ok) && !prev_bad {
            // "1994 or later", "1990 and beyond": an open end stays in the span.
            let open_end = (self.w(i + 1) == "or" && self.is(i + 2, Class::OpenEnd))
                || (self.w(i + 1) == "and" && self.w(i + 2) == "beyond");
            return Some(Hit::new(
                i,
                if open_end { i + 3 } else { i + 1 },
                "DATE",
                format!("{y:04}"),
                "year",
                "year",
            ));
        }
        // "mid-1996" is one token and handled by the caller's edge logic only
        // when split; handle the joined form here.
        None
    }

    /// Years spoken as words: "nineteen ninety-six", "two thousand".
    fn year_words(&self, i: usize) -> Option<(i32, usize)> {
        match self.w(i) {
            "nineteen" | "twenty" => {
                let cent = if self.w(i) == "nineteen" { 1900 } else { 2000 };
                let (n, k) = self.number_at(i + 1)?;
                let n = n?;
                // "twenty fifteen", "nineteen ninety-six"; not "twenty five".
                (10..100).contains(&n).then_some((cent + n as i32, k))
            }
            "two" if self.w(i + 1) == "thousand" => {
                let (n, k) = match self.w(i + 2) {
                    "and" => self.number_at(i + 3).and_then(|(n, k)| Some((n?, k)))?,
                    _ => (0, i + 2),
                };
                (n < 100).then_some((2000 + n as i32, k))
            }
            _ => None,
        }
    }

    /// "1990s", "'90s", "nineties", "20th century", "mid-1990s".
    fn decade_at(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let w = w.strip_prefix("mid-").unwrap_or(w);
        if let Some(num) = w.strip_suffix('s') {
            if num.len() == 4 {
                if let Some(y) = digits(num).filter(|y| y % 10 == 0 && (1000..2200).contains(y)) {
                    return Some(Hit::new(
                        i,
                        i + 1,
                        "DATE",
                        format!("{:03}", y / 10),
                        "decade",
                        "decade",
                    ));
                }
            }
        }
        if matches!(w, "'" | "’") && self.touching(i, i + 1) {
            let n = self.w(i + 1).strip_suffix('s').and_then(digits)?;
            if self.w(i + 1).len() == 3 && n % 10 == 0 {
                return Some(Hit::new(
                    i,
                    i + 2,
                    "DATE",
                    self.decade_value(n),
                    "decade",
                    "decade_short",
                ));
            }
        }
        if let Some(Lex::Decade(d)) = self.lexes(i).first().copied() {
            return Some(Hit::new(
                i,
                i + 1,
                "DATE",
                self.decade_value(d * 10),
                "decade",
                "decade_word",
            ));
        }
        // "20th century", "twentieth century"
        let n = ordinal_digits(w).or_else(|| {
            self.lexes(i).iter().find_map(|l| match l {
                Lex::Ordinal(n) => Some(*n),
                _ => None,
            })
        })?;
        if matches!(self.w(i + 1), "century" | "-century") && (1..=22).contains(&n) {
            return Some(Hit::new(
                i,
                i + 2,
                "DATE",
                format!("{:02}", n - 1),
                "century",
                "century",
            ));
        }
        None
    }

    /// "last week", "this month", "next year", "this morning", "last night",
    /// "last April", "this summer", "the past year".
    fn rel_unit(&self, i: usize) -> Option<Hit> {
        let (rel, j) = self.rel_at(i)?;
        if let Some((unit, false)) = self.unit_at(j) {
            if self.w(j + 1) == "'s" || self.w(j + 1) == "’s" || self.w(j + 1) == "-" {
                // "last year's third quarter" is the quarter matcher's.
                if self.quarter(i).is_some() {
                    return None;
                }
            }
            if rel == Rel::FirstDur {
                return None;
            }
            if unit == Unit::Day && rel != Rel::PastDur {
                // "the next day", "the previous day": relative to the story's
                // own timeline, not to the publication date: the last day the
                // text named, else left unresolved (see `scan`).
                let n = if rel == Rel::Past { -1 } else { 1 };
                return Some(Hit::new(
                    i,
                    j + 1,
                    "DATE",
                    format!("{NARRATIVE}{n}:D"),
                    "day",
                    "narrative_day",
                ));
            }
            // "the following year", "the previous month": the story's own
            // timeline, resolved in `scan` against the last period the text
            // named (falling back on the publication date).
            if matches!(rel, Rel::Past | Rel::Next)
                && matches!(unit, Unit::Week | Unit::Month | Unit::Year)
                && (i..j).any(|k| self.is(k, Class::Narrative))
            {
                let n = if rel == Rel::Past { -1 } else { 1 };
                let code = match unit {
                    Unit::Week => "W",
                    Unit::Month => "M",
                    _ => "Y",
                };
                return Some(Hit::new(
                    i,
                    j + 1,
                    "DATE",
                    format!("{NARRATIVE}{n}:{code}"),
                    "unknown",
                    "narrative_unit",
                ));
            }
            return match rel {
                Rel::Past | Rel::Next | Rel::This => {
                    let n = match rel {
                        Rel::Past => -1,
                        Rel::Next => 1,
                        _ => 0,
                    };
                    let (value, precision, rule) = match self.anchor {
                        Some(a) => {
                            let d = calendar::shift(a, n, unit_granularity(unit))?;
                            let (v, p) = calendar::period_value(d, unit);
                            // "compared with a loss of $3 million last
                            // year": a figure compared with last year's is
                            // a comparison period, which an earnings
                            // report's quarter makes that quarter (`scan`).
                            let rule = if rel == Rel::Past
                                && unit == Unit::Year
                                && self.amount_compared(i)
                            {
                                "rel_unit:one_year"
                            } else {
                                "rel_unit"
                            };
                            (v, p, rule.to_string())
                        }
                        None => {
                            let (v, p) = calendar::unanchored(unit);
                            (v, p, format!("rel_unit{UNANCHORED}"))
                        }
                    };
                    Some(Hit::new(i, j + 1, "DATE", value, precision, &rule))
                }
                Rel::FirstDur | Rel::NextDur if unit == Unit::Quarter => None,
                Rel::PastDur if unit == Unit::Quarter => {
                    // "the latest quarter": the last completed one.
                    self.quarter(i)
                }
                Rel::PastDur
                    if matches!(unit, Unit::Year | Unit::Decade)
                        && matches!(self.w(j - 1), "past" | "last") =>
                {
                    // "over the past year", "in the last decade": TimeBank
                    // marks the calendar period before this one.
                    let (value, precision, rule) = match self.anchor {
                        Some(a) => {
                            let back = if unit == Unit::Decade { -10 } else { -1 };
                            let d = calendar::shift(a, back, Unit::Year)?;
                            let (v, p) = calendar::period_value(d, unit);
                            (v, p, "past_unit".to_string())
                        }
                        None => {
                            let (v, p) = calendar::unanchored(unit);
                            (v, p, format!("past_unit{UNANCHORED}"))
                        }
                    };
                    Some(Hit::new(i, j + 1, "DATE", value, precision, &rule))
                }
                _ => Some(Hit::new(
                    i,
                    j + 1,
                    "DURATION",
                    calendar::duration(Some(1), unit),
                    "unknown",
                    "rel_dur",
                )),
            };
        }
        if let Some(pod) = self.pod_at(j) {
            // "the next morning", "the following night", "the previous
            // evening": a day step on the story's timeline.
            if matches!(rel, Rel::Past | Rel::Next | Rel::NextDur)
                && (i..j).any(|k| self.is(k, Class::Narrative) || self.w(k) == "next")
                && self.w(i) == "the"
            {
                let n = if rel == Rel::Past { -1 } else { 1 };
                return Some(Hit::new(
                    i,
                    j + 1,
                    "TIME",
                    format!("{NARRATIVE}{n}:D:{pod}"),
                    "day",
                    "narrative_pod",
                ));
            }
            let off = match rel {
                Rel::Past if pod == "NI" => -1,
                Rel::Past => return None,
                Rel::This => 0,
                _ => return None,
            };
            let d = self.anchor.and_then(|a| calendar::shift(a, off, Unit::Day));
            let day = d.map_or_else(|| "XXXX-XX-XX".to_string(), calendar::fmt_day);
            return Some(Hit::new(
                i,
                j + 1,
                "TIME",
                format!("{day}T{pod}"),
                "day",
                "rel_pod",
            ));
        }
        if let Some(m) = self.month_at(j) {
            let (y, rule) = match self.anchor {
                Some(a) => {
                    let y = a.year();
                    // "last February" said in March is a year back: the
                    // month just ended would be "last month".
                    let y = match rel {
                        Rel::Past if m >= a.month() || m + 1 == a.month() => y - 1,
                        Rel::Next if m <= a.month() => y + 1,
                        _ => y,
                    };
                    (format!("{y:04}"), "rel_month".to_string())
                }
                None => ("XXXX".to_string(), format!("rel_month{UNANCHORED}")),
            };
            return Some(Hit::new(
                i,
                j + 1,
                "DATE",
                format!("{y}-{m:02}"),
                "month",
                &rule,
            ));
        }
        if let Some(s) = self.season_at(j) {
            let (y, rule) = match self.anchor {
                Some(a) => {
                    let cur = calendar::season_of(a);
                    let idx = calendar::season_index(s);
                    // January and February belong to the winter that began
                    // the year before.
                    let sy = if a.month() <= 2 {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    // "last spring" is last year's ("this past spring" is
                    // the one just gone).
                    let this_past = (i..j).any(|k| self.w(k) == "this");
                    let y = match rel {
                        Rel::Past if !this_past && s != "WI" => a.year() - 1,
                        Rel::Past if idx >= cur => sy - 1,
                        Rel::Past => sy,
                        Rel::Next if idx <= cur => sy + 1,
                        Rel::Next => sy,
                        _ if s == "WI" => sy,
                        _ => a.year(),
                    };
                    (format!("{y:04}"), "rel_season".to_string())
                }
                None => ("XXXX".to_string(), format!("rel_season{UNANCHORED}")),
            };
            return Some(Hit::new(
                i,
                j + 1,
                "DATE",
                format!("{y}-{s}"),
                "quarter",
                &rule,
            ));
        }
        None
    }

    /// "two days", "10-year", "three years ago", "a day earlier", "the past
    /// two months", "several weeks".
    fn quantity(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut rel = None;
        if let Some((r @ (Rel::PastDur | Rel::NextDur | Rel::FirstDur), k)) = self.rel_at(i) {
            rel = Some(r);
            j = k;
        } else if self.w(i) == "the" && self.is(i + 1, Class::YearAgoAdj) {
            // "the year-earlier nine months": the length of the comparison
            // period (its date follows from the period it is compared with).
            j = i + 2;
        } else if matches!(self.w(i), "the" | "past" | "last" | "next" | "first")
            && !self.last_is_verb(i)
        {
            j = i + 1;
        }
        // One-token adjectival form: "five-year", "10-year" is split by the tokenizer.
        if let Some((a, b)) = self.w(j).split_once('-') {
            let b = b.strip_suffix("-old").unwrap_or(b);
            let n = digits(a).or_else(|| self.number_word(a));
            if let (Some(n), Some((unit, false))) = (
                n,
                self.lex.get(b).iter().find_map(|l| match l {
                    Lex::Unit(u, pl) => Some((*u, *pl)),
                    _ => None,
                }),
            ) {
                if unit != Unit::Quarter {
                    // "the five-year plan": the article is not part of it.
                    return Some(Hit::new(
                        j,
                        j + 1,
                        "DURATION",
                        calendar::duration(Some(n), unit),
                        "unknown",
                        "duration_adj",
                    ));
                }
            }
        }
        let (count, k) = self.number_at(j)?;
        let (k, hyphen) = if self.w(k) == "-" && self.touching(k - 1, k) {
            (k + 1, true)
        } else {
            (k, false)
        };
        // "20 more years", "eight trading days", "the next couple of years".
        let k = if !hyphen
            && self.unit_at(k).is_none()
            && self.is(k, Class::UnitModifier)
            && self
                .unit_at(k + 1)
                .is_some_and(|(_, pl)| pl || count == Some(1))
        {
            k + 1
        } else {
            k
        };
        let (unit, plural) = self.unit_at(k)?;
        // "a second attack" is not a duration.
        if unit == Unit::Second && matches!(self.w(j), "a" | "an") {
            return None;
        }
        if unit == Unit::Quarter && !plural {
            return None;
        }
        if count == Some(1) && plural && !hyphen {
            return None;
        }
        // A bare "a"/"an" as the count ("a year", not "a few years").
        let bare_a = matches!(self.w(j), "a" | "an") && count == Some(1);
        if bare_a {
            if plural {
                return None;
            }
            // "once a year", "twice a week", "per week" → SET on "a year".
            if j > self.lo && self.has(j - 1, |l| matches!(l, Lex::SetCue)) {
                return Some(Hit::new(
                    j,
                    k + 1,
                    "SET",
                    calendar::duration(Some(1), unit),
                    "unknown",
                    "set_freq",
                ));
            }
        }
        // "37 years old": an age, which TimeBank leaves unmarked.
        if plural && self.w(k + 1) == "old" && rel.is_none() {
            return None;
        }
        // "a week or so ago", "the next two years or so".
        let end = if !hyphen && self.w(k + 1) == "or" && self.w(k + 2) == "so" {
            k + 3
        } else {
            k + 1
        };
        let n = count.map(i64::from);
        if rel.is_none() && !hyphen {
            let after = self.w(end);
            // "three days later", "90 days after", "months before": TimeML
            // makes the count a duration and the adverb a signal; anchoring
            // it on the publication date would be wrong in a narrative
            // ("arrested on Monday; three days later ...").
            let sign = match after {
                "later" | "after" | "before" => 0,
                "ago" | "earlier" => -1,
                "from" if self.w(end + 1) == "now" => 1,
                _ => 0,
            };
            let after_ok = !matches!(after, "before" | "after")
                || !matches!(self.kind(end + 1), Some(TokenKind::Word));
            if sign != 0 && after_ok {
                let stop = if after == "from" { end + 2 } else { end + 1 };
                let rule = match (after, count == Some(1) && unit == Unit::Year) {
                    ("ago" | "from", false) => "ago",
                    ("ago" | "from", true) => "ago:one_year",
                    (_, false) => "ago:anchor_dct",
                    (_, true) => "ago:anchor_dct:one_year",
                };
                let Some(n) = n else {
                    let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                    return Some(Hit::new(i, stop, "DATE", v.into(), "unknown", rule));
                };
                let g = unit_granularity(unit);
                return Some(match self.anchor {
                    Some(a) => {
                        let mult = match unit {
                            Unit::Fortnight => 2,
                            Unit::Decade => 10,
                            Unit::Century => 100,
                            _ => 1,
                        };
                        let su = match unit {
                            Unit::Fortnight => Unit::Week,
                            Unit::Decade | Unit::Century => Unit::Year,
                            Unit::Second | Unit::Minute | Unit::Hour => {
                                // hours ago: the same day (or the day before)
                                Unit::Day
                            }
                            u => u,
                        };
                        let k = if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                            if unit == Unit::Hour && n >= 24 {
                                n / 24
                            } else {
                                0
                            }
                        } else {
                            n * mult
                        };
                        let d = calendar::shift(a, sign * k, su)?;
                        // "two weeks ago": TimeBank writes the day that many
                        // weeks back; the precision stays a week.
                        let weeks = matches!(unit, Unit::Week | Unit::Fortnight);
                        let g = if matches!(unit, Unit::Decade | Unit::Century) {
                            Unit::Year
                        } else if weeks {
                            Unit::Day
                        } else {
                            g
                        };
                        let (v, p) = calendar::period_value(d, g);
                        let p = if weeks { "week" } else { p };
                        let mut h = Hit::new(i, stop, "DATE", v, p, rule);
                        if after == "earlier" {
                            h.shift = Some((sign * k, su, g));
                        }
                        h
                    }
                    None => {
                        let (v, p) = calendar::unanchored(g);
                        Hit::new(i, stop, "DATE", v, p, &format!("{rule}{UNANCHORED}"))
                    }
                });
            }
        }
        // "would be redeemed in five years", "may, in a year or two, save":
        // after "in" under a future or a modal, the count places a date
        // ahead of publication (TimeML DATE), not a length.
        if rel.is_none() && !hyphen && i == j && i > self.lo && self.w(i - 1) == "in" {
            if let Some(h) = self.in_future(i, end, k, count, unit) {
                return Some(h);
            }
        }
        // A bare "the" or "past" before a number only belongs to the span for
        // durations ("the nine months"); a vague count needs a plural unit.
        if count.is_none() && !plural {
            return None;
        }
        // "the 30-day truce": the article is not part of the adjective.
        let first = if hyphen { j } else { i };
        Some(Hit::new(
            first,
            end,
            "DURATION",
            calendar::duration(count, unit),
            "unknown",
            "duration",
        ))
    }

    /// A length with a half in it: "half a year", "two and a half years",
    /// "a year and a half", "2 1/2 years", "2½ years", "2.5 days". The value
    /// adds the half in the next smaller unit when that is exact, as TIMEX3
    /// annotators write it ("P2Y6M", "PT1M30S", "P1DT12H", "PT30M"), else
    /// it keeps one decimal ("P1.5W", "P2.5M"). "a year and a half ago" is
    /// the month that many months back.
    fn half_duration(&self, i: usize) -> Option<Hit> {
        // Cheap test first: this runs at every candidate token.
        let w = self.w(i);
        if !(w.ends_with('½')
            || w.ends_with(".5")
            || (i..i + 6).any(|k| matches!(self.w(k), "half" | "1/2" | "½" | "/")))
        {
            return None;
        }
        let unit_after = |k: usize| self.unit_at(k).map(|(u, _)| u);
        let is_half = |k: usize| self.w(k) == "1/2" || self.w(k) == "½";
        // (halves, unit, end)
        let (halves, unit, end) = if self.w(i) == "half" && matches!(self.w(i + 1), "a" | "an") {
            let u = unit_after(i + 2).filter(|_| self.unit_at(i + 2).is_some_and(|(_, pl)| !pl))?;
            (1u32, u, i + 3)
        } else {
            let w = self.w(i);
            // "2½", "2.5": one token.
            let glued = w
                .strip_suffix('½')
                .or_else(|| w.strip_suffix(".5"))
                .and_then(digits);
            if let Some(c) = glued {
                (2 * c + 1, unit_after(i + 1)?, i + 2)
            } else {
                let (count, j) = self.number_at(i)?;
                let c = count?;
                if self.w(j) == "and" && self.w(j + 1) == "a" && self.w(j + 2) == "half" {
                    (2 * c + 1, unit_after(j + 3)?, j + 4)
                } else if is_half(j) && self.kind(i) == Some(TokenKind::Number) {
                    (2 * c + 1, unit_after(j + 1)?, j + 2)
                } else if self.w(j) == "1"
                    && self.w(j + 1) == "/"
                    && self.w(j + 2) == "2"
                    && self.touching(j, j + 1)
                    && self.touching(j + 1, j + 2)
                {
                    (2 * c + 1, unit_after(j + 3)?, j + 4)
                } else {
                    let u = unit_after(j)?;
                    if !(self.w(j + 1) == "and" && self.w(j + 2) == "a" && self.w(j + 3) == "half")
                    {
                        return None;
                    }
                    (2 * c + 1, u, j + 4)
                }
            }
        };
        let h = i64::from(halves);
        if self.w(end) == "ago" && matches!(unit, Unit::Year | Unit::Decade) {
            let months = if unit == Unit::Year { h * 6 } else { h * 60 };
            let value = self
                .anchor
                .and_then(|a| calendar::shift(a, -months, Unit::Month))
                .map_or_else(
                    || "XXXX-XX".to_string(),
                    |d| calendar::fmt_month(d.year(), d.month()),
                );
            return Some(Hit::new(i, end + 1, "DATE", value, "month", "half_ago"));
        }
        // The text's own unit plus the half in the next smaller one when
        // that is exact ("2 1/2 years" P2Y6M); else a decimal (ISO 8601
        // allows one on the last component; TIMEX3 keeps the unit the text
        // used: "P1.5Q").
        let n = format!("{}.5", halves / 2);
        let whole = halves / 2;
        let lead = |code: &str| {
            if whole == 0 {
                String::new()
            } else {
                format!("{whole}{code}")
            }
        };
        let value = match unit {
            Unit::Second => format!("PT{n}S"),
            Unit::Minute => format!("PT{}30S", lead("M")),
            Unit::Hour => format!("PT{}30M", lead("H")),
            Unit::Day => format!("P{}T12H", lead("D")),
            Unit::Week => format!("P{n}W"),
            Unit::Fortnight => format!("P{}W", halves),
            Unit::Month => format!("P{n}M"),
            Unit::Quarter => format!("P{n}Q"),
            Unit::Year => format!("P{}6M", lead("Y")),
            // Decades and centuries are written in years, as whole ones are.
            Unit::Decade => format!("P{}Y", halves * 5),
            Unit::Century => format!("P{}Y", halves * 50),
            Unit::Weekend => return None,
        };
        Some(Hit::new(
            i,
            end,
            "DURATION",
            value,
            "unknown",
            "duration_half",
        ))
    }

    /// "in five years" / "in a year or two" (tokens `i..end`, unit at `k`)
    /// when a future cue or a modal governs it: a date that far ahead
    /// ("or two": FUTURE_REF). Clock units stay durations.
    fn in_future(
        &self,
        i: usize,
        end: usize,
        k: usize,
        count: Option<u32>,
        unit: Unit,
    ) -> Option<Hit> {
        if !matches!(
            unit,
            Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Decade
        ) {
            return None;
        }
        let sent = self.doc.tokens.get(i).map(|t| t.sentence)?;
        let start = self.doc.sentences.get(sent)?.tokens.start.max(self.lo);
        let modal = (start.max(i.saturating_sub(8))..i).any(|b| self.is(b, Class::FutureModal));
        if !modal && self.tense(i, end) != Some(Dir::Future) {
            return None;
        }
        // "a year or two": a vague point ahead.
        if end == k + 1 && self.w(k + 1) == "or" && self.number_at(k + 2).is_some() {
            let stop = self.number_at(k + 2).map_or(k + 3, |(_, e)| e);
            return Some(Hit::new(
                i,
                stop,
                "DATE",
                "FUTURE_REF".into(),
                "unknown",
                "in_future:vague",
            ));
        }
        let n = i64::from(count?);
        let a = self.anchor?;
        let (su, mult) = if unit == Unit::Decade {
            (Unit::Year, 10)
        } else {
            (unit, 1)
        };
        let d = calendar::shift(a, n * mult, su)?;
        let (v, p) = calendar::period_value(d, su);
        Some(Hit::new(i, end, "DATE", v, p, "in_future"))
    }

    /// Quarters: "the third quarter", "third-quarter", "the fourth quarter of
    /// 1989", "last year's third quarter", "the latest quarter", "the
    /// year-ago quarter".
    fn quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.w(j) == "the" {
            j += 1;
        }
        // Year specifier before the ordinal.
        let mut year_shift: Option<i32> = None;
        let mut explicit_year: Option<i32> = None;
        if let Some((rel, k)) = self.rel_at(j) {
            if self.w(k) == "year" && matches!(self.w(k + 1), "'s" | "’s") {
                // "last year's quarter", "last year's period"
                if rel == Rel::Past && matches!(self.w(k + 2), "quarter" | "period") {
                    return self.quarter_ctx_hit(i, k + 3, -1, -5, "quarter_last_year");
                }
                year_shift = Some(match rel {
                    Rel::Past => -1,
                    Rel::Next => 1,
                    _ => 0,
                });
                j = k + 2;
            } else if matches!(rel, Rel::PastDur | Rel::Past | Rel::This | Rel::Next)
                && self.w(k) == "quarter"
            {
                let shift = match rel {
                    Rel::Next => 1,
                    Rel::This => 0,
                    _ => -1,
                };
                if rel == Rel::PastDur && j > i {
                    // "the latest quarter": the one the report is about.
                    return self.quarter_ctx_hit(i, k + 1, 0, -1, "quarter_latest");
                }
                return self.quarter_hit(i, k + 1, shift, "quarter_rel");
            } else if rel == Rel::PastDur && j > i && self.w(k) == "period" {
                // "the latest period": only in a report about a quarter.
                return self.quarter_ctx_hit(i, k + 1, 0, 0, "period_latest");
            }
        } else if j > i && matches!(self.w(j), "quarter" | "period") {
            // "the quarter a year ago": the comparison quarter.
            if let Some(end) = self.year_ago_after(j + 1) {
                return self.quarter_ctx_hit(i, end, -1, -5, "quarter_year_ago");
            }
            // "the quarter": the quarter the report is about, else the last
            // completed one (financial news usage); "the period" only in a
            // report about a quarter.
            if self.w(j) == "period" {
                if self.is(j + 1, Class::PeriodStop) {
                    return None;
                }
                return self.quarter_ctx_hit(i, j + 1, 0, 0, "period_the");
            }
            return self.quarter_ctx_hit(i, j + 1, 0, -1, "quarter_the");
        }
        // "the year-ago quarter", "the comparable year-ago period", "the
        // same period last year".
        let m = if j > i && self.is(j, Class::SamePeriod) {
            j + 1
        } else {
            j
        };
        let year_ago = self.is(m, Class::YearAgoAdj);
        let p = if year_ago { m + 1 } else { m };
        if (year_ago || m > j) && matches!(self.w(p), "quarter" | "period") {
            let end = match self.year_ago_after(p + 1) {
                Some(end) => end,
                None if year_ago => p + 1,
                None => return None,
            };
            return self.quarter_ctx_hit(i, end, -1, -5, "quarter_year_ago");
        }
        if self.is(j, Class::YearAgoAdj) {
            year_shift = Some(-1);
            j += 1;
        }
        if self.w(j) == "fiscal" {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            explicit_year = Some(y);
            j += 1;
        }
        if self.w(j) == "fiscal" {
            j += 1;
        }
        // Ordinal + quarter, or "third-quarter" ("fiscal-first quarter").
        let w = self.w(j);
        let w = w.strip_prefix("fiscal-").unwrap_or(w);
        let mut first = i;
        let (q, end) = if let Some(q) = w.strip_suffix("-quarter") {
            // "the third-quarter results": the adjective alone is the expression.
            if j == i + 1 && self.w(i) == "the" {
                first = j;
            }
            (self.quarter_ordinal(q)?, j + 1)
        } else {
            let q = self.quarter_ordinal(w)?;
            let k = if self.w(j + 1) == "-" { j + 2 } else { j + 1 };
            if self.w(k) != "quarter" {
                return None;
            }
            (q, k + 1)
        };
        let mut end = end;
        if self.w(end) == "of" {
            if let Some(y) = self.year_at(end + 1) {
                explicit_year = Some(y);
                end += 2;
            } else if let Some((rel, k)) = self.rel_at(end + 1) {
                if self.w(k) == "year" {
                    year_shift = Some(match rel {
                        Rel::Past => -1,
                        Rel::Next => 1,
                        _ => 0,
                    });
                    end = k + 1;
                }
            }
        }
        let rule = if explicit_year.is_some() {
            "quarter_year"
        } else {
            "quarter"
        };
        self.quarter_hit_n(first, end, q, explicit_year, year_shift, rule)
    }

    /// "a year ago", "a year earlier", "last year", "the previous year"
    /// at `j`: the index after it.
    fn year_ago_after(&self, j: usize) -> Option<usize> {
        if matches!(self.w(j), "a" | "one")
            && self.w(j + 1) == "year"
            && matches!(self.w(j + 2), "ago" | "earlier" | "before")
        {
            return Some(j + 3);
        }
        match self.rel_at(j) {
            Some((Rel::Past, k)) if self.w(k) == "year" => Some(k + 1),
            _ => None,
        }
    }

    /// A [`QUARTER_CTX`] hit: `year_shift` years from the quarter last
    /// named; with no quarter named, `fallback` quarters from the
    /// publication date's (0: not an expression).
    fn quarter_ctx_hit(
        &self,
        i: usize,
        end: usize,
        year_shift: i32,
        fallback: i64,
        rule: &str,
    ) -> Option<Hit> {
        let fb = if fallback == 0 {
            String::new()
        } else {
            self.quarter_hit(i, end, fallback, rule)?.value
        };
        let rule = if year_shift == 0 {
            rule.to_string()
        } else {
            format!("{rule}{COMPARISON}")
        };
        Some(Hit::new(
            i,
            end,
            "DATE",
            format!("{QUARTER_CTX}{year_shift}|{fb}"),
            "quarter",
            &rule,
        ))
    }

    fn quarter_ordinal(&self, w: &str) -> Option<u32> {
        let q = ordinal_digits(w).or_else(|| {
            self.lex.get(w).iter().find_map(|l| match l {
                Lex::Ordinal(n) => Some(*n),
                _ => None,
            })
        })?;
        (1..=4).contains(&q).then_some(q)
    }

    /// A quarter relative to the anchor's current quarter.
    fn quarter_hit(&self, i: usize, end: usize, shift: i64, rule: &str) -> Option<Hit> {
        Some(match self.anchor {
            Some(a) => {
                let d = calendar::shift(a, shift, Unit::Quarter)?;
                let (y, q) = calendar::quarter_of(d);
                Hit::new(i, end, "DATE", calendar::fmt_quarter(y, q), "quarter", rule)
            }
            None => Hit::new(
                i,
                end,
                "DATE",
                "XXXX-QX".into(),
                "quarter",
                &format!("{rule}{UNANCHORED}"),
            ),
        })
    }

    fn quarter_hit_n(
        &self,
        i: usize,
        end: usize,
        q: u32,
        year: Option<i32>,
        year_shift: Option<i32>,
        rule: &str,
    ) -> Option<Hit> {
        let y = match (year, self.anchor) {
            (Some(y), _) => Some(y),
            (None, Some(a)) => {
                let (ay, aq) = calendar::quarter_of(a);
                Some(match year_shift {
                    Some(s) => ay + s,
                    // A quarter not begun yet is last year's unless the text looks ahead.
                    None if q > aq && self.tense(i, end) != Some(Dir::Future) => ay - 1,
                    None => ay,
                })
            }
            (None, None) => None,
        };
        let v = y.map_or_else(|| format!("XXXX-Q{q}"), |y| calendar::fmt_quarter(y, q));
        let mut rule = if y.is_none() {
            format!("{rule}{UNANCHORED}")
        } else {
            rule.to_string()
        };
        // "last year's third quarter", "the year-ago third quarter".
        if year_shift.is_some_and(|s| s < 0) {
            rule.push_str(COMPARISON);
        }
        Some(Hit::new(i, end, "DATE", v, "quarter", &rule))
    }

    /// "7:15 p.m.", "10 p.m. Wednesday", "noon Thursday", "at 10:30 GMT".
    fn clock(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let mut end = i + 1;
        let (h, m) = if let Some(Lex::Clock(h, m)) = self
            .lexes(i)
            .iter()
            .find(|l| matches!(l, Lex::Clock(..)))
            .copied()
        {
            (h, m)
        } else {
            if self.kind(i) != Some(TokenKind::Number) {
                return None;
            }
            // Split an attached am/pm: "10pm", "7:30am".
            let (num, suffix) = match w.find(|c: char| c.is_ascii_alphabetic()) {
                Some(p) => w.split_at(p),
                None => (w, ""),
            };
            // "0300 GMT": four digits straight before a time zone.
            let military =
                num.len() == 4 && suffix.is_empty() && self.has(end, |l| matches!(l, Lex::Zone));
            // "11.30am", "14.30 GMT": a full stop between hour and minutes
            // (British style), only with am/pm or a zone (else a decimal).
            let dotted = !num.contains(':') && num.contains('.');
            let (hs, ms) = if military {
                num.split_at(2)
            } else if dotted {
                num.split_once('.').unwrap_or((num, "00"))
            } else {
                num.split_once(':').unwrap_or((num, "00"))
            };
            let mut h = digits(hs)?;
            let m = digits(ms).filter(|_| ms.len() == 2)?;
            let pm = match suffix {
                "am" => Some(false),
                "pm" => Some(true),
                "" => match self.lexes(end).iter().find_map(|l| match l {
                    Lex::AmPm(p) => Some(*p),
                    _ => None,
                }) {
                    Some(p) => {
                        end += 1;
                        Some(p)
                    }
                    None => None,
                },
                _ => return None,
            };
            let zone_next = self.has(end, |l| matches!(l, Lex::Zone));
            let prev_at = i > self.lo && self.is(i - 1, Class::ClockPrep);
            match pm {
                Some(p) => {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    if p && h < 12 {
                        h += 12;
                    } else if !p && h == 12 {
                        h = 0;
                    }
                }
                None => {
                    if !(num.contains(':') || military || dotted)
                        || !(zone_next || (prev_at && !dotted))
                        || h > 24
                    {
                        return None;
                    }
                }
            }
            if m > 59 {
                return None;
            }
            (h, m)
        };
        if let Some((_, k)) = self.entry_at(end, |l| matches!(l, Lex::Zone).then_some(*l)) {
            end = k;
        }
        // Date part after the clock time ("3 a.m. on Sunday"); a capital
        // "On" opens the next sentence ("at 3 a.m. On Sunday, ...").
        let k = if (self.w(end) == "on" && !self.is_cap(end)) || self.w(end) == "," {
            end + 1
        } else {
            end
        };
        let mut date = None;
        let mut rule = "clock";
        let weekday = self.weekday_expr(k);
        if let Some(hd) = weekday
            .clone()
            .or_else(|| self.relday(k))
            .or_else(|| self.month_expr(k))
            .filter(|h| h.precision == "day" && h.kind == "DATE")
            .or_else(|| {
                // "10 a.m. Tuesday morning": the day of a part of day.
                weekday.filter(|h| {
                    h.kind == "TIME" && h.value.len() == 13 && h.value.as_bytes()[10] == b'T'
                })
            })
        {
            date = NaiveDate::parse_from_str(hd.value.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
            end = hd.end;
            rule = "clock_date";
        }
        // Without a date part the clock time sits on the story's day (a day
        // named in this or the previous sentence: "On Sunday, the bomb went
        // off at 3 a.m."), else on the publication day; `scan` resolves it.
        let value = match date {
            Some(d) => format!("{}T{h:02}:{m:02}", calendar::fmt_day(d)),
            None => format!("{PART_OF_DAY}{h:02}:{m:02}"),
        };
        Some(Hit::new(i, end, "TIME", value, "day", rule))
    }

    /// "every week", "each Thursday", "every two weeks", "each July".
    fn set_expr(&self, i: usize) -> Option<Hit> {
        if !self.has(i, |l| matches!(l, Lex::Every)) {
            return None;
        }
        let j = i + 1;
        if let Some(d) = self.weekday_at(j) {
            return Some(Hit::new(
                i,
                j + 1,
                "SET",
                format!("XXXX-WXX-{d}"),
                "unknown",
                "set_weekday",
            ));
        }
        if let Some(m) = self.month_at(j) {
            return Some(Hit::new(
                i,
                j + 1,
                "SET",
                format!("XXXX-{m:02}"),
                "unknown",
                "set_month",
            ));
        }
        if let Some(pod) = self.pod_at(j) {
            return Some(Hit::new(
                i,
                j + 1,
                "SET",
                format!("XXXX-XX-XXT{pod}"),
                "unknown",
                "set_pod",
            ));
        }
        if let Some((unit, false)) = self.unit_at(j) {
            return Some(Hit::new(
                i,
                j + 1,
                "SET",
                calendar::duration(Some(1), unit),
                "unknown",
                "set_unit",
            ));
        }
        if self.w(j) == "other" {
            if let Some((unit, false)) = self.unit_at(j + 1) {
                return Some(Hit::new(
                    i,
                    j + 2,
                    "SET",
                    calendar::duration(Some(2), unit),
                    "unknown",
                    "set_other",
                ));
            }
        }
        let (n, k) = self.number_at(j)?;
        let (unit, true) = self.unit_at(k)? else {
            return None;
        };
        Some(Hit::new(
            i,
            k + 1,
            "SET",
            calendar::duration(n, unit),
            "unknown",
            "set_every_n",
        ))
    }

    /// "on Christmas Eve", "New Year's Day 2014", "Christmas morning": a
    /// fixed-date holiday (lexicon category `holiday`), capitalised. Its
    /// year follows the tense as a month-day's does. A one-word name before
    /// another word is a modifier ("Christmas shopping"), unless that word
    /// is a part of day.
    fn holiday(&self, i: usize) -> Option<Hit> {
        if !self.is(i, Class::HolidayHead) || !self.is_cap(i) {
            return None;
        }
        let (words, m, d) = self
            .lex
            .holidays
            .iter()
            .find(|(words, _, _)| words.iter().enumerate().all(|(k, t)| self.w(i + k) == t))?;
        let (m, d, end) = (*m, *d, i + words.len());
        let year = self.year_at(end);
        if end == i + 1
            && year.is_none()
            && self.kind(end) == Some(TokenKind::Word)
            && self.pod_at(end).is_none()
        {
            return None;
        }
        let stop = if year.is_some() { end + 1 } else { end };
        let mut h = self.month_day_hit(i, stop, year, m, d, None);
        if h.precision != "day" {
            return None;
        }
        h.rule = h.rule.replacen("times:month_day", "times:holiday", 1);
        if year.is_none() {
            if let Some(pod) = self.pod_at(stop) {
                h.end = stop + 1;
                h.kind = "TIME";
                h.value = format!("{}T{pod}", h.value);
            }
        }
        Some(h)
    }

    /// "resume on the 5th", "began on the 28th.": a day of the month with
    /// no month, after a preposition and before no word but a finite verb
    /// or a clause word ("the raid on the 15th killed five", "on the 3rd
    /// when troops left"): the nearest such day in the direction of the
    /// tense (before publication unless the clause looks ahead). "on the
    /// 5th floor" and "the 5th of June" are other things.
    fn ordinal_day(&self, i: usize) -> Option<Hit> {
        if self.w(i) != "the" || i == self.lo || !self.is(i - 1, Class::DayPrep) {
            return None;
        }
        let d = ordinal_digits(self.w(i + 1)).filter(|d| (1..=31).contains(d))?;
        if (matches!(self.kind(i + 2), Some(TokenKind::Word | TokenKind::Number))
            && !self.clause_after_day(i + 2, self.is(i - 1, Class::DayVerbPrep)))
            || matches!(self.w(i + 2), "-" | "–" | "/")
        {
            return None;
        }
        let end = i + 2;
        let Some(a) = self.anchor else {
            return Some(Hit::new(
                i,
                end,
                "DATE",
                format!("XXXX-XX-{d:02}"),
                "day",
                &format!("ordinal_day{UNANCHORED}"),
            ));
        };
        let ahead = self.tense(i, end) == Some(Dir::Future);
        // This month's day, else the next (or previous) month that has it.
        let mut month = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
        let date = (0..4).find_map(|_| {
            let cand = NaiveDate::from_ymd_opt(month.year(), month.month(), d);
            let fits = cand.filter(|c| if ahead { *c >= a } else { *c <= a });
            if fits.is_none() {
                month = calendar::shift(month, if ahead { 1 } else { -1 }, Unit::Month)?;
            }
            fits
        })?;
        Some(Hit::new(
            i,
            end,
            "DATE",
            calendar::fmt_day(date),
            "day",
            "ordinal_day",
        ))
    }

    /// True when the word at `k`, right after "on the 15th", goes on with
    /// the clause rather than naming what is 15th: a clause word
    /// (`day_link`: "when", "after") or, after a `day_verb_prep` ("on",
    /// "by"; `verb_ok`), a lower-case finite verb (a past form, a present
    /// "be", "will" or a modal, or an "-ed" word before what shows it a
    /// verb). A word of time ("last", "next") or a unit ("on the 15th day")
    /// is none; nor is an "-ed" adjective before its noun ("the 3rd
    /// mechanized brigade") or a verb after "from the 5th" ("reinforcements
    /// from the 5th arrived": a unit's).
    fn clause_after_day(&self, k: usize, verb_ok: bool) -> bool {
        let w = self.w(k);
        if self.kind(k) != Some(TokenKind::Word)
            || self.is_cap(k)
            || self.has(k, |l| {
                matches!(
                    l,
                    Lex::Rel(_) | Lex::RelDay(_) | Lex::Unit(..) | Lex::Month(_) | Lex::Pod(_)
                )
            })
        {
            return false;
        }
        if self.is(k, Class::DayLink) {
            return true;
        }
        verb_ok
            && (self.is(k, Class::PresentBe)
                || self.has(k, |l| matches!(l, Lex::Past | Lex::Future | Lex::Modal))
                || (w.len() > 4 && w.ends_with("ed") && self.verb_next(k + 1)))
    }

    /// True when the word at `k` shows the "-ed" word before it a verb, not
    /// an adjective of a noun: no word (punctuation, the end), a number, a
    /// capitalised name, a determiner or a `verb_next` word ("killed four",
    /// "shelled the town", "reached Kherson", "pushed into").
    fn verb_next(&self, k: usize) -> bool {
        self.kind(k) != Some(TokenKind::Word)
            || self.is_cap(k)
            || self.is(k, Class::Determiner)
            || self.is(k, Class::VerbNext)
            || self.is(k, Class::DayLink)
            || self.has(k, |l| matches!(l, Lex::Number(_)))
    }

    /// "the winter of 1994", "summer 2014", "in the summer".
    fn season_expr(&self, i: usize) -> Option<Hit> {
        // "the past three summers": the season, every year of a stretch (a
        // SET in TimeML, like "every summer").
        let r = if self.w(i) == "the" { i + 1 } else { i };
        if self.is(r, Class::SeasonRel) {
            if let Some((Some(n), k)) = self.number_at(r + 1) {
                let s = self.w(k).strip_suffix('s').and_then(|stem| {
                    self.lex.get(stem).iter().find_map(|l| match l {
                        Lex::Season(s) => Some(*s),
                        _ => None,
                    })
                });
                if let Some(s) = s.filter(|_| n > 1) {
                    return Some(Hit::new(
                        i,
                        k + 1,
                        "SET",
                        format!("XXXX-{s}"),
                        "unknown",
                        "season_set",
                    ));
                }
            }
        }
        let j = if self.w(i) == "the" { i + 1 } else { i };
        let s = self.season_at(j)?;
        let k = if self.w(j + 1) == "of" { j + 2 } else { j + 1 };
        if let Some((y, k_end)) = self
            .year_at(k)
            .map(|y| (y, k + 1))
            .or_else(|| self.year_words(k))
        {
            return Some(Hit::new(
                i,
                k_end,
                "DATE",
                format!("{y:04}-{s}"),
                "quarter",
                "season_year",
            ));
        }
        // A bare season needs "the" or "in" before it ("fall" is also a verb).
        let cue = j > i || (i > self.lo && self.w(i - 1) == "in");
        if !cue || s == "FA" && j == i {
            return None;
        }
        let (v, rule) = match self.anchor {
            Some(a) => {
                // The tense picks the season before or after publication:
                // "the offensive started in the fall" said in June is last
                // year's fall, "talks will resume in the spring" said in
                // July next year's. Winter spans the new year: the winter
                // of 2014 runs from December 2014.
                let m = a.month();
                let (start, end) = match s {
                    "SP" => (3, 5),
                    "SU" => (6, 8),
                    "FA" => (9, 11),
                    _ => (12, 14),
                };
                // Months since January of the publication year's winter
                // calendar (January and February count as 13 and 14 of
                // the year before).
                let (y, mm) = if s == "WI" && m <= 2 {
                    (a.year() - 1, m + 12)
                } else {
                    (a.year(), m)
                };
                let y = match self.tense(i, j + 1) {
                    Some(Dir::Past) if start > mm => y - 1,
                    Some(Dir::Future) if end < mm => y + 1,
                    _ if s == "WI" => y,
                    _ => a.year(),
                };
                (format!("{y:04}-{s}"), "season".to_string())
            }
            None => (format!("XXXX-{s}"), format!("season{UNANCHORED}")),
        };
        Some(Hit::new(i, j + 1, "DATE", v, "quarter", &rule))
    }

    /// A plural unit with no count: "for the first time in years",
    /// "follows months of talks", "within weeks or months", "the early
    /// years", "the first hours of the war": a vague duration (PXY, PTXH).
    fn bare_units(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.w(i) == "the" {
            j += 1;
            if self.is(j, Class::UnitEdge) {
                j += 1;
            }
        } else if i > self.lo && matches!(self.w(i - 1), "'s" | "’s" | "-") {
            return None;
        }
        // A count before it belongs to the quantity matcher ("eight
        // trading days", "a couple of years").
        let count_at = |b: usize| {
            b >= self.lo
                && (self.kind(b) == Some(TokenKind::Number)
                    || self.has(b, |l| matches!(l, Lex::Number(_) | Lex::VagueNum)))
        };
        if j == i
            && i > self.lo
            && (count_at(i - 1)
                || (i > self.lo + 1 && self.is(i - 1, Class::UnitModifier) && count_at(i - 2)))
        {
            return None;
        }
        let unit_ok = |k: usize| match self.unit_at(k) {
            Some((
                u @ (Unit::Minute
                | Unit::Hour
                | Unit::Day
                | Unit::Week
                | Unit::Month
                | Unit::Year
                | Unit::Decade),
                true,
            )) => Some(u),
            _ => None,
        };
        let unit = unit_ok(j)?;
        let mut end = j + 1;
        // "weeks or months": one vague span, in the first unit.
        if matches!(self.w(end), "or" | "and") && unit_ok(end + 1).is_some() {
            end += 2;
        }
        if self.w(end) == "ago" {
            return Some(Hit::new(
                i,
                end + 1,
                "DATE",
                "PAST_REF".into(),
                "unknown",
                "bare_units:ago",
            ));
        }
        Some(Hit::new(
            i,
            end,
            "DURATION",
            calendar::duration(None, unit),
            "unknown",
            "bare_units",
        ))
    }

    /// "that day", "that same day", "the same week", "that year".
    fn anaphor(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        // "earlier in the day", "later in the day": the story's day.
        if w == "the"
            && self.w(i + 1) == "day"
            && i >= self.lo + 2
            && self.w(i - 1) == "in"
            && matches!(self.w(i - 2), "earlier" | "later")
        {
            return Some(Hit::new(
                i,
                i + 2,
                "DATE",
                STORY_DAY.to_string(),
                "day",
                "story_day",
            ));
        }
        if !matches!(w, "that" | "the" | "this") {
            return None;
        }
        // "That night, rebels returned": a part of the story's day.
        if w == "that" {
            if let Some(pod) = self.pod_at(i + 1) {
                return Some(Hit::new(
                    i,
                    i + 2,
                    "TIME",
                    format!("{PART_OF_DAY}{pod}"),
                    "day",
                    "pod_anaphor",
                ));
            }
        }
        // "The day before, rebels had left", "the week before": a step back
        // on the story's timeline. Before a noun ("the day before the vote")
        // it counts from that event, which is not a date we know.
        if w == "the"
            && self.w(i + 2) == "before"
            && matches!(self.w(i + 3), "," | "." | ";" | "" | "and" | "--")
        {
            if let Some((unit, false)) = self.unit_at(i + 1) {
                let code = match unit {
                    Unit::Day => "D",
                    Unit::Week => "W",
                    Unit::Month => "M",
                    Unit::Year => "Y",
                    _ => return None,
                };
                return Some(Hit::new(
                    i,
                    i + 3,
                    "DATE",
                    format!("{NARRATIVE}-1:{code}"),
                    if unit == Unit::Day { "day" } else { "unknown" },
                    "narrative_before",
                ));
            }
        }
        // "It's the second day of an offensive": a day counted from an
        // event's start, said with a present "be", is the story's day.
        if w == "the"
            && i > self.lo
            && self.is(i - 1, Class::PresentBe)
            && self.w(i + 2) == "day"
            && self.w(i + 3) == "of"
        {
            let wo = self.w(i + 1);
            let ordinal = ordinal_digits(wo).is_some()
                || self
                    .lexes(i + 1)
                    .iter()
                    .any(|l| matches!(l, Lex::Ordinal(_)));
            // Not a day of the calendar or of a term ("the tenth day of the
            // month of Muharram", "the 90th day of the agreement's year").
            let calendar =
                (i + 4..i + 8).any(|k| self.has(k, |l| matches!(l, Lex::Month(_) | Lex::Unit(..))));
            if ordinal && !calendar {
                return Some(Hit::new(
                    i,
                    i + 3,
                    "DATE",
                    STORY_DAY.to_string(),
                    "day",
                    "story_day:ordinal",
                ));
            }
        }
        let same = self.w(i + 1) == "same" || self.w(i + 1) == "very";
        if w != "that" && !same {
            return None;
        }
        let j = if same { i + 2 } else { i + 1 };
        let (unit, false) = self.unit_at(j)? else {
            return None;
        };
        let code = match unit {
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Year => "Y",
            _ => return None,
        };
        Some(Hit::new(
            i,
            j + 1,
            "DATE",
            format!("{ANAPHOR}{code}"),
            "unknown",
            "anaphor",
        ))
    }

    /// "the year", "the week", "the month", "year-end".
    fn the_unit(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if w == "year-end" {
            // "since year-end": the end of last year.
            let since = i > self.lo && self.w(i - 1) == "since";
            return Some(match self.anchor {
                Some(a) => Hit::new(
                    i,
                    i + 1,
                    "DATE",
                    format!("{:04}-12-31", a.year() - i32::from(since)),
                    "day",
                    "year_end",
                ),
                None => Hit::new(
                    i,
                    i + 1,
                    "DATE",
                    "XXXX-12-31".into(),
                    "day",
                    &format!("year_end{UNANCHORED}"),
                ),
            });
        }
        // "by year end", "by year's end" (no article): the end of this year,
        // at the year's precision as TimeBank marks it.
        if w == "year" && !(i > self.lo && matches!(self.w(i - 1), "the" | "a" | "fiscal")) {
            let end = match (self.w(i + 1), self.w(i + 2)) {
                ("end", _) => i + 2,
                ("'s" | "’s", "end") => i + 3,
                _ => return None,
            };
            let since = i > self.lo && self.w(i - 1) == "since";
            let (value, rule) = match self.anchor {
                Some(a) => (
                    format!("{:04}", a.year() - i32::from(since)),
                    "year_end_words".to_string(),
                ),
                None => ("XXXX".to_string(), format!("year_end_words{UNANCHORED}")),
            };
            return Some(Hit::new(i, end, "DATE", value, "year", &rule));
        }
        if w != "the" {
            return None;
        }
        // "the full year", "the current fiscal year": modifiers that keep
        // the period the anchor's own.
        let mut u = i + 1;
        while self.is(u, Class::PeriodModifier) && u < i + 3 {
            u += 1;
        }
        let (unit, false) = self.unit_at(u)? else {
            return None;
        };
        // "by the end of the decade": this decade, when a part of it is
        // named (a bare "the decade" is often a decade the story named).
        let decade_part = unit == Unit::Decade
            && i >= self.lo + 2
            && self.w(i - 1) == "of"
            && self.is(i - 2, Class::DecadePart);
        if !(matches!(unit, Unit::Week | Unit::Month | Unit::Year | Unit::Weekend) || decade_part) {
            return None;
        }
        if u > i + 1 && unit != Unit::Year {
            return None;
        }
        // "the year ended Sept. 30": an accounting period measured back from
        // the date that follows, a duration in TimeML.
        if matches!(self.w(u + 1), "ended" | "ending")
            && !matches!(unit, Unit::Weekend | Unit::Decade)
        {
            let code = match unit {
                Unit::Week => "P1W",
                Unit::Month => "P1M",
                _ => "P1Y",
            };
            return Some(Hit::new(
                i,
                u + 1,
                "DURATION",
                code.into(),
                "duration",
                "the_unit:ended",
            ));
        }
        let i_end = u + 1;
        // "the year 2000" and "the year's" belong to other matchers.
        if self.is(i + 2, Class::UnitStop)
            || (matches!(self.w(i + 2), "'s" | "’s") && self.quarter(i).is_some())
        {
            return None;
        }
        Some(match self.anchor {
            Some(a) => {
                // "the weekend" said on a weekday is the one just past,
                // unless the clause looks ahead.
                let d = if unit == Unit::Weekend
                    && a.weekday().number_from_monday() < 6
                    && self.tense(i, i + 2) != Some(Dir::Future)
                {
                    calendar::shift(a, -1, Unit::Week)?
                } else {
                    a
                };
                if unit == Unit::Week {
                    return Some(Hit::new(
                        i,
                        i_end,
                        "DATE",
                        STORY_WEEK.into(),
                        "week",
                        "the_unit",
                    ));
                }
                let (v, p) = calendar::period_value(d, unit);
                Hit::new(i, i_end, "DATE", v, p, "the_unit")
            }
            None => {
                let (v, p) = calendar::unanchored(unit);
                Hit::new(i, i_end, "DATE", v, p, &format!("the_unit{UNANCHORED}"))
            }
        })
    }
}
