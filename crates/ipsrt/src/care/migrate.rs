//! Today's stored courses, relapse plans and alert machines, turned into a care log.
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

use chrono::NaiveDate;

use super::{CareError, CareLog, CareRecord, Entry, EntryKind, quote};
use crate::course::{CourseEvent, CourseLog};
use crate::relapse::{AlertMachine, Observed, RelapsePlan};
use crate::time::ZonedDateTime;

/// What is stored today for one patient, to be turned into a care log.
#[derive(Debug, Clone)]
pub struct StoredCare<'a> {
    patient_ref: String,
    zone: String,
    author: String,
    courses: Vec<(String, &'a CourseLog)>,
    plan: Option<(String, &'a RelapsePlan)>,
    alerts: Option<&'a AlertMachine>,
}

impl<'a> StoredCare<'a> {
    /// A patient (id and IANA zone) and the author the migrated entries name.
    pub fn new(patient_ref: &str, zone: &str, author: &str) -> Self {
        StoredCare {
            patient_ref: patient_ref.to_owned(),
            zone: zone.to_owned(),
            author: author.to_owned(),
            courses: Vec::new(),
            plan: None,
            alerts: None,
        }
    }

    /// Adds a stored course under a course id; several courses are linked in the order added
    /// (each one's `previous` is the one before).
    pub fn course(mut self, id: &str, log: &'a CourseLog) -> Self {
        self.courses.push((id.to_owned(), log));
        self
    }

    /// The stored relapse plan, under a plan id.
    pub fn plan(mut self, id: &str, plan: &'a RelapsePlan) -> Self {
        self.plan = Some((id.to_owned(), plan));
        self
    }

    /// The stored alert machine (its observations become entries, in their arrival order).
    pub fn alerts(mut self, machine: &'a AlertMachine) -> Self {
        self.alerts = Some(machine);
        self
    }
}

/// Builds a care log from stored data and checks that it replays.
///
/// Entries get ids `migrated-…`; the arrival order is the patient, the plan, then the course
/// events and the observations merged by date (each in its stored order). A course's
/// `relapse_prevention_plan_recorded` event names the migrated plan: a missing reference is set
/// to the plan id, a different one is refused.
///
/// # Errors
/// [`CareError::InvalidEntry`] for a bad patient, zone or plan reference;
/// [`CareError::NotReady`] for an alert machine stored at version 1 (it kept no observations,
/// so its state cannot be rebuilt from entries); any replay error of the result.
pub fn to_care_log(stored: &StoredCare<'_>) -> Result<CareLog, CareError> {
    let zone = crate::time::parse_zone(&stored.zone).map_err(|_| CareError::InvalidEntry {
        index: 0,
        id: "migrated-patient".into(),
        field: "zone",
        value: quote(&stored.zone),
        detail: "use an IANA zone name such as Europe/Amsterdam".into(),
    })?;
    let midnight = |d: NaiveDate| ZonedDateTime::new(d.and_hms_opt(0, 0, 0).unwrap_or_default(), zone);
    let author = stored.author.clone();

    // Course events and observations, each in stored order, merged by date.
    let mut dated: Vec<Vec<Entry>> = Vec::new();
    for (k, (course_id, log)) in stored.courses.iter().enumerate() {
        let mut list = Vec::new();
        for (n, record) in log.events.iter().enumerate() {
            let id = format!("migrated-{course_id}-{:05}", n + 1);
            let event = match &record.event {
                CourseEvent::CourseCreated { protocol, taxonomy } => EntryKind::CourseStarted {
                    course: course_id.clone(),
                    previous: k.checked_sub(1).and_then(|p| stored.courses.get(p)).map(|(c, _)| c.clone()),
                    protocol: protocol.clone(),
                    taxonomy: *taxonomy,
                },
                CourseEvent::RelapsePreventionPlanRecorded { plan_ref, summary } => {
                    let Some((plan_id, _)) = &stored.plan else {
                        return Err(CareError::UnknownReference {
                            index: n,
                            id: quote(&id),
                            field: "event.plan_ref",
                            target: quote(plan_ref.as_deref().unwrap_or("(none)")),
                            detail: "the course records a relapse-prevention plan: pass the stored plan too".into(),
                        });
                    };
                    if let Some(r) = plan_ref
                        && r != plan_id
                    {
                        return Err(CareError::InvalidEntry {
                            index: n,
                            id: quote(&id),
                            field: "event.plan_ref",
                            value: quote(r),
                            detail: format!(
                                "the course names another plan than the one passed ({}): pass that plan under its id",
                                quote(plan_id)
                            ),
                        });
                    }
                    EntryKind::CourseEvent {
                        course: course_id.clone(),
                        event: CourseEvent::RelapsePreventionPlanRecorded {
                            plan_ref: Some(plan_id.clone()),
                            summary: summary.clone(),
                        },
                    }
                }
                other => EntryKind::CourseEvent { course: course_id.clone(), event: other.clone() },
            };
            let recorded_at = record.recorded_at.unwrap_or_else(|| midnight(record.date));
            list.push(Entry::new(id, recorded_at, record.date, author.clone(), event));
        }
        dated.push(list);
    }
    if let Some(machine) = stored.alerts {
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
            let recorded_at = o.received_at.unwrap_or_else(|| midnight(o.date));
            let (who, event) = match &o.observed {
                Observed::Acknowledged { by, action } => {
                    (by.clone(), EntryKind::Acknowledged { action: action.clone() })
                }
                other => (author.clone(), EntryKind::Observation { observed: other.clone() }),
            };
            let mut e = Entry::new(id, recorded_at, o.date, who, event);
            e.at = o.at;
            list.push(e);
        }
        dated.push(list);
    }
    let mut merged: Vec<Entry> = Vec::new();
    let mut heads: Vec<std::collections::VecDeque<Entry>> = dated.into_iter().map(Into::into).collect();
    loop {
        let next = heads.iter().enumerate().filter_map(|(k, q)| q.front().map(|e| (e.effective, k))).min();
        let Some((_, k)) = next else { break };
        if let Some(e) = heads.get_mut(k).and_then(|q| q.pop_front()) {
            merged.push(e);
        }
    }

    let first = merged
        .iter()
        .map(|e| e.effective)
        .chain(stored.plan.iter().map(|(_, p)| p.effective_from))
        .min()
        .unwrap_or_default();
    let mut entries = vec![Entry::new(
        "migrated-patient",
        midnight(first),
        first,
        author.clone(),
        EntryKind::PatientRegistered { patient_ref: stored.patient_ref.clone(), zone: stored.zone.clone() },
    )];
    if let Some((plan_id, plan)) = &stored.plan {
        entries.push(Entry::new(
            "migrated-plan",
            midnight(plan.effective_from),
            plan.effective_from,
            author.clone(),
            EntryKind::RelapsePlanVersion { plan_id: plan_id.clone(), plan: (*plan).clone() },
        ));
    }
    entries.extend(merged);
    let log = CareLog::new(entries);
    CareRecord::replay(&log)?;
    Ok(log)
}
