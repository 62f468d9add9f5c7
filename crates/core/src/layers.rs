//! Annotation layers: the records each stage writes, and the output contract.
//!
//! The field names here are a contract read by external evaluations
//! (`docs/schema/analysis.schema.json`): extend them, never rename them.
//! Stages fill one layer each; [`Analysis`] holds them all for one document.

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
}

/// When an event happened, and how sure we are of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventTime {
    pub value: String,
    /// `day`, `week`, `month`, `year`.
    pub precision: String,
    /// ACLED time_precision 1–3.
    pub time_precision: u8,
    /// Index into `Analysis::times`, or None when it fell back to the publication date.
    pub time: Option<usize>,
    /// True when no date in the event's clause and the publication date was used.
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
}
