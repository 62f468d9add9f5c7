//! Links between layers of one document: which claims assert which events.
//!
//! Owns `Claim::events` and `Event::claims`, the guard that an event which
//! exists only inside an accusation or a denial is never left as a plain
//! `asserted` fact, and the factuality pass: the certainty, polarity and time
//! that [`sitrep_attribution::factuality`] (cue lists scored on MEANTIME) gives
//! each event trigger can only lower an event's standing (asserted → future →
//! hypothetical → alleged → negated → denied), never raise it. It does not
//! create events or claims, and it leaves the event coder's own factuality rules
//! (`sitrep-events`) alone.

use sitrep_attribution::factuality::{event_standing, Certainty, Polarity, TimeRel};
use sitrep_core::{Analysis, Doc, Factuality, Stance};

/// Link claims and events, then let the factuality cues lower event standing.
pub fn link(doc: &Doc, a: &mut Analysis) {
    link_claims_to_events(a);
    apply_factuality(doc, a);
}

/// Standing order: a later value is weaker (less of a plain fact).
fn rank(f: Factuality) -> u8 {
    match f {
        Factuality::Asserted => 0,
        Factuality::Future => 1,
        Factuality::Hypothetical => 2,
        Factuality::Alleged => 3,
        Factuality::Negated => 4,
        Factuality::Denied => 5,
    }
}

/// The factuality the cues give, with its rule name, when it is not a plain fact.
fn from_cues(c: Certainty, p: Polarity, t: TimeRel) -> Option<(Factuality, &'static str)> {
    if p == Polarity::Neg {
        Some((Factuality::Negated, "factuality-cues:neg"))
    } else if matches!(c, Certainty::Possible | Certainty::Probable) && t != TimeRel::Future {
        // "reportedly", "alleged", "may have killed": a past event not vouched for.
        Some((Factuality::Alleged, "factuality-cues:uncertain"))
    } else if c != Certainty::Certain || p == Polarity::Underspecified {
        // "would meet", "could strike", "if they attack".
        Some((Factuality::Hypothetical, "factuality-cues:underspecified"))
    } else if t == TimeRel::Future {
        Some((Factuality::Future, "factuality-cues:future"))
    } else {
        None
    }
}

/// Lower each asserted or future event's factuality to what the cues around its
/// trigger say, when that is weaker. Never makes an event more of a fact than it was.
pub fn apply_factuality(doc: &Doc, a: &mut Analysis) {
    for e in &mut a.events {
        if doc.tokens.is_empty() || e.trigger.byte_end <= e.trigger.byte_start {
            continue;
        }
        let t = doc.token_at(e.trigger.byte_start);
        if t >= doc.tokens.len() {
            continue;
        }
        let (c, p, tr) = event_standing(doc, t, &a.claims);
        if let Some((f, rule)) = from_cues(c, p, tr) {
            // Only a plain or future event is lowered: the event coder's alleged,
            // hypothetical, negated and denied readings stand.
            let open = matches!(e.factuality, Factuality::Asserted | Factuality::Future);
            if open && rank(f) > rank(e.factuality) {
                e.factuality = f;
                if !e.rule.is_empty() {
                    e.rule.push_str("; ");
                }
                e.rule.push_str(rule);
            }
        }
    }
}

/// Fill the claim↔event links and downgrade factuality where a claim governs it.
pub fn link_claims_to_events(a: &mut Analysis) {
    for c in &mut a.claims {
        c.events.clear();
    }
    for e in &mut a.events {
        e.claims.clear();
    }
    for (ci, c) in a.claims.iter_mut().enumerate() {
        for (ei, e) in a.events.iter_mut().enumerate() {
            let inside_content = c.content.contains(&e.trigger);
            if inside_content {
                c.events.push(ei);
                e.claims.push(ci);
            }
        }
    }
    for e in &mut a.events {
        if e.factuality != Factuality::Asserted || e.claims.is_empty() {
            continue;
        }
        let stances: Vec<Stance> = e.claims.iter().map(|&ci| a.claims[ci].stance).collect();
        if stances
            .iter()
            .all(|s| matches!(s, Stance::Deny | Stance::Retract))
        {
            e.factuality = Factuality::Denied;
        } else if stances
            .iter()
            .any(|s| matches!(s, Stance::Accuse | Stance::Question | Stance::NoEvidence))
        {
            e.factuality = Factuality::Alleged;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{Claim, Doc, Event};

    #[test]
    fn event_inside_an_accusation_is_alleged_and_linked() {
        let doc = Doc::new("t", "Rebels accused the army of shelling the town.");
        let text = &doc.text;
        let shelling = text.find("shelling").unwrap();
        let content = text.find("the army").unwrap();
        let mut a = Analysis {
            events: vec![Event {
                trigger: doc.span(shelling, shelling + 8),
                ..Event::default()
            }],
            claims: vec![Claim {
                stance: Stance::Accuse,
                content: doc.span(content, text.len() - 1),
                ..Claim::default()
            }],
            ..Analysis::default()
        };
        link_claims_to_events(&mut a);
        assert_eq!(a.claims[0].events, vec![0]);
        assert_eq!(a.events[0].claims, vec![0]);
        assert_eq!(a.events[0].factuality, Factuality::Alleged);
    }

    fn event_at(doc: &Doc, word: &str, f: Factuality) -> Event {
        let at = doc.text.find(word).unwrap();
        Event {
            trigger: doc.span(at, at + word.len()),
            factuality: f,
            ..Event::default()
        }
    }

    fn standing(text: &str, word: &str, f: Factuality) -> Factuality {
        let doc = Doc::new("t", text);
        let mut a = Analysis {
            events: vec![event_at(&doc, word, f)],
            ..Analysis::default()
        };
        link(&doc, &mut a);
        a.events[0].factuality
    }

    #[test]
    fn cues_lower_an_asserted_event() {
        use Factuality::*;
        let a = Asserted;
        assert_eq!(
            standing("The militia did not attack the convoy.", "attack", a),
            Negated
        );
        assert_eq!(
            standing("Gunmen reportedly seized the port.", "seized", a),
            Alleged
        );
        assert_eq!(
            standing("The strike may have killed a commander.", "killed", a),
            Alleged
        );
        assert_eq!(
            standing(
                "If the rebels attack the town, the army will respond.",
                "attack",
                a
            ),
            Hypothetical
        );
        assert_eq!(
            standing("The army will withdraw next week.", "withdraw", a),
            Future
        );
        assert_eq!(
            standing("Rebels shelled the checkpoint on Monday.", "shelled", a),
            Asserted
        );
    }

    #[test]
    fn cues_never_raise_an_event() {
        use Factuality::*;
        // The event coder said denied or alleged; plain cues do not make it a fact.
        assert_eq!(
            standing("Rebels shelled the checkpoint.", "shelled", Denied),
            Denied
        );
        assert_eq!(
            standing("Rebels shelled the checkpoint.", "shelled", Alleged),
            Alleged
        );
        // A weaker reading still lowers a future event ("will not").
        assert_eq!(
            standing("The army will not withdraw.", "withdraw", Future),
            Negated
        );
    }

    #[test]
    fn cue_rule_is_recorded() {
        let doc = Doc::new("t", "The militia did not attack the convoy.");
        let mut a = Analysis {
            events: vec![Event {
                rule: "trigger:attack".into(),
                ..event_at(&doc, "attack", Factuality::Asserted)
            }],
            ..Analysis::default()
        };
        link(&doc, &mut a);
        assert!(
            a.events[0].rule.ends_with("; factuality-cues:neg"),
            "{}",
            a.events[0].rule
        );
    }

    #[test]
    fn event_outside_claims_stays_asserted() {
        let doc = Doc::new(
            "t",
            "The army shelled the town. Officials said talks resumed.",
        );
        let shelled = doc.text.find("shelled").unwrap();
        let talks = doc.text.find("talks").unwrap();
        let mut a = Analysis {
            events: vec![Event {
                trigger: doc.span(shelled, shelled + 7),
                ..Event::default()
            }],
            claims: vec![Claim {
                stance: Stance::Assert,
                content: doc.span(talks, doc.text.len() - 1),
                ..Claim::default()
            }],
            ..Analysis::default()
        };
        link_claims_to_events(&mut a);
        assert!(a.claims[0].events.is_empty());
        assert_eq!(a.events[0].factuality, Factuality::Asserted);
    }
}
