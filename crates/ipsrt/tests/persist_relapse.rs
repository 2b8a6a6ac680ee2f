//! Frozen fixtures of the relapse module's persisted types must always load (and, at the
//! current version, write back byte-for-byte).
//!
//! The version-2 fixtures were written from the shipped examples by the ignored test
//! `write_v2_fixtures` (run it only to create a fixture that does not exist yet; never to
//! overwrite one).

use std::path::{Path, PathBuf};

use ipsrt::persist::{Persist, from_json, to_json_pretty};
use ipsrt::relapse::{AlertLevel, AlertMachine, ObservationLog, Observed, RelapsePlan, SignStage};

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(name)
}

fn fixture(name: &str) -> String {
    let p = path(&format!("test-vectors/persist/{name}"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn round_trips<T: Persist>(text: &str) -> T {
    let v: T = from_json(text).unwrap_or_else(|e| panic!("{}: {e}", T::SCHEMA));
    assert_eq!(to_json_pretty(&v) + "\n", text, "{} no longer writes the frozen form", T::SCHEMA);
    v
}

#[test]
fn relapse_plan_v1_loads_with_its_own_crisis_contacts() {
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v1.json")).unwrap();
    assert_eq!(plan.version, 1);
    assert_eq!(plan.region, None, "no region is guessed for an old plan");
    assert_eq!(plan.find_sign("suicidal_thoughts").map(|(_, s)| s), Some(SignStage::Crisis));
    assert_eq!(plan.contacts_for(AlertLevel::Crisis).len(), 6);
    assert!(plan.crisis_contacts().iter().any(|c| c.phone.as_deref() == Some("112")));
    assert_eq!(plan.alerts.phq9_baseline, Some(3));
}

#[test]
fn relapse_plan_v2_loads() {
    // Version 3 writes `missed_occurrences_watch`, so a version-2 plan no longer writes its frozen form.
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v2.json")).unwrap();
    assert_eq!(plan.region, Some(ipsrt::relapse::Region::Nl));
    assert!(plan.contacts_for(AlertLevel::Crisis).iter().any(|c| c.phone.as_deref() == Some("112")));
}

#[test]
fn alert_machine_v1_loads_and_continues() {
    let mut m: AlertMachine = from_json(&fixture("ipsrt.alert_machine.v1.json")).unwrap();
    assert_eq!(m.level(), AlertLevel::EarlyWarning);
    assert_eq!(m.history().len(), 2);
    assert_eq!(m.last_observed(), Some("2026-04-10".parse().unwrap()));
    // The loaded machine carries on where it stopped, also with a late entry.
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v1.json")).unwrap();
    let obs = ipsrt::relapse::Observation::new(
        "2026-04-09".parse().unwrap(),
        Observed::Phq9 { total: Some(2), item9: Some(1) },
    );
    let a = m.observe(&plan, obs).unwrap();
    assert_eq!(a.level, AlertLevel::Crisis);
    assert!(a.late && a.retrospective);
}

#[test]
fn alert_machine_v2_round_trips_and_continues() {
    let mut m: AlertMachine = round_trips(&fixture("ipsrt.alert_machine.v2.json"));
    assert!(m.timeline().iter().any(|e| e.late));
    assert!(m.decisions().iter().any(|d| d.retrospective));
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v2.json")).unwrap();
    let obs =
        ipsrt::relapse::Observation::new("2026-05-30".parse().unwrap(), Observed::Hrsd { total: 20, item3: Some(3) });
    assert_eq!(m.observe(&plan, obs).unwrap().level, AlertLevel::Crisis);
}

#[test]
fn observation_logs_load() {
    let log: ObservationLog = from_json(&fixture("ipsrt.observation_log.v1.json")).unwrap();
    assert_eq!(log.observations.len(), 12);
    let log: ObservationLog = round_trips(&fixture("ipsrt.observation_log.v2.json"));
    assert!(log.observations.iter().any(|o| matches!(o.observed, Observed::Hrsd { item3: Some(_), .. })));
}

/// The EPDS, PHQ-9 Modified for Teens and C-SSRS screener observations are additive within
/// version 2: the frozen version-2 machine continues with them, and a machine holding their
/// signals (a crisis and a same-day check) writes and reads back unchanged.
#[test]
fn new_safety_observations_are_additive_within_version_2() {
    let mut m: AlertMachine = round_trips(&fixture("ipsrt.alert_machine.v2.json"));
    let plan: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v2.json")).unwrap();
    let obs = |d: &str, o| ipsrt::relapse::Observation::new(d.parse().unwrap(), o);
    m.observe(&plan, obs("2026-05-29", Observed::CssrsScreener { risk: 2 })).unwrap();
    let a = m.observe(&plan, obs("2026-05-30", Observed::Epds { total: Some(8), item10: Some(1) })).unwrap();
    assert_eq!(a.level, AlertLevel::Crisis);
    let text = to_json_pretty(&m);
    assert!(text.contains("\"epds_item10\"") && text.contains("\"safety_checks\""), "{text}");
    let back: AlertMachine = from_json(&text).unwrap();
    assert_eq!(back, m);
    // An unknown observation type or field stays refused.
    let log = fixture("ipsrt.observation_log.v2.json");
    for (from, to) in [("\"type\": \"hrsd\"", "\"type\": \"epds10\""), ("\"item3\"", "\"item10\"")] {
        assert!(log.contains(from), "{from}");
        assert!(from_json::<ObservationLog>(&log.replacen(from, to, 1)).is_err(), "{to}");
    }
}

#[test]
fn edited_machine_state_is_refused() {
    for (name, from, to) in [
        ("ipsrt.alert_machine.v1.json", "\"level\": \"early_warning\"", "\"level\": \"green\""),
        ("ipsrt.alert_machine.v2.json", "\"level\": \"green\"", "\"level\": \"watch\""),
    ] {
        let text = fixture(name);
        assert!(text.contains(from), "{name}");
        let e = from_json::<AlertMachine>(&text.replacen(from, to, 1)).unwrap_err();
        assert_eq!(e.kind(), ipsrt::ErrorKind::InvalidInput, "{name}: {e}");
    }
}

#[test]
fn misspelt_fields_are_refused_with_the_allowed_names() {
    let text = fixture("ipsrt.relapse_plan.v2.json").replacen("\"toolbox\"", "\"tool_box\"", 1);
    let e = from_json::<RelapsePlan>(&text).unwrap_err().to_string();
    assert!(e.contains("tool_box") && e.contains("toolbox"), "{e}");
}

/// Writes the version-2 fixtures from the shipped examples, refusing to overwrite.
#[test]
#[ignore]
fn write_v2_fixtures() {
    let plan: RelapsePlan = from_json(&std::fs::read_to_string(path("examples/plan.json")).unwrap()).unwrap();
    let log: ObservationLog = from_json(&std::fs::read_to_string(path("examples/observations.json")).unwrap()).unwrap();
    let mut log2 = log.clone();
    log2.observations.push(ipsrt::relapse::Observation::new(
        "2026-07-28".parse().unwrap(),
        Observed::Hrsd { total: 9, item3: Some(1) },
    ));
    log2.observations
        .push(ipsrt::relapse::Observation::new("2026-07-29".parse().unwrap(), Observed::DailyMood { mood: 2 }));
    log2.observations
        .push(ipsrt::relapse::Observation::new("2026-08-10".parse().unwrap(), Observed::NoRecentEntries { days: 12 }));
    let mut m = AlertMachine::new();
    m.observe_all(&plan, &log.observations).unwrap();
    for (name, text) in [
        ("ipsrt.relapse_plan.v2.json", to_json_pretty(&plan)),
        ("ipsrt.observation_log.v2.json", to_json_pretty(&log2)),
        ("ipsrt.alert_machine.v2.json", to_json_pretty(&m)),
    ] {
        let p = path(&format!("test-vectors/persist/{name}"));
        assert!(!p.exists(), "{} exists: frozen fixtures are never overwritten", p.display());
        std::fs::write(&p, text + "\n").unwrap();
    }
}

#[test]
fn relapse_plan_v3_keeps_the_missed_occurrences_threshold_and_v2_takes_the_default() {
    let plan: RelapsePlan = round_trips(&fixture("ipsrt.relapse_plan.v3.json"));
    assert_eq!(plan.alerts.thresholds.missed_occurrences_watch.value, 2);
    let old: RelapsePlan = from_json(&fixture("ipsrt.relapse_plan.v2.json")).unwrap();
    assert_eq!(old.alerts.thresholds.missed_occurrences_watch.value, 3);
    assert!(to_json_pretty(&old).contains("\"version\": 3"), "written at the current version");
}
