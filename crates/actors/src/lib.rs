//! sitrep-actors: who is acting in an article, as CAMEO-style actor codes.
//!
//! The [`ActorTagger`] stage fills `Analysis::actors` with one
//! [`sitrep_core::Actor`] per mention: the span, a code such as `SYRGOV`,
//! `SYRMIL`, `SYRREB`, `IMGMUSISI` (Islamic State) or `---REB` (rebels of no
//! stated country), the country and sector split out of the code, the ACLED
//! `inter` code (1 state forces … 8 external forces) and the lexicon rule
//! that produced it.
//!
//! Knowledge is data, embedded at compile time so the binary needs nothing
//! else at run time:
//!
//! - `data/actors/phoenix.tsv.zst`: the PETRARCH2/Phoenix actor and agent
//!   dictionaries (MIT), converted by [`import::import_petrarch`]
//!   (`cargo run -p sitrep-actors --example import -- ../shared/data/petrarch2-dictionaries data/actors`);
//! - `data/actors/curated.tsv`: sitrep's own entries for conflict news that
//!   the dictionaries miss or get wrong (ISIS, "the regime", "rebels"…);
//!   they win over the dictionaries;
//! - `data/actors/sectors.tsv`: sector → ACLED `inter` and display names;
//! - `data/actors/capitals.tsv`: capital cities (GeoNames), so that a capital
//!   followed by a speech verb ("Moscow denied") reads as its government;
//! - `data/actors/federations.tsv`: federations (YUG, SCG, USR…) whose dated
//!   codes prefix a member state: "Serbia" in 2000 is SCGSRB in Phoenix and
//!   SRB here (the member state is the country);
//! - `data/actors/code_aliases.tsv`: non-ISO country codes of the
//!   dictionaries and the ISO codes written instead (TMP → TLS).
//!
//! Who does what: [`lexicon`] normalises text and compiles every pattern into
//! one leftmost-longest matcher over whole tokens ([`trie`]); [`tagger`] turns matches into
//! actors (country + agent composition, date-restricted codes checked
//! against the publication date, the document's dominant country for "the
//! regime"); [`codes`] knows the shape of codes; [`eval`] measures the
//! codes on the PLOVER and PETR2 gold files.
//!
//! Conventions follow the PETRARCH2 gold files: the full code concatenates
//! country and sector (`SYRGOV`, `IRQMIL`), armed groups keep Phoenix codes
//! (`IMGMUSISI` for the Islamic State: IMG transnational militarised group,
//! MUS Muslim, ISI Islamic State), and an agent with no country gets `---`.
//!
//! ```
//! use sitrep_actors::ActorTagger;
//! use sitrep_core::{Analysis, Doc, Stage};
//!
//! let tagger = ActorTagger::load_default().unwrap();
//! let doc = Doc::new("d", "Syrian government warplanes bombed rebels near Aleppo.");
//! let mut analysis = Analysis::default();
//! tagger.annotate(&doc, &mut analysis);
//! assert_eq!(analysis.actors[0].span.text, "Syrian government warplanes");
//! assert_eq!(analysis.actors[0].code, "SYRMIL");
//! assert_eq!(analysis.actors[0].inter, Some(1));
//! ```

use std::sync::{Arc, OnceLock};

use sitrep_core::{Actor, Analysis, Doc, Stage};

pub mod codes;
pub mod eval;
pub mod import;
pub mod lexicon;
pub mod tagger;
pub mod trie;

pub use import::import_petrarch;

use lexicon::Lexicon;

/// The converted PETRARCH2/Phoenix table (zstd-compressed TSV).
static PHOENIX: &[u8] = include_bytes!("../../../data/actors/phoenix.tsv.zst");
/// sitrep's curated lexicon.
static CURATED: &str = include_str!("../../../data/actors/curated.tsv");
/// Sector table.
static SECTORS: &str = include_str!("../../../data/actors/sectors.tsv");
/// Capital cities (GeoNames), for "Moscow denied" → the Russian government.
static CAPITALS: &str = include_str!("../../../data/actors/capitals.tsv");
/// Federations whose dated codes prefix a member state (YUGSRB, SCGSRB, USRUKR).
static FEDERATIONS: &str = include_str!("../../../data/actors/federations.tsv");
/// Non-ISO country codes of the dictionaries and their ISO codes (TMP -> TLS).
static CODE_ALIASES: &str = include_str!("../../../data/actors/code_aliases.tsv");

/// Errors raised while loading or converting actor knowledge.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{0}")]
    Load(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
}

/// Fills `Analysis::actors`.
#[derive(Debug, Clone)]
pub struct ActorTagger {
    lex: Arc<Lexicon>,
}

static DEFAULT: OnceLock<Result<Arc<Lexicon>, String>> = OnceLock::new();

impl ActorTagger {
    /// Load the knowledge compiled into the binary. The lexicon is built
    /// once per process; later calls share it.
    pub fn load_default() -> Result<ActorTagger, Error> {
        let lex = DEFAULT.get_or_init(|| build_default().map(Arc::new).map_err(|e| e.to_string()));
        match lex {
            Ok(lex) => Ok(ActorTagger { lex: lex.clone() }),
            Err(e) => Err(Error::Load(e.clone())),
        }
    }

    /// Build a tagger from explicit data (converted Phoenix TSV, curated TSV,
    /// sector TSV), e.g. to test a lexicon edit.
    pub fn from_data(
        phoenix_tsv: &str,
        curated_tsv: &str,
        sectors_tsv: &str,
    ) -> Result<ActorTagger, Error> {
        Ok(ActorTagger {
            lex: Arc::new(Lexicon::build(phoenix_tsv, curated_tsv, sectors_tsv)?),
        })
    }

    /// The actors of one document, in text order.
    pub fn tag(&self, doc: &Doc) -> Vec<Actor> {
        tagger::tag(&self.lex, doc)
    }

    /// Number of distinct patterns compiled into the matcher.
    pub fn pattern_count(&self) -> usize {
        self.lex.patterns
    }

    /// Display name of a country code ("SYR" → "Syria"), when known.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.lex.countries.get(code).map(String::as_str)
    }

    /// ACLED `inter` code for a sector ("MIL" → 1, "REB" → 2, "CVL" → 7).
    pub fn inter_for_sector(&self, sector: &str) -> Option<u8> {
        self.lex.sectors.get(sector).and_then(|s| s.inter)
    }
}

fn build_default() -> Result<Lexicon, Error> {
    let raw = zstd::decode_all(PHOENIX)
        .map_err(|e| Error::Load(format!("decompressing phoenix.tsv.zst: {e}")))?;
    let text = String::from_utf8(raw)
        .map_err(|e| Error::Load(format!("phoenix.tsv.zst is not UTF-8: {e}")))?;
    Lexicon::build(&text, CURATED, SECTORS)
}

/// ACLED `inter` code for a sector, from the default sector table.
pub fn inter_for_sector(sector: &str) -> Option<u8> {
    static TABLE: OnceLock<codes::Sectors> = OnceLock::new();
    TABLE
        .get_or_init(|| codes::Sectors::parse(SECTORS).unwrap_or_default())
        .get(sector)
        .and_then(|s| s.inter)
}

/// The country-code aliases of `data/actors/code_aliases.tsv` (three-letter
/// codes only): non-ISO code → ISO code, read once.
pub(crate) fn country_aliases() -> &'static std::collections::HashMap<String, String> {
    static TABLE: OnceLock<std::collections::HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CODE_ALIASES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.to_string(), f.next()?.to_string()))
            })
            .filter(|(a, b)| a.len() == 3 && b.len() == 3)
            .collect()
    })
}

/// A code with a non-ISO country prefix written in ISO, as the tagger writes
/// it (data/actors/code_aliases.tsv: the dictionaries' TMP and ANG, and the
/// CAMEO 1.x codes JAP, ITL and VTN that older gold files use): "JAP" →
/// "JPN", "ITLGOV" → "ITAGOV". Any other code is returned unchanged. Gold
/// files are compared through it, so that JAP and JPN count as one country.
pub fn iso_code(code: &str) -> String {
    match code.get(..3).and_then(|p| country_aliases().get(p)) {
        Some(iso) => format!("{iso}{}", &code[3..]),
        None => code.to_string(),
    }
}

/// The country most actor mentions belong to, when one clearly leads (at
/// least two mentions, more than any other). Useful to resolve `---` codes.
pub fn dominant_country(actors: &[Actor]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for a in actors {
        if let Some(c) = &a.country {
            *counts.entry(c.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    match v.as_slice() {
        [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => {
            Some(c.to_string())
        }
        _ => None,
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, doc: &Doc, analysis: &mut Analysis) {
        analysis.actors = self.tag(doc);
    }
}

#[cfg(test)]
mod tests;
