//! Life events and problem-area suggestion (core `ipsrt::life_event`): `ipsrt.LifeEvent` and
//! `ipsrt.suggest_problem_areas()`.

use ipsrt::life_event::{LifeEvent, LifeEventKind, suggest_problem_areas as core_suggest};
use ipsrt::problem_area::Taxonomy;
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::areas::suggest_options;
use crate::convert::{date_arg, enum_arg, extract, to_py};
use crate::errors::core_err;
use crate::plain;

plain!(PyLifeEvent, "LifeEvent", LifeEvent, {
    /// A dated life event (`kind` such as `"death"`, `"divorce_separation"`,
    /// `"time_zone_travel"`). Check it with `validate()`.
    #[new]
    #[pyo3(signature = (kind, date, *, person = None, contested = false, chronic = false, note = None))]
    fn new(
        kind: &str,
        date: &Bound<'_, PyAny>,
        person: Option<&str>,
        contested: bool,
        chronic: bool,
        note: Option<String>,
    ) -> PyResult<Self> {
        let kind: LifeEventKind = enum_arg(kind, "life event kind")?;
        let mut e = LifeEvent::new(kind, date_arg(date, "date")?);
        e.person = person.map(|p| ipsrt::inventory::PersonId::new(p).map_err(core_err)).transpose()?;
        e.contested = contested;
        e.chronic = chronic;
        e.note = note;
        Ok(Self { inner: e })
    }
    /// The kind's name.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.kind)
    }
    /// The day.
    #[getter]
    fn date(&self) -> chrono::NaiveDate {
        self.inner.date
    }
    /// The person concerned (an inventory id), or None.
    #[getter]
    fn person(&self) -> Option<&str> {
        self.inner.person.as_ref().map(|p| p.as_str())
    }
    /// Still contested with someone.
    #[getter]
    fn contested(&self) -> bool {
        self.inner.contested
    }
    /// For an own illness: chronic or bipolar.
    #[getter]
    fn chronic(&self) -> bool {
        self.inner.chronic
    }
    /// Free text, or None.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }
    /// Whether the kind disrupts social rhythms (IPSRT: travel, shift work, exams, …).
    #[getter]
    fn is_rhythm_disruptor(&self) -> bool {
        self.inner.kind.is_rhythm_disruptor()
    }
    /// Whether the kind is one of the seed documents' life events.
    #[getter]
    fn is_seed_event(&self) -> bool {
        self.inner.kind.is_seed_event()
    }
    /// Checks the event (note length, person id).
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
});

/// Candidate problem areas for life `events` (`LifeEvent`s or their dicts) given the symptom
/// `onset` (a date or None) and the clinic's `taxonomy` (`"wmk4"`, `"sr3"`, `"ipsrt5"`). Every
/// candidate explains itself and names its source; nothing is chosen. `proximal_days`
/// (default 365, a design choice) needs a `source`.
#[pyfunction]
#[pyo3(signature = (events, onset, taxonomy, *, proximal_days = None, source = None))]
pub fn suggest_problem_areas<'py>(
    py: Python<'py>,
    events: &Bound<'py, PyAny>,
    onset: Option<&Bound<'py, PyAny>>,
    taxonomy: &str,
    proximal_days: Option<Whole<u32>>,
    source: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let proximal_days = proximal_days.map(|w| w.0);
    let events: Vec<LifeEvent> = extract(events, "list of LifeEvent")?;
    for e in &events {
        e.validate().map_err(core_err)?;
    }
    let onset = onset.filter(|o| !o.is_none()).map(|o| date_arg(o, "onset")).transpose()?;
    let taxonomy: Taxonomy = enum_arg(taxonomy, "taxonomy")?;
    let options = suggest_options(proximal_days, source)?;
    to_py(py, &core_suggest(&events, onset, taxonomy, &options))
}

/// Registers the life-event area.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLifeEvent>()?;
    m.add_function(wrap_pyfunction!(suggest_problem_areas, m)?)?;
    Ok(())
}
