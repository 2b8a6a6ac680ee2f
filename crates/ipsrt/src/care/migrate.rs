//! Every stored document of a patient, turned into one care log.
//!
//! [`StoredCare`] collects what an app stores today for one patient: IPT and IPSRT courses,
//! relapse-plan versions, the alert machine, the episode course, the rhythm plan, the
//! medication log, the SRM diary, dated measure scores, schedules and the IPS journey.
//! [`migrate`] turns them into a [`CareLog`], replays it, and checks that every machine the
//! record rebuilds equals the stored one; [`to_care_log`] does the same and also refuses facts
//! that have no care entry, which [`migrate`] lists in its [`Migration::left_out`] instead.
//! Every document kind this version reads migrates whole (an IPSRT course with its protocol,
//! tasks and phases since care log version 4), so `left_out` is empty today; it stays for
//! stored facts a later document kind may not carry.
//!
//! ```
//! use ipsrt::care::migrate::{StoredCare, to_care_log};
//! use ipsrt::relapse::{AlertMachine, Observation, Observed, RelapsePlan, Region};
//!
//! let plan = RelapsePlan::new("2026-03-01".parse()?, Region::Nl);
//! let mut machine = AlertMachine::new();
//! machine.observe(&plan, Observation::new("2026-03-05".parse()?, Observed::Phq9 { total: Some(11), item9: Some(0) }))?;
//! let stored = StoredCare::new("p-001", "Europe/Amsterdam", "migration").plan("rp", &plan).alerts(&machine);
//! let log = to_care_log(&stored)?;
//! let record = ipsrt::care::CareRecord::replay(&log)?;
//! assert_eq!(record.alert_level(), machine.level());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What maps to what (entry ids are `migrated-<part>-NNNNN`, numbered in stored order):
//!
//! | stored | entries |
//! |---|---|
//! | `ipsrt.course` | `course_started`, `course_event` (each event, in order) |
//! | `ipsrt.ipsrt_course` | `ipsrt_course_started` (the IPSRT protocol), then each event in order: its IPT events as `course_event`, its IPSRT events (tasks, phases, recurrences, end) as `ipsrt_course_event` |
//! | `ipsrt.relapse_plan` | `relapse_plan_version` (several versions of one plan id allowed) |
//! | `ipsrt.alert_machine` (version 2) | `observation`, `acknowledged` |
//! | `ipsrt.episode_course` | `episode_started`, `episode_changed` |
//! | `ipsrt.rhythm_plan` | `rhythm_plan_started`, `rhythm_plan_changed` |
//! | `ipsrt.medication_log` | `medication_plan_set`, `dose_recorded` |
//! | `ipsrt.srm_diary` | `diary_started`, `diary_day` |
//! | `ipsrt.measure_score` (with its date) | `measure_answered` |
//! | `ipsrt.schedule` | `schedule_set` |
//! | `ipsrt.employment_journey` | `ips_journey_linked` (the journey stays in its own document) |

use std::collections::VecDeque;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::{CareError, CareLog, CareRecord, DiaryItem, Entry, EntryKind, TrackedCourse, quote};
use crate::course::{CourseEvent, CourseLog};
use crate::episode::{EpisodeCourse, EpisodeEvent};
use crate::ips::EmploymentJourney;
use crate::ipsrt::{DoseRecord, IpsrtCourse, IpsrtEvent, MedicationLog, RhythmPlan};
use crate::measures::{InstrumentId, Score, ScoreOptions, builtin};
use crate::relapse::{AlertMachine, Observed, RelapsePlan};
use crate::schedule::Schedule;
use crate::srm::Diary;
use crate::time::ZonedDateTime;

/// A stored course: an IPT course log or an IPSRT course.
#[derive(Debug, Clone, Copy)]
enum StoredCourse<'a> {
    Ipt(&'a CourseLog),
    Ipsrt(&'a IpsrtCourse),
}

/// What is stored today for one patient, to be turned into a care log. Every document is
/// borrowed; nothing is changed.
#[derive(Debug, Clone)]
pub struct StoredCare<'a> {
    patient_ref: String,
    zone: String,
    author: String,
    courses: Vec<(String, StoredCourse<'a>)>,
    plans: Vec<(String, &'a RelapsePlan)>,
    alerts: Vec<&'a AlertMachine>,
    episodes: Vec<&'a EpisodeCourse>,
    rhythm_plans: Vec<&'a RhythmPlan>,
    medication: Vec<&'a MedicationLog>,
    diaries: Vec<&'a Diary>,
    measures: Vec<(NaiveDate, &'a Score)>,
    schedules: Vec<&'a Schedule>,
    journeys: Vec<&'a EmploymentJourney>,
}

/// A stored fact that no care entry carries: [`migrate`] lists it, [`to_care_log`] refuses it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    /// The stored document (for example `"ipsrt.course c1"`).
    pub document: String,
    /// The fact (for example `"event 3 (…)"`).
    pub fact: String,
    /// Why it has no entry and where it stays.
    pub why: String,
}

/// A migrated care log, with the stored facts that it does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The care log (it replays, and each rebuilt machine equals its stored document).
    pub log: CareLog,
    /// Stored facts without a care entry, in document order; keep those documents.
    pub left_out: Vec<LeftOut>,
}

impl<'a> StoredCare<'a> {
    /// A patient (id and IANA zone) and the author the migrated entries name.
    pub fn new(patient_ref: &str, zone: &str, author: &str) -> Self {
        StoredCare {
            patient_ref: patient_ref.to_owned(),
            zone: zone.to_owned(),
            author: author.to_owned(),
            courses: Vec::new(),
            plans: Vec::new(),
            alerts: Vec::new(),
            episodes: Vec::new(),
            rhythm_plans: Vec::new(),
            medication: Vec::new(),
            diaries: Vec::new(),
            measures: Vec::new(),
            schedules: Vec::new(),
            journeys: Vec::new(),
        }
    }

    /// Adds a stored course under a course id; several courses (IPT or IPSRT) are linked in the
    /// order added (each one's `previous` is the one before).
    pub fn course(mut self, id: &str, log: &'a CourseLog) -> Self {
        self.courses.push((id.to_owned(), StoredCourse::Ipt(log)));
        self
    }

    /// Adds a stored IPSRT course under a course id: it becomes an IPSRT course of the record,
    /// whole (protocol, IPSRT tasks and phases, its IPT course), linked like
    /// [`StoredCare::course`].
    pub fn ipsrt_course(mut self, id: &str, course: &'a IpsrtCourse) -> Self {
        self.courses.push((id.to_owned(), StoredCourse::Ipsrt(course)));
        self
    }

    /// Adds a stored relapse plan (a version) under a plan id. Versions of one plan id must rise
    /// in the order added.
    pub fn plan(mut self, id: &str, plan: &'a RelapsePlan) -> Self {
        self.plans.push((id.to_owned(), plan));
        self
    }

    /// The stored alert machine (its observations become entries, in their arrival order).
    pub fn alerts(mut self, machine: &'a AlertMachine) -> Self {
        self.alerts.push(machine);
        self
    }

    /// The stored episode course.
    pub fn episode(mut self, course: &'a EpisodeCourse) -> Self {
        self.episodes.push(course);
        self
    }

    /// The stored IPSRT rhythm plan.
    pub fn rhythm_plan(mut self, plan: &'a RhythmPlan) -> Self {
        self.rhythm_plans.push(plan);
        self
    }

    /// The stored medication log (its schedule and every dose record, corrected outcomes as
    /// stored).
    pub fn medication(mut self, log: &'a MedicationLog) -> Self {
        self.medication.push(log);
        self
    }

    /// The stored SRM diary (entries and moods).
    pub fn diary(mut self, diary: &'a Diary) -> Self {
        self.diaries.push(diary);
        self
    }

    /// A stored measure score and the day it was taken (a stored score has no date).
    pub fn measure(mut self, date: NaiveDate, score: &'a Score) -> Self {
        self.measures.push((date, score));
        self
    }

    /// A stored schedule, in force from its earliest task start (several are versions, in the
    /// order added).
    pub fn schedule(mut self, schedule: &'a Schedule) -> Self {
        self.schedules.push(schedule);
        self
    }

    /// The patient's stored IPS employment journey: the record links it by its participant id
    /// from the enrolment date (the journey itself stays in its own document).
    pub fn ips_journey(mut self, journey: &'a EmploymentJourney) -> Self {
        self.journeys.push(journey);
        self
    }
}

fn not_migrated(document: &str, what: impl Into<String>, detail: impl Into<String>) -> CareError {
    CareError::NotMigrated { document: document.to_owned(), what: what.into(), detail: detail.into() }
}

/// Refuses a second document of a kind the record holds once.
fn at_most_one<T>(list: &[T], schema: &str, what: &str) -> Result<(), CareError> {
    if list.len() > 1 {
        return Err(not_migrated(
            schema,
            format!("{} documents", list.len()),
            format!("a care record holds one {what}: pass only one of them"),
        ));
    }
    Ok(())
}

/// Builds a care log from stored data and checks that it replays to the stored state, refusing
/// stored facts that have no care entry (see [`migrate`], which lists them instead).
///
/// # Errors
/// As [`migrate`]; and [`CareError::NotMigrated`] naming the first fact left out.
pub fn to_care_log(stored: &StoredCare<'_>) -> Result<CareLog, CareError> {
    let m = migrate(stored)?;
    if let Some(first) = m.left_out.first() {
        return Err(not_migrated(
            &first.document,
            first.fact.clone(),
            format!(
                "{} ({} stored fact(s) have no care entry): keep that document, and migrate with `migrate` (CLI: --allow-left-out) to get the list",
                first.why,
                m.left_out.len()
            ),
        ));
    }
    Ok(m.log)
}

/// Builds a care log from stored data, replays it, and checks that each rebuilt machine equals
/// its stored document.
///
/// Entries get ids `migrated-…`. The arrival order is the patient, then every document's
/// entries merged by date (each document in its stored order, relapse-plan versions in the
/// order given; set-up entries such as `diary_started` first on their date), so that migrated
/// entries are not marked late. Entries with no stored arrival time arrive
/// at 00:00 local time on their date in the patient's zone. A course's
/// `relapse_prevention_plan_recorded` event names a migrated plan: a missing reference is set
/// to the plan id (when there is one), a reference to a plan not passed is refused.
///
/// Ordering: the rebuilt diary and medication log hold their records in date order (records
/// of one date in stored order); a diary entry without a stored arrival time gets the
/// migrated entry's (00:00 on its date, never late).
///
/// # Errors
/// [`CareError::InvalidEntry`] for a bad zone or plan reference; [`CareError::NotReady`] for
/// an alert machine stored at version 1 (it kept no observations); [`CareError::NotMigrated`]
/// for two documents of a kind the record holds once, a stored setting a care entry does not
/// carry (a diary's late grace, a medication log's tolerances, a score computed with other
/// options), or a rebuilt machine that differs from the stored one; any replay error.
pub fn migrate(stored: &StoredCare<'_>) -> Result<Migration, CareError> {
    let zone = crate::time::parse_zone(&stored.zone).map_err(|_| CareError::InvalidEntry {
        index: 0,
        id: "migrated-patient".into(),
        field: "zone",
        value: quote(&stored.zone),
        detail: "use an IANA zone name such as Europe/Amsterdam".into(),
    })?;
    at_most_one(&stored.alerts, "ipsrt.alert_machine", "alert machine")?;
    at_most_one(&stored.episodes, "ipsrt.episode_course", "episode course")?;
    at_most_one(&stored.rhythm_plans, "ipsrt.rhythm_plan", "rhythm plan")?;
    at_most_one(&stored.medication, "ipsrt.medication_log", "medication log")?;
    at_most_one(&stored.diaries, "ipsrt.srm_diary", "SRM diary")?;
    at_most_one(&stored.journeys, "ipsrt.employment_journey", "IPS journey link")?;

    let b = Builder { zone, author: stored.author.clone() };
    let left_out = Vec::new();
    let mut dated: Vec<Vec<Entry>> = Vec::new();
    for (k, (course_id, course)) in stored.courses.iter().enumerate() {
        let previous = k.checked_sub(1).and_then(|p| stored.courses.get(p)).map(|(c, _)| c.clone());
        dated.push(match course {
            StoredCourse::Ipt(log) => b.course(stored, course_id, previous, log)?,
            StoredCourse::Ipsrt(c) => b.ipsrt_course(stored, course_id, previous, c)?,
        });
    }
    if let Some(machine) = stored.alerts.first() {
        dated.push(b.alerts(machine)?);
    }
    if let Some(ep) = stored.episodes.first() {
        dated.push(b.episode(ep)?);
    }
    if let Some(plan) = stored.rhythm_plans.first() {
        dated.push(b.rhythm_plan(plan));
    }
    dated.push(b.measures(&stored.measures)?);
    for (n, s) in stored.schedules.iter().enumerate() {
        dated.push(b.schedule(n, s)?);
    }
    if let Some(j) = stored.journeys.first() {
        dated.push(vec![b.entry(
            "migrated-ips-00001".into(),
            None,
            j.enrolled_on(),
            EntryKind::IpsJourneyLinked { journey_id: j.participant().to_owned() },
        )]);
    }
    // Relapse-plan versions arrive in the order given, at their effective dates.
    let mut plans = Vec::new();
    for (n, (plan_id, plan)) in stored.plans.iter().enumerate() {
        let id = if n == 0 { "migrated-plan".to_owned() } else { format!("migrated-plan-{:05}", n + 1) };
        plans.push(b.entry(
            id,
            None,
            plan.effective_from,
            EntryKind::RelapsePlanVersion { plan_id: plan_id.clone(), plan: (*plan).clone() },
        ));
    }
    dated.insert(0, plans);
    let mut merged = merge(dated);

    // The medication plan and the diary are dated by their first record, or else by the first
    // date of the rest.
    let first_date = merged.iter().map(|e| e.effective).min();
    if let Some(log) = stored.medication.first() {
        let list = b.medication(log, first_date)?;
        merged = merge(vec![merged, list]);
    }
    if let Some(d) = stored.diaries.first() {
        let list = b.diary(d, first_date)?;
        merged = merge(vec![merged, list]);
    }
    let first = merged.iter().map(|e| e.effective).min().unwrap_or_default();
    let mut entries = vec![b.entry(
        "migrated-patient".into(),
        None,
        first,
        EntryKind::PatientRegistered { patient_ref: stored.patient_ref.clone(), zone: stored.zone.clone() },
    )];
    entries.extend(merged);
    let log = CareLog::new(entries);
    let record = CareRecord::replay(&log)?;
    check_equal(stored, &record, zone)?;
    Ok(Migration { log, left_out })
}

/// Merges date-ordered lists by date; ties go to the earlier list, each list keeps its order.
fn merge(lists: Vec<Vec<Entry>>) -> Vec<Entry> {
    let mut heads: Vec<VecDeque<Entry>> = lists.into_iter().map(Into::into).collect();
    let mut merged = Vec::new();
    loop {
        let next = heads.iter().enumerate().filter_map(|(k, q)| q.front().map(|e| (e.effective, k))).min();
        let Some((_, k)) = next else { break };
        if let Some(e) = heads.get_mut(k).and_then(|q| q.pop_front()) {
            merged.push(e);
        }
    }
    merged
}

struct Builder {
    zone: Tz,
    author: String,
}

impl Builder {
    fn midnight(&self, d: NaiveDate) -> ZonedDateTime {
        ZonedDateTime::new(d.and_hms_opt(0, 0, 0).unwrap_or_default(), self.zone)
    }

    fn entry(&self, id: String, recorded_at: Option<ZonedDateTime>, date: NaiveDate, event: EntryKind) -> Entry {
        Entry::new(id, recorded_at.unwrap_or_else(|| self.midnight(date)), date, self.author.clone(), event)
    }

    /// The plan id a course's plan reference becomes.
    fn plan_ref(
        stored: &StoredCare<'_>,
        index: usize,
        id: &str,
        plan_ref: Option<&String>,
    ) -> Result<Option<String>, CareError> {
        let Some((first_id, _)) = stored.plans.first() else {
            return Err(CareError::UnknownReference {
                index,
                id: quote(id),
                field: "event.plan_ref",
                target: quote(plan_ref.map_or("(none)", |r| r.as_str())),
                detail: "the course records a relapse-prevention plan: pass the stored plan too".into(),
            });
        };
        match plan_ref {
            Some(r) if !stored.plans.iter().any(|(p, _)| p == r) => Err(CareError::InvalidEntry {
                index,
                id: quote(id),
                field: "event.plan_ref",
                value: quote(r),
                detail: format!(
                    "the course names another plan than the one passed ({}): pass that plan under its id",
                    quote(first_id)
                ),
            }),
            Some(r) => Ok(Some(r.clone())),
            None => Ok(Some(first_id.clone())),
        }
    }

    /// One course event as an entry kind (a plan reference resolved).
    fn course_event(
        stored: &StoredCare<'_>,
        course_id: &str,
        n: usize,
        id: &str,
        event: &CourseEvent,
    ) -> Result<EntryKind, CareError> {
        let event = match event {
            CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary } => {
                CourseEvent::RelapsePreventionPlanRecorded {
                    plan_ref: Self::plan_ref(stored, n, id, plan_ref.as_ref())?,
                    summary: summary.clone(),
                }
            }
            other => other.clone(),
        };
        Ok(EntryKind::CourseEvent { course: course_id.to_owned(), event })
    }

    fn course(
        &self,
        stored: &StoredCare<'_>,
        course_id: &str,
        previous: Option<String>,
        log: &CourseLog,
    ) -> Result<Vec<Entry>, CareError> {
        let mut list = Vec::new();
        for (n, record) in log.events.iter().enumerate() {
            let id = format!("migrated-{course_id}-{:05}", n + 1);
            let event = match &record.event {
                CourseEvent::CourseCreated { protocol, taxonomy } => EntryKind::CourseStarted {
                    course: course_id.to_owned(),
                    previous: previous.clone(),
                    protocol: protocol.clone(),
                    taxonomy: *taxonomy,
                },
                other => Self::course_event(stored, course_id, n, &id, other)?,
            };
            list.push(self.entry(id, record.recorded_at, record.date, event));
        }
        Ok(list)
    }

    fn ipsrt_course(
        &self,
        stored: &StoredCare<'_>,
        course_id: &str,
        previous: Option<String>,
        course: &IpsrtCourse,
    ) -> Result<Vec<Entry>, CareError> {
        let created = course.phase_starts().first().map(|(_, d)| *d).unwrap_or_default();
        let mut list = vec![self.entry(
            format!("migrated-{course_id}-00001"),
            None,
            created,
            EntryKind::IpsrtCourseStarted {
                course: course_id.to_owned(),
                previous,
                protocol: course.protocol().clone(),
            },
        )];
        // The IPT events become course events of the IPSRT course, the IPSRT events IPSRT course
        // events, in stored order: the record replays them through the IPSRT course's rules.
        for (n, event) in course.events().iter().enumerate() {
            let id = format!("migrated-{course_id}-{:05}", n + 2);
            let entry = match event {
                IpsrtEvent::Course { record } => {
                    let kind = Self::course_event(stored, course_id, n + 1, &id, &record.event)?;
                    self.entry(id, record.recorded_at, record.date, kind)
                }
                IpsrtEvent::TaskDone { date, .. }
                | IpsrtEvent::IntermediateStarted { date }
                | IpsrtEvent::ContinuationStarted { date, .. }
                | IpsrtEvent::FinalStarted { date }
                | IpsrtEvent::RecurrenceRecorded { date, .. }
                | IpsrtEvent::Ended { date } => self.entry(
                    id,
                    None,
                    *date,
                    EntryKind::IpsrtCourseEvent { course: course_id.to_owned(), event: event.clone() },
                ),
            };
            list.push(entry);
        }
        Ok(list)
    }

    fn alerts(&self, machine: &AlertMachine) -> Result<Vec<Entry>, CareError> {
        if machine.has_base() {
            return Err(CareError::NotReady(
                "this alert machine was stored at version 1 and kept no observations, so its level cannot be rebuilt from entries: start the care record from the plan and record the evidence anew".into(),
            ));
        }
        let mut timeline: Vec<_> = machine.timeline().iter().collect();
        timeline.sort_by_key(|t| t.arrival);
        let mut list = Vec::new();
        for (n, t) in timeline.into_iter().enumerate() {
            let o = &t.observation;
            let id = format!("migrated-obs-{:05}", n + 1);
            let (who, event) = match &o.observed {
                Observed::Acknowledged { by, action } => {
                    (by.clone(), EntryKind::Acknowledged { action: action.clone() })
                }
                other => (self.author.clone(), EntryKind::Observation { observed: other.clone() }),
            };
            let mut e = self.entry(id, o.received_at, o.date, event);
            e.author = who;
            e.at = o.at;
            list.push(e);
        }
        Ok(list)
    }

    fn episode(&self, ep: &EpisodeCourse) -> Result<Vec<Entry>, CareError> {
        let started = serde_json::to_value(ep)
            .ok()
            .and_then(|v| v.get("started").and_then(|s| s.as_str()).and_then(|s| s.parse::<NaiveDate>().ok()))
            .ok_or_else(|| not_migrated("ipsrt.episode_course", "started", "the start date could not be read"))?;
        let history = ep.history();
        // The index episode's polarity: that of the first transition still in episode 1.
        let polarity = history.iter().find(|t| t.episode == 1).map_or(ep.polarity(), |t| t.polarity);
        let mut list = vec![self.entry(
            "migrated-episode-00001".into(),
            None,
            started,
            EntryKind::EpisodeStarted {
                protocol: ep.protocol().clone(),
                polarity,
                prior_episodes: ep.prior_episodes(),
            },
        )];
        for (n, t) in history.iter().enumerate() {
            list.push(self.entry(
                format!("migrated-episode-{:05}", n + 2),
                None,
                t.on,
                EntryKind::EpisodeChanged {
                    event: t.event,
                    polarity: (t.event == EpisodeEvent::Recur).then_some(t.polarity),
                },
            ));
        }
        Ok(list)
    }

    fn rhythm_plan(&self, plan: &RhythmPlan) -> Vec<Entry> {
        let start = plan.events().iter().map(|e| e.date()).chain([plan.baseline_start()]).min().unwrap_or_default();
        let mut list = vec![self.entry(
            "migrated-rhythm-00001".into(),
            None,
            start,
            EntryKind::RhythmPlanStarted { settings: plan.settings().clone(), baseline_start: plan.baseline_start() },
        )];
        for (n, e) in plan.events().iter().enumerate() {
            list.push(self.entry(
                format!("migrated-rhythm-{:05}", n + 2),
                None,
                e.date(),
                EntryKind::RhythmPlanChanged { event: e.clone() },
            ));
        }
        list
    }

    fn medication(&self, log: &MedicationLog, fallback: Option<NaiveDate>) -> Result<Vec<Entry>, CareError> {
        let doc = "ipsrt.medication_log";
        let defaults = MedicationLog::new(log.schedule().to_vec())
            .map_err(|e| not_migrated(doc, "schedule", format!("{e}; fix the stored schedule")))?;
        let settings = |l: &MedicationLog| -> (serde_json::Value, serde_json::Value) {
            let v = serde_json::to_value(l).unwrap_or_default();
            (
                v.get("late_after_minutes").cloned().unwrap_or_default(),
                v.get("missed_doses_flag").cloned().unwrap_or_default(),
            )
        };
        let (late, flag) = settings(log);
        let (d_late, d_flag) = settings(&defaults);
        if late != d_late || flag != d_flag {
            return Err(not_migrated(
                doc,
                format!("late_after_minutes {late}, missed_doses_flag {flag}"),
                format!(
                    "a care record's medication plan uses late_after_minutes {d_late} and missed_doses_flag {d_flag}; keep this log as it is, or save it with those values first"
                ),
            ));
        }
        let records = by_date(log.records(), |r| r.date);
        let Some(date) = records.first().map(|r| r.date).or(fallback) else {
            return Err(not_migrated(
                doc,
                "the schedule",
                "the log has no dose records and nothing else is migrated with it, so the plan has no date: record a dose first, or migrate it with the other documents",
            ));
        };
        let mut list = vec![self.entry(
            "migrated-med-00001".into(),
            None,
            date,
            EntryKind::MedicationPlanSet { doses: log.schedule().to_vec() },
        )];
        for (n, r) in records.iter().enumerate() {
            list.push(self.entry(
                format!("migrated-med-{:05}", n + 2),
                None,
                r.date,
                EntryKind::DoseRecorded { dose: r.dose.clone(), outcome: r.outcome },
            ));
        }
        Ok(list)
    }

    fn diary(&self, diary: &Diary, fallback: Option<NaiveDate>) -> Result<Vec<Entry>, CareError> {
        let doc = "ipsrt.srm_diary";
        let fresh = Diary::new(diary.form().clone());
        if diary.late_grace_hours() != fresh.late_grace_hours() {
            return Err(not_migrated(
                doc,
                format!("late_grace_hours {}", diary.late_grace_hours()),
                format!(
                    "a care record's diary uses a late grace of {} hours; keep this diary as it is, or save it with that value first",
                    fresh.late_grace_hours()
                ),
            ));
        }
        let start = diary.entries().iter().map(|e| e.date).chain(diary.moods().keys().copied()).min();
        let Some(start) = start.or(fallback) else {
            return Err(not_migrated(
                doc,
                "the form",
                "the diary has no entries and nothing else is migrated with it, so it has no date: record a day first, or migrate it with the other documents",
            ));
        };
        let mut list = vec![self.entry(
            "migrated-diary-00001".into(),
            None,
            start,
            EntryKind::DiaryStarted { form: diary.form().clone() },
        )];
        let entries = by_date(diary.entries(), |e| e.date);
        // Groups of entries with the same date and arrival, in order; each date's mood goes with
        // its first group, or a group of its own.
        let mut groups: Vec<DiaryGroup> = Vec::new();
        for e in entries {
            let item = DiaryItem { item: e.item, status: e.status, people: e.people };
            match groups.last_mut() {
                Some((d, at, items, _)) if *d == e.date && *at == e.recorded_at => items.push(item),
                _ => groups.push((e.date, e.recorded_at, vec![item], None)),
            }
        }
        for (date, mood) in diary.moods() {
            let m = mood.value();
            match groups.iter_mut().find(|g| g.0 == *date) {
                Some(g) => g.3 = Some(m),
                None => groups.push((*date, None, Vec::new(), Some(m))),
            }
        }
        groups.sort_by_key(|g| g.0);
        for (n, (date, at, items, mood)) in groups.into_iter().enumerate() {
            list.push(self.entry(
                format!("migrated-diary-{:05}", n + 2),
                at,
                date,
                EntryKind::DiaryDay { items, mood },
            ));
        }
        Ok(list)
    }

    fn measures(&self, measures: &[(NaiveDate, &Score)]) -> Result<Vec<Entry>, CareError> {
        let doc = "ipsrt.measure_score";
        let sorted = by_date(measures, |(d, _)| *d);
        let mut list = Vec::new();
        for (n, (date, score)) in sorted.into_iter().enumerate() {
            let what = format!("the {} score of {date}", quote(&score.instrument));
            let id: InstrumentId = score.instrument.parse().map_err(|_| {
                not_migrated(
                    doc,
                    what.clone(),
                    "a care record holds answers to shipped instruments only; keep this score as it is",
                )
            })?;
            let again = crate::measures::score::score(builtin(id), &score.answers, &ScoreOptions::default());
            if again.as_ref() != Ok(score) {
                return Err(not_migrated(
                    doc,
                    what,
                    "it was scored with other options (missing-data policy or band scheme) than a care record uses (the instrument's defaults): keep this score as it is",
                ));
            }
            list.push(self.entry(
                format!("migrated-measure-{:05}", n + 1),
                None,
                date,
                EntryKind::MeasureAnswered { instrument: id, answers: score.answers.0.clone() },
            ));
        }
        Ok(list)
    }

    fn schedule(&self, n: usize, schedule: &Schedule) -> Result<Vec<Entry>, CareError> {
        let start = schedule.tasks().iter().map(|t| t.start()).min().ok_or_else(|| {
            not_migrated("ipsrt.schedule", "the task list", "a schedule without tasks has no start date: leave it out")
        })?;
        Ok(vec![self.entry(
            format!("migrated-schedule-{:05}", n + 1),
            None,
            start,
            EntryKind::ScheduleSet { schedule: schedule.clone() },
        )])
    }
}

/// Diary entries of one date and arrival: the date, the arrival, the items and the mood.
type DiaryGroup = (NaiveDate, Option<ZonedDateTime>, Vec<DiaryItem>, Option<i8>);

/// The items of `list` stably sorted by date.
fn by_date<T: Clone>(list: &[T], date: impl Fn(&T) -> NaiveDate) -> Vec<T> {
    let mut out = list.to_vec();
    out.sort_by_key(|x| date(x));
    out
}

/// The diary a migrated log rebuilds from `diary`: its entries in date order, each without a
/// stored arrival time given 00:00 on its date in `zone`.
pub(crate) fn expected_diary(diary: &Diary, zone: Tz) -> Diary {
    let mut out = Diary::new(diary.form().clone());
    out.set_late_grace_hours(diary.late_grace_hours());
    for e in by_date(diary.entries(), |e| e.date) {
        let mut e = e.clone();
        if e.recorded_at.is_none() {
            e.recorded_at = Some(ZonedDateTime::new(e.date.and_hms_opt(0, 0, 0).unwrap_or_default(), zone));
        }
        let _ = out.add(e);
    }
    for (d, m) in diary.moods() {
        out.set_mood(*d, *m);
    }
    out
}

/// The medication log a migrated log rebuilds from `log`: its records in date order.
pub(crate) fn expected_medication(log: &MedicationLog) -> MedicationLog {
    let mut out = log.clone();
    let records: Vec<DoseRecord> = by_date(log.records(), |r| r.date);
    if let Ok(mut fresh) = MedicationLog::new(log.schedule().to_vec()) {
        for r in records {
            let _ = fresh.record(r);
        }
        out = fresh;
    }
    out
}

/// Whether a rebuilt IPSRT course equals the stored one: protocol, IPSRT phase, phase starts,
/// tasks, the IPT course inside, and the IPSRT events. Its IPT events are compared through the
/// IPT course they built: the entries give each one its arrival time (the stored event may
/// have none) and the record's plan id.
fn same_ipsrt(stored: &IpsrtCourse, rebuilt: &IpsrtCourse) -> bool {
    let own = |c: &IpsrtCourse| -> Vec<IpsrtEvent> {
        c.events().iter().filter(|e| !matches!(e, IpsrtEvent::Course { .. })).cloned().collect()
    };
    stored.protocol() == rebuilt.protocol()
        && stored.phase() == rebuilt.phase()
        && stored.phase_starts() == rebuilt.phase_starts()
        && stored.tasks_done() == rebuilt.tasks_done()
        && stored.course() == rebuilt.course()
        && stored.events().len() == rebuilt.events().len()
        && own(stored) == own(rebuilt)
}

/// Checks that each machine the record rebuilt equals its stored document.
fn check_equal(stored: &StoredCare<'_>, record: &CareRecord, zone: Tz) -> Result<(), CareError> {
    let differs = |doc: &str, what: &str| {
        not_migrated(
            doc,
            format!("the rebuilt {what}"),
            "it differs from the stored one, so migrating would change it; keep the document as it is and report this",
        )
    };
    for (id, course) in &stored.courses {
        let rebuilt = record.courses().iter().find(|t| &t.id == id).map(|t| &t.course);
        let same = match (course, rebuilt) {
            (StoredCourse::Ipt(log), Some(TrackedCourse::Ipt(c))) => &log.snapshot == c,
            (StoredCourse::Ipsrt(want), Some(TrackedCourse::Ipsrt(c))) => same_ipsrt(want, c),
            _ => false,
        };
        if !same {
            return Err(differs(&format!("course {}", quote(id)), "course"));
        }
    }
    if let Some(ep) = stored.episodes.first()
        && record.episode() != Some(*ep)
    {
        return Err(differs("ipsrt.episode_course", "episode course"));
    }
    if let Some(p) = stored.rhythm_plans.first()
        && record.rhythm_plan() != Some(*p)
    {
        return Err(differs("ipsrt.rhythm_plan", "rhythm plan"));
    }
    if let Some(m) = stored.medication.first()
        && record.medication() != Some(&expected_medication(m))
    {
        return Err(differs("ipsrt.medication_log", "medication log"));
    }
    if let Some(d) = stored.diaries.first()
        && record.diary() != Some(&expected_diary(d, zone))
    {
        return Err(differs("ipsrt.srm_diary", "SRM diary"));
    }
    for (date, score) in &stored.measures {
        if !record.measures().iter().any(|m| m.date == *date && &m.score == *score) {
            return Err(differs("ipsrt.measure_score", "score"));
        }
    }
    for s in &stored.schedules {
        if !record.schedules().iter().any(|v| &v.schedule == *s) {
            return Err(differs("ipsrt.schedule", "schedule"));
        }
    }
    if let Some(machine) = stored.alerts.first()
        && record.alert_level() != machine.level()
    {
        return Err(not_migrated(
            "ipsrt.alert_machine",
            format!("the alert level {:?}", machine.level()),
            format!(
                "the migrated record's level is {:?}: the other documents (diary moods, measures, missed doses) feed the alert machine too, so evidence the machine already read counts twice; migrate the alert machine without those documents, or without the machine",
                record.alert_level()
            ),
        ));
    }
    Ok(())
}
