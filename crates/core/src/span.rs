//! Spans: where in the article a value came from.

use serde::{Deserialize, Serialize};

/// A stretch of the article text.
///
/// `start`/`end` are character offsets (Unicode scalar values, end exclusive)
/// and are what users and evaluations see. `byte_start`/`byte_end` index the
/// same stretch in the UTF-8 text for use inside the pipeline; they are not
/// serialized.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

impl Span {
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.byte_start < other.byte_end && other.byte_start < self.byte_end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.byte_start <= other.byte_start && other.byte_end <= self.byte_end
    }

    /// The byte range, for slicing the document text.
    pub fn bytes(&self) -> std::ops::Range<usize> {
        self.byte_start..self.byte_end
    }
}
