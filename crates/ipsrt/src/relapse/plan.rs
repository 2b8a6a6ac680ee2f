//! The relapse-prevention plan in the six-part wellness structure
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
//! let mut plan = RelapsePlan::new("2026-03-01".parse()?, ipsrt::relapse::Region::Nl);
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
use super::crisis_lines::{CrisisLine, Region, crisis_lines};
use super::thresholds::{AlertThresholds, LevelGuidance};
use crate::life_event::LifeEventKind;
use crate::limits::{Excerpt, MAX_ID_BYTES, MAX_NAME_CHARS, MAX_NOTE_CHARS, check_len};
use crate::persist::Persist;
use crate::source::Source;

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

/// Things to do: what I MUST do and what I MIGHT do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
pub struct BreakingDown {
    /// Signs that things are getting much worse.
    pub signs: Vec<WarningSign>,
    /// What to do.
    pub actions: ActionPlan,
}

/// What is acceptable and what to avoid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Preferences {
    /// Acceptable or preferred.
    pub acceptable: Vec<String>,
    /// To avoid.
    pub avoid: Vec<String>,
}

/// Part 5: the crisis plan (an advance directive used by others), in its nine parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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

    /// Sets the note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Whether the contact is a crisis line or emergency number with a phone number that is
    /// listed at Crisis.
    pub fn is_crisis_contact(&self) -> bool {
        matches!(self.role, ContactRole::CrisisLine | ContactRole::Emergency)
            && self.phone.as_deref().is_some_and(|p| !p.trim().is_empty())
            && self.from_level > AlertLevel::Green
    }
}

/// One medication in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
pub struct AlertSettings {
    /// The numbers (defaults from the spec, each with its source).
    pub thresholds: AlertThresholds,
    /// The person's PHQ-9 baseline (for example at the end of treatment). Without it, a rise is
    /// measured against the first PHQ-9 total. It also sets the remission state the alert
    /// rules start from: below `phq9_remission_below` means in remission, otherwise residual
    /// symptoms; without it the state is unknown until a PHQ-9 is seen (and the absolute
    /// cut-offs apply).
    pub phq9_baseline: Option<u8>,
    /// The plan's words for each level.
    pub guidance: LevelGuidance,
}

/// A relapse-prevention plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelapsePlan {
    /// Version of this plan; raise it when the plan is revised.
    #[serde(default = "one")]
    pub version: u32,
    /// From when this version applies.
    pub effective_from: NaiveDate,
    /// The country whose crisis lines and emergency number are listed at Crisis (from the
    /// directory in [`mod@super::crisis_lines`]). A plan without a region must list its own crisis
    /// line and emergency contacts; there is no default country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
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
    /// An empty plan (version 1) for `region` with the default alert settings. The region's
    /// crisis lines and emergency number (see [`mod@super::crisis_lines`]) are listed at Crisis; no
    /// contact is added to the plan itself. For a region outside the directory, build the plan
    /// with [`RelapsePlan::with_own_crisis_contacts`].
    pub fn new(effective_from: NaiveDate, region: Region) -> Self {
        RelapsePlan { region: Some(region), ..RelapsePlan::without_region(effective_from) }
    }

    /// An empty plan with no region that lists its own crisis and emergency contacts (it
    /// validates only if `contacts` holds at least one crisis line and one emergency number with
    /// phone numbers).
    pub fn with_own_crisis_contacts(effective_from: NaiveDate, contacts: Vec<Contact>) -> Self {
        RelapsePlan { contacts, ..RelapsePlan::without_region(effective_from) }
    }

    fn without_region(effective_from: NaiveDate) -> Self {
        RelapsePlan {
            version: 1,
            effective_from,
            region: None,
            toolbox: Vec::new(),
            daily_maintenance: DailyMaintenance::default(),
            triggers: Vec::new(),
            early_warning_signs: Vec::new(),
            breaking_down: BreakingDown::default(),
            crisis: CrisisPlan::default(),
            post_crisis: PostCrisisPlan::default(),
            contacts: Vec::new(),
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

    /// The contacts listed at `level`: the plan's contacts whose `from_level` is at or below
    /// it, and at Crisis also the region's crisis lines and emergency number (a directory line
    /// whose number the plan already lists is not repeated).
    pub fn contacts_for(&self, level: AlertLevel) -> Vec<Contact> {
        let mut out: Vec<Contact> = self
            .contacts
            .iter()
            .filter(|c| c.from_level <= level && c.from_level > AlertLevel::Green)
            .cloned()
            .collect();
        if level == AlertLevel::Crisis {
            for c in self.region_contacts() {
                if !out.iter().any(|o| o.phone == c.phone) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The crisis lines and emergency numbers of the plan (its own and its region's). An app
    /// should keep them reachable at every level, not only at Crisis: a negative answer to a
    /// safety item does not mean the person is safe.
    pub fn crisis_contacts(&self) -> Vec<Contact> {
        let mut out: Vec<Contact> = self.contacts.iter().filter(|c| c.is_crisis_contact()).cloned().collect();
        for c in self.region_contacts() {
            if !out.iter().any(|o| o.phone == c.phone) {
                out.push(c);
            }
        }
        out
    }

    fn region_contacts(&self) -> Vec<Contact> {
        self.region.map(|r| crisis_lines(r).iter().map(CrisisLine::to_contact).collect()).unwrap_or_default()
    }

    /// The statement to show with alert levels, naming this plan's crisis lines and emergency
    /// numbers.
    pub fn disclaimer(&self) -> String {
        let numbers: Vec<String> = self
            .crisis_contacts()
            .iter()
            .map(|c| format!("{} {}", c.name, c.phone.as_deref().unwrap_or_default()))
            .collect();
        let region = self.region.map(|r| format!(" ({})", r.name())).unwrap_or_default();
        format!("{} In danger, call{region}: {}.", super::DISCLAIMER, numbers.join("; "))
    }

    /// Checks the plan: version ≥ 1, sign ids non-empty and unique across all parts, one
    /// trigger entry per kind, named contacts, a region or the plan's own crisis line and
    /// emergency number, valid thresholds.
    ///
    /// # Errors
    /// [`RelapseError::InvalidPlan`] saying what to fix, or [`RelapseError::InvalidThreshold`].
    pub fn validate(&self) -> Result<(), RelapseError> {
        let bad = |detail: String| Err(RelapseError::InvalidPlan { detail });
        if self.version == 0 {
            return bad("version is 0: plan versions start at 1".into());
        }
        self.check_text_limits()?;
        let mut seen = HashSet::new();
        for (sign, _) in self.signs() {
            if sign.id.trim().is_empty() {
                return bad(format!(
                    "a warning sign ({}) has an empty id: give every sign a short id",
                    Excerpt::new(&sign.description)
                ));
            }
            if !seen.insert(sign.id.as_str()) {
                return bad(format!(
                    "the warning-sign id {} is used twice: ids must be unique across the plan",
                    Excerpt::new(&sign.id)
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
        if self.region.is_none() {
            let has = |role: ContactRole| self.contacts.iter().any(|c| c.role == role && c.is_crisis_contact());
            let missing: Vec<&str> = [(ContactRole::CrisisLine, "crisis_line"), (ContactRole::Emergency, "emergency")]
                .into_iter()
                .filter(|(role, _)| !has(*role))
                .map(|(_, name)| name)
                .collect();
            if !missing.is_empty() {
                return bad(format!(
                    "the plan names no region and lists no {} contact with a phone number: set \"region\" to one of {} (the crisis-line directory), or add the person's own contacts with role {} and a phone number, listed from level crisis or lower",
                    missing.join(" and no "),
                    Region::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", "),
                    missing.join(" and "),
                ));
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

impl RelapsePlan {
    /// Checks every text of the plan against the documented limits (`crate::limits`): sign ids
    /// at most [`MAX_ID_BYTES`] bytes, contact names at most [`MAX_NAME_CHARS`] characters, and
    /// every other text (descriptions, actions, notes, phone numbers) at most
    /// [`MAX_NOTE_CHARS`] characters. The error names the field by its path in the plan's JSON
    /// (`crisis.take_over_signs[0].description`) and quotes only a prefix of the value.
    fn check_text_limits(&self) -> Result<(), RelapseError> {
        let bad = |detail: String| Err(RelapseError::InvalidPlan { detail });
        for (sign, _) in self.signs() {
            if let Err(e) = check_len("warning-sign id", &sign.id, MAX_ID_BYTES, true) {
                return bad(e);
            }
        }
        for c in &self.contacts {
            if let Err(e) = check_len("contact name", &c.name, MAX_NAME_CHARS, false) {
                return bad(e);
            }
        }
        // Every other string, wherever it sits in the plan: walking the JSON form keeps this
        // check complete when a part of the plan gains a text field.
        let value = serde_json::to_value(self).map_err(|e| RelapseError::InvalidPlan {
            detail: format!("the plan cannot be written as JSON ({e}); this is a bug, please report it"),
        })?;
        let mut path = String::new();
        if let Some((field, text)) = first_long_text(&value, &mut path) {
            check_len(&field, text, MAX_NOTE_CHARS, false).map_err(|detail| RelapseError::InvalidPlan { detail })?;
        }
        Ok(())
    }
}

/// The first string in `value` longer than [`MAX_NOTE_CHARS`] characters, with its JSON path.
fn first_long_text<'a>(value: &'a serde_json::Value, path: &mut String) -> Option<(String, &'a str)> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.chars().nth(MAX_NOTE_CHARS).is_some() => Some((path.clone(), s.as_str())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = first_long_text(item, path);
            path.truncate(len);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            let found = first_long_text(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

impl Persist for RelapsePlan {
    const SCHEMA: &'static str = "ipsrt.relapse_plan";
    /// Version 2 adds `region`, the safety and remission-aware thresholds, and refuses unknown
    /// fields. Version 3 adds the threshold `missed_occurrences_watch` (a version-2 plan takes
    /// its default).
    const VERSION: u32 = 3;

    fn migrate(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            // Version 1 plans kept their crisis numbers as contacts (`RelapsePlan::new` used to
            // add the Dutch ones); they stay as they are: no region is guessed.
            1 => Ok(data),
            // Version 2 has no `missed_occurrences_watch`: the default applies.
            2 => Ok(data),
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.validate().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> RelapsePlan {
        RelapsePlan::new("2026-03-01".parse().unwrap(), Region::Nl)
    }

    #[test]
    fn texts_over_the_limits_are_refused_with_a_short_message() {
        let mut p = plan();
        p.early_warning_signs.push(WarningSign::new("x".repeat(10_000), Pole::Manic, "a"));
        let msg = p.validate().unwrap_err().to_string();
        assert!(msg.contains("warning-sign id") && msg.contains("(10000 bytes)"), "{msg}");
        assert!(msg.len() < 400, "{msg}");

        let mut p = plan();
        let mut sign = WarningSign::new("s1", Pole::Depressive, "sleeping late");
        sign.actions = ActionPlan::must(["call my sister", &"y".repeat(1_000_000)]);
        p.crisis.take_over_signs.push(sign);
        let msg = p.validate().unwrap_err().to_string();
        assert!(msg.contains("crisis.take_over_signs[0].actions.must[1]"), "{msg}");
        assert!(msg.contains("(1000000 bytes)") && msg.len() < 400, "{msg}");

        let mut p = plan();
        p.contacts.push(Contact::new("z".repeat(300), ContactRole::Supporter, AlertLevel::Watch));
        let msg = p.validate().unwrap_err().to_string();
        assert!(msg.contains("contact name"), "{msg}");

        // At the limit is fine.
        let mut p = plan();
        p.toolbox.push("w".repeat(MAX_NOTE_CHARS));
        assert!(p.validate().is_ok());
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
        assert_eq!(p.crisis_contacts().len(), 2);
    }

    #[test]
    fn minimal_json_loads_with_defaults() {
        let p: RelapsePlan = serde_json::from_str(r#"{"effective_from":"2026-03-01","region":"NL"}"#).unwrap();
        assert_eq!(p.version, 1);
        assert_eq!(p.alerts.thresholds, AlertThresholds::default());
        p.validate().unwrap();
    }

    #[test]
    fn a_plan_without_region_or_own_crisis_contacts_is_refused() {
        let p: RelapsePlan = serde_json::from_str(r#"{"effective_from":"2026-03-01"}"#).unwrap();
        let e = p.validate().unwrap_err().to_string();
        assert!(e.contains("region") && e.contains("crisis_line") && e.contains("emergency"), "{e}");
        let own = RelapsePlan::with_own_crisis_contacts(
            "2026-03-01".parse().unwrap(),
            vec![
                Contact::new("Local line", ContactRole::CrisisLine, AlertLevel::Crisis).with_phone("123"),
                Contact::new("Emergency", ContactRole::Emergency, AlertLevel::Crisis).with_phone("112"),
            ],
        );
        own.validate().unwrap();
        let mut half = own.clone();
        half.contacts.pop();
        assert!(half.validate().unwrap_err().to_string().contains("no emergency"));
    }

    #[test]
    fn region_lines_are_listed_at_crisis_and_in_the_disclaimer() {
        let p = RelapsePlan::new("2026-03-01".parse().unwrap(), Region::Us);
        assert!(p.contacts_for(AlertLevel::Crisis).iter().any(|c| c.phone.as_deref() == Some("988")));
        assert!(p.disclaimer().contains("988") && p.disclaimer().contains("911"), "{}", p.disclaimer());
        assert!(!p.disclaimer().contains("113"));
    }

    #[test]
    fn misspelt_plan_fields_are_refused() {
        for bad in [
            r#"{"effective_from":"2026-03-01","region":"NL","contact":[]}"#,
            r#"{"effective_from":"2026-03-01","region":"NL","alerts":{"thresholds":{"phq9_earlywarning":{"value":14,"source":{"key":"local","locator":"x","evidence":"design"}}}}}"#,
        ] {
            let e = serde_json::from_str::<RelapsePlan>(bad).unwrap_err().to_string();
            assert!(e.contains("unknown field"), "{e}");
        }
    }
}
