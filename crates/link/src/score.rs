//! Pairwise scoring: is this event the same real-world incident as that one?
//!
//! Owns the [`Sig`] (the fields of an event or incident that linking looks
//! at), the feature scores between two signatures ([`score`]) and the join
//! rule ([`Score::joins`]). Both the in-memory [`crate::cluster`] and the
//! store path ([`crate::link_pending`]) call this one function, so ECB+ and
//! the database link the same way. It reads no store and keeps no state.
//!
//! Features, each in [-1, 1] (0 = no evidence either way):
//! - **type**: same ACLED event and sub-event type 1.0; same ACLED event type
//!   0.6; only the same PLOVER event 0.4 (0.8 when neither has an ACLED
//!   type); the same PLOVER family (AID / SUPPORT / COOPERATE / AGREE, …)
//!   0.5 when neither has an ACLED type; otherwise the pair is blocked.
//! - **actors**: per side (actor1 with actor1, actor2 with actor2, or
//!   swapped, whichever is better): equal codes 1.0, one code a prefix of the
//!   other 0.7, same country and both state forces (GOV/MIL) 0.5, an unknown
//!   actor 0 (neutral), anything else −1 (conflicting).
//! - **place**: the same GeoNames id 1.0; else by distance against a
//!   tolerance set by the coarser precision (ACLED geo_precision 1: 5 km,
//!   2: 25 km, 3: same admin1); a region containing the other's town 0.5;
//!   country-level places 0.1 and flagged *coarse*; different countries, or
//!   points beyond three tolerances, block the pair.
//! - **date**: gap in days against a tolerance set by the coarser time
//!   precision (1: 1 day, 2: 7 days, 3: 31 days): `1 − 0.4·gap/tol` up to two
//!   tolerances, blocked beyond (XSub: 1–2 days). Within one document, two
//!   different explicit days are two events.
//! - **trigger**: the same trigger word 1.0, else 0.
//!
//! Both actors known and conflicting blocks the pair (ACLED: one event per
//! actor pair); one conflicting side only lowers the score, so reports that
//! blame different perpetrators for one strike still meet (and the incident
//! is graded contested).
//!
//! `total = 0.25·type + 0.30·place + 0.25·date + 0.20·actors + 0.05·trigger`;
//! a pair joins when nothing blocks it and `total ≥` [`JOIN`]. A coarse place
//! (unknown or country-level) joins only with strong other evidence: agreeing
//! actors and a date score of at least 0.6.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sitrep_core::{Event, Factuality};

use crate::lexicon::lexicon;

/// The least total score at which an event joins an incident.
pub const JOIN: f64 = 0.62;

/// Feature weights: type, place, date, actors, trigger.
pub const WEIGHTS: [f64; 5] = [0.25, 0.30, 0.25, 0.20, 0.05];

/// What linking looks at in an event or an incident.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Sig {
    pub event_type: String,
    pub sub_event_type: String,
    pub plover_event: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub geonameid: Option<u64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ACLED 1–3 (3 when unknown).
    pub geo_precision: u8,
    /// UCDP 1–7; 6 is the whole country.
    pub where_prec: u8,
    pub date: Option<NaiveDate>,
    /// ACLED 1–3.
    pub time_precision: u8,
    /// True when the date is the publication date, not one the text gives.
    pub date_fallback: bool,
    /// Lower-cased trigger word.
    pub trigger: String,
    pub factuality: Factuality,
    /// Key of the document the event came from (empty for an incident).
    pub doc: String,
}

/// The first day a TIMEX3-like value names, and its ACLED time precision:
/// `2015-06-01` (1), `2015-W23` (2), `2015-06` (3), `2015` (3).
pub fn parse_date(value: &str) -> Option<(NaiveDate, u8)> {
    let v = value.trim();
    if v.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d") {
            return Some((d, 1));
        }
    }
    if let Some((y, w)) = v.split_once("-W") {
        let y: i32 = y.parse().ok()?;
        let w: u32 = w.get(..2).unwrap_or(w).parse().ok()?;
        return NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).map(|d| (d, 2));
    }
    if v.len() == 7 {
        return NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d")
            .ok()
            .map(|d| (d, 3));
    }
    if v.len() == 4 {
        let y: i32 = v.parse().ok()?;
        return NaiveDate::from_ymd_opt(y, 1, 1).map(|d| (d, 3));
    }
    None
}

impl Sig {
    /// The signature of an event reported in document `doc`, published on
    /// `published` (used when the event has no date of its own).
    pub fn of_event(e: &Event, doc: &str, published: Option<NaiveDate>) -> Sig {
        let mut s = Sig {
            event_type: e.acled.event_type.clone(),
            sub_event_type: e.acled.sub_event_type.clone(),
            plover_event: e.plover.event.clone(),
            actor1: e
                .actor1
                .as_ref()
                .map(|a| a.code.clone())
                .filter(|c| !c.is_empty()),
            actor2: e
                .actor2
                .as_ref()
                .map(|a| a.code.clone())
                .filter(|c| !c.is_empty()),
            geo_precision: 3,
            where_prec: 7,
            time_precision: 3,
            trigger: e.trigger.text.to_lowercase(),
            factuality: e.factuality,
            doc: doc.to_string(),
            ..Sig::default()
        };
        if let Some(p) = &e.place {
            s.geonameid = p.geonameid;
            s.country = p.country.clone();
            s.admin1 = p.admin1.clone();
            s.lat = p.lat;
            s.lon = p.lon;
            s.geo_precision = p.geo_precision.clamp(1, 3);
            s.where_prec = p.where_prec.clamp(1, 7);
        }
        let parsed = e.time.as_ref().and_then(|t| {
            parse_date(&t.value).map(|(d, p)| (d, p.max(t.time_precision), t.fallback))
        });
        match (parsed, published) {
            (Some((d, p, fallback)), _) => {
                s.date = Some(d);
                s.time_precision = p.clamp(1, 3);
                s.date_fallback = fallback;
            }
            (None, Some(d)) => {
                // No date in the text: the report is about the days before
                // it was published.
                s.date = Some(d);
                s.time_precision = 2;
                s.date_fallback = true;
            }
            (None, None) => {}
        }
        s
    }

    /// True when this signature's place is only a country, or unknown.
    pub fn coarse_place(&self) -> bool {
        self.where_prec >= 6 || (self.lat.is_none() && self.admin1.is_none())
    }

    /// Fold a newly joined event into an incident's signature: the more
    /// precise place and date win, unknown actors are filled in.
    pub fn refine(&mut self, e: &Sig) {
        let better_place = e.lat.is_some()
            && (self.lat.is_none()
                || e.where_prec < self.where_prec
                || (e.where_prec == self.where_prec && e.geo_precision < self.geo_precision));
        if better_place {
            self.geonameid = e.geonameid;
            self.country = e.country.clone();
            self.admin1 = e.admin1.clone();
            self.lat = e.lat;
            self.lon = e.lon;
            self.geo_precision = e.geo_precision;
            self.where_prec = e.where_prec;
        } else if self.country.is_none() {
            self.country = e.country.clone();
            self.admin1 = self.admin1.clone().or_else(|| e.admin1.clone());
        }
        let better_date = e.date.is_some()
            && (self.date.is_none()
                || (self.date_fallback && !e.date_fallback)
                || (e.date_fallback == self.date_fallback
                    && e.time_precision < self.time_precision));
        if better_date {
            self.date = e.date;
            self.time_precision = e.time_precision;
            self.date_fallback = e.date_fallback;
        }
        if self.actor1.is_none() {
            self.actor1 = e.actor1.clone();
        }
        if self.actor2.is_none() {
            self.actor2 = e.actor2.clone();
        }
        if self.sub_event_type.is_empty() && !e.sub_event_type.is_empty() {
            self.event_type = e.event_type.clone();
            self.sub_event_type = e.sub_event_type.clone();
        }
        self.factuality = stronger(self.factuality, e.factuality);
    }
}

/// The standing of an incident: asserted by any report beats alleged beats
/// denied beats the rest.
pub fn stronger(a: Factuality, b: Factuality) -> Factuality {
    fn rank(f: Factuality) -> u8 {
        match f {
            Factuality::Asserted => 0,
            Factuality::Alleged => 1,
            Factuality::Denied => 2,
            Factuality::Negated => 3,
            Factuality::Hypothetical => 4,
            Factuality::Future => 5,
        }
    }
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

/// Feature scores between two signatures, and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub r#type: f64,
    pub place: f64,
    pub date: f64,
    pub actors: f64,
    pub trigger: f64,
    pub total: f64,
    /// Why the pair can never join, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked: Option<Blocked>,
    /// The place was only a country or unknown: needs strong other evidence.
    pub coarse: bool,
    /// Distance in km, when both places have coordinates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub km: Option<f64>,
    /// Gap in days, when both have dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// Why a pair can never be one incident. Kept as data and only written out
/// when a decision is recorded: most scored pairs are blocked, and formatting
/// every reason was a tenth of the linker's time.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocked {
    Countries(String, String),
    Admin1(String, String),
    Distance { km: f64, tol: f64 },
    TwoDaysInOneReport,
    DaysApart { gap: i64, tol: i64 },
    Types([String; 4]),
    ActorsConflict,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blocked::Countries(x, y) => write!(f, "different countries ({x}, {y})"),
            Blocked::Admin1(x, y) => write!(f, "different admin1 ({x}, {y})"),
            Blocked::Distance { km, tol } => write!(f, "{km:.0} km apart (tolerance {tol:.0} km)"),
            Blocked::TwoDaysInOneReport => f.write_str("one report gives two different days"),
            Blocked::DaysApart { gap, tol } => write!(f, "{gap} days apart (tolerance {tol})"),
            Blocked::Types([a, b, c, d]) => write!(
                f,
                "incompatible types ({} / {}, {} / {})",
                nonempty(a),
                nonempty(b),
                nonempty(c),
                nonempty(d)
            ),
            Blocked::ActorsConflict => f.write_str("both actors conflict"),
        }
    }
}

impl Serialize for Blocked {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Score {
    /// True when the pair may be one incident.
    pub fn joins(&self) -> bool {
        if self.blocked.is_some() || self.total < JOIN {
            return false;
        }
        !self.coarse || (self.actors > 0.0 && self.date >= 0.6)
    }

    /// One line a person can read.
    pub fn explain(&self) -> String {
        let mut s = format!(
            "total {:.2} (type {:.2}, place {:.2}, date {:.2}, actors {:.2}, trigger {:.2})",
            self.total, self.r#type, self.place, self.date, self.actors, self.trigger
        );
        if let Some(km) = self.km {
            s.push_str(&format!("; {km:.1} km"));
        }
        if let Some(d) = self.days {
            s.push_str(&format!("; {d} day(s) apart"));
        }
        if self.coarse {
            s.push_str("; coarse place");
        }
        if let Some(b) = &self.blocked {
            s.push_str(&format!("; blocked: {b}"));
        }
        s
    }
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Similarity of two actor codes: 1 equal, 0.7 one a prefix of the other
/// (or the same sector where one country is unknown, `---MIL` / `SYRMIL`),
/// 0.5 the same country's state forces (GOV / MIL), 0 unknown or an
/// unidentified armed force (`UAF`), −1 conflicting.
pub fn code_sim(a: Option<&str>, b: Option<&str>) -> f64 {
    let (Some(a), Some(b)) = (a, b) else {
        return 0.0;
    };
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    if a.len() >= 3 && b.len() >= 3 && (a.starts_with(b) || b.starts_with(a)) {
        return 0.7;
    }
    fn split(c: &str) -> (&str, &str) {
        let cut = c.char_indices().nth(3).map_or(c.len(), |(i, _)| i);
        (&c[..cut], &c[cut..])
    }
    let ((ca, sa), (cb, sb)) = (split(a), split(b));
    let state = |s: &str| lexicon().prefixed("state_force_sector", s);
    if sa.starts_with("UAF") || sb.starts_with("UAF") {
        return 0.0;
    }
    if ca == "---" || cb == "---" {
        if sa.is_empty() || sb.is_empty() {
            return 0.0;
        }
        if sa == sb || sa.starts_with(sb) || sb.starts_with(sa) {
            return 0.7;
        }
        return if state(sa) && state(sb) { 0.5 } else { -1.0 };
    }
    if ca == cb && state(sa) && state(sb) {
        return 0.5;
    }
    -1.0
}

fn actors(a: &Sig, b: &Sig) -> f64 {
    let side = |x: &Option<String>, y: &Option<String>| code_sim(x.as_deref(), y.as_deref());
    let direct = (side(&a.actor1, &b.actor1) + side(&a.actor2, &b.actor2)) / 2.0;
    let swapped = (side(&a.actor1, &b.actor2) + side(&a.actor2, &b.actor1)) / 2.0;
    // Sides swap only where both sides fight (battles); elsewhere actor1 is
    // the perpetrator and must stay actor1.
    if a.event_type == "Battles" && b.event_type == "Battles" {
        direct.max(swapped)
    } else {
        direct
    }
}

fn type_score(a: &Sig, b: &Sig) -> Option<f64> {
    if !a.event_type.is_empty() && a.event_type == b.event_type {
        return Some(if a.sub_event_type == b.sub_event_type {
            1.0
        } else {
            0.6
        });
    }
    if !a.plover_event.is_empty() && a.plover_event == b.plover_event {
        return Some(if a.event_type.is_empty() && b.event_type.is_empty() {
            0.8
        } else {
            0.4
        });
    }
    // PLOVER events close enough to describe one thing in different words
    // (`plover_family` in data/link/lexicon.tsv).
    let fam = |s: &Sig| lexicon().line_of("plover_family", &s.plover_event);
    if a.event_type.is_empty() && b.event_type.is_empty() && fam(a).is_some() && fam(a) == fam(b) {
        // "Helping", "in support of" and "coordination" name one relation in
        // different words: nearly as strong as the same PLOVER code (0.8).
        return Some(0.7);
    }
    None
}

/// Distance tolerance in km for the coarser of two ACLED geo precisions.
fn km_tolerance(p: u8) -> f64 {
    match p {
        1 => 5.0,
        2 => 25.0,
        _ => 75.0,
    }
}

/// Date tolerance in days for the coarser of two ACLED time precisions.
fn day_tolerance(p: u8) -> i64 {
    match p {
        1 => 1,
        2 => 7,
        _ => 31,
    }
}

fn place(a: &Sig, b: &Sig, out: &mut Score) -> f64 {
    if let (Some(x), Some(y)) = (a.geonameid, b.geonameid) {
        if x == y {
            return 1.0;
        }
    }
    if let (Some(x), Some(y)) = (&a.country, &b.country) {
        if x != y {
            out.blocked = Some(Blocked::Countries(x.clone(), y.clone()));
            return -1.0;
        }
    }
    let country_level = a.where_prec >= 6 || b.where_prec >= 6;
    if a.country.is_none() || b.country.is_none() || country_level {
        out.coarse = true;
        return if a.country.is_some() && b.country.is_some() {
            0.1
        } else {
            0.0
        };
    }
    // A region (admin1, geo_precision 3) holds any town of the same admin1.
    let region = |s: &Sig| s.where_prec >= 4 || s.geo_precision >= 3;
    if region(a) || region(b) {
        return match (&a.admin1, &b.admin1) {
            (Some(x), Some(y)) if x == y => 0.5,
            (Some(x), Some(y)) => {
                out.blocked = Some(Blocked::Admin1(x.clone(), y.clone()));
                -1.0
            }
            _ => 0.1,
        };
    }
    let (Some(la), Some(oa), Some(lb), Some(ob)) = (a.lat, a.lon, b.lat, b.lon) else {
        return match (&a.admin1, &b.admin1) {
            (Some(x), Some(y)) if x == y => 0.4,
            _ => 0.1,
        };
    };
    let km = haversine_km(la, oa, lb, ob);
    out.km = Some(km);
    let tol = km_tolerance(a.geo_precision.max(b.geo_precision));
    if km <= tol {
        1.0 - 0.5 * km / tol
    } else if km <= 3.0 * tol {
        0.5 - 0.5 * (km - tol) / (2.0 * tol)
    } else {
        out.blocked = Some(Blocked::Distance { km, tol });
        -1.0
    }
}

fn date(a: &Sig, b: &Sig, out: &mut Score) -> f64 {
    let (Some(x), Some(y)) = (a.date, b.date) else {
        return 0.0;
    };
    let gap = (x - y).num_days().abs();
    out.days = Some(gap);
    let same_doc = !a.doc.is_empty() && a.doc == b.doc;
    let exact = |s: &Sig| s.time_precision == 1 && !s.date_fallback;
    if same_doc && gap > 0 && exact(a) && exact(b) {
        out.blocked = Some(Blocked::TwoDaysInOneReport);
        return -1.0;
    }
    let mut tol = day_tolerance(a.time_precision.max(b.time_precision));
    // Month-precision dates are the first of the month: compare months.
    if a.time_precision.max(b.time_precision) == 3 && x.year() == y.year() && x.month() == y.month()
    {
        return 0.6;
    }
    if a.date_fallback || b.date_fallback {
        tol = tol.max(2);
    }
    let gap_f = gap as f64;
    let tol_f = tol as f64;
    if gap <= 2 * tol {
        1.0 - 0.4 * gap_f / tol_f
    } else {
        out.blocked = Some(Blocked::DaysApart { gap, tol });
        -1.0
    }
}

/// Score two signatures (an event against an incident, or two events).
pub fn score(a: &Sig, b: &Sig) -> Score {
    let mut out = Score {
        r#type: 0.0,
        place: 0.0,
        date: 0.0,
        actors: 0.0,
        trigger: 0.0,
        total: 0.0,
        blocked: None,
        coarse: false,
        km: None,
        days: None,
    };
    match type_score(a, b) {
        Some(t) => out.r#type = t,
        None => {
            out.blocked = Some(Blocked::Types([
                a.event_type.clone(),
                b.event_type.clone(),
                a.plover_event.clone(),
                b.plover_event.clone(),
            ]));
            out.r#type = -1.0;
        }
    }
    out.place = place(a, b, &mut out);
    out.date = date(a, b, &mut out);
    out.actors = actors(a, b);
    if out.actors <= -1.0 && out.blocked.is_none() {
        // ACLED: one event per actor pair; both sides differ, two events.
        out.blocked = Some(Blocked::ActorsConflict);
    }
    out.trigger = if !a.trigger.is_empty() && a.trigger == b.trigger {
        1.0
    } else {
        0.0
    };
    let f = [out.r#type, out.place, out.date, out.actors, out.trigger];
    out.total = f.iter().zip(WEIGHTS.iter()).map(|(x, w)| x * w).sum();
    if relation(a) && relation(b) && (a.coarse_place() || b.coarse_place()) && out.place >= 0.0 {
        // A relation (aid, support, coordination) between two parties is
        // often reported with no place of its own ("there was coordination
        // between the government and IS"): an unknown place is no evidence
        // either way, so the other features decide, renormalised. `coarse`
        // still demands agreeing actors and close dates.
        let w: f64 = WEIGHTS.iter().sum::<f64>() - WEIGHTS[1];
        out.total = f
            .iter()
            .zip(WEIGHTS.iter())
            .enumerate()
            .filter(|(i, _)| *i != 1)
            .map(|(_, (x, w))| x * w)
            .sum::<f64>()
            / w;
    }
    out
}

/// True for a relation between parties rather than a located happening: a
/// PLOVER event with no ACLED type (aid, support, coordination, …).
fn relation(s: &Sig) -> bool {
    s.event_type.is_empty() && !s.plover_event.is_empty()
}

fn nonempty(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn strike(doc: &str, place: (u64, f64, f64), day: &str, actor1: &str) -> Sig {
        Sig {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Air/drone strike".into(),
            plover_event: "ASSAULT".into(),
            actor1: (!actor1.is_empty()).then(|| actor1.to_string()),
            geonameid: Some(place.0),
            country: Some("SY".into()),
            admin1: Some("09".into()),
            lat: Some(place.1),
            lon: Some(place.2),
            geo_precision: 1,
            where_prec: 1,
            date: parse_date(day).map(|(d, _)| d),
            time_precision: 1,
            trigger: "airstrikes".into(),
            doc: doc.into(),
            ..Sig::default()
        }
    }

    const ALEPPO: (u64, f64, f64) = (170063, 36.2021, 37.1343);
    const AL_BAB: (u64, f64, f64) = (174018, 36.3705, 37.5157);

    #[test]
    fn same_strike_in_two_reports_joins() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let b = strike("b", ALEPPO, "2015-06-01", "SYRMIL");
        let s = score(&a, &b);
        assert!(s.joins(), "{}", s.explain());
        assert!(s.actors > 0.0);
    }

    #[test]
    fn a_day_apart_still_joins_across_reports_but_not_within_one() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let b = strike("b", ALEPPO, "2015-06-02", "SYRGOV");
        assert!(score(&a, &b).joins());
        let c = strike("a", ALEPPO, "2015-06-02", "SYRGOV");
        let s = score(&a, &c);
        assert!(!s.joins(), "{}", s.explain());
        assert!(s.blocked.is_some());
    }

    #[test]
    fn towns_forty_km_apart_are_two_incidents() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let b = strike("b", AL_BAB, "2015-06-01", "SYRGOV");
        let s = score(&a, &b);
        assert!(!s.joins(), "{}", s.explain());
        assert!(s.km.unwrap_or(0.0) > 30.0);
    }

    #[test]
    fn a_week_apart_is_two_incidents() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let b = strike("b", ALEPPO, "2015-06-08", "SYRGOV");
        assert!(!score(&a, &b).joins());
    }

    #[test]
    fn coarse_dates_widen_the_window() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let mut b = strike("b", ALEPPO, "2015-06-05", "SYRGOV");
        assert!(!score(&a, &b).joins());
        b.time_precision = 2;
        assert!(score(&a, &b).joins());
    }

    #[test]
    fn conflicting_perpetrator_penalises_but_one_side_does_not_block() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let b = strike("b", ALEPPO, "2015-06-01", "RUSMIL");
        let s = score(&a, &b);
        assert!(s.actors < 0.0);
        assert!(
            s.joins(),
            "competing perpetrators of one strike: {}",
            s.explain()
        );
        let mut c = b.clone();
        c.actor2 = Some("TURREB".into());
        let mut d = a.clone();
        d.actor2 = Some("SYRCVL".into());
        assert!(!score(&d, &c).joins(), "both sides conflict");
    }

    #[test]
    fn incompatible_types_block() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let mut b = a.clone();
        b.doc = "b".into();
        b.event_type = "Protests".into();
        b.sub_event_type = "Peaceful protest".into();
        b.plover_event = "PROTEST".into();
        assert!(score(&a, &b).blocked.is_some());
    }

    #[test]
    fn country_level_place_needs_agreeing_actors() {
        let a = strike("a", ALEPPO, "2015-06-01", "");
        let mut b = strike("b", ALEPPO, "2015-06-01", "");
        b.geonameid = Some(163843);
        b.where_prec = 6;
        b.geo_precision = 3;
        let s = score(&a, &b);
        assert!(s.coarse);
        assert!(!s.joins(), "{}", s.explain());
        let mut a2 = a.clone();
        a2.actor1 = Some("SYRGOV".into());
        b.actor1 = Some("SYRGOV".into());
        assert!(score(&a2, &b).joins());
    }

    #[test]
    fn a_province_holds_its_towns() {
        let a = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        let mut b = strike("b", (170062, 36.25, 37.5), "2015-06-01", "SYRGOV");
        b.geo_precision = 3;
        b.where_prec = 4;
        let s = score(&a, &b);
        assert_eq!(s.place, 0.5);
        assert!(s.joins());
        b.admin1 = Some("10".into());
        assert!(!score(&a, &b).joins());
    }

    #[test]
    fn unknown_countries_and_unidentified_forces_do_not_conflict() {
        assert_eq!(code_sim(Some("---MIL"), Some("SYRMIL")), 0.7);
        assert_eq!(code_sim(Some("---GOV"), Some("SYRMIL")), 0.5);
        assert_eq!(code_sim(Some("SYRUAF"), Some("SYRREBMUS")), 0.0);
        assert_eq!(code_sim(Some("---CVL"), Some("SYRMIL")), -1.0);
        assert_eq!(code_sim(Some("SYRGOV"), Some("RUSMIL")), -1.0);
        assert_eq!(code_sim(None, Some("RUSMIL")), 0.0);
    }

    #[test]
    fn a_relation_reported_without_a_place_joins_the_located_one() {
        // "air strikes to help IS near Aleppo" / "there was coordination
        // between the government and IS" (no place, publication date).
        let mut help = strike("a", ALEPPO, "2015-06-01", "SYRGOV");
        help.event_type.clear();
        help.sub_event_type.clear();
        help.plover_event = "AID".into();
        help.actor2 = Some("IMGMUSISI".into());
        help.trigger = "helping".into();
        let mut coord = help.clone();
        coord.plover_event = "COOPERATE".into();
        coord.trigger = "coordination".into();
        coord.actor1 = Some("---GOV".into());
        (coord.geonameid, coord.lat, coord.lon, coord.admin1) = (None, None, None, None);
        coord.where_prec = 7;
        coord.geo_precision = 3;
        coord.date = parse_date("2015-06-02").map(|(d, _)| d);
        coord.time_precision = 2;
        coord.date_fallback = true;
        let s = score(&coord, &help);
        assert!(s.coarse && s.joins(), "{}", s.explain());
        // A located happening (a strike) with no place still needs one.
        let mut strike_no_place = strike("b", ALEPPO, "2015-06-01", "SYRGOV");
        (
            strike_no_place.geonameid,
            strike_no_place.lat,
            strike_no_place.lon,
        ) = (None, None, None);
        strike_no_place.admin1 = None;
        strike_no_place.where_prec = 7;
        strike_no_place.trigger = "raid".into();
        let t = score(
            &strike_no_place,
            &strike("a", ALEPPO, "2015-06-01", "SYRMIL"),
        );
        assert!(!t.joins(), "{}", t.explain());
        // Different parties are still different relations.
        let mut other = coord.clone();
        other.actor1 = Some("TURGOV".into());
        other.actor2 = Some("USAGOV".into());
        assert!(!score(&other, &help).joins());
    }

    #[test]
    fn dates_parse_with_precision() {
        assert_eq!(parse_date("2015-06-01").map(|x| x.1), Some(1));
        assert_eq!(parse_date("2015-06-01T10:00").map(|x| x.1), Some(1));
        assert_eq!(parse_date("2015-W23").map(|x| x.1), Some(2));
        assert_eq!(parse_date("2015-06").map(|x| x.1), Some(3));
        assert_eq!(parse_date("PRESENT_REF"), None);
    }

    #[test]
    fn refine_takes_the_more_precise_place_and_date() {
        let mut inc = strike("", ALEPPO, "2015-06-01", "");
        inc.where_prec = 4;
        inc.geo_precision = 3;
        inc.date_fallback = true;
        let e = strike("b", AL_BAB, "2015-05-31", "SYRGOV");
        inc.refine(&e);
        assert_eq!(inc.geonameid, Some(AL_BAB.0));
        assert_eq!(inc.actor1.as_deref(), Some("SYRGOV"));
        assert!(!inc.date_fallback);
    }
}
