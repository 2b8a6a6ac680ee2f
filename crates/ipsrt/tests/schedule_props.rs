//! Properties of schedule evaluation: occurrences are unique by id; every occurrence is in
//! exactly one state, consistent with its window and "now"; the result does not depend on the
//! order of the records; a zone change never creates or drops a local occurrence.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use ipsrt::schedule::{
    Completion, Excusal, LateRule, Occurrence, OccurrenceState, Recurrence, Schedule, ScheduleRecords, ScheduledTask,
    SessionDate, Task, Weekday, Window, ZoneChange, ZoneHistory, adherence, missed_streaks,
};
use ipsrt::time::{ClockTime, ZonedDateTime};
use proptest::prelude::*;

const ZONES: &[&str] =
    &["Europe/Amsterdam", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"];
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn recurrence() -> impl Strategy<Value = Recurrence> {
    prop_oneof![
        (1u32..4).prop_map(|every| Recurrence::Daily { every }),
        (1u32..3, 1u8..128).prop_map(|(every, mask)| Recurrence::Weekly {
            every,
            on: WEEKDAYS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| *d).collect(),
        }),
        (1u32..5, 1u32..4).prop_map(|(every, first)| Recurrence::EverySessions { every, first }),
        proptest::collection::btree_set(1u32..20, 1..5)
            .prop_map(|s| Recurrence::AtSessions { sessions: s.into_iter().collect() }),
    ]
}

/// Slots biased towards the daylight-saving hours (00:00–03:59) and otherwise anywhere.
fn slots() -> impl Strategy<Value = Vec<ClockTime>> {
    proptest::collection::btree_set(prop_oneof![0i64..240, 0i64..1440], 1..4)
        .prop_map(|s| s.into_iter().map(|m| ClockTime::from_minutes(m).unwrap()).collect())
}

fn task(i: usize) -> impl Strategy<Value = ScheduledTask> {
    (recurrence(), slots(), 0i64..40, proptest::option::of(20i64..120), 0u32..600, 0u32..3000, any::<bool>(), 0u32..100)
        .prop_map(move |(rec, slots, start, end, before, after, accept, grace_pct)| {
            let start = base() + Duration::days(start);
            let end = end.map(|e| start + Duration::days(e));
            ScheduledTask::new(
                Task::new(&format!("t{i}"), "x", "x").unwrap(),
                rec,
                slots,
                start,
                end,
                Window::new(before, after).unwrap(),
                LateRule::new(after * grace_pct / 100, accept).unwrap(),
            )
            .unwrap()
        })
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (1usize..4).prop_flat_map(|n| (0..n).map(task).collect::<Vec<_>>().prop_map(|tasks| Schedule::new(tasks).unwrap()))
}

fn history(first: usize, change: Option<(usize, i64)>) -> ZoneHistory {
    let mut changes = vec![ZoneChange { from: base() - Duration::days(30), zone: ZONES[first].parse().unwrap() }];
    if let Some((z, day)) = change {
        changes.push(ZoneChange { from: base() + Duration::days(day), zone: ZONES[z].parse().unwrap() });
    }
    ZoneHistory::from_changes(changes).unwrap()
}

fn sessions(gaps: &[i64]) -> Vec<SessionDate> {
    let mut date = base();
    gaps.iter()
        .enumerate()
        .map(|(i, g)| {
            date += Duration::days(*g);
            SessionDate { number: i as u32 + 1, date }
        })
        .collect()
}

fn utc_local(at: DateTime<Utc>) -> ZonedDateTime {
    ZonedDateTime::from_utc(at, chrono_tz::UTC)
}

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    zones: ZoneHistory,
    records: ScheduleRecords,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
}

#[allow(clippy::type_complexity)]
fn case() -> impl Strategy<Value = (Case, Vec<usize>, Vec<usize>)> {
    (
        schedule(),
        0..ZONES.len(),
        proptest::option::of((0..ZONES.len(), 0i64..80)),
        proptest::collection::vec(1i64..10, 0..20),
        0i64..30,
        0i64..90,
        0i64..(150 * 1440),
        proptest::collection::vec((any::<prop::sample::Index>(), 0u32..10_000), 0..30),
        proptest::collection::vec(any::<prop::sample::Index>(), 0..5),
        proptest::collection::vec(any::<usize>(), 0..40),
        proptest::collection::vec(any::<usize>(), 0..10),
    )
        .prop_map(|(schedule, z, change, gaps, from, len, now, picks, excuse, perm_c, perm_e)| {
            let zones = history(z, change);
            let sessions = sessions(&gaps);
            let from = base() + Duration::days(from);
            let to = from + Duration::days(len);
            let now = Utc.from_utc_datetime(&base().and_time(NaiveTime::MIN)) + Duration::minutes(now);
            // Records for real occurrences (over a wider range than the query), never before
            // their window opens.
            let all = schedule
                .evaluate(
                    &zones,
                    &ScheduleRecords::new(sessions.clone(), vec![], vec![]).unwrap(),
                    base(),
                    base() + Duration::days(200),
                    now,
                )
                .unwrap();
            let mut completions = Vec::new();
            let mut excusals = Vec::new();
            if !all.is_empty() {
                for (i, offset) in picks {
                    let o = i.get(&all);
                    let at = o.opens + Duration::minutes(i64::from(offset));
                    completions.push(Completion { occurrence: o.id.clone(), at: utc_local(at) });
                }
                for (n, i) in excuse.into_iter().enumerate() {
                    let o = i.get(&all);
                    excusals.push(Excusal { occurrence: o.id.clone(), reason: format!("reason {}", n % 2) });
                }
            }
            let records = ScheduleRecords::new(sessions, completions, excusals).unwrap();
            (Case { schedule, zones, records, from, to, now }, perm_c, perm_e)
        })
}

fn shuffled<T: Clone>(v: &[T], keys: &[usize]) -> Vec<T> {
    let mut keyed: Vec<(usize, usize, T)> =
        v.iter().cloned().enumerate().map(|(i, x)| (keys.get(i).copied().unwrap_or(i), i, x)).collect();
    keyed.sort_by_key(|(k, i, _)| (*k, *i));
    keyed.into_iter().map(|(_, _, x)| x).collect()
}

fn evaluate(c: &Case) -> Vec<Occurrence> {
    c.schedule.evaluate(&c.zones, &c.records, c.from, c.to, c.now).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn occurrences_are_unique_by_id_and_in_range((c, _, _) in case()) {
        let occ = evaluate(&c);
        let mut ids: Vec<String> = occ.iter().map(|o| o.id.to_string()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), n);
        for o in &occ {
            prop_assert!(o.id.date >= c.from && o.id.date <= c.to);
            prop_assert!(o.opens <= o.due && o.due <= o.late_after && o.late_after <= o.closes);
        }
        prop_assert!(occ.windows(2).all(|w| w[0].due <= w[1].due));
    }

    #[test]
    fn every_occurrence_is_in_exactly_one_consistent_state((c, _, _) in case()) {
        let occ = evaluate(&c);
        for o in &occ {
            match &o.state {
                OccurrenceState::Upcoming => prop_assert!(c.now < o.opens),
                OccurrenceState::Open => prop_assert!(o.opens <= c.now && c.now <= o.late_after),
                OccurrenceState::Overdue => prop_assert!(o.late_after < c.now && c.now <= o.closes),
                OccurrenceState::Missed => prop_assert!(c.now > o.closes),
                OccurrenceState::CompletedOnTime { at } => prop_assert!(*at <= c.now && *at <= o.late_after && *at >= o.opens),
                OccurrenceState::CompletedLate { at } => prop_assert!(*at <= c.now && *at > o.late_after),
                OccurrenceState::Excused { reason } => prop_assert!(reason.starts_with("reason")),
            }
        }
        // The adherence counts partition the occurrences.
        let total: u32 = adherence(&occ).values().map(|a| a.expected() + a.excused + a.pending).sum();
        prop_assert_eq!(total as usize, occ.len());
        for s in missed_streaks(&occ) {
            prop_assert!(s.current <= s.longest);
        }
    }

    #[test]
    fn record_order_does_not_matter((c, perm_c, perm_e) in case()) {
        let before = evaluate(&c);
        let records = ScheduleRecords::new(
            shuffled(c.records.sessions(), &perm_c),
            shuffled(c.records.completions(), &perm_c),
            shuffled(c.records.excusals(), &perm_e),
        ).unwrap();
        let again = Case { records, ..c };
        prop_assert_eq!(&before, &evaluate(&again));
        prop_assert_eq!(
            again.schedule.data_gaps(&again.zones, &again.records, again.now).unwrap().len(),
            again.schedule.tasks().iter().filter(|t| t.start() <= again.zones.local_date(again.now).unwrap()).count()
        );
    }

    #[test]
    fn a_zone_change_never_creates_or_drops_an_occurrence(
        (c, _, _) in case(),
        other in 0..ZONES.len(),
        day in 0i64..120,
    ) {
        let ids = |zones: &ZoneHistory| {
            let mut v: Vec<String> = c.schedule
                .evaluate(zones, &ScheduleRecords::new(c.records.sessions().to_vec(), vec![], vec![]).unwrap(), c.from, c.to, c.now)
                .unwrap()
                .iter()
                .map(|o| o.id.to_string())
                .collect();
            v.sort();
            v
        };
        let first = history(0, None);
        let moved = first.with_change(base() + Duration::days(day), ZONES[other]).unwrap();
        let a = ids(&first);
        prop_assert_eq!(&a, &ids(&moved));
        prop_assert_eq!(&a, &ids(&c.zones));
        // And each occurrence keeps its local wall-clock slot unless daylight saving moved it.
        let occ = c.schedule
            .evaluate(&moved, &ScheduleRecords::new(c.records.sessions().to_vec(), vec![], vec![]).unwrap(), c.from, c.to, c.now)
            .unwrap();
        for o in occ {
            prop_assert_eq!(o.zone, moved.zone_on(o.id.date).unwrap());
            if o.adjustment.is_none() {
                prop_assert_eq!(o.due_local.local, o.id.date.and_time(o.id.slot.to_naive_time()));
            }
        }
    }
}
