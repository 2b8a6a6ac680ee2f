//! Score series: the dated totals of one instrument, each read against a baseline — band,
//! change, percent change, response and remission (where the instrument has a cited
//! definition), and the Jacobson–Truax reliable change index with its marker. This is what a
//! clinician's chart draws.
//!
//! A [`ScoreSeries`] is validated when it is built (one instrument, totals inside its range, no
//! two scores on one date) and keeps its points sorted by date, so the order the scores were
//! given in never changes the result. [`ScoreSeries::evaluate`] turns it into a
//! [`SeriesReport`]; nothing is judged without a cited rule: an instrument without a published
//! response rule, remission cut-off or reliability figures gets "not defined", never a guess.
//!
//! **Reliable change** (JACOBSON-TRUAX-1991): `RC = (x2 − x1) / S_diff` with
//! `S_diff = √2 · SD · √(1 − r)`, where SD is the standard deviation of a clinical sample and
//! `r` the instrument's reliability; `|RC| > 1.96` is a change larger than measurement error
//! would give 95 % of the time. The published figures ship for the PHQ-9
//! ([`ReliableChangeParams::published`]); a caller may pass its own
//! ([`SeriesOptions::reliable_change`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::measures::InstrumentId;
//! use ipsrt::measures::series::{Judgement, ReliableChange, ScoreSeries, SeriesOptions, SeriesPoint};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
//! let series = ScoreSeries::new(
//!     InstrumentId::Phq9,
//!     vec![SeriesPoint::new(d(3, 1), 18), SeriesPoint::new(d(3, 15), 14), SeriesPoint::new(d(4, 12), 4)],
//!     None, // baseline = the first score
//! )?;
//! let report = series.evaluate(&SeriesOptions::default())?;
//! let last = &report.points[2];
//! assert_eq!(last.change, -14);
//! assert_eq!(last.response, Judgement::Met);      // ≥ 50 % lower than the baseline
//! assert_eq!(last.remission, Judgement::Met);     // PHQ-9 < 5
//! assert_eq!(last.reliable_change, ReliableChange::ReliablyImproved);
//! assert_eq!(report.points[1].reliable_change, ReliableChange::NoReliableChange); // −4 is within error
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;
use crate::measures::instrument::{Band, Cutoff, InstrumentId, builtin};
use crate::measures::score::Score;
use crate::source::{Cited, Evidence, Source};

/// The critical value of the reliable change index: `|RC| > 1.96` is reliable change
/// (p < .05, two-sided; JACOBSON-TRUAX-1991).
pub const RCI_CRITICAL: f64 = 1.96;

/// The source of [`RCI_CRITICAL`] and of the reliable change formula.
pub const RCI_SOURCE: Source = Source::new(
    "JACOBSON-TRUAX-1991",
    "RC = (x2 − x1) / S_diff, S_diff = √(2·SE²), SE = s1·√(1 − r_xx); |RC| > 1.96",
    Evidence::ManualRecalled,
);

/// One dated total of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    /// The day the questionnaire was completed (`"YYYY-MM-DD"`).
    pub date: NaiveDate,
    /// The total score.
    pub total: i32,
}

impl SeriesPoint {
    /// A dated total (checked when the series is built).
    pub fn new(date: NaiveDate, total: i32) -> Self {
        SeriesPoint { date, total }
    }
}

/// Which reliability coefficient a reliable change figure uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityKind {
    /// Internal consistency (Cronbach's alpha).
    InternalConsistency,
    /// Test–retest correlation.
    TestRetest,
}

/// The standard deviation and reliability the reliable change index needs, each with its
/// source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReliableChangeParams {
    /// Standard deviation of the total in a clinical sample (`s1`).
    pub sd: Cited<f64>,
    /// Reliability coefficient (`r_xx`), in `[0, 1)`.
    pub reliability: Cited<f64>,
    /// Which coefficient [`ReliableChangeParams::reliability`] is.
    pub kind: ReliabilityKind,
}

impl ReliableChangeParams {
    /// Checked parameters: `sd` finite and > 0, `reliability` in `[0, 1)`.
    pub fn new(sd: Cited<f64>, reliability: Cited<f64>, kind: ReliabilityKind) -> Result<Self, MeasureError> {
        let p = ReliableChangeParams { sd, reliability, kind };
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<(), MeasureError> {
        if !(self.sd.value.is_finite() && self.sd.value > 0.0) {
            return Err(MeasureError::InvalidReliability {
                field: "sd",
                value: self.sd.value.to_string(),
                detail: "give the standard deviation of the total in a clinical sample, a number above 0".into(),
            });
        }
        if !(self.reliability.value.is_finite() && (0.0..1.0).contains(&self.reliability.value)) {
            return Err(MeasureError::InvalidReliability {
                field: "reliability",
                value: self.reliability.value.to_string(),
                detail: "give a reliability coefficient from 0 up to (not including) 1, such as Cronbach's alpha 0.89"
                    .into(),
            });
        }
        Ok(())
    }

    /// The published figures this library ships for `id`, with their sources; `None` when no
    /// figures were verified for the instrument (then reliable change is "not defined").
    ///
    /// PHQ-9: SD 6.1 (patients with major depression) and Cronbach's alpha 0.89 (primary care
    /// sample), both KSW-2001; with them `S_diff` ≈ 2.86 and a change of 6 points or more is
    /// reliable, the NHS Talking Therapies figure (IAPT-CRITERIA). Why alpha rather than the
    /// test–retest 0.84: `docs/decisions.md#reliable-change`.
    pub fn published(id: InstrumentId) -> Option<Self> {
        match id {
            InstrumentId::Phq9 => Some(ReliableChangeParams {
                sd: Cited::new(
                    6.1,
                    Source::new(
                        "KSW-2001",
                        "criterion validity sample: PHQ-9 mean 17.1 (SD 6.1) in the 41 patients with major depression",
                        Evidence::ManualRecalled,
                    ),
                ),
                reliability: Cited::new(
                    0.89,
                    Source::new(
                        "KSW-2001",
                        "internal reliability: Cronbach's alpha 0.89 (PHQ Primary Care Study; 0.86 Ob-Gyn)",
                        Evidence::ManualRecalled,
                    ),
                ),
                kind: ReliabilityKind::InternalConsistency,
            }),
            _ => None,
        }
    }

    /// `S_diff = √2 · SD · √(1 − r)`, the standard error of a difference between two scores.
    pub fn s_diff(&self) -> f64 {
        std::f64::consts::SQRT_2 * self.sd.value * (1.0 - self.reliability.value).sqrt()
    }

    /// The reliable change index from `from` to `to`: `(to − from) / S_diff`.
    pub fn rci(&self, from: i32, to: i32) -> f64 {
        (f64::from(to) - f64::from(from)) / self.s_diff()
    }

    /// The smallest change in points that is reliable: `1.96 · S_diff` (a change must be
    /// larger than this).
    pub fn points_needed(&self) -> f64 {
        RCI_CRITICAL * self.s_diff()
    }
}

/// Whether a criterion is met at a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// The criterion is met.
    Met,
    /// The criterion is not met.
    NotMet,
    /// The instrument has no cited definition (or the baseline leaves no room to judge).
    NotDefined,
}

impl Judgement {
    /// `"met"`, `"not_met"` or `"not_defined"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Met => "met",
            Judgement::NotMet => "not_met",
            Judgement::NotDefined => "not_defined",
        }
    }
}

/// The reliable change marker of a point against the baseline (higher totals are worse for
/// every instrument that has figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliableChange {
    /// RC < −1.96: fewer symptoms, by more than measurement error.
    ReliablyImproved,
    /// RC > 1.96: more symptoms, by more than measurement error.
    ReliablyWorse,
    /// |RC| ≤ 1.96.
    NoReliableChange,
    /// No published SD and reliability for the instrument.
    NotDefined,
}

impl ReliableChange {
    /// `"reliably_improved"`, `"reliably_worse"`, `"no_reliable_change"` or `"not_defined"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReliableChange::ReliablyImproved => "reliably_improved",
            ReliableChange::ReliablyWorse => "reliably_worse",
            ReliableChange::NoReliableChange => "no_reliable_change",
            ReliableChange::NotDefined => "not_defined",
        }
    }
}

/// Jacobson–Truax clinical significance of a point against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClinicalChange {
    /// Reliably improved and moved from above the cut-off at baseline to the non-case side.
    Recovered,
    /// Reliably improved, but not recovered.
    Improved,
    /// No reliable change.
    Unchanged,
    /// Reliably worse.
    Deteriorated,
    /// No reliable change figures or no published cut-off for the instrument.
    NotDefined,
}

impl ClinicalChange {
    /// `"recovered"`, `"improved"`, `"unchanged"`, `"deteriorated"` or `"not_defined"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClinicalChange::Recovered => "recovered",
            ClinicalChange::Improved => "improved",
            ClinicalChange::Unchanged => "unchanged",
            ClinicalChange::Deteriorated => "deteriorated",
            ClinicalChange::NotDefined => "not_defined",
        }
    }
}

/// The non-case cut-off used for clinical significance, per instrument; `None` when none is
/// published. PHQ-9: caseness is a total above 9 (IAPT-CRITERIA), so ≤ 9 is the non-case
/// side.
pub fn published_clinical_cutoff(id: InstrumentId) -> Option<Cited<Cutoff>> {
    match id {
        InstrumentId::Phq9 => Some(Cited::new(
            Cutoff::AtMost(9),
            Source::new("IAPT-CRITERIA", "caseness is a PHQ-9 total above 9", Evidence::Verified),
        )),
        _ => None,
    }
}

/// A validated series of dated totals of one instrument, sorted by date, with its baseline.
///
/// Built with [`ScoreSeries::new`] (or deserialised, which runs the same checks). Persisted as
/// `ipsrt.score_series`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawSeries")]
pub struct ScoreSeries {
    instrument: InstrumentId,
    baseline: NaiveDate,
    points: Vec<SeriesPoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    instrument: InstrumentId,
    #[serde(default)]
    baseline: Option<NaiveDate>,
    points: Vec<SeriesPoint>,
}

impl TryFrom<RawSeries> for ScoreSeries {
    type Error = MeasureError;
    fn try_from(raw: RawSeries) -> Result<Self, Self::Error> {
        ScoreSeries::new(raw.instrument, raw.points, raw.baseline)
    }
}

impl ScoreSeries {
    /// A series of `instrument` from `points` given in any order; they are sorted by date.
    /// `baseline` is the date of the score every point is compared with (`None` = the earliest).
    ///
    /// Fails, naming the point (its index as given), on: no points; a total outside the
    /// instrument's range; two scores on one date (keep one: the corrected entry); a baseline
    /// date with no score.
    pub fn new(
        instrument: InstrumentId,
        mut points: Vec<SeriesPoint>,
        baseline: Option<NaiveDate>,
    ) -> Result<Self, MeasureError> {
        let (lo, hi) = builtin(instrument).total_range();
        if points.is_empty() {
            return Err(MeasureError::EmptySeries { instrument: instrument.to_string() });
        }
        if let Some((index, p)) = points.iter().enumerate().find(|(_, p)| p.total < lo || p.total > hi) {
            return Err(MeasureError::SeriesTotalOutOfRange {
                instrument: instrument.to_string(),
                index,
                date: p.date.to_string(),
                total: p.total,
                min: lo,
                max: hi,
            });
        }
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by_key(|&i| points.get(i).map(|p| p.date));
        for pair in order.windows(2) {
            if let [a, b] = *pair
                && let (Some(pa), Some(pb)) = (points.get(a), points.get(b))
                && pa.date == pb.date
            {
                let (first, second) = (a.min(b), a.max(b));
                return Err(MeasureError::DuplicateSeriesDate { date: pa.date.to_string(), first, second });
            }
        }
        points.sort_by_key(|p| p.date);
        let baseline = match baseline {
            None => points
                .first()
                .map(|p| p.date)
                .ok_or(MeasureError::EmptySeries { instrument: instrument.to_string() })?,
            Some(d) if points.iter().any(|p| p.date == d) => d,
            Some(d) => {
                return Err(MeasureError::BaselineNotInSeries {
                    date: d.to_string(),
                    first: points.first().map(|p| p.date.to_string()).unwrap_or_default(),
                    last: points.last().map(|p| p.date.to_string()).unwrap_or_default(),
                });
            }
        };
        Ok(ScoreSeries { instrument, baseline, points })
    }

    /// A series from scored results, each with the date it was completed. Every result must be
    /// of `instrument` and have a total.
    pub fn from_scores(
        instrument: InstrumentId,
        scores: &[(NaiveDate, &Score)],
        baseline: Option<NaiveDate>,
    ) -> Result<Self, MeasureError> {
        let mut points = Vec::with_capacity(scores.len());
        for (date, s) in scores {
            if s.instrument != instrument.as_str() {
                return Err(MeasureError::InstrumentMismatch {
                    expected: instrument.to_string(),
                    found: crate::limits::Excerpt::new(&s.instrument).to_string(),
                });
            }
            let total = s.total.ok_or_else(|| MeasureError::NoTotal {
                which: "series",
                missing: s.missing.len(),
                policy: s.policy.to_string(),
            })?;
            points.push(SeriesPoint { date: *date, total });
        }
        ScoreSeries::new(instrument, points, baseline)
    }

    /// The instrument.
    pub fn instrument(&self) -> InstrumentId {
        self.instrument
    }

    /// The baseline date.
    pub fn baseline(&self) -> NaiveDate {
        self.baseline
    }

    /// The points, sorted by date.
    pub fn points(&self) -> &[SeriesPoint] {
        &self.points
    }

    /// Reads every point against the baseline (see [`SeriesReport`]). Fails only on an unknown
    /// band scheme or invalid reliable change parameters.
    pub fn evaluate(&self, options: &SeriesOptions) -> Result<SeriesReport, MeasureError> {
        let def = builtin(self.instrument);
        let scheme = def.band_scheme(options.band_scheme.as_deref()).ok();
        if scheme.is_none() && options.band_scheme.is_some() {
            // An explicitly asked-for scheme must exist.
            def.band_scheme(options.band_scheme.as_deref())?;
        }
        let rc = match &options.reliable_change {
            Some(p) => {
                p.check()?;
                Some(p.clone())
            }
            None => ReliableChangeParams::published(self.instrument),
        };
        let cutoff = published_clinical_cutoff(self.instrument);
        let (lo, hi) = def.total_range();
        let base = self
            .points
            .iter()
            .find(|p| p.date == self.baseline)
            .copied()
            .unwrap_or(SeriesPoint { date: self.baseline, total: lo });
        let b = i64::from(base.total);
        let room = b - i64::from(lo);
        let rules = &def.change;
        let points = self
            .points
            .iter()
            .map(|p| {
                let t = i64::from(p.total);
                let reduction = b - t;
                let response = match (&rules.response_reduction_percent, room > 0) {
                    // exact integer comparison: reduction / room ≥ r / 100
                    (Some(r), true) => {
                        if reduction * 100 >= i64::from(r.value) * room {
                            Judgement::Met
                        } else {
                            Judgement::NotMet
                        }
                    }
                    _ => Judgement::NotDefined,
                };
                let remission = match &rules.remission {
                    Some(r) if r.value.is_met(p.total) => Judgement::Met,
                    Some(_) => Judgement::NotMet,
                    None => Judgement::NotDefined,
                };
                let rci = rc.as_ref().map(|params| params.rci(base.total, p.total));
                let reliable_change = match rci {
                    None => ReliableChange::NotDefined,
                    Some(v) if v < -RCI_CRITICAL => ReliableChange::ReliablyImproved,
                    Some(v) if v > RCI_CRITICAL => ReliableChange::ReliablyWorse,
                    Some(_) => ReliableChange::NoReliableChange,
                };
                let clinical_significance = match (&cutoff, reliable_change) {
                    (None, _) | (_, ReliableChange::NotDefined) => ClinicalChange::NotDefined,
                    (Some(c), ReliableChange::ReliablyImproved) => {
                        if !c.value.is_met(base.total) && c.value.is_met(p.total) {
                            ClinicalChange::Recovered
                        } else {
                            ClinicalChange::Improved
                        }
                    }
                    (Some(_), ReliableChange::ReliablyWorse) => ClinicalChange::Deteriorated,
                    (Some(_), ReliableChange::NoReliableChange) => ClinicalChange::Unchanged,
                };
                SeriesEntry {
                    date: p.date,
                    total: p.total,
                    is_baseline: p.date == self.baseline,
                    band: scheme
                        .and_then(|s| s.bands.iter().find(|band| band.min <= p.total && p.total <= band.max).cloned()),
                    change: p.total - base.total,
                    percent_change: (room > 0).then(|| (t - b) as f64 * 100.0 / room as f64),
                    response,
                    remission,
                    rci,
                    reliable_change,
                    clinical_significance,
                }
            })
            .collect();
        Ok(SeriesReport {
            instrument: self.instrument,
            version: def.version.clone(),
            total_range: (lo, hi),
            baseline: base,
            band_scheme: scheme.map(|s| BandSchemeRef {
                id: s.id.clone(),
                bands: s.bands.clone(),
                source: s.source.clone(),
            }),
            response: rules.response_reduction_percent.clone(),
            remission: rules.remission.clone(),
            reliable_change: rc.map(|params| ReliableChangeRule {
                s_diff: params.s_diff(),
                points_needed: params.points_needed(),
                critical: RCI_CRITICAL,
                params,
                source: RCI_SOURCE,
            }),
            clinical_cutoff: cutoff,
            points,
        })
    }
}

impl crate::persist::Persist for ScoreSeries {
    const SCHEMA: &'static str = "ipsrt.score_series";
    const VERSION: u32 = 1;
}

/// Options of [`ScoreSeries::evaluate`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesOptions {
    /// The band scheme (`None` = the instrument's default; an instrument without bands gets
    /// none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_scheme: Option<String>,
    /// Reliable change figures to use instead of the published ones (`None` = the published
    /// figures of [`ReliableChangeParams::published`], or "not defined" when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliable_change: Option<ReliableChangeParams>,
}

/// A band scheme as drawn on a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandSchemeRef {
    /// Scheme id.
    pub id: String,
    /// Its bands, ascending.
    pub bands: Vec<Band>,
    /// Where the cut-points come from.
    pub source: Source,
}

/// The reliable change rule applied to a series, with the numbers it implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliableChangeRule {
    /// The SD and reliability used, with their sources.
    pub params: ReliableChangeParams,
    /// `S_diff`, in points.
    pub s_diff: f64,
    /// A change must be larger than this many points to be reliable (`1.96 · S_diff`).
    pub points_needed: f64,
    /// The critical |RC| (1.96).
    pub critical: f64,
    /// The source of the formula and critical value.
    pub source: Source,
}

/// One point of a [`SeriesReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesEntry {
    /// Date of the score.
    pub date: NaiveDate,
    /// Total.
    pub total: i32,
    /// Whether this is the baseline point.
    pub is_baseline: bool,
    /// The band of the total (`None` when the instrument has no band scheme).
    pub band: Option<Band>,
    /// `total − baseline total` (negative = fewer symptoms).
    pub change: i32,
    /// The change as a percentage of the baseline's distance from the instrument's minimum
    /// (−50 = half way to the minimum); `None` when the baseline is at the minimum.
    pub percent_change: Option<f64>,
    /// Response (≥ the cited percent reduction from baseline).
    pub response: Judgement,
    /// Remission (the total meets the cited remission cut-off).
    pub remission: Judgement,
    /// The reliable change index against the baseline; `None` when not defined.
    pub rci: Option<f64>,
    /// The reliable change marker.
    pub reliable_change: ReliableChange,
    /// Jacobson–Truax clinical significance.
    pub clinical_significance: ClinicalChange,
}

/// A series read against its baseline: the rules applied (each with its source) and one entry
/// per point, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesReport {
    /// The instrument.
    pub instrument: InstrumentId,
    /// Version of the instrument definition.
    pub version: String,
    /// Lowest and highest possible total.
    pub total_range: (i32, i32),
    /// The baseline point.
    pub baseline: SeriesPoint,
    /// The band scheme used (`None`: the instrument has none).
    pub band_scheme: Option<BandSchemeRef>,
    /// The response rule (percent reduction), when the instrument has one.
    pub response: Option<Cited<u8>>,
    /// The remission cut-off, when the instrument has one.
    pub remission: Option<Cited<Cutoff>>,
    /// The reliable change rule, when figures exist.
    pub reliable_change: Option<ReliableChangeRule>,
    /// The non-case cut-off used for clinical significance, when one is published.
    pub clinical_cutoff: Option<Cited<Cutoff>>,
    /// One entry per point, by date.
    pub points: Vec<SeriesEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(day))
    }

    #[test]
    fn phq9_figures_give_the_six_point_rule() {
        let p = ReliableChangeParams::published(InstrumentId::Phq9).unwrap();
        // √2 · 6.1 · √0.11 = 2.8612…
        assert!((p.s_diff() - 2.861_18).abs() < 1e-4, "{}", p.s_diff());
        assert!((p.points_needed() - 5.608).abs() < 1e-3);
        assert!(p.rci(14, 9).abs() < RCI_CRITICAL);
        assert!(p.rci(14, 8) < -RCI_CRITICAL);
    }

    #[test]
    fn refuses_bad_series() {
        let e = ScoreSeries::new(InstrumentId::Phq9, vec![], None).unwrap_err();
        assert!(matches!(e, MeasureError::EmptySeries { .. }));
        let e = ScoreSeries::new(InstrumentId::Phq9, vec![SeriesPoint::new(d(0), 3), SeriesPoint::new(d(1), 28)], None)
            .unwrap_err();
        assert!(e.to_string().contains("point 1") && e.to_string().contains("28"), "{e}");
        let e = ScoreSeries::new(
            InstrumentId::Phq9,
            vec![SeriesPoint::new(d(2), 3), SeriesPoint::new(d(1), 4), SeriesPoint::new(d(2), 5)],
            None,
        )
        .unwrap_err();
        assert_eq!(e, MeasureError::DuplicateSeriesDate { date: d(2).to_string(), first: 0, second: 2 });
        let e = ScoreSeries::new(InstrumentId::Phq9, vec![SeriesPoint::new(d(2), 3)], Some(d(5))).unwrap_err();
        assert!(matches!(e, MeasureError::BaselineNotInSeries { .. }));
        let bad = ReliableChangeParams {
            sd: Cited::new(6.0, Source::local("x")),
            reliability: Cited::new(1.0, Source::local("x")),
            kind: ReliabilityKind::TestRetest,
        };
        let s = ScoreSeries::new(InstrumentId::Phq9, vec![SeriesPoint::new(d(2), 3)], None).unwrap();
        let e = s.evaluate(&SeriesOptions { band_scheme: None, reliable_change: Some(bad) }).unwrap_err();
        assert!(e.to_string().contains("reliability"), "{e}");
        let e = s.evaluate(&SeriesOptions { band_scheme: Some("nope".into()), reliable_change: None }).unwrap_err();
        assert!(matches!(e, MeasureError::UnknownBandScheme { .. }));
    }

    #[test]
    fn instruments_without_figures_say_not_defined() {
        let s = ScoreSeries::new(InstrumentId::Wsas, vec![SeriesPoint::new(d(0), 30), SeriesPoint::new(d(9), 5)], None)
            .unwrap();
        let r = s.evaluate(&SeriesOptions::default()).unwrap();
        let last = &r.points[1];
        assert_eq!(last.response, Judgement::NotDefined);
        assert_eq!(last.remission, Judgement::NotDefined);
        assert_eq!(last.reliable_change, ReliableChange::NotDefined);
        assert_eq!(last.clinical_significance, ClinicalChange::NotDefined);
        assert_eq!(last.rci, None);
        assert!(r.reliable_change.is_none());
    }

    #[test]
    fn explicit_baseline_and_json_round_trip() {
        let s = ScoreSeries::new(
            InstrumentId::Phq9,
            vec![SeriesPoint::new(d(7), 20), SeriesPoint::new(d(0), 12), SeriesPoint::new(d(14), 9)],
            Some(d(7)),
        )
        .unwrap();
        assert_eq!(s.points()[0].date, d(0));
        let r = s.evaluate(&SeriesOptions::default()).unwrap();
        assert_eq!(r.baseline.total, 20);
        assert_eq!(r.points[0].change, -8);
        assert!(r.points[1].is_baseline);
        assert_eq!(r.points[2].clinical_significance, ClinicalChange::Recovered);
        let json = crate::persist::to_json(&s);
        let back: ScoreSeries = crate::persist::from_json(&json).unwrap();
        assert_eq!(back, s);
        let dup = r#"{"schema":"ipsrt.score_series","version":1,"data":{"instrument":"phq9","points":[{"date":"2026-01-01","total":3},{"date":"2026-01-01","total":4}]}}"#;
        assert!(crate::persist::from_json::<ScoreSeries>(dup).is_err());
    }

    proptest! {
        /// The RCI has the sign of the change, and the marker agrees with it.
        #[test]
        fn rci_sign_matches_change(a in 0i32..=27, b in 0i32..=27) {
            let s = ScoreSeries::new(InstrumentId::Phq9, vec![SeriesPoint::new(d(0), a), SeriesPoint::new(d(1), b)], None).unwrap();
            let r = s.evaluate(&SeriesOptions::default()).unwrap();
            let e = &r.points[1];
            let rci = e.rci.unwrap();
            prop_assert_eq!(rci.partial_cmp(&0.0), Some((b - a).cmp(&0)));
            match e.reliable_change {
                ReliableChange::ReliablyImproved => prop_assert!(b < a),
                ReliableChange::ReliablyWorse => prop_assert!(b > a),
                ReliableChange::NoReliableChange => prop_assert!((b - a).abs() <= 5),
                ReliableChange::NotDefined => prop_assert!(false),
            }
        }

        /// The report does not depend on the order the points were given in.
        #[test]
        fn order_independent(totals in proptest::collection::vec(0i32..=21, 1..12), seed in any::<u64>()) {
            let points: Vec<SeriesPoint> = totals.iter().enumerate().map(|(i, &t)| SeriesPoint::new(d(i as u32 * 7), t)).collect();
            let mut shuffled = points.clone();
            // a deterministic shuffle from the seed
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = (seed.rotate_left(i as u32) as usize) % (i + 1);
                shuffled.swap(i, j);
            }
            let a = ScoreSeries::new(InstrumentId::Gad7, points, None).unwrap();
            let b = ScoreSeries::new(InstrumentId::Gad7, shuffled, None).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.evaluate(&SeriesOptions::default()).unwrap(), b.evaluate(&SeriesOptions::default()).unwrap());
        }
    }
}
