//! Unit tests of the times stage on sentences written for them.

use chrono::NaiveDate;
use sitrep_core::{Analysis, Doc, DocMeta, Stage, TimeExpr};

use super::*;

fn tag(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let doc = Doc::with_meta(
        "t",
        text,
        DocMeta {
            published,
            ..DocMeta::default()
        },
    );
    let mut a = Analysis::default();
    TimeTagger::load_default().unwrap().annotate(&doc, &mut a);
    a.times
}

fn pub_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2015, 6, 2)
}

/// (span text, value, type, precision) of each expression.
fn got(text: &str) -> Vec<(String, String, String, String)> {
    tag(text, pub_day())
        .into_iter()
        .map(|t| (t.span.text, t.value, t.kind, t.precision))
        .collect()
}

fn one(text: &str) -> (String, String, String, String) {
    let g = got(text);
    assert_eq!(g.len(), 1, "{text:?} gave {g:?}");
    g.into_iter().next().unwrap()
}

fn value(text: &str) -> String {
    one(text).1
}

#[test]
fn required_examples_against_2015_06_02() {
    let o = one("The embassy tweeted on June 1 that the regime had bombed Aleppo.");
    assert_eq!(
        o,
        (
            "June 1".into(),
            "2015-06-01".into(),
            "DATE".into(),
            "day".into()
        )
    );
    assert_eq!(
        value("On Tuesday, a spokeswoman said there was no evidence."),
        "2015-06-02"
    );
    assert_eq!(value("Monday's strikes killed 12 people."), "2015-06-01");
    let o = one("Rebels said the town fell last week.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.3.as_str()),
        ("last week", "2015-W22", "week")
    );
    let o = one("The embassy suspended its operations in 2013.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.3.as_str()),
        ("2013", "2013", "year")
    );
    let o = one("The village was shelled two days ago.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.3.as_str()),
        ("two days ago", "2015-05-31", "day")
    );
    let o = one("Clashes broke out earlier this month near the border.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.3.as_str()),
        ("earlier this month", "2015-06", "month")
    );
}

#[test]
fn date_formats() {
    assert_eq!(value("It happened on 1 June."), "2015-06-01");
    assert_eq!(value("It happened on June 1, 2014."), "2014-06-01");
    assert_eq!(value("It happened on Jun. 1."), "2015-06-01");
    assert_eq!(
        value("The record dated 2015-06-01 was found."),
        "2015-06-01"
    );
    assert_eq!(value("It happened on 6/1/2015."), "2015-06-01");
    assert_eq!(value("Fighting resumed in June."), "2015-06");
    assert_eq!(value("Fighting resumed in June 2014."), "2014-06");
    assert_eq!(value("Talks collapsed on the 3rd of May."), "2015-05-03");
    let (span, v, _, p) = one("Raids took place June 1-3 in the east.");
    assert_eq!(
        (span.as_str(), v.as_str(), p.as_str()),
        ("June 1-3", "2015-06-01/2015-06-03", "week")
    );
    let (span, v, _, _) = one("The talks ended Saturday, May 30, officials said.");
    assert_eq!(
        (span.as_str(), v.as_str()),
        ("Saturday, May 30", "2015-05-30")
    );
}

#[test]
fn relative_days_and_weeks() {
    assert_eq!(value("Yesterday the army advanced."), "2015-06-01");
    assert_eq!(value("The convoy arrives today."), "2015-06-02");
    assert_eq!(value("Talks resume next Tuesday."), "2015-06-09");
    assert_eq!(value("The ministers will meet on Friday."), "2015-06-05");
    assert_eq!(value("Officials met last Tuesday."), "2015-05-26");
    assert_eq!(value("Prices rose last month."), "2015-05");
    assert_eq!(value("Prices rose this year."), "2015");
    assert_eq!(value("Prices fell last year."), "2014");
    assert_eq!(
        value("The army shelled the town overnight."),
        "2015-06-01TNI"
    );
    let (span, v, k, _) = one("Jets struck Tuesday morning.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("Tuesday morning", "2015-06-02TMO", "TIME")
    );
    assert_eq!(
        value("Five people were killed last night."),
        "2015-06-01TNI"
    );
    // The day that many weeks back (TimeBank's habit), at week precision.
    let o = one("The siege began three weeks ago.");
    assert_eq!((o.1.as_str(), o.3.as_str()), ("2015-05-12", "week"));
    assert_eq!(value("The siege began a year ago."), "2014");
}

#[test]
fn durations_sets_and_vague() {
    let (span, v, k, _) = one("The siege has lasted three years.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("three years", "P3Y", "DURATION")
    );
    let (span, v, k, _) = one("Dozens died in the past 24 hours.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("the past 24 hours", "P1D", "DURATION")
    );
    assert_eq!(value("It was a five-year plan."), "P5Y");
    assert_eq!(value("It was a 10-year plan."), "P10Y");
    assert_eq!(value("Fighting lasted several weeks."), "PXW");
    assert_eq!(one("Aid arrives in a few days.").0, "a few days");
    assert_eq!(one("Aid arrives in a couple of weeks.").1, "P2W");
    assert_eq!(value("Nearly two decades of war followed."), "P20Y");
    let (_, v, k, _) = one("Convoys leave every week.");
    assert_eq!((v.as_str(), k.as_str()), ("P1W", "SET"));
    let (_, v, k, _) = one("Inspectors visit each Thursday.");
    assert_eq!((v.as_str(), k.as_str()), ("XXXX-WXX-4", "SET"));
    let (span, v, k, _) = one("They meet twice a year.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("a year", "P1Y", "SET")
    );
    assert_eq!(
        value("The Assad military recently carried out airstrikes."),
        "PAST_REF"
    );
    assert_eq!(value("The group now controls the town."), "PRESENT_REF");
}

#[test]
fn quarters_decades_seasons_and_clock_times() {
    assert_eq!(value("Profit fell in the first quarter."), "2015-Q1");
    assert_eq!(
        value("Profit fell in the third quarter of 2013."),
        "2013-Q3"
    );
    assert_eq!(value("Third-quarter profit fell."), "2014-Q3");
    assert_eq!(value("The war of the 1990s scarred the region."), "199");
    assert_eq!(
        value("The war of the late 1970s scarred the region."),
        "197"
    );
    assert_eq!(value("He fled in the 20th century."), "19");
    assert_eq!(value("The offensive resumed this summer."), "2015-SU");
    assert_eq!(value("The offensive stalled last winter."), "2014-WI");
    let (span, v, k, _) = one("The blast came at around 7:15 p.m. local time.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("around 7:15 p.m. local time", "2015-06-02T19:15", "TIME")
    );
    assert_eq!(
        value("The curfew started at 10 p.m. Monday."),
        "2015-06-01T22:00"
    );
    // A present that schedules looks ahead.
    assert_eq!(
        value("The curfew starts at 10 p.m. Monday."),
        "2015-06-08T22:00"
    );
}

#[test]
fn hedges_and_edges_stay_in_the_span() {
    assert_eq!(
        one("The siege lasted nearly two years.").0,
        "nearly two years"
    );
    assert_eq!(one("Elections are due in early 2016.").0, "early 2016");
    assert_eq!(one("Talks stalled in mid-June.").1, "2015-06");
    assert_eq!(one("The strike came late yesterday.").0, "late yesterday");
}

#[test]
fn no_false_alarms_on_ordinary_words() {
    assert!(got("You may march to the square.").is_empty());
    assert!(got("Some 2000 troops and 300 tanks moved in.").is_empty());
    assert!(got("They will fall back to the river.").is_empty());
    assert!(got("A quarter of the population fled.").is_empty());
}

#[test]
fn without_publication_date_values_stay_unresolved() {
    let t = tag("On Tuesday, jets struck. On June 1 rebels advanced.", None);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].value, "XXXX-XX-XX");
    assert!(t[0].rule.ends_with(":unanchored"));
    assert_eq!(t[1].value, "XXXX-06-01");
    assert!(t[1].rule.ends_with(":unanchored"));
    // Absolute dates need no anchor.
    assert_eq!(
        tag("It began on June 1, 2015.", None)[0].value,
        "2015-06-01"
    );
}

#[test]
fn hostile_input_is_safe_and_deterministic() {
    let long = "June 1 ".repeat(5000);
    for s in [
        "",
        " ",
        "\u{0}\u{1}\u{7f}",
        "الثلاثاء 1 يونيو",
        "\u{202e}June 1\u{202c}",
        "99999999999999999999 days ago",
        "4294967295 years ago",
        "June 31",
        "Feb. 30, 2015",
        "9999-99-99",
        "13/45/2015",
        "the 99th century",
        "every",
        "the past",
        long.as_str(),
    ] {
        let a = tag(s, pub_day());
        let b = tag(s, pub_day());
        assert_eq!(a, b);
        for t in &a {
            assert!(t.span.start <= t.span.end);
        }
    }
}

#[test]
fn spans_carry_char_offsets() {
    let t = tag("Ḩalab’s rebels fled on Tuesday.", pub_day());
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].span.start, 23);
    assert_eq!(t[0].span.text, "Tuesday");
}

#[test]
fn helpers_for_the_events_stage() {
    assert_eq!(acled_time_precision("day"), 1);
    assert_eq!(acled_time_precision("week"), 2);
    assert_eq!(acled_time_precision("month"), 3);
    assert_eq!(acled_time_precision("year"), 3);
    assert_eq!(ucdp_date_prec("day"), 1);
    assert_eq!(ucdp_date_prec("week"), 3);
    assert_eq!(ucdp_date_prec("month"), 4);
    assert_eq!(ucdp_date_prec("year"), 5);
    let d = NaiveDate::from_ymd_opt(2015, 6, 2).unwrap();
    assert_eq!(
        resolve("last week", d),
        Some(("2015-W22".into(), "week".into()))
    );
    assert_eq!(resolve("in 2013", d), Some(("2013".into(), "year".into())));
    let times = tag(
        "Jets struck Tuesday morning. The war has lasted years.",
        pub_day(),
    );
    let e = event_time(&times, Some(0), pub_day()).unwrap();
    assert_eq!(
        (e.value.as_str(), e.time_precision, e.fallback),
        ("2015-06-02", 1, false)
    );
    let e = event_time(&times, None, pub_day()).unwrap();
    assert!(e.fallback);
    assert_eq!(e.value, "2015-06-02");
    assert!(event_time(&times, None, None).is_none());
}

#[test]
fn discourse_and_spoken_forms() {
    // After a quarter is named, "a year earlier" compares quarters.
    let t = got("Profit rose in the first quarter. A year earlier it fell.");
    assert_eq!(t[1].1, "2014-Q1");
    // Without one it is a year.
    assert_eq!(value("A year earlier it fell."), "2014");
    assert_eq!(value("It ended in nineteen ninety-six."), "1996");
    assert_eq!(value("Troops withdrew the 1987 way."), "1987");
    // "the weekend" said on a Tuesday is the one just past.
    assert_eq!(value("Shelling eased over the weekend."), "2015-W22-WE");
    // In January, "last winter" is the winter before the current one.
    let jan = NaiveDate::from_ymd_opt(2016, 1, 15);
    assert_eq!(
        tag("Fighting stalled last winter.", jan)[0].value,
        "2014-WI"
    );
    assert_eq!(tag("Fighting stalled last fall.", jan)[0].value, "2015-FA");
    // The article before an adjectival duration is not part of it.
    assert_eq!(one("It was the five-year plan.").0, "five-year");
    // Adjectives that TimeBank leaves unmarked.
    assert!(got("The quarterly report and daily briefings continue.").is_empty());
}

#[test]
fn narrative_and_ordinal_words_are_not_misread() {
    assert!(got("A second attack followed.").is_empty());
    let (span, v, _, _) = one("Troops entered the town the next day.");
    assert_eq!((span.as_str(), v.as_str()), ("the next day", "XXXX-XX-XX"));
    assert!(got("On the first day of talks nothing moved.").is_empty());
    assert_eq!(value("Assad lost legitimacy long ago."), "PAST_REF");
}

#[test]
fn conflict_news_forms() {
    assert_eq!(value("The siege lasted through mid-2014."), "2014");
    let t = got("The war of 2011-2014 ended.");
    assert_eq!(t.len(), 2);
    assert_eq!((t[0].1.as_str(), t[1].1.as_str()), ("2011", "2014"));
    let (span, v, _, _) = one("Raids took place on 1-3 June near Idlib.");
    assert_eq!(
        (span.as_str(), v.as_str()),
        ("1-3 June", "2015-06-01/2015-06-03")
    );
    let (span, v, k, _) = one("The raid began at 0300 GMT.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("0300 GMT", "2015-06-02T03:00", "TIME")
    );
    assert_eq!(value("Jets struck on Tuesday night."), "2015-06-02TNI");
    assert_eq!(
        value("The week's heaviest shelling hit Aleppo."),
        "2015-W23"
    );
    // A past-tense verb right before the date rules out a date after publication.
    assert_eq!(value("Troops advanced on 5th June."), "2014-06-05");
    assert_eq!(value("Talks will resume on 5th June."), "2015-06-05");
    assert_eq!(value("A report on 5th June is expected."), "2015-06-05");
    assert_eq!(value("Clashes erupted late last month."), "2015-05");
    assert_eq!(
        value("Activists said 12 people died since March 2011."),
        "2011-03"
    );
}

#[test]
fn anaphoric_days_take_the_last_named_day() {
    let t = got("The embassy tweeted on June 1. On that same day, barrel bombs killed 70.");
    assert_eq!(t.len(), 2);
    assert_eq!(
        (t[1].0.as_str(), t[1].1.as_str(), t[1].3.as_str()),
        ("that same day", "2015-06-01", "day")
    );
    let t = got("Jets struck on Monday. Later that week rebels withdrew.");
    assert_eq!(t[1].1, "2015-W23");
    // With no date named before it, "that day" is generic: no expression.
    let t = got("Funds see strong redemptions that day and for two days after.");
    assert!(t.iter().all(|t| t.0 != "that day"), "{t:?}");
    assert!(got("That day, nothing happened.").is_empty());
    // A day named but not placed (no publication date) keeps it, unresolved.
    let t = tag(
        "Jets struck on Monday. That day, nothing else happened.",
        None,
    );
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(t[1].value, "XXXX-XX-XX");
    assert!(t[1].rule.ends_with(":unresolved"));
}

#[test]
fn time_for_picks_the_date_in_the_trigger_sentence() {
    let text = "Jets bombed Aleppo on Monday. Rebels retreated.";
    let doc = Doc::with_meta(
        "t",
        text,
        DocMeta {
            published: pub_day(),
            ..DocMeta::default()
        },
    );
    let times = TimeTagger::load_default().unwrap().tag(&doc, pub_day());
    let bombed = text.find("bombed").unwrap();
    let retreated = text.find("retreated").unwrap();
    assert_eq!(time_for(&doc, &times, bombed), Some(0));
    assert_eq!(time_for(&doc, &times, retreated), None);
    let e = event_time(&times, time_for(&doc, &times, retreated), pub_day()).unwrap();
    assert!(e.fallback);
    assert_eq!((e.precision.as_str(), e.time_precision), ("week", 2));
}

#[test]
fn longer_spans_from_timebank_review() {
    assert_eq!(one("Saturday, May 30: the court ruled.").1, "2015-05-30");
    assert_eq!(
        one("It ended in January nineteen ninety-seven.").1,
        "1997-01"
    );
    let (span, v, k, _) = one("The call came mid-afternoon yesterday.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("mid-afternoon yesterday", "2015-06-01TAF", "TIME")
    );
    assert_eq!(one("They agreed the 30-day truce.").0, "30-day");
}

#[test]
fn narrative_shifts_take_the_last_named_period() {
    // "the following month" follows the month the text named, not the
    // publication date; with none named it falls back on publication.
    let t = got("In March the army took the town. The following month it lost it.");
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].1, "2015-04");
    let t = tag("The following year the talks failed.", pub_day());
    assert_eq!(t[0].value, "2016");
    assert!(t[0].rule.ends_with(":publication"));
    // "the next day" after a named day is that day plus one.
    let t = got("Jets struck on May 3. Troops entered the town the next day.");
    assert_eq!(t[1].1, "2015-05-04");
    // "the following Tuesday" counts from the last named day.
    let t = got("Jets struck on May 20. The following Tuesday talks resumed.");
    assert_eq!(t[1].1, "2015-05-26");
    let t = got("The ceasefire collapsed in 2012. That year 5,000 died.");
    assert_eq!(t[1].1, "2012");
}

#[test]
fn counts_before_later_are_durations() {
    // TimeML: "three days later" is a duration plus a signal; it must not
    // be anchored on the publication date.
    let (span, v, k, _) = one("He was released three days later.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("three days", "P3D", "DURATION")
    );
    assert_eq!(value("He was arrested two days ago."), "2015-05-31");
}

#[test]
fn accounting_years_and_far_months() {
    let t = got("Profit rose in the year ended June 30, 2014.");
    assert_eq!(
        (t[0].0.as_str(), t[0].1.as_str(), t[0].2.as_str()),
        ("the year", "P1Y", "DURATION")
    );
    assert_eq!(t[1].1, "2014-06-30");
    assert_eq!(value("Sales grew in the current fiscal year."), "2015");
    // A month far from publication follows the sentence's tense, even when
    // the cue is far from it (published in June: November is last November
    // when the verb is past, next November when it is future).
    assert_eq!(
        value("The chief executive, who had long been ill, stepped down as chairman of the board in November."),
        "2014-11"
    );
    assert_eq!(
        value("The new chief executive of the company will be named at a meeting of the board in November."),
        "2015-11"
    );
}

#[test]
fn plural_weekdays_are_weekly_sets() {
    let (span, v, k, _) = one("Flights leave on Tuesdays.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("Tuesdays", "XXXX-WXX-2", "SET")
    );
    assert_eq!(value("Curfews begin on Friday nights."), "XXXX-WXX-5TNI");
    // A single night stays a date.
    assert_eq!(value("Jets struck on Friday night."), "2015-05-29TNI");
}

fn values_at(text: &str, published: Option<NaiveDate>) -> Vec<(String, String)> {
    tag(text, published)
        .into_iter()
        .map(|t| (t.span.text, t.value))
        .collect()
}

#[test]
fn earnings_reports_compare_with_the_quarter_they_are_about() {
    let nov = NaiveDate::from_ymd_opt(1989, 11, 2);
    // "the quarter", "the 1988 period" and "a year earlier" follow the
    // quarter the report is about, here a fiscal first quarter, whose place
    // in the calendar its number does not give (QX).
    let v = values_at(
        "Sun earned $5 million in the fiscal first quarter. Sales for the quarter rose \
         from $388 million a year earlier. In the 1988 period, it earned $20 million.",
        nov,
    );
    let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(vals, ["1989-Q1", "1989-QX", "1988-QX", "1988-QX"]);
    // A forecast quarter or an earlier digression does not change it; a
    // comparison period keeps the span of its words.
    let v = values_at(
        "Third-quarter net rose. The quake will cause a fourth-quarter charge. After a flat \
         second quarter, sales rose from the corresponding period last year. The latest \
         period had a gain.",
        nov,
    );
    assert_eq!(
        v,
        [
            ("Third-quarter".to_string(), "1989-Q3".to_string()),
            ("fourth-quarter".into(), "1989-Q4".into()),
            ("second quarter".into(), "1989-Q2".into()),
            (
                "the corresponding period last year".into(),
                "1988-Q3".into()
            ),
            ("The latest period".into(), "1989-Q3".into()),
        ]
    );
    // After a nine-month figure, "a year earlier" is the year.
    let v = values_at(
        "Third-quarter net rose from a year earlier. For the nine months, net rose from \
         $9 million a year earlier.",
        nov,
    );
    let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(vals, ["1989-Q3", "1988-Q3", "P9M", "1988"]);
    // With no quarter named, "the period" is not an expression and "the
    // quarter" is the last completed one.
    assert!(values_at("He served during the period.", nov).is_empty());
    assert_eq!(
        values_at("Profit rose in the quarter.", nov),
        [("the quarter".to_string(), "1989-Q3".to_string())]
    );
}

#[test]
fn tense_cues_beyond_regular_verbs() {
    // Irregular past forms and plans under "had" point back.
    assert_eq!(
        value("In November, the company brought in a new chief executive officer."),
        "2014-11"
    );
    assert_eq!(
        value("The offer had been scheduled to expire Friday."),
        "2015-05-29"
    );
    // "set to", "is to" and a participle under "will" point ahead.
    assert_eq!(value("Talks are set to resume Thursday."), "2015-06-04");
    assert_eq!(
        value("The stock is to resume trading in Paris Thursday."),
        "2015-06-04"
    );
    assert_eq!(
        value("The dividend will be paid Nov. 14 to holders."),
        "2015-11-14"
    );
}

#[test]
fn open_ends_connectives_and_last_year_s_periods() {
    assert_eq!(
        one("Sales should recover in 1994 or later.").0,
        "1994 or later"
    );
    assert_eq!(one("He fled a week or so ago.").1, "2015-05-26");
    // A year before a noun is a year; a count of that size takes a comma.
    assert_eq!(
        value("Keating lost his unsuccessful 1996 campaign."),
        "1996"
    );
    // One-word adverbs inside connectives are not expressions.
    assert!(got("He was killed soon after being captured.").is_empty());
    assert_eq!(value("Talks will soon resume."), "FUTURE_REF");
    // "last February" said in June is this year's; said in March, last year's.
    assert_eq!(value("Fighting resumed last February."), "2015-02");
    assert_eq!(value("Fighting resumed last May."), "2014-05");
    assert_eq!(value("A strike began last spring."), "2014-SP");
    assert_eq!(value("A strike began this past spring."), "2015-SP");
    assert_eq!(
        value("Work stopped in the fiscal-first quarter."),
        "2015-Q1"
    );
}

#[test]
fn vague_plural_units_and_ages() {
    let (span, v, k, _) = one("Growth returned for the first time in years.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("years", "PXY", "DURATION")
    );
    assert_eq!(
        one("He died within weeks or months of his capture.").0,
        "weeks or months"
    );
    assert_eq!(
        one("Prisoners were taken in the first hours of the war.").1,
        "PTXH"
    );
    // Counts keep their own matcher, with a modifier between count and unit.
    assert_eq!(one("Shares fell for eight trading days.").1, "P8D");
    assert_eq!(one("He may serve 20 more years.").1, "P20Y");
    assert_eq!(
        one("Rebels will try over the next couple of years.").1,
        "P2Y"
    );
    // Ages are not time expressions.
    assert!(got("The hostage, 37 years old when he was kidnapped, died.").is_empty());
}

#[test]
fn past_year_and_since_year_end() {
    assert_eq!(value("Hate groups grew over the past year."), "2014");
    assert_eq!(value("Wages lost ground in the last decade."), "200");
    // Shorter units stay durations.
    assert_eq!(value("Prices rose over the past week."), "P1W");
    assert_eq!(value("The index is up 20% since year-end."), "2014-12-31");
    assert_eq!(value("The deal should close by year-end."), "2015-12-31");
}

#[test]
fn overnight_before_a_weekday_is_that_days_night() {
    // Published Tuesday 2015-06-02.
    let o = one("Fighting raged overnight Saturday into Sunday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("overnight Saturday into Sunday", "2015-05-30TNI")
    );
    assert_eq!(
        value("Drones struck the port overnight Sunday."),
        "2015-05-31TNI"
    );
    // Any word of a range joins the second day (words.tsv `range_to`).
    let o = one("Shelling went on overnight Saturday through Sunday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("overnight Saturday through Sunday", "2015-05-30TNI")
    );
    // Alone it is still the night before the story's day.
    assert_eq!(value("Drones struck the port overnight."), "2015-06-01TNI");
}

#[test]
fn the_night_of_two_days_running_is_the_first_days_night() {
    let o = one("On the night of 3-4 March, drones struck the port.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("the night of 3-4 March", "2015-03-03TNI")
    );
    // Two days apart: no night of either.
    assert!(got("On the night of 3-5 March, drones struck the port.")
        .iter()
        .all(|g| !g.1.ends_with("TNI")));
}

#[test]
fn overnight_follows_the_day_the_story_is_at() {
    // With no day named nearby: the night before publication (Tue 2 June).
    assert_eq!(value("Rebels shelled the town overnight."), "2015-06-01TNI");
    // A day named in the same or the previous sentence anchors it, and a
    // later "the previous Friday" counts back from that night.
    let g = got(
        "Shares fell sharply on Friday. Traders were rattled by overnight losses \
                 in New York. The index was down 4% from the previous Friday.",
    );
    let v: Vec<&str> = g.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(v, ["2015-05-29", "2015-05-28TNI", "2015-05-22"]);
    // A day named long before does not.
    let g = got(
        "Shares fell on Friday. Dealers were calm. Brokers were calm. \
                 Rebels shelled the town overnight.",
    );
    assert_eq!(g[1].1, "2015-06-01TNI");
}

#[test]
fn part_of_day_after_a_preposition_is_on_the_story_day() {
    // No day named: the publication day (Tue 2 June 2015).
    assert_eq!(
        value("By mid afternoon, officials were saying the road was open."),
        "2015-06-02TAF"
    );
    // A day named in the previous sentence.
    let g = got("Shares fell on Friday. Dealers sold heavily in the morning.");
    assert_eq!(g[1].0, "the morning");
    assert_eq!(g[1].1, "2015-05-29TMO");
    // Habits and other expressions are not.
    assert!(got("Patrols go out at night.").is_empty());
    assert!(got("Rebels attack in the evenings.").is_empty());
}

#[test]
fn one_day_under_a_modal_is_some_day_to_come() {
    let (span, v, k, _) = one("Officials hope the refugees will one day return.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("one day", "FUTURE_REF", "DATE")
    );
    // A length of time stays a duration.
    assert_eq!(value("The siege lasted one day."), "P1D");
    assert_eq!(value("Talks will resume one day after the vote."), "P1D");
}

#[test]
fn a_rate_after_an_amount_is_no_expression() {
    assert!(got("The cuts should save $500 million a year in costs.").is_empty());
    assert!(got("Jobs grew at a rate of 358,000 a month.").is_empty());
    assert!(got("The plant will turn out 10,000 a month.").is_empty());
    // A duration that is no rate keeps its span.
    assert_eq!(value("Iraq was offered a week to withdraw."), "P1W");
    assert_eq!(value("He waited a year for the verdict."), "P1Y");
}

#[test]
fn a_bare_month_as_a_deadline_lies_ahead() {
    // Published 2015-06-02: February is four months back, but "by February"
    // is a deadline still to come.
    assert_eq!(
        value("The group plans to repay the bridge loan by February."),
        "2016-02"
    );
    assert_eq!(
        value("The bank extended the credit line through January."),
        "2016-01"
    );
    // A past verb right next to it keeps it behind.
    assert_eq!(value("The deal was completed by February."), "2015-02");
    // "this year through February" closes a range: no deadline.
    let g = got("Sales fell this year through February.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-02"), "{g:?}");
}

#[test]
fn a_capitalised_today_inside_a_title_is_no_expression() {
    assert!(got("You are listening to VOA Today.").is_empty());
    assert!(
        got("Baker said on ABC's \"This Week With David Brinkley\" that talks failed.").is_empty()
    );
    // Sentence-initial and lower-case forms stay expressions.
    assert_eq!(value("Today the rebels shelled the town."), "2015-06-02");
    assert_eq!(value("The rebels shelled the town today."), "2015-06-02");
    assert_eq!(
        value("He works for Apple Inc. Recently, he moved."),
        "PAST_REF"
    );
}

#[test]
fn year_end_without_a_hyphen_is_this_year() {
    assert_eq!(value("The rules should be in place by year's end."), "2015");
    assert_eq!(value("The sale should close by year end."), "2015");
    assert_eq!(value("The index has fallen since year end."), "2014");
    // "the year end" keeps the article's reading (no bare year-end rule).
    assert!(got("He spoke of a fiscal year end.")
        .iter()
        .all(|g| g.0 != "year end"));
}

#[test]
fn a_year_earlier_period_with_a_length_is_that_length() {
    let g = got("Net for the year-earlier nine months included a gain.");
    assert_eq!(g.len(), 1, "{g:?}");
    assert_eq!(
        (g[0].0.as_str(), g[0].1.as_str()),
        ("the year-earlier nine months", "P9M")
    );
    assert_eq!(g[0].2, "DURATION");
}

#[test]
fn the_past_n_seasons_is_a_set_of_that_season() {
    let o = one("Marchers clashed with police in each of the past three summers.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.2.as_str()),
        ("the past three summers", "XXXX-SU", "SET")
    );
    // One season is a date, not a set.
    assert_eq!(value("Fighting resumed in the spring."), "2015-SP");
}

#[test]
fn in_n_years_under_a_future_or_modal_is_a_date_ahead() {
    assert_eq!(value("The stock would be redeemed in five years."), "2020");
    assert_eq!(
        value("The ceasefire will be reviewed in two months."),
        "2015-08"
    );
    assert_eq!(
        value("You may, in a year or two, save a few lives."),
        "FUTURE_REF"
    );
    // A length, not a point ahead: no future or modal governs it.
    assert_eq!(
        value("Prices hit their highest level in five years."),
        "P5Y"
    );
    assert_eq!(value("The army built the wall in three months."), "P3M");
}

#[test]
fn the_year_earlier_period_after_a_nine_month_figure_is_nine_months() {
    let g = got("For the nine months, net was $81 million. In the year-earlier period, net was $77 million.");
    let last = g.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.1.as_str(), last.2.as_str()),
        ("the year-earlier period", "P9M", "DURATION")
    );
    // After a quarter it stays that quarter a year before.
    let g = got("Net fell in the first quarter. In the year-earlier period, net was $77 million.");
    assert_eq!(g.last().unwrap().1, "2014-Q1", "{g:?}");
}

#[test]
fn earlier_or_later_in_the_day_is_the_story_day() {
    let g = got("Rebels shelled the town on Friday. Later in the day, jets struck.");
    assert_eq!(
        g.last().map(|t| (t.0.as_str(), t.1.as_str())),
        Some(("the day", "2015-05-29"))
    );
    assert_eq!(value("The index rose earlier in the day."), "2015-06-02");
    // Not after earlier/later: "in the day" is no expression on its own.
    assert!(got("Bats sleep in the day.").is_empty());
}

#[test]
fn last_as_a_verb_is_not_the_modifier() {
    let o = one("The truce will last 72 hours.");
    assert_eq!((o.0.as_str(), o.1.as_str()), ("72 hours", "PT72H"));
    let o = one("The tour is likely to last a week.");
    assert_eq!(o.0, "a week");
    // The modifier after "to": still last year's period.
    assert_eq!(value("Exports fell to last year's level."), "2014");
    assert_eq!(value("Fighting went on up to last week."), "2015-W22");
}

#[test]
fn the_part_of_a_named_day_is_a_time_on_that_day() {
    let o = one("The attack happened on the night of May 5.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.2.as_str()),
        ("the night of May 5", "2015-05-05TNI", "TIME")
    );
    assert_eq!(
        value("He was killed on the morning of May 30."),
        "2015-05-30TMO"
    );
    assert_eq!(
        value("The raid came on the evening of Monday."),
        "2015-06-01TEV"
    );
    // Not a day after "of": no expression of that kind.
    assert!(got("It was the night of the election.").is_empty());
}

#[test]
fn a_range_of_weekdays_runs_forward() {
    // Published Tuesday 2015-06-02: "Monday" alone is yesterday, but a
    // Monday-to-Wednesday range that is over is last week's.
    let g = got("Clashes raged from Monday to Wednesday.");
    let v: Vec<&str> = g.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(v, ["2015-05-25", "2015-05-27"]);
    let g = got("Fighting lasted from Saturday until Monday.");
    let v: Vec<&str> = g.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(v, ["2015-05-30", "2015-06-01"]);
}

#[test]
fn the_early_hours_of_a_day_are_its_early_morning() {
    let o = one("Jets struck in the early hours of Monday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.2.as_str()),
        ("the early hours of Monday", "2015-06-01TMO", "TIME")
    );
    // Without a day after it, still a vague stretch of hours.
    assert_eq!(value("Rescuers worked through the early hours."), "PTXH");
}

#[test]
fn a_range_of_days_before_the_month_is_one_range() {
    let o = one("Fighting between 28 and 30 May killed dozens.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("28 and 30 May", "2015-05-28/2015-05-30")
    );
    assert_eq!(value("Talks ran from 3 to 5 May."), "2015-05-03/2015-05-05");
    assert_eq!(
        value("Clashes on 1-3 May killed 12."),
        "2015-05-01/2015-05-03"
    );
    // Two days joined by "and" without "between" are not made a range.
    let g = got("Strikes on 28 and 30 May killed dozens.");
    assert!(g.iter().all(|t| !t.1.contains('/')), "{g:?}");
}

#[test]
fn modals_deadlines_and_schedules_put_a_bare_weekday_ahead() {
    // Published on Tuesday 2015-06-02.
    assert_eq!(
        value("Ministers could sign the accord Thursday."),
        "2015-06-04"
    );
    assert_eq!(value("The council may vote Friday."), "2015-06-05");
    assert_eq!(value("The rebels must leave by Friday."), "2015-06-05");
    assert_eq!(value("The offer remains open until Friday."), "2015-06-05");
    assert_eq!(
        value("He is going to fly to Paris on Thursday."),
        "2015-06-04"
    );
    assert_eq!(value("The hearing is set for Thursday."), "2015-06-04");
    assert_eq!(value("Trading reopens Monday in Aleppo."), "2015-06-08");
    // ... but not when the modal looks back, or the clause is past.
    assert_eq!(value("The blast could have happened Friday."), "2015-05-29");
    assert_eq!(value("The town was captured by Friday."), "2015-05-29");
    assert_eq!(value("He was going to fly on Thursday."), "2015-05-28");
    // A unit word after a sentence-initial modifier is safe.
    let g = got("Trading days ended early Friday.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-05-29"));
    // The month "May" is no modal.
    let g = got("The May talks on Friday.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-05-29"));
    // ("The May talks open Friday" looks ahead: "open" schedules.)
    let g = got("The May talks open Friday.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-06-05"));
}

#[test]
fn a_figure_compared_with_last_year_in_an_earnings_report_is_last_years_quarter() {
    let g = got("Net rose in the first quarter to $24 million, compared with a loss of $3 million last year.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2014-Q1"));
    // Without a comparison, "last year" is the year ...
    let g = got("Net rose in the first quarter. The company earned $480 million last year.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2014"));
    // ... and so it is when no quarter was named.
    let g = got("Exports were $3 million, compared with $2 million last year.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2014"));
}

#[test]
fn a_shift_earlier_counts_from_the_date_the_story_named() {
    let g = got("The bridge was destroyed in 2012. A year earlier, it had been repaired.");
    assert_eq!(g[1].1, "2011");
    let g = got("Rebels took the town on May 3. Two days earlier, the army had withdrawn.");
    assert_eq!(g[1].1, "2015-05-01");
    let g = got("Last year the group lost ground. A year earlier it held the valley.");
    assert_eq!(g[1].1, "2013");
    // A comparison with now, or no date named nearby: the publication date.
    let g = got("Wages were 3.8 percent higher in May than a year earlier.");
    assert_eq!(g[1].1, "2014");
    assert_eq!(
        value("Three weeks earlier, the envoy had resigned."),
        "2015-05-12"
    );
}

#[test]
fn lengths_with_a_half() {
    // The half in the next smaller unit when that is exact, as TIMEX3
    // annotators write it; else a decimal.
    assert_eq!(value("The siege lasted a year and a half."), "P1Y6M");
    assert_eq!(value("It lasted three and a half years."), "P3Y6M");
    assert_eq!(value("The talks took 2 1/2 months."), "P2.5M");
    assert_eq!(value("The talks took 2½ days."), "P2DT12H");
    assert_eq!(value("The project took half a year."), "P6M");
    assert_eq!(value("The talks lasted half an hour."), "PT30M");
    assert_eq!(value("The vote took a minute and a half."), "PT1M30S");
    assert_eq!(value("The march lasted 3.5 hours."), "PT3H30M");
    assert_eq!(value("The truce held for half a week."), "P0.5W");
    assert_eq!(value("It took a decade and a half."), "P15Y");
    let (span, v, k, _) = one("The war began a year and a half ago.");
    assert_eq!(
        (span.as_str(), v.as_str(), k.as_str()),
        ("a year and a half ago", "2013-12", "DATE")
    );
    // No unit, no length.
    assert!(got("The stock rose 2 1/2 points.").is_empty());
    assert!(got("Half the town was destroyed.").is_empty());
}

#[test]
fn a_month_opening_the_sentence_takes_its_main_verb_even_a_reporting_one() {
    // Published 2015-06-02: March is three months back.
    assert_eq!(
        value("In March the ministry said it would hold elections."),
        "2015-03"
    );
    // Inside the report, the report's own tense decides.
    assert_eq!(
        value("The ministry said it would hold elections in March."),
        "2016-03"
    );
}

#[test]
fn a_bare_season_follows_the_tense() {
    // Published 2015-06-02.
    assert_eq!(value("The offensive started in the fall."), "2014-FA");
    assert_eq!(value("The offensive will start in the fall."), "2015-FA");
    assert_eq!(value("Talks will resume in the spring."), "2016-SP");
    assert_eq!(value("The river froze in the winter."), "2014-WI");
    assert_eq!(value("The fighting eased in the spring."), "2015-SP");
    // A full stop ends the clause even when the sentence splitter did not.
    let g = got("Factories get hurt in the fall.'' Output dropped.");
    assert_eq!(g[0].1, "2015-FA");
}

#[test]
fn half_a_dozen_and_recent_decades() {
    let (span, v, _, _) = one("By the end of the decade, the city had grown.");
    assert_eq!(
        (span.as_str(), v.as_str()),
        ("the end of the decade", "201")
    );
    assert!(got("During the decade, the city grew.").is_empty());
    assert_eq!(value("He waited half a dozen years."), "P6Y");
    assert_eq!(value("In recent decades the region grew."), "PAST_REF");
}

#[test]
fn set_hit_cut_put_are_past_unless_set_names_the_date() {
    // Published 2015-06-02: Aug. 6 is two months ahead or ten back.
    assert_eq!(
        value("The index is near its record high set on Aug. 6."),
        "2014-08-06"
    );
    assert_eq!(
        value("The rocket that hit on Aug. 6 is gone."),
        "2014-08-06"
    );
    // The date as the object of "set" is a deadline, not when it was set.
    assert_eq!(
        value("The court has set Aug. 6 as the deadline."),
        "2015-08-06"
    );
    assert_eq!(value("The vote is set for Aug. 6."), "2015-08-06");
}

#[test]
fn a_fiscal_quarter_is_not_placed_on_the_calendar_by_its_number() {
    let g = got("Net rose in the fiscal first quarter. In the quarter, sales rose. For the quarter ended Sept. 30, net was $5 million.");
    let v: Vec<&str> = g.iter().map(|t| t.1.as_str()).collect();
    // The label itself stays; "the quarter" is some quarter of 2015, or the
    // calendar quarter of its end date.
    assert_eq!(v[0], "2015-Q1");
    assert_eq!(v[1], "2015-QX");
    assert_eq!(v[2], "2015-Q3");
    // A calendar quarter is followed as before.
    let g = got("Net rose in the first quarter. In the quarter, sales rose.");
    assert_eq!(g[1].1, "2015-Q1");
}

#[test]
fn narrative_days_parts_of_days_and_that_year() {
    let second = |text: &str| got(text).get(1).map(|t| (t.1.clone(), t.2.clone()));
    let s = "Jets struck the town on May 20.";
    assert_eq!(
        second(&format!("{s} The day before, rebels had left.")),
        Some(("2015-05-19".into(), "DATE".into()))
    );
    assert_eq!(
        second(&format!("{s} The week before, rebels had left.")).map(|t| t.0),
        Some("2015-W20".into())
    );
    assert_eq!(
        second(&format!("{s} The next morning, rebels returned.")),
        Some(("2015-05-21TMO".into(), "TIME".into()))
    );
    assert_eq!(
        second(&format!("{s} That night, rebels returned.")).map(|t| t.0),
        Some("2015-05-20TNI".into())
    );
    assert_eq!(
        second("Jets struck the town in March 2014. Later that year, rebels returned.")
            .map(|t| t.0),
        Some("2014".into())
    );
    // Before a noun, "the day before" counts from an event, not a date.
    assert_eq!(
        got(&format!("{s} The day before the vote, rebels left.")).len(),
        1
    );
}

#[test]
fn edge_inputs_do_not_panic() {
    for text in [
        "half",
        "½",
        "2½",
        "1/2 years",
        "and a half",
        "a year and a",
        "The day before",
        "That",
        "that night",
        "the next",
        "set",
        "set Friday",
        "is going to",
        "until Friday",
        "Trading days",
        "fiscal",
        "the fiscal first quarter ended",
        "compared with $3 million last year",
        ". . . Friday .",
    ] {
        let _ = tag(text, pub_day());
        let _ = tag(text, None);
    }
}

#[test]
fn would_in_a_report_looks_ahead_from_the_reporting_day() {
    // Published Tuesday 2015-06-02; Friday was 2015-05-29.
    let g = got("Officials said on Friday that talks would resume Monday.");
    assert_eq!(g[1].1, "2015-06-01");
    // With no reporting day, "would" looks ahead from publication.
    assert_eq!(
        value("Officials said that talks would resume Thursday."),
        "2015-06-04"
    );
    // "will" is the reporter's own future.
    let g = got("The company said Monday it will close the plant Friday.");
    assert_eq!(g[1].1, "2015-06-05");
}

#[test]
fn two_days_away_are_one_expression() {
    // Published Tuesday 2015-06-02.
    let o = one("Government forces shelled the town the day before yesterday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("the day before yesterday", "2015-05-31")
    );
    let o = one("The truce is due to start the day after tomorrow.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("the day after tomorrow", "2015-06-04")
    );
    // "yesterday" alone is still one day back.
    assert_eq!(value("The convoy was hit yesterday."), "2015-06-01");
}

#[test]
fn a_weekday_of_a_named_week_takes_that_week() {
    // Published Tuesday 2015-06-02 (ISO week 23 runs from Monday 06-01).
    let o = one("The strike happened on Tuesday last week.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("Tuesday last week", "2015-05-26")
    );
    assert_eq!(value("Talks resume on Monday next week."), "2015-06-08");
    assert_eq!(value("The vote is on Friday of this week."), "2015-06-05");
    // Whatever the tense: "Thursday last week" is not next Thursday.
    assert_eq!(
        value("Envoys will meet again, as they did Thursday last week."),
        "2015-05-28"
    );
    // A bare weekday keeps the news default.
    assert_eq!(value("Rebels withdrew on Sunday."), "2015-05-31");
}

#[test]
fn dawn_and_dusk_are_parts_of_day() {
    let o = one("The shelling began at dawn on Monday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str(), o.2.as_str()),
        ("dawn on Monday", "2015-06-01TMO", "TIME")
    );
    assert_eq!(
        value("Militants crossed the river before dawn on Sunday."),
        "2015-05-31TMO"
    );
    // With no day named it is the story's day, else the publication day.
    let g = got("Troops entered the town on Sunday. Fighting resumed at dawn.");
    assert_eq!(g[1].1, "2015-05-31TMO", "{g:?}");
    assert_eq!(value("The curfew starts at dusk."), "2015-06-02TEV");
    // A name is not a time.
    assert!(got("Golden Dawn deputies walked out.").is_empty());
    assert!(got("Dawn reported the blast.").is_empty());
    assert!(got("The blast was reported by Dawn.").is_empty());
    assert_eq!(value("The interview ran in Dawn on Monday."), "2015-06-01");
}

#[test]
fn clock_times_with_a_full_stop() {
    let o = one("The bombing took place at 11.30am on Sunday.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("11.30am on Sunday", "2015-05-31T11:30")
    );
    assert_eq!(value("Polls close at 9.45 pm."), "2015-06-02T21:45");
    assert_eq!(
        value("The blast was heard at 14.30 GMT."),
        "2015-06-02T14:30"
    );
    // A decimal is not a clock time without am/pm or a zone.
    assert!(got("Shares closed at 11.30 on the exchange.").is_empty());
    assert!(got("Inflation rose 2.50 points.").is_empty());
}

#[test]
fn slash_dates_take_the_reading_nearest_publication() {
    // Published 2015-06-02.
    assert_eq!(value("The raid took place on 01/06/2015."), "2015-06-01");
    assert_eq!(value("The raid took place on 06/01/2015."), "2015-06-01");
    // Only one reading is a date.
    assert_eq!(value("The raid took place on 25/05/2015."), "2015-05-25");
    assert_eq!(value("The raid took place on 05/25/2015."), "2015-05-25");
    // A reading after publication loses to one before it.
    assert_eq!(value("Troops left on 05/06/2015."), "2015-05-06");
    // Without a publication date the US order stays.
    let t = tag("Troops left on 01/06/2015.", None);
    assert_eq!(t[0].value, "2015-01-06");
}

#[test]
fn fixed_date_holidays() {
    // Published 2015-06-02: a past holiday is the last one, a future one
    // the next.
    let o = one("Airstrikes hit the city on Christmas Day.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("Christmas Day", "2014-12-25")
    );
    assert_eq!(
        value("Protesters gathered on New Year's Eve."),
        "2014-12-31"
    );
    assert_eq!(value("The army will withdraw by Christmas."), "2015-12-25");
    assert_eq!(
        value("The truce collapsed on Christmas Eve 2013."),
        "2013-12-24"
    );
    assert_eq!(value("Shells fell on Christmas morning."), "2014-12-25TMO");
    assert_eq!(value("Thousands marched on May Day."), "2015-05-01");
    // A modifier, or a lower-case word, is no date.
    assert!(got("Christmas shopping was quiet.").is_empty());
    assert!(got("The club may day-trade shares.").is_empty());
}

#[test]
fn a_hundred_is_a_count() {
    let o = one("The dispute has simmered for almost a hundred years.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("almost a hundred years", "P100Y")
    );
    assert_eq!(value("The shrine stood for a thousand years."), "P1000Y");
    assert!(got("A hundred people fled.").is_empty());
}

#[test]
fn a_day_of_the_month_alone_follows_the_tense() {
    // Published 2015-06-02.
    let o = one("The offensive began on the 28th.");
    assert_eq!((o.0.as_str(), o.1.as_str()), ("the 28th", "2015-05-28"));
    assert_eq!(value("The talks will resume on the 5th."), "2015-06-05");
    assert_eq!(value("Talks resumed on the 1st."), "2015-06-01");
    // A day this month has not reached yet is last month's when past.
    assert_eq!(value("Rebels entered the city on the 20th."), "2015-05-20");
    // Not a date: a floor, a full date, a rank.
    assert!(got("He lived on the 5th floor.").is_empty());
    assert_eq!(value("The talks began on the 5th of May."), "2015-05-05");
    assert!(got("She finished the 5th.").is_empty());
}

#[test]
fn a_day_of_the_month_before_a_verb_or_a_clause_is_still_the_day() {
    // Published 2015-06-02: the 1st is this month's, the 15th last month's.
    let o = one("The ambush on the 15th killed four soldiers.");
    assert_eq!((o.0.as_str(), o.1.as_str()), ("the 15th", "2015-05-15"));
    assert_eq!(value("A raid on the 1st was repelled."), "2015-06-01");
    assert_eq!(
        value("Shops reopened on the 28th after the curfew."),
        "2015-05-28"
    );
    assert_eq!(
        value("Gunmen came on the 30th when the market was full."),
        "2015-05-30"
    );
    assert_eq!(
        value("The council on the 9th will vote on it."),
        "2015-06-09"
    );
    // A thing that is 15th, a unit, a rank's name: no day.
    assert!(got("The vote on the 15th amendment failed.").is_empty());
    assert!(got("Troops from the 3rd Armored moved north.").is_empty());
    assert!(got("They met on the 15th floor.").is_empty());
}

#[test]
fn a_unit_number_before_an_adjective_or_after_from_is_no_day() {
    // An "-ed" adjective before its noun names a unit: no day.
    assert!(got(
        "Russian troops repelled an attack on the 3rd mechanized brigade near Pokrovsk, killing 12 soldiers."
    )
    .is_empty());
    assert!(got("Shells fell on the 7th armoured brigade.").is_empty());
    assert!(got("They fought beside the 4th motorized rifle regiment.").is_empty());
    // "from the 5th" before a verb: a unit the people came from.
    assert!(got("Reinforcements from the 5th arrived to relieve the garrison.").is_empty());
    assert!(got("Shelling from the 3rd killed two civilians in Kupiansk.").is_empty());
    // An "-ed" verb before its object, a number or a preposition is still
    // the clause going on after the day.
    assert_eq!(
        value("The raid on the 15th killed four soldiers."),
        "2015-05-15"
    );
    assert_eq!(
        value("An airstrike on the 3rd destroyed the bridge."),
        "2015-05-03"
    );
    assert_eq!(value("A convoy on the 1st reached Kherson."), "2015-06-01");
    assert_eq!(
        value("Fighting on the 20th pushed into the suburbs."),
        "2015-05-20"
    );
    // A clause word after "from the 5th" still makes it the day.
    assert_eq!(
        value("The town was cut off from the 5th when the bridge fell."),
        "2015-05-05"
    );
}

#[test]
fn some_time_before_a_date_hedges_it() {
    let o = one("Some time last week, gunmen kidnapped two aid workers.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("Some time last week", "2015-W22")
    );
    // Alone it is still a vague length.
    assert_eq!(value("The talks will take some time."), "PXX");
}

#[test]
fn a_past_verb_puts_a_month_day_months_ahead_in_last_year() {
    // Published 2015-06-02: December 2 is nearer ahead than behind, but
    // the clause tells a past event.
    assert_eq!(
        value("Gunmen attacked the village on Dec. 2."),
        "2014-12-02"
    );
    assert_eq!(
        value("The ceasefire took effect on Sept. 12."),
        "2014-09-12"
    );
    // A reporting verb dates the report, not the date it reports.
    assert_eq!(
        value("The ministry said the new rules apply from Oct. 14."),
        "2015-10-14"
    );
    // The day a change takes effect may lie ahead of the past verb.
    assert_eq!(
        value("The army created a new command, effective Sept. 1."),
        "2015-09-01"
    );
    // An "-ed" word after a determiner is an adjective, not a past verb.
    assert_eq!(
        value("The revised schedule has the vote on Sept. 20."),
        "2015-09-20"
    );
    // A date weeks ahead keeps the nearest reading: "until" a day to come.
    assert_eq!(
        value("The hearing was adjourned until June 20."),
        "2015-06-20"
    );
}

#[test]
fn a_scheduling_present_puts_a_weekday_ahead_only_as_a_verb() {
    // Published Tuesday 2015-06-02.
    assert_eq!(value("The talks open on Thursday in Geneva."), "2015-06-04");
    assert_eq!(
        value("The envoys meet separately Friday with the minister."),
        "2015-06-05"
    );
    // A noun after a determiner has no tense: the past verb decides.
    assert_eq!(
        value("The votes on Friday were counted slowly."),
        "2015-05-29"
    );
    // An infinitive takes its tense from elsewhere.
    assert_eq!(
        value("The army failed to open the road on Friday."),
        "2015-05-29"
    );
    assert_eq!(
        value("The deal had been due to expire Friday."),
        "2015-05-29"
    );
}

#[test]
fn a_bare_clock_time_sits_on_the_storys_day() {
    // Published Tuesday 2015-06-02.
    let g = got("On Sunday, the bomb went off at 3 a.m.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-05-31T03:00"));
    let g = got("The attack began on May 30. At 4 p.m. troops entered the town.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-05-30T16:00"));
    // With no day named near it, the publication day.
    assert_eq!(value("The bomb exploded at 3 a.m."), "2015-06-02T03:00");
    // A day after the clock time is its own ("10 a.m. Tuesday morning").
    assert_eq!(
        value("She was reported missing at 10 a.m. Monday morning."),
        "2015-06-01T10:00"
    );
    assert_eq!(
        value("The shelling began in the early hours of Sunday morning."),
        "2015-05-31TMO"
    );
    // A capital "On" after "a.m." opens the next sentence.
    let g = got("The bomb exploded at 3 a.m.\nOn Sunday gunmen attacked a checkpoint.");
    assert_eq!(g.len(), 2, "{g:?}");
    assert_eq!(g[0].0, "3 a.m.");
}

#[test]
fn the_week_is_the_week_of_the_storys_day() {
    // Published Tuesday 2015-06-02 (ISO week 23).
    let g = got("Shelling eased on Friday, the calmest day of the week.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-W22"));
    assert_eq!(value("Aid convoys arrived during the week."), "2015-W23");
}

#[test]
fn a_reporting_day_is_not_the_storys_day() {
    // Published Tuesday 2015-06-02: the call came before the report.
    let g = got("The clerk was suspended, a spokeswoman said Monday. The second call, at 4:20 a.m., was missed.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-06-02T04:20"));
    // A day after "said" that is the subject of what was said is the story's.
    let g = got("Traders said Monday's selling ended the week's rally at 4 p.m.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-06-01T16:00"));
}

#[test]
fn a_date_hedge_stays_in_the_span() {
    let o = one("The attack happened around June 1.");
    assert_eq!(
        (o.0.as_str(), o.1.as_str()),
        ("around June 1", "2015-06-01")
    );
    // "about" before a date is a preposition as often as a hedge.
    let o = one("He wrote about June 1 events.");
    assert_eq!(o.0, "June 1");
}

#[test]
fn until_stays_out_of_a_vague_span() {
    // TimeML leaves the signal ("until", "since") outside the expression.
    let o = one("Until recently the checkpoint stayed open at night.");
    assert_eq!((o.0.as_str(), o.1.as_str()), ("recently", "PAST_REF"));
}

#[test]
fn the_nth_day_of_an_event_said_in_the_present_is_the_storys_day() {
    assert_eq!(
        value("It is the third day of the army's offensive on the town."),
        "2015-06-02"
    );
    let g = got("Monday's strikes came at dawn. It's the second day of the siege.");
    assert_eq!(g.last().map(|t| t.1.as_str()), Some("2015-06-01"));
    // Not a date: no present "be" before it, or no event after it.
    assert!(got("He spent the third day of his trip in Aleppo.").is_empty());
    assert!(got("It is the second day in a row without power.").is_empty());
}

#[test]
fn a_passive_infinitive_takes_the_tense_of_its_verb() {
    // Published 2015-06-02: "to be completed" is no past, so July 15 is
    // the coming one, not last year's.
    assert_eq!(
        value("They said they expect the sale to be completed by July 15."),
        "2015-07-15"
    );
    // A finite past participle still dates it behind.
    assert_eq!(value("The sale was completed on April 30."), "2015-04-30");
}
