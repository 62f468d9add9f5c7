//! Unit tests: one per construction, on sentences written for these tests, and an
//! end-to-end test on a short fictional article.

use super::*;
use sitrep_core::{Actor, TimeExpr};

fn tagger() -> ClaimTagger {
    ClaimTagger::load_default().expect("default lexicons load")
}

fn run_with(text: &str, analysis: &mut Analysis) -> Vec<Claim> {
    let doc = Doc::new("t", text);
    tagger().annotate(&doc, analysis);
    analysis.claims.clone()
}

fn run(text: &str) -> Vec<Claim> {
    run_with(text, &mut Analysis::default())
}

fn src(c: &Claim) -> &str {
    c.source.as_ref().map_or("", |s| s.text.as_str())
}

fn entity(c: &Claim) -> &SourceEntity {
    c.source_entity.as_ref().expect("source entity")
}

fn vias(c: &Claim) -> Vec<&str> {
    c.via.iter().map(|v| v.outlet.as_str()).collect()
}

fn by_cue<'c>(claims: &'c [Claim], cue: &str) -> &'c Claim {
    claims
        .iter()
        .find(|c| c.cue.text == cue)
        .unwrap_or_else(|| panic!("no claim with cue {cue:?} in {claims:#?}"))
}

#[test]
fn quote_then_cue_then_speaker() {
    let c = run("“The convoy was hit twice,” said Colonel Rami Haddad.");
    assert_eq!(c.len(), 1);
    assert_eq!(src(&c[0]), "Colonel Rami Haddad");
    assert_eq!(c[0].cue.text, "said");
    assert_eq!(c[0].content.text, "“The convoy was hit twice,”");
    assert!(c[0].direct_quote);
    assert_eq!(c[0].stance, Stance::Assert);
}

#[test]
fn quote_then_speaker_then_cue_with_recipient_outlet() {
    let c = run("“We did not bomb the market,” a military source told Reuters.");
    assert_eq!(src(&c[0]), "a military source");
    assert_eq!(c[0].cue.text, "told");
    assert_eq!(vias(&c[0]), vec!["Reuters"]);
    let e = entity(&c[0]);
    assert_eq!(e.kind, "anonymous");
    assert_eq!(e.affiliation.as_deref(), Some("military"));
}

#[test]
fn speaker_then_colon_then_quote() {
    let c = run("The governor said: “The road to the airport is closed.”");
    assert_eq!(src(&c[0]), "The governor");
    assert_eq!(c[0].content.text, "“The road to the airport is closed.”");
    assert!(c[0].direct_quote);
}

#[test]
fn speaker_inside_a_split_quote() {
    let c = run("“We will return,” the commander said, “and we will rebuild every house.”");
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].content.text, "“We will return,”");
    assert_eq!(c[1].content.text, "“and we will rebuild every house.”");
    assert_eq!(src(&c[1]), "the commander");
    assert_eq!(c[0].cue, c[1].cue);
}

#[test]
fn indirect_speech_with_that() {
    let c = run("The health ministry said that 12 people were killed in the strike.");
    assert_eq!(src(&c[0]), "The health ministry");
    assert_eq!(
        c[0].content.text,
        "that 12 people were killed in the strike"
    );
    assert!(!c[0].direct_quote);
    assert_eq!(entity(&c[0]).kind, "government");
}

#[test]
fn told_with_recipient_and_appositive_source() {
    let c = run(
        "Abu Karim, a commander of the Northern Brigade, told the BBC that the town had fallen.",
    );
    assert_eq!(src(&c[0]), "Abu Karim, a commander of the Northern Brigade");
    assert_eq!(c[0].content.text, "that the town had fallen");
    assert_eq!(vias(&c[0]), vec!["BBC"]);
    let e = entity(&c[0]);
    assert_eq!(e.kind, "person");
    assert_eq!(e.name, "Abu Karim");
    assert_eq!(e.role.as_deref(), Some("commander"));
    assert_eq!(e.affiliation.as_deref(), Some("Northern Brigade"));
}

#[test]
fn told_reporters_is_not_a_relay() {
    let c = run("The minister told reporters that the talks had failed.");
    assert_eq!(src(&c[0]), "The minister");
    assert_eq!(c[0].content.text, "that the talks had failed");
    assert!(c[0].via.is_empty());
}

#[test]
fn according_to_at_the_start_and_at_the_end() {
    let c = run("According to the Syrian Observatory for Human Rights, which tracks the war, 20 fighters died.");
    assert_eq!(src(&c[0]), "the Syrian Observatory for Human Rights");
    assert_eq!(c[0].content.text, "20 fighters died");
    assert_eq!(entity(&c[0]).kind, "organisation");
    assert_eq!(vias(&c[0]), vec!["Syrian Observatory for Human Rights"]);
    let c = run("Twenty fighters died near the dam, according to activists.");
    assert_eq!(src(&c[0]), "activists");
    assert_eq!(c[0].content.text, "Twenty fighters died near the dam");
    assert_eq!(entity(&c[0]).kind, "anonymous");
}

#[test]
fn content_then_reports_outlet() {
    let c = run("The dam was seized on Friday, reports Al Jazeera.");
    assert_eq!(src(&c[0]), "Al Jazeera");
    assert_eq!(c[0].content.text, "The dam was seized on Friday");
    assert_eq!(entity(&c[0]).kind, "outlet");
    assert_eq!(vias(&c[0]), vec!["Al Jazeera"]);
}

#[test]
fn an_outlet_after_a_descriptor_is_the_outlet() {
    let c = run("The convoy was struck near the border, state news agency SANA reported.");
    assert_eq!(src(&c[0]), "state news agency SANA");
    assert_eq!(entity(&c[0]).kind, "outlet");
    assert_eq!(entity(&c[0]).name, "Syrian Arab News Agency");
    // Claims inside its report came via the outlet.
    let c = run("A military source denied the reports, state news agency SANA reported.");
    let denial = by_cue(&c, "denied");
    assert_eq!(vias(denial), vec!["Syrian Arab News Agency"]);
    // A descriptor that is no media noun leaves the phrase a plain source.
    let c = run("The convoy was struck near the border, a friend of SANA said.");
    assert_ne!(entity(&c[0]).kind, "outlet");
}

#[test]
fn content_then_source_then_cue() {
    let c =
        run("The bridge was destroyed overnight, the army wrote on its official Telegram channel.");
    assert_eq!(src(&c[0]), "the army");
    assert_eq!(c[0].content.text, "The bridge was destroyed overnight");
    assert_eq!(vias(&c[0]), vec!["Telegram"]);
}

#[test]
fn nested_claim_inside_an_outlet_report() {
    let c =
        run("The mayor accused the militia of looting the market, reports The Washington Post.");
    let mayor = by_cue(&c, "accused");
    assert_eq!(src(mayor), "The mayor");
    assert_eq!(mayor.stance, Stance::Accuse);
    assert_eq!(mayor.content.text, "the militia of looting the market");
    assert_eq!(vias(mayor), vec!["The Washington Post"]);
    let post = by_cue(&c, "reports");
    assert_eq!(post.stance, Stance::Assert);
}

#[test]
fn the_times_resolves_to_the_outlet_named_in_the_article() {
    let c = run(
        "The governor resigned, reports The New York Times. “It was over,” an aide told The Times.",
    );
    let aide = by_cue(&c, "told");
    assert_eq!(vias(aide), vec!["The New York Times"]);
}

#[test]
fn denial_with_dismissal_answers_the_accusation() {
    let c = run("The opposition accused the army of shelling the hospital. \
         The army denied the report, dismissing it as propaganda.");
    let acc = by_cue(&c, "accused");
    assert_eq!(acc.stance, Stance::Accuse);
    let deny = by_cue(&c, "denied");
    assert_eq!(deny.stance, Stance::Deny);
    assert_eq!(deny.content.text, "the report");
    let dismiss = by_cue(&c, "dismissing");
    assert_eq!(dismiss.stance, Stance::Deny);
    assert_eq!(src(dismiss), "The army");
    assert_eq!(deny.responds_to, vec![0]);
    assert_eq!(dismiss.responds_to, vec![0]);
}

#[test]
fn said_in_a_statement_is_one_cue() {
    let c = run("The ministry said in a statement that the strike hit a depot.");
    assert_eq!(c[0].cue.text, "said in a statement");
    assert_eq!(c[0].content.text, "that the strike hit a depot");
}

#[test]
fn tweeted_relays_through_twitter() {
    let c = run("The embassy tweeted that the attack was unacceptable.");
    assert_eq!(vias(&c[0]), vec!["Twitter"]);
    assert_eq!(c[0].content.text, "that the attack was unacceptable");
}

#[test]
fn wrote_on_a_platform_then_that() {
    let c = run("The brigade wrote on its Facebook page that it had withdrawn from the hill.");
    assert_eq!(c[0].content.text, "that it had withdrawn from the hill");
    assert_eq!(vias(&c[0]), vec!["Facebook"]);
}

#[test]
fn quote_continues_in_the_next_sentence() {
    let c = run("Salim Idris said the town was lost. “We had no ammunition. We had no food.”");
    assert_eq!(c.len(), 2);
    assert_eq!(c[1].rule, "quote_continuation:say");
    assert_eq!(c[1].content.text, "“We had no ammunition. We had no food.”");
    assert_eq!(entity(&c[1]).name, "Salim Idris");
}

#[test]
fn quote_over_two_sentences_before_the_cue() {
    let c = run("“We had no ammunition. We had no food,” he said.");
    assert_eq!(c[0].content.text, "“We had no ammunition. We had no food,”");
}

#[test]
fn question_mark_quote_then_speaker() {
    let c = run("“Who will rebuild the school?” Umm Ali asked.");
    assert_eq!(c.len(), 1);
    assert_eq!(src(&c[0]), "Umm Ali");
    assert_eq!(c[0].stance, Stance::Question);
}

#[test]
fn coreference_to_earlier_sources() {
    let c = run(
        "Abu Yusuf, a spokesman for the Shamiyeh Front, said the road was cut. \
         The spokesman added that food was short. He said the siege would end. \
         Mr. Yusuf said nothing more. The U.S. Embassy in Syria condemned the attack. \
         “It is a crime,” the embassy said. It also tweeted that it was monitoring the town.",
    );
    assert_eq!(entity(by_cue(&c, "added")).name, "Abu Yusuf");
    let names: Vec<&str> = c.iter().map(|c| entity(c).name.as_str()).collect();
    assert_eq!(&names[..4], &["Abu Yusuf"; 4]);
    assert_eq!(&names[4..], &["U.S. Embassy in Syria"; 3]);
}

#[test]
fn state_media_source_with_appositive() {
    let c = run("SANA, a state news agency, on Tuesday claimed that militants had been “eliminated” in the area.");
    assert_eq!(src(&c[0]), "SANA, a state news agency");
    let e = entity(&c[0]);
    assert_eq!(e.kind, "outlet");
    assert_eq!(e.name, "Syrian Arab News Agency");
    assert_eq!(c[0].via[0].kind, "state_media");
}

#[test]
fn no_evidence_from_content() {
    let c = run("A State Department spokeswoman said the U.S. does not have “independent evidence” of the strikes.");
    assert_eq!(c[0].stance, Stance::NoEvidence);
    let c = run("“Neither side has provided proof of the massacre,” notes the Guardian.");
    assert_eq!(c[0].stance, Stance::NoEvidence);
    assert_eq!(entity(&c[0]).name, "The Guardian");
}

#[test]
fn coordinated_cue_shares_the_source() {
    let c =
        run("The envoy told reporters that talks were continuing but added that no date was set.");
    let added = by_cue(&c, "added");
    assert_eq!(src(added), "The envoy");
    assert_eq!(added.content.text, "that no date was set");
    assert_eq!(
        by_cue(&c, "told").content.text,
        "that talks were continuing"
    );
}

#[test]
fn question_acknowledge_retract() {
    assert_eq!(
        run("Some residents questioned why the convoy was not protected.")[0].stance,
        Stance::Question
    );
    assert_eq!(
        run("The group claimed responsibility for the bombing.")[0].stance,
        Stance::Acknowledge
    );
    assert_eq!(
        run("The agency retracted its report that the bridge was destroyed.")[0].stance,
        Stance::Retract
    );
}

#[test]
fn noun_uses_are_not_cues() {
    assert!(run("The United States sent aid to the region.").is_empty());
    assert!(run("The latest reports were grim.").is_empty());
    let c = run("The army dismissed the “nonsense” claims by the rebels.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].cue.text, "dismissed");
}

#[test]
fn headline_with_a_colon() {
    let c = run("Embassy: Regime Aiding Militants In Aleppo\n\nThe text follows.");
    assert_eq!(c[0].cue.text, ":");
    assert_eq!(src(&c[0]), "Embassy");
    assert_eq!(c[0].stance, Stance::Accuse);
}

#[test]
fn interview_letters_and_tallies_are_no_colon_cues() {
    let c = run("Q: How did the convoy get through?\n\nA: We waited three days at the gate.");
    assert!(c.iter().all(|x| x.cue.text != ":"), "{c:#?}");
    let c = run("Raqqa: 46.\n\nHasakah: 12.");
    assert!(c.is_empty(), "{c:#?}");
    // A named speaker before a colon still is one.
    let c = run("Observatory: Airstrikes Hit Two Villages Near Idlib\n\nThe text follows.");
    assert_eq!(c[0].cue.text, ":");
}

#[test]
fn an_age_between_commas_stays_with_the_speaker() {
    let c = run("Umm Khaled, 54, said the shelling lasted all night.");
    let said = by_cue(&c, "said");
    assert_eq!(src(said), "Umm Khaled, 54");
    assert_eq!(entity(said).name, "Umm Khaled");
    assert_eq!(entity(said).role, None);
}

#[test]
fn a_participle_continues_the_sentence_subject_not_the_previous_speaker() {
    let c = run("The governor said the road was open. \
        Then Mayor Haddad went on television, accusing the militia of mining it.");
    let acc = by_cue(&c, "accusing");
    assert_eq!(src(acc), "Mayor Haddad");
    // With no subject of its own the sentence still continues the previous speaker.
    let c = run("The governor said the road was open. \
        Shortly before noon, adding that the bridge was closed.");
    assert_eq!(src(by_cue(&c, "adding")), "The governor");
}

#[test]
fn an_auxiliary_is_no_learned_cue_of_its_own() {
    let c = run("Clinton has taken a confusing and conflicted stance on trade.");
    assert!(c.iter().all(|x| x.cue.text != "has"), "{c:#?}");
}

#[test]
fn uses_times_and_actors_when_present() {
    let text = "The army said on June 1 that the town was taken.";
    let doc = Doc::new("t", text);
    let mut a = Analysis::default();
    let june = text.find("June 1").unwrap();
    a.times.push(TimeExpr {
        span: doc.span(june, june + 6),
        value: "2015-06-01".into(),
        kind: "DATE".into(),
        precision: "day".into(),
        rule: "test".into(),
    });
    a.actors.push(Actor {
        span: doc.span(4, 8),
        code: "SYRMIL".into(),
        name: "Syrian military".into(),
        rule: "test".into(),
        ..Actor::default()
    });
    tagger().annotate(&doc, &mut a);
    let c = &a.claims[0];
    assert_eq!(c.date.as_deref(), Some("2015-06-01"));
    assert_eq!(entity(c).code.as_deref(), Some("SYRMIL"));
    assert_eq!(c.content.text, "that the town was taken");
    assert!(c.events.is_empty());
}

#[test]
fn offsets_are_chars() {
    let text = "Ḩalab’s governor said “it is calm.”";
    let c = run(text);
    let s = &c[0].content;
    let via_chars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
    assert_eq!(via_chars, s.text);
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    for t in [
        "",
        "said",
        "“",
        "” said .",
        ": : :",
        "according to",
        "He said, “",
        "\"\"\" said \"\"",
    ] {
        let _ = run(t);
    }
}

#[test]
fn user_data_is_loaded_from_a_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let t = ClaimTagger::from_dir(&dir).unwrap();
    assert!(t.outlets().len() >= 60);
    assert!(ClaimTagger::from_dir(Path::new("/nonexistent")).is_err());
}

/// A short fictional article exercising the whole stage.
#[test]
fn end_to_end_fictional_article() {
    let text = "Militia Accused of Shelling Port Town\n\n\
        The Free Coast Militia shelled the port of Marana on Sunday, killing at least 14 civilians, \
        the regional governor wrote on his official Twitter account.\n\n\
        “The shells fell on the fish market at dawn,” said Lina Saad, a nurse at the Marana clinic, \
        who spoke to The Guardian. “We carried the wounded on doors.”\n\n\
        Omar Tal, a spokesman for the Free Coast Militia, told Agence France-Presse that the group \
        had only targeted army positions, dismissing the reports as “lies.”\n\n\
        According to the Coastal Monitor Network, a local monitoring group, the army has also \
        shelled villages near Marana this month.\n\n\
        The militia denied any role in the market attack, reports Reuters. \
        Officials at the United Nations said they had no independent evidence of who fired the shells. \
        The spokesman later added that the militia would open an inquiry.";
    let c = run(text);
    let gov = by_cue(&c, "wrote");
    assert_eq!(src(gov), "the regional governor");
    assert!(gov
        .content
        .text
        .starts_with("The Free Coast Militia shelled"));
    assert_eq!(vias(gov), vec!["Twitter"]);

    let nurse = by_cue(&c, "said");
    assert_eq!(entity(nurse).name, "Lina Saad");
    assert_eq!(entity(nurse).role.as_deref(), Some("nurse"));
    assert!(nurse.direct_quote);
    let cont = c
        .iter()
        .find(|x| x.rule.starts_with("quote_continuation"))
        .expect("continuation");
    assert_eq!(cont.content.text, "“We carried the wounded on doors.”");

    let tal = by_cue(&c, "told");
    assert_eq!(entity(tal).name, "Omar Tal");
    assert_eq!(vias(tal), vec!["Agence France-Presse"]);
    assert_eq!(
        tal.content.text,
        "that the group had only targeted army positions"
    );
    let dismiss = by_cue(&c, "dismissing");
    assert_eq!(dismiss.stance, Stance::Deny);
    assert_eq!(entity(dismiss).name, "Omar Tal");

    let monitor = by_cue(&c, "According to");
    assert_eq!(src(monitor), "the Coastal Monitor Network");

    let denied = by_cue(&c, "denied");
    assert_eq!(denied.stance, Stance::Deny);
    assert_eq!(vias(denied), vec!["Reuters"]);
    let un = c
        .iter()
        .find(|x| x.stance == Stance::NoEvidence)
        .expect("no_evidence claim");
    assert_eq!(src(un), "Officials at the United Nations");
    let added = by_cue(&c, "added");
    assert_eq!(entity(added).name, "Omar Tal");
    // The denial answers the accusation in the headline.
    assert!(!denied.responds_to.is_empty());
    // Deterministic.
    assert_eq!(run(text), c);
}

#[test]
fn anonymous_and_named_affiliations() {
    let c = run("Officials at the United Nations said the convoy was stopped.");
    let e = entity(&c[0]);
    assert_eq!(e.kind, "anonymous");
    assert_eq!(e.affiliation.as_deref(), Some("United Nations"));
    let c = run("Hadi Bahra of the Syrian National Coalition said the talks were over.");
    let e = entity(&c[0]);
    assert_eq!((e.kind.as_str(), e.name.as_str()), ("person", "Hadi Bahra"));
    assert_eq!(e.affiliation.as_deref(), Some("Syrian National Coalition"));
    let c = run("Paul Ryan spoke in Ohio. Ryan said he was ready.");
    assert_eq!(entity(&c[0]).name, "Paul Ryan");
    assert_eq!(entity(&c[0]).kind, "person");
}

#[test]
fn quoted_as_saying() {
    let c = run("The general was quoted as saying that the offensive would resume.");
    assert_eq!(src(&c[0]), "The general");
    assert_eq!(c[0].cue.text, "was quoted as saying");
    assert_eq!(c[0].content.text, "that the offensive would resume");
}

#[test]
fn every_prefix_of_a_tricky_paragraph_is_safe() {
    let text = "“It was never this blatant,” Abu Abdo Salabman, a spokesman for the Sham \
        Brigades, told The Times. “Why?” he asked. According to SANA, “militants were \
        ‘eliminated,’” adding: “We won.” Q: Did it happen?\n\nA: Yes, reports Reuters, \
        citing a military source; the army denied it, dismissing it as “nonsense.”";
    let tagger = tagger();
    for (i, _) in text.char_indices() {
        let doc = Doc::new("t", &text[..i]);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        for c in &a.claims {
            assert!(c.content.start <= c.content.end && c.cue.end <= doc.text.chars().count());
        }
    }
}

#[test]
fn the_times_follows_the_documents_own_outlet() {
    let meta = sitrep_core::DocMeta {
        outlet: Some("Los Angeles Times".into()),
        ..sitrep_core::DocMeta::default()
    };
    let doc = Doc::with_meta("t", "“We left at night,” a resident told The Times.", meta);
    let mut a = Analysis::default();
    tagger().annotate(&doc, &mut a);
    assert_eq!(vias(&a.claims[0]), vec!["Los Angeles Times"]);
}

#[test]
fn relative_pronoun_source_speaks_for_its_antecedent() {
    let c = run("The woman died, according to the Medical Examiner's Office, which said the death was a homicide.");
    let said = by_cue(&c, "said");
    assert_eq!(src(said), "which");
    assert_eq!(entity(said).name, "Medical Examiner's Office");
}

#[test]
fn passive_cue_takes_its_source_from_by() {
    let c = run("The shelling was reported by local activists on Monday.");
    assert_eq!(src(&c[0]), "local activists");
    let c = run("No weapon was found in the car.");
    assert!(c.iter().all(|x| x.source.is_none()));
}

#[test]
fn parenthetical_channel_between_source_and_cue() {
    let tagger = ClaimTagger::load_default().unwrap();
    let doc = Doc::new(
        "t",
        "The mayor, in a statement, said the bridge was closed to traffic.",
    );
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    assert_eq!(a.claims[0].source.as_ref().unwrap().text, "The mayor");
    assert_eq!(a.claims[0].content.text, "the bridge was closed to traffic");
}

#[test]
fn a_lone_function_word_is_no_source() {
    let tagger = ClaimTagger::load_default().unwrap();
    let doc = Doc::new(
        "t",
        "The commander responded by saying the bridge would stay closed.",
    );
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    for c in &a.claims {
        let s = c.source.as_ref().map(|s| s.text.as_str());
        assert_ne!(s, Some("by"), "{c:?}");
    }
}

#[test]
fn relative_clause_on_the_subject_is_not_an_inverted_source() {
    let claims = run(
        "The monitor, which relies on activists on the ground, said a raid hit a market in the town.",
    );
    let c = by_cue(&claims, "said");
    assert_eq!(src(c), "The monitor");
    assert!(
        c.content.text.starts_with("a raid hit a market"),
        "{:?}",
        c.content.text
    );
}

#[test]
fn a_named_source_keeps_the_outlet_it_spoke_to() {
    let cs = run("Omar Haddad, a commander of the Northern Brigade, told Reuters that the bridge had fallen. \
         Mr. Haddad said that his fighters withdrew at dawn. \
         The ministry tweeted that the bridge was intact. \
         The ministry said that repairs would start soon.");
    assert_eq!(vias(by_cue(&cs, "told")), vec!["Reuters"]);
    let said = cs
        .iter()
        .find(|c| src(c) == "Mr. Haddad")
        .expect("Haddad claim");
    assert_eq!(vias(said), vec!["Reuters"]);
    // A platform is not carried over to the next statement.
    let later = cs
        .iter()
        .rfind(|c| src(c) == "The ministry")
        .expect("ministry claim");
    assert_eq!(later.cue.text, "said");
    assert!(later.via.is_empty(), "{:?}", later.via);
}

#[test]
fn participle_after_a_channel_noun_is_part_of_the_source() {
    let c = run(
        "Villagers accused the militia of burning crops, according to a statement posted on Facebook.",
    );
    assert!(
        !c.iter().any(|x| x.cue.text.starts_with("posted")),
        "{c:#?}"
    );
    let acc = by_cue(&c, "according to");
    assert_eq!(src(acc), "a statement posted on Facebook");
    assert_eq!(vias(acc), vec!["Facebook"]);
    // A channel noun with no preposition before it is a subject: still a cue.
    let c = run("The statement claimed that the militia had burned crops.");
    assert_eq!(src(by_cue(&c, "claimed")), "The statement");
}

#[test]
fn coordinated_said_after_a_quote_keeps_the_sentence_speaker() {
    let c = run(
        "A police source denied the reports, calling them “rumours”, and said the officers had \
         fired “warning shots” only, the news agency reported.",
    );
    let said = by_cue(&c, "said");
    assert_eq!(src(said), "A police source");
    assert_eq!(
        said.content.text,
        "the officers had fired “warning shots” only"
    );
}

#[test]
fn a_sentence_adverb_is_not_an_appositive_name() {
    let c = run("Separately, rebels of the Coast Brigade accused the army of looting shops.");
    assert_eq!(src(by_cue(&c, "accused")), "rebels of the Coast Brigade");
}

#[test]
fn a_coordinated_assertion_does_not_choose_what_a_denial_answers() {
    let c = run(
        "Farmers accused the police of burning barns near Olta. \
         Traders accused the police of closing the market road. \
         A police source denied the accusations and said officers had cleared the market road of barricades.",
    );
    let d = by_cue(&c, "denied");
    // The generic denial takes its terms from the sentence before it.
    assert_eq!(d.responds_to, vec![1], "{c:#?}");
}

#[test]
fn quote_signed_by_a_dash_and_a_name() {
    let c = run(
        "Readers wrote to us after the debate.\n\n“The shelling of the port was a crime.” ― Layla Haddad\n“Nobody warned the families.” ― Omar B. Saleh\n",
    );
    let c1 = c
        .iter()
        .find(|c| src(c) == "Layla Haddad")
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(c1.cue.text, "―");
    assert_eq!(c1.content.text, "“The shelling of the port was a crime.”");
    let c2 = c
        .iter()
        .find(|c| src(c) == "Omar B. Saleh")
        .expect("second");
    assert!(c2.content.text.contains("Nobody warned"));
}

#[test]
fn dash_before_a_lower_case_phrase_is_no_signature() {
    let c = run("He called them “basement dwellers” ― a group of data engineers in the city.");
    assert!(c.iter().all(|c| c.cue.text != "―"), "{c:#?}");
}

#[test]
fn transcript_turns_are_claims_of_their_speaker() {
    let c = run(
        "Partial transcript as follows:\n\n\"HADDAD: The bridge was destroyed on Tuesday. We saw it.\n\n\"KARIMI: That is not what the ministry says.\n\nCORRECTION: An earlier version misspelled a name.\n",
    );
    let h = c
        .iter()
        .find(|c| src(c) == "HADDAD")
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(h.cue.text, ":");
    assert!(h.content.text.starts_with("The bridge was destroyed"));
    assert!(h.content.text.ends_with("We saw it."), "{}", h.content.text);
    assert!(c.iter().any(|c| src(c) == "KARIMI"));
    assert!(c.iter().all(|c| src(c) != "CORRECTION"), "{c:#?}");
}

#[test]
fn abbreviation_in_a_parenthesis_after_a_quote() {
    let c = run("“The aid never arrived,” Rep. Dana Fuller (D-Wis.) said Friday.");
    let c = by_cue(&c, "said Friday");
    assert!(src(c).starts_with("Rep. Dana Fuller"), "{}", src(c));
    assert_eq!(c.content.text, "“The aid never arrived,”");
}

#[test]
fn a_sentence_opening_with_asked_is_the_question_claim() {
    let c = run(
        "The minister met reporters in the capital. Asked whether the ceasefire would hold, the minister said the army was ready.",
    );
    let q = by_cue(&c, "Asked");
    assert_eq!(q.source, None);
    assert_eq!(q.content.text, "whether the ceasefire would hold");
    assert_eq!(q.stance, Stance::Question);
    assert_eq!(src(by_cue(&c, "said")), "the minister");
    // The asker, when named after "by", is the question's source.
    let c = run(
        "The convoy left at dawn. Asked by Maria Ortiz if more trucks would follow, the officer shook his head.",
    );
    let q = by_cue(&c, "Asked");
    assert_eq!(src(q), "Maria Ortiz");
    assert_eq!(q.content.text, "if more trucks would follow");
    // Not without a clause closed by a comma before more words.
    assert!(run("The rebels left. Asked twice.").is_empty());
}

#[test]
fn a_reporters_byline_is_no_claim() {
    let c = run("The shelling went on all night. Jane Petrova reported from Kharkiv.");
    assert!(c.iter().all(|c| c.cue.text != "reported"), "{c:#?}");
    let c = run("Jane Petrova reported from Kharkiv that the shelling went on all night.");
    assert_eq!(
        by_cue(&c, "reported")
            .source
            .as_ref()
            .map(|s| s.text.as_str()),
        Some("Jane Petrova")
    );
}

/// The claim tagger with the default parser, or `None` (a skip) when the
/// syntax model is absent.
fn tagger_with_parser() -> Option<ClaimTagger> {
    if sitrep_syntax::Parser::load_default().is_err() {
        eprintln!("skipping: no syntax model");
        return None;
    }
    let tagger = ClaimTagger::load_default()
        .and_then(|t| t.with_default_parser())
        .expect("tagger with parser");
    Some(tagger)
}

#[test]
fn a_passive_report_from_a_place_is_no_byline() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let doc = Doc::new("t", "Heavy shelling was reported from Kharkiv and Izium.");
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    assert!(
        a.claims.iter().any(|c| c.cue.text.contains("reported")),
        "{:#?}",
        a.claims
    );
}

#[test]
fn a_naming_participle_after_a_noun_is_no_claim() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let claims = |text: &str| {
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        a.claims
    };
    let c =
        claims("Fighters from a militia called the Northern Shield entered the town on Monday.");
    assert!(c.iter().all(|c| c.cue.text != "called"), "{c:#?}");
    // A speaker who calls something a name is still a claim.
    let c = claims("The governor called the raid a crime against the whole province.");
    assert!(c.iter().any(|c| c.cue.text == "called"), "{c:#?}");
}

#[test]
fn an_interviews_q_and_a_turns_are_no_claims_with_the_tagger() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let doc = Doc::new(
        "t",
        "Q: Did the army leave the valley before the talks?\n\nA: It left on Monday, and the villagers came back.\n",
    );
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    assert!(
        a.claims.iter().all(|c| c.cue.text != ":"),
        "{:#?}",
        a.claims
    );
}

#[test]
fn a_sentence_opening_with_a_poll_phrase_is_the_polls_claim() {
    let c = run(
        "The vote is on Sunday. In a Radio Free Europe poll released last week, 40 percent of voters backed the mayor.",
    );
    let p = by_cue(&c, "In");
    assert_eq!(src(p), "a Radio Free Europe poll released last week");
    assert_eq!(p.content.text, "40 percent of voters backed the mayor");
    // Plural documents too.
    let c = run("The vote is on Sunday. In exit polls, most voters backed the mayor.");
    assert_eq!(src(by_cue(&c, "In")), "exit polls");
    // Not when the document sits in a clause of the phrase, nor mid-sentence.
    let c = run("The vote is on Sunday. In a memo released as polls closed, the mayor conceded.");
    assert!(c.iter().all(|c| c.cue.text != "In"), "{c:#?}");
    let c = run("The vote is on Sunday. The mayor leads in the latest poll, as he did in May.");
    assert!(c.iter().all(|c| c.cue.text != "in"), "{c:#?}");
}

#[test]
fn a_colon_after_a_cue_and_its_recipient_is_no_second_cue() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let doc = Doc::new(
        "t",
        "The mayor was also critical of the army's plan, telling Radio Liberty: “The plan is typical of the ministry, which never listens.”",
    );
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    assert!(
        a.claims.iter().any(|c| c.cue.text == "telling"),
        "{:#?}",
        a.claims
    );
    assert!(
        a.claims.iter().all(|c| c.cue.text != ":"),
        "{:#?}",
        a.claims
    );
}

#[test]
fn a_participle_after_a_comma_takes_its_own_sentences_common_noun_subject() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let doc = Doc::new(
        "t",
        "The minister criticized the army's plan. The general visited the base on Monday, saying the troops were ready.",
    );
    let mut a = Analysis::default();
    tagger.annotate(&doc, &mut a);
    let c = by_cue(&a.claims, "saying");
    assert_eq!(src(c), "The general");
    assert_eq!(c.content.text, "the troops were ready");
}

#[test]
fn a_continued_tell_cue_keeps_its_recipient_out_of_the_content() {
    let c = run("The governor criticized the plan, telling Reuters: “It will fail.”");
    let t = by_cue(&c, "telling");
    assert_eq!(src(t), "The governor");
    assert_eq!(t.content.text, "“It will fail.”");
    // The recipient is the outlet that relays the claim.
    assert_eq!(vias(t), vec!["Reuters"]);
}

#[test]
fn coordinated_sources_after_the_content() {
    let c = run(
        "An airstrike killed at least nine people at a fuel depot in Hodeidah on Sunday, local medics and the provincial health office said.",
    );
    let s = by_cue(&c, "said");
    assert_eq!(src(s), "local medics and the provincial health office");
    assert_eq!(
        s.content.text,
        "An airstrike killed at least nine people at a fuel depot in Hodeidah on Sunday"
    );
    // Not when the first conjunct is part of the content.
    let c = run("Gunmen opened fire on the bus, killing two, and police said.");
    assert!(
        c.iter().all(|c| src(c) != "killing two, and police"),
        "{c:#?}"
    );
}

#[test]
fn a_participle_after_a_trailing_source_continues_it() {
    let c = run(
        "The convoy was hit near the border crossing, the state broadcaster reported, adding that six drivers were wounded.",
    );
    let r = by_cue(&c, "reported");
    assert_eq!(src(r), "the state broadcaster");
    assert_eq!(
        r.content.text,
        "The convoy was hit near the border crossing"
    );
    let a = by_cue(&c, "adding");
    assert_eq!(src(a), "the state broadcaster");
    assert_eq!(a.content.text, "that six drivers were wounded");
    // With a recipient and a time phrase between the cue and the participle.
    let c = run(
        "Rebels shelled an army post near the river overnight, a local commander told Reuters on Monday, saying three fighters died.",
    );
    let t = by_cue(&c, "told");
    assert_eq!(src(t), "a local commander");
    assert_eq!(
        t.content.text,
        "Rebels shelled an army post near the river overnight"
    );
    assert_eq!(vias(t), vec!["Reuters"]);
    let sy = by_cue(&c, "saying");
    assert_eq!(sy.content.text, "three fighters died");
    assert_eq!(vias(sy), vec!["Reuters"]);
}

#[test]
fn a_noun_summing_up_the_clause_is_answered_by_the_closing_source() {
    let c = run(
        "The rights group accused the militia of shelling homes in the old city, accusations the militia's commander has denied.",
    );
    let d = c
        .iter()
        .find(|c| c.cue.text.ends_with("denied"))
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(src(d), "the militia's commander");
    assert_eq!(d.stance, Stance::Deny);
    assert_eq!(
        d.content.text,
        "The rights group accused the militia of shelling homes in the old city"
    );
    let a = c
        .iter()
        .position(|c| c.cue.text == "accused")
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(src(&c[a]), "The rights group");
    assert_eq!(c[a].stance, Stance::Accuse);
    assert_eq!(d.responds_to, vec![a]);
    // With "that" and a figure the source disputes.
    let c = run("The monitor said the raid killed 11 civilians, a figure that the army disputes.");
    let q = by_cue(&c, "disputes");
    assert_eq!(src(q), "the army");
    assert_eq!(q.stance, Stance::Question);
    assert_eq!(
        q.content.text,
        "The monitor said the raid killed 11 civilians"
    );
    // The disputed figure is the monitor's claim.
    let said = c.iter().position(|k| k.cue.text == "said").unwrap();
    assert_eq!(q.responds_to, vec![said]);
    // An echo is no answer: "reports seen by Reuters said" keeps no source "seen by Reuters".
    let c = run("The depot was hit twice, reports seen by Reuters said.");
    assert!(c.iter().all(|c| src(c) != "seen by Reuters"), "{c:#?}");
}

#[test]
fn a_pronoun_source_inside_a_clause_stands_for_the_sentence_subject() {
    let c = run(
        "The UN envoy said he was alarmed by the fighting. Amnesty International documented what it called unlawful killings by both sides.",
    );
    let k = by_cue(&c, "called");
    assert_eq!(src(k), "it");
    assert_eq!(entity(k).name, "Amnesty International");
}

#[test]
fn a_summed_up_claim_is_what_the_closing_source_answers() {
    let c = run(
        "The governor accused the rebels of shelling the port. The army said its troops had taken the hill, a claim the rebels denied.",
    );
    let d = by_cue(&c, "denied");
    assert_eq!(src(d), "the rebels");
    let said = c.iter().position(|c| c.cue.text == "said").unwrap();
    // Not the governor's accusation, which the rebels do not answer here.
    assert_eq!(d.responds_to, vec![said]);
}

#[test]
fn a_participle_with_no_claim_before_it_takes_the_sentence_subject() {
    let c =
        run("The Northern Brigade withdrew from the town, calling the move a tactical decision.");
    let k = by_cue(&c, "calling");
    assert_eq!(src(k), "The Northern Brigade");
    assert_eq!(k.content.text, "the move a tactical decision");
}

#[test]
fn coordinated_sources_open_the_sentence() {
    let c = run("Police and the army said the gunmen fled into the hills.");
    assert_eq!(src(by_cue(&c, "said")), "Police and the army");
    let c = run(
        "Israel's military and the Palestinian health ministry said at least 12 people were killed.",
    );
    assert_eq!(
        src(by_cue(&c, "said")),
        "Israel's military and the Palestinian health ministry"
    );
    // The parse does not cut the second conjunct off, nor a name's "for" phrase.
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let claims = |text: &str| {
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        a.claims
    };
    let c = claims("Police and the army said the gunmen fled into the hills.");
    assert_eq!(src(by_cue(&c, "said")), "Police and the army");
    let c =
        claims("The Syrian Observatory for Human Rights said at least 22 fighters were killed.");
    assert_eq!(
        src(by_cue(&c, "said")),
        "The Syrian Observatory for Human Rights"
    );
}

#[test]
fn a_relative_clause_or_plural_verb_answers_the_clause_before() {
    let c = run("The ministry blamed the rebels for the attack, which the rebels denied.");
    let d = by_cue(&c, "denied");
    assert_eq!(src(d), "the rebels");
    assert_eq!(d.stance, Stance::Deny);
    assert_eq!(
        d.content.text,
        "The ministry blamed the rebels for the attack"
    );
    let b = c.iter().position(|c| c.cue.text == "blamed").unwrap();
    assert_eq!(c[b].content.text, "the rebels for the attack");
    assert_eq!(d.responds_to, vec![b]);
    let c = run(
        "The army accused the militia of using civilians as shields, an allegation the militia reject.",
    );
    let d = by_cue(&c, "reject");
    assert_eq!(src(d), "the militia");
    assert_eq!(d.stance, Stance::Deny);
    // "which" right before the cue is the speaker itself, no summed-up clause.
    let c = run("The rebels hold the town, the office, which denied it, said.");
    assert!(
        c.iter().all(|c| !c.rule.starts_with("resumptive")),
        "{c:#?}"
    );
}

#[test]
fn told_a_name_then_a_clause_without_that() {
    let c = run(
        "Doctors at the hospital told Reuters the strike killed 18 people, most of them children.",
    );
    let t = by_cue(&c, "told");
    assert_eq!(vias(t), vec!["Reuters"]);
    assert_eq!(
        t.content.text,
        "the strike killed 18 people, most of them children"
    );
    let c = run("A police officer told reporters the gunmen had fled.");
    assert_eq!(by_cue(&c, "told").content.text, "the gunmen had fled");
}

#[test]
fn according_to_a_document_is_according_to_its_author() {
    let c = run("Five soldiers were killed in the ambush, according to a statement from the Interior Ministry.");
    let a = by_cue(&c, "according to");
    assert_eq!(src(a), "the Interior Ministry");
    assert_eq!(a.content.text, "Five soldiers were killed in the ambush");
    let c = run("According to a report by the UN refugee agency, 3,000 families fled the city.");
    let a = by_cue(&c, "According to");
    assert_eq!(src(a), "the UN refugee agency");
    assert_eq!(a.content.text, "3,000 families fled the city");
}

#[test]
fn a_clause_is_no_first_conjunct_of_a_coordinated_source() {
    let c = run("Three guards were wounded, a border official said and villagers confirmed.");
    assert!(c.iter().all(|c| !src(c).contains("said")), "{c:#?}");
    // A two-word phrase with no verb still is one.
    let c = run("Three guards were wounded, border officials and villagers said.");
    assert_eq!(src(by_cue(&c, "said")), "border officials and villagers");
}

#[test]
fn denied_with_a_non_speech_object_is_no_denial() {
    for text in [
        "Border guards denied entry to a convoy of fuel trucks on Tuesday.",
        "The judge denied bail to the four suspects.",
        "Reporters were denied access to the camp.",
    ] {
        let c = run(text);
        assert!(c.is_empty(), "{text}: {c:#?}");
    }
    // A denial of a claim is still one.
    let c = run("The militia denied shelling the market.");
    assert_eq!(by_cue(&c, "denied").stance, Stance::Deny);
}

#[test]
fn no_comment_is_no_claim() {
    for text in [
        "The ministry did not immediately respond to a request for comment on the strike.",
        "A spokesman for the army could not be reached for comment.",
        "The embassy declined to comment on the report.",
        "The government did not comment on the attack.",
        "The ministry did not mention civilian casualties.",
    ] {
        let c = run(text);
        assert!(c.is_empty(), "{text}: {c:#?}");
    }
}

#[test]
fn a_report_from_a_place_is_no_author() {
    // "from" names a body's document, or where a report came from.
    let c = run("Five people were killed, according to reports from the scene.");
    assert!(c.iter().all(|k| src(k) != "the scene"), "{c:#?}");
    let c = run("Five people were killed, according to a report from Kabul.");
    assert!(c.iter().all(|k| src(k) != "Kabul"), "{c:#?}");
    let c = run("Five people were killed, according to a statement from the Interior Ministry.");
    assert!(
        c.iter().any(|k| src(k) == "the Interior Ministry"),
        "{c:#?}"
    );
}

#[test]
fn a_passive_claim_by_an_agent_is_its_claim_of_responsibility() {
    let c = run("The bombing at the checkpoint was claimed by the Northern Front.");
    let k = by_cue(&c, "was claimed");
    assert_eq!(src(k), "the Northern Front");
    assert_eq!(k.content.text, "The bombing at the checkpoint");
    assert_eq!(k.stance, Stance::Acknowledge);
    // With an adverb between "was" and "claimed".
    let c = run("The raid on the depot was later claimed by the Northern Front.");
    let k = by_cue(&c, "claimed");
    assert_eq!(src(k), "the Northern Front");
    assert_eq!(k.content.text, "The raid on the depot");
    // Victory, a seat or a prize claimed by someone is no attack; an attack
    // that nobody claimed is no claim of responsibility.
    for text in [
        "Victory was claimed by both parties after the vote.",
        "The bombing was not claimed by anyone.",
        "The attack was claimed by nobody.",
    ] {
        let c = run(text);
        assert!(
            c.iter().all(|k| k.stance != Stance::Acknowledge),
            "{text}: {c:#?}"
        );
    }
}

#[test]
fn a_wire_dateline_is_no_content_and_the_wire_relays_the_story() {
    let text = "Drone hits fuel depot\n\nODESA, Ukraine, May 9 (Reuters) - A drone set fire to a fuel depot near the port, the regional governor said.\n\nThe army said later that it had shot down two other drones.\n\nReuters could not verify the report, which Moscow denied.";
    let c = run(text);
    let k = by_cue(&c, "said");
    assert_eq!(
        k.content.text,
        "A drone set fire to a fuel depot near the port"
    );
    assert_eq!(vias(k), vec!["Reuters"]);
    let army = c
        .iter()
        .find(|k| src(k) == "The army")
        .expect("the army's claim");
    assert_eq!(vias(army), vec!["Reuters"]);
    // Other wires and styles: "CITY (AP) —", and a dateline with no outlet.
    let c = run("GAZA CITY (AP) — Two shells hit the hospital, medics said.");
    let k = by_cue(&c, "said");
    assert_eq!(k.content.text, "Two shells hit the hospital");
    assert_eq!(vias(k), vec!["Associated Press"]);
    let c = run("KHARTOUM, June 2 - Fighting reached the airport, residents said.");
    let k = by_cue(&c, "said");
    assert_eq!(k.content.text, "Fighting reached the airport");
    assert!(k.via.is_empty());
    // A sentence that opens with a name and a dash is no dateline.
    let c = run("Ahmed Salim - a farmer - said the well was dry.");
    assert!(c.iter().all(|k| !k.content.text.starts_with("a farmer")));
}

#[test]
fn a_recipient_before_the_means_still_relays() {
    let c = run("“They hit the market twice,” a rescue worker told Reuters by telephone.");
    assert_eq!(vias(by_cue(&c, "told")), vec!["Reuters"]);
}

#[test]
fn a_body_named_later_is_not_the_person_who_spoke_for_it() {
    let c = run(
        "The coalition spokesman, Colonel Fahd al-Harbi, said the raid hit a depot. The coalition said later that it was reviewing the strike.",
    );
    let first = &c[0];
    assert_eq!(src(first), "The coalition spokesman, Colonel Fahd al-Harbi");
    assert_eq!(first.content.text, "the raid hit a depot");
    let e = entity(first);
    assert_eq!(e.kind, "person");
    assert_eq!(e.name, "Fahd al-Harbi");
    let later = c
        .iter()
        .find(|k| src(k) == "The coalition")
        .expect("the coalition's claim");
    assert_ne!(entity(later).kind, "person", "{c:#?}");
    // "the spokesman" still is the person.
    let c = run(
        "A coalition spokesman, Colonel Fahd al-Harbi, said the raid hit a depot. The spokesman said the pilots were safe.",
    );
    let later = c
        .iter()
        .find(|k| src(k) == "The spokesman")
        .expect("the spokesman's claim");
    assert_eq!(entity(later).name, "Fahd al-Harbi");
}

#[test]
fn a_role_before_a_name_is_the_persons_role() {
    let c = run("Provincial governor Amina Diallo said two schools were closed.");
    let e = entity(&c[0]);
    assert_eq!(e.kind, "person");
    assert_eq!(e.name, "Amina Diallo");
    assert_eq!(e.role.as_deref(), Some("Provincial governor"));
}

#[test]
fn a_denial_answers_the_plain_claim_of_the_act_it_denies() {
    // An accusation of something else does not hide the claim of the act.
    let c = run(
        "Farmers accused the army of seizing their cattle. The monitor said army helicopters dropped barrel bombs on the market in Kafr Safra. The army denied dropping barrel bombs on the market.",
    );
    let d = by_cue(&c, "denied");
    let said = c.iter().position(|k| k.cue.text == "said").unwrap();
    assert_eq!(d.responds_to, vec![said], "{c:#?}");
    // "denied the accusations" answers the accusations.
    let c = run(
        "Farmers accused the army of seizing their cattle. The monitor said army helicopters dropped barrel bombs on the market. The army denied the accusations.",
    );
    let d = by_cue(&c, "denied");
    let acc = c.iter().position(|k| k.cue.text == "accused").unwrap();
    assert_eq!(d.responds_to, vec![acc], "{c:#?}");
    // A demonym names the denier's country; a body's kind word names no one.
    let c = run(
        "Russian drones hit a power plant in Sumy, the governor said. The president called for more air defence systems. Russia's Defence Ministry denied targeting the power plant.",
    );
    let d = by_cue(&c, "denied");
    assert_eq!(d.responds_to, vec![0], "{c:#?}");
    // "the group's claims": the group's own claims.
    let c = run(
        "The Eastern Brigade claimed the ambush on Telegram. The group said its fighters seized two trucks. The army dismissed the group's claims as propaganda.",
    );
    let d = by_cue(&c, "dismissed");
    assert_eq!(d.responds_to, vec![0, 1], "{c:#?}");
}

#[test]
fn a_second_source_and_cue_share_the_content() {
    let c = run("Four shops burned down, a fire officer said and traders confirmed.");
    let said = by_cue(&c, "said");
    assert_eq!(src(said), "a fire officer");
    assert_eq!(said.content.text, "Four shops burned down");
    let conf = by_cue(&c, "confirmed");
    assert_eq!(src(conf), "traders");
    assert_eq!(conf.content.text, "Four shops burned down");
}

#[test]
fn a_passive_claim_by_an_agent_says_its_subject() {
    let c = run("Victory was claimed by both parties after the vote.");
    let k = by_cue(&c, "was claimed");
    assert_eq!(src(k), "both parties");
    assert_eq!(k.content.text, "Victory");
    assert_eq!(k.stance, Stance::Assert);
}

#[test]
fn an_attack_verb_with_armed_words_is_no_cue() {
    for text in [
        "Russia attacked Ukraine with a barrage of missiles on Sunday.",
        "Rebels attacked the convoy near the bridge.",
        "A rocket slammed into an apartment block in the port.",
    ] {
        let c = run(text);
        assert!(
            c.iter()
                .all(|k| !matches!(k.cue.text.as_str(), "attacked" | "slammed")),
            "{text}: {c:#?}"
        );
    }
    // Criticism stays a claim, also with a military word in a complement or
    // inside the subject.
    let c = run("The senator slammed the plan as reckless.");
    assert!(c.iter().any(|k| k.cue.text == "slammed"), "{c:#?}");
    for (text, cue) in [
        (
            "Lawmakers slammed the defence minister's plan to deploy more troops to the north.",
            "slammed",
        ),
        (
            "Rights campaigners blasted the decision to buy new drones from Turkey.",
            "blasted",
        ),
        (
            "Soldiers' wives slammed the ministry over unpaid wages.",
            "slammed",
        ),
    ] {
        let c = run(text);
        assert!(c.iter().any(|k| k.cue.text == cue), "{text}: {c:#?}");
    }
}

#[test]
fn three_coordinated_sources_are_all_the_source() {
    let c = run("The army, the police and local officials said the attack was repelled.");
    let k = by_cue(&c, "said");
    assert_eq!(src(k), "The army, the police and local officials");
    assert_eq!(entity(k).name, "army, the police and local officials");
    let c = run("The attack was repelled, the army, the police and local officials said.");
    let k = by_cue(&c, "said");
    assert_eq!(src(k), "the army, the police and local officials");
    assert_eq!(k.content.text, "The attack was repelled");
    let c = run("Hamas, Islamic Jihad and the Popular Front said the raid was a crime.");
    assert_eq!(
        src(by_cue(&c, "said")),
        "Hamas, Islamic Jihad and the Popular Front"
    );
}

#[test]
fn claiming_an_attack_through_a_relay_is_a_claim_of_responsibility() {
    let Some(tagger) = tagger_with_parser() else {
        return;
    };
    let run = |text: &str| {
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        a.claims
    };
    let c = run(
        "The Northern Front claimed the ambush in a statement relayed by the SITE Intelligence Group.",
    );
    let k = by_cue(&c, "claimed");
    assert_eq!(k.stance, Stance::Acknowledge);
    assert_eq!(k.content.text, "the ambush");
    assert_eq!(vias(k), vec!["SITE Intelligence Group"]);
    // A claim that the attack did something is no claim of responsibility.
    let c = run("The Northern Front claimed the attack killed 20 soldiers.");
    assert_eq!(by_cue(&c, "claimed").stance, Stance::Assert);
    // A claim about another party's strike, or that the attack was something, is
    // no claim of responsibility either.
    for text in [
        "The Northern Front claimed the Israeli strike on the hospital killed 500 people.",
        "Kyiv claimed the attack on Sumy was carried out with cluster munitions.",
        "The Northern Front claimed Russia's attack on the port left dozens dead.",
    ] {
        let c = run(text);
        assert_eq!(by_cue(&c, "claimed").stance, Stance::Assert, "{text}");
    }
    // The subject of a sentence that goes on "and claimed" speaks.
    let c = run("Rebels attacked the convoy and claimed the ambush on Telegram.");
    let k = by_cue(&c, "claimed");
    assert_eq!(src(k), "Rebels");
    assert_eq!(k.stance, Stance::Acknowledge);
}

#[test]
fn coordinated_sources_after_a_quote_are_all_the_source() {
    let c = run("Two bridges were “destroyed”, a police source and local residents confirmed.");
    let k = by_cue(&c, "confirmed");
    assert_eq!(src(k), "a police source and local residents");
}

#[test]
fn could_not_verify_is_no_evidence() {
    let c = run("Reuters could not independently verify the casualty figures.");
    let k = c
        .iter()
        .find(|k| k.cue.text.contains("verify"))
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(src(k), "Reuters");
    assert_eq!(k.stance, Stance::NoEvidence);
    assert_eq!(k.content.text, "the casualty figures");
}

#[test]
fn the_militia_is_not_the_body_that_accused_it() {
    let c = run(
        "Amnesty International accused the militia of killing 20 civilians in Kauru. \
        The militia denied the accusations in a statement on Monday.",
    );
    let d = by_cue(&c, "denied");
    assert_ne!(entity(d).name, "Amnesty International", "{c:#?}");
    // An armed group named before is what "the militia" and "the group" refer to.
    let c = run("The Eastern Brigade said it had repelled the attack. \
        Amnesty International accused the militia of killing 20 civilians. \
        The militia denied the accusations.");
    assert_eq!(
        entity(by_cue(&c, "denied")).name,
        "Eastern Brigade",
        "{c:#?}"
    );
    assert!(source::ARMED_NAMES.contains(&"brigade"));
}
