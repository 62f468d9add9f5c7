//! sitrep-events: Events (stub: to be filled).

use sitrep_core::{Analysis, Doc, Stage};

pub mod eval;

/// Errors raised while loading this stage's knowledge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(String),
}

/// Fills `Analysis::events`.
#[derive(Debug, Default)]
pub struct EventCoder {}

impl EventCoder {
    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<EventCoder, Error> {
        Ok(EventCoder {})
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }

    fn annotate(&self, _doc: &Doc, _analysis: &mut Analysis) {}
}
