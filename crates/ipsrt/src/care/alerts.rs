//! Alert transitions and arrival decisions with their plan version and evidence.

use serde::Serialize;

use super::{CareRecord, DerivedEvidence, Entry};
use crate::relapse::{Decision, Observed, Rule, Transition};

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
    /// The evidence of the derived observations behind the reasons (a data gap: which tasks,
    /// since when, observed on which date), when the log's entries alone do not show it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_evidence: Vec<DerivedEvidence>,
}

/// A decision of the alert machine at an entry's arrival ("what was known when").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRecord {
    /// The entry that arrived (for an observation derived from the log, its id
    /// `derived/<kind>/<date>`).
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
        Rule::MissedOccurrences => &["missed_occurrences"],
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

/// Whether a `missed_occurrences` observation met the threshold of the plan version it was
/// read under (a run below it is no evidence); every other observation passes.
fn runs_at_threshold(record: &CareRecord, te: &crate::relapse::TimelineEntry) -> bool {
    let Observed::MissedOccurrences { count, .. } = &te.observation.observed else { return true };
    let plan = usize::try_from(te.arrival)
        .ok()
        .and_then(|a| record.fed.get(a))
        .and_then(|&(_, k)| record.relapse_plans().get(k));
    plan.is_none_or(|p| *count >= p.plan.alerts.thresholds.missed_occurrences_watch.value)
}

/// The entries behind a transition: for each reason, the observations of its rule's types
/// dated on the reason's date (for time-based reasons, the entry dated on the transition).
pub(crate) fn evidence(record: &CareRecord, entries: &[Entry], t: &Transition) -> (Vec<String>, Vec<DerivedEvidence>) {
    let mut out: Vec<String> = Vec::new();
    let mut derived: Vec<DerivedEvidence> = Vec::new();
    let mut push = |arrival: u64| {
        let Some(&(i, _)) = usize::try_from(arrival).ok().and_then(|a| record.fed.get(a)) else { return };
        if let Some(e) = entries.get(i) {
            if !out.contains(&e.id) {
                out.push(e.id.clone());
            }
        } else if let Some(d) = i.checked_sub(entries.len()).and_then(|k| record.derived_observations().get(k))
            && !derived.contains(&d.evidence)
        {
            derived.push(d.evidence.clone());
        }
    };
    for r in &t.reasons {
        let types = rule_types(r.rule);
        for te in record.machine.timeline() {
            let o = &te.observation;
            let matches = if types.is_empty() {
                o.date == t.date && o.at == t.at
            } else {
                o.date == r.observed_on && types.contains(&o.observed.type_name()) && runs_at_threshold(record, te)
            };
            if matches {
                push(te.arrival);
            }
        }
    }
    (out, derived)
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
            let (evidence, derived_evidence) = evidence(record, entries, t);
            AlertRecord { transition: t.clone(), plan_id, plan_version: t.plan_version, evidence, derived_evidence }
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
            let entry = match entries.get(i) {
                Some(e) => e.id.clone(),
                None => record.derived_observations().get(i.checked_sub(entries.len())?)?.id.clone(),
            };
            Some(DecisionRecord {
                entry,
                plan_id: plan.plan_id.clone(),
                plan_version: plan.version,
                decision: d.clone(),
            })
        })
        .collect()
}
