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

use sitrep_core::{Count, Doc, Dropped, Event, Factuality};

use crate::lexicon::{Lexicon, QuantKind, Role};
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
        if q.1 == QuantKind::Victims {
            return None;
        }
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
            // "a" counts only before a person noun ("a man", "a 22-year-old
            // man"), with no boundary between them ("a car and a man" is not
            // one); what follows the noun does not matter ("a man and a boy").
            (i + 1..(i + 5).min(s.len()))
                .take_while(|&j| !matches!(s.words[j], "," | "." | "and" | "of"))
                .find(|&j| {
                    unit_at(s, j).is_some_and(|(_, c)| {
                        c != UnitClass::Person || !s.words[j].contains("year")
                    })
                })?;
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
    // "a family of six": the members of the family are the victims, civilians.
    if matches!(s.words[i], "family" | "families") && s.words.get(i + 1) == Some(&"of") {
        if let Some((n, end, false)) = number(s, i + 2) {
            return Some(Hit {
                low: n,
                best: n,
                high: None,
                first: i,
                last: end - 1,
                unit: Some((s.words[i].to_string(), UnitClass::Civilian)),
                rule: "",
                vague: false,
            });
        }
    }
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
    // "between 10 and 20"; a figure right after "between" is one too.
    let mut between = k > 0 && s.words[k - 1] == "between";
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
    // "a fight between two drivers": the parties, not a range and no toll.
    if between && high.is_none() {
        return None;
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
            // "a 16-year-old boy": the age is followed by the person noun.
            let next = if jj + len < s.len() {
                unit_at(s, jj + len)
            } else {
                None
            };
            let (jj, len, class) = match next {
                Some((l2, c2)) if len == 1 && s.words[jj].ends_with("year-old") => (jj + 1, l2, c2),
                _ => (jj, len, class),
            };
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
        if s.lx.is("not_count_after", next) || (1900..2100).contains(&n) {
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
        // "a woman and her two daughters": a possessive opens the next count.
        let q = if matches!(s.words[k + 1], "her" | "his" | "their") && k + 2 < limit {
            k + 2
        } else {
            k + 1
        };
        let Some(next) = quantity(s, q) else {
            break;
        };
        if next.unit.is_none() || after_include(s, k + 1) {
            break;
        }
        if next.best != h.best || next.unit != h.unit {
            h.unit = join_units(h.unit, next.unit.as_ref());
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

/// The unit of a summed toll names every victim noun ("seven soldiers and
/// nine militants" is 16 "soldiers and militants", not 16 soldiers); the
/// class stays the first noun's, which typing reads.
fn join_units(
    unit: Option<(String, UnitClass)>,
    next: Option<&(String, UnitClass)>,
) -> Option<(String, UnitClass)> {
    match (unit, next) {
        (Some((a, class)), Some((b, _))) if !a.split(" and ").any(|x| x == b) => {
            Some((format!("{a} and {b}"), class))
        }
        (unit, _) => unit,
    }
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
    // "20 reported dead", "5 confirmed killed": the participle is no clause
    // boundary between the figure and the death word.
    let lb = if first >= 1 && matches!(s.words[first - 1], "reported" | "confirmed") {
        s.clause_start(first - 1)
    } else {
        s.clause_start(first)
    };
    let rb = s.clause_end(last).min(s.len());
    let right = |limit: usize| -> Option<Hit> {
        let mut k = last + 1;
        while k < rb.min(last + 1 + limit) {
            if after_include(s, k) {
                return None;
            }
            if let Some(h) = quantity(s, k) {
                // "Three were killed and five were wounded": a figure after
                // "and" that is the subject of its own verb is another toll.
                let own_clause = k > last + 1
                    && matches!(s.words[k - 1], "and" | ",")
                    && s.words
                        .get(h.last + 1)
                        .is_some_and(|w| s.lx.is("be", w) || matches!(*w, "have" | "has" | "had"));
                if own_clause {
                    return None;
                }
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
        let mut k = lb.max(first.saturating_sub(12));
        let mut best = None;
        // The previous count with a victim noun, for coordinated subjects.
        let mut prev: Option<Hit> = None;
        while k < first {
            if let Some(h) = quantity(s, k) {
                // "a 22-year-old man and a 16-year-old boy were shot": two victims.
                let h = match prev.take() {
                    Some(p)
                        if p.unit.is_some()
                            && (p.best != h.best || p.unit != h.unit)
                            && h.unit.is_some()
                            && !after_include(s, k)
                            && matches!(&s.words[p.last + 1..h.first], ["and"] | [",", "and"]) =>
                    {
                        Hit {
                            low: p.low + h.low,
                            best: p.best + h.best,
                            high: None,
                            first: p.first,
                            vague: p.vague || h.vague,
                            ..h
                        }
                    }
                    _ => h,
                };
                if h.unit.is_some() {
                    prev = Some(h.clone());
                }
                if h.last < first && !after_include(s, k) {
                    let gap_ok = first - h.last <= 4
                        && (h.last + 1..first).all(|g| {
                            s.lx.is("be", s.words[g])
                                || s.lx.is("toll_trigger_gap", s.words[g])
                                || s.lx.trigger_at(&s.words, g, false).is_some()
                                // "hacked 18 villagers to death"
                                || (g + 1 == first && s.words[g] == "to" && s.words[first] == "death")
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
    // "Waldron was subsequently shot and killed": the second participle of a
    // coordinated passive shares its auxiliary.
    let coordinated_passive = first >= 2
        && s.words[first - 1] == "and"
        && (first.saturating_sub(5).max(lb)..first - 1)
            .any(|g| s.lx.is("be", s.words[g]) && !s.words[g + 1..first - 1].contains(&","));
    let passive = passive || intransitive || coordinated_passive;
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
    // "no one was injured", "nobody was hurt", "was not injured", "No
    // officers or anyone else at the store was injured": no victim.
    let negative =
        |g: usize| s.lx.is("negation", s.words[g]) || matches!(s.words[g], "nobody" | "none");
    if (first.saturating_sub(4).max(lb)..first).any(negative) || (lb < first && negative(lb)) {
        return None;
    }
    // "One man was taken to the hospital with life-threatening injuries",
    // "left a man with non-life threatening injuries": the victim of a wound
    // noun after "with" (or "suffered", "sustained") is the last victim noun
    // before it in the clause.
    if role == Role::Injure && (first..=last).any(|k| s.lx.is("wound_noun", s.words[k])) {
        let cue = (first.saturating_sub(4).max(lb)..first)
            .rev()
            .find(|&g| s.lx.is("wound_victim_cue", s.words[g]));
        if let Some(w) = cue {
            let mut victim = None;
            let mut k = lb;
            while k < w {
                if let Some(h) = quantity(s, k) {
                    if h.unit.is_some() && h.last < w {
                        k = h.last + 1;
                        victim = Some(h);
                        continue;
                    }
                }
                if let Some((len, class)) = unit_at(s, k) {
                    let noun = s.words[k + len - 1];
                    let plural = noun.ends_with('s') || matches!(noun, "people" | "men" | "women");
                    let n = if plural { 2 } else { 1 };
                    victim = Some(Hit {
                        low: n,
                        best: n,
                        high: None,
                        first: k,
                        last: k + len - 1,
                        unit: Some((s.words[k..k + len].join(" "), class)),
                        rule: "",
                        vague: plural,
                    });
                    k += len;
                    continue;
                }
                k += 1;
            }
            // The victim either stands right before the cue ("left a man
            // with injuries") or is the subject of a passive ("One man was
            // taken to the hospital with ..."); not the finder in "Officers
            // found Duran with gunshot wounds".
            if let Some(h) =
                victim.filter(|h| h.last + 1 == w || s.lx.is("be", s.words[h.last + 1]))
            {
                return Some(Hit {
                    rule: "count:wound-of-the-subject",
                    ..h
                });
            }
        }
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
        // "Gunmen killed Ahmed Saleh", "the gun he used to kill Maria Lopez":
        // a name right after an active death verb is one victim (not a
        // weekday or month, and no victim noun after it: "killed Afghan
        // soldiers" is counted by the noun).
        if verb_form_active && !passive && matches!(role, Role::Kill | Role::OneSided) {
            let j = last + 1;
            let name = |k: usize| {
                k < rb
                    && s.text(k).chars().next().is_some_and(char::is_uppercase)
                    && s.words[k].chars().all(char::is_alphabetic)
                    && !s.lx.is("not_a_name", s.words[k])
                    && s.words[k].parse::<chrono::Weekday>().is_err()
                    && s.words[k].parse::<chrono::Month>().is_err()
            };
            if name(j) {
                let mut end = j;
                while name(end + 1) {
                    end += 1;
                }
                let noun_after = (j..(end + 3).min(rb)).any(|k| unit_at(s, k).is_some());
                if !noun_after {
                    return Some(Hit {
                        low: 1,
                        best: 1,
                        high: None,
                        first: j,
                        last: end,
                        unit: None,
                        rule: "count:named-victim",
                        vague: false,
                    });
                }
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
                let plural = w.ends_with('s') || w.ends_with("men") || s.lx.is("plural_unit", w);
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

/// "Police say one person was shot in this incident.": an article that
/// reports a person shot (a singular passive of a wounding verb, the victim
/// a person noun right before it) and no death anywhere, and whose events
/// hold no toll yet, reports one wounded victim (GVDB counts the wounded;
/// deaths are never inferred). The figure goes to an asserted or alleged
/// event of that sentence, else the closest earlier one with an ACLED type.
fn shot_and_no_death(lx: &Lexicon, doc: &Doc, events: &mut [Event]) {
    let real = |e: &Event| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged);
    if events
        .iter()
        .any(|e| real(e) && (e.fatalities.is_some() || e.injured.is_some()))
    {
        return;
    }
    if (0..doc.tokens.len()).any(|t| lx.is("death_word", doc.lower(t))) {
        return;
    }
    for (si, sent) in doc.sentences.iter().enumerate() {
        let base = sent.tokens.start;
        let words: Vec<&str> = sent.tokens.clone().map(|t| doc.lower(t)).collect();
        let person = |j: usize| {
            lx.cue_at("person_unit", &words, j).is_some()
                || lx.cue_at("civilian_unit", &words, j).is_some()
                || words[j].ends_with("-year-old")
        };
        for j in 1..words.len() {
            // "one person was shot", or a headline's reduced passive ("Man
            // shot inside restaurant"; not "Man shot his neighbour").
            let object = |k: usize| {
                words.get(k).is_some_and(|w| {
                    matches!(
                        *w,
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "him"
                            | "them"
                            | "himself"
                            | "herself"
                            | "themselves"
                            | "its"
                            | "my"
                            | "your"
                            | "our"
                    ) || person(k)
                })
            };
            let passive = j >= 2 && words[j - 1] == "was" && person(j - 2);
            let reduced = person(j - 1) && !object(j + 1) && words[j] != "shoots";
            if !passive && !reduced {
                continue;
            }
            // "a call about a possible person shot": a report, not a victim.
            let from = if passive { j - 2 } else { j - 1 };
            if (from.saturating_sub(2)..from)
                .any(|k| lx.cue_at("hypothetical", &words, k).is_some())
            {
                continue;
            }
            let Some((n, e, _)) = lx.trigger_at(&words, j, false) else {
                continue;
            };
            let at = words.get(j + n + 1).is_some_and(|w| *w == "at");
            if !lx.is("wounding", &lx.entries[e].id)
                || !words[j].ends_with("ed") && words[j] != "shot"
                || at
                || (j.saturating_sub(4)..j)
                    .any(|k| lx.is("negation", words[k]) || matches!(words[k], "nobody" | "none"))
            {
                continue;
            }
            let host = events
                .iter()
                .rposition(|e| real(e) && e.sentence == si)
                .or_else(|| {
                    events
                        .iter()
                        .rposition(|e| real(e) && e.sentence < si && !e.acled.event_type.is_empty())
                });
            let Some(h) = host else {
                continue;
            };
            let text = doc.token_span(base + from, base + j + n);
            let ev = &mut events[h];
            ev.injured = Some(Count {
                low: 1,
                best: 1,
                high: None,
                text,
                unit: None,
                vague: false,
            });
            ev.rule.push_str("; injured:article-shot-no-death");
            return;
        }
    }
}

/// Which side of the toll an article-level victim cue raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Killed,
    Injured,
    /// "a double shooting": killed and injured together.
    Both,
}

/// Deaths or injuries stated with no attack of their own, right after an
/// attack, are that attack's toll: "An airstrike killed 14 civilians at a
/// market. The strike hit the market at midday, adding that 27 others were
/// wounded." The bare casualty event (trigger `kill` or `injure`, no named
/// perpetrator, in one of the two sentences after the attack, with no other
/// event between, no other place or date) merges into the attack and is
/// listed as dropped. "others", "more", "another" count besides the ones
/// already counted, so they add to the attack's toll; a toll stated again
/// without them is the same toll. A sentence that opens on another incident
/// ("Separately", "Elsewhere") keeps its own event.
pub fn follow_up(lx: &Lexicon, doc: &Doc, events: &mut Vec<Event>, dropped: &mut Vec<Dropped>) {
    let role = |e: &Event| {
        let id = e.rule.strip_prefix("trigger:")?.split('(').next()?;
        lx.entries.iter().find(|x| x.id == id).map(|x| x.role)
    };
    let real = |e: &Event| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged);
    // A count of people besides the ones already counted: "27 others",
    // "three more", "another 15 soldiers", "Three other guests"; not the
    // comparative "More than 20 people" (a restated toll).
    let besides = |c: &Count| {
        let before = doc
            .text
            .get(..c.text.byte_start)
            .and_then(|t| t.split_whitespace().next_back())
            .unwrap_or("");
        let words: Vec<String> = std::iter::once(before)
            .chain(c.text.text.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        words.iter().enumerate().any(|(k, w)| {
            lx.is("besides_counted", w) && words.get(k + 1).is_none_or(|n| n != "than")
        })
    };
    let mut i = 1;
    while i < events.len() {
        // The attack before: the nearest earlier event with an ACLED type
        // (a speech act or a reference back, "claimed responsibility for the
        // attack", is no other incident between them, and neither is a
        // strategic development told with the attack: "… before setting fire
        // to three trucks. Eleven other soldiers were wounded in the ambush").
        let Some(pi) = (0..i).rev().find(|&j| {
            !events[j].acled.event_type.is_empty()
                && events[j].acled.event_type != "Strategic developments"
        }) else {
            i += 1;
            continue;
        };
        let (p, e) = (&events[pi], &events[i]);
        let bare = matches!(role(e), Some(Role::Kill | Role::Injure))
            && e.actor1.is_none()
            && real(e)
            && (e.fatalities.is_some() || e.injured.is_some());
        let attack = role(p).is_some_and(Role::is_violent)
            && !p.acled.event_type.is_empty()
            && real(p)
            && p.sentence < e.sentence
            && e.sentence - p.sentence <= 2;
        // A town inside the attack's province is its place only when the
        // sentence refers back to the attack ("The strike hit the market in
        // Shada district, …") or counts people besides ("27 others"): "Five
        // people were killed in Gusau" after an attack elsewhere in Zamfara
        // state is another incident.
        let refers_back = || {
            let s = &doc.sentences[e.sentence];
            let words: Vec<&str> = s.tokens.clone().map(|t| doc.lower(t)).collect();
            (0..words.len()).any(|k| lx.cue_at("attack_reference", &words, k).is_some())
        };
        let counts_besides = || {
            [&e.fatalities, &e.injured]
                .into_iter()
                .flatten()
                .any(besides)
        };
        let same_place = match (&p.place, &e.place) {
            (Some(a), Some(b)) => b.holds(a) || (a.holds(b) && (refers_back() || counts_besides())),
            _ => true,
        };
        let same_day = match (&p.time, &e.time) {
            (Some(a), Some(b)) => b.fallback || a.value == b.value,
            _ => true,
        };
        let opens_another = || {
            let s = &doc.sentences[e.sentence];
            let words: Vec<&str> = s.tokens.clone().take(4).map(|t| doc.lower(t)).collect();
            lx.cue_at("separate_incident", &words, 0).is_some()
        };
        if !(bare && attack && same_place && same_day) || opens_another() {
            i += 1;
            continue;
        }
        let e = events.remove(i);
        let p = &mut events[pi];
        let merge = |slot: &mut Option<Count>, c: &Count| match slot {
            Some(old) if besides(c) => {
                old.low += c.low;
                old.best += c.best;
                old.high = old.high.zip(c.high).map(|(a, b)| a + b);
                // "the owner" and "three other guests": the sum is no one unit.
                if old.unit != c.unit {
                    old.unit = None;
                }
            }
            Some(old) if old.best >= c.best => {}
            _ => *slot = Some(c.clone()),
        };
        if let Some(c) = &e.fatalities {
            merge(&mut p.fatalities, c);
        }
        if let Some(c) = &e.injured {
            merge(&mut p.injured, c);
        }
        if p.actor2.is_none() {
            p.actor2 = e.actor2.clone();
        }
        // A finer place inside the attack's ("the strike hit the market in
        // Shada district" after "in Saada province") places it better.
        crate::restatement::take_place_time_and_drop(p, e, "casualty-follow-up", dropped);
    }
}

/// Victims counted across sentences. Each event's toll comes from its own
/// clause, so an article that reports its victims one by one ("One man was
/// shot in the back and a 29-year-old man was shot multiple times. Both are
/// listed in critical condition.") would otherwise keep one. A `victims` word
/// of quantities.tsv gives the least number of victims the article reports:
/// - "a double/triple shooting" (a wounding nominal follows): that many hurt,
///   killed and injured together;
/// - "both victims / both were taken to hospital" in a sentence with a
///   survival cue and no death word: two injured; with a death word ("both
///   teens were taken to a hospital, where they died"): two killed;
///   after a sentence with a death word, two killed too ("found … deceased.
///   Both had suffered a gunshot wound"), unless the sentence tells a
///   survivor's state (`survived_state`: "both were wounded");
/// - "another man was shot", "a second victim was found with a gunshot
///   wound" (a person noun follows, or "with" and a survival cue): one more
///   victim, on the side its own words tell (a death word nearby: killed).
///
/// The raised figure goes to an asserted or alleged event of the cue's
/// sentence, else the closest earlier one with a toll or an ACLED type; no
/// event is created. Deaths are never inferred from injuries, and a figure
/// is only ever raised, never lowered.
pub fn article_victims(lx: &Lexicon, doc: &Doc, events: &mut [Event]) {
    let real = |e: &Event| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged);
    for (si, sent) in doc.sentences.iter().enumerate() {
        let base = sent.tokens.start;
        let words: Vec<&str> = sent.tokens.clone().map(|t| doc.lower(t)).collect();
        let death = |a: usize, b: usize| {
            words[a.min(words.len())..b.min(words.len())]
                .iter()
                .any(|w| lx.is("death_word", w))
        };
        let person = |j: usize| {
            j < words.len()
                && (lx.cue_at("person_unit", &words, j).is_some()
                    || lx.cue_at("civilian_unit", &words, j).is_some()
                    || lx.cue_at("armed_unit", &words, j).is_some()
                    || words[j].ends_with("-year-old"))
        };
        // The cue heads a victim subject: "both (victims) were ...", "another
        // man was shot", "a second victim was found", "another with injuries";
        // not "both suspects fled", "another driver fired", "the murder of
        // another man".
        let victim_subject = |j: usize| {
            if j > 0 && words[j - 1] == "of" {
                return false;
            }
            let mut k = j + 1;
            while k < j + 3 && person(k) {
                k += 1;
            }
            // "a third victim went to a hospital": a victim whatever it did.
            if words[j + 1..k]
                .iter()
                .any(|w| matches!(*w, "victim" | "victims"))
            {
                return true;
            }
            words
                .get(k)
                .is_some_and(|w| lx.is("be", w) || lx.is("victim_state_verb", w))
        };
        let hurt_after = |j: usize| words[j..].iter().any(|w| lx.is("survived_hurt", w));
        for j in 0..words.len() {
            let Some(q) = lx
                .quants
                .get(words[j])
                .filter(|q| q.kind == QuantKind::Victims)
            else {
                continue;
            };
            let next = words.get(j + 1).copied().unwrap_or("");
            let found = match words[j] {
                "double" | "triple" | "quadruple" => {
                    let wounding = j + 1 < words.len()
                        && lx
                            .trigger_at(&words, j + 1, false)
                            .is_some_and(|(_, e, _)| {
                                lx.is("wounding", &lx.entries[e].id) && !lx.is("fire_at", next)
                            })
                        && (next.ends_with("ing") || next.ends_with("ings"));
                    wounding.then_some((Side::Both, "double-nominal"))
                }
                "both" => {
                    // "Officers found a man and a woman deceased. Both had
                    // suffered a gunshot wound": the pair of the sentence before.
                    let dead_before = si > 0
                        && doc.sentences[si - 1].tokens.clone().any(|t| {
                            let w = doc.lower(t);
                            lx.is("death_word", w) || lx.is("death_state", w)
                        });
                    // The sentence's own words come first: a death word kills,
                    // a survivor's state ("both were wounded", "both are in
                    // stable condition") keeps them alive whatever died before.
                    let alive = || words[j..].iter().any(|w| lx.is("survived_state", w));
                    if !victim_subject(j) {
                        None
                    } else if death(j, words.len()) || dead_before && !alive() {
                        Some((Side::Killed, "both"))
                    } else if hurt_after(j) {
                        Some((Side::Injured, "both"))
                    } else {
                        None
                    }
                }
                _ => {
                    // "another man", "a second victim", "another with ... injuries";
                    // not "another shooting", "a second time".
                    let victim = victim_subject(j);
                    let wounded = hurt_after(j)
                        || (j + 1..(j + 6).min(words.len())).any(|k| {
                            lx.trigger_at(&words, k, false)
                                .is_some_and(|(_, e, _)| lx.is("wounding", &lx.entries[e].id))
                        });
                    if !victim {
                        None
                    } else if death(j, j + 8) {
                        Some((Side::Killed, "ordinal"))
                    } else if wounded {
                        Some((Side::Injured, "ordinal"))
                    } else {
                        None
                    }
                }
            };
            let Some((side, rule)) = found else {
                continue;
            };
            let n = q.value;
            let max = |f: fn(&Event) -> Option<&Count>| {
                events
                    .iter()
                    .filter(|e| real(e))
                    .filter_map(|e| f(e).map(|c| c.best))
                    .max()
                    .unwrap_or(0)
            };
            let killed = max(|e| e.fatalities.as_ref());
            let injured = max(|e| e.injured.as_ref());
            // Another victim, or a pair, on top of what the other side holds.
            let (want_k, want_i) = match (side, rule) {
                (Side::Both, _) => (0, n.saturating_sub(killed)),
                (Side::Killed, "ordinal") => (n.saturating_sub(injured), 0),
                (Side::Injured, "ordinal") => (0, n.saturating_sub(killed)),
                (Side::Killed, _) => (n, 0),
                (Side::Injured, _) => (0, n),
            };
            if want_k <= killed && want_i <= injured {
                continue;
            }
            // The event that takes the figure: this sentence's, else the closest earlier one.
            let host = events
                .iter()
                .rposition(|e| real(e) && e.sentence == si)
                .or_else(|| {
                    // (Not a firing with no toll: "opened fire on two people"
                    // says nothing of who was hit. Arson is no firing: "set
                    // fire to a shop" hosts the people hurt in it.)
                    let fired = |e: &Event| {
                        let mut prev = String::new();
                        e.fatalities.is_none()
                            && e.injured.is_none()
                            && e.trigger.text.split_whitespace().any(|w| {
                                let w = w.to_lowercase();
                                let hit = lx.is("fire_at", &w) && !lx.is("fire_setting", &prev);
                                prev = w;
                                hit
                            })
                    };
                    events.iter().rposition(|e| {
                        real(e)
                            && e.sentence < si
                            && !fired(e)
                            && (e.fatalities.is_some()
                                || e.injured.is_some()
                                || !e.acled.event_type.is_empty())
                    })
                });
            let Some(h) = host else {
                continue;
            };
            let text = doc.token_span(base + j, (base + j + 1).min(sent.tokens.end - 1));
            let raised = |c: &mut Option<Count>, want: u32, what: &str, rules: &mut String| {
                if want > c.as_ref().map_or(0, |c| c.best) {
                    *c = Some(Count {
                        low: want,
                        best: want,
                        high: None,
                        text: text.clone(),
                        unit: None,
                        vague: false,
                    });
                    rules.push_str(&format!("; {what}:article-victims:{rule}"));
                }
            };
            let e = &mut events[h];
            raised(&mut e.fatalities, want_k, "fatalities", &mut e.rule);
            raised(&mut e.injured, want_i, "injured", &mut e.rule);
        }
    }
    shot_and_no_death(lx, doc, events);
}

#[cfg(test)]
mod tests {
    use sitrep_core::{Analysis, Doc, Stage};

    use crate::EventCoder;

    /// Article-level (killed, injured): the largest asserted or alleged toll.
    fn tolls(text: &str) -> (u32, u32) {
        static CODER: std::sync::OnceLock<EventCoder> = std::sync::OnceLock::new();
        let coder = CODER.get_or_init(|| EventCoder::load_default().expect("builtin data loads"));
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        coder.annotate(&doc, &mut a);
        let real = a.events.iter().filter(|e| {
            matches!(
                e.factuality,
                sitrep_core::Factuality::Asserted | sitrep_core::Factuality::Alleged
            )
        });
        let k = real
            .clone()
            .filter_map(|e| e.fatalities.as_ref().map(|c| c.best));
        let i = real.filter_map(|e| e.injured.as_ref().map(|c| c.best));
        (k.max().unwrap_or(0), i.max().unwrap_or(0))
    }

    #[test]
    fn a_family_of_n_and_n_reported_dead_are_tolls() {
        // Sentences written for this test.
        assert_eq!(
            tolls("An airstrike on the camp killed a family of seven on Monday."),
            (7, 0)
        );
        assert_eq!(
            tolls("Clashes broke out between two clans near the market; 12 reported dead."),
            (12, 0)
        );
        assert_eq!(
            tolls("Militants attacked the convoy, and four were confirmed killed."),
            (4, 0)
        );
    }

    #[test]
    fn a_named_victim_is_one_death_and_gunmen_are_no_victim() {
        // Sentences written for this test.
        assert_eq!(
            tolls("Investigators found the rifle he used to kill Daniel Ortega Ruiz."),
            (1, 0)
        );
        assert_eq!(
            tolls("Masked gunmen killed Yusuf Abdi near the market on Friday."),
            (1, 0)
        );
        // A weekday is no name, and a victim noun after a name counts itself.
        assert_eq!(
            tolls("Militants killed Somali soldiers near Baidoa."),
            (3, 0)
        );
    }

    #[test]
    fn a_person_shot_in_an_article_without_deaths_is_wounded() {
        assert_eq!(
            tolls("Police are investigating a shooting on Elm Street. Officers say one person was shot during the incident."),
            (0, 1)
        );
        // A headline's reduced passive, glued to the text as scraped pages are.
        assert_eq!(
            tolls("Woman shot outside grocery store in Dayton Police said the shooting happened before noon."),
            (0, 1)
        );
        // A death anywhere in the article: the shot victim may be the dead one.
        assert_eq!(
            tolls("Officers say one person was shot during the incident. The victim died later."),
            (1, 0)
        );
        // An active verb with an object, a report of a possible victim, and a shot that missed.
        for text in [
            "Man shot his neighbour during an argument, police said.",
            "Police responded to a call about a possible person shot near the park.",
            "A man was shot at while driving, but was not hit, police said.",
        ] {
            assert_eq!(tolls(text), (0, 0), "{text}");
        }
    }

    #[test]
    fn victims_reported_one_by_one_are_counted_across_sentences() {
        assert_eq!(
            tolls("One man was shot in the back and a 29-year-old man was shot multiple times. Both are listed in critical condition."),
            (0, 2)
        );
        assert_eq!(
            tolls("A man was shot in the arm near the park. Another man was shot in the chest and taken to a hospital."),
            (0, 2)
        );
        assert_eq!(
            tolls("Two men were shot in the legs outside a bar. A third victim went to a hospital on his own."),
            (0, 3)
        );
        assert_eq!(
            tolls("Police are investigating a double shooting on Elm Street. A man was shot in the leg and taken to a hospital."),
            (0, 2)
        );
        // A double shooting with one death: the other victim is the injured one.
        assert_eq!(
            tolls("One man was killed in a double shooting on Elm Street, police said."),
            (1, 1)
        );
    }

    #[test]
    fn other_people_are_not_extra_victims() {
        // "both suspects fled": not victims; "the murder of another man": a
        // different man, not a second victim.
        assert_eq!(
            tolls("A man was shot in the leg during the robbery and both suspects fled on foot."),
            (0, 1)
        );
        assert_eq!(
            tolls(
                "A man who fled after the murder of another man who was shot dead has been jailed."
            ),
            (1, 0)
        );
        // The parties of "a shooting between two drivers" are no toll.
        assert_eq!(
            tolls("A man was shot in the arm and taken to a hospital after a shooting between two drivers."),
            (0, 1)
        );
        // Victims-kind words are never figures themselves.
        assert_eq!(
            tolls("A second man was shot in the leg and taken to a hospital."),
            (0, 2)
        );
    }

    #[test]
    fn coordinated_subjects_are_summed() {
        assert_eq!(
            tolls("Police say a 22-year-old man and a 16-year-old boy were shot and taken to a hospital."),
            (0, 2)
        );
        // The same figure and noun twice is one toll.
        assert_eq!(
            tolls("Two civilians and two civilians were killed."),
            (2, 0)
        );
    }

    #[test]
    fn the_subject_of_a_wound_after_with_is_the_victim() {
        assert_eq!(
            tolls("Police are investigating a shooting. One man was taken to the hospital with life threatening injuries."),
            (0, 1)
        );
        // Right before "with": the victims; the finder is none.
        assert_eq!(
            tolls("Gunmen opened fire on a house. Officers found three residents with gunshot wounds."),
            (0, 3)
        );
        assert!(
            tolls("Gunmen opened fire on a house. Officers found Duran with gunshot wounds.").1 < 2
        );
    }

    #[test]
    fn coordinated_passive_and_negated_subjects() {
        assert_eq!(
            tolls("Officers encountered a man armed with a shotgun. Waldron was subsequently shot and killed."),
            (1, 0)
        );
        assert_eq!(
            tolls("A shot was fired at the house but no one apparently was injured."),
            (0, 0)
        );
        assert_eq!(
            tolls("The gunman was shot dead by police. No officers or anyone else at the store was injured."),
            (1, 0)
        );
    }

    #[test]
    fn arson_hosts_its_victims_and_a_firing_does_not() {
        // Sentences written for this test.
        assert_eq!(
            tolls("Rioters set fire to a shop in the town on Sunday. Two workers were inside; both were taken to a hospital with burns."),
            (0, 2)
        );
        assert_eq!(
            tolls("A mob set fire to a bus near the depot. Two passengers were trapped; both were taken to a hospital."),
            (0, 2)
        );
        // Shots with no toll say nothing of who was hit: no host.
        assert_eq!(
            tolls("Gunmen opened fire near the depot on Sunday. Two passengers were trapped; both were taken to a hospital."),
            (0, 0)
        );
    }

    #[test]
    fn both_after_a_sentence_of_the_dead_are_dead() {
        // The pair of the sentence before: their wounds are how they died.
        assert_eq!(
            tolls("Deputies found two brothers deceased in the barn. Both had suffered a gunshot wound to the chest."),
            (2, 0)
        );
        // No death before: both were wounded.
        assert_eq!(
            tolls("Deputies found two brothers in the barn. Both had suffered a gunshot wound to the chest."),
            (0, 2)
        );
        // A death before, but the pair's own sentence tells survivors.
        assert_eq!(
            tolls("A guard was shot dead at the depot on Friday. Two drivers were shot nearby; both were wounded."),
            (1, 2)
        );
        assert_eq!(
            tolls("A woman died in the crash on Route 9. Two men were shot outside a bar. Both are in stable condition."),
            (0, 2)
        );
    }

    /// (trigger, killed, injured) of each event, and the drops' rules.
    fn follow(text: &str) -> (Vec<(String, u32, u32)>, Vec<String>) {
        let (ev, dropped) = crate::tests::code_with_actors(text);
        let ev = ev
            .iter()
            .map(|e| {
                (
                    e.trigger.text.to_lowercase(),
                    e.fatalities.as_ref().map_or(0, |c| c.best),
                    e.injured.as_ref().map_or(0, |c| c.best),
                )
            })
            .collect();
        (ev, dropped.into_iter().map(|d| d.rule).collect())
    }

    #[test]
    fn bare_casualties_after_an_attack_are_its_toll() {
        // "others" are besides the dead: the wounded of the same strike.
        let (ev, dropped) = follow(
            "Militants attacked a checkpoint near the town, killing six policemen. \
             The checkpoint lay in ruins, a police officer said, adding that 11 others were \
             wounded.",
        );
        assert_eq!(ev, vec![("attacked".to_string(), 6, 11)], "{dropped:?}");
        assert!(dropped.iter().any(|r| r.starts_with("casualty-follow-up")));
        // Deaths "more" than the ones counted add to them.
        let (ev, _) = follow(
            "A car bomb exploded outside a mosque, killing eight worshippers. \
             Three more people died later in hospital, a health official said.",
        );
        assert!(!ev.iter().any(|e| e.0 == "died"), "{ev:?}");
        assert_eq!(ev.iter().map(|e| e.1).max(), Some(11), "{ev:?}");
        // The same toll stated again is counted once.
        let (ev, _) = follow(
            "Gunmen opened fire on a wedding party, killing nine guests. \
             Nine people were killed and 14 were wounded, police said.",
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!((ev[0].1, ev[0].2), (9, 14));
        // A claim of responsibility between them is no other incident, and
        // "another" before the count adds.
        let (ev, _) = follow(
            "Gunmen attacked a mosque in the capital, killing four guards and wounding six \
             worshippers. The group claimed responsibility for the attack. \
             Another three worshippers were killed and another 15 were wounded, police said.",
        );
        assert_eq!(ev, vec![("attacked".to_string(), 7, 21)]);
        // "More than 20" restates the toll, it adds no one.
        let (ev, _) = follow(
            "Gunmen attacked a village on Monday, killing 10 people, police said. \
             More than 20 people were killed, a local official said.",
        );
        assert_eq!(ev.iter().map(|e| e.1).max(), Some(20), "{ev:?}");
    }

    #[test]
    fn a_singular_victim_and_other_victims_after_it_are_summed() {
        // Sentences written for this test: "the owner" is one death, and
        // "three other guests" are besides him.
        let (ev, dropped) = follow(
            "Gunmen stormed a guesthouse in the town on Saturday, killing the owner. \
             Three other guests were killed and five were wounded.",
        );
        assert_eq!(ev, vec![("stormed".to_string(), 4, 5)], "{dropped:?}");
        let (ev, _) = follow(
            "A bomb hidden in a minibus exploded at the market, killing the driver. \
             Two other passengers died in hospital.",
        );
        assert_eq!(ev.iter().map(|e| e.1).max(), Some(3), "{ev:?}");
    }

    #[test]
    fn the_wounded_of_a_death_verb_and_a_possessive_conjunct_are_its_toll() {
        // Sentences written for this test. With no attack verb to host them,
        // the wounded of "killing … and wounding …" join the deaths.
        let (ev, _) = follow(
            "Police fired tear gas to disperse the crowd, killing three people and \
             wounding at least 12.",
        );
        let violent: Vec<_> = ev.iter().filter(|e| e.1 > 0 || e.2 > 0).collect();
        assert_eq!(violent.len(), 1, "{ev:?}");
        assert_eq!((violent[0].1, violent[0].2), (3, 12), "{ev:?}");
        // "her two daughters" is a count of its own beside "a woman".
        let (ev, _) = follow("A drone strike on a tent killed a woman and her two daughters.");
        assert_eq!(ev.iter().map(|e| e.1).max(), Some(3), "{ev:?}");
    }

    #[test]
    fn another_incident_keeps_its_own_casualties() {
        // Opened on another incident.
        let (ev, _) = follow(
            "Militants attacked a checkpoint, killing six policemen. \
             Separately, two civilians were killed on Monday, residents said.",
        );
        assert_eq!(ev.len(), 2, "{ev:?}");
        // Far from the attack, or after a non-violent event.
        let (ev, _) = follow(
            "Militants attacked a checkpoint, killing six policemen. \
             The government condemned the violence. Officials met in the capital. \
             The talks lasted three hours. Two civilians were killed, residents said.",
        );
        assert_eq!(ev.iter().filter(|e| e.0 == "killed").count(), 1, "{ev:?}");
    }

    #[test]
    fn the_counted_subject_of_a_headline_participle_is_the_victim() {
        let sides = |text: &str| {
            let (ev, _) = crate::tests::code_with_actors(text);
            let e = ev.first().cloned().expect("an event");
            (
                e.actor1.map(|a| a.code),
                e.actor2.map(|a| a.code),
                e.fatalities.map(|c| c.best),
            )
        };
        let (a1, a2, killed) = sides("Two policemen killed in roadside ambush");
        assert_eq!(a1, None);
        assert_eq!(a2.as_deref(), Some("---COP"));
        assert_eq!(killed, Some(2));
        // The victims of the casualty verb are not its host's perpetrator.
        let (a1, _, killed) = sides("Militants killed two policemen in a roadside ambush");
        assert_eq!(a1.as_deref(), Some("---UAF"));
        assert_eq!(killed, Some(2));
    }
}
