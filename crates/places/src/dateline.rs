//! Datelines: "BEIRUT (Reuters) -", "AMMAN, Jordan —", "ALEPPO, Syria, Nov. 25
//! (AP) _" at the start of a paragraph say where the reporter filed from,
//! not where the story happened.
//!
//! Owns recognising the dateline stretch of a paragraph and flagging the
//! places inside it (their rule gains [`DATELINE`]); it does not drop them
//! (the toponym is still a place the text names) and does not decide event
//! places (that is `sitrep_events::where_when`, which skips flagged mentions).

use sitrep_core::{Doc, Place};

/// Suffix added to the rule of a place named in a dateline.
pub const DATELINE: &str = "+dateline";

/// Longest dateline head before its dash, in bytes ("WASHINGTON, D.C., Nov. 25
/// (Reuters) —" fits).
const MAX_HEAD: usize = 80;
/// Longest agency parenthesis, in bytes ("(Reuters)", "(AP)", "(Thomson Reuters Foundation)").
const MAX_PAREN: usize = 40;

/// True when `place`'s text is written like a dateline opener: all capitals
/// ("BEIRUT") or a capitalised name ("Beirut").
fn looks_like_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The byte offset where the dateline that starts at byte `start` of `text`
/// ends (just after its dash), or `None` when `start` does not open one.
///
/// A dateline starts a paragraph (only blanks between it and the previous
/// newline or the text start), names the place, optionally adds ", Region"
/// and ", Date" parts, optionally an agency in parentheses, and ends with a
/// dash ("-", "–", "—", "--", "_") or, for an all-capitals name followed by
/// an agency, right after the parenthesis.
pub fn dateline_end(text: &str, start: usize, end: usize) -> Option<usize> {
    // Only blanks back to the previous newline (or the text start): a scan
    // over those blanks alone, so long one-line texts cost nothing.
    let before = text.get(..start)?;
    let opens_line = before
        .bytes()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .is_none_or(|b| b == b'\n');
    if !opens_line {
        return None;
    }
    let head = text.get(start..end)?;
    if !looks_like_name(head) {
        return None;
    }
    let caps = head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && head.chars().all(|c| !c.is_lowercase());
    // Only the next few dozen bytes matter: every search below stays in them.
    let mut cut = (end + MAX_HEAD + MAX_PAREN + 4).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = text.get(end..cut)?;
    let bytes = rest.as_bytes();
    let mut k = 0;
    // ", Syria", ", Nov. 25": comma-introduced parts whose words are
    // capitalised or numbers.
    while k < rest.len().min(MAX_HEAD) && bytes[k] == b',' {
        k += 1;
        while k < rest.len() && bytes[k] == b' ' {
            k += 1;
        }
        let mut words = 0;
        loop {
            let w_end = rest[k..]
                .find([' ', ',', '(', '\t', '\n'])
                .map_or(rest.len(), |x| k + x);
            let word = &rest[k..w_end];
            let ok = word
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !ok || w_end > MAX_HEAD {
                break;
            }
            words += 1;
            k = w_end;
            // One blank may join the next word of the part.
            if k + 1 < rest.len() && bytes[k] == b' ' && bytes[k + 1] != b' ' {
                let next = rest[k + 1..].chars().next();
                if next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
                    k += 1;
                    continue;
                }
            }
            break;
        }
        if words == 0 {
            return None;
        }
    }
    let skip_blanks = |mut k: usize| {
        while k < rest.len() && matches!(bytes[k], b' ' | b'\t') {
            k += 1;
        }
        k
    };
    k = skip_blanks(k);
    let mut paren = false;
    if k < rest.len() && bytes[k] == b'(' {
        let close = rest[k..].find(')')?;
        if close > MAX_PAREN {
            return None;
        }
        let inside = &rest[k + 1..k + close];
        if !looks_like_name(inside.trim()) || inside.contains('\n') {
            return None;
        }
        paren = true;
        k = skip_blanks(k + close + 1);
    }
    let tail = rest.get(k..)?;
    for dash in ["--", "—", "–", "-", "_"] {
        if let Some(after) = tail.strip_prefix(dash) {
            // "Al-Bab" is a name, not a dateline: the dash needs a blank or
            // the parenthesis before it.
            let spaced = paren || k > 0 && matches!(bytes[k - 1], b' ' | b'\t');
            if spaced && after.starts_with([' ', '\t']) || paren {
                return Some(end + k + dash.len());
            }
        }
    }
    if caps && paren {
        return Some(end + k);
    }
    None
}

/// Flag the places of `places` that sit in a dateline: the opener and any
/// place in its ", Region" part.
pub fn mark(doc: &Doc, places: &mut [Place]) {
    let text = doc.text.as_str();
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for p in places.iter() {
        if let Some(e) = dateline_end(text, p.span.byte_start, p.span.byte_end) {
            stretches.push((p.span.byte_start, e));
        }
    }
    if stretches.is_empty() {
        return;
    }
    for p in places.iter_mut() {
        let inside = stretches
            .iter()
            .any(|&(a, b)| p.span.byte_start >= a && p.span.byte_end <= b);
        if inside && !p.rule.ends_with(DATELINE) {
            p.rule.push_str(DATELINE);
        }
    }
}

/// True when the place was named in a dateline.
pub fn is_dateline(p: &Place) -> bool {
    p.rule.ends_with(DATELINE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end_of(text: &str, name: &str) -> Option<usize> {
        let s = text.find(name).unwrap();
        dateline_end(text, s, s + name.len())
    }

    #[test]
    fn agency_and_dash_datelines() {
        let t = "BEIRUT (Reuters) - Syrian jets bombed Idlib.";
        assert_eq!(end_of(t, "BEIRUT"), t.find(" Syrian"));
        let t = "AMMAN, Jordan — Jordanian troops shot down a drone.";
        assert!(end_of(t, "AMMAN").is_some());
        let t = "Headline here\n\nBELFAST, Northern Ireland (AP)_ Police seized a car bomb.";
        assert!(end_of(t, "BELFAST").is_some());
        let t = "ALEPPO, Syria, Nov. 25 (AFP) -- Shelling continued.";
        assert!(end_of(t, "ALEPPO").is_some());
        let t = "LONDON (Reuters) The Latest on the talks.";
        assert!(end_of(t, "LONDON").is_some());
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        // A place opening a sentence in the middle of a paragraph.
        let t = "Jets struck. Aleppo - the old city - burned.";
        assert_eq!(end_of(t, "Aleppo"), None);
        // A hyphenated name.
        let t = "Al-Bab fell on Monday.";
        assert_eq!(end_of(t, "Al"), None);
        // A place opening a paragraph as a subject.
        let t = "Aleppo was bombed again, activists said.";
        assert_eq!(end_of(t, "Aleppo"), None);
        // A lower-case clause after the comma.
        let t = "Aleppo, which rebels hold - barely - was bombed.";
        assert_eq!(end_of(t, "Aleppo"), None);
    }
}
