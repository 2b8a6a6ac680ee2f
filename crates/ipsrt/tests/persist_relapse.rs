//! Frozen fixtures of the relapse module's persisted types must always load (and, at the
//! current version, write back byte-for-byte).

use std::path::Path;

use ipsrt::persist::{Persist, from_json, to_json_pretty};
use ipsrt::relapse::{AlertLevel, AlertMachine, ObservationLog, RelapsePlan, SignStage};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn round_trips<T: Persist>(text: &str) -> T {
    let v: T = from_json(text).unwrap_or_else(|e| panic!("{}: {e}", T::SCHEMA));
    assert_eq!(to_json_pretty(&v) + "\n", text, "{} v1 no longer writes the frozen form", T::SCHEMA);
    v
}

#[test]
fn relapse_plan_v1_loads() {
    let plan: RelapsePlan = round_trips(&fixture("ipsrt.relapse_plan.v1.json"));
    assert_eq!(plan.version, 1);
    assert_eq!(plan.find_sign("suicidal_thoughts").map(|(_, s)| s), Some(SignStage::Crisis));
    assert_eq!(plan.contacts_for(AlertLevel::Crisis).len(), 6);
    assert_eq!(plan.alerts.phq9_baseline, Some(3));
}

#[test]
fn alert_machine_v1_loads_and_continues() {
    let mut m: AlertMachine = round_trips(&fixture("ipsrt.alert_machine.v1.json"));
    assert_eq!(m.level(), AlertLevel::EarlyWarning);
    assert_eq!(m.history().len(), 2);
    assert_eq!(m.last_observed(), Some("2026-04-10".parse().unwrap()));
    // The loaded machine carries on where it stopped.
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v1.json")).unwrap();
    let obs = ipsrt::relapse::Observation::new(
        "2026-04-11".parse().unwrap(),
        ipsrt::relapse::Observed::Phq9 { total: Some(2), item9: Some(1) },
    );
    assert_eq!(m.observe(&plan, obs).unwrap().level, AlertLevel::Crisis);
}

#[test]
fn observation_log_v1_loads() {
    let log: ObservationLog = round_trips(&fixture("ipsrt.observation_log.v1.json"));
    assert_eq!(log.observations.len(), 12);
}

#[test]
fn edited_machine_state_is_refused() {
    let text =
        fixture("ipsrt.alert_machine.v1.json").replacen("\"level\": \"early_warning\"", "\"level\": \"green\"", 1);
    let e = from_json::<AlertMachine>(&text).unwrap_err();
    assert_eq!(e.kind(), ipsrt::ErrorKind::InvalidInput, "{e}");
}
