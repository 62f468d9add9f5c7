//! Word clusters for the learned cue proposer: which words are used alike.
//!
//! Owns the word → cluster table (`data/attribution/word_clusters.tsv.zst`) and
//! the code that derives it from unlabelled text: a word × context PPMI matrix
//! (±2 words, context counts smoothed by ^0.75), a randomised truncated SVD of
//! it, and spherical k-means of the word vectors at several granularities. A
//! word the lexicon and the model do not list ("lamented", "quipped") shares a
//! cluster with words that are cues ("complained", "joked"), so the cue
//! features ([`crate::learned`]) can generalise to it. It also keeps, per word,
//! a bucket of its similarity to the hand lexicon's one-word cues.
//!
//! It does not choose features or weights (that is [`crate::learned`] and
//! [`crate::cue_features`]) and reads no corpus: the
//! `build_word_clusters` example collects the text and calls [`build`].
//! Everything here is deterministic (fixed seeds, sorted ties).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table compiled into the binary (derived data; see data/attribution/NOTICE).
const BUNDLED: &[u8] = include_bytes!("../../../data/attribution/word_clusters.tsv.zst");

/// Number of cluster columns in the table (coarse to fine).
pub const LEVELS: usize = 3;

/// The clusters of one word: one id per level (coarse to fine) and its
/// similarity bucket to the lexicon's cues (0 = far … 9 = near).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClusters {
    pub ids: [u16; LEVELS],
    pub cue_sim: u8,
}

/// Word → clusters.
#[derive(Debug, Default)]
pub struct ClusterTable {
    words: HashMap<String, WordClusters>,
}

impl ClusterTable {
    /// Parse the table: `word<TAB>id…<TAB>sim` lines; `#` lines are comments.
    /// Malformed lines are an error naming the line.
    pub fn parse(text: &str) -> Result<ClusterTable, crate::Error> {
        let mut words = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |msg: &str| crate::Error::Data {
                file: "word_clusters.tsv",
                line: n + 1,
                msg: msg.to_string(),
            };
            let mut f = line.split('\t');
            let w = f.next().ok_or_else(|| bad("empty line"))?;
            let mut ids = [0u16; LEVELS];
            for id in &mut ids {
                *id = f
                    .next()
                    .and_then(|x| x.parse().ok())
                    .ok_or_else(|| bad("expected a cluster id"))?;
            }
            let cue_sim = f
                .next()
                .and_then(|x| x.parse().ok())
                .ok_or_else(|| bad("expected a similarity bucket"))?;
            words.insert(w.to_string(), WordClusters { ids, cue_sim });
        }
        Ok(ClusterTable { words })
    }

    /// The bundled table, decompressed on first use (empty if it cannot be read,
    /// which the tests rule out).
    pub fn bundled() -> &'static ClusterTable {
        static T: OnceLock<ClusterTable> = OnceLock::new();
        T.get_or_init(|| {
            zstd::decode_all(BUNDLED)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| ClusterTable::parse(&s).ok())
                .unwrap_or_default()
        })
    }

    /// The clusters of a lower-case word, if the table has it.
    pub fn get(&self, word: &str) -> Option<WordClusters> {
        self.words.get(word).copied()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the table has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Settings of [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Words kept (the most frequent, each seen at least `min_count` times).
    pub vocab: usize,
    pub min_count: usize,
    /// Context words (the most frequent).
    pub contexts: usize,
    /// Words on each side.
    pub window: usize,
    /// Dimensions of the word vectors.
    pub dims: usize,
    /// Clusters per level, coarse to fine.
    pub k: [usize; LEVELS],
    /// k-means iterations.
    pub iters: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            vocab: 20_000,
            min_count: 5,
            contexts: 10_000,
            window: 2,
            dims: 100,
            k: [64, 256, 1024],
            iters: 12,
        }
    }
}

/// Deterministic xorshift64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Roughly normal (sum of uniforms).
    fn gauss(&mut self) -> f32 {
        let mut s = 0.0;
        for _ in 0..4 {
            s += (self.next() >> 11) as f32 / (1u64 << 53) as f32;
        }
        (s - 2.0) * 1.732
    }
}

/// Whether a lower-case token is worth a vector (it has a letter).
fn wordlike(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
}

/// Word vectors (rows L2-normalised) of the `vocab` most frequent words of
/// `sentences` (lower-case tokens), by PPMI and randomised SVD.
pub fn vectors(sentences: &[Vec<String>], o: &BuildOptions) -> (Vec<String>, Vec<Vec<f32>>) {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by: Vec<(&str, usize)> = freq.into_iter().collect();
    by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<String> = by
        .iter()
        .filter(|(w, n)| *n >= o.min_count && wordlike(w))
        .take(o.vocab)
        .map(|(w, _)| w.to_string())
        .collect();
    let ctxs: Vec<&str> = by.iter().take(o.contexts).map(|(w, _)| *w).collect();
    let wid: HashMap<&str, u32> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i as u32))
        .collect();
    let cid: HashMap<&str, u32> = ctxs
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i as u32))
        .collect();
    // Co-occurrence counts; the context id says the side (left / right) too.
    let nc = ctxs.len() * 2;
    let mut counts: HashMap<(u32, u32), f32> = HashMap::new();
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&a) = wid.get(w.as_str()) else {
                continue;
            };
            let lo = i.saturating_sub(o.window);
            let hi = (i + o.window + 1).min(s.len());
            for (j, c) in s.iter().enumerate().take(hi).skip(lo) {
                if j == i {
                    continue;
                }
                if let Some(&b) = cid.get(c.as_str()) {
                    let side = u32::from(j > i);
                    *counts.entry((a, b * 2 + side)).or_default() += 1.0;
                }
            }
        }
    }
    // PPMI with context smoothing (^0.75).
    let mut row_sum = vec![0f64; words.len()];
    let mut col_sum = vec![0f64; nc];
    for (&(a, b), &n) in &counts {
        row_sum[a as usize] += f64::from(n);
        col_sum[b as usize] += f64::from(n);
    }
    let col_s: Vec<f64> = col_sum.iter().map(|c| c.powf(0.75)).collect();
    let col_tot: f64 = col_s.iter().sum();
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); words.len()];
    let mut cells: Vec<(&(u32, u32), &f32)> = counts.iter().collect();
    cells.sort_by(|x, y| x.0.cmp(y.0));
    for (&(a, b), &n) in cells {
        // log( P(w,c) / (P(w) P_0.75(c)) ) = log( n * col_tot / (row * col_s) )
        let pmi =
            (f64::from(n) * col_tot / (row_sum[a as usize] * col_s[b as usize]).max(1e-12)).ln();
        if pmi > 0.0 {
            rows[a as usize].push((b, pmi as f32));
        }
    }
    let v = svd_rows(&rows, nc, o.dims);
    (words, v)
}

/// `M * X` for sparse rows `m` (n × c) and dense `x` (c × l, row-major).
fn mul(m: &[Vec<(u32, f32)>], x: &[Vec<f32>], l: usize) -> Vec<Vec<f32>> {
    m.iter()
        .map(|row| {
            let mut out = vec![0f32; l];
            for &(c, v) in row {
                for (o, xv) in out.iter_mut().zip(&x[c as usize]) {
                    *o += v * xv;
                }
            }
            out
        })
        .collect()
}

/// `Mᵀ * Y` for sparse rows `m` (n × c) and dense `y` (n × l).
fn mul_t(m: &[Vec<(u32, f32)>], y: &[Vec<f32>], c: usize, l: usize) -> Vec<Vec<f32>> {
    let mut out = vec![vec![0f32; l]; c];
    for (row, yr) in m.iter().zip(y) {
        for &(ci, v) in row {
            for (o, yv) in out[ci as usize].iter_mut().zip(yr) {
                *o += v * yv;
            }
        }
    }
    out
}

/// Orthonormalise the columns of `y` (n × l) in place (modified Gram-Schmidt).
fn orthonormalise(y: &mut [Vec<f32>], l: usize) {
    for j in 0..l {
        for k in 0..j {
            let d: f64 = y.iter().map(|r| f64::from(r[j]) * f64::from(r[k])).sum();
            for r in y.iter_mut() {
                r[j] -= (d as f32) * r[k];
            }
        }
        let n: f64 = y
            .iter()
            .map(|r| f64::from(r[j]).powi(2))
            .sum::<f64>()
            .sqrt();
        let n = if n > 1e-12 { n as f32 } else { 1.0 };
        for r in y.iter_mut() {
            r[j] /= n;
        }
    }
}

/// Eigenvalues and eigenvectors (columns) of a symmetric matrix, by Jacobi rotations.
#[allow(clippy::needless_range_loop)] // matrix indices read as in the textbook
fn jacobi(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v = vec![vec![0f64; n]; n];
    for (i, r) in v.iter_mut().enumerate() {
        r[i] = 1.0;
    }
    for _sweep in 0..60 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-18 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-15 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for r in v.iter_mut() {
                    let (vp, vq) = (r[p], r[q]);
                    r[p] = c * vp - s * vq;
                    r[q] = s * vp + c * vq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

/// Rows of `U_k Σ_k^½` of the sparse matrix `m` (randomised SVD, two power
/// iterations), each row L2-normalised.
#[allow(clippy::needless_range_loop)] // matrix indices read as in the textbook
fn svd_rows(m: &[Vec<(u32, f32)>], c: usize, k: usize) -> Vec<Vec<f32>> {
    let l = k + 20;
    let mut rng = Rng(0x5eed_c105_7e25_0001);
    let omega: Vec<Vec<f32>> = (0..c)
        .map(|_| (0..l).map(|_| rng.gauss()).collect())
        .collect();
    let mut y = mul(m, &omega, l);
    orthonormalise(&mut y, l);
    for _ in 0..2 {
        let z = mul_t(m, &y, c, l);
        y = mul(m, &z, l);
        orthonormalise(&mut y, l);
    }
    // B = Qᵀ M (l × c); B Bᵀ = Qᵀ M Mᵀ Q.
    let bt = mul_t(m, &y, c, l); // c × l = Bᵀ
    let mut g = vec![vec![0f64; l]; l];
    for r in &bt {
        for i in 0..l {
            for j in i..l {
                g[i][j] += f64::from(r[i]) * f64::from(r[j]);
            }
        }
    }
    for i in 0..l {
        for j in 0..i {
            g[i][j] = g[j][i];
        }
    }
    let (eig, vecs) = jacobi(g);
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&a, &b| eig[b].total_cmp(&eig[a]).then(a.cmp(&b)));
    let top: Vec<usize> = order.into_iter().take(k).collect();
    // U = Q W; weight by σ^½ = eig^¼.
    let scale: Vec<f64> = top.iter().map(|&j| eig[j].max(0.0).powf(0.25)).collect();
    y.iter()
        .map(|q| {
            let mut out: Vec<f32> = top
                .iter()
                .zip(&scale)
                .map(|(&j, s)| {
                    let u: f64 = (0..l).map(|i| f64::from(q[i]) * vecs[i][j]).sum();
                    (u * s) as f32
                })
                .collect();
            normalise(&mut out);
            out
        })
        .collect()
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 1e-12 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Spherical k-means of unit rows `v` into `k` clusters (seeded k-means++
/// start, `iters` rounds); returns each row's cluster.
pub fn kmeans(v: &[Vec<f32>], k: usize, iters: usize, seed: u64) -> Vec<u16> {
    let n = v.len();
    if n == 0 {
        return Vec::new();
    }
    let k = k.min(n);
    let mut rng = Rng(seed | 1);
    let mut cents: Vec<Vec<f32>> = vec![v[(rng.next() % n as u64) as usize].clone()];
    let mut best = vec![f32::INFINITY; n];
    while cents.len() < k {
        let last = cents.last().map_or(&v[0], |c| c);
        let mut tot = 0f64;
        for (b, x) in best.iter_mut().zip(v) {
            let d = (1.0 - dot(x, last)).max(0.0);
            if d < *b {
                *b = d;
            }
            tot += f64::from(*b);
        }
        let mut r = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * tot;
        let mut pick = n - 1;
        for (i, b) in best.iter().enumerate() {
            r -= f64::from(*b);
            if r <= 0.0 {
                pick = i;
                break;
            }
        }
        cents.push(v[pick].clone());
    }
    let mut assign = vec![0u16; n];
    for _ in 0..iters {
        for (a, x) in assign.iter_mut().zip(v) {
            let mut bi = 0;
            let mut bs = f32::NEG_INFINITY;
            for (ci, c) in cents.iter().enumerate() {
                let s = dot(x, c);
                if s > bs {
                    bs = s;
                    bi = ci;
                }
            }
            *a = bi as u16;
        }
        let d = v[0].len();
        let mut sums = vec![vec![0f32; d]; k];
        for (a, x) in assign.iter().zip(v) {
            for (s, y) in sums[*a as usize].iter_mut().zip(x) {
                *s += y;
            }
        }
        for (c, s) in cents.iter_mut().zip(sums) {
            if s.iter().any(|x| *x != 0.0) {
                *c = s;
                normalise(c);
            }
        }
    }
    assign
}

/// The table text: for each word its cluster at each level of `o.k` and its
/// similarity bucket to `cue_words` (mean cosine of its 3 nearest cue words
/// other than itself, in tenths, clamped to 0–9).
pub fn build(sentences: &[Vec<String>], cue_words: &[String], o: &BuildOptions) -> String {
    let (words, v) = vectors(sentences, o);
    let levels: Vec<Vec<u16>> =
        o.k.iter()
            .enumerate()
            .map(|(i, &k)| kmeans(&v, k, o.iters, 0x00c1_0575_0000_0000 + i as u64))
            .collect();
    let index: HashMap<&str, usize> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    let cues: Vec<usize> = cue_words
        .iter()
        .filter_map(|w| index.get(w.as_str()).copied())
        .collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let mut sims: Vec<f32> = cues
            .iter()
            .filter(|&&c| c != i)
            .map(|&c| dot(&v[i], &v[c]))
            .collect();
        sims.sort_by(|a, b| b.total_cmp(a));
        let top = &sims[..sims.len().min(3)];
        let mean = if top.is_empty() {
            0.0
        } else {
            top.iter().sum::<f32>() / top.len() as f32
        };
        let bucket = (mean * 10.0).floor().clamp(0.0, 9.0) as u8;
        out.push_str(w);
        for l in &levels {
            out.push('\t');
            out.push_str(&l[i].to_string());
        }
        out.push('\t');
        out.push_str(&bucket.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_rejects_bad_lines() {
        let t = ClusterTable::parse("# c\nsaid\t1\t2\t3\t9\n").unwrap();
        assert_eq!(
            t.get("said"),
            Some(WordClusters {
                ids: [1, 2, 3],
                cue_sim: 9
            })
        );
        assert_eq!(t.get("house"), None);
        assert!(ClusterTable::parse("said\t1\tx\t3\t9\n").is_err());
        assert!(ClusterTable::parse("said\t1\t2\n").is_err());
    }

    #[test]
    fn bundled_table_has_speech_verbs_near_each_other() {
        let t = ClusterTable::bundled();
        assert!(t.len() > 5_000, "{}", t.len());
        let said = t.get("said").expect("said");
        let told = t.get("told").expect("told");
        let house = t.get("house").expect("house");
        assert_eq!(
            said.ids[1], told.ids[1],
            "said / told share a middle cluster"
        );
        assert_ne!(said.ids[1], house.ids[1]);
        assert!(said.cue_sim > house.cue_sim);
    }

    #[test]
    fn words_used_alike_cluster_together() {
        // Two kinds of sentences: speech verbs before "that", nouns after "the".
        let mut s = Vec::new();
        let verbs = ["said", "claimed", "argued", "insisted"];
        let nouns = ["house", "car", "tree", "road"];
        let names = ["he", "she", "officials", "they"];
        for r in 0..40 {
            let v = verbs[r % 4];
            let n = nouns[(r / 4) % 4];
            let p = names[(r / 16) % 4];
            let line = format!("{p} {v} that the {n} was old");
            s.push(line.split(' ').map(str::to_string).collect::<Vec<_>>());
        }
        let o = BuildOptions {
            vocab: 100,
            min_count: 1,
            contexts: 100,
            window: 2,
            dims: 4,
            k: [2, 3, 4],
            iters: 10,
        };
        let cues = vec!["said".to_string()];
        let text = build(&s, &cues, &o);
        let t = ClusterTable::parse(&text).unwrap();
        let id = |w: &str| t.get(w).unwrap().ids[0];
        assert_eq!(id("claimed"), id("argued"));
        assert_eq!(id("said"), id("insisted"));
        assert_eq!(id("house"), id("tree"));
        assert_ne!(id("said"), id("house"));
        // Deterministic.
        assert_eq!(text, build(&s, &cues, &o));
    }
}
