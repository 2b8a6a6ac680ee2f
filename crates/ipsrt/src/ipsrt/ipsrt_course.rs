//! The IPSRT course: the four IPSRT phases on top of the IPT course model.
//!
//! The IPT machinery (sessions, diagnosis, sick role, interpersonal inventory, problem-area
//! choice from the IPSRT-5 taxonomy, formulation, contract) is the [`crate::course::Course`]
//! with the [`Protocol::ipsrt_acute`] protocol; this layer adds what IPSRT adds (FSB-2007;
//! docs/ipsrt.md#the-ipsrt-course): the IPSRT initial tasks (life chart, psychoeducation, SRM baseline,
//! psychiatrist evaluation), the intermediate phase, continuation/maintenance entered on the
//! stabilisation criterion, and the final taper.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::stabilisation::{StabilisationCriterion, WeeklyRating};
use super::{CourseRefusal, IpsrtError};
use crate::course::{Contract, Course, CourseEvent, EventRecord, Frequency, Phase, Protocol, Range};
use crate::persist::Persist;
use crate::problem_area::Taxonomy;
use crate::source::{Cited, Evidence, Source};

/// The four IPSRT phases (FSB-2007), plus the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpsrtPhase {
    /// History with life chart, psychoeducation, inventory, SRM baseline, psychiatrist
    /// evaluation, choice of one problem area (3–5 sessions).
    Initial,
    /// Weekly: regularise social rhythms and work on the problem area (≈ 10–12 sessions).
    Intermediate,
    /// Reduced frequency, preventive (MTBD: 3 months twice-monthly, then 21 months monthly).
    ContinuationMaintenance,
    /// Taper, plan for future disruptions, end or hand over.
    Final,
    /// Ended.
    Ended,
}

/// An IPSRT-specific initial-phase task (the IPT tasks — diagnosis, sick role, inventory,
/// problem area, formulation, contract — are checked by the course model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

impl IpsrtTask {
    /// All four, in the usual order.
    pub const ALL: [IpsrtTask; 4] =
        [IpsrtTask::LifeChart, IpsrtTask::Psychoeducation, IpsrtTask::SrmBaseline, IpsrtTask::PsychiatristEvaluation];
}

/// One block of the continuation/maintenance schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceBlock {
    /// Length in months.
    pub months: u32,
    /// Visits per month (2 = twice-monthly, 1 = monthly).
    pub visits_per_month: u32,
}

/// The IPSRT protocol: the acute IPT protocol plus IPSRT's phase frame, each number cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpsrtProtocol {
    /// The course-model protocol for the acute treatment (initial + intermediate).
    pub acute: Protocol,
    /// Sessions of the initial phase.
    pub initial_sessions: Cited<Range>,
    /// Sessions of the intermediate phase.
    pub intermediate_sessions: Cited<Range>,
    /// How many problem areas IPSRT works on.
    pub problem_areas: Cited<u32>,
    /// Continuation/maintenance schedule.
    pub maintenance: Cited<Vec<MaintenanceBlock>>,
    /// When acute treatment has done its work.
    pub stabilisation: StabilisationCriterion,
}

impl IpsrtProtocol {
    /// The protocol of FSB-2007 with the MTBD maintenance schedule and stabilisation criterion.
    pub fn frank() -> Self {
        IpsrtProtocol {
            acute: Protocol::ipsrt_acute(),
            initial_sessions: Cited::new(
                Range { min: 3, max: 5 },
                Source::new("FSB-2007", "initial phase 3–5 sessions", Evidence::Verified),
            ),
            intermediate_sessions: Cited::new(
                Range { min: 10, max: 12 },
                Source::new(
                    "FSB-2007",
                    "intermediate phase weekly, about 10–12 sessions in the two large trials",
                    Evidence::Verified,
                ),
            ),
            problem_areas: Cited::new(
                1,
                Source::new("FSB-2007", "choose one of the five problem areas", Evidence::Verified),
            ),
            maintenance: Cited::new(
                vec![
                    MaintenanceBlock { months: 3, visits_per_month: 2 },
                    MaintenanceBlock { months: 21, visits_per_month: 1 },
                ],
                Source::new("MTBD", "3 months twice-monthly, then 21 months monthly (2 years)", Evidence::Verified),
            ),
            stabilisation: StabilisationCriterion::mtbd(),
        }
    }

    /// The planned continuation/maintenance visit dates from `start`: twice-monthly visits on
    /// the start day of each month and 14 days later, monthly visits on the start day of each
    /// month (calendar months; days past a month's end clamp to its last day).
    pub fn maintenance_dates(&self, start: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut month = 0u32;
        for block in &self.maintenance.value {
            for _ in 0..block.months {
                if let Some(first) = start.checked_add_months(Months::new(month)) {
                    for k in 0..block.visits_per_month {
                        out.push(first + chrono::Duration::days(14 * i64::from(k)));
                    }
                }
                month += 1;
            }
        }
        out
    }

    /// The course-model frequency closest to a block (twice-monthly ≈ fortnightly).
    pub fn frequency(block: &MaintenanceBlock) -> Frequency {
        if block.visits_per_month >= 2 { Frequency::Fortnightly } else { Frequency::Monthly }
    }
}

/// Something that happens in an IPSRT course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum IpsrtEvent {
    /// An IPT course event (session, diagnosis, person added, problem area chosen, formulation,
    /// contract, ...), applied to the underlying course. Start the middle phase with
    /// `intermediate_started` instead.
    Course {
        /// The course event.
        record: Box<EventRecord>,
    },
    /// An IPSRT initial task done.
    TaskDone {
        /// When.
        date: NaiveDate,
        /// Which.
        task: IpsrtTask,
    },
    /// The intermediate phase starts (all IPSRT and IPT initial tasks done; one problem area).
    IntermediateStarted {
        /// When.
        date: NaiveDate,
    },
    /// Continuation/maintenance starts once the stabilisation criterion is met by `ratings`.
    ContinuationStarted {
        /// When.
        date: NaiveDate,
        /// Weekly ratings up to `date`.
        ratings: Vec<WeeklyRating>,
    },
    /// The final (taper) phase starts.
    FinalStarted {
        /// When.
        date: NaiveDate,
    },
    /// A recurrence during continuation/maintenance or the final phase: back to acute treatment
    /// (the intermediate phase). When the IPT course is in maintenance, it returns to acute
    /// treatment too, under `contract` (required then).
    RecurrenceRecorded {
        /// When.
        date: NaiveDate,
        /// What recurred (free text).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
        /// The IPT course's acute contract, when the IPT course is in maintenance.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contract: Option<Contract>,
    },
    /// The course ends (after the final phase). Under rules edition 2 it needs the relapse
    /// plan and completes the IPT course, which must be in termination or maintenance.
    Ended {
        /// When.
        date: NaiveDate,
    },
}

/// An IPSRT course. Persisted (`ipsrt.ipsrt_course`) as protocol, creation day and event log,
/// rebuilt by replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "IpsrtCourseRecord", try_from = "IpsrtCourseRecord")]
pub struct IpsrtCourse {
    protocol: IpsrtProtocol,
    created: NaiveDate,
    course: Course,
    phase: IpsrtPhase,
    tasks: Vec<(IpsrtTask, NaiveDate)>,
    phase_starts: Vec<(IpsrtPhase, NaiveDate)>,
    events: Vec<IpsrtEvent>,
}

/// The stored form of an [`IpsrtCourse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpsrtCourseRecord {
    /// The protocol.
    pub protocol: IpsrtProtocol,
    /// The day the course was created.
    pub created: NaiveDate,
    /// The accepted events.
    #[serde(default)]
    pub events: Vec<IpsrtEvent>,
}

impl From<IpsrtCourse> for IpsrtCourseRecord {
    fn from(c: IpsrtCourse) -> Self {
        IpsrtCourseRecord { protocol: c.protocol, created: c.created, events: c.events }
    }
}

impl TryFrom<IpsrtCourseRecord> for IpsrtCourse {
    type Error = IpsrtError;
    fn try_from(r: IpsrtCourseRecord) -> Result<Self, IpsrtError> {
        let mut c = IpsrtCourse::create(r.protocol, r.created)?;
        for (index, e) in r.events.into_iter().enumerate() {
            c.apply(e).map_err(|e| IpsrtError::Replay { index, source: Box::new(e) })?;
        }
        Ok(c)
    }
}

impl Persist for IpsrtCourse {
    const SCHEMA: &'static str = "ipsrt.ipsrt_course";
    const VERSION: u32 = 3;

    /// Version 2: the acute protocol carries `rules_edition` (and may carry `stop_reduction`),
    /// and the IPT course accepts `non_response_stop_declined` (docs/course.md#the-non-response-rule).
    /// A version-1 protocol has no `rules_edition`, which reads as edition 1, so its JSON is read
    /// unchanged and replays under the rules it was written with.
    ///
    /// Version 3: inventory facts that were not assessed are absent
    /// (docs/inventory.md#not-assessed); the default `"middle"`, `"none"` and `false` that
    /// version 2 wrote for a person's `circle`, `conflict` and `confiding` read as not assessed
    /// (docs/decisions.md#inventory-not-assessed).
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => Ok(data),
            2 => {
                crate::inventory::migrate_unassessed_defaults(&mut data);
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }
}

impl IpsrtCourse {
    /// Creates a course on `date` (the underlying IPT course uses `protocol.acute` and the
    /// IPSRT-5 taxonomy).
    pub fn create(protocol: IpsrtProtocol, date: NaiveDate) -> Result<Self, IpsrtError> {
        protocol.stabilisation.validate()?;
        let created = EventRecord::new(
            date,
            CourseEvent::CourseCreated { protocol: protocol.acute.clone(), taxonomy: Taxonomy::Ipsrt5 },
        );
        let course = Course::create(&created).map_err(|e| IpsrtError::Course { source: e.into() })?;
        Ok(IpsrtCourse {
            protocol,
            created: date,
            course,
            phase: IpsrtPhase::Initial,
            tasks: Vec::new(),
            phase_starts: vec![(IpsrtPhase::Initial, date)],
            events: Vec::new(),
        })
    }

    /// The protocol.
    pub fn protocol(&self) -> &IpsrtProtocol {
        &self.protocol
    }
    /// The underlying IPT course.
    pub fn course(&self) -> &Course {
        &self.course
    }
    /// The IPSRT phase.
    pub fn phase(&self) -> IpsrtPhase {
        self.phase
    }
    /// Each phase with the day it started.
    pub fn phase_starts(&self) -> &[(IpsrtPhase, NaiveDate)] {
        &self.phase_starts
    }
    /// IPSRT tasks done, with dates.
    pub fn tasks_done(&self) -> &[(IpsrtTask, NaiveDate)] {
        &self.tasks
    }
    /// IPSRT tasks still to do.
    pub fn tasks_missing(&self) -> Vec<IpsrtTask> {
        IpsrtTask::ALL.into_iter().filter(|t| !self.tasks.iter().any(|(d, _)| d == t)).collect()
    }
    /// The accepted events.
    pub fn events(&self) -> &[IpsrtEvent] {
        &self.events
    }
    /// Planned continuation/maintenance visits, once that phase has started.
    pub fn maintenance_dates(&self) -> Vec<NaiveDate> {
        self.phase_starts
            .iter()
            .find(|(p, _)| *p == IpsrtPhase::ContinuationMaintenance)
            .map(|(_, d)| self.protocol.maintenance_dates(*d))
            .unwrap_or_default()
    }

    fn last_date(&self) -> NaiveDate {
        self.course
            .last_date
            .max(self.phase_starts.last().map_or(self.created, |(_, d)| *d))
            .max(self.tasks.last().map_or(self.created, |(_, d)| *d))
    }

    fn illegal(&self, event: &'static str) -> IpsrtError {
        IpsrtError::IllegalCourseEvent { phase: self.phase, event }
    }

    /// Applies an event; on error nothing changes.
    pub fn apply(&mut self, event: IpsrtEvent) -> Result<IpsrtPhase, IpsrtError> {
        let date = match &event {
            IpsrtEvent::Course { record } => record.date,
            IpsrtEvent::TaskDone { date, .. }
            | IpsrtEvent::IntermediateStarted { date }
            | IpsrtEvent::ContinuationStarted { date, .. }
            | IpsrtEvent::FinalStarted { date }
            | IpsrtEvent::RecurrenceRecorded { date, .. }
            | IpsrtEvent::Ended { date } => *date,
        };
        let previous = self.last_date();
        if date < previous {
            return Err(IpsrtError::DateOutOfOrder { date, previous });
        }
        match &event {
            IpsrtEvent::Course { record } => {
                // Measures and safety acknowledgements are accepted after the end too: a safety
                // signal must never be dropped because the course has ended.
                if self.phase == IpsrtPhase::Ended && !record.event.is_safety_workflow() {
                    return Err(self.illegal("course"));
                }
                if matches!(record.event, CourseEvent::MiddlePhaseStarted) {
                    return Err(IpsrtError::UseIntermediateStarted);
                }
                if self.edition2() && matches!(record.event, CourseEvent::CourseCompleted) {
                    return Err(IpsrtError::UseEnded);
                }
                // The course model validates first and leaves itself unchanged on error.
                self.course.apply(record).map_err(|e| IpsrtError::Course { source: e.into() })?;
                // An IPT event that ends the course (ended early, referred, non-response)
                // ends the IPSRT course too: nothing IPSRT-specific can follow it.
                if self.course.phase.is_ended() && self.phase != IpsrtPhase::Ended {
                    self.enter(IpsrtPhase::Ended, record.date);
                }
            }
            IpsrtEvent::TaskDone { date, task } => {
                if self.phase != IpsrtPhase::Initial {
                    return Err(self.illegal("task_done"));
                }
                if self.tasks.iter().any(|(t, _)| t == task) {
                    return Err(IpsrtError::TaskAlreadyDone { task: *task });
                }
                self.tasks.push((*task, *date));
            }
            IpsrtEvent::IntermediateStarted { date } => {
                if self.phase != IpsrtPhase::Initial {
                    return Err(self.illegal("intermediate_started"));
                }
                let missing = self.tasks_missing();
                if !missing.is_empty() {
                    return Err(IpsrtError::IpsrtTasksMissing { missing });
                }
                let areas = self.course.areas.len() as u32;
                if areas != self.protocol.problem_areas.value && areas != 0 {
                    return Err(IpsrtError::ProblemAreaCount {
                        chosen: areas,
                        allowed: self.protocol.problem_areas.value,
                    });
                }
                let mut next = self.course.clone();
                next.apply(&EventRecord::new(*date, CourseEvent::MiddlePhaseStarted))
                    .map_err(|e| IpsrtError::Course { source: e.into() })?;
                self.course = next;
                self.enter(IpsrtPhase::Intermediate, *date);
            }
            IpsrtEvent::ContinuationStarted { date, ratings } => {
                if self.phase != IpsrtPhase::Intermediate {
                    return Err(self.illegal("continuation_started"));
                }
                let result = self.protocol.stabilisation.evaluate(ratings)?;
                match result.met_on {
                    Some(met_on) if result.met && met_on <= *date => {}
                    _ => return Err(IpsrtError::NotStabilised),
                }
                self.enter(IpsrtPhase::ContinuationMaintenance, *date);
            }
            IpsrtEvent::FinalStarted { date } => {
                if self.phase != IpsrtPhase::ContinuationMaintenance {
                    return Err(self.illegal("final_started"));
                }
                self.enter(IpsrtPhase::Final, *date);
            }
            IpsrtEvent::RecurrenceRecorded { date, detail, contract } => {
                if !matches!(self.phase, IpsrtPhase::ContinuationMaintenance | IpsrtPhase::Final) {
                    return Err(self.illegal("recurrence_recorded"));
                }
                match self.course.phase {
                    Phase::Maintenance => {
                        let contract = contract.ok_or(IpsrtError::RecurrenceContractMissing)?;
                        let event =
                            CourseEvent::RecurrenceRecorded { contract, deviation: None, detail: detail.clone() };
                        self.course
                            .apply(&EventRecord::new(*date, event))
                            .map_err(|e| IpsrtError::Course { source: e.into() })?;
                    }
                    Phase::Middle => {
                        if contract.is_some() {
                            return Err(IpsrtError::Course { source: CourseRefusal::ContractInAcute });
                        }
                        crate::inventory::check_optional_text("detail", detail.as_deref())
                            .map_err(|e| IpsrtError::Course { source: e.into() })?;
                    }
                    _ => {
                        return Err(IpsrtError::Course {
                            source: CourseRefusal::OutsideMaintenance { phase: self.course.phase.name() },
                        });
                    }
                }
                self.enter(IpsrtPhase::Intermediate, *date);
            }
            IpsrtEvent::Ended { date } => {
                if self.phase != IpsrtPhase::Final {
                    return Err(self.illegal("ended"));
                }
                if self.edition2() {
                    if self.course.relapse_plan.is_none() {
                        return Err(IpsrtError::RelapsePlanMissing);
                    }
                    if !matches!(self.course.phase, Phase::Termination | Phase::Maintenance) {
                        return Err(IpsrtError::IptCourseNotTerminating { phase: self.course.phase.name() });
                    }
                    self.course
                        .apply(&EventRecord::new(*date, CourseEvent::CourseCompleted))
                        .map_err(|e| IpsrtError::Course { source: e.into() })?;
                }
                self.enter(IpsrtPhase::Ended, *date);
            }
        }
        self.events.push(event);
        Ok(self.phase)
    }

    /// Whether the course follows rules edition 2 (its acute protocol's `rules_edition`): the
    /// IPSRT course ends only with a relapse plan, together with its IPT course.
    fn edition2(&self) -> bool {
        self.protocol.acute.rules_edition >= 2
    }

    /// The recurrences that returned the course to acute treatment, with their dates.
    pub fn recurrences(&self) -> Vec<(NaiveDate, Option<&str>)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                IpsrtEvent::RecurrenceRecorded { date, detail, .. } => Some((*date, detail.as_deref())),
                _ => None,
            })
            .collect()
    }

    fn enter(&mut self, phase: IpsrtPhase, date: NaiveDate) {
        self.phase = phase;
        self.phase_starts.push((phase, date));
    }
}
