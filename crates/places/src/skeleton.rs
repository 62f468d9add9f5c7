//! Consonant skeletons of Arabic place names, for transliteration variants.
//!
//! Owns the fallback that matches "Maarat al-Numan" to GeoNames' "Ma‘arrat
//! an Nu‘mān", "Kafranbel" to "Kafr Nabl" and "Deir ez-Zor" to "Dayr az Zawr":
//! spellings that differ in vowels, doubled letters, the article's
//! assimilation and a few digraphs. A skeleton drops the article, vowels and
//! the semivowels w/y, maps q→k, gh→g, dj→j, ch→sh, drops a word-final h and
//! collapses doubled letters, then joins the words. The index covers only
//! places in countries where names are transliterated from Arabic, and keys
//! shorter than [`MIN_LEN`] letters are left out: skeletons of short names
//! collide too often. It must not be used before the exact lookup: it is a
//! last resort for capitalised spans the gazetteer does not know as written.

use std::collections::HashMap;

use crate::gazetteer::{Feature, Gazetteer};
use crate::lexicon::{arabic_named_countries, is_arabic_article};

/// Shortest skeleton indexed and looked up.
pub const MIN_LEN: usize = 5;

/// The words of a key, without an article before another word ("al bab" →
/// "bab"; "al" alone is a name).
fn words_without_article(key: &str) -> impl Iterator<Item = &str> {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    words
        .into_iter()
        .enumerate()
        .filter(move |&(i, w)| !(i + 1 < n && is_arabic_article(w)))
        .map(|(_, w)| w)
}

/// The skeleton of a normalised key (see [`crate::normalize`]), or `None`
/// when the key is not plain ASCII letters or the skeleton is too short.
pub fn skeleton(key: &str) -> Option<String> {
    if !key.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
        return None;
    }
    let mut out = String::new();
    for w in words_without_article(key) {
        push_word(w, &mut out);
    }
    (out.len() >= MIN_LEN).then_some(out)
}

fn push_word(w: &str, out: &mut String) {
    let w = w
        .replace("dj", "j")
        .replace("ch", "sh")
        .replace("gh", "g")
        .replace('q', "k");
    let w = w.strip_suffix('h').filter(|s| !s.is_empty()).unwrap_or(&w);
    for c in w.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
}

/// The light fold of a normalised key, for names too short for a skeleton
/// ("Hodeidah" and "El-Hodeidah" → "hodeida", "Saada" → "sada"): the
/// article before another word dropped, a word-final "h" after a vowel
/// dropped and doubled letters written once; vowels stay. `None` when the
/// key is not plain ASCII letters or the fold is shorter than [`MIN_FOLD`].
pub fn fold(key: &str) -> Option<String> {
    if !key.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
        return None;
    }
    let mut out = String::new();
    for w in words_without_article(key) {
        if !out.is_empty() {
            out.push(' ');
        }
        let w = match w.strip_suffix('h') {
            Some(r) if r.len() > 1 && r.ends_with(['a', 'e', 'i', 'o', 'u']) => r,
            _ => w,
        };
        // The feminine ending is written "-a" or "-e", and the adjective
        // ending before it "-iya", "-iye" or "-ie" ("Nabatieh",
        // "Nabatiye", "An Nabatiyah" → "nabatia").
        let w = match w.strip_suffix('e') {
            Some(r) if r.len() > 2 && !r.ends_with(['a', 'e', 'o', 'u']) => {
                std::borrow::Cow::Owned(format!("{r}a"))
            }
            _ => std::borrow::Cow::Borrowed(w),
        };
        let w = match w.strip_suffix("iya") {
            Some(r) if r.len() > 1 => std::borrow::Cow::Owned(format!("{r}ia")),
            _ => w,
        };
        for c in w.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
    }
    (out.len() >= MIN_FOLD).then_some(out)
}

/// Shortest fold indexed and looked up.
pub const MIN_FOLD: usize = 4;

/// The letters of a key without articles and spaces, for [`close_spelling`].
fn letters(key: &str) -> Vec<char> {
    words_without_article(key).flat_map(str::chars).collect()
}

fn vowelish(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h')
}

/// True when two keys with one skeleton are also spelled alike: an edit
/// distance in which vowels, w, y and h cost half, at most 35% of the
/// longer spelling; "Deir ez-Zor" and "Dayr az Zawr" share both. Cheap vowels
/// make it lenient ("Ministry" is close to "Monastir"), so the tagger also
/// asks for document context and a place cue.
pub fn close_spelling(a: &str, b: &str) -> bool {
    let (a, b) = (letters(a), letters(b));
    let cost = |c: char| if vowelish(c) { 0.5 } else { 1.0 };
    let mut prev: Vec<f32> = std::iter::once(0.0)
        .chain(b.iter().scan(0.0, |acc, &c| {
            *acc += cost(c);
            Some(*acc)
        }))
        .collect();
    for &ca in &a {
        let mut row = vec![prev[0] + cost(ca)];
        for (j, &cb) in b.iter().enumerate() {
            let sub = if ca == cb {
                0.0
            } else if vowelish(ca) && vowelish(cb) {
                0.5
            } else {
                1.0
            };
            let v = (prev[j] + sub)
                .min(prev[j + 1] + cost(ca))
                .min(row[j] + cost(cb));
            row.push(v);
        }
        prev = row;
    }
    let dist = prev.last().copied().unwrap_or(0.0);
    dist <= 0.35 * a.len().max(b.len()) as f32
}

/// Skeleton → entity indices, for places in the countries of `data/places/arabic_named_countries.txt`.
#[derive(Debug, Default)]
pub struct SkeletonIndex {
    /// Skeleton → (entity, the gazetteer key it was reached through).
    map: HashMap<String, Vec<(u32, u32)>>,
    /// Fold → entities, for keys whose skeleton is too short.
    folds: HashMap<String, Vec<u32>>,
}

impl SkeletonIndex {
    /// Build from every name key of the gazetteer.
    pub fn build(gaz: &Gazetteer) -> SkeletonIndex {
        let mut map: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut folds: HashMap<String, Vec<u32>> = HashMap::new();
        // The countries as a table indexed by the two ISO letters: this runs
        // for every posting of every plain-ASCII key.
        let mut wanted = vec![false; 1 << 16];
        for cc in arabic_named_countries() {
            wanted[usize::from(u16::from_le_bytes(*cc))] = true;
        }
        let mut ids: Vec<u32> = Vec::new();
        for k in 0..gaz.key_count() {
            let kb = gaz.key_bytes(k);
            // Cheap test first: most keys are too short or not plain ASCII.
            if kb.len() < MIN_FOLD || !kb.iter().all(|&b| b.is_ascii_lowercase() || b == b' ') {
                continue;
            }
            ids.clear();
            ids.extend(gaz.postings(k).filter(|&i| {
                let e = gaz.entity(i);
                matches!(e.feature, Feature::City | Feature::Admin1 | Feature::Admin2)
                    && wanted[usize::from(u16::from_le_bytes(e.country))]
            }));
            if ids.is_empty() {
                continue;
            }
            // Plain ASCII (checked above), so always valid UTF-8.
            let Ok(key) = std::str::from_utf8(kb) else {
                continue;
            };
            let Some(s) = skeleton(key) else {
                if let Some(f) = fold(key) {
                    folds.entry(f).or_default().extend(ids.iter().copied());
                }
                continue;
            };
            let slot = map.entry(s).or_default();
            slot.extend(ids.iter().map(|&i| (i, k as u32)));
        }
        for v in map.values_mut() {
            v.sort_unstable();
        }
        for v in folds.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        SkeletonIndex { map, folds }
    }

    /// Entities with a name that shares the skeleton of `key` and is
    /// spelled close to it (see [`close_spelling`]), without repeats.
    pub fn find(&self, gaz: &Gazetteer, key: &str) -> Vec<u32> {
        let Some(sk) = skeleton(key) else {
            // Too short for a skeleton: the same fold, vowels and all.
            return fold(key)
                .and_then(|f| self.folds.get(&f))
                .cloned()
                .unwrap_or_default();
        };
        let Some(hits) = self.map.get(&sk) else {
            return Vec::new();
        };
        let mut out: Vec<u32> = hits
            .iter()
            .filter(|(_, k)| close_spelling(key, gaz.key(*k as usize)))
            .map(|(e, _)| *e)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Number of distinct skeletons.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn sk(s: &str) -> Option<String> {
        skeleton(&normalize(s))
    }

    #[test]
    fn transliteration_variants_share_a_skeleton() {
        assert_eq!(sk("Maarat al-Numan"), sk("Ma‘arrat an Nu‘mān"));
        assert_eq!(sk("Maarat al-Numan"), sk("Maarrat al-Nu'man"));
        assert_eq!(sk("Kafranbel"), sk("Kafr Nabl"));
        assert_eq!(sk("Deir ez-Zor"), sk("Dayr az Zawr"));
        assert_eq!(sk("Jisr al-Shughour"), sk("Jisr ash Shughur"));
        assert_eq!(sk("Khan Sheikhoun"), sk("Khan Shaykhun"));
        assert_eq!(sk("Qamishli"), sk("Kamishli"));
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(sk("Khan Sheikhoun"), sk("Khan Tuman"));
        assert_ne!(sk("Maarat al-Numan"), sk("Maarat Misrin"));
    }

    #[test]
    fn close_spellings_are_told_from_shared_skeletons() {
        let close = |a: &str, b: &str| close_spelling(&normalize(a), &normalize(b));
        assert!(close("Deir ez-Zor", "Dayr az Zawr"));
        assert!(close("Maarat al-Numan", "Ma‘arrat an Nu‘mān"));
        assert!(close("Kafranbel", "Kafr Nabl"));
        assert!(!close("Saraqib", "Sarmada"));
        assert!(!close("Tall Rifat", "Tell Abyad"));
    }

    #[test]
    fn short_names_fold_vowels_kept() {
        let f = |s: &str| fold(&normalize(s));
        assert_eq!(f("Hodeidah"), f("El-Hodeidah"));
        assert_eq!(f("Hodeidah"), f("Hodeida"));
        assert_eq!(f("Saada"), f("Sa'dah"));
        assert_ne!(f("Hodeidah"), f("Hudaydah"));
        assert_eq!(f("Bab"), None);
        assert_eq!(f("Nabatieh"), f("An Nabatiyah"));
        assert_eq!(f("Nabatiye"), f("An Nabatiyah"));
        assert_eq!(f("Hasakeh"), f("Al-Hasakah"));
    }

    #[test]
    fn short_or_non_ascii_keys_have_none() {
        assert_eq!(sk("al-Bab"), None);
        assert_eq!(sk("Homs"), None);
        assert_eq!(skeleton("حلب"), None);
        assert_eq!(skeleton("x1y"), None);
    }
}
