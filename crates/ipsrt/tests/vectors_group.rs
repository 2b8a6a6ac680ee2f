//! Shared vectors in `test-vectors/group/`.

use std::path::Path;

use ipsrt::group::{Group, GroupEvent, GroupRules, GroupType, PersonId};
use ipsrt::source::Source;
use serde_json::Value;

fn files(area: &str) -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors").join(area);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), serde_json::from_str(&text).unwrap()));
        }
    }
    assert!(!out.is_empty(), "no vectors in {}", dir.display());
    out
}

fn run(input: &Value) -> Result<Group, ipsrt::Error> {
    let group_type: GroupType = serde_json::from_value(input["group_type"].clone()).unwrap();
    let mut rules = GroupRules::for_type(group_type);
    if let Some(min) = input.get("min_members").and_then(Value::as_u64) {
        let max = rules.max_members.value;
        rules = rules.with_size(min as u32, max, Source::local("vector"))?;
    }
    let mut g = Group::new(rules)?;
    for e in input["events"].as_array().unwrap() {
        let event: GroupEvent = serde_json::from_value(e.clone()).unwrap();
        g.apply(event)?;
    }
    Ok(g)
}

#[test]
fn group_vectors() {
    let mut n = 0;
    for (file, doc) in files("group") {
        for case in doc["cases"].as_array().unwrap() {
            let name = format!("{file}: {}", case["name"]);
            let expected = &case["expected"];
            match run(&case["input"]) {
                Err(e) => assert_eq!(Some(e.kind().as_str()), expected["error"].as_str(), "{name}: {e}"),
                Ok(g) => {
                    assert!(expected.get("error").is_none(), "{name}: expected an error");
                    assert_eq!(serde_json::to_value(g.status()).unwrap(), expected["status"], "{name}");
                    let members: Vec<&str> = g.members().into_iter().map(PersonId::as_str).collect();
                    assert_eq!(serde_json::to_value(members).unwrap(), expected["members"], "{name}");
                    let wl: Vec<&str> = g.waitlist().iter().map(PersonId::as_str).collect();
                    assert_eq!(serde_json::to_value(wl).unwrap(), expected["waitlist"], "{name}");
                    assert_eq!(g.sessions().len() as u64, expected["sessions_held"].as_u64().unwrap(), "{name}");
                    for (who, status) in expected["statuses"].as_object().unwrap() {
                        let m = g.person(&PersonId::new(who.clone()).unwrap()).unwrap();
                        assert_eq!(&serde_json::to_value(m.status).unwrap(), status, "{name}: {who}");
                    }
                }
            }
            n += 1;
        }
    }
    assert!(n >= 10);
}
