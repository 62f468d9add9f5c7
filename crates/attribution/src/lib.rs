//! sitrep-attribution: Claims (stub: to be filled).

use sitrep_core::{Analysis, Doc, Stage};

pub mod eval;

/// Errors raised while loading this stage's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(String),
}

/// Fills `Analysis::claims`.
#[derive(Debug, Default)]
pub struct ClaimTagger {}

impl ClaimTagger {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<ClaimTagger, Error> {
        Ok(ClaimTagger {})
    }
}

impl Stage for ClaimTagger {
    fn name(&self) -> &'static str {
        "attribution"
    }

    fn annotate(&self, _doc: &Doc, _analysis: &mut Analysis) {}
}
