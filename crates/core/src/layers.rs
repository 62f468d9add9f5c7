//! Annotation layers: the records each stage writes, and the output contract.
//!
//! The field names here are a contract read by external evaluations
//! (`docs/schema/analysis.schema.json`): extend them, never rename them.
//! Stages fill one layer each; [`Analysis`] holds them all for one document.
//! Two layers are not serialized: the parse cache and [`Dropped`] (the
//! triggers the event coder dropped, printed by `--explain` only).

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// An actor mention resolved to a CAMEO-style code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Actor {
    #[serde(flatten)]
    pub span: Span,
    /// Full CAMEO-style code, e.g. `SYRGOV`, `SYRMIL`, `IMGSYRMOS`.
    pub code: String,
    /// Canonical name, e.g. "Syrian government".
    pub name: String,
    /// Three-letter CAMEO/ISO country code, e.g. `SYR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector / agent code: `GOV`, `MIL`, `REB`, `INS`, `CVL`, `MED`, `NGO`, `IGO`…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// ACLED `inter` code (1–8), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inter: Option<u8>,
    /// Which lexicon entry produced it, e.g. `phoenix:countries:SYRIA` or `curated:ISIS`.
    pub rule: String,
}

/// A candidate location for a toponym.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PlaceCandidate {
    pub geonameid: u64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// `city`, `admin1`, `admin2` or `country`.
    pub feature: String,
    pub score: f32,
}

/// A toponym in the text with its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Place {
    #[serde(flatten)]
    pub span: Span,
    pub geonameid: Option<u64>,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// `city`, `admin1`, `admin2` or `country`.
    pub feature: String,
    /// ACLED geo_precision: 1 town, 2 near a town / part of a region, 3 region.
    pub geo_precision: u8,
    /// UCDP where_prec: 1 exact … 6 country, 7 sea/air.
    pub where_prec: u8,
    pub score: f32,
    /// `literal`, `demonym` (Syrian → Syria) or `metonym` ("Damascus denied").
    pub role: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<PlaceCandidate>,
    pub rule: String,
}

impl Place {
    /// True when this place is `inner` or holds it: the same gazetteer
    /// entry, the country of `inner`, or its first-level division.
    pub fn holds(&self, inner: &Place) -> bool {
        if self.geonameid.is_some() && self.geonameid == inner.geonameid {
            return true;
        }
        let same_country = self.country.is_some() && self.country == inner.country;
        match self.feature.as_str() {
            "country" => same_country,
            "admin1" => same_country && self.admin1.is_some() && self.admin1 == inner.admin1,
            _ => false,
        }
    }

    /// How coarse the place is: its ACLED geo_precision, then its feature (a
    /// country is coarser than a province of the same precision).
    pub fn grain(&self) -> (u8, u8) {
        let feature = match self.feature.as_str() {
            "country" => 3,
            "admin1" => 2,
            "admin2" => 1,
            _ => 0,
        };
        (self.geo_precision, feature)
    }
}

/// A temporal expression normalised against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TimeExpr {
    #[serde(flatten)]
    pub span: Span,
    /// ISO 8601 value: "2015-06-01", "2015-06", "2015-W23", "P2D", "PRESENT_REF".
    pub value: String,
    /// TIMEX3 type: DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// `day`, `week`, `month`, `year`, `unknown`…
    pub precision: String,
    pub rule: String,
}

/// PLOVER event and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Plover {
    pub event: String,
    pub mode: Option<String>,
}

/// ACLED event type and sub-event type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AcledType {
    pub event_type: String,
    pub sub_event_type: String,
}

/// A casualty count: `{low, best, high, text}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Count {
    pub low: u32,
    pub best: u32,
    pub high: Option<u32>,
    pub text: Span,
    /// Who: civilians, children, fighters, soldiers, people…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// True for vague quantities ("dozens", "several", "scores"): the numbers are conventions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
}

/// When an event happened, and how sure we are of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventTime {
    pub value: String,
    /// `day`, `week`, `month`, `year`.
    pub precision: String,
    /// ACLED time_precision 1–3.
    pub time_precision: u8,
    /// Index into `Analysis::times` of the date used (a dateline's filing
    /// date too), or None when it is the publication date.
    pub time: Option<usize>,
    /// True when the event's clause has no date: the publication date, or
    /// the filing date of the story's dateline (`time` set), was used.
    pub fallback: bool,
}

/// Factuality of an event as the article presents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Factuality {
    #[default]
    Asserted,
    Alleged,
    Denied,
    Negated,
    Hypothetical,
    Future,
}

impl Factuality {
    /// True when the event is told as something that happened (or is said,
    /// alleged or denied to have happened). Hypothetical, future and negated
    /// events describe nothing that happened: they make no incident.
    pub fn is_occurrence(self) -> bool {
        matches!(
            self,
            Factuality::Asserted | Factuality::Alleged | Factuality::Denied
        )
    }
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    pub trigger: Span,
    pub plover: Plover,
    pub cameo: String,
    pub acled: AcledType,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub place: Option<Place>,
    pub time: Option<EventTime>,
    pub fatalities: Option<Count>,
    pub injured: Option<Count>,
    pub civilian_targeting: bool,
    pub factuality: Factuality,
    /// Indexes into `Analysis::claims` of the claims that assert or dispute it.
    pub claims: Vec<usize>,
    /// Sentence index in the document.
    pub sentence: usize,
    /// Rule id and lexicon entries that produced it (`--explain`).
    pub rule: String,
    /// ACLED `inter1` / `inter2`: the `inter` codes (1–8) of actor1 and actor2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inter1: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inter2: Option<u8>,
    /// ACLED `assoc_actor_1` / `assoc_actor_2`: actors coordinated with
    /// actor1 / actor2 ("ISIS and al-Nusra fighters").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor1: Vec<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor2: Vec<Actor>,
    /// The weapon or means named for the event ("barrel bombs", "drones").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weapon: Option<Weapon>,
}

/// A weapon named in the text, with its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Weapon {
    #[serde(flatten)]
    pub span: Span,
    /// `aerial`, `drone`, `artillery`, `missile`, `explosive`, `firearm`,
    /// `blade`, `chemical`, `vehicle`… (`data/events/cues.tsv`, `weapon.*`).
    pub kind: String,
}

/// Stance of a claim toward what it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    #[default]
    Assert,
    Accuse,
    Deny,
    Acknowledge,
    Question,
    NoEvidence,
    Retract,
}

/// One hop of a relay chain: who passed the claim on to this article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Via {
    /// Canonical outlet name, e.g. "The New York Times", "Reuters", "Twitter".
    pub outlet: String,
    /// wire, newspaper, broadcaster, state_media, party_media, ngo, government,
    /// armed_group, social_media.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub span: Option<Span>,
}

/// Who the claim's source is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceEntity {
    /// person, organisation, government, outlet, anonymous.
    pub kind: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Actor code when the source is (part of) a coded actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// An attributed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Claim {
    pub source: Option<Span>,
    pub cue: Span,
    pub content: Span,
    pub stance: Stance,
    pub via: Vec<Via>,
    pub direct_quote: bool,
    /// Indexes into `Analysis::events` of the events it is about.
    pub events: Vec<usize>,
    pub source_entity: Option<SourceEntity>,
    /// For a deny / no_evidence claim: indexes of the claims it answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responds_to: Vec<usize>,
    /// Date of the statement, when the text gives one ("on June 1").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub sentence: usize,
    pub rule: String,
}

/// The full analysis of one document: one output line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
    pub places: Vec<Place>,
    pub times: Vec<TimeExpr>,
    pub actors: Vec<Actor>,
    /// The parse layer: sentences parsed on demand (not serialized; see
    /// `sitrep analyze --with-parse`).
    #[serde(skip)]
    pub parses: ParseCache,
    /// Triggers the event coder found and then dropped, each with the rule
    /// that dropped it (not serialized: the JSON record and the store stay
    /// as they are; `sitrep analyze --explain` prints them).
    #[serde(skip)]
    pub dropped: Vec<Dropped>,
}

/// A trigger that the event coder dropped (sports, metaphor, history,
/// accident, newness, or too little evidence), for `--explain`: an analyst
/// can see why "X stormed Y" coded no event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Dropped {
    /// The trigger words.
    pub trigger: Span,
    /// Sentence index in the document.
    pub sentence: usize,
    /// The rule that dropped it, in the vocabulary of `Event::rule`
    /// (`sports:sentence`, `newness:history:…`, `metaphor:after:bill`).
    pub rule: String,
}

/// One syntactic word of a parsed sentence (Universal Dependencies).
///
/// `span` gives the word's character offsets into the original text (and its
/// form as `text`); a core token may hold two words ("do|n't", "can|not").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ParsedWord {
    #[serde(flatten)]
    pub span: Span,
    /// Index of the core token (`Doc::tokens`) the word comes from.
    #[serde(skip)]
    pub token: usize,
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// 1-based index of the head word in the sentence; 0 for the root (CoNLL-U).
    pub head: usize,
    /// UD relation to the head, with subtype (`nsubj:pass`, `obl:agent`, `nmod:poss`).
    pub deprel: String,
}

/// The dependency parse of one sentence: the parse layer.
///
/// Word indexes in the methods below are 0-based positions in `words`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SentenceParse {
    /// Sentence index in the document.
    pub sentence: usize,
    pub words: Vec<ParsedWord>,
}

impl SentenceParse {
    /// 0-based index of the head of word `i`; `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.words.get(i)?.head;
        (h >= 1 && h <= self.words.len()).then(|| h - 1)
    }

    /// Relation of word `i` to its head, without subtype (`nsubj:pass` → `nsubj`).
    pub fn base_rel(&self, i: usize) -> &str {
        self.words
            .get(i)
            .map_or("", |w| w.deprel.split(':').next().unwrap_or(""))
    }

    /// Indexes of the dependents of word `i`, in sentence order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == i + 1)
            .map(|(j, _)| j)
    }

    /// Dependents of word `i` with relation `rel` (exact, subtype included).
    pub fn children_with<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children(i)
            .filter(move |&j| self.words[j].deprel == rel)
    }

    /// First word that comes from core token `token`, if any.
    pub fn word_of_token(&self, token: usize) -> Option<usize> {
        self.words.iter().position(|w| w.token == token)
    }

    /// Words whose span lies inside the byte range `start..end`.
    pub fn words_in(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.span.byte_start >= start && w.span.byte_end <= end)
            .map(|(j, _)| j)
    }

    /// True when `a` is `b` or one of its descendants.
    pub fn dominates(&self, b: usize, a: usize) -> bool {
        let mut cur = Some(a);
        for _ in 0..=self.words.len() {
            match cur {
                Some(c) if c == b => return true,
                Some(c) => cur = self.head(c),
                None => return false,
            }
        }
        false
    }

    /// The word and all its descendants, as a sorted list of indexes (the
    /// subtree; contiguous for projective trees).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        (0..self.words.len())
            .filter(|&j| self.dominates(i, j))
            .collect()
    }
}

/// Something that can parse one sentence of a document: implemented by
/// `sitrep_syntax::Parser`. Must be deterministic.
pub trait SentenceParser: Send + Sync {
    /// Parse sentence `sentence` of `doc`.
    fn parse_sentence_of(&self, doc: &crate::Doc, sentence: usize) -> SentenceParse;
}

/// Per-document parse cache: sentences are parsed on first request, once.
///
/// Stages call [`ParseCache::get`] only for sentences they need (those with
/// a trigger or a reporting cue), so most sentences are never parsed. Without
/// a parser (tests, a missing model) `get` returns `None` and stages fall back
/// to their token-window rules. Not serialized.
#[derive(Default)]
pub struct ParseCache {
    parser: Option<std::sync::Arc<dyn SentenceParser>>,
    parsed: std::sync::Mutex<std::collections::BTreeMap<usize, std::sync::Arc<SentenceParse>>>,
}

impl ParseCache {
    /// An empty cache that parses with `parser`.
    pub fn new(parser: Option<std::sync::Arc<dyn SentenceParser>>) -> ParseCache {
        ParseCache {
            parser,
            parsed: Default::default(),
        }
    }

    /// True when a parser is available.
    pub fn enabled(&self) -> bool {
        self.parser.is_some()
    }

    /// The parse of sentence `sentence` of `doc` (the document this analysis
    /// belongs to), parsing it on first use. `None` without a parser or for
    /// an out-of-range sentence.
    pub fn get(&self, doc: &crate::Doc, sentence: usize) -> Option<std::sync::Arc<SentenceParse>> {
        let parser = self.parser.as_ref()?;
        if sentence >= doc.sentences.len() {
            return None;
        }
        let mut map = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            map.entry(sentence)
                .or_insert_with(|| std::sync::Arc::new(parser.parse_sentence_of(doc, sentence)))
                .clone(),
        )
    }

    /// The sentences parsed so far, in sentence order.
    pub fn parsed(&self) -> Vec<std::sync::Arc<SentenceParse>> {
        let map = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        map.values().cloned().collect()
    }
}

impl Clone for ParseCache {
    fn clone(&self) -> ParseCache {
        let map = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        ParseCache {
            parser: self.parser.clone(),
            parsed: std::sync::Mutex::new(map.clone()),
        }
    }
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.parsed.lock().map_or(0, |m| m.len());
        f.debug_struct("ParseCache")
            .field("enabled", &self.enabled())
            .field("parsed_sentences", &n)
            .finish()
    }
}

/// A cache is derived data: two analyses are equal whatever was parsed.
impl PartialEq for ParseCache {
    fn eq(&self, _: &ParseCache) -> bool {
        true
    }
}

#[cfg(test)]
mod parse_tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A chain parser: each word's head is the next word; the last is the root.
    struct Chain(AtomicUsize);

    impl SentenceParser for Chain {
        fn parse_sentence_of(&self, doc: &crate::Doc, sentence: usize) -> SentenceParse {
            self.0.fetch_add(1, Ordering::SeqCst);
            let toks = doc.sentences[sentence].tokens.clone();
            let n = toks.len();
            let words = toks
                .enumerate()
                .map(|(i, t)| ParsedWord {
                    span: doc.token_span(t, t),
                    token: t,
                    head: if i + 1 == n { 0 } else { i + 2 },
                    deprel: if i + 1 == n { "root" } else { "dep:x" }.into(),
                    ..ParsedWord::default()
                })
                .collect();
            SentenceParse { sentence, words }
        }
    }

    #[test]
    fn cache_parses_each_sentence_once_and_only_on_request() {
        let doc = crate::Doc::new("d", "Quiet day. Rebels shelled the town. Nothing else.");
        let parser = Arc::new(Chain(AtomicUsize::new(0)));
        let cache = ParseCache::new(Some(parser.clone()));
        assert!(cache.enabled());
        let a = cache.get(&doc, 1).expect("parsed");
        let b = cache.get(&doc, 1).expect("cached");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(parser.0.load(Ordering::SeqCst), 1);
        assert!(cache.get(&doc, 7).is_none());
        let parsed = cache.parsed();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].sentence, 1);
        assert_eq!(a.words[0].span.text, "Rebels");
        assert_eq!(a.head(0), Some(1));
        assert_eq!(a.head(a.words.len() - 1), None);
        assert_eq!(a.base_rel(0), "dep");
        assert_eq!(a.children(1).collect::<Vec<_>>(), vec![0]);
        assert!(a.dominates(3, 0));
        assert!(!a.dominates(0, 3));
        assert_eq!(a.subtree(1), vec![0, 1]);
        assert_eq!(a.word_of_token(a.words[2].token), Some(2));
        // Clones keep what was parsed; a cache without a parser parses nothing.
        assert_eq!(cache.clone().parsed().len(), 1);
        assert!(ParseCache::default().get(&doc, 1).is_none());
    }

    #[test]
    fn parses_are_not_serialized() {
        let a = Analysis::default();
        let json = serde_json::to_string(&a).unwrap_or_default();
        assert!(!json.contains("parses"));
        let w = ParsedWord {
            upos: "NOUN".into(),
            ..ParsedWord::default()
        };
        let json = serde_json::to_string(&w).unwrap_or_default();
        assert!(json.contains("\"upos\":\"NOUN\"") && !json.contains("token"));
    }
}
