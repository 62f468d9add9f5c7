//! JSONL records: one article per line.
//!
//! Owns the line format `{"id", "text", "published"?: "YYYY-MM-DD", "title"?,
//! "url"?, "outlet"?}`, bounded line reading and per-line errors
//! (`file.jsonl:LINE: reason`). It does not open files or walk folders: it
//! reads any `BufRead` handed to it by [`crate::read`].

use std::io::{self, BufRead};

use chrono::NaiveDate;
use serde_json::{Map, Value};
use sitrep_core::DocMeta;

use crate::error::{IngestError, RecordError};
use crate::{InputDoc, Record};

/// Reads the records of one JSONL stream, lazily.
pub(crate) struct JsonlLines {
    /// Display name for errors, e.g. `data/batch.jsonl` or `<stdin>`.
    name: String,
    /// Fallback id prefix for records without an `id`.
    stem: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    done: bool,
    buf: Vec<u8>,
}

impl JsonlLines {
    pub(crate) fn new(name: String, stem: String, reader: Box<dyn BufRead + Send>) -> Self {
        JsonlLines {
            name,
            stem,
            reader,
            line: 0,
            done: false,
            buf: Vec::new(),
        }
    }

    /// The next record, or None at the end of the stream. Blank lines are
    /// not records and are passed over silently.
    pub(crate) fn next_record(
        &mut self,
        max_bytes: usize,
        default_published: Option<NaiveDate>,
    ) -> Option<Record> {
        while !self.done {
            let len = match read_line_limited(&mut *self.reader, max_bytes, &mut self.buf) {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(len)) => len,
                Err(e) => {
                    // A read error leaves the stream position unknown: report
                    // it once against the next line and stop this stream.
                    self.done = true;
                    let name = format!("{}:{}", self.name, self.line + 1);
                    return Some(Err(RecordError::new(name, IngestError::Io(e))));
                }
            };
            self.line += 1;
            let name = format!("{}:{}", self.name, self.line);
            if len > max_bytes {
                let err = IngestError::TooLarge {
                    size: len as u64,
                    limit: max_bytes,
                };
                return Some(Err(RecordError::new(name, err)));
            }
            let (line, lossy) = crate::read::decode(std::mem::take(&mut self.buf));
            if line.trim().is_empty() {
                continue;
            }
            let fallback_id = format!("{}:{}", self.stem, self.line);
            let mut rec = parse_record(&line, &fallback_id, default_published)
                .map_err(|e| RecordError::new(name.clone(), e));
            if let Ok(doc) = &mut rec {
                doc.record = name;
                if lossy {
                    doc.warnings.push(crate::read::LOSSY_WARNING.to_string());
                }
            }
            return Some(rec);
        }
        None
    }
}

/// Parse one JSONL line into a document. `fallback_id` is used when the
/// record has no `id` (or an empty one), with a warning.
pub fn parse_record(
    line: &str,
    fallback_id: &str,
    default_published: Option<NaiveDate>,
) -> Result<InputDoc, IngestError> {
    let value: Value = serde_json::from_str(line)?;
    let Value::Object(obj) = value else {
        return Err(IngestError::NotAnObject);
    };
    let mut warnings = Vec::new();
    let text = match obj.get("text") {
        None | Some(Value::Null) => return Err(IngestError::MissingField("text")),
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(IngestError::FieldType {
                field: "text",
                expected: "a string",
            })
        }
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            warnings.push(format!("no `id`, using {fallback_id:?}"));
            fallback_id.to_string()
        }
        Some(_) => {
            return Err(IngestError::FieldType {
                field: "id",
                expected: "a string or a number",
            })
        }
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let published = match obj.get("published") {
        // Exporters often write "" for "unknown": treat it as absent.
        None | Some(Value::Null) => default_published,
        Some(Value::String(s)) if s.trim().is_empty() => default_published,
        Some(Value::String(s)) => Some(parse_strict_date("published", s)?),
        Some(_) => {
            return Err(IngestError::FieldType {
                field: "published",
                expected: "a date string YYYY-MM-DD",
            })
        }
    };
    let meta = DocMeta {
        published,
        title: opt_string(&obj, "title")?,
        url: opt_string(&obj, "url")?,
        outlet: opt_string(&obj, "outlet")?,
    };
    Ok(InputDoc {
        id,
        text,
        meta,
        record: String::new(),
        warnings,
    })
}

fn opt_string(
    obj: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, IngestError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(IngestError::FieldType {
            field,
            expected: "a string",
        }),
    }
}

/// `YYYY-MM-DD`, or an RFC 3339 date-time whose date part is taken
/// (`2015-06-02T10:00:00Z`). Anything else is an error naming the field.
pub(crate) fn parse_strict_date(field: &'static str, s: &str) -> Result<NaiveDate, IngestError> {
    let bad = || IngestError::BadDate {
        field,
        value: s.to_string(),
    };
    let t = s.trim();
    let date_part = match t.len() {
        10 => t,
        n if n > 10 && matches!(t.as_bytes()[10], b'T' | b't' | b' ') => {
            t.get(..10).ok_or_else(bad)?
        }
        _ => return Err(bad()),
    };
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").map_err(|_| bad())
}

/// Read one line (without its `\n` or `\r\n`) into `buf`, keeping at most
/// `max` bytes but consuming the whole line. Returns the full length of the
/// line, so a caller can tell it was cut, or None at end of input.
pub(crate) fn read_line_limited<R: BufRead + ?Sized>(
    r: &mut R,
    max: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    let mut last_cr = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let nl = avail.iter().position(|&c| c == b'\n');
        let chunk = &avail[..nl.unwrap_or(avail.len())];
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        total += chunk.len();
        if let Some(&c) = chunk.last() {
            last_cr = c == b'\r';
        }
        let used = nl.map_or(chunk.len(), |i| i + 1);
        r.consume(used);
        if nl.is_some() {
            if last_cr {
                total -= 1;
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            return Ok(Some(total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &'static str, max: usize) -> Vec<Record> {
        let mut j = JsonlLines::new("b.jsonl".into(), "b".into(), Box::new(input.as_bytes()));
        std::iter::from_fn(|| j.next_record(max, None)).collect()
    }

    #[test]
    fn good_record() {
        let d = parse_record(
            r#"{"id":"a1","text":"Rebels shelled Idlib.","published":"2015-06-02","title":"T","url":"http://x","outlet":"Reuters","extra":1}"#,
            "b:1",
            None,
        )
        .unwrap();
        assert_eq!(d.id, "a1");
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2015, 6, 2));
        assert_eq!(d.meta.outlet.as_deref(), Some("Reuters"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn field_errors_name_the_field() {
        let cases = [
            (r#"{"id":"a"}"#, "missing field `text`"),
            (r#"{"id":"a","text":null}"#, "missing field `text`"),
            (r#"{"id":"a","text":5}"#, "field `text` must be a string"),
            (
                r#"{"id":[1],"text":"x"}"#,
                "field `id` must be a string or a number",
            ),
            (
                r#"{"id":"a","text":"x","published":"2015-13-01"}"#,
                "field `published`: invalid date \"2015-13-01\" (expected YYYY-MM-DD)",
            ),
            (
                r#"{"id":"a","text":"x","published":"June 1"}"#,
                "field `published`: invalid date \"June 1\" (expected YYYY-MM-DD)",
            ),
            (
                r#"{"id":"a","text":"x","published":20150601}"#,
                "field `published` must be a date string YYYY-MM-DD",
            ),
            (
                r#"{"id":"a","text":"x","title":{}}"#,
                "field `title` must be a string",
            ),
            (r#"[1,2]"#, "record is not a JSON object"),
            (r#"{"id":"a","text":"   "}"#, "empty document"),
        ];
        for (line, want) in cases {
            let e = parse_record(line, "b:1", None).unwrap_err();
            assert_eq!(e.to_string(), want, "{line}");
        }
        let e = parse_record("{not json", "b:1", None).unwrap_err();
        assert!(
            e.to_string().starts_with("invalid JSON at column 2:"),
            "{e}"
        );
    }

    #[test]
    fn dates_and_ids() {
        let d = parse_record(
            r#"{"id":7,"text":"x","published":"2015-06-02T23:59:00Z"}"#,
            "b:1",
            None,
        )
        .unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2015, 6, 2));
        let fallback = NaiveDate::from_ymd_opt(2020, 1, 1);
        let d = parse_record(r#"{"text":"x"}"#, "b:4", fallback).unwrap();
        assert_eq!(d.id, "b:4");
        assert_eq!(d.meta.published, fallback);
        assert_eq!(d.warnings.len(), 1);
        let d = parse_record(r#"{"id":"e","text":"x","published":""}"#, "b:5", fallback).unwrap();
        assert_eq!(d.meta.published, fallback);
        assert!(parse_strict_date("published", "2015-06-0é").is_err());
        assert!(parse_strict_date("published", "2015-06-02Tü").is_ok());
    }

    #[test]
    fn stream_counts_lines_and_skips_blank() {
        let recs = lines(
            "{\"id\":\"a\",\"text\":\"one\"}\r\n\n   \n{bad\n{\"id\":\"c\",\"text\":\"three\"}",
            1000,
        );
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].as_ref().unwrap().record, "b.jsonl:1");
        assert_eq!(recs[1].as_ref().unwrap_err().record, "b.jsonl:4");
        assert_eq!(recs[2].as_ref().unwrap().id, "c");
        assert_eq!(recs[2].as_ref().unwrap().record, "b.jsonl:5");
    }

    #[test]
    fn oversize_line_is_skipped_and_stream_goes_on() {
        let recs = lines(
            "{\"id\":\"a\",\"text\":\"a very long line indeed\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n",
            30,
        );
        assert_eq!(recs.len(), 2);
        let e = recs[0].as_ref().unwrap_err();
        assert!(e.is_skipped());
        assert_eq!(e.record, "b.jsonl:1");
        assert_eq!(recs[1].as_ref().unwrap().id, "b");
    }

    #[test]
    fn limited_reader() {
        let mut r: &[u8] = b"abcdef\r\nxy\n\nlast";
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), Some(6));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), Some(2));
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_limited(&mut r, 3, &mut buf).unwrap(), Some(0));
        assert_eq!(read_line_limited(&mut r, 9, &mut buf).unwrap(), Some(4));
        assert_eq!(buf, b"last");
        assert_eq!(read_line_limited(&mut r, 9, &mut buf).unwrap(), None);
    }
}
