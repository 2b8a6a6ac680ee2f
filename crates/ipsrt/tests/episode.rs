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

#[test]
fn after_remission_only_absolute_criteria_count() {
    // First episode baseline 24; remission; then 11. Against the baseline that is a 54 %
    // reduction ("response"), but after remission it is a return of symptoms: relapse.
    let base =
        phq9::score_ordered(&[Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(0)], None)
            .unwrap();
    let eleven =
        phq9::score_ordered(&[Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), Some(0), Some(0), Some(0)], None)
            .unwrap();
    let mut c = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-01"));
    c.apply(E::Remit, d("2026-03-01")).unwrap();
    let change = compare(&base, &eleven).unwrap();
    assert!(change.response.as_ref().unwrap().met, "a 54 % reduction against the first baseline");
    assert!(change.relapse.as_ref().unwrap().met, "11 ≥ 10");
    let s = c.suggest(&change, d("2026-04-01")).unwrap();
    assert_eq!(s.event, E::Relapse);
    assert!(s.reasons.iter().any(|r| r.contains("absolute")), "{:?}", s.reasons);
    // 7 after remission: remission lost (≥ 5) but below the relapse cut-off: no suggestion
    let seven =
        phq9::score_ordered(&[Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(0), Some(0)], None)
            .unwrap();
    assert_eq!(c.suggest(&compare(&base, &seven).unwrap(), d("2026-04-01")), None);
    // the same from recovery is a recurrence
    let mut r = EpisodeCourse::new(EpisodeProtocol::default(), d("2026-01-01"));
    r.apply(E::Remit, d("2026-02-01")).unwrap();
    r.apply(E::Recover, d("2026-09-01")).unwrap();
    assert_eq!(r.suggest(&change, d("2026-10-01")).map(|s| s.event), Some(E::Recur));
}

#[test]
fn polarity_and_prior_episodes() {
    use ipsrt::episode::EpisodePolarity as P;
    let mut c = EpisodeCourse::with_history(EpisodeProtocol::default(), d("2026-01-01"), P::Depressive, 2);
    assert_eq!((c.prior_episodes(), c.lifetime_episodes(), c.polarity()), (2, 3, P::Depressive));
    c.apply(E::Remit, d("2026-02-01")).unwrap();
    c.apply(E::Recover, d("2026-09-01")).unwrap();
    // a recurrence can have a new polarity (a first manic episode)
    let before = c.clone();
    assert!(c.recur_with(P::Manic, d("2026-08-01")).is_err());
    assert_eq!(c, before);
    c.recur_with(P::Manic, d("2026-10-01")).unwrap();
    assert_eq!((c.episode_number(), c.lifetime_episodes(), c.polarity()), (2, 4, P::Manic));
    let back: EpisodeCourse = from_json(&to_json(&c)).unwrap();
    assert_eq!(back, c);
}

#[test]
fn episode_fixtures_of_both_versions_load() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-vectors/persist/");
    let v1: EpisodeCourse =
        from_json(&std::fs::read_to_string(format!("{dir}ipsrt.episode_course.v1.json")).unwrap()).unwrap();
    assert_eq!((v1.polarity(), v1.prior_episodes()), (ipsrt::episode::EpisodePolarity::Depressive, 0));
    let v2: EpisodeCourse =
        from_json(&std::fs::read_to_string(format!("{dir}ipsrt.episode_course.v2.json")).unwrap()).unwrap();
    assert_eq!(
        (v2.polarity(), v2.prior_episodes(), v2.episode_number()),
        (ipsrt::episode::EpisodePolarity::Manic, 1, 2)
    );
}
