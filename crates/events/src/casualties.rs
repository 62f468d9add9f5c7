//! Casualty counts: "at least 70 civilians", "dozens", "two dozen", "killing
//! 6 civilians, including 2 women" and who the victims were.
//!
//! Owns quantity parsing (number words and vague quantifiers come from
//! `data/events/quantities.tsv`) and the search for the count that belongs to
//! a casualty trigger. Conventions, following ACLED where it has one:
//! - "at least N", "more than N", "over N": low = best = N (we code the figure
//!   reported, never more; "more than 100" is not turned into 101);
//! - "about / nearly / some N": low = best = N;
//! - "up to N", "as many as N": low 1, best N, high N;
//! - "N to M", "between N and M": low = best = N, high M (conservative);
//! - vague words per quantities.tsv (tens 10, dozens 12, hundreds 100, several 3…);
//! - "including 2 women" is a sub-count and never added; "6 civilians and 4
//!   soldiers" is summed; the same figure repeated is counted once;
//! - a singular victim ("a man was killed", "killing him") is 1; a plural victim
//!   with no figure ("civilians were killed") is 3, ACLED's limited-event default;
//!   injuries have no ACLED default, so a plural of wounded with no figure is 2,
//!   the least the plural says ("officers were wounded");
//! - `vague` is set when the figure is such a convention (a vague quantifier or
//!   the plural default), never for a number or number word in the text.

use crate::lexicon::{QuantKind, Role};
use crate::sentence::Sent;

/// Who the victims are, from the unit noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    Civilian,
    Armed,
    Person,
}

/// A count found in the sentence (local token indexes, inclusive).
#[derive(Debug, Clone)]
pub struct Hit {
    pub low: u32,
    pub best: u32,
    pub high: Option<u32>,
    pub first: usize,
    pub last: usize,
    pub unit: Option<(String, UnitClass)>,
    pub rule: &'static str,
    /// The figure is a convention, not a number in the text: a vague
    /// quantifier ("dozens", "several", "scores") or the plural default 3.
    pub vague: bool,
}

fn parse_int(w: &str) -> Option<u32> {
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A bare number at `i`: digits, or number words ("twenty-five", "two dozen",
/// "a dozen", "three hundred"). Returns (value, one past the end, vague).
fn number(s: &Sent, i: usize) -> Option<(u32, usize, bool)> {
    let w = *s.words.get(i)?;
    // multiword vague phrases first ("a number of", "a few")
    for p in &s.lx.quant_phrases {
        if i + p.len() <= s.len() && p.iter().zip(&s.words[i..]).all(|(a, b)| a == b) {
            let q = s.lx.quants.get(&p.join(" "))?;
            return Some((q.value, i + p.len(), q.kind == QuantKind::Vague));
        }
    }
    let mut value: u64;
    let mut k = i + 1;
    // Ages ("a 22-year-old", "22 years old") are not counts.
    let next = s.words.get(i + 1).copied().unwrap_or("");
    let next2 = s.words.get(i + 2).copied().unwrap_or("");
    if next.starts_with("-year")
        || (next == "-" && next2.starts_with("year"))
        || (next == "years" && next2 == "old")
        || w.contains("-year")
    {
        return None;
    }
    if let Some(n) = parse_int(w) {
        value = u64::from(n);
    } else if let Some(q) = word_value(s, w) {
        if q.1 == QuantKind::Vague {
            return Some((q.0, i + 1, true));
        }
        if q.1 == QuantKind::Mult {
            return None;
        }
        value = u64::from(q.0);
        if (w == "a" || w == "an")
            && !s
                .words
                .get(i + 1)
                .is_some_and(|n| word_value(s, n).is_some_and(|q| q.1 == QuantKind::Mult))
        {
            // "a" counts only before a person noun ("a man", "a 22-year-old man").
            let person = (i + 1..(i + 5).min(s.len())).any(|j| {
                unit_at(s, j)
                    .is_some_and(|(_, c)| c != UnitClass::Person || !s.words[j].contains("year"))
            }) && !(i + 1..(i + 5).min(s.len()))
                .any(|j| matches!(s.words[j], "," | "." | "and" | "of"));
            if !person {
                return None;
            }
            return Some((1, i + 1, false));
        }
    } else {
        return None;
    }
    // Multipliers and tens+units: "two dozen", "three hundred", "1.5 million" (not handled), "twenty five".
    while let Some(n) = s.words.get(k) {
        match word_value(s, n) {
            Some((m, QuantKind::Mult)) => {
                value *= u64::from(m);
                k += 1;
            }
            Some((u, QuantKind::Num))
                if value.is_multiple_of(10)
                    && (20..100).contains(&value)
                    && u < 10
                    && *n != "a"
                    && *n != "an" =>
            {
                value += u64::from(u);
                k += 1;
            }
            _ => break,
        }
    }
    Some((u32::try_from(value).unwrap_or(u32::MAX), k, false))
}

/// Value of a single number word, with hyphenated compounds ("twenty-five").
fn word_value(s: &Sent, w: &str) -> Option<(u32, QuantKind)> {
    if let Some(q) = s.lx.quants.get(w) {
        return Some((q.value, q.kind));
    }
    let (a, b) = w.split_once('-')?;
    let qa = s.lx.quants.get(a)?;
    let qb = s.lx.quants.get(b)?;
    if qa.kind == QuantKind::Num && qb.kind == QuantKind::Num && qa.value >= 20 && qb.value < 10 {
        Some((qa.value + qb.value, QuantKind::Num))
    } else {
        None
    }
}

/// A victim noun at `j` ("civilians", "aid workers", "5-year-old").
pub fn unit_at(s: &Sent, j: usize) -> Option<(usize, UnitClass)> {
    for (class, c) in [
        ("civilian_unit", UnitClass::Civilian),
        ("armed_unit", UnitClass::Armed),
        ("person_unit", UnitClass::Person),
    ] {
        if let Some(n) = s.lx.cue_at(class, &s.words, j) {
            return Some((n, c));
        }
    }
    let w = s.words[j];
    if w.ends_with("-year-old") || w.ends_with("-year-olds") {
        return Some((1, UnitClass::Person));
    }
    None
}

/// A full quantity phrase at `i`: modifier + number (+ range) + unit.
fn quantity(s: &Sent, i: usize) -> Option<Hit> {
    let mut k = i;
    let mut modifier = "";
    for class in [
        "count_mod_at_least",
        "count_mod_more_than",
        "count_mod_up_to",
        "count_mod_about",
    ] {
        if let Some(n) = s.lx.cue_at(class, &s.words, k) {
            // "some" is also a vague quantifier: a modifier only before a number.
            if number(s, k + n).is_some_and(|(_, _, vague)| !vague) {
                modifier = class;
                k += n;
                break;
            }
        }
    }
    let mut between = false;
    if s.words.get(k) == Some(&"between") {
        between = true;
        k += 1;
    }
    let (n, mut end, vague) = number(s, k)?;
    // "Fox 59", "Channel 4", "Route 66": a figure right after a capitalised
    // name (not the sentence's first word) is part of the name.
    if !vague && modifier.is_empty() && k > 1 {
        let prev = s.text(k - 1);
        if prev.chars().next().is_some_and(char::is_uppercase)
            && prev.chars().all(char::is_alphanumeric)
            && s.words[k].chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
    }
    let (mut low, best, mut high) = match modifier {
        "count_mod_up_to" => (1.min(n), n, Some(n)),
        _ => (n, n, None),
    };
    // Ranges: "10 to 20", "10-20" (one token is not split here), "between 10 and 20".
    if !vague {
        let joiner = s.words.get(end).copied();
        if matches!(joiner, Some("to") | Some("or")) || (between && joiner == Some("and")) {
            if let Some((m, e2, false)) = number(s, end + 1) {
                if m > n {
                    high = Some(m);
                    end = e2;
                }
            }
        }
    }
    if vague && modifier.is_empty() {
        low = best;
    }
    // Unit within two tokens ("70 civilians", "70 unarmed civilians", "dozens of people").
    let mut unit = None;
    let mut last = end - 1;
    let mut j = end;
    if s.words.get(j) == Some(&"of") {
        j += 1;
    }
    for jj in j..(j + 3).min(s.len()) {
        if let Some((len, class)) = unit_at(s, jj) {
            let text: Vec<&str> = s.words[jj..jj + len].to_vec();
            unit = Some((text.join(" "), class));
            last = jj + len - 1;
            break;
        }
        if s.is_boundary(jj) || matches!(s.words[jj], "," | "." | "and" | "in" | "on") {
            break;
        }
    }
    // A vague word with no victim noun is not a count ("some said", "many believe").
    if vague && unit.is_none() {
        return None;
    }
    // A bare number followed by a time unit or a year is not a toll.
    if unit.is_none() {
        let prev = if i > 0 { s.words[i - 1] } else { "" };
        if n > 500 || s.lx.is("not_count_before", prev) {
            return None;
        }
        let next = s.words.get(end).copied().unwrap_or("");
        if matches!(
            next,
            "years"
                | "year"
                | "days"
                | "day"
                | "weeks"
                | "week"
                | "months"
                | "month"
                | "minutes"
                | "seconds"
                | "hours"
                | "km"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "percent"
                | "%"
                | "per"
                | "am"
                | "pm"
                | "a.m."
                | "p.m."
                | "million"
                | "dollars"
                | "meters"
                | "metres"
                | "block"
                | "-"
        ) || (1900..2100).contains(&n)
        {
            return None;
        }
    }
    Some(Hit {
        low,
        best,
        high,
        first: i,
        last,
        unit,
        rule: "",
        vague,
    })
}

fn after_include(s: &Sent, i: usize) -> bool {
    (1..=2).any(|d| i >= d && s.lx.cue_ending_at("include", &s.words, i - d).is_some())
}

/// Sum coordinated counts after `h` ("6 civilians and 4 soldiers"), never sub-counts.
fn extend_coordination(s: &Sent, mut h: Hit, limit: usize) -> Hit {
    let mut k = h.last + 1;
    while k + 1 < limit && matches!(s.words[k], "and" | ",") {
        if s.words[k] == "," && s.words.get(k + 1) == Some(&"including") {
            break;
        }
        let Some(next) = quantity(s, k + 1) else {
            break;
        };
        if next.unit.is_none() || after_include(s, k + 1) {
            break;
        }
        if next.best != h.best || next.unit != h.unit {
            h.low += next.low;
            h.best += next.best;
            h.high = match (h.high, next.high) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
        h.vague |= next.vague;
        h.last = next.last;
        k = next.last + 1;
    }
    h
}

/// Find the count that belongs to the casualty (or lethal) trigger at `first..=last`.
pub fn count_for(
    s: &Sent,
    first: usize,
    last: usize,
    passive: bool,
    verb_form_active: bool,
    count_after: bool,
    role: Role,
) -> Option<Hit> {
    let lb = s.clause_start(first);
    let rb = s.clause_end(last).min(s.len());
    let right = |limit: usize| -> Option<Hit> {
        let mut k = last + 1;
        while k < rb.min(last + 1 + limit) {
            if after_include(s, k) {
                return None;
            }
            if let Some(h) = quantity(s, k) {
                return Some(extend_coordination(
                    s,
                    Hit {
                        rule: "count:after-trigger",
                        ..h
                    },
                    rb,
                ));
            }
            k += 1;
        }
        None
    };
    let left = || -> Option<Hit> {
        let mut k = lb.max(first.saturating_sub(9));
        let mut best = None;
        while k < first {
            if let Some(h) = quantity(s, k) {
                if h.last < first && !after_include(s, k) {
                    let gap_ok = first - h.last <= 4
                        && (h.last + 1..first).all(|g| {
                            s.lx.is("be", s.words[g])
                                || matches!(
                                    s.words[g],
                                    "have"
                                        | "had"
                                        | "has"
                                        | "reportedly"
                                        | "also"
                                        | "now"
                                        | "been"
                                        | "later"
                                        | "were"
                                        | "who"
                                        | "all"
                                )
                                || s.lx.trigger_at(&s.words, g, false).is_some()
                        });
                    if gap_ok {
                        k = h.last + 1;
                        best = Some(Hit {
                            rule: "count:before-trigger",
                            ..h
                        });
                        continue;
                    }
                }
                k = h.last.max(k) + 1;
                continue;
            }
            k += 1;
        }
        best
    };
    // "died", "dead", "injured": the victims are the subject, as in a passive.
    let intransitive = s.lx.is("intransitive", s.words[first]);
    let passive = passive || intransitive;
    let verb_form_active = verb_form_active && !intransitive;
    let found = if count_after {
        right(6).or_else(left)
    } else if verb_form_active && !passive {
        right(5).or_else(left)
    } else {
        left().or_else(|| right(4))
    };
    if found.is_some() {
        return found;
    }
    // No figure: a singular victim is 1, a plural victim noun is ACLED's 3.
    // The auxiliary may sit before a coordinated participle ("was
    // subsequently shot and killed"), but not across a plural subject.
    let singular_be = (first.saturating_sub(5).max(lb)..first)
        .rev()
        .take_while(|g| !matches!(s.words[*g], "," | ";" | "were" | "are" | "have"))
        .any(|g| matches!(s.words[g], "was" | "is" | "has"));
    if passive && singular_be {
        return Some(Hit {
            low: 1,
            best: 1,
            high: None,
            first,
            last,
            unit: None,
            rule: "count:singular-passive",
            vague: false,
        });
    }
    // "He died at a hospital", "where she later died", "Munn died from":
    // a singular subject (a pronoun or a name) of a death verb is one victim.
    if intransitive && role == Role::Kill {
        if let Some(g) = (lb..first)
            .rev()
            .take(3)
            .find(|g| !s.lx.is("subject_adverb", s.words[*g]))
        {
            let w = s.text(g);
            // Not the sentence's first word, whose capital says nothing.
            let name = g > 0
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && w.chars().count() > 1
                && !s.lx.is("not_a_name", s.words[g])
                && unit_at(s, g).is_none();
            if s.lx.is("singular_subject", s.words[g]) || name {
                return Some(Hit {
                    low: 1,
                    best: 1,
                    high: None,
                    first: g,
                    last,
                    unit: None,
                    rule: "count:singular-subject",
                    vague: false,
                });
            }
        }
    }
    if matches!(role, Role::Kill | Role::Injure | Role::OneSided) {
        // "treated for her injuries", "died of his wounds": one victim.
        if first > 0 && matches!(s.words[first - 1], "his" | "her") {
            return Some(Hit {
                low: 1,
                best: 1,
                high: None,
                first: first - 1,
                last,
                unit: None,
                rule: "count:singular-possessive",
                vague: false,
            });
        }
        for j in last + 1..(last + 3).min(rb) {
            if s.lx.is("singular_pronoun", s.words[j]) {
                return Some(Hit {
                    low: 1,
                    best: 1,
                    high: None,
                    first: j,
                    last: j,
                    unit: None,
                    rule: "count:singular-pronoun",
                    vague: false,
                });
            }
        }
        let left_window = first.saturating_sub(4).max(lb)..first;
        let (from, to) = if verb_form_active && !passive {
            (last + 1, (last + 4).min(rb))
        } else {
            (left_window.start, left_window.end)
        };
        // A participle with no object names its victim on the left, as in
        // headlines and reduced clauses ("Man shot, killed on the west side").
        let reduced = verb_form_active
            && !passive
            && (s.words[last].ends_with("ed") || matches!(s.words[last], "shot" | "slain"))
            && (last + 1..(last + 4).min(rb)).all(|j| unit_at(s, j).is_none());
        let left_extra = if reduced { left_window.clone() } else { 0..0 };
        // "the shooting death of the 15-year-old": the victim follows "of".
        let of_np = if s.words.get(last + 1) == Some(&"of") {
            (last + 2)..(last + 6).min(rb)
        } else {
            0..0
        };
        for j in (from..to).chain(of_np).chain(left_extra) {
            if let Some((len, class)) = unit_at(s, j) {
                let w = s.words[j + len - 1];
                let plural = w.ends_with('s')
                    || matches!(
                        w,
                        "people"
                            | "men"
                            | "women"
                            | "children"
                            | "police"
                            | "personnel"
                            | "militia"
                    );
                // Injuries have no ACLED default: a plural is two at least.
                let (n, rule) = if plural && role == Role::Injure {
                    (2, "count:plural-no-figure-injured")
                } else if plural {
                    (3, "count:plural-no-figure")
                } else {
                    (1, "count:singular-noun")
                };
                return Some(Hit {
                    low: n,
                    best: n,
                    high: None,
                    first: j,
                    last: j + len - 1,
                    unit: Some((s.words[j..j + len].join(" "), class)),
                    rule,
                    vague: plural,
                });
            }
        }
    }
    None
}
