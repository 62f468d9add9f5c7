//! In-document corroboration: an honest grade for every claim.
//!
//! Owns the rules that turn the claims of one article into grades on the
//! Airwars scale (confirmed, fair, weak, contested). It never upgrades a claim
//! to a fact: the grade says how well the article supports it and why.
//! Cross-document grading of incidents belongs to `sitrep-link`.

use std::collections::BTreeSet;

use serde::Serialize;
use sitrep_core::{Analysis, Claim, Stance};

/// Airwars-style grade levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A belligerent accepts responsibility.
    Confirmed,
    /// Two or more independent origins, at least one of them not a party.
    Fair,
    /// A single origin.
    Weak,
    /// Denied by the accused, disputed as unproven, or competing perpetrators.
    Contested,
    /// A rebuttal (denial, "no evidence"): graded by what it answers.
    Rebuttal,
    /// An outlet passing on other claims ("…, reports Reuters"): a channel,
    /// not an origin, so it is graded with the claims it carries.
    Relay,
}

/// The grade of one claim, with the inputs that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: Level,
    /// Distinct origins asserting the same events or the same accusation.
    pub origins: usize,
    /// How many of those origins are parties (belligerents, their media).
    pub party_origins: usize,
    /// Indexes of claims that deny it.
    pub denied_by: Vec<usize>,
    /// Indexes of claims that say there is no evidence for it.
    pub unproven_by: Vec<usize>,
    /// One line a person can read.
    pub reason: String,
}

/// Source kinds and sectors that make a source a party to the conflict.
const PARTY_KINDS: &[&str] = &["armed_group", "party_media", "state_media", "government"];
const PARTY_SECTORS: &[&str] = &["GOV", "MIL", "REB", "INS", "SPY", "COP"];

fn origin_key(c: &Claim) -> String {
    match &c.source_entity {
        Some(e) => e
            .affiliation
            .clone()
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| e.name.clone())
            .to_lowercase(),
        None => c
            .source
            .as_ref()
            .map(|s| s.text.to_lowercase())
            .unwrap_or_default(),
    }
}

fn is_party(c: &Claim) -> bool {
    let Some(e) = &c.source_entity else {
        return false;
    };
    if PARTY_KINDS.contains(&e.kind.as_str()) {
        return true;
    }
    e.code.as_deref().is_some_and(|code| {
        code.len() >= 6 && PARTY_SECTORS.iter().any(|s| code[3..].starts_with(s))
    }) || e
        .role
        .as_deref()
        .is_some_and(|r| r.contains("spokesman") && e.affiliation.is_some() && e.kind != "outlet")
}

/// A claim whose content holds other claims: the attribution stage marks it
/// with a `+relay` rule suffix. Relays are channels, never independent origins.
fn is_relay(c: &Claim) -> bool {
    c.rule.contains("+relay")
}

fn is_rebuttal(s: Stance) -> bool {
    matches!(
        s,
        Stance::Deny | Stance::NoEvidence | Stance::Retract | Stance::Question
    )
}

/// Claims that support the same thing as claim `i`: they share an event, or
/// are answered by the same rebuttal.
fn supporters(a: &Analysis, i: usize) -> BTreeSet<usize> {
    let c = &a.claims[i];
    let mut out = BTreeSet::from([i]);
    for (j, d) in a.claims.iter().enumerate() {
        if j == i || is_rebuttal(d.stance) || is_relay(d) {
            continue;
        }
        let shares_event = d.events.iter().any(|e| c.events.contains(e));
        let same_rebuttal = a.claims.iter().any(|r| {
            is_rebuttal(r.stance) && r.responds_to.contains(&i) && r.responds_to.contains(&j)
        });
        if shares_event || same_rebuttal {
            out.insert(j);
        }
    }
    out
}

/// Grade every claim of the analysis; the result is parallel to `a.claims`.
pub fn grade_claims(a: &Analysis) -> Vec<Grade> {
    (0..a.claims.len()).map(|i| grade_one(a, i)).collect()
}

fn grade_one(a: &Analysis, i: usize) -> Grade {
    let c = &a.claims[i];
    let group = supporters(a, i);
    let mut origins = BTreeSet::new();
    let mut party = BTreeSet::new();
    for &j in &group {
        let key = origin_key(&a.claims[j]);
        if is_party(&a.claims[j]) {
            party.insert(key.clone());
        }
        origins.insert(key);
    }
    let answering = |stance: Stance| -> Vec<usize> {
        a.claims
            .iter()
            .enumerate()
            .filter(|(_, r)| r.stance == stance && r.responds_to.iter().any(|t| group.contains(t)))
            .map(|(j, _)| j)
            .collect()
    };
    let denied_by = answering(Stance::Deny);
    let unproven_by = answering(Stance::NoEvidence);
    let acknowledged = group
        .iter()
        .any(|&j| a.claims[j].stance == Stance::Acknowledge);
    let (level, reason) = if is_relay(c) {
        (
            Level::Relay,
            "passes on the claims it contains; graded with them".to_string(),
        )
    } else if is_rebuttal(c.stance) {
        let reason = match c.responds_to.len() {
            0 => "answers no claim reported in this article".to_string(),
            n => format!("answers {n} claim(s); graded with them"),
        };
        (Level::Rebuttal, reason)
    } else if acknowledged {
        (Level::Confirmed, "a party acknowledges it".to_string())
    } else if !denied_by.is_empty() || !unproven_by.is_empty() {
        let mut why = Vec::new();
        if !denied_by.is_empty() {
            why.push(format!("denied by claim {}", list(&denied_by)));
        }
        if !unproven_by.is_empty() {
            why.push(format!(
                "no independent evidence per claim {}",
                list(&unproven_by)
            ));
        }
        (Level::Contested, why.join("; "))
    } else if origins.len() >= 2 && origins.len() > party.len() {
        (
            Level::Fair,
            format!("{} independent origins, not all parties", origins.len()),
        )
    } else if origins.len() >= 2 {
        (
            Level::Weak,
            format!("{} origins, all parties to the conflict", origins.len()),
        )
    } else {
        (Level::Weak, "a single origin".to_string())
    };
    Grade {
        level,
        origins: origins.len(),
        party_origins: party.len(),
        denied_by,
        unproven_by,
        reason,
    }
}

fn list(ix: &[usize]) -> String {
    ix.iter()
        .map(|i| format!("C{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::SourceEntity;

    fn claim(name: &str, kind: &str, stance: Stance, events: Vec<usize>) -> Claim {
        Claim {
            stance,
            events,
            source_entity: Some(SourceEntity {
                kind: kind.into(),
                name: name.into(),
                ..SourceEntity::default()
            }),
            ..Claim::default()
        }
    }

    #[test]
    fn single_origin_is_weak() {
        let a = Analysis {
            claims: vec![claim("Observatory", "ngo", Stance::Assert, vec![0])],
            ..Analysis::default()
        };
        assert_eq!(grade_claims(&a)[0].level, Level::Weak);
    }

    #[test]
    fn two_origins_with_a_non_party_are_fair() {
        let a = Analysis {
            claims: vec![
                claim("Observatory", "ngo", Stance::Assert, vec![0]),
                claim("rebel group", "armed_group", Stance::Accuse, vec![0]),
            ],
            ..Analysis::default()
        };
        let g = grade_claims(&a);
        assert_eq!(g[0].level, Level::Fair);
        assert_eq!(g[0].party_origins, 1);
    }

    #[test]
    fn a_denial_makes_the_accusation_contested() {
        let mut deny = claim("army", "government", Stance::Deny, vec![]);
        deny.responds_to = vec![0];
        let a = Analysis {
            claims: vec![
                claim("embassy", "government", Stance::Accuse, vec![]),
                claim("exile group", "organisation", Stance::Accuse, vec![]),
                deny,
            ],
            ..Analysis::default()
        };
        let g = grade_claims(&a);
        assert_eq!(g[0].level, Level::Contested);
        assert_eq!(g[0].denied_by, vec![2]);
        assert_eq!(g[2].level, Level::Rebuttal);
    }

    #[test]
    fn a_relaying_outlet_is_not_an_independent_origin() {
        let mut relay = claim("Reuters", "outlet", Stance::Assert, vec![0]);
        relay.rule = "speech:report+relay".into();
        let a = Analysis {
            claims: vec![claim("army", "armed_group", Stance::Assert, vec![0]), relay],
            ..Analysis::default()
        };
        let g = grade_claims(&a);
        assert_eq!(g[0].level, Level::Weak, "one origin, however many relays");
        assert_eq!(g[0].origins, 1);
        assert_eq!(g[1].level, Level::Relay);
    }

    #[test]
    fn acknowledgement_confirms() {
        let a = Analysis {
            claims: vec![
                claim("monitor", "ngo", Stance::Assert, vec![0]),
                claim("army", "government", Stance::Acknowledge, vec![0]),
            ],
            ..Analysis::default()
        };
        assert_eq!(grade_claims(&a)[0].level, Level::Confirmed);
    }
}
