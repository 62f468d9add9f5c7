//! HTML pages: main-text extraction and page metadata.
//!
//! Owns the call into `dom_smoothie` (a Readability port, proper HTML5
//! parsing via html5ever): article text in `TextMode::Formatted` (paragraphs
//! kept apart), title, `published_time`, canonical URL and site name.
//! Boilerplate (scripts, styles, navigation, footers) is dropped by the
//! extractor. It does no file I/O and knows nothing about JSONL or text files.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::NaiveDate;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

use crate::error::IngestError;

/// Most element nodes we let the extractor score; bigger pages are skipped.
pub const MAX_HTML_ELEMENTS: usize = 200_000;

/// Deepest element nesting we pass to the extractor. The extractor recurses
/// per level (50,000 nested `<div>`s overflow a 2 MB stack and abort the
/// process) and slows down quadratically (5,000 levels take seconds), so
/// deeper pages are skipped before parsing. Real articles stay below ~100.
pub const MAX_HTML_DEPTH: usize = 1_000;

/// The main text and metadata of one HTML page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlArticle {
    /// Article text, paragraphs separated by blank lines.
    pub text: String,
    /// Page or article title, when the page has one.
    pub title: Option<String>,
    /// Publication date from `published_time` meta / JSON-LD, when parseable.
    pub published: Option<NaiveDate>,
    /// The raw `published_time` value, kept for warnings.
    pub published_raw: Option<String>,
    /// Canonical URL (`og:url` or JSON-LD), when present.
    pub url: Option<String>,
    /// Site name (`og:site_name`), used as the outlet.
    pub site_name: Option<String>,
}

/// Extract the main text of an HTML page.
///
/// Never panics: a panic inside the extractor becomes [`IngestError::Html`].
/// A page with no article text gives [`IngestError::NoArticleText`].
pub fn extract_html(html: &str) -> Result<HtmlArticle, IngestError> {
    let depth = estimate_depth(html);
    if depth > MAX_HTML_DEPTH {
        return Err(IngestError::TooDeep {
            depth,
            limit: MAX_HTML_DEPTH,
        });
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_HTML_ELEMENTS,
        ..Config::default()
    };
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        let mut r = Readability::new(html, None, Some(cfg))?;
        // The extractor only reads the URL from JSON-LD; fall back to the
        // canonical link and `og:url` (read before parsing mutates the tree).
        let url = ["link[rel=canonical]", "meta[property='og:url']"]
            .iter()
            .find_map(|sel| {
                let s = r.doc.select(sel);
                s.attr("href")
                    .or_else(|| s.attr("content"))
                    .map(|v| v.to_string())
            });
        r.parse().map(|a| (a, url))
    }));
    let (article, page_url) = match parsed {
        Ok(Ok(a)) => a,
        Ok(Err(ReadabilityError::GrabFailed)) => return Err(IngestError::NoArticleText),
        Ok(Err(ReadabilityError::TooManyElements(found, limit))) => {
            return Err(IngestError::TooManyElements { found, limit })
        }
        Ok(Err(e)) => return Err(IngestError::Html(e.to_string())),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "extractor panicked".to_string());
            return Err(IngestError::Html(msg));
        }
    };
    let text = tidy_text(&article.text_content);
    if text.is_empty() {
        return Err(IngestError::NoArticleText);
    }
    let published_raw = non_empty(article.published_time);
    Ok(HtmlArticle {
        text,
        title: non_empty(Some(article.title)),
        published: published_raw.as_deref().and_then(parse_loose_date),
        published_raw,
        url: non_empty(article.url).or_else(|| non_empty(page_url)),
        site_name: non_empty(article.site_name),
    })
}

/// Elements that never hold children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements the HTML parser closes implicitly when a sibling opens, so an
/// unclosed run of them does not nest.
const AUTO_CLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "a", "nobr", "button",
];

/// A cheap upper estimate of element nesting depth, from a scan of the tags
/// (no tree built). Skips comments and the raw text of `script`, `style`,
/// `textarea` and `title`.
pub(crate) fn estimate_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |j| j + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-') {
            end += 1;
        }
        if end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let tag_end = b[end..].iter().position(|&c| c == b'>').map(|j| end + j);
        i = end;
        if closing {
            if !AUTO_CLOSED.contains(&name.as_str()) && !VOID.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = find_ascii_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        let self_closing = tag_end.is_some_and(|j| j > 0 && b[j - 1] == b'/');
        if self_closing || VOID.contains(&name.as_str()) || AUTO_CLOSED.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|j| from + j)
}

fn find_ascii_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|j| from + j)
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// Trim trailing spaces on each line, and collapse runs of 3+ newlines to one
/// blank line, so the text reads like a plain article.
fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run == 1 {
                out.push('\n');
            }
            continue;
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// A date from a meta value: `2015-06-02`, `2015-06-02T10:00:00Z`,
/// `2015-06-02 10:00`, or RFC 2822 (`Tue, 2 Jun 2015 10:00:00 +0000`).
pub(crate) fn parse_loose_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(prefix) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d") {
            return Some(d);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Barrel bombs kill 70 in Aleppo | Example News</title>
<meta property="article:published_time" content="2015-06-02T09:30:00Z">
<meta property="og:site_name" content="Example News">
<style>body { color: red } p::after { content: "STYLE" }</style>
<script>var x = "SCRIPT TEXT"; document.write("<p>injected</p>");</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">NAVLINK</a></nav>
<article>
<h1>Barrel bombs kill 70 in Aleppo</h1>
<p>Government helicopters dropped barrel bombs on two districts of Aleppo on Sunday, killing at least 70 civilians, a monitoring group said.</p>
<p>The Syrian Observatory for Human Rights said women and children were among the dead. Rescue workers searched the rubble through the night.</p>
<p>The government denied targeting civilians and said it struck "terrorist positions" on the edge of the city.</p>
</article>
<footer>Copyright FOOTER 2015. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_paragraphs_and_meta() {
        let a = extract_html(PAGE).unwrap();
        assert!(
            a.text.contains("killing at least 70 civilians"),
            "{}",
            a.text
        );
        // Paragraphs are not glued together.
        assert!(!a.text.contains("group said.The"), "{}", a.text);
        assert!(
            a.text.contains("said.\n\nThe Syrian Observatory")
                || a.text.contains("said.\nThe Syrian Observatory"),
            "{}",
            a.text
        );
        for junk in ["SCRIPT TEXT", "STYLE", "NAVLINK", "color: red"] {
            assert!(!a.text.contains(junk), "{junk} leaked: {}", a.text);
        }
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2015, 6, 2));
        assert!(a.title.as_deref().unwrap().contains("Barrel bombs"));
        assert_eq!(a.site_name.as_deref(), Some("Example News"));
    }

    #[test]
    fn empty_and_garbage_do_not_panic() {
        for html in [
            "",
            "<",
            "<html>",
            "<<<>>>&&&;;;</p></p></div>",
            "<script>only script</script>",
            "\u{0}\u{1}<p>\u{FFFD}</p>",
            "<p>short</p>",
        ] {
            let _ = extract_html(html);
        }
    }

    fn nested(levels: usize) -> String {
        let mut html = String::from("<html><body>");
        for _ in 0..levels {
            html.push_str("<div>");
        }
        html.push_str("<p>Deep text about shelling in Idlib, reported by activists on Monday, with many details to make it long enough to count as an article body for the extractor.</p>");
        html
    }

    #[test]
    fn deep_nesting_is_skipped_not_crashed() {
        // 50,000 levels overflowed the stack inside the extractor before the
        // depth check; now it is refused up front.
        let e = extract_html(&nested(50_000)).unwrap_err();
        assert!(matches!(e, IngestError::TooDeep { .. }), "{e}");
        let _ = extract_html(&nested(MAX_HTML_DEPTH - 10));
    }

    #[test]
    fn depth_estimate() {
        assert_eq!(
            estimate_depth("<div><div><br><img src=x/><p>a<p>b</div></div>"),
            2
        );
        assert_eq!(
            estimate_depth("<!-- <div><div> --><script>'<div><div><div>'</script><div>"),
            1
        );
        assert_eq!(estimate_depth("<ul><li>a<li>b<li>c</ul>"), 1);
        assert_eq!(estimate_depth("a < b and c<3 <"), 0);
        assert_eq!(estimate_depth("<x-widget/><é"), 0);
        assert_eq!(estimate_depth("<div><br></br></br><a><a><a>x</div>"), 1);
    }

    #[test]
    fn loose_dates() {
        let d = NaiveDate::from_ymd_opt(2015, 6, 2);
        assert_eq!(parse_loose_date("2015-06-02"), d);
        assert_eq!(parse_loose_date(" 2015-06-02T10:00:00+03:00"), d);
        assert_eq!(parse_loose_date("Tue, 2 Jun 2015 10:00:00 +0000"), d);
        assert_eq!(parse_loose_date("yesterday"), None);
        assert_eq!(parse_loose_date("2015-ü6-02"), None);
    }

    #[test]
    fn tidy_collapses_blank_runs() {
        assert_eq!(tidy_text("  a  \n\n\n\n b\n"), "a\n\n b");
    }
}
