//! The parse as a layer of the analysis: [`Parser`] implements
//! `sitrep_core::SentenceParser`, so the pipeline's per-document
//! `ParseCache` can parse single sentences on demand.
//!
//! Owns only the conversion from this crate's [`ParsedToken`]s to the core
//! `SentenceParse` type; the models and their code live in the other modules.

use sitrep_core::{Doc, ParsedWord, SentenceParse, SentenceParser};

use crate::{words, ParsedToken, Parser};

impl Parser {
    /// Tag and parse sentence `sentence` of `doc` into the core parse layer
    /// type (empty for an out-of-range index).
    pub fn parse_layer(&self, doc: &Doc, sentence: usize) -> SentenceParse {
        let Some(s) = doc.sentences.get(sentence) else {
            return SentenceParse {
                sentence,
                words: Vec::new(),
            };
        };
        let pieces = words::words(doc, s.tokens.clone());
        let forms: Vec<&str> = pieces
            .iter()
            .map(|p| doc.text.get(p.start..p.end).unwrap_or(""))
            .collect();
        let parsed = self.parse_sentence(&forms);
        sentence_parse(doc, sentence, &pieces, parsed)
    }
}

/// The core layer type for sentence `sentence` of `doc` from its word
/// pieces and their parse (one token per piece, in order). Also used by
/// callers that parse or remember sentences themselves (the pipeline's memo).
pub fn sentence_parse(
    doc: &Doc,
    sentence: usize,
    pieces: &[words::WordPiece],
    parsed: Vec<ParsedToken>,
) -> SentenceParse {
    let words = pieces
        .iter()
        .zip(parsed)
        .map(|(p, t)| ParsedWord {
            span: doc.span(p.start, p.end),
            token: p.token,
            lemma: t.lemma,
            upos: t.upos,
            xpos: t.xpos,
            head: t.head,
            deprel: t.deprel,
        })
        .collect();
    SentenceParse { sentence, words }
}

impl SentenceParser for Parser {
    fn parse_sentence_of(&self, doc: &Doc, sentence: usize) -> SentenceParse {
        self.parse_layer(doc, sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_matches_parse_doc_and_keeps_offsets() {
        // The real model when present; otherwise nothing to check here (the
        // training tests in lib.rs cover the parser itself).
        let Ok(p) = Parser::load_default() else {
            eprintln!("skipping: no syntax model in data/models");
            return;
        };
        let doc = Doc::new(
            "d",
            "Aleppo is quiet. Rebels said the regime can't bomb al-Bab.",
        );
        let layer = p.parse_layer(&doc, 1);
        let whole = p.parse_doc(&doc);
        assert_eq!(layer.sentence, 1);
        assert_eq!(layer.words.len(), whole[1].len());
        for (w, t) in layer.words.iter().zip(&whole[1]) {
            assert_eq!(w.span.text, t.form);
            assert_eq!(w.head, t.head);
            assert_eq!(w.deprel, t.deprel);
            assert_eq!(&doc.text[w.span.bytes()], t.form);
            assert_eq!(w.token, t.token);
        }
        assert!(p.parse_layer(&doc, 9).words.is_empty());
    }
}
