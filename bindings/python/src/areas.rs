//! Persisted types of the course, relapse and inventory areas (the IPSRT rhythm plan is in
//! `ipsrt_area`). Each has the
//! generic bridge (JSON/dict/pickle/eq); the state machines also expose their transitions.

use ipsrt::course::{CourseLog, EventRecord};
use ipsrt::inventory::{Inventory, Person, PersonId};
use ipsrt::life_event::{LifeEventKind, SuggestOptions};
use ipsrt::problem_area::ProblemAreaKind;
use ipsrt::relapse::{AlertMachine, Observation, ObservationLog, Reason, RelapsePlan, actions_for};
use ipsrt::source::Cited;
use pyo3::prelude::*;

use crate::errors::Whole;
use pyo3::types::PyDict;

use crate::convert::{date_arg, enum_arg, extract, source_for, to_py};
use crate::course::PyContract;
use crate::errors::core_err;
use crate::inventory::PyPerson;
use crate::persisted;
use crate::relapse::{PyAlertLevel, PyContact, level_arg};

/// The options of `suggest_problem_areas`: the core's defaults unless `proximal_days` is given
/// (then with its `source`).
pub fn suggest_options(proximal_days: Option<u32>, source: Option<&Bound<'_, PyAny>>) -> PyResult<SuggestOptions> {
    let mut options = SuggestOptions::default();
    if let Some(days) = proximal_days {
        options.proximal_days = Cited::new(days, source_for(source, "proximal_days")?);
    }
    Ok(options)
}

fn person_id(id: &str) -> PyResult<PersonId> {
    PersonId::new(id).map_err(core_err)
}

persisted!(PyCourse, "Course", CourseLog, {
    /// Replays an event log (EventRecord dicts); the first rejected event is reported.
    #[new]
    #[pyo3(signature = (events = None))]
    fn new(events: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let events: Vec<EventRecord> = match events {
            Some(e) => extract(e, "list of EventRecord")?,
            None => Vec::new(),
        };
        CourseLog::from_events(events).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Applies one event record; on error nothing changes.
    fn apply(&mut self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.apply(extract(record, "EventRecord")?).map_err(core_err)
    }
    /// The accepted events as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.events)
    }
    /// The course the events replay to, as a dict.
    #[getter]
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot)
    }
    /// Rebuilds a course from its event log (the same as `Course(events)`); the error of the
    /// first rejected event carries `rejected_index`.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::new(Some(events))
    }
    /// Checks an event record without applying it.
    fn check(&self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.snapshot.check(&extract(record, "EventRecord")?).map_err(core_err)
    }
    /// The course at a glance: phase, attendance, contract sessions, remaining, focus and
    /// warnings, as a dict.
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot.status())
    }
    /// The status warnings as sentences in `locale` (`"en"`, `"nl"`), in the order of
    /// `status()["warnings"]`.
    #[pyo3(signature = (locale = "en"))]
    fn warnings_in(&self, locale: &str) -> PyResult<Vec<String>> {
        use ipsrt::i18n::Localize;
        let loc = crate::i18n::locale_arg(locale)?;
        Ok(self.inner.snapshot.status().warnings.iter().map(|w| w.label_in(loc)).collect())
    }
    /// The focus as text, e.g. `"role dispute (impasse, with partner)"`.
    fn focus_text(&self) -> String {
        self.inner.snapshot.focus_text()
    }
    /// The phase as a dict: `name` (= `kind`), `order` (0 initial … 4 ended), `is_ended`, and
    /// for an ended course its `ending` (outcome, early-end reason …).
    #[getter]
    fn phase<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let phase = &self.inner.snapshot.phase;
        let d = PyDict::new(py);
        d.set_item("name", phase.name())?;
        d.set_item("kind", phase.kind().as_str())?;
        d.set_item("order", phase.order())?;
        d.set_item("is_ended", phase.is_ended())?;
        let ending = match phase {
            ipsrt::course::Phase::Ended { ending } => to_py(py, ending)?,
            _ => py.None().into_bound(py),
        };
        d.set_item("ending", ending)?;
        Ok(d)
    }
    /// The initial-phase tasks not yet done, in order, each as `{"task", "todo", "missing",
    /// "operation"}`: `todo` names the event type, `operation` what Python calls to do it.
    fn missing_initial_tasks<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .snapshot
            .missing_initial_tasks()
            .into_iter()
            .map(|t| {
                let d = PyDict::new(py);
                d.set_item("task", to_py(py, &t)?)?;
                d.set_item("todo", t.todo())?;
                d.set_item("missing", t.missing())?;
                d.set_item("operation", crate::names::python_name(t.operation()))?;
                Ok(d)
            })
            .collect()
    }
    /// The contract in force, or None.
    #[getter]
    fn contract(&self) -> Option<PyContract> {
        self.inner.snapshot.contract().map(|c| PyContract { inner: *c })
    }
    /// The number the next recorded session must carry (1 for the first).
    #[getter]
    fn next_session_number(&self) -> u32 {
        self.inner.snapshot.next_session_number()
    }
    /// Sessions attended in the whole course.
    #[getter]
    fn attended(&self) -> u32 {
        self.inner.snapshot.attended()
    }
    /// Sessions missed (no-shows) in the whole course.
    #[getter]
    fn missed(&self) -> u32 {
        self.inner.snapshot.missed()
    }
    /// Sessions cancelled and rescheduled in the whole course.
    #[getter]
    fn cancelled(&self) -> u32 {
        self.inner.snapshot.cancelled()
    }
    /// Sessions used against the contract in force (attended + missed since it began).
    #[getter]
    fn used(&self) -> u32 {
        self.inner.snapshot.used()
    }
    /// Sessions used against the whole course (attended + missed).
    #[getter]
    fn used_total(&self) -> u32 {
        self.inner.snapshot.used_total()
    }
    /// Sessions remaining in the contract in force (None without a contract).
    #[getter]
    fn remaining(&self) -> Option<u32> {
        self.inner.snapshot.remaining()
    }
    /// The chosen area of `kind` (`"grief"`, `"role_dispute"`, …) as a dict, or None.
    fn area<'py>(&self, py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        let kind: ProblemAreaKind = enum_arg(kind, "problem area")?;
        to_py(py, &self.inner.snapshot.area(kind))
    }
    /// The latest response evaluation as a dict (with its `verdict`), or None.
    #[getter]
    fn latest_evaluation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot.latest_evaluation())
    }
    /// The recorded measures whose safety signals are still open (dicts with `date`,
    /// `instrument`, `total`, `safety`), oldest first; empty when none is open.
    #[getter]
    fn open_safety<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let open: Vec<_> = self.inner.snapshot.open_safety().collect();
        to_py(py, &open)
    }
    /// Records a scored measure on `date` (a `measure_recorded` event); a score with safety
    /// signals opens a safety warning until `acknowledge_safety`. On error nothing changes.
    fn record_measure(
        &mut self,
        date: &Bound<'_, PyAny>,
        score: PyRef<'_, crate::measures::PyMeasureScore>,
    ) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::MeasureRecorded { score: Box::new(score.inner.clone()) };
        self.inner.apply(EventRecord::new(crate::convert::date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// A clinician acknowledges every open safety signal on `date`: who (`by`) and what was
    /// done (`action`). Refused (IllegalTransitionError) when nothing is open.
    #[pyo3(signature = (date, by, action, note = None))]
    fn acknowledge_safety(
        &mut self,
        date: &Bound<'_, PyAny>,
        by: String,
        action: String,
        note: Option<String>,
    ) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::SafetyAcknowledged { by, action, note };
        self.inner.apply(EventRecord::new(crate::convert::date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// What points at another problem area than interpersonal deficits, as a dict:
    /// `onset_known`, `life_events` (near onset, each with `index`, `kind`, `date`, `area`,
    /// `days_before_onset`), `deceased`, `open_conflicts` (inventory ids) and
    /// `changes_near_onset` (`person`, `date`, `days_before_onset`), and, only when there are
    /// any, `not_assessed`: open questions, people (not deceased) whose conflict or confiding
    /// was not assessed (`person`, `facts`). Computed whether or not deficits is chosen.
    fn deficits_evidence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot.deficits_evidence())
    }
    /// The evidence of the open `deficits_unacknowledged` warning (deficits chosen, evidence
    /// found, not acknowledged) as a dict like `deficits_evidence()`, or None.
    #[getter]
    fn deficits_open<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot.deficits_open())
    }
    /// A clinician acknowledges on `date` that interpersonal deficits stays the focus although
    /// other areas may apply (`deficits_acknowledged`): who (`by`) and why (`reason`). Refused
    /// (IllegalTransitionError) when no deficits warning is open. On error nothing changes.
    fn acknowledge_deficits(&mut self, date: &Bound<'_, PyAny>, by: String, reason: String) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::DeficitsAcknowledged { by, reason };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// The evaluation that made the course a stop candidate and awaits the clinician's decision
    /// (rules edition 2), as the evaluation dict plus `reduction_percent` (whole percent, or
    /// None without both totals); None when no decision is pending.
    #[getter]
    fn stop_candidate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.snapshot.stop_candidate() {
            None => Ok(py.None().into_bound(py)),
            Some(e) => {
                let d = to_py(py, e)?;
                d.set_item("reduction_percent", e.reduction_percent())?;
                Ok(d)
            }
        }
    }
    /// Ends the course for non-response on `date` (`ended_non_response`), recording the
    /// alternative offered (required: what was offered, or that nothing was and why). Needs a
    /// `minimal_or_no_benefit` verdict or a stop candidate. On error nothing changes.
    fn end_non_response(&mut self, date: &Bound<'_, PyAny>, alternative_offered: String) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::EndedNonResponse { alternative_offered: Some(alternative_offered) };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Continues the course on `date` although the latest evaluation made it a stop candidate
    /// (`non_response_stop_declined`); `reason` is recorded as a deviation. Refused
    /// (IllegalTransitionError) when no stop candidate is pending.
    fn decline_non_response_stop(&mut self, date: &Bound<'_, PyAny>, reason: String) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::NonResponseStopDeclined { reason };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Changes the focus in the middle phase on `date` (`focus_changed`): `area` (`"grief"`,
    /// `"role_transition"`, …) replaces the chosen area `replaces`, or without it is added as
    /// a second area; `reason` is required and kept in `snapshot["focus_changes"]`. A role
    /// dispute needs `dispute_stage`; `person` is an inventory id. On error nothing changes.
    #[pyo3(signature = (date, area, *, reason, replaces = None, dispute_stage = None, person = None))]
    fn change_focus(
        &mut self,
        date: &Bound<'_, PyAny>,
        area: &str,
        reason: String,
        replaces: Option<&str>,
        dispute_stage: Option<&str>,
        person: Option<&str>,
    ) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::FocusChanged {
            area: enum_arg(area, "problem area")?,
            dispute_stage: dispute_stage.map(|s| enum_arg(s, "dispute stage")).transpose()?,
            person: person.map(person_id).transpose()?,
            replaces: replaces.map(|r| enum_arg(r, "problem area")).transpose()?,
            reason,
        };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Starts maintenance on `date` (`maintenance_started`) under `contract` (an
    /// `ipsrt.Contract`). Under rules edition 3 it is checked against the maintenance protocol
    /// (`Protocol.maintenance_for`: sessions, minutes and frequency); give `deviation` when it
    /// departs from it. Needs the relapse-prevention plan. On error nothing changes.
    #[pyo3(signature = (date, contract, *, deviation = None))]
    fn start_maintenance(
        &mut self,
        date: &Bound<'_, PyAny>,
        contract: PyRef<'_, PyContract>,
        deviation: Option<String>,
    ) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::MaintenanceStarted { contract: contract.inner, deviation };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// A recurrence during maintenance on `date` (`recurrence_recorded`): the course returns to
    /// acute treatment (the middle phase) under `contract` (an `ipsrt.Contract`, checked
    /// against the course's protocol; give `deviation` when it departs from it). The recurrences
    /// are kept in `snapshot["recurrences"]`. On error nothing changes.
    #[pyo3(signature = (date, contract, *, deviation = None, detail = None))]
    fn record_recurrence(
        &mut self,
        date: &Bound<'_, PyAny>,
        contract: PyRef<'_, PyContract>,
        deviation: Option<String>,
        detail: Option<String>,
    ) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::RecurrenceRecorded { contract: contract.inner, deviation, detail };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Records session `next_session_number` on `date` (`session_recorded`): `attendance` is
    /// `"attended"`, `"missed"` or `"cancelled"`; `mode` (`"in_person"`, `"phone"`, `"video"`,
    /// `"group"`) is how it was delivered, None when not recorded (never assumed). On error
    /// nothing changes.
    #[pyo3(signature = (date, attendance = "attended", *, mode = None))]
    fn record_session(&mut self, date: &Bound<'_, PyAny>, attendance: &str, mode: Option<&str>) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::SessionRecorded {
            number: self.inner.snapshot.next_session_number(),
            attendance: enum_arg(attendance, "attendance")?,
            at: None,
            mode: mode.map(|m| enum_arg(m, "delivery mode")).transpose()?,
        };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Adds `person` (a `Person` or its dict) to the course's interpersonal inventory on `date`
    /// (`person_added`); the core checks every field. On error nothing changes.
    fn add_person(&mut self, date: &Bound<'_, PyAny>, person: &Bound<'_, PyAny>) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::PersonAdded { person: person_arg(person)? };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Sets the population the course treats on `date` (`population_set`): `"adult"`,
    /// `"adolescent"` (IPT-A), `"perinatal"` or `"older_adult"`; a later call replaces it. On
    /// error nothing changes.
    fn set_population(&mut self, date: &Bound<'_, PyAny>, population: &str) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::PopulationSet { population: enum_arg(population, "population")? };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Records a termination task as done on `date` (`termination_task_recorded`): `task` is
    /// `"loss_expressed"`, `"independent_competence"` or `"aftercare_agreed"`. Termination or
    /// maintenance phase, once per task. On error nothing changes.
    #[pyo3(signature = (date, task, *, note = None))]
    fn record_termination_task(&mut self, date: &Bound<'_, PyAny>, task: &str, note: Option<String>) -> PyResult<()> {
        let event =
            ipsrt::course::CourseEvent::TerminationTaskRecorded { task: enum_arg(task, "termination task")?, note };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Leaves a termination task out on `date` with `reason` (`termination_task_skipped`),
    /// recorded as a deviation. On error nothing changes.
    #[pyo3(signature = (date, task, *, reason))]
    fn skip_termination_task(&mut self, date: &Bound<'_, PyAny>, task: &str, reason: String) -> PyResult<()> {
        let event =
            ipsrt::course::CourseEvent::TerminationTaskSkipped { task: enum_arg(task, "termination task")?, reason };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// The termination checklist: dicts `{"task", "state"}` (`"open"`, `"done"`, `"skipped"`)
    /// for the three tasks, once termination has been raised; empty before.
    #[getter]
    fn termination_checklist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.snapshot.termination_checklist())
    }
    /// The termination tasks neither done nor left out, by name.
    #[getter]
    fn open_termination_tasks(&self) -> Vec<&'static str> {
        self.inner.snapshot.open_termination_tasks().into_iter().map(|t| t.as_str()).collect()
    }
    /// The record of termination task `task` (dict with `date`, `note`, `skipped`), or None.
    fn termination_task<'py>(&self, py: Python<'py>, task: &str) -> PyResult<Bound<'py, PyAny>> {
        let task: ipsrt::course::TerminationTask = enum_arg(task, "termination task")?;
        to_py(py, &self.inner.snapshot.termination_task(task))
    }
    /// Whether the relapse-prevention plan was recorded empty (no reference, no summary).
    #[getter]
    fn relapse_plan_empty(&self) -> bool {
        self.inner.snapshot.relapse_plan_empty()
    }
    /// Records medication started alongside the course on `date` (`medication_started`):
    /// combined treatment from then on. `started` is the day it began when earlier (for example
    /// already taken at intake). On error nothing changes.
    #[pyo3(signature = (date, medication, *, started = None, note = None))]
    fn start_medication(
        &mut self,
        date: &Bound<'_, PyAny>,
        medication: String,
        started: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<()> {
        let started = started.map(|d| date_arg(d, "started")).transpose()?;
        let event = ipsrt::course::CourseEvent::MedicationStarted { medication, started, note };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Records that medication started earlier (same name) stopped on `date`
    /// (`medication_stopped`). On error nothing changes.
    #[pyo3(signature = (date, medication, *, note = None))]
    fn stop_medication(&mut self, date: &Bound<'_, PyAny>, medication: String, note: Option<String>) -> PyResult<()> {
        let event = ipsrt::course::CourseEvent::MedicationStopped { medication, note };
        self.inner.apply(EventRecord::new(date_arg(date, "date")?, event)).map_err(core_err)
    }
    /// Whether medication was taken alongside the course at any time (combined treatment), for
    /// splitting outcome reports.
    #[getter]
    fn combined_treatment(&self) -> bool {
        self.inner.snapshot.combined_treatment()
    }
    /// The medication running now, in the order started.
    #[getter]
    fn current_medication(&self) -> Vec<String> {
        self.inner.snapshot.current_medication().into_iter().map(str::to_owned).collect()
    }
    /// The medication taken on `date` (for example an evaluation's date).
    fn medication_on(&self, date: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let date = date_arg(date, "date")?;
        Ok(self.inner.snapshot.medication_on(date).into_iter().map(str::to_owned).collect())
    }
    /// Attended sessions per delivery mode: `(mode, count)` pairs, mode None for sessions whose
    /// mode was not recorded.
    #[getter]
    fn delivery_counts(&self) -> Vec<(Option<&'static str>, u32)> {
        self.inner.snapshot.delivery_counts().into_iter().map(|(m, n)| (m.map(|m| m.as_str()), n)).collect()
    }
    /// Candidate problem areas from the recorded life events, each explained and sourced (the
    /// therapist decides). `proximal_days` (default 365, a design choice) needs a `source`.
    #[pyo3(signature = (*, proximal_days = None, source = None))]
    fn suggest_problem_areas<'py>(
        &self,
        py: Python<'py>,
        proximal_days: Option<Whole<u32>>,
        source: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let proximal_days = proximal_days.map(|w| w.0);
        let options = suggest_options(proximal_days, source)?;
        to_py(py, &self.inner.snapshot.suggest_problem_areas(&options))
    }
});

persisted!(PyRelapsePlan, "RelapsePlan", RelapsePlan, {
    /// A new plan effective from `effective_from` for `region` (`"NL"`, `"GB"`, ...): the
    /// region's crisis lines and emergency number are listed at Crisis. There is no default
    /// region; for one outside the directory use `RelapsePlan.with_own_crisis_contacts`.
    #[new]
    fn new(effective_from: &Bound<'_, PyAny>, region: &str) -> PyResult<Self> {
        Ok(Self {
            inner: RelapsePlan::new(date_arg(effective_from, "effective_from")?, crate::relapse::region_arg(region)?),
        })
    }
    /// A plan with no region that lists its own crisis and emergency contacts.
    #[staticmethod]
    fn with_own_crisis_contacts(
        effective_from: &Bound<'_, PyAny>,
        contacts: Vec<PyRef<'_, crate::relapse::PyContact>>,
    ) -> PyResult<Self> {
        let contacts = contacts.iter().map(|c| c.inner.clone()).collect();
        Ok(Self { inner: RelapsePlan::with_own_crisis_contacts(date_arg(effective_from, "effective_from")?, contacts) })
    }
    /// The plan's region code, or None.
    #[getter]
    fn region(&self) -> Option<&'static str> {
        self.inner.region.map(|r| r.code())
    }
    /// The plan's crisis lines and emergency numbers (its own and its region's).
    fn crisis_contacts(&self) -> Vec<PyContact> {
        self.inner.crisis_contacts().into_iter().map(|inner| PyContact { inner }).collect()
    }
    /// The statement to show with alert levels, naming the plan's crisis numbers.
    fn disclaimer(&self) -> String {
        self.inner.disclaimer()
    }
    /// The same statement in `locale` (`"en"`, `"nl"`), the patient's language.
    #[pyo3(signature = (locale = "en"))]
    fn disclaimer_in(&self, locale: &str) -> PyResult<String> {
        Ok(self.inner.disclaimer_in(crate::i18n::locale_arg(locale)?))
    }
    /// Every warning sign with its stage, in order, as `{"sign", "stage"}` dicts.
    fn signs<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner.signs().map(|(sign, stage)| sign_dict(py, sign, stage)).collect()
    }
    /// The warning sign with `id` and its stage as `{"sign", "stage"}`, or None.
    fn find_sign<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.inner.find_sign(id).map(|(sign, stage)| sign_dict(py, sign, stage)).transpose()
    }
    /// The plan's steps for a life-event kind (`"death"`, `"time_zone_travel"`, …), or None.
    fn find_trigger<'py>(&self, py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        let kind: LifeEventKind = enum_arg(kind, "life event kind")?;
        to_py(py, &self.inner.find_trigger(kind))
    }
    /// The contacts to call at `level` (an `AlertLevel` or its name).
    fn contacts_for(&self, level: &Bound<'_, PyAny>) -> PyResult<Vec<PyContact>> {
        let level = level_arg(level)?;
        Ok(self.inner.contacts_for(level).into_iter().map(|inner| PyContact { inner }).collect())
    }
    /// The plan's actions for `level`, given the reasons (dicts as in an assessment) for
    /// being there, as dicts.
    #[pyo3(signature = (level, reasons = None))]
    fn actions_for<'py>(
        &self,
        py: Python<'py>,
        level: &Bound<'py, PyAny>,
        reasons: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let level = level_arg(level)?;
        let reasons: Vec<Reason> = match reasons {
            Some(r) => extract(r, "list of Reason")?,
            None => Vec::new(),
        };
        to_py(py, &actions_for(&self.inner, level, &reasons))
    }
    /// The plan as a dict of fields (warning signs, triggers, actions, contacts).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Checks the plan's rules.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
});

persisted!(PyAlertMachine, "AlertMachine", AlertMachine, {
    /// A machine at the calm level.
    #[new]
    fn new() -> Self {
        Self { inner: AlertMachine::new() }
    }
    /// Feeds one observation (dict), in any arrival order, under a plan; returns the
    /// assessment dict (with `late`, `retrospective`, `history_level`, `history_changes`). On
    /// error the machine is unchanged.
    fn observe<'py>(
        &mut self,
        py: Python<'py>,
        plan: PyRef<'py, PyRelapsePlan>,
        observation: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let obs: Observation = extract(observation, "Observation")?;
        to_py(py, &self.inner.observe(&plan.inner, obs).map_err(core_err)?)
    }
    /// Feeds observations in order; stops at the first rejected one.
    fn observe_all<'py>(
        &mut self,
        py: Python<'py>,
        plan: PyRef<'py, PyRelapsePlan>,
        observations: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let obs: Vec<Observation> = extract(observations, "list of Observation")?;
        to_py(py, &self.inner.observe_all(&plan.inner, obs.iter()).map_err(core_err)?)
    }
    /// The current alert level.
    #[getter]
    fn level<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.level())
    }
    /// The level transitions as dicts.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.history())
    }
    /// The current level as an `AlertLevel`.
    #[getter]
    fn alert_level(&self) -> PyAlertLevel {
        PyAlertLevel { inner: self.inner.level() }
    }
    /// The date of the latest accepted observation, or None.
    #[getter]
    fn last_observed(&self) -> Option<chrono::NaiveDate> {
        self.inner.last_observed()
    }
    /// Since when the level has been waiting to fall, or None.
    #[getter]
    fn calm_since(&self) -> Option<chrono::NaiveDate> {
        self.inner.calm_since()
    }
    /// The level of the date-ordered history (below `level` while a raised level is held).
    #[getter]
    fn history_level<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.history_level())
    }
    /// The decisions made at arrival (late arrivals and level changes) as dicts.
    #[getter]
    fn decisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.decisions())
    }
    /// Every accepted observation in date order, as `{"arrival", "late", "observation"}` dicts.
    #[getter]
    fn timeline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.timeline())
    }
});

persisted!(PyObservationLog, "ObservationLog", ObservationLog, {
    /// The log as a dict of fields.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
});

persisted!(PyInventory, "Inventory", Inventory, {
    /// An empty interpersonal inventory.
    #[new]
    fn new() -> Self {
        Self { inner: Inventory::default() }
    }
    /// The people, in the order they were added, as dicts.
    #[getter]
    fn people<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.people())
    }
    /// Number of people.
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    /// Whether nobody has been added.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// Whether a person with `id` is in the inventory.
    fn contains(&self, id: &str) -> PyResult<bool> {
        Ok(self.inner.contains(&person_id(id)?))
    }
    fn __contains__(&self, id: &str) -> PyResult<bool> {
        self.contains(id)
    }
    /// The person with `id`, or None.
    fn get(&self, id: &str) -> PyResult<Option<PyPerson>> {
        Ok(self.inner.get(&person_id(id)?).map(|p| PyPerson { inner: p.clone() }))
    }
    /// Checks that `person` can be added (valid, new id, room left).
    fn check_add(&self, person: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check_add(&person_arg(person)?).map_err(core_err)
    }
    /// Adds a person (a `Person` or its dict); on error nothing changes.
    fn add(&mut self, person: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.add(person_arg(person)?).map_err(core_err)
    }
    /// Checks that `person` can replace the entry with the same id.
    fn check_update(&self, person: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check_update(&person_arg(person)?).map_err(core_err)
    }
    /// Replaces the entry with the same id; on error nothing changes.
    fn update(&mut self, person: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.update(person_arg(person)?).map_err(core_err)
    }
    /// Checks that the person with `id` can be removed.
    fn check_remove(&self, id: &str) -> PyResult<()> {
        self.inner.check_remove(&person_id(id)?).map_err(core_err)
    }
    /// Removes and returns the person with `id`.
    fn remove(&mut self, id: &str) -> PyResult<PyPerson> {
        self.inner.remove(&person_id(id)?).map(|inner| PyPerson { inner }).map_err(core_err)
    }
    /// Relationship changes within `window_days` before `onset`, as dicts
    /// `{"person", "change", "days_before_onset"}`.
    fn changes_before<'py>(
        &self,
        py: Python<'py>,
        onset: &Bound<'py, PyAny>,
        window_days: Whole<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let window_days = window_days.0;
        to_py(py, &self.inner.changes_before(date_arg(onset, "onset")?, window_days))
    }
});

/// A `Person` object or its dict.
fn person_arg(obj: &Bound<'_, PyAny>) -> PyResult<Person> {
    if let Ok(p) = obj.cast::<PyPerson>() {
        return Ok(p.borrow().inner.clone());
    }
    extract(obj, "Person")
}

fn sign_dict<'py>(
    py: Python<'py>,
    sign: &ipsrt::relapse::WarningSign,
    stage: ipsrt::relapse::SignStage,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("sign", crate::relapse::PyWarningSign { inner: sign.clone() })?;
    d.set_item("stage", to_py(py, &stage)?)?;
    Ok(d)
}
