//! The frozen fixtures of the group and IPS types load, and re-serialise to the same JSON.

use std::path::Path;

use ipsrt::group::{Group, GroupStatus, MembershipStatus, PersonId};
use ipsrt::ips::{Caseload, EmploymentJourney, FidelityBand, FidelityItem, FidelityReview, JourneyState};
use ipsrt::persist::{Persist, from_json, to_json_pretty};

fn load<T: Persist>() -> (T, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../../test-vectors/persist/{}.v{}.json",
        T::SCHEMA,
        T::VERSION
    ));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (from_json::<T>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())), text)
}

#[test]
fn group_fixture() {
    let (g, text) = load::<Group>();
    assert_eq!(g.status(), GroupStatus::Running);
    // Version 2: m5 left for a reason with a note, m6 rejoined (and waits: the cohort is closed).
    assert_eq!(g.member_count(), 5);
    assert_eq!(g.sessions().len(), 1);
    let m5 = g.person(&PersonId::new("m5").unwrap()).unwrap();
    assert_eq!(m5.departures[0].note.as_deref(), Some("moved to another city"));
    assert_eq!(g.person(&PersonId::new("m6").unwrap()).unwrap().status, MembershipStatus::Waitlisted);
    assert_eq!(g.rules().midway_after_session.as_ref().map(|c| c.value), Some(10));
    assert_eq!(to_json_pretty(&g) + "\n", text);
}

#[test]
fn group_fixture_of_version_1_migrates() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist/ipsrt.group.v1.json");
    let g: Group = from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(g.member_count(), 6);
    // Version 1 IPT-G rules: no GP referral, the midway meeting after session 10 of 20.
    assert!(!g.rules().gp_referral_required.value);
    assert_eq!(g.rules().midway_after_session.as_ref().map(|c| c.value), Some(10));
}

#[test]
fn fidelity_review_fixture() {
    let (r, text) = load::<FidelityReview>();
    let report = r.report().unwrap();
    assert_eq!(report.score.total, 100);
    assert_eq!(report.band, FidelityBand::Good);
    assert_eq!(report.items_below_4, vec![FidelityItem::RapidJobSearch]);
    assert_eq!(r.anchors.text(FidelityItem::CaseloadSize, 5), Some("(host-supplied anchor text for rating 5)"));
    assert_eq!(to_json_pretty(&r) + "\n", text);
}

#[test]
fn journey_and_caseload_fixtures() {
    use ipsrt::ips::{Disclosure, EducationStatus, ExitReason};
    let (j, text) = load::<EmploymentJourney>();
    // Version 2: a non-competitive job, disclosure, benefits counselling, preferences,
    // education goals, an exit with a reason and a re-entry while still in the job.
    assert_eq!(j.state(), JourneyState::Employed);
    assert_eq!(j.days_to_first_employer_contact(), Some(14));
    assert_eq!(j.jobs().len(), 2);
    assert_eq!(j.competitive_jobs().count(), 1);
    assert_eq!(j.days_to_first_job(), Some(42), "the non-competitive job is not the first job");
    assert_eq!(j.disclosure_for("Bakery"), Some(Disclosure::Disclosed));
    assert_eq!(j.benefits_sessions().len(), 1);
    assert_eq!(j.preferences().map(|p| p.preferences.hours_per_week), Some(Some(32.0)));
    assert_eq!(j.preference_history().len(), 2);
    assert_eq!(j.education_goals()[0].status, EducationStatus::Achieved);
    let episodes = j.episodes();
    assert_eq!(episodes.len(), 2);
    assert_eq!(episodes[0].exit_reason, Some(ExitReason::GoalsMet));
    assert_eq!(to_json_pretty(&j) + "\n", text);
    let (c, text) = load::<Caseload>();
    assert_eq!(c.journeys.len(), 1);
    assert_eq!(to_json_pretty(&c) + "\n", text);
}

#[test]
fn journey_and_caseload_fixtures_of_version_1_migrate() {
    use ipsrt::ips::ExitReason;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist");
    let j: EmploymentJourney =
        from_json(&std::fs::read_to_string(dir.join("ipsrt.employment_journey.v1.json")).unwrap()).unwrap();
    assert_eq!(j.state(), JourneyState::FollowAlong);
    assert_eq!(j.days_to_first_job(), Some(42));
    // A version 1 exit had no reason: the migration records "not_recorded".
    let v1 = r#"{"schema":"ipsrt.employment_journey","version":1,"data":{"participant":"A","enrolled_on":"2026-01-05","events":[{"type":"exited","date":"2026-02-01"}]}}"#;
    let j: EmploymentJourney = from_json(v1).unwrap();
    assert_eq!(j.exit_reason(), Some(ExitReason::NotRecorded));
    let c: Caseload = from_json(
        &v1.replace("employment_journey", "ips_caseload")
            .replace(r#""data":{"participant""#, r#""data":{"journeys":[{"participant""#)
            .replace("}]}}", "}]}]}}"),
    )
    .unwrap();
    assert_eq!(c.journeys[0].exit_reason(), Some(ExitReason::NotRecorded));
    let c: Caseload = from_json(&std::fs::read_to_string(dir.join("ipsrt.ips_caseload.v1.json")).unwrap()).unwrap();
    assert_eq!(c.journeys[0].state(), JourneyState::FollowAlong);
}

#[test]
fn medication_log_and_life_chart_fixtures() {
    use ipsrt::ipsrt::{EpisodePolarity, LifeChart, MedicationLog};
    let (log, text) = load::<MedicationLog>();
    assert_eq!(log.schedule().len(), 2);
    assert_eq!(log.records().len(), 5);
    assert_eq!(to_json_pretty(&log) + "\n", text);
    let (chart, text) = load::<LifeChart>();
    assert_eq!(chart.episodes_of(EpisodePolarity::Manic).count(), 1);
    assert_eq!(chart.events().len(), 6);
    assert_eq!(to_json_pretty(&chart) + "\n", text);
}

#[test]
fn rhythm_plan_fixture() {
    use ipsrt::ipsrt::{Anchor, PlanStage, RhythmPlan};
    let (plan, text) = load::<RhythmPlan>();
    assert_eq!(plan.stage(), PlanStage::Shifting);
    assert_eq!(plan.target(Anchor::ToBed).unwrap().current.to_string(), "00:00");
    assert_eq!(plan.disruptions().len(), 1);
    assert_eq!(to_json_pretty(&plan) + "\n", text);
}

#[test]
fn ipsrt_course_fixture() {
    use ipsrt::ipsrt::{IpsrtCourse, IpsrtPhase};
    let (c, text) = load::<IpsrtCourse>();
    assert_eq!(c.phase(), IpsrtPhase::Intermediate);
    assert!(c.tasks_missing().is_empty());
    assert_eq!(to_json_pretty(&c) + "\n", text);
}
