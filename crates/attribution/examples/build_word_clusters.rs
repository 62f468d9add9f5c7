//! Rebuild `data/attribution/word_clusters.tsv.zst` from unlabelled text in the
//! shared data (never PolNeAR dev):
//! `cargo run --release -p sitrep-attribution --example build_word_clusters -- ../shared/data data/attribution/word_clusters.tsv.zst`.
//!
//! Text: PolNeAR train article texts, LGL and GeoWebNews articles, TimeBank,
//! GVDB dev articles, MEANTIME, ECB+ (train/dev/test corpus files) and UD
//! English EWT train. Tokens are lower-cased as the tokenizer splits them.

use std::path::Path;

use sitrep_attribution::clusters::{build, BuildOptions};
use sitrep_core::Doc;

/// Sentences of raw text, tokenised as the analysis does.
fn doc_sentences(text: &str, out: &mut Vec<Vec<String>>) {
    let doc = Doc::new("x", text);
    for s in &doc.sentences {
        out.push(s.tokens.clone().map(|i| doc.lower(i).to_string()).collect());
    }
}

/// The texts between `<open…>` and `</close>` (CDATA unwrapped, tags dropped).
fn xml_texts(xml: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(a) = rest.find(open) {
        let after = &rest[a..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(close) else { break };
        out.push(sitrep_syntax::clusters::strip_tags(&body[..end]));
        rest = &body[end..];
    }
    out
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p: &std::path::PathBuf| p.to_string_lossy().ends_with(ext));
    v.sort();
    v
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = Path::new(args.get(1).map_or("../shared/data", String::as_str));
    let out = args
        .get(2)
        .map_or("data/attribution/word_clusters.tsv.zst", String::as_str);
    let mut sents: Vec<Vec<String>> = Vec::new();
    let mut tally = Vec::new();
    let mut mark = |name: &str, sents: &Vec<Vec<String>>| {
        tally.push((name.to_string(), sents.iter().map(Vec::len).sum::<usize>()));
    };
    // PolNeAR train texts (dev is never read).
    for f in sorted_files(&data.join("attribution-polnear/train/text"), ".txt") {
        doc_sentences(&std::fs::read_to_string(f)?, &mut sents);
    }
    mark("polnear-train", &sents);
    for (file, open) in [
        ("geoparsing/lgl.xml", "<text"),
        ("geoparsing/GWN.xml", "<text"),
    ] {
        let xml = std::fs::read_to_string(data.join(file))?;
        for t in xml_texts(&xml, open, "</text>") {
            doc_sentences(&t, &mut sents);
        }
        mark(file, &sents);
    }
    for f in sorted_files(&data.join("temporal-timebank/TimeBank"), ".tml") {
        let xml = std::fs::read_to_string(f)?;
        for t in xml_texts(&xml, "<TEXT", "</TEXT>") {
            doc_sentences(&t, &mut sents);
        }
    }
    mark("timebank", &sents);
    let gvdb = std::fs::read_to_string(data.join("casualties-gvdb/dev.json"))?;
    for line in gvdb.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        for s in v["full_text"].as_array().into_iter().flatten() {
            let toks: Vec<&str> = s
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str())
                .collect();
            doc_sentences(&toks.join(" "), &mut sents);
        }
    }
    mark("gvdb", &sents);
    // Token-per-line corpora: (file, token column, sentence key columns).
    let conll = |path: &Path, tok: usize, keys: &[usize], sents: &mut Vec<Vec<String>>| {
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let mut cur: Vec<String> = Vec::new();
        let mut key = String::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() <= tok {
                if !cur.is_empty() {
                    sents.push(std::mem::take(&mut cur));
                }
                continue;
            }
            if keys.is_empty() && f[0].contains(['-', '.']) {
                continue; // CoNLL-U multiword range or empty node
            }
            let k: String = keys.iter().map(|&i| f[i]).collect::<Vec<_>>().join("|");
            if k != key && !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            key = k;
            cur.push(f[tok].to_lowercase());
        }
        if !cur.is_empty() {
            sents.push(cur);
        }
    };
    for f in sorted_files(&data.join("factuality-meantime/conll_gold"), ".conll") {
        conll(&f, 1, &[], &mut sents);
    }
    mark("meantime", &sents);
    let ecb = data.join("coreference-ecbplus/data/interim/cybulska_setup");
    for f in [
        "ECB_Train_corpus.txt",
        "ECB_Dev_corpus.txt",
        "ECB_Test_corpus.txt",
    ] {
        conll(&ecb.join(f), 3, &[0, 1], &mut sents);
    }
    mark("ecb+", &sents);
    conll(
        &data.join("ud-english-ewt/en_ewt-ud-train.conllu"),
        1,
        &[],
        &mut sents,
    );
    mark("ewt-train", &sents);
    let mut prev = 0;
    for (name, n) in &tally {
        eprintln!("{name}: {} tokens", n - prev);
        prev = *n;
    }
    // The one-word cue forms of the hand lexicon (similarity anchors).
    let mut cue_words: Vec<String> = sitrep_attribution::lexicon::one_word_forms()
        .map(str::to_string)
        .collect();
    cue_words.sort();
    cue_words.dedup();
    let mut o = BuildOptions::default();
    if let Some(v) = std::env::var("VOCAB").ok().and_then(|v| v.parse().ok()) {
        o.vocab = v;
    }
    let text = build(&sents, &cue_words, &o);
    let head = format!(
        "# sitrep word clusters (derived data; see data/attribution/NOTICE): word<TAB>k{}<TAB>k{}<TAB>k{}<TAB>cue similarity (0-9).\n# {:?}; {} sentences, {} tokens, {} lexicon cue words.\n# Rebuild: cargo run --release -p sitrep-attribution --example build_word_clusters -- ../shared/data data/attribution/word_clusters.tsv.zst\n",
        o.k[0],
        o.k[1],
        o.k[2],
        o,
        sents.len(),
        prev,
        cue_words.len()
    );
    let all = head + &text;
    if out.ends_with(".zst") {
        std::fs::write(out, zstd::encode_all(all.as_bytes(), 19)?)?;
    } else {
        std::fs::write(out, all)?;
    }
    eprintln!("{} words -> {out}", text.lines().count());
    Ok(())
}
