//! IPS supported employment (core `ipsrt::ips`): `EmploymentJourney`, `IpsCaseload`,
//! `FidelityReview`, and the free functions.

use chrono::NaiveDate;
use ipsrt::ips::{Caseload, EmploymentJourney, FidelityItem, FidelityRatings, FidelityReview, JourneyEvent};
use pyo3::prelude::*;

use crate::errors::Whole;

use crate::convert::{extract, to_py};
use crate::errors::core_err;
use crate::persisted;

persisted!(PyEmploymentJourney, "EmploymentJourney", EmploymentJourney, {
    /// Enrols a participant on a date (programme entry).
    #[new]
    fn new(participant: &str, enrolled_on: &Bound<'_, PyAny>) -> PyResult<Self> {
        crate::convert::check_id("participant id", participant)?;
        let on: NaiveDate = extract(enrolled_on, "date")?;
        EmploymentJourney::enrol(participant, on).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Rebuilds a journey from its event log.
    #[staticmethod]
    fn replay(participant: &str, enrolled_on: &Bound<'_, PyAny>, events: &Bound<'_, PyAny>) -> PyResult<Self> {
        crate::convert::check_id("participant id", participant)?;
        let on: NaiveDate = extract(enrolled_on, "date")?;
        let events: Vec<JourneyEvent> = extract(events, "list of JourneyEvent")?;
        EmploymentJourney::replay(participant.to_owned(), on, events).map(|inner| Self { inner }).map_err(core_err)
    }
    /// Checks an event without applying it.
    fn check(&self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check(&extract(event, "JourneyEvent")?).map_err(core_err)
    }
    /// Applies an event (a dict with `"type"`); returns the new state. On error nothing changes.
    fn apply<'py>(&mut self, py: Python<'py>, event: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let state = self.inner.apply(extract(event, "JourneyEvent")?).map_err(core_err)?;
        to_py(py, &state)
    }
    /// The participant id.
    #[getter]
    fn participant(&self) -> String {
        self.inner.participant().to_owned()
    }
    /// Date of programme entry.
    #[getter]
    fn enrolled_on(&self) -> NaiveDate {
        self.inner.enrolled_on()
    }
    /// The current state.
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.state())
    }
    /// Exit date, if exited.
    #[getter]
    fn exited_on(&self) -> Option<NaiveDate> {
        self.inner.exited_on()
    }
    /// Date of the first employer contact.
    #[getter]
    fn first_employer_contact(&self) -> Option<NaiveDate> {
        self.inner.first_employer_contact()
    }
    /// Job spells as dicts.
    #[getter]
    fn jobs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.jobs())
    }
    /// The accepted events as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }
    /// Days from entry to the first employer contact.
    #[getter]
    fn days_to_first_employer_contact(&self) -> Option<i64> {
        self.inner.days_to_first_employer_contact()
    }
    /// Days from entry to the first job.
    #[getter]
    fn days_to_first_job(&self) -> Option<i64> {
        self.inner.days_to_first_job()
    }
    /// Whether the participant was on the caseload at some time in `[start, end]`.
    fn active_during(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.active_during(extract(start, "date")?, extract(end, "date")?))
    }
    /// Whether the participant held a competitive job at some time in `[start, end]`.
    fn employed_during(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.employed_during(extract(start, "date")?, extract(end, "date")?))
    }
    /// Weeks worked in `[start, end]`.
    fn weeks_worked(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<f64> {
        Ok(self.inner.weeks_worked(extract(start, "date")?, extract(end, "date")?))
    }
    /// Whether the current state counts as working (core `JourneyState::is_working`).
    #[getter]
    fn is_working(&self) -> bool {
        self.inner.state().is_working()
    }
    /// The date of a journey event (dict).
    #[staticmethod]
    fn event_date(event: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
        let e: JourneyEvent = extract(event, "JourneyEvent")?;
        Ok(e.date())
    }
    /// Days of each job (in `jobs` order) that fall within `[start, end]`.
    fn job_days_within(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
        let (from, to): (NaiveDate, NaiveDate) = (extract(start, "date")?, extract(end, "date")?);
        Ok(self.inner.jobs().iter().map(|j| j.days_within(from, to)).collect())
    }
    /// Whether each job (in `jobs` order) overlaps `[start, end]`.
    fn jobs_overlapping(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
        let (from, to): (NaiveDate, NaiveDate) = (extract(start, "date")?, extract(end, "date")?);
        Ok(self.inner.jobs().iter().map(|j| j.overlaps(from, to)).collect())
    }
    /// Tenure in weeks of the longest competitive job as of a date.
    fn longest_tenure_weeks(&self, as_of: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
        Ok(self.inner.longest_tenure_weeks(extract(as_of, "date")?))
    }
    /// Whether the participant held a non-competitive job at some time in `[start, end]`.
    fn non_competitive_during(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.non_competitive_during(extract(start, "date")?, extract(end, "date")?))
    }
    /// The competitive job spells as dicts (what the KPIs count).
    #[getter]
    fn competitive_jobs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.competitive_jobs().collect::<Vec<_>>())
    }
    /// Why the participant left the caseload, while off it.
    #[getter]
    fn exit_reason<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.exit_reason())
    }
    /// The stays on the caseload (entry, exit, reason, note) as dicts.
    #[getter]
    fn episodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.episodes())
    }
    /// The latest disclosure decision per employer, as dicts.
    #[getter]
    fn disclosures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.disclosures())
    }
    /// The latest disclosure decision for one employer, or None.
    fn disclosure_for<'py>(&self, py: Python<'py>, employer: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.disclosure_for(employer))
    }
    /// The benefits-counselling sessions, as dicts.
    #[getter]
    fn benefits_sessions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.benefits_sessions())
    }
    /// The current job preferences with their date, or None.
    #[getter]
    fn preferences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.preferences())
    }
    /// Every recorded version of the job preferences, oldest first.
    #[getter]
    fn preference_history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.preference_history())
    }
    /// The education goals with their latest status, as dicts.
    #[getter]
    fn education_goals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.education_goals())
    }
});

persisted!(PyIpsCaseload, "IpsCaseload", Caseload, {
    /// A caseload: journeys and (optionally) the specialists' FTE.
    #[new]
    #[pyo3(signature = (journeys, *, specialists_fte = None))]
    fn new(journeys: Vec<PyRef<'_, PyEmploymentJourney>>, specialists_fte: Option<f64>) -> Self {
        Self { inner: Caseload { specialists_fte, journeys: journeys.iter().map(|j| j.inner.clone()).collect() } }
    }
    /// The KPIs over `[start, end]` (inclusive) as a dict.
    fn kpis<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let k = self.inner.kpis(extract(start, "date")?, extract(end, "date")?).map_err(core_err)?;
        to_py(py, &k)
    }
    /// The journeys.
    #[getter]
    fn journeys(&self) -> Vec<PyEmploymentJourney> {
        self.inner.journeys.iter().map(|j| PyEmploymentJourney { inner: j.clone() }).collect()
    }
    /// Specialists in FTE.
    #[getter]
    fn specialists_fte(&self) -> Option<f64> {
        self.inner.specialists_fte
    }
});

persisted!(PyFidelityReview, "FidelityReview", FidelityReview, {
    /// An IPS-25 review: the 25 consensus ratings (1–5) in scale order.
    #[new]
    #[pyo3(signature = (ratings, *, site = None, date = None, anchors = None))]
    fn new(
        ratings: &Bound<'_, PyAny>,
        site: Option<String>,
        date: Option<&Bound<'_, PyAny>>,
        anchors: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let ratings: FidelityRatings = if ratings.is_instance_of::<pyo3::types::PyList>() {
            let v: Vec<u8> = extract(ratings, "list of 25 ratings")?;
            let arr: [u8; 25] = v.try_into().map_err(|v: Vec<u8>| {
                crate::errors::invalid(format!(
                    "an IPS-25 review has 25 ratings, got {}: give one rating per item",
                    v.len()
                ))
            })?;
            FidelityRatings::from_array(arr).map_err(core_err)?
        } else {
            extract(ratings, "FidelityRatings (item name -> rating 1-5)")?
        };
        let date = date.map(|d| extract::<NaiveDate>(d, "date")).transpose()?;
        let anchors = anchors.map(|a| extract(a, "AnchorTexts")).transpose()?.unwrap_or_default();
        Ok(Self { inner: FidelityReview { site, date, ratings, anchors } })
    }
    /// Scores the review and interprets the total, as a dict.
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.report().map_err(core_err)?)
    }
    /// The raw score (total, per section) as a dict.
    fn score<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.ratings.score())
    }
    /// The 25 ratings in scale order.
    #[getter]
    fn ratings(&self) -> Vec<u32> {
        self.inner.ratings.as_array().iter().map(|&r| u32::from(r)).collect()
    }
    /// The rating of one item (its name, e.g. `"caseload_size"`, or its number 1..=25).
    fn rating(&self, item: &Bound<'_, PyAny>) -> PyResult<u8> {
        Ok(self.inner.ratings.rating(fidelity_item_of(item)?))
    }
    /// The host-supplied anchor text of an item's rating, or None.
    fn anchor_text(&self, item: &Bound<'_, PyAny>, rating: Whole<u8>) -> PyResult<Option<String>> {
        let rating = rating.0;
        Ok(self.inner.anchors.text(fidelity_item_of(item)?, rating).map(str::to_owned))
    }
    /// Items rated below a threshold.
    fn items_below<'py>(&self, py: Python<'py>, threshold: Whole<u8>) -> PyResult<Bound<'py, PyAny>> {
        let threshold = threshold.0;
        to_py(py, &self.inner.ratings.items_below(threshold))
    }
    /// Items where two reviews disagree: `[(item, self_rating, other_rating)]`.
    fn disagreements<'py>(&self, py: Python<'py>, other: PyRef<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.ratings.disagreements(&other.inner.ratings))
    }
});

/// The IPS-25 caseload-size item rating (1–5) for clients per specialist FTE.
#[pyfunction]
pub fn caseload_size_rating(clients: Whole<u32>, specialists_fte: f64) -> PyResult<u8> {
    let clients = clients.0;
    ipsrt::ips::caseload_size_rating(clients, specialists_fte).map_err(core_err)
}

/// The fidelity band for an IPS-25 total.
#[pyfunction]
pub fn fidelity_band<'py>(py: Python<'py>, total: Whole<u32>) -> PyResult<Bound<'py, PyAny>> {
    let total = total.0;
    to_py(py, &ipsrt::ips::FidelityBand::for_total(total).map_err(core_err)?)
}

/// The benchmark band of a competitive employment rate (0–1).
#[pyfunction]
pub fn employment_rate_band<'py>(py: Python<'py>, rate: f64) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ipsrt::ips::EmploymentRateBand::for_rate(rate).map_err(core_err)?)
}

/// The IPS principles with their descriptions and sources, as dicts.
#[pyfunction]
pub fn ips_principles<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let out: Vec<serde_json::Value> = ipsrt::ips::PRINCIPLES
        .iter()
        .map(|p| {
            serde_json::json!({
                "principle": p,
                "number": p.number(),
                "name": p.name(),
                "description": p.description(),
                "in_seven_principle_count": p.in_seven_principle_count(),
                "source": p.source(),
            })
        })
        .collect();
    to_py(py, &out)
}

fn fidelity_item_of(item: &Bound<'_, PyAny>) -> PyResult<FidelityItem> {
    if let Ok(n) = item.extract::<u8>() {
        return FidelityItem::from_number(n)
            .ok_or_else(|| crate::errors::invalid(format!("no IPS-25 item has number {n}: use 1..=25")));
    }
    extract(item, "IPS-25 item name")
}

/// The IPS-25 item with a number (1..=25): its name.
#[pyfunction]
pub fn fidelity_item(number: Whole<u8>) -> PyResult<String> {
    let number = number.0;
    let item = FidelityItem::from_number(number)
        .ok_or_else(|| crate::errors::invalid(format!("no IPS-25 item has number {number}: use 1..=25")))?;
    match serde_json::to_value(item) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(crate::errors::invalid("cannot name the item")),
    }
}

/// The display label of a fidelity band (`"good"` -> `"good fidelity"`).
#[pyfunction]
pub fn fidelity_band_label(band: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let b: ipsrt::ips::FidelityBand = extract(band, "fidelity band")?;
    Ok(b.label())
}

/// Count, mean and median of values (non-finite values dropped): a dict.
#[pyfunction]
pub fn summarize_values<'py>(py: Python<'py>, values: Vec<f64>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ipsrt::ips::Summary::of(values))
}

/// Registers the IPS classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEmploymentJourney>()?;
    m.add_class::<PyIpsCaseload>()?;
    m.add_class::<PyFidelityReview>()?;
    m.add_function(wrap_pyfunction!(caseload_size_rating, m)?)?;
    m.add_function(wrap_pyfunction!(fidelity_band, m)?)?;
    m.add_function(wrap_pyfunction!(employment_rate_band, m)?)?;
    m.add_function(wrap_pyfunction!(ips_principles, m)?)?;
    m.add_function(wrap_pyfunction!(fidelity_item, m)?)?;
    m.add_function(wrap_pyfunction!(fidelity_band_label, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_values, m)?)?;
    Ok(())
}
