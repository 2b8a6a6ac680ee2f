//! Rhythm stabilisation plan and due times, including the daylight-saving days.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::ipsrt::{
    Anchor, DstAdjustment, IpsrtError, PlanEvent, PlanSettings, PlanStage, PlannedDisruption, RhythmPlan, due_on,
    next_due, overdue,
};
use ipsrt::life_event::LifeEventKind;
use ipsrt::persist::{from_json, to_json};
use ipsrt::time::{ClockTime, ZonedDateTime, parse_zone};
use proptest::prelude::*;

fn t(s: &str) -> ClockTime {
    s.parse().unwrap()
}
fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn ams() -> chrono_tz::Tz {
    parse_zone("Europe/Amsterdam").unwrap()
}

#[test]
fn wall_clock_anchor_across_spring_forward_and_fall_back() {
    // Amsterdam 2026: clocks go 02:00 → 03:00 on 29 March, 03:00 → 02:00 on 25 October.
    let before = due_on(Anchor::OutOfBed, t("07:00"), date("2026-03-28"), ams());
    let on = due_on(Anchor::OutOfBed, t("07:00"), date("2026-03-29"), ams());
    assert_eq!(before.instant.to_rfc3339(), "2026-03-28T06:00:00+00:00");
    assert_eq!(on.instant.to_rfc3339(), "2026-03-29T05:00:00+00:00");
    assert_eq!((on.instant - before.instant).num_hours(), 23);
    assert_eq!(on.adjustment, None);
    let before = due_on(Anchor::OutOfBed, t("07:00"), date("2026-10-24"), ams());
    let on = due_on(Anchor::OutOfBed, t("07:00"), date("2026-10-25"), ams());
    assert_eq!(on.instant.to_rfc3339(), "2026-10-25T06:00:00+00:00");
    assert_eq!((on.instant - before.instant).num_hours(), 25);
}

#[test]
fn times_in_the_gap_and_the_overlap() {
    let gap = due_on(Anchor::FirstContact, t("02:30"), date("2026-03-29"), ams());
    assert_eq!(gap.adjustment, Some(DstAdjustment::MovedPastGap));
    // Read with the offset before the gap, as java.time and zoneinfo do: 03:30 CEST.
    assert_eq!(gap.instant.to_rfc3339(), "2026-03-29T01:30:00+00:00");
    assert_eq!(gap.due.local.to_string(), "2026-03-29 03:30:00");
    let overlap = due_on(Anchor::FirstContact, t("02:30"), date("2026-10-25"), ams());
    assert_eq!(overlap.adjustment, Some(DstAdjustment::EarlierOfTwo));
    assert_eq!(overlap.instant.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    // New York changes on other dates (8 March / 1 November 2026).
    let ny = parse_zone("America/New_York").unwrap();
    let gap = due_on(Anchor::ToBed, t("02:15"), date("2026-03-07"), ny);
    assert_eq!(gap.due.date(), date("2026-03-08"));
    assert_eq!(gap.adjustment, Some(DstAdjustment::MovedPastGap));
    assert_eq!(gap.instant.to_rfc3339(), "2026-03-08T07:15:00+00:00");
}

#[test]
fn bedtime_after_midnight_belongs_to_the_previous_diary_day() {
    let d = due_on(Anchor::ToBed, t("00:30"), date("2026-03-28"), ams());
    assert_eq!(d.diary_date, date("2026-03-28"));
    assert_eq!(d.due.local.to_string(), "2026-03-29 00:30:00");
    assert_eq!(d.instant.to_rfc3339(), "2026-03-28T23:30:00+00:00");
    // Just after midnight, yesterday's 00:30 bedtime is the next one due.
    let now = ZonedDateTime::parse("2026-03-29T00:10", "Europe/Amsterdam").unwrap();
    let next = next_due(&[(Anchor::ToBed, t("00:30"))], &now).unwrap();
    assert_eq!(next[0].diary_date, date("2026-03-28"));
}

#[test]
fn next_due_on_the_spring_forward_night() {
    let now = ZonedDateTime::parse("2026-03-29T01:30", "Europe/Amsterdam").unwrap();
    let next = next_due(&[(Anchor::ToBed, t("23:00")), (Anchor::OutOfBed, t("07:00"))], &now).unwrap();
    assert_eq!(next[0].anchor, Anchor::OutOfBed);
    assert_eq!(next[0].instant.to_rfc3339(), "2026-03-29T05:00:00+00:00");
    assert_eq!(next[1].instant.to_rfc3339(), "2026-03-29T21:00:00+00:00");
    // `now` itself inside the gap is read leniently (03:30 CEST).
    let now = ZonedDateTime::parse("2026-03-29T02:30", "Europe/Amsterdam").unwrap();
    // 02:45 that night is in the gap too and moves the same way (03:45 CEST), so it is still
    // ahead of now, as java.time orders the two.
    let next = next_due(&[(Anchor::FirstContact, t("02:45"))], &now).unwrap();
    assert_eq!(next[0].diary_date, date("2026-03-29"));
    assert_eq!(next[0].instant.to_rfc3339(), "2026-03-29T01:45:00+00:00");
    // 02:15 moves to 03:15 CEST, before now: due the next day.
    let next = next_due(&[(Anchor::FirstContact, t("02:15"))], &now).unwrap();
    assert_eq!(next[0].diary_date, date("2026-03-30"));
}

#[test]
fn overdue_entries_on_the_fall_back_day() {
    let now = ZonedDateTime::parse("2026-10-25T12:00", "Europe/Amsterdam").unwrap();
    let anchors = [(Anchor::OutOfBed, t("07:00")), (Anchor::ToBed, t("23:00"))];
    let recorded = [(date("2026-10-24"), Anchor::OutOfBed)];
    let late = overdue(&anchors, &now, date("2026-10-24"), 60, &recorded).unwrap();
    let got: Vec<(NaiveDate, Anchor)> = late.iter().map(|d| (d.diary_date, d.anchor)).collect();
    assert_eq!(got, vec![(date("2026-10-24"), Anchor::ToBed), (date("2026-10-25"), Anchor::OutOfBed)]);
    assert_eq!(late[1].instant.to_rfc3339(), "2026-10-25T06:00:00+00:00");
    assert!(overdue(&anchors, &now, date("2024-01-01"), 60, &[]).is_err());
}

fn settings() -> PlanSettings {
    PlanSettings::default()
}

fn plan_to_targets() -> RhythmPlan {
    let mut p = RhythmPlan::start(settings(), date("2026-01-01")).unwrap();
    p.apply(PlanEvent::AnchorsChosen { date: date("2026-01-15"), anchors: vec![Anchor::OutOfBed, Anchor::ToBed] })
        .unwrap();
    p.apply(PlanEvent::TargetsSet {
        date: date("2026-01-15"),
        targets: vec![(Anchor::ToBed, t("00:30"), t("23:30")), (Anchor::OutOfBed, t("07:40"), t("07:30"))],
    })
    .unwrap();
    p
}

#[test]
fn the_plan_follows_the_stepwise_sequence() {
    let mut p = RhythmPlan::start(settings(), date("2026-01-01")).unwrap();
    // Baseline of 13 days is too short (default 14, FRANK-2005 / Monk norms).
    let e =
        p.apply(PlanEvent::AnchorsChosen { date: date("2026-01-14"), anchors: vec![Anchor::OutOfBed] }).unwrap_err();
    assert!(matches!(e, IpsrtError::BaselineTooShort { days: 13, min: 14 }));
    assert_eq!(e.kind(), ErrorKind::IllegalTransition);
    let three = vec![Anchor::OutOfBed, Anchor::ToBed, Anchor::Dinner];
    assert!(matches!(
        p.apply(PlanEvent::AnchorsChosen { date: date("2026-01-15"), anchors: three }),
        Err(IpsrtError::AnchorCount { given: 3, max: 2 })
    ));
    assert_eq!(p.stage(), PlanStage::Baseline);

    let mut p = plan_to_targets();
    assert_eq!(p.stage(), PlanStage::Shifting);
    assert_eq!(p.anchors(), &[Anchor::OutOfBed, Anchor::ToBed]);
    // Bedtime 00:30 → 23:30 goes back across midnight in 15-minute steps: 4 steps.
    assert_eq!(p.target(Anchor::ToBed).unwrap().steps_left(15), 4);
    assert_eq!(p.target(Anchor::ToBed).unwrap().remaining_minutes(), -60);
    // Hold time: 3 days.
    let e = p.apply(PlanEvent::StepTaken { date: date("2026-01-17"), anchor: Anchor::ToBed }).unwrap_err();
    assert!(matches!(e, IpsrtError::HoldNotElapsed { held: 2, hold: 3, .. }));
    assert_eq!(p.steps_due(date("2026-01-18")), vec![Anchor::OutOfBed, Anchor::ToBed]);
    p.apply(PlanEvent::StepTaken { date: date("2026-01-18"), anchor: Anchor::ToBed }).unwrap();
    assert_eq!(p.target(Anchor::ToBed).unwrap().current, t("00:15"));
    // Out of bed is only 10 minutes off: one step reaches the target exactly.
    p.apply(PlanEvent::StepTaken { date: date("2026-01-18"), anchor: Anchor::OutOfBed }).unwrap();
    assert!(p.target(Anchor::OutOfBed).unwrap().at_target());
    assert!(matches!(
        p.apply(PlanEvent::StepTaken { date: date("2026-01-30"), anchor: Anchor::OutOfBed }),
        Err(IpsrtError::AlreadyAtTarget { .. })
    ));
    for (i, expect) in ["00:00", "23:45", "23:30"].iter().enumerate() {
        let day = date("2026-01-18") + chrono::Duration::days(3 * (i as i64 + 1));
        p.apply(PlanEvent::StepTaken { date: day, anchor: Anchor::ToBed }).unwrap();
        assert_eq!(p.target(Anchor::ToBed).unwrap().current, t(expect));
    }
    assert_eq!(p.stage(), PlanStage::Stable);
    // Known disruptors can be planned at any stage.
    p.apply(PlanEvent::DisruptionPlanned {
        date: date("2026-01-28"),
        disruption: PlannedDisruption {
            kind: LifeEventKind::DaylightSavingChange,
            from: date("2026-03-29"),
            to: date("2026-04-04"),
            protective_routines: vec!["move bedtime 10 min a day from 25 March".into()],
            note: String::new(),
        },
    })
    .unwrap();
    assert_eq!(p.disruptions_between(date("2026-03-01"), date("2026-03-31")).count(), 1);
    p.apply(PlanEvent::AnchorAdded {
        date: date("2026-02-01"),
        anchor: Anchor::Dinner,
        habitual: t("19:00"),
        target: t("18:30"),
    })
    .unwrap();
    assert_eq!(p.stage(), PlanStage::Shifting);
    assert!(matches!(
        p.apply(PlanEvent::MaintenanceStarted { date: date("2026-02-02") }),
        Err(IpsrtError::IllegalPlanEvent { stage: PlanStage::Shifting, .. })
    ));
    for k in 1..=2 {
        p.apply(PlanEvent::StepTaken {
            date: date("2026-02-01") + chrono::Duration::days(3 * k),
            anchor: Anchor::Dinner,
        })
        .unwrap();
    }
    assert_eq!(p.stage(), PlanStage::Stable);
    p.apply(PlanEvent::MaintenanceStarted { date: date("2026-02-10") }).unwrap();
    assert_eq!(p.stage(), PlanStage::Maintenance);
    let back: RhythmPlan = from_json(&to_json(&p)).unwrap();
    assert_eq!(back, p);
    // Due times use the times aimed at now.
    let now = ZonedDateTime::parse("2026-03-29T01:30", "Europe/Amsterdam").unwrap();
    let next = p.next_due(&now).unwrap();
    assert_eq!(next.len(), 3);
    assert_eq!(next[0].anchor, Anchor::OutOfBed);
}

#[test]
fn weekly_review_counts_hits_against_the_aimed_time() {
    let p = plan_to_targets();
    // Bedtime aimed at 00:30 this week; 45-minute window; 23:50 is 40 minutes early (a hit),
    // 01:20 is 50 minutes late (a miss).
    let week = [Some(t("00:30")), Some(t("23:50")), Some(t("01:20")), None, Some(t("00:40")), None, None];
    let review = p.review_week(&[(Anchor::ToBed, week)]);
    let bed = review.iter().find(|r| r.anchor == Anchor::ToBed).unwrap();
    assert_eq!((bed.days_recorded, bed.hits), (4, 3));
    assert_eq!(bed.mean_deviation_minutes, Some((0.0 - 40.0 + 50.0 + 10.0) / 4.0));
    let wake = review.iter().find(|r| r.anchor == Anchor::OutOfBed).unwrap();
    assert_eq!((wake.days_recorded, wake.hits, wake.mean_deviation_minutes), (0, 0, None));
}

#[derive(Debug, Clone)]
enum Op {
    Choose(Vec<usize>),
    Targets(Vec<(usize, u16, u16)>),
    Step(usize),
    Add(usize, u16, u16),
    Maintain,
}

const ANCHORS: [Anchor; 5] = ipsrt::ipsrt::SRM5_ANCHORS;

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => prop::collection::vec(0..5usize, 0..4).prop_map(Op::Choose),
        1 => prop::collection::vec((0..5usize, 0..1440u16, 0..1440u16), 0..4).prop_map(Op::Targets),
        4 => (0..5usize).prop_map(Op::Step),
        1 => (0..5usize, 0..1440u16, 0..1440u16).prop_map(|(a, h, t)| Op::Add(a, h, t)),
        1 => Just(Op::Maintain),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plan_rejections_change_nothing_and_steps_only_approach_the_target(
        ops in prop::collection::vec((op(), 0..6i64), 0..80),
    ) {
        let mut p = RhythmPlan::start(settings(), date("2026-01-01")).unwrap();
        let mut day = date("2026-01-10");
        let ct = |m: u16| ClockTime::from_minutes(i64::from(m)).unwrap();
        for (op, step) in ops {
            day += chrono::Duration::days(step);
            let event = match op {
                Op::Choose(v) => PlanEvent::AnchorsChosen { date: day, anchors: v.iter().map(|i| ANCHORS[*i]).collect() },
                Op::Targets(v) => PlanEvent::TargetsSet { date: day, targets: v.iter().map(|(a, h, t)| (ANCHORS[*a], ct(*h), ct(*t))).collect() },
                Op::Step(a) => PlanEvent::StepTaken { date: day, anchor: ANCHORS[a] },
                Op::Add(a, h, t) => PlanEvent::AnchorAdded { date: day, anchor: ANCHORS[a], habitual: ct(h), target: ct(t) },
                Op::Maintain => PlanEvent::MaintenanceStarted { date: day },
            };
            let before = p.clone();
            match p.apply(event.clone()) {
                Err(_) => prop_assert_eq!(&p, &before),
                Ok(_) => {
                    if let PlanEvent::StepTaken { anchor, .. } = event {
                        let old = before.target(anchor).unwrap().remaining_minutes().abs();
                        let new = p.target(anchor).unwrap().remaining_minutes().abs();
                        prop_assert!(new < old && old - new <= 15);
                    }
                }
            }
            prop_assert!(p.anchors().len() <= 5);
            let all_at = p.targets().iter().all(|t| t.at_target());
            match p.stage() {
                PlanStage::Shifting => prop_assert!(!all_at),
                PlanStage::Stable | PlanStage::Maintenance => prop_assert!(all_at),
                _ => prop_assert!(p.targets().is_empty()),
            }
        }
        let back: RhythmPlan = from_json(&to_json(&p)).unwrap();
        prop_assert_eq!(back, p);
    }

    #[test]
    fn due_times_are_always_after_now_and_sorted(minute in 0..1440i64, day in 0..730i64, zone in 0..3usize, anchor in 0..5usize, at in 0..1440i64) {
        let zone = ["Europe/Amsterdam", "America/New_York", "Australia/Sydney"][zone];
        let local = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + chrono::Duration::days(day) + chrono::Duration::minutes(minute);
        let now = ZonedDateTime::new(local, parse_zone(zone).unwrap());
        let anchors = [(ANCHORS[anchor], ClockTime::from_minutes(at).unwrap()), (Anchor::OutOfBed, ClockTime::from_minutes(420).unwrap())];
        let next = next_due(&anchors, &now).unwrap();
        prop_assert_eq!(next.len(), 2);
        prop_assert!(next.windows(2).all(|w| w[0].instant <= w[1].instant));
        for d in &next {
            prop_assert!(d.instant > now.to_utc_lenient());
            prop_assert!((d.instant - now.to_utc_lenient()).num_hours() <= 49);
        }
    }
}

#[test]
fn weekly_review_reads_the_srm_engines_week() {
    use ipsrt::srm::{Form, Week};
    let p = plan_to_targets();
    let none = [None; 7];
    let bed = [Some(t("00:30")), Some(t("23:50")), Some(t("01:20")), None, Some(t("00:40")), None, None];
    let wake = [Some(t("07:40")); 7];
    // SRM-5 rows in form order: out of bed, first contact, start work, dinner, to bed.
    let week = Week::from_times(Form::Srm5, date("2026-01-19"), &[wake, none, none, none, bed]).unwrap();
    let review = p.review_srm_week(&week);
    let bed_review = review.iter().find(|r| r.anchor == Anchor::ToBed).unwrap();
    assert_eq!((bed_review.days_recorded, bed_review.hits), (4, 3));
    let wake_review = review.iter().find(|r| r.anchor == Anchor::OutOfBed).unwrap();
    assert_eq!((wake_review.days_recorded, wake_review.hits), (7, 7));
}
