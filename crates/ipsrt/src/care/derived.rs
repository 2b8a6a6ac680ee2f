//! Observations the record derives from its schedule and completions ("no data for N days",
//! occurrences of a task missed in a row), deterministically from the log: never from the wall
//! clock.
//!
//! The rule: at every clinical date `D` on which the log has an entry in force, the gap is
//! observed as it stood at the end of the day before, `E = D − 1` (what a status on `E` would
//! have shown): `days = E − since`, where `since` is the latest of the clinical date of the
//! last self-report (a completion of a schedule task other than medication) on or before `E`
//! and the start of the self-report tasks in force. When `days ≥ 1`, a
//! `no_recent_entries { days }` observation dated `E` is fed to the alert machine after the
//! log's own entries, with the evidence of the gap; the plan's threshold decides whether it
//! raises a level.
//!
//! Missed runs follow the same rule: at every clinical date `D` of an entry in force, each
//! self-report task's run of missed occurrences is taken as a status on `E = D − 1` would show
//! it (the schedule evaluated at the end of that local day, excused and pending occurrences
//! neither counting nor breaking a run, a completion ending it). When a task's run differs from
//! the one last observed for that task (a new missed occurrence), a
//! `missed_occurrences { task, count }` observation dated `E` is fed, with the missed
//! occurrences as evidence; when a run that was observed has ended (the task was completed), a
//! `missed_occurrences { task, count: 0 }` observation says so.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::{CareRecord, ScheduleVersion};
use crate::relapse::Observed;
use crate::schedule::{Occurrence, OccurrenceId, OccurrenceState};

/// The task `what` whose completions are not a self-report.
const NOT_SELF_REPORT: &str = "medication";

/// The fewest days without a self-report that become an observation (as in a status).
pub const MIN_GAP_DAYS: u32 = 1;

/// What a derived observation rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DerivedEvidence {
    /// Days without any self-report of the schedule in force.
    DataGap {
        /// The self-report task ids of the schedule version in force.
        tasks: Vec<String>,
        /// The entry id of the schedule version in force.
        schedule_entry: String,
        /// The date the gap counts from: the last self-report's clinical date, or the tasks' start.
        since: NaiveDate,
        /// The entry of that last self-report, if there was one.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_entry: Option<String>,
        /// The date it is dated on: the day before `next_entry_on`.
        observed_on: NaiveDate,
        /// The clinical date of the next entry of the log, which closed the observation.
        next_entry_on: NaiveDate,
        /// The days from `since` to `observed_on`.
        days: u32,
    },
    /// Occurrences of one self-report task missed in a row (a completion ends a run).
    MissedRun {
        /// The task id.
        task: String,
        /// What the task is (its `what` code).
        what: String,
        /// The entry id of the schedule version in force on `observed_on`.
        schedule_entry: String,
        /// The missed occurrences of the run (`task/date/slot`), oldest first: at most the
        /// latest [`MAX_LISTED_OCCURRENCES`] (`count` says how many there are).
        occurrences: Vec<String>,
        /// Missed occurrences in a row (0: the run observed before has ended).
        count: u32,
        /// The completion that ended the run, when `count` is 0.
        #[serde(skip_serializing_if = "Option::is_none")]
        ended_by: Option<String>,
        /// The date it is dated on: the day before `next_entry_on`.
        observed_on: NaiveDate,
        /// The clinical date of the next entry of the log, which closed the observation.
        next_entry_on: NaiveDate,
    },
}

/// The most missed occurrences a missed run lists as evidence (the latest ones).
pub const MAX_LISTED_OCCURRENCES: usize = 31;

/// An observation derived from the log (not from one entry), with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DerivedObservation {
    /// A stable id: `derived/<kind>/<date>`.
    pub id: String,
    /// The clinical date it is dated on.
    pub date: NaiveDate,
    /// What the alert machine reads.
    pub observed: Observed,
    /// What it rests on.
    pub evidence: DerivedEvidence,
}

/// One self-report completion: its clinical date, entry id and task id.
pub(crate) struct DataPoint {
    pub date: NaiveDate,
    pub entry: String,
    pub task: String,
}

/// The data-gap observations of a record (in date order), from its schedule versions (in
/// clinical order), its self-report completions and the clinical dates of its entries in force.
/// A gap counts from the first schedule version's date at the earliest: a later schedule
/// version does not restart it.
pub(crate) fn data_gaps(
    schedules: &[ScheduleVersion],
    points: &[DataPoint],
    entry_dates: &BTreeSet<NaiveDate>,
) -> Vec<DerivedObservation> {
    // Per task id: the sorted (date, entry) of its completions.
    let mut by_task: BTreeMap<&str, Vec<(NaiveDate, &str)>> = BTreeMap::new();
    for p in points {
        by_task.entry(p.task.as_str()).or_default().push((p.date, p.entry.as_str()));
    }
    for list in by_task.values_mut() {
        list.sort_unstable();
    }
    let Some(first) = schedules.first().map(|v| v.effective) else { return Vec::new() };
    let mut out = Vec::new();
    for &next in entry_dates {
        let Some(d) = next.pred_opt() else { continue };
        let Some(version) = schedules.iter().rev().find(|v| v.effective <= d) else { continue };
        let mut tasks: Vec<String> = Vec::new();
        let mut since: Option<NaiveDate> = None;
        let mut last_entry: Option<&str> = None;
        for t in version.schedule.tasks() {
            if t.task().what() == NOT_SELF_REPORT || t.start() > d || t.end().is_some_and(|e| e < d) {
                continue;
            }
            tasks.push(t.task().id().to_owned());
            let mut task_since = t.start().max(first);
            let mut task_entry = None;
            if let Some(list) = by_task.get(t.task().id()) {
                let k = list.partition_point(|(date, _)| *date <= d);
                if let Some(&(date, entry)) = k.checked_sub(1).and_then(|k| list.get(k))
                    && date >= task_since
                {
                    task_since = date;
                    task_entry = Some(entry);
                }
            }
            if since.is_none_or(|s| task_since > s) {
                since = Some(task_since);
                last_entry = task_entry;
            } else if since == Some(task_since) && last_entry.is_none() {
                last_entry = task_entry;
            }
        }
        let Some(since) = since else { continue };
        let days = u32::try_from((d - since).num_days()).unwrap_or(0);
        if days < MIN_GAP_DAYS {
            continue;
        }
        out.push(DerivedObservation {
            id: format!("derived/data_gap/{d}"),
            date: d,
            observed: Observed::NoRecentEntries { days: u16::try_from(days).unwrap_or(u16::MAX) },
            evidence: DerivedEvidence::DataGap {
                tasks,
                schedule_entry: version.entry.clone(),
                since,
                last_entry: last_entry.map(str::to_owned),
                observed_on: d,
                next_entry_on: next,
                days,
            },
        });
    }
    out
}

/// The state of an occurrence at `now`, from its state evaluated at a later instant (the same
/// rule as `Schedule::evaluate`: a credited completion known by then, else an excusal, else
/// the window's times).
fn state_at(o: &Occurrence, now: DateTime<Utc>, excused: bool) -> Run {
    match o.state {
        OccurrenceState::CompletedOnTime { at } | OccurrenceState::CompletedLate { at } if at <= now => Run::Completed,
        _ if excused => Run::Neutral,
        _ if now <= o.closes => Run::Neutral,
        _ => Run::Missed,
    }
}

#[derive(PartialEq)]
enum Run {
    Completed,
    Missed,
    Neutral,
}

/// The end of the local day `on` in `zone` (as a status on `on` evaluates it).
pub(crate) fn end_of_day(zone: chrono_tz::Tz, on: NaiveDate) -> DateTime<Utc> {
    let next_day = on.succ_opt().unwrap_or(on);
    crate::time::ZonedDateTime::new(next_day.and_hms_opt(0, 0, 0).unwrap_or_default(), zone).to_utc_lenient()
        - Duration::seconds(1)
}

/// One task's run of missed occurrences at the end of a day: the missed occurrences (oldest
/// first) and the completion that ended the run before them, if any.
pub(crate) struct TaskRun<'a> {
    pub what: &'a str,
    pub missed: Vec<&'a OccurrenceId>,
    pub completed: Option<&'a OccurrenceId>,
}

/// Per self-report task: its occurrences across the schedule versions (each over its own
/// period, up to `until`) in due order, and the excused occurrence ids.
pub(crate) struct Occurrences {
    by_task: BTreeMap<String, Vec<Occurrence>>,
    excused: BTreeSet<OccurrenceId>,
}

impl Occurrences {
    /// Evaluates every schedule version of `rec` over its period up to `until`, at `now`.
    /// A version that cannot be evaluated (for example dated before the patient's
    /// registration) is left out.
    pub(crate) fn of(rec: &CareRecord, until: NaiveDate, now: DateTime<Utc>) -> Occurrences {
        let mut out = Occurrences { by_task: BTreeMap::new(), excused: BTreeSet::new() };
        let Some(zones) = rec.zones() else { return out };
        let sessions = rec.sessions();
        let versions = rec.schedules();
        for (k, v) in versions.iter().enumerate() {
            let end = versions.get(k + 1).map_or(until, |n| n.effective.pred_opt().unwrap_or(n.effective).min(until));
            let Ok(records) = super::status::records_for(rec, &v.schedule, &sessions) else { continue };
            // As a status does: at most the latest evaluation range counts.
            let from = v.effective.max(end - Duration::days(crate::schedule::MAX_RANGE_DAYS - 1));
            if from > end {
                continue;
            }
            let Ok(list) = v.schedule.evaluate(zones, &records, from, end, now) else { continue };
            for o in list {
                if o.what == NOT_SELF_REPORT {
                    continue;
                }
                out.by_task.entry(o.id.task.clone()).or_default().push(o);
            }
        }
        for list in out.by_task.values_mut() {
            list.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        }
        out.excused = rec.excusals().iter().map(|x| x.occurrence.clone()).collect();
        out
    }

    /// Each task's run at `now`, the end of the local day `day`: occurrences dated after `day`
    /// do not count.
    pub(crate) fn runs_at(&self, day: NaiveDate, now: DateTime<Utc>) -> BTreeMap<&str, TaskRun<'_>> {
        let mut out = BTreeMap::new();
        for (task, list) in &self.by_task {
            // Occurrences due more than two days after `now` are never dated on or before `day`.
            let horizon = now + Duration::days(2);
            let k = list.partition_point(|o| o.due <= horizon);
            let mut run = TaskRun { what: "", missed: Vec::new(), completed: None };
            let mut seen = false;
            for o in list.get(..k).unwrap_or(&[]).iter().rev() {
                if o.id.date > day {
                    continue;
                }
                seen = true;
                run.what = o.what.as_str();
                match state_at(o, now, self.excused.contains(&o.id)) {
                    Run::Completed => {
                        run.completed = Some(&o.id);
                        break;
                    }
                    Run::Missed => run.missed.push(&o.id),
                    Run::Neutral => {}
                }
            }
            if seen {
                run.missed.reverse();
                out.insert(task.as_str(), run);
            }
        }
        out
    }
}

/// Per task: the count and the last missed occurrence of the run observed last (before `day`).
pub(crate) fn last_observed_runs(
    derived: &[DerivedObservation],
    day: NaiveDate,
) -> BTreeMap<String, (u32, Option<String>)> {
    let mut out = BTreeMap::new();
    for d in derived.iter().filter(|d| d.date < day) {
        if let DerivedEvidence::MissedRun { task, count, occurrences, .. } = &d.evidence {
            out.insert(task.clone(), (*count, occurrences.last().cloned()));
        }
    }
    out
}

/// Whether a task's run is news after the run observed last: a new missed occurrence, or the
/// end of a run that was observed.
pub(crate) fn run_is_news(run: &TaskRun<'_>, last: Option<&(u32, Option<String>)>) -> bool {
    let count = u32::try_from(run.missed.len()).unwrap_or(u32::MAX);
    let latest = run.missed.last().map(|o| o.to_string());
    match last {
        None => count > 0,
        Some((c, l)) => (count > 0 && (count, latest) != (*c, l.clone())) || (count == 0 && *c > 0),
    }
}

/// The observation for a task's run.
pub(crate) fn run_observed(task: &str, run: &TaskRun<'_>) -> Observed {
    Observed::MissedOccurrences { task: task.to_owned(), count: u16::try_from(run.missed.len()).unwrap_or(u16::MAX) }
}

/// The missed-run observations of a record (in date order), at the day before each clinical
/// date of its entries in force.
pub(crate) fn missed_runs(rec: &CareRecord, entry_dates: &BTreeSet<NaiveDate>) -> Vec<DerivedObservation> {
    let (Some(zones), Some(first)) = (rec.zones(), rec.schedules().first().map(|v| v.effective)) else {
        return Vec::new();
    };
    // (day observed, next entry's date) pairs.
    let days: Vec<(NaiveDate, NaiveDate)> =
        entry_dates.iter().filter_map(|&d| d.pred_opt().map(|p| (p, d))).filter(|(p, _)| *p >= first).collect();
    let Some(&(last_day, _)) = days.last() else { return Vec::new() };
    let end = |day: NaiveDate| zones.zone_on(day).ok().map(|z| end_of_day(z, day));
    let Some(last_now) = end(last_day) else { return Vec::new() };
    let all = Occurrences::of(rec, last_day, last_now);
    let mut out: Vec<DerivedObservation> = Vec::new();
    let mut last: BTreeMap<String, (u32, Option<String>)> = BTreeMap::new();
    for &(day, next) in &days {
        let Some(now) = end(day) else { continue };
        let Some(version) = rec.schedules().iter().rev().find(|v| v.effective <= day) else { continue };
        for (task, run) in all.runs_at(day, now) {
            if !run_is_news(&run, last.get(task)) {
                continue;
            }
            let count = u32::try_from(run.missed.len()).unwrap_or(u32::MAX);
            let listed = run.missed.len().saturating_sub(MAX_LISTED_OCCURRENCES);
            let occurrences: Vec<String> =
                run.missed.get(listed..).unwrap_or(&[]).iter().map(|o| o.to_string()).collect();
            last.insert(task.to_owned(), (count, occurrences.last().cloned()));
            out.push(DerivedObservation {
                id: format!("derived/missed_run/{day}/{task}"),
                date: day,
                observed: run_observed(task, &run),
                evidence: DerivedEvidence::MissedRun {
                    task: task.to_owned(),
                    what: run.what.to_owned(),
                    schedule_entry: version.entry.clone(),
                    occurrences,
                    count,
                    ended_by: if count == 0 { run.completed.map(|o| o.to_string()) } else { None },
                    observed_on: day,
                    next_entry_on: next,
                },
            });
        }
    }
    out
}
