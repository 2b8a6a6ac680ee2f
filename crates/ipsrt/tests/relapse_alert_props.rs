//! Property tests of the alert-level machine: no observation sequence panics; a safety item
//! always means Crisis; levels fall only one step at a time and only after the hysteresis time;
//! the level never lies below what the evidence asks for; rejected observations leave the state
//! exactly as it was; and **arrival order never changes the date-ordered history, nor loses a
//! Crisis**.
//!
//! The number of cases is `PROPTEST_CASES` (default 256); run
//! `PROPTEST_CASES=10000 cargo test -p ipsrt --test relapse_alert_props` for a long run.

use chrono::{Duration, NaiveDate};
use ipsrt::life_event::LifeEventKind;
use ipsrt::relapse::{
    AlertLevel, AlertMachine, Direction, Observation, Observed, Pole, Region, RelapsePlan, SleepAnchor, WarningSign,
};
use ipsrt::time::ZonedDateTime;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn plan(deescalation_days: u16) -> RelapsePlan {
    let mut p = RelapsePlan::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), Region::Nl);
    p.early_warning_signs.push(WarningSign::new("e1", Pole::Manic, "less sleep"));
    p.early_warning_signs.push(WarningSign::new("e2", Pole::Depressive, "withdrawing"));
    p.breaking_down.signs.push(WarningSign::new("b1", Pole::Manic, "spending"));
    p.crisis.take_over_signs.push(WarningSign::new("c1", Pole::Depressive, "hopeless"));
    p.alerts.thresholds.deescalation_days.value = deescalation_days;
    p
}

/// Observations, some invalid (out of range, unknown sign). No acknowledgements.
fn observed() -> impl Strategy<Value = Observed> {
    prop_oneof![
        (proptest::option::of(0u8..=30), proptest::option::of(0u8..=4))
            .prop_map(|(total, item9)| Observed::Phq9 { total, item9 }),
        (0u8..=22).prop_map(|total| Observed::Asrm { total }),
        (0u8..=62).prop_map(|total| Observed::Ymrs { total }),
        (0u8..=54, proptest::option::of(0u8..=5)).prop_map(|(total, item3)| Observed::Hrsd { total, item3 }),
        (0i64..=20, prop_oneof![8 => -1.0f64..8.0, 1 => Just(f64::NAN), 1 => Just(f64::INFINITY)]).prop_map(
            |(back, score)| Observed::SrmWeek {
                week_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(back * 7),
                score
            }
        ),
        (any::<bool>(), -800i16..800).prop_map(|(bed, minutes)| Observed::SleepShift {
            anchor: if bed { SleepAnchor::Bedtime } else { SleepAnchor::OutOfBed },
            minutes
        }),
        prop::sample::select(vec!["e1", "e2", "b1", "c1", "unknown", ""])
            .prop_map(|s| Observed::WarningSign { sign: s.to_string() }),
        prop::sample::select(vec![LifeEventKind::TimeZoneTravel, LifeEventKind::Conflict, LifeEventKind::Exams])
            .prop_map(|kind| Observed::Trigger { kind, note: None }),
        (0u16..4).prop_map(|doses| Observed::MissedMedication { doses, medication: None }),
        (proptest::option::of(0u8..=32), proptest::option::of(0u8..=4))
            .prop_map(|(total, item10)| Observed::Epds { total, item10 }),
        (
            proptest::option::of(0u8..=28),
            proptest::option::of(0u8..=4),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>())
        )
            .prop_map(|(total, item9, serious_thoughts, lifetime_attempt)| Observed::Phq9m {
                total,
                item9,
                serious_thoughts,
                lifetime_attempt
            }),
        (0u8..=4).prop_map(|risk| Observed::CssrsScreener { risk }),
        (-6i8..=6).prop_map(|mood| Observed::DailyMood { mood }),
        (0u16..20).prop_map(|days| Observed::NoRecentEntries { days }),
        (prop_oneof![Just(""), Just("srm"), Just("phq9")], 0u16..6)
            .prop_map(|(task, count)| Observed::MissedOccurrences { task: task.into(), count }),
        Just(Observed::CheckIn),
        Just(Observed::CheckIn),
    ]
}

/// Day steps forward (0: the same day).
fn step() -> impl Strategy<Value = i64> {
    prop_oneof![6 => 0i64..8, 2 => 8i64..40]
}

fn stream() -> impl Strategy<Value = Vec<(i64, Option<u32>, Observed)>> {
    proptest::collection::vec((step(), proptest::option::of(0u32..24), observed()), 0..60)
}

fn at(date: NaiveDate, hour: Option<u32>) -> Option<ZonedDateTime> {
    hour.and_then(|h| ZonedDateTime::parse(&format!("{date}T{h:02}:00"), "Europe/Amsterdam").ok())
}

/// A log of valid observations on days 0..90 after 2026-03-01, with optional hours.
fn log() -> impl Strategy<Value = Vec<Observation>> {
    proptest::collection::vec((0i64..90, proptest::option::of(0u32..24), observed()), 0..40).prop_map(|items| {
        let plan = plan(14);
        items
            .into_iter()
            .map(|(day, hour, observed)| {
                let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(day);
                Observation { date, at: at(date, hour), received_at: None, observed }
            })
            .filter(|o| o.validate().is_ok() && AlertMachine::new().observe(&plan, o.clone()).is_ok())
            .collect()
    })
}

fn crisis_items(plan: &RelapsePlan, log: &[Observation]) -> Vec<NaiveDate> {
    let t = &plan.alerts.thresholds;
    log.iter()
        .filter(|o| match &o.observed {
            Observed::Phq9 { item9: Some(i), .. } => *i >= 1,
            Observed::Hrsd { item3: Some(i), .. } => *i >= t.hrsd_item3_crisis.value,
            Observed::Epds { item10: Some(i), .. } => *i >= 1,
            Observed::Phq9m { item9, serious_thoughts, lifetime_attempt, .. } => {
                item9.is_some_and(|i| i >= 1) || *serious_thoughts == Some(true) || *lifetime_attempt == Some(true)
            }
            Observed::CssrsScreener { risk } => *risk >= 3,
            Observed::WarningSign { sign } => sign == "c1",
            _ => false,
        })
        .map(|o| o.date)
        .collect()
}

struct Step {
    date: NaiveDate,
    before: AlertLevel,
    after: AlertLevel,
    target: AlertLevel,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// In date order: the machine of old (escalate at once, fall one step per hysteresis period).
    #[test]
    fn machine_invariants(stream in stream(), h in 1u16..30) {
        let plan = plan(h);
        let mut m = AlertMachine::new();
        let mut date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut steps: Vec<Step> = Vec::new();
        let mut safety_signal = false;
        let mut last_hour: Option<u32> = None;
        let mut date_used = false;
        for (delta, hour, observed) in stream {
            // Keep every entry in timeline order: a second entry of a day gets a later moment
            // than the one before (entries of a day without a moment sort by content instead).
            let (delta, hour) = match (delta, last_hour) {
                (0, Some(l)) if l >= 23 => (1, hour),
                (0, Some(l)) => (0, Some(hour.unwrap_or(l + 1).max(l + 1))),
                (0, None) if date_used => (0, Some(hour.unwrap_or(0))),
                (d, _) => (d, hour),
            };
            if delta > 0 { last_hour = None; date_used = false; }
            date += Duration::days(delta);
            let obs = Observation { date, at: at(date, hour), received_at: None, observed: observed.clone() };
            let before = m.clone();
            match m.observe(&plan, obs) {
                Err(_) => prop_assert_eq!(&m, &before, "a rejected observation changed the state"),
                Ok(a) => {
                    if hour.is_some() { last_hour = hour; }
                    date_used = true;
                    prop_assert!(!a.late);
                    match observed {
                        Observed::Phq9 { item9: Some(i), .. } if i >= 1 => safety_signal = true,
                        Observed::Hrsd { item3: Some(i), .. } if i >= 3 => safety_signal = true,
                        Observed::Epds { item10: Some(i), .. } if i >= 1 => safety_signal = true,
                        Observed::Phq9m { item9, serious_thoughts, lifetime_attempt, .. }
                            if item9.is_some_and(|i| i >= 1) || serious_thoughts == Some(true) || lifetime_attempt == Some(true) =>
                        {
                            safety_signal = true
                        }
                        Observed::CssrsScreener { risk } if risk >= 3 => safety_signal = true,
                        _ => {}
                    }
                    if safety_signal {
                        prop_assert_eq!(a.level, AlertLevel::Crisis, "a safety item must mean Crisis until acknowledged");
                    }
                    prop_assert!(a.level >= a.target, "the level lies below what the evidence asks for");
                    prop_assert_eq!(a.level, m.level());
                    prop_assert_eq!(a.level, m.history_level(), "in date order nothing is held");
                    if let Some(t) = &a.transition {
                        prop_assert_eq!(t.from, before.level());
                        prop_assert_eq!(t.to, a.level);
                        prop_assert!(!t.reasons.is_empty());
                        match t.direction {
                            Direction::Escalation => prop_assert!(t.to > t.from),
                            Direction::Deescalation => {
                                prop_assert_eq!(t.to, t.from.one_down(), "de-escalation must be one step");
                                let l = before.level();
                                let k = steps.iter().rposition(|s| s.target >= l || (s.after == l && s.before != l));
                                let calm_start = match k.and_then(|k| steps.get(k)) {
                                    Some(s) if s.target >= l => steps.get(k.unwrap_or(0) + 1).map(|s| s.date).unwrap_or(date),
                                    Some(s) => s.date,
                                    None => panic!("de-escalated from {l:?}, a level never entered"),
                                };
                                prop_assert!(a.target < t.from);
                                prop_assert!((date - calm_start).num_days() >= i64::from(h),
                                    "fell from {:?} on {} but calm only since {}", t.from, date, calm_start);
                            }
                        }
                    } else {
                        prop_assert_eq!(a.level, before.level());
                    }
                    steps.push(Step { date, before: before.level(), after: a.level, target: a.target });
                }
            }
        }
        let json = ipsrt::persist::to_json(&m);
        let back: AlertMachine = ipsrt::persist::from_json(&json).unwrap();
        prop_assert_eq!(back.level(), m.level());
        prop_assert_eq!(back.history(), m.history());
        prop_assert_eq!(back.calm_since(), m.calm_since());
        prop_assert_eq!(back.last_observed(), m.last_observed());
    }

    /// For any log and any arrival order, the date-ordered history equals that of the
    /// date-sorted log; a crisis-level item is in the history whatever the order; the reported
    /// level is never below the history's; and without acknowledgements a safety item leaves the
    /// machine at Crisis.
    #[test]
    fn arrival_order_never_changes_the_history_nor_loses_a_crisis(
        (log, shuffled) in log().prop_flat_map(|log| (Just(log.clone()), Just(log).prop_shuffle())),
        h in 1u16..30,
    ) {
        let plan = plan(h);
        let mut sorted_log = log.clone();
        sorted_log.sort_by(|a, b| (a.date, a.at.map(|t| t.to_utc_lenient())).cmp(&(b.date, b.at.map(|t| t.to_utc_lenient()))));
        let mut in_order = AlertMachine::new();
        for o in &sorted_log {
            in_order.observe(&plan, o.clone()).unwrap();
        }
        let mut any_order = AlertMachine::new();
        for o in &shuffled {
            let a = any_order.observe(&plan, o.clone()).unwrap();
            prop_assert!(a.level >= a.history_level, "the reported level fell below the history");
        }
        prop_assert_eq!(any_order.history(), in_order.history());
        prop_assert_eq!(any_order.history_level(), in_order.history_level());
        let obs_any: Vec<&Observation> = any_order.timeline().iter().map(|e| &e.observation).collect();
        let obs_in: Vec<&Observation> = in_order.timeline().iter().map(|e| &e.observation).collect();
        prop_assert_eq!(obs_any, obs_in);
        for date in crisis_items(&plan, &log) {
            prop_assert!(
                any_order.history().iter().any(|t| t.to == AlertLevel::Crisis && t.date <= date),
                "the crisis item of {} is not in the history", date
            );
        }
        let safety = log.iter().any(|o| !o.observed.safety_answers().into_iter().all(|(item, v)| v < item.threshold(&plan.alerts.thresholds).value));
        if safety {
            prop_assert_eq!(any_order.level(), AlertLevel::Crisis);
            prop_assert_eq!(in_order.level(), AlertLevel::Crisis);
        }
        // The persisted form keeps all of it.
        let back: AlertMachine = ipsrt::persist::from_json(&ipsrt::persist::to_json(&any_order)).unwrap();
        prop_assert_eq!(back.level(), any_order.level());
        prop_assert_eq!(back.history(), any_order.history());
        prop_assert_eq!(back.decisions(), any_order.decisions());
    }

    /// A positive item 9 after any prefix, in any position of the arrival order, means Crisis.
    #[test]
    fn item9_positive_always_reaches_crisis(log in log(), total in 1u8..=27, item9 in 1u8..=3, day in 0i64..90) {
        prop_assume!(item9 <= total);
        let plan = plan(14);
        let mut m = AlertMachine::new();
        for o in &log {
            m.observe(&plan, o.clone()).unwrap();
        }
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(day);
        let a = m.observe(&plan, Observation::new(date, Observed::Phq9 { total: Some(total), item9: Some(item9) })).unwrap();
        prop_assert_eq!(a.level, AlertLevel::Crisis);
        prop_assert!(a.findings.iter().any(|r| r.level == AlertLevel::Crisis && r.source.key == "KSW-2001"));
    }
}
