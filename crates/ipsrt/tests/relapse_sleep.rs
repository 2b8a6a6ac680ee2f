//! Sleep shifts from the SRM diary feed the alert machine (issue 4: the machine is driven by
//! "sleep shifts from the SRM bedtime/out-of-bed times"; docs/relapse.md#alert-levels Watch: a sleep shift of
//! ≥ 1–2 h on ≥ 2 nights).

use chrono::NaiveDate;
use ipsrt::relapse::convert::sleep_shift_observations;
use ipsrt::relapse::{AlertLevel, AlertMachine, Observed, RelapsePlan, Rule, SleepAnchor};
use ipsrt::srm::{Form, ItemId, ScoringOptions, Status, Week, score_week};
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn week(start: &str, bed: [&str; 7], up: [&str; 7]) -> Week {
    let mut w = Week::new(Form::Srm5, date(start));
    for day in 0..7 {
        if !bed[day].is_empty() {
            w.set(ItemId::ToBed, day, Status::Done(bed[day].parse().unwrap())).unwrap();
        }
        if !up[day].is_empty() {
            w.set(ItemId::OutOfBed, day, Status::Done(up[day].parse().unwrap())).unwrap();
        }
    }
    w
}

#[test]
fn late_nights_versus_the_baseline_raise_watch() {
    let base = week("2026-01-05", ["23:30"; 7], ["07:00"; 7]);
    let baseline = score_week(&base, &ScoringOptions::default()).unwrap();
    // Two nights to bed after midnight (+75 and +65 min), one morning up early (−70), one
    // unrecorded day.
    let w = week(
        "2026-01-12",
        ["00:45", "23:40", "00:35", "23:20", "23:30", "", "23:35"],
        ["07:10", "05:50", "07:00", "07:00", "07:05", "", "06:55"],
    );
    let obs = sleep_shift_observations(&w, &baseline).unwrap();
    assert_eq!(obs.len(), 12, "two anchors on six recorded days");
    let first: Vec<(NaiveDate, Observed)> = obs.iter().take(4).map(|o| (o.date, o.observed.clone())).collect();
    assert_eq!(
        first,
        vec![
            (date("2026-01-12"), Observed::SleepShift { anchor: SleepAnchor::OutOfBed, minutes: 10 }),
            (date("2026-01-12"), Observed::SleepShift { anchor: SleepAnchor::Bedtime, minutes: 75 }),
            (date("2026-01-13"), Observed::SleepShift { anchor: SleepAnchor::OutOfBed, minutes: -70 }),
            (date("2026-01-13"), Observed::SleepShift { anchor: SleepAnchor::Bedtime, minutes: 10 }),
        ]
    );
    assert!(obs.windows(2).all(|p| p[0].date <= p[1].date));

    let plan = RelapsePlan::new(date("2026-01-01"), ipsrt::relapse::Region::Nl);
    let mut m = AlertMachine::new();
    let out = m.observe_all(&plan, &obs).unwrap();
    // Watch from the second shifted night (13 Jan: −70 after +75 on 12 Jan), not before.
    assert_eq!(out[1].level, AlertLevel::Green);
    assert_eq!(out[2].level, AlertLevel::Watch);
    assert!(out[2].findings.iter().any(|r| r.rule == Rule::SleepShift));
}

#[test]
fn one_shifted_night_is_not_enough_and_a_baseline_without_sleep_times_is_an_error() {
    let base = week("2026-01-05", ["23:30"; 7], ["07:00"; 7]);
    let baseline = score_week(&base, &ScoringOptions::default()).unwrap();
    let w = week("2026-01-12", ["01:00", "23:30", "23:30", "23:30", "23:30", "23:30", "23:30"], ["07:00"; 7]);
    let obs = sleep_shift_observations(&w, &baseline).unwrap();
    let plan = RelapsePlan::new(date("2026-01-01"), ipsrt::relapse::Region::Nl);
    let mut m = AlertMachine::new();
    m.observe_all(&plan, &obs).unwrap();
    assert_eq!(m.level(), AlertLevel::Green);

    let empty = score_week(&Week::new(Form::Srm5, date("2026-01-05")), &ScoringOptions::default()).unwrap();
    let e = sleep_shift_observations(&w, &empty).unwrap_err();
    assert!(e.to_string().contains("habitual"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The shift is the short way round the clock: within −720..=720 and equal to the
    /// difference modulo 24 h, whatever the times.
    #[test]
    fn shifts_are_the_short_way_round(habitual in 0u16..1440, times in prop::array::uniform7(prop::option::of(0u16..1440))) {
        let t = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        let hab = t(habitual);
        let base = week("2026-01-05", [hab.as_str(); 7], [""; 7]);
        let baseline = score_week(&base, &ScoringOptions::default()).unwrap();
        let bed: Vec<String> = times.iter().map(|o| o.map(t).unwrap_or_default()).collect();
        let bed: [&str; 7] = std::array::from_fn(|i| bed[i].as_str());
        let w = week("2026-01-12", bed, [""; 7]);
        let obs = sleep_shift_observations(&w, &baseline).unwrap();
        prop_assert_eq!(obs.len(), times.iter().filter(|o| o.is_some()).count());
        for (o, m) in obs.iter().zip(times.iter().flatten()) {
            let Observed::SleepShift { anchor, minutes } = o.observed.clone() else { panic!("not a sleep shift") };
            prop_assert_eq!(anchor, SleepAnchor::Bedtime);
            prop_assert!((-720..=720).contains(&minutes));
            prop_assert_eq!((i32::from(habitual) + i32::from(minutes)).rem_euclid(1440), i32::from(*m));
        }
    }
}
