//! One test per course rule (docs/course.md, docs/problem-areas.md#taxonomies).

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::course::*;
use ipsrt::inventory::Person;
use ipsrt::life_event::{LifeEvent, LifeEventKind};
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use ipsrt::time::ZonedDateTime;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::days(n)
}

struct B {
    course: Course,
    d: i64,
}

impl B {
    fn new(protocol: Protocol, taxonomy: Taxonomy) -> B {
        let course =
            Course::create(&EventRecord::new(day(0), CourseEvent::CourseCreated { protocol, taxonomy })).unwrap();
        B { course, d: 0 }
    }
    fn try_(&mut self, e: CourseEvent) -> Result<(), CourseError> {
        let before = serde_json::to_string(&self.course).unwrap();
        let r = self.course.apply(&EventRecord::new(day(self.d), e));
        if r.is_err() {
            assert_eq!(before, serde_json::to_string(&self.course).unwrap(), "a rejected event changed the course");
        }
        r
    }
    fn ok(&mut self, e: CourseEvent) -> &mut Self {
        self.try_(e).unwrap();
        self
    }
    fn session(&mut self, a: Attendance) -> Result<(), CourseError> {
        self.d += 7;
        let number = self.course.sessions.last().map_or(1, |s| s.number + 1);
        self.try_(CourseEvent::SessionRecorded { number, attendance: a, at: None, mode: None })
    }
    fn sessions(&mut self, n: u32) -> &mut Self {
        for _ in 0..n {
            self.session(Attendance::Attended).unwrap();
        }
        self
    }
    /// Initial phase done with `n` sessions, contract from the protocol default.
    fn through_initial(&mut self, n: u32) -> &mut Self {
        self.sessions(n);
        let contract = self.course.protocol.default_contract();
        self.ok(CourseEvent::DiagnosisRecorded { diagnosis: "MDD".into(), note: None })
            .ok(CourseEvent::SickRoleRecorded { note: None })
            .ok(CourseEvent::PersonAdded { person: Person::new("p", "P", "partner").unwrap() })
            .ok(CourseEvent::ProblemAreaChosen {
                area: ProblemAreaKind::RoleDispute,
                dispute_stage: Some(DisputeStage::Renegotiation),
                person: Some("p".parse().unwrap()),
                deviation: None,
            })
            .ok(CourseEvent::FormulationAccepted { summary: "dispute".into() })
            .ok(CourseEvent::ContractSet { contract, deviation: None })
            .ok(CourseEvent::MiddlePhaseStarted)
    }
}

fn wmk() -> B {
    B::new(Protocol::wmk_acute(), Taxonomy::Wmk4)
}

#[test]
fn replay_starts_with_creation_and_reports_index() {
    assert!(matches!(Course::replay(&[]), Err(CourseError::EmptyLog)));
    let e = Course::replay(&[EventRecord::new(day(0), CourseEvent::MiddlePhaseStarted)]).unwrap_err();
    assert_eq!(e.rejected_index(), Some(0));
    let created = EventRecord::new(
        day(0),
        CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 },
    );
    let e = Course::replay(&[created.clone(), created]).unwrap_err();
    assert_eq!(e.rejected_index(), Some(1));
    assert!(e.to_string().contains("event #1 was rejected"));
}

#[test]
fn middle_phase_guard_lists_missing_tasks() {
    let mut b = wmk();
    let e = b.try_(CourseEvent::MiddlePhaseStarted).unwrap_err();
    let CourseError::InitialPhaseIncomplete { missing } = &e else { panic!("{e}") };
    assert_eq!(missing.len(), 6);
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    b.through_initial(3);
    assert_eq!(b.course.phase, Phase::Middle);
}

#[test]
fn formulation_must_be_accepted_and_is_withdrawn_when_areas_change() {
    let mut b = wmk();
    b.sessions(3);
    assert!(b.try_(CourseEvent::FormulationAccepted { summary: "x".into() }).is_err(), "needs an area");
    b.ok(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: None,
        person: None,
        deviation: None,
    })
    .ok(CourseEvent::FormulationAccepted { summary: "grief".into() })
    .ok(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::RoleTransition,
        dispute_stage: None,
        person: None,
        deviation: None,
    });
    assert!(b.course.formulation.is_none());
    assert!(b.course.missing_initial_tasks().contains(&InitialTask::Formulation));
}

#[test]
fn at_most_two_areas_no_duplicates_taxonomy_enforced() {
    let mut b = wmk();
    b.sessions(2);
    let choose = |area| CourseEvent::ProblemAreaChosen { area, dispute_stage: None, person: None, deviation: None };
    b.ok(choose(ProblemAreaKind::Grief)).ok(choose(ProblemAreaKind::RoleTransition));
    assert!(matches!(b.try_(choose(ProblemAreaKind::Grief)), Err(CourseError::AreaAlreadyChosen { .. })));
    let e = b.try_(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::RoleDispute,
        dispute_stage: Some(DisputeStage::Impasse),
        person: None,
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::TooManyAreas { .. })));
    assert!(matches!(b.try_(choose(ProblemAreaKind::LostHealthySelf)), Err(CourseError::AreaNotInTaxonomy { .. })));
    let mut sr = B::new(Protocol::wmk_acute(), Taxonomy::Sr3);
    sr.sessions(2);
    assert!(sr.try_(choose(ProblemAreaKind::InterpersonalDeficits)).is_err());
    let mut ip = B::new(Protocol::ipsrt_acute(), Taxonomy::Ipsrt5);
    ip.sessions(3);
    ip.ok(choose(ProblemAreaKind::LostHealthySelf));
}

#[test]
fn role_dispute_needs_stage_and_stage_machine_holds() {
    let mut b = wmk();
    b.sessions(3);
    let e = b.try_(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::RoleDispute,
        dispute_stage: None,
        person: None,
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::DisputeStage { .. })));
    let e = b.try_(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: Some(DisputeStage::Impasse),
        person: None,
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::DisputeStage { .. })));
    assert!(matches!(
        b.try_(CourseEvent::DisputeStageChanged { stage: DisputeStage::Impasse }),
        Err(CourseError::AreaNotChosen { .. })
    ));
    b.ok(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::RoleDispute,
        dispute_stage: Some(DisputeStage::Impasse),
        person: None,
        deviation: None,
    })
    .ok(CourseEvent::DisputeStageChanged { stage: DisputeStage::Renegotiation })
    .ok(CourseEvent::DisputeStageChanged { stage: DisputeStage::Dissolution });
    assert!(matches!(
        b.try_(CourseEvent::DisputeStageChanged { stage: DisputeStage::Impasse }),
        Err(CourseError::IllegalStageChange { .. })
    ));
}

/// Rules edition 2 (stored courses): deficits despite a life event needs a deviation. Edition 3
/// turns this into a warning (tests/course_deficits.rs).
#[test]
fn deficits_only_as_residual() {
    let mut protocol = Protocol::wmk_acute();
    protocol.rules_edition = 2;
    let mut b = B::new(protocol, Taxonomy::Wmk4);
    b.sessions(2);
    let deficits = |dev: Option<&str>| CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::InterpersonalDeficits,
        dispute_stage: None,
        person: None,
        deviation: dev.map(str::to_owned),
    };
    b.ok(CourseEvent::LifeEventRecorded { life_event: LifeEvent::new(LifeEventKind::Death, day(-30)) });
    let e = b.try_(deficits(None)).unwrap_err();
    assert!(e.to_string().contains("grief"), "{e}");
    b.ok(deficits(Some("the death was long processed; isolation is lifelong")));
    assert_eq!(b.course.deviations.len(), 1);
    // The deviation counts as the acknowledgement, so no warning stays open.
    let ack = b.course.deficits_acknowledgement.clone().unwrap();
    assert_eq!((ack.by, ack.reason.as_str()), (None, "the death was long processed; isolation is lifelong"));
    assert!(b.course.deficits_open().is_none());
    let e = b.try_(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: None,
        person: None,
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::DeficitsNotResidual { .. })));
}

#[test]
fn focus_window_needs_deviation_outside() {
    let mut b = wmk();
    b.sessions(5);
    let e = b.try_(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: None,
        person: None,
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::FocusOutsideWindow { session: 5, first: 1, last: 4 })));
    b.ok(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: None,
        person: None,
        deviation: Some("patient was hospitalised".into()),
    });
    assert_eq!(b.course.deviations[0].reason, "patient was hospitalised");
}

#[test]
fn contract_rules_and_renegotiation() {
    let mut b = wmk();
    let c = |sessions| Contract { sessions, frequency: Frequency::Weekly, minutes: 50 };
    assert!(matches!(
        b.try_(CourseEvent::ContractSet { contract: c(20), deviation: None }),
        Err(CourseError::ContractOutsideProtocol { .. })
    ));
    assert!(matches!(
        b.try_(CourseEvent::ContractRenegotiated { contract: c(12), reason: "x".into(), deviation: None }),
        Err(CourseError::ContractMissing)
    ));
    b.ok(CourseEvent::ContractSet { contract: c(12), deviation: None });
    assert!(matches!(
        b.try_(CourseEvent::ContractSet { contract: c(12), deviation: None }),
        Err(CourseError::AlreadyRecorded { .. })
    ));
    b.ok(CourseEvent::ContractRenegotiated {
        contract: c(14),
        reason: "patient asked for two more".into(),
        deviation: None,
    });
    assert_eq!(b.course.contract().unwrap().sessions, 14);
    assert_eq!(b.course.contracts.len(), 2);
}

#[test]
fn missed_sessions_count_cancelled_do_not_and_contract_exhausts() {
    let mut b = B::new(Protocol::ipt_brief(), Taxonomy::Wmk4);
    b.through_initial(2);
    b.session(Attendance::Missed).unwrap();
    b.session(Attendance::Cancelled).unwrap();
    assert_eq!((b.course.used(), b.course.remaining()), (3, Some(5)));
    b.sessions(5);
    assert_eq!(b.course.remaining(), Some(0));
    assert!(matches!(b.session(Attendance::Attended), Err(CourseError::ContractExhausted { sessions: 8 })));
    assert!(b.course.status().warnings.contains(&Warning::ContractUsedUp));
}

#[test]
fn session_numbers_dates_and_zoned_times() {
    let mut b = wmk();
    let e = b.try_(CourseEvent::SessionRecorded { number: 2, attendance: Attendance::Attended, at: None, mode: None });
    assert!(matches!(e, Err(CourseError::SessionNumber { expected: 1, found: 2 })));
    // 02:30 on the spring-forward night does not exist in Amsterdam, but the wall-clock time is
    // stored as written; the local date must match the event date.
    let at = ZonedDateTime::parse("2026-03-29T02:30", "Europe/Amsterdam").unwrap();
    let wrong_day = b.course.apply(&EventRecord::new(
        day(0),
        CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: Some(at), mode: None },
    ));
    assert!(matches!(wrong_day, Err(CourseError::SessionTimeMismatch { .. })));
    let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
    b.course
        .apply(&EventRecord::new(
            d,
            CourseEvent::SessionRecorded { number: 1, attendance: Attendance::Attended, at: Some(at), mode: None },
        ))
        .unwrap();
    let earlier =
        b.course.apply(&EventRecord::new(d - chrono::Duration::days(1), CourseEvent::SickRoleRecorded { note: None }));
    assert!(matches!(earlier, Err(CourseError::DateBeforePrevious { .. })));
    let mut rec = EventRecord::new(d, CourseEvent::SickRoleRecorded { note: None });
    rec.recorded_at = Some(ZonedDateTime::parse("2026-03-28T23:59", "Europe/Amsterdam").unwrap());
    assert!(matches!(b.course.apply(&rec), Err(CourseError::RecordedBeforeHappened { .. })));
}

#[test]
fn termination_notice_and_warning() {
    let mut b = wmk(); // 16 sessions, notice 2–4
    b.through_initial(3).sessions(10);
    assert_eq!(b.course.remaining(), Some(3));
    let st = b.course.status();
    assert!(st.warnings.iter().any(|w| w.to_string() == "termination not yet raised, 3 sessions left"));
    b.sessions(2);
    assert!(matches!(
        b.try_(CourseEvent::TerminationStarted { deviation: None }),
        Err(CourseError::TerminationTooLate { remaining: 1, notice: 2 })
    ));
    b.ok(CourseEvent::TerminationStarted { deviation: Some("patient was away for a month".into()) });
    assert_eq!(b.course.phase, Phase::Termination);
}

#[test]
fn completion_requires_relapse_plan() {
    let mut b = wmk();
    b.through_initial(3).sessions(9).ok(CourseEvent::TerminationStarted { deviation: None });
    let e = b.try_(CourseEvent::CourseCompleted).unwrap_err();
    assert!(matches!(e, CourseError::RelapsePlanMissing { .. }));
    b.ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("plan-1".into()), summary: None })
        .ok(CourseEvent::CourseCompleted);
    assert_eq!(b.course.phase, Phase::Ended { ending: Ending::Completed });
    // Nothing happens after the end.
    assert!(matches!(b.session(Attendance::Attended), Err(CourseError::WrongPhase { .. })));
}

#[test]
fn spaarne_evaluation_due_and_non_response_stop() {
    let mut b = B::new(Protocol::spaarne(), Taxonomy::Wmk4);
    b.through_initial(3);
    let renegotiate = CourseEvent::ContractRenegotiated {
        contract: Contract { sessions: 16, frequency: Frequency::Weekly, minutes: 50 },
        reason: "extend".into(),
        deviation: None,
    };
    b.ok(renegotiate).sessions(9); // 12 attended
    assert!(b.course.status().warnings.iter().any(|w| matches!(w, Warning::EvaluationDue { .. })));
    assert!(matches!(
        b.session(Attendance::Attended),
        Err(CourseError::EvaluationDue { first: 8, last: 12, next: 13 })
    ));
    b.ok(CourseEvent::ResponseEvaluated { verdict: ResponseVerdict::MinimalOrNoBenefit, basis: None });
    // Rules edition 2: a stop candidate, which the clinician decides (tests/course_non_response.rs).
    assert_eq!(b.course.phase, Phase::Middle);
    assert!(b.course.stop_candidate().is_some());
    b.ok(CourseEvent::EndedNonResponse { alternative_offered: Some("CBT".into()) });
    assert_eq!(
        b.course.phase,
        Phase::Ended { ending: Ending::NonResponse { alternative_offered: Some("CBT".into()) } }
    );
}

#[test]
fn spaarne_minimal_benefit_before_12_does_not_stop() {
    let mut b = B::new(Protocol::spaarne(), Taxonomy::Wmk4);
    b.through_initial(3).sessions(5);
    b.ok(CourseEvent::ResponseEvaluated { verdict: ResponseVerdict::MinimalOrNoBenefit, basis: None });
    assert_eq!(b.course.phase, Phase::Middle);
    b.ok(CourseEvent::EndedNonResponse { alternative_offered: Some("CBT plus antidepressant".into()) });
    assert!(matches!(b.course.phase, Phase::Ended { ending: Ending::NonResponse { .. } }));
}

#[test]
fn non_response_needs_a_verdict_and_basis_is_checked() {
    let mut b = wmk();
    b.through_initial(3);
    assert!(matches!(
        b.try_(CourseEvent::EndedNonResponse { alternative_offered: Some("CBT".into()) }),
        Err(CourseError::NoNonResponseVerdict)
    ));
    let basis = EvaluationBasis {
        instrument: "phq9".into(),
        baseline_total: Some(f64::NAN),
        current_total: Some(10.0),
        source: ipsrt::source::Source::new("KSW-2001", "", ipsrt::source::Evidence::Verified),
    };
    assert!(matches!(
        b.try_(CourseEvent::ResponseEvaluated { verdict: ResponseVerdict::Response, basis: Some(basis) }),
        Err(CourseError::InvalidBasis { .. })
    ));
}

#[test]
fn maintenance_is_a_new_contract() {
    let mut b = wmk();
    b.through_initial(3).sessions(9).ok(CourseEvent::TerminationStarted { deviation: None });
    let m = Protocol::ipt_maintenance().default_contract();
    assert!(matches!(
        b.try_(CourseEvent::MaintenanceStarted { contract: m, deviation: None }),
        Err(CourseError::RelapsePlanMissing { .. })
    ));
    b.ok(CourseEvent::RelapsePreventionPlanRecorded {
        plan_ref: None,
        summary: Some("warning signs: early waking".into()),
    });
    // Rules edition 3: the maintenance contract is checked against the maintenance protocol,
    // frequency included (weekly, fortnightly and monthly are allowed, FRANK-2007).
    let twice_weekly = Contract { frequency: Frequency::TwiceWeekly, ..m };
    let e = b.try_(CourseEvent::MaintenanceStarted { contract: twice_weekly, deviation: None }).unwrap_err();
    assert!(matches!(e, CourseError::ContractOutsideProtocol { .. }));
    assert!(
        e.to_string().contains("frequency twice_weekly lies outside the ipt_maintenance protocol's frequencies weekly"),
        "{e}"
    );
    assert!(e.to_string().contains("FRANK-2007"), "{e}");
    let too_many = Contract { sessions: 40, ..m };
    assert!(matches!(
        b.try_(CourseEvent::MaintenanceStarted { contract: too_many, deviation: None }),
        Err(CourseError::ContractOutsideProtocol { .. })
    ));
    for f in [Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly] {
        b.course
            .check(&EventRecord::new(
                day(b.d),
                CourseEvent::MaintenanceStarted { contract: Contract { frequency: f, ..m }, deviation: None },
            ))
            .unwrap();
    }
    b.ok(CourseEvent::MaintenanceStarted { contract: m, deviation: None });
    assert_eq!(m.frequency, Frequency::Monthly);
    assert_eq!((b.course.used(), b.course.remaining()), (0, Some(24)));
    b.sessions(1);
    assert_eq!(b.course.sessions.last().unwrap().number, 13);
    // A renegotiation in maintenance is checked against the same protocol.
    let e = b.try_(CourseEvent::ContractRenegotiated {
        contract: Contract { frequency: Frequency::TwiceWeekly, ..m },
        reason: "more support".into(),
        deviation: None,
    });
    assert!(matches!(e, Err(CourseError::ContractOutsideProtocol { .. })));
    b.ok(CourseEvent::ContractRenegotiated {
        contract: Contract { frequency: Frequency::TwiceWeekly, ..m },
        reason: "more support".into(),
        deviation: Some("crisis after a bereavement; twice weekly for a while".into()),
    });
    assert!(b.course.deviations.last().unwrap().rule.contains("frequency twice_weekly"));
    b.ok(CourseEvent::CourseCompleted);
}

/// Off-protocol maintenance with a deviation; an IPSRT course uses the MTBD maintenance protocol;
/// under rules edition 2 (stored courses) neither the frequency nor the maintenance session range
/// is checked.
#[test]
fn maintenance_off_protocol_needs_a_deviation() {
    let plan = CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("plan".into()), summary: None };
    let weekly40 = Contract { sessions: 40, frequency: Frequency::Weekly, minutes: 50 };
    // IPSRT: weekly is not in the MTBD maintenance schedule.
    let mut b = B::new(Protocol::ipsrt_acute(), Taxonomy::Ipsrt5);
    b.through_initial(3).sessions(13).ok(CourseEvent::TerminationStarted { deviation: None }).ok(plan.clone());
    let m = Protocol::ipsrt_maintenance().default_contract();
    assert_eq!((m.sessions, m.frequency, m.minutes), (27, Frequency::Monthly, 60));
    let e = b
        .try_(CourseEvent::MaintenanceStarted {
            contract: Contract { frequency: Frequency::Weekly, ..m },
            deviation: None,
        })
        .unwrap_err();
    assert!(e.to_string().contains("ipsrt_maintenance protocol's frequencies fortnightly"), "{e}");
    assert!(matches!(
        b.try_(CourseEvent::MaintenanceStarted {
            contract: Contract { frequency: Frequency::Weekly, ..m },
            deviation: Some(" ".into())
        }),
        Err(CourseError::InvalidText { .. })
    ));
    b.ok(CourseEvent::MaintenanceStarted {
        contract: Contract { frequency: Frequency::Weekly, ..m },
        deviation: Some("shift work: weekly sessions keep the rhythm".into()),
    });
    assert_eq!(b.course.deviations.len(), 1);
    assert_eq!(b.course.deviations[0].reason, "shift work: weekly sessions keep the rhythm");
    // Rules edition 2: only the contract's own numbers.
    let mut protocol = Protocol::wmk_acute();
    protocol.rules_edition = 2;
    let mut b = B::new(protocol, Taxonomy::Wmk4);
    b.through_initial(3).sessions(9).ok(CourseEvent::TerminationStarted { deviation: None }).ok(plan);
    b.ok(CourseEvent::MaintenanceStarted {
        contract: Contract { frequency: Frequency::TwiceWeekly, ..weekly40 },
        deviation: None,
    });
    assert!(b.course.deviations.is_empty());
}

#[test]
fn early_endings_from_any_active_phase() {
    for (ev, check) in [
        (CourseEvent::EndedEarly { reason: EarlyEndReason::NoShows, detail: None }, "ended"),
        (CourseEvent::Referred { to: "inpatient care".into(), reason: None }, "ended"),
    ] {
        let mut b = wmk();
        b.ok(ev.clone());
        assert_eq!(b.course.phase.name(), check);
        assert!(b.try_(ev).is_err());
    }
}

#[test]
fn inventory_events_validate_and_protect_references() {
    let mut b = wmk();
    b.sessions(3);
    let p = Person::new("p", "P", "partner").unwrap();
    b.ok(CourseEvent::PersonAdded { person: p.clone() });
    assert!(matches!(b.try_(CourseEvent::PersonAdded { person: p }), Err(CourseError::DuplicatePerson { .. })));
    b.ok(CourseEvent::ProblemAreaChosen {
        area: ProblemAreaKind::Grief,
        dispute_stage: None,
        person: Some("p".parse().unwrap()),
        deviation: None,
    });
    assert!(matches!(
        b.try_(CourseEvent::PersonRemoved { person_id: "p".parse().unwrap() }),
        Err(CourseError::PersonInUse { .. })
    ));
    let e = b.try_(CourseEvent::PersonRemoved { person_id: "q".parse().unwrap() }).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let mut future = LifeEvent::new(LifeEventKind::Conflict, day(400));
    future.note = Some("later".into());
    assert!(matches!(
        b.try_(CourseEvent::LifeEventRecorded { life_event: future }),
        Err(CourseError::DateInFuture { .. })
    ));
}

#[test]
fn malformed_person_id_is_a_deserialisation_error() {
    let bad = r#"{"date":"2026-01-05","event":{"type":"person_removed","person_id":"has space"}}"#;
    assert!(serde_json::from_str::<EventRecord>(bad).is_err());
}
