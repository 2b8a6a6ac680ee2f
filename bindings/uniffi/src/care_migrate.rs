//! Migration of a patient's stored documents into a care record (core
//! `ipsrt::care::migrate`): `careMigrate(patientRef, zone, author, documents, allowLeftOut)`.

use std::sync::Arc;

use ipsrt::care as core;

use crate::care::CareRecord;
use crate::course::Course;
use crate::episode::EpisodeCourse;
use crate::error::{IpsrtError, guard};
use crate::ips::EmploymentJourney;
use crate::ipsrt_course::IpsrtCourse;
use crate::measures::MeasureScore;
use crate::relapse::{AlertMachine, RelapsePlan};
use crate::rhythm::{MedicationLog, RhythmPlan};
use crate::schedule::ScheduledTask;
use crate::srm::SrmDiary;
use crate::time::LocalDate;

/// A stored course and the id it gets in the record; courses are linked in the order given.
#[derive(uniffi::Enum)]
pub enum CareStoredCourse {
    /// An IPT course.
    Ipt {
        /// The course id in the record.
        id: String,
        /// The stored course.
        course: Arc<Course>,
    },
    /// An IPSRT course: it becomes an IPSRT course of the record, whole (protocol, IPSRT tasks
    /// and phases, its IPT course).
    Ipsrt {
        /// The course id in the record.
        id: String,
        /// The stored course.
        course: Arc<IpsrtCourse>,
    },
}

/// A stored relapse-plan version and its plan id (versions of one id rise in the order given).
#[derive(uniffi::Record)]
pub struct CareStoredPlan {
    /// The plan id that course events name.
    pub plan_id: String,
    /// The stored plan.
    pub plan: Arc<RelapsePlan>,
}

/// A stored score and the day it was taken (a stored score has no date).
#[derive(uniffi::Record)]
pub struct CareStoredScore {
    /// The day.
    pub date: LocalDate,
    /// The score (scored with the instrument's defaults, or it is refused).
    pub score: MeasureScore,
}

/// Every stored document of one patient.
#[derive(uniffi::Record)]
pub struct CareStoredDocuments {
    /// Courses, linked in this order.
    #[uniffi(default = [])]
    pub courses: Vec<CareStoredCourse>,
    /// Relapse-plan versions, in order.
    #[uniffi(default = [])]
    pub plans: Vec<CareStoredPlan>,
    /// The alert machine (stored at version 2: it keeps its observations).
    #[uniffi(default = None)]
    pub alerts: Option<Arc<AlertMachine>>,
    /// The episode course.
    #[uniffi(default = None)]
    pub episode: Option<Arc<EpisodeCourse>>,
    /// The rhythm plan.
    #[uniffi(default = None)]
    pub rhythm_plan: Option<Arc<RhythmPlan>>,
    /// The medication log.
    #[uniffi(default = None)]
    pub medication: Option<Arc<MedicationLog>>,
    /// The SRM diary.
    #[uniffi(default = None)]
    pub diary: Option<Arc<SrmDiary>>,
    /// Dated scores.
    #[uniffi(default = [])]
    pub measures: Vec<CareStoredScore>,
    /// Schedule versions (each the tasks of one schedule), in order.
    #[uniffi(default = [])]
    pub schedules: Vec<Vec<ScheduledTask>>,
    /// The IPS employment journey (linked by its participant id).
    #[uniffi(default = None)]
    pub ips_journey: Option<Arc<EmploymentJourney>>,
}

/// A stored fact without a care entry.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CareLeftOut {
    /// The stored document (`ipsrt.ipsrt_course "c1"`).
    pub document: String,
    /// The fact (`event 3 (task_done)`).
    pub fact: String,
    /// Why it has no entry and where it stays.
    pub why: String,
}

/// The migrated record and the stored facts it does not hold.
#[derive(uniffi::Record)]
pub struct CareMigration {
    /// The record, rebuilt from the migrated log (store `record.logJson()`).
    pub record: Arc<CareRecord>,
    /// Stored facts without a care entry; keep those documents.
    pub left_out: Vec<CareLeftOut>,
}

/// Migrates a patient's stored documents into one care record; each machine the record
/// rebuilds is checked against its document. Facts without a care entry are refused unless
/// `allow_left_out`, and then listed (every document kind read here migrates whole, IPSRT
/// courses included, so none is left out today).
#[uniffi::export(default(allow_left_out = false))]
pub fn care_migrate(
    patient_ref: String,
    zone: String,
    author: String,
    documents: CareStoredDocuments,
    allow_left_out: bool,
) -> Result<CareMigration, IpsrtError> {
    guard(|| {
        enum Owned {
            Ipt(Box<ipsrt::course::CourseLog>),
            Ipsrt(Box<ipsrt::ipsrt::IpsrtCourse>),
        }
        let courses: Vec<(String, Owned)> = documents
            .courses
            .iter()
            .map(|c| match c {
                CareStoredCourse::Ipt { id, course } => {
                    (id.clone(), Owned::Ipt(Box::new(course.state.read(Clone::clone))))
                }
                CareStoredCourse::Ipsrt { id, course } => {
                    (id.clone(), Owned::Ipsrt(Box::new(course.state.read(Clone::clone))))
                }
            })
            .collect();
        let plans: Vec<(String, ipsrt::relapse::RelapsePlan)> =
            documents.plans.iter().map(|p| (p.plan_id.clone(), p.plan.state.read(Clone::clone))).collect();
        let alerts = documents.alerts.as_ref().map(|m| m.state.read(Clone::clone));
        let episode = documents.episode.as_ref().map(|e| e.state.read(Clone::clone));
        let rhythm = documents.rhythm_plan.as_ref().map(|p| p.state.read(Clone::clone));
        let medication = documents.medication.as_ref().map(|m| m.state.read(Clone::clone));
        let diary = documents.diary.as_ref().map(|d| d.state.read(Clone::clone));
        let mut scores = Vec::with_capacity(documents.measures.len());
        for s in &documents.measures {
            let core: ipsrt::measures::Score = crate::bridge::from_json_value("measure score", &s.score.json)?;
            scores.push((s.date, core));
        }
        let schedules =
            documents.schedules.iter().map(|t| crate::schedule::schedule(t)).collect::<Result<Vec<_>, _>>()?;
        let journey = documents.ips_journey.as_ref().map(|j| j.state.read(Clone::clone));

        let mut stored = core::migrate::StoredCare::new(&patient_ref, &zone, &author);
        for (id, c) in &courses {
            stored = match c {
                Owned::Ipt(log) => stored.course(id, log),
                Owned::Ipsrt(c) => stored.ipsrt_course(id, c),
            };
        }
        for (id, p) in &plans {
            stored = stored.plan(id, p);
        }
        if let Some(m) = &alerts {
            stored = stored.alerts(m);
        }
        if let Some(e) = &episode {
            stored = stored.episode(e);
        }
        if let Some(p) = &rhythm {
            stored = stored.rhythm_plan(p);
        }
        if let Some(m) = &medication {
            stored = stored.medication(m);
        }
        if let Some(d) = &diary {
            stored = stored.diary(d);
        }
        for (date, s) in &scores {
            stored = stored.measure(*date, s);
        }
        for s in &schedules {
            stored = stored.schedule(s);
        }
        if let Some(j) = &journey {
            stored = stored.ips_journey(j);
        }
        let err = |e: core::CareError| IpsrtError::from(ipsrt::Error::from(e));
        let (log, left_out) = if allow_left_out {
            let m = core::migrate::migrate(&stored).map_err(err)?;
            (m.log, m.left_out)
        } else {
            (core::migrate::to_care_log(&stored).map_err(err)?, Vec::new())
        };
        let record = CareRecord::from_log(&log)?;
        let left_out =
            left_out.into_iter().map(|l| CareLeftOut { document: l.document, fact: l.fact, why: l.why }).collect();
        Ok(CareMigration { record, left_out })
    })
}
