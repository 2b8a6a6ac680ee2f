//! Course events: the dated records a course is the fold of.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::protocol::{Contract, Protocol};
use crate::inventory::{Person, PersonId};
use crate::life_event::LifeEvent;
use crate::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use crate::source::Source;
use crate::time::ZonedDateTime;

/// One entry of a course's event log: what happened, the day it happened, and optionally when
/// it was recorded (local wall-clock time with its IANA zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// The day it happened (local calendar day of the clinic).
    pub date: NaiveDate,
    /// When it was recorded, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<ZonedDateTime>,
    /// The event.
    pub event: CourseEvent,
}

impl EventRecord {
    /// An event on `date`, with no recording time.
    pub fn new(date: NaiveDate, event: CourseEvent) -> Self {
        EventRecord { date, recorded_at: None, event }
    }
}

/// Whether a scheduled session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Held with the patient present. Counts against the contract.
    Attended,
    /// The patient did not come (no-show). Counts against the contract.
    Missed,
    /// Cancelled in time and rescheduled by either party. Does not count against the contract.
    Cancelled,
}

/// How a session was delivered (issue 14). Optional on `session_recorded`: absent means not
/// recorded, never assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

impl DeliveryMode {
    /// Every mode, in declaration order.
    pub const ALL: [DeliveryMode; 4] =
        [DeliveryMode::InPerson, DeliveryMode::Phone, DeliveryMode::Video, DeliveryMode::Group];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::InPerson => "in_person",
            DeliveryMode::Phone => "phone",
            DeliveryMode::Video => "video",
            DeliveryMode::Group => "group",
        }
    }
}

/// The population a course treats (issue 14): the IPT adaptation it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    /// Adults (the IPT manuals' default population).
    Adult,
    /// Adolescents (IPT-A).
    Adolescent,
    /// Perinatal: pregnancy and the year after birth.
    Perinatal,
    /// Older adults (late life).
    OlderAdult,
}

impl Population {
    /// Every population, in declaration order.
    pub const ALL: [Population; 4] =
        [Population::Adult, Population::Adolescent, Population::Perinatal, Population::OlderAdult];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Population::Adult => "adult",
            Population::Adolescent => "adolescent",
            Population::Perinatal => "perinatal",
            Population::OlderAdult => "older_adult",
        }
    }
}

/// A task of the termination phase besides the relapse-prevention plan (seed S1, phase 3;
/// WMK-2000 ch. 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum TerminationTask {
    /// The patient expressed feelings about the loss of the therapy (ending as a time of
    /// potential grieving).
    LossExpressed,
    /// The patient recognises their own competence to carry on independently.
    IndependentCompetence,
    /// Clear agreements about the period after therapy (after-care).
    AftercareAgreed,
}

impl TerminationTask {
    /// Every task, in the order the termination phase works through them.
    pub const ALL: [TerminationTask; 3] =
        [TerminationTask::LossExpressed, TerminationTask::IndependentCompetence, TerminationTask::AftercareAgreed];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            TerminationTask::LossExpressed => "loss_expressed",
            TerminationTask::IndependentCompetence => "independent_competence",
            TerminationTask::AftercareAgreed => "aftercare_agreed",
        }
    }
}

/// The verdict of a response evaluation (the measures module computes it; here it is accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum ResponseVerdict {
    /// Remission: symptoms below the remission cut-off.
    Remission,
    /// Response: at least the response reduction (PHQ-9: ≥ 50 %).
    Response,
    /// Partial response: clear but insufficient improvement.
    PartialResponse,
    /// No or minimal benefit. Under a protocol with a stop rule (Spaarne), at or after the
    /// stop session this ends the course as non-response.
    MinimalOrNoBenefit,
}

impl ResponseVerdict {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseVerdict::Remission => "remission",
            ResponseVerdict::Response => "response",
            ResponseVerdict::PartialResponse => "partial_response",
            ResponseVerdict::MinimalOrNoBenefit => "minimal_or_no_benefit",
        }
    }
}

impl EarlyEndReason {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EarlyEndReason::PatientWithdrew => "patient_withdrew",
            EarlyEndReason::TherapistEnded => "therapist_ended",
            EarlyEndReason::NoShows => "no_shows",
        }
    }
}

/// The measurement behind a verdict (filled in by the measures module, issue 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationBasis {
    /// Instrument id (`"phq9"`, `"hrsd17"`, ...).
    pub instrument: String,
    /// Baseline total, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_total: Option<f64>,
    /// Current total, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_total: Option<f64>,
    /// Where the verdict's cut-offs come from.
    pub source: Source,
}

impl EvaluationBasis {
    /// The reduction from baseline in percent (`(baseline − current) / baseline × 100`, negative
    /// when the score rose), when both totals are known and the baseline is above 0.
    pub fn reduction_percent(&self) -> Option<f64> {
        match (self.baseline_total, self.current_total) {
            (Some(b), Some(c)) if b > 0.0 => Some((b - c) / b * 100.0),
            _ => None,
        }
    }
}

/// Why a course ended early (docs/course.md#course-state-machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum EarlyEndReason {
    /// The patient withdrew.
    PatientWithdrew,
    /// The therapist ended the course (no progress, deterioration).
    TherapistEnded,
    /// The patient stopped coming.
    NoShows,
}

/// A course event. Serialised with a `"type"` tag: `{"type": "session_recorded", "number": 1, ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "type", rename_all = "snake_case")]
// Events are log records read once per replay, not a hot path: plain fields keep the API simple.
#[allow(clippy::large_enum_variant)]
pub enum CourseEvent {
    /// Creates the course from a protocol and a taxonomy. Must be the first event, and only there.
    CourseCreated {
        /// The protocol (validated).
        protocol: Protocol,
        /// The problem-area taxonomy.
        taxonomy: Taxonomy,
    },
    /// Symptom onset (used for life-event timing). Any active phase.
    SymptomOnsetRecorded {
        /// The onset day (on or before the event's date).
        onset: NaiveDate,
    },
    /// The diagnosis (initial phase).
    DiagnosisRecorded {
        /// The diagnosis, e.g. "major depressive disorder, single episode".
        diagnosis: String,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The sick role was given and explained (initial phase).
    SickRoleRecorded {
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A person is added to the inventory. Any active phase.
    PersonAdded {
        /// The person.
        person: Person,
    },
    /// An inventory entry is replaced (matched by id). Any active phase.
    PersonUpdated {
        /// The new entry.
        person: Person,
    },
    /// A person is removed from the inventory. Any active phase.
    PersonRemoved {
        /// The id.
        person_id: PersonId,
    },
    /// A life event is recorded. Any active phase.
    LifeEventRecorded {
        /// The event (dated on or before this record).
        life_event: LifeEvent,
    },
    /// A problem area is chosen as focus (initial phase).
    ProblemAreaChosen {
        /// The area.
        area: ProblemAreaKind,
        /// Required for a role dispute, forbidden otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dispute_stage: Option<DisputeStage>,
        /// The person the area concerns, if any (must be in the inventory).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<PersonId>,
        /// Why the choice departs from the protocol (outside the focus window, or deficits
        /// despite other candidate areas). Recorded as a deviation; for deficits it also counts
        /// as the acknowledgement of the evidence (docs/course.md#deficits-as-a-last-resort).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// A chosen area is removed (initial phase). Withdraws an accepted formulation.
    ProblemAreaRemoved {
        /// The area.
        area: ProblemAreaKind,
    },
    /// The focus changes in the middle phase, with a recorded reason: `area` is added as a
    /// second area, or, with `replaces`, takes the place of a chosen area (a role dispute that
    /// dissolves into a role transition). Kept in [`super::Course::focus_changes`].
    FocusChanged {
        /// The area worked on from now.
        area: ProblemAreaKind,
        /// Required for a role dispute, forbidden otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dispute_stage: Option<DisputeStage>,
        /// The person the area concerns, if any (must be in the inventory).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<PersonId>,
        /// The chosen area it replaces; absent to add a second area.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaces: Option<ProblemAreaKind>,
        /// Why the focus changes (required).
        reason: String,
    },
    /// The role dispute's stage changes (initial or middle phase).
    DisputeStageChanged {
        /// The new stage.
        stage: DisputeStage,
    },
    /// The patient explicitly accepted the interpersonal formulation (initial phase).
    FormulationAccepted {
        /// The formulation as presented.
        summary: String,
    },
    /// The contract is set (initial phase, once).
    ContractSet {
        /// The contract.
        contract: Contract,
        /// Why it departs from the protocol, if it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// The contract is explicitly renegotiated (any active phase after contract_set).
    ContractRenegotiated {
        /// The new contract.
        contract: Contract,
        /// Why.
        reason: String,
        /// Why it departs from the protocol, if it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// A session (numbered 1, 2, 3, … across the whole course).
    SessionRecorded {
        /// The session number.
        number: u32,
        /// Attended, missed or cancelled.
        attendance: Attendance,
        /// The local wall-clock start and its zone (on the event's date), if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<ZonedDateTime>,
        /// How the session was delivered; absent means not recorded (never assumed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mode: Option<DeliveryMode>,
    },
    /// Initial → middle. Guarded by the initial-phase tasks.
    MiddlePhaseStarted,
    /// A response evaluation (middle, termination or maintenance phase).
    ResponseEvaluated {
        /// The verdict.
        verdict: ResponseVerdict,
        /// The measurement behind it, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        basis: Option<EvaluationBasis>,
    },
    /// Middle → termination: the ending is raised explicitly.
    TerminationStarted {
        /// Why it is raised later than the protocol's notice, if it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// A relapse-prevention plan was made (middle, termination or maintenance phase).
    RelapsePreventionPlanRecorded {
        /// A reference to the plan (for example the id of a `relapse` plan).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan_ref: Option<String>,
        /// A short summary.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
    },
    /// A termination task was done (termination or maintenance phase). Once per task.
    TerminationTaskRecorded {
        /// The task.
        task: TerminationTask,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A termination task is left out, with the reason (termination or maintenance phase).
    /// Recorded as a deviation; the task no longer shows as open.
    TerminationTaskSkipped {
        /// The task.
        task: TerminationTask,
        /// Why it is left out (required).
        reason: String,
    },
    /// Medication (for example an antidepressant) started alongside the course: combined
    /// treatment from then on. Any active phase.
    MedicationStarted {
        /// The medication, as the clinician names it (for example "sertraline").
        medication: String,
        /// The day it began, when before this record (for example already taken at intake).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        started: Option<NaiveDate>,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Medication started earlier (`medication_started`, same name) stopped. Any active phase.
    MedicationStopped {
        /// The medication, exactly as named when it started.
        medication: String,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The population the course treats (adult, adolescent, perinatal, older adult). Any active
    /// phase; a later event replaces it.
    PopulationSet {
        /// The population.
        population: Population,
    },
    /// Termination → maintenance (IPT-M) with a new contract. Requires the relapse plan.
    MaintenanceStarted {
        /// The maintenance contract, checked against [`Protocol::maintenance_for`] the course's
        /// protocol under rules edition 3 (sessions, minutes and frequency).
        contract: Contract,
        /// Why the contract departs from the maintenance protocol, if it does. Recorded as a
        /// deviation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
    },
    /// Maintenance → middle: a recurrence during maintenance returns the course to acute
    /// treatment under a new acute contract (checked against the course's protocol; the
    /// session count restarts at zero). Kept in [`super::Course::recurrences`].
    RecurrenceRecorded {
        /// The acute contract from now.
        contract: Contract,
        /// Why the contract departs from the protocol, if it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deviation: Option<String>,
        /// What recurred (free text, for example "depressive episode, PHQ-9 19").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Termination or maintenance → ended (completed). Requires the relapse plan.
    CourseCompleted,
    /// Middle or termination → ended (non-response), after a minimal-or-no-benefit verdict or a
    /// stop candidate. Under rules edition 2 the alternative offered is required.
    EndedNonResponse {
        /// The alternative treatment offered (required under rules edition 2; write what was
        /// offered, or that none was and why).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alternative_offered: Option<String>,
    },
    /// The clinician continues the course although the latest evaluation made it a stop
    /// candidate (rules edition 2, docs/course.md#the-non-response-rule). Recorded as a deviation.
    NonResponseStopDeclined {
        /// Why treatment continues.
        reason: String,
    },
    /// Any active phase → ended early.
    EndedEarly {
        /// Why.
        reason: EarlyEndReason,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Any active phase → referred elsewhere.
    Referred {
        /// To whom or what.
        to: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The recorded diagnosis is revised (for example unipolar depression → bipolar disorder
    /// after a first manic episode), in any phase once a diagnosis is recorded. The previous
    /// diagnosis and the reason stay in the course's revision history.
    DiagnosisRevised {
        /// The new diagnosis.
        diagnosis: String,
        /// Why (for example "first manic episode, 2027-02").
        reason: String,
    },
    /// A scored outcome measure (the output of [`crate::measures::score::score`]) is recorded
    /// in the course, in any phase. When it carries safety signals the course shows an open
    /// safety warning until a [`CourseEvent::SafetyAcknowledged`] follows. A result of a
    /// shipped instrument must re-score to itself from its answers.
    MeasureRecorded {
        /// The scored result, with its answers and safety signals.
        score: Box<crate::measures::Score>,
    },
    /// A clinician acknowledges that interpersonal deficits stays the focus although other areas
    /// may apply (the `deficits_unacknowledged` warning, docs/course.md#deficits-as-a-last-resort):
    /// who, and why. Any phase; refused when no such warning is open.
    DeficitsAcknowledged {
        /// Who acknowledged (name or role of the clinician).
        by: String,
        /// Why deficits stays the focus (for example "the death was 20 years ago and mourned").
        reason: String,
    },
    /// A clinician acknowledges every open safety signal: who, and what was done (the event's
    /// date is when). Refused when no safety signal is open.
    SafetyAcknowledged {
        /// Who acknowledged (name or role of the clinician).
        by: String,
        /// What was done (for example "risk assessed by phone; safety plan reviewed").
        action: String,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl CourseEvent {
    /// The event's type tag (`"session_recorded"`).
    pub fn type_name(&self) -> &'static str {
        match self {
            CourseEvent::CourseCreated { .. } => "course_created",
            CourseEvent::SymptomOnsetRecorded { .. } => "symptom_onset_recorded",
            CourseEvent::DiagnosisRecorded { .. } => "diagnosis_recorded",
            CourseEvent::SickRoleRecorded { .. } => "sick_role_recorded",
            CourseEvent::PersonAdded { .. } => "person_added",
            CourseEvent::PersonUpdated { .. } => "person_updated",
            CourseEvent::PersonRemoved { .. } => "person_removed",
            CourseEvent::LifeEventRecorded { .. } => "life_event_recorded",
            CourseEvent::ProblemAreaChosen { .. } => "problem_area_chosen",
            CourseEvent::ProblemAreaRemoved { .. } => "problem_area_removed",
            CourseEvent::FocusChanged { .. } => "focus_changed",
            CourseEvent::DisputeStageChanged { .. } => "dispute_stage_changed",
            CourseEvent::FormulationAccepted { .. } => "formulation_accepted",
            CourseEvent::ContractSet { .. } => "contract_set",
            CourseEvent::ContractRenegotiated { .. } => "contract_renegotiated",
            CourseEvent::SessionRecorded { .. } => "session_recorded",
            CourseEvent::MiddlePhaseStarted => "middle_phase_started",
            CourseEvent::ResponseEvaluated { .. } => "response_evaluated",
            CourseEvent::TerminationStarted { .. } => "termination_started",
            CourseEvent::RelapsePreventionPlanRecorded { .. } => "relapse_prevention_plan_recorded",
            CourseEvent::TerminationTaskRecorded { .. } => "termination_task_recorded",
            CourseEvent::TerminationTaskSkipped { .. } => "termination_task_skipped",
            CourseEvent::MedicationStarted { .. } => "medication_started",
            CourseEvent::MedicationStopped { .. } => "medication_stopped",
            CourseEvent::PopulationSet { .. } => "population_set",
            CourseEvent::MaintenanceStarted { .. } => "maintenance_started",
            CourseEvent::RecurrenceRecorded { .. } => "recurrence_recorded",
            CourseEvent::CourseCompleted => "course_completed",
            CourseEvent::EndedNonResponse { .. } => "ended_non_response",
            CourseEvent::NonResponseStopDeclined { .. } => "non_response_stop_declined",
            CourseEvent::EndedEarly { .. } => "ended_early",
            CourseEvent::Referred { .. } => "referred",
            CourseEvent::DiagnosisRevised { .. } => "diagnosis_revised",
            CourseEvent::MeasureRecorded { .. } => "measure_recorded",
            CourseEvent::SafetyAcknowledged { .. } => "safety_acknowledged",
            CourseEvent::DeficitsAcknowledged { .. } => "deficits_acknowledged",
        }
    }

    /// Whether the event belongs to the safety workflow (a measure result or an
    /// acknowledgement), which is accepted in every phase, an ended course included.
    pub fn is_safety_workflow(&self) -> bool {
        matches!(self, CourseEvent::MeasureRecorded { .. } | CourseEvent::SafetyAcknowledged { .. })
    }
}
