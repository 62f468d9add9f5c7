//! Unsupervised word clusters: a fine and a coarse class for each frequent
//! lowercased word, learned from raw text by the exchange algorithm (Kneser
//! & Ney 1993; Martin, Liermann & Ney 1998), which, like Brown clustering,
//! maximises the likelihood of a class bigram model. Koo, Carreras & Collins
//! (2008) found such clusters worth about one point of attachment score as
//! parser features; here the tagger and the parser both use them.
//!
//! Owns: collecting word sequences from raw text files, the clustering, the
//! cluster table (keyed by the hash of the lowercased word, as
//! [`crate::tagger::Lex::lower`]) and its serialisation. It does not own the
//! feature templates that use the classes (tagger and parser do).
//!
//! Determinism: words are numbered in order of first occurrence, every loop
//! runs in index order and ties go to the lower class, so the same text
//! gives the same table.

use std::path::{Path, PathBuf};

use sitrep_core::Doc;

use crate::perceptron::{hash_str, put_varint, IdMap, Reader};

/// Cluster table: lowercased-word hash → fine class; fine → coarse class.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// Sorted (key, fine class) pairs, for serialisation.
    keys: Vec<(u64, u16)>,
    map: IdMap<u16>,
    /// Coarse class of each fine class.
    coarse_of: Vec<u16>,
}

/// Clustering settings.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Fine classes.
    pub fine: usize,
    /// Coarse classes (the fine classes clustered again).
    pub coarse: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Exchange passes over the vocabulary.
    pub passes: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            fine: 256,
            coarse: 32,
            min_count: 3,
            passes: 8,
        }
    }
}

/// Bigram statistics over items (words or classes).
struct Graph {
    count: Vec<f64>,
    /// Per item, (right neighbour, count) and (left neighbour, count).
    right: Vec<Vec<(u32, f64)>>,
    left: Vec<Vec<(u32, f64)>>,
    /// Bigrams of an item with itself.
    selfc: Vec<f64>,
}

#[inline]
fn xlogx(x: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else {
        x * x.ln()
    }
}

/// Exchange clustering of the items of `g` into `k` classes. Items are
/// given in decreasing frequency; the first `k - 1` start in their own
/// classes and the rest in the last.
fn exchange(g: &Graph, k: usize, passes: usize) -> Vec<u16> {
    let n = g.count.len();
    let k = k.clamp(1, u16::MAX as usize).min(n.max(1));
    let mut class: Vec<usize> = (0..n).map(|i| i.min(k - 1)).collect();
    let mut m = vec![0f64; k * k];
    let mut nc = vec![0f64; k];
    for i in 0..n {
        nc[class[i]] += g.count[i];
        for &(j, c) in &g.right[i] {
            m[class[i] * k + class[j as usize]] += c;
        }
        m[class[i] * k + class[i]] += g.selfc[i];
    }
    let mut r = vec![0f64; k];
    let mut l = vec![0f64; k];
    let mut rnz: Vec<usize> = Vec::with_capacity(k);
    let mut lnz: Vec<usize> = Vec::with_capacity(k);
    for _ in 0..passes {
        let mut moved = 0usize;
        for w in 0..n {
            let a = class[w];
            rnz.clear();
            lnz.clear();
            for &(j, c) in &g.right[w] {
                let cl = class[j as usize];
                if r[cl] == 0.0 {
                    rnz.push(cl);
                }
                r[cl] += c;
            }
            for &(j, c) in &g.left[w] {
                let cl = class[j as usize];
                if l[cl] == 0.0 {
                    lnz.push(cl);
                }
                l[cl] += c;
            }
            let s = g.selfc[w];
            let cw = g.count[w];
            // remove w from a
            for &c in &rnz {
                m[a * k + c] -= r[c];
            }
            for &c in &lnz {
                m[c * k + a] -= l[c];
            }
            m[a * k + a] -= s;
            nc[a] -= cw;
            let mut best = a;
            let mut bv = f64::NEG_INFINITY;
            for b in 0..k {
                let mut d = 0.0;
                for &c in &rnz {
                    if c != b {
                        let x = m[b * k + c];
                        d += xlogx(x + r[c]) - xlogx(x);
                    }
                }
                for &c in &lnz {
                    if c != b {
                        let x = m[c * k + b];
                        d += xlogx(x + l[c]) - xlogx(x);
                    }
                }
                let x = m[b * k + b];
                d += xlogx(x + r[b] + l[b] + s) - xlogx(x);
                d -= 2.0 * (xlogx(nc[b] + cw) - xlogx(nc[b]));
                if d > bv + 1e-9 || (b == a && d >= bv - 1e-9) {
                    bv = d;
                    best = b;
                }
            }
            // add w to best
            for &c in &rnz {
                m[best * k + c] += r[c];
            }
            for &c in &lnz {
                m[c * k + best] += l[c];
            }
            m[best * k + best] += s;
            nc[best] += cw;
            if best != a {
                moved += 1;
                class[w] = best;
            }
            for &c in &rnz {
                r[c] = 0.0;
            }
            for &c in &lnz {
                l[c] = 0.0;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class.into_iter().map(|c| c as u16).collect()
}

impl Clusters {
    /// True when the table is empty (no cluster features).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// (coarse, fine) feature values of a lowercased-word hash: 1-based
    /// class numbers, 0 for words without a class.
    #[inline]
    pub fn get(&self, lower: u64) -> [u64; 2] {
        match self.map.get(&lower) {
            Some(&f) => {
                let c = self.coarse_of.get(f as usize).copied().unwrap_or(0);
                [u64::from(c) + 1, u64::from(f) + 1]
            }
            None => [0, 0],
        }
    }

    /// Learn clusters from sentences of lowercased-word hashes.
    pub fn learn<'a>(
        sentences: impl IntoIterator<Item = &'a [u64]>,
        opts: ClusterOptions,
    ) -> Clusters {
        // Intern words in order of first occurrence.
        let mut id: IdMap<u32> = IdMap::default();
        let mut words: Vec<u64> = Vec::new();
        let mut count: Vec<u32> = Vec::new();
        let mut seqs: Vec<Vec<u32>> = Vec::new();
        for s in sentences {
            let mut seq = Vec::with_capacity(s.len());
            for &h in s {
                let i = *id.entry(h).or_insert_with(|| {
                    words.push(h);
                    count.push(0);
                    (words.len() - 1) as u32
                });
                count[i as usize] += 1;
                seq.push(i);
            }
            seqs.push(seq);
        }
        // Items: frequent words by decreasing count (ties: first seen),
        // then one item for all rare words and one for sentence bounds.
        let mut order: Vec<usize> = (0..words.len())
            .filter(|&i| count[i] >= opts.min_count)
            .collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(count[i]), i));
        if order.is_empty() {
            return Clusters::default();
        }
        let n_items = order.len() + 2;
        let rare = order.len() as u32;
        let bound = rare + 1;
        let mut item = vec![rare; words.len()];
        for (k, &w) in order.iter().enumerate() {
            item[w] = k as u32;
        }
        let mut bigrams: IdMap<f64> = IdMap::default();
        let mut icount = vec![0f64; n_items];
        for seq in &seqs {
            let mut prev = bound;
            icount[bound as usize] += 1.0;
            for &w in seq.iter().chain(std::iter::once(&u32::MAX)) {
                let cur = if w == u32::MAX {
                    bound
                } else {
                    item[w as usize]
                };
                if w != u32::MAX {
                    icount[cur as usize] += 1.0;
                }
                *bigrams
                    .entry((u64::from(prev) << 32) | u64::from(cur))
                    .or_insert(0.0) += 1.0;
                prev = cur;
            }
        }
        let fine = Self::cluster_items(&icount, &bigrams, opts.fine, opts.passes);
        // Coarse: cluster the fine classes by their own bigrams.
        let k = usize::from(fine.iter().copied().max().unwrap_or(0)) + 1;
        let mut ccount = vec![0f64; k];
        for (i, c) in icount.iter().enumerate() {
            ccount[fine[i] as usize] += c;
        }
        let mut cb: IdMap<f64> = IdMap::default();
        let mut pairs: Vec<(u64, f64)> = bigrams.iter().map(|(a, b)| (*a, *b)).collect();
        pairs.sort_unstable_by_key(|p| p.0);
        for (key, c) in pairs {
            let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
            let ck = (u64::from(fine[a]) << 32) | u64::from(fine[b]);
            *cb.entry(ck).or_insert(0.0) += c;
        }
        // Classes by decreasing count for the coarse start.
        let mut corder: Vec<usize> = (0..k).collect();
        corder.sort_by(|&a, &b| ccount[b].total_cmp(&ccount[a]).then(a.cmp(&b)));
        let mut rank = vec![0u32; k];
        for (r, &c) in corder.iter().enumerate() {
            rank[c] = r as u32;
        }
        let rc: Vec<f64> = corder.iter().map(|&c| ccount[c]).collect();
        let rb: IdMap<f64> = cb
            .iter()
            .map(|(key, v)| {
                let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
                ((u64::from(rank[a]) << 32) | u64::from(rank[b]), *v)
            })
            .collect();
        let coarse_r = Self::cluster_items(&rc, &rb, opts.coarse, opts.passes * 2);
        let coarse_of: Vec<u16> = (0..k).map(|c| coarse_r[rank[c] as usize]).collect();
        let mut keys: Vec<(u64, u16)> = order
            .iter()
            .enumerate()
            .map(|(k, &w)| (words[w], fine[k]))
            .collect();
        keys.sort_unstable();
        let map = keys.iter().copied().collect();
        Clusters {
            keys,
            map,
            coarse_of,
        }
    }

    fn cluster_items(count: &[f64], bigrams: &IdMap<f64>, k: usize, passes: usize) -> Vec<u16> {
        let n = count.len();
        let mut pairs: Vec<(u64, f64)> = bigrams.iter().map(|(a, b)| (*a, *b)).collect();
        pairs.sort_unstable_by_key(|p| p.0);
        let mut g = Graph {
            count: count.to_vec(),
            right: vec![Vec::new(); n],
            left: vec![Vec::new(); n],
            selfc: vec![0.0; n],
        };
        for (key, c) in pairs {
            let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
            if a >= n || b >= n {
                continue;
            }
            if a == b {
                g.selfc[a] += c;
            } else {
                g.right[a].push((b as u32, c));
                g.left[b].push((a as u32, c));
            }
        }
        exchange(&g, k, passes)
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.coarse_of.len() as u64);
        for c in &self.coarse_of {
            put_varint(out, u64::from(*c));
        }
        put_varint(out, self.keys.len() as u64);
        let mut prev = 0u64;
        for (k, _) in &self.keys {
            put_varint(out, k.wrapping_sub(prev));
            prev = *k;
        }
        for (_, f) in &self.keys {
            put_varint(out, u64::from(*f));
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Clusters> {
        let k = r.varint()? as usize;
        if k > r.remaining() || k > u16::MAX as usize {
            return None;
        }
        let mut coarse_of = Vec::with_capacity(k);
        for _ in 0..k {
            coarse_of.push(u16::try_from(r.varint()?).ok()?);
        }
        let n = r.varint()? as usize;
        if n > r.remaining() {
            return None;
        }
        let mut hs = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.varint()?);
            hs.push(prev);
        }
        let mut keys = Vec::with_capacity(n);
        for h in hs {
            let f = u16::try_from(r.varint()?).ok()?;
            if usize::from(f) >= k {
                return None;
            }
            keys.push((h, f));
        }
        let map = keys.iter().copied().collect();
        Some(Clusters {
            keys,
            map,
            coarse_of,
        })
    }
}

/// Lowercased-word hashes of each sentence of raw `text`, split into words
/// as the parser splits them.
pub fn text_sentences(text: &str, out: &mut Vec<Vec<u64>>) {
    let doc = Doc::new("c", text);
    for s in &doc.sentences {
        let pieces = crate::words::words(&doc, s.tokens.clone());
        let v: Vec<u64> = pieces
            .iter()
            .filter_map(|p| doc.text.get(p.start..p.end))
            .map(|w| hash_str(&w.to_lowercase()))
            .collect();
        if !v.is_empty() {
            out.push(v);
        }
    }
}

/// Text of the `<text>` elements of an XML file, or the whole file without
/// tags when it has none.
fn xml_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    let mut found = false;
    while let Some(i) = rest.find("<text") {
        let after = &rest[i..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let end = body.find("</text>").unwrap_or(body.len());
        out.push_str(&strip_tags(&body[..end]));
        out.push_str("\n\n");
        found = true;
        rest = &body[end..];
    }
    if found {
        out
    } else {
        strip_tags(s)
    }
}

/// The text of an XML/HTML fragment: CDATA markers and tags removed, the five
/// predefined entities decoded. For corpus files we read ourselves, not for
/// hostile web pages (ingest uses dom_smoothie for those).
pub fn strip_tags(s: &str) -> String {
    let s = s.replace("<![CDATA[", "").replace("]]>", "");
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The raw news text files used for clustering under a shared data folder
/// (PolNeAR train articles, GeoWebNews and LGL articles, TimeBank), in a
/// fixed order. Missing folders are skipped.
pub fn news_files(data: &Path) -> Vec<PathBuf> {
    let mut v = files_in(&data.join("attribution-polnear/train/text"), "txt");
    v.extend(files_in(&data.join("geoparsing"), "xml"));
    v.extend(files_in(&data.join("temporal-timebank/TimeBank"), "tml"));
    v
}

/// Sentences of lowercased-word hashes from the files of [`news_files`].
/// Unreadable files are skipped.
pub fn news_sentences(data: &Path) -> Vec<Vec<u64>> {
    let mut out = Vec::new();
    for f in news_files(data) {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let s = String::from_utf8_lossy(&bytes);
        let text = if f.extension().is_some_and(|e| e == "txt") {
            s.into_owned()
        } else {
            xml_text(&s)
        };
        // Paragraph by paragraph: bounded documents for the tokenizer.
        for para in text.split("\n\n") {
            if !para.trim().is_empty() {
                text_sentences(para, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(w: &str) -> u64 {
        hash_str(w)
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut sents: Vec<Vec<u64>> = Vec::new();
        let nouns = ["cat", "dog", "bird", "horse"];
        let verbs = ["runs", "sleeps", "eats", "jumps"];
        for (i, n) in nouns.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                for _ in 0..(1 + (i + j) % 3) {
                    sents.push(vec![h("the"), h(n), h(v), h(".")]);
                }
            }
        }
        let opts = ClusterOptions {
            fine: 4,
            coarse: 2,
            min_count: 1,
            passes: 10,
        };
        let c = Clusters::learn(sents.iter().map(|s| &s[..]), opts);
        let f = |w: &str| c.get(h(w))[1];
        assert_ne!(f("cat"), 0);
        assert!(nouns.iter().all(|n| f(n) == f("cat")));
        assert!(verbs.iter().all(|v| f(v) == f("runs")));
        assert_ne!(f("cat"), f("runs"));
        assert_eq!(c.get(h("unseen")), [0, 0]);
        // round trip and determinism
        let mut b = Vec::new();
        c.write(&mut b);
        let c2 = Clusters::read(&mut Reader::new(&b)).expect("reads");
        assert_eq!(c2.get(h("dog")), c.get(h("dog")));
        let again = Clusters::learn(sents.iter().map(|s| &s[..]), opts);
        let mut b2 = Vec::new();
        again.write(&mut b2);
        assert_eq!(b, b2);
    }

    #[test]
    fn xml_text_takes_text_elements() {
        let x = "<a><title>T</title><text><![CDATA[Hello &amp; bye]]></text></a>";
        assert_eq!(xml_text(x).trim(), "Hello & bye");
        assert_eq!(xml_text("<p>a <b>b</b></p>").trim(), "a b");
    }

    #[test]
    fn garbage_does_not_read() {
        assert!(Clusters::read(&mut Reader::new(&[0xff, 0xff, 0xff])).is_none());
    }
}
