//! Sources and the bibliography (core `ipsrt::source`): `ipsrt.source()`,
//! `ipsrt.local_source()`, `ipsrt.reference()` and `ipsrt.references()`.

use ipsrt::source::{Evidence, REFERENCES, Source, reference as core_reference};
use pyo3::prelude::*;

use crate::convert::{enum_arg, extract, to_py};

/// A source dict `{"key", "locator", "evidence"}` for a study- or clinic-supplied value
/// (`evidence`: `"seed"`, `"verified"`, `"checked"`, `"manual_recalled"`, `"design"`).
#[pyfunction]
pub fn source<'py>(py: Python<'py>, key: &str, locator: &str, evidence: &str) -> PyResult<Bound<'py, PyAny>> {
    let evidence: Evidence = enum_arg(evidence, "evidence")?;
    to_py(py, &Source::owned(key, locator, evidence))
}

/// The source dict of a value chosen by the deploying clinic or study (`who`), not by a
/// published source: `{"key": "local", "locator": who, "evidence": "design"}`.
#[pyfunction]
pub fn local_source<'py>(py: Python<'py>, who: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &Source::local(who))
}

/// The bibliography entry (`{"key", "year", "citation"}`) of a source key (`"WMK-2000"`) or of
/// a source dict, or None when the key is not a known reference.
#[pyfunction]
pub fn reference<'py>(py: Python<'py>, key_or_source: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(key) = key_or_source.extract::<String>() {
        return to_py(py, &core_reference(&key));
    }
    let s: Source = extract(key_or_source, "Source")?;
    to_py(py, &s.reference())
}

/// The whole bibliography, as `{"key", "year", "citation"}` dicts.
#[pyfunction]
pub fn references(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, REFERENCES)
}

/// Registers the source helpers.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(source, m)?)?;
    m.add_function(wrap_pyfunction!(local_source, m)?)?;
    m.add_function(wrap_pyfunction!(reference, m)?)?;
    m.add_function(wrap_pyfunction!(references, m)?)?;
    Ok(())
}
