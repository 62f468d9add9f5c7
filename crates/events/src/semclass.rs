//! What the arguments of a violent trigger are: an agent that is an animal,
//! a disease or the weather, or a patient that is a body part, a price, an
//! idea, a document, a team or a product, makes no political violence
//! ("a shark attacked a surfer", "the virus attacks the liver", "the chain
//! slashed prices", "the striker killed the game").
//!
//! Owns the semantic-class rule only (`semclass:<role>:<class>:<lemma>` in
//! `--explain`): the heads of the arguments come from the parse layer
//! (`parse_args::Tree` aligns it; the relations read here are the UD ones
//! `parse_args` reads for actors), their classes from `semclass_table`
//! (WordNet 3.1), the class policy from the `agent_class`, `patient_class`
//! and `target_class` rows of data/events/evidence.tsv, and the conflict
//! evidence that overrides it from `relevance`. It decides only whether an
//! event is dropped; it must not touch arguments, typing or factuality.

use sitrep_core::{Event, SentenceParse, TokenKind};

use crate::parse_args::Tree;
use crate::relevance::Relevance;
use crate::semclass_table::Table;
use crate::sentence::Sent;

/// Prepositions that introduce the target of a nominal trigger ("attack on
/// X", "the killing of X"); "at" is a place there ("a massacre at the
/// festival").
const NOMINAL_TARGET: &[&str] = &["on", "against", "of", "upon"];
/// Prepositions that introduce the target of a verb ("fired at X").
const VERBAL_TARGET: &[&str] = &["on", "against", "at", "upon"];
/// Classes of a head noun that stands for its "of" complement or compound
/// modifier: "a swarm of bees", "hundreds of stalls", "a snake bite".
const LOOK_THROUGH: &[&str] = &[
    "quantity",
    "group",
    "act",
    "event",
    "process",
    "phenomenon",
    "state",
];

/// Is the verdict worth a parse? Not when the sentence already has conflict
/// evidence (then nothing is dropped) or the trigger is its own evidence.
pub fn worth_parsing(
    r: &Relevance,
    s: &Sent,
    first: usize,
    last: usize,
    id: &str,
    ev: &Event,
) -> bool {
    let no_policy = r.agent_classes.is_empty() && r.patient_classes.is_empty();
    !no_policy && !r.self_evident(id) && r.conflict_evidence(s, first, last, ev, false) < 1.0
}

/// The arguments of the trigger `first..=last` as (role, parse word):
/// `agent` (subject, "by" agent, possessor or compound of a nominal) and
/// `patient` (object, passive subject, the noun a passive participle
/// modifies, "on/against/at/of" target).
fn arguments(tree: &Tree, first: usize, last: usize, casualty: bool) -> Vec<(&'static str, usize)> {
    let p = tree.p;
    let Some(h) = tree.trigger_head(first, last) else {
        return Vec::new();
    };
    let rel = |j: usize| p.words[j].deprel.as_str();
    let case = |j: usize| {
        p.children(j)
            .find(|&c| rel(c) == "case")
            .map(|c| p.words[c].lemma.to_lowercase())
    };
    let nominal = matches!(p.words[h].upos.as_str(), "NOUN" | "PROPN");
    // A "by" agent makes the subject a patient even when the parse missed
    // the passive ("a dog shot by burglars").
    let passive = p
        .children(h)
        .any(|c| matches!(rel(c), "aux:pass" | "obl:agent"));
    let by_agent = p
        .children(h)
        .any(|c| rel(c) == "nmod" && case(c).as_deref() == Some("by"));
    let mut out = Vec::new();
    for c in p.children(h) {
        let role = match rel(c) {
            "nsubj" if !nominal && !passive => Some("agent"),
            "nsubj" | "nsubj:pass" if !nominal => Some("patient"),
            "obj" if !nominal => Some("patient"),
            "obl:agent" => Some("agent"),
            "nmod" if nominal && case(c).as_deref() == Some("by") => Some("agent"),
            // "a shark attack" (agent), but "a dog shot by burglars" (patient).
            "nmod:poss" | "compound" if nominal && !by_agent => Some("agent"),
            "nmod:poss" | "compound" if nominal => Some("patient"),
            "nmod" | "obl" => case(c)
                .filter(|x| {
                    if nominal && casualty {
                        // "his death on the news": a death or an injury
                        // has a victim ("of"), no target.
                        x == "of"
                    } else if nominal {
                        NOMINAL_TARGET.contains(&x.as_str())
                    } else {
                        VERBAL_TARGET.contains(&x.as_str())
                    }
                })
                .map(|_| "patient"),
            _ => None,
        };
        if let Some(role) = role {
            out.push((role, c));
        }
    }
    // "prices slashed by the chain": the noun a passive participle modifies.
    if rel(h) == "acl" && p.words[h].xpos == "VBN" {
        if let Some(g) = p.head(h) {
            out.push(("patient", g));
        }
    }
    out
}

/// Can [`frame`] find anything in `s`: a naming verb or a falsity word in
/// some form? (A cheap surface test, so that the parse is asked for only
/// then.)
pub fn frame_possible(s: &Sent) -> bool {
    s.words.iter().any(|w| {
        if s.lx.is("falsity", w) {
            return true;
        }
        let stems = [
            Some(*w),
            w.strip_suffix('s'),
            w.strip_suffix('d'),
            w.strip_suffix("ed"),
            w.strip_suffix("ing"),
            w.strip_suffix("bed"),
        ];
        stems
            .into_iter()
            .flatten()
            .any(|x| s.lx.is("naming_verb", x))
    })
}

/// A violent nominal that is a label or a report said to be false: "what
/// commentators called a massacre", "described the result as a bloodbath",
/// "rumours of a massacre were false", "reports of a bomb turned out to be a
/// hoax". The rule name, `frame:label:<verb>` or `frame:false:<word>`; the
/// verbs and words are the `naming_verb` and `falsity` classes of cues.tsv.
pub fn frame(s: &Sent, parse: &SentenceParse, first: usize, last: usize) -> Option<String> {
    let tree = Tree::new(s, parse)?;
    let p = tree.p;
    let h = tree.trigger_head(first, last)?;
    if p.words[h].upos != "NOUN" {
        return None;
    }
    let rel = |j: usize| p.words[j].deprel.as_str();
    let lemma = |j: usize| p.words[j].lemma.to_lowercase();
    let case = |j: usize| {
        p.children(j)
            .find(|&c| rel(c) == "case")
            .map(|c| p.words[c].lemma.to_lowercase())
    };
    let naming = |j: usize| p.words[j].upos == "VERB" && s.lx.is("naming_verb", &lemma(j));
    // A label: the second object of "call", "dub", "brand" ("called the
    // vote a massacre", or the only one: "what they called a massacre"), an
    // "as" phrase in a clause of a naming verb ("described X as a massacre").
    if let Some(g) = p.head(h) {
        // The label is the second object ("called the vote a massacre") or
        // the object of "what … called" ("what commentators called a
        // massacre"); "called the assault 'an attack on our country'" names
        // the assault.
        let earlier_obj = p
            .children(g)
            .any(|c| c < h && matches!(rel(c), "obj" | "iobj"));
        let what = (g.saturating_sub(4)..g).any(|k| lemma(k) == "what");
        if matches!(rel(h), "obj" | "xcomp")
            && naming(g)
            && (earlier_obj || what)
            && s.lx.is("label_object_verb", &lemma(g))
        {
            return Some(format!("frame:label:{}", lemma(g)));
        }
    }
    if case(h).as_deref() == Some("as") {
        let mut up = p.head(h);
        for _ in 0..3 {
            let Some(g) = up else { break };
            if naming(g) {
                return Some(format!("frame:label:{}", lemma(g)));
            }
            up = p.head(g);
        }
    }
    // A report said to be false: the trigger or the noun it is "of" is the
    // subject of a falsity predicate, or of "turned out / proved to be" one.
    let mut x = h;
    if rel(x) == "nmod" && case(x).as_deref() == Some("of") {
        x = p.head(x)?;
    }
    if !matches!(rel(x), "nsubj" | "nsubj:pass") {
        return None;
    }
    let pred = p.head(x)?;
    let false_word = |j: usize| s.lx.is("falsity", &lemma(j));
    if false_word(pred) {
        return Some(format!("frame:false:{}", lemma(pred)));
    }
    if s.lx.is("turns_out_verb", &lemma(pred)) {
        if let Some(c) = p
            .children(pred)
            .find(|&c| rel(c) == "xcomp" && false_word(c))
        {
            return Some(format!("frame:false:{}", lemma(c)));
        }
    }
    None
}

/// The classes of parse word `j`: by its lemma, else its form, else the form
/// without a plural ending.
fn classes<'t>(t: &'t Table, p: &SentenceParse, j: usize) -> Vec<&'t str> {
    let lemma = p.words[j].lemma.to_lowercase();
    let form = p.words[j].span.text.to_lowercase();
    let keys = [
        Some(lemma.as_str()),
        Some(form.as_str()),
        form.strip_suffix("es"),
        form.strip_suffix('s'),
    ];
    for k in keys.into_iter().flatten() {
        let c: Vec<&str> = t.classes(k).collect();
        if !c.is_empty() {
            return c;
        }
    }
    Vec::new()
}

/// Drop violent event `ev` (trigger `first..=last` of `s`) when an argument's
/// semantic class rules out political violence: the rule name,
/// `semclass:<role>:<class>:<lemma>`. `casualty`: the trigger is a death
/// or an injury, not an attack. Call only when [`worth_parsing`].
#[allow(clippy::too_many_arguments)]
pub fn judge(
    r: &Relevance,
    s: &Sent,
    parse: &SentenceParse,
    first: usize,
    last: usize,
    ev: &Event,
    casualty: bool,
) -> Option<String> {
    let t = Table::bundled()?;
    let tree = Tree::new(s, parse)?;
    let p = tree.p;
    // A toll that names its victims ("two hikers") makes people the target.
    let victims = [&ev.fatalities, &ev.injured]
        .iter()
        .any(|c| c.as_ref().is_some_and(|c| c.unit.is_some()));
    let has = |list: &[String], c: &str| list.iter().any(|x| x == c);
    for (role, j) in arguments(&tree, first, last, casualty) {
        let w = &p.words[j];
        // Names and pronouns: the actor layer, not WordNet, says what they are.
        let Some(k) = w.token.checked_sub(s.base).filter(|&k| k < s.len()) else {
            continue;
        };
        // A capitalised first word is often tagged a name ("Cholera has
        // killed …"); the actor and place layers still claim real names.
        if matches!(w.upos.as_str(), "PRON" | "NUM" | "DET") || w.upos == "PROPN" && k > 0 {
            continue;
        }
        if s.actor_of[k].is_some() || s.place_of[k].is_some() {
            continue;
        }
        // A weapon word of cues.tsv is a weapon whatever WordNet ranks
        // first ("drone" is a bee there): "a drone hit a building".
        if ["drone_cue", "weapon_noun"]
            .iter()
            .any(|cl| s.lx.cue_at(cl, &s.words, k).is_some())
        {
            continue;
        }
        let mut cls = classes(t, p, j);
        let mut j = j;
        // "a swarm of bees", "a snake bite", "hundreds of stalls": the
        // complement or modifier says what the argument is.
        if cls.first().is_some_and(|c| LOOK_THROUGH.contains(c)) {
            let inner = p.children(j).find(|&c| {
                let r = p.words[c].deprel.as_str();
                p.words[c].upos == "NOUN"
                    && (r == "compound"
                        || r == "nmod"
                            && p.children(c).any(|x| {
                                p.words[x].deprel == "case"
                                    && p.words[x].lemma.eq_ignore_ascii_case("of")
                            }))
            });
            if let Some(inner) = inner {
                let ic = classes(t, p, inner);
                if !ic.is_empty() {
                    cls = ic;
                    j = inner;
                }
            }
        }
        let w = &p.words[j];
        let Some(first_class) = cls.first().copied() else {
            continue;
        };
        let drop = match role {
            "agent" => has(&r.agent_classes, first_class),
            _ => {
                !victims
                    && has(&r.patient_classes, first_class)
                    && !cls.iter().any(|c| has(&r.target_classes, c))
            }
        };
        if drop {
            let lemma = w.lemma.to_lowercase();
            return Some(format!("semclass:{role}:{first_class}:{lemma}"));
        }
    }
    None
}

/// A death word that reports a natural death: a disease or another natural
/// cause after "of" / "from" ("died of emphysema", "deaths from malaria") or
/// before it ("cancer deaths"), or an age ("has died at the age of 71",
/// "dies at 74", "died aged 80"). The rule name, `natural:cause:<word>` or
/// `natural:age`. The causes are WordNet's disease class and the
/// `natural_cause` cues; the death words the `death_word` cues.
pub fn natural_death(s: &Sent, first: usize, last: usize) -> Option<String> {
    if !(first..=last).any(|k| s.lx.is("death_word", s.words[k])) {
        return None;
    }
    let disease = |k: usize| {
        let w = s.words[k];
        s.lx.cue_at("natural_cause", &s.words, k).is_some()
            || Table::bundled().is_some_and(|t| {
                [Some(w), w.strip_suffix('s')]
                    .into_iter()
                    .flatten()
                    .any(|x| t.classes(x).next() == Some("state.disease"))
            })
    };
    let rb = s.clause_end(last);
    let number = |k: usize| {
        s.kinds.get(k) == Some(&TokenKind::Number)
            && s.words[k]
                .parse::<u32>()
                .is_ok_and(|n| (1..=120).contains(&n))
    };
    // "… of / from [the] [adjective] <cause>": three words at most.
    if let Some(k) = (last + 1..rb.min(last + 2)).find(|&k| matches!(s.words[k], "of" | "from")) {
        if let Some(c) = (k + 1..rb.min(k + 4)).find(|&c| disease(c)) {
            return Some(format!("natural:cause:{}", s.words[c]));
        }
    }
    if first > 0 && disease(first - 1) {
        return Some(format!("natural:cause:{}", s.words[first - 1]));
    }
    // An age, not a clock time: "at 74" then the end of the clause, a
    // comma or a preposition; "at the age of 71"; "aged 80". Only for a
    // death, not a killing ("killed at 12" is a time).
    let killing = (first..=last).any(|k| s.words[k].starts_with("kill") || s.words[k] == "fatally");
    for k in last + 1..rb.min(last + 6) {
        let w = s.words[k];
        let next = |j: usize| s.words.get(j).copied().unwrap_or(".");
        // "at the age of 17 months" is a child's death, no obituary.
        let years = |j: usize| {
            !matches!(
                next(j),
                "months" | "weeks" | "days" | "month" | "week" | "day"
            )
        };
        let age = (w == "at"
            && number(k + 1)
            && (k + 2 >= rb
                || matches!(next(k + 2), "," | "." | "after" | "following" | "in" | "on")))
            || (w == "aged" && number(k + 1) && years(k + 2))
            || (w == "at"
                && next(k + 1) == "the"
                && next(k + 2) == "age"
                && next(k + 3) == "of"
                && years(k + 5));
        if age && !killing {
            return Some("natural:age".to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use sitrep_core::{Dropped, Event};

    fn code(text: &str) -> Option<(Vec<Event>, Vec<Dropped>)> {
        crate::tests::code_parsed(text)
    }

    fn violent(events: &[Event]) -> bool {
        events.iter().any(|e| !e.acled.event_type.is_empty())
    }

    /// Codes `text` and asserts that no violent event is left and that a drop
    /// names a rule `rule` accepts; false (nothing checked) without a syntax model.
    fn no_violence_by(text: &str, rule: impl Fn(&str) -> bool) -> bool {
        let Some((events, dropped)) = code(text) else {
            eprintln!("skipped: no syntax model in data/models");
            return false;
        };
        assert!(!violent(&events), "{events:#?}");
        assert!(dropped.iter().any(|d| rule(&d.rule)), "{dropped:#?}");
        true
    }

    #[test]
    fn an_animal_agent_or_a_document_patient_is_no_political_violence() {
        if !no_violence_by(
            "A hippo killed a fisherman on Lake Kariba, local officials said.",
            |r| r == "semclass:agent:animal:hippo",
        ) {
            return;
        }
        no_violence_by(
            "The committee destroyed the records of the old club in Lyon.",
            |r| r.starts_with("semclass:patient:communication:"),
        );
    }

    #[test]
    fn a_disease_as_first_word_is_no_perpetrator() {
        no_violence_by(
            "Cholera has killed more than 300 people in Zambia since October.",
            |r| r == "semclass:agent:state.disease:cholera",
        );
    }

    #[test]
    fn a_weapon_word_is_no_animal() {
        // WordNet's first sense of "drone" is the male bee.
        let Some((_, dropped)) = code("A drone hit a school in the village of Kupiansk.") else {
            eprintln!("skipped: no syntax model in data/models");
            return;
        };
        assert!(
            !dropped.iter().any(|d| d.rule.starts_with("semclass:")),
            "{dropped:#?}"
        );
    }

    #[test]
    fn armed_people_keep_the_event() {
        let Some((events, dropped)) =
            code("Armed men killed two fishermen on Lake Kariba, local officials said.")
        else {
            eprintln!("skipped: no syntax model in data/models");
            return;
        };
        assert!(violent(&events), "{dropped:#?}");
        assert!(!dropped.iter().any(|d| d.rule.starts_with("semclass:")));
    }

    #[test]
    fn a_label_or_a_report_said_to_be_false_is_no_event() {
        let Some((events, dropped)) = code("Residents called the raid a massacre.") else {
            eprintln!("skipped: no syntax model in data/models");
            return;
        };
        assert!(
            dropped.iter().any(|d| d.rule == "frame:label:call"),
            "{dropped:#?}"
        );
        assert!(
            events.iter().any(|e| e.trigger.text == "raid"),
            "the thing named stays: {events:#?}"
        );
        no_violence_by(
            "Reports of an explosion at the port of Durres proved to be false, police said.",
            |r| r == "frame:false:false",
        );
        let Some((events, _)) =
            code("Reports of an explosion at the port of Durres were confirmed by police.")
        else {
            return;
        };
        assert!(violent(&events), "{events:#?}");
    }
}
