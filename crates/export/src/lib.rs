//! sitrep-export: incidents out of the store, in the formats analysts use.
//!
//! [`export`] reads the `incidents` table that `sitrep link` fills (with the
//! reports, events and claims behind each), selects rows with a [`Filter`]
//! and writes one [`Format`]:
//!
//! - [`Format::AcledCsv`]: ACLED's 31 columns in ACLED's order
//!   ([`acled::COLUMNS`]), optionally followed by `sitrep_*` columns;
//! - [`Format::PloverJson`]: POLECAT-style records (event, mode, context,
//!   actor/recipient entities with sector codes, location, date, reports);
//! - [`Format::GeoJson`]: an RFC 7946 FeatureCollection, one Point per
//!   incident with coordinates (`[lon, lat]`, WGS84);
//! - [`Format::Parquet`]: the ACLED columns plus sitrep's, typed (cargo
//!   feature `parquet`);
//! - [`Format::Jsonl`]: the full record, one incident per line, with its
//!   grade inputs, linked events, their documents and the claims behind them.
//!
//! The store is SQLite ([`export`]) or, with the feature `postgres`,
//! PostgreSQL ([`export_pg`]); both read through [`Source`] and give the
//! same bytes for the same rows. ACLED's inter codes, interaction and
//! associated actors, and PLOVER's `weapon`, take the linked events' own
//! values (store migration 3) before the incident's columns.
//!
//! Order is deterministic: by event date (undated last), then incident id.
//! Country names, ISO numeric codes, ACLED regions, `disorder_type` and the
//! coarse PLOVER contexts come from `data/export/`. This crate reads the
//! store and writes bytes; it never changes the store and prints nothing
//! (the caller reports [`Summary`]).
//!
//! # Example
//!
//! ```
//! use sitrep_export::{export, Filter, Format, Options};
//! use sitrep_store::Store;
//!
//! let store = Store::open_in_memory()?;
//! store.connection().execute_batch(
//!     "INSERT INTO incidents (event_type, sub_event_type, plover_event, cameo, actor1_name,
//!         country, lat, lon, event_date, fatalities_low, factuality, grade, grade_inputs,
//!         reports, origins, notes, created_at, updated_at)
//!      VALUES ('Explosions/Remote violence', 'Air/drone strike', 'ASSAULT', '195',
//!         'Military Forces of Syria', 'SY', 36.37, 37.52, '2019-05-20', 12, 'asserted',
//!         'fair', '{}', 3, 2, 'Regime warplanes struck al-Bab, killing 12.',
//!         '2019-05-21T00:00:00Z', '2019-05-21T00:00:00Z')",
//! )?;
//! let mut csv = Vec::new();
//! let summary = export(&store, Format::AcledCsv, &Filter::default(), &Options::default(), &mut csv)?;
//! assert_eq!(summary.written, 1);
//! let text = String::from_utf8(csv).unwrap();
//! assert!(text.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,"));
//! assert!(text.contains("SYR1,2019-05-20,2019,,Political violence,Explosions/Remote violence"));
//! # Ok::<(), sitrep_export::Error>(())
//! ```

pub mod acled;
mod error;
pub mod geojson;
pub mod jsonl;
#[cfg(feature = "parquet")]
mod parquet_out;
pub mod plover;
pub mod read;
#[cfg(feature = "postgres")]
pub mod read_pg;
pub mod tables;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use chrono::NaiveDate;
use sitrep_store::Store;

pub use error::Error;
pub use read::{Incident, Source};
pub use tables::Tables;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    AcledCsv,
    PloverJson,
    GeoJson,
    Parquet,
    Jsonl,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 5] = [
        Format::AcledCsv,
        Format::PloverJson,
        Format::GeoJson,
        Format::Parquet,
        Format::Jsonl,
    ];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::AcledCsv => "acled-csv",
            Format::PloverJson => "plover-json",
            Format::GeoJson => "geojson",
            Format::Parquet => "parquet",
            Format::Jsonl => "jsonl",
        }
    }

    /// Whether this build can write the format.
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }

    /// Binary output (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format {s:?}: one of {}", names.join(", "))
            })
    }
}

/// Occurrence grade on Airwars' scale, least to most certain in Airwars'
/// own listing order: discounted < contested < weak < fair < confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    Discounted,
    Contested,
    Weak,
    Fair,
    Confirmed,
}

impl Grade {
    pub const ALL: [Grade; 5] = [
        Grade::Discounted,
        Grade::Contested,
        Grade::Weak,
        Grade::Fair,
        Grade::Confirmed,
    ];

    /// The word stored in `incidents.grade`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Discounted => "discounted",
            Grade::Contested => "contested",
            Grade::Weak => "weak",
            Grade::Fair => "fair",
            Grade::Confirmed => "confirmed",
        }
    }
}

impl FromStr for Grade {
    type Err = Error;
    fn from_str(s: &str) -> Result<Grade, Error> {
        Grade::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::UnknownGrade(s.to_string()))
    }
}

/// Which incidents to export. Empty fields select everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// First event date, inclusive.
    pub since: Option<NaiveDate>,
    /// Last event date, inclusive.
    pub until: Option<NaiveDate>,
    /// ISO alpha-2 / alpha-3 code or English name.
    pub country: Option<String>,
    /// ACLED event type or sub-event type (case-insensitive).
    pub event_type: Option<String>,
    /// Only incidents graded at least this (Airwars order, see [`Grade`]).
    pub min_grade: Option<Grade>,
}

/// Format options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// ACLED CSV: append the `sitrep_*` columns after ACLED's 31.
    pub extras: bool,
}

/// What an export did, for the caller to report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Incidents the filter selected.
    pub selected: usize,
    /// Records written.
    pub written: usize,
    /// GeoJSON: incidents left out for lack of valid coordinates.
    pub without_coordinates: usize,
    /// ACLED CSV: incidents left out for lack of an ACLED event type.
    pub without_acled_type: usize,
    /// Stored documents not linked into incidents yet (`sitrep link` would
    /// add them).
    pub unlinked_documents: u64,
}

/// Export the incidents `filter` selects from `store` as `format` to `out`.
///
/// Fails with [`Error::NotLinked`] when the store has events but no
/// incidents, and with [`Error::FeatureDisabled`] for Parquet in a build
/// without the `parquet` feature. An empty store exports an empty file
/// (a header, an empty collection or array, or nothing for JSONL).
pub fn export<W: Write + Send>(
    store: &Store,
    format: Format,
    filter: &Filter,
    options: &Options,
    out: W,
) -> Result<Summary, Error> {
    export_from(
        &mut read::Sqlite(store.connection()),
        format,
        filter,
        options,
        out,
    )
}

/// [`export`] from the PostgreSQL store (feature `postgres`): the same
/// bytes as from a SQLite store holding the same rows.
#[cfg(feature = "postgres")]
pub fn export_pg<W: Write + Send>(
    store: &mut sitrep_store::postgres::PgStore,
    format: Format,
    filter: &Filter,
    options: &Options,
    out: W,
) -> Result<Summary, Error> {
    export_from(
        &mut read_pg::Postgres(store.client()),
        format,
        filter,
        options,
        out,
    )
}

/// [`export`] from any [`Source`].
pub fn export_from<W: Write + Send>(
    src: &mut dyn Source,
    format: Format,
    filter: &Filter,
    options: &Options,
    out: W,
) -> Result<Summary, Error> {
    if !format.available() {
        return Err(Error::FeatureDisabled {
            format: "Parquet",
            feature: "parquet",
        });
    }
    let state = src.state()?;
    if state.incidents == 0 && state.events > 0 {
        return Err(Error::NotLinked {
            events: state.events,
            documents: state.documents,
        });
    }
    let tables = Tables::builtin()?;
    let country = match filter.country.as_deref() {
        None => None,
        Some(q) => Some(
            tables
                .find_country(q)
                .map(|c| c.iso2.clone())
                .ok_or_else(|| Error::UnknownCountry(q.to_string()))?,
        ),
    };
    let mut incidents = src.incidents(filter, country.as_deref())?;
    for inc in &mut incidents {
        let details = src.event_details(inc.id)?;
        read::merge_event_details(inc, &details);
    }
    let mut summary = Summary {
        selected: incidents.len(),
        unlinked_documents: state.unlinked,
        ..Summary::default()
    };
    match format {
        Format::AcledCsv => {
            let (written, skipped) = acled::write_csv(&incidents, &tables, options, out)?;
            summary.written = written;
            summary.without_acled_type = skipped;
        }
        Format::GeoJson => {
            let (written, skipped) = geojson::write(&incidents, &tables, out)?;
            summary.written = written;
            summary.without_coordinates = skipped;
        }
        Format::PloverJson => {
            summary.written = plover::write(src, &incidents, &tables, out)?;
        }
        Format::Jsonl => {
            summary.written = jsonl::write(src, &incidents, &tables, out)?;
        }
        Format::Parquet => {
            #[cfg(feature = "parquet")]
            {
                summary.written = parquet_out::write(&incidents, &tables, out)?;
            }
        }
    }
    Ok(summary)
}

/// The linked sample store the tests use (three reports, four incidents), as
/// SQL to run on a fresh store. For tests of this crate and of the CLI.
#[doc(hidden)]
pub const SAMPLE_SQL: &str = include_str!("sample.sql");

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_their_names() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("csv".parse::<Format>().unwrap_err().contains("acled-csv"));
    }

    #[test]
    fn grades_order_as_airwars_lists_them() {
        assert!(Grade::Confirmed > Grade::Fair);
        assert!(Grade::Fair > Grade::Weak);
        assert!(Grade::Weak > Grade::Contested);
        assert!(Grade::Contested > Grade::Discounted);
        assert_eq!("FAIR".parse::<Grade>().unwrap(), Grade::Fair);
        assert!(matches!(
            "likely".parse::<Grade>(),
            Err(Error::UnknownGrade(_))
        ));
    }

    #[test]
    fn events_without_incidents_ask_for_link() {
        let store = testutil::store_with_unlinked_event();
        let err = export(
            &store,
            Format::Jsonl,
            &Filter::default(),
            &Options::default(),
            Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            Error::NotLinked {
                events: 1,
                documents: 1
            }
        ));
        assert!(err.to_string().contains("run `sitrep link` first"));
    }

    #[test]
    fn an_empty_store_exports_an_empty_file() {
        let store = Store::open_in_memory().unwrap();
        let mut out = Vec::new();
        let s = export(
            &store,
            Format::AcledCsv,
            &Filter::default(),
            &Options::default(),
            &mut out,
        )
        .unwrap();
        assert_eq!((s.selected, s.written), (0, 0));
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1, "only the header: {text}");
    }

    #[test]
    fn filters_select_and_order() {
        let store = testutil::sample_store();
        let ids = |filter: Filter| -> Vec<i64> {
            let conn = store.connection();
            let tables = Tables::builtin().unwrap();
            let country = filter
                .country
                .as_deref()
                .map(|q| tables.find_country(q).unwrap().iso2.clone());
            read::incidents(conn, &filter, country.as_deref())
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect()
        };
        // Sample: 1 SY 2019-05-20 fair; 2 SY 2019-05-18 weak; 3 NG 2020-01-02
        // confirmed, no coordinates; 4 undated, contested.
        assert_eq!(ids(Filter::default()), vec![2, 1, 3, 4]);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            ids(Filter {
                since: d("2019-05-19"),
                ..Filter::default()
            }),
            vec![1, 3]
        );
        assert_eq!(
            ids(Filter {
                until: d("2019-05-20"),
                ..Filter::default()
            }),
            vec![2, 1]
        );
        assert_eq!(
            ids(Filter {
                country: Some("Syria".into()),
                ..Filter::default()
            }),
            vec![2, 1]
        );
        assert_eq!(
            ids(Filter {
                country: Some("nga".into()),
                ..Filter::default()
            }),
            vec![3]
        );
        assert_eq!(
            ids(Filter {
                event_type: Some("air/drone strike".into()),
                ..Filter::default()
            }),
            vec![1]
        );
        assert_eq!(
            ids(Filter {
                min_grade: Some(Grade::Fair),
                ..Filter::default()
            }),
            vec![1, 3]
        );
    }

    #[test]
    fn exports_take_inter_codes_associated_actors_and_weapons_from_events() {
        let store = testutil::sample_store();
        let mut csv = Vec::new();
        let opts = Options::default();
        export(
            &store,
            Format::AcledCsv,
            &Filter::default(),
            &opts,
            &mut csv,
        )
        .unwrap();
        let mut rows = csv::Reader::from_reader(csv.as_slice());
        let header = rows.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let strike = rows
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == "SYR1")
            .unwrap();
        // Incident 1 stores no associated actor; its first report names one.
        assert_eq!(&strike[col("assoc_actor_1")], "Russian air force");
        assert_eq!(&strike[col("inter1")], "1");
        assert_eq!(&strike[col("inter2")], "7");
        assert_eq!(&strike[col("interaction")], "17");

        let mut json = Vec::new();
        export(
            &store,
            Format::PloverJson,
            &Filter::default(),
            &opts,
            &mut json,
        )
        .unwrap();
        let recs: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        let strike = recs.iter().find(|r| r["id"] == "sitrep-1").unwrap();
        assert_eq!(strike["mode"], "aerial");
        assert_eq!(
            strike["weapon"],
            serde_json::json!({"kind": "aerial", "text": "warplanes"})
        );
        let names: Vec<_> = strike["actor"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["entity_text"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec!["Military Forces of Syria", "Russian air force"]);
        let protest = recs.iter().find(|r| r["id"] == "sitrep-4").unwrap();
        assert_eq!(protest["weapon"], serde_json::Value::Null);
    }

    #[test]
    fn unknown_country_is_an_error() {
        let store = testutil::sample_store();
        let err = export(
            &store,
            Format::AcledCsv,
            &Filter {
                country: Some("Narnia".into()),
                ..Filter::default()
            },
            &Options::default(),
            Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::UnknownCountry(_)));
    }

    #[cfg(not(feature = "parquet"))]
    #[test]
    fn parquet_without_the_feature_names_it() {
        let store = testutil::sample_store();
        let err = export(
            &store,
            Format::Parquet,
            &Filter::default(),
            &Options::default(),
            Vec::new(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("--features parquet"), "{err}");
    }
}
