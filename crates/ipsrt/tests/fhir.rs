//! FHIR R4 export/import (feature `fhir`).
#![cfg(feature = "fhir")]

use ipsrt::ErrorKind;
use ipsrt::measures::fhir::{self, ExportOptions, Resource};
use ipsrt::measures::score::{ScoreOptions, score};
use ipsrt::measures::{InstrumentId, MissingPolicy, builtin, phq9};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../test-vectors/measures/fhir/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn lhc_style_response_imports_by_loinc_codes() {
    let def = builtin(InstrumentId::Phq9);
    let imported = fhir::import(def, &fixture("phq9_lhc_style.json")).unwrap();
    // the stored total 44261-6 is not an item: reported, not scored
    assert_eq!(imported.ignored, vec!["/44261-6".to_string()]);
    assert_eq!(imported.answers.get(phq9::DIFFICULTY_ITEM), Some(1));
    let s = score(def, &imported.answers, &ScoreOptions::default()).unwrap();
    assert_eq!(s.total, Some(9)); // equals the stored LHC total
    assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(ipsrt::measures::FlagState::Raised));
}

#[test]
fn sdc_style_link_ids_and_missing_item() {
    let def = builtin(InstrumentId::Phq9);
    let imported = fhir::import(def, &fixture("phq9_sdc_style_missing_item6.json")).unwrap();
    assert!(imported.ignored.is_empty());
    assert_eq!(imported.answers.0.len(), 8);
    let strict = score(def, &imported.answers, &ScoreOptions::default()).unwrap();
    assert_eq!(strict.total, None);
    let pro = score(def, &imported.answers, &ScoreOptions::with_policy(MissingPolicy::ProrateUpTo { max_missing: 2 }))
        .unwrap();
    assert_eq!(pro.total, Some(10)); // 9 × 9/8 = 10.125
}

#[test]
fn unknown_answer_code_and_garbage_are_errors() {
    let def = builtin(InstrumentId::Phq9);
    assert_eq!(fhir::import(def, &fixture("phq9_unknown_answer_code.json")).unwrap_err().kind(), ErrorKind::Parse);
    assert!(fhir::import(def, "{").is_err());
    assert!(fhir::import(def, r#"{"resourceType":"Patient","status":"x"}"#).is_err());
}

#[test]
fn export_has_loinc_total_derived_from_the_response_and_round_trips() {
    let s = phq9::score_ordered(
        &[Some(1), Some(2), Some(0), Some(1), Some(3), Some(0), Some(1), Some(0), Some(1), Some(2)],
        None,
    )
    .unwrap();
    let opts = ExportOptions {
        id_prefix: "x".into(),
        subject: Some("Patient/p1".into()),
        authored: Some("2026-05-01T09:30:00+02:00".into()),
    };
    let bundle = fhir::export(&s, &opts).unwrap();
    // the response, the total, and the item-9 safety signal (answer 1)
    assert_eq!(bundle.entry.len(), 3);
    let Resource::Observation(safety) = &bundle.entry[2].resource else { panic!("third entry is the safety signal") };
    assert_eq!(safety.code.coding[0].code.as_deref(), Some("44260-8"));
    assert_eq!(safety.value_quantity.value, 1.0);
    assert!(safety.note[0].text.contains("safety_check"), "{}", safety.note[0].text);
    let Resource::QuestionnaireResponse(qr) = &bundle.entry[0].resource else { panic!("first entry is the response") };
    assert_eq!(qr.item.len(), 10);
    assert_eq!(qr.item[0].link_id, "44250-9");
    let Resource::Observation(obs) = &bundle.entry[1].resource else { panic!("second entry is the observation") };
    assert_eq!(obs.code.coding[0].code.as_deref(), Some("44261-6"));
    assert_eq!(obs.code.coding[0].system.as_deref(), Some("http://loinc.org"));
    assert_eq!(obs.value_quantity.value, 9.0);
    assert_eq!(obs.derived_from[0].reference, "QuestionnaireResponse/x-qr");
    let json = serde_json::to_value(&bundle).unwrap();
    assert_eq!(json["entry"][1]["resource"]["resourceType"], "Observation");
    assert_eq!(json["entry"][1]["resource"]["derivedFrom"][0]["reference"], "QuestionnaireResponse/x-qr");
    let back =
        fhir::import(builtin(InstrumentId::Phq9), &serde_json::to_string(&json["entry"][0]["resource"]).unwrap())
            .unwrap();
    assert_eq!(back.answers, s.answers);
    // no total → no total Observation; a safety signal is exported even without a total
    let hrsd = fhir::export(
        &ipsrt::measures::score_values(InstrumentId::Hrsd17, &[Some(0), Some(0), Some(3)], None).unwrap(),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(hrsd.entry.len(), 2);
    let incomplete = phq9::score_ordered(&[Some(1)], None).unwrap();
    assert_eq!(fhir::export(&incomplete, &ExportOptions::default()).unwrap().entry.len(), 1);
    // instruments without LOINC codes export with ipsrt codes and integer answers
    let y = score(
        builtin(InstrumentId::Ymrs),
        &ipsrt::measures::Answers::from_ordered(builtin(InstrumentId::Ymrs), &[Some(2); 11]).unwrap(),
        &ScoreOptions::default(),
    )
    .unwrap();
    let b = serde_json::to_value(fhir::export(&y, &ExportOptions::default()).unwrap()).unwrap();
    assert_eq!(b["entry"][1]["resource"]["code"]["coding"][0]["code"], "ymrs_total");
    assert_eq!(b["entry"][0]["resource"]["item"][0]["answer"][0]["valueInteger"], 2);
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn import_never_panics(link in "[/a-z0-9._-]{0,12}", code in "[A-Z0-9-]{0,9}", int in proptest::option::of(-10i64..10), junk in ".{0,40}") {
            let def = builtin(InstrumentId::Phq9);
            let _ = fhir::import(def, &junk);
            let qr = serde_json::json!({"resourceType": "QuestionnaireResponse", "status": "completed",
                "item": [{"linkId": link, "answer": [{"valueCoding": {"code": code}, "valueInteger": int}]}]});
            if let Ok(imp) = fhir::import(def, &qr.to_string()) {
                // whatever was imported scores or fails with a typed error
                if let Err(e) = score(def, &imp.answers, &ScoreOptions::default()) {
                    prop_assert_eq!(e.kind(), ErrorKind::InvalidInput);
                }
            }
        }
    }
}
