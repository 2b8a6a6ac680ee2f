//! Properties of the care record: replay does not depend on arrival order (clinical state),
//! a failed append changes nothing, replay is deterministic.

mod care_common;

use care_common::*;
use chrono::Duration;
use ipsrt::care::{CareLog, CareRecord, DerivedEvidence, DiaryItem, Entry, EntryKind};
use ipsrt::ipsrt::{DoseOutcome, ScheduledDose};
use ipsrt::relapse::Observed;
use ipsrt::srm::{Form, ItemId, Status};
use proptest::prelude::*;

fn prefix() -> Vec<Entry> {
    let day = d("2026-01-05");
    let mut entries = registered(day);
    entries.extend([
        Entry::new(
            "rp2",
            at(day, "08:01"),
            day,
            "dr",
            EntryKind::RelapsePlanVersion { plan_id: "rp".into(), plan: plan_v2_from(day + Duration::days(30)) },
        ),
        Entry::new("s", at(day, "08:02"), day, "dr", EntryKind::ScheduleSet { schedule: schedule(day) }),
        Entry::new("diary", at(day, "08:03"), day, "dr", EntryKind::DiaryStarted { form: Form::Srm5 }),
        Entry::new(
            "med",
            at(day, "08:04"),
            day,
            "dr",
            EntryKind::MedicationPlanSet {
                doses: vec![ScheduledDose {
                    id: "li".into(),
                    medication: "lithium".into(),
                    time: "20:00".parse().unwrap(),
                    anchor: None,
                }],
            },
        ),
    ]);
    entries
}

/// A second plan version, effective from `from`, more sensitive to days without entries.
fn plan_v2_from(from: chrono::NaiveDate) -> ipsrt::relapse::RelapsePlan {
    let mut plan = plan_v1();
    plan.version = 2;
    plan.effective_from = from;
    plan.alerts.thresholds.no_entries_watch_days = ipsrt::source::Cited::new(3, ipsrt::source::Source::local("test"));
    plan
}

/// One clinical entry on day `k` after the start, of kind `which`.
fn clinical(n: usize, k: i64, which: u8, value: u8) -> Entry {
    let day = d("2026-01-05") + Duration::days(k);
    let id = format!("c{n}");
    let arrival = at(d("2026-03-01"), "12:00");
    let event = match which % 7 {
        0 => phq9(u32::from(value % 28), if value.is_multiple_of(9) { 1 } else { 0 }),
        1 => asrm(i32::from(value % 21)),
        2 => EntryKind::Observation {
            observed: Observed::WarningSign {
                sign: if value.is_multiple_of(2) { "less_sleep" } else { "withdrawing" }.into(),
            },
        },
        3 => EntryKind::DiaryDay {
            items: vec![DiaryItem {
                item: ItemId::ToBed,
                status: Status::Done("23:00".parse().unwrap()),
                people: None,
            }],
            mood: Some((i16::from(value % 11) - 5) as i8),
        },
        4 => EntryKind::DoseRecorded { dose: "li".into(), outcome: DoseOutcome::Missed },
        5 => EntryKind::Acknowledged { action: "reviewed".into() },
        _ => EntryKind::Observation { observed: Observed::CheckIn },
    };
    let diary = matches!(event, EntryKind::DiaryDay { .. });
    let mut e = Entry::new(id, arrival, day, "pt", event);
    if diary {
        // Diary days complete the daily SRM occurrence (on time), so that the days without a
        // self-report and the runs of missed diaries (derived observations) vary with the
        // entries.
        e.occurrence = Some(occ("srm", day, "21:00"));
        e.at = Some(at(day, "21:30"));
    }
    e
}

/// The clinical state: everything but what depends on arrival (decisions, late flags, the
/// reported level). It includes the observations derived from the log (data gaps) and the
/// date-ordered alert history with the plan version of each transition.
fn clinical_state(r: &CareRecord) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("decisions");
    o.remove("entries");
    o.remove("alert_level");
    o.insert("history_level".into(), serde_json::to_value(r.alert_machine().history_level()).unwrap());
    o.insert("history".into(), serde_json::to_value(r.alert_machine().history()).unwrap());
    v
}

fn entries_strategy() -> impl Strategy<Value = Vec<Entry>> {
    // Distinct (day, kind) pairs so that no two diary days or doses share a date.
    proptest::collection::btree_map((0i64..60, 0u8..7), any::<u8>(), 1..25)
        .prop_map(|m| m.into_iter().enumerate().map(|(n, ((k, which), value))| clinical(n, k, which, value)).collect())
}

fn dedupe_days(entries: Vec<Entry>) -> Vec<Entry> {
    // One diary day and one dose per date.
    let mut seen = std::collections::BTreeSet::new();
    entries
        .into_iter()
        .filter(|e| match e.event {
            EntryKind::DiaryDay { .. } | EntryKind::DoseRecorded { .. } => {
                seen.insert((e.effective, e.event.type_name()))
            }
            _ => true,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_arrival_order_gives_the_same_clinical_state(
        (entries, shuffled) in entries_strategy().prop_map(dedupe_days).prop_flat_map(|e| {
            let s = Just(e.clone()).prop_shuffle();
            (Just(e), s)
        })
    ) {
        let mut a = prefix();
        a.extend(entries);
        let mut b = prefix();
        b.extend(shuffled);
        let ra = CareRecord::replay(&CareLog::new(a)).unwrap();
        let rb = CareRecord::replay(&CareLog::new(b)).unwrap();
        prop_assert_eq!(clinical_state(&ra), clinical_state(&rb));
        prop_assert_eq!(ra.derived_observations(), rb.derived_observations());
    }

    #[test]
    fn replay_is_deterministic(entries in entries_strategy().prop_map(dedupe_days)) {
        let mut a = prefix();
        a.extend(entries);
        let log = CareLog::new(a);
        let r1 = CareRecord::replay(&log).unwrap();
        let r2 = CareRecord::replay(&log).unwrap();
        prop_assert_eq!(r1.to_json_pretty(), r2.to_json_pretty());
        prop_assert_eq!(&r1, &r2);
    }

    #[test]
    fn missed_runs_are_news_only_and_list_their_occurrences(entries in entries_strategy().prop_map(dedupe_days)) {
        let mut a = prefix();
        a.extend(entries);
        let r = CareRecord::replay(&CareLog::new(a)).unwrap();
        let mut last: std::collections::BTreeMap<String, (u32, Option<String>)> = Default::default();
        for o in r.derived_observations() {
            let DerivedEvidence::MissedRun { task, what, occurrences, count, ended_by, observed_on, next_entry_on, .. } = &o.evidence else {
                continue;
            };
            prop_assert_eq!(&o.observed, &Observed::MissedOccurrences { task: task.clone(), count: *count as u16 });
            prop_assert!(what != "medication");
            prop_assert_eq!(*observed_on, o.date);
            prop_assert_eq!(next_entry_on.pred_opt(), Some(o.date));
            prop_assert!(occurrences.len() as u32 <= *count && occurrences.len() <= 31);
            prop_assert_eq!(occurrences.is_empty(), *count == 0);
            prop_assert_eq!(ended_by.is_some(), *count == 0);
            // The listed occurrences are the task's, dated on or before the observation, in order.
            let ids: Vec<ipsrt::schedule::OccurrenceId> = occurrences.iter().map(|s| s.parse().unwrap()).collect();
            prop_assert!(ids.iter().all(|i| &i.task == task && i.date <= o.date));
            prop_assert!(ids.windows(2).all(|w| w[0].date <= w[1].date));
            // News only: a new missed occurrence, or the end of a run that was observed.
            let prev = last.get(task).cloned();
            match &prev {
                None => prop_assert!(*count > 0),
                Some((c, l)) => prop_assert!((*count > 0 && (*count, occurrences.last().cloned()) != (*c, l.clone())) || (*count == 0 && *c > 0)),
            }
            last.insert(task.clone(), (*count, occurrences.last().cloned()));
        }
        // The alert machine read each of them.
        let read = r.alert_machine().timeline().iter().filter(|t| matches!(t.observation.observed, Observed::MissedOccurrences { .. })).count();
        let derived = r.derived_observations().iter().filter(|o| matches!(o.observed, Observed::MissedOccurrences { .. })).count();
        prop_assert_eq!(read, derived);
    }

    #[test]
    fn a_failed_append_changes_nothing(
        entries in entries_strategy(),
        extra in proptest::collection::vec((0i64..60, 0u8..7, any::<u8>(), 0u8..4), 1..12),
    ) {
        let mut r = CareRecord::replay(&CareLog::new(prefix())).unwrap();
        for e in entries {
            let before = r.clone();
            if r.append(e).is_err() {
                prop_assert_eq!(&r, &before);
            }
        }
        for (n, (k, which, value, spoil)) in extra.into_iter().enumerate() {
            let mut e = clinical(1000 + n, k, which, value);
            match spoil {
                0 => e.id = "c0".into(),                                   // maybe a duplicate id
                1 => e.event = EntryKind::Retraction { target: format!("c{}", value), reason: "error".into() },
                2 => e.event = EntryKind::Observation { observed: Observed::WarningSign { sign: "unknown".into() } },
                _ => e.author = String::new(),                             // empty author
            }
            let before = r.clone();
            if r.append(e).is_err() {
                prop_assert_eq!(&r, &before);
            }
        }
    }
}
