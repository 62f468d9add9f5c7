//! The ACLED view of an incident: ACLED's 31 columns in ACLED's order
//! ([`COLUMNS`]), derived from one `incidents` row and the reference
//! tables, and the `acled-csv` writer. The Parquet and GeoJSON writers reuse
//! [`AcledRecord`]. Owns the column mapping, not the reading.

use std::io::Write;

use crate::read::Incident;
use crate::{Error, Options, Tables};

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// sitrep's own columns, after ACLED's when asked for (`--extras`) and
/// always in Parquet.
pub const EXTRA_COLUMNS: [&str; 13] = [
    "sitrep_incident_id",
    "sitrep_grade",
    "sitrep_perpetrator_grade",
    "sitrep_fatalities_grade",
    "sitrep_factuality",
    "sitrep_origins",
    "sitrep_reports",
    "sitrep_fatalities_low",
    "sitrep_fatalities_best",
    "sitrep_fatalities_high",
    "sitrep_geonameid",
    "sitrep_plover_event",
    "sitrep_cameo",
];

/// What ACLED writes in `civilian_targeting` for an event that targets
/// civilians (the column is empty otherwise).
pub const CIVILIAN_TARGETING: &str = "Civilian targeting";

/// One incident in ACLED's columns, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AcledRecord {
    pub event_id_cnty: String,
    pub event_date: String,
    pub year: Option<i64>,
    pub time_precision: Option<i64>,
    pub disorder_type: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: String,
    pub assoc_actor_1: String,
    pub inter1: Option<i64>,
    pub actor2: String,
    pub assoc_actor_2: String,
    pub inter2: Option<i64>,
    pub interaction: Option<i64>,
    pub civilian_targeting: String,
    pub iso: Option<i64>,
    pub region: String,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: Option<i64>,
    pub source: String,
    pub source_scale: String,
    pub notes: String,
    pub fatalities: i64,
    pub tags: String,
    pub timestamp: Option<i64>,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// ACLED's `interaction`: the two inter codes joined, smaller first; a sole
/// actor's code is followed by 0 (10 = sole state-forces action).
pub fn interaction(inter1: Option<i64>, inter2: Option<i64>) -> Option<i64> {
    let a = inter1.filter(|x| *x > 0)?;
    match inter2.filter(|x| *x > 0) {
        None => Some(a * 10),
        Some(b) => Some(10 * a.min(b) + a.max(b)),
    }
}

impl AcledRecord {
    /// Map one incident to ACLED's columns.
    pub fn new(inc: &Incident, tables: &Tables) -> AcledRecord {
        let country = inc.country.as_deref().and_then(|c| tables.country(c));
        let prefix = country.map_or("XXX", |c| c.iso3.as_str());
        let has_actor2 =
            inc.actor2_name.as_deref().is_some_and(|s| !s.is_empty()) || inc.actor2_code.is_some();
        // ACLED writes inter2 = 0 when there is no second actor.
        let inter2 = inc
            .inter2
            .or((!has_actor2 && inc.inter1.is_some()).then_some(0));
        let timestamp = chrono::DateTime::parse_from_rfc3339(&inc.updated_at)
            .ok()
            .map(|t| t.timestamp());
        AcledRecord {
            event_id_cnty: format!("{prefix}{}", inc.id),
            event_date: inc.date().unwrap_or_default().to_string(),
            year: inc.year(),
            time_precision: inc.time_precision,
            disorder_type: tables
                .disorder_type(&inc.event_type, &inc.sub_event_type)
                .to_string(),
            event_type: inc.event_type.clone(),
            sub_event_type: inc.sub_event_type.clone(),
            actor1: text(&inc.actor1_name),
            assoc_actor_1: text(&inc.assoc_actor_1),
            inter1: inc.inter1,
            actor2: text(&inc.actor2_name),
            assoc_actor_2: text(&inc.assoc_actor_2),
            inter2,
            interaction: inc.interaction.or(interaction(inc.inter1, inter2)),
            civilian_targeting: if inc.civilian_targeting {
                CIVILIAN_TARGETING.to_string()
            } else {
                String::new()
            },
            iso: country.map(|c| i64::from(c.numeric)),
            region: country.map(|c| c.region.clone()).unwrap_or_default(),
            country: country.map(|c| c.name.clone()).unwrap_or_default(),
            admin1: text(&inc.admin1),
            admin2: String::new(),
            admin3: String::new(),
            location: text(&inc.place_name),
            latitude: inc.lon_lat().map(|(_, lat)| lat),
            longitude: inc.lon_lat().map(|(lon, _)| lon),
            geo_precision: inc.geo_precision,
            source: text(&inc.source),
            source_scale: text(&inc.source_scale),
            notes: text(&inc.notes),
            // ACLED codes the most conservative reported figure; no report
            // of deaths is 0.
            fatalities: inc.fatalities_low.or(inc.fatalities_best).unwrap_or(0),
            tags: String::new(),
            timestamp,
        }
    }

    /// The 31 fields as CSV text: numbers plain, coordinates with 4
    /// decimals as ACLED prints them, missing values empty.
    pub fn fields(&self) -> [String; 31] {
        let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
        let f = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
        [
            self.event_id_cnty.clone(),
            self.event_date.clone(),
            n(self.year),
            n(self.time_precision),
            self.disorder_type.clone(),
            self.event_type.clone(),
            self.sub_event_type.clone(),
            self.actor1.clone(),
            self.assoc_actor_1.clone(),
            n(self.inter1),
            self.actor2.clone(),
            self.assoc_actor_2.clone(),
            n(self.inter2),
            n(self.interaction),
            self.civilian_targeting.clone(),
            n(self.iso),
            self.region.clone(),
            self.country.clone(),
            self.admin1.clone(),
            self.admin2.clone(),
            self.admin3.clone(),
            self.location.clone(),
            f(self.latitude),
            f(self.longitude),
            n(self.geo_precision),
            self.source.clone(),
            self.source_scale.clone(),
            self.notes.clone(),
            self.fatalities.to_string(),
            self.tags.clone(),
            n(self.timestamp),
        ]
    }
}

/// The `sitrep_*` fields of an incident, in [`EXTRA_COLUMNS`] order.
pub fn extra_fields(inc: &Incident) -> [String; 13] {
    let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        inc.id.to_string(),
        inc.grade.clone(),
        text(&inc.perpetrator_grade),
        text(&inc.fatalities_grade),
        inc.factuality.clone(),
        inc.origins.to_string(),
        inc.reports.to_string(),
        n(inc.fatalities_low),
        n(inc.fatalities_best),
        n(inc.fatalities_high),
        n(inc.geonameid),
        inc.plover_event.clone(),
        inc.cameo.clone(),
    ]
}

/// Write the incidents as ACLED CSV (header first, RFC 4180 quoting);
/// returns the rows written and the incidents left out because they have no
/// ACLED event type (a PLOVER-only event such as MOBILIZE: ACLED's columns
/// cannot hold it; the JSONL and PLOVER exports keep it).
pub fn write_csv<W: Write>(
    incidents: &[Incident],
    tables: &Tables,
    options: &Options,
    out: W,
) -> Result<(usize, usize), Error> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if options.extras {
        header.extend(EXTRA_COLUMNS);
    }
    w.write_record(&header)?;
    let mut written = 0;
    for inc in incidents {
        if inc.event_type.is_empty() {
            continue;
        }
        written += 1;
        let rec = AcledRecord::new(inc, tables);
        if options.extras {
            let row = rec.fields().into_iter().chain(extra_fields(inc));
            w.write_record(row)?;
        } else {
            w.write_record(rec.fields())?;
        }
    }
    w.flush()?;
    Ok((written, incidents.len() - written))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::sample_store;
    use crate::{read, Filter};

    fn sample_csv(extras: bool) -> String {
        let store = sample_store();
        let incidents = read::incidents(store.connection(), &Filter::default(), None).unwrap();
        let tables = Tables::builtin().unwrap();
        let mut out = Vec::new();
        write_csv(&incidents, &tables, &Options { extras }, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn rows(text: &str) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn col(name: &str) -> usize {
        COLUMNS.iter().position(|c| *c == name).unwrap()
    }

    #[test]
    fn an_incident_without_an_acled_type_is_left_out_and_counted() {
        let store = sample_store();
        let mut incidents = read::incidents(store.connection(), &Filter::default(), None).unwrap();
        let n = incidents.len();
        incidents[0].event_type.clear();
        let tables = Tables::builtin().unwrap();
        let mut out = Vec::new();
        let counts = write_csv(&incidents, &tables, &Options::default(), &mut out).unwrap();
        assert_eq!(counts, (n - 1, 1));
        assert_eq!(rows(&String::from_utf8(out).unwrap()).len(), n - 1);
    }

    #[test]
    fn header_is_acleds_columns_in_order() {
        let text = sample_csv(false);
        let header = text.lines().next().unwrap();
        assert_eq!(header, COLUMNS.join(","));
        assert_eq!(COLUMNS.len(), 31);
        assert_eq!(COLUMNS[0], "event_id_cnty");
        assert_eq!(COLUMNS[14], "civilian_targeting");
        assert_eq!(COLUMNS[30], "timestamp");
    }

    #[test]
    fn extras_follow_acleds_columns() {
        let text = sample_csv(true);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(header.len(), 31 + EXTRA_COLUMNS.len());
        assert_eq!(&header[31], "sitrep_incident_id");
        let first = reader.records().next().unwrap().unwrap();
        assert_eq!(&first[31], "2");
        assert_eq!(&first[32], "weak");
    }

    #[test]
    fn notes_with_commas_quotes_and_newlines_survive() {
        let text = sample_csv(false);
        let rows = rows(&text);
        assert_eq!(rows.len(), 4);
        // Row order: 2 (05-18), 1 (05-20), 3, 4 (undated).
        let notes = &rows[1][col("notes")];
        assert_eq!(
            notes,
            "On 20 May 2019, regime warplanes struck al-Bāb, killing 12 civilians, \
             \"according to\" SOHR.\nThe army denied it."
        );
        // Quotes are doubled inside a quoted field.
        assert!(text.contains("\"\"according to\"\""));
    }

    #[test]
    fn values_map_to_acleds_conventions() {
        let rows = rows(&sample_csv(false));
        let r = &rows[1];
        assert_eq!(&r[col("event_id_cnty")], "SYR1");
        assert_eq!(&r[col("event_date")], "2019-05-20");
        assert_eq!(&r[col("year")], "2019");
        assert_eq!(&r[col("disorder_type")], "Political violence");
        assert_eq!(&r[col("inter1")], "1");
        assert_eq!(&r[col("inter2")], "7");
        assert_eq!(&r[col("interaction")], "17");
        assert_eq!(&r[col("civilian_targeting")], "Civilian targeting");
        assert_eq!(&r[col("iso")], "760");
        assert_eq!(&r[col("region")], "Middle East");
        assert_eq!(&r[col("country")], "Syria");
        assert_eq!(&r[col("location")], "al-Bāb");
        assert_eq!(&r[col("latitude")], "36.3707");
        assert_eq!(&r[col("longitude")], "37.5157");
        assert_eq!(&r[col("source")], "Reuters; SANA");
        // Most conservative figure: the low end.
        assert_eq!(&r[col("fatalities")], "10");
        assert_eq!(&r[col("timestamp")], "1558440000");
        assert_eq!(&r[col("admin2")], "");
    }

    #[test]
    fn missing_values_are_empty_and_sole_actors_get_inter2_zero() {
        let rows = rows(&sample_csv(false));
        let shelling = &rows[0];
        assert_eq!(
            &shelling[col("assoc_actor_1")],
            "Hezbollah; Iranian militias"
        );
        assert_eq!(&shelling[col("actor2")], "");
        assert_eq!(&shelling[col("inter2")], "0");
        assert_eq!(&shelling[col("interaction")], "10");
        assert_eq!(&shelling[col("civilian_targeting")], "");
        assert_eq!(&shelling[col("fatalities")], "0");
        assert_eq!(&shelling[col("notes")], "");
        let undated = &rows[3];
        assert_eq!(&undated[col("event_id_cnty")], "XXX4");
        assert_eq!(&undated[col("event_date")], "");
        assert_eq!(&undated[col("year")], "");
        assert_eq!(&undated[col("iso")], "");
        assert_eq!(&undated[col("latitude")], "");
        assert_eq!(&undated[col("disorder_type")], "Demonstrations");
        let no_coords = &rows[2];
        assert_eq!(&no_coords[col("country")], "Nigeria");
        assert_eq!(&no_coords[col("latitude")], "");
        assert_eq!(&no_coords[col("longitude")], "");
    }

    #[test]
    fn interaction_puts_the_smaller_code_first() {
        assert_eq!(interaction(Some(7), Some(2)), Some(27));
        assert_eq!(interaction(Some(1), Some(1)), Some(11));
        assert_eq!(interaction(Some(3), None), Some(30));
        assert_eq!(interaction(Some(3), Some(0)), Some(30));
        assert_eq!(interaction(None, Some(2)), None);
    }
}
