//! Migration of every stored document of a patient into a care log: per stored kind, the
//! machine that `CareRecord::replay` rebuilds from the migrated log equals the stored one
//! (frozen fixtures of every version in `test-vectors/persist/` and the documents in
//! `examples/`); refusals; determinism; random medication logs and diaries.

use ipsrt::care::migrate::{StoredCare, migrate, to_care_log};
use ipsrt::care::{CareLog, CareRecord};
use ipsrt::course::CourseLog;
use ipsrt::episode::EpisodeCourse;
use ipsrt::ips::EmploymentJourney;
use ipsrt::ipsrt::{DoseOutcome, DoseRecord, IpsrtCourse, MedicationLog, RhythmPlan, ScheduledDose};
use ipsrt::measures::Score;
use ipsrt::persist::{Persist, from_json};
use ipsrt::relapse::{AlertMachine, RelapsePlan};
use ipsrt::schedule::Schedule;
use ipsrt::srm::{Diary, Entry as SrmEntry, Form, ItemId, Status};
use proptest::prelude::*;

const ZONE: &str = "Europe/Amsterdam";

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every frozen fixture of `T`'s schema, and the example documents given, loaded.
fn fixtures<T: Persist>(examples: &[&str]) -> Vec<(String, T)> {
    let mut out = Vec::new();
    for v in 1..=T::VERSION {
        let name = format!("test-vectors/persist/{}.v{v}.json", T::SCHEMA);
        let path = root().join(&name);
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((name, from_json::<T>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))));
        }
    }
    for name in examples {
        let text = std::fs::read_to_string(root().join(name)).unwrap();
        out.push(((*name).to_owned(), from_json::<T>(&text).unwrap()));
    }
    assert!(!out.is_empty(), "no fixture of {}", T::SCHEMA);
    out
}

fn replayed(stored: &StoredCare<'_>) -> (CareLog, CareRecord) {
    let m = migrate(stored).unwrap_or_else(|e| panic!("{e}"));
    let record = CareRecord::replay(&m.log).unwrap();
    // Replaying the migrated log twice gives identical JSON.
    assert_eq!(record.to_json_pretty(), CareRecord::replay(&m.log).unwrap().to_json_pretty());
    (m.log, record)
}

/// The plan id a stored course names, or "rp".
fn plan_id(log: &CourseLog) -> String {
    log.events
        .iter()
        .find_map(|r| match &r.event {
            ipsrt::course::CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some(p), .. } => Some(p.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "rp".into())
}

fn plans() -> Vec<RelapsePlan> {
    fixtures::<RelapsePlan>(&["examples/plan.json"]).into_iter().map(|(_, p)| p).collect()
}

#[test]
fn ipt_courses_replay_to_their_snapshot() {
    let plan = plans().pop().unwrap();
    for (name, log) in fixtures::<CourseLog>(&[]) {
        let id = plan_id(&log);
        let stored = StoredCare::new("p-1", ZONE, "migration").plan(&id, &plan).course("c1", &log);
        let (_, r) = replayed(&stored);
        assert_eq!(r.courses()[0].course.ipt(), &log.snapshot, "{name}");
    }
}

#[test]
fn ipsrt_courses_migrate_whole() {
    let plan = plans().pop().unwrap();
    for (name, c) in fixtures::<IpsrtCourse>(&["examples/ipsrt/ipsrt_course.json"]) {
        let stored = StoredCare::new("p-1", ZONE, "migration").plan("rp", &plan).ipsrt_course("c1", &c);
        let m = migrate(&stored).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Nothing is left out: protocol, IPSRT tasks and phases all have entries.
        assert!(m.left_out.is_empty(), "{name}: {:?}", m.left_out);
        let r = CareRecord::replay(&m.log).unwrap();
        let rebuilt = r.courses()[0].course.ipsrt().unwrap_or_else(|| panic!("{name}: not an IPSRT course"));
        assert_eq!(rebuilt.protocol(), c.protocol(), "{name}");
        assert_eq!(rebuilt.phase(), c.phase(), "{name}");
        assert_eq!(rebuilt.phase_starts(), c.phase_starts(), "{name}");
        assert_eq!(rebuilt.tasks_done(), c.tasks_done(), "{name}");
        assert_eq!(rebuilt.course(), c.course(), "{name}");
        assert_eq!(rebuilt.events().len(), c.events().len(), "{name}");
        // The strict form migrates it too, to the same log.
        let strict = to_care_log(&stored).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ipsrt::persist::to_json(&strict), ipsrt::persist::to_json(&m.log), "{name}");
        let kinds: Vec<String> = m.log.entries.iter().map(|e| e.event.type_name()).collect();
        assert!(kinds.contains(&"ipsrt_course_started".to_owned()), "{name}");
        let ipsrt_only = c.events().iter().filter(|e| !matches!(e, ipsrt::ipsrt::IpsrtEvent::Course { .. })).count();
        assert_eq!(kinds.iter().filter(|k| *k == "ipsrt_course_event").count(), ipsrt_only, "{name}");
    }
}

#[test]
fn episode_courses_replay_equal() {
    for (name, ep) in fixtures::<EpisodeCourse>(&[]) {
        let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").episode(&ep));
        assert_eq!(r.episode(), Some(&ep), "{name}");
    }
}

#[test]
fn rhythm_plans_replay_equal() {
    for (name, p) in fixtures::<RhythmPlan>(&["examples/ipsrt/rhythm_plan.json"]) {
        let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").rhythm_plan(&p));
        assert_eq!(r.rhythm_plan(), Some(&p), "{name}");
    }
}

#[test]
fn medication_logs_replay_equal() {
    for (name, log) in fixtures::<MedicationLog>(&["examples/ipsrt/medication_log.json"]) {
        let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").medication(&log));
        // The fixtures hold their records in date order, so the rebuilt log equals them exactly.
        assert_eq!(r.medication(), Some(&log), "{name}");
    }
}

#[test]
fn diaries_replay_equal_up_to_the_arrival_of_entries_without_one() {
    for (name, d) in fixtures::<Diary>(&[]) {
        let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").diary(&d));
        let got = r.diary().unwrap();
        assert_eq!(got.form(), d.form(), "{name}");
        assert_eq!(got.moods(), d.moods(), "{name}");
        assert_eq!(got.entries().len(), d.entries().len(), "{name}");
        for (a, b) in got.entries().iter().zip(d.entries()) {
            assert_eq!((a.date, a.item, a.status, a.people), (b.date, b.item, b.status, b.people), "{name}");
            match b.recorded_at {
                Some(at) => assert_eq!(a.recorded_at, Some(at), "{name}"),
                // 00:00 on its date: written before the day ended, never late (as before).
                None => assert_eq!(a.hours_after_day_end(), Some(-24), "{name}"),
            }
            assert_eq!(a.is_late(d.late_grace_hours()), b.is_late(d.late_grace_hours()), "{name}");
        }
    }
}

#[test]
fn measure_scores_replay_equal() {
    let day: chrono::NaiveDate = "2026-03-02".parse().unwrap();
    let mut n = 0;
    for (name, s) in fixtures::<Score>(&[]) {
        let stored = StoredCare::new("p-1", ZONE, "m").measure(day, &s);
        match migrate(&stored) {
            Ok(m) => {
                let r = CareRecord::replay(&m.log).unwrap();
                assert_eq!(r.measures()[0].score, s, "{name}");
                n += 1;
            }

            // A score computed with a non-default policy is refused, saying so: its total would
            // change.
            Err(e) => assert!(e.to_string().contains("other options"), "{name}: {e}"),
        }
    }
    // And answers scored by the core's defaults always migrate.
    let answers: ipsrt::measures::Answers = serde_json::from_str(
        r#"{"phq9_1":1,"phq9_2":2,"phq9_3":0,"phq9_4":1,"phq9_5":0,"phq9_6":0,"phq9_7":1,"phq9_8":0,"phq9_9":0}"#,
    )
    .unwrap();
    let s = ipsrt::measures::score::score(
        ipsrt::measures::builtin(ipsrt::measures::InstrumentId::Phq9),
        &answers,
        &Default::default(),
    )
    .unwrap();
    let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").measure(day, &s));
    assert_eq!(r.measures()[0].score, s);
    assert_eq!(r.measures()[0].date, day);
    // The frozen fixtures were prorated (a non-default policy), so both are refused.
    assert_eq!(n, 0);
}

#[test]
fn schedules_and_the_ips_link_replay_equal() {
    for (name, s) in fixtures::<Schedule>(&[]) {
        let (_, r) = replayed(&StoredCare::new("p-1", ZONE, "m").schedule(&s));
        assert_eq!(r.schedules()[0].schedule, s, "{name}");
    }
    for (name, j) in fixtures::<EmploymentJourney>(&[]) {
        let (log, r) = replayed(&StoredCare::new("p-1", ZONE, "m").ips_journey(&j));
        assert_eq!(r.ips_journey(), Some(j.participant()), "{name}");
        assert_eq!(log.entries[1].effective, j.enrolled_on(), "{name}");
    }
}

#[test]
fn several_relapse_plan_versions_are_kept() {
    let all = plans();
    let mut versions: Vec<RelapsePlan> = Vec::new();
    for (k, p) in all.iter().enumerate() {
        let mut p = p.clone();
        p.version = u32::try_from(k + 1).unwrap();
        versions.push(p);
    }
    let mut stored = StoredCare::new("p-1", ZONE, "m");
    for p in &versions {
        stored = stored.plan("rp", p);
    }
    let (_, r) = replayed(&stored);
    let got: Vec<&RelapsePlan> = r.relapse_plans().iter().map(|v| &v.plan).collect();
    assert_eq!(got, versions.iter().collect::<Vec<_>>());
    // Versions that do not rise are refused by the record, naming the entry.
    let e =
        to_care_log(&StoredCare::new("p-1", ZONE, "m").plan("rp", &versions[1]).plan("rp", &versions[0])).unwrap_err();
    assert!(e.to_string().contains("plan.version"), "{e}");
}

/// One patient with every kind at once: the log is deterministic and each machine equals its
/// document.
#[test]
fn everything_at_once_is_deterministic() {
    let load = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    let plan: RelapsePlan = from_json(&load("examples/plan.json")).unwrap();
    let course: CourseLog = from_json(&load("test-vectors/persist/ipsrt.course.v6.json")).unwrap();
    let ep: EpisodeCourse = from_json(&load("test-vectors/persist/ipsrt.episode_course.v2.json")).unwrap();
    let rp: RhythmPlan = from_json(&load("examples/ipsrt/rhythm_plan.json")).unwrap();
    let med: MedicationLog = from_json(&load("examples/ipsrt/medication_log.json")).unwrap();
    let diary: Diary = from_json(&load("test-vectors/persist/ipsrt.srm_diary.v1.json")).unwrap();
    let sched: Schedule = from_json(&load("test-vectors/persist/ipsrt.schedule.v1.json")).unwrap();
    let j: EmploymentJourney = from_json(&load("test-vectors/persist/ipsrt.employment_journey.v2.json")).unwrap();
    let id = plan_id(&course);
    let build = || {
        StoredCare::new("p-1", ZONE, "m")
            .plan(&id, &plan)
            .course("c1", &course)
            .episode(&ep)
            .rhythm_plan(&rp)
            .medication(&med)
            .diary(&diary)
            .schedule(&sched)
            .ips_journey(&j)
    };
    let a = to_care_log(&build()).unwrap_or_else(|e| panic!("{e}"));
    let b = to_care_log(&build()).unwrap();
    assert_eq!(ipsrt::persist::to_json(&a), ipsrt::persist::to_json(&b));
    let r = CareRecord::replay(&a).unwrap();
    assert_eq!(r.courses()[0].course.ipt(), &course.snapshot);
    assert_eq!(r.episode(), Some(&ep));
    assert_eq!(r.rhythm_plan(), Some(&rp));
    assert_eq!(r.medication(), Some(&med));
    assert_eq!(r.schedules()[0].schedule, sched);
    // Every entry is named migrated-…, and arrives in date order (none is marked late).
    assert!(a.entries.iter().all(|e| e.id.starts_with("migrated-")));
    assert!(r.entries().iter().all(|e| !e.late));
    // The log survives a persist round trip and replays to the same JSON.
    let again: CareLog = from_json(&ipsrt::persist::to_json(&a)).unwrap();
    assert_eq!(CareRecord::replay(&again).unwrap().to_json_pretty(), r.to_json_pretty());
}

#[test]
fn refusals_name_the_document_and_say_what_to_do() {
    let diary: Diary = from_json(include_str!("../../../test-vectors/persist/ipsrt.srm_diary.v1.json")).unwrap();
    // Two documents of a kind the record holds once.
    let e = to_care_log(&StoredCare::new("p", ZONE, "m").diary(&diary).diary(&diary)).unwrap_err();
    assert!(e.to_string().contains("ipsrt.srm_diary: 2 documents"), "{e}");
    assert_eq!(e.kind(), ipsrt::ErrorKind::InvalidInput);
    // A stored setting that a care entry does not carry.
    let mut d = diary.clone();
    d.set_late_grace_hours(48);
    let e = to_care_log(&StoredCare::new("p", ZONE, "m").diary(&d)).unwrap_err();
    assert!(e.to_string().contains("late_grace_hours 48"), "{e}");
    let med: MedicationLog =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.medication_log.v1.json")).unwrap();
    let med = med.with_late_after(90).unwrap();
    let e = to_care_log(&StoredCare::new("p", ZONE, "m").medication(&med)).unwrap_err();
    assert!(e.to_string().contains("late_after_minutes 90"), "{e}");
    // A medication log with no records and nothing else has no date.
    let empty = MedicationLog::new(med.schedule().to_vec()).unwrap();
    let e = to_care_log(&StoredCare::new("p", ZONE, "m").medication(&empty)).unwrap_err();
    assert!(e.to_string().contains("no date"), "{e}");
    // A bad zone names the field.
    let e = to_care_log(&StoredCare::new("p", "Mars/Base", "m").diary(&diary)).unwrap_err();
    assert!(e.to_string().contains("zone"), "{e}");
    // A version-1 alert machine.
    let v1: AlertMachine =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.alert_machine.v1.json")).unwrap();
    assert!(to_care_log(&StoredCare::new("p", ZONE, "m").alerts(&v1)).is_err());
}

fn doses() -> Vec<ScheduledDose> {
    serde_json::from_str(
        r#"[{"id":"a","medication":"lithium","time":"08:00"},{"id":"b","medication":"quetiapine","time":"21:00"}]"#,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random valid medication logs (records in any order) migrate, and the rebuilt log holds
    /// the same records, in date order.
    #[test]
    fn random_medication_logs_replay_equal(
        recs in proptest::collection::vec((0u8..2, 0i64..40, 0u8..3), 0..40),
    ) {
        let base: chrono::NaiveDate = "2026-02-01".parse().unwrap();
        let mut log = MedicationLog::new(doses()).unwrap();
        for (dose, day, outcome) in recs {
            let outcome = match outcome {
                0 => DoseOutcome::Taken { at: None },
                1 => DoseOutcome::Late { at: None },
                _ => DoseOutcome::Missed,
            };
            let dose = if dose == 0 { "a" } else { "b" };
            let _ = log.record(DoseRecord { dose: dose.into(), date: base + chrono::Duration::days(day), outcome });
        }
        let plan = RelapsePlan::new(base, ipsrt::relapse::Region::Nl);
        match migrate(&StoredCare::new("p", ZONE, "m").plan("rp", &plan).medication(&log)) {
            Ok(m) => {
                let r = CareRecord::replay(&m.log).unwrap();
                let mut want: Vec<DoseRecord> = log.records().to_vec();
                want.sort_by_key(|r| r.date);
                prop_assert_eq!(r.medication().unwrap().records(), &want[..]);
                prop_assert_eq!(r.medication().unwrap().schedule(), log.schedule());
                prop_assert_eq!(CareRecord::replay(&m.log).unwrap().to_json_pretty(), r.to_json_pretty());
            }
            Err(e) => prop_assert!(false, "{}", e),
        }
    }

    /// Random SRM-5 diaries (entries in any order, some with arrival times, moods) migrate, and
    /// the rebuilt diary has the same cells and moods.
    #[test]
    fn random_diaries_replay_equal(
        rows in proptest::collection::vec((0i64..20, 0usize..5, 0u8..3, proptest::option::of(0i64..72)), 1..40),
        moods in proptest::collection::btree_map(0i64..20, -5i64..=5, 0..10),
    ) {
        let base: chrono::NaiveDate = "2026-02-01".parse().unwrap();
        let items = [ItemId::OutOfBed, ItemId::FirstContact, ItemId::StartWork, ItemId::Dinner, ItemId::ToBed];
        let mut d = Diary::new(Form::Srm5);
        for (day, item, status, arrived) in rows {
            let date = base + chrono::Duration::days(day);
            let status = match status {
                0 => Status::NotDone,
                1 => Status::NotRecorded,
                _ => Status::Done("07:30".parse().unwrap()),
            };
            let mut e = SrmEntry::new(date, items[item], status);
            if let Some(h) = arrived {
                let at = date.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::hours(h);
                e = e.recorded(ipsrt::time::ZonedDateTime::new(at, chrono_tz::Europe::Amsterdam));
            }
            d.add(e).unwrap();
        }
        for (day, m) in moods {
            d.set_mood(base + chrono::Duration::days(day), ipsrt::srm::Mood::new(m).unwrap());
        }
        let m = migrate(&StoredCare::new("p", ZONE, "m").diary(&d)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let r = CareRecord::replay(&m.log).unwrap();
        let got = r.diary().unwrap();
        prop_assert_eq!(got.moods(), d.moods());
        let key = |e: &SrmEntry| (e.date, e.item as u8, format!("{:?}", e.status));
        let mut want: Vec<_> = d.entries().iter().map(key).collect();
        let mut have: Vec<_> = got.entries().iter().map(key).collect();
        want.sort();
        have.sort();
        prop_assert_eq!(have, want);
        for e in got.entries() {
            prop_assert!(e.recorded_at.is_some());
        }
    }
}

#[test]
fn alert_machines_replay_to_the_same_history() {
    let plan: RelapsePlan =
        from_json(include_str!("../../../test-vectors/persist/ipsrt.relapse_plan.v2.json")).unwrap();
    for (name, machine) in fixtures::<AlertMachine>(&[]) {
        let stored = StoredCare::new("p-1", ZONE, "m").plan("rp", &plan).alerts(&machine);
        if name.ends_with(".v1.json") {
            // Version 1 kept no observations: refused with the reason.
            let e = to_care_log(&stored).unwrap_err();
            assert!(e.to_string().contains("version 1"), "{name}: {e}");
            continue;
        }
        let (_, r) = replayed(&stored);
        assert_eq!(r.alert_machine().history(), machine.history(), "{name}");
        assert_eq!(r.alert_level(), machine.level(), "{name}");
    }
}
