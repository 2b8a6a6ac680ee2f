//! Outcome measures as data (PHQ-9, HRSD-17, ASRM, YMRS, daily mood), scoring with explicit
//! missing-data policies, and change over time.

use crate::error::ErrorKind;

/// Errors from [`crate::measures`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MeasureError {}

impl MeasureError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
