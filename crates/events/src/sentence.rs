//! One sentence seen by the coder: lower-cased words, which actor, place or
//! time covers each token, and the clause-window helpers every argument rule
//! uses. Owns no decisions; `args`, `casualties` and `factuality` make them.

use sitrep_core::{Actor, Analysis, Doc, TokenKind};

use crate::lexicon::Lexicon;

/// Token-level view of one sentence. Indexes are local (0 = first token).
pub struct Sent<'a> {
    pub doc: &'a Doc,
    pub lx: &'a Lexicon,
    pub index: usize,
    /// Document index of the first token.
    pub base: usize,
    pub words: Vec<&'a str>,
    pub kinds: Vec<TokenKind>,
    /// Actor mention (index into `Analysis::actors`) covering each token.
    pub actor_of: Vec<Option<usize>>,
    /// Place (index into `Analysis::places`) covering each token; literal toponyms only.
    pub place_of: Vec<Option<usize>>,
    /// Time expression covering each token.
    pub time_of: Vec<Option<usize>>,
    /// The actor layer, to read codes.
    pub actors: &'a [Actor],
    /// The place layer, to read precision.
    pub places: &'a [sitrep_core::Place],
}

fn cover(
    doc: &Doc,
    range: &std::ops::Range<usize>,
    start: usize,
    end: usize,
    k: usize,
    out: &mut [Option<usize>],
) {
    let first = doc.token_at(start);
    let mut i = first;
    while i < doc.tokens.len() && doc.tokens[i].start < end {
        if range.contains(&i) {
            let slot = &mut out[i - range.start];
            if slot.is_none() {
                *slot = Some(k);
            }
        }
        i += 1;
    }
}

impl<'a> Sent<'a> {
    /// ACLED geo_precision of place `p` (1 town … 3 region); 3 when unknown.
    pub fn place_precision(&self, p: usize) -> u8 {
        self.places.get(p).map_or(3, |pl| pl.geo_precision.max(1))
    }

    pub fn new(doc: &'a Doc, lx: &'a Lexicon, analysis: &'a Analysis, index: usize) -> Sent<'a> {
        let s = &doc.sentences[index];
        let range = s.tokens.clone();
        let n = range.len();
        let words: Vec<&str> = range.clone().map(|i| doc.lower(i)).collect();
        let kinds: Vec<TokenKind> = range.clone().map(|i| doc.tokens[i].kind).collect();
        let mut actor_of = vec![None; n];
        let mut place_of = vec![None; n];
        let mut time_of = vec![None; n];
        for (k, a) in analysis.actors.iter().enumerate() {
            if a.span.byte_end > s.start && a.span.byte_start < s.end {
                cover(
                    doc,
                    &range,
                    a.span.byte_start,
                    a.span.byte_end,
                    k,
                    &mut actor_of,
                );
            }
        }
        for (k, p) in analysis.places.iter().enumerate() {
            if p.span.byte_end > s.start
                && p.span.byte_start < s.end
                && p.role != "demonym"
                && p.role != "metonym"
            {
                cover(
                    doc,
                    &range,
                    p.span.byte_start,
                    p.span.byte_end,
                    k,
                    &mut place_of,
                );
            }
        }
        for (k, t) in analysis.times.iter().enumerate() {
            if t.span.byte_end > s.start && t.span.byte_start < s.end {
                cover(
                    doc,
                    &range,
                    t.span.byte_start,
                    t.span.byte_end,
                    k,
                    &mut time_of,
                );
            }
        }
        // A town or region coded as a bare country ("Aleppo" → SYR, as the
        // dictionaries do) is where the event happened, not who took part:
        // the place layer wins. Countries and metonyms stay actors.
        for k in 0..n {
            let (Some(a), Some(p)) = (actor_of[k], place_of[k]) else {
                continue;
            };
            let bare_country = analysis.actors[a].sector.is_none();
            let sub_national = analysis.places[p].feature != "country";
            if bare_country && sub_national {
                actor_of[k] = None;
            }
        }
        // "an Islamic State (IS) attack", "the Rapid Support Forces (RSF)":
        // a bracketed short name right after an actor mention is the same
        // actor, never another side; the brackets join the mention, and the
        // acronym keeps its capitals ("IS" is no auxiliary "is"). A sector-only
        // mention yields to the named one ("the paramilitaries (RSF)").
        let mut words = words;
        for k in 1..n.saturating_sub(2) {
            let Some(outer) = actor_of[k - 1] else {
                continue;
            };
            if words[k] != "(" || words[k + 2] != ")" {
                continue;
            }
            let t = &doc.tokens[range.start + k + 1];
            let raw = &doc.text[t.start..t.end];
            let acronym = (2..=6).contains(&raw.len())
                && raw.chars().all(|c| c.is_ascii_uppercase() || c == '-')
                && raw.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let inner = actor_of[k + 1].filter(|&i| i != outer);
            if !acronym && inner.is_none() {
                continue;
            }
            let same = match inner {
                Some(i)
                    if analysis.actors[outer].code.starts_with("---")
                        && !analysis.actors[i].code.starts_with("---") =>
                {
                    i
                }
                _ => outer,
            };
            let mut f = k - 1;
            while f > 0 && actor_of[f - 1] == Some(outer) {
                f -= 1;
            }
            actor_of[f..=k + 2].fill(Some(same));
            if acronym {
                words[k + 1] = raw;
            }
        }
        // "Yemen: The Houthis said …", "South Sudan: Rebels attacked …": a
        // country or region before a colon that opens a sentence is the
        // headline's topic label, no actor of the sentence. A name with a
        // sector ("Zelensky: …") is a speaker and stays.
        if let Some(c) = (1..n.min(5)).find(|&c| words[c] == ":") {
            let capital = |k: usize| {
                doc.text[doc.tokens[range.start + k].start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            let label = (0..c).all(|k| capital(k) || matches!(words[k], "and" | "&" | "'s"))
                && (c + 1..n).any(|k| capital(k) && !matches!(kinds[k], TokenKind::Punct));
            let topic = (0..c).any(|k| {
                place_of[k].is_some()
                    || actor_of[k].is_some_and(|a| analysis.actors[a].sector.is_none())
            }) && (0..c)
                .all(|k| actor_of[k].is_none_or(|a| analysis.actors[a].sector.is_none()));
            if label && topic {
                actor_of[..c].fill(None);
            }
        }
        // "the government-held part", "ISIS-held town", "a UK-based group",
        // "Russian-made rockets": an actor inside a hyphenated modifier names the
        // owner of a place or thing, not a participant.
        for k in 0..n {
            let Some(a) = actor_of[k] else { continue };
            let w = words[k];
            let modifier = w.rsplit_once('-').is_some_and(|(head, suffix)| {
                !head.is_empty() && lx.is("compound_modifier", suffix)
            });
            if modifier {
                for slot in actor_of.iter_mut() {
                    if *slot == Some(a) {
                        *slot = None;
                    }
                }
            }
        }
        Sent {
            doc,
            lx,
            index,
            base: range.start,
            words,
            kinds,
            actor_of,
            place_of,
            time_of,
            actors: &analysis.actors,
            places: &analysis.places,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True for a token that ends a clause (punctuation, conjunctions, quotes).
    pub fn is_boundary(&self, i: usize) -> bool {
        self.lx.is("boundary", self.words[i])
    }

    /// First token of the clause holding token `i`, looking left. Reporting
    /// verbs also end it: in "rebels said the regime bombed X" the clause of
    /// "bombed" starts after "said".
    pub fn clause_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 {
            let w = self.words[k - 1];
            if self.is_boundary(k - 1)
                || self.lx.is("report", w)
                || w == "that" && self.det_that(k - 1)
            {
                return k;
            }
            k -= 1;
        }
        0
    }

    /// The writer's own future ("Obama and Putin will meet in Zurich"): a
    /// bare `will` / `'ll` / `shall` between `lo` and `first`, in a clause no
    /// reporting verb or complementizer governs ("said it will send a
    /// team", "hopes that X will supply" are someone's expressed intent).
    pub fn scheduled_future(&self, lo: usize, first: usize) -> bool {
        let Some(k) = (lo..first.min(self.len()))
            .find(|&k| matches!(self.words[k], "will" | "'ll" | "shall"))
        else {
            return false;
        };
        !(0..k).any(|j| {
            let w = self.words[j];
            self.lx.is("report", w) || w == "that" && self.det_that(j)
        })
    }

    /// One past the last token of the clause holding token `j`, looking right;
    /// a comma also ends it.
    pub fn clause_end(&self, j: usize) -> usize {
        let mut k = j + 1;
        while k < self.len() {
            let w = self.words[k];
            if self.is_boundary(k) || w == "," || w == "." || self.lx.is("report", w) {
                return k;
            }
            k += 1;
        }
        self.len()
    }

    /// "that" used as a complementizer (not "that same day", "that town").
    fn det_that(&self, i: usize) -> bool {
        match self.words.get(i + 1) {
            Some(n) => !self.lx.is("that_det_noun", n),
            None => false,
        }
    }

    /// Local token range `(first, last)` of the actor mention covering `i`.
    pub fn actor_extent(&self, i: usize) -> Option<(usize, usize, usize)> {
        let a = self.actor_of[i]?;
        let mut f = i;
        while f > 0 && self.actor_of[f - 1] == Some(a) {
            f -= 1;
        }
        let mut l = i;
        while l + 1 < self.len() && self.actor_of[l + 1] == Some(a) {
            l += 1;
        }
        Some((f, l, a))
    }

    /// Word before token `i`, skipping determiners and simple modifiers.
    pub fn head_prep(&self, i: usize) -> Option<(usize, &'a str)> {
        let mut k = i;
        let mut skipped = 0;
        while k > 0 {
            let w = self.words[k - 1];
            if self.lx.is("head_prep_skip", w) && skipped < 3 {
                k -= 1;
                skipped += 1;
                continue;
            }
            return Some((k - 1, w));
        }
        None
    }

    /// True when the token is a preposition that makes an NP an oblique (not a subject).
    pub fn is_prep(&self, w: &str) -> bool {
        self.lx.is("oblique_prep", w)
    }

    /// True when local token `i` touches the tokens on both sides (no
    /// space): the hyphen of "U.S.-led", not the dash of "ADEN (AFP) - A".
    pub fn glued(&self, i: usize) -> bool {
        let t = &self.doc.tokens;
        let d = self.base + i;
        d > 0 && d + 1 < t.len() && t[d - 1].end == t[d].start && t[d].end == t[d + 1].start
    }

    /// Document token index of local token `i`.
    pub fn tok(&self, i: usize) -> usize {
        self.base + i
    }

    /// Original (cased) text of local token `i`.
    pub fn text(&self, i: usize) -> &'a str {
        self.doc.token_text(&self.doc.tokens[self.base + i])
    }
}
