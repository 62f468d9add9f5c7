//! The compiled gazetteer: binary layout, loading and name lookup.
//!
//! Owns the on-disk format of `data/gazetteer/gazetteer.bin.zst` (written by
//! [`crate::compile`]) and the in-memory index the tagger queries. It knows
//! nothing about article text: callers hand it normalised keys (see
//! [`crate::normalize`]) and get entity ids back.
//!
//! Layout (little-endian, zstd-compressed as a whole):
//! `MAGIC`, entity columns (geonameid, lat, lon, population, feature,
//! country, admin1 entity, name), sorted name keys with their postings, and
//! a sorted list of common English words.

use crate::Error;

pub(crate) const MAGIC: &[u8; 8] = b"SGAZ0001";
/// Flag bit in the feature byte: national capital.
pub(crate) const CAPITAL: u8 = 0x80;

/// What kind of place an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    Country = 0,
    Admin1 = 1,
    Admin2 = 2,
    City = 3,
    Continent = 4,
    /// A named region that is no admin unit (Eastern Ghouta, Donbas); from
    /// `data/places/regions.tsv`, not GeoNames.
    Region = 5,
    /// A sea, gulf or strait (UCDP where_prec 7); from `data/places/regions.tsv`.
    Sea = 6,
}

impl Feature {
    pub(crate) fn from_u8(b: u8) -> Option<Feature> {
        match b {
            0 => Some(Feature::Country),
            1 => Some(Feature::Admin1),
            2 => Some(Feature::Admin2),
            3 => Some(Feature::City),
            4 => Some(Feature::Continent),
            _ => None,
        }
    }

    /// The name used in `Place::feature`.
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::Admin2 => "admin2",
            Feature::City => "city",
            Feature::Continent => "continent",
            Feature::Region => "region",
            Feature::Sea => "sea",
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub geonameid: u32,
    pub lat: f32,
    pub lon: f32,
    /// Population (for admin units: the sum over their cities).
    pub population: u32,
    pub feature: Feature,
    /// True for a national capital.
    pub capital: bool,
    /// ISO 3166-1 alpha-2.
    pub country: [u8; 2],
    /// Index of the admin1 entity this one lies in, if known.
    pub admin1: Option<u32>,
    name: (u32, u32),
}

/// The loaded gazetteer.
pub struct Gazetteer {
    buf: Vec<u8>,
    entities: Vec<Entity>,
    keys: Table,
    posts_off: usize,
    posts: usize,
    common: Table,
    by_country: std::collections::HashMap<[u8; 2], u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entities", &self.entities.len())
            .field("keys", &self.keys.len)
            .finish()
    }
}

/// A sorted string table inside `buf`: `len`, offsets (`len + 1` u32) and a blob.
#[derive(Debug, Clone, Copy, Default)]
struct Table {
    len: usize,
    offs: usize,
    blob: usize,
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<usize, Error> {
        let start = self.pos;
        let end = start
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| Error::Load("gazetteer index is truncated".into()))?;
        self.pos = end;
        Ok(start)
    }

    fn u32(&mut self) -> Result<u32, Error> {
        let at = self.take(4)?;
        Ok(read_u32(self.buf, at))
    }

    fn table(&mut self) -> Result<Table, Error> {
        let len = self.u32()? as usize;
        let offs = self.take((len + 1) * 4)?;
        let blob_len = read_u32(self.buf, offs + len * 4) as usize;
        let blob = self.take(blob_len)?;
        Ok(Table { len, offs, blob })
    }
}

fn read_u32(buf: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&buf[at..at + 4]);
    u32::from_le_bytes(b)
}

impl Table {
    fn get<'b>(&self, buf: &'b [u8], i: usize) -> &'b [u8] {
        let s = read_u32(buf, self.offs + i * 4) as usize;
        let e = read_u32(buf, self.offs + (i + 1) * 4) as usize;
        &buf[self.blob + s..self.blob + e]
    }

    /// First index whose entry is >= `key`.
    fn lower_bound(&self, buf: &[u8], key: &[u8]) -> usize {
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.get(buf, mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Result of looking a key up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup {
    /// Index of the exact key, if present.
    pub exact: Option<usize>,
    /// True when some longer key starts with `key + " "`.
    pub extends: bool,
}

impl Gazetteer {
    /// Load from the zstd-compressed bytes produced by [`crate::build_gazetteer`].
    pub fn from_compressed(bytes: &[u8]) -> Result<Gazetteer, Error> {
        let size = zstd::zstd_safe::get_frame_content_size(bytes)
            .ok()
            .flatten()
            .ok_or_else(|| Error::Load("gazetteer index: no content size".into()))?;
        let buf = zstd::bulk::decompress(bytes, size as usize)
            .map_err(|e| Error::Load(format!("gazetteer index: {e}")))?;
        Gazetteer::from_raw(buf)
    }

    fn from_raw(buf: Vec<u8>) -> Result<Gazetteer, Error> {
        if buf.len() < 8 || &buf[..8] != MAGIC {
            return Err(Error::Load("gazetteer index: bad magic".into()));
        }
        let mut c = Cursor { buf: &buf, pos: 8 };
        let n = c.u32()? as usize;
        let ids = c.take(n * 4)?;
        let lats = c.take(n * 4)?;
        let lons = c.take(n * 4)?;
        let pops = c.take(n * 4)?;
        let feats = c.take(n)?;
        let ccs = c.take(n * 2)?;
        let adm = c.take(n * 4)?;
        let names = c.table()?;
        if names.len != n {
            return Err(Error::Load("gazetteer index: name table size".into()));
        }
        let keys = c.table()?;
        let posts_off = c.take((keys.len + 1) * 4)?;
        let posts_n = read_u32(&buf, posts_off + keys.len * 4) as usize;
        let posts = c.take(posts_n * 4)?;
        let common = c.table()?;
        let mut entities = Vec::with_capacity(n);
        let mut by_country = std::collections::HashMap::new();
        for i in 0..n {
            let feature = Feature::from_u8(buf[feats + i] & 0x0F)
                .ok_or_else(|| Error::Load("gazetteer index: bad feature".into()))?;
            let a = read_u32(&buf, adm + i * 4);
            let s = read_u32(&buf, names.offs + i * 4);
            let e = read_u32(&buf, names.offs + (i + 1) * 4);
            if s > e || names.blob + e as usize > buf.len() {
                return Err(Error::Load("gazetteer index: bad name offsets".into()));
            }
            let country = [buf[ccs + 2 * i], buf[ccs + 2 * i + 1]];
            if feature == Feature::Country {
                by_country.insert(country, i as u32);
            }
            entities.push(Entity {
                geonameid: read_u32(&buf, ids + i * 4),
                lat: f32::from_bits(read_u32(&buf, lats + i * 4)),
                lon: f32::from_bits(read_u32(&buf, lons + i * 4)),
                population: read_u32(&buf, pops + i * 4),
                feature,
                capital: buf[feats + i] & CAPITAL != 0,
                country,
                admin1: (a != u32::MAX && (a as usize) < n).then_some(a),
                name: (names.blob as u32 + s, names.blob as u32 + e),
            });
        }
        // Validate postings once so lookups can index without checks failing.
        for k in 0..keys.len {
            let e = read_u32(&buf, posts_off + (k + 1) * 4) as usize;
            let s = read_u32(&buf, posts_off + k * 4) as usize;
            if s > e || e > posts_n {
                return Err(Error::Load("gazetteer index: bad postings".into()));
            }
        }
        for p in 0..posts_n {
            if read_u32(&buf, posts + p * 4) as usize >= n {
                return Err(Error::Load("gazetteer index: bad posting".into()));
            }
        }
        Ok(Gazetteer {
            buf,
            entities,
            keys,
            posts_off,
            posts,
            common,
            by_country,
        })
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Entity by index.
    pub fn entity(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    /// Display name of an entity.
    pub fn name(&self, e: &Entity) -> &str {
        std::str::from_utf8(&self.buf[e.name.0 as usize..e.name.1 as usize]).unwrap_or("")
    }

    /// The country entity for an ISO2 code.
    pub fn country(&self, iso2: &str) -> Option<u32> {
        let b = iso2.as_bytes();
        if b.len() != 2 {
            return None;
        }
        self.by_country.get(&[b[0], b[1]]).copied()
    }

    /// Make room for `entities` hand-listed places whose names take
    /// `name_bytes` in all, so that [`Gazetteer::add_extra`] does not double
    /// the (exactly sized) name buffer and entity table to append a few
    /// entries.
    pub(crate) fn reserve_extras(&mut self, entities: usize, name_bytes: usize) {
        self.buf.reserve_exact(name_bytes);
        self.entities.reserve_exact(entities);
    }

    /// Add a hand-listed place (region or sea) that GeoNames' cities and
    /// admin units lack. Its geonameid is 0 (none). Returns its index.
    pub(crate) fn add_extra(
        &mut self,
        name: &str,
        lat: f32,
        lon: f32,
        country: Option<&str>,
        feature: Feature,
    ) -> u32 {
        let s = self.buf.len() as u32;
        self.buf.extend_from_slice(name.as_bytes());
        let e = self.buf.len() as u32;
        let cc = country
            .map(str::as_bytes)
            .filter(|b| b.len() == 2)
            .map_or(*b"--", |b| [b[0], b[1]]);
        let admin1 = None;
        self.entities.push(Entity {
            geonameid: 0,
            lat,
            lon,
            population: 0,
            feature,
            capital: false,
            country: cc,
            admin1,
            name: (s, e),
        });
        (self.entities.len() - 1) as u32
    }

    /// Move an entity's reference point (country centroid overrides).
    pub(crate) fn set_coords(&mut self, i: u32, lat: f32, lon: f32) {
        if let Some(e) = self.entities.get_mut(i as usize) {
            e.lat = lat;
            e.lon = lon;
        }
    }

    /// Number of name keys.
    pub fn key_count(&self) -> usize {
        self.keys.len
    }

    /// The normalised name key at index `k` (`k < key_count()`).
    pub fn key(&self, k: usize) -> &str {
        std::str::from_utf8(self.keys.get(&self.buf, k)).unwrap_or("")
    }

    /// The bytes of the key at index `k` (`k < key_count()`), without the
    /// UTF-8 check of [`Gazetteer::key`].
    pub fn key_bytes(&self, k: usize) -> &[u8] {
        self.keys.get(&self.buf, k)
    }

    /// Look a normalised key up.
    pub fn lookup(&self, key: &str) -> Lookup {
        let kb = key.as_bytes();
        let i = self.keys.lower_bound(&self.buf, kb);
        let mut exact = None;
        let mut j = i;
        if i < self.keys.len && self.keys.get(&self.buf, i) == kb {
            exact = Some(i);
            j = i + 1;
        }
        let extends = j < self.keys.len && {
            let next = self.keys.get(&self.buf, j);
            next.len() > kb.len() && next.starts_with(kb) && next[kb.len()] == b' '
        };
        Lookup { exact, extends }
    }

    /// Indices of the keys that start with `prefix`, in key order.
    pub fn keys_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = usize> + 'a {
        let pb = prefix.as_bytes();
        let start = self.keys.lower_bound(&self.buf, pb);
        (start..self.keys.len).take_while(move |&k| self.keys.get(&self.buf, k).starts_with(pb))
    }

    /// Entity ids for key index `k` (from [`Lookup::exact`]).
    pub fn postings(&self, k: usize) -> impl Iterator<Item = u32> + '_ {
        let s = read_u32(&self.buf, self.posts_off + k * 4) as usize;
        let e = read_u32(&self.buf, self.posts_off + (k + 1) * 4) as usize;
        (s..e).map(move |p| read_u32(&self.buf, self.posts + p * 4))
    }

    /// Entity ids whose names normalise to `key`.
    pub fn find(&self, key: &str) -> Vec<u32> {
        match self.lookup(key).exact {
            Some(k) => self.postings(k).collect(),
            None => Vec::new(),
        }
    }

    /// True when `lower` is a common English word (from the build's word list).
    pub fn is_common_word(&self, lower: &str) -> bool {
        let kb = lower.as_bytes();
        let i = self.common.lower_bound(&self.buf, kb);
        i < self.common.len && self.common.get(&self.buf, i) == kb
    }
}

/// Writer for the layout above.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    /// A table of strings, in the given order.
    pub(crate) fn table<S: AsRef<[u8]>>(&mut self, items: &[S]) {
        self.u32(items.len() as u32);
        let mut off = 0u32;
        self.u32(0);
        for s in items {
            off += s.as_ref().len() as u32;
            self.u32(off);
        }
        for s in items {
            self.bytes(s.as_ref());
        }
    }
}
