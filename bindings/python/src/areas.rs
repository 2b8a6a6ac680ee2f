//! Persisted types of the course, relapse and inventory areas (the IPSRT rhythm plan is in
//! `ipsrt_area`). Each has the
//! generic bridge (JSON/dict/pickle/eq); the state machines also expose their transitions.

use ipsrt::course::{CourseLog, EventRecord};
use ipsrt::inventory::Inventory;
use ipsrt::relapse::{AlertMachine, Observation, ObservationLog, RelapsePlan};
use pyo3::prelude::*;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyCourse, "Course", CourseLog, {
    /// Replays an event log (EventRecord dicts); the first rejected event is reported.
    #[new]
    #[pyo3(signature = (events = None))]
    fn new(events: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let events: Vec<EventRecord> = match events {
            Some(e) => extract(e, "list of EventRecord")?,
            None => Vec::new(),
        };
        CourseLog::from_events(events).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Applies one event record; on error nothing changes.
    fn apply(&mut self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.apply(extract(record, "EventRecord")?).map_err(core_err)
    }
    /// The accepted events as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.events)
    }
    /// The course the events replay to, as a dict.
    #[getter]
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot)
    }
});

persisted!(PyRelapsePlan, "RelapsePlan", RelapsePlan, {
    /// The plan as a dict of fields (warning signs, triggers, actions, contacts).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Checks the plan's rules.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
});

persisted!(PyAlertMachine, "AlertMachine", AlertMachine, {
    /// A machine at the calm level.
    #[new]
    fn new() -> Self {
        Self { inner: AlertMachine::new() }
    }
    /// Feeds one observation (dict) under a plan; returns the assessment dict. On error the
    /// machine is unchanged.
    fn observe<'py>(
        &mut self,
        py: Python<'py>,
        plan: PyRef<'py, PyRelapsePlan>,
        observation: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let obs: Observation = extract(observation, "Observation")?;
        to_py(py, &self.inner.observe(&plan.inner, obs).map_err(core_err)?)
    }
    /// Feeds observations in order; stops at the first rejected one.
    fn observe_all<'py>(
        &mut self,
        py: Python<'py>,
        plan: PyRef<'py, PyRelapsePlan>,
        observations: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let obs: Vec<Observation> = extract(observations, "list of Observation")?;
        to_py(py, &self.inner.observe_all(&plan.inner, obs.iter()).map_err(core_err)?)
    }
    /// The current alert level.
    #[getter]
    fn level<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.level())
    }
    /// The level transitions as dicts.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.history())
    }
});

persisted!(PyObservationLog, "ObservationLog", ObservationLog, {
    /// The log as a dict of fields.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
});

persisted!(PyInventory, "Inventory", Inventory, {
    /// The people, in the order they were added, as dicts.
    #[getter]
    fn people<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.people())
    }
});
