//! The IPSRT course (the core's `ipsrt::ipsrt::IpsrtCourse`): IPSRT's four phases (initial,
//! intermediate, continuation/maintenance, final) on top of an IPT course under the IPSRT
//! acute protocol, with IPSRT's initial tasks, entry to maintenance on the stabilisation
//! criterion, recurrences and the end.
//!
//! [`IpsrtCourse`] is an Object (thread-safe, see [`crate::state`]); it is stored as the core's
//! versioned document (`ipsrt.ipsrt_course`, `fromJson`/`toJson`). Every IPSRT event has a
//! typed method, and so do the IPT course events an IPSRT course needs (sessions, diagnosis,
//! sick role, inventory, problem area, formulation, contract, measures, safety,
//! termination, relapse-prevention plan, maintenance). The core checks every event; on error
//! the course is unchanged.
//!
//! ```
//! use ipsrt_ffi::ipsrt_course::{IpsrtCourse, IpsrtPhase, IpsrtTask};
//!
//! let day = "2026-01-05".parse().unwrap();
//! let c = IpsrtCourse::create(day).unwrap();
//! c.record_task_done(day, IpsrtTask::Psychoeducation).unwrap();
//! // The intermediate phase needs every initial task first: refused, course unchanged.
//! let e = c.start_intermediate(day).unwrap_err();
//! assert!(e.to_string().contains("LifeChart"), "{e}");
//! assert_eq!(c.phase().unwrap(), IpsrtPhase::Initial);
//! assert_eq!(c.status().unwrap().tasks_missing.len(), 3);
//! ```

use std::sync::Arc;

use ipsrt::course::EventRecord;
use ipsrt::ipsrt as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, persisted_object, to_core, to_json_value};
use crate::course::{
    Attendance, Contract, CourseStatus, DeliveryMode, DisputeStage, ProblemAreaKind, status as ipt_status,
};
use crate::course_events::{self, IptEvent};
use crate::error::{IpsrtError, guard};
use crate::inventory::Person;
use crate::measures::MeasureScore;
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::LocalDate;

/// The IPSRT phases, plus the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsrtPhase {
    /// History with life chart, psychoeducation, inventory, SRM baseline, psychiatrist
    /// evaluation, one problem area (3–5 sessions).
    Initial,
    /// Weekly: regularise social rhythms and work on the problem area (about 10–12 sessions).
    Intermediate,
    /// Reduced frequency, preventive.
    ContinuationMaintenance,
    /// Taper, plan for future disruptions, end or hand over.
    Final,
    /// Ended.
    Ended,
}

/// An IPSRT initial-phase task (the IPT tasks are checked by the IPT course).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsrtTask {
    /// A life chart of past episodes with preceding events and rhythm disruptions.
    LifeChart,
    /// Psychoeducation about bipolar disorder.
    Psychoeducation,
    /// The SRM introduced as a baseline.
    SrmBaseline,
    /// Evaluation by a psychiatrist to optimise pharmacotherapy.
    PsychiatristEvaluation,
}

/// One week's ratings for the stabilisation criterion: raw totals from the host's scored
/// measures (HRSD-24 and Bech-Rafaelsen Mania Scale under the default criterion).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct WeeklyRating {
    /// First day of the rated week.
    pub week_start: LocalDate,
    /// Depression rating.
    pub depression: f64,
    /// Mania rating.
    pub mania: f64,
    /// Whether the medication regimen was unchanged that week.
    pub medication_stable: bool,
}

/// Whether weekly ratings meet the stabilisation criterion, and where.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct StabilisationResult {
    /// Whether the criterion is met.
    pub met: bool,
    /// First week of the first qualifying window.
    pub window_start: Option<LocalDate>,
    /// The last day of that window (the day stabilisation is reached).
    pub met_on: Option<LocalDate>,
    /// The window's mean depression score.
    pub depression_mean: Option<f64>,
}

/// A phase and the day it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct IpsrtPhaseStart {
    /// The phase.
    pub phase: IpsrtPhase,
    /// The day it started.
    pub date: LocalDate,
}

/// An IPSRT task and the day it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct IpsrtTaskDone {
    /// The task.
    pub task: IpsrtTask,
    /// The day it was done.
    pub date: LocalDate,
}

/// A recurrence that returned the course to acute treatment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IpsrtRecurrence {
    /// When.
    pub date: LocalDate,
    /// What recurred, as recorded.
    pub detail: Option<String>,
}

/// Everything an app shows about an IPSRT course.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IpsrtCourseStatus {
    /// The IPSRT phase.
    pub phase: IpsrtPhase,
    /// Each phase entered, with its start day, oldest first.
    pub phase_starts: Vec<IpsrtPhaseStart>,
    /// IPSRT tasks done.
    pub tasks_done: Vec<IpsrtTaskDone>,
    /// IPSRT tasks still to do, in the usual order.
    pub tasks_missing: Vec<IpsrtTask>,
    /// Recurrences recorded.
    pub recurrences: Vec<IpsrtRecurrence>,
    /// Planned continuation/maintenance visits, once that phase has started (else empty).
    pub maintenance_dates: Vec<LocalDate>,
    /// The underlying IPT course's status (its phase, sessions, focus, warnings such as an open
    /// safety signal).
    pub ipt: CourseStatus,
}

/// One block of the continuation/maintenance schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct MaintenanceBlock {
    /// Length in months.
    pub months: i64,
    /// Visits per month (2 = twice-monthly, 1 = monthly).
    pub visits_per_month: i64,
}

/// The stabilisation criterion that ends acute treatment, with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StabilisationInfo {
    /// Consecutive weeks required.
    pub weeks: i64,
    /// The depression scale the numbers refer to.
    pub depression_scale: String,
    /// The mean depression score must be below this.
    pub depression_mean_below: f64,
    /// The mania scale the numbers refer to.
    pub mania_scale: String,
    /// Every week's mania score must be below this.
    pub mania_below: f64,
    /// Whether the medication regimen must be stable in every week.
    pub requires_stable_medication: bool,
    /// Where the criterion comes from.
    pub source: SourceRef,
}

/// The course's IPSRT protocol, each number with its source.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IpsrtProtocolInfo {
    /// Fewest sessions of the initial phase.
    pub initial_sessions_min: i64,
    /// Most sessions of the initial phase.
    pub initial_sessions_max: i64,
    /// Where the initial-phase range comes from.
    pub initial_sessions_source: SourceRef,
    /// Fewest sessions of the intermediate phase.
    pub intermediate_sessions_min: i64,
    /// Most sessions of the intermediate phase.
    pub intermediate_sessions_max: i64,
    /// Where the intermediate-phase range comes from.
    pub intermediate_sessions_source: SourceRef,
    /// How many problem areas IPSRT works on.
    pub problem_areas: i64,
    /// Where that number comes from.
    pub problem_areas_source: SourceRef,
    /// The continuation/maintenance schedule.
    pub maintenance: Vec<MaintenanceBlock>,
    /// Where the schedule comes from.
    pub maintenance_source: SourceRef,
    /// When acute treatment has done its work.
    pub stabilisation: StabilisationInfo,
}

/// An accepted event of an IPSRT course (the core's `IpsrtEvent`), as the app lists it.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
// Crosses the FFI by value (uniffi lowers it field by field): boxing buys nothing here.
#[allow(clippy::large_enum_variant)]
pub enum IpsrtEvent {
    /// An IPT course event applied to the underlying course.
    IptCourse {
        /// When.
        date: LocalDate,
        /// The IPT event's type (`"session_recorded"`, `"contract_set"`, ...).
        event_type: String,
        /// The IPT event, typed (null only for a course's creation, which is not an `IptEvent`).
        event: Option<IptEvent>,
        /// The IPT event record in the core's form, as stored in the course document.
        record_json: String,
    },
    /// An IPSRT initial task done.
    TaskDone {
        /// When.
        date: LocalDate,
        /// Which.
        task: IpsrtTask,
    },
    /// The intermediate phase started.
    IntermediateStarted {
        /// When.
        date: LocalDate,
    },
    /// Continuation/maintenance started on the stabilisation criterion.
    ContinuationStarted {
        /// When.
        date: LocalDate,
        /// The weekly ratings it rests on.
        ratings: Vec<WeeklyRating>,
    },
    /// The final (taper) phase started.
    FinalStarted {
        /// When.
        date: LocalDate,
    },
    /// A recurrence: back to acute treatment.
    RecurrenceRecorded {
        /// When.
        date: LocalDate,
        /// What recurred.
        detail: Option<String>,
        /// The IPT course's acute contract, when the IPT course was in maintenance.
        contract: Option<Contract>,
    },
    /// The course ended.
    Ended {
        /// When.
        date: LocalDate,
    },
}

fn int(v: u32) -> i64 {
    i64::from(v)
}

fn event(e: &core::IpsrtEvent) -> Result<IpsrtEvent, IpsrtError> {
    Ok(match e {
        core::IpsrtEvent::Course { record } => IpsrtEvent::IptCourse {
            date: record.date,
            event_type: record.event.type_name().to_owned(),
            event: IptEvent::from_core(&record.event)?,
            record_json: to_json_value(record)?,
        },
        core::IpsrtEvent::TaskDone { date, task } => IpsrtEvent::TaskDone { date: *date, task: from_core(task)? },
        core::IpsrtEvent::IntermediateStarted { date } => IpsrtEvent::IntermediateStarted { date: *date },
        core::IpsrtEvent::ContinuationStarted { date, ratings } => {
            IpsrtEvent::ContinuationStarted { date: *date, ratings: from_core(ratings)? }
        }
        core::IpsrtEvent::FinalStarted { date } => IpsrtEvent::FinalStarted { date: *date },
        core::IpsrtEvent::RecurrenceRecorded { date, detail, contract } => IpsrtEvent::RecurrenceRecorded {
            date: *date,
            detail: detail.clone(),
            contract: contract.as_ref().map(Contract::from_core).transpose()?,
        },
        core::IpsrtEvent::Ended { date } => IpsrtEvent::Ended { date: *date },
    })
}

fn protocol_info(p: &core::IpsrtProtocol) -> IpsrtProtocolInfo {
    let s = &p.stabilisation;
    IpsrtProtocolInfo {
        initial_sessions_min: int(p.initial_sessions.value.min),
        initial_sessions_max: int(p.initial_sessions.value.max),
        initial_sessions_source: SourceRef::from(&p.initial_sessions.source),
        intermediate_sessions_min: int(p.intermediate_sessions.value.min),
        intermediate_sessions_max: int(p.intermediate_sessions.value.max),
        intermediate_sessions_source: SourceRef::from(&p.intermediate_sessions.source),
        problem_areas: int(p.problem_areas.value),
        problem_areas_source: SourceRef::from(&p.problem_areas.source),
        maintenance: p
            .maintenance
            .value
            .iter()
            .map(|b| MaintenanceBlock { months: int(b.months), visits_per_month: int(b.visits_per_month) })
            .collect(),
        maintenance_source: SourceRef::from(&p.maintenance.source),
        stabilisation: StabilisationInfo {
            weeks: int(s.weeks.value),
            depression_scale: s.depression_scale.clone(),
            depression_mean_below: s.depression_mean_below.value,
            mania_scale: s.mania_scale.clone(),
            mania_below: s.mania_below.value,
            requires_stable_medication: s.requires_stable_medication,
            source: SourceRef::from(&s.weeks.source),
        },
    }
}

/// The default IPSRT protocol (FSB-2007 with the MTBD maintenance schedule and stabilisation
/// criterion), each number with its source.
#[uniffi::export]
pub fn ipsrt_default_protocol() -> IpsrtProtocolInfo {
    protocol_info(&core::IpsrtProtocol::frank())
}

/// An IPSRT course (thread-safe). Every event method checks the event in the core and
/// leaves the course unchanged on error.
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct IpsrtCourse {
    pub(crate) state: Locked<core::IpsrtCourse>,
}

persisted_object!(IpsrtCourse, core::IpsrtCourse);

impl IpsrtCourse {
    fn apply(&self, e: core::IpsrtEvent) -> Result<IpsrtPhase, IpsrtError> {
        self.state.update(|c| from_core(&c.apply(e)?))
    }

    /// Applies a typed IPT event to the underlying course; its fields are converted in one
    /// place ([`IptEvent::into_core`]), shared with `Course`.
    fn apply_ipt(&self, date: LocalDate, e: IptEvent) -> Result<IpsrtPhase, IpsrtError> {
        self.apply(core::IpsrtEvent::Course { record: Box::new(EventRecord::new(date, e.into_core()?)) })
    }
}

#[uniffi::export]
impl IpsrtCourse {
    /// Creates a course on `date` under the default IPSRT protocol (the underlying IPT course
    /// uses the IPSRT acute protocol and the IPSRT-5 problem areas).
    #[uniffi::constructor]
    pub fn create(date: LocalDate) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let c = core::IpsrtCourse::create(core::IpsrtProtocol::frank(), date)?;
            Ok(Arc::new(IpsrtCourse { state: Locked::new(c) }))
        })
    }

    /// The IPSRT phase.
    pub fn phase(&self) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.phase())))
    }

    /// Phase, phase starts, tasks, recurrences, maintenance dates and the IPT course's status.
    pub fn status(&self) -> Result<IpsrtCourseStatus, IpsrtError> {
        guard(|| {
            self.state.read(|c| {
                Ok(IpsrtCourseStatus {
                    phase: from_core(&c.phase())?,
                    phase_starts: c
                        .phase_starts()
                        .iter()
                        .map(|(p, d)| Ok(IpsrtPhaseStart { phase: from_core(p)?, date: *d }))
                        .collect::<Result<_, IpsrtError>>()?,
                    tasks_done: c
                        .tasks_done()
                        .iter()
                        .map(|(t, d)| Ok(IpsrtTaskDone { task: from_core(t)?, date: *d }))
                        .collect::<Result<_, IpsrtError>>()?,
                    tasks_missing: from_core(&c.tasks_missing())?,
                    recurrences: c
                        .recurrences()
                        .into_iter()
                        .map(|(date, detail)| IpsrtRecurrence { date, detail: detail.map(str::to_owned) })
                        .collect(),
                    maintenance_dates: c.maintenance_dates(),
                    ipt: ipt_status(c.course())?,
                })
            })
        })
    }

    /// The accepted events, oldest first.
    pub fn events(&self) -> Result<Vec<IpsrtEvent>, IpsrtError> {
        guard(|| self.state.read(|c| c.events().iter().map(event).collect()))
    }

    /// The course's protocol.
    pub fn protocol(&self) -> Result<IpsrtProtocolInfo, IpsrtError> {
        guard(|| Ok(self.state.read(|c| protocol_info(c.protocol()))))
    }

    /// Whether weekly ratings meet the course's stabilisation criterion (and from when);
    /// `startContinuation` needs it met on or before its date.
    pub fn evaluate_stabilisation(&self, ratings: Vec<WeeklyRating>) -> Result<StabilisationResult, IpsrtError> {
        guard(|| {
            let ratings: Vec<core::WeeklyRating> = to_core(&ratings)?;
            let criterion = self.state.read(|c| c.protocol().stabilisation.clone());
            from_core(&criterion.evaluate(&ratings)?)
        })
    }

    // --- IPSRT events --------------------------------------------------------------------

    /// An IPSRT initial task done (`task_done`; initial phase, once per task).
    pub fn record_task_done(&self, date: LocalDate, task: IpsrtTask) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply(core::IpsrtEvent::TaskDone { date, task: to_core(&task)? }))
    }

    /// Starts the intermediate phase (`intermediate_started`): every IPSRT and IPT initial task
    /// done and one problem area chosen. Use this, not the IPT course's middle phase.
    pub fn start_intermediate(&self, date: LocalDate) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply(core::IpsrtEvent::IntermediateStarted { date }))
    }

    /// Starts continuation/maintenance (`continuation_started`) once `ratings` meet the
    /// stabilisation criterion on or before `date`.
    pub fn start_continuation(&self, date: LocalDate, ratings: Vec<WeeklyRating>) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply(core::IpsrtEvent::ContinuationStarted { date, ratings: to_core(&ratings)? }))
    }

    /// Starts the final (taper) phase (`final_started`), from continuation/maintenance.
    pub fn start_final(&self, date: LocalDate) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply(core::IpsrtEvent::FinalStarted { date }))
    }

    /// A recurrence during continuation/maintenance or the final phase (`recurrence_recorded`):
    /// back to the intermediate phase. When the IPT course is in maintenance it returns to
    /// acute treatment too, under `contract` (required then, refused otherwise).
    #[uniffi::method(default(detail = None, contract = None))]
    pub fn record_recurrence(
        &self,
        date: LocalDate,
        detail: Option<String>,
        contract: Option<Contract>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| {
            let contract = contract.map(Contract::to_core).transpose()?;
            self.apply(core::IpsrtEvent::RecurrenceRecorded { date, detail, contract })
        })
    }

    /// Ends the course (`ended`), from the final phase; it needs the relapse-prevention plan
    /// and completes the IPT course, which must be in termination or maintenance.
    pub fn end_course(&self, date: LocalDate) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply(core::IpsrtEvent::Ended { date }))
    }

    // --- IPT course events ---------------------------------------------------------------

    /// Records a session of the IPT course (`session_recorded`) with its number (1, 2, ...).
    #[uniffi::method(default(mode = None))]
    pub fn record_session(
        &self,
        date: LocalDate,
        number: i64,
        attendance: Attendance,
        mode: Option<DeliveryMode>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::SessionRecorded { number, attendance, at: None, mode }))
    }

    /// Records the next session: the number (one more than recorded so far) is allocated under
    /// the course's lock, so two threads never record the same number. Returns the number.
    #[uniffi::method(default(mode = None))]
    pub fn record_next_session(
        &self,
        date: LocalDate,
        attendance: Attendance,
        mode: Option<DeliveryMode>,
    ) -> Result<i64, IpsrtError> {
        guard(|| {
            let (attendance, mode) = course_events::session_parts(&attendance, mode.as_ref())?;
            self.state.update(|c| {
                let number = c.course().next_session_number();
                let event = course_events::session(number, attendance, mode);
                c.apply(core::IpsrtEvent::Course { record: Box::new(EventRecord::new(date, event)) })?;
                Ok(int(number))
            })
        })
    }

    /// Records the diagnosis (`diagnosis_recorded`).
    #[uniffi::method(default(note = None))]
    pub fn record_diagnosis(
        &self,
        date: LocalDate,
        diagnosis: String,
        note: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::DiagnosisRecorded { diagnosis, note }))
    }

    /// Gives the patient the sick role (`sick_role_recorded`).
    #[uniffi::method(default(note = None))]
    pub fn record_sick_role(&self, date: LocalDate, note: Option<String>) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::SickRoleRecorded { note }))
    }

    /// Adds a person to the interpersonal inventory (`person_added`).
    pub fn add_person(&self, date: LocalDate, person: Person) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::PersonAdded { person }))
    }

    /// Chooses the problem area (`problem_area_chosen`); `person` is an inventory id; a role
    /// dispute needs `dispute_stage`.
    #[uniffi::method(default(dispute_stage = None, person = None, deviation = None))]
    pub fn choose_problem_area(
        &self,
        date: LocalDate,
        area: ProblemAreaKind,
        dispute_stage: Option<DisputeStage>,
        person: Option<String>,
        deviation: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::ProblemAreaChosen { area, dispute_stage, person, deviation }))
    }

    /// The patient accepts the formulation (`formulation_accepted`).
    pub fn accept_formulation(&self, date: LocalDate, summary: String) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::FormulationAccepted { summary }))
    }

    /// Sets the treatment contract (`contract_set`); `deviation` explains a contract outside
    /// the protocol's range.
    #[uniffi::method(default(deviation = None))]
    pub fn set_contract(
        &self,
        date: LocalDate,
        contract: Contract,
        deviation: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::ContractSet { contract, deviation }))
    }

    /// Records a scored measure (`measure_recorded`); a safety signal opens a warning in the
    /// IPT status until `acknowledgeSafety`. Accepted after the end too.
    pub fn record_measure(&self, date: LocalDate, score: MeasureScore) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::MeasureRecorded { score }))
    }

    /// A clinician acknowledges every open safety signal (`safety_acknowledged`).
    #[uniffi::method(default(note = None))]
    pub fn acknowledge_safety(
        &self,
        date: LocalDate,
        by: String,
        action: String,
        note: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::SafetyAcknowledged { by, action, note }))
    }

    /// Starts the IPT course's termination phase (`termination_started`).
    #[uniffi::method(default(deviation = None))]
    pub fn start_termination(&self, date: LocalDate, deviation: Option<String>) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::TerminationStarted { deviation }))
    }

    /// Records the relapse-prevention plan (`relapse_prevention_plan_recorded`).
    #[uniffi::method(default(plan_ref = None, summary = None))]
    pub fn record_relapse_prevention_plan(
        &self,
        date: LocalDate,
        plan_ref: Option<String>,
        summary: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::RelapsePreventionPlanRecorded { plan_ref, summary }))
    }

    /// Starts the IPT course's maintenance with its contract (`maintenance_started`). Under rules
    /// edition 3 the contract is checked against the maintenance protocol (sessions, minutes,
    /// frequency); give `deviation` when it departs from it.
    #[uniffi::method(default(deviation = None))]
    pub fn start_maintenance(
        &self,
        date: LocalDate,
        contract: Contract,
        deviation: Option<String>,
    ) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, IptEvent::MaintenanceStarted { contract, deviation }))
    }

    /// Applies any IPT course event to the underlying course on `date` (the typed methods above
    /// are shortcuts for the frequent ones). On error the course is unchanged.
    pub fn apply_ipt_event(&self, date: LocalDate, event: IptEvent) -> Result<IpsrtPhase, IpsrtError> {
        guard(|| self.apply_ipt(date, event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{CoursePhase, Frequency};

    fn d(s: &str) -> LocalDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_whole_course_through_typed_calls() {
        let c = IpsrtCourse::create(d("2026-01-05")).unwrap();
        let day = d("2026-01-05");
        assert_eq!(c.record_next_session(day, Attendance::Attended, None).unwrap(), 1);
        c.record_diagnosis(day, "bipolar I disorder".into(), None).unwrap();
        c.record_sick_role(day, None).unwrap();
        for task in [IpsrtTask::LifeChart, IpsrtTask::Psychoeducation, IpsrtTask::SrmBaseline] {
            c.record_task_done(day, task).unwrap();
        }
        let e = c.record_task_done(day, IpsrtTask::LifeChart).unwrap_err();
        assert_eq!(e.kind_name(), "illegal_transition", "{e}");
        let day = d("2026-01-12");
        c.record_session(day, 2, Attendance::Attended, Some(DeliveryMode::Video)).unwrap();
        c.add_person(day, crate::inventory::new_person("partner".into(), "Sam".into(), "partner".into()).unwrap())
            .unwrap();
        let day = d("2026-01-19");
        assert_eq!(c.record_next_session(day, Attendance::Attended, None).unwrap(), 3);
        c.choose_problem_area(day, ProblemAreaKind::LostHealthySelf, None, None, None).unwrap();
        c.accept_formulation(day, "grief for the lost healthy self".into()).unwrap();
        let contract = Contract { sessions: 20, frequency: Frequency::Weekly, minutes: 50 };
        c.set_contract(day, contract, None).unwrap();
        c.record_task_done(day, IpsrtTask::PsychiatristEvaluation).unwrap();
        assert_eq!(c.start_intermediate(day).unwrap(), IpsrtPhase::Intermediate);
        assert_eq!(c.status().unwrap().ipt.phase, CoursePhase::Middle);
        // Not stabilised yet: refused, unchanged.
        let bad =
            vec![WeeklyRating { week_start: d("2026-02-02"), depression: 12.0, mania: 2.0, medication_stable: true }];
        assert!(c.start_continuation(d("2026-02-09"), bad).is_err());
        let ratings: Vec<WeeklyRating> = (0..4u64)
            .map(|k| WeeklyRating {
                week_start: d("2026-03-02") + chrono::Days::new(7 * k),
                depression: 4.0,
                mania: 2.0,
                medication_stable: true,
            })
            .collect();
        let r = c.evaluate_stabilisation(ratings.clone()).unwrap();
        assert!(r.met);
        assert_eq!(r.met_on, Some(d("2026-03-29")));
        assert_eq!(c.start_continuation(d("2026-03-30"), ratings).unwrap(), IpsrtPhase::ContinuationMaintenance);
        assert_eq!(c.status().unwrap().maintenance_dates.len(), 27);
        assert_eq!(c.start_final(d("2027-03-01")).unwrap(), IpsrtPhase::Final);
        c.record_relapse_prevention_plan(d("2027-03-01"), None, Some("plan agreed".into())).unwrap();
        c.start_termination(d("2027-03-01"), Some("ended by the IPSRT frame".into())).unwrap();
        assert_eq!(c.end_course(d("2027-03-08")).unwrap(), IpsrtPhase::Ended);
        let s = c.status().unwrap();
        assert_eq!(s.phase, IpsrtPhase::Ended);
        assert!(s.tasks_missing.is_empty());
        assert_eq!(s.ipt.phase, CoursePhase::Ended);
        let events = c.events().unwrap();
        assert!(matches!(&events[0], IpsrtEvent::IptCourse { event_type, .. } if event_type == "session_recorded"));
        assert!(matches!(events.last(), Some(IpsrtEvent::Ended { .. })));
        let back = IpsrtCourse::from_json(c.to_json().unwrap()).unwrap();
        assert_eq!(back.status().unwrap(), s);
        assert_eq!(back.events().unwrap(), events);
    }
}
