//! IPS (Individual Placement and Support) supported employment: the eight principles, the IPS-25
//! fidelity scale, employment journeys and caseload KPIs.

use crate::error::ErrorKind;

/// Errors from [`crate::ips`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IpsError {}

impl IpsError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match *self {}
    }
}
