//! IPS supported employment (the core's `ipsrt::ips`): IPS-25 fidelity, employment journeys
//! and caseload KPIs.
//!
//! [`EmploymentJourney`] is an Object (thread-safe, see [`crate::state`]); journey events cross
//! typed ([`IpsJourneyEvent`]), and so do the journey's read-outs and the caseload KPIs
//! ([`ips_caseload_kpis`]). Integers are signed (`Int`/`Long` in Kotlin), range-checked here;
//! the `*_json` calls remain as escapes for the shared vectors and tools, and fidelity reviews
//! and caseloads load and save as whole documents.

use std::sync::Arc;

use ipsrt::ips as core;
use serde::{Deserialize, Serialize};

use crate::bridge::{from_core, from_json_value, load, persisted_object, to_core, to_json_value, unsigned};
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
    pub total: i32,
    /// Staffing section.
    pub staffing: i32,
    /// Organisation section.
    pub organisation: i32,
    /// Services section.
    pub services: i32,
    /// The band of the total.
    pub band: FidelityBand,
}

fn fidelity(r: &core::FidelityRatings) -> Result<FidelityResult, IpsrtError> {
    let s = r.score();
    // Sums of 25 ratings of at most 5: at most 125, so the conversions cannot fail.
    let int = |v: u32| i32::try_from(v).map_err(|_| IpsrtError::internal(format!("IPS-25 sum {v} out of range")));
    Ok(FidelityResult {
        total: int(s.total)?,
        staffing: int(s.staffing)?,
        organisation: int(s.organisation)?,
        services: int(s.services)?,
        band: from_core(&core::FidelityBand::for_total(s.total)?)?,
    })
}

/// Scores 25 ratings (1–5) given in item order; a rating outside 1–5 (also a negative one) is
/// `InvalidInput` naming the item.
#[uniffi::export]
pub fn ips_fidelity_score(ratings: Vec<i32>) -> Result<FidelityResult, IpsrtError> {
    guard(|| {
        let n = ratings.len();
        let mut array = [0u8; 25];
        if n != 25 {
            return Err(IpsrtError::InvalidInput(format!(
                "IPS-25 needs exactly 25 ratings in item order, got {n}: give one rating per item"
            )));
        }
        for ((slot, r), item) in array.iter_mut().zip(&ratings).zip(core::FIDELITY_ITEMS) {
            *slot = u8::try_from(*r).map_err(|_| core::IpsError::RatingOutOfRange { item, rating: i64::from(*r) })?;
        }
        fidelity(&core::FidelityRatings::from_array(array)?)
    })
}

/// Scores ratings given as the core's JSON (an object from item name to rating).
#[uniffi::export]
pub fn ips_fidelity_score_json(ratings_json: String) -> Result<FidelityResult, IpsrtError> {
    guard(|| fidelity(&from_json_value::<core::FidelityRatings>("IPS-25 ratings", &ratings_json)?))
}

/// The caseload-size item rating (1–5) for a number of clients (0 or more) and specialist FTE.
#[uniffi::export]
pub fn ips_caseload_size_rating(clients: i64, specialists_fte: f64) -> Result<i32, IpsrtError> {
    guard(|| {
        let clients: u32 = unsigned(clients, "clients")?;
        Ok(i32::from(core::caseload_size_rating(clients, specialists_fte)?))
    })
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
    pub(crate) state: Locked<core::EmploymentJourney>,
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

    /// Applies a journey event; returns the new state. On error the journey is unchanged.
    pub fn apply(&self, event: IpsJourneyEvent) -> Result<JourneyState, IpsrtError> {
        guard(|| {
            let event: core::JourneyEvent = to_core(&event)?;
            self.state.update(|j| from_core(&j.apply(event)?))
        })
    }

    /// The job spells in order, competitive and not (`job.competitive` says which).
    pub fn jobs(&self) -> Result<Vec<IpsJobSpell>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.jobs())))
    }

    /// The stays on the caseload (entry, exit, reason, note).
    pub fn episodes(&self) -> Result<Vec<IpsCaseloadEpisode>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.episodes())))
    }

    /// Why the participant left the caseload, while off it.
    pub fn exit_reason(&self) -> Result<Option<IpsExitReason>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.exit_reason())))
    }

    /// The latest disclosure decision per employer.
    pub fn disclosures(&self) -> Result<Vec<IpsDisclosureRecord>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.disclosures())))
    }

    /// The benefits-counselling sessions in order.
    pub fn benefits_sessions(&self) -> Result<Vec<IpsBenefitsSession>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.benefits_sessions())))
    }

    /// The current job preferences with their date, if any were recorded.
    pub fn preferences(&self) -> Result<Option<IpsDatedPreferences>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.preferences())))
    }

    /// Every recorded version of the job preferences, oldest first.
    pub fn preference_history(&self) -> Result<Vec<IpsDatedPreferences>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.preference_history())))
    }

    /// The education goals with their latest status.
    pub fn education_goals(&self) -> Result<Vec<IpsEducationGoal>, IpsrtError> {
        guard(|| self.state.read(|j| from_core(&j.education_goals())))
    }

    /// Applies a journey event given as the core's JSON (`{"type": "job_started", ...}`);
    /// returns the new state. On error the journey is unchanged. `apply` is the typed call.
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

/// The band of an IPS-25 total (25–125; outside, also negative, is `InvalidInput`).
#[uniffi::export]
pub fn ips_fidelity_band(total: i32) -> Result<FidelityBand, IpsrtError> {
    guard(|| {
        let Ok(t) = u32::try_from(total) else {
            return Err(IpsrtError::InvalidInput(format!(
                "IPS-25 total {total} is impossible: totals run from 25 to 125; give the sum of the 25 ratings"
            )));
        };
        from_core(&core::FidelityBand::for_total(t)?)
    })
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

/// Why a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsJobEndReason {
    /// The worker quit.
    Quit,
    /// The employer ended it.
    Fired,
    /// A temporary job that ran out.
    Temporary,
    /// Anything else.
    Other,
}

/// Why a participant left the caseload (docs/decisions.md#ips-exit-reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsExitReason {
    /// Working and no longer needs or wants support.
    GoalsMet,
    /// Chose to stop the service.
    ChoseToLeave,
    /// Could not be reached despite outreach.
    LostContact,
    /// Moved out of the service's area.
    MovedAway,
    /// Referred to another service.
    Transferred,
    /// Health (for example a long hospital stay).
    Health,
    /// Died.
    Died,
    /// Another reason (say which in the note).
    Other,
    /// Not recorded (only in journeys stored before exit reasons existed).
    NotRecorded,
}

/// A disclosure decision for one employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsDisclosure {
    /// The employer is told.
    Disclosed,
    /// The participant chose not to tell.
    NotDisclosed,
    /// Not decided yet.
    Undecided,
}

/// Where an education goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum IpsEducationStatus {
    /// Wanted, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Completed.
    Achieved,
    /// Given up or put aside.
    Stopped,
}

/// A job; `competitive = false` keeps it on record but out of every competitive-employment KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsJob {
    /// The employer.
    pub employer: String,
    /// Hours per week, above 0 and at most 80.
    pub hours_per_week: f64,
    /// Whether the job is competitive (open to anyone, at least minimum wage, not set aside).
    pub competitive: bool,
    /// Job title.
    #[uniffi(default = None)]
    pub title: Option<String>,
    /// Hourly wage.
    #[uniffi(default = None)]
    pub hourly_wage: Option<f64>,
}

/// Kinds of work, hours and places a participant prefers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsJobPreferences {
    /// Kinds of work (at most 50).
    #[uniffi(default = [])]
    pub kinds_of_work: Vec<String>,
    /// Preferred hours per week.
    #[uniffi(default = None)]
    pub hours_per_week: Option<f64>,
    /// Places or areas (at most 50).
    #[uniffi(default = [])]
    pub locations: Vec<String>,
    /// A free note.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

/// Something that happens in a journey (the core's `ips::JourneyEvent`; docs/ips.md#journey).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IpsJourneyEvent {
    /// The job search starts.
    JobSearchStarted {
        /// When.
        date: LocalDate,
    },
    /// A face-to-face employer contact.
    EmployerContact {
        /// When.
        date: LocalDate,
    },
    /// A disclosure decision for one employer.
    DisclosureDecided {
        /// When.
        date: LocalDate,
        /// The employer.
        employer: String,
        /// The decision.
        decision: IpsDisclosure,
    },
    /// A benefits-counselling session.
    BenefitsCounselling {
        /// When.
        date: LocalDate,
        /// What was discussed.
        topic: String,
    },
    /// The job preferences as of a date (replaces the current ones).
    PreferencesRecorded {
        /// When.
        date: LocalDate,
        /// The preferences.
        preferences: IpsJobPreferences,
    },
    /// An education goal is set or its status changes (same goal text).
    EducationGoal {
        /// When.
        date: LocalDate,
        /// The goal.
        goal: String,
        /// Its status.
        status: IpsEducationStatus,
    },
    /// A job starts, competitive or not.
    JobStarted {
        /// When.
        date: LocalDate,
        /// The job.
        job: IpsJob,
    },
    /// Follow-along support takes over.
    FollowAlongStarted {
        /// When.
        date: LocalDate,
    },
    /// The job ends.
    JobEnded {
        /// The last day worked.
        date: LocalDate,
        /// Why.
        reason: IpsJobEndReason,
    },
    /// The participant leaves the caseload; afterwards only `ReEntered` is accepted.
    Exited {
        /// When.
        date: LocalDate,
        /// Why.
        reason: IpsExitReason,
        /// A free note.
        #[uniffi(default = None)]
        note: Option<String>,
    },
    /// The participant comes back after leaving.
    ReEntered {
        /// When.
        date: LocalDate,
    },
}

/// One period in one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsJobSpell {
    /// The job.
    pub job: IpsJob,
    /// First day.
    pub start: LocalDate,
    /// Last day, null while ongoing.
    pub end: Option<LocalDate>,
}

/// One stay on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsCaseloadEpisode {
    /// Entry.
    pub entered_on: LocalDate,
    /// Exit, null while on the caseload.
    pub exited_on: Option<LocalDate>,
    /// Why the participant left.
    pub exit_reason: Option<IpsExitReason>,
    /// The note given at exit.
    pub exit_note: Option<String>,
}

/// The latest disclosure decision for one employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsDisclosureRecord {
    /// The employer.
    pub employer: String,
    /// The decision.
    pub decision: IpsDisclosure,
    /// When it was made.
    pub date: LocalDate,
}

/// A benefits-counselling session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsBenefitsSession {
    /// When.
    pub date: LocalDate,
    /// What was discussed.
    pub topic: String,
}

/// Job preferences with the date they were recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsDatedPreferences {
    /// When.
    pub date: LocalDate,
    /// The preferences.
    pub preferences: IpsJobPreferences,
}

/// An education goal and its latest status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsEducationGoal {
    /// The goal.
    pub goal: String,
    /// Its latest status.
    pub status: IpsEducationStatus,
    /// When it was first set.
    pub set_on: LocalDate,
    /// When its status last changed.
    pub updated_on: LocalDate,
}

/// Count, mean and median (mean and median null when the count is 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsSummary {
    /// Number of values.
    pub n: i64,
    /// Mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
}

/// Caseload KPIs over a period (docs/ips.md#kpis). Non-competitive jobs appear only in the two
/// `non_competitive_*` fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct IpsCaseloadKpis {
    /// First day of the period.
    pub from: LocalDate,
    /// Last day (inclusive).
    pub to: LocalDate,
    /// Participants on the caseload at some time in the period.
    pub active: i64,
    /// Of those, participants who held a competitive job in the period.
    pub employed: i64,
    /// `employed / active` (null with no active participants).
    pub competitive_employment_rate: Option<f64>,
    /// The benchmark band of the rate.
    pub employment_rate_band: Option<EmploymentRateBand>,
    /// Days from entry to first employer contact.
    pub days_to_first_employer_contact: IpsSummary,
    /// Active participants who entered at least 30 days before the period end.
    pub first_contact_eligible: i64,
    /// Of those, the ones with a first employer contact within 30 days.
    pub first_contact_within_30_days: i64,
    /// Days from entry to first competitive job.
    pub days_to_first_job: IpsSummary,
    /// Competitive jobs that started in the period.
    pub job_starts: i64,
    /// Weeks worked in competitive jobs, over the employed participants.
    pub weeks_worked: IpsSummary,
    /// Tenure in weeks of each employed participant's longest competitive job.
    pub longest_job_tenure_weeks: IpsSummary,
    /// Employed participants whose longest job has lasted 90 days or more.
    pub employed_90_days_or_more: i64,
    /// Employed participants with a job of 20 hours a week or more.
    pub working_20_hours_or_more: i64,
    /// Total hours worked in competitive jobs.
    pub total_hours: f64,
    /// Total wages in competitive jobs with a recorded wage.
    pub total_wages: f64,
    /// Active participants per specialist FTE.
    pub caseload_per_specialist: Option<f64>,
    /// Whether the caseload is within 20 per FTE.
    pub caseload_within_target: Option<bool>,
    /// Participants who exited during the period.
    pub exits: i64,
    /// Active participants with a non-competitive job in the period (not counted above).
    pub non_competitive_employed: i64,
    /// Non-competitive jobs that started in the period (not in `job_starts`).
    pub non_competitive_job_starts: i64,
}

/// Caseload KPIs over `[from, to]` (inclusive) for a set of journeys and, optionally, the
/// employment specialists' FTE.
#[uniffi::export(default(specialists_fte = None))]
pub fn ips_caseload_kpis(
    journeys: Vec<Arc<EmploymentJourney>>,
    from: LocalDate,
    to: LocalDate,
    specialists_fte: Option<f64>,
) -> Result<IpsCaseloadKpis, IpsrtError> {
    guard(|| {
        let mut all = Vec::with_capacity(journeys.len());
        for j in &journeys {
            all.push(j.state.read(Clone::clone));
        }
        let caseload = core::Caseload { specialists_fte, journeys: all };
        from_core(&caseload.kpis(from, to)?)
    })
}
