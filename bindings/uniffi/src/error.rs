//! The one error type of the FFI, and the guard that keeps panics on the Rust side.
//!
//! Every exported function returns `Result<_, IpsrtError>`. [`IpsrtError`] has one variant per
//! core [`ipsrt::ErrorKind`] (plus [`IpsrtError::Internal`] for a caught panic), and is a
//! *flat* uniffi error: Kotlin gets one exception class per kind
//! (`IpsrtException.InvalidInput`, `IpsrtException.IllegalTransition`, ...) whose `message` is
//! the core's message, word for word except that an operation it names is the Kotlin/Swift
//! method (`addPerson` where Rust says `person_added`, see [`crate::names`]); Swift gets
//! `IpsrtError.InvalidInput(message:)` etc.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ipsrt::ErrorKind;

/// An error returned across the FFI: the core's [`ErrorKind`] and its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum IpsrtError {
    /// A value is out of range, malformed or inconsistent. Nothing was changed.
    #[error("{0}")]
    InvalidInput(String),
    /// A state machine was asked for a transition its current state does not allow. The state is unchanged.
    #[error("{0}")]
    IllegalTransition(String),
    /// There is not enough data to compute a score.
    #[error("{0}")]
    NotScorable(String),
    /// A referenced thing (a person, a group member) does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Persisted JSON has an unknown schema, or a version newer than this build reads.
    #[error("{0}")]
    Schema(String),
    /// Text could not be parsed (malformed JSON, truncated input).
    #[error("{0}")]
    Parse(String),
    /// A bug in ipsrt (a caught panic, or a binding older than the core). Nothing was changed;
    /// please report it with the message.
    #[error("{0}")]
    Internal(String),
    /// An object (a `Course`, a `SrmDiary`, ...) was used after `close()`. Never returned by
    /// Rust: the generated Kotlin throws it (see `docs/mobile.md`, "Kotlin polish"), where
    /// uniffi alone would throw `IllegalStateException`. Nothing was done.
    #[error("{0}")]
    Closed(String),
}

impl IpsrtError {
    /// The stable snake_case name of the kind (`"invalid_input"`, ..., `"internal"`), the same
    /// names the shared test vectors use in `{"error": "<kind>"}`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            IpsrtError::InvalidInput(_) => "invalid_input",
            IpsrtError::IllegalTransition(_) => "illegal_transition",
            IpsrtError::NotScorable(_) => "not_scorable",
            IpsrtError::NotFound(_) => "not_found",
            IpsrtError::Schema(_) => "schema",
            IpsrtError::Parse(_) => "parse",
            IpsrtError::Internal(_) => "internal",
            IpsrtError::Closed(_) => "closed",
        }
    }

    /// The same error with its message bounded by `ipsrt::limits::bound_message` (quoted input
    /// cut, at most `MAX_MESSAGE_BYTES`). [`guard`] applies it to every error an exported
    /// function returns, so the binding's own messages are bounded like the core's.
    pub(crate) fn bounded(self) -> Self {
        fn cut(m: String) -> String {
            let short = match ipsrt::limits::bound_message(&m) {
                std::borrow::Cow::Owned(short) => Some(short),
                std::borrow::Cow::Borrowed(_) => None,
            };
            short.unwrap_or(m)
        }
        match self {
            IpsrtError::InvalidInput(m) => IpsrtError::InvalidInput(cut(m)),
            IpsrtError::IllegalTransition(m) => IpsrtError::IllegalTransition(cut(m)),
            IpsrtError::NotScorable(m) => IpsrtError::NotScorable(cut(m)),
            IpsrtError::NotFound(m) => IpsrtError::NotFound(cut(m)),
            IpsrtError::Schema(m) => IpsrtError::Schema(cut(m)),
            IpsrtError::Parse(m) => IpsrtError::Parse(cut(m)),
            IpsrtError::Internal(m) => IpsrtError::Internal(cut(m)),
            IpsrtError::Closed(m) => IpsrtError::Closed(cut(m)),
        }
    }

    pub(crate) fn internal(what: impl std::fmt::Display) -> Self {
        IpsrtError::Internal(format!(
            "internal error in ipsrt: {what}. Nothing was changed; please report this with the message"
        ))
    }
}

/// Maps by [`ErrorKind`]; the message is the core's `Display` with operations named as Kotlin
/// and Swift call them (`addPerson`, see [`crate::names`]), bounded by
/// `ipsrt::limits::bound_message` (a message never repeats a huge value across the FFI).
impl From<ipsrt::Error> for IpsrtError {
    fn from(e: ipsrt::Error) -> Self {
        let text = ipsrt::operation::with_names(crate::names::foreign_name, || e.to_string());
        let message = ipsrt::limits::bound_message(&text).into_owned();
        match e.kind() {
            ErrorKind::InvalidInput => IpsrtError::InvalidInput(message),
            ErrorKind::IllegalTransition => IpsrtError::IllegalTransition(message),
            ErrorKind::NotScorable => IpsrtError::NotScorable(message),
            ErrorKind::NotFound => IpsrtError::NotFound(message),
            ErrorKind::Schema => IpsrtError::Schema(message),
            ErrorKind::Parse => IpsrtError::Parse(message),
            // `ErrorKind` is non-exhaustive: a kind added to the core after this binding was
            // written still reaches the app, with its message.
            _ => IpsrtError::Internal(format!("{message} (error kind {})", e.kind())),
        }
    }
}

macro_rules! from_module_error {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for IpsrtError {
            fn from(e: $t) -> Self {
                IpsrtError::from(ipsrt::Error::from(e))
            }
        }
    )*};
}

from_module_error!(
    ipsrt::time::TimeError,
    ipsrt::persist::PersistError,
    ipsrt::group::GroupError,
    ipsrt::ips::IpsError,
    ipsrt::ipsrt::IpsrtError,
    ipsrt::measures::MeasureError,
    ipsrt::relapse::RelapseError,
    ipsrt::srm::SrmError,
    ipsrt::course::CourseError,
    ipsrt::episode::EpisodeError,
    ipsrt::schedule::ScheduleError,
);

/// Runs `f`, turning a panic into [`IpsrtError::Internal`].
///
/// Every exported function body runs inside `guard`. uniffi would also catch the unwind, but
/// as a generic `InternalException` outside the `IpsrtException` hierarchy; this keeps it typed.
/// Mutating methods of the objects work on a copy and swap it in only on success, so a panic
/// never leaves a half-changed state behind (see `state.rs`).
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, IpsrtError>) -> Result<T, IpsrtError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(IpsrtError::bounded),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            Err(IpsrtError::internal(format!("caught a panic: {what}")))
        }
    }
}

/// Panics on purpose, inside [`guard`], so the tests can prove that no panic crosses the
/// boundary. Compiled only with the `panic-probe` feature, which only the test script enables.
#[cfg(feature = "panic-probe")]
#[uniffi::export]
pub fn panic_probe(divisor: i32) -> Result<i32, IpsrtError> {
    // An integer division by zero panics in debug and release alike.
    guard(|| {
        #[allow(clippy::arithmetic_side_effects)]
        let q = 100 / divisor;
        Ok(q)
    })
}
