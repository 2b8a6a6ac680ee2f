//! Shared vectors in `test-vectors/ips/`.

use std::path::Path;

use ipsrt::ips::{
    Caseload, EmploymentJourney, EmploymentRateBand, FidelityBand, FidelityRatings, JourneyRecord, caseload_size_rating,
};
use serde_json::Value;

fn file(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/ips").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn cases(name: &str) -> Vec<Value> {
    let v = file(name)["cases"].as_array().unwrap().clone();
    assert!(!v.is_empty());
    v
}

fn check_error<T: std::fmt::Debug>(name: &str, r: Result<T, ipsrt::Error>, expected: &Value) -> Option<T> {
    match r {
        Err(e) => {
            assert_eq!(Some(e.kind().as_str()), expected["error"].as_str(), "{name}: {e}");
            None
        }
        Ok(v) => {
            assert!(expected.get("error").is_none(), "{name}: expected an error, got {v:?}");
            Some(v)
        }
    }
}

fn close(a: &Value, b: &Value, name: &str, key: &str) {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{name}: {key}: {x} vs {y}"),
        _ => match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in y {
                    close(&x[k], v, name, &format!("{key}.{k}"));
                }
            }
            _ => assert_eq!(a, b, "{name}: {key}"),
        },
    }
}

#[test]
fn fidelity() {
    for case in cases("fidelity.json") {
        let name = case["name"].as_str().unwrap();
        let r = serde_json::from_value::<FidelityRatings>(case["input"]["ratings"].clone());
        let expected = &case["expected"];
        let Ok(ratings) = r else {
            assert_eq!(expected["error"], "invalid_input", "{name}");
            continue;
        };
        let s = ratings.score();
        assert_eq!(u64::from(s.total), expected["total"].as_u64().unwrap(), "{name}");
        assert_eq!(u64::from(s.staffing), expected["staffing"].as_u64().unwrap(), "{name}");
        assert_eq!(u64::from(s.organisation), expected["organisation"].as_u64().unwrap(), "{name}");
        assert_eq!(u64::from(s.services), expected["services"].as_u64().unwrap(), "{name}");
        let band = FidelityBand::for_total(s.total).unwrap();
        assert_eq!(serde_json::to_value(band).unwrap(), expected["band"], "{name}");
    }
    for case in cases("fidelity_bands.json") {
        let name = case["name"].as_str().unwrap();
        let total = case["input"]["total"].as_u64().unwrap() as u32;
        if let Some(band) = check_error(name, FidelityBand::for_total(total).map_err(Into::into), &case["expected"]) {
            assert_eq!(serde_json::to_value(band).unwrap(), case["expected"]["band"], "{name}");
        }
    }
}

#[test]
fn caseload_size_and_rate_bands() {
    for case in cases("caseload_size.json") {
        let name = case["name"].as_str().unwrap();
        let i = &case["input"];
        let r = caseload_size_rating(i["clients"].as_u64().unwrap() as u32, i["specialists_fte"].as_f64().unwrap());
        if let Some(rating) = check_error(name, r.map_err(Into::into), &case["expected"]) {
            assert_eq!(u64::from(rating), case["expected"]["rating"].as_u64().unwrap(), "{name}");
        }
    }
    for case in cases("employment_rate_bands.json") {
        let name = case["name"].as_str().unwrap();
        let r = EmploymentRateBand::for_rate(case["input"]["rate"].as_f64().unwrap());
        if let Some(band) = check_error(name, r.map_err(Into::into), &case["expected"]) {
            assert_eq!(serde_json::to_value(band).unwrap(), case["expected"]["band"], "{name}");
        }
    }
}

fn journey(v: &Value) -> Result<EmploymentJourney, ipsrt::Error> {
    let rec: JourneyRecord = serde_json::from_value(v.clone()).unwrap();
    Ok(EmploymentJourney::try_from(rec)?)
}

#[test]
fn journeys() {
    for case in cases("journey.json") {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        if let Some(j) = check_error(name, journey(&case["input"]), expected) {
            assert_eq!(serde_json::to_value(j.state()).unwrap(), expected["state"], "{name}");
            assert_eq!(
                serde_json::to_value(j.days_to_first_employer_contact()).unwrap(),
                expected["days_to_first_employer_contact"]
            );
            assert_eq!(serde_json::to_value(j.days_to_first_job()).unwrap(), expected["days_to_first_job"]);
        }
    }
}

#[test]
fn kpis() {
    for case in cases("kpis.json") {
        let name = case["name"].as_str().unwrap();
        let i = &case["input"];
        let caseload: Caseload = serde_json::from_value(i["caseload"].clone()).unwrap();
        let from = serde_json::from_value(i["from"].clone()).unwrap();
        let to = serde_json::from_value(i["to"].clone()).unwrap();
        if let Some(k) = check_error(name, caseload.kpis(from, to).map_err(Into::into), &case["expected"]) {
            let got = serde_json::to_value(&k).unwrap();
            for (key, want) in case["expected"].as_object().unwrap() {
                close(&got[key], want, name, key);
            }
        }
    }
}
