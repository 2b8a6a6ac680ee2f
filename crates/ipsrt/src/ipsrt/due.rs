//! Due times: when each anchor of a rhythm plan is next due, and which diary entries are
//! overdue, in the person's IANA time zone and correct across daylight-saving changes.
//!
//! Rhythm targets are **wall-clock** times: "out of bed at 07:00" means 07:00 on the clock on
//! the wall, whatever the UTC offset. So on the day the clocks change the instant moves with
//! the clock (07:00 CET and 07:00 CEST are 23 hours apart across the spring change).
//!
//! Two edge cases are explicit in the result ([`DstAdjustment`]):
//! * a time inside the spring-forward gap (02:30 on the night the clocks jump from 02:00 to
//!   03:00) does not exist; it is read with the offset in force before the gap, so it moves
//!   later by the gap's length (03:30), as `java.time` and Python's `zoneinfo` resolve it (an
//!   app that mixes in either gets the same instant);
//! * a time inside the autumn overlap (02:30 happens twice) is due at the earlier instant.
//!
//! A to-bed time before noon (e.g. 00:30) belongs to the previous diary day, as on the SRM
//! form: the bedtime of diary day D at 00:30 is due at 00:30 on D + 1.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::IpsrtError;
use super::anchor::Anchor;
use super::rhythm_plan::RhythmPlan;
use crate::time::{ClockTime, ZonedDateTime};

/// How a due time was adjusted for a daylight-saving change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DstAdjustment {
    /// The wall-clock time does not exist that day (spring-forward gap): due later by the gap's
    /// length (02:30 in a 02:00→03:00 gap is due at 03:30), as `java.time` resolves it.
    MovedPastGap,
    /// The wall-clock time occurs twice that day (fall-back overlap): due at the earlier one.
    EarlierOfTwo,
}

/// One anchor due on one diary day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueTime {
    /// The anchor.
    pub anchor: Anchor,
    /// The diary day the entry belongs to.
    pub diary_date: NaiveDate,
    /// The wall-clock time planned.
    pub time: ClockTime,
    /// The local moment it is due (after any gap adjustment), with the zone.
    pub due: ZonedDateTime,
    /// The instant it is due.
    pub instant: DateTime<Utc>,
    /// Any daylight-saving adjustment.
    pub adjustment: Option<DstAdjustment>,
}

/// Hours before noon at which a to-bed time counts as "after midnight" (belongs to the
/// previous diary day).
const BEDTIME_NEXT_DAY_BEFORE: u32 = 12;

/// Resolves a wall-clock time on a calendar date in a zone: the local moment it is due (after
/// any gap adjustment), the instant, and the adjustment made.
pub fn resolve_wall_clock(
    date: NaiveDate,
    time: ClockTime,
    zone: Tz,
) -> (ZonedDateTime, DateTime<Utc>, Option<DstAdjustment>) {
    let local = NaiveDateTime::new(date, time.to_naive_time());
    let zoned = ZonedDateTime::new(local, zone);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => (zoned, t.with_timezone(&Utc), None),
        LocalResult::Ambiguous(early, _) => (zoned, early.with_timezone(&Utc), Some(DstAdjustment::EarlierOfTwo)),
        LocalResult::None => {
            let instant = zoned.to_utc_lenient();
            (ZonedDateTime::from_utc(instant, zone), instant, Some(DstAdjustment::MovedPastGap))
        }
    }
}

/// When `anchor` at wall-clock `time` is due for diary day `diary_date` in `zone`.
pub fn due_on(anchor: Anchor, time: ClockTime, diary_date: NaiveDate, zone: Tz) -> DueTime {
    let mut date = diary_date;
    if anchor == Anchor::ToBed && time.hour() < BEDTIME_NEXT_DAY_BEFORE {
        date = date.succ_opt().unwrap_or(date);
    }
    let (due, instant, adjustment) = resolve_wall_clock(date, time, zone);
    DueTime { anchor, diary_date, time, due, instant, adjustment }
}

/// For each `(anchor, time)`, the first due time strictly after `now` (sorted by instant).
pub fn next_due(anchors: &[(Anchor, ClockTime)], now: &ZonedDateTime) -> Result<Vec<DueTime>, IpsrtError> {
    let now_instant = now.to_utc_lenient();
    let zone = now.zone;
    let today = ZonedDateTime::from_utc(now_instant, zone).date();
    let mut out = Vec::new();
    for (anchor, time) in anchors {
        // Yesterday's to-bed may still be due after midnight; three days always suffice.
        let start = today.pred_opt().ok_or(IpsrtError::DateOutOfRange)?;
        let found =
            start.iter_days().take(4).map(|d| due_on(*anchor, *time, d, zone)).find(|d| d.instant > now_instant);
        out.push(found.ok_or(IpsrtError::DateOutOfRange)?);
    }
    out.sort_by_key(|d| d.instant);
    Ok(out)
}

/// Diary entries due between diary day `since` and `now` (plus `grace_minutes`) that are not in
/// `recorded` (pairs of diary day and anchor), oldest first.
pub fn overdue(
    anchors: &[(Anchor, ClockTime)],
    now: &ZonedDateTime,
    since: NaiveDate,
    grace_minutes: u32,
    recorded: &[(NaiveDate, Anchor)],
) -> Result<Vec<DueTime>, IpsrtError> {
    if grace_minutes > 24 * 60 {
        return Err(IpsrtError::InvalidPlanValue { what: "grace_minutes", value: i64::from(grace_minutes) });
    }
    let now_instant = now.to_utc_lenient();
    let today = ZonedDateTime::from_utc(now_instant, now.zone).date();
    if (today - since).num_days() > 366 {
        return Err(IpsrtError::InvalidPeriod { from: since, to: today });
    }
    let grace = Duration::minutes(i64::from(grace_minutes));
    let mut out = Vec::new();
    for day in since.iter_days().take_while(|d| *d <= today) {
        for (anchor, time) in anchors {
            if recorded.contains(&(day, *anchor)) {
                continue;
            }
            let due = due_on(*anchor, *time, day, now.zone);
            if due.instant + grace < now_instant {
                out.push(due);
            }
        }
    }
    out.sort_by_key(|d| d.instant);
    Ok(out)
}

impl RhythmPlan {
    /// The anchors of the plan with the time each is aimed at now (empty before targets are set).
    pub fn aimed_times(&self) -> Vec<(Anchor, ClockTime)> {
        self.targets().iter().map(|t| (t.anchor, t.current)).collect()
    }

    /// The next due time of each anchor in the plan after `now`.
    pub fn next_due(&self, now: &ZonedDateTime) -> Result<Vec<DueTime>, IpsrtError> {
        next_due(&self.aimed_times(), now)
    }

    /// The plan's diary entries overdue at `now`, from diary day `since`.
    pub fn overdue(
        &self,
        now: &ZonedDateTime,
        since: NaiveDate,
        grace_minutes: u32,
        recorded: &[(NaiveDate, Anchor)],
    ) -> Result<Vec<DueTime>, IpsrtError> {
        overdue(&self.aimed_times(), now, since, grace_minutes, recorded)
    }
}
