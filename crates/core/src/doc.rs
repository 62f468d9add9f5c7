//! The document: text, metadata, tokens, sentences and offset conversion.
//!
//! Owns sentence splitting and byte↔char offset mapping. It does not know
//! about actors, places or events: those are layers in [`crate::layers`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::tokenize::{is_abbreviation, tokenize, Token, TokenKind};

/// What we know about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

/// One sentence: byte range and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
}

/// An article ready for analysis.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub meta: DocMeta,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Byte offsets at which a multi-byte char starts, with the number of
    /// extra bytes seen before it: used to turn byte offsets into char offsets.
    multibyte: Vec<(usize, usize)>,
    /// Lower-cased text of each token, parallel to `tokens`.
    lower: Vec<String>,
}

impl Doc {
    /// Tokenize and sentence-split `text`.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc::with_meta(id, text, DocMeta::default())
    }

    pub fn with_meta(id: impl Into<String>, text: impl Into<String>, meta: DocMeta) -> Doc {
        let text = text.into();
        let mut tokens = tokenize(&text);
        let sentences = split_sentences(&text, &mut tokens);
        let lower = tokens
            .iter()
            .map(|t| text[t.start..t.end].to_lowercase())
            .collect();
        let mut multibyte = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                multibyte.push((i, extra));
            }
        }
        Doc {
            id: id.into(),
            text,
            meta,
            tokens,
            sentences,
            multibyte,
            lower,
        }
    }

    /// The publication date, if known.
    pub fn published(&self) -> Option<NaiveDate> {
        self.meta.published
    }

    /// Text of a token.
    pub fn token_text(&self, t: &Token) -> &str {
        &self.text[t.start..t.end]
    }

    /// Lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Character offset of byte offset `b` (which must be a char boundary).
    pub fn char_offset(&self, b: usize) -> usize {
        // Count multi-byte chars that start strictly before `b`.
        let k = self.multibyte.partition_point(|&(pos, _)| pos < b);
        if k == 0 {
            b
        } else {
            b - self.multibyte[k - 1].1
        }
    }

    /// Byte offset of character offset `c` (the text length if past the end).
    pub fn byte_offset(&self, c: usize) -> usize {
        // Each multi-byte char before the target shifts it by its extra bytes.
        let mut b = c;
        for &(pos, extra) in &self.multibyte {
            if pos - (extra - (self.text[pos..].chars().next().map_or(1, char::len_utf8) - 1)) >= c
            {
                break;
            }
            b = c + extra;
        }
        b.min(self.text.len())
    }

    /// A span for byte range `start..end`, clamped to char boundaries.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = floor_boundary(&self.text, start.min(self.text.len()));
        let end = floor_boundary(&self.text, end.min(self.text.len())).max(start);
        Span {
            start: self.char_offset(start),
            end: self.char_offset(end),
            text: self.text[start..end].to_string(),
            byte_start: start,
            byte_end: end,
        }
    }

    /// A span covering tokens `first..=last`.
    pub fn token_span(&self, first: usize, last: usize) -> Span {
        self.span(self.tokens[first].start, self.tokens[last].end)
    }

    /// Index of the token that contains byte offset `b`, or the next token.
    pub fn token_at(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= b)
    }

    /// Index of the sentence containing byte offset `b`.
    pub fn sentence_at(&self, b: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= b)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.text[s.start..s.end]
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// The most tokens a sentence may hold. Text with no sentence punctuation
/// (a scraped page, a run of right-to-left script) would otherwise be one
/// sentence, and the stages that look at every token around each trigger or
/// cue would take time in the square of its length. News sentences stay far
/// below this.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Decide sentence boundaries and record each token's sentence index.
fn split_sentences(text: &str, tokens: &mut [Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let n = tokens.len();
    for i in 0..n {
        let t = &tokens[i];
        let word = &text[t.start..t.end];
        let next = tokens.get(i + 1);
        let gap = next.map(|nt| &text[t.end..nt.start]).unwrap_or("");
        let boundary = match next {
            None => true,
            Some(nt) => {
                let next_word = &text[nt.start..nt.end];
                paragraph_break(gap)
                    || (gap.contains('\n') && line_break_ends_sentence(word, next_word))
                    || ends_sentence(text, tokens, i, word, next_word, gap)
                    || i + 1 - first >= MAX_SENTENCE_TOKENS
            }
        };
        if boundary {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[i].end,
                tokens: first..i + 1,
            });
            first = i + 1;
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        for t in &mut tokens[s.tokens.clone()] {
            t.sentence = si;
        }
    }
    sentences
}

fn paragraph_break(gap: &str) -> bool {
    gap.matches('\n').count() >= 2
}

/// A single newline ends a sentence unless the line broke mid-sentence
/// (after a lower-case word, a comma or a hyphen), as in hard-wrapped text.
/// A capitalised word before and after the break reads as a headline line.
fn line_break_ends_sentence(prev: &str, next: &str) -> bool {
    let Some(last) = prev.chars().last() else {
        return true;
    };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if capital(prev) && capital(next) {
        return true;
    }
    !(last.is_lowercase() || matches!(last, ',' | '-' | ';' | '(' | '&'))
}

/// "..", "!!!", "?!?": a run of sentence-final punctuation.
fn is_terminal_run(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn ends_sentence(
    text: &str,
    tokens: &[Token],
    i: usize,
    word: &str,
    next: &str,
    gap: &str,
) -> bool {
    let next_starts_sentence = next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '#' | '@')
    });
    if gap.is_empty() {
        // `."` : the closing quote belongs to this sentence; decide on the quote.
        return false;
    }
    if matches!(word, "." | "!" | "?" | "..." | "…" | "?!" | "!!") || is_terminal_run(word) {
        // Web and e-mail text often starts sentences in lower case
        // ("... is interested. jill allen finishes ..."); an ellipsis
        // followed by lower case usually goes on.
        let ellipsis = word.contains('…') || word.matches('.').count() >= 3;
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        return next_starts_sentence
            || (next_lower && !ellipsis)
            || next
                .chars()
                .next()
                .is_some_and(|c| !c.is_alphanumeric() && !matches!(c, ',' | ';'));
    }
    if is_closing(word) && i > 0 {
        let prev = &text[tokens[i - 1].start..tokens[i - 1].end];
        if matches!(prev, "." | "!" | "?" | "…") && tokens[i - 1].end == tokens[i].start {
            return next_starts_sentence;
        }
    }
    if word.ends_with('.') && tokens[i].kind == TokenKind::Word && word.len() > 1 {
        // An abbreviation kept its period: it ends a sentence only if the next
        // token clearly opens one ("... in the U.S. The embassy ...").
        let lower = word.to_lowercase();
        let title_like = matches!(
            lower.as_str(),
            "mr."
                | "mrs."
                | "ms."
                | "dr."
                | "gen."
                | "lt."
                | "col."
                | "maj."
                | "capt."
                | "sgt."
                | "adm."
                | "gov."
                | "sen."
                | "rep."
                | "rev."
                | "prof."
                | "st."
                | "brig."
                | "pres."
                | "no."
                | "jan."
                | "feb."
                | "mar."
                | "apr."
                | "jun."
                | "jul."
                | "aug."
                | "sept."
                | "sep."
                | "oct."
                | "nov."
                | "dec."
                | "vs."
                | "i.e."
                | "e.g."
        );
        if title_like || !is_abbreviation(&lower) {
            return false;
        }
        return next_starts_sentence && is_sentence_opener(next);
    }
    false
}

/// Words that typically open a sentence after "U.S." / "a.m." etc.
fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Some"
            | "Many"
            | "According"
            | "Also"
            | "Meanwhile"
            | "However"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "Although"
            | "Since"
            | "If"
            | "\""
            | "“"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<String> {
        let d = Doc::new("t", s);
        (0..d.sentences.len())
            .map(|i| d.sentence_text(i).to_string())
            .collect()
    }

    #[test]
    fn text_without_punctuation_is_cut_into_bounded_sentences() {
        let text = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 10);
        let d = Doc::new("t", text.trim_end());
        assert_eq!(d.sentences.len(), 3);
        assert!(d
            .sentences
            .iter()
            .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(d.sentences[2].tokens.len(), 10);
    }

    #[test]
    fn lower_case_sentence_starts_and_punctuation_runs() {
        assert_eq!(
            sents("call them at noon. they haven't heard. Really?? yes!!! Then... he left."),
            vec![
                "call them at noon.",
                "they haven't heard.",
                "Really??",
                "yes!!!",
                "Then... he left."
            ]
        );
        assert_eq!(
            sents("\"Why?\" he asked. In the U.S. officials met."),
            vec!["\"Why?\" he asked.", "In the U.S. officials met."]
        );
    }

    #[test]
    fn splits_on_terminal_punctuation_not_abbreviations() {
        assert_eq!(
            sents("Gen. Smith met Mr. Assad in the U.S. on Jun. 5. He left at 3 p.m. The end."),
            vec![
                "Gen. Smith met Mr. Assad in the U.S. on Jun. 5.",
                "He left at 3 p.m.",
                "The end."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("“It was never this blatant.” He said so. Done!"),
            vec!["“It was never this blatant.”", "He said so.", "Done!"]
        );
    }

    #[test]
    fn headline_line_is_a_sentence_and_wrapped_lines_are_not() {
        assert_eq!(
            sents("Airstrikes Hit Aleppo\nThe regime struck the\ncity on Monday."),
            vec![
                "Airstrikes Hit Aleppo",
                "The regime struck the\ncity on Monday."
            ]
        );
    }

    #[test]
    fn char_offsets_count_scalar_values() {
        let d = Doc::new("t", "Ḩalab’s “x” al-Bāb");
        let t = d
            .tokens
            .iter()
            .find(|t| d.token_text(t) == "al-Bāb")
            .unwrap();
        let sp = d.span(t.start, t.end);
        assert_eq!(sp.start, 12);
        assert_eq!(sp.end, 18);
        assert_eq!(
            d.text
                .chars()
                .skip(sp.start)
                .take(sp.end - sp.start)
                .collect::<String>(),
            "al-Bāb"
        );
        assert_eq!(d.byte_offset(sp.start), t.start);
    }

    #[test]
    fn empty_doc_has_no_sentences() {
        let d = Doc::new("t", "");
        assert!(d.sentences.is_empty());
        assert_eq!(d.sentence_at(0), 0);
    }
}
