//! Any persisted ipsrt JSON, whatever its type: find its schema, validate and normalise it.
//!
//! Apps that store snapshots (course logs, diaries, plans, ...) can check a stored document
//! before use, or migrate it to the current version, without knowing its type up front. The
//! list of persisted types is the core's (`ipsrt::persist::registry`), never repeated here.

use ipsrt::persist::{Registered, check_any, registry};

use crate::error::{IpsrtError, guard};

/// A persisted document's envelope.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SnapshotInfo {
    /// The schema name (`"ipsrt.course"`).
    pub schema: String,
    /// The version it was written at.
    pub version: i64,
    /// Whether this build can read it (known schema, version not newer).
    pub readable: bool,
}

fn registered(schema: &str) -> Option<&'static Registered> {
    registry().iter().find(|r| r.schema == schema)
}

/// The core's own error for a document it cannot load (unknown schema, no envelope, ...).
fn core_error(json: &str) -> IpsrtError {
    match check_any(json) {
        Err(e) => e.into(),
        Ok(schema) => IpsrtError::internal(format!("{schema} loads in the core but not through the binding")),
    }
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
        let readable = registered(&schema).is_some_and(|r| version >= 1 && version <= u64::from(r.version));
        let version = i64::try_from(version).map_err(|_| {
            IpsrtError::Schema(format!(
                "snapshot version {version} is out of range: a version is a whole number from 1 to {}",
                i64::MAX
            ))
        })?;
        Ok(SnapshotInfo { schema, version, readable })
    })
}

/// Loads any persisted document (migrating older versions, validating it with the core's
/// rules) and writes it back in the current version's compact form. The schemas are the
/// core's registry (`ipsrt::persist::registry`); errors are the core's.
#[uniffi::export]
pub fn normalize_snapshot(json: String) -> Result<String, IpsrtError> {
    guard(|| {
        let entry = envelope(&json).ok().and_then(|(schema, _)| registered(&schema));
        match entry {
            Some(r) => Ok((r.reload)(&json)?),
            None => Err(core_error(&json)),
        }
    })
}
