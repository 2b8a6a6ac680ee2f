//! Conversions between the core's types and their uniffi mirrors, through the core's serde form.
//!
//! A mirror type (a uniffi Record or Enum declared in this crate) has the same serde form as
//! the core type it mirrors (same snake_case names, same `type` tags). Converting through
//! `serde_json::Value` keeps the binding thin (no rule is re-implemented, the core's own
//! validation in `Deserialize` runs) and makes a drift between mirror and core an error, never
//! a silent misread.

use ipsrt::persist::Persist;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::IpsrtError;

/// App → core: a mirror value becomes the core value. A rejection is the app's input error.
pub(crate) fn to_core<M: Serialize, C: DeserializeOwned>(mirror: &M) -> Result<C, IpsrtError> {
    let v = serde_json::to_value(mirror).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))?;
    serde_json::from_value(v).map_err(|e| IpsrtError::InvalidInput(format!("{e}: check the value against the docs")))
}

/// Core → app: a core value becomes its mirror. A failure means the binding is older than the core.
pub(crate) fn from_core<C: Serialize, M: DeserializeOwned>(core: &C) -> Result<M, IpsrtError> {
    let v = serde_json::to_value(core).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))?;
    serde_json::from_value(v)
        .map_err(|e| IpsrtError::internal(format!("the binding does not know a value of the core ({e}); rebuild it")))
}

/// Parses a JSON value in the core's serde form (an event, a rules object, ...).
pub(crate) fn from_json_value<C: DeserializeOwned>(what: &str, json: &str) -> Result<C, IpsrtError> {
    if json.len() > ipsrt::persist::MAX_JSON_BYTES {
        return Err(IpsrtError::Parse(format!("the {what} JSON is larger than the 64 MiB limit")));
    }
    serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            IpsrtError::InvalidInput(format!("invalid {what} JSON: {e}: use the core's serde form (see the docs)"))
        } else {
            IpsrtError::Parse(format!("could not parse the {what} JSON: {e}"))
        }
    })
}

/// Serialises a core value in its serde form (compact).
pub(crate) fn to_json_value<C: Serialize>(value: &C) -> Result<String, IpsrtError> {
    serde_json::to_string(value).map_err(|e| IpsrtError::internal(format!("cannot serialise a value: {e}")))
}

/// Loads a persisted value from its envelope.
pub(crate) fn load<T: Persist>(json: &str) -> Result<T, IpsrtError> {
    Ok(ipsrt::persist::from_json::<T>(json)?)
}

/// Declares the JSON snapshot methods (`fromJson` constructor, `toJson`, `toJsonPretty`) of an
/// Object that wraps a [`Persist`] core value in a `Locked`.
macro_rules! persisted_object {
    ($object:ident, $core:ty) => {
        #[uniffi::export]
        impl $object {
            /// Loads a snapshot written by `toJson` (in any language), checking schema and version.
            #[uniffi::constructor]
            pub fn from_json(json: String) -> Result<std::sync::Arc<Self>, $crate::error::IpsrtError> {
                $crate::error::guard(|| {
                    let value: $core = $crate::bridge::load(&json)?;
                    Ok(std::sync::Arc::new($object { state: $crate::state::Locked::new(value) }))
                })
            }

            /// The snapshot in its versioned envelope (`{"schema": "ipsrt.<thing>", "version": 1, "data": ...}`), compact.
            pub fn to_json(&self) -> Result<String, $crate::error::IpsrtError> {
                $crate::error::guard(|| Ok(self.state.read(|v| ipsrt::persist::to_json(v))))
            }

            /// The snapshot, pretty-printed.
            pub fn to_json_pretty(&self) -> Result<String, $crate::error::IpsrtError> {
                $crate::error::guard(|| Ok(self.state.read(|v| ipsrt::persist::to_json_pretty(v))))
            }
        }
    };
}

pub(crate) use persisted_object;
