//! `ipsrt measure series` and `ipsrt measure chart` end to end: formats, the SVG (well-formed,
//! with every point), deterministic output, and bad input refused with line, field and value.

use std::path::Path;
use std::process::Command;

fn ipsrt(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

const PHQ9_CSV: &str =
    "date,total,instrument\n2026-03-15,14,phq9\n2026-03-01,18,phq9\n2026-05-10,12,phq9\n2026-04-12,4,phq9\n";

#[test]
fn series_text_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "s.csv", PHQ9_CSV);
    let (code, out, err) = ipsrt(&["measure", "series", "--input", &csv]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("baseline 2026-03-01 = 18"), "{out}");
    assert!(out.contains("JACOBSON-TRUAX-1991") && out.contains("KSW-2001"), "{out}");
    assert!(out.contains("reliably_improved   recovered"), "{out}");

    let (code, out, _) = ipsrt(&["measure", "series", "--input", &csv, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["points"][2]["reliable_change"], "reliably_improved");
    assert_eq!(v["points"][2]["remission"], "met");

    let (code, out, _) = ipsrt(&["measure", "series", "--input", &csv, "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("date,instrument,total,is_baseline,band,change"));
    assert_eq!(
        lines.next().unwrap(),
        "2026-03-01,phq9,18,true,moderately_severe,0,0.000,not_met,not_met,0.000,no_reliable_change,unchanged"
    );
    assert_eq!(out.lines().count(), 5);
}

#[test]
fn json_input_baseline_and_own_figures() {
    let dir = tempfile::tempdir().unwrap();
    let json = write(
        dir.path(),
        "s.json",
        r#"{"instrument": "gad7", "points": [{"date": "2026-06-01", "total": 15}, {"date": "2026-06-29", "total": 11}]}"#,
    );
    let (code, out, _) = ipsrt(&["measure", "series", "--input", &json, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["points"][1]["reliable_change"], "not_defined");
    assert!(v["reliable_change"].is_null());
    let (code, out, err) = ipsrt(&[
        "measure",
        "series",
        "--input",
        &json,
        "--format",
        "json",
        "--sd",
        "5",
        "--reliability",
        "0.92",
        "--figures-source",
        "intake sample 2025",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["points"][1]["reliable_change"], "reliably_improved");
    assert_eq!(v["reliable_change"]["params"]["sd"]["source"]["locator"], "intake sample 2025");
    let (code, out, _) =
        ipsrt(&["measure", "series", "--input", &json, "--baseline", "2026-06-29", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["baseline"]["total"], 11);
}

#[test]
fn chart_is_well_formed_deterministic_and_has_every_point() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "s.csv", PHQ9_CSV);
    let svg_path = dir.path().join("c.svg");
    let (code, _, err) =
        ipsrt(&["measure", "chart", "--input", &csv, "-o", svg_path.to_str().unwrap(), "--title", "P-001 & co"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let points: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("point")).collect();
    assert_eq!(points.len(), 4);
    let dates: Vec<_> = points.iter().map(|n| n.attribute("data-date").unwrap()).collect();
    assert_eq!(dates, ["2026-03-01", "2026-03-15", "2026-04-12", "2026-05-10"]);
    assert!(svg.contains("P-001 &amp; co"));
    assert!(svg.contains("remission: &lt; 5") && svg.contains("response: ≥ 50 % below baseline"), "thresholds");
    assert!(svg.contains("Moderately severe 15–19"), "band labels");
    assert!(svg.contains("within measurement error"), "reliable change band");
    // Deterministic: the same input gives the same bytes (to stdout too).
    let (_, again, _) = ipsrt(&["measure", "chart", "--input", &csv, "--title", "P-001 & co"]);
    assert_eq!(again, svg);
}

#[test]
fn bad_series_input_names_line_field_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 7] = [
        (
            "date,total,instrument\n2026-01-01,3,phq9\n2026-01-0x,4,phq9\n",
            &["line 3", "field date", "\"2026-01-0x\"", "YYYY-MM-DD"],
        ),
        ("date,total,instrument\n2026-01-01,three,phq9\n", &["line 2", "field total", "\"three\""]),
        ("date,total,score\n2026-01-01,3,1\n", &["unknown column \"score\""]),
        (
            "date,total,instrument\n2026-01-01,3,phq9\n2026-01-08,4,gad7\n",
            &["line 3", "field instrument", "one instrument"],
        ),
        (
            "date,total,instrument\n2026-01-01,3,phq9\n2026-01-01,4,phq9\n",
            &["line 3", "field date", "2026-01-01", "line 2", "one score a day"],
        ),
        ("date,total,instrument\n2026-01-01,30,phq9\n", &["line 2", "field total", "30", "0–27"]),
        ("date,total\n2026-01-01,3\n", &["no instrument", "--instrument"]),
    ];
    for (i, (text, phrases)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("bad{i}.csv"), text);
        let (code, out, err) = ipsrt(&["measure", "series", "--input", &path]);
        assert_eq!(code, 2, "case {i}: {err}");
        assert!(out.is_empty(), "case {i} printed {out}");
        for p in *phrases {
            assert!(err.contains(p), "case {i}: {err:?} lacks {p:?}");
        }
    }
    let path = write(dir.path(), "ok.csv", "date,total\n2026-01-01,3\n");
    let (code, _, err) =
        ipsrt(&["measure", "series", "--input", &path, "--instrument", "phq9", "--sd", "5", "--reliability", "1.2"]);
    assert_eq!(code, 2);
    assert!(err.contains("reliability 1.2"), "{err}");
}
