//! The crate-wide error type.
//!
//! Every fallible function in a module returns that module's own error type (for example
//! [`crate::srm::SrmError`]); each of those converts into [`Error`] with `?`. Every error has an
//! [`ErrorKind`], which is what the Python and Kotlin bindings map to one exception class each.
//!
//! Error messages follow one rule: say what was wrong **and** what to do about it.

use serde::{Deserialize, Serialize};

/// The kind of an error. The bindings raise one exception class per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value is out of range, malformed or inconsistent (a time of `24:00`, a PHQ-9 answer of 4).
    InvalidInput,
    /// A state machine was asked for a transition its current state does not allow.
    /// The state is unchanged.
    IllegalTransition,
    /// There is not enough data to compute a score (an SRM week with no counted item).
    NotScorable,
    /// A referenced thing (a person in the inventory, a member of a group) does not exist.
    NotFound,
    /// Persisted JSON has an unknown schema, or a version newer than this build reads.
    Schema,
    /// Text could not be parsed (malformed JSON or CSV, truncated input, non-UTF-8).
    Parse,
}

impl ErrorKind {
    /// The kind's stable name (`"invalid_input"`, `"illegal_transition"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::IllegalTransition => "illegal_transition",
            ErrorKind::NotScorable => "not_scorable",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Schema => "schema",
            ErrorKind::Parse => "parse",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Any error of this crate. Match on the variant for the module's typed error, or call
/// [`Error::kind`] for the coarse kind.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// From [`crate::time`].
    #[error(transparent)]
    Time(#[from] crate::time::TimeError),
    /// From [`crate::persist`].
    #[error(transparent)]
    Persist(#[from] crate::persist::PersistError),
    /// From [`crate::course`], [`crate::problem_area`], [`crate::life_event`] and [`crate::inventory`].
    #[error(transparent)]
    Course(#[from] crate::course::CourseError),
    /// From [`crate::srm`].
    #[error(transparent)]
    Srm(#[from] crate::srm::SrmError),
    /// From [`crate::measures`].
    #[error(transparent)]
    Measure(#[from] crate::measures::MeasureError),
    /// From [`crate::episode`].
    #[error(transparent)]
    Episode(#[from] crate::episode::EpisodeError),
    /// From [`crate::relapse`].
    #[error(transparent)]
    Relapse(#[from] crate::relapse::RelapseError),
    /// From [`crate::ipsrt`].
    #[error(transparent)]
    Ipsrt(#[from] crate::ipsrt::IpsrtError),
    /// From [`crate::group`].
    #[error(transparent)]
    Group(#[from] crate::group::GroupError),
    /// From [`crate::ips`].
    #[error(transparent)]
    Ips(#[from] crate::ips::IpsError),
    /// From [`crate::schedule`].
    #[error(transparent)]
    Schedule(#[from] crate::schedule::ScheduleError),
    /// From [`crate::care`].
    #[error(transparent)]
    Care(#[from] crate::care::CareError),
    /// From [`crate::i18n`].
    #[error(transparent)]
    I18n(#[from] crate::i18n::I18nError),
}

impl Error {
    /// The coarse kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Time(e) => e.kind(),
            Error::Persist(e) => e.kind(),
            Error::Course(e) => e.kind(),
            Error::Srm(e) => e.kind(),
            Error::Measure(e) => e.kind(),
            Error::Episode(e) => e.kind(),
            Error::Relapse(e) => e.kind(),
            Error::Ipsrt(e) => e.kind(),
            Error::Group(e) => e.kind(),
            Error::Ips(e) => e.kind(),
            Error::Schedule(e) => e.kind(),
            Error::Care(e) => e.kind(),
            Error::I18n(e) => e.kind(),
        }
    }
}
