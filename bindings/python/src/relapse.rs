//! The relapse area's value types and figures (core `ipsrt::relapse`): `ipsrt.AlertLevel`,
//! `ipsrt.Observation`, `ipsrt.ActionPlan`, `ipsrt.WarningSign`, `ipsrt.Contact`,
//! `ipsrt.AlertThresholds`, `ipsrt.item9_rule()` and the recurrence-risk figures. The plan and
//! the alert machine (`ipsrt.RelapsePlan`, `ipsrt.AlertMachine`) are in [`crate::areas`].

use ipsrt::relapse::{
    ActionPlan, AlertLevel, AlertThresholds, Contact, ContactRole, Observation, Observed, Pole, Region, RiskBasis,
    WarningSign, crisis_lines as core_crisis_lines, item9_rule as core_item9_rule, recurrence_figures as core_figures,
    recurrence_risk as core_risk, recurrence_risks as core_risks,
};
use pyo3::prelude::*;

use crate::errors::Whole;
use pyo3::types::PyDict;

use crate::convert::{date_arg, enum_arg, extract, to_py};
use crate::errors::core_err;
use crate::plain;

/// An alert level: `AlertLevel("green")`, `"watch"`, `"early_warning"`, `"breaking_down"`,
/// `"crisis"` (or `AlertLevel.from_number(0..4)`). Ordered from green to crisis.
#[pyclass(module = "ipsrt", name = "AlertLevel", frozen, eq, ord, hash)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyAlertLevel {
    /// The core value.
    pub inner: AlertLevel,
}

/// An `AlertLevel` object or its name.
pub fn level_arg(obj: &Bound<'_, PyAny>) -> PyResult<AlertLevel> {
    if let Ok(l) = obj.cast::<PyAlertLevel>() {
        return Ok(l.get().inner);
    }
    let name: String = obj.extract().map_err(|_| crate::errors::invalid("pass an AlertLevel or its name"))?;
    enum_arg(&name, "alert level")
}

#[pymethods]
impl PyAlertLevel {
    #[new]
    fn new(name: &str) -> PyResult<Self> {
        Ok(Self { inner: enum_arg(name, "alert level")? })
    }
    /// The level with number `number` (0 green … 4 crisis).
    #[staticmethod]
    fn from_number(number: Whole<u8>) -> PyResult<Self> {
        let number = number.0;
        AlertLevel::ALL.into_iter().find(|l| l.number() == number).map(|inner| Self { inner }).ok_or_else(|| {
            crate::errors::invalid(format!("alert level {number} does not exist: use 0 (green) to 4 (crisis)"))
        })
    }
    /// Every level, green to crisis.
    #[staticmethod]
    fn all() -> Vec<Self> {
        AlertLevel::ALL.into_iter().map(|inner| Self { inner }).collect()
    }
    /// The level's stable name.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.as_str()
    }
    /// The level's number, 0 (green) to 4 (crisis).
    #[getter]
    fn number(&self) -> u8 {
        self.inner.number()
    }
    /// The level one step calmer (green stays green).
    fn one_down(&self) -> Self {
        Self { inner: self.inner.one_down() }
    }
    fn __repr__(&self) -> String {
        format!("ipsrt.AlertLevel({:?})", self.inner.as_str())
    }
    /// The level in words (`"Early warning"`).
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str,))> {
        Ok((py.get_type::<Self>().into_any(), (self.inner.as_str(),)))
    }
}

/// The PHQ-9 item-9 rule: an answer above this value warrants immediate follow-up whatever
/// the total, as `{"value", "source"}`.
#[pyfunction]
pub fn item9_rule(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &core_item9_rule())
}

plain!(PyObservation, "Observation", Observation, {
    /// One dated observation: `observed` is a dict with `"type"` (`"phq9"`, `"asrm"`,
    /// `"srm_week"`, `"warning_sign"`, `"check_in"`, …); `at` an optional `ZonedDateTime`.
    /// Check it with `validate()`.
    #[new]
    #[pyo3(signature = (date, observed, *, at = None, received_at = None))]
    fn new(
        date: &Bound<'_, PyAny>,
        observed: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        received_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let observed: Observed = extract(observed, "Observed")?;
        let mut o = Observation::new(date_arg(date, "date")?, observed);
        if let Some(at) = at {
            o.at = Some(extract(at, "ZonedDateTime")?);
        }
        if let Some(r) = received_at {
            o = o.received(extract(r, "ZonedDateTime")?);
        }
        Ok(Self { inner: o })
    }
    /// The alert-machine observation of a scored measure on `date`: PHQ-9, PHQ-9 Modified for
    /// Teens, EPDS, HRSD-17, C-SSRS screener result, ASRM or YMRS, with its total and its
    /// item-level safety answers (an unanswered safety item stays `None`). Raises `IpsrtError`
    /// (`invalid_input`) for an instrument without an alert rule (GAD-7, WSAS), naming the
    /// instruments that convert, and `not_scorable` when a required total is missing.
    #[staticmethod]
    fn from_score(date: &Bound<'_, PyAny>, score: PyRef<'_, crate::measures::PyMeasureScore>) -> PyResult<Self> {
        let observed = Observed::try_from(&score.inner).map_err(core_err)?;
        Ok(Self { inner: Observation::new(date_arg(date, "date")?, observed) })
    }
    /// The item-level safety answers this observation carries (PHQ-9 item 9, HRSD-17 item 3,
    /// EPDS item 10, the teen PHQ-9's suicide questions, the C-SSRS screener risk level), as
    /// `{"item", "label", "rule", "answer"}` dicts (`rule` is the alert rule it is reported
    /// under; a yes/no question answers 1/0).
    fn safety_answers<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .observed
            .safety_answers()
            .into_iter()
            .map(|(item, answer)| {
                let d = PyDict::new(py);
                d.set_item("item", to_py(py, &item)?)?;
                d.set_item("label", item.label())?;
                d.set_item("rule", to_py(py, &item.rule())?)?;
                d.set_item("answer", answer)?;
                Ok(d)
            })
            .collect()
    }
    /// The day.
    #[getter]
    fn date(&self) -> chrono::NaiveDate {
        self.inner.date
    }
    /// The observation's type tag (`"phq9"`, `"srm_week"`, …).
    #[getter]
    fn r#type(&self) -> &'static str {
        self.inner.observed.type_name()
    }
    /// What was observed, as a dict with `"type"`.
    #[getter]
    fn observed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.observed)
    }
    /// Checks the values' ranges (PHQ-9 total 0–27, item 9 ≤ total, …).
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
});

plain!(PyActionPlan, "ActionPlan", ActionPlan, {
    /// What the person must do and might do.
    #[new]
    #[pyo3(signature = (must = Vec::new(), might = Vec::new()))]
    fn new(must: Vec<String>, might: Vec<String>) -> Self {
        Self { inner: ActionPlan::must(must).and_might(might) }
    }
    /// The actions that must be done.
    #[getter]
    fn must(&self) -> Vec<String> {
        self.inner.must.clone()
    }
    /// The actions that might help.
    #[getter]
    fn might(&self) -> Vec<String> {
        self.inner.might.clone()
    }
    /// Whether there is no action at all.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
});

plain!(PyWarningSign, "WarningSign", WarningSign, {
    /// A personal warning sign: `pole` is `"depressive"`, `"manic"` or `"either"`.
    #[new]
    #[pyo3(signature = (id, pole, description, *, actions = None))]
    fn new(id: &str, pole: &str, description: &str, actions: Option<PyRef<'_, PyActionPlan>>) -> PyResult<Self> {
        let pole: Pole = enum_arg(pole, "pole")?;
        let mut s = WarningSign::new(id, pole, description);
        if let Some(a) = actions {
            s = s.with_actions(a.inner.clone());
        }
        Ok(Self { inner: s })
    }
    /// The sign's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The sign in words.
    #[getter]
    fn description(&self) -> &str {
        &self.inner.description
    }
    /// What to do when the sign appears.
    #[getter]
    fn actions(&self) -> PyActionPlan {
        PyActionPlan { inner: self.inner.actions.clone() }
    }
});

plain!(PyContact, "Contact", Contact, {
    /// A contact to call from `from_level` up (`role`: `"supporter"`, `"clinician"`,
    /// `"psychiatrist"`, `"crisis_line"`, `"emergency"`).
    #[new]
    #[pyo3(signature = (name, role, from_level, *, phone = None, note = None))]
    fn new(
        name: &str,
        role: &str,
        from_level: &Bound<'_, PyAny>,
        phone: Option<&str>,
        note: Option<&str>,
    ) -> PyResult<Self> {
        let role: ContactRole = enum_arg(role, "contact role")?;
        let mut c = Contact::new(name, role, level_arg(from_level)?);
        if let Some(p) = phone {
            c = c.with_phone(p);
        }
        if let Some(n) = note {
            c = c.with_note(n);
        }
        Ok(Self { inner: c })
    }
    /// Whether this is a crisis line or emergency number with a phone number, listed at Crisis.
    #[getter]
    fn is_crisis_contact(&self) -> bool {
        self.inner.is_crisis_contact()
    }
    /// The note, or None.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }
    /// The contact's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// The phone number, or None.
    #[getter]
    fn phone(&self) -> Option<&str> {
        self.inner.phone.as_deref()
    }
    /// The level from which to call.
    #[getter(from_level)]
    fn level_from(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.from_level }
    }
});

plain!(PyAlertThresholds, "AlertThresholds", AlertThresholds, {
    /// The library's default thresholds, each with its source. To change one, edit the dict of
    /// `to_dict()` (giving the new value a local source) and load it with `from_dict`.
    #[new]
    fn new() -> Self {
        Self { inner: AlertThresholds::default() }
    }
    /// Checks that every threshold is in range and that the levels are ordered.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
});

fn risk_dict<'py>(py: Python<'py>, r: &ipsrt::relapse::RecurrenceRisk) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py(py, r)?.cast_into::<PyDict>()?;
    d.set_item("cited", to_py(py, &r.cited())?)?;
    d.set_item("text", r.to_string())?;
    Ok(d)
}

/// The recurrence risk after `prior_episodes` episodes on one `basis` (`"seed_s2"`,
/// `"literature"`, `"bipolar"`, `"population"`), as a dict with `percent`, `horizon`,
/// `population`, `source`, `cited` (`{"value", "source"}`) and `text`.
#[pyfunction]
pub fn recurrence_risk<'py>(
    py: Python<'py>,
    basis: &str,
    prior_episodes: Option<Whole<u32>>,
) -> PyResult<Bound<'py, PyDict>> {
    let prior_episodes = prior_episodes.map_or(0, |w| w.0);
    let basis: RiskBasis = enum_arg(basis, "risk basis")?;
    risk_dict(py, &core_risk(basis, prior_episodes).map_err(core_err)?)
}

/// Every figure, of every basis, whose prior-episode range contains `prior_episodes`.
#[pyfunction]
pub fn recurrence_risks(py: Python<'_>, prior_episodes: Option<Whole<u32>>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    let prior_episodes = prior_episodes.map_or(0, |w| w.0);
    core_risks(prior_episodes).iter().map(|r| risk_dict(py, r)).collect()
}

/// Every recurrence-risk figure the library knows, with its source.
#[pyfunction]
pub fn recurrence_figures(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    core_figures().iter().map(|r| risk_dict(py, r)).collect()
}

/// The sleep-shift observations of a diary `week` (a `srm.Week` or its dict) against the
/// habitual times of a `baseline` WeekScore dict (from `srm.score_week`), ready to feed
/// `AlertMachine.observe`. The shift rule and its source live in the core.
#[pyfunction]
pub fn sleep_shift_observations(week: &Bound<'_, PyAny>, baseline: &Bound<'_, PyAny>) -> PyResult<Vec<PyObservation>> {
    let week = crate::srm::week_of(week)?;
    let baseline: ipsrt::srm::score::WeekScore = extract(baseline, "WeekScore")?;
    let obs = ipsrt::relapse::convert::sleep_shift_observations(&week, &baseline).map_err(core_err)?;
    Ok(obs.into_iter().map(|inner| PyObservation { inner }).collect())
}

/// A region code (`"NL"`, `"GB"`, ...; `"UK"` is read as `"GB"`) as the core's `Region`.
pub fn region_arg(code: &str) -> PyResult<Region> {
    code.parse::<Region>().map_err(core_err)
}

/// The regions of the crisis-line directory, as `{"code", "name"}` dicts.
#[pyfunction]
pub fn regions(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    Region::ALL
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("code", r.code())?;
            d.set_item("name", r.name())?;
            Ok(d)
        })
        .collect()
}

/// The crisis lines and emergency numbers of `region` (`"NL"`, `"BE"`, `"DE"`, `"GB"`/`"UK"`,
/// `"IE"`, `"US"`, `"CA"`, `"AU"`), as dicts with `role`, `name`, `number`, `note`, `source`
/// and `checked_on`.
#[pyfunction]
pub fn crisis_lines<'py>(py: Python<'py>, region: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &core_crisis_lines(region_arg(region)?))
}

/// Registers the relapse area's value types and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAlertLevel>()?;
    m.add_class::<PyObservation>()?;
    m.add_class::<PyActionPlan>()?;
    m.add_class::<PyWarningSign>()?;
    m.add_class::<PyContact>()?;
    m.add_class::<PyAlertThresholds>()?;
    m.add_function(wrap_pyfunction!(item9_rule, m)?)?;
    m.add_function(wrap_pyfunction!(recurrence_risk, m)?)?;
    m.add_function(wrap_pyfunction!(recurrence_risks, m)?)?;
    m.add_function(wrap_pyfunction!(recurrence_figures, m)?)?;
    m.add_function(wrap_pyfunction!(sleep_shift_observations, m)?)?;
    m.add_function(wrap_pyfunction!(regions, m)?)?;
    m.add_function(wrap_pyfunction!(crisis_lines, m)?)?;
    Ok(())
}
