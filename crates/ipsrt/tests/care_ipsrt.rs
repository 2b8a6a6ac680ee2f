//! IPSRT courses in the care record: `ipsrt_course_started` and `ipsrt_course_event` entries,
//! the IPT events of an IPSRT course through the IPSRT rules, and the refusals.

mod care_common;

use care_common::*;
use chrono::{Duration, NaiveDate};
use ipsrt::care::{CareError, CareLog, CareRecord, Entry, EntryKind, TrackedCourse};
use ipsrt::course::{CourseEvent, Protocol};
use ipsrt::ipsrt::{IpsrtCourse, IpsrtEvent, IpsrtPhase, IpsrtProtocol, IpsrtTask};
use ipsrt::problem_area::Taxonomy;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> IpsrtCourse {
    let text = std::fs::read_to_string(root().join("examples/ipsrt/ipsrt_course.json")).unwrap();
    ipsrt::persist::from_json(&text).unwrap()
}

/// The example IPSRT course as care entries: its IPT events as `course_event`, its IPSRT events
/// as `ipsrt_course_event`.
fn course_entries(c: &IpsrtCourse) -> Vec<Entry> {
    let created = c.phase_starts()[0].1;
    let mut out = vec![Entry::new(
        "i0",
        at(created, "09:00"),
        created,
        "therapist",
        EntryKind::IpsrtCourseStarted { course: "c1".into(), previous: None, protocol: c.protocol().clone() },
    )];
    for (n, e) in c.events().iter().enumerate() {
        let (date, kind) = match e {
            IpsrtEvent::Course { record } => {
                (record.date, EntryKind::CourseEvent { course: "c1".into(), event: record.event.clone() })
            }
            IpsrtEvent::TaskDone { date, .. }
            | IpsrtEvent::IntermediateStarted { date }
            | IpsrtEvent::ContinuationStarted { date, .. }
            | IpsrtEvent::FinalStarted { date }
            | IpsrtEvent::RecurrenceRecorded { date, .. }
            | IpsrtEvent::Ended { date } => {
                (*date, EntryKind::IpsrtCourseEvent { course: "c1".into(), event: e.clone() })
            }
        };
        let arrival = at(date, "10:00");
        let arrival = ipsrt::time::ZonedDateTime { local: arrival.local + Duration::minutes(n as i64), ..arrival };
        out.push(Entry::new(format!("i{}", n + 1), arrival, date, "therapist", kind));
    }
    out
}

fn record() -> (IpsrtCourse, CareRecord) {
    let c = example();
    let mut entries = registered(c.phase_starts()[0].1);
    entries.extend(course_entries(&c));
    let r = CareRecord::replay(&CareLog::new(entries)).unwrap_or_else(|e| panic!("{e}"));
    (c, r)
}

fn ipsrt_event(id: &str, day: NaiveDate, event: IpsrtEvent) -> Entry {
    Entry::new(id, at(day, "12:00"), day, "therapist", EntryKind::IpsrtCourseEvent { course: "c1".into(), event })
}

#[test]
fn an_ipsrt_course_rebuilds_equal_to_its_document() {
    let (c, r) = record();
    let track = &r.courses()[0];
    assert!(matches!(track.course, TrackedCourse::Ipsrt(_)));
    let rebuilt = track.course.ipsrt().unwrap();
    assert_eq!(rebuilt.protocol(), c.protocol());
    assert_eq!(rebuilt.phase(), c.phase());
    assert_eq!(rebuilt.phase(), IpsrtPhase::Intermediate);
    assert_eq!(rebuilt.phase_starts(), c.phase_starts());
    assert_eq!(rebuilt.tasks_done(), c.tasks_done());
    assert_eq!(rebuilt.course(), c.course());
    assert_eq!(track.course.ipt(), c.course());
    assert_eq!(track.course.ipsrt_phase(), Some(IpsrtPhase::Intermediate));
    // The status names the IPSRT phase next to the IPT course's.
    let status = r.status(d("2026-01-20")).unwrap();
    assert_eq!(status.courses[0].ipsrt_phase, Some(IpsrtPhase::Intermediate));
    assert_eq!(status.courses[0].phase, "middle");
}

#[test]
fn replaying_twice_gives_identical_json_and_the_log_round_trips() {
    let (_, r) = record();
    let again = CareRecord::replay(r.log()).unwrap();
    assert_eq!(r.to_json_pretty(), again.to_json_pretty());
    assert_eq!(r, again);
    let json = ipsrt::persist::to_json(r.log());
    let loaded: CareLog = ipsrt::persist::from_json(&json).unwrap();
    assert_eq!(&loaded, r.log());
}

#[test]
fn ipt_events_of_an_ipsrt_course_follow_the_ipsrt_rules() {
    let (_, mut r) = record();
    let before = r.clone();
    // The middle phase of an IPSRT course starts with intermediate_started, not the IPT event.
    let day = d("2026-01-19");
    let e = Entry::new(
        "bad",
        at(day, "13:00"),
        day,
        "therapist",
        EntryKind::CourseEvent { course: "c1".into(), event: CourseEvent::MiddlePhaseStarted },
    );
    let err = r.append(e).unwrap_err();
    assert!(matches!(err, CareError::Rejected { .. }), "{err}");
    assert_eq!(r, before);
    // A relapse plan named by an IPT event of an IPSRT course must be a plan of the record.
    let e = Entry::new(
        "plan",
        at(day, "13:00"),
        day,
        "therapist",
        EntryKind::CourseEvent {
            course: "c1".into(),
            event: CourseEvent::RelapsePreventionPlanRecorded { plan_ref: Some("nope".into()), summary: None },
        },
    );
    let err = r.append(e).unwrap_err();
    assert!(matches!(&err, CareError::UnknownReference { field: "event.plan_ref", .. }), "{err}");
    assert_eq!(r, before);
}

#[test]
fn ipsrt_events_are_refused_for_ipt_courses_unknown_courses_and_other_dates() {
    let day = d("2026-01-05");
    let mut base = registered(day);
    base.push(Entry::new(
        "ipt",
        at(day, "09:00"),
        day,
        "therapist",
        EntryKind::CourseStarted {
            course: "c1".into(),
            previous: None,
            protocol: Protocol::ipsrt_acute(),
            taxonomy: Taxonomy::Ipsrt5,
        },
    ));
    let mut r = CareRecord::replay(&CareLog::new(base)).unwrap();
    let before = r.clone();
    let task = IpsrtEvent::TaskDone { date: day, task: IpsrtTask::LifeChart };

    // An IPT course has no IPSRT phases.
    let err = r.append(ipsrt_event("x1", day, task.clone())).unwrap_err();
    let CareError::InvalidEntry { field, detail, .. } = &err else { panic!("{err}") };
    assert_eq!(*field, "course");
    assert!(detail.contains("ipsrt_course_started"), "{err}");
    assert_eq!(r, before);

    // An unknown course.
    let mut e = ipsrt_event("x2", day, task.clone());
    e.event = EntryKind::IpsrtCourseEvent { course: "c9".into(), event: task.clone() };
    let err = r.append(e).unwrap_err();
    assert!(matches!(&err, CareError::UnknownReference { field: "course", .. }), "{err}");
    assert_eq!(r, before);

    // The event's own date must be the entry's date; both are named.
    let err = r.append(ipsrt_event("x3", day + Duration::days(1), task)).unwrap_err();
    let CareError::InvalidEntry { field, value, detail, .. } = &err else { panic!("{err}") };
    assert_eq!(*field, "event.date");
    assert!(value.to_string().contains("2026-01-05") && detail.contains("2026-01-06"), "{err}");
    assert_eq!(r, before);

    // IPT events go in course_event entries, not inside an IPSRT event.
    let record = ipsrt::course::EventRecord::new(day, CourseEvent::MiddlePhaseStarted);
    let err = r.append(ipsrt_event("x4", day, IpsrtEvent::Course { record: Box::new(record) })).unwrap_err();
    let CareError::InvalidEntry { field, detail, .. } = &err else { panic!("{err}") };
    assert_eq!(*field, "event");
    assert!(detail.contains("course_event"), "{err}");
    assert_eq!(r, before);
}

#[test]
fn an_ipsrt_course_id_is_unique_and_its_previous_course_exists() {
    let day = d("2026-01-05");
    let start = |id: &str, course: &str, previous: Option<&str>| {
        Entry::new(
            id,
            at(day, "09:00"),
            day,
            "therapist",
            EntryKind::IpsrtCourseStarted {
                course: course.into(),
                previous: previous.map(str::to_owned),
                protocol: IpsrtProtocol::frank(),
            },
        )
    };
    let mut entries = registered(day);
    entries.push(start("s1", "c1", None));
    let mut r = CareRecord::replay(&CareLog::new(entries)).unwrap();
    let before = r.clone();
    let err = r.append(start("s2", "c1", None)).unwrap_err();
    assert!(matches!(&err, CareError::InvalidEntry { field: "course", .. }), "{err}");
    let err = r.append(start("s3", "c2", Some("c7"))).unwrap_err();
    assert!(matches!(&err, CareError::UnknownReference { field: "previous", .. }), "{err}");
    assert_eq!(r, before);
    r.append(start("s4", "c2", Some("c1"))).unwrap();
    assert_eq!(r.courses()[1].previous.as_deref(), Some("c1"));
}

#[test]
fn ipsrt_events_are_corrected_and_retracted_like_course_events() {
    let day = d("2026-01-05");
    let mut entries = registered(day);
    entries.push(Entry::new(
        "s1",
        at(day, "09:00"),
        day,
        "therapist",
        EntryKind::IpsrtCourseStarted { course: "c1".into(), previous: None, protocol: IpsrtProtocol::frank() },
    ));
    entries.push(ipsrt_event("t1", day, IpsrtEvent::TaskDone { date: day, task: IpsrtTask::LifeChart }));
    let mut r = CareRecord::replay(&CareLog::new(entries)).unwrap();
    let fixed = EntryKind::IpsrtCourseEvent {
        course: "c1".into(),
        event: IpsrtEvent::TaskDone { date: day, task: IpsrtTask::Psychoeducation },
    };
    r.append(Entry::new(
        "fix",
        at(day, "13:00"),
        day,
        "therapist",
        EntryKind::Correction { target: "t1".into(), reason: "wrong task".into(), replacement: Box::new(fixed) },
    ))
    .unwrap();
    let tasks: Vec<IpsrtTask> = r.courses()[0].course.ipsrt().unwrap().tasks_done().iter().map(|(t, _)| *t).collect();
    assert_eq!(tasks, vec![IpsrtTask::Psychoeducation]);
    r.append(Entry::new(
        "ret",
        at(day, "14:00"),
        day,
        "therapist",
        EntryKind::Retraction { target: "t1".into(), reason: "entered in error".into() },
    ))
    .unwrap();
    assert!(r.courses()[0].course.ipsrt().unwrap().tasks_done().is_empty());
    // A course start is revised by a new course, not corrected.
    let before = r.clone();
    let err = r
        .append(Entry::new(
            "ret2",
            at(day, "15:00"),
            day,
            "therapist",
            EntryKind::Retraction { target: "s1".into(), reason: "no".into() },
        ))
        .unwrap_err();
    assert!(matches!(&err, CareError::InvalidEntry { field: "target", .. }), "{err}");
    assert_eq!(r, before);
}

#[test]
fn the_frozen_care_logs_load() {
    for v in 1..=4 {
        let path = root().join(format!("test-vectors/persist/ipsrt.care_log.v{v}.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        let log: CareLog = ipsrt::persist::from_json(&text).unwrap_or_else(|e| panic!("v{v}: {e}"));
        CareRecord::replay(&log).unwrap();
        if v == 4 {
            let kinds: Vec<String> = log.entries.iter().map(|e| e.event.type_name()).collect();
            assert!(kinds.iter().any(|k| k == "ipsrt_course_started"));
            assert!(kinds.iter().any(|k| k == "ipsrt_course_event"));
        }
    }
}

/// The IPSRT course of `care/entry_kinds.json` uses the default protocol, so that the Kotlin
/// test's typed `IpsrtCourseStarted` (which takes the default) stores exactly the vector.
#[test]
fn the_entry_kinds_vector_starts_its_ipsrt_course_under_the_default_protocol() {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("test-vectors/care/entry_kinds.json")).unwrap())
            .unwrap();
    let started: Vec<Entry> = doc["extra"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| serde_json::from_value::<Entry>(e.clone()).unwrap())
        .filter(|e| matches!(e.event, EntryKind::IpsrtCourseStarted { .. }))
        .collect();
    assert_eq!(started.len(), 1);
    let EntryKind::IpsrtCourseStarted { protocol, .. } = &started[0].event else { unreachable!() };
    assert_eq!(protocol, &IpsrtProtocol::frank());
}

fn any_ipsrt_event(kind: u8, task: u8, date: NaiveDate) -> IpsrtEvent {
    match kind % 6 {
        0 => IpsrtEvent::TaskDone { date, task: IpsrtTask::ALL[usize::from(task % 4)] },
        1 => IpsrtEvent::IntermediateStarted { date },
        2 => IpsrtEvent::ContinuationStarted { date, ratings: Vec::new() },
        3 => IpsrtEvent::FinalStarted { date },
        4 => IpsrtEvent::RecurrenceRecorded { date, detail: None, contract: None },
        _ => IpsrtEvent::Ended { date },
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..proptest::prelude::ProptestConfig::default() })]

    /// Random IPSRT events (some on the wrong date, some for the IPT course, some for no
    /// course) appended to the rebuilt IPSRT course: each is accepted or refused, a refusal
    /// changes nothing, and the record always replays to itself.
    #[test]
    fn random_ipsrt_entries_are_accepted_or_refused_without_change(
        fresh in proptest::prelude::any::<bool>(),
        steps in proptest::collection::vec((0u8..6, 0u8..4, 0i64..40, 0u8..8), 1..16)
    ) {
        // A course in its initial phase (tasks are accepted) or the example in its intermediate
        // phase.
        let (mut r, start) = if fresh {
            let day = d("2026-01-05");
            let mut entries = registered(day);
            entries.push(Entry::new(
                "s1",
                at(day, "09:00"),
                day,
                "therapist",
                EntryKind::IpsrtCourseStarted { course: "c1".into(), previous: None, protocol: IpsrtProtocol::frank() },
            ));
            (CareRecord::replay(&CareLog::new(entries)).unwrap(), day)
        } else {
            (record().1, d("2026-01-19"))
        };
        let mut accepted = 0usize;
        for (n, (kind, task, offset, spoil)) in steps.into_iter().enumerate() {
            let day = start + Duration::days(offset);
            let date = if spoil == 0 { day + Duration::days(1) } else { day };
            let course = match spoil { 1 => "c9", _ => "c1" };
            let mut e = ipsrt_event(&format!("r{n}"), day, any_ipsrt_event(kind, task, date));
            e.event = EntryKind::IpsrtCourseEvent { course: course.into(), event: any_ipsrt_event(kind, task, date) };
            let before = r.clone();
            match r.append(e) {
                Ok(()) => {
                    accepted += 1;
                    let again = CareRecord::replay(r.log()).unwrap();
                    proptest::prop_assert_eq!(again.to_json_pretty(), r.to_json_pretty());
                }
                Err(_) => proptest::prop_assert_eq!(&r, &before),
            }
            proptest::prop_assert!(r.courses()[0].course.ipsrt().is_some());
        }
        // Only IPSRT events reach the course: its accepted events are the accepted entries.
        let events = r.courses()[0].course.ipsrt().map_or(0, |c| c.events().len());
        let base = if fresh { 0 } else { example().events().len() };
        proptest::prop_assert_eq!(events, base + accepted);
    }
}
