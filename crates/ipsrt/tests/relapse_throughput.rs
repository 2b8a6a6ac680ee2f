//! Throughput of the alert machine (ignored by default; run with
//! `cargo test --release -p ipsrt --test relapse_throughput -- --ignored --nocapture`).

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use ipsrt::life_event::LifeEventKind;
use ipsrt::relapse::{AlertMachine, Observation, Observed, Pole, RelapsePlan, SleepAnchor, WarningSign};

#[test]
#[ignore]
fn observations_per_second() {
    let mut plan = RelapsePlan::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), ipsrt::relapse::Region::Nl);
    plan.early_warning_signs.push(WarningSign::new("e1", Pole::Manic, "less sleep"));
    plan.early_warning_signs.push(WarningSign::new("e2", Pole::Depressive, "withdrawing"));
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let n = 1_000_000usize;
    let observations: Vec<Observation> = (0..n)
        .map(|i| {
            let date = start + Duration::days((i / 4) as i64);
            let observed = match i % 8 {
                0 => Observed::Phq9 { total: Some((i % 20) as u8 + 1), item9: Some(u8::from(i % 997 == 0)) },
                1 => Observed::Asrm { total: (i % 9) as u8 },
                2 => Observed::SleepShift { anchor: SleepAnchor::Bedtime, minutes: ((i % 180) as i16) - 90 },
                3 => Observed::WarningSign { sign: if i % 3 == 0 { "e1".into() } else { "e2".into() } },
                4 => Observed::SrmWeek { week_start: date, score: (i % 7) as f64 },
                5 => Observed::Trigger { kind: LifeEventKind::Exams, note: None },
                6 => Observed::MissedMedication { doses: 1, medication: None },
                _ => Observed::CheckIn,
            };
            Observation::new(date, observed)
        })
        .collect();
    let mut m = AlertMachine::new();
    let t = Instant::now();
    for o in &observations[..n / 2] {
        m.observe(&plan, o.clone()).unwrap();
    }
    let secs_one = t.elapsed().as_secs_f64();
    let t = Instant::now();
    m.observe_all(&plan, &observations[n / 2..]).unwrap();
    let secs_all = t.elapsed().as_secs_f64();
    println!(
        "observe: {:.0} observations/s; observe_all: {:.0} observations/s",
        (n / 2) as f64 / secs_one,
        (n - n / 2) as f64 / secs_all
    );
    let secs = secs_one + secs_all;
    println!(
        "{n} observations in {secs:.2} s: {:.0} observations/s; {} transitions; final level {}",
        n as f64 / secs,
        m.history().len(),
        m.level()
    );
    assert!(!m.history().is_empty());
}
