//! The error type of [`crate::course`], [`crate::problem_area`], [`crate::life_event`] and
//! [`crate::inventory`].

use chrono::NaiveDate;

use crate::error::ErrorKind;
use crate::inventory::PersonId;
use crate::operation::Operation as Op;
use crate::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};

/// A task of the initial phase that must be done before the middle phase (docs/course.md#the-initial-phase-guard-and-the-focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum InitialTask {
    /// Record the diagnosis (`diagnosis_recorded`).
    Diagnosis,
    /// Record the sick role (`sick_role_recorded`).
    SickRole,
    /// Add at least one person to the inventory (`person_added`).
    Inventory,
    /// Choose one or two problem areas (`problem_area_chosen`).
    ProblemArea,
    /// Have the formulation explicitly accepted (`formulation_accepted`).
    Formulation,
    /// Set the contract (`contract_set`).
    Contract,
}

impl InitialTask {
    /// The operation that does the task.
    pub fn operation(self) -> Op {
        match self {
            InitialTask::Diagnosis => Op::DiagnosisRecorded,
            InitialTask::SickRole => Op::SickRoleRecorded,
            InitialTask::Inventory => Op::PersonAdded,
            InitialTask::ProblemArea => Op::ProblemAreaChosen,
            InitialTask::Formulation => Op::FormulationAccepted,
            InitialTask::Contract => Op::ContractSet,
        }
    }

    /// What is missing, as a phrase without the operation ("the contract has not been set").
    pub fn missing(self) -> &'static str {
        match self {
            InitialTask::Diagnosis => "the diagnosis has not been recorded",
            InitialTask::SickRole => "the sick role has not been recorded",
            InitialTask::Inventory => "the interpersonal inventory has nobody in it",
            InitialTask::ProblemArea => "no problem area has been chosen",
            InitialTask::Formulation => "the formulation has not been accepted",
            InitialTask::Contract => "the contract has not been set",
        }
    }

    /// What to do, as a phrase naming the event by its Rust/JSON name (error messages name it
    /// in the caller's language instead: [`crate::operation`]).
    pub fn todo(self) -> &'static str {
        match self {
            InitialTask::Diagnosis => "the diagnosis has not been recorded (diagnosis_recorded)",
            InitialTask::SickRole => "the sick role has not been recorded (sick_role_recorded)",
            InitialTask::Inventory => "the interpersonal inventory has nobody in it (person_added)",
            InitialTask::ProblemArea => "no problem area has been chosen (problem_area_chosen)",
            InitialTask::Formulation => "the formulation has not been accepted (formulation_accepted)",
            InitialTask::Contract => "the contract has not been set (contract_set)",
        }
    }
}

fn list_tasks(tasks: &[InitialTask]) -> String {
    tasks.iter().map(|t| format!("{} ({})", t.missing(), t.operation())).collect::<Vec<_>>().join("; ")
}

/// Errors from [`crate::course`] and the modules it is built from. Every message says what
/// was wrong and what to do. A rejected event leaves the course unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CourseError {
    /// Replay: the event at `index` was rejected.
    #[error("event #{index} was rejected: {reason}")]
    EventRejected {
        /// Zero-based index of the event in the log.
        index: usize,
        /// Why.
        reason: Box<CourseError>,
    },
    /// Replay of an empty log.
    #[error("the event log is empty: a course log starts with a course_created event")]
    EmptyLog,
    /// The first event is not `course_created`.
    #[error("a course starts with a course_created event, not {found}: put course_created first")]
    NotCreated {
        /// The type of the event found.
        found: &'static str,
    },
    /// A second `course_created`.
    #[error("the course already exists: course_created may only be the first event; start a new log for a new course")]
    AlreadyCreated,
    /// An event dated before the previous one.
    #[error(
        "the event is dated {date}, before the previous event ({previous}): events must be in date order; fix the date or the order"
    )]
    DateBeforePrevious {
        /// The event's date.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// `recorded_at` is before the day the event happened.
    #[error(
        "the event is recorded at {recorded} but happened on {date}: an event cannot be recorded before it happened; check the date and the recording time zone"
    )]
    RecordedBeforeHappened {
        /// The event's date.
        date: NaiveDate,
        /// The local date of `recorded_at`.
        recorded: NaiveDate,
    },
    /// A date lies after the event that records it.
    #[error("{what} ({found}) is after the event's date ({date}): record it on or after the day it happened")]
    DateInFuture {
        /// What date.
        what: &'static str,
        /// The date given.
        found: NaiveDate,
        /// The event's date.
        date: NaiveDate,
    },
    /// The event is not allowed in the current phase.
    #[error("cannot {action} in the {phase} phase: {hint}")]
    WrongPhase {
        /// What was attempted.
        action: &'static str,
        /// The current phase.
        phase: &'static str,
        /// What to do instead.
        hint: &'static str,
    },
    /// The middle phase was started with initial-phase tasks left.
    #[error("cannot start the middle phase: {}; record those first", list_tasks(.missing))]
    InitialPhaseIncomplete {
        /// The tasks not yet done, in order.
        missing: Vec<InitialTask>,
    },
    /// A recorded fact was recorded twice where only one is allowed.
    #[error("{what} is already recorded: {hint}")]
    AlreadyRecorded {
        /// What.
        what: &'static str,
        /// What to do.
        hint: &'static str,
    },
    /// An area outside the course's taxonomy.
    #[error("{area} is not a problem area of the {taxonomy} taxonomy: choose one of {allowed}")]
    AreaNotInTaxonomy {
        /// The area.
        area: ProblemAreaKind,
        /// The course's taxonomy.
        taxonomy: Taxonomy,
        /// The allowed areas, comma-separated.
        allowed: String,
    },
    /// A third area.
    #[error(
        "the course already has 2 problem areas ({first}, {second}): IPT works on one or at most two; remove one first ({op_problem_area_removed})", op_problem_area_removed = Op::ProblemAreaRemoved
    )]
    TooManyAreas {
        /// The first chosen area.
        first: ProblemAreaKind,
        /// The second chosen area.
        second: ProblemAreaKind,
    },
    /// A middle-phase focus change that would make a third area.
    #[error(
        "the course already works on 2 problem areas ({first}, {second}): IPT works on one or at most two; give the area the new one replaces (replaces)"
    )]
    FocusFull {
        /// The first chosen area.
        first: ProblemAreaKind,
        /// The second chosen area.
        second: ProblemAreaKind,
    },
    /// The same area twice.
    #[error("{area} is already chosen: choose another area, or change the dispute stage with {op_dispute_stage_changed}", op_dispute_stage_changed = Op::DisputeStageChanged)]
    AreaAlreadyChosen {
        /// The area.
        area: ProblemAreaKind,
    },
    /// Removing or staging an area that was not chosen.
    #[error("{area} has not been chosen: choose it first with {op_problem_area_chosen}", op_problem_area_chosen = Op::ProblemAreaChosen)]
    AreaNotChosen {
        /// The area.
        area: ProblemAreaKind,
    },
    /// A role dispute without a stage, or a stage on another area.
    #[error("{detail}")]
    DisputeStage {
        /// What is wrong and what to do.
        detail: &'static str,
    },
    /// An illegal role-dispute stage change.
    #[error(
        "a role dispute cannot move from {from} to {to}: renegotiation and impasse can alternate, either can become dissolution, and dissolution is final"
    )]
    IllegalStageChange {
        /// The current stage.
        from: DisputeStage,
        /// The requested stage.
        to: DisputeStage,
    },
    /// Interpersonal deficits chosen while another area applies.
    #[error(
        "interpersonal deficits is the residual area, chosen only when no grief, dispute or transition applies, but {reason}; choose that area instead, or give a deviation reason"
    )]
    DeficitsNotResidual {
        /// What else applies.
        reason: String,
    },
    /// A focus choice outside the protocol's window without a deviation.
    #[error(
        "the focus is chosen after {session} sessions, outside the protocol's window of sessions {first}–{last}: record it with a deviation reason"
    )]
    FocusOutsideWindow {
        /// Sessions held so far.
        session: u32,
        /// First session of the window.
        first: u32,
        /// Last session of the window.
        last: u32,
    },
    /// A contract outside the protocol without a deviation.
    #[error("{detail}: keep it within the protocol, or give a deviation reason")]
    ContractOutsideProtocol {
        /// What is outside.
        detail: String,
    },
    /// An invalid contract or protocol number.
    #[error("invalid {what}: {detail}")]
    InvalidNumber {
        /// What.
        what: &'static str,
        /// What is wrong and what to do.
        detail: String,
    },
    /// The contract was needed but is not set.
    #[error("the contract has not been set: record {op_contract_set} first", op_contract_set = Op::ContractSet)]
    ContractMissing,
    /// A renegotiated contract smaller than the sessions already used.
    #[error(
        "the new contract has {sessions} sessions but {used} have already been used: the contract must cover at least the sessions used"
    )]
    ContractBelowUsed {
        /// Sessions in the new contract.
        sessions: u32,
        /// Sessions already used.
        used: u32,
    },
    /// A session number that is not the next one.
    #[error(
        "session number {found} is not the next session: expected {expected} (sessions are numbered 1, 2, 3, … without gaps)"
    )]
    SessionNumber {
        /// The expected number.
        expected: u32,
        /// The number given.
        found: u32,
    },
    /// The contract is used up.
    #[error(
        "the contract of {sessions} sessions is used up (missed sessions count too): renegotiate it ({op_contract_renegotiated}) or end the course", op_contract_renegotiated = Op::ContractRenegotiated
    )]
    ContractExhausted {
        /// Sessions in the contract.
        sessions: u32,
    },
    /// Before the contract is set, at most the protocol's maximum sessions may be held.
    #[error(
        "{used} sessions have been used without a contract, the protocol's maximum: set the contract ({op_contract_set})", op_contract_set = Op::ContractSet
    )]
    NoContractLimit {
        /// Sessions used.
        used: u32,
    },
    /// A session's wall-clock time lies on another day than the event date.
    #[error("the session time {at} is on another local day than the event date {date}: use the same day")]
    SessionTimeMismatch {
        /// The event's date.
        date: NaiveDate,
        /// The session time, as text.
        at: String,
    },
    /// The protocol's response evaluation is due.
    #[error(
        "a response evaluation is due: the protocol evaluates after sessions {first}–{last}; record {op_response_evaluated} before session {next}", op_response_evaluated = Op::ResponseEvaluated
    )]
    EvaluationDue {
        /// First session of the evaluation window.
        first: u32,
        /// Last session of the evaluation window.
        last: u32,
        /// The session that was attempted.
        next: u32,
    },
    /// Rules edition 2: a session after the stop session without an evaluation made at or after it.
    #[error(
        "a fresh response evaluation is due: the protocol decides on stopping after {stop} sessions, and no evaluation was made at or after session {stop}; record {op_response_evaluated} before session {next}", op_response_evaluated = Op::ResponseEvaluated
    )]
    FreshEvaluationDue {
        /// The protocol's stop session.
        stop: u32,
        /// The session that was attempted.
        next: u32,
    },
    /// Rules edition 2: the latest evaluation made the course a stop candidate and the clinician
    /// has not decided yet.
    #[error(
        "cannot {action}: the evaluation after {after_sessions} sessions made the course a stop candidate (no or too little benefit); record {op_ended_non_response} with the alternative offered, or {op_non_response_stop_declined} with a reason to continue", op_ended_non_response = Op::EndedNonResponse, op_non_response_stop_declined = Op::NonResponseStopDeclined
    )]
    StopDecisionPending {
        /// What was attempted.
        action: &'static str,
        /// Attended sessions at the evaluation.
        after_sessions: u32,
    },
    /// Rules edition 2: completion while the latest verdict is `minimal_or_no_benefit`.
    #[error(
        "cannot complete the course: its latest evaluation ({date}, after {after_sessions} sessions) found minimal or no benefit; record {op_ended_non_response} with the alternative offered, or a fresh {op_response_evaluated} first", op_ended_non_response = Op::EndedNonResponse, op_response_evaluated = Op::ResponseEvaluated
    )]
    CompletedAfterNoBenefit {
        /// The day of that evaluation.
        date: NaiveDate,
        /// Attended sessions at that evaluation.
        after_sessions: u32,
    },
    /// Rules edition 2: `ended_non_response` without the alternative offered.
    #[error(
        "{op_ended_non_response} must record the alternative offered: give alternative_offered (for example \"CBT with an antidepressant\", or \"none: the patient declined\")", op_ended_non_response = Op::EndedNonResponse
    )]
    AlternativeMissing,
    /// `non_response_stop_declined` when no stop candidate is pending.
    #[error(
        "there is no stop candidate to decline: only an evaluation at or after the protocol's stop session that found no or too little benefit makes one; record {op_response_evaluated} first", op_response_evaluated = Op::ResponseEvaluated
    )]
    NoStopCandidate,
    /// Ending for non-response without an evaluation that found no or minimal benefit.
    #[error(
        "cannot end for non-response: no response evaluation found minimal or no benefit; record {op_response_evaluated} with verdict minimal_or_no_benefit first", op_response_evaluated = Op::ResponseEvaluated
    )]
    NoNonResponseVerdict,
    /// Termination raised too late without a deviation.
    #[error(
        "termination must be raised at least {notice} sessions before the end but only {remaining} remain: give a deviation reason, or renegotiate the contract"
    )]
    TerminationTooLate {
        /// Sessions remaining.
        remaining: u32,
        /// The protocol's minimum notice.
        notice: u32,
    },
    /// Completion or maintenance without a relapse-prevention plan.
    #[error(
        "cannot {action}: no relapse-prevention plan has been recorded; record {op_relapse_prevention_plan_recorded} first", op_relapse_prevention_plan_recorded = Op::RelapsePreventionPlanRecorded
    )]
    RelapsePlanMissing {
        /// What was attempted.
        action: &'static str,
    },
    /// Completion without the protocol's required response evaluation.
    #[error(
        "cannot complete the course: the protocol requires a response evaluation and none has been recorded; record {op_response_evaluated} first", op_response_evaluated = Op::ResponseEvaluated
    )]
    EvaluationMissing,
    /// A free-text field is empty or too long.
    #[error("{field} {detail}")]
    InvalidText {
        /// The field.
        field: &'static str,
        /// What is wrong and what to do.
        detail: String,
    },
    /// An evaluation basis with a non-finite or negative total.
    #[error("invalid evaluation basis: {detail}")]
    InvalidBasis {
        /// What is wrong and what to do.
        detail: String,
    },
    /// A malformed person id.
    #[error(
        "invalid person id {}: use 1–64 ASCII letters, digits, '-', '_' or '.' (for example \"partner\" or \"mother-2\")",
        crate::limits::Excerpt::new(id)
    )]
    InvalidPersonId {
        /// The id given.
        id: String,
    },
    /// A person entry breaks a rule.
    #[error("person {id} {detail}")]
    InvalidPerson {
        /// The person.
        id: PersonId,
        /// What is wrong and what to do.
        detail: String,
    },
    /// A person id that is already used.
    #[error("person {id} is already in the inventory: edit the entry ({op_person_updated}) or use another id", op_person_updated = Op::PersonUpdated)]
    DuplicatePerson {
        /// The id.
        id: PersonId,
    },
    /// A person id that is not in the inventory.
    #[error("person {id} is not in the inventory: add them first ({op_person_added})", op_person_added = Op::PersonAdded)]
    PersonNotFound {
        /// The id.
        id: PersonId,
    },
    /// Removing a person a problem area refers to.
    #[error(
        "person {id} is the person of the chosen {area} area: remove the area first, or keep the person (mark them past or deceased)"
    )]
    PersonInUse {
        /// The id.
        id: PersonId,
        /// The area.
        area: ProblemAreaKind,
    },
    /// The inventory is full.
    #[error("the inventory already has {max} people, the most it accepts: remove people who are not relevant")]
    InventoryFull {
        /// The limit.
        max: usize,
    },
    /// The course already has the most life events it accepts.
    #[error(
        "the course already has {max} life events, the most it accepts: record only the events relevant to the episode"
    )]
    TooManyLifeEvents {
        /// The limit.
        max: usize,
    },
    /// The course already has the most events it accepts.
    #[error(
        "the course already has {max} events, the most one course accepts: start a new course (for example a maintenance course)"
    )]
    TooManyEvents {
        /// The limit.
        max: usize,
    },
    /// A recorded measure result does not re-score to itself from its answers.
    #[error("the measure result cannot be recorded: {detail}")]
    InvalidMeasure {
        /// What is wrong and what to do.
        detail: String,
    },
    /// A safety acknowledgement with no open safety signal.
    #[error(
        "no safety signal is open, so there is nothing to acknowledge: record the measure that raised it first ({op_measure_recorded}), or check the course status", op_measure_recorded = Op::MeasureRecorded
    )]
    NoOpenSafetySignal,
    /// A termination task recorded (or left out) a second time.
    #[error(
        "termination task {} is already recorded ({date}): each task is recorded once; check the course status (a task left out may still be recorded as done)",
        .task.as_str()
    )]
    TerminationTaskAlreadyRecorded {
        /// The task.
        task: super::TerminationTask,
        /// The day of the earlier record.
        date: NaiveDate,
    },
    /// `medication_started` for a medication that is already running.
    #[error(
        "medication {} is already running (started and not stopped): record {op_medication_stopped} first, or name the other medication differently",
        crate::limits::Excerpt::new(.medication), op_medication_stopped = Op::MedicationStopped
    )]
    MedicationAlreadyRunning {
        /// The medication as given.
        medication: String,
    },
    /// `medication_stopped` for a medication that is not running.
    #[error(
        "medication {} is not running, so it cannot stop: {}; use the name exactly as in medication_started",
        crate::limits::Excerpt::new(.medication),
        if .running.is_empty() { "no medication is running".to_owned() } else { format!("running: {}", crate::limits::Excerpt::new(.running)) }
    )]
    MedicationNotRunning {
        /// The medication as given.
        medication: String,
        /// The medication running, comma-separated.
        running: String,
    },
    /// `deficits_acknowledged` while no deficits warning is open.
    #[error(
        "there is no deficits warning to acknowledge: {detail}; check the course status (the warning deficits_unacknowledged shows what to acknowledge)"
    )]
    NoDeficitsWarning {
        /// Why none is open.
        detail: &'static str,
    },
    /// A diagnosis revision before any diagnosis was recorded.
    #[error("no diagnosis has been recorded, so none can be revised: record it first with {op_diagnosis_recorded}", op_diagnosis_recorded = Op::DiagnosisRecorded)]
    NoDiagnosisToRevise,
}

impl CourseError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CourseError::EventRejected { reason, .. } => reason.kind(),
            CourseError::PersonNotFound { .. } => ErrorKind::NotFound,
            CourseError::InvalidText { .. }
            | CourseError::InvalidBasis { .. }
            | CourseError::InvalidPersonId { .. }
            | CourseError::InvalidPerson { .. }
            | CourseError::InvalidNumber { .. }
            | CourseError::RecordedBeforeHappened { .. }
            | CourseError::DateInFuture { .. }
            | CourseError::SessionTimeMismatch { .. }
            | CourseError::EmptyLog
            | CourseError::AreaNotInTaxonomy { .. }
            | CourseError::DisputeStage { .. }
            | CourseError::DuplicatePerson { .. }
            | CourseError::InventoryFull { .. }
            | CourseError::TooManyEvents { .. }
            | CourseError::TooManyLifeEvents { .. }
            | CourseError::DateBeforePrevious { .. }
            | CourseError::SessionNumber { .. }
            | CourseError::InvalidMeasure { .. }
            | CourseError::AlternativeMissing => ErrorKind::InvalidInput,
            _ => ErrorKind::IllegalTransition,
        }
    }

    /// For a replay rejection, the index of the rejected event.
    pub fn rejected_index(&self) -> Option<usize> {
        match self {
            CourseError::EventRejected { index, .. } => Some(*index),
            _ => None,
        }
    }
}
