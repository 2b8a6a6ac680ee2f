//! Regularity metrics offered alongside the SRM (the core's `ipsrt::srm::regularity`): the
//! Sleep Regularity Index (SRI) and the non-parametric Interdaily Stability (IS) and
//! Intradaily Variability (IV), on a series the app has (an actigraphy export, a sleep
//! tracker) or on an SRM diary's time in bed. From a diary they measure **time in bed**, not
//! sleep, and say so; with one week of data they are weak, so report them with the days.
//!
//! ```
//! // Asleep 23:00–07:00 every day for a week: perfectly regular.
//! let states: Vec<Option<bool>> = (0..7 * 24).map(|h| Some(h % 24 >= 23 || h % 24 < 7)).collect();
//! let sri = ipsrt_ffi::srm_regularity::srm_sleep_regularity_index(states, 24).unwrap().unwrap();
//! assert_eq!(sri.value, 100.0);
//! assert_eq!(sri.valid_pairs, 144);
//! ```

use crate::bridge::unsigned;
use crate::error::{IpsrtError, guard};
use crate::srm::SrmDiary;
use crate::time::LocalDate;
use ipsrt::srm::regularity as core;

/// A Sleep Regularity Index with the data it rests on.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SleepRegularityIndex {
    /// −100 (reversed) .. 0 (random) .. 100 (perfectly regular).
    pub value: f64,
    /// Epoch pairs 24 h apart where both states were known.
    pub valid_pairs: i64,
    /// Valid pairs divided by epochs per day (days' worth of comparisons).
    pub valid_days: f64,
}

fn sri(s: &core::Sri) -> SleepRegularityIndex {
    SleepRegularityIndex {
        value: s.value,
        valid_pairs: i64::try_from(s.valid_pairs).unwrap_or(i64::MAX),
        valid_days: s.valid_days,
    }
}

/// Time-in-bed regularity of consecutive diary weeks (SRI, IS, IV of the hourly in-bed
/// indicator), labelled as time in bed.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TimeInBedRegularity {
    /// First day of the hourly series.
    pub start: LocalDate,
    /// Days covered.
    pub days: i64,
    /// SRI of the in-bed indicator (time in bed, not sleep); absent when no pair of hours 24 h
    /// apart is known.
    pub sri: Option<SleepRegularityIndex>,
    /// IS of the in-bed indicator; absent when any hour is unknown.
    pub interdaily_stability: Option<f64>,
    /// IV of the in-bed indicator; absent when any hour is unknown.
    pub intradaily_variability: Option<f64>,
    /// Always `"time_in_bed"`: these come from diary bed and rise times, not from sleep.
    pub measures: String,
}

fn per_day(value: i32, what: &str) -> Result<usize, IpsrtError> {
    let n: u32 = unsigned(i64::from(value), what)?;
    usize::try_from(n).map_err(|_| IpsrtError::InvalidInput(format!("{what} {value} is too large")))
}

/// Sleep Regularity Index (Phillips et al. 2017) of a sleep/wake series (`true` = asleep,
/// `null` = unknown) with `epochs_per_day` epochs a day: `200·P(same state 24 h apart) − 100`
/// over the pairs where both states are known. Null when no pair is known or
/// `epochs_per_day` is 0; a negative `epochs_per_day` is `InvalidInput`.
#[uniffi::export]
pub fn srm_sleep_regularity_index(
    states: Vec<Option<bool>>,
    epochs_per_day: i32,
) -> Result<Option<SleepRegularityIndex>, IpsrtError> {
    guard(|| {
        let n = per_day(epochs_per_day, "epochs_per_day")?;
        Ok(core::sleep_regularity_index(&states, n).as_ref().map(sri))
    })
}

/// Interdaily Stability of a series with `per_day` values a day (null = unknown value). Null
/// when any value is unknown, the series is not whole days (or `per_day` is 0) or it is constant.
#[uniffi::export]
pub fn srm_interdaily_stability(x: Vec<Option<f64>>, per_day: i32) -> Result<Option<f64>, IpsrtError> {
    guard(|| {
        let n = self::per_day(per_day, "per_day")?;
        Ok(core::interdaily_stability(&x, n))
    })
}

/// Intradaily Variability of a series (null = unknown value). Null when any value is unknown,
/// the series is too short or constant.
#[uniffi::export]
pub fn srm_intradaily_variability(x: Vec<Option<f64>>) -> Result<Option<f64>, IpsrtError> {
    guard(|| Ok(core::intradaily_variability(&x)))
}

fn diary_weeks(diary: &SrmDiary, start: LocalDate, weeks: i32) -> Result<Vec<ipsrt::srm::Week>, IpsrtError> {
    let n: u32 = unsigned(i64::from(weeks), "weeks")?;
    if n == 0 || n > 520 {
        return Err(IpsrtError::InvalidInput(format!(
            "weeks {weeks} is out of range: give 1 to 520 consecutive weeks (ten years)"
        )));
    }
    diary.state.read(|d| {
        (0..n)
            .map(|k| {
                start.checked_add_days(chrono::Days::new(7 * u64::from(k))).map(|s| d.week_starting(s)).ok_or_else(
                    || IpsrtError::InvalidInput(format!("{weeks} weeks from {start} run past the calendar")),
                )
            })
            .collect()
    })
}

#[uniffi::export]
impl SrmDiary {
    /// The hourly in-bed indicator of `weeks` consecutive 7-day windows from `start` (`true` =
    /// in bed at the middle of the hour, null = unknown): in bed from a day's "to bed" (before
    /// 12:00 means after midnight) to the next day's "out of bed".
    pub fn hourly_in_bed(&self, start: LocalDate, weeks: i32) -> Result<Vec<Option<bool>>, IpsrtError> {
        guard(|| Ok(core::hourly_in_bed(&diary_weeks(self, start, weeks)?)))
    }

    /// SRI, IS and IV of the diary's time in bed over `weeks` consecutive 7-day windows from
    /// `start` (1–520).
    pub fn time_in_bed_regularity(
        &self,
        start: LocalDate,
        weeks: i32,
    ) -> Result<Option<TimeInBedRegularity>, IpsrtError> {
        guard(|| {
            Ok(core::time_in_bed_regularity(&diary_weeks(self, start, weeks)?).map(|r| TimeInBedRegularity {
                start: r.start,
                days: i64::try_from(r.days).unwrap_or(i64::MAX),
                sri: r.sri.as_ref().map(sri),
                interdaily_stability: r.interdaily_stability,
                intradaily_variability: r.intradaily_variability,
                measures: r.measures,
            }))
        })
    }
}
