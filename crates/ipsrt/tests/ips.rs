//! IPS: proptest invariants (fidelity total within 25–125; rejected journey events change
//! nothing; KPI rates are fractions) and examples.

use chrono::NaiveDate;
use ipsrt::ips::{
    Caseload, EmploymentJourney, FIDELITY_ITEMS, FidelityBand, FidelityItem, FidelityRatings, Job, JobEndReason,
    JourneyEvent, JourneyState, PRINCIPLES, Principle,
};
use proptest::prelude::*;

fn d(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day)
}

#[test]
fn eight_principles_seven_in_the_older_count() {
    assert_eq!(PRINCIPLES.len(), 8);
    assert_eq!(PRINCIPLES.iter().filter(|p| p.in_seven_principle_count()).count(), 7);
    assert_eq!(Principle::RapidJobSearch.number(), 6);
    assert!(Principle::RapidJobSearch.description().contains("30 days"));
}

#[test]
fn items_are_numbered_1_to_25_in_three_sections() {
    for (i, item) in FIDELITY_ITEMS.iter().enumerate() {
        assert_eq!(usize::from(item.number()), i + 1);
        assert_eq!(FidelityItem::from_number(item.number()), Some(*item));
    }
    assert_eq!(FidelityItem::from_number(0), None);
    assert_eq!(FidelityItem::from_number(26), None);
    assert_eq!(FidelityItem::CaseloadSize.name(), "Caseload size");
    let a = FidelityRatings::from_array([3; 25]).unwrap();
    let mut arr = [3; 25];
    arr[4] = 5;
    let b = FidelityRatings::from_array(arr).unwrap();
    assert_eq!(a.disagreements(&b), vec![(FidelityItem::IntegrationTeamContact, 3, 5)]);
    let dup =
        FidelityRatings::from_items(FIDELITY_ITEMS.iter().map(|i| (*i, 3)).chain([(FidelityItem::Disclosure, 3)]));
    assert!(dup.is_err());
}

fn job(hours: f64) -> Job {
    Job { employer: "E".into(), title: None, hours_per_week: hours, hourly_wage: None, competitive: true }
}

fn event(kind: usize, day: i64, hours: f64) -> JourneyEvent {
    let date = d(day);
    match kind {
        0 => JourneyEvent::JobSearchStarted { date },
        1 => JourneyEvent::EmployerContact { date },
        2 => JourneyEvent::JobStarted { date, job: job(hours) },
        3 => JourneyEvent::FollowAlongStarted { date },
        4 => JourneyEvent::JobEnded { date, reason: JobEndReason::Quit },
        _ => JourneyEvent::Exited { date },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fidelity_total_is_within_25_and_125(ratings in prop::array::uniform25(1u8..=5)) {
        let r = FidelityRatings::from_array(ratings).unwrap();
        let s = r.score();
        prop_assert!((25..=125).contains(&s.total));
        prop_assert_eq!(s.staffing + s.organisation + s.services, s.total);
        prop_assert!(FidelityBand::for_total(s.total).is_ok());
        // The JSON form round-trips.
        let back: FidelityRatings = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(back, r);
    }

    #[test]
    fn out_of_range_ratings_are_rejected(pos in 0..25usize, bad in prop_oneof![Just(0u8), 6u8..=255]) {
        let mut ratings = [3u8; 25];
        ratings[pos] = bad;
        prop_assert!(FidelityRatings::from_array(ratings).is_err());
    }

    #[test]
    fn journey_rejections_change_nothing(events in prop::collection::vec((0..6usize, -2..10i64, -20..360i32), 0..60)) {
        let mut j = EmploymentJourney::enrol("p", d(0)).unwrap();
        let mut day = 0;
        for (kind, step, quarter_hours) in events {
            let hours = f64::from(quarter_hours) / 4.0;
            day += step;
            let before = j.clone();
            let was_working = j.state().is_working();
            match j.apply(event(kind, day, hours)) {
                Err(_) => prop_assert_eq!(&j, &before),
                Ok(state) => {
                    prop_assert_eq!(state, j.state());
                    // A job spell is open exactly while working (or after exiting while working).
                    let open = j.jobs().last().is_some_and(|s| s.end.is_none());
                    if state != JourneyState::Exited {
                        prop_assert_eq!(open, state.is_working());
                    } else {
                        prop_assert_eq!(open, was_working);
                    }
                }
            }
        }
        let caseload = Caseload { specialists_fte: Some(1.0), journeys: vec![j.clone()] };
        let k = caseload.kpis(d(0), d(400)).unwrap();
        if let Some(rate) = k.competitive_employment_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        }
        prop_assert!(k.employed <= k.active);
        let back: EmploymentJourney = serde_json::from_str(&serde_json::to_string(&j).unwrap()).unwrap();
        prop_assert_eq!(back, j);
    }
}
