//! Second-stage arc labeller: relabels every arc of a finished tree with an
//! averaged perceptron that sees the whole tree.
//!
//! The transition parser picks a label when it makes an arc, before the
//! dependent's own right dependents exist (a clause's "that" or "if", a
//! passive auxiliary of the head attached later). This stage labels each
//! arc again from the complete tree: the dependent, its head and
//! grandparent, the dependent's children and its siblings (Johansson &
//! Nugues 2008 and McDonald et al. 2006 label arcs in a second stage).
//!
//! Owns the labeller's feature templates, training on gold trees (with
//! jackknifed tags) and relabelling. It does not change heads, and the word
//! attached to the root always keeps the `root` label.

use crate::perceptron::{argmax, key, Model, Reader, Rng, Trainer};
use crate::tagger::Lex;

/// The trained labeller.
#[derive(Debug, Clone)]
pub struct Labeler {
    model: Model,
    root: usize,
    /// Weight of the parser's own label scores in the final choice.
    pub alpha: f32,
    /// Arcs whose parser label wins by at least this margin (in weight
    /// units) keep it without being scored again: a faster analysis.
    pub sure: f32,
    /// Feature set: 1, or 2 (label sets of the children and siblings,
    /// children's words with the head's class, cluster pairs).
    pub version: u8,
}

/// Feature set of newly trained labellers.
pub const LABELER_FEATURES: u8 = 2;

/// One training tree.
pub struct LabelExample<'a> {
    pub lex: &'a [Lex],
    /// Joint tag ids.
    pub tags: &'a [u16],
    /// Heads, 1-based (0 = root), one per word.
    pub heads: &'a [usize],
    pub labels: &'a [u16],
}

const PAD: u64 = 0x7777_0001;

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=5 => 4,
        6..=9 => 5,
        _ => 6,
    }
}

/// Children of each node (0 = root), in order, in two flat arrays.
struct Kids {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Kids {
    fn of(&self, i: usize) -> &[usize] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

fn children(heads: &[usize]) -> Kids {
    let n = heads.len();
    let mut start = vec![0usize; n + 2];
    for &h in heads {
        if h <= n {
            start[h + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut items = vec![0usize; start[n + 1]];
    for (i, &h) in heads.iter().enumerate() {
        if h <= n {
            items[fill[h]] = i + 1;
            fill[h] += 1;
        }
    }
    Kids { start, items }
}

/// Features of the arc into word `d` (1-based).
#[allow(clippy::too_many_arguments)]
fn features(
    lex: &[Lex],
    tags: &[u16],
    coarse: &[u16],
    heads: &[usize],
    ch: &Kids,
    labs: &[u16],
    d: usize,
    version: u8,
    out: &mut Vec<u64>,
) {
    out.clear();
    // first-stage (parser) labels of the other arcs
    let lab = |i: usize| -> u64 {
        if i == 0 || i > labs.len() {
            PAD
        } else {
            u64::from(labs[i - 1]) + 1
        }
    };
    let n = lex.len();
    let w = |i: usize| -> u64 {
        if i == 0 || i > n {
            PAD
        } else {
            lex[i - 1].lower
        }
    };
    let p = |i: usize| -> u64 {
        if i == 0 {
            PAD
        } else if i > n {
            PAD + 1
        } else {
            u64::from(tags[i - 1]) + 1
        }
    };
    let c = |i: usize| -> u64 {
        if i == 0 || i > n {
            PAD
        } else {
            coarse
                .get(tags[i - 1] as usize)
                .map_or(PAD + 2, |c| u64::from(*c) + 1)
        }
    };
    let f = |i: usize| -> u64 {
        if i == 0 || i > n {
            PAD
        } else {
            lex[i - 1].clu[1]
        }
    };
    let h = heads[d - 1];
    let gh = if h == 0 || h > n { 0 } else { heads[h - 1] };
    let dir = u64::from(d < h);
    let dist = dist_bucket(d.abs_diff(h));
    let (dw, dp, dc, df) = (w(d), p(d), c(d), f(d));
    let (hw, hp, hc, hf) = (w(h), p(h), c(h), f(h));
    let suf = lex[d - 1].suf[2];
    out.push(key(1, &[]));
    out.push(key(2, &[dw]));
    out.push(key(3, &[dp]));
    out.push(key(4, &[dw, dp]));
    out.push(key(5, &[df]));
    out.push(key(6, &[suf, dp]));
    out.push(key(7, &[hw]));
    out.push(key(8, &[hp]));
    out.push(key(9, &[hf]));
    out.push(key(10, &[dp, hp]));
    out.push(key(11, &[dp, hp, dir]));
    out.push(key(12, &[dp, hp, dir, dist]));
    out.push(key(13, &[dw, hp, dir]));
    out.push(key(14, &[dp, hw, dir]));
    out.push(key(15, &[dw, hw]));
    out.push(key(16, &[df, hp, dir]));
    out.push(key(17, &[dp, hf, dir]));
    out.push(key(18, &[dc, hc, dir, dist]));
    out.push(key(19, &[dp, hp, p(gh)]));
    out.push(key(20, &[dc, hc, c(gh), dir]));
    out.push(key(21, &[dp, p(d - 1), p(d + 1)]));
    out.push(key(22, &[dc, hc, u64::from(d == 1), u64::from(d == n)]));
    out.push(key(23, &[dw, p(d + 1)]));
    out.push(key(24, &[dp, w(d - 1)]));
    let kids = ch.of(d);
    out.push(key(25, &[dp, kids.len().min(4) as u64]));
    out.push(key(26, &[dp, hp, lab(h)]));
    out.push(key(27, &[dc, lab(h), dir]));
    // the dependent's children
    let mut cset = 0u64;
    for &k in kids.iter() {
        let side = u64::from(k < d);
        cset |= 1 << (c(k) % 64);
        out.push(key(30, &[dp, p(k), side]));
        out.push(key(31, &[dc, w(k), side]));
        out.push(key(32, &[dc, hc, c(k), side]));
        out.push(key(35, &[dc, lab(k), side]));
    }
    out.push(key(33, &[dc, cset]));
    out.push(key(34, &[dc, hc, cset]));
    // siblings: the head's other children
    let sibs = if h <= n { ch.of(h) } else { &[][..] };
    let mut sset = 0u64;
    for &s in sibs.iter().filter(|&&s| s != d) {
        let side = u64::from(s < d);
        sset |= 1 << (c(s) % 64);
        out.push(key(40, &[dp, p(s), side]));
        out.push(key(41, &[dc, w(s), side]));
        out.push(key(44, &[dc, hc, lab(s), side]));
    }
    out.push(key(42, &[dc, hc, sset]));
    // nearest siblings on each side
    let left = sibs.iter().copied().filter(|&s| s < d).max().unwrap_or(0);
    let right = sibs
        .iter()
        .copied()
        .filter(|&s| s > d)
        .min()
        .unwrap_or(n + 1);
    out.push(key(43, &[dp, hp, p(left), p(right)]));
    if version < 2 {
        return;
    }
    let mut kl = 0u64;
    for &k in kids.iter() {
        kl |= 1 << (lab(k) % 64);
        out.push(key(52, &[dc, hc, w(k)]));
    }
    let mut sl = 0u64;
    for &s in sibs.iter().filter(|&&s| s != d) {
        sl |= 1 << (lab(s) % 64);
    }
    out.push(key(50, &[dc, hc, sl]));
    out.push(key(51, &[dc, kl]));
    out.push(key(53, &[dw, hc, dir, dist]));
    out.push(key(54, &[dc, hw, lab(h)]));
    out.push(key(55, &[df, hf, dir]));
    out.push(key(
        56,
        &[dc, hc, u64::from(left == 0), u64::from(right > n), dir],
    ));
}

impl Labeler {
    /// Relabel every arc of a tree; `labels` is updated in place. With
    /// the parser's label scores (see `DepParser::parse_scored`), the
    /// choice maximises this stage's score plus `alpha` times the parser's.
    pub fn relabel(
        &self,
        lex: &[Lex],
        tags: &[u16],
        coarse: &[u16],
        heads: &[usize],
        parser_scores: Option<&[f32]>,
        labels: &mut [u16],
    ) {
        let n = lex.len().min(tags.len()).min(heads.len()).min(labels.len());
        if n == 0 {
            return;
        }
        let (lex, tags, heads) = (&lex[..n], &tags[..n], &heads[..n]);
        let ch = children(heads);
        let first: Vec<u16> = labels[..n].to_vec();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; self.model.n_classes];
        for d in 1..=n {
            if heads[d - 1] == 0 || heads[d - 1] > n {
                continue;
            }
            let k = scores.len();
            let ps = parser_scores.and_then(|p| p.get((d - 1) * k..d * k));
            if let Some(p) = ps {
                let (mut a, mut b) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
                for (l, &x) in p.iter().enumerate() {
                    if l == self.root {
                        continue;
                    }
                    if x > a {
                        b = a;
                        a = x;
                    } else if x > b {
                        b = x;
                    }
                }
                if a - b >= self.sure {
                    continue;
                }
            }
            features(
                lex,
                tags,
                coarse,
                heads,
                &ch,
                &first,
                d,
                self.version,
                &mut feats,
            );
            self.model.score(&feats, &mut scores);
            for (l, s) in scores.iter_mut().enumerate() {
                *s *= self.model.scale;
                if let Some(p) = ps {
                    *s += self.alpha * p[l];
                }
            }
            if let Some(s) = scores.get_mut(self.root) {
                *s = f32::NEG_INFINITY;
            }
            labels[d - 1] = argmax(&scores) as u16;
        }
    }

    /// Number of labels.
    pub fn n_labels(&self) -> usize {
        self.model.n_classes
    }

    /// Drop weights whose quantised magnitude is below `min_q`.
    pub fn prune(&mut self, min_q: i16) {
        self.model = self.model.pruned(min_q);
    }

    /// (features, weights) of the model.
    pub fn size(&self) -> (usize, usize) {
        (self.model.len(), self.model.n_weights())
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        crate::perceptron::put_varint(out, self.root as u64);
        out.extend_from_slice(&self.alpha.to_le_bytes());
        out.extend_from_slice(&self.sure.to_le_bytes());
        self.model.write(out);
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Labeler> {
        let root = r.varint()? as usize;
        let alpha = f32::from_le_bytes(r.bytes(4)?.try_into().ok()?);
        let sure = f32::from_le_bytes(r.bytes(4)?.try_into().ok()?);
        if !alpha.is_finite() || sure.is_nan() {
            return None;
        }
        let model = Model::read(r)?;
        (root < model.n_classes).then_some(Labeler {
            model,
            root,
            alpha,
            sure,
            version: 1,
        })
    }

    /// Train on gold trees for `epochs` passes.
    pub fn train(
        examples: &[LabelExample<'_>],
        n_labels: usize,
        root: usize,
        coarse: &[u16],
        epochs: usize,
        seed: u64,
        version: u8,
    ) -> Labeler {
        let mut trainer = Trainer::new(n_labels.max(1));
        let mut rng = Rng::new(seed ^ 0x1abe1);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; n_labels.max(1)];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &ei in &order {
                let ex = &examples[ei];
                let n = ex.lex.len();
                if n == 0 || ex.tags.len() != n || ex.heads.len() != n || ex.labels.len() != n {
                    continue;
                }
                if ex.heads.iter().any(|&h| h > n) {
                    continue;
                }
                let ch = children(ex.heads);
                for d in 1..=n {
                    if ex.heads[d - 1] == 0 {
                        continue;
                    }
                    features(
                        ex.lex, ex.tags, coarse, ex.heads, &ch, ex.labels, d, version, &mut feats,
                    );
                    trainer.score(&feats, &mut scores);
                    if let Some(s) = scores.get_mut(root) {
                        *s = f32::NEG_INFINITY;
                    }
                    let guess = argmax(&scores);
                    trainer.update(&feats, ex.labels[d - 1] as usize, guess);
                    trainer.tick();
                }
            }
        }
        Labeler {
            model: trainer.average(0.0),
            root,
            alpha: 1.0,
            sure: f32::INFINITY,
            version,
        }
    }
}
