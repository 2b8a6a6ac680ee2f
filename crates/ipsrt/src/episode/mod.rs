//! The episode course: episode, response, remission, recovery, relapse and recurrence.

use crate::error::ErrorKind;

/// Errors from [`crate::episode`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EpisodeError {}

impl EpisodeError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
