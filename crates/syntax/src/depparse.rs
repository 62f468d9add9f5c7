//! Labelled transition-based dependency parser: arc-eager with a single-root
//! constraint, an averaged perceptron over Zhang & Nivre (2011) style
//! feature templates, and Goldberg & Nivre's (2012) dynamic oracle with
//! exploration for training.
//!
//! Owns the parser state, transitions, features, training and decoding.
//! Input is word values from [`crate::tagger::Lex`] and joint tag ids from
//! the tagger (feature set 5: also its runner-up tags of unsure words);
//! output is a head and a label id per word, always a tree.

use crate::perceptron::{hash_str, key, put_str, put_varint, Model, Reader, Rng, Sums, Trainer};
use crate::tagger::{Alt, Lex};

const NONE: usize = usize::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

#[inline]
fn left(l: usize) -> usize {
    2 + 2 * l
}
#[inline]
fn right(l: usize) -> usize {
    3 + 2 * l
}

/// Parser state. Node 0 is the artificial root; words are 1..=n.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<u16>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    root_child: bool,
    /// No arcs from the root node: the root word is chosen at the end among
    /// the words left without a head (version 3; Ballesteros & Nivre 2013
    /// find that attaching the root early hurts arc-eager parsers).
    root_last: bool,
}

impl State {
    fn new(n: usize, root_last: bool) -> State {
        let m = n + 1;
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; m],
            labels: vec![0; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            root_child: false,
            root_last,
        }
    }

    fn terminal(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.heads[d] = h;
        self.labels[d] = l as u16;
        let bit = 1u64 << (l % 64);
        if d < h {
            if self.lc1[h] == NONE || d < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d;
            } else if self.lc2[h] == NONE || d < self.lc2[h] {
                self.lc2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if self.rc1[h] == NONE || d > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d;
            } else if self.rc2[h] == NONE || d > self.rc2[h] {
                self.rc2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
        if h == 0 {
            self.root_child = true;
        }
    }

    /// Valid unlabelled moves: [shift, reduce, left, right].
    fn valid(&self) -> [bool; 4] {
        let s0 = self.s0();
        let has_b = self.b <= self.n;
        [
            has_b,
            s0 != 0 && self.heads[s0] != NONE,
            has_b && s0 != 0 && self.heads[s0] == NONE,
            has_b && (s0 != 0 || !(self.root_child || self.root_last)),
        ]
    }

    fn apply(&mut self, t: usize) {
        match t {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            _ => {
                let l = (t - 2) / 2;
                let s0 = self.s0();
                if t.is_multiple_of(2) {
                    self.add_arc(self.b, s0, l);
                    self.stack.pop();
                } else {
                    self.add_arc(s0, self.b, l);
                    self.stack.push(self.b);
                    self.b += 1;
                }
            }
        }
    }

    /// Dynamic-oracle costs of the four unlabelled moves (`u32::MAX` when
    /// invalid), and the gold label a left/right arc must carry to be free.
    fn costs(&self, gh: &[usize]) -> [u32; 4] {
        let v = self.valid();
        let s0 = self.s0();
        let b = self.b;
        let n = self.n;
        let mut c = [u32::MAX; 4];
        if v[SHIFT] {
            let mut k = 0;
            for &s in &self.stack {
                if gh[b] == s {
                    k += 1;
                }
                if self.heads[s] == NONE && s != 0 && gh[s] == b {
                    k += 1;
                }
            }
            c[0] = k;
        }
        if v[REDUCE] {
            c[1] = (b..=n).filter(|&k| gh[k] == s0).count() as u32;
        }
        if v[2] {
            let mut k = gh[b..=n].iter().filter(|&&h| h == s0).count() as u32;
            if gh[s0] != b && gh[s0] != NONE && gh[s0] > b {
                k += 1;
            }
            c[2] = k;
        }
        if v[3] {
            let mut k = 0;
            if gh[b] != s0 {
                // b's gold head is elsewhere: in the stack or later in the buffer.
                if self.stack.contains(&gh[b]) || gh[b] > b {
                    k += 1;
                }
            }
            for &s in &self.stack {
                if s != 0 && self.heads[s] == NONE && gh[s] == b {
                    k += 1;
                }
            }
            c[3] = k;
        }
        c
    }
}

/// The trained parser.
#[derive(Debug, Clone)]
pub struct DepParser {
    /// Dependency labels; `root` is one of them.
    pub labels: Vec<String>,
    root: usize,
    fallback: usize,
    /// Coarse tag (UPOS) id of each joint tag id.
    coarse: Vec<u16>,
    /// Feature set: 1 (the first models), 2 (more templates) or 3 (version 2
    /// templates, root chosen last); see [`FEATURES`].
    version: u8,
    /// Coarse tag names (version 2), for the punctuation and verb counts.
    coarse_names: Vec<String>,
    /// The ids of those classes, from `coarse_names`.
    classes: Classes,
    model: Model,
}

/// Feature set of newly trained models. Version 1 models (no version field
/// in the file) keep their own feature set, so older model files still load
/// and parse as they did. Version 4 adds word-cluster templates, version 5
/// the tagger's runner-up tag of words it is unsure of ([`ALT_MARGINS`]).
pub const FEATURES: u8 = 5;

/// A word whose tag wins by less than `ALT_MARGINS[k]` (weight units of
/// the tagger) is unsure at level `2 - k` (version 5): the parser sees its
/// runner-up tag too, and learns when to distrust the tagger.
pub const ALT_MARGINS: [f32; 2] = [4.0, 16.0];

/// Unsureness level of a tagger margin: 0 (sure), 1 or 2.
fn unsure(a: &Alt) -> u64 {
    if a.margin < ALT_MARGINS[0] {
        2
    } else if a.margin < ALT_MARGINS[1] {
        1
    } else {
        0
    }
}

/// What the parser needs of each word.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub word: u64,
    pub suf: u64,
    pub tag: u64,
    pub coarse: u64,
    /// Punctuation words before this node (prefix count; version 2).
    pub punct_before: u32,
    /// Verbs before this node (prefix count; version 2).
    pub verb_before: u32,
    /// Coarse and fine word cluster (version 4; 0 = none).
    pub clu: [u64; 2],
    /// The tagger's runner-up tag (as in `tag`) of an unsure word, with
    /// its level in the top bits; 0 for sure words (version 5).
    pub alt: u64,
}

/// Coarse ids (as used in [`Node::coarse`]) of punctuation and verbs.
#[derive(Debug, Clone, Copy)]
struct Classes {
    punct: u64,
    verb: u64,
    aux: u64,
}

impl Classes {
    fn new(names: &[String]) -> Classes {
        let id = |n: &str| {
            names
                .iter()
                .position(|x| x == n)
                .map_or(u64::MAX, |i| i as u64 + 1)
        };
        Classes {
            punct: id("PUNCT"),
            verb: id("VERB"),
            aux: id("AUX"),
        }
    }
}

fn nodes_for(words: &[Lex], tags: &[u16], alts: &[Alt], coarse: &[u16], cl: Classes) -> Vec<Node> {
    let mut v = Vec::with_capacity(words.len() + 1);
    v.push(Node {
        word: hash_str("<ROOT>"),
        suf: 7,
        tag: coarse.len() as u64 + 2,
        coarse: 999,
        punct_before: 0,
        verb_before: 0,
        clu: [997, 997],
        alt: 0,
    });
    let (mut np, mut nv) = (0u32, 0u32);
    for (i, (w, t)) in words.iter().zip(tags).enumerate() {
        let alt = alts.get(i).map_or(0, |a| match unsure(a) {
            0 => 0,
            k => u64::from(a.tag) + 1 + (k << 32),
        });
        let c = coarse.get(*t as usize).map_or(998, |c| u64::from(*c) + 1);
        v.push(Node {
            word: w.lower,
            suf: w.suf[2],
            tag: u64::from(*t) + 1,
            coarse: c,
            punct_before: np,
            verb_before: nv,
            clu: w.clu,
            alt,
        });
        np += u32::from(c == cl.punct);
        nv += u32::from(c == cl.verb || c == cl.aux);
    }
    v
}

const NW: u64 = 0x0bad_f00d;

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Zhang & Nivre (2011) feature templates plus a few s1 features; version 2
/// adds suffixes, counts of punctuation and verbs between s0 and n0, s1's
/// children and a few label and lexical combinations.
/// `scratch` is a work vector (its contents are replaced).
fn features(st: &State, nodes: &[Node], version: u8, out: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    split_features(st, nodes, version, out, scratch, false);
    out.append(scratch);
}

/// [`features`] in two parts: those of the buffer's words alone (`n0`,
/// `n1`, `n2` and the bias), which stay the same until the buffer moves,
/// in `buffer` (left as it is when `keep_buffer`), and the others in `out`.
fn split_features(
    st: &State,
    nodes: &[Node],
    version: u8,
    out: &mut Vec<u64>,
    buffer: &mut Vec<u64>,
    keep_buffer: bool,
) {
    out.clear();
    if !keep_buffer {
        buffer.clear();
    }
    let at = |i: usize| -> (u64, u64) {
        if i == NONE || i >= nodes.len() {
            (NW, 0)
        } else {
            (nodes[i].word, nodes[i].tag)
        }
    };
    let co = |i: usize| -> u64 {
        if i == NONE || i >= nodes.len() {
            0
        } else {
            nodes[i].coarse
        }
    };
    let lab = |i: usize| -> u64 {
        if i == NONE || i >= nodes.len() || st.heads[i] == NONE {
            0
        } else {
            u64::from(st.labels[i]) + 1
        }
    };
    let opt = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };
    let has_s0 = !st.stack.is_empty();
    let s0 = if has_s0 { st.s0() } else { NONE };
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n0 = if st.b <= st.n { st.b } else { NONE };
    let n1 = if st.b < st.n { st.b + 1 } else { NONE };
    let n2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
    let s0h = opt(&st.heads, s0);
    let s0h2 = opt(&st.heads, s0h);
    let s0l = opt(&st.lc1, s0);
    let s0l2 = opt(&st.lc2, s0);
    let s0r = opt(&st.rc1, s0);
    let s0r2 = opt(&st.rc2, s0);
    let n0l = opt(&st.lc1, n0);
    let n0l2 = opt(&st.lc2, n0);

    let (s0w, s0p) = at(s0);
    let (n0w, n0p) = at(n0);
    let (n1w, n1p) = at(n1);
    let (n2w, n2p) = at(n2);
    let (s1w, s1p) = at(s1);
    let (s0hw, s0hp) = at(s0h);
    let (s0h2w, s0h2p) = at(s0h2);
    let (s0lw, s0lp) = at(s0l);
    let (s0l2w, s0l2p) = at(s0l2);
    let (s0rw, s0rp) = at(s0r);
    let (s0r2w, s0r2p) = at(s0r2);
    let (n0lw, n0lp) = at(n0l);
    let (n0l2w, n0l2p) = at(n0l2);
    let d = if s0 != NONE && n0 != NONE {
        dist_bucket(n0 - s0)
    } else {
        9
    };
    let val = |v: &Vec<u8>, i: usize| if i == NONE { 99 } else { u64::from(v[i]) };
    let set = |v: &Vec<u64>, i: usize| if i == NONE { 1 << 63 } else { v[i] };
    let s0vl = val(&st.nl, s0);
    let s0vr = val(&st.nr, s0);
    let n0vl = val(&st.nl, n0);
    let s0sl = set(&st.lset, s0);
    let s0sr = set(&st.rset, s0);
    let n0sl = set(&st.lset, n0);

    // Template numbers run over both lists in one order, as in training.
    let t = std::cell::Cell::new(0u64);
    let mut fb = |vs: &[u64]| {
        t.set(t.get() + 1);
        if !keep_buffer {
            buffer.push(key(t.get(), vs));
        }
    };
    let mut f = |vs: &[u64]| {
        t.set(t.get() + 1);
        out.push(key(t.get(), vs));
    };
    fb(&[]);
    // single words
    f(&[s0w]);
    f(&[s0p]);
    f(&[s0w, s0p]);
    fb(&[n0w]);
    fb(&[n0p]);
    fb(&[n0w, n0p]);
    fb(&[n1w]);
    fb(&[n1p]);
    fb(&[n1w, n1p]);
    fb(&[n2w]);
    fb(&[n2p]);
    fb(&[n2w, n2p]);
    // pairs
    f(&[s0w, s0p, n0w, n0p]);
    f(&[s0w, s0p, n0w]);
    f(&[s0w, n0w, n0p]);
    f(&[s0w, s0p, n0p]);
    f(&[s0p, n0w, n0p]);
    f(&[s0w, n0w]);
    f(&[s0p, n0p]);
    fb(&[n0p, n1p]);
    // triples
    fb(&[n0p, n1p, n2p]);
    f(&[s0p, n0p, n1p]);
    f(&[s0hp, s0p, n0p]);
    f(&[s0p, s0lp, n0p]);
    f(&[s0p, s0rp, n0p]);
    f(&[s0p, n0p, n0lp]);
    // distance
    f(&[s0w, d]);
    f(&[s0p, d]);
    f(&[n0w, d]);
    f(&[n0p, d]);
    f(&[s0w, n0w, d]);
    f(&[s0p, n0p, d]);
    // valency
    f(&[s0w, s0vr]);
    f(&[s0p, s0vr]);
    f(&[s0w, s0vl]);
    f(&[s0p, s0vl]);
    f(&[n0w, n0vl]);
    f(&[n0p, n0vl]);
    // unigrams of structure
    f(&[s0hw]);
    f(&[s0hp]);
    f(&[lab(s0)]);
    f(&[s0lw]);
    f(&[s0lp]);
    f(&[lab(s0l)]);
    f(&[s0rw]);
    f(&[s0rp]);
    f(&[lab(s0r)]);
    f(&[n0lw]);
    f(&[n0lp]);
    f(&[lab(n0l)]);
    // third order
    f(&[s0h2w]);
    f(&[s0h2p]);
    f(&[lab(s0h)]);
    f(&[s0l2w]);
    f(&[s0l2p]);
    f(&[lab(s0l2)]);
    f(&[s0r2w]);
    f(&[s0r2p]);
    f(&[lab(s0r2)]);
    f(&[n0l2w]);
    f(&[n0l2p]);
    f(&[lab(n0l2)]);
    f(&[s0p, s0lp, s0l2p]);
    f(&[s0p, s0rp, s0r2p]);
    f(&[s0p, s0hp, s0h2p]);
    f(&[n0p, n0lp, n0l2p]);
    // label sets
    f(&[s0w, s0sr]);
    f(&[s0p, s0sr]);
    f(&[s0w, s0sl]);
    f(&[s0p, s0sl]);
    f(&[n0w, n0sl]);
    f(&[n0p, n0sl]);
    // second stack item
    f(&[s1w]);
    f(&[s1p]);
    f(&[s1p, s0p, n0p]);
    f(&[s1w, s0w]);
    f(&[s1p, s0p]);
    f(&[lab(s1)]);
    f(&[u64::from(st.root_child), s0p, n0p]);
    // coarse tags and more lexical pairs
    let s2 = if st.stack.len() >= 3 {
        st.stack[st.stack.len() - 3]
    } else {
        NONE
    };
    let (s0c, n0c, n1c, s1c) = (co(s0), co(n0), co(n1), co(s1));
    f(&[s0c, n0c]);
    f(&[s0c, n0c, n1c]);
    f(&[s1c, s0c, n0c]);
    f(&[s0w, n0c]);
    f(&[s0c, n0w]);
    f(&[s0c, co(s0l), co(s0r), n0c]);
    f(&[s0c, n0c, co(n0l)]);
    f(&[s0c, n0c, d]);
    fb(&[n0w, n1w]);
    fb(&[n0w, n0p, n1p]);
    f(&[s0w, n1w]);
    f(&[at(s2).1, s1p, s0p]);
    f(&[co(s0h), s0c, n0c]);
    f(&[s0c, n0c, lab(s0), lab(s0l)]);
    if version < 2 {
        return;
    }
    let suf = |i: usize| -> u64 {
        if i == NONE || i >= nodes.len() {
            0
        } else {
            nodes[i].suf
        }
    };
    let bucket = |k: u32| u64::from(k.min(3));
    let (pb, vb) = if s0 != NONE && n0 != NONE && n0 < nodes.len() && s0 < n0 {
        // words strictly between s0 and n0 (s0 + 1 <= n0)
        let a = &nodes[s0 + 1];
        let b = &nodes[n0];
        let p = b.punct_before.saturating_sub(a.punct_before);
        let v = b.verb_before.saturating_sub(a.verb_before);
        (bucket(p), bucket(v))
    } else {
        (9, 9)
    };
    f(&[s0c, n0c, pb]);
    f(&[s0p, n0p, pb, vb]);
    f(&[s0w, n0c, pb]);
    f(&[s0c, n0w, pb]);
    f(&[s0c, n0c, vb]);
    f(&[suf(s0), s0p]);
    fb(&[suf(n0), n0p]);
    fb(&[suf(n1), n1p]);
    f(&[suf(s0), suf(n0)]);
    let s1r = opt(&st.rc1, s1);
    let s1h = opt(&st.heads, s1);
    f(&[s1p, at(s1r).1, lab(s1r), s0p]);
    f(&[s1p, at(s1h).1, s0p]);
    f(&[s0w, lab(s0)]);
    f(&[s0p, lab(s0), n0p]);
    f(&[s0hw, n0w]);
    f(&[s0hp, s0p, n0w]);
    f(&[n0p, u64::from(n0 == st.n), s0c]);
    f(&[s0w, s0p, n0p, n1p]);
    f(&[s0p, n0w, n1p]);
    f(&[s0c, n0c, lab(s0r), co(s0r)]);
    if version < 4 {
        return;
    }
    // word clusters (Koo et al. 2008): fine (1) and coarse (0) classes in
    // place of words.
    let cl = |i: usize, k: usize| -> u64 {
        if i == NONE || i >= nodes.len() {
            0
        } else {
            nodes[i].clu[k]
        }
    };
    let (s0f, n0f, n1f, s1f) = (cl(s0, 1), cl(n0, 1), cl(n1, 1), cl(s1, 1));
    let (s0k, n0k, n1k) = (cl(s0, 0), cl(n0, 0), cl(n1, 0));
    f(&[s0f]);
    fb(&[n0f]);
    fb(&[n1f]);
    f(&[s1f]);
    f(&[s0f, n0f]);
    f(&[s0f, n0p]);
    f(&[s0p, n0f]);
    f(&[s0k, n0k, n1k]);
    f(&[s0f, n0k, d]);
    f(&[s0k, n0f, d]);
    f(&[cl(s0h, 1), n0f]);
    f(&[s1f, s0k, n0k]);
    f(&[s0f, s0p, lab(s0l), lab(s0r)]);
    f(&[n0f, n0p, lab(n0l)]);
    if version < 5 {
        return;
    }
    // The runner-up tags of unsure words; a template is left out when its
    // words are sure (most words: little cost).
    let alt = |i: usize| -> u64 {
        if i == NONE || i >= nodes.len() {
            0
        } else {
            nodes[i].alt
        }
    };
    let (s0a, n0a, n1a, s1a) = (alt(s0), alt(n0), alt(n1), alt(s1));
    if s0a != 0 {
        out.push(key(1001, &[s0p, s0a]));
        out.push(key(1002, &[s0a, s0w]));
        out.push(key(1003, &[s0a, s0p, n0p]));
        out.push(key(1004, &[s0a, co(s0h), lab(s0)]));
    }
    if n0a != 0 {
        out.push(key(1013, &[s0p, n0p, n0a]));
    }
    if !keep_buffer {
        if n0a != 0 {
            buffer.push(key(1011, &[n0p, n0a]));
            buffer.push(key(1012, &[n0a, n0w]));
            buffer.push(key(1014, &[n0a, n0p, n1p]));
        }
        if n1a != 0 {
            buffer.push(key(1021, &[n1p, n1a]));
            buffer.push(key(1022, &[n0p, n1p, n1a]));
        }
    }
    if s1a != 0 {
        out.push(key(1031, &[s1p, s1a]));
        out.push(key(1032, &[s1p, s1a, s0p]));
    }
}

/// Best valid labelled transition by score.
fn best(scores: &[f32], valid: [bool; 4], st: &State, root: usize, n_labels: usize) -> usize {
    let mut best = NONE;
    let mut bv = f32::NEG_INFINITY;
    for_each_valid(valid, st, root, n_labels, |t| {
        if let Some(&s) = scores.get(t) {
            if best == NONE || s > bv {
                bv = s;
                best = t;
            }
        }
    });
    best
}

/// Call `f` with every valid transition: shift, reduce, then the left and
/// right arcs label by label (the root label only on a right arc from the
/// root, and only there).
#[inline]
fn for_each_valid(
    valid: [bool; 4],
    st: &State,
    root: usize,
    n_labels: usize,
    mut f: impl FnMut(usize),
) {
    if valid[0] {
        f(SHIFT);
    }
    if valid[1] {
        f(REDUCE);
    }
    let s0 = st.s0();
    for l in 0..n_labels {
        if valid[2] && l != root {
            f(left(l));
        }
        if valid[3] && ((s0 == 0) == (l == root)) {
            f(right(l));
        }
    }
}

/// Best score of a valid transition of another kind than `t` (shift,
/// reduce, left arc or right arc, whatever the label); `t`'s own score
/// (a margin of 0) when none.
fn rival(
    scores: &[f32],
    valid: [bool; 4],
    st: &State,
    root: usize,
    n_labels: usize,
    t: usize,
) -> f32 {
    let kind = |x: usize| x.min(2 + x % 2);
    let mut bv = f32::NEG_INFINITY;
    for_each_valid(valid, st, root, n_labels, |x| {
        if kind(x) != kind(t) {
            if let Some(&s) = scores.get(x) {
                bv = bv.max(s);
            }
        }
    });
    if bv.is_finite() {
        bv
    } else {
        scores.get(t).copied().unwrap_or(0.0)
    }
}

impl DepParser {
    /// Drop weights whose quantised magnitude is below `min_q`.
    pub fn prune(&mut self, min_q: i16) {
        self.model = self.model.pruned(min_q);
    }

    /// (features, weights) of the model.
    pub fn size(&self) -> (usize, usize) {
        (self.model.len(), self.model.n_weights())
    }

    /// Whether the parser reads the tagger's runner-up tags (version 5).
    pub fn wants_alts(&self) -> bool {
        self.version >= 5
    }

    /// Coarse tag names.
    pub fn coarse_names(&self) -> &[String] {
        &self.coarse_names
    }

    /// Coarse tag (UPOS) id of each joint tag id.
    pub fn coarse(&self) -> &[u16] {
        &self.coarse
    }

    /// Parse one sentence: lexical values and tag ids, both of length n.
    /// Returns 1-based heads (0 = root) and label ids per word.
    pub fn parse(&self, words: &[Lex], tags: &[u16]) -> (Vec<usize>, Vec<u16>) {
        self.parse_scored(words, tags, &[], None)
    }

    /// [`DepParser::parse`], also keeping in `label_scores` (n × labels,
    /// row per word) the scores of each label for the arc that attached
    /// the word, in units of the model's weights (zero rows for words
    /// attached by the final clean-up). `alts` are the tagger's runner-up
    /// tags (version 5 models; empty: every word sure).
    pub fn parse_scored(
        &self,
        words: &[Lex],
        tags: &[u16],
        alts: &[Alt],
        label_scores: Option<&mut Vec<f32>>,
    ) -> (Vec<usize>, Vec<u16>) {
        let (h, l, _) = self.parse_total(words, tags, alts, label_scores);
        (h, l)
    }

    /// [`DepParser::parse_scored`], also returning the sum of the scores
    /// of the transitions taken (weight units).
    pub fn parse_total(
        &self,
        words: &[Lex],
        tags: &[u16],
        alts: &[Alt],
        label_scores: Option<&mut Vec<f32>>,
    ) -> (Vec<usize>, Vec<u16>, f32) {
        self.parse_arcs(words, tags, alts, label_scores, None)
    }

    /// [`DepParser::parse_total`], also keeping in `margins` (one per
    /// word) how far the transition that attached the word beat the best
    /// valid transition of another kind (weight units; 0 for words
    /// attached by the final clean-up): the parser's confidence in the arc.
    pub fn parse_arcs(
        &self,
        words: &[Lex],
        tags: &[u16],
        alts: &[Alt],
        mut label_scores: Option<&mut Vec<f32>>,
        mut margins: Option<&mut Vec<f32>>,
    ) -> (Vec<usize>, Vec<u16>, f32) {
        let n = words.len().min(tags.len());
        if let Some(m) = margins.as_deref_mut() {
            m.clear();
            m.resize(n, 0.0);
        }
        let nl = self.labels.len();
        if let Some(ls) = label_scores.as_deref_mut() {
            ls.clear();
            ls.resize(n * nl, 0.0);
        }
        let cl = self.classes;
        let nodes = nodes_for(&words[..n], &tags[..n], alts, &self.coarse, cl);
        let mut st = State::new(n, self.version >= 3);
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; self.model.n_classes];
        let mut total = 0f32;
        // The buffer's features and their summed weights, kept while the
        // buffer stays (reduce and left arc): about a sixth of the lookups.
        let mut buffer = Vec::with_capacity(32);
        let mut buffer_at = None;
        let mut buffer_sums = Sums::default();
        while !st.terminal() {
            let keep = buffer_at == Some(st.b);
            split_features(&st, &nodes, self.version, &mut feats, &mut buffer, keep);
            if !keep {
                self.model.partial_sums(&buffer, &mut buffer_sums);
                buffer_at = Some(st.b);
            }
            self.model
                .score_with(&buffer_sums, &buffer, &feats, &mut scores);
            let valid = st.valid();
            let t = best(&scores, valid, &st, self.root, self.labels.len());
            if t == NONE {
                break;
            }
            total += scores.get(t).copied().unwrap_or(0.0);
            if let Some(m) = margins.as_deref_mut().filter(|_| t >= 2) {
                let dep = if t.is_multiple_of(2) { st.s0() } else { st.b };
                if let Some(x) = m.get_mut(dep.wrapping_sub(1)) {
                    let other = rival(&scores, valid, &st, self.root, self.labels.len(), t);
                    *x = (scores[t] - other).max(0.0) * self.model.scale;
                }
            }
            if let Some(ls) = label_scores.as_deref_mut() {
                if t >= 2 {
                    let is_left = t.is_multiple_of(2);
                    let dep = if is_left { st.s0() } else { st.b };
                    if (1..=n).contains(&dep) {
                        let row = &mut ls[(dep - 1) * nl..dep * nl];
                        for (l, x) in row.iter_mut().enumerate() {
                            let k = if is_left { left(l) } else { right(l) };
                            *x = scores.get(k).copied().unwrap_or(0.0) * self.model.scale;
                        }
                    }
                }
            }
            st.apply(t);
        }
        let (h, l) = self.finish(&mut st);
        (h, l, total * self.model.scale)
    }

    /// Attach words left without a head so that the result is a tree.
    fn finish(&self, st: &mut State) -> (Vec<usize>, Vec<u16>) {
        let n = st.n;
        let mut root_word = (1..=n).find(|&i| st.heads[i] == 0);
        if root_word.is_none() && st.root_last {
            // The headless word with the most dependents (leftmost on ties).
            let mut best: Option<(usize, usize)> = None;
            for i in (1..=n).filter(|&i| st.heads[i] == NONE) {
                let k = usize::from(st.nl[i]) + usize::from(st.nr[i]);
                if best.is_none_or(|(_, bk)| k > bk) {
                    best = Some((i, k));
                }
            }
            if let Some((r, _)) = best {
                st.heads[r] = 0;
                st.labels[r] = self.root as u16;
                root_word = Some(r);
            }
        }
        for i in 1..=n {
            if st.heads[i] == NONE {
                match root_word {
                    None => {
                        st.heads[i] = 0;
                        st.labels[i] = self.root as u16;
                        root_word = Some(i);
                    }
                    Some(r) => {
                        st.heads[i] = r;
                        st.labels[i] = self.fallback as u16;
                    }
                }
            }
        }
        (st.heads[1..].to_vec(), st.labels[1..].to_vec())
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        if self.version >= 2 {
            // A zero label count never starts a version 1 section.
            put_varint(out, 0);
            put_varint(out, u64::from(self.version));
            put_varint(out, self.coarse_names.len() as u64);
            for c in &self.coarse_names {
                put_str(out, c);
            }
        }
        put_varint(out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(out, l);
        }
        put_varint(out, self.coarse.len() as u64);
        for c in &self.coarse {
            put_varint(out, u64::from(*c));
        }
        self.model.write(out);
    }

    pub fn read(r: &mut Reader<'_>) -> Option<DepParser> {
        let mut n = r.varint()? as usize;
        let mut version = 1u8;
        let mut coarse_names = Vec::new();
        if n == 0 {
            version = u8::try_from(r.varint()?).ok()?;
            if !(2..=FEATURES).contains(&version) {
                return None;
            }
            let k = r.varint()? as usize;
            if k > r.remaining() {
                return None;
            }
            for _ in 0..k {
                coarse_names.push(r.string()?);
            }
            n = r.varint()? as usize;
        }
        if n > r.remaining() || n == 0 {
            return None;
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.string()?);
        }
        let n_tags = r.varint()? as usize;
        if n_tags > r.remaining() {
            return None;
        }
        let mut coarse = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            coarse.push(u16::try_from(r.varint()?).ok()?);
        }
        let model = Model::read(r)?;
        if model.n_classes != 2 + 2 * n {
            return None;
        }
        DepParser::assemble(labels, coarse, version, coarse_names, model)
    }

    fn assemble(
        labels: Vec<String>,
        coarse: Vec<u16>,
        version: u8,
        coarse_names: Vec<String>,
        model: Model,
    ) -> Option<DepParser> {
        let root = labels.iter().position(|l| l == "root")?;
        let punct = labels.iter().position(|l| l == "punct").unwrap_or(root);
        let fallback = labels
            .iter()
            .position(|l| l == "parataxis")
            .or_else(|| labels.iter().position(|l| l == "dep"))
            .unwrap_or(punct);
        Some(DepParser {
            labels,
            root,
            fallback,
            coarse,
            version,
            classes: Classes::new(&coarse_names),
            coarse_names,
            model,
        })
    }
}

/// One training sentence for the parser.
pub struct DepExample {
    /// Lexical values of each word (with clusters for version 4).
    pub words: Vec<Lex>,
    pub tags: Vec<u16>,
    /// The tagger's runner-up tags (empty: every word sure; version 5).
    pub alts: Vec<Alt>,
    /// Gold heads, 0 = root, length n.
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

/// Train options.
#[derive(Debug, Clone, Copy)]
pub struct DepOptions {
    pub epochs: usize,
    /// From this epoch on (0-based), follow the model's own mistakes...
    pub explore_from: usize,
    /// ...with this probability.
    pub explore_p: f64,
    pub prune: f32,
    /// Feature set and root handling (2 or 3, see [`FEATURES`]).
    pub version: u8,
    /// Parsers trained side by side with different seeds (their own
    /// shuffles and explorations) and averaged into one model: an ensemble
    /// whose summed scores cost no more to compute than one parser's.
    pub seeds: usize,
    /// Index of the first member (experiments: members `first..first +
    /// seeds` of a larger ensemble, trained in another process; 0 in the
    /// recipe).
    pub first_member: usize,
}

/// Train the parser.
pub fn train(
    examples: &[DepExample],
    labels: &[String],
    coarse: &[u16],
    coarse_names: &[String],
    opts: DepOptions,
    seed: u64,
    mut on_epoch: impl FnMut(usize, &DepParser),
) -> Option<DepParser> {
    train_members(
        examples,
        labels,
        coarse,
        coarse_names,
        opts,
        seed,
        |epoch, p, _| {
            if let Some(p) = p {
                on_epoch(epoch, p);
            }
        },
        |_| false,
    )
}

/// [`train`], also handing the averaged model of every member to
/// `on_epoch` after each epoch (with the ensemble, `None` after the last
/// epoch) when `members_wanted(epoch)` says so (experiments: the members
/// are kept in files and averaged later, see [`from_members`]).
#[allow(clippy::too_many_arguments)]
pub fn train_members(
    examples: &[DepExample],
    labels: &[String],
    coarse: &[u16],
    coarse_names: &[String],
    opts: DepOptions,
    seed: u64,
    mut on_epoch: impl FnMut(usize, Option<&DepParser>, &[Model]),
    members_wanted: impl Fn(usize) -> bool,
) -> Option<DepParser> {
    let nl = labels.len();
    let root = labels.iter().position(|l| l == "root")?;
    let n_classes = 2 + 2 * nl;
    let k = opts.seeds.max(1);
    let mut trainers: Vec<Trainer> = (0..k).map(|_| Trainer::new(n_classes)).collect();
    // Member i uses seed + i * a large odd constant (member 0: `seed`).
    let first = opts.first_member as u64;
    let mut rngs: Vec<Rng> = (first..first + k as u64)
        .map(|i| Rng::new(seed.wrapping_add(i.wrapping_mul(0x9e37_79b9_7f4a_7c15))))
        .collect();
    let mut orders: Vec<Vec<usize>> = (0..k).map(|_| (0..examples.len()).collect()).collect();
    let cl = Classes::new(coarse_names);
    let version = opts.version.clamp(2, FEATURES);
    let make = |m: Model| {
        DepParser::assemble(
            labels.to_vec(),
            coarse.to_vec(),
            version,
            coarse_names.to_vec(),
            m,
        )
    };
    let averaged = |trainers: &[Trainer], prune: f32| -> Option<Model> {
        if trainers.len() == 1 {
            return Some(trainers[0].average(prune));
        }
        let ms: Vec<Model> = trainers.iter().map(|t| t.average(prune)).collect();
        Model::mean(&ms)
    };
    for epoch in 0..opts.epochs {
        for ((trainer, rng), order) in trainers.iter_mut().zip(&mut rngs).zip(&mut orders) {
            train_epoch(
                trainer, rng, order, examples, coarse, cl, version, root, nl, epoch, &opts,
            );
        }
        let last = epoch + 1 == opts.epochs;
        let members: Vec<Model> = if members_wanted(epoch) {
            trainers.iter().map(|t| t.average(0.0)).collect()
        } else {
            Vec::new()
        };
        if !last {
            if let Some(p) = averaged(&trainers, 0.0).and_then(make) {
                on_epoch(epoch, Some(&p), &members);
            }
        } else if !members.is_empty() {
            on_epoch(epoch, None, &members);
        }
    }
    averaged(&trainers, opts.prune).and_then(make)
}

/// The parser of an ensemble whose members were trained apart (the models
/// handed out by [`train_members`]): the same model [`train`] makes when
/// it trains these members side by side (with `prune` 0).
pub fn from_members(
    members: Vec<Model>,
    labels: &[String],
    coarse: &[u16],
    coarse_names: &[String],
    version: u8,
) -> Option<DepParser> {
    let model = if members.len() == 1 {
        members.into_iter().next()?
    } else {
        Model::mean(&members)?
    };
    if model.n_classes != 2 + 2 * labels.len() {
        return None;
    }
    DepParser::assemble(
        labels.to_vec(),
        coarse.to_vec(),
        version.clamp(2, FEATURES),
        coarse_names.to_vec(),
        model,
    )
}

/// One pass of one ensemble member over the training sentences.
#[allow(clippy::too_many_arguments)]
fn train_epoch(
    trainer: &mut Trainer,
    rng: &mut Rng,
    order: &mut [usize],
    examples: &[DepExample],
    coarse: &[u16],
    cl: Classes,
    version: u8,
    root: usize,
    nl: usize,
    epoch: usize,
    opts: &DepOptions,
) {
    let n_classes = 2 + 2 * nl;
    let mut feats = Vec::with_capacity(128);
    let mut scratch = Vec::with_capacity(32);
    let mut scores = vec![0f32; n_classes];
    rng.shuffle(order);
    for &ei in order.iter() {
        let ex = &examples[ei];
        let n = ex.words.len();
        if n == 0 || ex.heads.len() != n || ex.tags.len() != n {
            continue;
        }
        let nodes = nodes_for(&ex.words, &ex.tags, &ex.alts, coarse, cl);
        let mut gh = vec![0usize; n + 1];
        gh[0] = NONE;
        gh[1..].copy_from_slice(&ex.heads);
        if version >= 3 {
            // The root arc is made last, by `finish`: to the costs the
            // root is a node after the end of the buffer.
            for h in gh.iter_mut().skip(1) {
                if *h == 0 {
                    *h = n + 1;
                }
            }
        }
        let mut gl = vec![0usize; n + 1];
        for (i, l) in ex.labels.iter().enumerate() {
            gl[i + 1] = *l as usize;
        }
        let mut st = State::new(n, version >= 3);
        while !st.terminal() {
            features(&st, &nodes, version, &mut feats, &mut scratch);
            trainer.score(&feats, &mut scores);
            let valid = st.valid();
            let pred = best(&scores, valid, &st, root, nl);
            if pred == NONE {
                break;
            }
            let c = st.costs(&gh);
            let s0 = st.s0();
            let b = st.b;
            // labelled cost of a transition
            let cost = |t: usize| -> u32 {
                match t {
                    SHIFT => c[0],
                    REDUCE => c[1],
                    _ => {
                        let l = (t - 2) / 2;
                        if t.is_multiple_of(2) {
                            c[2].saturating_add(u32::from(gh[s0] == b && gl[s0] != l))
                        } else {
                            c[3].saturating_add(u32::from(gh[b] == s0 && gl[b] != l))
                        }
                    }
                }
            };
            // best-scoring zero-(min-)cost transition
            let mut min_cost = u32::MAX;
            let mut candidates = Vec::with_capacity(8);
            let mut push = |t: usize| {
                let k = cost(t);
                if k < min_cost {
                    min_cost = k;
                    candidates.clear();
                }
                if k == min_cost {
                    candidates.push(t);
                }
            };
            if valid[0] {
                push(SHIFT);
            }
            if valid[1] {
                push(REDUCE);
            }
            for l in 0..nl {
                if valid[2] && l != root {
                    push(left(l));
                }
                if valid[3] && ((s0 == 0) == (l == root)) {
                    push(right(l));
                }
            }
            let mut gold = NONE;
            let mut gv = f32::NEG_INFINITY;
            for &t in &candidates {
                if gold == NONE || scores[t] > gv {
                    gv = scores[t];
                    gold = t;
                }
            }
            if gold == NONE {
                break;
            }
            let pred_cost = cost(pred);
            if pred_cost > min_cost {
                trainer.update(&feats, gold, pred);
            }
            trainer.tick();
            let follow = if pred_cost == min_cost
                || (epoch >= opts.explore_from && rng.unit() < opts.explore_p)
            {
                pred
            } else {
                gold
            };
            st.apply(follow);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unsure_words_carry_a_runner_up() {
        let words: Vec<Lex> = ["a", "b", "c", "d"].iter().map(|w| Lex::new(w)).collect();
        let tags = [0u16, 1, 2, 3];
        let alts = [
            Alt::sure(0),
            Alt {
                tag: 5,
                margin: ALT_MARGINS[1],
            },
            Alt {
                tag: 6,
                margin: ALT_MARGINS[1] - 0.5,
            },
            Alt {
                tag: 7,
                margin: 0.0,
            },
        ];
        let coarse = vec![0u16; 8];
        let cl = Classes::new(&[]);
        let nodes = nodes_for(&words, &tags, &alts, &coarse, cl);
        let got: Vec<u64> = nodes.iter().map(|n| n.alt).collect();
        assert_eq!(got, vec![0, 0, 0, 7 | 1 << 32, 8 | 2 << 32]);
        // No runner-ups at all: the same nodes as all sure.
        let plain = nodes_for(&words, &tags, &[], &coarse, cl);
        assert!(plain.iter().all(|n| n.alt == 0));
    }

    #[test]
    fn buffer_features_depend_on_the_buffer_alone() {
        // Walk every valid transition in turn (labels vary) over a
        // sentence with unsure words: whenever the buffer front is where it
        // was, its features are the ones computed there, and keeping them
        // leaves the other features as computed from scratch.
        let forms = [
            "Rebels", "said", "the", "regime", "bombed", "the", "town", ".",
        ];
        let words: Vec<Lex> = forms.iter().map(|w| Lex::new(w)).collect();
        let tags: Vec<u16> = (0..forms.len() as u16).map(|i| i % 5).collect();
        let alts: Vec<Alt> = (0..forms.len() as u16)
            .map(|i| Alt {
                tag: (i + 1) % 5,
                margin: if i % 2 == 0 { 0.0 } else { f32::INFINITY },
            })
            .collect();
        let coarse = vec![0u16, 1, 2, 3, 4];
        let nodes = nodes_for(&words, &tags, &alts, &coarse, Classes::new(&[]));
        let mut st = State::new(forms.len(), true);
        let mut seen: Vec<(usize, Vec<u64>)> = Vec::new();
        let (mut out, mut buffer) = (Vec::new(), Vec::new());
        let (mut kept_out, mut kept) = (Vec::new(), Vec::new());
        let mut step = 0usize;
        while !st.terminal() {
            split_features(&st, &nodes, 5, &mut out, &mut buffer, false);
            if let Some((_, b)) = seen.iter().find(|(b, _)| *b == st.b) {
                assert_eq!(&buffer, b, "step {step}");
            }
            seen.push((st.b, buffer.clone()));
            kept.clone_from(&buffer);
            split_features(&st, &nodes, 5, &mut kept_out, &mut kept, true);
            assert_eq!(kept, buffer);
            assert_eq!(kept_out, out);
            let mut all = Vec::new();
            features(&st, &nodes, 5, &mut all, &mut Vec::new());
            assert_eq!(all.len(), out.len() + buffer.len());
            let valid = st.valid();
            let mut options = Vec::new();
            for_each_valid(valid, &st, 0, 3, |t| options.push(t));
            if options.is_empty() {
                break;
            }
            st.apply(options[step % options.len()]);
            step += 1;
        }
        assert!(
            seen.windows(2).any(|w| w[0].0 == w[1].0),
            "the buffer stayed at least once"
        );
    }

    /// Parse `words` with `p` looking every feature up at every transition
    /// (the loop before the buffer's sums were kept).
    fn parse_scoring_everything(p: &DepParser, words: &[Lex], tags: &[u16]) -> Vec<usize> {
        let nodes = nodes_for(words, tags, &[], &p.coarse, p.classes);
        let mut st = State::new(words.len(), p.version >= 3);
        let (mut feats, mut scratch) = (Vec::new(), Vec::new());
        let mut scores = vec![0f32; p.model.n_classes];
        while !st.terminal() {
            features(&st, &nodes, p.version, &mut feats, &mut scratch);
            p.model.score(&feats, &mut scores);
            let t = best(&scores, st.valid(), &st, p.root, p.labels.len());
            if t == NONE {
                break;
            }
            st.apply(t);
        }
        let (heads, labels) = p.finish(&mut st);
        heads
            .into_iter()
            .chain(labels.into_iter().map(usize::from))
            .collect()
    }

    #[test]
    fn kept_buffer_sums_parse_as_scoring_everything() {
        // A small parser trained on a few sentences of our own: its parses
        // of new word orders are the same with the buffer's sums kept as
        // with every feature looked up each time, summing in integers and
        // (forced) in floats.
        let coarse_names: Vec<String> = ["NOUN", "VERB", "DET", "PUNCT", "ADP"]
            .map(String::from)
            .to_vec();
        let labels: Vec<String> = ["root", "nsubj", "obj", "det", "punct", "obl", "case"]
            .map(String::from)
            .to_vec();
        let tag_of = |w: &str| match w {
            "the" | "a" => 2u16,
            "." => 3,
            "in" | "near" => 4,
            "shelled" | "attacked" | "said" | "bombed" => 1,
            _ => 0,
        };
        let bank: [(&str, &[usize], &[u16]); 3] = [
            (
                "rebels shelled the town .",
                &[2, 0, 4, 2, 2],
                &[1, 0, 3, 2, 4],
            ),
            (
                "the army attacked rebels in Idlib .",
                &[2, 3, 0, 3, 6, 3, 3],
                &[3, 1, 0, 2, 6, 5, 4],
            ),
            (
                "jets bombed a market near Saraqib .",
                &[2, 0, 4, 2, 6, 2, 2],
                &[1, 0, 3, 2, 6, 5, 4],
            ),
        ];
        let examples: Vec<DepExample> = bank
            .iter()
            .map(|(text, heads, labels)| {
                let forms: Vec<&str> = text.split(' ').collect();
                DepExample {
                    words: forms.iter().map(|w| Lex::new(w)).collect(),
                    tags: forms.iter().map(|w| tag_of(w)).collect(),
                    alts: Vec::new(),
                    heads: heads.to_vec(),
                    labels: labels.to_vec(),
                }
            })
            .collect();
        let opts = DepOptions {
            epochs: 4,
            explore_from: 2,
            explore_p: 0.2,
            prune: 0.0,
            version: FEATURES,
            seeds: 1,
            first_member: 0,
        };
        let Some(mut p) = train(
            &examples,
            &labels,
            &[0, 1, 2, 3, 4],
            &coarse_names,
            opts,
            7,
            |_, _| {},
        ) else {
            panic!("training gave no parser");
        };
        let tests = [
            "the rebels bombed a town near the army .",
            "jets attacked the market in the town in Idlib .",
            "Saraqib said rebels shelled jets .",
            ".",
        ];
        for float in [false, true] {
            if float {
                p.model.force_float_sums();
            }
            for text in tests {
                let forms: Vec<&str> = text.split(' ').collect();
                let words: Vec<Lex> = forms.iter().map(|w| Lex::new(w)).collect();
                let tags: Vec<u16> = forms.iter().map(|w| tag_of(w)).collect();
                let (heads, labels) = p.parse(&words, &tags);
                let got: Vec<usize> = heads
                    .into_iter()
                    .chain(labels.into_iter().map(usize::from))
                    .collect();
                assert_eq!(
                    got,
                    parse_scoring_everything(&p, &words, &tags),
                    "{text} (float {float})"
                );
            }
        }
    }
}
