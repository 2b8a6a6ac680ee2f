//! Shared SRM test vectors (`test-vectors/srm/*.json`): spec §3.1/§3.3 golden cases, and
//! regularity metrics (§4.2).

use std::path::PathBuf;

use ipsrt::srm::{ItemId, ScoringOptions, Week, score_week};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/srm").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn spec_golden_cases() {
    let doc = load("spec_golden.json");
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let week: Week = serde_json::from_value(case["input"]["week"].clone()).unwrap();
        let options: ScoringOptions = serde_json::from_value(case["input"]["options"].clone()).unwrap();
        let got = score_week(&week, &options).unwrap();
        let exp = &case["expected"];
        assert_eq!(u64::from(got.hits), exp["hits"].as_u64().unwrap(), "{name}: hits");
        assert_eq!(u64::from(got.counted_items), exp["counted_items"].as_u64().unwrap(), "{name}: counted");
        assert_eq!(u64::from(got.ali), exp["ali"].as_u64().unwrap(), "{name}: ali");
        assert!(close(got.score.unwrap(), exp["score"].as_f64().unwrap(), 1e-9), "{name}: score");
        let Some(items) = exp.get("items").and_then(Value::as_object) else { continue };
        for (id, e) in items {
            let item: ItemId = id.parse().unwrap();
            let g = got.item(item).unwrap();
            if let Some(c) = e.get("counted") {
                assert_eq!(g.counted, c.as_bool().unwrap(), "{name}/{id}: counted");
            }
            if let Some(h) = e.get("habitual") {
                assert_eq!(g.habitual.map(|t| t.to_string()).as_deref(), h.as_str(), "{name}/{id}: habitual");
            }
            if let Some(h) = e.get("habitual_minutes") {
                assert!(close(g.habitual_minutes.unwrap(), h.as_f64().unwrap(), 1e-9), "{name}/{id}: habitual_minutes");
            }
            if let Some(h) = e.get("hits") {
                assert_eq!(u64::from(g.hits), h.as_u64().unwrap(), "{name}/{id}: hits");
            }
            if let Some(k) = e.get("kept") {
                assert_eq!(u64::from(g.kept), k.as_u64().unwrap(), "{name}/{id}: kept");
            }
            if let Some(x) = e.get("excluded") {
                let want: Vec<&str> = x.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
                let have: Vec<String> = g.excluded.iter().map(|t| t.to_string()).collect();
                assert_eq!(have, want, "{name}/{id}: excluded");
            }
            if let Some(s) = e.get("sd_minutes") {
                assert!(close(g.sd_minutes.unwrap(), s.as_f64().unwrap(), 0.05), "{name}/{id}: sd {:?}", g.sd_minutes);
            }
        }
    }
}
