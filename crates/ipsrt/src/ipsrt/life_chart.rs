//! The IPSRT life chart: past mood episodes with the life events and rhythm disruptions that
//! preceded them (FSB-2007: initial phase; docs/ipsrt.md#the-life-chart).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsrtError;
use crate::life_event::LifeEventKind;
use crate::limits::{MAX_NOTE_CHARS, check_len};
use crate::persist::Persist;

/// The polarity of a mood episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EpisodePolarity {
    /// Depressive episode.
    Depressive,
    /// Manic episode.
    Manic,
    /// Hypomanic episode.
    Hypomanic,
    /// Mixed episode (or mixed features).
    Mixed,
}

/// A dated mood episode. `end` is `None` while it lasts (or when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodEpisode {
    /// Polarity.
    pub polarity: EpisodePolarity,
    /// First day (as well as the patient remembers it).
    pub start: NaiveDate,
    /// Last day.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Whether the episode led to a hospital admission.
    #[serde(default)]
    pub hospitalised: bool,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// Something that may have preceded an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChartEvent {
    /// A life event (death, conflict, job change, birth, ...).
    LifeEvent {
        /// When.
        date: NaiveDate,
        /// What kind.
        kind: LifeEventKind,
        /// Free text.
        #[serde(default)]
        note: String,
    },
    /// A disruption of the daily rhythm (late nights, travel, a night shift, a clock change...).
    RhythmDisruption {
        /// When.
        date: NaiveDate,
        /// The kind, when it is one of the listed disruptors.
        #[serde(default)]
        kind: Option<LifeEventKind>,
        /// What happened.
        #[serde(default)]
        note: String,
    },
    /// A medication change or a period of not taking medication (the third pathway).
    MedicationChange {
        /// When.
        date: NaiveDate,
        /// What changed (started, stopped, dose changed, stopped taking it).
        #[serde(default)]
        note: String,
    },
}

impl ChartEvent {
    /// The date.
    pub fn date(&self) -> NaiveDate {
        match self {
            ChartEvent::LifeEvent { date, .. }
            | ChartEvent::RhythmDisruption { date, .. }
            | ChartEvent::MedicationChange { date, .. } => *date,
        }
    }

    /// Which of IPSRT's three recurrence pathways the event belongs to.
    pub fn pathway(&self) -> Pathway {
        match self {
            ChartEvent::LifeEvent { .. } => Pathway::LifeEvent,
            ChartEvent::RhythmDisruption { .. } => Pathway::RhythmDisruption,
            ChartEvent::MedicationChange { .. } => Pathway::Medication,
        }
    }
}

/// IPSRT's three recurrence pathways (FSB-2007).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    /// Non-adherence to (or changes of) medication.
    Medication,
    /// Stressful life events, especially interpersonal ones.
    LifeEvent,
    /// Disruption of social rhythms.
    RhythmDisruption,
}

/// An episode with what preceded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpisodeWithAntecedents<'a> {
    /// The episode.
    pub episode: &'a MoodEpisode,
    /// Events within the look-back window before its start (inclusive of the start day),
    /// oldest first.
    pub preceded_by: Vec<&'a ChartEvent>,
}

/// The life chart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeChart {
    episodes: Vec<MoodEpisode>,
    events: Vec<ChartEvent>,
}

impl Persist for LifeChart {
    const SCHEMA: &'static str = "ipsrt.life_chart";
    const VERSION: u32 = 1;
    /// The checks of [`LifeChart::add_episode`], in one sweep over the episodes sorted by start
    /// (linear after the sort; adding them one by one compares each with all before it).
    fn validate_loaded(&self) -> Result<(), String> {
        let mut sorted: Vec<&MoodEpisode> = self.episodes.iter().collect();
        sorted.sort_by_key(|e| e.start);
        // The episode that ends last so far (None as end: still open, so it overlaps all later).
        let mut reach: Option<&MoodEpisode> = None;
        for e in sorted {
            check_episode(e).map_err(|e| e.to_string())?;
            if let Some(r) = reach
                && r.end.is_none_or(|end| e.start <= end)
            {
                return Err(IpsrtError::OverlappingEpisodes { start: e.start, other: r.start }.to_string());
            }
            if reach.is_none_or(|r| r.end.is_some_and(|re| e.end.is_none_or(|ee| ee > re))) {
                reach = Some(e);
            }
        }
        Ok(())
    }
}

/// The checks of one episode on its own: an end before the start, a note over
/// [`MAX_NOTE_CHARS`].
fn check_episode(episode: &MoodEpisode) -> Result<(), IpsrtError> {
    if episode.end.is_some_and(|e| e < episode.start) {
        return Err(IpsrtError::EpisodeEndsBeforeStart { start: episode.start });
    }
    check_len("episode note", &episode.note, MAX_NOTE_CHARS, false).map_err(|detail| IpsrtError::TooLong { detail })
}

impl LifeChart {
    /// An empty chart.
    pub fn new() -> Self {
        LifeChart::default()
    }

    /// Adds an episode. Rejects an end before the start and an overlap with a recorded episode
    /// (a change of polarity is recorded as two episodes, or as one mixed episode).
    pub fn add_episode(&mut self, episode: MoodEpisode) -> Result<(), IpsrtError> {
        check_episode(&episode)?;
        let far = NaiveDate::MAX;
        if let Some(other) = self
            .episodes
            .iter()
            .find(|o| o.start <= episode.end.unwrap_or(far) && episode.start <= o.end.unwrap_or(far))
        {
            return Err(IpsrtError::OverlappingEpisodes { start: episode.start, other: other.start });
        }
        let at = self.episodes.partition_point(|o| o.start < episode.start);
        self.episodes.insert(at, episode);
        Ok(())
    }

    /// Adds a life event, rhythm disruption or medication change (kept in date order).
    pub fn add_event(&mut self, event: ChartEvent) {
        let at = self.events.partition_point(|o| o.date() <= event.date());
        self.events.insert(at, event);
    }

    /// Episodes, oldest first.
    pub fn episodes(&self) -> &[MoodEpisode] {
        &self.episodes
    }
    /// Events, oldest first.
    pub fn events(&self) -> &[ChartEvent] {
        &self.events
    }

    /// Episodes of one polarity.
    pub fn episodes_of(&self, polarity: EpisodePolarity) -> impl Iterator<Item = &MoodEpisode> {
        self.episodes.iter().filter(move |e| e.polarity == polarity)
    }

    /// Episodes that overlap `[from, to]`.
    pub fn episodes_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &MoodEpisode> {
        self.episodes.iter().filter(move |e| e.start <= to && e.end.is_none_or(|end| end >= from))
    }

    /// Number of episodes per polarity.
    pub fn counts(&self) -> BTreeMap<EpisodePolarity, usize> {
        let mut m = BTreeMap::new();
        for e in &self.episodes {
            *m.entry(e.polarity).or_insert(0) += 1;
        }
        m
    }

    /// Each episode with the events in the `lookback_days` before its start (a plan value:
    /// the sources give no window; the therapist chooses, e.g. 56 days).
    pub fn with_antecedents(&self, lookback_days: u32) -> Vec<EpisodeWithAntecedents<'_>> {
        self.episodes
            .iter()
            .map(|ep| {
                let from = ep.start - chrono::Duration::days(i64::from(lookback_days));
                EpisodeWithAntecedents {
                    episode: ep,
                    preceded_by: self.events.iter().filter(|e| e.date() >= from && e.date() <= ep.start).collect(),
                }
            })
            .collect()
    }

    /// How often each pathway preceded an episode (an episode counts once per pathway) within
    /// `lookback_days` — the pattern the therapist and patient review together.
    pub fn pathway_counts(&self, lookback_days: u32) -> BTreeMap<Pathway, usize> {
        let mut m = BTreeMap::new();
        for ep in self.with_antecedents(lookback_days) {
            let mut seen: Vec<Pathway> = ep.preceded_by.iter().map(|e| e.pathway()).collect();
            seen.sort();
            seen.dedup();
            for p in seen {
                *m.entry(p).or_insert(0) += 1;
            }
        }
        m
    }

    /// How often each life-event kind (from life events and classified disruptions) preceded
    /// an episode within `lookback_days`.
    pub fn precipitant_counts(&self, lookback_days: u32) -> BTreeMap<LifeEventKind, usize> {
        let mut m = BTreeMap::new();
        for ep in self.with_antecedents(lookback_days) {
            let mut kinds: Vec<LifeEventKind> = ep
                .preceded_by
                .iter()
                .filter_map(|e| match e {
                    ChartEvent::LifeEvent { kind, .. } => Some(*kind),
                    ChartEvent::RhythmDisruption { kind, .. } => *kind,
                    ChartEvent::MedicationChange { .. } => None,
                })
                .collect();
            kinds.sort();
            kinds.dedup();
            for k in kinds {
                *m.entry(k).or_insert(0) += 1;
            }
        }
        m
    }

    /// Days between the end of each episode and the start of the next (well intervals);
    /// skipped where an end is unknown.
    pub fn well_intervals_days(&self) -> Vec<i64> {
        self.episodes
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => a.end.map(|end| (b.start - end).num_days()),
                _ => None,
            })
            .collect()
    }
}
