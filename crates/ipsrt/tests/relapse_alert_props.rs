//! Property tests of the alert-level machine: no observation sequence panics; a positive PHQ-9
//! item 9 always means Crisis; levels fall only one step at a time and only after the hysteresis
//! time; the level never lies below what the evidence asks for; rejected observations leave the
//! state exactly as it was.

use chrono::{Duration, NaiveDate};
use ipsrt::life_event::LifeEventKind;
use ipsrt::relapse::{
    AlertLevel, AlertMachine, Direction, Observation, Observed, Pole, RelapsePlan, SleepAnchor, WarningSign,
};
use ipsrt::time::ZonedDateTime;
use proptest::prelude::*;

fn plan(deescalation_days: u16) -> RelapsePlan {
    let mut p = RelapsePlan::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    p.early_warning_signs.push(WarningSign::new("e1", Pole::Manic, "less sleep"));
    p.early_warning_signs.push(WarningSign::new("e2", Pole::Depressive, "withdrawing"));
    p.breaking_down.signs.push(WarningSign::new("b1", Pole::Manic, "spending"));
    p.crisis.take_over_signs.push(WarningSign::new("c1", Pole::Depressive, "hopeless"));
    p.alerts.thresholds.deescalation_days.value = deescalation_days;
    p
}

fn observed() -> impl Strategy<Value = Observed> {
    prop_oneof![
        (proptest::option::of(0u8..=30), proptest::option::of(0u8..=4))
            .prop_map(|(total, item9)| Observed::Phq9 { total, item9 }),
        (0u8..=22).prop_map(|total| Observed::Asrm { total }),
        (0u8..=62).prop_map(|total| Observed::Ymrs { total }),
        (0u8..=54).prop_map(|total| Observed::Hrsd { total }),
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
        Just(Observed::CheckIn),
        Just(Observed::CheckIn),
    ]
}

/// Day steps: mostly forward, sometimes the same day, sometimes backwards (must be rejected).
fn step() -> impl Strategy<Value = i64> {
    prop_oneof![6 => 0i64..8, 2 => 8i64..40, 1 => -5i64..0]
}

fn stream() -> impl Strategy<Value = Vec<(i64, Option<u32>, Observed)>> {
    proptest::collection::vec((step(), proptest::option::of(0u32..24), observed()), 0..60)
}

struct Step {
    date: NaiveDate,
    before: AlertLevel,
    after: AlertLevel,
    target: AlertLevel,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn machine_invariants(stream in stream(), h in 1u16..30) {
        let plan = plan(h);
        let mut m = AlertMachine::new();
        let mut date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut steps: Vec<Step> = Vec::new();
        let mut item9_positive = false;
        for (delta, hour, observed) in stream {
            date += Duration::days(delta);
            let at = hour.and_then(|h| ZonedDateTime::parse(&format!("{date}T{h:02}:00"), "Europe/Amsterdam").ok());
            let obs = Observation { date, at, observed: observed.clone() };
            let before = m.clone();
            match m.observe(&plan, obs) {
                Err(_) => {
                    prop_assert_eq!(&m, &before, "a rejected observation changed the state");
                    // Keep our clock at the machine's so the stream goes on from there.
                    if let Some(d) = m.last_observed() { date = d; }
                }
                Ok(a) => {
                    if let Observed::Phq9 { item9: Some(i), .. } = observed {
                        item9_positive = i >= 1;
                    }
                    if item9_positive {
                        prop_assert_eq!(a.level, AlertLevel::Crisis, "item 9 ≥ 1 must mean Crisis");
                    }
                    prop_assert!(a.level >= a.target, "the level lies below what the evidence asks for");
                    prop_assert_eq!(a.level, m.level());
                    if let Some(t) = &a.transition {
                        prop_assert_eq!(t.from, before.level());
                        prop_assert_eq!(t.to, a.level);
                        prop_assert!(!t.reasons.is_empty());
                        match t.direction {
                            Direction::Escalation => prop_assert!(t.to > t.from),
                            Direction::Deescalation => {
                                prop_assert_eq!(t.to, t.from.one_down(), "de-escalation must be one step");
                                // Since the level was entered or last asked for, H days must have passed
                                // with every accepted observation asking for less.
                                let l = before.level();
                                // The last accepted observation that asked for `l` or more, or that
                                // moved the level to `l`.
                                let k = steps.iter().rposition(|s| s.target >= l || (s.after == l && s.before != l));
                                let calm_start = match k.and_then(|k| steps.get(k)) {
                                    // Asked for l: calm starts at the next observation.
                                    Some(s) if s.target >= l => steps.get(k.unwrap_or(0) + 1).map(|s| s.date).unwrap_or(date),
                                    // Stepped down to l while asking for less: calm starts there.
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
        // The persisted form round-trips (floats in the evidence may differ in the last bit:
        // serde_json's default float parser is not correctly rounded).
        let json = ipsrt::persist::to_json(&m);
        let back: AlertMachine = ipsrt::persist::from_json(&json).unwrap();
        prop_assert_eq!(back.level(), m.level());
        prop_assert_eq!(back.history(), m.history());
        prop_assert_eq!(back.calm_since(), m.calm_since());
        prop_assert_eq!(back.last_observed(), m.last_observed());
    }

    #[test]
    fn item9_positive_always_reaches_crisis(prefix in stream(), total in 1u8..=27, item9 in 1u8..=3) {
        prop_assume!(item9 <= total);
        let plan = plan(14);
        let mut m = AlertMachine::new();
        let mut date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for (delta, _, observed) in prefix {
            date += Duration::days(delta.max(0));
            let _ = m.observe(&plan, Observation::new(date, observed));
        }
        let last = m.last_observed().unwrap_or(date).max(date);
        let a = m.observe(&plan, Observation::new(last, Observed::Phq9 { total: Some(total), item9: Some(item9) })).unwrap();
        prop_assert_eq!(a.level, AlertLevel::Crisis);
        prop_assert!(a.findings.iter().any(|r| r.level == AlertLevel::Crisis && r.source.key == "KSW-2001"));
    }
}
