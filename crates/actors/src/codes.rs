//! CAMEO-style actor codes: date-restricted codes, splitting a code into
//! country and sector, and the sector table (ACLED `inter`, display names).
//!
//! Owns the *shape* of codes. What a code means for a given word lives in
//! the lexicon ([`crate::lexicon`]); the sector table is data
//! (`data/actors/sectors.tsv`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::Error;

/// A date as `YYYYMMDD`, cheap to compare.
pub type Ymd = u32;

/// Turn a `NaiveDate` into `YYYYMMDD`.
pub fn ymd(d: NaiveDate) -> Ymd {
    d.year().max(0) as u32 * 10_000 + d.month() * 100 + d.day()
}

/// Parse a PETRARCH date: `YYYYMMDD`, or `YYMMDD` where years 00–30 are
/// 20YY and the rest 19YY (the KEDS/TABARI convention). None when malformed.
pub fn parse_petrarch_date(s: &str) -> Option<Ymd> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u64 = s.parse().ok()?;
    let v = u32::try_from(v).ok()?;
    let full = match s.len() {
        8 => v,
        // A stray century prefix ("1920030320") : keep the last eight digits.
        10 => return parse_petrarch_date(&s[2..]),
        6 => {
            let yy = v / 10_000;
            let century = if yy <= 30 { 2000 } else { 1900 };
            (century + yy) * 10_000 + v % 10_000
        }
        _ => return None,
    };
    let (m, d) = (full / 100 % 100, full % 100);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(full)
}

/// One code with an optional validity window (inclusive bounds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<Ymd>,
    pub to: Option<Ymd>,
}

impl DatedCode {
    pub fn undated(code: &str) -> DatedCode {
        DatedCode {
            code: code.to_string(),
            from: None,
            to: None,
        }
    }

    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    pub fn contains(&self, d: Ymd) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// Compact form used in the converted dictionary: `CODE`, `CODE@FROM-`,
    /// `CODE@-TO` or `CODE@FROM-TO` with `YYYYMMDD` dates.
    pub fn to_compact(&self) -> String {
        if !self.is_dated() {
            return self.code.clone();
        }
        let f = self.from.map(|v| v.to_string()).unwrap_or_default();
        let t = self.to.map(|v| v.to_string()).unwrap_or_default();
        format!("{}@{}-{}", self.code, f, t)
    }

    /// Inverse of [`DatedCode::to_compact`].
    pub fn from_compact(s: &str) -> Option<DatedCode> {
        let Some((code, range)) = s.split_once('@') else {
            return (!s.is_empty()).then(|| DatedCode::undated(s));
        };
        let (f, t) = range.split_once('-')?;
        let parse = |x: &str| -> Option<Option<Ymd>> {
            if x.is_empty() {
                Some(None)
            } else {
                x.parse().ok().map(Some)
            }
        };
        Some(DatedCode {
            code: code.to_string(),
            from: parse(f)?,
            to: parse(t)?,
        })
    }

    /// Parse a PETRARCH restriction: `>DATE`, `<DATE`, `DATE-DATE`, or empty.
    pub fn from_petrarch(code: &str, restriction: &str) -> Option<DatedCode> {
        let r: String = restriction.chars().filter(|c| !c.is_whitespace()).collect();
        let mut dc = DatedCode::undated(code);
        if r.is_empty() {
            return Some(dc);
        }
        if let Some(d) = r.strip_prefix('>') {
            dc.from = Some(parse_petrarch_date(d)?);
        } else if let Some(d) = r.strip_prefix('<') {
            dc.to = Some(parse_petrarch_date(d)?);
        } else {
            let (a, b) = r.split_once('-')?;
            dc.from = Some(parse_petrarch_date(a)?);
            dc.to = Some(parse_petrarch_date(b)?);
        }
        Some(dc)
    }
}

/// Pick the code that applies on `date` from an entry's code list.
///
/// With a date: the first dated code whose window holds it, else the first
/// undated code, else nothing (the entry does not apply then). Without a
/// date: the first open-ended code (`>DATE`, the current role), else the
/// first undated code, else the code whose window ends last.
pub fn resolve_dated(codes: &[DatedCode], date: Option<Ymd>) -> Option<&DatedCode> {
    match date {
        Some(d) => codes
            .iter()
            .find(|c| c.is_dated() && c.contains(d))
            .or_else(|| codes.iter().find(|c| !c.is_dated())),
        None => codes
            .iter()
            .find(|c| c.from.is_some() && c.to.is_none())
            .or_else(|| codes.iter().find(|c| !c.is_dated()))
            .or_else(|| codes.iter().max_by_key(|c| c.to.unwrap_or(0))),
    }
}

/// Three-letter groups that open a code without being a country.
const ORG_PREFIXES: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS", "INT", "---"];

/// Sector codes, in the order CAMEO lists them. Religion and ethnicity
/// groups (MUS, CHR, KUR…) are not sectors.
const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "INS", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "ELI", "MED", "EDU",
    "BUS", "CRM", "CVL", "HLH", "HRI", "LAB", "REF", "AGR", "DEV", "ENV", "UAF", "SEP", "MOD",
    "RAD", "PPL", "SOC", "IGO", "NGO", "IMG", "MNC",
];

/// True when `s` is a known sector code.
pub fn is_sector(s: &str) -> bool {
    SECTORS.contains(&s)
}

/// Split a code into (country, sector): `SYRGOV` → (SYR, GOV),
/// `SYRREBMUS` → (SYR, REB), `IGOUNOMIL` → (None, MIL),
/// `IMGMUSISI` → (None, None), `---REB` → (None, REB). The organisation
/// class of IGO/NGO/IMG codes is not a sector (see [`org_class`]).
pub fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let Some(first) = chunks.first() else {
        return (None, None);
    };
    let org = ORG_PREFIXES.contains(first);
    if !org && is_sector(first) {
        // A bare sector code ("MED" for a newspaper, "ELI"): no country.
        let sector = chunks.iter().find(|c| is_sector(c)).map(|c| c.to_string());
        return (None, sector);
    }
    let country =
        (!org && first.bytes().all(|b| b.is_ascii_uppercase())).then(|| first.to_string());
    let sector = chunks[1..]
        .iter()
        .find(|c| is_sector(c))
        .map(|c| c.to_string());
    (country, sector)
}

/// The organisation class that opens a code: `IGO`, `NGO`, `IMG` or `MNC`
/// (`IGOUNOMIL` → IGO), used for ACLED `inter` when there is no sector.
pub fn org_class(code: &str) -> Option<&str> {
    code.get(..3)
        .filter(|p| matches!(*p, "IGO" | "NGO" | "IMG" | "MNC"))
}

/// One row of `data/actors/sectors.tsv`.
#[derive(Debug, Clone)]
pub struct SectorInfo {
    pub inter: Option<u8>,
    /// Display name with a country, `{country}` is replaced.
    pub with_country: String,
    /// Display name without a country.
    pub bare: String,
}

/// The sector table.
#[derive(Debug, Clone, Default)]
pub struct Sectors {
    map: HashMap<String, SectorInfo>,
}

impl Sectors {
    /// Parse `sectors.tsv`: `sector <TAB> inter <TAB> with-country <TAB> bare`.
    pub fn parse(text: &str) -> Result<Sectors, Error> {
        let mut map = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                return Err(Error::Data {
                    file: "sectors.tsv".into(),
                    line: n + 1,
                    msg: "expected 4 tab-separated fields".into(),
                });
            }
            let inter = match f[1] {
                "" | "-" => None,
                v => Some(v.parse::<u8>().map_err(|_| Error::Data {
                    file: "sectors.tsv".into(),
                    line: n + 1,
                    msg: format!("bad inter {v:?}"),
                })?),
            };
            map.insert(
                f[0].to_string(),
                SectorInfo {
                    inter,
                    with_country: f[2].to_string(),
                    bare: f[3].to_string(),
                },
            );
        }
        Ok(Sectors { map })
    }

    pub fn get(&self, sector: &str) -> Option<&SectorInfo> {
        self.map.get(sector)
    }

    /// Display name for a sector, with the country name when known.
    pub fn display(&self, sector: &str, country_name: Option<&str>) -> Option<String> {
        let info = self.map.get(sector)?;
        Some(match country_name {
            Some(c) => info.with_country.replace("{country}", c),
            None => info.bare.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digit_years_follow_tabari_window() {
        assert_eq!(parse_petrarch_date("000717"), Some(20000717));
        assert_eq!(parse_petrarch_date("320101"), Some(19320101));
        assert_eq!(parse_petrarch_date("20130408"), Some(20130408));
        assert_eq!(parse_petrarch_date("2004017"), None);
        assert_eq!(parse_petrarch_date("991399"), None);
    }

    #[test]
    fn restrictions_parse_and_round_trip() {
        let a = DatedCode::from_petrarch("SYRGOV", ">000717").unwrap();
        assert_eq!(a.to_compact(), "SYRGOV@20000717-");
        let b = DatedCode::from_petrarch("SYROPP", "> 20120101").unwrap();
        assert_eq!(b.from, Some(20120101));
        let c = DatedCode::from_petrarch("AFGELI", "320101-331108").unwrap();
        assert_eq!(DatedCode::from_compact(&c.to_compact()), Some(c));
        let d = DatedCode::from_petrarch("X", "<991231").unwrap();
        assert_eq!(d.to, Some(19991231));
    }

    #[test]
    fn resolution_respects_publication_date() {
        let codes = vec![
            DatedCode::from_petrarch("SYRELI", "830101-000101").unwrap(),
            DatedCode::from_petrarch("SYRGOV", ">000717").unwrap(),
            DatedCode::undated("SYRELI"),
        ];
        let at = |d| resolve_dated(&codes, d).map(|c| c.code.as_str());
        assert_eq!(at(Some(20150601)), Some("SYRGOV"));
        assert_eq!(at(Some(19990601)), Some("SYRELI"));
        assert_eq!(at(Some(20000501)), Some("SYRELI"));
        assert_eq!(at(None), Some("SYRGOV"));
        let only_new = vec![DatedCode::from_petrarch("IMGMUSISI", ">20130408").unwrap()];
        assert_eq!(resolve_dated(&only_new, Some(19990101)), None);
        assert!(resolve_dated(&only_new, Some(20150101)).is_some());
    }

    #[test]
    fn codes_split_into_country_and_sector() {
        let s = |c| split_code(c);
        assert_eq!(s("SYRGOV"), (Some("SYR".into()), Some("GOV".into())));
        assert_eq!(s("SYRREBMUS"), (Some("SYR".into()), Some("REB".into())));
        assert_eq!(s("SYR"), (Some("SYR".into()), None));
        assert_eq!(s("IGOUNOMIL"), (None, Some("MIL".into())));
        assert_eq!(s("IGOUNO"), (None, None));
        assert_eq!(s("IMGMUSISI"), (None, None));
        assert_eq!(org_class("IMGMUSISI"), Some("IMG"));
        assert_eq!(s("---REB"), (None, Some("REB".into())));
        assert_eq!(s("MED"), (None, Some("MED".into())));
    }
}
