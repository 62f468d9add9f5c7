//! Attribution frames: where a claim's source, cue and content are.
//!
//! Owns the rules that turn a cue found by [`crate::lexicon`] into a claim draft:
//! direct quotes with the speaker before, after or inside ("“…,” added Mr. X",
//! "“…,” a military source told Reuters"), indirect speech ("X said that …",
//! "X told Y that …"), "according to X", content before the cue ("…, X wrote on
//! Twitter", "…, reports The New York Times"), participial and coordinated
//! continuations ("…, later adding, “…”", "… but added that …"), quotes that run
//! over several sentences and stand-alone quote sentences that continue the
//! previous speaker. Stance, relay chains and entities are set in [`crate::ClaimTagger`].

use sitrep_core::{Doc, ParseCache, SentenceParse, Stance, TokenKind};
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::learned::{CueModel, FeatureBuf};
use crate::lexicon::{CueKind, CueLexicon, CueMatch};
use crate::seq::{LexTags, SeqModel};
use crate::source::{GOV_WORDS, MEDIA_NOUNS, ORG_WORDS, ROLE_HEADS};

/// An inclusive token range.
type Range = (usize, usize);

/// A quotation: token indexes of the opening and closing quote marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub open: usize,
    pub close: usize,
}

/// A claim before entities, stance and relays are resolved. Token ranges are inclusive.
#[derive(Debug, Clone)]
pub struct Draft {
    pub cue: CueMatch,
    pub source: Option<(usize, usize)>,
    pub content: (usize, usize),
    pub recipient: Option<(usize, usize)>,
    /// Index of the earlier draft whose source this one continues.
    pub inherits: Option<usize>,
    pub sentence: usize,
    /// First token of the frame (source or cue), for cutting earlier contents.
    pub frame_start: usize,
    /// True when the source follows the cue ("…, reports Reuters").
    pub inverted: bool,
    /// For a relative-pronoun source ("the office, which said"), the phrase it stands for.
    pub antecedent: Option<(usize, usize)>,
    pub rule: &'static str,
}

/// A wire dateline at the start of a paragraph ("SANAA, March 3 (Reuters) -"):
/// its first token, its dash and the outlet named in parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    pub first: usize,
    pub dash: usize,
    pub outlet: Option<(usize, usize)>,
}

const WORD_CLASSES_TSV: &str = include_str!("../../../data/attribution/word_classes.tsv");

/// One named class of words from `data/attribution/word_classes.tsv`, read
/// into a set on first use.
pub(crate) struct WordClass {
    name: &'static str,
    words: OnceLock<HashSet<&'static str>>,
}

impl WordClass {
    pub(crate) const fn new(name: &'static str) -> WordClass {
        WordClass {
            name,
            words: OnceLock::new(),
        }
    }

    fn set(&self) -> &HashSet<&'static str> {
        self.words.get_or_init(|| {
            WORD_CLASSES_TSV
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .filter(|(class, _)| *class == self.name)
                .map(|(_, word)| word)
                .collect()
        })
    }

    pub(crate) fn contains(&self, word: &&str) -> bool {
        self.set().contains(word)
    }

    /// The class's words, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set().iter().copied()
    }
}

static ADVERBS: WordClass = WordClass::new("adverbs");

static TIME_WORDS: WordClass = WordClass::new("time_words");

/// Words after a comma that start a new clause, not an appositive.
static ROLE_STOP: WordClass = WordClass::new("role_stop");

/// Auxiliaries and adverbs that belong to the cue when right before it.
static CUE_LEFT: WordClass = WordClass::new("cue_left");

static WEEKDAYS: WordClass = WordClass::new("weekdays");

/// Documents that are a claim's source when a sentence opens with them: "In a CNN poll, …"
/// ("In a statement, X said" belongs to X's claim instead).
static SOURCE_NOUNS: WordClass = WordClass::new("source_nouns");

/// Words that open a clause inside a phrase ("in a memo released as polls closed"):
/// a source noun after one is not the phrase's head.
static CLAUSE_OPENERS: WordClass = WordClass::new("clause_openers");

/// "said in a statement", "wrote in a post".
static CHANNEL_NOUNS: WordClass = WordClass::new("channel_nouns");

/// Words that end a source noun phrase when scanning backwards.
static BACK_STOP: WordClass = WordClass::new("back_stop");

/// Words that cannot start a name-like chunk.
static NOT_NAME_START: WordClass = WordClass::new("not_name_start");

static NAME_CONNECT: WordClass = WordClass::new("name_connect");

/// Words that end a source noun phrase when scanning forwards.
static FWD_STOP: WordClass = WordClass::new("fwd_stop");

/// Modifiers that make a plural-looking cue a noun: "news reports", "recent claims".
static NOUN_MODIFIERS: WordClass = WordClass::new("noun_modifiers");

/// Tokens that, before a cue, show it is a noun ("the reports", "regime’s claims").
static NOUN_CONTEXT: WordClass = WordClass::new("noun_context");

static RECIPIENT_WORDS: WordClass = WordClass::new("recipient_words");

/// Nouns that sum up the clause before them as a claim: "C, accusations the coalition rejects".
static CLAIM_NOUNS: WordClass = WordClass::new("claim_nouns");

/// Objects of "denied" that are no claim: "denied entry to the convoy", "was denied bail".
static DENIED_OBJECTS: WordClass = WordClass::new("denied_objects");

/// Words between "denied" and such an object: "denied them entry", "denied any access".
static DENIED_OBJECT_LEFT: WordClass = WordClass::new("denied_object_left");

/// Words that make a phrase an organisation's name (the source resolver's
/// classes): "the Interior Ministry", "the UN refugee agency".
static BODY_WORDS: [&WordClass; 3] = [&ORG_WORDS, &GOV_WORDS, &MEDIA_NOUNS];

/// Nouns of attacks whose perpetrator claims them: "The blast was claimed by
/// the Taliban" (not "Victory was claimed by both parties").
static CLAIMED_ATTACKS: WordClass = WordClass::new("claimed_attacks");

/// Verbs of violence that political news also uses for criticism ("attacked
/// his rival as weak"): with [`ARMED_WORDS`] in their clause, acts, no cues.
static ATTACK_VERBS: WordClass = WordClass::new("attack_verbs");

/// Weapons, armed actors and military targets: "Russia attacked Ukraine with
/// missiles", "Rebels attacked the convoy", "A rocket slammed into a building".
static ARMED_WORDS: WordClass = WordClass::new("armed_words");

/// Auxiliaries and finite verbs that open a clause after an attack noun: "claimed
/// the attack on Sumy was carried out …" (a claim about the attack, not of it).
static CLAUSE_VERBS: WordClass = WordClass::new("clause_verbs");

/// Endings of demonyms ("Israeli", "Russian", "Chinese", "Turkish"): another
/// party's attack, not the claimant's own ("Hamas claimed the Israeli strike …").
static DEMONYM_ENDINGS: WordClass = WordClass::new("demonym_endings");

/// Words that open the object of a finite verb: "killed the …", "left dozens …".
const DETS_OBJECT: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "dozens", "scores", "at", "more", "several",
    "many",
];

/// Phrases (space-separated words) that say a source gave no content: "declined to
/// comment", "did not immediately respond to a request for comment".
static NO_COMMENT: WordClass = WordClass::new("no_comment");

/// Find quotations (“…” and "…"). A quote left open at a paragraph break ends there.
///
/// An unclosed quote counts only when it opens a paragraph (the news convention for
/// quotes running over several paragraphs); elsewhere it is a stray mark.
pub fn find_quotes(doc: &Doc) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut para_start = 0;
    let n = doc.tokens.len();
    let flush = |open: &mut Option<usize>, para_start: usize, last: usize, out: &mut Vec<Quote>| {
        if let Some(o) = open.take() {
            if o == para_start && last > o {
                out.push(Quote {
                    open: o,
                    close: last,
                });
            }
        }
    };
    for i in 0..n {
        if i > 0 {
            let gap = &doc.text[doc.tokens[i - 1].end..doc.tokens[i].start];
            if gap.contains('\n')
                && (gap.matches('\n').count() >= 2
                    || doc.tokens[i].sentence != doc.tokens[i - 1].sentence)
            {
                flush(&mut open, para_start, i - 1, &mut out);
                para_start = i;
            }
        }
        let t = doc.token_text(&doc.tokens[i]);
        match t {
            "“" | "«" | "„" | "``" => open = Some(i),
            "”" | "»" => {
                if let Some(o) = open.take() {
                    out.push(Quote { open: o, close: i });
                } else if i == para_start {
                    // A closing mark typed at the start of a paragraph opens a quote.
                    open = Some(i);
                }
            }
            "'''" => {
                if let Some(o) = open.take() {
                    out.push(Quote { open: o, close: i });
                }
            }
            "\"" | "''" => match open.take() {
                Some(o) => out.push(Quote { open: o, close: i }),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    flush(&mut open, para_start, n.saturating_sub(1), &mut out);
    out
}

/// The per-document frame finder.
pub struct Frames<'a> {
    pub doc: &'a Doc,
    pub cues: &'a CueLexicon,
    /// The learned cue proposer and the lexicon entry its cues use.
    pub model: Option<(&'a CueModel, usize)>,
    /// The parse layer, for the learned model's parse features (None: word window only).
    pub parses: Option<&'a ParseCache>,
    /// The sequence tagger ([`crate::seq`]): a second proposer in parsed sentences.
    pub seq: Option<(&'a SeqModel, usize)>,
    pub quotes: Vec<Quote>,
    /// For each token, the quote containing it (quote marks included).
    pub in_quote: Vec<Option<usize>>,
    /// For each token, whether it is part of a time expression.
    pub is_time: Vec<bool>,
}

fn is_terminal(w: &str) -> bool {
    matches!(w, "." | "!" | "?" | "…" | "...")
}

fn is_quote_mark(w: &str) -> bool {
    matches!(w, "“" | "”" | "\"" | "«" | "»" | "„" | "''" | "``" | "'''")
}

fn is_single_quote(w: &str) -> bool {
    matches!(w, "‘" | "’" | "'")
}

/// How much surer than its threshold the model must be to keep a belief cue
/// without a named subject.
const BELIEF_MARGIN: f32 = 0.0;

/// Upper-case labels that open a line like a transcript speaker but are no
/// speaker: "CORRECTION:", "UPDATE:".
static NOT_SPEAKERS: WordClass = WordClass::new("not_speakers");

/// The lexicon id of the dash that signs a quote: "“…” ― Jane Doe".
pub const QUOTE_DASH: &str = "quote_dash";

/// The lexicon id of a speaker's colon: "PENCE: Well, …".
const SPEAKER_COLON: &str = "headline_colon";

fn is_dash(w: &str) -> bool {
    matches!(w, "―" | "—" | "–" | "--")
}

/// Words after "said to" that show a complement ("said to cheers"), not "said to be".
static TO_OBJECT: WordClass = WordClass::new("to_object");

impl<'a> Frames<'a> {
    pub fn new(doc: &'a Doc, cues: &'a CueLexicon, time_bytes: &[(usize, usize)]) -> Frames<'a> {
        let quotes = find_quotes(doc);
        let mut in_quote = vec![None; doc.tokens.len()];
        for (qi, q) in quotes.iter().enumerate() {
            for slot in &mut in_quote[q.open..=q.close] {
                *slot = Some(qi);
            }
        }
        let mut is_time = vec![false; doc.tokens.len()];
        for &(start, end) in time_bytes {
            let mut k = doc.token_at(start);
            while k < doc.tokens.len() && doc.tokens[k].end <= end {
                if doc.tokens[k].start >= start {
                    is_time[k] = true;
                }
                k += 1;
            }
        }
        Frames {
            doc,
            cues,
            model: None,
            parses: None,
            seq: None,
            quotes,
            in_quote,
            is_time,
        }
    }

    fn w(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    fn raw(&self, i: usize) -> &str {
        self.doc.token_text(&self.doc.tokens[i])
    }

    fn is_cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A name after a particle in one token: "al-Maliki", "el-Sisi".
    fn particle_name(&self, i: usize) -> bool {
        self.raw(i).split_once('-').is_some_and(|(p, rest)| {
            NAME_CONNECT.contains(&p.to_lowercase().as_str())
                && rest.chars().next().is_some_and(char::is_uppercase)
        })
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(
            self.doc.tokens[i].kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Handle | TokenKind::Hashtag
        )
    }

    fn timeish(&self, i: usize) -> bool {
        self.is_time[i]
            || TIME_WORDS.contains(&self.w(i))
            || self.doc.tokens[i].kind == TokenKind::Number
    }

    /// Skip adverbs, auxiliaries and time phrases backwards from `j`; None if we leave the sentence.
    fn skip_back(&self, mut j: usize, s: usize) -> Option<usize> {
        loop {
            let w = self.w(j);
            let skip = ADVERBS.contains(&w)
                || (self.timeish(j) && w != "that")
                || w.ends_with("ly") && self.is_word(j) && !self.is_cap(j);
            if !skip || j == s {
                return (!skip).then_some(j);
            }
            j -= 1;
        }
    }

    /// All cues in sentence `si`, filtered for noun uses and quoted text.
    pub fn cues_in(&self, si: usize) -> Vec<CueMatch> {
        let sent = &self.doc.sentences[si];
        let (s, e) = (sent.tokens.start, sent.tokens.end);
        let mut out = Vec::new();
        let resumed = self.resumed_clause_end(s, e);
        let mut i = s;
        while i < e {
            let Some(m) = self.cues.match_at(self.doc, i, e) else {
                i += 1;
                continue;
            };
            i = m.last + 1;
            if self.in_quote[m.first].is_some() {
                continue;
            }
            let kind = self.cues.entry(m.entry).kind;
            // "In a CNN poll, …": a preposition cue needs a poll, statement or interview.
            if kind == CueKind::According
                && self.w(m.first) == "in"
                && self.source_lead(&m, s, e).is_none()
            {
                continue;
            }
            let asked = self.asked_lead(&m, s, e);
            if kind != CueKind::According && !asked {
                if m.first == s {
                    continue;
                }
                if self.reduced_relative(m.first, s)
                    || (m.first == m.last && self.naming_participle(m.first))
                    || self.byline(&m, e)
                    || self.denied_non_speech(&m, e)
                {
                    continue;
                }
                let prev = self.w(m.first - 1);
                let colon = self.w(m.first) == ":";
                if !colon && NOUN_CONTEXT.contains(&prev) {
                    continue;
                }
                // "news reports", "recent claims": only plural-looking forms read as nouns here.
                if NOUN_MODIFIERS.contains(&prev) && self.w(m.last).ends_with('s') {
                    continue;
                }
                // "will say", "could not be said": modal, not reported, speech.
                if matches!(
                    prev,
                    "will"
                        | "would"
                        | "can"
                        | "could"
                        | "might"
                        | "may"
                        | "must"
                        | "should"
                        | "shall"
                        | "be"
                ) && !self.is_cap(m.first - 1)
                {
                    continue;
                }
                // "talks were continuing": a progressive continuation verb is no cue.
                if kind == CueKind::Add && matches!(prev, "was" | "were" | "is" | "are" | "been") {
                    continue;
                }
                if m.last + 1 < e
                    && self.w(m.last + 1) == "by"
                    && !matches!(prev, "was" | "were" | "is" | "are" | "been" | "be")
                {
                    continue;
                }
                if m.last + 1 < e
                    && self.w(m.last + 1) == "to"
                    && !matches!(kind, CueKind::Control | CueKind::Belief)
                {
                    let obj = m.last + 2 < e
                        && (self.is_cap(m.last + 2) || TO_OBJECT.contains(&self.w(m.last + 2)));
                    if !obj {
                        continue;
                    }
                }
                // A noun after a scare quote: "“nonsense” claims".
                if is_quote_mark(self.raw(m.first - 1))
                    && m.first >= 2
                    && !matches!(
                        self.w(m.first - 2),
                        "," | "." | "?" | "!" | "…" | "—" | "’" | "'"
                    )
                {
                    continue;
                }
                // "X: Y" headlines: the colon is a cue only early in a line without a full stop.
                if self.w(m.first) == ":" {
                    let para_start = s == 0
                        || self.doc.text[self.doc.tokens[s - 1].end..self.doc.tokens[s].start]
                            .contains('\n');
                    let headline = (!is_terminal(self.w(e - 1)) && m.first - s <= 7)
                        || (para_start && m.first - s <= 4);
                    if !headline || !self.name_like(s, m.first - 1) {
                        continue;
                    }
                    // "Correction:", "The Latest:": a newsroom label, no speaker.
                    if (s..m.first).any(|k| NOT_SPEAKERS.contains(&self.w(k))) {
                        continue;
                    }
                    // Nor an interview's "Q:" / "A:", nor a tally ("Sanders: 46.").
                    let one_letter = self.interview_turn(m.first, s);
                    let says_words = (m.first + 1..e)
                        .any(|k| self.is_word(k) && self.w(k).chars().any(char::is_alphabetic));
                    if one_letter || !says_words {
                        continue;
                    }
                }
                if self.is_cap(m.first)
                    && !is_quote_mark(self.raw(m.first - 1))
                    && !self.title_case(s, e)
                {
                    continue;
                }
            }
            if !asked
                && self.source_lead(&m, s, e).is_none()
                && self.resumptive(&m, s, e).is_none()
                && resumed.is_none_or(|c| m.last >= c)
                && self.vetoed(&m)
            {
                continue;
            }
            out.push(self.extend_cue(m, s, e));
        }
        if let Some((model, entry)) = self.model {
            // Lexicon matches that the filters above dropped stay open to the model.
            // The frames' own cues, before the model adds its own: the
            // tagger's lexicon tags read them (only for a parsed sentence).
            let frame_cues = self.seq.map(|_| out.clone());
            let kept_cue = !out.is_empty();
            let parse = self.learned_cues(model, entry, s, e, &mut out);
            let parse = match parse {
                None if self.seq.is_some_and(|(m, _)| m.parse_all)
                    && (kept_cue || self.cue_like(model, s, e)) =>
                {
                    self.parse_of(s)
                }
                p => p,
            };
            if let (Some((seq, seq_entry)), Some(kept), Some(p)) = (self.seq, frame_cues, parse) {
                let lex = LexTags::of_sentence(self, si, &kept);
                self.seq_cues(seq, seq_entry, si, &p, &lex, &mut out);
            }
        }
        out.retain(|m| !self.violent_act(m, s, e));
        out
    }

    /// Whether content `(a, b)` of a "claimed" cue is an attack, the object of
    /// a claim of responsibility: "claimed the ambush on Telegram", "claimed
    /// Sunday's bombing" (not "claimed the attack killed 20", "claimed victory").
    pub fn an_attack_object(&self, (a, b): (usize, usize)) -> bool {
        let Some(n) = (a..=b.min(a + 3)).find(|&k| CLAIMED_ATTACKS.contains(&self.w(k))) else {
            return false;
        };
        let lead = (a..n).all(|k| {
            self.is_word(k)
                && !matches!(
                    self.w(k),
                    "that" | "to" | "he" | "she" | "it" | "they" | "we"
                )
                || matches!(self.w(k), "’s" | "'s")
        });
        // "the Israeli strike", "Russia's attack": another party's act.
        let others = (a..n).any(|k| {
            self.is_cap(k)
                && !self.timeish(k)
                && (matches!(self.w(k + 1), "’s" | "'s")
                    || DEMONYM_ENDINGS.iter().any(|x| self.w(k).ends_with(x)))
        });
        // "the strike on the hospital killed 500 people": a clause follows the
        // object ("the attack that killed 20" and "the attack, which …" do not count).
        let mut clause = false;
        for k in n + 1..=b {
            let w = self.w(k);
            if matches!(w, "," | "that" | "which" | "who" | "and") {
                break;
            }
            // "killed 500", "destroyed the bridge" (not "a statement relayed by …").
            let before_object = k < b
                && (self.doc.tokens[k + 1].kind == TokenKind::Number
                    || DETS_OBJECT.contains(&self.w(k + 1)));
            if CLAUSE_VERBS.contains(&w) || (w.ends_with("ed") && before_object) {
                clause = true;
                break;
            }
        }
        if others || clause {
            return false;
        }
        let next = if n < b { self.w(n + 1) } else { "." };
        lead && (n == b
            || matches!(
                next,
                "on" | "in" | "at" | "against" | "near" | "," | "." | "that" | "which" | "and"
            ))
    }

    /// Whether cue `m` of sentence `s..e` is an attack verb used for an act of
    /// violence: an armed word in its subject ("Rebels attacked …", "A rocket
    /// slammed …") or in its clause after it ("… struck the convoy with
    /// drones"), up to a comma or a complement of criticism ("attacked the
    /// senator over his vote on troops" stays a cue).
    fn violent_act(&self, m: &CueMatch, s: usize, e: usize) -> bool {
        if !(m.first..=m.last).any(|k| ATTACK_VERBS.contains(&self.w(k))) {
            return false;
        }
        let armed = |k: usize| self.in_quote[k].is_none() && ARMED_WORDS.contains(&self.w(k));
        let mut a = m.first;
        while a > s && a + 6 > m.first && !BACK_STOP.contains(&self.w(a - 1)) {
            a -= 1;
        }
        // Only the subject's own words: not a possessor ("Soldiers' wives
        // slammed …") nor inside "of …" ("The head of the armed forces slammed …").
        let possessive = |k: usize| k + 1 < e && matches!(self.w(k + 1), "’s" | "'s" | "’" | "'");
        if (a..m.first).any(|k| armed(k) && !possessive(k) && !(a..k).any(|j| self.w(j) == "of")) {
            return true;
        }
        // After the verb: its object and instrument, not the complement of a
        // possessed or infinitive noun ("slammed the minister's plan to deploy
        // more troops", "blasted the decision to buy new drones"), unless an
        // instrument follows ("… with drones").
        let mut complement = false;
        let mut k = m.last + 1;
        while k < e && k < m.last + 12 {
            let w = self.w(k);
            if matches!(w, "," | ";" | ":" | "as" | "for" | "over" | "that") || is_terminal(w) {
                break;
            }
            if matches!(w, "’s" | "'s")
                || w == "to"
                    && k + 1 < e
                    && self.doc.tokens[k + 1].kind == TokenKind::Word
                    && !DETS_OBJECT.contains(&self.w(k + 1))
            {
                complement = true;
            }
            if matches!(w, "with" | "using" | "into") {
                complement = false;
            }
            if armed(k) && !complement {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Whether sentence `s..e` has a word outside quotes that the learned model
    /// knows as a cue word (whatever its score): with a lexicon cue the frames
    /// kept, worth a parse for the sequence tagger. A sentence with neither is
    /// never parsed for it.
    fn cue_like(&self, model: &CueModel, s: usize, e: usize) -> bool {
        (s..e).any(|k| self.in_quote[k].is_none() && model.is_candidate(self.w(k)))
    }

    /// Cues of the sequence tagger that overlap no other cue, outside quotes,
    /// when its margin is above the model's.
    fn seq_cues(
        &self,
        seq: &SeqModel,
        entry: usize,
        si: usize,
        parse: &SentenceParse,
        lex: &LexTags,
        out: &mut Vec<CueMatch>,
    ) {
        let s = self.doc.sentences[si].tokens.start;
        let mut added = false;
        let dec = seq.spans(self, si, Some(parse), lex);
        // Learned cues whose word the tagger is sure is no cue.
        // Like the learned model's veto, never a cue right after a comma or a
        // quote mark ("…, reports Reuters": rare in PolNeAR, common in conflict
        // news) nor a multi-word lexicon cue.
        if seq.veto.is_finite() || seq.veto_lex.is_finite() {
            let learned = self.model.map(|(_, e)| e);
            let end = self.doc.sentences[si].tokens.end;
            let resumed = self.resumed_clause_end(s, end);
            out.retain(|m| {
                if resumed.is_some_and(|c| m.last < c && Some(m.entry) != learned) {
                    return true;
                }
                if m.first > 0
                    && (self.w(m.first - 1) == "," || is_quote_mark(self.raw(m.first - 1)))
                    || self.closing_frame(m)
                    || self.asked_lead(m, s, end)
                    || self.source_lead(m, s, end).is_some()
                    || self.resumptive(m, s, end).is_some()
                {
                    return true;
                }
                let line = if Some(m.entry) == learned {
                    seq.veto
                } else if m.first == m.last {
                    seq.veto_lex
                } else {
                    f32::INFINITY
                };
                !line.is_finite() || (m.first..=m.last).any(|k| seq.deficit(&dec, k) <= line)
            });
        }
        // Span extender: a tagger span over one or more cues becomes one cue
        // with the tagger's bounds ("has come out in support of"), keeping a
        // lexicon cue's kind (`extend` 1: only where it joins several cues).
        if seq.extend > 0 {
            let learned = self.model.map(|(_, e)| e);
            for sp in &dec.spans {
                if (sp.first..=sp.last).any(|k| self.in_quote[k].is_some()) {
                    continue;
                }
                let over: Vec<usize> = (0..out.len())
                    .filter(|&i| out[i].first <= sp.last && sp.first <= out[i].last)
                    .collect();
                if over.is_empty() || (seq.extend == 1 && over.len() < 2) {
                    continue;
                }
                let entry = over
                    .iter()
                    .map(|&i| out[i].entry)
                    .find(|&e| Some(e) != learned)
                    .unwrap_or(out[over[0]].entry);
                let m = CueMatch {
                    first: sp.first.min(out[over[0]].first),
                    last: sp.last.max(out[over[over.len() - 1]].last),
                    entry,
                };
                let m = if seq.extend == 3 {
                    m
                } else {
                    CueMatch {
                        first: sp.first,
                        last: sp.last,
                        entry,
                    }
                };
                for &i in over.iter().rev() {
                    out.remove(i);
                }
                out.push(m);
                added = true;
            }
            if added {
                out.sort_by_key(|m| m.first);
            }
        }
        for &sp in &dec.spans {
            if sp.margin <= seq.margin
                || sp.first == s
                || (sp.first == sp.last && self.interview_turn(sp.first, s))
                || (sp.first == sp.last && self.colon_of_cue(sp.first, out))
                || (sp.first..=sp.last).any(|k| self.in_quote[k].is_some())
                || out.iter().any(|m| m.first <= sp.last && sp.first <= m.last)
            {
                continue;
            }
            out.push(CueMatch {
                first: sp.first,
                last: sp.last,
                entry,
            });
            added = true;
        }
        if added {
            out.sort_by_key(|m| m.first);
        }
    }

    /// Whether token `k` is a colon that ends the clause of an earlier cue of
    /// its sentence (`out` holds that sentence's cues: "telling CNBC: “…”",
    /// "He tells the crowd: …"): the cue's own punctuation, no second cue. A comma, dash, quote mark or semicolon
    /// between them leaves it open ("…, followed swiftly by: …").
    fn colon_of_cue(&self, k: usize, out: &[CueMatch]) -> bool {
        self.w(k) == ":"
            && out.iter().any(|m| {
                m.last < k
                    && (m.last + 1..k).all(|j| {
                        let w = self.w(j);
                        !is_dash(w)
                            && !is_quote_mark(self.raw(j))
                            && !matches!(w, "," | ";" | ":" | "-")
                    })
            })
    }

    /// "Asked whether …, X said …": a sentence that opens with the participle
    /// "asked" and a clause closed by a comma before more words. The question
    /// is a claim of its own (PolNeAR marks it so, mostly with no asker named).
    fn asked_lead(&self, m: &CueMatch, s: usize, e: usize) -> bool {
        m.first == s
            && self.w(s) == "asked"
            && self.lead_comma(s, e).is_some_and(|c| m.last + 1 < c)
            && self.is_word(s + 1)
    }

    /// Whether token `k` is "called" naming what the noun before it is ("a
    /// militia called the Northern Shield", "a book called …"): a reduced relative
    /// (`acl`) in the parse right after a lower-case word, no speech ("X, the
    /// front-runner, called on …" stays a cue).
    fn naming_participle(&self, k: usize) -> bool {
        self.w(k) == "called"
            && k > 0
            && self.is_word(k - 1)
            && !self.is_cap(k - 1)
            && self.parse_of(k).is_some_and(|p| {
                p.word_of_token(k)
                    .is_some_and(|w| p.words[w].deprel == "acl")
            })
    }

    /// Whether Deny cue `m` takes an object that is no claim: "denied entry to
    /// the convoy", "denied him bail", "were denied access".
    fn denied_non_speech(&self, m: &CueMatch, e: usize) -> bool {
        // By the word, so that a learned cue on "denied" is caught too.
        let deny = |k: usize| {
            self.cues.match_at(self.doc, k, e).is_some_and(|d| {
                d.last == m.last && self.cues.entry(d.entry).stance == Stance::Deny
            })
        };
        if !(m.first..=m.last).any(deny) {
            return false;
        }
        let mut k = m.last + 1;
        while k < e && k <= m.last + 2 && DENIED_OBJECT_LEFT.contains(&self.w(k)) {
            k += 1;
        }
        k < e && DENIED_OBJECTS.contains(&self.w(k))
    }

    /// Whether a no-comment phrase ("declined to comment", "could not be reached
    /// for comment") is at or next to cue `m` in `s..e`: the source said nothing.
    fn no_comment_near(&self, m: &CueMatch, s: usize, e: usize) -> bool {
        let from = m.first.saturating_sub(4).max(s);
        (from..=m.last.min(e.saturating_sub(1))).any(|k| {
            NO_COMMENT.iter().any(|phrase| {
                let mut n = 0;
                let all = phrase.split(' ').enumerate().all(|(i, w)| {
                    n = i + 1;
                    k + i < e && self.w(k + i) == w
                });
                all && k + n > m.first
            })
        })
    }

    /// Whether cue `m` is a reporter's byline, "Jane Petrova reported from
    /// Kharkiv.": a name before it and only place names (and commas, "and",
    /// "from") after it ("Explosions were reported from Kherson." stays a cue).
    fn byline(&self, m: &CueMatch, e: usize) -> bool {
        matches!(self.w(m.last), "reported" | "reporting")
            && m.first > 0
            && self.is_cap(m.first - 1)
            && m.last + 2 < e
            && self.w(m.last + 1) == "from"
            && (m.last + 2..e)
                .all(|k| self.is_cap(k) || matches!(self.w(k), "," | "." | ";" | "and" | "from"))
    }

    /// Whether token `k` is the colon of an interview's "Q:" / "A:" at the
    /// start of sentence `s` (no speaker: the frame and the tagger skip it).
    fn interview_turn(&self, k: usize, s: usize) -> bool {
        k == s + 1 && self.w(k) == ":" && self.w(s).chars().count() == 1
    }

    /// "In a CNN/ORC poll released Monday, C": a sentence that opens with `in`
    /// and a phrase naming a source document, closed by a comma. PolNeAR marks
    /// such an opening as the poll's claim (not so "in the polls" mid-sentence,
    /// which it marks about a quarter of the time). Returns the comma.
    fn source_lead(&self, m: &CueMatch, s: usize, e: usize) -> Option<usize> {
        if m.first == s && m.first == m.last && self.w(s) == "in" {
            self.source_lead_comma(m.last, e)
        } else {
            None
        }
    }

    /// "In a CNN/ORC poll released Monday, …", "In exit polls, …": the comma
    /// closing an opening phrase after `in` (token `k`) whose words name a
    /// source document (a poll, survey, study; singular or plural).
    fn source_lead_comma(&self, k: usize, e: usize) -> Option<usize> {
        let comma = (k + 1..e.min(k + 16)).find(|&j| self.w(j) == ",")?;
        // The document heads the phrase: not "in a memo released as polls
        // closed", "in eight states where exit polls were conducted".
        (k + 1..comma)
            .take_while(|&j| !CLAUSE_OPENERS.contains(&self.w(j)))
            .any(|j| {
                let w = self.w(j);
                SOURCE_NOUNS.contains(&w)
                    || w.strip_suffix('s')
                        .is_some_and(|n| SOURCE_NOUNS.contains(&n))
            })
            .then_some(comma)
    }

    /// The comma that closes a sentence's opening clause, with words after it.
    fn lead_comma(&self, s: usize, e: usize) -> Option<usize> {
        (s + 2..e.saturating_sub(2)).find(|&k| self.w(k) == ",")
    }

    /// Whether token `k` is a participle modifying the channel noun of a
    /// prepositional phrase, not a verb: "according to a statement posted on
    /// Telegram", "in a video released on Sunday" ("The statement claimed …"
    /// stays a cue: no preposition before the noun).
    fn reduced_relative(&self, k: usize, s: usize) -> bool {
        if k < s + 3 || !self.w(k).ends_with("ed") {
            return false;
        }
        let noun = self.w(k - 1);
        let noun = noun
            .strip_suffix('s')
            .filter(|n| n.len() > 3)
            .unwrap_or(noun);
        if !CHANNEL_NOUNS.contains(&noun) && !SOURCE_NOUNS.contains(&noun) {
            return false;
        }
        // Determiner and modifiers back to the preposition: "to a (new) statement".
        let mut j = k - 2;
        while j > s
            && j + 4 > k
            && !matches!(
                self.w(j),
                "a" | "an" | "the" | "its" | "their" | "his" | "her"
            )
        {
            j -= 1;
        }
        matches!(
            self.w(j),
            "a" | "an" | "the" | "its" | "their" | "his" | "her"
        ) && j > s
            && matches!(
                self.w(j - 1),
                "to" | "in" | "from" | "of" | "by" | "with" | "on"
            )
    }

    /// The comma that closes a clause summed up as a claim later in sentence
    /// `s..e` ("C, accusations the coalition rejects"): the clause holds a claim,
    /// so its lexicon cues are kept from the models' vetoes.
    fn resumed_clause_end(&self, s: usize, e: usize) -> Option<usize> {
        let mut k = s;
        while k < e {
            match self.cues.match_at(self.doc, k, e) {
                Some(m) => {
                    if let Some((comma, _)) = self.resumptive(&m, s, e) {
                        return Some(comma);
                    }
                    k = m.last + 1;
                }
                None => k += 1,
            }
        }
        None
    }

    /// "C, accusations (that) the coalition (has) rejected.": a noun after a comma
    /// sums up the clause before it as a claim, and the clause that closes the
    /// sentence says who answers it. Returns the comma and the answering source.
    fn resumptive(&self, m: &CueMatch, s: usize, e: usize) -> Option<(usize, (usize, usize))> {
        // An answer, not an echo: "…, claims the ministry denied" (not "…, reports
        // seen by Reuters said").
        let entry = self.cues.entry(m.entry);
        if entry.kind == CueKind::According
            || entry.stance == Stance::Assert
            || !self.nothing_after(m.last + 1, e)
            || m.first < s + 4
        {
            return None;
        }
        // The source ends before the auxiliaries and adverbs of the cue.
        let mut b = m.first - 1;
        while b > s && (CUE_LEFT.contains(&self.w(b)) || ADVERBS.contains(&self.w(b))) {
            b -= 1;
        }
        // Back over the source phrase to the claim noun, at most six words.
        let mut a = b;
        while a > s && a + 6 > b && !CLAIM_NOUNS.contains(&self.w(a - 1)) {
            let w = self.w(a - 1);
            if !(self.is_word(a - 1) || matches!(w, "’s" | "'s" | "-"))
                || self.in_quote[a - 1].is_some()
            {
                return None;
            }
            a -= 1;
        }
        let noun = a
            .checked_sub(1)
            .filter(|&n| CLAIM_NOUNS.contains(&self.w(n)))?;
        if matches!(self.w(a), "that" | "which") {
            a += 1;
        }
        if a > b || !self.is_word(a) || ROLE_STOP.contains(&self.w(a)) {
            return None;
        }
        // The noun opens the phrase after the comma: "accusations", "the charges", "a claim".
        let mut c = noun;
        if c > s
            && matches!(
                self.w(c - 1),
                "a" | "an" | "the" | "these" | "those" | "such"
            )
        {
            c -= 1;
        }
        (c > s + 2 && self.w(c - 1) == ",").then_some((c - 1, (a, b)))
    }

    /// Whether lexicon cue `m` closes its sentence after a source that follows
    /// a comma: "C, a security source and local residents confirmed." (the
    /// frame of conflict reports that the models, learned on political news,
    /// tend to veto when the content holds a cue of its own).
    fn closing_frame(&self, m: &CueMatch) -> bool {
        let si = self.doc.tokens[m.first].sentence;
        let (s, e) = (
            self.doc.sentences[si].tokens.start,
            self.doc.sentences[si].tokens.end,
        );
        if m.first != m.last || !self.nothing_after(m.last + 1, e) {
            return false;
        }
        let Some((a, _)) = self.subject_np(m.first, s) else {
            return false;
        };
        let a = self.coordinated_source_start(a, s).unwrap_or(a);
        a > s + 1 && self.w(a - 1) == "," && self.in_quote[a - 1].is_none()
    }

    /// Whether the learned model is sure that lexicon match `m` is no cue here: the
    /// score of its word is below the model's veto line ("called him a liar",
    /// "has found"). Multi-word cues, cues the model does not know and cues right
    /// after a comma or a quote mark are kept.
    fn vetoed(&self, m: &CueMatch) -> bool {
        let Some((model, _)) = self.model else {
            return false;
        };
        if m.first != m.last || !model.veto.is_finite() {
            return false;
        }
        // A denial is half of conflict news' claim pairs ("The militia denied
        // involvement, calling …"), rarer in the political news the model learned
        // from: the lexicon keeps it (no change on PolNeAR dev).
        if self.cues.entry(m.entry).stance == Stance::Deny {
            return false;
        }
        // Inverted frames after a comma or a quote ("…, reports Reuters", "…,” said
        // X") are rare in PolNeAR's political news but common in conflict reports.
        if m.first > 0 && (self.w(m.first - 1) == "," || is_quote_mark(self.raw(m.first - 1))) {
            return false;
        }
        if self.closing_frame(m) {
            return false;
        }
        let parse = self.parse_of(m.first);
        model
            .score_with(
                self.doc,
                m.first,
                parse.as_deref(),
                &mut FeatureBuf::default(),
            )
            .is_some_and(|x| x < model.veto)
    }

    /// The parse of the sentence of token `k`, from the parse layer when there is one.
    fn parse_of(&self, k: usize) -> Option<std::sync::Arc<SentenceParse>> {
        self.parses?.get(self.doc, self.doc.tokens[k].sentence)
    }

    /// Cues proposed by the learned model on words the lexicon does not know.
    fn learned_cues(
        &self,
        model: &CueModel,
        entry: usize,
        s: usize,
        e: usize,
        out: &mut Vec<CueMatch>,
    ) -> Option<std::sync::Arc<SentenceParse>> {
        let mut buf = FeatureBuf::default();
        let mut added = false;
        // Parse the sentence only when a candidate word's word-window score is
        // near the line (the parse may change the decision there).
        let parse = if (s + 1..e).any(|k| {
            self.in_quote[k].is_none()
                && (model.is_candidate(self.w(k))
                    && model
                        .score(self.doc, k, &mut buf)
                        .is_some_and(|x| model.worth_parsing(x))
                    || model.open_worth_parsing(self.w(k)))
        }) {
            self.parse_of(s)
        } else {
            None
        };
        for k in s + 1..e {
            // Not inside another cue, nor the subject head right before one
            // ("The opposition accused …").
            if self.in_quote[k].is_some() || out.iter().any(|m| m.first <= k + 1 && k <= m.last) {
                continue;
            }
            // An auxiliary is only ever the left edge of a cue ("has said"), which
            // `extend_cue` adds to the cue word itself.
            if CUE_LEFT.contains(&self.w(k)) {
                continue;
            }
            // "… but gave no evidence": a verb with a "no" object tells what a
            // source did not give; it is the writer's comment, not its claim.
            if k + 1 < e && self.w(k + 1) == "no" {
                continue;
            }
            let Some(score) = model.score_open(self.doc, k, parse.as_deref(), &mut buf) else {
                continue;
            };
            if score > model.threshold_for(parse.is_some()) {
                let m = CueMatch {
                    first: k,
                    last: k,
                    entry,
                };
                out.push(self.extend_cue(m, s, e));
                added = true;
            }
        }
        if added {
            out.sort_by_key(|m| m.first);
        }
        parse
    }

    /// Widen a cue over auxiliaries and adverbs before it ("has also said") and over
    /// a colon, a day name or a channel phrase after it ("said Tuesday", "said in a statement").
    fn extend_cue(&self, mut m: CueMatch, s: usize, e: usize) -> CueMatch {
        if self.cues.entry(m.entry).kind == CueKind::According || self.w(m.first) == ":" {
            return m;
        }
        while m.first > s && CUE_LEFT.contains(&self.w(m.first - 1)) {
            m.first -= 1;
        }
        let mut k = m.last + 1;
        if k < e && WEEKDAYS.contains(&self.w(k)) {
            k += 1;
        }
        if k + 2 < e
            && self.w(k) == "in"
            && matches!(self.w(k + 1), "a" | "an")
            && CHANNEL_NOUNS.contains(&self.w(k + 2))
        {
            k += 3;
        }
        if k < e
            && matches!(self.w(k), "of" | "about")
            && matches!(
                self.w(m.last),
                "said" | "asked" | "says" | "talked" | "spoke"
            )
        {
            k += 1;
        }
        if k < e && self.w(k) == ":" {
            k += 1;
        }
        m.last = k - 1;
        m
    }

    /// A headline in title case: "Glenn Beck Says Trump Poses A Threat".
    fn title_case(&self, s: usize, e: usize) -> bool {
        let words: Vec<usize> = (s..e)
            .filter(|&k| self.doc.tokens[k].kind == TokenKind::Word)
            .collect();
        if words.len() < 3 || is_terminal(self.w(e - 1)) {
            return false;
        }
        let caps = words.iter().filter(|&&k| self.is_cap(k)).count();
        caps * 10 >= words.len() * 7
    }

    /// Last token of a name-like chunk check.
    fn name_like(&self, a: usize, b: usize) -> bool {
        if b < a || b - a > 8 || !self.is_cap(a) || NOT_NAME_START.contains(&self.w(a)) {
            return false;
        }
        if self.w(a).ends_with("ing") {
            return false;
        }
        if self.w(a) == "the" && (a == b || !self.is_cap(a + 1)) {
            return false;
        }
        (a..=b).all(|i| {
            self.is_cap(i)
                || self.particle_name(i)
                || NAME_CONNECT.contains(&self.w(i))
                || !self.is_word(i) && self.w(i) != ","
        })
    }

    fn appositive_start(&self, i: usize) -> bool {
        let w = self.w(i);
        matches!(
            w,
            "a" | "an"
                | "the"
                | "another"
                | "who"
                | "which"
                | "whose"
                | "one"
                | "its"
                | "his"
                | "her"
                | "their"
                | "now"
                | "then"
                | "formerly"
        ) || (self.is_word(i) && !self.is_cap(i))
    }

    /// Start of the comma-free chunk ending at `j` (not before `s`).
    fn chunk_start(&self, j: usize, s: usize) -> usize {
        let mut k = j;
        while k > s {
            let w = self.w(k - 1);
            if BACK_STOP.contains(&w) || is_quote_mark(self.raw(k - 1)) {
                break;
            }
            if w == "and" && !(self.is_cap(k) && k >= 2 && self.is_cap(k - 2)) {
                break;
            }
            // "witnesses told police Wilson had appeared": another cue ends the phrase.
            if self.doc.tokens[k - 1].kind == TokenKind::Word
                && !self.is_cap(k - 1)
                && self
                    .cues
                    .match_at(self.doc, k - 1, j + 1)
                    .is_some_and(|m| self.cues.entry(m.entry).kind != CueKind::According)
            {
                break;
            }
            k -= 1;
        }
        k
    }

    /// The subject noun phrase ending before token `cue_first`, within `s..`.
    pub fn subject_np(&self, cue_first: usize, s: usize) -> Option<(usize, usize)> {
        if cue_first <= s {
            return None;
        }
        let mut j = self.skip_back(cue_first - 1, s)?;
        if self.w(j) == "," {
            if j == s {
                return None;
            }
            j = self.skip_back(j - 1, s)?;
        }
        // "The mayor, in a statement, said": skip a parenthetical channel or time phrase.
        let k = self.chunk_start(j, s);
        if k > s + 1
            && k < j
            && self.w(k - 1) == ","
            && matches!(self.w(k), "in" | "on" | "at" | "during" | "via" | "through")
        {
            j = self.skip_back(k - 2, s)?;
        }
        // "Suu Kyi, 70, said": an age between commas (skipped as time-like) belongs
        // to the name before it.
        let mut end = j;
        if self.w(j) == "," && j > s && self.doc.tokens[j + 1].kind == TokenKind::Number {
            end = j + 1;
            j -= 1;
        }
        // "Sen. Chuck Grassley (R-Iowa) told": keep the parenthesis in the source.
        if self.w(j) == ")" {
            end = j;
            let open = (j.saturating_sub(8).max(s)..j)
                .rev()
                .find(|&k| self.w(k) == "(")?;
            if open == s {
                return None;
            }
            j = open - 1;
        }
        if !self.is_word(j) || BACK_STOP.contains(&self.w(j)) || self.w(j) == "and" {
            return None;
        }
        let k = self.chunk_start(j, s);
        // Appositive chain: "Abu Yusuf, a spokesman for X, another rebel group, told".
        let mut start = k;
        let mut cur = k;
        loop {
            if !self.appositive_start(cur) || cur < s + 2 || self.w(cur - 1) != "," {
                break;
            }
            let pe = cur - 2;
            let pk = self.chunk_start(pe, s);
            // "Separately, fighters of X attacked": a sentence adverb is no name.
            let adverb = pk == pe && (self.w(pk).ends_with("ly") || ADVERBS.contains(&self.w(pk)));
            if self.name_like(pk, pe) && !adverb {
                start = pk;
                break;
            }
            if matches!(self.w(pk), "a" | "an" | "the" | "another") && pe - pk < 12 {
                cur = pk;
                continue;
            }
            break;
        }
        // "The coalition spokesman, Colonel Turki al-Maliki, said": a role
        // that opens the sentence, then the name in apposition.
        if start == k && k >= s + 2 && self.w(k - 1) == "," && self.name_like(k, j) {
            let pe = k - 2;
            let pk = self.chunk_start(pe, s);
            if pk == s
                && (pk..=pe).any(|x| ROLE_HEADS.contains(&self.w(x)))
                && self.conjunct(pk, pe)
            {
                start = pk;
            }
        }
        if end - start > 30 {
            return None;
        }
        Some((start, end))
    }

    /// The subject a sentence opens with, before `before`: a personal pronoun or a
    /// capitalised name of up to four words, after an opening "Then", "But" or
    /// "And" ("Then he cut into Bush", "Sanders is pushing back").
    fn own_subject(&self, s: usize, before: usize) -> Option<(usize, usize)> {
        let mut a = s;
        while a < before && matches!(self.w(a), "then" | "but" | "and" | "so" | "later" | ",") {
            a += 1;
        }
        if a >= before {
            return None;
        }
        if matches!(self.w(a), "he" | "she" | "they" | "we" | "i") {
            return Some((a, a));
        }
        let mut b = a;
        while b + 1 < before && b + 1 - a < 4 && self.is_cap(b + 1) && self.is_word(b + 1) {
            b += 1;
        }
        let next = self.w(b + 1);
        let verbish = b + 1 < before
            && !self.is_cap(b + 1)
            && self.is_word(b + 1)
            && !matches!(
                next,
                "of" | "and"
                    | "or"
                    | "in"
                    | "for"
                    | "on"
                    | "at"
                    | "to"
                    | "with"
                    | "before"
                    | "after"
                    | "during"
                    | "since"
                    | "from"
                    | "by"
                    | "as"
                    | "about"
                    | "over"
            );
        let adverb = a == b && (self.w(a).ends_with("ly") || ADVERBS.contains(&self.w(a)));
        // "Pro-government militias", "Russian-backed forces": a modifier, not a name.
        let modifier = self
            .raw(b)
            .rsplit_once('-')
            .is_some_and(|(_, r)| r.chars().next().is_some_and(char::is_lowercase));
        (self.name_like(a, b) && verbish && !adverb && !modifier).then_some((a, b))
    }

    /// A noun phrase starting at `i` (inverted sources, "according to X", recipients).
    pub fn np_after(&self, i: usize, e: usize) -> Option<(usize, usize)> {
        let mut k = i;
        while k < e && k - i < 12 {
            let w = self.w(k);
            if !self.is_word(k) && !matches!(w, "&" | "-" | "’s" | "'s" | "/" | ".") {
                break;
            }
            if w == "." {
                break;
            }
            if FWD_STOP.contains(&w) && !self.is_cap(k) {
                break;
            }
            if matches!(w, "in" | "from")
                && !(k + 1 < e
                    && (self.is_cap(k + 1)
                        || self.w(k + 1) == "the" && k + 2 < e && self.is_cap(k + 2)))
            {
                break;
            }
            if self.is_time[k] {
                break;
            }
            k += 1;
        }
        (k > i).then(|| (i, k - 1))
    }

    /// A source phrase ending in a participle, with the channel it names:
    /// "a statement posted" + "on Telegram", "a video released" + "on its website".
    fn with_channel(&self, (a, b): (usize, usize), e: usize) -> (usize, usize) {
        let s = self.doc.sentences[self.doc.tokens[a].sentence].tokens.start;
        if b + 2 >= e
            || !self.reduced_relative(b, s)
            || !matches!(self.w(b + 1), "on" | "via" | "to" | "in")
        {
            return (a, b);
        }
        let mut k = b + 2;
        if matches!(self.w(k), "its" | "their" | "his" | "her" | "the") {
            k += 1;
        }
        let start = k;
        while k < e
            && k - start < 5
            && self.is_word(k)
            && (self.is_cap(k)
                || matches!(
                    self.w(k),
                    "website" | "account" | "page" | "channel" | "feed"
                ))
        {
            k += 1;
        }
        if k == start {
            return (a, b);
        }
        (a, k - 1)
    }

    /// The author of a document phrase: "a statement from the Interior Ministry"
    /// → "the Interior Ministry", "a report by the UN" → "the UN"; other phrases
    /// unchanged.
    fn document_author(&self, (a, b): (usize, usize), e: usize) -> (usize, usize) {
        let mut k = a;
        if matches!(self.w(k), "a" | "an" | "the" | "its" | "their") {
            k += 1;
        }
        let noun = |w: &str| {
            CHANNEL_NOUNS.contains(&w)
                || w.strip_suffix('s')
                    .is_some_and(|n| CHANNEL_NOUNS.contains(&n))
        };
        if k > b || !noun(self.w(k)) || k + 1 >= e || !matches!(self.w(k + 1), "from" | "by") {
            return (a, b);
        }
        let author = if k + 2 <= b {
            (k + 2, b)
        } else {
            // "a report" + "by the UN refugee agency": the noun phrase stopped at "by".
            match self.np_after(k + 2, e) {
                Some(p) => p,
                None => return (a, b),
            }
        };
        // "from" also gives where a report came from ("reports from the
        // scene", "a report from Kabul"): after it only a body's name is the
        // author ("a statement from the Interior Ministry", "from the UN").
        if self.w(k + 1) == "from" && !self.names_a_body(author) {
            return (a, b);
        }
        author
    }

    /// True when tokens `a..=b` name an organisation: a word of an
    /// organisation, a government body or a medium ("ministry", "agency"),
    /// or an acronym ("UN", "AFP").
    fn names_a_body(&self, (a, b): (usize, usize)) -> bool {
        (a..=b).any(|k| {
            let w = self.w(k);
            BODY_WORDS.iter().any(|c| c.contains(&w))
                || (self.raw(k).len() >= 2
                    && self
                        .raw(k)
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c == '.'))
        })
    }

    /// An inverted source with its appositive: "said Laurie Guzzinati, a spokeswoman for X".
    fn np_after_appositive(&self, i: usize, e: usize) -> Option<(usize, usize)> {
        let (a, b) = self.np_after(i, e)?;
        if b + 2 < e
            && self.w(b + 1) == ","
            && self.appositive_start(b + 2)
            && !ROLE_STOP.contains(&self.w(b + 2))
        {
            let mut k = b + 2;
            while k < e
                && !matches!(self.w(k), "," | ";" | ":" | "(" | "—")
                && !is_terminal(self.w(k))
                && !is_quote_mark(self.raw(k))
            {
                k += 1;
            }
            if k - b < 25 {
                return Some((a, k - 1));
            }
        }
        Some((a, b))
    }

    /// The recipient of "told": "told Reuters", "told reporters that".
    fn recipient(&self, after: usize, e: usize) -> Option<(usize, usize)> {
        if after >= e
            || matches!(self.w(after), "that" | "," | ":")
            || is_quote_mark(self.raw(after))
        {
            return None;
        }
        // "told Reuters the strike killed 18", "told reporters they …": a name
        // (or a recipient word) right before a clause with no "that".
        let mut k = after;
        if self.is_cap(after) {
            while k + 1 < e && k - after < 5 && self.is_cap(k + 1) && self.is_word(k + 1) {
                k += 1;
            }
        }
        let named = self.is_cap(after) || RECIPIENT_WORDS.contains(&self.w(after));
        if named
            && self.is_word(after)
            && k + 2 < e
            && matches!(
                self.w(k + 1),
                "the" | "a" | "an" | "he" | "she" | "they" | "it" | "we" | "his" | "its" | "their"
            )
            && !matches!(self.w(after), "the" | "a" | "an")
        {
            return Some((after, k));
        }
        let (a, b) = self.np_after(after, e)?;
        let next = if b + 1 < e { self.w(b + 1) } else { "." };
        if matches!(
            next,
            "that"
                | ","
                | ":"
                | "on"
                | "in"
                | "at"
                | "during"
                | "last"
                | "this"
                | "after"
                | "before"
                | "by"
                | "via"
                | "over"
        ) || is_terminal(next)
            || is_quote_mark(next)
            || self.is_time.get(b + 1).copied().unwrap_or(false)
        {
            return Some((a, b));
        }
        if RECIPIENT_WORDS.contains(&self.w(after)) && !matches!(self.w(after), "the" | "a" | "an")
        {
            return Some((after, after));
        }
        None
    }

    /// Sentence end without the final full stop (a closing quote after it is kept).
    fn content_end(&self, e: usize, from: usize) -> usize {
        let mut last = e - 1;
        while last > from && (is_terminal(self.w(last)) || matches!(self.w(last), "," | ";" | ":"))
        {
            last -= 1;
        }
        last
    }

    /// The closed quote right before the cue, with the tokens between them.
    fn quote_before(&self, cue: &CueMatch, s: usize) -> Option<(Quote, usize)> {
        let q = self
            .quotes
            .iter()
            .rev()
            .find(|q| q.close < cue.first && q.close + 1 >= s)?;
        let mut bc = q.close.checked_sub(1)?;
        while bc > q.open && is_single_quote(self.w(bc)) {
            bc -= 1;
        }
        let before_close = self.w(bc);
        let after_close = self.w(q.close + 1);
        let starts_clause = q.open <= s || matches!(self.w(q.open.saturating_sub(1)), ":" | ",");
        let clausal = matches!(before_close, "," | "." | "?" | "!" | "…" | "—" | "-" | "--")
            || after_close == ","
            || starts_clause && self.in_quote[q.close + 1].is_none();
        if !clausal || cue.first - q.close > 40 {
            return None;
        }
        if q.close < s {
            // The splitter cut after “…?” : accept only "“…?” Trump said." shapes.
            let plain_gap = (s..cue.first).all(|k| self.w(k) != "," && k - s < 8);
            let mut rest = cue.last + 1;
            if self.cues.entry(cue.entry).kind == CueKind::Tell {
                if let Some(r) = self.recipient(
                    rest,
                    self.doc.sentences[self.doc.tokens[s].sentence].tokens.end,
                ) {
                    rest = r.1 + 1;
                }
            }
            let e = self.doc.sentences[self.doc.tokens[s].sentence].tokens.end;
            if !matches!(before_close, "." | "?" | "!" | "…" | ",")
                || !plain_gap
                || !self.nothing_after(rest, e)
            {
                return None;
            }
        }
        let gap_start = if after_close == "," {
            q.close + 2
        } else {
            q.close + 1
        };
        // "… as “fabrications”, and said …": a coordinated verb continues the
        // sentence's speaker; the quote is not its content.
        if gap_start < cue.first && matches!(self.w(gap_start), "and" | "but") {
            return None;
        }
        // A full stop inside a parenthesis is an abbreviation: "Rep. Gwen Moore (D-Wis.) said".
        let mut depth = 0i32;
        for k in gap_start..cue.first {
            match self.w(k) {
                "(" => depth += 1,
                ")" => depth -= 1,
                _ => {}
            }
            if self.in_quote[k].is_some()
                || (is_terminal(self.w(k)) && depth <= 0)
                || matches!(self.w(k), "but" | ";")
                || self.cues.match_at(self.doc, k, cue.first).is_some()
            {
                return None;
            }
        }
        Some((*q, gap_start))
    }

    /// Content after position `after`: a following quote or the rest of the sentence.
    fn content_after(&self, mut after: usize, e: usize) -> Option<(usize, usize)> {
        while after < e && matches!(self.w(after), "," | ":") {
            after += 1;
        }
        // "said, however, that …", "said on Saturday, he …": skip a leading adverbial.
        if let Some(c) = (after..e.min(after + 5)).find(|&k| self.w(k) == ",") {
            let adverbial = (after..c).all(|k| {
                self.timeish(k)
                    || ADVERBS.contains(&self.w(k))
                    || matches!(self.w(k), "however" | "though" | "also" | "in" | "at")
            });
            if adverbial && c > after && c + 1 < e {
                after = c + 1;
            }
        }
        if after >= e {
            return None;
        }
        if let Some(qi) = self.in_quote[after] {
            let q = self.quotes[qi];
            if q.open == after && q.close >= e - 1 {
                return Some((q.open, q.close));
            }
        }
        // "warned viewers that C": a short object before "that" is not content.
        if let Some(t) = (after + 1..e.min(after + 4)).find(|&k| self.w(k) == "that") {
            if (after..t).all(|k| self.is_word(k) && !self.is_time[k]) && self.in_quote[t].is_none()
            {
                after = t;
            }
        }
        // "wrote on its Facebook page that C": the content starts at "that".
        if matches!(
            self.w(after),
            "on" | "in" | "at" | "during" | "via" | "through"
        ) {
            if let Some(t) = (after + 1..e.min(after + 10))
                .find(|&k| self.w(k) == "that" && self.in_quote[k].is_none())
            {
                after = t;
            }
        }
        let end = self.content_end(e, after);
        (end >= after && !is_terminal(self.w(after))).then_some((after, end))
    }

    /// "C, a military official told AFP, saying C2": after the cue (and its
    /// recipient, and a time phrase) a comma opens a participle clause, which is
    /// a claim of its own continuing this one; this cue's content is before it.
    fn participle_clause_after(&self, rest: usize, e: usize) -> bool {
        let Some(c) = (rest..e).find(|&k| self.w(k) == ",") else {
            return false;
        };
        c + 1 < e
            && self.nothing_after(rest, c)
            && self.is_word(c + 1)
            && !self.is_cap(c + 1)
            && self.w(c + 1).ends_with("ing")
            && self.in_quote[c + 1].is_none()
    }

    /// The first conjunct of a coordinated source whose last conjunct starts at
    /// `a`: "medical sources and [the health ministry] said" gives the start of
    /// "medical sources" (a short phrase of words, after a comma or at `s`);
    /// "the army, the police and [local officials] said" gives "the army".
    fn coordinated_source_start(&self, a: usize, s: usize) -> Option<usize> {
        if a < s + 2 || !matches!(self.w(a - 1), "and" | "or") {
            return None;
        }
        let mut k = self.chunk_start(a - 2, s);
        if !(k == s || self.w(k - 1) == ",") || !self.conjunct(k, a - 2) {
            return None;
        }
        // More conjuncts before it, each after a comma: "X, Y and Z".
        while k >= s + 2 && self.w(k - 1) == "," {
            let j = self.chunk_start(k - 2, s);
            if !(j == s || self.w(j - 1) == ",") || !self.conjunct(j, k - 2) || k - 2 - j > 4 {
                break;
            }
            k = j;
        }
        Some(k)
    }

    /// Whether tokens `k..=b` can be one conjunct of a coordinated source: a
    /// short phrase of words, no time phrase, no quote, no clause ("C, a police
    /// officer said and residents confirmed", "The attack was repelled, the
    /// army and police said").
    fn conjunct(&self, k: usize, b: usize) -> bool {
        if b < k || b - k > 5 {
            return false;
        }
        let words = (k..=b).all(|j| {
            (self.is_word(j) || matches!(self.w(j), "’s" | "'s" | "-"))
                && !self.is_time[j]
                && self.in_quote[j].is_none()
        });
        let clause = (k..=b).any(|j| {
            self.cues.match_at(self.doc, j, b + 1).is_some()
                || matches!(
                    self.w(j),
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "did"
                        | "been"
                )
                || self.parse_of(j).is_some_and(|p| {
                    p.word_of_token(j)
                        .is_some_and(|w| matches!(p.words[w].upos.as_str(), "VERB" | "AUX"))
                })
        });
        words && !clause
    }

    /// "C, a police officer said and residents confirmed": after the cue, a
    /// second source and cue that close the sentence share this cue's content.
    fn coordinated_cue_after(&self, rest: usize, e: usize) -> bool {
        if rest + 2 >= e || !matches!(self.w(rest), "and" | "but") {
            return false;
        }
        (rest + 2..e.min(rest + 8)).any(|k| {
            self.cues.match_at(self.doc, k, e).is_some_and(|m| {
                self.cues.entry(m.entry).kind != CueKind::According
                    && self.conjunct(rest + 1, k - 1)
                    && self.nothing_after(m.last + 1, e)
            })
        })
    }

    /// Whether the words after the cue (and recipient) carry no content.
    fn nothing_after(&self, after: usize, e: usize) -> bool {
        if after >= e || is_terminal(self.w(after)) {
            return true;
        }
        let w = self.w(after);
        let prepish = matches!(
            w,
            "on" | "in"
                | "at"
                | "during"
                | "last"
                | "this"
                | "via"
                | "through"
                | "late"
                | "early"
                | "yesterday"
                | "today"
                | "earlier"
                | "later"
        ) || self.is_time[after];
        prepish && !(after..e).any(|k| self.w(k) == "that" || self.in_quote[k].is_some())
    }

    /// Build the draft for one cue of sentence `si`. `drafts` holds earlier drafts of the document.
    pub fn frame(&self, si: usize, cue: CueMatch, drafts: &[Draft]) -> Option<Draft> {
        let sent = &self.doc.sentences[si];
        let (s, e) = (sent.tokens.start, sent.tokens.end);
        let entry = self.cues.entry(cue.entry);
        let after = cue.last + 1;
        if self.no_comment_near(&cue, s, e) || self.denied_non_speech(&cue, e) {
            return None;
        }
        let mk = |source, content, recipient, inherits, frame_start, inverted, rule| Draft {
            cue,
            source,
            content,
            recipient,
            inherits,
            sentence: si,
            frame_start,
            inverted,
            antecedent: None,
            rule,
        };
        // 0. "Asked (by X) whether C, …": the question, asked by X if named.
        if self.asked_lead(&cue, s, e) {
            let comma = self.lead_comma(s, e)?;
            let mut c = after;
            let mut src = None;
            // "Asked by Maria Ortiz whether …": the asker is the name after "by".
            if self.w(c) == "by" {
                let name_end = (c + 1..comma).find(|&k| !self.is_cap(k)).unwrap_or(comma);
                if name_end > c + 1 {
                    src = Some((c + 1, name_end - 1));
                    c = name_end;
                }
            }
            return (c < comma).then(|| {
                mk(
                    src,
                    (c, comma - 1),
                    None,
                    None,
                    cue.first,
                    false,
                    "asked_lead",
                )
            });
        }
        // 1. "according to X, C" / "C, according to X".
        if entry.kind == CueKind::According {
            let src = self
                .np_after(after, e)
                .map(|x| self.with_channel(x, e))
                .map(|x| self.document_author(x, e));
            let src_end = src.map_or(cue.last, |x| x.1);
            let lead = cue.first == s
                || (s..cue.first).all(|k| {
                    self.timeish(k) || matches!(self.w(k), "," | "but" | "and" | "also" | "however")
                });
            // The source and where the content starts when the cue leads:
            // "In a Des Moines Register poll last month, C" (the whole phrase
            // up to the comma is the source) or "According to X, C".
            let leading = match self.source_lead(&cue, s, e) {
                Some(comma) => Some((Some((after, comma - 1)), comma + 1)),
                None if lead => {
                    let mut c = src_end + 1;
                    if c < e
                        && self.w(c) == ","
                        && c + 1 < e
                        && matches!(self.w(c + 1), "which" | "who" | "whose")
                    {
                        c = (c + 1..e).find(|&k| self.w(k) == ",")? + 1;
                    }
                    Some((src, c))
                }
                None => None,
            };
            if let Some((src, c)) = leading {
                let content = self.content_after(c, e)?;
                return Some(mk(
                    src,
                    content,
                    None,
                    None,
                    cue.first,
                    true,
                    "according_to_lead",
                ));
            }
            let mut end = cue.first - 1;
            while end > s && matches!(self.w(end), "," | "—") {
                end -= 1;
            }
            return Some(mk(
                src,
                (s, end),
                None,
                None,
                cue.first,
                true,
                "according_to_tail",
            ));
        }
        // 1b. "C, accusations the coalition rejects": the source answers the clause before.
        if let Some((comma, src)) = self.resumptive(&cue, s, e) {
            let mut end = comma - 1;
            while end > s && matches!(self.w(end), "," | "—") {
                end -= 1;
            }
            return Some(mk(
                Some(src),
                (s, end),
                None,
                None,
                comma + 1,
                false,
                "resumptive",
            ));
        }
        let participle = (cue.first..=cue.last).any(|k| self.w(k).ends_with("ing"));
        let prev_sig = self.skip_back(cue.first - 1, s);
        // 2. A quote right before: "“…,” said X" / "“…,” X said".
        if let Some((q, gap_start)) = self.quote_before(&cue, s) {
            let content_start = if q.open > s && q.open < e { s } else { q.open };
            let content = (content_start, q.close);
            let gap_end = prev_sig.filter(|&j| j >= gap_start);
            return match gap_end {
                None => {
                    // Inverted: the source follows the cue.
                    let src = self.np_after_appositive(after, e);
                    let recipient = if entry.kind == CueKind::Tell {
                        src.and_then(|x| self.recipient(x.1 + 1, e))
                    } else {
                        None
                    };
                    let inherits = src.is_none().then(|| drafts.len().checked_sub(1)).flatten();
                    Some(mk(
                        src,
                        content,
                        recipient,
                        inherits,
                        cue.first,
                        true,
                        "quote_cue_source",
                    ))
                }
                Some(_) => {
                    // "“…”, a security source and local residents confirmed".
                    let src = self.subject_np(cue.first, gap_start).map(|(a, b)| {
                        (self.coordinated_source_start(a, gap_start).unwrap_or(a), b)
                    });
                    let recipient = if entry.kind == CueKind::Tell {
                        self.recipient(after, e)
                    } else {
                        None
                    };
                    let fs = src.map_or(cue.first, |x| x.0);
                    Some(mk(
                        src,
                        content,
                        recipient,
                        None,
                        fs,
                        false,
                        "quote_source_cue",
                    ))
                }
            };
        }
        let pw = prev_sig.map(|j| self.w(j));
        // 3. Continuations: "…, adding that C", "… but added that C".
        if (participle && pw == Some(",")) || matches!(pw, Some("and") | Some("but")) {
            // "…, telling CNBC: “…”": the recipient is no content.
            let recipient = if entry.kind == CueKind::Tell {
                self.recipient(after, e)
            } else {
                None
            };
            let rest = recipient.map_or(after, |r| r.1 + 1);
            let prev = drafts
                .iter()
                .rposition(|d| d.sentence == si || d.sentence + 1 == si);
            // A claim of the previous sentence is not continued when this sentence
            // names its own subject ("Sanders is pushing back, questioning …").
            // A common noun subject comes from the parse ("The general visited
            // the base, saying …").
            // With no claim before it at all, a participle's speaker is the
            // sentence subject too ("The militia denied involvement, calling the
            // reports fabricated" when the denial was not kept), not the words
            // before its comma.
            let fresh = match prev {
                Some(p) => drafts[p].sentence != si,
                None => participle,
            };
            let own = fresh.then_some(()).and_then(|_| {
                self.own_subject(s, prev_sig.unwrap_or(cue.first))
                    .or_else(|| {
                        let p = self.parse_of(cue.first)?;
                        crate::parsed::participle_subject(self.doc, &p, cue.first, cue.last)
                    })
            });
            if let Some(src) = own {
                let content = self.content_after(rest, e)?;
                return Some(mk(
                    Some(src),
                    content,
                    recipient,
                    None,
                    src.0,
                    false,
                    "coordinated",
                ));
            }
            if let Some(p) = prev {
                let content = self.content_after(rest, e)?;
                let fs = prev_sig.unwrap_or(cue.first);
                return Some(mk(
                    drafts[p].source,
                    content,
                    recipient,
                    Some(p),
                    fs,
                    false,
                    "continuation",
                ));
            }
            if !participle {
                // "X became a delegate and said …": the sentence subject speaks
                // ("Rebels attacked the convoy and claimed the ambush": "Rebels").
                let src = self
                    .own_subject(s, prev_sig.unwrap_or(cue.first))
                    .or_else(|| self.np_after_appositive(s, e))
                    .filter(|&(a, _)| self.name_like(a, a) || self.is_cap(a));
                let content = self.content_after(rest, e)?;
                return Some(mk(
                    src,
                    content,
                    recipient,
                    None,
                    cue.first,
                    false,
                    "coordinated",
                ));
            }
        }
        // 4. Inverted after a comma: "C, reports The New York Times" / "C, said X",
        // unless the comma closes an appositive ("X, a spokesman for Y, said").
        let subj = self.subject_np(cue.first, s);
        let appositive = subj.is_some_and(|(a, b)| (a..=b).any(|k| self.w(k) == ","));
        // "X, which monitors the war, said a raid hit …": the comma closes a
        // relative clause on the subject, so the speaker comes before it.
        let relative_comma = (s + 1..cue.first).find(|&k| {
            self.w(k) == ","
                && k + 1 < cue.first
                && matches!(self.w(k + 1), "which" | "who" | "whose")
        });
        let relative = relative_comma.is_some();
        if pw == Some(",") && !participle && !appositive && !relative {
            let src = self.np_after_appositive(after, e);
            let j = prev_sig.unwrap_or(cue.first);
            let src_ends = src.is_some_and(|(_, b)| {
                b + 1 >= e || matches!(self.w(b + 1), "," | ";") || self.nothing_after(b + 1, e)
            });
            if j > s && src_ends {
                let recipient = if entry.kind == CueKind::Tell {
                    src.and_then(|x| self.recipient(x.1 + 1, e))
                } else {
                    None
                };
                return Some(mk(
                    src,
                    (s, j - 1),
                    recipient,
                    None,
                    j,
                    true,
                    "content_comma_cue_source",
                ));
            }
        }
        // 5. Source before the cue; with a relative clause, the noun phrase it modifies.
        let mut src = match relative_comma {
            Some(k) if k - s <= 8 => Some((s, k - 1)),
            _ => subj,
        };
        let mut antecedent = None;
        // Passive: "was found", "were told": the subject is not the speaker.
        let core_last = (cue.first..=cue.last).rev().find(|&k| {
            self.doc.tokens[k].kind == TokenKind::Word
                && !CHANNEL_NOUNS.contains(&self.w(k))
                && !WEEKDAYS.contains(&self.w(k))
                && !matches!(self.w(k), "in" | "a" | "an" | "of" | "about")
        });
        let be = |w: &str| matches!(w, "was" | "were" | "is" | "are" | "been" | "be");
        let be_before = be(self.w(cue.first)) || (cue.first > s && be(self.w(cue.first - 1)));
        let participle_form = core_last.is_some_and(|k| {
            let w = self.w(k);
            (w.ends_with("ed") && w != "expected")
                || matches!(
                    w,
                    "told" | "found" | "shown" | "known" | "seen" | "said" | "thought"
                )
        });
        // "The blast was (later) claimed by the Taliban": the agent claims
        // responsibility for the subject.
        let be_adverb = cue.first > s + 1
            && ADVERBS.contains(&self.w(cue.first - 1))
            && be(self.w(cue.first - 2));
        if (be_before || be_adverb) && self.w(cue.last) == "claimed" && self.w(after) == "by" {
            let by_agent = self.np_after(after + 1, e);
            let resp = self.cues.entry_id("claim_responsibility");
            if let (Some(agent), Some((a, b)), Some(id)) = (by_agent, subj, resp) {
                let mut b = b.min(cue.first.saturating_sub(1));
                while b > a && (be(self.w(b)) || ADVERBS.contains(&self.w(b))) {
                    b -= 1;
                }
                let an_attack = (a..=b).any(|k| CLAIMED_ATTACKS.contains(&self.w(k)));
                // "was not claimed by anyone", "claimed by no group": nobody claims it.
                let negated = (s..cue.last).any(|k| matches!(self.w(k), "not" | "never" | "n't"))
                    || matches!(
                        self.w(agent.0),
                        "no" | "any" | "anyone" | "anybody" | "nobody" | "none" | "neither"
                    );
                if b < cue.first && self.w(a) != "responsibility" && an_attack && !negated {
                    let mut d = mk(Some(agent), (a, b), None, None, a, true, "passive_claim_by");
                    d.cue.entry = id;
                    return Some(d);
                }
            }
        }
        if be_before && participle_form {
            let by = (cue.last + 1..e.min(cue.last + 12)).find(|&k| self.w(k) == "by");
            src = by.and_then(|b| self.np_after(b + 1, e));
            // "Victory was claimed by both parties", "The report was denied by
            // the ministry": the subject is what the agent says (not so "It
            // was reported by AFP that C").
            if let (Some(by), Some(agent), Some((a, b))) = (by, src, subj) {
                let mut b = b.min(cue.first.saturating_sub(1));
                while b > a && (be(self.w(b)) || ADVERBS.contains(&self.w(b))) {
                    b -= 1;
                }
                let clause_after =
                    (agent.1 + 1..e).any(|k| self.w(k) == "that" || self.in_quote[k].is_some());
                // "was claimed by nobody", "was not claimed by anyone": no claim.
                let nobody = (s..cue.last).any(|k| matches!(self.w(k), "not" | "never" | "n't"))
                    || matches!(
                        self.w(agent.0),
                        "no" | "any" | "anyone" | "anybody" | "nobody" | "none" | "neither"
                    );
                if nobody && by == cue.last + 1 {
                    return None;
                }
                if by == cue.last + 1
                    && b < cue.first
                    && !clause_after
                    && !matches!(self.w(a), "it" | "this" | "that")
                {
                    return Some(mk(Some(agent), (a, b), None, None, a, true, "passive_by"));
                }
            }
        } else if let Some((a, b)) = src {
            // "Israel's military and the health ministry said C": both conjuncts speak.
            if let Some(k) = self.coordinated_source_start(a, s).filter(|&k| k == s) {
                src = Some((k, b));
            }
        }
        // Relative pronoun: "the office, which said …" speaks for "the office".
        if let Some(j) = prev_sig
            .filter(|&j| matches!(self.w(j), "which" | "who") && j > s + 1 && self.w(j - 1) == ",")
        {
            src = Some((j, j));
            let mut k = self.chunk_start(j - 2, s);
            if self.w(k) == "according" && k + 2 < j - 1 {
                k += 2;
            }
            antecedent = Some((k, j - 2));
        }
        // "Human Rights Watch documented what it called …": a pronoun source
        // inside a clause stands for the name the sentence opens with, not for
        // the last source of the article.
        if let Some((a, _)) = src.filter(|&(a, b)| {
            a == b && a > s + 2 && matches!(self.w(a), "it" | "they" | "he" | "she")
        }) {
            let subject = self
                .own_subject(s, a)
                .filter(|&(x, y)| self.is_cap(x) && y + 1 < a && !(x == y && self.w(x) == "i"));
            if subject.is_some() {
                antecedent = subject;
            }
        }
        if entry.kind == CueKind::Belief {
            let named = src.is_some_and(|(a, b)| {
                (a == b && matches!(self.w(a), "he" | "she" | "they" | "we" | "i"))
                    || self.name_like(a, b.min(a + 3))
            });
            // Otherwise only when the learned model is sure ("Many voters think …").
            let sure = || {
                self.model.is_some_and(|(m, _)| {
                    let parse = self.parse_of(cue.last);
                    m.score_with(
                        self.doc,
                        cue.last,
                        parse.as_deref(),
                        &mut FeatureBuf::default(),
                    )
                    .is_some_and(|x| x > m.threshold_for(parse.is_some()) + BELIEF_MARGIN)
                })
            };
            if !named && !sure() {
                return None;
            }
        }
        let recipient = if entry.kind == CueKind::Tell {
            self.recipient(after, e)
        } else {
            None
        };
        let rest = recipient.map_or(after, |r| r.1 + 1);
        // "C, a police officer said and residents confirmed": the second
        // source's cue shares the first one's content.
        if let Some((a, b)) = src.filter(|&(a, _)| {
            a >= s + 2 && matches!(self.w(a - 1), "and" | "but") && self.nothing_after(rest, e)
        }) {
            if let Some(p) = drafts.iter().rposition(|d| {
                d.sentence == si && d.cue.last + 2 == a && d.rule == "content_comma_source_cue"
            }) {
                return Some(mk(
                    Some((a, b)),
                    drafts[p].content,
                    recipient,
                    None,
                    a,
                    false,
                    "content_comma_source_cue",
                ));
            }
        }
        if let Some((a, b)) = src {
            // "C, medical sources and the health ministry said": both conjuncts speak.
            let a = self
                .coordinated_source_start(a, s)
                .filter(|&k| k > s + 1 && self.w(k - 1) == ",")
                .unwrap_or(a);
            let clause_ends = self.nothing_after(rest, e)
                || self.participle_clause_after(rest, e)
                || self.coordinated_cue_after(rest, e);
            if clause_ends && a > s + 1 && self.w(a - 1) == "," {
                let src = Some((a, b));
                let mut end = a - 2;
                while end > s && matches!(self.w(end), "," | "—") {
                    end -= 1;
                }
                return Some(mk(
                    src,
                    (s, end),
                    recipient,
                    None,
                    a,
                    false,
                    "content_comma_source_cue",
                ));
            }
        }
        let mut rest = rest;
        if entry.kind == CueKind::Control {
            // "sought for years to reveal": the content is the infinitive.
            if let Some(t) = (rest..e.min(rest + 5)).find(|&k| self.w(k) == "to") {
                rest = t;
            }
        }
        let content = match self.content_after(rest, e) {
            Some(c) => c,
            // "X says:" with the quote in the next paragraph.
            None if self.w(cue.last) == ":" && e < self.doc.tokens.len() => {
                let q = self.quotes[self.in_quote[e]?];
                if q.open != e {
                    return None;
                }
                (q.open, q.close)
            }
            None => return None,
        };
        // "claimed the attack in a statement relayed by the SITE Intelligence
        // Group": the channel phrase after the object is no content; the body
        // that relayed the statement is its relay.
        let object_cue = entry.kind == CueKind::Object
            || entry.stance == Stance::Acknowledge
            || self.w(cue.last).starts_with("claim");
        let channel = object_cue
            .then(|| self.channel_after_object(content, e))
            .flatten();
        let (content, recipient) = match channel {
            Some((end, relay)) => (end, recipient.or(relay)),
            None => (content, recipient),
        };
        let fs = src.map_or(cue.first, |x| x.0);
        let mut d = mk(
            src,
            content,
            recipient,
            None,
            fs,
            false,
            "source_cue_content",
        );
        d.antecedent = antecedent;
        Some(d)
    }

    /// A channel phrase that follows an object content: "the attack [in a
    /// statement relayed by SITE]", "responsibility [in a video posted on
    /// Telegram]". Returns the content without it and the relaying body.
    fn channel_after_object(
        &self,
        (a, b): (usize, usize),
        e: usize,
    ) -> Option<(Range, Option<Range>)> {
        if matches!(self.w(a), "that" | "whether" | "if") || self.in_quote[a].is_some() {
            return None;
        }
        let k = (a + 1..b.saturating_sub(1)).find(|&k| {
            self.w(k) == "in"
                && matches!(self.w(k + 1), "a" | "an" | "its" | "their" | "his" | "her")
                && CHANNEL_NOUNS.contains(&self.w(k + 2))
        })?;
        // Short objects only: a clause before it holds its own channel.
        if k - a > 6 || (a..k).any(|j| self.in_quote[j].is_some() || self.w(j) == ",") {
            return None;
        }
        let relay = (k + 3 < b
            && matches!(
                self.w(k + 3),
                "relayed" | "published" | "posted" | "carried" | "released" | "issued"
            )
            && matches!(self.w(k + 4), "by" | "on" | "via"))
        .then(|| self.np_after(k + 5, e))
        .flatten();
        let mut end = k - 1;
        while end > a && matches!(self.w(end), "," | "—") {
            end -= 1;
        }
        Some(((a, end), relay))
    }

    /// The second half of a split quote: "“A,” the commander said, “and B.”"
    pub fn split_quote(&self, d: &Draft, index: usize) -> Option<Draft> {
        if !d.rule.starts_with("quote_") {
            return None;
        }
        let e = self.doc.sentences[d.sentence].tokens.end;
        let mut k = d
            .cue
            .last
            .max(d.source.map_or(0, |x| x.1))
            .max(d.recipient.map_or(0, |x| x.1))
            + 1;
        if k >= e || self.w(k) != "," {
            return None;
        }
        k += 1;
        let q = self.quotes[self.in_quote.get(k).copied().flatten()?];
        if q.open != k || q.close + 2 < e {
            return None;
        }
        Some(Draft {
            content: (q.open, q.close),
            inherits: Some(index),
            frame_start: q.open,
            inverted: false,
            rule: "quote_split",
            ..d.clone()
        })
    }

    /// Wire datelines that open a paragraph: "SANAA, March 3 (Reuters) -",
    /// "KYIV, Ukraine (AP) —", "Bamako (AFP) -", "GAZA CITY -". The place
    /// is upper case, or an outlet in parentheses follows it; only names,
    /// commas, numbers and dates come before the dash.
    pub fn datelines(&self) -> Vec<Dateline> {
        let n = self.doc.tokens.len();
        let mut out = Vec::new();
        for k in 0..n {
            if !self.line_start(k) || !self.is_word(k) || !self.is_cap(k) {
                continue;
            }
            let mut j = k;
            let mut outlet = None;
            let mut dash = None;
            while j < n && j < k + 14 {
                if j > k && self.line_start(j) {
                    break;
                }
                let w = self.raw(j);
                if is_dash(w) || w == "-" {
                    dash = Some(j);
                    break;
                }
                if w == "(" {
                    let close = (j + 1..n.min(j + 6)).find(|&c| self.w(c) == ")");
                    match close {
                        Some(c) if c > j + 1 && (j + 1..c).all(|x| self.is_cap(x)) => {
                            outlet = Some((j + 1, c - 1));
                            j = c + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                let ok = if self.doc.tokens[j].kind == TokenKind::Number {
                    true
                } else if self.is_word(j) {
                    self.is_cap(j) || self.is_time[j] || NAME_CONNECT.contains(&self.w(j))
                } else {
                    matches!(w, "," | ".")
                };
                if !ok || outlet.is_some() {
                    break;
                }
                j += 1;
            }
            let Some(d) = dash else { continue };
            if d + 1 >= n || self.line_start(d + 1) || !self.is_word(d + 1) || d == k {
                continue;
            }
            let caps_place = self.all_caps(k) && !NOT_SPEAKERS.contains(&self.w(k));
            if outlet.is_none() && !caps_place {
                continue;
            }
            out.push(Dateline {
                first: k,
                dash: d,
                outlet,
            });
        }
        out
    }

    /// Whether a line break comes right before token `k` (or `k` opens the text).
    fn line_start(&self, k: usize) -> bool {
        k == 0 || self.doc.text[self.doc.tokens[k - 1].end..self.doc.tokens[k].start].contains('\n')
    }

    /// Whether token `k` is an upper-case word of two letters or more ("PENCE").
    fn all_caps(&self, k: usize) -> bool {
        let t = self.raw(k);
        self.doc.tokens[k].kind == TokenKind::Word
            && t.chars().count() >= 2
            && t.chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '.' || c == '\'')
    }

    /// Lines an article quotes without a speech verb: a quote signed by a dash
    /// and a name at the end of its line ("“It is a disgrace.” ― Jane Doe") and
    /// the turns of a transcript ("PENCE: Well, look, …", also inside a quoted
    /// transcript whose paragraphs open with a quote mark). Quotes and colons
    /// that another draft already covers are left to it.
    pub fn signed_lines(&self, drafts: &[Draft]) -> Vec<Draft> {
        let mut out = Vec::new();
        let n = self.doc.tokens.len();
        let mk = |cue: CueMatch, source, content, frame_start, rule| Draft {
            cue,
            source: Some(source),
            content,
            recipient: None,
            inherits: None,
            sentence: self.doc.tokens[cue.first].sentence,
            frame_start,
            inverted: true,
            antecedent: None,
            rule,
        };
        let covered = |a: usize, b: usize| {
            drafts
                .iter()
                .any(|d| d.content.0 <= b && a <= d.content.1 || d.cue.first == a)
        };
        if let Some(entry) = self.cues.entry_id(QUOTE_DASH) {
            for q in &self.quotes {
                let d = q.close + 1;
                if d + 1 >= n || !is_dash(self.raw(d)) || self.line_start(d + 1) {
                    continue;
                }
                // The name: capitalised words up to the end of the line.
                let mut last = None;
                let mut k = d + 1;
                while k < n && k <= d + 8 && (k == d + 1 || !self.line_start(k)) {
                    if self.is_word(k) {
                        if !self.is_cap(k) && !NAME_CONNECT.contains(&self.w(k)) {
                            last = None;
                            break;
                        }
                        last = Some(k);
                    } else if !matches!(self.w(k), "." | ",") {
                        last = None;
                        break;
                    }
                    k += 1;
                }
                let ends_line = k >= n || self.line_start(k);
                let Some(b) = last.filter(|_| ends_line) else {
                    continue;
                };
                if covered(q.open, q.close) {
                    continue;
                }
                let cue = CueMatch {
                    first: d,
                    last: d,
                    entry,
                };
                out.push(mk(
                    cue,
                    (d + 1, b),
                    (q.open, q.close),
                    q.open,
                    "quote_dash_source",
                ));
            }
        }
        if let Some(entry) = self.cues.entry_id(SPEAKER_COLON) {
            for sent in &self.doc.sentences {
                let s = sent.tokens.start;
                if !self.line_start(s) {
                    continue;
                }
                let a = if is_quote_mark(self.raw(s)) { s + 1 } else { s };
                let mut c = a;
                while c < sent.tokens.end && c < a + 3 && self.all_caps(c) {
                    c += 1;
                }
                if c == a || c + 1 >= sent.tokens.end || self.w(c) != ":" {
                    continue;
                }
                if (a..c).any(|k| NOT_SPEAKERS.contains(&self.w(k))) || covered(c, c) {
                    continue;
                }
                // The turn runs to the end of its paragraph.
                let mut end = c + 1;
                while end + 1 < n && !self.line_start(end + 1) {
                    end += 1;
                }
                while end > c + 1 && is_quote_mark(self.raw(end)) {
                    end -= 1;
                }
                let cue = CueMatch {
                    first: c,
                    last: c,
                    entry,
                };
                out.push(mk(cue, (a, c - 1), (c + 1, end), a, "speaker_colon"));
            }
        }
        out
    }

    pub fn continuation_quotes(&self, drafts: &[Draft]) -> Vec<Draft> {
        let mut out = Vec::new();
        for (qi, q) in self.quotes.iter().enumerate() {
            let si = self.doc.tokens[q.open].sentence;
            let sent = &self.doc.sentences[si];
            if q.open != sent.tokens.start || si == 0 {
                continue;
            }
            // The quote must cover its sentences and carry no cue of its own.
            let last_sent = self.doc.tokens[q.close].sentence;
            let end_sent = &self.doc.sentences[last_sent];
            if q.close + 1 < end_sent.tokens.end && !is_terminal(self.w(q.close + 1)) {
                continue;
            }
            if drafts.iter().any(|d| {
                self.in_quote[d.content.0] == Some(qi)
                    || d.content.0 <= q.open && d.content.1 >= q.close
                    || (d.sentence >= si && d.sentence <= last_sent)
            }) {
                continue;
            }
            let forward = drafts
                .iter()
                .rposition(|d| d.sentence + 1 == si && d.source.is_some());
            // Otherwise a quote right before a quoted claim belongs to it:
            // "“A.” “B,” he said."
            let backward = || {
                drafts.iter().position(|d| {
                    d.sentence == last_sent + 1
                        && d.rule.starts_with("quote_")
                        && d.content.0 == self.doc.sentences[last_sent + 1].tokens.start
                        && d.source.is_some()
                })
            };
            let Some(p) = forward.or_else(backward) else {
                continue;
            };
            let d = &drafts[p];
            out.push(Draft {
                cue: d.cue,
                source: d.source,
                content: (q.open, q.close),
                recipient: None,
                inherits: Some(p),
                sentence: si,
                frame_start: q.open,
                inverted: false,
                antecedent: d.antecedent,
                rule: "quote_continuation",
            });
        }
        out
    }
}

#[cfg(test)]
mod word_class_tests {
    use super::*;

    #[test]
    fn every_word_class_is_in_the_data_file() {
        for class in [
            &ADVERBS,
            &TIME_WORDS,
            &ROLE_STOP,
            &CUE_LEFT,
            &WEEKDAYS,
            &SOURCE_NOUNS,
            &CLAUSE_OPENERS,
            &CHANNEL_NOUNS,
            &BACK_STOP,
            &NOT_NAME_START,
            &NAME_CONNECT,
            &FWD_STOP,
            &NOUN_MODIFIERS,
            &NOUN_CONTEXT,
            &RECIPIENT_WORDS,
            &TO_OBJECT,
            &CLAIM_NOUNS,
            &DENIED_OBJECTS,
            &DENIED_OBJECT_LEFT,
            &NO_COMMENT,
            &CLAIMED_ATTACKS,
            &ATTACK_VERBS,
            &ARMED_WORDS,
            &CLAUSE_VERBS,
            &DEMONYM_ENDINGS,
        ] {
            class.contains(&"");
            assert!(
                class.words.get().is_some_and(|w| !w.is_empty()),
                "class {} is empty or missing in data/attribution/word_classes.tsv",
                class.name
            );
        }
        assert!(WEEKDAYS.contains(&"tuesday"));
    }
}
