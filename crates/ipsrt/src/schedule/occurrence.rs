//! Occurrences, their ids and states; the records (session dates, completions, excusals).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::task::{Schedule, ScheduledTask, Task};
use super::zone::{SlotAdjustment, ZoneHistory, resolve_slot};
use super::{MAX_RANGE_DAYS, MAX_RECORDS, ScheduleError, check_date, quote};
use crate::persist::Persist;
use crate::time::{ClockTime, ZonedDateTime};

/// The identity of one occurrence: task id, local date and slot (never an ordinal index).
///
/// Written `phq9/2026-03-10/09:00` ([`fmt::Display`], [`FromStr`]); serialised as
/// `{"task": "phq9", "date": "2026-03-10", "slot": "09:00"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "OccurrenceIdRaw")]
pub struct OccurrenceId {
    /// The task id.
    pub task: String,
    /// The local date.
    pub date: NaiveDate,
    /// The local slot (clock time as scheduled, before any daylight-saving adjustment).
    pub slot: ClockTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OccurrenceIdRaw {
    task: String,
    date: NaiveDate,
    slot: ClockTime,
}

impl TryFrom<OccurrenceIdRaw> for OccurrenceId {
    type Error = ScheduleError;
    fn try_from(r: OccurrenceIdRaw) -> Result<Self, Self::Error> {
        OccurrenceId::new(&r.task, r.date, r.slot)
    }
}

impl OccurrenceId {
    /// An occurrence id; the task id follows the rules of [`Task::new`].
    pub fn new(task: &str, date: NaiveDate, slot: ClockTime) -> Result<Self, ScheduleError> {
        Task::new(task, "x", "x")?;
        Ok(OccurrenceId { task: task.to_owned(), date, slot })
    }

    /// Parses `TASK/YYYY-MM-DD/HH:MM`.
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let bad = || ScheduleError::InvalidOccurrenceId { value: quote(text) };
        let mut parts = text.split('/');
        let (Some(task), Some(date), Some(slot), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
        let slot: ClockTime = slot.parse().map_err(|_| bad())?;
        OccurrenceId::new(task, date, slot).map_err(|_| bad())
    }
}

impl fmt::Display for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.task, self.date.format("%Y-%m-%d"), self.slot)
    }
}

impl FromStr for OccurrenceId {
    type Err = ScheduleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OccurrenceId::parse(s)
    }
}

/// The local date of a numbered session (session-linked recurrences fall on these dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDate {
    /// The session number, from 1.
    pub number: u32,
    /// Its local date.
    pub date: NaiveDate,
}

/// An occurrence was done at a moment (local time and zone, as the patient's device saw it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// The occurrence it completes.
    pub occurrence: OccurrenceId,
    /// When it was done.
    pub at: ZonedDateTime,
}

/// An occurrence is excused (an inpatient stay, a clinician's waiver).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excusal {
    /// The occurrence it excuses.
    pub occurrence: OccurrenceId,
    /// Why.
    pub reason: String,
}

/// What happened against a schedule: session dates, completions and excusals. Each completion
/// and excusal names its occurrence explicitly. Persisted as `ipsrt.schedule_records`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RecordsRaw")]
pub struct ScheduleRecords {
    sessions: Vec<SessionDate>,
    completions: Vec<Completion>,
    excusals: Vec<Excusal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsRaw {
    #[serde(default)]
    sessions: Vec<SessionDate>,
    #[serde(default)]
    completions: Vec<Completion>,
    #[serde(default)]
    excusals: Vec<Excusal>,
}

impl TryFrom<RecordsRaw> for ScheduleRecords {
    type Error = ScheduleError;
    fn try_from(r: RecordsRaw) -> Result<Self, Self::Error> {
        ScheduleRecords::new(r.sessions, r.completions, r.excusals)
    }
}

impl ScheduleRecords {
    /// Records; at most 200 sessions, numbered 1 to 200, each at most once; completions and
    /// excusals at most [`MAX_RECORDS`] each;
    /// excusal reasons 1–200 characters. Whether the occurrences exist is checked against a
    /// schedule by [`Schedule::check_records`].
    pub fn new(
        sessions: Vec<SessionDate>,
        completions: Vec<Completion>,
        excusals: Vec<Excusal>,
    ) -> Result<Self, ScheduleError> {
        for (field, count) in
            [("sessions", sessions.len()), ("completions", completions.len()), ("excusals", excusals.len())]
        {
            if count > MAX_RECORDS {
                return Err(ScheduleError::TooMany {
                    field,
                    count,
                    max: MAX_RECORDS,
                    detail: "evaluate a shorter period",
                });
            }
        }
        let max_sessions = crate::course::MAX_SESSIONS as usize;
        if sessions.len() > max_sessions {
            return Err(ScheduleError::TooMany {
                field: "sessions",
                count: sessions.len(),
                max: max_sessions,
                detail: "give the dates of sessions 1 to 200 at most",
            });
        }
        let mut seen = BTreeSet::new();
        for (index, s) in sessions.iter().enumerate() {
            if s.number == 0 || s.number > crate::course::MAX_SESSIONS {
                return Err(ScheduleError::InvalidNumber {
                    field: "session number",
                    value: i64::from(s.number),
                    detail: "sessions are numbered from 1 to 200",
                });
            }
            check_date(s.date)?;
            if !seen.insert(s.number) {
                return Err(ScheduleError::DuplicateSession { number: s.number, index });
            }
        }
        for e in &excusals {
            if e.reason.trim().is_empty() || e.reason.chars().count() > super::MAX_TEXT_CHARS {
                return Err(ScheduleError::InvalidText {
                    field: "excusal reason",
                    value: quote(&e.reason),
                    max: super::MAX_TEXT_CHARS,
                });
            }
        }
        Ok(ScheduleRecords { sessions, completions, excusals })
    }

    /// The session dates.
    pub fn sessions(&self) -> &[SessionDate] {
        &self.sessions
    }

    /// The completions, in the order given.
    pub fn completions(&self) -> &[Completion] {
        &self.completions
    }

    /// The excusals, in the order given.
    pub fn excusals(&self) -> &[Excusal] {
        &self.excusals
    }
}

impl Persist for ScheduleRecords {
    const SCHEMA: &'static str = "ipsrt.schedule_records";
    const VERSION: u32 = 1;
}

/// The state of one occurrence at an instant "now". Exactly one applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OccurrenceState {
    /// The window has not opened yet.
    Upcoming,
    /// The window is open and a completion now would be on time.
    Open,
    /// Past the due time plus grace, window still open: a completion now would be late.
    Overdue,
    /// The window closed without a completion that counts.
    Missed,
    /// Completed within the grace period after the due time (or before it, inside the window).
    CompletedOnTime {
        /// When (the earliest completion).
        at: DateTime<Utc>,
    },
    /// Completed after the grace period (after the window closed only when the late rule
    /// accepts that).
    CompletedLate {
        /// When (the earliest completion).
        at: DateTime<Utc>,
    },
    /// Excused, with the reason.
    Excused {
        /// Why.
        reason: String,
    },
}

impl OccurrenceState {
    /// The stable snake_case name (`"completed_on_time"`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            OccurrenceState::Upcoming => "upcoming",
            OccurrenceState::Open => "open",
            OccurrenceState::Overdue => "overdue",
            OccurrenceState::Missed => "missed",
            OccurrenceState::CompletedOnTime { .. } => "completed_on_time",
            OccurrenceState::CompletedLate { .. } => "completed_late",
            OccurrenceState::Excused { .. } => "excused",
        }
    }

    /// Whether the outcome is settled (completed, missed or excused) rather than pending.
    pub fn is_settled(&self) -> bool {
        !matches!(self, OccurrenceState::Upcoming | OccurrenceState::Open | OccurrenceState::Overdue)
    }
}

/// One occurrence with its timing and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Its identity.
    pub id: OccurrenceId,
    /// What the task is (instrument id or activity kind).
    pub what: String,
    /// The zone in force on its local date.
    pub zone: Tz,
    /// The local due moment (after any daylight-saving adjustment).
    pub due_local: ZonedDateTime,
    /// The due instant.
    pub due: DateTime<Utc>,
    /// Any daylight-saving adjustment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<SlotAdjustment>,
    /// When the window opens.
    pub opens: DateTime<Utc>,
    /// The last on-time instant (due + grace).
    pub late_after: DateTime<Utc>,
    /// When the window closes.
    pub closes: DateTime<Utc>,
    /// The state at "now".
    pub state: OccurrenceState,
}

struct Timing {
    zone: Tz,
    due_local: ZonedDateTime,
    due: DateTime<Utc>,
    adjustment: Option<SlotAdjustment>,
    opens: DateTime<Utc>,
    late_after: DateTime<Utc>,
    closes: DateTime<Utc>,
}

fn timing(
    task: &ScheduledTask,
    zones: &ZoneHistory,
    date: NaiveDate,
    slot: ClockTime,
) -> Result<Timing, ScheduleError> {
    let zone = zones.zone_on(date)?;
    let (due_local, due, adjustment) = resolve_slot(date, slot, zone);
    let w = task.window();
    Ok(Timing {
        zone,
        due_local,
        due,
        adjustment,
        opens: due - Duration::minutes(i64::from(w.opens_before_minutes())),
        late_after: due + Duration::minutes(i64::from(task.late().grace_minutes())),
        closes: due + Duration::minutes(i64::from(w.closes_after_minutes())),
    })
}

impl Schedule {
    /// The task of occurrence `id` if the schedule has that occurrence (given the session
    /// dates); otherwise why not, in words that say what to do.
    pub fn find_occurrence(&self, id: &OccurrenceId, sessions: &[SessionDate]) -> Result<&ScheduledTask, String> {
        let Some(task) = self.task(&id.task) else {
            let known: Vec<&str> = self.tasks().iter().map(|t| t.task().id()).collect();
            return Err(format!(
                "the schedule has no task {}; its tasks are {}: check the task id, or add the task to the schedule",
                quote(&id.task),
                known.join(", ")
            ));
        };
        if !task.slots().contains(&id.slot) {
            let slots: Vec<String> = task.slots().iter().map(ToString::to_string).collect();
            return Err(format!(
                "task {} has no slot {}; its slots are {}: use one of them",
                id.task,
                id.slot,
                slots.join(", ")
            ));
        }
        if !task.in_bounds(id.date) {
            let end = task.end().map_or_else(|| "open-ended".to_owned(), |e| format!("until {e}"));
            return Err(format!(
                "task {} runs from {} ({end}); {} is outside: use a date within the task's dates",
                id.task,
                task.start(),
                id.date
            ));
        }
        let falls = if task.recurrence().is_session_linked() {
            sessions.iter().any(|s| s.date == id.date && task.recurrence().includes_session(s.number))
        } else {
            task.recurrence().falls_on(task.start(), id.date)
        };
        if falls {
            Ok(task)
        } else if task.recurrence().is_session_linked() {
            Err(format!("no session of task {} falls on {}; check the session dates", id.task, id.date))
        } else {
            Err(format!("task {} does not recur on {}: use a date the task falls on", id.task, id.date))
        }
    }

    /// Checks that every completion and excusal names an occurrence of this schedule and that
    /// no completion precedes its window; the first problem is an error naming its index.
    pub fn check_records(&self, zones: &ZoneHistory, records: &ScheduleRecords) -> Result<(), ScheduleError> {
        for (index, c) in records.completions.iter().enumerate() {
            let task = self.find_occurrence(&c.occurrence, &records.sessions).map_err(|reason| {
                ScheduleError::UnknownOccurrence { record: "completion", index, id: c.occurrence.to_string(), reason }
            })?;
            let t = timing(task, zones, c.occurrence.date, c.occurrence.slot)?;
            let at = c.at.to_utc_lenient();
            if at < t.opens {
                return Err(ScheduleError::CompletionBeforeWindow {
                    index,
                    id: c.occurrence.to_string(),
                    at: at.to_rfc3339(),
                    opens: t.opens.to_rfc3339(),
                });
            }
        }
        for (index, e) in records.excusals.iter().enumerate() {
            self.find_occurrence(&e.occurrence, &records.sessions).map_err(|reason| {
                ScheduleError::UnknownOccurrence { record: "excusal", index, id: e.occurrence.to_string(), reason }
            })?;
        }
        Ok(())
    }

    /// The ids of every occurrence with a local date from `from` to `to` (inclusive), sorted by
    /// task order, date and slot. Depends only on the schedule and the session dates.
    pub fn occurrence_ids(
        &self,
        sessions: &[SessionDate],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<OccurrenceId>, ScheduleError> {
        check_range(from, to)?;
        let mut out = Vec::new();
        for task in self.tasks() {
            let lo = from.max(task.start());
            let hi = task.end().map_or(to, |e| to.min(e));
            let dates: BTreeSet<NaiveDate> = if lo > hi {
                BTreeSet::new()
            } else if task.recurrence().is_session_linked() {
                sessions
                    .iter()
                    .filter(|s| s.date >= lo && s.date <= hi && task.recurrence().includes_session(s.number))
                    .map(|s| s.date)
                    .collect()
            } else {
                lo.iter_days()
                    .take_while(|d| *d <= hi)
                    .filter(|d| task.recurrence().falls_on(task.start(), *d))
                    .collect()
            };
            for date in dates {
                for slot in task.slots() {
                    out.push(OccurrenceId { task: task.task().id().to_owned(), date, slot: *slot });
                }
            }
        }
        Ok(out)
    }

    /// Every occurrence with a local date from `from` to `to` (inclusive) and its state at
    /// `now`, sorted by due instant (then task id and slot).
    ///
    /// The records are checked first ([`Schedule::check_records`]). Completions later than
    /// `now` are not yet known at `now` and are ignored; of several completions of one
    /// occurrence the earliest counts; a completion outranks an excusal; of several excusals
    /// the reason that sorts first is reported. The result does not depend on the order of
    /// the records.
    pub fn evaluate(
        &self,
        zones: &ZoneHistory,
        records: &ScheduleRecords,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Occurrence>, ScheduleError> {
        self.check_records(zones, records)?;
        let ids = self.occurrence_ids(&records.sessions, from, to)?;
        let mut done: BTreeMap<&OccurrenceId, DateTime<Utc>> = BTreeMap::new();
        for c in &records.completions {
            let at = c.at.to_utc_lenient();
            if at <= now {
                done.entry(&c.occurrence).and_modify(|t| *t = (*t).min(at)).or_insert(at);
            }
        }
        let mut excused: BTreeMap<&OccurrenceId, &str> = BTreeMap::new();
        for e in &records.excusals {
            excused.entry(&e.occurrence).and_modify(|r| *r = (*r).min(e.reason.as_str())).or_insert(&e.reason);
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(task) = self.task(&id.task) else { continue };
            let t = timing(task, zones, id.date, id.slot)?;
            let state = match done.get(&id) {
                Some(&at) if at <= t.late_after => OccurrenceState::CompletedOnTime { at },
                Some(&at) if at <= t.closes || task.late().accept_after_close() => {
                    OccurrenceState::CompletedLate { at }
                }
                _ => match excused.get(&id) {
                    Some(reason) => OccurrenceState::Excused { reason: (*reason).to_owned() },
                    None if now < t.opens => OccurrenceState::Upcoming,
                    None if now <= t.late_after => OccurrenceState::Open,
                    None if now <= t.closes => OccurrenceState::Overdue,
                    None => OccurrenceState::Missed,
                },
            };
            out.push(Occurrence {
                id,
                what: task.task().what().to_owned(),
                zone: t.zone,
                due_local: t.due_local,
                due: t.due,
                adjustment: t.adjustment,
                opens: t.opens,
                late_after: t.late_after,
                closes: t.closes,
                state,
            });
        }
        out.sort_by(|a, b| (a.due, &a.id.task, a.id.slot).cmp(&(b.due, &b.id.task, b.id.slot)));
        Ok(out)
    }
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), ScheduleError> {
    check_date(from)?;
    check_date(to)?;
    if to < from {
        return Err(ScheduleError::Reversed { field: "date range", from, to });
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_RANGE_DAYS {
        return Err(ScheduleError::RangeTooLong { from, to, days, max: MAX_RANGE_DAYS });
    }
    Ok(())
}
