//! The Social Rhythm Metric (SRM-17, SRM-5, SRM-II-5): forms, diaries, weekly scoring that is
//! right across midnight, columnar batch scoring, and diary-based regularity metrics.

use crate::error::ErrorKind;

/// Errors from [`crate::srm`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SrmError {}

impl SrmError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
