//! The persisted care log.

use serde::{Deserialize, Serialize};

use super::Entry;
use crate::persist::Persist;

/// A patient's care log: every entry, in arrival order (schema `ipsrt.care_log`, version 1).
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
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        super::CareRecord::replay(self).map(|_| ()).map_err(|e| e.to_string())
    }
}
