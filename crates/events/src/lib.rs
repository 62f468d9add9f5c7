//! sitrep-events: who did what to whom, where, when, with how many casualties,
//! and how sure the article is about it.
//!
//! [`EventCoder`] is the last analysis stage. It reads the `Doc` and the
//! layers filled before it (actors, places, times, claims) and fills
//! `Analysis::events`:
//!
//! 1. **Triggers** (`lexicon`): verbs and nominalisations ("air strikes",
//!    "barrel bombs", "beheaded", "clashes", "captured") found by a
//!    precompiled token matcher built from `data/events/triggers.tsv`, with
//!    regular inflections generated from lemmas.
//!    Where the table finds no trigger in a sentence, `cameo_verbs` codes
//!    the verbs of the parse with the PETRARCH2 CAMEO verb dictionary
//!    (`data/events/cameo_verbs.tsv`, non-violent roots 01–17 only);
//!    beside curated triggers it codes only the main verb, as a secondary
//!    coding after them. PETRARCH2's `~` rules (step 3b) add "X accuses Y"
//!    (112) for "X said Y attacked", and the like.
//! 2. **Typing** (`typing`): one table row gives PLOVER event + mode, CAMEO
//!    code and a default ACLED type; ACLED's rules about who is involved
//!    (two armed groups, unarmed targets, state or non-state captures) refine it.
//! 3. **Arguments** (`args`): actor1/actor2 from clause windows (subjects,
//!    "X's airstrikes", "by X", "on X", passives, coordination, pronouns that
//!    refer to the reporting subject); place from "in/near/around X" (else a
//!    toponym in the same clause); time from the sentence, else the
//!    publication date with `fallback: true`.
//!    With the parse layer (`Analysis::parses`, parsed only for sentences
//!    with a candidate trigger), `parse_args` fills the arguments the windows
//!    leave empty (nsubj / obj / obl:agent / nsubj:pass, nominal modifiers,
//!    light-verb subjects), adds associated actors (conjuncts: ACLED
//!    assoc_actor_1/2), gives a sector-only actor the country of its modifier
//!    ("its forces", "Irish guerrillas") and makes a demand in a reported
//!    clause the speaker's ("Russia said Sudan must …": source RUS). Weapons
//!    come from the `weapon.<kind>` cues; inter1/inter2 from the actors.
//!    **Speech acts**: "X must …" is REQUEST, "X will …" AGREE or THREATEN,
//!    "X will not …" REJECT (PLOVER/CAMEO practice); the act itself gets no
//!    ACLED type because it has not happened.
//! 4. **Casualties** (`casualties`): killed and injured counts with ACLED's
//!    conventions; casualty triggers ("killing at least 70 civilians") attach
//!    their toll to the violent event of the sentence instead of making a new one.
//! 5. **Factuality** (`factuality`): from claim stances and sentence cues.
//! 6. **Discards**: sports, metaphor, history and accident patterns in
//!    `data/events/discards.tsv`. In code: a game score after a team name;
//!    named wars and battles ("the Korean War", "the Battle of X"); an old
//!    year in a relative clause after the trigger ("…, which ended in 1944")
//!    and a verb whose subject is such a historical nominal; accidents
//!    (discards scope `accident`) unless an armed actor that is not merely
//!    the reporter, or an `attack_evidence` cue, is in the sentence. A
//!    nominal trigger followed by a modal ("an invasion would displace …") is
//!    hypothetical (`factuality`).
//!
//! Every event names the rules and table rows that produced it in
//! `Event::rule`, and every trigger the coder drops (a sports sentence, a
//! metaphor, history, an accident, a `newness` verdict, a CAMEO verb with too
//! few parties, a generic violent word without evidence) goes into
//! `Analysis::dropped` with the rule that dropped it, for `--explain`; the
//! events are the same either way. Claim links (`Event::claims`) are left to
//! the lead's linker.
//!
//! ```
//! use sitrep_core::{Analysis, Doc, Stage};
//! use sitrep_events::EventCoder;
//! let doc = Doc::new("d1", "Barrel bombs killed at least 70 civilians, including women and children.");
//! let mut analysis = Analysis::default();
//! EventCoder::load_default().unwrap().annotate(&doc, &mut analysis);
//! let e = &analysis.events[0];
//! assert_eq!(e.cameo, "195");
//! assert_eq!(e.acled.sub_event_type, "Air/drone strike");
//! assert_eq!(e.fatalities.as_ref().unwrap().low, 70);
//! assert!(e.civilian_targeting);
//! ```

use sitrep_core::{
    AcledType, Actor, Analysis, Count, Doc, Dropped, Event, Factuality, Plover, Stage,
};

pub mod args;
pub mod aspect;
pub mod cameo_verbs;
pub mod casualties;
pub mod eval;
pub mod factuality;
pub mod genre;
pub mod harm;
pub mod lexicon;
pub mod newness;
pub mod parse_args;
pub mod relevance;
pub mod restatement;
pub mod semclass;
pub mod semclass_table;
pub mod sentence;
pub mod typing;
pub mod where_when;

use casualties::{Hit, UnitClass};
use lexicon::{Form, Lexicon, Role, TriggerMatch};
use sentence::Sent;

/// How far after a violent word its figurative arena may end ("shots were
/// fired in the escalating price war").
const ARENA_WINDOW: usize = 8;

/// Rule of an event told as another incident: its sentence opens so
/// ("Separately, …", "In a separate attack, …": cue class `separate_incident`)
/// or its clause says so ("Another roadside bomb …": `another_incident`); in-report
/// incident grouping never folds such an event into the incident before it.
pub const SEPARATE_INCIDENT: &str = "separate-incident";

/// Errors raised while loading this stage's knowledge or its evaluation data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{0}")]
    Load(String),
    #[error("data/events/{file} line {line}: {msg}")]
    Data {
        file: &'static str,
        line: usize,
        msg: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Parse { path: String, msg: String },
}

/// Fills `Analysis::events`.
#[derive(Debug)]
pub struct EventCoder {
    lx: Lexicon,
}

impl EventCoder {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<EventCoder, Error> {
        Ok(EventCoder {
            lx: Lexicon::builtin()?,
        })
    }

    /// Build a coder from data files given as text (for tests and tools).
    pub fn from_data(
        triggers: &str,
        quantities: &str,
        cues: &str,
        discards: &str,
    ) -> Result<EventCoder, Error> {
        Ok(EventCoder {
            lx: Lexicon::parse(triggers, quantities, cues, discards)?,
        })
    }

    /// The loaded lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lx
    }

    /// The PLOVER/PETRARCH recipient of `ev`: its `actor2`, else the country
    /// of a toponym in a locative PP around the trigger ("troops arrived in
    /// Amman" → JOR). ACLED leaves actor2 blank in that case, so `Event::actor2`
    /// stays empty and this is offered separately (the PLOVER and PETR2 suites
    /// score it).
    pub fn plover_recipient(&self, doc: &Doc, analysis: &Analysis, ev: &Event) -> Option<Actor> {
        args::plover_recipient(&self.lx, doc, analysis, ev)
    }

    /// The PLOVER/PETRARCH source of `ev`: its `actor1`, a sector-only one
    /// with the country of its phrase or place, else the country of the
    /// event's place ("a car bomb in Beirut" → LBN). `Event::actor1` keeps
    /// the ACLED reading (an unknown perpetrator stays blank).
    pub fn plover_source(&self, doc: &Doc, analysis: &Analysis, ev: &Event) -> Option<Actor> {
        args::plover_source(&self.lx, doc, analysis, ev)
    }
}

/// Table row, actor1, actor2 and place: one event per key and sentence.
type DedupKey = (String, Option<usize>, Option<usize>, Option<usize>);

/// A trigger on its way to becoming an event.
struct Cand {
    m: TriggerMatch,
    args: args::Args,
    fatal: Option<Hit>,
    injured: Option<Hit>,
    /// Absorbed into another candidate (a casualty trigger that gave its toll away).
    absorbed: bool,
    /// Associated actors (conjuncts of actor1 / actor2) from the parse.
    assoc1: Vec<args::Arg>,
    assoc2: Vec<args::Arg>,
    /// Country actors for sector-only actor1 / actor2 (from their modifiers).
    country1: Option<usize>,
    country2: Option<usize>,
    /// Subject of the verb of saying whose complement holds the trigger.
    reporter: Option<args::Arg>,
    rules: Vec<String>,
    /// Coded from the CAMEO verb dictionary (`cameo_verbs`): its arguments
    /// are final before step 1b.
    cameo: bool,
}

impl Cand {
    /// A fresh candidate: the trigger and its window arguments, nothing
    /// attached yet.
    fn new(m: TriggerMatch, args: args::Args, rules: Vec<String>, cameo: bool) -> Cand {
        Cand {
            m,
            args,
            fatal: None,
            injured: None,
            absorbed: false,
            assoc1: Vec::new(),
            assoc2: Vec::new(),
            country1: None,
            country2: None,
            reporter: None,
            rules,
            cameo,
        }
    }
}

/// A named war or battle at token `k`: a capitalised "War"/"Wars" after a
/// capitalised word ("the Korean War", "World War II"), or a capitalised
/// `history_named_head` cue followed by "of" and a capitalised name ("the
/// Battle of the Somme", "the Siege of Sarajevo").
fn named_history(s: &Sent, k: usize) -> bool {
    let cap = |i: usize| {
        s.text(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let w = s.words[k];
    if matches!(w, "war" | "wars") && s.text(k).starts_with('W') {
        return k > 0 && cap(k - 1) && s.words[k - 1].chars().all(char::is_alphabetic);
    }
    if s.lx.is("history_named_head", w) && cap(k) && s.words.get(k + 1) == Some(&"of") {
        let name = if s.words.get(k + 2) == Some(&"the") {
            k + 3
        } else {
            k + 2
        };
        return name < s.len() && cap(name);
    }
    false
}

/// "during the Blitz", "during the Troubles": a `history_period_prep`, "the"
/// and a run of capitalised words that no layer knows as an actor, place or
/// time, closing the phrase (punctuation, the end, or a function word; not a
/// modifier of a common noun such as "the Eid holiday").
fn named_period(s: &Sent, k: usize) -> bool {
    if !s.lx.is("history_period_prep", s.words[k]) || s.words.get(k + 1) != Some(&"the") {
        return false;
    }
    let cap = |i: usize| {
        s.text(i).chars().next().is_some_and(char::is_uppercase)
            && s.actor_of[i].is_none()
            && s.place_of[i].is_none()
            && s.time_of[i].is_none()
            && !s.lx.is("period_not_history", s.words[i])
    };
    let mut j = k + 2;
    while j < s.len() && cap(j) {
        j += 1;
    }
    if j == k + 2 {
        return false;
    }
    j >= s.len()
        || !s.words[j].chars().next().is_some_and(char::is_alphanumeric)
        || s.lx.is("history_period_close", s.words[j])
}

/// A game score: "N-N" or "N - N" after a capitalised name or a result word
/// ("the Red Sox 14-2", "won 3-1"), not followed by a victim noun (a range
/// such as "10-15 civilians" is a count).
fn score(s: &Sent) -> bool {
    let num = |i: usize| {
        s.words
            .get(i)
            .is_some_and(|w| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
    };
    (1..s.len()).any(|k| {
        if !(num(k) && s.words.get(k + 1) == Some(&"-") && num(k + 2)) {
            return false;
        }
        let before = s.text(k - 1);
        let named = before.chars().next().is_some_and(char::is_uppercase) && k - 1 > 0;
        let result = s.lx.is("score_result", s.words[k - 1]);
        let unit = s.words.get(k + 3).is_some_and(|w| {
            ["civilian_unit", "armed_unit", "person_unit"]
                .iter()
                .any(|c| s.lx.is(c, w))
        });
        (named || result) && !unit
    })
}

fn phrase_at(words: &[&str], i: usize, p: &[String]) -> bool {
    i + p.len() <= words.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
}

impl EventCoder {
    /// Sports sentences: every event in them is discarded, unless a
    /// `sports_override` cue names an armed attacker ("gunmen killed a
    /// football coach"; not the actor layer: teams are called "Bombers"). A score after a
    /// team name ("beat the Red Sox 14-2") is a sports context too.
    fn sentence_discard(&self, s: &Sent) -> Option<&str> {
        let hit = self
            .lx
            .discards
            .sentence
            .iter()
            .find(|(_, p)| {
                // A cue inside a named actor ("the Arab League", "Awami
                // League") names an organisation, not a game.
                (0..s.len()).any(|i| {
                    phrase_at(&s.words, i, p) && (i..i + p.len()).all(|k| s.actor_of[k].is_none())
                })
            })
            .map(|(kind, _)| kind.as_str())
            .or_else(|| score(s).then_some("sports"))?;
        let armed = (0..s.len()).any(|k| s.lx.cue_at("sports_override", &s.words, k).is_some());
        if armed && hit == "sports" {
            return None;
        }
        Some(hit)
    }

    /// The token of "fire" in an arson phrase "set (X) on fire" opened by
    /// the trigger word at `first` (the gap as the trigger form's: 1-6
    /// words).
    fn arson_fire(&self, s: &Sent, first: usize) -> Option<usize> {
        if !self.lx.is("arson_set", s.words[first]) {
            return None;
        }
        (first + 2..(first + 9).min(s.words.len()))
            .find(|&k| s.words[k - 1] == "on" && s.words[k] == "fire")
    }

    /// Metaphor and history for one trigger. The context scopes (after,
    /// before, subject) hold violent-reading cues ("fought the bill", "the
    /// storm killed"); they do not apply to non-violent triggers ("agreed to
    /// share information", "rejected the proposal").
    fn trigger_discard(
        &self,
        s: &Sent,
        first: usize,
        last: usize,
        violent: bool,
        protest: bool,
        form: Form,
    ) -> Option<String> {
        // "set X on fire" is arson only when the phrase ends there ("set a
        // bus on fire in Lagos"); a noun going on makes "on fire" part of
        // another phrase ("set new standards on fire safety").
        let arson_fire = self.arson_fire(s, first);
        if arson_fire.is_some_and(|k| {
            s.words.get(k + 1).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_alphanumeric) && !self.lx.is("arson_end", w)
            })
        }) {
            return Some("metaphor:on fire".into());
        }
        for (kind, p) in &self.lx.discards.phrase {
            let lo = (first + 1).saturating_sub(p.len());
            for i in lo..=first {
                if phrase_at(&s.words, i, p) && i + p.len() > first {
                    return Some(format!("{kind}:{}", p.join(" ")));
                }
            }
        }
        let rb = s.clause_end(last);
        // A possessive "'s" or a determiner does not use up the window ("an
        // attack on the paper's reporting").
        let is_poss = |k: usize| s.lx.is("possessive_det", s.words[k]);
        let mut end = last + 1;
        let mut seen = 0;
        while end < rb && seen < 3 {
            if !is_poss(end) {
                seen += 1;
            }
            end += 1;
        }
        for k in last + 1..end {
            if let Some(kind) = self.lx.discards.after.get(s.words[k]) {
                // The arson phrase's own "on fire" ("set a bus on fire") is no
                // complement of the trigger.
                if arson_fire == Some(k) {
                    continue;
                }
                // Hostile fire is no figure of speech: "opened fire with
                // rifles and grenades", "before setting fire to three trucks",
                // "came under fire".
                if k > 0 && self.lx.is("hostile_fire_before", s.words[k - 1]) {
                    continue;
                }
                // A cue word modifying a place noun ("took control of a gold
                // mine", "attacked the fire station") is no object of the
                // trigger: the place is.
                let next = s.words.get(k + 1).copied().unwrap_or("");
                if k + 1 < rb
                    && (self.lx.is("territory_noun", next) || self.lx.is("site_noun", next))
                {
                    continue;
                }
                // A protest against the cue's topic is no figure of speech
                // ("demonstrated against the new tax", "marched over rising prices").
                if protest && (last + 1..k).any(|j| matches!(s.words[j], "against" | "over")) {
                    continue;
                }
                // A non-violent trigger falls only with a violent complement
                // that the cue makes figurative ("vowed to fight inflation").
                let through_violent = (last + 1..k).any(|j| {
                    self.lx
                        .trigger_at(&s.words, j, true)
                        .is_some_and(|(_, e, _)| self.lx.entries[e].role.is_violent())
                });
                if violent || through_violent {
                    return Some(format!("{kind}:after:{}", s.words[k]));
                }
            }
        }
        if let Some(d) = self.evaluative_abstract(s, first, last) {
            return Some(d);
        }
        if !violent {
            return self.subject_discard(s, first);
        }
        if let Some(d) = self.figurative_arena(s, last) {
            return Some(d);
        }
        // The `before` cues modify a noun ("court battle", "price war"); a
        // past-tense verb after them is a clause of its own ("a court has
        // jailed", "the court sentenced").
        for k in first.saturating_sub(2)..first {
            if form == Form::Ed {
                break;
            }
            if let Some(kind) = self.lx.discards.before.get(s.words[k]) {
                return Some(format!("{kind}:before:{}", s.words[k]));
            }
        }
        self.subject_discard(s, first)
    }

    /// A violent word set in a figurative conflict: "the first shots were
    /// fired in the price war", "the opening salvo of the trade war", "shots
    /// fired in the debate". After the trigger, in its clause, a
    /// `figure_arena_prep` ("in"/"of"/"into") and within four words an arena (`figure_arena` + a
    /// `figure_arena_head`: "price war", "culture battle"; or a
    /// `figure_arena_alone` noun: "debate") makes the trigger part of the
    /// figure. A real war keeps it ("fired in the civil war").
    fn figurative_arena(&self, s: &Sent, last: usize) -> Option<String> {
        let rb = s.clause_end(last).min(last + 1 + ARENA_WINDOW);
        let k = (last + 1..rb).find(|&k| s.lx.is("figure_arena_prep", s.words[k]))?;
        let mut j = k + 1;
        while j < rb.min(k + 6) {
            let w = s.words[j];
            if s.is_prep(w) || s.kinds[j] != sitrep_core::TokenKind::Word {
                return None;
            }
            let head = s.words.get(j + 1).copied().unwrap_or("");
            if s.lx.is("figure_arena", w) && s.lx.is("figure_arena_head", head) {
                return Some(format!("metaphor:arena:{w} {head}"));
            }
            if s.lx.is("figure_arena_alone", w) {
                return Some(format!("metaphor:arena:{w}"));
            }
            j += 1;
        }
        None
    }

    /// A colloquial evaluative verb ("slammed", "blasted") whose object is
    /// not a party but a thing ("slammed the government's handling of the
    /// floods", "blasted the decision"): commentary, not a coded event. The
    /// object's owner ("the government's") does not make it a party; a party
    /// object ("slammed Russia") keeps the event.
    fn evaluative_abstract(&self, s: &Sent, first: usize, last: usize) -> Option<String> {
        if s.lx.cue_at("evaluative_verb", &s.words, first) != Some(last + 1 - first) {
            return None;
        }
        let w = s.words[first..=last].join(" ");
        let rb = s.clause_end(last);
        for k in last + 1..rb {
            let x = s.words[k];
            if s.actor_of[k].is_some() || s.lx.is("possessive_det", x) {
                continue;
            }
            if x.chars().all(char::is_alphabetic) && !s.lx.is("argument_prep", x) {
                return Some(format!("metaphor:evaluative-abstract-object:{w}:{x}"));
            }
            return None;
        }
        None
    }

    /// A headline verb right after its subject: "Rebel fighters raid army
    /// base", "Police raid homes of opposition leaders". The word before is
    /// the end of an actor mention with no determiner of its own before the
    /// trigger, and an actor follows as the object (not a preposition, a
    /// verb or a weapon: "the rebel raid on …", "the army attack killed
    /// four", "army attack helicopters").
    fn headline_verb(&self, s: &Sent, i: usize) -> bool {
        if i == 0 || s.actor_of[i - 1].is_none() || i + 1 >= s.len() {
            return false;
        }
        let next = s.words[i + 1];
        // (An armed force is an actor, no weapon: "raid army base".)
        let weapon = s.actor_of[i + 1].is_none()
            && ["weapon_noun", "drone_cue", "air_cue", "artillery_cue"]
                .iter()
                .any(|c| s.lx.cue_at(c, &s.words, i + 1).is_some());
        // The object: an actor mention within two words ("army base", "the village").
        let object = (i + 1..(i + 3).min(s.len())).any(|k| s.actor_of[k].is_some());
        object
            && !weapon
            && !s.is_prep(next)
            && self.lx.trigger_at(&s.words, i + 1, false).is_none()
    }

    /// "fired a drone at a ship", "fired anti-aircraft batteries at Russia":
    /// a `fire_verb` whose object is a weapon, then a target preposition,
    /// is a shooting (typed by the weapon cue, `weapon_fired_entry`).
    fn fire_weapon_at(&self, s: &Sent, i: usize) -> Option<(usize, usize, Form)> {
        if !s.lx.is("fire_verb", s.words[i]) {
            return None;
        }
        let rb = s.clause_end(i);
        let hi = (i + 6).min(rb);
        let weapon = (i + 1..hi).find(|&k| {
            ["weapon_noun", "air_cue", "drone_cue", "artillery_cue"]
                .iter()
                .any(|c| s.lx.cue_at(c, &s.words, k).is_some())
        })?;
        // "launched airstrikes on": the weapon word is a trigger of its own.
        if (i + 1..=weapon).any(|k| self.lx.trigger_at(&s.words, k, false).is_some()) {
            return None;
        }
        (weapon + 1..(weapon + 4).min(rb)).find(|&k| s.lx.is("target_prep", s.words[k]))?;
        let entry = self.lx.entry_for("weapon_fired_entry")?;
        let form = if s.words[i].ends_with("ing") {
            Form::Ing
        } else if s.words[i].ends_with('s') {
            Form::S
        } else if s.words[i].ends_with('d') {
            Form::Ed
        } else {
            Form::Base
        };
        Some((0, entry, form))
    }

    /// "a crowd broke into a rice warehouse", "looters broke into shops": a
    /// `break_in_verb` with "into" and a building or site as its object (a
    /// `site_noun`, or a noun whose first sense is a structure), by a crowd or
    /// armed men or to take or wreck (`break_in_crowd`, `break_in_taking`), is a looting
    /// (the `break_in_entry` row); not "broke into tears", "broke into the
    /// top ten" or "broke into the market". The trigger is the verb and
    /// "into".
    fn break_in_at(&self, s: &Sent, i: usize) -> Option<(usize, usize, Form)> {
        if !s.lx.is("break_in_verb", s.words[i]) || s.words.get(i + 1) != Some(&"into") {
            return None;
        }
        let table = semclass_table::Table::bundled();
        let structure = |w: &str| {
            s.lx.is("site_noun", w)
                || table.is_some_and(|t| t.first_class(w) == Some("artifact.structure"))
        };
        // The object's words up to a preposition or a punctuation mark.
        let rb = s.clause_end(i + 1).min(i + 6);
        let mut object = (i + 2..rb)
            .take_while(|&k| s.kinds[k] == sitrep_core::TokenKind::Word && !s.is_prep(s.words[k]));
        if !object.any(|k| structure(s.words[k])) {
            return None;
        }
        // Breaking in to take or wreck, or a crowd or armed men breaking in
        // ("… and carried off sacks of grain", "a mob broke into"); not
        // "firefighters broke into the building to rescue two workers".
        let taking = (i + 2..s.len()).any(|k| s.lx.is("break_in_taking", s.words[k]));
        let crowd = (s.clause_start(i)..i).any(|k| {
            s.lx.is("break_in_crowd", s.words[k])
                || s.actor_of[k].is_some_and(|a| typing::bears_arms(&s.actors[a]))
        });
        if !taking && !crowd {
            return None;
        }
        let entry = self.lx.entry_for("break_in_entry")?;
        let form = match s.words[i] {
            w if w.ends_with("ing") => Form::Ing,
            w if w.ends_with('s') => Form::S,
            "break" => Form::Base,
            _ => Form::Ed,
        };
        Some((1, entry, form))
    }

    /// "Ukrainian drones hit an oil depot": a remote-weapon row of the
    /// table whose first word ends an actor mention ("drones hit") is matched
    /// on the verb alone, the weapon staying the actor.
    fn weapon_subject_at(&self, s: &Sent, i: usize) -> Option<(usize, usize, Form)> {
        if i == 0 || s.actor_of[i - 1].is_none() {
            return None;
        }
        let pair = [s.words[i - 1], s.words[i]];
        let (n, entry, form) = self.lx.trigger_at(&pair, 0, false)?;
        (n == 1 && self.lx.entries[entry].role == Role::Remote).then_some((0, entry, form))
    }

    /// "the storm killed", "shares were hammered after a profit warning".
    /// A condolence ("our thoughts are with the families of those killed in
    /// the attack") mourns an event told elsewhere, but not one its sentence
    /// tells after a link word ("sent condolences after a suicide bomber
    /// killed 30 worshippers").
    fn subject_discard(&self, s: &Sent, first: usize) -> Option<String> {
        for k in s.clause_start(first)..first {
            if let Some(kind) = self.lx.discards.subject.get(s.words[k]) {
                // "Bandits storm a market, kill 7": a cue word right after an
                // actor that is a trigger itself is the verb, not the subject.
                let verb = k > 0
                    && s.actor_of[k - 1].is_some()
                    && s.actor_of[k].is_none()
                    && self.lx.trigger_at(&s.words, k, true).is_some();
                if verb {
                    continue;
                }
                let linked = || {
                    s.words[k + 1..first]
                        .iter()
                        .any(|w| matches!(*w, "after" | "as" | "when" | "following"))
                };
                if kind == "condolence" && linked() {
                    continue;
                }
                return Some(format!("{kind}:subject:{}", s.words[k]));
            }
        }
        None
    }

    /// "the 2013 chemical attack", "killed in 1994", "three years ago".
    fn historical(
        &self,
        s: &Sent,
        first: usize,
        last: usize,
        violent: bool,
        published_year: Option<i32>,
    ) -> Option<&'static str> {
        let year = |w: &str| -> Option<i32> {
            if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
                w.parse().ok().filter(|y| (1900..2100).contains(y))
            } else {
                None
            }
        };
        // Without a publication date only clearly old years count (before 2000).
        let old = |y: i32| published_year.map_or(y < 2000, |p| y < p);
        for k in first.saturating_sub(3)..first {
            if let Some(y) = year(s.words[k]) {
                if old(y)
                    && (k + 1 == first
                        || s.words[k + 1..first]
                            .iter()
                            .all(|w| w.chars().all(char::is_alphabetic)))
                {
                    return Some("history:old-year-before-trigger");
                }
            }
        }
        let rb = s.clause_end(last);
        for k in last + 1..(last + 6).min(rb) {
            if matches!(s.words[k], "in" | "since" | "from") {
                // "in 1945", "in February 1945", "in the summer of 2012";
                // after a preposition an older year is a date too ("in 1812").
                let year = |w: &str| {
                    year(w).or_else(|| {
                        (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                            .then(|| w.parse().ok())
                            .flatten()
                            .filter(|y: &i32| (1000..1900).contains(y))
                    })
                };
                for j in k + 1..(k + 5).min(s.len()) {
                    if let Some(y) = year(s.words[j]) {
                        if old(y) {
                            return Some("history:in-old-year");
                        }
                        break;
                    }
                    if !s.words[j].chars().all(char::is_alphabetic) {
                        break;
                    }
                }
            }
        }
        let lb = s.clause_start(first);
        // A history cue dates the nearest trigger: another trigger between
        // it and this one takes it ("issued arrest warrants for men sought in
        // the slaying of two missionaries three years ago": the slaying).
        let trigger_between =
            |a: usize, b: usize| (a..b).any(|j| self.lx.trigger_at(&s.words, j, false).is_some());
        if (lb..rb).any(|k| {
            s.lx.cue_at("history", &s.words, k).is_some_and(|n| {
                if k > last {
                    !trigger_between(last + 1, k)
                } else {
                    !trigger_between(k + n, first)
                }
            })
        }) {
            return Some("history:cue");
        }
        // A trailing comma phrase dates the clause before it ("the massacre
        // at X, more than fifty years ago"): an `ago` of years, decades or
        // centuries with no verb of its own.
        if rb < s.len() && s.words[rb] == "," {
            for k in rb + 1..(rb + 7).min(s.len()) {
                if matches!(s.words[k], "," | "." | ";" | "and" | "but" | "when") {
                    break;
                }
                if s.words[k] == "ago" && k > 0 && s.lx.is("history_ago_unit", s.words[k - 1]) {
                    return Some("history:years-ago");
                }
            }
        }
        // The rules below date the violence itself; a statement about it
        // ("demanded an admission that … murdered … during World War Two") is new.
        if !violent {
            return None;
        }
        // "the 1994 genocide in Rwanda killed …": a dated event as the subject.
        if (lb..first).any(|k| {
            s.words[k] == "the" && s.words.get(k + 1).and_then(|w| year(w)).is_some_and(old)
        }) {
            return Some("history:dated-subject");
        }
        // "in the thirteenth century" (not this one).
        if (lb..rb).any(|k| {
            s.words[k] == "century" && k > 0 && s.lx.is("history_century_ordinal", s.words[k - 1])
        }) {
            return Some("history:old-century");
        }
        // A named war or battle in the clause ("during the Korean War",
        // "died at the Battle of Stalingrad"), the trigger itself included.
        if (lb..rb).any(|k| named_history(s, k)) {
            return Some("history:named-war-or-battle");
        }
        // "bombed during the Blitz": a named period (a capitalised name that
        // is no actor, place or date) after "during the".
        if (lb..rb).any(|k| named_period(s, k)) {
            return Some("history:named-period");
        }
        // "the siege of X, which ended in 1944": an old year in a relative
        // clause right after the trigger's phrase.
        let end = (last + 8).min(s.len());
        if let Some(w) = (last + 1..end).find(|&k| matches!(s.words[k], "which" | "that")) {
            if s.words[w - 1] == "," {
                for k in w + 1..(w + 7).min(s.len()) {
                    if s.lx.is("history_year_prep", s.words[k]) {
                        if let Some(y) = s.words.get(k + 1).and_then(|w| year(w)) {
                            if old(y) {
                                return Some("history:relative-clause-old-year");
                            }
                        }
                    }
                    if s.words[k] == "," {
                        break;
                    }
                }
            }
        }
        None
    }

    /// An accident or disaster sentence ("a bus crashed", "a fire at a
    /// factory", "drowned") with no armed actor and no attack word: its
    /// casualty and violent triggers report no attack.
    fn accident(&self, s: &Sent) -> Option<String> {
        let (kind, p) = self
            .lx
            .discards
            .accident
            .iter()
            .find(|(_, p)| (0..s.len()).any(|i| phrase_at(&s.words, i, p)))?;
        // An armed actor that only reports ("police said") takes no part.
        let reports = |k: usize| {
            (k.saturating_sub(2)..(k + 3).min(s.len())).any(|j| s.lx.is("report", s.words[j]))
                || k >= 2 && s.words[k - 2] == "according" && s.words[k - 1] == "to"
        };
        let armed = (0..s.len()).any(|k| {
            s.actor_of[k].is_some_and(|a| s.actors.get(a).is_some_and(typing::is_armed))
                && !reports(k)
        });
        let attack = (0..s.len()).any(|k| s.lx.cue_at("attack_evidence", &s.words, k).is_some());
        // A stated non-hostile cause ("during a training flight", "engine
        // failure") outweighs an armed actor (the crew), not an attack word.
        let cause = (0..s.len()).any(|k| s.lx.cue_at("accident_cause", &s.words, k).is_some());
        if attack || armed && !cause {
            return None;
        }
        Some(format!("{kind}:accident:{}", p.join(" ")))
    }

    /// Can the tree rules add anything here? Parsing costs more than all
    /// the other rules together, so a sentence is parsed only when one of
    /// its candidates has an empty argument that another actor mention of the
    /// sentence could fill, a sector-only actor, coordinated actors, or a
    /// deontic cue (a demand whose speaker the parse finds).
    fn needs_parse(&self, s: &Sent, cands: &[Cand]) -> bool {
        if cands.is_empty() {
            return false;
        }
        // Mentions that only report ("police said", "according to police")
        // are no argument the parse could add.
        let reporting = |k: usize| {
            (k + 1..(k + 3).min(s.len())).any(|j| s.lx.is("report", s.words[j]))
                || k >= 2 && s.words[k - 2] == "according" && s.words[k - 1] == "to"
        };
        let mut mentions: Vec<usize> = Vec::new();
        let mut k = 0;
        while k < s.len() {
            if let Some((_, l, a)) = s.actor_extent(k) {
                if !reporting(l) && !mentions.contains(&a) {
                    mentions.push(a);
                }
                k = l + 1;
            } else {
                k += 1;
            }
        }
        if mentions.is_empty() {
            return false;
        }
        let generic = |a: Option<args::Arg>| {
            a.is_some_and(|a| {
                s.actors
                    .get(a.index)
                    .is_some_and(|x| x.code.starts_with("---"))
            })
        };
        let unused = |c: &Cand| {
            mentions.iter().any(|m| {
                c.args.actor1.is_none_or(|a| a.index != *m)
                    && c.args.actor2.is_none_or(|a| a.index != *m)
            })
        };
        let open = cands.iter().any(|c| {
            (c.args.actor1.is_none() || c.args.actor2.is_none()) && unused(c)
                || generic(c.args.actor1)
                || generic(c.args.actor2)
        });
        // "X and Y", "X, Y": two mentions joined by a coordinator.
        let coordinated = (1..s.len().saturating_sub(1)).any(|k| {
            matches!(s.words[k], "and" | "," | "or")
                && s.actor_of[k - 1].is_some()
                && s.actor_of[k + 1].is_some()
                && s.actor_of[k - 1] != s.actor_of[k + 1]
        });
        let demand = (0..s.len()).any(|k| s.lx.cue_at("deontic", &s.words, k).is_some());
        open || coordinated || demand
    }

    /// Step 1a: events from the CAMEO verb dictionary (`cameo_verbs`). A
    /// token the curated table does not cover, parsed as a verb whose lemma
    /// the dictionary knows, is coded by its most specific pattern (or its
    /// default); the same discards as for curated triggers apply. Arguments
    /// come from the window and tree rules, then the pattern's `$`/`+`
    /// markers; an empty target takes the actor of the verb's from/with/to/
    /// against phrase ("received weapons from Y"); a reversed code (`[:B]`)
    /// swaps the sides. Without a source the verb codes nothing (PETRARCH
    /// codes no sourceless event).
    #[allow(clippy::too_many_arguments)]
    fn cameo_cands(
        &self,
        doc: &Doc,
        analysis: &Analysis,
        s: &Sent,
        at: &[usize],
        accident: Option<&str>,
        published_year: Option<i32>,
        cands: &mut Vec<Cand>,
        dropped: &mut Vec<Dropped>,
    ) {
        // The verb needs a party to code: an actor mention in the sentence.
        // Where the curated table found a trigger, it decides the sentence's
        // main event (measured: adding dictionary events there as equals made
        // the main event wrong more often than right, PLOVER GSR 0.860 →
        // 0.845); the dictionary then only adds secondary codings of the
        // clause's main verb ("expressed sorrow for the shootings", "claimed
        // that ISIL had attacked Iraq"), which stay after the curated events.
        if at.is_empty() || s.actor_of.iter().all(Option::is_none) {
            return;
        }
        let secondary = !cands.is_empty();
        // A secondary coding is of the main verb, which comes before the
        // curated triggers it governs ("expressed sorrow for the shootings",
        // "faces pressure … to help"); later verbs are not worth a parse.
        let first_curated = cands.iter().map(|c| c.m.first).min().unwrap_or(usize::MAX);
        let at: Vec<usize> = at.iter().copied().filter(|&i| i < first_curated).collect();
        if at.is_empty() {
            return;
        }
        let words: std::collections::HashSet<&str> = s.words.iter().copied().collect();
        let at: Vec<usize> = at
            .iter()
            .copied()
            .filter(|&i| self.lx.cameo.worth_parsing(s.words[i], &words))
            .collect();
        if at.is_empty() {
            return;
        }
        let Some(parse) = analysis.parses.get(doc, s.index) else {
            return;
        };
        let p: &sitrep_core::SentenceParse = &parse;
        if p.sentence != s.index {
            return;
        }
        let tok_of: Vec<Option<usize>> = p
            .words
            .iter()
            .map(|w| w.token.checked_sub(s.base).filter(|&k| k < s.len()))
            .collect();
        let form_of = |j: usize| {
            tok_of
                .get(j)
                .copied()
                .flatten()
                .map(|k| s.words[k].to_string())
                .unwrap_or_default()
        };
        let actor_at = |j: usize, rule: &'static str| -> Option<args::Arg> {
            let k = tok_of.get(j).copied().flatten()?;
            let (f, _, a) = s.actor_extent(k)?;
            Some(args::Arg {
                index: a,
                tok: f,
                rule,
            })
        };
        let tree = parse_args::Tree::new(s, p);
        for &i in &at {
            let Some(v) = p.word_of_token(s.tok(i)) else {
                continue;
            };
            if p.words[v].upos != "VERB" || secondary && !self.main_verb(s, p, v, &form_of) {
                continue;
            }
            let Some(hit) = self.lx.cameo.code_verb(p, v, &form_of) else {
                continue;
            };
            let form = match p.words[v].xpos.as_str() {
                "VBD" | "VBN" => Form::Ed,
                "VBG" => Form::Ing,
                "VBZ" => Form::S,
                _ => Form::Base,
            };
            let dirs = [
                (hit.code.forward.clone(), false),
                (hit.code.reversed.clone(), true),
            ];
            for (code, reversed) in dirs {
                let Some(code) = code else { continue };
                // "said", "announced": a bare statement (010) is no event, and
                // other public statements (01x) only from a pattern ("expressed sorrow").
                if code == "010" || code.starts_with("01") && hit.pattern.is_none() {
                    continue;
                }
                let Some(&entry) = self.lx.cameo_entries.get(&code) else {
                    continue;
                };
                let en = &self.lx.entries[entry];
                let violent = matches!(en.plover.as_str(), "ASSAULT" | "COERCE" | "PROTEST")
                    || !en.acled_type.is_empty();
                let (times, published) = (&analysis.times, doc.meta.published);
                let why = self
                    .trigger_discard(s, i, i, violent, en.plover == "PROTEST", form)
                    .or_else(|| accident.filter(|_| violent).map(String::from))
                    .or_else(|| {
                        self.historical(s, i, i, violent, published_year)
                            .map(String::from)
                    })
                    .or_else(|| {
                        newness::judge(s, i, i, form, violent, times, published)
                            .map(|v| v.to_string())
                    });
                if let Some(why) = why {
                    record(dropped, doc, s, i, i, why);
                    continue;
                }
                let m = TriggerMatch {
                    first: i,
                    last: i,
                    entry,
                    form,
                };
                let mut c = Cand::new(
                    m,
                    args::actors(s, i, i, form, en.role, true),
                    vec![cameo_verbs::CameoVerbs::describe(&hit, &code)],
                    true,
                );
                if let Some(t) = tree.as_ref() {
                    self.tree_args(s, t, &mut c);
                }
                if let Some(a) = hit
                    .source_word
                    .and_then(|j| actor_at(j, "actor1:cameo:$-marker"))
                {
                    c.args.actor1 = Some(a);
                }
                if let Some(a) = hit
                    .target_word
                    .and_then(|j| actor_at(j, "actor2:cameo:+-marker"))
                {
                    c.args.actor2 = Some(a);
                }
                // "conducting military exercises": a sector word the verb's
                // pattern consumed is part of the act, not its target.
                if let Some(pat) = hit.pattern.as_deref() {
                    let consumed = c
                        .args
                        .actor2
                        .and_then(|a| s.actors.get(a.index))
                        .is_some_and(|x| {
                            x.code.starts_with("---")
                                && x.span.text.split_whitespace().all(|w| {
                                    pat.split(|ch: char| !ch.is_alphanumeric())
                                        .any(|p| p.eq_ignore_ascii_case(w))
                                })
                        });
                    if consumed {
                        c.args.actor2 = None;
                        c.rules.push("actor2:consumed-by-pattern".into());
                    }
                }
                if c.args.actor2.is_none() {
                    c.args.actor2 = hit
                        .pps
                        .iter()
                        .filter(|(prep, _)| {
                            matches!(prep.as_str(), "from" | "with" | "to" | "against")
                        })
                        .find_map(|&(_, j)| actor_at(j, "actor2:cameo:pp"))
                        .filter(|a| c.args.actor1.is_none_or(|x| x.index != a.index));
                }
                if reversed {
                    std::mem::swap(&mut c.args.actor1, &mut c.args.actor2);
                    c.rules.push("cameo:reversed-code".into());
                }
                let named = |a: Option<args::Arg>| {
                    a.and_then(|a| s.actors.get(a.index))
                        .is_some_and(|x| !x.code.starts_with("---"))
                };
                // A sector alone ("generals", "officials") with no other side is too vague.
                if c.args.actor1.is_none() || c.args.actor2.is_none() && !named(c.args.actor1) {
                    record(
                        dropped,
                        doc,
                        s,
                        i,
                        i,
                        "cameo:needs-two-sides-or-a-named-one".into(),
                    );
                    continue;
                }
                // A verb's default code (no pattern matched) is the weakest
                // reading: it needs both sides, one of them a named actor.
                if hit.pattern.is_none()
                    && (c.args.actor2.is_none() || !named(c.args.actor1) && !named(c.args.actor2))
                {
                    record(
                        dropped,
                        doc,
                        s,
                        i,
                        i,
                        "cameo:default-code-needs-a-named-side".into(),
                    );
                    continue;
                }
                cands.push(c);
            }
        }
    }

    /// Step 3b: PETRARCH2's `~` rules (`cameo_verbs::Transform`). A
    /// violent event (CAMEO 18–20) in the complement of a verb of saying
    /// or claiming codes its subject accusing the perpetrator (112), or
    /// claiming responsibility when it is the perpetrator itself (015);
    /// under "want" it is an appeal (021) or, with no other perpetrator, a
    /// threat (138); an attempted assassination is 185. The embedded event
    /// stays; the new coding comes after the curated events (secondary).
    fn transformations(&self, doc: &Doc, analysis: &Analysis, s: &Sent, cands: &mut Vec<Cand>) {
        let rules = self.lx.cameo.transforms();
        // Parse only for a framing verb (a rule's verb or a reporting cue)
        // with an actor before it and a curated event after it.
        let last = cands
            .iter()
            .filter(|c| !c.absorbed && !c.cameo)
            .map(|c| c.m.first)
            .max();
        let Some(last) = last else { return };
        let framing = |k: usize| {
            s.lx.is("report", s.words[k])
                || rules
                    .iter()
                    .any(|r| self.lx.cameo.is_form_of(s.words[k], &r.verb))
        };
        let first_actor = s.actor_of.iter().position(Option::is_some);
        if rules.is_empty() || !first_actor.is_some_and(|a| (a + 1..last).any(framing)) {
            return;
        }
        let Some(parse) = analysis.parses.get(doc, s.index) else {
            return;
        };
        let Some(tree) = parse_args::Tree::new(s, &parse) else {
            return;
        };
        let mut new: Vec<Cand> = Vec::new();
        for c in cands.iter().filter(|c| !c.absorbed && !c.cameo) {
            let e = &self.lx.entries[c.m.entry];
            // A leading frame only: "…, officials said" after the event is
            // its attribution, not an event about it (PETRARCH2 splits it off).
            let Some((v, lemma, a)) = tree
                .frame(s, c.m.first, c.m.last)
                .filter(|&(v, _, _)| v < c.m.first)
            else {
                continue;
            };
            let same = |x: Option<args::Arg>| {
                x.is_some_and(|x| {
                    x.index == a.index
                        || s.actors.get(x.index).map(|y| &y.code)
                            == s.actors.get(a.index).map(|y| &y.code)
                })
            };
            let (src, tgt) = (c.args.actor1, c.args.actor2);
            let verb_ok = |verb: &str| match verb {
                "say" => lemma == "say" || s.lx.is("report", s.words[v]),
                "attempt" => matches!(lemma.as_str(), "attempt" | "try"),
                other => lemma == other,
            };
            let class_ok = |class: &str| match class {
                "attack" => ["18", "19", "20"].iter().any(|r| e.cameo.starts_with(r)),
                "assassinate" => e.cameo == "186",
                _ => false,
            };
            let Some((rule, b)) = rules.iter().find_map(|r| {
                if !verb_ok(&r.verb) || !class_ok(&r.class) {
                    return None;
                }
                let src_ok = match r.src {
                    'a' => same(src),
                    '_' => src.is_none() || same(src),
                    'b' => src.is_some() && !same(src),
                    _ => true,
                };
                let tgt_ok = match r.tgt {
                    'b' => tgt.is_some() && !same(tgt),
                    '.' => true,
                    _ => false,
                };
                let b = if r.src == 'b' { src } else { tgt };
                (src_ok && tgt_ok).then_some((r, b?))
            }) else {
                continue;
            };
            let Some(&entry) = self.lx.cameo_entries.get(&rule.code) else {
                continue;
            };
            let m = TriggerMatch {
                first: v,
                last: v,
                entry,
                form: Form::Ed,
            };
            let args = args::Args {
                actor1: Some(a),
                actor2: Some(b),
                passive: false,
                object_tok: None,
            };
            let mut t = Cand::new(
                m,
                args,
                vec![format!(
                    "cameo-transformation:{}({}):{} (CAMEO.2.0.txt:{})",
                    rule.verb, rule.class, rule.code, rule.line
                )],
                true,
            );
            t.assoc1 = tree
                .associates(s, &a)
                .into_iter()
                .filter(|x| x.index != a.index && x.index != b.index)
                .collect();
            new.push(t);
        }
        // The transformation is the frame verb's coding: the dictionary's
        // own coding of that verb ("claimed" 110 beside "claimed that they
        // had attacked Iraq" 015) goes, as in PETRARCH2.
        for c in cands.iter_mut().filter(|c| c.cameo) {
            if new
                .iter()
                .any(|t| c.m.first <= t.m.first && t.m.first <= c.m.last)
            {
                c.absorbed = true;
            }
        }
        cands.extend(new);
    }

    /// Is parse word `v` the main verb of the sentence: its root, a verb
    /// coordinated with the root, or the complement of a reporting root
    /// ("Obama said he would not give permission …")?
    fn main_verb(
        &self,
        s: &Sent,
        p: &sitrep_core::SentenceParse,
        v: usize,
        form_of: &dyn Fn(usize) -> String,
    ) -> bool {
        let rel = p.base_rel(v);
        if rel == "root" {
            return true;
        }
        let Some(h) = p.head(v) else {
            return false;
        };
        match rel {
            "conj" => p.base_rel(h) == "root",
            "ccomp" => p.base_rel(h) == "root" && s.lx.is("report", &form_of(h)),
            _ => false,
        }
    }

    /// Arguments from the parse: fill the empty window arguments, record
    /// associated actors, countries of sector-only actors and the reporter.
    fn tree_args(&self, s: &Sent, tree: &parse_args::Tree, c: &mut Cand) {
        let e = &self.lx.entries[c.m.entry];
        let mut t = tree.actors(s, c.m.first, c.m.last, c.m.form, e.role, e.verb);
        // "70 people died": the subject of an intransitive casualty verb is the victim.
        if matches!(e.role, Role::Kill | Role::Injure)
            && s.lx.is("intransitive", s.words[c.m.first])
        {
            if let Some(mut a1) = t.actor1.take() {
                if t.actor2.is_none() {
                    a1.rule = "parse:actor2:intransitive-subject";
                    t.actor2 = Some(a1);
                }
            }
        }
        // The parse fills what the window rules left empty. Letting it
        // override them too was measured and dropped (PLOVER GSR target
        // accuracy fell 0.569 → 0.556: parse errors on long sentences).
        let other = |a: Option<args::Arg>| a.map(|a| a.index);
        if c.args.actor1.is_none() && t.actor1.map(|a| a.index) != other(c.args.actor2) {
            c.args.actor1 = t.actor1;
        }
        if c.args.actor2.is_none() && t.actor2.map(|a| a.index) != other(c.args.actor1) {
            c.args.actor2 = t.actor2;
        }
        if c.args.actor1.map(|a| a.index) == c.args.actor2.map(|a| a.index) {
            c.args.actor2 = None;
        }
        let keep = |v: Vec<args::Arg>, c: &Cand| -> Vec<args::Arg> {
            v.into_iter()
                .filter(|a| {
                    c.args.actor1.is_none_or(|x| x.index != a.index)
                        && c.args.actor2.is_none_or(|x| x.index != a.index)
                })
                .collect()
        };
        let assoc1 = c
            .args
            .actor1
            .map(|a| tree.associates(s, &a))
            .unwrap_or_default();
        let assoc2 = c
            .args
            .actor2
            .map(|a| tree.associates(s, &a))
            .unwrap_or_default();
        c.assoc1 = keep(assoc1, c);
        c.assoc2 = keep(assoc2, c);
        let generic = |a: &Option<args::Arg>| {
            a.filter(|a| {
                s.actors
                    .get(a.index)
                    .is_some_and(|x| x.code.starts_with("---"))
            })
        };
        c.country1 = generic(&c.args.actor1).and_then(|a| tree.country_for(s, &a));
        c.country2 = generic(&c.args.actor2).and_then(|a| tree.country_for(s, &a));
        c.reporter = tree.reporting_subject(s, c.m.first, c.m.last);
    }

    /// Code the events of sentence `si` into `out`; every trigger dropped
    /// on the way goes into `dropped` with the rule that dropped it.
    fn code_sentence(
        &self,
        doc: &Doc,
        analysis: &Analysis,
        si: usize,
        out: &mut Vec<Event>,
        dropped: &mut Vec<Dropped>,
        domains: &relevance::DocProfile,
    ) {
        let s = Sent::new(doc, &self.lx, analysis, si);
        if s.is_empty() {
            return;
        }
        // A labelled line (a column, a caption, a live-page notice) tells no
        // event (`genre`).
        let discard = self
            .sentence_discard(&s)
            .map(str::to_string)
            .or_else(|| genre::label(&s));
        if let Some(kind) = discard {
            // The whole sentence goes: record each trigger word in it.
            let mut i = 0;
            while i < s.len() {
                match self.lx.trigger_at(&s.words, i, false) {
                    Some((n, _, _)) if s.actor_of[i].is_none() => {
                        record(dropped, doc, &s, i, i + n, format!("{kind}:sentence"));
                        i += n + 1;
                    }
                    _ => i += 1,
                }
            }
            return;
        }
        let published_year = doc.meta.published.map(|d| chrono::Datelike::year(&d));
        let accident_rule = self.accident(&s);
        // 1. Triggers.
        let mut cands: Vec<Cand> = Vec::new();
        let mut hist_noun: Option<usize> = None;
        // Objects of a figurative trigger ("battling a wave of criticism",
        // "fighting a lawsuit") are part of the figure, not events of their own.
        let mut metaphor_objects: Vec<usize> = Vec::new();
        // Tokens that may be verbs of the CAMEO verb dictionary (step 1a).
        let mut cameo_at: Vec<usize> = Vec::new();
        // A capitalised word after a capitalised word inside running text is
        // part of a name ("the Canadian Press", "the Free Trade Agreement",
        // "Operation Desert Storm"), not a trigger; a title-case headline has
        // no such contrast and keeps its triggers.
        let cap = |k: usize| s.text(k).chars().next().is_some_and(char::is_uppercase);
        let alpha: Vec<usize> = (0..s.len())
            .filter(|&k| s.words[k].chars().all(char::is_alphabetic) && !s.words[k].is_empty())
            .collect();
        let running_text = alpha.iter().filter(|&&k| cap(k)).count() * 2 < alpha.len();
        // The sentence's name mask, built on the first capitalised trigger.
        let mut names = None;
        let in_name = |k: usize| {
            running_text
                && k > 0
                && cap(k)
                && cap(k - 1)
                && s.kinds[k - 1] == sitrep_core::TokenKind::Word
        };
        let mut i = 0;
        while i < s.len() {
            if !matches!(
                s.kinds[i],
                sitrep_core::TokenKind::Word | sitrep_core::TokenKind::Hashtag
            ) || s.actor_of[i].is_some()
            {
                i += 1;
                continue;
            }
            let prev = if i > 0 { s.words[i - 1] } else { "" };
            // After a modal, a pronoun or "to" a trigger reads as a verb
            // ("they attack", "to battle").
            let prefer_verb = self.lx.is("verb_opener", prev) || self.headline_verb(&s, i);
            if metaphor_objects.contains(&i) {
                i += 1;
                continue;
            }
            let Some((n, entry, form)) = self
                .lx
                .trigger_at(&s.words, i, prefer_verb)
                .or_else(|| self.fire_weapon_at(&s, i))
                .or_else(|| self.break_in_at(&s, i))
                .or_else(|| self.weapon_subject_at(&s, i))
            else {
                if self.lx.cameo.is_surface(s.words[i])
                    && !in_name(i)
                    && !relevance::name_trigger(&s, i, &mut names)
                {
                    cameo_at.push(i);
                }
                i += 1;
                continue;
            };
            if in_name(i) {
                i += n + 1;
                continue;
            }
            // A capitalised trigger inside running text is a name ("BP and
            // Shell", "Battle Creek"): `relevance::name_trigger`.
            if relevance::name_trigger(&s, i, &mut names) {
                record(dropped, doc, &s, i, i + n, "name:capitalised".into());
                i += n + 1;
                continue;
            }
            // A bare verb right after a determiner is a noun ("the storm", "its demand"):
            // a violent verb is skipped, anything else is read as a nominal.
            let mut form = form;
            // ("a drone hit", "a rocket struck": the determiner is the weapon's.)
            let weapon_first = n > 0
                && ["weapon_noun", "drone_cue", "artillery_cue"]
                    .iter()
                    .any(|c| s.lx.is(c, s.words[i]));
            if form == Form::Base && self.lx.is("nominalizing_det", prev) && !weapon_first {
                if self.lx.entries[entry].role.is_violent() {
                    i += n + 1;
                    continue;
                }
                form = Form::Noun;
            }
            // An -ed word after a determiner or degree word is an adjective
            // ("clear advanced coordination", "the captured town").
            if form == Form::Ed && self.lx.is("adjective_marker", prev) {
                i += n + 1;
                continue;
            }
            // So is one right after a preposition ("in occupied Crimea", "into
            // besieged Aleppo"), and a present participle between a
            // determiner and an actor ("the occupying forces").
            let after_prep = matches!(
                prev,
                "in" | "into" | "from" | "across" | "throughout" | "inside"
            );
            let ing_modifier = form == Form::Ing
                && self.lx.is("adjective_marker", prev)
                && s.actor_of.get(i + n + 1).is_some_and(Option::is_some);
            // (A verb with its preposition is no adjective: "someone inside fired at him".)
            if (form == Form::Ed && after_prep && n == 0) || ing_modifier {
                i += n + 1;
                continue;
            }
            // A bare modal trigger ("China must drop barriers") stands for
            // the demand only when no trigger of its own follows ("must
            // release": that verb is coded, as a demand, by `speech_act`).
            if self.lx.is("modal_trigger", &self.lx.entries[entry].id) {
                let mut j = i + n + 1;
                while j < s.len() && s.lx.is("modal_skip", s.words[j]) {
                    j += 1;
                }
                if j < s.len() && self.lx.trigger_at(&s.words, j, true).is_some() {
                    i += n + 1;
                    continue;
                }
            }
            let m = TriggerMatch {
                first: i,
                last: i + n,
                entry,
                form,
            };
            i += n + 1;
            let en = &self.lx.entries[entry];
            let violent = en.role.is_violent()
                || matches!(en.role, Role::Kill | Role::Injure)
                || matches!(en.plover.as_str(), "ASSAULT" | "COERCE" | "PROTEST")
                || !en.acled_type.is_empty() && en.acled_type != "-";
            let protest = en.plover == "PROTEST";
            if let Some(d) = self.trigger_discard(&s, m.first, m.last, violent, protest, form) {
                if let Some(w) = d.split(":after:").nth(1) {
                    let rb = s.clause_end(m.last);
                    if let Some(k) = (m.last + 1..rb).find(|&k| s.words[k] == w) {
                        metaphor_objects.push(k);
                    }
                }
                record(dropped, doc, &s, m.first, m.last, d);
                continue;
            }
            if let Some(rule) = accident_rule.as_ref().filter(|_| violent) {
                record(dropped, doc, &s, m.first, m.last, rule.clone());
                continue;
            }
            // A verb whose subject is a historical nominal ("the siege of X,
            // which ended in 1944, killed …") is historical too.
            let hist_subject = hist_noun.is_some_and(|h| m.first <= h + 12)
                && matches!(form, Form::Base | Form::S | Form::Ed)
                && cands.is_empty();
            let hist = if hist_subject {
                Some("history:subject-is-a-historical-nominal")
            } else {
                self.historical(&s, m.first, m.last, violent, published_year)
            };
            if let Some(rule) = hist {
                // A nominal or gerund ("the bombing of X") can be the subject.
                if matches!(form, Form::Noun | Form::Ing) && cands.is_empty() {
                    hist_noun = Some(m.last);
                }
                record(dropped, doc, &s, m.first, m.last, rule.into());
                continue;
            }
            // Real but not new: history dated away from the trigger, statistics,
            // trials, commemorations, warnings (`newness`, data/events/newness.tsv).
            let (times, published) = (&analysis.times, doc.meta.published);
            if let Some(v) = newness::judge(&s, m.first, m.last, form, violent, times, published) {
                record(dropped, doc, &s, m.first, m.last, v.to_string());
                continue;
            }
            let e = &self.lx.entries[entry];
            let a = args::actors(&s, m.first, m.last, form, e.role, e.verb);
            cands.push(Cand::new(m, a, Vec::new(), false));
        }
        // 1a. Verbs of the CAMEO verb dictionary where the curated table has no trigger.
        self.cameo_cands(
            doc,
            analysis,
            &s,
            &cameo_at,
            accident_rule.as_deref(),
            published_year,
            &mut cands,
            dropped,
        );
        // 1b. Arguments from the parse layer, parsed only for sentences with
        //     a candidate; the window rules above stay as the fallback.
        if self.needs_parse(&s, &cands) {
            if let Some(parse) = analysis.parses.get(doc, si) {
                if let Some(tree) = parse_args::Tree::new(&s, &parse) {
                    for c in cands.iter_mut().filter(|c| !c.cameo) {
                        self.tree_args(&s, &tree, c);
                    }
                }
            }
        }
        // 2. Casualties: each casualty trigger finds its count and gives it to
        //    the nearest violent event of the sentence.
        for ci in 0..cands.len() {
            let e = &self.lx.entries[cands[ci].m.entry];
            // "fatally shot", "shot dead": a wounding verb that kills.
            // "a fatal shooting", "the deadly stabbing": a nominal with one death at least.
            let fatal_nominal = {
                let m = cands[ci].m;
                matches!(m.form, Form::Noun | Form::Ing)
                    && e.role.is_violent()
                    && m.first > 0
                    && s.lx.is("lethal_adjective", s.words[m.first - 1])
            };
            let lethal = self.lx.is("lethal", &e.id)
                || fatal_nominal
                || self.lx.is("wounding", &e.id) && {
                    let m = cands[ci].m;
                    (m.first.saturating_sub(2)..(m.last + 2).min(s.len()))
                        .any(|k| s.lx.is("lethal_modifier", s.words[k]))
                };
            if !(matches!(e.role, Role::Kill | Role::Injure) || lethal) {
                continue;
            }
            let m = cands[ci].m;
            let active = matches!(m.form, Form::Base | Form::S | Form::Ing | Form::Ed) && e.verb;
            let count_after = (m.first..=m.last).any(|k| self.lx.is("count_after", s.words[k]));
            let hit = casualties::count_for(
                &s,
                m.first,
                m.last,
                cands[ci].args.passive,
                active,
                count_after,
                e.role,
            );
            let injure = e.role == Role::Injure;
            // "attempted murder", "tried to kill": no death.
            let attempt =
                (m.first.saturating_sub(3)..m.first).any(|k| s.lx.is("attempt", s.words[k]));
            let hit = if attempt && !injure { None } else { hit };
            // Wound nouns: in a sentence that reports a death they caused it
            // ("died of his injuries", "found dead with a gunshot wound"); a bare
            // figure before them counts wounds, not victims ("three gunshot wounds").
            let wound_noun =
                injure && (m.first..=m.last).any(|k| s.lx.is("wound_noun", s.words[k]));
            let hit = if wound_noun {
                if (0..s.len()).any(|k| s.lx.is("death_word", s.words[k])) {
                    None
                } else {
                    hit.map(|h| {
                        if h.unit.is_none() && h.last < m.first && h.best > 1 {
                            Hit {
                                low: 1,
                                best: 1,
                                high: None,
                                vague: false,
                                rule: "count:wounds-of-one-victim",
                                ..h
                            }
                        } else {
                            Hit {
                                rule: "count:wound-noun",
                                ..h
                            }
                        }
                    })
                }
            } else {
                hit
            };
            // "a fatal shooting" with no figure: one death (the conservative reading).
            let hit = match hit {
                None if fatal_nominal && !s.words[m.last].ends_with('s') => Some(Hit {
                    low: 1,
                    best: 1,
                    high: None,
                    first: m.first - 1,
                    last: m.last,
                    unit: None,
                    rule: "count:fatal-nominal",
                    vague: false,
                }),
                other => other,
            };
            // Host: the closest violent, non-casualty event in the sentence.
            // A finite casualty verb ("killed five") is not hosted by a purpose
            // infinitive ("fighters sent to retake the town killed five"): the
            // deaths happened, the retaking is only intended.
            let finite = e.verb
                && matches!(m.form, Form::S | Form::Ed)
                && !(m.first > 0 && s.words[m.first - 1] == "to");
            let purpose = |c: &Cand| {
                c.m.form == Form::Base
                    && c.m.first > 0
                    && s.words[c.m.first - 1] == "to"
                    && s.lx
                        .cue_ending_at("aspect", &s.words, c.m.first - 1)
                        .is_none()
            };
            let host = if matches!(e.role, Role::Kill | Role::Injure) {
                cands
                    .iter()
                    .enumerate()
                    .filter(|(hj, c)| {
                        *hj != ci && {
                            let r = self.lx.entries[c.m.entry].role;
                            r.is_violent() && !c.absorbed && !(finite && purpose(c))
                        }
                    })
                    .min_by_key(|(_, c)| c.m.first.abs_diff(m.first))
                    .map(|(hj, _)| hj)
            } else {
                None
            };
            // With no violent host, "killing two people and wounding 15": the
            // wounded of a death verb's clause are its toll, not another event.
            let host = host.or_else(|| {
                let clause = s.clause_start(m.first);
                cands
                    .iter()
                    .enumerate()
                    .filter(|(hj, c)| {
                        injure
                            && *hj != ci
                            && self.lx.entries[c.m.entry].role == Role::Kill
                            && !c.absorbed
                            && c.m.first.abs_diff(m.first) <= 8
                            && s.clause_start(c.m.first) == clause
                    })
                    .min_by_key(|(_, c)| c.m.first.abs_diff(m.first))
                    .map(|(hj, _)| hj)
            });
            let target = host.unwrap_or(ci);
            // "Two policemen killed in Bannu ambush" (a headline's bare
            // participle), "militants killed two policemen in an ambush": an
            // actor inside the casualty count is a victim, never the
            // perpetrator of the verb or of its host.
            if let Some(h) = &hit {
                for j in [ci, target] {
                    let Some(a1) = cands[j].args.actor1 else {
                        continue;
                    };
                    if (h.first..=h.last).contains(&a1.tok) {
                        cands[j].args.actor1 = None;
                        if cands[j].args.actor2.is_none() {
                            cands[j].args.actor2 = Some(a1);
                        }
                        cands[j].rules.push("actor2:victim-in-count".into());
                    }
                }
            }
            if let Some(h) = hit {
                let slot = if injure {
                    &mut cands[target].injured
                } else {
                    &mut cands[target].fatal
                };
                // The same toll twice is counted once; a different toll keeps the larger.
                let replace = slot.as_ref().is_none_or(|old| h.best > old.best);
                if replace {
                    *slot = Some(h);
                }
            }
            if let Some(hj) = host {
                cands[ci].absorbed = true;
                let tr = s.words[m.first..=m.last].join(" ");
                cands[hj]
                    .rules
                    .push(format!("casualty-trigger:{tr}→merged"));
                // The casualty verb's object is the host's victim ("killing 70 civilians").
                if cands[hj].args.actor2.is_none() {
                    let a2 = cands[ci].args.actor2;
                    cands[hj].args.actor2 = a2;
                }
                if cands[hj].args.actor1.is_none() {
                    let a1 = cands[ci].args.actor1;
                    cands[hj].args.actor1 = a1;
                }
            }
        }
        // 2b. Wounding verbs ("was shot in the leg", "shot her husband", "stabbed
        //     a man"): a victim reported shot or stabbed and not killed is injured
        //     (GVDB and ACLED count the wounded; deaths are never inferred).
        let sentence_deaths = cands.iter().any(|c| c.fatal.is_some());
        if !sentence_deaths {
            for c in cands.iter_mut() {
                let e = &self.lx.entries[c.m.entry];
                // "opened fire on", "fired at": shots, not hits.
                if c.absorbed
                    || c.injured.is_some()
                    || (c.m.first..=c.m.last).any(|k| s.lx.is("fire_at", s.words[k]))
                    || !self.lx.is("wounding", &e.id)
                    || !matches!(c.m.form, Form::Base | Form::S | Form::Ed | Form::Ing)
                    || !e.verb
                {
                    continue;
                }
                // "shot dead", "fatally shot": a death the casualty step missed.
                let lo = c.m.first.saturating_sub(2);
                let hi = (c.m.last + 3).min(s.len());
                if (lo..hi).any(|k| s.lx.is("death_word", s.words[k])) {
                    continue;
                }
                // The text must say the victim survived hurt: a body part,
                // a hospital, a condition ("shot in the leg", "taken to hospital").
                // This sentence or the next two ("…was shot. He was taken to hospital.").
                let survived = (si..(si + 3).min(doc.sentences.len())).any(|sj| {
                    doc.sentences[sj]
                        .tokens
                        .clone()
                        .any(|t| self.lx.is("survived_hurt", doc.lower(t)))
                });
                if !survived {
                    continue;
                }
                let active = matches!(c.m.form, Form::Base | Form::S | Form::Ing | Form::Ed);
                if let Some(h) = casualties::count_for(
                    &s,
                    c.m.first,
                    c.m.last,
                    c.args.passive,
                    active,
                    false,
                    Role::Injure,
                ) {
                    c.injured = Some(Hit {
                        rule: "count:wounded-not-killed",
                        ..h
                    });
                }
            }
        }
        // 3. Participles and relative clauses take the main clause's actor1
        //    ("officials denied X, dismissing the accusations"; "..., which ended up killing").
        for ci in 1..cands.len() {
            let m = cands[ci].m;
            let after_comma = m.form == Form::Ing && m.first > 0 && s.words[m.first - 1] == ",";
            if cands[ci].absorbed || (cands[ci].args.actor1.is_some() && !after_comma) {
                continue;
            }
            if m.form == Form::Ing
                && m.first > 0
                && matches!(s.words[m.first - 1], "," | "up" | "thereby" | "and")
            {
                let main = if after_comma {
                    cands[..ci].iter().find(|c| c.args.actor1.is_some())
                } else {
                    cands[..ci]
                        .iter()
                        .rev()
                        .find(|c| !c.absorbed && c.args.actor1.is_some())
                };
                if let Some(prev) = main {
                    let mut a1 = prev.args.actor1;
                    if let Some(a) = a1.as_mut() {
                        a.rule = "actor1:inherited-from-previous-event";
                    }
                    cands[ci].args.actor1 = a1;
                }
            }
        }
        // 3b. PETRARCH2's transformations: events about events ("X said Y
        //     attacked Z" is X accusing Y).
        self.transformations(doc, analysis, &s, &mut cands);
        // 4. Events.
        let first_out = out.len();
        let mut seen: Vec<DedupKey> = Vec::new();
        let mut spans: Vec<(usize, usize, Form)> = Vec::new();
        // Dictionary codings beside curated triggers (`cameo_cands`) come last.
        let curated = cands.iter().any(|c| !c.cameo);
        let mut secondary: Vec<bool> = Vec::new();
        for c in cands.iter().filter(|c| !c.absorbed) {
            let e = &self.lx.entries[c.m.entry];
            let ev = self.build(&s, analysis, c);
            // Non-violent events need a participant; bare nouns ("the agreement") are too vague.
            let dropping = |dropped: &mut Vec<Dropped>, rule: &str| {
                record(dropped, doc, &s, c.m.first, c.m.last, rule.into());
            };
            if e.acled_type.is_empty() && ev.actor1.is_none() && ev.actor2.is_none() {
                dropping(dropped, "events:non-violent-without-participant");
                continue;
            }
            // A dictionary coding beside curated triggers needs one of them
            // kept ("launched a blistering attack on the budget": the
            // metaphor goes, so does "launched").
            // A pattern with its own object noun, with no curated trigger
            // up to it, stands alone ("expressed sorrow for the shootings";
            // not "launched a hostile takeover bid").
            let own_object = c.rules.iter().any(|r| {
                let w = cameo_verbs::described_pattern_words(r);
                let Some(end) = (c.m.last + 1..s.len()).find(|&k| w.contains(&s.words[k])) else {
                    return false;
                };
                !cands
                    .iter()
                    .filter(|d| !d.cameo)
                    .any(|d| d.m.last >= c.m.first && d.m.first <= end)
            });
            if curated && c.cameo && !own_object && secondary.iter().all(|&sec| sec) {
                dropping(dropped, "cameo:secondary-without-a-curated-event");
                continue;
            }
            // A modal demand needs the party it is addressed to as its subject.
            if self.lx.is("modal_trigger", &e.id) && c.args.actor1.is_none() {
                dropping(dropped, "events:modal-demand-without-addressee");
                continue;
            }
            // Precision first: a generic violent word ("fought", "stormed", "exploded",
            // "assault") needs evidence of violence: an armed or civilian participant,
            // a toll, or a weapon, weapon-bearer or victim noun in its clause.
            if self.evidence_needed(e) && !self.has_evidence(&s, c, &ev) {
                dropping(dropped, "events:generic-violent-word-without-evidence");
                continue;
            }
            // What the word means here: a thing noun ("the 400 block"), a verb of
            // showing ("demonstrated its talents"), a natural death ("died of
            // cancer", "died at 74"): `relevance::judge_sense`, `semclass::natural_death`.
            let parse_now = || analysis.parses.get(doc, si);
            if let Some(rule) = relevance::Relevance::bundled()
                .and_then(|r| r.judge_sense(&s, c.m.first, c.m.form == Form::Noun, &parse_now))
                .or_else(|| semclass::natural_death(&s, c.m.first, c.m.last))
            {
                dropping(dropped, &rule);
                continue;
            }
            // A game, a market, an accident, a story or a laboratory with no
            // conflict evidence outside the trigger (`relevance`).
            let violent = e.role.is_violent()
                || matches!(e.role, Role::Kill | Role::Injure)
                || ev.plover.event == "ASSAULT";
            if let Some(rule) = relevance::Relevance::bundled()
                .filter(|_| violent)
                .and_then(|r| r.judge(&s, domains, c.m.first, c.m.last, &e.id, &ev))
            {
                dropping(dropped, &rule);
                continue;
            }
            // What the arguments are: an animal, a disease or the weather as
            // agent, a price, an idea or a body part as patient (`semclass`).
            if let Some(rule) = relevance::Relevance::bundled()
                .filter(|r| {
                    violent && semclass::worth_parsing(r, &s, c.m.first, c.m.last, &e.id, &ev)
                })
                .and_then(|r| {
                    let parse = analysis.parses.get(doc, si)?;
                    let casualty = matches!(e.role, Role::Kill | Role::Injure);
                    semclass::judge(r, &s, &parse, c.m.first, c.m.last, &ev, casualty)
                })
            {
                dropping(dropped, &rule);
                continue;
            }
            // A label ("called it a massacre") or a report said to be false.
            if let Some(rule) = (violent && c.m.form == Form::Noun && semclass::frame_possible(&s))
                .then(|| analysis.parses.get(doc, si))
                .flatten()
                .and_then(|parse| semclass::frame(&s, &parse, c.m.first, c.m.last))
            {
                dropping(dropped, &rule);
                continue;
            }
            // A habit, a standing state, a tally over a long period or a
            // reference back to an event told elsewhere (`aspect`).
            let parse = || analysis.parses.get(doc, si);
            if let Some(rule) = aspect::judge(&aspect::Input {
                s: &s,
                first: c.m.first,
                last: c.m.last,
                form: c.m.form,
                ev: &ev,
                violent,
                times: &analysis.times,
                published: doc.meta.published,
                parse: &parse,
            }) {
                dropping(dropped, &rule);
                continue;
            }
            // A team, a firm, a laboratory or a show with nobody political
            // taking part: "the coach praised", "the retailer accused a rival".
            if let Some(rule) = relevance::Relevance::bundled()
                .filter(|_| !violent && e.acled_type.is_empty() && ev.acled.event_type.is_empty())
                .and_then(|r| r.judge_apolitical(&s, domains, c.m.first, c.m.last, &ev))
            {
                dropping(dropped, &rule);
                continue;
            }
            // A lone casualty word ("he died") with no toll and no actor is not an incident.
            if matches!(e.role, Role::Kill | Role::Injure)
                && ev.fatalities.is_none()
                && ev.injured.is_none()
                && ev.actor1.is_none()
                && ev.actor2.is_none()
                && self.harm(&s, c).is_none()
            {
                dropping(dropped, "events:lone-casualty-word");
                continue;
            }
            // Same row, same actors and place in one sentence: one event.
            let key = (
                e.id.clone(),
                c.args.actor1.map(|a| a.index),
                c.args.actor2.map(|a| a.index),
                where_when::place(&s, c.m.first, c.m.last).map(|p| p.index),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push(ev);
            spans.push((c.m.first, c.m.last, c.m.form));
            secondary.push(curated && c.cameo);
        }
        // A bare-infinitive complement of an irrealis event is irrealis too
        // ("to help it battle the Islamic State"). A finite verb is not: a
        // past with its own object or "with" after it
        // ("soldiers sent to reinforce the station clashed with the
        // dissidents", "fighters sent to retake the town killed five
        // civilians"; a participle complement, "wanted him killed in the
        // attack", has none).
        for k in first_out + 1..out.len() {
            let (before, rest) = out.split_at_mut(k);
            let ev = &mut rest[0];
            if ev.factuality != Factuality::Asserted {
                continue;
            }
            let (_, last, form) = spans[k - first_out];
            let next = s.words.get(last + 1).copied().unwrap_or("");
            let finite = form == Form::Ed
                && (next == "with"
                    || self.lx.is("nominalizing_det", next)
                    || self.lx.is("possessive_det", next)
                    || self.lx.quants.contains_key(next)
                    || next.starts_with(|c: char| c.is_ascii_digit())
                    || s.actor_of.get(last + 1).is_some_and(Option::is_some));
            let Some(prev) = before[first_out..].last() else {
                continue;
            };
            // (Only for a verb after the irrealis one, outside a relative
            // clause: "officials said the militia would attack" keeps its
            // report irrealis, "vowed to punish anyone who attacked the
            // convoy" its relative.)
            if finite && prev.trigger.byte_end <= ev.trigger.byte_start {
                let between = &doc.text[prev.trigger.byte_end..ev.trigger.byte_start];
                let relative = between
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| self.lx.is("relative_pronoun", &w.to_lowercase()));
                if !relative {
                    continue;
                }
            }
            let gap = ev.trigger.byte_start.saturating_sub(prev.trigger.byte_end);
            let between =
                &doc.text[prev.trigger.byte_end.min(ev.trigger.byte_start)..ev.trigger.byte_start];
            if matches!(
                prev.factuality,
                Factuality::Future | Factuality::Hypothetical
            ) && gap < 40
                && !between.contains(',')
                && !between.contains(';')
            {
                ev.factuality = prev.factuality;
                ev.rule
                    .push_str("; factuality:complement-of-irrealis-event");
            }
        }
        // "Congress is asking Obama to help Iran", "would not give permission
        // to Russia to help Israel", "wants Putin to attack": an act with no
        // ACLED type in the to-infinitive after a request or a refusal is what
        // is asked or refused, not an event of its own (an act the speech-act
        // rule retyped stays: "wants to help Israel" is intent, 03).
        let mut k = first_out;
        while k < out.len() {
            let ev = &out[k];
            let asked = ev.factuality == Factuality::Future
                && ev.rule.contains("factuality:to-infinitive")
                && !ev.rule.contains("plover:speech-act")
                && ev.acled.event_type.is_empty()
                && earlier_in_clause(doc, &out[first_out..], ev, |g| {
                    matches!(g.plover.event.as_str(), "REQUEST" | "REJECT")
                });
            // "met with Assad to discuss efforts …": the discussion is the
            // meeting's purpose, one event (PETRARCH codes the meeting once).
            let purpose = ev.plover.event == "CONSULT"
                && ev.rule.contains("factuality:to-infinitive")
                && earlier_in_clause(doc, &out[first_out..], ev, |g| g.plover.event == "CONSULT");
            // "…, especially by promoting biofuels": a dictionary verb in a
            // "by" gerund is the means of the clause's act, not an act of its own.
            let means = ev.rule.contains("cameo-verb:")
                && ev.acled.event_type.is_empty()
                && ev.trigger.text.ends_with("ing")
                && doc.text[..ev.trigger.byte_start]
                    .split_whitespace()
                    .rev()
                    .take(2)
                    .any(|w| w == "by");
            let rule = if asked {
                Some("events:content-of-a-request")
            } else if purpose {
                Some("events:purpose-of-a-meeting")
            } else if means {
                Some("events:means-of-another-act")
            } else {
                None
            };
            if let (Some(rule), true) = (rule, spans.len() == out.len() - first_out) {
                let (f, l, _) = spans.remove(k - first_out);
                secondary.remove(k - first_out);
                out.remove(k);
                record(dropped, doc, &s, f, l, rule.into());
                continue;
            }
            k += 1;
        }
        self.main_first(
            &s,
            doc,
            analysis,
            si,
            &mut out[first_out..],
            &spans,
            &secondary,
        );
    }

    /// The main event of a sentence first: an event whose trigger sits in a
    /// relative clause, a participle modifying a noun ("a letter handed over
    /// to the UN", "a helicopter that was captured") or an adverbial clause
    /// ("unless the president agrees", "to disperse the crowd") moves after
    /// the events of the main clause (a stable reorder; reported
    /// complements, "said X attacked Y", stay main). Parsed only when two
    /// events of the sentence have a party. `secondary` events (dictionary
    /// codings beside curated triggers) go after all others and are no
    /// anchor for the subordinate test.
    #[allow(clippy::too_many_arguments)]
    fn main_first(
        &self,
        s: &Sent,
        doc: &Doc,
        analysis: &Analysis,
        si: usize,
        evs: &mut [Event],
        spans: &[(usize, usize, Form)],
        secondary: &[bool],
    ) {
        let with_party = evs
            .iter()
            .filter(|e| e.actor1.is_some() || e.actor2.is_some())
            .count();
        if with_party < 2 || spans.len() != evs.len() || secondary.len() != evs.len() {
            return;
        }
        let Some(parse) = analysis.parses.get(doc, si) else {
            return;
        };
        let Some(tree) = parse_args::Tree::new(s, &parse) else {
            return;
        };
        // The parse and the surface must agree (parse errors on long
        // sentences would otherwise demote main verbs).
        let nodes: Vec<Option<usize>> = spans
            .iter()
            .map(|&(f, l, _)| event_node(&tree, f, l))
            .collect();
        let sub: Vec<bool> = spans
            .iter()
            .enumerate()
            .map(|(i, &(f, _, form))| {
                let Some(n) = nodes[i] else {
                    return false;
                };
                // Subordinate to another event of the sentence that has a
                // party: below it, or below the root while that one is not.
                let party = |j: usize| {
                    !secondary[j] && (evs[j].actor1.is_some() || evs[j].actor2.is_some())
                };
                let below_root = subordinate_under(&tree, n, usize::MAX);
                (0..evs.len()).any(|j| {
                    j != i
                        && party(j)
                        && nodes[j].is_some_and(|a| {
                            subordinate_under(&tree, n, a)
                                || below_root && !subordinate_under(&tree, a, usize::MAX)
                        })
                }) && surface_subordinate(s, f, form)
            })
            .collect();
        // Every curated event subordinate: none is main, the order stays.
        let all_sub = (0..evs.len()).all(|i| sub[i] || secondary[i]);
        let sub: Vec<bool> = (0..evs.len())
            .map(|i| sub[i] && !secondary[i] && !all_sub)
            .collect();
        let key = |i: usize| (secondary[i], sub[i]);
        if !sub.iter().any(|&b| b) {
            return;
        }
        let mut order: Vec<usize> = (0..evs.len()).collect();
        order.sort_by_key(|&i| key(i));
        let moved: Vec<Event> = order.iter().map(|&i| evs[i].clone()).collect();
        for (k, mut e) in moved.into_iter().enumerate() {
            if sub[order[k]] {
                e.rule.push_str("; order:subordinate-clause");
            }
            evs[k] = e;
        }
    }

    /// Roles whose trigger words are common outside violence.
    fn evidence_needed(&self, e: &lexicon::Entry) -> bool {
        matches!(
            e.role,
            Role::Violence | Role::Clash | Role::Kill | Role::Injure | Role::Territory
        ) || e.id == "detonate"
            || relevance::Relevance::bundled().is_some_and(|r| r.needs_evidence(&e.id))
    }

    /// Physical harm around the trigger (`harm::evidence`).
    fn harm(&self, s: &Sent, c: &Cand) -> Option<&'static str> {
        let id = &self.lx.entries[c.m.entry].id;
        if !self.lx.is("harm_trigger", id) {
            return None;
        }
        harm::evidence(s, id, c.m.first, c.m.last, c.m.form)
    }

    fn has_evidence(&self, s: &Sent, c: &Cand, ev: &Event) -> bool {
        let participant = |a: &Option<Actor>| {
            a.as_ref()
                .is_some_and(|a| typing::bears_arms(a) || typing::is_civilian(a))
        };
        // One state acting on another ("the United States attacked Iraq"):
        // both sides coded, with different countries, one of them a state.
        let state = |a: &Actor| {
            a.sector.is_none() && a.code.len() == 3
                || a.sector.as_deref().is_some_and(|x| x == "GOV")
        };
        let interstate = match (&ev.actor1, &ev.actor2) {
            (Some(a), Some(b)) => {
                a.country.is_some()
                    && b.country.is_some()
                    && a.country != b.country
                    && (state(a) || state(b))
            }
            _ => false,
        };
        // "Israel mounted its invasion of South Lebanon": some triggers are
        // military by nature once a country is their agent.
        let military_state = self.lx.is("state_evidence", &c_entry_id(self, c))
            && ev.actor1.as_ref().is_some_and(|a| {
                a.sector.is_none() && a.code.len() == 3 || a.sector.as_deref() == Some("GOV")
            });
        // A crowd storming or attacking a state institution ("protesters
        // stormed the parliament", "rioters attacked the police station").
        // Or a site ("stormed the airport", "attacked a police station").
        let site_object = || {
            (c.m.last + 1..(c.m.last + 4).min(s.clause_end(c.m.last))).any(|k| {
                ["civilian_site", "site_noun", "territory_noun"]
                    .iter()
                    .any(|class| s.lx.is(class, s.words[k]))
            })
        };
        // ("stormed out of the meeting with the mayor": a particle, no target).
        let particle = matches!(
            s.words.get(c.m.last + 1),
            Some(&("out" | "off" | "away" | "back"))
        );
        let crowd_on_state = c.m.form != Form::Noun
            && !particle
            && ev.actor1.as_ref().is_some_and(typing::is_crowd)
            && (ev
                .actor2
                .as_ref()
                .is_some_and(|b| typing::is_state(b) || b.sector.as_deref() == Some("LEG"))
                || site_object());
        // Rioters, hooligans or rival fans fighting are a riot ("rival
        // supporters fought outside the stadium"); not protesters "fighting
        // for" a cause.
        let rioters_fight = e_role(self, c) == Role::Clash
            && c.m.form != Form::Noun
            && !particle
            && ev
                .actor1
                .as_ref()
                .is_some_and(|a| a.rule.contains("curated:RIOTERS"));
        if participant(&ev.actor1)
            || participant(&ev.actor2)
            || crowd_on_state
            || rioters_fight
            || interstate
            || military_state
            || c.fatal.is_some()
            || c.injured.is_some()
        {
            return true;
        }
        // "shot in the head", "a gunshot wound", "the boy was shot" (`harm`).
        if self.harm(s, c).is_some() {
            return true;
        }
        let lb = s.clause_start(c.m.first);
        let rb = s.clause_end(c.m.last);
        (lb..rb).any(|k| {
            [
                "weapon_noun",
                "air_cue",
                "drone_cue",
                "artillery_cue",
                "armed_unit",
                "civilian_unit",
            ]
            .iter()
            .any(|class| s.lx.cue_at(class, &s.words, k).is_some())
        })
    }

    /// PLOVER/CAMEO code what a modal clause does, not the act it names:
    /// "X must release Y" is a demand (REQUEST); "X will visit Y" expresses
    /// intent to cooperate (AGREE); "X will attack Y" / "unless …" is a threat
    /// (THREATEN). The act has not happened, so its ACLED type is cleared.
    fn speech_act(
        &self,
        s: &Sent,
        first: usize,
        factuality: Factuality,
        mut t: typing::Typed,
        rules: &mut Vec<String>,
    ) -> typing::Typed {
        let lb = s.clause_start(first);
        let lo = first.saturating_sub(4).max(lb);
        // The cue governs the trigger when nothing but its verb group and the
        // trigger's own object NP lies between them ("is prepared to impose martial
        // law", "will extend the night-time curfew"): no boundary, comma or other cue.
        let near = |class: &str| -> bool {
            (lo..first).any(|k| {
                s.lx.cue_at(class, &s.words, k).is_some_and(|n| {
                    (k + n..first).all(|g| {
                        let w = s.words[g];
                        !s.is_boundary(g)
                            && !matches!(w, "," | "." | "and" | "or" | "if" | "that")
                            && !s.lx.is("report", w)
                    })
                })
            })
        };
        // "agreed to lift the sanctions", "pledged to expel": the promise is
        // coded by its own AGREE trigger, so the promised act keeps its code
        // (still future), as PETRARCH codes it.
        let promised = factuality != Factuality::Negated
            && (lo..first).any(|k| {
                s.lx.cue_at("intent", &s.words, k) == Some(first - k)
                    && self
                        .lx
                        .trigger_at(&s.words, k, true)
                        .is_some_and(|(_, e, _)| self.lx.entries[e].plover == "AGREE")
            });
        if promised {
            rules.push("plover:promised-act-keeps-its-code".into());
            return t;
        }
        let before = t.plover.clone();
        let conflict = matches!(
            t.plover.as_str(),
            "ASSAULT" | "COERCE" | "SANCTION" | "PROTEST" | "MOBILIZE" | "REJECT"
        );
        let cooperative = matches!(
            t.plover.as_str(),
            "CONSULT" | "SUPPORT" | "COOPERATE" | "AID" | "RETREAT" | "CONCEDE"
        );
        let unless = (lb..s.clause_end(first)).any(|k| s.words[k] == "unless");
        // "may halt mediation if cooperation founders": a conflict act that
        // has not happened, on a condition, is a threat too.
        let irrealis = matches!(factuality, Factuality::Future | Factuality::Hypothetical);
        let conditional = irrealis && {
            let rb = s.clause_end(first);
            let end = if rb < s.len() { rb + 1 } else { rb };
            (first..end).any(|k| s.lx.is("condition", s.words[k]))
        };
        if factuality == Factuality::Negated
            && (near("intent") || cooperative || before == "AGREE")
            && !matches!(t.plover.as_str(), "REJECT" | "ACCUSE")
        {
            // "will not accept", "would not meet": a refusal.
            t.plover = "REJECT".into();
            t.cameo = "120".into();
        } else if near("deontic") && (conflict || cooperative || before == "AGREE") {
            t.plover = "REQUEST".into();
            t.cameo = "100".into();
        } else if (near("intent") || unless || conditional) && conflict
            // "will withdraw its force from Chad unless …": a conditional
            // intent is an ultimatum, whatever the act.
            || unless && near("intent") && (cooperative || before == "AGREE")
        {
            t.plover = "THREATEN".into();
            t.cameo = if before == "ASSAULT" {
                "138".into()
            } else {
                "130".into()
            };
        } else if near("intent") && cooperative {
            t.plover = "AGREE".into();
            // CAMEO's 03 is an *expressed* intent ("said it will send a
            // team"); a scheduled act told by the writer ("Obama and Putin
            // will meet in Zurich", "will supply arms to Israel") keeps the
            // act's CAMEO code, as PETRARCH codes it. PLOVER's AGREE stays.
            if s.scheduled_future(lo, first) {
                rules.push("cameo:scheduled-act-keeps-its-code".into());
            } else {
                t.cameo = "030".into();
            }
        } else {
            return t;
        }
        t.mode = None;
        t.acled_type.clear();
        t.acled_sub.clear();
        t.civilian_targeting = false;
        rules.push(format!("plover:speech-act {before}→{}", t.plover));
        t
    }

    fn synth_victim(&self, s: &Sent, h: &Hit) -> Option<Actor> {
        let (unit, class) = h.unit.as_ref()?;
        if *class != UnitClass::Civilian {
            return None;
        }
        let j = (h.first..=h.last)
            .rev()
            .find(|&j| casualties::unit_at(s, j).is_some())?;
        let (len, _) = casualties::unit_at(s, j)?;
        let doc = s.doc;
        Some(Actor {
            span: doc.token_span(s.tok(j), s.tok(j + len - 1)),
            code: "CVL".into(),
            name: format!("Civilians ({unit})"),
            country: None,
            sector: Some("CVL".into()),
            inter: Some(7),
            rule: "events:victim-noun".into(),
        })
    }

    fn build(&self, s: &Sent, analysis: &Analysis, c: &Cand) -> Event {
        let doc = s.doc;
        let e = &self.lx.entries[c.m.entry];
        let trigger = doc.token_span(s.tok(c.m.first), s.tok(c.m.last));
        let mut rules = vec![format!(
            "trigger:{}({})→{}",
            e.id,
            trigger.text.to_lowercase(),
            e.cameo
        )];
        let mut actor1 = c.args.actor1.and_then(|a| {
            rules.push(a.rule.to_string());
            analysis.actors.get(a.index).cloned()
        });
        let mut actor2 = c.args.actor2.and_then(|a| {
            rules.push(a.rule.to_string());
            analysis.actors.get(a.index).cloned()
        });
        // A sector-only actor takes the country of a modifier ("British
        // Defence Secretary Tom King", "its forces").
        let with_country = |a: &mut Option<Actor>,
                            country: Option<usize>,
                            which: &str,
                            rules: &mut Vec<String>| {
            let (Some(a), Some(x)) = (a.as_mut(), country.and_then(|x| analysis.actors.get(x)))
            else {
                return;
            };
            let root: String = x.code.chars().take(3).collect();
            if root.len() == 3 && a.code.starts_with("---") {
                a.code = format!("{root}{}", &a.code[3..]);
                a.country = Some(root);
                a.rule.push_str("+country-from-modifier");
                rules.push(format!(
                    "{which}:parse:country-from-modifier({})",
                    x.span.text
                ));
            }
        };
        with_country(&mut actor1, c.country1, "actor1", &mut rules);
        with_country(&mut actor2, c.country2, "actor2", &mut rules);
        // Civilians are victims, never the perpetrators of an attack.
        if (e.role.is_violent() || matches!(e.role, Role::Kill | Role::Injure))
            && actor1.as_ref().is_some_and(typing::is_civilian)
        {
            {
                let a1 = actor1.take();
                if actor2.is_none() {
                    actor2 = a1;
                }
                rules.push("actor1:civilians-are-victims".into());
            }
        }
        if actor2.is_none() {
            if let Some(v) = c
                .fatal
                .as_ref()
                .or(c.injured.as_ref())
                .and_then(|h| self.synth_victim(s, h))
            {
                rules.push("actor2:victim-noun".into());
                actor2 = Some(v);
            }
        }
        // Capture objects: territory or people?
        let obj = c.m.last + 1;
        let rb = s.clause_end(c.m.last);
        let window = obj..(obj + 4).min(rb);
        // A site is territory too ("seized the police station": not the police).
        let territory_object = window.clone().any(|k| {
            s.place_of[k].is_some()
                || self.lx.is("territory_noun", s.words[k])
                || self.lx.is("site_noun", s.words[k])
        });
        let person_object = window.clone().any(|k| {
            s.actor_of[k].is_some_and(|a| !analysis.actors[a].code.is_empty())
                || casualties::unit_at(s, k).is_some()
        });
        let victims = c
            .fatal
            .as_ref()
            .or(c.injured.as_ref())
            .and_then(|h| h.unit.as_ref().map(|u| u.1))
            .or_else(|| {
                window
                    .clone()
                    .find_map(|k| casualties::unit_at(s, k).map(|u| u.1))
            });
        let typed = typing::type_event(
            s,
            e,
            c.m.first,
            c.m.last,
            &typing::Facts {
                actor1: actor1.as_ref(),
                actor2: actor2.as_ref(),
                victims,
                deaths: c.fatal.is_some(),
                territory_object,
                person_object,
                civilian_site_object: window
                    .clone()
                    .any(|k| self.lx.is("civilian_site", s.words[k])),
            },
        );
        rules.push(typed.rule.to_string());
        let place = where_when::place(s, c.m.first, c.m.last).and_then(|p| {
            rules.push(p.rule.to_string());
            analysis.places.get(p.index).cloned()
        });
        let time = where_when::event_time(
            s,
            c.m.first,
            &analysis.times,
            doc.meta.published,
            &mut rules,
        );
        let count = |h: &Hit, what: &str, rules: &mut Vec<String>| -> Count {
            rules.push(format!("{what}:{}", h.rule));
            Count {
                low: h.low,
                best: h.best,
                high: h.high,
                text: doc.token_span(s.tok(h.first), s.tok(h.last)),
                unit: h.unit.as_ref().map(|u| u.0.clone()),
                vague: h.vague,
            }
        };
        let fatalities = c.fatal.as_ref().map(|h| count(h, "fatalities", &mut rules));
        let injured = c.injured.as_ref().map(|h| count(h, "injured", &mut rules));
        let (factuality, frule) =
            factuality::decide(s, c.m.first, c.m.last, c.m.form, &trigger, &analysis.claims);
        let typed = self.speech_act(s, c.m.first, factuality, typed, &mut rules);
        // "Russia said Sudan must return the helicopter": the demand is the
        // speaker's (PLOVER/PETRARCH code the sayer as source, the subject of
        // the must-clause as target).
        if typed.plover == "REQUEST"
            && (rules
                .last()
                .is_some_and(|r| r.starts_with("plover:speech-act"))
                || self.lx.is("modal_trigger", &e.id))
        {
            if let Some(rep) = c
                .reporter
                .filter(|r| c.args.actor1.is_none_or(|a| a.index != r.index))
                .and_then(|r| analysis.actors.get(r.index))
            {
                actor2 = actor1.take().or(actor2);
                actor1 = Some(rep.clone());
                rules.push("actor1:parse:demand-by-reporting-subject".into());
            }
        }
        if factuality != Factuality::Asserted {
            rules.push(frule.to_string());
        }
        rules.extend(c.rules.iter().cloned());
        let assoc = |v: &[args::Arg], rules: &mut Vec<String>| -> Vec<Actor> {
            v.iter()
                .filter_map(|a| {
                    rules.push(a.rule.to_string());
                    analysis.actors.get(a.index).cloned()
                })
                .collect()
        };
        let another = (s.clause_start(c.m.first)..c.m.first)
            .any(|k| self.lx.cue_at("another_incident", &s.words, k).is_some());
        if another || self.lx.cue_at("separate_incident", &s.words, 0).is_some() {
            rules.push(SEPARATE_INCIDENT.into());
        }
        let assoc_actor1 = assoc(&c.assoc1, &mut rules);
        let assoc_actor2 = assoc(&c.assoc2, &mut rules);
        let weapon = args::weapon(s, c.m.first, c.m.last).map(|(f, l, kind, rule)| {
            rules.push(format!("weapon:{rule}:{kind}"));
            sitrep_core::Weapon {
                span: doc.token_span(s.tok(f), s.tok(l)),
                kind: kind.to_string(),
            }
        });
        Event {
            inter1: actor1.as_ref().and_then(|a| a.inter),
            inter2: actor2.as_ref().and_then(|a| a.inter),
            assoc_actor1,
            assoc_actor2,
            weapon,
            trigger,
            plover: Plover {
                event: typed.plover,
                mode: typed.mode,
            },
            cameo: typed.cameo,
            acled: AcledType {
                event_type: typed.acled_type,
                sub_event_type: typed.acled_sub,
            },
            actor1,
            actor2,
            place,
            time,
            fatalities,
            injured,
            civilian_targeting: typed.civilian_targeting,
            factuality,
            claims: Vec::new(),
            sentence: s.index,
            rule: rules.join("; "),
        }
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn annotate(&self, doc: &Doc, analysis: &mut Analysis) {
        let mut events = Vec::new();
        let mut dropped = Vec::new();
        let domains = relevance::Relevance::bundled()
            .map(|r| r.doc_profile(doc, &analysis.places))
            .unwrap_or_default();
        for si in 0..doc.sentences.len() {
            self.code_sentence(doc, analysis, si, &mut events, &mut dropped, &domains);
        }
        // An article that reports a death usually names the same victim as
        // "shot" elsewhere: implied injuries then go (explicit "wounded",
        // "injured" counts stay).
        // The same holds for one victim "suffering from a gunshot wound" or
        // "his injuries" when the article reports a death.
        if events.iter().any(|e| e.fatalities.is_some()) {
            for e in events.iter_mut() {
                let one_wound = e.injured.as_ref().is_some_and(|c| c.best == 1)
                    && (e.rule.contains("injured:count:wound-noun")
                        || e.rule.contains("injured:count:wounds-of-one-victim"));
                if e.rule.contains("injured:count:wounded-not-killed") || one_wound {
                    e.injured = None;
                    e.rule.push_str("; injured:dropped-article-reports-deaths");
                }
            }
        }
        restatement::merge(&self.lx, doc, &mut events, &mut dropped);
        casualties::follow_up(&self.lx, doc, &mut events, &mut dropped);
        casualties::article_victims(&self.lx, doc, &mut events);
        typing::ordinal_reference(&self.lx, doc, &mut events);
        contest(&mut events);
        analysis.events = events;
        analysis.dropped = dropped;
    }
}

/// Whether one of `events` that `pred` accepts ends before `ev`'s trigger
/// with no comma or semicolon between them (an earlier event of its clause).
fn earlier_in_clause(
    doc: &Doc,
    events: &[Event],
    ev: &Event,
    pred: impl Fn(&Event) -> bool,
) -> bool {
    events.iter().any(|g| {
        pred(g)
            && g.trigger.byte_end <= ev.trigger.byte_start
            && !doc.text[g.trigger.byte_end..ev.trigger.byte_start].contains([',', ';'])
    })
}

/// Record a dropped trigger (words `first..=last` of `s`) with its rule,
/// once: the CAMEO step may try two codes of one verb.
fn record(
    dropped: &mut Vec<Dropped>,
    doc: &Doc,
    s: &Sent,
    first: usize,
    last: usize,
    rule: String,
) {
    let d = Dropped {
        trigger: doc.token_span(s.tok(first), s.tok(last)),
        sentence: s.index,
        rule,
    };
    if dropped.last() != Some(&d) {
        dropped.push(d);
    }
}

/// Document-level contestation: once an event is denied somewhere in the
/// article, the same kind of event between compatible actors is no longer
/// plain fact elsewhere in it ("the regime is aiding ISIS" … "officials denied
/// helping ISIS"). Cooperation kinds (SUPPORT, COOPERATE, AID) count as one.
fn contest(events: &mut [Event]) {
    fn group(p: &str) -> &str {
        match p {
            "SUPPORT" | "COOPERATE" | "AID" => "COOPERATE",
            other => other,
        }
    }
    fn root(a: &Option<Actor>) -> Option<String> {
        a.as_ref().map(|a| a.code.chars().take(3).collect())
    }
    let denied: Vec<(String, Option<String>, Option<String>)> = events
        .iter()
        .filter(|e| e.factuality == Factuality::Denied || e.rule.contains("claim-contested"))
        .filter(|e| e.actor1.is_some() || e.actor2.is_some())
        .map(|e| {
            (
                group(&e.plover.event).to_string(),
                root(&e.actor1),
                root(&e.actor2),
            )
        })
        .collect();
    if denied.is_empty() {
        return;
    }
    let compatible = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    for e in events.iter_mut() {
        // Speech acts (accusations, rejections, demands) are claims, not contested facts.
        let speech = matches!(
            e.plover.event.as_str(),
            "ACCUSE" | "REJECT" | "REQUEST" | "THREATEN" | "AGREE" | "CONSULT"
        );
        // Violent events are reported on their own evidence; a denial of one
        // fight does not make every fight in the article alleged.
        if e.factuality != Factuality::Asserted || speech || group(&e.plover.event) == "ASSAULT" {
            continue;
        }
        let g = group(&e.plover.event).to_string();
        let (r1, r2) = (root(&e.actor1), root(&e.actor2));
        let hit = denied.iter().any(|(dg, d1, d2)| {
            *dg == g
                && (d1.is_some() || d2.is_some())
                && compatible(d1, &r1)
                && compatible(d2, &r2)
                && (r1.is_some() || r2.is_some())
        });
        if hit {
            e.factuality = Factuality::Alleged;
            e.rule
                .push_str("; factuality:contested-elsewhere-in-article");
        }
    }
}

/// The tree word standing for an event: its trigger's head, or for a modal
/// trigger ("must", an `aux`) the verb it governs.
fn event_node(tree: &parse_args::Tree, first: usize, last: usize) -> Option<usize> {
    let h = tree.trigger_head(first, last)?;
    if tree.p.words[h].deprel == "aux" {
        return tree.p.head(h).or(Some(h));
    }
    Some(h)
}

/// Does word `n` sit below word `anc` through a relative clause, a
/// participle modifying a noun or an adverbial clause (`acl`, `acl:relcl`,
/// `advcl` on the path)? A reported complement (`ccomp`) is not subordinate.
fn subordinate_under(tree: &parse_args::Tree, n: usize, anc: usize) -> bool {
    // `anc == usize::MAX`: below the root.
    let mut cur = n;
    let mut through = false;
    for _ in 0..32 {
        if cur == anc {
            return through && n != anc;
        }
        let rel = tree.p.words[cur].deprel.as_str();
        if rel.starts_with("acl") || rel == "advcl" {
            through = true;
        }
        match tree.p.head(cur) {
            Some(h) if h != cur => cur = h,
            _ => return anc == usize::MAX && through,
        }
    }
    false
}

/// The surface side of [`subordinate`]: a `subordinator` cue ("which",
/// "unless", "that") opens the trigger's clause, or the trigger is a
/// participle or infinitive with no auxiliary before it ("a letter handed
/// over", "to disperse").
fn surface_subordinate(s: &Sent, first: usize, form: Form) -> bool {
    let lb = s.clause_start(first);
    if (lb.saturating_sub(1)..first).any(|k| s.lx.is("subordinator", s.words[k])) {
        return true;
    }
    let Some(prev) = first.checked_sub(1).map(|k| s.words[k]) else {
        return false;
    };
    prev == "to"
        || matches!(form, Form::Ed | Form::Ing)
            && !s.lx.is("be", prev)
            && !s.lx.is("perfect_aux", prev)
}

fn e_role(coder: &EventCoder, c: &Cand) -> Role {
    coder.lx.entries[c.m.entry].role
}

fn c_entry_id(coder: &EventCoder, c: &Cand) -> String {
    coder.lx.entries[c.m.entry].id.clone()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod dropped_tests {
    use super::*;

    fn dropped(text: &str) -> (Vec<Event>, Vec<Dropped>) {
        let doc = Doc::new("d1", text);
        let mut a = Analysis::default();
        EventCoder::load_default().unwrap().annotate(&doc, &mut a);
        (a.events, a.dropped)
    }

    #[test]
    fn a_subject_cue_that_is_the_headline_verb_drops_nothing() {
        // "storm" is a weather subject cue; after an actor it is the verb.
        for text in [
            "Rebels storm the town of Kidal, kill 7 soldiers",
            "Bandits storm a market in Katsina, kill 7 traders",
        ] {
            let Some((events, dropped)) = crate::tests::code_parsed(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            let killed = events
                .iter()
                .filter_map(|e| e.fatalities.as_ref())
                .any(|c| c.best == 7);
            assert!(killed, "{text}: {events:#?} {dropped:?}");
        }
        let (events, _) = crate::tests::code_parsed("The storm killed 7 people in the valley.")
            .unwrap_or_default();
        assert!(events.iter().all(|e| e.trigger.text != "killed"));
    }

    #[test]
    fn a_sports_sentence_codes_nothing_and_names_the_sports_rule() {
        let (events, dropped) =
            dropped("The home side demolished the visitors with three second-half goals.");
        assert!(events.is_empty(), "{events:#?}");
        assert_eq!(dropped.len(), 1, "{dropped:#?}");
        assert_eq!(dropped[0].trigger.text, "demolished");
        assert_eq!(dropped[0].rule, "sports:sentence");
    }

    #[test]
    fn a_history_sentence_names_the_newness_rule() {
        let (events, dropped) =
            dropped("Crowds gathered to mark ten years since the bombing of the station.");
        assert!(events.is_empty(), "{events:#?}");
        assert_eq!(dropped.len(), 1, "{dropped:#?}");
        assert_eq!(dropped[0].trigger.text, "bombing");
        assert!(
            dropped[0].rule.starts_with("newness:history:"),
            "{}",
            dropped[0].rule
        );
    }

    #[test]
    fn metaphors_and_weak_evidence_are_named_and_coded_events_are_not_dropped() {
        let (_, d) = dropped("Senators fought the bill for months.");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            (d[0].trigger.text.as_str(), d[0].rule.as_str()),
            ("fought", "metaphor:after:bill")
        );
        let (_, d) = dropped("Men stormed the building.");
        assert!(
            d.iter().any(|d| d.trigger.text == "stormed"
                && d.rule == "events:generic-violent-word-without-evidence"),
            "{d:#?}"
        );
        let (events, d) = dropped("Barrel bombs killed at least 70 civilians.");
        assert_eq!(events.len(), 1);
        assert!(d.is_empty(), "{d:#?}");
    }
}
