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

/// Prefixes EWT keeps attached: "e-mail", "non-profit", "re-read".
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "neo", "cross", "vice", "un", "socio", "micro", "intra", "psycho", "inter", "self",
];

const EMOTICONS: &[&str] = &[
    ":)", ":(", ";)", ":-)", ":-(", ";-)", ":D", ":P", ":p", ":-D", ":-P", ":/", ":-/", ":'(",
];

const NAME_ENDINGS: &[&str] = &[
    ".com", ".org", ".net", ".gov", ".edu", ".htm", ".html", ".pdf", ".doc", ".txt", ".xls",
    ".jpg", ".gif", ".ppt", ".co.uk", ".uk", ".de", ".ca", ".info", ".biz",
];

fn is_mail_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '@')
}

/// "x@y.com", "alt.animals.cat", "TEXT.htm": a name that keeps its dots.
fn is_mail_or_name(s: &str) -> bool {
    if !s.chars().all(is_mail_char) || s.ends_with('.') || s.starts_with(['.', '@', '-']) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if let Some((a, b)) = lower.split_once('@') {
        return !a.is_empty() && b.contains('.') && !b.contains('@');
    }
    NAME_ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 1 && lower.ends_with(e))
        || (lower.starts_with("alt.") || lower.starts_with("comp.") || lower.starts_with("rec."))
            && lower.matches('.').count() >= 2
}

/// Last core token of a word made of several glued core tokens starting at
/// `ti`, if there is one.
fn glued_word(doc: &Doc, ti: usize, end: usize) -> Option<usize> {
    let text = |i: usize| {
        let t = &doc.tokens[i];
        doc.text.get(t.start..t.end).unwrap_or("")
    };
    // the run of core tokens with no space between them (bounded)
    let mut last = ti;
    while last + 1 < end && last - ti < 24 && doc.tokens[last].end == doc.tokens[last + 1].start {
        last += 1;
    }
    if last == ti {
        return None;
    }
    let start = doc.tokens[ti].start;
    let first = text(ti);
    if first == ":" || first == ";" {
        for j in (ti + 1..=last.min(ti + 3)).rev() {
            if EMOTICONS.contains(&doc.text.get(start..doc.tokens[j].end).unwrap_or("")) {
                return Some(j);
            }
        }
        return None;
    }
    if !first
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // the longest prefix of the run that is an address or a name
    (ti + 1..=last)
        .rev()
        .find(|&j| is_mail_or_name(doc.text.get(start..doc.tokens[j].end).unwrap_or("")))
}

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
    let end = range.end.min(doc.tokens.len());
    let mut ti = range.start;
    while ti < end {
        // Emoticons, e-mail addresses and file or domain names that the
        // core tokenizer cut into pieces are one word in UD.
        if let Some(last) = glued_word(doc, ti, end) {
            out.push(WordPiece {
                start: doc.tokens[ti].start,
                end: doc.tokens[last].end,
                token: ti,
                joined: false,
            });
            ti = last + 1;
            continue;
        }
        let t = &doc.tokens[ti];
        let tok = ti;
        ti += 1;
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
                    .is_some_and(char::is_alphanumeric)
                && !HYPHEN_PREFIXES.contains(&text[from..i].to_lowercase().as_str());
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
                        token: tok,
                        joined: false,
                    });
                    out.push(WordPiece {
                        start: t.start + a + cut,
                        end: t.start + b,
                        token: tok,
                        joined: true,
                    });
                }
                _ => out.push(WordPiece {
                    start: t.start + a,
                    end: t.start + b,
                    token: tok,
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
            ["al", "-", "Bab", "'s", "anti-war"]
        );
        assert_eq!(
            forms("mail carol.st.clair@enron.com :-) or see TEXT.htm."),
            [
                "mail",
                "carol.st.clair@enron.com",
                ":-)",
                "or",
                "see",
                "TEXT.htm",
                "."
            ]
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
