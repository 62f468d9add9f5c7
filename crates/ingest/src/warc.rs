//! WARC files (`.warc`, `.warc.gz`), the way Common Crawl News ships them.
//!
//! Owns walking the records of one WARC stream (record headers parsed by the
//! `warc` crate; gzip by `flate2::MultiGzDecoder` behind a 1 MiB buffer,
//! since the crate's own gzip reading is slow) and turning each record into
//! a document:
//!
//! - `response` records carry an HTTP response: status line, headers, then
//!   the payload. A 2xx HTML payload becomes one document through the HTML
//!   path ([`crate::html::extract_html`]); chunked transfer encoding and
//!   gzip/deflate content encoding are undone, and the `charset` of the
//!   `Content-Type` header is honoured. Other statuses and content types are
//!   *skipped* with the reason.
//! - `resource` records (the payload itself) are read the same way without
//!   the HTTP part; `conversion` records with `text/plain` (Common Crawl WET
//!   files) become plain-text documents.
//! - `warcinfo`, `request`, `metadata`, `revisit` and other records describe
//!   the crawl rather than carry an article: they are passed over and not
//!   counted, like blank lines in JSONL.
//!
//! The document id and URL are the record's `WARC-Target-URI`; the
//! publication date is the page's own date when it states one, else the
//! `WARC-Date` (the capture time), else [`ReadOptions::published`].
//! Records are named `file.warc.gz@OFFSET`, the byte offset of the record in
//! the uncompressed stream. A record whose block exceeds
//! [`ReadOptions::max_bytes`] is skipped without being held in memory; a
//! record whose headers do not parse fails, and the rest of that file is not
//! read (its position is lost).

use std::io::{self, BufRead, BufReader, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use sitrep_core::DocMeta;
use warc::{RecordType, WarcHeader, WarcReader};

use crate::error::{IngestError, RecordError};
use crate::html::extract_html;
use crate::read::headline;
use crate::{InputDoc, ReadOptions, Record};

/// A `BufRead` that counts the bytes consumed, for record offsets.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }
}

/// The records of one WARC stream, read lazily.
pub(crate) struct WarcRecords {
    name: String,
    reader: Counting<Box<dyn BufRead + Send>>,
    done: bool,
}

/// What one WARC record held, before it becomes a document.
struct Block {
    kind: RecordType,
    content_type: String,
    target: Option<String>,
    record_id: String,
    date: chrono::NaiveDate,
    body: Vec<u8>,
}

impl WarcRecords {
    /// Records of `reader`; `gzip` when it is a `.warc.gz`.
    pub(crate) fn new(name: String, reader: Box<dyn Read + Send>, gzip: bool) -> WarcRecords {
        let inner: Box<dyn BufRead + Send> = if gzip {
            let file = BufReader::with_capacity(1 << 16, reader);
            Box::new(BufReader::with_capacity(1 << 20, MultiGzDecoder::new(file)))
        } else {
            Box::new(BufReader::with_capacity(1 << 20, reader))
        };
        WarcRecords {
            name,
            reader: Counting { inner, pos: 0 },
            done: false,
        }
    }

    fn fail(&mut self, name: String, e: IngestError) -> Option<Record> {
        self.done = true;
        Some(Err(RecordError::new(name, e)))
    }

    /// The next counted record, or None at the end of the stream.
    pub(crate) fn next_record(&mut self, opts: &ReadOptions) -> Option<Record> {
        while !self.done {
            // Tolerate stray line ends between records.
            loop {
                let buf = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) => {
                        let name = format!("{}@{}", self.name, self.reader.pos);
                        return self.fail(name, IngestError::Io(e));
                    }
                };
                if buf.is_empty() {
                    self.done = true;
                    return None;
                }
                let n = buf
                    .iter()
                    .take_while(|b| **b == b'\r' || **b == b'\n')
                    .count();
                if n == 0 {
                    break;
                }
                self.reader.consume(n);
            }
            let offset = self.reader.pos;
            let name = format!("{}@{offset}", self.name);
            let block = match self.read_block(opts.max_bytes) {
                Ok(b) => b,
                Err((e, fatal)) => {
                    if fatal {
                        return self.fail(name, e);
                    }
                    return Some(Err(RecordError::new(name, e)));
                }
            };
            let Some(block) = block else { continue };
            return Some(
                to_doc(block, opts)
                    .map(|mut d| {
                        d.record = name.clone();
                        d
                    })
                    .map_err(|e| RecordError::new(name, e)),
            );
        }
        None
    }

    /// Read one record. `Ok(None)` for records we pass over. Errors say
    /// whether the stream position is lost (`true`: stop the file).
    fn read_block(&mut self, max_bytes: usize) -> Result<Option<Block>, (IngestError, bool)> {
        let fatal = |e: IngestError| (e, true);
        let (block, too_large) = {
            let mut wr = WarcReader::new(&mut self.reader);
            let mut it = wr.stream_records();
            let mut rec = match it.next_item() {
                None => return Err(fatal(IngestError::Warc("truncated record".into()))),
                Some(Err(e)) => return Err(fatal(IngestError::Warc(e.to_string()))),
                Some(Ok(r)) => r,
            };
            let kind = rec.warc_type().clone();
            let len = rec.content_length();
            let wanted = matches!(
                kind,
                RecordType::Response | RecordType::Resource | RecordType::Conversion
            );
            let mut body = Vec::new();
            let too_large = wanted && len > max_bytes as u64;
            if wanted && !too_large {
                body.reserve(len as usize);
                rec.read_to_end(&mut body)
                    .map_err(|e| fatal(IngestError::Io(e)))?;
            } else {
                io::copy(&mut rec, &mut io::sink()).map_err(|e| fatal(IngestError::Io(e)))?;
            }
            let block = Block {
                content_type: rec
                    .header(WarcHeader::ContentType)
                    .map(|c| c.to_ascii_lowercase())
                    .unwrap_or_default(),
                target: rec
                    .header(WarcHeader::TargetURI)
                    .map(|t| t.trim().to_string()),
                record_id: rec.warc_id().to_string(),
                date: rec.date().date_naive(),
                kind,
                body,
            };
            (block, too_large.then_some(len))
        };
        let mut trailer = [0u8; 4];
        self.reader
            .read_exact(&mut trailer)
            .map_err(|e| fatal(IngestError::Io(e)))?;
        if &trailer != b"\r\n\r\n" {
            return Err(fatal(IngestError::Warc(
                "record not followed by CRLF CRLF (wrong Content-Length?)".into(),
            )));
        }
        if let Some(size) = too_large {
            return Err((
                IngestError::TooLarge {
                    size,
                    limit: max_bytes,
                },
                false,
            ));
        }
        let wanted = matches!(
            block.kind,
            RecordType::Response | RecordType::Resource | RecordType::Conversion
        );
        Ok(wanted.then_some(block))
    }
}

/// Turn a record block into a document.
fn to_doc(block: Block, opts: &ReadOptions) -> Result<InputDoc, IngestError> {
    let (content_type, payload) = match block.kind {
        RecordType::Response if block.content_type.starts_with("application/http") => {
            http_payload(&block.body, opts.max_bytes)?
        }
        _ => (block.content_type.clone(), block.body),
    };
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let text = decode_charset(&payload, &content_type);
    let id = block.target.clone().unwrap_or(block.record_id.clone());
    let mut warnings = Vec::new();
    if text.1 {
        warnings.push(crate::read::LOSSY_WARNING.to_string());
    }
    let text = text.0;
    let is_html = mime.contains("html") || (mime.is_empty() && text.trim_start().starts_with('<'));
    let (text, meta) = if is_html {
        let a = extract_html(&text)?;
        let meta = DocMeta {
            published: a.published.or(Some(block.date)).or(opts.published),
            title: a.title,
            url: block.target.clone().or(a.url),
            outlet: a.site_name,
        };
        (a.text, meta)
    } else if mime == "text/plain" {
        let meta = DocMeta {
            published: Some(block.date).or(opts.published),
            title: headline(&text),
            url: block.target.clone(),
            outlet: None,
        };
        (text, meta)
    } else {
        let what = if mime.is_empty() {
            "no content type"
        } else {
            &mime
        };
        return Err(IngestError::NotAnArticle(format!(
            "WARC {} record is {what}, not HTML or plain text",
            block.kind
        )));
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

/// Split an HTTP response into its content type and decoded payload.
fn http_payload(block: &[u8], max_bytes: usize) -> Result<(String, Vec<u8>), IngestError> {
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => {
                return Err(IngestError::Warc(
                    "HTTP response without a header end".into(),
                ))
            }
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| IngestError::Warc(format!("bad HTTP status line {status_line:?}")))?;
    if !(200..300).contains(&status) {
        return Err(IngestError::NotAnArticle(format!("HTTP status {status}")));
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        body = dechunk(&body);
    }
    let limited = |r: &mut dyn Read| -> Result<Vec<u8>, IngestError> {
        let mut out = Vec::new();
        r.take(max_bytes as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| IngestError::NotAnArticle(format!("cannot decode the payload: {e}")))?;
        if out.len() > max_bytes {
            return Err(IngestError::TooLarge {
                size: out.len() as u64,
                limit: max_bytes,
            });
        }
        Ok(out)
    };
    body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => limited(&mut MultiGzDecoder::new(&body[..]))?,
        "deflate" => {
            // Servers send either zlib-wrapped or raw deflate.
            limited(&mut ZlibDecoder::new(&body[..]))
                .or_else(|_| limited(&mut DeflateDecoder::new(&body[..])))?
        }
        other => {
            return Err(IngestError::NotAnArticle(format!(
                "unsupported content encoding {other}"
            )))
        }
    };
    Ok((content_type, body))
}

/// Undo chunked transfer encoding; a malformed tail is kept as it is.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(eol) = find(b, b"\r\n") {
        let size_str = String::from_utf8_lossy(&b[..eol]);
        let size_str = size_str.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_str, 16) else {
            out.extend_from_slice(b);
            return out;
        };
        let start = eol + 2;
        if size == 0 || start + size > b.len() {
            out.extend_from_slice(&b[start.min(b.len())..(start + size).min(b.len())]);
            break;
        }
        out.extend_from_slice(&b[start..start + size]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

/// Decode with the `charset` of a content type (UTF-8 when absent or
/// unknown). The flag says whether invalid bytes were replaced.
fn decode_charset(bytes: &[u8], content_type: &str) -> (String, bool) {
    let label = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']));
    let enc = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, lossy) = enc.decode(bytes);
    let mut text = text.into_owned();
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    (text, lossy)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// One WARC record, as bytes.
    pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write!(
            out,
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2015-06-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len() * 7 + kind.len(),
            block.len()
        )
        .unwrap();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub(crate) fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &str = "<html><head><title>Barrel bombs on Aleppo</title></head><body><article><p>Government helicopters dropped barrel bombs on two districts of Aleppo on Monday, killing at least 70 civilians, a monitoring group said.</p><p>The Syrian Observatory for Human Rights said the toll was likely to rise as rescuers searched the rubble.</p></article></body></html>";

    fn read(bytes: Vec<u8>, gzip: bool) -> Vec<Record> {
        let mut w = WarcRecords::new("t.warc".into(), Box::new(io::Cursor::new(bytes)), gzip);
        let opts = ReadOptions::default();
        std::iter::from_fn(|| w.next_record(&opts)).collect()
    }

    fn sample() -> (Vec<u8>, usize) {
        let mut all = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        all.extend(record(
            "request",
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        let second = all.len();
        all.extend(record(
            "response",
            "https://news.example/a",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                PAGE.as_bytes(),
            ),
        ));
        all.extend(record(
            "response",
            "https://news.example/logo.png",
            "application/http; msgtype=response",
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        all.extend(record(
            "response",
            "https://news.example/gone",
            "application/http; msgtype=response",
            &http("404 Not Found", "Content-Type: text/html\r\n", b"<p>no</p>"),
        ));
        (all, second)
    }

    #[test]
    fn responses_become_documents_and_the_rest_is_accounted() {
        let (bytes, offset) = sample();
        let recs = read(bytes, false);
        assert_eq!(recs.len(), 3, "{recs:?}");
        let d = recs[0].as_ref().unwrap();
        assert_eq!(d.id, "https://news.example/a");
        assert_eq!(d.record, format!("t.warc@{offset}"));
        assert!(
            d.text.contains("killing at least 70 civilians"),
            "{}",
            d.text
        );
        assert_eq!(d.meta.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(d.meta.published.unwrap().to_string(), "2015-06-02");
        let png = recs[1].as_ref().unwrap_err();
        assert!(
            png.is_skipped() && png.reason.contains("image/png"),
            "{png}"
        );
        let gone = recs[2].as_ref().unwrap_err();
        assert_eq!(gone.reason, "HTTP status 404");
    }

    #[test]
    fn gzip_members_per_record() {
        let (bytes, _) = sample();
        // One gzip member per record, as Common Crawl writes them.
        let mut gz = Vec::new();
        for chunk in [&bytes[..100], &bytes[100..]] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(chunk).unwrap();
            gz.extend(e.finish().unwrap());
        }
        let recs = read(gz, true);
        assert_eq!(recs.len(), 3);
        assert!(recs[0].is_ok());
    }

    #[test]
    fn encodings_are_undone() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(PAGE.as_bytes()).unwrap();
        let gz = e.finish().unwrap();
        let resp = http(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz,
        );
        let recs = read(
            record(
                "response",
                "https://x/1",
                "application/http; msgtype=response",
                &resp,
            ),
            false,
        );
        assert!(recs[0].as_ref().unwrap().text.contains("barrel bombs"));

        let chunked = b"19\r\nGovernment forces shelled\r\n10\r\n Idlib on Monday\r\n0\r\n\r\n";
        assert_eq!(
            dechunk(chunked),
            b"Government forces shelled Idlib on Monday"
        );

        let latin = decode_charset(b"Ca\xefd", "text/html; charset=iso-8859-1");
        assert_eq!(latin, ("Caïd".to_string(), false));
    }

    #[test]
    fn broken_and_oversize_records() {
        let big = record(
            "response",
            "https://x/big",
            "application/http; msgtype=response",
            &http("200 OK", "Content-Type: text/html\r\n", &vec![b'a'; 3000]),
        );
        let mut all = big;
        all.extend(record(
            "conversion",
            "https://x/wet",
            "text/plain",
            b"Rebels shelled Idlib on Monday, activists said.",
        ));
        all.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nabc");
        let mut w = WarcRecords::new("t.warc".into(), Box::new(io::Cursor::new(all)), false);
        let opts = ReadOptions {
            max_bytes: 1000,
            ..ReadOptions::default()
        };
        let recs: Vec<Record> = std::iter::from_fn(|| w.next_record(&opts)).collect();
        assert_eq!(recs.len(), 3, "{recs:?}");
        let e = recs[0].as_ref().unwrap_err();
        assert!(
            e.is_skipped() && e.reason.contains("over the limit of 1000"),
            "{e}"
        );
        assert_eq!(
            recs[1].as_ref().unwrap().text,
            "Rebels shelled Idlib on Monday, activists said."
        );
        let e = recs[2].as_ref().unwrap_err();
        assert!(
            !e.is_skipped() && e.to_string().contains("invalid WARC record"),
            "{e}"
        );
    }
}
