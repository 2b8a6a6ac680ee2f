//! Observations the care record derives from its log (days without a self-report) and the
//! plan version each observation is read under (as known then).

mod care_common;

use care_common::*;
use chrono::{Duration, NaiveDate};
use ipsrt::care::{CareLog, CareRecord, DerivedEvidence, DiaryItem, Entry, EntryKind};
use ipsrt::relapse::{AlertLevel, Observed, RelapsePlan, Rule};
use ipsrt::source::{Cited, Source};
use ipsrt::srm::{Form, ItemId, Status};

fn day(k: i64) -> NaiveDate {
    d("2026-01-05") + Duration::days(k)
}

fn setup(plan: RelapsePlan) -> Vec<Entry> {
    vec![
        Entry::new(
            "p",
            at(day(0), "08:00"),
            day(0),
            "dr",
            EntryKind::PatientRegistered { patient_ref: "p1".into(), zone: ZONE.into() },
        ),
        Entry::new(
            "rp1",
            at(day(0), "08:01"),
            day(0),
            "dr",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan },
        ),
        Entry::new("s", at(day(0), "08:02"), day(0), "dr", EntryKind::ScheduleSet { schedule: schedule(day(0)) }),
        Entry::new("diary", at(day(0), "08:03"), day(0), "dr", EntryKind::DiaryStarted { form: Form::Srm5 }),
    ]
}

fn diary_day(k: i64) -> Entry {
    let mut e = Entry::new(
        format!("dd{k}"),
        at(day(k), "21:30"),
        day(k),
        "pt",
        EntryKind::DiaryDay {
            items: vec![DiaryItem {
                item: ItemId::ToBed,
                status: Status::Done("23:00".parse().unwrap()),
                people: None,
            }],
            mood: Some(0),
        },
    );
    e.occurrence = Some(occ("srm", day(k), "21:00"));
    e
}

fn check_in(id: &str, k: i64, recorded: i64) -> Entry {
    Entry::new(id, at(day(recorded), "10:00"), day(k), "dr", EntryKind::Observation { observed: Observed::CheckIn })
}

/// Plan version 1 with missed runs out of the way (their own tests are below).
fn gap_plan() -> RelapsePlan {
    let mut plan = plan_v1();
    plan.alerts.thresholds.missed_occurrences_watch = Cited::new(366, Source::local("the clinic"));
    plan
}

#[test]
fn a_data_gap_raises_watch_with_its_evidence_and_plan_version() {
    let mut log = setup(gap_plan());
    for k in 0..=3 {
        log.push(diary_day(k));
    }
    // Nothing from day 4 to day 12; the clinician's check-in on day 13 closes the observation.
    log.push(check_in("ci", 13, 13));
    let r = CareRecord::replay(&CareLog::new(log.clone())).unwrap();
    let gap = r.derived_observations().iter().find(|o| o.date == day(12)).expect("a gap observed on day 12");
    assert_eq!(gap.observed, Observed::NoRecentEntries { days: 9 });
    assert_eq!(gap.id, format!("derived/data_gap/{}", day(12)));
    let DerivedEvidence::DataGap { tasks, since, last_entry, next_entry_on, schedule_entry, .. } = &gap.evidence else {
        panic!("{:?}", gap.evidence)
    };
    assert_eq!((since, last_entry.as_deref(), next_entry_on), (&day(3), Some("dd3"), &day(13)));
    assert!(tasks.contains(&"srm".to_owned()) && !tasks.is_empty());
    assert_eq!(schedule_entry, "s");

    // The alert history has the Watch, with the plan version in force and the gap as evidence.
    let watch = r.alerts().iter().find(|a| a.transition.to == AlertLevel::Watch).expect("Watch");
    assert_eq!(watch.transition.date, day(12));
    assert!(watch.transition.reasons.iter().any(|x| x.rule == Rule::NoRecentEntries));
    assert_eq!((watch.plan_id.as_deref(), watch.plan_version), (Some("rp"), 1));
    assert!(watch.evidence.is_empty());
    assert_eq!(watch.derived_evidence, vec![gap.evidence.clone()]);
    assert_eq!(r.alert_level(), AlertLevel::Watch);
    assert!(r.decisions().iter().any(|x| x.entry == gap.id && x.plan_version == 1));

    // The status on day 13 shows it.
    let s = r.status(day(13)).unwrap();
    assert_eq!(s.alert.level, AlertLevel::Watch);
    assert_eq!(s.alert.derived_evidence, vec![gap.evidence.clone()]);
    // As known at the end of day 12 (the check-in not yet recorded) the status derives the
    // open gap itself, with the same number of days.
    let s = r.status(day(12)).unwrap();
    assert_eq!(s.derived_observations[0].observed, Observed::NoRecentEntries { days: 9 });
    // ... and the runs of missed occurrences the replay read on day 12.
    let replayed: Vec<&Observed> =
        r.derived_observations().iter().filter(|o| o.date == day(12)).map(|o| &o.observed).collect();
    let status: Vec<&Observed> = s.derived_observations.iter().map(|o| &o.observed).collect();
    assert_eq!(status, replayed);
    assert_eq!(s.alert.level, AlertLevel::Watch);

    // Deterministic: replaying twice gives identical JSON.
    let again = CareRecord::replay(&CareLog::new(log)).unwrap();
    assert_eq!(r.to_json_pretty(), again.to_json_pretty());
}

#[test]
fn a_diary_day_typed_in_late_closes_the_gap_in_the_clinical_view() {
    let mut log = setup(plan_v1());
    for k in 0..=3 {
        log.push(diary_day(k));
    }
    log.push(check_in("ci", 13, 13));
    // Day 8's diary typed in on day 14: the gap before day 13 is now 4 days (9 to 12).
    let mut late = diary_day(8);
    late.recorded_at = at(day(14), "09:00");
    log.push(late);
    let r = CareRecord::replay(&CareLog::new(log)).unwrap();
    let gap = r.derived_observations().iter().find(|o| o.date == day(12)).unwrap();
    assert_eq!(gap.observed, Observed::NoRecentEntries { days: 4 });
    // The level raised on day 12 by the earlier evidence is not lowered by the late entry.
    assert!(r.alert_level() >= AlertLevel::Green);
}

#[test]
fn no_gap_no_derived_observation() {
    let mut log = setup(plan_v1());
    for k in 0..=10 {
        log.push(diary_day(k));
    }
    let r = CareRecord::replay(&CareLog::new(log)).unwrap();
    // No data gap and no missed diary; the PHQ-9 and ASRM never filled in are missed runs.
    assert!(
        r.derived_observations()
            .iter()
            .all(|o| matches!(&o.observed, Observed::MissedOccurrences { task, .. } if task != "srm")),
        "{:?}",
        r.derived_observations()
    );
    assert!(
        r.derived_observations()
            .iter()
            .any(|o| o.observed == Observed::MissedOccurrences { task: "phq9".into(), count: 1 })
    );
}

fn no_entries_days(plan: &mut RelapsePlan, days: u16) {
    plan.alerts.thresholds.no_entries_watch_days = Cited::new(days, Source::local("the clinic"));
}

#[test]
fn a_back_dated_plan_version_does_not_re_rate_earlier_observations() {
    let mut log = setup(gap_plan());
    // Day 25: nine days without entries reported: Watch under version 1 (7 days).
    log.push(Entry::new(
        "gap",
        at(day(25), "10:00"),
        day(25),
        "app",
        EntryKind::Observation { observed: Observed::NoRecentEntries { days: 9 } },
    ));
    // Day 40: version 2, effective from day 20 (back-dated), needs 30 days.
    let mut v2 = gap_plan();
    v2.version = 2;
    v2.effective_from = day(20);
    no_entries_days(&mut v2, 30);
    log.push(Entry::new(
        "rp2",
        at(day(40), "09:00"),
        day(40),
        "dr",
        EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: v2 },
    ));
    // Day 41: a check-in dated day 22 arrives late and re-evaluates the history.
    log.push(check_in("late", 22, 41));
    let r = CareRecord::replay(&CareLog::new(log.clone())).unwrap();
    let watch = r.alerts().iter().find(|a| a.transition.to == AlertLevel::Watch).expect("the Watch is kept");
    assert_eq!(watch.transition.date, day(25));
    assert_eq!(watch.plan_version, 1, "read under the version known when it arrived");
    assert_eq!(watch.evidence, vec!["gap".to_owned()]);
    // The late entry is read under version 2 (effective on its date, known at its arrival).
    let late = r.decisions().iter().find(|x| x.entry == "late").unwrap();
    assert_eq!(late.plan_version, 2);
    // The plan in force is version 2; on day 10 it was version 1.
    assert_eq!(r.plan_in_force().unwrap().version, 2);
    assert_eq!(r.plan_on(day(10)).unwrap().version, 1);

    // The same observation arriving after version 2 is read under version 2: no Watch from it
    // (the schedule's own 39-day gap, derived on day 39, still raises one under version 2).
    let mut log2 = setup(gap_plan());
    log2.extend(log.iter().filter(|e| e.id == "rp2").cloned());
    let mut gap = log.iter().find(|e| e.id == "gap").unwrap().clone();
    gap.recorded_at = at(day(41), "10:00");
    log2.push(gap);
    let r2 = CareRecord::replay(&CareLog::new(log2)).unwrap();
    assert!(r2.alerts().iter().all(|a| a.transition.date != day(25)), "{:?}", r2.alerts());
    let later = r2.alerts().iter().find(|a| a.transition.to == AlertLevel::Watch).unwrap();
    assert_eq!((later.transition.date, later.plan_version), (day(39), 2));
}

#[test]
fn an_observation_before_every_plan_is_read_under_the_earliest_version() {
    let mut v1 = plan_v1();
    v1.effective_from = day(10);
    let mut log = setup(v1);
    log.push(check_in("early", 2, 2));
    let r = CareRecord::replay(&CareLog::new(log)).unwrap();
    assert!(r.unevaluated().is_empty());
    assert_eq!(r.plan_on(day(2)).unwrap().version, 1);
}

/// The srm diary missed on days 4–8, back on day 9; the clinician checks in on days 8 and 10.
fn missed_diaries_log() -> Vec<Entry> {
    let mut log = setup(plan_v1());
    for k in 0..=3 {
        log.push(diary_day(k));
    }
    log.push(check_in("ci8", 8, 8));
    let mut back = diary_day(9);
    back.at = Some(at(day(9), "21:30"));
    log.push(back);
    log.push(check_in("ci10", 10, 10));
    log
}

#[test]
fn missed_diaries_in_a_row_raise_watch_with_the_occurrences_as_evidence() {
    let log = missed_diaries_log();
    let r = CareRecord::replay(&CareLog::new(log.clone())).unwrap();
    let srm: Vec<_> = r
        .derived_observations()
        .iter()
        .filter(|o| matches!(&o.observed, Observed::MissedOccurrences { task, .. } if task == "srm"))
        .collect();
    // Observed at the day before each entry date: day 7 (4, 5, 6 missed), day 8 (7 too), day 9 (ended).
    let counts: Vec<(NaiveDate, u16)> = srm
        .iter()
        .map(|o| match o.observed {
            Observed::MissedOccurrences { count, .. } => (o.date, count),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(counts, vec![(day(7), 3), (day(8), 4), (day(9), 0)]);
    let DerivedEvidence::MissedRun { occurrences, schedule_entry, next_entry_on, ended_by, what, .. } =
        &srm[0].evidence
    else {
        panic!("{:?}", srm[0].evidence)
    };
    let want: Vec<String> = (4..=6).map(|k| format!("srm/{}/21:00", day(k))).collect();
    assert_eq!(
        (occurrences, schedule_entry.as_str(), *next_entry_on, ended_by, what.as_str()),
        (&want, "s", day(8), &None, "srm_diary")
    );
    assert_eq!(srm[0].id, format!("derived/missed_run/{}/srm", day(7)));
    let DerivedEvidence::MissedRun { ended_by, occurrences, .. } = &srm[2].evidence else { unreachable!() };
    assert_eq!((ended_by.clone(), occurrences.len()), (Some(format!("srm/{}/21:00", day(9))), 0));

    // The alert history: Watch on day 7 under plan version 1, the run as its derived evidence
    // (the PHQ-9 missed once is below the threshold and is not evidence).
    let watch = r.alerts().iter().find(|a| a.transition.to == AlertLevel::Watch).expect("Watch");
    assert_eq!((watch.transition.date, watch.plan_version), (day(7), 1));
    assert!(watch.transition.reasons.iter().any(|x| x.rule == Rule::MissedOccurrences));
    assert_eq!(watch.derived_evidence, vec![srm[0].evidence.clone()]);
    // The run ended on day 9, but the level falls only after the calm period.
    assert_eq!(r.alert_level(), AlertLevel::Watch);

    // Status the day before each entry date (as known then) derives what the replay read on
    // that day.
    let dates: std::collections::BTreeSet<NaiveDate> = log.iter().map(|e| e.effective).collect();
    for &next in &dates {
        let e = next.pred_opt().unwrap();
        if e < day(0) || dates.contains(&e) {
            continue; // an entry dated that day: the replay has it
        }
        let status = r.status(e).unwrap();
        let from_status: Vec<&Observed> = status.derived_observations.iter().map(|o| &o.observed).collect();
        let from_replay: Vec<&Observed> =
            r.derived_observations().iter().filter(|o| o.date == e).map(|o| &o.observed).collect();
        assert_eq!(from_status, from_replay, "status on {e}");
    }
    let s = r.status(day(7)).unwrap();
    assert_eq!((s.alert.level, s.alert.since), (AlertLevel::Watch, Some(day(7))));

    // Deterministic: replaying twice gives identical JSON.
    let again = CareRecord::replay(&CareLog::new(log)).unwrap();
    assert_eq!(r.to_json_pretty(), again.to_json_pretty());
}

#[test]
fn an_excused_occurrence_neither_counts_nor_breaks_a_run_and_the_plan_threshold_decides() {
    let mut log = missed_diaries_log();
    // Day 5 excused (in hospital): the run on day 7 is 2 (days 4 and 6), below the default 3.
    let mut x =
        Entry::new("x5", at(day(6), "09:00"), day(5), "dr", EntryKind::Excused { reason: "in hospital".into() });
    x.occurrence = Some(occ("srm", day(5), "21:00"));
    log.push(x);
    let r = CareRecord::replay(&CareLog::new(log.clone())).unwrap();
    let first = r
        .derived_observations()
        .iter()
        .find(|o| matches!(&o.observed, Observed::MissedOccurrences { task, .. } if task == "srm"))
        .unwrap();
    assert_eq!((first.date, &first.observed), (day(7), &Observed::MissedOccurrences { task: "srm".into(), count: 2 }));
    assert!(r.alerts().iter().all(|a| a.transition.date != day(7)), "{:?}", r.alerts());
    // A plan that asks for 2 in a row raises Watch on day 7.
    let mut plan = plan_v1();
    plan.alerts.thresholds.missed_occurrences_watch = Cited::new(2, Source::local("the clinic"));
    for e in &mut log {
        if let EntryKind::RelapsePlanVersion { plan: p, .. } = &mut e.event {
            *p = plan.clone();
        }
    }
    let r = CareRecord::replay(&CareLog::new(log)).unwrap();
    let watch = r.alerts().iter().find(|a| a.transition.to == AlertLevel::Watch).expect("Watch");
    assert_eq!(watch.transition.date, day(7));
}
