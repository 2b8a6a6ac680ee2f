//! A participant's employment journey in IPS, as a state machine.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::IpsError;
use crate::limits::{MAX_ID_BYTES, MAX_NAME_CHARS, MAX_NOTE_CHARS, check_len};
use crate::persist::Persist;
use crate::source::{Evidence, Source};

/// Where a participant is in IPS.
///
/// ```text
/// Enrolled ─job_search_started─▶ JobSearch ─job_started─▶ Employed ─follow_along_started─▶ FollowAlong
///                                    ▲                        │                               │
///                                    └──────── job_ended ─────┴───────────────────────────────┘
/// (any state) ─exited─▶ Exited ─re_entered─▶ Enrolled (or Employed while a job spell is still open)
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
    /// Left the caseload. Only `re_entered` is accepted from here.
    Exited,
}

impl JourneyState {
    /// Whether the participant holds a job in this state.
    pub fn is_working(self) -> bool {
        matches!(self, JourneyState::Employed | JourneyState::FollowAlong)
    }
}

/// A job. Competitive jobs (principle 1, [`COMPETITIVE_JOB`]: open to anyone, paying at least
/// the minimum or prevailing wage, not set aside for people with disabilities) are what IPS
/// counts; a non-competitive job (sheltered work, a job reserved for disabled people, below
/// minimum wage) is recorded and reported too, but never counted in the competitive-employment
/// KPIs.
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
    /// Whether the job is competitive ([`COMPETITIVE_JOB`]): `false` keeps the job on record
    /// but out of every competitive-employment KPI.
    pub competitive: bool,
}

/// The definition of a competitive job that [`Job::competitive`] records.
pub const COMPETITIVE_JOB: Source = Source::new(
    "IPSWORKS",
    "principle 1: competitive jobs are community jobs anyone can apply for, paying at least the minimum or prevailing wage, not set aside for people with disabilities",
    Evidence::Verified,
);

/// A participant's decision about telling an employer about their mental illness (IPS-25
/// item 13, disclosure: the employment specialist discusses the pros and cons with them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// The participant has told (or lets the specialist tell) the employer.
    Disclosed,
    /// The participant chose not to tell the employer.
    NotDisclosed,
    /// Not decided yet.
    Undecided,
}

/// Where an education goal stands (IPS for education: school or training as a step to work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EducationStatus {
    /// Wanted, not started.
    Planned,
    /// Enrolled in or following the course.
    InProgress,
    /// Completed.
    Achieved,
    /// Given up or put aside.
    Stopped,
}

/// Why a participant left the IPS caseload (a closed set, docs/decisions.md#ips-exit-reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    /// Working and no longer needs or wants support (the goal of IPS).
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
    /// Not recorded: only for exits stored before reasons were recorded (version 1 of
    /// `ipsrt.employment_journey`); give a real reason for new exits.
    NotRecorded,
}

/// The kinds of work, hours and places a participant prefers (principle 4, attention to worker
/// preferences). Dated and revisable: each `preferences_recorded` event replaces the current
/// preferences and the earlier ones stay in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct JobPreferences {
    /// Kinds of work wanted (free text, at most [`MAX_PREFERENCE_ITEMS`] entries).
    #[serde(default)]
    pub kinds_of_work: Vec<String>,
    /// Preferred hours per week, `0 < hours ≤ 80`.
    #[serde(default)]
    pub hours_per_week: Option<f64>,
    /// Places or areas where the participant wants to work (at most [`MAX_PREFERENCE_ITEMS`]).
    #[serde(default)]
    pub locations: Vec<String>,
    /// A free note.
    #[serde(default)]
    pub note: Option<String>,
}

/// The most entries in each list of [`JobPreferences`] (a bound on stored records, not a
/// clinical rule).
pub const MAX_PREFERENCE_ITEMS: usize = 50;

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
    /// A disclosure decision for one employer (a job's or a contact's). Allowed in every state
    /// except Exited; a later decision for the same employer replaces the earlier one.
    DisclosureDecided {
        /// When the decision was made.
        date: NaiveDate,
        /// The employer it concerns.
        employer: String,
        /// The decision.
        decision: Disclosure,
    },
    /// A benefits-counselling session (principle 5, work-incentives planning). Allowed in every
    /// state except Exited.
    BenefitsCounselling {
        /// When.
        date: NaiveDate,
        /// What was discussed (free text).
        topic: String,
    },
    /// The participant's job preferences, as of a date (replaces the current ones). Allowed in
    /// every state except Exited.
    PreferencesRecorded {
        /// When.
        date: NaiveDate,
        /// The preferences.
        preferences: JobPreferences,
    },
    /// An education goal is set, or its status changes (same goal text). Allowed in every
    /// state except Exited.
    EducationGoal {
        /// When.
        date: NaiveDate,
        /// The goal (free text; identifies the goal in later updates).
        goal: String,
        /// Its status as of `date`.
        status: EducationStatus,
    },
    /// A job starts (JobSearch → Employed), competitive or not.
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
    /// The participant leaves the caseload (from any state but Exited); an open job spell
    /// stays open (people may leave IPS while working). Afterwards only `re_entered` is accepted.
    Exited {
        /// When.
        date: NaiveDate,
        /// Why.
        reason: ExitReason,
        /// A free note (optional).
        #[serde(default)]
        note: Option<String>,
    },
    /// The participant comes back to the caseload after leaving it (zero exclusion: nobody who
    /// wants to work is turned away). Exited → Enrolled, or → Employed when the job held at
    /// exit is still open.
    ReEntered {
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
            | JourneyEvent::DisclosureDecided { date, .. }
            | JourneyEvent::BenefitsCounselling { date, .. }
            | JourneyEvent::PreferencesRecorded { date, .. }
            | JourneyEvent::EducationGoal { date, .. }
            | JourneyEvent::JobStarted { date, .. }
            | JourneyEvent::FollowAlongStarted { date }
            | JourneyEvent::JobEnded { date, .. }
            | JourneyEvent::Exited { date, .. }
            | JourneyEvent::ReEntered { date } => *date,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            JourneyEvent::JobSearchStarted { .. } => "job_search_started",
            JourneyEvent::EmployerContact { .. } => "employer_contact",
            JourneyEvent::DisclosureDecided { .. } => "disclosure_decided",
            JourneyEvent::BenefitsCounselling { .. } => "benefits_counselling",
            JourneyEvent::PreferencesRecorded { .. } => "preferences_recorded",
            JourneyEvent::EducationGoal { .. } => "education_goal",
            JourneyEvent::JobStarted { .. } => "job_started",
            JourneyEvent::FollowAlongStarted { .. } => "follow_along_started",
            JourneyEvent::JobEnded { .. } => "job_ended",
            JourneyEvent::Exited { .. } => "exited",
            JourneyEvent::ReEntered { .. } => "re_entered",
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

/// A disclosure decision as recorded (see [`JourneyEvent::DisclosureDecided`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureRecord {
    /// The employer.
    pub employer: String,
    /// The decision.
    pub decision: Disclosure,
    /// When it was made.
    pub date: NaiveDate,
}

/// A benefits-counselling session as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitsSession {
    /// When.
    pub date: NaiveDate,
    /// What was discussed.
    pub topic: String,
}

/// Job preferences with the date they were recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedPreferences {
    /// When they were recorded.
    pub date: NaiveDate,
    /// The preferences.
    pub preferences: JobPreferences,
}

/// An education goal and its current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationGoalRecord {
    /// The goal.
    pub goal: String,
    /// Its latest status.
    pub status: EducationStatus,
    /// When it was first set.
    pub set_on: NaiveDate,
    /// When its status last changed (or was last confirmed).
    pub updated_on: NaiveDate,
}

/// One stay on the caseload: from entry (enrolment or re-entry) to exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadEpisode {
    /// Entry.
    pub entered_on: NaiveDate,
    /// Exit, `None` while on the caseload.
    pub exited_on: Option<NaiveDate>,
    /// Why the participant left, when they did.
    pub exit_reason: Option<ExitReason>,
    /// The note given at exit.
    pub exit_note: Option<String>,
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
    /// Version 2 added non-competitive jobs, disclosure decisions, benefits counselling, job
    /// preferences, education goals, exit reasons and re-entry.
    const VERSION: u32 = 2;

    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => {
                migrate_record_v1(&mut data);
                Ok(data)
            }
            _ => Err(format!("no migration from version {from} is known")),
        }
    }
}

/// Version 1 → 2 of a stored journey record: exits recorded no reason, so each `exited` event
/// gets `"reason": "not_recorded"` (nothing else in the version 1 form changed meaning).
pub(crate) fn migrate_record_v1(data: &mut serde_json::Value) {
    let Some(events) = data.get_mut("events").and_then(serde_json::Value::as_array_mut) else { return };
    for event in events {
        if let Some(e) = event.as_object_mut()
            && e.get("type").and_then(serde_json::Value::as_str) == Some("exited")
            && !e.contains_key("reason")
        {
            e.insert("reason".into(), serde_json::Value::from("not_recorded"));
        }
    }
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
            (S::Exited, JourneyEvent::ReEntered { .. }) => true,
            (S::Exited, _) | (_, JourneyEvent::ReEntered { .. }) => false,
            (_, JourneyEvent::EmployerContact { .. }) => true,
            (_, JourneyEvent::DisclosureDecided { employer, .. }) => {
                check_text("disclosure employer", employer, MAX_NAME_CHARS)?;
                true
            }
            (_, JourneyEvent::BenefitsCounselling { topic, .. }) => {
                check_text("benefits counselling topic", topic, MAX_NAME_CHARS)?;
                true
            }
            (_, JourneyEvent::PreferencesRecorded { preferences, .. }) => {
                validate_preferences(preferences)?;
                true
            }
            (_, JourneyEvent::EducationGoal { goal, .. }) => {
                check_text("education goal", goal, MAX_NAME_CHARS)?;
                true
            }
            (_, JourneyEvent::Exited { note, .. }) => {
                if let Some(note) = note {
                    check_len("exit note", note, MAX_NOTE_CHARS, false)
                        .map_err(|detail| IpsError::TooLong { detail })?;
                }
                true
            }
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
            JourneyEvent::Exited { date, .. } => {
                self.exited_on = Some(*date);
                self.state = JourneyState::Exited;
            }
            JourneyEvent::ReEntered { .. } => {
                self.exited_on = None;
                let open = self.jobs.last().is_some_and(|s| s.end.is_none());
                self.state = if open { JourneyState::Employed } else { JourneyState::Enrolled };
            }
            JourneyEvent::DisclosureDecided { .. }
            | JourneyEvent::BenefitsCounselling { .. }
            | JourneyEvent::PreferencesRecorded { .. }
            | JourneyEvent::EducationGoal { .. } => {}
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
    /// When the participant left the caseload (`None` while on it, also after a re-entry).
    pub fn exited_on(&self) -> Option<NaiveDate> {
        self.exited_on
    }
    /// Why the participant left the caseload, while they are off it.
    pub fn exit_reason(&self) -> Option<ExitReason> {
        if self.state != JourneyState::Exited {
            return None;
        }
        self.events.iter().rev().find_map(|e| match e {
            JourneyEvent::Exited { reason, .. } => Some(*reason),
            _ => None,
        })
    }
    /// The stays on the caseload, in order: the first from enrolment, one more per re-entry.
    pub fn episodes(&self) -> Vec<CaseloadEpisode> {
        let mut out =
            vec![CaseloadEpisode { entered_on: self.enrolled_on, exited_on: None, exit_reason: None, exit_note: None }];
        for e in &self.events {
            match e {
                JourneyEvent::Exited { date, reason, note } => {
                    if let Some(last) = out.last_mut() {
                        last.exited_on = Some(*date);
                        last.exit_reason = Some(*reason);
                        last.exit_note = note.clone();
                    }
                }
                JourneyEvent::ReEntered { date } => {
                    out.push(CaseloadEpisode { entered_on: *date, exited_on: None, exit_reason: None, exit_note: None })
                }
                _ => {}
            }
        }
        out
    }
    /// The latest disclosure decision per employer, in the order the employers first appear.
    pub fn disclosures(&self) -> Vec<DisclosureRecord> {
        let mut out: Vec<DisclosureRecord> = Vec::new();
        for e in &self.events {
            if let JourneyEvent::DisclosureDecided { date, employer, decision } = e {
                let record = DisclosureRecord { employer: employer.clone(), decision: *decision, date: *date };
                match out.iter_mut().find(|r| r.employer == *employer) {
                    Some(r) => *r = record,
                    None => out.push(record),
                }
            }
        }
        out
    }
    /// The latest disclosure decision for one employer (exact name), if any.
    pub fn disclosure_for(&self, employer: &str) -> Option<Disclosure> {
        self.disclosures().into_iter().find(|r| r.employer == employer).map(|r| r.decision)
    }
    /// The benefits-counselling sessions in order.
    pub fn benefits_sessions(&self) -> Vec<BenefitsSession> {
        self.events
            .iter()
            .filter_map(|e| match e {
                JourneyEvent::BenefitsCounselling { date, topic } => {
                    Some(BenefitsSession { date: *date, topic: topic.clone() })
                }
                _ => None,
            })
            .collect()
    }
    /// Every recorded version of the job preferences, oldest first.
    pub fn preference_history(&self) -> Vec<DatedPreferences> {
        self.events
            .iter()
            .filter_map(|e| match e {
                JourneyEvent::PreferencesRecorded { date, preferences } => {
                    Some(DatedPreferences { date: *date, preferences: preferences.clone() })
                }
                _ => None,
            })
            .collect()
    }
    /// The current job preferences (the latest recorded), if any.
    pub fn preferences(&self) -> Option<DatedPreferences> {
        self.preference_history().pop()
    }
    /// The education goals with their latest status, in the order they were first set.
    pub fn education_goals(&self) -> Vec<EducationGoalRecord> {
        let mut out: Vec<EducationGoalRecord> = Vec::new();
        for e in &self.events {
            if let JourneyEvent::EducationGoal { date, goal, status } = e {
                match out.iter_mut().find(|g| g.goal == *goal) {
                    Some(g) => {
                        g.status = *status;
                        g.updated_on = *date;
                    }
                    None => out.push(EducationGoalRecord {
                        goal: goal.clone(),
                        status: *status,
                        set_on: *date,
                        updated_on: *date,
                    }),
                }
            }
        }
        out
    }
    /// Date of the first face-to-face employer contact.
    pub fn first_employer_contact(&self) -> Option<NaiveDate> {
        self.first_employer_contact
    }
    /// Job spells in order, competitive and not.
    pub fn jobs(&self) -> &[JobSpell] {
        &self.jobs
    }
    /// The competitive job spells in order (what the KPIs count).
    pub fn competitive_jobs(&self) -> impl Iterator<Item = &JobSpell> {
        self.jobs.iter().filter(|s| s.job.competitive)
    }
    /// The accepted events.
    pub fn events(&self) -> &[JourneyEvent] {
        &self.events
    }
    /// Days from programme entry to the first face-to-face employer contact.
    pub fn days_to_first_employer_contact(&self) -> Option<i64> {
        self.first_employer_contact.map(|d| (d - self.enrolled_on).num_days())
    }
    /// Days from programme entry to the first competitive job (non-competitive jobs do not
    /// count).
    pub fn days_to_first_job(&self) -> Option<i64> {
        self.competitive_jobs().next().map(|s| (s.start - self.enrolled_on).num_days())
    }
    /// Whether the participant is on the caseload at some time in `[from, to]` (in any of
    /// their stays).
    pub fn active_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.episodes().iter().any(|e| e.entered_on <= to && e.exited_on.is_none_or(|x| x >= from))
    }
    /// Whether the participant held a competitive job at some time in `[from, to]`.
    pub fn employed_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.competitive_jobs().any(|s| s.overlaps(from, to))
    }
    /// Whether the participant held a non-competitive job at some time in `[from, to]`
    /// (reported separately, never counted as competitive employment).
    pub fn non_competitive_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.jobs.iter().any(|s| !s.job.competitive && s.overlaps(from, to))
    }
    /// Weeks worked in competitive jobs in `[from, to]` (days in job spells ÷ 7).
    pub fn weeks_worked(&self, from: NaiveDate, to: NaiveDate) -> f64 {
        self.competitive_jobs().map(|s| s.days_within(from, to)).sum::<i64>() as f64 / 7.0
    }
    /// Tenure in weeks of the longest-held competitive job, as of `as_of`.
    pub fn longest_tenure_weeks(&self, as_of: NaiveDate) -> Option<f64> {
        self.competitive_jobs()
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
    if !(job.hours_per_week.is_finite() && job.hours_per_week > 0.0 && job.hours_per_week <= 80.0) {
        return Err(IpsError::InvalidHours { hours: job.hours_per_week });
    }
    if job.hourly_wage.is_some_and(|w| !(w.is_finite() && w >= 0.0)) {
        return Err(IpsError::InvalidWage);
    }
    Ok(())
}

fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), IpsError> {
    if value.trim().is_empty() {
        return Err(IpsError::EmptyText { field });
    }
    check_len(field, value, max, false).map_err(|detail| IpsError::TooLong { detail })
}

fn validate_preferences(p: &JobPreferences) -> Result<(), IpsError> {
    for (field, list) in [("kind of work", &p.kinds_of_work), ("preferred location", &p.locations)] {
        if list.len() > MAX_PREFERENCE_ITEMS {
            return Err(IpsError::TooManyItems { field, count: list.len(), max: MAX_PREFERENCE_ITEMS });
        }
        for item in list {
            check_text(field, item, MAX_NAME_CHARS)?;
        }
    }
    if let Some(hours) = p.hours_per_week
        && !(hours.is_finite() && hours > 0.0 && hours <= 80.0)
    {
        return Err(IpsError::InvalidHours { hours });
    }
    if let Some(note) = &p.note {
        check_len("preferences note", note, MAX_NOTE_CHARS, false).map_err(|detail| IpsError::TooLong { detail })?;
    }
    Ok(())
}
