//! Evaluation of the times stage against ../shared/data (stub).

use std::path::Path;

use sitrep_core::EvalReport;

/// Run the suites of this stage. Returns an empty list when the data is absent.
pub fn run(_data: &Path) -> Result<Vec<EvalReport>, crate::Error> {
    Ok(Vec::new())
}
