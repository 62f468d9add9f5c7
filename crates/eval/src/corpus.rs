//! The benchmark corpus: real news article texts gathered from the shared
//! corpora (PolNeAR, GeoWebNews, LGL, TimeBank, GVDB), read-only.
//!
//! Owns reading those files into plain `(id, text)` pairs. It does not score
//! anything; suites live beside their stages.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

/// One article of the benchmark corpus.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub text: String,
}

/// Gather every article text found under `data` (the `../shared/data` folder).
/// Missing folders are skipped: the result is empty when nothing is there.
pub fn load(data: &Path) -> Vec<Article> {
    let mut out = Vec::new();
    for split in ["train", "dev"] {
        let dir = data.join("attribution-polnear").join(split).join("text");
        for path in sorted_files(&dir, "txt") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(Article {
                    id: format!("polnear/{}", file_name(&path)),
                    text,
                });
            }
        }
    }
    for name in ["GWN.xml", "lgl.xml"] {
        let path = data.join("geoparsing").join(name);
        for (i, text) in xml_element_texts(&path, b"text").into_iter().enumerate() {
            out.push(Article {
                id: format!("{name}/{i}"),
                text,
            });
        }
    }
    for path in sorted_files(&data.join("temporal-timebank").join("TimeBank"), "tml") {
        if let Some(text) = xml_element_texts(&path, b"TEXT").into_iter().next() {
            out.push(Article {
                id: format!("timebank/{}", file_name(&path)),
                text,
            });
        }
    }
    out.extend(gvdb(&data.join("casualties-gvdb").join("dev.json")));
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The text content (tags stripped) of every `<tag>` element in an XML file.
fn xml_element_texts(path: &Path, tag: &[u8]) -> Vec<String> {
    let Ok(xml) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == tag => {
                depth += 1;
                current.clear();
            }
            Ok(Event::End(e)) if e.name().as_ref() == tag => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(std::mem::take(&mut current));
                }
            }
            Ok(Event::Text(t)) if depth > 0 => {
                if let Ok(s) = t.decode() {
                    current.push_str(&unescape_basic(&s));
                }
            }
            Ok(Event::CData(t)) if depth > 0 => {
                current.push_str(&String::from_utf8_lossy(&t));
            }
            Ok(Event::GeneralRef(r)) if depth > 0 => {
                current.push_str(match r.as_ref() {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    b"quot" => "\"",
                    b"apos" => "'",
                    _ => "",
                });
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn unescape_basic(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// GVDB dev: JSON lines with `full_text` as sentences of tokens.
fn gvdb(path: &Path) -> Vec<Article> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let id = v.get("doc_key")?.as_str()?.to_string();
            let sentences = v.get("full_text")?.as_array()?;
            let text = sentences
                .iter()
                .filter_map(|s| s.as_array())
                .map(|toks| {
                    toks.iter()
                        .filter_map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n");
            Some(Article {
                id: format!("gvdb/{id}"),
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_gives_empty_corpus() {
        assert!(load(Path::new("/nonexistent/sitrep-data")).is_empty());
    }

    #[test]
    fn reads_inline_xml_text() {
        let dir = std::env::temp_dir().join(format!("sitrep-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.xml");
        std::fs::write(
            &p,
            "<r><TEXT>On <T x=\"1\">Monday</T> &amp; then.</TEXT></r>",
        )
        .unwrap();
        assert_eq!(xml_element_texts(&p, b"TEXT"), vec!["On Monday & then."]);
        std::fs::remove_dir_all(&dir).ok();
    }
}
