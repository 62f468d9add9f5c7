//! Reference tables the exports need and the incidents do not carry:
//! countries (ISO codes, names, ACLED regions), ACLED `disorder_type` and
//! coarse PLOVER contexts. The knowledge is in `data/export/*.tsv`, compiled
//! in with `include_str!`; this module only parses and looks up. It does not
//! touch the store.

use std::collections::HashMap;

use crate::Error;

const COUNTRIES: &str = include_str!("../../../data/export/countries.tsv");
const DISORDER: &str = include_str!("../../../data/export/disorder_types.tsv");
const CONTEXTS: &str = include_str!("../../../data/export/plover_contexts.tsv");

/// One country row of `data/export/countries.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    /// ISO 3166-1 numeric, ACLED's `iso` column (Kosovo: 0, as ACLED has it).
    pub numeric: u16,
    pub name: String,
    /// ACLED-style region; empty when none applies.
    pub region: String,
}

/// A (event_type, sub_event_type or `*`) → value table.
#[derive(Debug, Clone, Default)]
struct ByType {
    rows: Vec<(String, String, String)>,
}

impl ByType {
    fn parse(file: &'static str, text: &str) -> Result<ByType, Error> {
        let mut rows = Vec::new();
        for (i, line) in data_lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(Error::Table {
                    file,
                    line: i,
                    message: format!("expected 3 tab-separated columns, found {}", cols.len()),
                });
            }
            rows.push((cols[0].into(), cols[1].into(), cols[2].into()));
        }
        Ok(ByType { rows })
    }

    /// Values of the lines that match, in file order.
    fn matches(&self, event_type: &str, sub_event_type: &str) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|(t, s, _)| {
                t.eq_ignore_ascii_case(event_type)
                    && (s == "*" || s.eq_ignore_ascii_case(sub_event_type))
            })
            .map(|(_, _, v)| v.as_str())
            .collect()
    }
}

/// Non-comment, non-blank lines with their 1-based line numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// All reference tables, parsed once per export.
#[derive(Debug, Clone)]
pub struct Tables {
    countries: Vec<Country>,
    by_code: HashMap<String, usize>,
    disorder: ByType,
    contexts: ByType,
}

impl Tables {
    /// The tables compiled into this build from `data/export/`.
    pub fn builtin() -> Result<Tables, Error> {
        let mut countries = Vec::new();
        for (i, line) in data_lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = |message: String| Error::Table {
                file: "countries.tsv",
                line: i,
                message,
            };
            if cols.len() != 5 {
                return Err(bad(format!(
                    "expected 5 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let numeric = cols[2]
                .parse()
                .map_err(|_| bad(format!("bad numeric code {:?}", cols[2])))?;
            countries.push(Country {
                iso2: cols[0].to_ascii_uppercase(),
                iso3: cols[1].to_ascii_uppercase(),
                numeric,
                name: cols[3].to_string(),
                region: cols[4].to_string(),
            });
        }
        let mut by_code = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            by_code.insert(c.iso2.clone(), i);
            by_code.insert(c.iso3.clone(), i);
        }
        Ok(Tables {
            countries,
            by_code,
            disorder: ByType::parse("disorder_types.tsv", DISORDER)?,
            contexts: ByType::parse("plover_contexts.tsv", CONTEXTS)?,
        })
    }

    /// The country with this ISO alpha-2 or alpha-3 code (any case).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code
            .get(&code.trim().to_ascii_uppercase())
            .map(|&i| &self.countries[i])
    }

    /// A country by code or by English name (case-insensitive), for filters.
    pub fn find_country(&self, query: &str) -> Option<&Country> {
        let q = query.trim();
        self.country(q).or_else(|| {
            self.countries
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(q))
        })
    }

    /// ACLED `disorder_type` for an event type; empty when the type is not
    /// an ACLED one.
    pub fn disorder_type(&self, event_type: &str, sub_event_type: &str) -> &str {
        self.disorder
            .matches(event_type, sub_event_type)
            .first()
            .copied()
            .unwrap_or("")
    }

    /// PLOVER contexts implied by an ACLED event type, in table order.
    pub fn contexts(&self, event_type: &str, sub_event_type: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for value in self.contexts.matches(event_type, sub_event_type) {
            for c in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                if !out.iter().any(|o| o == c) {
                    out.push(c.to_string());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_and_name() {
        let t = Tables::builtin().unwrap();
        let sy = t.country("sy").unwrap();
        assert_eq!(
            (
                sy.iso3.as_str(),
                sy.numeric,
                sy.name.as_str(),
                sy.region.as_str()
            ),
            ("SYR", 760, "Syria", "Middle East")
        );
        assert_eq!(t.country("SYR"), Some(sy));
        assert_eq!(t.find_country("syria"), Some(sy));
        assert_eq!(t.country("NG").unwrap().region, "Western Africa");
        assert_eq!(t.country("PS").unwrap().name, "Palestine");
        assert!(t.find_country("Atlantis").is_none());
        assert!(t.country("").is_none());
    }

    #[test]
    fn every_country_has_a_region_and_codes() {
        let t = Tables::builtin().unwrap();
        assert!(t.countries.len() > 240);
        for c in &t.countries {
            assert_eq!(c.iso2.len(), 2, "{c:?}");
            assert_eq!(c.iso3.len(), 3, "{c:?}");
            assert!(!c.region.is_empty(), "{c:?}");
        }
    }

    #[test]
    fn disorder_type_follows_the_codebook() {
        let t = Tables::builtin().unwrap();
        assert_eq!(
            t.disorder_type("Battles", "Armed clash"),
            "Political violence"
        );
        assert_eq!(
            t.disorder_type("Riots", "Mob violence"),
            "Political violence"
        );
        assert_eq!(
            t.disorder_type("Riots", "Violent demonstration"),
            "Demonstrations"
        );
        assert_eq!(
            t.disorder_type("Protests", "Peaceful protest"),
            "Demonstrations"
        );
        assert_eq!(
            t.disorder_type("Strategic developments", "Arrests"),
            "Strategic developments"
        );
        assert_eq!(t.disorder_type("Other", ""), "");
    }

    #[test]
    fn contexts_accumulate_without_repeats() {
        let t = Tables::builtin().unwrap();
        assert_eq!(
            t.contexts("Explosions/Remote violence", "Suicide bomb"),
            vec!["military", "terrorism"]
        );
        assert_eq!(
            t.contexts("Protests", "Peaceful protest"),
            Vec::<String>::new()
        );
    }
}
