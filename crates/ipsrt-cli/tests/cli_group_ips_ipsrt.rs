//! The `group`, `ips` and `ipsrt` subcommands on the shipped examples: output and exit codes.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).current_dir(root).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn group_replay_and_rules() {
    let (code, out, _) = run(&["group", "replay", "examples/group/process_group.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("ProcessGroup group: full (members 9/9"), "{out}");
    // S3's admission criteria are shown with their source.
    assert!(out.contains("admission criteria (S3") && out.contains("has enough coping capacity"), "{out}");
    let (code, out, _) = run(&["group", "replay", "examples/group/process_group.json", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "full");
    let (code, out, _) = run(&["group", "rules", "ipt_g"]);
    assert_eq!(code, 0);
    assert!(out.contains("WILFLEY-2000"));
    assert!(out.contains("midway_after_session") && out.contains("gp_referral_required"), "{out}");
    // Why someone left, and a rejoin, show in the replay.
    let (code, out, _) = run(&["group", "replay", "test-vectors/persist/ipsrt.group.v2.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("left 2026-01-15 (Other, was member): moved to another city"), "{out}");
    assert!(out.contains("m6           waitlisted"), "{out}");
    let (code, _, err) = run(&["group", "rules", "yalom"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values: ipsrt_group, process_group, ipt_g"), "{err}");
}

#[test]
fn ips_fidelity_and_kpis() {
    let (code, out, _) = run(&["ips", "fidelity", "examples/ips/fidelity_review.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("total 100/125: good fidelity"), "{out}");
    let (code, out, _) = run(&["ips", "kpis", "examples/ips/caseload.json", "--quarter", "2026Q1", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["competitive_employment_rate"], 0.5);
    assert_eq!(v["employment_rate_band"], "excellent");
    let (code, _, err) = run(&["ips", "kpis", "examples/ips/caseload.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--quarter"));
    let (code, _, _) = run(&["ips", "fidelity", "does-not-exist.json"]);
    assert_eq!(code, 2);
}

#[test]
fn ipsrt_plan_due_medication_life_chart() {
    let args =
        ["ipsrt", "due", "examples/ipsrt/rhythm_plan.json", "--now", "2026-03-29T01:30", "--zone", "Europe/Amsterdam"];
    let (code, out, _) = run(&args);
    assert_eq!(code, 0);
    assert!(
        out.contains("next out_of_bed    2026-03-29T07:30:00 [Europe/Amsterdam] = 2026-03-29T05:30:00+00:00"),
        "{out}"
    );
    let (code, _, err) =
        run(&["ipsrt", "due", "examples/ipsrt/rhythm_plan.json", "--now", "2026-03-29T01:30", "--zone", "Mars/Base"]);
    assert_eq!(code, 2);
    assert!(err.contains("IANA"));
    let (code, out, _) = run(&["ipsrt", "plan", "examples/ipsrt/rhythm_plan.json", "--on", "2026-01-24"]);
    assert_eq!(code, 0);
    assert!(out.contains("steps due on 2026-01-24: to_bed"), "{out}");
    let (code, out, _) = run(&[
        "ipsrt",
        "medication",
        "examples/ipsrt/medication_log.json",
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-07",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("FLAGGED"), "{out}");
    let (code, out, _) = run(&["ipsrt", "life-chart", "examples/ipsrt/life_chart.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("well intervals (days): [491, 608, 534]"), "{out}");
}

#[test]
fn ipsrt_course_summary() {
    let (code, out, _) = run(&["ipsrt", "course", "examples/ipsrt/ipsrt_course.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("IPSRT phase: Intermediate (course model phase: middle)"), "{out}");
    assert!(out.contains("HRSD-24 mean < 7"), "{out}");
}
