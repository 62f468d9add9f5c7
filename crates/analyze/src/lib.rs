//! sitrep-analyze: the pipeline from a [`Doc`] to an [`Analysis`].
//!
//! Owns stage order and the links between layers (claims ↔ events). It holds
//! no linguistic knowledge itself: each stage crate owns its own.

use sitrep_core::{Analysis, Doc, Stage};

/// Errors raised while loading the pipeline's stages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("loading stage {stage}: {message}")]
    Load {
        stage: &'static str,
        message: String,
    },
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

    /// Analyse one document. Deterministic: the same doc gives the same output.
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
        a
    }
}
