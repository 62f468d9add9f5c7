//! Which accusations a denial or "no evidence" claim answers.
//!
//! Owns narrowing a rebuttal's candidate targets (every earlier accusation from
//! another source, chosen in `lib.rs`) to the ones about the same thing: the
//! accusations whose contents share the rebuttal's key terms ("coordination",
//! "helping ISIS"), each term weighted by how rare it is in the document. When the
//! rebuttal only refers back ("to back the claims", "looking into the allegations"),
//! the sentences before it supply the terms. Word lists (stop words, generic
//! back-references, synonyms) live in `data/attribution/response_terms.tsv`.

use std::collections::{HashMap, HashSet};

use sitrep_core::{Claim, Doc, Stance, TokenKind};

use crate::Error;

/// The response-term lists compiled into the binary.
pub const DEFAULT_RESPONSE_TERMS: &str =
    include_str!("../../../data/attribution/response_terms.tsv");

/// Stop words, generic back-references and synonym classes.
#[derive(Debug, Default, Clone)]
pub struct ResponseTerms {
    stop: HashSet<String>,
    generic: HashSet<String>,
    same: HashMap<String, String>,
}

/// Share of the best score a candidate needs to stay linked.
const KEEP_SHARE: f64 = 0.5;
/// Sentences looked back for a rebuttal that only refers back.
const LOOK_BACK: usize = 2;
/// Weight of a term written as a name.
const NAME_WEIGHT: f64 = 0.25;
/// Least score that decides a link (a term in fewer than 1/e of the sentences scores above 1).
const MIN_SCORE: f64 = 1.0;

impl ResponseTerms {
    /// Parse `response_terms.tsv`.
    pub fn parse(text: &str) -> Result<ResponseTerms, Error> {
        let mut out = ResponseTerms::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("kind\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = |msg: &str| Error::Data {
                file: "response_terms.tsv",
                line: n + 1,
                msg: msg.to_string(),
            };
            if cols.len() < 3 {
                return Err(bad("expected 3 columns"));
            }
            let words = cols[2].split(',').map(|w| w.trim().to_lowercase());
            match cols[0] {
                "stop" => out.stop.extend(words),
                "generic" => out.generic.extend(words),
                "same" => {
                    for w in words {
                        out.same.insert(w, cols[1].to_string());
                    }
                }
                _ => return Err(bad("kind must be stop, generic or same")),
            }
        }
        Ok(out)
    }

    /// The key term of a word, or None for stop words, generic words and punctuation.
    fn term(&self, w: &str) -> Option<String> {
        let w = w.trim_start_matches('#');
        if w.len() < 3 || self.stop.contains(w) || self.generic.contains(w) {
            return None;
        }
        if let Some(c) = self.same.get(w).or_else(|| self.same.get(&format!("#{w}"))) {
            return Some(c.clone());
        }
        let stem = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        let stem = if stem.len() > 4 && stem.ends_with('s') && !stem.ends_with("ss") {
            &stem[..stem.len() - 1]
        } else {
            stem
        };
        Some(stem.to_string())
    }

    /// Key terms of a byte range, each with whether it was written as a name
    /// (capitalised mid-sentence words such as "U.S." count less: both sides of a
    /// dispute name the same actors).
    fn terms_in(&self, doc: &Doc, bytes: (usize, usize)) -> HashMap<String, bool> {
        let mut out: HashMap<String, bool> = HashMap::new();
        let mut k = doc.token_at(bytes.0);
        while k < doc.tokens.len() && doc.tokens[k].end <= bytes.1 {
            let t = &doc.tokens[k];
            if !matches!(t.kind, TokenKind::Punct | TokenKind::Number) {
                if let Some(term) = self.term(doc.lower(k)) {
                    let name = doc
                        .token_text(t)
                        .trim_start_matches('#')
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    let e = out.entry(term).or_insert(name);
                    *e &= name;
                }
            }
            k += 1;
        }
        out
    }

    fn has_generic(&self, doc: &Doc, bytes: (usize, usize)) -> bool {
        let mut k = doc.token_at(bytes.0);
        while k < doc.tokens.len() && doc.tokens[k].end <= bytes.1 {
            if self.generic.contains(doc.lower(k)) {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Key terms of what a "no evidence" content says it lacks evidence of: the
    /// words after "evidence of" / "confirmation about" / "proof that" (a generic
    /// word and a preposition), up to "but", ";" or a comma.
    fn topic_terms(&self, doc: &Doc, bytes: (usize, usize)) -> HashMap<String, bool> {
        let mut k = doc.token_at(bytes.0);
        let end = |k: usize| k >= doc.tokens.len() || doc.tokens[k].end > bytes.1;
        while !end(k + 1) {
            if self.generic.contains(doc.lower(k))
                && matches!(
                    doc.lower(k + 1),
                    "of" | "about" | "for" | "that" | "on" | "regarding"
                )
            {
                let a = k + 2;
                let mut b = a;
                while !end(b) && !matches!(doc.lower(b), "but" | ";" | "," | "although" | "though")
                {
                    b += 1;
                }
                if b > a {
                    return self.terms_in(doc, (doc.tokens[a].start, doc.tokens[b - 1].end));
                }
                return HashMap::new();
            }
            k += 1;
        }
        HashMap::new()
    }

    /// Narrow `candidates` (indexes into `claims`) to those the rebuttal `i` answers.
    /// Returns the candidates unchanged when no key term decides.
    pub fn narrow(
        &self,
        doc: &Doc,
        claims: &[Claim],
        i: usize,
        candidates: Vec<usize>,
    ) -> Vec<usize> {
        let no_evidence = claims[i].stance == Stance::NoEvidence;
        if (candidates.len() < 2 && !no_evidence)
            || candidates.is_empty()
            || doc.sentences.is_empty()
        {
            return candidates;
        }
        // Document frequency of each term over sentences.
        let sent_terms: Vec<HashMap<String, bool>> = doc
            .sentences
            .iter()
            .map(|s| self.terms_in(doc, (s.start, s.end)))
            .collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for st in &sent_terms {
            for t in st.keys() {
                *df.entry(t.as_str()).or_default() += 1;
            }
        }
        let n = doc.sentences.len() as f64;
        // In short texts every shared term is frequent: the floor is that of a term in two sentences.
        let min_score = MIN_SCORE.min((n / 2.0).ln().max(0.05));
        let idf = |t: &str| (n / df.get(t).copied().unwrap_or(1) as f64).ln().max(0.05);
        let cand_terms: Vec<HashMap<String, bool>> = candidates
            .iter()
            .map(|&j| {
                let c = &claims[j].content;
                self.terms_in(doc, (c.byte_start, c.byte_end))
            })
            .collect();
        let pick = |terms: &HashMap<String, bool>| -> Option<Vec<usize>> {
            let scores: Vec<f64> = cand_terms
                .iter()
                .map(|ct| {
                    terms
                        .iter()
                        .filter(|(t, _)| ct.contains_key(*t))
                        .map(|(t, &name)| idf(t) * if name { NAME_WEIGHT } else { 1.0 })
                        .sum()
                })
                .collect();
            let best = scores.iter().cloned().fold(0.0, f64::max);
            (best >= min_score).then(|| {
                candidates
                    .iter()
                    .zip(&scores)
                    .filter(|(_, &s)| s >= best * KEEP_SHARE)
                    .map(|(&j, _)| j)
                    .collect()
            })
        };
        // The rebuttal's own terms, with those of same-source claims in its sentence
        // ("denied helping ISIS …, dismissing the accusations as nonsense").
        let me = &claims[i];
        let name = me.source_entity.as_ref().map(|e| &e.name);
        let mut own: HashMap<String, bool> = HashMap::new();
        let mut generic = false;
        // Only the rebuttals among them: "… and said the air force had struck
        // positions" says what happened, not what is denied.
        for c in claims.iter().filter(|c| {
            c.sentence == me.sentence
                && c.source_entity.as_ref().map(|e| &e.name) == name
                && matches!(c.stance, Stance::Deny | Stance::NoEvidence)
        }) {
            let b = (c.content.byte_start, c.content.byte_end);
            for (t, name) in self.terms_in(doc, b) {
                *own.entry(t).or_insert(name) &= name;
            }
            generic |= self.has_generic(doc, b);
        }
        if let Some(v) = pick(&own) {
            return v;
        }
        // "no independent confirmation of the casualty figures": a "no evidence"
        // claim that names what it lacks evidence of answers only accusations
        // about that; when none is, it answers none.
        if no_evidence {
            let topic = self.topic_terms(doc, (me.content.byte_start, me.content.byte_end));
            if !topic.is_empty() {
                return pick(&topic).unwrap_or_default();
            }
        }
        if generic {
            for back in 1..=LOOK_BACK.min(me.sentence) {
                if let Some(v) = pick(&sent_terms[me.sentence - back]) {
                    return v;
                }
            }
        }
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimTagger;
    use sitrep_core::{Analysis, Stage};

    fn claims(text: &str) -> Vec<Claim> {
        let tagger = ClaimTagger::load_default().unwrap();
        let doc = Doc::new("t", text);
        let mut a = Analysis::default();
        tagger.annotate(&doc, &mut a);
        a.claims
    }

    fn idx(cs: &[Claim], cue: &str) -> usize {
        cs.iter().position(|c| c.cue.text == cue).unwrap()
    }

    #[test]
    fn denial_links_to_the_accusation_sharing_its_terms() {
        let cs = claims(
            "The monitors accused the militia of shelling the hospital in Tarna. \
             The governor accused the militia of smuggling fuel across the border. \
             The militia denied shelling the hospital.",
        );
        let d = idx(&cs, "denied");
        assert_eq!(cs[d].stance, Stance::Deny);
        assert_eq!(cs[d].responds_to, vec![0], "{cs:?}");
    }

    #[test]
    fn generic_rebuttal_takes_terms_from_the_sentence_before() {
        let cs = claims(
            "The council accused the army of looting grain stores. \
             The mayor accused the army of collusion with smugglers. \
             No one has provided proof of such collusion, the paper noted. \
             A ministry spokesman said the government had no independent evidence to back the claims.",
        );
        let ne = cs
            .iter()
            .position(|c| c.stance == Stance::NoEvidence && c.sentence == 3)
            .unwrap();
        let mayor = cs.iter().position(|c| c.sentence == 1).unwrap();
        let council = cs.iter().position(|c| c.sentence == 0).unwrap();
        assert!(cs[ne].responds_to.contains(&mayor), "{:?}", cs[ne]);
        assert!(!cs[ne].responds_to.contains(&council), "{:?}", cs[ne]);
    }

    #[test]
    fn no_evidence_about_something_else_answers_nothing() {
        let cs = claims(
            "Farmers accused the police of burning their barns near Olta. \
             A relief official said the agency had no independent evidence of the flood \
             damage but was studying the reports.",
        );
        let ne = cs
            .iter()
            .position(|c| c.stance == Stance::NoEvidence)
            .expect("no_evidence claim");
        assert!(cs[ne].responds_to.is_empty(), "{:?}", cs[ne]);
        // The same rebuttal about the burning answers the accusation.
        let cs = claims(
            "Farmers accused the police of burning their barns near Olta. \
             A relief official said the agency had no independent evidence of the barn \
             burning but was studying the reports.",
        );
        let ne = cs
            .iter()
            .position(|c| c.stance == Stance::NoEvidence)
            .expect("no_evidence claim");
        assert_eq!(cs[ne].responds_to, vec![0], "{:?}", cs[ne]);
    }

    #[test]
    fn synonyms_count_as_one_term() {
        let t = ResponseTerms::parse(DEFAULT_RESPONSE_TERMS).unwrap();
        assert_eq!(t.term("aiding"), t.term("helping"));
        assert_eq!(t.term("isil"), Some("isis".to_string()));
        assert_eq!(t.term("the"), None);
        assert_eq!(t.term("allegations"), None);
    }

    #[test]
    fn bad_kind_is_an_error() {
        assert!(ResponseTerms::parse("kind\tcanonical\twords\nfoo\t-\tx\n").is_err());
    }
}
