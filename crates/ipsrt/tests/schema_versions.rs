//! Schema versions never break old data.
//!
//! * Every type that implements `persist::Persist` in the core is listed in
//!   `persist::registry()` (checked by scanning the crate's source, so a new type cannot be
//!   forgotten silently).
//! * Every registered schema has a frozen fixture for **every** version from 1 to the current
//!   one in `test-vectors/persist/<schema>.v<N>.json`, and each loads with today's build
//!   (migrating older versions) and survives a write-and-reload round trip.
//! * Every fixture file is claimed by a registered schema (no orphan, no typo in a name).
//! * A document from a newer, unknown version is refused with a `schema` error that says to
//!   upgrade, for every type; so is version 0, an unknown schema and another type's schema.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ipsrt::ErrorKind;
use ipsrt::persist::{PersistError, check_any, registry};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn persist_dir() -> PathBuf {
    root().join("test-vectors/persist")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source outside `#[cfg(test)] mod tests` blocks (they are at the end of each file).
fn non_test_source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[test]
fn every_persist_impl_is_registered() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/ipsrt/src"), &mut files);
    let mut impls = 0;
    let mut schemas = BTreeSet::new();
    for file in files.iter().filter(|f| !f.ends_with("src/persist.rs")) {
        let src = non_test_source(file);
        impls += src.matches("Persist for ").count();
        for line in src.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("const SCHEMA: &'static str = \"") {
                schemas.insert(rest.trim_end_matches("\";").to_owned());
            } else if line.starts_with("const SCHEMA") {
                panic!("{}: unrecognised SCHEMA declaration {line:?}; update this test", file.display());
            }
        }
    }
    let registered: BTreeSet<String> = registry().iter().map(|r| r.schema.to_owned()).collect();
    assert_eq!(impls, schemas.len(), "every `impl Persist for` must declare `const SCHEMA: &'static str = \"...\";`");
    assert_eq!(
        schemas, registered,
        "persist::registry() must list exactly the Persist types of the crate (left: found in source)"
    );
    assert_eq!(registered.len(), registry().len(), "a schema is registered twice");
    assert!(registry().len() >= 18, "the registry shrank");
}

#[test]
fn every_version_of_every_schema_has_a_fixture_that_loads() {
    for reg in registry() {
        for version in 1..=reg.version {
            let path = persist_dir().join(format!("{}.v{version}.json", reg.schema));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} has no frozen fixture {}: {e}", reg.schema, path.display()));
            let written = (reg.reload)(&text).unwrap_or_else(|e| panic!("{} no longer loads: {e}", path.display()));
            // What this build writes loads again, unchanged.
            let again = (reg.reload)(&written).unwrap_or_else(|e| panic!("{} round trip: {e}", reg.schema));
            assert_eq!(again, written, "{}: writing is not stable", reg.schema);
            assert_eq!(check_any(&text).unwrap(), reg.schema);
            let env: Value = serde_json::from_str(&written).unwrap();
            assert_eq!(env["version"], u64::from(reg.version), "{} writes its current version", reg.schema);
        }
    }
}

#[test]
fn every_fixture_is_claimed() {
    let known: BTreeSet<String> =
        registry().iter().flat_map(|r| (1..=r.version).map(move |v| format!("{}.v{v}.json", r.schema))).collect();
    let mut seen = 0;
    for entry in std::fs::read_dir(persist_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(known.contains(&name), "test-vectors/persist/{name} belongs to no registered schema and version");
        let text = std::fs::read_to_string(persist_dir().join(&name)).unwrap();
        let env: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            format!("{}.v{}.json", env["schema"].as_str().unwrap(), env["version"]),
            name,
            "file name and envelope disagree"
        );
        seen += 1;
    }
    assert_eq!(seen, known.len());
}

fn with_envelope(text: &str, schema: Option<&str>, version: Value) -> String {
    let mut env: Value = serde_json::from_str(text).unwrap();
    if let Some(s) = schema {
        env["schema"] = Value::from(s);
    }
    env["version"] = version;
    env.to_string()
}

#[test]
fn newer_and_impossible_versions_are_refused_clearly_for_every_type() {
    for reg in registry() {
        let text =
            std::fs::read_to_string(persist_dir().join(format!("{}.v{}.json", reg.schema, reg.version))).unwrap();
        for newer in [u64::from(reg.version) + 1, u64::from(u32::MAX) + 7, u64::MAX] {
            let e = (reg.reload)(&with_envelope(&text, None, Value::from(newer))).unwrap_err();
            assert!(matches!(e, PersistError::NewerVersion { .. }), "{}: {e}", reg.schema);
            assert_eq!(e.kind(), ErrorKind::Schema);
            let msg = e.to_string();
            assert!(msg.contains("upgrade ipsrt") && msg.contains(&newer.to_string()), "{msg}");
        }
        let e = (reg.reload)(&with_envelope(&text, None, Value::from(0))).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Schema, "{}: version 0: {e}", reg.schema);
        for bad in [Value::from(-1), Value::from(1.5), Value::from("1"), Value::Null] {
            let e = (reg.reload)(&with_envelope(&text, None, bad.clone())).unwrap_err();
            assert_ne!(e.kind(), ErrorKind::InvalidInput, "{}: version {bad}: {e}", reg.schema);
        }
        let e = (reg.reload)(&with_envelope(&text, Some("ipsrt.something_else"), Value::from(1))).unwrap_err();
        assert!(matches!(e, PersistError::WrongSchema { .. }), "{}: {e}", reg.schema);
        let e = check_any(&with_envelope(&text, Some("ipsrt.from_the_future"), Value::from(1))).unwrap_err();
        assert!(matches!(e, PersistError::UnknownSchema { .. }), "{e}");
        assert!(e.to_string().contains(reg.schema), "the message lists what this build reads: {e}");
    }
}
