//! sitrep-analyze: the pipeline from a [`Doc`] to a [`Report`].
//!
//! Owns stage order, the links between layers (claims ↔ events), the
//! in-document incident grouping and the claim grades. It holds no
//! linguistic knowledge itself: each stage crate owns its own.
//!
//! The parse layer: the pipeline loads the dependency parser
//! (`sitrep_syntax::Parser`) once and gives every analysis a fresh
//! [`sitrep_core::ParseCache`] (`Analysis::parses`). Stages ask it for the
//! parse of the sentences they need; each is parsed once per document, and
//! sentences nobody asks about are never parsed. Behind the cache sits a
//! memo shared by all analyses of the pipeline ([`memo::MemoParser`]): a
//! sentence with the same words as one parsed before (a reprint) is not
//! parsed again; the output is the same either way.

pub mod grade;
pub mod incidents;
pub mod links;
pub mod memo;

use std::sync::Arc;

use serde::Serialize;
use sitrep_core::{Analysis, Doc, ParseCache, SentenceParse, SentenceParser, Stage};

pub use grade::{Grade, Level};
pub use incidents::Incident;

/// Errors raised while loading the pipeline's stages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("loading stage {stage}: {message}")]
    Load {
        stage: &'static str,
        message: String,
    },
}

/// One output record: the analysis layers plus what is derived from them.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub analysis: Analysis,
    /// Events of this article grouped by type, place and day.
    pub incidents: Vec<Incident>,
    /// One grade per claim, parallel to `claims`.
    pub claim_grades: Vec<Grade>,
}

/// A report with the parse layer: the sentences the stages parsed (for
/// `sitrep analyze --with-parse`). Serializes as the report plus `parses`.
#[derive(Debug, Serialize)]
pub struct ReportWithParses<'a> {
    #[serde(flatten)]
    pub report: &'a Report,
    pub parses: Vec<SentenceParse>,
}

impl Report {
    /// This report with the sentences its stages parsed.
    pub fn with_parses(&self) -> ReportWithParses<'_> {
        ReportWithParses {
            report: self,
            parses: self
                .analysis
                .parses
                .parsed()
                .iter()
                .map(|p| (**p).clone())
                .collect(),
        }
    }
}

/// The ordered stages of the analysis.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    /// The dependency parser behind the parse layer; `None` runs the stages
    /// on their token-window rules alone.
    parser: Option<Arc<dyn SentenceParser>>,
    /// The memo in front of the default parser, for its hit counts.
    memo: Option<Arc<memo::MemoParser>>,
}

fn load<T, E: std::fmt::Display>(stage: &'static str, r: Result<T, E>) -> Result<T, Error> {
    r.map_err(|e| Error::Load {
        stage,
        message: e.to_string(),
    })
}

impl Pipeline {
    /// Load every stage with the knowledge compiled into the binary.
    pub fn load_default() -> Result<Pipeline, Error> {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(load("actors", sitrep_actors::ActorTagger::load_default())?),
            Box::new(load("places", sitrep_places::PlaceTagger::load_default())?),
            Box::new(load("times", sitrep_times::TimeTagger::load_default())?),
            Box::new(load(
                "attribution",
                sitrep_attribution::ClaimTagger::load_default(),
            )?),
            Box::new(load("events", sitrep_events::EventCoder::load_default())?),
        ];
        // A missing model leaves the parse layer off (the stages fall back to
        // their window rules); a corrupt one is an error.
        let memo = match sitrep_syntax::Parser::load_default() {
            Ok(p) => Some(Arc::new(memo::MemoParser::new(Arc::new(p)))),
            Err(sitrep_syntax::Error::NoModel(_)) => None,
            Err(e) => {
                return Err(Error::Load {
                    stage: "syntax",
                    message: e.to_string(),
                })
            }
        };
        let parser = memo.clone().map(|m| m as Arc<dyn SentenceParser>);
        Ok(Pipeline {
            stages,
            parser,
            memo,
        })
    }

    /// Use `parser` for the parse layer, or none (window rules only).
    pub fn with_parser(mut self, parser: Option<Arc<dyn SentenceParser>>) -> Pipeline {
        self.parser = parser;
        self.memo = None;
        self
    }

    /// True when the parse layer is on (a syntax model was loaded).
    pub fn has_parser(&self) -> bool {
        self.parser.is_some()
    }

    /// Sentences the parse memo answered and sentences it parsed so far
    /// (`None` when the parse layer is off or another parser was set).
    pub fn parse_memo_stats(&self) -> Option<memo::MemoStats> {
        self.memo.as_ref().map(|m| m.stats())
    }

    /// Names of the stages, in the order they run.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run the stages and link their layers. Deterministic.
    pub fn analyze(&self, doc: &Doc) -> Analysis {
        let mut a = Analysis {
            id: doc.id.clone(),
            published: doc.meta.published.map(|d| d.to_string()),
            title: doc.meta.title.clone(),
            parses: ParseCache::new(self.parser.clone()),
            ..Analysis::default()
        };
        for stage in &self.stages {
            stage.annotate(doc, &mut a);
        }
        links::link(doc, &mut a);
        a
    }

    /// Analyse and derive incidents and claim grades.
    pub fn report(&self, doc: &Doc) -> Report {
        let analysis = self.analyze(doc);
        let incidents = incidents::group(&analysis);
        let claim_grades = grade::grade_claims(&analysis);
        Report {
            analysis,
            incidents,
            claim_grades,
        }
    }
}
