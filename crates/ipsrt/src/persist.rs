//! The stable, versioned JSON form of everything a user may store.
//!
//! Every persisted type implements [`Persist`]: it names its schema (`"ipsrt.course"`) and the
//! version this build writes. [`to_json`] wraps the value in an envelope:
//!
//! ```json
//! {"schema": "ipsrt.course", "version": 1, "data": { ... }}
//! ```
//!
//! [`from_json`] checks the schema name, refuses a version newer than this build reads (with
//! an error that says to upgrade, never a silent misread), and migrates older versions step by
//! step through [`Persist::migrate`] before deserialising. Frozen fixtures of every version
//! live in `test-vectors/persist/` and are loaded by the test-suite, so a later version always
//! reads what an earlier one wrote.
//!
//! Hostile input is bounded: documents larger than [`MAX_JSON_BYTES`] are refused before
//! parsing, and nesting deeper than serde_json's limit of 128 is a parse error.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ErrorKind;
use crate::limits::{Excerpt, bound_message};

/// The largest JSON document [`from_json`] accepts (64 MiB).
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

/// Errors from loading persisted JSON.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PersistError {
    /// The text is not valid JSON, or does not have the shape of the type.
    #[error(
        "could not read {schema} JSON: {detail}. Check that the file is complete and was written by ipsrt ({op})",
        op = crate::operation::Operation::ToJson
    )]
    Malformed {
        /// The schema that was expected.
        schema: &'static str,
        /// serde_json's description, with line and column (quoted input in it is cut by
        /// [`bound_message`]).
        detail: String,
    },
    /// The envelope names another schema.
    #[error("this is {} JSON, not {expected:?}: load it with the matching type", Excerpt::new(found))]
    WrongSchema {
        /// The schema the caller asked for.
        expected: &'static str,
        /// The schema found in the document.
        found: String,
    },
    /// The envelope names a schema that no type of this build reads.
    #[error(
        "unknown schema {}: this build of ipsrt reads {known}; check the file, or upgrade ipsrt if a newer version wrote it",
        Excerpt::new(found),
        known = registry().iter().map(|r| r.schema).collect::<Vec<_>>().join(", ")
    )]
    UnknownSchema {
        /// The schema found in the document.
        found: String,
    },
    /// One element of a JSON list (an event of a course log, an observation) could not be read:
    /// names the element's index, the field and the value.
    #[error("{}", element_message(list, *index, field, value.as_deref(), reason))]
    Element {
        /// What the list holds (`"event"`, `"observation"`).
        list: &'static str,
        /// The element's index, counting from 0.
        index: usize,
        /// The path of the field inside the element (`"date"`, `"event.person"`), empty when the
        /// element itself is wrong.
        field: String,
        /// The offending value as JSON, already cut to a short excerpt.
        value: Option<String>,
        /// Why it was refused (serde's message, bounded).
        reason: String,
    },
    /// The document has no `schema`/`version` envelope.
    #[error(
        "missing envelope: {expected} JSON must look like {{\"schema\": \"{expected}\", \"version\": N, \"data\": ...}}; write it with {op}",
        op = crate::operation::Operation::ToJson
    )]
    MissingEnvelope {
        /// The schema the caller asked for.
        expected: &'static str,
    },
    /// The document was written by a newer version of ipsrt.
    #[error(
        "{schema} version {found} was written by a newer ipsrt; this build reads versions up to {supported}: upgrade ipsrt to load it"
    )]
    NewerVersion {
        /// The schema.
        schema: &'static str,
        /// The version in the document.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// An old version that this build has no migration for.
    #[error(
        "{schema} version {found} cannot be migrated to version {supported}: {detail}; check the version number in the file, or load it with the ipsrt release that wrote it"
    )]
    Migration {
        /// The schema.
        schema: &'static str,
        /// The version in the document.
        found: u64,
        /// The version this build writes.
        supported: u32,
        /// What went wrong.
        detail: String,
    },
    /// The document is larger than [`MAX_JSON_BYTES`].
    #[error(
        "the {schema} document is {size} bytes, more than the {limit}-byte limit: split it, or check that this is the right file"
    )]
    TooLarge {
        /// The schema.
        schema: &'static str,
        /// The document's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The data deserialised, but breaks a rule of the type (for example an event log that
    /// does not replay).
    #[error(
        "{schema} JSON is well-formed but invalid: {detail} (fix the stored value, or save the value again with {op})",
        op = crate::operation::Operation::ToJson
    )]
    Invalid {
        /// The schema.
        schema: &'static str,
        /// What rule was broken.
        detail: LoadRefusal,
    },
}

/// Why a document that deserialised breaks a rule of its type ([`PersistError::Invalid`]): the
/// type's words, or an error of the core kept whole (an event of a stored log that does not
/// replay), whose message is written only when shown, so a binding names the operations in it
/// its own way. Either is cut by [`bound_message`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadRefusal {
    /// The type's own words.
    Text(String),
    /// An error of the core.
    Error(Box<crate::Error>),
}

impl LoadRefusal {
    /// An error of the core, kept whole.
    pub fn error(e: impl Into<crate::Error>) -> Self {
        LoadRefusal::Error(Box::new(e.into()))
    }
}

impl std::fmt::Display for LoadRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadRefusal::Text(text) => f.write_str(&bound_message(text)),
            LoadRefusal::Error(e) => f.write_str(&bound_message(&e.to_string())),
        }
    }
}

impl From<String> for LoadRefusal {
    fn from(text: String) -> Self {
        LoadRefusal::Text(text)
    }
}

impl PersistError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            PersistError::Malformed { .. } | PersistError::TooLarge { .. } => ErrorKind::Parse,
            PersistError::Invalid { .. } | PersistError::Element { .. } => ErrorKind::InvalidInput,
            PersistError::WrongSchema { .. }
            | PersistError::UnknownSchema { .. }
            | PersistError::MissingEnvelope { .. }
            | PersistError::NewerVersion { .. }
            | PersistError::Migration { .. } => ErrorKind::Schema,
        }
    }
}

/// A type with a stable, versioned JSON form.
pub trait Persist: Serialize + DeserializeOwned {
    /// The schema name, `"ipsrt.<thing>"`.
    const SCHEMA: &'static str;
    /// The version this build writes (starts at 1; bump it when the form changes and add a
    /// migration plus a frozen fixture of the old version).
    const VERSION: u32;

    /// Migrates `data` written at version `from` to version `from + 1`. The default has no
    /// migrations (right while [`Persist::VERSION`] is 1).
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!("no migration from version {from} is known"))
    }

    /// Checks rules that the serde form alone cannot express, after loading. The default
    /// accepts everything.
    fn validate_loaded(&self) -> Result<(), String> {
        Ok(())
    }

    /// The check [`from_json`] runs after loading: [`Persist::validate_loaded`], with its
    /// words. A type whose check meets an error of the core (a stored log replayed) overrides
    /// it to keep that error whole ([`LoadRefusal::Error`]), so the message names operations in
    /// the caller's language.
    fn check_loaded(&self) -> Result<(), LoadRefusal> {
        self.validate_loaded().map_err(LoadRefusal::Text)
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: &'static str,
    version: u32,
    data: &'a T,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    schema: String,
    version: u64,
    data: Value,
}

/// Serialises a value in its versioned envelope (compact JSON).
pub fn to_json<T: Persist>(value: &T) -> String {
    let env = EnvelopeOut { schema: T::SCHEMA, version: T::VERSION, data: value };
    // Serialising plain data structs to a String cannot fail (no maps with non-string keys,
    // no I/O); fall back to an explicit null envelope rather than panicking.
    serde_json::to_string(&env)
        .unwrap_or_else(|_| format!("{{\"schema\":\"{}\",\"version\":{},\"data\":null}}", T::SCHEMA, T::VERSION))
}

/// Serialises a value in its versioned envelope, pretty-printed.
pub fn to_json_pretty<T: Persist>(value: &T) -> String {
    let env = EnvelopeOut { schema: T::SCHEMA, version: T::VERSION, data: value };
    serde_json::to_string_pretty(&env).unwrap_or_else(|_| to_json(value))
}

/// Loads a value from its versioned envelope, migrating older versions.
pub fn from_json<T: Persist>(text: &str) -> Result<T, PersistError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(PersistError::TooLarge { schema: T::SCHEMA, size: text.len(), limit: MAX_JSON_BYTES });
    }
    let raw: Value = serde_json::from_str(text)
        .map_err(|e| PersistError::Malformed { schema: T::SCHEMA, detail: serde_detail(&e) })?;
    from_value(raw)
}

/// Loads a value from raw bytes (what a file or a binding hands over): like [`from_json`], but
/// bytes that are not UTF-8 are a [`PersistError::Malformed`] error that says where.
///
/// ```
/// use ipsrt::persist::{from_json_slice, PersistError};
/// use ipsrt::srm::ScoringOptions;
/// let e = from_json_slice::<ScoringOptions>(b"{\"schema\": \"\xff\"}").unwrap_err();
/// assert!(matches!(e, PersistError::Malformed { .. }));
/// assert!(e.to_string().contains("UTF-8"));
/// ```
pub fn from_json_slice<T: Persist>(bytes: &[u8]) -> Result<T, PersistError> {
    from_json(utf8(T::SCHEMA, bytes)?)
}

fn utf8<'a>(schema: &'static str, bytes: &'a [u8]) -> Result<&'a str, PersistError> {
    if bytes.len() > MAX_JSON_BYTES {
        return Err(PersistError::TooLarge { schema, size: bytes.len(), limit: MAX_JSON_BYTES });
    }
    std::str::from_utf8(bytes).map_err(|e| PersistError::Malformed {
        schema,
        detail: format!("the text is not UTF-8 (invalid byte at offset {}); save the file as UTF-8", e.valid_up_to()),
    })
}

/// Loads a value from an already-parsed envelope (see [`from_json`]).
pub fn from_value<T: Persist>(raw: Value) -> Result<T, PersistError> {
    let is_envelope = raw.as_object().is_some_and(|o| o.contains_key("schema") && o.contains_key("version"));
    if !is_envelope {
        return Err(PersistError::MissingEnvelope { expected: T::SCHEMA });
    }
    let env: EnvelopeIn = serde_json::from_value(raw)
        .map_err(|e| PersistError::Malformed { schema: T::SCHEMA, detail: serde_detail(&e) })?;
    if env.schema != T::SCHEMA {
        return Err(PersistError::WrongSchema { expected: T::SCHEMA, found: env.schema });
    }
    if env.version > u64::from(T::VERSION) {
        return Err(PersistError::NewerVersion { schema: T::SCHEMA, found: env.version, supported: T::VERSION });
    }
    if env.version == 0 {
        return Err(PersistError::Migration {
            schema: T::SCHEMA,
            found: 0,
            supported: T::VERSION,
            detail: "version 0 never existed; versions start at 1".into(),
        });
    }
    let mut data = env.data;
    let mut v = env.version as u32;
    while v < T::VERSION {
        data = T::migrate(v, data).map_err(|detail| PersistError::Migration {
            schema: T::SCHEMA,
            found: env.version,
            supported: T::VERSION,
            detail: bound_message(&detail).into_owned(),
        })?;
        v += 1;
    }
    let value: T = serde_json::from_value(data)
        .map_err(|e| PersistError::Malformed { schema: T::SCHEMA, detail: serde_detail(&e) })?;
    value.check_loaded().map_err(|detail| PersistError::Invalid { schema: T::SCHEMA, detail })?;
    Ok(value)
}

/// One persisted type, with its type erased: what [`registry`] lists.
///
/// The registry lets tools (a `check` command, the fuzzer, the schema-version tests, the
/// bindings) handle every persisted form without knowing its Rust type.
#[derive(Debug, Clone, Copy)]
pub struct Registered {
    /// The schema name, `"ipsrt.<thing>"`.
    pub schema: &'static str,
    /// The version this build writes.
    pub version: u32,
    /// Loads a document of this schema with [`from_json`] and writes it back with [`to_json`].
    pub reload: fn(&str) -> Result<String, PersistError>,
}

/// The message of [`PersistError::Element`]: where, what was found, why, and what to do.
fn element_message(list: &str, index: usize, field: &str, value: Option<&str>, reason: &str) -> String {
    let at = if field.is_empty() { String::new() } else { format!(", field {field}") };
    let head = format!("{list} {index} (counting from 0){at}");
    if reason.starts_with("unknown field") {
        // serde names the field and the allowed names; the hint says what to do.
        format!("{head}: {reason}")
    } else if let Some(missing) = reason.strip_prefix("missing field ") {
        format!("{head}: missing field {missing}; add it")
    } else {
        match value {
            Some(v) => format!("{head}: {v} is not valid ({reason}); fix that value"),
            None => format!("{head}: {reason}; fix that entry"),
        }
    }
}

/// Reads one element of a JSON list (an event of a course log, an observation of an observation
/// log) as a `T`, and on failure says which element, which field and which value:
/// `event 4 (counting from 0), field date: "2026-02-30" is not valid (input is out of range); fix
/// that value`.
///
/// ```
/// use ipsrt::course::EventRecord;
/// use ipsrt::persist::from_element;
///
/// let bad = serde_json::json!({"date": "2026-02-30", "event": {"type": "sick_role_recorded"}});
/// let err = from_element::<EventRecord>("event", 4, &bad).unwrap_err().to_string();
/// assert!(err.starts_with("event 4 (counting from 0), field date: \"2026-02-30\""), "{err}");
/// ```
///
/// # Errors
/// [`PersistError::Element`] (kind `invalid_input`).
pub fn from_element<T: DeserializeOwned>(list: &'static str, index: usize, value: &Value) -> Result<T, PersistError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let found = value_at(value, e.path());
        let reason = serde_detail(e.inner());
        PersistError::Element { list, index, field, value: found, reason }
    })
}

/// The value at a serde path inside `root`, as a short JSON excerpt (strings quoted).
fn value_at(root: &Value, path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut at = root;
    let mut any = false;
    for seg in path.iter() {
        at = match seg {
            Segment::Map { key } => at.get(key.as_str())?,
            Segment::Seq { index } => at.get(*index)?,
            Segment::Enum { .. } | Segment::Unknown => return None,
        };
        any = true;
    }
    if !any {
        return None;
    }
    Some(match at {
        Value::String(s) => Excerpt::new(s).to_string(),
        other => {
            let text = other.to_string();
            bound_message(&format!("`{text}`")).into_owned()
        }
    })
}

/// serde_json's message, with any quoted input cut (an unknown variant or a wrong-typed
/// string is quoted whole by serde).
fn serde_detail(e: &serde_json::Error) -> String {
    let msg = bound_message(&e.to_string()).into_owned();
    if msg.starts_with("unknown field") {
        // The persisted types refuse fields they do not know (serde `deny_unknown_fields`), so
        // that a typo or a newer writer's field is never dropped in silence.
        format!(
            "{msg}; fix the spelling of the field (the allowed names are listed), remove that field, or upgrade ipsrt if a newer version wrote it"
        )
    } else {
        msg
    }
}

fn reload<T: Persist>(text: &str) -> Result<String, PersistError> {
    from_json::<T>(text).map(|value| to_json(&value))
}

const fn entry<T: Persist>() -> Registered {
    Registered { schema: T::SCHEMA, version: T::VERSION, reload: reload::<T> }
}

/// Every type of this crate that implements [`Persist`], in schema-name order.
///
/// A test scans the crate's source for `Persist` implementations and fails when one is missing
/// here, and another fails when one listed here has no frozen fixture in `test-vectors/persist/`.
///
/// ```
/// let schemas: Vec<&str> = ipsrt::persist::registry().iter().map(|r| r.schema).collect();
/// assert!(schemas.contains(&"ipsrt.srm_diary"));
/// ```
pub fn registry() -> &'static [Registered] {
    const REGISTRY: &[Registered] = &[
        entry::<crate::relapse::AlertMachine>(),
        entry::<crate::care::CareLog>(),
        entry::<crate::course::CourseLog>(),
        entry::<crate::ips::EmploymentJourney>(),
        entry::<crate::episode::EpisodeCourse>(),
        entry::<crate::group::Group>(),
        entry::<crate::measures::Instrument>(),
        entry::<crate::inventory::Inventory>(),
        entry::<crate::ips::Caseload>(),
        entry::<crate::ips::FidelityReview>(),
        entry::<crate::ipsrt::IpsrtCourse>(),
        entry::<crate::ipsrt::LifeChart>(),
        entry::<crate::measures::Score>(),
        entry::<crate::ipsrt::MedicationLog>(),
        entry::<crate::relapse::ObservationLog>(),
        entry::<crate::relapse::RelapsePlan>(),
        entry::<crate::ipsrt::RhythmPlan>(),
        entry::<crate::schedule::Schedule>(),
        entry::<crate::schedule::ScheduleRecords>(),
        entry::<crate::measures::ScoreSeries>(),
        entry::<crate::srm::Diary>(),
        entry::<crate::srm::ScoringOptions>(),
        entry::<crate::schedule::ZoneHistory>(),
    ];
    REGISTRY
}

/// Loads any persisted document: reads its `schema` name, finds the type in [`registry`] and
/// loads it fully (including the type's own validation). Returns the schema name.
///
/// ```
/// let json = r#"{"schema":"ipsrt.srm_scoring_options","version":1,"data":{}}"#;
/// // Whatever the outcome, an unknown or malformed document is an error, never a panic.
/// let _ = ipsrt::persist::check_any(json);
/// assert!(ipsrt::persist::check_any(r#"{"schema":"ipsrt.nope","version":1,"data":{}}"#).is_err());
/// ```
pub fn check_any(text: &str) -> Result<&'static str, PersistError> {
    check_any_text(text)
}

/// [`check_any`] on raw bytes; bytes that are not UTF-8 are a [`PersistError::Malformed`] error.
pub fn check_any_slice(bytes: &[u8]) -> Result<&'static str, PersistError> {
    check_any_text(utf8("ipsrt", bytes)?)
}

fn check_any_text(text: &str) -> Result<&'static str, PersistError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(PersistError::TooLarge { schema: "ipsrt", size: text.len(), limit: MAX_JSON_BYTES });
    }
    let raw: Value = serde_json::from_str(text)
        .map_err(|e| PersistError::Malformed { schema: "ipsrt", detail: serde_detail(&e) })?;
    let found =
        raw.get("schema").and_then(Value::as_str).ok_or(PersistError::MissingEnvelope { expected: "ipsrt.<thing>" })?;
    let Some(reg) = registry().iter().find(|r| r.schema == found) else {
        return Err(PersistError::UnknownSchema { found: found.to_owned() });
    };
    (reg.reload)(text)?;
    Ok(reg.schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct V2 {
        name: String,
        weeks: u32,
    }

    impl Persist for V2 {
        const SCHEMA: &'static str = "ipsrt.test";
        const VERSION: u32 = 2;
        fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
            match from {
                // v1 had `sessions`, v2 renamed it to `weeks`.
                1 => {
                    let obj = data.as_object_mut().ok_or("expected an object")?;
                    let s = obj.remove("sessions").ok_or("missing sessions")?;
                    obj.insert("weeks".into(), s);
                    Ok(data)
                }
                _ => Err(format!("unknown version {from}")),
            }
        }
    }

    #[test]
    fn round_trip_and_envelope() {
        let v = V2 { name: "a".into(), weeks: 3 };
        let json = to_json(&v);
        assert_eq!(json, r#"{"schema":"ipsrt.test","version":2,"data":{"name":"a","weeks":3}}"#);
        assert_eq!(from_json::<V2>(&json).unwrap(), v);
    }

    #[test]
    fn migrates_old_versions() {
        let old = r#"{"schema":"ipsrt.test","version":1,"data":{"name":"a","sessions":3}}"#;
        assert_eq!(from_json::<V2>(old).unwrap(), V2 { name: "a".into(), weeks: 3 });
    }

    #[test]
    fn refuses_newer_wrong_and_bare() {
        let newer = r#"{"schema":"ipsrt.test","version":3,"data":{}}"#;
        let e = from_json::<V2>(newer).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Schema);
        assert!(e.to_string().contains("upgrade ipsrt"));
        let wrong = r#"{"schema":"ipsrt.other","version":1,"data":{}}"#;
        assert!(matches!(from_json::<V2>(wrong), Err(PersistError::WrongSchema { .. })));
        assert!(matches!(from_json::<V2>(r#"{"name":"a"}"#), Err(PersistError::MissingEnvelope { .. })));
        assert!(matches!(from_json::<V2>("{\"schema\":"), Err(PersistError::Malformed { .. })));
        let deep = "[".repeat(10_000);
        assert!(matches!(from_json::<V2>(&deep), Err(PersistError::Malformed { .. })));
    }
}
