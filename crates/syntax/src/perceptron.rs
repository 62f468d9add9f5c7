//! The averaged perceptron shared by the tagger and the parser, and the
//! feature hashing both use.
//!
//! Owns: hashing feature values into `u64` keys, the sparse trainable weight
//! store (per feature, only the classes it was ever updated for), averaging,
//! and the frozen, quantised model used at inference. Features are opaque
//! keys here; templates live with the tagger and parser.
//!
//! Determinism: keys are computed by a fixed hash (no random state), the
//! hash maps use an identity hasher over those keys, and nothing iterates a
//! map except serialisation, which sorts the keys first. Frozen models sum
//! quantised weights in integers, so scores are exact and the same whatever
//! the order of the sums: long rows are also kept dense and added with the
//! widest vector instructions the CPU has (chosen at run time), and every
//! level gives the same scores.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over bytes, finalised: a stable string hash.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

/// splitmix64 finaliser.
#[inline]
pub fn fmix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combine a running key with one more value.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(5) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Key for template `t` over values `vs`.
#[inline]
pub fn key(t: u64, vs: &[u64]) -> u64 {
    let mut h = fmix(t.wrapping_add(0x51_7cc1_b727_220a));
    for v in vs {
        h = mix(h, *v);
    }
    h
}

/// Hasher for keys that are already well mixed.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Trainable sparse averaged perceptron.
pub struct Trainer {
    pub n_classes: usize,
    index: IdMap<u32>,
    rows: Vec<Vec<Entry>>,
    /// Number of instances seen (the averaging clock).
    pub clock: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            index: IdMap::default(),
            rows: Vec::new(),
            clock: 0,
        }
    }

    /// Add current weights of `feats` into `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Advance the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Perceptron update: +1 to `gold`, -1 to `guess` for every feature.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        let now = self.clock;
        for f in feats {
            let r = match self.index.get(f) {
                Some(&r) => r as usize,
                None => {
                    self.rows.push(Vec::with_capacity(2));
                    let r = self.rows.len() - 1;
                    self.index.insert(*f, r as u32);
                    r
                }
            };
            let row = &mut self.rows[r];
            for (class, delta) in [(gold, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.total += f64::from(now - e.stamp) * f64::from(e.w);
                        e.stamp = now;
                        e.w += delta;
                    }
                    None => row.push(Entry {
                        class,
                        w: delta,
                        total: 0.0,
                        stamp: now,
                    }),
                }
            }
        }
    }

    /// The averaged weights, frozen and quantised. Weights whose magnitude is
    /// below `prune` (relative to the largest) are dropped.
    pub fn average(&self, prune: f32) -> Model {
        let now = self.clock.max(1);
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(k, v)| (*k, *v)).collect();
        keys.sort_unstable();
        let mut feats: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keys.len());
        let mut max = 0f32;
        for (k, r) in keys {
            let mut row: Vec<(u16, f32)> = Vec::new();
            for e in &self.rows[r as usize] {
                let total = e.total + f64::from(now - e.stamp) * f64::from(e.w);
                let avg = (total / f64::from(now)) as f32;
                if avg != 0.0 {
                    max = max.max(avg.abs());
                    row.push((e.class, avg));
                }
            }
            if !row.is_empty() {
                row.sort_by_key(|e| e.0);
                feats.push((k, row));
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let floor = max * prune;
        let mut m = Model::empty(self.n_classes, scale);
        for (k, row) in feats {
            let row: Vec<(u16, i16)> = row
                .into_iter()
                .filter(|(_, w)| w.abs() >= floor)
                .map(|(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            if !row.is_empty() {
                m.push(k, &row);
            }
        }
        m.finish();
        m
    }
}

/// Open-addressing table from feature key to its row of weights: one
/// probe sequence of 16-byte slots, so a lookup is usually one cache miss.
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<Slot>,
    mask: usize,
    used: usize,
}

/// 8 bytes: the high 32 bits of the key (the low bits pick the bucket),
/// a 24-bit row start and an 8-bit row length (0 = empty slot). A dense
/// row's slot holds its dense row number and the length [`DENSE`].
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    fp: u32,
    start_len: u32,
}

/// Rows (and dense row numbers) start below 2^24; a sparse row holds at
/// most 255 weights (longer rows, never made by our training, are left out
/// of the table, as they always were).
const MAX_START: u32 = 1 << 24;

impl Table {
    fn with_capacity(n: usize) -> Table {
        let cap = (n * 4 + 2).next_power_of_two();
        Table {
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            used: 0,
        }
    }

    /// Insert; the table must have been made with enough capacity.
    fn insert(&mut self, key: u64, start: u32, len: u32) {
        if len == 0 || len > 255 || start >= MAX_START || (self.used + 1) * 2 > self.slots.len() {
            return;
        }
        let fp = (key >> 32) as u32;
        let mut i = (key as usize) & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.start_len & 0xff == 0 || s.fp == fp {
                if s.start_len & 0xff == 0 {
                    self.used += 1;
                }
                *s = Slot {
                    fp,
                    start_len: (start << 8) | len,
                };
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Hint the CPU to load the slot of `key` (many lookups then overlap).
    #[inline]
    fn prefetch(&self, key: u64) {
        prefetch(self.slots.get((key as usize) & self.mask));
    }

    #[inline]
    fn get(&self, key: u64) -> Option<(u32, u32)> {
        if self.slots.is_empty() {
            return None;
        }
        let fp = (key >> 32) as u32;
        let mut i = (key as usize) & self.mask;
        loop {
            let s = self.slots[i];
            let len = s.start_len & 0xff;
            if len == 0 {
                return None;
            }
            if s.fp == fp {
                return Some((s.start_len >> 8, len));
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Ask the CPU to bring `x` into cache: a hint that never faults.
#[inline]
fn prefetch<T>(x: Option<&T>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(r) = x {
        let p: *const T = r;
        // SAFETY: `_mm_prefetch` only hints the cache and cannot fault;
        // `p` comes from a live reference.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Add dense rows (`stride` weights each) to the sums: a loop the compiler
/// vectorises.
#[inline(always)]
fn add_rows(acc: &mut [i32; 256], dense: &[i16], stride: usize, rows: &[u32]) {
    for &d in rows {
        let d = d as usize;
        if let Some(row) = dense.get(d * stride..(d + 1) * stride) {
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
    }
}

/// [`add_rows`] for a known stride: the sums stay in registers.
#[inline(always)]
fn add_rows_fixed<const W: usize>(acc: &mut [i32; 256], dense: &[i16], rows: &[u32]) {
    let mut local = [0i32; W];
    for &d in rows {
        let d = d as usize;
        if let Some(row) = dense.get(d * W..(d + 1) * W) {
            for (a, &w) in local.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
    }
    for (a, l) in acc.iter_mut().zip(local) {
        *a += l;
    }
}

/// [`add_rows`] compiled for AVX2 (8 sums an instruction).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(acc: &mut [i32; 256], dense: &[i16], stride: usize, rows: &[u32]) {
    add_rows_any(acc, dense, stride, rows)
}

/// [`add_rows`] compiled for AVX-512 (16 sums an instruction).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
fn add_rows_avx512(acc: &mut [i32; 256], dense: &[i16], stride: usize, rows: &[u32]) {
    add_rows_any(acc, dense, stride, rows)
}

/// [`add_rows_fixed`] for the usual strides, [`add_rows`] otherwise.
#[inline(always)]
fn add_rows_any(acc: &mut [i32; 256], dense: &[i16], stride: usize, rows: &[u32]) {
    match stride {
        48 => add_rows_fixed::<48>(acc, dense, rows),
        64 => add_rows_fixed::<64>(acc, dense, rows),
        112 => add_rows_fixed::<112>(acc, dense, rows),
        128 => add_rows_fixed::<128>(acc, dense, rows),
        _ => add_rows(acc, dense, stride, rows),
    }
}

/// Which build of [`add_rows`] this CPU runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
enum Simd {
    Base,
    Avx2,
    Avx512,
}

impl Simd {
    fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
            {
                return Simd::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Simd::Avx2;
            }
        }
        Simd::Base
    }
}

/// The mean rows of `models` (same classes), key by key in increasing key
/// order: a k-way merge of their sorted keys, each row summed into a dense
/// vector of classes. Rows with no non-zero mean are skipped.
fn merge_rows(models: &[Model], mut f: impl FnMut(u64, &[(u16, f64)])) {
    let n_classes = models.first().map_or(0, |m| m.n_classes);
    let k = models.len().max(1) as f64;
    let mut pos = vec![0usize; models.len()];
    let mut dense = vec![0f64; n_classes];
    let mut row: Vec<(u16, f64)> = Vec::new();
    while let Some(key) = models
        .iter()
        .zip(&pos)
        .filter_map(|(m, &p)| m.keys.get(p).copied())
        .min()
    {
        for (m, p) in models.iter().zip(pos.iter_mut()) {
            if m.keys.get(*p) == Some(&key) {
                let (s, n) = m.rows[*p];
                let (s, n) = (s as usize, n as usize);
                for (c, q) in &m.cw[s..s + n] {
                    if let Some(x) = dense.get_mut(*c as usize) {
                        *x += f64::from(*q) * f64::from(m.scale) / k;
                    }
                }
                *p += 1;
            }
        }
        row.clear();
        for (c, x) in dense.iter_mut().enumerate() {
            if *x != 0.0 {
                row.push((c as u16, *x));
                *x = 0.0;
            }
        }
        if !row.is_empty() {
            f(key, &row);
        }
    }
}

/// Integer sums as scores (0 for classes past the sums, which no row has).
#[inline]
fn write_scores(acc: &[i32; 256], scores: &mut [f32]) {
    for (i, s) in scores.iter_mut().enumerate() {
        *s = acc.get(i).map_or(0.0, |&a| a as f32);
    }
}

/// Integer class sums of some features ([`Model::partial_sums`]), to be
/// used with the model that made them.
#[derive(Debug, Clone)]
pub struct Sums {
    acc: [i32; 256],
    /// The model sums in integers (otherwise `acc` is unused).
    integer: bool,
}

impl Default for Sums {
    fn default() -> Sums {
        Sums {
            acc: [0; 256],
            integer: false,
        }
    }
}

/// Frozen model: key → a run of (class, quantised weight), and for long
/// rows the same weights again as a dense row of every class.
#[derive(Debug, Clone)]
pub struct Model {
    pub n_classes: usize,
    pub scale: f32,
    index: Table,
    /// Row of each key, parallel to `keys`.
    rows: Vec<(u32, u32)>,
    /// Keys in insertion (sorted) order, for serialisation.
    keys: Vec<u64>,
    /// (class, quantised weight) pairs, rows contiguous. Scores are sums of
    /// quantised weights: the common scale does not change the argmax.
    cw: Vec<(u16, i16)>,
    /// Long rows again as dense runs of `stride` weights (every class,
    /// zeros included): one vector add instead of a scatter per weight.
    /// Their table slots hold the dense row's number and [`DENSE`].
    dense: Vec<i16>,
    stride: usize,
    /// The vector instructions of this CPU: with AVX2 or better, dense
    /// rows are cheap enough that shorter rows are dense too.
    simd: Simd,
    /// A row was pushed with a class at or past `n_classes` (never by our
    /// own training or reading): [`Model::score`] then sums in floats.
    stray: bool,
}

/// The row length that marks a dense row in the table. Only models that sum
/// in integers have dense rows, and there every row of [`DENSE_MIN`] weights
/// or more is dense, so no sparse row of this length is ever in the table.
const DENSE: u32 = 0xff;

/// Rows with at least this many weights are summed densely when the CPU
/// has AVX2 (a vector add of 8 or 16 sums is then cheap).
const DENSE_MIN_AVX2: u32 = 16;
/// The same without AVX2, where a vector add does 4 sums.
const DENSE_MIN: u32 = 48;

impl Model {
    pub fn empty(n_classes: usize, scale: f32) -> Model {
        Model {
            n_classes,
            scale,
            index: Table::default(),
            rows: Vec::new(),
            keys: Vec::new(),
            cw: Vec::new(),
            dense: Vec::new(),
            stride: 0,
            simd: Simd::Base,
            stray: false,
        }
    }

    /// Append one feature row (keys must be pushed in increasing order for
    /// compact serialisation; lookups work either way).
    pub fn push(&mut self, key: u64, row: &[(u16, i16)]) {
        let start = self.cw.len() as u32;
        for (c, q) in row {
            self.stray |= usize::from(*c) >= self.n_classes;
            self.cw.push((*c, *q));
        }
        self.rows.push((start, row.len() as u32));
        self.keys.push(key);
    }

    /// Build the lookup table once all rows are pushed: long rows of
    /// integer-sum models become dense.
    pub fn finish(&mut self) {
        self.index_rows(Simd::detect());
    }

    /// [`Model::finish`] for the vector instructions `simd`.
    fn index_rows(&mut self, simd: Simd) {
        let mut t = Table::with_capacity(self.keys.len());
        // A class twice in a row (never from our training or a file we
        // wrote) would make the integer and dense sums differ from the
        // float sums: such models sum in floats.
        self.stray |= self.rows.iter().any(|&(s, n)| {
            let mut seen = [0u64; 4];
            self.cw[s as usize..(s + n) as usize].iter().any(|&(c, _)| {
                let (i, b) = (usize::from(c >> 6) & 3, 1u64 << (c & 63));
                let dup = seen[i] & b != 0;
                seen[i] |= b;
                dup
            })
        });
        let dense_ok = self.integer_sums();
        self.stride = if dense_ok {
            self.n_classes.next_multiple_of(16)
        } else {
            0
        };
        self.simd = simd;
        let dense_min = match simd {
            Simd::Base => DENSE_MIN,
            Simd::Avx2 | Simd::Avx512 => DENSE_MIN_AVX2,
        };
        self.dense.clear();
        for (k, &(s, n)) in self.keys.iter().zip(&self.rows) {
            if dense_ok && n >= dense_min {
                let d = self.dense.len() / self.stride;
                self.dense.resize(self.dense.len() + self.stride, 0);
                let row = &mut self.dense[d * self.stride..];
                for &(c, w) in &self.cw[s as usize..(s + n) as usize] {
                    row[usize::from(c)] = w;
                }
                t.insert(*k, d as u32, DENSE);
            } else {
                t.insert(*k, s, n);
            }
        }
        self.index = t;
    }

    /// Add the dense rows numbered `rows` to the sums.
    #[inline]
    fn add_dense(&self, acc: &mut [i32; 256], rows: &[u32]) {
        if rows.is_empty() {
            return;
        }
        // SAFETY: `simd` names only features the CPU has (`Simd::detect`;
        // tests pick among the detected levels).
        #[cfg(target_arch = "x86_64")]
        match self.simd {
            Simd::Avx512 => return unsafe { add_rows_avx512(acc, &self.dense, self.stride, rows) },
            Simd::Avx2 => return unsafe { add_rows_avx2(acc, &self.dense, self.stride, rows) },
            Simd::Base => {}
        }
        add_rows_any(acc, &self.dense, self.stride, rows)
    }

    /// Forget the integer sums (tests: the float path on a model that could
    /// sum in integers).
    #[cfg(test)]
    pub(crate) fn force_float_sums(&mut self) {
        self.stray = true;
        self.index_rows(Simd::detect());
    }

    /// Whether [`Model::score`] sums in integers (and may keep dense rows).
    fn integer_sums(&self) -> bool {
        self.n_classes <= 256 && !self.stray
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Scores of every class for `feats`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        // Integer sums: the same figures as summing in f32 (exact below
        // 2^24, i.e. for fewer than 512 features of the largest weight),
        // without a conversion per weight.
        if !self.integer_sums() {
            return self.score_f32(feats, scores);
        }
        let mut acc = [0i32; 256];
        self.add_sums(feats, &mut acc);
        write_scores(&acc, scores);
    }

    /// The sums of `feats` alone, for [`Model::score_with`].
    pub fn partial_sums(&self, feats: &[u64], sums: &mut Sums) {
        sums.integer = self.integer_sums();
        sums.acc = [0; 256];
        if sums.integer {
            self.add_sums(feats, &mut sums.acc);
        }
    }

    /// [`Model::score`] of `part` and `feats` together, where `sums` are
    /// the [`Model::partial_sums`] of `part`: only `feats` are looked up.
    #[inline]
    pub fn score_with(&self, sums: &Sums, part: &[u64], feats: &[u64], scores: &mut [f32]) {
        if !sums.integer || !self.integer_sums() {
            let all: Vec<u64> = part.iter().chain(feats).copied().collect();
            return self.score_f32(&all, scores);
        }
        let mut acc = sums.acc;
        self.add_sums(feats, &mut acc);
        write_scores(&acc, scores);
    }

    /// Add the integer weights of `feats` to `acc` (integer-sum models).
    #[inline]
    fn add_sums(&self, feats: &[u64], acc: &mut [i32; 256]) {
        let stride = self.stride;
        let mut found = [(0u32, 0u32); 128];
        let mut dense = [0u32; 128];
        for chunk in feats.chunks(128) {
            let mut nf = 0;
            for f in chunk {
                self.index.prefetch(*f);
            }
            for f in chunk {
                if let Some(r) = self.index.get(*f) {
                    found[nf] = r;
                    nf += 1;
                }
            }
            for &(s, n) in &found[..nf] {
                if n == DENSE {
                    prefetch(self.dense.get(s as usize * stride));
                } else {
                    prefetch(self.cw.get(s as usize));
                }
            }
            let mut nd = 0;
            for &(s, n) in &found[..nf] {
                let (s, n) = (s as usize, n as usize);
                if n == DENSE as usize {
                    dense[nd] = s as u32;
                    nd += 1;
                } else if let Some(row) = self.cw.get(s..s + n) {
                    // Every class is below `n_classes` <= 256 (checked when a
                    // model is read or a row pushed), so the mask only spares
                    // a bounds check per weight; classes at or past
                    // `scores.len()` are summed but never read, as before.
                    for &(c, w) in row {
                        acc[usize::from(c) & 0xff] += i32::from(w);
                    }
                }
            }
            self.add_dense(acc, &dense[..nd]);
        }
    }

    /// [`Model::score`] for models that do not sum in integers (more than
    /// 256 classes, or a class twice in a row; no dense rows). Its loop
    /// repeats `score`'s on purpose: one generic loop with a closure for the
    /// sum measured 1.7% more instructions for `sitrep parse` (callgrind,
    /// EWT dev text, 2026-11-26).
    fn score_f32(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Two passes: all lookups first (independent loads overlap), then sums.
        let mut found = [(0u32, 0u32); 128];
        let mut nf = 0;
        for chunk in feats.chunks(128) {
            nf = 0;
            for f in chunk {
                self.index.prefetch(*f);
            }
            for f in chunk {
                if let Some(r) = self.index.get(*f) {
                    found[nf] = r;
                    nf += 1;
                }
            }
            for &(s, _) in &found[..nf] {
                prefetch(self.cw.get(s as usize));
            }
            for &(s, n) in &found[..nf] {
                let (s, n) = (s as usize, n as usize);
                if let Some(row) = self.cw.get(s..s + n) {
                    for &(c, w) in row {
                        if let Some(x) = scores.get_mut(c as usize) {
                            *x += f32::from(w);
                        }
                    }
                }
            }
        }
        let _ = nf;
    }

    /// The mean of several models over the same classes (an ensemble of
    /// linear models whose summed scores are one linear model): weights
    /// are dequantised, averaged per (key, class) and quantised again.
    /// `None` when `models` is empty or the class counts differ.
    pub fn mean(models: &[Model]) -> Option<Model> {
        let first = models.first()?;
        let n_classes = first.n_classes;
        if models.iter().any(|m| m.n_classes != n_classes) {
            return None;
        }
        // Two passes of the merge: the largest mean weight first (the
        // scale), then the quantised rows.
        let mut max = 0f64;
        merge_rows(models, |_, row| {
            for (_, w) in row {
                max = max.max(w.abs());
            }
        });
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Model::empty(n_classes, scale as f32);
        let mut q: Vec<(u16, i16)> = Vec::new();
        merge_rows(models, |key, row| {
            q.clear();
            q.extend(
                row.iter()
                    .map(|&(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                    .filter(|(_, x)| *x != 0),
            );
            if !q.is_empty() {
                out.push(key, &q);
            }
        });
        out.finish();
        Some(out)
    }

    /// A copy without weights whose quantised magnitude is below `min_q`.
    pub fn pruned(&self, min_q: i16) -> Model {
        let mut m = Model::empty(self.n_classes, self.scale);
        for (k, &(s, n)) in self.keys.iter().zip(&self.rows) {
            let (s, n) = (s as usize, n as usize);
            let row: Vec<(u16, i16)> = self.cw[s..s + n]
                .iter()
                .filter(|(_, q)| q.unsigned_abs() >= min_q.unsigned_abs())
                .copied()
                .collect();
            if !row.is_empty() {
                m.push(*k, &row);
            }
        }
        m.finish();
        m
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.cw.len()
    }

    /// Serialise: header, then per feature the key delta, row length, and
    /// (class, weight) pairs, all as varints.
    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_varint(out, self.keys.len() as u64);
        let mut prev = 0u64;
        for k in &self.keys {
            put_varint(out, k.wrapping_sub(prev));
            prev = *k;
        }
        for &(_, n) in &self.rows {
            put_varint(out, u64::from(n));
        }
        for &(s, n) in &self.rows {
            for i in s as usize..(s + n) as usize {
                put_varint(out, u64::from(self.cw[i].0));
            }
        }
        for &(s, n) in &self.rows {
            for i in s as usize..(s + n) as usize {
                put_varint(out, zigzag(self.cw[i].1));
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Model> {
        let n_classes = r.varint()? as usize;
        // Classes are stored as u16.
        if n_classes > 1 << 16 {
            return None;
        }
        let scale = f32::from_le_bytes(r.bytes(4)?.try_into().ok()?);
        let n = r.varint()? as usize;
        if n > r.remaining() {
            return None;
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.varint()?);
            keys.push(prev);
        }
        let mut lens = Vec::with_capacity(n);
        let mut total = 0usize;
        for _ in 0..n {
            let l = r.varint()? as usize;
            total = total.checked_add(l)?;
            lens.push(l);
        }
        if total > r.remaining() {
            return None;
        }
        let mut cw = Vec::with_capacity(total);
        for _ in 0..total {
            let c = r.varint()?;
            if c as usize >= n_classes {
                return None;
            }
            cw.push((c as u16, 0));
        }
        for x in &mut cw {
            x.1 = unzigzag(r.varint()?);
        }
        let mut m = Model::empty(n_classes, scale);
        let mut start = 0usize;
        for l in lens {
            m.rows.push((start as u32, l as u32));
            start += l;
        }
        m.keys = keys;
        m.cw = cw;
        m.finish();
        Some(m)
    }
}

fn zigzag(v: i16) -> u64 {
    let v = i64::from(v);
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i16 {
    (((v >> 1) as i64) ^ -((v & 1) as i64)) as i16
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Bounds-checked reader over a byte slice: every method returns `None`
/// instead of panicking on truncated or corrupt input.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    #[inline]
    pub fn varint(&mut self) -> Option<u64> {
        // Fast path: most varints in a model are one byte.
        let b = *self.buf.get(self.pos)?;
        if b & 0x80 == 0 {
            self.pos += 1;
            return Some(u64::from(b));
        }
        self.varint_long()
    }

    #[inline(never)]
    fn varint_long(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.buf.get(self.pos)?;
            self.pos += 1;
            if shift >= 64 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    }

    pub fn string(&mut self) -> Option<String> {
        let n = self.varint()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).ok()
    }
}

/// Deterministic RNG (splitmix64) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x2545_f491_4f6c_dd1d)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        fmix(self.0)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Index of the highest score among `allowed` (ties: lowest index).
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    for (i, s) in scores.iter().enumerate() {
        if *s > bv {
            bv = *s;
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model over `n` classes with 300 keys of pseudo-random rows.
    fn random_model(n: usize, seed: u64) -> (Model, Vec<u64>) {
        let mut rng = Rng::new(seed);
        let mut keys: Vec<u64> = (0..300).map(|i| key(7, &[i])).collect();
        keys.sort_unstable();
        let mut m = Model::empty(n, 0.01);
        for k in &keys {
            let mut row: Vec<(u16, i16)> = Vec::new();
            for c in 0..n {
                if rng.unit() < 0.3 {
                    let w = (rng.next_u64() % 65535) as i16;
                    if w != 0 && w != i16::MIN {
                        row.push((c as u16, w));
                    }
                }
            }
            row.truncate(255);
            if !row.is_empty() {
                m.push(*k, &row);
            }
        }
        m.finish();
        (m, keys)
    }

    /// The plain f32 sum of the rows of `feats`, read from the stored rows.
    fn float_sums(m: &Model, feats: &[u64]) -> Vec<f32> {
        let mut want = vec![0f32; m.n_classes];
        for f in feats {
            if let Some(i) = m.keys.iter().position(|k| k == f) {
                let (s, len) = m.rows[i];
                for &(c, w) in &m.cw[s as usize..(s + len) as usize] {
                    want[c as usize] += f32::from(w);
                }
            }
        }
        want
    }

    /// The vector instruction levels this CPU can run.
    fn simd_levels() -> Vec<Simd> {
        let mut levels = vec![Simd::Base];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                levels.push(Simd::Avx2);
            }
            if Simd::detect() == Simd::Avx512 {
                levels.push(Simd::Avx512);
            }
        }
        levels
    }

    #[test]
    fn integer_sums_score_like_float_sums() {
        // Up to 256 classes `score` sums in i32 (long rows densely, with
        // every vector build this CPU runs); beyond, in f32. All give the
        // plain f32 sum of the weights, exactly (|sums| < 2^24), with
        // unknown keys ignored and duplicated features counted twice.
        for (n, seed) in [
            (3usize, 1u64),
            (40, 5),
            (104, 2),
            (200, 6),
            (256, 3),
            (300, 4),
        ] {
            let (mut m, keys) = random_model(n, seed);
            let mut feats: Vec<u64> = keys.iter().step_by(3).copied().collect();
            feats.push(key(8, &[1]));
            feats.push(keys[0]);
            let want = float_sums(&m, &feats);
            assert!(want.iter().any(|x| *x != 0.0));
            for level in simd_levels() {
                m.index_rows(level);
                let min = if level == Simd::Base {
                    DENSE_MIN
                } else {
                    DENSE_MIN_AVX2
                };
                let long = m.rows.iter().filter(|r| r.1 >= min).count();
                let dense = if n > 256 { 0 } else { long };
                assert_eq!(m.dense.len(), dense * m.stride, "{n} classes, {level:?}");
                assert!(
                    !(200..=256).contains(&n) || dense > 0,
                    "{n} classes: some rows dense"
                );
                let mut got = vec![1f32; n];
                m.score(&feats, &mut got);
                assert_eq!(got, want, "{n} classes, {level:?}");
                // A longer score buffer gets zeros past the classes.
                let mut longer = vec![1f32; n + 300];
                m.score(&feats, &mut longer);
                assert_eq!(&longer[..n], &want[..], "{n} classes, {level:?}");
                assert!(longer[n..].iter().all(|x| *x == 0.0));
            }
            if n <= 256 {
                // Rows are summed in floats when the model cannot sum in
                // integers; its own float path agrees on dense-free tables.
                continue;
            }
            let mut f = vec![1f32; n];
            m.score_f32(&feats, &mut f);
            assert_eq!(f, want, "{n} classes, f32 path");
        }
    }

    #[test]
    fn partial_sums_add_up_to_the_whole() {
        // The buffer's features summed once and the rest looked up per
        // transition score as all of them looked up together.
        for (n, seed) in [(104usize, 7u64), (300, 8)] {
            let (m, keys) = random_model(n, seed);
            let part: Vec<u64> = keys.iter().step_by(5).copied().collect();
            let rest: Vec<u64> = keys.iter().skip(1).step_by(4).copied().collect();
            let all: Vec<u64> = part.iter().chain(&rest).copied().collect();
            let mut sums = Sums::default();
            m.partial_sums(&part, &mut sums);
            let (mut got, mut want) = (vec![0f32; n], vec![0f32; n]);
            m.score_with(&sums, &part, &rest, &mut got);
            m.score(&all, &mut want);
            assert_eq!(got, want, "{n} classes");
            assert_eq!(want, float_sums(&m, &all));
        }
    }

    #[test]
    fn a_class_twice_in_a_row_sums_in_floats() {
        // Not from our training or files, but a pushed row may repeat a
        // class: both weights count, as in the float sum.
        let mut m = Model::empty(20, 1.0);
        let row: Vec<(u16, i16)> = (0..18).map(|c| (c % 17, 30000)).collect();
        m.push(key(1, &[1]), &row);
        m.finish();
        assert!(m.dense.is_empty());
        let mut got = vec![0f32; 20];
        m.score(&[key(1, &[1])], &mut got);
        assert_eq!(got[0], 60000.0);
        assert_eq!(got[1], 30000.0);
    }

    #[test]
    fn mean_of_models_sums_their_scores() {
        // Two models over 3 classes with keys the other lacks: the mean's
        // scores are the average of the two models' scores (up to
        // quantisation), and the keys are the union.
        let (ka, kb, kc) = (key(1, &[1]), key(1, &[2]), key(1, &[3]));
        let mut m1 = Model::empty(3, 0.5);
        let mut m2 = Model::empty(3, 0.25);
        let mut k1 = [(ka, vec![(0u16, 100i16), (2, -40)]), (kb, vec![(1, 30)])];
        k1.sort_by_key(|e| e.0);
        for (k, r) in &k1 {
            m1.push(*k, r);
        }
        let mut k2 = [(ka, vec![(0u16, -200i16), (1, 80)]), (kc, vec![(2, 400)])];
        k2.sort_by_key(|e| e.0);
        for (k, r) in &k2 {
            m2.push(*k, r);
        }
        m1.finish();
        m2.finish();
        let m = Model::mean(&[m1.clone(), m2.clone()]);
        assert!(m.is_some());
        let Some(m) = m else { return };
        assert_eq!(m.len(), 3);
        for feats in [&[ka][..], &[kb], &[kc], &[ka, kb, kc]] {
            let (mut s1, mut s2, mut s) = ([0f32; 3], [0f32; 3], [0f32; 3]);
            m1.score(feats, &mut s1);
            m2.score(feats, &mut s2);
            m.score(feats, &mut s);
            for c in 0..3 {
                let want = (s1[c] * m1.scale + s2[c] * m2.scale) / 2.0;
                let got = s[c] * m.scale;
                assert!(
                    (want - got).abs() < 0.01,
                    "{feats:?} class {c}: {got} vs {want}"
                );
            }
        }
        // ka, class 0: 100 * 0.5 and -200 * 0.25 cancel out.
        let mut s = [0f32; 3];
        m.score(&[ka], &mut s);
        assert_eq!(s[0], 0.0);
        assert!(Model::mean(&[]).is_none());
        assert!(Model::mean(&[m1, Model::empty(4, 1.0)]).is_none());
    }

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(3);
        let a = [key(1, &[hash_str("a")])];
        let b = [key(1, &[hash_str("b")])];
        let mut scores = [0f32; 3];
        for _ in 0..5 {
            for (f, gold) in [(&a, 0usize), (&b, 2usize)] {
                t.score(f, &mut scores);
                let guess = argmax(&scores);
                t.update(f, gold, guess);
                t.tick();
            }
        }
        let m = t.average(0.0);
        m.score(&a, &mut scores);
        assert_eq!(argmax(&scores), 0);
        m.score(&b, &mut scores);
        assert_eq!(argmax(&scores), 2);
        let mut buf = Vec::new();
        m.write(&mut buf);
        let m2 = Model::read(&mut Reader::new(&buf));
        assert!(m2.is_some());
        if let Some(m2) = m2 {
            m2.score(&b, &mut scores);
            assert_eq!(argmax(&scores), 2);
            assert_eq!(m2.len(), m.len());
        }
    }

    #[test]
    fn reader_survives_garbage() {
        // The last: a class count of 2^64 - 1, then nothing.
        let huge = [
            0xffu8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0, 0, 0, 0, 0,
        ];
        for data in [
            &b""[..],
            &[0xff; 20][..],
            &[3, 0, 0, 0, 0, 200, 1][..],
            &huge[..],
        ] {
            assert!(Model::read(&mut Reader::new(data)).is_none());
        }
    }

    #[test]
    fn varints_round_trip_and_reject_overlong_or_truncated() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            put_varint(&mut out, v);
        }
        let mut r = Reader::new(&out);
        for v in values {
            assert_eq!(r.varint(), Some(v));
        }
        assert_eq!(r.remaining(), 0);
        assert_eq!(r.varint(), None);
        // Ten continuation bytes then a stop byte: 11 bytes, too long.
        let mut long = vec![0x80u8; 10];
        long.push(1);
        assert_eq!(Reader::new(&long).varint(), None);
        // Truncated: continuation bit set on the last byte.
        assert_eq!(Reader::new(&[0x80, 0x80]).varint(), None);
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [-32767i16, -1, 0, 1, 32767] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
