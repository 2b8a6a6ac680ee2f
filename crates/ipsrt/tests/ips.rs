//! IPS: proptest invariants (fidelity total within 25–125; rejected journey events change
//! nothing; KPI rates are fractions) and examples.

use chrono::NaiveDate;
use ipsrt::ips::{
    Caseload, Disclosure, EducationStatus, EmploymentJourney, ExitReason, FIDELITY_ITEMS, FidelityBand, FidelityItem,
    FidelityRatings, Job, JobEndReason, JobPreferences, JourneyEvent, JourneyState, PRINCIPLES, Principle,
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

fn job(hours: f64, competitive: bool) -> Job {
    Job { employer: "E".into(), title: None, hours_per_week: hours, hourly_wage: Some(12.0), competitive }
}

fn event(kind: usize, day: i64, hours: f64) -> JourneyEvent {
    let date = d(day);
    let text = if hours < 0.0 { " ".to_owned() } else { "t".to_owned() };
    match kind {
        0 => JourneyEvent::JobSearchStarted { date },
        1 => JourneyEvent::EmployerContact { date },
        2 => JourneyEvent::JobStarted { date, job: job(hours, true) },
        3 => JourneyEvent::FollowAlongStarted { date },
        4 => JourneyEvent::JobEnded { date, reason: JobEndReason::Quit },
        5 => JourneyEvent::Exited { date, reason: ExitReason::ChoseToLeave, note: None },
        6 => JourneyEvent::ReEntered { date },
        7 => JourneyEvent::JobStarted { date, job: job(hours, false) },
        8 => JourneyEvent::DisclosureDecided { date, employer: text, decision: Disclosure::Undecided },
        9 => JourneyEvent::BenefitsCounselling { date, topic: text },
        10 => JourneyEvent::EducationGoal { date, goal: text, status: EducationStatus::InProgress },
        _ => JourneyEvent::PreferencesRecorded {
            date,
            preferences: JobPreferences { hours_per_week: Some(hours), ..JobPreferences::default() },
        },
    }
}

#[test]
fn non_competitive_jobs_are_kept_but_never_counted() {
    let mut j = EmploymentJourney::enrol("p", d(0)).unwrap();
    j.apply(JourneyEvent::JobSearchStarted { date: d(0) }).unwrap();
    j.apply(JourneyEvent::JobStarted { date: d(3), job: job(30.0, false) }).unwrap();
    assert_eq!(j.state(), JourneyState::Employed);
    assert_eq!(j.jobs().len(), 1);
    assert!(!j.employed_during(d(0), d(90)));
    assert!(j.non_competitive_during(d(0), d(90)));
    assert_eq!(j.days_to_first_job(), None);
    assert_eq!(j.weeks_worked(d(0), d(90)), 0.0);
    let k = Caseload { specialists_fte: None, journeys: vec![j] }.kpis(d(0), d(90)).unwrap();
    assert_eq!((k.active, k.employed, k.competitive_employment_rate), (1, 0, Some(0.0)));
    assert_eq!((k.job_starts, k.non_competitive_employed, k.non_competitive_job_starts), (0, 1, 1));
    assert_eq!((k.total_hours, k.total_wages, k.working_20_hours_or_more), (0.0, 0.0, 0));
    assert_eq!(k.days_to_first_job.n, 0);
}

#[test]
fn appends_after_exit_are_refused_until_re_entry() {
    let mut j = EmploymentJourney::enrol("p", d(0)).unwrap();
    j.apply(JourneyEvent::Exited { date: d(5), reason: ExitReason::LostContact, note: Some("no reply".into()) })
        .unwrap();
    assert_eq!(j.exit_reason(), Some(ExitReason::LostContact));
    let before = j.clone();
    let e = j.apply(JourneyEvent::BenefitsCounselling { date: d(6), topic: "x".into() }).unwrap_err();
    assert_eq!(e.kind(), ipsrt::ErrorKind::IllegalTransition);
    assert!(e.to_string().contains("benefits_counselling"), "{e}");
    assert_eq!(j, before);
    assert_eq!(j.apply(JourneyEvent::ReEntered { date: d(40) }).unwrap(), JourneyState::Enrolled);
    assert_eq!(j.exit_reason(), None);
    assert_eq!(j.exited_on(), None);
    // Not on the caseload between the stays.
    assert!(!j.active_during(d(10), d(30)));
    assert!(j.active_during(d(30), d(45)));
    assert_eq!(j.episodes().len(), 2);
}

#[test]
fn empty_texts_and_long_lists_are_refused() {
    let mut j = EmploymentJourney::enrol("p", d(0)).unwrap();
    let e = j.apply(JourneyEvent::EducationGoal { date: d(1), goal: "".into(), status: EducationStatus::Planned });
    assert!(e.unwrap_err().to_string().contains("education goal is empty"));
    let many = JobPreferences { kinds_of_work: vec!["x".into(); 51], ..JobPreferences::default() };
    let e = j.apply(JourneyEvent::PreferencesRecorded { date: d(1), preferences: many }).unwrap_err();
    assert!(e.to_string().contains("51 entries for kind of work"), "{e}");
    assert!(j.events().is_empty());
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
    fn journey_rejections_change_nothing(events in prop::collection::vec((0..12usize, -2..10i64, -20..360i32), 0..60)) {
        let mut j = EmploymentJourney::enrol("p", d(0)).unwrap();
        let mut day = 0;
        for (kind, step, quarter_hours) in events {
            let hours = f64::from(quarter_hours) / 4.0;
            day += step;
            let before = j.clone();
            let was_open = j.jobs().last().is_some_and(|s| s.end.is_none());
            let was_exited = j.state() == JourneyState::Exited;
            let e = event(kind, day, hours);
            match j.apply(e.clone()) {
                Err(_) => prop_assert_eq!(&j, &before),
                Ok(state) => {
                    prop_assert_eq!(state, j.state());
                    // After an exit only a re-entry is accepted.
                    let is_re_entry = matches!(e, JourneyEvent::ReEntered { .. });
                    prop_assert!(!was_exited || is_re_entry, "only a re-entry is accepted after an exit");
                    // A job spell is open exactly while working (or after exiting while working).
                    let open = j.jobs().last().is_some_and(|s| s.end.is_none());
                    if state != JourneyState::Exited {
                        prop_assert_eq!(open, state.is_working());
                    } else {
                        prop_assert_eq!(open, was_open);
                    }
                    prop_assert_eq!(j.exit_reason().is_some(), state == JourneyState::Exited);
                }
            }
        }
        // Non-competitive jobs never count: the KPIs equal those of the journey with its
        // non-competitive spells left out of the competitive measures.
        let competitive_starts = j.competitive_jobs().count();
        let caseload = Caseload { specialists_fte: Some(1.0), journeys: vec![j.clone()] };
        let k = caseload.kpis(d(0), d(400)).unwrap();
        if let Some(rate) = k.competitive_employment_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        }
        prop_assert!(k.employed <= k.active);
        prop_assert!(k.job_starts <= competitive_starts);
        if competitive_starts == 0 {
            prop_assert_eq!(k.employed, 0);
            prop_assert_eq!(k.total_hours, 0.0);
            prop_assert_eq!(k.days_to_first_job.n, 0);
        }
        prop_assert!(k.non_competitive_job_starts <= j.jobs().len() - competitive_starts);
        let back: EmploymentJourney = serde_json::from_str(&serde_json::to_string(&j).unwrap()).unwrap();
        prop_assert_eq!(back, j);
    }
}
