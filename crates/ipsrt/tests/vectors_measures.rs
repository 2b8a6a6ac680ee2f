//! Runs the shared measures vectors (`test-vectors/measures/*.json`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use ipsrt::measures::change::compare;
use ipsrt::measures::score::{Answers, ScoreOptions, TotalStatus, score};
use ipsrt::measures::{InstrumentId, builtin};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct File {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    input: Value,
    expected: Value,
}

#[derive(Deserialize)]
struct ScoreInput {
    instrument: String,
    answers: Answers,
    #[serde(default)]
    options: ScoreOptions,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/measures")
}

fn load(name: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    serde_json::from_str::<File>(&text).unwrap().cases
}

fn status_kind(s: TotalStatus) -> &'static str {
    match s {
        TotalStatus::Complete => "complete",
        TotalStatus::Prorated { .. } => "prorated",
        TotalStatus::MissingAsZero { .. } => "missing_as_zero",
        TotalStatus::Incomplete { .. } => "incomplete",
    }
}

#[test]
fn scoring_vectors() {
    let mut n = 0;
    let mut errors = 0;
    let mut safety_checked = 0;
    for inst in InstrumentId::ALL {
        let cases = load(&format!("{}.json", inst.as_str()));
        assert!(cases.len() >= 10, "{inst}: too few cases");
        for case in cases {
            let input: ScoreInput = serde_json::from_value(case.input.clone()).unwrap();
            let id: InstrumentId = input.instrument.parse().unwrap();
            let def = builtin(id);
            let result = score(def, &input.answers, &input.options);
            if let Some(kind) = case.expected.get("error") {
                let err = result.expect_err(&case.name);
                assert_eq!(err.kind().as_str(), kind.as_str().unwrap(), "{}", case.name);
                n += 1;
                errors += 1;
                continue;
            }
            let s = result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
            let e = &case.expected;
            assert_eq!(s.total.map(i64::from), e["total"].as_i64(), "{}: total", case.name);
            assert_eq!(status_kind(s.status), e["status"].as_str().unwrap(), "{}: status", case.name);
            assert_eq!(i64::from(s.n_answered), e["n_answered"].as_i64().unwrap(), "{}", case.name);
            assert_eq!(s.missing.len() as i64, e["missing"].as_i64().unwrap(), "{}", case.name);
            let bands: BTreeMap<String, Option<String>> = serde_json::from_value(e["bands"].clone()).unwrap();
            assert_eq!(bands.len(), def.band_schemes.len(), "{}: every scheme is checked", case.name);
            for (scheme, want) in bands {
                let got = s.band_in(def, Some(&scheme)).unwrap().map(|b| b.band.id);
                assert_eq!(got, want, "{}: band {scheme}", case.name);
            }
            if let Some(flags) = e.get("flags") {
                let flags: BTreeMap<String, String> = serde_json::from_value(flags.clone()).unwrap();
                for (id, want) in flags {
                    let got = serde_json::to_value(s.flag(&id).unwrap()).unwrap();
                    assert_eq!(got.as_str().unwrap(), want, "{}: flag {id}", case.name);
                }
            }
            if let Some(want) = e.get("safety") {
                let got: Vec<Value> = s
                    .safety
                    .iter()
                    .map(|g| {
                        serde_json::json!({"rule": g.rule, "item": g.item, "answer": g.answer, "at_least": g.at_least, "level": g.level})
                    })
                    .collect();
                assert_eq!(&Value::Array(got), want, "{}: safety", case.name);
                for g in &s.safety {
                    assert!(!g.source.key.is_empty() && g.source.reference().is_some(), "{}: cited safety", case.name);
                }
                let unanswered = serde_json::to_value(&s.safety_unanswered).unwrap();
                assert_eq!(&unanswered, &e["safety_unanswered"], "{}: safety_unanswered", case.name);
                safety_checked += 1;
            }
            n += 1;
        }
    }
    assert!(n > 200, "only {n} cases ran");
    assert_eq!(safety_checked + errors, n, "every scored case checks its safety signals");
}

#[test]
fn change_vectors() {
    for case in load("change.json") {
        let inst: InstrumentId = case.input["instrument"].as_str().unwrap().parse().unwrap();
        let def = builtin(inst);
        let sc = |k: &str| {
            let a: Answers = serde_json::from_value(case.input[k].clone()).unwrap();
            score(def, &a, &ScoreOptions::default()).unwrap()
        };
        let c = compare(&sc("baseline"), &sc("follow_up")).unwrap();
        let e = &case.expected;
        assert_eq!(i64::from(c.difference), e["difference"].as_i64().unwrap(), "{}", case.name);
        for (name, got) in [
            ("response", &c.response),
            ("remission", &c.remission),
            ("improvement", &c.improvement),
            ("worsening", &c.worsening),
        ] {
            assert_eq!(got.as_ref().map(|c| c.met), e[name].as_bool(), "{}: {name}", case.name);
            if let Some(c) = got {
                assert!(
                    !c.rule.is_empty() && !c.source.key.is_empty(),
                    "{}: a verdict carries numbers and source",
                    case.name
                );
            }
        }
    }
}

#[test]
fn persisted_score_fixture_loads() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist/ipsrt.measure_score.v1.json"),
    )
    .unwrap();
    let s: ipsrt::measures::Score = ipsrt::persist::from_json(&text).unwrap();
    assert_eq!(s.instrument, "phq9");
    assert_eq!(s.total, Some(25)); // 22 × 9/8 = 24.75 → 25
    assert_eq!(s.flag("item9_positive"), Some(ipsrt::measures::FlagState::Raised));
    // version 1 had no safety signals: the migration computes them from the stored answers
    assert_eq!(s.safety.len(), 1);
    assert_eq!((s.safety[0].item.as_str(), s.safety[0].answer), ("phq9_9", 1));
    assert_eq!(ipsrt::persist::from_json::<ipsrt::measures::Score>(&ipsrt::persist::to_json(&s)).unwrap(), s);
    // tampered total is refused
    let bad = text.replace("\"total\": 25", "\"total\": 3");
    assert!(ipsrt::persist::from_json::<ipsrt::measures::Score>(&bad).is_err());
}
