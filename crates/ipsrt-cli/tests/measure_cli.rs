//! `ipsrt measure` end to end: outputs and exit codes.

use std::process::Command;

fn ipsrt(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn scores_phq9_from_the_command_line() {
    let (code, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "1,2,0,1,1,0,0,1,1", "--band"]);
    assert_eq!(code, 0);
    assert!(out.contains("total: 7"), "{out}");
    assert!(out.contains("flag item9_positive: raised"), "{out}");
    assert!(out.contains("band (kroenke_2001): Mild 5–9"), "{out}");
}

#[test]
fn json_output_and_policies() {
    let (code, out, _) =
        ipsrt(&["measure", "score", "phq9", "--answers", "3,3,3,3,3,3,3,,1", "--policy", "prorate:2", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 25);
    assert_eq!(v["policy"]["kind"], "prorate_up_to");
    let (_, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "3,3,3,3,3,3,3,,1", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["total"].is_null());
    assert_eq!(v["flags"][0]["state"], "raised");
}

#[test]
fn bad_input_exits_2_with_a_fix() {
    let (code, _, err) = ipsrt(&["measure", "score", "phq9", "--answers", "4"]);
    assert_eq!(code, 2);
    assert!(err.contains("from 0 to 3"), "{err}");
    let (code, _, err) = ipsrt(&["measure", "score", "phq10", "--answers", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("phq9"), "{err}");
    let (code, _, err) = ipsrt(&["measure", "score", "phq9", "--answers", "1", "--policy", "maybe"]);
    assert_eq!(code, 2);
    assert!(err.contains("prorate:N"), "{err}");
    let (code, _, _) = ipsrt(&["measure", "score", "phq9", "--answers", "1,x"]);
    assert_eq!(code, 2);
}

#[test]
fn compare_without_total_is_rejected_with_exit_1() {
    let dir = std::env::temp_dir().join(format!("ipsrt-measure-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, full, _) = ipsrt(&["measure", "score", "phq9", "--answers", "3,3,3,3,3,3,3,3,0", "--json"]);
    let (_, part, _) = ipsrt(&["measure", "score", "phq9", "--answers", "1,1", "--json"]);
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(&a, full).unwrap();
    std::fs::write(&b, part).unwrap();
    let (code, _, err) = ipsrt(&["measure", "compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no total"), "{err}");
    let (code, out, _) = ipsrt(&["measure", "compare", a.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("\"difference\": 0"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fhir_bundle() {
    let (code, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", "--fhir"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entry"][1]["resource"]["code"]["coding"][0]["code"], "44261-6");
}
