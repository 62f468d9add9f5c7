//! Evaluation reports: the common shape every `sitrep eval` suite returns.

use serde::Serialize;

/// One named figure, e.g. `toponym_f1 = 0.81`.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
}

/// The result of one evaluation suite.
#[derive(Debug, Clone, Serialize, Default)]
pub struct EvalReport {
    /// Suite name, e.g. `geowebnews`.
    pub suite: String,
    /// How many items (documents, sentences) were scored.
    pub items: usize,
    pub metrics: Vec<Metric>,
    /// Free-form lines: per-outlet figures, peer figures, caveats.
    pub notes: Vec<String>,
}

impl EvalReport {
    pub fn new(suite: &str) -> EvalReport {
        EvalReport {
            suite: suite.to_string(),
            ..EvalReport::default()
        }
    }

    pub fn metric(&mut self, name: &str, value: f64) {
        self.metrics.push(Metric {
            name: name.to_string(),
            value,
        });
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.metrics
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.value)
    }
}

/// Precision, recall and F1 from counts; 0 where undefined.
pub fn prf(true_pos: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        true_pos as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        true_pos as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
