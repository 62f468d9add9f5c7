//! RSS, Atom and JSON Feed documents: one document per feed item.
//!
//! Owns turning a parsed feed (`feed-rs`) into [`InputDoc`]s: the item's
//! title and text (its full content when the feed carries it, else its
//! summary, HTML markup turned into plain text), its link, its date and the
//! feed's title as outlet. Item records are named `feed.xml#ITEM-ID`. A feed
//! that does not parse fails as one record; an item without text is skipped.
//! It does not fetch anything (see [`crate::fetch`]) and does not follow the
//! items' links.

use sitrep_core::DocMeta;

use crate::error::{IngestError, RecordError};
use crate::{InputDoc, ReadOptions, Record};

/// True when the bytes look like a feed: XML whose first element is
/// `rss`, `feed` or `rdf:RDF`, or JSON with a `jsonfeed.org` version.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || (head.trim_start().starts_with('{') && head.contains("jsonfeed.org"))
}

/// Every item of the feed in `bytes`, named after `name`, in feed order.
pub(crate) fn feed_records(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Record> {
    let parser = feed_rs::parser::Builder::new().build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(RecordError::new(
                name,
                IngestError::Feed(e.to_string()),
            ))]
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| html_to_text(&t.content))
        .filter(|t| !t.is_empty());
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let id = if entry.id.trim().is_empty() {
                format!("{}", i + 1)
            } else {
                entry.id.trim().to_string()
            };
            let record = format!("{name}#{id}");
            let title = entry
                .title
                .as_ref()
                .map(|t| html_to_text(&t.content))
                .filter(|t| !t.is_empty());
            let body = entry
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .filter(|b| !b.trim().is_empty())
                .or(entry.summary.as_ref().map(|s| s.content.as_str()))
                .map(html_to_text)
                .unwrap_or_default();
            if body.is_empty() {
                return Err(RecordError::new(record, IngestError::Empty));
            }
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.clone());
            let published = entry
                .published
                .or(entry.updated)
                .map(|d| d.date_naive())
                .or(opts.published);
            // The headline is part of the text, as in a plain-text article,
            // so the analysis sees it.
            let text = match &title {
                Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
                _ => body,
            };
            Ok(InputDoc {
                id,
                text,
                meta: DocMeta {
                    published,
                    title,
                    url,
                    outlet: outlet.clone(),
                },
                record,
                warnings: Vec::new(),
            })
        })
        .collect()
}

/// Plain text of an HTML fragment (a feed item's summary or content):
/// tags dropped, block elements and `<br>` become line breaks, the common
/// character references decoded, whitespace tidied. Text without markup
/// comes back trimmed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                out.push_str(rest);
            }
            break;
        };
        if skip_until.is_none() {
            out.push_str(&rest[..lt]);
        }
        let tag_rest = &rest[lt..];
        let Some(gt) = tag_rest.find('>') else {
            // A lone '<' is text.
            if skip_until.is_none() {
                out.push_str(tag_rest);
            }
            break;
        };
        let tag = tag_rest[1..gt].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &tag_rest[gt + 1..];
        if let Some(end) = skip_until {
            if tag.starts_with('/') && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !tag.starts_with('/') => {
                skip_until = Some(if name == "script" { "script" } else { "style" });
            }
            "br" => out.push('\n'),
            "p" | "div" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "blockquote" | "tr" | "table" | "section" | "article" => out.push_str("\n\n"),
            _ => {}
        }
    }
    tidy(&decode_entities(&out))
}

/// Collapse spaces within lines and runs of blank lines to one.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// Decode `&amp;`-style named references (the common ones) and numeric
/// references; anything else is left as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "hellip" => Some('…'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Levant Wire</title>
<item><guid>lw-1</guid><title>Shelling in Idlib</title>
<link>https://example.org/1</link><pubDate>Tue, 02 Jun 2015 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Government forces shelled &lt;b&gt;Idlib&lt;/b&gt; on Monday, activists said.&lt;/p&gt;</description></item>
<item><guid>lw-2</guid><title>Empty</title><description>  </description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_documents() {
        let recs = feed_records("f.xml", RSS.as_bytes(), &ReadOptions::default());
        assert_eq!(recs.len(), 2);
        let d = recs[0].as_ref().unwrap();
        assert_eq!(d.id, "lw-1");
        assert_eq!(d.record, "f.xml#lw-1");
        assert_eq!(
            d.text,
            "Shelling in Idlib\n\nGovernment forces shelled Idlib on Monday, activists said."
        );
        assert_eq!(d.meta.outlet.as_deref(), Some("Levant Wire"));
        assert_eq!(d.meta.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(d.meta.published.unwrap().to_string(), "2015-06-02");
        let e = recs[1].as_ref().unwrap_err();
        assert_eq!(e.to_string(), "f.xml#lw-2: empty document");
        assert!(e.is_skipped());
    }

    #[test]
    fn broken_feed_fails_once() {
        let recs = feed_records("bad.xml", b"<rss><channel><item>", &ReadOptions::default());
        assert_eq!(recs.len(), 1);
        let e = recs[0].as_ref().unwrap_err();
        assert!(!e.is_skipped());
        assert!(e.to_string().starts_with("bad.xml: invalid feed"), "{e}");
    }

    #[test]
    fn fragments_to_text() {
        assert_eq!(
            html_to_text("<p>One &amp; two</p><p>Three&#8217;s<br>four</p><script>x()</script>"),
            "One & two\n\nThree’s\nfour"
        );
        assert_eq!(
            html_to_text("a < b and &unknown; c"),
            "a < b and &unknown; c"
        );
        assert!(looks_like_feed(
            b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        ));
        assert!(!looks_like_feed(b"<html><body>"));
    }
}
