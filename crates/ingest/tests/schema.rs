//! Keeps `docs/schema/analysis.schema.json` honest against the serde output
//! of `sitrep_core::Analysis`.
//!
//! A small validator (no extra dependency) covers the keywords the schema
//! uses; the test fails if the schema starts using any other keyword. It
//! runs in *strict* mode too: every key the code emits must be documented
//! in the schema, so the schema cannot silently fall behind the types.

use std::path::Path;

use serde_json::{json, Value};
use sitrep_core::{
    AcledType, Actor, Analysis, Claim, Count, Event, EventTime, Factuality, Place, PlaceCandidate,
    Plover, SourceEntity, Span, Stance, TimeExpr, Via, Weapon,
};

fn schema() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema/analysis.schema.json");
    let text = std::fs::read_to_string(&p).expect("docs/schema/analysis.schema.json");
    serde_json::from_str(&text).expect("schema is valid JSON")
}

const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "format",
    "type",
    "required",
    "properties",
    "items",
    "enum",
    "anyOf",
    "minimum",
    "maximum",
];

struct Validator<'a> {
    root: &'a Value,
    /// Also reject keys the schema does not list under `properties`.
    strict: bool,
    errors: Vec<String>,
}

impl<'a> Validator<'a> {
    fn validate(root: &'a Value, value: &Value, strict: bool) -> Vec<String> {
        let mut v = Validator {
            root,
            strict,
            errors: Vec::new(),
        };
        v.check(root, value, "$");
        v.errors
    }

    fn resolve(&self, r: &str) -> &'a Value {
        let name = r.strip_prefix("#/$defs/").expect("only local $defs refs");
        &self.root["$defs"][name]
    }

    fn check(&mut self, schema: &'a Value, v: &Value, path: &str) {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let target = self.resolve(r);
            assert!(target.is_object(), "dangling $ref {r}");
            self.check(target, v, path);
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            let ok = any.iter().any(|s| {
                let mut sub = Validator {
                    root: self.root,
                    strict: self.strict,
                    errors: Vec::new(),
                };
                sub.check(s, v, path);
                sub.errors.is_empty()
            });
            if !ok {
                self.errors
                    .push(format!("{path}: matches no anyOf branch: {v}"));
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                self.errors.push(format!("{path}: {v} not in enum {e:?}"));
            }
        }
        if let Some(t) = schema.get("type") {
            let types: Vec<&str> = match t {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => panic!("bad type keyword at {path}"),
            };
            let ok = types.iter().any(|t| match *t {
                "null" => v.is_null(),
                "boolean" => v.is_boolean(),
                "string" => v.is_string(),
                "integer" => v.is_u64() || v.is_i64(),
                "number" => v.is_number(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                other => panic!("unknown type {other}"),
            });
            if !ok {
                self.errors.push(format!("{path}: {v} is not {types:?}"));
            }
        }
        if let Some(n) = v.as_f64() {
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                if n < min {
                    self.errors.push(format!("{path}: {n} < minimum {min}"));
                }
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                if n > max {
                    self.errors.push(format!("{path}: {n} > maximum {max}"));
                }
            }
        }
        if let Some(obj) = v.as_object() {
            if let Some(req) = schema.get("required").and_then(Value::as_array) {
                for k in req.iter().filter_map(Value::as_str) {
                    if !obj.contains_key(k) {
                        self.errors
                            .push(format!("{path}: missing required key `{k}`"));
                    }
                }
            }
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, val) in obj {
                    match props.get(k) {
                        Some(s) => self.check(s, val, &format!("{path}.{k}")),
                        None if self.strict => self.errors.push(format!(
                            "{path}: key `{k}` is emitted but not in the schema"
                        )),
                        None => {}
                    }
                }
            }
        }
        if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
            for (i, x) in arr.iter().enumerate() {
                self.check(items, x, &format!("{path}[{i}]"));
            }
        }
    }
}

/// Every keyword used anywhere in the schema must be one the validator knows.
fn keywords_used(s: &Value, out: &mut Vec<String>, in_properties: bool) {
    match s {
        Value::Object(m) => {
            for (k, v) in m {
                if !in_properties {
                    out.push(k.clone());
                }
                let children_are_names = !in_properties && (k == "properties" || k == "$defs");
                if k == "enum" || k == "required" {
                    continue;
                }
                keywords_used(v, out, children_are_names);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keywords_used(x, out, false)),
        _ => {}
    }
}

fn span(start: usize, text: &str) -> Span {
    Span {
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
        ..Span::default()
    }
}

fn actor() -> Actor {
    Actor {
        span: span(4, "Bashar al-Assad regime"),
        code: "SYRGOV".into(),
        name: "Syrian government".into(),
        country: Some("SYR".into()),
        sector: Some("GOV".into()),
        inter: Some(1),
        rule: "curated:regime".into(),
    }
}

fn place() -> Place {
    Place {
        span: span(120, "Aleppo"),
        geonameid: Some(170063),
        name: "Aleppo".into(),
        lat: Some(36.20124),
        lon: Some(37.16117),
        country: Some("SY".into()),
        admin1: Some("Aleppo".into()),
        feature: "city".into(),
        geo_precision: 1,
        where_prec: 1,
        score: 0.97,
        role: "literal".into(),
        alternatives: vec![PlaceCandidate {
            geonameid: 170062,
            name: "Aleppo Governorate".into(),
            lat: 36.25,
            lon: 37.5,
            country: "SY".into(),
            admin1: Some("Aleppo".into()),
            feature: "admin1".into(),
            score: 0.4,
        }],
        rule: "gazetteer:cities15000".into(),
    }
}

fn count(low: u32, text: &str) -> Count {
    Count {
        low,
        best: low,
        high: Some(low + 10),
        text: span(300, text),
        unit: Some("civilians".into()),
        vague: true,
    }
}

/// An analysis with every optional field filled and every list non-empty.
fn full() -> Analysis {
    Analysis {
        id: "000_159919d15aac0e2a".into(),
        published: Some("2015-06-02".into()),
        title: Some("U.S. Embassy: Assad Regime Airstrikes Aiding ISIS Advance in Aleppo".into()),
        events: vec![Event {
            trigger: span(30, "airstrikes"),
            plover: Plover {
                event: "ASSAULT".into(),
                mode: Some("aerial".into()),
            },
            cameo: "195".into(),
            acled: AcledType {
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Air/drone strike".into(),
            },
            actor1: Some(actor()),
            actor2: Some(actor()),
            place: Some(place()),
            time: Some(EventTime {
                value: "2015-06-01".into(),
                precision: "day".into(),
                time_precision: 1,
                time: Some(0),
                fallback: false,
            }),
            fatalities: Some(count(70, "at least 70 civilians")),
            injured: Some(count(12, "dozens")),
            civilian_targeting: true,
            factuality: Factuality::Alleged,
            claims: vec![0, 1],
            sentence: 2,
            rule: "events:airstrike".into(),
            inter1: Some(1),
            inter2: Some(7),
            assoc_actor1: vec![actor()],
            assoc_actor2: vec![actor()],
            weapon: Some(Weapon {
                span: span(40, "barrel bombs"),
                kind: "aerial".into(),
            }),
        }],
        claims: vec![Claim {
            source: Some(span(200, "the U.S. Embassy in Syria")),
            cue: span(226, "wrote"),
            content: span(4, "launched airstrikes to help"),
            stance: Stance::Accuse,
            via: vec![Via {
                outlet: "Twitter".into(),
                kind: "social_media".into(),
                country: Some("USA".into()),
                span: Some(span(250, "Twitter")),
            }],
            direct_quote: true,
            events: vec![0],
            source_entity: Some(SourceEntity {
                kind: "government".into(),
                name: "U.S. Embassy in Syria".into(),
                role: Some("embassy".into()),
                affiliation: Some("United States".into()),
                code: Some("USAGOV".into()),
            }),
            responds_to: vec![1],
            date: Some("2015-06-01".into()),
            sentence: 2,
            rule: "claims:wrote".into(),
        }],
        places: vec![place()],
        times: vec![TimeExpr {
            span: span(400, "June 1"),
            value: "2015-06-01".into(),
            kind: "DATE".into(),
            precision: "day".into(),
            rule: "times:month_day".into(),
        }],
        actors: vec![actor()],
        parses: Default::default(),
        dropped: Vec::new(),
    }
}

/// The same with every optional field empty: nulls where the type has no
/// `skip_serializing_if`, omissions where it has.
fn sparse() -> Analysis {
    let mut a = full();
    a.published = None;
    a.title = None;
    let e = &mut a.events[0];
    e.actor1 = None;
    e.actor2 = None;
    e.place = None;
    e.time = None;
    e.fatalities = None;
    e.injured = None;
    e.plover.mode = None;
    e.inter1 = None;
    e.inter2 = None;
    e.assoc_actor1.clear();
    e.assoc_actor2.clear();
    e.weapon = None;
    let c = &mut a.claims[0];
    c.source = None;
    c.source_entity = None;
    c.responds_to.clear();
    c.date = None;
    c.via[0].span = None;
    c.via[0].country = None;
    a.places[0] = Place {
        span: span(500, "Tal Rifaat"),
        name: "Tal Rifaat".into(),
        ..Place::default()
    };
    a.actors[0].country = None;
    a.actors[0].sector = None;
    a.actors[0].inter = None;
    a
}

fn assert_valid(a: &Analysis) -> Value {
    let schema = schema();
    let line = serde_json::to_string(a).unwrap();
    assert!(!line.contains('\n'), "one analysis is one line");
    let v: Value = serde_json::from_str(&line).unwrap();
    let errors = Validator::validate(&schema, &v, true);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    v
}

#[test]
fn schema_uses_only_known_keywords() {
    let mut used = Vec::new();
    keywords_used(&schema(), &mut used, false);
    for k in used {
        assert!(
            KEYWORDS.contains(&k.as_str()),
            "validator does not know keyword {k}"
        );
    }
}

#[test]
fn fully_populated_analysis_validates_strictly() {
    let v = assert_valid(&full());
    // Spot-check the serde shapes the schema describes.
    assert_eq!(v["times"][0]["type"], "DATE");
    assert_eq!(v["places"][0]["start"], 120);
    assert!(v["places"][0].get("span").is_none(), "span is flattened");
    assert_eq!(v["events"][0]["factuality"], "alleged");
    assert!(v["events"][0]["trigger"].get("byte_start").is_none());
}

#[test]
fn sparse_and_default_analyses_validate() {
    let v = assert_valid(&sparse());
    assert!(v["events"][0]["place"].is_null());
    assert!(v["places"][0]["geonameid"].is_null());
    assert!(v.get("published").is_none());
    assert!(v["claims"][0].get("responds_to").is_none());
    assert_valid(&Analysis::default());
}

#[test]
fn every_enum_value_is_in_the_schema() {
    let mut a = full();
    for f in [
        Factuality::Asserted,
        Factuality::Alleged,
        Factuality::Denied,
        Factuality::Negated,
        Factuality::Hypothetical,
        Factuality::Future,
    ] {
        a.events[0].factuality = f;
        assert_valid(&a);
    }
    for s in [
        Stance::Assert,
        Stance::Accuse,
        Stance::Deny,
        Stance::Acknowledge,
        Stance::Question,
        Stance::NoEvidence,
        Stance::Retract,
    ] {
        a.claims[0].stance = s;
        assert_valid(&a);
    }
}

#[test]
fn issue_2_contract_keys_are_required() {
    let s = schema();
    let required = |def: Option<&str>| -> Vec<String> {
        let node = match def {
            None => &s,
            Some(d) => &s["$defs"][d],
        };
        node["required"]
            .as_array()
            .unwrap_or_else(|| panic!("no required list for {def:?}"))
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    let contract: &[(Option<&str>, &[&str])] = &[
        (
            None,
            &["id", "events", "claims", "places", "times", "actors"],
        ),
        (Some("Span"), &["start", "end", "text"]),
        (
            Some("Event"),
            &[
                "trigger",
                "plover",
                "cameo",
                "acled",
                "actor1",
                "actor2",
                "place",
                "time",
                "fatalities",
                "injured",
                "civilian_targeting",
                "factuality",
                "claims",
            ],
        ),
        (Some("Plover"), &["event", "mode"]),
        (Some("Acled"), &["event_type", "sub_event_type"]),
        (Some("Count"), &["low", "best", "high", "text"]),
        (
            Some("Place"),
            &[
                "start",
                "end",
                "text",
                "geonameid",
                "name",
                "lat",
                "lon",
                "country",
                "admin1",
                "geo_precision",
            ],
        ),
        (
            Some("TimeExpr"),
            &["start", "end", "text", "value", "type", "precision"],
        ),
        (
            Some("Claim"),
            &[
                "source",
                "cue",
                "content",
                "stance",
                "via",
                "direct_quote",
                "events",
            ],
        ),
    ];
    for (def, keys) in contract {
        let req = required(*def);
        for k in *keys {
            assert!(req.iter().any(|r| r == k), "{def:?} must require `{k}`");
        }
    }
    let stances = &s["$defs"]["Stance"]["enum"];
    for st in [
        "assert",
        "accuse",
        "deny",
        "acknowledge",
        "question",
        "no_evidence",
    ] {
        assert!(stances.as_array().unwrap().contains(&json!(st)), "{st}");
    }
}

/// A named way to break a valid output line.
type Breakage = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn validator_rejects_broken_output() {
    let schema = schema();
    let good = serde_json::to_value(full()).unwrap();
    let cases: Vec<Breakage> = vec![
        (
            "missing events",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("events");
            }),
        ),
        (
            "renamed key",
            Box::new(|v| {
                let t = v["times"][0].as_object_mut().unwrap();
                let val = t.remove("type").unwrap();
                t.insert("kind".into(), val);
            }),
        ),
        (
            "bad enum",
            Box::new(|v| v["events"][0]["factuality"] = json!("rumoured")),
        ),
        (
            "negative offset",
            Box::new(|v| v["actors"][0]["start"] = json!(-1)),
        ),
        (
            "null trigger",
            Box::new(|v| v["events"][0]["trigger"] = Value::Null),
        ),
        (
            "string lat",
            Box::new(|v| v["places"][0]["lat"] = json!("36.2")),
        ),
    ];
    for (what, break_it) in cases {
        let mut v = good.clone();
        break_it(&mut v);
        assert!(
            !Validator::validate(&schema, &v, false).is_empty(),
            "validator accepted: {what}"
        );
    }
    // Extra keys are allowed by the schema (consumers must ignore them)...
    let mut v = good.clone();
    v["events"][0]["new_key"] = json!(1);
    assert!(Validator::validate(&schema, &v, false).is_empty());
    // ...but strict mode, used above, flags undocumented output.
    assert!(!Validator::validate(&schema, &v, true).is_empty());
}
