//! Score series (the core's `ipsrt::measures::series`): the dated totals of one instrument
//! read against a baseline — band, change, response and remission where the instrument has a
//! cited rule, and the Jacobson–Truax reliable change index with its marker.
//!
//! [`ScoreSeries`] is a persisted Object (`ipsrt.score_series`); [`ScoreSeries::evaluate`]
//! returns a [`SeriesReport`]. Numbers are `Int` and `Double` in Kotlin (no unsigned types).

use std::sync::Arc;

use ipsrt::measures as core;
use ipsrt::measures::series as cs;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, persisted_object, to_core, to_json_value};
use crate::error::{IpsrtError, guard};
use crate::measures::InstrumentId;
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::LocalDate;

/// One dated total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SeriesPoint {
    /// The day the questionnaire was completed.
    pub date: LocalDate,
    /// Its total score.
    pub total: i32,
}

/// Whether a criterion (response, remission) is met at a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// Met.
    Met,
    /// Not met.
    NotMet,
    /// The instrument has no cited definition (or the baseline leaves no room to judge).
    NotDefined,
}

/// The reliable change marker of a point against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ReliableChange {
    /// RC < −1.96.
    ReliablyImproved,
    /// RC > 1.96.
    ReliablyWorse,
    /// |RC| ≤ 1.96.
    NoReliableChange,
    /// No published SD and reliability for the instrument.
    NotDefined,
}

/// Jacobson–Truax clinical significance of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ClinicalChange {
    /// Reliably improved, from a case at baseline to the non-case side of the cut-off.
    Recovered,
    /// Reliably improved, not recovered.
    Improved,
    /// No reliable change.
    Unchanged,
    /// Reliably worse.
    Deteriorated,
    /// No figures or no published cut-off for the instrument.
    NotDefined,
}

/// Which reliability coefficient a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityKind {
    /// Cronbach's alpha.
    InternalConsistency,
    /// Test–retest correlation.
    TestRetest,
}

/// The SD and reliability of the reliable change index, each with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReliableChangeFigures {
    /// Standard deviation of the total in a clinical sample.
    pub sd: f64,
    /// Its source.
    pub sd_source: SourceRef,
    /// Reliability coefficient, 0 to below 1.
    pub reliability: f64,
    /// Its source.
    pub reliability_source: SourceRef,
    /// Which coefficient it is.
    pub kind: ReliabilityKind,
}

impl ReliableChangeFigures {
    fn to_core(&self) -> Result<cs::ReliableChangeParams, IpsrtError> {
        let src = |s: &SourceRef| ipsrt::source::Source::owned(s.key.clone(), s.locator.clone(), to_core_evidence(s));
        Ok(cs::ReliableChangeParams::new(
            ipsrt::source::Cited::new(self.sd, src(&self.sd_source)),
            ipsrt::source::Cited::new(self.reliability, src(&self.reliability_source)),
            to_core(&self.kind)?,
        )?)
    }

    fn from_core(p: &cs::ReliableChangeParams) -> Result<Self, IpsrtError> {
        Ok(ReliableChangeFigures {
            sd: p.sd.value,
            sd_source: SourceRef::from(&p.sd.source),
            reliability: p.reliability.value,
            reliability_source: SourceRef::from(&p.reliability.source),
            kind: from_core(&p.kind)?,
        })
    }
}

fn to_core_evidence(s: &SourceRef) -> ipsrt::source::Evidence {
    s.evidence
}

/// One point of a [`SeriesReport`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SeriesEntry {
    /// Date of the score.
    pub date: LocalDate,
    /// Total.
    pub total: i32,
    /// Whether this is the baseline.
    pub is_baseline: bool,
    /// Band id, when the instrument has bands.
    pub band_id: Option<String>,
    /// Band label.
    pub band_label: Option<String>,
    /// `total − baseline total`.
    pub change: i32,
    /// The change as a percentage of the baseline's distance from the minimum.
    pub percent_change: Option<f64>,
    /// Response.
    pub response: Judgement,
    /// Remission.
    pub remission: Judgement,
    /// The reliable change index (absent when not defined).
    pub rci: Option<f64>,
    /// The reliable change marker.
    pub reliable_change: ReliableChange,
    /// Clinical significance.
    pub clinical_significance: ClinicalChange,
}

/// A series read against its baseline (`json` is the core's full report with every rule and
/// source).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SeriesReport {
    /// The instrument.
    pub instrument: InstrumentId,
    /// The baseline point.
    pub baseline: SeriesPoint,
    /// `S_diff` in points, when reliable change is defined.
    pub s_diff: Option<f64>,
    /// A change must be larger than this many points to be reliable.
    pub points_needed: Option<f64>,
    /// The figures used, when reliable change is defined.
    pub figures: Option<ReliableChangeFigures>,
    /// One entry per score, by date.
    pub points: Vec<SeriesEntry>,
    /// The core's report as JSON.
    pub json: String,
}

/// A validated series of dated totals of one instrument (thread-safe; persisted as
/// `ipsrt.score_series`).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct ScoreSeries {
    state: Locked<cs::ScoreSeries>,
}

persisted_object!(ScoreSeries, cs::ScoreSeries);

impl ScoreSeries {
    /// Wraps a core series (the care record's series).
    pub(crate) fn wrap(series: cs::ScoreSeries) -> Arc<Self> {
        Arc::new(ScoreSeries { state: Locked::new(series) })
    }
}

#[uniffi::export]
impl ScoreSeries {
    /// A series of `instrument` from points in any order (kept sorted by date); `baseline`
    /// absent = the earliest score. Throws `IpsrtException.InvalidInput` on no points, a total
    /// outside the range, two scores on one date, or a baseline without a score.
    #[uniffi::constructor]
    pub fn new(
        instrument: InstrumentId,
        points: Vec<SeriesPoint>,
        baseline: Option<LocalDate>,
    ) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let id: core::InstrumentId = to_core(&instrument)?;
            let pts = points.iter().map(|p| cs::SeriesPoint::new(p.date, p.total)).collect();
            let series = cs::ScoreSeries::new(id, pts, baseline)?;
            Ok(Arc::new(ScoreSeries { state: Locked::new(series) }))
        })
    }

    /// The instrument.
    pub fn instrument(&self) -> Result<InstrumentId, IpsrtError> {
        guard(|| self.state.read(|s| from_core(&s.instrument())))
    }

    /// The baseline date.
    pub fn baseline(&self) -> LocalDate {
        self.state.read(|s| s.baseline())
    }

    /// The points, sorted by date.
    pub fn points(&self) -> Vec<SeriesPoint> {
        self.state.read(|s| s.points().iter().map(|p| SeriesPoint { date: p.date, total: p.total }).collect())
    }

    /// Every point read against the baseline. `figures` replaces the published SD and
    /// reliability; `bandScheme` picks a band scheme (absent = the default).
    pub fn evaluate(
        &self,
        band_scheme: Option<String>,
        figures: Option<ReliableChangeFigures>,
    ) -> Result<SeriesReport, IpsrtError> {
        guard(|| {
            let reliable_change = figures.as_ref().map(ReliableChangeFigures::to_core).transpose()?;
            let report = self.state.read(|s| s.evaluate(&cs::SeriesOptions { band_scheme, reliable_change }))?;
            report_record(&report)
        })
    }
}

fn report_record(r: &cs::SeriesReport) -> Result<SeriesReport, IpsrtError> {
    let mut points = Vec::with_capacity(r.points.len());
    for p in &r.points {
        points.push(SeriesEntry {
            date: p.date,
            total: p.total,
            is_baseline: p.is_baseline,
            band_id: p.band.as_ref().map(|b| b.id.clone()),
            band_label: p.band.as_ref().map(|b| b.label.clone()),
            change: p.change,
            percent_change: p.percent_change,
            response: from_core(&p.response)?,
            remission: from_core(&p.remission)?,
            rci: p.rci,
            reliable_change: from_core(&p.reliable_change)?,
            clinical_significance: from_core(&p.clinical_significance)?,
        });
    }
    Ok(SeriesReport {
        instrument: from_core(&r.instrument)?,
        baseline: SeriesPoint { date: r.baseline.date, total: r.baseline.total },
        s_diff: r.reliable_change.as_ref().map(|rc| rc.s_diff),
        points_needed: r.reliable_change.as_ref().map(|rc| rc.points_needed),
        figures: r.reliable_change.as_ref().map(|rc| ReliableChangeFigures::from_core(&rc.params)).transpose()?,
        points,
        json: to_json_value(r)?,
    })
}

/// The published reliable change figures of an instrument, or absent when none ship (then
/// reliable change is "not defined").
#[uniffi::export]
pub fn published_reliable_change(instrument: InstrumentId) -> Result<Option<ReliableChangeFigures>, IpsrtError> {
    guard(|| {
        let id: core::InstrumentId = to_core(&instrument)?;
        cs::ReliableChangeParams::published(id).as_ref().map(ReliableChangeFigures::from_core).transpose()
    })
}
