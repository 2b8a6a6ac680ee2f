//! Adherence per task, consecutive missed occurrences and "no data for N days": plain values
//! for the host (and, later, the alert machine's observations).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ScheduleError;
use super::occurrence::{Occurrence, OccurrenceId, OccurrenceState, ScheduleRecords};
use super::task::Schedule;
use super::zone::ZoneHistory;

/// Adherence of one task over the occurrences evaluated.
///
/// Only settled occurrences count as expected (completed or missed); excused and pending
/// (upcoming, open, overdue) occurrences are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Adherence {
    /// Completed on time.
    pub on_time: u32,
    /// Completed late.
    pub late: u32,
    /// Missed.
    pub missed: u32,
    /// Excused (not expected).
    pub excused: u32,
    /// Not settled yet (upcoming, open or overdue).
    pub pending: u32,
}

impl Adherence {
    /// Occurrences that were due and are settled: completed plus missed.
    pub fn expected(&self) -> u32 {
        self.completed() + self.missed
    }

    /// Completed, on time or late.
    pub fn completed(&self) -> u32 {
        self.on_time + self.late
    }

    /// Completed / expected, or `None` when nothing was expected.
    pub fn completion_rate(&self) -> Option<f64> {
        let e = self.expected();
        (e > 0).then(|| f64::from(self.completed()) / f64::from(e))
    }

    /// On time / completed, or `None` when nothing was completed.
    pub fn on_time_share(&self) -> Option<f64> {
        let c = self.completed();
        (c > 0).then(|| f64::from(self.on_time) / f64::from(c))
    }

    fn add(&mut self, state: &OccurrenceState) {
        let slot = match state {
            OccurrenceState::CompletedOnTime { .. } => &mut self.on_time,
            OccurrenceState::CompletedLate { .. } => &mut self.late,
            OccurrenceState::Missed => &mut self.missed,
            OccurrenceState::Excused { .. } => &mut self.excused,
            OccurrenceState::Upcoming | OccurrenceState::Open | OccurrenceState::Overdue => &mut self.pending,
        };
        *slot = slot.saturating_add(1);
    }
}

/// Adherence per task id (sorted by task id) over evaluated occurrences. A task with no
/// occurrence among them is absent (nothing was scheduled).
pub fn adherence(occurrences: &[Occurrence]) -> BTreeMap<String, Adherence> {
    let mut out: BTreeMap<String, Adherence> = BTreeMap::new();
    for o in occurrences {
        out.entry(o.id.task.clone()).or_default().add(&o.state);
    }
    out
}

/// Consecutive missed occurrences of one task, in due order. Excused and pending occurrences
/// neither count nor break a run; a completion ends it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MissedStreak {
    /// The task id.
    pub task: String,
    /// Missed occurrences since the last completion (the run still going at the end).
    pub current: u32,
    /// The longest run among the occurrences evaluated.
    pub longest: u32,
    /// The last missed occurrence, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_missed: Option<OccurrenceId>,
}

/// Missed runs per task id (sorted by task id) over evaluated occurrences (in any order; they
/// are taken in due order).
pub fn missed_streaks(occurrences: &[Occurrence]) -> Vec<MissedStreak> {
    let mut sorted: Vec<&Occurrence> = occurrences.iter().collect();
    sorted.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let mut by_task: BTreeMap<&str, MissedStreak> = BTreeMap::new();
    for o in sorted {
        let s = by_task.entry(o.id.task.as_str()).or_insert_with(|| MissedStreak {
            task: o.id.task.clone(),
            current: 0,
            longest: 0,
            last_missed: None,
        });
        match o.state {
            OccurrenceState::Missed => {
                s.current = s.current.saturating_add(1);
                s.longest = s.longest.max(s.current);
                s.last_missed = Some(o.id.clone());
            }
            OccurrenceState::CompletedOnTime { .. } | OccurrenceState::CompletedLate { .. } => s.current = 0,
            _ => {}
        }
    }
    by_task.into_values().collect()
}

/// How long a task has had no data: local civil days from the last completion (or, if none,
/// from the task's start) to today (or to the task's end, if it has ended).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataGap {
    /// The task id.
    pub task: String,
    /// What the task is.
    pub what: String,
    /// The last completion known at "now", if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_completed: Option<DateTime<Utc>>,
    /// The local date the gap is counted from (the last completion's, or the task's start).
    pub since: NaiveDate,
    /// Whole local days from `since` to today (0 when data came in today).
    pub days: u32,
}

impl Schedule {
    /// "No data for N days" per task that has started by now's local date (in schedule order).
    ///
    /// Days are local civil days in the zone history: today is the local date of `now`, a
    /// completion's day is the local date of its instant. Completions after `now` are ignored.
    /// Records are checked first ([`Schedule::check_records`]).
    pub fn data_gaps(
        &self,
        zones: &ZoneHistory,
        records: &ScheduleRecords,
        now: DateTime<Utc>,
    ) -> Result<Vec<DataGap>, ScheduleError> {
        self.check_records(zones, records)?;
        let today = zones.local_date(now)?;
        let mut last: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
        for c in records.completions() {
            let at = c.at.to_utc_lenient();
            if at <= now {
                last.entry(c.occurrence.task.as_str()).and_modify(|t| *t = (*t).max(at)).or_insert(at);
            }
        }
        let mut out = Vec::new();
        for task in self.tasks() {
            if task.start() > today {
                continue;
            }
            let until = task.end().map_or(today, |e| e.min(today));
            let last_completed = last.get(task.task().id()).copied();
            let since = match last_completed {
                Some(at) => zones.local_date(at).unwrap_or(at.date_naive()),
                None => task.start(),
            };
            let days = u32::try_from((until - since).num_days().max(0)).unwrap_or(u32::MAX);
            out.push(DataGap {
                task: task.task().id().to_owned(),
                what: task.task().what().to_owned(),
                last_completed,
                since,
                days,
            });
        }
        Ok(out)
    }
}
