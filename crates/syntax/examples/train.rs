//! Train the syntax model: `train <ud-english-ewt dir> <out dir> [--seed N]
//! [--tagger-epochs N] [--parser-epochs N] [--folds N]`.

use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_syntax::train::{train_with, TrainOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    let mut seed = 1u64;
    let mut i = 0;
    while i < args.len() {
        let val = args.get(i + 1).and_then(|v| v.parse::<f64>().ok());
        match (args[i].as_str(), val) {
            ("--seed", Some(v)) => seed = v as u64,
            ("--tagger-epochs", Some(v)) => opts.tagger_epochs = v as usize,
            ("--parser-epochs", Some(v)) => opts.parser_epochs = v as usize,
            ("--folds", Some(v)) => opts.folds = v as usize,
            ("--parser-seeds", Some(v)) => opts.parser_seeds = v as usize,
            ("--explore-p", Some(v)) => opts.explore_p = v,
            ("--tagger-prune", Some(v)) => opts.tagger_prune = v as i16,
            ("--parser-prune", Some(v)) => opts.parser_prune = v as i16,
            ("--explore-from", Some(v)) => opts.explore_from = v as usize,
            ("--parser-version", Some(v)) => opts.parser_version = v as u8,
            ("--labeler-epochs", Some(v)) => opts.labeler_epochs = v as usize,
            ("--labeler-version", Some(v)) => opts.labeler_version = v as u8,
            ("--labeler-margin", Some(v)) => opts.labeler_margin = v as f32,
            ("--reuse-model", _) if i + 1 < args.len() => {
                opts.reuse_model = Some(PathBuf::from(&args[i + 1]));
            }
            ("--no-clusters", _) => {
                opts.clusters = None;
                i += 1;
                continue;
            }
            ("--cluster-fine", Some(v)) => {
                if let Some(c) = opts.clusters.as_mut() {
                    c.fine = v as usize;
                }
            }
            ("--cluster-coarse", Some(v)) => {
                if let Some(c) = opts.clusters.as_mut() {
                    c.coarse = v as usize;
                }
            }
            ("--cluster-data", _) if i + 1 < args.len() => {
                opts.cluster_data = Some(PathBuf::from(&args[i + 1]));
            }
            ("--member-dir", _) if i + 1 < args.len() => {
                opts.member_dir = Some(PathBuf::from(&args[i + 1]));
            }
            ("--member-from", Some(v)) => opts.member_from = v as usize,
            ("--first-member", Some(v)) => opts.first_member = v as usize,
            ("--reverse-seeds", Some(v)) => opts.reverse_seeds = v as usize,
            ("--reverse-members", _) if i + 1 < args.len() => {
                opts.reverse_members = args[i + 1].split(',').map(PathBuf::from).collect();
            }
            ("--members", _) if i + 1 < args.len() => {
                opts.members = args[i + 1].split(',').map(PathBuf::from).collect();
            }
            ("--cluster-cache", _) if i + 1 < args.len() => {
                opts.cluster_cache = Some(PathBuf::from(&args[i + 1]));
            }
            ("--tag-cache", _) if i + 1 < args.len() => {
                opts.tag_cache = Some(PathBuf::from(&args[i + 1]));
            }
            (a, _) if !a.starts_with("--") => {
                pos.push(a.to_string());
                i += 1;
                continue;
            }
            (a, _) => {
                eprintln!("bad option {a}");
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    if pos.len() != 2 {
        eprintln!("usage: train <ud-english-ewt dir> <out dir> [--seed N] [--tagger-epochs N] [--parser-epochs N] [--folds N]");
        return ExitCode::from(2);
    }
    let dir = PathBuf::from(&pos[0]);
    let out = PathBuf::from(&pos[1]);
    match train_with(
        &dir.join("en_ewt-ud-train.conllu"),
        &dir.join("en_ewt-ud-dev.conllu"),
        &out,
        seed,
        &opts,
    ) {
        Ok(r) => {
            println!(
                "trained in {:.0}s on {} sentences / {} words; model {} ({} bytes)",
                r.seconds,
                r.train_sentences,
                r.train_words,
                r.model_path.display(),
                r.model_bytes
            );
            println!(
                "dev (gold tokens): UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2} lemma {:.2}",
                r.dev.upos * 100.0,
                r.dev.xpos * 100.0,
                r.dev.uas * 100.0,
                r.dev.las * 100.0,
                r.dev.lemma * 100.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
