//! The shared label vectors (`test-vectors/i18n/labels.json`), also read by the Python and
//! Kotlin tests: the label of each machine code in each locale.

use ipsrt::ErrorKind;
use ipsrt::course::PhaseKind;
use ipsrt::i18n::{Locale, Localize};
use ipsrt::measures::{FlagState, InstrumentId, SafetyLevel, builtin};
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use ipsrt::relapse::AlertLevel;
use ipsrt::schedule::OccurrenceState;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn code<T: DeserializeOwned>(c: &str) -> T {
    serde_json::from_value(Value::String(c.to_owned())).unwrap()
}

fn label(kind: &str, c: &str, locale: &str, taxonomy: Option<&str>) -> String {
    if kind == "locale" {
        return c.parse::<Locale>().unwrap().as_str().to_owned();
    }
    let loc: Locale = locale.parse().unwrap();
    match kind {
        "problem_area" => {
            code::<ProblemAreaKind>(c).label_in_taxonomy(code::<Taxonomy>(taxonomy.unwrap_or("wmk4")), loc)
        }
        "dispute_stage" => code::<DisputeStage>(c).label_in(loc),
        "phase" => code::<PhaseKind>(c).label_in(loc),
        "alert_level" => code::<AlertLevel>(c).label_in(loc),
        "safety_level" => code::<SafetyLevel>(c).label_in(loc),
        "flag_state" => code::<FlagState>(c).label_in(loc),
        "instrument" => c.parse::<InstrumentId>().unwrap().label_in(loc),
        "error_kind" => code::<ErrorKind>(c).label_in(loc),
        "region" => code::<ipsrt::relapse::Region>(c).label_in(loc),
        "occurrence_state" => {
            let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
            [
                OccurrenceState::Upcoming,
                OccurrenceState::Open,
                OccurrenceState::Overdue,
                OccurrenceState::Missed,
                OccurrenceState::CompletedOnTime { at },
                OccurrenceState::CompletedLate { at },
                OccurrenceState::Excused { reason: String::new() },
            ]
            .into_iter()
            .find(|s| s.name() == c)
            .unwrap()
            .label_in(loc)
        }
        "band" => {
            let (instrument, band) = c.split_once('/').unwrap();
            builtin(instrument.parse().unwrap()).band_label(band, loc).unwrap()
        }
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn shared_label_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-vectors/i18n/labels.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let s = |k: &str| case[k].as_str().unwrap();
        let got = label(s("kind"), s("code"), s("locale"), case["taxonomy"].as_str());
        assert_eq!(got, s("label"), "{}", s("name"));
    }
}
