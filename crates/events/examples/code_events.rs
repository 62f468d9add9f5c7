//! Code the events of a text file with the actor tagger and the event coder
//! only (no places, times or claims), and print one line per event.
//!
//! `cargo run -p sitrep-events --example code_events -- FILE [YYYY-MM-DD]`
//!
//! With the parse layer on (as `sitrep eval` runs it) unless
//! `SITREP_EVAL_NO_PARSE` is set; each event is followed by its PLOVER/PETR2
//! (source, target) pairs (`args::plover_pairs`), one sentence a line.

use sitrep_core::{Analysis, Doc, DocMeta, Stage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: code_events FILE [YYYY-MM-DD]")?;
    let published = args
        .next()
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
        .transpose()?;
    let text = std::fs::read_to_string(&path)?;
    let doc = Doc::with_meta(
        &path,
        text,
        DocMeta {
            published,
            ..DocMeta::default()
        },
    );
    let parser = if std::env::var_os("SITREP_EVAL_NO_PARSE").is_some() {
        None
    } else {
        sitrep_syntax::Parser::load_default()
            .ok()
            .map(|p| std::sync::Arc::new(p) as std::sync::Arc<dyn sitrep_core::SentenceParser>)
    };
    let mut a = Analysis {
        parses: sitrep_core::ParseCache::new(parser),
        ..Analysis::default()
    };
    let coder = sitrep_events::EventCoder::load_default()?;
    sitrep_actors::ActorTagger::load_default()?.annotate(&doc, &mut a);
    coder.annotate(&doc, &mut a);
    for e in &a.events {
        println!(
            "[{}] {:?} {}/{} cameo={} acled={}/{} a1={:?} a2={:?} fat={:?} inj={:?} civ={} fact={:?}\n    {}",
            e.sentence,
            e.trigger.text,
            e.plover.event,
            e.plover.mode.as_deref().unwrap_or("-"),
            e.cameo,
            e.acled.event_type,
            e.acled.sub_event_type,
            e.actor1.as_ref().map(|x| format!("{}={}", x.span.text, x.code)),
            e.actor2.as_ref().map(|x| format!("{}={}", x.span.text, x.code)),
            e.fatalities.as_ref().map(|c| (c.low, c.best, c.high, c.text.text.clone())),
            e.injured.as_ref().map(|c| (c.low, c.best, c.text.text.clone())),
            e.civilian_targeting,
            e.factuality,
            e.rule
        );
        let pairs = sitrep_events::args::plover_pairs(coder.lexicon(), &doc, &a, e);
        for (src, tgt) in pairs {
            println!(
                "    pair: {} -> {} ({})",
                src.code,
                tgt.as_ref().map_or("---", |t| t.code.as_str()),
                e.cameo
            );
        }
    }
    Ok(())
}
