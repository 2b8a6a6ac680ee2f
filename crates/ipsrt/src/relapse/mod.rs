//! Relapse-risk figures, relapse-prevention plans and the alert-level state machine.
//!
//! * [`risk`]: recurrence risk by number of prior episodes, each figure with its source
//!   (seed S2 50/80 %, literature 50/70/90 %, bipolar 73 % over 5 years).
//! * [`plan`]: the relapse-prevention plan in the six-part wellness structure with a nine-part
//!   crisis plan, contacts, medication plan and maintenance arrangements.
//! * [`mod@crisis_lines`]: crisis lines and emergency numbers by region, each with its source and
//!   check date; a plan names its region or lists its own (there is no default country).
//! * [`thresholds`]: the numbers that turn observations into alert levels, each a plan value with
//!   its default and its source.
//! * [`observation`]: the dated raw facts that drive the machine, including item-level safety
//!   answers ([`SafetyItem`]) and a clinician's acknowledgement.
//! * [`alert`]: the machine (Green, Watch, Early warning, Breaking down, Crisis) with immediate
//!   escalation, de-escalation after a hysteresis time, and observations accepted in any arrival
//!   order (late data never loses a signal); [`transition`] holds what it emits.
//!
//! Interpretation is opt-in: the machine reads raw observations and emits levels; it never
//! alters a score. See `docs/relapse.md`.
//!
//! ```
//! use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan, Region, recurrence_risk, RiskBasis};
//! use ipsrt::life_event::LifeEventKind;
//!
//! // Figures never come without their source.
//! let r = recurrence_risk(RiskBasis::Literature, 3)?;
//! assert_eq!((r.percent, r.source.key.as_ref()), (90, "NIMH-APA"));
//!
//! let plan = RelapsePlan::new("2026-03-01".parse()?, Region::Nl);
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
pub mod crisis_lines;
mod evidence;
mod labels;
pub mod observation;
pub mod plan;
pub mod risk;
pub mod thresholds;
pub mod transition;

pub use alert::{AlertLevel, AlertMachine, Assessment, DISCLAIMER, Decision, TimelineEntry, item9_rule};
pub use crisis_lines::{CrisisLine, Region, crisis_lines};
pub use observation::{Observation, ObservationLog, Observed, SafetyItem, SleepAnchor};
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
        "{basis:?} gives no recurrence figure for {prior_episodes} prior episodes: choose another basis (Literature covers 1, 2 and 3 or more), or use {op} to list every figure that applies",
        op = crate::operation::Operation::RecurrenceRisks
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
    /// A region code that is not in the crisis-line directory.
    #[error(
        "the region {region} is not in the crisis-line directory: use one of NL, BE, DE, GB (or UK), IE, US, CA, AU, or leave the region out and add the person's own crisis_line and emergency contacts"
    )]
    UnknownRegion {
        /// The code given (an excerpt).
        region: String,
    },
    /// A logged warning sign is not in the plan.
    #[error(
        "the warning sign {sign} is not in the plan: log a sign id from the plan, or add the sign to the plan first"
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
    /// A scored measure of an instrument the alert machine has no rule for (GAD-7, WSAS).
    #[error(
        "{instrument} has no alert rule, so it does not convert to an observation: the alert machine reads phq9, \
         phq9m, epds, hrsd17, asrm, ymrs and cssrs_screener (depression and mania measures with published cut-offs, \
         or instruments with a suicidality item); keep that result with its score instead"
    )]
    NoAlertRule {
        /// The instrument id (quoted with its length when long).
        instrument: String,
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
            RelapseError::NoRiskFigure { .. }
            | RelapseError::UnknownSign { .. }
            | RelapseError::UnknownRegion { .. } => ErrorKind::NotFound,
            RelapseError::Rejected { reason, .. } => reason.kind(),
            RelapseError::NoPriorEpisode
            | RelapseError::InvalidObservation { .. }
            | RelapseError::InvalidPlan { .. }
            | RelapseError::InvalidThreshold { .. }
            | RelapseError::NoAlertRule { .. } => ErrorKind::InvalidInput,
        }
    }
}
