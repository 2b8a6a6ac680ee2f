//! Shared SRM test vectors (`test-vectors/srm/*.json`): docs/srm.md#golden-cases golden cases, and
//! regularity metrics (docs/srm.md#regularity).

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

#[test]
fn regularity_cases() {
    use ipsrt::srm::regularity::{interdaily_stability, intradaily_variability, sleep_regularity_index};
    let doc = load("regularity.json");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let per_day = case["input"]["epochs_per_day"].as_u64().unwrap() as usize;
        let awake: Vec<Option<f64>> =
            case["input"]["awake"].as_array().unwrap().iter().map(|v| Some(v.as_f64().unwrap())).collect();
        let asleep: Vec<Option<bool>> = awake.iter().map(|v| v.map(|v| v == 0.0)).collect();
        let exp = &case["expected"];
        let tol = exp["tolerance"].as_f64().unwrap();
        let is = interdaily_stability(&awake, per_day).unwrap();
        let iv = intradaily_variability(&awake).unwrap();
        let sri = sleep_regularity_index(&asleep, per_day).unwrap();
        assert!(close(is, exp["interdaily_stability"].as_f64().unwrap(), tol), "{name}: IS {is}");
        assert!(close(iv, exp["intradaily_variability"].as_f64().unwrap(), tol), "{name}: IV {iv}");
        assert!(
            close(sri.value, exp["sri"].as_f64().unwrap(), exp["sri_tolerance"].as_f64().unwrap()),
            "{name}: SRI {}",
            sri.value
        );
    }
}

#[test]
fn diary_time_in_bed_reproduces_the_synthetic_week() {
    use ipsrt::srm::regularity::time_in_bed_regularity;
    use ipsrt::srm::{Form, Status};
    // The docs/srm.md#regularity pattern as a diary: bed 23:00 / up 07:00, except day 3 (bed 01:00, up 09:00).
    // Day 2's bedtime is day 3's 01:00; day 3's bedtime is 23:00 (as the synthetic data).
    let mut w0 = Week::new(Form::Srm5, "2026-01-04".parse().unwrap());
    let mut w_prev = Week::new(Form::Srm5, "2025-12-28".parse().unwrap());
    w_prev.set(ItemId::ToBed, 6, Status::Done("23:00".parse().unwrap())).unwrap();
    for d in 0..7 {
        let up = if d == 3 { "09:00" } else { "07:00" };
        let bed = if d == 2 { "01:00" } else { "23:00" };
        w0.set(ItemId::OutOfBed, d, Status::Done(up.parse().unwrap())).unwrap();
        w0.set(ItemId::ToBed, d, Status::Done(bed.parse().unwrap())).unwrap();
    }
    let r = time_in_bed_regularity(&[w_prev, w0]).unwrap();
    assert_eq!(r.measures, "time_in_bed");
    // The first week is unknown except its last night, so IS/IV (which need every hour) are
    // not computed over both; SRI uses the valid pairs of the second week only.
    assert!(r.interdaily_stability.is_none());
    let sri = r.sri.unwrap();
    assert!(sri.valid_pairs >= 6 * 24 - 24, "{sri:?}");
}
