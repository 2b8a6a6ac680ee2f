//! Changing the focus in the middle phase (docs/course.md#changing-the-focus-in-the-middle-phase):
//! switching an area (a dispute that dissolves into a transition) or adding a second one, always
//! with a recorded reason; the one-or-two-areas and residual-deficits rules still hold.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::course::*;
use ipsrt::inventory::Person;
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(n)
}

fn apply(c: &mut Course, d: i64, e: CourseEvent) -> Result<(), CourseError> {
    let before = serde_json::to_string(c).unwrap();
    let r = c.apply(&EventRecord::new(day(d), e));
    if r.is_err() {
        assert_eq!(before, serde_json::to_string(c).unwrap(), "a rejected event changed the course");
    }
    r
}

/// A WMK course in the middle phase, focused on a role dispute (impasse) with the partner.
fn dispute_course() -> Course {
    let mut c = Course::create(&EventRecord::new(
        day(0),
        CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 },
    ))
    .unwrap();
    let contract = c.protocol.default_contract();
    for (n, e) in [
        CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: None, mode: None },
        CourseEvent::DiagnosisRecorded { diagnosis: "MDD".into(), note: None },
        CourseEvent::SickRoleRecorded { note: None },
        CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner").unwrap() },
        CourseEvent::PersonAdded { person: Person::new("boss", "Kim", "manager").unwrap() },
        CourseEvent::ProblemAreaChosen {
            area: ProblemAreaKind::RoleDispute,
            dispute_stage: Some(DisputeStage::Impasse),
            person: Some("partner".parse().unwrap()),
            deviation: None,
        },
        CourseEvent::FormulationAccepted { summary: "dispute with Sam".into() },
        CourseEvent::ContractSet { contract, deviation: None },
        CourseEvent::MiddlePhaseStarted,
    ]
    .into_iter()
    .enumerate()
    {
        apply(&mut c, n as i64, e).unwrap();
    }
    c
}

fn switch_to_transition(reason: &str) -> CourseEvent {
    CourseEvent::FocusChanged {
        area: ProblemAreaKind::RoleTransition,
        dispute_stage: None,
        person: Some("partner".parse().unwrap()),
        replaces: Some(ProblemAreaKind::RoleDispute),
        reason: reason.into(),
    }
}

#[test]
fn a_dispute_that_dissolves_becomes_a_transition() {
    let mut c = dispute_course();
    apply(&mut c, 20, CourseEvent::DisputeStageChanged { stage: DisputeStage::Dissolution }).unwrap();
    let w = c.status().warnings;
    let dissolved = w.iter().find(|w| matches!(w, Warning::DisputeDissolved)).unwrap();
    assert!(dissolved.to_string().contains("focus_changed"));
    // A reason is required.
    let e = apply(&mut c, 21, switch_to_transition("  ")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    apply(&mut c, 21, switch_to_transition("the couple separated; the work is now the life after the separation"))
        .unwrap();
    assert_eq!(c.areas.len(), 1);
    assert_eq!(c.areas[0].kind, ProblemAreaKind::RoleTransition);
    assert_eq!(c.focus_text(), "role transition (with partner)");
    let f = c.focus_changes.last().unwrap();
    assert_eq!(
        f.replaced.as_ref().map(|a| (a.kind, a.dispute_stage)),
        Some((ProblemAreaKind::RoleDispute, Some(DisputeStage::Dissolution)))
    );
    assert_eq!(f.area, ProblemAreaKind::RoleTransition);
    assert!(c.status().warnings.iter().all(|w| !matches!(w, Warning::DisputeDissolved)));
    assert_eq!(c.phase, Phase::Middle, "the formulation and phase stay");
}

#[test]
fn adding_a_second_area_and_the_limits() {
    let mut c = dispute_course();
    let add = |area, replaces| CourseEvent::FocusChanged {
        area,
        dispute_stage: None,
        person: Some("boss".parse().unwrap()),
        replaces,
        reason: "lost the job in week 6".into(),
    };
    apply(&mut c, 20, add(ProblemAreaKind::RoleTransition, None)).unwrap();
    assert_eq!(c.areas.len(), 2);
    assert!(c.focus_changes.last().unwrap().replaced.is_none());
    // A third area: replace one instead.
    let e = apply(&mut c, 21, add(ProblemAreaKind::Grief, None)).unwrap_err();
    assert!(matches!(e, CourseError::FocusFull { .. }), "{e}");
    assert!(e.to_string().contains("replaces"));
    // The same area twice, an area not chosen, a stage on a non-dispute.
    assert!(matches!(
        apply(&mut c, 21, add(ProblemAreaKind::RoleTransition, Some(ProblemAreaKind::RoleDispute))),
        Err(CourseError::AreaAlreadyChosen { .. })
    ));
    assert!(matches!(
        apply(&mut c, 21, add(ProblemAreaKind::Grief, Some(ProblemAreaKind::Grief))),
        Err(CourseError::AreaNotChosen { .. })
    ));
    // Deficits stay residual.
    assert!(matches!(
        apply(&mut c, 21, add(ProblemAreaKind::InterpersonalDeficits, Some(ProblemAreaKind::RoleDispute))),
        Err(CourseError::DeficitsNotResidual { .. })
    ));
    // Unknown person.
    let e = apply(
        &mut c,
        21,
        CourseEvent::FocusChanged {
            area: ProblemAreaKind::Grief,
            dispute_stage: None,
            person: Some("nobody".parse().unwrap()),
            replaces: Some(ProblemAreaKind::RoleDispute),
            reason: "r".into(),
        },
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn only_in_the_middle_phase() {
    let mut c = Course::create(&EventRecord::new(
        day(0),
        CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 },
    ))
    .unwrap();
    let e = apply(&mut c, 0, switch_to_transition("r")).unwrap_err();
    assert!(matches!(e, CourseError::WrongPhase { .. }));
    assert!(e.to_string().contains("problem_area_chosen"));
    // The initial-phase hint now names focus_changed for later changes.
    let mut m = dispute_course();
    let e = apply(&mut m, 20, CourseEvent::ProblemAreaRemoved { area: ProblemAreaKind::RoleDispute }).unwrap_err();
    assert!(e.to_string().contains("focus_changed"), "{e}");
}

#[test]
fn a_recurrence_in_maintenance_returns_to_acute_treatment() {
    let mut c = dispute_course();
    for n in 2..=13 {
        apply(
            &mut c,
            20 + n,
            CourseEvent::SessionRecorded { number: n as u32, attendance: Attendance::Attended, at: None, mode: None },
        )
        .unwrap();
    }
    let acute = Contract { sessions: 12, frequency: Frequency::Weekly, minutes: 50 };
    let recurrence =
        |contract| CourseEvent::RecurrenceRecorded { contract, deviation: None, detail: Some("PHQ-9 19".into()) };
    // Not in the acute phases.
    assert!(matches!(apply(&mut c, 40, recurrence(acute)), Err(CourseError::WrongPhase { .. })));
    apply(&mut c, 40, CourseEvent::TerminationStarted { deviation: None }).unwrap();
    apply(&mut c, 40, CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: Some("signs".into()) })
        .unwrap();
    apply(
        &mut c,
        41,
        CourseEvent::MaintenanceStarted { contract: Protocol::ipt_maintenance().default_contract(), deviation: None },
    )
    .unwrap();
    apply(
        &mut c,
        60,
        CourseEvent::SessionRecorded { number: 14, attendance: Attendance::Attended, at: None, mode: None },
    )
    .unwrap();
    // The acute contract is checked against the course's protocol.
    let off = Contract { sessions: 4, frequency: Frequency::Weekly, minutes: 50 };
    assert!(matches!(apply(&mut c, 90, recurrence(off)), Err(CourseError::ContractOutsideProtocol { .. })));
    apply(&mut c, 90, recurrence(acute)).unwrap();
    assert_eq!(c.phase, Phase::Middle);
    assert_eq!((c.used(), c.remaining()), (0, Some(12)));
    assert_eq!(c.recurrences.len(), 1);
    assert!(!c.contracts.last().unwrap().maintenance);
    // Acute work goes on: sessions, termination, maintenance again.
    apply(
        &mut c,
        97,
        CourseEvent::SessionRecorded { number: 15, attendance: Attendance::Attended, at: None, mode: None },
    )
    .unwrap();
    apply(&mut c, 97, CourseEvent::TerminationStarted { deviation: None }).unwrap();
    apply(
        &mut c,
        98,
        CourseEvent::MaintenanceStarted { contract: Protocol::ipt_maintenance().default_contract(), deviation: None },
    )
    .unwrap();
    assert_eq!(c.phase, Phase::Maintenance);
    let kinds: Vec<_> = c.phase_history.iter().map(|p| p.phase).collect();
    assert_eq!(&kinds[kinds.len() - 3..], &[PhaseKind::Middle, PhaseKind::Termination, PhaseKind::Maintenance]);
}
