//! A relapse-prevention plan's contents, typed (the core's `relapse::RelapsePlan` and its
//! parts): warning signs with their stage and actions, triggers, daily maintenance, the crisis
//! and post-crisis plans, contacts, the medication plan, follow-up, and the alert settings with
//! every threshold and the source the core records for it.
//!
//! An app builds a plan with `RelapsePlan.withContents(contents)` (typically
//! `RelapsePlan(date, Region.NL).contents().copy(...)`), reads it with `contents()` and the typed
//! accessors (`signs()`, `findSign(id)`, `thresholds()`), and edits it with `setContents` or
//! `setThresholds`. The core validates every plan (unique sign ids, one entry per trigger,
//! named contacts, crisis contacts, thresholds in range, text limits); a refused plan leaves the
//! object unchanged.
//!
//! The records have the core's serde form (same field names), so a plan goes to the core and
//! back through that form: a field the core refuses (a threshold out of its range) is an
//! `InvalidInput` naming its path (`alerts.thresholds.phq9_rise_watch.value`).

use std::sync::Arc;

use ipsrt::relapse as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, to_core};
use crate::error::{IpsrtError, guard};
use crate::guidance::LevelGuidance;
use crate::life_events::LifeEventKind;
use crate::relapse::{PlanContact, Region, RelapsePlan};
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::LocalDate;

/// Which pole of mood a warning sign belongs to (the core's `relapse::Pole`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SignPole {
    /// A depressive sign (oversleeping, withdrawal, loss of interest, low energy).
    Depressive,
    /// A (hypo)manic sign (less need for sleep, more energy, racing thoughts, spending).
    Manic,
    /// Belongs to neither pole (anxiety or irritability that the person knows as a sign).
    Either,
}

/// Where a warning sign sits in the plan, which decides the alert level it raises (the core's
/// `relapse::SignStage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SignStage {
    /// An early warning sign (`earlyWarningSigns`).
    EarlyWarning,
    /// A sign that things are breaking down (`breakingDown.signs`).
    BreakingDown,
    /// A crisis-plan sign that others should take over (`crisis.takeOverSigns`).
    Crisis,
}

/// Things to do: what the person MUST do and what they MIGHT do (the core's `ActionPlan`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanActions {
    /// Things to do (agreed).
    #[uniffi(default)]
    pub must: Vec<String>,
    /// Things that might help (suggested).
    #[uniffi(default)]
    pub might: Vec<String>,
}

/// A personal warning sign with its actions (the core's `WarningSign`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanWarningSign {
    /// Stable id, unique across the plan; `Observed.WarningSign(id)` refers to it.
    pub id: String,
    /// Which pole of mood.
    pub pole: SignPole,
    /// The sign in the person's own words.
    pub description: String,
    /// What to do when the sign shows.
    pub actions: PlanActions,
}

/// A warning sign with the stage its place in the plan gives it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StagedSign {
    /// The sign.
    pub sign: PlanWarningSign,
    /// Its stage (which alert level it raises).
    pub stage: SignStage,
}

/// A trigger (a life event or rhythm disruptor) with its actions (the core's `Trigger`); one
/// entry per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanTrigger {
    /// The kind of event; `Observed.Trigger(kind, …)` refers to it.
    pub kind: LifeEventKind,
    /// The trigger in the person's own words ("my partner's night shifts").
    pub description: String,
    /// What to do when it happens or is coming.
    pub actions: PlanActions,
}

/// Part 1 of the plan: daily maintenance (the core's `DailyMaintenance`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanDailyMaintenance {
    /// What the person is like when well.
    #[uniffi(default)]
    pub when_well: Vec<String>,
    /// What to do every day (for example the SRM anchors at their target times).
    #[uniffi(default)]
    pub every_day: Vec<String>,
    /// A reminder list of things that might need doing.
    #[uniffi(default)]
    pub reminders: Vec<String>,
}

/// Part 4: when things are breaking down (the core's `BreakingDown`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanBreakingDown {
    /// Signs that things are getting much worse (stage `BREAKING_DOWN`).
    #[uniffi(default)]
    pub signs: Vec<PlanWarningSign>,
    /// What to do.
    pub actions: PlanActions,
}

/// What is acceptable and what to avoid (the core's `Preferences`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanPreferences {
    /// Acceptable or preferred.
    #[uniffi(default)]
    pub acceptable: Vec<String>,
    /// To avoid.
    #[uniffi(default)]
    pub avoid: Vec<String>,
}

/// Part 5: the crisis plan, an advance directive used by others, in its nine parts (the core's
/// `CrisisPlan`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanCrisis {
    /// 1. What the person is like when well.
    #[uniffi(default)]
    pub when_well: Vec<String>,
    /// 2. Symptoms that mean others should take over (stage `CRISIS`).
    #[uniffi(default)]
    pub take_over_signs: Vec<PlanWarningSign>,
    /// 3a. Supporters (names; their numbers are in the plan's contacts).
    #[uniffi(default)]
    pub supporters: Vec<String>,
    /// 3b. People who should not be involved.
    #[uniffi(default)]
    pub not_involved: Vec<String>,
    /// 3c. How disagreements between supporters are settled.
    #[uniffi(default)]
    pub disagreements: String,
    /// 4. Medications acceptable and to avoid (current ones are in the medication plan).
    pub medications: PlanPreferences,
    /// 5. Treatments acceptable and to avoid.
    pub treatments: PlanPreferences,
    /// 6. Home, community care or respite plan.
    #[uniffi(default)]
    pub home_care: Vec<String>,
    /// 7. Treatment facilities preferred and to avoid.
    pub facilities: PlanPreferences,
    /// 8. Help from others: what helps (acceptable) and what does not (avoid).
    pub help_from_others: PlanPreferences,
    /// 9. Signs that the crisis plan is no longer needed.
    #[uniffi(default)]
    pub inactivation: Vec<String>,
}

/// Part 6: the post-crisis plan (the core's `PostCrisisPlan`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanPostCrisis {
    /// How the person will know they are out of the crisis.
    #[uniffi(default)]
    pub out_of_crisis_signs: Vec<String>,
    /// What to do, in order, to get back to daily maintenance.
    #[uniffi(default)]
    pub steps: Vec<String>,
}

/// One medication of the plan (the core's `Medication`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanMedication {
    /// Name.
    pub name: String,
    /// Dose as prescribed ("800 mg").
    #[uniffi(default)]
    pub dose: String,
    /// When, ideally tied to a social-rhythm anchor ("with dinner").
    #[uniffi(default)]
    pub schedule: String,
}

/// The medication plan (the core's `MedicationPlan`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanMedications {
    /// Regular medication.
    #[uniffi(default)]
    pub regular: Vec<PlanMedication>,
    /// Pre-agreed as-needed medication and when to use it.
    #[uniffi(default)]
    pub as_needed: Vec<PlanMedication>,
    /// Agreements (blood levels, whom to call about side effects).
    #[uniffi(default)]
    pub notes: Vec<String>,
}

/// The follow-up agreed at termination (the core's `MaintenanceKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// No planned follow-up (the core's `none`).
    #[serde(rename = "none")]
    NoFollowUp,
    /// Booster sessions.
    Booster,
    /// Maintenance IPT (IPT-M), a new contract.
    IptM,
    /// The IPSRT continuation/maintenance phase.
    IpsrtMaintenance,
}

/// Maintenance arrangements (the core's `Maintenance`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanMaintenance {
    /// What kind of follow-up.
    pub kind: FollowUpKind,
    /// Frequency as agreed ("monthly").
    #[uniffi(default)]
    pub frequency: String,
    /// Until when, if agreed.
    #[uniffi(default)]
    pub until: Option<LocalDate>,
    /// Other agreements.
    #[uniffi(default)]
    pub notes: Vec<String>,
}

/// A whole-number threshold with its source (the core's `Cited<u8>`, `Cited<u16>` or
/// `Cited<i8>`; each threshold's range is the core's and is checked there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct CitedThreshold {
    /// The number.
    pub value: i64,
    /// Where it comes from (`SourceRef("local", "clinic policy 2026", Evidence.DESIGN)` for a
    /// clinic's own number).
    pub source: SourceRef,
}

/// A decimal threshold with its source (the core's `Cited<f64>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct CitedDecimal {
    /// The number.
    pub value: f64,
    /// Where it comes from.
    pub source: SourceRef,
}

/// The numbers that turn observations into alert levels, each with its source (the core's
/// `relapse::AlertThresholds`; see docs/relapse.md for what each does). Start from
/// `defaultAlertThresholds()` or a plan's `thresholds()` and change one with `copy(...)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct AlertThresholds {
    /// Watch: a PHQ-9 rise of at least this many points versus the baseline.
    pub phq9_rise_watch: CitedThreshold,
    /// Early warning after remission: a PHQ-9 total at or above.
    pub phq9_early_warning: CitedThreshold,
    /// Remission: a PHQ-9 total below this.
    pub phq9_remission_below: CitedThreshold,
    /// Early warning with residual symptoms: a PHQ-9 rise over the person's recent level.
    pub phq9_reliable_rise: CitedThreshold,
    /// The recent level is the median of this many latest PHQ-9 totals.
    pub phq9_recent_readings: CitedThreshold,
    /// Breaking down: a PHQ-9 total at or above.
    pub phq9_breaking_down: CitedThreshold,
    /// Watch: an HRSD-17 total at or above.
    pub hrsd_watch: CitedThreshold,
    /// Early warning: an HRSD-17 total at or above.
    pub hrsd_early_warning: CitedThreshold,
    /// Breaking down: an HRSD-17 total at or above.
    pub hrsd_breaking_down: CitedThreshold,
    /// Crisis: HRSD-17 item 3 rated at or above.
    pub hrsd_item3_crisis: CitedThreshold,
    /// Breaking down (same-day safety check): HRSD-17 item 3 rated at or above.
    pub hrsd_item3_check: CitedThreshold,
    /// Early warning: an ASRM total at or above.
    pub asrm_early_warning: CitedThreshold,
    /// Breaking down: the ASRM rose this many times in a row, ending at or above the cut-off.
    pub asrm_rising_results: CitedThreshold,
    /// Early warning: a YMRS total at or above.
    pub ymrs_early_warning: CitedThreshold,
    /// Breaking down: a YMRS total at or above.
    pub ymrs_breaking_down: CitedThreshold,
    /// Early warning: daily mood at or above this rating (−5 to 5) ...
    pub mood_manic_at: CitedThreshold,
    /// ... on at least this many consecutive days.
    pub mood_manic_days: CitedThreshold,
    /// Watch: this many days without a diary entry or measure.
    pub no_entries_watch_days: CitedThreshold,
    /// Watch: this many occurrences of one scheduled task missed in a row.
    pub missed_occurrences_watch: CitedThreshold,
    /// Watch: a weekly SRM score at least this much below the recent mean.
    pub srm_drop_watch: CitedDecimal,
    /// How many recent weeks form the SRM mean.
    pub srm_baseline_weeks: CitedThreshold,
    /// The fewest earlier weeks needed before an SRM drop can be judged.
    pub srm_min_baseline_weeks: CitedThreshold,
    /// Watch: a sleep anchor shifted by at least this many minutes ...
    pub sleep_shift_minutes: CitedThreshold,
    /// ... on at least this many nights ...
    pub sleep_shift_nights: CitedThreshold,
    /// ... within this many days.
    pub sleep_window_days: CitedThreshold,
    /// Early warning: at least this many different early warning signs ...
    pub early_warning_min_signs: CitedThreshold,
    /// ... logged on at least this many different days ...
    pub early_warning_min_days: CitedThreshold,
    /// ... within this many days; a logged sign counts for this long.
    pub sign_window_days: CitedThreshold,
    /// Watch: a trigger counts for this many days after it happened.
    pub trigger_watch_days: CitedThreshold,
    /// Missed medication counts for this many days.
    pub missed_medication_days: CitedThreshold,
    /// De-escalation: the lower level's condition must hold this many days first.
    pub deescalation_days: CitedThreshold,
}

/// A plan's alert settings (the core's `AlertSettings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct PlanAlertSettings {
    /// The thresholds, each with its source.
    pub thresholds: AlertThresholds,
    /// The person's PHQ-9 baseline (0–27; for example at the end of treatment); null: the
    /// first PHQ-9 seen.
    pub phq9_baseline: Option<i32>,
    /// The words shown with each alert level.
    pub guidance: LevelGuidance,
}

/// Everything a relapse-prevention plan holds (the core's `relapse::RelapsePlan`), in the
/// six-part wellness structure plus contacts, medication, follow-up and alert settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct RelapsePlanContents {
    /// The plan's version (1 or more); raise it when the plan is revised.
    pub version: i64,
    /// From when this version applies.
    pub effective_from: LocalDate,
    /// The country whose crisis lines and emergency number are listed at Crisis; null: the plan
    /// lists its own crisis line and emergency number in `contacts`.
    pub region: Option<Region>,
    /// Part 0: the wellness toolbox.
    pub toolbox: Vec<String>,
    /// Part 1: daily maintenance.
    pub daily_maintenance: PlanDailyMaintenance,
    /// Part 2: triggers with their actions.
    pub triggers: Vec<PlanTrigger>,
    /// Part 3: early warning signs with their actions.
    pub early_warning_signs: Vec<PlanWarningSign>,
    /// Part 4: when things are breaking down.
    pub breaking_down: PlanBreakingDown,
    /// Part 5: the crisis plan.
    pub crisis: PlanCrisis,
    /// Part 6: the post-crisis plan.
    pub post_crisis: PlanPostCrisis,
    /// Supporters, clinicians and crisis lines, each listed from an alert level up.
    pub contacts: Vec<PlanContact>,
    /// The medication plan.
    pub medication: PlanMedications,
    /// Follow-up arrangements.
    pub maintenance: PlanMaintenance,
    /// Alert settings: thresholds, PHQ-9 baseline, the words per level.
    pub alerts: PlanAlertSettings,
}

/// Typed contents → the core's plan, checked by the core (`RelapsePlan::validate`).
pub(crate) fn plan_in(contents: &RelapsePlanContents) -> Result<core::RelapsePlan, IpsrtError> {
    let plan: core::RelapsePlan = to_core(contents)?;
    plan.validate()?;
    Ok(plan)
}

/// The core's plan → its typed contents.
pub(crate) fn plan_out(plan: &core::RelapsePlan) -> Result<RelapsePlanContents, IpsrtError> {
    from_core(plan)
}

/// The default alert thresholds, each with its source (what a new plan holds).
#[uniffi::export]
pub fn default_alert_thresholds() -> Result<AlertThresholds, IpsrtError> {
    guard(|| from_core(&core::AlertThresholds::default()))
}

#[uniffi::export]
impl RelapsePlan {
    /// A plan from its typed contents, checked by the core as on load (unique sign ids, one
    /// entry per trigger kind, named contacts, a region or the plan's own crisis line and
    /// emergency number, thresholds in range, text limits); `InvalidInput` says what to fix.
    #[uniffi::constructor]
    pub fn with_contents(contents: RelapsePlanContents) -> Result<Arc<Self>, IpsrtError> {
        guard(|| Ok(Arc::new(RelapsePlan { state: Locked::new(plan_in(&contents)?) })))
    }

    /// Everything the plan holds, typed.
    pub fn contents(&self) -> Result<RelapsePlanContents, IpsrtError> {
        guard(|| self.state.read(plan_out))
    }

    /// Replaces everything the plan holds (typically `contents().copy(...)`). The new plan is
    /// checked as by `withContents`; on error the plan is unchanged.
    pub fn set_contents(&self, contents: RelapsePlanContents) -> Result<(), IpsrtError> {
        guard(|| {
            let plan = plan_in(&contents)?;
            self.state.update(|p| {
                *p = plan;
                Ok(())
            })
        })
    }

    /// Every warning sign of the plan with its stage: early warning signs, then the
    /// breaking-down signs, then the crisis plan's take-over signs.
    pub fn signs(&self) -> Result<Vec<StagedSign>, IpsrtError> {
        guard(|| self.state.read(|p| p.signs().map(|(s, stage)| staged(s, stage)).collect()))
    }

    /// The warning sign with this id and its stage, or null.
    pub fn find_sign(&self, id: String) -> Result<Option<StagedSign>, IpsrtError> {
        guard(|| self.state.read(|p| p.find_sign(&id).map(|(s, stage)| staged(s, stage)).transpose()))
    }

    /// The plan's entry for a kind of trigger, or null.
    pub fn find_trigger(&self, kind: LifeEventKind) -> Result<Option<PlanTrigger>, IpsrtError> {
        guard(|| {
            let kind: ipsrt::life_event::LifeEventKind = to_core(&kind)?;
            self.state.read(|p| p.find_trigger(kind).map(from_core).transpose())
        })
    }

    /// The plan's own contacts (its region's crisis lines are in `crisisContacts()`).
    pub fn contacts(&self) -> Result<Vec<PlanContact>, IpsrtError> {
        guard(|| self.state.read(|p| from_core(&p.contacts)))
    }

    /// The plan's alert thresholds, each with its source.
    pub fn thresholds(&self) -> Result<AlertThresholds, IpsrtError> {
        guard(|| self.state.read(|p| from_core(&p.alerts.thresholds)))
    }

    /// Replaces the plan's alert thresholds (checked by the core; on error the plan is
    /// unchanged).
    pub fn set_thresholds(&self, thresholds: AlertThresholds) -> Result<(), IpsrtError> {
        guard(|| {
            let thresholds: core::AlertThresholds = to_core(&thresholds)?;
            self.state.update(|p| {
                p.alerts.thresholds = thresholds;
                p.validate()?;
                Ok(())
            })
        })
    }
}

fn staged(sign: &core::WarningSign, stage: core::SignStage) -> Result<StagedSign, IpsrtError> {
    Ok(StagedSign { sign: from_core(sign)?, stage: from_core(&stage)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every relapse plan of the shared vectors and the example care record (the richest plans
    /// the project ships).
    fn shipped_plans() -> Vec<serde_json::Value> {
        fn collect(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, item) in map {
                        if k == "plan" && item.get("effective_from").is_some() {
                            out.push(item.clone());
                        } else {
                            collect(item, out);
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
                _ => {}
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(root.join("test-vectors/relapse"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.push(root.join("examples/care_record.json"));
        files.push(root.join("test-vectors/care/entry_kinds.json"));
        for f in files {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            collect(&v, &mut out);
        }
        out
    }

    #[test]
    fn every_shipped_plan_goes_core_to_typed_to_core_unchanged() {
        let plans = shipped_plans();
        assert!(plans.len() >= 10, "{}", plans.len());
        let mut rich = 0;
        for json in plans {
            let plan: core::RelapsePlan = serde_json::from_value(json.clone()).unwrap();
            let typed = plan_out(&plan).unwrap();
            let back: core::RelapsePlan = to_core(&typed).unwrap();
            assert_eq!(back, plan, "{json}");
            if !plan.early_warning_signs.is_empty() || !plan.contacts.is_empty() || !plan.triggers.is_empty() {
                rich += 1;
            }
        }
        assert!(rich > 0, "no shipped plan has signs, triggers or contacts");
    }

    #[test]
    fn a_plan_built_typed_is_checked_by_the_core_and_refusals_change_nothing() {
        let plan = RelapsePlan::new("2026-03-01".parse().unwrap(), Region::Nl).unwrap();
        let mut contents = plan.contents().unwrap();
        assert_eq!(contents.alerts.thresholds.missed_occurrences_watch.value, 3);
        let sign = |id: &str| PlanWarningSign {
            id: id.into(),
            pole: SignPole::Manic,
            description: "sleeping under 6 hours".into(),
            actions: PlanActions { must: vec!["go to bed at 23:00".into()], might: vec![] },
        };
        contents.early_warning_signs.push(sign("less_sleep"));
        contents.triggers.push(PlanTrigger {
            kind: LifeEventKind::ShiftWork,
            description: "night shifts".into(),
            actions: PlanActions::default(),
        });
        plan.set_contents(contents.clone()).unwrap();
        let found = plan.find_sign("less_sleep".into()).unwrap().unwrap();
        assert_eq!(found.stage, SignStage::EarlyWarning);
        assert!(plan.find_trigger(LifeEventKind::ShiftWork).unwrap().is_some());

        // A sign id used twice is refused by the core; the plan keeps its contents.
        let mut twice = contents.clone();
        twice.crisis.take_over_signs.push(sign("less_sleep"));
        let e = plan.set_contents(twice.clone()).unwrap_err();
        assert!(matches!(&e, IpsrtError::InvalidInput(m) if m.contains("used twice")), "{e}");
        assert!(RelapsePlan::with_contents(twice).is_err());
        assert_eq!(plan.contents().unwrap(), contents);

        // A threshold outside the core's range names its path.
        let mut t = plan.thresholds().unwrap();
        t.phq9_rise_watch.value = 300;
        let e = plan.set_thresholds(t).unwrap_err().to_string();
        assert!(e.contains("phq9_rise_watch.value") && e.contains("0 to 255"), "{e}");
        assert_eq!(plan.contents().unwrap(), contents);
        assert_eq!(default_alert_thresholds().unwrap(), contents.alerts.thresholds);
    }
}
