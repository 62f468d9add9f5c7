//! From core tokens to UD syntactic words.
//!
//! Owns the UD English word conventions the core tokenizer does not apply:
//! "I'm" → "I" "'m", "cannot" → "can" "not", "gonna" → "gon" "na", and
//! which adjacent pieces form one surface (multi-word) token, as
//! "do" + "n't" in "don't". Offsets are byte offsets into the text and are
//! never changed, only subdivided.

use sitrep_core::Doc;

/// One syntactic word: a byte range of the text and the core token it
/// comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPiece {
    pub start: usize,
    pub end: usize,
    pub token: usize,
    /// True when this word continues the surface token of the word before
    /// it ("can|not"): the two are written as one multi-word token.
    pub joined: bool,
}

const CLITICS: &[&str] = &[
    "'m", "'re", "'ve", "'ll", "'d", "’m", "’re", "’ve", "’ll", "’d",
];

/// Byte length of the second piece when `w` splits into two words.
fn split_point(w: &str) -> Option<usize> {
    let lower = w.to_lowercase();
    if lower.len() != w.len() {
        return None;
    }
    for c in CLITICS {
        if lower.len() > c.len() && lower.ends_with(c) {
            return Some(w.len() - c.len());
        }
    }
    match lower.as_str() {
        "cannot" => Some(3),
        "gonna" | "wanna" | "gotta" => Some(3),
        _ => None,
    }
}

/// True when `piece` attaches to the word before it inside one surface
/// token (EWT writes "don't" as one token of two words).
pub fn is_clitic(piece: &str) -> bool {
    let l = piece.to_lowercase();
    CLITICS.contains(&l.as_str()) || matches!(l.as_str(), "n't" | "n’t" | "'s" | "’s")
}

/// Split the core tokens of `doc` in `range` into words.
pub fn words(doc: &Doc, range: std::ops::Range<usize>) -> Vec<WordPiece> {
    let mut out = Vec::with_capacity(range.len() + 2);
    for ti in range {
        let Some(t) = doc.tokens.get(ti) else { break };
        let text = doc.text.get(t.start..t.end).unwrap_or("");
        // EWT writes inner hyphens as their own tokens: "al-Bab" is
        // "al" "-" "Bab".
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        for (i, c) in text.char_indices() {
            let inner = c == '-'
                && i > 0
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if inner {
                parts.push((from, i));
                parts.push((i, i + 1));
                from = i + 1;
            }
        }
        parts.push((from, text.len()));
        for (a, b) in parts {
            let piece = &text[a..b];
            match split_point(piece) {
                Some(cut) if cut > 0 && cut < piece.len() && piece.is_char_boundary(cut) => {
                    out.push(WordPiece {
                        start: t.start + a,
                        end: t.start + a + cut,
                        token: ti,
                        joined: false,
                    });
                    out.push(WordPiece {
                        start: t.start + a + cut,
                        end: t.start + b,
                        token: ti,
                        joined: true,
                    });
                }
                _ => out.push(WordPiece {
                    start: t.start + a,
                    end: t.start + b,
                    token: ti,
                    joined: false,
                }),
            }
        }
    }
    out
}

/// Group words into surface tokens: ranges of word indices. A clitic glued
/// to the previous word ("do|n't", "I|'m", "can|not") joins its token.
pub fn surface_groups(text: &str, words: &[WordPiece]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let piece = text.get(w.start..w.end).unwrap_or("");
        let glued = i > 0 && words[i - 1].end == w.start && is_clitic(piece);
        match out.last_mut() {
            Some(g) if glued || w.joined => g.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        let doc = Doc::new("t", text);
        words(&doc, 0..doc.tokens.len())
            .iter()
            .map(|w| text[w.start..w.end].to_string())
            .collect()
    }

    #[test]
    fn splits_contractions() {
        assert_eq!(
            forms("I'm sure they cannot go."),
            ["I", "'m", "sure", "they", "can", "not", "go", "."]
        );
        assert_eq!(forms("We don't know"), ["We", "do", "n't", "know"]);
        assert_eq!(
            forms("al-Bab's anti-war"),
            ["al", "-", "Bab", "'s", "anti", "-", "war"]
        );
    }

    #[test]
    fn groups_surface_tokens() {
        let text = "We don't know, I'm told.";
        let doc = Doc::new("t", text);
        let w = words(&doc, 0..doc.tokens.len());
        let g = surface_groups(text, &w);
        let toks: Vec<&str> = g
            .iter()
            .map(|r| &text[w[r.start].start..w[r.end - 1].end])
            .collect();
        assert_eq!(toks, ["We", "don't", "know", ",", "I'm", "told", "."]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in ["", "’m", "İ'M", "\u{202e}abc'd", "n't"] {
            let _ = forms(t);
        }
    }
}
