//! Factuality: is the event asserted, alleged, denied, negated, hypothetical
//! or future, as the article presents it?
//!
//! Two sources of evidence, strongest first:
//! 1. the attribution layer: a trigger inside the content of a claim whose
//!    stance is deny/retract is `denied`; accuse, question or no_evidence make
//!    it `alleged`; so does an asserted claim that another claim denies or
//!    says has no evidence (`Claim::responds_to`): contested means alleged;
//! 2. cues in the sentence (data/events/cues.tsv): "denied helping",
//!    "accused X of", "not", "reportedly", "would", "will", "plans to", and a
//!    purpose infinitive ("to help").
//!
//! Precedence: denied > negated > alleged > hypothetical > future > asserted.

use sitrep_core::{Claim, Factuality, Span, Stance};

use crate::lexicon::Form;
use crate::sentence::Sent;

fn rank(f: Factuality) -> u8 {
    match f {
        Factuality::Asserted => 0,
        Factuality::Future => 1,
        Factuality::Hypothetical => 2,
        Factuality::Alleged => 3,
        Factuality::Negated => 4,
        Factuality::Denied => 5,
    }
}

struct Best {
    f: Factuality,
    rule: &'static str,
}

impl Best {
    fn offer(&mut self, f: Factuality, rule: &'static str) {
        if rank(f) > rank(self.f) {
            self.f = f;
            self.rule = rule;
        }
    }
}

/// Factuality of the trigger at local tokens `first..=last` with span `trigger`.
pub fn decide(
    s: &Sent,
    first: usize,
    last: usize,
    form: Form,
    trigger: &Span,
    claims: &[Claim],
) -> (Factuality, &'static str) {
    let mut best = Best {
        f: Factuality::Asserted,
        rule: "factuality:default-asserted",
    };
    // 1. Attribution layer.
    for (ci, c) in claims.iter().enumerate() {
        if !c.content.contains(trigger) {
            continue;
        }
        match c.stance {
            Stance::Deny | Stance::Retract => {
                best.offer(Factuality::Denied, "factuality:claim-deny")
            }
            Stance::Accuse => best.offer(Factuality::Alleged, "factuality:claim-accuse"),
            Stance::Question | Stance::NoEvidence => {
                best.offer(Factuality::Alleged, "factuality:claim-contested")
            }
            Stance::Assert | Stance::Acknowledge => {
                let contested = claims.iter().any(|d| {
                    matches!(
                        d.stance,
                        Stance::Deny | Stance::NoEvidence | Stance::Question | Stance::Retract
                    ) && d.responds_to.contains(&ci)
                });
                if contested {
                    best.offer(Factuality::Alleged, "factuality:claim-answered-by-denial");
                }
            }
        }
    }
    // 2. Cues in the sentence.
    let lb = s.clause_start(first);
    // A participle after a comma starts its own predication: the cues before it
    // ("denied helping ISIS, dismissing the accusations") do not reach it.
    let participle = form == Form::Ing && first > 0 && s.words[first - 1] == ",";
    // Likewise, an earlier ", V-ing" participle closes the scope of the cues before it.
    let mut from = if participle { first } else { 0 };
    for k in 1..first {
        // ("…, adding that …" continues the same report: it does not close the scope.)
        if s.words[k - 1] == ","
            && s.words[k].ends_with("ing")
            && !s.lx.is("report", s.words[k])
            && k > from
        {
            from = k;
        }
    }
    for k in from..first {
        if s.lx.cue_at("deny_cue", &s.words, k).is_some() {
            best.offer(Factuality::Denied, "factuality:deny-cue");
        }
        if s.lx.cue_at("accuse_cue", &s.words, k).is_some() {
            best.offer(Factuality::Alleged, "factuality:accuse-cue");
        }
    }
    // Negation right before the trigger ("did not attack", "is not targeting", "no airstrikes").
    let lo = first.saturating_sub(3).max(lb);
    for k in lo..first {
        if s.lx.cue_at("negation", &s.words, k).is_some() {
            best.offer(Factuality::Negated, "factuality:negation-cue");
        }
    }
    let lo = first.saturating_sub(6).max(lb);
    for k in lo..first {
        if s.lx.cue_at("alleged", &s.words, k).is_some() {
            best.offer(Factuality::Alleged, "factuality:alleged-cue");
        }
        if s.lx.cue_at("hypothetical", &s.words, k).is_some() {
            best.offer(Factuality::Hypothetical, "factuality:hypothetical-cue");
        }
        if s.lx.cue_at("future", &s.words, k).is_some() {
            best.offer(Factuality::Future, "factuality:future-cue");
        }
    }
    // An inverted condition: "Had the rebels seized the bridge, the city
    // would have fallen", "Should the army attack, thousands will flee",
    // "Were the talks to fail, …": the sentence opens with the auxiliary,
    // the trigger stands before the first comma and a modal follows it.
    if s.words
        .first()
        .is_some_and(|w| s.lx.is("inverted_condition_opener", w))
        && !s.words[..first].contains(&",")
    {
        if let Some(comma) = (last + 1..s.len()).find(|&k| s.words[k] == ",") {
            if s.words[comma + 1..]
                .iter()
                .any(|w| s.lx.is("inverted_condition_modal", w))
            {
                best.offer(Factuality::Hypothetical, "factuality:inverted-condition");
            }
        }
    }
    // A nominal trigger as the subject of a modal: "an invasion would
    // displace millions", "a strike on the plant could kill hundreds".
    // ("may have", "could have" report a possible past event: left alone.)
    if form == Form::Noun {
        let rb = s.clause_end(last);
        for k in last + 1..(last + 6).min(rb) {
            let w = s.words[k];
            if s.lx.is("modal_after_nominal", w)
                && (w == "would" || s.words.get(k + 1) != Some(&"have"))
            {
                best.offer(
                    Factuality::Hypothetical,
                    "factuality:nominal-subject-of-modal",
                );
                break;
            }
            if s.lx.trigger_at(&s.words, k, true).is_some() {
                break;
            }
        }
    }
    // "alleged" right after a nominal trigger is rare; an -ed "alleged" before is covered above.
    // Purpose / intention infinitive: "launched airstrikes to help ISIS".
    if form == Form::Base && first >= 1 && s.words[first - 1] == "to" {
        let aspect = s.lx.cue_ending_at("aspect", &s.words, first - 1).is_some();
        if !aspect {
            best.offer(Factuality::Future, "factuality:to-infinitive");
        }
    }
    let _ = last;
    (best.f, best.rule)
}
