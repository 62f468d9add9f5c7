//! Code the events of a text file with the actor tagger and the event coder
//! only (no places, times or claims), and print one line per event.
//!
//! `cargo run -p sitrep-events --example code_events -- FILE [YYYY-MM-DD]`

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
    let mut a = Analysis::default();
    sitrep_actors::ActorTagger::load_default()?.annotate(&doc, &mut a);
    sitrep_events::EventCoder::load_default()?.annotate(&doc, &mut a);
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
    }
    Ok(())
}
