//! Recall on real article bodies: GVDB dev's 400 articles each report at
//! least one shooting, so an article where the coder finds no violent
//! (ACLED-typed) asserted or alleged event is a missed incident.
//!
//! `cargo run --release -p sitrep-events --example gvdb_recall -- ../shared/data [MOD]`
//!
//! Prints the count of uncovered articles and their ids; then, for a fixed
//! sample (FNV-1a hash of the article id, `hash % MOD == 0`, MOD 5 by
//! default), every sentence with a violence word: `+` when it yields a
//! violent event (with its type and rule), `-` when it does not (with the
//! rules of the triggers dropped in it), for reading by hand.
//!
//! `gvdb_recall --lines FILE` runs each line of FILE alone (as the recall
//! suites do) and prints it with `+` or `-` and the same details.
//! `gvdb_recall --texts DIR...` runs every `.txt` file under the folders and
//! prints each sentence with a violent event (to compare two builds).

use sitrep_core::{Analysis, Doc, DocMeta, Factuality, Stage};
use std::collections::HashMap;

const VIOLENT_WORDS: &[&str] = &[
    "shot", "shoot", "gunfire", "gunshot", "gunman", "gunmen", "killed", "kill", "wound", "injur",
    "dead", "death", "died", "murder", "stabb", "fired", "homicide", "robb", "slain", "assault",
    "bullet", "hospital", "victim",
];

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn violent(e: &sitrep_core::Event) -> bool {
    matches!(e.factuality, Factuality::Asserted | Factuality::Alleged)
        && !e.acled.event_type.is_empty()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--lines") {
        let path = args.nth(1).ok_or("usage: gvdb_recall --lines FILE")?;
        return lines(&std::fs::read_to_string(path)?);
    }
    if args.peek().is_some_and(|a| a == "--texts") {
        return texts(args.skip(1).collect());
    }
    let data = std::path::PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let modulo: u64 = args.next().map(|m| m.parse()).transpose()?.unwrap_or(5);
    let tsv = std::fs::read_to_string(data.join("casualties-gvdb/dev.tsv"))?;
    let mut dates: HashMap<String, chrono::NaiveDate> = HashMap::new();
    if let Ok(j) = std::fs::read_to_string(data.join("casualties-gvdb/dev.json")) {
        for line in j.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let (Some(k), Some(d)) = (
                v.get("doc_key").and_then(|x| x.as_str()),
                v.get("date").and_then(|x| x.as_str()),
            ) {
                if let Ok(d) = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    dates.insert(k.to_string(), d);
                }
            }
        }
    }
    let (actors, coder, parser) = load()?;
    let (mut n, mut covered, mut any_event, mut events) = (0usize, 0usize, 0usize, 0usize);
    let mut uncovered = Vec::new();
    let mut sample = String::new();
    let (mut s_arts, mut s_plus, mut s_minus) = (0usize, 0usize, 0usize);
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let (id, text) = (cols[0], cols[3]);
        n += 1;
        let doc = Doc::with_meta(
            id,
            text,
            DocMeta {
                published: dates.get(id).copied(),
                ..DocMeta::default()
            },
        );
        let a = run(&actors, &coder, &parser, &doc);
        let v: Vec<_> = a.events.iter().filter(|e| violent(e)).collect();
        events += v.len();
        if v.is_empty() {
            uncovered.push(id.to_string());
        } else {
            covered += 1;
        }
        if a.events
            .iter()
            .any(|e| matches!(e.factuality, Factuality::Asserted | Factuality::Alleged))
        {
            any_event += 1;
        }
        if !fnv(id).is_multiple_of(modulo) {
            continue;
        }
        s_arts += 1;
        sample.push_str(&format!(
            "\n=== {id} {} violent event(s){}\n",
            v.len(),
            if v.is_empty() { "  UNCOVERED" } else { "" }
        ));
        for si in 0..doc.sentences.len() {
            let st = doc.sentence_text(si).replace('\n', " ");
            let lower = st.to_lowercase();
            if !VIOLENT_WORDS.iter().any(|w| lower.contains(w)) {
                continue;
            }
            let (hit, why) = explain(&a, si);
            if hit {
                s_plus += 1;
            } else {
                s_minus += 1;
            }
            let mark = if hit { '+' } else { '-' };
            sample.push_str(&format!("{mark} [{si}] {st}\n      {why}\n"));
        }
    }
    println!(
        "GVDB dev: {n} articles, {covered} with a violent event ({:.4}), {} without; {any_event} with any asserted event; {events} violent events",
        covered as f64 / n.max(1) as f64,
        n - covered
    );
    println!("uncovered: {}", uncovered.join(" "));
    println!(
        "sample (id hash % {modulo} == 0): {s_arts} articles, violence-word sentences coded {s_plus}, not coded {s_minus}"
    );
    print!("{sample}");
    Ok(())
}

type Loaded = (
    sitrep_actors::ActorTagger,
    sitrep_events::EventCoder,
    Option<std::sync::Arc<dyn sitrep_core::SentenceParser>>,
);

fn load() -> Result<Loaded, Box<dyn std::error::Error>> {
    let parser = if std::env::var_os("SITREP_EVAL_NO_PARSE").is_some() {
        None
    } else {
        sitrep_syntax::Parser::load_default()
            .ok()
            .map(|p| std::sync::Arc::new(p) as std::sync::Arc<dyn sitrep_core::SentenceParser>)
    };
    Ok((
        sitrep_actors::ActorTagger::load_default()?,
        sitrep_events::EventCoder::load_default()?,
        parser,
    ))
}

fn run(
    actors: &sitrep_actors::ActorTagger,
    coder: &sitrep_events::EventCoder,
    parser: &Option<std::sync::Arc<dyn sitrep_core::SentenceParser>>,
    doc: &Doc,
) -> Analysis {
    let mut a = Analysis {
        id: doc.id.clone(),
        parses: sitrep_core::ParseCache::new(parser.clone()),
        ..Analysis::default()
    };
    actors.annotate(doc, &mut a);
    coder.annotate(doc, &mut a);
    a
}

/// Whether sentence `si` yields a violent event, and what the coder made of it.
fn explain(a: &Analysis, si: usize) -> (bool, String) {
    let here: Vec<String> = a
        .events
        .iter()
        .filter(|e| e.sentence == si && violent(e))
        .map(|e| {
            format!(
                "{}:{}/{} a1={:?} a2={:?}",
                e.trigger.text,
                e.acled.sub_event_type,
                e.rule.split_whitespace().next().unwrap_or(""),
                e.actor1.as_ref().map(|x| x.code.as_str()),
                e.actor2.as_ref().map(|x| x.code.as_str()),
            )
        })
        .collect();
    if !here.is_empty() {
        return (true, here.join(" ; "));
    }
    let other: Vec<String> = a
        .events
        .iter()
        .filter(|e| e.sentence == si)
        .map(|e| format!("{}:{:?}:{}", e.trigger.text, e.factuality, e.plover.event))
        .chain(
            a.dropped
                .iter()
                .filter(|d| d.sentence == si)
                .map(|d| format!("{}:{}", d.trigger.text, d.rule)),
        )
        .collect();
    (false, other.join(" ; "))
}

/// Each line alone, as the recall suites run them.
fn lines(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (actors, coder, parser) = load()?;
    let (mut n, mut hit) = (0usize, 0usize);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let doc = Doc::new(format!("line{i}"), line);
        let a = run(&actors, &coder, &parser, &doc);
        let ok = a.events.iter().any(violent);
        hit += usize::from(ok);
        let why: Vec<String> = (0..doc.sentences.len())
            .map(|si| explain(&a, si).1)
            .collect();
        println!(
            "{} {line}\n      {}",
            if ok { '+' } else { '-' },
            why.join(" | ")
        );
    }
    println!("{hit} of {n} lines yield a violent event");
    Ok(())
}

/// Every sentence with a violent event in the `.txt` files under `dirs`.
fn texts(dirs: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let (actors, coder, parser) = load()?;
    let mut files = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = dirs.into_iter().map(Into::into).collect();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut n = 0usize;
    for f in &files {
        let doc = Doc::new(f.display().to_string(), std::fs::read_to_string(f)?);
        let a = run(&actors, &coder, &parser, &doc);
        for si in 0..doc.sentences.len() {
            let (hit, why) = explain(&a, si);
            if hit {
                n += 1;
                let st = doc.sentence_text(si).replace('\n', " ");
                println!("{}:{si}\t{st}\n      {why}", f.display());
            }
        }
    }
    println!("{} files, {n} sentences with a violent event", files.len());
    Ok(())
}
