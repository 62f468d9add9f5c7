//! Training: from CoNLL-U train/dev files to one model file.
//!
//! Owns the training recipe: the joint tag set, jackknifed tags for parser
//! training (the parser learns from tags as noisy as the ones it will see),
//! the tagger, the lemmatizer, the parser with per-epoch dev figures, and
//! writing the model. Single-threaded and deterministic for a given seed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::clusters::{self, ClusterOptions, Clusters};
use crate::combine::{self, Combo};
use crate::conllu::{self, Sentence};
use crate::depparse::{self, DepExample, DepOptions};
use crate::eval::{gold_token_scores, GoldScores};
use crate::labeler::{LabelExample, Labeler};
use crate::lemma::Lemmatizer;
use crate::perceptron::{put_varint, Reader};
use crate::tagger::{self, Alt, Lex, TagExample};
use crate::{Error, Parser, MODEL_FILE};

/// Training settings. [`TrainOptions::default`] is the recipe of the
/// committed model.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data for the tagger.
    pub tagger_epochs: usize,
    /// Passes for the parser.
    pub parser_epochs: usize,
    /// Folds for jackknifed parser-training tags (1 = gold tags).
    pub folds: usize,
    /// Parser exploration: from this epoch, with this probability.
    pub explore_from: usize,
    /// See `explore_from`.
    pub explore_p: f64,
    /// After training, drop tagger weights whose quantised magnitude (out
    /// of 32767) is below this: a smaller, faster model.
    pub tagger_prune: i16,
    /// The same for the parser.
    pub parser_prune: i16,
    /// Parsers trained with different seeds and averaged into one
    /// ([`DepOptions::seeds`]; 1: a single parser).
    pub parser_seeds: usize,
    /// Parser feature set and root handling (at most
    /// [`depparse::FEATURES`]; 5 also reads the tagger's runner-up tags).
    pub parser_version: u8,
    /// Word clusters as tagger and parser features (`None`: none).
    pub clusters: Option<ClusterOptions>,
    /// Folder of raw news text for the clusters (the shared data folder,
    /// see [`clusters::news_files`]); `None`: the parent of the treebank
    /// folder. The treebank's train text is always used; missing folders
    /// are skipped.
    pub cluster_data: Option<PathBuf>,
    /// Passes for the second-stage arc labeller (0: none).
    pub labeler_epochs: usize,
    /// The labeller's feature set ([`crate::labeler::LABELER_FEATURES`]).
    pub labeler_version: u8,
    /// Arcs whose parser label wins by this margin (weight units) keep it
    /// unscored by the labeller (speed; `f32::INFINITY`: score every arc).
    pub labeler_margin: f32,
    /// Experiments: take the clusters and the parser of this model file
    /// instead of learning them (with `tag_cache` from the same run), so
    /// that only the labeller is trained.
    pub reuse_model: Option<PathBuf>,
    /// Experiments: write the averaged model of every parser ensemble
    /// member after each epoch from `member_from` on, as
    /// `member{i}-epoch{e}.bin` in this folder (to average any subset of
    /// members and epochs later, with `members`).
    pub member_dir: Option<PathBuf>,
    /// See `member_dir` (1-based epoch).
    pub member_from: usize,
    /// Experiments: train members `first_member..first_member +
    /// parser_seeds` of the ensemble (0 in the recipe).
    pub first_member: usize,
    /// Experiments: the parser is the mean of these member files (written
    /// by `member_dir` with the same data and tagger) instead of being
    /// trained; the rest of the recipe runs as usual.
    pub members: Vec<PathBuf>,
    /// Experiments: keep the learned word clusters in this file and reuse
    /// them when it exists (same data and cluster options assumed).
    pub cluster_cache: Option<PathBuf>,
    /// Right-to-left parsers (trained on reversed sentences, averaged into
    /// one) whose arcs are combined with the main parser's ([`Combo`]; 0:
    /// none). Trained like the main parser's members, with their own seeds.
    pub reverse_seeds: usize,
    /// Experiments: the right-to-left parser is the mean of these member
    /// files (`rmember{i}-epoch{e}.bin` of `member_dir`) instead of being
    /// trained.
    pub reverse_members: Vec<PathBuf>,
    /// Print progress to stderr.
    pub verbose: bool,
    /// Experiments: keep the tagger and the jackknifed tags in this file
    /// and reuse them when it exists (same data, seed and tagger options
    /// assumed), so that parser experiments skip tagger training.
    pub tag_cache: Option<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 10,
            folds: 4,
            explore_from: 1,
            explore_p: 0.9,
            tagger_prune: 0,
            // 450 rather than 350: dev LAS 84.32 -> 84.07 (test 84.57 ->
            // 84.60) for about 1.15 times the words/s, which issue 3's
            // 50k needs with two parsers (session 12, docs/quality.md).
            parser_prune: 450,
            parser_seeds: 4,
            // Feature set 5 (the tagger's runner-up tags) was worse on
            // dev in session 8 (see docs/quality.md).
            parser_version: 4,
            clusters: Some(ClusterOptions::default()),
            cluster_data: None,
            labeler_epochs: 8,
            labeler_version: 1,
            labeler_margin: 2.0,
            reuse_model: None,
            member_dir: None,
            member_from: 1,
            first_member: 0,
            members: Vec::new(),
            cluster_cache: None,
            // Two right-to-left parsers combined with the four
            // left-to-right ones: dev LAS 83.83 -> 84.32 for about 0.55 of
            // the words/s (session 11, docs/quality.md).
            reverse_seeds: 2,
            reverse_members: Vec::new(),
            verbose: false,
            tag_cache: None,
        }
    }
}

/// What a training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Training sentences and words.
    pub train_sentences: usize,
    /// See `train_sentences`.
    pub train_words: usize,
    /// Figures on dev from gold tokens, with the final model.
    pub dev: GoldScores,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Where the model was written.
    pub model_path: PathBuf,
    /// Size of the model file in bytes.
    pub model_bytes: usize,
    /// Progress lines (per-epoch dev figures).
    pub log: Vec<String>,
}

/// Train on `train`, tune on `dev`, write `out_dir/en_ewt.syntax.zst`.
pub fn train(train: &Path, dev: &Path, out_dir: &Path, seed: u64) -> Result<TrainReport, Error> {
    train_with(train, dev, out_dir, seed, &TrainOptions::default())
}

fn joint(upos: &str, xpos: &str) -> (String, String) {
    (upos.to_string(), xpos.to_string())
}

/// Tagger, jackknifed tags and (newer caches) their runner-up tags.
type TagCache = (tagger::Tagger, Vec<Vec<u16>>, Option<Vec<Vec<Alt>>>);

fn read_tag_cache(b: &[u8], n: usize) -> Option<TagCache> {
    let mut r = Reader::new(b);
    let t = tagger::Tagger::read(&mut r)?;
    if r.varint()? as usize != n {
        return None;
    }
    let mut tags = Vec::with_capacity(n);
    for _ in 0..n {
        let k = r.varint()? as usize;
        let mut v = Vec::with_capacity(k.min(1024));
        for _ in 0..k {
            v.push(u16::try_from(r.varint()?).ok()?);
        }
        tags.push(v);
    }
    // Optional section 1: the runner-up tag and margin of every word.
    let alts = if r.remaining() > 0 && r.varint()? == 1 {
        let mut alts = Vec::with_capacity(n);
        for t in &tags {
            let mut v = Vec::with_capacity(t.len());
            for _ in 0..t.len() {
                let tag = u16::try_from(r.varint()?).ok()?;
                let margin = f32::from_bits(u32::try_from(r.varint()?).ok()?);
                v.push(Alt { tag, margin });
            }
            alts.push(v);
        }
        Some(alts)
    } else {
        None
    };
    Some((t, tags, alts))
}

/// [`train`] with explicit options.
pub fn train_with(
    train: &Path,
    dev: &Path,
    out_dir: &Path,
    seed: u64,
    opts: &TrainOptions,
) -> Result<TrainReport, Error> {
    let t0 = Instant::now();
    let mut log = Vec::new();
    let say = |log: &mut Vec<String>, s: String| {
        if opts.verbose {
            eprintln!("[{:7.1}s] {s}", t0.elapsed().as_secs_f64());
        }
        log.push(s);
    };
    let train_s = conllu::read_file(train)?;
    let dev_s = conllu::read_file(dev)?;
    if train_s.is_empty() {
        return Err(Error::Data(format!("{}: no sentences", train.display())));
    }
    let tagset: Vec<(String, String)> = train_s
        .iter()
        .flat_map(|s| s.words.iter().map(|w| joint(&w.upos, &w.xpos)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if tagset.len() > u16::MAX as usize {
        return Err(Error::Data("too many tags".into()));
    }
    let tag_id = |w: &conllu::Word| -> u16 {
        tagset
            .binary_search(&joint(&w.upos, &w.xpos))
            .map_or(0, |i| i as u16)
    };
    let reused = match &opts.reuse_model {
        Some(p) => Some(Parser::load(p)?),
        None => None,
    };
    let clusters = match opts.clusters {
        _ if reused.is_some() => reused
            .as_ref()
            .map(|p| p.clusters.clone())
            .unwrap_or_default(),
        Some(_)
            if opts
                .cluster_cache
                .as_deref()
                .and_then(|p| std::fs::read(p).ok())
                .and_then(|b| Clusters::read(&mut Reader::new(&b)))
                .is_some() =>
        {
            let c = opts
                .cluster_cache
                .as_deref()
                .and_then(|p| std::fs::read(p).ok())
                .and_then(|b| Clusters::read(&mut Reader::new(&b)))
                .unwrap_or_default();
            say(
                &mut log,
                format!("clusters: {} words from the cache", c.len()),
            );
            c
        }
        Some(copts) => {
            let data = opts
                .cluster_data
                .clone()
                .or_else(|| train.parent().and_then(Path::parent).map(Path::to_path_buf));
            let mut sents = data
                .as_deref()
                .map(clusters::news_sentences)
                .unwrap_or_default();
            let news = sents.len();
            sents.extend(train_s.iter().map(|s| {
                s.words
                    .iter()
                    .map(|w| crate::perceptron::hash_str(&w.form.to_lowercase()))
                    .collect::<Vec<u64>>()
            }));
            let words: usize = sents.iter().map(Vec::len).sum();
            let c = Clusters::learn(sents.iter().map(|s| &s[..]), copts);
            if let Some(p) = &opts.cluster_cache {
                let mut b = Vec::new();
                c.write(&mut b);
                std::fs::write(p, b).map_err(|source| Error::Io {
                    path: p.clone(),
                    source,
                })?;
            }
            say(
                &mut log,
                format!(
                    "clusters: {} words clustered from {news} news and {} treebank sentences ({words} words)",
                    c.len(),
                    train_s.len()
                ),
            );
            c
        }
        None => Clusters::default(),
    };
    let use_clusters = !clusters.is_empty();
    let examples: Vec<TagExample> = train_s
        .iter()
        .map(|s| TagExample {
            lex: s
                .words
                .iter()
                .map(|w| Lex::new(&w.form).with_clusters(&clusters))
                .collect(),
            tags: s.words.iter().map(tag_id).collect(),
        })
        .collect();
    let train_words: usize = examples.iter().map(|e| e.tags.len()).sum();
    say(
        &mut log,
        format!(
            "train: {} sentences, {train_words} words, {} tags",
            train_s.len(),
            tagset.len()
        ),
    );

    let folds = opts.folds.max(1);
    let want_alts = opts.parser_version >= 5 && use_clusters;
    let cached = opts
        .tag_cache
        .as_deref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| read_tag_cache(&b, examples.len()))
        .filter(|c| c.2.is_some() || !want_alts);
    let from_cache = cached.is_some();
    let (tagger, parser_tags, parser_alts) = if let Some((t, tags, alts)) = cached {
        say(
            &mut log,
            "tagger and jackknifed tags from the cache".to_string(),
        );
        (t, tags, alts.unwrap_or_default())
    } else {
        // Jackknifed tags for parser training, with the fold tagger's
        // runner-up tags.
        let mut parser_tags: Vec<Vec<u16>> = examples.iter().map(|e| e.tags.clone()).collect();
        let mut parser_alts: Vec<Vec<Alt>> = examples
            .iter()
            .map(|e| e.tags.iter().map(|t| Alt::sure(*t)).collect())
            .collect();
        if folds > 1 && examples.len() >= folds {
            for k in 0..folds {
                let rest: Vec<TagExample> = examples
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % folds != k)
                    .map(|(_, e)| TagExample {
                        lex: e.lex.clone(),
                        tags: e.tags.clone(),
                    })
                    .collect();
                let t = tagger::train(
                    &rest,
                    &tagset,
                    opts.tagger_epochs,
                    seed.wrapping_add(k as u64 + 1),
                    None,
                    use_clusters,
                );
                for (i, e) in examples.iter().enumerate() {
                    if i % folds == k {
                        // Fold taggers have one pass: these are the
                        // tags `tag_lex` gives.
                        let (tags, alts) = t.tag_first_alt(&e.lex);
                        parser_tags[i] = tags;
                        parser_alts[i] = alts;
                    }
                }
                say(&mut log, format!("jackknife fold {}/{folds} tagged", k + 1));
            }
        }
        let jackknifed = (folds > 1).then_some(&parser_tags[..]);
        let tagger = tagger::train(
            &examples,
            &tagset,
            opts.tagger_epochs,
            seed,
            jackknifed,
            use_clusters,
        );
        (tagger, parser_tags, parser_alts)
    };
    // Written only when computed: runs that read the cache side by side
    // must not see it half rewritten.
    if let Some(p) = opts.tag_cache.as_ref().filter(|_| !from_cache) {
        let mut b = Vec::new();
        tagger.write(&mut b);
        put_varint(&mut b, parser_tags.len() as u64);
        for t in &parser_tags {
            put_varint(&mut b, t.len() as u64);
            for x in t {
                put_varint(&mut b, u64::from(*x));
            }
        }
        if !parser_alts.is_empty() {
            put_varint(&mut b, 1);
            for a in parser_alts.iter().flatten() {
                put_varint(&mut b, u64::from(a.tag));
                put_varint(&mut b, u64::from(a.margin.to_bits()));
            }
        }
        std::fs::write(p, b).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
    }
    say(&mut log, "tagger trained".to_string());

    let lemmatizer = Lemmatizer::learn(train_s.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
    }));

    let labels: Vec<String> = train_s
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .chain(std::iter::once("root".to_string()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dep_examples: Vec<DepExample> = examples
        .iter()
        .zip(&train_s)
        .zip(&parser_tags)
        .enumerate()
        .map(|(i, ((e, s), tags))| DepExample {
            words: e.lex.clone(),
            tags: tags.clone(),
            alts: if want_alts {
                parser_alts.get(i).cloned().unwrap_or_default()
            } else {
                Vec::new()
            },
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s
                .words
                .iter()
                .map(|w| labels.binary_search(&w.deprel).map_or(0, |i| i as u16))
                .collect(),
        })
        .collect();
    let dopts = DepOptions {
        epochs: opts.parser_epochs,
        explore_from: opts.explore_from,
        explore_p: opts.explore_p,
        prune: 0.0,
        seeds: opts.parser_seeds,
        first_member: opts.first_member,
        version: if use_clusters {
            opts.parser_version
        } else {
            opts.parser_version.min(3)
        },
    };
    let dev_eval: Vec<Sentence> = dev_s
        .iter()
        .take(if opts.verbose { usize::MAX } else { 0 })
        .cloned()
        .collect();
    let mut epoch_lines = Vec::new();
    let upos: Vec<&String> = tagset
        .iter()
        .map(|(u, _)| u)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let coarse: Vec<u16> = tagset
        .iter()
        .map(|(u, _)| upos.binary_search(&u).map_or(0, |i| i as u16))
        .collect();
    let coarse_names: Vec<String> = upos.iter().map(|u| (*u).clone()).collect();
    let mut member_error: Option<Error> = None;
    let dep = if let Some(p) = &reused {
        p.dep.clone()
    } else if !opts.members.is_empty() {
        let mut ms = Vec::new();
        for path in &opts.members {
            let b = std::fs::read(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let m = crate::perceptron::Model::read(&mut Reader::new(&b))
                .ok_or_else(|| Error::Data(format!("{}: not a member model", path.display())))?;
            ms.push(m);
        }
        say(
            &mut log,
            format!("parser: the mean of {} member models", ms.len()),
        );
        depparse::from_members(ms, &labels, &coarse, &coarse_names, dopts.version)
            .ok_or_else(|| Error::Data("member models do not fit the labels".into()))?
    } else {
        depparse::train_members(
            &dep_examples,
            &labels,
            &coarse,
            &coarse_names,
            dopts,
            seed,
            |epoch, p, members| {
                if let Some(dir) = &opts.member_dir {
                    write_members(dir, "member", opts.first_member, epoch, members).unwrap_or_else(
                        |e| {
                            member_error.get_or_insert(e);
                        },
                    );
                }
                let Some(p) = p else { return };
                if dev_eval.is_empty() {
                    return;
                }
                let parser = Parser::from_parts(
                    tagger.clone(),
                    lemmatizer.clone(),
                    p.clone(),
                    clusters.clone(),
                    None,
                    String::new(),
                );
                let g = gold_token_scores(&parser, &dev_eval);
                let line = format!(
                    "parser epoch {}: dev UAS {:.2} LAS {:.2} ({:.0}s)",
                    epoch + 1,
                    g.uas * 100.0,
                    g.las * 100.0,
                    t0.elapsed().as_secs_f64()
                );
                if opts.verbose {
                    eprintln!("{line}");
                }
                epoch_lines.push(line);
            },
            |epoch| opts.member_dir.is_some() && epoch + 1 >= opts.member_from,
        )
        .ok_or_else(|| Error::Data("no `root` label in training data".into()))?
    };
    if let Some(e) = member_error {
        return Err(e);
    }
    log.extend(epoch_lines);
    say(&mut log, "parser trained".to_string());

    let rev = if !opts.reverse_members.is_empty() {
        let ms = read_members(&opts.reverse_members)?;
        say(
            &mut log,
            format!("reversed parser: the mean of {} member models", ms.len()),
        );
        Some(
            depparse::from_members(ms, &labels, &coarse, &coarse_names, dopts.version)
                .ok_or_else(|| Error::Data("member models do not fit the labels".into()))?,
        )
    } else if opts.reverse_seeds > 0 {
        let rev_examples: Vec<DepExample> =
            dep_examples.iter().map(combine::reverse_example).collect();
        let mut member_error: Option<Error> = None;
        let r = depparse::train_members(
            &rev_examples,
            &labels,
            &coarse,
            &coarse_names,
            DepOptions {
                seeds: opts.reverse_seeds,
                ..dopts
            },
            seed ^ REVERSE_SEED,
            |epoch, _, members| {
                let Some(dir) = &opts.member_dir else { return };
                write_members(dir, "rmember", opts.first_member, epoch, members).unwrap_or_else(
                    |e| {
                        member_error.get_or_insert(e);
                    },
                );
                if opts.verbose {
                    eprintln!(
                        "[{:7.1}s] reversed parser epoch {}",
                        t0.elapsed().as_secs_f64(),
                        epoch + 1
                    );
                }
            },
            |epoch| opts.member_dir.is_some() && epoch + 1 >= opts.member_from,
        )
        .ok_or_else(|| Error::Data("no `root` label in training data".into()))?;
        if let Some(e) = member_error {
            return Err(e);
        }
        say(&mut log, "reversed parser trained".to_string());
        Some(r)
    } else {
        None
    };
    let combo = match rev {
        Some(rev) => {
            let c = tune_combo(
                &tagger,
                &lemmatizer,
                &dep,
                rev,
                &clusters,
                &dev_s,
                opts.verbose,
            );
            say(
                &mut log,
                format!(
                    "combination: reversed weight {}, bias {}, mean margins {:.1} / {:.1}",
                    c.weight, c.bias, c.scale[0], c.scale[1]
                ),
            );
            Some(c)
        }
        None => None,
    };

    let mut labeler = (opts.labeler_epochs > 0).then(|| {
        let lex: Vec<LabelExample<'_>> = dep_examples
            .iter()
            .map(|e| LabelExample {
                lex: &e.words,
                tags: &e.tags,
                heads: &e.heads,
                labels: &e.labels,
            })
            .collect();
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        Labeler::train(
            &lex,
            labels.len(),
            root,
            &coarse,
            opts.labeler_epochs,
            seed,
            opts.labeler_version,
        )
    });
    if let Some(lb) = labeler.as_mut() {
        // The weight of the parser's own label scores, tuned on dev.
        let mut best = (f64::NEG_INFINITY, 1.0f32);
        for alpha in [0.0f32, 0.5, 1.0, 2.0, 4.0, f32::INFINITY] {
            let mut p = Parser::from_parts(
                tagger.clone(),
                lemmatizer.clone(),
                dep.clone(),
                clusters.clone(),
                alpha.is_finite().then(|| {
                    let mut l = lb.clone();
                    l.alpha = alpha;
                    l
                }),
                String::new(),
            );
            p.set_combo(combo.clone());
            let g = gold_token_scores(&p, &dev_s);
            say(
                &mut log,
                format!(
                    "labeller alpha {alpha}: dev UAS {:.2} LAS {:.2}",
                    g.uas * 100.0,
                    g.las * 100.0
                ),
            );
            if g.las > best.0 {
                best = (g.las, alpha);
            }
        }
        lb.alpha = best.1;
        lb.sure = opts.labeler_margin;
    }
    if labeler.as_ref().is_some_and(|l| !l.alpha.is_finite()) {
        // The parser's labels alone were best.
        labeler = None;
    }
    say(&mut log, "labeller trained".to_string());

    let mut parser = Parser::from_parts(tagger, lemmatizer, dep, clusters, labeler, String::new());
    parser.set_combo(combo);
    parser.prune(opts.tagger_prune, opts.parser_prune);
    say(&mut log, parser.stats());
    let dev_scores = gold_token_scores(&parser, &dev_s);
    let rev = parser.combo.as_ref().map_or_else(String::new, |c| {
        format!(", right-to-left parser weight {} bias {}", c.weight, c.bias)
    });
    parser.info = format!(
        "trained on {} ({} sentences), seed {seed}, tagger epochs {}, parser epochs {}, folds {}, prune {}/{}{rev}; dev gold-token UPOS {:.2} XPOS {:.2} UAS {:.2} LAS {:.2}",
        train.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
        train_s.len(),
        opts.tagger_epochs,
        opts.parser_epochs,
        folds,
        opts.tagger_prune,
        opts.parser_prune,
        dev_scores.upos * 100.0,
        dev_scores.xpos * 100.0,
        dev_scores.uas * 100.0,
        dev_scores.las * 100.0,
    );
    say(&mut log, parser.info.clone());
    let bytes = parser.to_bytes()?;
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let model_path = out_dir.join(MODEL_FILE);
    std::fs::write(&model_path, &bytes).map_err(|source| Error::Io {
        path: model_path.clone(),
        source,
    })?;
    say(
        &mut log,
        format!("wrote {} ({} bytes)", model_path.display(), bytes.len()),
    );
    Ok(TrainReport {
        train_sentences: train_s.len(),
        train_words,
        dev: dev_scores,
        seconds: t0.elapsed().as_secs_f64(),
        model_path,
        model_bytes: bytes.len(),
        log,
    })
}

/// Seed offset of the right-to-left parser's members.
const REVERSE_SEED: u64 = 0x7265_7665_7273_6564;

/// Write each member model of this epoch to `dir/{prefix}{k}-epoch{e}.bin`
/// (k counted from `first`), stopping at the first write that fails.
fn write_members(
    dir: &Path,
    prefix: &str,
    first: usize,
    epoch: usize,
    members: &[crate::perceptron::Model],
) -> Result<(), Error> {
    for (i, m) in members.iter().enumerate() {
        let path = dir.join(format!("{prefix}{}-epoch{}.bin", first + i, epoch + 1));
        let mut b = Vec::new();
        m.write(&mut b);
        std::fs::write(&path, b).map_err(|source| Error::Io { path, source })?;
    }
    Ok(())
}

fn read_members(paths: &[PathBuf]) -> Result<Vec<crate::perceptron::Model>, Error> {
    let mut ms = Vec::new();
    for path in paths {
        let b = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        ms.push(
            crate::perceptron::Model::read(&mut Reader::new(&b))
                .ok_or_else(|| Error::Data(format!("{}: not a member model", path.display())))?,
        );
    }
    Ok(ms)
}

/// Mean arc margin of the main and the reversed parser on `dev` (tagger's
/// tags), then the vote weights with the best dev LAS (without labeller).
fn tune_combo(
    tagger: &tagger::Tagger,
    lemmatizer: &Lemmatizer,
    dep: &depparse::DepParser,
    rev: depparse::DepParser,
    clusters: &Clusters,
    dev: &[Sentence],
    verbose: bool,
) -> Combo {
    let mut sum = [0f64; 2];
    let mut n = 0usize;
    for s in dev {
        let lex: Vec<Lex> = s
            .words
            .iter()
            .map(|w| Lex::new(&w.form).with_clusters(clusters))
            .collect();
        let tags = tagger.tag_lex(&lex);
        let a = combine::arcs(dep, &lex, &tags, &[], false);
        let b = combine::arcs(&rev, &lex, &tags, &[], true);
        sum[0] += a.margins.iter().map(|&x| f64::from(x)).sum::<f64>();
        sum[1] += b.margins.iter().map(|&x| f64::from(x)).sum::<f64>();
        n += lex.len();
    }
    let scale = sum
        .map(|x| (x / n.max(1) as f64) as f32)
        .map(|x| if x > 0.0 { x } else { 1.0 });
    let mut p = Parser::from_parts(
        tagger.clone(),
        lemmatizer.clone(),
        dep.clone(),
        clusters.clone(),
        None,
        String::new(),
    );
    let mut best = (f64::NEG_INFINITY, 1.0f32, 1.0f32);
    for weight in COMBO_WEIGHTS {
        for bias in COMBO_BIASES {
            p.set_combo(Some(Combo {
                rev: rev.clone(),
                weight,
                bias,
                scale,
            }));
            let g = gold_token_scores(&p, dev);
            if verbose {
                eprintln!(
                    "combination weight {weight} bias {bias}: dev UAS {:.2} LAS {:.2}",
                    g.uas * 100.0,
                    g.las * 100.0
                );
            }
            if g.las > best.0 {
                best = (g.las, weight, bias);
            }
        }
    }
    Combo {
        rev,
        weight: best.1,
        bias: best.2,
        scale,
    }
}

/// The grid of [`tune_combo`].
const COMBO_WEIGHTS: [f32; 5] = [0.7, 0.8, 0.9, 1.0, 1.1];
/// See [`COMBO_WEIGHTS`].
const COMBO_BIASES: [f32; 4] = [0.0, 0.5, 1.0, 2.0];

/// Experiments: train only the final tagger with `topts` (clusters and
/// jackknifed tags from the caches of an earlier run), put it in place of
/// `model`'s tagger and return dev gold-token scores and a line of dev
/// UPOS by kind of word (tag dictionary, seen in train, unseen).
#[allow(clippy::too_many_arguments)]
pub fn tagger_trial(
    train: &Path,
    dev: &Path,
    cluster_cache: &Path,
    tag_cache: &Path,
    model: &Path,
    epochs: usize,
    seed: u64,
    topts: tagger::TagOptions,
) -> Result<(GoldScores, String), Error> {
    let train_s = conllu::read_file(train)?;
    let dev_s = conllu::read_file(dev)?;
    let io = |path: &Path| {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let clusters = Clusters::read(&mut Reader::new(&io(cluster_cache)?))
        .ok_or_else(|| Error::Data("bad cluster cache".into()))?;
    let mut parser = Parser::load(model)?;
    let tagset = parser.tagger.tags.clone();
    let tag_id = |w: &conllu::Word| -> u16 {
        tagset
            .binary_search(&joint(&w.upos, &w.xpos))
            .map_or(0, |i| i as u16)
    };
    let examples: Vec<TagExample> = train_s
        .iter()
        .map(|s| TagExample {
            lex: s
                .words
                .iter()
                .map(|w| Lex::new(&w.form).with_clusters(&clusters))
                .collect(),
            tags: s.words.iter().map(tag_id).collect(),
        })
        .collect();
    let (_, jack, _) = read_tag_cache(&io(tag_cache)?, examples.len())
        .ok_or_else(|| Error::Data("bad tag cache".into()))?;
    parser.tagger = tagger::train_with(&examples, &tagset, epochs, seed, Some(&jack), true, topts);
    Ok((
        gold_token_scores(&parser, &dev_s),
        upos_by_kind(&parser, &examples, &dev_s, &clusters),
    ))
}

/// Dev UPOS of `parser` by kind of word: in the tag dictionary, outside it
/// but seen in training (`examples`), unseen.
fn upos_by_kind(
    parser: &Parser,
    examples: &[TagExample],
    dev_s: &[Sentence],
    clusters: &Clusters,
) -> String {
    let seen: std::collections::HashSet<u64> = examples
        .iter()
        .flat_map(|e| e.lex.iter().map(|l| l.form))
        .collect();
    // (words, right UPOS) per kind.
    let mut kinds = [(0usize, 0usize); 3];
    for s in dev_s {
        let lex: Vec<Lex> = s
            .words
            .iter()
            .map(|w| Lex::new(&w.form).with_clusters(clusters))
            .collect();
        let tags = parser.tagger.tag_lex(&lex);
        for ((w, l), t) in s.words.iter().zip(&lex).zip(&tags) {
            let k = if parser.tagger.in_dict(l.form) {
                0
            } else if seen.contains(&l.form) {
                1
            } else {
                2
            };
            kinds[k].0 += 1;
            let right = parser
                .tagger
                .tags
                .get(*t as usize)
                .is_some_and(|(u, _)| *u == w.upos);
            kinds[k].1 += usize::from(right);
        }
    }
    let pct = |(n, r): (usize, usize)| 100.0 * r as f64 / n.max(1) as f64;
    format!(
        "dev UPOS: tag dictionary {} words {:.2}, seen in train {} words {:.2}, unseen {} words {:.2}",
        kinds[0].0,
        pct(kinds[0]),
        kinds[1].0,
        pct(kinds[1]),
        kinds[2].0,
        pct(kinds[2])
    )
}

/// Experiments: `parser` with its dependency parser replaced by the mean of
/// the member files (feature set `version`), pruned at `prune`; the
/// labeller and the rest are kept.
pub fn with_members(
    mut parser: Parser,
    members: &[PathBuf],
    version: u8,
    prune: i16,
) -> Result<Parser, Error> {
    let ms = read_members(members)?;
    let d = &parser.dep;
    let mut dep = depparse::from_members(ms, &d.labels, d.coarse(), d.coarse_names(), version)
        .ok_or_else(|| Error::Data("member models do not fit the labels".into()))?;
    dep.prune(prune);
    parser.dep = dep;
    Ok(parser)
}

/// Experiments: how many jackknifed tags of a tag cache are wrong, and how
/// many words are unsure (see [`depparse::ALT_MARGINS`]), with how many
/// wrong among them and how many of those have the right runner-up.
pub fn tag_cache_stats(train: &Path, tag_cache: &Path) -> Result<String, Error> {
    let train_s = conllu::read_file(train)?;
    let b = std::fs::read(tag_cache).map_err(|source| Error::Io {
        path: tag_cache.to_path_buf(),
        source,
    })?;
    let (t, tags, alts) =
        read_tag_cache(&b, train_s.len()).ok_or_else(|| Error::Data("bad tag cache".into()))?;
    let alts = alts.ok_or_else(|| Error::Data("no runner-up tags in the cache".into()))?;
    let id = |u: &str, x: &str| t.tags.iter().position(|(a, b)| a == u && b == x);
    let mut c = [[0usize; 3]; 3];
    let (mut n, mut wrong) = (0, 0);
    for ((s, tg), al) in train_s.iter().zip(&tags).zip(&alts) {
        for ((w, g), a) in s.words.iter().zip(tg).zip(al) {
            let gold = id(&w.upos, &w.xpos);
            let ok = gold == Some(*g as usize);
            n += 1;
            wrong += usize::from(!ok);
            let lvl = if a.margin < depparse::ALT_MARGINS[0] {
                2
            } else if a.margin < depparse::ALT_MARGINS[1] {
                1
            } else {
                0
            };
            c[lvl][0] += 1;
            c[lvl][1] += usize::from(!ok);
            c[lvl][2] += usize::from(!ok && gold == Some(a.tag as usize));
        }
    }
    Ok(format!(
        "{n} words, {wrong} wrong; sure {:?}, unsure-1 {:?}, unsure-2 {:?} (words, wrong, runner-up right)",
        c[0], c[1], c[2]
    ))
}
