//! Evaluation of the places stage on GeoWebNews and LGL (`../shared/data/geoparsing`).
//!
//! Owns reading the two XML corpora, running [`PlaceTagger`] on each article
//! (without actor context), and scoring recognition (toponym precision,
//! recall and F1, exact spans and overlap) and resolution (accuracy within
//! 161 km, mean and median error in km, and the AUC of Gritta et al. 2018,
//! lower is better) on the recognised toponyms that have gold coordinates.
//!
//! Gold toponyms counted on GeoWebNews: the proper-name types `Literal`,
//! `Mixed`, `Literal_Modifier`, `Embedded_Literal`, `Coercion`, `Metonymic`,
//! `Non_Literal_Modifier` and `Embedded_Non_Lit`. `Demonym` spans (people:
//! "Nigerians", no coordinates) are ignored: a prediction on one is neither
//! right nor wrong. Common-noun expressions (`Literal_Expression`,
//! `Non_Lit_Expression`), `Non_Toponym`, `Homonym` and `Language` are not
//! toponyms: a prediction on one counts as a false positive. On LGL every
//! annotated toponym counts.

use std::borrow::Cow;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;
use sitrep_core::{Doc, EvalReport, Place};

use crate::tagger::haversine_km;
use crate::{Error, PlaceTagger};

const COUNTED: &[&str] = &[
    "Literal",
    "Mixed",
    "Literal_Modifier",
    "Embedded_Literal",
    "Coercion",
    "Metonymic",
    "Non_Literal_Modifier",
    "Embedded_Non_Lit",
];
const IGNORED: &[&str] = &["Demonym"];

#[derive(Debug, Default, Clone)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Debug, Default)]
struct Article {
    text: String,
    gold: Vec<Gold>,
}

/// Run the suites of this stage. Returns an empty list when the data is absent.
pub fn run(data: &Path) -> Result<Vec<EvalReport>, Error> {
    let dir = data.join("geoparsing");
    let gwn = dir.join("GWN.xml");
    let lgl = dir.join("lgl.xml");
    if !gwn.exists() && !lgl.exists() {
        return Ok(Vec::new());
    }
    let t = std::time::Instant::now();
    let tagger = PlaceTagger::load_default()?;
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut out = Vec::new();
    if gwn.exists() {
        let articles = read_corpus(&gwn)?;
        let mut r = score(&tagger, "geowebnews", &articles, Some((COUNTED, IGNORED)));
        r.notes.push(format!("gazetteer load {load_ms:.0} ms"));
        r.notes.push(
            "gold: Literal, Mixed, Literal_Modifier, Embedded_Literal, Coercion, Metonymic, \
             Non_Literal_Modifier, Embedded_Non_Lit; Demonym ignored; expressions, Non_Toponym, \
             Homonym, Language are not toponyms"
                .into(),
        );
        r.notes.push(
            "peers: the best published geoparsers average about 0.86 acc_161km over a dozen \
             corpora (issue 4); GeoWebNews gold includes streets and buildings no city gazetteer has"
                .into(),
        );
        out.push(r);
    }
    if lgl.exists() {
        let articles = read_corpus(&lgl)?;
        let mut r = score(&tagger, "lgl", &articles, None);
        r.notes.push(
            "LGL is US local news: many toponyms are streets, counties and small towns".into(),
        );
        out.push(r);
    }
    Ok(out)
}

fn score(
    tagger: &PlaceTagger,
    suite: &str,
    articles: &[Article],
    types: Option<(&[&str], &[&str])>,
) -> EvalReport {
    let mut r = EvalReport::new(suite);
    r.items = articles.len();
    let (mut tp, mut tp_overlap, mut pred_n, mut gold_n) = (0usize, 0usize, 0usize, 0usize);
    let mut errors: Vec<f64> = Vec::new();
    let mut sentences = 0usize;
    let mut datelines: Vec<String> = Vec::new();
    let t = std::time::Instant::now();
    for (ai, a) in articles.iter().enumerate() {
        let doc = Doc::new(format!("{suite}-{ai}"), a.text.as_str());
        sentences += doc.sentences.len();
        let places = tagger.tag(&doc, &[]);
        datelines.extend(
            places
                .iter()
                .filter(|p| crate::dateline::is_dateline(p))
                .map(|p| p.span.text.clone()),
        );
        let counted = |g: &Gold| types.is_none_or(|(c, _)| c.contains(&g.kind.as_str()));
        let ignored = |g: &Gold| types.is_some_and(|(_, i)| i.contains(&g.kind.as_str()));
        let gold: Vec<&Gold> = a.gold.iter().filter(|g| counted(g)).collect();
        gold_n += gold.len();
        let mut used = vec![false; gold.len()];
        for p in &places {
            if gold
                .iter()
                .any(|g| g.start == p.span.start && g.end == p.span.end)
            {
                tp += 1;
            }
            let m = (0..gold.len()).find(|&k| !used[k] && overlaps(gold[k], p));
            match m {
                Some(k) => {
                    used[k] = true;
                    tp_overlap += 1;
                    pred_n += 1;
                    if let (Some(glat), Some(glon), Some(plat), Some(plon)) =
                        (gold[k].lat, gold[k].lon, p.lat, p.lon)
                    {
                        let err =
                            haversine_km(glat as f32, glon as f32, plat as f32, plon as f32) as f64;
                        errors.push(err);
                    }
                }
                None => {
                    let on_ignored = a.gold.iter().any(|g| ignored(g) && overlaps(g, p));
                    let on_counted = gold.iter().any(|g| overlaps(g, p));
                    if !on_ignored && !on_counted {
                        pred_n += 1;
                    }
                }
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let (p, rc, f) = sitrep_core::eval::prf(tp, pred_n, gold_n);
    r.metric("toponym_precision", p);
    r.metric("toponym_recall", rc);
    r.metric("toponym_f1", f);
    let (po, ro, fo) = sitrep_core::eval::prf(tp_overlap, pred_n, gold_n);
    r.metric("toponym_precision_overlap", po);
    r.metric("toponym_recall_overlap", ro);
    r.metric("toponym_f1_overlap", fo);
    let n = errors.len();
    if n > 0 {
        errors.sort_by(f64::total_cmp);
        r.metric(
            "acc_161km",
            errors.iter().filter(|&&e| e <= 161.0).count() as f64 / n as f64,
        );
        r.metric("mean_error_km", errors.iter().sum::<f64>() / n as f64);
        r.metric("median_error_km", errors[n / 2]);
        r.metric("auc", auc(&errors));
    }
    r.metric("geocoded_toponyms", n as f64);
    r.metric("sentences_per_second", sentences as f64 / secs.max(1e-9));
    r.notes.push(format!(
        "{gold_n} gold toponyms, {pred_n} predicted, {tp} exact and {tp_overlap} overlapping matches; \
         resolution scored on the {n} overlapping matches with gold coordinates"
    ));
    let shown: Vec<&str> = datelines.iter().take(8).map(String::as_str).collect();
    r.notes.push(format!(
        "{} places flagged as datelines (kept, not event places), e.g. {}",
        datelines.len(),
        shown.join(", ")
    ));
    r
}

/// Score one corpus (`GWN.xml` or `lgl.xml` under `data/geoparsing`) on
/// the articles whose index has the given parity (`Some(0)` even, `Some(1)`
/// odd, `None` all): rules are looked at on one half and checked on the
/// other (`examples/place_halves.rs`).
pub fn run_half(data: &Path, file: &str, parity: Option<usize>) -> Result<EvalReport, Error> {
    let articles = read_corpus(&data.join("geoparsing").join(file))?;
    let articles: Vec<Article> = articles
        .into_iter()
        .enumerate()
        .filter(|(i, _)| parity.is_none_or(|p| i % 2 == p))
        .map(|(_, a)| a)
        .collect();
    let tagger = PlaceTagger::load_default()?;
    let types = file.starts_with("GWN").then_some((COUNTED, IGNORED));
    let name = match parity {
        Some(0) => format!("{file}:even"),
        Some(_) => format!("{file}:odd"),
        None => file.to_string(),
    };
    Ok(score(&tagger, &name, &articles, types))
}

/// The misses of one corpus (`GWN.xml` or `lgl.xml` under
/// `data/geoparsing`), one tab-separated line each: `MISS` (gold toponym not
/// found), `EXTRA` (prediction on no gold toponym) and `FAR` (resolved more
/// than 161 km from the gold point, with the distance and both names), for
/// classifying errors by kind (`examples/place_errors.rs`).
pub fn errors(data: &Path, file: &str) -> Result<Vec<String>, Error> {
    let path = data.join("geoparsing").join(file);
    let articles = read_corpus(&path)?;
    let tagger = PlaceTagger::load_default()?;
    let gaz = tagger.gazetteer();
    let gwn = file.starts_with("GWN");
    let mut out = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let doc = Doc::new(format!("{file}-{ai}"), a.text.as_str());
        let places = tagger.tag(&doc, &[]);
        let chars: Vec<char> = a.text.chars().collect();
        let slice = |s: usize, e: usize| -> String {
            chars[s.min(chars.len())..e.min(chars.len())]
                .iter()
                .collect()
        };
        let counted = |g: &Gold| !gwn || COUNTED.contains(&g.kind.as_str());
        for g in a.gold.iter().filter(|g| counted(g)) {
            match places.iter().find(|p| overlaps(g, p)) {
                None => {
                    // Does the gazetteer know the name, and a reading near the gold point?
                    let name = slice(g.start, g.end);
                    let found = gaz.find(&crate::normalize::normalize(&name));
                    let near = |(la, lo): (f64, f64)| {
                        found.iter().any(|&c| {
                            let e = gaz.entity(c);
                            haversine_km(la as f32, lo as f32, e.lat, e.lon) <= 161.0
                        })
                    };
                    let gaz_state = match (found.is_empty(), g.lat.zip(g.lon)) {
                        (true, _) => "gaz:none",
                        (false, Some(ll)) if near(ll) => "gaz:near",
                        (false, Some(_)) => "gaz:far",
                        (false, None) => "gaz:some",
                    };
                    out.push(format!(
                        "MISS\t{ai}\t{name}\t{}\t{gaz_state}\t{}",
                        g.kind, g.start
                    ));
                }
                Some(p) => {
                    if let (Some(glat), Some(glon), Some(plat), Some(plon)) =
                        (g.lat, g.lon, p.lat, p.lon)
                    {
                        let d = haversine_km(glat as f32, glon as f32, plat as f32, plon as f32);
                        if d > 161.0 {
                            out.push(format!(
                                "FAR\t{ai}\t{}\t{:.0}\t{}\t{}\t{}\t{}\t{}",
                                slice(g.start, g.end),
                                d,
                                p.name,
                                p.country.as_deref().unwrap_or("-"),
                                p.feature,
                                p.rule,
                                p.admin1.as_deref().unwrap_or("-")
                            ));
                        }
                    }
                }
            }
        }
        for p in &places {
            if !a.gold.iter().any(|g| overlaps(g, p)) {
                out.push(format!(
                    "EXTRA\t{ai}\t{}\t{}\t{}\t{}\t{}",
                    p.span.text, p.name, p.feature, p.rule, p.span.start
                ));
            }
        }
    }
    Ok(out)
}

fn overlaps(g: &Gold, p: &Place) -> bool {
    g.start < p.span.end && p.span.start < g.end
}

/// Area under the curve of sorted, log-scaled errors (Gritta et al. 2018):
/// each error becomes ln(1 + km) / ln(20039), the trapezoid rule integrates
/// them over [0, 1]. 0 is perfect, 1 is antipodal.
fn auc(sorted: &[f64]) -> f64 {
    let max = (20039.0f64).ln();
    let y: Vec<f64> = sorted.iter().map(|e| (1.0 + e).ln() / max).collect();
    if y.len() == 1 {
        return y[0];
    }
    let dx = 1.0 / (y.len() - 1) as f64;
    y.windows(2).map(|w| (w[0] + w[1]) / 2.0 * dx).sum()
}

/// Read GeoWebNews or LGL: articles with `<text>` and `<toponym>` children
/// (`start`, `end`, `type`, `latitude`/`lat`, `longitude`/`lon`).
fn read_corpus(path: &Path) -> Result<Vec<Article>, Error> {
    let xml = std::fs::read_to_string(path)
        .map_err(|e| Error::Load(format!("{}: {e}", path.display())))?;
    let mut reader = Reader::from_str(&xml);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut cur: Option<Article> = None;
    let mut top: Option<Gold> = None;
    let mut buf = String::new();
    let err = |e: &dyn std::fmt::Display| Error::Load(format!("{}: {e}", path.display()));
    loop {
        let ev = reader.read_event().map_err(|e| err(&e))?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "article" => cur = Some(Article::default()),
                    "toponym" => top = Some(Gold::default()),
                    _ => {}
                }
                stack.push(name);
                buf.clear();
            }
            Event::Text(t) => buf.push_str(&t.decode().map_err(|e| err(&e))?),
            Event::CData(t) => buf.push_str(&t.decode().map_err(|e| err(&e))?),
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| err(&e))?;
                let c: Cow<str> = match name.as_ref() {
                    "amp" => "&".into(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    _ => match r.resolve_char_ref().map_err(|e| err(&e))? {
                        Some(ch) => ch.to_string().into(),
                        None => format!("&{name};").into(),
                    },
                };
                buf.push_str(&c);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last().map(String::as_str).unwrap_or("");
                let v = buf.trim();
                match name.as_str() {
                    "text" if parent == "article" => {
                        if let Some(a) = cur.as_mut() {
                            a.text = std::mem::take(&mut buf);
                        }
                    }
                    "start" => {
                        if let Some(g) = top.as_mut() {
                            g.start = v.parse().unwrap_or(0);
                        }
                    }
                    "end" => {
                        if let Some(g) = top.as_mut() {
                            g.end = v.parse().unwrap_or(0);
                        }
                    }
                    "type" => {
                        if let Some(g) = top.as_mut() {
                            g.kind = v.to_string();
                        }
                    }
                    "latitude" | "lat" => {
                        if let Some(g) = top.as_mut() {
                            g.lat = v.parse().ok();
                        }
                    }
                    "longitude" | "lon" => {
                        if let Some(g) = top.as_mut() {
                            g.lon = v.parse().ok();
                        }
                    }
                    "toponym" => {
                        if let (Some(g), Some(a)) = (top.take(), cur.as_mut()) {
                            if g.end > g.start {
                                a.gold.push(g);
                            }
                        }
                    }
                    "article" => {
                        if let Some(a) = cur.take() {
                            out.push(a);
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_gives_no_reports() {
        let r = run(Path::new("/nonexistent/sitrep-data")).unwrap_or_default();
        assert!(r.is_empty());
    }

    #[test]
    fn auc_is_zero_for_perfect_and_grows_with_error() {
        assert_eq!(auc(&[0.0, 0.0]), 0.0);
        assert!(auc(&[0.0, 1000.0]) > auc(&[0.0, 10.0]));
    }
}
