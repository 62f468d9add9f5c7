//! ACLED typing rules applied on top of the trigger table.
//!
//! The table (data/events/triggers.tsv) gives each trigger its PLOVER, CAMEO
//! and default ACLED type. This module applies the ACLED codebook rules that
//! depend on who is involved:
//! - Battles need two organised armed groups; violence against an unarmed
//!   target is Violence against civilians / Attack;
//! - captures: a state actor regains territory, a non-state actor overtakes
//!   it; capturing people is an abduction (non-state) or an arrest (state);
//! - an abduction with deaths reported becomes Attack;
//! - a non-state group never "arrests": its detentions are abductions;
//! - weapon cues refine generic triggers ("warplanes bombed" is an air strike).

use sitrep_core::Actor;

use crate::casualties::UnitClass;
use crate::lexicon::{Entry, Lexicon, Role};
use crate::sentence::Sent;

/// The three taxonomies for one event.
#[derive(Debug, Clone)]
pub struct Typed {
    pub cameo: String,
    pub plover: String,
    pub mode: Option<String>,
    pub acled_type: String,
    pub acled_sub: String,
    pub civilian_targeting: bool,
    pub rule: &'static str,
}

/// State forces: ACLED inter 1, or a government/military/police sector.
pub fn is_state(a: &Actor) -> bool {
    if let Some(i) = a.inter {
        return i == 1;
    }
    let code = a.code.as_str();
    let sector = a.sector.as_deref().unwrap_or("");
    let non_state = ["REB", "INS", "OPP", "IMG", "UAF", "SEP", "CVL"];
    if non_state.iter().any(|t| code.contains(t) || sector == *t) {
        return false;
    }
    ["GOV", "MIL", "COP", "SPY", "JUD"]
        .iter()
        .any(|t| code.ends_with(t) || sector == *t)
}

/// An organised armed group (state or not).
pub fn is_armed(a: &Actor) -> bool {
    if let Some(i) = a.inter {
        return matches!(i, 1..=4 | 8);
    }
    let code = a.code.as_str();
    let sector = a.sector.as_deref().unwrap_or("");
    ["MIL", "REB", "INS", "COP", "SPY", "UAF", "IMG"]
        .iter()
        .any(|t| code.contains(t) || sector == *t)
}

/// A group that bears arms by its code or sector (military, police, rebels,
/// insurgents, militias), whatever its ACLED inter code: a government
/// official is state (inter 1) but not evidence of violence.
pub fn bears_arms(a: &Actor) -> bool {
    let sector = a.sector.as_deref().unwrap_or("");
    ["MIL", "REB", "INS", "COP", "SPY", "UAF", "IMG"]
        .iter()
        .any(|t| a.code.contains(t) || sector == *t)
}

/// A crowd: protesters or rioters (the actor layer's curated crowd nouns,
/// ACLED inter 6 and 5). Not the opposition at large: "opposition leaders"
/// share inter 6 but are no crowd in the street.
pub fn is_crowd(a: &Actor) -> bool {
    a.rule.contains("curated:PROTESTERS") || a.rule.contains("curated:RIOTERS")
}

/// Unarmed non-combatants.
pub fn is_civilian(a: &Actor) -> bool {
    if let Some(i) = a.inter {
        return i == 7;
    }
    let sector = a.sector.as_deref().unwrap_or("");
    a.code.contains("CVL")
        || a.code.contains("REF")
        || matches!(sector, "CVL" | "REF" | "EDU" | "HLH")
}

fn weapon_cue(s: &Sent, lo: usize, hi: usize) -> Option<&'static str> {
    for k in lo..hi.min(s.len()) {
        for class in ["drone_cue", "air_cue", "artillery_cue"] {
            if s.lx.cue_at(class, &s.words, k).is_some() {
                return Some(class);
            }
        }
    }
    None
}

/// Sectors whose members protest in the street ("farmers", "workers",
/// "students", "residents", "traders", "doctors", "refugees").
const PROTESTING_SECTORS: [&str; 8] = ["AGR", "LAB", "EDU", "CVL", "BUS", "HLH", "REF", "OPP"];

/// Inputs of the typing rules.
pub struct Facts<'a> {
    pub actor1: Option<&'a Actor>,
    pub actor2: Option<&'a Actor>,
    pub victims: Option<UnitClass>,
    pub deaths: bool,
    /// The object after a capture trigger is territory (a place or territory noun).
    pub territory_object: bool,
    /// The object after a capture trigger is a person or group.
    pub person_object: bool,
    /// The object is a civilian site ("stormed a hotel", "raided a market").
    pub civilian_site_object: bool,
}

impl Typed {
    /// Set the ACLED type and sub-event type, naming the rule that decided.
    fn set_acled(&mut self, event_type: &str, sub_event_type: &str, rule: &'static str) {
        self.acled_type = event_type.to_string();
        self.acled_sub = sub_event_type.to_string();
        self.rule = rule;
    }

    /// Violence against civilians: always a civilian target.
    fn against_civilians(&mut self, sub_event_type: &str, rule: &'static str) {
        self.set_acled("Violence against civilians", sub_event_type, rule);
        self.civilian_targeting = true;
    }
}

/// ACLED: demonstrators who storm or attack a building or clash with the
/// police are a violent demonstration; a mob (inter 5) is mob violence.
/// CAMEO 145, PLOVER PROTEST/riot.
fn crowd_violence(t: &mut Typed, actor1: Option<&Actor>) {
    let mob = actor1.is_some_and(|a| a.inter == Some(5));
    t.cameo = "145".into();
    t.plover = "PROTEST".into();
    t.mode = Some("riot".into());
    let sub = if mob {
        "Mob violence"
    } else {
        "Violent demonstration"
    };
    t.set_acled("Riots", sub, "acled:crowd-violence");
}

/// Type one event.
pub fn type_event(s: &Sent, e: &Entry, first: usize, last: usize, f: &Facts) -> Typed {
    let mut t = Typed {
        cameo: e.cameo.clone(),
        plover: e.plover.clone(),
        mode: e.mode.clone(),
        acled_type: e.acled_type.clone(),
        acled_sub: e.acled_sub.clone(),
        civilian_targeting: false,
        rule: "acled:table",
    };
    // A victim noun decides ("people" killed in clashes are not known to be civilians);
    // without one, the actor layer's sector does.
    let target_civilian = match f.victims {
        Some(UnitClass::Civilian) => true,
        Some(_) => false,
        None => f.actor2.is_some_and(is_civilian),
    };
    let target_armed = f.actor2.is_some_and(is_armed) || f.victims == Some(UnitClass::Armed);
    let a1_armed = f.actor1.is_some_and(is_armed);
    let a1_state = f.actor1.is_some_and(is_state);

    // A suicide attacker or his device in the clause ("a suicide car bomber
    // struck a checkpoint", "a suicide bomber killed 12") makes a generic
    // attack, a death or an explosion a suicide bombing; it wins over the
    // aircraft reading of "bombers".
    if matches!(e.role, Role::Violence | Role::Kill)
        || e.role == Role::Remote && e.mode.as_deref() == Some("explosives")
    {
        let (lb, hi) = (s.clause_start(first), s.clause_end(last) + 1);
        if (lb..hi.min(s.len())).any(|k| s.lx.cue_at("suicide_cue", &s.words, k).is_some()) {
            t.cameo = "1831".into();
            t.plover = "ASSAULT".into();
            t.mode = Some("suicide-attack".into());
            t.set_acled(
                "Explosions/Remote violence",
                "Suicide bomb",
                "acled:suicide-cue",
            );
            t.civilian_targeting = target_civilian;
            return t;
        }
    }
    // Weapon cues refine generic violent triggers ("warplanes bombed", "shelled with tanks").
    if matches!(e.role, Role::Violence | Role::Kill) || e.id == "bomb_v" {
        let lb = s.clause_start(first);
        let refined = match weapon_cue(s, lb, s.clause_end(last) + 1) {
            Some("air_cue") => Some(("195", "aerial", "Air/drone strike", "acled:air-weapon-cue")),
            Some("drone_cue") => {
                Some(("195", "drone", "Air/drone strike", "acled:drone-weapon-cue"))
            }
            Some(_) if e.role != Role::Kill => Some((
                "194",
                "heavy-weapons",
                "Shelling/artillery/missile attack",
                "acled:artillery-cue",
            )),
            _ => None,
        };
        if let Some((cameo, mode, sub, rule)) = refined {
            t.cameo = cameo.into();
            t.plover = "ASSAULT".into();
            t.mode = Some(mode.into());
            t.set_acled("Explosions/Remote violence", sub, rule);
            t.civilian_targeting = target_civilian;
            return t;
        }
    }

    // ACLED: state forces firing on, killing or beating demonstrators is
    // Protests / Excessive force against protesters, not an attack on
    // civilians ("Police opened fire on protesters, killing four"). Rioters
    // (a mob) are no peaceful protest and keep the rules below.
    let protesters = f
        .actor2
        .is_some_and(|a| is_crowd(a) && !a.rule.contains("curated:RIOTERS"));
    if matches!(e.role, Role::Violence | Role::Kill | Role::OneSided) && a1_state && protesters {
        t.set_acled(
            "Protests",
            "Excessive force against protesters",
            "acled:state-force-on-protesters",
        );
        return t;
    }
    match e.role {
        Role::Remote => {
            t.civilian_targeting = target_civilian;
        }
        Role::Violence | Role::Kill => {
            if target_civilian {
                t.against_civilians("Attack", "acled:unarmed-target");
            } else if target_armed && (a1_armed || f.actor1.is_none()) {
                t.set_acled("Battles", "Armed clash", "acled:two-armed-groups");
            } else if t.acled_type == "Violence against civilians" {
                t.civilian_targeting = true;
            } else if t.acled_type == "Battles" {
                // "an attack", "a raid" with no armed target: Battles need two
                // organised armed groups. People killed or hurt in it with no
                // sign they bore arms ("stormed a hotel, killing 15 people")
                // are an attack on the unarmed; with no victims named, the
                // target is unknown and so is the ACLED type.
                if f.deaths || f.victims == Some(UnitClass::Person) {
                    t.against_civilians("Attack", "acled:attack-unarmed-victims");
                } else if f.actor1.is_some_and(is_crowd) && !a1_armed {
                    crowd_violence(&mut t, f.actor1);
                } else if f.civilian_site_object && a1_armed {
                    // An armed group storming a hotel, a market or a school
                    // attacks the unarmed people in it.
                    t.against_civilians("Attack", "acled:armed-attack-on-civilian-site");
                } else {
                    t.set_acled("", "", "acled:attack-target-unknown");
                }
            }
        }
        Role::OneSided => {
            // A defenceless victim (executed, tortured, beheaded) is a civilian target in ACLED.
            t.civilian_targeting = t.acled_type == "Violence against civilians";
        }
        Role::Clash => {
            if f.actor1.is_some_and(is_crowd) && !a1_armed {
                // "Protesters clashed with police": ACLED codes the crowd's
                // violence as a riot (with or without deaths), not a battle
                // between armed groups.
                crowd_violence(&mut t, f.actor1);
            } else if target_civilian && !target_armed {
                t.against_civilians("Attack", "acled:unarmed-target");
            }
        }
        Role::Territory => {
            if f.actor1.is_some_and(|a| a.rule.contains("curated:RIOTERS")) && !a1_armed {
                // "A mob seized the police station": mob violence, no sit-in.
                crowd_violence(&mut t, f.actor1);
            } else if f.actor1.is_some_and(is_crowd) && !a1_armed {
                // "Protesters occupied the square / seized the ministry": a
                // sit-in, as PETRARCH codes "protestor * occupy" (144).
                t.cameo = "144".into();
                t.plover = "PROTEST".into();
                t.mode = Some("obstruct".into());
                t.set_acled("Protests", "Peaceful protest", "acled:crowd-occupies");
            } else if f.person_object && !f.territory_object {
                if a1_state {
                    t.cameo = "173".into();
                    t.plover = "COERCE".into();
                    t.mode = Some("arrest".into());
                    t.set_acled(
                        "Strategic developments",
                        "Arrests",
                        "acled:state-captures-people",
                    );
                } else {
                    t.cameo = "181".into();
                    t.plover = "ASSAULT".into();
                    t.mode = Some("abduct".into());
                    t.against_civilians(
                        "Abduction/forced disappearance",
                        "acled:non-state-captures-people",
                    );
                }
            } else if a1_state {
                t.set_acled(
                    "Battles",
                    "Government regains territory",
                    "acled:state-captures-territory",
                );
            } else if a1_armed {
                t.set_acled(
                    "Battles",
                    "Non-state actor overtakes territory",
                    "acled:non-state-captures-territory",
                );
            } else {
                t.set_acled("Battles", "Armed clash", "acled:capture-actor-unknown");
            }
        }
        Role::Abduct => {
            if f.deaths {
                t.set_acled(
                    "Violence against civilians",
                    "Attack",
                    "acled:abduction-with-deaths",
                );
            }
            t.civilian_targeting = true;
        }
        Role::Arrest => {
            if a1_armed && !a1_state {
                t.cameo = "181".into();
                t.plover = "ASSAULT".into();
                t.mode = Some("abduct".into());
                t.against_civilians(
                    "Abduction/forced disappearance",
                    "acled:non-state-never-arrests",
                );
            }
        }
        Role::Injure => {
            if target_civilian {
                t.against_civilians("Attack", "acled:unarmed-target");
            } else if target_armed {
                t.set_acled("Battles", "Armed clash", "acled:two-armed-groups");
            }
        }
        Role::Fixed | Role::Sym => {
            // A deployment of peacekeepers ("the first deployment of NATO
            // peacekeeping troops", "sent peacekeepers") is military
            // protection, CAMEO 074 / PLOVER AID, not a mobilisation.
            let lo_obj = last + 1;
            let hi_obj = (last + 6).min(s.clause_end(last));
            let object = |class: &str| (lo_obj..hi_obj).any(|k| s.lx.is(class, s.words[k]));
            // "handed over 700 kg of medicine to the Red Crescent": goods
            // handed over are aid (CAMEO 070), people handed over a release.
            if t.plover == "RETREAT" && t.mode.as_deref() == Some("release") && object("aid_goods")
            {
                t.cameo = "070".into();
                t.plover = "AID".into();
                t.mode = None;
                t.rule = "plover:goods-handed-over-are-aid";
            }
            // "lifted a day-old blockade": easing a military blockade or siege
            // is de-escalation (CAMEO 0872, PLOVER RETREAT), not a concession.
            if t.plover == "CONCEDE" && object("military_restriction") {
                t.cameo = "0872".into();
                t.plover = "RETREAT".into();
                t.mode = Some("withdraw".into());
                t.rule = "plover:eased-blockade";
            }
            // "…, a human rights group protested here Wednesday", "protested
            // that …": a protest verb used as a verb of saying is a complaint
            // (CAMEO 114), not a demonstration.
            if s.lx.is("verbal_protest_entry", &e.id)
                && matches!(s.words[first].chars().last(), Some('d' | 's'))
            {
                let that = s.words.get(last + 1) == Some(&"that");
                let comma = (first.saturating_sub(7)..first)
                    .rev()
                    .find(|&k| s.words[k] == ",")
                    .is_some_and(|c| c >= 6);
                let tail = (last + 1..s.len())
                    .filter(|&k| s.words[k].chars().any(char::is_alphanumeric))
                    .count();
                if that || comma && tail <= 3 {
                    t.cameo = "114".into();
                    t.plover = "ACCUSE".into();
                    t.mode = Some("allege".into());
                    t.acled_type.clear();
                    t.acled_sub.clear();
                    t.rule = "plover:verbal-protest";
                }
            }
            // "Farmers protested against the tax": a crowd of working people,
            // students or residents protesting is a demonstration, not a
            // statement of disapproval as a government's protest is.
            let group = f.actor1.is_some_and(|a| {
                let many = a.span.text.ends_with('s');
                a.sector
                    .as_deref()
                    .is_some_and(|x| many && PROTESTING_SECTORS.contains(&x))
                    || is_crowd(a)
            });
            if e.cameo == "111" && s.words[first].starts_with("protest") && group {
                t.cameo = "141".into();
                t.plover = "PROTEST".into();
                t.mode = Some("demo".into());
                t.set_acled(
                    "Protests",
                    "Peaceful protest",
                    "acled:group-protests-against",
                );
            }
            if t.plover == "MOBILIZE" {
                let lo = first.saturating_sub(3).max(s.clause_start(first));
                let hi = (last + 6).min(s.clause_end(last));
                if (lo..hi).any(|k| s.lx.is("peacekeeping_cue", s.words[k])) {
                    t.cameo = "074".into();
                    t.plover = "AID".into();
                    t.mode = Some("peacekeeping".into());
                    t.rule = "plover:peacekeeping-deployment";
                }
            }
        }
    }
    t
}

/// "…carried out air strikes on X, killing 12. A second raid hit a market
/// in Y": an attack noun after an ordinal ("a second raid", "another
/// strike") with no attacker of its own is one more of the article's
/// previous attack. It takes that attack's attacker and, when that one was
/// remote (an air strike, shelling), its weapon and ACLED type; and its
/// date when it has none of its own.
/// The words are the cue classes `repeat_ordinal` (not "another": news
/// round-ups use "In another attack, …" for a different attacker) and
/// `repeat_attack_noun`.
pub fn ordinal_reference(lx: &Lexicon, doc: &sitrep_core::Doc, events: &mut [sitrep_core::Event]) {
    for i in 1..events.len() {
        let e = &events[i];
        let before = doc.text[..e.trigger.byte_start]
            .split_whitespace()
            .last()
            .map(str::to_lowercase);
        let ordinal = before
            .as_deref()
            .is_some_and(|w| lx.is("repeat_ordinal", w));
        if !ordinal
            || e.actor1.is_some()
            || e.plover.event != "ASSAULT"
            || !lx.is("repeat_attack_noun", &e.trigger.text.to_lowercase())
        {
            continue;
        }
        let Some(prev) = events[..i]
            .iter()
            .rev()
            .find(|p| p.sentence < e.sentence && p.plover.event == "ASSAULT" && p.actor1.is_some())
            .cloned()
        else {
            continue;
        };
        let e = &mut events[i];
        e.actor1 = prev.actor1.clone();
        e.inter1 = prev.inter1;
        if prev.acled.event_type == "Explosions/Remote violence" {
            let civilians = e.civilian_targeting
                || e.actor2.as_ref().is_some_and(is_civilian)
                || e.acled.event_type == "Violence against civilians";
            e.cameo = prev.cameo.clone();
            e.plover = prev.plover.clone();
            e.acled = prev.acled.clone();
            e.weapon = prev.weapon.clone();
            e.civilian_targeting = civilians;
        }
        if e.time.as_ref().is_none_or(|t| t.fallback)
            && prev.time.as_ref().is_some_and(|t| !t.fallback)
        {
            e.time = prev.time.clone();
        }
        e.rule
            .push_str(&format!("; typing:ordinal-reference:{}", prev.trigger.text));
    }
}

#[cfg(test)]
mod tests {
    /// The violent events of a sentence (full stack: actors, parse, coder).
    fn violent(text: &str) -> Option<Vec<(String, String, String)>> {
        let (events, _) = crate::tests::code_parsed(text)?;
        Some(
            events
                .into_iter()
                .filter(|e| !e.acled.event_type.is_empty())
                .map(|e| (e.trigger.text, e.acled.event_type, e.acled.sub_event_type))
                .collect(),
        )
    }

    #[test]
    fn a_crowd_storming_a_state_building_is_a_violent_demonstration() {
        let Some(ev) =
            violent("Hundreds of demonstrators stormed the ministry in Lahore on Friday.")
        else {
            return;
        };
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].1.as_str(), ev[0].2.as_str()),
            ("Riots", "Violent demonstration")
        );
        let ev = violent("A mob attacked the police station in the town overnight.").unwrap();
        assert!(
            ev.iter().any(|e| e.1 == "Riots" && e.2 == "Mob violence"),
            "{ev:?}"
        );
        // A site is a target too; storming out of a room is no attack.
        let ev = violent("Angry protesters stormed the airport in Arequipa on Monday.").unwrap();
        assert!(
            ev.iter().any(|e| e.0 == "stormed" && e.1 == "Riots"),
            "{ev:?}"
        );
        let ev = violent("The protesters stormed out of the meeting with the mayor.").unwrap();
        assert!(ev.is_empty(), "{ev:?}");
        // Opposition politicians are no crowd, and a verbal attack stays dropped.
        let ev = violent("Opposition leaders attacked the government over fuel prices.").unwrap();
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn a_crowd_clashing_with_police_is_a_riot() {
        let Some(ev) = violent("Demonstrators clashed with police outside the court in Dhaka.")
        else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.1 == "Riots" && e.2 == "Violent demonstration"),
            "{ev:?}"
        );
        // Two armed groups still fight a battle.
        let ev = violent("Rebels clashed with soldiers outside the town.").unwrap();
        assert!(ev.iter().any(|e| e.1 == "Battles"), "{ev:?}");
    }

    /// (trigger, ACLED type, sub-event type, factuality, deaths, actor1 code)
    /// of every event of `text`.
    #[allow(clippy::type_complexity)]
    fn all(text: &str) -> Option<Vec<(String, String, String, String, u32, String)>> {
        let (events, _) = crate::tests::code_parsed(text)?;
        Some(
            events
                .into_iter()
                .map(|e| {
                    (
                        e.trigger.text,
                        e.acled.event_type,
                        e.acled.sub_event_type,
                        format!("{:?}", e.factuality),
                        e.fatalities.map_or(0, |c| c.best),
                        e.actor1.map(|a| a.code).unwrap_or_default(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn victims_hacked_or_beaten_to_death_are_counted() {
        let Some(ev) = all("Attackers hacked 18 villagers to death in a remote village on Sunday.")
        else {
            return;
        };
        assert!(
            ev.iter().any(|e| e.0 == "hacked"
                && e.1 == "Violence against civilians"
                && e.3 == "Asserted"
                && e.4 == 18),
            "{ev:?}"
        );
        let ev = all("A mob beat two men to death outside the market.").unwrap();
        assert!(ev.iter().any(|e| e.0 == "beat" && e.4 == 2), "{ev:?}");
        // A gap stops at punctuation: no trigger across a comma.
        let ev = all("They beat the drums, to death and back, all night.").unwrap();
        assert!(!ev.iter().any(|e| e.0 == "beat"), "{ev:?}");
    }

    #[test]
    fn homes_burned_by_soldiers_are_property_destruction() {
        let Some(ev) =
            all("Junta soldiers burned dozens of homes in a village near Kale on Thursday.")
        else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "burned" && e.2 == "Looting/property destruction"),
            "{ev:?}"
        );
        let ev = all("The bakery burned a batch of bread on Thursday.").unwrap();
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn picked_up_by_police_is_an_arrest() {
        let Some(ev) = all("Two journalists were picked up by police outside their office.") else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "picked up" && e.2 == "Arrests" && e.5.ends_with("COP")),
            "{ev:?}"
        );
        let ev = all("She picked up the phone and called her brother.").unwrap();
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn occupying_territory_is_a_capture_and_occupied_land_is_not() {
        let Some(ev) = all("Rebels briefly occupied the town of Kidal before withdrawing.") else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "occupied" && e.2 == "Non-state actor overtakes territory"),
            "{ev:?}"
        );
        for text in [
            "Israeli troops raided a house in occupied East Jerusalem.",
            "The occupying forces withdrew from the city.",
        ] {
            let ev = all(text).unwrap();
            assert!(
                !ev.iter().any(|e| e.0.starts_with("occup")),
                "{text}: {ev:?}"
            );
        }
        // A crowd occupying a square is a sit-in, not a battle.
        let ev = all("Protesters occupied the main square in front of parliament.").unwrap();
        assert!(
            ev.iter().any(|e| e.0 == "occupied" && e.1 == "Protests"),
            "{ev:?}"
        );
        // A site seized is territory, not its police abducted.
        let ev = all("The militants briefly seized the police station in the town.").unwrap();
        assert!(
            ev.iter()
                .any(|e| e.0 == "seized" && e.2 == "Non-state actor overtakes territory"),
            "{ev:?}"
        );
    }

    #[test]
    fn a_single_drone_or_rocket_that_hits_is_a_remote_attack() {
        let Some(ev) = violent("A drone hit a police post in the north of the province.") else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "drone hit" && e.2 == "Air/drone strike"),
            "{ev:?}"
        );
        let ev = violent("A rocket struck a house in the village on Monday.").unwrap();
        assert!(
            ev.iter().any(|e| e.1 == "Explosions/Remote violence"),
            "{ev:?}"
        );
    }

    #[test]
    fn working_people_protesting_against_a_measure_demonstrate() {
        let Some(ev) = all(
            "Thousands of farmers drove their tractors into the capital to protest against the new tax.",
        ) else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.1 == "Protests" && e.3 == "Asserted" && e.5.ends_with("AGR")),
            "{ev:?}"
        );
        let ev = all("Farmers protested against the new tax in the capital on Monday.").unwrap();
        assert!(ev.iter().any(|e| e.1 == "Protests"), "{ev:?}");
        // A government's protest is a statement of disapproval.
        let ev = all("France protested against the decision on Monday.").unwrap();
        assert!(!ev.iter().any(|e| e.1 == "Protests"), "{ev:?}");
    }

    #[test]
    fn a_second_raid_is_one_more_of_the_article_s_strikes() {
        let Some(ev) = all(
            "Syrian government warplanes carried out air strikes on the town on Sunday, killing 12 civilians. \
             A second raid hit a market in the city, wounding dozens of people.",
        ) else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "raid" && e.2 == "Air/drone strike" && e.5 == "SYRMIL"),
            "{ev:?}"
        );
    }

    #[test]
    fn drones_that_hit_are_a_remote_attack() {
        // The weapon is an actor mention ("Ukrainian drones"): the verb alone
        // is the trigger. "hit" with no weapon subject stays no event.
        let Some(ev) = violent("Russian drones hit a power plant near Kharkiv overnight.") else {
            return;
        };
        assert!(
            ev.iter().any(|e| e.0 == "hit" && e.2 == "Air/drone strike"),
            "{ev:?}"
        );
        let ev = violent("Fuel prices hit a new high in Kharkiv overnight.").unwrap();
        assert!(ev.is_empty(), "{ev:?}");
    }

    #[test]
    fn retaken_territory_is_a_capture() {
        let Some(ev) = violent("Government troops retook the town of Kalemie from the rebels.")
        else {
            return;
        };
        assert!(
            ev.iter()
                .any(|e| e.0 == "retook" && e.2 == "Government regains territory"),
            "{ev:?}"
        );
    }
}
