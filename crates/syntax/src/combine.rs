//! Combining a left-to-right and a right-to-left parser (Sagae & Lavie
//! 2006): each parser's arcs vote with a weight that grows with the
//! margin of the transition that made them, and the maximum spanning tree
//! (Chu-Liu-Edmonds) over the voted arcs, with one root word, is the
//! parse.
//!
//! Owns the reversed parser, the vote weights, the tree search and the
//! choice of label scores for the labeller.

use crate::depparse::{DepExample, DepParser};
use crate::perceptron::{put_varint, Reader};
use crate::tagger::{Alt, Lex};

const NONE: usize = usize::MAX;

/// Sentences longer than this are parsed by the left-to-right parser
/// alone: the tree search keeps a dense (n + 1)² score table.
pub const MAX_WORDS: usize = 200;

/// A margin counts at most this many times the parser's mean margin.
const MARGIN_CAP: f32 = 4.0;

/// The right-to-left parser and how its votes are weighed.
#[derive(Debug, Clone)]
pub struct Combo {
    /// Trained on reversed sentences; same labels and tags as the main one.
    pub rev: DepParser,
    /// Weight of the reversed parser's votes (the main parser's is 1).
    pub weight: f32,
    /// Every vote counts `bias` plus its margin over the parser's mean.
    pub bias: f32,
    /// Mean arc margin (weight units) of the main and the reversed parser.
    pub scale: [f32; 2],
}

/// One parser's arcs: heads, labels, label-score rows and margins.
pub struct Arcs {
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
    pub scores: Vec<f32>,
    pub margins: Vec<f32>,
}

/// Parse with `p`, reading the sentence backwards when `rev`; the result
/// is in the sentence's own order.
pub fn arcs(p: &DepParser, words: &[Lex], tags: &[u16], alts: &[Alt], rev: bool) -> Arcs {
    let n = words.len().min(tags.len());
    let (mut ls, mut ms) = (Vec::new(), Vec::new());
    if !rev {
        let (heads, labels, _) =
            p.parse_arcs(&words[..n], &tags[..n], alts, Some(&mut ls), Some(&mut ms));
        return Arcs {
            heads,
            labels,
            scores: ls,
            margins: ms,
        };
    }
    let w: Vec<Lex> = words[..n].iter().rev().copied().collect();
    let t: Vec<u16> = tags[..n].iter().rev().copied().collect();
    let a: Vec<Alt> = alts.iter().take(n).rev().copied().collect();
    let (h, l, _) = p.parse_arcs(&w, &t, &a, Some(&mut ls), Some(&mut ms));
    let nl = p.labels.len();
    let flip = |x: usize| if x == 0 || x > n { 0 } else { n + 1 - x };
    let mut scores = vec![0f32; ls.len()];
    for i in 0..n {
        let j = n - 1 - i;
        if let (Some(src), Some(dst)) = (
            ls.get(j * nl..(j + 1) * nl),
            scores.get_mut(i * nl..(i + 1) * nl),
        ) {
            dst.copy_from_slice(src);
        }
    }
    Arcs {
        heads: h.iter().rev().map(|&x| flip(x)).collect(),
        labels: l.iter().rev().copied().collect(),
        scores,
        margins: ms.iter().rev().copied().collect(),
    }
}

/// Reverse a training sentence: words, tags, runner-ups, heads and labels.
pub fn reverse_example(e: &DepExample) -> DepExample {
    let n = e.heads.len();
    DepExample {
        words: e.words.iter().rev().copied().collect(),
        tags: e.tags.iter().rev().copied().collect(),
        alts: e.alts.iter().rev().copied().collect(),
        heads: e
            .heads
            .iter()
            .rev()
            .map(|&h| if h == 0 || h > n { 0 } else { n + 1 - h })
            .collect(),
        labels: e.labels.iter().rev().copied().collect(),
    }
}

impl Combo {
    /// Heads and labels of a sentence, with label-score rows for the
    /// labeller in `label_scores` (the proposing parser's row; the mean of
    /// both when they agree).
    pub fn parse(
        &self,
        fwd: &DepParser,
        words: &[Lex],
        tags: &[u16],
        alts: &[Alt],
        label_scores: &mut Vec<f32>,
    ) -> (Vec<usize>, Vec<u16>) {
        let n = words.len().min(tags.len());
        let a = arcs(fwd, words, tags, alts, false);
        if !(2..=MAX_WORDS).contains(&n) {
            *label_scores = a.scores;
            return (a.heads, a.labels);
        }
        let b = arcs(&self.rev, words, tags, alts, true);
        let heads = self.tree(&a, &b, n);
        let nl = fwd.labels.len();
        let mut labels = Vec::with_capacity(n);
        label_scores.clear();
        label_scores.resize(n * nl, 0.0);
        for (d, &h) in heads.iter().enumerate() {
            let rows = [&a, &b].map(|x| {
                (x.heads.get(d) == Some(&h))
                    .then(|| x.scores.get(d * nl..(d + 1) * nl))
                    .flatten()
            });
            let row = &mut label_scores[d * nl..(d + 1) * nl];
            match rows {
                [Some(x), Some(y)] => {
                    for ((r, x), y) in row.iter_mut().zip(x).zip(y) {
                        *r = 0.5 * (x + y);
                    }
                }
                [Some(x), None] | [None, Some(x)] => row.copy_from_slice(x),
                [None, None] => {}
            }
            let label = if a.heads.get(d) == Some(&h) {
                a.labels.get(d)
            } else {
                b.labels.get(d)
            };
            labels.push(label.copied().unwrap_or(0));
        }
        // The labeller works from the label-score rows; start from the
        // best of them (the root label only on the root arc).
        let root = fwd.labels.iter().position(|l| l == "root");
        for (d, &h) in heads.iter().enumerate() {
            if h == 0 {
                labels[d] = root.map_or(labels[d], |r| r as u16);
                continue;
            }
            let row = &label_scores[d * nl..(d + 1) * nl];
            let mut best = (f32::NEG_INFINITY, labels[d]);
            for (l, &x) in row.iter().enumerate() {
                if Some(l) != root && x > best.0 {
                    best = (x, l as u16);
                }
            }
            if row.iter().any(|&x| x != 0.0) {
                labels[d] = best.1;
            }
        }
        (heads, labels)
    }

    /// The vote of one parser's arc to word `d`.
    fn vote(&self, x: &Arcs, d: usize, k: usize) -> f32 {
        let m = x.margins.get(d).copied().unwrap_or(0.0) / self.scale[k].max(1e-6);
        let w = if k == 0 { 1.0 } else { self.weight };
        w * (self.bias + m.min(MARGIN_CAP))
    }

    /// The best tree with one root word over the two parsers' arcs.
    fn tree(&self, a: &Arcs, b: &Arcs, n: usize) -> Vec<usize> {
        // Candidate arcs per word: (head, summed vote).
        let mut cand: Vec<[(usize, f32); 2]> = Vec::with_capacity(n);
        for d in 0..n {
            let (ha, hb) = (a.heads[d], b.heads[d]);
            let (va, vb) = (self.vote(a, d, 0), self.vote(b, d, 1));
            cand.push(if ha == hb {
                [(ha, va + vb), (NONE, 0.0)]
            } else {
                [(ha, va), (hb, vb)]
            });
        }
        let greedy: Vec<usize> = cand
            .iter()
            .map(|c| {
                if c[1].0 != NONE && c[1].1 > c[0].1 {
                    c[1].0
                } else {
                    c[0].0
                }
            })
            .collect();
        if is_tree(&greedy) {
            return greedy;
        }
        // A root arc costs more than all votes together, so the best tree
        // has exactly one (the main parser's tree has one).
        let total: f32 = cand.iter().map(|c| c[0].1.abs() + c[1].1.abs()).sum();
        let penalty = 2.0 * total + 1.0;
        let m = n + 1;
        let mut s = vec![f32::NEG_INFINITY; m * m];
        for (d, c) in cand.iter().enumerate() {
            for &(h, v) in c
                .iter()
                .filter(|(h, _)| *h != NONE && *h <= n && *h != d + 1)
            {
                s[h * m + d + 1] = if h == 0 { v - penalty } else { v };
            }
        }
        let heads = cle(&s, m);
        let out: Vec<usize> = heads[1..]
            .iter()
            .map(|&h| if h == NONE { 0 } else { h })
            .collect();
        if is_tree(&out) {
            out
        } else {
            a.heads.clone()
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        for x in [self.weight, self.bias, self.scale[0], self.scale[1]] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        put_varint(out, 0);
        self.rev.write(out);
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Combo> {
        let mut f = [0f32; 4];
        for x in &mut f {
            *x = f32::from_le_bytes(r.bytes(4)?.try_into().ok()?);
            if !x.is_finite() {
                return None;
            }
        }
        // Reserved for options.
        if r.varint()? != 0 {
            return None;
        }
        let rev = DepParser::read(r)?;
        Some(Combo {
            rev,
            weight: f[0],
            bias: f[1],
            scale: [f[2], f[3]],
        })
    }
}

/// Whether 1-based `heads` (0 = root) form a tree with one root word.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h > n) {
        return false;
    }
    // Every word reaches the root within n steps.
    let mut state = vec![0u8; n + 1]; // 0 unknown, 1 on the path, 2 reaches the root
    state[0] = 2;
    for start in 1..=n {
        let mut path = Vec::new();
        let mut v = start;
        while state[v] == 0 {
            state[v] = 1;
            path.push(v);
            v = heads[v - 1];
        }
        if state[v] == 1 {
            return false;
        }
        for p in path {
            state[p] = 2;
        }
    }
    true
}

/// The first cycle of a head array (node 0 is the root, without a head).
fn find_cycle(head: &[usize]) -> Option<Vec<usize>> {
    let m = head.len();
    let mut seen = vec![0usize; m]; // 0 unvisited, else start + 1 of the walk
    for start in 1..m {
        let mut v = start;
        while v != 0 && v != NONE && seen[v] == 0 {
            seen[v] = start + 1;
            v = head[v];
        }
        if v != 0 && v != NONE && seen[v] == start + 1 {
            let mut cyc = vec![v];
            let mut u = head[v];
            while u != v {
                cyc.push(u);
                u = head[u];
            }
            return Some(cyc);
        }
    }
    None
}

/// Chu-Liu-Edmonds: heads of the maximum spanning arborescence rooted at
/// node 0 of the dense score table `s[h * m + d]` (negative infinity: no
/// arc). Every node must be reachable from 0.
fn cle(s: &[f32], m: usize) -> Vec<usize> {
    let mut head = vec![NONE; m];
    for d in 1..m {
        let mut bv = f32::NEG_INFINITY;
        for h in (0..m).filter(|&h| h != d) {
            if s[h * m + d] > bv {
                bv = s[h * m + d];
                head[d] = h;
            }
        }
    }
    let Some(cyc) = find_cycle(&head) else {
        return head;
    };
    let mut in_c = vec![false; m];
    for &v in &cyc {
        in_c[v] = true;
    }
    // Nodes outside the cycle keep their order (the root stays 0); the
    // cycle becomes the last node.
    let mut id = vec![0usize; m];
    let mut back = Vec::with_capacity(m);
    for v in 0..m {
        if !in_c[v] {
            id[v] = back.len();
            back.push(v);
        }
    }
    let c = back.len();
    let m2 = c + 1;
    for &v in &cyc {
        id[v] = c;
    }
    let mut s2 = vec![f32::NEG_INFINITY; m2 * m2];
    let mut enter = vec![NONE; m2];
    let mut leave = vec![NONE; m2];
    for u in 0..m {
        for v in 1..m {
            let x = s[u * m + v];
            if u == v || x == f32::NEG_INFINITY || (in_c[u] && in_c[v]) {
                continue;
            }
            let (iu, iv) = (id[u], id[v]);
            if in_c[v] {
                let y = x - s[head[v] * m + v];
                if y > s2[iu * m2 + c] {
                    s2[iu * m2 + c] = y;
                    enter[iu] = v;
                }
            } else if in_c[u] {
                if x > s2[c * m2 + iv] {
                    s2[c * m2 + iv] = x;
                    leave[iv] = u;
                }
            } else {
                s2[iu * m2 + iv] = x;
            }
        }
    }
    let h2 = cle(&s2, m2);
    let mut out = head;
    for v in (0..m).filter(|&v| v != 0 && !in_c[v]) {
        let hv = h2[id[v]];
        out[v] = if hv == c {
            leave[id[v]]
        } else {
            back.get(hv).copied().unwrap_or(NONE)
        };
    }
    if let Some(&hc) = h2.get(c) {
        if let (Some(&v), Some(&u)) = (enter.get(hc), back.get(hc)) {
            if v != NONE {
                out[v] = u;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(m: usize, arcs: &[(usize, usize, f32)]) -> Vec<f32> {
        let mut s = vec![f32::NEG_INFINITY; m * m];
        for &(h, d, x) in arcs {
            s[h * m + d] = x;
        }
        s
    }

    #[test]
    fn cle_breaks_a_cycle_the_best_way() {
        // 1 and 2 prefer each other; entering the cycle at 2 from the root
        // loses least.
        let s = table(
            4,
            &[
                (0, 1, 1.0),
                (0, 2, 4.0),
                (1, 2, 10.0),
                (2, 1, 9.0),
                (2, 3, 5.0),
                (1, 3, 1.0),
            ],
        );
        let h = cle(&s, 4);
        assert_eq!(&h[1..], &[2, 0, 2]);
    }

    #[test]
    fn is_tree_rejects_cycles_and_two_roots() {
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[2, 1, 0]));
        assert!(!is_tree(&[0, 0]));
        assert!(!is_tree(&[]));
    }

    #[test]
    fn reversing_twice_gives_the_example_back() {
        let e = DepExample {
            words: ["a", "b", "c"].iter().map(|w| Lex::new(w)).collect(),
            tags: vec![1, 2, 3],
            alts: Vec::new(),
            heads: vec![3, 0, 2],
            labels: vec![4, 5, 6],
        };
        let r = reverse_example(&e);
        assert_eq!(r.heads, vec![2, 0, 1]);
        assert_eq!(r.tags, vec![3, 2, 1]);
        let back = reverse_example(&r);
        assert_eq!(
            (back.tags, back.heads, back.labels),
            (e.tags, e.heads, e.labels)
        );
    }
}
