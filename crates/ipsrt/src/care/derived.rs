//! Observations the record derives from its schedule and completions ("no data for N days"),
//! deterministically from the log: never from the wall clock.
//!
//! The rule: at every clinical date `D` on which the log has an entry in force, the gap is
//! observed as it stood at the end of the day before, `E = D − 1` (what a status on `E` would
//! have shown): `days = E − since`, where `since` is the latest of the clinical date of the
//! last self-report (a completion of a schedule task other than medication) on or before `E`
//! and the start of the self-report tasks in force. When `days ≥ 1`, a
//! `no_recent_entries { days }` observation dated `E` is fed to the alert machine after the
//! log's own entries, with the evidence of the gap; the plan's threshold decides whether it
//! raises a level.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::ScheduleVersion;
use crate::relapse::Observed;

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
}

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
