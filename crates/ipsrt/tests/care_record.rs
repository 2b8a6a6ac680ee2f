//! The care record: replay, append, corrections, late entries, status, persistence and the
//! six-month patient of `examples/care_record.json`.

mod care_common;

use care_common::*;
use ipsrt::ErrorKind;
use ipsrt::care::{CareError, CareLog, CareRecord, Entry, EntryKind, EntryState, WarningKind};
use ipsrt::persist::{from_json, to_json};
use ipsrt::relapse::{AlertLevel, Observed};

fn example_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/care_record.json")
}

#[test]
fn the_example_file_is_the_six_month_patient() {
    let log = six_month_log();
    let json = ipsrt::persist::to_json_pretty(&log) + "\n";
    if std::env::var_os("IPSRT_WRITE_EXAMPLES").is_some() {
        std::fs::write(example_path(), &json).unwrap();
    }
    let stored =
        std::fs::read_to_string(example_path()).expect("examples/care_record.json (IPSRT_WRITE_EXAMPLES=1 writes it)");
    assert_eq!(stored, json, "examples/care_record.json is stale: rerun with IPSRT_WRITE_EXAMPLES=1");
    let loaded: CareLog = from_json(&stored).unwrap();
    assert_eq!(loaded, log);
}

#[test]
fn replaying_the_log_twice_gives_identical_json() {
    let log = six_month_log();
    let a = CareRecord::replay(&log).unwrap();
    let b = CareRecord::replay(&log).unwrap();
    assert_eq!(a.to_json_pretty(), b.to_json_pretty());
    assert_eq!(a, b);
    // Through the persisted form as well.
    let again: CareLog = from_json(&to_json(&log)).unwrap();
    assert_eq!(CareRecord::replay(&again).unwrap().to_json_pretty(), a.to_json_pretty());
}

#[test]
fn the_six_month_patient_rebuilds_every_machine() {
    let r = CareRecord::replay(&six_month_log()).unwrap();
    assert_eq!(r.patient_ref(), Some("P-0042"));
    // Two courses, the second linked to the first.
    let courses = r.courses();
    assert_eq!(courses.len(), 2);
    assert_eq!(courses[1].previous.as_deref(), Some("ipsrt-1"));
    assert!(matches!(courses[0].course.ipt().phase, ipsrt::course::Phase::Ended { .. }));
    assert_eq!(courses[0].course.ipt().relapse_plan.as_ref().and_then(|p| p.plan_ref.as_deref()), Some("rp"));
    // Episode: response, remission, then the return of symptoms.
    assert_eq!(r.episode().unwrap().state(), ipsrt::episode::EpisodeState::Episode);
    assert_eq!(r.episode().unwrap().history().len(), 3);
    // Both plan versions are kept; the second is in force.
    assert_eq!(r.relapse_plans().len(), 2);
    assert_eq!(r.plan_in_force().unwrap().version, 2);
    // Measures scored by the core.
    assert!(r.measures().iter().any(|m| m.score.instrument == "phq9" && m.score.total == Some(15)));
    assert!(r.diary().unwrap().entries().len() > 500);
    assert_eq!(r.ips_journey(), Some("ips-P-0042"));
    assert_eq!(r.zones().unwrap().changes().len(), 3);

    // The late PHQ-9 is marked late, and the machine says so too.
    let late: Vec<_> = r.entries().iter().filter(|e| e.late).collect();
    assert!(late.iter().any(|e| e.kind == "measure_answered" && e.effective == d("2026-02-16")), "{late:?}");
    assert!(r.decisions().iter().any(|d| d.decision.late && d.decision.date == care_common::d("2026-02-16")));

    // An early warning, then Crisis on 2026-03-30 (item 9), acknowledged the next day.
    let alerts = r.alerts();
    assert!(alerts.iter().any(|a| a.transition.to == AlertLevel::EarlyWarning));
    let crisis = alerts.iter().find(|a| a.transition.to == AlertLevel::Crisis).unwrap();
    assert_eq!(crisis.transition.date, d("2026-03-30"));
    assert_eq!(crisis.plan_version, 1);
    assert_eq!(crisis.plan_id.as_deref(), Some("rp"));
    let evidence = &crisis.evidence;
    let phq = r.log().entries.iter().find(|e| e.id == evidence[0]).unwrap();
    assert!(matches!(phq.event, EntryKind::MeasureAnswered { .. }) && phq.effective == d("2026-03-30"));
    let ack = alerts.iter().find(|a| a.transition.from == AlertLevel::Crisis).unwrap();
    assert_eq!(ack.transition.date, d("2026-03-31"));
    assert!(ack.transition.reasons.iter().any(|x| x.rule == ipsrt::relapse::Rule::ClinicianAcknowledged));

    // The corrected diary day keeps its id; the correction points at it.
    let corrected = r.entries().iter().find(|e| matches!(e.state, EntryState::Corrected { .. })).unwrap();
    assert_eq!(corrected.effective, d("2026-02-10"));
    assert_eq!(r.diary().unwrap().moods().get(&d("2026-02-10")).map(|m| m.value()), Some(-1));
}

#[test]
fn status_shows_due_overdue_missed_alert_and_warnings() {
    let r = CareRecord::replay(&six_month_log()).unwrap();
    // On the crisis day: the PHQ-9 with item 9 is an open safety warning.
    let s = r.status(d("2026-03-30")).unwrap();
    assert_eq!(s.alert.level, AlertLevel::Crisis);
    assert_eq!((s.alert.plan_id.as_deref(), s.alert.plan_version), (Some("rp"), Some(1)));
    assert!(!s.alert.evidence.is_empty());
    assert!(s.safety_warnings.iter().any(|w| w.kind == WarningKind::SafetyAnswer && w.date == d("2026-03-30")));
    // The next day the acknowledgement closes it.
    let s = r.status(d("2026-03-31")).unwrap();
    assert!(s.safety_warnings.iter().all(|w| w.kind != WarningKind::SafetyAnswer), "{:?}", s.safety_warnings);
    assert!(s.alert.level < AlertLevel::Crisis);

    // During the June gap: missed diaries, a missed run, no data for days.
    let s = r.status(d("2026-06-13")).unwrap();
    assert!(s.missed.iter().filter(|o| o.what == "srm_diary").count() >= 3, "{:?}", s.missed);
    assert!(s.missed_streaks.iter().any(|m| m.task == "srm" && m.current >= 3));
    // The status derives the open data gap and the run of missed diaries (3 in a row: Watch).
    assert_eq!(s.derived_observations.len(), 2, "{:?}", s.derived_observations);
    assert!(
        s.derived_observations
            .iter()
            .any(|o| o.observed == Observed::MissedOccurrences { task: "srm".into(), count: 3 })
    );
    assert_eq!((s.alert.level, s.alert.since), (AlertLevel::Watch, Some(d("2026-06-13"))));
    assert!(s.alert.reasons.iter().any(|r| r.rule == ipsrt::relapse::Rule::MissedOccurrences), "{:?}", s.alert);
    assert!(s.due.iter().any(|o| o.id.starts_with("srm/2026-06-13")), "{:?}", s.due);
    // As known on that day: the entries recorded later do not count yet.
    assert_eq!(s.courses.len(), 1);
    assert_eq!(s.alert.plan_version, Some(2));

    // After the return of symptoms: item 9 again, not yet acknowledged on 2026-06-30.
    let s = r.status(d("2026-06-30")).unwrap();
    assert_eq!(s.alert.level, AlertLevel::Crisis);
    assert_eq!(s.alert.plan_version, Some(2));
    assert!(s.safety_warnings.iter().any(|w| w.kind == WarningKind::SafetyAnswer && w.date == d("2026-06-22")));
    assert!(s.missed.len() >= 5, "{:?}", s.missed);

    // The last day: two courses, an episode again.
    let s = r.status(d("2026-07-03")).unwrap();
    assert_eq!(s.courses.len(), 2);
    assert_eq!(s.episode, Some(ipsrt::episode::EpisodeState::Episode));
    assert!(!s.late_entries.is_empty());
}

#[test]
fn a_failed_append_leaves_the_record_unchanged() {
    let mut r = CareRecord::replay(&six_month_log()).unwrap();
    let before = r.clone();
    let day = d("2026-07-03");
    let bad = [
        // Duplicate id.
        Entry::new("e-0001", at(day, "12:00"), day, "x", EntryKind::Observation { observed: Observed::CheckIn }),
        // Unknown course.
        Entry::new(
            "n1",
            at(day, "12:00"),
            day,
            "x",
            EntryKind::CourseEvent { course: "nope".into(), event: ipsrt::course::CourseEvent::MiddlePhaseStarted },
        ),
        // Unknown relapse plan in a course event.
        Entry::new(
            "n2",
            at(day, "12:00"),
            day,
            "x",
            EntryKind::CourseEvent {
                course: "ipsrt-2".into(),
                event: ipsrt::course::CourseEvent::RelapsePreventionPlanRecorded {
                    plan_ref: Some("other".into()),
                    summary: None,
                },
            },
        ),
        // Sign not in the plan.
        Entry::new(
            "n3",
            at(day, "12:00"),
            day,
            "x",
            EntryKind::Observation { observed: Observed::WarningSign { sign: "x".into() } },
        ),
        // Retraction of an unknown entry.
        Entry::new(
            "n4",
            at(day, "12:00"),
            day,
            "x",
            EntryKind::Retraction { target: "zzz".into(), reason: "typo".into() },
        ),
        // Plan version that does not rise.
        Entry::new(
            "n5",
            at(day, "12:00"),
            day,
            "x",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v1() },
        ),
        // Bad id.
        Entry::new("has space", at(day, "12:00"), day, "x", EntryKind::Observation { observed: Observed::CheckIn }),
    ];
    let kinds = [
        ErrorKind::InvalidInput,
        ErrorKind::NotFound,
        ErrorKind::NotFound,
        ErrorKind::NotFound,
        ErrorKind::NotFound,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidInput,
    ];
    for (e, kind) in bad.into_iter().zip(kinds) {
        let err = r.append(e.clone()).unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(&e.id.chars().take(5).collect::<String>()), "{err}");
        assert_eq!(r, before);
    }
}

#[test]
fn errors_quote_long_values_briefly() {
    let long = "x".repeat(5000);
    let day = d("2026-01-05");
    let log = CareLog::new(vec![Entry::new(
        long.clone(),
        at(day, "09:00"),
        day,
        "x",
        EntryKind::Observation { observed: Observed::CheckIn },
    )]);
    let e = CareRecord::replay(&log).unwrap_err();
    assert!(e.to_string().len() < 600, "{e}");
    assert!(matches!(e, CareError::InvalidEntry { field: "id", .. }));
}

#[test]
fn retraction_keeps_the_level_and_opens_a_warning_until_acknowledged() {
    let day = d("2026-03-02");
    let base = vec![
        Entry::new(
            "p",
            at(day, "09:00"),
            day,
            "dr",
            EntryKind::PatientRegistered { patient_ref: "p1".into(), zone: ZONE.into() },
        ),
        Entry::new(
            "rp",
            at(day, "09:01"),
            day,
            "dr",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v1() },
        ),
        Entry::new("q", at(day, "10:00"), day, "pt", phq9(12, 1)),
    ];
    let mut r = CareRecord::replay(&CareLog::new(base)).unwrap();
    assert_eq!(r.alert_level(), AlertLevel::Crisis);
    let next = d("2026-03-03");
    r.append(Entry::new(
        "x",
        at(next, "08:00"),
        next,
        "dr",
        EntryKind::Retraction { target: "q".into(), reason: "another patient's form".into() },
    ))
    .unwrap();
    assert_eq!(r.alert_level(), AlertLevel::Crisis, "a retraction never lowers the level by itself");
    assert!(r.measures().is_empty(), "the retracted answers leave the clinical folds");
    let s = r.status(next).unwrap();
    assert!(s.safety_warnings.iter().any(|w| w.kind == WarningKind::EvidenceRetracted && w.entry == "q"));
    // A second retraction of the same entry is refused.
    assert!(
        r.append(Entry::new(
            "y",
            at(next, "08:05"),
            next,
            "dr",
            EntryKind::Retraction { target: "q".into(), reason: "again".into() }
        ))
        .is_err()
    );
    // A correction may not change the kind.
    let e = r
        .append(Entry::new(
            "z",
            at(next, "08:06"),
            next,
            "dr",
            EntryKind::Correction {
                target: "q".into(),
                reason: "r".into(),
                replacement: Box::new(EntryKind::Observation { observed: Observed::CheckIn }),
            },
        ))
        .unwrap_err();
    assert!(e.to_string().contains("retracted") || e.to_string().contains("kind"), "{e}");
    r.append(Entry::new(
        "ack",
        at(next, "09:00"),
        next,
        "dr",
        EntryKind::Acknowledged { action: "checked with the patient".into() },
    ))
    .unwrap();
    assert!(r.alert_level() < AlertLevel::Crisis);
    assert!(r.status(next).unwrap().safety_warnings.is_empty());
}

#[test]
fn a_late_crisis_raises_now_and_is_marked_late() {
    let day = d("2026-03-02");
    let later = d("2026-03-10");
    let log = CareLog::new(vec![
        Entry::new(
            "p",
            at(day, "09:00"),
            day,
            "dr",
            EntryKind::PatientRegistered { patient_ref: "p1".into(), zone: ZONE.into() },
        ),
        Entry::new(
            "rp",
            at(day, "09:01"),
            day,
            "dr",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v1() },
        ),
        Entry::new("a", at(later, "10:00"), later, "pt", phq9(3, 0)),
        Entry::new("b", at(later, "11:00"), d("2026-03-05"), "pt", phq9(9, 2)),
    ]);
    let r = CareRecord::replay(&log).unwrap();
    assert_eq!(r.alert_level(), AlertLevel::Crisis);
    assert!(r.entries().iter().find(|e| e.id == "b").unwrap().late);
    let dec = r.decisions().iter().find(|x| x.entry == "b").unwrap();
    assert!(dec.decision.retrospective && dec.plan_version == 1);
}

#[test]
fn occurrences_are_checked_against_the_schedule() {
    let day = d("2026-01-05");
    let log = CareLog::new(vec![
        Entry::new(
            "p",
            at(day, "09:00"),
            day,
            "dr",
            EntryKind::PatientRegistered { patient_ref: "p1".into(), zone: ZONE.into() },
        ),
        Entry::new("s", at(day, "09:01"), day, "dr", EntryKind::ScheduleSet { schedule: schedule(day) }),
        Entry::new("q", at(day, "10:00"), day, "pt", phq9(3, 0)).completes(occ("phq9", day, "10:00")),
    ]);
    let e = CareRecord::replay(&log).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
}

#[test]
fn migration_turns_stored_data_into_a_care_log() {
    use ipsrt::care::migrate::{StoredCare, to_care_log};
    use ipsrt::course::CourseLog;
    let course: CourseLog = from_json(include_str!("../../../test-vectors/persist/ipsrt.course.v2.json")).unwrap();
    let plan: ipsrt::relapse::RelapsePlan =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.relapse_plan.v2.json")).unwrap();
    let machine: ipsrt::relapse::AlertMachine =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.alert_machine.v2.json")).unwrap();
    let stored = StoredCare::new("p-7", "Europe/Amsterdam", "migration 2026-12")
        .course("c1", &course)
        .plan("rp", &plan)
        .alerts(&machine);
    let log = match to_care_log(&stored) {
        Ok(log) => log,
        Err(e) => panic!("{e}"),
    };
    let r = CareRecord::replay(&log).unwrap();
    assert_eq!(r.courses()[0].course.ipt().phase, course.snapshot.phase);
    assert_eq!(r.courses()[0].course.ipt().sessions, course.snapshot.sessions);
    assert_eq!(r.alert_machine().history(), machine.history());
    // A version-1 machine kept no observations and is refused with a reason.
    let v1: ipsrt::relapse::AlertMachine =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.alert_machine.v1.json")).unwrap();
    let e = to_care_log(&StoredCare::new("p-7", "Europe/Amsterdam", "m").plan("rp", &plan).alerts(&v1)).unwrap_err();
    assert!(e.to_string().contains("version 1"), "{e}");
}
