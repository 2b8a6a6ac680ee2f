//! Reads the shared course vectors in `test-vectors/course/` (the Python and Kotlin bindings
//! read the same files).

use ipsrt::course::{Course, EventRecord, Phase};
use ipsrt::life_event::{LifeEvent, SuggestOptions, suggest_problem_areas};
use ipsrt::problem_area::Taxonomy;
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!("{}/../../test-vectors/course/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Every key of `expected` equals the same key of `actual`; arrays match element-wise with the
/// same length, objects recursively as subsets.
fn assert_subset(expected: &Value, actual: &Value, at: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or(&Value::Null);
                assert_subset(v, got, &format!("{at}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{at}: length differs: expected {expected}, got {actual}");
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                assert_subset(x, y, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(expected, actual, "{at}"),
    }
}

#[test]
fn replay_vectors() {
    let doc = load("replay.json");
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let events: Vec<EventRecord> = serde_json::from_value(case["input"]["events"].clone()).unwrap();
        let expected = &case["expected"];
        match Course::replay(&events) {
            Ok(course) => {
                assert!(expected.get("error").is_none(), "{name}: expected an error, got {}", course.phase.name());
                let mut actual = serde_json::to_value(course.status()).unwrap();
                if let Phase::Ended { ending } = &course.phase {
                    actual["ending"] = serde_json::to_value(ending).unwrap()["outcome"].clone();
                }
                assert_subset(expected, &actual, name);
            }
            Err(e) => {
                assert_eq!(expected["error"].as_str(), Some(e.kind().as_str()), "{name}: {e}");
                assert_eq!(expected["index"].as_u64(), e.rejected_index().map(|i| i as u64), "{name}: {e}");
            }
        }
    }
}

#[test]
fn suggestion_vectors() {
    let doc = load("suggestions.json");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let taxonomy: Taxonomy = serde_json::from_value(input["taxonomy"].clone()).unwrap();
        let onset = serde_json::from_value(input["onset"].clone()).unwrap();
        let events: Vec<LifeEvent> = serde_json::from_value(input["events"].clone()).unwrap();
        let s = suggest_problem_areas(&events, onset, taxonomy, &SuggestOptions::default());
        assert_subset(&case["expected"], &serde_json::to_value(&s).unwrap(), name);
    }
}
