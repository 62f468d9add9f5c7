//! Boosted decision trees over the cue proposer's sparse features.
//!
//! Owns the tree ensemble that [`crate::learned::CueModel`] adds to its linear
//! score: each tree tests whether features are present ("w=said", "under_ccomp",
//! "lsc=think|pron") and so forms the conjunctions a linear model cannot
//! ("this word is a cue when it has a clause *and* a pronoun subject"). It
//! owns the training (gradient boosting with Newton leaves on the logistic
//! loss, started from a base margin: the calibrated linear score) and the
//! `tree` line format of `data/attribution/cue_model.tsv`. It does not compute
//! features (that is [`crate::learned`] and [`crate::cue_features`]) nor
//! choose candidates.
//!
//! A tree line is its nodes in preorder, tab-separated: `?feature` is a split
//! (the subtree for "present" follows, then the one for "absent"), `=value` a
//! leaf: `tree<TAB>?w=said<TAB>=0.5<TAB>=-0.25`.
//!
//! Training is deterministic: features are numbered in sorted order and ties
//! between splits go to the lowest number.

use std::collections::HashMap;

use crate::Error;

/// One node of a tree: a split on a feature (by its number in the ensemble's
/// feature table) or a leaf value.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Split { feature: u32, yes: u32, no: u32 },
    Leaf(f32),
}

/// An ensemble of trees over named binary features.
#[derive(Debug, Clone, Default)]
pub struct Trees {
    /// Feature name → number (only features some tree splits on).
    ids: HashMap<String, u32>,
    /// Nodes of all trees; `roots` index into it.
    nodes: Vec<Node>,
    roots: Vec<u32>,
}

impl Trees {
    /// True when there is no tree.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Number of trees.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// The features the trees split on, with their numbers.
    pub fn features(&self) -> impl Iterator<Item = (&str, u32)> {
        self.ids.iter().map(|(k, &v)| (k.as_str(), v))
    }

    /// The number of a feature some tree splits on.
    pub fn id(&self, feature: &str) -> Option<u32> {
        self.ids.get(feature).copied()
    }

    /// Add one tree from the fields of a `tree` line (after the `tree` key).
    pub fn push_line<'a>(&mut self, fields: impl Iterator<Item = &'a str>) -> Result<(), String> {
        let fields: Vec<&str> = fields.collect();
        let mut at = 0;
        let root = self.read_node(&fields, &mut at, 0)?;
        if at != fields.len() {
            return Err(format!("{} fields after the tree's end", fields.len() - at));
        }
        self.roots.push(root);
        Ok(())
    }

    fn read_node(&mut self, f: &[&str], at: &mut usize, depth: usize) -> Result<u32, String> {
        if depth > 32 {
            return Err("tree deeper than 32".into());
        }
        let field = f.get(*at).ok_or("tree ends early")?;
        *at += 1;
        let me = self.nodes.len() as u32;
        if let Some(v) = field.strip_prefix('=') {
            let v: f32 = v.parse().map_err(|_| format!("bad leaf {field:?}"))?;
            self.nodes.push(Node::Leaf(v));
            return Ok(me);
        }
        let name = field
            .strip_prefix('?')
            .ok_or_else(|| format!("expected ?feature or =value, got {field:?}"))?;
        let n = self.ids.len() as u32;
        let feature = *self.ids.entry(name.to_string()).or_insert(n);
        self.nodes.push(Node::Split {
            feature,
            yes: 0,
            no: 0,
        });
        let yes = self.read_node(f, at, depth + 1)?;
        let no = self.read_node(f, at, depth + 1)?;
        self.nodes[me as usize] = Node::Split { feature, yes, no };
        Ok(me)
    }

    /// Number of features the trees split on (feature numbers are below it).
    pub fn n_features(&self) -> usize {
        self.ids.len()
    }

    /// The ensemble's output for an example whose features are the `true`
    /// entries of `flags` (indexed by feature number; a feature beyond the
    /// slice counts as absent).
    pub fn eval_flags(&self, flags: &[bool]) -> f32 {
        self.sum_leaves(|f| flags.get(f as usize).copied().unwrap_or(false))
    }

    /// The ensemble's output for an example with the (sorted) feature numbers `present`.
    pub fn eval(&self, present: &[u32]) -> f32 {
        self.sum_leaves(|f| present.binary_search(&f).is_ok())
    }

    /// The sum over the trees of the leaf each reaches when `has(feature)`
    /// picks the branch at each split.
    fn sum_leaves(&self, has: impl Fn(u32) -> bool) -> f32 {
        let mut sum = 0.0;
        for &r in &self.roots {
            let mut n = r;
            loop {
                match self.nodes[n as usize] {
                    Node::Leaf(v) => {
                        sum += v;
                        break;
                    }
                    Node::Split { feature, yes, no } => {
                        n = if has(feature) { yes } else { no };
                    }
                }
            }
        }
        sum
    }

    /// The ensemble's output for an example given by its feature names.
    pub fn eval_names<'a>(&self, features: impl Iterator<Item = &'a str>) -> f32 {
        if self.roots.is_empty() {
            return 0.0;
        }
        let mut present: Vec<u32> = features.filter_map(|f| self.id(f)).collect();
        present.sort_unstable();
        self.eval(&present)
    }

    /// The `tree` lines of the ensemble (leaf values rounded to 1e-4).
    pub fn lines(&self) -> Vec<String> {
        let mut names = vec![""; self.ids.len()];
        for (k, &v) in &self.ids {
            names[v as usize] = k;
        }
        self.roots
            .iter()
            .map(|&r| {
                let mut s = String::from("tree");
                self.write_node(r, &names, &mut s);
                s
            })
            .collect()
    }

    fn write_node(&self, n: u32, names: &[&str], s: &mut String) {
        match self.nodes[n as usize] {
            Node::Leaf(v) => {
                s.push_str("\t=");
                s.push_str(&format!("{}", (v * 10000.0).round() / 10000.0));
            }
            Node::Split { feature, yes, no } => {
                s.push_str("\t?");
                s.push_str(names[feature as usize]);
                self.write_node(yes, names, s);
                self.write_node(no, names, s);
            }
        }
    }
}

/// Parse `tree` lines (`tree<TAB>…`) of a model file into an ensemble.
pub fn parse_lines(text: &str, file: &'static str) -> Result<Trees, Error> {
    let mut t = Trees::default();
    for (n, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("tree\t") {
            t.push_line(rest.split('\t')).map_err(|msg| Error::Data {
                file,
                line: n + 1,
                msg,
            })?;
        }
    }
    Ok(t)
}

/// Boosting settings.
#[derive(Debug, Clone, Copy)]
pub struct BoostOptions {
    /// Number of trees.
    pub rounds: usize,
    /// Depth of each tree (splits on a path).
    pub depth: usize,
    /// Shrinkage of each leaf.
    pub rate: f32,
    /// L2 penalty on leaf values.
    pub lambda: f32,
    /// Least hessian (≈ examples near p = 0.5) on each side of a split.
    pub min_hess: f32,
    /// A feature must occur in this many examples to be split on.
    pub min_count: usize,
}

impl Default for BoostOptions {
    fn default() -> BoostOptions {
        BoostOptions {
            rounds: 200,
            depth: 4,
            rate: 0.1,
            lambda: 1.0,
            min_hess: 2.0,
            min_count: 10,
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Fit `logit(p) = a·s + b` to labelled scores (Newton's method on the
/// logistic loss, a little L2 on `a` and `b`): the scale that turns a linear
/// score into a log-odds for the trees to start from.
pub fn calibrate(scores: &[f32], labels: &[bool]) -> (f32, f32) {
    let (mut a, mut b) = (0.1f64, 0.0f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (1e-3 * a, 1e-3 * b, 1e-3, 0.0, 1e-3);
        for (&s, &y) in scores.iter().zip(labels) {
            let s = f64::from(s);
            let p = 1.0 / (1.0 + (-(a * s + b)).exp());
            let g = p - if y { 1.0 } else { 0.0 };
            let h = (p * (1.0 - p)).max(1e-9);
            ga += g * s;
            gb += g;
            haa += h * s * s;
            hab += h * s;
            hbb += h;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() < 1e-7 && db.abs() < 1e-7 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// Train trees on examples (feature names, label) starting from `base` log-odds;
/// every leaf is divided by `scale` so that the ensemble adds to a score in the
/// units of the base score before calibration.
pub fn train(
    examples: &[(Vec<String>, bool)],
    base: &[f32],
    opts: BoostOptions,
    scale: f32,
) -> Trees {
    // Number the features that occur often enough, in sorted order.
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (f, _) in examples {
        for x in f {
            *count.entry(x.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = count
        .iter()
        .filter(|(_, &c)| c >= opts.min_count)
        .map(|(k, _)| *k)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    let rows: Vec<Vec<u32>> = examples
        .iter()
        .map(|(f, _)| {
            let mut r: Vec<u32> = f
                .iter()
                .filter_map(|x| index.get(x.as_str()).copied())
                .collect();
            r.sort_unstable();
            r.dedup();
            r
        })
        .collect();
    let y: Vec<f32> = examples
        .iter()
        .map(|(_, l)| if *l { 1.0 } else { 0.0 })
        .collect();
    let mut margin: Vec<f32> = base.to_vec();
    let mut g = vec![0f32; rows.len()];
    let mut h = vec![0f32; rows.len()];
    let nf = names.len();
    let mut gs = vec![0f64; nf];
    let mut hs = vec![0f64; nf];
    let mut touched: Vec<u32> = Vec::new();
    // Trees as built: nodes over global feature numbers.
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots: Vec<u32> = Vec::new();
    let mut used: Vec<bool> = vec![false; nf];
    for _ in 0..opts.rounds {
        for i in 0..rows.len() {
            let p = sigmoid(margin[i]);
            g[i] = p - y[i];
            h[i] = (p * (1.0 - p)).max(1e-6);
        }
        let all: Vec<u32> = (0..rows.len() as u32).collect();
        let mut ctx = Grow {
            rows: &rows,
            g: &g,
            h: &h,
            gs: &mut gs,
            hs: &mut hs,
            touched: &mut touched,
            nodes: &mut nodes,
            opts,
            scale,
            margin: &mut margin,
            used: &mut used,
        };
        let root = ctx.grow(all, 0);
        roots.push(root);
    }
    // Keep only the features used, renumbered.
    let mut ids = HashMap::new();
    let mut renum = vec![u32::MAX; nf];
    for (i, &u) in used.iter().enumerate() {
        if u {
            renum[i] = ids.len() as u32;
            ids.insert(names[i].to_string(), renum[i]);
        }
    }
    for n in &mut nodes {
        if let Node::Split { feature, .. } = n {
            *feature = renum[*feature as usize];
        }
    }
    Trees { ids, nodes, roots }
}

struct Grow<'a> {
    rows: &'a [Vec<u32>],
    g: &'a [f32],
    h: &'a [f32],
    gs: &'a mut [f64],
    hs: &'a mut [f64],
    touched: &'a mut Vec<u32>,
    nodes: &'a mut Vec<Node>,
    opts: BoostOptions,
    scale: f32,
    margin: &'a mut [f32],
    used: &'a mut [bool],
}

impl Grow<'_> {
    fn leaf(&mut self, set: &[u32], gt: f64, ht: f64) -> u32 {
        let v = (-gt / (ht + f64::from(self.opts.lambda))) as f32 * self.opts.rate;
        for &i in set {
            self.margin[i as usize] += v;
        }
        self.nodes.push(Node::Leaf(v / self.scale));
        (self.nodes.len() - 1) as u32
    }

    fn grow(&mut self, set: Vec<u32>, depth: usize) -> u32 {
        let (mut gt, mut ht) = (0f64, 0f64);
        for &i in &set {
            gt += f64::from(self.g[i as usize]);
            ht += f64::from(self.h[i as usize]);
        }
        if depth >= self.opts.depth || ht < 2.0 * f64::from(self.opts.min_hess) {
            return self.leaf(&set, gt, ht);
        }
        for &i in &set {
            let (gi, hi) = (f64::from(self.g[i as usize]), f64::from(self.h[i as usize]));
            for &f in &self.rows[i as usize] {
                let fu = f as usize;
                if self.hs[fu] == 0.0 {
                    self.touched.push(f);
                }
                self.gs[fu] += gi;
                self.hs[fu] += hi;
            }
        }
        let lambda = f64::from(self.opts.lambda);
        let min_h = f64::from(self.opts.min_hess);
        let parent = gt * gt / (ht + lambda);
        let mut best: Option<(f64, u32)> = None;
        for &f in self.touched.iter() {
            let fu = f as usize;
            let (gl, hl) = (self.gs[fu], self.hs[fu]);
            let (gr, hr) = (gt - gl, ht - hl);
            if hl >= min_h && hr >= min_h {
                let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                if gain > 1e-6 && best.is_none_or(|(bg, bf)| gain > bg || (gain == bg && f < bf)) {
                    best = Some((gain, f));
                }
            }
        }
        for &f in self.touched.iter() {
            self.gs[f as usize] = 0.0;
            self.hs[f as usize] = 0.0;
        }
        self.touched.clear();
        let Some((_, f)) = best else {
            return self.leaf(&set, gt, ht);
        };
        self.used[f as usize] = true;
        let (yes, no): (Vec<u32>, Vec<u32>) = set
            .into_iter()
            .partition(|&i| self.rows[i as usize].binary_search(&f).is_ok());
        let me = self.nodes.len() as u32;
        self.nodes.push(Node::Split {
            feature: f,
            yes: 0,
            no: 0,
        });
        let y = self.grow(yes, depth + 1);
        let n = self.grow(no, depth + 1);
        self.nodes[me as usize] = Node::Split {
            feature: f,
            yes: y,
            no: n,
        };
        me
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(f: &[&str], y: bool) -> (Vec<String>, bool) {
        (f.iter().map(|s| s.to_string()).collect(), y)
    }

    #[test]
    fn trees_learn_a_conjunction_a_linear_model_cannot() {
        // A cue only when the word has both a clause and a pronoun subject (XOR-like
        // with the single features): no linear weights separate these four groups.
        let mut data = Vec::new();
        // (Group sizes differ: with equal ones no first split gains anything.)
        for (f, y, n) in [
            (&["w=x", "clause", "pron"][..], true, 40),
            (&["w=x", "clause"], false, 10),
            (&["w=x", "pron"], false, 10),
            (&["w=x"], true, 20),
        ] {
            for _ in 0..n {
                data.push(ex(f, y));
            }
        }
        let base = vec![0.0; data.len()];
        let opts = BoostOptions {
            rounds: 30,
            depth: 2,
            rate: 0.3,
            lambda: 1.0,
            min_hess: 1.0,
            min_count: 5,
        };
        let t = train(&data, &base, opts, 1.0);
        let s = |f: &[&str]| t.eval_names(f.iter().copied());
        assert!(s(&["w=x", "clause", "pron"]) > 1.0);
        assert!(s(&["w=x", "clause"]) < -1.0);
        assert!(s(&["w=x", "pron"]) < -1.0);
        assert!(s(&["w=x"]) > 1.0);
        // Deterministic, and the lines read back to the same outputs.
        let again = train(&data, &base, opts, 1.0);
        assert_eq!(t.lines(), again.lines());
        let text = t.lines().join("\n");
        let back = parse_lines(&text, "test").unwrap();
        assert_eq!(back.len(), t.len());
        for f in [&["w=x", "clause"][..], &["w=x", "pron", "clause"], &["w=x"]] {
            assert!((back.eval_names(f.iter().copied()) - s(f)).abs() < 0.01);
            // Flags give the same output as the sorted numbers.
            let mut flags = vec![false; t.n_features()];
            for x in f {
                if let Some(id) = t.id(x) {
                    flags[id as usize] = true;
                }
            }
            assert_eq!(t.eval_flags(&flags), s(f));
        }
    }

    #[test]
    fn bad_tree_lines_are_errors() {
        assert!(parse_lines("tree\t?a\t=1", "t").is_err(), "missing subtree");
        assert!(parse_lines("tree\t=1\t=2", "t").is_err(), "trailing field");
        assert!(parse_lines("tree\t?a\t=x\t=1", "t").is_err(), "bad leaf");
        assert!(parse_lines("tree\ta\t=1\t=2", "t").is_err(), "no ? or =");
        assert_eq!(parse_lines("tree\t?a\t=1\t=-2", "t").unwrap().len(), 1);
    }

    #[test]
    fn calibration_finds_the_scale_of_separable_scores() {
        let scores: Vec<f32> = (0..200).map(|i| (i as f32 - 100.0) / 10.0).collect();
        // Noisy labels: p rises with the score.
        let labels: Vec<bool> = (0..200).map(|i| (i * 7919) % 200 < i).collect();
        let (a, _) = calibrate(&scores, &labels);
        assert!(a > 0.05, "{a}");
    }
}
