//! What is due, overdue and missed on a date; adherence per task over the last 28 days; the
//! alert level with its plan version and evidence; the open safety warnings.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::{CareError, CareLog, CareRecord, EntryKind, EntryState, NotReadyReason};
use crate::relapse::{AlertLevel, Observation, Observed, Reason, SafetyItem};
use crate::schedule::{Adherence, DataGap, MissedStreak, Occurrence, ScheduleRecords, adherence, missed_streaks};
use crate::time::ZonedDateTime;

/// How many days back `missed` lists missed occurrences.
pub const MISSED_LOOKBACK_DAYS: i64 = 28;

/// How many days (ending on the status date) the status's adherence counts: the same 28 days
/// as `missed`.
pub const ADHERENCE_WINDOW_DAYS: i64 = MISSED_LOOKBACK_DAYS;

/// Adherence of one task over the status's window.
///
/// The counts are those of [`crate::schedule::adherence`] over the task's occurrences whose
/// local date falls in the window, whichever schedule version they came from. Only settled
/// occurrences are expected: `expected = on_time + late + missed`. Excused occurrences and
/// occurrences still pending (upcoming, open or overdue) are not misses and are not expected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskAdherenceView {
    /// The task id.
    pub task: String,
    /// What the task is (its `what` code, from its latest occurrence in the window).
    pub what: String,
    /// Completed on time, completed late, missed, excused and pending (upcoming, open or
    /// overdue: still open).
    #[serde(flatten)]
    pub counts: Adherence,
    /// Occurrences due and settled: on time + late + missed.
    pub expected: u32,
    /// Completed / expected, between 0 and 1; `None` (JSON `null`) when nothing was expected
    /// yet ("nothing due", not "0 %").
    pub completion_rate: Option<f64>,
    /// On time / completed; `None` when nothing was completed.
    pub on_time_share: Option<f64>,
}

impl TaskAdherenceView {
    fn new(task: String, what: String, counts: Adherence) -> Self {
        TaskAdherenceView {
            task,
            what,
            expected: counts.expected(),
            completion_rate: counts.completion_rate(),
            on_time_share: counts.on_time_share(),
            counts,
        }
    }
}

/// Adherence per task over the last [`ADHERENCE_WINDOW_DAYS`] local dates up to the status
/// date (both included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusAdherence {
    /// The first local date counted.
    pub from: NaiveDate,
    /// The last local date counted (the status date).
    pub to: NaiveDate,
    /// Per task with at least one occurrence in the window, sorted by task id. A task with no
    /// occurrence there is absent: nothing was scheduled.
    pub tasks: Vec<TaskAdherenceView>,
}

impl StatusAdherence {
    /// Adherence over the occurrences (of any schedule version) dated from `from` to `to`.
    fn of(occurrences: &[Occurrence], from: NaiveDate, to: NaiveDate) -> Self {
        let inside: Vec<Occurrence> =
            occurrences.iter().filter(|o| o.id.date >= from && o.id.date <= to).cloned().collect();
        let mut what: std::collections::BTreeMap<&str, (&crate::schedule::OccurrenceId, &str)> =
            std::collections::BTreeMap::new();
        for o in &inside {
            let slot = what.entry(o.id.task.as_str()).or_insert((&o.id, o.what.as_str()));
            if (o.id.date, o.id.slot) >= (slot.0.date, slot.0.slot) {
                *slot = (&o.id, o.what.as_str());
            }
        }
        let tasks = adherence(&inside)
            .into_iter()
            .map(|(task, counts)| {
                let w = what.get(task.as_str()).map(|(_, w)| (*w).to_owned()).unwrap_or_default();
                TaskAdherenceView::new(task, w, counts)
            })
            .collect();
        StatusAdherence { from, to, tasks }
    }
}

/// One occurrence in a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OccurrenceView {
    /// The occurrence id (`phq9/2026-03-10/09:00`).
    pub id: String,
    /// What is due (the task's `what` code).
    pub what: String,
    /// The due time, local.
    pub due_local: ZonedDateTime,
    /// The state name (`open`, `overdue`, `missed`, ...).
    pub state: String,
}

impl From<&Occurrence> for OccurrenceView {
    fn from(o: &Occurrence) -> Self {
        OccurrenceView {
            id: o.id.to_string(),
            what: o.what.clone(),
            due_local: o.due_local,
            state: o.state.name().to_owned(),
        }
    }
}

/// Why a safety warning is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A safety item answered at or above its threshold (PHQ-9 item 9 above 0, ...).
    SafetyAnswer,
    /// A crisis-plan warning sign was logged.
    CrisisSign,
    /// An entry that was evidence of an alert (or changed the level at its arrival) was later
    /// corrected or retracted: the level never drops by itself, a clinician reviews it.
    EvidenceRetracted,
}

/// A safety warning that no clinician has acknowledged yet (an `acknowledged` entry dated on
/// or after it closes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SafetyWarning {
    /// Why.
    pub kind: WarningKind,
    /// The entry behind it.
    pub entry: String,
    /// Its clinical date.
    pub date: NaiveDate,
    /// What, in words.
    pub detail: String,
}

/// The alert part of a status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertStatus {
    /// The current (reported) level.
    pub level: AlertLevel,
    /// The level of the date-ordered history.
    pub history_level: AlertLevel,
    /// The relapse plan in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Its version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_version: Option<u32>,
    /// Since when the level holds (the date of the transition that reached it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Why (the reasons of that transition).
    pub reasons: Vec<Reason>,
    /// The entries behind those reasons.
    pub evidence: Vec<String>,
    /// The observations derived from the log behind those reasons (a data gap: which tasks,
    /// since when, observed on which date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_evidence: Vec<super::DerivedEvidence>,
}

/// A course in a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseSummary {
    /// The course id.
    pub id: String,
    /// The course it follows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The protocol's id.
    pub protocol: String,
    /// The phase (`"middle"`, `"maintenance"`, ...); of an IPSRT course, the phase of the IPT
    /// course inside it.
    pub phase: String,
    /// The IPSRT phase (`"initial"`, `"intermediate"`, `"continuation_maintenance"`, `"final"`,
    /// `"ended"`), for an IPSRT course.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipsrt_phase: Option<crate::ipsrt::IpsrtPhase>,
}

/// The state of a care record on a date, as known at the end of that day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareStatus {
    /// The date asked for.
    pub on: NaiveDate,
    /// The instant evaluated (the end of that local day unless a time was given).
    pub now: DateTime<Utc>,
    /// The patient.
    pub patient_ref: String,
    /// The zone in force on that date.
    pub zone: String,
    /// The alert level with its plan version and evidence (after the observations derived
    /// from the schedule on that date).
    pub alert: AlertStatus,
    /// Occurrences due that day whose window is open or not yet open.
    pub due: Vec<OccurrenceView>,
    /// Occurrences past their due time and grace period, window still open.
    pub overdue: Vec<OccurrenceView>,
    /// Occurrences missed in the last 28 days.
    pub missed: Vec<OccurrenceView>,
    /// Runs of consecutive missed occurrences still going, per task.
    pub missed_streaks: Vec<MissedStreak>,
    /// Adherence per task over the last 28 days up to `on` ([`ADHERENCE_WINDOW_DAYS`]).
    pub adherence: StatusAdherence,
    /// "No data for N days" per task of the schedule in force.
    pub data_gaps: Vec<DataGap>,
    /// The observations derived from the schedule on that date and read by the alert machine
    /// (`no_recent_entries`, `missed_occurrences`), when the replay has not read them already.
    pub derived_observations: Vec<Observation>,
    /// Safety warnings no clinician has acknowledged.
    pub safety_warnings: Vec<SafetyWarning>,
    /// The courses.
    pub courses: Vec<CourseSummary>,
    /// The episode state, once the episode course has started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub episode: Option<crate::episode::EpisodeState>,
    /// Entries that arrived after entries with a later clinical date.
    pub late_entries: Vec<String>,
}

impl CareRecord {
    /// The status on `on`, as known at the end of that local day: only entries recorded by
    /// then count. Schedule occurrences are evaluated at that instant; the days without any
    /// self-report become a `no_recent_entries` observation and a self-report task's run of
    /// missed occurrences not yet observed a `missed_occurrences` observation for the alert
    /// machine (on a copy: the record does not change). Adherence per task counts the
    /// occurrences of the last [`ADHERENCE_WINDOW_DAYS`] local dates up to `on`.
    ///
    /// # Errors
    /// [`CareError::NotReady`] before the patient is registered or when the schedule cannot be
    /// evaluated on that date.
    pub fn status(&self, on: NaiveDate) -> Result<CareStatus, CareError> {
        self.status_at(on, None)
    }

    /// The record as known at the end of the local day `on` (or at the local clock time `time`
    /// of that day): replayed from only the entries recorded by then, with that instant (UTC).
    /// What an app would have shown then; [`CareRecord::status_at`] reads it.
    ///
    /// # Errors
    /// [`CareError::NotReady`] before the patient is registered or when `on` has no zone.
    pub fn known_by(&self, on: NaiveDate, time: Option<crate::time::ClockTime>) -> Result<CareRecord, CareError> {
        self.known_at(on, time).map(|(rec, _)| rec)
    }

    /// [`CareRecord::known_by`] with the instant it stands for.
    fn known_at(
        &self,
        on: NaiveDate,
        time: Option<crate::time::ClockTime>,
    ) -> Result<(CareRecord, DateTime<Utc>), CareError> {
        let zones = self.zones().ok_or_else(|| {
            CareError::NotReady("the record has no patient_registered entry: register the patient first".into())
        })?;
        let zone = zones.zone_on(on).map_err(|e| CareError::NotReady(NotReadyReason::error(e)))?;
        let now = match time {
            Some(t) => ZonedDateTime::new(on.and_time(t.to_naive_time()), zone).to_utc_lenient(),
            None => {
                let next_day = on.succ_opt().unwrap_or(on);
                ZonedDateTime::new(next_day.and_hms_opt(0, 0, 0).unwrap_or_default(), zone).to_utc_lenient()
                    - Duration::seconds(1)
            }
        };
        let known: Vec<_> =
            self.log().entries.iter().filter(|e| e.recorded_at.to_utc_lenient() <= now).cloned().collect();
        let rec = if known.len() == self.log().entries.len() {
            self.clone()
        } else {
            CareRecord::replay(&CareLog::new(known))?
        };
        Ok((rec, now))
    }

    /// The status on `on` as known at the local clock time `time` of that day (the end of the
    /// day when `None`); otherwise as [`CareRecord::status`].
    ///
    /// # Errors
    /// As [`CareRecord::status`].
    pub fn status_at(&self, on: NaiveDate, time: Option<crate::time::ClockTime>) -> Result<CareStatus, CareError> {
        let (rec, now) = self.known_at(on, time)?;
        let zone = self
            .zones()
            .ok_or_else(|| CareError::NotReady("the record has no patient_registered entry".into()))?
            .zone_on(on)
            .map_err(|e| CareError::NotReady(NotReadyReason::error(e)))?;
        let zones = rec.zones().ok_or_else(|| {
            CareError::NotReady(NotReadyReason::Text(format!(
                "the patient was not registered by the end of {on}: choose a later date"
            )))
        })?;

        // Schedules: each version over its own period, up to `on`.
        let sessions = rec.sessions();
        let mut occurrences: Vec<Occurrence> = Vec::new();
        let mut gaps: Vec<DataGap> = Vec::new();
        let versions = rec.schedules();
        for (k, v) in versions.iter().enumerate() {
            let until = versions.get(k + 1).map_or(on, |n| n.effective.pred_opt().unwrap_or(n.effective).min(on));
            let records = records_for(&rec, &v.schedule, &sessions)?;
            if k + 1 == versions.len() {
                gaps = v
                    .schedule
                    .data_gaps(zones, &records, now)
                    .map_err(|e| CareError::NotReady(NotReadyReason::error(e)))?;
            }
            let from = v.effective.max(on - Duration::days(crate::schedule::MAX_RANGE_DAYS - 1));
            if from > until {
                continue;
            }
            let mut o = v.schedule.evaluate(zones, &records, from, until, now).map_err(|e| {
                CareError::NotReady(NotReadyReason::within(format!("the schedule of entry {} on {on}", v.entry), e))
            })?;
            occurrences.append(&mut o);
        }
        let view = |f: &dyn Fn(&Occurrence) -> bool| -> Vec<OccurrenceView> {
            occurrences.iter().filter(|o| f(o)).map(OccurrenceView::from).collect()
        };
        use crate::schedule::OccurrenceState as S;
        let due = view(&|o| o.id.date == on && matches!(o.state, S::Open | S::Upcoming));
        let overdue = view(&|o| o.state == S::Overdue);
        let lookback = on - Duration::days(MISSED_LOOKBACK_DAYS - 1);
        let missed = view(&|o| o.state == S::Missed && o.id.date >= lookback);
        let streaks: Vec<MissedStreak> = missed_streaks(&occurrences).into_iter().filter(|s| s.current > 0).collect();
        let adherence = StatusAdherence::of(&occurrences, on - Duration::days(ADHERENCE_WINDOW_DAYS - 1), on);

        // Observations derived from the schedule: days without any self-report.
        let mut derived = Vec::new();
        let self_report_gap = gaps.iter().filter(|g| g.what != "medication").map(|g| g.days).min();
        // The replay derived the gaps up to the latest entry's date; the status adds the gap
        // still open on `on` when no entry is dated on or after it.
        let replayed = rec.derived_observations().iter().any(|d| d.date >= on)
            || rec.entries().iter().any(|e| e.effective >= on && matches!(e.state, EntryState::Active));
        if let Some(days) = self_report_gap
            && days >= 1
            && !replayed
        {
            let days = u16::try_from(days).unwrap_or(u16::MAX);
            derived.push(Observation::new(on, Observed::NoRecentEntries { days }));
        }
        // Runs of missed occurrences (of the self-report tasks) that changed since the run the
        // replay observed last: a new missed occurrence, or a run that ended.
        if !replayed {
            let all = super::derived::Occurrences::of(&rec, on, now);
            let last = super::derived::last_observed_runs(rec.derived_observations(), on);
            for (task, run) in all.runs_at(on, now) {
                if super::derived::run_is_news(&run, last.get(task)) {
                    derived.push(Observation::new(on, super::derived::run_observed(task, &run)));
                }
            }
        }
        let mut copy = rec.clone();
        if let Some(k) = rec.plan_index_on(on) {
            for o in &derived {
                copy.observe_bound(k, o.clone()).map_err(|e| CareError::NotReady(NotReadyReason::error(e)))?;
            }
        }
        let machine = copy.alert_machine();

        // The alert level with its plan version and evidence.
        let level = machine.level();
        let last = rec.alerts().iter().rev().find(|a| a.transition.to == level && a.transition.from != level);
        let from_machine = machine.history().iter().rev().find(|t| t.to == level).cloned();
        let (since, reasons, evidence, derived_evidence) = match (last, from_machine) {
            // An observation derived by the status itself changed the level after the record's
            // last alert: that transition is the one that reached it.
            (Some(a), Some(t)) if t.date > a.transition.date && t.from != level => {
                (Some(t.date), t.reasons, Vec::new(), Vec::new())
            }
            (Some(a), _) => {
                (Some(a.transition.date), a.transition.reasons.clone(), a.evidence.clone(), a.derived_evidence.clone())
            }
            (None, Some(t)) => (Some(t.date), t.reasons, Vec::new(), Vec::new()),
            (None, None) => (None, Vec::new(), Vec::new(), Vec::new()),
        };
        let plan = rec.plan_on(on);
        let alert = AlertStatus {
            level,
            history_level: machine.history_level(),
            plan_id: plan.map(|p| p.plan_id.clone()),
            plan_version: plan.map(|p| p.version),
            since,
            reasons,
            evidence,
            derived_evidence,
        };

        Ok(CareStatus {
            on,
            now,
            patient_ref: rec.patient_ref().unwrap_or_default().to_owned(),
            zone: zone.name().to_owned(),
            alert,
            due,
            overdue,
            missed,
            missed_streaks: streaks,
            adherence,
            data_gaps: gaps,
            derived_observations: derived,
            safety_warnings: safety_warnings(&rec),
            courses: rec
                .courses()
                .iter()
                .map(|c| CourseSummary {
                    id: c.id.clone(),
                    previous: c.previous.clone(),
                    protocol: c.course.ipt().protocol.key.clone(),
                    phase: phase_name(&c.course.ipt().phase),
                    ipsrt_phase: c.course.ipsrt_phase(),
                })
                .collect(),
            episode: rec.episode().map(|e| e.state()),
            late_entries: rec.entries().iter().filter(|e| e.late).map(|e| e.id.clone()).collect(),
        })
    }
}

fn phase_name(phase: &impl Serialize) -> String {
    match serde_json::to_value(phase) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v
            .get("phase")
            .or_else(|| v.get("type"))
            .and_then(|p| p.as_str())
            .map_or_else(|| v.to_string(), str::to_owned),
        Err(_) => String::new(),
    }
}

pub(crate) fn records_for(
    rec: &CareRecord,
    schedule: &crate::schedule::Schedule,
    sessions: &[crate::schedule::SessionDate],
) -> Result<ScheduleRecords, CareError> {
    let completions = rec
        .completions()
        .iter()
        .filter(|c| schedule.find_occurrence(&c.occurrence, sessions).is_ok())
        .cloned()
        .collect();
    let excusals =
        rec.excusals().iter().filter(|x| schedule.find_occurrence(&x.occurrence, sessions).is_ok()).cloned().collect();
    ScheduleRecords::new(sessions.to_vec(), completions, excusals)
        .map_err(|e| CareError::NotReady(NotReadyReason::error(e)))
}

/// Safety answers, crisis signs and retracted evidence not yet acknowledged.
fn safety_warnings(rec: &CareRecord) -> Vec<SafetyWarning> {
    let entries = &rec.log().entries;
    let acks: Vec<NaiveDate> =
        entries.iter().filter(|e| matches!(e.event, EntryKind::Acknowledged { .. })).map(|e| e.effective).collect();
    let open = |date: NaiveDate| !acks.iter().any(|a| *a >= date);
    let mut out = Vec::new();
    for &(i, k) in &rec.fed {
        let Some(e) = entries.get(i) else { continue };
        let plan = rec.relapse_plans().get(k);
        let Some(te) = rec
            .alert_machine()
            .timeline()
            .iter()
            .find(|t| rec.fed.get(usize::try_from(t.arrival).unwrap_or(usize::MAX)).is_some_and(|(j, _)| *j == i))
        else {
            continue;
        };
        let o = &te.observation;
        if !open(o.date) {
            continue;
        }
        for (item, value) in o.observed.safety_answers() {
            let threshold = plan.map_or(1, |p| item.threshold(&p.plan.alerts.thresholds).value);
            if value >= threshold {
                out.push(SafetyWarning {
                    kind: WarningKind::SafetyAnswer,
                    entry: e.id.clone(),
                    date: o.date,
                    detail: format!("{} answered {value} (threshold {threshold})", label(item)),
                });
            }
        }
        if let (Observed::WarningSign { sign }, Some(p)) = (&o.observed, plan)
            && matches!(p.plan.find_sign(sign), Some((_, crate::relapse::SignStage::Crisis)))
        {
            out.push(SafetyWarning {
                kind: WarningKind::CrisisSign,
                entry: e.id.clone(),
                date: o.date,
                detail: format!("crisis sign {} logged", crate::limits::Excerpt::new(sign)),
            });
        }
    }
    // Entries that raised or changed a level (the evidence of an alert, or an arrival that
    // changed the reported level).
    let mut evidence: std::collections::HashSet<&str> =
        rec.alerts().iter().flat_map(|a| a.evidence.iter().map(String::as_str)).collect();
    evidence.extend(rec.decisions().iter().filter(|d| d.decision.from != d.decision.to).map(|d| d.entry.as_str()));
    for (e, view) in entries.iter().zip(rec.entries()) {
        let by = match &view.state {
            EntryState::Corrected { by } | EntryState::Retracted { by } => by,
            _ => continue,
        };
        let Some(c) = entries.iter().find(|x| &x.id == by) else { continue };
        if evidence.contains(e.id.as_str()) && open(c.effective) {
            out.push(SafetyWarning {
                kind: WarningKind::EvidenceRetracted,
                entry: e.id.clone(),
                date: c.effective,
                detail: format!(
                    "the alert machine read entry {} before {} {} it; the level does not drop by itself: a clinician reviews it",
                    e.id,
                    by,
                    if matches!(view.state, EntryState::Retracted { .. }) { "retracted" } else { "corrected" }
                ),
            });
        }
    }
    out
}

fn label(item: SafetyItem) -> &'static str {
    item.label()
}
