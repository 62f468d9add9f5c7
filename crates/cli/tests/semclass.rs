//! End-to-end: `sitrep analyze --explain` drops a violent trigger whose
//! argument is no possible target or perpetrator of political violence (the
//! semantic-class rule, `semclass:<role>:<class>:<lemma>`, from the parse and
//! WordNet classes) and a violent noun that is only a label
//! (`frame:label:<verb>`), and keeps an armed attack beside them.

mod common;

use common::explain;

fn has_rule(dropped: &[serde_json::Value], rule: &str) -> bool {
    dropped.iter().any(|d| d["rule"] == rule)
}

#[test]
fn an_animal_agent_and_a_label_are_dropped_and_named() {
    let (events, dropped) = explain(
        "A hippo killed a fisherman on Lake Kariba, local officials said. \
         Residents called the raid a massacre.\n",
    );
    assert!(
        has_rule(&dropped, "semclass:agent:animal:hippo"),
        "{dropped:#?}"
    );
    assert!(has_rule(&dropped, "frame:label:call"), "{dropped:#?}");
    assert!(
        !events.iter().any(|e| e["trigger"]["text"] == "killed"),
        "{events:#?}"
    );
    assert!(
        events.iter().any(|e| e["trigger"]["text"] == "raid"),
        "the thing named stays: {events:#?}"
    );
}

#[test]
fn armed_men_keep_the_event() {
    let (events, dropped) =
        explain("Armed men killed two fishermen on Lake Kariba, local officials said.\n");
    assert!(
        events.iter().any(|e| e["trigger"]["text"] == "killed"),
        "{dropped:#?}"
    );
    assert!(!dropped.iter().any(|d| d["rule"]
        .as_str()
        .is_some_and(|r| r.starts_with("semclass:"))));
}
