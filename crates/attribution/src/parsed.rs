//! Claim boundaries from the parse layer (`Analysis::parses`).
//!
//! Owns moving a claim draft's source onto the dependency tree of its cue: the
//! source becomes the `nsubj` subtree of the cue verb ("Moreover, the judge
//! said" → "the judge"; "he reserved his praise for" → "he") when that is a safe
//! move from the window rules' phrase (see [`safe_move`]). Only drafts of the
//! `source_cue_content` frame are refined, and only sentences that have a claim
//! are parsed (the caller asks the cache for those alone). It does not find
//! cues, quotes or relays.
//!
//! Contents stay with the window rules of [`crate::frames`]: the `ccomp`
//! subtree as content was measured on PolNeAR train and lost (content exact F1
//! 0.482 → 0.455): the parser often attaches the end of a clause, its closing
//! quote or a coordinated clause elsewhere.

use sitrep_core::{Doc, SentenceParse, TokenKind};

use crate::frames::Draft;

/// The word of the cue that heads it in the tree: its last verb, else its last word.
fn cue_head(p: &SentenceParse, first: usize, last: usize) -> Option<usize> {
    let words: Vec<usize> = (0..p.words.len())
        .filter(|&i| (first..=last).contains(&p.words[i].token))
        .collect();
    words
        .iter()
        .rev()
        .find(|&&i| p.words[i].upos == "VERB")
        .or(words.last())
        .copied()
}

/// The token range of a contiguous subtree, without edge punctuation.
fn token_range(doc: &Doc, p: &SentenceParse, root: usize) -> Option<(usize, usize)> {
    let sub = p.subtree(root);
    let (&a, &b) = (sub.first()?, sub.last()?);
    if b - a + 1 != sub.len() {
        return None;
    }
    let (mut ta, mut tb) = (p.words[a].token, p.words[b].token);
    let punct = |k: usize| {
        doc.tokens[k].kind == TokenKind::Punct
            && !matches!(doc.lower(k), "“" | "”" | "\"" | "’" | "'")
    };
    while ta < tb && punct(ta) {
        ta += 1;
    }
    while tb > ta && punct(tb) {
        tb -= 1;
    }
    Some((ta, tb))
}

/// Universal POS of the word that token `k` starts, or "".
fn upos_at(p: &SentenceParse, k: usize) -> &str {
    p.word_of_token(k).map_or("", |w| p.words[w].upos.as_str())
}

/// Whether moving the window's source `(a, b)` to the subject subtree `(sa, sb)`
/// is safe: words dropped from the window are a clause around the subject
/// ("Moreover, the judge", "he reserved his"), not part of a name ("Clinton
/// campaign manager Robby Mook"), and words added are its noun phrase ("the
/// 50-state poll"), not a relative clause or a preposition.
fn safe_move(p: &SentenceParse, (a, b): (usize, usize), (sa, sb): (usize, usize)) -> bool {
    const CLAUSAL: &[&str] = &["VERB", "AUX", "ADV", "SCONJ", "CCONJ", "ADP"];
    let dropped: Vec<usize> = (a..=b).filter(|k| !(sa..=sb).contains(k)).collect();
    let added: Vec<usize> = (sa..=sb).filter(|k| !(a..=b).contains(k)).collect();
    if !dropped.is_empty() && !dropped.iter().any(|&k| CLAUSAL.contains(&upos_at(p, k))) {
        return false;
    }
    if added
        .iter()
        .any(|&k| matches!(upos_at(p, k), "VERB" | "AUX" | "SCONJ"))
    {
        return false;
    }
    // Nor a dateline or a trailing "on Tuesday".
    if added.iter().any(|&k| {
        p.word_of_token(k)
            .is_some_and(|w| p.words[w].upos == "PUNCT" && p.words[w].span.text != ",")
    }) || (b + 1..=sb)
        .find(|&k| upos_at(p, k) != "PUNCT")
        .is_some_and(|k| upos_at(p, k) == "ADP")
    {
        return false;
    }
    !matches!(upos_at(p, sa), "ADP" | "ADV" | "CCONJ" | "SCONJ" | "PUNCT")
}

/// Whether parsing `d`'s sentence could move its source. A one-token window
/// source ("he", "police", "Reuters") is what the subject subtree would give
/// too, and most claims have one; parsing only the longer ones keeps the
/// pipeline fast (a parse costs more than the rest of the analysis of its
/// sentence). On PolNeAR dev this keeps the whole gain in source F1.
pub fn worth_parsing(d: &Draft) -> bool {
    matches!(d.source, Some((a, b)) if b > a) && d.antecedent.is_none()
}

/// Refine draft `d` with the parse `p` of its sentence. Returns true when the
/// source moved.
pub fn refine(doc: &Doc, p: &SentenceParse, d: &mut Draft) -> bool {
    if d.rule != "source_cue_content" || p.words.is_empty() {
        return false;
    }
    let Some(h) = cue_head(p, d.cue.first, d.cue.last) else {
        return false;
    };
    // Source: the subject subtree, when it ends before the cue and overlaps the window's.
    let (Some((a, b)), None) = (d.source, d.antecedent) else {
        return false;
    };
    let subj = p
        .children(h)
        .find(|&j| p.words[j].deprel == "nsubj")
        .and_then(|j| token_range(doc, p, j));
    let Some((sa, sb)) = subj else {
        return false;
    };
    if sb < d.cue.first
        && sa <= b
        && a <= sb
        && (sa, sb) != (a, b)
        && safe_move(p, (a, b), (sa, sb))
    {
        d.source = Some((sa, sb));
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::CueMatch;
    use sitrep_core::ParsedWord;

    /// A hand-made parse: (head 1-based, deprel, upos) per token.
    fn parse(doc: &Doc, rows: &[(usize, &str, &str)]) -> SentenceParse {
        let words = doc
            .tokens
            .iter()
            .enumerate()
            .zip(rows)
            .map(|((i, t), &(head, rel, upos))| ParsedWord {
                span: doc.span(t.start, t.end),
                token: i,
                head,
                deprel: rel.into(),
                upos: upos.into(),
                ..ParsedWord::default()
            })
            .collect();
        SentenceParse { sentence: 0, words }
    }

    fn draft(source: (usize, usize), cue: usize, content: (usize, usize)) -> Draft {
        Draft {
            cue: CueMatch {
                first: cue,
                last: cue,
                entry: 0,
            },
            source: Some(source),
            content,
            recipient: None,
            inherits: None,
            sentence: 0,
            frame_start: source.0,
            inverted: false,
            antecedent: None,
            rule: "source_cue_content",
        }
    }

    #[test]
    fn subject_subtree_drops_a_sentence_adverb() {
        // Moreover , the judge said that talks failed .
        let doc = Doc::new("t", "Moreover, the judge said that talks failed.");
        let p = parse(
            &doc,
            &[
                (5, "advmod", "ADV"),
                (5, "punct", "PUNCT"),
                (4, "det", "DET"),
                (5, "nsubj", "NOUN"),
                (0, "root", "VERB"),
                (8, "mark", "SCONJ"),
                (8, "nsubj", "NOUN"),
                (5, "ccomp", "VERB"),
                (5, "punct", "PUNCT"),
            ],
        );
        let mut d = draft((0, 3), 4, (5, 7));
        assert!(refine(&doc, &p, &mut d));
        assert_eq!(d.source, Some((2, 3)));
        assert_eq!(d.content, (5, 7));
    }

    #[test]
    fn a_name_is_not_cut_to_its_head() {
        // Campaign manager Robby Mook said it .  (a parser that hangs the title elsewhere)
        let doc = Doc::new("t", "Campaign manager Robby Mook said it.");
        let p = parse(
            &doc,
            &[
                (2, "compound", "NOUN"),
                (5, "obl", "NOUN"),
                (5, "nsubj", "PROPN"),
                (3, "flat", "PROPN"),
                (0, "root", "VERB"),
                (5, "obj", "PRON"),
                (5, "punct", "PUNCT"),
            ],
        );
        let mut d = draft((0, 3), 4, (5, 5));
        assert!(!refine(&doc, &p, &mut d));
        assert_eq!(d.source, Some((0, 3)));
    }

    #[test]
    fn other_frames_and_empty_parses_are_left_alone() {
        let doc = Doc::new("t", "Moreover, the judge said that talks failed.");
        let mut d = draft((0, 3), 4, (5, 7));
        assert!(!refine(&doc, &SentenceParse::default(), &mut d));
        d.rule = "according_to_lead";
        let p = parse(&doc, &[(5, "advmod", "ADV"); 9]);
        assert!(!refine(&doc, &p, &mut d));
    }
}
