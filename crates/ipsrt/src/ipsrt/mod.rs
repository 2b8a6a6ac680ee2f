//! IPSRT: the IPSRT course, the life chart, the rhythm stabilisation plan, due times for
//! anchors and the medication adherence log.
//!
//! IPSRT (Ellen Frank) treats bipolar disorder through three pathways to recurrence
//! (FSB-2007): **medication** non-adherence, stressful **life events**, and **disrupted social
//! rhythms**. This module models:
//!
//! * [`LifeChart`]: dated mood episodes with the events, rhythm disruptions and medication
//!   changes that preceded them, queryable by polarity, period and pathway;
//! * [`MedicationLog`]: each scheduled dose taken / late / missed, doses optionally tied to a
//!   rhythm [`Anchor`], with adherence and a non-adherence signal.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::ipsrt::{Anchor, ChartEvent, EpisodePolarity, LifeChart, MedicationLog, MoodEpisode, Pathway, ScheduledDose};
//! use ipsrt::life_event::LifeEventKind;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut chart = LifeChart::new();
//! chart.add_episode(MoodEpisode { polarity: EpisodePolarity::Manic, start: d(2023, 7, 10), end: Some(d(2023, 8, 20)), hospitalised: true, note: String::new() })?;
//! chart.add_event(ChartEvent::RhythmDisruption { date: d(2023, 7, 1), kind: Some(LifeEventKind::TimeZoneTravel), note: "flight to Chicago".into() });
//! assert_eq!(chart.pathway_counts(28).get(&Pathway::RhythmDisruption), Some(&1));
//!
//! let mut log = MedicationLog::new(vec![ScheduledDose { id: "lithium".into(), medication: "lithium 800 mg".into(), time: "21:00".parse()?, anchor: Some(Anchor::ToBed) }])?;
//! let outcome = log.record_taken_at("lithium", d(2026, 1, 5), "22:30".parse()?)?;
//! assert!(matches!(outcome, ipsrt::ipsrt::DoseOutcome::Late { .. })); // 90 min > 60 min tolerance
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;

use crate::error::ErrorKind;

mod anchor;
mod life_chart;
mod medication;

pub use anchor::Anchor;
pub use life_chart::{ChartEvent, EpisodePolarity, EpisodeWithAntecedents, LifeChart, MoodEpisode, Pathway};
pub use medication::{
    AdherenceSummary, DEFAULT_LATE_AFTER_MINUTES, DoseOutcome, DoseRecord, MedicationLog, NonAdherenceSignal,
    ScheduledDose,
};

/// Errors from [`crate::ipsrt`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IpsrtError {
    /// A dose without an id.
    #[error("a scheduled dose has an empty id: give every dose a unique id such as \"lithium-evening\"")]
    EmptyDoseId,
    /// Two doses with one id.
    #[error("dose id {dose:?} is used twice in the schedule: give every dose a unique id")]
    DuplicateDose {
        /// The id.
        dose: String,
    },
    /// A record for a dose that is not on the schedule.
    #[error("dose {dose:?} is not on the schedule: add it to the schedule first, or check the id")]
    UnknownDose {
        /// The id.
        dose: String,
    },
    /// A second record for the same dose and day.
    #[error("dose {dose:?} on {date} is already recorded: use `correct` to change the record")]
    DoseAlreadyRecorded {
        /// The id.
        dose: String,
        /// The day.
        date: NaiveDate,
    },
    /// Correcting a record that does not exist.
    #[error("there is no record of dose {dose:?} on {date} to correct: record it first")]
    NoSuchRecord {
        /// The id.
        dose: String,
        /// The day.
        date: NaiveDate,
    },
    /// A plan value out of range.
    #[error("{what} = {value} is out of range: see the documentation of the setting for the allowed values")]
    InvalidPlanValue {
        /// Which setting.
        what: &'static str,
        /// The value given.
        value: i64,
    },
    /// A period that ends before it starts.
    #[error("period {from} to {to} ends before it starts: swap the dates")]
    InvalidPeriod {
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
    },
    /// An episode that ends before it starts.
    #[error("the episode starting {start} ends before it starts: check the end date")]
    EpisodeEndsBeforeStart {
        /// Start.
        start: NaiveDate,
    },
    /// Two episodes overlap.
    #[error(
        "the episode starting {start} overlaps the one starting {other}: record a change of polarity as two consecutive episodes, or as one mixed episode"
    )]
    OverlappingEpisodes {
        /// The new episode's start.
        start: NaiveDate,
        /// The existing episode's start.
        other: NaiveDate,
    },
}

impl IpsrtError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            IpsrtError::UnknownDose { .. } | IpsrtError::NoSuchRecord { .. } => ErrorKind::NotFound,
            _ => ErrorKind::InvalidInput,
        }
    }
}
