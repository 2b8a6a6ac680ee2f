//! The Social Rhythm Metric (SRM-17, SRM-5, SRM-II-5): forms, diaries, weekly scoring that is
//! right across midnight, columnar batch scoring, and diary-based regularity metrics.
//!
//! | module | what lives there |
//! |---|---|
//! | [`item`] | the activities: stable ids and SRM-17 numbers |
//! | [`form`] | SRM-17, SRM-5, SRM-II-5 (with target times) |
//! | [`entry`] | one diary cell: status, time, People code, when recorded; daily mood |
//! | [`diary`] | a person's diary and how it is cut into 7-day windows |
//! | [`week`] | one 7-day window, the scorer's input |
//! | [`options`] | [`ScoringOptions`]: every choice a study makes, serialisable |
//! | [`unwrap`] | midnight handling (circular unwrap) |
//! | `kernel` | the exact integer scoring of one item |
//! | [`score`] | weekly score with per-item detail, multi-week mean |
//! | [`batch`] | columnar batch scoring for NumPy-sized data |
//! | [`long_format`] | the long diary format (one row per cell): parsing, checks, grouping |
//! | [`long_batch`] | the long format scored with the batch kernel, columnar out |
//! | [`regularity`] | SRI, IS, IV on the diary's time in bed |
//! | [`summary`] | People-code and mood summaries (project-defined, not SRM) |
//!
//! ```
//! use ipsrt::srm::{score_week, Form, ItemId, ScoringOptions, Status, Week};
//!
//! // docs/srm.md#golden-cases: the worked example, one item.
//! let mut week = Week::new(Form::Srm5, "2026-01-05".parse()?);
//! for (day, t) in ["06:00", "05:50", "08:01", "07:55", "05:45", "05:50", "05:50"].iter().enumerate() {
//!     week.set(ItemId::OutOfBed, day, Status::Done(t.parse()?))?;
//! }
//! let s = score_week(&week, &ScoringOptions::default())?;
//! assert_eq!(s.score, Some(5.0));
//! let item = s.item(ItemId::OutOfBed).unwrap();
//! assert_eq!(item.habitual.unwrap().to_string(), "06:12");
//! assert_eq!(item.excluded.len(), 1); // 08:01
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::error::ErrorKind;
use crate::limits::Excerpt;

pub mod batch;
pub mod diary;
pub mod entry;
pub mod form;
pub mod item;
mod kernel;
mod lanes;
pub mod long_batch;
pub mod long_format;
pub mod options;
pub mod regularity;
pub mod score;
pub mod summary;
pub mod unwrap;
pub mod week;

pub use batch::{BatchOutput, BatchSpec, Threads, score_batch};
pub use diary::Diary;
pub use entry::{Entry, Mood, PeopleCode, Status};
pub use form::{Form, FormKind, Targets};
pub use item::ItemId;
pub use options::{HitReference, HitValues, ScoringOptions, SdKind, TrimFactor, WeekAnchor, Windows};
pub use score::{DayOutcome, ItemScore, PeriodScore, WeekScore, score_week, score_weeks};
pub use week::Week;

/// Errors from [`crate::srm`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SrmError {
    /// An item id or number that is not an SRM item.
    #[error(
        "unknown SRM item {}: use an id such as out_of_bed, first_contact, start_work, dinner, to_bed, or an SRM-17 number 1-17",
        Excerpt::new(text)
    )]
    UnknownItem {
        /// The text given.
        text: String,
    },
    /// An item that is not on the diary's form.
    #[error("item {item} is not on the {form} form: use one of that form's items, or keep the diary on SRM-17")]
    ItemNotOnForm {
        /// The item.
        item: ItemId,
        /// The form's name.
        form: &'static str,
    },
    /// A status that is neither a time nor a known mark.
    #[error(
        "invalid diary status {}: write the time as HH:MM (24-hour, 00:00-23:59), or not_done, or not_recorded",
        Excerpt::new(text)
    )]
    InvalidStatus {
        /// The text given.
        text: String,
    },
    /// A People code outside 0–3.
    #[error(
        "invalid People code {value}: use 0 (alone), 1 (others present), 2 (others actively involved) or 3 (others very stimulating)"
    )]
    InvalidPeopleCode {
        /// The value given.
        value: i64,
    },
    /// A mood rating outside −5..+5.
    #[error("invalid mood rating {value}: use a whole number from -5 (very depressed) to +5 (very elated)")]
    InvalidMood {
        /// The value given.
        value: i64,
    },
    /// A day index outside 0–6.
    #[error("day {day} is outside the week: use 0 (the window's first day) to 6")]
    DayOutOfRange {
        /// The index given.
        day: usize,
    },
    /// A grid with the wrong number of item rows.
    #[error("the {form} form has {expected} items but {got} rows were given: give one row per item, in form order")]
    WrongItemCount {
        /// The form.
        form: &'static str,
        /// Items on the form.
        expected: usize,
        /// Rows given.
        got: usize,
    },
    /// A scoring option out of range.
    #[error("invalid scoring option {field}: {detail}; give a value in the allowed range (see ScoringOptions)")]
    InvalidOption {
        /// The field.
        field: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A write-in activity name of an SRM-17 form that is blank or too long.
    #[error("{field} {detail}")]
    InvalidWriteIn {
        /// Which write-in (`activity_a`, `activity_b`).
        field: &'static str,
        /// What is wrong and what to do.
        detail: String,
    },
    /// The target reference was requested but an item has no target time.
    #[error(
        "item {item} has no target time, which the (non-standard) target reference needs: set it on the SRM-II-5 form, or score against the habitual time"
    )]
    MissingTarget {
        /// The item.
        item: ItemId,
    },
    /// A week with no counted item has no SRM score.
    #[error(
        "the week starting {start} is not scorable: no activity was done on at least 3 days; report it as missing, not as 0"
    )]
    NotScorable {
        /// First day of the window.
        start: NaiveDate,
    },
    /// A batch array whose shape does not fit.
    #[error("invalid batch shape: {detail}")]
    InvalidBatchShape {
        /// What is wrong.
        detail: String,
    },
    /// An output slice of the wrong length.
    #[error(
        "output {name} has length {got} but must have length {expected}: allocate it for the batch's weeks (× items)"
    )]
    OutputLength {
        /// Which output.
        name: &'static str,
        /// Required length.
        expected: usize,
        /// Length given.
        got: usize,
    },
    /// A batch value that is not a clock minute or the no-occurrence sentinel.
    #[error(
        "invalid minute value {value} at flat index {index} (week {week}, day {day}, item {item}): give whole minutes 0..=1439 after midnight, or -1 (integers) / NaN (floats) for no occurrence"
    )]
    InvalidMinute {
        /// Flat index into the input array.
        index: usize,
        /// Week (first axis).
        week: usize,
        /// Day (second axis).
        day: usize,
        /// Item (third axis).
        item: usize,
        /// The offending value.
        value: String,
    },
    /// A long-format header without a required column.
    #[error("line 1: {detail}")]
    InvalidHeader {
        /// What is wrong and the expected header.
        detail: String,
    },
    /// A long-format row with a malformed field.
    #[error("line {line}, field {field}: {detail}")]
    InvalidRow {
        /// Line number in the file (the header is line 1).
        line: u64,
        /// The column.
        field: &'static str,
        /// What is wrong and how to fix it.
        detail: String,
    },
    /// A correction or removal of a diary cell that has no entry.
    #[error(
        "the diary has no entry for {item} on {date}, so there is nothing to correct or remove: record the entry first, or check the date and item"
    )]
    NoEntry {
        /// The diary day.
        date: NaiveDate,
        /// The item.
        item: ItemId,
    },
    /// The thread pool for the batch could not be built.
    #[error("could not start the batch thread pool: {detail}; retry with fewer threads or Threads::Auto")]
    ThreadPool {
        /// The cause.
        detail: String,
    },
}

impl SrmError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SrmError::NotScorable { .. } => ErrorKind::NotScorable,
            SrmError::NoEntry { .. } => ErrorKind::NotFound,
            _ => ErrorKind::InvalidInput,
        }
    }
}
