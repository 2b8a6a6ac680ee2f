//! The persisted-form registry (core `ipsrt::persist`): `ipsrt.persist_registry()` and
//! `ipsrt.check_persisted()`. `ipsrt.load()` (in `__init__.py`) uses them to load any
//! persisted document as its class.

use ipsrt::persist::{check_any, check_any_slice, registry};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::core_err;

/// Every persisted type of the core, as `{"schema", "version"}` dicts in schema order.
#[pyfunction]
pub fn persist_registry(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    registry()
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("schema", r.schema)?;
            d.set_item("version", r.version)?;
            Ok(d)
        })
        .collect()
}

/// Loads any persisted document (`str` or UTF-8 `bytes`) fully, with its type's validation,
/// and returns its schema name; raises the error of the first problem found.
#[pyfunction]
pub fn check_persisted(text: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    if let Ok(b) = text.cast::<PyBytes>() {
        return check_any_slice(b.as_bytes()).map_err(core_err);
    }
    let s: String = text
        .extract()
        .map_err(|_| crate::errors::invalid("check_persisted takes the JSON text as str or UTF-8 bytes"))?;
    check_any(&s).map_err(core_err)
}

/// Registers the registry helpers.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(persist_registry, m)?)?;
    m.add_function(wrap_pyfunction!(check_persisted, m)?)?;
    Ok(())
}
