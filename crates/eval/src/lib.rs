//! sitrep-eval: runs every stage's evaluation suites against `../shared/data`
//! and checks their figures against regression floors.
//!
//! Owns suite dispatch, floors and the benchmark corpus. The scoring of each
//! suite lives beside the stage it measures (`sitrep_places::eval`, …), so a
//! stage and its measurement change together.

pub mod corpus;
pub mod floors;

use std::path::Path;

use sitrep_core::EvalReport;

/// Errors from running suites or reading floors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("suite {suite}: {message}")]
    Suite {
        suite: &'static str,
        message: String,
    },
    #[error("floors file {path}: {message}")]
    Floors { path: String, message: String },
}

/// The stages whose suites `sitrep eval` can run, in pipeline order.
pub const STAGES: &[&str] = &[
    "syntax",
    "actors",
    "places",
    "times",
    "attribution",
    "events",
    "incidents",
];

fn wrap<E: std::fmt::Display>(
    suite: &'static str,
    r: Result<Vec<EvalReport>, E>,
) -> Result<Vec<EvalReport>, Error> {
    r.map_err(|e| Error::Suite {
        suite,
        message: e.to_string(),
    })
}

/// Run the suites of one stage. An empty result means its data is absent.
pub fn run_stage(stage: &str, data: &Path) -> Result<Vec<EvalReport>, Error> {
    match stage {
        "syntax" => wrap("syntax", sitrep_syntax::eval::run(data)),
        "actors" => wrap("actors", sitrep_actors::eval::run(data)),
        "places" => wrap("places", sitrep_places::eval::run(data)),
        "times" => wrap("times", sitrep_times::eval::run(data)),
        "attribution" => wrap("attribution", sitrep_attribution::eval::run(data)),
        "events" => wrap("events", sitrep_events::eval::run(data)),
        "incidents" => wrap("incidents", sitrep_link::eval::run(data)),
        _ => Err(Error::Suite {
            suite: "unknown",
            message: format!("no stage named {stage:?}; known: {}", STAGES.join(", ")),
        }),
    }
}
