//! `ipsrt srm` end to end on the shipped example and on malformed input.

use std::process::Command;

fn ipsrt(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).output().unwrap()
}

fn example() -> String {
    format!("{}/../../examples/srm_diaries.csv", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn scores_the_example() {
    let out = ipsrt(&["srm", "score", &example()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("participant,week_start,score,hits,counted_items,ali,days_recorded"));
    assert_eq!(lines.count(), 8);
    let json = ipsrt(&["srm", "score", &example(), "--format", "json", "--sd-floor", "10"]);
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 8);
    assert!(v[0]["items"][0]["habitual"].is_string());
}

#[test]
fn malformed_input_names_line_and_field_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("ipsrt-srm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.csv");
    std::fs::write(&path, "participant,date,item,time\nA,2026-01-05,to_bed,23:00\nA,2026-01-06,bedtime,23:00\n")
        .unwrap();
    let out = ipsrt(&["srm", "score", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3, field item"), "{err}");
}

#[test]
fn charts_a_participant() {
    let out = ipsrt(&["srm", "chart", &example(), "--participant", "P02"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("to_bed") && svg.contains("mood"));
    // Readable without hovering: a scale on every row, off-scale values written with their
    // clock time (P02's dinner at 00:51 is 7 h 38 min after 20:29), a mood of 0 drawn (not
    // left blank like a missing rating), and the habitual time spelled out.
    assert!(svg.contains("−3 h") && svg.contains("+3 h"), "no scale");
    assert!(svg.contains("▼00:51"), "off-scale value without its time");
    assert!(svg.contains("<title>mood 0</title>"), "mood 0 not drawn");
    assert!(svg.contains("habitual 20:29 · 6 hits of 7 days"), "row label");
    let missing = ipsrt(&["srm", "chart", &example(), "--participant", "nobody"]);
    assert_eq!(missing.status.code(), Some(2));
}
