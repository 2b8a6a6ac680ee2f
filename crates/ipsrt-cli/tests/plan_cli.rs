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
fn a_late_item9_answer_ends_in_crisis_marked_late() {
    let dir = std::env::temp_dir().join(format!("ipsrt-plan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let obs = dir.join("obs.json");
    // The SRM week of 2026-03-09 arrives first; the PHQ-9 answered on 2026-03-05 syncs later.
    std::fs::write(
        &obs,
        r#"[{"date":"2026-03-09","observed":{"type":"srm_week","week_start":"2026-03-02","score":4.5}},
            {"date":"2026-03-05","observed":{"type":"phq9","total":6,"item9":2}}]"#,
    )
    .unwrap();
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2026-03-05 phq9 arrived as #1") && text.contains("retrospective"), "{text}");
    assert!(text.contains("2026-03-05  Green → Crisis  (escalation)  [from a late entry]"), "{text}");
    assert!(text.contains("Current level: Crisis"), "{text}");
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["level"], "crisis");
    assert_eq!(v["history"][0]["date"], "2026-03-05");
    assert_eq!(v["decisions"][0]["late"], true);
    assert_eq!(v["decisions"][0]["retrospective"], true);

    // A misspelt field is refused with the allowed names (exit 2).
    std::fs::write(&obs, r#"[{"date":"2026-03-05","observed":{"type":"phq9","total":6,"item_9":2}}]"#).unwrap();
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("observation 0") && err.contains("item_9") && err.contains("item9"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn epds_teen_phq9_and_cssrs_observations_reach_the_alert_machine() {
    let dir = std::env::temp_dir().join(format!("ipsrt-plan-cli-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let obs = dir.join("obs.json");
    for (observed, rule, level) in [
        (r#"{"type":"epds","total":7,"item10":1}"#, "epds_item10", "crisis"),
        (r#"{"type":"phq9m","total":5,"item9":0,"serious_thoughts":true}"#, "phq9m_suicide", "crisis"),
        (r#"{"type":"cssrs_screener","risk":3}"#, "cssrs_risk", "crisis"),
        (r#"{"type":"cssrs_screener","risk":2}"#, "cssrs_risk", "breaking_down"),
    ] {
        // Arrives after an SRM week with a later date.
        std::fs::write(
            &obs,
            format!(
                r#"[{{"date":"2026-03-09","observed":{{"type":"srm_week","week_start":"2026-03-02","score":4.5}}}},
                    {{"date":"2026-03-05","observed":{observed}}}]"#
            ),
        )
        .unwrap();
        let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["level"], level, "{observed}");
        assert_eq!(v["history"][0]["date"], "2026-03-05", "{observed}");
        assert_eq!(v["history"][0]["reasons"][0]["rule"], rule, "{observed}");
    }
    // An out-of-range C-SSRS level is refused naming the field and the allowed levels (exit 2).
    std::fs::write(&obs, r#"[{"date":"2026-03-05","observed":{"type":"cssrs_screener","risk":4}}]"#).unwrap();
    let out = ipsrt(&["plan", "evaluate", "examples/plan.json", obs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cssrs_screener.risk") && err.contains("3 (high)"), "{err}");
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
