//! Schedules: what is due when, across time zones and daylight saving.
//!
//! A [`Schedule`] is a list of [`ScheduledTask`]s ("PHQ-9 at sessions 1, 8 and 12", "SRM diary
//! every day at 21:00", "ASRM every Sunday at 20:00", "lithium every day at 08:00 and 20:00").
//! Each task has a civil-time [`Recurrence`] (local dates and local clock-time *slots*), a start
//! and optional end date, a completion [`Window`] around each due time and a [`LateRule`] that
//! says what counts as late.
//!
//! Everything here is a pure value or a pure function. Given the schedule, the patient's
//! [`ZoneHistory`] (which IANA zone is in force from which local date on), the
//! [`ScheduleRecords`] (session dates, completions and excusals, each tied to an occurrence id)
//! and a date range plus an instant "now", [`Schedule::evaluate`] lists every occurrence in the
//! range with its [`OccurrenceState`]. [`adherence`], [`missed_streaks`] and
//! [`Schedule::data_gaps`] summarise the result as plain values.
//!
//! Rules (see `docs/schedules.md`):
//!
//! * An occurrence is identified by **task id, local date and slot** ([`OccurrenceId`], written
//!   `phq9/2026-03-10/09:00`), never by an ordinal index. The set of occurrences depends only
//!   on the schedule and the session dates, never on the time zone: a zone change cannot create
//!   or drop an occurrence.
//! * An occurrence keeps its local civil time in the zone in force on its local date. A slot
//!   inside a spring-forward gap moves **later by the length of the gap** (02:30 becomes 03:30
//!   when the clocks jump from 02:00 to 03:00), like `java.time`; a slot inside the autumn
//!   overlap takes the **earlier** of the two instants.
//! * Windows and grace periods are absolute durations from the due instant.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use ipsrt::schedule::{
//!     LateRule, OccurrenceState, Recurrence, Schedule, ScheduleRecords, ScheduledTask, Task, Window,
//!     ZoneHistory,
//! };
//!
//! let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
//! let diary = ScheduledTask::new(
//!     Task::new("srm", "srm_diary", "Social Rhythm Metric diary")?,
//!     Recurrence::Daily { every: 1 },
//!     vec!["21:00".parse()?],
//!     day(27),
//!     None,
//!     Window::new(0, 24 * 60)?,
//!     LateRule::new(120, true)?,
//! )?;
//! let schedule = Schedule::new(vec![diary])?;
//! let zones = ZoneHistory::new(day(1), "Europe/Amsterdam")?;
//! let now = Utc.with_ymd_and_hms(2026, 3, 29, 12, 0, 0).unwrap();
//! let occurrences = schedule.evaluate(&zones, &ScheduleRecords::default(), day(27), day(29), now)?;
//! assert_eq!(occurrences.len(), 3);
//! assert_eq!(occurrences[0].id.to_string(), "srm/2026-03-27/21:00");
//! assert_eq!(occurrences[0].state, OccurrenceState::Missed);
//! assert_eq!(occurrences[1].state, OccurrenceState::Overdue);
//! assert_eq!(occurrences[2].state, OccurrenceState::Upcoming);
//! # Ok::<(), ipsrt::Error>(())
//! ```

mod adherence;
pub mod defaults;
mod labels;
mod occurrence;
mod task;
mod zone;

pub use adherence::{Adherence, DataGap, MissedStreak, adherence, missed_streaks};
pub use occurrence::{Completion, Excusal, Occurrence, OccurrenceId, OccurrenceState, ScheduleRecords, SessionDate};
pub use task::{
    LateRule, MAX_N, MAX_SLOTS, MAX_TASKS, MAX_TEXT_CHARS, MAX_WINDOW_MINUTES, Recurrence, Schedule, ScheduledTask,
    Task, Weekday, Window,
};
pub use zone::{MAX_ZONE_CHANGES, SlotAdjustment, ZoneChange, ZoneHistory, resolve_slot};

use chrono::NaiveDate;

use crate::error::ErrorKind;
use crate::limits::Excerpt;

/// The longest date range [`Schedule::evaluate`] computes at once (about five years).
pub const MAX_RANGE_DAYS: i64 = 1830;

/// The most completions or excusals one [`ScheduleRecords`] holds (session dates: at most 200).
pub const MAX_RECORDS: usize = 100_000;

/// Errors from building or evaluating a schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScheduleError {
    /// A task id or `what` code is not 1–64 lowercase ASCII letters, digits, `_`, `-` or `.`.
    #[error(
        "invalid {field} {value}: use 1 to 64 lowercase letters, digits, '_', '-' or '.', starting with a letter or digit (for example phq9 or srm_diary)"
    )]
    InvalidId {
        /// Which field (`"task id"`, `"what"`).
        field: &'static str,
        /// The value, quoted with [`Excerpt`].
        value: String,
    },
    /// A text field is empty or too long.
    #[error("invalid {field} {value}: give 1 to {max} characters")]
    InvalidText {
        /// Which field.
        field: &'static str,
        /// The value, quoted with [`Excerpt`].
        value: String,
        /// The most characters allowed.
        max: usize,
    },
    /// A number is out of its range.
    #[error("invalid {field} {value}: {detail}")]
    InvalidNumber {
        /// Which field.
        field: &'static str,
        /// The value given.
        value: i64,
        /// The allowed range and what to do.
        detail: &'static str,
    },
    /// A list that must not be empty is empty.
    #[error("{field} is empty: {detail}")]
    Empty {
        /// Which list.
        field: &'static str,
        /// What to give instead.
        detail: &'static str,
    },
    /// A list holds the same value twice.
    #[error("{field} lists {value} twice: give each value once")]
    Duplicate {
        /// Which list.
        field: &'static str,
        /// The repeated value.
        value: String,
    },
    /// A list is longer than its limit.
    #[error("{field} has {count} entries, more than the limit of {max}: {detail}")]
    TooMany {
        /// Which list.
        field: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
        /// What to do.
        detail: &'static str,
    },
    /// An end date before the start date, or a range whose end is before its start.
    #[error("{field}: {to} is before {from}; give an end on or after the start")]
    Reversed {
        /// Which pair of dates.
        field: &'static str,
        /// The start.
        from: NaiveDate,
        /// The end.
        to: NaiveDate,
    },
    /// A date range longer than [`MAX_RANGE_DAYS`].
    #[error(
        "the range {from} to {to} is {days} days, more than the limit of {max} days: split the range and ask for one piece at a time"
    )]
    RangeTooLong {
        /// The start.
        from: NaiveDate,
        /// The end.
        to: NaiveDate,
        /// Its length in days.
        days: i64,
        /// The limit.
        max: i64,
    },
    /// The late rule's grace period is longer than the window stays open after the due time.
    #[error(
        "the grace period of {grace} minutes is longer than the window, which closes {closes_after} minutes after the due time: shorten the grace period or lengthen the window"
    )]
    GraceBeyondWindow {
        /// Grace minutes.
        grace: u32,
        /// Minutes after the due time at which the window closes.
        closes_after: u32,
    },
    /// Zone changes are not in strictly increasing date order.
    #[error(
        "zone change {index} starts on {date}, not after the previous change ({previous}): list zone changes oldest first, one per date"
    )]
    ZoneOrder {
        /// Index of the offending change.
        index: usize,
        /// Its date.
        date: NaiveDate,
        /// The previous change's date.
        previous: NaiveDate,
    },
    /// A date before the first entry of the zone history.
    #[error(
        "no time zone is known for {date}: the zone history starts on {first}; add the zone the patient was in from {date} or earlier"
    )]
    NoZoneForDate {
        /// The date asked for.
        date: NaiveDate,
        /// The first date with a zone.
        first: NaiveDate,
    },
    /// An unknown IANA zone name.
    #[error("unknown time zone {name}: use an IANA zone name such as Europe/Amsterdam or America/New_York")]
    UnknownZone {
        /// The name, quoted with [`Excerpt`].
        name: String,
    },
    /// An occurrence id that does not parse.
    #[error("invalid occurrence id {value}: write it as TASK/YYYY-MM-DD/HH:MM (for example phq9/2026-03-10/09:00)")]
    InvalidOccurrenceId {
        /// The text, quoted with [`Excerpt`].
        value: String,
    },
    /// A completion or excusal names an occurrence that the schedule does not have.
    #[error("{record} {index} is for {id}, which is not an occurrence of the schedule: {reason}")]
    UnknownOccurrence {
        /// `"completion"` or `"excusal"`.
        record: &'static str,
        /// Its index in the records.
        index: usize,
        /// The occurrence id it names.
        id: String,
        /// Why it does not exist and what to do.
        reason: String,
    },
    /// A completion recorded before its occurrence's window opened.
    #[error(
        "completion {index} for {id} is at {at}, before the window opened at {opens}: check which occurrence it belongs to, or widen the window (set opens_before_minutes)"
    )]
    CompletionBeforeWindow {
        /// Its index in the records.
        index: usize,
        /// The occurrence id.
        id: String,
        /// When it was completed (UTC, RFC 3339).
        at: String,
        /// When the window opened (UTC, RFC 3339).
        opens: String,
    },
    /// Two session dates for the same session number.
    #[error("session {number} is listed twice in the session dates (index {index}): give each session once")]
    DuplicateSession {
        /// The session number.
        number: u32,
        /// Index of the second entry.
        index: usize,
    },
    /// A date so far out that it cannot be computed with.
    #[error("{date} is outside the dates a schedule can compute with: use a date between 1900 and 2200")]
    DateOutOfRange {
        /// The date.
        date: NaiveDate,
    },
}

impl ScheduleError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ScheduleError::UnknownOccurrence { .. } => ErrorKind::NotFound,
            ScheduleError::InvalidOccurrenceId { .. } => ErrorKind::Parse,
            _ => ErrorKind::InvalidInput,
        }
    }
}

pub(crate) fn quote(text: &str) -> String {
    Excerpt::new(text).to_string()
}

/// Earliest and latest dates a schedule computes with.
pub(crate) fn check_date(date: NaiveDate) -> Result<NaiveDate, ScheduleError> {
    use chrono::Datelike;
    if (1900..=2200).contains(&date.year()) { Ok(date) } else { Err(ScheduleError::DateOutOfRange { date }) }
}
