//! The care record (core `ipsrt::care`): `ipsrt.CareEntry`, `ipsrt.CareLog`, `ipsrt.CareRecord`
//! and its typed results (`CareEntryView`, `CarePlanVersion`, `CareCourse`, `CareAlert`,
//! `CareDecision`, `CareStatus`, `CareOccurrence`, `CareSafetyWarning`), and
//! `care_log_from_stored()` (migration of a stored course, relapse plan and alert machine).
//! No rule lives here: every value comes from the core.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ipsrt::care::{
    AlertRecord, CareLog, CareRecord, CareStatus, DecisionRecord, DerivedEvidence, DerivedObservation, Entry,
    EntryKind, EntryState, EntryView, OccurrenceView, PlanVersionRecord, SafetyWarning,
};
use ipsrt::time::{ClockTime, ZonedDateTime};
use pyo3::prelude::*;

use crate::areas::{PyAlertMachine, PyCourse, PyRelapsePlan};
use crate::convert::{date_arg, extract, to_py};
use crate::episode::PyEpisodeCourse;
use crate::errors::core_err;
use crate::ips::PyEmploymentJourney;
use crate::ipsrt_area::{PyIpsrtCourse, PyMedicationLog, PyRhythmPlan};
use crate::measures::PyMeasureScore;
use crate::relapse::{PyAlertLevel, PyObservation};
use crate::schedule::{PyDataGap, PyMissedStreak, PyOccurrenceId, PySchedule, PyZoneHistory};
use crate::srm::PyDiary;
use crate::time::PyZonedDateTime;
use crate::{persisted, plain};

fn zoned(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<ZonedDateTime> {
    if let Ok(z) = obj.cast::<PyZonedDateTime>() {
        return Ok(z.get().inner);
    }
    extract(obj, what)
}

fn occurrence(obj: &Bound<'_, PyAny>) -> PyResult<ipsrt::schedule::OccurrenceId> {
    if let Ok(id) = obj.cast::<PyOccurrenceId>() {
        return Ok(id.borrow().inner.clone());
    }
    if let Ok(text) = obj.extract::<String>() {
        return ipsrt::schedule::OccurrenceId::parse(&text).map_err(core_err);
    }
    extract(obj, "occurrence (an OccurrenceId or \"TASK/YYYY-MM-DD/HH:MM\")")
}

/// Builds an entry from typed arguments.
fn entry(
    id: &str,
    recorded_at: &Bound<'_, PyAny>,
    effective: &Bound<'_, PyAny>,
    author: &str,
    event: EntryKind,
    at: Option<&Bound<'_, PyAny>>,
    occ: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCareEntry> {
    let mut e = Entry::new(id, zoned(recorded_at, "recorded_at")?, date_arg(effective, "effective")?, author, event);
    if let Some(a) = at {
        e.at = Some(zoned(a, "at")?);
    }
    if let Some(o) = occ {
        e.occurrence = Some(occurrence(o)?);
    }
    Ok(PyCareEntry { inner: e })
}

plain!(PyCareEntry, "CareEntry", Entry, {
    /// An entry: id, when it arrived (`ZonedDateTime`), its clinical date, its author and what
    /// it says (`event`: a dict in the core's form, tagged by `type`, as in the course events).
    /// `at` is the clinical moment; `occurrence` the schedule occurrence it completes.
    #[new]
    #[pyo3(signature = (id, recorded_at, effective, author, event, *, at = None, occurrence = None))]
    fn new(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        event: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        occurrence: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let event: EntryKind = extract(event, "care entry event")?;
        entry(id, recorded_at, effective, author, event, at, occurrence)
    }
    /// Registers the patient (an id, not a name) and the home zone.
    #[staticmethod]
    #[pyo3(signature = (id, recorded_at, effective, author, patient_ref, zone))]
    fn patient_registered(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        patient_ref: &str,
        zone: &str,
    ) -> PyResult<Self> {
        let event = EntryKind::PatientRegistered { patient_ref: patient_ref.into(), zone: zone.into() };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// An IPSRT course starts under `protocol` (a dict in the core's form; default: Frank's
    /// protocol, as `IpsrtCourse.frank_protocol()`), following the course `previous` if given.
    #[staticmethod]
    #[pyo3(signature = (id, recorded_at, effective, author, course, *, protocol = None, previous = None))]
    #[allow(clippy::too_many_arguments)]
    fn ipsrt_course_started(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        course: &str,
        protocol: Option<&Bound<'_, PyAny>>,
        previous: Option<&str>,
    ) -> PyResult<Self> {
        let protocol: ipsrt::ipsrt::IpsrtProtocol = match protocol {
            Some(p) => extract(p, "IpsrtProtocol")?,
            None => ipsrt::ipsrt::IpsrtProtocol::frank(),
        };
        let event =
            EntryKind::IpsrtCourseStarted { course: course.into(), previous: previous.map(str::to_owned), protocol };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// An IPSRT event of an IPSRT course (`event`: a dict as `IpsrtCourse.apply` takes, such as
    /// `{"type": "task_done", "date": "2026-01-05", "task": "life_chart"}`), dated on `effective`.
    /// IPT events of the course are `course_event` entries (`CareEntry(..., event={"type":
    /// "course_event", ...})`).
    #[staticmethod]
    fn ipsrt_course_event(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        course: &str,
        event: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let event: ipsrt::ipsrt::IpsrtEvent = extract(event, "IpsrtEvent")?;
        let event = EntryKind::IpsrtCourseEvent { course: course.into(), event };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// A schedule version.
    #[staticmethod]
    fn schedule_set(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        schedule: PyRef<'_, PySchedule>,
    ) -> PyResult<Self> {
        let event = EntryKind::ScheduleSet { schedule: schedule.inner.clone() };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// A relapse-plan version under `plan_id` (the plan's `version` is the version).
    #[staticmethod]
    fn relapse_plan_version(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        plan_id: &str,
        plan: PyRef<'_, PyRelapsePlan>,
    ) -> PyResult<Self> {
        let event = EntryKind::RelapsePlanVersion { plan_id: plan_id.into(), plan: plan.inner.clone() };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// Questionnaire answers (`{"phq9_1": 2, ...}`) of a shipped instrument; the core scores them.
    #[staticmethod]
    #[pyo3(signature = (id, recorded_at, effective, author, instrument, answers, *, at = None, occurrence = None))]
    #[allow(clippy::too_many_arguments)]
    fn measure_answered(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        instrument: &str,
        answers: BTreeMap<String, i32>,
        at: Option<&Bound<'_, PyAny>>,
        occurrence: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let instrument: ipsrt::measures::InstrumentId =
            instrument.parse().map_err(|e: ipsrt::measures::MeasureError| core_err(e))?;
        let event = EntryKind::MeasureAnswered { instrument, answers };
        entry(id, recorded_at, effective, author, event, at, occurrence)
    }
    /// An SRM diary day: `items` maps item names (`"out_of_bed"`, ...) to `"HH:MM"`,
    /// `"not_done"` or `"not_recorded"`; `mood` is −5..=5.
    #[staticmethod]
    #[pyo3(signature = (id, recorded_at, effective, author, items, mood = None, *, at = None, occurrence = None))]
    #[allow(clippy::too_many_arguments)]
    fn diary_day(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        items: BTreeMap<String, String>,
        mood: Option<i8>,
        at: Option<&Bound<'_, PyAny>>,
        occurrence: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut list = Vec::new();
        for (item, status) in items {
            let item: ipsrt::srm::ItemId = crate::convert::enum_arg(&item, "SRM item")?;
            let status = ipsrt::srm::Status::parse(&status).map_err(core_err)?;
            list.push(ipsrt::care::DiaryItem { item, status, people: None });
        }
        let event = EntryKind::DiaryDay { items: list, mood };
        entry(id, recorded_at, effective, author, event, at, occurrence)
    }
    /// A raw observation for the alert machine (a dict in the core's form, as for
    /// `AlertMachine.observe`, without the date).
    #[staticmethod]
    #[pyo3(signature = (id, recorded_at, effective, author, observed, *, at = None))]
    fn observation(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        observed: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let event = EntryKind::Observation { observed: extract(observed, "observed")? };
        entry(id, recorded_at, effective, author, event, at, None)
    }
    /// A clinician's acknowledgement with what was done.
    #[staticmethod]
    fn acknowledged(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        action: &str,
    ) -> PyResult<Self> {
        let event = EntryKind::Acknowledged { action: action.into() };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// Corrects entry `target`: `replacement` is the corrected entry (its event is used).
    #[staticmethod]
    fn correction(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        target: &str,
        reason: &str,
        replacement: PyRef<'_, PyCareEntry>,
    ) -> PyResult<Self> {
        let event = EntryKind::Correction {
            target: target.into(),
            reason: reason.into(),
            replacement: Box::new(replacement.inner.event.clone()),
        };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// Retracts entry `target` (entered in error).
    #[staticmethod]
    fn retraction(
        id: &str,
        recorded_at: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        author: &str,
        target: &str,
        reason: &str,
    ) -> PyResult<Self> {
        let event = EntryKind::Retraction { target: target.into(), reason: reason.into() };
        entry(id, recorded_at, effective, author, event, None, None)
    }
    /// The entry id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }
    /// When it arrived.
    #[getter]
    fn recorded_at(&self) -> PyZonedDateTime {
        PyZonedDateTime { inner: self.inner.recorded_at }
    }
    /// The clinical date.
    #[getter]
    fn effective(&self) -> NaiveDate {
        self.inner.effective
    }
    /// The clinical moment, if given.
    #[getter]
    fn at(&self) -> Option<PyZonedDateTime> {
        self.inner.at.map(|inner| PyZonedDateTime { inner })
    }
    /// Who recorded it.
    #[getter]
    fn author(&self) -> String {
        self.inner.author.clone()
    }
    /// The occurrence it completes, if any.
    #[getter]
    fn occurrence(&self) -> Option<PyOccurrenceId> {
        self.inner.occurrence.clone().map(|inner| PyOccurrenceId { inner })
    }
    /// The event's type (`"measure_answered"`, ...).
    #[getter]
    fn kind(&self) -> String {
        self.inner.event.type_name()
    }
    /// The event as a dict in the core's form.
    #[getter]
    fn event<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.event)
    }
    /// Checks the entry's own fields (references are checked when it is appended).
    #[pyo3(signature = (index = 0))]
    fn validate(&self, index: usize) -> PyResult<()> {
        self.inner.validate(index).map_err(core_err)
    }
    /// Whether a correction or retraction may point at an entry of this kind.
    fn correctable(&self) -> bool {
        self.inner.event.correctable()
    }
});

persisted!(PyCareLog, "CareLog", CareLog, {
    /// A log of entries, in arrival order (checked when replayed or loaded).
    #[new]
    #[pyo3(signature = (entries = Vec::new()))]
    fn new(entries: Vec<PyRef<'_, PyCareEntry>>) -> Self {
        Self { inner: CareLog::new(entries.iter().map(|e| e.inner.clone()).collect()) }
    }
    /// The entries, in arrival order.
    #[getter]
    fn entries(&self) -> Vec<PyCareEntry> {
        self.inner.entries.iter().map(|e| PyCareEntry { inner: e.clone() }).collect()
    }
    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }
});

/// One entry as the record sees it: its state and whether it arrived late.
#[pyclass(module = "ipsrt", name = "CareEntryView", frozen, get_all)]
pub struct PyCareEntryView {
    /// The entry id.
    id: String,
    /// Its type.
    kind: String,
    /// Its clinical date.
    effective: NaiveDate,
    /// When it arrived (local).
    recorded_at: NaiveDateTime,
    /// Who recorded it.
    author: String,
    /// Whether it arrived after an entry with a later clinical date.
    late: bool,
    /// `"active"`, `"corrected"`, `"retracted"` or `"amends"`.
    state: String,
    /// The correction or retraction (for corrected/retracted), or the target (for amends).
    state_ref: Option<String>,
}

impl From<&EntryView> for PyCareEntryView {
    fn from(v: &EntryView) -> Self {
        let (state, state_ref) = match &v.state {
            EntryState::Active => ("active", None),
            EntryState::Corrected { by } => ("corrected", Some(by.clone())),
            EntryState::Retracted { by } => ("retracted", Some(by.clone())),
            EntryState::Amends { target } => ("amends", Some(target.clone())),
        };
        PyCareEntryView {
            id: v.id.clone(),
            kind: v.kind.clone(),
            effective: v.effective,
            recorded_at: v.recorded_at.local,
            author: v.author.clone(),
            late: v.late,
            state: state.into(),
            state_ref,
        }
    }
}

/// A relapse-plan version of the record.
#[pyclass(module = "ipsrt", name = "CarePlanVersion", frozen)]
pub struct PyCarePlanVersion {
    inner: PlanVersionRecord,
}

#[pymethods]
impl PyCarePlanVersion {
    /// The entry that recorded it.
    #[getter]
    fn entry(&self) -> String {
        self.inner.entry.clone()
    }
    /// The plan id.
    #[getter]
    fn plan_id(&self) -> String {
        self.inner.plan_id.clone()
    }
    /// The version.
    #[getter]
    fn version(&self) -> u32 {
        self.inner.version
    }
    /// Who recorded it.
    #[getter]
    fn author(&self) -> String {
        self.inner.author.clone()
    }
    /// The plan.
    #[getter]
    fn plan(&self) -> PyRelapsePlan {
        PyRelapsePlan { inner: self.inner.plan.clone() }
    }
}

/// A course of the record.
#[pyclass(module = "ipsrt", name = "CareCourse", frozen, get_all)]
pub struct PyCareCourse {
    /// The course id.
    id: String,
    /// The course it follows.
    previous: Option<String>,
    /// The protocol key.
    protocol: String,
    /// The phase name.
    phase: String,
    /// Sessions recorded.
    sessions: usize,
    /// The IPSRT phase (`"initial"`, `"intermediate"`, ...) of an IPSRT course, else `None`.
    ipsrt_phase: Option<String>,
}

fn phase_name(phase: &impl serde::Serialize) -> String {
    match serde_json::to_value(phase) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.get("phase").and_then(|p| p.as_str()).map_or_else(|| v.to_string(), str::to_owned),
        Err(_) => String::new(),
    }
}

/// The evidence of an observation derived from the care log: a data gap (days without any
/// self-report of the schedule in force) or a run of missed occurrences of one task.
#[pyclass(module = "ipsrt", name = "CareDerivedEvidence", frozen)]
#[derive(Clone)]
pub struct PyCareDerivedEvidence {
    inner: DerivedEvidence,
}

#[pymethods]
impl PyCareDerivedEvidence {
    /// `"data_gap"` or `"missed_run"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.inner {
            DerivedEvidence::MissedRun { .. } => "missed_run",
            _ => "data_gap",
        }
    }
    /// The self-report task ids of the schedule version in force (a data gap; a missed run:
    /// its one task).
    #[getter]
    fn tasks(&self) -> Vec<String> {
        match &self.inner {
            DerivedEvidence::DataGap { tasks, .. } => tasks.clone(),
            DerivedEvidence::MissedRun { task, .. } => vec![task.clone()],
            _ => Vec::new(),
        }
    }
    /// The task of a missed run (`None` for a data gap).
    #[getter]
    fn task(&self) -> Option<String> {
        match &self.inner {
            DerivedEvidence::MissedRun { task, .. } => Some(task.clone()),
            _ => None,
        }
    }
    /// What the task of a missed run is (its `what` code; `None` for a data gap).
    #[getter]
    fn what(&self) -> Option<String> {
        match &self.inner {
            DerivedEvidence::MissedRun { what, .. } => Some(what.clone()),
            _ => None,
        }
    }
    /// The missed occurrences of a run (`task/date/slot`), oldest first, at most the latest 31
    /// (empty for a data gap, and for a run that ended).
    #[getter]
    fn occurrences(&self) -> Vec<String> {
        match &self.inner {
            DerivedEvidence::MissedRun { occurrences, .. } => occurrences.clone(),
            _ => Vec::new(),
        }
    }
    /// Missed occurrences in a row (0: the run ended; 0 for a data gap).
    #[getter]
    fn count(&self) -> u32 {
        match &self.inner {
            DerivedEvidence::MissedRun { count, .. } => *count,
            _ => 0,
        }
    }
    /// The completion that ended a run (`None` otherwise).
    #[getter]
    fn ended_by(&self) -> Option<String> {
        match &self.inner {
            DerivedEvidence::MissedRun { ended_by, .. } => ended_by.clone(),
            _ => None,
        }
    }
    /// The entry id of the schedule version in force.
    #[getter]
    fn schedule_entry(&self) -> String {
        match &self.inner {
            DerivedEvidence::DataGap { schedule_entry, .. } | DerivedEvidence::MissedRun { schedule_entry, .. } => {
                schedule_entry.clone()
            }
            _ => String::new(),
        }
    }
    /// The date a data gap counts from (the last self-report, or the tasks' start).
    #[getter]
    fn since(&self) -> Option<NaiveDate> {
        match &self.inner {
            DerivedEvidence::DataGap { since, .. } => Some(*since),
            _ => None,
        }
    }
    /// The entry of the last self-report of a data gap, if there was one.
    #[getter]
    fn last_entry(&self) -> Option<String> {
        match &self.inner {
            DerivedEvidence::DataGap { last_entry, .. } => last_entry.clone(),
            _ => None,
        }
    }
    /// The date the observation is dated on (the day before `next_entry_on`).
    #[getter]
    fn observed_on(&self) -> Option<NaiveDate> {
        match &self.inner {
            DerivedEvidence::DataGap { observed_on, .. } | DerivedEvidence::MissedRun { observed_on, .. } => {
                Some(*observed_on)
            }
            _ => None,
        }
    }
    /// The clinical date of the next entry of the log.
    #[getter]
    fn next_entry_on(&self) -> Option<NaiveDate> {
        match &self.inner {
            DerivedEvidence::DataGap { next_entry_on, .. } | DerivedEvidence::MissedRun { next_entry_on, .. } => {
                Some(*next_entry_on)
            }
            _ => None,
        }
    }
    /// The days without a self-report (0 for a missed run).
    #[getter]
    fn days(&self) -> u32 {
        match &self.inner {
            DerivedEvidence::DataGap { days, .. } => *days,
            _ => 0,
        }
    }
    fn __repr__(&self) -> String {
        format!("CareDerivedEvidence({})", serde_json::to_string(&self.inner).unwrap_or_default())
    }
}

/// An observation the care record derived from its log (not from one entry), with its
/// evidence; the alert machine read it after the log's entries.
#[pyclass(module = "ipsrt", name = "CareDerived", frozen)]
pub struct PyCareDerived {
    inner: DerivedObservation,
}

#[pymethods]
impl PyCareDerived {
    /// Its id, `derived/<kind>/<date>`.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }
    /// The clinical date it is dated on.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    /// The observation the alert machine read.
    #[getter]
    fn observation(&self) -> PyObservation {
        PyObservation { inner: ipsrt::relapse::Observation::new(self.inner.date, self.inner.observed.clone()) }
    }
    /// What it rests on.
    #[getter]
    fn evidence(&self) -> PyCareDerivedEvidence {
        PyCareDerivedEvidence { inner: self.inner.evidence.clone() }
    }
}

fn derived_evidence(list: &[DerivedEvidence]) -> Vec<PyCareDerivedEvidence> {
    list.iter().map(|e| PyCareDerivedEvidence { inner: e.clone() }).collect()
}

/// One level change of the date-ordered alert history, with plan version and evidence.
#[pyclass(module = "ipsrt", name = "CareAlert", frozen)]
pub struct PyCareAlert {
    inner: AlertRecord,
}

#[pymethods]
impl PyCareAlert {
    /// The date of the change.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.transition.date
    }
    /// The level before.
    #[getter(from_level)]
    fn level_before(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.transition.from }
    }
    /// The level after.
    #[getter(to_level)]
    fn level_after(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.transition.to }
    }
    /// The plan id in force.
    #[getter]
    fn plan_id(&self) -> Option<String> {
        self.inner.plan_id.clone()
    }
    /// The plan version in force.
    #[getter]
    fn plan_version(&self) -> u32 {
        self.inner.plan_version
    }
    /// The entry ids behind the reasons.
    #[getter]
    fn evidence(&self) -> Vec<String> {
        self.inner.evidence.clone()
    }
    /// The evidence of observations derived from the log behind the reasons (data gaps).
    #[getter]
    fn derived_evidence(&self) -> Vec<PyCareDerivedEvidence> {
        derived_evidence(&self.inner.derived_evidence)
    }
    /// The reasons, in words.
    #[getter]
    fn reasons(&self) -> Vec<String> {
        self.inner.transition.reasons.iter().map(|r| r.observed.clone()).collect()
    }
    /// The rules behind the reasons (`"phq9_item9"`, ...).
    #[getter]
    fn rules(&self) -> PyResult<Vec<String>> {
        self.inner
            .transition
            .reasons
            .iter()
            .map(|r| {
                serde_json::to_value(r.rule)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .ok_or_else(|| crate::errors::invalid("unnamed rule"))
            })
            .collect()
    }
}

/// What the alert machine decided when an entry arrived.
#[pyclass(module = "ipsrt", name = "CareDecision", frozen)]
pub struct PyCareDecision {
    inner: DecisionRecord,
}

#[pymethods]
impl PyCareDecision {
    /// The entry that arrived.
    #[getter]
    fn entry(&self) -> String {
        self.inner.entry.clone()
    }
    /// The plan id in force at its arrival.
    #[getter]
    fn plan_id(&self) -> String {
        self.inner.plan_id.clone()
    }
    /// The plan version in force at its arrival.
    #[getter]
    fn plan_version(&self) -> u32 {
        self.inner.plan_version
    }
    /// The entry's clinical date.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.decision.date
    }
    /// Whether it arrived late.
    #[getter]
    fn late(&self) -> bool {
        self.inner.decision.late
    }
    /// Whether Crisis was raised now for a crisis on an earlier date.
    #[getter]
    fn retrospective(&self) -> bool {
        self.inner.decision.retrospective
    }
    /// The reported level before.
    #[getter(from_level)]
    fn level_before(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.decision.from }
    }
    /// The reported level after.
    #[getter(to_level)]
    fn level_after(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.decision.to }
    }
}

/// An occurrence in a status.
#[pyclass(module = "ipsrt", name = "CareOccurrence", frozen, get_all)]
pub struct PyCareOccurrence {
    /// The occurrence id, `TASK/YYYY-MM-DD/HH:MM`.
    id: String,
    /// What is due.
    what: String,
    /// The local due time.
    due_local: NaiveDateTime,
    /// The state name.
    state: String,
}

impl From<&OccurrenceView> for PyCareOccurrence {
    fn from(o: &OccurrenceView) -> Self {
        PyCareOccurrence {
            id: o.id.clone(),
            what: o.what.clone(),
            due_local: o.due_local.local,
            state: o.state.clone(),
        }
    }
}

/// An open safety warning.
#[pyclass(module = "ipsrt", name = "CareSafetyWarning", frozen, get_all)]
pub struct PyCareSafetyWarning {
    /// `"safety_answer"`, `"crisis_sign"` or `"evidence_retracted"`.
    kind: String,
    /// The entry behind it.
    entry: String,
    /// Its clinical date.
    date: NaiveDate,
    /// In words.
    detail: String,
}

impl From<&SafetyWarning> for PyCareSafetyWarning {
    fn from(w: &SafetyWarning) -> Self {
        let kind = serde_json::to_value(w.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        PyCareSafetyWarning { kind, entry: w.entry.clone(), date: w.date, detail: w.detail.clone() }
    }
}

/// The status of a care record on a date.
#[pyclass(module = "ipsrt", name = "CareStatus", frozen)]
pub struct PyCareStatus {
    inner: CareStatus,
}

#[pymethods]
impl PyCareStatus {
    /// The date.
    #[getter]
    fn on(&self) -> NaiveDate {
        self.inner.on
    }
    /// The instant evaluated (UTC).
    #[getter]
    fn now(&self) -> DateTime<Utc> {
        self.inner.now
    }
    /// The patient.
    #[getter]
    fn patient_ref(&self) -> String {
        self.inner.patient_ref.clone()
    }
    /// The zone in force.
    #[getter]
    fn zone(&self) -> String {
        self.inner.zone.clone()
    }
    /// The current alert level.
    #[getter]
    fn alert_level(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.alert.level }
    }
    /// The level of the date-ordered history.
    #[getter]
    fn history_level(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.alert.history_level }
    }
    /// The relapse plan in force.
    #[getter]
    fn plan_id(&self) -> Option<String> {
        self.inner.alert.plan_id.clone()
    }
    /// Its version.
    #[getter]
    fn plan_version(&self) -> Option<u32> {
        self.inner.alert.plan_version
    }
    /// Since when the level holds.
    #[getter]
    fn since(&self) -> Option<NaiveDate> {
        self.inner.alert.since
    }
    /// Why, in words.
    #[getter]
    fn reasons(&self) -> Vec<String> {
        self.inner.alert.reasons.iter().map(|r| r.observed.clone()).collect()
    }
    /// The entries behind the level.
    #[getter]
    fn evidence(&self) -> Vec<String> {
        self.inner.alert.evidence.clone()
    }
    /// The evidence of observations derived from the log behind the level (data gaps).
    #[getter]
    fn derived_evidence(&self) -> Vec<PyCareDerivedEvidence> {
        derived_evidence(&self.inner.alert.derived_evidence)
    }
    /// Occurrences due that day.
    #[getter]
    fn due(&self) -> Vec<PyCareOccurrence> {
        self.inner.due.iter().map(Into::into).collect()
    }
    /// Occurrences overdue.
    #[getter]
    fn overdue(&self) -> Vec<PyCareOccurrence> {
        self.inner.overdue.iter().map(Into::into).collect()
    }
    /// Occurrences missed in the last 28 days.
    #[getter]
    fn missed(&self) -> Vec<PyCareOccurrence> {
        self.inner.missed.iter().map(Into::into).collect()
    }
    /// Adherence per task over the last 28 days up to the date (a dict typed as
    /// ``ipsrt.results.CareAdherenceDict``): on time, late, missed, excused, pending, expected
    /// (= on time + late + missed) and the completion rate, computed by the core.
    #[getter]
    fn adherence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.adherence)
    }
    /// Runs of missed occurrences still going.
    #[getter]
    fn missed_streaks(&self) -> Vec<PyMissedStreak> {
        self.inner.missed_streaks.iter().map(|m| PyMissedStreak { inner: m.clone() }).collect()
    }
    /// Days without data per task.
    #[getter]
    fn data_gaps(&self) -> Vec<PyDataGap> {
        self.inner.data_gaps.iter().map(|g| PyDataGap { inner: g.clone() }).collect()
    }
    /// Observations derived from the schedule and read by the alert machine.
    #[getter]
    fn derived_observations(&self) -> Vec<PyObservation> {
        self.inner.derived_observations.iter().map(|o| PyObservation { inner: o.clone() }).collect()
    }
    /// Safety warnings no clinician has acknowledged.
    #[getter]
    fn safety_warnings(&self) -> Vec<PyCareSafetyWarning> {
        self.inner.safety_warnings.iter().map(Into::into).collect()
    }
    /// The courses.
    #[getter]
    fn courses(&self) -> Vec<PyCareCourse> {
        self.inner
            .courses
            .iter()
            .map(|c| PyCareCourse {
                id: c.id.clone(),
                previous: c.previous.clone(),
                protocol: c.protocol.clone(),
                phase: c.phase.clone(),
                sessions: 0,
                ipsrt_phase: c.ipsrt_phase.as_ref().map(phase_name),
            })
            .collect()
    }
    /// The episode state name, once the episode course has started.
    #[getter]
    fn episode(&self) -> Option<String> {
        self.inner.episode.and_then(|e| serde_json::to_value(e).ok()).and_then(|v| v.as_str().map(str::to_owned))
    }
    /// Entries that arrived late.
    #[getter]
    fn late_entries(&self) -> Vec<String> {
        self.inner.late_entries.clone()
    }
}

/// A patient's care record, rebuilt from its log.
#[pyclass(module = "ipsrt", name = "CareRecord")]
pub struct PyCareRecord {
    inner: CareRecord,
}

#[pymethods]
impl PyCareRecord {
    /// An empty record (append entries to it).
    #[new]
    fn new() -> PyResult<Self> {
        CareRecord::replay(&CareLog::default()).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Rebuilds the record from a log; the first refused entry is an error naming it.
    #[staticmethod]
    fn replay(log: PyRef<'_, PyCareLog>) -> PyResult<Self> {
        CareRecord::replay(&log.inner).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Appends one entry; on error the record is unchanged.
    fn append(&mut self, entry: PyRef<'_, PyCareEntry>) -> PyResult<()> {
        self.inner.append(entry.inner.clone()).map_err(core_err)
    }
    /// The log.
    #[getter]
    fn log(&self) -> PyCareLog {
        PyCareLog { inner: self.inner.log().clone() }
    }
    /// The patient's reference.
    #[getter]
    fn patient_ref(&self) -> Option<String> {
        self.inner.patient_ref().map(str::to_owned)
    }
    /// The zone history.
    #[getter]
    fn zones(&self) -> Option<PyZoneHistory> {
        self.inner.zones().map(|z| PyZoneHistory { inner: z.clone() })
    }
    /// The schedule versions (date from, schedule).
    #[getter]
    fn schedules(&self) -> Vec<(NaiveDate, PySchedule)> {
        self.inner.schedules().iter().map(|v| (v.effective, PySchedule { inner: v.schedule.clone() })).collect()
    }
    /// The courses.
    #[getter]
    fn courses(&self) -> Vec<PyCareCourse> {
        self.inner
            .courses()
            .iter()
            .map(|c| PyCareCourse {
                id: c.id.clone(),
                previous: c.previous.clone(),
                protocol: c.course.ipt().protocol.key.clone(),
                phase: phase_name(&c.course.ipt().phase),
                sessions: c.course.ipt().sessions.len(),
                ipsrt_phase: c.course.ipsrt_phase().as_ref().map(phase_name),
            })
            .collect()
    }
    /// The episode course.
    #[getter]
    fn episode(&self) -> Option<PyEpisodeCourse> {
        self.inner.episode().map(|e| PyEpisodeCourse { inner: e.clone() })
    }
    /// Every relapse-plan version.
    #[getter]
    fn relapse_plans(&self) -> Vec<PyCarePlanVersion> {
        self.inner.relapse_plans().iter().map(|p| PyCarePlanVersion { inner: p.clone() }).collect()
    }
    /// The relapse-plan version in force.
    #[getter]
    fn plan_in_force(&self) -> Option<PyCarePlanVersion> {
        self.inner.plan_in_force().map(|p| PyCarePlanVersion { inner: p.clone() })
    }
    /// The scored measures.
    #[getter]
    fn measures(&self) -> Vec<PyMeasureScore> {
        self.inner.measures().iter().map(|m| PyMeasureScore { inner: m.score.clone() }).collect()
    }
    /// The SRM diary.
    #[getter]
    fn diary(&self) -> Option<PyDiary> {
        self.inner.diary().map(|d| PyDiary { inner: d.clone() })
    }
    /// The medication log.
    #[getter]
    fn medication(&self) -> Option<PyMedicationLog> {
        self.inner.medication().map(|m| PyMedicationLog { inner: m.clone() })
    }
    /// The rhythm plan.
    #[getter]
    fn rhythm_plan(&self) -> Option<PyRhythmPlan> {
        self.inner.rhythm_plan().map(|p| PyRhythmPlan { inner: p.clone() })
    }
    /// The linked IPS journey id.
    #[getter]
    fn ips_journey(&self) -> Option<String> {
        self.inner.ips_journey().map(str::to_owned)
    }
    /// The alert machine.
    #[getter]
    fn alert_machine(&self) -> PyAlertMachine {
        PyAlertMachine { inner: self.inner.alert_machine().clone() }
    }
    /// The current alert level.
    #[getter]
    fn alert_level(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.alert_level() }
    }
    /// Every level change with plan version and evidence.
    #[getter]
    fn alerts(&self) -> Vec<PyCareAlert> {
        self.inner.alerts().iter().map(|a| PyCareAlert { inner: a.clone() }).collect()
    }
    /// The decisions made at arrival.
    #[getter]
    fn decisions(&self) -> Vec<PyCareDecision> {
        self.inner.decisions().iter().map(|d| PyCareDecision { inner: d.clone() }).collect()
    }
    /// The observations derived from the log (days without a self-report at an entry's
    /// date), in date order, with their evidence.
    #[getter]
    fn derived_observations(&self) -> Vec<PyCareDerived> {
        self.inner.derived_observations().iter().map(|o| PyCareDerived { inner: o.clone() }).collect()
    }
    /// The relapse-plan version in force on `on` (the latest effective on that date).
    fn plan_on(&self, on: &Bound<'_, PyAny>) -> PyResult<Option<PyCarePlanVersion>> {
        let on = date_arg(on, "on")?;
        Ok(self.inner.plan_on(on).map(|p| PyCarePlanVersion { inner: p.clone() }))
    }
    /// Entries not yet read by the alert machine (no plan had arrived).
    #[getter]
    fn unevaluated(&self) -> Vec<String> {
        self.inner.unevaluated().to_vec()
    }
    /// Every entry, with its state and lateness.
    #[getter]
    fn entries(&self) -> Vec<PyCareEntryView> {
        self.inner.entries().iter().map(Into::into).collect()
    }
    /// Completed occurrences (id, completion instant).
    #[getter]
    fn completions(&self) -> Vec<crate::schedule::PyCompletion> {
        self.inner.completions().iter().map(|c| crate::schedule::PyCompletion { inner: c.clone() }).collect()
    }
    /// Excused occurrences.
    #[getter]
    fn excusals(&self) -> Vec<crate::schedule::PyExcusal> {
        self.inner.excusals().iter().map(|x| crate::schedule::PyExcusal { inner: x.clone() }).collect()
    }
    /// The status on `on` as known at the end of that day, or at the local clock time `at`.
    #[pyo3(signature = (on, at = None))]
    fn status(&self, on: &Bound<'_, PyAny>, at: Option<&str>) -> PyResult<PyCareStatus> {
        let on = date_arg(on, "on")?;
        let at = at.map(|t| t.parse::<ClockTime>().map_err(core_err)).transpose()?;
        self.inner.status_at(on, at).map(|inner| PyCareStatus { inner }).map_err(core_err)
    }
    /// The record as known at the end of the day `on` (or at the local clock time `at`):
    /// replayed from only the entries recorded by then.
    #[pyo3(signature = (on, at = None))]
    fn known_by(&self, on: &Bound<'_, PyAny>, at: Option<&str>) -> PyResult<PyCareRecord> {
        let on = date_arg(on, "on")?;
        let at = at.map(|t| t.parse::<ClockTime>().map_err(core_err)).transpose()?;
        self.inner.known_by(on, at).map(|inner| PyCareRecord { inner }).map_err(core_err)
    }
    /// The instruments the record has scored results for (ids such as `"phq9"`).
    fn series_instruments(&self) -> Vec<&'static str> {
        self.inner.series_instruments().into_iter().map(|i| i.as_str()).collect()
    }
    /// The score series of `instrument` (a `ScoreSeries`): every result with a total,
    /// corrections applied, retracted results left out, late results at their clinical date.
    /// `baseline` is the date of one of its scores (default: the first in the record). Raises
    /// `InvalidInputError` when the record has no scored result of it (naming those it has),
    /// when two results share a date (naming both entries), or on a baseline without a score.
    #[pyo3(signature = (instrument, *, baseline = None))]
    fn score_series(
        &self,
        instrument: &str,
        baseline: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::series::PyScoreSeries> {
        let id = instrument.parse::<ipsrt::measures::InstrumentId>().map_err(core_err)?;
        let baseline = baseline.map(|b| date_arg(b, "baseline")).transpose()?;
        self.inner.score_series(id, baseline).map(|inner| crate::series::PyScoreSeries { inner }).map_err(core_err)
    }
    /// The results of `instrument` the series leaves out because they have no total, as
    /// `(entry_id, date, MeasureScore)` tuples in clinical order.
    fn series_unscored(&self, instrument: &str) -> PyResult<Vec<(String, NaiveDate, PyMeasureScore)>> {
        let id = instrument.parse::<ipsrt::measures::InstrumentId>().map_err(core_err)?;
        Ok(self
            .inner
            .series_unscored(id)
            .into_iter()
            .map(|m| (m.entry.clone(), m.date, PyMeasureScore { inner: m.score.clone() }))
            .collect())
    }
    /// The rebuilt record as deterministic, pretty JSON (what `ipsrt care replay` prints).
    fn to_json(&self) -> String {
        self.inner.to_json_pretty()
    }
}

/// The stored documents of one patient, as the Python keyword arguments give them.
#[derive(Default)]
struct StoredArgs<'py> {
    courses: Vec<(String, PyRef<'py, PyCourse>)>,
    ipsrt_courses: Vec<(String, PyRef<'py, PyIpsrtCourse>)>,
    plans: Vec<(String, PyRef<'py, PyRelapsePlan>)>,
    alerts: Option<PyRef<'py, PyAlertMachine>>,
    episode: Option<PyRef<'py, PyEpisodeCourse>>,
    rhythm_plan: Option<PyRef<'py, PyRhythmPlan>>,
    medication: Option<PyRef<'py, PyMedicationLog>>,
    diary: Option<PyRef<'py, PyDiary>>,
    measures: Vec<(NaiveDate, PyRef<'py, PyMeasureScore>)>,
    schedules: Vec<PyRef<'py, PySchedule>>,
    ips_journey: Option<PyRef<'py, PyEmploymentJourney>>,
}

/// Runs `f` on the core's `StoredCare` built from the arguments.
fn with_stored<R>(
    patient_ref: &str,
    zone: &str,
    author: &str,
    a: &StoredArgs<'_>,
    f: impl FnOnce(&ipsrt::care::migrate::StoredCare<'_>) -> R,
) -> R {
    let mut stored = ipsrt::care::migrate::StoredCare::new(patient_ref, zone, author);
    // Courses and IPSRT courses are linked in the order given: all IPT courses, then the IPSRT
    // courses.
    for (id, c) in &a.courses {
        stored = stored.course(id, &c.inner);
    }
    for (id, c) in &a.ipsrt_courses {
        stored = stored.ipsrt_course(id, &c.inner);
    }
    for (id, p) in &a.plans {
        stored = stored.plan(id, &p.inner);
    }
    if let Some(m) = &a.alerts {
        stored = stored.alerts(&m.inner);
    }
    if let Some(e) = &a.episode {
        stored = stored.episode(&e.inner);
    }
    if let Some(p) = &a.rhythm_plan {
        stored = stored.rhythm_plan(&p.inner);
    }
    if let Some(m) = &a.medication {
        stored = stored.medication(&m.inner);
    }
    if let Some(d) = &a.diary {
        stored = stored.diary(&d.inner);
    }
    for (date, s) in &a.measures {
        stored = stored.measure(*date, &s.inner);
    }
    for s in &a.schedules {
        stored = stored.schedule(&s.inner);
    }
    if let Some(j) = &a.ips_journey {
        stored = stored.ips_journey(&j.inner);
    }
    f(&stored)
}

/// Turns a stored patient into a care log: `courses` are `(course_id, Course)` pairs (each
/// linked to the one before), `plan` a `(plan_id, RelapsePlan)` pair, `alerts` an
/// `AlertMachine` whose observations become entries. For every other stored document (IPSRT
/// courses, episode course, rhythm plan, medication log, diary, dated scores, schedules, IPS
/// journey) use `care_migrate`.
#[pyfunction]
#[pyo3(signature = (patient_ref, zone, author, *, courses = Vec::new(), plan = None, alerts = None))]
pub fn care_log_from_stored<'py>(
    patient_ref: &str,
    zone: &str,
    author: &str,
    courses: Vec<(String, PyRef<'py, PyCourse>)>,
    plan: Option<(String, PyRef<'py, PyRelapsePlan>)>,
    alerts: Option<PyRef<'py, PyAlertMachine>>,
) -> PyResult<PyCareLog> {
    let args = StoredArgs { courses, plans: plan.into_iter().collect(), alerts, ..StoredArgs::default() };
    with_stored(patient_ref, zone, author, &args, ipsrt::care::migrate::to_care_log)
        .map(|inner| PyCareLog { inner })
        .map_err(core_err)
}

/// A stored fact without a care entry: `(document, fact, why)`.
type LeftOutRow = (String, String, String);

/// Migrates every stored document of a patient into a care log (`ipsrt::care::migrate`):
/// `courses` and `ipsrt_courses` are `(course_id, Course | IpsrtCourse)` pairs (linked in that
/// order), `plans` `(plan_id, RelapsePlan)` versions in order, `measures` `(date, MeasureScore)`
/// pairs, `schedules` `Schedule` versions; the others one document each. Returns
/// `(CareLog, left_out)`: `left_out` lists the stored facts with no care entry as
/// `(document, fact, why)`; keep those documents. Set `strict=True` to refuse them instead.
/// (Every document kind read here migrates whole, IPSRT courses included, so `left_out` is
/// empty today.) Each rebuilt machine is checked against its document.
#[pyfunction]
#[pyo3(signature = (patient_ref, zone, author, *, courses = Vec::new(), ipsrt_courses = Vec::new(), plans = Vec::new(), alerts = None, episode = None, rhythm_plan = None, medication = None, diary = None, measures = Vec::new(), schedules = Vec::new(), ips_journey = None, strict = false))]
#[allow(clippy::too_many_arguments)]
pub fn care_migrate<'py>(
    patient_ref: &str,
    zone: &str,
    author: &str,
    courses: Vec<(String, PyRef<'py, PyCourse>)>,
    ipsrt_courses: Vec<(String, PyRef<'py, PyIpsrtCourse>)>,
    plans: Vec<(String, PyRef<'py, PyRelapsePlan>)>,
    alerts: Option<PyRef<'py, PyAlertMachine>>,
    episode: Option<PyRef<'py, PyEpisodeCourse>>,
    rhythm_plan: Option<PyRef<'py, PyRhythmPlan>>,
    medication: Option<PyRef<'py, PyMedicationLog>>,
    diary: Option<PyRef<'py, PyDiary>>,
    measures: Vec<(Bound<'py, PyAny>, PyRef<'py, PyMeasureScore>)>,
    schedules: Vec<PyRef<'py, PySchedule>>,
    ips_journey: Option<PyRef<'py, PyEmploymentJourney>>,
    strict: bool,
) -> PyResult<(PyCareLog, Vec<LeftOutRow>)> {
    let mut dated = Vec::with_capacity(measures.len());
    for (d, s) in measures {
        dated.push((date_arg(&d, "measures date")?, s));
    }
    let args = StoredArgs {
        courses,
        ipsrt_courses,
        plans,
        alerts,
        episode,
        rhythm_plan,
        medication,
        diary,
        measures: dated,
        schedules,
        ips_journey,
    };
    if strict {
        let log = with_stored(patient_ref, zone, author, &args, ipsrt::care::migrate::to_care_log).map_err(core_err)?;
        return Ok((PyCareLog { inner: log }, Vec::new()));
    }
    let m = with_stored(patient_ref, zone, author, &args, ipsrt::care::migrate::migrate).map_err(core_err)?;
    let left = m.left_out.into_iter().map(|l| (l.document, l.fact, l.why)).collect();
    Ok((PyCareLog { inner: m.log }, left))
}

/// Registers the care area.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCareEntry>()?;
    m.add_class::<PyCareLog>()?;
    m.add_class::<PyCareRecord>()?;
    m.add_class::<PyCareEntryView>()?;
    m.add_class::<PyCarePlanVersion>()?;
    m.add_class::<PyCareCourse>()?;
    m.add_class::<PyCareAlert>()?;
    m.add_class::<PyCareDerived>()?;
    m.add_class::<PyCareDerivedEvidence>()?;
    m.add_class::<PyCareDecision>()?;
    m.add_class::<PyCareOccurrence>()?;
    m.add_class::<PyCareSafetyWarning>()?;
    m.add_class::<PyCareStatus>()?;
    m.add_function(wrap_pyfunction!(care_log_from_stored, m)?)?;
    m.add_function(wrap_pyfunction!(care_migrate, m)?)?;
    Ok(())
}
