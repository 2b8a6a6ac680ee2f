//! Outcome measures as data (PHQ-9, HRSD-17, ASRM, YMRS, daily mood, GAD-7, EPDS, PHQ-9
//! Modified for Teens, WSAS, C-SSRS screener result), scoring with explicit missing-data
//! policies, item-level safety signals, and change over time.
//!
//! | module | what lives there |
//! |---|---|
//! | [`instrument`] | the declarative definition: items, LOINC codes, ordinals, bands, flags, version, source |
//! | [`policy`] | missing-data policies (strict, prorate up to N, treat as zero) |
//! | [`score`] | the one generic scorer and its typed result |
//! | [`phq9`], [`hrsd17`], [`asrm`], [`ymrs`], [`mood`], [`gad7`], [`epds`], [`phq9m`], [`wsas`], [`cssrs`] | the shipped definitions |
//! | [`safety`] | item-level safety signals (suicidality and self-harm items), on every scored result |
//! | [`change`] | response, remission and minimal important change between two results |
//! | [`series`] | dated totals of one instrument read against a baseline: bands, response, remission, Jacobson–Truax reliable change |
//! | `fhir` (cargo feature `fhir`) | FHIR R4 QuestionnaireResponse + Observation export, QuestionnaireResponse import |
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId};
//!
//! let s = measures::score_values(InstrumentId::Phq9, &[Some(3), Some(3), Some(2), Some(2), Some(2), Some(1), Some(1), Some(0), Some(0)], None)?;
//! assert_eq!(s.total, Some(14));
//! assert_eq!(s.flag("major_depressive_syndrome"), Some(measures::FlagState::Raised));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::error::ErrorKind;

pub mod asrm;
pub mod change;
pub mod course_link;
pub mod cssrs;
pub mod epds;
#[cfg(feature = "fhir")]
pub mod fhir;
pub mod gad7;
pub mod hrsd17;
pub mod instrument;
mod labels;
pub mod mood;
pub mod phq9;
pub mod phq9m;
pub mod policy;
pub mod safety;
pub mod score;
pub mod series;
pub mod wsas;
pub mod ymrs;

pub use instrument::{Instrument, InstrumentId, builtin};
pub use policy::MissingPolicy;
pub use safety::{SafetyLevel, SafetySignal};
pub use score::{Answers, FlagState, Score, ScoreOptions, TotalStatus};
pub use series::{ScoreSeries, SeriesOptions, SeriesPoint, SeriesReport};

/// Scores values given in form order on a shipped instrument, with `policy` or the instrument's
/// default.
pub fn score_values(
    id: InstrumentId,
    values: &[Option<i32>],
    policy: Option<MissingPolicy>,
) -> Result<Score, MeasureError> {
    let def = builtin(id);
    let answers = Answers::from_ordered(def, values)?;
    score::score(def, &answers, &ScoreOptions { policy, band_scheme: None })
}

/// Errors from [`crate::measures`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MeasureError {
    /// The instrument id is not one this library ships.
    #[error(
        "unknown instrument {id}: use one of phq9, hrsd17, asrm, ymrs, daily_mood, gad7, epds, phq9m, wsas, cssrs_screener"
    )]
    UnknownInstrument {
        /// The id given, quoted (at most 60 characters and its length).
        id: String,
    },
    /// An answer names an item the instrument does not have.
    #[error(
        "{instrument} has no item {}: answer by stable item id, one of {known:?}",
        crate::limits::Excerpt::new(item)
    )]
    UnknownItem {
        /// Instrument id.
        instrument: String,
        /// The item id given.
        item: String,
        /// The instrument's item ids.
        known: Vec<String>,
    },
    /// An answer is outside its item's range or not one of its ordinal options.
    #[error(
        "answer {value} to item {} is not allowed: give a whole number from {min} to {max}, or leave the item unanswered",
        crate::limits::Excerpt::new(item)
    )]
    AnswerOutOfRange {
        /// Item id.
        item: String,
        /// The value given.
        value: i32,
        /// Lowest allowed.
        min: i32,
        /// Highest allowed.
        max: i32,
    },
    /// More ordered answers than the instrument has items.
    #[error("{given} answers given but {instrument} has {items} items: give at most one value per item, in form order")]
    TooManyAnswers {
        /// Instrument id.
        instrument: String,
        /// Number of values given.
        given: usize,
        /// Number of items.
        items: usize,
    },
    /// The band scheme id is unknown for this instrument.
    #[error("{instrument} has no band scheme {}: use one of {known:?}", crate::limits::Excerpt::new(scheme))]
    UnknownBandScheme {
        /// Instrument id.
        instrument: String,
        /// The scheme asked for.
        scheme: String,
        /// The instrument's schemes.
        known: Vec<String>,
    },
    /// A missing-data policy is malformed or does not fit the instrument.
    #[error("missing-data policy {} is not usable: {detail}", crate::limits::Excerpt::new(policy))]
    InvalidPolicy {
        /// The policy as written.
        policy: String,
        /// What is wrong and what to write instead.
        detail: String,
    },
    /// An instrument definition breaks a rule (see [`Instrument::validate`]).
    #[error("instrument definition {instrument:?} is invalid: {detail}; fix the definition and validate it again")]
    InvalidDefinition {
        /// Instrument id.
        instrument: String,
        /// What is wrong.
        detail: String,
    },
    /// Two results (or a result and a definition) are of different instruments.
    #[error("expected a {expected} result but got {found}: compare results of the same instrument")]
    InstrumentMismatch {
        /// The instrument expected.
        expected: String,
        /// The instrument found.
        found: String,
    },
    /// A result has no total, so change cannot be computed.
    #[error(
        "the {which} result has no total ({missing} items missing under policy {policy}): complete the questionnaire or choose a policy that allows a total"
    )]
    NoTotal {
        /// `"baseline"` or `"follow-up"`.
        which: &'static str,
        /// Missing items.
        missing: usize,
        /// The policy it was scored with.
        policy: String,
    },
    /// An answer read as a number (a spreadsheet or DataFrame cell) is not a whole number.
    #[error(
        "answer {value} to item {item} is not a whole number: give a whole number (1 or 1.0), or leave the item empty (NaN/None) for unanswered"
    )]
    NotWholeNumber {
        /// Item id.
        item: String,
        /// The value given, as text.
        value: String,
    },
    /// A score series has no points.
    #[error("the {instrument} series has no scores: give at least one dated total")]
    EmptySeries {
        /// Instrument id.
        instrument: String,
    },
    /// A total of a score series is outside the instrument's range.
    #[error(
        "series point {index} ({date}): total {total} is outside the {instrument} range {min}–{max}: give the questionnaire's total score"
    )]
    SeriesTotalOutOfRange {
        /// Instrument id.
        instrument: String,
        /// Index of the point as given (from 0).
        index: usize,
        /// Its date.
        date: String,
        /// The total given.
        total: i32,
        /// Lowest possible total.
        min: i32,
        /// Highest possible total.
        max: i32,
    },
    /// Two scores of a series fall on the same date.
    #[error(
        "series points {first} and {second} are both dated {date}: a series has at most one score a day; keep one (for a correction, the corrected score)"
    )]
    DuplicateSeriesDate {
        /// The date.
        date: String,
        /// Index of the first point as given (from 0).
        first: usize,
        /// Index of the second point as given.
        second: usize,
    },
    /// The baseline date of a series has no score.
    #[error(
        "baseline {date} is not the date of any score in the series ({first} to {last}): give the date of one of its scores, or no baseline for the first"
    )]
    BaselineNotInSeries {
        /// The baseline date given.
        date: String,
        /// The first date of the series.
        first: String,
        /// The last date of the series.
        last: String,
    },
    /// A reliable change parameter is out of range.
    #[error("reliable change {field} {value} is not usable: {detail}")]
    InvalidReliability {
        /// `"sd"` or `"reliability"`.
        field: &'static str,
        /// The value given, as text.
        value: String,
        /// What to give instead.
        detail: String,
    },
    /// A FHIR resource could not be read or mapped.
    #[error("FHIR {resource}: {detail}")]
    Fhir {
        /// The resource type.
        resource: &'static str,
        /// What is wrong and how to fix it.
        detail: String,
    },
}

impl MeasureError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            MeasureError::NoTotal { .. } => ErrorKind::NotScorable,
            MeasureError::Fhir { .. } => ErrorKind::Parse,
            _ => ErrorKind::InvalidInput,
        }
    }
}
