//! Turning lexicon matches into actor mentions.
//!
//! Owns the composition rules that work on the matches of one document:
//!
//! - country + agents: "Syrian military officials" → `SYRMIL`,
//!   "Syria's government" → `SYRGOV`, "U.S. Embassy" → `USAGOV`;
//! - agents + "of" + country: "the government of Iraq" → `IRQGOV`;
//! - (country) (agents) + a named actor: "Syrian President Bashar al-Assad" → the named code;
//! - named + agents: "Assad forces" → `SYRMIL` (a head of state's code is
//!   re-sectored), "UN troops" → `IGOUNOMIL` (an organisation gains the
//!   agent), "Islamic State fighters" → `IMGMUSISI` (an armed group keeps its code);
//! - bare agents: "rebels" → `---REB` (no country, the PETRARCH convention),
//!   except `regime` entries ("the regime"), which take the document's
//!   dominant country when one clearly dominates;
//! - agents + "loyal to" + a leader: "forces loyal to Assad" → `SYRMIL`;
//! - agents + "in" + country: "rebels in Syria" → `SYRREB` (not for the
//!   military: "troops in Iraq" may be foreign);
//! - coordination: "US and British activists" → `USAOPP`, `GBROPP`;
//! - "anti-ISIS", "non-ISIS", "pro-Assad": the prefixed name is not an actor.
//!
//! Matching and normalisation are in [`crate::lexicon`]; knowledge is in `data/actors/`.

use std::collections::HashMap;

use sitrep_core::{Actor, Doc};

use crate::codes::{org_class, split_code, ymd};
use crate::lexicon::{is_name_particle, Case, Entry, Kind, Lexicon, Units};

/// One accepted lexicon match, over units `u0..u1`.
#[derive(Debug, Clone)]
struct Hit {
    u0: usize,
    u1: usize,
    entry: usize,
    /// The entry's kind, except that a named entry whose code resolves to a
    /// bare country code ("Iraqi" → `IRQ`, dated in Phoenix) acts as a country.
    kind: Kind,
    /// Resolved code (date restrictions applied).
    code: String,
}

fn case_ok(case: Case, text: &str, units: &Units, u0: usize, u1: usize) -> bool {
    match case {
        Case::Any => true,
        Case::Acronym => {
            let (s, e) = (units.units[u0].start, units.units[u1 - 1].end);
            text[s..e]
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        }
        Case::Proper => (u0..u1)
            .find(|&i| !is_name_particle(units.lower(i)))
            .is_some_and(|i| {
                let u = units.units[i];
                text[u.start..u.end].chars().any(char::is_uppercase)
            }),
        Case::Mask(mask) => (u0..u1).enumerate().all(|(j, i)| {
            let u = units.units[i];
            j >= 64 || mask & (1 << j) == 0 || text[u.start..u.end].chars().any(char::is_uppercase)
        }),
        // Every content word capitalised: "Islamic State", not "an Islamic state".
        Case::Strict => {
            let mut content = (u0..u1)
                .filter(|&i| !is_name_particle(units.lower(i)))
                .map(|i| &text[units.units[i].start..units.units[i].end])
                .filter(|w| w.chars().any(char::is_alphabetic))
                .peekable();
            content.peek().is_some() && content.all(|w| w.chars().any(char::is_uppercase))
        }
    }
}

/// The sector part of an agent chain: a military or armed agent wins
/// ("government troops" → MIL, "military officials" → MIL), else the first.
fn merge_agents(codes: &[&str]) -> String {
    let armed = |c: &&&str| ["REB", "INS", "UAF"].iter().any(|p| c.starts_with(p));
    codes
        .iter()
        .find(|c| c.starts_with("MIL"))
        .or_else(|| codes.iter().find(armed))
        .or_else(|| codes.first())
        .map(|c| c.to_string())
        .unwrap_or_default()
}

/// Day and month names: a capitalised word after a title that is no name
/// ("the army Sunday", "officials Monday").
fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
            | "tonight"
    )
}

/// A plural-looking noun ("ministers", "forces"; not "boss").
fn is_plural(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss")
}

/// Words that end a name in title-case text ("Minister Resigns Over Row").
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "over"
            | "after"
            | "as"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "of"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "is"
            | "are"
            | "was"
            | "were"
            | "says"
            | "said"
            | "has"
            | "have"
            | "will"
            | "who"
    )
}

/// Military and police ranks that title a person ("General Tommy Franks").
fn is_rank(w: &str) -> bool {
    matches!(
        w,
        "general"
            | "commander"
            | "colonel"
            | "major"
            | "lieutenant"
            | "captain"
            | "admiral"
            | "marshal"
            | "brigadier"
            | "sergeant"
            | "chief"
    )
}

/// Lower-case particles inside personal names ("Omar al-Bashir", "Hans Van
/// den Broek", "Eduardo dos Santos").
fn is_person_particle(w: &str) -> bool {
    matches!(
        w,
        "al" | "el"
            | "bin"
            | "ibn"
            | "abu"
            | "ben"
            | "de"
            | "da"
            | "das"
            | "dos"
            | "do"
            | "du"
            | "van"
            | "von"
            | "den"
            | "der"
            | "le"
            | "la"
            | "di"
    )
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    doc: &'a Doc,
    units: &'a Units,
    hits: &'a [Hit],
}

impl Ctx<'_> {
    fn entry(&self, h: &Hit) -> &Entry {
        &self.lex.entries[h.entry]
    }

    fn is_chain_agent(&self, h: &Hit) -> bool {
        h.kind == Kind::Agent && !self.entry(h).prefix
    }

    /// Agents starting at hit `k` on unit `at`, each adjacent to the last.
    /// Returns (index after the chain, unit after the chain).
    /// Modifiers ("new", "interim", "senior") may sit before and between
    /// the agents; the chain ends after its last agent.
    fn chain(&self, mut k: usize, mut at: usize) -> (usize, usize) {
        let (mut end_k, mut end_at) = (k, at);
        while k < self.hits.len() && self.hits[k].u0 == at {
            let h = &self.hits[k];
            if self.is_chain_agent(h) {
                at = h.u1;
                k += 1;
                (end_k, end_at) = (k, at);
            } else if h.kind == Kind::Modifier {
                at = h.u1;
                k += 1;
            } else {
                break;
            }
        }
        (end_k, end_at)
    }

    fn country_of(&self, h: &Hit) -> Option<String> {
        let e = self.entry(h);
        match &e.country {
            Some(c) => c.clone(),
            None => split_code(&h.code).0,
        }
    }

    fn actor(
        &self,
        u0: usize,
        u1: usize,
        code: String,
        name: String,
        rule: String,
        from: Option<&Entry>,
    ) -> Actor {
        let units = &self.units.units;
        let span = self.doc.span(units[u0].start, units[u1 - 1].end);
        let (mut country, mut sector) = split_code(&code);
        let mut inter = None;
        if let Some(e) = from {
            if let Some(c) = &e.country {
                country = c.clone();
            }
            if let Some(s) = &e.sector {
                sector = Some(s.clone());
            }
            inter = e.inter;
        }
        let inter = inter.or_else(|| {
            sector
                .as_deref()
                .or_else(|| org_class(&code))
                .and_then(|s| self.lex.sectors.get(s))
                .and_then(|i| i.inter)
        });
        Actor {
            span,
            code,
            name,
            country,
            sector,
            inter,
            rule,
        }
    }

    fn country_name(&self, c: Option<&str>) -> Option<&str> {
        c.and_then(|c| self.lex.countries.get(c))
            .map(String::as_str)
    }

    /// A composite country + sector actor.
    fn composite(
        &self,
        u0: usize,
        u1: usize,
        country: Option<&str>,
        sector_code: &str,
        agent: Option<&Entry>,
        rule: String,
    ) -> Actor {
        let code = format!("{}{}", country.unwrap_or("---"), sector_code);
        let sector = agent
            .and_then(|e| e.sector.clone())
            .or_else(|| split_code(&code).1);
        let name = sector
            .as_deref()
            .and_then(|s| self.lex.sectors.display(s, self.country_name(country)))
            .unwrap_or_else(|| {
                self.doc.text[self.units.units[u0].start..self.units.units[u1 - 1].end].to_string()
            });
        let mut a = self.actor(u0, u1, code, name, rule, None);
        if let Some(e) = agent {
            // A curated agent may set the sector ("state media" → MED) and inter.
            if e.sector.is_some() {
                a.sector = sector;
                a.inter = a
                    .sector
                    .as_deref()
                    .and_then(|s| self.lex.sectors.get(s))
                    .and_then(|i| i.inter);
            }
            if e.inter.is_some() {
                a.inter = e.inter;
            }
        }
        a
    }

    /// A capital city (data/actors/capitals.tsv) followed at once by a
    /// speech or stance verb: it stands for its government.
    fn speaking_city(&self, k: usize, h: &Hit) -> bool {
        let cue = self
            .hits
            .get(k + 1)
            .is_some_and(|n| n.u0 == h.u1 && n.kind == Kind::Cue);
        if !cue || self.adjective_form(h) {
            return false;
        }
        let text = &self.doc.text[self.units.units[h.u0].start..self.units.units[h.u1 - 1].end];
        self.lex.capitals.contains(&text.to_lowercase())
    }

    /// A country mention shaped like an adjective ("Egyptian", "British",
    /// "Chinese", "Iraqi") rather than a place name.
    fn adjective_form(&self, h: &Hit) -> bool {
        let text = self.units.lower(h.u1 - 1);
        [
            "ian", "ean", "can", "ish", "ese", "qi", "ni", "ti", "di", "li", "ic", "ch", "afghan",
        ]
        .iter()
        .any(|s| text.ends_with(s))
    }

    /// The entry of the agent in hits `from..to` that gave the chain its code.
    fn chosen(&self, from: usize, to: usize, code: &str) -> Option<&Entry> {
        self.hits[from..to]
            .iter()
            .find(|h| h.kind == Kind::Agent && h.code == code)
            .map(|h| self.entry(h))
    }

    fn named_actor(&self, u0: usize, u1: usize, h: &Hit, rule: String) -> Actor {
        let e = self.entry(h);
        let name = self.lex.name(e).unwrap_or_else(|| h.code.clone());
        self.actor(u0, u1, h.code.clone(), name, rule, Some(e))
    }

    /// A named person after a title ("President Obama", "Syrian President
    /// X"): when the dictionary dates make them an elite (`CCCELI`) but the
    /// text gives a current office, the office wins, unless the title reads
    /// "former" / "ousted" / "late".
    fn titled_actor(&self, u0: usize, n: &Hit, agents: (usize, usize), rule: String) -> Actor {
        let office = merge_agents(&self.agent_codes(agents.0, agents.1));
        self.with_office(u0, n, &office, rule)
    }

    /// A named person whose own pattern opens with a title ("President
    /// Obama" is one Phoenix pattern): the title's agent code, if any.
    fn own_title(&self, n: &Hit) -> Option<String> {
        let id = self.lex.trie.unit_id(self.units.lower(n.u0))?;
        let e = self.lex.entries.get(self.lex.trie.get(&[id])? as usize)?;
        (e.kind == Kind::Agent && !e.prefix).then(|| self.lex.str(e.codes).to_string())
    }

    fn with_office(&self, u0: usize, n: &Hit, office: &str, rule: String) -> Actor {
        let mut a = self.named_actor(u0, n.u1, n, rule);
        let (country, sector) = split_code(&n.code);
        let past = (u0.saturating_sub(2)..n.u0).any(|i| {
            matches!(
                self.units.lower(i),
                "former" | "ousted" | "late" | "ex" | "exiled" | "deposed" | "retired" | "then"
            )
        });
        if sector.as_deref() == Some("ELI")
            && n.code.len() == 6
            && ["GOV", "MIL", "LEG", "JUD"]
                .iter()
                .any(|s| office.starts_with(s))
            && !past
        {
            if let Some(c) = country {
                a.code = format!("{c}{}", &office[..3]);
                a.sector = Some(office[..3].to_string());
                a.inter = self.lex.sectors.get(&office[..3]).and_then(|i| i.inter);
            }
        }
        a
    }

    /// For a country hit `k` followed by "and" / "," and another country
    /// with agents ("US and British activists"), the agents' sector.
    fn shared_chain(&self, k: usize, h: &Hit) -> Option<(usize, usize)> {
        let mut at = h.u1;
        while matches!(self.units.lower(at), "and" | "," | "or") {
            at += 1;
        }
        if at == h.u1 {
            return None;
        }
        // "the U.S. and Syrian activists" names the U.S. itself; "US and
        // British activists" or "American and British troops" share the agents.
        if !self.adjective_form(h) && h.u0 > 0 && self.units.lower(h.u0 - 1) == "the" {
            return None;
        }
        let next = self
            .hits
            .get(k + 1)
            .filter(|n| n.u0 == at && n.kind == Kind::Country)?;
        let (kc, _) = self.chain(k + 2, next.u1);
        (kc > k + 2).then_some((k + 2, kc))
    }

    /// The units after a title chain (agent hits `from..to`, ending at unit
    /// `end`) that continue a person's name: "Defence Secretary Tom King",
    /// "President Omar El Bashir", "Vice-President Moody Awori". The title
    /// must be singular; the name is one to five capitalised words (name
    /// particles and hyphenated parts between), never a day or month name
    /// ("the army Sunday") nor a country. Agent words inside the name are
    /// part of it ("King" in "Tom King"). Returns the unit after the name.
    fn person_name_end(&self, from: usize, to: usize, end: usize) -> Option<usize> {
        let last = self.hits[from..to]
            .iter()
            .rev()
            .find(|h| h.kind == Kind::Agent)?;
        let title = self.units.lower(last.u1 - 1);
        if is_plural(title) {
            return None;
        }
        // Offices and ranks only: "Man Injured in Shooting" (a headline) is no name.
        let (_, sector) = split_code(&last.code);
        let office = sector
            .as_deref()
            .is_some_and(|s| matches!(s, "GOV" | "JUD" | "LEG" | "ELI"))
            || is_rank(title);
        if !office {
            return None;
        }
        let units = &self.units.units;
        let capitalised = |i: usize| {
            units.get(i).is_some_and(|u| {
                !u.barrier
                    && self.doc.text[u.start..u.end]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase())
                    && !is_calendar_word(self.units.lower(i))
                    && !is_function_word(self.units.lower(i))
            })
        };
        let country_at = |i: usize| {
            self.hits
                .iter()
                .any(|h| h.u0 == i && h.kind == Kind::Country)
        };
        let mut at = end;
        let mut n = 0;
        while n < 5 && at < units.len() && !units[at].barrier && !country_at(at) {
            let lower = self.units.lower(at);
            let ok = if n == 0 {
                capitalised(at)
            } else {
                capitalised(at)
                    || units[at].after_hyphen
                    || (is_person_particle(lower) && capitalised(at + 1))
            };
            if !ok {
                break;
            }
            at += 1;
            n += 1;
        }
        (n > 0).then_some(at)
    }

    /// The last agent (title) hit among `hits[from..to]`: the unit after
    /// it and its last word.
    fn last_title(&self, from: usize, to: usize) -> Option<(usize, &str)> {
        let last = self.hits[from..to]
            .iter()
            .rev()
            .find(|h| h.kind == Kind::Agent)?;
        Some((last.u1, self.units.lower(last.u1 - 1)))
    }

    /// A singular title right after "the" ("the prime minister", "the
    /// president"): it names one office holder of some country.
    fn bare_title(&self, u0: usize, from: usize, to: usize) -> bool {
        let Some((_, title)) = self.last_title(from, to) else {
            return false;
        };
        u0 > 0 && self.units.lower(u0 - 1) == "the" && !is_plural(title)
    }

    /// "attacked army positions": a singular title right before a
    /// lower-case noun it modifies, with no indefinite determiner, is as
    /// definite as "the army".
    fn title_modifier(&self, u0: usize, from: usize, to: usize) -> bool {
        let Some((after, title)) = self.last_title(from, to) else {
            return false;
        };
        // "military aid", "naval drills": an adjective, not the force.
        if is_plural(title) || ["ary", "al", "ic"].iter().any(|x| title.ends_with(x)) {
            return false;
        }
        let prev = if u0 > 0 { self.units.lower(u0 - 1) } else { "" };
        let indefinite = matches!(
            prev,
            "a" | "an" | "another" | "any" | "no" | "each" | "every" | "one"
        );
        let noun = self.units.units.get(after).is_some_and(|u| {
            let w = &self.doc.text[u.start..u.end];
            !u.barrier
                && w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
        });
        !indefinite && noun
    }

    /// An international organisation named at unit `at` (hit `k`) and
    /// followed by a diplomatic agent chain ("UN ambassador", "U.N. envoy",
    /// "EU delegation"): returns the organisation's hit, the index after
    /// the chain and the unit after it. Only government agents count
    /// ("UN troops" stay the organisation's).
    fn igo_post(&self, k: usize, at: usize) -> Option<(usize, usize, usize)> {
        let n = self
            .hits
            .get(k)
            .filter(|n| n.u0 == at && n.kind == Kind::Named && n.code.starts_with("IGO"))?;
        let (kc, end) = self.chain(k + 1, n.u1);
        let codes = self.agent_codes(k + 1, kc);
        (kc > k + 1 && merge_agents(&codes) == "GOV").then_some((k, kc, end))
    }

    fn agent_codes(&self, from: usize, to: usize) -> Vec<&str> {
        self.hits[from..to]
            .iter()
            .filter(|h| h.kind == Kind::Agent)
            .map(|h| h.code.as_str())
            .collect()
    }

    fn chain_rule(&self, from: usize, to: usize) -> String {
        self.hits[from..to]
            .iter()
            .filter(|h| h.kind == Kind::Agent)
            .map(|h| self.lex.rule(self.entry(h)))
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// The country that most actor mentions belong to, when it clearly leads
/// (at least two mentions and more than any other).
fn dominant_country(ctx: &Ctx<'_>) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for h in ctx.hits {
        if matches!(h.kind, Kind::Country | Kind::Named) {
            if let Some(c) = ctx.country_of(h) {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match v.as_slice() {
        [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => Some(c.clone()),
        _ => None,
    }
}

/// Find the actors of `doc`.
pub fn tag(lex: &Lexicon, doc: &Doc) -> Vec<Actor> {
    let units = Units::build(&doc.text, &doc.tokens);
    let date = doc.meta.published.map(ymd);
    let mut hits: Vec<Hit> = Vec::new();
    let ids: Vec<Option<u32>> = (0..units.units.len())
        .map(|i| {
            if units.units[i].barrier {
                None
            } else {
                lex.trie.unit_id(units.lower(i))
            }
        })
        .collect();
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    // "President obama": a one-word name in lower case right after a
    // capitalised government title still names its holder.
    let after_title = |a: usize| {
        a > 0 && {
            let prev = units.units[a - 1];
            doc.text[prev.start..prev.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && ids[a - 1]
                    .and_then(|id| lex.trie.get(&[id]))
                    .and_then(|t| lex.entries.get(t as usize))
                    .is_some_and(|t| t.kind == Kind::Agent && lex.str(t.codes) == "GOV")
        }
    };
    let accept = |a: usize, b: usize, v: u32| {
        lex.entries.get(v as usize).is_some_and(|e| {
            case_ok(e.case, &doc.text, &units, a, b)
                || e.kind == Kind::Named
                    && b == a + 1
                    && matches!(e.case, Case::Proper | Case::Strict)
                    && after_title(a)
        })
    };
    lex.trie
        .find_all_accepted(&ids, accept, |a, b, v| found.push((a, b, v)));
    for (u0, u1, entry) in found {
        let entry = entry as usize;
        let Some(e) = lex.entries.get(entry) else {
            continue;
        };
        if e.kind == Kind::Stop {
            continue;
        }
        // "anti-ISIS", "non-ISIS", "pro-Assad": not the actor itself.
        if u0 >= 1
            && units.units[u0].after_hyphen
            && matches!(units.lower(u0 - 1), "anti" | "non" | "pro" | "ex")
        {
            continue;
        }
        let Some(code) = lex.resolve(e, date) else {
            continue;
        };
        let kind = if e.kind == Kind::Named && code.len() == 3 && lex.countries.contains_key(&code)
        {
            Kind::Country
        } else {
            e.kind
        };
        hits.push(Hit {
            u0,
            u1,
            entry,
            kind,
            code,
        });
    }

    let ctx = Ctx {
        lex,
        doc,
        units: &units,
        hits: &hits,
    };
    let dominant = dominant_country(&ctx);
    let mut out = Vec::new();
    // Office holders with no stated country ("President Omar El Bashir").
    let mut countryless: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < hits.len() {
        let h = &hits[k];
        let e = ctx.entry(h);
        match h.kind {
            Kind::Stop | Kind::Modifier | Kind::Surname | Kind::Cue => k += 1,
            Kind::Country => {
                let country = ctx.country_of(h);
                // "Bosnian Serbs", "Croatian Serb refugees": a people named
                // after a country adjective belongs to that country (the
                // first one wins, as in PETRARCH). Not across a hyphen
                // ("Russian-Ukrainian talks" names both).
                let ethnic = hits.get(k + 1).filter(|n| {
                    n.u0 == h.u1
                        && n.kind == Kind::Country
                        && ctx.adjective_form(h)
                        && !units.units[n.u0].after_hyphen
                        // A people ("Serbs", "Serb refugees"), not a second
                        // country ("the Egyptian Israeli border").
                        && (is_plural(units.lower(n.u1 - 1)) || ctx.chain(k + 2, n.u1).0 > k + 2)
                });
                let (k1, h_end) = match ethnic {
                    Some(n) => (k + 2, n.u1),
                    None => (k + 1, h.u1),
                };
                let ethnic_rule = ethnic
                    .map(|n| format!("+{}", lex.rule(ctx.entry(n))))
                    .unwrap_or_default();
                let mut at = h_end;
                if units.lower(at) == "'s" {
                    at += 1;
                }
                let (kc, end) = ctx.chain(k1, at);
                let chain_found = kc > k1;
                // "Syrian President Bashar al-Assad": the named actor decides.
                if let Some(n) = hits.get(kc).filter(|n| {
                    n.u0 == if chain_found { end } else { h_end }
                        && (n.kind == Kind::Named || (chain_found && n.kind == Kind::Surname))
                        && ctx.country_of(n) == country
                }) {
                    let rule = format!("{}+{}", lex.rule(e), ctx.lex.rule(ctx.entry(n)));
                    out.push(ctx.titled_actor(h.u0, n, (k1, kc), rule));
                    k = kc + 1;
                } else if let Some((ki, kc2, end2)) = (!chain_found && ethnic.is_none())
                    .then(|| ctx.igo_post(k1, at))
                    .flatten()
                {
                    // "Russia's UN ambassador", "the French UN envoy": a
                    // country's diplomat at an international body speaks for
                    // the country.
                    let rule = format!(
                        "{}+{}+{}",
                        lex.rule(e),
                        lex.rule(ctx.entry(&hits[ki])),
                        ctx.chain_rule(ki + 1, kc2)
                    );
                    let sector = merge_agents(&ctx.agent_codes(ki + 1, kc2));
                    let agent = ctx.chosen(ki + 1, kc2, &sector);
                    out.push(ctx.composite(h.u0, end2, country.as_deref(), &sector, agent, rule));
                    k = kc2;
                } else if chain_found {
                    let mut rule =
                        format!("{}{ethnic_rule}+{}", lex.rule(e), ctx.chain_rule(k1, kc));
                    let sector = merge_agents(&ctx.agent_codes(k1, kc));
                    let agent = ctx.chosen(k1, kc, &sector);
                    // "British Defence Secretary Tom King": the name belongs to the title.
                    let name_end = ctx.person_name_end(k1, kc, end);
                    if name_end.is_some() {
                        rule.push_str("+person");
                    }
                    let stop = name_end.unwrap_or(end);
                    out.push(ctx.composite(h.u0, stop, country.as_deref(), &sector, agent, rule));
                    k = kc;
                    while hits.get(k).is_some_and(|x| x.u0 < stop) {
                        k += 1;
                    }
                } else if ethnic.is_some() {
                    let name = ctx
                        .country_name(country.as_deref())
                        .map(str::to_string)
                        .or_else(|| lex.name(e))
                        .unwrap_or_else(|| h.code.clone());
                    let rule = format!("{}{ethnic_rule}", lex.rule(e));
                    out.push(ctx.actor(h.u0, h_end, h.code.clone(), name, rule, Some(e)));
                    k = k1;
                } else if let Some((c0, c1)) = ctx.shared_chain(k, h) {
                    // "US and British activists": the first country shares the agents.
                    let rule = format!("{}+coordination", lex.rule(e));
                    let sector = merge_agents(&ctx.agent_codes(c0, c1));
                    let agent = ctx.chosen(c0, c1, &sector);
                    out.push(ctx.composite(h.u0, h.u1, country.as_deref(), &sector, agent, rule));
                    k += 1;
                } else if let Some(c) = country.as_deref().filter(|_| ctx.speaking_city(k, h)) {
                    // "Moscow denied": a city speaking stands for its government.
                    let rule = format!("{}+metonymy", lex.rule(e));
                    out.push(ctx.composite(h.u0, h.u1, Some(c), "GOV", None, rule));
                    k += 1;
                } else {
                    let name = ctx
                        .country_name(country.as_deref())
                        .map(str::to_string)
                        .or_else(|| lex.name(e))
                        .unwrap_or_else(|| h.code.clone());
                    out.push(ctx.actor(h.u0, h.u1, h.code.clone(), name, lex.rule(e), Some(e)));
                    k += 1;
                }
            }
            Kind::Named => {
                let mut at = h.u1;
                if units.lower(at) == "'s" {
                    at += 1;
                }
                let (kc, end) = ctx.chain(k + 1, at);
                if kc > k + 1 {
                    let rule = format!("{}+{}", lex.rule(e), ctx.chain_rule(k + 1, kc));
                    let sector = merge_agents(&ctx.agent_codes(k + 1, kc));
                    let (country, own_sector) = split_code(&h.code);
                    let person_like = own_sector.as_deref() == Some("GOV") && h.code.len() == 6;
                    let org_like = own_sector.is_none() && org_class(&h.code) != Some("IMG");
                    if person_like && e.sector.is_none() {
                        let agent = ctx.chosen(k + 1, kc, &sector);
                        out.push(ctx.composite(
                            h.u0,
                            end,
                            country.as_deref(),
                            &sector,
                            agent,
                            rule,
                        ));
                    } else if org_like && e.sector.is_none() && country.is_none() {
                        let code = format!("{}{}", h.code, sector);
                        let name = lex.name(e).unwrap_or_else(|| code.clone());
                        out.push(ctx.actor(h.u0, end, code, name, rule, None));
                    } else if sector == "GOV"
                        && matches!(own_sector.as_deref(), Some("REB" | "INS" | "UAF"))
                    {
                        // "the Hamas regime", "the Taliban government": an
                        // armed group that governs keeps its code and gains
                        // the government agent, as PETRARCH appends it
                        // (PSEREBHMS + GOV); its sector stays the armed one.
                        let code = format!("{}GOV", h.code);
                        let name = lex.name(e).unwrap_or_else(|| code.clone());
                        out.push(ctx.actor(h.u0, end, code, name, rule, None));
                    } else {
                        out.push(ctx.named_actor(h.u0, end, h, rule));
                    }
                    k = kc;
                } else {
                    let a = match ctx.own_title(h) {
                        Some(office) => ctx.with_office(h.u0, h, &office, lex.rule(e)),
                        None => ctx.named_actor(h.u0, h.u1, h, lex.rule(e)),
                    };
                    out.push(a);
                    k += 1;
                }
            }
            Kind::Agent if e.prefix => {
                // "peacekeepers" [IGO~]: the code is a prefix with nothing to attach to.
                let text =
                    ctx.doc.text[units.units[h.u0].start..units.units[h.u1 - 1].end].to_string();
                out.push(ctx.actor(h.u0, h.u1, h.code.clone(), text, lex.rule(e), None));
                k += 1;
            }
            Kind::Agent => {
                let (kc, end) = ctx.chain(k, h.u0);
                let rule_chain = ctx.chain_rule(k, kc);
                let sector = merge_agents(&ctx.agent_codes(k, kc));
                // "President Assad", "rebel group Ahrar al-Sham": the name decides.
                if let Some(n) = hits
                    .get(kc)
                    .filter(|n| n.u0 == end && matches!(n.kind, Kind::Named | Kind::Surname))
                {
                    let rule = format!("{rule_chain}+{}", ctx.lex.rule(ctx.entry(n)));
                    let mut a = ctx.titled_actor(h.u0, n, (k, kc), rule);
                    k = kc + 1;
                    // "King Hassan of Morocco": the stated country wins over
                    // the dictionary's guess for the name.
                    if units.lower(n.u1) == "of" {
                        let at = n.u1 + 1 + usize::from(units.lower(n.u1 + 1) == "the");
                        if let Some(c) = hits
                            .get(k)
                            .filter(|c| c.u0 == at && c.kind == Kind::Country)
                        {
                            if let (Some(cc), Some(_)) = (ctx.country_of(c), a.country.as_ref()) {
                                a.code = format!("{cc}{}", a.code.get(3..).unwrap_or(""));
                                a.country = Some(cc);
                                a.span =
                                    doc.span(units.units[h.u0].start, units.units[c.u1 - 1].end);
                                a.rule = format!("{}+of+{}", a.rule, ctx.lex.rule(ctx.entry(c)));
                                k += 1;
                            }
                        }
                    }
                    out.push(a);
                    continue;
                }
                // "forces loyal to Assad", "troops loyal to the government of
                // Syria": the leader's country, the agents' sector.
                if units.lower(end) == "loyal" && units.lower(end + 1) == "to" {
                    let mut at = end + 2;
                    // Titles between: "loyal to President Bashar al-Assad".
                    let mut j = kc;
                    if units.lower(at) == "the" {
                        at += 1;
                    }
                    while let Some(t) = hits.get(j).filter(|t| t.u0 == at && t.kind == Kind::Agent)
                    {
                        at = t.u1;
                        j += 1;
                    }
                    if let Some(n) = hits
                        .get(j)
                        .filter(|n| n.u0 == at && matches!(n.kind, Kind::Named | Kind::Country))
                    {
                        if let Some(c) = ctx.country_of(n) {
                            let rule =
                                format!("{rule_chain}+loyal_to+{}", ctx.lex.rule(ctx.entry(n)));
                            let agent = ctx.chosen(k, kc, &sector);
                            out.push(ctx.composite(h.u0, n.u1, Some(&c), &sector, agent, rule));
                            k = j + 1;
                            continue;
                        }
                    }
                }
                // "the government of Syria", "forces of the regime".
                let mut at = end;
                if units.lower(at) == "of" {
                    at += 1;
                    if units.lower(at) == "the" {
                        at += 1;
                    }
                    // "the mayor of the northern West Bank city": up to two
                    // lower-case modifiers before the place.
                    for _ in 0..2 {
                        let plain = units.units.get(at).is_some_and(|u| {
                            !u.barrier
                                && doc.text[u.start..u.end]
                                    .chars()
                                    .all(|c| c.is_lowercase() || c == '-')
                        });
                        let w = units.lower(at);
                        if !plain || is_function_word(w) || hits.get(kc).is_some_and(|c| c.u0 == at)
                        {
                            break;
                        }
                        at += 1;
                    }
                    // "leaders of Egypt's Muslim Brotherhood": a possessive
                    // country belongs to the name after it, and the agents
                    // stand for that organisation (PETRARCH codes the name).
                    let owned = hits.get(kc).filter(|c| {
                        c.u0 == at && c.kind == Kind::Country && units.lower(c.u1) == "'s"
                    });
                    if let Some(n) = owned.and_then(|c| {
                        hits.get(kc + 1).filter(|n| {
                            n.u0 == c.u1 + 1
                                && n.kind == Kind::Named
                                && ctx.country_of(n).or_else(|| split_code(&n.code).0)
                                    == ctx.country_of(c)
                        })
                    }) {
                        let rule = format!("{rule_chain}+of+{}", ctx.lex.rule(ctx.entry(n)));
                        out.push(ctx.named_actor(h.u0, n.u1, n, rule));
                        k = kc + 2;
                        continue;
                    }
                    if let Some(c) = hits
                        .get(kc)
                        .filter(|c| c.u0 == at && c.kind == Kind::Country)
                    {
                        let rule = format!("{rule_chain}+{}", ctx.lex.rule(ctx.entry(c)));
                        let country = ctx.country_of(c);
                        let agent = ctx.chosen(k, kc, &sector);
                        out.push(ctx.composite(
                            h.u0,
                            c.u1,
                            country.as_deref(),
                            &sector,
                            agent,
                            rule,
                        ));
                        k = kc + 1;
                        continue;
                    }
                }
                let dominant_here = hits[k..kc].iter().any(|x| ctx.entry(x).dominant);
                // "rebels in Syria", "a court in Guyana": the place gives the
                // country (not for the military: "troops in Iraq" may be foreign).
                // The place stays an actor of its own.
                // State forces of no stated country ("security forces in
                // Guinea", a `regime` entry) are that country's own.
                let located = ((!sector.starts_with("MIL") || dominant_here)
                    && matches!(units.lower(end), "in" | "from"))
                .then(|| {
                    let at = if units.lower(end + 1) == "the" {
                        end + 2
                    } else {
                        end + 1
                    };
                    // A place, not an adjective: "rioters in the Egyptian square" is no Egyptian.
                    hits.get(kc).filter(|c| {
                        c.u0 == at
                            && c.kind == Kind::Country
                            && !(ctx.adjective_form(c)
                                && units.lower(c.u1).starts_with(char::is_lowercase))
                    })
                })
                .flatten()
                .and_then(|c| ctx.country_of(c));
                let country = if dominant_here {
                    located.as_deref().or(dominant.as_deref())
                } else {
                    located.as_deref()
                };
                let agent = ctx.chosen(k, kc, &sector);
                // "President Francois Mitterand", "Defense Secretary William Perry".
                let name_end = ctx.person_name_end(k, kc, end);
                let stop = name_end.unwrap_or(end);
                let mut rule_chain = rule_chain;
                if name_end.is_some() {
                    rule_chain.push_str("+person");
                }
                let mut a = ctx.composite(h.u0, stop, country, &sector, agent, rule_chain);
                if let (Some(n), None) = (agent.and_then(|x| x.name.as_ref()), country) {
                    // A curated agent may name itself ("State media").
                    a.name = n.clone();
                }
                // A named office holder, or "the president", of no stated country.
                let office = ["GOV", "MIL", "JUD", "LEG"]
                    .iter()
                    .any(|s| sector.starts_with(s));
                if country.is_none()
                    && office
                    && (name_end.is_some()
                        || ctx.bare_title(h.u0, k, kc)
                        || (sector.starts_with("MIL") && ctx.title_modifier(h.u0, k, kc)))
                {
                    countryless.push(out.len());
                }
                out.push(a);
                k = kc;
                while hits.get(k).is_some_and(|x| x.u0 < stop) {
                    k += 1;
                }
            }
        }
    }
    for i in countryless {
        office_country(&ctx, &mut out, i, dominant.as_deref());
    }
    out
}

/// An office holder with no stated country ("President Omar El Bashir
/// shortened the curfew imposed in Sudan", "the prime minister") takes the
/// one country the other actors of its sentence name (other office holders
/// aside: they are counterparts); when they name none
/// or several, the document's dominant country, if any. Otherwise it keeps
/// `---`.
fn office_country(ctx: &Ctx<'_>, out: &mut [Actor], i: usize, dominant: Option<&str>) {
    let sentence = |b: usize| {
        ctx.doc
            .sentences
            .iter()
            .position(|s| s.start <= b && b < s.end)
    };
    let Some(here) = out.get(i).map(|a| sentence(a.span.byte_start)) else {
        return;
    };
    let mut named: Vec<&str> = out
        .iter()
        .enumerate()
        .filter(|(j, a)| {
            *j != i && !a.code.starts_with("---") && sentence(a.span.byte_start) == here
        })
        // Another office holder is a counterpart, not a compatriot
        // ("President Mitterand welcomed South African leader de Klerk").
        .filter(|(_, a)| a.sector.as_deref() != Some("GOV"))
        // Nor is a country the sentence sets against it or gives to it
        // ("appreciation for China's assistance", "acting against Moscow").
        .filter(|(_, a)| !counterpart(ctx.doc, a))
        .filter_map(|(_, a)| a.country.as_deref())
        .filter(|c| ctx.lex.countries.contains_key(*c))
        .collect();
    named.sort_unstable();
    named.dedup();
    let (country, how) = match (named.as_slice(), dominant) {
        ([one], _) => (one.to_string(), "sentence-country"),
        (_, Some(d)) => (d.to_string(), "document-country"),
        _ => return,
    };
    let Some(a) = out.get_mut(i) else {
        return;
    };
    let rest = a.code.get(3..).unwrap_or("").to_string();
    a.code = format!("{country}{rest}");
    if let Some(n) = a
        .sector
        .as_deref()
        .and_then(|s| ctx.lex.sectors.display(s, ctx.country_name(Some(&country))))
    {
        a.name = n;
    }
    a.country = Some(country);
    a.rule = format!("{}+{how}", a.rule);
}

/// A mention the sentence places opposite an office holder, not around it:
/// the object of "against", "for", "with", "to", "from" or "toward"
/// ("appreciation for China's assistance", "acting against Moscow"). A
/// possessor is not one: "Greece's biggest scandal" is the setting.
fn counterpart(doc: &Doc, a: &Actor) -> bool {
    let before = doc.text[..a.span.byte_start]
        .split_whitespace()
        .last()
        .map(str::to_lowercase);
    matches!(
        before.as_deref(),
        Some("against" | "for" | "with" | "to" | "from" | "toward" | "towards")
    )
}
