//! `ipsrt plan` end to end on the shipped examples.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ipsrt(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ipsrt")).current_dir(root()).args(args).output().unwrap()
}

#[test]
fn evaluate_prints_history_with_reasons() {
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", "examples/observations.json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Watch → Crisis"), "{text}");
    assert!(text.contains("PHQ-9 item 9 answered 1"), "{text}");
    assert!(text.contains("113 Zelfmoordpreventie"), "{text}");
    assert!(text.contains("Current level: Green"), "{text}");
    assert!(text.contains("not a diagnosis"), "{text}");
}

#[test]
fn evaluate_json() {
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", "examples/observations.json", "--json", "--all"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["level"], "green");
    let history = v["history"].as_array().unwrap();
    assert!(history.iter().any(|t| t["to"] == "crisis" && t["reasons"][0]["rule"] == "phq9_item9"));
    assert_eq!(v["assessments"].as_array().unwrap().len(), v["observations"].as_u64().unwrap() as usize);
}

#[test]
fn out_of_order_observations_exit_2_with_index() {
    let dir = std::env::temp_dir().join(format!("ipsrt-plan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let obs = dir.join("obs.json");
    std::fs::write(
        &obs,
        r#"[{"date":"2026-03-05","observed":{"type":"check_in"}},{"date":"2026-03-01","observed":{"type":"check_in"}}]"#,
    )
    .unwrap();
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("observation 1") && err.contains("date order"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn risk_lists_figures_with_sources() {
    let out = ipsrt(&["plan", "risk", "--episodes", "2"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("80 %") && text.contains("S2"), "{text}");
    assert!(text.contains("70 %") && text.contains("NIMH-APA"), "{text}");
    let out = ipsrt(&["plan", "risk", "--episodes", "3", "--basis", "seed-s2"]);
    assert_eq!(out.status.code(), Some(2));
}
