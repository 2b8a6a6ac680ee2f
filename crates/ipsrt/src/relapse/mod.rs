//! Relapse-risk figures, relapse-prevention plans and the alert-level state machine.

use crate::error::ErrorKind;

/// Errors from [`crate::relapse`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RelapseError {}

impl RelapseError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
