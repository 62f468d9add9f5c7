//! sitrep-actors: Actor mentions (stub: to be filled).

use sitrep_core::{Analysis, Doc, Stage};

pub mod eval;

/// Errors raised while loading this stage's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(String),
}

/// Fills `Analysis::actors`.
#[derive(Debug, Default)]
pub struct ActorTagger {}

impl ActorTagger {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<ActorTagger, Error> {
        Ok(ActorTagger {})
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, _doc: &Doc, _analysis: &mut Analysis) {}
}
