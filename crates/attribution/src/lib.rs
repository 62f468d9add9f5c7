//! sitrep-attribution: who says so.
//!
//! In conflict news almost every sentence is attributed: "the embassy tweeted",
//! "a military source told Reuters", "according to the Observatory". This crate
//! turns each attribution into a [`Claim`]: a source span (who), a cue span
//! ("said", "told", "according to", "denied"), a content span (what), a
//! [`Stance`], the relay chain (`via`: "told The Times" → The New York Times)
//! and a resolved [`SourceEntity`] (person with role and affiliation,
//! organisation, government body, outlet, or anonymous source).
//!
//! The pieces:
//! - [`lexicon`]: cue verbs and phrases with their default stance, and content
//!   cues that change it ("no independent evidence" → no_evidence), loaded from
//!   `data/attribution/*.tsv`;
//! - [`outlets`]: the outlet table `data/outlets.tsv` (wire, newspaper, state
//!   media, NGO, social media…), with weak aliases such as "The Times";
//! - [`frames`]: where source, cue and content are (quotes, indirect speech,
//!   "according to", inverted and continued frames);
//! - [`learned`]: an averaged-perceptron cue proposer (plus boosted trees,
//!   [`boost`]) learned from PolNeAR
//!   *train* (`data/attribution/cue_model.tsv`) for the long tail of cues the
//!   lexicon does not list (beliefs, wants, sentiments, rarer verbs and nouns);
//! - [`seq`]: a BIO sequence tagger of cue spans (`data/attribution/cue_seq.tsv.zst`)
//!   that joins, adds and vetoes cues beside the learned model in parsed sentences;
//! - [`source`]: source entities and coreference ("he", "the embassy", "Mr. X");
//! - [`responses`]: which accusations a denial or "no evidence" claim answers
//!   (shared key terms, `data/attribution/response_terms.tsv`);
//! - [`factuality`]: certainty, polarity and time of an event trigger from cues
//!   and their scope (`data/attribution/factuality_cues.tsv`);
//! - [`eval`]: PolNeAR scoring and the MEANTIME factuality suite.
//!
//! `Claim::rule` is `<frame>:<cue id>` (`learned` for model-proposed cues, `seq`
//! for the sequence tagger's), e.g. `quote_cue_source:say` for
//! "“…,” said X", `source_cue_content:tell`, `according_to_lead:according_to`,
//! `content_comma_cue_source:report` ("…, reports Reuters"), `continuation:add`
//! ("…, adding that …"), `quote_continuation:say` (a quote sentence continuing the
//! previous speaker) or `quote_split:say`. A `+relay` suffix marks a claim whose
//! content holds other claims (an outlet relaying them); those inner claims carry
//! the outlet in their `via`.
//!
//! The stage reads `Analysis::actors` (for `SourceEntity::code`) and
//! `Analysis::times` (for `Claim::date`) when earlier stages filled them, and
//! works without them. It leaves `Claim::events` empty for the event linker.
//!
//! ```
//! use sitrep_attribution::ClaimTagger;
//! use sitrep_core::{Analysis, Doc, Stage, Stance};
//!
//! let tagger = ClaimTagger::load_default().unwrap();
//! let doc = Doc::new("d1", "“We did not bomb the market,” a military source told Reuters.");
//! let mut analysis = Analysis::default();
//! tagger.annotate(&doc, &mut analysis);
//! let claim = &analysis.claims[0];
//! assert_eq!(claim.source.as_ref().unwrap().text, "a military source");
//! assert_eq!(claim.cue.text, "told");
//! assert!(claim.direct_quote);
//! assert_eq!(claim.via[0].outlet, "Reuters");
//! assert_eq!(claim.source_entity.as_ref().unwrap().kind, "anonymous");
//! ```

use std::path::Path;
use std::sync::Arc;

use sitrep_core::{
    Analysis, Claim, Doc, ParseCache, SentenceParser, SourceEntity, Span, Stage, Stance, TokenKind,
    Via,
};

pub mod boost;
pub mod clusters;
pub mod cue_features;
pub mod eval;
pub mod factuality;
pub mod frames;
pub mod learned;
pub mod lexicon;
pub mod outlets;
pub mod parsed;
pub mod responses;
pub mod seq;
pub mod source;

use frames::{Draft, Frames};
use learned::CueModel;
use lexicon::{ContentCues, CueKind, CueLexicon};
use outlets::OutletTable;
use responses::ResponseTerms;
use source::Resolver;

/// Errors raised while loading this stage's knowledge or evaluation data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{0}")]
    Load(String),
    #[error("{file}:{line}: {msg}")]
    Data {
        file: &'static str,
        line: usize,
        msg: String,
    },
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Format { path: String, msg: String },
}

/// Fills `Analysis::claims`.
#[derive(Debug)]
pub struct ClaimTagger {
    cues: CueLexicon,
    content_cues: ContentCues,
    outlets: OutletTable,
    /// The learned cue proposer and the `learned` cue entry it uses.
    model: Option<(CueModel, usize)>,
    /// The sequence tagger, a second cue proposer beside the learned model.
    seq: Option<(seq::SeqModel, usize)>,
    responses: ResponseTerms,
    /// A parser of its own, for use without the pipeline's parse layer (evaluation).
    parser: ParserSlot,
}

/// An optional sentence parser (not `Debug` itself).
#[derive(Default, Clone)]
struct ParserSlot(Option<Arc<dyn SentenceParser>>);

impl std::fmt::Debug for ParserSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ParserSlot({})",
            if self.0.is_some() { "some" } else { "none" }
        )
    }
}

impl ClaimTagger {
    /// Parse cue sentences with `parser` when the analysis has no parse layer
    /// (`Analysis::parses`); the pipeline's layer is preferred when present.
    pub fn with_parser(mut self, parser: Arc<dyn SentenceParser>) -> ClaimTagger {
        self.parser = ParserSlot(Some(parser));
        self
    }

    /// Same as [`ClaimTagger::with_parser`] with the default syntax model, when
    /// one is installed; unchanged otherwise.
    pub fn with_default_parser(self) -> Result<ClaimTagger, Error> {
        match sitrep_syntax::Parser::load_default() {
            Ok(p) => Ok(self.with_parser(Arc::new(p))),
            Err(sitrep_syntax::Error::NoModel(_)) => Ok(self),
            Err(e) => Err(Error::Load(e.to_string())),
        }
    }

    /// Load the knowledge compiled into the binary.
    pub fn load_default() -> Result<ClaimTagger, Error> {
        ClaimTagger::from_strs(
            lexicon::DEFAULT_CUES,
            lexicon::DEFAULT_CONTENT_CUES,
            outlets::DEFAULT_OUTLETS,
        )?
        .with_model(learned::DEFAULT_CUE_MODEL)?
        .with_seq(Some(seq::SeqModel::bundled()?))
    }

    /// Use `seq` as the second cue proposer (None: the learned model alone).
    /// It proposes only in sentences the learned model parsed.
    pub fn with_seq(mut self, seq: Option<seq::SeqModel>) -> Result<ClaimTagger, Error> {
        let entry = self.cues.add_entry("seq", Stance::Assert, CueKind::Speech);
        self.seq = seq.filter(|m| !m.is_empty()).map(|m| (m, entry));
        Ok(self)
    }

    /// Set the sequence tagger's span extender (see [`seq::SeqModel::extend`])
    /// and whether it parses every sentence.
    pub fn set_seq_extend(&mut self, extend: Option<u8>, parse_all: Option<bool>) {
        if let Some((m, _)) = &mut self.seq {
            m.extend = extend.unwrap_or(m.extend);
            m.parse_all = parse_all.unwrap_or(m.parse_all);
        }
    }

    /// Set the margin the sequence tagger's spans need, its `B` bias and its
    /// veto lines for learned and lexicon cues (None: unchanged).
    pub fn set_seq(&mut self, margin: Option<f32>, bias: Option<f32>, veto: Option<(f32, f32)>) {
        if let Some((m, _)) = &mut self.seq {
            m.margin = margin.unwrap_or(m.margin);
            m.bias = bias.unwrap_or(m.bias);
            if let Some((learned, lexicon)) = veto {
                m.veto = learned;
                m.veto_lex = lexicon;
            }
        }
    }

    /// Add the learned cue proposer from the text of `cue_model.tsv`.
    pub fn with_model(mut self, model: &str) -> Result<ClaimTagger, Error> {
        let model = CueModel::parse(model)?;
        let entry = self
            .cues
            .add_entry("learned", Stance::Assert, CueKind::Speech);
        self.model = Some((model, entry));
        Ok(self)
    }

    /// Set the learned proposer's score threshold (higher: fewer, surer cues).
    pub fn set_model_threshold(&mut self, t: f32) {
        if let Some((m, _)) = &mut self.model {
            m.threshold = t;
        }
    }

    /// Set the band of word-window scores that make a sentence worth a parse.
    pub fn set_model_parse_band(&mut self, lo: f32, hi: f32) {
        if let Some((m, _)) = &mut self.model {
            m.parse_band = (lo, hi);
        }
    }

    /// Set the score below which the learned model drops a one-word lexicon cue.
    pub fn set_model_veto(&mut self, v: f32) {
        if let Some((m, _)) = &mut self.model {
            m.veto = v;
        }
    }

    /// Build from the text of `cues.tsv`, `content_cues.tsv` and `outlets.tsv`.
    pub fn from_strs(cues: &str, content_cues: &str, outlets: &str) -> Result<ClaimTagger, Error> {
        let mut cues = CueLexicon::parse(cues)?;
        // The dash that signs a quote ("“…” ― Jane Doe") has no surface form of
        // its own in the lexicon (a dash is mostly punctuation): the frame finds it.
        if cues.entry_id(frames::QUOTE_DASH).is_none() {
            cues.add_entry(frames::QUOTE_DASH, Stance::Assert, CueKind::Speech);
        }
        Ok(ClaimTagger {
            cues,
            content_cues: ContentCues::parse(content_cues)?,
            outlets: OutletTable::parse(outlets)?,
            model: None,
            seq: None,
            responses: ResponseTerms::parse(responses::DEFAULT_RESPONSE_TERMS)?,
            parser: ParserSlot::default(),
        })
    }

    /// Load user-edited data from a `data/` folder (`attribution/cues.tsv`,
    /// `attribution/content_cues.tsv`, `outlets.tsv`).
    pub fn from_dir(data: &Path) -> Result<ClaimTagger, Error> {
        let read = |p: std::path::PathBuf| {
            std::fs::read_to_string(&p).map_err(|source| Error::Io {
                path: p.display().to_string(),
                source,
            })
        };
        let tagger = ClaimTagger::from_strs(
            &read(data.join("attribution/cues.tsv"))?,
            &read(data.join("attribution/content_cues.tsv"))?,
            &read(data.join("outlets.tsv"))?,
        )?;
        let mut tagger = tagger;
        let rt = data.join("attribution/response_terms.tsv");
        if rt.is_file() {
            tagger.responses = ResponseTerms::parse(&read(rt)?)?;
        }
        let model = data.join("attribution/cue_model.tsv");
        if model.is_file() {
            tagger.with_model(&read(model)?)
        } else {
            Ok(tagger)
        }
    }

    /// The outlet table.
    pub fn outlets(&self) -> &OutletTable {
        &self.outlets
    }

    /// Find the claims of one document.
    pub fn claims(&self, doc: &Doc, analysis: &Analysis) -> Vec<Claim> {
        let time_bytes: Vec<(usize, usize)> = analysis
            .times
            .iter()
            .map(|t| (t.span.byte_start, t.span.byte_end))
            .collect();
        // The parse layer (or the tagger's own parser): the learned cue model
        // reads it, and it sets claim boundaries below.
        let own;
        let cache = if analysis.parses.enabled() {
            Some(&analysis.parses)
        } else if self.parser.0.is_some() {
            own = ParseCache::new(self.parser.0.clone());
            Some(&own)
        } else {
            None
        };
        let mut frames = Frames::new(doc, &self.cues, &time_bytes);
        frames.model = self.model.as_ref().map(|(m, e)| (m, *e));
        frames.seq = self.seq.as_ref().map(|(m, e)| (m, *e));
        frames.parses = cache;
        let mut drafts: Vec<Draft> = Vec::new();
        for si in 0..doc.sentences.len() {
            let first = drafts.len();
            for cue in frames.cues_in(si) {
                if let Some(d) = frames
                    .frame(si, cue, &drafts)
                    .filter(|d| !topic_label(doc, analysis, d))
                {
                    let split = frames.split_quote(&d, drafts.len());
                    drafts.push(d);
                    drafts.extend(split);
                }
            }
            cut_contents(&frames, &mut drafts[first..]);
        }
        let signed = frames.signed_lines(&drafts);
        drafts.extend(signed);
        let extra = frames.continuation_quotes(&drafts);
        drafts.extend(extra);
        // A lone function word is no source ("responded by …", "told the …").
        for d in &mut drafts {
            if let Some((a, b)) = d.source {
                if a == b && NOT_A_SOURCE.contains(&doc.lower(a)) {
                    d.source = None;
                    d.antecedent = None;
                }
            }
        }
        // Keep document order for continuation quotes, remapping `inherits`.
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        // A claim that answers the clause before it ("C, accusations the coalition
        // rejects") comes after the claims of that clause, so that their
        // pronouns ("what it called …") refer back to earlier sources, not to it.
        order.sort_by_key(|&i| {
            let d = &drafts[i];
            let at = if d.rule == "resumptive" {
                d.frame_start
            } else {
                d.content.0
            };
            (d.sentence, at, i)
        });
        let mut rank = vec![0; drafts.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut drafts: Vec<Draft> = order
            .iter()
            .map(|&i| {
                let mut d = drafts[i].clone();
                d.inherits = d.inherits.map(|p| rank[p]).filter(|&p| p < rank[i]);
                d
            })
            .collect();
        // Boundaries from the parse layer, for the sentences that have a claim.
        if let Some(cache) = cache {
            for d in &mut drafts {
                if d.rule != "source_cue_content" || !parsed::worth_parsing(d) {
                    continue;
                }
                if let Some(p) = cache.get(doc, d.sentence) {
                    parsed::refine(doc, &p, d);
                }
            }
        }
        // "SANAA, March 3 (Reuters) - C, the ministry said": the dateline is
        // the wire's, not the source's words.
        let datelines = frames.datelines();
        for d in &mut drafts {
            if let Some(dl) = datelines
                .iter()
                .find(|dl| dl.first <= d.content.0 && d.content.0 <= dl.dash)
            {
                if dl.dash < d.content.1 {
                    d.content.0 = dl.dash + 1;
                }
            }
        }
        self.build(doc, analysis, &frames, &drafts, &datelines)
    }

    fn build(
        &self,
        doc: &Doc,
        analysis: &Analysis,
        frames: &Frames,
        drafts: &[Draft],
        datelines: &[frames::Dateline],
    ) -> Vec<Claim> {
        let ctx = self.outlets.doc_context(doc);
        let mut resolver = Resolver::new(doc, &self.outlets, &ctx, &analysis.actors);
        let mut claims: Vec<Claim> = Vec::with_capacity(drafts.len());
        // Outlet that is each claim's own source, if any.
        let mut source_outlet: Vec<Option<usize>> = Vec::with_capacity(drafts.len());
        for d in drafts {
            let entry = self.cues.entry(d.cue.entry);
            let inherited = d.inherits.and_then(|p| claims.get(p));
            let source = d
                .source
                .map(|(a, b)| doc.token_span(a, b))
                .or_else(|| inherited.and_then(|c| c.source.clone()));
            let source_entity = match (d.source, inherited) {
                (_, Some(c))
                    if matches!(
                        d.rule,
                        "continuation" | "quote_continuation" | "quote_split"
                    ) || d.source.is_none() =>
                {
                    c.source_entity.clone()
                }
                (Some(_), _) if d.antecedent.is_some() => {
                    d.antecedent.map(|(a, b)| resolver.resolve(a, b))
                }
                (Some((a, b)), _) => Some(resolver.resolve(a, b)),
                _ => None,
            };
            let own_outlet = d
                .source
                .and_then(|(a, b)| head_outlet(&self.outlets, doc, a, b, &ctx));
            source_outlet.push(own_outlet.or_else(|| {
                d.inherits
                    .and_then(|p| source_outlet.get(p).copied().flatten())
            }));
            let content = doc.token_span(d.content.0, d.content.1);
            let cue = doc.token_span(d.cue.first, d.cue.last);
            let mut words: Vec<&str> = Vec::new();
            for i in (d.cue.first..=d.cue.last).chain(d.content.0..=d.content.1) {
                if doc.tokens[i].kind != TokenKind::Punct {
                    words.push(doc.lower(i));
                }
            }
            // A relay of other claims ("…, reports Reuters") keeps its own cue's stance.
            // (Not an answer to them: "C, accusations the coalition rejects".)
            let relays = d.rule != "resumptive"
                && drafts
                    .iter()
                    .any(|o| o.cue.first >= d.content.0 && o.cue.last <= d.content.1);
            let mut stance = if relays {
                entry.stance
            } else {
                self.content_cues.stance_for(&words, entry.stance)
            };
            // "The group claimed the ambush": a claim of responsibility.
            let claim_word = matches!(
                doc.lower(d.cue.last),
                "claim" | "claims" | "claimed" | "claiming"
            );
            if claim_word
                && d.rule != "passive_by"
                && stance == Stance::Assert
                && frames.an_attack_object(d.content)
            {
                stance = Stance::Acknowledge;
            }
            let mut via = Vec::new();
            if let Some(ch) = entry
                .channel
                .as_deref()
                .and_then(|c| self.outlets.by_name(c))
            {
                push_via(&mut via, &self.outlets, ch, Some(cue.clone()));
            }
            if let Some((a, b)) = d.recipient {
                if let Some(o) = self.outlets.resolve_range(doc, a, b, &ctx) {
                    push_via(&mut via, &self.outlets, o, Some(doc.token_span(a, b)));
                }
            }
            if let Some(o) = own_outlet {
                if let Some((a, _)) = d.source {
                    let b = head_end(doc, a, d.source.map_or(a, |x| x.1));
                    push_via(&mut via, &self.outlets, o, Some(doc.token_span(a, b)));
                }
            }
            // A platform named outside the content: "wrote on its official Twitter account".
            let sent = &doc.sentences[d.sentence];
            let mut k = sent.tokens.start;
            while k < sent.tokens.end {
                if k >= d.content.0 && k <= d.content.1 {
                    k = d.content.1 + 1;
                    continue;
                }
                match self.outlets.resolve_at(doc, k, sent.tokens.end, &ctx) {
                    Some((o, last)) => {
                        if self.outlets.get(o).kind == "social_media" {
                            push_via(&mut via, &self.outlets, o, Some(doc.token_span(k, last)));
                        }
                        k = last + 1;
                    }
                    None => k += 1,
                }
            }
            if via.is_empty() {
                if let Some(c) = inherited {
                    via = c.via.clone();
                } else if let Some(prev) = same_entity_claim(&claims, source_entity.as_ref()) {
                    if entry.kind == CueKind::Add {
                        via = prev.via.clone();
                    } else if d.recipient.is_none()
                        && source_entity
                            .as_ref()
                            .is_some_and(|e| names_person(doc, d.source, e))
                    {
                        // A named person who spoke to an outlet earlier in the article
                        // ("X told The Times … . Mr. X said …") is still relayed by it;
                        // a platform it posted on is not carried over.
                        via = prev
                            .via
                            .iter()
                            .filter(|v| v.kind != "social_media")
                            .cloned()
                            .collect();
                    }
                }
            }
            let date = claim_date(analysis, sent.start, sent.end, &content, &cue)
                .or_else(|| inherited.and_then(|c| c.date.clone()));
            let rule = if relays {
                format!("{}:{}+relay", d.rule, entry.id)
            } else {
                format!("{}:{}", d.rule, entry.id)
            };
            claims.push(Claim {
                source,
                cue,
                direct_quote: quoted_share(frames, d.content) > 0.5,
                content,
                stance,
                via,
                events: Vec::new(),
                source_entity,
                responds_to: Vec::new(),
                date,
                sentence: d.sentence,
                rule,
            });
        }
        // Nested relays: a claim inside the content of an outlet's report came via that outlet.
        for j in 0..claims.len() {
            let Some(o) = source_outlet[j] else { continue };
            for i in 0..claims.len() {
                if i == j || source_outlet[i] == Some(o) {
                    continue;
                }
                let (c, cue) = (&claims[j].content, &claims[i].cue);
                if c.byte_start <= cue.byte_start && cue.byte_end <= c.byte_end {
                    let span = claims[j]
                        .via
                        .iter()
                        .find(|v| v.outlet == self.outlets.get(o).name)
                        .and_then(|v| v.span.clone());
                    let mut via = std::mem::take(&mut claims[i].via);
                    push_via(&mut via, &self.outlets, o, span);
                    claims[i].via = via;
                }
            }
        }
        // The wire whose dateline opens the story relays every claim in it
        // that is not the wire's own ("KYIV (AP) — …, the governor said").
        let wires: Vec<(usize, usize, Span)> = datelines
            .iter()
            .filter_map(|dl| {
                let (a, b) = dl.outlet?;
                let o = self.outlets.resolve_range(doc, a, b, &ctx)?;
                Some((doc.tokens[dl.first].sentence, o, doc.token_span(a, b)))
            })
            .collect();
        for (i, c) in claims.iter_mut().enumerate() {
            let Some(&(_, o, ref span)) = wires
                .iter()
                .rev()
                .find(|w| w.0 <= c.sentence)
                .or(wires.first())
            else {
                continue;
            };
            let name = &self.outlets.get(o).name;
            if source_outlet[i] == Some(o)
                || c.source_entity.as_ref().is_some_and(|e| &e.name == name)
            {
                continue;
            }
            push_via(&mut c.via, &self.outlets, o, Some(span.clone()));
        }
        propagate_stance(drafts, &mut claims, &self.cues);
        link_responses(doc, &self.responses, &mut claims);
        claims
    }
}

/// Words that are never a whole source on their own.
const NOT_A_SOURCE: &[&str] = &[
    "a", "an", "the", "to", "by", "in", "on", "at", "of", "for", "with", "from", "about", "as",
    "into", "that", "this", "and", "but", "or",
];

/// Last token of the head of a source phrase (before an appositive comma).
fn head_end(doc: &Doc, a: usize, b: usize) -> usize {
    (a..=b)
        .find(|&k| doc.lower(k) == ",")
        .map_or(b, |c| c.saturating_sub(1).max(a))
}

fn head_outlet(
    outlets: &OutletTable,
    doc: &Doc,
    a: usize,
    b: usize,
    ctx: &outlets::DocOutlets,
) -> Option<usize> {
    source::outlet_of_phrase(outlets, doc, a, head_end(doc, a, b), ctx)
}

fn push_via(via: &mut Vec<Via>, outlets: &OutletTable, o: usize, span: Option<Span>) {
    let out = outlets.get(o);
    if via.iter().any(|v| v.outlet == out.name) {
        return;
    }
    via.push(Via {
        outlet: out.name.clone(),
        kind: out.kind.clone(),
        country: out.country.clone(),
        span,
    });
}

fn same_entity_claim<'c>(claims: &'c [Claim], e: Option<&SourceEntity>) -> Option<&'c Claim> {
    let e = e?;
    claims.iter().rev().find(|c| {
        c.source_entity
            .as_ref()
            .is_some_and(|x| x.name == e.name && x.kind == e.kind)
    })
}

/// Whether the source phrase `src` names person `e` ("Mr. Salabman", "Salabman")
/// or is a personal pronoun standing for them, not a description ("the militia").
fn names_person(doc: &Doc, src: Option<(usize, usize)>, e: &SourceEntity) -> bool {
    let Some((a, b)) = src else { return false };
    if e.kind != "person" {
        return false;
    }
    if a == b && matches!(doc.lower(a), "he" | "she") {
        return true;
    }
    let Some(last) = e.name.split_whitespace().last() else {
        return false;
    };
    (a..=b).any(|k| doc.token_text(&doc.tokens[k]) == last)
}

/// Share of the content's characters that lie inside quotation marks.
fn quoted_share(frames: &Frames, content: (usize, usize)) -> f64 {
    let doc = frames.doc;
    let (a, b) = content;
    let total = doc.tokens[b].end.saturating_sub(doc.tokens[a].start).max(1);
    let quoted: usize = (a..=b)
        .filter(|&i| frames.in_quote[i].is_some())
        .map(|i| doc.tokens[i].end - doc.tokens[i].start + 1)
        .sum();
    quoted.min(total) as f64 / total as f64
}

/// The date of a statement: a time expression in its sentence, outside its content.
fn claim_date(
    analysis: &Analysis,
    s: usize,
    e: usize,
    content: &Span,
    cue: &Span,
) -> Option<String> {
    analysis
        .times
        .iter()
        .filter(|t| t.span.byte_start >= s && t.span.byte_end <= e && !t.span.overlaps(content))
        .filter(|t| t.kind == "DATE" || t.kind.is_empty())
        .min_by_key(|t| t.span.byte_start.abs_diff(cue.byte_start))
        .map(|t| t.value.clone())
}

/// Continuations share the stance of the claim they continue when they only assert.
fn propagate_stance(drafts: &[Draft], claims: &mut [Claim], cues: &CueLexicon) {
    for i in 0..claims.len() {
        let Some(p) = drafts[i].inherits else {
            continue;
        };
        let (a, b) = (claims[p].stance, claims[i].stance);
        if a == Stance::Accuse && b == Stance::Assert {
            claims[i].stance = Stance::Accuse;
        } else if b == Stance::Accuse
            && a == Stance::Assert
            && drafts[i].sentence == drafts[p].sentence
        {
            claims[p].stance = Stance::Accuse;
        }
    }
    for i in 0..claims.len() {
        if cues.entry(drafts[i].cue.entry).kind != CueKind::Add
            || claims[i].stance != Stance::Assert
        {
            continue;
        }
        let prev =
            same_entity_claim(&claims[..i], claims[i].source_entity.as_ref()).map(|c| c.stance);
        if prev == Some(Stance::Accuse) {
            claims[i].stance = Stance::Accuse;
        }
    }
}

/// Words naming a source ("militia", "army"), to find claims that mention it.
fn naming_words(e: &SourceEntity) -> Vec<String> {
    let mut out = Vec::new();
    for part in [Some(&e.name), e.affiliation.as_ref()]
        .into_iter()
        .flatten()
    {
        for w in part.split_whitespace() {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let w = w
                .strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(&w)
                .to_string();
            // Words of a body's kind name no one in particular ("the Defence
            // Ministry" is not named by "air defence systems").
            if w.len() >= 4
                && !matches!(
                    w.as_str(),
                    "officials"
                        | "official"
                        | "sources"
                        | "source"
                        | "spokesman"
                        | "spokeswoman"
                        | "their"
                        | "with"
                        | "ministry"
                        | "defence"
                        | "defense"
                        | "foreign"
                        | "interior"
                        | "office"
                        | "department"
                        | "agency"
                        | "group"
                        | "national"
                        | "state"
                        | "security"
                        | "health"
                        | "news"
                        | "general"
                        | "affairs"
                        | "council"
                        | "committee"
                )
            {
                out.push(w);
            }
        }
    }
    out
}

/// Link deny / no_evidence claims to the claims they answer in the same document:
/// accusations by other sources and other sources' plain claims that name the
/// denier ("the army's helicopters dropped barrel bombs", which "the army denied
/// dropping barrel bombs" answers even when someone else accused it of
/// something else); the shared key terms choose among them
/// ([`ResponseTerms::narrow`]). A denial of "the accusations" answers the
/// accusations when there are some.
fn link_responses(doc: &Doc, terms: &ResponseTerms, claims: &mut [Claim]) {
    for i in 0..claims.len() {
        // A question answers only the clause it sums up: "C, a figure the army disputes".
        let resumed = claims[i].rule.starts_with("resumptive:");
        let answers = matches!(claims[i].stance, Stance::Deny | Stance::NoEvidence)
            || (resumed && claims[i].stance == Stance::Question);
        if !answers {
            continue;
        }
        let me = claims[i].source_entity.as_ref();
        // "C, accusations the coalition rejects": the answer is to the claims of C
        // (its accusations when it has some), whatever else the article holds.
        if claims[i].rule.starts_with("resumptive:") {
            let inside: Vec<usize> = (0..claims.len())
                .filter(|&j| {
                    j != i
                        && claims[i].content.contains(&claims[j].cue)
                        && claims[j].source_entity.as_ref().map(|e| &e.name) != me.map(|e| &e.name)
                })
                .collect();
            let accusations: Vec<usize> = inside
                .iter()
                .copied()
                .filter(|&j| claims[j].stance == Stance::Accuse)
                .collect();
            claims[i].responds_to = if accusations.is_empty() {
                inside
            } else {
                accusations
            };
            continue;
        }
        // "dismissing the group's claims as propaganda": the group's claims.
        let owned = possessor_claims(claims, i);
        if !owned.is_empty() {
            claims[i].responds_to = owned;
            continue;
        }
        let names = me.map(naming_words).unwrap_or_default();
        let links: Vec<usize> = (0..claims.len())
            .filter(|&j| {
                let c = &claims[j];
                if j == i
                    || c.source_entity.as_ref().map(|e| &e.name) == me.map(|e| &e.name)
                    || claims[i].content.contains(&c.cue)
                    || c.content.contains(&claims[i].cue)
                {
                    return false;
                }
                match c.stance {
                    Stance::Accuse => true,
                    Stance::Assert if claims[i].stance == Stance::Deny => {
                        let lower = c.content.text.to_lowercase();
                        lower
                            .split(|ch: char| !ch.is_alphanumeric())
                            .any(|w| names.iter().any(|n| same_name(n, w)))
                    }
                    _ => false,
                }
            })
            .collect();
        let accusations: Vec<usize> = links
            .iter()
            .copied()
            .filter(|&j| claims[j].stance == Stance::Accuse)
            .collect();
        let of_accusations = claims[i]
            .content
            .text
            .to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| ACCUSATION_NOUNS.contains(&w));
        if of_accusations && !accusations.is_empty() {
            claims[i].responds_to = terms.narrow(doc, claims, i, accusations);
            continue;
        }
        // When no key term decides, the accusations (if any) are what is answered.
        let narrowed = terms.narrow(doc, claims, i, links.clone());
        claims[i].responds_to = if narrowed == links && !accusations.is_empty() {
            accusations
        } else {
            narrowed
        };
    }
}

/// Whether word `w` names what naming word `n` names: the same word, or a
/// demonym of it ("russian" for "russia", "syrian" for "syria").
fn same_name(n: &str, w: &str) -> bool {
    n == w
        || (n.len() >= 4
            && w.len() > n.len()
            && w.len() <= n.len() + 2
            && w.starts_with(n)
            && w[n.len()..].chars().all(|c| matches!(c, 'n' | 'i' | 'a')))
}

/// "dismissing the group's claims": the claims of other sources whose source
/// is the possessor ("the group" → "The group said …", "JNIM … claimed …").
fn possessor_claims(claims: &[Claim], i: usize) -> Vec<usize> {
    let text = claims[i].content.text.to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(owner) = words.windows(2).find_map(|w| {
        let noun = w[1].trim_matches(|c: char| !c.is_alphanumeric());
        let claimish = matches!(
            noun,
            "claim"
                | "claims"
                | "allegation"
                | "allegations"
                | "accusation"
                | "accusations"
                | "statement"
                | "statements"
                | "report"
                | "reports"
        );
        let owner = w[0]
            .strip_suffix("’s")
            .or_else(|| w[0].strip_suffix("'s"))
            .or_else(|| w[0].strip_suffix("s’"))
            .or_else(|| w[0].strip_suffix("s'"))?;
        (claimish && owner.len() >= 3).then_some(owner)
    }) else {
        return Vec::new();
    };
    let me = claims[i].source_entity.as_ref().map(|e| &e.name);
    let says = |text: &str| {
        text.to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| same_name(owner, w))
    };
    // The possessor's entities: those of sources that name it ("The group"
    // that stands for "the Eastern Brigade").
    let owners: Vec<&String> = claims
        .iter()
        .filter(|c| c.source.as_ref().is_some_and(|s| says(&s.text)))
        .filter_map(|c| c.source_entity.as_ref().map(|e| &e.name))
        .filter(|n| Some(*n) != me)
        .collect();
    (0..claims.len())
        .filter(|&j| {
            let c = &claims[j];
            let name = c.source_entity.as_ref().map(|e| &e.name);
            j != i
                && name != me
                && !matches!(c.stance, Stance::Deny | Stance::NoEvidence)
                && !claims[i].content.contains(&c.cue)
                && !c.content.contains(&claims[i].cue)
                && (c.source.as_ref().is_some_and(|s| says(&s.text))
                    || name.is_some_and(|n| says(n) || owners.contains(&n)))
        })
        .collect()
}

/// Words by which a rebuttal refers to accusations: "denied the accusations".
const ACCUSATION_NOUNS: &[&str] = &[
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "charge",
    "charges",
    "blame",
];

/// Trim earlier contents of a sentence where a later frame begins ("…, reports X").
fn cut_contents(frames: &Frames, drafts: &mut [Draft]) {
    let doc = frames.doc;
    for j in 0..drafts.len() {
        for k in 0..drafts.len() {
            if j == k {
                continue;
            }
            let (fs, later_cue) = (drafts[k].frame_start, drafts[k].cue.first);
            let d = &drafts[j];
            if later_cue <= d.cue.last || fs <= d.content.0 || fs > d.content.1 {
                continue;
            }
            if frames.in_quote[fs].is_some() && frames.in_quote[fs] == frames.in_quote[d.content.0]
            {
                continue;
            }
            let at = doc.lower(fs);
            let before = if fs > 0 { doc.lower(fs - 1) } else { "" };
            let boundary = matches!(at, "," | "and" | "but" | ";")
                || matches!(before, "," | ";" | "and" | "but" | "”" | "\"")
                || drafts[k].inverted;
            if !boundary {
                continue;
            }
            let mut end = fs - 1;
            while end > d.content.0
                && matches!(doc.lower(end), "," | ";" | "and" | "but" | "—" | "–")
            {
                end -= 1;
            }
            drafts[j].content.1 = end;
        }
    }
}

/// "Sudan: RSF drone strikes hit Port Sudan": a country or province before a
/// headline colon is the story's topic, not a speaker (the places stage read
/// it as a literal place, not a metonym).
fn topic_label(doc: &Doc, analysis: &Analysis, d: &Draft) -> bool {
    let Some((a, b)) = d.source else {
        return false;
    };
    if doc.lower(d.cue.first) != ":" {
        return false;
    }
    let (start, end) = (doc.tokens[a].start, doc.tokens[b].end);
    analysis.places.iter().any(|p| {
        p.span.byte_start == start
            && p.span.byte_end == end
            && p.role == "literal"
            && matches!(p.feature.as_str(), "country" | "admin1")
    })
}

impl Stage for ClaimTagger {
    fn name(&self) -> &'static str {
        "attribution"
    }

    fn annotate(&self, doc: &Doc, analysis: &mut Analysis) {
        analysis.claims = self.claims(doc, analysis);
    }
}

#[cfg(test)]
mod tests;
