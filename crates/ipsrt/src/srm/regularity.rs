//! Diary-based regularity metrics offered alongside the SRM (docs/srm.md#regularity): the Sleep Regularity
//! Index (Phillips et al. 2017) and the non-parametric Interdaily Stability and Intradaily
//! Variability (Witting et al. 1990; Van Someren et al. 1999), with the textbook formulas.
//!
//! From an SRM diary these measure **time-in-bed** regularity (in bed between "to bed" and the
//! next day's "out of bed"), not sleep regularity, and are labelled that way. With one week of
//! data they are weak; always report them with the number of days.
//!
//! ```
//! use ipsrt::srm::regularity::{interdaily_stability, intradaily_variability, sleep_regularity_index};
//!
//! // docs/srm.md#regularity: 7 days × 24 h, asleep 23:00–07:00, except day 3 asleep 01:00–09:00.
//! let mut awake = Vec::new();
//! for day in 0..7 {
//!     for h in 0..24 {
//!         let asleep = if day == 3 { (1..9).contains(&h) } else { h >= 23 || h < 7 };
//!         awake.push(Some(if asleep { 0.0 } else { 1.0 }));
//!     }
//! }
//! assert!((interdaily_stability(&awake, 24).unwrap() - 0.908163).abs() < 1e-6);
//! assert!((intradaily_variability(&awake).unwrap() - 0.431138).abs() < 1e-6);
//! let states: Vec<Option<bool>> = awake.iter().map(|v| v.map(|v| v == 0.0)).collect();
//! assert!((sleep_regularity_index(&states, 24).unwrap().value - 88.889).abs() < 1e-3);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ItemId, Week};

/// A Sleep Regularity Index with the data it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sri {
    /// −100 (reversed) .. 0 (random) .. 100 (perfectly regular).
    pub value: f64,
    /// Epoch pairs 24 h apart where both states were known.
    pub valid_pairs: usize,
    /// Valid pairs divided by epochs per day (days' worth of comparisons).
    pub valid_days: f64,
}

/// Sleep Regularity Index (Phillips et al. 2017): `200·P(same state 24 h apart) − 100`, pooled
/// over every pair of epochs 24 h apart where **both** states are known (`None` = unknown).
/// `None` when no pair is valid or `epochs_per_day` is 0.
pub fn sleep_regularity_index(states: &[Option<bool>], epochs_per_day: usize) -> Option<Sri> {
    if epochs_per_day == 0 || states.len() <= epochs_per_day {
        return None;
    }
    let (mut same, mut valid) = (0usize, 0usize);
    for (a, b) in states.iter().zip(states.iter().skip(epochs_per_day)) {
        if let (Some(a), Some(b)) = (a, b) {
            valid += 1;
            same += usize::from(a == b);
        }
    }
    (valid > 0).then(|| Sri {
        value: 200.0 * same as f64 / valid as f64 - 100.0,
        valid_pairs: valid,
        valid_days: valid as f64 / epochs_per_day as f64,
    })
}

fn complete(x: &[Option<f64>]) -> Option<Vec<f64>> {
    x.iter().copied().collect()
}

/// Interdaily Stability, `IS = n·Σ_h (x̄_h − x̄)² / (p·Σ_i (x_i − x̄)²)` with `p` values per day
/// (textbook form, as GGIR; pyActigraphy's ddof = 1 variant is about 3.7 % higher for a week).
/// `None` when a value is missing, the series is not whole days, or it is constant.
pub fn interdaily_stability(x: &[Option<f64>], per_day: usize) -> Option<f64> {
    let x = complete(x)?;
    let n = x.len();
    if per_day == 0 || n == 0 || n % per_day != 0 {
        return None;
    }
    let mean = x.iter().sum::<f64>() / n as f64;
    let total: f64 = x.iter().map(|v| (v - mean).powi(2)).sum();
    if total == 0.0 {
        return None;
    }
    let days = n / per_day;
    let between: f64 = (0..per_day)
        .map(|h| {
            let m = x.iter().skip(h).step_by(per_day).sum::<f64>() / days as f64;
            (m - mean).powi(2)
        })
        .sum();
    Some(n as f64 * between / (per_day as f64 * total))
}

/// Intradaily Variability, `IV = n·Σ_{i≥2} (x_i − x_{i−1})² / ((n−1)·Σ_i (x_i − x̄)²)`.
/// `None` when a value is missing, fewer than 2 values, or the series is constant.
pub fn intradaily_variability(x: &[Option<f64>]) -> Option<f64> {
    let x = complete(x)?;
    let n = x.len();
    if n < 2 {
        return None;
    }
    let mean = x.iter().sum::<f64>() / n as f64;
    let total: f64 = x.iter().map(|v| (v - mean).powi(2)).sum();
    if total == 0.0 {
        return None;
    }
    let diffs: f64 = x.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    Some(n as f64 * diffs / ((n - 1) as f64 * total))
}

/// Time-in-bed regularity of consecutive diary windows, labelled as such.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeInBedRegularity {
    /// First day of the hourly series.
    pub start: NaiveDate,
    /// Days covered.
    pub days: usize,
    /// SRI on the hourly in-bed indicator (time in bed, not sleep).
    pub sri: Option<Sri>,
    /// IS on the hourly in-bed indicator; `None` when any hour is unknown.
    pub interdaily_stability: Option<f64>,
    /// IV on the hourly in-bed indicator; `None` when any hour is unknown.
    pub intradaily_variability: Option<f64>,
    /// Always `"time_in_bed"`: these come from diary bed/rise times, not from sleep.
    pub measures: String,
}

/// The hourly in-bed indicator of consecutive windows (`Some(true)` = in bed at the middle of
/// the hour, `None` = unknown). In bed from day `d`'s "to bed" (a bedtime before 12:00 is after
/// midnight, on the next calendar day) until day `d+1`'s "out of bed"; out of bed from a day's
/// "out of bed" to its "to bed". Hours not covered by two known times are unknown.
pub fn hourly_in_bed(weeks: &[Week]) -> Vec<Option<bool>> {
    let mut rise: Vec<Option<i64>> = Vec::new();
    let mut bed: Vec<Option<i64>> = Vec::new();
    for w in weeks {
        for d in 0..7 {
            let base = (rise.len() as i64) * 1440;
            rise.push(w.status(ItemId::OutOfBed, d).time().map(|t| base + i64::from(t.minutes())));
            bed.push(w.status(ItemId::ToBed, d).time().map(|t| {
                let m = i64::from(t.minutes());
                base + if m < 720 { m + 1440 } else { m }
            }));
        }
    }
    let days = rise.len();
    let mut out = vec![None; days * 24];
    for (h, slot) in out.iter_mut().enumerate() {
        let t = h as i64 * 60 + 30;
        let d = h / 24;
        // In bed after the previous day's bedtime until today's rise?
        let prev_bed = d.checked_sub(1).and_then(|p| bed.get(p).copied().flatten());
        let today_rise = rise.get(d).copied().flatten();
        let today_bed = bed.get(d).copied().flatten();
        let next_rise = rise.get(d + 1).copied().flatten();
        *slot = match (prev_bed, today_rise, today_bed, next_rise) {
            (_, Some(r), Some(b), _) if t >= r && t < b => Some(false),
            (Some(pb), Some(r), _, _) if t >= pb && t < r => Some(true),
            (_, _, Some(b), Some(nr)) if t >= b && t < nr => Some(true),
            _ => None,
        };
    }
    out
}

/// SRI, IS and IV of the in-bed indicator of consecutive windows (see [`hourly_in_bed`]).
pub fn time_in_bed_regularity(weeks: &[Week]) -> Option<TimeInBedRegularity> {
    let start = weeks.first()?.start();
    let states = hourly_in_bed(weeks);
    let values: Vec<Option<f64>> = states.iter().map(|s| s.map(|b| if b { 1.0 } else { 0.0 })).collect();
    Some(TimeInBedRegularity {
        start,
        days: weeks.len() * 7,
        sri: sleep_regularity_index(&states, 24),
        interdaily_stability: interdaily_stability(&values, 24),
        intradaily_variability: intradaily_variability(&values),
        measures: "time_in_bed".to_owned(),
    })
}
