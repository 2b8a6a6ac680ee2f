//! Adherence per task in the care status: counted over the last 28 local dates, across a
//! schedule version change and a zone change inside the window, equal to
//! `schedule::adherence` over the same occurrences, and the counts always add up.

mod care_common;

use care_common::*;
use chrono::{Duration, NaiveDate};
use ipsrt::care::{ADHERENCE_WINDOW_DAYS, CareError, CareLog, CareRecord, CareStatus, Entry, EntryKind};
use ipsrt::relapse::Observed;
use ipsrt::schedule::{Adherence, Occurrence, Schedule, ScheduleRecords, Weekday, defaults};
use proptest::prelude::*;

const NY: &str = "America/New_York";

fn start() -> NaiveDate {
    d("2026-03-01")
}

fn setup(v2_from: NaiveDate, zone_from: NaiveDate) -> Vec<Entry> {
    let day = start();
    let mut entries = registered(day);
    entries.extend([
        Entry::new(
            "s1",
            at(day, "08:02"),
            day,
            "dr",
            EntryKind::ScheduleSet {
                schedule: Schedule::new(vec![
                    defaults::srm_diary_daily(day).unwrap(),
                    defaults::asrm_weekly(day, Weekday::Sunday).unwrap(),
                ])
                .unwrap(),
            },
        ),
        Entry::new("z", at(day, "08:03"), zone_from, "dr", EntryKind::ZoneChanged { zone: NY.into() }),
        // Version 2 from `v2_from`: the diary stays, the ASRM is dropped, a lithium dose is added.
        Entry::new(
            "s2",
            at(day, "08:04"),
            v2_from,
            "dr",
            EntryKind::ScheduleSet {
                schedule: Schedule::new(vec![
                    defaults::srm_diary_daily(day).unwrap(),
                    defaults::medication_daily("li", "lithium", v2_from, vec!["20:00".parse().unwrap()]).unwrap(),
                ])
                .unwrap(),
            },
        ),
    ]);
    entries
}

/// The slot of each task of the test schedules.
fn slot(task: &str) -> &'static str {
    if task == "srm" { "21:00" } else { "20:00" }
}

fn done(id: &str, task: &str, date: &str, when: (&str, &str, &str)) -> Entry {
    let (day, hm, zone) = when;
    let moment = at_in(d(day), hm, zone);
    Entry::new(id, moment, d(day), "patient", EntryKind::Observation { observed: Observed::CheckIn }).completes(occ(
        task,
        d(date),
        slot(task),
    ))
}

fn excused(id: &str, task: &str, date: &str) -> Entry {
    Entry::new(id, at(d("2026-03-01"), "09:00"), d(date), "dr", EntryKind::Excused { reason: "inpatient stay".into() })
        .completes(occ(task, d(date), slot(task)))
}

fn record(entries: Vec<Entry>) -> CareRecord {
    CareRecord::replay(&CareLog::new(entries)).unwrap()
}

fn task<'a>(s: &'a CareStatus, id: &str) -> &'a ipsrt::care::TaskAdherenceView {
    s.adherence.tasks.iter().find(|t| t.task == id).unwrap_or_else(|| panic!("no adherence for {id}"))
}

fn counts(on_time: u32, late: u32, missed: u32, excused: u32, pending: u32) -> Adherence {
    Adherence { on_time, late, missed, excused, pending }
}

#[test]
fn adherence_counts_across_a_schedule_version_and_a_zone_change() {
    let mut entries = setup(d("2026-03-20"), d("2026-03-15"));
    entries.extend([
        // Diary: three on time (one in Amsterdam, two in New York, one of them after midnight
        // inside the grace period), one late, two excused.
        done("d1", "srm", "2026-03-02", ("2026-03-02", "21:30", ZONE)),
        done("d2", "srm", "2026-03-16", ("2026-03-16", "22:00", NY)),
        done("d3", "srm", "2026-03-24", ("2026-03-25", "02:00", NY)),
        done("d4", "srm", "2026-03-21", ("2026-03-22", "10:00", NY)),
        excused("x1", "srm", "2026-03-10"),
        excused("x2", "srm", "2026-03-25"),
        // ASRM (version 1 only): 03-01 missed, 03-08 on time, 03-15 late (the zone-change day).
        done("a1", "asrm", "2026-03-08", ("2026-03-08", "20:30", ZONE)),
        done("a2", "asrm", "2026-03-15", ("2026-03-16", "09:00", NY)),
        // Lithium (version 2 only): 03-20 on time, 03-22 excused.
        done("l1", "li", "2026-03-20", ("2026-03-20", "20:10", NY)),
        excused("x3", "li", "2026-03-22"),
    ]);
    let rec = record(entries);
    let s = rec.status(d("2026-03-28")).unwrap();
    assert_eq!(s.zone, NY);
    assert_eq!((s.adherence.from, s.adherence.to), (d("2026-03-01"), d("2026-03-28")));
    assert_eq!(s.adherence.tasks.iter().map(|t| t.task.as_str()).collect::<Vec<_>>(), ["asrm", "li", "srm"]);

    // 28 diary occurrences (19 of version 1, 9 of version 2): the zone change neither adds nor
    // drops one. 03-28 21:00 is still inside its grace period at the end of the day: pending.
    let srm = task(&s, "srm");
    assert_eq!(srm.counts, counts(3, 1, 21, 2, 1));
    assert_eq!(srm.what, "srm_diary");
    assert_eq!(srm.expected, 25);
    assert_eq!(srm.completion_rate, Some(4.0 / 25.0));
    assert_eq!(srm.on_time_share, Some(3.0 / 4.0));

    // The ASRM of version 1: Sundays 03-01, 03-08 and 03-15; none after version 2.
    let asrm = task(&s, "asrm");
    assert_eq!(asrm.counts, counts(1, 1, 1, 0, 0));
    assert_eq!(asrm.completion_rate, Some(2.0 / 3.0));

    // Lithium from 03-20 (version 2): 9 doses; 03-28 20:00 is inside its 12-hour window.
    let li = task(&s, "li");
    assert_eq!(li.counts, counts(1, 0, 6, 1, 1));
    assert_eq!(li.what, "medication");
    assert_eq!(li.expected, 7);
}

#[test]
fn the_window_moves_with_the_status_date_and_nothing_due_is_not_zero() {
    let rec = record(setup(d("2026-03-20"), d("2026-03-15")));
    // On the first day nothing is settled: the rate is "none", not 0 %.
    let s = rec.status_at(start(), Some("12:00".parse().unwrap())).unwrap();
    let srm = task(&s, "srm");
    assert_eq!(srm.counts, counts(0, 0, 0, 0, 1));
    assert_eq!((srm.expected, srm.completion_rate, srm.on_time_share), (0, None, None));
    // Two months on, only the last 28 days count and the ASRM (version 1 only) is absent.
    let on = d("2026-05-01");
    let s = rec.status(on).unwrap();
    assert_eq!(s.adherence.from, on - Duration::days(ADHERENCE_WINDOW_DAYS - 1));
    assert_eq!(s.adherence.tasks.iter().map(|t| t.task.as_str()).collect::<Vec<_>>(), ["li", "srm"]);
    assert_eq!(task(&s, "srm").counts, counts(0, 0, 27, 0, 1));
    // The JSON of the status carries it, counts flattened, the rate null when undefined.
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["adherence"]["from"], "2026-04-04");
    assert_eq!(json["adherence"]["tasks"][1]["missed"], 27);
    assert_eq!(json["adherence"]["tasks"][1]["completion_rate"], 0.0);
}

/// The status's occurrences, re-evaluated independently: each schedule version over its own
/// period inside the window, with the record's completions and excusals of that version.
fn occurrences_in_window(rec: &CareRecord, s: &CareStatus) -> Vec<Occurrence> {
    let zones = rec.zones().unwrap();
    let versions = rec.schedules();
    let mut out = Vec::new();
    for (k, v) in versions.iter().enumerate() {
        let until = versions.get(k + 1).map_or(s.on, |n| n.effective.pred_opt().unwrap().min(s.on));
        let from = v.effective.max(s.adherence.from);
        if from > until {
            continue;
        }
        let ok = |o: &ipsrt::schedule::OccurrenceId| v.schedule.find_occurrence(o, &[]).is_ok();
        let records = ScheduleRecords::new(
            Vec::new(),
            rec.completions().iter().filter(|c| ok(&c.occurrence)).cloned().collect(),
            rec.excusals().iter().filter(|x| ok(&x.occurrence)).cloned().collect(),
        )
        .unwrap();
        out.extend(v.schedule.evaluate(zones, &records, from, until, s.now).unwrap());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// For any schedule change date, zone change date, completions (on time, late or after
    /// the window) and excusals: on time + late + missed + excused + pending = the
    /// occurrences in the window, the rate is in [0, 1], and the status's adherence is
    /// `schedule::adherence` over the same occurrences.
    #[test]
    fn adherence_adds_up_and_matches_the_schedule_module(
        v2_day in 1i64..40,
        zone_day in 1i64..40,
        marks in proptest::collection::vec((0i64..40, 0u8..3, 0u8..5), 0..30),
        on_day in 0i64..45,
        at_hour in proptest::option::of(0u32..24),
    ) {
        let mut entries = setup(start() + Duration::days(v2_day), start() + Duration::days(zone_day));
        let mut seen = std::collections::BTreeSet::new();
        for (n, (day, which, how)) in marks.into_iter().enumerate() {
            let date = start() + Duration::days(day);
            let v2 = day >= v2_day;
            let task = match which { 0 => "srm", 1 if v2 => "li", _ => "srm" };
            if !seen.insert((task, date)) {
                continue;
            }
            let zone = if day >= zone_day { NY } else { ZONE };
            let slot = slot(task);
            let id = occ(task, date, slot);
            let entry = match how {
                0 => Entry::new(format!("x{n}"), at(start(), "09:00"), date, "dr", EntryKind::Excused { reason: "away".into() }),
                _ => {
                    // 0, 3, 14 or 30 hours after the due time (on time, late, or past the window).
                    let hours = [0, 0, 3, 14, 30][usize::from(how)];
                    let moment = at_in(date, slot, zone).to_utc_lenient() + Duration::hours(hours);
                    let local = ipsrt::time::ZonedDateTime::from_utc(moment, zone.parse().unwrap());
                    Entry::new(format!("c{n}"), local, local.local.date(), "patient", EntryKind::Observation { observed: Observed::CheckIn })
                }
            };
            entries.push(entry.completes(id));
        }
        let rec = CareRecord::replay(&CareLog::new(entries)).unwrap();
        let on = start() + Duration::days(on_day);
        let status = rec.status_at(on, at_hour.map(|h| format!("{h:02}:00").parse().unwrap()));
        if on_day == 0 && at_hour.is_some_and(|h| h < 8) {
            // Before the patient was registered (08:00 on the first day) the record has no
            // status to give, and says so.
            prop_assert!(matches!(status, Err(CareError::NotReady(_))), "{:?}", status);
            return Ok(());
        }
        let s = status.unwrap();
        let occurrences = occurrences_in_window(&rec, &s);
        let by_task = ipsrt::schedule::adherence(&occurrences);
        prop_assert_eq!(s.adherence.tasks.len(), by_task.len());
        for t in &s.adherence.tasks {
            let n = occurrences.iter().filter(|o| o.id.task == t.task).count();
            let c = t.counts;
            prop_assert_eq!((c.on_time + c.late + c.missed + c.excused + c.pending) as usize, n);
            prop_assert_eq!(Some(&t.counts), by_task.get(&t.task));
            prop_assert_eq!(t.expected, c.on_time + c.late + c.missed);
            if let Some(r) = t.completion_rate {
                prop_assert!((0.0..=1.0).contains(&r));
            } else {
                prop_assert_eq!(t.expected, 0);
            }
        }
    }
}
