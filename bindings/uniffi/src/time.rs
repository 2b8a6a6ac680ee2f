//! Dates and times across the boundary: lossless ISO-8601 text, with the core's zone rules.
//!
//! | Rust (core) | on the wire | Kotlin | Swift |
//! |---|---|---|---|
//! | `NaiveDate` (a diary day) | `"YYYY-MM-DD"` | `java.time.LocalDate` | `String` |
//! | [`ipsrt::time::ClockTime`] (a diary time) | `"HH:MM"` | `java.time.LocalTime` (seconds refused) | `String` |
//! | `NaiveDateTime` (wall-clock) | `"YYYY-MM-DDTHH:MM:SS[.fffffffff]"` | `java.time.LocalDateTime` | `String` |
//! | `chrono_tz::Tz` | IANA name, `"Europe/Amsterdam"` | `java.time.ZoneId` | `String` |
//! | [`ipsrt::time::ZonedDateTime`] | record `{local, zone}` | `ZonedDateTime(local, zone)` | `ZonedDateTime` |
//! | `DateTime<Utc>` (an instant) | RFC 3339 in UTC, `"2026-03-29T01:00:00Z"` | `java.time.Instant` | `String` |
//!
//! The rules are the core's (`ipsrt::time`): a moment is **local wall-clock time plus its IANA
//! zone**, never a bare UTC instant, and diary times are never converted to UTC. Converting a
//! [`ZonedDateTime`] to an instant is explicit: [`zoned_to_instant`] is strict (a local time in a
//! daylight-saving gap is an `InvalidInput` error, an overlap resolves to the earlier instant),
//! [`zoned_to_instant_lenient`] moves a gap time forward. The Kotlin mapping to `java.time` is
//! configured in `uniffi.toml`; text that does not parse is an `IpsrtException.InvalidInput`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use ipsrt::time::{ClockTime, TimeError, ZonedDateTime};

use crate::error::{IpsrtError, guard};

/// A diary day, `YYYY-MM-DD`.
pub type LocalDate = NaiveDate;
/// A wall-clock date-time without zone, `YYYY-MM-DDTHH:MM:SS[.f]`.
pub type LocalDateTime = NaiveDateTime;
/// An IANA time-zone name.
pub type TimeZone = Tz;
/// An instant, RFC 3339 in UTC.
pub type Instant = DateTime<Utc>;

fn lift_date(s: &str) -> Result<NaiveDate, IpsrtError> {
    Ok(ipsrt::time::parse_date(s)?)
}

fn lower_local(t: &NaiveDateTime) -> String {
    // `%.f` writes the fraction only when there is one, so whole seconds stay `...:SS`.
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

fn lift_local(s: &str) -> Result<NaiveDateTime, IpsrtError> {
    s.parse::<NaiveDateTime>()
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .map_err(|_| TimeError::InvalidDateTime { text: s.to_owned() }.into())
}

fn lift_instant(s: &str) -> Result<DateTime<Utc>, IpsrtError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        IpsrtError::InvalidInput(format!(
            "invalid instant {}: write it as RFC 3339 with an offset, for example 2026-03-29T01:00:00Z",
            ipsrt::limits::Excerpt::new(s)
        ))
    })
}

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| Ok(lift_date(&s)?),
});

uniffi::custom_type!(ClockTime, String, {
    remote,
    lower: |t| t.to_string(),
    try_lift: |s| Ok(s.parse::<ClockTime>().map_err(IpsrtError::from)?),
});

uniffi::custom_type!(LocalDateTime, String, {
    remote,
    lower: |t| lower_local(&t),
    try_lift: |s| Ok(lift_local(&s)?),
});

uniffi::custom_type!(TimeZone, String, {
    remote,
    lower: |z| z.name().to_owned(),
    try_lift: |s| Ok(ipsrt::time::parse_zone(&s).map_err(IpsrtError::from)?),
});

uniffi::custom_type!(Instant, String, {
    remote,
    lower: |t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
    try_lift: |s| Ok(lift_instant(&s)?),
});

/// A local wall-clock moment with the IANA zone it was written in (the core's
/// `ipsrt::time::ZonedDateTime`; its JSON form is `{"local": ..., "zone": ...}` too).
#[uniffi::remote(Record)]
pub struct ZonedDateTime {
    /// The wall-clock date and time as the person saw it.
    pub local: LocalDateTime,
    /// The IANA time zone.
    pub zone: TimeZone,
}

/// Parses a diary clock time strictly (`"HH:MM"`, `00:00`–`23:59`).
#[uniffi::export]
pub fn parse_clock_time(text: String) -> Result<ClockTime, IpsrtError> {
    guard(|| Ok(text.parse::<ClockTime>()?))
}

/// A clock time from minutes after local midnight (`0..=1439`).
#[uniffi::export]
pub fn clock_time_from_minutes(minutes: i64) -> Result<ClockTime, IpsrtError> {
    guard(|| Ok(ClockTime::from_minutes(minutes)?))
}

/// Minutes after local midnight of a clock time.
#[uniffi::export]
pub fn clock_time_minutes(time: ClockTime) -> Result<i32, IpsrtError> {
    guard(|| Ok(i32::from(time.minutes())))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS]` and an IANA zone name into a [`ZonedDateTime`].
#[uniffi::export]
pub fn parse_zoned_date_time(local: String, zone: String) -> Result<ZonedDateTime, IpsrtError> {
    guard(|| Ok(ZonedDateTime::parse(&local, &zone)?))
}

/// The instant of a local moment, strictly: a local time inside a daylight-saving gap is an
/// `InvalidInput` error; a local time that occurs twice resolves to the earlier instant.
#[uniffi::export]
pub fn zoned_to_instant(moment: ZonedDateTime) -> Result<Instant, IpsrtError> {
    guard(|| Ok(moment.to_utc()?))
}

/// The instant of a local moment, leniently: a gap time moves forward to the first instant
/// after the gap; an overlap resolves to the earlier instant.
#[uniffi::export]
pub fn zoned_to_instant_lenient(moment: ZonedDateTime) -> Result<Instant, IpsrtError> {
    guard(|| Ok(moment.to_utc_lenient()))
}

/// The local wall-clock moment in `zone` of an instant.
#[uniffi::export]
pub fn zoned_from_instant(instant: Instant, zone: TimeZone) -> Result<ZonedDateTime, IpsrtError> {
    guard(|| Ok(ZonedDateTime::from_utc(instant, zone)))
}
