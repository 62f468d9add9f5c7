//! Parse features for the learned cue proposer ([`crate::learned`]).
//!
//! Owns the features that the dependency parse of a sentence adds to a cue
//! candidate: its lemma, part of speech and relation, its head, and what hangs
//! below it (a `ccomp` or `xcomp` clause, a "that" complementiser, the part of
//! speech of its subject: a pronoun or a name speaks, "the house" does not).
//! Lemmas let one annotated form stand for the others ("supports" for
//! "supporting"). It does not choose candidates or weights (that is
//! [`crate::learned`]) and never parses: the caller hands in a parse it has.

use sitrep_core::SentenceParse;

use crate::learned::FeatureBuf;

/// The parse word that core token `k` starts, if the parse covers it.
pub fn word_of(p: &SentenceParse, k: usize) -> Option<usize> {
    p.word_of_token(k)
}

/// The lemma of the word at token `k` (lower-case), if parsed.
pub fn lemma_at(p: &SentenceParse, k: usize) -> Option<&str> {
    word_of(p, k).map(|w| p.words[w].lemma.as_str())
}

/// Whether the parse makes token `k` a possible cue although the model does not
/// list its word: a verb (not an auxiliary nor a modifier: "the alleged attack"),
/// or a noun or adjective with a clause below it ("the claim that …",
/// "frustrated that …") or a noun with an "about/of/for/on/against" argument
/// ("questions about", "disdain for"). The learned model decides; this only
/// proposes, in sentences that have a parse.
pub fn open_candidate(p: &SentenceParse, k: usize) -> bool {
    let Some(i) = word_of(p, k) else {
        return false;
    };
    let w = &p.words[i];
    match w.upos.as_str() {
        "VERB" => !matches!(p.base_rel(i), "amod" | "aux" | "compound" | "cop"),
        "NOUN" | "ADJ" => p.children(i).any(|c| match p.base_rel(c) {
            "ccomp" | "acl" | "xcomp" => true,
            "nmod" | "obl" if w.upos == "NOUN" => p.children(c).any(|m| {
                p.base_rel(m) == "case"
                    && matches!(
                        p.words[m].lemma.to_lowercase().as_str(),
                        "about" | "of" | "for" | "on" | "against"
                    )
            }),
            _ => false,
        }),
        _ => false,
    }
}

/// The cluster at `level` of parse word `w`'s lemma, as feature `name`
/// (nothing when the word has no cluster).
fn push_cluster(buf: &mut FeatureBuf, name: &str, p: &SentenceParse, w: usize, level: usize) {
    if buf.no_clusters {
        return;
    }
    let lemma = p.words[w].lemma.to_lowercase();
    let table = crate::clusters::ClusterTable::bundled();
    if let Some(c) = table.get(&lemma) {
        let mut n = [0u8; 6];
        buf.push(&[name, crate::learned::num(c.ids[level], &mut n)]);
    }
}

fn subj_class(p: &SentenceParse, s: usize) -> &'static str {
    let w = &p.words[s];
    match w.upos.as_str() {
        "PRON" => match w.lemma.to_lowercase().as_str() {
            "it" | "this" | "that" | "which" | "what" => "pron_it",
            _ => "pron",
        },
        "PROPN" => "propn",
        "NOUN" => "noun",
        _ => "other",
    }
}

/// Add the parse features of token `k` to `buf` (nothing when the parse does
/// not cover `k`).
pub fn push_parse_features(buf: &mut FeatureBuf, p: &SentenceParse, k: usize) {
    let Some(i) = word_of(p, k) else {
        return;
    };
    let w = &p.words[i];
    let lemma = w.lemma.to_lowercase();
    let rel = p.base_rel(i);
    buf.push(&["l=", &lemma]);
    buf.push(&["u=", &w.upos]);
    buf.push(&["x=", &w.xpos]);
    buf.push(&["d=", &w.deprel]);
    buf.push(&["ud=", &w.upos, "|", rel]);
    buf.push(&["lu=", &lemma, "|", &w.upos]);
    buf.push(&["lx=", &lemma, "|", &w.xpos]);
    match p.head(i) {
        Some(h) => {
            let hw = &p.words[h];
            let hl = hw.lemma.to_lowercase();
            // "was critical of", "has long backed": the content word's cluster.
            if matches!(rel, "aux" | "cop") {
                push_cluster(buf, "hk=", p, h, 1);
            }
            buf.push(&["hu=", rel, "|", &hw.upos]);
            buf.push(&["hl=", rel, "|", &hl]);
            buf.push(&["lhl=", &lemma, "|", &hl]);
            // "support for X": the preposition's head is X, whose head is the cue noun.
            if rel == "case" {
                if let Some(g) = p.head(h) {
                    let gl = p.words[g].lemma.to_lowercase();
                    buf.push(&["cg=", &lemma, "|", &gl]);
                    buf.push(&["cgu=", &lemma, "|", &p.words[g].upos]);
                }
            }
        }
        None => buf.push(&["root"]),
    }
    let mut has_clause = false;
    let mut has_subj = false;
    for c in p.children(i) {
        let cr = p.base_rel(c);
        match cr {
            "ccomp" | "xcomp" | "advcl" | "parataxis" | "obj" | "iobj" | "obl" | "nsubj"
            | "csubj" | "mark" | "aux" | "case" | "nmod" | "acl" => {
                buf.push(&["c=", cr]);
                buf.push(&["lc=", &lemma, "|", cr]);
            }
            _ => {}
        }
        if matches!(cr, "ccomp" | "xcomp" | "obj" | "obl" | "nmod" | "advcl") {
            push_cluster(buf, "ok=", p, c, 0);
        }
        match cr {
            "ccomp" | "xcomp" | "parataxis" => {
                has_clause = true;
                // A "that" or "whether" complementiser below the clause.
                for m in p.children(c) {
                    if p.base_rel(m) == "mark" {
                        let ml = p.words[m].lemma.to_lowercase();
                        buf.push(&["cm=", cr, "|", &ml]);
                        buf.push(&["lcm=", &lemma, "|", &ml]);
                    }
                }
            }
            "nsubj" => {
                has_subj = true;
                push_cluster(buf, "sk=", p, c, 0);
                let sc = subj_class(p, c);
                buf.push(&["sc=", sc]);
                buf.push(&["lsc=", &lemma, "|", sc]);
                buf.push(&["sp=", &p.words[c].deprel, "|", sc]);
            }
            "obl" | "nmod" => {
                // "support for", "questions about": the preposition of an argument.
                for m in p.children(c) {
                    if p.base_rel(m) == "case" {
                        let ml = p.words[m].lemma.to_lowercase();
                        buf.push(&["lp=", &lemma, "|", &ml]);
                    }
                }
            }
            _ => {}
        }
    }
    buf.push(&[
        "cs=",
        &w.upos,
        "|",
        if has_clause { "clause" } else { "-" },
        "|",
        if has_subj { "subj" } else { "-" },
    ]);
    // Inside a clause below a speech verb ("said the army shelled …"): usually content.
    let mut h = Some(i);
    for _ in 0..8 {
        let Some(x) = h else { break };
        if p.base_rel(x) == "ccomp" {
            buf.push(&["under_ccomp"]);
            break;
        }
        h = p.head(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::ParsedWord;

    fn word(token: usize, lemma: &str, upos: &str, head: usize, deprel: &str) -> ParsedWord {
        ParsedWord {
            token,
            lemma: lemma.into(),
            upos: upos.into(),
            xpos: String::new(),
            head,
            deprel: deprel.into(),
            ..Default::default()
        }
    }

    #[test]
    fn open_candidates_are_verbs_and_nouns_or_adjectives_with_a_clause() {
        // "Protesters were frustrated that police waited"
        let p = SentenceParse {
            sentence: 0,
            words: vec![
                word(0, "protester", "NOUN", 3, "nsubj"),
                word(1, "be", "AUX", 3, "cop"),
                word(2, "frustrated", "ADJ", 0, "root"),
                word(3, "that", "SCONJ", 6, "mark"),
                word(4, "police", "NOUN", 6, "nsubj"),
                word(5, "wait", "VERB", 3, "ccomp"),
            ],
        };
        assert!(open_candidate(&p, 2), "adjective with a clause");
        assert!(open_candidate(&p, 5), "verb");
        assert!(!open_candidate(&p, 0), "noun without a clause or argument");
        assert!(!open_candidate(&p, 1), "auxiliary");
        assert!(!open_candidate(&p, 9), "token outside the parse");
        // "the alleged attack" (a participle modifier) / "questions about the deal"
        let p = SentenceParse {
            sentence: 0,
            words: vec![
                word(0, "the", "DET", 3, "det"),
                word(1, "allege", "VERB", 3, "amod"),
                word(2, "attack", "NOUN", 0, "root"),
                word(3, "question", "NOUN", 3, "conj"),
                word(4, "about", "ADP", 7, "case"),
                word(5, "the", "DET", 7, "det"),
                word(6, "deal", "NOUN", 4, "nmod"),
            ],
        };
        assert!(!open_candidate(&p, 1), "amod participle");
        assert!(!open_candidate(&p, 2), "noun with no argument");
        assert!(open_candidate(&p, 3), "noun with an 'about' argument");
    }

    #[test]
    fn clause_subject_and_lemma_features() {
        // "He thinks that it rained"
        let p = SentenceParse {
            sentence: 0,
            words: vec![
                word(0, "he", "PRON", 2, "nsubj"),
                word(1, "think", "VERB", 0, "root"),
                word(2, "that", "SCONJ", 5, "mark"),
                word(3, "it", "PRON", 5, "nsubj"),
                word(4, "rain", "VERB", 2, "ccomp"),
            ],
        };
        let mut buf = FeatureBuf::default();
        push_parse_features(&mut buf, &p, 1);
        let f: Vec<&str> = buf.iter().collect();
        assert!(f.contains(&"l=think"), "{f:?}");
        assert!(f.contains(&"lsc=think|pron"), "{f:?}");
        assert!(f.contains(&"cm=ccomp|that"), "{f:?}");
        assert!(f.contains(&"cs=VERB|clause|subj"), "{f:?}");
        // The verb of the content is under the clause.
        let mut buf = FeatureBuf::default();
        push_parse_features(&mut buf, &p, 4);
        assert!(buf.iter().any(|x| x == "under_ccomp"));
        // A token the parse does not cover adds nothing.
        let mut buf = FeatureBuf::default();
        push_parse_features(&mut buf, &p, 9);
        assert_eq!(buf.iter().count(), 0);
    }
}
