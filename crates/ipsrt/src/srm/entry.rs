//! One diary cell: whether an activity was done and when, who was involved, and when it was
//! written down; plus the daily mood rating.
//!
//! ```
//! use ipsrt::srm::{Mood, PeopleCode, Status};
//!
//! let s: Status = serde_json::from_str(r#""00:30""#)?;
//! assert_eq!(s.time().map(|t| t.minutes()), Some(30));
//! assert_eq!(serde_json::from_str::<Status>(r#""not_done""#)?, Status::NotDone);
//! assert_eq!(serde_json::from_str::<Status>("null")?, Status::NotRecorded);
//! assert_eq!(PeopleCode::try_from(2)?, PeopleCode::OthersInvolved);
//! assert!(Mood::new(6).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ItemId, SrmError};
use crate::time::{ClockTime, ZonedDateTime};

/// Whether an activity happened on a diary day, and at what local clock time.
///
/// Both [`Status::NotDone`] and [`Status::NotRecorded`] are "no occurrence" for the SRM; they
/// are kept apart so that diary completeness can be reported (docs/srm.md#scoring).
///
/// Serialised as a string: the time `"HH:MM"` when done, `"not_done"`, or `"not_recorded"`
/// (`null` is also read as not recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// Done at this local clock time. A time after midnight (`00:30`) may belong to the
    /// previous diary day; the scorer handles it.
    Done(ClockTime),
    /// The person marked that they did not do it that day.
    NotDone,
    /// Nothing was written for this item on this day.
    #[default]
    NotRecorded,
}

impl Status {
    /// The time, when done.
    pub fn time(self) -> Option<ClockTime> {
        match self {
            Status::Done(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the activity was done.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Done(_))
    }

    /// Whether anything (a time or a "did not do" mark) was written.
    pub fn is_recorded(self) -> bool {
        !matches!(self, Status::NotRecorded)
    }

    /// Parses `"HH:MM"`, `"not_done"`, `"not_recorded"` or the empty string (not done).
    pub fn parse(text: &str) -> Result<Status, SrmError> {
        match text.trim() {
            "" | "not_done" | "-" => Ok(Status::NotDone),
            "not_recorded" => Ok(Status::NotRecorded),
            t => {
                t.parse::<ClockTime>().map(Status::Done).map_err(|_| SrmError::InvalidStatus { text: text.to_owned() })
            }
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Done(t) => write!(f, "{t}"),
            Status::NotDone => f.write_str("not_done"),
            Status::NotRecorded => f.write_str("not_recorded"),
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        match s {
            None => Ok(Status::NotRecorded),
            Some(s) if s.is_empty() => Err(serde::de::Error::custom(
                "empty status: write \"HH:MM\", \"not_done\" or \"not_recorded\" (or null)",
            )),
            Some(s) => Status::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// The IPSRT form's "People" code: who was involved in the activity.
///
/// Serialised as the integer 0–3. Not used by the SRM score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum PeopleCode {
    /// 0 = alone.
    Alone = 0,
    /// 1 = others present.
    OthersPresent = 1,
    /// 2 = others actively involved.
    OthersInvolved = 2,
    /// 3 = others very stimulating.
    OthersVeryStimulating = 3,
}

impl PeopleCode {
    /// The code, 0–3.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl TryFrom<u8> for PeopleCode {
    type Error = SrmError;
    fn try_from(v: u8) -> Result<Self, SrmError> {
        match v {
            0 => Ok(PeopleCode::Alone),
            1 => Ok(PeopleCode::OthersPresent),
            2 => Ok(PeopleCode::OthersInvolved),
            3 => Ok(PeopleCode::OthersVeryStimulating),
            _ => Err(SrmError::InvalidPeopleCode { value: i64::from(v) }),
        }
    }
}

impl From<PeopleCode> for u8 {
    fn from(p: PeopleCode) -> u8 {
        p.code()
    }
}

/// A daily mood rating from −5 (very depressed) to +5 (very elated), as on the SRM-II-5.
///
/// Serialised as the integer. Not used by the SRM score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub struct Mood(i8);

impl Mood {
    /// A mood rating; `−5..=5`.
    pub fn new(value: i64) -> Result<Mood, SrmError> {
        if (-5..=5).contains(&value) { Ok(Mood(value as i8)) } else { Err(SrmError::InvalidMood { value }) }
    }

    /// The rating, `−5..=5`.
    pub fn value(self) -> i8 {
        self.0
    }
}

impl TryFrom<i8> for Mood {
    type Error = SrmError;
    fn try_from(v: i8) -> Result<Self, SrmError> {
        Mood::new(i64::from(v))
    }
}

impl From<Mood> for i8 {
    fn from(m: Mood) -> i8 {
        m.0
    }
}

/// One diary entry: an item on a diary day.
///
/// `date` is the **diary day** the activity belongs to, not necessarily the calendar date on
/// which it happened: a bedtime of 00:30 after Monday's evening is entered on Monday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The diary day.
    pub date: NaiveDate,
    /// The activity.
    pub item: ItemId,
    /// Done (with its time), not done, or not recorded.
    pub status: Status,
    /// Who was involved (IPSRT form), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<PeopleCode>,
    /// When the entry was written down, if known (for late-entry flags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<ZonedDateTime>,
}

impl Entry {
    /// An entry for `item` on diary day `date`.
    pub fn new(date: NaiveDate, item: ItemId, status: Status) -> Entry {
        Entry { date, item, status, people: None, recorded_at: None }
    }

    /// With a People code.
    pub fn with_people(mut self, people: PeopleCode) -> Entry {
        self.people = Some(people);
        self
    }

    /// With the moment it was written down.
    pub fn recorded(mut self, at: ZonedDateTime) -> Entry {
        self.recorded_at = Some(at);
        self
    }

    /// How many whole hours after the end of the diary day (midnight at the end of `date`)
    /// the entry was written, when known. Negative when written before the day ended.
    pub fn hours_after_day_end(&self) -> Option<i64> {
        let at = self.recorded_at?;
        let end = self.date.succ_opt()?.and_hms_opt(0, 0, 0)?;
        Some((at.local - end).num_hours())
    }

    /// Whether the entry was written more than `grace_hours` after the end of its diary day
    /// (a late, possibly reconstructed entry). Entries without `recorded_at` are never late.
    pub fn is_late(&self, grace_hours: u32) -> bool {
        self.recorded_at.is_some_and(|at| {
            self.date
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .is_some_and(|end| at.local > end + chrono::Duration::hours(i64::from(grace_hours)))
        })
    }
}
