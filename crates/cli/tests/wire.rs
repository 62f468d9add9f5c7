//! A wire story end to end (issues 4, 5, 6): a Reuters-style report with a
//! headline, a dateline, an air strike told by two coordinated sources, its
//! wounded in a later sentence relayed by a broadcaster, a separate shelling
//! relayed through AFP, a denial and an older accusation. The fixture
//! (`fixtures/wire-yemen.txt`) was written for this test.

mod common;

use serde_json::Value;

/// `sitrep analyze` on `text` (published on `day`): its one JSON record.
fn analyze_text(text: &str, day: &str) -> Value {
    let args = ["analyze", "--published", day, "--format", "jsonl", "-"];
    let line = common::run_with_stdin(&args, text);
    serde_json::from_str(line.trim()).expect("one JSON record")
}

fn analyze() -> Value {
    analyze_text(include_str!("fixtures/wire-yemen.txt"), "2026-03-03")
}

fn text(v: &Value) -> &str {
    v["text"].as_str().unwrap_or("")
}

#[test]
fn the_strike_is_one_incident_placed_dated_and_counted_from_the_text() {
    let r = analyze();
    let incidents = r["incidents"].as_array().expect("incidents");
    let events = r["events"].as_array().expect("events");
    // The headline and the lead are one strike; the Marib shelling is
    // another; the 2018 school-bus strike is history.
    assert_eq!(incidents.len(), 2, "{incidents:#?}");
    let strike = incidents
        .iter()
        .find(|i| i["sub_event_type"] == "Air/drone strike")
        .expect("the air strike");
    assert_eq!(strike["fatalities"]["best"], 14, "{strike}");
    // Placed inside Saada province (not at Yemen's centroid), dated by "on
    // Tuesday", and the 27 "others" wounded of the next sentence are its own.
    assert_eq!(strike["place"]["country"], "YE", "{strike}");
    assert_ne!(strike["place"]["feature"], "country", "{strike}");
    assert_eq!(strike["place"]["admin1"], "Saada", "{strike}");
    assert_eq!(strike["time"]["value"], "2026-03-03", "{strike}");
    assert_eq!(strike["time"]["fallback"], false, "{strike}");
    assert_eq!(strike["injured"]["best"], 27, "{strike}");
    assert_eq!(strike["actor1"]["code"], "SAUMIL", "{strike}");
    // The incident's fields are those of its best-supported event.
    let lead = &events[strike["lead"].as_u64().expect("lead") as usize];
    assert_eq!(lead["place"], strike["place"], "{lead}");

    let shelling = incidents
        .iter()
        .find(|i| i["sub_event_type"] == "Shelling/artillery/missile attack")
        .expect("the shelling");
    assert_eq!(shelling["fatalities"]["best"], 2, "{shelling}");
    assert_eq!(shelling["actor1"]["code"], "YEMREB", "{shelling}");
    assert_eq!(text(&shelling["place"]), "Marib", "{shelling}");
    assert_eq!(shelling["time"]["value"], "2026-03-02", "{shelling}");
}

/// A Somali story written for this test: a headline naming the group but no
/// place, a dateline with its filing date, a lead with an unnamed attacker,
/// a place, a weekday and both tolls, then a witness quote of details.
const SOMALIA: &str = "\
Al-Shabaab militants attack Somali army base, nine soldiers killed

MOGADISHU, March 4 (Reuters) - Gunmen stormed a military base near Afgoye in Lower Shabelle \
region on Tuesday, killing nine soldiers and wounding 11 others, a military officer said.

\"They came with a car bomb and then opened fire,\" Captain Abdi Hassan told Reuters by phone.

Elsewhere, al-Shabaab fighters clashed with troops in Beledweyne on Wednesday.
";

#[test]
fn an_incident_takes_the_best_of_its_reports() {
    let r = analyze_text(SOMALIA, "2026-03-04");
    let incidents = r["incidents"].as_array().expect("incidents");
    let events = r["events"].as_array().expect("events");
    let base = incidents
        .iter()
        .find(|i| i["fatalities"]["best"] == 9)
        .unwrap_or_else(|| panic!("the base attack: {incidents:#?}"));
    // The headline names the perpetrator; the lead gives place, day and tolls.
    assert!(
        base["actor1"]["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("SOMREB")),
        "{base}"
    );
    assert_eq!(text(&base["place"]), "Afgoye", "{base}");
    // "on Tuesday", not the dateline's filing date.
    assert_eq!(base["time"]["value"], "2026-03-03", "{base}");
    assert_eq!(base["injured"]["best"], 11, "{base}");
    // The quote's car bomb and gunfire are details of it, not incidents.
    let triggers: Vec<&str> = base["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|i| events[i.as_u64()? as usize]["trigger"]["text"].as_str())
        .collect();
    assert!(triggers.contains(&"car bomb"), "{triggers:?}");
    assert!(triggers.contains(&"attack"), "{triggers:?}");
    // The Beledweyne fighting is placed and dated: its own incident.
    assert!(
        incidents.iter().any(|i| text(&i["place"]) == "Beledweyne"),
        "{incidents:#?}"
    );
}

#[test]
fn each_claim_keeps_its_source_relay_and_stance() {
    let r = analyze();
    let claims = r["claims"].as_array().expect("claims");
    // Two coordinated sources after the content are one claim's source.
    let lead = claims
        .iter()
        .find(|c| text(&c["source"]).contains("medical sources"))
        .unwrap_or_else(|| panic!("the medics' claim: {claims:#?}"));
    assert!(text(&lead["source"]).contains("health ministry"), "{lead}");
    assert!(
        text(&lead["content"]).contains("killed at least 14"),
        "{lead}"
    );
    // "C, the broadcaster reported, adding that …": C is the report's content.
    let reported = claims
        .iter()
        .find(|c| text(&c["cue"]) == "reported")
        .expect("the broadcaster's report");
    assert!(
        text(&reported["content"]).contains("The strike hit"),
        "{reported}"
    );
    // The Marib claim came through AFP.
    let afp = claims
        .iter()
        .find(|c| text(&c["content"]).contains("shelled"))
        .expect("the Marib claim");
    assert_eq!(afp["via"][0]["outlet"], "Agence France-Presse", "{afp}");
    // The coalition denies twice; the accusation it rejects is Human Rights
    // Watch's ("what it called …": "it" is the group).
    let denials: Vec<&Value> = claims.iter().filter(|c| c["stance"] == "deny").collect();
    assert!(denials.len() >= 2, "{claims:#?}");
    assert!(
        claims
            .iter()
            .any(|c| c["stance"] == "accuse" && c["source_entity"]["name"] == "Human Rights Watch"),
        "{claims:#?}"
    );
}

#[test]
fn a_country_before_a_headline_colon_is_the_topic_not_a_speaker() {
    let r = analyze_text(
        "Sudan: Drones hit Port Sudan for a third day\n\nEmbassy: Regime Aiding Militants\n\nThe text follows.\n",
        "2025-05-06",
    );
    let claims = r["claims"].as_array().expect("claims");
    assert!(
        claims.iter().all(|c| text(&c["source"]) != "Sudan"),
        "{claims:#?}"
    );
    // A speaker before the colon still speaks.
    assert!(
        claims.iter().any(|c| text(&c["source"]) == "Embassy"),
        "{claims:#?}"
    );
}

#[test]
fn deaths_in_another_town_of_the_province_are_another_incident() {
    // Bare deaths after an attack join it when the sentence refers back to
    // it or counts others; deaths in another town are their own.
    let r = analyze_text(
        "Gunmen attacked a village in Zamfara state on Monday, killing 10 people, police said. \
         Five people were killed in Gusau, residents said.\n",
        "2026-03-03",
    );
    let events = r["events"].as_array().expect("events");
    let tolls: Vec<u64> = events
        .iter()
        .filter_map(|e| e["fatalities"]["best"].as_u64())
        .collect();
    assert!(tolls.contains(&10) && tolls.contains(&5), "{events:#?}");
}
