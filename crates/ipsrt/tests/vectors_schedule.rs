//! The shared schedule vectors (`test-vectors/schedule/evaluate.json`), also read by the Python
//! and Kotlin tests.
//!
//! Each case gives the data of a schedule, a zone history and records, a local date range and
//! "now"; `expected` is either `{"error": KIND}` or the occurrences (id, due instant, local due
//! time, adjustment, state and completion instant), adherence per task, missed runs and data
//! gaps. `IPSRT_UPDATE_SCHEDULE_VECTORS=1 cargo test --test vectors_schedule` rewrites the
//! expected values of the non-error cases (review the diff by hand).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use ipsrt::schedule::{Occurrence, OccurrenceState, Schedule, ScheduleRecords, ZoneHistory, adherence, missed_streaks};
use serde_json::{Value, json};

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/schedule/evaluate.json")
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn occurrence(o: &Occurrence) -> Value {
    let at = match &o.state {
        OccurrenceState::CompletedOnTime { at } | OccurrenceState::CompletedLate { at } => json!(instant(*at)),
        _ => Value::Null,
    };
    let reason = match &o.state {
        OccurrenceState::Excused { reason } => json!(reason),
        _ => Value::Null,
    };
    let adjustment = match o.adjustment {
        Some(a) => serde_json::to_value(a).unwrap()["type"].clone(),
        None => Value::Null,
    };
    json!({
        "id": o.id.to_string(),
        "due": instant(o.due),
        "due_local": o.due_local.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "zone": o.zone.name(),
        "adjustment": adjustment,
        "state": o.state.name(),
        "at": at,
        "reason": reason,
    })
}

/// Evaluates one case's input into the `expected` form, or the error kind.
fn run(input: &Value) -> Result<Value, String> {
    let schedule: Schedule = serde_json::from_value(input["schedule"].clone()).map_err(|e| format!("schedule: {e}"))?;
    let zones: ZoneHistory = serde_json::from_value(input["zones"].clone()).map_err(|e| format!("zones: {e}"))?;
    let records: ScheduleRecords =
        serde_json::from_value(input["records"].clone()).map_err(|e| format!("records: {e}"))?;
    let date = |k: &str| NaiveDate::parse_from_str(input[k].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let now = DateTime::parse_from_rfc3339(input["now"].as_str().unwrap()).unwrap().with_timezone(&Utc);
    let occ = schedule.evaluate(&zones, &records, date("from"), date("to"), now).map_err(|e| e.kind().to_string())?;
    let gaps = schedule.data_gaps(&zones, &records, now).map_err(|e| e.kind().to_string())?;
    Ok(json!({
        "occurrences": occ.iter().map(occurrence).collect::<Vec<_>>(),
        "adherence": adherence(&occ),
        "streaks": missed_streaks(&occ).iter().map(|s| json!({"task": s.task, "current": s.current, "longest": s.longest})).collect::<Vec<_>>(),
        "gaps": gaps.iter().map(|g| json!({"task": g.task, "since": g.since.to_string(), "days": g.days})).collect::<Vec<_>>(),
    }))
}

#[test]
fn schedule_vectors() {
    let text = std::fs::read_to_string(path()).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let update = std::env::var("IPSRT_UPDATE_SCHEDULE_VECTORS").is_ok_and(|v| v == "1");
    let cases = doc["cases"].as_array_mut().unwrap();
    assert!(cases.len() >= 10);
    for case in cases.iter_mut() {
        let name = case["name"].as_str().unwrap().to_owned();
        let got = run(&case["input"]);
        if let Some(kind) = case["expected"].get("error").and_then(Value::as_str) {
            assert_eq!(got.err().as_deref(), Some(kind), "{name}: expected a {kind} error");
            continue;
        }
        let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
        if update {
            case["expected"] = got;
        } else {
            assert_eq!(got, case["expected"], "{name}");
        }
    }
    if update {
        std::fs::write(path(), serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
    }
}
