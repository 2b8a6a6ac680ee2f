//! Weekly SRM scoring (docs/srm.md#scoring): the score of one 7-day window with per-item detail, and the
//! multi-week value (mean of weekly scores, Monk 1997).
//!
//! ```
//! use ipsrt::srm::{score_week, Form, ItemId, ScoringOptions, Status, Week};
//!
//! // docs/srm.md#golden-cases case B: bedtimes around midnight.
//! let mut week = Week::new(Form::Srm5, "2026-01-05".parse()?);
//! for (day, t) in ["23:30", "23:50", "00:10", "00:30", "23:40", "00:05", "01:30"].iter().enumerate() {
//!     week.set(ItemId::ToBed, day, Status::Done(t.parse()?))?;
//! }
//! let s = score_week(&week, &ScoringOptions::default())?;
//! assert_eq!((s.hits, s.counted_items), (6, 1));
//! assert_eq!(s.score, Some(6.0));
//! let bed = s.item(ItemId::ToBed).unwrap();
//! assert_eq!(bed.habitual.map(|t| t.to_string()).as_deref(), Some("23:58"));
//! assert_eq!(bed.excluded.iter().map(|t| t.to_string()).collect::<Vec<_>>(), ["01:30"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kernel::{ItemOutcome, Params, score_item};
use super::options::{HitReference, ScoringOptions};
use super::week::{DAYS, Week};
use super::{ItemId, SrmError};
use crate::time::ClockTime;

/// What happened to one day's value of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOutcome {
    /// Not done or not recorded.
    NoOccurrence,
    /// Done, but the item was done on too few days to count.
    NotCounted,
    /// Excluded as an outlier (beyond trim factor × SD).
    Excluded,
    /// Kept, but outside the hit window.
    Miss,
    /// A hit.
    Hit,
}

/// Per-item detail of a scored week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    /// The activity.
    pub item: ItemId,
    /// Days it was done.
    pub n: u8,
    /// Whether it counts (done on at least `min_occurrences` days).
    pub counted: bool,
    /// Values kept after trimming.
    pub kept: u8,
    /// Hits.
    pub hits: u8,
    /// The habitual time (mean of the kept values), rounded to the minute, when counted.
    pub habitual: Option<ClockTime>,
    /// The habitual time in fractional minutes after midnight, `[0, 1440)`, when counted.
    pub habitual_minutes: Option<f64>,
    /// The SD of all n (unwrapped) values, of the kind in the options, when counted.
    pub sd_minutes: Option<f64>,
    /// Whether the SD floor switched trimming off.
    pub floor_applied: bool,
    /// The values excluded as outliers, in day order.
    pub excluded: Vec<ClockTime>,
    /// Per day: hit, miss, excluded, not counted or no occurrence.
    pub days: [DayOutcome; DAYS],
    /// The target time used, under the (non-standard) target reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ClockTime>,
}

/// The score of one 7-day window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekScore {
    /// First day of the window.
    pub start: NaiveDate,
    /// `hits / counted_items`, or `None` when no item counts (not scorable; never 0).
    pub score: Option<f64>,
    /// Total hits over counted items.
    pub hits: u32,
    /// Items done on at least `min_occurrences` days.
    pub counted_items: u32,
    /// Activity Level Index: done occurrences over all items (Monk 1997).
    pub ali: u32,
    /// Days with anything written.
    pub days_recorded: u8,
    /// What hits were measured against; `target` is non-standard (not the SRM).
    pub reference: HitReference,
    /// Per-item detail, in form order.
    pub items: Vec<ItemScore>,
}

impl WeekScore {
    /// The detail of one item.
    pub fn item(&self, item: ItemId) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.item == item)
    }

    /// The score, or [`SrmError::NotScorable`] when no item counts.
    pub fn try_score(&self) -> Result<f64, SrmError> {
        self.score.ok_or(SrmError::NotScorable { start: self.start })
    }
}

pub(crate) fn ratio(hits: u32, counted: u32) -> Option<f64> {
    (counted > 0).then(|| f64::from(hits) / f64::from(counted))
}

/// Scores one 7-day window.
///
/// Fails when the options are invalid, or when the target reference is asked for and a
/// counted item has no target time.
pub fn score_week(week: &Week, options: &ScoringOptions) -> Result<WeekScore, SrmError> {
    options.validate()?;
    let params = Params::new(options);
    let population = options.sd == super::options::SdKind::Population;
    let mut items = Vec::with_capacity(week.items().len());
    let (mut hits, mut counted, mut ali) = (0u32, 0u32, 0u32);
    for iw in week.items() {
        let mut vals = [0i32; DAYS];
        let mut present = 0u8;
        for (d, s) in iw.days.iter().enumerate() {
            if let Some(t) = s.time() {
                vals[d] = i32::from(t.minutes());
                present |= 1 << d;
            }
        }
        let target = week.form().target(iw.item);
        if params.target_reference() && target.is_none() && present.count_ones() >= u32::from(options.min_occurrences) {
            return Err(SrmError::MissingTarget { item: iw.item });
        }
        let out = score_item(&vals, present, &params, target.map(|t| i32::from(t.minutes())));
        ali += out.n();
        if out.counted {
            counted += 1;
            hits += out.hit_count();
        }
        items.push(item_detail(iw.item, &iw.days, &out, population, target.filter(|_| params.target_reference())));
    }
    Ok(WeekScore {
        start: week.start(),
        score: ratio(hits, counted),
        hits,
        counted_items: counted,
        ali,
        days_recorded: week.days_recorded(),
        reference: options.reference,
        items,
    })
}

fn item_detail(
    item: ItemId,
    days: &[super::Status; DAYS],
    out: &ItemOutcome,
    population: bool,
    target: Option<ClockTime>,
) -> ItemScore {
    let mut outcome = [DayOutcome::NoOccurrence; DAYS];
    let mut excluded = Vec::new();
    for (d, (slot, status)) in outcome.iter_mut().zip(days).enumerate() {
        let bit = 1u8 << d;
        if out.present & bit == 0 {
            continue;
        }
        if out.counted
            && out.kept & bit == 0
            && let Some(t) = status.time()
        {
            // Excluded from the habitual time (with hits on all values it may still be a hit).
            excluded.push(t);
        }
        *slot = if !out.counted {
            DayOutcome::NotCounted
        } else if out.hits & bit != 0 {
            DayOutcome::Hit
        } else if out.kept & bit != 0 {
            DayOutcome::Miss
        } else {
            DayOutcome::Excluded
        };
    }
    let habitual_minutes = out.habitual();
    ItemScore {
        item,
        n: out.n() as u8,
        counted: out.counted,
        kept: if out.counted { out.kept.count_ones() as u8 } else { 0 },
        hits: out.hit_count() as u8,
        habitual: habitual_minutes.and_then(ClockTime::from_minutes_f64_wrapped),
        habitual_minutes,
        sd_minutes: out.sd(population),
        floor_applied: out.floor_applied,
        excluded,
        days: outcome,
        target,
    }
}

/// Scores of several windows and their multi-week value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodScore {
    /// The weekly scores, in window order.
    pub weeks: Vec<WeekScore>,
    /// The mean of the scorable weekly scores (Monk 1997: not a score over pooled times);
    /// `None` when no week is scorable.
    pub mean_score: Option<f64>,
    /// How many weeks were scorable.
    pub scorable_weeks: u32,
    /// Mean ALI over all windows.
    pub mean_ali: Option<f64>,
}

impl PeriodScore {
    /// Combines weekly scores.
    pub fn from_weeks(weeks: Vec<WeekScore>) -> PeriodScore {
        let scores: Vec<f64> = weeks.iter().filter_map(|w| w.score).collect();
        let mean_score = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        let mean_ali =
            (!weeks.is_empty()).then(|| weeks.iter().map(|w| f64::from(w.ali)).sum::<f64>() / weeks.len() as f64);
        PeriodScore { scorable_weeks: scores.len() as u32, mean_score, mean_ali, weeks }
    }
}

/// Scores several windows (for example [`super::Diary::weeks`]) and their mean.
pub fn score_weeks(weeks: &[Week], options: &ScoringOptions) -> Result<PeriodScore, SrmError> {
    let scored = weeks.iter().map(|w| score_week(w, options)).collect::<Result<Vec<_>, _>>()?;
    Ok(PeriodScore::from_weeks(scored))
}
