//! The knowledge linking and grading decide with, read from
//! `data/link/lexicon.tsv` (compiled in with `include_str!`).
//!
//! Owns parsing that file into lists; owns no decision. Scoring
//! ([`crate::score`]), grading ([`crate::grade`]) and linking
//! ([`crate::linking`]) ask [`lexicon()`]. Must not hold lists in code.

use std::collections::HashMap;
use std::sync::LazyLock;

const LEXICON: &str = include_str!("../../../data/link/lexicon.tsv");

/// The parsed lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    lists: HashMap<String, Vec<Vec<String>>>,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(LEXICON));

/// The shipped lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEX
}

impl Lexicon {
    /// Parse `list<TAB>items` lines; `#` starts a comment line.
    pub fn parse(text: &str) -> Lexicon {
        let mut lists: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((name, items)) = line.split_once('\t') else {
                continue;
            };
            lists
                .entry(name.trim().to_string())
                .or_default()
                .push(items.split_whitespace().map(str::to_string).collect());
        }
        Lexicon { lists }
    }

    /// Every line of list `name`.
    pub fn lines(&self, name: &str) -> &[Vec<String>] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when `item` is in list `name` (any line).
    pub fn has(&self, name: &str, item: &str) -> bool {
        self.lines(name).iter().any(|l| l.iter().any(|x| x == item))
    }

    /// True when `s` starts with an item of list `name`.
    pub fn prefixed(&self, name: &str, s: &str) -> bool {
        self.lines(name)
            .iter()
            .any(|l| l.iter().any(|x| s.starts_with(x.as_str())))
    }

    /// Which line of list `name` holds `item` (families).
    pub fn line_of(&self, name: &str, item: &str) -> Option<usize> {
        self.lines(name)
            .iter()
            .position(|l| l.iter().any(|x| x == item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_load() {
        let l = lexicon();
        for name in [
            "material_plover",
            "plover_family",
            "party_kind",
            "party_sector",
            "state_sector",
            "state_force_sector",
            "not_country",
            "scale_international",
            "scale_national",
            "scale_other",
        ] {
            assert!(!l.lines(name).is_empty(), "{name} is empty");
        }
        assert!(l.has("material_plover", "ASSAULT"));
        assert!(!l.has("material_plover", "ACCUSE"));
        assert_eq!(
            l.line_of("plover_family", "COOPERATE"),
            l.line_of("plover_family", "AID")
        );
        assert_ne!(
            l.line_of("plover_family", "ACCUSE"),
            l.line_of("plover_family", "AID")
        );
        assert!(l.prefixed("party_sector", "MILSPEC"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let l = Lexicon::parse("# x\n\nfoo\ta b\n  # y\nfoo\tc\n");
        assert_eq!(l.lines("foo").len(), 2);
        assert!(l.has("foo", "c"));
        assert!(!l.has("foo", "#"));
    }
}
