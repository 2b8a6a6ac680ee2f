//! IPS supported employment (the core's `ipsrt::ips`): IPS-25 fidelity, employment journeys
//! and caseload KPIs.
//!
//! [`EmploymentJourney`] is an Object (thread-safe, see [`crate::state`]); journey events,
//! fidelity reviews and caseloads cross as the core's JSON (as in `test-vectors/ips/`).

use std::sync::Arc;

use ipsrt::ips as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, load, persisted_object, to_json_value};
use crate::error::{IpsrtError, guard};
use crate::state::Locked;
use crate::time::LocalDate;

/// The fidelity band of an IPS-25 total (interpretation, opt-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FidelityBand {
    /// 115–125.
    Exemplary,
    /// 100–114.
    Good,
    /// 74–99.
    Fair,
    /// 73 or less.
    NotSupportedEmployment,
}

/// The raw IPS-25 score (25–125) and its section sums, with the band.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FidelityResult {
    /// Total, 25–125.
    pub total: u32,
    /// Staffing section.
    pub staffing: u32,
    /// Organisation section.
    pub organisation: u32,
    /// Services section.
    pub services: u32,
    /// The band of the total.
    pub band: FidelityBand,
}

fn fidelity(r: &core::FidelityRatings) -> Result<FidelityResult, IpsrtError> {
    let s = r.score();
    Ok(FidelityResult {
        total: s.total,
        staffing: s.staffing,
        organisation: s.organisation,
        services: s.services,
        band: from_core(&core::FidelityBand::for_total(s.total)?)?,
    })
}

/// Scores 25 ratings (1–5) given in item order.
#[uniffi::export]
pub fn ips_fidelity_score(ratings: Vec<u8>) -> Result<FidelityResult, IpsrtError> {
    guard(|| {
        let n = ratings.len();
        let array: [u8; 25] = ratings
            .try_into()
            .map_err(|_| IpsrtError::InvalidInput(format!("IPS-25 needs exactly 25 ratings in item order, got {n}")))?;
        fidelity(&core::FidelityRatings::from_array(array)?)
    })
}

/// Scores ratings given as the core's JSON (an object from item name to rating).
#[uniffi::export]
pub fn ips_fidelity_score_json(ratings_json: String) -> Result<FidelityResult, IpsrtError> {
    guard(|| fidelity(&from_json_value::<core::FidelityRatings>("IPS-25 ratings", &ratings_json)?))
}

/// The caseload-size item rating (1–5) for a number of clients and specialist FTE.
#[uniffi::export]
pub fn ips_caseload_size_rating(clients: u32, specialists_fte: f64) -> Result<u8, IpsrtError> {
    guard(|| Ok(core::caseload_size_rating(clients, specialists_fte)?))
}

/// Caseload KPIs over a period, for a caseload in the core's bare JSON form
/// (`{"specialists_fte": 1.0, "journeys": [...]}`, as in `test-vectors/ips/kpis.json`); the
/// result is the core's `CaseloadKpis` JSON (rates with their benchmarks and sources).
#[uniffi::export]
pub fn ips_caseload_kpis_json(caseload_json: String, from: LocalDate, to: LocalDate) -> Result<String, IpsrtError> {
    guard(|| {
        let caseload: core::Caseload = from_json_value("IPS caseload", &caseload_json)?;
        to_json_value(&caseload.kpis(from, to)?)
    })
}

/// Normalises a fidelity review snapshot (schema `ipsrt.ips_fidelity_review`): loads, checks
/// and writes it back; returns the review's result too.
#[uniffi::export]
pub fn ips_fidelity_review_roundtrip(review_json: String) -> Result<String, IpsrtError> {
    guard(|| {
        let review: core::FidelityReview = load(&review_json)?;
        Ok(ipsrt::persist::to_json(&review))
    })
}

/// Normalises a caseload snapshot (schema `ipsrt.ips_caseload`).
#[uniffi::export]
pub fn ips_caseload_roundtrip(caseload_json: String) -> Result<String, IpsrtError> {
    guard(|| {
        let caseload: core::Caseload = load(&caseload_json)?;
        Ok(ipsrt::persist::to_json(&caseload))
    })
}

/// Where a participant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    /// Enrolled.
    Enrolled,
    /// Searching for a job.
    JobSearch,
    /// In a job.
    Employed,
    /// Follow-along support in a job.
    FollowAlong,
    /// Left the programme.
    Exited,
}

/// One participant's employment journey (thread-safe).
///
/// **Threads:** safe to share between threads. Every call takes this object's one lock for the
/// whole call (calls on it run one at a time; other objects never wait for it), never calls back
/// into the app and never blocks on I/O. A `close()` during another thread's call frees the object
/// when that call ends; a call after `close()` throws `IpsrtException.Closed`.
#[derive(uniffi::Object)]
pub struct EmploymentJourney {
    state: Locked<core::EmploymentJourney>,
}

persisted_object!(EmploymentJourney, core::EmploymentJourney);

#[uniffi::export]
impl EmploymentJourney {
    /// Enrols a participant.
    #[uniffi::constructor]
    pub fn enrol(participant: String, enrolled_on: LocalDate) -> Result<Arc<Self>, IpsrtError> {
        guard(|| {
            Ok(Arc::new(EmploymentJourney {
                state: Locked::new(core::EmploymentJourney::enrol(participant, enrolled_on)?),
            }))
        })
    }

    /// Applies a journey event given as the core's JSON (`{"type": "job_started", ...}`);
    /// returns the new state. On error the journey is unchanged.
    pub fn apply_json(&self, event_json: String) -> Result<JourneyState, IpsrtError> {
        guard(|| {
            let event: core::JourneyEvent = from_json_value("journey event", &event_json)?;
            self.state.update(|j| from_core(&j.apply(event)?))
        })
    }

    /// The state.
    pub fn state(&self) -> Result<JourneyState, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.state())))
    }

    /// Days from enrolment to the first employer contact.
    pub fn days_to_first_employer_contact(&self) -> Result<Option<i64>, IpsrtError> {
        guard(|| Ok(self.state.read(|j| j.days_to_first_employer_contact())))
    }

    /// Days from enrolment to the first job.
    pub fn days_to_first_job(&self) -> Result<Option<i64>, IpsrtError> {
        guard(|| Ok(self.state.read(|j| j.days_to_first_job())))
    }
}

/// The band of an IPS-25 total (25–125; outside is `InvalidInput`).
#[uniffi::export]
pub fn ips_fidelity_band(total: u32) -> Result<FidelityBand, IpsrtError> {
    guard(|| from_core(&core::FidelityBand::for_total(total)?))
}

/// The benchmark band of a quarterly competitive employment rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentRateBand {
    /// Below 31 %.
    BelowMinimal,
    /// 31 % to below 41 %.
    Minimal,
    /// 41 % to below 50 %.
    Average,
    /// 50 % or more.
    Excellent,
}

/// The benchmark band of an employment rate given as a fraction 0–1 (docs/ips.md#kpis;
/// outside 0–1 is `InvalidInput`).
#[uniffi::export]
pub fn ips_employment_rate_band(rate: f64) -> Result<EmploymentRateBand, IpsrtError> {
    guard(|| from_core(&core::EmploymentRateBand::for_rate(rate)?))
}
