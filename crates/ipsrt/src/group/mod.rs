//! Group therapy: IPSRT groups, the long-term interpersonal process group and IPT-G, with
//! membership, waitlists and attendance.

use crate::error::ErrorKind;

/// Errors from [`crate::group`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GroupError {}

impl GroupError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
