//! Relapse-risk figures, relapse-prevention plans and the alert-level state machine.
//!
//! * [`risk`]: recurrence risk by number of prior episodes, each figure with its source
//!   (seed S2 50/80 %, literature 50/70/90 %, bipolar 73 % over 5 years).
//! * [`plan`]: the relapse-prevention plan in the six-part wellness structure with a nine-part
//!   crisis plan, contacts, medication plan and maintenance arrangements.
//! * [`thresholds`]: the numbers that turn observations into alert levels, each a plan value with
//!   the library's default and its source.
//! * [`observation`]: the dated raw facts that drive the machine.
//! * [`alert`]: the machine (Green, Watch, Early warning, Breaking down, Crisis) with immediate
//!   escalation and de-escalation after a hysteresis time; [`transition`] holds what it emits.
//!
//! Interpretation is opt-in: the machine reads raw observations and emits levels; it never
//! alters a score. See `docs/relapse.md`.
//!
//! ```
//! use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan, recurrence_risk, RiskBasis};
//! use ipsrt::life_event::LifeEventKind;
//!
//! // Figures never come without their source.
//! let r = recurrence_risk(RiskBasis::Literature, 3)?;
//! assert_eq!((r.percent, r.source.key.as_ref()), (90, "NIMH-APA"));
//!
//! let plan = RelapsePlan::new("2026-03-01".parse()?);
//! let mut m = AlertMachine::new();
//! m.observe(&plan, Observation::new("2026-03-05".parse()?, Observed::Trigger { kind: LifeEventKind::TimeZoneTravel, note: None }))?;
//! assert_eq!(m.level(), AlertLevel::Watch);
//! // 14 days of nothing are not enough to fall (the trigger still counts on day 13) ...
//! m.observe(&plan, Observation::new("2026-03-18".parse()?, Observed::CheckIn))?;
//! assert_eq!(m.level(), AlertLevel::Watch);
//! // ... the trigger stops counting on 2026-03-19; 14 days later the level falls.
//! m.observe(&plan, Observation::new("2026-03-19".parse()?, Observed::CheckIn))?;
//! m.observe(&plan, Observation::new("2026-04-02".parse()?, Observed::CheckIn))?;
//! assert_eq!(m.level(), AlertLevel::Green);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::error::ErrorKind;

pub mod alert;
pub mod convert;
mod evidence;
pub mod observation;
pub mod plan;
pub mod risk;
pub mod thresholds;
pub mod transition;

pub use alert::{AlertLevel, AlertMachine, Assessment, DISCLAIMER, item9_rule};
pub use observation::{Observation, ObservationLog, Observed, SleepAnchor};
pub use plan::{
    ActionPlan, AlertSettings, BreakingDown, Contact, ContactRole, CrisisPlan, DailyMaintenance, Maintenance,
    MaintenanceKind, Medication, MedicationPlan, Pole, PostCrisisPlan, Preferences, RelapsePlan, SignStage, Trigger,
    WarningSign,
};
pub use risk::{
    PriorEpisodes, RecurrenceRisk, RiskBasis, RiskHorizon, RiskPopulation, recurrence_figures, recurrence_risk,
    recurrence_risks,
};
pub use thresholds::{AlertThresholds, LevelGuidance};
pub use transition::{ActionOrigin, Direction, PlannedAction, Reason, Rule, Transition, actions_for};

/// Errors from [`crate::relapse`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RelapseError {
    /// Recurrence needs at least one prior episode.
    #[error("recurrence risk needs at least 1 prior episode, got 0: pass the number of episodes the person has had")]
    NoPriorEpisode,
    /// The chosen basis states no figure for this number of episodes.
    #[error(
        "{basis:?} gives no recurrence figure for {prior_episodes} prior episodes: choose another basis (Literature covers 1, 2 and 3 or more), or use recurrence_risks to list every figure that applies"
    )]
    NoRiskFigure {
        /// The basis asked for.
        basis: RiskBasis,
        /// The number of prior episodes asked for.
        prior_episodes: u32,
    },
    /// An observation value is out of range.
    #[error("observation on {date}: {field} = {value} is invalid; allowed: {allowed}")]
    InvalidObservation {
        /// The observation's date.
        date: NaiveDate,
        /// The field.
        field: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// An observation is dated before the latest one the machine has seen.
    #[error(
        "observation dated {date}{} comes before the latest accepted observation ({latest}{}): observations must be fed in date order; sort them, or start a new machine and replay from the beginning",
        at.as_ref().map(|a| format!(" {a}")).unwrap_or_default(),
        latest_at.as_ref().map(|a| format!(" {a}")).unwrap_or_default()
    )]
    OutOfOrder {
        /// The rejected observation's date.
        date: NaiveDate,
        /// Its moment, if given.
        at: Option<String>,
        /// The latest accepted date.
        latest: NaiveDate,
        /// The latest accepted moment, if given.
        latest_at: Option<String>,
    },
    /// A logged warning sign is not in the plan.
    #[error(
        "the warning sign {sign:?} is not in the plan: log a sign id from the plan, or add the sign to the plan first"
    )]
    UnknownSign {
        /// The id given.
        sign: String,
    },
    /// The plan breaks a rule.
    #[error("invalid relapse plan: {detail}")]
    InvalidPlan {
        /// What to fix.
        detail: String,
    },
    /// An alert threshold is out of range.
    #[error("alert threshold {name} = {value} is invalid; allowed: {allowed}")]
    InvalidThreshold {
        /// The threshold's field name.
        name: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: &'static str,
    },
    /// An observation in a sequence was rejected; the machine kept the state it had before it.
    #[error("observation {index} (counting from 0) was rejected: {reason}")]
    Rejected {
        /// Index of the rejected observation.
        index: usize,
        /// Why.
        reason: Box<RelapseError>,
    },
}

impl RelapseError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            RelapseError::NoRiskFigure { .. } | RelapseError::UnknownSign { .. } => ErrorKind::NotFound,
            RelapseError::Rejected { reason, .. } => reason.kind(),
            RelapseError::NoPriorEpisode
            | RelapseError::InvalidObservation { .. }
            | RelapseError::OutOfOrder { .. }
            | RelapseError::InvalidPlan { .. }
            | RelapseError::InvalidThreshold { .. } => ErrorKind::InvalidInput,
        }
    }
}
