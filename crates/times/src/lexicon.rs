//! The times lexicon: month and weekday names, number words, units, hedges,
//! tense cues and fixed vague expressions.
//!
//! Owns parsing `data/times/lexicon.tsv`, `data/times/vague.tsv` and
//! `data/times/words.tsv` (the grammar's word classes; all embedded with
//! `include_str!`) into lookup tables. It knows nothing about dates:
//! [`crate::recognize`] combines the entries and [`crate::calendar`] computes
//! values.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::Error;

/// A hash map keyed by lexicon words. The keys are the short words of a
/// fixed table and every token of a text is looked up several times, so the
/// Fx hash beats the default SipHash (which took about half of the stage's
/// instructions). Text only ever looks keys up; the table itself is ours.
pub type WordMap<V> = FxHashMap<String, V>;

const LEXICON: &str = include_str!("../../../data/times/lexicon.tsv");
const VAGUE: &str = include_str!("../../../data/times/vague.tsv");
const WORDS: &str = include_str!("../../../data/times/words.tsv");

/// A word class of the grammar (`data/times/words.tsv`; the file says what
/// each is for). A word's classes are a bit set ([`Lexicon::classes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Class {
    Reporting,
    Comparison,
    RangeTo,
    AuxLast,
    Pluperfect,
    PresentBe,
    CueGap,
    OneDayModal,
    OneDayStop,
    Amount,
    EarningsNoun,
    CompareWord,
    CompareVerb,
    ConnectiveNext,
    Degree,
    PodEdge,
    PodPrep,
    PodStop,
    SmallHours,
    Narrative,
    Deadline,
    OpeningPrep,
    NumberPrefix,
    OpenEnd,
    FutureModal,
    SamePeriod,
    YearAgoAdj,
    PeriodStop,
    ClockPrep,
    SeasonRel,
    UnitModifier,
    UnitEdge,
    DecadePart,
    PeriodModifier,
    UnitStop,
    PodBare,
    DayPrep,
    Determiner,
    TakesEffect,
    BaseForm,
    DateHedge,
    DayLink,
    DayVerbPrep,
    VerbNext,
    /// Not in `words.tsv`: set at load on the first word of each
    /// multi-word day offset ("the day before yesterday").
    RelDayHead,
    /// Not in `words.tsv`: set at load on the first word of each holiday.
    HolidayHead,
}

impl Class {
    /// Every class with its name in `words.tsv`.
    pub const ALL: [(Class, &'static str); 44] = [
        (Class::Reporting, "reporting"),
        (Class::Comparison, "comparison"),
        (Class::RangeTo, "range_to"),
        (Class::AuxLast, "aux_last"),
        (Class::Pluperfect, "pluperfect"),
        (Class::PresentBe, "present_be"),
        (Class::CueGap, "cue_gap"),
        (Class::OneDayModal, "one_day_modal"),
        (Class::OneDayStop, "one_day_stop"),
        (Class::Amount, "amount"),
        (Class::EarningsNoun, "earnings_noun"),
        (Class::CompareWord, "compare_word"),
        (Class::CompareVerb, "compare_verb"),
        (Class::ConnectiveNext, "connective_next"),
        (Class::Degree, "degree"),
        (Class::PodEdge, "pod_edge"),
        (Class::PodPrep, "pod_prep"),
        (Class::PodStop, "pod_stop"),
        (Class::SmallHours, "small_hours"),
        (Class::Narrative, "narrative"),
        (Class::Deadline, "deadline"),
        (Class::OpeningPrep, "opening_prep"),
        (Class::NumberPrefix, "number_prefix"),
        (Class::OpenEnd, "open_end"),
        (Class::FutureModal, "future_modal"),
        (Class::SamePeriod, "same_period"),
        (Class::YearAgoAdj, "year_ago_adj"),
        (Class::PeriodStop, "period_stop"),
        (Class::ClockPrep, "clock_prep"),
        (Class::SeasonRel, "season_rel"),
        (Class::UnitModifier, "unit_modifier"),
        (Class::UnitEdge, "unit_edge"),
        (Class::DecadePart, "decade_part"),
        (Class::PeriodModifier, "period_modifier"),
        (Class::UnitStop, "unit_stop"),
        (Class::PodBare, "pod_bare"),
        (Class::DayPrep, "day_prep"),
        (Class::Determiner, "determiner"),
        (Class::TakesEffect, "takes_effect"),
        (Class::BaseForm, "base_form"),
        (Class::DateHedge, "date_hedge"),
        (Class::DayLink, "day_link"),
        (Class::DayVerbPrep, "day_verb_prep"),
        (Class::VerbNext, "verb_next"),
    ];

    /// The class's bit in a word's class set.
    pub fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "FN" => Unit::Fortnight,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }
}

/// Direction given by a relative modifier ("last", "next", "this", "the past").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Past,
    Next,
    This,
    /// "the past" / "the last" before a quantity: a duration ending now.
    PastDur,
    /// "the next" before a quantity: a duration starting now.
    NextDur,
    /// "the first" before a quantity.
    FirstDur,
}

/// What one lexicon entry means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    Month(u32),
    Weekday(u32),
    Number(u32),
    Ordinal(u32),
    /// Unit and whether the form is plural.
    Unit(Unit, bool),
    /// Part of day, TIMEX3 code.
    Pod(&'static str),
    /// Season, TIMEX3 code.
    Season(&'static str),
    /// Day offset from the publication date.
    RelDay(i64),
    VagueNum,
    /// Decade digit ("nineties" → 9).
    Decade(u32),
    Approx,
    Edge,
    Rel(Rel),
    Future,
    /// A modal verb ("could", "may"): future unless "have" follows.
    Modal,
    Past,
    Zone,
    /// true for p.m.
    AmPm(bool),
    /// Named clock time (hour, minute): noon, midnight.
    Clock(u32, u32),
    Every,
    SetCue,
    YearCue,
    /// A fixed-date holiday (month, day): "Christmas Eve", "Bastille Day".
    Holiday(u32, u32),
}

/// A fixed expression from `vague.tsv`.
#[derive(Debug, Clone)]
pub struct Vague {
    pub kind: &'static str,
    pub value: String,
    pub precision: &'static str,
}

/// A multi-word entry: its tokens after the first, and what it means.
#[derive(Debug, Clone)]
pub struct Phrase<T> {
    pub rest: Vec<String>,
    pub what: T,
}

/// All lookup tables. Single words go to `words`; multi-word entries are
/// indexed by their first word, longest first.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub words: WordMap<Vec<Lex>>,
    pub phrases: WordMap<Vec<Phrase<Lex>>>,
    pub vague: WordMap<Vec<Phrase<Vague>>>,
    /// Word → the set of its [`Class`]es (bits of [`Class::bit`]).
    pub classes: WordMap<u64>,
    /// The multi-word day offsets ("the day before yesterday" → -2): a
    /// few, compared word by word, so that the frequent "the" costs no
    /// phrase-table search.
    pub relday_phrases: Vec<(Vec<String>, i64)>,
    /// The holidays (words, month, day), longest first; kept apart from
    /// the phrase table so that their first words ("new") do not make
    /// every token a candidate.
    pub holidays: Vec<(Vec<String>, u32, u32)>,
}

fn intern_code(s: &str) -> &'static str {
    match s {
        "MO" => "MO",
        "AF" => "AF",
        "EV" => "EV",
        "NI" => "NI",
        "SP" => "SP",
        "SU" => "SU",
        "FA" => "FA",
        "WI" => "WI",
        "DATE" => "DATE",
        "TIME" => "TIME",
        "DURATION" => "DURATION",
        "SET" => "SET",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "quarter" => "quarter",
        "year" => "year",
        "decade" => "decade",
        _ => "unknown",
    }
}

fn num(line: usize, s: &str) -> Result<i64, Error> {
    s.parse::<i64>()
        .map_err(|_| Error::Load(format!("times lexicon line {line}: bad number {s:?}")))
}

impl Lexicon {
    /// Parse the embedded data files.
    pub fn load() -> Result<Lexicon, Error> {
        let mut lex = Lexicon::default();
        for (n, line) in LEXICON.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let cat = cols[0];
            let surface = cols.get(1).copied().unwrap_or("").trim();
            let value = cols.get(2).copied().unwrap_or("").trim();
            let note = cols.get(3).copied().unwrap_or("").trim();
            if surface.is_empty() {
                return Err(Error::Load(format!(
                    "times lexicon line {line_no}: empty surface"
                )));
            }
            let entry = match cat {
                "month" => Lex::Month(num(line_no, value)? as u32),
                "weekday" => Lex::Weekday(num(line_no, value)? as u32),
                "number" => Lex::Number(num(line_no, value)? as u32),
                "ordinal" => Lex::Ordinal(num(line_no, value)? as u32),
                "unit" => Lex::Unit(
                    Unit::parse(value).ok_or_else(|| {
                        Error::Load(format!("times lexicon line {line_no}: bad unit {value:?}"))
                    })?,
                    note == "pl",
                ),
                "pod" => Lex::Pod(intern_code(value)),
                "season" => Lex::Season(intern_code(value)),
                "relday" => Lex::RelDay(num(line_no, value)?),
                "vaguenum" => Lex::VagueNum,
                "decade" => Lex::Decade(num(line_no, value)? as u32),
                "approx" => Lex::Approx,
                "edge" => Lex::Edge,
                "rel" => Lex::Rel(match value {
                    "past" => Rel::Past,
                    "next" => Rel::Next,
                    "this" => Rel::This,
                    "past_dur" => Rel::PastDur,
                    "next_dur" => Rel::NextDur,
                    "first_dur" => Rel::FirstDur,
                    _ => {
                        return Err(Error::Load(format!(
                            "times lexicon line {line_no}: bad rel {value:?}"
                        )))
                    }
                }),
                "future" => Lex::Future,
                "modal" => Lex::Modal,
                "past" => Lex::Past,
                "zone" => Lex::Zone,
                "ampm" => Lex::AmPm(value == "pm"),
                "clock" => {
                    let (h, m) = value.split_once(':').unwrap_or((value, "0"));
                    Lex::Clock(num(line_no, h)? as u32, num(line_no, m)? as u32)
                }
                "every" => Lex::Every,
                "setcue" => Lex::SetCue,
                "yearcue" => Lex::YearCue,
                "holiday" => {
                    let (m, d) = value.split_once('-').ok_or_else(|| {
                        Error::Load(format!(
                            "times lexicon line {line_no}: holiday wants MM-DD, got {value:?}"
                        ))
                    })?;
                    let (m, d) = (num(line_no, m)? as u32, num(line_no, d)? as u32);
                    if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
                        return Err(Error::Load(format!(
                            "times lexicon line {line_no}: no such day {value:?}"
                        )));
                    }
                    Lex::Holiday(m, d)
                }
                _ => {
                    return Err(Error::Load(format!(
                        "times lexicon line {line_no}: unknown category {cat:?}"
                    )))
                }
            };
            let mut words = surface.split(' ');
            let first = words.next().unwrap_or("").to_string();
            let rest: Vec<String> = words.map(str::to_string).collect();
            if let Lex::Holiday(m, d) = entry {
                *lex.classes.entry(first.clone()).or_default() |= Class::HolidayHead.bit();
                let mut all = vec![first];
                all.extend(rest);
                lex.holidays.push((all, m, d));
                lex.holidays
                    .sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
            } else if rest.is_empty() {
                lex.words.entry(first).or_default().push(entry);
            } else if let Lex::RelDay(off) = entry {
                let mut all = vec![first];
                all.extend(rest);
                lex.relday_phrases.push((all, off));
                // Longest first.
                lex.relday_phrases
                    .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            } else {
                lex.phrases
                    .entry(first)
                    .or_default()
                    .push(Phrase { rest, what: entry });
            }
        }
        for (n, line) in VAGUE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(Error::Load(format!(
                    "times vague.tsv line {}: expected 4 columns",
                    n + 1
                )));
            }
            let mut words = cols[0].split(' ');
            let first = words.next().unwrap_or("").to_string();
            let rest: Vec<String> = words.map(str::to_string).collect();
            lex.vague.entry(first).or_default().push(Phrase {
                rest,
                what: Vague {
                    kind: intern_code(cols[1]),
                    value: cols[2].to_string(),
                    precision: intern_code(cols[3]),
                },
            });
        }
        for (n, line) in WORDS.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, word) = line.split_once('\t').ok_or_else(|| {
                Error::Load(format!(
                    "times words.tsv line {}: expected 2 columns",
                    n + 1
                ))
            })?;
            let class = Class::ALL
                .iter()
                .find(|(_, c)| *c == name)
                .map(|(c, _)| *c)
                .ok_or_else(|| {
                    Error::Load(format!(
                        "times words.tsv line {}: unknown class {name:?}",
                        n + 1
                    ))
                })?;
            let word = word.trim();
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(Error::Load(format!(
                    "times words.tsv line {}: expected one word, got {word:?}",
                    n + 1
                )));
            }
            *lex.classes.entry(word.to_string()).or_default() |= class.bit();
        }
        for (words, _) in &lex.relday_phrases {
            if let Some(w) = words.first() {
                *lex.classes.entry(w.clone()).or_default() |= Class::RelDayHead.bit();
            }
        }
        for v in lex.phrases.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        for v in lex.vague.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        Ok(lex)
    }

    /// Entries for one lower-cased word.
    pub fn get(&self, w: &str) -> &[Lex] {
        self.words.get(w).map_or(&[], Vec::as_slice)
    }

    /// The class set of one lower-cased word (0 when it has none).
    pub fn classes_of(&self, w: &str) -> u64 {
        self.classes.get(w).copied().unwrap_or(0)
    }

    /// True when the word starts any entry (single or multi-word).
    pub fn is_trigger(&self, w: &str) -> bool {
        self.words.contains_key(w) || self.phrases.contains_key(w) || self.vague.contains_key(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(lex.get("june"), &[Lex::Month(6)]);
        assert_eq!(lex.get("tuesday"), &[Lex::Weekday(2)]);
        assert!(lex.get("days").contains(&Lex::Unit(Unit::Day, true)));
        assert!(lex.phrases.contains_key("more"));
        assert!(lex.vague.contains_key("recently"));
    }

    #[test]
    fn word_classes_load_and_every_class_has_words() {
        let lex = Lexicon::load().unwrap();
        assert_ne!(lex.classes_of("said") & Class::Reporting.bit(), 0);
        assert_ne!(lex.classes_of("cents") & Class::EarningsNoun.bit(), 0);
        assert_eq!(lex.classes_of("cents") & Class::Reporting.bit(), 0);
        assert_eq!(lex.classes_of("zebra"), 0);
        // "by" is in several classes at once.
        let by = lex.classes_of("by");
        assert_ne!(by & Class::Deadline.bit(), 0);
        assert_ne!(by & Class::PodPrep.bit(), 0);
        assert_ne!(lex.classes_of("the") & Class::RelDayHead.bit(), 0);
        for (c, name) in Class::ALL {
            assert!(
                lex.classes.values().any(|m| m & c.bit() != 0),
                "class {name} has no words"
            );
        }
        // The table lists each class once, in declaration order.
        for (k, (c, _)) in Class::ALL.iter().enumerate() {
            assert_eq!(*c as usize, k);
        }
    }
}
