//! Episode-course machine: legal paths, rejected transitions leave the state unchanged, and
//! proptest invariants.

use chrono::NaiveDate;
use ipsrt::ErrorKind;
use ipsrt::episode::{EpisodeCourse, EpisodeEvent as E, EpisodeProtocol, EpisodeState as S};
use ipsrt::measures::{change::compare, phq9};
use ipsrt::persist::{from_json, to_json};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn relapse_keeps_episode_number_recurrence_increments_it() {
    let mut c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-01"));
    c.apply(E::Remit, d("2026-02-01")).unwrap();
    c.apply(E::Relapse, d("2026-03-01")).unwrap();
    assert_eq!((c.state(), c.episode_number()), (S::Episode, 1));
    c.apply(E::Remit, d("2026-04-01")).unwrap();
    c.apply(E::Recover, d("2026-09-30")).unwrap();
    c.apply(E::Recur, d("2027-01-01")).unwrap();
    assert_eq!((c.state(), c.episode_number()), (S::Episode, 2));
    assert_eq!(c.history().len(), 5);
}

#[test]
fn recovery_duration_boundary() {
    let mut c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-01"));
    c.apply(E::Remit, d("2026-01-01")).unwrap();
    let before = c.clone();
    // 181 days: too early
    let err = c.apply(E::Recover, d("2026-07-01")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    assert_eq!(c, before);
    // 182 days: allowed
    c.apply(E::Recover, d("2026-07-02")).unwrap();
    assert_eq!(c.state(), S::Recovery);
}

#[test]
fn illegal_and_out_of_order_events_change_nothing() {
    let mut c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-10"));
    let before = c.clone();
    assert_eq!(c.apply(E::Relapse, d("2026-02-01")).unwrap_err().kind(), ErrorKind::IllegalTransition);
    assert_eq!(c.apply(E::Recur, d("2026-02-01")).unwrap_err().kind(), ErrorKind::IllegalTransition);
    assert_eq!(c.apply(E::Respond, d("2026-01-09")).unwrap_err().kind(), ErrorKind::InvalidInput);
    assert_eq!(c, before);
}

#[test]
fn suggestions_come_with_numbers() {
    let base =
        phq9::score_ordered(&[Some(3), Some(3), Some(2), Some(2), Some(2), Some(2), Some(1), Some(1), Some(0)], None)
            .unwrap();
    let half =
        phq9::score_ordered(&[Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(0)], None)
            .unwrap();
    let well = phq9::score_ordered(&[Some(0); 9], None).unwrap();
    let c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-01"));
    let s = c.suggest(&compare(&base, &half).unwrap(), d("2026-02-01")).unwrap();
    assert_eq!(s.event, E::Respond);
    assert!(s.reasons.iter().any(|r| r.contains("NCQA-DRR")));
    let s = c.suggest(&compare(&base, &well).unwrap(), d("2026-02-01")).unwrap();
    assert_eq!(s.event, E::Remit);
    // never applied
    assert_eq!(c.state(), S::Episode);
}

#[test]
fn persisted_fixture_loads() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-vectors/persist/ipsrt.episode_course.v1.json"
    ))
    .unwrap();
    let c: EpisodeCourse = from_json(&text).unwrap();
    assert_eq!((c.state(), c.episode_number()), (S::Episode, 2));
    assert_eq!(from_json::<EpisodeCourse>(&to_json(&c)).unwrap(), c);
    // a tampered state is refused
    let bad = text.replace("\"state\": \"episode\"", "\"state\": \"recovery\"");
    assert!(from_json::<EpisodeCourse>(&bad).is_err());
}

fn event() -> impl Strategy<Value = E> {
    prop_oneof![Just(E::Respond), Just(E::Remit), Just(E::Worsen), Just(E::Relapse), Just(E::Recover), Just(E::Recur)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_event_sequence_is_safe(events in prop::collection::vec((event(), 0i64..400), 0..30)) {
        let start = d("2026-01-01");
        let mut c = EpisodeCourse::new(EpisodeProtocol::default(), start);
        let mut day = start;
        for (e, step) in events {
            day = start + chrono::Duration::days(step.max((day - start).num_days() - 10));
            let before = c.clone();
            match c.apply(e, day) {
                Ok(t) => {
                    prop_assert_eq!(t.from, before.state());
                    prop_assert_eq!(Some(t.to), e.target(before.state()));
                    if e == E::Recover { prop_assert!((day - before.since()).num_days() >= 182); }
                    prop_assert_eq!(c.episode_number(), before.episode_number() + u32::from(e == E::Recur));
                }
                Err(_) => prop_assert_eq!(&c, &before),
            }
        }
        // the persisted form always round-trips and re-validates
        prop_assert_eq!(from_json::<EpisodeCourse>(&to_json(&c)).unwrap(), c);
    }
}
