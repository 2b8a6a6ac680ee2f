//! The score series of a care record: every scored result of one instrument, corrections and
//! retractions applied, late results in their clinical-date place.

mod care_common;

use care_common::*;
use ipsrt::ErrorKind;
use ipsrt::care::{CareError, CareRecord, Entry, EntryKind};
use ipsrt::measures::InstrumentId;
use ipsrt::measures::series::{ReliableChange, SeriesOptions};

fn record() -> CareRecord {
    CareRecord::replay(&six_month_log()).unwrap()
}

#[test]
fn the_six_month_patient_has_phq9_and_asrm_series() {
    let r = record();
    assert_eq!(r.series_instruments(), vec![InstrumentId::Phq9, InstrumentId::Asrm]);
    let phq9 = r.score_series(InstrumentId::Phq9, None).unwrap();
    // Every PHQ-9 result with a total, one point each, sorted by clinical date.
    let n = r.measures().iter().filter(|m| m.score.instrument == "phq9").count();
    assert_eq!(phq9.points().len(), n);
    assert_eq!(n, 13);
    assert!(phq9.points().windows(2).all(|w| w[0].date < w[1].date));
    // Baseline: the first score in the record.
    assert_eq!(phq9.baseline(), d("2026-01-05"));
    // The late result (typed in on 2026-03-03) sits at 2026-02-16, between 02-02 and 03-02.
    let dates: Vec<_> = phq9.points().iter().map(|p| p.date).collect();
    let i = dates.iter().position(|&x| x == d("2026-02-16")).unwrap();
    assert_eq!((dates[i - 1], dates[i + 1]), (d("2026-02-02"), d("2026-03-02")));
    assert_eq!(phq9.points()[i].total, 14);
    // It evaluates through the existing series code.
    let report = phq9.evaluate(&SeriesOptions::default()).unwrap();
    assert_eq!(report.points.len(), 13);
    assert!(report.points.iter().any(|p| p.reliable_change == ReliableChange::ReliablyImproved));
    let asrm = r.score_series(InstrumentId::Asrm, None).unwrap();
    assert_eq!(asrm.points().len(), 25);
}

#[test]
fn a_chosen_baseline_must_be_a_score_date() {
    let r = record();
    let s = r.score_series(InstrumentId::Phq9, Some(d("2026-03-02"))).unwrap();
    assert_eq!(s.baseline(), d("2026-03-02"));
    let e = r.score_series(InstrumentId::Phq9, Some(d("2026-03-03"))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.to_string().contains("2026-03-03"), "{e}");
}

#[test]
fn an_instrument_without_scores_is_refused_naming_those_there_are() {
    let e = record().score_series(InstrumentId::Gad7, None).unwrap_err();
    assert!(matches!(e, CareError::NotReady(_)));
    let text = e.to_string();
    assert!(text.contains("gad7") && text.contains("phq9, asrm"), "{text}");
}

#[test]
fn corrections_and_retractions_are_applied_and_as_known_then_is_earlier() {
    let mut r = record();
    let before = r.score_series(InstrumentId::Phq9, None).unwrap();
    // Correct the result of 2026-03-16 (11 -> 6) and retract the one of 2026-03-30.
    let target = |date: &str| {
        r.measures().iter().find(|m| m.date == d(date) && m.score.instrument == "phq9").unwrap().entry.clone()
    };
    let (c, x) = (target("2026-03-16"), target("2026-03-30"));
    r.append(Entry::new(
        "fix-1",
        at(d("2026-07-01"), "10:00"),
        d("2026-03-16"), // a correction carries the clinical date of the corrected fact
        "dr. B",
        EntryKind::Correction {
            target: c,
            reason: "typed from the wrong form".into(),
            replacement: Box::new(phq9(6, 0)),
        },
    ))
    .unwrap();
    r.append(Entry::new(
        "fix-2",
        at(d("2026-07-01"), "10:05"),
        d("2026-07-01"),
        "dr. B",
        EntryKind::Retraction { target: x, reason: "another patient's form".into() },
    ))
    .unwrap();
    let after = r.score_series(InstrumentId::Phq9, None).unwrap();
    assert_eq!(after.points().len(), before.points().len() - 1);
    assert_eq!(after.points().iter().find(|p| p.date == d("2026-03-16")).unwrap().total, 6);
    assert!(!after.points().iter().any(|p| p.date == d("2026-03-30")));
    // As known at the end of 2026-03-02, the late result of 02-16 had not arrived.
    let then = r.known_by(d("2026-03-02"), None).unwrap().score_series(InstrumentId::Phq9, None).unwrap();
    let dates: Vec<_> = then.points().iter().map(|p| p.date.to_string()).collect();
    assert_eq!(dates, ["2026-01-05", "2026-01-19", "2026-02-02", "2026-03-02"]);
}

#[test]
fn two_results_on_one_date_are_refused_naming_both_entries() {
    let mut r = record();
    r.append(Entry::new("dup-1", at(d("2026-03-16"), "15:00"), d("2026-03-16"), "patient", phq9(9, 0))).unwrap();
    let e = r.score_series(InstrumentId::Phq9, None).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("dup-1") && text.contains("2026-03-16") && text.contains("retract"), "{text}");
    // The other instrument is unaffected.
    assert!(r.score_series(InstrumentId::Asrm, None).is_ok());
}

#[test]
fn a_result_without_a_total_is_left_out_and_listed() {
    let mut r = record();
    let mut answers = std::collections::BTreeMap::new();
    answers.insert("phq9_1".to_string(), 2);
    answers.insert("phq9_9".to_string(), 0);
    let partial = EntryKind::MeasureAnswered { instrument: InstrumentId::Phq9, answers };
    r.append(Entry::new("partial-1", at(d("2026-06-29"), "09:40"), d("2026-06-29"), "patient", partial)).unwrap();
    let s = r.score_series(InstrumentId::Phq9, None).unwrap();
    assert!(!s.points().iter().any(|p| p.date == d("2026-06-29")));
    let left_out: Vec<_> = r.series_unscored(InstrumentId::Phq9).iter().map(|m| m.entry.clone()).collect();
    assert_eq!(left_out, ["partial-1"]);
}

/// The shared vectors `test-vectors/care/series.json`, also read by the Python and Kotlin tests.
#[test]
fn shared_series_vectors() {
    use serde_json::{Value, json};
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("test-vectors/care/series.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let log_text = std::fs::read_to_string(root.join(doc["log"].as_str().unwrap())).unwrap();
    let record = CareRecord::replay(&ipsrt::persist::from_json(&log_text).unwrap()).unwrap();
    let update = std::env::var_os("IPSRT_UPDATE_CARE_VECTORS").is_some();
    let instruments = json!(record.series_instruments().iter().map(|i| i.as_str()).collect::<Vec<_>>());
    if update {
        doc["instruments"] = instruments.clone();
    }
    assert_eq!(doc["instruments"], instruments);
    for case in doc["cases"].as_array_mut().unwrap() {
        let id: InstrumentId = case["instrument"].as_str().unwrap().parse().unwrap();
        let rec = match case["on"].as_str() {
            Some(on) => record.known_by(d(on), None).unwrap(),
            None => record.clone(),
        };
        let series = rec.score_series(id, case["baseline"].as_str().map(d)).unwrap();
        let report = series.evaluate(&SeriesOptions::default()).unwrap();
        let expected = json!({
            "baseline_date": report.baseline.date,
            "baseline_total": report.baseline.total,
            "points": report.points.iter().map(|p| json!({
                "date": p.date,
                "total": p.total,
                "response": p.response.as_str(),
                "remission": p.remission.as_str(),
                "reliable_change": p.reliable_change.as_str(),
            })).collect::<Vec<_>>(),
        });
        if update {
            case["expected"] = expected.clone();
        }
        assert_eq!(case["expected"], expected, "{case}");
    }
    if update {
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
    }
}

mod props {
    use super::*;
    use chrono::Duration;
    use ipsrt::care::CareLog;
    use proptest::prelude::*;

    fn registered() -> Entry {
        Entry::new(
            "reg",
            at(d("2026-01-05"), "08:00"),
            d("2026-01-05"),
            "dr. A",
            EntryKind::PatientRegistered { patient_ref: "p-1".into(), zone: ZONE.into() },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Whatever the arrival order (and however late each result is typed in), the series
        /// has one point per result with a total, at its clinical date, sorted; retracted
        /// results are left out. (Totals up to 24: the test's `phq9` helper spreads a total over
        /// items 1–8 with item 9 at 0.)
        #[test]
        fn the_series_is_the_results_by_clinical_date_whatever_the_arrival_order(
            (scores, order, retract) in proptest::collection::btree_map(0i64..120, 0u32..=24, 1..20)
                .prop_flat_map(|m| {
                    let scores: Vec<(i64, u32)> = m.into_iter().collect();
                    let n = scores.len();
                    let order = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
                    (Just(scores), order, proptest::collection::vec(any::<bool>(), n))
                })
        ) {
            let mut log = vec![registered()];
            let start = d("2026-01-05");
            // Every result arrives in the shuffled order, one hour apart, after its clinical date.
            for (k, &i) in order.iter().enumerate() {
                let (day, total) = scores[i];
                let first = at(start + Duration::days(121), "08:00");
                let recorded = ipsrt::time::ZonedDateTime::new(first.local + Duration::hours(k as i64), first.zone);
                log.push(Entry::new(format!("m{i}"), recorded, start + Duration::days(day), "pt", phq9(total, 0)));
            }
            let late = at(start + Duration::days(200), "08:00");
            for (i, r) in retract.iter().enumerate() {
                if *r {
                    log.push(Entry::new(format!("x{i}"), late, start + Duration::days(200), "dr. A",
                        EntryKind::Retraction { target: format!("m{i}"), reason: "entered in error".into() }));
                }
            }
            let record = CareRecord::replay(&CareLog::new(log)).unwrap();
            let want: Vec<(chrono::NaiveDate, i32)> = scores
                .iter()
                .zip(&retract)
                .filter(|(_, r)| !**r)
                .map(|((day, total), _)| (start + Duration::days(*day), *total as i32))
                .collect();
            match record.score_series(InstrumentId::Phq9, None) {
                Ok(series) => {
                    let got: Vec<_> = series.points().iter().map(|p| (p.date, p.total)).collect();
                    prop_assert_eq!(&got, &want);
                    prop_assert_eq!(series.baseline(), want[0].0);
                }
                Err(e) => {
                    prop_assert!(want.is_empty(), "{}", e);
                    prop_assert!(e.to_string().contains("no scored phq9 result"));
                }
            }
        }
    }
}
