//! Outcome measures (the core's `ipsrt::measures`): PHQ-9, HRSD-17, ASRM, YMRS, daily mood.
//!
//! [`score_measure`] scores answers in form order with an explicit missing-data policy and
//! returns the raw result ([`MeasureScore`]): total, how it was obtained, derived flags (PHQ-9
//! `item9_positive`, ...) with their sources, and a band only when asked for. What a flag
//! means for care is decided elsewhere (the relapse alert machine), never here.

use ipsrt::measures as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, to_core, to_json_value};
use crate::error::{IpsrtError, guard};
use crate::source::SourceRef;

/// A shipped instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentId {
    /// Patient Health Questionnaire, 9 items.
    Phq9,
    /// Hamilton Rating Scale for Depression, 17 items.
    Hrsd17,
    /// Altman Self-Rating Mania Scale.
    Asrm,
    /// Young Mania Rating Scale.
    Ymrs,
    /// The SRM form's daily mood rating, −5 to +5.
    DailyMood,
}

/// What to do with unanswered items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Every scored item must be answered.
    Strict,
    /// Prorate the total when at most `max_missing` scored items are missing.
    ProrateUpTo {
        /// The most missing items that still give a total.
        max_missing: u8,
    },
    /// Count missing items as zero (flagged in the status).
    TreatAsZero,
}

/// The state of a derived flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// The answers meet the rule.
    Raised,
    /// The answers do not meet the rule, whatever the missing items would have been.
    NotRaised,
    /// Missing items decide.
    Indeterminate,
}

/// How the total was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TotalStatus {
    /// Every scored item answered.
    Complete,
    /// Prorated over missing items.
    Prorated {
        /// Missing scored items.
        missing: u8,
    },
    /// Missing items counted as zero.
    MissingAsZero {
        /// Missing scored items.
        missing: u8,
    },
    /// No total: too many items missing for the policy.
    Incomplete {
        /// Missing scored items.
        missing: u8,
    },
}

/// One derived flag.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MeasureFlag {
    /// The flag id (`"item9_positive"`, `"major_depressive_syndrome"`).
    pub id: String,
    /// Its state.
    pub state: FlagState,
    /// The rule's source.
    pub source: SourceRef,
}

/// The band a total falls in, in one scheme (opt-in interpretation).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MeasureBand {
    /// The scheme id.
    pub scheme: String,
    /// Band id (`"moderately_severe"`).
    pub id: String,
    /// Display label.
    pub label: String,
    /// Lowest total in the band.
    pub min: i32,
    /// Highest total in the band.
    pub max: i32,
    /// The scheme's source.
    pub source: SourceRef,
}

/// One answer, by stable item id.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ItemAnswer {
    /// Item id.
    pub item: String,
    /// The answer.
    pub value: i32,
}

/// A scored questionnaire (the core's `Score`; `json` is its full serde form).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MeasureScore {
    /// Instrument id (`"phq9"`).
    pub instrument: String,
    /// Version of the definition used.
    pub version: String,
    /// Source of the instrument.
    pub source: SourceRef,
    /// The total; absent when the policy does not allow one.
    pub total: Option<i32>,
    /// How the total was obtained.
    pub status: TotalStatus,
    /// Sum of the answered scored items.
    pub answered_sum: i32,
    /// Scored items answered.
    pub n_answered: u8,
    /// Scored items.
    pub n_items: u8,
    /// Ids of unanswered scored items, in form order.
    pub missing: Vec<String>,
    /// The missing-data policy applied.
    pub policy: MissingPolicy,
    /// Derived flags, in definition order.
    pub flags: Vec<MeasureFlag>,
    /// The validated answers, per item.
    pub answers: Vec<ItemAnswer>,
    /// The band, only when asked for.
    pub band: Option<MeasureBand>,
    /// The core's JSON form of the whole result (the same JSON Rust and Python write).
    pub json: String,
}

fn score_record(s: &core::Score) -> Result<MeasureScore, IpsrtError> {
    Ok(MeasureScore {
        instrument: s.instrument.clone(),
        version: s.version.clone(),
        source: SourceRef::from(&s.source),
        total: s.total,
        status: from_core(&s.status)?,
        answered_sum: s.answered_sum,
        n_answered: s.n_answered,
        n_items: s.n_items,
        missing: s.missing.clone(),
        policy: from_core(&s.policy)?,
        flags: s
            .flags
            .iter()
            .map(|f| {
                Ok(MeasureFlag { id: f.id.clone(), state: from_core(&f.state)?, source: SourceRef::from(&f.source) })
            })
            .collect::<Result<_, IpsrtError>>()?,
        answers: s.answers.0.iter().map(|(item, value)| ItemAnswer { item: item.clone(), value: *value }).collect(),
        band: s.band.as_ref().map(|b| MeasureBand {
            scheme: b.scheme.clone(),
            id: b.band.id.clone(),
            label: b.band.label.clone(),
            min: b.band.min,
            max: b.band.max,
            source: SourceRef::from(&b.source),
        }),
        json: to_json_value(s)?,
    })
}

/// Scores answers given in form order (`null` = unanswered). `policy` absent = the
/// instrument's default; `band_scheme` absent = no band, `""` = the default scheme.
#[uniffi::export]
pub fn score_measure(
    instrument: InstrumentId,
    values: Vec<Option<i32>>,
    policy: Option<MissingPolicy>,
    band_scheme: Option<String>,
) -> Result<MeasureScore, IpsrtError> {
    guard(|| {
        let id: core::InstrumentId = to_core(&instrument)?;
        let def = core::builtin(id);
        let answers = core::Answers::from_ordered(def, &values)?;
        let policy: Option<core::MissingPolicy> = policy.as_ref().map(to_core).transpose()?;
        let score = core::score::score(def, &answers, &core::ScoreOptions { policy, band_scheme })?;
        score_record(&score)
    })
}

/// Scores answers given by item id (unlisted items are unanswered).
#[uniffi::export]
pub fn score_measure_items(
    instrument: InstrumentId,
    answers: Vec<ItemAnswer>,
    policy: Option<MissingPolicy>,
    band_scheme: Option<String>,
) -> Result<MeasureScore, IpsrtError> {
    guard(|| {
        let id: core::InstrumentId = to_core(&instrument)?;
        let def = core::builtin(id);
        let mut a = core::Answers::new();
        for x in &answers {
            a.set(x.item.clone(), x.value);
        }
        let policy: Option<core::MissingPolicy> = policy.as_ref().map(to_core).transpose()?;
        let score = core::score::score(def, &a, &core::ScoreOptions { policy, band_scheme })?;
        score_record(&score)
    })
}

/// The instrument's full definition (items, options, bands, flags, sources) as the core's JSON.
#[uniffi::export]
pub fn instrument_definition_json(instrument: InstrumentId) -> Result<String, IpsrtError> {
    guard(|| {
        let id: core::InstrumentId = to_core(&instrument)?;
        to_json_value(core::builtin(id))
    })
}
