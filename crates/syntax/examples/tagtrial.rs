//! Experiments: retrain only the final tagger and score dev with the rest
//! of a model: `tagtrial DATA CLUSTERS TAGCACHE MODEL [--epochs N]
//! [--seeds K] [--seed S]`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!(
            "usage: tagtrial DATA CLUSTERS TAGCACHE MODEL [--epochs N] [--seeds K] [--seed S]"
        );
        return ExitCode::from(2);
    }
    let num = |name: &str, d: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let topts = sitrep_syntax::tagger::TagOptions {
        seeds: num("--seeds", 1),
    };
    let d = PathBuf::from(&args[0]).join("ud-english-ewt");
    match sitrep_syntax::train::tagger_trial(
        &d.join("en_ewt-ud-train.conllu"),
        &d.join("en_ewt-ud-dev.conllu"),
        &PathBuf::from(&args[1]),
        &PathBuf::from(&args[2]),
        &PathBuf::from(&args[3]),
        num("--epochs", 8),
        num("--seed", 1) as u64,
        topts,
    ) {
        Ok((g, by_kind)) => {
            println!("{by_kind}");
            println!(
                "{topts:?} epochs {}: dev UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2}",
                num("--epochs", 8),
                g.upos * 100.0,
                g.xpos * 100.0,
                g.uas * 100.0,
                g.las * 100.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
