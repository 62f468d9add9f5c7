//! Regression floors: minimum figures that CI enforces.
//!
//! The floors file is plain text, one bound a line: `suite.metric >= value`
//! (a floor) or `suite.metric <= value` (a ceiling, for error rates), with
//! `#` comments. A metric that a suite did not report is a failure too,
//! so a silently skipped suite cannot pass CI.

use std::path::Path;

use sitrep_core::EvalReport;

use crate::Error;

/// One bound: `suite.metric >= limit` or, for a ceiling, `<= limit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub suite: String,
    pub metric: String,
    pub limit: f64,
    /// True for `<=`: the metric must not exceed the limit.
    pub ceiling: bool,
}

/// Parse a floors file's text.
pub fn parse(text: &str, path: &str) -> Result<Vec<Floor>, Error> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let bad = |m: &str| Error::Floors {
            path: path.to_string(),
            message: format!("line {}: {m}: {line:?}", n + 1),
        };
        let (key, value, ceiling) = if let Some((k, v)) = line.split_once(">=") {
            (k, v, false)
        } else if let Some((k, v)) = line.split_once("<=") {
            (k, v, true)
        } else {
            return Err(bad("expected `suite.metric >= value` or `<= value`"));
        };
        let (suite, metric) = key
            .trim()
            .split_once('.')
            .ok_or_else(|| bad("expected `suite.metric`"))?;
        let limit = value
            .trim()
            .parse::<f64>()
            .map_err(|_| bad("not a number"))?;
        out.push(Floor {
            suite: suite.to_string(),
            metric: metric.to_string(),
            limit,
            ceiling,
        });
    }
    Ok(out)
}

/// Read and parse a floors file.
pub fn load(path: &Path) -> Result<Vec<Floor>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Floors {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse(&text, &path.display().to_string())
}

/// Check reports against floors; returns one message per violated floor.
pub fn check(reports: &[EvalReport], floors: &[Floor]) -> Vec<String> {
    let mut failures = Vec::new();
    for f in floors {
        let value = reports
            .iter()
            .filter(|r| r.suite == f.suite)
            .find_map(|r| r.get(&f.metric));
        match value {
            None => failures.push(format!(
                "{}.{}: not reported (bound {})",
                f.suite, f.metric, f.limit
            )),
            Some(v) if !f.ceiling && v + 1e-9 < f.limit => failures.push(format!(
                "{}.{}: {v:.4} is below the floor {}",
                f.suite, f.metric, f.limit
            )),
            Some(v) if f.ceiling && v > f.limit + 1e-9 => failures.push(format!(
                "{}.{}: {v:.4} is above the ceiling {}",
                f.suite, f.metric, f.limit
            )),
            Some(_) => {}
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_floors() {
        let floors = parse(
            "# c\nplaces.acc_161km >= 0.5\n\nevents.x >= 0.1 # trailing\n",
            "f",
        )
        .unwrap();
        assert_eq!(floors.len(), 2);
        let mut r = EvalReport::new("places");
        r.metric("acc_161km", 0.4);
        let fails = check(&[r], &floors);
        assert_eq!(fails.len(), 2, "{fails:?}");
        assert!(fails[0].contains("below"));
        assert!(fails[1].contains("not reported"));
    }

    #[test]
    fn ceilings_bound_error_rates() {
        let floors = parse("events.fp <= 0.05", "f").unwrap();
        let mut r = EvalReport::new("events");
        r.metric("fp", 0.10);
        assert_eq!(check(std::slice::from_ref(&r), &floors).len(), 1);
        r.metrics[0].value = 0.02;
        assert!(check(&[r], &floors).is_empty());
    }

    #[test]
    fn rejects_malformed_lines() {
        assert!(parse("places.x > 3", "f").is_err());
        assert!(parse("placesx >= 3", "f").is_err());
        assert!(parse("places.x >= abc", "f").is_err());
    }
}
