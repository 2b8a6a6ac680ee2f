//! Any persisted ipsrt JSON, whatever its type: find its schema, validate and normalise it.
//!
//! Apps that store snapshots (course logs, diaries, plans, ...) can check a stored document
//! before use, or migrate it to the current version, without knowing its type up front.

use ipsrt::persist::{Persist, from_json, to_json};

use crate::error::{IpsrtError, guard};

/// A persisted document's envelope.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SnapshotInfo {
    /// The schema name (`"ipsrt.course"`).
    pub schema: String,
    /// The version it was written at.
    pub version: u64,
    /// Whether this build can read it (known schema, version not newer).
    pub readable: bool,
}

fn normalise<T: Persist>(json: &str) -> Result<String, IpsrtError> {
    let v: T = from_json(json)?;
    Ok(to_json(&v))
}

/// The one list of persisted types: schema name → core type.
macro_rules! for_schema {
    ($schema:expr, $t:ident => $body:expr) => {{
        use ipsrt::{course, episode, group, inventory, ips, ipsrt as rhythm, measures, relapse, srm};
        match $schema {
            "ipsrt.course" => Some({
                type $t = course::CourseLog;
                $body
            }),
            "ipsrt.episode_course" => Some({
                type $t = episode::EpisodeCourse;
                $body
            }),
            "ipsrt.instrument" => Some({
                type $t = measures::Instrument;
                $body
            }),
            "ipsrt.measure_score" => Some({
                type $t = measures::Score;
                $body
            }),
            "ipsrt.inventory" => Some({
                type $t = inventory::Inventory;
                $body
            }),
            "ipsrt.srm_diary" => Some({
                type $t = srm::Diary;
                $body
            }),
            "ipsrt.srm_scoring_options" => Some({
                type $t = srm::ScoringOptions;
                $body
            }),
            "ipsrt.relapse_plan" => Some({
                type $t = relapse::RelapsePlan;
                $body
            }),
            "ipsrt.alert_machine" => Some({
                type $t = relapse::AlertMachine;
                $body
            }),
            "ipsrt.observation_log" => Some({
                type $t = relapse::ObservationLog;
                $body
            }),
            "ipsrt.ipsrt_course" => Some({
                type $t = rhythm::IpsrtCourse;
                $body
            }),
            "ipsrt.rhythm_plan" => Some({
                type $t = rhythm::RhythmPlan;
                $body
            }),
            "ipsrt.life_chart" => Some({
                type $t = rhythm::LifeChart;
                $body
            }),
            "ipsrt.medication_log" => Some({
                type $t = rhythm::MedicationLog;
                $body
            }),
            "ipsrt.group" => Some({
                type $t = group::Group;
                $body
            }),
            "ipsrt.employment_journey" => Some({
                type $t = ips::EmploymentJourney;
                $body
            }),
            "ipsrt.ips_caseload" => Some({
                type $t = ips::Caseload;
                $body
            }),
            "ipsrt.ips_fidelity_review" => Some({
                type $t = ips::FidelityReview;
                $body
            }),
            _ => None,
        }
    }};
}

fn envelope(json: &str) -> Result<(String, u64), IpsrtError> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| IpsrtError::Parse(format!("could not parse the snapshot JSON: {e}")))?;
    let schema = v.get("schema").and_then(|s| s.as_str()).map(str::to_owned);
    let version = v.get("version").and_then(serde_json::Value::as_u64);
    match (schema, version) {
        (Some(s), Some(n)) => Ok((s, n)),
        _ => Err(IpsrtError::Schema(
            "missing envelope: a snapshot looks like {\"schema\": \"ipsrt.<thing>\", \"version\": N, \"data\": ...}; write it with toJson".into(),
        )),
    }
}

/// Reads a document's envelope and whether this build can load it (without loading it).
#[uniffi::export]
pub fn snapshot_info(json: String) -> Result<SnapshotInfo, IpsrtError> {
    guard(|| {
        let (schema, version) = envelope(&json)?;
        let supported: Option<u32> = for_schema!(schema.as_str(), T => <T as Persist>::VERSION);
        let readable = supported.is_some_and(|max| version >= 1 && version <= u64::from(max));
        Ok(SnapshotInfo { schema, version, readable })
    })
}

/// Loads any persisted document (migrating older versions, validating it with the core's
/// rules) and writes it back in the current version's compact form.
#[uniffi::export]
pub fn normalize_snapshot(json: String) -> Result<String, IpsrtError> {
    guard(|| {
        let (schema, _) = envelope(&json)?;
        match for_schema!(schema.as_str(), T => normalise::<T>(&json)) {
            Some(result) => result,
            None => Err(IpsrtError::Schema(format!(
                "unknown schema {schema:?}: this build reads ipsrt.course, ipsrt.srm_diary, ipsrt.relapse_plan, ... (see docs/mobile.md)"
            ))),
        }
    })
}
