//! Time helpers (core `ipsrt::time`): `ipsrt.ClockTime`, `ipsrt.ZonedDateTime`,
//! `ipsrt.parse_date()` and `ipsrt.parse_zone()`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use ipsrt::time::{ClockTime, ZonedDateTime, parse_date as core_parse_date, parse_zone as core_parse_zone};
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::convert::extract;
use crate::errors::core_err;

/// A wall-clock time of day, `00:00`–`23:59`, to the minute: `ClockTime(7, 5)`,
/// `ClockTime.parse("07:05")`, `ClockTime.from_minutes(425)`. Ordered, hashable.
#[pyclass(module = "ipsrt", name = "ClockTime", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyClockTime {
    /// The core value.
    pub inner: ClockTime,
}

#[pymethods]
impl PyClockTime {
    /// From hour (0–23) and minute (0–59).
    #[new]
    fn new(hour: Whole<u32>, minute: Whole<u32>) -> PyResult<Self> {
        let hour = hour.0;
        let minute = minute.0;
        ClockTime::from_hm(hour, minute).map(|inner| Self { inner }).map_err(core_err)
    }
    /// From minutes after midnight (0–1439).
    #[staticmethod]
    fn from_minutes(minutes: i64) -> PyResult<Self> {
        ClockTime::from_minutes(minutes).map(|inner| Self { inner }).map_err(core_err)
    }
    /// A fractional minute-of-day wrapped onto the 24-hour circle and rounded to the minute
    /// (`371.67` → `06:12`, `1500` → `01:00`); None for a non-finite number.
    #[staticmethod]
    fn from_minutes_wrapped(minutes: f64) -> Option<Self> {
        ClockTime::from_minutes_f64_wrapped(minutes).map(|inner| Self { inner })
    }
    /// Strict `HH:MM` (24-hour; `7:05`, `24:00` and `07:05:00` are rejected).
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        text.parse::<ClockTime>().map(|inner| Self { inner }).map_err(core_err)
    }
    /// The hour, 0–23.
    #[getter]
    fn hour(&self) -> u32 {
        self.inner.hour()
    }
    /// The minute, 0–59.
    #[getter]
    fn minute(&self) -> u32 {
        self.inner.minute()
    }
    /// Minutes after midnight, 0–1439.
    #[getter]
    fn minutes(&self) -> u16 {
        self.inner.minutes()
    }
    /// As a `datetime.time`.
    fn to_time(&self) -> NaiveTime {
        self.inner.to_naive_time()
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!("ipsrt.ClockTime.parse({:?})", self.inner.to_string())
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (u32, u32))> {
        Ok((py.get_type::<Self>().into_any(), (self.inner.hour(), self.inner.minute())))
    }
}

/// A local wall-clock date-time with the IANA zone it was written in:
/// `ZonedDateTime(datetime(2026, 3, 29, 2, 30), "Europe/Amsterdam")` or
/// `ZonedDateTime.parse("2026-03-29T02:30", "Europe/Amsterdam")`. Its dict form is
/// `{"local": "2026-03-29T02:30:00", "zone": "Europe/Amsterdam"}`.
#[pyclass(module = "ipsrt", name = "ZonedDateTime", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyZonedDateTime {
    /// The core value.
    pub inner: ZonedDateTime,
}

#[pymethods]
impl PyZonedDateTime {
    /// Pairs a naive `datetime.datetime` (local wall-clock time) with an IANA zone name.
    #[new]
    fn new(local: NaiveDateTime, zone: &str) -> PyResult<Self> {
        Ok(Self { inner: ZonedDateTime::new(local, core_parse_zone(zone).map_err(core_err)?) })
    }
    /// Parses `YYYY-MM-DDTHH:MM[:SS]` and an IANA zone name.
    #[staticmethod]
    fn parse(local: &str, zone: &str) -> PyResult<Self> {
        ZonedDateTime::parse(local, zone).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The local wall-clock moment in `zone` of an aware `datetime.datetime`.
    #[staticmethod]
    fn from_utc(instant: DateTime<Utc>, zone: &str) -> PyResult<Self> {
        Ok(Self { inner: ZonedDateTime::from_utc(instant, core_parse_zone(zone).map_err(core_err)?) })
    }
    /// The local date-time (a naive `datetime.datetime`).
    #[getter]
    fn local(&self) -> NaiveDateTime {
        self.inner.local
    }
    /// The IANA zone name.
    #[getter]
    fn zone(&self) -> &'static str {
        self.inner.zone.name()
    }
    /// The local date.
    fn date(&self) -> NaiveDate {
        self.inner.date()
    }
    /// The instant (an aware UTC `datetime.datetime`), strictly: a local time inside a
    /// daylight-saving gap raises `InvalidInputError`; an overlap resolves to the earlier instant.
    fn to_utc(&self) -> PyResult<DateTime<Utc>> {
        self.inner.to_utc().map_err(core_err)
    }
    /// The instant, leniently, as `zoneinfo` and `java.time` resolve it: a local time inside a
    /// gap moves later by the gap's length; an overlap resolves to the earlier instant.
    fn to_utc_lenient(&self) -> DateTime<Utc> {
        self.inner.to_utc_lenient()
    }
    /// The dict form `{"local", "zone"}` (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_py(py, &self.inner)
    }
    /// From the dict form `{"local", "zone"}`.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        extract(data, "ZonedDateTime").map(|inner| Self { inner })
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "ipsrt.ZonedDateTime.parse({:?}, {:?})",
            self.inner.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
            self.inner.zone.name()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (NaiveDateTime, &'static str))> {
        Ok((py.get_type::<Self>().into_any(), (self.inner.local, self.inner.zone.name())))
    }
}

/// Parses a `YYYY-MM-DD` date strictly (the form every ipsrt file uses).
#[pyfunction]
pub fn parse_date(text: &str) -> PyResult<NaiveDate> {
    core_parse_date(text).map_err(core_err)
}

/// Checks an IANA zone name and returns its canonical spelling.
#[pyfunction]
pub fn parse_zone(name: &str) -> PyResult<&'static str> {
    core_parse_zone(name).map(|z| z.name()).map_err(core_err)
}

/// Registers the time helpers.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClockTime>()?;
    m.add_class::<PyZonedDateTime>()?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(parse_zone, m)?)?;
    Ok(())
}
