//! Outcome measures (core `ipsrt::measures`) and the other persisted types without a richer
//! class yet: `MeasureScore`, `Instrument`, `IpsrtCourse` (`EpisodeCourse` is in `episode.rs`). Scoring, flags,
//! bands and change over time all run in the core; this file only converts.

use ipsrt::ipsrt::IpsrtCourse;
use ipsrt::measures::{Answers, Instrument, InstrumentId, MissingPolicy, Score, ScoreOptions};
use pyo3::prelude::*;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyMeasureScore, "MeasureScore", Score, {
    /// The instrument id (`"phq9"`, `"hrsd17"`, ...).
    #[getter]
    fn instrument(&self) -> String {
        self.inner.instrument.clone()
    }
    /// The raw total, or `None` when the missing-data policy allows none.
    #[getter]
    fn total(&self) -> Option<i32> {
        self.inner.total
    }
    /// Number of answered scored items.
    #[getter]
    fn n_answered(&self) -> u8 {
        self.inner.n_answered
    }
    /// Derived flags (e.g. the PHQ-9 item-9 safety flag) with their state and source.
    #[getter]
    fn flags<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.flags)
    }
    /// The band (interpretation), only when one was asked for.
    #[getter]
    fn band<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.band)
    }
});

persisted!(PyInstrument, "Instrument", Instrument, {
    /// A shipped instrument definition: `"phq9"`, `"hrsd17"`, `"asrm"`, `"ymrs"`, `"daily_mood"`.
    #[staticmethod]
    fn builtin(id: &str) -> PyResult<Self> {
        let id: InstrumentId = id.parse().map_err(core_err)?;
        Ok(Self { inner: ipsrt::measures::builtin(id).clone() })
    }
});

persisted!(PyIpsrtCourse, "IpsrtCourse", IpsrtCourse, {});

/// Scores answers (a dict of item id → value) on a shipped instrument or an `Instrument`.
/// `band_scheme=""` asks for the instrument's default band scheme.
#[pyfunction]
#[pyo3(signature = (instrument, answers, *, policy = None, band_scheme = None))]
pub fn score_measure(
    instrument: &Bound<'_, PyAny>,
    answers: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    band_scheme: Option<String>,
) -> PyResult<PyMeasureScore> {
    let definition: Instrument = if let Ok(custom) = instrument.extract::<PyRef<'_, PyInstrument>>() {
        custom.inner.clone()
    } else {
        let id: String = instrument.extract()?;
        let id: InstrumentId = id.parse().map_err(core_err)?;
        ipsrt::measures::builtin(id).clone()
    };
    let answers: Answers = extract(answers, "answers (dict of item id to int)")?;
    // A policy is `"strict"`, `"prorate:2"`, `"zero"`, or its JSON form (`{"kind": "strict"}`).
    let policy: Option<MissingPolicy> = match policy {
        None => None,
        Some(p) => match p.extract::<String>() {
            Ok(text) => Some(text.parse().map_err(core_err)?),
            Err(_) => Some(extract(p, "missing-data policy")?),
        },
    };
    let options = ScoreOptions { policy, band_scheme };
    ipsrt::measures::score::score(&definition, &answers, &options)
        .map(|inner| PyMeasureScore { inner })
        .map_err(core_err)
}

/// Change from a baseline to a follow-up result: response, remission and minimal important
/// change, each with its rule, the observed value and its source (a dict).
#[pyfunction]
pub fn compare_measures<'py>(
    py: Python<'py>,
    baseline: PyRef<'_, PyMeasureScore>,
    follow_up: PyRef<'_, PyMeasureScore>,
) -> PyResult<Bound<'py, PyAny>> {
    let change = ipsrt::measures::change::compare(&baseline.inner, &follow_up.inner).map_err(core_err)?;
    to_py(py, &change)
}
