//! `ipsrt.Group`: the therapy-group state machine (core `ipsrt::group`).

use ipsrt::group::{Group, GroupEvent, GroupRules, GroupType, PersonId};
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyGroup, "Group", Group, {
    /// A new, empty group. `rules` is a `GroupRules` dict (see `group_rules()`); without it,
    /// `group_type` picks the format's default rules.
    #[new]
    #[pyo3(signature = (group_type = None, *, rules = None))]
    fn new(group_type: Option<&Bound<'_, PyAny>>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = match (rules, group_type) {
            (Some(r), _) => Group::new(extract::<GroupRules>(r, "GroupRules")?).map_err(core_err)?,
            (None, Some(t)) => Group::of_type(extract::<GroupType>(t, "GroupType")?),
            (None, None) => {
                return Err(crate::errors::invalid(
                    "give a group_type ('ipsrt_group', 'process_group', 'ipt_g') or rules=",
                ));
            }
        };
        Ok(Self { inner })
    }

    /// Rebuilds a group from its rules and event log; the first rejected event is reported.
    #[staticmethod]
    fn replay(rules: &Bound<'_, PyAny>, events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let rules: GroupRules = extract(rules, "GroupRules")?;
        let events: Vec<GroupEvent> = extract(events, "list of GroupEvent")?;
        Group::replay(rules, events).map(|inner| Self { inner }).map_err(core_err)
    }

    /// Applies one event (a dict with `"type"`); returns the people admitted from the waitlist.
    /// On error the group is unchanged.
    fn apply(&mut self, event: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let event: GroupEvent = extract(event, "GroupEvent")?;
        let admitted = self.inner.apply(event).map_err(core_err)?;
        Ok(admitted.iter().map(|p| p.as_str().to_owned()).collect())
    }

    /// Checks an event without applying it.
    fn check(&self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event: GroupEvent = extract(event, "GroupEvent")?;
        self.inner.check(&event).map_err(core_err)
    }

    /// The rules (with sources) as a dict.
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.rules())
    }
    /// `"forming"`, `"running"`, `"full"` or `"closed"`.
    #[getter]
    fn status(&self) -> String {
        self.inner.status().to_string()
    }
    /// Everyone ever referred, with their membership, as dicts.
    #[getter]
    fn people<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.people())
    }
    /// One person's membership, or None.
    fn person<'py>(&self, py: Python<'py>, person: &str) -> PyResult<Bound<'py, PyAny>> {
        let id = PersonId::new(person).map_err(core_err)?;
        to_py(py, &self.inner.person(&id))
    }
    /// Current members in joining order.
    #[getter]
    fn members(&self) -> Vec<String> {
        self.inner.members().iter().map(|p| p.as_str().to_owned()).collect()
    }
    /// Number of current members.
    #[getter]
    fn member_count(&self) -> u32 {
        self.inner.member_count()
    }
    /// The waitlist in order.
    #[getter]
    fn waitlist(&self) -> Vec<String> {
        self.inner.waitlist().iter().map(|p| p.as_str().to_owned()).collect()
    }
    /// Sessions held, with attendance, as dicts.
    #[getter]
    fn sessions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.sessions())
    }
    /// The accepted event log as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// Free places (0 when closed).
    #[getter]
    fn free_places(&self) -> u32 {
        self.inner.free_places()
    }
    /// Whether the group is below its minimum size.
    #[getter]
    fn below_minimum(&self) -> bool {
        self.inner.below_minimum()
    }
    /// Whether new members can still be admitted.
    #[getter]
    fn admission_open(&self) -> bool {
        self.inner.admission_open()
    }
    /// A person's attendance rate (sessions attended / sessions held while a member), or None
    /// before any session.
    fn attendance_rate(&self, person: &str) -> PyResult<Option<f64>> {
        let id = PersonId::new(person).map_err(core_err)?;
        match self.inner.person(&id) {
            Some(m) => Ok(m.attendance_rate()),
            None => Err(crate::errors::kind_err(
                ipsrt::ErrorKind::NotFound,
                format!("{person:?} was never referred to this group: check the id (see Group.people)"),
            )),
        }
    }
    /// Current members whose membership has reached the end of the format's planned duration
    /// by `as_of` (process group: 18 months), as `(person, months so far)` pairs.
    fn members_past_planned_duration(&self, as_of: &Bound<'_, PyAny>) -> PyResult<Vec<(String, u32)>> {
        let as_of = crate::convert::date_arg(as_of, "as_of")?;
        Ok(self
            .inner
            .members_past_planned_duration(as_of)
            .into_iter()
            .map(|(p, months)| (p.as_str().to_owned(), months))
            .collect())
    }
    /// What to show when `person` is admitted: the group's admission criteria (the process
    /// group: S3's indication, requirements and contra-indication) as dicts `{"criterion",
    /// "kind", "description", "met"}`, `met` as recorded when they were waitlisted. `[]` when
    /// the group has no criteria; None before the person is waitlisted.
    fn admission_findings<'py>(&self, py: Python<'py>, person: &str) -> PyResult<Bound<'py, PyAny>> {
        #[derive(serde::Serialize)]
        struct Finding {
            criterion: ipsrt::group::AdmissionCriterion,
            kind: ipsrt::group::CriterionKind,
            description: &'static str,
            met: bool,
        }
        let id = PersonId::new(person).map_err(core_err)?;
        let findings = self.inner.admission_findings(&id).map(|f| {
            f.into_iter()
                .map(|(criterion, met)| Finding {
                    criterion,
                    kind: criterion.kind(),
                    description: criterion.description(),
                    met,
                })
                .collect::<Vec<_>>()
        });
        to_py(py, &findings)
    }
    /// Individual meetings that are due (IPT-G), as dicts.
    fn due_individual_meetings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.due_individual_meetings())
    }
});

/// The default rules of a group format (`"ipsrt_group"`, `"process_group"`, `"ipt_g"`), each
/// number with its source, as a dict. `min_members`/`max_members` change the size and
/// `gp_referral_required` the group's referral rule; either needs `source=` (the clinic's own
/// rule, e.g. `{"type": "local", ...}`).
#[pyfunction]
#[pyo3(signature = (group_type, *, min_members = None, max_members = None, gp_referral_required = None, source = None))]
pub fn group_rules<'py>(
    py: Python<'py>,
    group_type: &Bound<'py, PyAny>,
    min_members: Option<Whole<u32>>,
    max_members: Option<Whole<u32>>,
    gp_referral_required: Option<bool>,
    source: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let min_members = min_members.map(|w| w.0);
    let max_members = max_members.map(|w| w.0);
    let mut rules = GroupRules::for_type(extract(group_type, "GroupType")?);
    if min_members.is_some() || max_members.is_some() {
        let min = min_members.unwrap_or(rules.min_members.value);
        let max = max_members.unwrap_or(rules.max_members.value);
        let src = match source {
            Some(s) => extract(s, "Source")?,
            None => {
                return Err(crate::errors::invalid(
                    "changing the group size needs source= (e.g. {'type': 'local', ...}): every clinical number carries its source",
                ));
            }
        };
        rules = rules.with_size(min, max, src).map_err(core_err)?;
    }
    if let Some(required) = gp_referral_required {
        let src = match source {
            Some(s) => extract(s, "Source")?,
            None => {
                return Err(crate::errors::invalid(
                    "changing the GP-referral rule needs source= (e.g. {'type': 'local', ...}): every group rule carries its source",
                ));
            }
        };
        rules = rules.with_gp_referral(required, src);
    }
    to_py(py, &rules)
}

/// Checks a `GroupRules` dict (sizes, durations, sources) as the core does when a group is
/// created; raises the first problem found.
#[pyfunction]
pub fn check_group_rules(rules: &Bound<'_, PyAny>) -> PyResult<()> {
    extract::<GroupRules>(rules, "GroupRules")?.validate().map_err(core_err)
}
