//! IPSRT: the IPSRT course, the life chart, the rhythm stabilisation plan, due times for
//! anchors and the medication adherence log.
//!
//! IPSRT (Ellen Frank) treats bipolar disorder through three pathways to recurrence
//! (FSB-2007): **medication** non-adherence, stressful **life events**, and **disrupted social
//! rhythms**. This module models:
//!
//! * [`IpsrtCourse`]: the four IPSRT phases (initial, intermediate, continuation/maintenance,
//!   final) on top of [`crate::course::Course`] with [`IpsrtProtocol`] values and the
//!   [`StabilisationCriterion`] (MTBD) that gates continuation;
//! * [`RhythmPlan`]: the stepwise rhythm stabilisation plan (baseline → anchors → targets →
//!   gradual steps → more anchors → maintenance, plus planned disruptors), its weekly review
//!   against [`crate::srm::Week`], and [`due_on`] / [`next_due`] / [`overdue`] due times in an
//!   IANA zone, right across daylight-saving changes;
//! * [`LifeChart`]: dated mood episodes with the events, rhythm disruptions and medication
//!   changes that preceded them, queryable by polarity, period and pathway;
//! * [`MedicationLog`]: each scheduled dose taken / late / missed, doses optionally tied to a
//!   rhythm [`Anchor`], with adherence and a non-adherence signal.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::ipsrt::{Anchor, ChartEvent, EpisodePolarity, LifeChart, MedicationLog, MoodEpisode, Pathway, ScheduledDose};
//! use ipsrt::life_event::LifeEventKind;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut chart = LifeChart::new();
//! chart.add_episode(MoodEpisode { polarity: EpisodePolarity::Manic, start: d(2023, 7, 10), end: Some(d(2023, 8, 20)), hospitalised: true, note: String::new() })?;
//! chart.add_event(ChartEvent::RhythmDisruption { date: d(2023, 7, 1), kind: Some(LifeEventKind::TimeZoneTravel), note: "flight to Chicago".into() });
//! assert_eq!(chart.pathway_counts(28).get(&Pathway::RhythmDisruption), Some(&1));
//!
//! let mut log = MedicationLog::new(vec![ScheduledDose { id: "lithium".into(), medication: "lithium 800 mg".into(), time: "21:00".parse()?, anchor: Some(Anchor::ToBed) }])?;
//! let outcome = log.record_taken_at("lithium", d(2026, 1, 5), "22:30".parse()?)?;
//! assert!(matches!(outcome, ipsrt::ipsrt::DoseOutcome::Late { .. })); // 90 min > 60 min tolerance
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;

use crate::error::ErrorKind;
use crate::limits::Excerpt;

mod anchor;
mod due;
mod ipsrt_course;
mod life_chart;
mod medication;
mod rhythm_plan;
mod stabilisation;

pub use anchor::{Anchor, SRM5_ANCHORS};
pub use due::{DstAdjustment, DueTime, due_on, next_due, overdue, resolve_wall_clock};
pub use ipsrt_course::{
    IpsrtCourse, IpsrtCourseRecord, IpsrtEvent, IpsrtPhase, IpsrtProtocol, IpsrtTask, MaintenanceBlock,
};
pub use life_chart::{ChartEvent, EpisodePolarity, EpisodeWithAntecedents, LifeChart, MoodEpisode, Pathway};
pub use medication::{
    AdherenceSummary, DEFAULT_LATE_AFTER_MINUTES, DoseDue, DoseOutcome, DoseRecord, MedicationLog, NonAdherenceSignal,
    ScheduledDose,
};
pub use rhythm_plan::{
    AnchorReview, AnchorTarget, PlanEvent, PlanSettings, PlanStage, PlannedDisruption, RhythmPlan, RhythmPlanRecord,
};
pub use stabilisation::{StabilisationCriterion, StabilisationResult, WeeklyRating};

/// Errors from [`crate::ipsrt`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IpsrtError {
    /// A dose id, medication name or note longer than its limit
    /// ([`crate::limits::MAX_ID_BYTES`], [`crate::limits::MAX_NAME_CHARS`],
    /// [`crate::limits::MAX_NOTE_CHARS`]).
    #[error("{detail}")]
    TooLong {
        /// What is too long, quoted briefly, and what to do.
        detail: String,
    },
    /// A dose without an id.
    #[error("a scheduled dose has an empty id: give every dose a unique id such as \"lithium-evening\"")]
    EmptyDoseId,
    /// Two doses with one id.
    #[error("dose id {} is used twice in the schedule: give every dose a unique id", Excerpt::new(dose))]
    DuplicateDose {
        /// The id.
        dose: String,
    },
    /// A record for a dose that is not on the schedule.
    #[error("dose {} is not on the schedule: add it to the schedule first, or check the id", Excerpt::new(dose))]
    UnknownDose {
        /// The id.
        dose: String,
    },
    /// A second record for the same dose and day.
    #[error("dose {} on {date} is already recorded: use `{op}` to change the record", Excerpt::new(dose), op = crate::operation::Operation::DoseCorrected)]
    DoseAlreadyRecorded {
        /// The id.
        dose: String,
        /// The day.
        date: NaiveDate,
    },
    /// Correcting a record that does not exist.
    #[error("there is no record of dose {} on {date} to correct: record it first", Excerpt::new(dose))]
    NoSuchRecord {
        /// The id.
        dose: String,
        /// The day.
        date: NaiveDate,
    },
    /// A plan value out of range.
    #[error("{what} = {value} is out of range: see the documentation of the setting for the allowed values")]
    InvalidPlanValue {
        /// Which setting.
        what: &'static str,
        /// The value given.
        value: i64,
    },
    /// A period that ends before it starts.
    #[error("period {from} to {to} ends before it starts: swap the dates")]
    InvalidPeriod {
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
    },
    /// An episode that ends before it starts.
    #[error("the episode starting {start} ends before it starts: check the end date")]
    EpisodeEndsBeforeStart {
        /// Start.
        start: NaiveDate,
    },
    /// An event the plan's stage does not allow.
    #[error(
        "{event} is not possible while the plan is at stage {stage:?}: follow baseline → anchors_chosen → targets_set → step_taken … → stable → anchor_added / maintenance_started (docs/ipsrt.md)"
    )]
    IllegalPlanEvent {
        /// The stage.
        stage: rhythm_plan::PlanStage,
        /// The event.
        event: &'static str,
    },
    /// Anchors chosen before the baseline diary is long enough.
    #[error(
        "the baseline diary has run {days} days; keep it for at least {min} days before choosing anchors (or lower min_baseline_days in the plan settings)"
    )]
    BaselineTooShort {
        /// Days so far.
        days: i64,
        /// Required.
        min: u32,
    },
    /// Too many or no anchors.
    #[error(
        "{given} anchors chosen: choose 1 to {max} to regularise first (usually out of bed and/or to bed); add more later with {op}",
        op = crate::operation::Operation::AnchorAdded
    )]
    AnchorCount {
        /// Given.
        given: usize,
        /// Maximum.
        max: u32,
    },
    /// An anchor listed twice or already in the plan.
    #[error("an anchor is listed twice or is already in the plan: list each anchor once")]
    DuplicateAnchor,
    /// Targets that do not match the chosen anchors.
    #[error("targets must be given for exactly the chosen anchors {chosen:?}")]
    TargetsMismatch {
        /// The chosen anchors.
        chosen: Vec<Anchor>,
    },
    /// An anchor not in the plan.
    #[error("anchor {anchor} is not in the plan: add it with {op} first", op = crate::operation::Operation::AnchorAdded)]
    AnchorNotInPlan {
        /// The anchor.
        anchor: Anchor,
    },
    /// A step for an anchor already at its target.
    #[error("anchor {anchor} is already at its target: no further step is needed")]
    AlreadyAtTarget {
        /// The anchor.
        anchor: Anchor,
    },
    /// A step before the hold time has passed.
    #[error(
        "the current step for {anchor} has been held {held} days; hold each step {hold} days before the next (plan setting hold_days)"
    )]
    HoldNotElapsed {
        /// The anchor.
        anchor: Anchor,
        /// Days held.
        held: i64,
        /// Required.
        hold: u32,
    },
    /// An event dated before the previous one.
    #[error("event dated {date} comes before {previous}: record plan events in date order, from the baseline start")]
    DateOutOfOrder {
        /// Date given.
        date: NaiveDate,
        /// Previous date.
        previous: NaiveDate,
    },
    /// A date computation left chrono's range.
    #[error("date out of the supported range: use dates between years -262000 and 262000")]
    DateOutOfRange,
    /// Replaying a stored log failed.
    #[error("event {index} of the stored log was rejected: {source}")]
    Replay {
        /// 0-based position.
        index: usize,
        /// Why: the error the event got, kept whole (its kind is this error's kind, and its
        /// message is written only when shown, so a binding names operations its own way).
        source: Box<IpsrtError>,
    },
    /// An event the IPSRT phase does not allow.
    #[error(
        "{event} is not possible in the IPSRT {phase:?} phase: the order is initial → intermediate → continuation/maintenance → final → ended (docs/ipsrt.md)"
    )]
    IllegalCourseEvent {
        /// The phase.
        phase: ipsrt_course::IpsrtPhase,
        /// The event.
        event: &'static str,
    },
    /// The underlying IPT course rejected an event.
    #[error("the course model rejected the event: {source}")]
    Course {
        /// Why: the course model's error kept whole (its message is written only when shown, so
        /// a binding names the operations in it its own way: `addPerson`, `add_person`), or a
        /// rule of the IPSRT course about its IPT course.
        source: CourseRefusal,
    },
    /// Rules edition 2: an IPSRT course ends only with a relapse-prevention plan.
    #[error(
        "cannot end the IPSRT course: no relapse-prevention plan has been recorded; record one first ({op})",
        op = crate::operation::Operation::RelapsePreventionPlanRecorded
    )]
    RelapsePlanMissing,
    /// Rules edition 2: the IPSRT course ends with its IPT course, which must be in termination
    /// (or maintenance) to complete.
    #[error(
        "cannot end the IPSRT course: its IPT course is in the {phase} phase; start its termination first ({op}), so both end together as completed",
        op = crate::operation::Operation::TerminationStarted
    )]
    IptCourseNotTerminating {
        /// The IPT course's phase.
        phase: &'static str,
    },
    /// Rules edition 2: `course_completed` sent directly.
    #[error(
        "complete an IPSRT course with `ended` in the final phase, which completes its IPT course too: send ended instead of course_completed"
    )]
    UseEnded,
    /// A recurrence in maintenance whose IPT course is in maintenance needs the acute contract.
    #[error(
        "the IPT course is in maintenance: give the acute contract it returns to (contract), checked against the acute protocol"
    )]
    RecurrenceContractMissing,
    /// `middle_phase_started` sent directly.
    #[error("start the middle phase of an IPSRT course with `{op}`, which also checks the IPSRT tasks", op = crate::operation::Operation::IntermediateStarted)]
    UseIntermediateStarted,
    /// An IPSRT task recorded twice.
    #[error("IPSRT task {task:?} is already done")]
    TaskAlreadyDone {
        /// The task.
        task: ipsrt_course::IpsrtTask,
    },
    /// IPSRT initial tasks missing.
    #[error(
        "the intermediate phase cannot start: IPSRT initial tasks {missing:?} are still to do; record them with {op}",
        op = crate::operation::Operation::TaskDone
    )]
    IpsrtTasksMissing {
        /// The missing tasks.
        missing: Vec<ipsrt_course::IpsrtTask>,
    },
    /// Wrong number of problem areas.
    #[error("{chosen} problem areas chosen: IPSRT works on {allowed}; remove one")]
    ProblemAreaCount {
        /// Chosen.
        chosen: u32,
        /// Allowed.
        allowed: u32,
    },
    /// Continuation requested before the stabilisation criterion is met.
    #[error(
        "the stabilisation criterion is not met by the ratings given (e.g. MTBD: 4 weeks with HRSD mean < 7 and mania < 7 on stable medication); keep the intermediate phase going"
    )]
    NotStabilised,
    /// A rating that is negative or not a number.
    #[error("the ratings of the week starting {week_start} are not valid scores: give finite totals ≥ 0")]
    InvalidRating {
        /// The week.
        week_start: NaiveDate,
    },
    /// Two ratings for one week.
    #[error("the week starting {week_start} is rated twice: give one rating per week")]
    DuplicateWeek {
        /// The week.
        week_start: NaiveDate,
    },
    /// Two episodes overlap.
    #[error(
        "the episode starting {start} overlaps the one starting {other}: record a change of polarity as two consecutive episodes, or as one mixed episode"
    )]
    OverlappingEpisodes {
        /// The new episode's start.
        start: NaiveDate,
        /// The existing episode's start.
        other: NaiveDate,
    },
}

/// Why the IPT course inside an IPSRT course refused an event ([`IpsrtError::Course`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CourseRefusal {
    /// The course model's own error.
    #[error(transparent)]
    Course(Box<crate::course::CourseError>),
    /// A recurrence with a contract while the IPT course is still in acute treatment under its
    /// own contract.
    #[error(
        "the IPT course is still in acute treatment under its contract: leave contract out (change it with {op})",
        op = crate::operation::Operation::ContractRenegotiated
    )]
    ContractInAcute,
    /// A recurrence while the IPT course is neither in maintenance nor in its middle phase.
    #[error(
        "the IPT course is in the {phase} phase: a recurrence returns it to acute treatment from maintenance only; record maintenance_started in the IPT course first"
    )]
    OutsideMaintenance {
        /// The IPT course's phase.
        phase: &'static str,
    },
}

impl From<crate::course::CourseError> for CourseRefusal {
    fn from(e: crate::course::CourseError) -> Self {
        CourseRefusal::Course(Box::new(e))
    }
}

impl IpsrtError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            IpsrtError::Replay { source, .. } => source.kind(),
            IpsrtError::UnknownDose { .. } | IpsrtError::NoSuchRecord { .. } | IpsrtError::AnchorNotInPlan { .. } => {
                ErrorKind::NotFound
            }
            IpsrtError::IllegalPlanEvent { .. }
            | IpsrtError::BaselineTooShort { .. }
            | IpsrtError::AlreadyAtTarget { .. }
            | IpsrtError::HoldNotElapsed { .. }
            | IpsrtError::IllegalCourseEvent { .. }
            | IpsrtError::UseIntermediateStarted
            | IpsrtError::RelapsePlanMissing
            | IpsrtError::IptCourseNotTerminating { .. }
            | IpsrtError::UseEnded
            | IpsrtError::TaskAlreadyDone { .. }
            | IpsrtError::IpsrtTasksMissing { .. }
            | IpsrtError::ProblemAreaCount { .. }
            | IpsrtError::NotStabilised => ErrorKind::IllegalTransition,
            _ => ErrorKind::InvalidInput,
        }
    }
}
