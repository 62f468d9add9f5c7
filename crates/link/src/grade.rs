//! Cross-document corroboration: the grade of an incident, and of each
//! claimed field (occurrence, perpetrator, fatalities), on the Airwars scale.
//!
//! Owns origin counting (relay chains and wire copies collapse into
//! independent origins), the party / non-party split, denials by the accused,
//! acknowledgements, competing perpetrators, and fatality ranges across
//! reports. Pure: it takes the member events with their documents' claims and
//! returns a [`IncidentGrade`] whose inputs are kept as JSON in
//! `incidents.grade_inputs`. In-document claim grades stay in
//! `sitrep-analyze` (grade.rs); this module does not change them.
//!
//! Rules, in order (the first that applies wins):
//! 1. **Discounted**: every origin that asserted it has retracted it.
//! 2. **Confirmed**: a belligerent (a party source, or the accused itself)
//!    acknowledges it.
//! 3. **Contested**: competing perpetrators, each backed by its own
//!    independent origin; or the accused denies (or a source says there is no
//!    evidence) and the support is not Fair by rule 4 (a single origin, or
//!    party sources only).
//! 4. **Fair**: two or more independent origins, at least one not a party.
//! 5. **Weak**: otherwise (a single origin, or parties only).
//!
//! An origin is the claim's source entity (its affiliation when it has one,
//! else its name); a relay (`…, reports Reuters`) is a channel, never an
//! origin; an event the article states without attribution is the article's
//! own reporting, whose origin is the outlet of its near-duplicate group's
//! first document, so a wire copy counts once. A party is a belligerent: a
//! source whose actor code matches the incident's actor1 or actor2, a source
//! of a party kind (government, armed group, state or party media) or an armed
//! or state sector (GOV, MIL, REB, INS, SPY, COP), as in the in-document rule.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sitrep_core::{Claim, Event, Factuality, Stance};

use crate::lexicon::lexicon;
use crate::score::code_sim;

/// Airwars grade levels for incidents and fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Confirmed,
    Fair,
    Weak,
    Contested,
    Discounted,
}

impl Level {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Confirmed => "confirmed",
            Level::Fair => "fair",
            Level::Weak => "weak",
            Level::Contested => "contested",
            Level::Discounted => "discounted",
        }
    }
}

/// One event of an incident, with what grading needs from its document.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    /// Key of the document (store: `documents.id` as text).
    pub doc: String,
    /// Key of the first document of its near-duplicate group (itself when
    /// it is no copy).
    pub origin_doc: String,
    /// The document's outlet, when known (ACLED `source`).
    pub outlet: Option<String>,
    /// The outlet of the first document of its near-duplicate group: the
    /// origin of the article's own reporting, so a wire copy counts once.
    pub origin_outlet: Option<String>,
    /// Kind of that outlet (wire, state_media, …) from `data/outlets.tsv`.
    pub outlet_kind: Option<String>,
    pub event_idx: usize,
    pub event: &'a Event,
    /// All claims of the document.
    pub claims: &'a [Claim],
}

/// The fields an incident is graded against.
#[derive(Debug, Clone, Default)]
pub struct Parties {
    pub actor1: Option<String>,
    pub actor2: Option<String>,
}

/// Grade of one field with its inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldGrade {
    pub level: Level,
    pub origins: Vec<String>,
    pub party_origins: Vec<String>,
    pub reason: String,
}

/// Fatality or injury range across reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub low: u32,
    /// The most conservative best estimate (ACLED).
    pub best: u32,
    pub high: u32,
}

/// Everything graded about one incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentGrade {
    pub occurrence: FieldGrade,
    pub perpetrator: Option<FieldGrade>,
    pub fatalities: Option<FieldGrade>,
    pub fatality_range: Option<Range>,
    pub injured_range: Option<Range>,
    /// Distinct documents.
    pub reports: usize,
    /// Distinct near-duplicate groups among them.
    pub document_groups: usize,
    /// Origins that deny it, all of them the accused.
    pub denied_by_accused: Vec<String>,
    /// Other denials and "no evidence" statements.
    pub disputed_by: Vec<String>,
    pub acknowledged_by: Vec<String>,
    /// actor1 code → origins naming that perpetrator.
    pub perpetrators: BTreeMap<String, Vec<String>>,
    /// Outlets of the reports, for ACLED's `source`.
    pub outlets: Vec<String>,
    /// Strongest standing across reports.
    pub factuality: Factuality,
}

/// An outlet or relay kind that speaks for a party (`party_kind` in
/// data/link/lexicon.tsv).
fn party_kind(kind: &str) -> bool {
    lexicon().has("party_kind", kind)
}

fn is_relay(c: &Claim) -> bool {
    c.rule.contains("+relay")
}

fn supports(s: Stance) -> bool {
    matches!(s, Stance::Assert | Stance::Accuse | Stance::Acknowledge)
}

/// One origin for all organs of one state: the embassy, "the U.S." and the
/// State Department speak for the same government.
fn state_key(code: &str) -> Option<String> {
    let country = code.get(..3)?;
    if !country.chars().all(|c| c.is_ascii_uppercase()) || lexicon().has("not_country", country) {
        return None;
    }
    let sector = &code[3..];
    let state = sector.is_empty() || lexicon().prefixed("state_sector", sector);
    // State media (SYRGOVMED) speak for the state too.
    state.then(|| format!("{country} state"))
}

/// The independent origin behind a claim.
fn origin_of(c: &Claim, m: &Member) -> String {
    if let Some(e) = &c.source_entity {
        // A bare country code ("U.S." → USA) is the state only when the
        // source is a government or just the country's name; "Britain-based
        // Observatory" is coded GBR but speaks for no state.
        let bare_ok = e.kind == "government"
            || (e.name.split_whitespace().count() <= 2 && !e.name.contains("-based"));
        let key = e
            .code
            .as_deref()
            .filter(|c| c.len() > 3 || bare_ok)
            .and_then(state_key);
        if let Some(k) = key {
            return k;
        }
        let unnamed =
            e.kind == "anonymous" && e.affiliation.as_deref().is_none_or(|a| a.trim().is_empty());
        if unnamed {
            // "the source said": the anonymous source this article already
            // named an affiliation for, else one anonymous origin per article.
            let named = m.claims.iter().find_map(|o| {
                o.source_entity
                    .as_ref()
                    .filter(|x| x.kind == "anonymous")
                    .and_then(|x| x.affiliation.clone())
                    .filter(|a| !a.trim().is_empty())
            });
            return match named {
                Some(a) => a.trim().to_lowercase(),
                None => format!("anonymous source, document {}", m.origin_doc),
            };
        }
        let key = e
            .affiliation
            .clone()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| e.name.clone());
        if !key.trim().is_empty() {
            return key.trim().to_lowercase();
        }
    }
    if let Some(s) = c.source.as_ref().filter(|s| !s.text.trim().is_empty()) {
        return s.text.trim().to_lowercase();
    }
    if let Some(v) = c.via.first() {
        return v.outlet.to_lowercase();
    }
    own_origin(m)
}

/// The origin of an article's own, unattributed reporting.
fn own_origin(m: &Member) -> String {
    match &m.origin_outlet {
        Some(o) if !o.trim().is_empty() => o.trim().to_lowercase(),
        _ => format!("document {}", m.origin_doc),
    }
}

fn source_code(c: &Claim) -> Option<&str> {
    c.source_entity.as_ref().and_then(|e| e.code.as_deref())
}

fn is_party(c: &Claim, p: &Parties) -> bool {
    let Some(e) = &c.source_entity else {
        return false;
    };
    if party_kind(&e.kind) {
        return true;
    }
    if e.kind == "outlet"
        && c.via
            .iter()
            .any(|v| v.outlet == e.name && party_kind(&v.kind))
    {
        return true;
    }
    if let Some(code) = e.code.as_deref() {
        if code.len() >= 6 && lexicon().prefixed("party_sector", &code[3..]) {
            return true;
        }
        if matches_actor(Some(code), p) {
            return true;
        }
    }
    false
}

fn matches_actor(code: Option<&str>, p: &Parties) -> bool {
    code.is_some_and(|c| {
        code_sim(Some(c), p.actor1.as_deref()) > 0.0 || code_sim(Some(c), p.actor2.as_deref()) > 0.0
    })
}

/// The accused: the source is (part of) the incident's actor1.
fn is_accused(c: &Claim, p: &Parties) -> bool {
    code_sim(source_code(c), p.actor1.as_deref()) > 0.0
}

/// True when a count is a convention, not a figure the text gives ("killed
/// civilians", "dozens"): the events stage says so on the count.
fn vague(c: &sitrep_core::Count) -> bool {
    c.vague
}

fn range(counts: &[(u32, u32, u32)]) -> Option<Range> {
    if counts.is_empty() {
        return None;
    }
    Some(Range {
        low: counts.iter().map(|c| c.0).min().unwrap_or(0),
        best: counts.iter().map(|c| c.1).min().unwrap_or(0),
        high: counts.iter().map(|c| c.2).max().unwrap_or(0),
    })
}

fn level_for(
    origins: &BTreeSet<String>,
    party: &BTreeSet<String>,
    acknowledged: bool,
    disputed: bool,
    competing: bool,
) -> (Level, String) {
    let non_party = origins.len() - origins.intersection(party).count();
    if acknowledged {
        return (Level::Confirmed, "a belligerent acknowledges it".into());
    }
    if competing {
        return (
            Level::Contested,
            "competing perpetrators, each with its own origin".into(),
        );
    }
    let fair = origins.len() >= 2 && non_party >= 1;
    if disputed && !fair {
        let why = if origins.len() <= 1 {
            "denied or disputed, and a single origin"
        } else {
            "denied or disputed, and only party sources"
        };
        return (Level::Contested, why.into());
    }
    if fair {
        let mut r = format!(
            "{} independent origins, {} not a party",
            origins.len(),
            non_party
        );
        if disputed {
            r.push_str(" (disputed, see inputs)");
        }
        return (Level::Fair, r);
    }
    if origins.len() >= 2 {
        (
            Level::Weak,
            format!("{} origins, all parties to the conflict", origins.len()),
        )
    } else {
        (Level::Weak, "a single origin".into())
    }
}

fn field(origins: BTreeSet<String>, party: BTreeSet<String>, level: (Level, String)) -> FieldGrade {
    FieldGrade {
        level: level.0,
        party_origins: party.into_iter().filter(|p| origins.contains(p)).collect(),
        origins: origins.into_iter().collect(),
        reason: level.1,
    }
}

/// Grade an incident from its member events.
pub fn grade(members: &[Member], parties: &Parties) -> IncidentGrade {
    let mut origins = BTreeSet::new();
    let mut party = BTreeSet::new();
    let mut retracted = BTreeSet::new();
    let mut denied_by_accused = BTreeSet::new();
    let mut disputed_by = BTreeSet::new();
    let mut acknowledged_by = BTreeSet::new();
    let mut perpetrators: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut perp_origins = BTreeSet::new();
    let mut fat_origins = BTreeSet::new();
    let mut fat: Vec<(u32, u32, u32)> = Vec::new();
    let mut inj: Vec<(u32, u32, u32)> = Vec::new();
    let mut vague_fat: Vec<(u32, u32, u32)> = Vec::new();
    let mut docs = BTreeSet::new();
    let mut groups = BTreeSet::new();
    let mut outlets = BTreeSet::new();
    let mut factuality = Factuality::Future;
    for m in members {
        docs.insert(m.doc.clone());
        groups.insert(m.origin_doc.clone());
        if let Some(o) = m.outlet.as_ref().filter(|o| !o.trim().is_empty()) {
            outlets.insert(o.trim().to_string());
        }
        factuality = crate::score::stronger(factuality, m.event.factuality);
        let on: Vec<usize> = m
            .event
            .claims
            .iter()
            .copied()
            .filter(|&c| c < m.claims.len())
            .collect();
        // This event's own origins.
        let mut mine = BTreeSet::new();
        for &ci in &on {
            let c = &m.claims[ci];
            if is_relay(c) || !supports(c.stance) {
                continue;
            }
            let o = origin_of(c, m);
            if is_party(c, parties) {
                party.insert(o.clone());
            }
            if c.stance == Stance::Acknowledge && (is_party(c, parties) || is_accused(c, parties)) {
                acknowledged_by.insert(o.clone());
            }
            mine.insert(o);
        }
        let only_relays = on.iter().all(|&ci| is_relay(&m.claims[ci]));
        if mine.is_empty() && only_relays && m.event.factuality == Factuality::Asserted {
            let o = own_origin(m);
            if m.outlet_kind.as_deref().is_some_and(party_kind) {
                party.insert(o.clone());
            }
            mine.insert(o);
        }
        // Rebuttals: claims on this event that deny it, and claims elsewhere
        // in the document answering the claims on it.
        for (ri, r) in m.claims.iter().enumerate() {
            let about = on.contains(&ri) || r.responds_to.iter().any(|t| on.contains(t));
            if !about {
                continue;
            }
            let o = origin_of(r, m);
            match r.stance {
                Stance::Deny if is_accused(r, parties) => {
                    denied_by_accused.insert(o);
                }
                Stance::Deny | Stance::NoEvidence | Stance::Question => {
                    disputed_by.insert(o);
                }
                Stance::Retract => {
                    retracted.insert(o);
                }
                _ => {}
            }
        }
        let a1 = m.event.actor1.as_ref().map(|a| a.code.clone());
        if let Some(code) = a1.as_deref().filter(|c| !c.is_empty()) {
            perpetrators
                .entry(code.to_string())
                .or_default()
                .extend(mine.iter().cloned());
            if code_sim(Some(code), parties.actor1.as_deref()) > 0.0 {
                perp_origins.extend(mine.iter().cloned());
            }
        }
        // A denied event's toll is what the denial rejects, not a report.
        if m.event.factuality != Factuality::Denied {
            if let Some(f) = &m.event.fatalities {
                let c = (f.low, f.best, f.high.unwrap_or(f.best).max(f.best));
                if vague(f) {
                    vague_fat.push(c);
                } else {
                    fat.push(c);
                    fat_origins.extend(mine.iter().cloned());
                }
            }
            if let Some(f) = &m.event.injured {
                inj.push((f.low, f.best, f.high.unwrap_or(f.best).max(f.best)));
            }
        }
        origins.extend(mine);
    }
    // Competing perpetrators: codes that conflict with each other, each
    // backed by an origin the others do not share.
    let codes: Vec<&String> = perpetrators.keys().collect();
    let mut competing = false;
    for (i, a) in codes.iter().enumerate() {
        for b in &codes[i + 1..] {
            if code_sim(Some(a), Some(b)) < 0.0 {
                let (oa, ob) = (&perpetrators[*a], &perpetrators[*b]);
                if oa.difference(ob).next().is_some() && ob.difference(oa).next().is_some() {
                    competing = true;
                }
            }
        }
    }
    let disputed = !denied_by_accused.is_empty() || !disputed_by.is_empty();
    let acknowledged = !acknowledged_by.is_empty();
    let occurrence = if !origins.is_empty() && origins.iter().all(|o| retracted.contains(o)) {
        FieldGrade {
            level: Level::Discounted,
            origins: origins.iter().cloned().collect(),
            party_origins: party
                .iter()
                .filter(|p| origins.contains(*p))
                .cloned()
                .collect(),
            reason: "every origin retracted it".into(),
        }
    } else {
        let lv = level_for(&origins, &party, acknowledged, disputed, competing);
        field(origins.clone(), party.clone(), lv)
    };
    let perpetrator = parties.actor1.as_ref().map(|_| {
        let lv = level_for(&perp_origins, &party, acknowledged, disputed, competing);
        field(perp_origins.clone(), party.clone(), lv)
    });
    // An unnumbered toll ("killed civilians", ACLED's default of 3) counts
    // only when no report gives a number.
    if fat.is_empty() {
        fat = vague_fat;
    }
    let fatality_range = range(&fat);
    let fatalities = fatality_range.map(|r| {
        let spread = r.best > 0 && fat.iter().any(|c| c.1 > 2 * r.best);
        let lv = if spread && fat_origins.len() >= 2 {
            (
                Level::Contested,
                format!(
                    "independent origins disagree (best estimates {}–{})",
                    r.best,
                    fat.iter().map(|c| c.1).max().unwrap_or(r.best)
                ),
            )
        } else {
            level_for(&fat_origins, &party, false, false, false)
        };
        field(fat_origins.clone(), party.clone(), lv)
    });
    IncidentGrade {
        occurrence,
        perpetrator,
        fatalities,
        fatality_range,
        injured_range: range(&inj),
        reports: docs.len(),
        document_groups: groups.len(),
        denied_by_accused: denied_by_accused.into_iter().collect(),
        disputed_by: disputed_by.into_iter().collect(),
        acknowledged_by: acknowledged_by.into_iter().collect(),
        perpetrators: perpetrators
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
        outlets: outlets.into_iter().collect(),
        factuality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{Actor, Count, SourceEntity, Via};

    fn claim(name: &str, kind: &str, code: &str, stance: Stance) -> Claim {
        Claim {
            stance,
            source_entity: Some(SourceEntity {
                kind: kind.into(),
                name: name.into(),
                code: (!code.is_empty()).then(|| code.to_string()),
                ..SourceEntity::default()
            }),
            ..Claim::default()
        }
    }

    fn event(actor1: &str, claims: Vec<usize>, f: Factuality) -> Event {
        Event {
            actor1: Some(Actor {
                code: actor1.into(),
                ..Actor::default()
            }),
            claims,
            factuality: f,
            ..Event::default()
        }
    }

    fn member<'a>(
        doc: &str,
        group: &str,
        outlet: &str,
        e: &'a Event,
        c: &'a [Claim],
    ) -> Member<'a> {
        Member {
            doc: doc.into(),
            origin_doc: group.into(),
            outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
            origin_outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
            outlet_kind: None,
            event_idx: 0,
            event: e,
            claims: c,
        }
    }

    fn parties() -> Parties {
        Parties {
            actor1: Some("SYRGOV".into()),
            actor2: None,
        }
    }

    #[test]
    fn a_wire_copy_adds_no_origin() {
        let e = event("SYRGOV", vec![], Factuality::Asserted);
        let mut copy = member("2", "1", "The Guardian", &e, &[]);
        copy.origin_outlet = Some("Reuters".into());
        let ms = [member("1", "1", "Reuters", &e, &[]), copy];
        let g = grade(&ms, &parties());
        assert_eq!(g.outlets.len(), 2, "both outlets are sources");
        assert_eq!(g.reports, 2);
        assert_eq!(g.document_groups, 1);
        assert_eq!(g.occurrence.origins.len(), 1);
        assert_eq!(g.occurrence.level, Level::Weak);
    }

    #[test]
    fn two_outlets_own_reporting_plus_a_monitor_is_fair() {
        let e = event("SYRGOV", vec![], Factuality::Asserted);
        let c = [claim(
            "Syrian Observatory",
            "organisation",
            "SYROPPHRI",
            Stance::Assert,
        )];
        let f = event("SYRGOV", vec![0], Factuality::Asserted);
        let ms = [
            member("1", "1", "Reuters", &e, &[]),
            member("2", "2", "BBC", &f, &c),
        ];
        let g = grade(&ms, &parties());
        assert_eq!(g.occurrence.level, Level::Fair, "{:?}", g.occurrence);
        assert_eq!(g.occurrence.origins.len(), 2);
        assert!(g.occurrence.party_origins.is_empty());
    }

    #[test]
    fn relays_do_not_count_and_the_same_source_in_two_papers_is_one_origin() {
        let mut relay = claim("Reuters", "outlet", "MED", Stance::Assert);
        relay.rule = "x+relay".into();
        let c = [
            claim(
                "Syrian Observatory",
                "organisation",
                "SYROPPHRI",
                Stance::Assert,
            ),
            relay,
        ];
        let e = event("SYRGOV", vec![0, 1], Factuality::Asserted);
        let ms = [member("1", "1", "A", &e, &c), member("2", "2", "B", &e, &c)];
        let g = grade(&ms, &parties());
        assert_eq!(g.occurrence.origins, vec!["syrian observatory".to_string()]);
        assert_eq!(g.occurrence.level, Level::Weak);
    }

    #[test]
    fn accused_denial_against_party_sources_is_contested() {
        let mut deny = claim(
            "Syrian military officials",
            "anonymous",
            "SYRMIL",
            Stance::Deny,
        );
        deny.responds_to = vec![0, 1];
        let c = [
            claim("U.S. Embassy", "government", "USAGOV", Stance::Accuse),
            claim("rebel spokesman", "person", "SYRREB", Stance::Accuse),
            deny,
        ];
        let e = event("SYRGOV", vec![0, 1], Factuality::Alleged);
        let ms = [member("1", "1", "", &e, &c)];
        let g = grade(&ms, &parties());
        assert_eq!(g.occurrence.level, Level::Contested, "{:?}", g.occurrence);
        assert_eq!(g.denied_by_accused, vec!["SYR state".to_string()]);
        assert_eq!(g.occurrence.party_origins.len(), 2);
    }

    #[test]
    fn acknowledgement_confirms() {
        let c = [
            claim("monitor", "organisation", "", Stance::Assert),
            claim("army", "government", "SYRMIL", Stance::Acknowledge),
        ];
        let e = event("SYRGOV", vec![0, 1], Factuality::Asserted);
        let g = grade(&[member("1", "1", "", &e, &c)], &parties());
        assert_eq!(g.occurrence.level, Level::Confirmed);
    }

    #[test]
    fn competing_perpetrators_with_own_origins_are_contested() {
        let c1 = [claim("monitor", "organisation", "", Stance::Assert)];
        let c2 = [claim("ministry", "government", "TURGOV", Stance::Assert)];
        let e1 = event("SYRGOV", vec![0], Factuality::Asserted);
        let e2 = event("RUSMIL", vec![0], Factuality::Asserted);
        let ms = [
            member("1", "1", "", &e1, &c1),
            member("2", "2", "", &e2, &c2),
        ];
        let g = grade(&ms, &parties());
        assert_eq!(g.occurrence.level, Level::Contested);
        assert_eq!(g.perpetrators.len(), 2);
    }

    #[test]
    fn fatalities_keep_a_conservative_best_and_the_range() {
        let c1 = [claim("monitor", "organisation", "", Stance::Assert)];
        let c2 = [claim("medics", "organisation", "", Stance::Assert)];
        let mut e1 = event("SYRGOV", vec![0], Factuality::Asserted);
        e1.fatalities = Some(Count {
            low: 12,
            best: 12,
            high: None,
            text: sitrep_core::Span {
                text: "at least 12".into(),
                ..sitrep_core::Span::default()
            },
            ..Count::default()
        });
        let mut e2 = e1.clone();
        e2.fatalities = Some(Count {
            low: 15,
            best: 16,
            high: Some(20),
            text: sitrep_core::Span {
                text: "15 to 20".into(),
                ..sitrep_core::Span::default()
            },
            ..Count::default()
        });
        let ms = [
            member("1", "1", "", &e1, &c1),
            member("2", "2", "", &e2, &c2),
        ];
        let g = grade(&ms, &parties());
        assert_eq!(
            g.fatality_range,
            Some(Range {
                low: 12,
                best: 12,
                high: 20
            })
        );
        assert_eq!(g.fatalities.map(|f| f.level), Some(Level::Fair));
        // An unnumbered toll (ACLED's default 3; the events stage marks it
        // vague) does not lower a number, nor count as a fatalities origin.
        let mut e3 = e1.clone();
        e3.fatalities = Some(Count {
            low: 3,
            best: 3,
            high: None,
            text: sitrep_core::Span {
                text: "civilians".into(),
                ..sitrep_core::Span::default()
            },
            vague: true,
            ..Count::default()
        });
        let ms = [
            member("1", "1", "", &e1, &c1),
            member("3", "3", "", &e3, &c2),
        ];
        let g = grade(&ms, &parties());
        assert_eq!(g.fatality_range.map(|r| r.best), Some(12));
        assert_eq!(g.fatalities.map(|f| f.origins.len()), Some(1));
        // The same toll as a figure counts.
        if let Some(f) = e3.fatalities.as_mut() {
            f.vague = false;
        }
        let ms = [
            member("1", "1", "", &e1, &c1),
            member("3", "3", "", &e3, &c2),
        ];
        assert_eq!(
            grade(&ms, &parties()).fatality_range.map(|r| r.best),
            Some(3)
        );
    }

    #[test]
    fn state_media_is_a_party() {
        let mut c = claim("SANA", "outlet", "SYRGOVMED", Stance::Assert);
        c.via = vec![Via {
            outlet: "SANA".into(),
            kind: "state_media".into(),
            ..Via::default()
        }];
        assert!(is_party(&c, &Parties::default()));
    }
}
