//! Frozen fixtures of the course's persisted types (`test-vectors/persist/`) must always load.

use ipsrt::ErrorKind;
use ipsrt::course::{CourseLog, Phase};
use ipsrt::inventory::{Circle, Inventory};
use ipsrt::persist::{PersistError, from_json, to_json};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../test-vectors/persist/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn course_v1_fixture_loads_and_replays() {
    let log: CourseLog = from_json(&fixture("ipsrt.course.v1.json")).unwrap();
    assert_eq!(log.snapshot.phase, Phase::Middle);
    assert_eq!(log.snapshot.attended(), 12);
    assert_eq!(log.snapshot.remaining(), Some(3));
    assert_eq!(log.events.len(), 27);
    let again: CourseLog = from_json(&to_json(&log)).unwrap();
    assert_eq!(again, log);
}

#[test]
fn inventory_v1_fixture_loads() {
    let inv: Inventory = from_json(&fixture("ipsrt.inventory.v1.json")).unwrap();
    assert_eq!(inv.len(), 2);
    assert_eq!(inv.people()[0].circle, Circle::Inner);
    assert_eq!(inv.people()[0].changes.len(), 1);
}

#[test]
fn tampered_snapshot_is_refused() {
    let text = fixture("ipsrt.course.v1.json");
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["data"]["snapshot"]["phase"] = serde_json::json!({"phase": "termination"});
    let e = from_json::<CourseLog>(&v.to_string()).unwrap_err();
    assert!(matches!(e, PersistError::Invalid { .. }), "{e}");
    assert!(e.to_string().contains("disagrees"));
    // A log with an illegal event is refused too, naming the event.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["data"]["events"][3]["date"] = serde_json::json!("2020-01-01");
    let e = from_json::<CourseLog>(&v.to_string()).unwrap_err();
    assert!(e.to_string().contains("event #3"), "{e}");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    // Inventory with a duplicate id.
    let mut v: serde_json::Value = serde_json::from_str(&fixture("ipsrt.inventory.v1.json")).unwrap();
    let first = v["data"]["people"][0].clone();
    v["data"]["people"].as_array_mut().unwrap().push(first);
    assert!(from_json::<Inventory>(&v.to_string()).is_err());
}

#[test]
fn newer_version_is_refused() {
    let text = fixture("ipsrt.course.v5.json").replacen("\"version\": 5", "\"version\": 6", 1);
    assert!(matches!(from_json::<CourseLog>(&text), Err(PersistError::NewerVersion { .. })));
}
