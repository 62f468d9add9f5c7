//! Part-of-speech tagger: one greedy left-to-right averaged perceptron over
//! joint `UPOS+XPOS` tags.
//!
//! Owns the lexical feature values of a word ([`Lex`]), the tagger feature
//! templates, the tag dictionary for frequent unambiguous words, tagger
//! training and tagging. Predicting the pair jointly keeps UPOS and XPOS
//! consistent; the parser uses the joint tag id as its POS feature.

use crate::perceptron::{
    argmax, hash_str, key, put_str, put_varint, IdMap, Model, Reader, Rng, Trainer,
};

/// Hashed lexical values of one word, computed once per sentence.
#[derive(Debug, Clone, Copy)]
pub struct Lex {
    pub form: u64,
    pub lower: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    pub shape: u64,
    pub flags: u64,
    /// Word-cluster values (coarse, fine; 0 = none), see [`Lex::with_clusters`].
    pub clu: [u64; 2],
}

/// Stable hash of a char sequence.
fn hash_chars(cs: &[char]) -> u64 {
    hash_units(cs.iter().map(|&c| c as u32))
}

/// [`hash_chars`] of the chars with these code points (ASCII bytes are their own).
#[inline]
fn hash_units(cs: impl Iterator<Item = u32>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in cs {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    crate::perceptron::fmix(h)
}

const PAD_L: u64 = 0x1111_2222_3333_4444;
const PAD_R: u64 = 0x5555_6666_7777_8888;

impl Lex {
    pub fn new(word: &str) -> Lex {
        if word.is_ascii() && word.len() <= 64 {
            Lex::ascii(word.as_bytes())
        } else {
            Lex::general(word)
        }
    }

    /// [`Lex::new`] of any word.
    fn general(word: &str) -> Lex {
        let lower = word.to_lowercase();
        let chars: Vec<char> = if lower.len() > 64 {
            // Long tokens: only the ends matter for affixes.
            let head: Vec<char> = lower.chars().take(8).collect();
            let tail: Vec<char> = lower.chars().rev().take(8).collect();
            head.into_iter().chain(tail.into_iter().rev()).collect()
        } else {
            lower.chars().collect()
        };
        let n = chars.len();
        let mut pre = [0u64; 3];
        let mut suf = [0u64; 4];
        for (k, p) in pre.iter_mut().enumerate() {
            *p = hash_chars(&chars[..(k + 1).min(n)]);
        }
        for (k, p) in suf.iter_mut().enumerate() {
            *p = hash_chars(&chars[n.saturating_sub(k + 1)..]);
        }
        let mut shape: Vec<char> = Vec::with_capacity(16);
        let mut last = ' ';
        let mut run = 0;
        let mut has_digit = false;
        let mut has_upper = false;
        let mut has_lower = false;
        let mut has_hyphen = false;
        let mut first_upper = false;
        for (i, c) in word.chars().take(64).enumerate() {
            let s = if c.is_uppercase() {
                has_upper = true;
                if i == 0 {
                    first_upper = true;
                }
                'X'
            } else if c.is_lowercase() {
                has_lower = true;
                'x'
            } else if c.is_numeric() {
                has_digit = true;
                'd'
            } else {
                if c == '-' {
                    has_hyphen = true;
                }
                if c.is_alphabetic() {
                    'a'
                } else {
                    c
                }
            };
            if s == last {
                run += 1;
            } else {
                run = 0;
                last = s;
            }
            if run < 2 {
                shape.push(s);
            }
        }
        let flags = u64::from(has_digit)
            | u64::from(has_upper) << 1
            | u64::from(has_lower) << 2
            | u64::from(has_hyphen) << 3
            | u64::from(first_upper) << 4
            | u64::from(has_upper && !has_lower) << 5;
        Lex {
            form: hash_str(word),
            lower: hash_str(&lower),
            pre,
            suf,
            shape: hash_chars(&shape),
            flags,
            clu: [0, 0],
        }
    }

    /// [`Lex::new`] of an ASCII word of at most 64 bytes (most words), the
    /// same values without a lowercased string or char vectors: a char is
    /// its byte, lowercasing and the char classes are the ASCII ones.
    fn ascii(word: &[u8]) -> Lex {
        let mut lower = [0u8; 64];
        let n = word.len();
        for (l, b) in lower.iter_mut().zip(word) {
            *l = b.to_ascii_lowercase();
        }
        let lower = &lower[..n];
        let units = |s: &[u8]| hash_units(s.iter().map(|&b| u32::from(b)));
        let mut pre = [0u64; 3];
        let mut suf = [0u64; 4];
        for (k, p) in pre.iter_mut().enumerate() {
            *p = units(&lower[..(k + 1).min(n)]);
        }
        for (k, p) in suf.iter_mut().enumerate() {
            *p = units(&lower[n.saturating_sub(k + 1)..]);
        }
        let mut shape = [0u8; 64];
        let mut len = 0;
        let mut last = b' ';
        let mut run = 0;
        let (mut has_digit, mut has_upper, mut has_lower) = (false, false, false);
        let has_hyphen = word.contains(&b'-');
        let first_upper = word.first().is_some_and(u8::is_ascii_uppercase);
        for &c in word {
            let s = if c.is_ascii_uppercase() {
                has_upper = true;
                b'X'
            } else if c.is_ascii_lowercase() {
                has_lower = true;
                b'x'
            } else if c.is_ascii_digit() {
                has_digit = true;
                b'd'
            } else {
                c
            };
            if s == last {
                run += 1;
            } else {
                run = 0;
                last = s;
            }
            if run < 2 {
                shape[len] = s;
                len += 1;
            }
        }
        let flags = u64::from(has_digit)
            | u64::from(has_upper) << 1
            | u64::from(has_lower) << 2
            | u64::from(has_hyphen) << 3
            | u64::from(first_upper) << 4
            | u64::from(has_upper && !has_lower) << 5;
        // `hash_str` is the same FNV over the bytes.
        Lex {
            form: units(word),
            lower: units(lower),
            pre,
            suf,
            shape: units(&shape[..len]),
            flags,
            clu: [0, 0],
        }
    }

    /// The same word with its cluster values from `c`.
    pub fn with_clusters(mut self, c: &crate::clusters::Clusters) -> Lex {
        self.clu = c.get(self.lower);
        self
    }
}

/// Feature keys of word `i` given the two previous predicted tags; with
/// `clusters`, also word-cluster templates.
pub fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, clusters: bool, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let get = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let ii = i as isize;
    let wm1 = get(ii - 1);
    let wm2 = get(ii - 2);
    let wp1 = get(ii + 1);
    let wp2 = get(ii + 2);
    let lw = |x: Option<&Lex>, pad: u64| x.map_or(pad, |l| l.lower);
    let s3 = |x: Option<&Lex>, pad: u64| x.map_or(pad, |l| l.suf[2]);
    let sh = |x: Option<&Lex>, pad: u64| x.map_or(pad, |l| l.shape);
    out.push(key(0, &[]));
    out.push(key(1, &[w.form]));
    out.push(key(2, &[w.lower]));
    for k in 0..4 {
        out.push(key(3 + k as u64, &[w.suf[k]]));
    }
    for k in 0..3 {
        out.push(key(7 + k as u64, &[w.pre[k]]));
    }
    out.push(key(10, &[w.shape]));
    out.push(key(11, &[w.flags]));
    out.push(key(12, &[p1]));
    out.push(key(13, &[p1, p2]));
    out.push(key(14, &[p1, w.lower]));
    out.push(key(15, &[lw(wm1, PAD_L)]));
    out.push(key(16, &[s3(wm1, PAD_L)]));
    out.push(key(17, &[lw(wm2, PAD_L)]));
    out.push(key(18, &[lw(wp1, PAD_R)]));
    out.push(key(19, &[s3(wp1, PAD_R)]));
    out.push(key(20, &[lw(wp2, PAD_R)]));
    out.push(key(21, &[lw(wm1, PAD_L), w.lower]));
    out.push(key(22, &[w.lower, lw(wp1, PAD_R)]));
    out.push(key(23, &[p1, lw(wp1, PAD_R)]));
    out.push(key(24, &[sh(wm1, PAD_L), w.shape, sh(wp1, PAD_R)]));
    out.push(key(25, &[p2]));
    out.push(key(26, &[u64::from(i == 0), w.flags]));
    out.push(key(27, &[p1, w.suf[2]]));
    out.push(key(28, &[w.suf[2], lw(wp1, PAD_R)]));
    out.push(key(29, &[wp1.map_or(PAD_R, |l| l.flags)]));
    out.push(key(30, &[lw(wp1, PAD_R), lw(wp2, PAD_R)]));
    out.push(key(31, &[lw(wm1, PAD_L), lw(wp1, PAD_R)]));
    out.push(key(32, &[wp1.map_or(PAD_R, |l| l.suf[3])]));
    out.push(key(33, &[wp1.map_or(PAD_R, |l| l.pre[0]), w.flags]));
    out.push(key(34, &[p1, w.suf[1]]));
    out.push(key(35, &[p1, lw(wm1, PAD_L)]));
    out.push(key(36, &[w.lower, sh(wp1, PAD_R)]));
    out.push(key(37, &[p1, p2, w.suf[2]]));
    out.push(key(38, &[wm1.map_or(PAD_L, |l| l.suf[1]), w.suf[2]]));
    if clusters {
        let c = |x: Option<&Lex>, k: usize, pad: u64| x.map_or(pad, |l| l.clu[k]);
        out.push(key(40, &[w.clu[1]]));
        out.push(key(41, &[w.clu[0]]));
        out.push(key(42, &[c(wm1, 1, PAD_L)]));
        out.push(key(43, &[c(wp1, 1, PAD_R)]));
        out.push(key(44, &[c(wp2, 0, PAD_R)]));
        out.push(key(45, &[p1, w.clu[1]]));
        out.push(key(46, &[w.clu[1], c(wp1, 0, PAD_R)]));
        out.push(key(47, &[c(wm1, 0, PAD_L), w.clu[1]]));
        out.push(key(48, &[w.clu[0], w.suf[2]]));
    }
}

/// Second-pass features: the first pass's tags of the next two words.
fn right_features(lex: &[Lex], i: usize, first: &[u16], p1: u64, out: &mut Vec<u64>) {
    let r = |j: usize| first.get(j).map_or(PAD_R, |t| tag_value(*t));
    let (r1, r2) = (r(i + 1), r(i + 2));
    let wp1 = lex.get(i + 1).map_or(PAD_R, |l| l.lower);
    let w = &lex[i];
    out.push(key(60, &[r1]));
    out.push(key(61, &[r1, r2]));
    out.push(key(62, &[r1, w.lower]));
    out.push(key(63, &[p1, r1]));
    out.push(key(64, &[r1, wp1]));
    out.push(key(65, &[r1, w.suf[2]]));
    out.push(key(66, &[p1, r1, r2]));
}

/// The runner-up tag of a word and the chosen tag's margin over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alt {
    /// Second-best tag id (the chosen one when there is no other).
    pub tag: u16,
    /// Score of the chosen tag minus that of `tag`, in weight units.
    pub margin: f32,
}

impl Alt {
    /// A word tagged by the tag dictionary: no runner-up.
    pub fn sure(t: u16) -> Alt {
        Alt {
            tag: t,
            margin: f32::INFINITY,
        }
    }

    /// The runner-up of `best` among `scores` (ties: the lowest id).
    fn runner_up(scores: &[f32], best: usize, scale: f32) -> Alt {
        let mut second = best;
        let mut sv = f32::NEG_INFINITY;
        for (i, s) in scores.iter().enumerate() {
            if i != best && *s > sv {
                sv = *s;
                second = i;
            }
        }
        let margin = if second == best {
            f32::INFINITY
        } else {
            (scores.get(best).copied().unwrap_or(sv) - sv) * scale
        };
        Alt {
            tag: second as u16,
            margin,
        }
    }
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Joint tags, each `(upos, xpos)`.
    pub tags: Vec<(String, String)>,
    model: Model,
    /// Optional second pass that also sees the first pass's right context.
    second: Option<Model>,
    /// Frequent unambiguous words (by form hash) → tag.
    dict: IdMap<u16>,
    dict_keys: Vec<(u64, u16)>,
    /// Uses the word-cluster templates.
    clusters: bool,
}

const START1: u64 = 0xaaaa_0001;
const START2: u64 = 0xaaaa_0002;

fn tag_value(t: u16) -> u64 {
    u64::from(t) + 1
}

impl Tagger {
    /// Drop weights whose quantised magnitude is below `min_q`.
    pub fn prune(&mut self, min_q: i16) {
        self.model = self.model.pruned(min_q);
        if let Some(m) = &self.second {
            self.second = Some(m.pruned(min_q));
        }
    }

    /// (features, weights) of the model.
    pub fn size(&self) -> (usize, usize) {
        let (f, w) = (self.model.len(), self.model.n_weights());
        let (f2, w2) = self
            .second
            .as_ref()
            .map_or((0, 0), |m| (m.len(), m.n_weights()));
        (f + f2, w + w2)
    }

    /// True when the word (by [`Lex::form`]) is tagged by the tag dictionary.
    pub fn in_dict(&self, form: u64) -> bool {
        self.dict.contains_key(&form)
    }

    pub fn n_tags(&self) -> usize {
        self.tags.len()
    }

    /// Tag a sentence given its words' lexical values.
    pub fn tag_lex(&self, lex: &[Lex]) -> Vec<u16> {
        let first = self.pass(&self.model, lex, None, None);
        match &self.second {
            Some(m) => self.pass(m, lex, Some(&first), None),
            None => first,
        }
    }

    /// [`Tagger::tag_lex`], also giving each word its runner-up tag and
    /// the margin of the chosen tag over it, in weight units (words of the
    /// tag dictionary: their own tag and an infinite margin).
    pub fn tag_lex_alt(&self, lex: &[Lex]) -> (Vec<u16>, Vec<Alt>) {
        let mut alts = Vec::with_capacity(lex.len());
        let tags = match &self.second {
            Some(m) => {
                let first = self.pass(&self.model, lex, None, None);
                self.pass(m, lex, Some(&first), Some(&mut alts))
            }
            None => self.pass(&self.model, lex, None, Some(&mut alts)),
        };
        (tags, alts)
    }

    /// The first pass only.
    pub fn tag_first(&self, lex: &[Lex]) -> Vec<u16> {
        self.pass(&self.model, lex, None, None)
    }

    /// The first pass only, with runner-up tags (see [`Tagger::tag_lex_alt`]).
    pub fn tag_first_alt(&self, lex: &[Lex]) -> (Vec<u16>, Vec<Alt>) {
        let mut alts = Vec::with_capacity(lex.len());
        let tags = self.pass(&self.model, lex, None, Some(&mut alts));
        (tags, alts)
    }

    fn pass(
        &self,
        model: &Model,
        lex: &[Lex],
        first: Option<&[u16]>,
        mut alts: Option<&mut Vec<Alt>>,
    ) -> Vec<u16> {
        let mut out = Vec::with_capacity(lex.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.tags.len().max(1)];
        let (mut p1, mut p2) = (START1, START2);
        for i in 0..lex.len() {
            let t = if let Some(&t) = self.dict.get(&lex[i].form) {
                if let Some(a) = alts.as_deref_mut() {
                    a.push(Alt::sure(t));
                }
                t
            } else {
                features(lex, i, p1, p2, self.clusters, &mut feats);
                if let Some(f) = first {
                    right_features(lex, i, f, p1, &mut feats);
                }
                model.score(&feats, &mut scores);
                let t = argmax(&scores);
                if let Some(a) = alts.as_deref_mut() {
                    a.push(Alt::runner_up(&scores, t, model.scale));
                }
                t as u16
            };
            out.push(t);
            p2 = p1;
            p1 = tag_value(t);
        }
        out
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.tags.len() as u64);
        for (u, x) in &self.tags {
            put_str(out, u);
            put_str(out, x);
        }
        put_varint(out, self.dict_keys.len() as u64);
        for (k, t) in &self.dict_keys {
            out.extend_from_slice(&k.to_le_bytes());
            put_varint(out, u64::from(*t));
        }
        self.model.write(out);
        // bit 0: a second pass follows; bit 1: cluster templates.
        let flags = u8::from(self.second.is_some()) | u8::from(self.clusters) << 1;
        out.push(flags);
        if let Some(m) = &self.second {
            m.write(out);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Tagger> {
        let n = r.varint()? as usize;
        if n > r.remaining() || n > u16::MAX as usize {
            return None;
        }
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            tags.push((r.string()?, r.string()?));
        }
        let nd = r.varint()? as usize;
        if nd > r.remaining() {
            return None;
        }
        let mut dict_keys = Vec::with_capacity(nd);
        for _ in 0..nd {
            let k = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
            let t = r.varint()? as usize;
            if t >= n {
                return None;
            }
            dict_keys.push((k, t as u16));
        }
        let dict = dict_keys.iter().copied().collect();
        let model = Model::read(r)?;
        if model.n_classes != n {
            return None;
        }
        let flags = r.bytes(1)?[0];
        if flags > 3 {
            return None;
        }
        let second = if flags & 1 == 1 {
            Some(Model::read(r)?).filter(|m| m.n_classes == n)
        } else {
            None
        };
        Some(Tagger {
            tags,
            model,
            second,
            dict,
            dict_keys,
            clusters: flags & 2 == 2,
        })
    }
}

/// One training sentence for the tagger: lexical values and gold tag ids.
pub struct TagExample {
    pub lex: Vec<Lex>,
    pub tags: Vec<u16>,
}

/// Train a tagger on `examples` for `epochs` passes.
/// With `first`, also trains a second pass that sees those first-pass
/// tags (jackknifed, so as noisy as at run time) of the next words.
pub fn train(
    examples: &[TagExample],
    tags: &[(String, String)],
    epochs: usize,
    seed: u64,
    first: Option<&[Vec<u16>]>,
    clusters: bool,
) -> Tagger {
    train_with(
        examples,
        tags,
        epochs,
        seed,
        first,
        clusters,
        TagOptions::default(),
    )
}

/// How the final tagger is built beyond [`train`]'s arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagOptions {
    /// Each pass is the mean of this many perceptrons trained with
    /// different seeds (an ensemble that costs one model at run time).
    pub seeds: usize,
}

impl Default for TagOptions {
    fn default() -> Self {
        TagOptions { seeds: 1 }
    }
}

/// [`train`] with [`TagOptions`].
pub fn train_with(
    examples: &[TagExample],
    tags: &[(String, String)],
    epochs: usize,
    seed: u64,
    first: Option<&[Vec<u16>]>,
    clusters: bool,
    topts: TagOptions,
) -> Tagger {
    let n = tags.len().max(1);
    // Tag dictionary: words seen >= 20 times with one tag >= 99% of the time.
    let mut counts: IdMap<Vec<u32>> = IdMap::default();
    for ex in examples {
        for (l, t) in ex.lex.iter().zip(&ex.tags) {
            let c = counts.entry(l.form).or_insert_with(|| vec![0; n]);
            c[*t as usize] += 1;
        }
    }
    let mut dict_keys: Vec<(u64, u16)> = counts
        .iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let (best, bc) = c
                .iter()
                .enumerate()
                .max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))?;
            (total >= 20 && f64::from(*bc) / f64::from(total) >= 0.995).then_some((*k, best as u16))
        })
        .collect();
    dict_keys.sort_unstable();
    let dict: IdMap<u16> = dict_keys.iter().copied().collect();

    let k = topts.seeds.max(1) as u64;
    // Member j of a pass uses seed + j * a large odd constant (j = 0: `seed`).
    let ensemble = |seed: u64, first: Option<&[Vec<u16>]>| -> Model {
        let ms: Vec<Model> = (0..k)
            .map(|j| {
                let s = seed.wrapping_add(j.wrapping_mul(0x9e37_79b9_7f4a_7c15));
                train_pass(examples, &dict, n, epochs, s, first, clusters)
            })
            .collect();
        if ms.len() == 1 {
            ms.into_iter()
                .next()
                .unwrap_or_else(|| Model::empty(n, 1.0))
        } else {
            Model::mean(&ms).unwrap_or_else(|| Model::empty(n, 1.0))
        }
    };
    let model = ensemble(seed, None);
    let second = first.map(|f| ensemble(seed ^ 0x5eed, Some(f)));
    Tagger {
        tags: tags.to_vec(),
        model,
        second,
        dict,
        dict_keys,
        clusters,
    }
}

fn train_pass(
    examples: &[TagExample],
    dict: &IdMap<u16>,
    n: usize,
    epochs: usize,
    seed: u64,
    first: Option<&[Vec<u16>]>,
    clusters: bool,
) -> Model {
    let mut trainer = Trainer::new(n);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; n];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &ei in &order {
            let ex = &examples[ei];
            let right = first.and_then(|f| f.get(ei));
            let (mut p1, mut p2) = (START1, START2);
            for i in 0..ex.lex.len() {
                let gold = ex.tags[i] as usize;
                let guess = if let Some(&t) = dict.get(&ex.lex[i].form) {
                    t as usize
                } else {
                    features(&ex.lex, i, p1, p2, clusters, &mut feats);
                    if let Some(r) = right {
                        right_features(&ex.lex, i, r, p1, &mut feats);
                    }
                    trainer.score(&feats, &mut scores);
                    let g = argmax(&scores);
                    trainer.update(&feats, gold, g);
                    trainer.tick();
                    g
                };
                p2 = p1;
                p1 = tag_value(guess as u16);
            }
        }
    }
    trainer.average(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(l: &Lex) -> Vec<u64> {
        let mut v = vec![l.form, l.lower, l.shape, l.flags];
        v.extend(l.pre);
        v.extend(l.suf);
        v
    }

    #[test]
    fn ascii_words_get_the_general_values() {
        let long = "x".repeat(64);
        for w in [
            "",
            "a",
            "The",
            "U.S.",
            "al-Bab",
            "1,200",
            "IED",
            "don't",
            "--",
            "Mr",
            "aaaBBB99",
            "?",
            "e-mail",
            long.as_str(),
        ] {
            assert_eq!(
                values(&Lex::ascii(w.as_bytes())),
                values(&Lex::general(w)),
                "{w:?}"
            );
        }
        // Non-ASCII and longer words take the general path.
        assert_eq!(values(&Lex::new("Émile")), values(&Lex::general("Émile")));
        let longer = "y".repeat(65);
        assert_eq!(values(&Lex::new(&longer)), values(&Lex::general(&longer)));
    }
}
