//! The course state and its transition function.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{
    Attendance, CourseEvent, DeliveryMode, EarlyEndReason, EvaluationBasis, EventRecord, Population, ResponseVerdict,
    TerminationTask,
};
use super::protocol::{Contract, Protocol};
use super::{CourseError, InitialTask};
use crate::inventory::{Inventory, PersonId, check_optional_text, check_required_text};
use crate::life_event::{LifeEvent, Rank, SuggestOptions, Suggestions, suggest_problem_areas};
use crate::measures::SafetySignal;
use crate::problem_area::{ChosenArea, ProblemAreaKind, Taxonomy};
use crate::time::ZonedDateTime;

/// Most events one course accepts.
pub const MAX_EVENTS: usize = 10_000;

/// Most life events one course accepts.
pub const MAX_LIFE_EVENTS: usize = 500;

/// How a course ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ending {
    /// Termination (or maintenance) completed.
    Completed,
    /// Ended for non-response; the treatment failed, not the patient.
    NonResponse {
        /// The alternative offered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alternative_offered: Option<String>,
    },
    /// Ended early.
    EndedEarly {
        /// Why.
        reason: EarlyEndReason,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Referred elsewhere.
    Referred {
        /// To whom.
        to: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// The phase of a course. Phases move forward:
/// initial → middle → termination → (maintenance →) ended; any active phase may end early. The
/// one way back is a recurrence in maintenance (`recurrence_recorded`), which returns the course
/// to acute treatment (middle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Phase {
    /// Assessment: diagnosis, sick role, inventory, problem areas, formulation, contract.
    Initial,
    /// Work on the problem areas.
    Middle,
    /// The ending has been raised; termination tasks.
    Termination,
    /// Maintenance IPT under a new contract.
    Maintenance,
    /// The course has ended.
    Ended {
        /// How.
        ending: Ending,
    },
}

/// The phase without its data (the name of a [`Phase`]); serialised as `"initial"`, `"middle"`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// [`Phase::Initial`].
    Initial,
    /// [`Phase::Middle`].
    Middle,
    /// [`Phase::Termination`].
    Termination,
    /// [`Phase::Maintenance`].
    Maintenance,
    /// [`Phase::Ended`].
    Ended,
}

impl PhaseKind {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseKind::Initial => "initial",
            PhaseKind::Middle => "middle",
            PhaseKind::Termination => "termination",
            PhaseKind::Maintenance => "maintenance",
            PhaseKind::Ended => "ended",
        }
    }
}

impl std::fmt::Display for PhaseKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Phase {
    /// The phase without its data.
    pub fn kind(&self) -> PhaseKind {
        match self {
            Phase::Initial => PhaseKind::Initial,
            Phase::Middle => PhaseKind::Middle,
            Phase::Termination => PhaseKind::Termination,
            Phase::Maintenance => PhaseKind::Maintenance,
            Phase::Ended { .. } => PhaseKind::Ended,
        }
    }

    /// The phase's name.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Initial => "initial",
            Phase::Middle => "middle",
            Phase::Termination => "termination",
            Phase::Maintenance => "maintenance",
            Phase::Ended { .. } => "ended",
        }
    }

    /// Position in the phase order (0 initial … 4 ended); never decreases during a course, except
    /// maintenance → middle on a recurrence.
    pub fn order(&self) -> u8 {
        match self {
            Phase::Initial => 0,
            Phase::Middle => 1,
            Phase::Termination => 2,
            Phase::Maintenance => 3,
            Phase::Ended { .. } => 4,
        }
    }

    /// Whether the course has ended.
    pub fn is_ended(&self) -> bool {
        matches!(self, Phase::Ended { .. })
    }
}

/// A recorded session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Number (1, 2, 3, …).
    pub number: u32,
    /// Day.
    pub date: NaiveDate,
    /// Attendance.
    pub attendance: Attendance,
    /// Local start time and zone, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ZonedDateTime>,
    /// The phase the session belonged to.
    pub phase: PhaseKind,
    /// How it was delivered, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<DeliveryMode>,
}

/// A termination task done or left out (`termination_task_recorded`, `termination_task_skipped`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminationTaskRecord {
    /// The task.
    pub task: TerminationTask,
    /// The day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// The note of a done task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why it was left out, when it was (also a recorded deviation); absent when done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// Medication taken alongside the course (combined treatment), from `medication_started` to
/// `medication_stopped`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationPeriod {
    /// The medication as named.
    pub medication: String,
    /// The day it began.
    pub started: NaiveDate,
    /// The day it stopped; absent while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<NaiveDate>,
    /// The note given when it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The note given when it stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_note: Option<String>,
}

impl MedicationPeriod {
    /// Whether it was taken on `date` (from `started` up to and including `stopped`).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.started <= date && self.stopped.is_none_or(|s| date <= s)
    }
}

/// A recorded response evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Day.
    pub date: NaiveDate,
    /// Attended sessions at the time.
    pub after_sessions: u32,
    /// Verdict.
    pub verdict: ResponseVerdict,
    /// Basis, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<EvaluationBasis>,
    /// Whether this evaluation made the course a stop candidate (rules edition 2: at or after the
    /// stop session, a `minimal_or_no_benefit` verdict or a reduction under the protocol's
    /// `stop_reduction`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stop_candidate: bool,
    /// Why the clinician continued although this evaluation made the course a stop candidate
    /// (`non_response_stop_declined`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_declined: Option<String>,
}

impl Evaluation {
    /// The reduction from baseline in whole percent (rounded toward zero), when the basis has
    /// both totals and a baseline above 0.
    pub fn reduction_percent(&self) -> Option<i32> {
        self.basis.as_ref().and_then(EvaluationBasis::reduction_percent).map(|r| r.trunc() as i32)
    }
}

/// A recorded, explicit departure from the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// Day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// Which rule was departed from.
    pub rule: String,
    /// The reason given.
    pub reason: String,
}

/// A contract in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractTerm {
    /// From this day.
    pub from: NaiveDate,
    /// The contract.
    pub contract: Contract,
    /// Why it was (re)negotiated; none for the first contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether this is the maintenance (IPT-M) contract.
    #[serde(default)]
    pub maintenance: bool,
}

/// The relapse-prevention plan reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelapsePlanRecord {
    /// Day.
    pub date: NaiveDate,
    /// Reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_ref: Option<String>,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A phase change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseChange {
    /// Day.
    pub date: NaiveDate,
    /// The phase entered.
    pub phase: PhaseKind,
}

/// An IPT course: the fold of its events. Build it with [`Course::replay`] or
/// [`Course::create`] + [`Course::apply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The protocol.
    pub protocol: Protocol,
    /// The problem-area taxonomy.
    pub taxonomy: Taxonomy,
    /// The phase.
    pub phase: Phase,
    /// Phase history, starting with the initial phase on the creation day.
    pub phase_history: Vec<PhaseChange>,
    /// Symptom onset, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symptom_onset: Option<NaiveDate>,
    /// The diagnosis, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<String>,
    /// Day the sick role was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sick_role: Option<NaiveDate>,
    /// The interpersonal inventory.
    pub inventory: Inventory,
    /// Life events.
    pub life_events: Vec<LifeEvent>,
    /// Chosen problem areas (0–2).
    pub areas: Vec<ChosenArea>,
    /// The accepted formulation, if accepted (withdrawn when the areas change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formulation: Option<String>,
    /// Contract history; the last entry is in force.
    pub contracts: Vec<ContractTerm>,
    /// Sessions.
    pub sessions: Vec<Session>,
    /// Response evaluations.
    pub evaluations: Vec<Evaluation>,
    /// The relapse-prevention plan, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relapse_plan: Option<RelapsePlanRecord>,
    /// Recorded deviations from the protocol.
    pub deviations: Vec<Deviation>,
    /// Sessions used (attended + missed) before the contract in force started (maintenance
    /// contracts count from zero).
    pub sessions_before_contract: u32,
    /// The date of the latest event.
    pub last_date: NaiveDate,
    /// The number of events applied.
    pub events_applied: usize,
    /// Measures recorded in the course (`measure_recorded`), with their safety signals and
    /// acknowledgements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<RecordedMeasure>,
    /// Revisions of the diagnosis (`diagnosis_revised`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnosis_revisions: Vec<DiagnosisRevision>,
    /// Changes of focus in the middle phase (`focus_changed`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_changes: Vec<FocusChange>,
    /// Recurrences during maintenance that returned the course to acute treatment, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recurrences: Vec<Recurrence>,
    /// The population the course treats (`population_set`); absent when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
    /// Termination tasks done or left out, in the order recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub termination_tasks: Vec<TerminationTaskRecord>,
    /// Medication alongside the course (combined treatment), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub medications: Vec<MedicationPeriod>,
    /// The acknowledgement that interpersonal deficits stays the focus although other areas may
    /// apply (`deficits_acknowledged`, or the deviation given with the choice); cleared when
    /// deficits leaves the focus. See [`Course::deficits_open`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deficits_acknowledgement: Option<super::DeficitsAcknowledgement>,
}

/// A change of focus in the middle phase (`focus_changed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusChange {
    /// The day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// The area replaced; absent when an area was added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<ChosenArea>,
    /// The area worked on from then.
    pub area: ProblemAreaKind,
    /// Why.
    pub reason: String,
}

/// A recurrence during maintenance that returned the course to acute treatment
/// (`recurrence_recorded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// The day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// What recurred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A revision of the diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisRevision {
    /// The day.
    pub date: NaiveDate,
    /// Index of the event in the log.
    pub event_index: usize,
    /// The diagnosis before.
    pub from: String,
    /// The diagnosis after.
    pub to: String,
    /// Why.
    pub reason: String,
}

/// A measure recorded in the course: its summary, safety signals and their acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedMeasure {
    /// The day it was recorded.
    pub date: NaiveDate,
    /// Index of the `measure_recorded` event in the log.
    pub event_index: usize,
    /// Instrument id.
    pub instrument: String,
    /// The total, when the policy allowed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
    /// The safety signals the result carries (empty: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safety: Vec<SafetySignal>,
    /// Safety items left unanswered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safety_unanswered: Vec<String>,
    /// The acknowledgement that closed its safety signals, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<SafetyAcknowledgement>,
}

impl RecordedMeasure {
    /// Whether its safety signals are still open (raised and not acknowledged).
    pub fn safety_open(&self) -> bool {
        !self.safety.is_empty() && self.acknowledged.is_none()
    }
}

/// A clinician's acknowledgement of open safety signals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyAcknowledgement {
    /// The day.
    pub date: NaiveDate,
    /// Index of the `safety_acknowledged` event in the log.
    pub event_index: usize,
    /// Who.
    pub by: String,
    /// What was done.
    pub action: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn wrong(action: &'static str, phase: &Phase, hint: &'static str) -> CourseError {
    CourseError::WrongPhase { action, phase: phase.name(), hint }
}

impl Course {
    /// Creates a course from its first event, which must be `course_created`.
    pub fn create(record: &EventRecord) -> Result<Course, CourseError> {
        let CourseEvent::CourseCreated { protocol, taxonomy } = &record.event else {
            return Err(CourseError::NotCreated { found: record.event.type_name() });
        };
        protocol.validate()?;
        check_recorded(record)?;
        Ok(Course {
            protocol: protocol.clone(),
            taxonomy: *taxonomy,
            phase: Phase::Initial,
            phase_history: vec![PhaseChange { date: record.date, phase: PhaseKind::Initial }],
            symptom_onset: None,
            diagnosis: None,
            sick_role: None,
            inventory: Inventory::default(),
            life_events: Vec::new(),
            areas: Vec::new(),
            formulation: None,
            contracts: Vec::new(),
            sessions: Vec::new(),
            evaluations: Vec::new(),
            relapse_plan: None,
            measures: Vec::new(),
            diagnosis_revisions: Vec::new(),
            focus_changes: Vec::new(),
            recurrences: Vec::new(),
            population: None,
            termination_tasks: Vec::new(),
            medications: Vec::new(),
            deficits_acknowledgement: None,
            deviations: Vec::new(),
            sessions_before_contract: 0,
            last_date: record.date,
            events_applied: 1,
        })
    }

    /// Rebuilds a course from its event log. On failure the error is
    /// [`CourseError::EventRejected`] with the index of the first rejected event.
    pub fn replay(events: &[EventRecord]) -> Result<Course, CourseError> {
        let reject = |index: usize, e: CourseError| CourseError::EventRejected { index, reason: Box::new(e) };
        let (first, rest) = events.split_first().ok_or(CourseError::EmptyLog)?;
        let mut course = Course::create(first).map_err(|e| reject(0, e))?;
        for (i, rec) in rest.iter().enumerate() {
            // The course is discarded on error, so no copy is needed: replay is linear.
            course.apply_in_place(rec).map_err(|e| reject(i + 1, e))?;
        }
        Ok(course)
    }

    /// Applies one event. On error the course is unchanged (the event is applied to a copy,
    /// which replaces the course only when every check passed).
    pub fn apply(&mut self, record: &EventRecord) -> Result<(), CourseError> {
        let mut next = self.clone();
        next.apply_in_place(record)?;
        *self = next;
        Ok(())
    }

    /// Checks an event without applying it.
    pub fn check(&self, record: &EventRecord) -> Result<(), CourseError> {
        self.clone().apply_in_place(record)
    }

    /// The recorded measures whose safety signals are still open, oldest first.
    pub fn open_safety(&self) -> impl Iterator<Item = &RecordedMeasure> {
        self.measures.iter().filter(|m| m.safety_open())
    }

    /// The number the next `SessionRecorded` event must carry: one more than the last
    /// recorded session, 1 for the first.
    pub fn next_session_number(&self) -> u32 {
        self.sessions.last().map_or(1, |s| s.number.saturating_add(1))
    }

    /// The contract in force, if set.
    pub fn contract(&self) -> Option<&Contract> {
        self.contracts.last().map(|t| &t.contract)
    }

    /// Sessions attended in the whole course.
    pub fn attended(&self) -> u32 {
        self.count(|a| a == Attendance::Attended, 0)
    }

    /// Sessions missed (no-shows) in the whole course.
    pub fn missed(&self) -> u32 {
        self.count(|a| a == Attendance::Missed, 0)
    }

    /// Sessions cancelled and rescheduled in the whole course.
    pub fn cancelled(&self) -> u32 {
        self.count(|a| a == Attendance::Cancelled, 0)
    }

    fn count(&self, f: impl Fn(Attendance) -> bool, skip: usize) -> u32 {
        self.sessions.iter().skip(skip).filter(|s| f(s.attendance)).count() as u32
    }

    /// Sessions used against the whole course (attended + missed).
    pub fn used_total(&self) -> u32 {
        self.count(|a| a != Attendance::Cancelled, 0)
    }

    /// Sessions used against the contract in force (attended + missed since it began).
    pub fn used(&self) -> u32 {
        self.used_total().saturating_sub(self.sessions_before_contract)
    }

    /// Sessions remaining in the contract in force.
    pub fn remaining(&self) -> Option<u32> {
        self.contract().map(|c| c.sessions.saturating_sub(self.used()))
    }

    /// The chosen area of `kind`.
    pub fn area(&self, kind: ProblemAreaKind) -> Option<&ChosenArea> {
        self.areas.iter().find(|a| a.kind == kind)
    }

    /// The latest response evaluation, if any.
    pub fn latest_evaluation(&self) -> Option<&Evaluation> {
        self.evaluations.last()
    }

    /// The evaluation that makes the course a stop candidate awaiting the clinician's decision
    /// (rules edition 2): the latest evaluation, when it is a stop candidate, no
    /// `non_response_stop_declined` followed it and the course is in the middle or termination
    /// phase. While one is pending, attended sessions and completion are refused; end with
    /// `ended_non_response {alternative_offered}` or record `non_response_stop_declined {reason}`.
    pub fn stop_candidate(&self) -> Option<&Evaluation> {
        if !matches!(self.phase, Phase::Middle | Phase::Termination) {
            return None;
        }
        self.evaluations.last().filter(|e| e.stop_candidate && e.stop_declined.is_none())
    }

    /// The record of a termination task, done or left out, if any.
    pub fn termination_task(&self, task: TerminationTask) -> Option<&TerminationTaskRecord> {
        self.termination_tasks.iter().find(|t| t.task == task)
    }

    /// The termination tasks neither done nor left out with a reason, in order. A course may
    /// complete with tasks open (the clinician decides); they stay visible here and in the status.
    pub fn open_termination_tasks(&self) -> Vec<TerminationTask> {
        TerminationTask::ALL.into_iter().filter(|t| self.termination_task(*t).is_none()).collect()
    }

    /// Whether the recorded relapse-prevention plan is empty (neither a reference nor a summary):
    /// it still lets the course complete, but the status warns and the checklist shows it empty.
    pub fn relapse_plan_empty(&self) -> bool {
        self.relapse_plan.as_ref().is_some_and(|p| p.plan_ref.is_none() && p.summary.is_none())
    }

    /// Whether medication was taken alongside the course at any time (combined treatment), for
    /// splitting outcome reports.
    pub fn combined_treatment(&self) -> bool {
        !self.medications.is_empty()
    }

    /// The medication taken on `date` (for example an evaluation's date), in the order started.
    pub fn medication_on(&self, date: NaiveDate) -> Vec<&str> {
        self.medications.iter().filter(|m| m.covers(date)).map(|m| m.medication.as_str()).collect()
    }

    /// The medication still running (started and not stopped), in the order started.
    pub fn current_medication(&self) -> Vec<&str> {
        self.medications.iter().filter(|m| m.stopped.is_none()).map(|m| m.medication.as_str()).collect()
    }

    /// Attended sessions per delivery mode, `None` counting those whose mode was not recorded;
    /// only modes with at least one session, in [`DeliveryMode::ALL`] order, not recorded last.
    pub fn delivery_counts(&self) -> Vec<(Option<DeliveryMode>, u32)> {
        let attended = || self.sessions.iter().filter(|s| s.attendance == Attendance::Attended);
        DeliveryMode::ALL
            .into_iter()
            .map(Some)
            .chain([None])
            .map(|m| (m, attended().filter(|s| s.mode == m).count() as u32))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The stop session of the protocol's evaluation rule, if it has one.
    fn stop_session(&self) -> Option<u32> {
        self.protocol.evaluation.as_ref().and_then(|r| r.value.stop_without_effect_after)
    }

    /// Whether the course follows rules edition 2 or later (the non-response rule).
    fn edition2(&self) -> bool {
        self.protocol.rules_edition >= 2
    }

    /// Whether the course follows rules edition 3 or later (deficits as a warning).
    fn edition3(&self) -> bool {
        self.protocol.rules_edition >= 3
    }

    /// The initial-phase tasks not yet done, in order.
    pub fn missing_initial_tasks(&self) -> Vec<InitialTask> {
        let mut m = Vec::new();
        if self.diagnosis.is_none() {
            m.push(InitialTask::Diagnosis);
        }
        if self.sick_role.is_none() {
            m.push(InitialTask::SickRole);
        }
        if self.inventory.is_empty() {
            m.push(InitialTask::Inventory);
        }
        if self.areas.is_empty() {
            m.push(InitialTask::ProblemArea);
        }
        if self.formulation.is_none() {
            m.push(InitialTask::Formulation);
        }
        if self.contracts.is_empty() {
            m.push(InitialTask::Contract);
        }
        m
    }

    /// Candidate problem areas from the recorded life events (the therapist decides).
    pub fn suggest_problem_areas(&self, options: &SuggestOptions) -> Suggestions {
        suggest_problem_areas(&self.life_events, self.symptom_onset, self.taxonomy, options)
    }

    fn deviate(&mut self, date: NaiveDate, rule: String, reason: &str) -> Result<(), CourseError> {
        check_required_text("deviation", reason)?;
        self.deviations.push(Deviation { date, event_index: self.events_applied, rule, reason: reason.to_owned() });
        Ok(())
    }

    fn enter(&mut self, phase: Phase, date: NaiveDate) {
        self.phase_history.push(PhaseChange { date, phase: phase.kind() });
        self.phase = phase;
    }

    fn require_active(&self, action: &'static str) -> Result<(), CourseError> {
        if self.phase.is_ended() {
            Err(wrong(action, &self.phase, "the course has ended; start a new course"))
        } else {
            Ok(())
        }
    }

    fn require_initial(&self, action: &'static str) -> Result<(), CourseError> {
        if self.phase == Phase::Initial {
            Ok(())
        } else {
            Err(wrong(
                action,
                &self.phase,
                "this belongs to the initial phase; later, change the focus with focus_changed (with a reason) and the contract with contract_renegotiated",
            ))
        }
    }

    fn require_person(&self, id: &PersonId) -> Result<(), CourseError> {
        if self.inventory.contains(id) { Ok(()) } else { Err(CourseError::PersonNotFound { id: id.clone() }) }
    }

    fn check_contract(
        &mut self,
        contract: &Contract,
        deviation: Option<&str>,
        date: NaiveDate,
        protocol: &Protocol,
    ) -> Result<(), CourseError> {
        contract.validate()?;
        let outside = if self.edition3() {
            contract.outside(protocol)
        } else {
            // Before rules edition 3 no frequency was checked.
            let mut p = protocol.clone();
            p.allowed_frequencies.clear();
            contract.outside(&p)
        };
        if let Some(detail) = outside {
            match deviation {
                Some(reason) => self.deviate(date, detail, reason)?,
                None => return Err(CourseError::ContractOutsideProtocol { detail }),
            }
        } else {
            check_optional_text("deviation", deviation)?;
        }
        Ok(())
    }

    /// Applies in place; callers only call it on a copy.
    fn apply_in_place(&mut self, record: &EventRecord) -> Result<(), CourseError> {
        if self.events_applied >= MAX_EVENTS {
            return Err(CourseError::TooManyEvents { max: MAX_EVENTS });
        }
        if record.date < self.last_date {
            return Err(CourseError::DateBeforePrevious { date: record.date, previous: self.last_date });
        }
        check_recorded(record)?;
        let date = record.date;
        match &record.event {
            CourseEvent::CourseCreated { .. } => return Err(CourseError::AlreadyCreated),
            CourseEvent::SymptomOnsetRecorded { onset } => {
                self.require_active("record symptom onset")?;
                if *onset > date {
                    return Err(CourseError::DateInFuture { what: "symptom onset", found: *onset, date });
                }
                self.symptom_onset = Some(*onset);
            }
            CourseEvent::DiagnosisRecorded { diagnosis, note } => {
                self.require_initial("record the diagnosis")?;
                check_required_text("diagnosis", diagnosis)?;
                check_optional_text("note", note.as_deref())?;
                if self.diagnosis.is_some() {
                    return Err(CourseError::AlreadyRecorded {
                        what: "the diagnosis",
                        hint: "it is recorded once per course",
                    });
                }
                self.diagnosis = Some(diagnosis.clone());
            }
            CourseEvent::SickRoleRecorded { note } => {
                self.require_initial("record the sick role")?;
                check_optional_text("note", note.as_deref())?;
                if self.sick_role.is_some() {
                    return Err(CourseError::AlreadyRecorded {
                        what: "the sick role",
                        hint: "it is recorded once per course",
                    });
                }
                self.sick_role = Some(date);
            }
            CourseEvent::PersonAdded { person } => {
                self.require_active("add a person")?;
                self.inventory.add(person.clone())?;
            }
            CourseEvent::PersonUpdated { person } => {
                self.require_active("edit a person")?;
                self.inventory.update(person.clone())?;
            }
            CourseEvent::PersonRemoved { person_id } => {
                self.require_active("remove a person")?;
                if let Some(a) = self.areas.iter().find(|a| a.person.as_ref() == Some(person_id)) {
                    return Err(CourseError::PersonInUse { id: person_id.clone(), area: a.kind });
                }
                if self.life_events.iter().any(|e| e.person.as_ref() == Some(person_id)) {
                    return Err(CourseError::InvalidPerson {
                        id: person_id.clone(),
                        detail: "is referred to by a recorded life event: keep the entry (mark them past or deceased)"
                            .into(),
                    });
                }
                self.inventory.remove(person_id)?;
            }
            CourseEvent::LifeEventRecorded { life_event } => {
                self.require_active("record a life event")?;
                life_event.validate()?;
                if life_event.date > date {
                    return Err(CourseError::DateInFuture { what: "the life event", found: life_event.date, date });
                }
                if let Some(p) = &life_event.person {
                    self.require_person(p)?;
                }
                if self.life_events.len() >= MAX_LIFE_EVENTS {
                    return Err(CourseError::TooManyLifeEvents { max: MAX_LIFE_EVENTS });
                }
                self.life_events.push(life_event.clone());
            }
            CourseEvent::ProblemAreaChosen { area, dispute_stage, person, deviation } => {
                self.choose_area(date, *area, *dispute_stage, person.as_ref(), deviation.as_deref())?;
            }
            CourseEvent::ProblemAreaRemoved { area } => {
                self.require_initial("remove a problem area")?;
                let pos = self
                    .areas
                    .iter()
                    .position(|a| a.kind == *area)
                    .ok_or(CourseError::AreaNotChosen { area: *area })?;
                self.areas.remove(pos);
                if *area == ProblemAreaKind::InterpersonalDeficits {
                    self.deficits_acknowledgement = None;
                }
                self.formulation = None;
            }
            CourseEvent::FocusChanged { area, dispute_stage, person, replaces, reason } => {
                self.change_focus(date, *area, *dispute_stage, person.as_ref(), *replaces, reason)?;
            }
            CourseEvent::DisputeStageChanged { stage } => {
                if !matches!(self.phase, Phase::Initial | Phase::Middle) {
                    return Err(wrong(
                        "change the dispute stage",
                        &self.phase,
                        "the stage is worked on in the initial and middle phases",
                    ));
                }
                let a = self
                    .areas
                    .iter_mut()
                    .find(|a| a.kind == ProblemAreaKind::RoleDispute)
                    .ok_or(CourseError::AreaNotChosen { area: ProblemAreaKind::RoleDispute })?;
                let from =
                    a.dispute_stage.ok_or(CourseError::DisputeStage { detail: "the role dispute has no stage" })?;
                from.check_move(*stage)?;
                a.dispute_stage = Some(*stage);
            }
            CourseEvent::FormulationAccepted { summary } => {
                self.require_initial("accept the formulation")?;
                check_required_text("formulation summary", summary)?;
                if self.areas.is_empty() {
                    return Err(CourseError::WrongPhase {
                        action: "accept the formulation",
                        phase: "initial",
                        hint: "the formulation links the depression to a problem area; choose one first (problem_area_chosen)",
                    });
                }
                self.formulation = Some(summary.clone());
            }
            CourseEvent::ContractSet { contract, deviation } => {
                self.require_initial("set the contract")?;
                if !self.contracts.is_empty() {
                    return Err(CourseError::AlreadyRecorded {
                        what: "the contract",
                        hint: "changing it needs an explicit contract_renegotiated event",
                    });
                }
                let protocol = self.protocol.clone();
                self.check_contract(contract, deviation.as_deref(), date, &protocol)?;
                if contract.sessions < self.used() {
                    return Err(CourseError::ContractBelowUsed { sessions: contract.sessions, used: self.used() });
                }
                self.contracts.push(ContractTerm { from: date, contract: *contract, reason: None, maintenance: false });
            }
            CourseEvent::ContractRenegotiated { contract, reason, deviation } => {
                self.require_active("renegotiate the contract")?;
                check_required_text("reason", reason)?;
                let maintenance = self.phase == Phase::Maintenance;
                if self.contracts.is_empty() {
                    return Err(CourseError::ContractMissing);
                }
                let protocol = if !maintenance {
                    self.protocol.clone()
                } else if self.edition3() {
                    self.protocol.maintenance_for()
                } else {
                    Protocol::ipt_maintenance()
                };
                self.check_contract(contract, deviation.as_deref(), date, &protocol)?;
                if contract.sessions < self.used() {
                    return Err(CourseError::ContractBelowUsed { sessions: contract.sessions, used: self.used() });
                }
                self.contracts.push(ContractTerm {
                    from: date,
                    contract: *contract,
                    reason: Some(reason.clone()),
                    maintenance,
                });
            }
            CourseEvent::SessionRecorded { number, attendance, at, mode } => {
                self.record_session(date, *number, *attendance, at.as_ref(), *mode)?
            }
            CourseEvent::MiddlePhaseStarted => {
                self.require_initial("start the middle phase")?;
                let missing = self.missing_initial_tasks();
                if !missing.is_empty() {
                    return Err(CourseError::InitialPhaseIncomplete { missing });
                }
                self.enter(Phase::Middle, date);
            }
            CourseEvent::ResponseEvaluated { verdict, basis } => {
                if !matches!(self.phase, Phase::Middle | Phase::Termination | Phase::Maintenance) {
                    return Err(wrong(
                        "evaluate the response",
                        &self.phase,
                        "response is evaluated in the middle, termination or maintenance phase",
                    ));
                }
                if let Some(b) = basis {
                    check_basis(b)?;
                }
                let after = self.attended();
                let stop_at = self.stop_session();
                let at_stop =
                    matches!(self.phase, Phase::Middle | Phase::Termination) && stop_at.is_some_and(|n| after >= n);
                let no_benefit = *verdict == ResponseVerdict::MinimalOrNoBenefit;
                let below = self.protocol.stop_reduction.as_ref().is_some_and(|t| {
                    basis.as_ref().and_then(EvaluationBasis::reduction_percent).is_some_and(|r| r < f64::from(t.value))
                });
                let stop_candidate =
                    self.edition2() && at_stop && (no_benefit || (below && *verdict != ResponseVerdict::Remission));
                self.evaluations.push(Evaluation {
                    date,
                    after_sessions: after,
                    verdict: *verdict,
                    basis: basis.clone(),
                    stop_candidate,
                    stop_declined: None,
                });
                if !self.edition2() && no_benefit && at_stop {
                    // Rules edition 1: the stop rule ended the course on the spot.
                    self.enter(Phase::Ended { ending: Ending::NonResponse { alternative_offered: None } }, date);
                }
            }
            CourseEvent::TerminationStarted { deviation } => {
                if self.phase != Phase::Middle {
                    return Err(wrong("start termination", &self.phase, "termination follows the middle phase"));
                }
                let remaining = self.remaining().ok_or(CourseError::ContractMissing)?;
                let notice = self.protocol.termination_notice.value.min;
                if remaining < notice {
                    match deviation.as_deref() {
                        Some(reason) => self.deviate(
                            date,
                            format!("termination raised {remaining} sessions before the end; the protocol asks for at least {notice}"),
                            reason,
                        )?,
                        None => return Err(CourseError::TerminationTooLate { remaining, notice }),
                    }
                } else {
                    check_optional_text("deviation", deviation.as_deref())?;
                }
                self.enter(Phase::Termination, date);
            }
            CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary } => {
                if !matches!(self.phase, Phase::Middle | Phase::Termination | Phase::Maintenance) {
                    return Err(wrong(
                        "record the relapse-prevention plan",
                        &self.phase,
                        "the plan is made in the middle, termination or maintenance phase",
                    ));
                }
                check_optional_text("plan_ref", plan_ref.as_deref())?;
                check_optional_text("summary", summary.as_deref())?;
                self.relapse_plan =
                    Some(RelapsePlanRecord { date, plan_ref: plan_ref.clone(), summary: summary.clone() });
            }
            CourseEvent::TerminationTaskRecorded { task, note } => {
                self.require_termination_task("record a termination task")?;
                check_optional_text("note", note.as_deref())?;
                let index = self.events_applied;
                match self.termination_tasks.iter_mut().find(|t| t.task == *task) {
                    Some(t) if t.skipped.is_none() => {
                        return Err(CourseError::TerminationTaskAlreadyRecorded { task: *task, date: t.date });
                    }
                    // Left out earlier, done after all: the record now says done.
                    Some(t) => {
                        *t = TerminationTaskRecord {
                            task: *task,
                            date,
                            event_index: index,
                            note: note.clone(),
                            skipped: None,
                        }
                    }
                    None => self.termination_tasks.push(TerminationTaskRecord {
                        task: *task,
                        date,
                        event_index: index,
                        note: note.clone(),
                        skipped: None,
                    }),
                }
            }
            CourseEvent::TerminationTaskSkipped { task, reason } => {
                self.require_termination_task("leave out a termination task")?;
                check_required_text("reason", reason)?;
                if let Some(t) = self.termination_task(*task) {
                    return Err(CourseError::TerminationTaskAlreadyRecorded { task: *task, date: t.date });
                }
                self.deviate(date, format!("termination task {} left out", task.as_str()), reason)?;
                self.termination_tasks.push(TerminationTaskRecord {
                    task: *task,
                    date,
                    event_index: self.events_applied,
                    note: None,
                    skipped: Some(reason.clone()),
                });
            }
            CourseEvent::MedicationStarted { medication, started, note } => {
                self.require_active("record medication")?;
                check_required_text("medication", medication)?;
                check_optional_text("note", note.as_deref())?;
                let started = started.unwrap_or(date);
                if started > date {
                    return Err(CourseError::DateInFuture { what: "the medication start", found: started, date });
                }
                if self.medications.iter().any(|m| m.stopped.is_none() && m.medication == *medication) {
                    return Err(CourseError::MedicationAlreadyRunning { medication: medication.clone() });
                }
                self.medications.push(MedicationPeriod {
                    medication: medication.clone(),
                    started,
                    stopped: None,
                    note: note.clone(),
                    stop_note: None,
                });
            }
            CourseEvent::MedicationStopped { medication, note } => {
                self.require_active("record medication")?;
                check_required_text("medication", medication)?;
                check_optional_text("note", note.as_deref())?;
                let running = self.current_medication().join(", ");
                let Some(m) = self.medications.iter_mut().find(|m| m.stopped.is_none() && m.medication == *medication)
                else {
                    return Err(CourseError::MedicationNotRunning { medication: medication.clone(), running });
                };
                m.stopped = Some(date);
                m.stop_note = note.clone();
            }
            CourseEvent::PopulationSet { population } => {
                self.require_active("set the population")?;
                if self.population == Some(*population) {
                    return Err(CourseError::AlreadyRecorded {
                        what: "this population",
                        hint: "population_set changes it; give a different population",
                    });
                }
                self.population = Some(*population);
            }
            CourseEvent::MaintenanceStarted { contract, deviation } => {
                if self.phase != Phase::Termination {
                    return Err(wrong(
                        "start maintenance",
                        &self.phase,
                        "maintenance follows the termination of the acute course",
                    ));
                }
                if self.relapse_plan.is_none() {
                    return Err(CourseError::RelapsePlanMissing { action: "start maintenance" });
                }
                if self.edition3() {
                    let maintenance = self.protocol.maintenance_for();
                    self.check_contract(contract, deviation.as_deref(), date, &maintenance)?;
                } else {
                    contract.validate()?;
                    check_optional_text("deviation", deviation.as_deref())?;
                }
                self.sessions_before_contract = self.used_total();
                self.contracts.push(ContractTerm {
                    from: date,
                    contract: *contract,
                    reason: Some("maintenance (IPT-M)".into()),
                    maintenance: true,
                });
                self.enter(Phase::Maintenance, date);
            }
            CourseEvent::RecurrenceRecorded { contract, deviation, detail } => {
                if self.phase != Phase::Maintenance {
                    return Err(wrong(
                        "record a recurrence",
                        &self.phase,
                        "a recurrence returns a course in maintenance to acute treatment; keep working under the contract in the acute phases (renegotiate it if needed)",
                    ));
                }
                check_optional_text("detail", detail.as_deref())?;
                let protocol = self.protocol.clone();
                self.check_contract(contract, deviation.as_deref(), date, &protocol)?;
                self.sessions_before_contract = self.used_total();
                self.contracts.push(ContractTerm {
                    from: date,
                    contract: *contract,
                    reason: Some("acute treatment after a recurrence in maintenance".into()),
                    maintenance: false,
                });
                self.recurrences.push(Recurrence { date, event_index: self.events_applied, detail: detail.clone() });
                self.enter(Phase::Middle, date);
            }
            CourseEvent::CourseCompleted => {
                match self.phase {
                    Phase::Termination => {
                        if self.protocol.evaluation.is_some() && self.evaluations.is_empty() {
                            return Err(CourseError::EvaluationMissing);
                        }
                    }
                    Phase::Maintenance => {}
                    _ => {
                        return Err(wrong(
                            "complete the course",
                            &self.phase,
                            "a course completes from the termination (or maintenance) phase; start termination first",
                        ));
                    }
                }
                if self.edition2() {
                    if let Some(e) = self.stop_candidate() {
                        return Err(CourseError::StopDecisionPending {
                            action: "complete the course",
                            after_sessions: e.after_sessions,
                        });
                    }
                    if let Some(e) =
                        self.latest_evaluation().filter(|e| e.verdict == ResponseVerdict::MinimalOrNoBenefit)
                    {
                        return Err(CourseError::CompletedAfterNoBenefit {
                            date: e.date,
                            after_sessions: e.after_sessions,
                        });
                    }
                }
                if self.relapse_plan.is_none() {
                    return Err(CourseError::RelapsePlanMissing { action: "complete the course" });
                }
                self.enter(Phase::Ended { ending: Ending::Completed }, date);
            }
            CourseEvent::EndedNonResponse { alternative_offered } => {
                if !matches!(self.phase, Phase::Middle | Phase::Termination) {
                    return Err(wrong(
                        "end for non-response",
                        &self.phase,
                        "non-response is judged in the middle or termination phase",
                    ));
                }
                if self.edition2() {
                    match alternative_offered.as_deref() {
                        Some(a) => check_required_text("alternative_offered", a)?,
                        None => return Err(CourseError::AlternativeMissing),
                    }
                } else {
                    check_optional_text("alternative_offered", alternative_offered.as_deref())?;
                }
                if !self
                    .evaluations
                    .iter()
                    .any(|e| e.verdict == ResponseVerdict::MinimalOrNoBenefit || e.stop_candidate)
                {
                    return Err(CourseError::NoNonResponseVerdict);
                }
                self.enter(
                    Phase::Ended { ending: Ending::NonResponse { alternative_offered: alternative_offered.clone() } },
                    date,
                );
            }
            CourseEvent::NonResponseStopDeclined { reason } => {
                self.require_active("decline the non-response stop")?;
                check_required_text("reason", reason)?;
                let Some(e) = self.stop_candidate() else {
                    return Err(CourseError::NoStopCandidate);
                };
                let rule = format!(
                    "treatment continued although the evaluation of {} after {} sessions made the course a stop candidate",
                    e.date, e.after_sessions
                );
                self.deviate(date, rule, reason)?;
                if let Some(last) = self.evaluations.last_mut() {
                    last.stop_declined = Some(reason.clone());
                }
            }
            CourseEvent::EndedEarly { reason, detail } => {
                self.require_active("end the course early")?;
                check_optional_text("detail", detail.as_deref())?;
                self.enter(
                    Phase::Ended { ending: Ending::EndedEarly { reason: *reason, detail: detail.clone() } },
                    date,
                );
            }
            CourseEvent::DiagnosisRevised { diagnosis, reason } => {
                check_required_text("diagnosis", diagnosis)?;
                check_required_text("reason", reason)?;
                let Some(from) = self.diagnosis.clone() else {
                    return Err(CourseError::NoDiagnosisToRevise);
                };
                if from == *diagnosis {
                    return Err(CourseError::AlreadyRecorded {
                        what: "this diagnosis",
                        hint: "a revision must name a different diagnosis",
                    });
                }
                self.diagnosis_revisions.push(DiagnosisRevision {
                    date,
                    event_index: self.events_applied,
                    from,
                    to: diagnosis.clone(),
                    reason: reason.clone(),
                });
                self.diagnosis = Some(diagnosis.clone());
            }
            CourseEvent::MeasureRecorded { score } => {
                crate::persist::Persist::validate_loaded(score.as_ref())
                    .map_err(|detail| CourseError::InvalidMeasure { detail })?;
                self.measures.push(RecordedMeasure {
                    date,
                    event_index: self.events_applied,
                    instrument: score.instrument.clone(),
                    total: score.total,
                    safety: score.safety.clone(),
                    safety_unanswered: score.safety_unanswered.clone(),
                    acknowledged: None,
                });
            }
            CourseEvent::DeficitsAcknowledged { by, reason } => {
                check_required_text("by", by)?;
                check_required_text("reason", reason)?;
                if self.deficits_open().is_none() {
                    return Err(CourseError::NoDeficitsWarning {
                        detail: if self.area(ProblemAreaKind::InterpersonalDeficits).is_none() {
                            "interpersonal deficits is not the focus"
                        } else if self.deficits_acknowledgement.is_some() {
                            "it is already acknowledged"
                        } else {
                            "nothing points at another area"
                        },
                    });
                }
                self.deficits_acknowledgement = Some(super::DeficitsAcknowledgement {
                    date,
                    event_index: self.events_applied,
                    by: Some(by.clone()),
                    reason: reason.clone(),
                });
            }
            CourseEvent::SafetyAcknowledged { by, action, note } => {
                check_required_text("by", by)?;
                check_required_text("action", action)?;
                check_optional_text("note", note.as_deref())?;
                let ack = SafetyAcknowledgement {
                    date,
                    event_index: self.events_applied,
                    by: by.clone(),
                    action: action.clone(),
                    note: note.clone(),
                };
                let mut any = false;
                for m in self.measures.iter_mut().filter(|m| m.safety_open()) {
                    m.acknowledged = Some(ack.clone());
                    any = true;
                }
                if !any {
                    return Err(CourseError::NoOpenSafetySignal);
                }
            }
            CourseEvent::Referred { to, reason } => {
                self.require_active("refer")?;
                check_required_text("to", to)?;
                check_optional_text("reason", reason.as_deref())?;
                self.enter(Phase::Ended { ending: Ending::Referred { to: to.clone(), reason: reason.clone() } }, date);
            }
        }
        self.last_date = date;
        self.events_applied += 1;
        Ok(())
    }

    fn choose_area(
        &mut self,
        date: NaiveDate,
        area: ProblemAreaKind,
        stage: Option<crate::problem_area::DisputeStage>,
        person: Option<&PersonId>,
        deviation: Option<&str>,
    ) -> Result<(), CourseError> {
        self.require_initial("choose a problem area")?;
        if !self.taxonomy.allows(area) {
            let allowed = self.taxonomy.areas().iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ");
            return Err(CourseError::AreaNotInTaxonomy { area, taxonomy: self.taxonomy, allowed });
        }
        if self.area(area).is_some() {
            return Err(CourseError::AreaAlreadyChosen { area });
        }
        if let [first, second] = self.areas.as_slice() {
            return Err(CourseError::TooManyAreas { first: first.kind, second: second.kind });
        }
        match (area, stage) {
            (ProblemAreaKind::RoleDispute, None) => {
                return Err(CourseError::DisputeStage {
                    detail: "a role dispute needs its stage: give dispute_stage (renegotiation, impasse or dissolution)",
                });
            }
            (ProblemAreaKind::RoleDispute, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(CourseError::DisputeStage {
                    detail: "only a role dispute has a stage: leave dispute_stage out",
                });
            }
        }
        if let Some(p) = person {
            self.require_person(p)?;
        }
        check_optional_text("deviation", deviation)?;
        let mut deviations: Vec<String> = Vec::new();
        let mut acknowledged = false;
        if area == ProblemAreaKind::InterpersonalDeficits {
            if let Some(a) = self.areas.first() {
                return Err(CourseError::DeficitsNotResidual { reason: format!("{} is already chosen", a.kind) });
            }
            if self.edition3() {
                // Rules edition 3: the evidence opens a warning instead of refusing the choice; a
                // deviation given with the choice counts as its acknowledgement.
                // Only what points elsewhere makes the deviation the acknowledgement; open
                // questions (facts not assessed) stay in the warning until assessed or
                // acknowledged, and are left out of the recorded deviation.
                let mut evidence = self.deficits_evidence();
                evidence.not_assessed.clear();
                if evidence.points_elsewhere() && deviation.is_some() {
                    deviations.push(format!(
                        "interpersonal deficits chosen although other areas may apply ({})",
                        evidence.describe_in(crate::i18n::Locale::En)
                    ));
                    acknowledged = true;
                }
            } else {
                let s = self.suggest_problem_areas(&SuggestOptions::default());
                let other = s
                    .candidates
                    .iter()
                    .find(|c| c.rank == Rank::Primary && c.area != ProblemAreaKind::InterpersonalDeficits)
                    .map(|c| format!("a recorded life event points at {}", c.area));
                if let Some(reason) = other {
                    if deviation.is_none() {
                        return Err(CourseError::DeficitsNotResidual { reason });
                    }
                    deviations.push(format!("interpersonal deficits chosen although {reason}"));
                    acknowledged = true;
                }
            }
        } else if self.area(ProblemAreaKind::InterpersonalDeficits).is_some() {
            return Err(CourseError::DeficitsNotResidual {
                reason: format!("{area} is being added; remove interpersonal deficits first"),
            });
        }
        let held = self.attended();
        let w = self.protocol.focus_window.value;
        if !w.contains(held) {
            if deviation.is_none() {
                return Err(CourseError::FocusOutsideWindow { session: held, first: w.min, last: w.max });
            }
            deviations.push(format!(
                "focus chosen after {held} sessions, outside the window {w} ({})",
                self.protocol.focus_window.source
            ));
        }
        if let Some(reason) = deviation {
            for rule in deviations {
                self.deviate(date, rule, reason)?;
            }
            if acknowledged {
                self.deficits_acknowledgement = Some(super::DeficitsAcknowledgement {
                    date,
                    event_index: self.events_applied,
                    by: None,
                    reason: reason.to_owned(),
                });
            }
        }
        self.areas.push(ChosenArea {
            kind: area,
            dispute_stage: stage,
            person: person.cloned(),
            chosen_at_session: held,
        });
        self.formulation = None;
        Ok(())
    }

    fn change_focus(
        &mut self,
        date: NaiveDate,
        area: ProblemAreaKind,
        stage: Option<crate::problem_area::DisputeStage>,
        person: Option<&PersonId>,
        replaces: Option<ProblemAreaKind>,
        reason: &str,
    ) -> Result<(), CourseError> {
        if self.phase != Phase::Middle {
            return Err(wrong(
                "change the focus",
                &self.phase,
                "the focus changes in the middle phase; in the initial phase choose or remove areas (problem_area_chosen, problem_area_removed)",
            ));
        }
        check_required_text("reason", reason)?;
        if !self.taxonomy.allows(area) {
            let allowed = self.taxonomy.areas().iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ");
            return Err(CourseError::AreaNotInTaxonomy { area, taxonomy: self.taxonomy, allowed });
        }
        let replaced_at = match replaces {
            Some(r) => Some(self.areas.iter().position(|a| a.kind == r).ok_or(CourseError::AreaNotChosen { area: r })?),
            None => None,
        };
        let kept: Vec<&ChosenArea> =
            self.areas.iter().enumerate().filter(|(i, _)| Some(*i) != replaced_at).map(|(_, a)| a).collect();
        if kept.iter().any(|a| a.kind == area) || (replaces == Some(area)) {
            return Err(CourseError::AreaAlreadyChosen { area });
        }
        if let [first, second] = kept.as_slice() {
            return Err(CourseError::FocusFull { first: first.kind, second: second.kind });
        }
        match (area, stage) {
            (ProblemAreaKind::RoleDispute, None) => {
                return Err(CourseError::DisputeStage {
                    detail: "a role dispute needs its stage: give dispute_stage (renegotiation, impasse or dissolution)",
                });
            }
            (ProblemAreaKind::RoleDispute, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(CourseError::DisputeStage {
                    detail: "only a role dispute has a stage: leave dispute_stage out",
                });
            }
        }
        if let Some(p) = person {
            self.require_person(p)?;
        }
        if let Some(other) = kept.first() {
            if area == ProblemAreaKind::InterpersonalDeficits {
                return Err(CourseError::DeficitsNotResidual { reason: format!("{} stays in the focus", other.kind) });
            }
            if other.kind == ProblemAreaKind::InterpersonalDeficits {
                return Err(CourseError::DeficitsNotResidual {
                    reason: format!("{area} is being added; replace interpersonal deficits instead (replaces)"),
                });
            }
        }
        let chosen = ChosenArea {
            kind: area,
            dispute_stage: stage,
            person: person.cloned(),
            chosen_at_session: self.attended(),
        };
        let replaced = match replaced_at {
            Some(i) => match self.areas.get_mut(i) {
                Some(slot) => Some(std::mem::replace(slot, chosen)),
                None => return Err(CourseError::AreaNotChosen { area }),
            },
            None => {
                self.areas.push(chosen);
                None
            }
        };
        if replaced.as_ref().is_some_and(|r| r.kind == ProblemAreaKind::InterpersonalDeficits) {
            self.deficits_acknowledgement = None;
        }
        self.focus_changes.push(FocusChange {
            date,
            event_index: self.events_applied,
            replaced,
            area,
            reason: reason.to_owned(),
        });
        Ok(())
    }

    fn require_termination_task(&self, action: &'static str) -> Result<(), CourseError> {
        if matches!(self.phase, Phase::Termination | Phase::Maintenance) {
            Ok(())
        } else {
            Err(wrong(
                action,
                &self.phase,
                "termination tasks belong to the termination phase (or maintenance after it); raise the ending first (termination_started)",
            ))
        }
    }

    fn record_session(
        &mut self,
        date: NaiveDate,
        number: u32,
        attendance: Attendance,
        at: Option<&ZonedDateTime>,
        mode: Option<DeliveryMode>,
    ) -> Result<(), CourseError> {
        self.require_active("record a session")?;
        let expected = self.next_session_number();
        if number != expected {
            return Err(CourseError::SessionNumber { expected, found: number });
        }
        if let Some(at) = at
            && at.date() != date
        {
            return Err(CourseError::SessionTimeMismatch { date, at: at.to_string() });
        }
        if attendance != Attendance::Cancelled {
            match self.contract() {
                Some(c) => {
                    if self.used() >= c.sessions {
                        return Err(CourseError::ContractExhausted { sessions: c.sessions });
                    }
                }
                None => {
                    if self.used() >= self.protocol.sessions.value.max {
                        return Err(CourseError::NoContractLimit { used: self.used() });
                    }
                }
            }
        }
        if attendance == Attendance::Attended
            && matches!(self.phase, Phase::Middle | Phase::Termination)
            && let Some(rule) = &self.protocol.evaluation
        {
            let w = rule.value.window;
            let held = self.attended();
            let evaluated = self.evaluations.iter().any(|e| e.after_sessions >= w.min);
            if held >= w.max && !evaluated {
                return Err(CourseError::EvaluationDue { first: w.min, last: w.max, next: number });
            }
            if self.edition2()
                && let Some(stop) = rule.value.stop_without_effect_after
                && held >= stop
            {
                if !self.evaluations.iter().any(|e| e.after_sessions >= stop) {
                    return Err(CourseError::FreshEvaluationDue { stop, next: number });
                }
                if let Some(e) = self.stop_candidate() {
                    return Err(CourseError::StopDecisionPending {
                        action: "record another attended session",
                        after_sessions: e.after_sessions,
                    });
                }
            }
        }
        self.sessions.push(Session { number, date, attendance, at: at.copied(), phase: self.phase.kind(), mode });
        Ok(())
    }
}

fn check_recorded(record: &EventRecord) -> Result<(), CourseError> {
    if let Some(r) = &record.recorded_at
        && r.date() < record.date
    {
        return Err(CourseError::RecordedBeforeHappened { date: record.date, recorded: r.date() });
    }
    Ok(())
}

fn check_basis(b: &EvaluationBasis) -> Result<(), CourseError> {
    check_required_text("basis.instrument", &b.instrument)?;
    for (name, v) in [("baseline_total", b.baseline_total), ("current_total", b.current_total)] {
        if let Some(v) = v
            && (!v.is_finite() || v < 0.0)
        {
            return Err(CourseError::InvalidBasis { detail: format!("{name} {v} must be a finite number ≥ 0") });
        }
    }
    Ok(())
}
