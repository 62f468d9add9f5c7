//! Regression floors: minimum figures that CI enforces.
//!
//! The floors file is plain text, one floor a line: `suite.metric >= value`,
//! with `#` comments. A metric that a suite did not report is a failure too,
//! so a silently skipped suite cannot pass CI.

use std::path::Path;

use sitrep_core::EvalReport;

use crate::Error;

/// One floor: `suite.metric >= min`.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub suite: String,
    pub metric: String,
    pub min: f64,
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
        let (key, value) = line
            .split_once(">=")
            .ok_or_else(|| bad("expected `suite.metric >= value`"))?;
        let (suite, metric) = key
            .trim()
            .split_once('.')
            .ok_or_else(|| bad("expected `suite.metric`"))?;
        let min = value
            .trim()
            .parse::<f64>()
            .map_err(|_| bad("not a number"))?;
        out.push(Floor {
            suite: suite.to_string(),
            metric: metric.to_string(),
            min,
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
                "{}.{}: not reported (floor {})",
                f.suite, f.metric, f.min
            )),
            Some(v) if v + 1e-9 < f.min => failures.push(format!(
                "{}.{}: {v:.4} is below the floor {}",
                f.suite, f.metric, f.min
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
    fn rejects_malformed_lines() {
        assert!(parse("places.x > 3", "f").is_err());
        assert!(parse("placesx >= 3", "f").is_err());
        assert!(parse("places.x >= abc", "f").is_err());
    }
}
