//! `ipsrt.EpisodeCourse`: the episode state machine (core `ipsrt::episode`): episode →
//! response → remission → recovery, relapse and recurrence, with the recovery rule's source.

use chrono::NaiveDate;
use ipsrt::episode::{EpisodeCourse, EpisodeEvent, EpisodeProtocol, EpisodeState};
use ipsrt::measures::change::Change;
use pyo3::prelude::*;

use crate::convert::{date_arg, enum_arg, extract, source_for, to_py};
use crate::errors::{Whole, core_err, with_rejected_index};
use crate::persisted;

fn protocol(recovery_after_days: Option<u32>, source: Option<&Bound<'_, PyAny>>) -> PyResult<EpisodeProtocol> {
    match recovery_after_days {
        None => Ok(EpisodeProtocol::default()),
        Some(days) => Ok(EpisodeProtocol::with_recovery_after_days(days, source_for(source, "recovery_after_days")?)),
    }
}

fn event_kind(name: &str) -> PyResult<EpisodeEvent> {
    enum_arg(name, "episode event")
}

persisted!(PyEpisodeCourse, "EpisodeCourse", EpisodeCourse, {
    /// A course in its first episode since `started`. Recovery needs a remission of
    /// `recovery_after_days` (default 182, FRANK-1991); a changed number needs a `source`.
    /// `polarity` (`"depressive"` default, `"manic"`, `"hypomanic"`, `"mixed"`) is the index
    /// episode's; `prior_episodes` counts the episodes before it.
    #[new]
    #[pyo3(signature = (started, *, recovery_after_days = None, source = None, polarity = "depressive", prior_episodes = None))]
    fn new(
        started: &Bound<'_, PyAny>,
        recovery_after_days: Option<Whole<u32>>,
        source: Option<&Bound<'_, PyAny>>,
        polarity: &str,
        prior_episodes: Option<Whole<u32>>,
    ) -> PyResult<Self> {
        let recovery_after_days = recovery_after_days.map(|w| w.0);
        let prior_episodes = prior_episodes.map_or(0, |w| w.0);
        let p = protocol(recovery_after_days, source)?;
        let polarity: ipsrt::episode::EpisodePolarity = enum_arg(polarity, "episode polarity")?;
        Ok(Self { inner: EpisodeCourse::with_history(p, date_arg(started, "started")?, polarity, prior_episodes) })
    }
    /// Polarity of the current episode (`"depressive"`, `"manic"`, `"hypomanic"`, `"mixed"`).
    #[getter]
    fn polarity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.polarity())
    }
    /// Episodes before the index episode.
    #[getter]
    fn prior_episodes(&self) -> u32 {
        self.inner.prior_episodes()
    }
    /// Every episode so far, prior ones included.
    #[getter]
    fn lifetime_episodes(&self) -> u32 {
        self.inner.lifetime_episodes()
    }
    /// Records a recurrence (a new episode) of `polarity` on `date`; the transition as a dict.
    fn recur_with<'py>(
        &mut self,
        py: Python<'py>,
        polarity: &str,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let polarity: ipsrt::episode::EpisodePolarity = enum_arg(polarity, "episode polarity")?;
        let t = self.inner.recur_with(polarity, date_arg(date, "date")?).map_err(core_err)?;
        to_py(py, &t)
    }
    /// Rebuilds a course from `(event, date)` pairs; the error of the first rejected event
    /// carries `rejected_index`.
    #[staticmethod]
    #[pyo3(signature = (started, events, *, recovery_after_days = None, source = None))]
    fn replay(
        started: &Bound<'_, PyAny>,
        events: Vec<(String, Bound<'_, PyAny>)>,
        recovery_after_days: Option<Whole<u32>>,
        source: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let recovery_after_days = recovery_after_days.map(|w| w.0);
        let p = protocol(recovery_after_days, source)?;
        let events: Vec<(EpisodeEvent, NaiveDate)> =
            events.iter().map(|(e, d)| Ok((event_kind(e)?, date_arg(d, "date")?))).collect::<PyResult<_>>()?;
        EpisodeCourse::replay(p, date_arg(started, "started")?, &events)
            .map(|inner| Self { inner })
            .map_err(|(i, e)| with_rejected_index(core_err(e), i))
    }
    /// The state: `"episode"`, `"response"`, `"remission"` or `"recovery"`.
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.state())
    }
    /// Since when the course has been in its state.
    #[getter]
    fn since(&self) -> NaiveDate {
        self.inner.since()
    }
    /// The episode's number (1 for the first; a recurrence starts a new one).
    #[getter]
    fn episode_number(&self) -> u32 {
        self.inner.episode_number()
    }
    /// The protocol (recovery rule with its source) as a dict.
    #[getter]
    fn protocol<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.protocol())
    }
    /// The transitions so far, as dicts.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.history())
    }
    /// The events the current state allows.
    fn allowed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.allowed())
    }
    /// The transition `event` (`"respond"`, `"remit"`, `"worsen"`, `"relapse"`, `"recover"`,
    /// `"recur"`) on `on` would make, without applying it; raises when it is not allowed.
    fn check<'py>(&self, py: Python<'py>, event: &str, on: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.check(event_kind(event)?, date_arg(on, "on")?).map_err(core_err)?)
    }
    /// Applies `event` on `on` and returns the transition as a dict; on error nothing changes.
    fn apply<'py>(&mut self, py: Python<'py>, event: &str, on: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.apply(event_kind(event)?, date_arg(on, "on")?).map_err(core_err)?)
    }
    /// The event a measured change (a dict from `compare_measures`) suggests on `on`, with
    /// its reasons, or None. Nothing is applied.
    fn suggest<'py>(
        &self,
        py: Python<'py>,
        change: &Bound<'py, PyAny>,
        on: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let change: Change = extract(change, "Change")?;
        to_py(py, &self.inner.suggest(&change, date_arg(on, "on")?))
    }
    /// The state `event` leads to from `state`, or None when the state does not allow it.
    #[staticmethod]
    fn target<'py>(py: Python<'py>, event: &str, state: &str) -> PyResult<Bound<'py, PyAny>> {
        let state: EpisodeState = enum_arg(state, "episode state")?;
        to_py(py, &event_kind(event)?.target(state))
    }
});

/// Registers `EpisodeCourse`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEpisodeCourse>()
}
