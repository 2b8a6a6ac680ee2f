//! Frozen fixtures of the course's persisted types (`test-vectors/persist/`) must always load.

use ipsrt::ErrorKind;
use ipsrt::course::{CourseLog, Phase};
use ipsrt::inventory::{Circle, Conflict, Inventory, PersonFact};
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
    assert_eq!(inv.people()[0].circle, Some(Circle::Inner));
    assert_eq!(inv.people()[0].changes.len(), 1);
    // Version 1 wrote the defaults "middle", "none" and false whether or not they were
    // assessed: they read as not assessed; assessed values (inner, overt, true) are kept.
    let sam = &inv.people()[0];
    assert_eq!((sam.conflict, sam.confiding), (Some(Conflict::Overt), Some(true)));
    let ann = &inv.people()[1];
    assert_eq!((ann.circle, ann.conflict, ann.confiding), (None, None, None));
    assert_eq!(ann.not_assessed(), [PersonFact::Circle, PersonFact::Conflict, PersonFact::Confiding]);
}

#[test]
fn inventory_v2_fixture_keeps_an_assessed_no_conflict() {
    let text = fixture("ipsrt.inventory.v2.json");
    let inv: Inventory = from_json(&text).unwrap();
    let ann = &inv.people()[1];
    assert_eq!((ann.circle, ann.conflict, ann.confiding), (None, Some(Conflict::None), None));
    // Not assessed is written as an absent field, an assessed "no conflict" as "none".
    let written = to_json(&inv);
    assert!(written.contains("\"conflict\":\"none\""), "{written}");
    assert!(!written.contains("\"circle\":\"middle\""), "{written}");
    let again: Inventory = from_json(&written).unwrap();
    assert_eq!(again, inv);
}

#[test]
fn course_v5_defaults_read_as_not_assessed_and_open_questions() {
    // Version 5: boss was written with the default "conflict": "none"; version 6 reads it as
    // not assessed, and the deficits evidence lists it as an open question.
    let log: CourseLog = from_json(&fixture("ipsrt.course.v5.json")).unwrap();
    let open = log.snapshot.deficits_evidence().not_assessed;
    let ids: Vec<&str> = open.iter().map(|n| n.person.as_str()).collect();
    assert_eq!(ids, ["partner", "boss"]);
    // The version-6 fixture records boss's conflict as assessed (none) and confiding (false).
    let log: CourseLog = from_json(&fixture("ipsrt.course.v6.json")).unwrap();
    let open = log.snapshot.deficits_evidence().not_assessed;
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].person.as_str(), open[0].facts.as_slice()), ("partner", &[PersonFact::Confiding][..]));
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
    let text = fixture("ipsrt.course.v6.json").replacen("\"version\": 6", "\"version\": 7", 1);
    assert!(matches!(from_json::<CourseLog>(&text), Err(PersistError::NewerVersion { .. })));
}
