//! Medication log and life chart: invariants.

use chrono::NaiveDate;
use ipsrt::ipsrt::{
    Anchor, DoseOutcome, DoseRecord, EpisodePolarity, LifeChart, MedicationLog, MoodEpisode, ScheduledDose,
};
use ipsrt::persist::{from_json, to_json};
use proptest::prelude::*;

fn d(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day)
}

fn schedule() -> Vec<ScheduledDose> {
    vec![
        ScheduledDose {
            id: "a".into(),
            medication: "A".into(),
            time: "08:00".parse().unwrap(),
            anchor: Some(Anchor::OutOfBed),
        },
        ScheduledDose { id: "b".into(), medication: "B".into(), time: "21:00".parse().unwrap(), anchor: None },
    ]
}

#[test]
fn schedule_validation_and_anchors() {
    let mut s = schedule();
    s.push(s[0].clone());
    assert!(MedicationLog::new(s).is_err());
    let log = MedicationLog::new(schedule()).unwrap();
    assert_eq!(log.doses_at(Anchor::OutOfBed).count(), 1);
    assert!(log.clone().with_late_after(721).is_err());
    assert!(log.with_missed_doses_flag(0).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn medication_counts_add_up_and_rejections_change_nothing(
        recs in prop::collection::vec((0..3usize, 0..14i64, 0..3u8), 0..60),
    ) {
        let mut log = MedicationLog::new(schedule()).unwrap();
        for (dose, day, st) in recs {
            let id = ["a", "b", "nope"][dose];
            let outcome = match st { 0 => DoseOutcome::Taken { at: None }, 1 => DoseOutcome::Late { at: None }, _ => DoseOutcome::Missed };
            let before = log.clone();
            if log.record(DoseRecord { dose: id.into(), date: d(day), outcome }).is_err() {
                prop_assert_eq!(&log, &before);
            }
        }
        let s = log.adherence(d(0), d(13)).unwrap();
        prop_assert_eq!(s.scheduled, 28);
        prop_assert_eq!(s.taken + s.late + s.missed + s.unrecorded, s.scheduled);
        if let Some(a) = s.adherence { prop_assert!((0.0..=1.0).contains(&a)); }
        let sig = log.non_adherence_signal(d(13), 14).unwrap();
        prop_assert!(sig.longest_missed_run <= sig.missed);
        let back: MedicationLog = from_json(&to_json(&log)).unwrap();
        prop_assert_eq!(back, log);
    }

    #[test]
    fn life_chart_keeps_episodes_sorted_and_disjoint(eps in prop::collection::vec((0..2000i64, 0..200i64, 0..4usize), 0..30)) {
        let mut chart = LifeChart::new();
        for (start, len, pol) in eps {
            let polarity = [EpisodePolarity::Depressive, EpisodePolarity::Manic, EpisodePolarity::Hypomanic, EpisodePolarity::Mixed][pol];
            let before = chart.clone();
            let ep = MoodEpisode { polarity, start: d(start), end: Some(d(start + len)), hospitalised: false, note: String::new() };
            if chart.add_episode(ep).is_err() {
                prop_assert_eq!(&chart, &before);
            }
        }
        for w in chart.episodes().windows(2) {
            prop_assert!(w[0].end.unwrap() < w[1].start);
        }
        prop_assert!(chart.well_intervals_days().iter().all(|d| *d > 0));
        let back: LifeChart = from_json(&to_json(&chart)).unwrap();
        prop_assert_eq!(back, chart);
    }
}

#[test]
fn next_doses_follow_the_wall_clock_across_dst() {
    use ipsrt::time::ZonedDateTime;
    let log = MedicationLog::new(vec![
        ScheduledDose { id: "night".into(), medication: "N".into(), time: "02:30".parse().unwrap(), anchor: None },
        ScheduledDose { id: "morning".into(), medication: "M".into(), time: "08:00".parse().unwrap(), anchor: None },
    ])
    .unwrap();
    // Amsterdam, spring-forward night 2026-03-29: 02:30 does not exist; due at 03:30 CEST
    // (moved later by the gap's length, as java.time and zoneinfo do).
    let now = ZonedDateTime::parse("2026-03-29T01:00", "Europe/Amsterdam").unwrap();
    let next = log.next_doses(&now);
    assert_eq!(next[0].dose, "night");
    assert_eq!(next[0].instant.to_rfc3339(), "2026-03-29T01:30:00+00:00");
    assert_eq!(next[0].adjustment, Some(ipsrt::ipsrt::DstAdjustment::MovedPastGap));
    assert_eq!(next[1].instant.to_rfc3339(), "2026-03-29T06:00:00+00:00");
    // Fall-back night: 02:30 occurs twice; the first one counts.
    let now = ZonedDateTime::parse("2026-10-25T01:00", "Europe/Amsterdam").unwrap();
    assert_eq!(log.next_doses(&now)[0].instant.to_rfc3339(), "2026-10-25T00:30:00+00:00");
}

/// The medication log feeds the relapse alert machine (issue 5; FSB-2007 recurrence pathway 1):
/// missed doses become `missed_medication` observations, one per day and medication, and the
/// machine turns them into Watch, or Breaking down with symptoms (docs/relapse.md#alert-levels).
#[test]
fn missed_doses_feed_the_alert_machine() {
    use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan, Rule};
    let mut log = MedicationLog::new(vec![
        ScheduledDose { id: "a-am".into(), medication: "A".into(), time: "08:00".parse().unwrap(), anchor: None },
        ScheduledDose { id: "a-pm".into(), medication: "A".into(), time: "20:00".parse().unwrap(), anchor: None },
        ScheduledDose { id: "b".into(), medication: "B".into(), time: "21:00".parse().unwrap(), anchor: None },
    ])
    .unwrap();
    for (dose, day, outcome) in [
        ("a-am", 3, DoseOutcome::Missed),
        ("a-pm", 3, DoseOutcome::Missed),
        ("b", 3, DoseOutcome::Taken { at: None }),
        ("b", 1, DoseOutcome::Missed),
        ("a-am", 2, DoseOutcome::Late { at: None }),
    ] {
        log.record(DoseRecord { dose: dose.into(), date: d(day), outcome }).unwrap();
    }
    let obs = log.missed_medication_observations(d(0), d(6)).unwrap();
    let got: Vec<(NaiveDate, Observed)> = obs.iter().map(|o| (o.date, o.observed.clone())).collect();
    assert_eq!(
        got,
        vec![
            (d(1), Observed::MissedMedication { doses: 1, medication: Some("B".into()) }),
            (d(3), Observed::MissedMedication { doses: 2, medication: Some("A".into()) }),
        ],
        "late and unrecorded doses are not missed; doses of one medication on one day add up"
    );
    assert!(log.missed_medication_observations(d(5), d(4)).is_err());
    assert!(log.missed_medication_observations(d(0), d(366)).is_err());
    assert!(log.missed_medication_observations(d(0), d(365)).is_ok());

    let plan = RelapsePlan::new(d(0), ipsrt::relapse::Region::Nl);
    let mut m = AlertMachine::new();
    let out = m.observe_all(&plan, &obs).unwrap();
    assert_eq!(out.last().map(|a| a.level), Some(AlertLevel::Watch));
    assert!(out.last().unwrap().findings.iter().any(|r| r.rule == Rule::MissedMedication));
    // Missed medication plus symptoms at early-warning level: breaking down (docs/relapse.md#alert-levels).
    let a = m.observe(&plan, Observation::new(d(4), Observed::Phq9 { total: Some(11), item9: Some(0) })).unwrap();
    assert_eq!(a.level, AlertLevel::BreakingDown);
    assert!(a.findings.iter().any(|r| r.rule == Rule::MissedMedicationWithSymptoms));
}
