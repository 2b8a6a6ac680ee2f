//! `ipsrt._ipsrt`: the pyo3 binding of the ipsrt core, imported as the `ipsrt` Python package.
//!
//! The binding is thin: every rule lives in the core crate. Values cross as the core's serde
//! JSON form ([`convert`]), persisted types become Python classes through one macro
//! ([`persisted`]), and every core error becomes the exception of its kind ([`errors`]).

pub mod areas;
pub mod convert;
pub mod course;
pub mod episode;
pub mod errors;
pub mod group;
pub mod inventory;
pub mod ips;
pub mod ipsrt_area;
pub mod life_event;
pub mod measures;
pub mod persisted;
pub mod persistence;
pub mod problem_area;
pub mod relapse;
pub mod source;
pub mod srm;
pub mod time;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _ipsrt(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<group::PyGroup>()?;
    m.add_function(wrap_pyfunction!(group::group_rules, m)?)?;
    m.add_class::<ips::PyEmploymentJourney>()?;
    m.add_class::<ips::PyIpsCaseload>()?;
    m.add_class::<ips::PyFidelityReview>()?;
    m.add_function(wrap_pyfunction!(ips::caseload_size_rating, m)?)?;
    m.add_function(wrap_pyfunction!(ips::fidelity_band, m)?)?;
    m.add_function(wrap_pyfunction!(ips::employment_rate_band, m)?)?;
    m.add_function(wrap_pyfunction!(ips::ips_principles, m)?)?;
    m.add_class::<ipsrt_area::PyMedicationLog>()?;
    m.add_class::<ipsrt_area::PyLifeChart>()?;
    m.add_function(wrap_pyfunction!(ipsrt_area::classify_dose, m)?)?;
    m.add_class::<measures::PyMeasureScore>()?;
    m.add_class::<measures::PyInstrument>()?;
    m.add_class::<measures::PyIpsrtCourse>()?;
    m.add_function(wrap_pyfunction!(measures::score_measure, m)?)?;
    m.add_function(wrap_pyfunction!(measures::compare_measures, m)?)?;
    m.add_class::<srm::PyScoringOptions>()?;
    m.add_class::<srm::PyDiary>()?;
    m.add_function(wrap_pyfunction!(srm::srm_score_week, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_score_weeks, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_default_options, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_form_items, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_score_batch_numpy, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_score_batch_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(srm::srm_score_long, m)?)?;
    m.add_class::<areas::PyCourse>()?;
    m.add_class::<areas::PyRelapsePlan>()?;
    m.add_class::<areas::PyAlertMachine>()?;
    m.add_class::<areas::PyObservationLog>()?;
    m.add_class::<areas::PyInventory>()?;
    m.add_class::<areas::PyRhythmPlan>()?;
    register_core_areas(m)?;
    Ok(())
}

/// Course, episode, inventory, life events, problem areas, relapse, sources, time, persisted
/// registry and group helpers (one `register` per binding module).
fn register_core_areas(m: &Bound<'_, PyModule>) -> PyResult<()> {
    course::register(m)?;
    episode::register(m)?;
    inventory::register(m)?;
    life_event::register(m)?;
    problem_area::register(m)?;
    relapse::register(m)?;
    source::register(m)?;
    time::register(m)?;
    persistence::register(m)?;
    m.add_function(wrap_pyfunction!(group::check_group_rules, m)?)?;
    Ok(())
}
