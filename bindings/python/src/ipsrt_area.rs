//! IPSRT (core `ipsrt::ipsrt`): `MedicationLog` and `LifeChart`.

use ipsrt::ipsrt::{
    Anchor, ChartEvent, DoseOutcome, DoseRecord, EpisodePolarity, LifeChart, MedicationLog, MoodEpisode, ScheduledDose,
};
use ipsrt::time::ClockTime;
use pyo3::prelude::*;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyMedicationLog, "MedicationLog", MedicationLog, {
    /// A log for a schedule of doses (dicts `{"id", "medication", "time": "HH:MM", "anchor"}`).
    /// `late_after` (minutes) and `missed_doses_flag` default to the core's values.
    #[new]
    #[pyo3(signature = (schedule, *, late_after = None, missed_doses_flag = None))]
    fn new(schedule: &Bound<'_, PyAny>, late_after: Option<u16>, missed_doses_flag: Option<u32>) -> PyResult<Self> {
        let schedule: Vec<ScheduledDose> = extract(schedule, "list of ScheduledDose")?;
        let mut log = MedicationLog::new(schedule).map_err(core_err)?;
        if let Some(m) = late_after {
            log = log.with_late_after(m).map_err(core_err)?;
        }
        if let Some(n) = missed_doses_flag {
            log = log.with_missed_doses_flag(n).map_err(core_err)?;
        }
        Ok(Self { inner: log })
    }
    /// The schedule as dicts.
    #[getter]
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.schedule())
    }
    /// The records as dicts.
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.records())
    }
    /// Doses tied to a rhythm anchor.
    fn doses_at<'py>(&self, py: Python<'py>, anchor: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let anchor: Anchor = extract(anchor, "Anchor")?;
        let v: Vec<&ScheduledDose> = self.inner.doses_at(anchor).collect();
        to_py(py, &v)
    }
    /// Records one dose record (a dict). On error nothing changes.
    fn record(&mut self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        let r: DoseRecord = extract(record, "DoseRecord")?;
        self.inner.record(r).map_err(core_err)
    }
    /// Records a dose taken at a clock time (`"HH:MM"` or `datetime.time`); returns the outcome.
    fn record_taken_at<'py>(
        &mut self,
        py: Python<'py>,
        dose: &str,
        date: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at: ClockTime = extract(at, "clock time")?;
        let o = self.inner.record_taken_at(dose, extract(date, "date")?, at).map_err(core_err)?;
        to_py(py, &o)
    }
    /// Corrects the outcome of a recorded dose.
    fn correct(&mut self, dose: &str, date: &Bound<'_, PyAny>, outcome: &Bound<'_, PyAny>) -> PyResult<()> {
        let outcome: DoseOutcome = extract(outcome, "DoseOutcome")?;
        self.inner.correct(dose, extract(date, "date")?, outcome).map_err(core_err)
    }
    /// Adherence over `[start, end]` as a dict.
    fn adherence<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.adherence(extract(start, "date")?, extract(end, "date")?).map_err(core_err)?)
    }
    /// The non-adherence signal as of a date over a window of days, as a dict.
    fn non_adherence_signal<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
        window_days: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.non_adherence_signal(extract(as_of, "date")?, window_days).map_err(core_err)?)
    }
});

/// Classifies a dose taken at `taken_at` against its planned time (core `DoseOutcome::classify`).
#[pyfunction]
pub fn classify_dose<'py>(
    py: Python<'py>,
    planned: &Bound<'py, PyAny>,
    taken_at: &Bound<'py, PyAny>,
    tolerance_minutes: u16,
) -> PyResult<Bound<'py, PyAny>> {
    let p: ClockTime = extract(planned, "clock time")?;
    let t: ClockTime = extract(taken_at, "clock time")?;
    to_py(py, &DoseOutcome::classify(p, t, tolerance_minutes))
}

persisted!(PyLifeChart, "LifeChart", LifeChart, {
    /// An empty life chart.
    #[new]
    fn new() -> Self {
        Self { inner: LifeChart::new() }
    }
    /// Adds a mood episode (a dict). On error nothing changes.
    fn add_episode(&mut self, episode: &Bound<'_, PyAny>) -> PyResult<()> {
        let e: MoodEpisode = extract(episode, "MoodEpisode")?;
        self.inner.add_episode(e).map_err(core_err)
    }
    /// Adds a chart event (a dict with `"type"`).
    fn add_event(&mut self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let e: ChartEvent = extract(event, "ChartEvent")?;
        self.inner.add_event(e);
        Ok(())
    }
    /// The episodes as dicts.
    #[getter]
    fn episodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.episodes())
    }
    /// The events as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// Episodes of one polarity.
    fn episodes_of<'py>(&self, py: Python<'py>, polarity: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let p: EpisodePolarity = extract(polarity, "EpisodePolarity")?;
        let v: Vec<&MoodEpisode> = self.inner.episodes_of(p).collect();
        to_py(py, &v)
    }
    /// Episodes overlapping `[start, end]`.
    fn episodes_between<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<&MoodEpisode> =
            self.inner.episodes_between(extract(start, "date")?, extract(end, "date")?).collect();
        to_py(py, &v)
    }
    /// Episode counts per polarity.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.counts())
    }
    /// Each episode with the events in the look-back window before it.
    fn with_antecedents<'py>(&self, py: Python<'py>, lookback_days: u32) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.with_antecedents(lookback_days))
    }
    /// Episode counts per pathway.
    fn pathway_counts<'py>(&self, py: Python<'py>, lookback_days: u32) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pathway_counts(lookback_days))
    }
    /// Episode counts per precipitating life-event kind.
    fn precipitant_counts<'py>(&self, py: Python<'py>, lookback_days: u32) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.precipitant_counts(lookback_days))
    }
    /// Lengths in days of the well intervals between episodes.
    fn well_intervals_days(&self) -> Vec<i64> {
        self.inner.well_intervals_days()
    }
});
