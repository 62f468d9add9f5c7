//! Fuzz target: arbitrary bytes (as lossy UTF-8) through the whole
//! `sitrep_analyze` pipeline (all stages, the parse layer included) and its
//! JSON output. Nothing may panic. Owns only this target.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitrep_analyze::Pipeline;
use sitrep_core::Doc;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load_default().expect("pipeline"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Doc::new("fuzz", &*text);
    let report = pipeline().report(&doc);
    let _ = serde_json::to_string(&report.with_parses()).expect("report serialises");
});
