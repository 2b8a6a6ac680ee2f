//! Scoring options: one serialisable value that records exactly how a study scored its SRM
//! diaries. [`ScoringOptions::default`] is the recommended default (docs/srm.md#scoring).
//!
//! ```
//! use ipsrt::persist::{from_json, to_json};
//! use ipsrt::srm::{ScoringOptions, SdKind};
//!
//! let ray = ScoringOptions { sd_floor_min: Some(10), ..ScoringOptions::default() };
//! ray.validate()?;
//! let saved = to_json(&ray);
//! let back: ScoringOptions = from_json(&saved)?;
//! assert_eq!(back, ray);
//! assert_eq!(back.sd, SdKind::Sample);
//! assert_eq!(ScoringOptions::default().trim_factor.map(|f| f.as_f64()), Some(1.5));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::SrmError;
use crate::persist::Persist;

/// The outlier-trimming factor `f` (values farther than `f·SD` from the mean are excluded),
/// held exactly as a fraction in thousandths so the comparison can be done in integers.
///
/// Serialised as a JSON number (`1.5`); at most three decimals, from 0.001 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TrimFactor {
    num: u32,
    den: u32,
}

impl TrimFactor {
    /// The default 1.5.
    pub const DEFAULT: TrimFactor = TrimFactor { num: 3, den: 2 };

    /// A factor of `thousandths / 1000`, `1..=10_000`.
    pub fn from_thousandths(thousandths: u32) -> Result<TrimFactor, SrmError> {
        if !(1..=10_000).contains(&thousandths) {
            return Err(SrmError::InvalidOption {
                field: "trim_factor",
                detail: format!("{} is outside 0.001..=10", f64::from(thousandths) / 1000.0),
            });
        }
        let g = gcd(thousandths, 1000);
        Ok(TrimFactor { num: thousandths / g, den: 1000 / g })
    }

    /// A factor from a decimal with at most three decimals (`1.5`, `2`, `1.25`).
    pub fn from_f64(value: f64) -> Result<TrimFactor, SrmError> {
        let scaled = value * 1000.0;
        let rounded = scaled.round();
        if !value.is_finite() || (scaled - rounded).abs() > 1e-6 || !(1.0..=10_000.0).contains(&rounded) {
            return Err(SrmError::InvalidOption {
                field: "trim_factor",
                detail: format!("{value} is not a number from 0.001 to 10 with at most three decimals"),
            });
        }
        TrimFactor::from_thousandths(rounded as u32)
    }

    /// The factor as a float.
    pub fn as_f64(self) -> f64 {
        f64::from(self.num) / f64::from(self.den)
    }

    /// The exact fraction `(numerator, denominator)` in lowest terms.
    pub fn ratio(self) -> (u32, u32) {
        (self.num, self.den)
    }
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Default for TrimFactor {
    fn default() -> Self {
        TrimFactor::DEFAULT
    }
}

impl fmt::Display for TrimFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_f64())
    }
}

impl Serialize for TrimFactor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for TrimFactor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TrimFactor::from_f64(f64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Which standard deviation the trimming step (and the SD floor) uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SdKind {
    /// Sample SD, denominator n − 1 (RAY and MoodRhythm; the default).
    #[default]
    Sample,
    /// Population SD, denominator n (fails 2 of the 7 RAY fixtures; offered for comparison).
    Population,
}

/// What a hit is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitReference {
    /// The habitual time (mean of the kept values): the SRM as published.
    #[default]
    Habitual,
    /// **Non-standard**: the SRM-II-5 target time. Counts done occurrences within the hit
    /// window of the item's target ("adherence to target"); it is not the SRM.
    Target,
}

/// Which values can be hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitValues {
    /// Only the values kept after trimming (RAY and MoodRhythm; the default, docs/srm.md#scoring).
    #[default]
    Kept,
    /// Every done value, excluded ones too, measured against the habitual time of the kept
    /// values: the "hits on all values" column of docs/srm.md#golden-cases (fails RAY fixture 217844_5.2).
    All,
}

/// How a diary is cut into 7-day windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Windows {
    /// Consecutive, non-overlapping 7-day blocks (Monk 1997; the default).
    #[default]
    Blocks,
    /// A 7-day window starting on every diary day (MoodRhythm's rolling SRM).
    Rolling,
}

/// Where the first 7-day window of a diary starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekAnchor {
    /// On the first day that has any entry (the default).
    #[default]
    FirstDiaryDay,
    /// On the last Monday on or before the first diary day.
    Monday,
    /// On the last Sunday on or before the first diary day (the SRM-II-5 sheet runs Sunday to
    /// Saturday).
    Sunday,
}

/// How SRM diaries are scored. One value, serialisable, so a study records exactly how it
/// scored (implements [`Persist`] as `ipsrt.srm_scoring_options`).
///
/// The default reproduces every case of docs/srm.md#golden-cases and the RAY fixtures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringOptions {
    /// A kept value is a hit when it is within this many minutes of the reference,
    /// inclusive. Default 45 (Monk 1990). `0..=720`.
    pub hit_window_min: u16,
    /// Exclude values farther than `trim_factor · SD` from the mean, inclusive keep. Default
    /// 1.5; `None` disables trimming (the plain-mean variant of some secondary summaries).
    pub trim_factor: Option<TrimFactor>,
    /// Sample (n − 1, default) or population SD.
    pub sd: SdKind,
    /// Skip trimming when SD ≤ this many minutes, **inclusive** (docs/srm.md#scoring: the floor applies
    /// iff `n·Q − S² ≤ F²·n·(n−1)`). Default none. RAY skips at SD ≤ 10 min, which is
    /// `Some(10)` exactly. MoodRhythm skips at SD **<** 30 min (strict), so `Some(30)` differs
    /// from it when the SD is exactly 30 min (07:00, 07:10, 07:10, 07:30, 08:15: here trimming
    /// is skipped, MoodRhythm trims 08:15); no whole-minute floor reproduces the strict rule.
    pub sd_floor_min: Option<u16>,
    /// An item counts when it was done at least this many days in the window. Default 3;
    /// `1..=7`.
    pub min_occurrences: u8,
    /// What hits are measured against. Default the habitual time.
    pub reference: HitReference,
    /// Which values can be hits: the kept values (default) or all values. Absent in JSON =
    /// kept (version 1 files had no such field).
    #[serde(default)]
    pub hit_values: HitValues,
    /// 7-day blocks (default) or rolling windows.
    pub windows: Windows,
    /// Where the first window starts. Default the first diary day.
    pub week_anchor: WeekAnchor,
}

impl Default for ScoringOptions {
    fn default() -> Self {
        ScoringOptions {
            hit_window_min: 45,
            trim_factor: Some(TrimFactor::DEFAULT),
            sd: SdKind::Sample,
            sd_floor_min: None,
            min_occurrences: 3,
            reference: HitReference::Habitual,
            hit_values: HitValues::Kept,
            windows: Windows::Blocks,
            week_anchor: WeekAnchor::FirstDiaryDay,
        }
    }
}

impl ScoringOptions {
    /// Checks every field's range.
    pub fn validate(&self) -> Result<(), SrmError> {
        if self.hit_window_min > 720 {
            return Err(SrmError::InvalidOption {
                field: "hit_window_min",
                detail: format!("{} minutes is more than 720 (half a day)", self.hit_window_min),
            });
        }
        if let Some(f) = self.sd_floor_min
            && f > 720
        {
            return Err(SrmError::InvalidOption {
                field: "sd_floor_min",
                detail: format!("{f} minutes is more than 720 (half a day)"),
            });
        }
        if !(1..=7).contains(&self.min_occurrences) {
            return Err(SrmError::InvalidOption {
                field: "min_occurrences",
                detail: format!("{} is outside 1..=7 (days in a week)", self.min_occurrences),
            });
        }
        Ok(())
    }

    /// Where each scoring rule and default number comes from (hit window, ≥ 3 occurrences,
    /// trimming, SD kind and floor, midnight unwrap, mean of weekly scores, ALI).
    pub fn sources() -> Vec<crate::source::Cited<&'static str>> {
        use crate::source::{Cited, Evidence, Source};
        vec![
            Cited::new(
                "hit = within 45 min of the habitual time; items done ≥ 3 times count",
                Source::new(
                    "MONK-1990",
                    "scoring, via secondary summaries (docs/srm.md#scoring)",
                    Evidence::ManualRecalled,
                ),
            ),
            Cited::new(
                "SRM range 0–7; ALI = activities done per week; multi-week = mean of weekly scores",
                Source::new("MONK-1997", "abstract", Evidence::Verified),
            ),
            Cited::new(
                "exclude values beyond 1.5 sample SD; only kept values can be hits",
                Source::new(
                    "RAY-SRM",
                    "fixtures and paper example (docs/srm.md#options, docs/srm.md#golden-cases)",
                    Evidence::Checked,
                ),
            ),
            Cited::new(
                "SD floor 30 min, rolling windows",
                Source::new("MOODRHYTHM", "anvil/circadian.py (docs/srm.md#options)", Evidence::Checked),
            ),
            Cited::new(
                "circular unwrap around the circular mean; exact integer ties; not scorable instead of 0",
                Source::new("ipsrt-design", "docs/srm.md#scoring, docs/srm.md#midnight; docs/srm.md", Evidence::Design),
            ),
            Cited::new("SRM-5 items", Source::new("MONK-2002", "p. 1", Evidence::Verified)),
            Cited::new(
                "SRM-II-5 target times, People codes 0–3, mood −5..+5",
                Source::new("FRANK-2005", "IPSRT form (docs/srm.md#forms)", Evidence::ManualRecalled),
            ),
        ]
    }

    /// Whether these options score the SRM as published (habitual reference). Target
    /// adherence is labelled non-standard.
    pub fn is_standard_srm(&self) -> bool {
        self.reference == HitReference::Habitual
    }
}

impl Persist for ScoringOptions {
    const SCHEMA: &'static str = "ipsrt.srm_scoring_options";
    const VERSION: u32 = 2;

    /// Version 1 had no `hit_values` (every value was scored as `kept`).
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                let obj = data.as_object_mut().ok_or("expected an object of scoring options")?;
                obj.entry("hit_values").or_insert_with(|| serde_json::Value::String("kept".to_owned()));
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.validate().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_factor_is_exact() {
        assert_eq!(TrimFactor::from_f64(1.5).unwrap().ratio(), (3, 2));
        assert_eq!(TrimFactor::from_f64(2.0).unwrap().ratio(), (2, 1));
        assert_eq!(TrimFactor::from_f64(1.25).unwrap().ratio(), (5, 4));
        assert!(TrimFactor::from_f64(1.2345).is_err());
        assert!(TrimFactor::from_f64(0.0).is_err());
        assert!(TrimFactor::from_f64(f64::NAN).is_err());
        assert!(TrimFactor::from_f64(11.0).is_err());
    }

    #[test]
    fn options_validate() {
        assert!(ScoringOptions::default().validate().is_ok());
        for c in ScoringOptions::sources() {
            assert!(c.source.reference().is_some(), "unknown reference key {}", c.source.key);
        }
        let bad = ScoringOptions { min_occurrences: 0, ..ScoringOptions::default() };
        assert!(bad.validate().is_err());
        let bad = ScoringOptions { hit_window_min: 721, ..ScoringOptions::default() };
        assert!(bad.validate().is_err());
        let json = serde_json::to_string(&ScoringOptions::default()).unwrap();
        assert_eq!(
            json,
            r#"{"hit_window_min":45,"trim_factor":1.5,"sd":"sample","sd_floor_min":null,"min_occurrences":3,"reference":"habitual","hit_values":"kept","windows":"blocks","week_anchor":"first_diary_day"}"#
        );
    }
}
