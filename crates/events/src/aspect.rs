//! Aspect: does a coded trigger report one new occurrence, or a habit, a
//! generic statement, a standing state, a tally over a long period,
//! background about an actor, or a reference back to an event the article
//! tells elsewhere? Conflict articles are full of such sentences: "militants
//! often plant bombs on this road", "the insurgency has killed thousands
//! over the past decade", "the town has been under siege for months",
//! "internet access is still blocked", "blood banks appealed for donors
//! after the bombing", "the worst massacre in the region in a decade".
//!
//! Owns that one decision ([`judge`], `aspect:<kind>:<cue>` in `--explain`)
//! and its cue table `data/events/aspect.tsv`; the coder (`lib.rs`) calls it
//! once per built event and drops the event when it returns a rule. It must
//! not touch triggers, typing, arguments, casualties or factuality, nor the
//! dating rules of `newness.rs` (an old year, "last year", trials) that it
//! complements: those date an occurrence, these say there is none.
//!
//! Signals: tense and aspect read from the words and, where the surface is
//! ambiguous, from the parse layer's Penn tags (present simple with a
//! frequency adverb is a habit; a perfect with a long period is a tally; a
//! participle after "still" or "remain" is a state); the trigger's own
//! arguments (a reference back names no party, toll or place of its own);
//! a day-level anchor in the clause ("on Tuesday") keeps an event new.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use sitrep_core::{Event, SentenceParse, TimeExpr};

use crate::lexicon::{Form, Role};
use crate::newness::{self, Cues};
use crate::sentence::Sent;

const TABLE: &str = include_str!("../../../data/events/aspect.tsv");

/// The cue table compiled into the binary (an empty one if it failed to
/// parse; a test keeps it parsing).
fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| Cues::parse_file(TABLE, "aspect.tsv").unwrap_or_default())
}

/// What one trigger's sentence offers the rules.
pub struct Input<'a, 'p> {
    pub s: &'a Sent<'a>,
    pub first: usize,
    pub last: usize,
    pub form: Form,
    pub ev: &'a Event,
    /// The coder's reading of the trigger: violence or not.
    pub violent: bool,
    pub times: &'a [TimeExpr],
    pub published: Option<NaiveDate>,
    /// The parse of the sentence, asked for only when the words cannot tell
    /// the tense.
    pub parse: &'p dyn Fn() -> Option<Arc<SentenceParse>>,
}

/// The tense of the finite verb nearest a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Present,
    Past,
    Modal,
}

/// Penn tags by local token (the first word of each token), read lazily.
struct Tags<'a, 'p> {
    inp: &'a Input<'a, 'p>,
    tags: OnceLock<Vec<Option<String>>>,
}

impl<'a, 'p> Tags<'a, 'p> {
    fn new(inp: &'a Input<'a, 'p>) -> Self {
        Tags {
            inp,
            tags: OnceLock::new(),
        }
    }

    fn get(&self, k: usize) -> Option<&str> {
        let tags = self.tags.get_or_init(|| {
            let s = self.inp.s;
            let mut out = vec![None; s.len()];
            if let Some(p) = (self.inp.parse)().filter(|p| p.sentence == s.index) {
                for w in &p.words {
                    if let Some(k) = w.token.checked_sub(s.base).filter(|&k| k < s.len()) {
                        if out[k].is_none() {
                            out[k] = Some(w.xpos.clone());
                        }
                    }
                }
            }
            out
        });
        tags.get(k).and_then(|t| t.as_deref())
    }
}

/// The tense the word at `j` marks, if it is a finite verb or auxiliary.
fn tense_at(inp: &Input, tags: &Tags, j: usize) -> Option<Tense> {
    let s = inp.s;
    let w = s.words[j];
    match w {
        "is" | "are" | "am" | "has" | "have" | "does" | "do" | "'re" | "'ve" => {
            return Some(Tense::Present)
        }
        "was" | "were" | "had" | "did" => return Some(Tense::Past),
        // "would often attack": a habit of the past, not one occurrence.
        "would" => return Some(Tense::Present),
        "will" | "could" | "can" | "may" | "might" | "should" | "must" | "shall" => {
            return Some(Tense::Modal)
        }
        _ => {}
    }
    if j == inp.first {
        let prev = if j > 0 { s.words[j - 1] } else { "" };
        let infinitive = matches!(prev, "to") || s.lx.is("not_modifier", prev) && prev != "they";
        // The lexicon reads "ambush" and "raid" as nouns too; right after a
        // frequency adverb they are verbs ("gunmen frequently ambush buses").
        let after_adverb = cues().is("habitual", prev);
        match inp.form {
            Form::S => return Some(Tense::Present),
            Form::Noun if after_adverb => return Some(Tense::Present),
            Form::Base if !infinitive => return Some(Tense::Present),
            Form::Ed => return Some(Tense::Past),
            _ => {}
        }
    }
    match tags.get(j) {
        Some("VBP" | "VBZ") => Some(Tense::Present),
        Some("VBD") => Some(Tense::Past),
        Some("MD") => Some(Tense::Modal),
        _ => None,
    }
}

/// The tense of the verb a cue spanning `k..k + n` modifies: the nearest
/// finite verb or auxiliary within three words, inside `lo..hi`.
fn tense_near(inp: &Input, tags: &Tags, k: usize, n: usize, lo: usize, hi: usize) -> Option<Tense> {
    // A noun-phrase adverbial ("almost every week") may stand after the
    // object: the whole clause, nearest first.
    let reach = if n > 1 { hi.saturating_sub(lo) } else { 4 };
    for d in 1..=reach {
        // Before the cue first ("are usually met"), then after it
        // ("often impose").
        if k >= lo + d {
            if let Some(t) = tense_at(inp, tags, k - d) {
                return Some(t);
            }
        }
        let j = k + n - 1 + d;
        if j < hi {
            if let Some(t) = tense_at(inp, tags, j) {
                return Some(t);
            }
        }
    }
    None
}

/// Is the verb at `k` the head of an object relative clause ("the gun he
/// used to kill …", "the truck that the attacker used")? Then the noun
/// before its subject is its object, and "used to" is a purpose, not a
/// habit. Read from word order and tags: the subject noun phrase just before
/// `k` (a pronoun, an actor mention, or nouns back to a determiner), and
/// before it a noun, or "that"/"which" after a noun, with no verb between.
/// A subject relative ("the men who used to attack") keeps its habit.
fn object_relative(inp: &Input, tags: &Tags, k: usize) -> bool {
    let s = inp.s;
    let noun = |j: usize| matches!(tags.get(j), Some("NN" | "NNS" | "NNP" | "NNPS"));
    if k == 0 {
        return false;
    }
    // The start of the subject noun phrase ending at k - 1.
    let mut j = k - 1;
    if let Some(a) = s.actor_of[j] {
        while j > 0 && s.actor_of[j - 1] == Some(a) {
            j -= 1;
        }
    } else if tags.get(j) == Some("PRP") {
    } else if noun(j) {
        // Nouns and modifiers back to a determiner; a common noun before a
        // proper one ends the phrase ("the gun Zimmerman used").
        while j > 0 {
            let p = j - 1;
            let proper_after_common = matches!(tags.get(j), Some("NNP" | "NNPS"))
                && matches!(tags.get(p), Some("NN" | "NNS"));
            if proper_after_common
                || !matches!(
                    tags.get(p),
                    Some("NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "CD" | "DT" | "PRP$" | "POS")
                )
            {
                break;
            }
            j = p;
            if matches!(tags.get(j), Some("DT" | "PRP$")) {
                break;
            }
        }
    } else {
        return false;
    }
    if j == 0 || s.actor_of[j].is_some() && s.actor_of[j - 1] == s.actor_of[j] {
        return false;
    }
    let before = j - 1;
    if matches!(s.words[before], "that" | "which") {
        return before > 0 && noun(before - 1);
    }
    noun(before)
}

fn rule(kind: &str, cue: &[&str]) -> String {
    format!("aspect:{kind}:{}", cue.join(" "))
}

/// Is the trigger used as a noun ("the bombing", "attacks", "a siege")?
fn nominal(inp: &Input) -> bool {
    match inp.form {
        Form::Noun | Form::Ing => true,
        Form::Ed => false,
        Form::Base | Form::S => {
            let s = inp.s;
            inp.first == 0
                || s.lx.is("nominal_opener", s.words[inp.first - 1])
                || !s.lx.is("not_modifier", s.words[inp.first - 1])
                    && s.actor_of[inp.first - 1].is_none()
                    && s.words[inp.first - 1].chars().all(char::is_alphabetic)
                    && !matches!(s.words[inp.first - 1], "to" | "and" | "or")
        }
    }
}

/// A long period starting at `k` ("over the past decade", "for months",
/// "since April", "since the war began"): its length in tokens. "For three
/// years" counts only for violence (`violent`): "jailed for two years" is a
/// term, not a period of activity.
fn period_at(c: &Cues, s: &Sent, k: usize, violent: bool) -> Option<usize> {
    if let Some(n) = c.at("period", &s.words, k) {
        // "over the past 24 hours": the span of one event.
        // Hours, days and nights are the span of one event ("over the last
        // two days"); months and years are a period.
        let open_ended = c.is("open_period_end", s.words[k + n - 1]);
        if open_ended && (k + n..(k + n + 3).min(s.len())).any(|j| c.is("short_unit", s.words[j])) {
            return None;
        }
        return Some(n);
    }
    let next = *s.words.get(k + 1)?;
    match s.words[k] {
        // "since April" (no day after it), not "since April 3" or "since Monday".
        "since" if newness::Cues::builtin().is("month", next) => {
            let day = s
                .words
                .get(k + 2)
                .is_some_and(|d| d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
            (!day).then_some(2)
        }
        // "for three years", "for two decades".
        "for" if violent => {
            let unit = *s.words.get(k + 2)?;
            let number = next.bytes().all(|b| b.is_ascii_digit()) || c.is("count_word", next);
            (number && c.is("duration_unit", unit) && !c.is("short_unit", unit)).then_some(3)
        }
        _ => None,
    }
}

/// The subject of a present-perfect trigger at `first` when it is a war
/// noun ("the insurgency has killed", "a conflict that has displaced",
/// "the war, which has already killed"): its index.
fn war_subject(s: &Sent, c: &Cues, first: usize) -> Option<usize> {
    let mut j = first;
    while j > 0 && c.is("perfect_adverb", s.words[j - 1]) {
        j -= 1;
    }
    if j < 2 || !matches!(s.words[j - 1], "has" | "have") {
        return None;
    }
    let h = relative_head(s, j - 2);
    c.is("war_noun", s.words[h]).then_some(h)
}

/// The word a relative clause hangs on: `h` itself, or, when `h` is its
/// "that"/"which" (after an optional comma), the word before them ("the
/// war, which has killed": "war").
fn relative_head(s: &Sent, mut h: usize) -> usize {
    if matches!(s.words[h], "that" | "which") && h > 0 {
        h -= 1;
        if s.words[h] == "," && h > 0 {
            h -= 1;
        }
    }
    h
}

/// Decide whether the event at `first..=last` is a habit, a state, a tally
/// or a reference back: the rule name, or `None` for a new occurrence.
pub fn judge(inp: &Input) -> Option<String> {
    let c = cues();
    let s = inp.s;
    let (first, last) = (inp.first, inp.last);
    let lb = s.clause_start(first);
    let rb = s.clause_end(last);
    let tags = Tags::new(inp);

    // 1. "a new long-range attack drone", "strike fighters": the trigger
    //    word names a weapon.
    if first == last
        && first > 0
        && matches!(inp.form, Form::Base | Form::Noun)
        && last + 1 < s.len()
        && c.is("weapon_head", s.words[last + 1])
    {
        let prev = s.words[first - 1];
        let modifier_before = s.lx.is("nominal_opener", prev)
            || prev.contains('-')
            || matches!(
                tags.get(first - 1),
                Some("JJ" | "JJR" | "JJS" | "DT" | "PRP$" | "CD")
            );
        if modifier_before && s.actor_of[first - 1].is_none() {
            return Some(rule("weapon-name", &s.words[first..last + 2]));
        }
    }

    // "communities seen as collaborating with the army": a label someone
    // puts on people, not an act.
    for k in first.saturating_sub(3)..first {
        if let Some(n) = c.at("label_cue", &s.words, k).filter(|&n| k + n == first) {
            return Some(rule("label", &s.words[k..k + n]));
        }
    }

    let anchored = newness::recent_anchor(s, lb, rb, inp.times, inp.published);
    // A habit told today is an accusation of the day ("soldiers routinely
    // beat up detainees, a court martial was told today").
    if !anchored {
        let told_today = newness::recent_anchor(s, 0, s.len(), inp.times, inp.published);
        // 2. A habit: a frequency adverb next to a present-tense verb of the
        //    trigger's clause ("gunmen frequently ambush buses", "protests
        //    are usually met with tear gas", "whenever the army launches an
        //    offensive").
        // The cue and the trigger share one verb group: no reporting verb,
        // complementizer or relative word between them ("Obama said it gets
        // him mad every time he thinks about …" leaves "said" alone).
        let same_group = |k: usize, n: usize| {
            let (a, b) = if k < first {
                (k + n, first)
            } else {
                (last + 1, k)
            };
            !s.lx.is("report", s.words[first])
                && !(a..b).any(|j| {
                    s.lx.is("report", s.words[j])
                        || matches!(
                            s.words[j],
                            "that" | "who" | "which" | "when" | "because" | "if" | "as" | "whether"
                        )
                })
        };
        let mut k = lb;
        while k < rb {
            let Some(n) = c.at("habitual", &s.words, k) else {
                k += 1;
                continue;
            };
            // A capitalised cue inside the sentence is a name ("the Daily
            // News"), not an adverb.
            // After a determiner it is an adjective ("a daily occurrence",
            // the generic rule's).
            let adjective = k > 0 && matches!(s.words[k - 1], "a" | "an" | "the" | "its" | "their");
            if k > 0 && s.text(k).starts_with(char::is_uppercase) || adjective {
                k += n;
                continue;
            }
            if !told_today
                && same_group(k, n)
                && tense_near(inp, &tags, k, n, lb, rb) == Some(Tense::Present)
            {
                return Some(rule("habitual", &s.words[k..k + n]));
            }
            k += n;
        }
        // "clashes tend to flare up", "militants used to attack convoys".
        for k in lb..rb.saturating_sub(1) {
            if told_today
                || !c.is("habitual_verb", s.words[k])
                || s.words[k + 1] != "to"
                || k + 1 == first
                || !same_group(k, 2)
            {
                continue;
            }
            // After the trigger only for its subject noun ("clashes … tend
            // to flare up"), not for a verb ("declared that a president must
            // tend to all corners").
            if k > last && !nominal(inp) {
                continue;
            }
            // "a drone used to attack convoys" is an instrument, and "was
            // used to attack" a purpose: only a past tense "used" counts.
            if s.words[k] == "used"
                && (k < first.saturating_sub(4)
                    || k > first
                    || tags.get(k) != Some("VBD")
                    || k > 0 && s.lx.is("passive_aux", s.words[k - 1])
                    || object_relative(inp, &tags, k))
            {
                continue;
            }
            return Some(rule("habitual", &s.words[k..k + 2]));
        }
        // 3. A generic predicate of the trigger's noun phrase: "attacks on
        //    convoys are common", "kidnappings are a daily fact of life".
        if nominal(inp) {
            for k in last + 1..rb {
                // "massacres were common in the war": a past generic too.
                if !matches!(s.words[k], "is" | "are" | "was" | "were") {
                    continue;
                }
                let mut j = k + 1;
                while j < rb && c.is("degree_adverb", s.words[j]) {
                    j += 1;
                }
                if let Some(n) = c.at("generic_pred", &s.words, j) {
                    return Some(rule("generic", &s.words[k..j + n]));
                }
                break;
            }
        }
        // 4. "a long record of attacking pipelines".
        for k in first.saturating_sub(5)..first {
            if c.at("record_of", &s.words, k)
                .is_some_and(|n| k + n == first)
            {
                return Some(rule("habitual", &s.words[k..first]));
            }
        }
        // 5. A tally or a standing state over a long period: "has killed
        //    hundreds of people over the past decade", "has been under
        //    siege for months", "since April". The clause of the trigger,
        //    and for a subject noun the clause of its verb ("Fighting in X,
        //    long fuelled by land disputes, has killed hundreds …").
        let mut windows = vec![(lb, rb)];
        if nominal(inp) && rb < s.len() && s.words[rb] == "," {
            // Skip an appositive or participle phrase between commas.
            if let Some(close) = (rb + 1..s.len()).find(|&j| s.words[j] == ",") {
                if close + 1 < s.len() && !s.is_boundary(close + 1) {
                    let hi = s.clause_end(close + 1);
                    windows.push((close + 1, hi));
                }
            }
        }
        for &(lo, hi) in &windows {
            if lo != lb && newness::recent_anchor(s, lo, hi, inp.times, inp.published) {
                continue;
            }
            for k in lo..hi {
                if let Some(n) = period_at(c, s, k, inp.violent) {
                    // The nearest trigger or relative clause owns the period
                    // ("killed 12 people in a village that has been attacked
                    // several times over the past year").
                    // After a skipped appositive, from the verb's clause start.
                    let between = if lo != lb {
                        lo..k
                    } else if k > last {
                        last + 1..k
                    } else {
                        k + n..first
                    };
                    // A casualty verb's toll belongs to the trigger ("fighting
                    // … has killed hundreds … over the past decade").
                    let other_trigger = |j: usize| {
                        s.lx.trigger_at(&s.words, j, false)
                            .is_some_and(|(_, e, _)| {
                                !matches!(s.lx.entries[e].role, Role::Kill | Role::Injure)
                            })
                    };
                    if between.clone().any(|j| {
                        matches!(s.words[j], "that" | "which" | "who" | "when") || other_trigger(j)
                    }) {
                        continue;
                    }
                    // The period belongs to the trigger, not to a clause of
                    // its own before it ("Since the war began in 2011, …, rebels
                    // attacked" stays with the fronted phrase's own verb).
                    return Some(rule("tally", &s.words[k..k + n]));
                }
            }
        }
        // A war's running toll: "a conflict that has killed more than 6,000
        // people", "the war, which has killed thousands": the subject is the
        // whole war, not one of its events (a span of hours or days in the
        // clause is one event's: "has killed 12 in the past 24 hours").
        if inp.violent && inp.form == Form::Ed {
            if let Some(h) = war_subject(s, c, first) {
                if !(last + 1..rb).any(|j| c.is("short_unit", s.words[j])) {
                    return Some(rule("tally", &s.words[h..=last]));
                }
            }
        }
        // 6. "months of shelling", "years of fighting": a long stretch.
        if first >= 2 && s.words[first - 1] == "of" && c.is("duration_unit", s.words[first - 2]) {
            let unit = s.words[first - 2];
            // A singular unit needs a number or article: "a year of fighting".
            if unit.ends_with('s') || first >= 3 {
                return Some(rule("duration", &s.words[first - 2..first]));
            }
        }
        // "the siege has now entered its third month".
        if inp.form != Form::Ed {
            for k in last + 1..rb.saturating_sub(3) {
                if c.is("enter_word", s.words[k])
                    && s.words[k + 1] == "its"
                    && (s.words[k + 2].ends_with("th") || c.is("ordinal", s.words[k + 2]))
                    && c.is("age_unit", s.words[k + 3])
                {
                    return Some(rule("state", &s.words[k..k + 4]));
                }
            }
        }
        // 7. A state: "is still blocked", "remain banned", "still under siege"
        //    (not a victim's condition: "remains hospitalized" with its
        //    toll reports the wounded).
        let toll = inp.ev.fatalities.is_some() || inp.ev.injured.is_some();
        let mut j = if toll { lb } else { first };
        while j > lb && c.is("state_lead", s.words[j - 1]) {
            j -= 1;
        }
        if j > lb && (inp.form == Form::Ed || j < first) {
            let w = s.words[j - 1];
            let be_before =
                j >= 2 && matches!(s.words[j - 2], "is" | "are" | "was" | "were" | "been");
            if c.is("still", w) && (w != "still" || be_before || j < first) {
                return Some(rule("state", &s.words[j - 1..=last]));
            }
        }
    }

    if let Some(r) = background(inp, c, &tags, lb, rb) {
        return Some(r);
    }

    // 8. A reference back to an event told elsewhere, naming no party, toll
    //    or place of its own: "blood banks appealed for donors after the
    //    bombing", "as news of the blast spread", "the worst massacre in the
    //    region in a decade".
    // The phrase's own words: no actor or place among its modifiers or in a
    // prepositional phrase right after it ("the attack on Kabul"); the
    // window rules' arguments may come from elsewhere in the clause
    // ("reporters reached the village two days after the raid"). A vague
    // toll ("those killed in the attack") names no victims.
    let named = |k: usize| s.actor_of[k].is_some() || s.place_of[k].is_some();
    let after_prep = last + 1 < s.len()
        && matches!(
            s.words[last + 1],
            "on" | "against" | "in" | "at" | "of" | "by" | "near" | "upon"
        );
    let phrase_named = after_prep
        && (last + 2..(last + 6).min(s.len()))
            .take_while(|&k| !matches!(s.words[k], "," | "." | ";" | "and" | "that" | "which"))
            .any(named);
    let vague =
        |c: &Option<sitrep_core::Count>| c.as_ref().is_none_or(|c| c.vague && c.unit.is_none());
    let bare = !phrase_named && vague(&inp.ev.fatalities) && vague(&inp.ev.injured);
    if inp.violent && bare && nominal(inp) && inp.form != Form::Ed {
        // Up to two modifiers between the determiner and the trigger.
        let mut d = first;
        while d > 0 && first - d < 3 {
            let w = s.words[d - 1];
            if c.is("definite", w) {
                break;
            }
            if !w.chars().all(|ch| ch.is_alphabetic() || ch == '-') || named(d - 1) {
                d = 0;
                break;
            }
            d -= 1;
        }
        if d > 0 && c.is("definite", s.words[d - 1]) {
            let det = d - 1;
            // A date in the phrase after it ("the attack on Monday") keeps it.
            let dated = newness::recent_anchor(
                s,
                last + 1,
                (last + 4).min(s.len()),
                inp.times,
                inp.published,
            );
            for k in det.saturating_sub(4)..det {
                if c.at("anaphoric", &s.words, k).is_some_and(|n| k + n == det) && !dated {
                    return Some(rule("reference", &s.words[k..=last]));
                }
            }
            for k in det..first {
                if let Some(n) = c.at("superlative", &s.words, k) {
                    return Some(rule("comparison", &s.words[k..k + n]));
                }
            }
            // "The bombing was the deadliest in the country since …": the
            // subject of a superlative predicate is the event told elsewhere.
            let mut k = last + 1;
            while k < s.len() && c.is("copula", s.words[k]) {
                k += 1;
            }
            if k > last + 1 && k + 1 < s.len() && matches!(s.words[k], "the" | "its") {
                if let Some(n) = c.at("superlative", &s.words, k + 1) {
                    return Some(rule("comparison", &s.words[k + 1..k + 1 + n]));
                }
            }
        }
    }
    if let Some(r) = reference_by_link(
        inp,
        c,
        lb,
        vague(&inp.ev.fatalities) && vague(&inp.ev.injured),
        phrase_named,
    ) {
        return Some(r);
    }
    // Events not yet happened, named as nouns: "curfew imposed ahead of
    // Friday's protest" (a prospective cue before the phrase), "opposition
    // calls a nationwide shutdown" (a call for a protest or a strike),
    // "a post calling for attacks on migrants" (the content of a call).
    if nominal(inp) && inp.ev.fatalities.is_none() && inp.ev.injured.is_none() {
        // Up to three modifiers between the cue and the trigger ("ahead of
        // a planned mass protest", "ahead of Friday's protest").
        let opener = |k: usize| {
            (k..first).all(|j| {
                s.words[j]
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '\'')
                    && s.place_of[j].is_none()
            })
        };
        for k in first.saturating_sub(7)..first {
            for (class, kind) in [("prospective", "future"), ("request_cue", "requested")] {
                if let Some(n) = c.at(class, &s.words, k) {
                    if k + n <= first && first - (k + n) <= 3 && opener(k + n) {
                        return Some(rule(kind, &s.words[k..k + n]));
                    }
                }
            }
        }
        let protest = !inp.violent
            && (inp.ev.plover.event == "PROTEST"
                || (first..=last).any(|j| c.is("strike_noun", s.words[j])));
        if protest {
            for k in first.saturating_sub(4)..first {
                if c.is("call_verb", s.words[k]) && opener(k + 1) {
                    return Some(rule("called-for", &s.words[k..=k]));
                }
            }
        }
    }
    // "the deadliest attack since a suicide bomber killed 80 in January":
    // the event after "since" is the yardstick of a comparison.
    if inp.violent {
        if let Some(since) = (first.saturating_sub(5)..first)
            .rev()
            .find(|&k| s.words[k] == "since")
            .filter(|&k| {
                !s.words[k..first]
                    .iter()
                    .any(|w| matches!(*w, "," | ";" | "and"))
            })
        {
            if let Some(j) = (0..since).find(|&j| c.at("superlative", &s.words, j).is_some()) {
                let n = c.at("superlative", &s.words, j).unwrap_or(1);
                return Some(rule("comparison", &s.words[j..j + n]));
            }
        }
    }
    None
}

/// The determiner of a nominal trigger, up to two unnamed modifiers before
/// it ("the", "the alleged", "the twin suicide"): its index.
fn definite_before(inp: &Input, c: &Cues) -> Option<usize> {
    let s = inp.s;
    let named = |k: usize| s.actor_of[k].is_some() || s.place_of[k].is_some();
    let mut d = inp.first;
    while d > 0 && inp.first - d < 3 {
        let w = s.words[d - 1];
        if c.is("definite", w) {
            return Some(d - 1);
        }
        if !w.chars().all(|ch| ch.is_alphabetic() || ch == '-') || named(d - 1) {
            return None;
        }
        d -= 1;
    }
    None
}

/// A definite event noun referred back to by what links it to the clause:
/// "tensions have been high since the assassination of the mayor" (a time
/// link, the phrase may name its target), "shops reopened a week after the
/// riots" (a protest), "the bombing drew condemnation" (the reaction it
/// drew, the noun its subject). `vague`: no toll of its own; `named`: an
/// actor or place in the phrase after it.
fn reference_by_link(inp: &Input, c: &Cues, lb: usize, vague: bool, named: bool) -> Option<String> {
    let s = inp.s;
    let last = inp.last;
    let protest = inp.ev.plover.event == "PROTEST";
    if !(inp.violent || protest) || !vague || !nominal(inp) || inp.form == Form::Ed {
        return None;
    }
    let det = definite_before(inp, c)?;
    let end = (last + 4).min(s.len());
    if newness::recent_anchor(s, last + 1, end, inp.times, inp.published) {
        return None;
    }
    if inp.violent && det >= 1 && s.words[det - 1] == "since" {
        return Some(rule("reference", &s.words[det - 1..=last]));
    }
    if named {
        return None;
    }
    if protest {
        for k in det.saturating_sub(4)..det {
            if c.at("anaphoric", &s.words, k).is_some_and(|n| k + n == det) {
                return Some(rule("reference", &s.words[k..=last]));
            }
        }
    }
    // The subject of a reaction: the phrase opens its clause, and the
    // reaction verb follows it with no comma, relative word or other
    // trigger between.
    if det != lb {
        return None;
    }
    for j in last + 1..(last + 8).min(s.len()) {
        if let Some(n) = c.at("reaction_after", &s.words, j) {
            return Some(rule("reaction", &s.words[det..j + n]));
        }
        if matches!(
            s.words[j],
            "," | ";" | "." | "that" | "which" | "who" | "and"
        ) || s.lx.trigger_at(&s.words, j, false).is_some()
        {
            break;
        }
    }
    None
}

/// An old year ("1999", or any year without a publication date) at `k`;
/// a decade ("1990s") is not one here.
fn old_year(s: &Sent, k: usize, published: Option<NaiveDate>) -> bool {
    let w = s.words[k];
    newness::year_of(w)
        .filter(|_| !w.ends_with('s'))
        .is_some_and(|y| newness::old(y, false, published))
}

/// Is the event's target a political actor (a party one may address)?
fn political_target(inp: &Input) -> bool {
    inp.ev
        .actor2
        .as_ref()
        .is_some_and(|a| crate::relevance::Relevance::bundled().is_some_and(|r| r.is_political(a)))
}

/// Background and non-incidents that need no period: a clause hung on an
/// old date ("since September 2014, when their fighters seized the
/// capital"), the place of an earlier event ("the spot where the car bomb
/// had exploded"), an attributive participle ("rows of torched huts"), a
/// long modifier ("a six-month deployment"), an appeal for calm, soldiers
/// on parade, buying arms.
fn background(inp: &Input, c: &Cues, tags: &Tags, lb: usize, rb: usize) -> Option<String> {
    let s = inp.s;
    let (first, last) = (inp.first, inp.last);
    let bare_toll = inp.ev.fatalities.is_none() && inp.ev.injured.is_none();
    // ", when …" right after an old year (or "the 2020 war, when …").
    // The clause may start at the comma ("when" is no boundary word); a
    // verb coordinated in that clause shares it ("…, when their fighters
    // swept down and seized the capital").
    let lb = if lb >= 2 && s.words[lb - 1] == "and" && !matches!(s.words[lb - 2], ",") {
        let prev = s.clause_start(lb - 2);
        let when_clause =
            s.words.get(prev) == Some(&"when") || prev >= 1 && s.words[prev - 1] == "when";
        if when_clause {
            prev
        } else {
            lb
        }
    } else {
        lb
    };
    let when = if s.words.get(lb) == Some(&"when") && lb >= 1 && s.words[lb - 1] == "," {
        Some(lb + 1)
    } else if lb >= 2 && s.words[lb - 1] == "when" && s.words[lb - 2] == "," {
        Some(lb)
    } else {
        None
    };
    if let Some(lb) = when {
        let dated = (lb.saturating_sub(7)..lb - 2).any(|k| old_year(s, k, inp.published));
        if dated && !newness::recent_anchor(s, lb, rb, inp.times, inp.published) {
            return Some("aspect:history:when-of-an-old-date".into());
        }
    }
    // "the spot where the car bomb had exploded": a pluperfect in a
    // relative clause of place or time.
    if lb >= 2
        && matches!(s.words[lb - 1], "where" | "when")
        && matches!(tags.get(lb - 2), Some("NN" | "NNS"))
        && (lb..rb).any(|k| s.words[k] == "had")
        && !newness::recent_anchor(s, lb, rb, inp.times, inp.published)
    {
        return Some(format!("aspect:background:{}-had", s.words[lb - 1]));
    }
    // "the most heavily bombed country in history": a record, not an
    // occurrence.
    if inp.form == Form::Ed && first == last && first >= 2 {
        let mut j = first;
        while j > 0 && first - j < 2 && s.words[j - 1].ends_with("ly") {
            j -= 1;
        }
        if j >= 2
            && matches!(s.words[j - 1], "most" | "least")
            && matches!(s.words[j - 2], "the" | "a" | "an")
        {
            return Some(rule("comparison", &s.words[j - 1..=last]));
        }
    }
    // "rows of torched huts", "destroyed tanks": a participle before its
    // noun describes a state (not a victim's: "the injured man").
    if inp.form == Form::Ed
        && first == last
        && bare_toll
        && !matches!(
            s.lx.trigger_at(&s.words, first, false)
                .map(|(_, e, _)| s.lx.entries[e].role),
            Some(Role::Kill | Role::Injure)
        )
        && first > 0
        && matches!(
            s.words[first - 1],
            "of" | "with" | "the" | "its" | "their" | "his" | "her"
        )
        && s.text(first).starts_with(|ch: char| ch.is_lowercase())
        && tags.get(first) != Some("VBD")
        && last + 1 < s.len()
        && matches!(tags.get(last + 1), Some("NNS" | "NN"))
        && s.actor_of[last + 1].is_none()
    {
        return Some(format!("aspect:state:attributive:{}", s.words[first]));
    }
    // "a six-month deployment", "a years-long siege".
    if matches!(inp.form, Form::Noun | Form::Ing) && first > 0 {
        let m = s.words[first - 1];
        // "six-month", "years-long", "two-decade-long"; no allocation (every
        // noun trigger passes here).
        let core = m.strip_suffix("-long").unwrap_or(m);
        let long = c.words("long_unit").any(|u| {
            core.strip_suffix(u).is_some_and(|rest| rest.ends_with('-'))
                || (core.len() < m.len() && core == u)
        });
        if long && bare_toll {
            return Some(format!("aspect:duration:{m}"));
        }
    }
    // "the principle of universal jurisdiction, which allows courts to hear
    // cases", "the law bans gatherings": a standing rule in the present
    // tense, not an act.
    if !inp.violent && inp.form == Form::S && first >= 1 {
        let h = relative_head(s, first - 1);
        // The head may stand before an "of" phrase ("the principle of
        // universal jurisdiction, which allows …").
        let head = (h.saturating_sub(4)..=h)
            .rev()
            .find(|&j| c.is("law_noun", s.words[j]) && (j == h || s.words[j + 1] == "of"));
        if let Some(j) = head.filter(|&j| s.actor_of[j].is_none()) {
            return Some(format!("aspect:state:{} {}", s.words[j], s.words[first]));
        }
    }
    // "The minister chaired a meeting on security": a meeting someone
    // chairs, with nobody named on the other side, is no consultation
    // between parties.
    if !inp.violent && inp.ev.plover.event == "CONSULT" && nominal(inp) {
        let chair = (first.saturating_sub(4)..first).find(|&k| c.is("chair_verb", s.words[k]));
        let other = inp.ev.actor2.is_some()
            || (last + 1..rb).any(|k| matches!(s.words[k], "with" | "between"));
        if let (Some(k), false) = (chair, other) {
            return Some(format!("aspect:internal-meeting:{}", s.words[k]));
        }
    }
    // "The chief minister handed over cheques of compensation to the
    // families": a payment, not a handover between parties.
    if !inp.violent {
        let hi = (last + 7).min(rb);
        if c.at("handover_verb", &s.words, first).is_some() {
            if let Some((k, n)) =
                (last + 1..hi).find_map(|k| c.at("payment", &s.words, k).map(|n| (k, n)))
            {
                return Some(rule("payment", &s.words[k..k + n]));
            }
        }
    }
    // An appeal for calm addressed to nobody political.
    if !inp.violent && c.is("appeal_verb", s.words[first]) {
        let hi = (last + 10).min(s.len());
        let calm = (last + 1..hi).find_map(|k| c.at("calm", &s.words, k).map(|n| (k, n)));
        // "appealed for calm" is addressed to everyone; "urged Israel and
        // Hamas to remain calm" to parties.
        let political = political_target(inp);
        let to_all =
            calm.is_some_and(|(k, _)| k >= 1 && s.words[k - 1] == "for" && k - 1 <= last + 1);
        if let (Some((k, n)), false) = (calm, political && !to_all) {
            if !s.words[last + 1..k]
                .iter()
                .any(|w| matches!(*w, ";" | "." | "but"))
            {
                return Some(rule("exhortation", &s.words[k..k + n]));
            }
        }
    }
    // "appealed for calm and urged residents to …": a second appeal joined
    // to an appeal for calm continues it, unless it names a party.
    if !inp.violent
        && c.is("appeal_verb", s.words[first])
        && first >= 3
        && s.words[first - 1] == "and"
    {
        let political = political_target(inp);
        let lo = first.saturating_sub(12);
        let mut k = first - 1;
        while k > lo && !matches!(s.words[k - 1], ";" | "." | "but") {
            k -= 1;
            if let Some(n) = c.at("calm", &s.words, k) {
                let appeal = (k.saturating_sub(4)..k).any(|j| c.is("appeal_verb", s.words[j]));
                if appeal && k + n < first && !political {
                    return Some(rule("exhortation", &s.words[k..k + n]));
                }
            }
        }
    }
    // Soldiers marching on parade: a ceremony, not a protest.
    if inp.ev.plover.event == "PROTEST" && (lb..rb).any(|k| c.at("parade", &s.words, k).is_some()) {
        let armed = inp.ev.actor1.as_ref().is_none_or(crate::typing::bears_arms);
        if armed {
            return Some("aspect:ceremony:parade".into());
        }
    }
    // Buying arms: "ordered 150 armoured vehicles from a Turkish
    // manufacturer", "signed a contract for 24 armoured vehicles".
    if !inp.violent && first == last && c.is("procure_verb", s.words[first]) {
        let end = s.len();
        let maker = (last + 1..end).any(|k| c.at("maker", &s.words, k).is_some());
        let goods =
            (last + 1..(last + 12).min(end)).any(|k| c.at("materiel", &s.words, k).is_some());
        let political = political_target(inp);
        if goods && (maker || !political) {
            return Some(format!("aspect:procurement:{}", s.words[first]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{Dropped, Factuality};

    /// The asserted or alleged events of `text` and the drops;
    /// `None` when there is no syntax model.
    fn code(text: &str) -> Option<(Vec<Event>, Vec<Dropped>)> {
        let (events, dropped) = crate::tests::code_parsed(text)?;
        let real = events
            .into_iter()
            .filter(|e| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged))
            .collect();
        Some((real, dropped))
    }

    /// Each sentence codes nothing and names the aspect rule `kind`.
    fn no_event(cases: &[(&str, &str)]) {
        let mut bad = Vec::new();
        for (text, kind) in cases {
            let Some((events, dropped)) = code(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            let want = format!("aspect:{kind}:");
            if !events.is_empty() || !dropped.iter().any(|d| d.rule.starts_with(&want)) {
                let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
                let kept: Vec<&str> = events.iter().map(|e| e.trigger.text.as_str()).collect();
                bad.push(format!("{text}\n  kept {kept:?}\n  dropped {rules:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn habits_and_generic_statements_are_no_occurrence() {
        no_event(&[
            (
                "Gunmen frequently ambush army patrols on the mountain pass at night.",
                "habitual",
            ),
            (
                "Militiamen often torch the homes of farmers near the border.",
                "habitual",
            ),
            (
                "Student marches in the capital are usually met with tear gas.",
                "habitual",
            ),
            (
                "Clashes between rebels and soldiers tend to flare up after the harvest.",
                "habitual",
            ),
            (
                "The gunman used to shoot at soldiers from the roof.",
                "habitual",
            ),
            (
                "Drones strike the supply road to the town almost daily.",
                "habitual",
            ),
            (
                "Abductions for ransom are a daily occurrence on the northern highway.",
                "generic",
            ),
            (
                "The separatists have a long record of bombing railway lines.",
                "habitual",
            ),
        ]);
    }

    #[test]
    fn tallies_and_standing_states_are_no_occurrence() {
        no_event(&[
            (
                "Jihadist attacks in the region, fuelled by disputes over grazing land, have killed thousands of civilians over the past decade.",
                "tally",
            ),
            ("The port town has been besieged by the rebels for months.", "tally"),
            ("Mortar fire has killed dozens of civilians in the district since March.", "tally"),
            ("The rebel siege of the city has now entered its fourth month.", "state"),
            ("The main road to the airport is still blocked across much of the province.", "state"),
            ("Years of shelling have left the old town in ruins.", "duration"),
            (
                "The war, which has killed more than 300,000 people, is now in its second decade.",
                "tally",
            ),
            (
                "It is a conflict that has already killed thousands of civilians.",
                "tally",
            ),
            ("Massacres of villagers were common during the civil war.", "generic"),
        ]);
    }

    #[test]
    fn references_back_and_non_incidents_are_no_event() {
        no_event(&[
            (
                "Hospitals in the city appealed for blood donors after the bombing.",
                "reference",
            ),
            (
                "It was the deadliest massacre in the province in a decade.",
                "comparison",
            ),
            (
                "The navy showed off a new attack submarine at the shipyard.",
                "weapon-name",
            ),
            ("The mayor appealed for calm on local radio.", "exhortation"),
            (
                "The Polish government ordered 250 tanks from a South Korean manufacturer.",
                "procurement",
            ),
            (
                "Visitors walked past rows of torched houses near the market.",
                "state",
            ),
            (
                "The car bombing was the deadliest in the capital this year.",
                "comparison",
            ),
            (
                "It was the bloodiest week in the valley since militants stormed the town in March.",
                "comparison",
            ),
            (
                "The home minister chaired a meeting on security in the state.",
                "internal-meeting",
            ),
            (
                "The chief minister handed over compensation cheques to the families of the victims.",
                "payment",
            ),
            (
                "The bishop appealed for calm and asked worshippers to stay at home.",
                "exhortation",
            ),
            (
                "Kabul is among the most heavily bombed cities in the world.",
                "comparison",
            ),
            (
                "The case rests on a statute which allows courts to try foreign officials.",
                "state",
            ),
            (
                "The bombing drew condemnation from across the region.",
                "reaction",
            ),
            ("Tensions have been high since the assassination of the mayor.", "reference"),
            ("Shops reopened on Monday, a week after the riots.", "reference"),
            (
                "Farmers regarded as collaborating with the army have left the valley.",
                "label",
            ),
            (
                "Investigators visited the sites of the massacres to trace survivors.",
                "reference",
            ),

        ]);
    }

    #[test]
    fn events_named_before_they_happen_are_dropped() {
        for (text, trigger, kind) in [
            (
                "Police banned gatherings in the capital ahead of Friday's planned protest.",
                "protest",
                "future",
            ),
            (
                "A preacher's video calling for attacks on the police spread online.",
                "attacks",
                "requested",
            ),
            (
                "Traders announced a shutdown of markets across the city for Friday.",
                "shutdown",
                "called-for",
            ),
        ] {
            let Some((events, dropped)) = code(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            let want = format!("aspect:{kind}:");
            assert!(
                events.iter().all(|e| e.trigger.text != trigger)
                    && dropped
                        .iter()
                        .any(|d| d.trigger.text == trigger && d.rule.starts_with(&want)),
                "{text}: {dropped:?}"
            );
        }
    }

    #[test]
    fn new_occurrences_stay_coded() {
        for text in [
            // A day anchor keeps a tally or a habit new.
            "Clashes since Saturday have killed 30 people in the border town, medics said.",
            "Gunmen often attack this road, and on Monday they killed nine travellers there.",
            // A habit told in testimony of the day is an accusation of the day.
            "Soldiers routinely beat detainees in the camp, a court was told today.",
            // Past tense with a frequency adverb is not a present habit.
            "Police fired tear gas at protesters in Nairobi, sometimes at close range.",
            // A reference with its own place or toll is an event.
            "Police arrested five men after the bombing of a market in Maiduguri.",
            "Rebels stormed the town after a three-day siege, killing 12 soldiers.",
            // "used" with an object of its own (the relative clause's head
            // noun) is a purpose, not a habit.
            "Investigators found the knife he used to stab the officer.",
            "The gun that the soldier used to kill two villagers was handed to police.",
            // A comparison keeps the event that has its own toll and date.
            "Gunmen killed 40 villagers on Sunday, the deadliest attack in the state since January.",
            // "Daily" in a name is no frequency adverb.
            "Gunmen killed two reporters of the Daily Post in Port Harcourt on Friday.",
            // A war's toll over hours is one event's; a day anchor keeps it.
            "The insurgency has killed 12 soldiers in the past 24 hours.",
            "Fighting has killed at least 40 people since Monday, the UN said.",
            // "most" with no determiner is no record.
            "Soldiers most likely shelled the village on Sunday, residents said.",
            // Coordinated verbs are no attributive participles.
            "Mobs attacked churches and torched homes in a Christian neighbourhood of Jaranwala on Saturday.",
        ] {
            let Some((events, dropped)) = code(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            assert!(
                events.iter().any(|e| !e.acled.event_type.is_empty()),
                "{text}: {dropped:#?}"
            );
        }
    }

    #[test]
    fn the_builtin_table_parses() {
        let c = Cues::parse_file(TABLE, "aspect.tsv").expect("aspect.tsv parses");
        for (class, phrase) in [
            ("habitual", "every week"),
            ("habitual_verb", "tend"),
            ("generic_pred", "a daily occurrence"),
            ("record_of", "a long record of"),
            ("period", "over the past"),
            ("duration_unit", "months"),
            ("still", "remains"),
            ("anaphoric", "in the wake of"),
            ("definite", "the"),
            ("superlative", "deadliest"),
            ("weapon_head", "drone"),
            ("war_noun", "insurgency"),
            ("label_cue", "seen as"),
        ] {
            let words: Vec<&str> = phrase.split(' ').collect();
            assert_eq!(c.at(class, &words, 0), Some(words.len()), "{class}");
        }
        // Every class the rules read (a missing one would silently match nothing).
        for class in [
            "age_unit",
            "anaphoric",
            "appeal_verb",
            "call_verb",
            "calm",
            "chair_verb",
            "copula",
            "count_word",
            "definite",
            "degree_adverb",
            "duration_unit",
            "enter_word",
            "generic_pred",
            "habitual",
            "habitual_verb",
            "handover_verb",
            "label_cue",
            "law_noun",
            "long_unit",
            "maker",
            "materiel",
            "open_period_end",
            "ordinal",
            "parade",
            "payment",
            "perfect_adverb",
            "period",
            "procure_verb",
            "reaction_after",
            "record_of",
            "short_unit",
            "state_lead",
            "still",
            "strike_noun",
            "superlative",
            "war_noun",
            "weapon_head",
        ] {
            assert!(c.has(class), "{class}");
        }
        assert!(c.is("short_unit", "hours") && !c.is("short_unit", "years"));
        assert!(c.words("long_unit").any(|u| u == "decades"));
        assert!(matches!(
            Cues::parse_file("habitual\n", "aspect.tsv"),
            Err(crate::Error::Data {
                file: "aspect.tsv",
                ..
            })
        ));
    }
}
