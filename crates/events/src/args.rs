//! Event arguments from token windows over the sentence: actor1 (perpetrator
//! or first side), actor2 (target, victim or other side), place and time.
//!
//! These are the token-window rules: they look at the clause around the
//! trigger and are the fallback of the tree rules in `parse_args` (which fill
//! what they leave empty when the parse layer is on). Also the weapon. Each returns
//! the rule name that fired, so `Event::rule` can explain it. Actor, place and
//! time mentions come from the layers filled by earlier stages; this module
//! only chooses among them.

use crate::lexicon::{Form, Role};
use crate::sentence::Sent;

/// An argument choice: local token of the mention, index in its layer, rule.
#[derive(Debug, Clone, Copy)]
pub struct Arg {
    pub index: usize,
    pub tok: usize,
    pub rule: &'static str,
}

/// What the argument rules found for one trigger.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub actor1: Option<Arg>,
    pub actor2: Option<Arg>,
    pub passive: bool,
    /// Token of the victim/object NP start, when the object is not an actor.
    pub object_tok: Option<usize>,
}

/// True when the -ed trigger at `first` is passive ("were killed", "was captured").
pub fn is_passive(s: &Sent, first: usize, form: Form) -> bool {
    if form != Form::Ed {
        return false;
    }
    // "is opposed to", "is committed to": a stative participle with no
    // "by" agent is an adjective, and its subject the actor
    // (`stative_participle` in data/events/cues.tsv).
    if s.lx.is("stative_participle", s.words[first]) && s.words.get(first + 1) != Some(&"by") {
        return false;
    }
    let lo = first.saturating_sub(3);
    (lo..first)
        .rev()
        .any(|k| s.lx.is("be", s.words[k]) && s.words[k] != "'s")
}

/// A participle right after the noun phrase it describes, with no
/// auxiliary: "civilians killed by the militia", "There were 10 Russian
/// soldiers killed in Ukraine". Only with a "by" agent after it or in an
/// existential "there is/are" clause, where it cannot be a past tense.
fn reduced_passive(s: &Sent, lb: usize, first: usize, last: usize, form: Form) -> bool {
    if form != Form::Ed || first == 0 || s.actor_of[first - 1].is_none() {
        return false;
    }
    let by_agent = s.words.get(last + 1) == Some(&"by");
    let existential = (lb..first)
        .any(|k| s.words[k] == "there" && s.words.get(k + 1).is_some_and(|w| s.lx.is("be", w)));
    by_agent || existential
}

/// Is the preposition at `pi` the "of" of a partitive ("thousands of")?
fn partitive_of(s: &Sent, pi: usize) -> bool {
    s.words[pi] == "of"
        && pi > 0
        // In "Thousands of Nigerians rallied" the actor after "of" is the
        // subject, not an oblique (`partitive_head` in data/events/cues.tsv).
        && s.lx.is("partitive_head", &s.words[pi - 1].to_ascii_lowercase())
}

/// Is the preposition at `pi` the "of" after a sector-only member noun that
/// names the organisation `a` ("fighters of Hayat Tahrir al-Sham",
/// "members of the Islamic State")? The organisation is then the subject.
fn member_of(s: &Sent, pi: usize, a: usize) -> bool {
    let generic = |x: usize| s.actors.get(x).is_some_and(|x| x.code.starts_with("---"));
    let named = s
        .actors
        .get(a)
        .is_some_and(|x| !x.code.starts_with("---") && x.sector.is_some());
    s.words[pi] == "of" && pi > 0 && named && s.actor_of[pi - 1].is_some_and(generic)
}

/// Nearest actor to the left of `from` within `lb..from` that is not the
/// object of a preposition. Returns the actor's first token and index.
fn subject_left(s: &Sent, lb: usize, from: usize) -> Option<(usize, usize)> {
    let mut k = from;
    while k > lb {
        k -= 1;
        if let Some((f, _l, a)) = s.actor_extent(k) {
            let oblique = s.head_prep(f).is_some_and(|(pi, w)| {
                pi >= lb
                    && s.is_prep(w)
                    && w != "by"
                    && !partitive_of(s, pi)
                    && !member_of(s, pi, a)
            });
            // The object of a light verb ("launched artillery") is no subject.
            let object_of_light =
                f > 0 && s.lx.cue_ending_at("light_verb", &s.words, f - 1).is_some();
            if !oblique && !object_of_light && !according_to(s, f) {
                return Some(appositive_host(s, lb, f, from).unwrap_or((f, a)));
            }
            k = f;
        }
    }
    None
}

/// "Pakistan, a key U.S. ally in the war, has refused", "The US commander
/// in Iraq, General David Petraeus, held talks": an actor inside an
/// appositive set off by commas ("a key U.S. ally", a name standing alone)
/// is no subject; the subject of the noun phrase before the opening comma
/// is. `f` is the first token of the actor found left of the verb at `from`.
fn appositive_host(s: &Sent, lb: usize, f: usize, from: usize) -> Option<(usize, usize)> {
    let (_, l, _) = s.actor_extent(f)?;
    // A closing comma right after the actor or its phrase, before the verb...
    let close = (l + 1..from).find(|&g| s.words[g] == ",")?;
    // ...and an opening one before it: an article after it, or the actor
    // filling the whole stretch between the commas.
    // The clause may start at the opening comma itself.
    let open = (lb.saturating_sub(1)..f)
        .rev()
        .find(|&g| s.words[g] == ",")?;
    let article = matches!(s.words.get(open + 1), Some(&("a" | "an" | "the")));
    // (a title may precede the name: "General David Petraeus").
    let whole =
        l + 1 == close && (open + 1..f).all(|g| s.text(g).starts_with(|c: char| c.is_uppercase()));
    if !(article || whole) || open == 0 || (open + 1..f).any(|g| s.is_boundary(g)) {
        return None;
    }
    let host_lb = s.clause_start(open - 1);
    subject_left(s, host_lb, open).filter(|&(f0, _)| f0 < open)
}

/// Leftmost actor in `lb..from` that is not the object of a preposition: the
/// clause subject when a verb and its object stand between it and a nominal
/// trigger ("Syrian rebels engaged Filipino peacekeepers in a firefight").
fn subject_first(s: &Sent, lb: usize, from: usize) -> Option<(usize, usize)> {
    let mut k = lb;
    while k < from {
        if let Some((f, l, a)) = s.actor_extent(k) {
            let oblique = s.head_prep(f).is_some_and(|(pi, w)| {
                pi >= lb
                    && s.is_prep(w)
                    && w != "by"
                    && !partitive_of(s, pi)
                    && !member_of(s, pi, a)
            });
            // Only within one comma-free stretch before the trigger: in
            // "According to X, which monitors the Syrian war, the army carried
            // out airstrikes" the subject is the army, not "Syrian".
            // Commas of a list that ends at the trigger ("launched artillery,
            // mortar, and rocket fire") do not count.
            let list_end = from >= 2 && matches!(s.words[from - 1], "and" | "or")
                || from >= 3 && matches!(s.words[from - 2], "and" | "or");
            let same_stretch = list_end
                && (l + 1..from).filter(|&g| s.words[g] == ",").count() <= 3
                && (l + 1..from).all(|g| !matches!(s.words[g], ";" | ":"))
                || (l + 1..from).all(|g| !matches!(s.words[g], "," | ";" | ":"));
            // The object of a light verb ("launched artillery") is no subject.
            let object_of_light =
                f > 0 && s.lx.cue_ending_at("light_verb", &s.words, f - 1).is_some();
            if object_of_light {
                k = l + 1;
                continue;
            }
            if !oblique && f >= lb && same_stretch && !according_to(s, f) {
                // "fighters of Hayat Tahrir al-Sham": the organisation.
                let org = (l + 2..(l + 4).min(from)).find_map(|g| {
                    s.actor_extent(g)
                        .filter(|&(f2, _, a2)| {
                            s.head_prep(f2).is_some_and(|(pi, _)| pi == l + 1)
                                && member_of(s, l + 1, a2)
                        })
                        .map(|(f2, _, a2)| (f2, a2))
                });
                return Some(org.unwrap_or((f, a)));
            }
            k = l + 1;
            continue;
        }
        k += 1;
    }
    None
}

/// For a sector-only subject ("tanks", ---MIL) right after "and" or ",", the
/// conjunct before it when that one carries a country ("Israeli helicopters").
fn coded_conjunct(s: &Sent, lb: usize, f: usize, a: usize) -> Option<(usize, usize)> {
    let generic = s.actors.get(a)?.code.starts_with("---");
    // "X and a group of deputies": the conjunct starts at its partitive head.
    let mut f = f;
    if f >= 2 && partitive_of(s, f - 1) {
        f -= 2;
        if f >= 1 && matches!(s.words[f - 1], "a" | "an" | "the") {
            f -= 1;
        }
    }
    if !generic || f < 2 || !matches!(s.words[f - 1], "and" | ",") {
        return None;
    }
    let (f0, _, a0) = s.actor_extent(f - 2)?;
    let coded = s.actors.get(a0).is_some_and(|x| !x.code.starts_with("---"));
    // "In Niger, unidentified gunmen abducted …": a fronted place phrase
    // is no conjunct of the subject.
    let oblique = s
        .head_prep(f0)
        .is_some_and(|(pi, w)| pi >= lb && s.is_prep(w) && !partitive_of(s, pi));
    (coded && !oblique && a0 != a && f0 >= lb).then_some((f0, a0))
}

/// True when the actor starting at `f` is the source of an "according to"
/// phrase ("According to local authorities, shelling killed …"): it
/// reports the event, it is no participant.
/// Only an actor heading the phrase's noun: "according to reports the UK
/// is pushing" names the UK as the subject of its own clause.
fn according_to(s: &Sent, f: usize) -> bool {
    (f.saturating_sub(4)..f).any(|k| {
        s.words[k] == "according"
            && s.words.get(k + 1) == Some(&"to")
            && (k + 2..f).all(|g| {
                s.words[g] != "," && (g == k + 2 || !matches!(s.words[g], "the" | "a" | "an"))
            })
    })
}

/// The first conjunct of a coordinated subject whose last conjunct starts
/// at `f` ("Four children and a man were killed" → "children", "Obama
/// and Putin said" → "Obama"): ACLED and PETRARCH name the first one as
/// the actor, the others are associates. Only when the coordination opens
/// the clause (nothing but capitalised words, numbers, determiners and
/// punctuation before it), so that "shelled Homs and rebels attacked" keeps
/// "rebels". A place never joins a participant this way.
fn first_conjunct(s: &Sent, lb: usize, f: usize, a: usize) -> Option<(usize, usize)> {
    let mut cur = (f, a);
    let mut found = None;
    for _ in 0..4 {
        let Some((f0, a0)) = conjunct_left(s, lb, cur.0, cur.1) else {
            break;
        };
        let oblique = s
            .head_prep(f0)
            .is_some_and(|(pi, w)| pi >= lb && s.is_prep(w) && !partitive_of(s, pi));
        if oblique {
            break;
        }
        cur = (f0, a0);
        found = Some(cur);
    }
    let (f0, a0) = found?;
    let det = |k: usize| matches!(s.words[k], "a" | "an" | "the" | "some" | "several");
    let opens = (lb..f0).all(|k| {
        let t = s.text(k);
        det(k)
            || t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || !t.chars().any(char::is_alphanumeric)
    });
    opens.then_some((f0, a0))
}

/// Does the mention `a` (first token `f`) name a place rather than a
/// participant, for coordination? ("Obama" is also a town in Japan: a
/// mention with a sector is a participant.)
fn placey(s: &Sent, f: usize, a: usize) -> bool {
    toponym_like(s, f, a) && s.actors.get(a).is_some_and(|x| x.sector.is_none())
}

/// The conjunct right before the mention `a` starting at `f`, within
/// `lb..`: "X and Y", "X, Y", "X, and Y", "X or Y" (determiners before Y
/// skipped), both participants or both places.
fn conjunct_left(s: &Sent, lb: usize, f: usize, a: usize) -> Option<(usize, usize)> {
    let det = |k: usize| matches!(s.words[k], "a" | "an" | "the" | "some" | "several");
    let mut k = f;
    while k > lb && det(k - 1) {
        k -= 1;
    }
    if k < lb + 2 || !matches!(s.words[k - 1], "and" | "or" | ",") {
        return None;
    }
    let mut j = k - 1;
    if s.words[j] == "and" && j > lb && s.words[j - 1] == "," {
        j -= 1;
    }
    let (f0, _, a0) = (j > lb).then(|| s.actor_extent(j - 1)).flatten()?;
    (a0 != a && f0 >= lb && placey(s, f0, a0) == placey(s, f, a)).then_some((f0, a0))
}

/// The conjunct right after the mention `a` ending at `l`: "X and Y",
/// "X, Y", "X, and the Y".
fn conjunct_right(s: &Sent, l: usize, a: usize) -> Option<(usize, usize, usize)> {
    let mut k = l + 1;
    if k < s.len() && s.words[k] == "," {
        k += 1;
    }
    if k < s.len() && matches!(s.words[k], "and" | "or") {
        k += 1;
    } else if k == l + 1 {
        return None;
    }
    while k < s.len() && matches!(s.words[k], "a" | "an" | "the" | "some" | "several") {
        k += 1;
    }
    let (f1, l1, a1) = (k < s.len()).then(|| s.actor_extent(k)).flatten()?;
    let (f, _, _) = s.actor_extent(l)?;
    (f1 == k && a1 != a && placey(s, f1, a1) == placey(s, f, a)).then_some((f1, l1, a1))
}

/// Every mention of the coordination that holds the mention starting at
/// `f` (itself included), in sentence order, within its clause.
fn coordination_group(s: &Sent, f: usize) -> Vec<usize> {
    let Some((mut f0, _, mut a0)) = s.actor_extent(f) else {
        return Vec::new();
    };
    let lb = s.clause_start(f);
    for _ in 0..6 {
        match conjunct_left(s, lb, f0, a0) {
            Some((f1, a1)) => (f0, a0) = (f1, a1),
            None => break,
        }
    }
    let mut out = vec![a0];
    let Some((_, mut l, mut a)) = s.actor_extent(f0) else {
        return out;
    };
    for _ in 0..6 {
        match conjunct_right(s, l, a) {
            Some((_, l1, a1)) => {
                if !out.contains(&a1) {
                    out.push(a1);
                }
                (l, a) = (l1, a1);
            }
            None => break,
        }
    }
    out
}

/// A mention that names a place rather than a participant: a toponym from the
/// places layer, or an actor coded with a bare country code and no sector
/// (the dictionaries code "Aleppo" and "Syria" alike as SYR).
pub fn toponym_like(s: &Sent, f: usize, a: usize) -> bool {
    s.place_of.get(f).is_some_and(Option::is_some)
        || s.actors
            .get(a)
            .is_some_and(|x| x.sector.is_none() && x.code.len() == 3)
}

/// First actor right of `to` within `to..rb`, with the word that introduced it.
fn object_right<'a>(
    s: &Sent<'a>,
    to: usize,
    rb: usize,
    max: usize,
) -> Option<(usize, usize, Option<&'a str>)> {
    let end = rb.min(to + max);
    let mut k = to;
    while k < end {
        if let Some((f, _, a)) = s.actor_extent(k) {
            let prep = s
                .head_prep(f)
                .filter(|(pi, _)| *pi + 1 >= to)
                .map(|(_, w)| w);
            return Some((f, a, prep));
        }
        // Another finite clause starts: stop.
        if s.lx.is("report", s.words[k]) {
            break;
        }
        k += 1;
    }
    None
}

/// An actor introduced by one of `preps` to the right of the trigger.
fn pp_right(
    s: &Sent,
    to: usize,
    rb: usize,
    class: &str,
    max: usize,
) -> Option<(usize, usize, &'static str)> {
    let end = rb.min(to + max);
    let mut k = to;
    while k < end {
        if let Some((f, l, a)) = s.actor_extent(k) {
            if let Some((pi, w)) = s.head_prep(f) {
                // "of" marks a target only right after the trigger ("the shelling of Homs").
                let adjacent_ok = w != "of" || pi == to;
                if pi >= to && s.lx.is(class, w) && adjacent_ok {
                    return Some((f, a, "pp"));
                }
            }
            k = l + 1;
            continue;
        }
        k += 1;
    }
    None
}

/// An actor introduced by the preposition `word` to the right of the trigger.
fn pp_right_word(
    s: &Sent,
    to: usize,
    rb: usize,
    word: &str,
    max: usize,
) -> Option<(usize, usize, &'static str)> {
    let end = rb.min(to + max);
    let mut k = to;
    while k < end {
        if let Some((f, l, a)) = s.actor_extent(k) {
            if s.head_prep(f).is_some_and(|(pi, w)| pi >= to && w == word) {
                return Some((f, a, "pp"));
            }
            k = l + 1;
            continue;
        }
        k += 1;
    }
    None
}

/// Decide actor1/actor2 for a trigger at `first..=last`.
pub fn actors(s: &Sent, first: usize, last: usize, form: Form, role: Role, verb: bool) -> Args {
    let lb = s.clause_start(first);
    let rb = s.clause_end(last);
    let passive = is_passive(s, first, form) || reduced_passive(s, lb, first, last, form);
    let mut out = Args {
        passive,
        ..Args::default()
    };
    let nominal = !verb || form == Form::Noun;

    if nominal {
        // "regime airstrikes", "Assad's airstrikes", "Syrian government airstrikes".
        let mut k = first;
        let mut gap = 0;
        while k > lb && gap <= 1 {
            k -= 1;
            if let Some((f, _, a)) = s.actor_extent(k) {
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor1:nominal-modifier",
                });
                break;
            }
            let w = s.words[k];
            // "U.S.-led air campaign": a hyphenated participle joins its agent.
            // A spaced dash ends the phrase instead: "ADEN (AFP) - A strike".
            let hyphen = |d: usize| s.words[d] == "-" && s.glued(d);
            if w == "'s" || w == "’s" || hyphen(k) || (k > 0 && hyphen(k - 1)) {
                continue;
            }
            if matches!(w, "-" | "(" | ")" | "—" | "–") {
                break;
            }
            if s.is_prep(w)
                || matches!(w, "the" | "a" | "an" | "," | "and" | "of")
                || s.lx.is("light_verb", w)
            {
                break;
            }
            gap += 1;
        }
        // "the use of barrel bombs by the Assad forces"
        if out.actor1.is_none() {
            if let Some((f, a, _)) = pp_right(s, last + 1, rb, "by", 8) {
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor1:by-PP",
                });
            }
        }
        // "the regime launched airstrikes": subject of a light verb. A
        // nominal that is the topic of another nominal event ("a summit on
        // the unrest in Iran", "talks about the fighting") is not the
        // subject's act.
        // The topic may follow the nominal's place ("a summit in Switzerland
        // on the unrest in Iran").
        let topic = s.head_prep(first).is_some_and(|(pi, w)| {
            // (A country named as an actor is that place too.)
            let country = |k: usize| {
                s.actor_of[k]
                    .and_then(|a| s.actors.get(a))
                    .is_some_and(|x| x.sector.is_none() && x.code.len() == 3)
            };
            let mut k = pi;
            while k > 0 && (s.place_of[k - 1].is_some() || country(k - 1)) {
                k -= 1;
            }
            if k < pi && k > 1 && matches!(s.words[k - 1], "in" | "at") {
                k -= 1;
            }
            matches!(w, "on" | "about" | "over" | "regarding" | "concerning")
                && k > 0
                && s.lx.trigger_at(&s.words, k - 1, false).is_some()
        });
        if out.actor1.is_none() && !topic {
            let light = (lb..first).any(|k| s.lx.cue_at("light_verb", &s.words, k).is_some());
            if let Some((f, a)) = subject_first(s, lb, first).or_else(|| subject_left(s, lb, first))
            {
                let rule = if light {
                    "actor1:light-verb-subject"
                } else {
                    "actor1:clause-subject"
                };
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule,
                });
                // "Syrian rebels engaged Filipino peacekeepers in a firefight": the
                // verb's object, between the subject and the nominal, is the other side.
                if let Some((_, l, _)) = s.actor_extent(f) {
                    let mut k = l + 1;
                    while k < first {
                        if let Some((f2, l2, a2)) = s.actor_extent(k) {
                            let oblique = s.head_prep(f2).is_some_and(|(_, w)| s.is_prep(w));
                            // "ISIS and regime forces launched …": coordinated subjects.
                            let coordinated =
                                f2 > 0 && matches!(s.words[f2 - 1], "and" | "," | "or");
                            // "Vietnamese-led forces": a head right after the
                            // subject is part of it, not a verb's object.
                            let adjacent = f2 == l + 1;
                            let weapon =
                                s.lx.cue_ending_at("light_verb", &s.words, f2 - 1).is_some();
                            if a2 != a && !oblique && !coordinated && !adjacent && !weapon {
                                out.actor2 = Some(Arg {
                                    index: a2,
                                    tok: f2,
                                    rule: "actor2:verb-object-before-nominal",
                                });
                                break;
                            }
                            k = l2 + 1;
                            continue;
                        }
                        k += 1;
                    }
                }
            }
        }
        // "airstrikes on al-Bab", "clashes with ISIS", "attack against rebels".
        let class = if role.is_symmetric() {
            "with_prep"
        } else {
            "target_prep"
        };
        if let Some((f, a, _)) = pp_right(s, last + 1, rb, class, 8) {
            let rule = if role.is_symmetric() {
                "actor2:with-PP"
            } else {
                "actor2:target-PP"
            };
            if out.actor1.map(|x| x.index) != Some(a) && out.actor2.is_none() {
                out.actor2 = Some(Arg {
                    index: a,
                    tok: f,
                    rule,
                });
            }
            // "coordination between X and Y", "clashes between X and Y".
            if role.is_symmetric() && s.head_prep(f).is_some_and(|(_, w)| w == "between") {
                if let Some((_, mut l, _)) = s.actor_extent(f) {
                    // "between the Sudanese Armed Forces (SAF) and the RSF":
                    // a bracketed short name belongs to X.
                    if s.words.get(l + 1) == Some(&"(") {
                        if let Some(c) = (l + 2..(l + 5).min(s.len())).find(|&c| s.words[c] == ")")
                        {
                            l = c;
                        }
                    }
                    if s.words.get(l + 1) == Some(&"and") {
                        if let Some((f2, _, a2)) = s.actor_extent(l + 2).or_else(|| {
                            s.words
                                .get(l + 2)
                                .filter(|w| **w == "the")
                                .and_then(|_| s.actor_extent(l + 3))
                        }) {
                            if a2 != a {
                                out.actor1 = Some(Arg {
                                    index: a,
                                    tok: f,
                                    rule: "actor1:between-X-and-Y",
                                });
                                out.actor2 = Some(Arg {
                                    index: a2,
                                    tok: f2,
                                    rule: "actor2:between-X-and-Y",
                                });
                            }
                        }
                    }
                }
            }
        }
    } else if passive {
        if let Some((f, a)) = subject_left(s, lb, first) {
            let (f, a, rule) = match first_conjunct(s, lb, f, a) {
                Some((f0, a0)) => (f0, a0, "actor2:passive-subject-first-conjunct"),
                None => (f, a, "actor2:passive-subject"),
            };
            out.actor2 = Some(Arg {
                index: a,
                tok: f,
                rule,
            });
        }
        if let Some((f, a, _)) = pp_right(s, last + 1, rb, "by", 6) {
            out.actor1 = Some(Arg {
                index: a,
                tok: f,
                rule: "actor1:passive-by",
            });
        } else if matches!(role, Role::Remote | Role::Violence) {
            // "a mortar bomb was fired at Israel from the Gaza Strip": with
            // no by-agent, the territory a weapon was fired from is its
            // side (PETRARCH: PSEGZA).
            let from = pp_right_word(s, last + 1, rb, "from", 6);
            // A territory: a country-coded mention with no sector.
            let territory = |a: usize| {
                s.actors
                    .get(a)
                    .is_some_and(|x| x.country.is_some() && x.sector.is_none())
            };
            if let Some((f, a, _)) = from.filter(|&(_, a, _)| territory(a)) {
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor1:passive-fired-from",
                });
            }
        }
    } else {
        if let Some((f, a)) = subject_left(s, lb, first) {
            // "Israeli helicopters and tanks shelled …": a sector-only last
            // conjunct defers to a coded first one.
            let head_conj = (!role.is_symmetric())
                .then(|| first_conjunct(s, lb, f, a))
                .flatten();
            let (f, a, rule) = match (coded_conjunct(s, lb, f, a), head_conj) {
                (Some((f0, a0)), _) => (f0, a0, "actor1:subject-coded-conjunct"),
                (None, Some((f0, a0))) => (f0, a0, "actor1:subject-first-conjunct"),
                (None, None) => (f, a, "actor1:subject"),
            };
            out.actor1 = Some(Arg {
                index: a,
                tok: f,
                rule,
            });
        }
        if role.is_symmetric() {
            if let Some((f, a, _)) = pp_right(s, last + 1, rb, "with_prep", 8) {
                out.actor2 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor2:with-PP",
                });
            }
        }
        if out.actor2.is_none() {
            if let Some((f, a, prep)) = object_right(s, last + 1, rb, 7) {
                // "at the Georgian government" is a target; "at Aleppo" a place.
                let is_place_prep = prep.is_some_and(|p| {
                    matches!(p, "in" | "near" | "from" | "around" | "across" | "by")
                        || (p == "at" && (!role.is_violent() || toponym_like(s, f, a)))
                });
                // "rejected an offer from Kabul", "seized weapons from the
                // rebels", "rejected calls by Belarus's rulers": a from/by
                // phrase inside the verb's object names the other side
                // (not a bare place: "withdrew troops from Syria").
                let of_object = matches!(prep, Some("from" | "by"))
                    && s.head_prep(f).is_some_and(|(pi, _)| {
                        pi > last + 1
                            && (last + 1..pi)
                                .all(|g| !s.is_boundary(g) && !matches!(s.words[g], "," | ";"))
                    })
                    && !toponym_like(s, f, a);
                let rule = if of_object {
                    "actor2:object-from-by"
                } else {
                    "actor2:object"
                };
                if (!is_place_prep || of_object) && out.actor1.map(|x| x.index) != Some(a) {
                    out.actor2 = Some(Arg {
                        index: a,
                        tok: f,
                        rule,
                    });
                }
            }
        }
    }
    // Coordination: "X and Y clashed", "Hungarian and Romanian officials agreed".
    // Only a subject: "support from Moscow and Beijing" names one side.
    if role.is_symmetric() && out.actor2.is_none() {
        if let Some(a1) = out.actor1.filter(|a| a.tok < first) {
            let mut k = a1.tok;
            // "Brazil and the United States".
            if k >= 1 && s.lx.is("possessive_det", s.words[k - 1]) {
                k -= 1;
            }
            // "X and Y", "X, Y", "X, and Y".
            let gap = if k >= 3 && s.words[k - 1] == "and" && s.words[k - 2] == "," {
                3
            } else {
                2
            };
            if k >= gap && matches!(s.words[k - 1], "and" | ",") {
                k -= gap;
                if let Some((f, _, a)) = s.actor_extent(k) {
                    if a != a1.index && f >= lb {
                        out.actor2 = Some(Arg {
                            rule: "actor2:coordination",
                            ..a1
                        });
                        out.actor1 = Some(Arg {
                            index: a,
                            tok: f,
                            rule: "actor1:coordination",
                        });
                    }
                }
            }
        }
    }
    // "Syria offered its troops to Lebanon": when the direct object is not a
    // country-level actor (troops, aid, military), the "to X" recipient is actor2.
    if !nominal && !passive {
        let generic = out.actor2.is_none_or(|a| {
            s.actors
                .get(a.index)
                .is_none_or(|x| x.code.starts_with("---"))
        });
        if generic {
            if let Some((f, a, _)) = pp_right_word(s, last + 1, rb, "to", 10) {
                if out.actor1.map(|x| x.index) != Some(a) {
                    out.actor2 = Some(Arg {
                        index: a,
                        tok: f,
                        rule: "actor2:recipient-to-PP",
                    });
                }
            }
        }
    }
    // "Hungary has said it will support …": a pronoun subject refers to the
    // subject of the reporting clause before it.
    if out.actor1.is_none() && !passive && lb > 0 {
        // ("fired at it": after a preposition a pronoun is no subject.)
        let pronoun = (lb..first).any(|k| {
            matches!(s.words[k], "it" | "they" | "he" | "she" | "we")
                && (k == 0 || !s.is_prep(s.words[k - 1]))
        });
        if pronoun {
            if let Some((f, a)) = subject_left(s, 0, lb) {
                // "Obama and Putin said they will …": the first conjunct.
                let rlb = s.clause_start(f);
                let (f, a) = first_conjunct(s, rlb, f, a).unwrap_or((f, a));
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor1:pronoun-to-reporting-subject",
                });
            }
        }
    }
    // "Italy announced a suspension of air links", "NATO confirmed the naval
    // blockade": a nominal that is the direct object of a reporting verb takes
    // that verb's subject (the announcement is the act).
    if out.actor1.is_none() && nominal && lb > 0 && s.lx.is("report", s.words[lb - 1]) {
        let np_only = first - lb <= 4
            && (lb..first)
                .all(|k| s.actor_of[k].is_none() && !s.is_boundary(k) && s.words[k] != ",");
        if np_only {
            let rlb = s.clause_start(lb - 1);
            if let Some((f, a)) = subject_left(s, rlb, lb - 1) {
                out.actor1 = Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor1:subject-of-reporting-verb",
                });
            }
        }
    }
    // "70 people died": the subject of an intransitive casualty verb is the victim.
    if matches!(role, Role::Kill | Role::Injure) && s.lx.is("intransitive", s.words[first]) {
        if let Some(a1) = out.actor1.take() {
            if out.actor2.is_none() {
                out.actor2 = Some(Arg {
                    rule: "actor2:intransitive-subject",
                    ..a1
                });
            }
        }
    }
    if out.object_tok.is_none() && !passive {
        out.object_tok = Some(last + 1);
    }
    out
}

/// PLOVER/PETRARCH recipient when the event has no explicit target: the
/// country of a toponym in a locative PP after the trigger ("arrived in
/// Amman" → JOR, "a curfew in Abidjan" → CIV), else before it in the same
/// clause. ACLED leaves actor2 empty in such cases, so this is kept apart
/// from `actor2`.
pub fn place_recipient(s: &Sent, first: usize, last: usize) -> Option<Arg> {
    place_country(s, first, last, RECIPIENT_PLACE)
}

/// The country of a toponym introduced by a preposition of the word class `preps` after the trigger,
/// else before it in the same clause.
fn place_country(s: &Sent, first: usize, last: usize, preps: &str) -> Option<Arg> {
    let lb = s.clause_start(first);
    let rb = (s.clause_end(last) + 6).min(s.len());
    // A locative preposition up to 4 words back, over modifiers ("to war-torn
    // Mozambique") and place nouns ("in the northern city of Kirkuk").
    let locative = |f: usize| {
        let mut k = f;
        let mut steps = 0;
        while k > 0 && steps < 5 {
            k -= 1;
            steps += 1;
            let w = s.words[k];
            // "the invasion of South Lebanon", "the shelling of Homs".
            if s.lx.is(preps, w) || w == "of" && k == last + 1 {
                return true;
            }
            let place_of = w == "of" && k > 0 && s.lx.is("territory_noun", s.words[k - 1]);
            if s.is_boundary(k)
                || matches!(w, "," | ";" | "by" | "from" | "with" | "against")
                || (w == "of" && !place_of)
                || s.actor_of[k].is_some()
            {
                return false;
            }
        }
        false
    };
    // A region of a country ("Gaza Strip" PSEGZA) is a place too.
    let region = |a: usize| {
        s.actors
            .get(a)
            .is_some_and(|x| x.sector.is_none() && x.country.is_some() && x.code.len() == 6)
    };
    let scan = |range: std::ops::Range<usize>| -> Option<Arg> {
        let mut k = range.start;
        while k < range.end {
            if let Some((f, l, a)) = s.actor_extent(k) {
                if (toponym_like(s, f, a) || region(a))
                    && locative(f)
                    && !modifies_trigger(s, l, first)
                {
                    return Some(Arg {
                        index: a,
                        tok: f,
                        rule: "recipient:place-country",
                    });
                }
                k = l + 1;
                continue;
            }
            k += 1;
        }
        None
    };
    scan(last + 1..rb).or_else(|| scan(lb..first))
}

/// Does the country mention `f..=l` modify the trigger at `first` ("in
/// Israeli tank shelling", "after Syrian air strikes")? It then names the
/// perpetrator, not a place: a mention right before the trigger with only
/// lower-case words between ("Palestinian lorries" after "a blockade on"
/// stays a place of the target).
pub fn modifies_trigger(s: &Sent, l: usize, first: usize) -> bool {
    // A verb trigger has no modifiers ("in the Rwandan capital alleged"),
    // and a place noun makes the phrase a place ("the Syrian capital").
    l < first
        && first - l <= 3
        && !s.words[first].ends_with("ed")
        && (l + 1..first).all(|k| {
            s.text(k).starts_with(|c: char| c.is_lowercase())
                && s.words[k].chars().all(|c| c.is_alphabetic() || c == '-')
                && !s.is_prep(s.words[k])
                && !s.lx.is("territory_noun", s.words[k])
        })
}

/// The PLOVER/PETRARCH recipient of `ev` (`EventCoder::plover_recipient`):
/// its `actor2`, else the country of a toponym in a locative PP around the
/// trigger ("troops arrived in Amman" → JOR). ACLED leaves actor2 blank in
/// that case, so `Event::actor2` stays empty and this is offered separately
/// (the PLOVER and PETR2 suites score it).
///
/// A protest, strike or demand that names no target in its own clause
/// takes the first country-coded actor after it ([`purpose_target`]: "a
/// hunger strike to demand the resignation of Algerian President Ben
/// Bella" → DZAGOV); a protest with none at all is domestic: it addresses
/// its own country, the place's ("a rally in Lagos" → NGA, even by
/// Nigerians) or the protesters' ("Egyptian demonstrators rioted" → EGY),
/// as the PLOVER coders do.
pub fn plover_recipient(
    lx: &crate::lexicon::Lexicon,
    doc: &sitrep_core::Doc,
    analysis: &sitrep_core::Analysis,
    ev: &sitrep_core::Event,
) -> Option<sitrep_core::Actor> {
    // A named actor2 is the recipient. A sector-only one ("troops",
    // "refugees": ---MIL, ---REF) takes the country of the place, as
    // PETRARCH does ("aid to refugees in Liberia" → LBRREF).
    let generic = ev.actor2.as_ref().filter(|a| a.code.starts_with("---"));
    let root = |c: &str| c.chars().take(3).collect::<String>();
    let a1_root = ev.actor1.as_ref().map(|a| root(&a.code));
    // "Syria is willing to withdraw its troops from Lebanon", "Britain
    // mobilized army reservists for a war against Iraq": actor1's own
    // forces are its instrument; the recipient is where they go or whom
    // they face.
    let own = ev.actor2.as_ref().filter(|a| {
        matches!(a.sector.as_deref(), Some("MIL" | "COP"))
            && !a.code.starts_with("---")
            && Some(root(&a.code)) == a1_root
    });
    // A threat is addressed to whoever must comply with its condition
    // ("threatened to strike unless Israel rescinded …"), over a place or
    // an instrument read as actor2.
    let threat = ev.plover.event == "THREATEN"
        && ev
            .actor2
            .as_ref()
            .is_none_or(|a| generic.is_some() || own.is_some() || a.sector.is_none());
    if let Some(a) = &ev.actor2 {
        if generic.is_none() && own.is_none() && !threat {
            return Some(a.clone());
        }
    }
    if ev.sentence >= doc.sentences.len() {
        return ev.actor2.clone();
    }
    let s = Sent::new(doc, lx, analysis, ev.sentence);
    let (first, last) = trigger_tokens(&s, ev)?;
    let other_side = |x: &sitrep_core::Actor| {
        x.country.is_some() && !x.code.starts_with("---") && Some(root(&x.code)) != a1_root
    };
    if threat {
        if let Some(x) = conditional_subject(&s, last)
            .and_then(|arg| analysis.actors.get(arg.index))
            .filter(|x| other_side(x))
        {
            let mut x = x.clone();
            x.rule.push_str("+recipient:threat-condition");
            return Some(x);
        }
        if ev.actor2.is_some() && generic.is_none() && own.is_none() {
            return ev.actor2.clone();
        }
    }
    // Where actor1's forces go, or whom they face.
    let destination = || {
        let place = place_country(&s, first, last, DESTINATION);
        let against = pp_right_word(&s, last + 1, s.len(), "against", 16);
        place
            .map(|p| p.index)
            .into_iter()
            .chain(against.map(|(_, a, _)| a))
            .filter_map(|i| analysis.actors.get(i))
            .find(|x| other_side(x))
    };
    if let Some(o) = own {
        if let Some(x) = destination() {
            let mut x = x.clone();
            x.rule.push_str("+recipient:own-forces-destination");
            return Some(x);
        }
        return Some(o.clone());
    }
    // "UN troops withdrew from the Syrian sector": a retreat with no
    // target is addressed to the side it leaves or goes to.
    if ev.actor2.is_none() && ev.plover.event == "RETREAT" {
        if let Some(x) = destination() {
            let mut x = x.clone();
            x.rule.push_str("+recipient:retreat-place");
            return Some(x);
        }
    }
    let protest = ev.plover.event == "PROTEST";
    // "a hunger strike to demand the resignation of X": the target past
    // purpose and manner phrases.
    if generic.is_none() && (protest || ev.plover.event == "REQUEST") {
        let a1 = ev.actor1.as_ref().map(|a| a.span.byte_start);
        if let Some(x) = purpose_target(&s, last)
            .and_then(|arg| analysis.actors.get(arg.index))
            .filter(|x| Some(x.span.byte_start) != a1)
        {
            let mut x = x.clone();
            x.rule.push_str("+recipient:purpose-target");
            return Some(x);
        }
    }
    // A bare place that is actor1's own country is no recipient ("Israel
    // ... in Israel"), except for a protest, which addresses its own
    // country; as the country of a sector-only actor2 it still composes
    // ("Bosnian Serbs demanded a truce with Moslem forces in east Bosnia"
    // → BIHMIL).
    let place = place_recipient(&s, first, last)
        .and_then(|arg| analysis.actors.get(arg.index))
        .filter(|a| {
            generic.is_some() || protest || ev.actor1.as_ref().is_none_or(|x| x.code != a.code)
        });
    match (generic, place) {
        (Some(g), Some(p)) => {
            let mut a = g.clone();
            a.code = format!("{}{}", p.code, &g.code[3..]);
            a.country = Some(p.code.clone());
            a.rule.push_str("+recipient:place-country");
            Some(a)
        }
        (Some(g), None) => {
            // No place: a sector-only target of a country's actor is
            // domestic ("Egyptian police opened fire on demonstrators" →
            // EGYOPP).
            let mut a = g.clone();
            // "withdraw its troops from Lebanon": troops of no stated
            // country with a destination are no target; the destination is.
            let armed = matches!(g.sector.as_deref(), Some("MIL" | "COP"));
            if let Some(x) = armed.then(destination).flatten() {
                let mut x = x.clone();
                x.rule.push_str("+recipient:own-forces-destination");
                return Some(x);
            }
            // A report of someone's attack accuses its perpetrator as the
            // attack codes it: the speaker's country is not the accused's
            // ("the Syrian Observatory said ... an air strike by government
            // forces" → ---MIL, as PETRARCH codes it).
            let reported_attack = ev.rule.contains("cameo-transformation:say(");
            if let Some(c) = ev
                .actor1
                .as_ref()
                .filter(|_| !reported_attack)
                .and_then(|x| x.country.clone())
                .filter(|c| c.len() == 3)
            {
                a.code = format!("{c}{}", &g.code[3..]);
                a.country = Some(c);
                a.rule.push_str("+recipient:actor1-country");
            }
            Some(a)
        }
        (None, Some(p)) => Some(p.clone()),
        (None, None) if ev.plover.event != "ASSAULT" => {
            // A domestic protest, refusal or concession: actor1's own
            // country ("Vice-President Moody Awori has declined to resign" →
            // KEN). Attacks with no named target stay without one.
            let a1 = ev.actor1.as_ref()?;
            // A bare country acting on itself is no recipient ("Ukraine
            // ratified an agreement"); an institution within it is.
            if !protest && a1.sector.is_none() {
                return None;
            }
            let country = a1.country.clone().filter(|c| c.len() == 3)?;
            let mut a = a1.clone();
            a.code = country.clone();
            a.sector = None;
            a.country = Some(country);
            a.rule.push_str("+recipient:domestic");
            Some(a)
        }
        (None, None) => None,
    }
}

/// Every PETRARCH-style (source, target) coding of `ev`, the pair
/// ([`plover_source`], [`plover_recipient`]) first; target `None` is "---".
/// Coordination multiplies codings, as PETRARCH does:
///
/// - coordinated sources ("US and British activists staged a protest",
///   "Obama and Putin said they will attack Iraq"): one coding per named
///   conjunct (`Event::assoc_actor1`) with the same target;
/// - coordinated targets: one coding per named conjunct of actor2;
/// - a symmetric event whose sides are conjuncts ("The US, Russia, and
///   Switzerland met"): every ordered pair of the participants, or, when a
///   locative names a place of another country, each participant with that
///   country ("Obama and Putin will meet in Zurich" → USAGOV–CHE, RUSGOV–CHE).
///
/// Empty when the event has no source.
pub fn plover_pairs(
    lx: &crate::lexicon::Lexicon,
    doc: &sitrep_core::Doc,
    analysis: &sitrep_core::Analysis,
    ev: &sitrep_core::Event,
) -> Vec<(sitrep_core::Actor, Option<sitrep_core::Actor>)> {
    use sitrep_core::Actor;
    let Some(src) = plover_source(lx, doc, analysis, ev) else {
        return Vec::new();
    };
    let tgt = plover_recipient(lx, doc, analysis, ev);
    // A participant with a country or an organisation code ("Reuters",
    // a bare MED, is no conjunct of a meeting).
    let named = |a: &&Actor| {
        !a.code.starts_with("---")
            && (a.country.is_some() || sitrep_actors::codes::org_class(&a.code).is_some())
    };
    let mut out: Vec<(Actor, Option<Actor>)> = vec![(src.clone(), tgt.clone())];
    let push = |out: &mut Vec<(Actor, Option<Actor>)>, a: Actor, b: Option<Actor>| {
        let same = |x: &(Actor, Option<Actor>)| {
            x.0.code == a.code && x.1.as_ref().map(|y| &y.code) == b.as_ref().map(|y| &y.code)
        };
        let reflexive = b.as_ref().is_some_and(|b| b.code == a.code);
        if !reflexive && !out.iter().any(same) {
            out.push((a, b));
        }
    };
    // The conjuncts of each side: the parse's associates, and the window's
    // ("X, Y, and Z") when the sentence was not parsed.
    let sent =
        (ev.sentence < doc.sentences.len()).then(|| Sent::new(doc, lx, analysis, ev.sentence));
    let window_group = |side: Option<&Actor>| -> Vec<Actor> {
        let (Some(s), Some(x)) = (sent.as_ref(), side) else {
            return Vec::new();
        };
        let Some(f) = (0..s.len()).find(|&k| {
            doc.tokens
                .get(s.tok(k))
                .is_some_and(|t| t.start == x.span.byte_start)
        }) else {
            return Vec::new();
        };
        coordination_group(s, f)
            .into_iter()
            .filter_map(|i| analysis.actors.get(i).cloned())
            .collect()
    };
    let group1: Vec<Actor> = ev
        .assoc_actor1
        .iter()
        .cloned()
        .chain(window_group(ev.actor1.as_ref()))
        .collect();
    let group2: Vec<Actor> = ev
        .assoc_actor2
        .iter()
        .cloned()
        .chain(window_group(ev.actor2.as_ref()))
        .collect();
    let conjoined_sides = ["actor1:coordination", "parse:actor2:coordination"]
        .iter()
        .any(|r| ev.rule.contains(r));
    if conjoined_sides {
        let mut parts: Vec<Actor> = Vec::new();
        for a in ev
            .actor1
            .iter()
            .chain(ev.actor2.iter())
            .chain(group1.iter())
            .chain(group2.iter())
            .filter(named)
        {
            if parts.iter().all(|p| p.code != a.code) {
                parts.push(a.clone());
            }
        }
        let place = sent
            .as_ref()
            .and_then(|s| {
                let (first, last) = trigger_tokens(s, ev)?;
                place_country(s, first, last, LOCATIVE)
            })
            .and_then(|p| analysis.actors.get(p.index))
            .filter(|p| parts.iter().all(|x| x.country != p.country));
        out.clear();
        match place {
            Some(p) => {
                let mut p = p.clone();
                p.rule.push_str("+pair:place-country");
                for a in &parts {
                    push(&mut out, a.clone(), Some(p.clone()));
                }
            }
            None => {
                for a in &parts {
                    for b in &parts {
                        push(&mut out, a.clone(), Some(b.clone()));
                    }
                }
            }
        }
        if out.is_empty() {
            out.push((src, tgt));
        }
        return out;
    }
    let same = |a: &Actor, b: &Option<Actor>| b.as_ref().is_some_and(|b| b.span == a.span);
    for a in group1.iter().filter(named) {
        if !same(a, &ev.actor1) {
            push(&mut out, a.clone(), tgt.clone());
        }
    }
    for b in group2.iter().filter(named) {
        if !same(b, &ev.actor2) {
            push(&mut out, src.clone(), Some(b.clone()));
        }
    }
    out
}

/// The first country-coded actor of an "unless"/"if" clause after the
/// trigger: the party a threat or ultimatum addresses.
fn conditional_subject(s: &Sent, last: usize) -> Option<Arg> {
    let k0 = (last + 1..s.len()).find(|&k| matches!(s.words[k], "unless" | "if"))?;
    let mut k = k0 + 1;
    while k < s.len().min(k0 + 10) {
        if matches!(s.words[k], ";" | ",") || s.lx.is("report", s.words[k]) {
            break;
        }
        if let Some((f, l, a)) = s.actor_extent(k) {
            if s.actors
                .get(a)
                .is_some_and(|x| !x.code.starts_with("---") && x.country.is_some())
            {
                return Some(Arg {
                    index: a,
                    tok: f,
                    rule: "recipient:threat-condition",
                });
            }
            k = l + 1;
            continue;
        }
        k += 1;
    }
    None
}

/// Word classes of `data/events/cues.tsv` naming the prepositions of a
/// place: `locative_prep` places an event ("in", "near"; not "to": "travel
/// to Canada" names no place where it happened); `recipient_place_prep` adds
/// motion towards and "on" (the place's country is the recipient when no
/// target is named, [`place_recipient`]); `destination_prep` is where
/// actor1's forces go or come from.
const LOCATIVE: &str = "locative_prep";
const RECIPIENT_PLACE: &str = "recipient_place_prep";
const DESTINATION: &str = "destination_prep";

/// Local token range of the trigger of `ev` in its sentence `s`.
fn trigger_tokens(s: &Sent, ev: &sitrep_core::Event) -> Option<(usize, usize)> {
    let doc = s.doc;
    let first = (0..s.len()).find(|&k| {
        doc.tokens
            .get(s.tok(k))
            .is_some_and(|t| t.start == ev.trigger.byte_start)
    })?;
    let last = (first..s.len())
        .take_while(|&k| {
            doc.tokens
                .get(s.tok(k))
                .is_some_and(|t| t.end <= ev.trigger.byte_end)
        })
        .last()
        .unwrap_or(first);
    Some((first, last))
}

/// The PLOVER/PETRARCH source of `ev` (`EventCoder::plover_source`): its
/// `actor1`; a sector-only one ("officials", "workers", ---GOV, ---LAB)
/// takes the country named inside its own noun phrase ("Montenegro
/// Municipality Association officials" → MNEGOV, "workers affiliated with
/// the Serbian Workers' Union" → SRBLAB, "Algeria's leading human rights
/// activist" → DZAOPP), else the country of the event's place ("people
/// blocked streets in Hong Kong" → HKGCVL). With no actor1 at all, the
/// country of the place is the source, as PLOVER and PETRARCH code it
/// ("a car bomb explosion in Beirut" → LBN, "10 Russian soldiers killed in
/// Ukraine" → UKR). ACLED leaves an unknown perpetrator blank, so
/// `Event::actor1` is not changed.
pub fn plover_source(
    lx: &crate::lexicon::Lexicon,
    doc: &sitrep_core::Doc,
    analysis: &sitrep_core::Analysis,
    ev: &sitrep_core::Event,
) -> Option<sitrep_core::Actor> {
    let generic = ev.actor1.as_ref().filter(|a| a.code.starts_with("---"));
    if ev.actor1.is_some() && generic.is_none() || ev.sentence >= doc.sentences.len() {
        return ev.actor1.clone();
    }
    let s = Sent::new(doc, lx, analysis, ev.sentence);
    let Some((first, last)) = trigger_tokens(&s, ev) else {
        return ev.actor1.clone();
    };
    let country_coded = |a: usize| {
        analysis
            .actors
            .get(a)
            .is_some_and(|x| x.country.is_some() && x.code.len() >= 3)
    };
    if let Some(g) = generic {
        // The subject's own noun phrase: from a few words before the
        // mention to the trigger, not past a clause boundary, a coordinator
        // (another subject) or a preposition that starts an oblique.
        let f = (0..s.len()).find(|&k| {
            doc.tokens
                .get(s.tok(k))
                .is_some_and(|t| t.start == g.span.byte_start)
        });
        if let Some(f) = f.filter(|&f| f < first) {
            let lb = s.clause_start(f).max(f.saturating_sub(4));
            let mut found = None;
            let mut k = lb;
            while k < first && found.is_none() {
                if let Some((f2, l2, a2)) = s.actor_extent(k) {
                    let coordinated = f2 > 0 && matches!(s.words[f2 - 1], "and" | "or");
                    let oblique = s.head_prep(f2).is_some_and(|(pi, w)| {
                        pi > f && matches!(w, "by" | "against" | "on" | "at" | "to" | "from")
                    });
                    if f2 != f && country_coded(a2) && !coordinated && !oblique {
                        found = Some(a2);
                    }
                    k = l2 + 1;
                    continue;
                }
                if k > f && (s.is_boundary(k) || matches!(s.words[k], ";" | ":")) {
                    break;
                }
                k += 1;
            }
            // "Bosnian Serbs said their forces had completed their
            // withdrawal": a possessive pronoun points to the subject of the
            // reporting clause before it.
            if found.is_none() && f > 0 && matches!(s.words[f - 1], "its" | "their") {
                let lb0 = s.clause_start(f);
                found = (lb0 > 0)
                    .then(|| subject_left(&s, 0, lb0))
                    .flatten()
                    .map(|(_, a)| a)
                    .filter(|&a| country_coded(a));
            }
            let place = || {
                place_country(&s, first, last, LOCATIVE)
                    .map(|p| p.index)
                    .filter(|&i| country_coded(i))
            };
            if let Some(x) = found.or_else(place).and_then(|i| analysis.actors.get(i)) {
                let root: String = x.code.chars().take(3).collect();
                let mut a = g.clone();
                a.code = format!("{root}{}", &g.code[3..]);
                a.country = Some(root);
                a.rule.push_str("+source:country-in-phrase");
                return Some(a);
            }
        }
        return ev.actor1.clone();
    }
    // No actor1: the place's country, for an event with a named participant
    // ("a pause in the bombing in Aleppo" names none and stays uncoded).
    ev.actor2.as_ref()?;
    // "… when they blew themselves up in Tel Aviv": a pronoun subject names
    // an actor elsewhere, not the place.
    let lb = s.clause_start(first);
    if (lb..first).any(|k| matches!(s.words[k], "they" | "he" | "she" | "it" | "we")) {
        return None;
    }
    let p = place_country(&s, first, last, LOCATIVE)?;
    let mut a = analysis.actors.get(p.index)?.clone();
    a.rule.push_str("+source:place-country");
    Some(a)
}

/// PLOVER/PETRARCH target of a protest, strike or demand that names none
/// in its own clause: the first country-coded actor after the trigger (last token `last`) in the
/// sentence, past purpose and manner phrases ("a hunger strike to demand the
/// resignation of Algerian President Ben Bella" → DZAGOV, "in protest of the
/// Russian government's refusal", "in defiance of Chinese authorities",
/// "demonstrations against the Israeli military"). Places ("in Lagos"),
/// "by" agents and sector-only actors ("workers") are skipped; a reporting
/// verb ("…, officials said") ends the search. [`plover_recipient`] calls
/// it for PROTEST and REQUEST events with no actor2.
pub fn purpose_target(s: &Sent, last: usize) -> Option<Arg> {
    let mut k = last + 1;
    while k < s.len() {
        // "…, Nigerian officials said": the reporting clause is no target.
        let reporting_tail = s.words[k] == ","
            && (k + 1..(k + 6).min(s.len())).any(|g| s.lx.is("report", s.words[g]));
        if s.words[k] == ";" || s.lx.is("report", s.words[k]) || reporting_tail {
            break;
        }
        if let Some((f, l, a)) = s.actor_extent(k) {
            let prep = s.head_prep(f).map(|(_, w)| w);
            let skip = toponym_like(s, f, a)
                || matches!(
                    prep,
                    Some("in" | "at" | "near" | "outside" | "by" | "inside")
                )
                || s.actors.get(a).is_none_or(|x| x.code.starts_with("---"));
            if !skip {
                return Some(Arg {
                    index: a,
                    tok: f,
                    rule: "actor2:purpose-target",
                });
            }
            k = l + 1;
            continue;
        }
        k += 1;
    }
    None
}

/// The weapon named for the trigger `first..=last`: a `weapon.<kind>` cue in
/// the trigger itself ("barrel bombs", "drone strike"), else the nearest one
/// in its clause ("shelled the town with artillery", "warplanes bombed").
/// Returns the local token range, the kind and the rule.
pub fn weapon<'a>(
    s: &Sent<'a>,
    first: usize,
    last: usize,
) -> Option<(usize, usize, &'a str, &'static str)> {
    let lx = s.lx;
    let found = |k: usize| {
        lx.weapon_at(&s.words, k)
            .map(|(n, kind)| (k, k + n - 1, kind))
    };
    // Inside the trigger (a cue may start before it: "barrel bombs" for "bombs").
    for k in first.saturating_sub(2)..=last {
        if let Some((f, l, kind)) = found(k) {
            if l >= first && f <= last {
                return Some((f, l, kind, "trigger"));
            }
        }
    }
    let lb = s.clause_start(first);
    let rb = s.clause_end(last);
    let mut best: Option<(usize, (usize, usize, &str))> = None;
    for k in lb..rb {
        if (first..=last).contains(&k) || s.actor_of[k].is_some() {
            continue;
        }
        if let Some(w) = found(k) {
            let d = k.abs_diff(first);
            if best.as_ref().is_none_or(|(b, _)| d < *b) {
                best = Some((d, w));
            }
        }
    }
    best.map(|(_, (f, l, kind))| (f, l, kind, "clause"))
}

#[cfg(test)]
mod tests {
    use sitrep_core::{Analysis, Doc, Stage};

    /// actor1 and actor2 codes of the first event, window rules only (no parse layer).
    fn sides(text: &str) -> (Option<String>, Option<String>) {
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        sitrep_actors::ActorTagger::load_default()
            .expect("actors load")
            .annotate(&doc, &mut a);
        crate::EventCoder::load_default()
            .expect("events load")
            .annotate(&doc, &mut a);
        let e = a.events.first().expect("an event");
        (
            e.actor1.as_ref().map(|x| x.code.clone()),
            e.actor2.as_ref().map(|x| x.code.clone()),
        )
    }

    #[test]
    fn protests_find_their_target_past_purpose_clauses() {
        let coder = crate::EventCoder::load_default().expect("events load");
        let target = |text: &str, trigger: &str| {
            let doc = Doc::new("t", text);
            let mut a = Analysis::default();
            sitrep_actors::ActorTagger::load_default()
                .expect("actors load")
                .annotate(&doc, &mut a);
            let s = crate::sentence::Sent::new(&doc, &coder.lx, &a, 0);
            let k = (0..s.len())
                .find(|&k| s.words[k] == trigger)
                .expect("trigger");
            super::purpose_target(&s, k).and_then(|x| a.actors.get(x.index).map(|x| x.code.clone()))
        };
        assert_eq!(
            target(
                "Islamic fundamentalists continued their hunger strike to demand the resignation of Algerian President Ahmed Ben Bella.",
                "strike"
            )
            .as_deref(),
            Some("DZAGOV")
        );
        // A place, a by-agent and a reporting clause are no target.
        assert_eq!(
            target(
                "Thousands rallied in Lagos on Sunday, Nigerian officials said.",
                "rallied"
            ),
            None
        );
    }

    /// The text with its actors and events coded, and the coder.
    fn coded(text: &str) -> (Doc, Analysis, crate::EventCoder) {
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        sitrep_actors::ActorTagger::load_default()
            .expect("actors load")
            .annotate(&doc, &mut a);
        let coder = crate::EventCoder::load_default().expect("events load");
        coder.annotate(&doc, &mut a);
        (doc, a, coder)
    }

    /// PLOVER source and recipient codes of the first event with an actor
    /// (window rules only, no parse layer).
    fn plover_sides(text: &str) -> (Option<String>, Option<String>) {
        let (doc, a, coder) = coded(text);
        let e = a
            .events
            .iter()
            .find(|e| e.actor1.is_some() || e.actor2.is_some())
            .expect("an event with an actor");
        (
            coder.plover_source(&doc, &a, e).map(|x| x.code),
            coder.plover_recipient(&doc, &a, e).map(|x| x.code),
        )
    }

    #[test]
    fn plover_sides_follow_the_domestic_and_place_conventions() {
        // A protest with no target addresses its own country.
        let (s, r) = plover_sides("Egyptian demonstrators rioted in the capital on Friday.");
        assert_eq!((s.as_deref(), r.as_deref()), (Some("EGYOPP"), Some("EGY")));
        // ... and a named target past a purpose clause wins.
        let (_, r) = plover_sides(
            "Islamic fundamentalists continued their hunger strike to demand the resignation of Algerian President Ahmed Ben Bella.",
        );
        assert_eq!(r.as_deref(), Some("DZAGOV"));
        // A sector-only target of a country's forces is domestic.
        let (_, r) = plover_sides("Egyptian police opened fire on demonstrators on Monday night.");
        assert_eq!(r.as_deref(), Some("EGYOPP"));
        // A sector-only source takes the country inside its own phrase.
        let (s, _) = plover_sides(
            "Some 500,000 workers affiliated with the Serbian Workers' Union stopped work on Monday.",
        );
        assert_eq!(s.as_deref().map(|c| &c[..3]), Some("SRB"));
        // No actor1: the place's country, when the event names a participant.
        let (s, _) = plover_sides(
            "A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.",
        );
        assert_eq!(s.as_deref(), Some("IRQ"));
        // A possessive pronoun points to the subject of the reporting clause.
        let (s, _) = plover_sides(
            "Bosnian Serbs said on Tuesday their forces had completed their withdrawal from the town.",
        );
        assert_eq!(s.as_deref().map(|c| &c[..3]), Some("BIH"));
        // A threat addresses the party of its condition.
        let (_, r) = plover_sides(
            "Russia has threatened to stop negotiations if the United States goes ahead with the deployment.",
        );
        assert_eq!(r.as_deref(), Some("USA"));
        // Own forces are no recipient: where they go is.
        let (_, r) =
            plover_sides("Syria says it will withdraw its troops from neighboring Lebanon.");
        assert_eq!(r.as_deref(), Some("LBN"));
        // A refusal by an institution with no target is domestic; a bare
        // country acting on itself gets no recipient.
        let (_, r) = plover_sides("Vice-President Moody Awori has declined to resign.");
        assert_eq!(r.as_deref(), Some("KEN"));
        let (_, r) = plover_sides("Ukraine ratified a sweeping agreement on Tuesday.");
        assert_eq!(r, None);
        // "of" right after a nominal trigger places it.
        let (_, r) =
            plover_sides("Israel today mounted its long-threatened invasion of South Lebanon.");
        assert_eq!(r.as_deref(), Some("LBN"));
        // A goal of "help"/"travel to" is no place of the event.
        let (s, _) = plover_sides("Congress is asking Obama to help Iran.");
        assert_ne!(s.as_deref().map(|c| &c[..3]), Some("IRN"));
    }

    #[test]
    fn a_weapon_fired_from_a_territory_with_no_agent_is_that_sides() {
        // Sentences written for this test.
        let side = |text: &str| {
            let (_, a, _) = coded(text);
            a.events
                .iter()
                .find(|e| e.trigger.text == "fired at")
                .and_then(|e| e.actor1.as_ref().map(|x| x.code.clone()))
        };
        assert_eq!(
            side("Two rockets were fired at Israel from Lebanon on Sunday.").as_deref(),
            Some("LBN")
        );
        // A by-agent is the attacker.
        let by = side("Two rockets were fired at Israel from Lebanon by Hezbollah on Sunday.");
        assert_ne!(by.as_deref(), Some("LBN"));
    }

    #[test]
    fn a_reported_attack_accuses_its_perpetrator_as_the_attack_codes_it() {
        // Sentences written for this test: the speaker's country is not
        // given to the accused "government forces" (PETRARCH's ---MIL),
        // while a material act on a sector-only target stays domestic.
        let Ok(parser) = sitrep_syntax::Parser::load_default() else {
            eprintln!("skipped: no syntax model");
            return;
        };
        let doc = Doc::new(
            "t",
            "Syrian activists said five people were killed in an air strike by government forces near the market.",
        );
        let mut a = Analysis {
            parses: sitrep_core::ParseCache::new(Some(std::sync::Arc::new(parser))),
            ..Analysis::default()
        };
        sitrep_actors::ActorTagger::load_default()
            .expect("actors load")
            .annotate(&doc, &mut a);
        let coder = crate::EventCoder::load_default().expect("events load");
        coder.annotate(&doc, &mut a);
        let accuse: Vec<_> = a
            .events
            .iter()
            .filter(|e| e.rule.contains("cameo-transformation:say("))
            .map(|e| coder.plover_recipient(&doc, &a, e).map(|x| x.code))
            .collect();
        assert_eq!(accuse, vec![Some("---MIL".to_string())], "{:#?}", a.events);
        let (_, r) = plover_sides("Syrian police opened fire on demonstrators on Monday night.");
        assert_eq!(r.as_deref(), Some("SYROPP"));
    }

    /// Every PETRARCH-style (source, target) pair of all events (window
    /// and tree rules as in the pipeline, which parses on demand).
    fn pairs(text: &str) -> Vec<(String, String)> {
        let (doc, a, coder) = coded(text);
        let mut out: Vec<(String, String)> = a
            .events
            .iter()
            .flat_map(|e| super::plover_pairs(coder.lexicon(), &doc, &a, e))
            .map(|(s, t)| (s.code, t.map_or_else(|| "---".to_string(), |t| t.code)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn pair(s: &str, t: &str) -> (String, String) {
        (s.to_string(), t.to_string())
    }

    #[test]
    fn victims_take_the_place_country_not_the_weapon_adjective() {
        // Sentences written for this test. The first conjunct of the
        // victims is actor2; "Israeli" modifies the shelling, it is no place.
        let (a1, a2) = sides(
            "Three women and a boy were killed in Israeli artillery shelling in the north of the Gaza Strip on Monday.",
        );
        assert_eq!(
            (a1.as_deref().map(|c| &c[..3]), a2.as_deref()),
            (Some("ISR"), Some("---CVL"))
        );
        let got = pairs(
            "Three women and a boy were killed in Israeli artillery shelling in the north of the Gaza Strip on Monday.",
        );
        assert!(got.contains(&pair("ISRMIL", "PSEGZACVL")), "{got:?}");
        // A real place after "in" still places the event.
        let got = pairs("Two policemen were killed in Syria on Monday.");
        assert!(got.iter().all(|(_, t)| !t.starts_with("ISR")), "{got:?}");
    }

    #[test]
    fn a_sector_only_target_takes_the_country_of_its_from_phrase() {
        // Sentence written for this test (the parse's "from" nmod).
        let got = pairs(
            "The president will meet with exiled dissidents from Burma in Washington on Friday.",
        );
        assert!(got.iter().any(|(_, t)| t == "MMROPP"), "{got:?}");
    }

    #[test]
    fn coordinated_subjects_give_one_coding_each() {
        // The first conjunct is actor1; the others are associates and get a
        // coding of their own.
        let (a1, _) = sides("Obama and Putin said they will bomb Iraq.");
        assert_eq!(a1.as_deref(), Some("USAGOV"));
        let got = pairs("Obama and Putin said they will bomb Iraq.");
        assert!(got.contains(&pair("USAGOV", "IRQ")), "{got:?}");
        assert!(got.contains(&pair("RUSGOV", "IRQ")), "{got:?}");
        // Not across a clause: "shelled Homs and rebels attacked" keeps the rebels.
        let (a1, _) = sides("The army shelled Homs and Syrian rebels attacked the airport.");
        assert_ne!(a1.as_deref(), Some("SYR"));
    }

    #[test]
    fn a_meeting_of_conjuncts_pairs_them_or_goes_to_the_place() {
        let got = pairs("The US, Russia, and Switzerland met yesterday.");
        for (s, t) in [
            ("USA", "RUS"),
            ("RUS", "USA"),
            ("USA", "CHE"),
            ("CHE", "RUS"),
        ] {
            assert!(got.contains(&pair(s, t)), "{s}-{t} not in {got:?}");
        }
        let got = pairs("Obama and Putin will meet in Zurich next week.");
        assert!(got.contains(&pair("USAGOV", "CHE")), "{got:?}");
        assert!(got.contains(&pair("RUSGOV", "CHE")), "{got:?}");
    }

    #[test]
    fn an_appositive_actor_is_no_subject() {
        let (a1, _) = sides(
            "Pakistan, a key U.S. ally in the war against terrorism, has refused to deploy peacekeepers.",
        );
        assert_eq!(a1.as_deref(), Some("PAK"));
        // A participle after its noun, with no auxiliary.
        let (a1, a2) = sides("There were 10 Russian soldiers killed in Ukraine today.");
        assert_eq!((a1, a2.as_deref()), (None, Some("RUSMIL")));
        let (a1, a2) = sides("Rebels killed by government troops were buried.");
        assert_eq!(
            (a1.as_deref(), a2.as_deref()),
            (Some("---MIL"), Some("---REB"))
        );
        // A past tense with its object stays active.
        let (a1, _) = sides("Russian soldiers killed three rebels in Ukraine.");
        assert_eq!(a1.as_deref(), Some("RUSMIL"));
        // A member noun hands the subject to the organisation it names.
        let (a1, _) =
            sides("Fighters of Hayat Tahrir al-Sham attacked army positions near Kafr Nabl.");
        assert_eq!(a1.as_deref(), Some("SYRREBMUS"));
        // A partitive "of" does not make its actor an oblique.
        let (a1, _) = sides("Hundreds of Syrian rebels attacked the police station.");
        assert_eq!(a1.as_deref(), Some("SYRREB"));
        let (a1, _) = sides(
            "French President Francois Mitterrand and a group of deputies held talks with Syrian officials.",
        );
        assert_eq!(a1.as_deref().map(|c| &c[..3]), Some("FRA"));
        // A from/by phrase inside the object names the other side; a bare place does not.
        let (_, a2) = sides("Berlin rejected recent calls by Belarus's rulers for economic aid.");
        assert_eq!(a2.as_deref(), Some("BLRGOV"));
        let (_, a2) = sides("The army seized weapons from Syrian rebels on Monday.");
        assert_eq!(a2.as_deref(), Some("SYRREB"));
        let (_, a2) = sides("The United States seized weapons from Syria on Monday.");
        assert_ne!(a2.as_deref(), Some("SYR"));
        let (a1, _) = sides(
            "The US commander in Iraq, General David Petraeus, held talks with Lebanese officials.",
        );
        assert_eq!(a1.as_deref(), Some("USAMIL"));
        // Without the appositive commas the nearest actor stays the subject.
        let (a1, _) = sides("Pakistan said the U.S. has refused to deploy peacekeepers.");
        assert_eq!(a1.as_deref(), Some("USA"));
    }

    #[test]
    fn a_fronted_place_or_source_is_no_perpetrator() {
        // "In Niger," is where, not who.
        let (a1, _) =
            sides("In Niger, unidentified gunmen abducted a village chief near Tillaberi.");
        assert_ne!(a1.as_deref(), Some("NER"));
        // A coded conjunct still leads an unidentified one.
        let (a1, _) = sides("Syrian troops and gunmen attacked the village on Monday.");
        assert_eq!(a1.as_deref().map(|c| &c[..3]), Some("SYR"));
        // The source of "according to" reports the shelling.
        let (a1, _) = sides(
            "According to local authorities, shelling of the camp killed 20 displaced people.",
        );
        assert_eq!(a1, None);
        let (a1, _) = sides("According to the army, rebels shelled the camp on Monday.");
        assert_eq!(a1.as_deref(), Some("---REB"));
        // With no comma, a new noun phrase after the source's noun is the subject.
        let (a1, _) = sides("According to witnesses the rebels shelled the camp on Monday.");
        assert_eq!(a1.as_deref(), Some("---REB"));
    }
}
