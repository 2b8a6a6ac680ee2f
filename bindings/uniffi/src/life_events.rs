//! Life events (the core's `ipsrt::life_event`).

use serde::{Deserialize, Serialize};

/// The kind of a life event (the seed list plus IPSRT's rhythm disruptors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum LifeEventKind {
    /// Death of a significant other.
    Death,
    /// The person's own illness.
    OwnIllness,
    /// Illness of someone close.
    IllnessOfOther,
    /// A conflict with someone significant.
    Conflict,
    /// Divorce or separation.
    DivorceSeparation,
    /// Marriage or moving in together.
    Marriage,
    /// Reconciliation.
    Reconciliation,
    /// Pregnancy or birth.
    PregnancyBirth,
    /// A change of job.
    JobChange,
    /// Dismissal or job loss.
    Dismissal,
    /// Retirement.
    Retirement,
    /// Moving house.
    Relocation,
    /// Travel across time zones.
    TimeZoneTravel,
    /// Shift work.
    ShiftWork,
    /// Exams or deadlines.
    Exams,
    /// Holidays.
    Holiday,
    /// A daylight-saving clock change.
    DaylightSavingChange,
    /// Anything else.
    Other,
}
