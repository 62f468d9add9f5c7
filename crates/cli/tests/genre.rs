//! End-to-end: `sitrep analyze --explain` drops every trigger of a labelled
//! line of a feed or page (a column label, a file-photo caption, a live-page
//! notice: `genre:<kind>:<label>:sentence`) and keeps the events of the news
//! lines beside it.

mod common;

use common::explain;

fn rule_of<'a>(dropped: &'a [serde_json::Value], trigger: &str) -> Option<&'a str> {
    dropped
        .iter()
        .find(|d| d["trigger"]["text"] == trigger)
        .and_then(|d| d["rule"].as_str())
}

#[test]
fn labelled_lines_are_dropped_and_news_lines_kept() {
    let (events, dropped) = explain(
        "FILE PHOTO: Soldiers fire tear gas at students in Gao, Mali.\n\n\
         Opinion: The army's assault on the rebel town failed.\n\n\
         Gunmen killed 12 villagers in Zamfara state on Sunday, police said.\n",
    );
    assert!(
        rule_of(&dropped, "tear gas").is_some_and(|r| r.starts_with("genre:caption:file photo")),
        "{dropped:#?}"
    );
    assert!(
        rule_of(&dropped, "assault").is_some_and(|r| r.starts_with("genre:commentary:opinion")),
        "{dropped:#?}"
    );
    assert!(
        events.iter().any(|e| e["trigger"]["text"] == "killed"),
        "{events:#?}"
    );
    assert!(
        !events
            .iter()
            .any(|e| e["trigger"]["text"] == "tear gas" || e["trigger"]["text"] == "assault"),
        "{events:#?}"
    );
}
