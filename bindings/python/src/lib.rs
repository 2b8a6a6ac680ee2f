//! `ipsrt._ipsrt`: the pyo3 binding of the ipsrt core, imported as the `ipsrt` Python package.
//!
//! The binding is thin: every rule lives in the core crate. Values cross as the core's serde
//! JSON form ([`convert`]), persisted types become Python classes through one macro
//! ([`mod@persisted`]), and every core error becomes the exception of its kind ([`errors`]).

pub mod areas;
pub mod care;
pub mod convert;
pub mod course;
pub mod episode;
pub mod errors;
pub mod group;
pub mod i18n;
pub mod inventory;
pub mod ips;
pub mod ipsrt_area;
pub mod life_event;
pub mod measures;
pub mod names;
pub mod persisted;
pub mod persistence;
pub mod plain;
pub mod problem_area;
pub mod relapse;
pub mod schedule;
pub mod series;
pub mod source;
pub mod srm;
pub mod srm_long;
pub mod time;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _ipsrt(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<group::PyGroup>()?;
    m.add_function(wrap_pyfunction!(group::group_rules, m)?)?;
    // Part B of the Python parity work (issue 6): SRM, measures, IPSRT area, IPS.
    ips::register(m)?;
    ipsrt_area::register(m)?;
    measures::register(m)?;
    series::register(m)?;
    srm::register(m)?;
    m.add_class::<areas::PyCourse>()?;
    m.add_class::<areas::PyRelapsePlan>()?;
    m.add_class::<areas::PyAlertMachine>()?;
    m.add_class::<areas::PyObservationLog>()?;
    m.add_class::<areas::PyInventory>()?;
    register_core_areas(m)?;
    Ok(())
}

/// Course, episode, inventory, life events, problem areas, relapse, sources, time, persisted
/// registry and group helpers (one `register` per binding module).
fn register_core_areas(m: &Bound<'_, PyModule>) -> PyResult<()> {
    care::register(m)?;
    course::register(m)?;
    episode::register(m)?;
    inventory::register(m)?;
    life_event::register(m)?;
    problem_area::register(m)?;
    relapse::register(m)?;
    source::register(m)?;
    time::register(m)?;
    persistence::register(m)?;
    schedule::register(m)?;
    i18n::register(m)?;
    names::register(m)?;
    m.add_function(wrap_pyfunction!(group::check_group_rules, m)?)?;
    Ok(())
}
