//! Proptest invariants of the IPSRT course machine (issue 5: "proptest invariants for each new
//! machine"): arbitrary event sequences never panic, a rejected event changes nothing, accepted
//! sequences keep the phase order (initial → intermediate → continuation/maintenance → final →
//! ended), the intermediate phase is only reached with every IPSRT task done and one problem
//! area, continuation only with the stabilisation criterion met, the IPSRT layer never outlives
//! the IPT course under it, and the stored form replays to the same course.

use chrono::NaiveDate;
use ipsrt::course::{Attendance, CourseEvent, EarlyEndReason, EventRecord};
use ipsrt::inventory::Person;
use ipsrt::ipsrt::{IpsrtCourse, IpsrtEvent, IpsrtPhase, IpsrtProtocol, IpsrtTask, WeeklyRating};
use ipsrt::persist::{from_json, to_json};
use ipsrt::problem_area::ProblemAreaKind;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Session(u8),
    Diagnosis,
    SickRole,
    Person,
    Area(u8),
    Formulation,
    Contract,
    MiddleDirect,
    Task(u8),
    Intermediate,
    Continuation { depression: u8, mania: u8, stable: bool },
    Final,
    End,
    EndEarly(u8),
    Recurrence,
    Plan,
    Terminate,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..3).prop_map(Op::Session),
        1 => Just(Op::Diagnosis),
        1 => Just(Op::SickRole),
        1 => Just(Op::Person),
        1 => (0u8..5).prop_map(Op::Area),
        1 => Just(Op::Formulation),
        1 => Just(Op::Contract),
        1 => Just(Op::MiddleDirect),
        2 => (0u8..4).prop_map(Op::Task),
        2 => Just(Op::Intermediate),
        2 => (0u8..10, 0u8..10, prop::bool::weighted(0.8))
            .prop_map(|(depression, mania, stable)| Op::Continuation { depression, mania, stable }),
        1 => Just(Op::Final),
        1 => Just(Op::End),
        1 => (0u8..4).prop_map(Op::EndEarly),
        1 => Just(Op::Recurrence),
        1 => Just(Op::Plan),
        1 => Just(Op::Terminate),
    ]
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(n)
}

fn course(date: NaiveDate, e: CourseEvent) -> IpsrtEvent {
    IpsrtEvent::Course { record: Box::new(EventRecord::new(date, e)) }
}

fn to_event(op: &Op, c: &IpsrtCourse, date: NaiveDate) -> IpsrtEvent {
    let next_session = c.course().sessions.last().map_or(1, |s| s.number + 1);
    match op {
        Op::Session(a) => course(
            date,
            CourseEvent::SessionRecorded {
                number: next_session,
                attendance: [Attendance::Attended, Attendance::Missed, Attendance::Cancelled][usize::from(*a)],
                at: None,
                mode: None,
            },
        ),
        Op::Diagnosis => course(date, CourseEvent::DiagnosisRecorded { diagnosis: "bipolar I".into(), note: None }),
        Op::SickRole => course(date, CourseEvent::SickRoleRecorded { note: None }),
        Op::Person => {
            let id = format!("p{}", c.course().inventory.len());
            course(date, CourseEvent::PersonAdded { person: Person::new(&id, "Name", "friend").unwrap() })
        }
        Op::Area(a) => {
            let area = [
                ProblemAreaKind::LostHealthySelf,
                ProblemAreaKind::RoleTransition,
                ProblemAreaKind::Grief,
                ProblemAreaKind::RoleDispute,
                ProblemAreaKind::InterpersonalDeficits,
            ][usize::from(*a)];
            let dispute_stage =
                (area == ProblemAreaKind::RoleDispute).then_some(ipsrt::problem_area::DisputeStage::Impasse);
            course(date, CourseEvent::ProblemAreaChosen { area, dispute_stage, person: None, deviation: None })
        }
        Op::Formulation => course(date, CourseEvent::FormulationAccepted { summary: "f".into() }),
        Op::Contract => {
            course(date, CourseEvent::ContractSet { contract: c.protocol().acute.default_contract(), deviation: None })
        }
        Op::MiddleDirect => course(date, CourseEvent::MiddlePhaseStarted),
        Op::Task(t) => IpsrtEvent::TaskDone { date, task: IpsrtTask::ALL[usize::from(*t)] },
        Op::Intermediate => IpsrtEvent::IntermediateStarted { date },
        Op::Continuation { depression, mania, stable } => {
            // Four weeks ending before `date`, all with the same ratings.
            let ratings = (0..4)
                .map(|k| WeeklyRating {
                    week_start: date - chrono::Duration::days(28 - 7 * k),
                    depression: f64::from(*depression),
                    mania: f64::from(*mania),
                    medication_stable: *stable,
                })
                .collect();
            IpsrtEvent::ContinuationStarted { date, ratings }
        }
        Op::Final => IpsrtEvent::FinalStarted { date },
        Op::End => IpsrtEvent::Ended { date },
        Op::Recurrence => IpsrtEvent::RecurrenceRecorded { date, detail: None, contract: None },
        Op::Plan => {
            course(date, CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("plan".into()) })
        }
        Op::Terminate => course(date, CourseEvent::TerminationStarted { deviation: Some("taper".into()) }),
        Op::EndEarly(r) => match r {
            0 => course(date, CourseEvent::EndedEarly { reason: EarlyEndReason::PatientWithdrew, detail: None }),
            1 => course(date, CourseEvent::EndedEarly { reason: EarlyEndReason::TherapistEnded, detail: None }),
            2 => course(date, CourseEvent::EndedEarly { reason: EarlyEndReason::NoShows, detail: None }),
            _ => course(date, CourseEvent::Referred { to: "elsewhere".into(), reason: None }),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn ipsrt_course_invariants(
        prefix in any::<bool>(),
        steps in prop::collection::vec((op(), 0i64..8, prop::bool::weighted(0.05)), 0..90),
    ) {
        let mut c = IpsrtCourse::create(IpsrtProtocol::frank(), day(0)).unwrap();
        let mut date = day(0);
        if prefix {
            // Complete the initial phase (without starting the intermediate one), so that the
            // later phases are explored too.
            for op in [
                Op::Session(0), Op::Session(0), Op::Session(0), Op::Diagnosis, Op::SickRole, Op::Person,
                Op::Area(0), Op::Formulation, Op::Contract, Op::Task(0), Op::Task(1), Op::Task(2), Op::Task(3),
            ] {
                let e = to_event(&op, &c, date);
                c.apply(e).unwrap();
            }
            prop_assert!(c.tasks_missing().is_empty());
        }
        for (op, gap, back) in &steps {
            let d = if *back { date - chrono::Duration::days(1) } else { date + chrono::Duration::days(*gap) };
            let event = to_event(op, &c, d);
            let before = c.clone();
            match c.apply(event.clone()) {
                Err(e) => {
                    prop_assert_eq!(&c, &before, "a rejected event changed the course");
                    prop_assert!(!e.to_string().is_empty());
                }
                Ok(phase) => {
                    date = d;
                    prop_assert_eq!(phase, c.phase());
                    // The one way back: a recurrence returns to acute treatment (intermediate).
                    let recurrence = matches!(op, Op::Recurrence);
                    prop_assert!(
                        c.phase() >= before.phase() || (recurrence && c.phase() == IpsrtPhase::Intermediate),
                        "phase went backwards: {:?} → {:?}", before.phase(), c.phase()
                    );
                    if recurrence {
                        prop_assert!(matches!(before.phase(), IpsrtPhase::ContinuationMaintenance | IpsrtPhase::Final));
                    }
                    prop_assert!(!matches!(op, Op::MiddleDirect), "middle_phase_started must go through intermediate_started");
                    prop_assert_eq!(c.events().len(), before.events().len() + 1);
                }
            }
            // Phase starts are in order, one per phase.
            for w in c.phase_starts().windows(2) {
                let back_to_acute = w[1].0 == IpsrtPhase::Intermediate
                    && matches!(w[0].0, IpsrtPhase::ContinuationMaintenance | IpsrtPhase::Final);
                prop_assert!((w[0].0 < w[1].0 || back_to_acute) && w[0].1 <= w[1].1, "phase starts out of order: {:?}", c.phase_starts());
            }
            // It ends only together with its IPT course, and (rules edition 2) with a relapse plan
            // unless the IPT course ended otherwise (early, referred, non-response).
            if c.phase() == IpsrtPhase::Ended {
                prop_assert!(c.course().phase.is_ended(), "the IPSRT course ended but its IPT course goes on");
                if c.course().phase == (ipsrt::course::Phase::Ended { ending: ipsrt::course::Ending::Completed }) {
                    prop_assert!(c.course().relapse_plan.is_some());
                }
            }
            if c.phase() >= IpsrtPhase::Intermediate && c.phase_starts().iter().any(|(p, _)| *p == IpsrtPhase::Intermediate) {
                prop_assert!(c.tasks_done().len() == IpsrtTask::ALL.len(), "intermediate phase with IPSRT tasks missing");
                prop_assert_eq!(c.course().areas.len(), 1, "IPSRT works on one problem area");
            }
            if c.phase_starts().iter().any(|(p, _)| *p == IpsrtPhase::ContinuationMaintenance) {
                prop_assert!(!c.maintenance_dates().is_empty());
            }
            // The IPSRT layer never outlives the IPT course it is built on.
            if c.course().phase.is_ended() {
                prop_assert_eq!(c.phase(), IpsrtPhase::Ended, "the IPT course ended but the IPSRT course goes on");
            }
            prop_assert!(c.course().areas.len() <= 2);
        }
        // The stored form (protocol, creation day, event log) replays to the same course.
        let back: IpsrtCourse = from_json(&to_json(&c)).unwrap();
        prop_assert_eq!(back, c);
    }
}

/// An IPT course event that ends the course (ended early, referred) ends the IPSRT course on
/// the same day: the IPSRT layer cannot go on to continuation or tasks on top of an ended course.
#[test]
fn an_ipt_course_ending_early_ends_the_ipsrt_course() {
    let mut c = IpsrtCourse::create(IpsrtProtocol::frank(), day(0)).unwrap();
    c.apply(course(
        day(0),
        CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None },
    ))
    .unwrap();
    c.apply(course(day(1), CourseEvent::EndedEarly { reason: EarlyEndReason::PatientWithdrew, detail: None })).unwrap();
    assert_eq!(c.phase(), IpsrtPhase::Ended);
    assert_eq!(c.phase_starts().last(), Some(&(IpsrtPhase::Ended, day(1))));
    // Nothing IPSRT-specific can follow an ended course.
    assert!(c.apply(IpsrtEvent::TaskDone { date: day(2), task: IpsrtTask::LifeChart }).is_err());
    // And the stored log replays to the same end.
    let back: IpsrtCourse = from_json(&to_json(&c)).unwrap();
    assert_eq!(back.phase(), IpsrtPhase::Ended);
}
