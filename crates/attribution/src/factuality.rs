//! Factuality of events: certainty, polarity and time, from cues and their scope.
//!
//! Owns deciding, for one event trigger token, how the text presents it: certain,
//! probable, possible or underspecified; positive, negative or underspecified; past or
//! present ("non-future"), future or underspecified. It reads cue words before the
//! trigger inside its clause (negation, modals, "alleged", "reportedly", "looking
//! into", "plans to"…, listed with their reach in `data/attribution/factuality_cues.tsv`)
//! and the claims around it (an event inside a denial is negative, inside a
//! question underspecified). It does not find triggers (that is `sitrep-events`) and
//! does not map the result to `sitrep_core::Factuality`; callers combine them.
//!
//! ```
//! use sitrep_attribution::factuality::{event_factuality, Certainty, Polarity, TimeRel};
//! use sitrep_core::Doc;
//!
//! let doc = Doc::new("d", "The army may not attack the town.");
//! let (c, p, t) = event_factuality(&doc, 4, &[]);
//! assert_eq!((c, p, t), (Certainty::Possible, Polarity::Neg, TimeRel::Future));
//! ```

use std::sync::OnceLock;

use sitrep_core::{Claim, Doc, Stance};

use crate::frames::WordClass;
use crate::Error;

/// Determiners that open a noun phrase (`standing_determiners` in
/// `data/attribution/word_classes.tsv`).
static STANDING_DETERMINERS: WordClass = WordClass::new("standing_determiners");

/// The cue list compiled into the binary.
pub const DEFAULT_FACTUALITY_CUES: &str =
    include_str!("../../../data/attribution/factuality_cues.tsv");

/// How sure the text is that the event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Certainty {
    Certain,
    Probable,
    Possible,
    Underspecified,
}

/// Whether the text says the event happens or does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Polarity {
    Pos,
    Neg,
    Underspecified,
}

/// When the event is, relative to the text: past or present, or future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeRel {
    NonFuture,
    Future,
    Underspecified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Neg,
    Possible,
    Probable,
    Underspecified,
    Future,
}

#[derive(Debug, Clone)]
struct Cue {
    words: Vec<String>,
    effects: Vec<Effect>,
    scope: usize,
    /// False for cues that do not lower an event's standing ("investigating a
    /// shooting" presupposes the shooting), column `standing` = `keep`.
    lowers_standing: bool,
}

/// Compiled factuality cues.
#[derive(Debug, Default, Clone)]
pub struct FactualityCues {
    cues: Vec<Cue>,
}

/// Words that close the trigger's clause when scanning back from it.
const CLAUSE_STOP: &[&str] = &[
    ",", ";", ":", "(", ")", "—", "–", ".", "?", "!", "and", "but", "which", "who", "because",
    "while", "when", "after", "before", "since", "although", "though", "“", "”", "\"",
];

impl FactualityCues {
    /// Parse `factuality_cues.tsv`.
    pub fn parse(text: &str) -> Result<FactualityCues, Error> {
        let mut out = FactualityCues::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("cue\t") {
                continue;
            }
            let bad = |msg: String| Error::Data {
                file: "factuality_cues.tsv",
                line: n + 1,
                msg,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(bad("expected 3 columns".into()));
            }
            let mut effects = Vec::new();
            for e in cols[1].split(',') {
                effects.push(match e.trim() {
                    "neg" => Effect::Neg,
                    "possible" => Effect::Possible,
                    "probable" => Effect::Probable,
                    "underspecified" => Effect::Underspecified,
                    "future" => Effect::Future,
                    other => return Err(bad(format!("unknown effect {other:?}"))),
                });
            }
            let scope = cols[2]
                .parse()
                .map_err(|_| bad(format!("bad scope {:?}", cols[2])))?;
            let lowers_standing = match cols.get(3).copied() {
                None | Some("") | Some("lower") => true,
                Some("keep") => false,
                Some(other) => return Err(bad(format!("unknown standing {other:?}"))),
            };
            out.cues.push(Cue {
                words: cols[0].split_whitespace().map(str::to_lowercase).collect(),
                effects,
                scope,
                lowers_standing,
            });
        }
        Ok(out)
    }

    /// Certainty, polarity and time of the event whose trigger is token `trigger`.
    pub fn classify(
        &self,
        doc: &Doc,
        trigger: usize,
        claims: &[Claim],
    ) -> (Certainty, Polarity, TimeRel) {
        self.classify_with(doc, trigger, claims, false)
    }

    /// Like [`FactualityCues::classify`], for an event's standing: cues marked
    /// `keep` ("investigating", "looking into") are left out.
    pub fn classify_standing(
        &self,
        doc: &Doc,
        trigger: usize,
        claims: &[Claim],
    ) -> (Certainty, Polarity, TimeRel) {
        self.classify_with(doc, trigger, claims, true)
    }

    fn classify_with(
        &self,
        doc: &Doc,
        trigger: usize,
        claims: &[Claim],
        standing: bool,
    ) -> (Certainty, Polarity, TimeRel) {
        let mut certainty = Certainty::Certain;
        let mut polarity = Polarity::Pos;
        let mut time = TimeRel::NonFuture;
        let Some(tok) = doc.tokens.get(trigger) else {
            return (certainty, polarity, time);
        };
        let sent = &doc.sentences[tok.sentence];
        let s = sent.tokens.start;
        // Clause start: the nearest stop word before the trigger.
        let mut clause = trigger;
        while clause > s && !CLAUSE_STOP.contains(&doc.lower(clause - 1)) {
            clause -= 1;
        }
        // For standing, a trigger that heads a noun phrase ("either shooting", "the
        // investigation") is presupposed: cues before its determiner belong to
        // the verb that takes the phrase, not to the event.
        // (Only a determiner right before the trigger: further back it may open the
        // subject of a verb trigger, "if the rebels attack".)
        if standing && trigger > clause && STANDING_DETERMINERS.contains(&doc.lower(trigger - 1)) {
            clause = trigger - 1;
        }
        let mut negs = 0;
        for cue in &self.cues {
            let n = cue.words.len();
            if n == 0 || (standing && !cue.lowers_standing) {
                continue;
            }
            // Cue ending at k-1, with k within `scope` words before the trigger.
            let lo = trigger.saturating_sub(cue.scope + n - 1).max(clause);
            for start in lo..trigger {
                if start + n > trigger {
                    break;
                }
                if (0..n).all(|j| doc.lower(start + j) == cue.words[j]) {
                    for e in &cue.effects {
                        match e {
                            Effect::Neg => negs += 1,
                            Effect::Possible => certainty = weaker(certainty, Certainty::Possible),
                            Effect::Probable => certainty = weaker(certainty, Certainty::Probable),
                            Effect::Underspecified => {
                                certainty = Certainty::Underspecified;
                                polarity = Polarity::Underspecified;
                            }
                            Effect::Future => time = TimeRel::Future,
                        }
                    }
                    break;
                }
            }
        }
        // A modal perfect ("may have killed", "could have fled") is about the past.
        if time == TimeRel::Future && trigger > clause && doc.lower(trigger - 1) == "have" {
            time = TimeRel::NonFuture;
        }
        if negs % 2 == 1 && polarity == Polarity::Pos {
            polarity = Polarity::Neg;
        }
        // A question about the event leaves it open.
        let last = sent.tokens.end.saturating_sub(1);
        if doc.lower(last) == "?" {
            certainty = Certainty::Underspecified;
        }
        // Claims around the trigger: a denial negates, a question leaves it open.
        for c in claims {
            if c.content.byte_start <= tok.start && tok.end <= c.content.byte_end {
                match c.stance {
                    Stance::Deny if polarity == Polarity::Pos => polarity = Polarity::Neg,
                    Stance::Question => certainty = Certainty::Underspecified,
                    _ => {}
                }
            }
        }
        (certainty, polarity, time)
    }
}

/// The less certain of two values (underspecified stays underspecified).
fn weaker(a: Certainty, b: Certainty) -> Certainty {
    a.max(b)
}

fn default_cues() -> Option<&'static FactualityCues> {
    static CUES: OnceLock<Option<FactualityCues>> = OnceLock::new();
    CUES.get_or_init(|| FactualityCues::parse(DEFAULT_FACTUALITY_CUES).ok())
        .as_ref()
}

/// [`event_factuality`] for an event's standing: cues that presuppose the event
/// ("investigating the shooting") are left out.
pub fn event_standing(
    doc: &Doc,
    trigger_token: usize,
    claims: &[Claim],
) -> (Certainty, Polarity, TimeRel) {
    match default_cues() {
        Some(c) => c.classify_standing(doc, trigger_token, claims),
        None => (Certainty::Certain, Polarity::Pos, TimeRel::NonFuture),
    }
}

/// Certainty, polarity and time of the event triggered at token `trigger_token`,
/// using the cue list compiled into the binary and the document's claims.
pub fn event_factuality(
    doc: &Doc,
    trigger_token: usize,
    claims: &[Claim],
) -> (Certainty, Polarity, TimeRel) {
    match default_cues() {
        Some(c) => c.classify(doc, trigger_token, claims),
        None => (Certainty::Certain, Polarity::Pos, TimeRel::NonFuture),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimTagger;
    use sitrep_core::{Analysis, Stage};

    fn at(doc: &Doc, word: &str) -> usize {
        (0..doc.tokens.len())
            .find(|&i| doc.lower(i) == word)
            .unwrap()
    }

    fn f(text: &str, trigger: &str) -> (Certainty, Polarity, TimeRel) {
        let doc = Doc::new("t", text);
        event_factuality(&doc, at(&doc, trigger), &[])
    }

    #[test]
    fn default_cues_parse() {
        assert!(FactualityCues::parse(DEFAULT_FACTUALITY_CUES).is_ok());
        assert!(FactualityCues::parse("cue\teffect\tscope\nnot\tmaybe\t3\n").is_err());
        assert!(FactualityCues::parse("cue\teffect\tscope\nnot\tneg\tx\n").is_err());
    }

    #[test]
    fn plain_past_event_is_certain_positive() {
        assert_eq!(
            f("Rebels shelled the checkpoint on Monday.", "shelled"),
            (Certainty::Certain, Polarity::Pos, TimeRel::NonFuture)
        );
    }

    #[test]
    fn negation_in_the_clause() {
        assert_eq!(
            f("The convoy did not reach the village.", "reach").1,
            Polarity::Neg
        );
        assert_eq!(
            f("Troops failed to capture the bridge.", "capture").1,
            Polarity::Neg
        );
        // The negation belongs to another clause.
        assert_eq!(
            f(
                "Aid did not arrive, and the militia looted the depot.",
                "looted"
            )
            .1,
            Polarity::Pos
        );
    }

    #[test]
    fn modals_and_hedges() {
        assert_eq!(
            f("The strike may have killed a commander.", "killed").0,
            Certainty::Possible
        );
        assert_eq!(
            f("Militants reportedly seized the port.", "seized").0,
            Certainty::Probable
        );
        assert_eq!(
            f("The alleged massacre drew condemnation.", "massacre").0,
            Certainty::Probable
        );
        assert_eq!(
            f(
                "Officials were looking into the bombing of the clinic.",
                "bombing"
            )
            .0,
            Certainty::Possible
        );
    }

    #[test]
    fn conditional_antecedent_is_underspecified() {
        assert_eq!(
            f(
                "If the militia attacks the town, the army will respond.",
                "attacks"
            ),
            (
                Certainty::Underspecified,
                Polarity::Underspecified,
                TimeRel::Future
            )
        );
    }

    #[test]
    fn modal_perfect_is_past() {
        assert_eq!(
            f("The strike may have killed a commander.", "killed"),
            (Certainty::Possible, Polarity::Pos, TimeRel::NonFuture)
        );
    }

    #[test]
    fn future_and_plans() {
        assert_eq!(
            f("The army will withdraw next week.", "withdraw").2,
            TimeRel::Future
        );
        assert_eq!(
            f("The ministry plans to rebuild the bridge.", "rebuild").2,
            TimeRel::Future
        );
        assert_eq!(
            f("The rebels agreed to hand over the checkpoint.", "hand").2,
            TimeRel::Future
        );
        assert_eq!(
            f("The envoy urged both sides to halt the shelling.", "halt").2,
            TimeRel::Future
        );
    }

    #[test]
    fn questions_and_denials_through_claims() {
        assert_eq!(
            f("Did the militia burn the market?", "burn").0,
            Certainty::Underspecified
        );
        let tagger = ClaimTagger::load_default().unwrap();
        let doc = Doc::new(
            "t",
            "The ministry denied reports that its jets bombed the hospital in the north of the province last week.",
        );
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        let (_, p, _) = event_factuality(&doc, at(&doc, "bombed"), &a.claims);
        assert_eq!(p, Polarity::Neg);
    }

    #[test]
    fn inquiry_cues_keep_standing() {
        let doc = Doc::new("t", "Police are investigating the shooting.");
        let t = at(&doc, "shooting");
        assert_eq!(event_factuality(&doc, t, &[]).0, Certainty::Possible);
        assert_eq!(event_standing(&doc, t, &[]).0, Certainty::Certain);
        // Other cues still count for standing.
        let doc = Doc::new("t", "Gunmen reportedly seized the port.");
        let t = at(&doc, "seized");
        assert_eq!(event_standing(&doc, t, &[]).0, Certainty::Probable);
        // A determined noun phrase is presupposed by the verb that takes it.
        let doc = Doc::new(
            "t",
            "Police are not sure whether he took part in either shooting.",
        );
        let t = at(&doc, "shooting");
        assert_eq!(event_standing(&doc, t, &[]).0, Certainty::Certain);
        assert_eq!(event_factuality(&doc, t, &[]).0, Certainty::Underspecified);
        // A cue inside the phrase still counts.
        let doc = Doc::new("t", "Officials condemned the alleged massacre.");
        assert_eq!(
            event_standing(&doc, at(&doc, "massacre"), &[]).0,
            Certainty::Probable
        );
        assert!(FactualityCues::parse("cue\teffect\tscope\nnot\tneg\t3\tmaybe\n").is_err());
    }

    #[test]
    fn attempts_and_purposes_are_possible() {
        // The goal of an attempt or an effort is not asserted to happen.
        let doc = Doc::new("t", "Rebels tried to storm the depot before dawn.");
        let (c, _, t) = event_factuality(&doc, at(&doc, "storm"), &[]);
        assert_eq!((c, t), (Certainty::Possible, TimeRel::Future));
        let doc = Doc::new(
            "t",
            "The council cut fuel prices in an effort to end the strike.",
        );
        assert_eq!(
            event_factuality(&doc, at(&doc, "end"), &[]).0,
            Certainty::Possible
        );
        // The attempt itself happened.
        assert_eq!(
            event_factuality(&doc, at(&doc, "cut"), &[]).0,
            Certainty::Certain
        );
    }

    #[test]
    fn out_of_range_trigger_is_default() {
        let doc = Doc::new("t", "Quiet day.");
        assert_eq!(
            event_factuality(&doc, 99, &[]),
            (Certainty::Certain, Polarity::Pos, TimeRel::NonFuture)
        );
    }
}
