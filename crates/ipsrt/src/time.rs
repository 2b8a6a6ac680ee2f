//! Time: clock times to the minute, and local wall-clock moments with their IANA time zone.
//!
//! Peers' most common bug class is time zones and daylight saving. The rules here:
//!
//! * A diary time is a [`ClockTime`]: minutes after local midnight as written on the form,
//!   `00:00`–`23:59`. It is never converted to UTC (a bedtime of `00:30` belongs to the previous
//!   diary day; the SRM engine handles that).
//! * A moment that matters (when an event happened, when it was recorded, when a reminder is
//!   due) is a [`ZonedDateTime`]: local wall-clock date-time **plus** the IANA zone it was
//!   written in. It converts to an instant only when asked, with an explicit rule for local
//!   times that fall in a daylight-saving gap or overlap.
//!
//! ```
//! use ipsrt::time::{ClockTime, ZonedDateTime};
//!
//! let bed: ClockTime = "00:30".parse()?;
//! assert_eq!(bed.minutes(), 30);
//! assert!("24:00".parse::<ClockTime>().is_err());
//!
//! let at = ZonedDateTime::parse("2026-03-29T02:30", "Europe/Amsterdam")?;
//! // 02:30 does not exist on that night in Amsterdam: the clocks jump from 02:00 to 03:00.
//! assert!(at.to_utc().is_err());
//! // Leniently it moves later by the gap's length, as java.time and Python's zoneinfo do:
//! // 03:30 CEST.
//! assert_eq!(at.to_utc_lenient().to_rfc3339(), "2026-03-29T01:30:00+00:00");
//! # Ok::<(), ipsrt::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ErrorKind;
use crate::limits::Excerpt;

/// Errors from parsing or converting times.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// A clock time was not `HH:MM` with `00 ≤ HH ≤ 23` and `00 ≤ MM ≤ 59`.
    #[error(
        "invalid clock time {}: write it as HH:MM on a 24-hour clock, 00:00 to 23:59 (for example 07:05 or 23:30; midnight is 00:00)",
        Excerpt::new(text)
    )]
    InvalidClockTime {
        /// The text that was given.
        text: String,
    },
    /// Minutes after midnight outside `0..1440`.
    #[error("invalid clock time {minutes} minutes after midnight: give a whole number from 0 to 1439")]
    MinutesOutOfRange {
        /// The value that was given.
        minutes: i64,
    },
    /// A date-time was not ISO 8601 local time.
    #[error(
        "invalid local date-time {}: write it as YYYY-MM-DDTHH:MM[:SS] without a UTC offset (the zone is given separately)",
        Excerpt::new(text)
    )]
    InvalidDateTime {
        /// The text that was given.
        text: String,
    },
    /// A date was not `YYYY-MM-DD`.
    #[error("invalid date {}: write it as YYYY-MM-DD (for example 2026-11-22)", Excerpt::new(text))]
    InvalidDate {
        /// The text that was given.
        text: String,
    },
    /// An unknown IANA zone name.
    #[error(
        "unknown time zone {}: use an IANA zone name such as Europe/Amsterdam or America/New_York",
        Excerpt::new(name)
    )]
    UnknownZone {
        /// The name that was given.
        name: String,
    },
    /// The local time does not exist in the zone (it falls in a daylight-saving gap).
    #[error(
        "{local} does not exist in {zone}: the clocks skip that hour for daylight saving; use a time after the change, or convert leniently"
    )]
    NonexistentLocalTime {
        /// The local date-time.
        local: NaiveDateTime,
        /// The zone.
        zone: Tz,
    },
}

impl TimeError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::InvalidInput
    }
}

/// A clock time to the minute, `00:00`–`23:59`, as written on a diary form.
///
/// Serialised as the string `"HH:MM"`. Parsing is strict: `7:05`, `07:5`, `24:00` and
/// `07:05:00` are rejected, so that a typing mistake never becomes a plausible time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// Midnight, `00:00`.
    pub const MIDNIGHT: ClockTime = ClockTime(0);

    /// A clock time from minutes after midnight (`0..=1439`).
    pub fn from_minutes(minutes: i64) -> Result<Self, TimeError> {
        if (0..1440).contains(&minutes) {
            Ok(ClockTime(minutes as u16))
        } else {
            Err(TimeError::MinutesOutOfRange { minutes })
        }
    }

    /// A clock time from hour (`0..=23`) and minute (`0..=59`).
    pub fn from_hm(hour: u32, minute: u32) -> Result<Self, TimeError> {
        if hour < 24 && minute < 60 {
            Ok(ClockTime((hour * 60 + minute) as u16))
        } else {
            Err(TimeError::InvalidClockTime { text: format!("{hour}:{minute}") })
        }
    }

    /// Minutes after midnight, `0..=1439`.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// The hour, `0..=23`.
    pub fn hour(self) -> u32 {
        u32::from(self.0) / 60
    }

    /// The minute, `0..=59`.
    pub fn minute(self) -> u32 {
        u32::from(self.0) % 60
    }

    /// As a chrono [`NaiveTime`].
    pub fn to_naive_time(self) -> NaiveTime {
        NaiveTime::from_hms_opt(self.hour(), self.minute(), 0).unwrap_or(NaiveTime::MIN)
    }

    /// The clock time of a fractional minute-of-day, wrapped onto the 24-hour circle and rounded
    /// to the nearest minute (used to report habitual times such as `371.67` → `06:12`).
    pub fn from_minutes_f64_wrapped(minutes: f64) -> Option<Self> {
        if !minutes.is_finite() {
            return None;
        }
        let m = minutes.round().rem_euclid(1440.0) as u16;
        Some(ClockTime(m % 1440))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for ClockTime {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || TimeError::InvalidClockTime { text: s.to_owned() };
        let b = s.as_bytes();
        if b.len() != 5 || b[2] != b':' {
            return Err(err());
        }
        let digit = |c: u8| if c.is_ascii_digit() { Some(u32::from(c - b'0')) } else { None };
        let (Some(h1), Some(h2), Some(m1), Some(m2)) = (digit(b[0]), digit(b[1]), digit(b[3]), digit(b[4])) else {
            return Err(err());
        };
        let (h, m) = (h1 * 10 + h2, m1 * 10 + m2);
        if h > 23 || m > 59 {
            return Err(err());
        }
        Ok(ClockTime((h * 60 + m) as u16))
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses an IANA zone name with an error that says what to do.
pub fn parse_zone(name: &str) -> Result<Tz, TimeError> {
    name.parse::<Tz>().map_err(|_| TimeError::UnknownZone { name: name.to_owned() })
}

/// Parses a `YYYY-MM-DD` date with an error that says what to do.
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| TimeError::InvalidDate { text: text.to_owned() })
}

/// A local wall-clock date-time together with the IANA zone it was written in.
///
/// Serialised as `{"local": "2026-03-29T02:30:00", "zone": "Europe/Amsterdam"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZonedDateTime {
    /// The wall-clock date and time as the person saw it.
    pub local: NaiveDateTime,
    /// The IANA time zone.
    pub zone: Tz,
}

impl ZonedDateTime {
    /// Pairs a local date-time with its zone.
    pub fn new(local: NaiveDateTime, zone: Tz) -> Self {
        ZonedDateTime { local, zone }
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` and an IANA zone name.
    pub fn parse(local: &str, zone: &str) -> Result<Self, TimeError> {
        let zone = parse_zone(zone)?;
        let parsed = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M"))
            .map_err(|_| TimeError::InvalidDateTime { text: local.to_owned() })?;
        Ok(ZonedDateTime { local: parsed, zone })
    }

    /// The local date (the diary day a moment belongs to is decided by the caller).
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// The instant, strictly: a local time inside a daylight-saving gap is an error; a local
    /// time that occurs twice (the autumn overlap) resolves to the earlier instant.
    pub fn to_utc(&self) -> Result<DateTime<Utc>, TimeError> {
        match self.zone.from_local_datetime(&self.local) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(early, _) => Ok(early.with_timezone(&Utc)),
            LocalResult::None => Err(TimeError::NonexistentLocalTime { local: self.local, zone: self.zone }),
        }
    }

    /// The instant, leniently, as `java.time.ZonedDateTime.of` and Python's `zoneinfo` (with
    /// `fold=0`) resolve it:
    ///
    /// * a local time inside a daylight-saving **gap** is read with the offset in force before
    ///   the gap, so it moves later by the length of the gap (02:30 in Amsterdam on the
    ///   spring-forward night, where the clocks jump from 02:00 to 03:00, is 03:30 CEST,
    ///   01:30 UTC);
    /// * a local time in an **overlap** (the autumn fold, where it happens twice) is the earlier
    ///   instant.
    ///
    /// [`ZonedDateTime::to_utc`] is the strict conversion that refuses a gap time instead.
    ///
    /// ```
    /// use ipsrt::time::ZonedDateTime;
    ///
    /// let gap = ZonedDateTime::parse("2026-03-29T02:30", "Europe/Amsterdam")?;
    /// assert_eq!(gap.to_utc_lenient().to_rfc3339(), "2026-03-29T01:30:00+00:00");
    /// let fold = ZonedDateTime::parse("2026-10-25T02:30", "Europe/Amsterdam")?;
    /// assert_eq!(fold.to_utc_lenient().to_rfc3339(), "2026-10-25T00:30:00+00:00");
    /// # Ok::<(), ipsrt::Error>(())
    /// ```
    pub fn to_utc_lenient(&self) -> DateTime<Utc> {
        if let Ok(t) = self.to_utc() {
            return t;
        }
        // Inside a gap. Find the offset in force after it: the first local minute that exists
        // (gaps are at most a few hours; real zones have at most a day).
        let mut probe = self.local;
        for _ in 0..(24 * 60) {
            let Some(next) = probe.checked_add_signed(chrono::Duration::minutes(1)) else { break };
            probe = next;
            let after = match self.zone.from_local_datetime(&probe) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.offset().fix(),
                LocalResult::None => continue,
            };
            // Read with the later offset, the local time lies before the transition, where the
            // earlier offset is in force; read with that one, it lies after the transition.
            let Some(before_transition) = self.local.checked_sub_offset(after) else { break };
            let before = self.zone.offset_from_utc_datetime(&before_transition).fix();
            if let Some(instant) = self.local.checked_sub_offset(before) {
                return instant.and_utc();
            }
            break;
        }
        // Unreachable for real zones; fall back to treating the local time as UTC.
        self.local.and_utc()
    }

    /// The local wall-clock moment in `zone` for an instant.
    pub fn from_utc(instant: DateTime<Utc>, zone: Tz) -> Self {
        ZonedDateTime { local: instant.with_timezone(&zone).naive_local(), zone }
    }
}

impl fmt::Display for ZonedDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.local.format("%Y-%m-%dT%H:%M:%S"), self.zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_time_parsing_is_strict() {
        for ok in ["00:00", "07:05", "23:59", "12:30"] {
            let t: ClockTime = ok.parse().unwrap();
            assert_eq!(t.to_string(), ok);
        }
        for bad in ["24:00", "7:05", "07:5", "07:60", "07:05:00", "", "ab:cd", "-1:00", "07-05", "٠٧:٠٥"] {
            assert!(bad.parse::<ClockTime>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn clock_time_serde() {
        let t = ClockTime::from_hm(23, 30).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"23:30\"");
        let back: ClockTime = serde_json::from_str("\"23:30\"").unwrap();
        assert_eq!(back, t);
        assert!(serde_json::from_str::<ClockTime>("\"24:00\"").is_err());
    }

    #[test]
    fn wrapped_fractional_minutes() {
        assert_eq!(ClockTime::from_minutes_f64_wrapped(371.67).unwrap().to_string(), "06:12");
        assert_eq!(ClockTime::from_minutes_f64_wrapped(1438.0 + 2.0).unwrap().to_string(), "00:00");
        assert_eq!(ClockTime::from_minutes_f64_wrapped(-2.0).unwrap().to_string(), "23:58");
        assert!(ClockTime::from_minutes_f64_wrapped(f64::NAN).is_none());
    }

    #[test]
    fn dst_gap_and_overlap() {
        // Spring forward in Amsterdam: 2026-03-29 02:00 -> 03:00.
        let gap = ZonedDateTime::parse("2026-03-29T02:30", "Europe/Amsterdam").unwrap();
        assert!(matches!(gap.to_utc(), Err(TimeError::NonexistentLocalTime { .. })));
        assert_eq!(gap.to_utc_lenient().to_rfc3339(), "2026-03-29T01:30:00+00:00");
        // Fall back: 2026-10-25 03:00 -> 02:00; 02:30 happens twice, earlier is 00:30 UTC.
        let overlap = ZonedDateTime::parse("2026-10-25T02:30", "Europe/Amsterdam").unwrap();
        assert_eq!(overlap.to_utc().unwrap().to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let json = serde_json::to_string(&overlap).unwrap();
        assert_eq!(json, r#"{"local":"2026-10-25T02:30:00","zone":"Europe/Amsterdam"}"#);
        assert_eq!(serde_json::from_str::<ZonedDateTime>(&json).unwrap(), overlap);
    }

    #[test]
    fn unknown_zone_is_a_clear_error() {
        let e = ZonedDateTime::parse("2026-01-01T00:00", "Mars/Olympus").unwrap_err();
        assert!(e.to_string().contains("IANA"));
    }
}
