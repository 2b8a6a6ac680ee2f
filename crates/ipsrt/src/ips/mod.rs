//! IPS (Individual Placement and Support) supported employment: the eight principles, the IPS-25
//! fidelity scale, employment journeys and caseload KPIs.
//!
//! * [`PRINCIPLES`]: the eight principles ([`Principle`]).
//! * [`FidelityRatings`]: the 25 items of the IPS-25 rated 1–5; [`FidelityRatings::score`]
//!   gives the raw total (25–125) and section sums, [`FidelityBand::for_total`] the band
//!   (115–125 exemplary, 100–114 good, 74–99 fair, ≤ 73 not supported employment). Anchor texts
//!   are copyrighted and supplied by the host ([`AnchorTexts`]).
//! * [`EmploymentJourney`]: enrolled → job search → employed → follow-along; job ended → search
//!   again; exit from anywhere with a reason ([`ExitReason`]), re-entry after an exit. It also
//!   records non-competitive jobs (kept out of the KPIs), disclosure decisions, benefits
//!   counselling, job preferences and education goals.
//! * [`Caseload::kpis`]: competitive employment rate with the quarterly benchmarks
//!   (31 / 41 / 50 %), days to first employer contact (target ≤ 30), days to first job, weeks
//!   worked, tenure, hours ≥ 20, caseload ≤ 20 per specialist.
//!
//! ```
//! use chrono::NaiveDate;
//! use ipsrt::ips::{EmploymentJourney, FidelityBand, FidelityRatings, Job, JourneyEvent, JourneyState};
//!
//! let ratings = FidelityRatings::from_array([4; 25])?;
//! assert_eq!(ratings.score().total, 100);
//! assert_eq!(FidelityBand::for_total(100)?, FidelityBand::Good);
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
//! let mut j = EmploymentJourney::enrol("p1", d(1, 5))?;
//! j.apply(JourneyEvent::JobSearchStarted { date: d(1, 5) })?;
//! j.apply(JourneyEvent::EmployerContact { date: d(1, 20) })?;
//! let job = Job { employer: "Bakery".into(), title: None, hours_per_week: 24.0, hourly_wage: None, competitive: true };
//! j.apply(JourneyEvent::JobStarted { date: d(3, 2), job })?;
//! assert_eq!(j.state(), JourneyState::Employed);
//! assert_eq!(j.days_to_first_employer_contact(), Some(15));
//! // A job cannot end twice: the journey is unchanged.
//! let end = JourneyEvent::JobEnded { date: d(4, 1), reason: ipsrt::ips::JobEndReason::Quit };
//! j.apply(end.clone())?;
//! assert!(j.apply(end).is_err());
//! assert_eq!(j.state(), JourneyState::JobSearch);
//! // After leaving the caseload only a re-entry is accepted.
//! j.apply(JourneyEvent::Exited { date: d(5, 1), reason: ipsrt::ips::ExitReason::MovedAway, note: None })?;
//! assert!(j.apply(JourneyEvent::EmployerContact { date: d(5, 2) }).is_err());
//! assert_eq!(j.apply(JourneyEvent::ReEntered { date: d(6, 1) })?, JourneyState::Enrolled);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use chrono::NaiveDate;

use crate::error::ErrorKind;

mod fidelity;
mod journey;
mod kpi;
mod principle;

pub use fidelity::{
    AnchorTexts, CASELOAD_SIZE_ANCHORS, FIDELITY_BAND_LOWER_BOUNDS, FIDELITY_ITEMS, FidelityBand, FidelityItem,
    FidelityRatings, FidelityReport, FidelityReview, FidelityScore, FidelitySection, caseload_size_rating,
};
pub use journey::{
    BenefitsSession, COMPETITIVE_JOB, CaseloadEpisode, DatedPreferences, Disclosure, DisclosureRecord,
    EducationGoalRecord, EducationStatus, EmploymentJourney, ExitReason, Job, JobEndReason, JobPreferences, JobSpell,
    JourneyEvent, JourneyRecord, JourneyState, MAX_PREFERENCE_ITEMS,
};
pub use kpi::{
    CASELOAD_TARGET, Caseload, CaseloadKpis, EMPLOYMENT_RATE_BENCHMARKS, EmploymentRateBand, FIRST_CONTACT_TARGET_DAYS,
    HOURS_THRESHOLD, Summary,
};
pub use principle::{PRINCIPLES, Principle};

/// Errors from [`crate::ips`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum IpsError {
    /// An item rating outside 1–5.
    #[error("IPS-25 item {} ({}) rated {rating}: rate every item 1 to 5", item.number(), item.name())]
    RatingOutOfRange {
        /// The item.
        item: FidelityItem,
        /// The rating given.
        rating: i64,
    },
    /// Items without a rating.
    #[error("IPS-25 ratings are incomplete: rate {} as well (all 25 items are required)", missing.iter().map(|i| i.number().to_string()).collect::<Vec<_>>().join(", "))]
    MissingItems {
        /// The unrated items.
        missing: Vec<FidelityItem>,
    },
    /// An item rated twice.
    #[error("IPS-25 item {} is rated twice: give one consensus rating per item", item.number())]
    DuplicateItem {
        /// The item.
        item: FidelityItem,
    },
    /// A total the scale cannot produce.
    #[error("IPS-25 total {total} is impossible: totals run from 25 to 125")]
    TotalOutOfRange {
        /// The total given.
        total: u32,
    },
    /// A rate outside 0–1.
    #[error("employment rate {rate} is not a fraction: give a value from 0 to 1")]
    RateOutOfRange {
        /// The rate given.
        rate: f64,
    },
    /// A specialist FTE that is not positive.
    #[error("employment specialist FTE {fte} is invalid: give a positive number (for example 1.0 or 0.8)")]
    InvalidFte {
        /// The FTE given.
        fte: f64,
    },
    /// A participant id, employer, job title or site longer than its limit
    /// ([`crate::limits::MAX_ID_BYTES`], [`crate::limits::MAX_NAME_CHARS`]).
    #[error("{detail}")]
    TooLong {
        /// What is too long, quoted briefly, and what to do.
        detail: String,
    },
    /// A participant id that is empty.
    #[error("participant id is empty: give the host's identifier for the participant")]
    EmptyParticipant,
    /// An event dated before the previous one (or before enrolment).
    #[error("event dated {date} comes before {previous}: record events in date order, on or after enrolment")]
    DateOutOfOrder {
        /// Date given.
        date: NaiveDate,
        /// The previous date.
        previous: NaiveDate,
    },
    /// An event the journey's state does not allow.
    #[error(
        "{event} is not possible while the participant is {state:?}: see the journey diagram in docs/ips.md (e.g. start the job search before a job, end a job before the next, record {op} before anything that follows an exit)",
        op = crate::operation::Operation::JourneyReEntered
    )]
    IllegalJourneyEvent {
        /// The current state.
        state: JourneyState,
        /// The event's name.
        event: &'static str,
    },
    /// A required text (benefits topic, education goal, disclosure employer, preference entry)
    /// that is empty or only spaces.
    #[error("{field} is empty: write what it is (or leave the entry out)")]
    EmptyText {
        /// Which text.
        field: &'static str,
    },
    /// A list longer than its bound ([`MAX_PREFERENCE_ITEMS`]).
    #[error("{count} entries for {field} is more than the {max} allowed: keep the main ones")]
    TooManyItems {
        /// Which list.
        field: &'static str,
        /// Entries given.
        count: usize,
        /// The bound.
        max: usize,
    },
    /// Hours per week outside (0, 80].
    #[error("{hours} hours per week is not plausible: give a number above 0 and at most 80")]
    InvalidHours {
        /// Hours given.
        hours: f64,
    },
    /// A negative or non-finite wage.
    #[error("hourly wage must be a finite number ≥ 0")]
    InvalidWage,
    /// A reporting period that ends before it starts.
    #[error("reporting period {from} to {to} ends before it starts: swap the dates")]
    InvalidPeriod {
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
    },
    /// Replaying a stored journey failed.
    #[error("event {index} of the journey was rejected: {source}")]
    Replay {
        /// 0-based position.
        index: usize,
        /// Why.
        source: Box<IpsError>,
    },
}

impl IpsError {
    /// The coarse error kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            IpsError::IllegalJourneyEvent { .. } => ErrorKind::IllegalTransition,
            IpsError::Replay { source, .. } => source.kind(),
            _ => ErrorKind::InvalidInput,
        }
    }
}
