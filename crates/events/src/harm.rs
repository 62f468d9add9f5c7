//! Physical harm told around a shooting or wounding word: the body part hit
//! ("shot in the head", "a gunshot wound to the chest"), the number of shots
//! ("shot twice", "shot multiple times"), the gunfire itself ("gunshot
//! wounds"), or a person as the passive subject ("two women were shot").
//! Each is evidence that a generic violent word is real violence, where the
//! participants are private people the actor layer does not code. Word lists
//! are the `harm_*`, `wound_site`, `idiom_wound_site`, `reflexive_pronoun`,
//! `shot_count`, `shot_noun` and `gunfire_named` classes of
//! data/events/cues.tsv.

use crate::lexicon::Form;
use crate::sentence::Sent;

/// How far after the trigger the body part or the count may stand.
const WINDOW: usize = 7;

/// The kind of harm evidence for the trigger (entry `id`) at words
/// `first..=last`, if any.
pub fn evidence(s: &Sent, id: &str, first: usize, last: usize, form: Form) -> Option<&'static str> {
    let end = s.clause_end(last).min(last + 1 + WINDOW).min(s.len());
    // "a gunshot wound", "opened fire", "hit by a stray bullet".
    if (first..end.min(last + 4)).any(|k| s.lx.cue_at("gunfire_named", &s.words, k).is_some()) {
        return Some("harm:gunfire");
    }
    let mut reflexive = false;
    for k in last + 1..end {
        let w = s.words[k];
        reflexive |= s.lx.is("reflexive_pronoun", w);
        // "shot in the head", "a wound to his chest" ("shot itself in the
        // foot" is a figure of speech).
        if matches!(w, "in" | "to") {
            let mut j = k + 1;
            while j < end && s.lx.is("harm_skip", s.words[j]) {
                j += 1;
            }
            if j < end
                && s.lx.is("wound_site", s.words[j])
                && !(reflexive && s.lx.is("idiom_wound_site", s.words[j]))
            {
                return Some("harm:wound-site");
            }
        }
        // "shot twice", "shot him 16 times", "fired two shots" (not "shot
        // the scene twice": the count follows the verb or its pronoun).
        let count = s.lx.cue_at("shot_count", &s.words, k).is_some()
            || (w == "times"
                && k > last + 1
                && s.words[k - 1].bytes().all(|b| b.is_ascii_digit())
                && !s.words[k - 1].is_empty());
        let adjacent = (last + 1..k).all(|j| {
            s.lx.is("harm_count_gap", s.words[j]) || s.words[j].bytes().all(|b| b.is_ascii_digit())
        });
        // Counted shots further on ("fired at the car, hitting it with
        // three rounds"), not any "shots" or "rounds" ("three rounds of
        // talks", "the first shots in the price war").
        let volley = s.lx.is("shot_noun", w)
            && s.words.get(k + 1) != Some(&"of")
            && s.words[k - 1] != "a"
            && (s.words[k - 1].bytes().all(|b| b.is_ascii_digit())
                || s.lx.quants.contains_key(s.words[k - 1]));
        if count && (adjacent || volley) {
            return Some("harm:shot-count");
        }
    }
    // "fired at him", "shot her" (not "shot him a look").
    let object = s.words.get(last + 1).copied().unwrap_or("");
    if s.lx.is("harm_object_trigger", id)
        && s.lx.is("harm_object_pronoun", object)
        && !matches!(s.words.get(last + 2), Some(&("a" | "an")))
    {
        return Some("harm:person-object");
    }
    // ("he was shot down by the committee": a particle makes it a figure.)
    let particle = s
        .words
        .get(last + 1)
        .is_some_and(|w| s.lx.is("harm_particle", w));
    if form == Form::Ed
        && !particle
        && s.lx.is("harm_person_verb", s.words[first])
        && person_subject(s, first)
    {
        return Some("harm:person-shot");
    }
    None
}

/// "Two women were shot", "the boy was found shot", "he was shot": a person
/// noun or a personal pronoun right before the passive auxiliary (and
/// "found", "later", adverbs in between).
fn person_subject(s: &Sent, first: usize) -> bool {
    let mut k = first;
    let mut aux = false;
    while k > 0 {
        let w = s.words[k - 1];
        if s.lx.is("be", w) && w != "'s" {
            aux = true;
        } else if !s.lx.is("harm_passive_gap", w) {
            break;
        }
        k -= 1;
    }
    if !aux || k == 0 {
        return false;
    }
    let w = s.words[k - 1];
    s.lx.is("harm_subject_pronoun", w) || s.lx.is("person_unit", w) || s.lx.is("civilian_unit", w)
}

#[cfg(test)]
mod tests {
    use sitrep_core::{Event, Factuality};

    /// The asserted events of `text`.
    fn asserted(text: &str) -> Vec<Event> {
        let (mut events, _) = crate::tests::code_with_actors(text);
        events.retain(|e| e.factuality == Factuality::Asserted);
        events
    }

    /// Whether `text` yields a violent (ACLED-typed) asserted event.
    fn violent(text: &str) -> bool {
        asserted(text)
            .iter()
            .any(|e| !e.acled.event_type.is_empty())
    }

    #[test]
    fn harm_to_a_private_person_is_violence() {
        for s in [
            "Dana Reyes, 41, was shot in the head outside her home on Sunday night.",
            "A teenage boy was found shot on the steps of the church.",
            "She remains in hospital with gunshot wounds to both legs.",
            "Someone in the pickup fired three shots at the house.",
            "Several shots were fired near the pharmacy late on Saturday.",
            "A van stopped and a man inside fired at him.",
            "The driver was shot multiple times as he left the garage.",
            "A girl asleep in her room was hit by a stray bullet on Friday night.",
            "Mark and Ellen Fisher opened fire at the office party.",
        ] {
            assert!(violent(s), "{s}");
        }
    }

    /// Crowd violence told in regional and sports reports (the rows of
    /// triggers.tsv `riot_v`/`protest`, curated RIOTERS, `sports_override`).
    #[test]
    fn crowds_stoning_fighting_or_besieging_are_coded() {
        for s in [
            "Villagers stoned a police van that had come to remove the barricade.",
            "Rival supporters fought near the ground after the cup final, a police spokesman said.",
            "Hockey fans rioted in the streets after the final, smashing shop windows.",
            "Mill workers gheraoed the director over the closure of the unit.",
        ] {
            assert!(violent(s) || coded(s), "{s}");
        }
        for s in [
            "The striker was stoned on the team bus before the derby, his coach said.",
            "Rival fans sang for hours in the square before the final.",
        ] {
            assert!(!violent(s), "{s}");
        }
    }

    /// Whether `text` yields any asserted event.
    fn coded(text: &str) -> bool {
        !asserted(text).is_empty()
    }

    #[test]
    fn figures_and_film_shots_stay_uncoded() {
        for s in [
            "The cameraman shot the final scene twice.",
            "He was shot down by the committee on Monday.",
            "The union shot itself in the foot with the strike vote.",
            "The singer shot to fame after the talent show.",
            // Rounds of talks are no rounds fired; a price war is no war.
            "The government killed the scheme after several rounds of consultations.",
            "The first shots were fired in the price war between the two supermarket chains.",
            "The opening salvo in the trade war was fired by Washington on Monday.",
        ] {
            assert!(!violent(s), "{s}");
        }
        // Counted rounds and shots in a real war stay violence.
        for s in [
            "A gunman fired at the car, hitting the driver with three rounds.",
            "Shots were fired in the civil war's first week near the old bridge.",
        ] {
            assert!(violent(s), "{s}");
        }
    }
}
