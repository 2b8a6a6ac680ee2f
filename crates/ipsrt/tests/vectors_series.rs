//! Shared score-series vectors (`test-vectors/series/series.json`): every case is built with
//! `ScoreSeries::new`, evaluated, and compared field by field with the hand-computed
//! expectations; every error case fails with its kind and phrases. The same file drives the
//! Python and Kotlin tests.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipsrt::measures::InstrumentId;
use ipsrt::measures::series::{ReliableChangeParams, ScoreSeries, SeriesOptions, SeriesPoint};
use serde_json::Value;

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/series/series.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn build(case: &Value) -> Result<ipsrt::measures::SeriesReport, ipsrt::Error> {
    let instrument: InstrumentId = case["instrument"].as_str().unwrap().parse()?;
    let points: Vec<SeriesPoint> = serde_json::from_value(case["points"].clone()).unwrap();
    let baseline = case.get("baseline").map(|b| b.as_str().unwrap().parse::<NaiveDate>().unwrap());
    let reliable_change =
        case.get("reliable_change").map(|v| serde_json::from_value::<ReliableChangeParams>(v.clone()).unwrap());
    let series = ScoreSeries::new(instrument, points, baseline)?;
    Ok(series.evaluate(&SeriesOptions { band_scheme: None, reliable_change })?)
}

fn close(a: Option<f64>, b: &Value, what: &str) {
    match (a, b.as_f64()) {
        (None, None) => {}
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-3, "{what}: got {x}, expected {y}"),
        _ => panic!("{what}: got {a:?}, expected {b}"),
    }
}

#[test]
fn cases_match_hand_computed_expectations() {
    let v = vectors();
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.len() >= 5);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let report = build(case).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect = &case["expect"];
        assert_eq!(report.baseline.date.to_string(), expect["baseline"]["date"].as_str().unwrap(), "{name}");
        assert_eq!(i64::from(report.baseline.total), expect["baseline"]["total"].as_i64().unwrap(), "{name}");
        close(report.reliable_change.as_ref().map(|r| r.s_diff), &expect["s_diff"], &format!("{name} s_diff"));
        let points = expect["points"].as_array().unwrap();
        assert_eq!(report.points.len(), points.len(), "{name}");
        for (got, want) in report.points.iter().zip(points) {
            let at = format!("{name} {}", got.date);
            assert_eq!(got.date.to_string(), want["date"].as_str().unwrap(), "{at}");
            assert_eq!(i64::from(got.total), want["total"].as_i64().unwrap(), "{at}");
            assert_eq!(got.is_baseline, want["is_baseline"].as_bool().unwrap(), "{at}");
            assert_eq!(got.band.as_ref().map(|b| b.id.as_str()), want["band"].as_str(), "{at}");
            assert_eq!(i64::from(got.change), want["change"].as_i64().unwrap(), "{at}");
            close(got.percent_change, &want["percent_change"], &format!("{at} percent_change"));
            assert_eq!(got.response.as_str(), want["response"].as_str().unwrap(), "{at} response");
            assert_eq!(got.remission.as_str(), want["remission"].as_str().unwrap(), "{at} remission");
            close(got.rci, &want["rci"], &format!("{at} rci"));
            assert_eq!(got.reliable_change.as_str(), want["reliable_change"].as_str().unwrap(), "{at}");
            assert_eq!(got.clinical_significance.as_str(), want["clinical_significance"].as_str().unwrap(), "{at}");
        }
    }
}

#[test]
fn error_cases_fail_with_kind_and_phrases() {
    let v = vectors();
    for case in v["errors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = build(case).err().unwrap_or_else(|| panic!("{name}: expected an error"));
        assert_eq!(err.kind().as_str(), case["kind"].as_str().unwrap(), "{name}: {err}");
        let msg = err.to_string();
        for phrase in case["contains"].as_array().unwrap() {
            assert!(msg.contains(phrase.as_str().unwrap()), "{name}: {msg:?} lacks {phrase}");
        }
    }
}

#[test]
fn frozen_fixture_loads() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist/ipsrt.score_series.v1.json");
    let series: ScoreSeries = ipsrt::persist::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(series.instrument(), InstrumentId::Phq9);
    assert_eq!(series.points().len(), 4);
    assert_eq!(series.baseline().to_string(), "2026-03-01");
}
