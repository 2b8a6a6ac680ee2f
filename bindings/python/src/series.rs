//! Score series (core `ipsrt::measures::series`): `ScoreSeries`, its evaluation against a
//! baseline (bands, response, remission, Jacobson–Truax reliable change), and the published
//! reliable change figures. Every rule runs in the core; this file only converts.

use ipsrt::measures::InstrumentId;
use ipsrt::measures::series::{
    ReliableChangeParams, ScoreSeries, SeriesOptions, SeriesPoint, published_clinical_cutoff,
};
use pyo3::prelude::*;

use crate::convert::{date_arg, extract, to_py};
use crate::errors::{core_err, invalid};
use crate::measures::PyMeasureScore;
use crate::persisted;

fn instrument_id(text: &str) -> PyResult<InstrumentId> {
    text.parse::<InstrumentId>().map_err(core_err)
}

/// One point from a `(date, total)` pair or a `{"date": ..., "total": ...}` dict.
fn point_of(i: usize, obj: &Bound<'_, PyAny>) -> PyResult<SeriesPoint> {
    if let Ok((date, total)) = obj.extract::<(Bound<'_, PyAny>, i32)>() {
        return Ok(SeriesPoint::new(date_arg(&date, &format!("point {i} date"))?, total));
    }
    extract::<SeriesPoint>(
        obj,
        &format!("series point {i} ({{\"date\": \"YYYY-MM-DD\", \"total\": int}} or (date, total))"),
    )
}

fn params_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ReliableChangeParams>> {
    obj.map(|o| {
        let p: ReliableChangeParams =
            extract(o, "reliable_change ({\"sd\": Cited, \"reliability\": Cited, \"kind\": ...})")?;
        ReliableChangeParams::new(p.sd, p.reliability, p.kind).map_err(core_err)
    })
    .transpose()
}

persisted!(PyScoreSeries, "ScoreSeries", ScoreSeries, {
    /// A series of dated totals of one instrument: `points` is a list of `(date, total)` pairs
    /// or `{"date", "total"}` dicts, in any order (kept sorted by date); `baseline` is the date
    /// every point is compared with (default: the earliest). Raises `InvalidInputError` on no
    /// points, a total outside the instrument's range, two points on one date, or a baseline
    /// without a score.
    #[new]
    #[pyo3(signature = (instrument, points, *, baseline = None))]
    fn new(instrument: &str, points: &Bound<'_, PyAny>, baseline: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let id = instrument_id(instrument)?;
        let mut pts = Vec::new();
        for (i, p) in points.try_iter()?.enumerate() {
            pts.push(point_of(i, &p?)?);
        }
        let baseline = baseline.map(|b| date_arg(b, "baseline")).transpose()?;
        ScoreSeries::new(id, pts, baseline).map(|inner| Self { inner }).map_err(core_err)
    }

    /// A series from scored results: a list of `(date, MeasureScore)` pairs, each of
    /// `instrument` and with a total.
    #[staticmethod]
    #[pyo3(signature = (instrument, scores, *, baseline = None))]
    fn from_scores(
        instrument: &str,
        scores: Vec<(Bound<'_, PyAny>, PyRef<'_, PyMeasureScore>)>,
        baseline: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let id = instrument_id(instrument)?;
        let mut dated = Vec::with_capacity(scores.len());
        for (i, (d, s)) in scores.iter().enumerate() {
            dated.push((date_arg(d, &format!("score {i} date"))?, s.inner.clone()));
        }
        let refs: Vec<_> = dated.iter().map(|(d, s)| (*d, s)).collect();
        let baseline = baseline.map(|b| date_arg(b, "baseline")).transpose()?;
        ScoreSeries::from_scores(id, &refs, baseline).map(|inner| Self { inner }).map_err(core_err)
    }

    /// The instrument id.
    #[getter]
    fn instrument(&self) -> &'static str {
        self.inner.instrument().as_str()
    }

    /// The baseline date.
    #[getter]
    fn baseline(&self) -> chrono::NaiveDate {
        self.inner.baseline()
    }

    /// The points, sorted by date: a list of `{"date", "total"}` dicts.
    #[getter]
    fn points<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.points())
    }

    /// Every point read against the baseline: a dict with the rules applied (`band_scheme`,
    /// `response`, `remission`, `reliable_change`, `clinical_cutoff`, each with its source, or
    /// None when the instrument has none) and `points`, one dict per score with `date`,
    /// `total`, `is_baseline`, `band`, `change`, `percent_change`, `response` and `remission`
    /// (`"met"`, `"not_met"`, `"not_defined"`), `rci` (None when not defined),
    /// `reliable_change` (`"reliably_improved"`, `"reliably_worse"`, `"no_reliable_change"`,
    /// `"not_defined"`) and `clinical_significance`. `reliable_change=` replaces the published
    /// SD and reliability: `{"sd": {"value": 5.0, "source": ...}, "reliability": {...},
    /// "kind": "internal_consistency" | "test_retest"}`.
    #[pyo3(signature = (*, band_scheme = None, reliable_change = None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        band_scheme: Option<String>,
        reliable_change: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = SeriesOptions { band_scheme, reliable_change: params_of(reliable_change)? };
        to_py(py, &self.inner.evaluate(&options).map_err(core_err)?)
    }
});

/// The published reliable change figures of an instrument (`{"sd", "reliability", "kind",
/// "s_diff", "points_needed"}`, each number with its source), or None when none ship.
#[pyfunction]
pub fn published_reliable_change<'py>(py: Python<'py>, instrument: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    let id = instrument_id(instrument)?;
    ReliableChangeParams::published(id)
        .map(|p| {
            let d = to_py(py, &p)?;
            d.set_item("s_diff", p.s_diff())?;
            d.set_item("points_needed", p.points_needed())?;
            Ok(d)
        })
        .transpose()
}

/// The Jacobson–Truax reliable change index from `baseline` to `score` with a standard
/// deviation and reliability (`(score − baseline) / (√2 · sd · √(1 − reliability))`). Raises
/// `InvalidInputError` when `sd` ≤ 0 or `reliability` is outside `[0, 1)`.
#[pyfunction]
#[pyo3(signature = (baseline, score, *, sd, reliability, source))]
pub fn reliable_change_index(
    baseline: i32,
    score: i32,
    sd: f64,
    reliability: f64,
    source: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let source: ipsrt::source::Source = extract(source, "Source")?;
    let p = ReliableChangeParams::new(
        ipsrt::source::Cited::new(sd, source.clone()),
        ipsrt::source::Cited::new(reliability, source),
        ipsrt::measures::series::ReliabilityKind::InternalConsistency,
    )
    .map_err(core_err)?;
    if !p.s_diff().is_finite() {
        return Err(invalid("the standard error of the difference is not finite"));
    }
    Ok(p.rci(baseline, score))
}

/// The non-case cut-off used for clinical significance (`{"value": {"op", "value"}, "source"}`),
/// or None when none is published for the instrument.
#[pyfunction(name = "published_clinical_cutoff")]
pub fn published_clinical_cutoff_of<'py>(py: Python<'py>, instrument: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    published_clinical_cutoff(instrument_id(instrument)?).map(|c| to_py(py, &c)).transpose()
}

/// Registers the series class and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScoreSeries>()?;
    m.add_function(wrap_pyfunction!(published_reliable_change, m)?)?;
    m.add_function(wrap_pyfunction!(reliable_change_index, m)?)?;
    m.add_function(wrap_pyfunction!(published_clinical_cutoff_of, m)?)?;
    Ok(())
}
