//! sitrep-places: Toponyms (stub: to be filled).

use sitrep_core::{Analysis, Doc, Stage};

pub mod eval;

/// Errors raised while loading this stage's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(String),
}

/// Fills `Analysis::places`.
#[derive(Debug, Default)]
pub struct PlaceTagger {}

impl PlaceTagger {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<PlaceTagger, Error> {
        Ok(PlaceTagger {})
    }
}

impl Stage for PlaceTagger {
    fn name(&self) -> &'static str {
        "places"
    }

    fn annotate(&self, _doc: &Doc, _analysis: &mut Analysis) {}
}
