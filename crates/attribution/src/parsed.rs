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
    match d.source {
        Some((a, b)) => b > a && d.antecedent.is_none(),
        // "…, citing the attack": no window source; the tree may give one.
        None => d.cue.first > 0,
    }
}

/// The subject subtree of the cue head `h`: its own `nsubj`, else, for a
/// participle or infinitive hanging on another verb ("Mr. Ackman wrote to
/// investors, telling them …", "he has battled with X, calling …"), the
/// subject of that verb.
fn subject_of(doc: &Doc, p: &SentenceParse, h: usize) -> Option<(usize, usize)> {
    let mut v = h;
    for _ in 0..2 {
        if let Some(j) = p.children(v).find(|&j| p.words[j].deprel == "nsubj") {
            return token_range(doc, p, j);
        }
        let rel = p.words[v].deprel.split(':').next().unwrap_or("");
        if !matches!(rel, "advcl" | "xcomp" | "conj") || p.words[v].head == 0 {
            return None;
        }
        v = p.words[v].head - 1;
    }
    None
}

/// The subject of the verb that a participle cue hangs on, when the cue has
/// none of its own ("The general visited the base on Monday, saying …" →
/// "The general"): a clean noun phrase before the cue, or `None`.
pub fn participle_subject(
    doc: &Doc,
    p: &SentenceParse,
    first: usize,
    last: usize,
) -> Option<(usize, usize)> {
    let h = cue_head(p, first, last)?;
    // A cue with a subject of its own (active or passive) has no need of
    // its head verb's; otherwise `subject_of` climbs to that verb.
    if p.children(h).any(|j| p.base_rel(j) == "nsubj") {
        return None;
    }
    let r = subject_of(doc, p, h)?;
    clean_subject(p, r, first).then_some(r)
}

/// Whether the window's source `(a, b)` is no noun phrase by the tree: it holds
/// a verb, or starts with a preposition, adverb or conjunction ("however",
/// "resigning in", "to investors").
fn bad_window(p: &SentenceParse, (a, b): (usize, usize)) -> bool {
    matches!(upos_at(p, a), "ADP" | "ADV" | "SCONJ" | "CCONJ" | "PART")
        || (a..=b).any(|k| matches!(upos_at(p, k), "VERB" | "AUX"))
}

/// Whether the subject subtree `(sa, sb)` may replace a bad or missing window
/// source: short, a noun phrase (no verb, no leading preposition), before the cue.
fn clean_subject(p: &SentenceParse, (sa, sb): (usize, usize), cue: usize) -> bool {
    sb < cue
        && sb - sa < 10
        && !matches!(
            upos_at(p, sa),
            "ADP" | "ADV" | "CCONJ" | "SCONJ" | "PUNCT" | "VERB"
        )
        && !(sa..=sb).any(|k| matches!(upos_at(p, k), "VERB" | "AUX" | "SCONJ"))
}

/// Whether tokens `k+1..=b` continue the name ending at `k`: "for Human Rights"
/// after "Syrian Observatory", "of Defence" after "Ministry" (the parser often
/// hangs such a tail on the verb).
fn name_tail(doc: &Doc, k: usize, b: usize) -> bool {
    let cap = |i: usize| {
        doc.token_text(&doc.tokens[i])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    k + 2 <= b
        && cap(k)
        && matches!(doc.lower(k + 1), "for" | "of")
        && (k + 2..=b)
            .all(|i| cap(i) || matches!(doc.lower(i), "the" | "and" | "of" | "for" | "on"))
        && cap(b)
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
    if d.antecedent.is_some() {
        return false;
    }
    let Some((sa, sb)) = subject_of(doc, p, h) else {
        return false;
    };
    // No window source, or one that is no noun phrase: the subject, when clean.
    let Some((a, b)) = d.source else {
        if clean_subject(p, (sa, sb), d.cue.first) {
            d.source = Some((sa, sb));
            return true;
        }
        return false;
    };
    let apart = sb < a || b < sa;
    if apart && bad_window(p, (a, b)) && clean_subject(p, (sa, sb), d.cue.first) {
        d.source = Some((sa, sb));
        return true;
    }
    // Source: the subject subtree, when it ends before the cue and overlaps the window's
    // (and does not cut a name after its "for" or "of", nor drop a second
    // conjunct: "Police and the army said").
    // ("The army, the police and local officials said": a list's comma too.)
    let drops_conjunct = sb + 1 < b
        && a <= sb
        && (matches!(doc.lower(sb + 1), "and" | "or")
            || doc.lower(sb + 1) == ","
                && (sb + 2..=b).any(|k| matches!(doc.lower(k), "and" | "or"))
                && !matches!(doc.lower(sb + 2), "a" | "an"));
    if sb < d.cue.first
        && !name_tail(doc, sb, b)
        && !drops_conjunct
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
    fn a_name_is_not_cut_before_its_for_phrase() {
        // The Monitor for Human Rights said it .  (a parser that hangs "for …" on the verb)
        let doc = Doc::new("t", "The Monitor for Human Rights said it.");
        let p = parse(
            &doc,
            &[
                (2, "det", "DET"),
                (6, "nsubj", "PROPN"),
                (5, "case", "ADP"),
                (5, "compound", "PROPN"),
                (6, "obl", "PROPN"),
                (0, "root", "VERB"),
                (6, "obj", "PRON"),
                (6, "punct", "PUNCT"),
            ],
        );
        let mut d = draft((0, 4), 5, (6, 6));
        assert!(!refine(&doc, &p, &mut d));
        assert_eq!(d.source, Some((0, 4)));
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
