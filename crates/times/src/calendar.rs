//! Calendar arithmetic and TIMEX3 value formatting.
//!
//! Owns: shifting dates by units, resolving a weekday / month / month-day to a
//! concrete date near the publication date (news style: the nearest past day
//! unless the clause speaks of the future), and writing ISO 8601 / TIMEX3
//! values ("2015-06-01", "2015-W23", "2015-Q2", "P2D"). It never panics: out of
//! range arithmetic returns `None`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::lexicon::Unit;

/// Which way a bare expression points when its text does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// On or before the anchor (news default).
    Past,
    /// On or after the anchor.
    Future,
    /// Whichever is closest.
    Closest,
}

pub fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn fmt_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

pub fn fmt_quarter(y: i32, q: u32) -> String {
    format!("{y:04}-Q{q}")
}

/// Shift by `n` units (negative = back). Sub-day units shift nothing.
pub fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let days = |k: i64| -> Option<NaiveDate> {
        if k >= 0 {
            d.checked_add_days(Days::new(k as u64))
        } else {
            d.checked_sub_days(Days::new(k.unsigned_abs()))
        }
    };
    let months = |k: i64| -> Option<NaiveDate> {
        let k32 = u32::try_from(k.unsigned_abs()).ok()?;
        if k >= 0 {
            d.checked_add_months(Months::new(k32))
        } else {
            d.checked_sub_months(Months::new(k32))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => days(n),
        Unit::Week | Unit::Weekend => days(n.checked_mul(7)?),
        Unit::Fortnight => days(n.checked_mul(14)?),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

/// Value and precision of the period of `unit` containing `d`.
pub fn period_value(d: NaiveDate, unit: Unit) -> (String, &'static str) {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => (fmt_day(d), "day"),
        Unit::Week | Unit::Fortnight => (fmt_week(d), "week"),
        Unit::Weekend => (format!("{}-WE", fmt_week(d)), "week"),
        Unit::Month => (fmt_month(d.year(), d.month()), "month"),
        Unit::Quarter => {
            let (y, q) = quarter_of(d);
            (fmt_quarter(y, q), "quarter")
        }
        Unit::Year => (format!("{:04}", d.year()), "year"),
        Unit::Decade => (format!("{:03}", d.year().div_euclid(10)), "decade"),
        Unit::Century => (format!("{:02}", d.year().div_euclid(100)), "century"),
    }
}

/// An unanchored placeholder for the period of `unit` (no publication date).
pub fn unanchored(unit: Unit) -> (String, &'static str) {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => ("XXXX-XX-XX".into(), "day"),
        Unit::Week | Unit::Fortnight => ("XXXX-WXX".into(), "week"),
        Unit::Weekend => ("XXXX-WXX-WE".into(), "week"),
        Unit::Month => ("XXXX-XX".into(), "month"),
        Unit::Quarter => ("XXXX-QX".into(), "quarter"),
        Unit::Year => ("XXXX".into(), "year"),
        Unit::Decade => ("XXX".into(), "decade"),
        Unit::Century => ("XX".into(), "century"),
    }
}

/// Duration value: "P2D", "PT3H", "P20Y", "PXW" (count None).
pub fn duration(count: Option<u32>, unit: Unit) -> String {
    let n = |k: u32| count.map_or("X".to_string(), |c| (c.saturating_mul(k)).to_string());
    match unit {
        Unit::Second => format!("PT{}S", n(1)),
        Unit::Minute => format!("PT{}M", n(1)),
        Unit::Hour => format!("PT{}H", n(1)),
        Unit::Day => format!("P{}D", n(1)),
        Unit::Week => format!("P{}W", n(1)),
        Unit::Fortnight => format!("P{}W", n(2)),
        Unit::Weekend => format!("P{}WE", n(1)),
        Unit::Month => format!("P{}M", n(1)),
        Unit::Quarter => format!("P{}Q", n(1)),
        Unit::Year => format!("P{}Y", n(1)),
        Unit::Decade => match count {
            Some(c) => format!("P{}Y", c.saturating_mul(10)),
            None => "PXDE".into(),
        },
        Unit::Century => match count {
            Some(c) => format!("P{}Y", c.saturating_mul(100)),
            None => "PXCE".into(),
        },
    }
}

pub fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The `wd` day nearest `anchor` in direction `dir`. `strict` excludes the
/// anchor day itself ("last Tuesday" said on a Tuesday is a week ago).
pub fn resolve_weekday(anchor: NaiveDate, wd: u32, dir: Dir, strict: bool) -> Option<NaiveDate> {
    let target = weekday_from(wd).num_days_from_monday() as i64;
    let cur = anchor.weekday().num_days_from_monday() as i64;
    let back = (cur - target).rem_euclid(7);
    let fwd = (target - cur).rem_euclid(7);
    let (back, fwd) = if strict {
        (
            if back == 0 { 7 } else { back },
            if fwd == 0 { 7 } else { fwd },
        )
    } else {
        (back, fwd)
    };
    match dir {
        Dir::Past => shift(anchor, -back, Unit::Day),
        Dir::Future => shift(anchor, fwd, Unit::Day),
        Dir::Closest => {
            if fwd < back {
                shift(anchor, fwd, Unit::Day)
            } else {
                shift(anchor, -back, Unit::Day)
            }
        }
    }
}

/// Year for a month (and day) given without one. Candidates are the anchor's
/// year and its neighbours; `dir` restricts them and the closest one wins.
pub fn infer_year(anchor: NaiveDate, month: u32, day: Option<u32>, dir: Dir) -> i32 {
    let y = anchor.year();
    let mut best: Option<(i64, i32)> = None;
    for cand in [y - 1, y, y + 1] {
        let probe = match day {
            Some(d) => NaiveDate::from_ymd_opt(cand, month, d),
            None => NaiveDate::from_ymd_opt(cand, month, 1),
        };
        let Some(probe) = probe else { continue };
        // Distance in days (month-level: compare month indexes).
        let dist = match day {
            Some(_) => (probe - anchor).num_days(),
            None => (cand as i64 * 12 + month as i64) - (y as i64 * 12 + anchor.month() as i64),
        };
        let ok = match dir {
            Dir::Past => dist <= 0,
            Dir::Future => dist >= 0,
            Dir::Closest => true,
        };
        if !ok {
            continue;
        }
        // Ties go to the past (news reports mostly look back).
        let key = dist.abs() * 2 + i64::from(dist > 0);
        if best.is_none_or(|(k, _)| key < k) {
            best = Some((key, cand));
        }
    }
    best.map_or(y, |(_, c)| c)
}

/// Season index for ordering: SP 0, SU 1, FA 2, WI 3.
pub fn season_index(code: &str) -> u32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// Season of a date (December counts toward the next year's winter code
/// "YYYY-WI" of the year it starts in; we keep the calendar year).
pub fn season_of(d: NaiveDate) -> u32 {
    match d.month() {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn weekdays_resolve_news_style() {
        let tue = d(2015, 6, 2);
        assert_eq!(resolve_weekday(tue, 2, Dir::Past, false), Some(tue));
        assert_eq!(
            resolve_weekday(tue, 1, Dir::Past, false),
            Some(d(2015, 6, 1))
        );
        assert_eq!(
            resolve_weekday(tue, 2, Dir::Past, true),
            Some(d(2015, 5, 26))
        );
        assert_eq!(
            resolve_weekday(tue, 2, Dir::Future, true),
            Some(d(2015, 6, 9))
        );
        assert_eq!(
            resolve_weekday(tue, 5, Dir::Future, false),
            Some(d(2015, 6, 5))
        );
    }

    #[test]
    fn years_are_inferred_near_the_anchor() {
        let a = d(1989, 10, 26);
        assert_eq!(infer_year(a, 1, Some(2), Dir::Closest), 1990);
        assert_eq!(infer_year(a, 9, Some(30), Dir::Closest), 1989);
        assert_eq!(infer_year(a, 1, None, Dir::Past), 1989);
        assert_eq!(infer_year(d(1998, 2, 6), 12, None, Dir::Closest), 1997);
    }

    #[test]
    fn values_are_formatted() {
        assert_eq!(fmt_week(d(2015, 5, 26)), "2015-W22");
        assert_eq!(duration(Some(2), Unit::Day), "P2D");
        assert_eq!(duration(Some(2), Unit::Decade), "P20Y");
        assert_eq!(duration(None, Unit::Week), "PXW");
        assert_eq!(period_value(d(1994, 3, 1), Unit::Decade).0, "199");
        assert!(shift(d(2015, 1, 31), i64::MAX, Unit::Day).is_none());
    }
}
