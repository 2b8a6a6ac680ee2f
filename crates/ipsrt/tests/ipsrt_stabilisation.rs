//! The MTBD stabilisation criterion.

use chrono::NaiveDate;
use ipsrt::ipsrt::{StabilisationCriterion, WeeklyRating};
use proptest::prelude::*;

fn w(week: i64, depression: f64, mania: f64, stable: bool) -> WeeklyRating {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::weeks(week);
    WeeklyRating { week_start: start, depression, mania, medication_stable: stable }
}

#[test]
fn mtbd_values_and_sources() {
    let c = StabilisationCriterion::mtbd();
    assert_eq!(c.weeks.value, 4);
    assert_eq!(c.depression_mean_below.value, 7.0);
    assert_eq!(c.mania_below.value, 7.0);
    assert_eq!(c.weeks.source.key, "MTBD");
    assert!(c.weeks.source.reference().is_some());
}

#[test]
fn four_consecutive_weeks_with_mean_below_7() {
    let c = StabilisationCriterion::mtbd();
    // Mean of weeks 1-4 = (10+6+5+6)/4 = 6.75 but week 0 has mania 7 (not < 7).
    let r =
        [w(0, 3.0, 7.0, true), w(1, 10.0, 2.0, true), w(2, 6.0, 1.0, true), w(3, 5.0, 0.0, true), w(4, 6.0, 3.0, true)];
    let res = c.evaluate(&r).unwrap();
    assert!(res.met);
    assert_eq!(res.window_start, Some(w(1, 0.0, 0.0, true).week_start));
    assert_eq!(res.met_on, Some(NaiveDate::from_ymd_opt(2026, 2, 8).unwrap()));
    assert_eq!(res.depression_mean, Some(6.75));
    // Mean exactly 7 is not < 7.
    let r = [w(0, 7.0, 0.0, true), w(1, 7.0, 0.0, true), w(2, 7.0, 0.0, true), w(3, 7.0, 0.0, true)];
    assert!(!c.evaluate(&r).unwrap().met);
    // A missing week breaks the run; a medication change too.
    let r = [w(0, 1.0, 0.0, true), w(1, 1.0, 0.0, true), w(3, 1.0, 0.0, true), w(4, 1.0, 0.0, true)];
    assert!(!c.evaluate(&r).unwrap().met);
    let r = [w(0, 1.0, 0.0, true), w(1, 1.0, 0.0, false), w(2, 1.0, 0.0, true), w(3, 1.0, 0.0, true)];
    assert!(!c.evaluate(&r).unwrap().met);
    // Order of input does not matter; duplicates and bad numbers are errors.
    let r = [w(3, 1.0, 0.0, true), w(1, 1.0, 0.0, true), w(0, 1.0, 0.0, true), w(2, 1.0, 0.0, true)];
    assert!(c.evaluate(&r).unwrap().met);
    assert!(c.evaluate(&[w(0, 1.0, 0.0, true), w(0, 2.0, 0.0, true)]).is_err());
    assert!(c.evaluate(&[w(0, f64::NAN, 0.0, true)]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn a_met_window_really_satisfies_the_rules(ws in prop::collection::vec((0..20i64, 0.0..15.0f64, 0.0..10.0f64, prop::bool::weighted(0.9)), 0..20)) {
        let mut seen = std::collections::BTreeSet::new();
        let ratings: Vec<WeeklyRating> = ws.into_iter().filter(|(k, ..)| seen.insert(*k)).map(|(k, d, m, s)| w(k, d, m, s)).collect();
        let c = StabilisationCriterion::mtbd();
        let res = c.evaluate(&ratings).unwrap();
        if let Some(start) = res.window_start {
            let window: Vec<&WeeklyRating> = ratings.iter().filter(|r| r.week_start >= start && r.week_start < start + chrono::Duration::weeks(4)).collect();
            prop_assert_eq!(window.len(), 4);
            prop_assert!(window.iter().all(|r| r.mania < 7.0 && r.medication_stable));
            prop_assert!(window.iter().map(|r| r.depression).sum::<f64>() / 4.0 < 7.0);
        } else {
            prop_assert!(!res.met);
        }
    }
}
