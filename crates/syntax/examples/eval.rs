//! Evaluate the model on EWT dev and test: `eval [DATA]` (default
//! `../shared/data`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<i16>().is_err() && !a.contains(".bin"))
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    // Experiment: `--prune T P` prunes the loaded model before dev evaluation.
    if let Some(i) = args.iter().position(|a| a == "--prune") {
        let t: i16 = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(0);
        let p: i16 = args.get(i + 2).and_then(|v| v.parse().ok()).unwrap_or(0);
        let result = sitrep_syntax::Parser::load_default().and_then(|mut parser| {
            parser.prune(t, p);
            // Experiment: `--members A,B,... V P` replaces the parser by
            // the mean of member files (feature set V, pruned at P).
            if let Some(j) = args.iter().position(|a| a == "--members") {
                let files: Vec<PathBuf> = args
                    .get(j + 1)
                    .map(|v| v.split(',').map(PathBuf::from).collect())
                    .unwrap_or_default();
                let v: u8 = args.get(j + 2).and_then(|v| v.parse().ok()).unwrap_or(4);
                let pr: i16 = args.get(j + 3).and_then(|v| v.parse().ok()).unwrap_or(350);
                parser = sitrep_syntax::train::with_members(parser, &files, v, pr)?;
            }
            if let Some(j) = args.iter().position(|a| a == "--sure") {
                let v: f32 = args
                    .get(j + 1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(f32::INFINITY);
                parser.set_labeler_margin(v);
            }
            println!("{}", parser.stats());
            if args.iter().any(|a| a == "--bytes") {
                println!("model bytes {}", parser.to_bytes()?.len());
            }
            let dev = sitrep_syntax::conllu::read_file(
                &data.join("ud-english-ewt/en_ewt-ud-dev.conllu"),
            )?;
            let r = sitrep_syntax::eval::report(&parser, &dev, "dev", 0.0);
            for m in &r.metrics {
                println!("  {:<18} {:.4}", m.name, m.value);
            }
            if args.iter().any(|a| a == "--oracle") {
                let g = sitrep_syntax::eval::oracle_tag_scores(&parser, &dev);
                println!("  oracle gold tags: UAS {:.4} LAS {:.4}", g.uas, g.las);
            }
            Ok(())
        });
        if let Err(e) = result {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    match sitrep_syntax::eval::run(&data) {
        Ok(reports) => {
            if reports.is_empty() {
                println!("no treebank under {}: skipped", data.display());
            }
            for r in reports {
                println!("== {} ({} sentences)", r.suite, r.items);
                for m in &r.metrics {
                    println!("  {:<18} {:.4}", m.name, m.value);
                }
                for n in &r.notes {
                    println!("  # {n}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
