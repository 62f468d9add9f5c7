//! `sitrep export`: write the store's incidents as ACLED CSV, PLOVER JSON,
//! GeoJSON, Parquet or JSONL (crates/export does the work).
//!
//! Owns the flags, which store to read (a SQLite file, or PostgreSQL for a
//! `postgres://` URL), where the bytes go (a file, written to a temporary name
//! and renamed when complete, or standard output) and the notes on standard
//! error. It never changes the incidents; linking is `sitrep link`.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use sitrep_export::{Filter, Format, Grade, Options, Summary};
use sitrep_store::Store;

/// Output formats, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// ACLED's 31 columns in ACLED's order (CSV).
    AcledCsv,
    /// POLECAT-style PLOVER records (a JSON array).
    PloverJson,
    /// An RFC 7946 FeatureCollection of points, for QGIS and web maps.
    Geojson,
    /// ACLED's columns plus sitrep's, typed (needs the `parquet` feature).
    Parquet,
    /// The full record per incident: every column, grade inputs, linked
    /// events, documents and claims.
    Jsonl,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::AcledCsv => Format::AcledCsv,
            FormatArg::PloverJson => Format::PloverJson,
            FormatArg::Geojson => Format::GeoJson,
            FormatArg::Parquet => Format::Parquet,
            FormatArg::Jsonl => Format::Jsonl,
        }
    }
}

/// Flags of `sitrep export`.
#[derive(clap::Args)]
pub struct Args {
    /// The database: a SQLite file or a postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME URL.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Output file, or `-` for standard output.
    #[arg(long, default_value = "-")]
    pub out: PathBuf,
    /// Only incidents on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Only incidents on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Only this country: ISO 3166-1 code (SY, SYR) or English name.
    #[arg(long)]
    pub country: Option<String>,
    /// Only this ACLED event type or sub-event type (case-insensitive).
    #[arg(long)]
    pub event_type: Option<String>,
    /// Only incidents graded at least this: discounted < contested < weak <
    /// fair < confirmed.
    #[arg(long, value_parser = parse_grade)]
    pub min_grade: Option<Grade>,
    /// ACLED CSV: add sitrep's columns (grades, origins, …) after ACLED's.
    #[arg(long)]
    pub extras: bool,
}

fn parse_grade(s: &str) -> Result<Grade, String> {
    s.parse().map_err(|e: sitrep_export::Error| e.to_string())
}

fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

pub fn run(args: Args) -> Result<ExitCode> {
    let format = Format::from(args.format);
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since > until {
            bail!("--since {since} is after --until {until}");
        }
    }
    if !format.available() {
        // Before opening anything, so the message is the whole story.
        return Err(sitrep_export::Error::FeatureDisabled {
            format: "Parquet",
            feature: "parquet",
        }
        .into());
    }
    if format.is_binary() && is_stdout(&args.out) && io::stdout().is_terminal() {
        bail!("{format} is binary: give --out FILE or redirect standard output");
    }
    let db = open(&args.db)?;
    let filter = Filter {
        since: args.since,
        until: args.until,
        country: args.country,
        event_type: args.event_type,
        min_grade: args.min_grade,
    };
    let options = Options {
        extras: args.extras,
    };
    let mut db = db;
    let summary = if is_stdout(&args.out) {
        let mut out = BufWriter::new(io::stdout());
        let s = db.export(format, &filter, &options, &mut out)?;
        out.flush().context("writing standard output")?;
        s
    } else {
        write_file(&args.out, |file| db.export(format, &filter, &options, file))?
    };
    report(&summary, format, &args.out);
    Ok(ExitCode::SUCCESS)
}

/// The store to export from.
enum Db {
    Sqlite(Store),
    #[cfg(feature = "postgres")]
    Postgres(Box<sitrep_store::postgres::PgStore>),
}

impl Db {
    fn export<W: Write + Send>(
        &mut self,
        format: Format,
        filter: &Filter,
        options: &Options,
        out: W,
    ) -> Result<Summary> {
        Ok(match self {
            Db::Sqlite(store) => sitrep_export::export(store, format, filter, options, out)?,
            #[cfg(feature = "postgres")]
            Db::Postgres(store) => sitrep_export::export_pg(store, format, filter, options, out)?,
        })
    }
}

/// Open a SQLite file (which must exist) or, with the `postgres` feature,
/// a `postgres://` URL.
fn open(db: &Path) -> Result<Db> {
    let text = db.to_string_lossy();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        {
            use sitrep_store::postgres::{redact, PgStore};
            let store = PgStore::connect(&text)
                .with_context(|| format!("opening the store {}", redact(&text)))?;
            return Ok(Db::Postgres(Box::new(store)));
        }
        #[cfg(not(feature = "postgres"))]
        bail!(
            "this sitrep was built without PostgreSQL support: \
             cargo build --release -p sitrep --features postgres"
        );
    }
    if !db.exists() {
        bail!(
            "no database at {}: run `sitrep ingest --db {0} …` and `sitrep link` first",
            db.display()
        );
    }
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    Ok(Db::Sqlite(store))
}

/// Write through a temporary file beside `path` and rename it into place, so
/// a failed export never leaves a truncated file under the real name.
fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<Summary>,
) -> Result<Summary> {
    let name = path
        .file_name()
        .with_context(|| format!("--out {} names no file", path.display()))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut out = BufWriter::new(file);
        let summary = write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("writing {}", tmp.display()))?;
        fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))?;
        Ok(summary)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn report(s: &Summary, format: Format, out: &Path) {
    let to = if is_stdout(out) {
        "standard output".to_string()
    } else {
        out.display().to_string()
    };
    eprintln!(
        "export: {} of {} selected incidents written as {format} to {to}",
        s.written, s.selected
    );
    if s.without_coordinates > 0 {
        eprintln!(
            "note: {} incidents without coordinates left out of the GeoJSON",
            s.without_coordinates
        );
    }
    if s.without_acled_type > 0 {
        eprintln!(
            "note: {} incidents without an ACLED event type (PLOVER-only events) left out of the ACLED CSV; the jsonl and plover-json exports keep them",
            s.without_acled_type
        );
    }
    if s.unlinked_documents > 0 {
        eprintln!(
            "note: {} stored documents are not linked into incidents yet; run `sitrep link` to include them",
            s.unlinked_documents
        );
    }
}
