//! The stepwise social-rhythm stabilisation plan (docs/ipsrt.md#rhythm-stabilisation-plan) as a state machine.
//!
//! Baseline diary (≥ 1–2 weeks) → choose 1–2 anchors (usually out of bed / to bed) → set target
//! times → move toward them in small steps, holding each step → once stable, add anchors →
//! maintenance; at any time, plan for known disruptors. The sequence is from FRANK-2005 /
//! FSB-2007; **the step size and hold time are plan values: the sources give no number.**

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsrtError;
use super::anchor::Anchor;
use crate::life_event::LifeEventKind;
use crate::limits::{MAX_NOTE_CHARS, check_len};
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};
use crate::time::ClockTime;

/// The plan's tunable values, each with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// Days of baseline diary before anchors may be chosen.
    pub min_baseline_days: Cited<u32>,
    /// The most anchors chosen at the start.
    pub max_initial_anchors: Cited<u32>,
    /// Minutes one step moves an anchor's aimed-at time toward its target.
    pub step_minutes: Cited<u32>,
    /// Days each step is held before the next.
    pub hold_days: Cited<u32>,
    /// A diary time within this many minutes of the aimed-at time is a hit.
    pub hit_window_minutes: Cited<u32>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            min_baseline_days: Cited::new(
                14,
                Source::new(
                    "FRANK-2005",
                    "baseline SRM for at least 1–2 weeks; Monk's norms use 2 weeks (docs/ipsrt.md#rhythm-stabilisation-plan)",
                    Evidence::ManualRecalled,
                ),
            ),
            max_initial_anchors: Cited::new(
                2,
                Source::new(
                    "FRANK-2005",
                    "choose one or two anchors to regularise first (docs/ipsrt.md#rhythm-stabilisation-plan)",
                    Evidence::ManualRecalled,
                ),
            ),
            step_minutes: Cited::new(
                15,
                Source::new(
                    "ipsrt-design",
                    "sources give no number; docs/decisions.md#rhythm-plan suggests ≤ 15–30 min per step",
                    Evidence::Design,
                ),
            ),
            hold_days: Cited::new(
                3,
                Source::new(
                    "ipsrt-design",
                    "sources give no number; 'holding each step for several days' (docs/decisions.md#rhythm-plan)",
                    Evidence::Design,
                ),
            ),
            hit_window_minutes: Cited::new(
                45,
                Source::new(
                    "MONK-1990",
                    "a hit is within ± 45 minutes of the reference time (docs/srm.md#scoring)",
                    Evidence::Verified,
                ),
            ),
        }
    }
}

impl PlanSettings {
    /// Checks the values are usable: baseline 7–56 days, 1–5 initial anchors, step 5–60 min,
    /// hold 1–28 days, hit window 15–120 min.
    pub fn validate(&self) -> Result<(), IpsrtError> {
        let checks: [(&'static str, u32, std::ops::RangeInclusive<u32>); 5] = [
            ("min_baseline_days", self.min_baseline_days.value, 7..=56),
            ("max_initial_anchors", self.max_initial_anchors.value, 1..=5),
            ("step_minutes", self.step_minutes.value, 5..=60),
            ("hold_days", self.hold_days.value, 1..=28),
            ("hit_window_minutes", self.hit_window_minutes.value, 15..=120),
        ];
        for (what, value, range) in checks {
            if !range.contains(&value) {
                return Err(IpsrtError::InvalidPlanValue { what, value: i64::from(value) });
            }
        }
        Ok(())
    }
}

/// Where the plan is.
///
/// ```text
/// Baseline ─anchors_chosen─▶ AnchorsChosen ─targets_set─▶ Shifting ⇄ (step_taken) ─all at target─▶ Stable
///                                                             ▲                                        │
///                                                             └────────────── anchor_added ────────────┤
///                                                                                 maintenance_started ─▶ Maintenance
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStage {
    /// Keeping the diary without trying to change anything.
    Baseline,
    /// Anchors chosen; target times not yet set.
    AnchorsChosen,
    /// At least one anchor is still being moved toward its target.
    Shifting,
    /// Every anchor is at its target; more anchors may be added.
    Stable,
    /// Keeping the rhythm, with lighter logging.
    Maintenance,
}

/// One anchor's target and where the person is on the way to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorTarget {
    /// The anchor.
    pub anchor: Anchor,
    /// The target time (realistic, compatible with work and family).
    pub target: ClockTime,
    /// The time aimed at now: the habitual (baseline) time at first, then one step closer at
    /// each step, until it equals the target.
    pub current: ClockTime,
    /// When the current step began.
    pub since: NaiveDate,
}

impl AnchorTarget {
    /// Whether the aimed-at time has reached the target.
    pub fn at_target(&self) -> bool {
        self.current == self.target
    }

    /// Signed minutes from `current` to `target` along the shorter way round the clock.
    pub fn remaining_minutes(&self) -> i32 {
        signed_diff(self.current, self.target)
    }

    /// Number of steps of `step` minutes still needed.
    pub fn steps_left(&self, step: u32) -> u32 {
        self.remaining_minutes().unsigned_abs().div_ceil(step.max(1))
    }
}

/// Signed minutes from `a` to `b` on the 24-hour circle, in `-720..=720`.
pub(crate) fn signed_diff(a: ClockTime, b: ClockTime) -> i32 {
    let d = (i32::from(b.minutes()) - i32::from(a.minutes())).rem_euclid(1440);
    if d > 720 { d - 1440 } else { d }
}

/// The most protective routines one planned disruption lists (a plan names a handful).
pub const MAX_ROUTINES: usize = 100;

/// A predictable disruption planned for, with the routines that protect the rhythm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedDisruption {
    /// What kind (time-zone travel, daylight-saving change, shift work, exams, childbirth,
    /// holiday, ...).
    pub kind: LifeEventKind,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The protective routines agreed (e.g. "keep out-of-bed at 07:00 home time").
    #[serde(default)]
    pub protective_routines: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// Something that happens to the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanEvent {
    /// The first 1–2 anchors are chosen (after the baseline).
    AnchorsChosen {
        /// When.
        date: NaiveDate,
        /// Which anchors.
        anchors: Vec<Anchor>,
    },
    /// Target times are set for exactly the chosen anchors; `habitual` is each anchor's
    /// baseline time, where the gradual shift starts.
    TargetsSet {
        /// When.
        date: NaiveDate,
        /// `(anchor, habitual time, target time)` per chosen anchor.
        targets: Vec<(Anchor, ClockTime, ClockTime)>,
    },
    /// One step toward the target for one anchor (after the hold time).
    StepTaken {
        /// When.
        date: NaiveDate,
        /// Which anchor.
        anchor: Anchor,
    },
    /// A further anchor is added once every current anchor is at its target.
    AnchorAdded {
        /// When.
        date: NaiveDate,
        /// The anchor.
        anchor: Anchor,
        /// Its habitual time.
        habitual: ClockTime,
        /// Its target.
        target: ClockTime,
    },
    /// Maintenance starts (every anchor at its target).
    MaintenanceStarted {
        /// When.
        date: NaiveDate,
    },
    /// A known disruptor is planned for (any stage).
    DisruptionPlanned {
        /// When it was planned.
        date: NaiveDate,
        /// The disruption.
        disruption: PlannedDisruption,
    },
}

impl PlanEvent {
    /// The date the event was recorded.
    pub fn date(&self) -> NaiveDate {
        match self {
            PlanEvent::AnchorsChosen { date, .. }
            | PlanEvent::TargetsSet { date, .. }
            | PlanEvent::StepTaken { date, .. }
            | PlanEvent::AnchorAdded { date, .. }
            | PlanEvent::MaintenanceStarted { date }
            | PlanEvent::DisruptionPlanned { date, .. } => *date,
        }
    }
}

/// The rhythm stabilisation plan. Persisted (`ipsrt.rhythm_plan`) as settings, baseline start
/// and event log, rebuilt by replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "RhythmPlanRecord", try_from = "RhythmPlanRecord")]
pub struct RhythmPlan {
    settings: PlanSettings,
    baseline_start: NaiveDate,
    stage: PlanStage,
    chosen: Vec<Anchor>,
    targets: Vec<AnchorTarget>,
    disruptions: Vec<PlannedDisruption>,
    events: Vec<PlanEvent>,
}

/// The stored form of a [`RhythmPlan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RhythmPlanRecord {
    /// The plan values.
    pub settings: PlanSettings,
    /// First day of the baseline diary.
    pub baseline_start: NaiveDate,
    /// The accepted events.
    #[serde(default)]
    pub events: Vec<PlanEvent>,
}

impl From<RhythmPlan> for RhythmPlanRecord {
    fn from(p: RhythmPlan) -> Self {
        RhythmPlanRecord { settings: p.settings, baseline_start: p.baseline_start, events: p.events }
    }
}

impl TryFrom<RhythmPlanRecord> for RhythmPlan {
    type Error = IpsrtError;
    fn try_from(r: RhythmPlanRecord) -> Result<Self, IpsrtError> {
        let mut plan = RhythmPlan::start(r.settings, r.baseline_start)?;
        for (index, e) in r.events.into_iter().enumerate() {
            plan.apply(e).map_err(|e| IpsrtError::Replay { index, source: Box::new(e) })?;
        }
        Ok(plan)
    }
}

impl Persist for RhythmPlan {
    const SCHEMA: &'static str = "ipsrt.rhythm_plan";
    const VERSION: u32 = 1;
}

impl RhythmPlan {
    /// Starts a plan with the baseline diary on `baseline_start`.
    pub fn start(settings: PlanSettings, baseline_start: NaiveDate) -> Result<Self, IpsrtError> {
        settings.validate()?;
        Ok(RhythmPlan {
            settings,
            baseline_start,
            stage: PlanStage::Baseline,
            chosen: Vec::new(),
            targets: Vec::new(),
            disruptions: Vec::new(),
            events: Vec::new(),
        })
    }

    /// The plan values.
    pub fn settings(&self) -> &PlanSettings {
        &self.settings
    }
    /// The stage.
    pub fn stage(&self) -> PlanStage {
        self.stage
    }
    /// First baseline day.
    pub fn baseline_start(&self) -> NaiveDate {
        self.baseline_start
    }
    /// Anchors in the plan, in the order chosen/added.
    pub fn anchors(&self) -> &[Anchor] {
        &self.chosen
    }
    /// Targets and the aimed-at times.
    pub fn targets(&self) -> &[AnchorTarget] {
        &self.targets
    }
    /// The target of one anchor.
    pub fn target(&self, anchor: Anchor) -> Option<&AnchorTarget> {
        self.targets.iter().find(|t| t.anchor == anchor)
    }
    /// Planned disruptions.
    pub fn disruptions(&self) -> &[PlannedDisruption] {
        &self.disruptions
    }
    /// Planned disruptions that overlap `[from, to]`.
    pub fn disruptions_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &PlannedDisruption> {
        self.disruptions.iter().filter(move |d| d.from <= to && d.to >= from)
    }
    /// The accepted events.
    pub fn events(&self) -> &[PlanEvent] {
        &self.events
    }

    /// Anchors whose next step is due on `date` (hold time elapsed, not yet at target).
    pub fn steps_due(&self, date: NaiveDate) -> Vec<Anchor> {
        if self.stage != PlanStage::Shifting {
            return Vec::new();
        }
        let hold = i64::from(self.settings.hold_days.value);
        self.targets
            .iter()
            .filter(|t| !t.at_target() && (date - t.since).num_days() >= hold)
            .map(|t| t.anchor)
            .collect()
    }

    /// Validates an event without changing anything.
    pub fn check(&self, event: &PlanEvent) -> Result<(), IpsrtError> {
        let previous = self.events.last().map_or(self.baseline_start, PlanEvent::date);
        if event.date() < previous {
            return Err(IpsrtError::DateOutOfOrder { date: event.date(), previous });
        }
        let illegal = |event: &'static str| Err(IpsrtError::IllegalPlanEvent { stage: self.stage, event });
        match event {
            PlanEvent::AnchorsChosen { date, anchors } => {
                if self.stage != PlanStage::Baseline {
                    return illegal("anchors_chosen");
                }
                let days = (*date - self.baseline_start).num_days();
                let min = self.settings.min_baseline_days.value;
                if days < i64::from(min) {
                    return Err(IpsrtError::BaselineTooShort { days, min });
                }
                let max = self.settings.max_initial_anchors.value;
                if anchors.is_empty() || anchors.len() > max as usize {
                    return Err(IpsrtError::AnchorCount { given: anchors.len(), max });
                }
                if has_duplicates(anchors) {
                    return Err(IpsrtError::DuplicateAnchor);
                }
            }
            PlanEvent::TargetsSet { targets, .. } => {
                if self.stage != PlanStage::AnchorsChosen {
                    return illegal("targets_set");
                }
                let mut given: Vec<Anchor> = targets.iter().map(|t| t.0).collect();
                if has_duplicates(&given) {
                    return Err(IpsrtError::DuplicateAnchor);
                }
                given.sort();
                let mut chosen = self.chosen.clone();
                chosen.sort();
                if given != chosen {
                    return Err(IpsrtError::TargetsMismatch { chosen: self.chosen.clone() });
                }
            }
            PlanEvent::StepTaken { date, anchor } => {
                if self.stage != PlanStage::Shifting {
                    return illegal("step_taken");
                }
                let t = self.target(*anchor).ok_or(IpsrtError::AnchorNotInPlan { anchor: *anchor })?;
                if t.at_target() {
                    return Err(IpsrtError::AlreadyAtTarget { anchor: *anchor });
                }
                let held = (*date - t.since).num_days();
                let hold = self.settings.hold_days.value;
                if held < i64::from(hold) {
                    return Err(IpsrtError::HoldNotElapsed { anchor: *anchor, held, hold });
                }
            }
            PlanEvent::AnchorAdded { anchor, .. } => {
                if self.stage != PlanStage::Stable {
                    return illegal("anchor_added");
                }
                if self.chosen.contains(anchor) {
                    return Err(IpsrtError::DuplicateAnchor);
                }
            }
            PlanEvent::MaintenanceStarted { .. } => {
                if self.stage != PlanStage::Stable {
                    return illegal("maintenance_started");
                }
            }
            PlanEvent::DisruptionPlanned { disruption, .. } => {
                if disruption.to < disruption.from {
                    return Err(IpsrtError::InvalidPeriod { from: disruption.from, to: disruption.to });
                }
                let too_long = |detail| IpsrtError::TooLong { detail };
                check_len("disruption note", &disruption.note, MAX_NOTE_CHARS, false).map_err(too_long)?;
                if disruption.protective_routines.len() > MAX_ROUTINES {
                    return Err(IpsrtError::TooLong {
                        detail: format!(
                            "the disruption lists {} protective routines, more than {MAX_ROUTINES}: keep the essentials",
                            disruption.protective_routines.len()
                        ),
                    });
                }
                for r in &disruption.protective_routines {
                    check_len("protective routine", r, MAX_NOTE_CHARS, false).map_err(too_long)?;
                }
            }
        }
        Ok(())
    }

    /// Applies an event; returns the new stage. On error nothing changes.
    pub fn apply(&mut self, event: PlanEvent) -> Result<PlanStage, IpsrtError> {
        self.check(&event)?;
        match &event {
            PlanEvent::AnchorsChosen { anchors, .. } => {
                self.chosen = anchors.clone();
                self.stage = PlanStage::AnchorsChosen;
            }
            PlanEvent::TargetsSet { date, targets } => {
                // Keep the order in which the anchors were chosen.
                let mut ts: Vec<AnchorTarget> = targets
                    .iter()
                    .map(|(anchor, habitual, target)| AnchorTarget {
                        anchor: *anchor,
                        target: *target,
                        current: *habitual,
                        since: *date,
                    })
                    .collect();
                ts.sort_by_key(|t| self.chosen.iter().position(|a| *a == t.anchor));
                self.targets = ts;
                self.stage = self.shifting_or_stable();
            }
            PlanEvent::StepTaken { date, anchor } => {
                let step = self.settings.step_minutes.value as i32;
                if let Some(t) = self.targets.iter_mut().find(|t| t.anchor == *anchor) {
                    let remaining = t.remaining_minutes();
                    let delta = remaining.clamp(-step, step);
                    let next = (i32::from(t.current.minutes()) + delta).rem_euclid(1440);
                    t.current = ClockTime::from_minutes(i64::from(next)).unwrap_or(t.target);
                    t.since = *date;
                }
                self.stage = self.shifting_or_stable();
            }
            PlanEvent::AnchorAdded { date, anchor, habitual, target } => {
                self.chosen.push(*anchor);
                self.targets.push(AnchorTarget { anchor: *anchor, target: *target, current: *habitual, since: *date });
                self.stage = self.shifting_or_stable();
            }
            PlanEvent::MaintenanceStarted { .. } => self.stage = PlanStage::Maintenance,
            PlanEvent::DisruptionPlanned { disruption, .. } => {
                let at = self.disruptions.partition_point(|d| d.from <= disruption.from);
                self.disruptions.insert(at, disruption.clone());
            }
        }
        self.events.push(event);
        Ok(self.stage)
    }

    fn shifting_or_stable(&self) -> PlanStage {
        if self.targets.iter().all(AnchorTarget::at_target) { PlanStage::Stable } else { PlanStage::Shifting }
    }

    /// [`RhythmPlan::review_week`] on a week of the SRM engine's diary ([`crate::srm::Week`]):
    /// reads each planned anchor's seven diary times (done occurrences only). Bedtimes after
    /// midnight are compared around the clock, so 00:20 against an aimed 23:50 is 30 minutes late.
    pub fn review_srm_week(&self, week: &crate::srm::Week) -> Vec<AnchorReview> {
        let observed: Vec<(Anchor, [Option<ClockTime>; 7])> = week
            .items()
            .iter()
            .filter(|iw| self.chosen.contains(&iw.item))
            .map(|iw| (iw.item, iw.days.map(|s| s.time())))
            .collect();
        self.review_week(&observed)
    }

    /// Compares a week of diary times with the aimed-at times: for each anchor in the plan, the
    /// days recorded, the hits (within the hit window of the time aimed at) and the mean
    /// signed deviation. `observed` gives, per anchor, the seven diary times of the week
    /// (`None` = not done / not recorded).
    pub fn review_week(&self, observed: &[(Anchor, [Option<ClockTime>; 7])]) -> Vec<AnchorReview> {
        let window = self.settings.hit_window_minutes.value as i32;
        self.targets
            .iter()
            .map(|t| {
                let times: Vec<ClockTime> = observed
                    .iter()
                    .filter(|(a, _)| *a == t.anchor)
                    .flat_map(|(_, days)| days.iter().flatten().copied())
                    .collect();
                let diffs: Vec<i32> = times.iter().map(|x| signed_diff(t.current, *x)).collect();
                let hits = diffs.iter().filter(|d| d.abs() <= window).count() as u32;
                let mean = (!diffs.is_empty()).then(|| f64::from(diffs.iter().sum::<i32>()) / diffs.len() as f64);
                AnchorReview {
                    anchor: t.anchor,
                    aimed_at: t.current,
                    target: t.target,
                    days_recorded: times.len() as u32,
                    hits,
                    mean_deviation_minutes: mean,
                }
            })
            .collect()
    }
}

/// One anchor's weekly review against the time aimed at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchorReview {
    /// The anchor.
    pub anchor: Anchor,
    /// The time aimed at this week.
    pub aimed_at: ClockTime,
    /// The final target.
    pub target: ClockTime,
    /// Days with a diary time.
    pub days_recorded: u32,
    /// Days within the hit window of the aimed-at time.
    pub hits: u32,
    /// Mean signed deviation from the aimed-at time (positive = later), `None` with no times.
    pub mean_deviation_minutes: Option<f64>,
}

fn has_duplicates(anchors: &[Anchor]) -> bool {
    anchors.iter().enumerate().any(|(i, a)| anchors.iter().skip(i + 1).any(|b| a == b))
}
