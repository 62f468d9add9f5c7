//! Name normalisation shared by the gazetteer build and the runtime matcher.
//!
//! Owns the one function that turns a place name or a stretch of article text
//! into a lookup key: lower-case, Latin script transliterated to ASCII with
//! `deunicode` (Ḩalab → halab, al-Bāb → al bab), Arabic script kept as-is
//! (minus harakat and tatweel), apostrophe-like marks dropped and every other
//! non-alphanumeric run collapsed to one space. Both sides of every lookup go
//! through [`normalize`], so the index and the text always agree.

/// True for a char in the Arabic script blocks.
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic harakat, Quranic marks and tatweel: dropped from keys.
fn is_arabic_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

/// Apostrophe-like marks (and ayn/hamza letters used in transliteration):
/// removed without leaving a space, so "Ma‘arrat" and "Maarrat" agree.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʻ' | 'ʼ' | 'ʽ' | 'ʾ' | 'ʿ' | 'ˈ' | '′'
    )
}

/// True when every letter of `name` is Latin or Arabic script: the only
/// scripts the index keeps (other scripts' romanisations are noise).
pub fn is_indexable_script(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_alphabetic()
            || (c as u32) <= 0x024F
            || matches!(c as u32, 0x1E00..=0x1EFF | 0x02B0..=0x02FF)
            || is_arabic(c)
    })
}

/// Normalise a name or text stretch into a lookup key.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into a caller's buffer (cleared first), so loops over many
/// names reuse one allocation.
pub fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        // ASCII, the common case, byte by byte: the same steps as the general
        // path below (an ASCII char transliterates to itself).
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else if !is_apostrophe(c) {
                pending_space = true;
            }
            continue;
        }
        if is_apostrophe(c) || is_arabic_mark(c) {
            continue;
        }
        let piece: &str = if c.is_ascii() {
            c.encode_utf8(&mut buf)
        } else if is_arabic(c) {
            if c.is_alphabetic() {
                c.encode_utf8(&mut buf)
            } else {
                " "
            }
        } else {
            deunicode::deunicode_char(c).unwrap_or(" ")
        };
        for d in piece.chars() {
            if d.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                for l in d.to_lowercase() {
                    out.push(l);
                }
            } else if !is_apostrophe(d) {
                pending_space = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char definition, without the ASCII fast path.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        let mut buf = [0u8; 4];
        for c in s.chars() {
            if is_apostrophe(c) || is_arabic_mark(c) {
                continue;
            }
            let piece: &str = if c.is_ascii() {
                c.encode_utf8(&mut buf)
            } else if is_arabic(c) {
                if c.is_alphabetic() {
                    c.encode_utf8(&mut buf)
                } else {
                    " "
                }
            } else {
                deunicode::deunicode_char(c).unwrap_or(" ")
            };
            for d in piece.chars() {
                if d.is_alphanumeric() {
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.extend(d.to_lowercase());
                } else if !is_apostrophe(d) {
                    pending_space = true;
                }
            }
        }
        out
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_definition() {
        let samples = [
            "",
            "   ",
            "Deir ez-Zor, Syria",
            "O'Neill's `quoted` U.S.-led (coalition) 2015/06",
            "Ma‘arrat al-Nu‘mān — Ḩalab",
            "ALL CAPS_and_under-scores... 42nd St.",
            "حَلَب and Aleppo ـ tatweel",
            "Æsir Straße Łódź İstanbul ǅemal",
            "tab\there\nnewline\u{7f}\u{0}end",
        ];
        let mut buf = String::from("stale");
        for s in samples {
            assert_eq!(normalize(s), reference(s), "{s:?}");
            normalize_into(s, &mut buf);
            assert_eq!(buf, reference(s), "{s:?}");
        }
        // Every ASCII byte, alone and between letters.
        for b in 0u8..128 {
            let c = b as char;
            for s in [c.to_string(), format!("a{c}b"), format!("{c}{c}x{c}")] {
                assert_eq!(normalize(&s), reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn transliterates_latin_and_keeps_arabic() {
        assert_eq!(normalize("Ḩalab"), "halab");
        assert_eq!(normalize("al-Bāb"), "al bab");
        assert_eq!(normalize("Al Bāb"), "al bab");
        assert_eq!(normalize("Ma‘arrat al-Nu‘mān"), "maarrat al numan");
        assert_eq!(normalize("U.S."), "u s");
        assert_eq!(normalize("حَلَب"), "حلب");
        assert_eq!(normalize("  Deir  ez-Zor, "), "deir ez zor");
    }

    #[test]
    fn script_filter() {
        assert!(is_indexable_script("Ḩalab"));
        assert!(is_indexable_script("محافظة حلب"));
        assert!(!is_indexable_script("Сольдеу"));
    }
}
