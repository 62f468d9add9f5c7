//! Event arguments read from the dependency parse (the parse layer,
//! `Analysis::parses`) and the actor layer.
//!
//! Owns the tree rules only: who is the agent (actor1) and the patient or
//! other side (actor2) of a trigger, its associated actors (conjuncts of an
//! argument) and which weapon is named. `args` keeps the token-window rules;
//! `lib.rs` uses these results first and falls back to the windows when the
//! parse finds nothing (no model, or no actor in the argument). Rule names
//! start with `parse:` so `--explain` tells the two apart.
//!
//! - verbs: `nsubj` → actor1, `obj`/`iobj` → actor2; passives (`nsubj:pass`,
//!   `aux:pass`, a `VBN` relative clause "civilians killed by …"): the subject
//!   or modified noun is actor2, `obl:agent` ("by X") actor1; a subjectless
//!   `xcomp`/`conj`/participial `advcl` takes its governor's subject;
//! - nominals ("regime airstrikes", "Russia's strikes", "Russian strikes"):
//!   `nmod:poss`/`compound`/`amod` → actor1, an `nmod` "by X" → actor1,
//!   "on/against/at/targeting X" → actor2 ("with/between" for symmetric
//!   triggers), and the subject of a light verb governing the nominal
//!   ("the regime launched airstrikes") → actor1.

use sitrep_core::SentenceParse;

use crate::args::Arg;
use crate::lexicon::{Form, Role};
use crate::sentence::Sent;

/// A parse aligned with a [`Sent`]: local token ↔ word.
pub struct Tree<'p> {
    pub p: &'p SentenceParse,
    /// First word of each local token.
    word_of: Vec<Option<usize>>,
    /// Local token of each word.
    tok_of: Vec<usize>,
}

/// What the tree rules found for one trigger.
#[derive(Debug, Clone, Default)]
pub struct TreeArgs {
    pub actor1: Option<Arg>,
    pub actor2: Option<Arg>,
    pub passive: bool,
}

const NP_MODIFIERS: &[&str] = &["compound", "amod", "nmod:poss", "flat", "appos"];

impl<'p> Tree<'p> {
    /// Align `p` with the sentence `s`; `None` when the parse is of another sentence.
    pub fn new(s: &Sent, p: &'p SentenceParse) -> Option<Tree<'p>> {
        if p.sentence != s.index || p.words.is_empty() {
            return None;
        }
        let mut word_of = vec![None; s.len()];
        let mut tok_of = Vec::with_capacity(p.words.len());
        for (j, w) in p.words.iter().enumerate() {
            let k = w.token.checked_sub(s.base).filter(|&k| k < s.len())?;
            if word_of[k].is_none() {
                word_of[k] = Some(j);
            }
            tok_of.push(k);
        }
        Some(Tree { p, word_of, tok_of })
    }

    fn rel(&self, j: usize) -> &str {
        self.p.words[j].deprel.as_str()
    }

    fn lemma(&self, j: usize) -> &str {
        self.p.words[j].lemma.as_str()
    }

    /// Lower-cased form of the preposition (`case` dependent) of word `j`.
    fn case_of(&self, s: &Sent, j: usize) -> Option<String> {
        self.p
            .children(j)
            .find(|&c| self.rel(c) == "case")
            .map(|c| s.words[self.tok_of[c]].to_string())
    }

    /// The head word of the trigger `first..=last`: the one whose head lies
    /// outside the trigger (the root if there is none).
    pub fn trigger_head(&self, first: usize, last: usize) -> Option<usize> {
        let words: Vec<usize> = (first..=last)
            .filter_map(|k| self.word_of.get(k).copied().flatten())
            .collect();
        let inside = |h: Option<usize>| h.is_some_and(|h| words.contains(&h));
        words
            .iter()
            .copied()
            .find(|&j| !inside(self.p.head(j)))
            .or_else(|| words.last().copied())
    }

    /// The actor mention naming the noun phrase headed by word `j`: the head
    /// itself, else a modifier ("Syrian forces", "fighters of ISIS").
    fn np_actor(&self, s: &Sent, j: usize) -> Option<(usize, usize)> {
        let k = self.tok_of[j];
        if let Some((f, _, a)) = s.actor_extent(k) {
            return Some((f, a));
        }
        // A weapon or unit noun heads the phrase: look at its modifiers, then
        // at an "of" nmod ("members of the Islamic State").
        for c in self.p.children(j) {
            if NP_MODIFIERS.contains(&self.rel(c)) {
                if let Some((f, _, a)) = s.actor_extent(self.tok_of[c]) {
                    return Some((f, a));
                }
            }
        }
        for c in self.p.children(j) {
            if self.rel(c) == "nmod" && self.case_of(s, c).as_deref() == Some("of") {
                if let Some((f, _, a)) = s.actor_extent(self.tok_of[c]) {
                    return Some((f, a));
                }
            }
        }
        None
    }

    fn arg(&self, s: &Sent, j: usize, rule: &'static str) -> Option<Arg> {
        self.np_actor(s, j)
            .map(|(tok, index)| Arg { index, tok, rule })
    }

    /// The other actors coordinated with the mention `a` ("ISIS and al-Nusra
    /// fighters", "X, Y and Z"): every conjunct of its coordination, the
    /// first one included, in sentence order.
    pub fn associates(&self, s: &Sent, a: &Arg) -> Vec<Arg> {
        let Some(j) = self.word_of.get(a.tok).copied().flatten() else {
            return Vec::new();
        };
        let mut head = self.np_head(j);
        if self.rel(head) == "conj" {
            if let Some(h) = self.p.head(head) {
                head = h;
            }
        }
        let mut out: Vec<Arg> = Vec::new();
        let mut group: Vec<usize> = std::iter::once(head)
            .chain(self.p.children_with(head, "conj"))
            .collect();
        // "The army and Wagner forces clashed": a parse that gives the verb
        // two subjects (or objects) joined by "and" instead of a `conj`.
        if group.len() == 1 && matches!(self.rel(head), "nsubj" | "nsubj:pass" | "obj") {
            if let Some(v) = self.p.head(head) {
                let rel = self.rel(head);
                for c in self.p.children(v) {
                    if c == head || self.rel(c) != rel {
                        continue;
                    }
                    let (lo, hi) = (self.tok_of[c.min(head)], self.tok_of[c.max(head)]);
                    let joined = self
                        .p
                        .children(v)
                        .any(|d| self.rel(d) == "cc" && (lo..hi).contains(&self.tok_of[d]))
                        || (lo..hi).any(|k| s.words[k] == "and");
                    if joined {
                        group.push(c);
                    }
                }
            }
        }
        for c in group {
            if let Some(x) = self.arg(s, c, "parse:assoc-conj") {
                if x.index != a.index && out.iter().all(|y| y.index != x.index) {
                    out.push(x);
                }
            }
        }
        out
    }

    /// Subject of the clause word `v` belongs to, climbing through
    /// subjectless `xcomp`, `conj` and participial `advcl` links ("agreed to
    /// attack", "shelled the town and killed", "…, killing").
    fn subject(&self, v: usize) -> Option<(usize, bool)> {
        let mut cur = v;
        for _ in 0..4 {
            if let Some(c) = self.p.children(cur).find(|&c| self.rel(c) == "nsubj") {
                return Some((c, false));
            }
            if let Some(c) = self.p.children(cur).find(|&c| self.rel(c) == "nsubj:pass") {
                return Some((c, true));
            }
            let rel = self.rel(cur);
            let up = matches!(rel, "xcomp" | "conj")
                || rel == "advcl" && self.p.words[cur].xpos == "VBG";
            match self.p.head(cur) {
                Some(h) if up => cur = h,
                _ => return None,
            }
        }
        None
    }

    /// A dependent of `v` with relation `rel` (obl/nmod) and a preposition in `class`.
    fn pp_child(&self, s: &Sent, v: usize, rels: &[&str], class: &str) -> Option<usize> {
        self.p.children(v).find(|&c| {
            rels.contains(&self.rel(c)) && self.case_of(s, c).is_some_and(|w| s.lx.is(class, &w))
        })
    }

    /// actor1/actor2 of the trigger `first..=last`.
    pub fn actors(
        &self,
        s: &Sent,
        first: usize,
        last: usize,
        form: Form,
        role: Role,
        verb: bool,
    ) -> TreeArgs {
        let mut out = TreeArgs::default();
        let Some(t) = self.trigger_head(first, last) else {
            return out;
        };
        let w = &self.p.words[t];
        let verbal = verb
            && form != Form::Noun
            && (w.upos == "VERB" || w.xpos.starts_with("VB"))
            && !self.rel(t).starts_with("amod");
        let symmetric = role.is_symmetric();
        let target_class = if symmetric {
            "with_prep"
        } else {
            "target_prep"
        };
        if verbal {
            let passive = self
                .p
                .children(t)
                .any(|c| matches!(self.rel(c), "nsubj:pass" | "aux:pass"))
                || self.rel(t) == "acl" && w.xpos == "VBN";
            out.passive = passive;
            let agent = self
                .p
                .children(t)
                .find(|&c| self.rel(c) == "obl:agent")
                .or_else(|| {
                    passive
                        .then(|| self.pp_child(s, t, &["obl"], "by"))
                        .flatten()
                });
            if passive {
                out.actor1 = agent.and_then(|c| self.arg(s, c, "parse:actor1:passive-agent"));
                let patient = self
                    .p
                    .children(t)
                    .find(|&c| self.rel(c) == "nsubj:pass")
                    .or_else(|| (self.rel(t) == "acl").then(|| self.p.head(t)).flatten())
                    .or_else(|| self.subject(t).map(|(c, _)| c));
                out.actor2 = patient.and_then(|c| self.arg(s, c, "parse:actor2:passive-subject"));
            } else {
                out.actor1 = self.subject(t).and_then(|(c, pass)| {
                    let rule = if pass {
                        "parse:actor1:controller"
                    } else {
                        "parse:actor1:nsubj"
                    };
                    // A passive governor's subject is a patient, not an agent.
                    if pass && c != t {
                        return None;
                    }
                    self.arg(s, c, rule)
                });
                let obj = self
                    .p
                    .children(t)
                    .find(|&c| matches!(self.rel(c), "obj" | "iobj"))
                    .and_then(|c| self.arg(s, c, "parse:actor2:obj"));
                let pp = self
                    .pp_child(s, t, &["obl"], target_class)
                    .and_then(|c| self.arg(s, c, "parse:actor2:target-obl"));
                out.actor2 = if symmetric { pp.or(obj) } else { obj.or(pp) };
            }
        } else {
            // Nominal: modifiers name the agent.
            out.actor1 = self
                .p
                .children(t)
                .filter(|&c| matches!(self.rel(c), "nmod:poss" | "compound" | "amod"))
                .find_map(|c| self.arg(s, c, "parse:actor1:nominal-modifier"))
                .or_else(|| {
                    self.pp_child(s, t, &["nmod", "obl", "nmod:agent"], "by")
                        .and_then(|c| self.arg(s, c, "parse:actor1:by-nmod"))
                });
            // "the regime launched airstrikes", "carried out strikes".
            if out.actor1.is_none() && matches!(self.rel(t), "obj" | "nsubj:pass") {
                if let Some(v) = self.p.head(t) {
                    out.actor1 = self
                        .subject(v)
                        .filter(|&(_, pass)| !pass)
                        .and_then(|(c, _)| self.arg(s, c, "parse:actor1:light-verb-subject"));
                }
            }
            let mut target = self
                .pp_child(s, t, &["nmod", "obl"], target_class)
                .and_then(|c| self.arg(s, c, "parse:actor2:target-nmod"));
            // "the shelling of Homs": "of" marks the target right after the trigger.
            if target.is_none() && !symmetric {
                target = self
                    .p
                    .children_with(t, "nmod")
                    .find(|&c| {
                        self.case_of(s, c).as_deref() == Some("of") && self.tok_of[c] <= last + 3
                    })
                    .and_then(|c| self.arg(s, c, "parse:actor2:of-nmod"));
            }
            out.actor2 = target;
            // "clashes between X and Y".
            if symmetric {
                if let Some(c) = self
                    .p
                    .children(t)
                    .find(|&c| self.case_of(s, c).as_deref() == Some("between"))
                {
                    let x = self.arg(s, c, "parse:actor1:between-X-and-Y");
                    let y = self
                        .p
                        .children_with(c, "conj")
                        .find_map(|d| self.arg(s, d, "parse:actor2:between-X-and-Y"));
                    if let (Some(x), Some(y)) = (x, y) {
                        if x.index != y.index {
                            out.actor1 = Some(x);
                            out.actor2 = Some(y);
                        }
                    }
                }
            }
        }
        if out.actor1.map(|a| a.index) == out.actor2.map(|a| a.index) {
            out.actor2 = None;
        }
        // Coordination: symmetric events with one side only pair it with its
        // first conjunct ("X and Y clashed").
        if symmetric && out.actor2.is_none() {
            if let Some(a1) = out.actor1 {
                if let Some(mut b) = self.associates(s, &a1).into_iter().next() {
                    b.rule = "parse:actor2:coordination";
                    out.actor2 = Some(b);
                }
            }
        }
        out
    }

    /// The head of the noun phrase word `j` belongs to: climb while the
    /// relation is a noun-internal one (compound, amod, flat, nmod:poss).
    fn np_head(&self, j: usize) -> usize {
        let mut cur = j;
        for _ in 0..4 {
            if !matches!(
                self.rel(cur),
                "compound" | "amod" | "flat" | "det" | "nmod:poss"
            ) {
                break;
            }
            match self.p.head(cur) {
                Some(h) => cur = h,
                None => break,
            }
        }
        cur
    }

    /// Is the trigger's clause the complement (`ccomp`) of a verb of saying
    /// or deciding? Returns that verb's subject actor ("Russia said Sudan
    /// must …", "the administration declared that China must …").
    pub fn reporting_subject(&self, s: &Sent, first: usize, last: usize) -> Option<Arg> {
        let t = self.trigger_head(first, last)?;
        // A modal trigger ("Sudan must return …") hangs from its verb.
        let t = match self.p.head(t) {
            Some(h) if self.rel(t) == "aux" => h,
            _ => t,
        };
        let mut cur = t;
        for _ in 0..4 {
            let h = self.p.head(cur)?;
            if self.rel(cur) == "ccomp" {
                let subj = self.p.children(h).find(|&c| self.rel(c) == "nsubj")?;
                return self.arg(s, subj, "parse:actor1:reporting-subject");
            }
            if !matches!(self.rel(cur), "xcomp" | "conj") {
                return None;
            }
            cur = h;
        }
        None
    }

    /// The verb framing the trigger's clause ("Russia **said** Sudan
    /// attacked", "Obama **wants** Putin to attack"): climbing from the
    /// trigger's head through nominal and verbal heads to the first
    /// `ccomp`/`xcomp`, stopping at a relative, adverbial or parenthetical
    /// clause. Returns (the framing verb's token, its lemma, its subject
    /// actor).
    pub fn frame(&self, s: &Sent, first: usize, last: usize) -> Option<(usize, String, Arg)> {
        let t = self.trigger_head(first, last)?;
        let mut cur = match self.p.head(t) {
            Some(h) if self.rel(t) == "aux" => h,
            _ => t,
        };
        for _ in 0..6 {
            let rel = self.p.base_rel(cur);
            let h = self.p.head(cur)?;
            match rel {
                "ccomp" | "xcomp" => {
                    let subj = self.p.children(h).find(|&c| self.rel(c) == "nsubj")?;
                    let a = self.arg(s, subj, "actor1:frame-subject")?;
                    return Some((self.tok_of[h], self.lemma(h).to_lowercase(), a));
                }
                "acl" | "advcl" | "parataxis" | "root" | "csubj" => return None,
                _ => cur = h,
            }
        }
        None
    }

    /// A country for a sector-only actor ("British Defence Secretary Tom
    /// King" = ---GOV, "its forces" = ---MIL): an actor with a country code
    /// among the modifiers of its phrase (`amod`, `compound`, `nmod:poss`,
    /// "of"/"from" `nmod`: "dissidents from Myanmar" → MMROPP), or, for a
    /// possessive pronoun ("its", "their"), the subject of the clause. Returns the index of the country actor.
    pub fn country_for(&self, s: &Sent, a: &Arg) -> Option<usize> {
        let j = self.word_of.get(a.tok).copied().flatten()?;
        let head = {
            // The mention may span several words: take its top word.
            let mut cur = j;
            while let Some(h) = self.p.head(cur) {
                if s.actor_of.get(self.tok_of[h]).copied().flatten() == Some(a.index) {
                    cur = h;
                } else {
                    break;
                }
            }
            cur
        };
        let coded = |x: usize| {
            s.actors
                .get(x)
                .is_some_and(|c| x != a.index && !c.code.starts_with("---") && c.code.len() >= 3)
        };
        let mut todo: Vec<usize> = vec![head];
        if let Some(h) = self.p.head(head).filter(|_| self.rel(head) == "compound") {
            todo.push(h);
        }
        // Modifiers of modifiers too ("British Defence Secretary Tom King":
        // "British" modifies "Secretary", which modifies "King").
        let mut i = 0;
        while i < todo.len() && todo.len() < 12 {
            let w = todo[i];
            i += 1;
            for c in self.p.children(w) {
                if matches!(self.rel(c), "compound" | "flat") && !todo.contains(&c) {
                    todo.push(c);
                }
            }
        }
        for &w in &todo {
            for c in self.p.children(w) {
                let rel = self.rel(c);
                // "of" and "from" phrases: "leaders of Egypt", "dissidents
                // from Myanmar", "refugees from Syria".
                let of =
                    rel == "nmod" && matches!(self.case_of(s, c).as_deref(), Some("of" | "from"));
                if !(matches!(rel, "amod" | "compound" | "nmod:poss" | "flat") || of) {
                    continue;
                }
                if let Some(x) = s.actor_of.get(self.tok_of[c]).copied().flatten() {
                    if coded(x) {
                        return Some(x);
                    }
                }
                // "its forces", "their troops": the subject of the clause.
                if rel == "nmod:poss" && matches!(s.words[self.tok_of[c]], "its" | "their") {
                    let mut v = w;
                    while let Some(h) = self.p.head(v) {
                        v = h;
                        if self.p.words[v].upos == "VERB" {
                            break;
                        }
                    }
                    let subj = self.subject(v).map(|(c, _)| c)?;
                    let x = self.np_actor(s, subj).map(|(_, x)| x)?;
                    return coded(x).then_some(x);
                }
            }
        }
        None
    }

    /// Lemma of the trigger's head word (for explanations and tests).
    pub fn head_lemma(&self, first: usize, last: usize) -> Option<&str> {
        self.trigger_head(first, last).map(|t| self.lemma(t))
    }
}
