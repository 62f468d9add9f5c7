//! The outlet table: news organisations, state media, NGOs and platforms that
//! relay claims (`data/outlets.tsv`).
//!
//! Owns alias matching on tokens ("The Times", "SANA", "Syrian Observatory for
//! Human Rights") and the resolution of weak aliases ("The Times" means The New
//! York Times when the NYT is named in the document or is its outlet). It does
//! not decide whether an outlet is a claim's source or its relay: that is
//! [`crate::frames`].

use std::collections::HashMap;

use sitrep_core::Doc;

use crate::Error;

/// The outlet table compiled into the binary.
pub const DEFAULT_OUTLETS: &str = include_str!("../../../data/outlets.tsv");

/// One outlet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    /// wire, newspaper, broadcaster, state_media, party_media, ngo, government,
    /// armed_group, social_media.
    pub kind: String,
    pub country: Option<String>,
}

impl Outlet {
    /// The `SourceEntity::kind` for a source that is this outlet.
    pub fn entity_kind(&self) -> &'static str {
        match self.kind.as_str() {
            "ngo" | "armed_group" => "organisation",
            "government" => "government",
            _ => "outlet",
        }
    }
}

#[derive(Debug, Clone)]
struct Alias {
    /// Lower-cased words, without a leading "the".
    words: Vec<String>,
    /// Exact-case words for short acronyms ("AP", "AFP"), else None.
    exact: Option<Vec<String>>,
    outlet: usize,
    weak: bool,
}

/// Compiled outlet table.
#[derive(Debug, Default)]
pub struct OutletTable {
    outlets: Vec<Outlet>,
    aliases: Vec<Alias>,
    by_first: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, usize>,
}

/// Which outlets one document names, for weak-alias resolution.
#[derive(Debug, Clone, Default)]
pub struct DocOutlets {
    named: Vec<bool>,
    meta: Option<usize>,
}

fn alias_words(text: &str) -> Vec<String> {
    let probe = Doc::new("alias", text);
    let mut words: Vec<String> = (0..probe.tokens.len())
        .map(|i| probe.lower(i).to_string())
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words
}

impl OutletTable {
    /// Parse `outlets.tsv` (name, aliases, kind, country).
    pub fn parse(text: &str) -> Result<OutletTable, Error> {
        let mut t = OutletTable::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("name\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(Error::Data {
                    file: "outlets.tsv",
                    line: n + 1,
                    msg: format!("expected 4 columns, found {}", cols.len()),
                });
            }
            let idx = t.outlets.len();
            t.outlets.push(Outlet {
                name: cols[0].to_string(),
                kind: cols[2].to_string(),
                country: cols
                    .get(3)
                    .filter(|c| !c.is_empty() && **c != "-")
                    .map(|c| c.to_string()),
            });
            t.by_name.insert(cols[0].to_lowercase(), idx);
            let mut alias_list: Vec<&str> = cols[1].split('|').collect();
            alias_list.push(cols[0]);
            for a in alias_list {
                let (weak, a) = match a.strip_prefix('?') {
                    Some(rest) => (true, rest),
                    None => (false, a),
                };
                let words = alias_words(a);
                if words.is_empty() {
                    continue;
                }
                let acronym = a.len() <= 5 && a.chars().all(|c| c.is_ascii_uppercase());
                let exact = acronym.then(|| vec![a.to_string()]);
                let ai = t.aliases.len();
                t.by_first.entry(words[0].clone()).or_default().push(ai);
                t.aliases.push(Alias {
                    words,
                    exact,
                    outlet: idx,
                    weak,
                });
            }
        }
        for list in t.by_first.values_mut() {
            let aliases = &t.aliases;
            list.sort_by(|&a, &b| {
                aliases[b]
                    .words
                    .len()
                    .cmp(&aliases[a].words.len())
                    .then(a.cmp(&b))
            });
        }
        Ok(t)
    }

    pub fn get(&self, i: usize) -> &Outlet {
        &self.outlets[i]
    }

    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }

    /// Find an outlet by canonical name or alias (case-insensitive), e.g. "Twitter".
    pub fn by_name(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.by_name.get(&name.to_lowercase()) {
            return Some(i);
        }
        let words = alias_words(name);
        self.aliases
            .iter()
            .find(|a| !a.weak && a.words == words)
            .map(|a| a.outlet)
    }

    /// Alias matches starting at token `i` (a leading "the" is skipped), before `end`:
    /// returns the last token and the alias indexes that share the longest match.
    fn match_at(&self, doc: &Doc, i: usize, end: usize) -> Option<(usize, Vec<usize>)> {
        let start = if doc.lower(i) == "the" && i + 1 < end {
            i + 1
        } else {
            i
        };
        let list = self.by_first.get(doc.lower(start))?;
        let mut best: Option<(usize, Vec<usize>)> = None;
        for &ai in list {
            let a = &self.aliases[ai];
            let last = start + a.words.len() - 1;
            if last >= end {
                continue;
            }
            let ok = a
                .words
                .iter()
                .enumerate()
                .all(|(k, w)| doc.lower(start + k) == w)
                && a.exact.as_ref().is_none_or(|ex| {
                    ex.iter()
                        .enumerate()
                        .all(|(k, w)| doc.token_text(&doc.tokens[start + k]) == w)
                });
            if !ok {
                continue;
            }
            match &mut best {
                Some((bl, v)) if *bl == last => v.push(ai),
                Some((bl, _)) if *bl > last => {}
                _ => best = Some((last, vec![ai])),
            }
        }
        best
    }

    /// Which outlets the document names with a strong alias, and its own outlet.
    pub fn doc_context(&self, doc: &Doc) -> DocOutlets {
        let mut ctx = DocOutlets {
            named: vec![false; self.outlets.len()],
            meta: doc.meta.outlet.as_deref().and_then(|o| self.by_name(o)),
        };
        let n = doc.tokens.len();
        let mut i = 0;
        while i < n {
            if let Some((last, aliases)) = self.match_at(doc, i, n) {
                for ai in aliases {
                    if !self.aliases[ai].weak {
                        ctx.named[self.aliases[ai].outlet] = true;
                    }
                }
                i = last + 1;
            } else {
                i += 1;
            }
        }
        ctx
    }

    fn choose(&self, aliases: &[usize], ctx: &DocOutlets) -> Option<usize> {
        if let Some(a) = aliases.iter().find(|&&a| !self.aliases[a].weak) {
            return Some(self.aliases[*a].outlet);
        }
        let outlets = aliases.iter().map(|&a| self.aliases[a].outlet);
        if let Some(m) = ctx.meta {
            if outlets.clone().any(|o| o == m) {
                return Some(m);
            }
        }
        outlets
            .clone()
            .find(|&o| ctx.named.get(o).copied().unwrap_or(false))
            .or_else(|| outlets.min())
    }

    /// The outlet named by tokens `a..=b` exactly (a leading "the" allowed).
    pub fn resolve_range(&self, doc: &Doc, a: usize, b: usize, ctx: &DocOutlets) -> Option<usize> {
        let (last, aliases) = self.match_at(doc, a, b + 1)?;
        (last == b).then(|| self.choose(&aliases, ctx)).flatten()
    }

    /// The outlet named at token `a` (longest match), with its last token.
    pub fn resolve_at(
        &self,
        doc: &Doc,
        a: usize,
        end: usize,
        ctx: &DocOutlets,
    ) -> Option<(usize, usize)> {
        let (last, aliases) = self.match_at(doc, a, end)?;
        self.choose(&aliases, ctx).map(|o| (o, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> OutletTable {
        OutletTable::parse(DEFAULT_OUTLETS).unwrap()
    }

    #[test]
    fn table_has_the_common_outlets() {
        let t = table();
        assert!(t.len() >= 60);
        for n in ["Reuters", "SANA", "Amaq", "Al Jazeera", "Twitter", "AFP"] {
            assert!(t.by_name(n).is_some(), "{n}");
        }
        let sana = t.by_name("SANA").unwrap();
        assert_eq!(t.get(sana).kind, "state_media");
    }

    #[test]
    fn the_times_follows_the_document() {
        let t = table();
        let doc = Doc::new("t", "The Times of Israel reported it. The Times said so.");
        let ctx = t.doc_context(&doc);
        // "The Times" at tokens 7..=8: no NYT named, Times of Israel is a different alias.
        let o = t.resolve_range(&doc, 7, 8, &ctx).unwrap();
        assert_eq!(t.get(o).name, "The New York Times");
        let doc = Doc::new("t", "The Los Angeles Times reported it. The Times said so.");
        let ctx = t.doc_context(&doc);
        let o = t.resolve_range(&doc, 7, 8, &ctx).unwrap();
        assert_eq!(t.get(o).name, "Los Angeles Times");
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        let t = table();
        let doc = Doc::new("t", "He was at the spa. SPA reported it.");
        let ctx = t.doc_context(&doc);
        assert!(t.resolve_range(&doc, 4, 4, &ctx).is_none());
        assert!(t.resolve_range(&doc, 6, 6, &ctx).is_some());
    }
}
