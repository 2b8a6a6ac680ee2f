//! The IPSRT course on top of the IPT course model.

use chrono::NaiveDate;
use ipsrt::course::{Attendance, CourseEvent, EventRecord};
use ipsrt::inventory::Person;
use ipsrt::ipsrt::{IpsrtCourse, IpsrtError, IpsrtEvent, IpsrtPhase, IpsrtProtocol, IpsrtTask, WeeklyRating};
use ipsrt::persist::{from_json, to_json};
use ipsrt::problem_area::ProblemAreaKind;

fn d(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(day)
}

fn ev(day: i64, e: CourseEvent) -> IpsrtEvent {
    IpsrtEvent::Course { record: Box::new(EventRecord::new(d(day), e)) }
}

fn session(n: u32) -> CourseEvent {
    CourseEvent::SessionRecorded { number: n, attendance: Attendance::Attended, at: None, mode: None }
}

fn initial_phase() -> IpsrtCourse {
    let protocol = IpsrtProtocol::frank();
    let contract = protocol.acute.default_contract();
    let mut c = IpsrtCourse::create(protocol, d(0)).unwrap();
    c.apply(ev(0, session(1))).unwrap();
    c.apply(ev(0, CourseEvent::DiagnosisRecorded { diagnosis: "bipolar I disorder".into(), note: None })).unwrap();
    c.apply(ev(0, CourseEvent::SickRoleRecorded { note: None })).unwrap();
    c.apply(IpsrtEvent::TaskDone { date: d(0), task: IpsrtTask::Psychoeducation }).unwrap();
    c.apply(IpsrtEvent::TaskDone { date: d(0), task: IpsrtTask::SrmBaseline }).unwrap();
    c.apply(ev(7, session(2))).unwrap();
    c.apply(IpsrtEvent::TaskDone { date: d(7), task: IpsrtTask::LifeChart }).unwrap();
    c.apply(ev(7, CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner").unwrap() })).unwrap();
    c.apply(ev(14, session(3))).unwrap();
    c.apply(ev(
        14,
        CourseEvent::ProblemAreaChosen {
            area: ProblemAreaKind::LostHealthySelf,
            dispute_stage: None,
            person: None,
            deviation: None,
        },
    ))
    .unwrap();
    c.apply(ev(14, CourseEvent::FormulationAccepted { summary: "grief for the lost healthy self".into() })).unwrap();
    c.apply(ev(14, CourseEvent::ContractSet { contract, deviation: None })).unwrap();
    c
}

#[test]
fn ipsrt_phases_in_order_with_their_guards() {
    let mut c = initial_phase();
    assert_eq!(c.phase(), IpsrtPhase::Initial);
    // The psychiatrist evaluation is still missing.
    let before = c.clone();
    let e = c.apply(IpsrtEvent::IntermediateStarted { date: d(14) }).unwrap_err();
    assert!(
        matches!(&e, IpsrtError::IpsrtTasksMissing { missing } if missing == &vec![IpsrtTask::PsychiatristEvaluation])
    );
    assert_eq!(c, before);
    // The middle phase is started through the IPSRT layer only.
    assert!(matches!(c.apply(ev(14, CourseEvent::MiddlePhaseStarted)), Err(IpsrtError::UseIntermediateStarted)));
    c.apply(IpsrtEvent::TaskDone { date: d(14), task: IpsrtTask::PsychiatristEvaluation }).unwrap();
    c.apply(IpsrtEvent::IntermediateStarted { date: d(14) }).unwrap();
    assert_eq!(c.phase(), IpsrtPhase::Intermediate);
    assert_eq!(c.course().phase.name(), "middle");
    // Continuation needs the stabilisation criterion.
    let w = |k: i64, dep: f64| WeeklyRating {
        week_start: d(21 + 7 * k),
        depression: dep,
        mania: 2.0,
        medication_stable: true,
    };
    let not_yet = vec![w(0, 9.0), w(1, 8.0), w(2, 7.0), w(3, 6.0)];
    assert!(matches!(
        c.apply(IpsrtEvent::ContinuationStarted { date: d(60), ratings: not_yet }),
        Err(IpsrtError::NotStabilised)
    ));
    let stable = vec![w(0, 6.0), w(1, 5.0), w(2, 7.0), w(3, 6.0)];
    // Met on the last day of week 4 (day 21 + 27 = 48); not before.
    assert!(c.apply(IpsrtEvent::ContinuationStarted { date: d(47), ratings: stable.clone() }).is_err());
    c.apply(IpsrtEvent::ContinuationStarted { date: d(49), ratings: stable }).unwrap();
    assert_eq!(c.phase(), IpsrtPhase::ContinuationMaintenance);
    let visits = c.maintenance_dates();
    assert_eq!(visits.len(), 3 * 2 + 21);
    assert_eq!(visits[0], d(49));
    assert_eq!(visits[1], d(49 + 14));
    assert_eq!(visits[6], d(49).checked_add_months(chrono::Months::new(3)).unwrap());
    assert!(matches!(c.apply(IpsrtEvent::Ended { date: d(60) }), Err(IpsrtError::IllegalCourseEvent { .. })));
    // A recurrence in maintenance returns to acute treatment (the intermediate phase); the IPT
    // course is still in its acute (middle) phase, so it takes no contract.
    let recurrence =
        |day, contract| IpsrtEvent::RecurrenceRecorded { date: d(day), detail: Some("hypomania".into()), contract };
    let acute = c.protocol().acute.default_contract();
    assert!(matches!(c.apply(recurrence(200, Some(acute))), Err(IpsrtError::Course { .. })));
    c.apply(recurrence(200, None)).unwrap();
    assert_eq!(c.phase(), IpsrtPhase::Intermediate);
    assert_eq!(c.recurrences(), vec![(d(200), Some("hypomania"))]);
    assert!(matches!(c.apply(recurrence(201, None)), Err(IpsrtError::IllegalCourseEvent { .. })));
    let stable_again: Vec<_> = (0..4).map(|k| w(26 + k, 5.0)).collect();
    c.apply(IpsrtEvent::ContinuationStarted { date: d(260), ratings: stable_again }).unwrap();
    c.apply(IpsrtEvent::FinalStarted { date: d(700) }).unwrap();
    // The IPSRT course ends only with a relapse plan, and together with its IPT course.
    assert!(matches!(c.apply(IpsrtEvent::Ended { date: d(760) }), Err(IpsrtError::RelapsePlanMissing)));
    c.apply(ev(700, CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("signs".into()) }))
        .unwrap();
    let e = c.apply(IpsrtEvent::Ended { date: d(760) }).unwrap_err();
    assert!(matches!(e, IpsrtError::IptCourseNotTerminating { phase: "middle" }), "{e}");
    assert!(e.to_string().contains("start its termination first (termination_started)"));
    c.apply(ev(720, CourseEvent::TerminationStarted { deviation: None })).unwrap();
    assert!(matches!(c.apply(ev(760, CourseEvent::CourseCompleted)), Err(IpsrtError::UseEnded)));
    c.apply(IpsrtEvent::Ended { date: d(760) }).unwrap();
    assert_eq!(c.phase(), IpsrtPhase::Ended);
    assert_eq!(c.course().phase, ipsrt::course::Phase::Ended { ending: ipsrt::course::Ending::Completed });
    assert_eq!(c.phase_starts().len(), 7);
    let back: IpsrtCourse = from_json(&to_json(&c)).unwrap();
    assert_eq!(back, c);
}

#[test]
fn ipsrt_course_uses_the_ipsrt5_taxonomy_and_rejects_bad_course_events() {
    let mut c = initial_phase();
    assert_eq!(c.course().taxonomy.as_str(), "ipsrt5");
    // A second area: IPSRT works on one.
    c.apply(ev(
        15,
        CourseEvent::ProblemAreaChosen {
            area: ProblemAreaKind::RoleTransition,
            dispute_stage: None,
            person: None,
            deviation: None,
        },
    ))
    .unwrap();
    c.apply(IpsrtEvent::TaskDone { date: d(15), task: IpsrtTask::PsychiatristEvaluation }).unwrap();
    let e = c.apply(IpsrtEvent::IntermediateStarted { date: d(15) }).unwrap_err();
    assert!(matches!(e, IpsrtError::ProblemAreaCount { chosen: 2, allowed: 1 }));
    // Dates go forward.
    assert!(matches!(
        c.apply(IpsrtEvent::TaskDone { date: d(1), task: IpsrtTask::LifeChart }),
        Err(IpsrtError::DateOutOfOrder { .. })
    ));
    // A course event the course model rejects keeps both layers unchanged.
    let before = c.clone();
    assert!(c.apply(ev(20, session(9))).is_err());
    assert_eq!(c, before);
}
