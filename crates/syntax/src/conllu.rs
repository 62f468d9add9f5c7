//! CoNLL-U reading and writing.
//!
//! Owns the file format only: sentences with their comments, multi-word
//! token ranges (`2-3 don't`) and syntactic words. Empty nodes (`8.1`) of the
//! enhanced graph are skipped on reading. Nothing here knows about models.

use std::fmt::Write as _;
use std::path::Path;

use crate::Error;

/// One syntactic word (a line with an integer id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, otherwise the 1-based id of the head word.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// True unless MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multi-word token: words `first..=last` (1-based) are written `form`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading `# `.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// `# text =`, or the words joined by their spacing.
    pub fn text(&self) -> String {
        if let Some(t) = self.comment("text") {
            return t.to_string();
        }
        let mut s = String::new();
        for (form, space) in self.surface_tokens() {
            s.push_str(&form);
            if space {
                s.push(' ');
            }
        }
        s.trim_end().to_string()
    }

    /// Surface tokens: multi-word tokens as one, with their SpaceAfter.
    pub fn surface_tokens(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            if let Some(m) = self.multiwords.iter().find(|m| m.first == i + 1) {
                let space = !m.misc.split('|').any(|x| x == "SpaceAfter=No");
                out.push((m.form.clone(), space));
                i = m.last.max(i + 1);
            } else {
                out.push((self.words[i].form.clone(), self.words[i].space_after()));
                i += 1;
            }
        }
        out
    }

    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Read a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

fn bad(origin: &str, line: usize, msg: impl Into<String>) -> Error {
    Error::Conllu {
        origin: origin.to_string(),
        line,
        msg: msg.into(),
    }
}

/// Parse CoNLL-U text; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let lineno = ln + 1;
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                if cur.words.is_empty() {
                    // comments with no words: keep them for the next sentence
                    continue;
                }
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(
                origin,
                lineno,
                format!("expected 10 columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let first: usize = a.parse().map_err(|_| bad(origin, lineno, "bad range"))?;
            let last: usize = b.parse().map_err(|_| bad(origin, lineno, "bad range"))?;
            if first == 0 || last < first {
                return Err(bad(origin, lineno, "bad range"));
            }
            cur.multiwords.push(MultiWord {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| bad(origin, lineno, format!("bad id {id:?}")))?;
        if n != cur.words.len() + 1 {
            return Err(bad(origin, lineno, format!("id {n} out of sequence")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| bad(origin, lineno, format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for (si, s) in out.iter().enumerate() {
        let n = s.words.len();
        if s.words.iter().any(|w| w.head > n) {
            return Err(bad(
                origin,
                0,
                format!("sentence {}: head out of range", si + 1),
            ));
        }
    }
    Ok(out)
}

fn field(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Write one sentence (with its trailing blank line) to `out`.
pub fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    for (i, w) in s.words.iter().enumerate() {
        if let Some(m) = s.multiwords.iter().find(|m| m.first == i + 1) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first,
                m.last,
                clean(&m.form),
                field(&m.misc)
            );
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            clean(&w.form),
            clean(field(&w.lemma)),
            field(&w.upos),
            field(&w.xpos),
            field(&w.feats),
            w.head,
            field(&w.deprel),
            field(&w.deps),
            field(&w.misc)
        );
    }
    out.push('\n');
}

/// Tabs and newlines cannot appear in a CoNLL-U field.
fn clean(s: &str) -> String {
    if s.is_empty() {
        return "_".to_string();
    }
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Write sentences as CoNLL-U text.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Rebels don't fight.\n1\tRebels\trebel\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tfight\tfight\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_multiwords_and_skips_empty_nodes() {
        let s = parse(SAMPLE, "t").unwrap_or_default();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].multiwords.len(), 1);
        assert_eq!(s[0].comment("text"), Some("Rebels don't fight."));
        assert_eq!(s[0].words[0].head, 3);
    }

    #[test]
    fn round_trips() {
        let s = parse(SAMPLE, "t").unwrap_or_default();
        let text = write(&s);
        let again = parse(&text, "t").unwrap_or_default();
        assert_eq!(s, again);
    }

    #[test]
    fn surface_tokens_join_multiwords() {
        let s = parse(SAMPLE, "t").unwrap_or_default();
        let toks: Vec<String> = s[0].surface_tokens().into_iter().map(|t| t.0).collect();
        assert_eq!(toks, ["Rebels", "don't", "fight", "."]);
    }

    #[test]
    fn rejects_bad_lines_without_panicking() {
        assert!(parse("1\tx\n", "t").is_err());
        assert!(parse("a\tx\t_\t_\t_\t_\t0\troot\t_\t_\n", "t").is_err());
        assert!(parse("1\tx\t_\t_\t_\t_\t9\troot\t_\t_\n", "t").is_err());
        assert!(parse("", "t").map(|v| v.is_empty()).unwrap_or(false));
    }
}
