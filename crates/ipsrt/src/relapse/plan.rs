//! The relapse-prevention plan (docs/relapse.md#the-plan) in the six-part wellness structure of docs/relapse.md#the-plan
//! (Copeland 1997; the trademarked name of that structure is deliberately not used).
//!
//! The parts: a wellness toolbox, **daily maintenance**, **triggers** with their action plans,
//! **early warning signs** with their action plans, **when things are breaking down**, the
//! **crisis plan** in nine parts, and the **post-crisis plan**. Around them: contacts
//! (supporters, clinician, crisis line), the medication plan, maintenance arrangements
//! (IPT-M or boosters) and the alert settings that drive [`super::AlertMachine`].
//!
//! ```
//! use ipsrt::relapse::{ActionPlan, Pole, RelapsePlan, WarningSign};
//!
//! let mut plan = RelapsePlan::new("2026-03-01".parse()?);
//! plan.early_warning_signs.push(WarningSign::new("less_sleep", Pole::Manic, "Sleeping under 6 hours")
//!     .with_actions(ActionPlan::must(["Go to bed at 23:00", "Cancel evening plans"])));
//! plan.validate()?;
//! assert_eq!(plan.find_sign("less_sleep").map(|(_, stage)| stage), Some(ipsrt::relapse::SignStage::EarlyWarning));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RelapseError;
use super::alert::AlertLevel;
use super::thresholds::{AlertThresholds, LevelGuidance};
use crate::life_event::LifeEventKind;
use crate::persist::Persist;
use crate::source::{Evidence, Source};

/// Which pole of mood a sign belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pole {
    /// A depressive sign (oversleeping, withdrawal, loss of interest, low energy).
    Depressive,
    /// A (hypo)manic sign (less need for sleep, more energy, racing thoughts, spending).
    Manic,
    /// Belongs to neither pole (for example anxiety or irritability that the person knows as a sign).
    Either,
}

/// Where a warning sign sits in the plan, which decides the alert level it raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignStage {
    /// An early warning sign: internal, subtle change (part 3).
    EarlyWarning,
    /// A sign that things are breaking down (part 4).
    BreakingDown,
    /// A crisis-plan sign that others should take over (part 5, crisis part 2).
    Crisis,
}

/// Things to do: what I MUST do and what I MIGHT do (docs/relapse.md#the-plan).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionPlan {
    /// Things I must do.
    pub must: Vec<String>,
    /// Things I might do.
    pub might: Vec<String>,
}

impl ActionPlan {
    /// An action plan of must-do items.
    pub fn must<I, S>(items: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ActionPlan { must: items.into_iter().map(Into::into).collect(), might: Vec::new() }
    }

    /// Adds might-do items.
    pub fn and_might<I, S>(mut self, items: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.might.extend(items.into_iter().map(Into::into));
        self
    }

    /// Whether the plan has no item.
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.might.is_empty()
    }
}

/// A personal warning sign with its coping actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningSign {
    /// Stable id, unique in the plan; observations refer to the sign by it.
    pub id: String,
    /// Which pole of mood.
    pub pole: Pole,
    /// The sign in the person's own words.
    pub description: String,
    /// What to do when the sign shows.
    #[serde(default)]
    pub actions: ActionPlan,
}

impl WarningSign {
    /// A sign with no actions yet.
    pub fn new(id: impl Into<String>, pole: Pole, description: impl Into<String>) -> Self {
        WarningSign { id: id.into(), pole, description: description.into(), actions: ActionPlan::default() }
    }

    /// Sets the sign's actions.
    pub fn with_actions(mut self, actions: ActionPlan) -> Self {
        self.actions = actions;
        self
    }
}

/// A trigger (an external event: life event or rhythm disruptor) with its action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The kind of event (from [`crate::life_event`]).
    pub kind: LifeEventKind,
    /// The trigger in the person's own words ("my partner's night shifts").
    #[serde(default)]
    pub description: String,
    /// What to do when it happens or is coming.
    #[serde(default)]
    pub actions: ActionPlan,
}

/// Part 1: daily maintenance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DailyMaintenance {
    /// What I am like when I am well.
    pub when_well: Vec<String>,
    /// What I must do every day (for example the SRM anchors at their target times).
    pub every_day: Vec<String>,
    /// A reminder list of things I might need to do.
    pub reminders: Vec<String>,
}

/// Part 4: when things are breaking down.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BreakingDown {
    /// Signs that things are getting much worse.
    pub signs: Vec<WarningSign>,
    /// What to do.
    pub actions: ActionPlan,
}

/// What is acceptable and what to avoid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Acceptable or preferred.
    pub acceptable: Vec<String>,
    /// To avoid.
    pub avoid: Vec<String>,
}

/// Part 5: the crisis plan (an advance directive used by others), in its nine parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrisisPlan {
    /// 1. What I'm like when I'm well.
    pub when_well: Vec<String>,
    /// 2. Symptoms that mean others should take over.
    pub take_over_signs: Vec<WarningSign>,
    /// 3a. Supporters (names; their numbers are in [`RelapsePlan::contacts`]).
    pub supporters: Vec<String>,
    /// 3b. People who should not be involved.
    pub not_involved: Vec<String>,
    /// 3c. How disagreements between supporters are settled.
    pub disagreements: String,
    /// 4. Medications: current ones are in [`RelapsePlan::medication`]; acceptable and to avoid here.
    pub medications: Preferences,
    /// 5. Treatments: acceptable and to avoid.
    pub treatments: Preferences,
    /// 6. Home, community care or respite plan.
    pub home_care: Vec<String>,
    /// 7. Treatment facilities: preferred and to avoid.
    pub facilities: Preferences,
    /// 8. Help from others: what helps (acceptable) and what does not (avoid).
    pub help_from_others: Preferences,
    /// 9. Inactivating the plan: signs that it is no longer needed.
    pub inactivation: Vec<String>,
}

/// Part 6: the post-crisis plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostCrisisPlan {
    /// How I will know I am out of the crisis.
    pub out_of_crisis_signs: Vec<String>,
    /// What to do, in order, to get back to the daily maintenance plan.
    pub steps: Vec<String>,
}

/// A contact's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// A person who supports (partner, friend, family).
    Supporter,
    /// The therapist or general practitioner.
    Clinician,
    /// The psychiatrist (medication review).
    Psychiatrist,
    /// A crisis or suicide-prevention line.
    CrisisLine,
    /// The emergency number.
    Emergency,
}

/// Someone to contact, and from which alert level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name (or service name).
    pub name: String,
    /// Role.
    pub role: ContactRole,
    /// Telephone number(s) as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Notes (hours, what they agreed to do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The lowest alert level at which this contact is listed with a transition (a contact
    /// `from_level` Green is kept in the plan but never listed with an alert).
    pub from_level: AlertLevel,
    /// Where a service number comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Contact {
    /// A contact listed from `from_level` up.
    pub fn new(name: impl Into<String>, role: ContactRole, from_level: AlertLevel) -> Self {
        Contact { name: name.into(), role, phone: None, note: None, from_level, source: None }
    }

    /// Sets the phone number.
    pub fn with_phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }

    /// The Dutch crisis contacts named in docs/decisions.md#crisis-lines: 113 Zelfmoordpreventie (113 or 0800-0113)
    /// and the emergency number 112, both listed at [`AlertLevel::Crisis`].
    pub fn netherlands_crisis_lines() -> Vec<Contact> {
        let src = Source::new(
            "ipsrt-design",
            "docs/decisions.md#crisis-lines: NL 113 / 0800-0113, emergency 112",
            Evidence::Design,
        );
        vec![
            Contact {
                name: "113 Zelfmoordpreventie".into(),
                role: ContactRole::CrisisLine,
                phone: Some("113 or 0800-0113".into()),
                note: Some("24/7 suicide-prevention line".into()),
                from_level: AlertLevel::Crisis,
                source: Some(src.clone()),
            },
            Contact {
                name: "Emergency".into(),
                role: ContactRole::Emergency,
                phone: Some("112".into()),
                note: None,
                from_level: AlertLevel::Crisis,
                source: Some(src),
            },
        ]
    }
}

/// One medication in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Medication {
    /// Name.
    pub name: String,
    /// Dose as prescribed ("800 mg").
    #[serde(default)]
    pub dose: String,
    /// When, ideally tied to a social-rhythm anchor ("with dinner").
    #[serde(default)]
    pub schedule: String,
}

/// The medication plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MedicationPlan {
    /// Regular medication.
    pub regular: Vec<Medication>,
    /// Pre-agreed as-needed medication and when to use it.
    pub as_needed: Vec<Medication>,
    /// Agreements (blood levels, who to call about side effects).
    pub notes: Vec<String>,
}

/// The kind of follow-up agreed at termination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceKind {
    /// No planned follow-up.
    None,
    /// Booster sessions.
    Booster,
    /// Maintenance IPT (IPT-M), a new contract.
    IptM,
    /// IPSRT continuation/maintenance phase.
    IpsrtMaintenance,
}

/// Maintenance arrangements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maintenance {
    /// What kind.
    pub kind: MaintenanceKind,
    /// Frequency as agreed ("monthly").
    #[serde(default)]
    pub frequency: String,
    /// Until when, if agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Other agreements.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Default for Maintenance {
    fn default() -> Self {
        Maintenance { kind: MaintenanceKind::None, frequency: String::new(), until: None, notes: Vec::new() }
    }
}

/// The alert settings of a plan: thresholds, the person's baseline and the words per level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertSettings {
    /// The numbers (defaults from the spec, each with its source).
    pub thresholds: AlertThresholds,
    /// The person's PHQ-9 baseline (for example at the end of treatment). Without it, a rise is
    /// measured against the previous PHQ-9 total.
    pub phq9_baseline: Option<u8>,
    /// The plan's words for each level.
    pub guidance: LevelGuidance,
}

/// A relapse-prevention plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelapsePlan {
    /// Version of this plan; raise it when the plan is revised.
    #[serde(default = "one")]
    pub version: u32,
    /// From when this version applies.
    pub effective_from: NaiveDate,
    /// Part 0: the wellness toolbox: things that help me stay well or feel better.
    #[serde(default)]
    pub toolbox: Vec<String>,
    /// Part 1: daily maintenance.
    #[serde(default)]
    pub daily_maintenance: DailyMaintenance,
    /// Part 2: triggers and their action plans.
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Part 3: early warning signs and their action plans.
    #[serde(default)]
    pub early_warning_signs: Vec<WarningSign>,
    /// Part 4: when things are breaking down.
    #[serde(default)]
    pub breaking_down: BreakingDown,
    /// Part 5: the crisis plan.
    #[serde(default)]
    pub crisis: CrisisPlan,
    /// Part 6: the post-crisis plan.
    #[serde(default)]
    pub post_crisis: PostCrisisPlan,
    /// Supporters, clinicians and crisis lines.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Medication plan.
    #[serde(default)]
    pub medication: MedicationPlan,
    /// Maintenance arrangements.
    #[serde(default)]
    pub maintenance: Maintenance,
    /// Alert settings.
    #[serde(default)]
    pub alerts: AlertSettings,
}

fn one() -> u32 {
    1
}

impl RelapsePlan {
    /// An empty plan (version 1) with the default alert settings and the Dutch crisis lines.
    pub fn new(effective_from: NaiveDate) -> Self {
        RelapsePlan {
            version: 1,
            effective_from,
            toolbox: Vec::new(),
            daily_maintenance: DailyMaintenance::default(),
            triggers: Vec::new(),
            early_warning_signs: Vec::new(),
            breaking_down: BreakingDown::default(),
            crisis: CrisisPlan::default(),
            post_crisis: PostCrisisPlan::default(),
            contacts: Contact::netherlands_crisis_lines(),
            medication: MedicationPlan::default(),
            maintenance: Maintenance::default(),
            alerts: AlertSettings::default(),
        }
    }

    /// Every warning sign in the plan with its stage.
    pub fn signs(&self) -> impl Iterator<Item = (&WarningSign, SignStage)> {
        self.early_warning_signs
            .iter()
            .map(|s| (s, SignStage::EarlyWarning))
            .chain(self.breaking_down.signs.iter().map(|s| (s, SignStage::BreakingDown)))
            .chain(self.crisis.take_over_signs.iter().map(|s| (s, SignStage::Crisis)))
    }

    /// The warning sign with this id, and its stage.
    pub fn find_sign(&self, id: &str) -> Option<(&WarningSign, SignStage)> {
        self.signs().find(|(s, _)| s.id == id)
    }

    /// The trigger entry for this kind of event, if the plan has one.
    pub fn find_trigger(&self, kind: LifeEventKind) -> Option<&Trigger> {
        self.triggers.iter().find(|t| t.kind == kind)
    }

    /// The contacts listed at `level` (those whose `from_level` is at or below it).
    pub fn contacts_for(&self, level: AlertLevel) -> Vec<&Contact> {
        self.contacts.iter().filter(|c| c.from_level <= level && c.from_level > AlertLevel::Green).collect()
    }

    /// Checks the plan: version ≥ 1, sign ids non-empty and unique across all parts, one
    /// trigger entry per kind, named contacts, valid thresholds.
    ///
    /// # Errors
    /// [`RelapseError::InvalidPlan`] saying what to fix, or [`RelapseError::InvalidThreshold`].
    pub fn validate(&self) -> Result<(), RelapseError> {
        let bad = |detail: String| Err(RelapseError::InvalidPlan { detail });
        if self.version == 0 {
            return bad("version is 0: plan versions start at 1".into());
        }
        let mut seen = HashSet::new();
        for (sign, _) in self.signs() {
            if sign.id.trim().is_empty() {
                return bad(format!(
                    "a warning sign ({:?}) has an empty id: give every sign a short id",
                    sign.description
                ));
            }
            if !seen.insert(sign.id.as_str()) {
                return bad(format!(
                    "the warning-sign id {:?} is used twice: ids must be unique across the plan",
                    sign.id
                ));
            }
        }
        let mut kinds = HashSet::new();
        for t in &self.triggers {
            if !kinds.insert(t.kind) {
                return bad(format!("the trigger {:?} is listed twice: merge the two entries", t.kind));
            }
        }
        for c in &self.contacts {
            if c.name.trim().is_empty() {
                return bad("a contact has no name: name every contact".into());
            }
        }
        if let Some(b) = self.alerts.phq9_baseline
            && b > 27
        {
            return bad(format!("the PHQ-9 baseline {b} is out of range: give a total from 0 to 27"));
        }
        self.alerts.thresholds.validate()
    }
}

impl Persist for RelapsePlan {
    const SCHEMA: &'static str = "ipsrt.relapse_plan";
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        self.validate().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> RelapsePlan {
        RelapsePlan::new("2026-03-01".parse().unwrap())
    }

    #[test]
    fn duplicate_sign_ids_across_parts_are_rejected() {
        let mut p = plan();
        p.early_warning_signs.push(WarningSign::new("x", Pole::Manic, "a"));
        p.crisis.take_over_signs.push(WarningSign::new("x", Pole::Depressive, "b"));
        assert!(matches!(p.validate(), Err(RelapseError::InvalidPlan { .. })));
        p.crisis.take_over_signs[0].id = "y".into();
        p.validate().unwrap();
        assert_eq!(p.find_sign("y").map(|(_, s)| s), Some(SignStage::Crisis));
    }

    #[test]
    fn crisis_lines_only_at_crisis() {
        let p = plan();
        assert!(p.contacts_for(AlertLevel::BreakingDown).is_empty());
        assert_eq!(p.contacts_for(AlertLevel::Crisis).len(), 2);
    }

    #[test]
    fn minimal_json_loads_with_defaults() {
        let p: RelapsePlan = serde_json::from_str(r#"{"effective_from":"2026-03-01"}"#).unwrap();
        assert_eq!(p.version, 1);
        assert_eq!(p.alerts.thresholds, AlertThresholds::default());
        p.validate().unwrap();
    }
}
