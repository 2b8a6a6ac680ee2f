//! Problem areas: the taxonomies (WMK-4, SR-3, IPSRT-5), role-dispute stages, and the goals and
//! strategies of each area.

use serde::{Deserialize, Serialize};

/// A problem area (the focus of the middle phase). Which areas may be chosen, and what
/// [`ProblemAreaKind::Grief`] covers, depends on the [`Taxonomy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemAreaKind {
    /// Grief: complicated bereavement after a death (WMK); "grief and loss", including
    /// non-death losses, under SR-3.
    Grief,
    /// Role dispute (interpersonal dispute): non-reciprocal role expectations.
    RoleDispute,
    /// Role transition: difficulty coping with a life change.
    RoleTransition,
    /// Interpersonal deficits: the residual area, only when no other area applies (WMK-4, IPSRT-5).
    InterpersonalDeficits,
    /// IPSRT's fifth area: grief for the lost healthy self.
    LostHealthySelf,
}

/// A problem-area taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taxonomy {
    /// Weissman, Markowitz & Klerman: grief, role dispute, role transition, interpersonal deficits.
    Wmk4,
    /// Stuart & Robertson: grief and loss (incl. non-death loss), disputes, transitions.
    Sr3,
    /// IPSRT (Frank): the four WMK areas plus grief for the lost healthy self.
    Ipsrt5,
}
