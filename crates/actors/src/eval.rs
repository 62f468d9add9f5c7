//! Evaluation of the actors stage against `../shared/data/event-coding`.
//!
//! Owns scoring the actor codes alone (no events): how often the gold actor
//! of a hand-coded sentence is found, and with which code. Each suite is
//! skipped when its file is absent; with no data at all, `run` returns an
//! empty list.
//!
//! - `actors_plover_gsr` (PLOVER_GSR_CAMEO.json): every gold source/target
//!   actor whose `actorText` occurs in the sentence. `found`: a predicted actor
//!   overlaps it. `root_acc`: the first overlapping actor's 3-letter root (country,
//!   or IGO/NGO/IMG) equals the gold code. `sector_acc`: root and sector both
//!   agree (gold sector cut to its 3 upper-case letters; no gold sector must
//!   meet no predicted sector). Denominators are all gold actors located in
//!   the text.
//! - `actors_petr2_gsr` (PETR2_GSR_validation.xml): for each gold source and
//!   target code of a coding, whether some actor of the sentence carries
//!   exactly that code (`exact_code_recall`) or its 3-letter root
//!   (`root_recall`). `---` codes are skipped. The sentence date is the
//!   publication date.

use std::path::Path;

use chrono::NaiveDate;
use sitrep_core::{Actor, Doc, DocMeta, EvalReport};

use crate::{ActorTagger, Error};

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Run the suites of this stage. Returns an empty list when the data is absent.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, Error> {
    let tagger = ActorTagger::load_default()?;
    let mut out = Vec::new();
    let plover = data.join("event-coding/PLOVER_GSR_CAMEO.json");
    if plover.exists() {
        out.push(plover_gsr(&tagger, &read(&plover)?)?);
    }
    let petr2 = data.join("event-coding/PETR2_GSR_validation.xml");
    if petr2.exists() {
        out.push(petr2_gsr(&tagger, &read(&petr2)?));
    }
    Ok(out)
}

fn tag(
    tagger: &ActorTagger,
    id: &str,
    text: &str,
    published: Option<NaiveDate>,
) -> (Doc, Vec<Actor>) {
    let doc = Doc::with_meta(
        id,
        text,
        DocMeta {
            published,
            ..DocMeta::default()
        },
    );
    let actors = tagger.tag(&doc);
    (doc, actors)
}

fn root(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Score the PLOVER gold-standard records (a JSON array).
pub fn plover_gsr(tagger: &ActorTagger, json: &str) -> Result<EvalReport, Error> {
    let records: Vec<serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| Error::Load(format!("PLOVER_GSR_CAMEO.json: {e}")))?;
    let mut rep = EvalReport::new("actors_plover_gsr");
    let (mut gold, mut missing_text, mut found, mut root_ok, mut sector_ok) = (0, 0, 0, 0, 0);
    let mut sentences = 0;
    let mut misses: Vec<String> = Vec::new();
    let mut sector_misses: Vec<String> = Vec::new();
    for r in &records {
        let Some(text) = r.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        sentences += 1;
        let id = r.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        let date = r
            .get("date")
            .and_then(|v| v.as_str())
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let (doc, actors) = tag(tagger, id, text, date);
        for side in ["source", "target"] {
            let Some(list) = r.get(side).and_then(|v| v.as_array()) else {
                continue;
            };
            for g in list {
                let (Some(atext), Some(code)) = (
                    g.get("actorText").and_then(|v| v.as_str()),
                    g.get("code").and_then(|v| v.as_str()),
                ) else {
                    continue;
                };
                let gsector: Option<String> = g
                    .get("sector")
                    .and_then(|v| v.as_str())
                    .map(|s| s.chars().take(3).collect::<String>().to_uppercase())
                    .filter(|s| s.chars().all(|c| c.is_ascii_uppercase()) && !s.is_empty());
                // Old CAMEO country codes (JAP, ITL, VTN) are the ISO ones.
                let code = crate::iso_code(code);
                let code = code.as_str();
                let Some(b0) = text.find(atext.trim()) else {
                    missing_text += 1;
                    continue;
                };
                gold += 1;
                let b1 = b0 + atext.trim().len();
                let gspan = doc.span(b0, b1);
                // The first predicted actor overlapping the gold span (the head
                // usually comes first: "rebels in Darfur", "doctors from X").
                let best = actors.iter().find(|a| a.span.overlaps(&gspan));
                let Some(a) = best else {
                    if misses.len() < 15 {
                        misses.push(format!("missed {id} {side} {atext:?} ({code})"));
                    }
                    continue;
                };
                found += 1;
                if root(&a.code) == code {
                    root_ok += 1;
                    if a.sector.as_deref() == gsector.as_deref() {
                        sector_ok += 1;
                    } else if sector_misses.len() < 10 {
                        sector_misses.push(format!(
                            "sector {id} {atext:?}: gold {code}/{}, got {} on {:?}",
                            gsector.as_deref().unwrap_or("-"),
                            a.code,
                            a.span.text
                        ));
                    }
                } else if misses.len() < 15 {
                    misses.push(format!(
                        "wrong {id} {side} {atext:?}: gold {code}, got {} on {:?}",
                        a.code, a.span.text
                    ));
                }
            }
        }
    }
    rep.items = sentences;
    rep.metric("gold_actors", gold as f64);
    rep.metric("found", ratio(found, gold));
    rep.metric("root_acc", ratio(root_ok, gold));
    rep.metric("sector_acc", ratio(sector_ok, gold));
    rep.notes.push(format!(
        "{gold} gold actors located in their sentence ({missing_text} actorText strings not found verbatim and skipped)"
    ));
    rep.notes.extend(misses);
    rep.notes.extend(sector_misses);
    Ok(rep)
}

/// Decode the few XML entities the validation file uses.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

/// Score the PETR2 validation records (TABARI-style XML).
pub fn petr2_gsr(tagger: &ActorTagger, xml: &str) -> EvalReport {
    let mut rep = EvalReport::new("actors_petr2_gsr");
    let (mut gold, mut exact, mut rooted) = (0, 0, 0);
    let mut sentences = 0;
    let mut misses = Vec::new();
    for chunk in xml.split("<Sentence ").skip(1) {
        let head = chunk.split('>').next().unwrap_or("");
        let (Some(t0), Some(t1)) = (chunk.find("<Text>"), chunk.find("</Text>")) else {
            continue;
        };
        if t1 < t0 + 6 {
            continue;
        }
        let text = unescape(chunk[t0 + 6..t1].trim());
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let id = attr(head, "id").unwrap_or("?");
        let date = attr(head, "date").and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok());
        sentences += 1;
        let (_, actors) = tag(tagger, id, &text, date);
        let codings = chunk[..t0].split("<EventCoding ").skip(1);
        for c in codings {
            for key in ["sourcecode", "targetcode"] {
                let Some(code) = attr(c, key).map(crate::iso_code) else {
                    continue;
                };
                let code = code.as_str();
                if code.starts_with("---") || code.is_empty() {
                    continue;
                }
                gold += 1;
                if actors.iter().any(|a| a.code == code) {
                    exact += 1;
                } else if misses.len() < 15 {
                    let got: Vec<String> = actors
                        .iter()
                        .map(|a| format!("{}={}", a.span.text, a.code))
                        .collect();
                    misses.push(format!(
                        "{id}: gold {key} {code}, actors [{}]",
                        got.join(", ")
                    ));
                }
                if actors.iter().any(|a| root(&a.code) == root(code)) {
                    rooted += 1;
                }
            }
        }
    }
    rep.items = sentences;
    rep.metric("gold_codes", gold as f64);
    rep.metric("exact_code_recall", ratio(exact, gold));
    rep.metric("root_recall", ratio(rooted, gold));
    rep.notes
        .push("gold codes starting with --- are skipped".into());
    rep.notes.extend(misses);
    rep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_data_gives_no_reports() {
        let r = run(Path::new("/nonexistent/sitrep-data")).unwrap();
        assert!(r.is_empty());
    }

    #[test]
    fn plover_scoring_on_a_tiny_record() {
        let t = ActorTagger::load_default().unwrap();
        let json = r#"[{"id":"x","text":"Syrian troops shelled rebels in Idlib.","date":"2015-01-01",
            "source":[{"actorText":"Syrian troops","code":"SYR","sector":"MIL"}],
            "target":[{"actorText":"rebels","code":"SYR","sector":"REB"}]}]"#;
        let r = plover_gsr(&t, json).unwrap();
        assert_eq!(r.get("found"), Some(1.0));
        assert_eq!(r.get("root_acc"), Some(1.0), "rebels in Idlib are Syrian");
    }

    #[test]
    fn petr2_scoring_reads_codings() {
        let t = ActorTagger::load_default().unwrap();
        let xml = r#"<Sentence date="20150101" id="a1"/>
<EventCoding eventcode="190" sourcecode="SYRMIL" targetcode="---REB" />
<Text>Syrian troops shelled rebels.</Text>"#;
        let r = petr2_gsr(&t, xml);
        assert_eq!(r.get("gold_codes"), Some(1.0));
        assert_eq!(r.get("exact_code_recall"), Some(1.0));
    }

    /// Prints the suites when ../shared/data is present (`--nocapture`).
    #[test]
    fn report_on_shared_data() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        for rep in run(&data).unwrap() {
            println!("suite {} ({} items)", rep.suite, rep.items);
            for m in &rep.metrics {
                println!("  {} = {:.3}", m.name, m.value);
            }
            for n in &rep.notes {
                println!("  # {n}");
            }
        }
    }
}
