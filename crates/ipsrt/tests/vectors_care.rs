//! The shared care-record vectors (`test-vectors/care/status.json`), also read by the Python
//! tests: the six-month patient of `examples/care_record.json`, its status on several dates
//! (as known then), and the record after replay.
//! `IPSRT_UPDATE_CARE_VECTORS=1 cargo test --test vectors_care` rewrites the expected values
//! (review the diff by hand).

use std::path::PathBuf;

use ipsrt::care::{CareLog, CareRecord, CareStatus};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn expected_status(s: &CareStatus) -> Value {
    json!({
        "alert_level": s.alert.level,
        "plan_id": s.alert.plan_id,
        "plan_version": s.alert.plan_version,
        "since": s.alert.since,
        "evidence": s.alert.evidence,
        "due": s.due.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        "overdue": s.overdue.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        "missed": s.missed.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        "safety_warnings": s.safety_warnings.iter().map(|w| json!({"kind": w.kind, "entry": w.entry, "date": w.date})).collect::<Vec<_>>(),
        "courses": s.courses.iter().map(|c| json!({"id": c.id, "previous": c.previous, "phase": c.phase})).collect::<Vec<_>>(),
        "episode": s.episode,
        "late_entries": s.late_entries,
        "adherence": {
            "from": s.adherence.from,
            "to": s.adherence.to,
            "tasks": s.adherence.tasks.iter().map(|t| json!({
                "task": t.task, "on_time": t.counts.on_time, "late": t.counts.late, "missed": t.counts.missed,
                "excused": t.counts.excused, "pending": t.counts.pending, "expected": t.expected,
                "completion_rate": t.completion_rate,
            })).collect::<Vec<_>>(),
        },
    })
}

#[test]
fn shared_care_vectors() {
    let path = root().join("test-vectors/care/status.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let log_path = doc["log"].as_str().unwrap().to_owned();
    let log: CareLog = ipsrt::persist::from_json(&std::fs::read_to_string(root().join(&log_path)).unwrap()).unwrap();
    let record = CareRecord::replay(&log).unwrap();
    let update = std::env::var_os("IPSRT_UPDATE_CARE_VECTORS").is_some();
    let record_expected = json!({
        "patient_ref": record.patient_ref(),
        "alert_level": record.alert_level(),
        "entries": record.entries().len(),
        "late": record.entries().iter().filter(|e| e.late).map(|e| e.id.clone()).collect::<Vec<_>>(),
        "alerts": record.alerts().iter().map(|a| json!({
            "date": a.transition.date, "from": a.transition.from, "to": a.transition.to,
            "plan_version": a.plan_version, "evidence": a.evidence,
        })).collect::<Vec<_>>(),
        "relapse_plan_versions": record.relapse_plans().iter().map(|p| p.version).collect::<Vec<_>>(),
        "measures": record.measures().len(),
        "derived": record.derived_observations().iter().map(|o| match &o.evidence {
            ipsrt::care::DerivedEvidence::DataGap { since, last_entry, days, .. } => {
                json!({"id": o.id, "date": o.date, "days": days, "since": since, "last_entry": last_entry})
            }
            ipsrt::care::DerivedEvidence::MissedRun { task, count, occurrences, ended_by, .. } => json!({
                "id": o.id, "date": o.date, "task": task, "count": count, "occurrences": occurrences, "ended_by": ended_by,
            }),
            _ => json!({"id": o.id}),
        }).collect::<Vec<_>>(),
    });
    if update {
        doc["record"] = record_expected.clone();
    }
    assert_eq!(doc["record"], record_expected);
    let cases = doc["cases"].as_array_mut().unwrap();
    for case in cases.iter_mut() {
        let on: chrono::NaiveDate = case["on"].as_str().unwrap().parse().unwrap();
        let at = case["at"].as_str().map(|t| t.parse::<ipsrt::time::ClockTime>().unwrap());
        let s = record.status_at(on, at).unwrap();
        let got = expected_status(&s);
        if update {
            case["expected"] = got.clone();
        }
        assert_eq!(case["expected"], got, "case {}", case["about"]);
    }
    if update {
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
    }
}

/// `test-vectors/care/entry_kinds.json`: the six-month log plus the extra entries replay, and
/// together they hold every kind of care entry (the Kotlin test builds each one typed).
#[test]
fn entry_kinds_vector_holds_every_kind() {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("test-vectors/care/entry_kinds.json")).unwrap())
            .unwrap();
    let log: CareLog =
        ipsrt::persist::from_json(&std::fs::read_to_string(root().join(doc["log"].as_str().unwrap())).unwrap())
            .unwrap();
    let mut record = CareRecord::replay(&log).unwrap();
    for e in doc["extra"].as_array().unwrap() {
        let entry: ipsrt::care::Entry = serde_json::from_value(e.clone()).unwrap();
        record.append(entry).unwrap_or_else(|err| panic!("{}: {err}", e["id"]));
    }
    let held: std::collections::BTreeSet<String> = record.log().entries.iter().map(|e| e.event.type_name()).collect();
    let kinds: std::collections::BTreeSet<String> =
        doc["kinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect();
    assert_eq!(held, kinds, "the vector must hold exactly the kinds it lists");
    assert_eq!(kinds.len(), 23, "a new kind of care entry needs an entry here and a typed CareEvent in Kotlin");
}
