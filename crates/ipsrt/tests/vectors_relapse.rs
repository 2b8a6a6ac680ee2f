//! Reads the shared relapse vectors in `test-vectors/relapse/` (also read by the Python and
//! Kotlin bindings) and checks the core against them.

use std::collections::BTreeSet;
use std::path::Path;

use ipsrt::relapse::{AlertMachine, Observation, RelapseError, RelapsePlan, RiskBasis, recurrence_risk};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/relapse").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn cases(file: &Value) -> &Vec<Value> {
    file["cases"].as_array().expect("cases array")
}

#[test]
fn recurrence_risk_vectors() {
    let file = load("recurrence_risk.json");
    assert!(cases(&file).len() >= 10);
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let basis: RiskBasis = serde_json::from_value(case["input"]["basis"].clone()).unwrap();
        let n = case["input"]["prior_episodes"].as_u64().unwrap() as u32;
        let got = recurrence_risk(basis, n);
        let exp = &case["expected"];
        if let Some(kind) = exp["error"].as_str() {
            let e = got.expect_err(name);
            assert_eq!(e.kind().as_str(), kind, "{name}");
            continue;
        }
        let r = got.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(u64::from(r.percent), exp["percent"].as_u64().unwrap(), "{name}");
        assert_eq!(r.source.key, exp["source_key"].as_str().unwrap(), "{name}");
        assert_eq!(serde_json::to_value(r.horizon).unwrap(), exp["horizon"], "{name}");
    }
}

fn check_history(name: &str, machine: &AlertMachine, history: &[Value]) {
    let got = machine.history();
    assert_eq!(got.len(), history.len(), "{name}: history length {got:#?}");
    for (t, h) in got.iter().zip(history) {
        assert_eq!(t.date.to_string(), h["date"].as_str().unwrap(), "{name}");
        assert_eq!(serde_json::to_value(t.from).unwrap(), h["from"], "{name}");
        assert_eq!(serde_json::to_value(t.to).unwrap(), h["to"], "{name}");
        assert_eq!(serde_json::to_value(t.direction).unwrap(), h["direction"], "{name}");
        let rules: BTreeSet<String> =
            t.reasons.iter().map(|r| serde_json::to_value(r.rule).unwrap().as_str().unwrap().to_string()).collect();
        let want: BTreeSet<String> =
            h["rules"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        assert_eq!(rules, want, "{name}: rules at {}", t.date);
        assert!(t.reasons.iter().all(|r| !r.source.key.is_empty()), "{name}: a reason without source");
    }
}

#[test]
fn alert_level_vectors() {
    let file = load("alert_levels.json");
    assert!(cases(&file).len() >= 20);
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let plan: RelapsePlan =
            serde_json::from_value(case["input"]["plan"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let observations: Vec<Observation> =
            serde_json::from_value(case["input"]["observations"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let exp = &case["expected"];
        let mut machine = AlertMachine::new();
        let mut levels = Vec::new();
        let mut late = Vec::new();
        let mut error = None;
        for (i, obs) in observations.into_iter().enumerate() {
            let before = machine.clone();
            match machine.observe(&plan, obs) {
                Ok(a) => {
                    levels.push(serde_json::to_value(a.level).unwrap());
                    late.push(Value::Bool(a.late));
                }
                Err(e) => {
                    assert_eq!(machine, before, "{name}: a rejected observation changed the state");
                    error = Some((i, e));
                    break;
                }
            }
        }
        assert_eq!(Value::Array(levels), exp["levels"], "{name}: levels");
        if let Some(want) = exp.get("late") {
            assert_eq!(&Value::Array(late), want, "{name}: late");
        }
        match (exp["error"].as_str(), error) {
            (None, None) => {}
            (Some(kind), Some((i, e))) => {
                assert_eq!(e.kind().as_str(), kind, "{name}: {e}");
                assert_eq!(i as u64, exp["index"].as_u64().unwrap(), "{name}: index");
                assert!(!e.to_string().is_empty());
            }
            (exp_err, got) => panic!("{name}: expected error {exp_err:?}, got {got:?}"),
        }
        if let Some(history) = exp["history"].as_array() {
            check_history(name, &machine, history);
        }
    }
}

/// Late arrival: every listed arrival order gives the same date-ordered history; the levels
/// reported at each arrival, and which arrivals were late or retrospective, are per order.
#[test]
fn late_arrival_vectors() {
    let file = load("late_arrival.json");
    assert!(cases(&file).len() >= 5);
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let plan: RelapsePlan = serde_json::from_value(case["plan"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let observations: Vec<Observation> =
            serde_json::from_value(case["observations"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let orders = case["orders"].as_array().unwrap();
        assert!(!orders.is_empty());
        for order in orders {
            let arrival: Vec<usize> =
                order["arrival"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
            let label = format!("{name} {arrival:?}");
            let mut m = AlertMachine::new();
            let mut levels = Vec::new();
            let mut late = Vec::new();
            let mut retro = Vec::new();
            for &i in &arrival {
                let a = m.observe(&plan, observations[i].clone()).unwrap_or_else(|e| panic!("{label}: {e}"));
                levels.push(serde_json::to_value(a.level).unwrap());
                late.push(Value::Bool(a.late));
                retro.push(Value::Bool(a.retrospective));
            }
            assert_eq!(Value::Array(levels), order["levels"], "{label}: levels");
            assert_eq!(Value::Array(late), order["late"], "{label}: late");
            assert_eq!(Value::Array(retro), order["retrospective"], "{label}: retrospective");
            assert_eq!(serde_json::to_value(m.history_level()).unwrap(), case["history_level"], "{label}");
            check_history(&label, &m, case["history"].as_array().unwrap());
            // The timeline is in date order whatever the arrival order.
            let dates: Vec<_> = m.timeline().iter().map(|e| e.observation.date).collect();
            assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{label}: timeline {dates:?}");
        }
    }
}

#[test]
fn rejected_error_reports_the_index() {
    let plan = RelapsePlan::new("2026-01-01".parse().unwrap(), ipsrt::relapse::Region::Nl);
    let obs: Vec<Observation> = serde_json::from_str(
        r#"[{"date":"2026-03-05","observed":{"type":"check_in"}},{"date":"2026-03-04","observed":{"type":"phq9","total":30}}]"#,
    )
    .unwrap();
    let mut m = AlertMachine::new();
    let e = m.observe_all(&plan, &obs).unwrap_err();
    assert!(
        matches!(&e, RelapseError::Rejected { index: 1, reason } if matches!(**reason, RelapseError::InvalidObservation { .. }))
    );
    assert!(e.to_string().contains("0–27"), "{e}");
    assert_eq!(m.last_observed(), Some("2026-03-05".parse().unwrap()));
    assert_eq!(m.timeline().len(), 1);
}
