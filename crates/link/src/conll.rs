//! Coreference scores: MUC, B³, entity-based CEAF (CEAF-e) and the CoNLL F1
//! (their mean), as the CoNLL-2012 reference scorer (v8.01) computes them.
//!
//! Owns only the arithmetic over two clusterings of mentions (key = gold,
//! response = system); it knows nothing of documents, events or the linker.
//! Mentions are any hashable id; a mention in one clustering and not the
//! other is "twinless" and is handled as in Pradhan et al. (2014), "Scoring
//! Coreference Partitions of Predicted Mentions: A Reference Implementation":
//! - MUC: a twinless key mention is a partition of its own when counting the
//!   partitions of a key chain (and symmetrically for precision);
//! - B³: every mention of each side counts in that side's denominator, a
//!   twinless one contributes nothing to the numerator;
//! - CEAF-e: φ4(K, R) = 2|K ∩ R| / (|K| + |R|) over the optimal one-to-one
//!   alignment of key and response chains (Kuhn–Munkres, from `pathfinding`);
//!   recall divides by the number of key chains, precision by the number of
//!   response chains.
//!
//! Singletons count (as in the ECB+ literature, which scores with them). A
//! mention listed twice in one clustering is kept once (the reference scorer
//! drops duplicates too).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Recall, precision and F1 of one metric, as fractions in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

impl Prf {
    fn from_ratios(rn: f64, rd: f64, pn: f64, pd: f64) -> Prf {
        let recall = if rd > 0.0 { rn / rd } else { 0.0 };
        let precision = if pd > 0.0 { pn / pd } else { 0.0 };
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        Prf {
            recall,
            precision,
            f1,
        }
    }
}

/// The three metrics and the CoNLL F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
    /// Mean of the MUC, B³ and CEAF-e F1s.
    pub conll_f1: f64,
}

/// Score `response` against `key`.
pub fn score<M: Hash + Eq + Clone>(key: &[Vec<M>], response: &[Vec<M>]) -> Scores {
    let key = dedup(key);
    let response = dedup(response);
    let muc = muc_sets(&key, &response);
    let b3 = b_cubed_sets(&key, &response);
    let ceafe = ceaf_e_sets(&key, &response);
    Scores {
        muc,
        b3,
        ceafe,
        conll_f1: (muc.f1 + b3.f1 + ceafe.f1) / 3.0,
    }
}

/// MUC (Vilain et al. 1995).
pub fn muc<M: Hash + Eq + Clone>(key: &[Vec<M>], response: &[Vec<M>]) -> Prf {
    muc_sets(&dedup(key), &dedup(response))
}

/// B³ (Bagga and Baldwin 1998).
pub fn b_cubed<M: Hash + Eq + Clone>(key: &[Vec<M>], response: &[Vec<M>]) -> Prf {
    b_cubed_sets(&dedup(key), &dedup(response))
}

/// Entity-based CEAF with φ4 (Luo 2005).
pub fn ceaf_e<M: Hash + Eq + Clone>(key: &[Vec<M>], response: &[Vec<M>]) -> Prf {
    ceaf_e_sets(&dedup(key), &dedup(response))
}

/// Chains as vectors of mention indexes, with a mention → chain map; a
/// mention seen earlier (in this or another chain) is dropped; empty chains
/// are dropped.
struct Chains<M> {
    chains: Vec<Vec<M>>,
    of: HashMap<M, usize>,
}

fn dedup<M: Hash + Eq + Clone>(clusters: &[Vec<M>]) -> Chains<M> {
    let mut chains = Vec::new();
    let mut of = HashMap::new();
    for c in clusters {
        let mut kept = Vec::new();
        for m in c {
            if !of.contains_key(m) {
                of.insert(m.clone(), chains.len());
                kept.push(m.clone());
            }
        }
        if !kept.is_empty() {
            chains.push(kept);
        }
    }
    Chains { chains, of }
}

/// Σ over chains of `a` of (|A| − partitions of A by `b`) and Σ (|A| − 1).
fn muc_side<M: Hash + Eq>(a: &Chains<M>, b: &Chains<M>) -> (f64, f64) {
    let mut num = 0usize;
    let mut den = 0usize;
    for chain in &a.chains {
        let mut parts = HashSet::new();
        let mut twinless = 0usize;
        for m in chain {
            match b.of.get(m) {
                Some(&j) => {
                    parts.insert(j);
                }
                None => twinless += 1,
            }
        }
        num += chain.len() - (parts.len() + twinless);
        den += chain.len() - 1;
    }
    (num as f64, den as f64)
}

fn muc_sets<M: Hash + Eq>(key: &Chains<M>, response: &Chains<M>) -> Prf {
    let (rn, rd) = muc_side(key, response);
    let (pn, pd) = muc_side(response, key);
    Prf::from_ratios(rn, rd, pn, pd)
}

/// Overlap counts |A_i ∩ B_j| for the pairs that share a mention.
fn overlaps<M: Hash + Eq>(a: &Chains<M>, b: &Chains<M>) -> HashMap<(usize, usize), usize> {
    let mut n = HashMap::new();
    for (i, chain) in a.chains.iter().enumerate() {
        for m in chain {
            if let Some(&j) = b.of.get(m) {
                *n.entry((i, j)).or_insert(0) += 1;
            }
        }
    }
    n
}

fn b_cubed_sets<M: Hash + Eq>(key: &Chains<M>, response: &Chains<M>) -> Prf {
    let n = overlaps(key, response);
    let mut rn = 0.0;
    let mut pn = 0.0;
    for (&(i, j), &c) in &n {
        let c = c as f64;
        rn += c * c / key.chains[i].len() as f64;
        pn += c * c / response.chains[j].len() as f64;
    }
    let rd: usize = key.chains.iter().map(Vec::len).sum();
    let pd: usize = response.chains.iter().map(Vec::len).sum();
    Prf::from_ratios(rn, rd as f64, pn, pd as f64)
}

/// φ4 weights are scaled to integers for the assignment; the total is then
/// recomputed exactly from the chosen pairs.
const SCALE: f64 = 1e12;

fn ceaf_e_sets<M: Hash + Eq>(key: &Chains<M>, response: &Chains<M>) -> Prf {
    let n = overlaps(key, response);
    let phi = |i: usize, j: usize, c: usize| -> f64 {
        2.0 * c as f64 / (key.chains[i].len() + response.chains[j].len()) as f64
    };
    // Chains that share no mention score 0 whatever the alignment, so the
    // optimal alignment decomposes over the connected components of the
    // key–response overlap graph; solve each one on its own.
    let nk = key.chains.len();
    let mut parent: Vec<usize> = (0..nk + response.chains.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j) in n.keys() {
        let (a, b) = (find(&mut parent, i), find(&mut parent, nk + j));
        if a != b {
            parent[a] = b;
        }
    }
    let mut comps: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for &(i, j) in n.keys() {
        let r = find(&mut parent, i);
        let e = comps.entry(r).or_default();
        e.0.push(i);
        e.1.push(j);
    }
    let mut total = 0.0;
    for (_, (mut ks, mut rs)) in comps {
        ks.sort_unstable();
        ks.dedup();
        rs.sort_unstable();
        rs.dedup();
        let weight = |i: usize, j: usize| -> f64 { n.get(&(i, j)).map_or(0.0, |&c| phi(i, j, c)) };
        if ks.len() == 1 || rs.len() == 1 {
            // A star: the best single pair.
            let best = ks
                .iter()
                .flat_map(|&i| rs.iter().map(move |&j| (i, j)))
                .map(|(i, j)| weight(i, j))
                .fold(0.0, f64::max);
            total += best;
            continue;
        }
        // Rows must not outnumber columns.
        let transpose = ks.len() > rs.len();
        let (rows, cols) = if transpose { (&rs, &ks) } else { (&ks, &rs) };
        let w = |r: usize, c: usize| -> f64 {
            if transpose {
                weight(cols[c], rows[r])
            } else {
                weight(rows[r], cols[c])
            }
        };
        let mut values = Vec::with_capacity(rows.len() * cols.len());
        for r in 0..rows.len() {
            for c in 0..cols.len() {
                values.push((w(r, c) * SCALE).round() as i64);
            }
        }
        let Ok(matrix) = pathfinding::matrix::Matrix::from_vec(rows.len(), cols.len(), values)
        else {
            continue;
        };
        let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&matrix);
        total += assignment
            .iter()
            .enumerate()
            .map(|(r, &c)| w(r, c))
            .sum::<f64>();
    }
    Prf::from_ratios(
        total,
        key.chains.len() as f64,
        total,
        response.chains.len() as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &[&str]) -> Vec<Vec<char>> {
        s.iter().map(|w| w.chars().collect()).collect()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    /// The example of Pradhan et al. (2014), figure 1 / table 2: key
    /// {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} (h, i twinless in
    /// the response, e twinless in the key).
    #[test]
    fn pradhan_2014_example() {
        let key = c(&["abc", "defg"]);
        let resp = c(&["ab", "cd", "fghi"]);
        let s = score(&key, &resp);
        // MUC: recall (1 + 1) / (2 + 3), precision (1 + 0 + 1) / (1 + 1 + 3).
        close(s.muc.recall, 0.4);
        close(s.muc.precision, 0.4);
        close(s.muc.f1, 0.4);
        // B³: recall (4/3 + 1/3 + 1/4 + 4/4) / 7 = 5/12; precision
        // (4/2 + 1/2 + 1/2 + 4/4) / 8 = 1/2.
        close(s.b3.recall, 5.0 / 12.0);
        close(s.b3.precision, 0.5);
        close(s.b3.f1, 5.0 / 11.0);
        // CEAF-e: best alignment {abc}-{ab} (4/5) + {defg}-{fghi} (4/8) = 1.3.
        close(s.ceafe.recall, 0.65);
        close(s.ceafe.precision, 1.3 / 3.0);
        close(s.ceafe.f1, 0.52);
        close(s.conll_f1, (0.4 + 5.0 / 11.0 + 0.52) / 3.0);
    }

    /// Vilain et al. (1995)'s MUC example: key {A,B,C,D}; response {A,B}
    /// {C,D}: recall 2/3, precision 1.
    #[test]
    fn vilain_muc_example() {
        let s = muc(&c(&["ABCD"]), &c(&["AB", "CD"]));
        close(s.recall, 2.0 / 3.0);
        close(s.precision, 1.0);
    }

    #[test]
    fn identical_clusterings_score_one() {
        let key = c(&["abc", "d", "ef"]);
        let s = score(&key, &key);
        // MUC ignores singletons but has links here.
        close(s.muc.f1, 1.0);
        close(s.b3.f1, 1.0);
        close(s.ceafe.f1, 1.0);
        close(s.conll_f1, 1.0);
    }

    #[test]
    fn all_singletons_against_one_chain() {
        let key = c(&["abcd"]);
        let resp = c(&["a", "b", "c", "d"]);
        let s = score(&key, &resp);
        close(s.muc.recall, 0.0);
        close(s.muc.f1, 0.0);
        // B³ recall: 4 × (1/4) / 4; precision 1.
        close(s.b3.recall, 0.25);
        close(s.b3.precision, 1.0);
        // CEAF-e: one pair, φ4 = 2/5; recall 2/5 / 1, precision 2/5 / 4.
        close(s.ceafe.recall, 0.4);
        close(s.ceafe.precision, 0.1);
    }

    #[test]
    fn twinless_response_mentions_only_cost_precision() {
        let key = c(&["ab"]);
        let resp = c(&["abx"]);
        let s = score(&key, &resp);
        close(s.muc.recall, 1.0);
        // Response chain {a,b,x}: partitions {a,b} and twinless {x}: (3-2)/2.
        close(s.muc.precision, 0.5);
        close(s.b3.recall, 1.0);
        close(s.b3.precision, 4.0 / 9.0);
        close(s.ceafe.recall, 0.8);
        close(s.ceafe.precision, 0.8);
    }

    #[test]
    fn ceaf_alignment_is_one_to_one() {
        let key = c(&["abcdef", "gh", "ij"]);
        let resp = c(&["abcg", "defi", "hj"]);
        // φ4: K1R1 6/10, K1R2 6/10, K2R1 2/6, K2R3 2/4, K3R2 2/6, K3R3 2/4.
        // Optimum: K1R1 + K2R3 + K3R2 = 0.6 + 0.5 + 1/3 (or its mirror).
        let s = ceaf_e(&key, &resp);
        close(s.recall, (0.6 + 0.5 + 1.0 / 3.0) / 3.0);
        close(s.precision, (0.6 + 0.5 + 1.0 / 3.0) / 3.0);
    }

    /// All one-to-one alignments of `k` key chains to `r` response chains.
    fn brute_force_ceaf(key: &[Vec<u8>], resp: &[Vec<u8>]) -> f64 {
        fn go(i: usize, used: &mut Vec<bool>, key: &[Vec<u8>], resp: &[Vec<u8>]) -> f64 {
            if i == key.len() {
                return 0.0;
            }
            // Key chain i unaligned.
            let mut best = go(i + 1, used, key, resp);
            for j in 0..resp.len() {
                if used[j] {
                    continue;
                }
                let common = key[i].iter().filter(|m| resp[j].contains(m)).count();
                let phi = 2.0 * common as f64 / (key[i].len() + resp[j].len()) as f64;
                used[j] = true;
                best = best.max(phi + go(i + 1, used, key, resp));
                used[j] = false;
            }
            best
        }
        go(0, &mut vec![false; resp.len()], key, resp)
    }

    /// Random partitions of 9 mentions (a few twinless on each side):
    /// Kuhn–Munkres over components equals brute force.
    #[test]
    fn ceaf_matches_brute_force_on_random_partitions() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let mut key: Vec<Vec<u8>> = vec![Vec::new(); 5];
            let mut resp: Vec<Vec<u8>> = vec![Vec::new(); 5];
            for m in 0..9u8 {
                if next(5) > 0 {
                    key[next(5) as usize].push(m);
                }
                if next(5) > 0 {
                    resp[next(5) as usize].push(m);
                }
            }
            key.retain(|k| !k.is_empty());
            resp.retain(|r| !r.is_empty());
            let want = brute_force_ceaf(&key, &resp);
            let got = ceaf_e(&key, &resp);
            close(got.recall * key.len() as f64, want);
        }
    }

    #[test]
    fn duplicates_and_empty_inputs_are_harmless() {
        let key = c(&["ab", "b"]);
        let resp: Vec<Vec<char>> = vec![vec![], vec!['a', 'b', 'a']];
        let s = score(&key, &resp);
        close(s.conll_f1, 1.0);
        let none: Vec<Vec<char>> = Vec::new();
        let s = score(&none, &none);
        close(s.conll_f1, 0.0);
        let s = score(&key, &none);
        close(s.b3.recall, 0.0);
    }
}
