//! Rule-based tokenizer for news English.
//!
//! Owns: splitting text into tokens with byte offsets. Offsets are set here,
//! once, and never changed by later stages. Sentence boundaries are left to
//! [`crate::doc`]. A learned tokenizer (issue 3) may replace the rules, but
//! must keep the [`Token`] contract.

/// What a token looks like, so matchers can skip punctuation cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// `#ISIL`
    Hashtag,
    /// `@USEmbassySyria`
    Handle,
    Url,
    Symbol,
}

/// One token: byte offsets into `Doc::text` and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Index of the sentence holding this token (filled by `Doc::new`).
    pub sentence: usize,
}

/// Abbreviations that keep their final period. Lower-case, with the period.
const ABBREVIATIONS: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "gen.",
    "lt.",
    "col.",
    "maj.",
    "capt.",
    "sgt.",
    "cpl.",
    "pvt.",
    "adm.",
    "cmdr.",
    "gov.",
    "sen.",
    "rep.",
    "rev.",
    "prof.",
    "st.",
    "jr.",
    "sr.",
    "pres.",
    "brig.",
    "lt.-gen.",
    "maj.-gen.",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "no.",
    "vs.",
    "etc.",
    "inc.",
    "corp.",
    "co.",
    "ltd.",
    "dept.",
    "est.",
    "approx.",
    "fig.",
    "mt.",
    "ft.",
    "a.m.",
    "p.m.",
    "u.s.",
    "u.k.",
    "u.n.",
    "e.u.",
    "d.c.",
    "u.s.a.",
    "i.e.",
    "e.g.",
];

/// True for a lower-cased word that is a known abbreviation ending in `.`.
pub fn is_abbreviation(lower: &str) -> bool {
    ABBREVIATIONS.contains(&lower) || is_initialism(lower)
}

/// "U.S.", "A.F.P.", "J." : letters each followed by a period.
fn is_initialism(s: &str) -> bool {
    let mut chars = s.chars();
    let mut n = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(c), Some('.')) if c.is_alphabetic() => n += 1,
            (None, _) => return n > 0,
            _ => return false,
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‟' | '`'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks (Arabic harakat, diacritics) stay inside words.
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// Split `text` into tokens. Never panics; every byte ends up either in a
/// token or in skipped whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    if end > start {
        out.push(Token {
            start,
            end,
            kind,
            sentence: 0,
        });
    }
}

/// Split one whitespace-free chunk into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let chunk = &text[start..end];
    if chunk.starts_with("http://") || chunk.starts_with("https://") || chunk.starts_with("www.") {
        let trimmed = chunk.trim_end_matches(['.', ',', ')', ';', ':']);
        push(out, start, start + trimmed.len(), TokenKind::Url);
        split_chunk_plain(text, start + trimmed.len(), end, out);
        return;
    }
    split_chunk_plain(text, start, end, out);
}

fn split_chunk_plain(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut i = start;
    while i < end {
        let rest = &text[i..end];
        let Some(c) = rest.chars().next() else { break };
        let len = if c == '#' || c == '@' {
            let full = word_len(&rest[1..]);
            let tag = &rest[1..1 + full];
            let possessive = ["'s", "’s"]
                .iter()
                .any(|c| tag.len() > c.len() && tag.ends_with(c));
            let body = if possessive {
                tag.rfind(['\'', '’']).unwrap_or(full)
            } else {
                full
            };
            if body > 0 {
                let kind = if c == '#' {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Handle
                };
                push(out, i, i + 1 + body, kind);
                // A possessive clitic after the tag is its own token.
                push(out, i + 1 + body, i + 1 + full, TokenKind::Word);
                i += 1 + full;
                continue;
            }
            c.len_utf8()
        } else if c.is_ascii_digit() {
            number_len(rest)
        } else if is_word_char(c) {
            word_len(rest)
        } else {
            // Runs of the same punctuation ("...", "--") stay together.
            let n: usize = rest
                .chars()
                .take_while(|&d| d == c)
                .map(char::len_utf8)
                .sum();
            n.max(c.len_utf8())
        };
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else if is_word_char(c) {
            TokenKind::Word
        } else if c.is_ascii_punctuation() || is_quote(c) || is_general_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let len = len.max(c.len_utf8());
        if kind == TokenKind::Word {
            split_clitic(text, i, i + len, out);
        } else {
            push(out, i, i + len, kind);
        }
        i += len;
    }
}

fn is_general_punct(c: char) -> bool {
    matches!(c, '–' | '—' | '…' | '،' | '؛' | '؟' | '·' | '•')
}

/// Split English possessive/negation clitics: "Assad's" -> "Assad" "'s",
/// "regime’s" -> "regime" "’s", "don't" -> "do" "n't".
fn split_clitic(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let w = &text[start..end];
    for suffix in ["'s", "’s", "'S", "’S"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            let cut = end - suffix.len();
            push(out, start, cut, TokenKind::Word);
            push(out, cut, end, TokenKind::Word);
            return;
        }
    }
    for suffix in ["n't", "n’t"] {
        if w.len() > suffix.len() + 1 && w.to_ascii_lowercase().ends_with(suffix) {
            let cut = end - suffix.len();
            push(out, start, cut, TokenKind::Word);
            push(out, cut, end, TokenKind::Word);
            return;
        }
    }
    push(out, start, end, TokenKind::Word);
}

/// Length of a word starting at `s`: letters, digits, inner hyphens and
/// apostrophes ("al-Bab", "Assad's"), and abbreviation periods ("U.S.").
fn word_len(s: &str) -> usize {
    let mut end = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_word_char(c) {
            end = i + c.len_utf8();
            continue;
        }
        let next_is_word = iter.peek().is_some_and(|&(_, n)| is_word_char(n));
        if matches!(c, '-' | '\'' | '’' | '‐' | '&') && next_is_word && end == i {
            continue;
        }
        if c == '.' && end == i {
            // "U.S." / "a.m.": keep periods inside initialisms and known abbreviations.
            let candidate = &s[..i + 1];
            let lower = candidate.to_lowercase();
            if next_is_word && is_initialism_prefix(&lower) {
                continue;
            }
            if is_abbreviation(&lower) {
                end = i + 1;
                // An initialism may continue ("U.S.A.")
                if next_is_word {
                    continue;
                }
            }
        }
        break;
    }
    end
}

/// "u." or "u.s." so far: single letters separated by periods.
fn is_initialism_prefix(s: &str) -> bool {
    is_initialism(s)
}

/// Length of a number: digits with inner `,` `.` `:` `/` groups ("1,200",
/// "3.5", "10:30", "6/1/2015") and an attached ordinal or unit suffix ("1st", "70s").
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let inner_separator = matches!(b[i], b',' | b'.' | b':' | b'/')
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit();
        if b[i].is_ascii_digit() || inner_separator {
            i += 1;
        } else {
            break;
        }
    }
    // ordinal/unit suffix made of ASCII letters: 1st, 2nd, 70s, 5km
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j > i && j - i <= 3 {
        let after_ok = j == b.len() || !(b[j] as char).is_alphanumeric();
        if after_ok {
            i = j;
        }
    }
    i.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_names() {
        assert_eq!(
            toks("Regime airstrikes hit al-Bab, killing 70."),
            vec![
                "Regime",
                "airstrikes",
                "hit",
                "al-Bab",
                ",",
                "killing",
                "70",
                "."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_hashtags_and_handles() {
        assert_eq!(
            toks("“Reports,” tweeted @USEmbassySyria about #ISIL in the U.S. on June 1."),
            vec![
                "“",
                "Reports",
                ",",
                "”",
                "tweeted",
                "@USEmbassySyria",
                "about",
                "#ISIL",
                "in",
                "the",
                "U.S.",
                "on",
                "June",
                "1",
                "."
            ]
        );
        assert_eq!(toks("Mr. Salabman"), vec!["Mr.", "Salabman"]);
        assert_eq!(toks("#ISIL’s advance"), vec!["#ISIL", "’s", "advance"]);
    }

    #[test]
    fn splits_possessives_and_numbers() {
        assert_eq!(
            toks("the Embassy’s 1,200 men"),
            vec!["the", "Embassy", "’s", "1,200", "men"]
        );
        assert_eq!(toks("don't"), vec!["do", "n't"]);
    }

    #[test]
    fn survives_hostile_input() {
        for s in [
            "",
            "   ",
            "\u{0}\u{1}",
            "####",
            "@",
            "...",
            "حلب مدينة",
            "a\u{301}b",
            "1.",
            "U.",
            "5.5.5.",
        ] {
            let t = tokenize(s);
            for tok in &t {
                assert!(tok.start < tok.end && tok.end <= s.len());
                assert!(s.is_char_boundary(tok.start) && s.is_char_boundary(tok.end));
            }
        }
    }
}
