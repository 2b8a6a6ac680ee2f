//! A participant's employment journey in IPS, as a state machine.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsError;
use crate::limits::{MAX_ID_BYTES, MAX_NAME_CHARS, check_len};
use crate::persist::Persist;

/// Where a participant is in IPS.
///
/// ```text
/// Enrolled ─job_search_started─▶ JobSearch ─job_started─▶ Employed ─follow_along_started─▶ FollowAlong
///                                    ▲                        │                               │
///                                    └──────── job_ended ─────┴───────────────────────────────┘
/// (any state) ─exited─▶ Exited
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    /// On the caseload; job search not yet started.
    Enrolled,
    /// Looking for a competitive job.
    JobSearch,
    /// In a competitive job, in the first (intensive) support period after the start.
    Employed,
    /// In a competitive job, with time-unlimited follow-along support.
    FollowAlong,
    /// Left the caseload.
    Exited,
}

impl JourneyState {
    /// Whether the participant holds a job in this state.
    pub fn is_working(self) -> bool {
        matches!(self, JourneyState::Employed | JourneyState::FollowAlong)
    }
}

/// A job. IPS counts only competitive jobs (principle 1): open to anyone, paying at least the
/// minimum or prevailing wage, not set aside for people with disabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// The employer.
    pub employer: String,
    /// Job title (optional).
    #[serde(default)]
    pub title: Option<String>,
    /// Contracted or usual hours per week, `0 < hours ≤ 80`.
    pub hours_per_week: f64,
    /// Hourly wage, if recorded (for total-wage KPIs).
    #[serde(default)]
    pub hourly_wage: Option<f64>,
    /// Whether the job is competitive. Non-competitive jobs are rejected.
    pub competitive: bool,
}

/// Why a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobEndReason {
    /// The worker quit.
    Quit,
    /// The employer ended it.
    Fired,
    /// A temporary job that ran out.
    Temporary,
    /// Anything else.
    Other,
}

/// Something that happened in a journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum JourneyEvent {
    /// The job search starts (Enrolled → JobSearch).
    JobSearchStarted {
        /// When.
        date: NaiveDate,
    },
    /// A face-to-face employer contact made by the employment specialist (or the participant)
    /// on behalf of the participant. Allowed in every state except Exited.
    EmployerContact {
        /// When.
        date: NaiveDate,
    },
    /// A competitive job starts (JobSearch → Employed).
    JobStarted {
        /// When.
        date: NaiveDate,
        /// The job.
        job: Job,
    },
    /// Follow-along support takes over from the start-up support (Employed → FollowAlong).
    FollowAlongStarted {
        /// When.
        date: NaiveDate,
    },
    /// The job ends (Employed/FollowAlong → JobSearch: search again).
    JobEnded {
        /// The last day worked.
        date: NaiveDate,
        /// Why.
        reason: JobEndReason,
    },
    /// The participant leaves the caseload (from any state); an open job spell stays open
    /// (people may leave IPS while working).
    Exited {
        /// When.
        date: NaiveDate,
    },
}

impl JourneyEvent {
    /// The event's date.
    pub fn date(&self) -> NaiveDate {
        match self {
            JourneyEvent::JobSearchStarted { date }
            | JourneyEvent::EmployerContact { date }
            | JourneyEvent::JobStarted { date, .. }
            | JourneyEvent::FollowAlongStarted { date }
            | JourneyEvent::JobEnded { date, .. }
            | JourneyEvent::Exited { date } => *date,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            JourneyEvent::JobSearchStarted { .. } => "job_search_started",
            JourneyEvent::EmployerContact { .. } => "employer_contact",
            JourneyEvent::JobStarted { .. } => "job_started",
            JourneyEvent::FollowAlongStarted { .. } => "follow_along_started",
            JourneyEvent::JobEnded { .. } => "job_ended",
            JourneyEvent::Exited { .. } => "exited",
        }
    }
}

/// One period in one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSpell {
    /// The job.
    pub job: Job,
    /// First day.
    pub start: NaiveDate,
    /// Last day, `None` while ongoing.
    pub end: Option<NaiveDate>,
}

impl JobSpell {
    /// Days worked in this spell within `[from, to]` (inclusive), counting an open spell up to `to`.
    pub fn days_within(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let start = self.start.max(from);
        let end = self.end.unwrap_or(to).min(to);
        if end < start { 0 } else { (end - start).num_days() + 1 }
    }

    /// Whether the spell overlaps `[from, to]`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.days_within(from, to) > 0
    }
}

/// A participant's employment journey. Persisted (`ipsrt.employment_journey`) as its
/// participant id, enrolment date and event log, and rebuilt by replay on load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "JourneyRecord", try_from = "JourneyRecord")]
pub struct EmploymentJourney {
    participant: String,
    enrolled_on: NaiveDate,
    state: JourneyState,
    first_employer_contact: Option<NaiveDate>,
    jobs: Vec<JobSpell>,
    exited_on: Option<NaiveDate>,
    events: Vec<JourneyEvent>,
}

/// The stored form of an [`EmploymentJourney`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyRecord {
    /// The host's participant id.
    pub participant: String,
    /// Date of programme entry.
    pub enrolled_on: NaiveDate,
    /// The accepted events in order.
    #[serde(default)]
    pub events: Vec<JourneyEvent>,
}

impl From<EmploymentJourney> for JourneyRecord {
    fn from(j: EmploymentJourney) -> Self {
        JourneyRecord { participant: j.participant, enrolled_on: j.enrolled_on, events: j.events }
    }
}

impl TryFrom<JourneyRecord> for EmploymentJourney {
    type Error = IpsError;
    fn try_from(r: JourneyRecord) -> Result<Self, IpsError> {
        EmploymentJourney::replay(r.participant, r.enrolled_on, r.events)
    }
}

impl Persist for EmploymentJourney {
    const SCHEMA: &'static str = "ipsrt.employment_journey";
    const VERSION: u32 = 1;
}

impl EmploymentJourney {
    /// Enrols a participant on a date (programme entry).
    pub fn enrol(participant: impl Into<String>, enrolled_on: NaiveDate) -> Result<Self, IpsError> {
        let participant = participant.into();
        if participant.trim().is_empty() {
            return Err(IpsError::EmptyParticipant);
        }
        check_len("participant id", &participant, MAX_ID_BYTES, true).map_err(|detail| IpsError::TooLong { detail })?;
        Ok(EmploymentJourney {
            participant,
            enrolled_on,
            state: JourneyState::Enrolled,
            first_employer_contact: None,
            jobs: Vec::new(),
            exited_on: None,
            events: Vec::new(),
        })
    }

    /// Rebuilds a journey from its log.
    pub fn replay(
        participant: impl Into<String>,
        enrolled_on: NaiveDate,
        events: impl IntoIterator<Item = JourneyEvent>,
    ) -> Result<Self, IpsError> {
        let mut j = EmploymentJourney::enrol(participant, enrolled_on)?;
        for (index, e) in events.into_iter().enumerate() {
            j.apply(e).map_err(|e| IpsError::Replay { index, source: Box::new(e) })?;
        }
        Ok(j)
    }

    /// Validates an event against the current state without changing anything.
    pub fn check(&self, event: &JourneyEvent) -> Result<(), IpsError> {
        let previous = self.events.last().map_or(self.enrolled_on, JourneyEvent::date);
        if event.date() < previous {
            return Err(IpsError::DateOutOfOrder { date: event.date(), previous });
        }
        use JourneyState as S;
        let ok = match (self.state, event) {
            (S::Exited, _) => false,
            (_, JourneyEvent::EmployerContact { .. } | JourneyEvent::Exited { .. }) => true,
            (S::Enrolled, JourneyEvent::JobSearchStarted { .. }) => true,
            (S::JobSearch, JourneyEvent::JobStarted { job, .. }) => {
                validate_job(job)?;
                true
            }
            (S::Employed, JourneyEvent::FollowAlongStarted { .. }) => true,
            (S::Employed | S::FollowAlong, JourneyEvent::JobEnded { date, .. }) => {
                if let Some(start) = self.jobs.last().map(|s| s.start)
                    && *date < start
                {
                    return Err(IpsError::DateOutOfOrder { date: *date, previous: start });
                }
                true
            }
            _ => false,
        };
        if ok { Ok(()) } else { Err(IpsError::IllegalJourneyEvent { state: self.state, event: event.name() }) }
    }

    /// Applies an event; on error nothing changes.
    pub fn apply(&mut self, event: JourneyEvent) -> Result<JourneyState, IpsError> {
        self.check(&event)?;
        match &event {
            JourneyEvent::JobSearchStarted { .. } => self.state = JourneyState::JobSearch,
            JourneyEvent::EmployerContact { date } => {
                if self.first_employer_contact.is_none() {
                    self.first_employer_contact = Some(*date);
                }
            }
            JourneyEvent::JobStarted { date, job } => {
                self.jobs.push(JobSpell { job: job.clone(), start: *date, end: None });
                self.state = JourneyState::Employed;
            }
            JourneyEvent::FollowAlongStarted { .. } => self.state = JourneyState::FollowAlong,
            JourneyEvent::JobEnded { date, .. } => {
                if let Some(spell) = self.jobs.last_mut() {
                    spell.end = Some(*date);
                }
                self.state = JourneyState::JobSearch;
            }
            JourneyEvent::Exited { date } => {
                self.exited_on = Some(*date);
                self.state = JourneyState::Exited;
            }
        }
        self.events.push(event);
        Ok(self.state)
    }

    /// The participant id.
    pub fn participant(&self) -> &str {
        &self.participant
    }
    /// Programme entry.
    pub fn enrolled_on(&self) -> NaiveDate {
        self.enrolled_on
    }
    /// The current state.
    pub fn state(&self) -> JourneyState {
        self.state
    }
    /// When the participant left the caseload.
    pub fn exited_on(&self) -> Option<NaiveDate> {
        self.exited_on
    }
    /// Date of the first face-to-face employer contact.
    pub fn first_employer_contact(&self) -> Option<NaiveDate> {
        self.first_employer_contact
    }
    /// Job spells in order.
    pub fn jobs(&self) -> &[JobSpell] {
        &self.jobs
    }
    /// The accepted events.
    pub fn events(&self) -> &[JourneyEvent] {
        &self.events
    }
    /// Days from programme entry to the first face-to-face employer contact.
    pub fn days_to_first_employer_contact(&self) -> Option<i64> {
        self.first_employer_contact.map(|d| (d - self.enrolled_on).num_days())
    }
    /// Days from programme entry to the first competitive job.
    pub fn days_to_first_job(&self) -> Option<i64> {
        self.jobs.first().map(|s| (s.start - self.enrolled_on).num_days())
    }
    /// Whether the participant is on the caseload at some time in `[from, to]`.
    pub fn active_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.enrolled_on <= to && self.exited_on.is_none_or(|e| e >= from)
    }
    /// Whether the participant held a competitive job at some time in `[from, to]`.
    pub fn employed_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.jobs.iter().any(|s| s.overlaps(from, to))
    }
    /// Weeks worked in `[from, to]` (days in job spells ÷ 7).
    pub fn weeks_worked(&self, from: NaiveDate, to: NaiveDate) -> f64 {
        self.jobs.iter().map(|s| s.days_within(from, to)).sum::<i64>() as f64 / 7.0
    }
    /// Tenure in weeks of the longest-held job, as of `as_of`.
    pub fn longest_tenure_weeks(&self, as_of: NaiveDate) -> Option<f64> {
        self.jobs
            .iter()
            .filter(|s| s.start <= as_of)
            .map(|s| s.days_within(s.start, as_of) as f64 / 7.0)
            .fold(None, |m, w| Some(m.map_or(w, |m: f64| m.max(w))))
    }
}

fn validate_job(job: &Job) -> Result<(), IpsError> {
    let too_long = |detail| IpsError::TooLong { detail };
    check_len("employer", &job.employer, MAX_NAME_CHARS, false).map_err(too_long)?;
    if let Some(title) = &job.title {
        check_len("job title", title, MAX_NAME_CHARS, false).map_err(too_long)?;
    }
    if !job.competitive {
        return Err(IpsError::NotCompetitive { employer: job.employer.clone() });
    }
    if !(job.hours_per_week.is_finite() && job.hours_per_week > 0.0 && job.hours_per_week <= 80.0) {
        return Err(IpsError::InvalidHours { hours: job.hours_per_week });
    }
    if job.hourly_wage.is_some_and(|w| !(w.is_finite() && w >= 0.0)) {
        return Err(IpsError::InvalidWage);
    }
    Ok(())
}
