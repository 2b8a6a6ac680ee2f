//! Transitions carry the plan's actions and contacts for the new level.

use std::path::Path;

use ipsrt::life_event::LifeEventKind;
use ipsrt::persist::from_json;
use ipsrt::relapse::{
    ActionOrigin, AlertLevel, AlertMachine, ContactRole, Observation, Observed, RelapseError, RelapsePlan,
};

fn plan() -> RelapsePlan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/plan.json");
    from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn obs(date: &str, observed: Observed) -> Observation {
    Observation::new(date.parse().unwrap(), observed)
}

#[test]
fn watch_from_a_trigger_brings_its_action_plan_and_watch_contacts() {
    let plan = plan();
    let mut m = AlertMachine::new();
    let a = m
        .observe(&plan, obs("2026-04-05", Observed::Trigger { kind: LifeEventKind::TimeZoneTravel, note: None }))
        .unwrap();
    let t = a.transition.unwrap();
    assert_eq!(t.to, AlertLevel::Watch);
    let must: Vec<&str> = t.actions.iter().filter(|a| a.must).map(|a| a.text.as_str()).collect();
    assert!(must.contains(&"Take lithium at the same local clock time"), "{must:?}");
    assert!(
        t.actions.iter().any(|a| !a.must && a.origin == ActionOrigin::Trigger { kind: LifeEventKind::TimeZoneTravel })
    );
    assert!(t.actions.iter().any(|a| a.origin == ActionOrigin::Level));
    // Only the partner is listed from Watch.
    assert_eq!(t.contacts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["Sam (partner)"]);
    assert_eq!(t.plan_version, 1);
}

#[test]
fn manic_early_warning_adds_prodrome_actions_and_clinicians() {
    let plan = plan();
    let mut m = AlertMachine::new();
    let t = m.observe(&plan, obs("2026-04-10", Observed::Asrm { total: 8 })).unwrap().transition.unwrap();
    assert_eq!(t.to, AlertLevel::EarlyWarning);
    assert!(
        t.actions.iter().any(|a| a.origin == ActionOrigin::ManicProdrome && a.text.contains("Protect the bedtime"))
    );
    assert!(!t.actions.iter().any(|a| a.origin == ActionOrigin::DepressiveProdrome));
    assert!(t.contacts.iter().any(|c| c.role == ContactRole::Psychiatrist));
    assert!(!t.contacts.iter().any(|c| c.role == ContactRole::CrisisLine));
}

#[test]
fn crisis_lists_crisis_lines_and_sign_actions_breaking_down_lists_its_plan() {
    let plan = plan();
    let mut m = AlertMachine::new();
    let t = m
        .observe(&plan, obs("2026-04-10", Observed::WarningSign { sign: "spending".into() }))
        .unwrap()
        .transition
        .unwrap();
    assert_eq!(t.to, AlertLevel::BreakingDown);
    assert!(
        t.actions.iter().any(|a| a.origin == ActionOrigin::BreakingDown && a.text == "Call the psychiatrist today")
    );
    assert!(t.actions.iter().any(|a| a.origin == ActionOrigin::Sign { id: "spending".into() }));
    let t = m
        .observe(&plan, obs("2026-04-11", Observed::Phq9 { total: Some(3), item9: Some(1) }))
        .unwrap()
        .transition
        .unwrap();
    assert_eq!(t.to, AlertLevel::Crisis);
    let phones: Vec<&str> = t.contacts.iter().filter_map(|c| c.phone.as_deref()).collect();
    assert!(phones.contains(&"113 or 0800-0113") && phones.contains(&"112"), "{phones:?}");
}

#[test]
fn back_to_green_brings_the_daily_maintenance_plan() {
    let plan = plan();
    let mut m = AlertMachine::new();
    m.observe(&plan, obs("2026-04-01", Observed::Trigger { kind: LifeEventKind::Conflict, note: None })).unwrap();
    m.observe(&plan, obs("2026-04-15", Observed::CheckIn)).unwrap();
    let t = m.observe(&plan, obs("2026-04-29", Observed::CheckIn)).unwrap().transition.unwrap();
    assert_eq!(t.to, AlertLevel::Green);
    assert!(t.actions.iter().any(|a| a.origin == ActionOrigin::DailyMaintenance && a.text == "Out of bed at 07:00"));
    assert!(t.contacts.is_empty());
}

#[test]
fn scores_are_never_altered() {
    let plan = plan();
    let mut m = AlertMachine::new();
    let o = obs("2026-04-10", Observed::Phq9 { total: Some(12), item9: Some(0) });
    let a = m.observe(&plan, o.clone()).unwrap();
    assert!(a.findings.iter().any(|r| r.observed.contains("PHQ-9 total 12")));
    assert_eq!(o.observed, Observed::Phq9 { total: Some(12), item9: Some(0) });
}

#[test]
fn error_messages_say_what_to_do() {
    let plan = plan();
    let mut m = AlertMachine::new();
    let e = m.observe(&plan, obs("2026-04-10", Observed::WarningSign { sign: "nope".into() })).unwrap_err();
    assert!(matches!(e, RelapseError::UnknownSign { .. }));
    assert!(e.to_string().contains("add the sign to the plan"), "{e}");
    let e = m.observe(&plan, obs("2026-04-10", Observed::Asrm { total: 21 })).unwrap_err();
    assert!(e.to_string().contains("0–20"), "{e}");
    let mut bad = plan.clone();
    bad.early_warning_signs[0].id = "spending".into();
    let e = m.observe(&bad, obs("2026-04-10", Observed::CheckIn)).unwrap_err();
    assert!(e.to_string().contains("unique"), "{e}");
    assert_eq!(m, AlertMachine::new());
    let e: ipsrt::Error = e.into();
    assert_eq!(e.kind(), ipsrt::ErrorKind::InvalidInput);
}
