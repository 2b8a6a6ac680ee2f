//! The alert-level state machine (docs/relapse.md#alert-levels): Green → Watch → Early warning → Breaking down →
//! Crisis, driven by dated [`Observation`]s and a [`RelapsePlan`].
//!
//! * **Escalation is immediate**: when the observations ask for a higher level, the machine goes
//!   there at once (skipping levels if need be).
//! * **PHQ-9 item 9 ≥ 1 goes straight to Crisis**, whatever else was observed.
//! * **De-escalation has hysteresis**: the level falls only after no condition for it has held
//!   for [`AlertThresholds::deescalation_days`](super::AlertThresholds) (default 14), and then by
//!   **one step**; each further step needs the full time again.
//! * **Out-of-order observations are rejected** with [`RelapseError::OutOfOrder`] and change
//!   nothing (so is any invalid observation or an unknown sign id).
//! * The machine never changes a score: it reads observations and emits levels with reasons.
//!
//! ```
//! use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan};
//!
//! let plan = RelapsePlan::new("2026-03-01".parse()?);
//! let mut m = AlertMachine::new();
//! let a = m.observe(&plan, Observation::new("2026-03-02".parse()?, Observed::Asrm { total: 7 }))?;
//! assert_eq!(a.level, AlertLevel::EarlyWarning);
//! assert_eq!(a.transition.as_ref().map(|t| t.reasons[0].source.key.as_ref()), Some("ALTMAN-1997"));
//!
//! // A positive item 9 means Crisis at once.
//! let a = m.observe(&plan, Observation::new("2026-03-03".parse()?, Observed::Phq9 { total: Some(4), item9: Some(1) }))?;
//! assert_eq!(a.level, AlertLevel::Crisis);
//!
//! // Going back in time is refused and changes nothing.
//! let before = m.clone();
//! assert!(m.observe(&plan, Observation::new("2026-03-01".parse()?, Observed::CheckIn)).is_err());
//! assert_eq!(m, before);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RelapseError;
use super::evidence::EvidenceStore;
use super::observation::{Observation, Observed};
use super::plan::RelapsePlan;
use super::transition::{Direction, Reason, Rule, Transition, actions_for};
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};
use crate::time::ZonedDateTime;

/// An alert level, ordered from Green (0) to Crisis (4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// 0: stable. Daily maintenance plan.
    #[default]
    Green,
    /// 1: a trigger, a rhythm change or a small rise. Triggers action plan; monitor more often.
    Watch,
    /// 2: early warning signs or a score above its cut-off. Early-warning action plan; contact
    /// the clinician within 1–2 working days.
    EarlyWarning,
    /// 3: things are breaking down. Same-day clinician contact; activate supporters.
    BreakingDown,
    /// 4: crisis or safety concern. Show the crisis plan; crisis line or emergency number.
    Crisis,
}

impl AlertLevel {
    /// All levels, lowest first.
    pub const ALL: [AlertLevel; 5] =
        [AlertLevel::Green, AlertLevel::Watch, AlertLevel::EarlyWarning, AlertLevel::BreakingDown, AlertLevel::Crisis];

    /// The level's number, 0 (Green) to 4 (Crisis).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The stable name (`"green"`, `"watch"`, `"early_warning"`, `"breaking_down"`, `"crisis"`).
    pub fn as_str(self) -> &'static str {
        match self {
            AlertLevel::Green => "green",
            AlertLevel::Watch => "watch",
            AlertLevel::EarlyWarning => "early_warning",
            AlertLevel::BreakingDown => "breaking_down",
            AlertLevel::Crisis => "crisis",
        }
    }

    /// The level one step down (Green stays Green).
    pub fn one_down(self) -> AlertLevel {
        match self {
            AlertLevel::Green | AlertLevel::Watch => AlertLevel::Green,
            AlertLevel::EarlyWarning => AlertLevel::Watch,
            AlertLevel::BreakingDown => AlertLevel::EarlyWarning,
            AlertLevel::Crisis => AlertLevel::BreakingDown,
        }
    }
}

impl std::fmt::Display for AlertLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AlertLevel::Green => "Green",
            AlertLevel::Watch => "Watch",
            AlertLevel::EarlyWarning => "Early warning",
            AlertLevel::BreakingDown => "Breaking down",
            AlertLevel::Crisis => "Crisis",
        })
    }
}

/// The item-9 safety rule: PHQ-9 item 9 ≥ 1 means Crisis whatever the total. Not configurable.
pub fn item9_rule() -> Cited<u8> {
    Cited::new(
        1,
        Source::new(
            "KSW-2001",
            "PHQ-9 item 9 > 0 warrants immediate follow-up whatever the total (docs/relapse.md#alert-levels, docs/measures.md#flags-are-computed-from-raw-answers-whatever-the-policy)",
            Evidence::Verified,
        ),
    )
}

/// The statement an app must show with alert levels (docs/relapse.md#alert-levels).
pub const DISCLAIMER: &str = "Alert levels support you and your clinician; they are not a diagnosis and this is not an \
                              emergency service. In danger, call your crisis line or emergency number (NL: 113 or \
                              0800-0113; emergency 112).";

/// The time and date of the latest accepted observation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<ZonedDateTime>,
}

/// A de-escalation in waiting: since when no condition for the current level has held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Calm {
    since: NaiveDate,
}

/// What the machine concluded from one observation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The observation's date.
    pub date: NaiveDate,
    /// The level after the observation.
    pub level: AlertLevel,
    /// The highest level the current evidence asks for (may be below `level` while a
    /// de-escalation waits for its hysteresis time).
    pub target: AlertLevel,
    /// Every rule that currently fires.
    pub findings: Vec<Reason>,
    /// The level change this observation caused, if any.
    pub transition: Option<Transition>,
    /// When the level is waiting to fall: since when no condition for it has held.
    pub calm_since: Option<NaiveDate>,
}

/// The alert-level machine. Persist it between observations with [`crate::persist::to_json`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertMachine {
    level: AlertLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calm: Option<Calm>,
    #[serde(default)]
    evidence: EvidenceStore,
    #[serde(default)]
    history: Vec<Transition>,
}

impl AlertMachine {
    /// A machine at Green with no history.
    pub fn new() -> Self {
        AlertMachine::default()
    }

    /// The current level.
    pub fn level(&self) -> AlertLevel {
        self.level
    }

    /// Every level change so far, oldest first.
    pub fn history(&self) -> &[Transition] {
        &self.history
    }

    /// The date of the latest accepted observation.
    pub fn last_observed(&self) -> Option<NaiveDate> {
        self.last.as_ref().map(|s| s.date)
    }

    /// Since when the level has been waiting to fall, if it is.
    pub fn calm_since(&self) -> Option<NaiveDate> {
        self.calm.map(|c| c.since)
    }

    /// Feeds one observation.
    ///
    /// # Errors
    /// Nothing changes on error:
    /// [`RelapseError::InvalidPlan`] / [`RelapseError::InvalidThreshold`] for a bad plan,
    /// [`RelapseError::InvalidObservation`] for a value out of range,
    /// [`RelapseError::OutOfOrder`] for an observation dated before the latest one,
    /// [`RelapseError::UnknownSign`] for a warning-sign id the plan does not have.
    pub fn observe(&mut self, plan: &RelapsePlan, obs: Observation) -> Result<Assessment, RelapseError> {
        plan.validate()?;
        self.observe_with_valid_plan(plan, obs)
    }

    /// [`AlertMachine::observe`] for a plan that has already passed [`RelapsePlan::validate`].
    fn observe_with_valid_plan(&mut self, plan: &RelapsePlan, obs: Observation) -> Result<Assessment, RelapseError> {
        // Validate everything first; after this block nothing can fail.
        obs.validate()?;
        if let Some(last) = &self.last {
            let earlier_day = obs.date < last.date;
            let earlier_moment = obs.date == last.date
                && matches!((&obs.at, &last.at), (Some(a), Some(b)) if a.to_utc_lenient() < b.to_utc_lenient());
            if earlier_day || earlier_moment {
                return Err(RelapseError::OutOfOrder {
                    date: obs.date,
                    at: obs.at.as_ref().map(ToString::to_string),
                    latest: last.date,
                    latest_at: last.at.as_ref().map(ToString::to_string),
                });
            }
        }
        if let Observed::WarningSign { sign } = &obs.observed
            && plan.find_sign(sign).is_none()
        {
            return Err(RelapseError::UnknownSign { sign: sign.clone() });
        }

        // Mutate.
        self.evidence.record(&obs, plan);
        let findings = self.evidence.findings(plan);
        let target = findings.iter().map(|r| r.level).max().unwrap_or(AlertLevel::Green);
        let date = obs.date;
        let mut transition = None;
        if target > self.level {
            let reasons: Vec<Reason> = findings.iter().filter(|r| r.level == target).cloned().collect();
            transition = Some(self.transition(plan, &obs, target, Direction::Escalation, reasons));
            self.calm = None;
        } else if target == self.level {
            self.calm = None;
        } else {
            let since = self.calm.map_or(date, |c| c.since);
            let hysteresis = plan.alerts.thresholds.deescalation_days.clone();
            let days = (date - since).num_days();
            if days >= i64::from(hysteresis.value) {
                let to = self.level.one_down();
                let mut reasons = vec![Reason {
                    rule: Rule::HysteresisElapsed,
                    level: to,
                    observed: format!("no condition for {} since {since} ({days} days)", self.level),
                    threshold: format!("≥ {} days before stepping down one level", hysteresis.value),
                    source: hysteresis.source,
                    observed_on: date,
                    pole: None,
                    sign: None,
                    trigger: None,
                }];
                reasons.extend(findings.iter().filter(|r| r.level == to).cloned());
                transition = Some(self.transition(plan, &obs, to, Direction::Deescalation, reasons));
                // The next step down needs its own full hysteresis time, counted from now.
                self.calm = if target < to { Some(Calm { since: date }) } else { None };
            } else {
                self.calm = Some(Calm { since });
            }
        }
        if let Some(t) = &transition {
            self.level = t.to;
            self.history.push(t.clone());
        }
        self.last = Some(Stamp { date, at: obs.at });
        Ok(Assessment { date, level: self.level, target, findings, transition, calm_since: self.calm_since() })
    }

    fn transition(
        &self,
        plan: &RelapsePlan,
        obs: &Observation,
        to: AlertLevel,
        direction: Direction,
        reasons: Vec<Reason>,
    ) -> Transition {
        Transition {
            date: obs.date,
            at: obs.at,
            from: self.level,
            to,
            direction,
            actions: actions_for(plan, to, &reasons),
            contacts: plan.contacts_for(to).into_iter().cloned().collect(),
            reasons,
            plan_version: plan.version,
        }
    }

    /// Feeds observations in order and stops at the first rejected one.
    ///
    /// # Errors
    /// [`RelapseError::Rejected`] with the observation's index and why; the machine keeps the
    /// state it had before that observation.
    pub fn observe_all<'a, I>(&mut self, plan: &RelapsePlan, observations: I) -> Result<Vec<Assessment>, RelapseError>
    where
        I: IntoIterator<Item = &'a Observation>,
    {
        let mut out = Vec::new();
        for (index, obs) in observations.into_iter().enumerate() {
            let a =
                self.observe(plan, obs.clone()).map_err(|e| RelapseError::Rejected { index, reason: Box::new(e) })?;
            out.push(a);
        }
        Ok(out)
    }
}

impl Persist for AlertMachine {
    const SCHEMA: &'static str = "ipsrt.alert_machine";
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        let expected = self.history.last().map_or(AlertLevel::Green, |t| t.to);
        if expected != self.level {
            return Err(format!(
                "the level is {} but the history ends at {expected}: the state was edited by hand; reload an unedited copy",
                self.level
            ));
        }
        for w in self.history.windows(2) {
            if let [a, b] = w
                && (a.to != b.from || b.date < a.date)
            {
                return Err(format!("the history is not a chain at {}: reload an unedited copy", b.date));
            }
        }
        if let (Some(c), Some(l)) = (&self.calm, &self.last)
            && c.since > l.date
        {
            return Err("the de-escalation date lies after the latest observation".into());
        }
        Ok(())
    }
}
