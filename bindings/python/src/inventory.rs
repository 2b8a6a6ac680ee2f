//! `ipsrt.Person`: one person of the interpersonal inventory (core `ipsrt::inventory`). The
//! inventory itself (`ipsrt.Inventory`) is in [`crate::areas`].

use ipsrt::inventory::{Person, PersonFact};
use pyo3::prelude::*;

use crate::convert::{date_arg, to_py};
use crate::errors::core_err;
use crate::plain;

plain!(PyPerson, "Person", Person, {
    /// A person with an id, a name and a role (checked), current, with nothing else recorded:
    /// circle, conflict, confiding, reciprocity and support potential not assessed (None),
    /// contact "unknown", empty lists. For the other fields use `Person.from_dict`.
    #[new]
    fn new(id: &str, name: &str, role: &str) -> PyResult<Self> {
        Person::new(id, name, role).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The person's id (checked: short, no spaces).
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    /// The person's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// The person's role for the patient.
    #[getter]
    fn role(&self) -> &str {
        &self.inner.role
    }
    /// The interpersonal circle ("inner", "middle", "outer"), or None when not assessed.
    #[getter]
    fn circle<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.circle)
    }
    /// Conflict in the relationship ("none" = assessed, no conflict; "overt"; "covert"), or
    /// None when not assessed (never read as "none").
    #[getter]
    fn conflict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.conflict)
    }
    /// Whether the patient confides in this person, or None when not assessed.
    #[getter]
    fn confiding(&self) -> Option<bool> {
        self.inner.confiding
    }
    /// The facts not assessed, in order: "circle", "conflict", "confiding" (empty when all
    /// three are recorded).
    fn not_assessed(&self) -> Vec<&'static str> {
        self.inner.not_assessed().into_iter().map(PersonFact::as_str).collect()
    }
    /// Checks every field (text lengths, support potential 0–3, contact of the deceased).
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
    /// The relationship changes dated `start`..=`end`, as dicts.
    fn changes_between<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let changes: Vec<_> = self.inner.changes_between(date_arg(start, "start")?, date_arg(end, "end")?).collect();
        to_py(py, &changes)
    }
});

/// Registers `Person`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPerson>()
}
