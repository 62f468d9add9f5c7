//! sitrep-times: Temporal expressions (stub: to be filled).

use sitrep_core::{Analysis, Doc, Stage};

pub mod eval;

/// Errors raised while loading this stage's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(String),
}

/// Fills `Analysis::times`.
#[derive(Debug, Default)]
pub struct TimeTagger {}

impl TimeTagger {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<TimeTagger, Error> {
        Ok(TimeTagger {})
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "times"
    }

    fn annotate(&self, _doc: &Doc, _analysis: &mut Analysis) {}
}
