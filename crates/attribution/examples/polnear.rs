//! Score PolNeAR and print errors for tuning:
//! `cargo run --release -p sitrep-attribution --example polnear -- ../shared/data train [N]`.

use std::path::Path;

use sitrep_attribution::eval::run_split;
use sitrep_attribution::ClaimTagger;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args.get(1).map_or("../shared/data", String::as_str);
    let split = args.get(2).map_or("dev", String::as_str);
    let show: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let tagger = ClaimTagger::load_default()?;
    let t0 = std::time::Instant::now();
    let (report, docs) = run_split(&tagger, &Path::new(data).join("attribution-polnear"), split)?;
    let elapsed = t0.elapsed();
    // Speed of tokenizing + tagging alone (no scoring, no file reading).
    let t1 = std::time::Instant::now();
    let mut sentences = 0;
    for d in &docs {
        let doc = sitrep_core::Doc::new("speed", d.text.as_str());
        sentences += doc.sentences.len();
        let mut a = sitrep_core::Analysis::default();
        sitrep_core::Stage::annotate(&tagger, &doc, &mut a);
    }
    let t = t1.elapsed().as_secs_f64();
    eprintln!(
        "{} docs scored in {:?}; tag-only: {} sentences in {:.3}s = {:.0} sentences/s",
        docs.len(),
        elapsed,
        sentences,
        t,
        sentences as f64 / t
    );
    for m in &report.metrics {
        println!("{:<22} {:.3}", m.name, m.value);
    }
    for n in &report.notes {
        println!("{n}");
    }
    let ctx = std::env::var("CTX").is_ok();
    let slice = |t: &str, f: &[(usize, usize)]| -> String {
        let inner = f
            .iter()
            .map(|&(a, b)| t.chars().skip(a).take(b - a).collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ");
        if !ctx {
            return inner;
        }
        let (a, b) = (f[0].0, f[f.len() - 1].1);
        let pre: String = t
            .chars()
            .skip(a.saturating_sub(70))
            .take(a.min(70))
            .collect();
        let post: String = t.chars().skip(b).take(40).collect();
        format!("{pre}[[{inner}]]{post}")
    };
    let mut shown = 0;
    for d in &docs {
        for role in ["cue", "source", "content"] {
            let (p, g) = match role {
                "cue" => (&d.pred.cue, &d.gold.cue),
                "source" => (&d.pred.source, &d.gold.source),
                _ => (&d.pred.content, &d.gold.content),
            };
            for f in p {
                let ov = g
                    .iter()
                    .find(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)));
                let mismatch = std::env::var("MISMATCH").is_ok();
                if let Some(x) = ov.filter(|x| mismatch && shown < show && *x != f) {
                    println!(
                        "MM {role} {}: pred {:?} gold {:?}",
                        d.file,
                        slice(&d.text, f),
                        slice(&d.text, x)
                    );
                    shown += 1;
                }
                if shown < show
                    && !g
                        .iter()
                        .any(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)))
                {
                    println!("FP {role} {}: {:?}", d.file, slice(&d.text, f));
                    shown += 1;
                }
            }
            for f in g {
                if shown < show
                    && !p
                        .iter()
                        .any(|x| x.iter().any(|y| f.iter().any(|z| z.0 < y.1 && y.0 < z.1)))
                {
                    println!("FN {role} {}: {:?}", d.file, slice(&d.text, f));
                    shown += 1;
                }
            }
        }
    }
    Ok(())
}
