//! Alert transitions and arrival decisions with their plan version and evidence.

use serde::Serialize;

use super::{CareRecord, Entry};
use crate::relapse::{Decision, Rule, Transition};

/// One level change of the date-ordered alert history, with the relapse-plan version it was
/// evaluated under and the entries that raised it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertRecord {
    /// The transition (date, from, to, reasons, actions, contacts, plan version).
    pub transition: Transition,
    /// The plan id whose version was in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The plan version in force.
    pub plan_version: u32,
    /// The entry ids of the observations behind the reasons.
    pub evidence: Vec<String>,
}

/// A decision of the alert machine at an entry's arrival ("what was known when").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRecord {
    /// The entry that arrived.
    pub entry: String,
    /// The plan id in force at its arrival.
    pub plan_id: String,
    /// The plan version in force at its arrival.
    pub plan_version: u32,
    /// What the machine decided (late, retrospective, from, to, reasons).
    pub decision: Decision,
}

/// The observation types a rule reads (empty: the rule reads no single observation).
fn rule_types(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::Phq9Item9 | Rule::Phq9Total | Rule::Phq9Rise | Rule::Phq9ReliableRise => &["phq9"],
        Rule::HrsdItem3 | Rule::HrsdTotal => &["hrsd"],
        Rule::EpdsItem10 => &["epds"],
        Rule::Phq9mSuicide => &["phq9m"],
        Rule::CssrsRisk => &["cssrs_screener"],
        Rule::CrisisSign | Rule::EarlyWarningSigns | Rule::EarlyWarningSign | Rule::BreakingDownSign => {
            &["warning_sign"]
        }
        Rule::MoodManicDays => &["daily_mood"],
        Rule::NoRecentEntries => &["no_recent_entries"],
        Rule::AsrmTotal | Rule::AsrmRising => &["asrm"],
        Rule::YmrsTotal => &["ymrs"],
        Rule::SrmDrop => &["srm_week"],
        Rule::SleepShift => &["sleep_shift"],
        Rule::Trigger => &["trigger"],
        Rule::MissedMedication | Rule::MissedMedicationWithSymptoms => &["missed_medication"],
        Rule::ClinicianAcknowledged => &["acknowledged"],
        _ => &[],
    }
}

/// The entries behind a transition: for each reason, the observations of its rule's types
/// dated on the reason's date (for time-based reasons, the entry dated on the transition).
pub(crate) fn evidence(record: &CareRecord, entries: &[Entry], t: &Transition) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |arrival: u64| {
        let id = usize::try_from(arrival)
            .ok()
            .and_then(|a| record.fed.get(a))
            .and_then(|(i, _)| entries.get(*i))
            .map(|e| e.id.clone());
        if let Some(id) = id
            && !out.contains(&id)
        {
            out.push(id);
        }
    };
    for r in &t.reasons {
        let types = rule_types(r.rule);
        for te in record.machine.timeline() {
            let o = &te.observation;
            let matches = if types.is_empty() {
                o.date == t.date && o.at == t.at
            } else {
                o.date == r.observed_on && types.contains(&o.observed.type_name())
            };
            if matches {
                push(te.arrival);
            }
        }
    }
    out
}

pub(crate) fn alert_records(record: &CareRecord, entries: &[Entry]) -> Vec<AlertRecord> {
    record
        .machine
        .history()
        .iter()
        .map(|t| {
            let plan_id = record
                .plan_in_force()
                .filter(|p| p.version == t.plan_version)
                .or_else(|| record.relapse_plans().iter().rev().find(|p| p.version == t.plan_version))
                .map(|p| p.plan_id.clone());
            AlertRecord {
                transition: t.clone(),
                plan_id,
                plan_version: t.plan_version,
                evidence: evidence(record, entries, t),
            }
        })
        .collect()
}

pub(crate) fn decision_records(record: &CareRecord, entries: &[Entry]) -> Vec<DecisionRecord> {
    record
        .machine
        .decisions()
        .iter()
        .filter_map(|d| {
            let (i, k) = usize::try_from(d.arrival).ok().and_then(|a| record.fed.get(a)).copied()?;
            let plan = record.relapse_plans().get(k)?;
            Some(DecisionRecord {
                entry: entries.get(i)?.id.clone(),
                plan_id: plan.plan_id.clone(),
                plan_version: plan.version,
                decision: d.clone(),
            })
        })
        .collect()
}
