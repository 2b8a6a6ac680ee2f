//! Life events (the core's `ipsrt::life_event`) and the problem-area suggestions made from
//! them (candidates with their timing, rhythm disruptors), typed.

use ipsrt::life_event as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, to_core, to_json_value};
use crate::course::{DisputeStage, ProblemAreaKind, Taxonomy};
use crate::error::{IpsrtError, guard};
use crate::source::SourceRef;
use crate::time::LocalDate;

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

/// A dated life event (the core's `ipsrt::life_event::LifeEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct LifeEvent {
    /// What happened.
    pub kind: LifeEventKind,
    /// When (the day; for a period, its first day).
    pub date: LocalDate,
    /// The person concerned, by inventory id, if they are in the inventory.
    pub person: Option<String>,
    /// Still contested with someone (non-reciprocal expectations about it): makes a role
    /// dispute a candidate.
    pub contested: bool,
    /// For an own illness: chronic or bipolar (IPSRT: grief for the lost healthy self).
    pub chronic: bool,
    /// Free text.
    pub note: Option<String>,
}

/// `"primary"` or `"alternative"`: how strongly the mapping table points at an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionRank {
    /// The table's primary candidate for the event.
    Primary,
    /// An alternative, under the stated condition.
    Alternative,
}

/// When a life event happened relative to symptom onset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "relation", rename_all = "snake_case")]
pub enum EventTiming {
    /// Within the proximal window before onset (or on the onset day).
    ProximalBeforeOnset {
        /// Days before onset.
        days: i64,
    },
    /// Before onset, further back than the proximal window.
    DistantBeforeOnset {
        /// Days before onset.
        days: i64,
    },
    /// After onset: may maintain, rather than trigger, the episode.
    AfterOnset {
        /// Days after onset.
        days: i64,
    },
    /// Onset is not recorded.
    OnsetUnknown,
}

/// A candidate problem area suggested from the life events, with its explanation.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProblemAreaSuggestion {
    /// The area.
    pub area: ProblemAreaKind,
    /// Primary or alternative.
    pub rank: SuggestionRank,
    /// For disputes, the suggested stage.
    pub dispute_stage: Option<DisputeStage>,
    /// Index of the life event it comes from (absent for the residual deficits suggestion).
    pub event_index: Option<i64>,
    /// Timing of the event relative to onset.
    pub timing: EventTiming,
    /// Why (for the clinician; the library never decides).
    pub explanation: String,
    /// The rule's source.
    pub source: SourceRef,
}

/// A rhythm disruptor found among the life events (IPSRT: plan for it; not an IPT area).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RhythmDisruptor {
    /// Index of the life event.
    pub event_index: i64,
    /// Its kind.
    pub kind: LifeEventKind,
    /// A sentence for the clinician.
    pub explanation: String,
    /// The rule's source.
    pub source: SourceRef,
}

/// Suggestions from the life events: candidates, rhythm disruptors and notes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProblemAreaSuggestions {
    /// Candidate areas, in the core's order (proximal first, primary before alternative).
    pub candidates: Vec<ProblemAreaSuggestion>,
    /// Rhythm disruptors.
    pub rhythm_disruptors: Vec<RhythmDisruptor>,
    /// Notes.
    pub notes: Vec<String>,
    /// The core's JSON form (the same JSON Rust and Python write).
    pub json: String,
}

pub(crate) fn suggestions(s: &core::Suggestions) -> Result<ProblemAreaSuggestions, IpsrtError> {
    Ok(ProblemAreaSuggestions {
        candidates: s
            .candidates
            .iter()
            .map(|c| {
                Ok(ProblemAreaSuggestion {
                    area: from_core(&c.area)?,
                    rank: from_core(&c.rank)?,
                    dispute_stage: c.dispute_stage.as_ref().map(from_core).transpose()?,
                    event_index: c.event_index.map(|i| i64::try_from(i).unwrap_or(i64::MAX)),
                    timing: from_core(&c.timing)?,
                    explanation: c.explanation.clone(),
                    source: SourceRef::from(&c.source),
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
        rhythm_disruptors: s
            .rhythm_disruptors
            .iter()
            .map(|r| {
                Ok(RhythmDisruptor {
                    event_index: i64::try_from(r.event_index).unwrap_or(i64::MAX),
                    kind: from_core(&r.kind)?,
                    explanation: r.explanation.clone(),
                    source: SourceRef::from(&r.source),
                })
            })
            .collect::<Result<_, IpsrtError>>()?,
        notes: s.notes.clone(),
        json: to_json_value(s)?,
    })
}

/// Candidate problem areas from life events, their timing relative to `onset` and the
/// taxonomy (docs/problem-areas.md#life-events-and-suggested-areas), with the core's default options (365-day proximal
/// window). For a course, `Course.suggestProblemAreas()` uses its own events and onset.
#[uniffi::export]
pub fn suggest_problem_areas(
    events: Vec<LifeEvent>,
    onset: Option<LocalDate>,
    taxonomy: Taxonomy,
) -> Result<ProblemAreaSuggestions, IpsrtError> {
    guard(|| {
        let events: Vec<core::LifeEvent> = to_core(&events)?;
        let taxonomy: ipsrt::problem_area::Taxonomy = to_core(&taxonomy)?;
        suggestions(&core::suggest_problem_areas(&events, onset, taxonomy, &core::SuggestOptions::default()))
    })
}
