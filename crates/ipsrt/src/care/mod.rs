//! The care record: one patient's treatment as one dated, append-only log of entries, from
//! which the existing machines are rebuilt.
//!
//! * [`entry`]: an [`Entry`] is one fact with an entry id, when it arrived (`recorded_at`), its
//!   clinical date (`effective`, and the moment `at` when known), its author and what it says
//!   ([`EntryKind`]): the patient's time zone, the schedule, course starts and course events,
//!   episode changes, relapse-plan versions, observations, measure answers, SRM diary days,
//!   medication, the rhythm plan, the IPS journey link, a clinician's acknowledgement, and a
//!   correction or retraction of an earlier entry.
//! * [`CareLog`]: the entries in arrival order (persisted as `ipsrt.care_log`).
//! * [`CareRecord`]: [`CareRecord::replay`] rebuilds every machine from a log; appending
//!   ([`CareRecord::append`]) validates first and leaves the record unchanged on error.
//! * [`CareStatus`]: what is due, overdue and missed on a date, adherence per task over the
//!   last 28 days ([`StatusAdherence`]), the alert level with its plan version and evidence,
//!   and the open safety warnings ([`CareRecord::status`]).
//! * Score series: [`CareRecord::score_series`] gives every scored result of one instrument
//!   as a [`crate::measures::ScoreSeries`] (band, response, remission, reliable change).
//! * [`migrate`]: turns a stored course, relapse plan and alert machine into a care log.
//!
//! Entries are never edited: a correction or a retraction is a new entry that points at the old
//! one, with its author and reason. Every clinical fold is ordered by clinical date, so the
//! arrival order of back-dated entries never changes the clinical state; the alert machine reads
//! the observations in arrival order, so a late entry is marked late and a late crisis raises
//! the level now. See `docs/care-record.md`.
//!
//! ```
//! use ipsrt::care::{CareLog, CareRecord, Entry, EntryKind};
//! use ipsrt::relapse::{AlertLevel, Observed, RelapsePlan, Region};
//! use ipsrt::time::ZonedDateTime;
//!
//! let at = |s: &str| ZonedDateTime::parse(s, "Europe/Amsterdam");
//! let mut record = CareRecord::replay(&CareLog::default())?;
//! record.append(Entry::new("e1", at("2026-03-01T09:00")?, "2026-03-01".parse()?, "dr. A",
//!     EntryKind::PatientRegistered { patient_ref: "p-001".into(), zone: "Europe/Amsterdam".into() }))?;
//! record.append(Entry::new("e2", at("2026-03-01T09:05")?, "2026-03-01".parse()?, "dr. A",
//!     EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: RelapsePlan::new("2026-03-01".parse()?, Region::Nl) }))?;
//! record.append(Entry::new("e3", at("2026-03-03T20:00")?, "2026-03-03".parse()?, "patient",
//!     EntryKind::Observation { observed: Observed::Phq9 { total: Some(12), item9: Some(1) } }))?;
//! assert_eq!(record.alert_level(), AlertLevel::Crisis);
//! // A bad entry is refused and changes nothing.
//! let before = record.clone();
//! assert!(record.append(Entry::new("e3", at("2026-03-04T08:00")?, "2026-03-04".parse()?, "patient",
//!     EntryKind::Observation { observed: Observed::CheckIn })).is_err());
//! assert_eq!(record, before);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::ErrorKind;
use crate::limits::Excerpt;

mod alerts;
pub mod derived;
pub mod entry;
mod log;
pub mod migrate;
mod record;
mod series;
mod status;

pub use alerts::{AlertRecord, DecisionRecord};
pub use derived::{DerivedEvidence, DerivedObservation};
pub use entry::{DiaryItem, Entry, EntryKind};
pub use log::CareLog;
pub use record::{
    CareRecord, CourseTrack, EntryState, EntryView, MeasureResult, PlanVersionRecord, ScheduleVersion, TrackedCourse,
};
pub use status::{
    ADHERENCE_WINDOW_DAYS, CareStatus, OccurrenceView, SafetyWarning, StatusAdherence, TaskAdherenceView, WarningKind,
};

/// The most entries one care log holds (about 25 years of a daily diary plus measures).
pub const MAX_ENTRIES: usize = 100_000;

/// The longest entry, course, plan or patient id, in bytes.
pub const MAX_ID_BYTES: usize = 64;

/// Errors from building, replaying or reading a care record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CareError {
    /// A field of an entry is invalid.
    #[error("entry {index} ({id}): {field} {value} is invalid: {detail}")]
    InvalidEntry {
        /// The entry's index in the log, counting from 0.
        index: usize,
        /// The entry id, quoted with [`Excerpt`].
        id: String,
        /// The field.
        field: &'static str,
        /// The value, quoted with [`Excerpt`].
        value: String,
        /// What is allowed and what to do.
        detail: String,
    },
    /// Two entries share an id.
    #[error(
        "entry {index}: the id {id} is already used by entry {first}: entries are never edited; give the new entry its own id (to change the old one, append a correction that points at it)"
    )]
    DuplicateId {
        /// The later entry's index.
        index: usize,
        /// The first entry's index.
        first: usize,
        /// The id, quoted with [`Excerpt`].
        id: String,
    },
    /// An entry points at an entry, course or plan that the log does not have (yet).
    #[error("entry {index} ({id}): {field} {target} is not known: {detail}")]
    UnknownReference {
        /// The entry's index.
        index: usize,
        /// The entry id, quoted with [`Excerpt`].
        id: String,
        /// Which reference.
        field: &'static str,
        /// The id it names, quoted with [`Excerpt`].
        target: String,
        /// What to do.
        detail: String,
    },
    /// A machine rebuilt from the log refused the entry.
    #[error("entry {index} ({id}, dated {date}) was refused: {reason}")]
    Rejected {
        /// The entry's index.
        index: usize,
        /// The entry id, quoted with [`Excerpt`].
        id: String,
        /// The entry's clinical date.
        date: chrono::NaiveDate,
        /// Why (the machine's own error).
        reason: Box<crate::Error>,
    },
    /// The log is longer than [`MAX_ENTRIES`].
    #[error("the care log has {count} entries, more than the limit of {max}: split the record by period")]
    TooManyEntries {
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The record has no patient yet, or the status date is outside what it can evaluate.
    #[error("{0}")]
    NotReady(#[source] NotReadyReason),
    /// A stored document being migrated holds a fact that no care entry carries, or that would
    /// replay to another state ([`migrate::to_care_log`]).
    #[error("{document}: {what} cannot be migrated: {detail}")]
    NotMigrated {
        /// The stored document (its schema, and the id it was passed under, if any).
        document: String,
        /// The fact (an event with its index, a setting with its value), values quoted with
        /// [`Excerpt`].
        what: String,
        /// Why, and what to do.
        detail: String,
    },
}

/// Why a care record cannot answer yet ([`CareError::NotReady`]): the record's own words, or the
/// error of the part it asked (a zone history, a schedule, a score series, the alert machine),
/// kept whole so that its message is written only when it is shown (a binding then names the
/// operations in it its own way) and its kind stays readable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NotReadyReason {
    /// The record's own words: what is missing and what to do.
    #[error("{0}")]
    Text(String),
    /// The error of the part the record asked.
    #[error(transparent)]
    Error(Box<crate::Error>),
    /// The error of the part the record asked, after words saying where it arose.
    #[error("{context}: {source}")]
    Within {
        /// Where ("the schedule of entry e7 on 2026-03-02").
        context: String,
        /// The part's error.
        source: Box<crate::Error>,
    },
}

impl NotReadyReason {
    /// The error of the part the record asked.
    pub fn error(e: impl Into<crate::Error>) -> Self {
        NotReadyReason::Error(Box::new(e.into()))
    }

    /// The error of the part the record asked, after words saying where it arose.
    pub fn within(context: impl Into<String>, e: impl Into<crate::Error>) -> Self {
        NotReadyReason::Within { context: context.into(), source: Box::new(e.into()) }
    }
}

impl From<String> for NotReadyReason {
    fn from(text: String) -> Self {
        NotReadyReason::Text(text)
    }
}

impl From<&str> for NotReadyReason {
    fn from(text: &str) -> Self {
        NotReadyReason::Text(text.to_owned())
    }
}

impl CareError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CareError::InvalidEntry { .. } | CareError::DuplicateId { .. } | CareError::TooManyEntries { .. } => {
                ErrorKind::InvalidInput
            }
            CareError::UnknownReference { .. } => ErrorKind::NotFound,
            CareError::Rejected { reason, .. } => reason.kind(),
            CareError::NotReady(_) | CareError::NotMigrated { .. } => ErrorKind::InvalidInput,
        }
    }
}

pub(crate) fn quote(text: &str) -> String {
    Excerpt::new(text).to_string()
}
