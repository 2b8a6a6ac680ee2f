//! The care record (the core's `ipsrt::care`): one patient's treatment as one append-only log,
//! rebuilt by the core. The app appends typed entries and reads typed results (alert levels
//! with plan version and evidence, due/overdue/missed items, open safety warnings); it makes
//! no clinical decision. JSON crosses only as the whole log (`ipsrt.care_log`) and the rebuilt
//! record's JSON.

use std::collections::HashMap;
use std::sync::Arc;

use ipsrt::care as core;
use ipsrt::time::{ClockTime, ZonedDateTime};

use crate::bridge::{from_core, to_core, unsigned};
use crate::course::{CoursePhase, IptEvent, ProtocolId, Taxonomy};
use crate::episode::{EpisodeEvent, EpisodeState};
use crate::error::{IpsrtError, guard};
use crate::ipsrt_course::IpsrtEvent;
use crate::life_chart::EpisodePolarity;
use crate::measures::InstrumentId;
use crate::relapse::{AlertLevel, AlertRule, Observed, RelapsePlan};
use crate::rhythm::{DoseOutcome, RhythmPlanEvent, RhythmPlanSettings, ScheduledDose, rhythm_settings};
use crate::schedule::{Completion, DataGap, Excusal, MissedStreak, OccurrenceId, ScheduledTask};
use crate::srm::{SrmFormKind, SrmItem, SrmPeople, SrmStatus};
use crate::state::Locked;
use crate::time::{LocalDate, LocalDateTime, TimeZone};

fn care_err(e: core::CareError) -> IpsrtError {
    IpsrtError::from(ipsrt::Error::from(e))
}

fn level(l: ipsrt::relapse::AlertLevel) -> Result<AlertLevel, IpsrtError> {
    from_core(&l)
}

/// The kind of a care entry (the core's entry `type`), one case per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CareEntryKind {
    /// `patient_registered`.
    PatientRegistered,
    /// `zone_changed`.
    ZoneChanged,
    /// `schedule_set`.
    ScheduleSet,
    /// `course_started`.
    CourseStarted,
    /// `course_event`.
    CourseEvent,
    /// `ipsrt_course_started`.
    IpsrtCourseStarted,
    /// `ipsrt_course_event`.
    IpsrtCourseEvent,
    /// `episode_started`.
    EpisodeStarted,
    /// `episode_changed`.
    EpisodeChanged,
    /// `relapse_plan_version`.
    RelapsePlanVersion,
    /// `observation`.
    Observation,
    /// `measure_answered`.
    MeasureAnswered,
    /// `diary_started`.
    DiaryStarted,
    /// `diary_day`.
    DiaryDay,
    /// `medication_plan_set`.
    MedicationPlanSet,
    /// `dose_recorded`.
    DoseRecorded,
    /// `rhythm_plan_started`.
    RhythmPlanStarted,
    /// `rhythm_plan_changed`.
    RhythmPlanChanged,
    /// `ips_journey_linked`.
    IpsJourneyLinked,
    /// `excused`.
    Excused,
    /// `acknowledged`.
    Acknowledged,
    /// `correction`.
    Correction,
    /// `retraction`.
    Retraction,
}

/// The state of an occurrence in a care status (the schedule's `OccurrenceState` without its
/// details: the completion time is in `completions()`, the excusal reason in `excusals()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CareOccurrenceState {
    /// The window has not opened.
    Upcoming,
    /// Open; a completion now is on time.
    Open,
    /// Past due plus grace, window open; a completion now is late.
    Overdue,
    /// The window closed without a completion that counts.
    Missed,
    /// Completed on time.
    CompletedOnTime,
    /// Completed late.
    CompletedLate,
    /// Excused.
    Excused,
}

/// What became of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CareEntryState {
    /// In force.
    Active,
    /// Replaced by a correction.
    Corrected,
    /// Withdrawn by a retraction.
    Retracted,
    /// A correction or retraction of another entry.
    Amends,
}

/// One entry as the record sees it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareEntryView {
    /// The entry id.
    pub id: String,
    /// Its kind.
    pub kind: CareEntryKind,
    /// Its clinical date.
    pub effective: LocalDate,
    /// Who recorded it.
    pub author: String,
    /// Whether it arrived after an entry with a later clinical date (kept and evaluated).
    pub late: bool,
    /// Its state.
    pub state: CareEntryState,
    /// The correction or retraction (for corrected/retracted entries), or the target (amends).
    pub state_ref: Option<String>,
}

/// One level change of the date-ordered alert history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareAlert {
    /// The date of the change.
    pub date: LocalDate,
    /// The level before.
    pub from: AlertLevel,
    /// The level after.
    pub to: AlertLevel,
    /// The relapse plan in force.
    pub plan_id: Option<String>,
    /// Its version.
    pub plan_version: i32,
    /// The entry ids behind the reasons.
    pub evidence: Vec<String>,
    /// The evidence of observations the record derived from its log behind the reasons (a
    /// data gap: which tasks, since when, the last self-report entry, the schedule version).
    pub derived_evidence: Vec<CareDerivedEvidence>,
    /// The reasons, in words.
    pub reasons: Vec<String>,
    /// The rules behind the reasons, in the same order.
    pub rules: Vec<AlertRule>,
}

/// What an observation the record derived from its log (not from one entry) rests on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CareDerivedEvidence {
    /// Days without any self-report of the schedule in force.
    DataGap {
        /// The self-report task ids of the schedule version in force.
        tasks: Vec<String>,
        /// The entry id of that schedule version.
        schedule_entry: String,
        /// The date the gap counts from: the last self-report's clinical date, or the tasks' start.
        since: LocalDate,
        /// The entry of that last self-report, if there was one.
        last_entry: Option<String>,
        /// The date the observation is dated on (the day before `next_entry_on`).
        observed_on: LocalDate,
        /// The clinical date of the next entry of the log, which closed the observation.
        next_entry_on: LocalDate,
        /// The days from `since` to `observed_on`.
        days: i64,
    },
    /// Occurrences of one scheduled task missed in a row (or, with `count` 0, the end of a run
    /// observed before).
    MissedRun {
        /// The task id.
        task: String,
        /// What the task is (its `what` code).
        what: String,
        /// The entry id of the schedule version in force on `observed_on`.
        schedule_entry: String,
        /// The missed occurrences (`task/date/slot`), oldest first; at most the latest 31
        /// (`count` says how many there are).
        occurrences: Vec<String>,
        /// Missed occurrences in a row (0: the run observed before has ended).
        count: i64,
        /// The completion that ended the run, when `count` is 0.
        ended_by: Option<String>,
        /// The date the observation is dated on (the day before `next_entry_on`).
        observed_on: LocalDate,
        /// The clinical date of the next entry of the log, which closed the observation.
        next_entry_on: LocalDate,
    },
    /// A kind of evidence this version of the binding does not know yet (its name, as in
    /// `recordJson()`); the core's evidence is open to new kinds.
    Other {
        /// The kind's name.
        kind: String,
    },
}

fn derived_evidence(e: &core::DerivedEvidence) -> CareDerivedEvidence {
    match e {
        core::DerivedEvidence::DataGap {
            tasks,
            schedule_entry,
            since,
            last_entry,
            observed_on,
            next_entry_on,
            days,
        } => CareDerivedEvidence::DataGap {
            tasks: tasks.clone(),
            schedule_entry: schedule_entry.clone(),
            since: *since,
            last_entry: last_entry.clone(),
            observed_on: *observed_on,
            next_entry_on: *next_entry_on,
            days: i64::from(*days),
        },
        core::DerivedEvidence::MissedRun {
            task,
            what,
            schedule_entry,
            occurrences,
            count,
            ended_by,
            observed_on,
            next_entry_on,
        } => CareDerivedEvidence::MissedRun {
            task: task.clone(),
            what: what.clone(),
            schedule_entry: schedule_entry.clone(),
            occurrences: occurrences.clone(),
            count: i64::from(*count),
            ended_by: ended_by.clone(),
            observed_on: *observed_on,
            next_entry_on: *next_entry_on,
        },
        other => CareDerivedEvidence::Other {
            kind: serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_owned)))
                .unwrap_or_default(),
        },
    }
}

/// An observation the record derived from its log (days without a self-report at an entry's
/// date), with its evidence; the alert machine read it after the log's entries.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CareDerivedObservation {
    /// Its id, `derived/<kind>/<date>`.
    pub id: String,
    /// The clinical date it is dated on.
    pub date: LocalDate,
    /// What the alert machine read.
    pub observed: Observed,
    /// What it rests on.
    pub evidence: CareDerivedEvidence,
}

/// What the alert machine decided when an entry arrived ("what was known when").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareDecision {
    /// The entry that arrived (for a derived observation, its id `derived/<kind>/<date>`).
    pub entry: String,
    /// The plan id in force at its arrival.
    pub plan_id: String,
    /// The plan version in force at its arrival.
    pub plan_version: i32,
    /// The entry's clinical date.
    pub date: LocalDate,
    /// Whether it arrived after an observation with a later clinical date.
    pub late: bool,
    /// Whether Crisis was raised now for a crisis on an earlier date.
    pub retrospective: bool,
    /// The reported level before.
    pub from: AlertLevel,
    /// The reported level after.
    pub to: AlertLevel,
}

/// A relapse-prevention plan version of the record.
#[derive(uniffi::Record)]
pub struct CarePlanVersion {
    /// The entry that recorded it.
    pub entry: String,
    /// The plan id.
    pub plan_id: String,
    /// The version.
    pub version: i32,
    /// Who recorded it.
    pub author: String,
    /// When it arrived.
    pub recorded_at: ZonedDateTime,
    /// The plan (a copy: changing it does not change the record).
    pub plan: Arc<RelapsePlan>,
}

fn plan_version(p: &core::PlanVersionRecord) -> CarePlanVersion {
    CarePlanVersion {
        entry: p.entry.clone(),
        plan_id: p.plan_id.clone(),
        version: version(p.version),
        author: p.author.clone(),
        recorded_at: p.recorded_at,
        plan: Arc::new(RelapsePlan { state: Locked::new(p.plan.clone()) }),
    }
}

fn rules(reasons: &[ipsrt::relapse::Reason]) -> Result<Vec<AlertRule>, IpsrtError> {
    reasons.iter().map(|r| from_core(&r.rule)).collect()
}

fn id_out(o: &ipsrt::schedule::OccurrenceId) -> OccurrenceId {
    OccurrenceId { task: o.task.clone(), date: o.date, slot: o.slot }
}

/// A course of the record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareCourse {
    /// The course id.
    pub id: String,
    /// The course it follows.
    pub previous: Option<String>,
    /// The protocol key (a stored course may carry a protocol of its own).
    pub protocol: String,
    /// The phase (of an IPSRT course, the phase of the IPT course inside it).
    pub phase: CoursePhase,
    /// The IPSRT phase, for an IPSRT course (null for an IPT course).
    pub ipsrt_phase: Option<crate::ipsrt_course::IpsrtPhase>,
}

/// An occurrence in a status.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareOccurrence {
    /// The occurrence id, `TASK/YYYY-MM-DD/HH:MM`.
    pub id: String,
    /// What is due.
    pub what: String,
    /// The local due time.
    pub due_local: LocalDateTime,
    /// The state.
    pub state: CareOccurrenceState,
}

/// Why a safety warning is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CareWarningKind {
    /// A safety item answered at or above its threshold.
    SafetyAnswer,
    /// A crisis-plan sign was logged.
    CrisisSign,
    /// Evidence of an alert was corrected or retracted; the level does not drop by itself.
    EvidenceRetracted,
}

/// A safety warning no clinician has acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareSafetyWarning {
    /// Why.
    pub kind: CareWarningKind,
    /// The entry behind it.
    pub entry: String,
    /// Its clinical date.
    pub date: LocalDate,
    /// In words.
    pub detail: String,
}

/// Adherence of one scheduled task over the status's window, as the core counts it.
/// `expected = on_time + late + missed`: excused and pending occurrences are not misses.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CareTaskAdherence {
    /// The task id.
    pub task: String,
    /// What the task is (its `what` code).
    pub what: String,
    /// Completed on time.
    pub on_time: i64,
    /// Completed late.
    pub late: i64,
    /// Missed.
    pub missed: i64,
    /// Excused (not expected, not a miss).
    pub excused: i64,
    /// Still open: upcoming, open or overdue (not expected yet).
    pub pending: i64,
    /// Completed plus missed.
    pub expected: i64,
    /// Completed / expected, in [0, 1]; null when nothing was expected yet (not 0 %).
    pub completion_rate: Option<f64>,
    /// On time / completed; null when nothing was completed.
    pub on_time_share: Option<f64>,
}

/// Adherence per task over the last 28 local dates up to the status date (both included).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CareAdherence {
    /// The first local date counted.
    pub from: LocalDate,
    /// The last local date counted (the status date).
    pub to: LocalDate,
    /// Per task with an occurrence in the window, sorted by task id (a task with none is
    /// absent: nothing was scheduled).
    pub tasks: Vec<CareTaskAdherence>,
}

fn adherence(a: &core::StatusAdherence) -> CareAdherence {
    CareAdherence {
        from: a.from,
        to: a.to,
        tasks: a
            .tasks
            .iter()
            .map(|t| CareTaskAdherence {
                task: t.task.clone(),
                what: t.what.clone(),
                on_time: i64::from(t.counts.on_time),
                late: i64::from(t.counts.late),
                missed: i64::from(t.counts.missed),
                excused: i64::from(t.counts.excused),
                pending: i64::from(t.counts.pending),
                expected: i64::from(t.expected),
                completion_rate: t.completion_rate,
                on_time_share: t.on_time_share,
            })
            .collect(),
    }
}

/// The status of a care record on a date, as known then.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CareStatus {
    /// The date.
    pub on: LocalDate,
    /// The patient.
    pub patient_ref: String,
    /// The zone in force.
    pub zone: TimeZone,
    /// The current alert level.
    pub alert_level: AlertLevel,
    /// The level of the date-ordered history (differs from `alert_level` after a late entry).
    pub history_level: AlertLevel,
    /// The relapse plan in force.
    pub plan_id: Option<String>,
    /// Its version.
    pub plan_version: Option<i32>,
    /// Since when the level holds.
    pub since: Option<LocalDate>,
    /// Why, in words.
    pub reasons: Vec<String>,
    /// The entries behind the level.
    pub evidence: Vec<String>,
    /// The evidence of observations derived from the log behind the level (data gaps).
    pub derived_evidence: Vec<CareDerivedEvidence>,
    /// The rules behind the reasons, in the same order.
    pub rules: Vec<AlertRule>,
    /// Occurrences due that day.
    pub due: Vec<CareOccurrence>,
    /// Occurrences overdue.
    pub overdue: Vec<CareOccurrence>,
    /// Occurrences missed in the last 28 days.
    pub missed: Vec<CareOccurrence>,
    /// Adherence per task over the last 28 days up to `on`.
    pub adherence: CareAdherence,
    /// Runs of consecutive missed occurrences still going, per task.
    pub missed_streaks: Vec<MissedStreak>,
    /// "No data for N days" per task of the schedule in force.
    pub data_gaps: Vec<DataGap>,
    /// The observations derived from the schedule on that date and read by the alert machine
    /// (on a copy: the record does not change).
    pub derived_observations: Vec<crate::observations::Observation>,
    /// Open safety warnings.
    pub safety_warnings: Vec<CareSafetyWarning>,
    /// The courses.
    pub courses: Vec<CareCourse>,
    /// The episode state, once started.
    pub episode: Option<EpisodeState>,
    /// Entries that arrived late.
    pub late_entries: Vec<String>,
}

fn version(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn occurrences(list: &[core::OccurrenceView]) -> Result<Vec<CareOccurrence>, IpsrtError> {
    list.iter()
        .map(|o| {
            Ok(CareOccurrence {
                id: o.id.clone(),
                what: o.what.clone(),
                due_local: o.due_local.local,
                state: from_core(&o.state)?,
            })
        })
        .collect()
}

/// A patient's care record (thread-safe): appending validates first and leaves the record
/// unchanged on error.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct CareRecord {
    state: Locked<core::CareRecord>,
}

impl CareRecord {
    /// The record rebuilt from `log`.
    pub(crate) fn from_log(log: &core::CareLog) -> Result<Arc<Self>, IpsrtError> {
        let r = core::CareRecord::replay(log).map_err(care_err)?;
        Ok(Arc::new(CareRecord { state: Locked::new(r) }))
    }

    fn append_entry(&self, entry: core::Entry) -> Result<(), IpsrtError> {
        self.state.update(|r| r.append(entry).map_err(care_err))
    }

    #[allow(clippy::too_many_arguments)]
    fn entry(
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        event: core::EntryKind,
        at: Option<ZonedDateTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<core::Entry, IpsrtError> {
        let mut e = core::Entry::new(id, recorded_at, effective, author, event);
        e.at = at;
        if let Some(o) = occurrence {
            e.occurrence = Some(ipsrt::schedule::OccurrenceId::new(&o.task, o.date, o.slot)?);
        }
        Ok(e)
    }
}

#[uniffi::export]
impl CareRecord {
    /// An empty record.
    #[uniffi::constructor]
    pub fn new() -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let r = core::CareRecord::replay(&core::CareLog::default()).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// Rebuilds the record from a stored log (`ipsrt.care_log` JSON, with its envelope).
    #[uniffi::constructor]
    pub fn from_log_json(json: String) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let log: core::CareLog = crate::bridge::load(&json)?;
            let r = core::CareRecord::replay(&log).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// The log as `ipsrt.care_log` JSON (what the app stores).
    pub fn log_json(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|r| ipsrt::persist::to_json(r.log()))))
    }

    /// The rebuilt record as deterministic JSON (what `ipsrt care replay` prints).
    pub fn record_json(&self) -> Result<String, IpsrtError> {
        guard(|| Ok(self.state.read(|r| r.to_json_pretty())))
    }

    /// Appends questionnaire answers (item id → answer); the core scores them.
    #[allow(clippy::too_many_arguments)]
    pub fn append_measure(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        instrument: InstrumentId,
        answers: HashMap<String, i32>,
        at: Option<ZonedDateTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let instrument: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            let event = core::EntryKind::MeasureAnswered { instrument, answers: answers.into_iter().collect() };
            self.append_entry(Self::entry(id, recorded_at, effective, author, event, at, occurrence)?)
        })
    }

    /// Appends an SRM diary day's mood (−5..=5) and bedtime, completing the diary occurrence.
    #[allow(clippy::too_many_arguments)]
    pub fn append_diary_mood(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        mood: i32,
        to_bed: Option<ClockTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let mood = i8::try_from(mood).map_err(|_| {
                IpsrtError::InvalidInput(format!("mood {mood} is invalid: the SRM mood rating runs from -5 to +5"))
            })?;
            let items = to_bed
                .map(|t| core::DiaryItem {
                    item: ipsrt::srm::ItemId::ToBed,
                    status: ipsrt::srm::Status::Done(t),
                    people: None,
                })
                .into_iter()
                .collect();
            let event = core::EntryKind::DiaryDay { items, mood: Some(mood) };
            self.append_entry(Self::entry(id, recorded_at, effective, author, event, None, occurrence)?)
        })
    }

    /// Appends a clinician's acknowledgement with what was done.
    pub fn append_acknowledged(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        action: String,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = core::EntryKind::Acknowledged { action };
            self.append_entry(Self::entry(id, recorded_at, effective, author, event, None, None)?)
        })
    }

    /// Appends a retraction of an earlier entry (entered in error), with the reason.
    pub fn append_retraction(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        target: String,
        reason: String,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = core::EntryKind::Retraction { target, reason };
            self.append_entry(Self::entry(id, recorded_at, effective, author, event, None, None)?)
        })
    }

    /// Appends one entry: its id (unique in the log), when it arrived (`recordedAt`, the arrival
    /// order), its clinical date, its author and what it says; `at` is the clinical moment (its
    /// local date must be `effective`), `occurrence` the schedule occurrence it completes (or,
    /// for `Excused`, excuses). The core validates everything; on error the record is unchanged
    /// and the exception names the entry, the field and the value.
    #[uniffi::method(default(at = None, occurrence = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn append(
        &self,
        id: String,
        recorded_at: ZonedDateTime,
        effective: LocalDate,
        author: String,
        event: CareEvent,
        at: Option<ZonedDateTime>,
        occurrence: Option<OccurrenceId>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let event = event.into_core()?;
            self.append_entry(Self::entry(id, recorded_at, effective, author, event, at, occurrence)?)
        })
    }

    /// Every relapse-plan version of the record, in arrival order.
    pub fn relapse_plans(&self) -> Vec<CarePlanVersion> {
        self.state.read(|r| r.relapse_plans().iter().map(plan_version).collect())
    }

    /// The relapse-plan version the alert machine uses now (the latest to arrive), if any.
    pub fn plan_in_force(&self) -> Option<CarePlanVersion> {
        self.state.read(|r| r.plan_in_force().map(plan_version))
    }

    /// The relapse-plan version in force on `date`: the latest version effective on that date;
    /// before the first version's date, the earliest version (the alert machine evaluates earlier
    /// observations under it); null when the record has no relapse plan.
    pub fn plan_on(&self, date: LocalDate) -> Option<CarePlanVersion> {
        self.state.read(|r| r.plan_on(date).map(plan_version))
    }

    /// What the alert machine decided at each entry's arrival, with the plan version in force.
    pub fn decisions(&self) -> Result<Vec<CareDecision>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.decisions()
                    .iter()
                    .map(|d| {
                        Ok(CareDecision {
                            entry: d.entry.clone(),
                            plan_id: d.plan_id.clone(),
                            plan_version: version(d.plan_version),
                            date: d.decision.date,
                            late: d.decision.late,
                            retrospective: d.decision.retrospective,
                            from: level(d.decision.from)?,
                            to: level(d.decision.to)?,
                        })
                    })
                    .collect()
            })
        })
    }

    /// The observations the record derived from its log (days without a self-report at an
    /// entry's date), in date order, with their evidence.
    pub fn derived_observations(&self) -> Result<Vec<CareDerivedObservation>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.derived_observations()
                    .iter()
                    .map(|d| {
                        Ok(CareDerivedObservation {
                            id: d.id.clone(),
                            date: d.date,
                            observed: from_core(&d.observed)?,
                            evidence: derived_evidence(&d.evidence),
                        })
                    })
                    .collect()
            })
        })
    }

    /// Entries the alert machine has not read (no relapse plan had arrived yet).
    pub fn unevaluated(&self) -> Vec<String> {
        self.state.read(|r| r.unevaluated().to_vec())
    }

    /// The completed schedule occurrences (corrections applied, retracted entries left out).
    pub fn completions(&self) -> Vec<Completion> {
        self.state.read(|r| {
            r.completions().iter().map(|c| Completion { occurrence: id_out(&c.occurrence), at: c.at }).collect()
        })
    }

    /// The excused schedule occurrences.
    pub fn excusals(&self) -> Vec<Excusal> {
        self.state.read(|r| {
            r.excusals()
                .iter()
                .map(|x| Excusal { occurrence: id_out(&x.occurrence), reason: x.reason.clone() })
                .collect()
        })
    }

    /// The linked IPS journey id, if any.
    pub fn ips_journey(&self) -> Option<String> {
        self.state.read(|r| r.ips_journey().map(str::to_owned))
    }

    /// The patient's reference.
    pub fn patient_ref(&self) -> Option<String> {
        self.state.read(|r| r.patient_ref().map(str::to_owned))
    }

    /// The current alert level.
    pub fn alert_level(&self) -> Result<AlertLevel, IpsrtError> {
        guard(|| self.state.read(|r| level(r.alert_level())))
    }

    /// Every level change, with plan version and evidence.
    pub fn alerts(&self) -> Result<Vec<CareAlert>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.alerts()
                    .iter()
                    .map(|a| {
                        Ok(CareAlert {
                            date: a.transition.date,
                            from: level(a.transition.from)?,
                            to: level(a.transition.to)?,
                            plan_id: a.plan_id.clone(),
                            plan_version: version(a.plan_version),
                            evidence: a.evidence.clone(),
                            derived_evidence: a.derived_evidence.iter().map(derived_evidence).collect(),
                            reasons: a.transition.reasons.iter().map(|x| x.observed.clone()).collect(),
                            rules: rules(&a.transition.reasons)?,
                        })
                    })
                    .collect()
            })
        })
    }

    /// Every entry with its state and lateness, in arrival order.
    pub fn entries(&self) -> Result<Vec<CareEntryView>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.entries()
                    .iter()
                    .map(|v| {
                        let (state, state_ref) = match &v.state {
                            core::EntryState::Active => (CareEntryState::Active, None),
                            core::EntryState::Corrected { by } => (CareEntryState::Corrected, Some(by.clone())),
                            core::EntryState::Retracted { by } => (CareEntryState::Retracted, Some(by.clone())),
                            core::EntryState::Amends { target } => (CareEntryState::Amends, Some(target.clone())),
                        };
                        Ok(CareEntryView {
                            id: v.id.clone(),
                            kind: from_core(&v.kind)?,
                            effective: v.effective,
                            author: v.author.clone(),
                            late: v.late,
                            state,
                            state_ref,
                        })
                    })
                    .collect()
            })
        })
    }

    /// The courses.
    pub fn courses(&self) -> Result<Vec<CareCourse>, IpsrtError> {
        guard(|| {
            self.state.read(|r| {
                r.courses()
                    .iter()
                    .map(|c| {
                        Ok(CareCourse {
                            id: c.id.clone(),
                            previous: c.previous.clone(),
                            protocol: c.course.ipt().protocol.key.clone(),
                            phase: from_core(&c.course.ipt().phase.kind())?,
                            ipsrt_phase: c.course.ipsrt_phase().map(|p| from_core(&p)).transpose()?,
                        })
                    })
                    .collect()
            })
        })
    }

    /// The record as known at the end of the day `on` (or at the local clock time `at`):
    /// replayed from only the entries recorded by then.
    pub fn known_by(&self, on: LocalDate, at: Option<ClockTime>) -> Result<Arc<CareRecord>, IpsrtError> {
        guard(|| {
            let r = self.state.read(|r| r.known_by(on, at)).map_err(care_err)?;
            Ok(Arc::new(CareRecord { state: Locked::new(r) }))
        })
    }

    /// The instruments the record has scored results for.
    pub fn series_instruments(&self) -> Result<Vec<InstrumentId>, IpsrtError> {
        guard(|| self.state.read(|r| r.series_instruments().iter().map(from_core).collect()))
    }

    /// The score series of `instrument`: every result with a total, corrections applied,
    /// retracted results left out, late results at their clinical date. `baseline` absent =
    /// the first score in the record. Throws `IpsrtException.InvalidInput` when the record has
    /// no scored result of it (naming those it has), when two results share a date (naming
    /// both entries), or on a baseline without a score.
    pub fn score_series(
        &self,
        instrument: InstrumentId,
        baseline: Option<LocalDate>,
    ) -> Result<Arc<crate::series::ScoreSeries>, IpsrtError> {
        guard(|| {
            let id: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            let series = self.state.read(|r| r.score_series(id, baseline)).map_err(care_err)?;
            Ok(crate::series::ScoreSeries::wrap(series))
        })
    }

    /// The entry ids of the results of `instrument` the series leaves out because they have
    /// no total (too many items unanswered), in clinical order.
    pub fn series_unscored(&self, instrument: InstrumentId) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            let id: ipsrt::measures::InstrumentId = crate::bridge::to_core(&instrument)?;
            Ok(self.state.read(|r| r.series_unscored(id).iter().map(|m| m.entry.clone()).collect()))
        })
    }

    /// The status on `on` as known at the end of that day, or at the local clock time `at`.
    pub fn status(&self, on: LocalDate, at: Option<ClockTime>) -> Result<CareStatus, IpsrtError> {
        guard(|| {
            let s = self.state.read(|r| r.status_at(on, at)).map_err(care_err)?;
            Ok(CareStatus {
                on: s.on,
                patient_ref: s.patient_ref.clone(),
                zone: s.zone.parse::<TimeZone>().map_err(|_| {
                    IpsrtError::Internal(format!(
                        "the record's zone {:?} is not an IANA zone",
                        ipsrt::limits::Excerpt::new(&s.zone)
                    ))
                })?,
                alert_level: level(s.alert.level)?,
                history_level: level(s.alert.history_level)?,
                plan_id: s.alert.plan_id.clone(),
                plan_version: s.alert.plan_version.map(version),
                since: s.alert.since,
                reasons: s.alert.reasons.iter().map(|x| x.observed.clone()).collect(),
                evidence: s.alert.evidence.clone(),
                derived_evidence: s.alert.derived_evidence.iter().map(derived_evidence).collect(),
                rules: rules(&s.alert.reasons)?,
                due: occurrences(&s.due)?,
                overdue: occurrences(&s.overdue)?,
                missed: occurrences(&s.missed)?,
                adherence: adherence(&s.adherence),
                missed_streaks: s
                    .missed_streaks
                    .iter()
                    .map(|m| MissedStreak {
                        task: m.task.clone(),
                        current: i64::from(m.current),
                        longest: i64::from(m.longest),
                        last_missed: m.last_missed.as_ref().map(id_out),
                    })
                    .collect(),
                data_gaps: s
                    .data_gaps
                    .iter()
                    .map(|g| DataGap {
                        task: g.task.clone(),
                        what: g.what.clone(),
                        last_completed: g.last_completed,
                        since: g.since,
                        days: i64::from(g.days),
                    })
                    .collect(),
                derived_observations: s.derived_observations.iter().map(from_core).collect::<Result<_, _>>()?,
                safety_warnings: s
                    .safety_warnings
                    .iter()
                    .map(|w| CareSafetyWarning {
                        kind: match w.kind {
                            core::WarningKind::SafetyAnswer => CareWarningKind::SafetyAnswer,
                            core::WarningKind::CrisisSign => CareWarningKind::CrisisSign,
                            core::WarningKind::EvidenceRetracted => CareWarningKind::EvidenceRetracted,
                        },
                        entry: w.entry.clone(),
                        date: w.date,
                        detail: w.detail.clone(),
                    })
                    .collect(),
                courses: s
                    .courses
                    .iter()
                    .map(|c| {
                        Ok(CareCourse {
                            id: c.id.clone(),
                            previous: c.previous.clone(),
                            protocol: c.protocol.clone(),
                            phase: from_core(&c.phase)?,
                            ipsrt_phase: c.ipsrt_phase.as_ref().map(from_core).transpose()?,
                        })
                    })
                    .collect::<Result<_, IpsrtError>>()?,
                episode: s.episode.as_ref().map(from_core).transpose()?,
                late_entries: s.late_entries.clone(),
            })
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Typed entries: every kind of the core's `EntryKind`, built from the Kotlin/Swift types of the
// other modules, appended with one call (`CareRecord.append`).
// ---------------------------------------------------------------------------------------------

/// One activity of an SRM diary day in the care record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareDiaryItem {
    /// The activity.
    pub item: SrmItem,
    /// Done (with its time), not done, or not recorded.
    pub status: SrmStatus,
    /// Who was involved (IPSRT form), if recorded.
    #[uniffi(default = None)]
    pub people: Option<SrmPeople>,
}

/// The content of an entry a correction may replace: the kinds that can be corrected
/// (observations, measure answers, diary days, doses, excusals, course, IPSRT course and episode
/// events).
/// Plan versions, schedules and registrations are revised by a new version instead.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
#[allow(clippy::large_enum_variant)]
pub enum CareCorrectable {
    /// As [`CareEvent::Observation`].
    Observation {
        /// What was observed.
        observed: Observed,
    },
    /// As [`CareEvent::MeasureAnswered`].
    MeasureAnswered {
        /// The instrument.
        instrument: InstrumentId,
        /// Answers by item id.
        answers: HashMap<String, i32>,
    },
    /// As [`CareEvent::DiaryDay`].
    DiaryDay {
        /// The activities.
        items: Vec<CareDiaryItem>,
        /// The day's mood, −5..=5.
        mood: Option<i32>,
    },
    /// As [`CareEvent::DoseRecorded`].
    DoseRecorded {
        /// The scheduled dose's id.
        dose: String,
        /// What happened.
        outcome: DoseOutcome,
    },
    /// As [`CareEvent::Excused`].
    Excused {
        /// Why.
        reason: String,
    },
    /// As [`CareEvent::CourseEvent`].
    CourseEvent {
        /// The course id.
        course: String,
        /// The event.
        event: IptEvent,
    },
    /// As [`CareEvent::EpisodeChanged`].
    EpisodeChanged {
        /// The change.
        event: EpisodeEvent,
        /// For a recurrence: the new episode's polarity.
        polarity: Option<EpisodePolarity>,
    },
    /// As [`CareEvent::IpsrtCourseEvent`].
    IpsrtCourseEvent {
        /// The course id.
        course: String,
        /// The IPSRT event.
        event: IpsrtEvent,
    },
}

impl From<CareCorrectable> for CareEvent {
    fn from(c: CareCorrectable) -> Self {
        match c {
            CareCorrectable::Observation { observed } => CareEvent::Observation { observed },
            CareCorrectable::MeasureAnswered { instrument, answers } => {
                CareEvent::MeasureAnswered { instrument, answers }
            }
            CareCorrectable::DiaryDay { items, mood } => CareEvent::DiaryDay { items, mood },
            CareCorrectable::DoseRecorded { dose, outcome } => CareEvent::DoseRecorded { dose, outcome },
            CareCorrectable::Excused { reason } => CareEvent::Excused { reason },
            CareCorrectable::CourseEvent { course, event } => CareEvent::CourseEvent { course, event },
            CareCorrectable::EpisodeChanged { event, polarity } => CareEvent::EpisodeChanged { event, polarity },
            CareCorrectable::IpsrtCourseEvent { course, event } => CareEvent::IpsrtCourseEvent { course, event },
        }
    }
}

/// What a care entry says: every kind of the core's care entries, typed. The core validates
/// it when the entry is appended ([`CareRecord::append`]); the binding decides nothing.
#[derive(uniffi::Enum)]
#[allow(clippy::large_enum_variant)]
pub enum CareEvent {
    /// The patient's reference (an id, not a name) and home time zone. Exactly one per record.
    PatientRegistered {
        /// The patient's id in the host system.
        patient_ref: String,
        /// The home zone.
        zone: TimeZone,
    },
    /// The patient now lives in (or travels to) another zone, from the entry's date.
    ZoneChanged {
        /// The zone.
        zone: TimeZone,
    },
    /// The measurement schedule from the entry's date on (a new version replaces the previous
    /// one from its date; earlier versions are kept).
    ScheduleSet {
        /// The schedule's tasks (as for `scheduleEvaluate`).
        tasks: Vec<ScheduledTask>,
    },
    /// A course starts (the first, or a restart linked to the previous course).
    CourseStarted {
        /// The course id, unique in the record.
        course: String,
        /// The course this one follows, if any.
        previous: Option<String>,
        /// The shipped protocol.
        protocol: ProtocolId,
        /// The problem-area taxonomy.
        taxonomy: Taxonomy,
    },
    /// An event of a course of the record (for an IPSRT course, one of its IPT events; the
    /// IPSRT rules apply).
    CourseEvent {
        /// The course id.
        course: String,
        /// The event.
        event: IptEvent,
    },
    /// An IPSRT course starts under the default IPSRT protocol (`ipsrtDefaultProtocol()`): an IPT
    /// course under its acute protocol and the IPSRT-5 taxonomy, with the IPSRT phases on top.
    IpsrtCourseStarted {
        /// The course id, unique in the record (shared with IPT courses).
        course: String,
        /// The course this one follows, if any.
        previous: Option<String>,
    },
    /// An IPSRT event of an IPSRT course (task done, phase start, recurrence, end), dated on
    /// the entry's date. Its IPT events are [`CareEvent::CourseEvent`]s; an
    /// `IpsrtEvent.IptCourse` here is refused.
    IpsrtCourseEvent {
        /// The course id (started by [`CareEvent::IpsrtCourseStarted`]).
        course: String,
        /// The IPSRT event.
        event: IpsrtEvent,
    },
    /// The episode course starts (the index episode). `recovery_after_days` with `decided_by`
    /// sets a local recovery duration (absent: the default, 6 months of remission).
    EpisodeStarted {
        /// Polarity of the index episode.
        polarity: EpisodePolarity,
        /// Earlier episodes.
        prior_episodes: i64,
        /// A local recovery duration in days.
        recovery_after_days: Option<i64>,
        /// Who decided the local recovery duration (its source).
        decided_by: Option<String>,
    },
    /// A clinician-recorded change of the episode state.
    EpisodeChanged {
        /// The change.
        event: EpisodeEvent,
        /// For a recurrence: the new episode's polarity (absent: the previous one's).
        polarity: Option<EpisodePolarity>,
    },
    /// A version of a relapse-prevention plan (the plan's own version is the version; versions
    /// of one plan id rise in arrival order).
    RelapsePlanVersion {
        /// The plan id that course events refer to.
        plan_id: String,
        /// The plan (copied into the entry).
        plan: Arc<RelapsePlan>,
    },
    /// A raw observation for the alert machine.
    Observation {
        /// What was observed.
        observed: Observed,
    },
    /// Answers to a shipped questionnaire (item id → answer); the core scores them.
    MeasureAnswered {
        /// The instrument.
        instrument: InstrumentId,
        /// Answers by item id (`phq9_1`, ...).
        answers: HashMap<String, i32>,
    },
    /// The SRM diary starts, on a form.
    DiaryStarted {
        /// The form.
        form: SrmFormKind,
    },
    /// One SRM diary day: activities and the day's mood (−5..=5).
    DiaryDay {
        /// The activities recorded.
        items: Vec<CareDiaryItem>,
        /// The day's mood.
        mood: Option<i32>,
    },
    /// The medication schedule (replaces the previous one; doses already recorded stay).
    MedicationPlanSet {
        /// The scheduled doses.
        doses: Vec<ScheduledDose>,
    },
    /// A dose taken, taken late, or missed on the entry's date.
    DoseRecorded {
        /// The scheduled dose's id.
        dose: String,
        /// What happened.
        outcome: DoseOutcome,
    },
    /// The IPSRT rhythm stabilisation plan starts.
    RhythmPlanStarted {
        /// First day of the baseline diary.
        baseline_start: LocalDate,
        /// Local settings (absent: the shipped defaults).
        settings: Option<RhythmPlanSettings>,
    },
    /// An event of the rhythm plan (dated on the entry's date).
    RhythmPlanChanged {
        /// The event.
        event: RhythmPlanEvent,
    },
    /// The patient's IPS supported-employment journey, by its id.
    IpsJourneyLinked {
        /// The journey id.
        journey_id: String,
    },
    /// The entry's `occurrence` is excused.
    Excused {
        /// Why (for example "inpatient stay").
        reason: String,
    },
    /// A clinician acknowledged the alert and says what was done (closes the safety warnings
    /// dated on or before it).
    Acknowledged {
        /// What was done.
        action: String,
    },
    /// Replaces the content of an earlier entry (which stays in the log).
    Correction {
        /// The id of the entry corrected.
        target: String,
        /// Why.
        reason: String,
        /// The corrected content (of the same kind as the target's).
        replacement: CareCorrectable,
    },
    /// Withdraws an earlier entry (entered in error; it stays in the log).
    Retraction {
        /// The id of the entry retracted.
        target: String,
        /// Why.
        reason: String,
    },
}

fn diary_items(items: Vec<CareDiaryItem>) -> Result<Vec<core::DiaryItem>, IpsrtError> {
    items
        .into_iter()
        .map(|i| {
            Ok(core::DiaryItem { item: to_core(&i.item)?, status: i.status.into(), people: i.people.map(Into::into) })
        })
        .collect()
}

fn mood(m: Option<i32>) -> Result<Option<i8>, IpsrtError> {
    m.map(|m| {
        i8::try_from(m).map_err(|_| {
            IpsrtError::InvalidInput(format!("mood {m} is invalid: the SRM mood rating runs from -5 to +5"))
        })
    })
    .transpose()
}

/// The core's IPSRT event of a typed one (the core checks the values on append). An IPT event
/// is refused: an IPSRT course's IPT events are `CareEvent::CourseEvent`s.
fn ipsrt_event(e: IpsrtEvent) -> Result<ipsrt::ipsrt::IpsrtEvent, IpsrtError> {
    use ipsrt::ipsrt::IpsrtEvent as E;
    Ok(match e {
        IpsrtEvent::IptCourse { event_type, .. } => {
            return Err(IpsrtError::InvalidInput(format!(
                "an IPT event ({event_type}) of an IPSRT course is a CareEvent.CourseEvent naming the course; CareEvent.IpsrtCourseEvent takes the IPSRT events"
            )));
        }
        IpsrtEvent::TaskDone { date, task } => E::TaskDone { date, task: to_core(&task)? },
        IpsrtEvent::IntermediateStarted { date } => E::IntermediateStarted { date },
        IpsrtEvent::ContinuationStarted { date, ratings } => {
            E::ContinuationStarted { date, ratings: to_core(&ratings)? }
        }
        IpsrtEvent::FinalStarted { date } => E::FinalStarted { date },
        IpsrtEvent::RecurrenceRecorded { date, detail, contract } => {
            E::RecurrenceRecorded { date, detail, contract: contract.map(|c| c.to_core()).transpose()? }
        }
        IpsrtEvent::Ended { date } => E::Ended { date },
    })
}

impl CareEvent {
    /// The core's entry kind (each field converted; the core checks the values on append).
    fn into_core(self) -> Result<core::EntryKind, IpsrtError> {
        use core::EntryKind as K;
        Ok(match self {
            CareEvent::PatientRegistered { patient_ref, zone } => {
                K::PatientRegistered { patient_ref, zone: zone.name().to_owned() }
            }
            CareEvent::ZoneChanged { zone } => K::ZoneChanged { zone: zone.name().to_owned() },
            CareEvent::ScheduleSet { tasks } => K::ScheduleSet { schedule: crate::schedule::schedule(&tasks)? },
            CareEvent::CourseStarted { course, previous, protocol, taxonomy } => K::CourseStarted {
                course,
                previous,
                protocol: crate::course::protocol(protocol),
                taxonomy: to_core(&taxonomy)?,
            },
            CareEvent::CourseEvent { course, event } => K::CourseEvent { course, event: event.into_core()? },
            CareEvent::IpsrtCourseStarted { course, previous } => {
                K::IpsrtCourseStarted { course, previous, protocol: ipsrt::ipsrt::IpsrtProtocol::frank() }
            }
            CareEvent::IpsrtCourseEvent { course, event } => K::IpsrtCourseEvent { course, event: ipsrt_event(event)? },
            CareEvent::EpisodeStarted { polarity, prior_episodes, recovery_after_days, decided_by } => {
                let protocol = match (recovery_after_days, decided_by) {
                    (None, None) => ipsrt::episode::EpisodeProtocol::default(),
                    (Some(days), Some(by)) => ipsrt::episode::EpisodeProtocol::with_recovery_after_days(
                        unsigned(days, "recovery_after_days")?,
                        ipsrt::source::Source::local(by),
                    ),
                    _ => {
                        return Err(IpsrtError::InvalidInput(
                            "recovery_after_days and decided_by go together: give both (a local recovery duration and who decided it) or neither (the default)".into(),
                        ));
                    }
                };
                K::EpisodeStarted {
                    protocol,
                    polarity: to_core(&polarity)?,
                    prior_episodes: unsigned(prior_episodes, "prior_episodes")?,
                }
            }
            CareEvent::EpisodeChanged { event, polarity } => {
                K::EpisodeChanged { event: to_core(&event)?, polarity: polarity.as_ref().map(to_core).transpose()? }
            }
            CareEvent::RelapsePlanVersion { plan_id, plan } => {
                K::RelapsePlanVersion { plan_id, plan: plan.state.read(Clone::clone) }
            }
            CareEvent::Observation { observed } => K::Observation { observed: to_core(&observed)? },
            CareEvent::MeasureAnswered { instrument, answers } => {
                K::MeasureAnswered { instrument: to_core(&instrument)?, answers: answers.into_iter().collect() }
            }
            CareEvent::DiaryStarted { form } => K::DiaryStarted {
                form: match form {
                    SrmFormKind::Srm17 => ipsrt::srm::Form::Srm17 { activity_a: None, activity_b: None },
                    SrmFormKind::Srm5 => ipsrt::srm::Form::Srm5,
                    SrmFormKind::SrmII5 => ipsrt::srm::Form::SrmII5 { targets: ipsrt::srm::Targets::default() },
                },
            },
            CareEvent::DiaryDay { items, mood: m } => K::DiaryDay { items: diary_items(items)?, mood: mood(m)? },
            CareEvent::MedicationPlanSet { doses } => {
                K::MedicationPlanSet { doses: doses.iter().map(to_core).collect::<Result<_, _>>()? }
            }
            CareEvent::DoseRecorded { dose, outcome } => K::DoseRecorded { dose, outcome: to_core(&outcome)? },
            CareEvent::RhythmPlanStarted { baseline_start, settings } => {
                K::RhythmPlanStarted { settings: rhythm_settings(settings)?, baseline_start }
            }
            CareEvent::RhythmPlanChanged { event } => K::RhythmPlanChanged { event: to_core(&event)? },
            CareEvent::IpsJourneyLinked { journey_id } => K::IpsJourneyLinked { journey_id },
            CareEvent::Excused { reason } => K::Excused { reason },
            CareEvent::Acknowledged { action } => K::Acknowledged { action },
            CareEvent::Correction { target, reason, replacement } => {
                K::Correction { target, reason, replacement: Box::new(CareEvent::from(replacement).into_core()?) }
            }
            CareEvent::Retraction { target, reason } => K::Retraction { target, reason },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{
        Attendance, Contract, DeliveryMode, DisputeStage, EarlyEndReason, EvaluationBasis, Population, ProblemAreaKind,
        ResponseVerdict, TerminationTask,
    };
    use crate::life_events::{LifeEvent, LifeEventKind};
    use crate::rhythm::{Anchor, RhythmDisruption, RhythmTargetSetting};

    /// Every kind of care entry the shared vectors list (`care/entry_kinds.json`, which the Rust
    /// tests check against the core) has a `CareEntryKind`, and every case is such a kind.
    #[test]
    fn every_entry_kind_has_a_case() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/care/entry_kinds.json");
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let kinds: Vec<String> =
            doc["kinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect();
        for k in &kinds {
            let _: CareEntryKind = from_core(k).unwrap_or_else(|e| panic!("{k}: {e:?}"));
        }
        assert_eq!(kinds.len(), 23, "{kinds:?}");
    }

    /// Every typed IPSRT event but an IPT one reaches the core's form under its own `type`; an
    /// IPT event is refused, naming the entry kind to use.
    #[test]
    fn every_care_ipsrt_event_converts_to_the_core() {
        use crate::ipsrt_course::IpsrtTask;
        let contract = Contract { sessions: 16, frequency: crate::course::Frequency::Monthly, minutes: 50 };
        let events = [
            (IpsrtEvent::TaskDone { date: day(1), task: IpsrtTask::LifeChart }, "task_done"),
            (IpsrtEvent::IntermediateStarted { date: day(1) }, "intermediate_started"),
            (IpsrtEvent::ContinuationStarted { date: day(1), ratings: Vec::new() }, "continuation_started"),
            (IpsrtEvent::FinalStarted { date: day(1) }, "final_started"),
            (
                IpsrtEvent::RecurrenceRecorded { date: day(1), detail: Some("mania".into()), contract: Some(contract) },
                "recurrence_recorded",
            ),
            (IpsrtEvent::Ended { date: day(1) }, "ended"),
        ];
        for (event, tag) in events {
            let core = ipsrt_event(event).unwrap();
            assert_eq!(serde_json::to_value(&core).unwrap()["type"], tag);
        }
        let ipt = IpsrtEvent::IptCourse {
            date: day(1),
            event_type: "middle_phase_started".into(),
            event: Some(IptEvent::MiddlePhaseStarted),
            record_json: "{}".into(),
        };
        let err = ipsrt_event(ipt).unwrap_err();
        assert!(format!("{err:?}").contains("CareEvent.CourseEvent"), "{err:?}");
    }

    fn day(d: u32) -> LocalDate {
        chrono::NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    /// Every typed course event reaches the core's form (the Kotlin vectors exercise only
    /// the events of the six-month log), each under its own `type`.
    #[test]
    fn every_care_course_event_converts_to_the_core() {
        use IptEvent as E;
        let contract = Contract { sessions: 16, frequency: crate::course::Frequency::Weekly, minutes: 50 };
        let person = crate::inventory::new_person("partner".into(), "Sam".into(), "partner".into()).unwrap();
        let score = crate::measures::score_measure(InstrumentId::Phq9, vec![Some(1); 9], None, None).unwrap();
        let life_event = LifeEvent {
            kind: LifeEventKind::OwnIllness,
            date: day(1),
            person: None,
            contested: false,
            chronic: true,
            note: None,
        };
        let basis = EvaluationBasis {
            instrument: "phq9".into(),
            baseline_total: Some(18.0),
            current_total: Some(8.0),
            source: crate::source::SourceRef {
                key: "local".into(),
                locator: "clinic".into(),
                evidence: ipsrt::source::Evidence::Design,
            },
        };
        let events = vec![
            E::SymptomOnsetRecorded { onset: day(1) },
            E::DiagnosisRecorded { diagnosis: "MDD".into(), note: Some("n".into()) },
            E::SickRoleRecorded { note: None },
            E::PersonAdded { person: person.clone() },
            E::PersonUpdated { person },
            E::PersonRemoved { person_id: "partner".into() },
            E::LifeEventRecorded { life_event },
            E::ProblemAreaChosen {
                area: ProblemAreaKind::RoleDispute,
                dispute_stage: Some(DisputeStage::Renegotiation),
                person: Some("partner".into()),
                deviation: None,
            },
            E::ProblemAreaRemoved { area: ProblemAreaKind::Grief },
            E::FocusChanged {
                area: ProblemAreaKind::Grief,
                dispute_stage: None,
                person: None,
                replaces: Some(ProblemAreaKind::RoleDispute),
                reason: "r".into(),
            },
            E::DisputeStageChanged { stage: DisputeStage::Impasse },
            E::FormulationAccepted { summary: "s".into() },
            E::ContractSet { contract, deviation: None },
            E::ContractRenegotiated { contract, reason: "r".into(), deviation: Some("d".into()) },
            E::SessionRecorded {
                number: 3,
                attendance: Attendance::Attended,
                at: None,
                mode: Some(DeliveryMode::Video),
            },
            E::MiddlePhaseStarted,
            E::ResponseEvaluated { verdict: ResponseVerdict::Response, basis: Some(basis) },
            E::ResponseEvaluated { verdict: ResponseVerdict::Remission, basis: None },
            E::TerminationStarted { deviation: None },
            E::RelapsePreventionPlanRecorded { plan_ref: Some("rp".into()), summary: None },
            E::TerminationTaskRecorded { task: TerminationTask::LossExpressed, note: None },
            E::TerminationTaskSkipped { task: TerminationTask::IndependentCompetence, reason: "r".into() },
            E::MedicationStarted { medication: "lithium".into(), started: Some(day(2)), note: None },
            E::MedicationStopped { medication: "lithium".into(), note: None },
            E::PopulationSet { population: Population::Adolescent },
            E::MaintenanceStarted { contract, deviation: None },
            E::RecurrenceRecorded { contract, deviation: None, detail: Some("d".into()) },
            E::CourseCompleted,
            E::EndedNonResponse { alternative_offered: Some("medication".into()) },
            E::NonResponseStopDeclined { reason: "r".into() },
            E::EndedEarly { reason: EarlyEndReason::PatientWithdrew, detail: None },
            E::Referred { to: "psychiatry".into(), reason: None },
            E::DiagnosisRevised { diagnosis: "BD-II".into(), reason: "r".into() },
            E::MeasureRecorded { score },
            E::DeficitsAcknowledged { by: "dr".into(), reason: "r".into() },
            E::SafetyAcknowledged { by: "dr".into(), action: "a".into(), note: None },
        ];
        let mut names = std::collections::BTreeSet::new();
        for e in &events {
            let core = e.clone().into_core().unwrap_or_else(|err| panic!("{e:?}: {err:?}"));
            assert_eq!(IptEvent::from_core(&core).unwrap().as_ref(), Some(e), "{e:?}");
            names.insert(core.type_name());
        }
        // Every core course event but course_created (a course starts with CourseStarted).
        assert_eq!(names.len(), 35, "{names:?}");
    }

    /// Every typed rhythm-plan event and the local settings reach the core's form.
    #[test]
    fn rhythm_events_and_settings_convert_to_the_core() {
        let t = |h, m| ClockTime::from_hm(h, m).unwrap();
        let events = vec![
            RhythmPlanEvent::AnchorsChosen { date: day(1), anchors: vec![Anchor::OutOfBed, Anchor::ToBed] },
            RhythmPlanEvent::TargetsSet {
                date: day(1),
                targets: vec![RhythmTargetSetting { anchor: Anchor::OutOfBed, habitual: t(7, 30), target: t(7, 0) }],
            },
            RhythmPlanEvent::StepTaken { date: day(2), anchor: Anchor::OutOfBed },
            RhythmPlanEvent::AnchorAdded {
                date: day(3),
                anchor: Anchor::Dinner,
                habitual: t(19, 0),
                target: t(18, 30),
            },
            RhythmPlanEvent::MaintenanceStarted { date: day(4) },
            RhythmPlanEvent::DisruptionPlanned {
                date: day(5),
                disruption: RhythmDisruption {
                    kind: LifeEventKind::OwnIllness,
                    from: day(6),
                    to: day(7),
                    protective_routines: vec!["keep out-of-bed at 07:00".into()],
                    note: String::new(),
                },
            },
        ];
        for e in &events {
            let core: ipsrt::ipsrt::PlanEvent = to_core(e).unwrap_or_else(|err| panic!("{e:?}: {err:?}"));
            assert_eq!(
                core.date(),
                match e {
                    RhythmPlanEvent::AnchorsChosen { date, .. }
                    | RhythmPlanEvent::TargetsSet { date, .. }
                    | RhythmPlanEvent::StepTaken { date, .. }
                    | RhythmPlanEvent::AnchorAdded { date, .. }
                    | RhythmPlanEvent::MaintenanceStarted { date }
                    | RhythmPlanEvent::DisruptionPlanned { date, .. } => *date,
                }
            );
        }
        let settings = rhythm_settings(Some(RhythmPlanSettings {
            min_baseline_days: None,
            max_initial_anchors: None,
            step_minutes: Some(30),
            hold_days: Some(7),
            hit_window_minutes: None,
            decided_by: "clinic protocol 2026".into(),
        }))
        .unwrap();
        let default = ipsrt::ipsrt::PlanSettings::default();
        assert_eq!(settings.step_minutes.value, 30);
        assert_eq!(settings.hold_days.value, 7);
        assert_eq!(settings.hold_days.source.key, "local");
        assert_eq!(settings.min_baseline_days, default.min_baseline_days);
        assert_eq!(rhythm_settings(None).unwrap(), default);
        let bad = RhythmPlanSettings {
            min_baseline_days: None,
            max_initial_anchors: None,
            step_minutes: None,
            hold_days: Some(-1),
            hit_window_minutes: None,
            decided_by: "clinic".into(),
        };
        assert!(matches!(rhythm_settings(Some(bad)), Err(IpsrtError::InvalidInput(m)) if m.contains("hold_days")));
    }
}
