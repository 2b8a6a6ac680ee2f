//! Problem areas (core `ipsrt::problem_area`): `ipsrt.Taxonomy`, `ipsrt.DisputeStage` and
//! `ipsrt.problem_area_guide()`.

use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy, guide};
use pyo3::prelude::*;

use crate::convert::{enum_arg, to_py};
use crate::errors::core_err;

/// A problem-area taxonomy: `Taxonomy("wmk4")`, `Taxonomy("sr3")` or `Taxonomy("ipsrt5")`.
#[pyclass(module = "ipsrt", name = "Taxonomy", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyTaxonomy {
    /// The core value.
    pub inner: Taxonomy,
}

fn area_kind(name: &str) -> PyResult<ProblemAreaKind> {
    enum_arg(name, "problem area")
}

#[pymethods]
impl PyTaxonomy {
    #[new]
    fn new(name: &str) -> PyResult<Self> {
        Ok(Self { inner: enum_arg(name, "taxonomy")? })
    }
    /// The taxonomy's stable name.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.as_str()
    }
    /// The areas it has, as stable names (`"grief"`, `"role_dispute"`, …).
    #[getter]
    fn areas(&self) -> Vec<&'static str> {
        self.inner.areas().iter().map(|a| a.as_str()).collect()
    }
    /// Whether `area` exists in this taxonomy.
    fn allows(&self, area: &str) -> PyResult<bool> {
        Ok(self.inner.allows(area_kind(area)?))
    }
    /// Whether its grief area covers losses other than a death (SR-3's grief and loss).
    #[getter]
    fn grief_covers_non_death_loss(&self) -> bool {
        self.inner.grief_covers_non_death_loss()
    }
    /// The taxonomy's source as a dict.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.source())
    }
    /// The label this taxonomy gives `area` (SR-3 says "grief and loss").
    fn label(&self, area: &str) -> PyResult<&'static str> {
        Ok(area_kind(area)?.label(self.inner))
    }
    /// The goals and strategies of `area` under this taxonomy, with their source, as a dict.
    fn guide<'py>(&self, py: Python<'py>, area: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &guide(area_kind(area)?, self.inner))
    }
    fn __repr__(&self) -> String {
        format!("ipsrt.Taxonomy({:?})", self.inner.as_str())
    }
    fn __str__(&self) -> &'static str {
        self.inner.as_str()
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str,))> {
        Ok((py.get_type::<Self>().into_any(), (self.inner.as_str(),)))
    }
}

/// A role dispute's stage: `DisputeStage("renegotiation")`, `"impasse"` or `"dissolution"`.
#[pyclass(module = "ipsrt", name = "DisputeStage", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyDisputeStage {
    /// The core value.
    pub inner: DisputeStage,
}

fn stage_arg(obj: &Bound<'_, PyAny>) -> PyResult<DisputeStage> {
    if let Ok(s) = obj.cast::<PyDisputeStage>() {
        return Ok(s.get().inner);
    }
    let name: String = obj.extract().map_err(|_| crate::errors::invalid("pass a DisputeStage or its name"))?;
    enum_arg(&name, "dispute stage")
}

#[pymethods]
impl PyDisputeStage {
    #[new]
    fn new(name: &str) -> PyResult<Self> {
        Ok(Self { inner: enum_arg(name, "dispute stage")? })
    }
    /// The stage's stable name.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.as_str()
    }
    /// Whether the dispute may move from this stage to `next` (a `DisputeStage` or its name).
    fn can_move_to(&self, next: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.can_move_to(stage_arg(next)?))
    }
    /// Raises `IllegalTransitionError` (saying why) unless the move to `next` is allowed.
    fn check_move(&self, next: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check_move(stage_arg(next)?).map_err(core_err)
    }
    /// The stages the dispute may move to from here.
    fn moves(&self) -> Vec<Self> {
        [DisputeStage::Renegotiation, DisputeStage::Impasse, DisputeStage::Dissolution]
            .into_iter()
            .filter(|s| self.inner.can_move_to(*s))
            .map(|inner| Self { inner })
            .collect()
    }
    /// What the therapist aims for at this stage.
    #[getter]
    fn therapist_aim(&self) -> &'static str {
        self.inner.therapist_aim()
    }
    /// The source of the stages and their aims, as a dict.
    #[staticmethod]
    fn source<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &DisputeStage::source())
    }
    fn __repr__(&self) -> String {
        format!("ipsrt.DisputeStage({:?})", self.inner.as_str())
    }
    fn __str__(&self) -> &'static str {
        self.inner.as_str()
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str,))> {
        Ok((py.get_type::<Self>().into_any(), (self.inner.as_str(),)))
    }
}

/// The goals and strategies of problem `area` under `taxonomy`, with their source, as a dict.
#[pyfunction]
pub fn problem_area_guide<'py>(py: Python<'py>, area: &str, taxonomy: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &guide(area_kind(area)?, enum_arg(taxonomy, "taxonomy")?))
}

/// Registers the problem-area types.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTaxonomy>()?;
    m.add_class::<PyDisputeStage>()?;
    m.add_function(wrap_pyfunction!(problem_area_guide, m)?)?;
    Ok(())
}
