//! Genre: is this line of a feed or page a report at all? Headlines carry
//! column labels ("Opinion: the battle for the budget", "Explained: why the
//! talks keep stalling"), photo captions carry picture labels ("FILE PHOTO:
//! soldiers patrol …", "Representational image of a barricade"), and live
//! pages carry lines about themselves ("Welcome to our live blog", "This
//! story has been updated …", "Editor's note: …"). Whatever violent words
//! such a line holds, it tells no new event.
//!
//! Owns that one decision per sentence ([`label`], `genre:<kind>:<label>`
//! in `--explain`) and its table `data/events/genre.tsv`; the coder
//! (`lib.rs`) drops every trigger of a labelled sentence, as it does for a
//! sports sentence. It must not touch triggers, typing, arguments or
//! factuality, nor judge single triggers (that is `relevance`, `newness`
//! and `aspect`).
//!
//! Signals: a label only counts where labels stand (the start of the line,
//! after a timestamp, followed by a separator; a caption label also in
//! brackets), so "an opinion poll" or "the data show" inside running text
//! is no label.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::newness::Cues;
use crate::sentence::Sent;

const TABLE: &str = include_str!("../../../data/events/genre.tsv");

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| Cues::parse_file(TABLE, "genre.tsv").unwrap_or_default())
}

/// The words that can start a phrase looked for anywhere in a line
/// (captions in brackets, housekeeping, explainer formulas): every other
/// token is skipped without a lookup.
fn anywhere_starts() -> &'static HashSet<String> {
    static FIRST: OnceLock<HashSet<String>> = OnceLock::new();
    FIRST.get_or_init(|| {
        let c = cues();
        ["caption", "housekeeping", "explainer_any"]
            .iter()
            .flat_map(|class| c.first_words(class))
            .collect()
    })
}

/// Separators after a label: "Opinion:", "Column |", "FILE -", "Analysis —".
fn separator(w: &str) -> bool {
    matches!(w, ":" | "|" | "-" | "—" | "–" | "/" | "--")
}

/// A timestamp token ("09:42", "9.42am", "14h30") or a time-zone word.
fn clock(w: &str) -> bool {
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    let time = digits >= 3
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'h' | b'a' | b'p' | b'm'));
    time || matches!(
        w,
        "ist"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "est"
            | "edt"
            | "et"
            | "pt"
            | "pkt"
            | "eat"
            | "wat"
            | "cat"
            | "am"
            | "pm"
            | "a.m."
            | "p.m."
            | "hrs"
            | "local"
            | "time"
    )
}

/// The first token after leading timestamps, separators and quotes.
fn start(s: &Sent) -> usize {
    let mut k = 0;
    while k < s.len()
        && (clock(s.words[k])
            || separator(s.words[k])
            || matches!(s.words[k], "\"" | "'" | "“" | "‘" | "[" | "("))
    {
        k += 1;
    }
    k
}

/// The genre rule for sentence `s`, if it is a labelled line that tells no
/// event: `genre:<kind>:<label>`.
pub fn label(s: &Sent) -> Option<String> {
    let c = cues();
    let w = &s.words;
    let rule = |kind: &str, k: usize, n: usize| format!("genre:{kind}:{}", w[k..k + n].join(" "));
    let k = start(s);
    if k < s.len() {
        // Labels with a separator after them.
        for kind in ["commentary", "statistics", "caption"] {
            if let Some(n) = c.at(kind, w, k) {
                if k + n < s.len() && separator(w[k + n]) {
                    return Some(rule(kind, k, n));
                }
            }
        }
        // Opening words of an explainer, and captions of more than one
        // word ("Representational image of …"), need no separator.
        if let Some(n) = c.at("explainer", w, k) {
            return Some(rule("explainer", k, n));
        }
        if let Some(n) = c.at("caption", w, k).filter(|&n| n > 1) {
            return Some(rule("caption", k, n));
        }
    }
    let starts = anywhere_starts();
    for j in 0..s.len() {
        if !starts.contains(w[j]) {
            continue;
        }
        // "(File photo)", "| File photo".
        if j > 0 && matches!(w[j - 1], "(" | "[" | "|") {
            if let Some(n) = c.at("caption", w, j) {
                return Some(rule("caption", j, n));
            }
        }
        if let Some(n) = c.at("housekeeping", w, j) {
            return Some(rule("housekeeping", j, n));
        }
        if let Some(n) = c.at("explainer_any", w, j) {
            return Some(rule("explainer", j, n));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Factuality;

    /// The number of asserted or alleged events of `text` and the drop
    /// rules; `None` when there is no syntax model.
    fn code(text: &str) -> Option<(usize, Vec<String>)> {
        let (events, dropped) = crate::tests::code_parsed(text)?;
        let real = events
            .iter()
            .filter(|e| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged))
            .count();
        Some((real, dropped.into_iter().map(|d| d.rule).collect()))
    }

    #[test]
    fn labelled_lines_code_nothing() {
        let mut bad = Vec::new();
        for (text, kind) in [
            (
                "Opinion: Police fired tear gas at students in Accra",
                "commentary",
            ),
            (
                "ANALYSIS | The army's assault on the rebel town failed",
                "commentary",
            ),
            (
                "Explainer: Why militias keep attacking the oil fields",
                "commentary",
            ),
            ("What we know about the bombing of the ferry", "explainer"),
            (
                "Five things to know about the rebel offensive in the east",
                "explainer",
            ),
            (
                "FILE PHOTO: Soldiers patrol a market in Gao, Mali.",
                "caption",
            ),
            (
                "Representational image of police firing tear gas.",
                "caption",
            ),
            ("Troops patrol near the border (File photo)", "caption"),
            (
                "Correction: The attack took place in Mopti, not in Gao.",
                "housekeeping",
            ),
            (
                "10:15 GMT - Welcome to our live blog on the fighting in the north.",
                "housekeeping",
            ),
            (
                "Crime data: 312 murders and 90 kidnappings recorded in May",
                "statistics",
            ),
        ] {
            let Some((n, rules)) = code(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            let want = format!("genre:{kind}:");
            if n > 0 || !rules.iter().any(|r| r.starts_with(&want)) {
                bad.push(format!("{text}: {n} events, dropped {rules:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn news_labels_and_running_text_keep_their_events() {
        for text in [
            "LIVE: Rebels seize the airport as fighting spreads",
            "WATCH: Police fire tear gas at protesters in Nairobi",
            "UPDATE 2-Car bomb kills 9 outside a hotel in Mogadishu",
            "Gunmen killed 12 villagers in Zamfara, an opinion leader said.",
            "Police data show that gunmen shot dead four traders on Monday.",
        ] {
            let Some((n, rules)) = code(text) else {
                eprintln!("skipped: no syntax model in data/models");
                return;
            };
            assert!(
                n > 0 && !rules.iter().any(|r| r.starts_with("genre:")),
                "{text}: {rules:?}"
            );
        }
    }

    #[test]
    fn the_builtin_table_parses() {
        let c = Cues::parse_file(TABLE, "genre.tsv").expect("genre.tsv parses");
        for (class, phrase) in [
            ("commentary", "opinion"),
            ("explainer", "what we know about"),
            ("caption", "file photo"),
            ("housekeeping", "editor 's note"),
            ("statistics", "police data"),
        ] {
            let words: Vec<&str> = phrase.split(' ').collect();
            assert_eq!(c.at(class, &words, 0), Some(words.len()), "{class}");
        }
    }
}
