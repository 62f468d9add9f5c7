//! sitrep-core: the shared vocabulary of the pipeline.
//!
//! A [`Doc`] owns one article's text and its tokens and sentences. Every later
//! stage (actors, places, times, attribution, events) reads the `Doc` and writes
//! one layer of an [`Analysis`]. Layers refer back to the text with [`Span`]s,
//! which carry character offsets (Unicode scalar values, end exclusive) for
//! output and byte offsets for fast slicing inside the pipeline.
//!
//! This crate owns no knowledge (lexicons, gazetteer) and does no I/O.
//!
//! ```
//! use sitrep_core::Doc;
//! let doc = Doc::new("d1", "Rebels said the regime bombed al-Bab. Activists denied it.");
//! assert_eq!(doc.sentences.len(), 2);
//! let bab = doc.tokens.iter().find(|t| doc.token_text(t) == "al-Bab").unwrap();
//! assert_eq!(doc.span(bab.start, bab.end).start, 30);
//! ```

pub mod doc;
pub mod eval;
pub mod layers;
pub mod span;
pub mod tokenize;

pub use doc::{Doc, DocMeta, Sentence};
pub use eval::{EvalReport, Metric};
pub use layers::*;
pub use span::Span;
pub use tokenize::{Token, TokenKind};

/// One step of the analysis: reads the `Doc` and the layers already filled,
/// and fills its own layer. Stages are pure and deterministic.
pub trait Stage: Send + Sync {
    /// Short name, used in `--explain` output and error messages.
    fn name(&self) -> &'static str;
    /// Fill this stage's layer of `analysis`.
    fn annotate(&self, doc: &Doc, analysis: &mut Analysis);
}
