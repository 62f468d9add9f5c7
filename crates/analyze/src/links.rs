//! Links between layers of one document: which claims assert which events.
//!
//! Owns `Claim::events` and `Event::claims`, and the guard that an event
//! which exists only inside an accusation or a denial is never left as a
//! plain `asserted` fact. It does not create events or claims.

use sitrep_core::{Analysis, Factuality, Stance};

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
