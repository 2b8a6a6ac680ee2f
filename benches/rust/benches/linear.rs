//! Readers are linear in their input: each case is measured at `n` and `2n` (and `4n`), and
//! before criterion runs, a quick median of five runs at each size prints the time ratio
//! (about 2 for a linear reader, about 4 for a quadratic one).
//!
//! Cases: a persisted IPT course log (`persist::from_json::<CourseLog>`, which replays the
//! log), an observation log (`persist::from_json::<ObservationLog>` then
//! `AlertMachine::observe_all`), a medication log (`persist::from_json::<MedicationLog>`), a
//! long SRM diary scored window by window (`Diary::weeks`), and a wide CSV header
//! (`srm::long_format::Columns::from_header`).
//!
//! Run: `cargo bench -p ipsrt-benches --bench linear` (figures in docs/reliability.md).
//! Under `cargo test --all-targets` each case runs once at a small size.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ipsrt::course::{CourseEvent, CourseLog, EventRecord, Protocol};
use ipsrt::inventory::Person;
use ipsrt::ipsrt::{DoseOutcome, DoseRecord, MedicationLog, ScheduledDose};
use ipsrt::persist::{from_json, to_json};
use ipsrt::problem_area::Taxonomy;
use ipsrt::relapse::{AlertMachine, Observation, ObservationLog, Observed, RelapsePlan};
use ipsrt::srm::long_format::Columns;
use ipsrt::srm::{Diary, Entry, Form, ItemId, ScoringOptions, Status};

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default()
}

fn day(i: usize) -> NaiveDate {
    day0().checked_add_days(Days::new(i as u64)).unwrap_or_default()
}

/// A course log JSON: created, one person, then `n` updates of that person.
fn course_log(n: usize) -> String {
    let protocol = Protocol::wmk_acute();
    let mut events = vec![
        EventRecord::new(day0(), CourseEvent::CourseCreated { protocol, taxonomy: Taxonomy::Wmk4 }),
        EventRecord::new(
            day0(),
            CourseEvent::PersonAdded { person: Person::new("partner", "Sam", "partner").unwrap() },
        ),
    ];
    for i in 0..n {
        let name = format!("Sam {}", i % 100);
        events.push(EventRecord::new(
            day0(),
            CourseEvent::PersonUpdated { person: Person::new("partner", &name, "partner").unwrap() },
        ));
    }
    to_json(&CourseLog::from_events(events).unwrap())
}

/// An observation log JSON: one ASRM total a day for `n` days.
fn observation_log(n: usize) -> String {
    let observations =
        (0..n).map(|i| Observation::new(day(i), Observed::Asrm { total: (i % 5) as u8 })).collect::<Vec<_>>();
    to_json(&ObservationLog { observations })
}

/// A medication log JSON: two doses a day for `n / 2` days.
fn medication_log(n: usize) -> String {
    let dose = |id: &str, t: &str| ScheduledDose {
        id: id.into(),
        medication: "lithium".into(),
        time: t.parse().unwrap(),
        anchor: None,
    };
    let mut log = MedicationLog::new(vec![dose("morning", "08:00"), dose("evening", "21:00")]).unwrap();
    for i in 0..n / 2 {
        for id in ["morning", "evening"] {
            log.record(DoseRecord { dose: id.into(), date: day(i), outcome: DoseOutcome::Taken { at: None } }).unwrap();
        }
    }
    to_json(&log)
}

/// An SRM-5 diary of `n` entries (five items a day for `n / 5` days).
fn diary(n: usize) -> Diary {
    let mut d = Diary::new(Form::Srm5);
    let items = [ItemId::OutOfBed, ItemId::FirstContact, ItemId::StartWork, ItemId::Dinner, ItemId::ToBed];
    for i in 0..n {
        let t = format!("{:02}:{:02}", 7 + (i % 5) * 3, i % 60);
        d.add(Entry::new(day(i / 5), items[i % 5], Status::Done(t.parse().unwrap()))).unwrap();
    }
    d
}

/// A header of the four required columns and `n` extra ones.
fn header(n: usize) -> Vec<String> {
    ["participant", "date", "item", "time"]
        .iter()
        .map(|s| s.to_string())
        .chain((0..n).map(|i| format!("x{i}")))
        .collect()
}

struct Case {
    name: &'static str,
    /// Sizes `n` (the benchmark also runs `2n` and `4n`).
    n: usize,
    /// Builds the input of size `n` and returns a closure that reads it once.
    make: fn(usize) -> Box<dyn Fn()>,
}

fn cases(small: bool) -> Vec<Case> {
    let k = |big: usize| if small { (big / 100).max(10) } else { big };
    vec![
        Case {
            name: "course_log_json",
            // A course takes at most `course::MAX_EVENTS` (10 000) events, so 4n stays below.
            n: k(2_000),
            make: |n| {
                let text = course_log(n);
                Box::new(move || {
                    black_box(from_json::<CourseLog>(black_box(&text)).unwrap());
                })
            },
        },
        Case {
            name: "observation_log_observe_all",
            n: k(20_000),
            make: |n| {
                let text = observation_log(n);
                let plan = RelapsePlan::new(day0(), ipsrt::relapse::Region::Nl);
                Box::new(move || {
                    let log = from_json::<ObservationLog>(black_box(&text)).unwrap();
                    let mut machine = AlertMachine::new();
                    black_box(machine.observe_all(&plan, &log.observations).unwrap());
                })
            },
        },
        Case {
            // The same log, already parsed: the alert machine alone (tells the parser's share
            // of the case above from the machine's).
            name: "observe_all_only",
            n: k(20_000),
            make: |n| {
                let log = from_json::<ObservationLog>(&observation_log(n)).unwrap();
                let plan = RelapsePlan::new(day0(), ipsrt::relapse::Region::Nl);
                Box::new(move || {
                    let mut machine = AlertMachine::new();
                    black_box(machine.observe_all(&plan, black_box(&log.observations)).unwrap());
                })
            },
        },
        Case {
            // The same log parsed only (the persisted envelope through `persist::from_json`).
            name: "observation_log_json_only",
            n: k(20_000),
            make: |n| {
                let text = observation_log(n);
                Box::new(move || {
                    black_box(from_json::<ObservationLog>(black_box(&text)).unwrap());
                })
            },
        },
        Case {
            name: "medication_log_json",
            n: k(20_000),
            make: |n| {
                let text = medication_log(n);
                Box::new(move || {
                    black_box(from_json::<MedicationLog>(black_box(&text)).unwrap());
                })
            },
        },
        Case {
            name: "srm_diary_weeks",
            n: k(50_000),
            make: |n| {
                let d = diary(n);
                let options = ScoringOptions::default();
                Box::new(move || {
                    black_box(black_box(&d).weeks(&options));
                })
            },
        },
        Case {
            name: "csv_wide_header",
            // 4n + 4 columns stay under limits::MAX_CSV_COLUMNS (1 024), which a wider header
            // is refused at before its names are looked at.
            n: if small { 10 } else { 250 },
            make: |n| {
                let h = header(n);
                Box::new(move || {
                    black_box(Columns::from_header(black_box(&h)).unwrap());
                })
            },
        },
    ]
}

/// Median wall time of `runs` calls.
fn median(f: &dyn Fn(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn bench(c: &mut Criterion) {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    for case in cases(!benchmarking) {
        if benchmarking {
            let (a, b) = ((case.make)(case.n), (case.make)(2 * case.n));
            a();
            b();
            let (ta, tb) = (median(&*a, 5), median(&*b, 5));
            println!(
                "linear/{}: n = {}: {:.3} ms; 2n = {}: {:.3} ms; ratio {:.2}",
                case.name,
                case.n,
                ta.as_secs_f64() * 1e3,
                2 * case.n,
                tb.as_secs_f64() * 1e3,
                tb.as_secs_f64() / ta.as_secs_f64()
            );
        }
        let mut group = c.benchmark_group(format!("linear_{}", case.name));
        group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
        for n in [case.n, 2 * case.n, 4 * case.n] {
            let run = (case.make)(n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(BenchmarkId::from_parameter(n), |b| b.iter(&run));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
