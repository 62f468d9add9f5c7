//! sitrep-analyze: the pipeline from a [`Doc`] to a [`Report`].
//!
//! Owns stage order, the links between layers (claims ↔ events), the
//! in-document incident grouping and the claim grades. It holds no
//! linguistic knowledge itself: each stage crate owns its own.

pub mod grade;
pub mod incidents;
pub mod links;

use serde::Serialize;
use sitrep_core::{Analysis, Doc, Stage};

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

/// The ordered stages of the analysis.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
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
        Ok(Pipeline { stages })
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
            ..Analysis::default()
        };
        for stage in &self.stages {
            stage.annotate(doc, &mut a);
        }
        links::link_claims_to_events(&mut a);
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
