//! The care record rebuilt from its log.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::alerts::{AlertRecord, DecisionRecord, alert_records, decision_records};
use super::derived::{self, DataPoint, DerivedObservation};
use super::{CareError, CareLog, Entry, EntryKind, MAX_ENTRIES, NotReadyReason, quote};
use crate::course::{Course, CourseEvent, EventRecord};
use crate::episode::EpisodeCourse;
use crate::error::Error;
use crate::ipsrt::{DoseOutcome, DoseRecord, IpsrtCourse, IpsrtEvent, IpsrtPhase, MedicationLog, RhythmPlan};
use crate::measures::{Answers, Score, ScoreOptions, builtin};
use crate::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapseError, RelapsePlan};
use crate::schedule::{Completion, Excusal, Schedule, SessionDate, ZoneHistory};
use crate::srm::{Diary, Mood};
use crate::time::ZonedDateTime;

/// What became of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// In force.
    Active,
    /// Replaced by a correction (the latest correction's id).
    Corrected {
        /// The correction entry.
        by: String,
    },
    /// Withdrawn by a retraction.
    Retracted {
        /// The retraction entry.
        by: String,
    },
    /// A correction or retraction of `target`.
    Amends {
        /// The entry it points at.
        target: String,
    },
}

/// One entry of the log as the record sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView {
    /// The entry id.
    pub id: String,
    /// Its kind (`"measure_answered"`, ...).
    pub kind: String,
    /// Its clinical date.
    pub effective: NaiveDate,
    /// When it arrived.
    pub recorded_at: ZonedDateTime,
    /// Who recorded it.
    pub author: String,
    /// Whether it arrived after an entry with a later clinical date (a back-dated entry). It is
    /// kept and evaluated like any other.
    pub late: bool,
    /// Whether it is in force, corrected, retracted, or itself a correction.
    pub state: EntryState,
}

/// A version of the schedule with the entry that set it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleVersion {
    /// The entry id.
    pub entry: String,
    /// From when it applies (until the next version's date).
    pub effective: NaiveDate,
    /// The schedule.
    pub schedule: Schedule,
}

/// One course of the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseTrack {
    /// The course id.
    pub id: String,
    /// The course it follows (a restart after a break).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The entry that started it.
    pub started_by: String,
    /// The course machine, rebuilt: an IPT course or an IPSRT course.
    pub course: TrackedCourse,
}

/// The machine of one course of the record: an IPT course (`course_started`) or an IPSRT
/// course (`ipsrt_course_started`), never both. Serialised as the machine itself (an IPSRT
/// course as its protocol, creation day and events).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
// One per course of a record, never in bulk: boxing would only add an indirection.
#[allow(clippy::large_enum_variant)]
pub enum TrackedCourse {
    /// An IPT course.
    Ipt(Course),
    /// An IPSRT course (its IPT course inside).
    Ipsrt(IpsrtCourse),
}

impl TrackedCourse {
    /// The IPT course (for an IPSRT course, the IPT course inside it).
    pub fn ipt(&self) -> &Course {
        match self {
            TrackedCourse::Ipt(c) => c,
            TrackedCourse::Ipsrt(c) => c.course(),
        }
    }

    /// The IPSRT course, when this is one.
    pub fn ipsrt(&self) -> Option<&IpsrtCourse> {
        match self {
            TrackedCourse::Ipt(_) => None,
            TrackedCourse::Ipsrt(c) => Some(c),
        }
    }

    /// The IPSRT phase, when this is an IPSRT course.
    pub fn ipsrt_phase(&self) -> Option<IpsrtPhase> {
        self.ipsrt().map(IpsrtCourse::phase)
    }
}

/// One relapse-plan version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanVersionRecord {
    /// The entry that recorded it.
    pub entry: String,
    /// The plan id.
    pub plan_id: String,
    /// The version.
    pub version: u32,
    /// Who recorded it.
    pub author: String,
    /// When it arrived.
    pub recorded_at: ZonedDateTime,
    /// The plan.
    pub plan: RelapsePlan,
}

/// A scored measure of the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureResult {
    /// The entry id (of the answers in force: a corrected entry keeps its id).
    pub entry: String,
    /// The clinical date.
    pub date: NaiveDate,
    /// The score, computed by the core.
    pub score: Score,
    /// The observation the alert machine read, when the instrument has an alert rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    /// Why the alert machine did not read it, when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_note: Option<String>,
}

/// One patient's care, rebuilt from the care log. Build it with [`CareRecord::replay`]; change
/// it only with [`CareRecord::append`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareRecord {
    #[serde(skip)]
    log: CareLog,
    patient_ref: Option<String>,
    zones: Option<ZoneHistory>,
    schedules: Vec<ScheduleVersion>,
    courses: Vec<CourseTrack>,
    episode: Option<EpisodeCourse>,
    relapse_plans: Vec<PlanVersionRecord>,
    plan_in_force: Option<usize>,
    measures: Vec<MeasureResult>,
    diary: Option<Diary>,
    medication: Option<MedicationLog>,
    rhythm_plan: Option<RhythmPlan>,
    ips_journey: Option<String>,
    completions: Vec<Completion>,
    excusals: Vec<Excusal>,
    alert_level: AlertLevel,
    alerts: Vec<AlertRecord>,
    decisions: Vec<DecisionRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unevaluated: Vec<String>,
    derived_observations: Vec<DerivedObservation>,
    entries: Vec<EntryView>,
    #[serde(skip)]
    pub(crate) machine: AlertMachine,
    /// Per alert-machine arrival: the entry index and the plan version (index into
    /// `relapse_plans`) in force. A derived observation has the index `entries.len() + k`
    /// (`k` indexes `derived_observations`).
    #[serde(skip)]
    pub(crate) fed: Vec<(usize, usize)>,
}

/// The clinical order of entries: clinical date; then set-up entries (registration, zone,
/// schedule, course and episode starts, plans) before the rest; then the moment (entries
/// without one first); then, for entries a machine reads in sequence (course, episode and
/// rhythm-plan events), their arrival order, and for all others their id, so that their
/// arrival order never matters.
fn clinical_key(i: usize, e: &Entry) -> (NaiveDate, u8, Option<chrono::DateTime<chrono::Utc>>, u8, usize, &str) {
    let (rank, sequenced) = match &e.event {
        EntryKind::PatientRegistered { .. }
        | EntryKind::ZoneChanged { .. }
        | EntryKind::ScheduleSet { .. }
        | EntryKind::CourseStarted { .. }
        | EntryKind::IpsrtCourseStarted { .. }
        | EntryKind::EpisodeStarted { .. }
        | EntryKind::RelapsePlanVersion { .. }
        | EntryKind::DiaryStarted { .. }
        | EntryKind::MedicationPlanSet { .. }
        | EntryKind::RhythmPlanStarted { .. }
        | EntryKind::IpsJourneyLinked { .. } => (0, true),
        EntryKind::CourseEvent { .. }
        | EntryKind::IpsrtCourseEvent { .. }
        | EntryKind::EpisodeChanged { .. }
        | EntryKind::RhythmPlanChanged { .. } => (1, true),
        _ => (1, false),
    };
    let at = e.at.map(|t| t.to_utc_lenient());
    if sequenced { (e.effective, rank, at, 0, i, "") } else { (e.effective, rank, at, 1, 0, e.id.as_str()) }
}

fn rejected(index: usize, e: &Entry, reason: impl Into<Error>) -> CareError {
    CareError::Rejected { index, id: quote(&e.id), date: e.effective, reason: Box::new(reason.into()) }
}

fn unknown(index: usize, e: &Entry, field: &'static str, target: &str, detail: &str) -> CareError {
    CareError::UnknownReference { index, id: quote(&e.id), field, target: quote(target), detail: detail.to_owned() }
}

fn invalid(index: usize, e: &Entry, field: &'static str, value: &str, detail: String) -> CareError {
    CareError::InvalidEntry { index, id: quote(&e.id), field, value: quote(value), detail }
}

/// Scores a measure's answers and converts the score to an observation when it has an alert rule.
fn score_answers(
    instrument: crate::measures::InstrumentId,
    answers: &std::collections::BTreeMap<String, i32>,
) -> Result<(Score, Result<Observed, String>), Error> {
    let mut a = Answers::new();
    for (item, v) in answers {
        a.set(item.clone(), *v);
    }
    let score = crate::measures::score::score(builtin(instrument), &a, &ScoreOptions::default())?;
    let observed = Observed::try_from(&score).map_err(|e| match e {
        Error::Relapse(RelapseError::NoAlertRule { .. }) => {
            "this instrument has no alert rule; the score is kept with the record".to_owned()
        }
        other => other.to_string(),
    });
    Ok((score, observed))
}

impl CareRecord {
    /// Rebuilds the whole record from a log.
    ///
    /// Clinical folds (courses, episode, diary, medication, rhythm plan, measures, schedule
    /// records) run in clinical order (date, moment, entry id), so they do not depend on the
    /// arrival order. The alert machine reads the observations in arrival order, so that a
    /// back-dated entry is marked late and a late crisis raises the level now. Corrected
    /// entries are folded with their latest correction, retracted entries are left out of the
    /// clinical folds; the alert machine keeps every observation it was given (a retraction
    /// never lowers a level by itself: see [`super::WarningKind::EvidenceRetracted`]).
    ///
    /// # Errors
    /// The first entry that is invalid or that a machine refuses, with its index, id and why.
    pub fn replay(log: &CareLog) -> Result<CareRecord, CareError> {
        let entries = &log.entries;
        if entries.len() > MAX_ENTRIES {
            return Err(CareError::TooManyEntries { count: entries.len(), max: MAX_ENTRIES });
        }
        let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            e.validate(i)?;
            if let Some(&first) = index_of.get(e.id.as_str()) {
                return Err(CareError::DuplicateId { index: i, first, id: quote(&e.id) });
            }
            index_of.insert(e.id.as_str(), i);
        }

        // Corrections and retractions.
        let mut states: Vec<EntryState> = vec![EntryState::Active; entries.len()];
        for (i, e) in entries.iter().enumerate() {
            let (target, replacement) = match &e.event {
                EntryKind::Correction { target, replacement, .. } => (target, Some(replacement)),
                EntryKind::Retraction { target, .. } => (target, None),
                _ => continue,
            };
            let t = match index_of.get(target.as_str()) {
                Some(&t) if t < i => t,
                _ => {
                    return Err(unknown(
                        i,
                        e,
                        "target",
                        target,
                        "a correction or retraction points at an entry that arrived before it; check the id",
                    ));
                }
            };
            let original = &entries[t];
            if !original.event.correctable() {
                return Err(invalid(
                    i,
                    e,
                    "target",
                    target,
                    format!(
                        "a {} entry is not corrected or retracted: append a new version (a new schedule, plan version, zone or course event) instead",
                        original.event.type_name()
                    ),
                ));
            }
            if let Some(EntryState::Retracted { by }) = states.get(t) {
                return Err(invalid(
                    i,
                    e,
                    "target",
                    target,
                    format!("the entry was already retracted by {}", quote(by)),
                ));
            }
            if let Some(r) = replacement
                && r.type_name() != original.event.type_name()
            {
                return Err(invalid(
                    i,
                    e,
                    "replacement.type",
                    &r.type_name(),
                    format!(
                        "a correction keeps the entry's kind ({}); to replace it by another kind, retract it and append a new entry",
                        original.event.type_name()
                    ),
                ));
            }
            states[t] = match replacement {
                Some(_) => EntryState::Corrected { by: e.id.clone() },
                None => EntryState::Retracted { by: e.id.clone() },
            };
            states[i] = EntryState::Amends { target: target.clone() };
        }

        let mut record = CareRecord {
            log: log.clone(),
            patient_ref: None,
            zones: None,
            schedules: Vec::new(),
            courses: Vec::new(),
            episode: None,
            relapse_plans: Vec::new(),
            plan_in_force: None,
            measures: Vec::new(),
            diary: None,
            medication: None,
            rhythm_plan: None,
            ips_journey: None,
            completions: Vec::new(),
            excusals: Vec::new(),
            alert_level: AlertLevel::Green,
            alerts: Vec::new(),
            decisions: Vec::new(),
            unevaluated: Vec::new(),
            derived_observations: Vec::new(),
            entries: Vec::with_capacity(entries.len()),
            machine: AlertMachine::new(),
            fed: Vec::new(),
        };

        // Relapse-plan versions, in arrival order.
        for (i, e) in entries.iter().enumerate() {
            if let EntryKind::RelapsePlanVersion { plan_id, plan } = &e.event {
                plan.validate().map_err(|err| rejected(i, e, err))?;
                if let Some(prev) = record.relapse_plans.iter().rev().find(|p| &p.plan_id == plan_id)
                    && plan.version <= prev.version
                {
                    return Err(invalid(
                        i,
                        e,
                        "plan.version",
                        &plan.version.to_string(),
                        format!(
                            "plan {} already has version {} (entry {}); every version is kept, so give the new one version {}",
                            quote(plan_id),
                            prev.version,
                            quote(&prev.entry),
                            prev.version.saturating_add(1)
                        ),
                    ));
                }
                record.relapse_plans.push(PlanVersionRecord {
                    entry: e.id.clone(),
                    plan_id: plan_id.clone(),
                    version: plan.version,
                    author: e.author.clone(),
                    recorded_at: e.recorded_at,
                    plan: plan.clone(),
                });
            }
        }

        // The clinical view: entries in force with their latest content, in clinical order.
        let mut clinical: Vec<(usize, Entry)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match states.get(i) {
                Some(EntryState::Active) => clinical.push((i, e.clone())),
                Some(EntryState::Corrected { by }) => {
                    if let Some(c) = index_of.get(by.as_str()).and_then(|&c| entries.get(c))
                        && let EntryKind::Correction { replacement, .. } = &c.event
                    {
                        let fixed = Entry {
                            id: e.id.clone(),
                            recorded_at: e.recorded_at,
                            effective: c.effective,
                            at: c.at,
                            author: c.author.clone(),
                            occurrence: c.occurrence.clone().or_else(|| e.occurrence.clone()),
                            event: (**replacement).clone(),
                        };
                        clinical.push((i, fixed));
                    }
                }
                _ => {}
            }
        }
        clinical.sort_by(|(i, a), (j, b)| clinical_key(*i, a).cmp(&clinical_key(*j, b)));
        for (i, e) in &clinical {
            record.fold_clinical(*i, e)?;
        }
        record.check_occurrences(&clinical)?;

        // Observations derived from the schedule and the completions (data gaps, missed runs).
        let points: Vec<DataPoint> = clinical
            .iter()
            .filter(|(_, e)| !matches!(e.event, EntryKind::Excused { .. }))
            .filter_map(|(_, e)| {
                e.occurrence.as_ref().map(|o| DataPoint {
                    date: e.effective,
                    entry: e.id.clone(),
                    task: o.task.clone(),
                })
            })
            .collect();
        let dates: std::collections::BTreeSet<NaiveDate> = clinical.iter().map(|(_, e)| e.effective).collect();
        let mut observations = derived::data_gaps(&record.schedules, &points, &dates);
        // And runs of missed occurrences; data gaps first on a date (a stable sort).
        observations.extend(derived::missed_runs(&record, &dates));
        observations.sort_by_key(|d| d.date);
        record.derived_observations = observations;

        // The alert machine, in arrival order.
        record.fold_alerts(entries, &states)?;

        // Entry views.
        let mut latest: Option<NaiveDate> = None;
        for (e, state) in entries.iter().zip(states) {
            let late = latest.is_some_and(|l| e.effective < l);
            latest = Some(latest.map_or(e.effective, |l| l.max(e.effective)));
            record.entries.push(EntryView {
                id: e.id.clone(),
                kind: e.event.type_name(),
                effective: e.effective,
                recorded_at: e.recorded_at,
                author: e.author.clone(),
                late,
                state,
            });
        }
        Ok(record)
    }

    fn fold_clinical(&mut self, i: usize, e: &Entry) -> Result<(), CareError> {
        let date = e.effective;
        match &e.event {
            EntryKind::PatientRegistered { patient_ref, zone } => {
                if let Some(p) = &self.patient_ref {
                    return Err(invalid(
                        i,
                        e,
                        "patient_ref",
                        patient_ref,
                        format!("the record already belongs to patient {}; use zone_changed for a new zone", quote(p)),
                    ));
                }
                self.zones = Some(ZoneHistory::new(date, zone).map_err(|err| rejected(i, e, err))?);
                self.patient_ref = Some(patient_ref.clone());
            }
            EntryKind::ZoneChanged { zone } => {
                let zones = self.zones.as_ref().ok_or_else(|| {
                    invalid(
                        i,
                        e,
                        "type",
                        "zone_changed",
                        "register the patient (patient_registered) on or before this date first".into(),
                    )
                })?;
                self.zones = Some(zones.with_change(date, zone).map_err(|err| rejected(i, e, err))?);
            }
            EntryKind::ScheduleSet { schedule } => {
                self.schedules.push(ScheduleVersion {
                    entry: e.id.clone(),
                    effective: date,
                    schedule: schedule.clone(),
                });
            }
            EntryKind::CourseStarted { course, previous, protocol, taxonomy } => {
                self.check_new_course(i, e, course, previous.as_deref())?;
                let created = EventRecord {
                    date,
                    recorded_at: Some(e.recorded_at),
                    event: CourseEvent::CourseCreated { protocol: protocol.clone(), taxonomy: *taxonomy },
                };
                let c = Course::create(&created).map_err(|err| rejected(i, e, err))?;
                self.courses.push(CourseTrack {
                    id: course.clone(),
                    previous: previous.clone(),
                    started_by: e.id.clone(),
                    course: TrackedCourse::Ipt(c),
                });
            }
            EntryKind::IpsrtCourseStarted { course, previous, protocol } => {
                self.check_new_course(i, e, course, previous.as_deref())?;
                let c = IpsrtCourse::create(protocol.clone(), date).map_err(|err| rejected(i, e, err))?;
                self.courses.push(CourseTrack {
                    id: course.clone(),
                    previous: previous.clone(),
                    started_by: e.id.clone(),
                    course: TrackedCourse::Ipsrt(c),
                });
            }
            EntryKind::CourseEvent { course, event } => {
                if let CourseEvent::RelapsePreventionPlanRecorded { plan_ref, .. } = event {
                    let known = plan_ref.as_deref().is_some_and(|r| self.relapse_plans.iter().any(|p| p.plan_id == r));
                    if !known {
                        return Err(unknown(
                            i,
                            e,
                            "event.plan_ref",
                            plan_ref.as_deref().unwrap_or("(none)"),
                            "in a care record the course names the relapse plan by the plan_id of a relapse_plan_version entry",
                        ));
                    }
                }
                let track = self.courses.iter_mut().find(|c| &c.id == course).ok_or_else(|| {
                    unknown(i, e, "course", course, "start the course (course_started) on or before this date")
                })?;
                let record = EventRecord { date, recorded_at: Some(e.recorded_at), event: event.clone() };
                match &mut track.course {
                    TrackedCourse::Ipt(c) => c.apply(&record).map(|_| ()).map_err(|err| rejected(i, e, err))?,
                    // The IPSRT rules hold for its IPT events too (phases, end, safety workflow).
                    TrackedCourse::Ipsrt(c) => c
                        .apply(IpsrtEvent::Course { record: Box::new(record) })
                        .map(|_| ())
                        .map_err(|err| rejected(i, e, err))?,
                }
            }
            EntryKind::IpsrtCourseEvent { course, event } => {
                let track = self.courses.iter_mut().find(|c| &c.id == course).ok_or_else(|| {
                    unknown(
                        i,
                        e,
                        "course",
                        course,
                        "start the IPSRT course (ipsrt_course_started) on or before this date",
                    )
                })?;
                match &mut track.course {
                    TrackedCourse::Ipt(_) => {
                        return Err(invalid(
                            i,
                            e,
                            "course",
                            course,
                            "this is an IPT course (course_started), which has no IPSRT phases or tasks; record IPSRT events for a course started with ipsrt_course_started".into(),
                        ));
                    }
                    TrackedCourse::Ipsrt(c) => {
                        c.apply(event.clone()).map_err(|err| rejected(i, e, err))?;
                    }
                }
            }
            EntryKind::EpisodeStarted { protocol, polarity, prior_episodes } => {
                if self.episode.is_some() {
                    return Err(invalid(
                        i,
                        e,
                        "type",
                        "episode_started",
                        "the episode course has started already; record a recurrence with episode_changed".into(),
                    ));
                }
                self.episode = Some(EpisodeCourse::with_history(protocol.clone(), date, *polarity, *prior_episodes));
            }
            EntryKind::EpisodeChanged { event, polarity } => {
                let ep = self.episode.as_mut().ok_or_else(|| {
                    invalid(
                        i,
                        e,
                        "type",
                        "episode_changed",
                        "start the episode course (episode_started) on or before this date".into(),
                    )
                })?;
                let result = match (event, polarity) {
                    (crate::episode::EpisodeEvent::Recur, Some(p)) => ep.recur_with(*p, date),
                    _ => ep.apply(*event, date),
                };
                result.map_err(|err| rejected(i, e, err))?;
            }
            EntryKind::MeasureAnswered { instrument, answers } => {
                let (score, observed) = score_answers(*instrument, answers).map_err(|err| rejected(i, e, err))?;
                let (observed, alert_note) = match observed {
                    Ok(o) => (Some(o), None),
                    Err(note) => (None, Some(note)),
                };
                self.measures.push(MeasureResult { entry: e.id.clone(), date, score, observed, alert_note });
            }
            EntryKind::DiaryStarted { form } => {
                if self.diary.is_some() {
                    return Err(invalid(i, e, "type", "diary_started", "the diary has started already".into()));
                }
                self.diary = Some(Diary::new(form.clone()));
            }
            EntryKind::DiaryDay { items, mood } => {
                let diary = self.diary.as_mut().ok_or_else(|| {
                    invalid(i, e, "type", "diary_day", "start the diary (diary_started) on or before this date".into())
                })?;
                let mut next = diary.clone();
                for item in items {
                    let mut entry = crate::srm::Entry::new(date, item.item, item.status);
                    entry.people = item.people;
                    entry.recorded_at = Some(e.recorded_at);
                    next.add(entry).map_err(|err| rejected(i, e, err))?;
                }
                if let Some(m) = mood {
                    next.set_mood(date, Mood::new(i64::from(*m)).map_err(|err| rejected(i, e, err))?);
                }
                *diary = next;
            }
            EntryKind::MedicationPlanSet { doses } => {
                let mut log = MedicationLog::new(doses.clone()).map_err(|err| rejected(i, e, err))?;
                if let Some(old) = &self.medication {
                    for r in old.records() {
                        log.record(r.clone()).map_err(|err| rejected(i, e, err))?;
                    }
                }
                self.medication = Some(log);
            }
            EntryKind::DoseRecorded { dose, outcome } => {
                let log = self.medication.as_mut().ok_or_else(|| {
                    invalid(
                        i,
                        e,
                        "type",
                        "dose_recorded",
                        "set the medication plan (medication_plan_set) on or before this date".into(),
                    )
                })?;
                log.record(DoseRecord { dose: dose.clone(), date, outcome: *outcome })
                    .map_err(|err| rejected(i, e, err))?;
            }
            EntryKind::RhythmPlanStarted { settings, baseline_start } => {
                if self.rhythm_plan.is_some() {
                    return Err(invalid(
                        i,
                        e,
                        "type",
                        "rhythm_plan_started",
                        "the rhythm plan has started already".into(),
                    ));
                }
                self.rhythm_plan =
                    Some(RhythmPlan::start(settings.clone(), *baseline_start).map_err(|err| rejected(i, e, err))?);
            }
            EntryKind::RhythmPlanChanged { event } => {
                let plan = self.rhythm_plan.as_mut().ok_or_else(|| {
                    invalid(
                        i,
                        e,
                        "type",
                        "rhythm_plan_changed",
                        "start the rhythm plan (rhythm_plan_started) first".into(),
                    )
                })?;
                let mut next = plan.clone();
                next.apply(event.clone()).map_err(|err| rejected(i, e, err))?;
                *plan = next;
            }
            EntryKind::IpsJourneyLinked { journey_id } => self.ips_journey = Some(journey_id.clone()),
            EntryKind::Excused { reason } => {
                if let Some(o) = &e.occurrence {
                    self.excusals.push(Excusal { occurrence: o.clone(), reason: reason.clone() });
                }
            }
            EntryKind::RelapsePlanVersion { .. }
            | EntryKind::Observation { .. }
            | EntryKind::Acknowledged { .. }
            | EntryKind::Correction { .. }
            | EntryKind::Retraction { .. } => {}
        }
        if let Some(o) = &e.occurrence
            && !matches!(e.event, EntryKind::Excused { .. })
        {
            self.completions.push(Completion { occurrence: o.clone(), at: e.at.unwrap_or(e.recorded_at) });
        }
        Ok(())
    }

    /// The session dates of the latest course (session-linked schedule tasks count them).
    pub(crate) fn sessions(&self) -> Vec<SessionDate> {
        let mut out: Vec<SessionDate> = Vec::new();
        if let Some(track) = self.courses.last() {
            for s in &track.course.ipt().sessions {
                if !out.iter().any(|o| o.number == s.number) {
                    out.push(SessionDate { number: s.number, date: s.date });
                }
            }
        }
        out
    }

    /// A new course's id is free and the course it follows exists.
    fn check_new_course(&self, i: usize, e: &Entry, course: &str, previous: Option<&str>) -> Result<(), CareError> {
        if self.courses.iter().any(|c| c.id == course) {
            return Err(invalid(
                i,
                e,
                "course",
                course,
                "a course with this id already exists; give the new course its own id".into(),
            ));
        }
        if let Some(p) = previous
            && !self.courses.iter().any(|c| c.id == p)
        {
            return Err(unknown(i, e, "previous", p, "name a course started on or before this date"));
        }
        Ok(())
    }

    /// Every completion and excusal must name an occurrence of some schedule version.
    fn check_occurrences(&self, clinical: &[(usize, Entry)]) -> Result<(), CareError> {
        let sessions = self.sessions();
        for (i, e) in clinical {
            let Some(o) = &e.occurrence else { continue };
            if self.schedules.is_empty() {
                return Err(unknown(
                    *i,
                    e,
                    "occurrence",
                    &o.to_string(),
                    "set a schedule (schedule_set) before completing its occurrences",
                ));
            }
            let mut why = String::new();
            let found = self.schedules.iter().any(|v| match v.schedule.find_occurrence(o, &sessions) {
                Ok(_) => true,
                Err(w) => {
                    why = w;
                    false
                }
            });
            if !found {
                return Err(unknown(*i, e, "occurrence", &o.to_string(), &why));
            }
        }
        Ok(())
    }

    fn fold_alerts(&mut self, entries: &[Entry], states: &[EntryState]) -> Result<(), CareError> {
        let _ = states;
        let mut pending: Vec<(usize, Observation)> = Vec::new();
        // How many plan versions have arrived so far (`relapse_plans` is in arrival order).
        let mut known: usize = 0;
        let mut meds: Option<MedicationLog> = None;
        let plan_entries: HashMap<String, usize> =
            self.relapse_plans.iter().enumerate().map(|(k, p)| (p.entry.clone(), k)).collect();
        for (i, e) in entries.iter().enumerate() {
            let content = match &e.event {
                EntryKind::Correction { replacement, .. } => replacement.as_ref(),
                other => other,
            };
            let observed: Option<Observed> = match content {
                EntryKind::RelapsePlanVersion { .. } => {
                    if let Some(k) = plan_entries.get(&e.id) {
                        known = known.max(k + 1);
                        for (j, obs) in std::mem::take(&mut pending) {
                            self.feed(known, j, entries, obs)?;
                        }
                    }
                    None
                }
                EntryKind::Observation { observed } => Some(observed.clone()),
                EntryKind::MeasureAnswered { instrument, answers } => {
                    score_answers(*instrument, answers).ok().and_then(|(_, o)| o.ok())
                }
                EntryKind::DiaryDay { mood, .. } => {
                    Some(mood.map_or(Observed::CheckIn, |mood| Observed::DailyMood { mood }))
                }
                EntryKind::Acknowledged { action } => {
                    Some(Observed::Acknowledged { by: e.author.clone(), action: action.clone() })
                }
                EntryKind::MedicationPlanSet { doses } => {
                    let mut log = MedicationLog::new(doses.clone()).map_err(|err| rejected(i, e, err))?;
                    if let Some(old) = &meds {
                        for r in old.records() {
                            // Records of doses no longer scheduled stay out of the new log; the
                            // clinical fold refuses such a plan change anyway.
                            let _ = log.record(r.clone());
                        }
                    }
                    meds = Some(log);
                    None
                }
                EntryKind::DoseRecorded { dose, outcome } => {
                    // The newly missed doses of the day, through the medication log's own
                    // converter: the difference before and after recording this dose.
                    match meds.as_mut() {
                        Some(log) => {
                            let count = |l: &MedicationLog| -> Vec<Observation> {
                                l.missed_medication_observations(e.effective, e.effective).unwrap_or_default()
                            };
                            let before = count(log);
                            let is_correction = matches!(e.event, EntryKind::Correction { .. });
                            let result = if is_correction {
                                log.correct(dose, e.effective, *outcome)
                            } else {
                                log.record(DoseRecord { dose: dose.clone(), date: e.effective, outcome: *outcome })
                            };
                            result.map_err(|err| rejected(i, e, err))?;
                            let after = count(log);
                            newly_missed(&before, &after, *outcome)
                        }
                        None => None,
                    }
                }
                _ => None,
            };
            let Some(observed) = observed else { continue };
            let obs = Observation { date: e.effective, at: e.at, received_at: Some(e.recorded_at), observed };
            if known > 0 {
                self.feed(known, i, entries, obs)?;
            } else {
                pending.push((i, obs));
            }
        }
        // Then the observations derived from the whole log, in date order, each under the plan
        // version effective on its date among all versions (they do not depend on the arrival
        // order).
        if known > 0 {
            for n in 0..self.derived_observations.len() {
                self.feed_derived(known, entries.len(), n)?;
            }
        }
        self.unevaluated = pending.into_iter().filter_map(|(j, _)| entries.get(j).map(|e| e.id.clone())).collect();
        self.plan_in_force = self.latest_date().and_then(|d| plan_for(&self.relapse_plans, known, d));
        self.alert_level = self.machine.level();
        self.alerts = alert_records(self, entries);
        self.decisions = decision_records(self, entries);
        Ok(())
    }

    /// The latest clinical date of the log's entries.
    fn latest_date(&self) -> Option<NaiveDate> {
        self.log.entries.iter().map(|e| e.effective).max()
    }

    /// Feeds one observation under the plan version in force on its date among the first
    /// `known` versions to arrive; earlier observations keep the version they were read under.
    fn feed(&mut self, known: usize, i: usize, entries: &[Entry], obs: Observation) -> Result<(), CareError> {
        let Some(e) = entries.get(i) else { return Ok(()) };
        let Some(k) = plan_for(&self.relapse_plans, known, obs.date) else { return Ok(()) };
        self.observe_bound(k, obs).map_err(|err| rejected(i, e, err))?;
        self.fed.push((i, k));
        Ok(())
    }

    fn feed_derived(&mut self, known: usize, offset: usize, n: usize) -> Result<(), CareError> {
        let Some(d) = self.derived_observations.get(n) else { return Ok(()) };
        let Some(k) = plan_for(&self.relapse_plans, known, d.date) else { return Ok(()) };
        let obs = Observation { date: d.date, at: None, received_at: None, observed: d.observed.clone() };
        let id = d.id.clone();
        self.observe_bound(k, obs).map_err(|err| {
            CareError::NotReady(NotReadyReason::within(format!("the derived observation {id} was refused"), err))
        })?;
        self.fed.push((offset + n, k));
        Ok(())
    }

    /// The alert machine reads `obs` under plan version `k`; a re-evaluated history reads
    /// every earlier observation under the version it was bound to.
    pub(crate) fn observe_bound(&mut self, k: usize, obs: Observation) -> Result<(), RelapseError> {
        let plans = &self.relapse_plans;
        let fed = &self.fed;
        let Some(plan) = plans.get(k) else { return Ok(()) };
        let plan_of = |arrival: u64| -> Option<&RelapsePlan> {
            let (_, k) = usize::try_from(arrival).ok().and_then(|a| fed.get(a))?;
            plans.get(*k).map(|p| &p.plan)
        };
        self.machine.observe_with_plans(&plan.plan, obs, &plan_of)?;
        Ok(())
    }

    /// The relapse-plan version (index into [`CareRecord::relapse_plans`]) in force on `date`
    /// among every version of the log: the latest version effective on that date.
    pub fn plan_on(&self, date: NaiveDate) -> Option<&PlanVersionRecord> {
        self.plan_index_on(date).and_then(|k| self.relapse_plans.get(k))
    }

    pub(crate) fn plan_index_on(&self, date: NaiveDate) -> Option<usize> {
        plan_for(&self.relapse_plans, self.relapse_plans.len(), date)
    }

    /// Appends one entry. The whole log is replayed with it first; on error the record is
    /// unchanged.
    ///
    /// # Errors
    /// As [`CareRecord::replay`], for the new entry.
    pub fn append(&mut self, entry: Entry) -> Result<(), CareError> {
        let mut log = self.log.clone();
        log.entries.push(entry);
        *self = CareRecord::replay(&log)?;
        Ok(())
    }

    /// The log the record was rebuilt from.
    pub fn log(&self) -> &CareLog {
        &self.log
    }

    /// The patient's reference, once registered.
    pub fn patient_ref(&self) -> Option<&str> {
        self.patient_ref.as_deref()
    }

    /// The zone history, once the patient is registered.
    pub fn zones(&self) -> Option<&ZoneHistory> {
        self.zones.as_ref()
    }

    /// Every schedule version, in clinical order.
    pub fn schedules(&self) -> &[ScheduleVersion] {
        &self.schedules
    }

    /// Every course, in the order they started.
    pub fn courses(&self) -> &[CourseTrack] {
        &self.courses
    }

    /// The episode course, once started.
    pub fn episode(&self) -> Option<&EpisodeCourse> {
        self.episode.as_ref()
    }

    /// Every relapse-plan version, in arrival order.
    pub fn relapse_plans(&self) -> &[PlanVersionRecord] {
        &self.relapse_plans
    }

    /// The relapse-plan version in force on the latest clinical date of the log (the latest
    /// version effective on that date; see [`CareRecord::plan_on`]).
    pub fn plan_in_force(&self) -> Option<&PlanVersionRecord> {
        self.plan_in_force.and_then(|k| self.relapse_plans.get(k))
    }

    /// Every scored measure, in clinical order.
    pub fn measures(&self) -> &[MeasureResult] {
        &self.measures
    }

    /// The SRM diary, once started.
    pub fn diary(&self) -> Option<&Diary> {
        self.diary.as_ref()
    }

    /// The medication log, once a medication plan is set.
    pub fn medication(&self) -> Option<&MedicationLog> {
        self.medication.as_ref()
    }

    /// The rhythm plan, once started.
    pub fn rhythm_plan(&self) -> Option<&RhythmPlan> {
        self.rhythm_plan.as_ref()
    }

    /// The linked IPS journey id, if any.
    pub fn ips_journey(&self) -> Option<&str> {
        self.ips_journey.as_deref()
    }

    /// Completions of schedule occurrences, in clinical order.
    pub fn completions(&self) -> &[Completion] {
        &self.completions
    }

    /// Excusals of schedule occurrences, in clinical order.
    pub fn excusals(&self) -> &[Excusal] {
        &self.excusals
    }

    /// The alert machine, rebuilt.
    pub fn alert_machine(&self) -> &AlertMachine {
        &self.machine
    }

    /// The current (reported) alert level.
    pub fn alert_level(&self) -> AlertLevel {
        self.alert_level
    }

    /// Every level change of the date-ordered history, with its plan version and evidence.
    pub fn alerts(&self) -> &[AlertRecord] {
        &self.alerts
    }

    /// The decisions made at arrival (late entries, changes of the reported level), with the
    /// entry and the plan version in force.
    pub fn decisions(&self) -> &[DecisionRecord] {
        &self.decisions
    }

    /// Entries whose observations the alert machine has not read because no relapse plan had
    /// arrived yet (they are read when the first plan arrives).
    pub fn unevaluated(&self) -> &[String] {
        &self.unevaluated
    }

    /// The observations derived from the log (days without a self-report at an entry's date),
    /// in date order, with their evidence; the alert machine read them after the entries.
    pub fn derived_observations(&self) -> &[DerivedObservation] {
        &self.derived_observations
    }

    /// Every entry of the log, in arrival order, with its state and whether it was late.
    pub fn entries(&self) -> &[EntryView] {
        &self.entries
    }

    /// The record as deterministic, pretty JSON (what `ipsrt care replay` prints).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The version in force on `date` among the first `known` versions to arrive: the one with the
/// latest `effective_from` on or before `date` (of two with the same date, the later to
/// arrive); when none is effective yet, the earliest-effective one.
fn plan_for(plans: &[PlanVersionRecord], known: usize, date: NaiveDate) -> Option<usize> {
    let known = plans.get(..known).unwrap_or(plans);
    let effective = known
        .iter()
        .enumerate()
        .filter(|(_, p)| p.plan.effective_from <= date)
        .max_by_key(|(k, p)| (p.plan.effective_from, *k))
        .map(|(k, _)| k);
    effective.or_else(|| {
        known.iter().enumerate().min_by_key(|(k, p)| (p.plan.effective_from, std::cmp::Reverse(*k))).map(|(k, _)| k)
    })
}

/// The observation for doses newly missed by one dose entry (never for a dose taken).
fn newly_missed(before: &[Observation], after: &[Observation], outcome: DoseOutcome) -> Option<Observed> {
    if outcome != DoseOutcome::Missed {
        return None;
    }
    let doses = |list: &[Observation], med: &Option<String>| -> u16 {
        list.iter()
            .filter_map(|o| match &o.observed {
                Observed::MissedMedication { doses, medication } if medication == med => Some(*doses),
                _ => None,
            })
            .sum()
    };
    after.iter().find_map(|o| match &o.observed {
        Observed::MissedMedication { medication, .. } => {
            let n = doses(after, medication).saturating_sub(doses(before, medication));
            (n > 0).then(|| Observed::MissedMedication { doses: n, medication: medication.clone() })
        }
        _ => None,
    })
}
