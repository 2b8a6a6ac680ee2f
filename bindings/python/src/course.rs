//! The course area's value types: `ipsrt.Protocol`, `ipsrt.Contract`, `ipsrt.Range` and
//! `ipsrt.event_record()`. The course itself (`ipsrt.Course`) is in [`crate::areas`].

use ipsrt::course::{Contract, CourseEvent, EventRecord, Frequency, Protocol, Range};
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::convert::{date_arg, enum_arg, extract, to_py};
use crate::errors::core_err;
use crate::plain;

/// A `Range` object or a `(min, max)` pair.
pub fn range_arg(obj: &Bound<'_, PyAny>) -> PyResult<Range> {
    if let Ok(r) = obj.cast::<PyRange>() {
        return Ok(r.borrow().inner);
    }
    let (min, max): (u32, u32) = obj.extract().map_err(|_| {
        crate::errors::invalid("pass a range as ipsrt.Range(min, max) or a (min, max) pair of whole numbers")
    })?;
    Range::new(min, max).map_err(core_err)
}

plain!(PyRange, "Range", Range, {
    /// An inclusive range `min ≤ max` (checked).
    #[new]
    fn new(min: Whole<u32>, max: Whole<u32>) -> PyResult<Self> {
        let min = min.0;
        let max = max.0;
        Range::new(min, max).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Smallest value.
    #[getter]
    fn min(&self) -> u32 {
        self.inner.min
    }
    /// Largest value.
    #[getter]
    fn max(&self) -> u32 {
        self.inner.max
    }
    /// Whether `value` is inside the range.
    fn contains(&self, value: Whole<u32>) -> bool {
        let value = value.0;
        self.inner.contains(value)
    }
    fn __contains__(&self, value: Whole<u32>) -> bool {
        let value = value.0;
        self.inner.contains(value)
    }
});

plain!(PyContract, "Contract", Contract, {
    /// A treatment contract: sessions agreed, frequency (`"twice_weekly"`, `"weekly"`,
    /// `"fortnightly"`, `"monthly"`) and minutes per session. Check it with `validate()`;
    /// `Protocol.default_contract()` gives a protocol's default.
    #[new]
    fn new(sessions: Whole<u32>, frequency: &str, minutes: Whole<u32>) -> PyResult<Self> {
        let sessions = sessions.0;
        let minutes = minutes.0;
        let frequency: Frequency = enum_arg(frequency, "frequency")?;
        Ok(Self { inner: Contract { sessions, frequency, minutes } })
    }
    /// Sessions agreed (attended and missed sessions both count against it).
    #[getter]
    fn sessions(&self) -> u32 {
        self.inner.sessions
    }
    /// The frequency's stable name.
    #[getter]
    fn frequency(&self) -> &'static str {
        self.inner.frequency.as_str()
    }
    /// Minutes per session.
    #[getter]
    fn minutes(&self) -> u32 {
        self.inner.minutes
    }
    /// Checks the contract's own numbers (1–200 sessions, 10–240 minutes).
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
    /// Where the contract lies outside `protocol`, as a sentence with the source, or None.
    fn outside(&self, protocol: PyRef<'_, PyProtocol>) -> Option<String> {
        self.inner.outside(&protocol.inner)
    }
});

plain!(PyProtocol, "Protocol", Protocol, {
    /// IPT acute (Weissman, Markowitz & Klerman): 12–16 weekly sessions of 45–50 minutes.
    #[staticmethod]
    fn wmk_acute() -> Self {
        Self { inner: Protocol::wmk_acute() }
    }
    /// Brief IPT (8 sessions).
    #[staticmethod]
    fn ipt_brief() -> Self {
        Self { inner: Protocol::ipt_brief() }
    }
    /// The Spaarne protocol (seed documents).
    #[staticmethod]
    fn spaarne() -> Self {
        Self { inner: Protocol::spaarne() }
    }
    /// IPSRT acute.
    #[staticmethod]
    fn ipsrt_acute() -> Self {
        Self { inner: Protocol::ipsrt_acute() }
    }
    /// Maintenance IPT (monthly).
    #[staticmethod]
    fn ipt_maintenance() -> Self {
        Self { inner: Protocol::ipt_maintenance() }
    }
    /// IPSRT maintenance (the MTBD schedule: twice-monthly, then monthly); the maintenance
    /// protocol of an `ipsrt_acute` course.
    #[staticmethod]
    fn ipsrt_maintenance() -> Self {
        Self { inner: Protocol::ipsrt_maintenance() }
    }
    /// The maintenance protocol a course under this protocol is checked against when
    /// maintenance starts (rules edition 3): `ipsrt_maintenance` for `ipsrt_acute`, else
    /// `ipt_maintenance`.
    fn maintenance_for(&self) -> Self {
        Self { inner: self.inner.maintenance_for() }
    }
    /// The frequencies a contract may have, each with its source, as dicts
    /// `{"value": "monthly", "source": {...}}`; empty when the frequency is not checked.
    #[getter]
    fn allowed_frequencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.allowed_frequencies)
    }
    /// Every built-in protocol.
    #[staticmethod]
    fn builtin() -> Vec<Self> {
        Protocol::builtin().into_iter().map(|inner| Self { inner }).collect()
    }
    /// A clinic's own protocol; every number is attributed to `who` (a local source).
    /// `sessions` and `minutes` are `Range` objects or `(min, max)` pairs.
    #[staticmethod]
    #[pyo3(signature = (key, name, *, sessions, frequency, minutes, who))]
    fn custom(
        key: &str,
        name: &str,
        sessions: &Bound<'_, PyAny>,
        frequency: &str,
        minutes: &Bound<'_, PyAny>,
        who: &str,
    ) -> PyResult<Self> {
        let frequency: Frequency = enum_arg(frequency, "frequency")?;
        Protocol::custom(key, name, range_arg(sessions)?, frequency, range_arg(minutes)?, who)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// The protocol's key (`"wmk_acute"`, …).
    #[getter]
    fn key(&self) -> &str {
        &self.inner.key
    }
    /// The protocol's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// The protocol's version.
    #[getter]
    fn version(&self) -> u32 {
        self.inner.version
    }
    /// The sessions range, with its source, as a dict `{"value": {"min", "max"}, "source"}`.
    #[getter]
    fn sessions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sessions)
    }
    /// The default number of sessions.
    #[getter]
    fn default_sessions(&self) -> u32 {
        self.inner.default_sessions
    }
    /// Checks the protocol's numbers.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
    /// The protocol's default contract.
    fn default_contract(&self) -> PyContract {
        PyContract { inner: self.inner.default_contract() }
    }
});

/// One entry of a course's event log as a dict: `event` (a dict with `"type"`) on `date`,
/// optionally recorded at `recorded_at` (a `ZonedDateTime` or its dict). The event is checked
/// against the core's event form.
#[pyfunction]
#[pyo3(signature = (date, event, *, recorded_at = None))]
pub fn event_record<'py>(
    py: Python<'py>,
    date: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
    recorded_at: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let event: CourseEvent = extract(event, "CourseEvent")?;
    let mut record = EventRecord::new(date_arg(date, "date")?, event);
    if let Some(at) = recorded_at {
        record.recorded_at = Some(extract(at, "ZonedDateTime")?);
    }
    to_py(py, &record)
}

/// Registers the course area's value types.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRange>()?;
    m.add_class::<PyContract>()?;
    m.add_class::<PyProtocol>()?;
    m.add_function(wrap_pyfunction!(event_record, m)?)?;
    Ok(())
}
