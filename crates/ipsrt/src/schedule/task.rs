//! Tasks, recurrences, windows, late rules and the schedule itself.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{ScheduleError, check_date, quote};
use crate::persist::Persist;
use crate::source::Source;
use crate::time::ClockTime;

/// The most tasks one [`Schedule`] holds.
pub const MAX_TASKS: usize = 64;
/// The most slots (local times) one task has per day.
pub const MAX_SLOTS: usize = 24;
/// The largest `every` of a recurrence (days, weeks or sessions).
pub const MAX_N: u32 = 366;
/// The longest a window may stay open before or after the due time (31 days, in minutes).
pub const MAX_WINDOW_MINUTES: u32 = 31 * 24 * 60;
/// The most characters of a label.
pub const MAX_TEXT_CHARS: usize = 200;
/// The highest session number a session-linked recurrence names.
const MAX_SESSION_NUMBER: u32 = crate::course::MAX_SESSIONS;

fn check_code(field: &'static str, value: &str) -> Result<(), ScheduleError> {
    let b = value.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'-' | b'.'));
    if ok { Ok(()) } else { Err(ScheduleError::InvalidId { field, value: quote(value) }) }
}

/// What is to be done: a stable id (the key of its occurrences), what it is (an instrument id
/// such as `phq9` or an activity kind such as `srm_diary` or `medication`) and a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TaskRaw")]
pub struct Task {
    id: String,
    what: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskRaw {
    id: String,
    what: String,
    label: String,
}

impl TryFrom<TaskRaw> for Task {
    type Error = ScheduleError;
    fn try_from(r: TaskRaw) -> Result<Self, Self::Error> {
        Task::new(&r.id, &r.what, &r.label)
    }
}

impl Task {
    /// A task; `id` and `what` are 1–64 lowercase ASCII letters, digits, `_`, `-` or `.`; the
    /// label is 1–200 characters.
    pub fn new(id: &str, what: &str, label: &str) -> Result<Self, ScheduleError> {
        check_code("task id", id)?;
        check_code("what", what)?;
        let n = label.trim().chars().count();
        if n == 0 || label.chars().count() > MAX_TEXT_CHARS {
            return Err(ScheduleError::InvalidText { field: "label", value: quote(label), max: MAX_TEXT_CHARS });
        }
        Ok(Task { id: id.to_owned(), what: what.to_owned(), label: label.to_owned() })
    }

    /// The task id (unique within a schedule; the first part of every occurrence id).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What it is: an instrument id or an activity kind.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The label shown to people.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The weekday of a date.
    pub fn of(date: NaiveDate) -> Weekday {
        match date.weekday() {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }

    /// The stable snake_case name (`"monday"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
}

/// On which local dates a task falls. Clock times are the task's slots, not part of this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Recurrence {
    /// Every `every` days from the start date (1 = daily).
    Daily {
        /// Days between occurrences, 1–366.
        every: u32,
    },
    /// On the given weekdays of every `every`-th week, counting weeks (Monday to Sunday) from
    /// the week of the start date (1 = every week).
    Weekly {
        /// Weeks between occurrences, 1–366.
        every: u32,
        /// The weekdays (at least one, each once).
        on: Vec<Weekday>,
    },
    /// On the dates of the listed sessions (session numbers from 1; the dates come with the
    /// records, see [`super::SessionDate`]).
    AtSessions {
        /// Session numbers, each once.
        sessions: Vec<u32>,
    },
    /// On the dates of sessions `first`, `first + every`, `first + 2·every`, …
    EverySessions {
        /// Sessions between occurrences, 1–366.
        every: u32,
        /// The first session, from 1.
        first: u32,
    },
}

impl Recurrence {
    fn validate(&self) -> Result<(), ScheduleError> {
        let n = |field: &'static str, v: u32| {
            if (1..=MAX_N).contains(&v) {
                Ok(())
            } else {
                Err(ScheduleError::InvalidNumber {
                    field,
                    value: i64::from(v),
                    detail: "give a whole number from 1 to 366",
                })
            }
        };
        let session = |v: u32| {
            if (1..=MAX_SESSION_NUMBER).contains(&v) {
                Ok(())
            } else {
                Err(ScheduleError::InvalidNumber {
                    field: "session number",
                    value: i64::from(v),
                    detail: "sessions are numbered from 1 to 200",
                })
            }
        };
        match self {
            Recurrence::Daily { every } => n("every (days)", *every),
            Recurrence::Weekly { every, on } => {
                n("every (weeks)", *every)?;
                if on.is_empty() {
                    return Err(ScheduleError::Empty { field: "on (weekdays)", detail: "name at least one weekday" });
                }
                let mut seen = BTreeSet::new();
                for d in on {
                    if !seen.insert(*d) {
                        return Err(ScheduleError::Duplicate { field: "on (weekdays)", value: d.as_str().into() });
                    }
                }
                Ok(())
            }
            Recurrence::AtSessions { sessions } => {
                if sessions.is_empty() {
                    return Err(ScheduleError::Empty { field: "sessions", detail: "name at least one session number" });
                }
                if sessions.len() > MAX_SESSION_NUMBER as usize {
                    return Err(ScheduleError::TooMany {
                        field: "sessions",
                        count: sessions.len(),
                        max: MAX_SESSION_NUMBER as usize,
                        detail: "sessions are numbered up to 200",
                    });
                }
                let mut seen = BTreeSet::new();
                for s in sessions {
                    session(*s)?;
                    if !seen.insert(*s) {
                        return Err(ScheduleError::Duplicate { field: "sessions", value: s.to_string() });
                    }
                }
                Ok(())
            }
            Recurrence::EverySessions { every, first } => {
                n("every (sessions)", *every)?;
                session(*first)
            }
        }
    }

    /// Whether session number `k` is one of this recurrence's sessions (false for the
    /// calendar recurrences).
    pub fn includes_session(&self, k: u32) -> bool {
        match self {
            Recurrence::AtSessions { sessions } => sessions.contains(&k),
            Recurrence::EverySessions { every, first } => k >= *first && (k - first).is_multiple_of(*every.max(&1)),
            _ => false,
        }
    }

    /// Whether the recurrence is linked to session dates.
    pub fn is_session_linked(&self) -> bool {
        matches!(self, Recurrence::AtSessions { .. } | Recurrence::EverySessions { .. })
    }

    /// Whether a calendar recurrence falls on `date`, for a task starting on `start` (always
    /// false for session-linked recurrences and for dates before the start).
    pub fn falls_on(&self, start: NaiveDate, date: NaiveDate) -> bool {
        if date < start {
            return false;
        }
        match self {
            Recurrence::Daily { every } => (date - start).num_days() % i64::from((*every).max(1)) == 0,
            Recurrence::Weekly { every, on } => {
                let monday = |d: NaiveDate| d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()));
                let weeks = (monday(date) - monday(start)).num_days() / 7;
                weeks % i64::from((*every).max(1)) == 0 && on.contains(&Weekday::of(date))
            }
            Recurrence::AtSessions { .. } | Recurrence::EverySessions { .. } => false,
        }
    }
}

/// When an occurrence can be completed: from `opens_before_minutes` before its due instant to
/// `closes_after_minutes` after it (both inclusive, absolute minutes, at most 31 days each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WindowRaw")]
pub struct Window {
    opens_before_minutes: u32,
    closes_after_minutes: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowRaw {
    opens_before_minutes: u32,
    closes_after_minutes: u32,
}

impl TryFrom<WindowRaw> for Window {
    type Error = ScheduleError;
    fn try_from(r: WindowRaw) -> Result<Self, Self::Error> {
        Window::new(r.opens_before_minutes, r.closes_after_minutes)
    }
}

impl Window {
    /// A window; each side is at most [`MAX_WINDOW_MINUTES`].
    pub fn new(opens_before_minutes: u32, closes_after_minutes: u32) -> Result<Self, ScheduleError> {
        for (field, v) in
            [("opens_before_minutes", opens_before_minutes), ("closes_after_minutes", closes_after_minutes)]
        {
            if v > MAX_WINDOW_MINUTES {
                return Err(ScheduleError::InvalidNumber {
                    field,
                    value: i64::from(v),
                    detail: "a window stays open at most 31 days (44640 minutes) on either side of the due time",
                });
            }
        }
        Ok(Window { opens_before_minutes, closes_after_minutes })
    }

    /// Minutes before the due instant at which the window opens.
    pub fn opens_before_minutes(&self) -> u32 {
        self.opens_before_minutes
    }

    /// Minutes after the due instant at which the window closes.
    pub fn closes_after_minutes(&self) -> u32 {
        self.closes_after_minutes
    }
}

/// What counts as late: a completion more than `grace_minutes` after the due instant is late;
/// a completion after the window has closed counts as late when `accept_after_close` is true,
/// and otherwise leaves the occurrence missed (the completion is kept, not credited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LateRule {
    grace_minutes: u32,
    accept_after_close: bool,
}

impl LateRule {
    /// A late rule; the grace period is at most [`MAX_WINDOW_MINUTES`] (and, in a task, at most
    /// the window's `closes_after_minutes`).
    pub fn new(grace_minutes: u32, accept_after_close: bool) -> Result<Self, ScheduleError> {
        if grace_minutes > MAX_WINDOW_MINUTES {
            return Err(ScheduleError::InvalidNumber {
                field: "grace_minutes",
                value: i64::from(grace_minutes),
                detail: "give at most 31 days (44640 minutes)",
            });
        }
        Ok(LateRule { grace_minutes, accept_after_close })
    }

    /// Minutes after the due instant that still count as on time.
    pub fn grace_minutes(&self) -> u32 {
        self.grace_minutes
    }

    /// Whether a completion after the window closed counts (as late) or leaves the occurrence missed.
    pub fn accept_after_close(&self) -> bool {
        self.accept_after_close
    }
}

/// One task with its recurrence, slots, dates, window and late rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScheduledTaskRaw")]
pub struct ScheduledTask {
    task: Task,
    recurrence: Recurrence,
    slots: Vec<ClockTime>,
    start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<NaiveDate>,
    window: Window,
    late: LateRule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduledTaskRaw {
    task: Task,
    recurrence: Recurrence,
    slots: Vec<ClockTime>,
    start: NaiveDate,
    #[serde(default)]
    end: Option<NaiveDate>,
    window: Window,
    late: LateRule,
    #[serde(default)]
    source: Option<Source>,
}

impl TryFrom<ScheduledTaskRaw> for ScheduledTask {
    type Error = ScheduleError;
    fn try_from(r: ScheduledTaskRaw) -> Result<Self, Self::Error> {
        let t = ScheduledTask::new(r.task, r.recurrence, r.slots, r.start, r.end, r.window, r.late)?;
        Ok(match r.source {
            Some(s) => t.with_source(s),
            None => t,
        })
    }
}

impl ScheduledTask {
    /// A scheduled task. `slots` are the local clock times of each occurrence day (1–24, each
    /// once; kept sorted); `end` is inclusive; the late rule's grace period must not outlast
    /// the window.
    pub fn new(
        task: Task,
        recurrence: Recurrence,
        slots: Vec<ClockTime>,
        start: NaiveDate,
        end: Option<NaiveDate>,
        window: Window,
        late: LateRule,
    ) -> Result<Self, ScheduleError> {
        recurrence.validate()?;
        if slots.is_empty() {
            return Err(ScheduleError::Empty {
                field: "slots",
                detail: "give at least one local time (HH:MM) at which the task is due",
            });
        }
        if slots.len() > MAX_SLOTS {
            return Err(ScheduleError::TooMany {
                field: "slots",
                count: slots.len(),
                max: MAX_SLOTS,
                detail: "give at most 24 local times a day",
            });
        }
        let mut sorted = slots;
        sorted.sort();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return Err(ScheduleError::Duplicate { field: "slots", value: w[0].to_string() });
        }
        check_date(start)?;
        if let Some(end) = end {
            check_date(end)?;
            if end < start {
                return Err(ScheduleError::Reversed { field: "task end date", from: start, to: end });
            }
        }
        if late.grace_minutes > window.closes_after_minutes {
            return Err(ScheduleError::GraceBeyondWindow {
                grace: late.grace_minutes,
                closes_after: window.closes_after_minutes,
            });
        }
        Ok(ScheduledTask { task, recurrence, slots: sorted, start, end, window, late, source: None })
    }

    /// The same task with the source its defaults come from.
    pub fn with_source(mut self, source: Source) -> Self {
        self.source = Some(source);
        self
    }

    /// The task.
    pub fn task(&self) -> &Task {
        &self.task
    }

    /// The recurrence.
    pub fn recurrence(&self) -> &Recurrence {
        &self.recurrence
    }

    /// The local slots, sorted.
    pub fn slots(&self) -> &[ClockTime] {
        &self.slots
    }

    /// The first local date.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last local date (inclusive), if any.
    pub fn end(&self) -> Option<NaiveDate> {
        self.end
    }

    /// The completion window.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The late rule.
    pub fn late(&self) -> LateRule {
        self.late
    }

    /// Where the task's defaults come from, when it was made from a protocol default.
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// Whether `date` lies within the task's start and end dates.
    pub fn in_bounds(&self, date: NaiveDate) -> bool {
        date >= self.start && self.end.is_none_or(|e| date <= e)
    }
}

/// A patient's schedule: tasks with unique ids. Persisted as `ipsrt.schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScheduleRaw")]
pub struct Schedule {
    tasks: Vec<ScheduledTask>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleRaw {
    tasks: Vec<ScheduledTask>,
}

impl TryFrom<ScheduleRaw> for Schedule {
    type Error = ScheduleError;
    fn try_from(r: ScheduleRaw) -> Result<Self, Self::Error> {
        Schedule::new(r.tasks)
    }
}

impl Schedule {
    /// A schedule of at most [`MAX_TASKS`] tasks with unique ids (kept in the order given).
    pub fn new(tasks: Vec<ScheduledTask>) -> Result<Self, ScheduleError> {
        if tasks.len() > MAX_TASKS {
            return Err(ScheduleError::TooMany {
                field: "tasks",
                count: tasks.len(),
                max: MAX_TASKS,
                detail: "split the schedule",
            });
        }
        let mut seen = BTreeSet::new();
        for t in &tasks {
            if !seen.insert(t.task.id.as_str()) {
                return Err(ScheduleError::Duplicate { field: "tasks", value: quote(&t.task.id) });
            }
        }
        Ok(Schedule { tasks })
    }

    /// The tasks, in the order given.
    pub fn tasks(&self) -> &[ScheduledTask] {
        &self.tasks
    }

    /// The task with id `id`.
    pub fn task(&self, id: &str) -> Option<&ScheduledTask> {
        self.tasks.iter().find(|t| t.task.id == id)
    }

    /// The same schedule with one more task (its id must be new).
    pub fn with_task(&self, task: ScheduledTask) -> Result<Schedule, ScheduleError> {
        let mut tasks = self.tasks.clone();
        tasks.push(task);
        Schedule::new(tasks)
    }
}

impl Persist for Schedule {
    const SCHEMA: &'static str = "ipsrt.schedule";
    const VERSION: u32 = 1;
}
