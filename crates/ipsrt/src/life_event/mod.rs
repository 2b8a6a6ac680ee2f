//! Life events and rhythm disruptors, and the suggestion of candidate problem areas from them.

use serde::{Deserialize, Serialize};

/// The kind of a life event (the seed list of S2, plus IPSRT's social-rhythm disruptors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifeEventKind {
    /// Death of a significant other.
    Death,
    /// The person's own illness (somatic or psychiatric).
    OwnIllness,
    /// Illness of a partner, friend or family member.
    IllnessOfOther,
    /// A conflict with someone significant.
    Conflict,
    /// Divorce or separation.
    DivorceSeparation,
    /// Marriage or moving in together.
    Marriage,
    /// Reconciliation.
    Reconciliation,
    /// Pregnancy or birth (also a major social-rhythm disruptor: night feeds).
    PregnancyBirth,
    /// A change of job.
    JobChange,
    /// Dismissal or job loss.
    Dismissal,
    /// Retirement.
    Retirement,
    /// Moving house.
    Relocation,
    /// Travel across time zones (rhythm disruptor).
    TimeZoneTravel,
    /// Shift work or a change of shifts (rhythm disruptor).
    ShiftWork,
    /// Exams or another period of deadlines (rhythm disruptor).
    Exams,
    /// Holidays (rhythm disruptor).
    Holiday,
    /// A daylight-saving clock change (rhythm disruptor).
    DaylightSavingChange,
    /// Anything else; describe it in the event's note.
    Other,
}
