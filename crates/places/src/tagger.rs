//! Toponym recognition and resolution: the `PlaceTagger` stage.
//!
//! Owns finding place names in a `Doc` (gazetteer n-grams on token
//! boundaries, aliases and demonyms, context cues), rejecting names that
//! belong to people and organisations, marking metonyms, and choosing one
//! gazetteer entry per mention from population, feature type, document
//! country and admin context and distance to the other places. It reads
//! `Analysis::actors` and writes `Analysis::places`; nothing else.

use std::collections::{HashMap, HashSet};

use sitrep_core::{Actor, Analysis, Doc, Place, PlaceCandidate, Stage, TokenKind};

use crate::gazetteer::{Entity, Feature, Gazetteer};
use crate::lexicon::{
    arabic_articles, arabic_named_countries, is_arabic_article, is_arabic_name_head, Alias,
    CueKind, Lexicon,
};
use crate::normalize::{is_arabic, normalize, normalize_into};
use crate::skeleton::{close_spelling, SkeletonIndex};
use crate::Error;

const INDEX: &[u8] = include_bytes!("../../../data/gazetteer/gazetteer.bin.zst");

/// Longest name in tokens.
const MAX_NGRAM: usize = 6;
/// Candidates kept per mention (most populous first).
const MAX_CANDIDATES: usize = 48;
/// Alternatives reported per place.
const MAX_ALTERNATIVES: usize = 4;
/// Extra weight of a first-level unit by its share of the units the text
/// names (on top of 0.4 for being named at all).
const ADMIN1_SHARE_WEIGHT: f32 = 0.4;
/// A town named like a country ("Lebanon", Indiana) is a candidate only with
/// this many people at least, and within [`NAMESAKE_KM`] of another place
/// the document names.
const NAMESAKE_MIN_POPULATION: u32 = 2_000;
const NAMESAKE_KM: f32 = 50.0;
/// Resolution rounds after the priors-only one: the last one's readings are
/// output.
const CONTEXT_ROUNDS: usize = 2;
/// Weight of a first-level unit by the share of the story's other names
/// that have a town or county of their own name in it.
const UNIT_SUPPORT_WEIGHT: f32 = 0.2;

/// Towns and counties of two names within this distance support each
/// other's readings (a county and its seat, neighbouring towns), with up
/// to this weight: the plausibility of the other name's reading there.
const NEAR_KM: f32 = 30.0;
/// The farthest another place's point lends a reading anything.
const NEAREST_KM: f32 = 400.0;
/// Context points from which a grid finds the nearest (fewer: a scan).
const GRID_MIN_POINTS: usize = 64;
const NEAR_WEIGHT: f32 = 0.7;

/// Fills `Analysis::places`.
#[derive(Debug)]
pub struct PlaceTagger {
    gaz: Gazetteer,
    lex: Lexicon,
    /// Built on first use (about 0.2 s): most runs need it, but tools that
    /// only load the gazetteer do not.
    skeletons: std::sync::OnceLock<SkeletonIndex>,
    /// US counties placed at their own point (not their state's centre).
    county_points: HashSet<u32>,
}

/// A word-like stretch of a sentence that names may be built from.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    tok: usize,
    /// The token went on past `end` ("U.S.-led" → "U.S.").
    cut: bool,
    /// A hyphen and another capitalised part of the same token come
    /// before / after this one ("R-Marshall", "Egypt-US").
    hy_prev: bool,
    hy_next: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    City,
    Admin,
    Admin2,
}

#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    key: String,
    cands: Vec<u32>,
    alias: Option<Alias>,
    hint: Hint,
    near: bool,
    locative: bool,
    metonym: bool,
    /// Capitalised common words run on into an organisation's name ("U.S. Embassy").
    org_neighbour: bool,
    /// `org_neighbour` from a common word beside it, not from an actor's
    /// name around it or from a province's name ("Santiago Arguelles").
    org_word: bool,
    /// Capitalised rare words run on into a person's name ("Jordan Peterson").
    name_neighbour: bool,
    /// Preceded by a given name ("Barack Obama"): the key is a surname in this document.
    surname: bool,
    /// The key was used as a surname elsewhere in the document.
    person: bool,
    /// Right after "the".
    after_the: bool,
    /// Followed by an institution or a resident word ("Police", "City
    /// Council", "man", "-based"): a town's name in that slot is the town.
    institution: bool,
    /// A common word at the start of a sentence or in a headline.
    weak_start: bool,
    common: bool,
    cue: Option<String>,
    /// Matched through a transliteration skeleton, not as written.
    variant: bool,
    /// Followed by a possessive "'s" ("Martin's farm", "Richmond's mayor").
    possessive: bool,
    /// Towns named like the country this mention names ("Palestine",
    /// Texas): candidates only when they lie among the document's places.
    namesakes: Vec<u32>,
}

/// What the other mentions of a document say, seen from one name.
#[derive(Default)]
struct Context {
    country_w: HashMap<[u8; 2], f32>,
    /// Country weights with people's names too ("James Barnes"): they
    /// choose no reading, but a country they lean to still supports one.
    all_country_w: HashMap<[u8; 2], f32>,
    all_total: f32,
    total: f32,
    explicit_country: Vec<[u8; 2]>,
    /// First-level units the text names, with how often: a story that
    /// names Indiana five times and its neighbours once each is about
    /// Indiana's Boone County.
    explicit_admin1: HashMap<u32, f32>,
    explicit_admin1_total: f32,
    admin1_w: HashMap<u32, f32>,
    admin1_total: f32,
    /// Likely readings' points, one per place.
    points: Vec<(f32, f32)>,
    /// Points of readings that stand as places on their own.
    proper_points: Vec<(f32, f32)>,
    /// `points` in grid cells, when there are many of them.
    grid: Option<PointGrid>,
}

impl Context {
    /// Distance to the nearest of `points`, when under [`NEAREST_KM`]
    /// (infinite otherwise): with many points, the grid looks only in the
    /// cells within that distance.
    fn nearest_km(&self, lat: f32, lon: f32) -> f32 {
        let dist = |&(la, lo): &(f32, f32)| haversine_km(lat, lon, la, lo);
        let d = match &self.grid {
            Some(g) => {
                let mut d = f32::INFINITY;
                g.around(lat, lon, NEAREST_KM, |k| {
                    if let Some(p) = self.points.get(k) {
                        d = d.min(dist(p));
                    }
                });
                d
            }
            None => self.points.iter().map(dist).fold(f32::INFINITY, f32::min),
        };
        if d < NEAREST_KM {
            d
        } else {
            f32::INFINITY
        }
    }
}

struct Scored {
    entity: u32,
    score: f32,
}

impl PlaceTagger {
    /// Load the gazetteer and lexicon compiled into the binary.
    pub fn load_default() -> Result<PlaceTagger, Error> {
        PlaceTagger::from_index(INDEX)
    }

    /// Load from a compressed index (as written by [`crate::build_gazetteer`]).
    pub fn from_index(bytes: &[u8]) -> Result<PlaceTagger, Error> {
        let mut gaz = Gazetteer::from_compressed(bytes)?;
        let lex = Lexicon::load(&mut gaz)?;
        for (iso, lat, lon) in &lex.centroids {
            if let Some(i) = gaz.country(iso) {
                gaz.set_coords(i, *lat, *lon);
            }
        }
        seat_provinces_at_capitals(&mut gaz);
        let county_points = seat_us_counties(&mut gaz, &lex.county_points);
        Ok(PlaceTagger {
            gaz,
            lex,
            skeletons: std::sync::OnceLock::new(),
            county_points,
        })
    }

    /// The loaded gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Tag one document without actor context (evaluation, tests).
    pub fn tag(&self, doc: &Doc, actors: &[Actor]) -> Vec<Place> {
        let mentions = self.recognize(doc, actors);
        let mut places = self.resolve(doc, mentions);
        crate::dateline::mark(doc, &mut places);
        places
    }

    fn recognize(&self, doc: &Doc, actors: &[Actor]) -> Vec<Mention> {
        let mut out = Vec::new();
        // Keys seen right after a title ("President Obama"): people.
        let mut titled: HashSet<String> = HashSet::new();
        let text = doc.text.as_str();
        // "U.S. Sens. Mitch McConnell": the splitter cuts after a title it
        // does not keep as an abbreviation, but the name goes on.
        let mut sentences: Vec<std::ops::Range<usize>> = Vec::new();
        for s in &doc.sentences {
            match sentences.last_mut() {
                Some(last)
                    if last.end == s.tokens.start
                        && s.tokens.start < s.tokens.end
                        && is_cap(doc.token_text(&doc.tokens[s.tokens.start]))
                        && self.title_before(doc, last.start, last.end) =>
                {
                    last.end = s.tokens.end;
                }
                _ => sentences.push(s.tokens.clone()),
            }
        }
        for s_tokens in &sentences {
            let s_tokens = s_tokens.clone();
            let units = sentence_units(doc, s_tokens.clone());
            let headline = is_headline(doc, s_tokens.clone());
            let is_initial =
                |tok: usize| (s_tokens.start..tok).all(|t| doc.tokens[t].kind == TokenKind::Punct);
            let mut i = 0;
            while i < units.len() {
                let u = units[i];
                let first = &text[u.start..u.end];
                if !(is_cap(first) || starts_arabic(first)) {
                    i += 1;
                    continue;
                }
                let mut best: Option<(usize, Option<Alias>, Option<usize>, String)> = None;
                for j in i..units.len().min(i + MAX_NGRAM) {
                    if j > i && !joinable(text, &units[j - 1], &units[j]) {
                        break;
                    }
                    let key = normalize(&text[u.start..units[j].end]);
                    if key.is_empty() {
                        break;
                    }
                    let last = &text[units[j].start..units[j].end];
                    let last_ok = j == i || is_cap(last) || starts_arabic(last);
                    let mut extend = self.lex.alias_prefixes.contains(&key);
                    let lk = self.gaz.lookup(&key);
                    // "Mt. Pleasant", "Ft. Wayne", "St. Joseph": the
                    // abbreviated first word, written out, finds the places
                    // whose own name it is (and the key is the written-out
                    // name: `key_candidates` adds the abbreviated one's).
                    extend |= lk.extends;
                    let (key, lk) = match self.expanded(&key) {
                        Some((k2, l2)) if l2.exact.is_some() && j > i => (k2, l2),
                        Some((_, l2)) => {
                            extend |= l2.extends;
                            (key, lk)
                        }
                        None => (key, lk),
                    };
                    if let Some(a) = self.lex.aliases.get(&key) {
                        if last_ok {
                            best = Some((j, Some(*a), lk.exact, key.clone()));
                        }
                    }
                    // Arabic article spellings: "El Bab" finds "al bab", "al-Raqqa" "ar raqqa".
                    let exact = lk.exact.or_else(|| {
                        if j == i {
                            return None;
                        }
                        let (art, rest) = key.split_once(' ')?;
                        if !is_arabic_article(art) {
                            return None;
                        }
                        arabic_articles()
                            .iter()
                            .filter(|a| **a != art)
                            .find_map(|a| self.gaz.lookup(&format!("{a} {rest}")).exact)
                            .or_else(|| {
                                // "Al-Gezira" for GeoNames' "Gezira": the
                                // article joined by a hyphen, dropped, for
                                // a name of a country whose names come
                                // from Arabic ("Al Gore" is no Gore).
                                if text.get(units[i].end..units[i + 1].start) != Some("-") {
                                    return None;
                                }
                                let k = self.gaz.lookup(rest).exact?;
                                self.gaz
                                    .postings(k)
                                    .any(|e| {
                                        arabic_named_countries()
                                            .contains(&self.gaz.entity(e).country)
                                    })
                                    .then_some(k)
                            })
                    });
                    if let Some(k) = exact {
                        let alias_here = matches!(&best, Some((bj, Some(_), _, _)) if *bj == j);
                        if last_ok && !alias_here {
                            best = Some((j, None, Some(k), key.clone()));
                        }
                    }
                    extend |= lk.extends;
                    if !extend {
                        break;
                    }
                }
                // "Trinidad & Tobago", "Jammu & Kashmir": an ampersand
                // written for "and" inside a name.
                if let Some(amp) = self.ampersand_name(doc, &units, i) {
                    best = Some(amp);
                }
                // "Camden and Charlton counties", "Douglas, Sarpy and
                // Lancaster counties": a name in a list before a plural unit
                // word names that unit ("camden county"), known as a town
                // or not.
                let bj = best.as_ref().map_or(i, |b| b.0);
                let mut list_unit: Option<&str> = None;
                // A name alone before the word modifies it ("Indiana
                // counties", "the metro Athens counties"): the list needs a
                // comma or a conjunction before or after the name.
                let listed_before = u.tok > s_tokens.start
                    && matches!(doc.lower(u.tok - 1), "," | "and" | "or" | "&");
                if !units[bj].cut && !units[bj].hy_next {
                    if let Some((unit_at, plural, unit)) = self
                        .list_unit_after(doc, units[bj].tok + 1, s_tokens.end)
                        .filter(|&(_, _, _, listed)| listed || listed_before)
                        .map(|(t, p, u, _)| (t, p, u))
                    {
                        let key = format!("{} {unit}", normalize(&text[u.start..units[bj].end]));
                        if let Some(k) = self.gaz.lookup(&key).exact.filter(|&k| {
                            // "40 Indiana and Ohio counties": counties in
                            // the states a list of states names, not
                            // Indiana County (unless the unit is the state
                            // itself: "Borno and Yobe states").
                            self.has_admin1(k) || !self.list_of_states(doc, s_tokens.start, unit_at)
                        }) {
                            best = Some((bj, None, Some(k), key));
                            list_unit = Some(plural);
                        }
                    }
                }
                // Last resort: a transliteration variant ("Maarat al-Numan").
                // Also when a shorter name matched as written and the
                // capitalised words go on: "Deir al-Balah" is no "Deir" and
                // a word, "Tal Abyad" no "Tal".
                let mut variant: Vec<u32> = Vec::new();
                // Only when the shorter name starts like an Arabic compound
                // name or all its readings lie where names are
                // transliterated from Arabic ("Illinois Route 159" keeps
                // "Illinois").
                let shorter = match &best {
                    None => Some(i),
                    Some((bj, None, Some(k), bkey))
                        if list_unit.is_none()
                            && (is_arabic_name_head(bkey)
                                || self.gaz.postings(*k).all(|c| {
                                    arabic_named_countries().contains(&self.gaz.entity(c).country)
                                })) =>
                    {
                        Some(*bj + 1)
                    }
                    Some(_) => None,
                };
                if let Some(min_j) = shorter {
                    if let Some((j, found)) = self
                        .skeleton_match(text, &units, i)
                        .filter(|(j, _)| *j >= min_j)
                    {
                        variant = found;
                        best = Some((j, None, None, normalize(&text[u.start..units[j].end])));
                    }
                }
                let Some((j, alias, key_idx, key)) = best else {
                    i += 1;
                    continue;
                };
                let start = u.start;
                let mut end = units[j].end;
                // "Mass." is Massachusetts, "Mass" is not.
                if alias.is_some_and(|a| a.needs_period) && !text[start..end].ends_with('.') {
                    if text[end..].starts_with('.') && !units[j].cut && !units[j].hy_next {
                        end += 1;
                    } else {
                        i += 1;
                        continue;
                    }
                }
                let span_text = &text[start..end];
                let single = j == i;
                // Months, weekdays and abbreviations ("Dec.", "Inc.") are no
                // places; nor is a title cut from its period ("Sens. Tim Grendell").
                if single
                    && (self.lex.free.contains(&key)
                        || (alias.is_none() && span_text.ends_with('.'))
                        || (alias.is_none()
                            && self.short_title(&key)
                            && text[end..].starts_with(". ")
                            && text[end + 2..].starts_with(|c: char| c.is_uppercase())))
                {
                    i += 1;
                    continue;
                }
                if single && alias.is_none() && is_short_acronym(span_text) {
                    i += 1;
                    continue;
                }
                let demonym = alias.is_some_and(|a| a.demonym);
                let first_tok = u.tok;
                let last_tok = units[j].tok;
                let mut m = Mention {
                    start,
                    end,
                    key: key.clone(),
                    cands: Vec::new(),
                    alias,
                    hint: Hint::None,
                    near: false,
                    locative: false,
                    metonym: false,
                    org_neighbour: false,
                    org_word: false,
                    name_neighbour: false,
                    surname: false,
                    person: false,
                    after_the: !u.hy_prev
                        && first_tok > s_tokens.start
                        && doc.lower(first_tok - 1) == "the",
                    institution: false,
                    weak_start: false,
                    common: single && self.gaz.is_common_word(&key),
                    cue: None,
                    variant: !variant.is_empty(),
                    possessive: text
                        .get(end..)
                        .is_some_and(|r| r.starts_with("'s") || r.starts_with("\u{2019}s")),
                    namesakes: Vec::new(),
                };
                if let Some(plural) = list_unit {
                    m.hint = Hint::Admin2;
                    m.cue = Some(plural.to_string());
                }
                // Cues before: the longest phrase ending right before the name.
                for len in (1..=self.lex.max_before).rev() {
                    if first_tok < s_tokens.start + len {
                        continue;
                    }
                    let words: Vec<String> = (first_tok - len..first_tok)
                        .map(|t| doc.lower(t).to_string())
                        .collect();
                    // Allow "the" between the cue and the name ("in the town of" is caught by "town of").
                    if let Some(kind) = self.lex.before.get(&words) {
                        apply_cue(&mut m, *kind);
                        m.cue = Some(words.join(" "));
                        break;
                    }
                }
                // Cues after: "Aleppo province" joins the span.
                let next = last_tok + 1;
                let inner_end = units[j].cut || units[j].hy_next;
                if !inner_end && next < s_tokens.end && !demonym {
                    // "San Diego State", "Kent State": a capitalised "State"
                    // after a name that no first-level unit bears is a
                    // university's ("Borno State", "Washington state" are units).
                    let university = doc.lower(next) == "state"
                        && is_cap(doc.token_text(&doc.tokens[next]))
                        && alias
                            .is_none_or(|a| self.gaz.entity(a.entity).feature != Feature::Admin1)
                        && !key_idx.is_some_and(|k| self.has_admin1(k));
                    if let Some(kind) = self.lex.after.get(doc.lower(next)).filter(|_| !university)
                    {
                        apply_cue(&mut m, *kind);
                        // "Dublin City Council", "Whitestown Town Hall".
                        m.institution |= *kind == CueKind::City;
                        if matches!(kind, CueKind::Admin | CueKind::Admin2) {
                            end = doc.tokens[next].end;
                            m.end = end;
                        }
                        m.cue = Some(doc.lower(next).to_string());
                    }
                }
                // "Sligo-based", "Atlanta-area": the cut-off suffix may be
                // an institution word too.
                if units[j].cut && !demonym {
                    let suffix = text[end..]
                        .strip_prefix('-')
                        .and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
                        .unwrap_or("");
                    if self.lex.after.get(suffix) == Some(&CueKind::Institution) {
                        m.institution = true;
                        m.cue = Some(format!("-{suffix}"));
                    }
                }
                let after_tok = doc.token_at(end);
                // Metonymy: "Damascus denied", "Washington has said", "the U.S.
                // does not have": a place followed by a verb of speech or policy,
                // possibly after auxiliaries and adverbs.
                // "fled to Ouahigouya and Kaya said": the last name of a
                // list after a place cue is no speaker. The walk back to
                // the cue stops at a weekday or month ("On Monday Burkina
                // Faso and Mali said") and at the comma that closes a
                // sentence-opening phrase ("After talks in Niamey, Burkina
                // Faso and Mali said"): the list after them is the subject.
                let listed_after_cue = first_tok > s_tokens.start
                    && matches!(doc.lower(first_tok - 1), "and" | "or")
                    && {
                        let opening = (s_tokens.start..first_tok)
                            .find(|&k| doc.lower(k).chars().any(char::is_alphanumeric))
                            .is_some_and(|k| self.lex.opening_words.contains(doc.lower(k)));
                        let mut t = first_tok - 1;
                        let mut found = false;
                        while t > s_tokens.start && first_tok - t <= 12 {
                            t -= 1;
                            let w = doc.lower(t);
                            if matches!(
                                self.lex.before.get(&vec![w.to_string()]),
                                Some(CueKind::Locative | CueKind::Near)
                            ) {
                                found = true;
                                break;
                            }
                            if self.lex.time_words.contains(w)
                                || (w == ","
                                    && opening
                                    && !(s_tokens.start..t).any(|k| doc.lower(k) == ","))
                            {
                                break;
                            }
                            let tok = doc.token_text(&doc.tokens[t]);
                            if !(w == "," || w == "-" || is_cap(tok)) {
                                break;
                            }
                        }
                        found
                    };
                // "the governor of Kherson oblast said": a name after a
                // common noun and "of" modifies that noun, the speaker ("the
                // Kingdom of Saudi Arabia said" still speaks).
                let of_modifier = first_tok >= s_tokens.start + 2
                    && doc.lower(first_tok - 1) == "of"
                    && doc
                        .token_text(&doc.tokens[first_tok - 2])
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                if !demonym && !inner_end && !m.locative && !listed_after_cue && !of_modifier {
                    let mut t = after_tok;
                    let mut steps = 0;
                    while t < s_tokens.end
                        && steps < 3
                        && self.lex.aux.contains(doc.lower(t))
                        && !(t > after_tok && self.lex.metonym_verbs.contains(doc.lower(t)))
                    {
                        t += 1;
                        steps += 1;
                    }
                    m.metonym = t < s_tokens.end
                        && doc.lower(t) != "been"
                        && self.lex.metonym_verbs.contains(doc.lower(t))
                        && (t > after_tok || !self.lex.aux.contains(doc.lower(t)));
                }
                // Neighbouring capitalised words: part of a person's or organisation's name.
                let mut reject = false;
                // "St. John's Lutheran School", "St. Paul's United Brethren
                // Church": a saint's name with a possessive, in a name with a
                // church or school word, is that church or school ("St.
                // Petersburg's Pulkovo Airport" stays the city).
                if m.possessive && (key.starts_with("st ") || key.starts_with("saint ")) {
                    let rest = text[end..]
                        .strip_prefix("'s ")
                        .or_else(|| text[end..].strip_prefix("\u{2019}s "))
                        .unwrap_or("");
                    let church = rest
                        .split(' ')
                        .take(4)
                        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                        .any(|w| {
                            let w: String = w
                                .chars()
                                .filter(|c| c.is_alphabetic())
                                .collect::<String>()
                                .to_lowercase();
                            self.lex.saint_institutions.contains(&w)
                        });
                    if church {
                        reject = true;
                    }
                }
                // "their first child, Hailey", "son Joshua, 4", "coach
                // Ripley": a kin or role noun makes the name a person's.
                if !demonym && alias.is_none() && first_tok > s_tokens.start {
                    let mut p = first_tok - 1;
                    if doc.token_text(&doc.tokens[p]) == "," && p > s_tokens.start {
                        p -= 1;
                    }
                    if self
                        .lex
                        .person_nouns
                        .contains(doc.token_text(&doc.tokens[p]))
                    {
                        titled.insert(key.clone());
                    }
                }
                // "Sens. Bunning": a title the tokenizer cut from its period.
                if !demonym
                    && first_tok >= s_tokens.start + 2
                    && self.title_before(doc, s_tokens.start, first_tok)
                    && &text[doc.tokens[first_tok - 1].end..doc.tokens[first_tok].start] == " "
                {
                    reject = true;
                    titled.insert(key.clone());
                }
                if !demonym && !headline {
                    if first_tok > s_tokens.start {
                        let p = first_tok - 1;
                        let pt = &doc.tokens[p];
                        let ptext = doc.token_text(pt);
                        let plower = doc.lower(p).trim_end_matches('.');
                        if pt.kind == TokenKind::Word
                            && &text[pt.end..doc.tokens[first_tok].start] == " "
                            && is_cap(ptext)
                        {
                            // "Tyrise M. Bell": a given name and an
                            // initial make a surname too.
                            let initial = ptext.len() == 2
                                && ptext.starts_with(|c: char| c.is_ascii_uppercase())
                                && ptext.ends_with('.');
                            let given_before = initial && p > s_tokens.start && {
                                let g = &doc.tokens[p - 1];
                                g.kind == TokenKind::Word
                                    && &text[g.end..pt.start] == " "
                                    && is_titlecase(doc.token_text(g))
                            };
                            if self.lex.titles.contains(plower) {
                                reject = true;
                                titled.insert(key.clone());
                            } else if given_before {
                                m.name_neighbour = true;
                                m.surname = true;
                            } else if !(self.lex.free.contains(plower)
                                || self.lex.aliases.contains_key(&normalize(ptext))
                                || (is_initial(p) && self.gaz.is_common_word(plower)))
                            {
                                if self.gaz.is_common_word(plower) {
                                    m.org_neighbour = true;
                                    m.org_word = true;
                                } else {
                                    m.name_neighbour = true;
                                    m.surname = is_titlecase(ptext);
                                }
                            }
                        }
                    }
                    if after_tok < s_tokens.end && !inner_end {
                        let nt = &doc.tokens[after_tok];
                        let ntext = doc.token_text(nt);
                        if nt.kind == TokenKind::Word
                            && &text[end..nt.start] == " "
                            && is_cap(ntext)
                            && !self.lex.free.contains(doc.lower(after_tok))
                        {
                            // A name ending in a unit word ("Lexington
                            // County Sheriff", "Madison County Detention
                            // Center") is no given name: what follows it is
                            // an organisation's name.
                            let unit_named = key.rsplit(' ').next().is_some_and(|w| {
                                key.contains(' ')
                                    && matches!(
                                        self.lex.after.get(w),
                                        Some(CueKind::Admin | CueKind::Admin2)
                                    )
                            });
                            // So is a first-level unit's own name ("the
                            // Pennsylvania Kennel Association", "Arizona Sen.").
                            let state_named = key_idx.is_some_and(|k| {
                                self.gaz.postings(k).any(|c| {
                                    let e = self.gaz.entity(c);
                                    e.feature == Feature::Admin1 && self.is_main_name(e, &key)
                                })
                            });
                            // "Virginia L. Lane": a name before an
                            // initial and a surname is a given name.
                            let initial_surname = ntext.len() == 2
                                && ntext.starts_with(|c: char| c.is_ascii_uppercase())
                                && ntext.ends_with('.')
                                && doc.tokens.get(after_tok + 1).is_some_and(|g| {
                                    g.kind == TokenKind::Word
                                        && &text[nt.end..g.start] == " "
                                        && is_titlecase(doc.token_text(g))
                                });
                            if !initial_surname
                                && (unit_named
                                    || state_named
                                    || self.gaz.is_common_word(doc.lower(after_tok)))
                            {
                                m.org_neighbour = true;
                                m.org_word |= self.gaz.is_common_word(doc.lower(after_tok));
                            } else {
                                m.name_neighbour = true;
                            }
                        }
                    }
                }
                // "Stevens & Wilkinson", "Callison Tighe & Robinson": a
                // name joined by an ampersand to a capitalised word is a
                // firm's ("TIJUANA & SAN DIEGO", a dateline, are places).
                if alias.is_none() && !inner_end && span_text.chars().any(char::is_lowercase) {
                    let cap_at = |t: usize| {
                        t >= s_tokens.start
                            && t < s_tokens.end
                            && doc.tokens[t].kind == TokenKind::Word
                            && is_cap(doc.token_text(&doc.tokens[t]))
                    };
                    let amp_after = after_tok + 1 < s_tokens.end
                        && doc.token_text(&doc.tokens[after_tok]) == "&"
                        && cap_at(after_tok + 1);
                    let amp_before = first_tok >= s_tokens.start + 2
                        && doc.token_text(&doc.tokens[first_tok - 1]) == "&"
                        && cap_at(first_tok - 2);
                    // "Jammu & Kashmir", "Israel & Gaza", "Kharkiv & Odesa":
                    // two places of weight joined by it are places.
                    let weighty_here = key_idx.is_some_and(|k| self.weighty(&key, k));
                    let places_joined = weighty_here
                        && (!amp_after
                            || self.weighty_words(doc, after_tok + 1, s_tokens.end, true))
                        && (!amp_before
                            || self.weighty_words(doc, s_tokens.start, first_tok - 1, false));
                    if (amp_after || amp_before) && !places_joined {
                        m.org_neighbour = true;
                        m.org_word = false;
                    }
                }
                // Hyphenated parts: "R-Marshall" (a party before a home
                // town), "Egypt-US" (two places); a part that names no
                // place ("Jean-Pierre", "Diaz-Balart") makes the whole a
                // person's name, which gives the document no context either.
                if !demonym && (u.hy_prev || units[j].hy_next) {
                    // The other part must name a real town or more, not
                    // just any hamlet ("Phillips-Spencer", "Diaz-Balart").
                    let names_place = |p: &Unit| {
                        let k = normalize(&text[p.start..p.end]);
                        self.lex.aliases.contains_key(&k)
                            || self.gaz.lookup(&k).exact.is_some_and(|x| {
                                self.gaz.postings(x).any(|c| {
                                    let e = self.gaz.entity(c);
                                    e.feature != Feature::City || e.population >= 10_000
                                })
                            })
                    };
                    if u.hy_prev && i > 0 {
                        let p = &units[i - 1];
                        let w = text[p.start..p.end].to_lowercase();
                        if let Some(kind) = self.lex.prefix.get(&w) {
                            apply_cue(&mut m, *kind);
                            m.cue = Some(format!("{w}-"));
                        } else if !names_place(p) {
                            reject = true;
                        }
                    }
                    if units[j].hy_next && units.get(j + 1).is_some_and(|n| !names_place(n)) {
                        reject = true;
                    }
                }
                // Actor names that contain this one ("the Shamiyeh Front").
                for a in actors {
                    let (ab, ae) = (a.span.byte_start, a.span.byte_end);
                    // An actor inside the toponym ("Aleppo" coded SYR inside
                    // "Aleppo province") says nothing against the place.
                    let actor_inside = ab >= start && ae <= end;
                    if ab < end && start < ae && !actor_inside {
                        let before_in = first_tok > s_tokens.start
                            && doc.tokens[first_tok - 1].start >= ab
                            && is_cap(doc.token_text(&doc.tokens[first_tok - 1]));
                        let after_in = after_tok < s_tokens.end
                            && doc.tokens[after_tok].end <= ae
                            && is_cap(doc.token_text(&doc.tokens[after_tok]));
                        if before_in || after_in || ab > start || ae < end {
                            m.org_neighbour = true;
                        }
                        // A person's first name before the city ("Mark
                        // Houston") is no organisation's common word.
                        if before_in {
                            m.org_word = false;
                        }
                    }
                }
                // Datelines: "LONDON The Latest on ..."
                let dateline = is_initial(first_tok)
                    && span_text.chars().filter(|c| c.is_alphabetic()).count() >= 5
                    && span_text.chars().all(|c| !c.is_lowercase());
                if demonym || dateline {
                    m.org_neighbour = false;
                    m.org_word = false;
                    m.name_neighbour = false;
                    m.surname = false;
                }
                if m.common && (is_initial(first_tok) || headline) {
                    m.weak_start = true;
                }
                if !reject {
                    m.cands = match (alias, key_idx) {
                        (Some(a), k) => {
                            if let Some(k) = k.filter(|_| !a.demonym) {
                                m.namesakes = self.top_candidates(k);
                            }
                            vec![a.entity]
                        }
                        (None, Some(k)) => self.key_candidates(&key, k),
                        (None, None) => std::mem::take(&mut variant),
                    };
                    if alias.is_none() {
                        self.add_units_named(&mut m);
                    }
                    // A country's name means the country, not a town named after it,
                    // unless the text says town.
                    let has_country = m.cands.iter().any(|&c| {
                        matches!(
                            self.gaz.entity(c).feature,
                            Feature::Country | Feature::Continent | Feature::Sea
                        )
                    });
                    if has_country && m.hint != Hint::City {
                        let (towns, rest) = m
                            .cands
                            .iter()
                            .partition(|&&c| self.gaz.entity(c).feature == Feature::City);
                        m.cands = rest;
                        m.namesakes.extend::<Vec<u32>>(towns);
                    }
                    m.namesakes.retain(|&c| {
                        let e = self.gaz.entity(c);
                        e.feature == Feature::City && e.population >= NAMESAKE_MIN_POPULATION
                    });
                    if !m.cands.is_empty() {
                        out.push(m);
                    }
                }
                i = units
                    .iter()
                    .position(|v| v.start >= end)
                    .unwrap_or(units.len())
                    .max(i + 1);
            }
        }
        self.keep_trusted_variants(&mut out);
        // A name once used as a surname ("Barack Obama") is a person throughout.
        // So is one after a title ("President Obama ... Obama said").
        let surnames: std::collections::HashSet<String> = out
            .iter()
            .filter(|m| m.surname)
            .map(|m| m.key.clone())
            .chain(titled)
            .collect();
        for m in &mut out {
            if surnames.contains(&m.key) && m.alias.is_none() {
                m.person = true;
            }
        }
        out
    }

    /// The longest name from unit `i` on that has an ampersand for its
    /// "and" ("Trinidad & Tobago" → "trinidad and tobago"): its last unit,
    /// alias, key index and key.
    fn ampersand_name(
        &self,
        doc: &Doc,
        units: &[Unit],
        i: usize,
    ) -> Option<(usize, Option<Alias>, Option<usize>, String)> {
        let text = doc.text.as_str();
        let mut best = None;
        for j in i..units.len().min(i + MAX_NGRAM - 1) {
            if j > i && !joinable(text, &units[j - 1], &units[j]) {
                break;
            }
            let (a, Some(n)) = (&units[j], units.get(j + 1)) else {
                break;
            };
            if a.cut || a.hy_next || n.tok != a.tok + 2 || &text[a.end..n.start] != " & " {
                continue;
            }
            let head = normalize(&text[units[i].start..a.end]);
            for k in j + 1..units.len().min(j + 4) {
                if k > j + 1 && !joinable(text, &units[k - 1], &units[k]) {
                    break;
                }
                if !is_cap(&text[units[k].start..units[k].end]) {
                    break;
                }
                let key = format!("{head} and {}", normalize(&text[n.start..units[k].end]));
                let exact = self.gaz.lookup(&key).exact;
                if let Some(al) = self.lex.aliases.get(&key).filter(|al| !al.demonym) {
                    best = Some((k, Some(*al), exact, key));
                } else if exact.is_some() {
                    best = Some((k, None, exact, key));
                }
            }
        }
        best
    }

    /// Whether one reading of key `k` is a place of some size: a country,
    /// a first-level unit, a region or sea, or a town of 100,000 called by
    /// its own name. A surname that is also a small town's name is not.
    fn weighty(&self, key: &str, k: usize) -> bool {
        self.gaz.postings(k).any(|c| {
            let e = self.gaz.entity(c);
            match e.feature {
                Feature::City => e.population >= 100_000 && self.is_main_name(e, key),
                Feature::Admin2 => false,
                _ => true,
            }
        })
    }

    /// Whether the capitalised words of `start..end` that begin at `start`
    /// (`forward`) or end at `end` (not `forward`) name a place of some
    /// size, or a country by an alias ("Kharkiv & Odesa", "U.S. & Canada").
    fn weighty_words(&self, doc: &Doc, start: usize, end: usize, forward: bool) -> bool {
        let text = doc.text.as_str();
        let word = |t: usize| {
            doc.tokens[t].kind == TokenKind::Word && is_cap(doc.token_text(&doc.tokens[t]))
        };
        let spaced = |a: usize, b: usize| &text[doc.tokens[a].end..doc.tokens[b].start] == " ";
        for n in 1..=MAX_NGRAM.min(end.saturating_sub(start)) {
            let (a, b) = if forward {
                (start, start + n)
            } else {
                (end - n, end)
            };
            if !(a..b).all(word) || !(a + 1..b).all(|t| spaced(t - 1, t)) {
                break;
            }
            let key = normalize(&text[doc.tokens[a].start..doc.tokens[b - 1].end]);
            if self.lex.aliases.get(&key).is_some_and(|al| !al.demonym) {
                return true;
            }
            if let Some(k) = self.gaz.lookup(&key).exact {
                if self.weighty(&key, k) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether gazetteer key `k` names a first-level unit (a state,
    /// province or governorate) among its readings.
    fn has_admin1(&self, k: usize) -> bool {
        self.gaz
            .postings(k)
            .any(|c| self.gaz.entity(c).feature == Feature::Admin1)
    }

    /// The key with its abbreviated first word written out ("mt pleasant"
    /// → "mount pleasant"; "mt" → "mount"), if it has one.
    fn written_out(&self, key: &str) -> Option<String> {
        let (first, rest) = key.split_once(' ').unwrap_or((key, ""));
        let full = self.lex.abbreviations.get(first)?;
        Some(if rest.is_empty() {
            full.clone()
        } else {
            format!("{full} {rest}")
        })
    }

    /// [`Self::written_out`] and its lookup.
    fn expanded(&self, key: &str) -> Option<(String, crate::gazetteer::Lookup)> {
        let k = self.written_out(key)?;
        let l = self.gaz.lookup(&k);
        Some((k, l))
    }

    /// A name of several words with its first word written out if it is an
    /// abbreviation ("st louis" → "saint louis"): names compare in this form.
    fn canonical<'a>(&self, key: &'a str) -> std::borrow::Cow<'a, str> {
        match key.contains(' ').then(|| self.written_out(key)).flatten() {
            Some(k) => k.into(),
            None => key.into(),
        }
    }

    /// Candidates of key `k` (for `key`), with those of the same name with
    /// its first word abbreviated ("saint joseph": also the towns GeoNames
    /// knows as "St. Joseph" only, and the other way round).
    fn key_candidates(&self, key: &str, k: usize) -> Vec<u32> {
        let mut c: Vec<u32> = self.gaz.postings(k).collect();
        if let Some((first, rest)) = key.split_once(' ') {
            let mut more = false;
            for (short, full) in &self.lex.abbreviations {
                let other = if first == full {
                    short
                } else if first == short {
                    full
                } else {
                    continue;
                };
                if let Some(x) = self.gaz.lookup(&format!("{other} {rest}")).exact {
                    for e in self.gaz.postings(x) {
                        if !c.contains(&e) {
                            c.push(e);
                            more = true;
                        }
                    }
                }
            }
            if more {
                c.sort_unstable();
            }
        }
        self.truncate_candidates(c)
    }

    /// "Saada province": when a unit word follows or precedes the name, the
    /// units whose full name is the name and a unit word ("Saada
    /// Governorate") are candidates too, though the gazetteer lists the
    /// unit under another short name ("Şāʻdah").
    fn add_units_named(&self, m: &mut Mention) {
        let want = match m.hint {
            Hint::Admin => Feature::Admin1,
            Hint::Admin2 => Feature::Admin2,
            _ => return,
        };
        let kind = if want == Feature::Admin1 {
            CueKind::Admin
        } else {
            CueKind::Admin2
        };
        let base = m.key.rsplit_once(' ').map_or(m.key.as_str(), |(b, w)| {
            if self.lex.after.get(w) == Some(&kind) {
                b
            } else {
                m.key.as_str()
            }
        });
        // Provinces, governorates, states and regions are one rank of unit
        // under many names; a district is no county.
        let mut words: Vec<&str> = if want == Feature::Admin1 {
            self.lex
                .after
                .iter()
                .filter(|&(w, k)| *k == kind && !w.ends_with('s'))
                .map(|(w, _)| w.as_str())
                .collect()
        } else {
            m.cue
                .as_deref()
                .filter(|w| self.lex.after.get(*w) == Some(&kind))
                .into_iter()
                .collect()
        };
        words.sort_unstable();
        let mut added = false;
        for w in words {
            let Some(k) = self.gaz.lookup(&format!("{base} {w}")).exact else {
                continue;
            };
            for e in self.gaz.postings(k) {
                if self.gaz.entity(e).feature == want && !m.cands.contains(&e) {
                    m.cands.push(e);
                    added = true;
                }
            }
        }
        // "Kharkov region": the name is another spelling of a town that
        // the unit is named after; the unit goes by the town's main name
        // ("Kharkiv"), not by this one. The unit that holds a candidate
        // town and bears its main name is a candidate too.
        if want == Feature::Admin1 {
            let seats: Vec<u32> = m
                .cands
                .iter()
                .copied()
                .filter(|&c| self.gaz.entity(c).feature == Feature::City)
                .collect();
            for c in seats {
                let e = self.gaz.entity(c);
                let Some(a) = e.admin1.filter(|a| !m.cands.contains(a)) else {
                    continue;
                };
                if self.gaz.find(&normalize(self.gaz.name(e))).contains(&a) {
                    m.cands.push(a);
                    added = true;
                }
            }
        }
        if added {
            m.cands.sort_unstable();
        }
    }

    /// The plural unit word's token, the word and its singular ("counties",
    /// "county") when the tokens from `t` on run a list of capitalised
    /// names into it ("and Charlton counties"), and whether a comma or a
    /// conjunction was on the way.
    fn list_unit_after(
        &self,
        doc: &Doc,
        mut t: usize,
        end: usize,
    ) -> Option<(usize, &str, &str, bool)> {
        let mut listed = false;
        for _ in 0..16 {
            if t >= end {
                return None;
            }
            let w = doc.lower(t);
            if let Some((plural, unit)) = self.lex.plural_units.get_key_value(w) {
                return Some((t, plural.as_str(), unit.as_str(), listed));
            }
            let tok = &doc.tokens[t];
            let link = matches!(w, "," | "and" | "or" | "&");
            listed |= link;
            if !(link || (tok.kind == TokenKind::Word && is_cap(doc.token_text(tok)))) {
                return None;
            }
            t += 1;
        }
        None
    }

    /// Whether every name of the list before the plural unit word at
    /// token `unit_at` (a list of capitalised names running into it,
    /// "Indiana and Ohio counties") is a first-level unit's own name. The
    /// first name may carry a capitalised word before it ("In Indiana and
    /// Ohio").
    fn list_of_states(&self, doc: &Doc, s_start: usize, unit_at: usize) -> bool {
        let t = unit_at;
        // Names back from the unit word: runs of capitalised words between links.
        let mut names: Vec<(usize, usize)> = Vec::new();
        let mut run_end: Option<usize> = None;
        let mut k = t;
        while k > s_start {
            let p = k - 1;
            let w = doc.lower(p);
            let tok = &doc.tokens[p];
            let word = tok.kind == TokenKind::Word && is_cap(doc.token_text(tok));
            if matches!(w, "," | "and" | "or" | "&") {
                if let Some(e) = run_end.take() {
                    names.push((k, e));
                }
            } else if word {
                run_end.get_or_insert(k);
            } else {
                break;
            }
            k = p;
        }
        if let Some(e) = run_end {
            names.push((k, e));
        }
        let text = doc.text.as_str();
        let state = |a: usize, b: usize| {
            let key = normalize(&text[doc.tokens[a].start..doc.tokens[b - 1].end]);
            self.gaz.lookup(&key).exact.is_some_and(|x| {
                self.gaz.postings(x).any(|c| {
                    let e = self.gaz.entity(c);
                    e.feature == Feature::Admin1 && self.is_main_name(e, &key)
                })
            })
        };
        let last = names.len().saturating_sub(1);
        names.len() >= 2
            && names.iter().enumerate().all(|(n, &(a, b))| {
                // Only the list's first name may have words before it.
                if n == last {
                    (a..b).any(|s| state(s, b))
                } else {
                    state(a, b)
                }
            })
    }

    /// Tokens `start..end` end in a title and a period the tokenizer cut
    /// from it ("Sens", ".").
    fn title_before(&self, doc: &Doc, start: usize, end: usize) -> bool {
        if end < start + 2 {
            return false;
        }
        let (w, dot) = (&doc.tokens[end - 2], &doc.tokens[end - 1]);
        w.kind == TokenKind::Word
            && w.end == dot.start
            && doc.token_text(dot) == "."
            && is_cap(doc.token_text(w))
            && self.short_title(doc.lower(end - 2))
    }

    /// A title short enough to be an abbreviation ("sens", "reps", "det"):
    /// a full word before a period ("... elected Mayor.") ends a sentence.
    fn short_title(&self, lower: &str) -> bool {
        lower.chars().count() <= 4 && self.lex.titles.contains(lower)
    }

    /// A spelling variant is only trusted in a country the rest of the
    /// document is about ("Maarat al-Numan" next to "Syrian"): its candidates
    /// are cut to the countries of the other mentions' likeliest readings,
    /// and it is dropped when none is left.
    fn keep_trusted_variants(&self, mentions: &mut Vec<Mention>) {
        if !mentions.iter().any(|m| m.variant) {
            return;
        }
        let countries: HashSet<[u8; 2]> = mentions
            .iter()
            .filter(|m| !m.variant)
            .filter_map(|m| {
                m.cands
                    .iter()
                    .max_by(|&&a, &&b| self.prior(a, m).total_cmp(&self.prior(b, m)))
                    .map(|&c| self.gaz.entity(c).country)
            })
            .collect();
        for m in mentions.iter_mut().filter(|m| m.variant) {
            // One word needs a place cue too ("near Kafranbel"): a lone
            // capitalised word may be anything ("Ministry").
            if !m.key.contains(' ') && m.cue.is_none() {
                m.cands.clear();
            }
            m.cands
                .retain(|&c| countries.contains(&self.gaz.entity(c).country));
        }
        mentions.retain(|m| !m.cands.is_empty());
    }

    /// The longest span of capitalised words from unit `i` (articles may
    /// sit inside: "Jisr al-Shughour") whose skeleton names a known place.
    fn skeleton_match(&self, text: &str, units: &[Unit], i: usize) -> Option<(usize, Vec<u32>)> {
        // "An Alexandria man": an article-like first word starts no variant.
        if is_article(&text[units[i].start..units[i].end]) {
            return None;
        }
        let mut last = i;
        while last + 1 < units.len().min(i + MAX_NGRAM)
            && joinable(text, &units[last], &units[last + 1])
        {
            let w = &text[units[last + 1].start..units[last + 1].end];
            if !(is_cap(w) || is_article(w)) {
                break;
            }
            last += 1;
        }
        for j in (i..=last).rev() {
            let end_word = &text[units[j].start..units[j].end];
            if !is_cap(end_word) {
                continue;
            }
            let key = normalize(&text[units[i].start..units[j].end]);
            if j == i && self.gaz.is_common_word(&key) {
                continue;
            }
            let found = self
                .skeletons
                .get_or_init(|| SkeletonIndex::build(&self.gaz))
                .find(&self.gaz, &key);
            if !found.is_empty() {
                let mut c = found;
                c.sort_by_key(|&e| (std::cmp::Reverse(self.gaz.entity(e).population), e));
                c.truncate(MAX_CANDIDATES);
                return Some((j, c));
            }
        }
        None
    }

    fn top_candidates(&self, k: usize) -> Vec<u32> {
        self.truncate_candidates(self.gaz.postings(k).collect())
    }

    /// The `MAX_CANDIDATES` most important of `c`: countries, first-level
    /// units and continents first, then by population.
    fn truncate_candidates(&self, mut c: Vec<u32>) -> Vec<u32> {
        if c.len() > MAX_CANDIDATES {
            c.sort_by_key(|&i| {
                let e = self.gaz.entity(i);
                (
                    !matches!(
                        e.feature,
                        Feature::Country | Feature::Admin1 | Feature::Continent
                    ),
                    std::cmp::Reverse(e.population),
                    i,
                )
            });
            c.truncate(MAX_CANDIDATES);
        }
        c
    }

    /// Context-free score of one candidate.
    fn prior(&self, i: u32, m: &Mention) -> f32 {
        let e = self.gaz.entity(i);
        let pop = e.population as f32;
        let mut s = match e.feature {
            Feature::Country => 1.6,
            Feature::Continent => 1.5,
            Feature::Region | Feature::Sea => 1.4,
            Feature::Admin1 => (pop * 0.3 + 100.0).log10() / 7.0,
            Feature::Admin2 => (pop * 0.5 + 100.0).log10() / 7.0,
            Feature::City => (pop * if e.capital { 4.0 } else { 1.0 } + 100.0).log10() / 7.0,
        };
        match (m.hint, e.feature) {
            (Hint::Admin, Feature::Admin1) => s += 1.0,
            (Hint::Admin, Feature::Admin2) => s += 0.7,
            (Hint::Admin2, Feature::Admin2) => s += 1.0,
            (Hint::Admin2, Feature::Admin1) => s += 0.3,
            (Hint::Admin | Hint::Admin2, Feature::City) => s -= 0.3,
            (Hint::City, Feature::City) => s += 0.3,
            (Hint::City, Feature::Admin1 | Feature::Admin2 | Feature::Country) => s -= 0.5,
            // An alternate name costs less when it only spells the main
            // one another way in a country whose names reach the news
            // transliterated from Arabic ("Jenin" for Janīn, "Derna" for
            // Darnah); elsewhere a near spelling is another town's
            // ("Cancun" is no Changchun).
            (_, Feature::City) if !self.is_main_name(e, &m.key) => {
                s -= if arabic_named_countries().contains(&e.country)
                    && similar(&normalize(self.gaz.name(e)), &m.key)
                {
                    0.1
                } else {
                    0.3
                };
            }
            _ => {}
        }
        // A unit named after its main town: the bare name means the town.
        if matches!(e.feature, Feature::Admin1 | Feature::Admin2)
            && !matches!(m.hint, Hint::Admin | Hint::Admin2)
        {
            let namesake = m.cands.iter().any(|&c| {
                let ce = self.gaz.entity(c);
                ce.feature == Feature::City
                    && ce.country == e.country
                    && (ce.admin1 == Some(i)
                        || (e.feature == Feature::Admin2 && ce.admin1 == e.admin1))
                    && ce.population >= 5_000
                    && (self.is_main_name(ce, &m.key)
                        || self.gaz.name(ce) == self.gaz.name(e)
                        || ce.population as f32 >= 0.25 * e.population as f32)
            });
            if namesake {
                s -= 0.5;
            }
        }
        s
    }

    fn resolve(&self, doc: &Doc, mentions: Vec<Mention>) -> Vec<Place> {
        // Pass 1: priors only (computed once: every round starts from them).
        let priors: Vec<Vec<f32>> = mentions
            .iter()
            .map(|m| m.cands.iter().map(|&c| self.prior(c, m)).collect())
            .collect();
        let mut pass1: Vec<(u32, f32)> = mentions
            .iter()
            .zip(&priors)
            .map(|(m, pr)| {
                let scored: Vec<Scored> = m
                    .cands
                    .iter()
                    .zip(pr)
                    .map(|(&c, &p)| Scored {
                        entity: c,
                        score: p,
                    })
                    .collect();
                let probs = softmax(&scored);
                best_of(&scored, &probs)
            })
            .collect();
        let mut ents: Vec<&Entity> = pass1.iter().map(|(e, _)| self.gaz.entity(*e)).collect();
        // Which first-level units each name could lie in, whatever its
        // reading: Rogersville, Greene County, Springfield and Webster
        // County all exist in Missouri, and only some of them elsewhere.
        let mut unit_sets: HashMap<&str, Vec<u32>> = HashMap::new();
        for m in &mentions {
            if m.person || m.alias.is_some() || m.name_neighbour || m.weak_start {
                continue;
            }
            let set = unit_sets.entry(m.key.as_str()).or_default();
            for &c in &m.cands {
                let e = self.gaz.entity(c);
                let own = match e.feature {
                    Feature::City => self.is_main_name(e, &m.key),
                    Feature::Admin2 => m.key.contains(' '),
                    _ => false,
                };
                if let (true, Some(a)) = (own, e.admin1) {
                    set.push(a);
                }
            }
        }
        // How many names could lie in each unit (sorted by unit).
        let mut unit_support: Vec<(u32, f32)> = Vec::new();
        let mut support_names = 0.0f32;
        for set in unit_sets.values_mut() {
            set.sort_unstable();
            set.dedup();
            if !set.is_empty() {
                support_names += 1.0;
                unit_support.extend(set.iter().map(|&a| (a, 1.0)));
            }
        }
        unit_support.sort_unstable_by_key(|&(a, _)| a);
        unit_support.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 += later.1;
            }
            same
        });
        let near_support = self.near_support(&mentions, &priors);
        let mut places = Vec::new();
        // Context rounds: each reads the other mentions' readings of the
        // round before (priors first), so that one homonym resolved by the
        // story ("Elkhart", Texas) can vouch for the next.
        for round in 0..=CONTEXT_ROUNDS {
            let last = round == CONTEXT_ROUNDS;
            let mut next: Vec<(u32, f32)> = Vec::with_capacity(mentions.len());
            // Readings that stand as places on their own and are no common
            // words (not "Olympic" in "Junior Olympic volleyball"): only
            // they may vouch for a town named like a country.
            let standalone: Vec<bool> = mentions
                .iter()
                .zip(&ents)
                .map(|(o, oe)| !o.common && self.accept(o, oe, true, true, false))
                .collect();
            // Names read as a place after a place cue ("in Whitestown")
            // somewhere in the story: their other mentions with the same
            // reading are that place too ("the Whitestown water line").
            let vouched: HashSet<(&str, u32)> = if last {
                mentions
                    .iter()
                    .zip(&pass1)
                    .zip(&standalone)
                    .filter(|((o, _), &st)| st && o.locative && !o.person)
                    .map(|((o, r), _)| (o.key.as_str(), r.0))
                    .collect()
            } else {
                HashSet::new()
            };
            // Context from the other mentions (other names only, so a name
            // repeated five times does not vote for itself): the same for
            // every mention of one name, so built once per name and round.
            let mut contexts: HashMap<&str, Context> = HashMap::new();
            for (mi, m) in mentions.iter().enumerate() {
                let ctx = contexts.entry(m.key.as_str()).or_insert_with(|| {
                    let mut c = Context::default();
                    let mut seen: std::collections::HashSet<u64> = Default::default();
                    // Points already in `c.points` (a long story has thousands).
                    let mut seen_points: HashSet<(u32, u32)> = HashSet::new();
                    for (oi, oe) in ents.iter().enumerate() {
                        if mentions[oi].key == m.key || &oe.country == b"--" {
                            continue;
                        }
                        let w = match oe.feature {
                            Feature::Country => 1.0,
                            Feature::Admin1 => 0.7 * pass1[oi].1,
                            _ => 0.5 * pass1[oi].1,
                        };
                        *c.all_country_w.entry(oe.country).or_default() += w;
                        c.all_total += w;
                        // A person's name ("Conner", a Philippine town)
                        // chooses no reading of the others.
                        let person = mentions[oi].person || mentions[oi].name_neighbour;
                        if !person {
                            *c.country_w.entry(oe.country).or_default() += w;
                            c.total += w;
                        }
                        match oe.feature {
                            Feature::Country => c.explicit_country.push(oe.country),
                            Feature::Admin1 => {
                                *c.explicit_admin1.entry(pass1[oi].0).or_default() += 1.0;
                                c.explicit_admin1_total += 1.0;
                            }
                            _ => {
                                if let Some(a) = oe.admin1.filter(|_| !person) {
                                    *c.admin1_w.entry(a).or_default() += pass1[oi].1;
                                    c.admin1_total += pass1[oi].1;
                                }
                                // One point per place (distances are minima).
                                if pass1[oi].1 >= 0.3
                                    && seen.insert(
                                        u64::from(pass1[oi].0) * 2 + u64::from(standalone[oi]),
                                    )
                                {
                                    // `+ 0.0` makes -0.0 and 0.0 one point, as `==` does.
                                    let bits = ((oe.lat + 0.0).to_bits(), (oe.lon + 0.0).to_bits());
                                    if seen_points.insert(bits) {
                                        c.points.push((oe.lat, oe.lon));
                                    }
                                    if standalone[oi] {
                                        c.proper_points.push((oe.lat, oe.lon));
                                    }
                                }
                            }
                        }
                    }
                    if c.points.len() > GRID_MIN_POINTS {
                        c.grid = Some(PointGrid::new(&c.points, NEAREST_KM / 111.0));
                    }
                    c
                });
                let Context {
                    country_w,
                    all_country_w,
                    all_total,
                    total,
                    explicit_country,
                    explicit_admin1,
                    explicit_admin1_total,
                    admin1_w,
                    admin1_total,
                    proper_points,
                    ..
                } = &*ctx;
                let (total, explicit_admin1_total, admin1_total) =
                    (*total, *explicit_admin1_total, *admin1_total);
                // "Gainesville, Ga.", "Mansfield, Ohio": a state or country
                // right after the name, behind a comma, says which one.
                // So does one in a phrase after the comma ("Moura, in
                // central Mali").
                let container = mentions.get(mi + 1).and_then(|n| {
                    let between = doc.text.get(m.end..n.start)?;
                    if !container_gap(between, &self.lex.directions)
                        || n.alias.is_some_and(|a| a.demonym)
                    {
                        return None;
                    }
                    let ne = ents[mi + 1];
                    match ne.feature {
                        Feature::Admin1 => Some((Some(pass1[mi + 1].0), ne.country)),
                        Feature::Country => Some((None, ne.country)),
                        // "Jani Khel in Bannu district": the district's
                        // province holds it.
                        Feature::Admin2 if ne.admin1.is_some() && between.contains("in") => {
                            Some((ne.admin1, ne.country))
                        }
                        _ => None,
                    }
                });
                // "Palestine" in a story about Elkhart and Anderson County,
                // Texas: a country the rest of the document does not name
                // yields to a same-named town of the country the document is
                // about, lying among its places.
                let country_share = |c: &[u8; 2]| {
                    if total > 0.0 {
                        country_w.get(c).copied().unwrap_or(0.0) / total
                    } else {
                        0.0
                    }
                };
                let local_namesakes: Vec<u32> = m
                    .namesakes
                    .iter()
                    .copied()
                    .filter(|&c| {
                        let e = self.gaz.entity(c);
                        country_share(&e.country) >= 0.5
                            && proper_points
                                .iter()
                                .any(|&(la, lo)| haversine_km(e.lat, e.lon, la, lo) < NAMESAKE_KM)
                    })
                    .collect();
                // This name's own units, if it may be a place itself, and
                // how many other names could lie somewhere.
                let own_units = unit_sets.get(m.key.as_str()).map(Vec::as_slice);
                let other_names =
                    support_names - f32::from(u8::from(own_units.is_some_and(|u| !u.is_empty())));
                let scored: Vec<Scored> = m
                    .cands
                    .iter()
                    .chain(&local_namesakes)
                    .enumerate()
                    .map(|(k, &c)| {
                        let e = self.gaz.entity(c);
                        let mut s = match priors[mi].get(k) {
                            Some(&p) => p,
                            None => self.prior(c, m),
                        };
                        if let Some((a1, country)) = container {
                            let inside = e.country == country
                                && a1.is_none_or(|a| e.admin1 == Some(a))
                                && !matches!(e.feature, Feature::Country | Feature::Admin1);
                            if inside {
                                s += 1.0;
                            }
                        }
                        if total > 0.0 {
                            let share =
                                |c: &[u8; 2]| country_w.get(c).copied().unwrap_or(0.0) / total;
                            s += 0.6 * share(&e.country);
                            // "Georgia" in a story about the United States is
                            // the state: a country the rest of the document does
                            // not name yields to a same-named first-level unit of
                            // the country it is about.
                            if e.feature == Feature::Country
                                && share(&e.country) < 0.1
                                && m.cands.iter().any(|&o| {
                                    let oe = self.gaz.entity(o);
                                    oe.feature == Feature::Admin1 && share(&oe.country) >= 0.5
                                })
                            {
                                s -= 0.5;
                            }
                        }
                        if e.feature == Feature::Country
                            && !local_namesakes.is_empty()
                            && country_share(&e.country) < 0.1
                        {
                            s -= 1.0;
                        }
                        if e.feature != Feature::Country && explicit_country.contains(&e.country) {
                            s += 0.3;
                        }
                        if let Some(a) = e.admin1 {
                            if let Some(n) = explicit_admin1.get(&a) {
                                s += 0.4;
                                // Only for a place called by its own name: the
                                // share must not turn "Florida" into a Californian
                                // town that has it as an alternate name.
                                if self.is_main_name(e, &m.key) {
                                    s += ADMIN1_SHARE_WEIGHT * n / explicit_admin1_total;
                                }
                            }
                            if admin1_total > 0.0 {
                                s += 0.2 * admin1_w.get(&a).copied().unwrap_or(0.0) / admin1_total;
                            }
                            // The unit the story's other names could all lie
                            // in, read or not (for a name that may be a
                            // place itself: not "Benjamin" in "Phillip
                            // Benjamin Conner", whose reading would lend the
                            // other names its state).
                            if let (Feature::City | Feature::Admin2, Some(units), true) =
                                (e.feature, own_units, other_names > 0.0)
                            {
                                let own = f32::from(u8::from(units.binary_search(&a).is_ok()));
                                let n = unit_support
                                    .binary_search_by_key(&a, |&(u, _)| u)
                                    .map_or(0.0, |i| unit_support[i].1)
                                    - own;
                                if n > 0.0 {
                                    s += UNIT_SUPPORT_WEIGHT * n / other_names;
                                }
                            }
                        }
                        // Other names' towns and counties close by, in the
                        // country the story is about (not Kent and Fife,
                        // Washington, in a story about England).
                        if let Some(&n) = near_support.get(&(m.key.as_str(), c)) {
                            if country_share(&e.country) >= 0.5 {
                                s += NEAR_WEIGHT * n;
                            }
                        }
                        if e.feature != Feature::Country {
                            let d = ctx.nearest_km(e.lat, e.lon);
                            s += if d < 50.0 {
                                0.35
                            } else if d < 150.0 {
                                0.25
                            } else if d < NEAREST_KM {
                                0.1
                            } else {
                                0.0
                            };
                        }
                        Scored {
                            entity: c,
                            score: s,
                        }
                    })
                    .collect();
                let probs = softmax(&scored);
                let (best, prob) = best_of(&scored, &probs);
                if !last {
                    next.push((best, prob));
                    continue;
                }
                let e = self.gaz.entity(best);
                // The text puts the place in a country or state where the
                // gazetteer knows no place of its name: a namesake elsewhere
                // ("Moura, in central Mali" is no Portuguese town) is wrong.
                // Not in a list ("Missouri, New York, North Carolina";
                // "Crockett, Palestine and Houston").
                let listed = |a: usize, b: usize| {
                    let before = doc.text.get(..a).unwrap_or("").trim_end();
                    let after = doc.text.get(b..).unwrap_or("").trim_start();
                    let next_name = after
                        .strip_prefix(',')
                        .is_some_and(|r| r.trim_start().starts_with(char::is_uppercase));
                    before.ends_with(',')
                        || before.ends_with(" and")
                        || next_name
                        || after.starts_with("and ")
                        || after.starts_with("or ")
                };
                // A country after a bare "in" may hold something else the
                // phrase names ("the statue of St. Gregory of Narek in
                // Vatican"); a province or district after "in" holds the
                // place ("Jani Khel in Bannu district").
                let held = container.filter(|_| {
                    mentions.get(mi + 1).is_some_and(|n| {
                        let comma = doc
                            .text
                            .get(m.end..n.start)
                            .is_some_and(|b| b.trim_start().starts_with(','));
                        !listed(m.start, n.end)
                            && (comma || ents[mi + 1].feature != Feature::Country)
                    })
                });
                if let Some((a1, country)) = held {
                    let inside = |c: u32| {
                        let ce = self.gaz.entity(c);
                        ce.country == country && a1.is_none_or(|a| ce.admin1 == Some(a))
                    };
                    if matches!(e.feature, Feature::City | Feature::Admin2)
                        && !scored.iter().any(|x| inside(x.entity))
                    {
                        continue;
                    }
                }
                let near = ctx.nearest_km(e.lat, e.lon) < 150.0;
                let supported = explicit_country.contains(&e.country)
                    || (*all_total > 0.0
                        && all_country_w.get(&e.country).copied().unwrap_or(0.0) / *all_total
                            >= 0.25)
                    || near;
                // Among the story's own places: in a first-level unit it
                // names, or near a place it names.
                let local = e.admin1.is_some_and(|a| explicit_admin1.contains_key(&a)) || near;
                let vouched = vouched.contains(&(m.key.as_str(), best));
                if !self.accept(m, e, supported, local, vouched) {
                    continue;
                }
                // A small town of a country that none of the story's other
                // places lie in, when they weigh enough to say where the
                // story is: a namesake of a place the gazetteer lacks
                // ("Léré" in a story about Mali is no Nigerian town). Not
                // off a coast ("sank off Lampedusa": a sea route leaves the
                // story's countries) nor with a container ("Pozzallo,
                // Italy"). "near" or a bare locative does not spare it:
                // "an army post near Léré" is the usual wording at home
                // (and sparing "in", "to" cost GWN acc 0.9384 -> 0.9366).
                let offshore = {
                    let before = doc.text.get(..m.start).unwrap_or("").trim_end();
                    let low = before.to_lowercase();
                    low.ends_with(" off") || low.ends_with("coast of")
                };
                if matches!(e.feature, Feature::City | Feature::Admin2)
                    && e.population < 100_000
                    && !e.capital
                    && m.alias.is_none()
                    && !offshore
                    && container.is_none()
                    && *all_total >= 2.0
                    && all_country_w.get(&e.country).copied().unwrap_or(0.0) == 0.0
                    && ctx.nearest_km(e.lat, e.lon) > 400.0
                {
                    continue;
                }
                let role = if m.alias.is_some_and(|a| a.demonym) {
                    "demonym"
                } else if m.metonym || m.org_neighbour {
                    "metonym"
                } else {
                    "literal"
                };
                let (geo_precision, where_prec) = match e.feature {
                    Feature::City if m.near => (2, 2),
                    Feature::City => (1, 1),
                    Feature::Admin2 => (2, 3),
                    Feature::Admin1 => (3, 4),
                    Feature::Country => (3, 6),
                    Feature::Continent | Feature::Region => (3, 5),
                    Feature::Sea => (3, 7),
                };
                // A county the gazetteer knows only by its state (no town of
                // its name: the state's centre) and that has no point of its
                // own sits where the document's towns of that state are: the
                // one named most often, first on a tie.
                let (lat, lon) = if e.feature == Feature::Admin2
                    && e.population == 0
                    && !self.county_points.contains(&best)
                {
                    let mut best_town: Option<(usize, usize, &Entity)> = None;
                    for (oi, oe) in ents.iter().enumerate() {
                        if oe.feature != Feature::City
                            || oe.admin1.is_none()
                            || oe.admin1 != e.admin1
                            || pass1[oi].1 < 0.3
                        {
                            continue;
                        }
                        let n = mentions
                            .iter()
                            .filter(|o| o.key == mentions[oi].key)
                            .count();
                        if best_town.is_none_or(|(bn, _, _)| n > bn) {
                            best_town = Some((n, oi, oe));
                        }
                    }
                    best_town.map_or((e.lat, e.lon), |(_, _, t)| (t.lat, t.lon))
                } else {
                    (e.lat, e.lon)
                };
                let mut order: Vec<usize> = (0..scored.len()).collect();
                order.sort_by(|&a, &b| {
                    probs[b]
                        .total_cmp(&probs[a])
                        .then(scored[a].entity.cmp(&scored[b].entity))
                });
                let alternatives = order
                    .iter()
                    .filter(|&&k| scored[k].entity != best)
                    .take(MAX_ALTERNATIVES)
                    .map(|&k| self.candidate(scored[k].entity, probs[k]))
                    .collect();
                let mut rule = match (m.alias, m.common) {
                    (Some(a), _) if a.demonym => format!("demonym:{}", m.key),
                    (Some(_), _) => format!("alias:{}", m.key),
                    _ if m.variant => format!("gazetteer~skeleton:{}", m.key),
                    _ => format!("gazetteer:{}", m.key),
                };
                if let Some(c) = &m.cue {
                    rule.push_str(&format!("+cue:{c}"));
                }
                if m.metonym {
                    rule.push_str("+metonym_verb");
                } else if m.org_neighbour {
                    rule.push_str("+in_name");
                }
                places.push(Place {
                    span: doc.span(m.start, m.end),
                    geonameid: (e.geonameid != 0).then_some(e.geonameid as u64),
                    name: self.gaz.name(e).to_string(),
                    lat: Some(round5(lat)),
                    lon: Some(round5(lon)),
                    country: (&e.country != b"--").then(|| iso(e)),
                    admin1: self.admin1_name(best),
                    feature: e.feature.as_str().to_string(),
                    geo_precision,
                    where_prec,
                    score: round3(prob),
                    role: role.to_string(),
                    alternatives,
                    rule,
                });
            }
            if !last {
                pass1 = next;
                ents = pass1.iter().map(|(e, _)| self.gaz.entity(*e)).collect();
            }
        }
        places
    }

    /// For each name's towns and counties, how many other names have a
    /// town or county of their own within a short distance: a county and
    /// its seat (Walker County and Huntsville, Texas), or neighbouring
    /// towns, settle each other where both names exist in several states.
    fn near_support<'m>(
        &self,
        mentions: &'m [Mention],
        priors: &[Vec<f32>],
    ) -> HashMap<(&'m str, u32), f32> {
        let mut names: Vec<&str> = Vec::new();
        // Point, name, candidate, and how plausible the candidate is for
        // its name (1 for its best prior): "Washington", Georgia, lends
        // its neighbours little, Washington, D.C., being the usual reading.
        let mut pts: Vec<(f32, f32, usize, u32, f32)> = Vec::new();
        for (m, pr) in mentions.iter().zip(priors) {
            if m.person || m.alias.is_some() || m.name_neighbour || m.weak_start {
                continue;
            }
            if names.contains(&m.key.as_str()) {
                continue;
            }
            names.push(m.key.as_str());
            let id = names.len() - 1;
            let top = pr.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            for (&c, &p) in m.cands.iter().zip(pr) {
                let e = self.gaz.entity(c);
                let own = match e.feature {
                    Feature::City => self.is_main_name(e, &m.key),
                    Feature::Admin2 => {
                        (m.key.contains(' ') || m.hint == Hint::Admin2)
                            && (e.population > 0 || self.county_points.contains(&c))
                    }
                    _ => false,
                };
                if own {
                    pts.push((e.lat, e.lon, id, c, ((p - top) / 0.2).exp()));
                }
            }
        }
        let mut out: HashMap<(&str, u32), f32> = HashMap::new();
        if names.len() < 2 {
            return out;
        }
        // A county and its namesake town lie together in every state.
        let bases: Vec<&str> = names.iter().map(|n| self.base_name(n)).collect();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.3.cmp(&b.3)));
        // Supporting names of each point, found through grid cells as wide
        // as the radius (a long story has thousands of candidate points).
        let mut support: Vec<Vec<(usize, f32)>> = vec![Vec::new(); pts.len()];
        for (i, j) in near_pairs(&pts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), NEAR_KM) {
            if bases[pts[i].2] != bases[pts[j].2] {
                support[i].push((pts[j].2, pts[j].4));
                support[j].push((pts[i].2, pts[i].4));
            }
        }
        for (p, mut s) in pts.iter().zip(support) {
            if s.is_empty() {
                continue;
            }
            // The most plausible candidate of each supporting name.
            s.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            s.dedup_by_key(|x| x.0);
            out.insert(
                (names[p.2], p.3),
                s.iter().map(|x| x.1).sum::<f32>().min(1.0),
            );
        }
        out
    }

    /// A name without its unit words, the cue words of a county or a town
    /// ("walker county" → "walker", "city of richmond" → "richmond").
    fn base_name<'a>(&self, key: &'a str) -> &'a str {
        let unit = |w: &str| {
            matches!(self.lex.after.get(w), Some(CueKind::Admin2 | CueKind::City))
                || self.lex.plural_units.values().any(|u| u == w)
        };
        let key = key
            .split_once(' ')
            .and_then(|(a, rest)| {
                let (of, rest) = rest.split_once(' ')?;
                (of == "of" && unit(a)).then_some(rest)
            })
            .unwrap_or(key);
        key.rsplit_once(' ')
            .filter(|(_, w)| unit(w))
            .map_or(key, |(b, _)| b)
    }

    /// Keep a resolved mention, or drop it as too weak.
    fn accept(&self, m: &Mention, e: &Entity, supported: bool, local: bool, vouched: bool) -> bool {
        let big = e.feature == Feature::Country || e.population >= 1_000_000;
        if m.weak_start && !big {
            return false;
        }
        if m.name_neighbour {
            return false;
        }
        // Another mention of the name, after a place cue, was read as this
        // same place, among the story's other places: "the X", "X invited",
        // "X Town Hall" are it too.
        // So is "a Laconia man", "Laconia police", even when the story names
        // no other place: the institution word makes it a town's.
        if vouched
            && (local || m.institution)
            && !m.person
            && matches!(e.feature, Feature::City | Feature::Admin2)
        {
            return true;
        }
        // A full county name only one state has ("the Guernsey County
        // Common Pleas Court") needs no other support.
        // "Dublin City Council", "the Texas Forest Service": a place inside
        // an organisation's name is still a place the text names (GeoWebNews
        // Embedded_*, LGL); kept as a metonym (never an event place) when it
        // is a country, or a first-level unit of a country the document is
        // about ("the Gulf Cooperation Council" is no Papuan province). Towns and counties stay out:
        // inside a name they are too often homonyms ("Dublin City Council"
        // in Ohio) for the context rules to resolve; a city of a million
        // read by its own name before or after a common word ("the Los
        // Angeles Superior Court", "the Harare City Council") is kept: the
        // reading won over its homonyms. An actor's name around it, or a
        // rare word after a province's name, is no such sign ("Santiago
        // Arguelles", a person).
        if m.org_neighbour
            && !(e.feature == Feature::Country
                || e.feature == Feature::Admin1 && supported
                || e.feature == Feature::Admin2
                    && m.key.contains(' ')
                    && (supported || m.cands.len() == 1)
                || m.institution && local
                || e.feature == Feature::City
                    && m.org_word
                    && e.population >= 1_000_000
                    && self.is_main_name(e, &m.key))
        {
            return false;
        }
        if m.alias.is_some() {
            return true;
        }
        if m.person && matches!(e.feature, Feature::City | Feature::Admin2) && !e.capital {
            return false;
        }
        // "Martin's farm", "Dunn's Automotive", "at Culver's": a small
        // town's name with a possessive, lying outside the story's places,
        // is a person's or a business's, even after "at" or "on" (the
        // place is the farm or the shop); "Gainesville's mayor" in a
        // Georgia story stays the town.
        if m.possessive
            && e.feature == Feature::City
            && !e.capital
            && e.population < 100_000
            && !local
            && !m.near
            && m.hint == Hint::None
        {
            return false;
        }
        // "St. Patrick's Day", "St. Mary's students", "St. John's Health
        // System": a saint's name with a possessive, lying outside the
        // story's places, is the saint's feast, church, school or hospital,
        // not a parish or town of that name ("St. Louis's mayor" stays);
        // a village's even among the story's places ("St. John's ER" in a
        // story that names St. Louis is no suburb's).
        if m.possessive
            && self.canonical(&m.key).starts_with("saint ")
            && (!local || e.population < 10_000)
            && !m.near
            && e.feature != Feature::Country
            && !e.capital
            && !(e.feature == Feature::City && e.population >= 100_000)
        {
            return false;
        }
        // "Jones said": a small town does not speak; a person does.
        if m.metonym && e.feature == Feature::City && !e.capital && e.population < 100_000 {
            return false;
        }
        // "the White House": a town's name after "the" is a building or an
        // institution, unless a big town's name, or its name spelled another
        // way ("the Jabalia camp" for Jabālyā).
        if m.after_the
            && e.feature == Feature::City
            && (e.population < 100_000
                || !(self.is_main_name(e, &m.key) || self.spells_main_name(e, &m.key)))
            && m.hint == Hint::None
            && !(m.institution && local)
        {
            return false;
        }
        // An alternate name unlike the main one ("Kelly" for Harvest) is weak
        // evidence; a transliteration ("Azaz" for I‘zāz, "Deraa" for Dar‘ā)
        // is not, nor a name that the town's own unit bears too ("Nabatieh"
        // for Nabatîyé et Tahta in An Nabaţīyah governorate), nor one that
        // the gazetteer gives in several spellings ("Kobani" and "Kobane"
        // for ‘Ayn al ‘Arab): a name in use, not a one-off.
        let weak_alternate = e.feature == Feature::City
            && e.population < 200_000
            && !self.is_main_name(e, &m.key)
            && !self.spells_main_name(e, &m.key)
            && !self.unit_bears_name(m, e)
            && !self.spelled_several_ways(e, &m.key);
        match e.feature {
            Feature::Country
            | Feature::Admin1
            | Feature::Continent
            | Feature::Region
            | Feature::Sea => true,
            // A full unit name ("Orange County", "Al-Bab District") is a place.
            Feature::Admin2 if m.key.contains(' ') => true,
            Feature::Admin2 | Feature::City if weak_alternate => {
                (m.locative || m.near || m.hint != Hint::None) && supported
            }
            Feature::Admin2 | Feature::City => {
                e.population >= 20_000
                    || m.locative
                    || m.near
                    || m.hint != Hint::None
                    || supported
                    || starts_arabic(&m.key)
            }
        }
    }

    /// True when `key` spells the entity's main name another way: few
    /// edits apart (see [`similar`]) or, in a country whose names reach the
    /// news transliterated from Arabic, apart only in vowels and doubled
    /// letters ("Deraa" and Dar‘ā; see [`close_spelling`]).
    fn spells_main_name(&self, e: &Entity, key: &str) -> bool {
        let main = normalize(self.gaz.name(e));
        similar(&main, key)
            || (arabic_named_countries().contains(&e.country) && close_spelling(&main, key))
    }

    /// True when a unit among the mention's candidates holds the city and
    /// bears the same name: the unit is named after its seat, so the name is
    /// the city's too ("Nabatieh": the governorate and its main town).
    fn unit_bears_name(&self, m: &Mention, e: &Entity) -> bool {
        m.cands.iter().any(|&c| {
            let u = self.gaz.entity(c);
            u.country == e.country
                && match u.feature {
                    Feature::Admin1 => e.admin1 == Some(c),
                    Feature::Admin2 => {
                        u.admin1 == e.admin1 && haversine_km(u.lat, u.lon, e.lat, e.lon) < NEAR_KM
                    }
                    _ => false,
                }
        })
    }

    /// True when, in a country whose names reach the news transliterated,
    /// the gazetteer gives the entity another name spelled close to `key`
    /// (the two share their first three letters after any article:
    /// "Kobane" for "Kobani", "El Geneina" for "Geneina"): a name
    /// transliterated several ways is in use. Diacritics alone make no
    /// other spelling, they normalise away. Elsewhere such pairs are as
    /// often stray alternates ("Snell" and "Snells" for Snellville).
    fn spelled_several_ways(&self, e: &Entity, key: &str) -> bool {
        /// Keys read at most, from the shared prefix on.
        const MAX_SCAN: usize = 4_000;
        /// The key without a leading article ("el geneina" → "geneina").
        fn bare(key: &str) -> &str {
            match key.split_once(' ') {
                Some((a, rest)) if is_arabic_article(a) => rest,
                _ => key,
            }
        }
        let b = bare(key);
        if b.len() < 4
            || !key.bytes().all(|c| c.is_ascii_lowercase() || c == b' ')
            || !arabic_named_countries().contains(&e.country)
        {
            return false;
        }
        // The other spelling may come with an article or without one.
        let prefixes = std::iter::once(b[..3].to_string())
            .chain(arabic_articles().iter().map(|a| format!("{a} {}", &b[..3])));
        prefixes.into_iter().any(|prefix| {
            self.gaz.keys_with_prefix(&prefix).take(MAX_SCAN).any(|k| {
                let other = self.gaz.key(k);
                other != key
                    && bare(other).len().abs_diff(b.len()) <= 2
                    && similar(other, key)
                    && self
                        .gaz
                        .postings(k)
                        .any(|i| self.gaz.entity(i).geonameid == e.geonameid)
            })
        })
    }

    /// True when `key` is the entity's own name, not one of its alternates.
    fn is_main_name(&self, e: &Entity, key: &str) -> bool {
        let name = normalize(self.gaz.name(e));
        name == key || (name.len() != key.len() && self.canonical(&name) == self.canonical(key))
    }

    fn admin1_name(&self, i: u32) -> Option<String> {
        let e = self.gaz.entity(i);
        match e.feature {
            Feature::Country | Feature::Continent | Feature::Region | Feature::Sea => None,
            Feature::Admin1 => Some(self.gaz.name(e).to_string()),
            _ => e
                .admin1
                .map(|a| self.gaz.name(self.gaz.entity(a)).to_string()),
        }
    }

    fn candidate(&self, i: u32, score: f32) -> PlaceCandidate {
        let e = self.gaz.entity(i);
        PlaceCandidate {
            geonameid: e.geonameid as u64,
            name: self.gaz.name(e).to_string(),
            lat: round5(e.lat),
            lon: round5(e.lon),
            country: iso(e),
            admin1: self.admin1_name(i),
            feature: e.feature.as_str().to_string(),
            score: round3(score),
        }
    }
}

impl Stage for PlaceTagger {
    fn name(&self) -> &'static str {
        "places"
    }

    fn annotate(&self, doc: &Doc, analysis: &mut Analysis) {
        analysis.places = self.tag(doc, &analysis.actors);
    }
}

fn apply_cue(m: &mut Mention, kind: CueKind) {
    match kind {
        CueKind::Locative => m.locative = true,
        CueKind::Near => {
            m.locative = true;
            m.near = true;
        }
        CueKind::City => m.hint = Hint::City,
        CueKind::Admin => m.hint = Hint::Admin,
        CueKind::Admin2 => m.hint = Hint::Admin2,
        CueKind::Institution => m.institution = true,
    }
}

fn iso(e: &Entity) -> String {
    String::from_utf8_lossy(&e.country).into_owned()
}

fn round5(x: f32) -> f64 {
    (x as f64 * 1e5).round() / 1e5
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn softmax(s: &[Scored]) -> Vec<f32> {
    const T: f32 = 0.2;
    let max = s.iter().map(|x| x.score).fold(f32::NEG_INFINITY, f32::max);
    let ex: Vec<f32> = s.iter().map(|x| ((x.score - max) / T).exp()).collect();
    let sum: f32 = ex.iter().sum();
    ex.iter().map(|x| x / sum.max(f32::MIN_POSITIVE)).collect()
}

/// Highest-scoring candidate; ties go to the lower entity index (deterministic).
fn best_of(s: &[Scored], probs: &[f32]) -> (u32, f32) {
    let mut best = 0;
    for k in 1..s.len() {
        if s[k].score > s[best].score
            || (s[k].score == s[best].score && s[k].entity < s[best].entity)
        {
            best = k;
        }
    }
    (s[best].entity, probs[best])
}

/// US counties at their own point (`data/places/us_county_points.tsv`)
/// rather than at the centre of their state or of a town of their name;
/// returns the counties so placed.
fn seat_us_counties(gaz: &mut Gazetteer, points: &[(String, String, f32, f32)]) -> HashSet<u32> {
    let by_name: HashMap<(&str, &str), (f32, f32)> = points
        .iter()
        .map(|(s, c, la, lo)| ((s.as_str(), c.as_str()), (*la, *lo)))
        .collect();
    let mut seats = Vec::new();
    for (i, e) in gaz.entities().iter().enumerate() {
        if e.feature != Feature::Admin2 || &e.country != b"US" {
            continue;
        }
        let Some(a) = e.admin1 else { continue };
        let state = gaz.name(gaz.entity(a));
        if let Some(&(lat, lon)) = by_name.get(&(state, gaz.name(e))) {
            seats.push((i as u32, lat, lon));
        }
    }
    let mut placed = HashSet::new();
    for (i, lat, lon) in seats {
        gaz.set_coords(i, lat, lon);
        placed.insert(i);
    }
    placed
}

/// ACLED codes an event known only to its province at the provincial
/// capital (geo_precision 3). GeoNames lists no seats in our extract, so the
/// capital is the largest town of the province that bears its name (Aleppo,
/// Idlib, Raqqa, Homs; most of the Middle East and Africa name provinces so);
/// a province without one keeps the centre of its towns.
fn seat_provinces_at_capitals(gaz: &mut Gazetteer) {
    let mut seat: HashMap<u32, (u32, f32, f32)> = HashMap::new();
    // Province keys, normalised once each (there are some thousands of
    // provinces against hundreds of thousands of cities).
    let mut province_keys: HashMap<u32, String> = HashMap::new();
    let mut key = String::new();
    for e in gaz.entities() {
        let Some(a) = e.admin1 else { continue };
        if e.feature != Feature::City {
            continue;
        }
        let province = gaz.entity(a);
        if province.feature != Feature::Admin1 {
            continue;
        }
        let province_key = province_keys
            .entry(a)
            .or_insert_with(|| normalize(gaz.name(province)));
        normalize_into(gaz.name(e), &mut key);
        if key != *province_key {
            continue;
        }
        let slot = seat.entry(a).or_insert((0, e.lat, e.lon));
        if e.population >= slot.0 {
            *slot = (e.population, e.lat, e.lon);
        }
    }
    let mut seats: Vec<_> = seat.into_iter().collect();
    seats.sort_unstable_by_key(|(a, _)| *a);
    for (a, (_, lat, lon)) in seats {
        gaz.set_coords(a, lat, lon);
    }
}

/// An Arabic article written as its own unit ("al", "Ash").
fn is_article(w: &str) -> bool {
    is_arabic_article(&w.to_ascii_lowercase())
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
}

/// Mean earth radius of [`haversine_km`].
const EARTH_KM: f32 = 6371.0;

/// Points bucketed in grid cells `cell` degrees of latitude and longitude
/// wide, for finding the points near one without measuring them all.
struct PointGrid {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl PointGrid {
    fn new(pts: &[(f32, f32)], cell: f32) -> PointGrid {
        let mut g = PointGrid {
            cell,
            cells: HashMap::new(),
        };
        for (i, &(lat, lon)) in pts.iter().enumerate() {
            let k = (g.index(lat), g.index(lon));
            g.cells.entry(k).or_default().push(i);
        }
        g
    }

    fn index(&self, deg: f32) -> i32 {
        (deg / self.cell).floor() as i32
    }

    /// Calls `f` with every point that may lie within `km` of the given
    /// one (a superset: callers measure), each once.
    fn around(&self, lat: f32, lon: f32, km: f32, mut f: impl FnMut(usize)) {
        // A degree of latitude is 111.19 km; a little margin for rounding.
        let dlat = km / 111.0 * 1.001 + 1e-4;
        let rows = self.index(lat - dlat)..=self.index(lat + dlat);
        // Longitude: two points within `km` whose latitudes are at most
        // `phi` (absolute) differ by at most 2 asin(sin(km / 2R) / cos phi).
        let phi = (lat.abs() + dlat).min(90.0).to_radians();
        let s = (km / (2.0 * EARTH_KM)).sin() / phi.cos().max(1e-6);
        let dlon = if s < 0.999 {
            (2.0 * s.asin()).to_degrees() * 1.001 + 1e-4
        } else {
            f32::INFINITY
        };
        // Near a pole: every cell of the rows.
        if dlon >= 30.0 {
            for (&(r, _), v) in &self.cells {
                if rows.contains(&r) {
                    v.iter().for_each(|&i| f(i));
                }
            }
            return;
        }
        let mut cols: Vec<std::ops::RangeInclusive<i32>> = Vec::with_capacity(2);
        cols.push(self.index(lon - dlon)..=self.index(lon + dlon));
        // Across the antimeridian (points lie within -180..=180).
        if lon - dlon < -180.0 {
            cols.push(self.index(lon - dlon + 360.0)..=self.index(180.0));
        }
        if lon + dlon > 180.0 {
            cols.push(self.index(-180.0)..=self.index(lon + dlon - 360.0));
        }
        for r in rows {
            for cs in &cols {
                for c in cs.clone() {
                    if let Some(v) = self.cells.get(&(r, c)) {
                        v.iter().for_each(|&i| f(i));
                    }
                }
            }
        }
    }
}

/// Pairs `(i, j)`, `i < j`, of points no more than `km` apart, in order.
fn near_pairs(pts: &[(f32, f32)], km: f32) -> Vec<(usize, usize)> {
    let grid = PointGrid::new(pts, km / 111.0);
    let mut out = Vec::new();
    let mut found: Vec<usize> = Vec::new();
    for (i, &(lat, lon)) in pts.iter().enumerate() {
        found.clear();
        grid.around(lat, lon, km, |j| {
            if j > i && haversine_km(lat, lon, pts[j].0, pts[j].1) <= km {
                found.push(j);
            }
        });
        found.sort_unstable();
        out.extend(found.iter().map(|&j| (i, j)));
    }
    out
}

/// Capitalised, or an Arabic article before a capital ("al-Bab", "el-Arish").
fn is_cap(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    if c.is_uppercase() {
        return true;
    }
    if let Some((pre, rest)) = s.split_once('-') {
        return is_arabic_article(pre) && rest.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// Two spellings of one name: few edits apart once articles and spaces are
/// dropped, or the same once a doubled letter is written once and a
/// word-final "h" after a vowel is dropped (transliterations: "Saada" and
/// "Sa'dah", "Hama" and "Hamah").
fn similar(a: &str, b: &str) -> bool {
    fn core(s: &str) -> Vec<char> {
        s.split(' ')
            .filter(|w| !is_arabic_article(w))
            .flat_map(str::chars)
            .collect()
    }
    fn folded(s: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for w in s.split(' ').filter(|w| !is_arabic_article(w)) {
            let mut cs: Vec<char> = w.chars().collect();
            if cs.len() > 2
                && cs.last() == Some(&'h')
                && matches!(cs[cs.len() - 2], 'a' | 'e' | 'i' | 'o' | 'u')
            {
                cs.pop();
            }
            for c in cs {
                if out.last() != Some(&c) {
                    out.push(c);
                }
            }
        }
        out
    }
    let fa = folded(a);
    if !fa.is_empty() && fa == folded(b) {
        return true;
    }
    let (a, b) = (core(a), core(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= (a.len().max(b.len()) / 3).max(1)
}

/// The text between a place name and the unit or country that holds it: a
/// comma (", Ga."), or "in", after a comma or not, with an article or a
/// direction (", in central Mali", "in the southern Gaza Strip"; "in the
/// north of" is not one). The directions are the `direction` cues of
/// `data/places/cues.tsv`.
fn container_gap(between: &str, directions: &HashSet<String>) -> bool {
    let between = between.trim();
    let rest = between.strip_prefix(',').unwrap_or(between);
    if rest.len() == between.len() && !between.starts_with("in ") && between != "in" {
        return false;
    }
    let mut words = rest.split_whitespace();
    match words.next() {
        None => true,
        Some("in") => words.all(|w| w == "the" || directions.contains(w)),
        Some(_) => false,
    }
}

/// "Barack": an upper-case letter followed by lower-case letters only.
fn is_titlecase(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(char::is_uppercase)
        && s.chars().count() >= 2
        && cs.all(char::is_lowercase)
}

fn starts_arabic(s: &str) -> bool {
    s.chars().next().is_some_and(is_arabic)
}

/// "ISIS", "SANA": all-caps words of up to four letters are acronyms, not places.
fn is_short_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 4 && letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// True when most longer words of the sentence are capitalised (a title).
/// A title-case line, where capitals say nothing about names. A sentence
/// with a lowercase word of five letters or more ("Police Chief Robert
/// Douglas said Stephen Davis, of Chiefland, had been arguing with Michael
/// Durr") is prose full of names, not a headline: title case leaves only
/// short function words ("of", "with", "from") in lowercase.
fn is_headline(doc: &Doc, toks: std::ops::Range<usize>) -> bool {
    let (mut caps, mut n, mut lower_long) = (0, 0, 0);
    for t in toks {
        let tok = &doc.tokens[t];
        if tok.kind != TokenKind::Word {
            continue;
        }
        let w = doc.token_text(tok);
        let len = w.chars().count();
        if len < 4 {
            continue;
        }
        n += 1;
        if is_cap(w) {
            caps += 1;
        } else if len >= 5 && w.chars().all(|c| c.is_lowercase()) {
            lower_long += 1;
        }
    }
    n >= 3 && caps * 10 >= n * 7 && lower_long < 1
}

fn joinable(text: &str, a: &Unit, b: &Unit) -> bool {
    if a.hy_next {
        return b.tok == a.tok && b.hy_prev;
    }
    !a.cut && b.tok == a.tok + 1 && &text[a.end..b.start] == " "
}

/// Word-like units of a sentence: words and hashtags (without `#`), with a
/// lower-case hyphenated suffix cut off a capitalised word ("U.S.-led").
fn sentence_units(doc: &Doc, toks: std::ops::Range<usize>) -> Vec<Unit> {
    let mut out = Vec::new();
    for t in toks {
        let tok = &doc.tokens[t];
        match tok.kind {
            TokenKind::Word => {
                let w = doc.token_text(tok);
                let mut start = tok.start;
                let mut end = tok.end;
                let mut cut = false;
                // "anti-Russian", "ex-Soviet": the name starts after a lower-case prefix.
                if let Some((pre, rest)) = w.split_once('-') {
                    if !pre.is_empty()
                        && pre.chars().all(|c| c.is_ascii_lowercase())
                        && rest.chars().next().is_some_and(char::is_uppercase)
                        && !is_cap(w)
                    {
                        start = tok.start + pre.len() + 1;
                    }
                }
                if let Some((pre, suf)) = w.rsplit_once('-') {
                    if !pre.is_empty()
                        && !suf.is_empty()
                        && suf.chars().all(|c| c.is_ascii_lowercase())
                        && pre.chars().next().is_some_and(char::is_uppercase)
                    {
                        end = tok.start + pre.len();
                        cut = true;
                    }
                }
                // "Egypt-US", "R-Marshall", "Winston-Salem": capitalised
                // parts joined by hyphens are units of their own, which a
                // name may span again across the hyphen.
                let body = &doc.text[start..end];
                let parts = body.split('-').count();
                if parts > 1
                    && body
                        .split('-')
                        .all(|p| p.chars().next().is_some_and(char::is_uppercase))
                {
                    let mut at = start;
                    for (k, p) in body.split('-').enumerate() {
                        let last = k + 1 == parts;
                        out.push(Unit {
                            start: at,
                            end: at + p.len(),
                            tok: t,
                            cut: cut && last,
                            hy_prev: k > 0,
                            hy_next: !last,
                        });
                        at += p.len() + 1;
                    }
                    continue;
                }
                out.push(Unit {
                    start,
                    end,
                    tok: t,
                    cut,
                    hy_prev: false,
                    hy_next: false,
                });
            }
            TokenKind::Hashtag if tok.end > tok.start + 1 => out.push(Unit {
                start: tok.start + 1,
                end: tok.end,
                tok: t,
                cut: true,
                hy_prev: false,
                hy_next: false,
            }),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static PlaceTagger {
        static T: OnceLock<PlaceTagger> = OnceLock::new();
        T.get_or_init(|| match PlaceTagger::load_default() {
            Ok(t) => t,
            Err(e) => panic!("load: {e}"),
        })
    }

    fn places(text: &str) -> Vec<Place> {
        tagger().tag(&Doc::new("t", text), &[])
    }

    fn find<'a>(ps: &'a [Place], text: &str) -> &'a Place {
        match ps.iter().find(|p| p.span.text == text) {
            Some(p) => p,
            None => panic!(
                "no place {text:?} in {:?}",
                ps.iter().map(|p| &p.span.text).collect::<Vec<_>>()
            ),
        }
    }

    #[test]
    fn a_state_inside_an_organisation_name_is_a_metonym_a_town_is_dropped() {
        let ps =
            places("Floods closed roads near Dayton, Ohio, and the Ohio Department of Transportation sent crews.");
        let inner: Vec<&Place> = ps
            .iter()
            .filter(|p| p.span.text == "Ohio" && p.rule.ends_with("+in_name"))
            .collect();
        assert_eq!(inner.len(), 1, "{ps:#?}");
        assert_eq!(inner[0].role, "metonym");
        assert_eq!(inner[0].feature, "admin1");
        let ps = places("The Dublin City Council met on Monday in Ohio.");
        assert!(
            ps.iter().all(|p| !p.span.text.starts_with("Dublin")),
            "{ps:#?}"
        );
    }

    #[test]
    fn a_county_known_only_by_its_state_sits_at_its_own_point() {
        let ps = places("The Avoyelles Parish School Board met in Cottonport, La.");
        let parish = find(&ps, "Avoyelles Parish");
        assert_eq!(parish.feature, "admin2");
        assert_eq!((parish.geo_precision, parish.where_prec), (2, 3));
        // It has a point of its own (data/places/us_county_points.tsv),
        // near the town in it, with or without the town in the story.
        let town = find(&ps, "Cottonport");
        let near = |p: &Place| {
            let (lat, lon) = (p.lat.unwrap_or(0.0) as f32, p.lon.unwrap_or(0.0) as f32);
            haversine_km(
                lat,
                lon,
                town.lat.unwrap_or(0.0) as f32,
                town.lon.unwrap_or(0.0) as f32,
            )
        };
        assert!(near(parish) < 40.0);
        let ps = places("Officers in Avoyelles Parish, La., said on Monday.");
        let (parish, state) = (find(&ps, "Avoyelles Parish"), find(&ps, "La."));
        assert!(near(parish) < 40.0);
        assert_eq!(parish.admin1, state.admin1);
    }

    #[test]
    fn a_province_known_by_another_short_name_is_found_by_its_unit_word() {
        // GeoNames lists the governorate as "Şāʻdah", "Saada Governorate":
        // the unit word after or before the name finds it, with no country
        // named anywhere in the story.
        for (text, span) in [
            (
                "Airstrikes hit a market in Saada province on Tuesday.",
                "Saada province",
            ),
            ("Five people died in the province of Saada.", "Saada"),
        ] {
            let ps = places(text);
            let p = find(&ps, span);
            assert_eq!(p.geonameid, Some(71333), "{text}: {p:#?}");
            assert_eq!((p.feature.as_str(), p.geo_precision), ("admin1", 3));
        }
        // The bare name after "in" is the town, a transliteration of the
        // town's own name ("Sa'dah"), not a weak alternate.
        let ps = places("Fighting was reported in Saada on Tuesday.");
        assert_eq!(find(&ps, "Saada").geonameid, Some(71334));
    }

    #[test]
    fn a_short_name_spelled_unlike_the_gazetteer_is_found_in_its_country() {
        // GeoNames has "Hodeida" and "El-Hodeidah", not "Hodeidah"; its
        // skeleton ("hd") is too short, its fold is not. "off" is a place
        // cue of the sea near a town.
        let ps = places("Yemeni forces fought the rebels. Rebels attacked ships off Hodeidah.");
        let p = find(&ps, "Hodeidah");
        assert_eq!(p.geonameid, Some(79415), "{p:#?}");
        assert_eq!(p.geo_precision, 2);
        // Without the country in the story a variant is not trusted.
        let ps = places("Rebels attacked ships off Hodeidah.");
        assert!(ps.iter().all(|p| p.span.text != "Hodeidah"), "{ps:#?}");
    }

    #[test]
    fn an_oblast_is_a_first_level_unit() {
        let ps = places("Russian forces shelled Nikopol in the Dnipropetrovsk oblast.");
        let p = find(&ps, "Dnipropetrovsk oblast");
        assert_eq!((p.feature.as_str(), p.geonameid), ("admin1", Some(709929)));
        let ps = places("Fighting intensified in Zaporizhzhia oblast.");
        assert_eq!(find(&ps, "Zaporizhzhia oblast").feature, "admin1");
    }

    #[test]
    fn a_transliterated_spelling_beats_a_village_of_that_exact_name() {
        // "Jenin" is an alternate of Janīn (West Bank), the main name of a
        // Polish village; "Derna" of Darnah (Libya) and of a Romanian one.
        for (text, span, country) in [
            ("Troops raided Jenin on Monday.", "Jenin", "PS"),
            ("Floods swept through Derna on Monday.", "Derna", "LY"),
        ] {
            let ps = places(text);
            assert_eq!(find(&ps, span).country.as_deref(), Some(country), "{text}");
        }
    }

    #[test]
    fn an_arabic_compound_name_is_read_whole_not_by_its_head() {
        for (text, span, id) in [
            ("Syrian troops shelled Tal Abyad.", "Tal Abyad", 163750),
            (
                "Israeli strikes hit Deir al-Balah in Gaza.",
                "Deir al-Balah",
                281141,
            ),
        ] {
            let ps = places(text);
            assert_eq!(find(&ps, span).geonameid, Some(id), "{text}: {ps:#?}");
        }
        // A head that is a known place elsewhere does not pull in a name
        // that is no variant: "Illinois" stays.
        let ps = places("Crews closed Illinois Route 159 near Edwardsville.");
        assert!(ps.iter().any(|p| p.span.text == "Illinois"), "{ps:#?}");
    }

    #[test]
    fn a_town_the_text_puts_in_a_country_is_no_namesake_elsewhere() {
        // The gazetteer has no Moura in Mali: the Portuguese town is wrong.
        for text in [
            "Soldiers killed civilians in Moura, in central Mali, in March.",
            "Soldiers killed civilians in Moura, Mali, in March.",
        ] {
            let ps = places(text);
            assert!(ps.iter().all(|p| p.span.text != "Moura"), "{ps:#?}");
            assert!(ps.iter().any(|p| p.span.text == "Mali"), "{ps:#?}");
        }
        // Nor is a district after "in" the home of a namesake abroad.
        let ps = places(
            "Militants attacked a police post in Jani Khel in Bannu district of Khyber \
             Pakhtunkhwa province, Pakistan.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Jani Khel"), "{ps:#?}");
        // A list is no container.
        let ps = places("Dancers came from Missouri, New York, North Carolina and Virginia.");
        assert!(ps.iter().any(|p| p.span.text == "New York"), "{ps:#?}");
    }

    #[test]
    fn transliterations_are_similar_unlike_names_are_not() {
        assert!(similar("saada", "sadah"));
        assert!(similar("hama", "hamah"));
        assert!(similar("deir al balah", "dayr al bala"));
        assert!(similar("tall abyadh", "tal abyad"));
        assert!(!similar("nina", "neenah"));
        assert!(!similar("khan", "haan"));
    }

    #[test]
    fn a_state_after_a_comma_picks_the_namesake() {
        let ps = places("Officials met in Fort Worth, Texas, and later in Gainesville, Ga.");
        let g = find(&ps, "Gainesville");
        assert_eq!(g.admin1.as_deref(), Some("Georgia"), "{g:#?}");
    }

    #[test]
    fn a_name_after_a_title_is_a_person_throughout() {
        let ps = places(
            "President Obama signed the bill in Washington. The bill was a win for Obama and for Charleston.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Obama"), "{ps:#?}");
        assert!(ps.iter().any(|p| p.span.text == "Charleston"));
    }

    #[test]
    fn georgia_in_an_american_story_is_the_state() {
        let ps = places(
            "Police in Atlanta and Savannah said the storm hit Georgia hard, and Florida too.",
        );
        let g = find(&ps, "Georgia");
        assert_eq!(
            (g.feature.as_str(), g.country.as_deref()),
            ("admin1", Some("US")),
            "{g:#?}"
        );
        let ps = places("Russian troops entered Georgia from South Ossetia.");
        assert_eq!(find(&ps, "Georgia").feature, "country");
    }

    #[test]
    fn aleppo_is_the_city() {
        let ps = places("Government warplanes struck Aleppo on Monday, activists said.");
        let p = find(&ps, "Aleppo");
        assert_eq!(p.geonameid, Some(170063));
        assert_eq!(p.feature, "city");
        assert_eq!((p.geo_precision, p.where_prec), (1, 1));
        assert!((p.lat.unwrap_or(0.0) - 36.20).abs() < 0.05);
        assert!((p.lon.unwrap_or(0.0) - 37.16).abs() < 0.05);
        assert_eq!(p.country.as_deref(), Some("SY"));
        assert!(!p.alternatives.is_empty());
        assert_eq!(ps.len(), 1, "Monday is no place");
    }

    #[test]
    fn province_survives_a_country_actor_on_its_name() {
        // The actor tagger codes the bare city name ("Idlib" → SYR); the
        // longer "Idlib province" must still be a place.
        let doc = Doc::new("t", "Warplanes struck targets in Idlib province on Sunday.");
        let start = doc.text.find("Idlib").unwrap();
        let actor = Actor {
            span: doc.span(start, start + 5),
            code: "SYR".into(),
            ..Actor::default()
        };
        let ps = tagger().tag(&doc, &[actor]);
        assert_eq!(find(&ps, "Idlib province").feature, "admin1");
    }

    #[test]
    fn aleppo_province_is_the_governorate() {
        let ps = places("Fighting spread across the Aleppo province overnight.");
        let p = find(&ps, "Aleppo province");
        assert_eq!(p.feature, "admin1");
        assert_eq!(p.geonameid, Some(170062));
        assert_eq!((p.geo_precision, p.where_prec), (3, 4));
        // ACLED: a province is coded at its capital.
        assert!((p.lat.unwrap_or(0.0) - 36.20).abs() < 0.05, "{p:?}");
        assert!((p.lon.unwrap_or(0.0) - 37.16).abs() < 0.05, "{p:?}");
        let ps = places("Shelling was reported in the province of Aleppo.");
        assert_eq!(find(&ps, "Aleppo").feature, "admin1");
    }

    #[test]
    fn al_bab_and_its_spellings() {
        for (text, name) in [
            ("Rebels said the army shelled the town of al-Bab.", "al-Bab"),
            ("Rebels said the army shelled Al Bab near Aleppo.", "Al Bab"),
            ("Rebels said the army shelled the town of al-Bāb.", "al-Bāb"),
            ("Jets struck El Bab on Monday.", "El Bab"),
        ] {
            let ps = places(text);
            let p = find(&ps, name);
            assert_eq!(p.geonameid, Some(174018), "{text}");
            assert!((p.lat.unwrap_or(0.0) - 36.37).abs() < 0.05);
            assert!((p.lon.unwrap_or(0.0) - 37.52).abs() < 0.05);
        }
    }

    #[test]
    fn transliterations_and_arabic_script() {
        let ps = places("Rebels entered Azaz, Raqqa and Khan Sheikhoun.");
        assert_eq!(find(&ps, "Azaz").geonameid, Some(172082));
        assert_eq!(find(&ps, "Raqqa").feature, "city");
        assert_eq!(find(&ps, "Khan Sheikhoun").geonameid, Some(168325));
        let ps = places("Residents of Halab fled east.");
        assert_eq!(find(&ps, "Halab").geonameid, Some(170063));
        let ps = places("قصفت الطائرات مدينة حلب");
        assert_eq!(find(&ps, "حلب").geonameid, Some(170063));
    }

    #[test]
    fn directions_before_a_container_come_from_the_cue_file() {
        let lex = &tagger().lex;
        assert!(container_gap(", in central", &lex.directions));
        assert!(container_gap(" in the south-eastern ", &lex.directions));
        assert!(!container_gap(" in the north of ", &lex.directions));
        assert!(!container_gap(" in the troubled ", &lex.directions));
        // Not a cue before a name.
        assert!(!lex.before.contains_key(&vec!["central".to_string()]));
        let ps = places("Gunmen attacked Menaka, in eastern Mali.");
        assert_eq!(find(&ps, "Menaka").country, Some("ML".into()), "{ps:?}");
    }

    #[test]
    fn a_unit_named_after_its_seat_is_found_by_the_seats_other_spelling() {
        // The oblast goes by "Kharkiv"; "Kharkov" is only the city's.
        let ps = places("Drones hit targets across the Kharkov region on Sunday.");
        let p = find(&ps, "Kharkov region");
        assert_eq!(p.feature, "admin1", "{ps:?}");
        assert_eq!(p.country, Some("UA".into()));
        // The city itself stays the city.
        let ps = places("Drones hit targets in Kharkov on Sunday.");
        assert_eq!(find(&ps, "Kharkov").feature, "city", "{ps:?}");
    }

    #[test]
    fn a_big_towns_other_spelling_after_the_is_the_town() {
        let ps = places("Tanks ringed the Jabalia camp before dawn.");
        assert_eq!(find(&ps, "Jabalia").geonameid, Some(281129), "{ps:?}");
        // A smaller town's camp, said so.
        let ps = places("Shells fell on the Nuseirat refugee camp.");
        assert_eq!(find(&ps, "Nuseirat").geonameid, Some(281109), "{ps:?}");
        let ps = places("Shells fell on the Nuseirat bakery.");
        assert!(ps.iter().all(|p| p.span.text != "Nuseirat"), "{ps:?}");
    }

    #[test]
    fn a_small_town_of_a_country_far_from_the_storys_places_is_no_reading() {
        // GeoNames has a Lere in Nigeria only; the story is about Mali.
        let ps = places("Malian troops left Tombouctou and Gao for Léré, the army in Bamako said.");
        assert!(ps.iter().all(|p| p.span.text != "Léré"), "{ps:?}");
        assert_eq!(find(&ps, "Gao").country, Some("ML".into()));
        // Among Nigerian places it is the Nigerian town.
        let ps = places("Police in Kaduna and Zaria said gunmen attacked Lere on Sunday.");
        assert_eq!(find(&ps, "Lere").country, Some("NG".into()), "{ps:?}");
        // "near" does not spare it.
        let ps = places(
            "Malian troops left Tombouctou and Gao. Jihadists attacked an army post \
             near Léré, the army in Bamako said.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Léré"), "{ps:?}");
        // Off a coast or with a container a foreign town stays: the boat
        // sank off Italy's Lampedusa.
        let somalia = "Migrants from Somalia drowned. Officials in Mogadishu, Kismayo and \
                       Baidoa said the migrants had left Bosaso in March.";
        let ps = places(&format!(
            "{somalia} The boat sank off Lampedusa on Sunday, killing 40 people."
        ));
        assert_eq!(find(&ps, "Lampedusa").country, Some("IT".into()), "{ps:?}");
        let ps = places(&format!(
            "{somalia} Pozzallo, Italy, took in the survivors."
        ));
        assert_eq!(find(&ps, "Pozzallo").country, Some("IT".into()), "{ps:?}");
    }

    #[test]
    fn the_last_name_of_a_list_after_a_place_cue_is_no_speaker() {
        let ps = places("Families who fled to Ouahigouya and Kaya said the gunmen came at night.");
        assert_eq!(find(&ps, "Kaya").role, "literal", "{ps:?}");
        // Nor is a name after a common noun and "of".
        let ps = places("The governor of Kherson oblast said two people were hurt.");
        assert_eq!(find(&ps, "Kherson oblast").role, "literal", "{ps:?}");
        let ps = places("The Kingdom of Saudi Arabia said it would send aid.");
        assert_eq!(find(&ps, "Saudi Arabia").role, "metonym", "{ps:?}");
        // A list that is the subject still speaks.
        let ps = places("Burkina Faso and Mali said they would close the border.");
        assert_eq!(find(&ps, "Mali").role, "metonym", "{ps:?}");
        // So does one after a sentence-opening phrase that a comma closes,
        // whatever cue or day that phrase holds.
        let ps = places(
            "In a statement on Monday, Burkina Faso and Mali said jihadists killed 30 soldiers.",
        );
        assert_eq!(find(&ps, "Mali").role, "metonym", "{ps:?}");
        let ps = places("After talks in Niamey, Burkina Faso and Mali said they would act.");
        assert_eq!(find(&ps, "Mali").role, "metonym", "{ps:?}");
        // A day between the cue and the list ends the walk back.
        let ps = places("On Monday Burkina Faso and Mali said they would close the border.");
        assert_eq!(find(&ps, "Mali").role, "metonym", "{ps:?}");
        // A list after a cue inside the opening phrase is still no speaker.
        let ps = places(
            "After the raid, families who fled to Djibo, Kaya and Dori said they were hungry.",
        );
        assert_eq!(find(&ps, "Dori").role, "literal", "{ps:?}");
    }

    #[test]
    fn an_article_joined_by_a_hyphen_may_be_dropped() {
        let ps = places("The army lost control of Al-Gezira state in December.");
        let p = find(&ps, "Al-Gezira state");
        assert_eq!(
            (p.geonameid, p.feature.as_str()),
            (Some(408648), "admin1"),
            "{ps:?}"
        );
        let ps = places("Al Gore spoke in Nashville.");
        assert!(ps.iter().all(|p| !p.span.text.contains("Gore")), "{ps:?}");
        // Hyphenated names of groups and outlets stay no place.
        for (text, name) in [
            (
                "Al-Shabaab said its fighters killed 30 soldiers.",
                "Shabaab",
            ),
            ("Al-Jazeera reported heavy shelling overnight.", "Jazeera"),
            ("The Al-Quds Brigades claimed the rocket fire.", "Quds"),
            ("Al-Qaeda has denied any role in the attack.", "Qaeda"),
        ] {
            let ps = places(text);
            assert!(
                ps.iter().all(|p| !p.span.text.contains(name)),
                "{text}: {ps:?}"
            );
        }
    }

    #[test]
    fn a_lone_alternate_spelling_in_use_is_the_town() {
        // Spelled apart from the main name only in vowels (Dar‘ā).
        let ps = places("Artillery pounded Deraa overnight.");
        assert_eq!(find(&ps, "Deraa").geonameid, Some(170905), "{ps:?}");
        // Given in several spellings (Kobani, Kobane) for ‘Ayn al ‘Arab.
        let ps = places("Kobani was cut off for a week.");
        assert_eq!(find(&ps, "Kobani").geonameid, Some(172256), "{ps:?}");
        // Given with and without its article (El Geneina, Geneina).
        let ps = places("Militias looted El-Geneina for days.");
        assert_eq!(find(&ps, "El-Geneina").geonameid, Some(379303), "{ps:?}");
        // Borne by the governorate that the town is the seat of.
        let ps = places("A drone struck a car near Nabatieh.");
        assert_eq!(find(&ps, "Nabatieh").geonameid, Some(278913), "{ps:?}");
        // An ending spelled another way ("-iye" for "-iyah"), in a Lebanese
        // story, after a place cue.
        let ps = places("Lebanese media said shells fell on Nabatiye.");
        assert_eq!(find(&ps, "Nabatiye").country, Some("LB".into()), "{ps:?}");
        // A stray alternate spelled unlike the main name stays weak alone.
        let ps = places("Snell was cut off for a week.");
        assert!(ps.iter().all(|p| p.span.text != "Snell"), "{ps:?}");
    }

    #[test]
    fn damascus_is_the_capital_and_can_be_a_metonym() {
        let ps = places("Damascus denied any role in the attack on the convoy.");
        let p = find(&ps, "Damascus");
        assert_eq!(p.geonameid, Some(170654));
        assert_eq!(p.role, "metonym");
        let ps = places("Protesters gathered in Damascus on Friday.");
        let p = find(&ps, "Damascus");
        assert_eq!(p.geonameid, Some(170654));
        assert_eq!(p.role, "literal");
    }

    #[test]
    fn countries_and_demonyms() {
        let ps = places("Syrian troops pushed refugees from Syria into Iraq.");
        let d = find(&ps, "Syrian");
        assert_eq!(d.role, "demonym");
        assert_eq!(d.geonameid, Some(163843));
        assert_eq!(d.feature, "country");
        assert_eq!((d.geo_precision, d.where_prec), (3, 6));
        assert_eq!(find(&ps, "Syria").geonameid, Some(163843));
        assert_eq!(find(&ps, "Iraq").geonameid, Some(99237));
        let ps = places("Aleppan families waited at the border.");
        assert_eq!(find(&ps, "Aleppan").geonameid, Some(170063));
    }

    #[test]
    fn transliteration_variants_resolve_in_context() {
        let ps =
            places("Syrian jets struck the town of Maarat al-Numan and villages near Kafranbel.");
        let p = find(&ps, "Maarat al-Numan");
        assert_eq!(p.geonameid, Some(167611), "{ps:?}");
        assert!(p.rule.contains("skeleton"), "{}", p.rule);
        assert_eq!(find(&ps, "Kafranbel").geonameid, Some(168661), "{ps:?}");
        // Without a country that the rest of the text is about, no guess.
        let ps = places("Rescuers reached Maarat al-Numan on Sunday.");
        assert!(ps.is_empty(), "{ps:?}");
        // A lone capitalised word needs a place cue.
        let ps = places("Syrian officials said the Ministry would respond.");
        assert!(ps.iter().all(|p| p.span.text != "Ministry"), "{ps:?}");
    }

    #[test]
    fn people_and_organisations_are_not_places() {
        let ps = places("The lecture by Jordan Peterson drew a crowd in Toronto.");
        assert!(ps.iter().all(|p| p.span.text != "Jordan"), "{ps:?}");
        assert_eq!(find(&ps, "Toronto").country.as_deref(), Some("CA"));
        let ps = places("Mr. Homs spoke to reporters.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn actor_names_block_embedded_places() {
        let text = "A spokesman for the Idlib Brigade told reporters in Idlib that talks failed.";
        let doc = Doc::new("t", text);
        let b = text.find("the Idlib Brigade").unwrap_or(0);
        let actor = Actor {
            span: doc.span(b, b + "the Idlib Brigade".len()),
            code: "SYRREB".into(),
            name: "Idlib Brigade".into(),
            ..Actor::default()
        };
        let ps = tagger().tag(&doc, &[actor]);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].span.start, text.rfind("Idlib").unwrap_or(0));
    }

    #[test]
    fn washington_said_is_a_metonym_and_us_embassy_is_not_literal() {
        let ps = places("Washington said the U.S. Embassy would stay closed.");
        assert_eq!(find(&ps, "Washington").role, "metonym");
        assert_eq!(find(&ps, "U.S.").role, "metonym");
        assert_eq!(find(&ps, "U.S.").country.as_deref(), Some("US"));
        let ps = places("But the U.S. does not have independent evidence, she said.");
        assert_eq!(find(&ps, "U.S.").role, "metonym");
        let ps = places("Aid reached the U.S. on Monday.");
        assert_eq!(find(&ps, "U.S.").role, "literal");
    }

    #[test]
    fn the_state_named_most_picks_the_county() {
        // Boone County exists in Indiana, Kentucky and Illinois, all named;
        // the story is about Indiana.
        let ps = places(
            "Boone County's jobless rate reached 7.7 percent, the Indiana Department of \
             Workforce Development said. Indiana's rate grew to 9.4 percent. Boone County \
             was 42nd of Indiana's 92 counties. Illinois reported the largest increase, \
             while Kentucky's rate climbed to 9.2 percent.",
        );
        assert_eq!(find(&ps, "Boone County").admin1.as_deref(), Some("Indiana"));
    }

    #[test]
    fn a_town_named_like_a_country_among_the_stories_places() {
        let ps = places(
            "Deputies from Grapeland and Elkhart, Texas, chased the car. The man was \
             jailed in Palestine and indicted by an Anderson County grand jury.",
        );
        let p = find(&ps, "Palestine");
        assert_eq!(p.country.as_deref(), Some("US"));
        assert_eq!(p.feature, "city");
        // Far from the story's places the country stays the country.
        let ps = places(
            "Shelling hit Aleppo and Idlib. Refugees crossed into Lebanon and Jordan, \
             officials in Damascus said.",
        );
        assert_eq!(find(&ps, "Lebanon").country.as_deref(), Some("LB"));
        assert_eq!(find(&ps, "Jordan").country.as_deref(), Some("JO"));
    }

    #[test]
    fn a_state_named_once_settles_two_homonyms() {
        // Neither name is unique; with the state named once they are
        // Gainesville and Hall County, Georgia, not the larger Gainesville,
        // Florida.
        let ps = places(
            "A spill in Gainesville reached Flat Creek. Workers called Hall County \
             health officials and the Georgia Environmental Protection Division.",
        );
        assert_eq!(find(&ps, "Gainesville").admin1.as_deref(), Some("Georgia"));
        assert_eq!(find(&ps, "Hall County").admin1.as_deref(), Some("Georgia"));
    }

    #[test]
    fn the_unit_all_the_names_could_lie_in_settles_them() {
        // No state is named; Rogersville, Greene County and Webster County
        // all exist in Missouri, and Tennessee has no Webster County.
        let ps = places(
            "Parents in Rogersville asked the board for a bus. Children from Greene \
             County and Webster County ride an hour to reach Rogersville.",
        );
        assert_eq!(find(&ps, "Rogersville").admin1.as_deref(), Some("Missouri"));
        assert_eq!(
            find(&ps, "Greene County").admin1.as_deref(),
            Some("Missouri")
        );
    }

    #[test]
    fn a_title_cut_from_its_period_is_no_town() {
        // "Sens." is no abbreviation the tokenizer knows, so the sentence
        // is cut after it; neither the title nor the senator is a town.
        let ps = places(
            "The mayor thanked U.S. Sens. Mitch McConnell and Jim Bunning. \
             Sens. Ann Lowry, of Chesterland, backed it.",
        );
        let names: Vec<&str> = ps.iter().map(|p| p.span.text.as_str()).collect();
        assert!(!names.contains(&"Sens"), "{names:?}");
        assert!(!names.contains(&"McConnell"), "{names:?}");
        assert!(names.contains(&"Chesterland"), "{names:?}");
    }

    #[test]
    fn a_saints_possessive_before_a_name_is_a_church_or_school() {
        let ps = places(
            "The choir sang at St. Paul's Lutheran Church on Sunday. Pupils of \
             St. Mary's Academy flew to St. Petersburg's Pulkovo Airport.",
        );
        let names: Vec<&str> = ps.iter().map(|p| p.span.text.as_str()).collect();
        assert!(!names.contains(&"St. Paul"), "{names:?}");
        assert!(!names.contains(&"St. Mary"), "{names:?}");
        assert!(names.contains(&"St. Petersburg"), "{names:?}");
    }

    #[test]
    fn a_persons_name_lends_no_state_to_the_towns() {
        // "Benjamin" (a Texas town) is part of a name here; it must not
        // draw Albany to Texas.
        let ps = places(
            "An Albany man was charged on Friday. Police said Phillip Benjamin Conner \
             was arrested at his home in Albany.",
        );
        assert_ne!(find(&ps, "Albany").admin1.as_deref(), Some("Texas"));
    }

    #[test]
    fn a_town_read_after_a_cue_is_that_town_before_an_institution_word() {
        // The story names no other place, so "Laconia man" is not among
        // its places; but "in Laconia" already reads the name as the town.
        let ps = places(
            "A body found along the lake shore in Laconia was that of a Laconia man \
             missing since December, a detective said.",
        );
        let n = ps.iter().filter(|p| p.span.text == "Laconia").count();
        assert_eq!(n, 2, "{ps:?}");
    }

    #[test]
    fn peoples_names_choose_no_country() {
        // "Conner" is a town in the Philippines; read as such, the
        // suspect's name must not keep Georgia a country and Albany in New
        // York.
        let ps = places(
            "An Albany police team and Georgia Bureau of Investigation agents searched \
             the home of Phillip Benjamin Conner on Wednesday. Conner was charged with \
             kidnapping in Albany.",
        );
        assert_eq!(find(&ps, "Albany").admin1.as_deref(), Some("Georgia"));
        assert_eq!(find(&ps, "Georgia").country.as_deref(), Some("US"));
    }

    #[test]
    fn an_abbreviated_mount_finds_the_towns_of_that_name() {
        let ps =
            places("The jazz band from Mt. Pleasant won in Iowa City and will play in Des Moines.");
        let p = find(&ps, "Mt. Pleasant");
        assert_eq!(p.admin1.as_deref(), Some("Iowa"), "{p:?}");
    }

    #[test]
    fn a_capitalised_state_after_a_town_is_a_university() {
        let ps = places("Fans flew to San Diego to see Kansas play San Diego State on Friday.");
        for p in ps.iter().filter(|p| p.span.text.starts_with("San Diego")) {
            assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
            assert_eq!(p.feature, "city", "{p:?}");
        }
        let ps = places("Gunmen attacked a village in Borno State on Monday.");
        assert_eq!(find(&ps, "Borno State").feature, "admin1");
    }

    #[test]
    fn an_abbreviated_saint_finds_the_towns_written_out() {
        // GeoNames has "St. Joseph" for the towns in Missouri and
        // Minnesota only, and no "St. Peters" for the one in Missouri.
        let ps = places("Flooding closed roads in St. Joseph and Benton Harbor, Mich., on Monday.");
        let p = find(&ps, "St. Joseph");
        assert_eq!(p.admin1.as_deref(), Some("Michigan"), "{p:?}");
        let ps = places("They drove from St. Charles to St. Peters, Mo.");
        let p = find(&ps, "St. Peters");
        assert_eq!(p.admin1.as_deref(), Some("Missouri"), "{p:?}");
        // The city GeoNames names "St. Louis" is still called by its own name.
        let ps = places("The Cardinals flew home to St. Louis.");
        let p = find(&ps, "St. Louis");
        assert_eq!(p.admin1.as_deref(), Some("Missouri"), "{p:?}");
        // A saint's possessive outside the story's places is the saint's.
        for text in [
            "Police made arrests on St. Patrick's Day.",
            "The bus drops St. Mary's students off first.",
        ] {
            let ps = places(text);
            assert!(ps.is_empty(), "{ps:?}");
        }
        // And written out, a name finds the places named with the abbreviation.
        let ps = places("They drove from Saint Charles to Saint Peters, Missouri.");
        assert_eq!(
            find(&ps, "Saint Peters").admin1.as_deref(),
            Some("Missouri")
        );
    }

    #[test]
    fn a_name_joined_by_an_ampersand_is_a_firms() {
        let ps = places(
            "The city owes the design firm Stevens & Wilkinson money for the hotel in Columbia.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Stevens"), "{ps:?}");
        let ps = places("Flooding closed roads between Pittsburg and Stevens on Monday.");
        find(&ps, "Stevens");
        let ps =
            places("The firm Simon & Schuster and the agency Davis & Gilbert moved to Boston.");
        for firm in ["Simon", "Schuster", "Davis", "Gilbert"] {
            assert!(ps.iter().all(|p| p.span.text != firm), "{firm}: {ps:?}");
        }
    }

    #[test]
    fn places_of_weight_joined_by_an_ampersand_are_places() {
        let ps = places("Rockets were fired at Israel & Gaza overnight, officials said.");
        assert_eq!(find(&ps, "Israel").country.as_deref(), Some("IL"));
        find(&ps, "Gaza");
        let ps = places("Drones struck Kharkiv & Odesa on Tuesday.");
        assert_eq!(find(&ps, "Kharkiv").country.as_deref(), Some("UA"));
        assert_eq!(find(&ps, "Odesa").country.as_deref(), Some("UA"));
        // An ampersand written for "and" inside a name.
        let ps = places("Police in Jammu & Kashmir arrested four men.");
        let p = find(&ps, "Jammu & Kashmir");
        assert_eq!(
            (p.country.as_deref(), p.feature.as_str()),
            (Some("IN"), "admin1")
        );
        let ps = places("The team flew from Trinidad & Tobago to Bosnia & Herzegovina.");
        assert_eq!(
            find(&ps, "Trinidad & Tobago").country.as_deref(),
            Some("TT")
        );
        assert_eq!(
            find(&ps, "Bosnia & Herzegovina").country.as_deref(),
            Some("BA")
        );
        let ps = places("Police in Kashmir & Jammu arrested four men.");
        assert_eq!(find(&ps, "Jammu").country.as_deref(), Some("IN"));
    }

    #[test]
    fn a_county_and_its_seat_settle_each_other() {
        // Huntsville and Walker County both exist in Alabama and in Texas;
        // only in Texas is the town in the county.
        let ps = places(
            "The burn ban for Walker County was lifted on Monday after Huntsville firefighters \
             met the county judge.",
        );
        assert_eq!(find(&ps, "Huntsville").admin1.as_deref(), Some("Texas"));
        assert_eq!(find(&ps, "Walker County").admin1.as_deref(), Some("Texas"));
        // Kent and Fife lie together in Washington state too, but not in
        // a story about Britain.
        let ps = places(
            "The British championship visits Brands Hatch in Kent and Knockhill in Fife, \
             then returns to England and Scotland.",
        );
        assert_eq!(find(&ps, "Fife").country.as_deref(), Some("GB"));
    }

    #[test]
    fn names_listed_before_counties_are_counties() {
        let ps = places(
            "Crews from Sarpy, Otoe and Hitchcock counties cleared the roads near Lincoln, Nebraska.",
        );
        for name in ["Sarpy", "Otoe", "Hitchcock"] {
            let p = find(&ps, name);
            assert_eq!(p.feature, "admin2", "{name}: {p:?}");
            assert_eq!(p.admin1.as_deref(), Some("Nebraska"), "{name}");
        }
        // A state's name alone before the word is the state's counties.
        let ps = places("Boone County ranks in the middle of Indiana counties.");
        assert_eq!(find(&ps, "Indiana").feature, "admin1");
        // States listed before the plural are the states whose counties
        // are meant, not "Indiana County", Pennsylvania.
        let ps = places("Storms left damage in 40 Indiana and Ohio counties on Sunday.");
        for name in ["Indiana", "Ohio"] {
            let p = find(&ps, name);
            assert_eq!(p.feature, "admin1", "{name}: {p:?}");
            assert_eq!(p.name, name, "{name}: {p:?}");
        }
        let ps =
            places("Farmers in Kentucky, Tennessee and Ohio counties along the river lost crops.");
        for name in ["Kentucky", "Tennessee", "Ohio"] {
            assert_eq!(find(&ps, name).feature, "admin1", "{name}");
        }
        // A list that is not all states still names counties.
        let ps = places("Crews from Washington and Jefferson counties met in Marietta, Ohio.");
        for name in ["Washington", "Jefferson"] {
            assert_eq!(find(&ps, name).feature, "admin2", "{name}");
        }
    }

    #[test]
    fn a_county_name_only_one_state_has_is_kept_inside_a_name() {
        // No other place supports the country, but only Ohio has a
        // Guernsey County; Madison County could be in twenty states.
        let ps = places("Filings at the Guernsey County Common Pleas Court rose again.");
        let g = find(&ps, "Guernsey County");
        assert_eq!(g.admin1.as_deref(), Some("Ohio"));
        assert!(g.rule.ends_with("+in_name"), "{}", g.rule);
        let ps = places("The Madison County Health Department gave no figures.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn a_county_sits_at_its_own_point_not_its_states_centre() {
        // Tarrant County (Fort Worth) is about 280 km from the centre of
        // Texas, where the gazetteer alone would put it.
        let ps = places("Deputies in Tarrant County arrested two men on Friday.");
        let c = find(&ps, "Tarrant County");
        let (lat, lon) = (c.lat.unwrap_or(0.0), c.lon.unwrap_or(0.0));
        assert!(
            haversine_km(lat as f32, lon as f32, 32.77, -97.29) < 50.0,
            "{lat} {lon}"
        );
    }

    #[test]
    fn a_city_of_a_million_is_kept_inside_a_name() {
        let ps = places("The Chicago Municipal Court heard the case on Monday.");
        let c = find(&ps, "Chicago");
        assert_eq!(c.admin1.as_deref(), Some("Illinois"));
        assert!(c.rule.ends_with("+in_name"), "{}", c.rule);
        assert_eq!(c.role, "metonym");
        // A small town inside a name still needs the story's support.
        let ps = places("The Laconia Municipal Court heard the case on Monday.");
        assert!(ps.is_empty(), "{ps:?}");
        // A person the actor tagger found, whose given name is a city.
        let doc = Doc::new("t", "Officers arrested Santiago Arguelles near his home.");
        let start = doc.text.find("Santiago").unwrap();
        let actor = Actor {
            span: doc.span(start, start + "Santiago Arguelles".len()),
            code: "CIV".into(),
            ..Actor::default()
        };
        let ps = tagger().tag(&doc, &[actor]);
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn a_given_name_and_an_initial_make_a_surname() {
        // Bell is a town; after "Tyrise M." it is a man's name, here and
        // where it stands alone.
        let ps = places(
            "An officer shot Tyrise M. Bell on Friday in North Las Vegas. Bell pulled \
             a handgun from his pants, the officer said.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Bell"), "{ps:?}");
    }

    #[test]
    fn a_name_before_an_initial_and_a_surname_is_a_given_name() {
        let ps = places("In the Honda, driver Virginia L. Lane, 77, was hurt near Roanoke.");
        let names: Vec<&str> = ps.iter().map(|p| p.span.text.as_str()).collect();
        assert!(!names.contains(&"Virginia"), "{names:?}");
        assert!(names.contains(&"Roanoke"), "{names:?}");
    }

    #[test]
    fn document_context_picks_the_right_namesake() {
        let ps = places(
            "Firefighters in Damascus, Oregon, were joined by crews from Portland and Gresham.",
        );
        assert_eq!(find(&ps, "Damascus").country.as_deref(), Some("US"));
    }

    #[test]
    fn sentence_initial_common_words_are_not_places() {
        let ps = places("Police said the march would go ahead. Reading the report took an hour.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn abbreviations_need_their_period() {
        let ps = places("The plant in Worcester, Mass. closed after Mass on Sunday.");
        let ma: Vec<&Place> = ps.iter().filter(|p| p.name == "Massachusetts").collect();
        assert_eq!(ma.len(), 1, "{ps:?}");
        assert_eq!(ma[0].span.text, "Mass.");
        assert_eq!(find(&ps, "Worcester").country.as_deref(), Some("US"));
    }

    #[test]
    fn institutions_after_the_are_not_towns() {
        let ps = places("Officials at the White House declined to comment.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn prefixed_adjectives_and_state_names() {
        let ps = places("The anti-Russian protest moved from Oklahoma to New York.");
        assert_eq!(find(&ps, "Russian").role, "demonym");
        assert_eq!(find(&ps, "Oklahoma").feature, "admin1");
        assert_eq!(find(&ps, "New York").geonameid, Some(5128581));
    }

    #[test]
    fn continents() {
        let ps = places("Migrants crossed from Africa to Europe, EU officials said.");
        assert_eq!(find(&ps, "Europe").feature, "continent");
        assert_eq!(find(&ps, "Europe").country, None);
        assert_eq!(find(&ps, "Africa").where_prec, 5);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "#حلب #Aleppo",
            "al- - U.S.- -Aleppo Ḩalab’s al-Bāb‐town",
            "ALEPPO\n\nDAMASCUS (Reuters) - Mass.",
            "Aleppo",
            "the",
            "\u{200f}حلب\u{200f} ‏",
        ] {
            let ps = places(text);
            for p in &ps {
                assert!(p.span.start <= p.span.end);
                assert!(text.get(p.span.byte_start..p.span.byte_end).is_some());
            }
        }
        let ps = places("#Aleppo");
        assert_eq!(find(&ps, "Aleppo").geonameid, Some(170063));
    }

    #[test]
    fn regions_and_seas_from_the_hand_list() {
        let ps =
            places("Shelling hit Eastern Ghouta while a tanker burned in the Red Sea off Gaza.");
        let g = find(&ps, "Eastern Ghouta");
        assert_eq!(
            (g.feature.as_str(), g.where_prec, g.geonameid),
            ("region", 5, None)
        );
        assert_eq!(g.country.as_deref(), Some("SY"));
        let r = find(&ps, "Red Sea");
        assert_eq!((r.feature.as_str(), r.where_prec), ("sea", 7));
        find(&ps, "Gaza");
    }

    #[test]
    fn a_town_before_an_institution_word_is_a_place_among_the_storys_places() {
        let ps = places(
            "Police said the Athens Police Department arrested a man in Tyler, Texas, \
             and a Lindale woman was questioned.",
        );
        let a = find(&ps, "Athens");
        assert_eq!(a.admin1.as_deref(), Some("Texas"), "{a:#?}");
        assert!(a.rule.contains("cue:police"), "{}", a.rule);
        // With no place of the story near it, the name stays out.
        let ps = places("The Athens Police Department said on Monday that it had arrested a man.");
        assert!(ps.iter().all(|p| p.span.text != "Athens"), "{ps:#?}");
    }

    #[test]
    fn a_name_read_as_a_place_after_a_cue_is_that_place_elsewhere() {
        let text = "Donors met in Whitestown, Ind., on Monday. The Whitestown water line \
                    will be replaced, and Whitestown invited all donors.";
        let ps = places(text);
        let w: Vec<&Place> = ps.iter().filter(|p| p.span.text == "Whitestown").collect();
        assert_eq!(w.len(), 3, "{ps:#?}");
        assert!(w.iter().all(|p| p.admin1.as_deref() == Some("Indiana")));
        // Without the cued mention, "the Whitestown water line" alone stays out.
        let ps = places("The Whitestown water line will be replaced, officials in Indiana said.");
        assert!(ps.iter().all(|p| p.span.text != "Whitestown"), "{ps:#?}");
    }

    #[test]
    fn a_party_letter_before_a_home_town() {
        let ps =
            places("Rep. Torrey Westrom, R-Elbow Lake, said the bill would pass in Minnesota.");
        let p = find(&ps, "Elbow Lake");
        assert_eq!(p.admin1.as_deref(), Some("Minnesota"), "{p:#?}");
        assert!(p.rule.contains("cue:r-"), "{}", p.rule);
    }

    #[test]
    fn hyphenated_places_and_hyphenated_surnames() {
        let ps = places("Officials in Cairo are rethinking Egypt-US relations after the vote.");
        assert_eq!(find(&ps, "Egypt").country.as_deref(), Some("EG"));
        assert_eq!(find(&ps, "US").country.as_deref(), Some("US"));
        // A hyphenated town is still one name.
        let ps = places("Police in Winston-Salem, N.C., said the road was closed.");
        assert_eq!(
            find(&ps, "Winston-Salem").admin1.as_deref(),
            Some("North Carolina")
        );
        // A double-barrelled surname is no place, and says nothing about the
        // story's country ("Balart" is an alternate name of Ballarat).
        let ps = places(
            "Congressman Mario Diaz-Balart spoke to the voters who had gathered on the lawn in Miami.",
        );
        assert!(ps.iter().all(|p| p.span.text != "Balart"), "{ps:#?}");
        assert_eq!(find(&ps, "Miami").admin1.as_deref(), Some("Florida"));
    }

    #[test]
    fn a_sentence_full_of_names_is_no_headline() {
        // Most long words are capitalised, but "arguing" is prose: the
        // given names before "Davis" and "Durr" still make them people,
        // and the later "Davis" is the same person.
        let ps = places(
            "Police Chief Robert Douglas said Stephen Davis, of Chiefland, had been arguing with \
             Michael Durr, of Trenton. Davis tried to walk away.",
        );
        assert!(
            ps.iter()
                .all(|p| !["Davis", "Stephen", "Michael", "Robert"].contains(&p.span.text.as_str())),
            "{ps:#?}"
        );
        assert_eq!(find(&ps, "Chiefland").admin1.as_deref(), Some("Florida"));
        // A title-case headline still reads its places.
        let ps = places("Shelling Near Aleppo Kills Five Civilians Overnight");
        assert_eq!(find(&ps, "Aleppo").country.as_deref(), Some("SY"));
    }

    #[test]
    fn a_kin_or_role_noun_before_a_name_makes_a_person() {
        let ps = places(
            "The couple, who live in DeKalb, lost their first child, Hailey, in 2006. \
             Hailey is never far from their minds, and son Joshua, 4, asks about her.",
        );
        assert!(
            ps.iter()
                .all(|p| !["Hailey", "Joshua"].contains(&p.span.text.as_str())),
            "{ps:#?}"
        );
        assert!(ps.iter().any(|p| p.span.text == "DeKalb"), "{ps:#?}");
        // A country after such a noun is still the country.
        let ps = places("The talks left the victim Great Britain without an answer.");
        assert_eq!(find(&ps, "Great Britain").country.as_deref(), Some("GB"));
    }

    #[test]
    fn a_county_before_an_office_name_is_the_county() {
        let ps = places(
            "Kevin Fulmer, 31, of Swansea was charged, a Lexington County Sheriff Department \
             news release said.",
        );
        let c = find(&ps, "Lexington County");
        assert_eq!(c.admin1.as_deref(), Some("South Carolina"), "{c:#?}");
        // A town before a person's surname is still a given name.
        let ps = places("Fans cheered as Jordan Peterson spoke in Swansea, South Carolina.");
        assert!(ps.iter().all(|p| p.span.text != "Jordan"), "{ps:#?}");
    }

    #[test]
    fn a_possessive_small_town_outside_the_story_is_a_person() {
        // Dunn is a North Carolina town, far from this Tennessee story.
        let ps = places("Deputies searched Dunn's farm outside Oak Ridge, Tennessee.");
        assert!(ps.iter().all(|p| p.span.text != "Dunn"), "{ps:#?}");
        assert!(ps.iter().any(|p| p.span.text == "Oak Ridge"), "{ps:#?}");
        // After a place cue too: the place is the farm.
        let ps =
            places("Deputies found the stolen truck on Dunn's farm outside Oak Ridge, Tennessee.");
        assert!(ps.iter().all(|p| p.span.text != "Dunn"), "{ps:#?}");
        // Among the story's places the possessive is the town's.
        let ps =
            places("The council met in Dunn, North Carolina, where Dunn\u{2019}s mayor spoke.");
        assert_eq!(
            ps.iter().filter(|p| p.span.text == "Dunn").count(),
            2,
            "{ps:#?}"
        );
    }

    #[test]
    fn an_area_adjective_before_a_town_is_no_given_name() {
        let ps = places("The United Way of Metropolitan Atlanta opened a shelter in Decatur, Ga.");
        assert_eq!(find(&ps, "Atlanta").admin1.as_deref(), Some("Georgia"));
    }

    #[test]
    fn a_state_before_an_organisation_word_is_the_state() {
        let ps = places(
            "Huckabee, who lost to Arizona Sen. John McCain, spoke at the Western \\
             Pennsylvania Kennel Association show in Pittsburgh.",
        );
        for name in ["Arizona", "Pennsylvania"] {
            let p = find(&ps, name);
            assert_eq!(p.feature.to_string(), "admin1", "{p:#?}");
        }
    }

    /// Points in clusters, along one parallel, near both poles and on both
    /// sides of the antimeridian (a small deterministic generator).
    fn test_points(n: usize) -> Vec<(f32, f32)> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f32 / (1u64 << 53) as f32
        };
        let centres = [
            (40.0, -86.0),
            (0.0, 179.9),
            (0.1, -179.95),
            (89.9, 10.0),
            (-89.8, -120.0),
            (64.0, 20.0),
            (-33.9, 151.2),
        ];
        (0..n)
            .map(|i| match i % 3 {
                0 => {
                    let (la, lo) = centres[i % centres.len()];
                    let la: f32 = la + (next() - 0.5) * 1.5;
                    let mut lo: f32 = lo + (next() - 0.5) * 3.0;
                    if lo > 180.0 {
                        lo -= 360.0;
                    } else if lo < -180.0 {
                        lo += 360.0;
                    }
                    (la.clamp(-90.0, 90.0), lo)
                }
                1 => (41.0 + next() * 0.3, next() * 360.0 - 180.0),
                _ => (next() * 180.0 - 90.0, next() * 360.0 - 180.0),
            })
            .collect()
    }

    #[test]
    fn near_pairs_through_the_grid_are_all_pairs_within_the_radius() {
        for km in [NEAR_KM, 5.0, 150.0, NEAREST_KM] {
            let pts = test_points(2000);
            let mut brute = Vec::new();
            for i in 0..pts.len() {
                for j in i + 1..pts.len() {
                    if haversine_km(pts[i].0, pts[i].1, pts[j].0, pts[j].1) <= km {
                        brute.push((i, j));
                    }
                }
            }
            assert!(brute.len() > 100, "{km}: {}", brute.len());
            let grid = near_pairs(&pts, km);
            let missing: Vec<_> = brute.iter().filter(|p| !grid.contains(p)).take(5).collect();
            let extra: Vec<_> = grid.iter().filter(|p| !brute.contains(p)).take(5).collect();
            let show = |v: &[&(usize, usize)]| {
                v.iter()
                    .map(|&&(i, j)| format!("{:?}-{:?}", pts[i], pts[j]))
                    .collect::<Vec<_>>()
            };
            assert!(
                grid == brute,
                "{km}: missing {:?}, extra {:?}",
                show(&missing),
                show(&extra)
            );
        }
    }

    #[test]
    fn output_is_deterministic() {
        let text = "Airstrikes hit Aleppo, al-Bab and Manbij in northern Syria, the Syrian Observatory said.";
        assert_eq!(places(text), places(text));
    }
}
