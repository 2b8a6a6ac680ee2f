//! Schedules: daylight-saving days in Amsterdam and New York, a zone change Amsterdam → New
//! York, occurrence states at their boundaries, session-linked tasks, adherence, streaks, data
//! gaps, refused records and the persisted forms.

use chrono::{DateTime, NaiveDate, Utc};
use ipsrt::ErrorKind;
use ipsrt::course::Protocol;
use ipsrt::persist::{from_json, to_json};
use ipsrt::schedule::{
    Completion, Excusal, LateRule, OccurrenceId, OccurrenceState, Recurrence, Schedule, ScheduleError, ScheduleRecords,
    ScheduledTask, SessionDate, SlotAdjustment, Task, Weekday, Window, ZoneHistory, adherence, defaults,
    missed_streaks,
};
use ipsrt::time::{ClockTime, ZonedDateTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn t(s: &str) -> ClockTime {
    s.parse().unwrap()
}

fn daily(id: &str, slots: &[&str], start: NaiveDate, window: (u32, u32), grace: u32, accept: bool) -> ScheduledTask {
    ScheduledTask::new(
        Task::new(id, id, id).unwrap(),
        Recurrence::Daily { every: 1 },
        slots.iter().map(|s| t(s)).collect(),
        start,
        None,
        Window::new(window.0, window.1).unwrap(),
        LateRule::new(grace, accept).unwrap(),
    )
    .unwrap()
}

fn oid(text: &str) -> OccurrenceId {
    text.parse().unwrap()
}

fn done(id: &str, local: &str, zone: &str) -> Completion {
    Completion { occurrence: oid(id), at: ZonedDateTime::parse(local, zone).unwrap() }
}

#[test]
fn amsterdam_spring_forward_moves_a_gap_slot_later_by_the_gap() {
    let s = Schedule::new(vec![daily("meds", &["02:30", "09:00"], d(2026, 3, 27), (0, 60), 30, true)]).unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/Amsterdam").unwrap();
    let occ = s
        .evaluate(&z, &ScheduleRecords::default(), d(2026, 3, 28), d(2026, 3, 30), utc("2026-03-01T00:00:00Z"))
        .unwrap();
    let row = |id: &str| occ.iter().find(|o| o.id.to_string() == id).unwrap();
    // The day before: CET (+1).
    assert_eq!(row("meds/2026-03-28/02:30").due, utc("2026-03-28T01:30:00Z"));
    // The change: 02:30 does not exist; due at 03:30 CEST = 01:30 UTC, one hour later on the clock.
    let gap = row("meds/2026-03-29/02:30");
    assert_eq!(gap.due, utc("2026-03-29T01:30:00Z"));
    assert_eq!(gap.due_local.local.to_string(), "2026-03-29 03:30:00");
    assert_eq!(gap.adjustment, Some(SlotAdjustment::MovedLaterByGap { minutes: 60 }));
    // The same slot the next day is plain CEST (+2).
    assert_eq!(row("meds/2026-03-30/02:30").due, utc("2026-03-30T00:30:00Z"));
    assert_eq!(row("meds/2026-03-30/02:30").adjustment, None);
    // 09:00 keeps its wall-clock time: 23 hours between the two instants across the change.
    assert_eq!(row("meds/2026-03-29/09:00").due - row("meds/2026-03-28/09:00").due, chrono::Duration::hours(23));
    // Exactly six occurrences, all upcoming; sorted by instant.
    assert_eq!(occ.len(), 6);
    assert!(occ.windows(2).all(|w| w[0].due <= w[1].due));
    assert!(occ.iter().all(|o| o.state == OccurrenceState::Upcoming));
}

#[test]
fn amsterdam_fall_back_takes_the_earlier_of_two() {
    let s = Schedule::new(vec![daily("meds", &["02:30"], d(2026, 10, 1), (0, 60), 30, true)]).unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/Amsterdam").unwrap();
    let occ = s
        .evaluate(&z, &ScheduleRecords::default(), d(2026, 10, 24), d(2026, 10, 26), utc("2026-10-25T00:45:00Z"))
        .unwrap();
    let ids: Vec<String> = occ.iter().map(|o| o.id.to_string()).collect();
    assert_eq!(ids, ["meds/2026-10-24/02:30", "meds/2026-10-25/02:30", "meds/2026-10-26/02:30"]);
    assert_eq!(occ[1].due, utc("2026-10-25T00:30:00Z"));
    assert_eq!(occ[1].adjustment, Some(SlotAdjustment::EarlierOfTwo));
    assert_eq!(occ[1].state, OccurrenceState::Open);
    assert_eq!(occ[2].due, utc("2026-10-26T01:30:00Z"));
    // The day of the change is 25 hours long.
    assert_eq!(occ[2].due - occ[1].due, chrono::Duration::hours(25));
}

#[test]
fn new_york_spring_and_fall() {
    let s = Schedule::new(vec![daily("srm", &["01:30", "02:30"], d(2026, 3, 1), (0, 120), 60, true)]).unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "America/New_York").unwrap();
    let spring =
        s.evaluate(&z, &ScheduleRecords::default(), d(2026, 3, 8), d(2026, 3, 8), utc("2026-03-08T07:45:00Z")).unwrap();
    assert_eq!(spring[0].id.to_string(), "srm/2026-03-08/01:30");
    assert_eq!(spring[0].due, utc("2026-03-08T06:30:00Z"));
    assert_eq!(spring[1].due, utc("2026-03-08T07:30:00Z"));
    assert_eq!(spring[1].due_local.local.to_string(), "2026-03-08 03:30:00");
    assert_eq!(spring[1].adjustment, Some(SlotAdjustment::MovedLaterByGap { minutes: 60 }));
    assert_eq!(spring[1].state, OccurrenceState::Open);
    assert_eq!(spring[0].state, OccurrenceState::Overdue);
    let fall = s
        .evaluate(&z, &ScheduleRecords::default(), d(2026, 11, 1), d(2026, 11, 1), utc("2026-11-01T00:00:00Z"))
        .unwrap();
    assert_eq!(fall[0].due, utc("2026-11-01T05:30:00Z"));
    assert_eq!(fall[0].adjustment, Some(SlotAdjustment::EarlierOfTwo));
    assert_eq!(fall[1].due, utc("2026-11-01T07:30:00Z"));
    assert_eq!(fall[1].adjustment, None);
}

#[test]
fn zone_change_amsterdam_to_new_york_keeps_local_times_and_occurrences() {
    let s = Schedule::new(vec![daily("srm", &["09:00"], d(2026, 4, 1), (0, 24 * 60), 120, true)]).unwrap();
    let home = ZoneHistory::new(d(2026, 1, 1), "Europe/Amsterdam").unwrap();
    let moved = home.with_change(d(2026, 4, 10), "America/New_York").unwrap();
    let now = utc("2026-04-10T12:00:00Z");
    let records = ScheduleRecords::new(
        vec![],
        vec![done("srm/2026-04-09/09:00", "2026-04-09T09:10", "Europe/Amsterdam")],
        vec![],
    )
    .unwrap();
    let a = s.evaluate(&home, &records, d(2026, 4, 8), d(2026, 4, 11), now).unwrap();
    let b = s.evaluate(&moved, &records, d(2026, 4, 8), d(2026, 4, 11), now).unwrap();
    let ids = |v: &[ipsrt::schedule::Occurrence]| {
        let mut ids: Vec<String> = v.iter().map(|o| o.id.to_string()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&a), ids(&b), "a zone change neither creates nor drops an occurrence");
    let row = |v: &[ipsrt::schedule::Occurrence], id: &str| v.iter().find(|o| o.id.to_string() == id).unwrap().clone();
    // Before the move: 09:00 in Amsterdam (CEST, +2).
    assert_eq!(row(&b, "srm/2026-04-09/09:00").due, utc("2026-04-09T07:00:00Z"));
    assert_eq!(row(&b, "srm/2026-04-09/09:00").state.name(), "completed_on_time");
    // From the move on: 09:00 in New York (EDT, -4), still 09:00 on the local clock.
    let ny = row(&b, "srm/2026-04-10/09:00");
    assert_eq!(ny.due, utc("2026-04-10T13:00:00Z"));
    assert_eq!(ny.zone, chrono_tz::America::New_York);
    assert_eq!(ny.due_local.local.to_string(), "2026-04-10 09:00:00");
    assert_eq!(ny.state, OccurrenceState::Upcoming);
    // Without the move the same occurrence would already be overdue (07:00 UTC + 2 h grace).
    assert_eq!(row(&a, "srm/2026-04-10/09:00").state, OccurrenceState::Overdue);
    // Today's local date follows the history.
    assert_eq!(moved.local_date(utc("2026-04-11T02:00:00Z")).unwrap(), d(2026, 4, 10));
    assert_eq!(home.local_date(utc("2026-04-11T02:00:00Z")).unwrap(), d(2026, 4, 11));
    // Before New York's first day has begun, the old zone still tells the date.
    assert_eq!(moved.local_date(utc("2026-04-10T02:00:00Z")).unwrap(), d(2026, 4, 10));
}

#[test]
fn states_at_their_boundaries() {
    // Due 12:00 UTC (Europe/London in winter is UTC); opens 1 h before, late after 30 min, closes after 2 h.
    let task = |accept| daily("x", &["12:00"], d(2026, 1, 1), (60, 120), 30, accept);
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/London").unwrap();
    let state = |accept: bool, now: &str, completion: Option<&str>| {
        let s = Schedule::new(vec![task(accept)]).unwrap();
        let completions = completion.map(|c| vec![done("x/2026-01-05/12:00", c, "Europe/London")]).unwrap_or_default();
        let r = ScheduleRecords::new(vec![], completions, vec![]).unwrap();
        let occ = s.evaluate(&z, &r, d(2026, 1, 5), d(2026, 1, 5), utc(now)).unwrap();
        assert_eq!(occ.len(), 1);
        occ[0].state.name()
    };
    assert_eq!(state(true, "2026-01-05T10:59:00Z", None), "upcoming");
    assert_eq!(state(true, "2026-01-05T11:00:00Z", None), "open");
    assert_eq!(state(true, "2026-01-05T12:30:00Z", None), "open");
    assert_eq!(state(true, "2026-01-05T12:31:00Z", None), "overdue");
    assert_eq!(state(true, "2026-01-05T14:00:00Z", None), "overdue");
    assert_eq!(state(true, "2026-01-05T14:01:00Z", None), "missed");
    assert_eq!(state(true, "2026-01-06T00:00:00Z", Some("2026-01-05T11:00")), "completed_on_time");
    assert_eq!(state(true, "2026-01-06T00:00:00Z", Some("2026-01-05T12:30")), "completed_on_time");
    assert_eq!(state(true, "2026-01-06T00:00:00Z", Some("2026-01-05T12:31")), "completed_late");
    assert_eq!(state(true, "2026-01-06T00:00:00Z", Some("2026-01-05T14:00")), "completed_late");
    // After the window closed: late when the rule accepts it, otherwise still missed.
    assert_eq!(state(true, "2026-01-06T00:00:00Z", Some("2026-01-05T15:00")), "completed_late");
    assert_eq!(state(false, "2026-01-06T00:00:00Z", Some("2026-01-05T15:00")), "missed");
    // A completion after "now" is not known yet.
    assert_eq!(state(true, "2026-01-05T11:30:00Z", Some("2026-01-05T12:10")), "open");
}

#[test]
fn excusals_and_precedence() {
    let s = Schedule::new(vec![daily("x", &["12:00"], d(2026, 1, 1), (0, 60), 0, true)]).unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/London").unwrap();
    let ex = |id: &str, reason: &str| Excusal { occurrence: oid(id), reason: reason.into() };
    let r = ScheduleRecords::new(
        vec![],
        vec![done("x/2026-01-02/12:00", "2026-01-02T12:00", "Europe/London")],
        vec![
            ex("x/2026-01-02/12:00", "inpatient"),
            ex("x/2026-01-03/12:00", "ward"),
            ex("x/2026-01-03/12:00", "inpatient"),
        ],
    )
    .unwrap();
    let occ = s.evaluate(&z, &r, d(2026, 1, 2), d(2026, 1, 4), utc("2026-01-10T00:00:00Z")).unwrap();
    assert_eq!(occ[0].state.name(), "completed_on_time", "a completion outranks an excusal");
    assert_eq!(occ[1].state, OccurrenceState::Excused { reason: "inpatient".into() });
    assert_eq!(occ[2].state, OccurrenceState::Missed);
    let a = adherence(&occ);
    let x = a["x"];
    assert_eq!((x.on_time, x.late, x.missed, x.excused, x.pending), (1, 0, 1, 1, 0));
    assert_eq!(x.expected(), 2);
    assert_eq!(x.completion_rate(), Some(0.5));
    assert_eq!(x.on_time_share(), Some(1.0));
}

#[test]
fn records_for_occurrences_that_do_not_exist_are_refused() {
    let weekly = ScheduledTask::new(
        Task::new("asrm", "asrm", "ASRM").unwrap(),
        Recurrence::Weekly { every: 1, on: vec![Weekday::Sunday] },
        vec![t("20:00")],
        d(2026, 1, 1),
        Some(d(2026, 6, 30)),
        Window::new(0, 3 * 1440).unwrap(),
        LateRule::new(240, true).unwrap(),
    )
    .unwrap();
    let s = Schedule::new(vec![weekly]).unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/Amsterdam").unwrap();
    let check = |id: &str, needle: &str| {
        let r = ScheduleRecords::new(
            vec![],
            vec![
                done("asrm/2026-01-04/20:00", "2026-01-04T20:00", "Europe/Amsterdam"),
                done(id, "2026-01-06T12:00", "Europe/Amsterdam"),
            ],
            vec![],
        )
        .unwrap();
        let e = s.evaluate(&z, &r, d(2026, 1, 1), d(2026, 1, 31), utc("2026-02-01T00:00:00Z")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        let text = e.to_string();
        assert!(text.contains("completion 1"), "{text}");
        assert!(text.contains(needle), "{text}");
        assert!(matches!(e, ScheduleError::UnknownOccurrence { index: 1, .. }));
    };
    check("phq9/2026-01-04/20:00", "no task \"phq9\"");
    check("asrm/2026-01-04/21:00", "no slot 21:00");
    check("asrm/2026-01-05/20:00", "does not recur on 2026-01-05");
    check("asrm/2026-07-05/20:00", "outside");
    // Before the window opens.
    let r = ScheduleRecords::new(
        vec![],
        vec![done("asrm/2026-01-04/20:00", "2026-01-04T19:00", "Europe/Amsterdam")],
        vec![],
    )
    .unwrap();
    let e = s.check_records(&z, &r).unwrap_err();
    assert!(matches!(e, ScheduleError::CompletionBeforeWindow { index: 0, .. }), "{e}");
    // An excusal too.
    let r = ScheduleRecords::new(
        vec![],
        vec![],
        vec![Excusal { occurrence: oid("asrm/2026-01-05/20:00"), reason: "x".into() }],
    )
    .unwrap();
    assert!(s.check_records(&z, &r).unwrap_err().to_string().starts_with("excusal 0"));
}

#[test]
fn construction_is_validated() {
    assert!(Task::new("PHQ9", "phq9", "x").is_err());
    assert!(Task::new("phq9", "phq 9", "x").is_err());
    assert!(Task::new("phq9", "phq9", "   ").is_err());
    assert!(Task::new(&"a".repeat(65), "phq9", "x").is_err());
    let e = Task::new(&"Z".repeat(10_000), "x", "x").unwrap_err().to_string();
    assert!(e.len() < 300, "the message quotes a bounded excerpt: {e}");
    assert!(Window::new(0, 44_641).is_err());
    assert!(LateRule::new(44_641, true).is_err());
    let task = Task::new("x", "x", "x").unwrap();
    let mk = |r: Recurrence, slots: Vec<ClockTime>, end: Option<NaiveDate>, w: (u32, u32), g: u32| {
        ScheduledTask::new(
            task.clone(),
            r,
            slots,
            d(2026, 1, 1),
            end,
            Window::new(w.0, w.1).unwrap(),
            LateRule::new(g, true).unwrap(),
        )
    };
    let ok = Recurrence::Daily { every: 1 };
    assert!(mk(ok.clone(), vec![t("09:00")], None, (0, 60), 30).is_ok());
    assert!(mk(Recurrence::Daily { every: 0 }, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(Recurrence::Daily { every: 367 }, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(Recurrence::Weekly { every: 1, on: vec![] }, vec![t("09:00")], None, (0, 60), 30).is_err());
    let dup = Recurrence::Weekly { every: 1, on: vec![Weekday::Monday, Weekday::Monday] };
    assert!(mk(dup, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(Recurrence::AtSessions { sessions: vec![] }, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(Recurrence::AtSessions { sessions: vec![0] }, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(Recurrence::EverySessions { every: 4, first: 0 }, vec![t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(ok.clone(), vec![], None, (0, 60), 30).is_err());
    assert!(mk(ok.clone(), vec![t("09:00"), t("09:00")], None, (0, 60), 30).is_err());
    assert!(mk(ok.clone(), vec![t("09:00")], Some(d(2025, 12, 31)), (0, 60), 30).is_err());
    assert!(matches!(
        mk(ok.clone(), vec![t("09:00")], None, (0, 60), 61),
        Err(ScheduleError::GraceBeyondWindow { grace: 61, closes_after: 60 })
    ));
    // Slots are kept sorted.
    let s = mk(ok.clone(), vec![t("21:00"), t("08:00")], None, (0, 60), 30).unwrap();
    assert_eq!(s.slots(), [t("08:00"), t("21:00")]);
    // Duplicate task ids.
    assert!(Schedule::new(vec![s.clone(), s.clone()]).is_err());
    // Zone history.
    assert!(ZoneHistory::new(d(2026, 1, 1), "Mars/Olympus").is_err());
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/Amsterdam").unwrap();
    assert!(matches!(z.with_change(d(2026, 1, 1), "UTC"), Err(ScheduleError::ZoneOrder { index: 1, .. })));
    assert!(matches!(z.zone_on(d(2025, 12, 31)), Err(ScheduleError::NoZoneForDate { .. })));
    // Ranges.
    let sch = Schedule::new(vec![s]).unwrap();
    let now = utc("2026-01-01T00:00:00Z");
    let none = ScheduleRecords::default();
    assert!(matches!(sch.evaluate(&z, &none, d(2026, 2, 1), d(2026, 1, 1), now), Err(ScheduleError::Reversed { .. })));
    assert!(matches!(
        sch.evaluate(&z, &none, d(2026, 1, 1), d(2031, 1, 6), now),
        Err(ScheduleError::RangeTooLong { .. })
    ));
    // A schedule date before the zone history.
    let z2 = ZoneHistory::new(d(2026, 6, 1), "Europe/Amsterdam").unwrap();
    assert!(matches!(
        sch.evaluate(&z2, &none, d(2026, 5, 31), d(2026, 6, 1), now),
        Err(ScheduleError::NoZoneForDate { .. })
    ));
    // Session dates.
    let dup = vec![SessionDate { number: 1, date: d(2026, 1, 1) }, SessionDate { number: 1, date: d(2026, 1, 8) }];
    assert!(matches!(
        ScheduleRecords::new(dup, vec![], vec![]),
        Err(ScheduleError::DuplicateSession { number: 1, index: 1 })
    ));
    let many: Vec<SessionDate> = (1..=201).map(|n| SessionDate { number: n, date: d(2026, 1, 1) }).collect();
    assert!(matches!(ScheduleRecords::new(many, vec![], vec![]), Err(ScheduleError::TooMany { max: 200, .. })));
    let high = vec![SessionDate { number: 201, date: d(2026, 1, 1) }];
    assert!(matches!(ScheduleRecords::new(high, vec![], vec![]), Err(ScheduleError::InvalidNumber { value: 201, .. })));
    // Occurrence ids.
    assert!("phq9/2026-01-01/09:00".parse::<OccurrenceId>().is_ok());
    for bad in ["phq9/2026-01-01", "phq9/2026-13-01/09:00", "phq9/2026-01-01/9:00", "PHQ9/2026-01-01/09:00", "a/b/c/d"]
    {
        let e = bad.parse::<OccurrenceId>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse, "{bad}");
    }
}

#[test]
fn session_linked_phq9_follows_the_session_dates() {
    let start = d(2026, 9, 1);
    let phq9 = defaults::phq9_for_protocol(&Protocol::spaarne(), start).unwrap();
    let s = Schedule::new(vec![phq9]).unwrap();
    let z = ZoneHistory::new(start, "Europe/Amsterdam").unwrap();
    let sessions: Vec<SessionDate> =
        (1..=12).map(|n| SessionDate { number: n, date: start + chrono::Duration::weeks(i64::from(n) - 1) }).collect();
    let records = ScheduleRecords::new(
        sessions.clone(),
        vec![done("phq9/2026-09-01/00:00", "2026-09-01T10:00", "Europe/Amsterdam")],
        vec![],
    )
    .unwrap();
    let occ = s.evaluate(&z, &records, start, d(2026, 12, 31), utc("2026-10-21T12:00:00Z")).unwrap();
    let ids: Vec<String> = occ.iter().map(|o| o.id.to_string()).collect();
    assert_eq!(ids, ["phq9/2026-09-01/00:00", "phq9/2026-10-20/00:00", "phq9/2026-11-17/00:00"]);
    let states: Vec<&str> = occ.iter().map(|o| o.state.name()).collect();
    assert_eq!(states, ["completed_on_time", "overdue", "upcoming"]);
    // Every 4 sessions for WMK.
    let every4 = Schedule::new(vec![defaults::phq9_for_protocol(&Protocol::wmk_acute(), start).unwrap()]).unwrap();
    let ids = every4.occurrence_ids(&sessions, start, d(2026, 12, 31)).unwrap();
    let dates: Vec<NaiveDate> = ids.iter().map(|i| i.date).collect();
    assert_eq!(dates, [d(2026, 9, 1), d(2026, 9, 29), d(2026, 10, 27)], "sessions 1, 5 and 9 of 12");
}

#[test]
fn streaks_and_data_gaps() {
    let s = Schedule::new(vec![
        daily("srm", &["21:00"], d(2026, 1, 1), (0, 60), 30, true),
        daily("later", &["09:00"], d(2026, 3, 1), (0, 60), 30, true),
    ])
    .unwrap();
    let z = ZoneHistory::new(d(2026, 1, 1), "Europe/London").unwrap();
    let r = ScheduleRecords::new(
        vec![],
        vec![
            done("srm/2026-01-02/21:00", "2026-01-02T21:05", "Europe/London"),
            done("srm/2026-01-05/21:00", "2026-01-05T21:05", "Europe/London"),
        ],
        vec![Excusal { occurrence: oid("srm/2026-01-07/21:00"), reason: "hospital".into() }],
    )
    .unwrap();
    let now = utc("2026-01-10T12:00:00Z");
    let occ = s.evaluate(&z, &r, d(2026, 1, 1), d(2026, 1, 10), now).unwrap();
    let st = missed_streaks(&occ);
    assert_eq!(st.len(), 1);
    // 1 missed, 2 done, 3-4 missed, 5 done, 6 missed, 7 excused, 8-9 missed, 10 upcoming.
    assert_eq!((st[0].current, st[0].longest), (3, 3));
    assert_eq!(st[0].last_missed, Some(oid("srm/2026-01-09/21:00")));
    let gaps = s.data_gaps(&z, &r, now).unwrap();
    assert_eq!(gaps.len(), 1, "a task that has not started has no gap");
    assert_eq!((gaps[0].since, gaps[0].days), (d(2026, 1, 5), 5));
    let gaps = s.data_gaps(&z, &r, utc("2026-03-03T12:00:00Z")).unwrap();
    assert_eq!(gaps[1].task, "later");
    assert_eq!((gaps[1].since, gaps[1].days, gaps[1].last_completed), (d(2026, 3, 1), 2, None));
}

#[test]
fn persisted_forms_round_trip_and_validate_on_load() {
    let start = d(2026, 3, 1);
    let s = Schedule::new(vec![
        defaults::srm_diary_daily(start).unwrap(),
        defaults::asrm_weekly(start, Weekday::Sunday).unwrap(),
        defaults::medication_daily("lithium", "Lithium", start, vec![t("08:00"), t("20:00")]).unwrap(),
        defaults::phq9_every_two_weeks(start, Weekday::Monday).unwrap(),
    ])
    .unwrap();
    let json = to_json(&s);
    assert_eq!(from_json::<Schedule>(&json).unwrap(), s);
    let z =
        ZoneHistory::new(start, "Europe/Amsterdam").unwrap().with_change(d(2026, 4, 1), "America/New_York").unwrap();
    assert_eq!(from_json::<ZoneHistory>(&to_json(&z)).unwrap(), z);
    let r = ScheduleRecords::new(
        vec![SessionDate { number: 1, date: start }],
        vec![done("srm/2026-03-01/21:00", "2026-03-01T21:00", "Europe/Amsterdam")],
        vec![Excusal { occurrence: oid("srm/2026-03-02/21:00"), reason: "travel".into() }],
    )
    .unwrap();
    assert_eq!(from_json::<ScheduleRecords>(&to_json(&r)).unwrap(), r);
    // A stored value that breaks a rule is refused on load.
    let bad = json.replacen("\"every\":1", "\"every\":0", 1);
    let e = from_json::<Schedule>(&bad).unwrap_err();
    assert!(e.to_string().contains("every (days)"), "{e}");
    let bad = to_json(&z).replace("2026-04-01", "2026-02-01");
    assert!(from_json::<ZoneHistory>(&bad).unwrap_err().to_string().contains("zone change 1"));
}
