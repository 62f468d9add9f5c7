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
