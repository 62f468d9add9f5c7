//! The PETRARCH2 CAMEO verb dictionary as data: its import and its matcher.
//!
//! Owns `data/events/cameo_verbs.tsv` (written by `sitrep import cameo-verbs`
//! from `CAMEO.2.0.txt` and `CAMEO2PLOVER-2021.txt`) and the matcher compiled
//! from it at load. It decides only which CAMEO code (and which direction) a
//! verb of the parse codes; `lib.rs` turns a [`VerbHit`] into an event with
//! the usual argument, factuality and discard rules, and the curated table
//! (`triggers.tsv`) keeps precedence on any token it covers. It never touches
//! arguments beyond the `$`/`+` markers and the reversed codes the dictionary
//! states.
//!
//! Dictionary conventions (PETRARCH2 `read_verb_dictionary`):
//! - `---  NAME   [code]` opens a verb block; the lines after it are the
//!   block's verbs (`WORD {irregular forms} [own default code]`; `+A_B` a
//!   multiword verb) and its patterns `- <pre> * <post> [code] # comment`;
//! - in a pattern `*` is the verb, plain words must occur in the verb's
//!   object phrase (or, before `*`, in its subject), `{A B}` is a fixed
//!   phrase, `(P …)` a prepositional phrase headed by P, `&SET` any member
//!   of a synonym set, `$` the source, `+` the target, `^` a skipped phrase;
//! - a code `[A:B]` codes A with the subject as source and B in the other
//!   direction ("received ministers from Y": 043 subject→Y, 042 Y→subject);
//!   `[:B]` codes only the reversed event; `[---]` codes nothing.
//!
//! The matcher reads the dependency parse: the object region is the subtree
//! of the verb's `obj`, `iobj`, `xcomp`, `compound:prt`, `advmod` and (for a
//! passive) `nsubj:pass` dependents; prepositional phrases are its `obl`
//! dependents and the `nmod`s inside the object region, each with its `case`
//! word; the subject region is the `nsubj` subtree. The most specific
//! matching pattern wins (most matched words), ties going to file order;
//! with none, the verb's default code (its own, else its block's) applies.
//! PETRARCH2's `~` transformation rules (events about events: "a said b
//! attacked" is a accusing b, 112) are imported as `trans` rows
//! ([`Transform`]); `lib.rs` applies them to the events of a reported or
//! wanted clause.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use sitrep_core::SentenceParse;

use crate::Error;

/// The generated data file compiled into the binary.
pub const CAMEO_VERBS: &str = include_str!("../../../data/events/cameo_verbs.tsv");
/// Hand-written adjustments (lemmas never coded).
pub const CAMEO_LOCAL: &str = include_str!("../../../data/events/cameo_verbs.local.tsv");

const FILE: &str = "cameo_verbs.tsv";

// ───────────────────────────── import ─────────────────────────────

/// What `sitrep import cameo-verbs` wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportStats {
    pub blocks: usize,
    pub verbs: usize,
    pub patterns: usize,
    pub duplicate_patterns: usize,
    pub synsets: usize,
    pub plover_codes: usize,
    /// `~` rules imported as `trans` rows.
    pub transformations: usize,
    /// `~` rules of another shape (none in CAMEO.2.0.txt today).
    pub transformations_skipped: usize,
}

fn clean_word(w: &str) -> String {
    w.trim()
        .trim_start_matches('+')
        .trim_end_matches('_')
        .replace('_', " ")
        .to_lowercase()
}

/// The code inside the first `[...]` of `line`, and the text before it.
fn split_code(line: &str) -> Option<(&str, String)> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    Some((&line[..open], line[open + 1..close].trim().to_string()))
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

/// Convert `CAMEO.2.0.txt` and `CAMEO2PLOVER-2021.txt` into one compact,
/// deterministic TSV (`out`).
pub fn import(dictionary: &Path, plover_table: &Path, out: &Path) -> Result<ImportStats, Error> {
    let read = |p: &Path| -> Result<String, Error> {
        let bytes = fs::read(p).map_err(|e| Error::Io {
            path: p.display().to_string(),
            source: e,
        })?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    let dict = read(dictionary)?;
    let table = read(plover_table)?;
    let (text, stats) = convert(&dict, &table)?;
    fs::write(out, text).map_err(|e| Error::Io {
        path: out.display().to_string(),
        source: e,
    })?;
    Ok(stats)
}

/// A `~` rule "a (a b ATTACK) SAY = a b 015" as the tab-separated columns
/// SRC TGT CLASS VERB CODE (`a b ATTACK say 015`); `None` for another shape.
fn transformation(rule: &str) -> Option<String> {
    let (lhs, rhs) = rule.split_once('=')?;
    let lhs = lhs.replace('(', " ( ").replace(')', " ) ");
    let t: Vec<&str> = lhs.split_whitespace().collect();
    let r: Vec<&str> = rhs.split_whitespace().collect();
    match (t.as_slice(), r.as_slice()) {
        (["a", "(", src, tgt, class, ")", verb], ["a", "b", code])
            if [*src, *tgt]
                .iter()
                .all(|x| matches!(*x, "a" | "b" | "_" | "."))
                && *src != *tgt =>
        {
            Some(format!(
                "{src}\t{tgt}\t{}\t{}\t{code}",
                class.to_lowercase(),
                verb.to_lowercase()
            ))
        }
        _ => None,
    }
}

/// The conversion itself (pure, for tests).
pub fn convert(dict: &str, table: &str) -> Result<(String, ImportStats), Error> {
    let mut st = ImportStats::default();
    let mut out = String::new();
    out.push_str(
        "# CAMEO verb patterns for the event coder: GENERATED by `sitrep import cameo-verbs`\n\
         # from PETRARCH2's CAMEO.2.0.txt (Open Event Data Alliance, MIT) and PLOVER's\n\
         # CAMEO2PLOVER-2021.txt (CC BY-SA 4.0). Do not edit by hand: rerun the import.\n\
         # Rows (tab-separated):\n\
         #   plover  CODE  EVENT  MODE|-                 CAMEO code -> PLOVER event and mode\n\
         #   set     NAME  member|member …               synonym set (&NAME in patterns)\n\
         #   block   NAME  CODE                          verb block and its default code\n\
         #   verb    NAME  lemma  forms|…|-  CODE|-      a verb of the block (multiword: space-separated;\n\
         #                                               forms: irregular inflections; CODE: its own default)\n\
         #   pat     NAME  LINE  pattern  CODE           a pattern of the block (LINE in CAMEO.2.0.txt)\n\
         #   trans   LINE  SRC  TGT  CLASS  VERB  CODE   a `~` rule \"a (SRC TGT CLASS) VERB = a b CODE\":\n\
         #                                               SRC/TGT a (the verb's subject), b, _ (none), . (any)\n",
    );
    // PLOVER mapping: "030: AGREE,  , diplomatic # comment".
    let mut plover: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in table.lines() {
        let l = strip_comment(line).trim();
        let Some((code, rest)) = l.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut cols = rest.split(',').map(str::trim);
        let event = cols.next().unwrap_or("").to_string();
        let mode = cols.next().unwrap_or("").replace(' ', "");
        if event.is_empty() {
            continue;
        }
        // The table lists 175 twice with the same reading: the first wins.
        plover
            .entry(code.to_string())
            .or_insert((event, if mode.is_empty() { "-".into() } else { mode }));
    }
    st.plover_codes = plover.len();
    for (code, (ev, mode)) in &plover {
        let _ = writeln!(out, "plover\t{code}\t{ev}\t{mode}");
    }
    let mut in_verbs = false;
    let mut set: Option<(String, Vec<String>)> = None;
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    let mut body = String::new();
    let mut block: Option<String> = None;
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    for (no, raw) in dict.lines().enumerate() {
        let line_no = no + 1;
        let line = raw.trim_end();
        if line.starts_with("####### VERB PATTERNS") {
            in_verbs = true;
            if let Some(s) = set.take() {
                sets.push(s);
            }
            continue;
        }
        if !in_verbs {
            let l = strip_comment(line).trim();
            if let Some(name) = l.strip_prefix('&') {
                if let Some(s) = set.take() {
                    sets.push(s);
                }
                set = Some((name.trim().trim_end_matches('_').to_lowercase(), Vec::new()));
            } else if l.starts_with('+') {
                if let Some((_, members)) = set.as_mut() {
                    let m = clean_word(l);
                    if !m.is_empty() && !members.contains(&m) {
                        members.push(m);
                    }
                }
            }
            continue;
        }
        if let Some(rule) = line.strip_prefix('~') {
            match transformation(strip_comment(rule)) {
                Some(cols) => {
                    let _ = writeln!(body, "trans\t{line_no}\t{cols}");
                    st.transformations += 1;
                }
                None => st.transformations_skipped += 1,
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("---") {
            // "---  ACCELERATE   [---]  ---"
            let Some((name, code)) = split_code(rest) else {
                continue;
            };
            let name = name.trim().to_string();
            let _ = writeln!(body, "block\t{name}\t{code}");
            st.blocks += 1;
            block = Some(name);
            continue;
        }
        let Some(b) = block.clone() else { continue };
        if let Some(p) = line.strip_prefix('-') {
            let Some((pat, code)) = split_code(p) else {
                continue;
            };
            let pat = pat.split_whitespace().collect::<Vec<_>>().join(" ");
            let pat = pat.to_lowercase();
            if !pat.contains('*') {
                continue;
            }
            if !seen.insert((b.clone(), pat.clone(), code.clone())) {
                st.duplicate_patterns += 1;
                continue;
            }
            let _ = writeln!(body, "pat\t{b}\t{line_no}\t{pat}\t{code}");
            st.patterns += 1;
            continue;
        }
        let l = strip_comment(line).trim();
        if l.is_empty() || !(l.starts_with('+') || l.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            continue;
        }
        // "HURRY {HURRIES HURRYING HURRIED } [073]", "+ASK_FOR {+ASKED_FOR …} [020]"
        let (head, code) = match split_code(l) {
            Some((h, c)) => (h.to_string(), c),
            None => (l.to_string(), "-".to_string()),
        };
        let (lemma_part, forms) = match head.split_once('{') {
            Some((a, f)) => (a.to_string(), f.split('}').next().unwrap_or("").to_string()),
            None => (head.clone(), String::new()),
        };
        let lemma = clean_word(lemma_part.trim());
        if lemma.is_empty() {
            continue;
        }
        let forms: Vec<String> = forms
            .split_whitespace()
            .map(clean_word)
            .filter(|f| !f.is_empty())
            .collect();
        let forms = if forms.is_empty() {
            "-".to_string()
        } else {
            forms.join("|")
        };
        let _ = writeln!(body, "verb\t{b}\t{lemma}\t{forms}\t{code}");
        st.verbs += 1;
    }
    if let Some(s) = set.take() {
        sets.push(s);
    }
    sets.sort();
    sets.dedup_by(|a, b| a.0 == b.0);
    st.synsets = sets.len();
    for (name, members) in &sets {
        let _ = writeln!(out, "set\t{name}\t{}", members.join("|"));
    }
    out.push_str(&body);
    if st.blocks == 0 {
        return Err(Error::Load(
            "no verb blocks found: is this CAMEO.2.0.txt?".into(),
        ));
    }
    Ok((out, st))
}

// ───────────────────────────── matcher ─────────────────────────────

#[derive(Debug, Clone, PartialEq, Eq)]
enum Elem {
    Word(String),
    Set(usize),
    Phrase(Vec<Elem>),
    Source,
    Target,
}

#[derive(Debug, Clone)]
struct Pp {
    prep: String,
    items: Vec<Elem>,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
struct Pattern {
    line: usize,
    text: String,
    pre: Vec<Elem>,
    post: Vec<Elem>,
    pps: Vec<Pp>,
    code: Code,
}

/// A dictionary code: forward (subject as source) and reversed events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Code {
    pub forward: Option<String>,
    pub reversed: Option<String>,
}

impl Code {
    fn parse(s: &str) -> Code {
        let ok = |c: &str| {
            let c = c.trim();
            (!c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())).then(|| c.to_string())
        };
        match s.split_once(':') {
            Some((a, b)) => Code {
                forward: ok(a),
                reversed: ok(b),
            },
            None => Code {
                forward: ok(s),
                reversed: None,
            },
        }
    }

    fn is_none(&self) -> bool {
        self.forward.is_none() && self.reversed.is_none()
    }
}

#[derive(Debug, Clone)]
struct Verb {
    block: usize,
    /// Words after the verb in a multiword verb ("ask for": ["for"]).
    rest: Vec<String>,
    code: Option<Code>,
}

/// What the dictionary says about one verb of a parsed sentence.
#[derive(Debug, Clone)]
pub struct VerbHit {
    pub code: Code,
    /// Verb block name (the dictionary's entry).
    pub block: String,
    pub lemma: String,
    /// The pattern that matched ("* (from $) assurance"), or `None` for the verb's default.
    pub pattern: Option<String>,
    /// Line of the pattern in CAMEO.2.0.txt.
    pub line: Option<usize>,
    /// Parse word of the source / target named by a `$` / `+` marker in a PP.
    pub source_word: Option<usize>,
    pub target_word: Option<usize>,
    /// Parse words heading the prepositional phrases of the verb (for a
    /// reversed code's other side): (preposition, head word).
    pub pps: Vec<(String, usize)>,
    /// Number of pattern words matched (0 for a default).
    pub score: usize,
}

/// The compiled dictionary.
#[derive(Debug, Default)]
pub struct CameoVerbs {
    plover: HashMap<String, (String, Option<String>)>,
    sets: Vec<Vec<Vec<String>>>,
    blocks: Vec<(String, Code)>,
    verbs: HashMap<String, Vec<Verb>>,
    /// Lower-cased surface forms → lemmas (a prefilter before parsing).
    surface: HashMap<String, Vec<String>>,
    patterns: Vec<Pattern>,
    by_block: Vec<Vec<usize>>,
    /// Per block: the first content word of each pattern, with its plural
    /// and singular (a prefilter: a verb with no default code is worth a
    /// parse only when one of these is in the sentence).
    anchors: Vec<HashSet<String>>,
    transforms: Vec<Transform>,
}

/// A PETRARCH2 `~` rule: an event of `class` inside the complement of
/// `verb` (whose subject is `a`) yields `a → b` coded `code` (`Q`: the
/// embedded event's own code). `src`/`tgt` constrain the embedded event's
/// source and target: `a` the verb's subject, `b` another actor, `_` none
/// (or the subject itself, the controller of an infinitive), `.` any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transform {
    pub line: usize,
    pub src: char,
    pub tgt: char,
    /// `attack` (CAMEO roots 18–20) or a verb block name (`assassinate`).
    pub class: String,
    /// Lemma of the framing verb (`say`, `claim`, `want`, `attempt`).
    pub verb: String,
    pub code: String,
}

fn tokenize(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in p.chars() {
        if matches!(c, '{' | '}' | '(' | ')') || c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Regular inflections of a verb (over-generation is harmless: the parse
/// lemma confirms).
fn inflections(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let b = w.as_bytes();
    let Some(&last) = b.last() else {
        return out;
    };
    let prev = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let stem = &w[..w.len() - 1];
    if last == b'y' && !vowel(prev) {
        out.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{w}ing"),
        ]);
    } else if last == b'e' {
        out.extend([format!("{w}s"), format!("{w}d"), format!("{stem}ing")]);
    } else {
        out.extend([
            format!("{w}s"),
            format!("{w}es"),
            format!("{w}ed"),
            format!("{w}ing"),
            format!("{w}{}ed", last as char),
            format!("{w}{}ing", last as char),
        ]);
    }
    out
}

/// A word, its plural and its singular.
fn variants(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    out.extend(singular(w));
    if let Some(stem) = w.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out.push(format!("{w}s"));
    out.push(format!("{w}es"));
    out
}

/// Singular of a dictionary word ("rallies" → "rally").
fn singular(w: &str) -> Option<String> {
    if let Some(s) = w.strip_suffix("ies") {
        return Some(format!("{s}y"));
    }
    if w.ends_with("ss") {
        return None;
    }
    w.strip_suffix('s').map(str::to_string)
}

impl CameoVerbs {
    /// The dictionary compiled into the binary.
    pub fn builtin() -> Result<CameoVerbs, Error> {
        let mut cv = CameoVerbs::parse(CAMEO_VERBS)?;
        cv.apply_local(CAMEO_LOCAL)?;
        Ok(cv)
    }

    /// Apply `cameo_verbs.local.tsv`: `skip_lemma` rows remove verbs.
    pub fn apply_local(&mut self, text: &str) -> Result<(), Error> {
        for (i, raw) in text.lines().enumerate() {
            if raw.starts_with('#') || raw.trim().is_empty() {
                continue;
            }
            match raw.split('\t').collect::<Vec<_>>().as_slice() {
                ["skip_lemma", lemma] => {
                    self.verbs.remove(*lemma);
                    for v in self.surface.values_mut() {
                        v.retain(|l| l != lemma);
                    }
                    self.surface.retain(|_, v| !v.is_empty());
                }
                _ => {
                    return Err(Error::Data {
                        file: "cameo_verbs.local.tsv",
                        line: i + 1,
                        msg: format!("unexpected row {raw:?}"),
                    })
                }
            }
        }
        Ok(())
    }

    /// Compile the generated TSV.
    pub fn parse(text: &str) -> Result<CameoVerbs, Error> {
        let mut cv = CameoVerbs::default();
        let mut set_index: HashMap<String, usize> = HashMap::new();
        let mut block_index: HashMap<String, usize> = HashMap::new();
        let bad = |line: usize, msg: String| Error::Data {
            file: FILE,
            line,
            msg,
        };
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            if raw.starts_with('#') || raw.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = raw.split('\t').collect();
            match (cols[0], cols.len()) {
                ("plover", 4) => {
                    let mode = (cols[3] != "-").then(|| cols[3].to_string());
                    cv.plover
                        .insert(cols[1].to_string(), (cols[2].to_string(), mode));
                }
                ("set", 3) => {
                    set_index.insert(cols[1].to_string(), cv.sets.len());
                    cv.sets.push(
                        cols[2]
                            .split('|')
                            .map(|m| m.split(' ').map(str::to_string).collect())
                            .collect(),
                    );
                }
                ("block", 3) => {
                    block_index.insert(cols[1].to_string(), cv.blocks.len());
                    cv.blocks.push((cols[1].to_string(), Code::parse(cols[2])));
                    cv.by_block.push(Vec::new());
                }
                ("verb", 5) => {
                    let block = *block_index
                        .get(cols[1])
                        .ok_or_else(|| bad(line, format!("verb before its block {}", cols[1])))?;
                    let words: Vec<String> = cols[2].split(' ').map(str::to_string).collect();
                    let Some((lemma, rest)) = words.split_first() else {
                        continue;
                    };
                    let code = (cols[4] != "-").then(|| Code::parse(cols[4]));
                    let mut forms = inflections(lemma);
                    if cols[3] != "-" {
                        forms.extend(
                            cols[3]
                                .split('|')
                                .filter_map(|f| f.split(' ').next().map(str::to_string)),
                        );
                    }
                    for f in forms {
                        let v = cv.surface.entry(f).or_default();
                        if !v.contains(lemma) {
                            v.push(lemma.clone());
                        }
                    }
                    cv.verbs.entry(lemma.clone()).or_default().push(Verb {
                        block,
                        rest: rest.to_vec(),
                        code,
                    });
                }
                ("pat", 5) => {
                    let block = *block_index.get(cols[1]).ok_or_else(|| {
                        bad(line, format!("pattern before its block {}", cols[1]))
                    })?;
                    let src: usize = cols[2]
                        .parse()
                        .map_err(|_| bad(line, format!("bad line number {:?}", cols[2])))?;
                    // A pattern using an unknown set or unbalanced brackets is dropped.
                    if let Some(p) = compile(cols[3], &set_index) {
                        cv.by_block[block].push(cv.patterns.len());
                        cv.patterns.push(Pattern {
                            line: src,
                            text: cols[3].to_string(),
                            code: Code::parse(cols[4]),
                            ..p
                        });
                    }
                }
                ("trans", 7) => {
                    let src: usize = cols[1]
                        .parse()
                        .map_err(|_| bad(line, format!("bad line number {:?}", cols[1])))?;
                    let slot = |c: &str| {
                        c.chars()
                            .next()
                            .filter(|c| "ab_.".contains(*c))
                            .ok_or_else(|| bad(line, format!("bad slot {c:?}")))
                    };
                    cv.transforms.push(Transform {
                        line: src,
                        src: slot(cols[2])?,
                        tgt: slot(cols[3])?,
                        class: cols[4].to_string(),
                        verb: cols[5].to_string(),
                        code: cols[6].to_string(),
                    });
                }
                (kind, n) => {
                    return Err(bad(
                        line,
                        format!("unexpected row {kind:?} with {n} columns"),
                    ));
                }
            }
        }
        cv.anchors = cv
            .by_block
            .iter()
            .map(|pats| {
                let mut set = HashSet::new();
                for &pi in pats {
                    let p = &cv.patterns[pi];
                    let first = p
                        .post
                        .iter()
                        .chain(p.pps.iter().flat_map(|pp| pp.items.iter()))
                        .find_map(|e| cv.first_words(e));
                    for w in first.unwrap_or_default() {
                        set.extend(variants(&w));
                    }
                }
                set
            })
            .collect();
        Ok(cv)
    }

    fn first_words(&self, e: &Elem) -> Option<Vec<String>> {
        match e {
            Elem::Word(w) => Some(vec![w.split(' ').next().unwrap_or(w).to_string()]),
            Elem::Set(i) => Some(
                self.sets[*i]
                    .iter()
                    .filter_map(|m| m.first().cloned())
                    .collect(),
            ),
            Elem::Phrase(items) => items.iter().find_map(|e| self.first_words(e)),
            Elem::Source | Elem::Target => None,
        }
    }

    /// Is the verb `w` (a surface form) worth parsing the sentence for? It
    /// is when one of its verbs has a default code, or a word that starts
    /// one of its block's patterns is among `words`.
    pub fn worth_parsing(&self, w: &str, words: &HashSet<&str>) -> bool {
        let Some(lemmas) = self.surface.get(w) else {
            return false;
        };
        lemmas
            .iter()
            .flat_map(|l| self.verbs.get(l))
            .flatten()
            .any(|v| {
                let default = v.code.as_ref().unwrap_or(&self.blocks[v.block].1);
                !default.is_none()
                    && default
                        .forward
                        .as_deref()
                        .is_none_or(|c| !c.starts_with("01"))
                    || self.anchors[v.block]
                        .iter()
                        .any(|a| words.contains(a.as_str()))
            })
    }

    /// Is `w` (lower case) a surface form of the dictionary verb `lemma`?
    pub fn is_form_of(&self, w: &str, lemma: &str) -> bool {
        self.surface
            .get(w)
            .is_some_and(|ls| ls.iter().any(|l| l == lemma))
    }

    /// The imported `~` rules, in file order.
    pub fn transforms(&self) -> &[Transform] {
        &self.transforms
    }

    /// Every CAMEO code the dictionary can produce, sorted.
    pub fn codes(&self) -> Vec<String> {
        let mut out: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut add = |c: &Code| {
            out.extend(c.forward.iter().cloned());
            out.extend(c.reversed.iter().cloned());
        };
        self.blocks.iter().for_each(|b| add(&b.1));
        self.patterns.iter().for_each(|p| add(&p.code));
        self.verbs
            .values()
            .flatten()
            .filter_map(|v| v.code.as_ref())
            .for_each(&mut add);
        out.extend(
            self.transforms
                .iter()
                .filter(|t| t.code.bytes().all(|b| b.is_ascii_digit()))
                .map(|t| t.code.clone()),
        );
        out.into_iter().collect()
    }

    /// Number of compiled patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// PLOVER event and mode of a CAMEO code: the code, else its parents
    /// (4 → 3 → 2 digits) in CAMEO2PLOVER-2021. Appeals (02x), which the
    /// table leaves out, are REQUEST (the curated table's convention); public
    /// statements (01x) have no PLOVER event (`None`).
    pub fn plover(&self, code: &str) -> Option<(String, Option<String>)> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(p) = self.plover.get(c) {
                return Some(p.clone());
            }
            c = &c[..c.len() - 1];
        }
        if code.starts_with("02") {
            return Some(("REQUEST".into(), None));
        }
        None
    }

    /// Is `w` (lower-cased) an inflection of a dictionary verb?
    pub fn is_surface(&self, w: &str) -> bool {
        self.surface.contains_key(w)
    }

    /// Code the verb at parse word `v` (its lemma must be a dictionary verb).
    /// `form(j)` gives the lower-cased surface form of parse word `j`.
    pub fn code_verb(
        &self,
        p: &SentenceParse,
        v: usize,
        form: &dyn Fn(usize) -> String,
    ) -> Option<VerbHit> {
        let w = p.words.get(v)?;
        let lemma = w.lemma.to_lowercase();
        let verbs = self.verbs.get(&lemma)?;
        let ctx = Context::new(p, v, form);
        let mut best: Option<VerbHit> = None;
        for verb in verbs {
            // A multiword verb needs its other words after it ("ask for").
            if !verb.rest.iter().all(|r| ctx.has_word(&ctx.particles, r)) {
                continue;
            }
            let (bname, bcode) = &self.blocks[verb.block];
            let mut pick: Option<(&Pattern, usize, Option<usize>, Option<usize>)> = None;
            for &pi in &self.by_block[verb.block] {
                let pat = &self.patterns[pi];
                if let Some((score, src, tgt)) = self.try_pattern(&ctx, pat) {
                    if pick.as_ref().is_none_or(|b| score > b.1) {
                        pick = Some((pat, score, src, tgt));
                    }
                }
            }
            let hit = match pick {
                Some((pat, score, src, tgt)) => VerbHit {
                    code: pat.code.clone(),
                    block: bname.clone(),
                    lemma: lemma.clone(),
                    pattern: Some(pat.text.clone()),
                    line: Some(pat.line),
                    source_word: src,
                    target_word: tgt,
                    pps: Vec::new(),
                    score: score + verb.rest.len(),
                },
                None => VerbHit {
                    code: verb.code.clone().unwrap_or_else(|| bcode.clone()),
                    block: bname.clone(),
                    lemma: lemma.clone(),
                    pattern: None,
                    line: None,
                    source_word: None,
                    target_word: None,
                    pps: Vec::new(),
                    score: verb.rest.len(),
                },
            };
            if best.as_ref().is_none_or(|b| hit.score > b.score) {
                best = Some(hit);
            }
        }
        let mut best = best?;
        if best.code.is_none() {
            return None;
        }
        best.pps = ctx
            .pps
            .iter()
            .filter_map(|pp| pp.head.map(|h| (pp.prep.clone(), h)))
            .collect();
        Some(best)
    }

    /// Score of `pat` in `ctx` (words matched), with the words a `$`/`+` marks.
    fn try_pattern(
        &self,
        ctx: &Context,
        pat: &Pattern,
    ) -> Option<(usize, Option<usize>, Option<usize>)> {
        let mut score = 0;
        for e in &pat.pre {
            score += self.elem(ctx, &ctx.subject, e)?;
        }
        for e in &pat.post {
            score += self.elem(ctx, &ctx.object, e)?;
        }
        let (mut src, mut tgt) = (None, None);
        let mut used: Vec<usize> = Vec::new();
        for pp in &pat.pps {
            let mut found = None;
            for (k, cand) in ctx.pps.iter().enumerate() {
                if used.contains(&k) || cand.prep != pp.prep {
                    continue;
                }
                let s: Option<usize> = pp
                    .items
                    .iter()
                    .map(|e| self.elem(ctx, &cand.words, e))
                    .sum();
                if let Some(s) = s {
                    found = Some((k, s));
                    break;
                }
            }
            let (k, s) = found?;
            used.push(k);
            score += s + 1;
            if pp.items.contains(&Elem::Source) {
                src = ctx.pps[k].head;
            }
            if pp.items.contains(&Elem::Target) {
                tgt = ctx.pps[k].head;
            }
        }
        Some((score, src, tgt))
    }

    /// Words matched by `e` in `region` (`None`: no match).
    fn elem(&self, ctx: &Context, region: &[usize], e: &Elem) -> Option<usize> {
        match e {
            Elem::Source | Elem::Target => Some(0),
            Elem::Word(w) => ctx.has_word(region, w).then_some(1),
            Elem::Set(i) => self.sets[*i]
                .iter()
                .any(|m| ctx.has_phrase(region, m))
                .then_some(1),
            Elem::Phrase(items) => {
                // Consecutive words of the region, each matching its element.
                let ok = region.iter().any(|&start| {
                    let mut j = start;
                    for (n, it) in items.iter().enumerate() {
                        let matched = match it {
                            Elem::Word(w) => ctx.word_is(j, w) && region.contains(&j),
                            Elem::Set(i) => self.sets[*i]
                                .iter()
                                .any(|m| m.len() == 1 && ctx.word_is(j, &m[0])),
                            _ => true,
                        };
                        if !matched {
                            return false;
                        }
                        if n + 1 < items.len() {
                            j += 1;
                        }
                    }
                    true
                });
                ok.then_some(items.len())
            }
        }
    }

    /// The block name and pattern text for `--explain`.
    pub fn describe(hit: &VerbHit, code: &str) -> String {
        match (&hit.pattern, hit.line) {
            (Some(p), Some(l)) => format!(
                "cameo-verb:{}/{}:\"- {}\"(CAMEO.2.0.txt:{l})→{code}",
                hit.block, hit.lemma, p
            ),
            _ => format!("cameo-verb:{}/{}:default→{code}", hit.block, hit.lemma),
        }
    }
}

/// The literal words of the pattern a [`CameoVerbs::describe`] rule names
/// (`cameo-verb:EXPLAIN_VERBAL/express:"- * sorrow"(…)` → `["sorrow"]`);
/// empty for a verb's default coding. Markers (`*`, `$`, `+`), synonym sets
/// (`&…`) and brackets are not words.
pub fn described_pattern_words(rule: &str) -> Vec<&str> {
    let Some(rest) = rule.strip_prefix("cameo-verb:") else {
        return Vec::new();
    };
    let Some(i) = rest.find(":\"- ") else {
        return Vec::new();
    };
    let body = &rest[i + 4..];
    let body = &body[..body.find('"').unwrap_or(body.len())];
    body.split(|c: char| c.is_whitespace() || "()[]{}".contains(c))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_alphabetic()))
        .collect()
}

fn compile(text: &str, sets: &HashMap<String, usize>) -> Option<Pattern> {
    let toks = tokenize(text);
    let mut pre = Vec::new();
    let mut post = Vec::new();
    let mut pps = Vec::new();
    let mut after = false;
    let mut i = 0;
    let elem = |t: &str| -> Option<Option<Elem>> {
        Some(match t {
            "$" => Some(Elem::Source),
            "+" => Some(Elem::Target),
            "^" | "%" | "_" | "." => None,
            t if t.starts_with('&') => Some(Elem::Set(
                *sets.get(t.trim_start_matches('&').trim_end_matches('_'))?,
            )),
            t => {
                let w = t.trim_end_matches('_').replace('_', " ");
                if w.is_empty() {
                    None
                } else {
                    Some(Elem::Word(w))
                }
            }
        })
    };
    let phrase = |toks: &[String], i: &mut usize| -> Option<Elem> {
        // toks[*i] == "{"
        *i += 1;
        let mut items = Vec::new();
        while *i < toks.len() && toks[*i] != "}" {
            if let Some(e) = elem(&toks[*i])? {
                items.push(e);
            }
            *i += 1;
        }
        if *i >= toks.len() {
            return None;
        }
        *i += 1;
        Some(Elem::Phrase(items))
    };
    while i < toks.len() {
        let t = toks[i].as_str();
        match t {
            "*" => {
                after = true;
                i += 1;
            }
            "{" => {
                let e = phrase(&toks, &mut i)?;
                if after { &mut post } else { &mut pre }.push(e);
            }
            "(" => {
                i += 1;
                let prep = toks.get(i)?.clone();
                if matches!(prep.as_str(), "(" | ")" | "{" | "}" | "*") {
                    return None;
                }
                i += 1;
                let mut items = Vec::new();
                while i < toks.len() && toks[i] != ")" {
                    if toks[i] == "{" {
                        items.push(phrase(&toks, &mut i)?);
                        continue;
                    }
                    if toks[i] == "(" {
                        return None;
                    }
                    if let Some(e) = elem(&toks[i])? {
                        items.push(e);
                    }
                    i += 1;
                }
                if i >= toks.len() {
                    return None;
                }
                i += 1;
                pps.push(Pp { prep, items });
            }
            ")" | "}" => return None,
            t => {
                if let Some(e) = elem(t)? {
                    if after { &mut post } else { &mut pre }.push(e);
                }
                i += 1;
            }
        }
    }
    if !after {
        return None;
    }
    Some(Pattern {
        line: 0,
        text: String::new(),
        pre,
        post,
        pps,
        code: Code::default(),
    })
}

struct PpCtx {
    prep: String,
    head: Option<usize>,
    words: Vec<usize>,
}

/// The verb's regions in the parse.
struct Context<'a> {
    p: &'a SentenceParse,
    forms: Vec<String>,
    subject: Vec<usize>,
    object: Vec<usize>,
    particles: Vec<usize>,
    pps: Vec<PpCtx>,
}

const STOP: &[&str] = &[
    "acl:relcl",
    "advcl",
    "parataxis",
    "ccomp",
    "punct",
    "obl",
    "nmod",
    "case",
];

impl<'a> Context<'a> {
    fn new(p: &'a SentenceParse, v: usize, form: &dyn Fn(usize) -> String) -> Context<'a> {
        let forms: Vec<String> = (0..p.words.len()).map(form).collect();
        let mut c = Context {
            p,
            forms,
            subject: Vec::new(),
            object: Vec::new(),
            particles: Vec::new(),
            pps: Vec::new(),
        };
        let mut heads: Vec<usize> = vec![v];
        for ch in p.children(v) {
            let rel = p.words[ch].deprel.as_str();
            match rel {
                "nsubj" => c.subject.extend(c.subtree(ch, STOP)),
                "obj" | "iobj" | "xcomp" | "nsubj:pass" | "advmod" | "compound:prt" => {
                    let sub = c.subtree(ch, STOP);
                    if rel == "compound:prt" {
                        c.particles.extend(sub.iter().copied());
                    }
                    heads.extend(sub.iter().copied());
                    c.object.extend(sub);
                }
                _ => {}
            }
        }
        // Multiword verbs: particles, objects and prepositions after the verb.
        c.particles.extend(c.object.iter().copied());
        for h in heads {
            for ch in p.children(h) {
                let base = p.base_rel(ch);
                if !(base == "obl" || base == "nmod") || (h == v && base == "nmod") {
                    continue;
                }
                let case = p
                    .children(ch)
                    .find(|&k| p.words[k].deprel == "case")
                    .map(|k| c.forms[k].clone());
                let Some(prep) = case else { continue };
                if let Some(k) = p.children(ch).find(|&k| p.words[k].deprel == "case") {
                    c.particles.push(k);
                }
                let mut words = c.subtree(ch, &["acl:relcl", "advcl", "parataxis", "punct"]);
                words.retain(|&k| p.words[k].deprel != "case" || p.head(k) != Some(ch));
                c.pps.push(PpCtx {
                    prep,
                    head: Some(ch),
                    words,
                });
            }
        }
        c.subject.sort_unstable();
        c.object.sort_unstable();
        c.object.dedup();
        c
    }

    /// Word `j` and its dependents, not entering relations in `stop`.
    fn subtree(&self, j: usize, stop: &[&str]) -> Vec<usize> {
        let mut out = vec![j];
        let mut k = 0;
        while k < out.len() {
            let h = out[k];
            for ch in self.p.children(h) {
                let rel = self.p.words[ch].deprel.as_str();
                if !stop.contains(&rel) && !stop.contains(&self.p.base_rel(ch)) {
                    out.push(ch);
                }
            }
            k += 1;
            if out.len() > 60 {
                break;
            }
        }
        out.sort_unstable();
        out
    }

    fn word_is(&self, j: usize, w: &str) -> bool {
        let Some(pw) = self.p.words.get(j) else {
            return false;
        };
        let form = self.forms[j].as_str();
        let lemma = pw.lemma.to_lowercase();
        form == w
            || lemma == w
            || singular(w).is_some_and(|s| s == lemma || s == form)
            || singular(form).is_some_and(|s| s == w)
    }

    fn has_word(&self, region: &[usize], w: &str) -> bool {
        if w.contains(' ') {
            let m: Vec<String> = w.split(' ').map(str::to_string).collect();
            return self.has_phrase(region, &m);
        }
        region.iter().any(|&j| self.word_is(j, w))
    }

    fn has_phrase(&self, region: &[usize], m: &[String]) -> bool {
        match m {
            [] => false,
            [w] => self.has_word(region, w),
            _ => region.iter().any(|&j| {
                m.iter()
                    .enumerate()
                    .all(|(n, w)| region.contains(&(j + n)) && self.word_is(j + n, w))
            }),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn described_pattern_words_are_the_literal_words_of_the_pattern() {
        assert_eq!(
            super::described_pattern_words(
                "cameo-verb:EXPLAIN_VERBAL/express:\"- * sorrow\"(CAMEO.2.0.txt:4557)→018"
            ),
            vec!["sorrow"]
        );
        assert_eq!(
            super::described_pattern_words(
                "cameo-verb:X/y:\"- * (from $) assurance &FOO\"(CAMEO.2.0.txt:1)→031"
            ),
            vec!["from", "assurance"]
        );
        assert!(super::described_pattern_words("cameo-verb:START/launch:default→160").is_empty());
        assert!(super::described_pattern_words("actor1:subject").is_empty());
    }

    use super::*;
    use sitrep_core::ParsedWord;

    const DICT: &str = "\
####### SYNONYM SETS #######

&WEAPON
+RIFLE
+ASSAULT_RIFLE
+TANKS

####### VERB PATTERNS #######

---  OBTAIN   [---]  ---
RECEIVE
GET {GETS GETTING GOT GOTTEN }
- * MINISTERS                                         [043:042]     # RECEIVE
- * &WEAPON                                           [072]         # RECEIVE
- * ASSURANCE                                         [:030]        # RECEIVE
- * ACCESS                                            [---]         # GET
- * {DEATH THREAT}                                    [:138]        # RECEIVE

---  EXPRESS   [---]  ---
EXPRESS [110]
SAY  {SAYS SAID SAYING}
- * SORROW                                            [018]         # EXPRESS
- * SORROW (FOR VICTIMS)                              [0181]        # EXPRESS
- * EVIDENCE (AGAINST +)                              [112]         # SAY
- &MILITARY * EXERCISES                               [062]         # SAY

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
~ a (a b ATTACK) SAY = a b 015
";

    const TABLE: &str = "\
01: MISSING
030: AGREE,  , diplomatic # x
042: CONSULT, visit,   # Make a visit
11: ACCUSE
110: ACCUSE, disapprove,    # Disapprove
";

    fn cv() -> CameoVerbs {
        let (text, st) = convert(DICT, TABLE).unwrap();
        assert_eq!(st.blocks, 3);
        assert_eq!(st.transformations, 1);
        assert_eq!(st.transformations_skipped, 0);
        CameoVerbs::parse(&text).unwrap()
    }

    /// A hand-built parse: (form, lemma, head 1-based, deprel).
    fn parse(words: &[(&str, &str, usize, &str)]) -> (SentenceParse, Vec<String>) {
        let p = SentenceParse {
            sentence: 0,
            words: words
                .iter()
                .enumerate()
                .map(|(i, (_, l, h, r))| ParsedWord {
                    token: i,
                    lemma: l.to_string(),
                    upos: String::new(),
                    xpos: String::new(),
                    head: *h,
                    deprel: r.to_string(),
                    ..ParsedWord::default()
                })
                .collect(),
        };
        let forms = words.iter().map(|w| w.0.to_lowercase()).collect();
        (p, forms)
    }

    fn code(cv: &CameoVerbs, words: &[(&str, &str, usize, &str)], v: usize) -> Option<VerbHit> {
        let (p, forms) = parse(words);
        cv.code_verb(&p, v, &|j| forms[j].clone())
    }

    #[test]
    fn transformations_are_imported_as_trans_rows() {
        let cv = cv();
        let t = &cv.transforms()[0];
        assert_eq!((t.src, t.tgt), ('a', 'b'));
        assert_eq!(
            (t.class.as_str(), t.verb.as_str(), t.code.as_str()),
            ("attack", "say", "015")
        );
        assert!(cv.codes().contains(&"015".to_string()));
        assert!(cv.is_form_of("said", "say") && !cv.is_form_of("said", "ask"));
        assert_eq!(
            transformation(" a (b . ATTACK ) WANT = a b 021").as_deref(),
            Some("b\t.\tattack\twant\t021")
        );
        assert_eq!(transformation(" a (a b ATTACK) SAY = b a 015"), None);
    }

    #[test]
    fn import_is_deterministic_and_keeps_sources() {
        let (a, _) = convert(DICT, TABLE).unwrap();
        let (b, _) = convert(DICT, TABLE).unwrap();
        assert_eq!(a, b);
        assert!(a.contains("set\tweapon\trifle|assault rifle|tanks"));
        assert!(a.contains("verb\tASK\task for\tasked for|asking for|asks for\t020"));
        assert!(a.contains("plover\t042\tCONSULT\tvisit"));
        assert!(!a.contains("MISSING"));
    }

    #[test]
    fn object_word_picks_the_pattern_and_its_line() {
        let cv = cv();
        // "Obama expressed sorrow"
        let h = code(
            &cv,
            &[
                ("Obama", "Obama", 2, "nsubj"),
                ("expressed", "express", 0, "root"),
                ("sorrow", "sorrow", 2, "obj"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("018"));
        assert_eq!(h.block, "EXPRESS");
        assert!(h.line.is_some());
    }

    #[test]
    fn a_matching_pp_makes_the_pattern_more_specific() {
        let cv = cv();
        // "He expressed sorrow for the victims"
        let h = code(
            &cv,
            &[
                ("He", "he", 2, "nsubj"),
                ("expressed", "express", 0, "root"),
                ("sorrow", "sorrow", 2, "obj"),
                ("for", "for", 6, "case"),
                ("the", "the", 6, "det"),
                ("victims", "victim", 2, "obl"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("0181"));
    }

    #[test]
    fn verb_default_code_applies_without_a_pattern_and_generic_say_codes_nothing() {
        let cv = cv();
        let h = code(
            &cv,
            &[
                ("He", "he", 2, "nsubj"),
                ("expressed", "express", 0, "root"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("110"));
        assert!(h.pattern.is_none());
        assert!(code(
            &cv,
            &[("He", "he", 2, "nsubj"), ("said", "say", 0, "root")],
            1
        )
        .is_none());
    }

    #[test]
    fn synsets_phrases_and_reversed_codes() {
        let cv = cv();
        // "rebels received assault rifles": &WEAPON member "assault rifle" (plural in text).
        let h = code(
            &cv,
            &[
                ("rebels", "rebel", 2, "nsubj"),
                ("received", "receive", 0, "root"),
                ("assault", "assault", 4, "compound"),
                ("rifles", "rifle", 2, "obj"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("072"));
        // "X received assurances from Y": reversed only.
        let h = code(
            &cv,
            &[
                ("X", "x", 2, "nsubj"),
                ("received", "receive", 0, "root"),
                ("assurances", "assurance", 2, "obj"),
                ("from", "from", 5, "case"),
                ("Y", "y", 2, "obl"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward, None);
        assert_eq!(h.code.reversed.as_deref(), Some("030"));
        assert_eq!(h.pps, vec![("from".to_string(), 4)]);
        // {DEATH THREAT}: a fixed phrase needs both words, adjacent.
        let h = code(
            &cv,
            &[
                ("X", "x", 2, "nsubj"),
                ("got", "get", 0, "root"),
                ("a", "a", 5, "det"),
                ("death", "death", 5, "compound"),
                ("threat", "threat", 2, "obj"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.reversed.as_deref(), Some("138"));
        // "[---]" codes nothing even though the block matched.
        assert!(code(
            &cv,
            &[
                ("X", "x", 2, "nsubj"),
                ("got", "get", 0, "root"),
                ("access", "access", 2, "obj")
            ],
            1
        )
        .is_none());
    }

    #[test]
    fn target_marker_in_a_pp_names_the_target_word() {
        let cv = cv();
        // "The US said evidence against Russia": evidence is the object here.
        let h = code(
            &cv,
            &[
                ("US", "US", 2, "nsubj"),
                ("said", "say", 0, "root"),
                ("evidence", "evidence", 2, "obj"),
                ("against", "against", 5, "case"),
                ("Russia", "Russia", 3, "nmod"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("112"));
        assert_eq!(h.target_word, Some(4));
    }

    #[test]
    fn pre_verb_words_match_the_subject() {
        let cv = cv();
        let mil = code(
            &cv,
            &[
                ("troops", "troop", 2, "nsubj"),
                ("say", "say", 0, "root"),
                ("exercises", "exercise", 2, "obj"),
            ],
            1,
        );
        // "troops" is not in a &MILITARY set in this small dictionary: no match.
        assert!(mil.is_none());
    }

    #[test]
    fn multiword_verbs_need_their_particle() {
        let cv = cv();
        let h = code(
            &cv,
            &[
                ("X", "x", 2, "nsubj"),
                ("asked", "ask", 0, "root"),
                ("for", "for", 4, "case"),
                ("help", "help", 2, "obl"),
            ],
            1,
        )
        .unwrap();
        assert_eq!(h.code.forward.as_deref(), Some("020"));
        assert!(code(
            &cv,
            &[("X", "x", 2, "nsubj"), ("asked", "ask", 0, "root")],
            1
        )
        .is_none());
    }

    #[test]
    fn plover_mapping_falls_back_to_parents_and_appeals() {
        let cv = cv();
        assert_eq!(cv.plover("0421").unwrap().0, "CONSULT");
        assert_eq!(cv.plover("0421").unwrap().1.as_deref(), Some("visit"));
        assert_eq!(cv.plover("1101").unwrap().0, "ACCUSE");
        assert_eq!(cv.plover("023").unwrap().0, "REQUEST");
        assert!(cv.plover("018").is_none());
    }

    #[test]
    fn prefilter_needs_a_default_or_a_pattern_word() {
        let cv = cv();
        // "receive" has no default: only a pattern's first word makes it worth a parse.
        let words: HashSet<&str> = ["they", "received", "rifles"].into_iter().collect();
        assert!(cv.worth_parsing("received", &words));
        let words: HashSet<&str> = ["they", "received", "letters"].into_iter().collect();
        assert!(!cv.worth_parsing("received", &words));
        // "express" has its own default (110).
        assert!(cv.worth_parsing("expressed", &HashSet::new()));
        // "say" has none, and its block's default is none.
        assert!(!cv.worth_parsing("said", &HashSet::new()));
        assert!(!cv.worth_parsing("table", &HashSet::new()));
    }

    #[test]
    fn local_file_skips_lemmas_and_rejects_unknown_rows() {
        let mut cv = cv();
        assert!(cv.is_surface("receives"));
        cv.apply_local("# comment\nskip_lemma\treceive\n").unwrap();
        assert!(!cv.is_surface("receives"));
        let (p, forms) = parse(&[("X", "x", 2, "nsubj"), ("received", "receive", 0, "root")]);
        assert!(cv.code_verb(&p, 1, &|j| forms[j].clone()).is_none());
        assert!(cv.apply_local("drop\tthis\n").is_err());
    }

    #[test]
    fn builtin_dictionary_loads() {
        let cv = CameoVerbs::builtin().unwrap();
        assert!(cv.pattern_count() > 1000);
        assert!(cv.is_surface("received"));
        // cameo_verbs.local.tsv: "according (to)" is never a verb here.
        assert!(!cv.is_surface("according"));
    }
}
