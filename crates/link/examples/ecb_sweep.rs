//! Grid search of the ECB+ clustering parameters on the dev split (how
//! `sitrep_link::eval::PARAMS` was chosen). Usage:
//! `cargo run --release -p sitrep-link --example ecb_sweep [DATA_DIR] [dev|test]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let data = args.next().unwrap_or_else(|| "../shared/data".into());
    let split = match args.next().as_deref() {
        Some("test") => sitrep_link::ecb::Split::Test,
        _ => sitrep_link::ecb::Split::Dev,
    };
    match sitrep_link::eval::sweep(std::path::Path::new(&data), split) {
        Ok(rows) if rows.is_empty() => eprintln!("no ECB+ data under {data}"),
        Ok(rows) => {
            println!("doc_threshold\tmention_threshold\tcontext_weight\tstem_weight\tconll_f1");
            for (p, f) in rows {
                println!(
                    "{}\t{}\t{}\t{}\t{f:.4}",
                    p.doc_threshold, p.mention_threshold, p.context_weight, p.stem_weight
                );
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
