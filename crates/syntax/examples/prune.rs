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
    let mut dev_figures = None;
    if let Some(dev) = dev {
        let sentences = conllu::read_file(std::path::Path::new(dev)).map_err(|e| e.to_string());
        match sentences {
            Ok(s) => {
                let d = gold_token_scores(&parser, &s);
                dev_figures = Some(format!(
                    "dev gold-token UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2}",
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
    parser.info = describe(&parser.info, tagger_min, parser_min, dev_figures.as_deref());
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

/// The description `train` would have written with these floors: its
/// "prune A/B" and dev figures replaced (so that the file is the one
/// `train --parser-prune` writes), or, for a description of another
/// shape, a note appended.
fn describe(info: &str, tagger_min: i16, parser_min: i16, dev: Option<&str>) -> String {
    const DEV: &str = "; dev gold-token ";
    let prune_at = info.find(", prune ");
    let prune_end = prune_at.and_then(|a| {
        let rest = &info[a + 8..];
        rest.find(|c: char| c != '/' && !c.is_ascii_digit() && c != '-')
            .map(|e| a + 8 + e)
    });
    match (prune_at, prune_end, info.rfind(DEV), dev) {
        (Some(a), Some(e), Some(d), Some(figures)) if e <= d => format!(
            "{}, prune {tagger_min}/{parser_min}{}; {figures}",
            &info[..a],
            &info[e..d]
        ),
        _ => format!("{info} (pruned to {tagger_min}/{parser_min} after training)"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn the_description_is_the_one_train_writes() {
        let info = "trained on x.conllu (3 sentences), seed 1, folds 4, prune 0/350, \
                    right-to-left parser weight 0.9 bias 0; dev gold-token UPOS 95.53 XPOS \
                    94.91 UAS 87.10 LAS 84.32";
        let dev = "dev gold-token UPOS 95.53 XPOS 94.91 UAS 86.85 LAS 84.07";
        assert_eq!(
            describe(info, 0, 450, Some(dev)),
            "trained on x.conllu (3 sentences), seed 1, folds 4, prune 0/450, right-to-left \
             parser weight 0.9 bias 0; dev gold-token UPOS 95.53 XPOS 94.91 UAS 86.85 LAS 84.07"
        );
        assert_eq!(
            describe("a model", 0, 450, Some(dev)),
            "a model (pruned to 0/450 after training)"
        );
        assert_eq!(
            describe(info, 0, 450, None),
            format!("{info} (pruned to 0/450 after training)")
        );
    }
}
