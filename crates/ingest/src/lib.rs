//! sitrep-ingest: reading text, HTML and JSONL inputs into documents.
//!
//! The CLI hands this crate a list of paths; it hands back, lazily and in a
//! fixed order, one [`Record`] per input record: either an [`InputDoc`] ready
//! to become a [`sitrep_core::Doc`], or a [`RecordError`] naming the record
//! (`page.html`, `batch.jsonl:17`, `<stdin>`) and saying why it was
//! *skipped* (left out on purpose) or *failed* (broken). A batch never stops
//! on one bad record, and [`Summary`] counts ok + skipped + failed so that
//! they add up to the records seen.
//!
//! This crate owns I/O and decoding only. It does no analysis, prints
//! nothing, and never panics on user data.
//!
//! # Inputs and the rules we chose
//!
//! - **Formats** come from the extension (case-insensitive): `.txt`/`.text`
//!   plain text, `.html`/`.htm`/`.xhtml` HTML, `.jsonl`/`.ndjson` JSONL,
//!   `.xml`/`.rss`/`.atom`/`.json` feeds (RSS, Atom, JSON Feed; see
//!   [`feed`]), `.warc`/`.warc.gz` WARC (see [`warc`]).
//!   [`ReadOptions::format`] overrides detection for every file and stream.
//!   Any other extension is *skipped* ("unsupported extension .pdf"). A
//!   file without an extension is sniffed like stdin when named on the
//!   command line (so `<(curl …)` and `/dev/stdin` work), and skipped when
//!   met in a folder walk (README, LICENSE…).
//! - **URLs** (`http://`, `https://`) are fetched ([`fetch`]: timeouts, the
//!   size limit, and never a private or local address unless
//!   [`FetchOptions::allow_private`]). A feed (by content type or content)
//!   gives one document per item, named `URL#ITEM-ID`; an HTML page or plain
//!   text gives one document named by the URL.
//! - **Plain text**: id = file stem; text kept byte for byte (minus a UTF-8
//!   BOM), so offsets match the file. If the first line looks like a
//!   headline (≤ 200 chars, then a blank line, no final `.`/`,`/`;`/`:`) it
//!   also becomes the title. `published` = [`ReadOptions::published`].
//! - **HTML**: main text extracted by `dom_smoothie` (Readability, a real
//!   HTML5 parser) in formatted mode; scripts, styles, navigation and
//!   footers dropped. Title, `published_time` (used when it parses, else
//!   [`ReadOptions::published`]), canonical URL and site name (as outlet)
//!   are taken from the page. Pages nested deeper than
//!   [`html::MAX_HTML_DEPTH`] or with more than [`html::MAX_HTML_ELEMENTS`]
//!   elements are skipped; a page with no article text is skipped.
//! - **JSONL**: one `{"id", "text", "published"?, "title"?, "url"?,
//!   "outlet"?}` per line; unknown keys are ignored. Blank lines are not
//!   records: they are passed over silently and not counted. A missing or
//!   non-string `text`, bad JSON, or a `published` that is not `YYYY-MM-DD`
//!   (an RFC 3339 date-time is also accepted, its date part taken) *fails*
//!   that line with `file.jsonl:LINE: reason`, and the file goes on. A
//!   missing or empty `id` falls back to `STEM:LINE` with a warning; a
//!   numeric id is turned into a string. A record without `published` (or
//!   with `null` or `""`) gets [`ReadOptions::published`]. `text` is taken
//!   verbatim (no HTML extraction).
//! - **Folders** are walked recursively in byte order of names, depth first,
//!   so runs are deterministic. Entries whose name starts with `.` are
//!   ignored (not counted); symbolic links to files are read, links to
//!   folders are skipped (no loops). Ids are the path under the folder
//!   without extension (`sub/article`).
//! - **Stdin** is the path `-`. Its format is sniffed from the first byte
//!   that is not whitespace or a BOM: `{` means JSONL, `<` means HTML,
//!   anything else plain text (its id is then `stdin`, its record name
//!   `<stdin>`). A sniffed `<` stream that turns out to be an RSS/Atom feed
//!   is read as a feed.
//! - **Ids** are not checked for uniqueness: the same path given twice, or
//!   two JSONL records with one id, give two documents.
//! - **Size limit**: [`ReadOptions::max_bytes`] (default 5 MiB) applies per
//!   record: a whole text or HTML file, or one JSONL line. Oversize records
//!   are *skipped* with their size; text files are checked before reading
//!   and JSONL lines are never held beyond the limit.
//! - **Invalid UTF-8** is decoded lossily (U+FFFD) and the document carries a
//!   warning in [`InputDoc::warnings`]; we would rather analyse a slightly
//!   damaged article than drop it. The caller may print warnings.
//! - **Empty** documents (no text but whitespace) are *skipped*.
//!
//! # Example
//!
//! ```
//! use sitrep_ingest::{Inputs, ReadOptions, Summary};
//!
//! let jsonl = b"{\"id\":\"a1\",\"text\":\"Regime warplanes struck al-Bab on Monday, activists said.\",\"published\":\"2015-06-02\"}\n\
//!               {\"id\":\"a2\",\"published\":\"2015-06-02\"}\n";
//! let mut summary = Summary::default();
//! let mut docs = Vec::new();
//! for record in Inputs::from_reader("batch.jsonl", Box::new(&jsonl[..]), &ReadOptions::default()) {
//!     summary.record(&record);
//!     match record {
//!         Ok(doc) => docs.push(doc.into_doc()),
//!         Err(e) => assert_eq!(e.to_string(), "batch.jsonl:2: missing field `text`"),
//!     }
//! }
//! assert_eq!(docs[0].id, "a1");
//! assert_eq!(summary.to_string(), "1 ok, 0 skipped, 1 failed");
//! ```

pub mod error;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod jsonl;
pub mod read;
pub mod warc;

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use sitrep_core::{Doc, DocMeta};

pub use error::{IngestError, RecordError, RecordErrorKind};
pub use feed::html_to_text;
pub use fetch::{is_non_public, is_url, FetchOptions, Fetcher};
pub use html::{extract_html, HtmlArticle};
pub use read::{format_of, headline, Inputs, STDIN_NAME};

/// Default per-record size limit: 5 MiB.
pub const DEFAULT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// One input record: a document, or why it was skipped or failed.
pub type Record = Result<InputDoc, RecordError>;

/// Input format. `Auto` picks by extension, and sniffs streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    #[default]
    Auto,
    Text,
    Html,
    Jsonl,
    /// RSS, Atom or JSON Feed: one document per item.
    Feed,
    /// WARC, plain or gzip: one document per HTML response.
    Warc,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `auto`, `text` (or `txt`), `html`, `jsonl`, `feed` (or `rss`,
    /// `atom`), `warc`.
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "text" | "txt" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "feed" | "rss" | "atom" => Ok(Format::Feed),
            "warc" => Ok(Format::Warc),
            other => Err(format!(
                "unknown input format {other:?} (auto, text, html, jsonl, feed, warc)"
            )),
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Publication date for records that do not carry one (`--published`).
    pub published: Option<NaiveDate>,
    /// Per-record size limit in bytes; larger records are skipped.
    pub max_bytes: usize,
    /// Force a format instead of detecting it.
    pub format: Format,
    /// How http(s) URLs given as inputs are fetched.
    pub fetch: FetchOptions,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            published: None,
            max_bytes: DEFAULT_MAX_BYTES,
            format: Format::Auto,
            fetch: FetchOptions::default(),
        }
    }
}

/// A document read from input, before tokenization.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InputDoc {
    /// Document id: file stem, folder-relative path, JSONL `id`, or `stdin`.
    pub id: String,
    /// The text offsets will refer to.
    pub text: String,
    /// Publication date, title, URL, outlet.
    pub meta: DocMeta,
    /// Where it came from, for messages: `a.txt`, `batch.jsonl:3`, `<stdin>`.
    pub record: String,
    /// Non-fatal problems (lossy UTF-8, missing id, unparseable page date).
    pub warnings: Vec<String>,
}

impl InputDoc {
    /// Tokenize and sentence-split into a [`Doc`].
    pub fn into_doc(self) -> Doc {
        Doc::with_meta(self.id, self.text, self.meta)
    }
}

impl From<InputDoc> for Doc {
    fn from(d: InputDoc) -> Doc {
        d.into_doc()
    }
}

/// Every record of `paths` (files, folders, `-` for stdin), lazily, in order.
///
/// Same as [`Inputs::new`].
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> Inputs {
    Inputs::new(paths, opts)
}

/// Counts of ok, skipped and failed records.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub ok: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Summary {
    /// Count one record.
    pub fn record(&mut self, r: &Record) {
        match r {
            Ok(_) => self.ok += 1,
            Err(e) if e.is_skipped() => self.skipped += 1,
            Err(_) => self.failed += 1,
        }
    }

    /// Records seen: always `ok + skipped + failed`.
    pub fn total(&self) -> usize {
        self.ok + self.skipped + self.failed
    }
}

impl fmt::Display for Summary {
    /// `3 ok, 1 skipped, 1 failed`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ok, {} skipped, {} failed",
            self.ok, self.skipped, self.failed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_add_up() {
        let recs: Vec<Record> = vec![
            Ok(InputDoc::default()),
            Ok(InputDoc::default()),
            Err(RecordError::new(
                "a.pdf",
                IngestError::UnsupportedExtension("pdf".into()),
            )),
            Err(RecordError::new(
                "b.jsonl:2",
                IngestError::MissingField("text"),
            )),
        ];
        let mut s = Summary::default();
        recs.iter().for_each(|r| s.record(r));
        assert_eq!(s.to_string(), "2 ok, 1 skipped, 1 failed");
        assert_eq!(s.total(), recs.len());
    }

    #[test]
    fn format_names() {
        assert_eq!("JSONL".parse::<Format>(), Ok(Format::Jsonl));
        assert_eq!("txt".parse::<Format>(), Ok(Format::Text));
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn into_doc_keeps_meta() {
        let d = InputDoc {
            id: "x".into(),
            text: "Regime warplanes struck al-Bab.".into(),
            meta: DocMeta {
                published: NaiveDate::from_ymd_opt(2015, 6, 2),
                ..DocMeta::default()
            },
            ..InputDoc::default()
        };
        let doc: Doc = d.into();
        assert_eq!(doc.id, "x");
        assert_eq!(doc.published(), NaiveDate::from_ymd_opt(2015, 6, 2));
    }
}
