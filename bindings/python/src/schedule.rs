//! Schedules (core `ipsrt::schedule`): `ipsrt.Schedule`, `ipsrt.ScheduledTask`,
//! `ipsrt.ZoneHistory`, `ipsrt.ScheduleRecords`, `ipsrt.OccurrenceId`, `ipsrt.Completion`,
//! `ipsrt.Excusal`, `ipsrt.SessionDate`, the results `ipsrt.Occurrence`, `ipsrt.TaskAdherence`,
//! `ipsrt.MissedStreak`, `ipsrt.DataGap`, and `schedule_adherence()`,
//! `schedule_missed_streaks()`, `resolve_slot()`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ipsrt::schedule::{
    Adherence, Completion, DataGap, Excusal, LateRule, MissedStreak, Occurrence, OccurrenceId, OccurrenceState,
    Recurrence, Schedule, ScheduleRecords, ScheduledTask, SessionDate, Task, Weekday, Window, ZoneChange, ZoneHistory,
    defaults,
};
use ipsrt::time::ClockTime;
use pyo3::prelude::*;

use crate::convert::{date_arg, extract, to_py};
use crate::errors::{Whole, core_err, invalid, kind_err};
use crate::{persisted, plain};

/// An aware `datetime.datetime` as a UTC instant (a naive one is refused: "now" must be an instant).
fn instant(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    if obj.getattr("tzinfo").map(|t| t.is_none()).unwrap_or(true) || obj.call_method0("utcoffset")?.is_none() {
        return Err(invalid(format!(
            "{what} must be an aware datetime.datetime (with tzinfo, e.g. datetime.timezone.utc): a naive time is ambiguous"
        )));
    }
    let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
    obj.call_method1("astimezone", (utc,))?.extract().map_err(|_| invalid(format!("{what} is not a datetime.datetime")))
}

fn weekday(name: &str) -> PyResult<Weekday> {
    crate::convert::enum_arg(name, "weekday (monday … sunday)")
}

fn slots(obj: &Bound<'_, PyAny>) -> PyResult<Vec<ClockTime>> {
    extract(obj, "slots (a list of \"HH:MM\" clock times)")
}

plain!(PyOccurrenceId, "OccurrenceId", OccurrenceId, {
    /// An occurrence id: task id, local date, slot (`"HH:MM"` or `ClockTime`).
    #[new]
    fn new(task: &str, date: &Bound<'_, PyAny>, slot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let slot: ClockTime = extract(slot, "slot (\"HH:MM\")")?;
        OccurrenceId::new(task, date_arg(date, "date")?, slot).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Parses `TASK/YYYY-MM-DD/HH:MM`.
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        OccurrenceId::parse(text).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The task id.
    #[getter]
    fn task(&self) -> String {
        self.inner.task.clone()
    }
    /// The local date.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    /// The slot, `"HH:MM"`.
    #[getter]
    fn slot(&self) -> String {
        self.inner.slot.to_string()
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
});

fn occurrence_id(obj: &Bound<'_, PyAny>) -> PyResult<OccurrenceId> {
    if let Ok(id) = obj.cast::<PyOccurrenceId>() {
        return Ok(id.borrow().inner.clone());
    }
    if let Ok(s) = obj.extract::<String>() {
        return OccurrenceId::parse(&s).map_err(core_err);
    }
    extract(obj, "occurrence id")
}

plain!(PySessionDate, "SessionDate", SessionDate, {
    /// Session `number` (from 1) took place on local `date`.
    #[new]
    fn new(number: Whole<u32>, date: &Bound<'_, PyAny>) -> PyResult<Self> {
        let number = number.0;
        Ok(Self { inner: SessionDate { number, date: date_arg(date, "date")? } })
    }
    /// The session number.
    #[getter]
    fn number(&self) -> u32 {
        self.inner.number
    }
    /// The local date.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
});

plain!(PyCompletion, "Completion", Completion, {
    /// The occurrence (an `OccurrenceId` or `"task/YYYY-MM-DD/HH:MM"`) was done at `at` (a
    /// `ZonedDateTime`).
    #[new]
    fn new(occurrence: &Bound<'_, PyAny>, at: PyRef<'_, crate::time::PyZonedDateTime>) -> PyResult<Self> {
        Ok(Self { inner: Completion { occurrence: occurrence_id(occurrence)?, at: at.inner } })
    }
    /// The occurrence.
    #[getter]
    fn occurrence(&self) -> PyOccurrenceId {
        PyOccurrenceId { inner: self.inner.occurrence.clone() }
    }
    /// When.
    #[getter]
    fn at(&self) -> crate::time::PyZonedDateTime {
        crate::time::PyZonedDateTime { inner: self.inner.at }
    }
});

plain!(PyExcusal, "Excusal", Excusal, {
    /// The occurrence is excused, with a reason.
    #[new]
    fn new(occurrence: &Bound<'_, PyAny>, reason: String) -> PyResult<Self> {
        Ok(Self { inner: Excusal { occurrence: occurrence_id(occurrence)?, reason } })
    }
    /// The occurrence.
    #[getter]
    fn occurrence(&self) -> PyOccurrenceId {
        PyOccurrenceId { inner: self.inner.occurrence.clone() }
    }
    /// Why.
    #[getter]
    fn reason(&self) -> String {
        self.inner.reason.clone()
    }
});

fn many<T: serde::de::DeserializeOwned>(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<T>> {
    match obj {
        None => Ok(Vec::new()),
        Some(o) => extract(o, what),
    }
}

persisted!(PyScheduleRecords, "ScheduleRecords", ScheduleRecords, {
    /// Session dates, completions and excusals (`SessionDate`, `Completion`, `Excusal`
    /// objects, or their dicts).
    #[new]
    #[pyo3(signature = (sessions = None, completions = None, excusals = None))]
    fn new(
        sessions: Option<&Bound<'_, PyAny>>,
        completions: Option<&Bound<'_, PyAny>>,
        excusals: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        ScheduleRecords::new(
            many(sessions, "sessions (SessionDate list)")?,
            many(completions, "completions (Completion list)")?,
            many(excusals, "excusals (Excusal list)")?,
        )
        .map(|inner| Self { inner })
        .map_err(core_err)
    }
    /// The session dates.
    #[getter]
    fn sessions(&self) -> Vec<PySessionDate> {
        self.inner.sessions().iter().map(|s| PySessionDate { inner: *s }).collect()
    }
    /// The completions.
    #[getter]
    fn completions(&self) -> Vec<PyCompletion> {
        self.inner.completions().iter().map(|c| PyCompletion { inner: c.clone() }).collect()
    }
    /// The excusals.
    #[getter]
    fn excusals(&self) -> Vec<PyExcusal> {
        self.inner.excusals().iter().map(|e| PyExcusal { inner: e.clone() }).collect()
    }
});

persisted!(PyZoneHistory, "ZoneHistory", ZoneHistory, {
    /// The patient lives in IANA `zone` from local date `start` on.
    #[new]
    fn new(start: &Bound<'_, PyAny>, zone: &str) -> PyResult<Self> {
        ZoneHistory::new(date_arg(start, "start")?, zone).map(|inner| Self { inner }).map_err(core_err)
    }
    /// A history from `(date, zone)` pairs, oldest first.
    #[staticmethod]
    fn from_changes(changes: Vec<(Bound<'_, PyAny>, String)>) -> PyResult<Self> {
        let mut out = Vec::with_capacity(changes.len());
        for (date, zone) in &changes {
            let zone = ipsrt::time::parse_zone(zone).map_err(core_err)?;
            out.push(ZoneChange { from: date_arg(date, "from")?, zone });
        }
        ZoneHistory::from_changes(out).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The same history with a move to `zone` from local date `start` on.
    fn with_change(&self, start: &Bound<'_, PyAny>, zone: &str) -> PyResult<Self> {
        self.inner.with_change(date_arg(start, "start")?, zone).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The changes as `(date, zone)` pairs, oldest first.
    #[getter]
    fn changes(&self) -> Vec<(NaiveDate, &'static str)> {
        self.inner.changes().iter().map(|c| (c.from, c.zone.name())).collect()
    }
    /// The IANA zone in force on a local date.
    fn zone_on(&self, date: &Bound<'_, PyAny>) -> PyResult<&'static str> {
        self.inner.zone_on(date_arg(date, "date")?).map(|z| z.name()).map_err(core_err)
    }
    /// The local date of an aware datetime in this history.
    fn local_date(&self, at: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
        self.inner.local_date(instant(at, "at")?).map_err(core_err)
    }
});

plain!(PyScheduledTask, "ScheduledTask", ScheduledTask, {
    /// A task: `recurrence` is a dict (`{"type": "daily", "every": 1}`, `{"type": "weekly",
    /// "every": 2, "on": ["monday"]}`, `{"type": "at_sessions", "sessions": [1, 8]}`,
    /// `{"type": "every_sessions", "every": 4, "first": 1}`), `slots` local `"HH:MM"` times.
    #[new]
    #[pyo3(signature = (id, what, label, *, recurrence, slots, start, end = None, opens_before_minutes = None, closes_after_minutes, grace_minutes = None, accept_after_close = true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: &str,
        what: &str,
        label: &str,
        recurrence: &Bound<'_, PyAny>,
        slots: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
        opens_before_minutes: Option<Whole<u32>>,
        closes_after_minutes: Whole<u32>,
        grace_minutes: Option<Whole<u32>>,
        accept_after_close: bool,
    ) -> PyResult<Self> {
        let opens_before_minutes = opens_before_minutes.map_or(0, |w| w.0);
        let closes_after_minutes = closes_after_minutes.0;
        let grace_minutes = grace_minutes.map_or(0, |w| w.0);
        let task = Task::new(id, what, label).map_err(core_err)?;
        let recurrence: Recurrence = extract(recurrence, "recurrence")?;
        let end = end.map(|e| date_arg(e, "end")).transpose()?;
        let window = Window::new(opens_before_minutes, closes_after_minutes).map_err(core_err)?;
        let late = LateRule::new(grace_minutes, accept_after_close).map_err(core_err)?;
        ScheduledTask::new(task, recurrence, self::slots(slots)?, date_arg(start, "start")?, end, window, late)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// The same task with a source (a dict, e.g. `ipsrt.local_source("our clinic")`).
    fn with_source(&self, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: self.inner.clone().with_source(extract(source, "Source")?) })
    }
    /// PHQ-9 default for a protocol (evaluation sessions, else every 4 sessions).
    #[staticmethod]
    fn phq9_for_protocol(protocol: PyRef<'_, crate::course::PyProtocol>, start: &Bound<'_, PyAny>) -> PyResult<Self> {
        defaults::phq9_for_protocol(&protocol.inner, date_arg(start, "start")?)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// PHQ-9 at intake and the protocol's evaluation sessions (None without an evaluation rule).
    #[staticmethod]
    fn phq9_at_evaluation(
        protocol: PyRef<'_, crate::course::PyProtocol>,
        start: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Self>> {
        defaults::phq9_at_evaluation(&protocol.inner, date_arg(start, "start")?)
            .map(|o| o.map(|inner| Self { inner }))
            .map_err(core_err)
    }
    /// PHQ-9 every 4 sessions from the intake session.
    #[staticmethod]
    fn phq9_every_four_sessions(start: &Bound<'_, PyAny>) -> PyResult<Self> {
        defaults::phq9_every_four_sessions(date_arg(start, "start")?).map(|inner| Self { inner }).map_err(core_err)
    }
    /// PHQ-9 every two weeks on a weekday (`"monday"` …).
    #[staticmethod]
    fn phq9_every_two_weeks(start: &Bound<'_, PyAny>, weekday: &str) -> PyResult<Self> {
        defaults::phq9_every_two_weeks(date_arg(start, "start")?, self::weekday(weekday)?)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// The SRM diary every day at 21:00.
    #[staticmethod]
    fn srm_diary_daily(start: &Bound<'_, PyAny>) -> PyResult<Self> {
        defaults::srm_diary_daily(date_arg(start, "start")?).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The ASRM weekly on a weekday at 20:00.
    #[staticmethod]
    fn asrm_weekly(start: &Bound<'_, PyAny>, weekday: &str) -> PyResult<Self> {
        defaults::asrm_weekly(date_arg(start, "start")?, self::weekday(weekday)?)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// Medication every day at the dose times.
    #[staticmethod]
    fn medication_daily(id: &str, label: &str, start: &Bound<'_, PyAny>, doses: &Bound<'_, PyAny>) -> PyResult<Self> {
        defaults::medication_daily(id, label, date_arg(start, "start")?, self::slots(doses)?)
            .map(|inner| Self { inner })
            .map_err(core_err)
    }
    /// The task id.
    #[getter]
    fn id(&self) -> String {
        self.inner.task().id().to_owned()
    }
    /// What the task is (instrument id or activity kind).
    #[getter]
    fn what(&self) -> String {
        self.inner.task().what().to_owned()
    }
    /// The label.
    #[getter]
    fn label(&self) -> String {
        self.inner.task().label().to_owned()
    }
    /// The recurrence as a dict.
    #[getter]
    fn recurrence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.recurrence())
    }
    /// The slots, `"HH:MM"`, sorted.
    #[getter]
    fn slots(&self) -> Vec<String> {
        self.inner.slots().iter().map(ToString::to_string).collect()
    }
    /// The first local date.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.inner.start()
    }
    /// The last local date (inclusive), or None.
    #[getter]
    fn end(&self) -> Option<NaiveDate> {
        self.inner.end()
    }
    /// Minutes before the due time at which the window opens.
    #[getter]
    fn opens_before_minutes(&self) -> u32 {
        self.inner.window().opens_before_minutes()
    }
    /// Minutes after the due time at which the window closes.
    #[getter]
    fn closes_after_minutes(&self) -> u32 {
        self.inner.window().closes_after_minutes()
    }
    /// Minutes after the due time that still count as on time.
    #[getter]
    fn grace_minutes(&self) -> u32 {
        self.inner.late().grace_minutes()
    }
    /// Whether completions after the window closed count (as late).
    #[getter]
    fn accept_after_close(&self) -> bool {
        self.inner.late().accept_after_close()
    }
    /// The source of a default's cadence, as a dict, or None.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.source())
    }
    /// Whether a local date lies within the start and end dates.
    fn in_bounds(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.in_bounds(date_arg(date, "date")?))
    }
    /// Whether a calendar recurrence falls on a local date (False for session-linked tasks).
    fn falls_on(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.recurrence().falls_on(self.inner.start(), date_arg(date, "date")?))
    }
    /// Whether session number `number` is one of a session-linked task's sessions.
    fn includes_session(&self, number: Whole<u32>) -> bool {
        let number = number.0;
        self.inner.recurrence().includes_session(number)
    }
    /// Whether the task follows session dates.
    #[getter]
    fn is_session_linked(&self) -> bool {
        self.inner.recurrence().is_session_linked()
    }
});

plain!(PyOccurrence, "Occurrence", Occurrence, {
    /// Its id.
    #[getter]
    fn id(&self) -> PyOccurrenceId {
        PyOccurrenceId { inner: self.inner.id.clone() }
    }
    /// What the task is.
    #[getter]
    fn what(&self) -> String {
        self.inner.what.clone()
    }
    /// The IANA zone in force on its local date.
    #[getter]
    fn zone(&self) -> &'static str {
        self.inner.zone.name()
    }
    /// The due instant (aware, UTC).
    #[getter]
    fn due(&self) -> DateTime<Utc> {
        self.inner.due
    }
    /// The local due moment (naive; after any daylight-saving adjustment).
    #[getter]
    fn due_local(&self) -> NaiveDateTime {
        self.inner.due_local.local
    }
    /// `"moved_later_by_gap"`, `"earlier_of_two"` or None.
    #[getter]
    fn adjustment(&self) -> Option<&'static str> {
        self.inner.adjustment.map(|a| match a {
            ipsrt::schedule::SlotAdjustment::MovedLaterByGap { .. } => "moved_later_by_gap",
            ipsrt::schedule::SlotAdjustment::EarlierOfTwo => "earlier_of_two",
        })
    }
    /// When the window opens (UTC).
    #[getter]
    fn opens(&self) -> DateTime<Utc> {
        self.inner.opens
    }
    /// The last on-time instant (UTC).
    #[getter]
    fn late_after(&self) -> DateTime<Utc> {
        self.inner.late_after
    }
    /// When the window closes (UTC).
    #[getter]
    fn closes(&self) -> DateTime<Utc> {
        self.inner.closes
    }
    /// The state: `"upcoming"`, `"open"`, `"overdue"`, `"missed"`, `"completed_on_time"`,
    /// `"completed_late"` or `"excused"`.
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state.name()
    }
    /// Whether the state is settled (completed, missed or excused).
    #[getter]
    fn is_settled(&self) -> bool {
        self.inner.state.is_settled()
    }
    /// When it was completed (UTC), if it was.
    #[getter]
    fn completed_at(&self) -> Option<DateTime<Utc>> {
        match self.inner.state {
            OccurrenceState::CompletedOnTime { at } | OccurrenceState::CompletedLate { at } => Some(at),
            _ => None,
        }
    }
    /// Why it was excused, if it was.
    #[getter]
    fn reason(&self) -> Option<String> {
        match &self.inner.state {
            OccurrenceState::Excused { reason } => Some(reason.clone()),
            _ => None,
        }
    }
});

plain!(PyTaskAdherence, "TaskAdherence", Adherence, {
    /// Completed on time.
    #[getter]
    fn on_time(&self) -> u32 {
        self.inner.on_time
    }
    /// Completed late.
    #[getter]
    fn late(&self) -> u32 {
        self.inner.late
    }
    /// Missed.
    #[getter]
    fn missed(&self) -> u32 {
        self.inner.missed
    }
    /// Excused.
    #[getter]
    fn excused(&self) -> u32 {
        self.inner.excused
    }
    /// Upcoming, open or overdue.
    #[getter]
    fn pending(&self) -> u32 {
        self.inner.pending
    }
    /// Completed plus missed.
    #[getter]
    fn expected(&self) -> u32 {
        self.inner.expected()
    }
    /// On time plus late.
    #[getter]
    fn completed(&self) -> u32 {
        self.inner.completed()
    }
    /// Completed / expected, or None.
    #[getter]
    fn completion_rate(&self) -> Option<f64> {
        self.inner.completion_rate()
    }
    /// On time / completed, or None.
    #[getter]
    fn on_time_share(&self) -> Option<f64> {
        self.inner.on_time_share()
    }
});

plain!(PyMissedStreak, "MissedStreak", MissedStreak, {
    /// The task id.
    #[getter]
    fn task(&self) -> String {
        self.inner.task.clone()
    }
    /// Missed since the last completion.
    #[getter]
    fn current(&self) -> u32 {
        self.inner.current
    }
    /// The longest run.
    #[getter]
    fn longest(&self) -> u32 {
        self.inner.longest
    }
    /// The last missed occurrence, or None.
    #[getter]
    fn last_missed(&self) -> Option<PyOccurrenceId> {
        self.inner.last_missed.clone().map(|inner| PyOccurrenceId { inner })
    }
});

plain!(PyDataGap, "DataGap", DataGap, {
    /// The task id.
    #[getter]
    fn task(&self) -> String {
        self.inner.task.clone()
    }
    /// What the task is.
    #[getter]
    fn what(&self) -> String {
        self.inner.what.clone()
    }
    /// The last completion known (UTC), or None.
    #[getter]
    fn last_completed(&self) -> Option<DateTime<Utc>> {
        self.inner.last_completed
    }
    /// The local date the gap counts from.
    #[getter]
    fn since(&self) -> NaiveDate {
        self.inner.since
    }
    /// Whole local days without data.
    #[getter]
    fn days(&self) -> u32 {
        self.inner.days
    }
});

fn tasks_of(tasks: &Bound<'_, PyAny>) -> PyResult<Vec<ScheduledTask>> {
    let mut out = Vec::new();
    for item in tasks.try_iter()? {
        let item = item?;
        out.push(match item.cast::<PyScheduledTask>() {
            Ok(t) => t.borrow().inner.clone(),
            Err(_) => extract(&item, "ScheduledTask")?,
        });
    }
    Ok(out)
}

persisted!(PySchedule, "Schedule", Schedule, {
    /// A schedule of tasks (`ScheduledTask` objects) with unique ids.
    #[new]
    fn new(tasks: &Bound<'_, PyAny>) -> PyResult<Self> {
        Schedule::new(tasks_of(tasks)?).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The tasks.
    #[getter]
    fn tasks(&self) -> Vec<PyScheduledTask> {
        self.inner.tasks().iter().map(|t| PyScheduledTask { inner: t.clone() }).collect()
    }
    /// The task with an id, or None.
    fn task(&self, id: &str) -> Option<PyScheduledTask> {
        self.inner.task(id).map(|t| PyScheduledTask { inner: t.clone() })
    }
    /// The same schedule with one more task.
    fn with_task(&self, task: PyRef<'_, PyScheduledTask>) -> PyResult<Self> {
        self.inner.with_task(task.inner.clone()).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The task of an occurrence; raises `NotFoundError` saying why it does not exist.
    #[pyo3(signature = (occurrence, sessions = None))]
    fn find_occurrence(
        &self,
        occurrence: &Bound<'_, PyAny>,
        sessions: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyScheduledTask> {
        let sessions: Vec<SessionDate> = many(sessions, "sessions (SessionDate list)")?;
        self.inner
            .find_occurrence(&occurrence_id(occurrence)?, &sessions)
            .map(|t| PyScheduledTask { inner: t.clone() })
            .map_err(|reason| kind_err(ipsrt::ErrorKind::NotFound, reason))
    }
    /// Checks that every record names an occurrence and no completion precedes its window.
    fn check_records(&self, zones: PyRef<'_, PyZoneHistory>, records: PyRef<'_, PyScheduleRecords>) -> PyResult<()> {
        self.inner.check_records(&zones.inner, &records.inner).map_err(core_err)
    }
    /// The occurrence ids with a local date from `start` to `end` (inclusive).
    #[pyo3(signature = (start, end, sessions = None))]
    fn occurrence_ids(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        sessions: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<PyOccurrenceId>> {
        let sessions: Vec<SessionDate> = many(sessions, "sessions (SessionDate list)")?;
        let ids =
            self.inner.occurrence_ids(&sessions, date_arg(start, "start")?, date_arg(end, "end")?).map_err(core_err)?;
        Ok(ids.into_iter().map(|inner| PyOccurrenceId { inner }).collect())
    }
    /// Every occurrence from local date `start` to `end` (inclusive) with its state at `now`
    /// (an aware datetime), by due instant.
    fn evaluate(
        &self,
        zones: PyRef<'_, PyZoneHistory>,
        records: PyRef<'_, PyScheduleRecords>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyOccurrence>> {
        let v = self
            .inner
            .evaluate(
                &zones.inner,
                &records.inner,
                date_arg(start, "start")?,
                date_arg(end, "end")?,
                instant(now, "now")?,
            )
            .map_err(core_err)?;
        Ok(v.into_iter().map(|inner| PyOccurrence { inner }).collect())
    }
    /// "No data for N days" per started task at `now` (an aware datetime).
    fn data_gaps(
        &self,
        zones: PyRef<'_, PyZoneHistory>,
        records: PyRef<'_, PyScheduleRecords>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyDataGap>> {
        let v = self.inner.data_gaps(&zones.inner, &records.inner, instant(now, "now")?).map_err(core_err)?;
        Ok(v.into_iter().map(|inner| PyDataGap { inner }).collect())
    }
});

fn occurrences_of(occurrences: &Bound<'_, PyAny>) -> PyResult<Vec<Occurrence>> {
    let mut out = Vec::new();
    for item in occurrences.try_iter()? {
        let item = item?;
        let o =
            item.cast::<PyOccurrence>().map_err(|_| invalid("pass the Occurrence objects from Schedule.evaluate"))?;
        out.push(o.borrow().inner.clone());
    }
    Ok(out)
}

/// Adherence per task id over evaluated occurrences.
#[pyfunction]
pub fn schedule_adherence(
    occurrences: &Bound<'_, PyAny>,
) -> PyResult<std::collections::BTreeMap<String, PyTaskAdherence>> {
    let occ = occurrences_of(occurrences)?;
    Ok(ipsrt::schedule::adherence(&occ).into_iter().map(|(k, inner)| (k, PyTaskAdherence { inner })).collect())
}

/// Missed runs per task id over evaluated occurrences.
#[pyfunction]
pub fn schedule_missed_streaks(occurrences: &Bound<'_, PyAny>) -> PyResult<Vec<PyMissedStreak>> {
    let occ = occurrences_of(occurrences)?;
    Ok(ipsrt::schedule::missed_streaks(&occ).into_iter().map(|inner| PyMissedStreak { inner }).collect())
}

/// A slot on a local date in a zone: `(local due datetime, aware UTC instant, adjustment)`
/// where adjustment is `"moved_later_by_gap"`, `"earlier_of_two"` or None.
#[pyfunction]
pub fn resolve_slot(
    date: &Bound<'_, PyAny>,
    slot: &Bound<'_, PyAny>,
    zone: &str,
) -> PyResult<(NaiveDateTime, DateTime<Utc>, Option<&'static str>)> {
    let zone = ipsrt::time::parse_zone(zone).map_err(core_err)?;
    let slot: ClockTime = extract(slot, "slot (\"HH:MM\")")?;
    let (local, at, adj) = ipsrt::schedule::resolve_slot(date_arg(date, "date")?, slot, zone);
    let adj = adj.map(|a| match a {
        ipsrt::schedule::SlotAdjustment::MovedLaterByGap { .. } => "moved_later_by_gap",
        ipsrt::schedule::SlotAdjustment::EarlierOfTwo => "earlier_of_two",
    });
    Ok((local.local, at, adj))
}

/// Registers the schedule classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySchedule>()?;
    m.add_class::<PyScheduledTask>()?;
    m.add_class::<PyZoneHistory>()?;
    m.add_class::<PyScheduleRecords>()?;
    m.add_class::<PyOccurrenceId>()?;
    m.add_class::<PySessionDate>()?;
    m.add_class::<PyCompletion>()?;
    m.add_class::<PyExcusal>()?;
    m.add_class::<PyOccurrence>()?;
    m.add_class::<PyTaskAdherence>()?;
    m.add_class::<PyMissedStreak>()?;
    m.add_class::<PyDataGap>()?;
    m.add_function(wrap_pyfunction!(schedule_adherence, m)?)?;
    m.add_function(wrap_pyfunction!(schedule_missed_streaks, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_slot, m)?)?;
    Ok(())
}
