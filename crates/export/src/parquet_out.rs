//! The `parquet` export (cargo feature `parquet`): one row per incident,
//! ACLED's 31 columns in ACLED's order with their natural types (integers
//! Int64, coordinates Float64, text Utf8, missing values null rather than
//! empty strings), then the `sitrep_*` columns, zstd-compressed, for pandas,
//! R, Polars and DuckDB. Owns only this layout.

use std::io::Write;
use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Array, Int64Array, StringArray};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::acled::{AcledRecord, COLUMNS, EXTRA_COLUMNS};
use crate::read::Incident;
use crate::{Error, Tables};

/// Rows per record batch (and row group at most).
const BATCH: usize = 8192;

/// The Arrow type of each column, by name.
fn data_type(name: &str) -> DataType {
    match name {
        "year"
        | "time_precision"
        | "inter1"
        | "inter2"
        | "interaction"
        | "iso"
        | "geo_precision"
        | "fatalities"
        | "timestamp"
        | "sitrep_incident_id"
        | "sitrep_origins"
        | "sitrep_reports"
        | "sitrep_fatalities_low"
        | "sitrep_fatalities_best"
        | "sitrep_fatalities_high"
        | "sitrep_geonameid" => DataType::Int64,
        "latitude" | "longitude" => DataType::Float64,
        _ => DataType::Utf8,
    }
}

/// The schema: ACLED's columns then sitrep's.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .chain(EXTRA_COLUMNS.iter())
        .map(|name| Field::new(*name, data_type(name), name != &"event_id_cnty"))
        .collect();
    Arc::new(Schema::new(fields))
}

fn strings(rows: &[(AcledRecord, [String; 13])], col: usize) -> ArrayRef {
    let values: Vec<Option<String>> = rows
        .iter()
        .map(|(rec, extra)| {
            let s = if col < 31 {
                rec.fields()[col].clone()
            } else {
                extra[col - 31].clone()
            };
            (!s.is_empty()).then_some(s)
        })
        .collect();
    Arc::new(StringArray::from(values))
}

fn batch(
    schema: &SchemaRef,
    incidents: &[Incident],
    tables: &Tables,
) -> Result<RecordBatch, Error> {
    let rows: Vec<(AcledRecord, [String; 13])> = incidents
        .iter()
        .map(|inc| {
            (
                AcledRecord::new(inc, tables),
                crate::acled::extra_fields(inc),
            )
        })
        .collect();
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
    for (col, field) in schema.fields().iter().enumerate() {
        let array: ArrayRef = match field.data_type() {
            DataType::Int64 => {
                let values: Vec<Option<i64>> = rows
                    .iter()
                    .map(|(rec, extra)| {
                        let s = if col < 31 {
                            rec.fields()[col].clone()
                        } else {
                            extra[col - 31].clone()
                        };
                        s.parse().ok()
                    })
                    .collect();
                Arc::new(Int64Array::from(values))
            }
            DataType::Float64 => {
                // Full precision, not the CSV's 4 decimals.
                let values: Vec<Option<f64>> = rows
                    .iter()
                    .map(|(rec, _)| match field.name().as_str() {
                        "latitude" => rec.latitude,
                        _ => rec.longitude,
                    })
                    .collect();
                Arc::new(Float64Array::from(values))
            }
            _ => strings(&rows, col),
        };
        columns.push(array);
    }
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}

/// Write the incidents as one Parquet file; returns the rows written.
pub fn write<W: Write + Send>(
    incidents: &[Incident],
    tables: &Tables,
    out: W,
) -> Result<usize, Error> {
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(BATCH))
        .build();
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
    for chunk in incidents.chunks(BATCH) {
        writer.write(&batch(&schema, chunk, tables)?)?;
    }
    writer.close()?;
    Ok(incidents.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::sample_store;
    use crate::{read, Filter};
    use arrow::array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn round_trips_with_types_and_nulls() {
        let store = sample_store();
        let incidents = read::incidents(store.connection(), &Filter::default(), None).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        let n = write(&incidents, &Tables::builtin().unwrap(), &mut file).unwrap();
        assert_eq!(n, 4);
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().unwrap();
        let b = &batches[0];
        assert_eq!(b.num_rows(), 4);
        let names: Vec<_> = b
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(&names[..31], &COLUMNS.map(String::from)[..]);
        let ids = b.column(0).as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(ids.value(1), "SYR1");
        let lat = b
            .column(22)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(lat.value(1), 36.3707);
        assert!(lat.is_null(2));
        let fat = b.column(28).as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!(fat.value(1), 10);
        let notes = b.column(27).as_any().downcast_ref::<StringArray>().unwrap();
        assert!(notes.value(1).contains("\"according to\""));
        assert!(notes.is_null(0));
    }
}
