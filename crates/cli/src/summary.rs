//! The `summary` output format: a report a person reads.
//!
//! Incidents first, then claims with their grades, then the remaining events,
//! places and times. With `--explain`, each value names its rule, and the
//! triggers the event coder dropped are listed with the rule that dropped
//! them. Everything shown comes from the report; nothing is recomputed here.

use std::fmt::Write;

use sitrep_analyze::{Level, Report};
use sitrep_core::{Actor, Count, Event, EventTime, Factuality, Place};

/// Render one report as readable text.
pub fn render(r: &Report, explain: bool) -> String {
    let a = &r.analysis;
    let mut s = String::new();
    let published = a.published.as_deref().unwrap_or("unknown date");
    let _ = writeln!(s, "=== {} (published {published}) ===", a.id);
    if let Some(t) = &a.title {
        let _ = writeln!(s, "{t}");
    }
    let _ = writeln!(
        s,
        "{} incidents, {} events, {} claims, {} places, {} times, {} actor mentions\n",
        r.incidents.len(),
        a.events.len(),
        a.claims.len(),
        a.places.len(),
        a.times.len(),
        a.actors.len()
    );

    let _ = writeln!(s, "INCIDENTS");
    if r.incidents.is_empty() {
        let _ = writeln!(s, "  (none found)");
    }
    for (n, inc) in r.incidents.iter().enumerate() {
        let e = &a.events[inc.lead];
        let _ = writeln!(
            s,
            "  [I{}] {} / {} — PLOVER {}{}, CAMEO {}",
            n + 1,
            inc.event_type,
            inc.sub_event_type,
            e.plover.event,
            e.plover
                .mode
                .as_deref()
                .map(|m| format!("/{m}"))
                .unwrap_or_default(),
            e.cameo
        );
        who_where_when(
            &mut s,
            [inc.actor1.as_ref(), inc.actor2.as_ref()],
            inc.place.as_ref(),
            inc.time.as_ref(),
            "        ",
        );
        if let Some(f) = &inc.fatalities {
            let _ = writeln!(s, "        killed: {}", count(f));
        }
        if let Some(f) = &inc.injured {
            let _ = writeln!(s, "        injured: {}", count(f));
        }
        if inc.civilian_targeting {
            let _ = writeln!(s, "        civilians targeted");
        }
        let _ = writeln!(
            s,
            "        standing: {}{}",
            factuality(inc.factuality),
            claims_ref(&inc.claims)
        );
        let triggers: Vec<String> = inc
            .events
            .iter()
            .map(|&i| {
                format!(
                    "\"{}\" (s{})",
                    a.events[i].trigger.text,
                    a.events[i].sentence + 1
                )
            })
            .collect();
        let _ = writeln!(s, "        reported as: {}", triggers.join(", "));
        if explain {
            for &i in &inc.events {
                let _ = writeln!(s, "        rule E{}: {}", i + 1, a.events[i].rule);
            }
        }
    }

    let _ = writeln!(s, "\nCLAIMS");
    if a.claims.is_empty() {
        let _ = writeln!(s, "  (none found)");
    }
    for (n, c) in a.claims.iter().enumerate() {
        let who = c
            .source_entity
            .as_ref()
            .map(|e| {
                let mut w = e.name.clone();
                if let Some(role) = &e.role {
                    let _ = write!(w, ", {role}");
                }
                // "Rebels from the National Liberation Front" already names it.
                if let Some(aff) = e
                    .affiliation
                    .as_ref()
                    .filter(|a| !e.name.contains(a.as_str()))
                {
                    let _ = write!(w, " of {aff}");
                }
                format!("{w} [{}]", e.kind)
            })
            .or_else(|| c.source.as_ref().map(|s| s.text.clone()))
            .unwrap_or_else(|| "(unnamed source)".into());
        let via: Vec<&str> = c.via.iter().map(|v| v.outlet.as_str()).collect();
        let _ = writeln!(
            s,
            "  [C{}] {who} — {:?} (cue \"{}\"){}{}{}",
            n + 1,
            c.stance,
            c.cue.text,
            if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", via.join(" → "))
            },
            c.date
                .as_deref()
                .map(|d| format!(" on {d}"))
                .unwrap_or_default(),
            if c.direct_quote { " [quote]" } else { "" },
        );
        let _ = writeln!(s, "        says: \"{}\"", clip(&c.content.text, 160));
        if !c.responds_to.is_empty() {
            let targets: Vec<String> = c
                .responds_to
                .iter()
                .map(|i| format!("C{}", i + 1))
                .collect();
            let _ = writeln!(s, "        answers: {}", targets.join(", "));
        }
        if !c.events.is_empty() {
            let evs: Vec<String> = c.events.iter().map(|i| format!("E{}", i + 1)).collect();
            let _ = writeln!(s, "        about events: {}", evs.join(", "));
        }
        if let Some(g) = r.claim_grades.get(n) {
            let _ = writeln!(s, "        grade: {} — {}", level(g.level), g.reason);
        }
        if explain {
            let _ = writeln!(s, "        rule: {}", c.rule);
        }
    }

    let _ = writeln!(s, "\nEVENTS");
    for (n, e) in a.events.iter().enumerate() {
        let acled = if e.acled.event_type.is_empty() {
            String::new()
        } else {
            format!(" — {} / {}", e.acled.event_type, e.acled.sub_event_type)
        };
        let _ = writeln!(
            s,
            "  [E{}] \"{}\" {}{} CAMEO {}{} — {}",
            n + 1,
            e.trigger.text,
            e.plover.event,
            e.plover
                .mode
                .as_deref()
                .map(|m| format!("/{m}"))
                .unwrap_or_default(),
            e.cameo,
            acled,
            factuality(e.factuality)
        );
        event_lines(&mut s, e, "        ");
        if explain {
            let _ = writeln!(s, "        rule: {}", e.rule);
        }
    }

    if explain && !a.dropped.is_empty() {
        let _ = writeln!(s, "\nDROPPED TRIGGERS");
        for d in &a.dropped {
            let _ = writeln!(
                s,
                "  dropped: \"{}\" (s{}) — {}",
                d.trigger.text,
                d.sentence + 1,
                d.rule
            );
        }
    }

    let _ = writeln!(s, "\nPLACES");
    for p in &a.places {
        let _ = writeln!(s, "  {}", place(p));
        if explain {
            let _ = writeln!(s, "        rule: {}", p.rule);
        }
    }
    let _ = writeln!(s, "\nTIMES");
    for t in &a.times {
        let _ = writeln!(
            s,
            "  \"{}\" → {} ({}, {})",
            t.span.text, t.value, t.kind, t.precision
        );
    }
    s
}

fn event_lines(s: &mut String, e: &Event, pad: &str) {
    who_where_when(
        s,
        [e.actor1.as_ref(), e.actor2.as_ref()],
        e.place.as_ref(),
        e.time.as_ref(),
        pad,
    );
    if let Some(f) = &e.fatalities {
        let _ = writeln!(s, "{pad}killed: {}", count(f));
    }
    if let Some(f) = &e.injured {
        let _ = writeln!(s, "{pad}injured: {}", count(f));
    }
}

/// The who, where and when lines of an event or an incident.
fn who_where_when(
    s: &mut String,
    [actor1, actor2]: [Option<&Actor>; 2],
    at: Option<&Place>,
    time: Option<&EventTime>,
    pad: &str,
) {
    let _ = writeln!(s, "{pad}who: {} → {}", actor(actor1), actor(actor2));
    if let Some(p) = at {
        let _ = writeln!(s, "{pad}where: {}", place(p));
    }
    if let Some(t) = time {
        let how = match (t.fallback, t.time) {
            (false, _) => "from the text",
            (true, Some(_)) => "dateline date, no date in the clause",
            (true, None) => "publication date, no date in the clause",
        };
        let _ = writeln!(
            s,
            "{pad}when: {} ({}, ACLED time_precision {}, {how})",
            t.value, t.precision, t.time_precision
        );
    }
}

fn actor(a: Option<&Actor>) -> String {
    match a {
        Some(a) => format!("{} ({}, \"{}\")", a.name, a.code, a.span.text),
        None => "?".into(),
    }
}

fn place(p: &Place) -> String {
    match (p.lat, p.lon) {
        (Some(lat), Some(lon)) => format!(
            "\"{}\" → {}, {} ({:.2}, {:.2}) geonameid {} [{}; geo_precision {}]",
            p.span.text,
            p.name,
            p.country.as_deref().unwrap_or("?"),
            lat,
            lon,
            p.geonameid
                .map(|g| g.to_string())
                .unwrap_or_else(|| "-".into()),
            p.role,
            p.geo_precision
        ),
        _ => format!("\"{}\" (unresolved)", p.span.text),
    }
}

fn count(c: &Count) -> String {
    let high = c.high.map(|h| format!(", high {h}")).unwrap_or_default();
    let unit = c
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    format!(
        "low {}, best {}{high}{unit} (\"{}\")",
        c.low, c.best, c.text.text
    )
}

fn factuality(f: Factuality) -> &'static str {
    match f {
        Factuality::Asserted => "asserted",
        Factuality::Alleged => "ALLEGED (only inside claims)",
        Factuality::Denied => "DENIED",
        Factuality::Negated => "negated",
        Factuality::Hypothetical => "hypothetical",
        Factuality::Future => "future",
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Confirmed => "CONFIRMED",
        Level::Fair => "FAIR",
        Level::Weak => "WEAK",
        Level::Contested => "CONTESTED",
        Level::Rebuttal => "REBUTTAL",
        Level::Relay => "RELAY",
    }
}

fn claims_ref(ix: &[usize]) -> String {
    if ix.is_empty() {
        return " — stated by the article itself".into();
    }
    let v: Vec<String> = ix.iter().map(|i| format!("C{}", i + 1)).collect();
    format!(" — per claims {}", v.join(", "))
}

fn clip(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        format!("{}…", flat.chars().take(n).collect::<String>())
    }
}
