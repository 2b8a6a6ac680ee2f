//! The patient's zone history, and how a local slot on a local date becomes an instant.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{ScheduleError, check_date, quote};
use crate::persist::Persist;
use crate::time::{ClockTime, ZonedDateTime};

/// The most zone changes a [`ZoneHistory`] holds.
pub const MAX_ZONE_CHANGES: usize = 10_000;

/// From local date `from` on, the patient lives by the clock of `zone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneChange {
    /// The first local date in the zone.
    pub from: NaiveDate,
    /// The IANA zone.
    pub zone: Tz,
}

/// Which IANA zone is in force on which local date: one or more [`ZoneChange`]s, oldest first,
/// one per date. Persisted as `ipsrt.zone_history`.
///
/// A local date belongs to the zone of the last change on or before it. Dates before the first
/// change have no zone and are refused ([`ScheduleError::NoZoneForDate`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ZoneHistoryRaw")]
pub struct ZoneHistory {
    changes: Vec<ZoneChange>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneHistoryRaw {
    changes: Vec<ZoneChange>,
}

impl TryFrom<ZoneHistoryRaw> for ZoneHistory {
    type Error = ScheduleError;
    fn try_from(r: ZoneHistoryRaw) -> Result<Self, Self::Error> {
        ZoneHistory::from_changes(r.changes)
    }
}

fn parse_tz(name: &str) -> Result<Tz, ScheduleError> {
    name.parse::<Tz>().map_err(|_| ScheduleError::UnknownZone { name: quote(name) })
}

impl ZoneHistory {
    /// A history with one zone, in force from `from` on.
    pub fn new(from: NaiveDate, zone: &str) -> Result<Self, ScheduleError> {
        ZoneHistory::from_changes(vec![ZoneChange { from: check_date(from)?, zone: parse_tz(zone)? }])
    }

    /// A history from its changes (at least one; dates strictly increasing).
    pub fn from_changes(changes: Vec<ZoneChange>) -> Result<Self, ScheduleError> {
        if changes.is_empty() {
            return Err(ScheduleError::Empty {
                field: "zone history",
                detail: "give at least the zone the patient lives in and the date from which it applies",
            });
        }
        if changes.len() > MAX_ZONE_CHANGES {
            return Err(ScheduleError::TooMany {
                field: "zone history",
                count: changes.len(),
                max: MAX_ZONE_CHANGES,
                detail: "keep one change per move",
            });
        }
        for (index, pair) in changes.windows(2).enumerate() {
            if pair[1].from <= pair[0].from {
                return Err(ScheduleError::ZoneOrder { index: index + 1, date: pair[1].from, previous: pair[0].from });
            }
        }
        for c in &changes {
            check_date(c.from)?;
        }
        Ok(ZoneHistory { changes })
    }

    /// The same history with the patient in `zone` from `from` on (after the last change).
    pub fn with_change(&self, from: NaiveDate, zone: &str) -> Result<Self, ScheduleError> {
        let mut changes = self.changes.clone();
        changes.push(ZoneChange { from, zone: parse_tz(zone)? });
        ZoneHistory::from_changes(changes)
    }

    /// The changes, oldest first.
    pub fn changes(&self) -> &[ZoneChange] {
        &self.changes
    }

    /// The zone in force on local date `date`.
    pub fn zone_on(&self, date: NaiveDate) -> Result<Tz, ScheduleError> {
        let first = self.changes.first().map(|c| c.from).unwrap_or(date);
        self.changes
            .iter()
            .rev()
            .find(|c| c.from <= date)
            .map(|c| c.zone)
            .ok_or(ScheduleError::NoZoneForDate { date, first })
    }

    /// The local date of an instant: its date in the zone in force then. A day on which the
    /// zone changes belongs to the new zone.
    pub fn local_date(&self, instant: DateTime<Utc>) -> Result<NaiveDate, ScheduleError> {
        // Walk the changes from the newest: the latest change whose own local date has begun.
        for c in self.changes.iter().rev() {
            let date = instant.with_timezone(&c.zone).date_naive();
            if date >= c.from {
                return Ok(date);
            }
        }
        let first = self.changes.first().map_or(instant.date_naive(), |c| c.from);
        Err(ScheduleError::NoZoneForDate { date: instant.date_naive(), first })
    }
}

impl Persist for ZoneHistory {
    const SCHEMA: &'static str = "ipsrt.zone_history";
    const VERSION: u32 = 1;
}

/// How a slot's instant was adjusted on a daylight-saving day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SlotAdjustment {
    /// The local time does not exist that day (spring-forward gap): it moved later by the
    /// length of the gap (02:30 → 03:30 when the clocks jump from 02:00 to 03:00).
    MovedLaterByGap {
        /// The length of the gap in minutes (usually 60).
        minutes: i64,
    },
    /// The local time happens twice that day (autumn overlap): the earlier instant is used.
    EarlierOfTwo,
}

/// The due moment of `slot` on local `date` in `zone`: the local moment (after any gap
/// adjustment), the instant, and the adjustment made.
///
/// ```
/// use chrono::NaiveDate;
/// use ipsrt::schedule::{SlotAdjustment, resolve_slot};
///
/// let spring = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
/// let (local, instant, adj) = resolve_slot(spring, "02:30".parse()?, chrono_tz::Europe::Amsterdam);
/// assert_eq!(local.local.to_string(), "2026-03-29 03:30:00");
/// assert_eq!(instant.to_rfc3339(), "2026-03-29T01:30:00+00:00");
/// assert_eq!(adj, Some(SlotAdjustment::MovedLaterByGap { minutes: 60 }));
/// # Ok::<(), ipsrt::Error>(())
/// ```
pub fn resolve_slot(
    date: NaiveDate,
    slot: ClockTime,
    zone: Tz,
) -> (ZonedDateTime, DateTime<Utc>, Option<SlotAdjustment>) {
    let local = NaiveDateTime::new(date, slot.to_naive_time());
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => (ZonedDateTime::new(local, zone), t.with_timezone(&Utc), None),
        LocalResult::Ambiguous(early, _) => {
            (ZonedDateTime::new(local, zone), early.with_timezone(&Utc), Some(SlotAdjustment::EarlierOfTwo))
        }
        LocalResult::None => {
            // Read the wall-clock time with the offset in force before the gap (a day earlier;
            // no zone changes its offset twice within a day): the instant is then later than
            // the gap's start by as much as the slot is, i.e. it moves later by the gap.
            let before = zone.offset_from_utc_datetime(&(local - Duration::days(1))).fix();
            let instant = (local - before).and_utc();
            let moved = ZonedDateTime::from_utc(instant, zone);
            let minutes = (moved.local - local).num_minutes();
            (moved, instant, Some(SlotAdjustment::MovedLaterByGap { minutes }))
        }
    }
}
