//! IPSRT (core `ipsrt::ipsrt`): `MedicationLog` and `LifeChart`.

use ipsrt::ipsrt::{
    Anchor, ChartEvent, DoseOutcome, DoseRecord, EpisodePolarity, LifeChart, MedicationLog, MoodEpisode, ScheduledDose,
};
use ipsrt::time::ClockTime;
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyMedicationLog, "MedicationLog", MedicationLog, {
    /// The missed doses between `start` and `end` (inclusive) as relapse `Observation`s (one
    /// per medication and day), ready to feed `AlertMachine.observe` (parity part A).
    fn missed_medication_observations(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<crate::relapse::PyObservation>> {
        let obs = self
            .inner
            .missed_medication_observations(extract(start, "date")?, extract(end, "date")?)
            .map_err(core_err)?;
        Ok(obs.into_iter().map(|inner| crate::relapse::PyObservation { inner }).collect())
    }
    /// A log for a schedule of doses (dicts `{"id", "medication", "time": "HH:MM", "anchor"}`).
    /// `late_after` (minutes) and `missed_doses_flag` default to the core's values.
    #[new]
    #[pyo3(signature = (schedule, *, late_after = None, missed_doses_flag = None))]
    fn new(
        schedule: &Bound<'_, PyAny>,
        late_after: Option<Whole<u16>>,
        missed_doses_flag: Option<Whole<u32>>,
    ) -> PyResult<Self> {
        let late_after = late_after.map(|w| w.0);
        let missed_doses_flag = missed_doses_flag.map(|w| w.0);
        let schedule: Vec<ScheduledDose> = extract(schedule, "list of ScheduledDose")?;
        let mut log = MedicationLog::new(schedule).map_err(core_err)?;
        if let Some(m) = late_after {
            log = log.with_late_after(m).map_err(core_err)?;
        }
        if let Some(n) = missed_doses_flag {
            log = log.with_missed_doses_flag(n).map_err(core_err)?;
        }
        Ok(Self { inner: log })
    }
    /// The schedule as dicts.
    #[getter]
    fn schedule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.schedule())
    }
    /// The records as dicts.
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.records())
    }
    /// Doses tied to a rhythm anchor.
    fn doses_at<'py>(&self, py: Python<'py>, anchor: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let anchor: Anchor = extract(anchor, "Anchor")?;
        let v: Vec<&ScheduledDose> = self.inner.doses_at(anchor).collect();
        to_py(py, &v)
    }
    /// Records one dose record (a dict). On error nothing changes.
    fn record(&mut self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        let r: DoseRecord = extract(record, "DoseRecord")?;
        self.inner.record(r).map_err(core_err)
    }
    /// Records a dose taken at a clock time (`"HH:MM"` or `datetime.time`); returns the outcome.
    fn record_taken_at<'py>(
        &mut self,
        py: Python<'py>,
        dose: &str,
        date: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at: ClockTime = extract(at, "clock time")?;
        let o = self.inner.record_taken_at(dose, extract(date, "date")?, at).map_err(core_err)?;
        to_py(py, &o)
    }
    /// Corrects the outcome of a recorded dose.
    fn correct(&mut self, dose: &str, date: &Bound<'_, PyAny>, outcome: &Bound<'_, PyAny>) -> PyResult<()> {
        let outcome: DoseOutcome = extract(outcome, "DoseOutcome")?;
        self.inner.correct(dose, extract(date, "date")?, outcome).map_err(core_err)
    }
    /// Adherence over `[start, end]` as a dict.
    fn adherence<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.adherence(extract(start, "date")?, extract(end, "date")?).map_err(core_err)?)
    }
    /// The next due time of each scheduled dose after `now` (naive local datetime in `zone`):
    /// dicts `{dose, date, local, zone, instant, adjustment}` with datetimes.
    #[pyo3(signature = (now, *, zone))]
    fn next_doses<'py>(&self, py: Python<'py>, now: &Bound<'py, PyAny>, zone: &str) -> PyResult<Bound<'py, PyAny>> {
        let list = pyo3::types::PyList::empty(py);
        for d in self.inner.next_doses(&zoned(now, zone)?) {
            let out = pyo3::types::PyDict::new(py);
            out.set_item("dose", &d.dose)?;
            out.set_item("date", d.date)?;
            out.set_item("local", d.due.local)?;
            out.set_item("zone", d.due.zone.name())?;
            out.set_item("instant", d.instant)?;
            out.set_item("adjustment", to_py(py, &d.adjustment)?)?;
            list.append(out)?;
        }
        Ok(list.into_any())
    }
    /// The non-adherence signal as of a date over a window of days, as a dict.
    fn non_adherence_signal<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
        window_days: Whole<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let window_days = window_days.0;
        to_py(py, &self.inner.non_adherence_signal(extract(as_of, "date")?, window_days).map_err(core_err)?)
    }
});

/// Classifies a dose taken at `taken_at` against its planned time (core `DoseOutcome::classify`).
#[pyfunction]
pub fn classify_dose<'py>(
    py: Python<'py>,
    planned: &Bound<'py, PyAny>,
    taken_at: &Bound<'py, PyAny>,
    tolerance_minutes: Whole<u16>,
) -> PyResult<Bound<'py, PyAny>> {
    let tolerance_minutes = tolerance_minutes.0;
    let p: ClockTime = extract(planned, "clock time")?;
    let t: ClockTime = extract(taken_at, "clock time")?;
    to_py(py, &DoseOutcome::classify(p, t, tolerance_minutes))
}

persisted!(PyLifeChart, "LifeChart", LifeChart, {
    /// An empty life chart.
    #[new]
    fn new() -> Self {
        Self { inner: LifeChart::new() }
    }
    /// Adds a mood episode (a dict). On error nothing changes.
    fn add_episode(&mut self, episode: &Bound<'_, PyAny>) -> PyResult<()> {
        let e: MoodEpisode = extract(episode, "MoodEpisode")?;
        self.inner.add_episode(e).map_err(core_err)
    }
    /// Adds a chart event (a dict with `"type"`).
    fn add_event(&mut self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let e: ChartEvent = extract(event, "ChartEvent")?;
        self.inner.add_event(e);
        Ok(())
    }
    /// The episodes as dicts.
    #[getter]
    fn episodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.episodes())
    }
    /// The events as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// Episodes of one polarity.
    fn episodes_of<'py>(&self, py: Python<'py>, polarity: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let p: EpisodePolarity = extract(polarity, "EpisodePolarity")?;
        let v: Vec<&MoodEpisode> = self.inner.episodes_of(p).collect();
        to_py(py, &v)
    }
    /// Episodes overlapping `[start, end]`.
    fn episodes_between<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<&MoodEpisode> =
            self.inner.episodes_between(extract(start, "date")?, extract(end, "date")?).collect();
        to_py(py, &v)
    }
    /// Episode counts per polarity.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.counts())
    }
    /// Each episode with the events in the look-back window before it.
    fn with_antecedents<'py>(&self, py: Python<'py>, lookback_days: Whole<u32>) -> PyResult<Bound<'py, PyAny>> {
        let lookback_days = lookback_days.0;
        to_py(py, &self.inner.with_antecedents(lookback_days))
    }
    /// Episode counts per pathway.
    fn pathway_counts<'py>(&self, py: Python<'py>, lookback_days: Whole<u32>) -> PyResult<Bound<'py, PyAny>> {
        let lookback_days = lookback_days.0;
        to_py(py, &self.inner.pathway_counts(lookback_days))
    }
    /// Episode counts per precipitating life-event kind.
    fn precipitant_counts<'py>(&self, py: Python<'py>, lookback_days: Whole<u32>) -> PyResult<Bound<'py, PyAny>> {
        let lookback_days = lookback_days.0;
        to_py(py, &self.inner.precipitant_counts(lookback_days))
    }
    /// Lengths in days of the well intervals between episodes.
    fn well_intervals_days(&self) -> Vec<i64> {
        self.inner.well_intervals_days()
    }
});

// ---------------------------------------------------------------------------------------------
// Due times, rhythm plan, IPSRT course, stabilisation (parity, issue 6).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ipsrt::ipsrt::{
    DueTime, IpsrtCourse, IpsrtEvent, IpsrtProtocol, PlanEvent, PlanSettings, RhythmPlan, StabilisationCriterion,
    WeeklyRating,
};
use ipsrt::time::ZonedDateTime;
use pyo3::types::{PyDict, PyList};

use crate::errors::invalid;
use crate::plain;

/// The IANA zone named `zone` (its type is the core's; the binding does not name it).
macro_rules! tz {
    ($zone:expr) => {
        ipsrt::time::parse_zone($zone).map_err(core_err)?
    };
}

/// A local wall-clock moment (naive `datetime.datetime` or ISO text) in an IANA zone.
pub fn zoned(local: &Bound<'_, PyAny>, zone: &str) -> PyResult<ZonedDateTime> {
    let local: NaiveDateTime = extract(local, "local datetime (naive, wall clock)")?;
    Ok(ZonedDateTime::new(local, tz!(zone)))
}

/// A serde enum's string form (`"out_of_bed"`, `"acute"`).
fn text_of<T: serde::Serialize>(v: &T) -> PyResult<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Ok(other.to_string()),
        Err(e) => Err(invalid(format!("cannot serialise: {e}"))),
    }
}

fn due_dict<'py>(py: Python<'py>, d: &DueTime) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("anchor", text_of(&d.anchor)?)?;
    out.set_item("diary_date", d.diary_date)?;
    out.set_item("time", d.time.to_naive_time())?;
    out.set_item("local", d.due.local)?;
    out.set_item("zone", d.due.zone.name())?;
    out.set_item("instant", d.instant)?;
    out.set_item("adjustment", d.adjustment.as_ref().map(text_of).transpose()?)?;
    Ok(out)
}

fn due_list<'py>(py: Python<'py>, v: &[DueTime]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for d in v {
        list.append(due_dict(py, d)?)?;
    }
    Ok(list)
}

fn anchors_of(anchors: &Bound<'_, PyAny>) -> PyResult<Vec<(Anchor, ClockTime)>> {
    extract(anchors, "list of (anchor, \"HH:MM\") pairs")
}

fn recorded_of(recorded: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(NaiveDate, Anchor)>> {
    match recorded {
        Some(r) => extract(r, "list of (diary date, anchor) pairs already recorded"),
        None => Ok(Vec::new()),
    }
}

/// Resolves a wall-clock time on a date in a zone: `(local datetime, UTC instant, adjustment)`;
/// a time in the spring gap moves later by the gap's length (as `zoneinfo`), one in the autumn overlap takes the earlier instant.
#[pyfunction]
pub fn resolve_wall_clock(
    date: &Bound<'_, PyAny>,
    time: &Bound<'_, PyAny>,
    zone: &str,
) -> PyResult<(NaiveDateTime, DateTime<Utc>, Option<String>)> {
    let (local, instant, adj) =
        ipsrt::ipsrt::resolve_wall_clock(extract(date, "date")?, extract(time, "clock time")?, tz!(zone));
    Ok((local.local, instant, adj.as_ref().map(text_of).transpose()?))
}

/// When an anchor's entry for a diary day is due (a dict with datetimes).
#[pyfunction]
pub fn due_on<'py>(
    py: Python<'py>,
    anchor: &Bound<'py, PyAny>,
    time: &Bound<'py, PyAny>,
    diary_date: &Bound<'py, PyAny>,
    zone: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let anchor: Anchor = extract(anchor, "Anchor")?;
    let d = ipsrt::ipsrt::due_on(anchor, extract(time, "clock time")?, extract(diary_date, "date")?, tz!(zone));
    due_dict(py, &d)
}

/// The next due time after `now` (naive local datetime in `zone`) of each anchor, by instant.
#[pyfunction]
#[pyo3(signature = (anchors, now, *, zone))]
pub fn next_due<'py>(
    py: Python<'py>,
    anchors: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    zone: &str,
) -> PyResult<Bound<'py, PyList>> {
    let v = ipsrt::ipsrt::next_due(&anchors_of(anchors)?, &zoned(now, zone)?).map_err(core_err)?;
    due_list(py, &v)
}

/// Entries due from diary day `since` up to `now` minus `grace_minutes` and not in `recorded`.
#[pyfunction]
#[pyo3(signature = (anchors, now, *, zone, since, grace_minutes = None, recorded = None))]
pub fn overdue<'py>(
    py: Python<'py>,
    anchors: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    zone: &str,
    since: &Bound<'py, PyAny>,
    grace_minutes: Option<Whole<u32>>,
    recorded: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let grace_minutes = grace_minutes.map_or(0, |w| w.0);
    let v = ipsrt::ipsrt::overdue(
        &anchors_of(anchors)?,
        &zoned(now, zone)?,
        extract(since, "date")?,
        grace_minutes,
        &recorded_of(recorded)?,
    )
    .map_err(core_err)?;
    due_list(py, &v)
}

persisted!(PyRhythmPlan, "RhythmPlan", RhythmPlan, {
    /// Starts a plan on the first baseline day; `settings` default to the core's
    /// (`RhythmPlan.default_settings()`).
    #[new]
    #[pyo3(signature = (baseline_start, settings = None))]
    fn new(baseline_start: &Bound<'_, PyAny>, settings: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let settings: PlanSettings = match settings {
            Some(s) => extract(s, "PlanSettings")?,
            None => PlanSettings::default(),
        };
        RhythmPlan::start(settings, extract(baseline_start, "date")?).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The core's default settings (cited), as a dict.
    #[staticmethod]
    fn default_settings<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &PlanSettings::default())
    }
    /// Checks settings (a dict) without starting a plan.
    #[staticmethod]
    fn validate_settings(settings: &Bound<'_, PyAny>) -> PyResult<()> {
        let s: PlanSettings = extract(settings, "PlanSettings")?;
        s.validate().map_err(core_err)
    }
    /// The plan as a dict (its stored form).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// The settings, as a dict.
    #[getter]
    fn settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.settings())
    }
    /// The stage (`"baseline"`, ...).
    #[getter]
    fn stage(&self) -> PyResult<String> {
        text_of(&self.inner.stage())
    }
    /// The first baseline day.
    #[getter]
    fn baseline_start(&self) -> NaiveDate {
        self.inner.baseline_start()
    }
    /// The anchors chosen so far.
    #[getter]
    fn anchors(&self) -> PyResult<Vec<String>> {
        self.inner.anchors().iter().map(text_of).collect()
    }
    /// The targets, as dicts.
    #[getter]
    fn targets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.targets())
    }
    /// One anchor's target (dict) with its progress: `at_target`, `remaining_minutes` and
    /// `steps_left` (in steps of the plan's `step_minutes`); None when the anchor has none.
    fn target<'py>(&self, py: Python<'py>, anchor: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let anchor: Anchor = extract(anchor, "Anchor")?;
        let Some(t) = self.inner.target(anchor) else { return Ok(None) };
        let d = to_py(py, t)?;
        let dict = d.cast::<PyDict>()?;
        dict.set_item("at_target", t.at_target())?;
        dict.set_item("remaining_minutes", t.remaining_minutes())?;
        dict.set_item("steps_left", t.steps_left(self.inner.settings().step_minutes.value))?;
        Ok(Some(d))
    }
    /// The planned disruptions, as dicts.
    #[getter]
    fn disruptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.disruptions())
    }
    /// Planned disruptions overlapping `[start, end]`.
    fn disruptions_between<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<_> = self.inner.disruptions_between(extract(start, "date")?, extract(end, "date")?).collect();
        to_py(py, &v)
    }
    /// The accepted events, as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// The date of an event (a dict).
    #[staticmethod]
    fn event_date(event: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
        let e: PlanEvent = extract(event, "PlanEvent")?;
        Ok(e.date())
    }
    /// Anchors whose next step is due on a date.
    fn steps_due(&self, date: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        self.inner.steps_due(extract(date, "date")?).iter().map(text_of).collect()
    }
    /// Checks an event (dict) without applying it.
    fn check(&self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check(&extract(event, "PlanEvent")?).map_err(core_err)
    }
    /// Applies an event (dict); returns the new stage. On error nothing changes.
    fn apply(&mut self, event: &Bound<'_, PyAny>) -> PyResult<String> {
        let stage = self.inner.apply(extract(event, "PlanEvent")?).map_err(core_err)?;
        text_of(&stage)
    }
    /// Reviews an SRM week (`ipsrt.srm.Week` or its dict) against the targets.
    fn review_srm_week<'py>(&self, py: Python<'py>, week: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.review_srm_week(&crate::srm::week_of(week)?))
    }
    /// Reviews observed times (`[(anchor, [7 × "HH:MM" or None]), ...]`) against the targets.
    fn review_week<'py>(&self, py: Python<'py>, observed: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let obs: Vec<(Anchor, [Option<ClockTime>; 7])> = extract(observed, "list of (anchor, 7 clock times or None)")?;
        to_py(py, &self.inner.review_week(&obs))
    }
    /// The times aimed at now per anchor: `[(anchor, "HH:MM"), ...]`.
    fn aimed_times(&self) -> PyResult<Vec<(String, String)>> {
        self.inner.aimed_times().iter().map(|(a, t)| Ok((text_of(a)?, t.to_string()))).collect()
    }
    /// The next due time of each aimed anchor after `now` (naive local datetime in `zone`).
    #[pyo3(signature = (now, *, zone))]
    fn next_due<'py>(&self, py: Python<'py>, now: &Bound<'py, PyAny>, zone: &str) -> PyResult<Bound<'py, PyList>> {
        due_list(py, &self.inner.next_due(&zoned(now, zone)?).map_err(core_err)?)
    }
    /// Entries of the aimed anchors overdue at `now` (see `ipsrt.overdue`).
    #[pyo3(signature = (now, *, zone, since, grace_minutes = None, recorded = None))]
    fn overdue<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
        zone: &str,
        since: &Bound<'py, PyAny>,
        grace_minutes: Option<Whole<u32>>,
        recorded: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let grace_minutes = grace_minutes.map_or(0, |w| w.0);
        let v = self
            .inner
            .overdue(&zoned(now, zone)?, extract(since, "date")?, grace_minutes, &recorded_of(recorded)?)
            .map_err(core_err)?;
        due_list(py, &v)
    }
});

persisted!(PyIpsrtCourse, "IpsrtCourse", IpsrtCourse, {
    /// Creates a course on `date` under a protocol (dict; default: Frank 2005's).
    #[new]
    #[pyo3(signature = (date, protocol = None))]
    fn new(date: &Bound<'_, PyAny>, protocol: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let protocol: IpsrtProtocol = match protocol {
            Some(p) => extract(p, "IpsrtProtocol")?,
            None => IpsrtProtocol::frank(),
        };
        IpsrtCourse::create(protocol, extract(date, "date")?).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Frank (2005)'s protocol, as a dict.
    #[staticmethod]
    fn frank_protocol<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &IpsrtProtocol::frank())
    }
    /// The maintenance session dates of a protocol (dict) from a start date.
    #[staticmethod]
    fn protocol_maintenance_dates(protocol: &Bound<'_, PyAny>, start: &Bound<'_, PyAny>) -> PyResult<Vec<NaiveDate>> {
        let p: IpsrtProtocol = extract(protocol, "IpsrtProtocol")?;
        Ok(p.maintenance_dates(extract(start, "date")?))
    }
    /// The session frequency of a maintenance block (dict): `"weekly"`, ...
    #[staticmethod]
    fn block_frequency(block: &Bound<'_, PyAny>) -> PyResult<String> {
        let b: ipsrt::ipsrt::MaintenanceBlock = extract(block, "MaintenanceBlock")?;
        text_of(&IpsrtProtocol::frequency(&b))
    }
    /// The protocol, as a dict.
    #[getter]
    fn protocol<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.protocol())
    }
    /// The underlying IPT course, as a dict.
    #[getter]
    fn course<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.course())
    }
    /// The current phase (`"acute"`, ...).
    #[getter]
    fn phase(&self) -> PyResult<String> {
        text_of(&self.inner.phase())
    }
    /// `[(phase, start date), ...]`.
    #[getter]
    fn phase_starts(&self) -> PyResult<Vec<(String, NaiveDate)>> {
        self.inner.phase_starts().iter().map(|(p, d)| Ok((text_of(p)?, *d))).collect()
    }
    /// `[(task, date done), ...]`.
    #[getter]
    fn tasks_done(&self) -> PyResult<Vec<(String, NaiveDate)>> {
        self.inner.tasks_done().iter().map(|(t, d)| Ok((text_of(t)?, *d))).collect()
    }
    /// The tasks of the protocol not done yet.
    #[getter]
    fn tasks_missing(&self) -> PyResult<Vec<String>> {
        self.inner.tasks_missing().iter().map(text_of).collect()
    }
    /// The accepted events, as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// The maintenance session dates (once maintenance has started; else empty).
    fn maintenance_dates(&self) -> Vec<NaiveDate> {
        self.inner.maintenance_dates()
    }
    /// The recurrences that returned the course to acute treatment (`recurrence_recorded`), as
    /// `[(date, detail or None), ...]`.
    #[getter]
    fn recurrences(&self) -> Vec<(NaiveDate, Option<String>)> {
        self.inner.recurrences().into_iter().map(|(d, t)| (d, t.map(str::to_owned))).collect()
    }
    /// Applies an event (dict); returns the phase. On error nothing changes.
    fn apply(&mut self, event: &Bound<'_, PyAny>) -> PyResult<String> {
        let e: IpsrtEvent = extract(event, "IpsrtEvent")?;
        let phase = self.inner.apply(e).map_err(core_err)?;
        text_of(&phase)
    }
});

plain!(PyStabilisationCriterion, "StabilisationCriterion", StabilisationCriterion, {
    /// The MTBD trial's criterion (the default): 4 weeks, HRSD-24 mean < 7, BRMS < 7, stable
    /// medication.
    #[new]
    fn new() -> Self {
        Self { inner: StabilisationCriterion::mtbd() }
    }
    /// The MTBD trial's criterion.
    #[staticmethod]
    fn mtbd() -> Self {
        Self { inner: StabilisationCriterion::mtbd() }
    }
    /// Checks the values.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
    /// Evaluates weekly ratings (dicts `{week_start, depression, mania, medication_stable}`).
    fn evaluate<'py>(&self, py: Python<'py>, ratings: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let r: Vec<WeeklyRating> = extract(ratings, "list of WeeklyRating")?;
        to_py(py, &self.inner.evaluate(&r).map_err(core_err)?)
    }
});

/// The date and pathway of a life-chart event (dict): `(date, pathway)`.
#[pyfunction]
pub fn chart_event_info(event: &Bound<'_, PyAny>) -> PyResult<(NaiveDate, String)> {
    let e: ChartEvent = extract(event, "ChartEvent")?;
    Ok((e.date(), text_of(&e.pathway())?))
}

/// Registers the IPSRT-area classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMedicationLog>()?;
    m.add_class::<PyLifeChart>()?;
    m.add_class::<PyRhythmPlan>()?;
    m.add_class::<PyIpsrtCourse>()?;
    m.add_class::<PyStabilisationCriterion>()?;
    m.add_function(wrap_pyfunction!(classify_dose, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_wall_clock, m)?)?;
    m.add_function(wrap_pyfunction!(due_on, m)?)?;
    m.add_function(wrap_pyfunction!(next_due, m)?)?;
    m.add_function(wrap_pyfunction!(overdue, m)?)?;
    m.add_function(wrap_pyfunction!(chart_event_info, m)?)?;
    Ok(())
}
