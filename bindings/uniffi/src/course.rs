//! An IPT course (the core's `ipsrt::course`): the state machine driven by a dated event log,
//! with problem areas, the interpersonal inventory, life events and problem-area suggestions.
//!
//! [`Course`] is an Object (thread-safe, see [`crate::state`]) holding the core's `CourseLog`
//! (the event log plus the course it replays to; schema `ipsrt.course`). Course events have
//! many shapes (protocols, contracts, people), so they cross as the core's `EventRecord` JSON
//! (`{"date": "2026-09-01", "event": {"type": "session_recorded", ...}}`), the same form the
//! Rust and Python APIs read and write. The frequent steps also have typed methods
//! ([`Course::record_session`], [`Course::choose_problem_area`], ...). Read-outs are typed.

use std::sync::Arc;

use ipsrt::course as core;
use ipsrt::course::{CourseEvent, EventRecord};
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, to_json_value, unsigned};
use crate::course_events;
pub use crate::course_events::IptEvent;
use crate::error::{IpsrtError, guard};
use crate::inventory::Person;
use crate::life_events::{LifeEvent, LifeEventKind, ProblemAreaSuggestions, suggestions};
use crate::state::Locked;
use crate::time::LocalDate;

/// A shipped treatment protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ProtocolId {
    /// Weissman, Markowitz & Klerman acute IPT (12–16 weekly sessions).
    WmkAcute,
    /// Brief IPT.
    IptBrief,
    /// The Spaarne Gasthuis protocol (seed S2).
    Spaarne,
    /// IPSRT acute phase.
    IpsrtAcute,
    /// IPT maintenance.
    IptMaintenance,
}

/// A problem-area taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Taxonomy {
    /// Weissman, Markowitz & Klerman: four areas.
    Wmk4,
    /// Stuart & Robertson: three areas.
    Sr3,
    /// IPSRT: the four WMK areas plus grief for the lost healthy self.
    Ipsrt5,
}

/// A problem area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ProblemAreaKind {
    /// Grief.
    Grief,
    /// Role dispute.
    RoleDispute,
    /// Role transition.
    RoleTransition,
    /// Interpersonal deficits.
    InterpersonalDeficits,
    /// IPSRT: grief for the lost healthy self.
    LostHealthySelf,
}

/// The stage of a role dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStage {
    /// Both still negotiate.
    Renegotiation,
    /// Negotiation has stalled.
    Impasse,
    /// The relationship is ending.
    Dissolution,
}

/// Whether a scheduled session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// The session took place.
    Attended,
    /// The patient did not come.
    Missed,
    /// Cancelled and rescheduled.
    Cancelled,
}

/// How a session was delivered (the core's `DeliveryMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    /// Face to face.
    InPerson,
    /// By telephone.
    Phone,
    /// By video call.
    Video,
    /// In a group session.
    Group,
}

/// The population a course treats (the core's `Population`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    /// Adults.
    Adult,
    /// Adolescents (IPT-A).
    Adolescent,
    /// Pregnancy and the year after birth.
    Perinatal,
    /// Older adults.
    OlderAdult,
}

/// A task of the termination phase besides the relapse plan (the core's `TerminationTask`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum TerminationTask {
    /// Feelings about the loss of the therapy expressed.
    LossExpressed,
    /// Own competence to carry on independently recognised.
    IndependentCompetence,
    /// Agreements about the period after therapy made.
    AftercareAgreed,
}

/// Whether a termination task is open, done or left out with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Neither done nor left out.
    Open,
    /// Done.
    Done,
    /// Left out with a reason (a recorded deviation).
    Skipped,
}

/// One line of the termination checklist.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TerminationTaskStatus {
    /// The task.
    pub task: TerminationTask,
    /// Its state.
    pub state: TaskState,
}

/// Attended sessions in one delivery mode.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeliveryCount {
    /// The mode; null for sessions whose mode was not recorded.
    pub mode: Option<DeliveryMode>,
    /// Attended sessions.
    pub attended: i64,
}

/// Medication taken alongside the course (combined treatment).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MedicationPeriod {
    /// The medication as named.
    pub medication: String,
    /// The day it began.
    pub started: LocalDate,
    /// The day it stopped; null while it runs.
    pub stopped: Option<LocalDate>,
}

/// The phase a course is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CoursePhase {
    /// Assessment, diagnosis, inventory, formulation, contract.
    Initial,
    /// Work on the chosen problem areas.
    Middle,
    /// Ending: review, relapse prevention.
    Termination,
    /// Maintenance sessions after the acute course.
    Maintenance,
    /// The course has ended (see `CourseStatus.ending`).
    Ended,
}

/// Why a course ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EarlyEndReason {
    /// The patient withdrew.
    PatientWithdrew,
    /// The therapist ended the course.
    TherapistEnded,
    /// Too many sessions were missed.
    NoShows,
}

/// How an ended course ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CourseEnding {
    /// The course was completed.
    Completed,
    /// Ended for non-response; the alternative offered, if any.
    NonResponse {
        /// The alternative offered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alternative_offered: Option<String>,
    },
    /// Ended early.
    EndedEarly {
        /// Why.
        reason: EarlyEndReason,
        /// Detail.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Referred elsewhere.
    Referred {
        /// To whom or what.
        to: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// The measurement behind a verdict (the core's `EvaluationBasis`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EvaluationBasis {
    /// Instrument id (`"phq9"`, `"hrsd17"`, ...).
    pub instrument: String,
    /// Baseline total, if known.
    pub baseline_total: Option<f64>,
    /// Current total, if known.
    pub current_total: Option<f64>,
    /// Where the verdict's cut-offs come from.
    pub source: crate::source::SourceRef,
}

impl EvaluationBasis {
    /// From the core's evaluation basis.
    pub(crate) fn from_core(b: &core::EvaluationBasis) -> EvaluationBasis {
        EvaluationBasis {
            instrument: b.instrument.clone(),
            baseline_total: b.baseline_total,
            current_total: b.current_total,
            source: crate::source::SourceRef::from(&b.source),
        }
    }

    /// The core's evaluation basis.
    pub(crate) fn into_core(self) -> core::EvaluationBasis {
        core::EvaluationBasis {
            instrument: self.instrument,
            baseline_total: self.baseline_total,
            current_total: self.current_total,
            source: ipsrt::source::Source::owned(self.source.key, self.source.locator, self.source.evidence),
        }
    }
}

/// An evaluation that made the course a stop candidate and awaits the clinician's decision
/// (docs/course.md#the-non-response-rule): end with [`Course::end_non_response`] or continue
/// with [`Course::decline_non_response_stop`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StopCandidate {
    /// The day of the evaluation.
    pub date: LocalDate,
    /// Attended sessions at the evaluation.
    pub after_sessions: i32,
    /// Its verdict.
    pub verdict: ResponseVerdict,
    /// The reduction from baseline in whole percent, when the basis has both totals.
    pub reduction_percent: Option<i32>,
    /// The protocol's stop reduction in percent, when it has one.
    pub threshold_percent: Option<i32>,
}

/// How often sessions take place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Twice a week.
    TwiceWeekly,
    /// Once a week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Once a month.
    Monthly,
}

/// A treatment contract: how many sessions, how often, how long (the core checks 1–MAX
/// sessions and 10–240 minutes when it is set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Contract {
    /// Number of sessions.
    pub sessions: i64,
    /// How often.
    pub frequency: Frequency,
    /// Minutes per session.
    pub minutes: i64,
}

impl Contract {
    /// The core's contract (counts range-checked).
    pub(crate) fn to_core(self) -> Result<core::Contract, IpsrtError> {
        Ok(core::Contract {
            sessions: unsigned(self.sessions, "contract sessions")?,
            frequency: to_core(&self.frequency)?,
            minutes: unsigned(self.minutes, "contract minutes")?,
        })
    }

    /// From the core's contract.
    pub(crate) fn from_core(c: &core::Contract) -> Result<Contract, IpsrtError> {
        Ok(Contract {
            sessions: i64::from(c.sessions),
            frequency: from_core(&c.frequency)?,
            minutes: i64::from(c.minutes),
        })
    }
}

/// A clinician's verdict on the response so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum ResponseVerdict {
    /// Remission.
    Remission,
    /// Response.
    Response,
    /// Partial response.
    PartialResponse,
    /// Minimal or no benefit.
    MinimalOrNoBenefit,
}

/// A change of focus in the middle phase (the core's `FocusChange`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FocusChange {
    /// The day.
    pub date: LocalDate,
    /// The area replaced; null when an area was added.
    pub replaced: Option<ChosenArea>,
    /// The area worked on from then.
    pub area: ProblemAreaKind,
    /// Why.
    pub reason: String,
}

fn int(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// A chosen problem area.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChosenArea {
    /// The area.
    pub kind: ProblemAreaKind,
    /// The dispute's stage (role disputes only).
    pub dispute_stage: Option<DisputeStage>,
    /// The person the area is about, by inventory id.
    pub person: Option<String>,
    /// Sessions held when it was chosen.
    pub chosen_at_session: i64,
}

/// A life event near onset that points at another area than interpersonal deficits.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeficitsLifeEvent {
    /// Index of the event among the course's life events.
    pub index: i64,
    /// What happened.
    pub kind: LifeEventKind,
    /// When.
    pub date: LocalDate,
    /// The area the life-event mapping points at.
    pub area: ProblemAreaKind,
    /// Days before onset; null when onset is not recorded.
    pub days_before_onset: Option<i64>,
}

/// A relationship change near onset, from the inventory.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeficitsChange {
    /// The person's inventory id.
    pub person: String,
    /// When it changed.
    pub date: LocalDate,
    /// Days before onset; null when onset is not recorded.
    pub days_before_onset: Option<i64>,
}

/// A person whose conflict or confiding was not assessed: an open question for the deficits
/// rule (the core's `DeficitsNotAssessed`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeficitsNotAssessed {
    /// The person's inventory id.
    pub person: String,
    /// What was not assessed: `Conflict` and/or `Confiding`.
    pub facts: Vec<crate::inventory::PersonFact>,
}

/// What points at another problem area than interpersonal deficits (the core's
/// `DeficitsEvidence`): only life events and changes near onset count; people whose conflict
/// or confiding was not assessed are open questions (`notAssessed`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeficitsEvidence {
    /// Whether symptom onset is recorded (without it every dated event and change counts).
    pub onset_known: bool,
    /// Life events near onset pointing at another area.
    pub life_events: Vec<DeficitsLifeEvent>,
    /// Inventory ids of people recorded as deceased.
    pub deceased: Vec<String>,
    /// Inventory ids of people with an overt or covert conflict.
    pub open_conflicts: Vec<String>,
    /// Relationship changes near onset.
    pub changes_near_onset: Vec<DeficitsChange>,
    /// People (not deceased) whose conflict or confiding was not assessed: open questions that
    /// keep the warning open until assessed or acknowledged, never read as "no".
    pub not_assessed: Vec<DeficitsNotAssessed>,
}

/// The acknowledgement that interpersonal deficits stays the focus.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DeficitsAcknowledgement {
    /// The day.
    pub date: LocalDate,
    /// Who; null when it is the deviation given with the choice (which names nobody).
    pub by: Option<String>,
    /// Why.
    pub reason: String,
}

fn deficits_evidence(e: &core::DeficitsEvidence) -> Result<DeficitsEvidence, IpsrtError> {
    Ok(DeficitsEvidence {
        onset_known: e.onset_known,
        life_events: e
            .life_events
            .iter()
            .map(|l| {
                Ok(DeficitsLifeEvent {
                    index: i64::try_from(l.index).unwrap_or(i64::MAX),
                    kind: from_core(&l.kind)?,
                    date: l.date,
                    area: from_core(&l.area)?,
                    days_before_onset: l.days_before_onset,
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
        deceased: e.deceased.iter().map(ToString::to_string).collect(),
        open_conflicts: e.open_conflicts.iter().map(ToString::to_string).collect(),
        changes_near_onset: e
            .changes_near_onset
            .iter()
            .map(|c| DeficitsChange {
                person: c.person.to_string(),
                date: c.date,
                days_before_onset: c.days_before_onset,
            })
            .collect(),
        not_assessed: e
            .not_assessed
            .iter()
            .map(|n| {
                Ok(DeficitsNotAssessed {
                    person: n.person.to_string(),
                    facts: n.facts.iter().map(from_core).collect::<Result<_, IpsrtError>>()?,
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
    })
}

/// The kind of a [`CourseWarning`]: the core's course warnings (`ipsrt::course::Warning`), in
/// its order. Its snake_case name (the serde form) is the core's stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum CourseWarningCode {
    /// A recorded measure raised safety signals that no clinician has acknowledged yet.
    SafetySignalOpen,
    /// Interpersonal deficits was chosen despite evidence for another area, and no clinician has
    /// acknowledged it yet.
    DeficitsUnacknowledged,
    /// Termination has not been raised and the end is near.
    TerminationNotRaised,
    /// The contract is used up but the course is still active.
    ContractUsedUp,
    /// The focus window has passed without a chosen area.
    FocusOverdue,
    /// The protocol's evaluation window is open and no evaluation is recorded.
    EvaluationDue,
    /// The stop session is reached and no evaluation was made at or after it.
    FreshEvaluationDue,
    /// The latest evaluation made the course a stop candidate; the clinician decides.
    StopCandidate,
    /// The role dispute reached dissolution in the middle phase.
    DisputeDissolved,
    /// No relapse-prevention plan yet during termination.
    RelapsePlanMissing,
    /// The relapse-prevention plan was recorded with neither a reference nor a summary.
    RelapsePlanEmpty,
    /// Termination tasks neither done nor left out with a reason, during termination.
    TerminationTasksOpen,
    /// Consecutive missed sessions.
    ConsecutiveMissed,
}

/// Something the clinician should look at (never blocks an event).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CourseWarning {
    /// The kind of warning (the core's stable code, `termination_not_raised` etc.).
    pub code: CourseWarningCode,
    /// The message to show.
    pub message: String,
}

/// A course's state at a glance.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CourseStatus {
    /// The phase.
    pub phase: CoursePhase,
    /// Sessions attended.
    pub attended: i64,
    /// Sessions missed.
    pub missed: i64,
    /// Sessions cancelled and rescheduled.
    pub cancelled: i64,
    /// Sessions in the contract in force.
    pub contract_sessions: Option<i64>,
    /// Sessions left in the contract in force.
    pub remaining: Option<i64>,
    /// The chosen areas.
    pub focus: Vec<ChosenArea>,
    /// Warnings.
    pub warnings: Vec<CourseWarning>,
    /// A one-line description of the focus.
    pub focus_text: String,
    /// How an ended course ended; absent while it runs.
    pub ending: Option<CourseEnding>,
    /// The population, when recorded.
    pub population: Option<Population>,
    /// Attended sessions per delivery mode.
    pub delivery: Vec<DeliveryCount>,
    /// Whether medication was taken alongside the course at any time (combined treatment).
    pub combined_treatment: bool,
    /// The medication running now.
    pub medication: Vec<String>,
    /// The termination checklist, once termination has been raised; empty before.
    pub termination_tasks: Vec<TerminationTaskStatus>,
}

fn chosen(a: &ipsrt::problem_area::ChosenArea) -> Result<ChosenArea, IpsrtError> {
    Ok(ChosenArea {
        kind: from_core(&a.kind)?,
        dispute_stage: a.dispute_stage.as_ref().map(from_core).transpose()?,
        person: a.person.as_ref().map(|p| p.to_string()),
        chosen_at_session: i64::from(a.chosen_at_session),
    })
}

pub(crate) fn status(c: &core::Course) -> Result<CourseStatus, IpsrtError> {
    let s = c.status();
    let warnings = s
        .warnings
        .iter()
        .map(|w| Ok(CourseWarning { code: from_core(&w.code())?, message: w.to_string() }))
        .collect::<Result<_, IpsrtError>>()?;
    Ok(CourseStatus {
        phase: from_core(&c.phase.kind())?,
        attended: i64::from(s.attended),
        missed: i64::from(s.missed),
        cancelled: i64::from(s.cancelled),
        contract_sessions: s.contract_sessions.map(i64::from),
        remaining: s.remaining.map(i64::from),
        focus: s.focus.iter().map(chosen).collect::<Result<_, _>>()?,
        warnings,
        focus_text: c.focus_text(),
        ending: match &c.phase {
            core::Phase::Ended { ending } => Some(from_core(ending)?),
            _ => None,
        },
        population: s.population.as_ref().map(from_core).transpose()?,
        delivery: s
            .delivery
            .iter()
            .map(|d| {
                Ok(DeliveryCount { mode: d.mode.as_ref().map(from_core).transpose()?, attended: i64::from(d.attended) })
            })
            .collect::<Result<_, IpsrtError>>()?,
        combined_treatment: s.combined_treatment,
        medication: s.medication.clone(),
        termination_tasks: s
            .termination_tasks
            .iter()
            .map(|t| Ok(TerminationTaskStatus { task: from_core(&t.task)?, state: from_core(&t.state)? }))
            .collect::<Result<_, IpsrtError>>()?,
    })
}

pub(crate) fn protocol(id: ProtocolId) -> core::Protocol {
    match id {
        ProtocolId::WmkAcute => core::Protocol::wmk_acute(),
        ProtocolId::IptBrief => core::Protocol::ipt_brief(),
        ProtocolId::Spaarne => core::Protocol::spaarne(),
        ProtocolId::IpsrtAcute => core::Protocol::ipsrt_acute(),
        ProtocolId::IptMaintenance => core::Protocol::ipt_maintenance(),
    }
}

/// An IPT course with its event log (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct Course {
    pub(crate) state: Locked<core::CourseLog>,
}

persisted_object!(Course, core::CourseLog);

impl Course {
    fn apply_record(&self, record: EventRecord) -> Result<(), IpsrtError> {
        self.state.update(|log| Ok(log.apply(record)?))
    }

    /// Applies a typed event: the typed methods build an [`IptEvent`], so each event's fields
    /// are converted in one place ([`IptEvent::into_core`]).
    fn apply_typed(&self, date: LocalDate, event: IptEvent) -> Result<(), IpsrtError> {
        self.apply_record(EventRecord::new(date, event.into_core()?))
    }
}

#[uniffi::export]
impl Course {
    /// Creates a course on `date` with a shipped protocol and a taxonomy (the `course_created` event).
    #[uniffi::constructor]
    pub fn create(date: LocalDate, protocol_id: ProtocolId, taxonomy: Taxonomy) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let event = CourseEvent::CourseCreated { protocol: protocol(protocol_id), taxonomy: to_core(&taxonomy)? };
            let log = core::CourseLog::from_events(vec![EventRecord::new(date, event)])?;
            Ok(Arc::new(Course { state: Locked::new(log) }))
        })
    }

    /// Rebuilds a course from its event log (each an `EventRecord` JSON); the error names the
    /// first event that does not apply.
    #[uniffi::constructor]
    pub fn replay(events_json: Vec<String>) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let events = events_json
                .iter()
                .map(|j| from_json_value::<EventRecord>("course event", j))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Arc::new(Course { state: Locked::new(core::CourseLog::from_events(events)?) }))
        })
    }

    /// Applies one event given as `EventRecord` JSON. On error the course is unchanged.
    pub fn apply_json(&self, record_json: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(from_json_value("course event", &record_json)?))
    }

    /// Applies one event on `date`, the event given as the core's `CourseEvent` JSON
    /// (`{"type": "middle_phase_started"}`). On error the course is unchanged.
    pub fn apply_event_json(&self, date: LocalDate, event_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let event: CourseEvent = from_json_value("course event", &event_json)?;
            self.apply_record(EventRecord::new(date, event))
        })
    }

    /// Applies a typed IPT course event on `date` (any event; the typed methods below are
    /// shortcuts for the frequent ones). On error the course is unchanged.
    pub fn apply_event(&self, date: LocalDate, event: IptEvent) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, event))
    }

    /// Checks an `EventRecord` JSON without applying it.
    pub fn check_json(&self, record_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let record: EventRecord = from_json_value("course event", &record_json)?;
            self.state.read(|log| Ok(log.snapshot.check(&record)?))
        })
    }

    /// Records a scored measure (`measure_recorded`, the score's core JSON is re-checked
    /// against its answers). A score with safety signals opens a `safety_signal_open` warning
    /// in `status()` until `acknowledgeSafety`. On error the course is unchanged.
    pub fn record_measure(&self, date: LocalDate, score: crate::measures::MeasureScore) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::MeasureRecorded { score }))
    }

    /// A clinician acknowledges every open safety signal (`safety_acknowledged`): who and what
    /// was done. Refused (illegal transition) when nothing is open.
    pub fn acknowledge_safety(
        &self,
        date: LocalDate,
        by: String,
        action: String,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::SafetyAcknowledged { by, action, note })))
    }

    /// What points at another problem area than interpersonal deficits (life events near onset,
    /// deceased people, open conflicts, relationship changes near onset), whether or not deficits
    /// is chosen.
    pub fn deficits_evidence(&self) -> Result<DeficitsEvidence, IpsrtError> {
        guard(|| self.state.read(|log| deficits_evidence(&log.snapshot.deficits_evidence())))
    }

    /// The evidence of the open `deficits_unacknowledged` warning (deficits chosen, evidence
    /// found, not acknowledged), or null when none is open.
    pub fn deficits_open(&self) -> Result<Option<DeficitsEvidence>, IpsrtError> {
        guard(|| self.state.read(|log| log.snapshot.deficits_open().as_ref().map(deficits_evidence).transpose()))
    }

    /// The acknowledgement that deficits stays the focus, or null.
    pub fn deficits_acknowledgement(&self) -> Result<Option<DeficitsAcknowledgement>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                Ok(log.snapshot.deficits_acknowledgement.as_ref().map(|a| DeficitsAcknowledgement {
                    date: a.date,
                    by: a.by.clone(),
                    reason: a.reason.clone(),
                }))
            })
        })
    }

    /// A clinician acknowledges that interpersonal deficits stays the focus although other areas
    /// may apply (`deficits_acknowledged`): who and why. Refused (illegal transition) when no
    /// deficits warning is open; on error the course is unchanged.
    pub fn acknowledge_deficits(&self, date: LocalDate, by: String, reason: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::DeficitsAcknowledged { by, reason })))
    }

    /// The number of recorded measures whose safety signals are still open.
    pub fn open_safety_count(&self) -> Result<i64, IpsrtError> {
        guard(|| self.state.read(|log| Ok(i64::try_from(log.snapshot.open_safety().count()).unwrap_or(i64::MAX))))
    }

    /// Records a response evaluation (`response_evaluated`) with its verdict and, optionally,
    /// the measurement behind it. Under the non-response rule an evaluation at or after the
    /// protocol's stop session may make the course a stop candidate ([`Course::stop_candidate`]).
    /// On error the course is unchanged.
    #[uniffi::method(default(basis = None))]
    pub fn evaluate_response(
        &self,
        date: LocalDate,
        verdict: ResponseVerdict,
        basis: Option<EvaluationBasis>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::ResponseEvaluated { verdict, basis }))
    }

    /// The evaluation awaiting the clinician's stop decision, or null when none is pending.
    pub fn stop_candidate(&self) -> Result<Option<StopCandidate>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                let c = &log.snapshot;
                c.stop_candidate()
                    .map(|e| {
                        Ok(StopCandidate {
                            date: e.date,
                            after_sessions: int(e.after_sessions),
                            verdict: from_core(&e.verdict)?,
                            reduction_percent: e.reduction_percent(),
                            threshold_percent: c.protocol.stop_reduction.as_ref().map(|t| int(t.value)),
                        })
                    })
                    .transpose()
            })
        })
    }

    /// Continues the course although the latest evaluation made it a stop candidate
    /// (`non_response_stop_declined`); the reason is recorded as a deviation. Refused
    /// (illegal transition) when no stop candidate is pending.
    pub fn decline_non_response_stop(&self, date: LocalDate, reason: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::NonResponseStopDeclined { reason })))
    }

    /// Records a session (`session_recorded`) with its number (1, 2, ...; the core refuses a
    /// number out of sequence) and, when known, how it was delivered (`mode`; null means not
    /// recorded, never assumed).
    #[uniffi::method(default(mode = None))]
    pub fn record_session(
        &self,
        date: LocalDate,
        number: i64,
        attendance: Attendance,
        mode: Option<DeliveryMode>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::SessionRecorded { number, attendance, at: None, mode }))
    }

    /// Records the next session: the core allocates its number (one more than the sessions
    /// recorded so far) under the course's lock, so two threads never record the same number.
    /// Returns the number recorded.
    #[uniffi::method(default(mode = None))]
    pub fn record_next_session(
        &self,
        date: LocalDate,
        attendance: Attendance,
        mode: Option<DeliveryMode>,
    ) -> Result<i64, IpsrtError> {
        guard(|| {
            let (attendance, mode) = course_events::session_parts(&attendance, mode.as_ref())?;
            self.state.update(|log| {
                let number = log.snapshot.next_session_number();
                log.apply(EventRecord::new(date, course_events::session(number, attendance, mode)))?;
                Ok(i64::from(number))
            })
        })
    }

    /// Records the symptom onset (`symptom_onset_recorded`).
    pub fn record_symptom_onset(&self, date: LocalDate, onset: LocalDate) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::SymptomOnsetRecorded { onset })))
    }

    /// Records the diagnosis (`diagnosis_recorded`).
    #[uniffi::method(default(note = None))]
    pub fn record_diagnosis(&self, date: LocalDate, diagnosis: String, note: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::DiagnosisRecorded { diagnosis, note })))
    }

    /// Revises the diagnosis (`diagnosis_revised`), with the reason.
    pub fn revise_diagnosis(&self, date: LocalDate, diagnosis: String, reason: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::DiagnosisRevised { diagnosis, reason })))
    }

    /// Gives the patient the sick role (`sick_role_recorded`).
    #[uniffi::method(default(note = None))]
    pub fn record_sick_role(&self, date: LocalDate, note: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::SickRoleRecorded { note })))
    }

    /// Removes a chosen problem area (`problem_area_removed`).
    pub fn remove_problem_area(&self, date: LocalDate, area: ProblemAreaKind) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::ProblemAreaRemoved { area }))
    }

    /// Moves a role dispute to another stage (`dispute_stage_changed`).
    pub fn change_dispute_stage(&self, date: LocalDate, stage: DisputeStage) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::DisputeStageChanged { stage }))
    }

    /// The patient accepts the formulation (`formulation_accepted`).
    pub fn accept_formulation(&self, date: LocalDate, summary: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::FormulationAccepted { summary })))
    }

    /// Sets the treatment contract (`contract_set`); `deviation` explains a contract outside
    /// the protocol's range (the core requires it then).
    #[uniffi::method(default(deviation = None))]
    pub fn set_contract(
        &self,
        date: LocalDate,
        contract: Contract,
        deviation: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::ContractSet { contract, deviation }))
    }

    /// Renegotiates the contract (`contract_renegotiated`), with the reason.
    #[uniffi::method(default(deviation = None))]
    pub fn renegotiate_contract(
        &self,
        date: LocalDate,
        contract: Contract,
        reason: String,
        deviation: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::ContractRenegotiated { contract, reason, deviation }))
    }

    /// The protocol's default contract.
    pub fn default_contract(&self) -> Result<Contract, IpsrtError> {
        guard(|| self.state.read(|log| Contract::from_core(&log.snapshot.protocol.default_contract())))
    }

    /// The contract in force, when one is set.
    pub fn contract(&self) -> Result<Option<Contract>, IpsrtError> {
        guard(|| self.state.read(|log| log.snapshot.contract().map(Contract::from_core).transpose()))
    }

    /// Starts the middle phase (`middle_phase_started`); refused while the initial phase still
    /// misses a task (see `missingInitialTasks`).
    pub fn start_middle_phase(&self, date: LocalDate) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::MiddlePhaseStarted)))
    }

    /// Starts the termination phase (`termination_started`).
    #[uniffi::method(default(deviation = None))]
    pub fn start_termination(&self, date: LocalDate, deviation: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::TerminationStarted { deviation })))
    }

    /// Records that a relapse-prevention plan was made (`relapse_prevention_plan_recorded`).
    #[uniffi::method(default(plan_ref = None, summary = None))]
    pub fn record_relapse_prevention_plan(
        &self,
        date: LocalDate,
        plan_ref: Option<String>,
        summary: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            self.apply_record(EventRecord::new(date, CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary }))
        })
    }

    /// Starts maintenance with its contract (`maintenance_started`). Under rules edition 3 the
    /// contract is checked against the maintenance protocol (sessions, minutes, frequency; see
    /// `maintenanceFrequencies`); give `deviation` when it departs from it.
    #[uniffi::method(default(deviation = None))]
    pub fn start_maintenance(
        &self,
        date: LocalDate,
        contract: Contract,
        deviation: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::MaintenanceStarted { contract, deviation }))
    }

    /// The default contract of the maintenance protocol this course's maintenance is checked
    /// against (IPT-M, or the MTBD schedule for an IPSRT course).
    pub fn maintenance_default_contract(&self) -> Result<Contract, IpsrtError> {
        guard(|| {
            self.state.read(|log| Contract::from_core(&log.snapshot.protocol.maintenance_for().default_contract()))
        })
    }

    /// The frequencies the maintenance protocol allows (weekly, fortnightly and monthly for
    /// IPT-M, FRANK-2007; fortnightly and monthly for IPSRT, MTBD).
    pub fn maintenance_frequencies(&self) -> Result<Vec<Frequency>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                log.snapshot
                    .protocol
                    .maintenance_for()
                    .allowed_frequencies
                    .iter()
                    .map(|f| from_core(&f.value))
                    .collect()
            })
        })
    }

    /// Completes the course (`course_completed`): needs the relapse-prevention plan, and is
    /// refused while the latest verdict is minimal or no benefit or a stop decision is pending.
    pub fn complete_course(&self, date: LocalDate) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::CourseCompleted)))
    }

    /// Ends the course for non-response (`ended_non_response`). Under rules edition 2 the
    /// alternative offered is required (what was offered, or that nothing was and why).
    #[uniffi::method(default(alternative_offered = None))]
    pub fn end_non_response(&self, date: LocalDate, alternative_offered: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::EndedNonResponse { alternative_offered })))
    }

    /// Ends the course early (`ended_early`).
    #[uniffi::method(default(detail = None))]
    pub fn end_early(&self, date: LocalDate, reason: EarlyEndReason, detail: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::EndedEarly { reason, detail }))
    }

    /// Refers the patient elsewhere, ending the course (`referred`).
    #[uniffi::method(default(reason = None))]
    pub fn refer(&self, date: LocalDate, to: String, reason: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::Referred { to, reason })))
    }

    /// Chooses a problem area (`problem_area_chosen`); `person` is an inventory id; a role
    /// dispute needs `dispute_stage`; `deviation` explains a choice that departs from the protocol.
    #[uniffi::method(default(dispute_stage = None, person = None, deviation = None))]
    pub fn choose_problem_area(
        &self,
        date: LocalDate,
        area: ProblemAreaKind,
        dispute_stage: Option<DisputeStage>,
        person: Option<String>,
        deviation: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::ProblemAreaChosen { area, dispute_stage, person, deviation }))
    }

    /// Changes the focus in the middle phase (`focus_changed`): `area` replaces the chosen area
    /// `replaces`, or without it is added as a second area; `reason` is required and recorded.
    /// A role dispute needs `dispute_stage`; `person` is an inventory id. On error the course is
    /// unchanged.
    pub fn change_focus(
        &self,
        date: LocalDate,
        area: ProblemAreaKind,
        dispute_stage: Option<DisputeStage>,
        person: Option<String>,
        replaces: Option<ProblemAreaKind>,
        reason: String,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::FocusChanged { area, dispute_stage, person, replaces, reason }))
    }

    /// A recurrence during maintenance (`recurrence_recorded`): the course returns to acute
    /// treatment (middle phase) under `contract`, checked against the course's protocol (give
    /// `deviation` when it departs from it). On error the course is unchanged.
    pub fn record_recurrence(
        &self,
        date: LocalDate,
        contract: Contract,
        deviation: Option<String>,
        detail: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::RecurrenceRecorded { contract, deviation, detail }))
    }

    /// Sets the population the course treats (`population_set`); a later call replaces it.
    pub fn set_population(&self, date: LocalDate, population: Population) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::PopulationSet { population }))
    }

    /// Records a termination task as done (`termination_task_recorded`; termination or
    /// maintenance phase, once per task).
    #[uniffi::method(default(note = None))]
    pub fn record_termination_task(
        &self,
        date: LocalDate,
        task: TerminationTask,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::TerminationTaskRecorded { task, note }))
    }

    /// Leaves a termination task out with `reason` (`termination_task_skipped`), recorded as a
    /// deviation.
    pub fn skip_termination_task(
        &self,
        date: LocalDate,
        task: TerminationTask,
        reason: String,
    ) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::TerminationTaskSkipped { task, reason }))
    }

    /// The termination tasks neither done nor left out, in order.
    pub fn open_termination_tasks(&self) -> Result<Vec<TerminationTask>, IpsrtError> {
        guard(|| self.state.read(|log| log.snapshot.open_termination_tasks().iter().map(from_core).collect()))
    }

    /// Whether the relapse-prevention plan was recorded empty (no reference, no summary).
    pub fn relapse_plan_empty(&self) -> Result<bool, IpsrtError> {
        guard(|| Ok(self.state.read(|log| log.snapshot.relapse_plan_empty())))
    }

    /// Records medication started alongside the course (`medication_started`): combined
    /// treatment from then on; `started` is the day it began when earlier than `date`.
    #[uniffi::method(default(started = None, note = None))]
    pub fn start_medication(
        &self,
        date: LocalDate,
        medication: String,
        started: Option<LocalDate>,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            self.apply_record(EventRecord::new(date, CourseEvent::MedicationStarted { medication, started, note }))
        })
    }

    /// Records that medication started earlier (same name) stopped (`medication_stopped`).
    #[uniffi::method(default(note = None))]
    pub fn stop_medication(&self, date: LocalDate, medication: String, note: Option<String>) -> Result<(), IpsrtError> {
        guard(|| self.apply_record(EventRecord::new(date, CourseEvent::MedicationStopped { medication, note })))
    }

    /// The medication periods of the course (combined treatment), oldest first.
    pub fn medications(&self) -> Result<Vec<MedicationPeriod>, IpsrtError> {
        guard(|| {
            Ok(self.state.read(|log| {
                log.snapshot
                    .medications
                    .iter()
                    .map(|m| MedicationPeriod {
                        medication: m.medication.clone(),
                        started: m.started,
                        stopped: m.stopped,
                    })
                    .collect()
            }))
        })
    }

    /// The medication taken on `date` (for example an evaluation's date).
    pub fn medication_on(&self, date: LocalDate) -> Result<Vec<String>, IpsrtError> {
        guard(|| Ok(self.state.read(|log| log.snapshot.medication_on(date).into_iter().map(str::to_owned).collect())))
    }

    /// How many recurrences in maintenance returned the course to acute treatment.
    pub fn recurrence_count(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|log| i64::try_from(log.snapshot.recurrences.len()).unwrap_or(i64::MAX))))
    }

    /// The focus changes of the middle phase, oldest first.
    pub fn focus_changes(&self) -> Result<Vec<FocusChange>, IpsrtError> {
        guard(|| {
            self.state.read(|log| {
                log.snapshot
                    .focus_changes
                    .iter()
                    .map(|f| {
                        Ok(FocusChange {
                            date: f.date,
                            replaced: f.replaced.as_ref().map(chosen).transpose()?,
                            area: from_core(&f.area)?,
                            reason: f.reason.clone(),
                        })
                    })
                    .collect()
            })
        })
    }

    /// Records a life event (`life_event_recorded`).
    pub fn record_life_event(
        &self,
        date: LocalDate,
        kind: LifeEventKind,
        happened_on: LocalDate,
        note: Option<String>,
    ) -> Result<(), IpsrtError> {
        guard(|| {
            let mut life_event = ipsrt::life_event::LifeEvent::new(to_core(&kind)?, happened_on);
            life_event.note = note;
            self.apply_record(EventRecord::new(date, CourseEvent::LifeEventRecorded { life_event }))
        })
    }

    /// The course at a glance, with warnings.
    pub fn status(&self) -> Result<CourseStatus, IpsrtError> {
        guard(|| self.state.read(|log| status(&log.snapshot)))
    }

    /// The core's `CourseStatus` as JSON (the form `test-vectors/course/replay.json` checks).
    pub fn status_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.status())))
    }

    /// The phase.
    pub fn phase(&self) -> Result<CoursePhase, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.phase.kind())))
    }

    /// What the initial phase still needs before the middle phase may start (empty when ready).
    pub fn missing_initial_tasks(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| {
            Ok(self
                .state
                .read(|log| log.snapshot.missing_initial_tasks().iter().map(|t| t.todo().to_owned()).collect()))
        })
    }

    /// Candidate problem areas from the recorded life events and symptom onset (explained,
    /// with timing and sources).
    pub fn suggest_problem_areas(&self) -> Result<ProblemAreaSuggestions, IpsrtError> {
        guard(|| {
            let s = self
                .state
                .read(|log| log.snapshot.suggest_problem_areas(&ipsrt::life_event::SuggestOptions::default()));
            suggestions(&s)
        })
    }

    /// Records a life event with all its fields (person, contested, chronic, note).
    pub fn record_life_event_full(&self, date: LocalDate, life_event: LifeEvent) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::LifeEventRecorded { life_event }))
    }

    /// The recorded life events, in the order recorded.
    pub fn life_events(&self) -> Result<Vec<LifeEvent>, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.life_events)))
    }

    /// The course's problem-area taxonomy.
    pub fn taxonomy(&self) -> Result<Taxonomy, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.taxonomy)))
    }

    /// The symptom onset, when recorded.
    pub fn symptom_onset(&self) -> Result<Option<LocalDate>, IpsrtError> {
        guard(|| Ok(self.state.read(|log| log.snapshot.symptom_onset)))
    }

    /// The interpersonal inventory, typed, in the order people were added.
    pub fn inventory(&self) -> Result<Vec<Person>, IpsrtError> {
        guard(|| self.state.read(|log| from_core(&log.snapshot.inventory.people())))
    }

    /// One inventory entry by id, or `NotFound`.
    pub fn person(&self, id: String) -> Result<Person, IpsrtError> {
        guard(|| {
            let pid = ipsrt::inventory::PersonId::new(id.clone())?;
            self.state.read(|log| match log.snapshot.inventory.get(&pid) {
                Some(p) => from_core(p),
                None => Err(IpsrtError::NotFound(format!(
                    "no person {id:?} in the inventory: add them with addPerson, or call inventory() for the ids"
                ))),
            })
        })
    }

    /// Adds a person to the inventory (`person_added`); the core checks every field.
    pub fn add_person(&self, date: LocalDate, person: Person) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::PersonAdded { person }))
    }

    /// Replaces an inventory entry, matched by id (`person_updated`).
    pub fn update_person(&self, date: LocalDate, person: Person) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::PersonUpdated { person }))
    }

    /// Removes a person from the inventory (`person_removed`).
    pub fn remove_person(&self, date: LocalDate, person_id: String) -> Result<(), IpsrtError> {
        guard(|| self.apply_typed(date, IptEvent::PersonRemoved { person_id }))
    }

    /// The protocol's default contract as the core's JSON (for a `contract_set` event).
    pub fn default_contract_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.protocol.default_contract())))
    }

    /// The interpersonal inventory as the core's JSON (use [`Course::inventory`] for the typed form).
    pub fn inventory_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot.inventory)))
    }

    /// The event log, each an `EventRecord` JSON, oldest first.
    pub fn events_json(&self) -> Result<Vec<String>, IpsrtError> {
        guard(|| self.state.read(|log| log.events.iter().map(to_json_value).collect()))
    }

    /// The whole course state as the core's JSON (phases, sessions, contracts, ...).
    pub fn course_json(&self) -> Result<String, IpsrtError> {
        guard(|| self.state.read(|log| to_json_value(&log.snapshot)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every warning code of the core (read from `Warning::code` in the core's source, so a
    /// warning added there fails here rather than in an app) is a [`CourseWarningCode`].
    #[test]
    fn every_core_warning_code_is_a_course_warning_code() {
        let source = include_str!("../../../crates/ipsrt/src/course/labels.rs");
        let codes: Vec<&str> = source
            .lines()
            .filter(|l| l.trim_start().starts_with("Warning::") && l.contains("=> \""))
            .filter_map(|l| l.split('"').nth(1))
            .collect();
        assert!(codes.len() >= 12, "found only {codes:?} in Warning::code");
        for code in codes {
            let kind: Result<CourseWarningCode, _> = from_core(&code);
            assert!(kind.is_ok(), "the core's warning code {code} has no CourseWarningCode case: add it");
        }
    }
}
