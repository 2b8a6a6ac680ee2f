//! Outcome measures (the core's `ipsrt::measures`): PHQ-9, HRSD-17, ASRM, YMRS, daily mood,
//! GAD-7, EPDS, PHQ-9 Modified for Teens, WSAS and a C-SSRS screener result.
//!
//! [`score_measure`] scores answers in form order with an explicit missing-data policy and
//! returns the raw result ([`MeasureScore`]): total, how it was obtained, derived flags (PHQ-9
//! `item9_positive`, ...) with their sources, item-level safety signals (`safety`), and a band
//! only when asked for. What a flag
//! means for care is decided elsewhere (the relapse alert machine), never here.

use ipsrt::measures as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, to_core, to_json_value};
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
    /// Generalized Anxiety Disorder 7-item scale.
    Gad7,
    /// Edinburgh Postnatal Depression Scale (item text not shipped).
    Epds,
    /// PHQ-9 Modified for Teens, with its suicide questions (item text not shipped).
    Phq9m,
    /// Work and Social Adjustment Scale (item text not shipped).
    Wsas,
    /// A C-SSRS screener result entered by a clinician: the risk level 0–3, never the questions.
    CssrsScreener,
}

/// How urgent a safety signal is; every level needs a clinician's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SafetyLevel {
    /// Bring to the clinician's notice at the next contact.
    Notice,
    /// A clinician evaluates suicide risk promptly, whatever the total.
    SafetyCheck,
    /// Act now: follow the crisis plan.
    Crisis,
}

/// A safety signal raised by a suicidality or self-harm item, whatever the total.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SafetySignal {
    /// Rule id (`"phq9_item9"`).
    pub rule: String,
    /// Instrument id.
    pub instrument: String,
    /// Item id (`"phq9_9"`).
    pub item: String,
    /// The item's position on the form.
    pub item_number: i32,
    /// The item's LOINC code, where one exists.
    pub loinc: Option<String>,
    /// The raw answer.
    pub answer: i32,
    /// The threshold met.
    pub at_least: i32,
    /// The level raised.
    pub level: SafetyLevel,
    /// What a positive answer means.
    pub description: String,
    /// The threshold's source.
    pub source: SourceRef,
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
        max_missing: i32,
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
        missing: i32,
    },
    /// Missing items counted as zero.
    MissingAsZero {
        /// Missing scored items.
        missing: i32,
    },
    /// No total: too many items missing for the policy.
    Incomplete {
        /// Missing scored items.
        missing: i32,
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
    /// Instrument id (`"phq9"`; a custom instrument's own id).
    pub instrument: String,
    /// The shipped instrument, typed; absent for a custom instrument.
    pub instrument_id: Option<InstrumentId>,
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
    pub n_answered: i32,
    /// Scored items.
    pub n_items: i32,
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
    /// Safety signals (suicidality and self-harm items), whatever the total or policy.
    pub safety: Vec<SafetySignal>,
    /// Safety items left unanswered (never read as "no risk").
    pub safety_unanswered: Vec<String>,
    /// The core's JSON form of the whole result (the same JSON Rust and Python write).
    pub json: String,
}

/// A score in its versioned envelope (`ipsrt.measure_score`), the document to store: the same
/// JSON Rust and Python write. The score's answers are checked again on load.
#[uniffi::export]
pub fn measure_score_to_json(score: MeasureScore) -> Result<String, IpsrtError> {
    guard(|| {
        let core: core::Score = from_json_value("measure score", &score.json)?;
        Ok(ipsrt::persist::to_json(&core))
    })
}

/// Loads a score stored with [`measure_score_to_json`] (in any language), checking schema and
/// version, migrating older versions.
#[uniffi::export]
pub fn measure_score_from_json(json: String) -> Result<MeasureScore, IpsrtError> {
    guard(|| score_record(&crate::bridge::load::<core::Score>(&json)?))
}

pub(crate) fn score_record(s: &core::Score) -> Result<MeasureScore, IpsrtError> {
    Ok(MeasureScore {
        instrument: s.instrument.clone(),
        instrument_id: s.instrument.parse::<core::InstrumentId>().ok().map(|id| from_core(&id)).transpose()?,
        version: s.version.clone(),
        source: SourceRef::from(&s.source),
        total: s.total,
        status: from_core(&s.status)?,
        answered_sum: s.answered_sum,
        n_answered: i32::from(s.n_answered),
        n_items: i32::from(s.n_items),
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
        safety: s
            .safety
            .iter()
            .map(|g| {
                Ok(SafetySignal {
                    rule: g.rule.clone(),
                    instrument: g.instrument.clone(),
                    item: g.item.clone(),
                    item_number: i32::from(g.item_number),
                    loinc: g.loinc.clone(),
                    answer: g.answer,
                    at_least: g.at_least,
                    level: from_core(&g.level)?,
                    description: g.description.clone(),
                    source: SourceRef::from(&g.source),
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
        safety_unanswered: s.safety_unanswered.clone(),
        json: to_json_value(s)?,
    })
}

/// Scores answers given in form order (`null` = unanswered). `policy` absent = the
/// instrument's default; `band_scheme` absent = no band, `""` = the default scheme.
#[uniffi::export(default(policy = None, band_scheme = None))]
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

/// One ordinal answer option of an item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnswerOptionInfo {
    /// The scored value.
    pub value: i32,
    /// The display label, when the licence allows shipping it.
    pub label: Option<String>,
    /// The LOINC answer code, where one exists.
    pub loinc: Option<String>,
}

/// One item of an instrument, for rendering a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InstrumentItem {
    /// Stable id (`"phq9_9"`): answer by this id with `scoreMeasureItems`.
    pub id: String,
    /// Position on the form, from 1.
    pub number: i32,
    /// The LOINC question code, where one exists.
    pub loinc: Option<String>,
    /// Lowest allowed answer.
    pub min: i32,
    /// Highest allowed answer.
    pub max: i32,
    /// Whether it counts towards the total (the PHQ-9 difficulty item does not).
    pub scored: bool,
    /// The item text, when the licence allows shipping it (absent for ASRM and YMRS).
    pub text: Option<String>,
    /// A short topic name that is not the copyrighted text.
    pub topic: String,
    /// Labelled options; empty means every whole number in `min..=max`, unlabelled.
    pub options: Vec<AnswerOptionInfo>,
    /// Whether the paper form lists the options from highest to lowest score (EPDS items 3 and
    /// 5–10): answers are always the scored value, never the box position.
    pub reverse_scored: bool,
}

/// One band of a band scheme.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BandInfo {
    /// Band id (`"moderately_severe"`).
    pub id: String,
    /// Display label.
    pub label: String,
    /// Lowest total in the band.
    pub min: i32,
    /// Highest total in the band.
    pub max: i32,
}

/// A band scheme (the first of an instrument is its default).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BandSchemeInfo {
    /// Scheme id (`"kroenke_2001"`): pass it as `bandScheme`.
    pub id: String,
    /// Bands in ascending order.
    pub bands: Vec<BandInfo>,
    /// Where the cut-points come from.
    pub source: SourceRef,
}

/// A derived flag's definition.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlagInfo {
    /// Flag id (`"item9_positive"`).
    pub id: String,
    /// What it means, in one sentence.
    pub description: String,
    /// Where the rule comes from.
    pub source: SourceRef,
}

/// An instrument's definition, typed for rendering and explaining a questionnaire (the full
/// core form, with flag rules and change rules, is in `json`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InstrumentDefinition {
    /// The instrument.
    pub instrument: InstrumentId,
    /// Version of the definition; every score names it.
    pub version: String,
    /// Display title.
    pub title: String,
    /// Who fills it in and the recall window.
    pub administration: String,
    /// The work that defines it.
    pub source: SourceRef,
    /// Whether the item text ships (false: copyrighted; the app supplies licensed text).
    pub item_text_shipped: bool,
    /// The licence statement.
    pub licence_note: String,
    /// LOINC panel code.
    pub loinc_panel: Option<String>,
    /// LOINC total-score code.
    pub loinc_total: Option<String>,
    /// The question stem shown above the items, when shippable.
    pub stem: Option<String>,
    /// Items in form order (scored and unscored): `scoreMeasure` takes values in this order.
    pub items: Vec<InstrumentItem>,
    /// Lowest possible total.
    pub total_min: i32,
    /// Highest possible total.
    pub total_max: i32,
    /// Band schemes, default first.
    pub band_schemes: Vec<BandSchemeInfo>,
    /// Derived flags.
    pub flags: Vec<FlagInfo>,
    /// The missing-data policy used when none is given.
    pub default_policy: MissingPolicy,
    /// Why that policy.
    pub default_policy_source: SourceRef,
    /// The core's JSON form of the whole definition.
    pub json: String,
}

/// An instrument's definition, typed (items with their answer options, bands, flags, sources).
#[uniffi::export]
pub fn instrument_definition(instrument: InstrumentId) -> Result<InstrumentDefinition, IpsrtError> {
    guard(|| {
        let id: core::InstrumentId = to_core(&instrument)?;
        let d = core::builtin(id);
        let (licence_note, item_text_shipped) = match &d.licence {
            core::instrument::Licence::Free { note } => (note.clone(), true),
            core::instrument::Licence::ItemTextNotShipped { note } => (note.clone(), false),
        };
        let (total_min, total_max) = d.total_range();
        Ok(InstrumentDefinition {
            instrument,
            version: d.version.clone(),
            title: d.title.clone(),
            administration: d.administration.clone(),
            source: SourceRef::from(&d.source),
            item_text_shipped,
            licence_note,
            loinc_panel: d.loinc_panel.clone(),
            loinc_total: d.loinc_total.clone(),
            stem: d.stem.clone(),
            items: d
                .items
                .iter()
                .map(|i| InstrumentItem {
                    id: i.id.clone(),
                    number: i32::from(i.number),
                    loinc: i.loinc.clone(),
                    min: i.min,
                    max: i.max,
                    scored: i.scored,
                    text: i.text.clone(),
                    topic: i.topic.clone(),
                    options: i
                        .options
                        .iter()
                        .map(|o| AnswerOptionInfo { value: o.value, label: o.label.clone(), loinc: o.loinc.clone() })
                        .collect(),
                    reverse_scored: i.reverse_scored,
                })
                .collect(),
            total_min,
            total_max,
            band_schemes: d
                .band_schemes
                .iter()
                .map(|s| BandSchemeInfo {
                    id: s.id.clone(),
                    bands: s
                        .bands
                        .iter()
                        .map(|b| BandInfo { id: b.id.clone(), label: b.label.clone(), min: b.min, max: b.max })
                        .collect(),
                    source: SourceRef::from(&s.source),
                })
                .collect(),
            flags: d
                .flags
                .iter()
                .map(|f| FlagInfo {
                    id: f.id.clone(),
                    description: f.description.clone(),
                    source: SourceRef::from(&f.source),
                })
                .collect(),
            default_policy: from_core(&d.default_policy.value)?,
            default_policy_source: SourceRef::from(&d.default_policy.source),
            json: to_json_value(d)?,
        })
    })
}

/// One change criterion judged on numbers.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChangeCriterion {
    /// Whether it is met.
    pub met: bool,
    /// The rule with its threshold (`"reduction ≥ 50 % of baseline"`).
    pub rule: String,
    /// The observed value the rule was applied to.
    pub observed: f64,
    /// Where the rule comes from.
    pub source: SourceRef,
}

/// Change between a baseline and a follow-up score of one instrument (the core's
/// `measures::change::Change`; `json` is its serde form).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MeasureChange {
    /// The instrument (change is defined for shipped instruments only).
    pub instrument: InstrumentId,
    /// Baseline total.
    pub baseline: i32,
    /// Follow-up total.
    pub follow_up: i32,
    /// `followUp − baseline` (negative = fewer symptoms).
    pub difference: i32,
    /// Reduction as a percentage of the baseline (absent when the baseline is at the minimum).
    pub percent_reduction: Option<f64>,
    /// Response; absent when the instrument has no response rule.
    pub response: Option<ChangeCriterion>,
    /// Remission; absent when the instrument has no remission cut-off.
    pub remission: Option<ChangeCriterion>,
    /// Improvement by at least the minimal important change; absent when it has none.
    pub improvement: Option<ChangeCriterion>,
    /// Worsening by at least the minimal important change; absent when it has none.
    pub worsening: Option<ChangeCriterion>,
    /// Whether either total was prorated or zero-filled.
    pub imputed: bool,
    /// The core's JSON form.
    pub json: String,
}

fn criterion(c: &core::change::Criterion) -> ChangeCriterion {
    ChangeCriterion { met: c.met, rule: c.rule.clone(), observed: c.observed, source: SourceRef::from(&c.source) }
}

/// Compares two scores of the same instrument (response, remission, minimal important change).
/// The scores are read from their `json` (the core's form, as `scoreMeasure` returns it).
#[uniffi::export]
pub fn compare_measures(baseline: MeasureScore, follow_up: MeasureScore) -> Result<MeasureChange, IpsrtError> {
    guard(|| {
        let b: core::Score = from_json_value("baseline score", &baseline.json)?;
        let f: core::Score = from_json_value("follow-up score", &follow_up.json)?;
        change_record(&core::change::compare(&b, &f)?)
    })
}

pub(crate) fn change_record(c: &core::change::Change) -> Result<MeasureChange, IpsrtError> {
    Ok(MeasureChange {
        instrument: from_core(&c.instrument)?,
        baseline: c.baseline,
        follow_up: c.follow_up,
        difference: c.difference,
        percent_reduction: c.percent_reduction,
        response: c.response.as_ref().map(criterion),
        remission: c.remission.as_ref().map(criterion),
        improvement: c.improvement.as_ref().map(criterion),
        worsening: c.worsening.as_ref().map(criterion),
        imputed: c.imputed,
        json: to_json_value(c)?,
    })
}
