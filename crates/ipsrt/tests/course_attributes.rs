//! Course attributes (`ipsrt.course` v4): the termination checklist (termination tasks recorded
//! or left out, an empty relapse plan), combined treatment (medication started and stopped),
//! the delivery mode of each session and the population of the course.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::course::*;
use ipsrt::i18n::{Locale, Localize};
use ipsrt::inventory::Person;
use ipsrt::persist::{from_json, to_json};
use ipsrt::problem_area::{ProblemAreaKind, Taxonomy};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Duration::days(n)
}

struct B {
    log: CourseLog,
    d: i64,
}

impl B {
    fn new() -> B {
        // The v4 fixture was written under rules edition 2 (the edition of its time).
        let mut protocol = Protocol::wmk_acute();
        protocol.rules_edition = 2;
        let created = CourseEvent::CourseCreated { protocol, taxonomy: Taxonomy::Wmk4 };
        B { log: CourseLog::from_events(vec![EventRecord::new(day(0), created)]).unwrap(), d: 0 }
    }
    fn try_(&mut self, e: CourseEvent) -> Result<(), CourseError> {
        let before = serde_json::to_string(&self.log).unwrap();
        let r = self.log.apply(EventRecord::new(day(self.d), e));
        if r.is_err() {
            assert_eq!(before, serde_json::to_string(&self.log).unwrap(), "a rejected event changed the course");
        }
        r
    }
    fn ok(&mut self, e: CourseEvent) -> &mut Self {
        self.try_(e).unwrap();
        self
    }
    fn session(&mut self, mode: Option<DeliveryMode>) -> &mut Self {
        self.d += 7;
        let number = self.log.snapshot.next_session_number();
        self.ok(CourseEvent::SessionRecorded { number, attendance: Attendance::Attended, at: None, mode })
    }
    fn course(&self) -> &Course {
        &self.log.snapshot
    }
    /// Middle phase after 3 sessions (in person, video, not recorded), contract of 16.
    fn middle(&mut self) -> &mut Self {
        self.ok(CourseEvent::PopulationSet { population: Population::Perinatal })
            .session(Some(DeliveryMode::InPerson))
            .session(Some(DeliveryMode::Video))
            .session(None)
            .ok(CourseEvent::DiagnosisRecorded { diagnosis: "MDD, postpartum onset".into(), note: None })
            .ok(CourseEvent::SickRoleRecorded { note: None })
            .ok(CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner").unwrap() })
            .ok(CourseEvent::ProblemAreaChosen {
                area: ProblemAreaKind::RoleTransition,
                dispute_stage: None,
                person: None,
                deviation: None,
            })
            .ok(CourseEvent::FormulationAccepted { summary: "depression linked to becoming a parent".into() })
            .ok(CourseEvent::ContractSet {
                contract: Contract { sessions: 16, frequency: Frequency::Weekly, minutes: 50 },
                deviation: None,
            })
            .ok(CourseEvent::MiddlePhaseStarted)
    }
    /// Termination raised after 12 sessions.
    fn termination(&mut self) -> &mut Self {
        self.middle();
        for _ in 0..9 {
            self.session(Some(DeliveryMode::Phone));
        }
        self.ok(CourseEvent::TerminationStarted { deviation: None })
    }
}

#[test]
fn termination_tasks_make_a_checklist_that_the_status_shows() {
    let mut b = B::new();
    b.middle();
    // Before termination: no checklist, and tasks are refused.
    assert!(b.course().status().termination_tasks.is_empty());
    let e =
        b.try_(CourseEvent::TerminationTaskRecorded { task: TerminationTask::LossExpressed, note: None }).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    assert!(e.to_string().contains("termination_started"), "{e}");

    let mut b = B::new();
    b.termination();
    let status = b.course().status();
    assert!(status.termination_tasks.iter().all(|t| t.state == TaskState::Open));
    assert!(status.warnings.contains(&Warning::TerminationTasksOpen { open: TerminationTask::ALL.to_vec() }));
    assert!(status.warnings.contains(&Warning::RelapsePlanMissing));

    b.ok(CourseEvent::TerminationTaskRecorded {
        task: TerminationTask::LossExpressed,
        note: Some("sadness about ending named".into()),
    });
    // Once per task.
    let e =
        b.try_(CourseEvent::TerminationTaskRecorded { task: TerminationTask::LossExpressed, note: None }).unwrap_err();
    assert!(matches!(e, CourseError::TerminationTaskAlreadyRecorded { task: TerminationTask::LossExpressed, .. }));
    // Leaving a task out needs a reason and is a deviation.
    let e = b
        .try_(CourseEvent::TerminationTaskSkipped { task: TerminationTask::AftercareAgreed, reason: " ".into() })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    b.ok(CourseEvent::TerminationTaskSkipped {
        task: TerminationTask::AftercareAgreed,
        reason: "after-care arranged by the GP".into(),
    });
    assert!(b.course().deviations.iter().any(|d| d.rule == "termination task aftercare_agreed left out"));
    let status = b.course().status();
    let states: Vec<TaskState> = status.termination_tasks.iter().map(|t| t.state).collect();
    assert_eq!(states, [TaskState::Done, TaskState::Open, TaskState::Skipped]);
    assert!(
        status.warnings.contains(&Warning::TerminationTasksOpen { open: vec![TerminationTask::IndependentCompetence] })
    );
    // A task left out may still be done after all; then it is no longer skipped.
    b.ok(CourseEvent::TerminationTaskRecorded { task: TerminationTask::AftercareAgreed, note: None });
    assert_eq!(b.course().termination_task(TerminationTask::AftercareAgreed).unwrap().skipped, None);
    b.ok(CourseEvent::TerminationTaskRecorded { task: TerminationTask::IndependentCompetence, note: None });
    assert!(b.course().open_termination_tasks().is_empty());
    assert!(!b.course().status().warnings.iter().any(|w| matches!(w, Warning::TerminationTasksOpen { .. })));
}

#[test]
fn an_empty_relapse_plan_is_warned_about_and_completion_with_open_tasks_stays_visible() {
    let mut b = B::new();
    b.termination();
    b.ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: None, summary: None });
    assert!(b.course().relapse_plan_empty());
    let w = b.course().status().warnings;
    assert!(w.contains(&Warning::RelapsePlanEmpty), "{w:?}");
    assert!(!w.contains(&Warning::RelapsePlanMissing));
    assert_ne!(Warning::RelapsePlanEmpty.label_in(Locale::Nl), Warning::RelapsePlanEmpty.to_string());
    b.ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("plan-1".into()), summary: None });
    assert!(!b.course().status().warnings.contains(&Warning::RelapsePlanEmpty));
    // Completion is the clinician's decision: accepted with tasks open, which stay visible.
    b.ok(CourseEvent::CourseCompleted);
    assert_eq!(b.course().open_termination_tasks(), TerminationTask::ALL.to_vec());
    let status = b.course().status();
    assert!(status.termination_tasks.iter().all(|t| t.state == TaskState::Open));
    assert_eq!(status.phase, "ended");
}

#[test]
fn combined_treatment_has_dated_periods() {
    let mut b = B::new();
    b.middle();
    assert!(!b.course().combined_treatment());
    let e = b.try_(CourseEvent::MedicationStopped { medication: "sertraline".into(), note: None }).unwrap_err();
    assert!(e.to_string().contains("no medication is running"), "{e}");
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    // Started before this record (already taken at intake).
    b.ok(CourseEvent::MedicationStarted {
        medication: "sertraline".into(),
        started: Some(day(-30)),
        note: Some("50 mg".into()),
    });
    let e = b
        .try_(CourseEvent::MedicationStarted { medication: "sertraline".into(), started: None, note: None })
        .unwrap_err();
    assert!(e.to_string().contains("already running"), "{e}");
    let e = b
        .try_(CourseEvent::MedicationStarted { medication: "x".into(), started: Some(day(b.d + 1)), note: None })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = b.try_(CourseEvent::MedicationStopped { medication: "Sertraline".into(), note: None }).unwrap_err();
    assert!(e.to_string().contains("running: \"sertraline\""), "{e}");
    let status = b.course().status();
    assert!(status.combined_treatment);
    assert_eq!(status.medication, ["sertraline"]);
    b.session(None);
    b.ok(CourseEvent::MedicationStopped { medication: "sertraline".into(), note: None });
    let stopped = day(b.d);
    b.session(None);
    let c = b.course();
    assert!(c.combined_treatment(), "combined treatment stays true for outcome splits");
    assert!(c.current_medication().is_empty());
    assert_eq!(c.medication_on(stopped), ["sertraline"]);
    assert!(c.medication_on(day(b.d)).is_empty());
    assert!(c.medication_on(day(-31)).is_empty());
    assert_eq!(c.medications[0].started, day(-30));
    // Started again later: a second period.
    b.ok(CourseEvent::MedicationStarted { medication: "sertraline".into(), started: None, note: None });
    assert_eq!(b.course().medications.len(), 2);
}

#[test]
fn delivery_mode_and_population_are_recorded_never_assumed() {
    let mut b = B::new();
    assert_eq!(b.course().status().population, None);
    b.middle();
    let status = b.course().status();
    assert_eq!(status.population, Some(Population::Perinatal));
    let counts: Vec<(Option<DeliveryMode>, u32)> = status.delivery.iter().map(|d| (d.mode, d.attended)).collect();
    assert_eq!(counts, [(Some(DeliveryMode::InPerson), 1), (Some(DeliveryMode::Video), 1), (None, 1)]);
    // Missed and cancelled sessions are not counted as delivered.
    let number = b.course().next_session_number();
    b.ok(CourseEvent::SessionRecorded {
        number,
        attendance: Attendance::Missed,
        at: None,
        mode: Some(DeliveryMode::Group),
    });
    assert_eq!(b.course().sessions.last().unwrap().mode, Some(DeliveryMode::Group));
    assert_eq!(b.course().delivery_counts().len(), 3);
    // The same population twice is refused; another one replaces it.
    let e = b.try_(CourseEvent::PopulationSet { population: Population::Perinatal }).unwrap_err();
    assert!(matches!(e, CourseError::AlreadyRecorded { .. }), "{e}");
    b.ok(CourseEvent::PopulationSet { population: Population::Adult });
    assert_eq!(b.course().population, Some(Population::Adult));
    // A session without a mode writes no field: older readers see the JSON they know.
    let json = serde_json::to_value(&b.log.events[2]).unwrap();
    assert_eq!(json["event"]["mode"], "in_person");
    let json = serde_json::to_value(&b.log.events[4]).unwrap();
    assert!(json["event"].get("mode").is_none(), "{json}");
    // An unknown mode is refused by name.
    let bad = r#"{"date":"2026-09-01","event":{"type":"session_recorded","number":1,"attendance":"attended","mode":"letter"}}"#;
    let e = serde_json::from_str::<EventRecord>(bad).unwrap_err().to_string();
    assert!(e.contains("letter") && e.contains("in_person"), "{e}");
}

#[test]
fn labels_exist_in_english_and_dutch() {
    assert_eq!(Population::OlderAdult.label_in(Locale::En), "older adult");
    assert_eq!(Population::Adolescent.label_in(Locale::Nl), "adolescenten (IPT-A)");
    assert_eq!(DeliveryMode::InPerson.label_in(Locale::En), "in person");
    assert_eq!(TaskState::Skipped.label_in(Locale::Nl), "vervallen");
    let w = Warning::TerminationTasksOpen { open: vec![TerminationTask::IndependentCompetence] };
    assert_eq!(w.label_in(Locale::En), w.to_string());
    assert!(w.label_in(Locale::Nl).contains("eigen competentie erkend"), "{}", w.label_in(Locale::Nl));
}

/// The full scenario of the frozen v4 fixture.
fn v4_scenario() -> CourseLog {
    let mut b = B::new();
    b.termination();
    b.ok(CourseEvent::MedicationStarted {
        medication: "sertraline".into(),
        started: Some(day(20)),
        note: Some("50 mg, GP".into()),
    })
    .ok(CourseEvent::TerminationTaskRecorded {
        task: TerminationTask::LossExpressed,
        note: Some("sadness about ending named".into()),
    })
    .ok(CourseEvent::TerminationTaskRecorded { task: TerminationTask::IndependentCompetence, note: None })
    .ok(CourseEvent::TerminationTaskSkipped {
        task: TerminationTask::AftercareAgreed,
        reason: "after-care arranged by the GP".into(),
    })
    .ok(CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("plan-2026-12".into()), summary: None })
    .session(Some(DeliveryMode::Video))
    .ok(CourseEvent::MedicationStopped { medication: "sertraline".into(), note: None })
    .ok(CourseEvent::CourseCompleted);
    b.log
}

fn fixture_path() -> String {
    format!("{}/../../test-vectors/persist/ipsrt.course.v4.json", env!("CARGO_MANIFEST_DIR"))
}

/// Writes the frozen fixture; run once by hand with `--ignored` when v4 is introduced, never
/// after (the fixture is frozen).
#[test]
#[ignore]
fn write_v4_fixture() {
    std::fs::write(fixture_path(), to_json(&v4_scenario()) + "\n").unwrap();
}

#[test]
fn v4_fixture_loads_and_replays() {
    let log: CourseLog = from_json(&std::fs::read_to_string(fixture_path()).unwrap()).unwrap();
    assert_eq!(log, v4_scenario());
    let c = &log.snapshot;
    assert_eq!(c.phase, Phase::Ended { ending: Ending::Completed });
    assert_eq!(c.population, Some(Population::Perinatal));
    assert!(c.combined_treatment());
    assert_eq!(c.medications[0].stopped, Some(c.last_date));
    assert_eq!(
        c.termination_checklist().iter().map(|t| t.state).collect::<Vec<_>>(),
        [TaskState::Done, TaskState::Done, TaskState::Skipped]
    );
    assert_eq!(c.delivery_counts().first(), Some(&(Some(DeliveryMode::InPerson), 1)));
}

/// Logs of every earlier version still load and replay, with no attribute recorded.
#[test]
fn older_logs_load_without_attributes() {
    for v in 1..=3 {
        let text = std::fs::read_to_string(format!(
            "{}/../../test-vectors/persist/ipsrt.course.v{v}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let log: CourseLog = from_json(&text).unwrap();
        let c = &log.snapshot;
        assert_eq!((c.population, c.combined_treatment(), c.termination_tasks.len()), (None, false, 0), "v{v}");
        assert!(c.sessions.iter().all(|s| s.mode.is_none()), "v{v}");
        let status = c.status();
        assert!(status.delivery.iter().all(|d| d.mode.is_none()), "v{v}");
    }
}
