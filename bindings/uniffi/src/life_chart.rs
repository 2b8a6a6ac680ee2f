//! The IPSRT life chart (the core's `ipsrt::ipsrt::LifeChart`): mood episodes and what
//! preceded them (life events, rhythm disruptions, medication changes — IPSRT's three
//! recurrence pathways, FSB-2007), with the counts a therapist reviews with the patient.
//!
//! [`LifeChart`] is an Object (thread-safe, see [`crate::state`]; schema `ipsrt.life_chart`).

use std::sync::Arc;

use ipsrt::ipsrt as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, unsigned};
use crate::error::{IpsrtError, guard};
use crate::life_events::LifeEventKind;
use crate::state::Locked;
use crate::time::LocalDate;

/// The polarity of a mood episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EpisodePolarity {
    /// Depressive.
    Depressive,
    /// Manic.
    Manic,
    /// Hypomanic.
    Hypomanic,
    /// Mixed (or mixed features).
    Mixed,
}

/// IPSRT's three recurrence pathways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    /// Non-adherence to (or changes of) medication.
    Medication,
    /// Stressful life events.
    LifeEvent,
    /// Disruption of social rhythms.
    RhythmDisruption,
}

/// A dated mood episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct MoodEpisode {
    /// Polarity.
    pub polarity: EpisodePolarity,
    /// First day.
    pub start: LocalDate,
    /// Last day; absent while it lasts or when unknown.
    pub end: Option<LocalDate>,
    /// Whether it led to a hospital admission.
    pub hospitalised: bool,
    /// Free text (may be empty).
    pub note: String,
}

/// Something that may have preceded an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChartEvent {
    /// A life event.
    LifeEvent {
        /// When.
        date: LocalDate,
        /// What kind.
        kind: LifeEventKind,
        /// Free text.
        note: String,
    },
    /// A disruption of the daily rhythm.
    RhythmDisruption {
        /// When.
        date: LocalDate,
        /// The kind, when it is one of the listed disruptors.
        kind: Option<LifeEventKind>,
        /// What happened.
        note: String,
    },
    /// A medication change or a period of not taking medication.
    MedicationChange {
        /// When.
        date: LocalDate,
        /// What changed.
        note: String,
    },
}

/// Episodes of one polarity.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolarityCount {
    /// The polarity.
    pub polarity: EpisodePolarity,
    /// How many episodes.
    pub count: i64,
}

/// How many episodes a pathway preceded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PathwayCount {
    /// The pathway.
    pub pathway: Pathway,
    /// How many episodes it preceded.
    pub count: i64,
}

/// How many episodes a life-event kind preceded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrecipitantCount {
    /// The kind.
    pub kind: LifeEventKind,
    /// How many episodes it preceded.
    pub count: i64,
}

/// An episode with the events in the look-back window before it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EpisodeAntecedents {
    /// The episode.
    pub episode: MoodEpisode,
    /// Events within the window (start day included), oldest first.
    pub preceded_by: Vec<ChartEvent>,
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A life chart (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct LifeChart {
    state: Locked<core::LifeChart>,
}

persisted_object!(LifeChart, core::LifeChart);

#[uniffi::export]
impl LifeChart {
    /// An empty chart.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(LifeChart { state: Locked::new(core::LifeChart::new()) })
    }

    /// Adds an episode; an end before the start or an overlap with a recorded episode is
    /// `InvalidInput` and changes nothing.
    pub fn add_episode(&self, episode: MoodEpisode) -> Result<(), IpsrtError> {
        guard(|| {
            let episode: core::MoodEpisode = to_core(&episode)?;
            self.state.update(|c| Ok(c.add_episode(episode)?))
        })
    }

    /// Adds a life event, rhythm disruption or medication change (kept in date order).
    pub fn add_event(&self, event: ChartEvent) -> Result<(), IpsrtError> {
        guard(|| {
            let event: core::ChartEvent = to_core(&event)?;
            self.state.update(|c| {
                c.add_event(event);
                Ok(())
            })
        })
    }

    /// Adds an event given as the core's JSON (`{"type": "life_event", "date": ..., "kind": ...}`).
    pub fn add_event_json(&self, event_json: String) -> Result<(), IpsrtError> {
        guard(|| {
            let event: core::ChartEvent = from_json_value("life chart event", &event_json)?;
            self.state.update(|c| {
                c.add_event(event);
                Ok(())
            })
        })
    }

    /// Episodes, oldest first.
    pub fn episodes(&self) -> Result<Vec<MoodEpisode>, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.episodes())))
    }

    /// Events, oldest first.
    pub fn events(&self) -> Result<Vec<ChartEvent>, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.events())))
    }

    /// Episodes per polarity (polarities without episodes are left out).
    pub fn counts(&self) -> Result<Vec<PolarityCount>, IpsrtError> {
        guard(|| {
            self.state.read(|c| {
                c.counts()
                    .iter()
                    .map(|(p, n)| Ok(PolarityCount { polarity: from_core(p)?, count: count(*n) }))
                    .collect()
            })
        })
    }

    /// Each episode with the events in the `lookbackDays` before its start (a plan value).
    pub fn with_antecedents(&self, lookback_days: i64) -> Result<Vec<EpisodeAntecedents>, IpsrtError> {
        guard(|| {
            let lookback_days = unsigned(lookback_days, "lookback_days")?;
            self.state.read(|c| {
                c.with_antecedents(lookback_days)
                    .iter()
                    .map(|a| {
                        Ok(EpisodeAntecedents {
                            episode: from_core(a.episode)?,
                            preceded_by: from_core(&a.preceded_by)?,
                        })
                    })
                    .collect()
            })
        })
    }

    /// How many episodes each pathway preceded within `lookbackDays`.
    pub fn pathway_counts(&self, lookback_days: i64) -> Result<Vec<PathwayCount>, IpsrtError> {
        guard(|| {
            let lookback_days = unsigned(lookback_days, "lookback_days")?;
            self.state.read(|c| {
                c.pathway_counts(lookback_days)
                    .iter()
                    .map(|(p, n)| Ok(PathwayCount { pathway: from_core(p)?, count: count(*n) }))
                    .collect()
            })
        })
    }

    /// How many episodes each life-event kind preceded within `lookbackDays`.
    pub fn precipitant_counts(&self, lookback_days: i64) -> Result<Vec<PrecipitantCount>, IpsrtError> {
        guard(|| {
            let lookback_days = unsigned(lookback_days, "lookback_days")?;
            self.state.read(|c| {
                c.precipitant_counts(lookback_days)
                    .iter()
                    .map(|(k, n)| Ok(PrecipitantCount { kind: from_core(k)?, count: count(*n) }))
                    .collect()
            })
        })
    }

    /// Days between the end of each episode and the start of the next.
    pub fn well_intervals_days(&self) -> Result<Vec<i64>, IpsrtError> {
        guard(|| Ok(self.state.read(|c| c.well_intervals_days())))
    }
}
