//! The episode course: episode, response, remission, recovery, relapse and recurrence, per the
//! consensus definitions of Frank et al. 1991.
//!
//! Each episode carries its polarity ([`EpisodePolarity`]: depressive, manic, hypomanic, mixed)
//! and the course carries the number of episodes before the index episode (`prior_episodes`).
//! After remission, suggestions use **absolute** criteria (the follow-up total against the
//! instrument's relapse cut-off, PHQ-9 ≥ 10), never "response" against the first episode's
//! baseline: 24 → 11 after remission is a relapse, not a response.
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

pub use crate::ipsrt::EpisodePolarity;

fn depressive() -> EpisodePolarity {
    EpisodePolarity::Depressive
}

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
    /// Recovery after 182 days (6 months) of remission: the upper end of the usual 4–6 months,
    /// so that a return of symptoms is not called a new episode
    /// (recurrence) too early.
    fn default() -> Self {
        EpisodeProtocol {
            recovery_after_days: Cited::new(
                182,
                Source::new(
                    "FRANK-1991",
                    "recovery = remission sustained long enough that a later episode counts as new; often ≥ 4–6 months (docs/episode.md#rules); default 6 months",
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
    /// Polarity of the episode after the transition (a recurrence may have a new polarity).
    #[serde(default = "depressive")]
    pub polarity: EpisodePolarity,
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
    /// Polarity of the current episode.
    #[serde(default = "depressive")]
    polarity: EpisodePolarity,
    /// Episodes before the index episode (from the history taking).
    #[serde(default)]
    prior_episodes: u32,
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
    /// A course that starts in a depressive index episode (episode 1) on `started`, with no
    /// prior episodes recorded.
    pub fn new(protocol: EpisodeProtocol, started: NaiveDate) -> Self {
        Self::with_history(protocol, started, EpisodePolarity::Depressive, 0)
    }

    /// A course whose index episode has `polarity`, after `prior_episodes` earlier episodes.
    pub fn with_history(
        protocol: EpisodeProtocol,
        started: NaiveDate,
        polarity: EpisodePolarity,
        prior_episodes: u32,
    ) -> Self {
        EpisodeCourse {
            protocol,
            started,
            state: EpisodeState::Episode,
            since: started,
            episode: 1,
            history: Vec::new(),
            polarity,
            prior_episodes,
        }
    }

    /// Polarity of the current episode.
    pub fn polarity(&self) -> EpisodePolarity {
        self.polarity
    }

    /// Episodes before the index episode.
    pub fn prior_episodes(&self) -> u32 {
        self.prior_episodes
    }

    /// Every episode so far, prior ones included (`prior_episodes + episode_number`).
    pub fn lifetime_episodes(&self) -> u32 {
        self.prior_episodes.saturating_add(self.episode)
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
        Ok(EpisodeTransition { event, on, from: self.state, to, episode, polarity: self.polarity })
    }

    /// Records a recurrence (a new episode) of `polarity` on `on`; a depressive course can
    /// recur as a manic episode. On error the course is unchanged.
    pub fn recur_with(&mut self, polarity: EpisodePolarity, on: NaiveDate) -> Result<EpisodeTransition, EpisodeError> {
        let mut t = self.check(EpisodeEvent::Recur, on)?;
        t.polarity = polarity;
        self.commit(t.clone());
        Ok(t)
    }

    fn commit(&mut self, t: EpisodeTransition) {
        self.state = t.to;
        self.since = t.on;
        self.episode = t.episode;
        self.polarity = t.polarity;
        self.history.push(t);
    }

    /// Applies `event` on `on`. On error the course is unchanged.
    pub fn apply(&mut self, event: EpisodeEvent, on: NaiveDate) -> Result<EpisodeTransition, EpisodeError> {
        let t = self.check(event, on)?;
        self.commit(t.clone());
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
    /// `Respond`; in Response with neither met → `Worsen`. **After remission** (Remission,
    /// Recovery) only absolute criteria count: the follow-up total meets the instrument's
    /// relapse cut-off (PHQ-9 ≥ 10), or — for an instrument without one — no longer meets the
    /// remission cut-off → `Relapse` (from Remission) or `Recur` (from Recovery); a reduction
    /// against the first episode's baseline is never read as "response" there. Remission still
    /// met after the recovery duration → `Recover`.
    pub fn suggest(&self, change: &Change, on: NaiveDate) -> Option<Suggestion> {
        let met = |c: &Option<crate::measures::change::Criterion>| c.as_ref().map(|c| c.met);
        let remission = met(&change.remission);
        let response = met(&change.response);
        let returned = match &change.relapse {
            Some(c) => Some(c.met),
            None => remission.map(|r| !r),
        };
        let after_remission = matches!(self.state, EpisodeState::Remission | EpisodeState::Recovery);
        let event = match self.state {
            EpisodeState::Episode | EpisodeState::Response if remission == Some(true) => EpisodeEvent::Remit,
            EpisodeState::Episode if response == Some(true) => EpisodeEvent::Respond,
            EpisodeState::Response if response == Some(false) && remission != Some(true) => EpisodeEvent::Worsen,
            EpisodeState::Remission if returned == Some(true) => EpisodeEvent::Relapse,
            EpisodeState::Remission if remission == Some(true) => EpisodeEvent::Recover,
            EpisodeState::Recovery if returned == Some(true) => EpisodeEvent::Recur,
            _ => return None,
        };
        self.check(event, on).ok()?;
        let mut reasons = Vec::new();
        let checked: Vec<(&str, &Option<crate::measures::change::Criterion>)> = if after_remission {
            vec![("relapse cut-off (absolute)", &change.relapse), ("remission", &change.remission)]
        } else {
            vec![("remission", &change.remission), ("response", &change.response)]
        };
        if after_remission {
            reasons.push(format!(
                "after remission only absolute criteria count: the follow-up total {} is judged on its own, not as a reduction from the episode baseline {}",
                change.follow_up, change.baseline
            ));
        }
        for (name, c) in checked {
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
    const VERSION: u32 = 2;

    /// Version 2 added the polarity (of the course and of each transition) and the number of
    /// prior episodes; version 1 courses were depressive with none recorded.
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        if from != 1 {
            return Err(format!("no migration from version {from} is known"));
        }
        let obj = data.as_object_mut().ok_or("expected an object (an episode course)")?;
        obj.entry("polarity").or_insert_with(|| "depressive".into());
        obj.entry("prior_episodes").or_insert_with(|| 0.into());
        if let Some(history) = obj.get_mut("history").and_then(|h| h.as_array_mut()) {
            for t in history.iter_mut().filter_map(|t| t.as_object_mut()) {
                t.entry("polarity").or_insert_with(|| "depressive".into());
            }
        }
        Ok(data)
    }

    fn validate_loaded(&self) -> Result<(), String> {
        // The stored state must be what its history replays to.
        let first = self.history.iter().find(|t| t.episode == 1).map_or(self.polarity, |t| t.polarity);
        let mut replayed = EpisodeCourse::with_history(self.protocol.clone(), self.started, first, self.prior_episodes);
        for (i, t) in self.history.iter().enumerate() {
            let r = if t.event == EpisodeEvent::Recur {
                replayed.recur_with(t.polarity, t.on)
            } else {
                replayed.apply(t.event, t.on)
            };
            r.map_err(|e| format!("history entry {i} is not a legal transition: {e}"))?;
        }
        if replayed != *self {
            return Err(
                "state, since or episode number does not match the history; restore the file from to_json output"
                    .into(),
            );
        }
        Ok(())
    }
}
