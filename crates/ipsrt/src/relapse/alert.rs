//! The alert-level machine: Green → Watch → Early warning → Breaking down → Crisis, driven by
//! dated [`Observation`]s and a [`RelapsePlan`].
//!
//! # Rules
//!
//! * **Escalation is immediate**: when the observations ask for a higher level, the machine goes
//!   there at once (skipping levels if need be).
//! * **Safety items go straight to Crisis** (PHQ-9 item 9 ≥ 1, HRSD-17 item 3 at or above the
//!   plan's threshold), whatever the total, the remission state or the arrival order, and stay
//!   in force until a clinician acknowledges them ([`Observed::Acknowledged`]); a later low
//!   answer does not clear them.
//! * **De-escalation has hysteresis**: the level falls only after no condition for it has held
//!   for [`AlertThresholds::deescalation_days`](super::AlertThresholds) (default 14), and then by
//!   **one step**; each further step needs the full time again. A clinician's acknowledgement
//!   lets the level fall at once to what the rest of the evidence asks for.
//!
//! # Late data
//!
//! Phones sync late, so observations may **arrive in any order**; only an observation invalid
//! in itself (a value out of range, a sign id the plan does not have) is refused. The machine
//! keeps two records:
//!
//! * **What happened when**: the [`timeline`](AlertMachine::timeline) holds every accepted
//!   observation in date order (same day: by `at`, then entries without a time by content, so
//!   the order never depends on arrival), and the [`history`](AlertMachine::history) is what the
//!   rules conclude from it, re-evaluated from a late entry's date. For any arrival order it
//!   equals the history of the date-sorted log.
//! * **What was known when**: the [`decisions`](AlertMachine::decisions) log the level the
//!   machine reported at each arrival that was late or changed it, with the arrival number, the
//!   optional `received_at` time and what the late entry changed. Old decisions are never
//!   rewritten.
//!
//! The **current level** ([`AlertMachine::level`]) is what an app acts on now:
//!
//! * it rises at once to the level of the re-evaluated history;
//! * a late entry whose own date would have raised **Crisis** raises Crisis now, marked
//!   *retrospective* ([`Assessment::retrospective`]), even when later entries in the timeline
//!   would already have cleared it; only a clinician's acknowledgement dated on or after that
//!   entry releases it;
//! * a late entry never lowers it: when the re-evaluated history ends lower, the level already
//!   raised is **held** and falls one step per hysteresis period counted from the latest date
//!   in the timeline at that arrival (its own calm period, on later-dated entries), or when a
//!   clinician acknowledges it.
//!
//! The machine never changes a score: it reads observations and emits levels with reasons.
//!
//! ```
//! use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan, Region};
//!
//! let plan = RelapsePlan::new("2026-03-01".parse()?, Region::Nl);
//! let mut m = AlertMachine::new();
//! let a = m.observe(&plan, Observation::new("2026-03-02".parse()?, Observed::Asrm { total: 7 }))?;
//! assert_eq!(a.level, AlertLevel::EarlyWarning);
//! assert_eq!(a.transition.as_ref().map(|t| t.reasons[0].source.key.as_ref()), Some("ALTMAN-1997"));
//!
//! // A PHQ-9 answered on 2026-03-01 syncs late, after the ASRM of 2026-03-02: item 9 is
//! // positive, so Crisis is raised now, marked late and retrospective.
//! let a = m.observe(&plan, Observation::new("2026-03-01".parse()?, Observed::Phq9 { total: Some(4), item9: Some(2) }))?;
//! assert_eq!(a.level, AlertLevel::Crisis);
//! assert!(a.late && a.retrospective);
//! assert_eq!(m.history()[0].date.to_string(), "2026-03-01");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;

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
        Source::new("KSW-2001", "PHQ-9 item 9 > 0 warrants immediate follow-up whatever the total", Evidence::Verified),
    )
}

/// The statement an app must show with alert levels. [`RelapsePlan::disclaimer`] adds the
/// plan's crisis lines and emergency number.
pub const DISCLAIMER: &str = "Alert levels support you and your clinician; they are not a diagnosis and this is not an \
                              emergency service.";

/// The time and date of the latest observation in the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stamp {
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<ZonedDateTime>,
}

/// A de-escalation in waiting: since when no condition for the current level has held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Calm {
    since: NaiveDate,
}

/// What the rules conclude from the date-ordered timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clinical {
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

/// What one step of the date-ordered evaluation concluded.
#[derive(Debug, Clone)]
struct Step {
    target: AlertLevel,
    findings: Vec<Reason>,
    transition: Option<Transition>,
}

fn design(locator: &'static str) -> Source {
    Source::new("ipsrt-design", locator, Evidence::Design)
}

impl Clinical {
    /// Evaluates one (valid) observation at the end of the timeline so far.
    fn step(&mut self, plan: &RelapsePlan, obs: &Observation) -> Step {
        self.evidence.record(obs, plan);
        let findings = self.evidence.findings(plan);
        let target = findings.iter().map(|r| r.level).max().unwrap_or(AlertLevel::Green);
        let date = obs.date;
        let mut transition = None;
        if target > self.level {
            let reasons: Vec<Reason> = findings.iter().filter(|r| r.level == target).cloned().collect();
            transition = Some(self.transition(plan, obs, target, Direction::Escalation, reasons));
            self.calm = None;
        } else if target == self.level {
            self.calm = None;
        } else if let Observed::Acknowledged { by, action } = &obs.observed {
            let mut reasons = vec![ack_reason(by, action, date, target)];
            reasons.extend(findings.iter().filter(|r| r.level == target).cloned());
            transition = Some(self.transition(plan, obs, target, Direction::Deescalation, reasons));
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
                    safety_item: None,
                }];
                reasons.extend(findings.iter().filter(|r| r.level == to).cloned());
                transition = Some(self.transition(plan, obs, to, Direction::Deescalation, reasons));
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
        let newer = self.last.as_ref().is_none_or(|l| order_stamp(date, obs.at.as_ref(), l) != Ordering::Less);
        if newer {
            self.last = Some(Stamp { date, at: obs.at });
        }
        Step { target, findings, transition }
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
            contacts: plan.contacts_for(to),
            reasons,
            plan_version: plan.version,
        }
    }
}

fn ack_reason(by: &str, action: &str, date: NaiveDate, to: AlertLevel) -> Reason {
    Reason {
        rule: Rule::ClinicianAcknowledged,
        level: to,
        observed: format!("{by} acknowledged the alert on {date}: {action}"),
        threshold: "a clinician's acknowledgement resolves safety signals and crisis signs dated on or before it"
            .into(),
        source: design("acknowledgement by a clinician, with who, when and what was done"),
        observed_on: date,
        pole: None,
        sign: None,
        trigger: None,
        safety_item: None,
    }
}

fn order_stamp(date: NaiveDate, at: Option<&ZonedDateTime>, other: &Stamp) -> Ordering {
    date.cmp(&other.date).then_with(|| match (at, &other.at) {
        (Some(a), Some(b)) => a.to_utc_lenient().cmp(&b.to_utc_lenient()),
        _ => Ordering::Equal,
    })
}

/// The timeline order: date, then moment (entries without one first), then acknowledgements
/// after other entries of the same moment, then content, so that it never depends on arrival.
fn timeline_order(a: &Observation, b: &Observation) -> Ordering {
    let ack = |o: &Observation| matches!(o.observed, Observed::Acknowledged { .. });
    a.date
        .cmp(&b.date)
        .then_with(|| a.at.map(|t| t.to_utc_lenient()).cmp(&b.at.map(|t| t.to_utc_lenient())))
        .then_with(|| ack(a).cmp(&ack(b)))
        .then_with(|| {
            let key = |o: &Observation| serde_json::to_string(&(&o.at, &o.observed)).unwrap_or_default();
            key(a).cmp(&key(b))
        })
}

/// One accepted observation in the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// When it arrived: the machine's arrival number, counting from 0.
    pub arrival: u64,
    /// Whether it arrived after an entry with a later date (a late entry).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
    /// The observation, with its own date and, if given, when it was received.
    pub observation: Observation,
}

/// A level the machine keeps although the re-evaluated history asks for less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hold {
    level: AlertLevel,
    /// The hold's calm period counts from this date (later-dated entries only).
    since: NaiveDate,
    /// The date of the entry that caused the hold; an acknowledgement dated before it does not
    /// release it.
    cause: NaiveDate,
    /// A retrospective Crisis: released only by an acknowledgement, never by time.
    needs_acknowledgement: bool,
}

/// What the machine decided when an observation arrived (the "what was known when" log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The arrival number of the observation, counting from 0.
    pub arrival: u64,
    /// When the observation was received, if the caller said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<ZonedDateTime>,
    /// The observation's own (clinical) date.
    pub date: NaiveDate,
    /// The observation's type (`"phq9"`, ...).
    pub observed: String,
    /// Whether it arrived after an entry with a later date.
    pub late: bool,
    /// Whether the level was raised now for a Crisis that would have fired on `date`.
    pub retrospective: bool,
    /// The level reported before this arrival.
    pub from: AlertLevel,
    /// The level reported after it.
    pub to: AlertLevel,
    /// The level of the re-evaluated, date-ordered history after it.
    pub history_level: AlertLevel,
    /// Why the reported level changed or was held (empty when nothing changed).
    pub reasons: Vec<Reason>,
    /// The transitions this late entry added to the date-ordered history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history_changes: Vec<Transition>,
}

/// What the machine concluded from one observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The observation's date.
    pub date: NaiveDate,
    /// The level reported after the observation (the current level).
    pub level: AlertLevel,
    /// The highest level the evidence at the end of the timeline asks for (may be below
    /// `level` while a de-escalation waits for its hysteresis time, or while a level is held).
    pub target: AlertLevel,
    /// Every rule that fires at the end of the timeline.
    pub findings: Vec<Reason>,
    /// The change of the reported level this observation caused, if any.
    pub transition: Option<Transition>,
    /// When the level of the history is waiting to fall: since when no condition for it has held.
    pub calm_since: Option<NaiveDate>,
    /// The observation's arrival number, counting from 0.
    pub arrival: u64,
    /// Whether the observation arrived after an entry with a later date.
    pub late: bool,
    /// Whether Crisis was raised now for a Crisis that would have fired on the entry's date.
    pub retrospective: bool,
    /// The level of the re-evaluated, date-ordered history.
    pub history_level: AlertLevel,
    /// The transitions a late entry added to the date-ordered history.
    pub history_changes: Vec<Transition>,
}

/// The alert-level machine. Persist it between observations with [`crate::persist::to_json`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertMachine {
    /// The reported (current) level.
    level: AlertLevel,
    /// How many observations have been accepted.
    #[serde(default)]
    arrivals: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hold: Option<Hold>,
    /// The state a version-1 machine had reached (its observations were not kept); the
    /// timeline is evaluated after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base: Option<Box<Clinical>>,
    #[serde(default)]
    timeline: Vec<TimelineEntry>,
    #[serde(default)]
    clinical: Clinical,
    #[serde(default)]
    decisions: Vec<Decision>,
}

impl AlertMachine {
    /// A machine at Green with no history.
    pub fn new() -> Self {
        AlertMachine::default()
    }

    /// The current (reported) level: what an app acts on now.
    pub fn level(&self) -> AlertLevel {
        self.level
    }

    /// The level of the date-ordered history (may be below [`AlertMachine::level`] while a
    /// level raised earlier is held).
    pub fn history_level(&self) -> AlertLevel {
        self.clinical.level
    }

    /// Every level change of the date-ordered history, oldest first ("what happened when").
    pub fn history(&self) -> &[Transition] {
        &self.clinical.history
    }

    /// The decisions made at arrival ("what was known when"): every arrival that was late or
    /// changed the reported level, in arrival order.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// Every accepted observation, in date order.
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline
    }

    /// The date of the latest observation in the timeline.
    pub fn last_observed(&self) -> Option<NaiveDate> {
        self.clinical.last.as_ref().map(|s| s.date)
    }

    /// Whether the machine carries the state of a version-1 machine whose observations were not
    /// kept (its level cannot be rebuilt from observations).
    pub(crate) fn has_base(&self) -> bool {
        self.base.is_some()
    }

    /// Since when the level of the history has been waiting to fall, if it is.
    pub fn calm_since(&self) -> Option<NaiveDate> {
        self.clinical.calm.map(|c| c.since)
    }

    /// Feeds one observation, in any order.
    ///
    /// # Errors
    /// Nothing changes on error:
    /// [`RelapseError::InvalidPlan`] / [`RelapseError::InvalidThreshold`] for a bad plan,
    /// [`RelapseError::InvalidObservation`] for a value out of range,
    /// [`RelapseError::UnknownSign`] for a warning-sign id the plan does not have.
    pub fn observe(&mut self, plan: &RelapsePlan, obs: Observation) -> Result<Assessment, RelapseError> {
        plan.validate()?;
        self.observe_with_valid_plan(plan, obs, &|_| None)
    }

    /// Feeds one observation under `plan`, as [`AlertMachine::observe`], but when the
    /// date-ordered history is re-evaluated (a late or out-of-order entry), each earlier
    /// observation is read under the plan `plan_of` returns for its arrival number (under
    /// `plan` when it returns `None`). A caller that keeps several plan versions (the care
    /// record) binds each observation to the version it was evaluated under, so that a later
    /// version never re-rates earlier observations.
    ///
    /// # Errors
    /// As [`AlertMachine::observe`]; nothing changes on error.
    pub fn observe_with_plans<'p>(
        &mut self,
        plan: &RelapsePlan,
        obs: Observation,
        plan_of: &dyn Fn(u64) -> Option<&'p RelapsePlan>,
    ) -> Result<Assessment, RelapseError> {
        plan.validate()?;
        self.observe_with_valid_plan(plan, obs, plan_of)
    }

    fn observe_with_valid_plan<'p>(
        &mut self,
        plan: &RelapsePlan,
        obs: Observation,
        plan_of: &dyn Fn(u64) -> Option<&'p RelapsePlan>,
    ) -> Result<Assessment, RelapseError> {
        // Validate everything first; after this block nothing can fail.
        obs.validate()?;
        if let Observed::WarningSign { sign } = &obs.observed
            && plan.find_sign(sign).is_none()
        {
            return Err(RelapseError::UnknownSign { sign: crate::limits::Excerpt::new(sign).to_string() });
        }

        // Mutate.
        let arrival = self.arrivals;
        // Late: dated before the latest entry (an earlier day, or an earlier moment of the same
        // day). An entry of the same day without a moment may still sort before others; the
        // history is then re-evaluated too, but the entry is not marked late.
        let late =
            self.clinical.last.as_ref().is_some_and(|l| order_stamp(obs.date, obs.at.as_ref(), l) == Ordering::Less);
        let pos = self.timeline.partition_point(|e| timeline_order(&e.observation, &obs) != Ordering::Greater);
        let replay = late || pos < self.timeline.len();
        let date = obs.date;
        let from = self.level;
        let entry = TimelineEntry { arrival, late, observation: obs };
        self.timeline.insert(pos, entry);
        self.arrivals += 1;

        let (own, last) = if replay {
            let mut c = self.base.as_deref().cloned().unwrap_or_default();
            let mut own = None;
            let mut last = None;
            for (i, e) in self.timeline.iter().enumerate() {
                let own_plan = if i == pos { None } else { plan_of(e.arrival) };
                let s = c.step(own_plan.unwrap_or(plan), &e.observation);
                if i == pos {
                    own = Some(s.clone());
                }
                last = Some(s);
            }
            let old = std::mem::replace(&mut self.clinical, c);
            let changes: Vec<Transition> =
                self.clinical.history.iter().filter(|t| t.date >= date && !old.history.contains(t)).cloned().collect();
            (own.map(|o| (o, changes)), last)
        } else {
            let obs = self.timeline.get(pos).map(|e| e.observation.clone());
            (None, obs.map(|o| self.clinical.step(plan, &o)))
        };
        let (target, findings, clinical_transition) = match last {
            Some(s) => (s.target, s.findings, s.transition),
            None => (AlertLevel::Green, Vec::new(), None),
        };
        let (own_step, history_changes) = match own {
            Some((s, c)) => (Some(s), c),
            None => (None, Vec::new()),
        };
        let history_level = self.clinical.level;
        let latest = self.last_observed().unwrap_or(date);
        let obs = match self.timeline.get(pos) {
            Some(e) => e.observation.clone(),
            None => return Ok(self.assessment_without_change(date, arrival, late, target, findings)),
        };

        // The reported level.
        let mut reasons: Vec<Reason> = Vec::new();
        let mut retrospective = false;
        if let Observed::Acknowledged { by, action } = &obs.observed
            && self.hold.is_some_and(|h| date >= h.cause)
        {
            self.hold = None;
            reasons.push(ack_reason(by, action, date, history_level));
        }
        // A late entry that is itself a crisis-level signal (a safety answer at or above its
        // threshold, or a crisis-plan sign) raises Crisis now, whatever later entries say.
        if late
            && raises_crisis(plan, &obs)
            && let Some(step) = &own_step
        {
            retrospective = true;
            reasons.extend(
                step.findings.iter().filter(|r| r.level == AlertLevel::Crisis && r.observed_on == date).cloned(),
            );
            self.hold =
                Some(Hold { level: AlertLevel::Crisis, since: latest, cause: date, needs_acknowledgement: true });
        }
        if replay && history_level < from && self.hold.is_none_or(|h| h.level < from) && !retrospective {
            // A late entry never lowers the reported level.
            let needs_acknowledgement = self.hold.is_some_and(|h| h.needs_acknowledgement);
            self.hold = Some(Hold { level: from, since: latest, cause: date, needs_acknowledgement });
            reasons.push(held_reason(from, history_level, date, latest));
        }
        if !replay
            && let Some(h) = self.hold
            && !h.needs_acknowledgement
            && history_level < h.level
        {
            let hysteresis = &plan.alerts.thresholds.deescalation_days;
            let days = (date - h.since).num_days();
            if days >= i64::from(hysteresis.value) {
                let to = h.level.one_down();
                self.hold = Some(Hold { level: to, since: date, ..h });
                reasons.push(Reason {
                    rule: Rule::HysteresisElapsed,
                    level: to,
                    observed: format!(
                        "no new condition for the held level {} since {} ({days} days)",
                        h.level, h.since
                    ),
                    threshold: format!("≥ {} days before stepping down one level", hysteresis.value),
                    source: hysteresis.source.clone(),
                    observed_on: date,
                    pole: None,
                    sign: None,
                    trigger: None,
                    safety_item: None,
                });
            }
        }
        if self.hold.is_some_and(|h| h.level <= history_level) {
            self.hold = None;
        }
        let to = self.hold.map_or(history_level, |h| h.level.max(history_level));
        let transition = if to == from {
            None
        } else if !replay
            && self.hold.is_none()
            && reasons.is_empty()
            && clinical_transition.as_ref().is_some_and(|t| t.to == to && t.from == from)
        {
            clinical_transition
        } else {
            let direction = if to > from { Direction::Escalation } else { Direction::Deescalation };
            let mut why: Vec<Reason> =
                reasons.iter().filter(|r| r.level == to || r.rule == Rule::ClinicianAcknowledged).cloned().collect();
            let more: Vec<Reason> = findings.iter().filter(|r| r.level == to && !why.contains(r)).cloned().collect();
            why.extend(more);
            if why.is_empty() {
                // The re-evaluated history reached this level on an earlier entry.
                why = self
                    .clinical
                    .history
                    .iter()
                    .rev()
                    .find(|t| t.to == to)
                    .map(|t| t.reasons.clone())
                    .unwrap_or_default();
            }
            if why.is_empty() {
                why = reasons.clone();
            }
            Some(Transition {
                date,
                at: obs.at,
                from,
                to,
                direction,
                actions: actions_for(plan, to, &why),
                contacts: plan.contacts_for(to),
                reasons: why,
                plan_version: plan.version,
            })
        };
        self.level = to;
        if replay || to != from {
            self.decisions.push(Decision {
                arrival,
                received_at: obs.received_at,
                date,
                observed: obs.observed.type_name().to_string(),
                late,
                retrospective,
                from,
                to,
                history_level,
                reasons: transition.as_ref().map(|t| t.reasons.clone()).unwrap_or(reasons),
                history_changes: history_changes.clone(),
            });
        }
        Ok(Assessment {
            date,
            level: self.level,
            target,
            findings,
            transition,
            calm_since: self.calm_since(),
            arrival,
            late,
            retrospective,
            history_level,
            history_changes,
        })
    }

    fn assessment_without_change(
        &self,
        date: NaiveDate,
        arrival: u64,
        late: bool,
        target: AlertLevel,
        findings: Vec<Reason>,
    ) -> Assessment {
        Assessment {
            date,
            level: self.level,
            target,
            findings,
            transition: None,
            calm_since: self.calm_since(),
            arrival,
            late,
            retrospective: false,
            history_level: self.clinical.level,
            history_changes: Vec::new(),
        }
    }

    /// Feeds observations in the order given (their arrival order) and stops at the first
    /// rejected one.
    ///
    /// # Errors
    /// [`RelapseError::Rejected`] with the observation's index and why; the machine keeps the
    /// state it had before that observation.
    pub fn observe_all<'a, I>(&mut self, plan: &RelapsePlan, observations: I) -> Result<Vec<Assessment>, RelapseError>
    where
        I: IntoIterator<Item = &'a Observation>,
    {
        plan.validate()?;
        let mut out = Vec::new();
        for (index, obs) in observations.into_iter().enumerate() {
            let a = self
                .observe_with_valid_plan(plan, obs.clone(), &|_| None)
                .map_err(|e| RelapseError::Rejected { index, reason: Box::new(e) })?;
            out.push(a);
        }
        Ok(out)
    }
}

/// Whether the observation is itself a crisis-level signal under the plan.
fn raises_crisis(plan: &RelapsePlan, obs: &Observation) -> bool {
    let t = &plan.alerts.thresholds;
    let safety = obs.observed.safety_answers().into_iter().any(|(item, value)| value >= item.threshold(t).value);
    let sign = matches!(&obs.observed, Observed::WarningSign { sign }
        if matches!(plan.find_sign(sign), Some((_, super::plan::SignStage::Crisis))));
    safety || sign
}

fn held_reason(level: AlertLevel, history: AlertLevel, date: NaiveDate, latest: NaiveDate) -> Reason {
    Reason {
        rule: Rule::Held,
        level,
        observed: format!(
            "a late entry dated {date} lowers the re-evaluated history to {history}; {level} was already raised and is held (calm period counted from {latest})"
        ),
        threshold: "a late entry never lowers the reported level; it falls after its own calm period or a clinician's acknowledgement".into(),
        source: design("late data: escalation is automatic, de-escalation needs its own evidence"),
        observed_on: date,
        pole: None,
        sign: None,
        trigger: None,
        safety_item: None,
    }
}

fn check_chain(history: &[Transition], level: AlertLevel) -> Result<(), String> {
    let expected = history.last().map_or(AlertLevel::Green, |t| t.to);
    if expected != level {
        return Err(format!(
            "the level is {level} but the history ends at {expected}: the state was edited by hand; reload an unedited copy"
        ));
    }
    for w in history.windows(2) {
        if let [a, b] = w
            && (a.to != b.from || b.date < a.date)
        {
            return Err(format!("the history is not a chain at {}: reload an unedited copy", b.date));
        }
    }
    Ok(())
}

impl Persist for AlertMachine {
    const SCHEMA: &'static str = "ipsrt.alert_machine";
    /// Version 2 keeps the date-ordered timeline and the arrival decisions (late data).
    const VERSION: u32 = 2;

    fn migrate(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                // Version 1 kept no observations: its state becomes the base the timeline is
                // evaluated after. Its latest PHQ-9 item-9 answer becomes a safety signal.
                let serde_json::Value::Object(mut old) = data else {
                    return Err("version-1 alert machine data is not an object".into());
                };
                let level = old.get("level").cloned().unwrap_or(serde_json::Value::from("green"));
                if let Some(serde_json::Value::Object(ev)) = old.get_mut("evidence")
                    && let Some(i9) = ev.remove("phq9_item9")
                    && i9.get("value").and_then(serde_json::Value::as_u64).is_some_and(|v| v >= 1)
                {
                    let entry =
                        serde_json::json!({"date": i9.get("date"), "item": "phq9_item9", "value": i9.get("value")});
                    ev.insert("safety".into(), serde_json::Value::Array(vec![entry]));
                }
                if let Some(serde_json::Value::Object(ev)) = old.get_mut("evidence")
                    && let Some(total) = ev.remove("phq9_total")
                    && !total.is_null()
                {
                    let mut t = total;
                    if let serde_json::Value::Object(m) = &mut t {
                        m.insert("state".into(), serde_json::Value::from("unknown"));
                    }
                    ev.insert("phq9_total".into(), t);
                }
                let clinical = serde_json::Value::Object(old);
                Ok(serde_json::json!({
                    "level": level,
                    "arrivals": 0,
                    "base": clinical.clone(),
                    "timeline": [],
                    "clinical": clinical,
                    "decisions": [],
                }))
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        check_chain(&self.clinical.history, self.clinical.level)?;
        let expected = self.hold.map_or(self.clinical.level, |h| h.level.max(self.clinical.level));
        if expected != self.level {
            return Err(format!(
                "the reported level is {} but the history and the held level give {expected}: the state was edited by hand; reload an unedited copy",
                self.level
            ));
        }
        for w in self.timeline.windows(2) {
            if let [a, b] = w
                && timeline_order(&a.observation, &b.observation) == Ordering::Greater
            {
                return Err(format!(
                    "the timeline is not in date order at {}: reload an unedited copy",
                    b.observation.date
                ));
            }
        }
        if let Some(e) = self.timeline.iter().find(|e| e.arrival >= self.arrivals) {
            return Err(format!(
                "a timeline entry has arrival number {} of only {} arrivals",
                e.arrival, self.arrivals
            ));
        }
        if let (Some(c), Some(l)) = (&self.clinical.calm, &self.clinical.last)
            && c.since > l.date
        {
            return Err("the de-escalation date lies after the latest observation".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relapse::Region;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan() -> RelapsePlan {
        RelapsePlan::new(d("2026-01-01"), Region::Nl)
    }

    fn obs(date: &str, observed: Observed) -> Observation {
        Observation::new(d(date), observed)
    }

    fn phq9(total: u8, item9: u8) -> Observed {
        Observed::Phq9 { total: Some(total), item9: Some(item9) }
    }

    fn srm(week: &str, score: f64) -> Observed {
        Observed::SrmWeek { week_start: d(week), score }
    }

    #[test]
    fn the_issue_case_late_item9_raises_a_retrospective_crisis() {
        let p = plan();
        let mut m = AlertMachine::new();
        m.observe(&p, obs("2026-03-09", srm("2026-03-02", 4.0))).unwrap();
        let a = m.observe(&p, obs("2026-03-05", phq9(6, 2))).unwrap();
        assert_eq!(a.level, AlertLevel::Crisis);
        assert!(a.late && a.retrospective);
        assert_eq!(a.history_changes.len(), 1);
        assert_eq!(m.history()[0].date, d("2026-03-05"));
        assert_eq!(m.history()[0].to, AlertLevel::Crisis);
        assert_eq!(m.timeline()[0].observation.date, d("2026-03-05"));
        assert!(m.timeline()[0].late);
        assert_eq!(m.timeline()[0].arrival, 1);
        let decision = m.decisions().last().unwrap();
        assert!(decision.late && decision.retrospective);
        assert_eq!((decision.from, decision.to), (AlertLevel::Green, AlertLevel::Crisis));
        // The transition carries the safety workflow only.
        let t = a.transition.unwrap();
        assert!(t.actions.iter().all(|x| !x.text.contains("wake time")), "{:?}", t.actions);
        assert!(t.contacts.iter().any(|c| c.phone.as_deref() == Some("112")));
    }

    #[test]
    fn a_later_low_item9_does_not_clear_crisis_an_acknowledgement_does() {
        let p = plan();
        let mut m = AlertMachine::new();
        m.observe(&p, obs("2026-03-01", phq9(6, 1))).unwrap();
        m.observe(&p, obs("2026-03-10", phq9(3, 0))).unwrap();
        let a = m.observe(&p, obs("2026-04-30", Observed::CheckIn)).unwrap();
        assert_eq!(a.level, AlertLevel::Crisis);
        let ack = Observed::Acknowledged { by: "Dr. de Vries".into(), action: "safety plan reviewed by phone".into() };
        let a = m.observe(&p, obs("2026-05-01", ack)).unwrap();
        assert_eq!(a.level, AlertLevel::Green);
        let t = a.transition.unwrap();
        assert_eq!(t.reasons[0].rule, Rule::ClinicianAcknowledged);
        assert!(t.reasons[0].observed.contains("Dr. de Vries"));
    }

    #[test]
    fn an_acknowledgement_dated_before_a_late_signal_does_not_release_it() {
        let p = plan();
        let mut m = AlertMachine::new();
        let ack = Observed::Acknowledged { by: "Dr. A".into(), action: "called".into() };
        m.observe(&p, obs("2026-03-10", ack.clone())).unwrap();
        // Answered on 03-08, synced after the acknowledgement of 03-10: the history shows it
        // resolved on 03-10, but nobody had seen it, so Crisis is raised now and held.
        let a = m.observe(&p, obs("2026-03-08", phq9(5, 2))).unwrap();
        assert!(a.retrospective);
        assert_eq!(a.level, AlertLevel::Crisis);
        assert_eq!(m.history_level(), AlertLevel::Green);
        // Time alone does not release it.
        let a = m.observe(&p, obs("2026-06-01", Observed::CheckIn)).unwrap();
        assert_eq!(a.level, AlertLevel::Crisis);
        // A new acknowledgement does.
        let a = m.observe(&p, obs("2026-06-02", ack)).unwrap();
        assert_eq!(a.level, AlertLevel::Green);
    }

    #[test]
    fn a_late_calmer_entry_never_lowers_the_level_at_once() {
        let p = plan();
        let mut m = AlertMachine::new();
        m.observe(&p, obs("2026-03-10", phq9(12, 0))).unwrap();
        for day in ["2026-03-20", "2026-03-31", "2026-04-01"] {
            m.observe(&p, obs(day, Observed::CheckIn)).unwrap();
        }
        assert_eq!(m.level(), AlertLevel::EarlyWarning);
        // A calmer PHQ-9 of 03-11 arrives late: the history now falls on 03-31 ...
        let a = m.observe(&p, obs("2026-03-11", phq9(3, 0))).unwrap();
        assert!(a.late && !a.retrospective);
        assert!(m.history_level() < AlertLevel::EarlyWarning);
        // ... but the reported level is held.
        assert_eq!(a.level, AlertLevel::EarlyWarning);
        assert_eq!(m.decisions().last().unwrap().reasons[0].rule, Rule::Held);
        // It falls one step after its own calm period, counted from the latest date (04-01).
        assert_eq!(m.observe(&p, obs("2026-04-10", Observed::CheckIn)).unwrap().level, AlertLevel::EarlyWarning);
        let a = m.observe(&p, obs("2026-04-15", Observed::CheckIn)).unwrap();
        assert!(a.level < AlertLevel::EarlyWarning);
        assert_eq!(a.transition.unwrap().direction, Direction::Deescalation);
    }

    #[test]
    fn hrsd_item3_raises_crisis_and_item3_two_a_same_day_check() {
        let p = plan();
        let mut m = AlertMachine::new();
        let a = m.observe(&p, obs("2026-03-01", Observed::Hrsd { total: 6, item3: Some(2) })).unwrap();
        assert_eq!(a.level, AlertLevel::BreakingDown);
        let a = m.observe(&p, obs("2026-03-02", Observed::Hrsd { total: 6, item3: Some(3) })).unwrap();
        assert_eq!(a.level, AlertLevel::Crisis);
        let reason = &a.transition.unwrap().reasons[0];
        assert_eq!(reason.rule, Rule::HrsdItem3);
        assert_eq!(reason.source.key, "HAMILTON-1960");
    }

    #[test]
    fn epds_item10_and_teen_suicide_questions_raise_crisis_until_acknowledged() {
        let p = plan();
        for (observed, rule, key) in [
            (Observed::Epds { total: Some(4), item10: Some(1) }, Rule::EpdsItem10, "COX-1987"),
            (
                Observed::Phq9m {
                    total: Some(2),
                    item9: Some(0),
                    serious_thoughts: Some(true),
                    lifetime_attempt: Some(false),
                },
                Rule::Phq9mSuicide,
                "GLADPC-2010",
            ),
        ] {
            let mut m = AlertMachine::new();
            m.observe(&p, obs("2026-03-09", srm("2026-03-02", 4.0))).unwrap();
            // Arrives late: raised at arrival, retrospective, dated on its own day.
            let a = m.observe(&p, obs("2026-03-05", observed.clone())).unwrap();
            assert_eq!(a.level, AlertLevel::Crisis, "{observed:?}");
            assert!(a.late && a.retrospective);
            let reason = &a.transition.unwrap().reasons[0];
            assert_eq!(reason.rule, rule);
            assert_eq!(reason.source.key, key);
            // Time and a later calm answer do not release it; an acknowledgement does.
            let calm = match observed {
                Observed::Epds { .. } => Observed::Epds { total: Some(1), item10: Some(0) },
                _ => Observed::Phq9m {
                    total: Some(1),
                    item9: Some(0),
                    serious_thoughts: Some(false),
                    lifetime_attempt: Some(false),
                },
            };
            assert_eq!(m.observe(&p, obs("2026-05-01", calm)).unwrap().level, AlertLevel::Crisis);
            let ack = Observed::Acknowledged { by: "Dr. A".into(), action: "safety plan reviewed".into() };
            assert_eq!(m.observe(&p, obs("2026-05-02", ack)).unwrap().level, AlertLevel::Green);
        }
    }

    #[test]
    fn cssrs_high_raises_crisis_moderate_a_same_day_check_low_nothing() {
        let p = plan();
        let mut m = AlertMachine::new();
        assert_eq!(
            m.observe(&p, obs("2026-03-01", Observed::CssrsScreener { risk: 1 })).unwrap().level,
            AlertLevel::Green
        );
        let a = m.observe(&p, obs("2026-03-02", Observed::CssrsScreener { risk: 2 })).unwrap();
        assert_eq!(a.level, AlertLevel::BreakingDown);
        assert_eq!(a.transition.unwrap().reasons[0].rule, Rule::CssrsRisk);
        let a = m.observe(&p, obs("2026-03-03", Observed::CssrsScreener { risk: 3 })).unwrap();
        assert_eq!(a.level, AlertLevel::Crisis);
        let reason = &a.transition.unwrap().reasons[0];
        assert_eq!(reason.rule, Rule::CssrsRisk);
        assert_eq!(reason.source.key, "CSSRS-TRIAGE");
    }

    #[test]
    fn phq9_ten_is_early_warning_after_remission_not_with_residual_symptoms() {
        let p = plan();
        let mut remitted = AlertMachine::new();
        remitted.observe(&p, obs("2026-03-01", phq9(3, 0))).unwrap();
        assert_eq!(remitted.observe(&p, obs("2026-03-15", phq9(10, 0))).unwrap().level, AlertLevel::EarlyWarning);

        let mut residual = AlertMachine::new();
        residual.observe(&p, obs("2026-03-01", phq9(11, 0))).unwrap();
        for (i, day) in ["2026-03-20", "2026-04-10", "2026-05-01"].into_iter().enumerate() {
            let a = residual.observe(&p, obs(day, phq9(11 + (i as u8 % 2), 0))).unwrap();
            assert!(!a.findings.iter().any(|r| r.rule == Rule::Phq9Total), "{:?}", a.findings);
        }
        assert!(residual.level() < AlertLevel::EarlyWarning);
        // A reliable rise over the recent level (median 11) does raise it.
        let a = residual.observe(&p, obs("2026-05-15", phq9(17, 0))).unwrap();
        assert!(a.findings.iter().any(|r| r.rule == Rule::Phq9ReliableRise));
        assert!(a.level >= AlertLevel::EarlyWarning);
    }

    #[test]
    fn manic_mood_on_consecutive_days_and_no_recent_entries() {
        let p = plan();
        let mut m = AlertMachine::new();
        m.observe(&p, obs("2026-03-01", Observed::DailyMood { mood: 3 })).unwrap();
        m.observe(&p, obs("2026-03-02", Observed::DailyMood { mood: 4 })).unwrap();
        assert_eq!(m.level(), AlertLevel::Green);
        let a = m.observe(&p, obs("2026-03-03", Observed::DailyMood { mood: 3 })).unwrap();
        assert_eq!(a.level, AlertLevel::EarlyWarning);
        assert!(a.findings.iter().any(|r| r.rule == Rule::MoodManicDays));

        let mut m = AlertMachine::new();
        m.observe(&p, obs("2026-03-01", Observed::DailyMood { mood: 0 })).unwrap();
        let a = m.observe(&p, obs("2026-03-10", Observed::NoRecentEntries { days: 9 })).unwrap();
        assert_eq!(a.level, AlertLevel::Watch);
        // A late diary entry inside the gap disproves it.
        let a = m.observe(&p, obs("2026-03-06", Observed::DailyMood { mood: 0 })).unwrap();
        assert!(!a.findings.iter().any(|r| r.rule == Rule::NoRecentEntries));
    }

    #[test]
    fn missed_occurrences_in_a_row_raise_watch_per_task_until_the_run_ends() {
        let p = plan();
        let run = |task: &str, count: u16| Observed::MissedOccurrences { task: task.into(), count };
        let mut m = AlertMachine::new();
        let a = m.observe(&p, obs("2026-03-01", run("srm", 2))).unwrap();
        assert_eq!(a.level, AlertLevel::Green);
        let a = m.observe(&p, obs("2026-03-02", run("srm", 3))).unwrap();
        assert_eq!(a.level, AlertLevel::Watch);
        let r = a.findings.iter().find(|r| r.rule == Rule::MissedOccurrences).unwrap();
        assert!(r.observed.contains("\"srm\"") && r.threshold == "≥ 3 in a row", "{r:?}");
        // Another task's short run does not replace it; the run's end does.
        let a = m.observe(&p, obs("2026-03-03", run("phq9", 1))).unwrap();
        assert!(a.findings.iter().any(|r| r.rule == Rule::MissedOccurrences));
        let a = m.observe(&p, obs("2026-03-04", run("srm", 0))).unwrap();
        assert!(!a.findings.iter().any(|r| r.rule == Rule::MissedOccurrences));
        // An older report arriving late does not replace the newer one.
        let a = m.observe(&p, obs("2026-03-02", run("srm", 5))).unwrap();
        assert!(!a.findings.iter().any(|r| r.rule == Rule::MissedOccurrences), "{:?}", a.findings);
    }

    #[test]
    fn version_1_state_migrates_and_keeps_its_safety_signal() {
        let v1 = r#"{"schema":"ipsrt.alert_machine","version":1,"data":{"level":"crisis","last":{"date":"2026-03-01"},
            "evidence":{"phq9_first_total":4,"phq9_total":{"date":"2026-03-01","value":4},"phq9_item9":{"date":"2026-03-01","value":1}},
            "history":[{"date":"2026-03-01","from":"green","to":"crisis","direction":"escalation","reasons":[],"actions":[],"contacts":[],"plan_version":1}]}}"#;
        let mut m: AlertMachine = crate::persist::from_json(v1).unwrap();
        assert_eq!(m.level(), AlertLevel::Crisis);
        let p = plan();
        assert_eq!(m.observe(&p, obs("2026-04-30", phq9(2, 0))).unwrap().level, AlertLevel::Crisis);
        // A late entry from before the migrated state is kept and evaluated too.
        let a = m.observe(&p, obs("2026-02-01", Observed::CheckIn)).unwrap();
        assert!(a.late);
        assert_eq!(a.level, AlertLevel::Crisis);
    }

    #[test]
    fn unknown_fields_in_machine_json_are_refused() {
        let mut m = AlertMachine::new();
        m.observe(&plan(), obs("2026-03-01", phq9(3, 0))).unwrap();
        let json = crate::persist::to_json(&m).replacen("\"arrivals\"", "\"arivals\"", 1);
        let e = crate::persist::from_json::<AlertMachine>(&json).unwrap_err().to_string();
        assert!(e.contains("arivals") && e.contains("arrivals"), "{e}");
    }
}
