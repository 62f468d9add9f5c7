//! Hand-written place knowledge from `data/places/`: aliases and demonyms,
//! context cues, metonymy verbs, person titles and kin/role nouns, saints'
//! church and school words, free
//! neighbour words, time words and sentence-opening words, the
//! Arabic article forms and the Arabic-named countries; and two derived
//! tables, country reference points and US county points (GeoNames-derived,
//! see `data/places/NOTICE`).
//!
//! Owns parsing those small text files (embedded at compile time). The
//! GeoNames-derived index lives in [`crate::gazetteer`]; this module only
//! adds what GeoNames lacks or ranks badly.

use std::collections::{HashMap, HashSet};

use crate::gazetteer::Gazetteer;
use crate::normalize::normalize;
use crate::Error;

const ALIASES: &str = include_str!("../../../data/places/aliases.tsv");
const CUES: &str = include_str!("../../../data/places/cues.tsv");
const METONYM_VERBS: &str = include_str!("../../../data/places/metonym_verbs.txt");
const AUX: &str = include_str!("../../../data/places/metonym_aux.txt");
const TITLES: &str = include_str!("../../../data/places/titles.txt");
const FREE: &str = include_str!("../../../data/places/free_neighbours.txt");
const TIME_WORDS: &str = include_str!("../../../data/places/time_words.txt");
const OPENING_WORDS: &str = include_str!("../../../data/places/opening_words.txt");
const PERSON_NOUNS: &str = include_str!("../../../data/places/person_nouns.txt");
const SAINT_INSTITUTIONS: &str = include_str!("../../../data/places/saint_institutions.txt");
const CENTROIDS: &str = include_str!("../../../data/places/country_centroids.tsv");
const COUNTY_POINTS: &str = include_str!("../../../data/places/us_county_points.tsv");
const ABBREVIATIONS: &str = include_str!("../../../data/places/abbreviations.tsv");
const PLURAL_UNITS: &str = include_str!("../../../data/places/plural_units.tsv");
const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
const ARABIC_ARTICLES: &str = include_str!("../../../data/places/arabic_articles.txt");
const ARABIC_NAMED: &str = include_str!("../../../data/places/arabic_named_countries.txt");
const ARABIC_HEADS: &str = include_str!("../../../data/places/arabic_name_heads.txt");

/// Non-comment, non-blank lines of a one-entry-a-line file, trimmed.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The Arabic article and its assimilated forms ("al", "ash", "ez"), from
/// `data/places/arabic_articles.txt`: the one list the tagger and the
/// skeletons share.
pub fn arabic_articles() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| entries(ARABIC_ARTICLES).collect())
}

/// True when `w` (lower case) is an Arabic article form.
pub fn is_arabic_article(w: &str) -> bool {
    arabic_articles().contains(&w)
}

/// Generic first words of Arabic compound place names ("tal", "deir"),
/// from `data/places/arabic_name_heads.txt`.
pub fn is_arabic_name_head(w: &str) -> bool {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| entries(ARABIC_HEADS).collect())
        .contains(&w)
}

/// Countries whose place names are transliterated from Arabic (ISO2), from
/// `data/places/arabic_named_countries.txt`.
pub fn arabic_named_countries() -> &'static [[u8; 2]] {
    static LIST: std::sync::OnceLock<Vec<[u8; 2]>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        entries(ARABIC_NAMED)
            .filter_map(|l| <[u8; 2]>::try_from(l.as_bytes()).ok())
            .collect()
    })
}

/// What a context cue says about the toponym next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Locative,
    Near,
    City,
    Admin,
    Admin2,
    /// A word that makes the name before it the seat of an institution or
    /// the home of a person ("the Athens Police Department", "a Danbury
    /// man", "Sligo-based"): the name is a place even inside a longer name.
    Institution,
}

/// An alias or demonym entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    pub entity: u32,
    pub demonym: bool,
    /// Written with a final period ("Mass.", "W.Va."): only matches with it.
    pub needs_period: bool,
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub aliases: HashMap<String, Alias>,
    /// Normalised alias prefixes ("south" for "south korean"), to keep extending n-grams.
    pub alias_prefixes: HashSet<String>,
    /// Cues before the toponym, keyed by their words in reading order.
    pub before: HashMap<Vec<String>, CueKind>,
    /// Cues after the toponym (single words).
    pub after: HashMap<String, CueKind>,
    /// Cues joined to the toponym by a hyphen before it ("R-Marshall").
    pub prefix: HashMap<String, CueKind>,
    pub max_before: usize,
    /// Direction words that may stand between a place and the unit that
    /// holds it ("Gao, in central Mali"): the `direction` cues.
    pub directions: HashSet<String>,
    /// Plural unit words after a list of names, with their singular
    /// ("counties" → "county": "Camden and Charlton counties").
    pub plural_units: HashMap<String, String>,
    /// Abbreviated first words of place names, written out ("mt" → "mount").
    pub abbreviations: HashMap<String, String>,
    pub metonym_verbs: HashSet<String>,
    /// Auxiliaries and adverbs that may stand between the place and the verb.
    pub aux: HashSet<String>,
    pub titles: HashSet<String>,
    /// Lowercase kin and role nouns before a name ("son Joshua", "coach Ripley").
    pub person_nouns: HashSet<String>,
    /// Words that make "St. John's ..." a church or a school ("Lutheran", "School").
    pub saint_institutions: HashSet<String>,
    pub free: HashSet<String>,
    /// Weekdays and months (lower case): a walk back from a list of names
    /// to a place cue stops at one.
    pub time_words: HashSet<String>,
    /// Words that open a sentence with a phrase its first comma closes
    /// ("In a statement on Monday, ...", "After talks in Niamey, ...").
    pub opening_words: HashSet<String>,
    /// Country reference points: ISO2 → (lat, lon).
    pub centroids: Vec<(String, f32, f32)>,
    /// US county points: (state, county, lat, lon), names as the gazetteer
    /// writes them.
    pub county_points: Vec<(String, String, f32, f32)>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn add_alias(&mut self, name: &str, entity: u32, demonym: bool) {
        let key = normalize(name);
        let words: Vec<&str> = key.split(' ').collect();
        for k in 1..words.len() {
            self.alias_prefixes.insert(words[..k].join(" "));
        }
        self.aliases.insert(
            key,
            Alias {
                entity,
                demonym,
                needs_period: name.ends_with('.') && !name.starts_with("U."),
            },
        );
    }

    /// Parse the embedded files, resolving alias targets in `gaz` and adding
    /// the hand-listed regions and seas to it.
    pub fn load(gaz: &mut Gazetteer) -> Result<Lexicon, Error> {
        let mut lex = Lexicon::default();
        // Main name of each region: the first field up to '|' (an upper
        // bound is enough).
        let (n_regions, name_bytes) = lines(REGIONS).fold((0, 0), |(n, b), l| {
            (n + 1, b + l.split(['\t', '|']).next().map_or(0, str::len))
        });
        gaz.reserve_extras(n_regions, name_bytes);
        for l in lines(REGIONS) {
            let f: Vec<&str> = l.split('\t').collect();
            let parsed = match f[..] {
                [names, lat, lon, cc, kind] => lat
                    .parse::<f32>()
                    .ok()
                    .zip(lon.parse::<f32>().ok())
                    .map(|(a, b)| (names, a, b, cc, kind)),
                _ => None,
            };
            let Some((names, lat, lon, cc, kind)) = parsed else {
                return Err(Error::Load(format!("regions.tsv: bad line {l:?}")));
            };
            let feature = match kind {
                "region" => crate::gazetteer::Feature::Region,
                "sea" => crate::gazetteer::Feature::Sea,
                _ => return Err(Error::Load(format!("regions.tsv: bad kind {kind:?}"))),
            };
            let mut it = names.split('|');
            let main = it.next().unwrap_or_default();
            let country = (cc != "-").then_some(cc);
            let entity = gaz.add_extra(main, lat, lon, country, feature);
            for n in names.split('|') {
                lex.add_alias(n, entity, false);
            }
        }
        let wanted: HashSet<u32> = lines(ALIASES)
            .filter_map(|l| l.split('\t').nth(1))
            .filter(|t| t.len() > 2)
            .filter_map(|t| t.parse().ok())
            .collect();
        let by_id: HashMap<u32, u32> = gaz
            .entities()
            .iter()
            .enumerate()
            .filter(|(_, e)| wanted.contains(&e.geonameid))
            .map(|(i, e)| (e.geonameid, i as u32))
            .collect();
        for l in lines(ALIASES) {
            let f: Vec<&str> = l.split('\t').collect();
            let [name, target, role] = f[..] else {
                return Err(Error::Load(format!("aliases.tsv: bad line {l:?}")));
            };
            let entity = if target.len() == 2 {
                gaz.country(target)
            } else {
                target
                    .parse::<u32>()
                    .ok()
                    .and_then(|id| by_id.get(&id).copied())
            };
            // An alias whose target is not in this gazetteer build is skipped.
            let Some(entity) = entity else { continue };
            lex.add_alias(name, entity, role == "demonym");
        }
        for l in lines(CUES) {
            let f: Vec<&str> = l.split('\t').collect();
            let [phrase, pos, kind] = f[..] else {
                return Err(Error::Load(format!("cues.tsv: bad line {l:?}")));
            };
            if (pos, kind) == ("between", "direction") {
                lex.directions.insert(phrase.to_string());
                continue;
            }
            let kind = match kind {
                "locative" => CueKind::Locative,
                "near" => CueKind::Near,
                "city" => CueKind::City,
                "admin" => CueKind::Admin,
                "admin2" => CueKind::Admin2,
                "institution" => CueKind::Institution,
                _ => return Err(Error::Load(format!("cues.tsv: bad kind {kind:?}"))),
            };
            let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
            match pos {
                "before" => {
                    lex.max_before = lex.max_before.max(words.len());
                    lex.before.insert(words, kind);
                }
                "after" => {
                    lex.after.insert(phrase.to_string(), kind);
                }
                "prefix" => {
                    lex.prefix.insert(phrase.to_string(), kind);
                }
                _ => return Err(Error::Load(format!("cues.tsv: bad position {pos:?}"))),
            }
        }
        for l in lines(ABBREVIATIONS) {
            let Some((short, full)) = l.split_once('\t') else {
                return Err(Error::Load(format!("abbreviations.tsv: bad line {l:?}")));
            };
            lex.abbreviations
                .insert(short.to_string(), full.to_string());
        }
        for l in lines(PLURAL_UNITS) {
            let Some((plural, unit)) = l.split_once('\t') else {
                return Err(Error::Load(format!("plural_units.tsv: bad line {l:?}")));
            };
            lex.plural_units
                .insert(plural.to_string(), unit.to_string());
        }
        lex.metonym_verbs = lines(METONYM_VERBS).map(str::to_string).collect();
        lex.aux = lines(AUX).map(str::to_string).collect();
        lex.titles = lines(TITLES).map(str::to_string).collect();
        lex.free = lines(FREE).map(str::to_string).collect();
        lex.time_words = lines(TIME_WORDS).map(str::to_string).collect();
        lex.opening_words = lines(OPENING_WORDS).map(str::to_string).collect();
        lex.person_nouns = lines(PERSON_NOUNS).map(str::to_string).collect();
        lex.saint_institutions = lines(SAINT_INSTITUTIONS).map(str::to_string).collect();
        for l in lines(CENTROIDS) {
            let f: Vec<&str> = l.split('\t').collect();
            let parsed = match f[..] {
                [iso, lat, lon] => lat
                    .parse()
                    .ok()
                    .zip(lon.parse().ok())
                    .map(|(a, b)| (iso, a, b)),
                _ => None,
            };
            let Some((iso, lat, lon)) = parsed else {
                return Err(Error::Load(format!(
                    "country_centroids.tsv: bad line {l:?}"
                )));
            };
            lex.centroids.push((iso.to_string(), lat, lon));
        }
        for l in lines(COUNTY_POINTS) {
            let f: Vec<&str> = l.split('\t').collect();
            let parsed = match f[..] {
                [state, county, lat, lon] => lat
                    .parse()
                    .ok()
                    .zip(lon.parse().ok())
                    .map(|(a, b)| (state, county, a, b)),
                _ => None,
            };
            let Some((state, county, lat, lon)) = parsed else {
                return Err(Error::Load(format!("us_county_points.tsv: bad line {l:?}")));
            };
            lex.county_points
                .push((state.to_string(), county.to_string(), lat, lon));
        }
        Ok(lex)
    }
}
