//! The episode course: episode, response, remission, recovery, relapse and recurrence, per the
//! consensus definitions of Frank et al. 1991 (spec clinical.md §6.1).
//!
//! ```text
//! Episode ──respond──▶ Response ──remit──▶ Remission ──recover (≥ N days)──▶ Recovery
//!    ▲  └────────────remit────────────────────▲  │                               │
//!    ├──────────worsen (lose response)◀───────┘  │                               │
//!    ├──────────relapse (same episode)◀──────────┘                               │
//!    └──────────recur (new episode, number + 1)◀─────────────────────────────────┘
//! ```
//!
//! Transitions are dated events recorded by a clinician (or confirmed from a [`Suggestion`]);
//! an illegal one returns an error and leaves the course exactly as it was. The recovery
//! duration is a protocol value with its source ([`EpisodeProtocol`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::episode::{EpisodeCourse, EpisodeEvent, EpisodeProtocol, EpisodeState};
//!
//! let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
//! let mut c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-05"));
//! c.apply(EpisodeEvent::Respond, d("2026-02-16"))?;
//! c.apply(EpisodeEvent::Remit, d("2026-03-30"))?;
//! // Too early for recovery: the default needs 182 days (6 months) of remission.
//! assert!(c.apply(EpisodeEvent::Recover, d("2026-06-01")).is_err());
//! assert_eq!(c.state(), EpisodeState::Remission);
//! c.apply(EpisodeEvent::Recover, d("2026-09-28"))?;
//! c.apply(EpisodeEvent::Recur, d("2027-05-03"))?;
//! assert_eq!((c.state(), c.episode_number()), (EpisodeState::Episode, 2));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ErrorKind;
use crate::measures::change::Change;
use crate::persist::Persist;
use crate::source::{Cited, Evidence, Source};

/// Where a person is in the course of a depressive (or mood) episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum EpisodeState {
    /// In an episode (the index episode, or a new one after recurrence).
    Episode,
    /// Clinically significant symptom reduction, not yet remission.
    Response,
    /// Virtual absence of symptoms (commonly HRSD-17 ≤ 7, PHQ-9 < 5), not yet long enough to
    /// count as recovery.
    Remission,
    /// Remission sustained long enough that a later episode counts as a new one.
    Recovery,
}

/// A clinician-recorded change of state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum EpisodeEvent {
    /// Episode → Response.
    Respond,
    /// Episode or Response → Remission.
    Remit,
    /// Response → Episode: the response is lost before remission (still the same episode).
    Worsen,
    /// Remission → Episode: the index episode returns before recovery (FRANK-1991 "relapse").
    Relapse,
    /// Remission → Recovery, once remission has lasted the protocol's recovery duration.
    Recover,
    /// Recovery → Episode: a new episode (FRANK-1991 "recurrence"); the episode number rises.
    Recur,
}

impl EpisodeEvent {
    /// The state this event leads to from `from`, or `None` when it is not allowed there.
    pub fn target(self, from: EpisodeState) -> Option<EpisodeState> {
        use EpisodeEvent as E;
        use EpisodeState as S;
        match (from, self) {
            (S::Episode, E::Respond) => Some(S::Response),
            (S::Episode | S::Response, E::Remit) => Some(S::Remission),
            (S::Response, E::Worsen) => Some(S::Episode),
            (S::Remission, E::Relapse) => Some(S::Episode),
            (S::Remission, E::Recover) => Some(S::Recovery),
            (S::Recovery, E::Recur) => Some(S::Episode),
            _ => None,
        }
    }
}

/// Protocol values of the episode course, each with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpisodeProtocol {
    /// How many days remission must have lasted before `Recover` is allowed.
    pub recovery_after_days: Cited<u32>,
}

impl Default for EpisodeProtocol {
    /// Recovery after 182 days (6 months) of remission: the upper end of the 4–6 months in
    /// spec clinical.md §6.1, so that a return of symptoms is not called a new episode
    /// (recurrence) too early.
    fn default() -> Self {
        EpisodeProtocol {
            recovery_after_days: Cited::new(
                182,
                Source::new(
                    "FRANK-1991",
                    "recovery = remission sustained long enough that a later episode counts as new; often ≥ 4–6 months (spec clinical.md §6.1); default 6 months",
                    Evidence::ManualRecalled,
                ),
            ),
        }
    }
}

impl EpisodeProtocol {
    /// A protocol with a local recovery duration (for example 120 days = 4 months).
    pub fn with_recovery_after_days(days: u32, source: Source) -> Self {
        EpisodeProtocol { recovery_after_days: Cited::new(days, source) }
    }
}

/// One recorded transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpisodeTransition {
    /// The event.
    pub event: EpisodeEvent,
    /// The date it took effect.
    pub on: NaiveDate,
    /// State before.
    pub from: EpisodeState,
    /// State after.
    pub to: EpisodeState,
    /// Episode number after the transition.
    pub episode: u32,
}

/// Errors from [`crate::episode`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EpisodeError {
    /// The event is not allowed in the current state.
    #[error("{event:?} is not allowed in state {state:?}: allowed here are {allowed:?}")]
    NotAllowed {
        /// The event.
        event: EpisodeEvent,
        /// The current state.
        state: EpisodeState,
        /// The events allowed in this state.
        allowed: Vec<EpisodeEvent>,
    },
    /// The event is dated before the last transition.
    #[error("{event:?} on {on} is before the last transition on {last}: record events in date order")]
    OutOfOrder {
        /// The event.
        event: EpisodeEvent,
        /// Its date.
        on: NaiveDate,
        /// Date of the last transition.
        last: NaiveDate,
    },
    /// Recovery asked for before remission lasted the protocol's duration.
    #[error(
        "recovery needs remission sustained for {required_days} days ({source_key}); remission began {since} and has lasted {days} days: record Recover on or after {earliest}"
    )]
    RemissionTooShort {
        /// Days of remission so far.
        days: i64,
        /// Days required by the protocol.
        required_days: u32,
        /// Start of remission.
        since: NaiveDate,
        /// First date recovery is allowed.
        earliest: NaiveDate,
        /// Source key of the duration.
        source_key: String,
    },
}

impl EpisodeError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            EpisodeError::NotAllowed { .. } | EpisodeError::RemissionTooShort { .. } => ErrorKind::IllegalTransition,
            EpisodeError::OutOfOrder { .. } => ErrorKind::InvalidInput,
        }
    }
}

/// The course of episodes for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpisodeCourse {
    protocol: EpisodeProtocol,
    started: NaiveDate,
    state: EpisodeState,
    since: NaiveDate,
    episode: u32,
    history: Vec<EpisodeTransition>,
}

const ALL_EVENTS: [EpisodeEvent; 6] = [
    EpisodeEvent::Respond,
    EpisodeEvent::Remit,
    EpisodeEvent::Worsen,
    EpisodeEvent::Relapse,
    EpisodeEvent::Recover,
    EpisodeEvent::Recur,
];

impl EpisodeCourse {
    /// A course that starts in the index episode (episode 1) on `started`.
    pub fn new(protocol: EpisodeProtocol, started: NaiveDate) -> Self {
        EpisodeCourse {
            protocol,
            started,
            state: EpisodeState::Episode,
            since: started,
            episode: 1,
            history: Vec::new(),
        }
    }

    /// The current state.
    pub fn state(&self) -> EpisodeState {
        self.state
    }

    /// The date the current state began.
    pub fn since(&self) -> NaiveDate {
        self.since
    }

    /// The episode number (1 = index episode; each recurrence adds one).
    pub fn episode_number(&self) -> u32 {
        self.episode
    }

    /// The protocol values.
    pub fn protocol(&self) -> &EpisodeProtocol {
        &self.protocol
    }

    /// Every transition so far.
    pub fn history(&self) -> &[EpisodeTransition] {
        &self.history
    }

    /// The events allowed in the current state (ignoring dates).
    pub fn allowed(&self) -> Vec<EpisodeEvent> {
        ALL_EVENTS.into_iter().filter(|e| e.target(self.state).is_some()).collect()
    }

    /// Checks `event` on `on` without changing anything; returns the transition it would make.
    pub fn check(&self, event: EpisodeEvent, on: NaiveDate) -> Result<EpisodeTransition, EpisodeError> {
        let to = event.target(self.state).ok_or_else(|| EpisodeError::NotAllowed {
            event,
            state: self.state,
            allowed: self.allowed(),
        })?;
        if on < self.since {
            return Err(EpisodeError::OutOfOrder { event, on, last: self.since });
        }
        if event == EpisodeEvent::Recover {
            let days = (on - self.since).num_days();
            let required = self.protocol.recovery_after_days.value;
            if days < i64::from(required) {
                return Err(EpisodeError::RemissionTooShort {
                    days,
                    required_days: required,
                    since: self.since,
                    earliest: self.since + chrono::Days::new(u64::from(required)),
                    source_key: self.protocol.recovery_after_days.source.key.to_string(),
                });
            }
        }
        let episode = if event == EpisodeEvent::Recur { self.episode.saturating_add(1) } else { self.episode };
        Ok(EpisodeTransition { event, on, from: self.state, to, episode })
    }

    /// Applies `event` on `on`. On error the course is unchanged.
    pub fn apply(&mut self, event: EpisodeEvent, on: NaiveDate) -> Result<EpisodeTransition, EpisodeError> {
        let t = self.check(event, on)?;
        self.state = t.to;
        self.since = t.on;
        self.episode = t.episode;
        self.history.push(t.clone());
        Ok(t)
    }

    /// Replays dated events from a fresh course; stops at the first rejected event.
    pub fn replay(
        protocol: EpisodeProtocol,
        started: NaiveDate,
        events: &[(EpisodeEvent, NaiveDate)],
    ) -> Result<Self, (usize, EpisodeError)> {
        let mut c = EpisodeCourse::new(protocol, started);
        for (i, &(e, on)) in events.iter().enumerate() {
            c.apply(e, on).map_err(|err| (i, err))?;
        }
        Ok(c)
    }

    /// Suggests a transition from a measured change (baseline = start of the episode), without
    /// applying it. The clinician confirms with [`EpisodeCourse::apply`]. Rules:
    /// remission criterion met in Episode/Response → `Remit`; response met in Episode →
    /// `Respond`; in Response with neither met → `Worsen`; in Remission with remission lost and
    /// no response → `Relapse`; in Remission with remission still met after the recovery
    /// duration → `Recover`; in Recovery with remission lost and no response → `Recur`.
    pub fn suggest(&self, change: &Change, on: NaiveDate) -> Option<Suggestion> {
        let met = |c: &Option<crate::measures::change::Criterion>| c.as_ref().map(|c| c.met);
        let remission = met(&change.remission);
        let response = met(&change.response);
        let event = match self.state {
            EpisodeState::Episode | EpisodeState::Response if remission == Some(true) => EpisodeEvent::Remit,
            EpisodeState::Episode if response == Some(true) => EpisodeEvent::Respond,
            EpisodeState::Response if response == Some(false) && remission != Some(true) => EpisodeEvent::Worsen,
            EpisodeState::Remission if remission == Some(false) && response != Some(true) => EpisodeEvent::Relapse,
            EpisodeState::Remission if remission == Some(true) => EpisodeEvent::Recover,
            EpisodeState::Recovery if remission == Some(false) && response != Some(true) => EpisodeEvent::Recur,
            _ => return None,
        };
        self.check(event, on).ok()?;
        let mut reasons = Vec::new();
        for (name, c) in [("remission", &change.remission), ("response", &change.response)] {
            if let Some(c) = c {
                reasons.push(format!(
                    "{} {}: {} (observed {:.1}; {})",
                    change.instrument,
                    name,
                    if c.met { "met" } else { "not met" },
                    c.observed,
                    c.source
                ));
            }
        }
        if event == EpisodeEvent::Recover {
            reasons.push(format!(
                "remission since {} ≥ {} days ({})",
                self.since, self.protocol.recovery_after_days.value, self.protocol.recovery_after_days.source
            ));
        }
        Some(Suggestion { event, on, reasons })
    }
}

/// A suggested transition with its reasons; never applied automatically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// The event to record.
    pub event: EpisodeEvent,
    /// The date it would take effect.
    pub on: NaiveDate,
    /// Why, with the numbers and their sources.
    pub reasons: Vec<String>,
}

impl Persist for EpisodeCourse {
    const SCHEMA: &'static str = "ipsrt.episode_course";
    const VERSION: u32 = 1;

    fn validate_loaded(&self) -> Result<(), String> {
        // The stored state must be what its history replays to.
        let events: Vec<(EpisodeEvent, NaiveDate)> = self.history.iter().map(|t| (t.event, t.on)).collect();
        let replayed = EpisodeCourse::replay(self.protocol.clone(), self.started, &events)
            .map_err(|(i, e)| format!("history entry {i} is not a legal transition: {e}"))?;
        if replayed != *self {
            return Err(
                "state, since or episode number does not match the history; restore the file from to_json output"
                    .into(),
            );
        }
        Ok(())
    }
}
