//! An IPT course: protocol and contract, phases, sessions, focus choice, response evaluation,
//! termination and maintenance, driven by a dated event log (`replay`).
//!
//! A [`Course`] is the fold of its [`EventRecord`]s: [`Course::replay`] rebuilds it from the
//! log, [`Course::apply`] adds one event. An event the current state does not allow is rejected
//! with a [`CourseError`] that says why and what to do, and the course stays exactly as it was.
//! [`CourseLog`] is the persisted form (schema `ipsrt.course`): the log plus a snapshot, checked
//! against each other on load.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::course::{Attendance, Course, CourseEvent, EventRecord, Protocol};
//! use ipsrt::inventory::Person;
//! use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
//!
//! let day = |d: u32| NaiveDate::from_ymd_opt(2026, 9, d).unwrap();
//! let protocol = Protocol::wmk_acute();
//! let contract = protocol.default_contract(); // 16 weekly sessions of 50 minutes
//! let mut course = Course::create(&EventRecord::new(day(1), CourseEvent::CourseCreated { protocol, taxonomy: Taxonomy::Wmk4 }))?;
//! let mut add = |d: u32, e: CourseEvent| course.apply(&EventRecord::new(day(d), e));
//! add(1, CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None })?;
//! add(1, CourseEvent::DiagnosisRecorded { diagnosis: "major depressive disorder".into(), note: None })?;
//! add(1, CourseEvent::SickRoleRecorded { note: None })?;
//! add(8, CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner")? })?;
//! // Too early for the middle phase: the error lists what is missing, and nothing changes.
//! let err = add(8, CourseEvent::MiddlePhaseStarted).unwrap_err();
//! assert!(err.to_string().contains("no problem area has been chosen"));
//! add(8, CourseEvent::SessionRecorded { number: 2, attendance: Attendance::Attended, at: None, mode: None })?;
//! add(15, CourseEvent::SessionRecorded { number: 3, attendance: Attendance::Attended, at: None, mode: None })?;
//! add(15, CourseEvent::ProblemAreaChosen {
//!     area: ProblemAreaKind::RoleDispute,
//!     dispute_stage: Some(DisputeStage::Impasse),
//!     person: Some("partner".parse()?),
//!     deviation: None,
//! })?;
//! add(15, CourseEvent::FormulationAccepted { summary: "depression linked to the dispute with Sam".into() })?;
//! add(15, CourseEvent::ContractSet { contract, deviation: None })?;
//! add(15, CourseEvent::MiddlePhaseStarted)?;
//! let status = course.status();
//! assert_eq!((status.phase.as_str(), status.attended, status.remaining), ("middle", 3, Some(13)));
//! assert_eq!(course.focus_text(), "role dispute (impasse, with partner)");
//! # Ok::<(), ipsrt::Error>(())
//! ```

mod deficits;
mod error;
mod event;
mod labels;
mod persisted;
mod protocol;
mod state;
mod status;

pub use deficits::{DeficitsAcknowledgement, DeficitsChange, DeficitsEvidence, DeficitsLifeEvent};
pub use error::{CourseError, InitialTask};
pub use event::{
    Attendance, CourseEvent, DeliveryMode, EarlyEndReason, EvaluationBasis, EventRecord, Population, ResponseVerdict,
    TerminationTask,
};
pub use persisted::CourseLog;
pub use protocol::{Contract, EvaluationRule, Frequency, MAX_SESSIONS, Protocol, RULES_EDITION, Range};
pub use state::{
    ContractTerm, Course, Deviation, DiagnosisRevision, Ending, Evaluation, FocusChange, MAX_EVENTS, MAX_LIFE_EVENTS,
    MedicationPeriod, Phase, PhaseChange, PhaseKind, RecordedMeasure, Recurrence, RelapsePlanRecord,
    SafetyAcknowledgement, Session, TerminationTaskRecord,
};
pub use status::{CourseStatus, DeliveryCount, TaskState, TaskStatus, Warning};
