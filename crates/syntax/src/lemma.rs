//! Lemmatizer: a (form, XPOS) → lemma table learned from the training
//! treebank, with suffix rules (strip n chars, append a string) learned from
//! the same data for unseen forms.
//!
//! Owns only lemmas; the XPOS it keys on comes from the tagger.

use std::collections::BTreeMap;

use crate::perceptron::{put_str, put_varint, Reader};

/// Longest suffix a rule may key on.
const MAX_SUFFIX: usize = 6;

/// Most frequent key; ties go to the smallest key (BTreeMap order).
fn pick<K>(m: BTreeMap<K, u32>) -> Option<K> {
    let mut best = None;
    let mut bc = 0;
    for (k, c) in m {
        if c > bc {
            bc = c;
            best = Some(k);
        }
    }
    best
}

#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// "lower-form\txpos" → lemma.
    exact: BTreeMap<String, String>,
    /// "xpos\tsuffix" → (chars to strip, string to append).
    rules: BTreeMap<String, (u32, String)>,
}

fn is_proper(xpos: &str) -> bool {
    xpos == "NNP" || xpos == "NNPS"
}

impl Lemmatizer {
    /// Learn from (form, xpos, lemma) triples.
    pub fn learn<'a>(items: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut exact_counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        let mut rule_counts: BTreeMap<String, BTreeMap<(u32, String), u32>> = BTreeMap::new();
        for (form, xpos, lemma) in items {
            if lemma.is_empty() || lemma == "_" {
                continue;
            }
            let lower = form.to_lowercase();
            *exact_counts
                .entry(format!("{lower}\t{xpos}"))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let ll = lemma.to_lowercase();
            let f: Vec<char> = lower.chars().collect();
            let l: Vec<char> = ll.chars().collect();
            let cp = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
            let strip = (f.len() - cp) as u32;
            let append: String = l[cp..].iter().collect();
            for k in 0..=MAX_SUFFIX.min(f.len()) {
                let suffix: String = f[f.len() - k..].iter().collect();
                *rule_counts
                    .entry(format!("{xpos}\t{suffix}"))
                    .or_default()
                    .entry((strip, append.clone()))
                    .or_default() += 1;
            }
        }
        let exact = exact_counts
            .into_iter()
            .filter_map(|(k, m)| pick(m).map(|v| (k, v)))
            .collect();
        let rules = rule_counts
            .into_iter()
            .filter_map(|(k, m)| pick(m).map(|v| (k, v)))
            .collect();
        Lemmatizer { exact, rules }
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        // One key buffer for every lookup (the same keys as `format!`).
        let mut key = String::with_capacity(lower.len() + xpos.len() + 1);
        key.push_str(&lower);
        key.push('\t');
        key.push_str(xpos);
        if let Some(l) = self.exact.get(key.as_str()) {
            return l.clone();
        }
        if is_proper(xpos) {
            return form.to_string();
        }
        // Byte offset of each char of `lower`, and its end.
        let bounds: Vec<usize> = lower
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(lower.len()))
            .collect();
        let n = bounds.len() - 1;
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            key.clear();
            key.push_str(xpos);
            key.push('\t');
            key.push_str(&lower[bounds[n - k]..]);
            if let Some((strip, append)) = self.rules.get(key.as_str()) {
                let strip = *strip as usize;
                if strip <= n {
                    let mut s = String::with_capacity(bounds[n - strip] + append.len());
                    s.push_str(&lower[..bounds[n - strip]]);
                    s.push_str(append);
                    return s;
                }
            }
        }
        lower
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.exact.len() as u64);
        for (k, v) in &self.exact {
            put_str(out, k);
            put_str(out, v);
        }
        put_varint(out, self.rules.len() as u64);
        for (k, (s, a)) in &self.rules {
            put_str(out, k);
            put_varint(out, u64::from(*s));
            put_str(out, a);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Lemmatizer> {
        // The maps are written in key order, so collecting them lets the
        // B-tree be built in bulk (a later duplicate key wins, as with
        // `insert`).
        let n = r.varint()? as usize;
        let mut exact = Vec::with_capacity(n.min(r.remaining()));
        for _ in 0..n.min(r.remaining()) {
            let k = r.string()?;
            exact.push((k, r.string()?));
        }
        let n = r.varint()? as usize;
        let mut rules = Vec::with_capacity(n.min(r.remaining()));
        for _ in 0..n.min(r.remaining()) {
            let k = r.string()?;
            let s = r.varint()? as u32;
            rules.push((k, (s, r.string()?)));
        }
        Some(Lemmatizer {
            exact: exact.into_iter().collect(),
            rules: rules.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_then_rules() {
        let data = [
            ("killed", "VBD", "kill"),
            ("shelled", "VBD", "shell"),
            ("forces", "NNS", "force"),
            ("towns", "NNS", "town"),
            ("was", "VBD", "be"),
        ];
        let l = Lemmatizer::learn(data.iter().map(|(a, b, c)| (*a, *b, *c)));
        assert_eq!(l.lemma("Was", "VBD"), "be");
        assert_eq!(l.lemma("bombed", "VBD"), "bomb");
        assert_eq!(l.lemma("villages", "NNS"), "village");
        assert_eq!(l.lemma("Aleppo", "NNP"), "Aleppo");
        assert_eq!(l.lemma("", "NN"), "");
    }
}
