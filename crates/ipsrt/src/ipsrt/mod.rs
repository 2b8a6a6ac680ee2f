//! IPSRT: the IPSRT course, the life chart, the rhythm stabilisation plan, due times for
//! anchors and the medication adherence log.

use crate::error::ErrorKind;

/// Errors from [`crate::ipsrt`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IpsrtError {}

impl IpsrtError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
