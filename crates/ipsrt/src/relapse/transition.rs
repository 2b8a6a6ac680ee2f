//! What the alert machine says when the level changes: the reasons (which observation, which
//! threshold, which source) and the plan's actions and contacts for the new level.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::alert::AlertLevel;
use super::observation::SafetyItem;
use super::plan::{Contact, Pole, RelapsePlan, SignStage};
use crate::life_event::LifeEventKind;
use crate::source::Source;
use crate::time::ZonedDateTime;

/// The rule behind a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// PHQ-9 item 9 answered ≥ 1: crisis, whatever the total.
    Phq9Item9,
    /// HRSD-17 item 3 ("suicide") rated at or above a threshold: crisis (or a same-day check).
    HrsdItem3,
    /// EPDS item 10 (thoughts of harming oneself) answered at or above its threshold.
    EpdsItem10,
    /// A suicide question of the PHQ-9 Modified for Teens (item 9, serious thoughts of ending
    /// one's life in the past month, lifetime attempt) answered at or above its threshold.
    Phq9mSuicide,
    /// A clinician-entered C-SSRS screener risk level at or above a threshold.
    CssrsRisk,
    /// A crisis-plan sign ("others should take over") was logged.
    CrisisSign,
    /// PHQ-9 total at or above a level's cut-off.
    Phq9Total,
    /// PHQ-9 rose by at least the minimal important change versus the baseline.
    Phq9Rise,
    /// With residual symptoms: PHQ-9 rose reliably over the person's recent level.
    Phq9ReliableRise,
    /// Daily mood at the manic end on consecutive days.
    MoodManicDays,
    /// No diary entry or measure for a number of days.
    NoRecentEntries,
    /// Occurrences of one scheduled task missed in a row.
    MissedOccurrences,
    /// HRSD-17 total at or above a level's cut-off.
    HrsdTotal,
    /// ASRM total at or above the cut-off.
    AsrmTotal,
    /// ASRM rising on consecutive results, ending at or above the cut-off.
    AsrmRising,
    /// YMRS total at or above a level's cut-off.
    YmrsTotal,
    /// Weekly SRM score dropped versus the recent mean.
    SrmDrop,
    /// A sleep anchor shifted on several nights.
    SleepShift,
    /// Several early warning signs on several days.
    EarlyWarningSigns,
    /// One early warning sign.
    EarlyWarningSign,
    /// A "breaking down" sign was logged.
    BreakingDownSign,
    /// A trigger (life event or rhythm disruptor) happened.
    Trigger,
    /// Missed medication.
    MissedMedication,
    /// Missed medication together with symptoms at early-warning level or above.
    MissedMedicationWithSymptoms,
    /// De-escalation: no condition for the old level held for the hysteresis time.
    HysteresisElapsed,
    /// De-escalation: a clinician acknowledged the alert and recorded what was done.
    ClinicianAcknowledged,
    /// A late entry would have lowered the level: the level already raised is held until
    /// its own calm period has passed or a clinician acknowledges it.
    Held,
}

/// Why the machine is (or was) at a level: one rule that fired on observed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// The rule.
    pub rule: Rule,
    /// The level this rule asks for.
    pub level: AlertLevel,
    /// What was observed, in words with values and dates ("PHQ-9 total 12 on 2026-03-02").
    pub observed: String,
    /// The threshold, in words ("≥ 10").
    pub threshold: String,
    /// Where the threshold comes from.
    pub source: Source,
    /// The date of the (latest) observation behind the reason.
    pub observed_on: NaiveDate,
    /// The mood pole, when the rule is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pole: Option<Pole>,
    /// The warning sign's id, for sign rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign: Option<String>,
    /// The trigger's kind, for trigger rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<LifeEventKind>,
    /// The safety item, for safety rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_item: Option<SafetyItem>,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (threshold {}; {})", self.level, self.observed, self.threshold, self.source)
    }
}

/// Whether the level went up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Up: immediate.
    Escalation,
    /// Down: one step, after the hysteresis time.
    Deescalation,
}

/// Where an action comes from in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActionOrigin {
    /// The plan's words for the level.
    Level,
    /// The daily maintenance plan.
    DailyMaintenance,
    /// A trigger's action plan.
    Trigger {
        /// The trigger.
        kind: LifeEventKind,
    },
    /// A warning sign's action plan.
    Sign {
        /// The sign's id.
        id: String,
    },
    /// The "breaking down" action plan.
    BreakingDown,
    /// The (hypo)manic prodrome actions.
    ManicProdrome,
    /// The depressive prodrome actions.
    DepressiveProdrome,
}

/// One action from the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    /// What to do.
    pub text: String,
    /// Must do (`true`) or might do (`false`).
    pub must: bool,
    /// Where in the plan it comes from.
    pub origin: ActionOrigin,
}

/// A change of alert level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The date of the observation that caused it.
    pub date: NaiveDate,
    /// The moment, when the observation had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ZonedDateTime>,
    /// Old level.
    pub from: AlertLevel,
    /// New level.
    pub to: AlertLevel,
    /// Up or down.
    pub direction: Direction,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The plan's actions for the new level.
    pub actions: Vec<PlannedAction>,
    /// The plan's contacts for the new level.
    pub contacts: Vec<Contact>,
    /// The version of the plan that was applied.
    pub plan_version: u32,
}

/// The plan's actions for `level`, given the reasons for being there. At Crisis these are the
/// safety workflow only: the plan's crisis words and the actions of crisis-plan signs, never
/// trigger, early-warning or prodrome advice.
pub fn actions_for(plan: &RelapsePlan, level: AlertLevel, reasons: &[Reason]) -> Vec<PlannedAction> {
    let mut out: Vec<PlannedAction> = Vec::new();
    let mut push = |text: &str, must: bool, origin: ActionOrigin| {
        if !out.iter().any(|a| a.text == text) {
            out.push(PlannedAction { text: text.to_string(), must, origin });
        }
    };
    let g = &plan.alerts.guidance;
    let words = match level {
        AlertLevel::Green => &g.green,
        AlertLevel::Watch => &g.watch,
        AlertLevel::EarlyWarning => &g.early_warning,
        AlertLevel::BreakingDown => &g.breaking_down,
        AlertLevel::Crisis => &g.crisis,
    };
    for w in words {
        push(w, true, ActionOrigin::Level);
    }
    if level == AlertLevel::Green {
        for a in &plan.daily_maintenance.every_day {
            push(a, true, ActionOrigin::DailyMaintenance);
        }
        for a in &plan.daily_maintenance.reminders {
            push(a, false, ActionOrigin::DailyMaintenance);
        }
    }
    if level == AlertLevel::BreakingDown {
        for a in &plan.breaking_down.actions.must {
            push(a, true, ActionOrigin::BreakingDown);
        }
        for a in &plan.breaking_down.actions.might {
            push(a, false, ActionOrigin::BreakingDown);
        }
    }
    if level == AlertLevel::Crisis {
        for r in reasons {
            if let Some((sign, SignStage::Crisis)) = r.sign.as_deref().and_then(|id| plan.find_sign(id)) {
                for a in &sign.actions.must {
                    push(a, true, ActionOrigin::Sign { id: sign.id.clone() });
                }
                for a in &sign.actions.might {
                    push(a, false, ActionOrigin::Sign { id: sign.id.clone() });
                }
            }
        }
        return out;
    }
    for r in reasons {
        if let Some(sign) = r.sign.as_deref().and_then(|id| plan.find_sign(id)).map(|(s, _)| s) {
            for a in &sign.actions.must {
                push(a, true, ActionOrigin::Sign { id: sign.id.clone() });
            }
            for a in &sign.actions.might {
                push(a, false, ActionOrigin::Sign { id: sign.id.clone() });
            }
        }
        if let Some(t) = r.trigger.and_then(|k| plan.find_trigger(k)) {
            for a in &t.actions.must {
                push(a, true, ActionOrigin::Trigger { kind: t.kind });
            }
            for a in &t.actions.might {
                push(a, false, ActionOrigin::Trigger { kind: t.kind });
            }
        }
    }
    if level >= AlertLevel::EarlyWarning {
        if reasons.iter().any(|r| r.pole == Some(Pole::Manic)) {
            for a in &g.manic_prodrome {
                push(a, true, ActionOrigin::ManicProdrome);
            }
        }
        if reasons.iter().any(|r| r.pole == Some(Pole::Depressive)) {
            for a in &g.depressive_prodrome {
                push(a, true, ActionOrigin::DepressiveProdrome);
            }
        }
    }
    out
}
