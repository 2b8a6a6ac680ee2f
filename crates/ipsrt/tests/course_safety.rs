//! Safety without a relapse plan: a measure with a safety signal recorded in an IPT or IPSRT
//! course opens a safety warning in its status until a clinician acknowledges it.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::course::{Course, CourseError, CourseEvent, CourseLog, EventRecord, Protocol, Warning};
use ipsrt::measures::{self, InstrumentId, SafetyLevel, Score};
use ipsrt::problem_area::Taxonomy;
use proptest::prelude::*;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Days::new(u64::from(day))
}

fn created() -> EventRecord {
    EventRecord::new(d(0), CourseEvent::CourseCreated { protocol: Protocol::wmk_acute(), taxonomy: Taxonomy::Wmk4 })
}

fn phq9(item9: i32) -> Score {
    measures::score_values(
        InstrumentId::Phq9,
        &[Some(1), Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(item9)],
        None,
    )
    .unwrap()
}

fn measure(day: u32, score: Score) -> EventRecord {
    EventRecord::new(d(day), CourseEvent::MeasureRecorded { score: Box::new(score) })
}

fn ack(day: u32) -> EventRecord {
    EventRecord::new(
        d(day),
        CourseEvent::SafetyAcknowledged {
            by: "Dr. A".into(),
            action: "risk assessed; safety plan reviewed".into(),
            note: None,
        },
    )
}

fn open(course: &Course) -> usize {
    course.status().warnings.iter().filter(|w| matches!(w, Warning::SafetySignalOpen { .. })).count()
}

#[test]
fn a_signal_opens_a_warning_until_acknowledged() {
    let mut c = Course::create(&created()).unwrap();
    c.apply(&measure(7, phq9(1))).unwrap();
    let st = c.status();
    match &st.warnings[0] {
        Warning::SafetySignalOpen { level, instrument, items, recorded } => {
            assert_eq!(
                (*level, instrument.as_str(), items.clone(), *recorded),
                (SafetyLevel::SafetyCheck, "phq9", vec!["phq9_9=1".to_string()], d(7))
            );
        }
        w => panic!("the safety warning comes first, got {w:?}"),
    }
    // a later low score does not clear it
    c.apply(&measure(14, phq9(0))).unwrap();
    assert_eq!(open(&c), 1);
    c.apply(&ack(14)).unwrap();
    assert_eq!(open(&c), 0);
    let a = c.measures[0].acknowledged.as_ref().unwrap();
    assert_eq!((a.by.as_str(), a.date, a.event_index), ("Dr. A", d(14), 3));
}

#[test]
fn an_acknowledgement_with_nothing_open_is_refused_and_changes_nothing() {
    let mut c = Course::create(&created()).unwrap();
    c.apply(&measure(7, phq9(0))).unwrap();
    let before = c.clone();
    let e = c.apply(&ack(7)).unwrap_err();
    assert_eq!(e, CourseError::NoOpenSafetySignal);
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    assert_eq!(c, before);
    // empty who/what is refused too
    c.apply(&measure(8, phq9(3))).unwrap();
    let before = c.clone();
    let blank =
        EventRecord::new(d(8), CourseEvent::SafetyAcknowledged { by: " ".into(), action: "x".into(), note: None });
    assert_eq!(c.apply(&blank).unwrap_err().kind(), ErrorKind::InvalidInput);
    assert_eq!(c, before);
}

#[test]
fn a_tampered_score_is_refused() {
    let mut c = Course::create(&created()).unwrap();
    let mut s = phq9(2);
    s.safety.clear(); // hiding the signal
    let before = c.clone();
    let e = c.apply(&measure(7, s)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(c, before);
}

#[test]
fn signals_are_kept_after_the_course_ended() {
    let mut c = Course::create(&created()).unwrap();
    c.apply(&EventRecord::new(
        d(3),
        CourseEvent::EndedEarly { reason: ipsrt::course::EarlyEndReason::PatientWithdrew, detail: None },
    ))
    .unwrap();
    let mut hrsd = vec![Some(0); 17];
    hrsd[2] = Some(4);
    let s = measures::score_values(InstrumentId::Hrsd17, &hrsd, None).unwrap();
    c.apply(&measure(5, s)).unwrap();
    assert!(matches!(c.status().warnings[0], Warning::SafetySignalOpen { level: SafetyLevel::Crisis, .. }));
    c.apply(&ack(5)).unwrap();
    assert_eq!(open(&c), 0);
}

#[test]
fn the_ipsrt_course_shows_the_same_warning() {
    use ipsrt::ipsrt::{IpsrtCourse, IpsrtEvent, IpsrtProtocol};
    let mut c = IpsrtCourse::create(IpsrtProtocol::frank(), d(0)).unwrap();
    c.apply(IpsrtEvent::Course { record: Box::new(measure(2, phq9(2))) }).unwrap();
    assert_eq!(open(c.course()), 1);
    c.apply(IpsrtEvent::Course { record: Box::new(ack(2)) }).unwrap();
    assert_eq!(open(c.course()), 0);
    assert!(c.apply(IpsrtEvent::Course { record: Box::new(ack(3)) }).is_err());
}

#[test]
fn the_current_log_round_trips() {
    let mut log = CourseLog::from_events(vec![created()]).unwrap();
    log.apply(measure(7, phq9(1))).unwrap();
    log.apply(ack(7)).unwrap();
    let text = ipsrt::persist::to_json(&log);
    assert!(text.contains(&format!("\"version\":{}", <CourseLog as ipsrt::persist::Persist>::VERSION)));
    assert_eq!(ipsrt::persist::from_json::<CourseLog>(&text).unwrap(), log);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the sequence of measures (with or without a signal) and acknowledgements: the
    /// open warnings are exactly the measures with a signal recorded after the last accepted
    /// acknowledgement; an acknowledgement is accepted exactly when one is open; a refused one
    /// changes nothing.
    #[test]
    fn open_warnings_follow_the_log(steps in prop::collection::vec(prop::option::of(0i32..4), 1..20)) {
        let mut c = Course::create(&created()).unwrap();
        let mut expected_open = 0usize;
        for (i, step) in steps.iter().enumerate() {
            let day = i as u32 + 1;
            match step {
                Some(item9) => {
                    c.apply(&measure(day, phq9(*item9))).unwrap();
                    if *item9 >= 1 { expected_open += 1; }
                }
                None => {
                    let before = c.clone();
                    let r = c.apply(&ack(day));
                    prop_assert_eq!(r.is_ok(), expected_open > 0);
                    if r.is_err() { prop_assert_eq!(&c, &before); }
                    expected_open = 0;
                }
            }
            prop_assert_eq!(open(&c), expected_open);
        }
    }
}

#[test]
fn a_diagnosis_is_revised_by_an_event() {
    let mut c = Course::create(&created()).unwrap();
    let revise = |day: u32, to: &str| {
        EventRecord::new(
            d(day),
            CourseEvent::DiagnosisRevised { diagnosis: to.into(), reason: "first manic episode".into() },
        )
    };
    let before = c.clone();
    assert_eq!(c.apply(&revise(2, "bipolar I disorder")).unwrap_err(), CourseError::NoDiagnosisToRevise);
    assert_eq!(c, before);
    c.apply(&EventRecord::new(
        d(1),
        CourseEvent::DiagnosisRecorded { diagnosis: "major depressive disorder".into(), note: None },
    ))
    .unwrap();
    c.apply(&revise(30, "bipolar I disorder")).unwrap();
    assert_eq!(c.diagnosis.as_deref(), Some("bipolar I disorder"));
    let r = &c.diagnosis_revisions[0];
    assert_eq!((r.from.as_str(), r.to.as_str(), r.date), ("major depressive disorder", "bipolar I disorder", d(30)));
    assert!(c.apply(&revise(31, "bipolar I disorder")).is_err());
}
