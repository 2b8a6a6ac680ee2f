//! An IPT course: protocol and contract, phases, sessions, focus choice, response evaluation,
//! termination and maintenance, driven by a dated event log (`replay`).

use crate::error::ErrorKind;

/// Errors from [`crate::course`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CourseError {}

impl CourseError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
