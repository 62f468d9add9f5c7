//! Errors: why one input record was skipped or failed.
//!
//! Owns [`IngestError`] (the typed reasons) and [`RecordError`] (a reason tied
//! to the record it concerns, e.g. `batch.jsonl:17`). It does not decide what
//! to do with an error: the reader turns every error into a [`RecordError`]
//! and carries on, and the caller decides how to print it.

use std::io;

use thiserror::Error;

/// Whether a record was deliberately left out or could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordErrorKind {
    /// Left out on purpose: unsupported extension, over the size limit,
    /// empty document, no article text in an HTML page.
    Skipped,
    /// Broken input: unreadable file, bad JSON, missing `text`, bad date.
    Failed,
}

/// Why a record could not become a document.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file or stream could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// The record is bigger than `ReadOptions::max_bytes`.
    #[error("record is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: usize },
    /// A file whose extension names no format we read.
    #[error("unsupported extension .{0}")]
    UnsupportedExtension(String),
    /// A file with no extension, met while format detection was automatic.
    #[error("no file extension; set the input format explicitly")]
    NoExtension,
    /// A path that is neither a file nor a directory (socket, device…).
    #[error("not a regular file or directory")]
    NotAFile,
    /// A symbolic link to a directory inside a walked folder (never followed,
    /// so walks cannot loop).
    #[error("symbolic link to a directory not followed")]
    SymlinkDir,
    /// The document has no text once read (or only whitespace).
    #[error("empty document")]
    Empty,
    /// The HTML parser found no article text.
    #[error("no article text found in the HTML")]
    NoArticleText,
    /// The HTML page has more elements than we are willing to parse.
    #[error("HTML has too many elements ({found}, limit {limit})")]
    TooManyElements { found: usize, limit: usize },
    /// The HTML page nests elements deeper than we are willing to parse.
    #[error("HTML nests elements too deeply (about {depth} levels, limit {limit})")]
    TooDeep { depth: usize, limit: usize },
    /// The HTML extractor panicked; the page was dropped.
    #[error("HTML extraction failed: {0}")]
    Html(String),
    /// A JSONL line that is not valid JSON. `column` is 1-based, in bytes,
    /// within the line (the record name already gives the line).
    #[error("invalid JSON at column {column}: {message}")]
    Json { message: String, column: usize },
    /// A JSONL line that is valid JSON but not an object.
    #[error("record is not a JSON object")]
    NotAnObject,
    /// A required field is absent or null.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// A field has the wrong JSON type.
    #[error("field `{field}` must be {expected}")]
    FieldType {
        field: &'static str,
        expected: &'static str,
    },
    /// A date field that is not `YYYY-MM-DD`.
    #[error("field `{field}`: invalid date {value:?} (expected YYYY-MM-DD)")]
    BadDate { field: &'static str, value: String },
    /// An RSS, Atom or JSON feed that could not be parsed.
    #[error("invalid feed: {0}")]
    Feed(String),
    /// A WARC stream that could not be parsed from this record on.
    #[error("invalid WARC record: {0}")]
    Warc(String),
    /// A WARC response whose HTTP payload we do not read (not HTML, an
    /// error status, an unknown content encoding).
    #[error("{0}")]
    NotAnArticle(String),
    /// A URL that is not http(s) or cannot be parsed.
    #[error("bad URL: {0}")]
    BadUrl(String),
    /// A URL whose host resolves to a private, loopback, link-local or
    /// unique-local address, fetched without `allow_private`.
    #[error("refusing to fetch {host} ({addr}): private or local address (pass --allow-private to allow)")]
    PrivateAddress { host: String, addr: String },
    /// The HTTP request failed (connection, TLS, timeout, status).
    #[error("fetch failed: {0}")]
    Fetch(String),
}

impl From<serde_json::Error> for IngestError {
    fn from(e: serde_json::Error) -> Self {
        let full = e.to_string();
        // serde_json appends " at line L column C"; within one JSONL line
        // only the column is useful.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        IngestError::Json {
            message,
            column: e.column(),
        }
    }
}

impl IngestError {
    /// Skipped or failed.
    pub fn kind(&self) -> RecordErrorKind {
        use IngestError::*;
        match self {
            TooLarge { .. }
            | UnsupportedExtension(_)
            | NoExtension
            | NotAFile
            | SymlinkDir
            | Empty
            | NoArticleText
            | TooManyElements { .. }
            | TooDeep { .. }
            | NotAnArticle(_) => RecordErrorKind::Skipped,
            Io(_)
            | Html(_)
            | Json { .. }
            | NotAnObject
            | MissingField(_)
            | FieldType { .. }
            | BadDate { .. }
            | Feed(_)
            | Warc(_)
            | BadUrl(_)
            | PrivateAddress { .. }
            | Fetch(_) => RecordErrorKind::Failed,
        }
    }
}

/// One record that did not become a document.
///
/// Displays as `record: reason`, e.g.
/// `batch.jsonl:3: field `published`: invalid date "2015-13-01" (expected YYYY-MM-DD)`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{record}: {reason}")]
pub struct RecordError {
    /// Which record: a path (`page.html`), `path:LINE` for JSONL, or `<stdin>`.
    pub record: String,
    /// Human-readable reason, without the record name.
    pub reason: String,
    /// Skipped or failed.
    pub kind: RecordErrorKind,
}

impl RecordError {
    /// Tie `error` to the record named `record`.
    pub fn new(record: impl Into<String>, error: IngestError) -> RecordError {
        RecordError {
            record: record.into(),
            kind: error.kind(),
            reason: error.to_string(),
        }
    }

    /// True when the record was skipped on purpose rather than broken.
    pub fn is_skipped(&self) -> bool {
        self.kind == RecordErrorKind::Skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_record_and_reason() {
        let e = RecordError::new(
            "batch.jsonl:3",
            IngestError::BadDate {
                field: "published",
                value: "2015-13-01".into(),
            },
        );
        assert_eq!(e.kind, RecordErrorKind::Failed);
        assert_eq!(
            e.to_string(),
            "batch.jsonl:3: field `published`: invalid date \"2015-13-01\" (expected YYYY-MM-DD)"
        );
    }

    #[test]
    fn skipped_kinds() {
        let e = RecordError::new("a.pdf", IngestError::UnsupportedExtension("pdf".into()));
        assert!(e.is_skipped());
        assert_eq!(e.to_string(), "a.pdf: unsupported extension .pdf");
        assert!(!RecordError::new("x", IngestError::MissingField("text")).is_skipped());
    }
}
