//! The episode course (the core's `ipsrt::episode`): episode → response → remission →
//! recovery, relapse and recurrence (Frank et al. 1991), recorded by the clinician.
//!
//! [`EpisodeCourse`] is an Object (thread-safe, see [`crate::state`]; schema
//! `ipsrt.episode_course`). The machine only allows the transitions the core allows; a measured
//! change ([`crate::measures::compare_measures`]) can *suggest* one, never apply it.

use std::sync::Arc;

use ipsrt::episode as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, persisted_object, to_core, unsigned};
use crate::error::{IpsrtError, guard};
use crate::measures::MeasureChange;
use crate::source::SourceRef;
use crate::state::Locked;
use crate::time::LocalDate;

/// Where a person is in the course of a mood episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EpisodeState {
    /// In an episode (the index episode, or a new one after recurrence).
    Episode,
    /// Clinically significant symptom reduction, not yet remission.
    Response,
    /// Virtual absence of symptoms, not yet long enough to count as recovery.
    Remission,
    /// Remission sustained long enough that a later episode counts as a new one.
    Recovery,
}

/// A clinician-recorded change of episode state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EpisodeEvent {
    /// Episode → Response.
    Respond,
    /// Episode or Response → Remission.
    Remit,
    /// Response → Episode (the response is lost before remission).
    Worsen,
    /// Remission → Episode: the index episode returns before recovery (relapse).
    Relapse,
    /// Remission → Recovery, once remission has lasted the protocol's recovery duration.
    Recover,
    /// Recovery → Episode: a new episode (recurrence); the episode number rises.
    Recur,
}

/// One recorded transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct EpisodeTransition {
    /// The event.
    pub event: EpisodeEvent,
    /// The date it took effect.
    pub on: LocalDate,
    /// State before.
    pub from: EpisodeState,
    /// State after.
    pub to: EpisodeState,
    /// Episode number after the transition.
    pub episode: i64,
    /// Polarity of the episode after the transition.
    pub polarity: crate::life_chart::EpisodePolarity,
}

/// A suggested transition with its reasons (numbers and sources); never applied by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct EpisodeSuggestion {
    /// The event to record.
    pub event: EpisodeEvent,
    /// The date it would take effect.
    pub on: LocalDate,
    /// Why, with the numbers and their sources.
    pub reasons: Vec<String>,
}

/// A person's episode course (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct EpisodeCourse {
    pub(crate) state: Locked<core::EpisodeCourse>,
}

persisted_object!(EpisodeCourse, core::EpisodeCourse);

#[uniffi::export]
impl EpisodeCourse {
    /// A course in an episode since `started`, with the default protocol (recovery after
    /// 182 days of remission, FRANK-1991).
    #[uniffi::constructor]
    pub fn new(started: LocalDate) -> Arc<Self> {
        Arc::new(EpisodeCourse {
            state: Locked::new(core::EpisodeCourse::new(core::EpisodeProtocol::default(), started)),
        })
    }

    /// A course with a local recovery duration (`decided_by` becomes its source, e.g.
    /// `"clinic protocol 2026"`).
    #[uniffi::constructor]
    pub fn with_recovery_after_days(
        started: LocalDate,
        recovery_after_days: i64,
        decided_by: String,
    ) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            let protocol = core::EpisodeProtocol::with_recovery_after_days(
                unsigned(recovery_after_days, "recovery_after_days")?,
                ipsrt::source::Source::local(decided_by),
            );
            Ok(Arc::new(EpisodeCourse { state: Locked::new(core::EpisodeCourse::new(protocol, started)) }))
        })
    }

    /// Records a transition on a date; returns it. An illegal one (remit from recovery, recover
    /// too early, a date before the last one) is an error and changes nothing.
    pub fn apply(&self, event: EpisodeEvent, on: LocalDate) -> Result<EpisodeTransition, IpsrtError> {
        guard(|| {
            let event: core::EpisodeEvent = to_core(&event)?;
            self.state.update(|c| from_core(&c.apply(event, on)?))
        })
    }

    /// Checks a transition without recording it.
    pub fn check(&self, event: EpisodeEvent, on: LocalDate) -> Result<EpisodeTransition, IpsrtError> {
        guard(|| {
            let event: core::EpisodeEvent = to_core(&event)?;
            self.state.read(|c| from_core(&c.check(event, on)?))
        })
    }

    /// The current state.
    pub fn state(&self) -> Result<EpisodeState, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.state())))
    }

    /// Since when the current state holds.
    pub fn since(&self) -> Result<LocalDate, IpsrtError> {
        guard(|| Ok(self.state.read(|c| c.since())))
    }

    /// The episode number (1 for the index episode).
    pub fn episode_number(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|c| i64::from(c.episode_number()))))
    }

    /// The events the current state allows (ignoring dates).
    pub fn allowed(&self) -> Result<Vec<EpisodeEvent>, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.allowed())))
    }

    /// Polarity of the current episode.
    pub fn polarity(&self) -> Result<crate::life_chart::EpisodePolarity, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.polarity())))
    }

    /// Episodes before the index episode.
    pub fn prior_episodes(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|c| i64::from(c.prior_episodes()))))
    }

    /// Records a recurrence (a new episode) of `polarity` on `on` (a depressive course can
    /// recur as a manic episode). On error nothing changes.
    pub fn recur_with(
        &self,
        polarity: crate::life_chart::EpisodePolarity,
        on: LocalDate,
    ) -> Result<EpisodeTransition, IpsrtError> {
        guard(|| {
            let p: ipsrt::episode::EpisodePolarity = to_core(&polarity)?;
            let t = self.state.update(|c| Ok(c.recur_with(p, on)?))?;
            from_core(&t)
        })
    }

    /// Every transition so far, oldest first.
    pub fn history(&self) -> Result<Vec<EpisodeTransition>, IpsrtError> {
        guard(|| self.state.read(|c| from_core(&c.history())))
    }

    /// The protocol's recovery duration in days, with its source.
    pub fn recovery_after_days(&self) -> Result<i64, IpsrtError> {
        guard(|| Ok(self.state.read(|c| i64::from(c.protocol().recovery_after_days.value))))
    }

    /// Where the recovery duration comes from.
    pub fn recovery_after_days_source(&self) -> Result<SourceRef, IpsrtError> {
        guard(|| Ok(self.state.read(|c| SourceRef::from(&c.protocol().recovery_after_days.source))))
    }

    /// The transition a measured change suggests on `on` (from `compareMeasures`, baseline =
    /// the start of the episode), or none. Never applied: confirm it with `apply`.
    pub fn suggest(&self, change: MeasureChange, on: LocalDate) -> Result<Option<EpisodeSuggestion>, IpsrtError> {
        guard(|| {
            let change: ipsrt::measures::change::Change = from_json_value("measure change", &change.json)?;
            self.state.read(|c| c.suggest(&change, on).as_ref().map(from_core).transpose())
        })
    }
}
