//! # ipsrt-ffi — the ipsrt core for Kotlin (Android, JVM) and Swift (iOS), through uniffi
//!
//! A **thin** layer: every clinical rule lives in the `ipsrt` crate; this crate only converts
//! types and errors and holds state behind locks. Build it as a `cdylib` (Android, JVM tests)
//! or `staticlib` (iOS), then generate the bindings with the workspace's `uniffi-bindgen`
//! (see `docs/mobile.md` and `scripts/test-kotlin.sh`).
//!
//! Conventions of the API:
//!
//! * **Errors**: every exported function returns `Result<_, IpsrtError>`; Kotlin sees one
//!   exception class per core `ErrorKind` ([`IpsrtError`]). A panic is caught and becomes
//!   `IpsrtError::Internal`; it never unwinds into the app.
//! * **Time**: ISO-8601 text on the wire, mapped to `java.time` types in Kotlin; moments are
//!   local wall-clock time plus an IANA zone ([`time`]).
//! * **State**: stateful machines are uniffi Objects with a `Mutex` inside (see [`state`]);
//!   every method is synchronous and safe to call from several threads.
//! * **JSON**: snapshots use the core's `ipsrt::persist` envelopes, byte for byte the JSON that
//!   the Rust and Python APIs write.
//!
//! ```
//! let t = ipsrt_ffi::time::parse_clock_time("07:05".into()).unwrap();
//! assert_eq!(ipsrt_ffi::time::clock_time_minutes(t).unwrap(), 425);
//! let e = ipsrt_ffi::time::parse_clock_time("24:00".into()).unwrap_err();
//! assert_eq!(e.kind_name(), "invalid_input");
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

uniffi::setup_scaffolding!();

mod bridge;
pub mod care;
pub mod care_migrate;
pub mod checks;
pub mod course;
mod course_events;
pub mod episode;
pub mod error;
pub mod fhir;
pub mod group;
pub mod guidance;
pub mod i18n;
pub mod inventory;
pub mod ips;
pub mod ipsrt_course;
pub mod life_chart;
pub mod life_events;
pub mod measures;
pub mod names;
pub mod observations;
pub mod problem_areas;
pub mod relapse;
pub mod relapse_plan;
pub mod rhythm;
pub mod schedule;
pub mod series;
pub mod snapshot;
pub mod source;
pub mod srm;
pub mod srm_regularity;
pub mod state;
pub mod time;

pub use error::IpsrtError;

/// The version of the ipsrt core compiled into this library.
#[uniffi::export]
pub fn ipsrt_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
