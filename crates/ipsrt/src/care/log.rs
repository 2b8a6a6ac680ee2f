//! The persisted care log.

use serde::{Deserialize, Serialize};

use super::Entry;
use crate::persist::Persist;

/// A patient's care log: every entry, in arrival order (schema `ipsrt.care_log`, version 4).
///
/// This is what an app stores and syncs; [`super::CareRecord::replay`] rebuilds everything
/// else from it. Loading with [`crate::persist::from_json`] replays the log and refuses a log
/// that does not replay (naming the entry, its index and why).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareLog {
    /// The entries, in arrival order.
    pub entries: Vec<Entry>,
}

impl CareLog {
    /// A log of these entries (in arrival order).
    pub fn new(entries: Vec<Entry>) -> CareLog {
        CareLog { entries }
    }
}

impl Persist for CareLog {
    const SCHEMA: &'static str = "ipsrt.care_log";
    const VERSION: u32 = 4;

    /// Version 2: inventory facts that were not assessed are absent
    /// (docs/inventory.md#not-assessed); the default `"middle"`, `"none"` and `false` that
    /// version 1 wrote for a person's `circle`, `conflict` and `confiding` read as not assessed
    /// (docs/decisions.md#inventory-not-assessed).
    ///
    /// Version 3: the relapse plans in `relapse_plan_version` entries carry the threshold
    /// `missed_occurrences_watch` (relapse plan version 3); a version-2 log's plans take its
    /// default.
    ///
    /// Version 4: IPSRT courses in the record (`ipsrt_course_started` and `ipsrt_course_event`
    /// entries). A version-3 log has neither and reads unchanged.
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                crate::inventory::migrate_unassessed_defaults(&mut data);
                Ok(data)
            }
            2 | 3 => Ok(data),
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.check_loaded().map_err(|e| e.to_string())
    }

    /// The replay's error is kept whole (its message names operations in the caller's language).
    fn check_loaded(&self) -> Result<(), crate::persist::LoadRefusal> {
        super::CareRecord::replay(self).map(|_| ()).map_err(crate::persist::LoadRefusal::error)
    }
}
