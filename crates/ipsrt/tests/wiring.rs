//! End-to-end links between areas (issue 4, "Wiring into the course"): scored measures feed
//! the course's response evaluation and the alert machine without re-entering numbers.

use chrono::NaiveDate;
use ipsrt::course::ResponseVerdict;
use ipsrt::measures::change::compare;
use ipsrt::measures::course_link::suggest_verdict;
use ipsrt::measures::phq9;
use ipsrt::relapse::{AlertLevel, AlertMachine, Observation, Observed, RelapsePlan};

fn phq9_all(v: i32) -> ipsrt::measures::Score {
    phq9::score_ordered(&[Some(v); 9], None).unwrap()
}

#[test]
fn verdict_suggestions_follow_the_criteria_in_order() {
    let base = phq9_all(2); // 18
    let cases = [
        ([Some(0); 9], ResponseVerdict::Remission), // 0 < 5
        ([Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(0)], ResponseVerdict::Response), // 8: 56 %
        (
            [Some(2), Some(2), Some(2), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1)],
            ResponseVerdict::PartialResponse,
        ), // 12: −6 pts
        (
            [Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), Some(1), Some(1)],
            ResponseVerdict::MinimalOrNoBenefit,
        ), // 15
    ];
    for (answers, expected) in cases {
        let follow = phq9::score_ordered(&answers, None).unwrap();
        let s = suggest_verdict(&compare(&base, &follow).unwrap());
        assert_eq!(s.verdict, expected, "follow-up {:?}: {:?}", follow.total, s.reasons);
        assert_eq!(s.basis.instrument, "phq9");
        assert_eq!(s.basis.baseline_total, Some(18.0));
        assert_eq!(s.basis.current_total, follow.total.map(f64::from));
        assert!(!s.reasons.is_empty());
        assert!(
            matches!(s.event(), ipsrt::course::CourseEvent::ResponseEvaluated { verdict, .. } if verdict == expected)
        );
    }
}

#[test]
fn phq9_item9_scored_then_observed_goes_to_crisis_with_its_source() {
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let plan = RelapsePlan::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), ipsrt::relapse::Region::Nl);
    let mut machine = AlertMachine::new();
    let score =
        phq9::score_ordered(&[Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)], None)
            .unwrap();
    let observed = Observed::try_from(&score).unwrap();
    let assessment = machine.observe(&plan, Observation::new(day, observed)).unwrap();
    assert_eq!(assessment.level, AlertLevel::Crisis);
    let transition = assessment.transition.expect("a transition to crisis");
    let reason = transition.reasons.iter().find(|r| r.level == AlertLevel::Crisis).expect("a crisis reason");
    assert!(!reason.source.key.is_empty());
}

#[test]
fn instruments_the_machine_does_not_read_are_errors() {
    let mood = ipsrt::measures::score_values(ipsrt::measures::InstrumentId::DailyMood, &[Some(2)], None).unwrap();
    let err = Observed::try_from(&mood).unwrap_err();
    assert_eq!(err.kind(), ipsrt::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("phq9"));
    let _ = phq9_all(0);
}
