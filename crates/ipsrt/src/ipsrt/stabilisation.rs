//! The stabilisation criterion that ends acute IPSRT treatment, as a protocol value.
//!
//! The MTBD trial's criterion (docs/ipsrt.md#stabilisation-criterion): **4 weeks with HRSD-24 averaging < 7 and a
//! Bech-Rafaelsen Mania Scale score < 7, on a stable medication regimen.** A study or clinic may
//! use other scales or numbers; the criterion is a value with its source, not a constant.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsrtError;
use crate::source::{Cited, Evidence, Source};

/// One week's ratings: raw totals from the host's scored measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyRating {
    /// First day of the rated week.
    pub week_start: NaiveDate,
    /// Depression rating (HRSD-24 total in MTBD).
    pub depression: f64,
    /// Mania rating (Bech-Rafaelsen Mania Scale total in MTBD).
    pub mania: f64,
    /// Whether the medication regimen was unchanged that week.
    pub medication_stable: bool,
}

/// A stabilisation criterion: `weeks` consecutive weekly ratings with a mean depression score
/// below `depression_mean_below`, every mania score below `mania_below` and, if required,
/// stable medication throughout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StabilisationCriterion {
    /// Consecutive weeks required.
    pub weeks: Cited<u32>,
    /// The depression scale the numbers refer to.
    pub depression_scale: String,
    /// The mean depression score must be below this.
    pub depression_mean_below: Cited<f64>,
    /// The mania scale the numbers refer to.
    pub mania_scale: String,
    /// Every week's mania score must be below this.
    pub mania_below: Cited<f64>,
    /// Whether the medication regimen must be stable in every week of the window.
    pub requires_stable_medication: bool,
}

impl StabilisationCriterion {
    /// The MTBD trial's criterion.
    pub fn mtbd() -> Self {
        let src = || {
            Source::new(
                "MTBD",
                "4 weeks with HRSD-24 averaging < 7 and Bech-Rafaelsen Mania Scale < 7 on a stable medication regimen",
                Evidence::Verified,
            )
        };
        StabilisationCriterion {
            weeks: Cited::new(4, src()),
            depression_scale: "HRSD-24".into(),
            depression_mean_below: Cited::new(7.0, src()),
            mania_scale: "Bech-Rafaelsen Mania Scale".into(),
            mania_below: Cited::new(7.0, src()),
            requires_stable_medication: true,
        }
    }

    /// Checks the values: 1–52 weeks, finite positive thresholds.
    pub fn validate(&self) -> Result<(), IpsrtError> {
        if !(1..=52).contains(&self.weeks.value) {
            return Err(IpsrtError::InvalidPlanValue { what: "weeks", value: i64::from(self.weeks.value) });
        }
        for (what, v) in
            [("depression_mean_below", self.depression_mean_below.value), ("mania_below", self.mania_below.value)]
        {
            if !(v.is_finite() && v > 0.0) {
                return Err(IpsrtError::InvalidPlanValue { what, value: v as i64 });
            }
        }
        Ok(())
    }

    /// Evaluates weekly ratings (in any order; each week once). Weeks must be 7 days apart to
    /// count as consecutive; a missing week breaks the run.
    pub fn evaluate(&self, ratings: &[WeeklyRating]) -> Result<StabilisationResult, IpsrtError> {
        self.validate()?;
        let mut sorted: Vec<WeeklyRating> = ratings.to_vec();
        for r in &sorted {
            if !(r.depression.is_finite() && r.depression >= 0.0 && r.mania.is_finite() && r.mania >= 0.0) {
                return Err(IpsrtError::InvalidRating { week_start: r.week_start });
            }
        }
        sorted.sort_by_key(|r| r.week_start);
        if let Some(w) = sorted.windows(2).find(|w| matches!(w, [a, b] if a.week_start == b.week_start)) {
            return Err(IpsrtError::DuplicateWeek { week_start: w.first().map_or(NaiveDate::MIN, |r| r.week_start) });
        }
        let n = self.weeks.value as usize;
        for window in sorted.windows(n) {
            let consecutive = window.windows(2).all(|p| match p {
                [a, b] => (b.week_start - a.week_start).num_days() == 7,
                _ => true,
            });
            let per_week_ok = window
                .iter()
                .all(|r| r.mania < self.mania_below.value && (!self.requires_stable_medication || r.medication_stable));
            let mean = window.iter().map(|r| r.depression).sum::<f64>() / n as f64;
            if consecutive && per_week_ok && mean < self.depression_mean_below.value {
                return Ok(StabilisationResult {
                    met: true,
                    window_start: window.first().map(|r| r.week_start),
                    met_on: window.last().map(|r| r.week_start + chrono::Duration::days(6)),
                    depression_mean: Some(mean),
                });
            }
        }
        Ok(StabilisationResult { met: false, window_start: None, met_on: None, depression_mean: None })
    }
}

/// The outcome of [`StabilisationCriterion::evaluate`]: the first window that meets it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StabilisationResult {
    /// Whether the criterion is met.
    pub met: bool,
    /// First week of the first qualifying window.
    pub window_start: Option<NaiveDate>,
    /// The last day of that window (the day stabilisation is reached).
    pub met_on: Option<NaiveDate>,
    /// The window's mean depression score.
    pub depression_mean: Option<f64>,
}
