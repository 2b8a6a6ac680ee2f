//! Typed call arguments to the core's IPT course events, one conversion per event.
//!
//! [`IptEvent`] is every IPT course event as one typed value. [`crate::course::Course`] and
//! [`crate::ipsrt_course::IpsrtCourse`] (an IPSRT course runs an IPT course inside it) take it,
//! and their typed shortcut methods build one, so each event's fields are converted to the
//! core's form in one place ([`IptEvent::into_core`]) and a change to an event is made once.

use ipsrt::course::{self as core, CourseEvent};

use crate::bridge::{from_core, from_json_value, to_core, unsigned};
use crate::course::{
    Attendance, Contract, DeliveryMode, DisputeStage, EarlyEndReason, EvaluationBasis, Population, ProblemAreaKind,
    ResponseVerdict, TerminationTask,
};
use crate::error::IpsrtError;
use crate::inventory::Person;
use crate::life_events::LifeEvent;
use crate::measures::{MeasureScore, score_record};
use crate::time::LocalDate;
use ipsrt::time::ZonedDateTime;

/// `session_recorded` with the number allocated by the core (`next_session_number`).
pub(crate) fn session(number: u32, attendance: core::Attendance, mode: Option<core::DeliveryMode>) -> CourseEvent {
    CourseEvent::SessionRecorded { number, attendance, at: None, mode }
}

/// The attendance and delivery mode of a session, in the core's types.
pub(crate) fn session_parts(
    attendance: &Attendance,
    mode: Option<&DeliveryMode>,
) -> Result<(core::Attendance, Option<core::DeliveryMode>), IpsrtError> {
    Ok((to_core(attendance)?, mode.map(to_core).transpose()?))
}

/// An IPT course event as typed arguments: every event of the core's `CourseEvent` except the
/// course's creation (`Course.create` / `IpsrtCourse.create`). `Course.applyEvent` and
/// `IpsrtCourse.applyIptEvent` take it; the typed methods (`recordSession`, `setContract`, ...)
/// are shortcuts for the frequent ones. The core checks every event; on error nothing changes.
///
/// Field names and meanings are the core's (docs/course.md); counts are `Long` in Kotlin and
/// range-checked (an ipsrt exception when negative or too large).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum IptEvent {
    /// The symptom onset (`symptom_onset_recorded`), on or before the event's date.
    SymptomOnsetRecorded {
        /// The onset day.
        onset: LocalDate,
    },
    /// The diagnosis (`diagnosis_recorded`; initial phase).
    DiagnosisRecorded {
        /// The diagnosis, e.g. "major depressive disorder, single episode".
        diagnosis: String,
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// The recorded diagnosis is revised (`diagnosis_revised`), with the reason.
    DiagnosisRevised {
        /// The new diagnosis.
        diagnosis: String,
        /// Why.
        reason: String,
    },
    /// The sick role was given and explained (`sick_role_recorded`; initial phase).
    SickRoleRecorded {
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// A person is added to the interpersonal inventory (`person_added`).
    PersonAdded {
        /// The person.
        person: Person,
    },
    /// An inventory entry is replaced, matched by id (`person_updated`).
    PersonUpdated {
        /// The new entry.
        person: Person,
    },
    /// A person is removed from the inventory (`person_removed`).
    PersonRemoved {
        /// The person's inventory id.
        person_id: String,
    },
    /// A life event (`life_event_recorded`), dated on or before the event's date.
    LifeEventRecorded {
        /// The life event.
        life_event: LifeEvent,
    },
    /// A problem area is chosen as focus (`problem_area_chosen`; initial phase).
    ProblemAreaChosen {
        /// The area.
        area: ProblemAreaKind,
        /// Required for a role dispute, refused otherwise.
        #[uniffi(default = None)]
        dispute_stage: Option<DisputeStage>,
        /// The inventory id of the person the area concerns.
        #[uniffi(default = None)]
        person: Option<String>,
        /// Why the choice departs from the protocol (also the acknowledgement of the evidence
        /// when interpersonal deficits is chosen despite it).
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// A chosen area is removed (`problem_area_removed`; initial phase).
    ProblemAreaRemoved {
        /// The area.
        area: ProblemAreaKind,
    },
    /// The focus changes in the middle phase (`focus_changed`): `area` replaces `replaces`, or
    /// without it is added as a second area.
    FocusChanged {
        /// The area worked on from now.
        area: ProblemAreaKind,
        /// Required for a role dispute, refused otherwise.
        #[uniffi(default = None)]
        dispute_stage: Option<DisputeStage>,
        /// The inventory id of the person the area concerns.
        #[uniffi(default = None)]
        person: Option<String>,
        /// The chosen area it replaces; null to add a second area.
        #[uniffi(default = None)]
        replaces: Option<ProblemAreaKind>,
        /// Why the focus changes (required).
        reason: String,
    },
    /// The role dispute's stage changes (`dispute_stage_changed`).
    DisputeStageChanged {
        /// The new stage.
        stage: DisputeStage,
    },
    /// The patient accepted the interpersonal formulation (`formulation_accepted`).
    FormulationAccepted {
        /// The formulation as presented.
        summary: String,
    },
    /// The treatment contract (`contract_set`; initial phase, once).
    ContractSet {
        /// The contract.
        contract: Contract,
        /// Why it departs from the protocol, if it does.
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// The contract is renegotiated (`contract_renegotiated`), with the reason.
    ContractRenegotiated {
        /// The new contract.
        contract: Contract,
        /// Why.
        reason: String,
        /// Why it departs from the protocol, if it does.
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// A session (`session_recorded`) with its number (1, 2, 3, ... across the course; the core
    /// refuses a number out of sequence). `IpsrtCourse.recordNextSession` /
    /// `Course.recordNextSession` allocate the number for you.
    SessionRecorded {
        /// The session number.
        number: i64,
        /// Attended, missed or cancelled.
        attendance: Attendance,
        /// The local wall-clock start and its zone, when known.
        #[uniffi(default = None)]
        at: Option<ZonedDateTime>,
        /// How it was delivered; null means not recorded (never assumed).
        #[uniffi(default = None)]
        mode: Option<DeliveryMode>,
    },
    /// Initial → middle phase (`middle_phase_started`). An IPSRT course uses
    /// `IpsrtCourse.startIntermediate` instead.
    MiddlePhaseStarted,
    /// A response evaluation (`response_evaluated`) with its verdict and the measurement behind it.
    ResponseEvaluated {
        /// The verdict.
        verdict: ResponseVerdict,
        /// The measurement behind it.
        #[uniffi(default = None)]
        basis: Option<EvaluationBasis>,
    },
    /// Middle → termination (`termination_started`).
    TerminationStarted {
        /// Why it is raised later than the protocol's notice, if it is.
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// A relapse-prevention plan was made (`relapse_prevention_plan_recorded`).
    RelapsePreventionPlanRecorded {
        /// A reference to the plan (for example a relapse plan's id).
        #[uniffi(default = None)]
        plan_ref: Option<String>,
        /// A short summary.
        #[uniffi(default = None)]
        summary: Option<String>,
    },
    /// A termination task done (`termination_task_recorded`; once per task).
    TerminationTaskRecorded {
        /// The task.
        task: TerminationTask,
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// A termination task left out, with the reason (`termination_task_skipped`; a deviation).
    TerminationTaskSkipped {
        /// The task.
        task: TerminationTask,
        /// Why (required).
        reason: String,
    },
    /// Medication started alongside the course (`medication_started`).
    MedicationStarted {
        /// The medication, as the clinician names it.
        medication: String,
        /// The day it began, when before the event's date.
        #[uniffi(default = None)]
        started: Option<LocalDate>,
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// Medication started earlier (same name) stopped (`medication_stopped`).
    MedicationStopped {
        /// The medication, exactly as named when it started.
        medication: String,
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// The population the course treats (`population_set`); a later one replaces it.
    PopulationSet {
        /// The population.
        population: Population,
    },
    /// Termination → maintenance with its contract (`maintenance_started`).
    MaintenanceStarted {
        /// The maintenance contract (checked against the maintenance protocol).
        contract: Contract,
        /// Why it departs from the maintenance protocol, if it does.
        #[uniffi(default = None)]
        deviation: Option<String>,
    },
    /// Maintenance → acute treatment (`recurrence_recorded`) under a new acute contract. An
    /// IPSRT course records recurrences with `IpsrtCourse.recordRecurrence`.
    RecurrenceRecorded {
        /// The acute contract from now.
        contract: Contract,
        /// Why it departs from the protocol, if it does.
        #[uniffi(default = None)]
        deviation: Option<String>,
        /// What recurred.
        #[uniffi(default = None)]
        detail: Option<String>,
    },
    /// The course is completed (`course_completed`). An IPSRT course ends with
    /// `IpsrtCourse.endCourse`, which completes its IPT course.
    CourseCompleted,
    /// The course ends for non-response (`ended_non_response`).
    EndedNonResponse {
        /// The alternative treatment offered (required under rules edition 2).
        #[uniffi(default = None)]
        alternative_offered: Option<String>,
    },
    /// The course continues although it is a stop candidate (`non_response_stop_declined`).
    NonResponseStopDeclined {
        /// Why treatment continues.
        reason: String,
    },
    /// The course ends early (`ended_early`).
    EndedEarly {
        /// Why.
        reason: EarlyEndReason,
        /// Free text.
        #[uniffi(default = None)]
        detail: Option<String>,
    },
    /// The patient is referred elsewhere, ending the course (`referred`).
    Referred {
        /// To whom or what.
        to: String,
        /// Why.
        #[uniffi(default = None)]
        reason: Option<String>,
    },
    /// A scored measure (`measure_recorded`); a safety signal opens a warning until
    /// `SafetyAcknowledged`.
    MeasureRecorded {
        /// The scored result.
        score: MeasureScore,
    },
    /// A clinician acknowledges that interpersonal deficits stays the focus
    /// (`deficits_acknowledged`).
    DeficitsAcknowledged {
        /// Who.
        by: String,
        /// Why.
        reason: String,
    },
    /// A clinician acknowledges every open safety signal (`safety_acknowledged`).
    SafetyAcknowledged {
        /// Who.
        by: String,
        /// What was done.
        action: String,
        /// Free text.
        #[uniffi(default = None)]
        note: Option<String>,
    },
}

impl IptEvent {
    /// The core's event; every field is converted and range-checked here, once.
    pub(crate) fn into_core(self) -> Result<CourseEvent, IpsrtError> {
        Ok(match self {
            IptEvent::SymptomOnsetRecorded { onset } => CourseEvent::SymptomOnsetRecorded { onset },
            IptEvent::DiagnosisRecorded { diagnosis, note } => CourseEvent::DiagnosisRecorded { diagnosis, note },
            IptEvent::DiagnosisRevised { diagnosis, reason } => CourseEvent::DiagnosisRevised { diagnosis, reason },
            IptEvent::SickRoleRecorded { note } => CourseEvent::SickRoleRecorded { note },
            IptEvent::PersonAdded { person } => CourseEvent::PersonAdded { person: to_core(&person)? },
            IptEvent::PersonUpdated { person } => CourseEvent::PersonUpdated { person: to_core(&person)? },
            IptEvent::PersonRemoved { person_id } => {
                CourseEvent::PersonRemoved { person_id: ipsrt::inventory::PersonId::new(person_id)? }
            }
            IptEvent::LifeEventRecorded { life_event } => {
                CourseEvent::LifeEventRecorded { life_event: to_core(&life_event)? }
            }
            IptEvent::ProblemAreaChosen { area, dispute_stage, person, deviation } => CourseEvent::ProblemAreaChosen {
                area: to_core(&area)?,
                dispute_stage: dispute_stage.as_ref().map(to_core).transpose()?,
                person: person.map(ipsrt::inventory::PersonId::new).transpose()?,
                deviation,
            },
            IptEvent::ProblemAreaRemoved { area } => CourseEvent::ProblemAreaRemoved { area: to_core(&area)? },
            IptEvent::FocusChanged { area, dispute_stage, person, replaces, reason } => CourseEvent::FocusChanged {
                area: to_core(&area)?,
                dispute_stage: dispute_stage.as_ref().map(to_core).transpose()?,
                person: person.map(ipsrt::inventory::PersonId::new).transpose()?,
                replaces: replaces.as_ref().map(to_core).transpose()?,
                reason,
            },
            IptEvent::DisputeStageChanged { stage } => CourseEvent::DisputeStageChanged { stage: to_core(&stage)? },
            IptEvent::FormulationAccepted { summary } => CourseEvent::FormulationAccepted { summary },
            IptEvent::ContractSet { contract, deviation } => {
                CourseEvent::ContractSet { contract: contract.to_core()?, deviation }
            }
            IptEvent::ContractRenegotiated { contract, reason, deviation } => {
                CourseEvent::ContractRenegotiated { contract: contract.to_core()?, reason, deviation }
            }
            IptEvent::SessionRecorded { number, attendance, at, mode } => {
                let (attendance, mode) = session_parts(&attendance, mode.as_ref())?;
                CourseEvent::SessionRecorded { number: unsigned(number, "session number")?, attendance, at, mode }
            }
            IptEvent::MiddlePhaseStarted => CourseEvent::MiddlePhaseStarted,
            IptEvent::ResponseEvaluated { verdict, basis } => CourseEvent::ResponseEvaluated {
                verdict: to_core(&verdict)?,
                basis: basis.map(EvaluationBasis::into_core),
            },
            IptEvent::TerminationStarted { deviation } => CourseEvent::TerminationStarted { deviation },
            IptEvent::RelapsePreventionPlanRecorded { plan_ref, summary } => {
                CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary }
            }
            IptEvent::TerminationTaskRecorded { task, note } => {
                CourseEvent::TerminationTaskRecorded { task: to_core(&task)?, note }
            }
            IptEvent::TerminationTaskSkipped { task, reason } => {
                CourseEvent::TerminationTaskSkipped { task: to_core(&task)?, reason }
            }
            IptEvent::MedicationStarted { medication, started, note } => {
                CourseEvent::MedicationStarted { medication, started, note }
            }
            IptEvent::MedicationStopped { medication, note } => CourseEvent::MedicationStopped { medication, note },
            IptEvent::PopulationSet { population } => CourseEvent::PopulationSet { population: to_core(&population)? },
            IptEvent::MaintenanceStarted { contract, deviation } => {
                CourseEvent::MaintenanceStarted { contract: contract.to_core()?, deviation }
            }
            IptEvent::RecurrenceRecorded { contract, deviation, detail } => {
                CourseEvent::RecurrenceRecorded { contract: contract.to_core()?, deviation, detail }
            }
            IptEvent::CourseCompleted => CourseEvent::CourseCompleted,
            IptEvent::EndedNonResponse { alternative_offered } => CourseEvent::EndedNonResponse { alternative_offered },
            IptEvent::NonResponseStopDeclined { reason } => CourseEvent::NonResponseStopDeclined { reason },
            IptEvent::EndedEarly { reason, detail } => CourseEvent::EndedEarly { reason: to_core(&reason)?, detail },
            IptEvent::Referred { to, reason } => CourseEvent::Referred { to, reason },
            // The score's stored form is re-read (and re-checked) by the core.
            IptEvent::MeasureRecorded { score } => {
                CourseEvent::MeasureRecorded { score: Box::new(from_json_value("measure score", &score.json)?) }
            }
            IptEvent::DeficitsAcknowledged { by, reason } => CourseEvent::DeficitsAcknowledged { by, reason },
            IptEvent::SafetyAcknowledged { by, action, note } => CourseEvent::SafetyAcknowledged { by, action, note },
        })
    }
}

impl IptEvent {
    /// The typed form of a core event; `None` for the course's creation, which is not an
    /// `IptEvent`. The match is exhaustive, so a new core event does not compile until it is
    /// typed here.
    pub(crate) fn from_core(e: &CourseEvent) -> Result<Option<IptEvent>, IpsrtError> {
        let opt = |p: &Option<ipsrt::inventory::PersonId>| p.as_ref().map(|p| p.as_str().to_owned());
        Ok(Some(match e {
            CourseEvent::CourseCreated { .. } => return Ok(None),
            CourseEvent::SymptomOnsetRecorded { onset } => IptEvent::SymptomOnsetRecorded { onset: *onset },
            CourseEvent::DiagnosisRecorded { diagnosis, note } => {
                IptEvent::DiagnosisRecorded { diagnosis: diagnosis.clone(), note: note.clone() }
            }
            CourseEvent::DiagnosisRevised { diagnosis, reason } => {
                IptEvent::DiagnosisRevised { diagnosis: diagnosis.clone(), reason: reason.clone() }
            }
            CourseEvent::SickRoleRecorded { note } => IptEvent::SickRoleRecorded { note: note.clone() },
            CourseEvent::PersonAdded { person } => IptEvent::PersonAdded { person: from_core(person)? },
            CourseEvent::PersonUpdated { person } => IptEvent::PersonUpdated { person: from_core(person)? },
            CourseEvent::PersonRemoved { person_id } => {
                IptEvent::PersonRemoved { person_id: person_id.as_str().to_owned() }
            }
            CourseEvent::LifeEventRecorded { life_event } => {
                IptEvent::LifeEventRecorded { life_event: from_core(life_event)? }
            }
            CourseEvent::ProblemAreaChosen { area, dispute_stage, person, deviation } => IptEvent::ProblemAreaChosen {
                area: from_core(area)?,
                dispute_stage: dispute_stage.as_ref().map(from_core).transpose()?,
                person: opt(person),
                deviation: deviation.clone(),
            },
            CourseEvent::ProblemAreaRemoved { area } => IptEvent::ProblemAreaRemoved { area: from_core(area)? },
            CourseEvent::FocusChanged { area, dispute_stage, person, replaces, reason } => IptEvent::FocusChanged {
                area: from_core(area)?,
                dispute_stage: dispute_stage.as_ref().map(from_core).transpose()?,
                person: opt(person),
                replaces: replaces.as_ref().map(from_core).transpose()?,
                reason: reason.clone(),
            },
            CourseEvent::DisputeStageChanged { stage } => IptEvent::DisputeStageChanged { stage: from_core(stage)? },
            CourseEvent::FormulationAccepted { summary } => IptEvent::FormulationAccepted { summary: summary.clone() },
            CourseEvent::ContractSet { contract, deviation } => {
                IptEvent::ContractSet { contract: Contract::from_core(contract)?, deviation: deviation.clone() }
            }
            CourseEvent::ContractRenegotiated { contract, reason, deviation } => IptEvent::ContractRenegotiated {
                contract: Contract::from_core(contract)?,
                reason: reason.clone(),
                deviation: deviation.clone(),
            },
            CourseEvent::SessionRecorded { number, attendance, at, mode } => IptEvent::SessionRecorded {
                number: i64::from(*number),
                attendance: from_core(attendance)?,
                at: *at,
                mode: mode.as_ref().map(from_core).transpose()?,
            },
            CourseEvent::MiddlePhaseStarted => IptEvent::MiddlePhaseStarted,
            CourseEvent::ResponseEvaluated { verdict, basis } => IptEvent::ResponseEvaluated {
                verdict: from_core(verdict)?,
                basis: basis.as_ref().map(EvaluationBasis::from_core),
            },
            CourseEvent::TerminationStarted { deviation } => {
                IptEvent::TerminationStarted { deviation: deviation.clone() }
            }
            CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary } => {
                IptEvent::RelapsePreventionPlanRecorded { plan_ref: plan_ref.clone(), summary: summary.clone() }
            }
            CourseEvent::TerminationTaskRecorded { task, note } => {
                IptEvent::TerminationTaskRecorded { task: from_core(task)?, note: note.clone() }
            }
            CourseEvent::TerminationTaskSkipped { task, reason } => {
                IptEvent::TerminationTaskSkipped { task: from_core(task)?, reason: reason.clone() }
            }
            CourseEvent::MedicationStarted { medication, started, note } => {
                IptEvent::MedicationStarted { medication: medication.clone(), started: *started, note: note.clone() }
            }
            CourseEvent::MedicationStopped { medication, note } => {
                IptEvent::MedicationStopped { medication: medication.clone(), note: note.clone() }
            }
            CourseEvent::PopulationSet { population } => IptEvent::PopulationSet { population: from_core(population)? },
            CourseEvent::MaintenanceStarted { contract, deviation } => {
                IptEvent::MaintenanceStarted { contract: Contract::from_core(contract)?, deviation: deviation.clone() }
            }
            CourseEvent::RecurrenceRecorded { contract, deviation, detail } => IptEvent::RecurrenceRecorded {
                contract: Contract::from_core(contract)?,
                deviation: deviation.clone(),
                detail: detail.clone(),
            },
            CourseEvent::CourseCompleted => IptEvent::CourseCompleted,
            CourseEvent::EndedNonResponse { alternative_offered } => {
                IptEvent::EndedNonResponse { alternative_offered: alternative_offered.clone() }
            }
            CourseEvent::NonResponseStopDeclined { reason } => {
                IptEvent::NonResponseStopDeclined { reason: reason.clone() }
            }
            CourseEvent::EndedEarly { reason, detail } => {
                IptEvent::EndedEarly { reason: from_core(reason)?, detail: detail.clone() }
            }
            CourseEvent::Referred { to, reason } => IptEvent::Referred { to: to.clone(), reason: reason.clone() },
            CourseEvent::MeasureRecorded { score } => IptEvent::MeasureRecorded { score: score_record(score)? },
            CourseEvent::DeficitsAcknowledged { by, reason } => {
                IptEvent::DeficitsAcknowledged { by: by.clone(), reason: reason.clone() }
            }
            CourseEvent::SafetyAcknowledged { by, action, note } => {
                IptEvent::SafetyAcknowledged { by: by.clone(), action: action.clone(), note: note.clone() }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every course event of the shared vectors and the examples converts to `IptEvent` and back
    /// to itself.
    #[test]
    fn every_vector_event_round_trips() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors");
        let mut seen = std::collections::BTreeSet::new();
        let mut files = vec![root.join("course"), root.join("persist"), root.join("care"), root.join("../examples")];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Object(m) => {
                        if let (Some(_), Some(event)) = (m.get("date"), m.get("event"))
                            && let Ok(core) = serde_json::from_value::<CourseEvent>(event.clone())
                            && let Some(typed) = IptEvent::from_core(&core).unwrap()
                        {
                            let back = typed.into_core().unwrap();
                            assert_eq!(back, core, "{}", path.display());
                            seen.insert(event["type"].as_str().unwrap_or("").to_owned());
                            checked += 1;
                        }
                        stack.extend(m.values());
                    }
                    serde_json::Value::Array(a) => stack.extend(a.iter()),
                    _ => {}
                }
            }
        }
        assert!(checked > 100, "only {checked} events found in the vectors and examples");
        // The event types no vector uses, written out here so every one of the 35 is checked.
        let rest = serde_json::json!([
            {"type": "diagnosis_revised", "diagnosis": "bipolar I disorder", "reason": "first manic episode"},
            {"type": "person_updated", "person": {"id": "sam", "name": "Sam", "role": "partner", "circle": "inner"}},
            {"type": "person_removed", "person_id": "sam"},
            {"type": "problem_area_removed", "area": "role_dispute"},
            {"type": "focus_changed", "area": "role_transition", "replaces": "role_dispute", "person": "sam", "reason": "the dispute dissolved"},
            {"type": "recurrence_recorded", "contract": {"sessions": 16, "frequency": "weekly", "minutes": 50}, "detail": "PHQ-9 19"},
            {"type": "referred", "to": "psychiatry", "reason": "mania"},
            {"type": "session_recorded", "number": 4, "attendance": "attended", "at": {"local": "2026-09-01T10:30:00", "zone": "Europe/Amsterdam"}, "mode": "video"},
        ]);
        for event in rest.as_array().unwrap() {
            let core: CourseEvent = serde_json::from_value(event.clone()).unwrap();
            let back = IptEvent::from_core(&core).unwrap().unwrap().into_core().unwrap();
            assert_eq!(back, core);
            seen.insert(core.type_name().to_owned());
        }
        assert_eq!(seen.len(), 35, "event types seen: {seen:?}");
    }
}
