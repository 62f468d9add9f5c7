//! Events told twice: a weapon named as the instrument of an attack, and a
//! definite reference back to an attack just told.
//!
//! - **Instrument.** "Gunmen attacked the village with rifles and grenades":
//!   the weapon noun after "with" / "using" is how the attack of its clause
//!   was made, not a second attack. Its event (trigger role `remote`, no
//!   other perpetrator) merges into the attack before it in the clause,
//!   which takes its weapon and any toll it lacks; a generic attack (no
//!   PLOVER mode, not a battle) takes the weapon's typing too.
//! - **Restatement.** "Gunmen attacked a police station in Baga, killing
//!   seven officers. The assault lasted an hour.": a violent nominal opened
//!   by an `attack_reference` cue ("the assault", "the strike") within three
//!   sentences after a violent event, with no other perpetrator, toll, place
//!   or date of its own, is that event told again. It merges into it (filling
//!   what it lacks: a toll, a finer place, a date) and is listed as dropped.
//!   A different toll, place, day or perpetrator keeps it a separate event.
//!   So is a violent event in a sentence that opens on the perpetrators
//!   just told (`perpetrator_reference`: "The attackers, riding motorbikes,
//!   opened fire with machine guns"): the attack told in detail.
//!
//! Runs after all sentences are coded and before `casualties::follow_up`, so
//! that a bare toll after a restatement still finds the attack it belongs to.

use sitrep_core::{Doc, Dropped, Event, Factuality};

use crate::lexicon::{Lexicon, Role};

/// How many sentences back a definite reference looks for its attack.
const REACH: usize = 3;

fn role(lx: &Lexicon, e: &Event) -> Option<Role> {
    let id = e.rule.strip_prefix("trigger:")?.split('(').next()?;
    lx.entries.iter().find(|x| x.id == id).map(|x| x.role)
}

fn real(e: &Event) -> bool {
    matches!(e.factuality, Factuality::Asserted | Factuality::Alleged)
}

/// Lower-cased words of sentence `si` and the local index of the first and
/// last token of `e`'s trigger.
fn words_and_trigger<'d>(doc: &'d Doc, e: &Event) -> (Vec<&'d str>, usize, usize) {
    let range = doc.sentences[e.sentence].tokens.clone();
    let words = range.clone().map(|t| doc.lower(t)).collect();
    let first = doc
        .token_at(e.trigger.byte_start)
        .saturating_sub(range.start);
    let last = doc
        .token_at(e.trigger.byte_end.saturating_sub(1))
        .saturating_sub(range.start)
        .max(first);
    (words, first, last)
}

/// Is `e`'s trigger the head of an `attack_reference` phrase ("the
/// assault", "this attack"), i.e. a cue phrase ending on its last token?
fn anaphoric(lx: &Lexicon, doc: &Doc, e: &Event) -> bool {
    let (words, first, last) = words_and_trigger(doc, e);
    lx.cue_ending_at("attack_reference", &words, last)
        .is_some_and(|n| n > last - first + 1 && last + 1 >= n)
}

/// Does `e`'s sentence open on a definite reference back to the
/// perpetrators just told ("The attackers, riding motorbikes, opened fire"),
/// with `e`'s trigger in that first clause?
fn told_by_its_perpetrators(lx: &Lexicon, doc: &Doc, e: &Event) -> bool {
    let (words, first, _) = words_and_trigger(doc, e);
    lx.cue_at("perpetrator_reference", &words, 0)
        .is_some_and(|n| n <= first && !words[n..first].contains(&";"))
}

/// Fill `p` with what `e` adds and list `e` as dropped by `rule`.
fn absorb(p: &mut Event, e: Event, rule: &str, dropped: &mut Vec<Dropped>) {
    if p.fatalities.is_none() {
        p.fatalities = e.fatalities.clone();
    }
    if p.injured.is_none() {
        p.injured = e.injured.clone();
    }
    if p.actor1.is_none() {
        p.actor1 = e.actor1.clone();
    }
    if p.actor2.is_none() {
        p.actor2 = e.actor2.clone();
    }
    if p.weapon.is_none() {
        p.weapon = e.weapon.clone();
    }
    take_place_time_and_drop(p, e, rule, dropped);
}

/// The part of a merge shared with `casualties::follow_up`: `p` takes a
/// finer place and a date from the text from `e`, names the merge in its
/// rule, and `e` is listed as dropped by `rule`.
pub(crate) fn take_place_time_and_drop(
    p: &mut Event,
    e: Event,
    rule: &str,
    dropped: &mut Vec<Dropped>,
) {
    let finer = match (&p.place, &e.place) {
        (Some(a), Some(b)) => a.holds(b) && !b.holds(a),
        (None, Some(_)) => true,
        _ => false,
    };
    if finer {
        p.place = e.place.clone();
    }
    if p.time.as_ref().is_none_or(|t| t.fallback) && e.time.as_ref().is_some_and(|t| !t.fallback) {
        p.time = e.time.clone();
    }
    p.rule.push_str(&format!(
        "; {rule}:{}(s{})→merged",
        e.trigger.text.to_lowercase(),
        e.sentence + 1
    ));
    dropped.push(Dropped {
        rule: format!(
            "{rule}:merged-into:{}(s{})",
            p.trigger.text.to_lowercase(),
            p.sentence + 1
        ),
        trigger: e.trigger,
        sentence: e.sentence,
    });
}

/// Merge instrument weapons and restatements into the attack they tell.
pub fn merge(lx: &Lexicon, doc: &Doc, events: &mut Vec<Event>, dropped: &mut Vec<Dropped>) {
    instruments(lx, doc, events, dropped);
    restatements(lx, doc, events, dropped);
}

/// "attacked the village with rifles and grenades": the weapon event after
/// "with"/"using" in the clause of an earlier violent event of its sentence.
fn instruments(lx: &Lexicon, doc: &Doc, events: &mut Vec<Event>, dropped: &mut Vec<Dropped>) {
    let mut i = 0;
    while i < events.len() {
        let q = &events[i];
        if role(lx, q) != Some(Role::Remote) {
            i += 1;
            continue;
        }
        let (words, first, _) = words_and_trigger(doc, q);
        // "with" within four words before the weapon, nothing but
        // modifiers, other weapons and "and" / "," between.
        let with = (first.saturating_sub(4)..first)
            .rev()
            .take_while(|&k| !matches!(words[k], ";" | ":" | "which" | "who" | "while" | "as"))
            .find(|&k| matches!(words[k], "with" | "using"));
        let Some(with) = with else {
            i += 1;
            continue;
        };
        let host = (0..events.len()).find(|&j| {
            let p = &events[j];
            j != i
                && p.sentence == q.sentence
                && q.actor1
                    .as_ref()
                    .is_none_or(|a| p.actor1.as_ref().is_some_and(|b| a.code == b.code))
                && p.trigger.byte_end <= q.trigger.byte_start
                && role(lx, p).is_some_and(Role::is_violent)
                && {
                    let (_, pf, pl) = words_and_trigger(doc, p);
                    // The host's trigger ends before "with", in the same clause.
                    pl < with
                        && pf + 12 >= with
                        && !words[pl + 1..with]
                            .iter()
                            .any(|w| matches!(*w, ";" | ":" | "." | "but" | "while"))
                }
        });
        match host {
            Some(j) => {
                let q = events.remove(i);
                let j = if j > i { j - 1 } else { j };
                let p = &mut events[j];
                // A generic attack made with a remote weapon is that weapon's
                // attack ("attacked the village with grenades": Grenade); a
                // battle stays a battle.
                if p.plover.mode.is_none() && p.acled.event_type != "Battles" {
                    p.cameo = q.cameo.clone();
                    p.plover = q.plover.clone();
                    p.acled = q.acled.clone();
                    p.civilian_targeting |= q.civilian_targeting;
                }
                absorb(p, q, "instrument", dropped);
            }
            None => i += 1,
        }
    }
}

/// "The assault lasted an hour." after the attack it refers back to.
fn restatements(lx: &Lexicon, doc: &Doc, events: &mut Vec<Event>, dropped: &mut Vec<Dropped>) {
    let violent = |e: &Event| role(lx, e).is_some_and(Role::is_violent);
    let mut i = 1;
    while i < events.len() {
        let e = &events[i];
        let by_them = told_by_its_perpetrators(lx, doc, e);
        if !(violent(e) && real(e) && (anaphoric(lx, doc, e) || by_them)) {
            i += 1;
            continue;
        }
        let antecedent = (0..i).rev().find(|&j| {
            let p = &events[j];
            p.sentence < e.sentence
                && e.sentence - p.sentence <= REACH
                && violent(p)
                && real(p)
                && !p.acled.event_type.is_empty()
        });
        let Some(pi) = antecedent else {
            i += 1;
            continue;
        };
        let p = &events[pi];
        let same_toll =
            |a: &Option<sitrep_core::Count>, b: &Option<sitrep_core::Count>| match (a, b) {
                (Some(a), Some(b)) => a.best == b.best,
                _ => true,
            };
        let same_place = match (&p.place, &e.place) {
            (Some(a), Some(b)) => a.holds(b) || b.holds(a),
            _ => true,
        };
        let same_day = match (&p.time, &e.time) {
            (Some(a), Some(b)) => a.fallback || b.fallback || a.value == b.value,
            _ => true,
        };
        // "The assailants" are the gunmen just told, whatever code the
        // actor layer gives the word.
        let same_actor = match (&p.actor1, &e.actor1) {
            (Some(a), Some(b)) => by_them || a.code == b.code,
            _ => true,
        };
        if same_toll(&p.fatalities, &e.fatalities)
            && same_toll(&p.injured, &e.injured)
            && same_place
            && same_day
            && same_actor
        {
            let e = events.remove(i);
            absorb(&mut events[pi], e, "restatement", dropped);
        } else {
            i += 1;
        }
    }
}
