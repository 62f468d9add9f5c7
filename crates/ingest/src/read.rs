//! Reading paths: files, folders and stdin, lazily, one record at a time.
//!
//! Owns the [`Inputs`] iterator: expanding folders (recursively, sorted,
//! hidden entries ignored, symlinked folders not followed), choosing a format
//! per file, the size limit, UTF-8 decoding, and building text and HTML
//! documents. JSONL line parsing lives in [`crate::jsonl`], HTML extraction in
//! [`crate::html`]. Nothing here analyses text or prints anything.

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use sitrep_core::DocMeta;

use crate::error::{IngestError, RecordError};
use crate::feed::{feed_records, looks_like_feed};
use crate::fetch::{is_url, Fetcher};
use crate::html::extract_html;
use crate::jsonl::JsonlLines;
use crate::warc::WarcRecords;
use crate::{Format, InputDoc, ReadOptions, Record};

/// Warning attached to a document whose bytes were not valid UTF-8.
pub(crate) const LOSSY_WARNING: &str = "invalid UTF-8 replaced with U+FFFD";

/// Record name used for standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads every record of the given paths, lazily and in a fixed order.
///
/// Yields one [`Record`] per input record: a document, or an error naming the
/// record. It never stops early on a bad record.
pub struct Inputs {
    opts: ReadOptions,
    queue: VecDeque<Task>,
    jsonl: Option<JsonlLines>,
    /// Items of the feed being read, in order.
    feed: VecDeque<Record>,
    warc: Option<WarcRecords>,
    /// Built on the first URL.
    fetcher: Option<Fetcher>,
}

enum Task {
    /// A path given by the user (`-` is stdin).
    Arg(PathBuf),
    /// An http(s) URL given by the user.
    Url(String),
    /// A folder to expand.
    Dir { root: PathBuf, dir: PathBuf },
    /// A file to read, with its document id. `explicit` when the user named
    /// it (not met in a folder walk).
    File {
        path: PathBuf,
        id: String,
        explicit: bool,
    },
    /// A stream (stdin, or a reader handed in by the caller).
    Stream {
        name: String,
        id: String,
        format: Format,
        reader: Box<dyn Read + Send>,
    },
    /// An error found while expanding a folder.
    Error(RecordError),
}

impl Inputs {
    /// Records of `paths` (files, folders, or `-` for stdin).
    pub fn new(paths: &[PathBuf], opts: &ReadOptions) -> Inputs {
        Inputs {
            opts: opts.clone(),
            queue: paths.iter().cloned().map(Task::Arg).collect(),
            jsonl: None,
            feed: VecDeque::new(),
            warc: None,
            fetcher: None,
        }
    }

    /// Records of one stream, e.g. a pasted article. `name` names the record
    /// in errors and is the document id for text and HTML. With
    /// [`Format::Auto`] the format is sniffed as for stdin.
    pub fn from_reader(
        name: impl Into<String>,
        reader: Box<dyn Read + Send>,
        opts: &ReadOptions,
    ) -> Inputs {
        let name = name.into();
        let task = Task::Stream {
            id: name.clone(),
            name,
            format: opts.format,
            reader,
        };
        Inputs {
            opts: opts.clone(),
            queue: VecDeque::from([task]),
            jsonl: None,
            feed: VecDeque::new(),
            warc: None,
            fetcher: None,
        }
    }

    fn err(name: impl Into<String>, e: IngestError) -> Option<Record> {
        Some(Err(RecordError::new(name, e)))
    }

    fn arg(&mut self, path: PathBuf) -> Option<Record> {
        if path.as_os_str() == "-" {
            self.queue.push_front(Task::Stream {
                name: STDIN_NAME.to_string(),
                id: "stdin".to_string(),
                format: self.opts.format,
                reader: Box::new(io::stdin()),
            });
            return None;
        }
        let name = path.display().to_string();
        if is_url(&name) {
            self.queue.push_front(Task::Url(name));
            return None;
        }
        match fs::metadata(&path) {
            Err(e) => Self::err(name, IngestError::Io(e)),
            Ok(m) if m.is_dir() => {
                self.queue.push_front(Task::Dir {
                    root: path.clone(),
                    dir: path,
                });
                None
            }
            // Not only regular files: FIFOs such as `<(curl …)` or
            // `/dev/stdin` named explicitly are read too.
            Ok(_) => {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| name.clone());
                self.queue.push_front(Task::File {
                    path,
                    id,
                    explicit: true,
                });
                None
            }
        }
    }

    fn dir(&mut self, root: &Path, dir: &Path) -> Option<Record> {
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return Self::err(dir.display().to_string(), IngestError::Io(e)),
        };
        let mut tasks = Vec::new();
        let mut found = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => {
                    if !e.file_name().to_string_lossy().starts_with('.') {
                        found.push(e);
                    }
                }
                Err(e) => tasks.push((
                    dir.as_os_str().to_owned(),
                    Task::Error(RecordError::new(
                        dir.display().to_string(),
                        IngestError::Io(e),
                    )),
                )),
            }
        }
        found.sort_by_key(|e| e.file_name());
        for e in found {
            let path = e.path();
            let name = path.display().to_string();
            let ft = match e.file_type() {
                Ok(ft) => ft,
                Err(err) => {
                    tasks.push((
                        e.file_name(),
                        Task::Error(RecordError::new(name, IngestError::Io(err))),
                    ));
                    continue;
                }
            };
            let task = if ft.is_dir() {
                Task::Dir {
                    root: root.to_path_buf(),
                    dir: path,
                }
            } else if ft.is_file() {
                Task::File {
                    id: walk_id(root, &path),
                    path,
                    explicit: false,
                }
            } else if ft.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_file() => Task::File {
                        id: walk_id(root, &path),
                        path,
                        explicit: false,
                    },
                    Ok(m) if m.is_dir() => {
                        Task::Error(RecordError::new(name, IngestError::SymlinkDir))
                    }
                    Ok(_) => Task::Error(RecordError::new(name, IngestError::NotAFile)),
                    Err(err) => Task::Error(RecordError::new(name, IngestError::Io(err))),
                }
            } else {
                Task::Error(RecordError::new(name, IngestError::NotAFile))
            };
            tasks.push((e.file_name(), task));
        }
        for (_, task) in tasks.into_iter().rev() {
            self.queue.push_front(task);
        }
        None
    }

    fn file(&mut self, path: &Path, id: String, explicit: bool) -> Option<Record> {
        let name = path.display().to_string();
        let format = match (self.opts.format, format_of(path)) {
            (Format::Auto, Ok(f)) => f,
            // A file named by the user without an extension is sniffed
            // like stdin; in a folder walk it is skipped (README, LICENSE…).
            (Format::Auto, Err(IngestError::NoExtension)) if explicit => Format::Auto,
            (Format::Auto, Err(e)) => return Self::err(name, e),
            (f, _) => f,
        };
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return Self::err(name, IngestError::Io(e)),
        };
        if format == Format::Auto {
            return self.stream(name, id, Format::Auto, Box::new(file));
        }
        if format == Format::Jsonl {
            let stem = id;
            let reader = BufReader::with_capacity(1 << 16, file);
            self.jsonl = Some(JsonlLines::new(name, stem, Box::new(reader)));
            return None;
        }
        if format == Format::Warc {
            let mut reader = BufReader::with_capacity(1 << 16, file);
            let gzip = is_gzip(&mut reader);
            self.warc = Some(WarcRecords::new(name, Box::new(reader), gzip));
            return None;
        }
        if let Ok(m) = file.metadata() {
            if m.len() > self.opts.max_bytes as u64 {
                let e = IngestError::TooLarge {
                    size: m.len(),
                    limit: self.opts.max_bytes,
                };
                return Self::err(name, e);
            }
        }
        if format == Format::Feed {
            return self.feed_from(name, Vec::new(), file);
        }
        Some(self.whole(name, id, format, Vec::new(), file))
    }

    /// Read a whole feed (after `prefix`) and queue its items.
    fn feed_from(&mut self, name: String, mut bytes: Vec<u8>, reader: impl Read) -> Option<Record> {
        let limit = self.opts.max_bytes;
        let room = (limit as u64 + 1).saturating_sub(bytes.len() as u64);
        if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
            return Self::err(name, IngestError::Io(e));
        }
        if bytes.len() > limit {
            let size = bytes.len() as u64;
            return Self::err(name, IngestError::TooLarge { size, limit });
        }
        self.feed = feed_records(&name, &bytes, &self.opts).into();
        None
    }

    /// Fetch a URL: a feed gives its items, a page or text one document.
    fn url(&mut self, url: String) -> Option<Record> {
        let fetcher = self
            .fetcher
            .get_or_insert_with(|| Fetcher::new(&self.opts.fetch));
        let got = match fetcher.get(&url, self.opts.max_bytes) {
            Ok(g) => g,
            Err(e) => return Self::err(url, e),
        };
        let ct = got.content_type.as_str();
        let feedish = ct.contains("rss") || ct.contains("atom") || ct.contains("feed+json");
        let xmlish = ct.ends_with("/xml") || ct.ends_with("+xml");
        if feedish || ((xmlish || ct.contains("json")) && looks_like_feed(&got.body)) {
            self.feed = feed_records(&url, &got.body, &self.opts).into();
            return None;
        }
        let format = if ct.contains("html") {
            Format::Html
        } else if ct == "text/plain" {
            Format::Text
        } else if ct.is_empty() || xmlish {
            if looks_like_feed(&got.body) {
                self.feed = feed_records(&url, &got.body, &self.opts).into();
                return None;
            }
            Format::Html
        } else {
            let e = IngestError::NotAnArticle(format!(
                "{ct} at {}: not a feed, a page or text",
                got.url
            ));
            return Self::err(url, e);
        };
        let mut rec = self.whole(url.clone(), url, format, got.body, io::empty());
        if let Ok(doc) = &mut rec {
            doc.meta.url.get_or_insert(got.url);
        }
        Some(rec)
    }

    /// Read a whole stream (after `prefix`, already read) as one document.
    fn whole(
        &self,
        name: String,
        id: String,
        format: Format,
        mut bytes: Vec<u8>,
        reader: impl Read,
    ) -> Record {
        let limit = self.opts.max_bytes;
        let room = (limit as u64 + 1).saturating_sub(bytes.len() as u64);
        if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
            return Err(RecordError::new(name, IngestError::Io(e)));
        }
        if bytes.len() > limit {
            let e = IngestError::TooLarge {
                size: bytes.len() as u64,
                limit,
            };
            return Err(RecordError::new(name, e));
        }
        let (text, lossy) = decode(bytes);
        let mut doc = build_doc(id, text, format, &self.opts)
            .map_err(|e| RecordError::new(name.clone(), e))?;
        doc.record = name;
        if lossy {
            doc.warnings.push(LOSSY_WARNING.to_string());
        }
        Ok(doc)
    }

    fn stream(
        &mut self,
        name: String,
        id: String,
        format: Format,
        reader: Box<dyn Read + Send>,
    ) -> Option<Record> {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let sniffed = format == Format::Auto;
        let (format, prefix) = match format {
            Format::Auto => match sniff(&mut reader, self.opts.max_bytes) {
                Ok(x) => x,
                Err(e) => return Self::err(name, IngestError::Io(e)),
            },
            f => (f, Vec::new()),
        };
        if format == Format::Jsonl {
            let chained = Cursor::new(prefix).chain(reader);
            self.jsonl = Some(JsonlLines::new(name, id, Box::new(chained)));
            return None;
        }
        if format == Format::Warc {
            // Forced formats are not sniffed, so `prefix` is empty here.
            let gzip = is_gzip(&mut reader);
            let chained = Cursor::new(prefix).chain(reader);
            self.warc = Some(WarcRecords::new(name, Box::new(chained), gzip));
            return None;
        }
        if format == Format::Feed {
            return self.feed_from(name, prefix, reader);
        }
        if format == Format::Html && sniffed {
            // A sniffed `<` may be a feed rather than a page.
            let limit = self.opts.max_bytes;
            let mut bytes = prefix;
            let room = (limit as u64 + 1).saturating_sub(bytes.len() as u64);
            if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
                return Self::err(name, IngestError::Io(e));
            }
            if looks_like_feed(&bytes) {
                return self.feed_from(name, bytes, io::empty());
            }
            return Some(self.whole(name, id, format, bytes, io::empty()));
        }
        Some(self.whole(name, id, format, prefix, reader))
    }
}

impl Iterator for Inputs {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(j) = &mut self.jsonl {
                match j.next_record(self.opts.max_bytes, self.opts.published) {
                    Some(r) => return Some(r),
                    None => self.jsonl = None,
                }
            }
            if let Some(r) = self.feed.pop_front() {
                return Some(r);
            }
            if let Some(w) = &mut self.warc {
                match w.next_record(&self.opts) {
                    Some(r) => return Some(r),
                    None => self.warc = None,
                }
            }
            let out = match self.queue.pop_front()? {
                Task::Arg(p) => self.arg(p),
                Task::Url(u) => self.url(u),
                Task::Dir { root, dir } => self.dir(&root, &dir),
                Task::File { path, id, explicit } => self.file(&path, id, explicit),
                Task::Stream {
                    name,
                    id,
                    format,
                    reader,
                } => self.stream(name, id, format, reader),
                Task::Error(e) => Some(Err(e)),
            };
            if out.is_some() {
                return out;
            }
        }
    }
}

impl std::iter::FusedIterator for Inputs {}

/// The format a file extension names (case-insensitive).
pub fn format_of(path: &Path) -> Result<Format, IngestError> {
    let Some(ext) = path.extension() else {
        return Err(IngestError::NoExtension);
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Ok(Format::Text),
        "html" | "htm" | "xhtml" => Ok(Format::Html),
        "jsonl" | "ndjson" => Ok(Format::Jsonl),
        "xml" | "rss" | "atom" | "json" => Ok(Format::Feed),
        "warc" => Ok(Format::Warc),
        "gz" => {
            let name = path.to_string_lossy().to_ascii_lowercase();
            if name.ends_with(".warc.gz") {
                Ok(Format::Warc)
            } else {
                Err(IngestError::UnsupportedExtension(ext))
            }
        }
        _ => Err(IngestError::UnsupportedExtension(ext)),
    }
}

/// Document id of a file met in a folder walk: its path under the walked
/// folder, without extension, with `/` separators (`sub/article`).
fn walk_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Guess the format of a stream from its first byte that is not whitespace
/// (or a byte-order mark): `{` means JSONL, `<` means HTML, anything else
/// plain text. Returns the bytes read so far, unchanged, which the caller
/// must put back in front of the stream.
fn sniff<R: BufRead>(r: &mut R, max: usize) -> io::Result<(Format, Vec<u8>)> {
    const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
    let mut prefix = Vec::new();
    let mut byte = [0u8; 1];
    while prefix.len() <= max {
        match r.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        prefix.push(byte[0]);
        if byte[0].is_ascii_whitespace() || (prefix.len() <= 3 && BOM.starts_with(&prefix)) {
            continue;
        }
        let format = match byte[0] {
            b'{' => Format::Jsonl,
            b'<' => Format::Html,
            _ => Format::Text,
        };
        return Ok((format, prefix));
    }
    Ok((Format::Text, prefix))
}

/// True when the stream starts with the gzip magic bytes (not consumed).
fn is_gzip<R: BufRead>(r: &mut R) -> bool {
    r.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]))
}

/// Decode bytes as UTF-8, dropping a byte-order mark. Invalid sequences
/// become U+FFFD; the flag says whether that happened.
pub(crate) fn decode(mut bytes: Vec<u8>) -> (String, bool) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// Turn decoded text into a document of the given format.
fn build_doc(
    id: String,
    text: String,
    format: Format,
    opts: &ReadOptions,
) -> Result<InputDoc, IngestError> {
    let mut warnings = Vec::new();
    let (text, meta) = match format {
        Format::Html => {
            let a = extract_html(&text)?;
            if a.published.is_none() {
                if let Some(raw) = &a.published_raw {
                    warnings.push(format!("unparseable published_time {raw:?} ignored"));
                }
            }
            let meta = DocMeta {
                published: a.published.or(opts.published),
                title: a.title,
                url: a.url,
                outlet: a.site_name,
            };
            (a.text, meta)
        }
        // Jsonl, Feed and Warc never reach here (their streams are split
        // into records first); Auto is resolved before. All fall back to
        // plain text.
        Format::Text | Format::Auto | Format::Jsonl | Format::Feed | Format::Warc => {
            let meta = DocMeta {
                published: opts.published,
                title: headline(&text),
                ..DocMeta::default()
            };
            (text, meta)
        }
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(InputDoc {
        id,
        text,
        meta,
        record: String::new(),
        warnings,
    })
}

/// The first line of a plain-text article, when it looks like a headline:
/// followed by a blank line, at most 200 characters, not ending like a
/// sentence (`.`, `,`, `;`, `:`). The text itself is left unchanged, so
/// offsets still count the headline.
pub fn headline(text: &str) -> Option<String> {
    let mut lines = text.trim_start().lines();
    let first = lines.next()?.trim();
    let next = lines.next()?;
    let n = first.chars().count();
    let ok = (1..=200).contains(&n)
        && next.trim().is_empty()
        && !first.ends_with(['.', ',', ';', ':'])
        && lines.any(|l| !l.trim().is_empty());
    ok.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    fn from(input: &'static [u8], o: &ReadOptions) -> Vec<Record> {
        Inputs::from_reader("pasted", Box::new(input), o).collect()
    }

    #[test]
    fn headline_rule() {
        assert_eq!(
            headline("U.S. Embassy: Assad Regime Airstrikes Aiding ISIS Advance in Aleppo\n\nThe Bashar…").as_deref(),
            Some("U.S. Embassy: Assad Regime Airstrikes Aiding ISIS Advance in Aleppo")
        );
        assert_eq!(
            headline("Rebels said the regime bombed al-Bab.\n\nMore."),
            None
        );
        assert_eq!(headline("One line only"), None);
        assert_eq!(headline("Title\nbody right after"), None);
    }

    #[test]
    fn sniff_stdin_formats() {
        let t = from(b"\n\nRebels shelled Idlib on Monday.\n", &opts());
        let d = t[0].as_ref().unwrap();
        assert_eq!(d.id, "pasted");
        assert_eq!(d.text, "\n\nRebels shelled Idlib on Monday.\n");

        let j = from(
            b"\n{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n",
            &opts(),
        );
        assert_eq!(j.len(), 2);
        assert_eq!(j[1].as_ref().unwrap().record, "pasted:3");

        let h = from(
            b"<html><body><article><p>Government helicopters dropped barrel bombs on two districts of Aleppo, killing at least 70 civilians.</p></article></body></html>",
            &opts(),
        );
        assert!(h[0].as_ref().unwrap().text.contains("barrel bombs"));
    }

    #[test]
    fn format_override() {
        let o = ReadOptions {
            format: Format::Text,
            ..opts()
        };
        let t = from(b"{\"id\":\"a\",\"text\":\"x\"}", &o);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].as_ref().unwrap().text, "{\"id\":\"a\",\"text\":\"x\"}");
    }

    #[test]
    fn size_limit_on_streams() {
        let o = ReadOptions {
            max_bytes: 10,
            ..opts()
        };
        let r = from(b"Rebels shelled Idlib on Monday.", &o);
        let e = r[0].as_ref().unwrap_err();
        assert!(e.is_skipped());
        assert!(e.reason.contains("over the limit of 10 bytes"), "{e}");
        // Exactly at the limit is fine.
        let r = from(b"0123456789", &o);
        assert!(r[0].is_ok());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_warning() {
        let r = from(b"\xEF\xBB\xBFAleppo \xFF\xFE shelled", &opts());
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.text, "Aleppo \u{FFFD}\u{FFFD} shelled");
        assert_eq!(d.warnings, vec![LOSSY_WARNING.to_string()]);
    }

    #[test]
    fn empty_stream_is_skipped() {
        let r = from(b"  \n\n", &opts());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].as_ref().unwrap_err().reason, "empty document");
        let r = from(b"", &opts());
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn extensions() {
        assert_eq!(format_of(Path::new("a/B.HTM")).unwrap(), Format::Html);
        assert_eq!(format_of(Path::new("x.ndjson")).unwrap(), Format::Jsonl);
        assert_eq!(
            format_of(Path::new("x.pdf")).unwrap_err().to_string(),
            "unsupported extension .pdf"
        );
        assert!(matches!(
            format_of(Path::new("README")),
            Err(IngestError::NoExtension)
        ));
    }

    #[test]
    fn inputs_can_move_to_another_thread() {
        fn send<T: Send>(_: &T) {}
        send(&Inputs::new(&[PathBuf::from("-")], &opts()));
    }

    #[test]
    fn walk_ids() {
        assert_eq!(walk_id(Path::new("in"), Path::new("in/sub/a.txt")), "sub/a");
        assert_eq!(walk_id(Path::new("in"), Path::new("in/b.v2.html")), "b.v2");
    }
}
