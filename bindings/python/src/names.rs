//! Operations named in Python: an error message that tells the caller to perform an operation
//! names what a Python user calls (`add_person`), not only the core's event name
//! (`person_added`). See `ipsrt::operation`; `tests/test_errors.py` checks every name here
//! against the real methods and functions of `ipsrt` (or the event type itself), so a rename
//! breaks that test.

use std::collections::BTreeMap;

use ipsrt::operation::Operation;
use pyo3::prelude::*;

/// The Python name of each operation: a method of `ipsrt.Course` where one exists, otherwise
/// the event's `"type"`, which is what a Python user passes to `apply` (of `Course`,
/// `IpsrtCourse`, `Group`, `EmploymentJourney`, `RhythmPlan`). The function operations
/// (`correct`, `recurrence_risks`, `to_json`) have the same name in Python as in Rust.
pub(crate) fn python_name(op: Operation) -> &'static str {
    match op {
        Operation::PersonAdded => "add_person",
        Operation::MeasureRecorded => "record_measure",
        Operation::EndedNonResponse => "end_non_response",
        Operation::NonResponseStopDeclined => "decline_non_response_stop",
        Operation::MedicationStopped => "stop_medication",
        other => other.json_name(),
    }
}

/// The operations error messages may name, keyed by their event type (`"person_added"`), each
/// mapped to its Python name: a method of `Course` (`"add_person"`), or the same event type
/// where `Course.apply({"type": ...})` is the way to record it.
#[pyfunction]
pub fn operation_names() -> BTreeMap<&'static str, &'static str> {
    Operation::ALL.into_iter().map(|op| (op.json_name(), python_name(op))).collect()
}

/// Registers `operation_names`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(operation_names, m)?)
}
