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

#[test]
fn gad7_with_band() {
    let (code, out, _) = ipsrt(&["measure", "score", "gad7", "--answers", "1,1,1,1,1,1,1", "--band"]);
    assert_eq!(code, 0);
    assert!(out.contains("total: 7"), "{out}");
    assert!(out.contains("band (spitzer_2006): Mild 5–9"), "{out}");
}

#[test]
fn safety_signals_are_printed_first_whatever_the_total() {
    // EPDS item 10 at 1, total 1
    let (code, out, _) = ipsrt(&["measure", "score", "epds", "--answers", "0,0,0,0,0,0,0,0,0,1"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("!! SAFETY SAFETY CHECK: item 10 (epds_10) answered 1"), "{out}");
    // HRSD-17 item 3 at 3 with the total not computable
    let (_, out, _) = ipsrt(&["measure", "score", "hrsd17", "--answers", "0,0,3"]);
    assert!(out.starts_with("!! SAFETY CRISIS: item 3 (hrsd17_3) answered 3"), "{out}");
    assert!(out.contains("total: not computed"), "{out}");
    // an unanswered safety item is listed
    let (_, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "0,0,0"]);
    assert!(out.contains("!! safety item phq9_9 is unanswered"), "{out}");
}

#[test]
fn answers_wrapper_refuses_unknown_fields() {
    let dir = std::env::temp_dir().join(format!("ipsrt-measure-wrap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("a.json");
    std::fs::write(&f, r#"{"answers": {"gad7_1": 1}, "answer": {}}"#).unwrap();
    let (code, _, err) = ipsrt(&["measure", "score", "gad7", "--input", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown field \"answer\"") && err.contains("allows only \"answers\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The shared vectors of every instrument, run through `ipsrt measure score --input … --json`.
#[test]
fn shared_vectors_through_the_cli() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/measures");
    let dir = std::env::temp_dir().join(format!("ipsrt-measure-vectors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut ran = 0;
    for inst in ["phq9", "hrsd17", "asrm", "ymrs", "daily_mood", "gad7", "epds", "phq9m", "wsas", "cssrs_screener"] {
        let text = std::fs::read_to_string(root.join(format!("{inst}.json"))).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let file = dir.join("answers.json");
            std::fs::write(&file, case["input"]["answers"].to_string()).unwrap();
            let mut args = vec!["measure", "score", inst, "--input", file.to_str().unwrap(), "--json"];
            let policy = match &case["input"]["options"]["policy"] {
                serde_json::Value::Null => None,
                p => Some(match p["kind"].as_str().unwrap() {
                    "strict" => "strict".to_string(),
                    "treat_as_zero" => "zero".to_string(),
                    _ => format!("prorate:{}", p["max_missing"]),
                }),
            };
            if let Some(p) = &policy {
                args.extend(["--policy", p.as_str()]);
            }
            let (code, out, err) = ipsrt(&args);
            let name = case["name"].as_str().unwrap();
            let e = &case["expected"];
            if e.get("error").is_some() {
                assert_eq!(code, 2, "{name}: {err}");
            } else {
                assert_eq!(code, 0, "{name}: {err}");
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["total"], e["total"], "{name}");
                let got: Vec<(String, i64, String)> = v["safety"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        (
                            s["item"].as_str().unwrap().into(),
                            s["answer"].as_i64().unwrap(),
                            s["level"].as_str().unwrap().into(),
                        )
                    })
                    .collect();
                let want: Vec<(String, i64, String)> = e["safety"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        (
                            s["item"].as_str().unwrap().into(),
                            s["answer"].as_i64().unwrap(),
                            s["level"].as_str().unwrap().into(),
                        )
                    })
                    .collect();
                assert_eq!(got, want, "{name}: safety");
                assert_eq!(v["safety_unanswered"], e["safety_unanswered"], "{name}");
            }
            ran += 1;
        }
    }
    assert!(ran > 400, "{ran}");
    std::fs::remove_dir_all(&dir).ok();
}
