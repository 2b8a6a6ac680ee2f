//! One entry of a care log: the envelope (id, arrival, clinical date, author) and what it says.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CareError, MAX_ID_BYTES, quote};
use crate::course::{CourseEvent, Protocol};
use crate::episode::{EpisodeEvent, EpisodePolarity, EpisodeProtocol};
use crate::ipsrt::{DoseOutcome, IpsrtEvent, IpsrtProtocol, PlanEvent, PlanSettings, ScheduledDose};
use crate::limits::{MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::measures::InstrumentId;
use crate::problem_area::Taxonomy;
use crate::relapse::{Observed, RelapsePlan};
use crate::schedule::{OccurrenceId, Schedule};
use crate::srm::{Form, ItemId, PeopleCode, Status};
use crate::time::ZonedDateTime;

/// One fact of the care record. Entries are never edited or removed: a correction or retraction
/// is a new entry that points at the old one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The entry id, unique in the log: 1–64 ASCII letters, digits, `_`, `-`, `.` or `:` (a
    /// UUID fits).
    pub id: String,
    /// When the entry arrived (reached the app or the server): the arrival order of the log.
    pub recorded_at: ZonedDateTime,
    /// The clinical date: the day the fact belongs to.
    pub effective: NaiveDate,
    /// The clinical moment, when known (its local date must be `effective`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ZonedDateTime>,
    /// Who recorded it (the patient, a clinician's name or role, a device).
    pub author: String,
    /// The schedule occurrence this entry completes (or, for `excused`, excuses), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<OccurrenceId>,
    /// What the entry says.
    pub event: EntryKind,
}

impl Entry {
    /// An entry with no clinical moment and no occurrence.
    pub fn new(
        id: impl Into<String>,
        recorded_at: ZonedDateTime,
        effective: NaiveDate,
        author: impl Into<String>,
        event: EntryKind,
    ) -> Entry {
        Entry { id: id.into(), recorded_at, effective, at: None, author: author.into(), occurrence: None, event }
    }

    /// Sets the clinical moment.
    pub fn at(mut self, at: ZonedDateTime) -> Entry {
        self.at = Some(at);
        self
    }

    /// Says which schedule occurrence the entry completes (or excuses).
    pub fn completes(mut self, occurrence: OccurrenceId) -> Entry {
        self.occurrence = Some(occurrence);
        self
    }

    /// Checks the envelope and the entry's own fields (references to other entries are checked
    /// by [`super::CareRecord::replay`]).
    ///
    /// # Errors
    /// [`CareError::InvalidEntry`] naming the field, the value and what is allowed.
    pub fn validate(&self, index: usize) -> Result<(), CareError> {
        let bad = |field: &'static str, value: &str, detail: &str| CareError::InvalidEntry {
            index,
            id: quote(&self.id),
            field,
            value: quote(value),
            detail: detail.to_owned(),
        };
        check_id(&self.id).map_err(|d| bad("id", &self.id, d))?;
        check_text(&self.author, MAX_NAME_CHARS).map_err(|d| bad("author", &self.author, &d))?;
        if let Some(at) = &self.at
            && at.date() != self.effective
        {
            return Err(bad(
                "at",
                &at.local.to_string(),
                &format!("the moment's local date must be the entry's effective date {}", self.effective),
            ));
        }
        if self.occurrence.is_some() && !self.event.can_complete() {
            return Err(bad(
                "occurrence",
                &self.event.type_name(),
                "only measure answers, observations, diary days, doses and excusals complete an occurrence; remove the occurrence",
            ));
        }
        match &self.event {
            EntryKind::PatientRegistered { patient_ref, zone } => {
                check_id(patient_ref).map_err(|d| bad("patient_ref", patient_ref, d))?;
                crate::time::parse_zone(zone)
                    .map_err(|_| bad("zone", zone, "use an IANA zone name such as Europe/Amsterdam"))?;
            }
            EntryKind::ZoneChanged { zone } => {
                crate::time::parse_zone(zone)
                    .map_err(|_| bad("zone", zone, "use an IANA zone name such as Europe/Amsterdam"))?;
            }
            EntryKind::CourseStarted { course, previous, .. } => {
                check_id(course).map_err(|d| bad("course", course, d))?;
                if let Some(p) = previous {
                    check_id(p).map_err(|d| bad("previous", p, d))?;
                    if p == course {
                        return Err(bad("previous", p, "a course cannot follow itself; name the earlier course"));
                    }
                }
            }
            EntryKind::CourseEvent { course, event } => {
                check_id(course).map_err(|d| bad("course", course, d))?;
                if matches!(event, CourseEvent::CourseCreated { .. }) {
                    return Err(bad(
                        "event",
                        "course_created",
                        "a course is created by a course_started entry (with its id and the previous course)",
                    ));
                }
            }
            EntryKind::IpsrtCourseStarted { course, previous, .. } => {
                check_id(course).map_err(|d| bad("course", course, d))?;
                if let Some(p) = previous {
                    check_id(p).map_err(|d| bad("previous", p, d))?;
                    if p == course {
                        return Err(bad("previous", p, "a course cannot follow itself; name the earlier course"));
                    }
                }
            }
            EntryKind::IpsrtCourseEvent { course, event } => {
                check_id(course).map_err(|d| bad("course", course, d))?;
                let date = match event {
                    IpsrtEvent::Course { .. } => {
                        return Err(bad(
                            "event",
                            "course",
                            "record an IPT event of an IPSRT course (session, diagnosis, problem area, ...) as a course_event entry naming the course",
                        ));
                    }
                    IpsrtEvent::TaskDone { date, .. }
                    | IpsrtEvent::IntermediateStarted { date }
                    | IpsrtEvent::ContinuationStarted { date, .. }
                    | IpsrtEvent::FinalStarted { date }
                    | IpsrtEvent::RecurrenceRecorded { date, .. }
                    | IpsrtEvent::Ended { date } => *date,
                };
                if date != self.effective {
                    return Err(bad(
                        "event.date",
                        &date.to_string(),
                        &format!("the IPSRT event's date must be the entry's effective date {}", self.effective),
                    ));
                }
            }
            EntryKind::RelapsePlanVersion { plan_id, .. } => {
                check_id(plan_id).map_err(|d| bad("plan_id", plan_id, d))?;
            }
            EntryKind::DiaryDay { items, mood } => {
                if items.is_empty() && mood.is_none() {
                    return Err(bad("items", "[]", "give at least one diary item or the day's mood"));
                }
                if let Some(m) = mood
                    && !(-5..=5).contains(m)
                {
                    return Err(bad("mood", &m.to_string(), "the SRM mood rating runs from -5 to +5"));
                }
            }
            EntryKind::DoseRecorded { dose, .. } => {
                check_text(dose, crate::limits::MAX_ID_BYTES).map_err(|d| bad("dose", dose, &d))?;
            }
            EntryKind::RhythmPlanChanged { event } if event.date() != self.effective => {
                return Err(bad(
                    "event.date",
                    &event.date().to_string(),
                    &format!("the plan event's date must be the entry's effective date {}", self.effective),
                ));
            }
            EntryKind::IpsJourneyLinked { journey_id } => {
                check_id(journey_id).map_err(|d| bad("journey_id", journey_id, d))?;
            }
            EntryKind::Excused { reason } => {
                check_text(reason, MAX_NOTE_CHARS).map_err(|d| bad("reason", reason, &d))?;
                if self.occurrence.is_none() {
                    return Err(bad("occurrence", "none", "an excusal names the occurrence it excuses"));
                }
            }
            EntryKind::Acknowledged { action } => {
                check_text(action, MAX_NOTE_CHARS).map_err(|d| bad("action", action, &d))?;
            }
            EntryKind::Correction { target, reason, replacement } => {
                check_id(target).map_err(|d| bad("target", target, d))?;
                check_text(reason, MAX_NOTE_CHARS).map_err(|d| bad("reason", reason, &d))?;
                if !replacement.correctable() {
                    return Err(bad(
                        "replacement",
                        &replacement.type_name(),
                        "only observations, measure answers, diary days, doses, excusals, course, IPSRT course and episode events can be corrected",
                    ));
                }
                let inner = Entry { event: (**replacement).clone(), ..self.clone() };
                inner.validate(index)?;
            }
            EntryKind::Retraction { target, reason } => {
                check_id(target).map_err(|d| bad("target", target, d))?;
                check_text(reason, MAX_NOTE_CHARS).map_err(|d| bad("reason", reason, &d))?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// One activity of an SRM diary day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryItem {
    /// The activity.
    pub item: ItemId,
    /// Done (with its time), not done, or not recorded.
    pub status: Status,
    /// Who was involved (IPSRT form), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<PeopleCode>,
}

/// What an entry says. Each kind wraps the input of an existing machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)]
#[non_exhaustive]
pub enum EntryKind {
    /// The patient's reference (an id, not a name) and home time zone, from the effective date.
    /// Exactly one per record.
    PatientRegistered {
        /// The patient's id in the host system.
        patient_ref: String,
        /// IANA time zone.
        zone: String,
    },
    /// The patient now lives in (or travels to) another zone, from the effective date.
    ZoneChanged {
        /// IANA time zone.
        zone: String,
    },
    /// The measurement schedule from the effective date on (a new version replaces the
    /// previous one from its date; earlier versions are kept).
    ScheduleSet {
        /// The schedule.
        schedule: Schedule,
    },
    /// A course starts (the first, or a restart after a break linked to the previous course).
    CourseStarted {
        /// The course id, unique in the record.
        course: String,
        /// The course this one follows, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous: Option<String>,
        /// The protocol.
        protocol: Protocol,
        /// The problem-area taxonomy.
        taxonomy: Taxonomy,
    },
    /// An event of a course (any course event but `course_created`). A
    /// `relapse_prevention_plan_recorded` event must name a relapse plan of the record.
    CourseEvent {
        /// The course id.
        course: String,
        /// The event.
        event: CourseEvent,
    },
    /// An IPSRT course starts: an IPT course under the IPSRT protocol's acute protocol and the
    /// IPSRT-5 taxonomy, with the IPSRT phases on top (docs/ipsrt.md#the-ipsrt-course). Its IPT
    /// events are `course_event` entries naming it; its IPSRT events are `ipsrt_course_event`
    /// entries.
    IpsrtCourseStarted {
        /// The course id, unique in the record (IPT and IPSRT courses share the ids).
        course: String,
        /// The course this one follows, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous: Option<String>,
        /// The IPSRT protocol.
        protocol: IpsrtProtocol,
    },
    /// An IPSRT event of an IPSRT course (task done, phase start, recurrence, end), dated on the
    /// entry's effective date. IPT events of the course (`course` events) are `course_event`
    /// entries instead.
    IpsrtCourseEvent {
        /// The course id (a course started by `ipsrt_course_started`).
        course: String,
        /// The event.
        event: IpsrtEvent,
    },
    /// The episode course starts (the index episode).
    EpisodeStarted {
        /// Protocol values (recovery duration); default 6 months of remission.
        #[serde(default)]
        protocol: EpisodeProtocol,
        /// Polarity of the index episode.
        polarity: EpisodePolarity,
        /// Earlier episodes.
        #[serde(default)]
        prior_episodes: u32,
    },
    /// A clinician-recorded change of the episode state.
    EpisodeChanged {
        /// The change.
        event: EpisodeEvent,
        /// For a recurrence: the new episode's polarity (default: the previous one's).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        polarity: Option<EpisodePolarity>,
    },
    /// A version of a relapse-prevention plan. Every version is kept; versions of one plan id
    /// rise in arrival order. The latest version to arrive is the one the alert machine uses.
    RelapsePlanVersion {
        /// The plan id that course events refer to.
        plan_id: String,
        /// The plan (its `version` field is the version).
        plan: RelapsePlan,
    },
    /// A raw observation for the alert machine (warning sign, trigger, sleep shift, ...).
    Observation {
        /// What was observed.
        observed: Observed,
    },
    /// Answers to a shipped questionnaire; the core scores them and feeds the alert machine
    /// (a PHQ-9 with item 9 above 0 raises the safety signal).
    MeasureAnswered {
        /// The instrument.
        instrument: InstrumentId,
        /// Answers by item id (`phq9_1` …), as given on the form.
        answers: BTreeMap<String, i32>,
    },
    /// The SRM diary starts, on a form.
    DiaryStarted {
        /// The form.
        form: Form,
    },
    /// One SRM diary day: activities and the day's mood.
    DiaryDay {
        /// The activities recorded.
        #[serde(default)]
        items: Vec<DiaryItem>,
        /// The day's mood, −5..=5.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mood: Option<i8>,
    },
    /// The medication schedule (replaces the previous one; doses already recorded stay).
    MedicationPlanSet {
        /// The scheduled doses.
        doses: Vec<ScheduledDose>,
    },
    /// A dose taken, taken late, or missed on the effective date.
    DoseRecorded {
        /// The scheduled dose's id.
        dose: String,
        /// What happened.
        outcome: DoseOutcome,
    },
    /// The IPSRT rhythm stabilisation plan starts.
    RhythmPlanStarted {
        /// Plan settings.
        settings: PlanSettings,
        /// First day of the baseline diary.
        baseline_start: NaiveDate,
    },
    /// An event of the rhythm plan (dated on the entry's effective date).
    RhythmPlanChanged {
        /// The event.
        event: PlanEvent,
    },
    /// The patient's IPS supported-employment journey, by its id (the journey lives in its own
    /// record).
    IpsJourneyLinked {
        /// The journey id.
        journey_id: String,
    },
    /// A scheduled occurrence (the entry's `occurrence`) is excused.
    Excused {
        /// Why (for example "inpatient stay").
        reason: String,
    },
    /// A clinician acknowledged the alert and says what was done. It resolves the safety
    /// warnings dated on or before it.
    Acknowledged {
        /// What was done.
        action: String,
    },
    /// Replaces the content of an earlier entry; the earlier entry stays in the log.
    Correction {
        /// The id of the entry corrected.
        target: String,
        /// Why.
        reason: String,
        /// The corrected content (of the same type as the target's).
        replacement: Box<EntryKind>,
    },
    /// Withdraws an earlier entry (entered in error); it stays in the log.
    Retraction {
        /// The id of the entry retracted.
        target: String,
        /// Why.
        reason: String,
    },
}

impl EntryKind {
    /// The stable snake_case name of the kind, as in the JSON `type`.
    pub fn type_name(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str().map(str::to_owned)))
            .unwrap_or_default()
    }

    /// Whether a correction or retraction may point at an entry of this kind (plan versions,
    /// schedules and registrations are revised by a new version instead).
    pub fn correctable(&self) -> bool {
        matches!(
            self,
            EntryKind::Observation { .. }
                | EntryKind::MeasureAnswered { .. }
                | EntryKind::DiaryDay { .. }
                | EntryKind::DoseRecorded { .. }
                | EntryKind::Excused { .. }
                | EntryKind::CourseEvent { .. }
                | EntryKind::IpsrtCourseEvent { .. }
                | EntryKind::EpisodeChanged { .. }
        )
    }

    fn can_complete(&self) -> bool {
        match self {
            EntryKind::Observation { .. }
            | EntryKind::MeasureAnswered { .. }
            | EntryKind::DiaryDay { .. }
            | EntryKind::DoseRecorded { .. }
            | EntryKind::Excused { .. } => true,
            EntryKind::Correction { replacement, .. } => replacement.can_complete(),
            _ => false,
        }
    }
}

/// Checks an id: 1–64 ASCII letters, digits, `_`, `-`, `.` or `:`.
pub(crate) fn check_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty()
        || id.len() > MAX_ID_BYTES
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
    {
        return Err("use 1 to 64 ASCII letters, digits, '_', '-', '.' or ':' (a UUID fits)");
    }
    Ok(())
}

fn check_text(text: &str, max: usize) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("give a non-empty text".into());
    }
    crate::limits::check_len("text", text, max, false)
}
