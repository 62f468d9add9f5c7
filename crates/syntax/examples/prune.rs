//! Prune a trained model's tagger and parser weights below quantised
//! floors (out of 32767) and write the smaller model, as `train
//! --parser-prune` would have: `prune IN OUT TAGGER_MIN PARSER_MIN
//! [DEV.conllu]`. Pruning is a threshold on the stored weights, so pruning
//! a model trained with a lower floor gives the model trained with this
//! one. With a dev file, the model's description gets the pruned model's
//! gold-token dev figures.

use std::process::ExitCode;

use sitrep_syntax::conllu;
use sitrep_syntax::eval::gold_token_scores;
use sitrep_syntax::Parser;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output, tagger_min, parser_min, dev) = match args.as_slice() {
        [i, o, t, p] => (i, o, t, p, None),
        [i, o, t, p, d] => (i, o, t, p, Some(d)),
        _ => {
            eprintln!("usage: prune IN OUT TAGGER_MIN PARSER_MIN [DEV.conllu]");
            return ExitCode::FAILURE;
        }
    };
    let (Ok(tagger_min), Ok(parser_min)) = (tagger_min.parse::<i16>(), parser_min.parse::<i16>())
    else {
        eprintln!("error: floors are integers up to 32767");
        return ExitCode::FAILURE;
    };
    let mut parser = match Parser::load(std::path::Path::new(input)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("before: {}", parser.stats());
    parser.prune(tagger_min, parser_min);
    println!("after: {}", parser.stats());
    let mut note = format!("pruned to {tagger_min}/{parser_min} after training");
    if let Some(dev) = dev {
        let sentences = std::fs::read_to_string(dev)
            .map_err(|e| e.to_string())
            .and_then(|t| conllu::parse(&t, dev).map_err(|e| e.to_string()));
        match sentences {
            Ok(s) => {
                let d = gold_token_scores(&parser, &s);
                note.push_str(&format!(
                    "; pruned model dev gold-token UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2}",
                    d.upos * 100.0,
                    d.xpos * 100.0,
                    d.uas * 100.0,
                    d.las * 100.0
                ));
            }
            Err(e) => {
                eprintln!("error: reading {dev}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    parser.info = format!("{} ({note})", parser.info);
    println!("{}", parser.info);
    match parser.to_bytes().map(|b| std::fs::write(output, b)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("error: writing {output}: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
