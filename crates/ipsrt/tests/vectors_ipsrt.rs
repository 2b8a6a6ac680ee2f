//! Shared vectors in `test-vectors/ipsrt/`.

use std::path::Path;

use chrono::NaiveDate;
use ipsrt::ipsrt::{ChartEvent, DoseOutcome, DoseRecord, LifeChart, MedicationLog, MoodEpisode, ScheduledDose};
use ipsrt::time::ClockTime;
use serde_json::{Value, json};

fn cases(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/ipsrt").join(name);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn de<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

fn status(o: DoseOutcome) -> &'static str {
    match o {
        DoseOutcome::Taken { .. } => "taken",
        DoseOutcome::Late { .. } => "late",
        DoseOutcome::Missed => "missed",
    }
}

fn medication_case(input: &Value) -> Result<Value, ipsrt::Error> {
    let schedule: Vec<ScheduledDose> = de(&input["schedule"]);
    let mut log = MedicationLog::new(schedule)?;
    for r in input["records"].as_array().unwrap() {
        log.record(de::<DoseRecord>(r))?;
    }
    let (from, to): (NaiveDate, NaiveDate) = (de(&input["from"]), de(&input["to"]));
    let s = log.adherence(from, to)?;
    let sig = log.non_adherence_signal(to, input["signal_window_days"].as_u64().unwrap() as u32)?;
    Ok(json!({
        "scheduled": s.scheduled, "taken": s.taken, "late": s.late, "missed": s.missed, "unrecorded": s.unrecorded,
        "adherence": s.adherence, "on_time": s.on_time,
        "signal": {"missed": sig.missed, "late": sig.late, "longest_missed_run": sig.longest_missed_run, "flagged": sig.flagged},
    }))
}

fn compare(got: &Value, want: &Value, name: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{name}: {a} vs {b}"),
        _ => match (got, want) {
            (Value::Object(g), Value::Object(w)) => {
                for (k, v) in w {
                    compare(&g[k], v, &format!("{name}.{k}"));
                }
            }
            _ => assert_eq!(got, want, "{name}"),
        },
    }
}

#[test]
fn medication() {
    for case in cases("medication.json") {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        if let Some(list) = input.get("classify") {
            let got: Vec<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let planned: ClockTime = de(&c["planned"]);
                    let at: ClockTime = de(&c["taken_at"]);
                    status(DoseOutcome::classify(planned, at, c["late_after_minutes"].as_u64().unwrap() as u16))
                })
                .collect();
            assert_eq!(json!(got), case["expected"]["statuses"], "{name}");
            continue;
        }
        match medication_case(input) {
            Err(e) => assert_eq!(Some(e.kind().as_str()), case["expected"]["error"].as_str(), "{name}: {e}"),
            Ok(got) => compare(&got, &case["expected"], name),
        }
    }
}

fn chart_case(input: &Value) -> Result<Value, ipsrt::Error> {
    let mut chart = LifeChart::new();
    for e in input["episodes"].as_array().unwrap() {
        chart.add_episode(de::<MoodEpisode>(e))?;
    }
    for e in input["events"].as_array().unwrap() {
        chart.add_event(de::<ChartEvent>(e));
    }
    let lb = input["lookback_days"].as_u64().unwrap() as u32;
    let ante: Vec<usize> = chart.with_antecedents(lb).iter().map(|e| e.preceded_by.len()).collect();
    Ok(json!({
        "counts": chart.counts(),
        "antecedent_counts": ante,
        "pathway_counts": chart.pathway_counts(lb),
        "precipitant_counts": chart.precipitant_counts(lb),
        "well_intervals_days": chart.well_intervals_days(),
    }))
}

#[test]
fn life_chart() {
    for case in cases("life_chart.json") {
        let name = case["name"].as_str().unwrap();
        match chart_case(&case["input"]) {
            Err(e) => assert_eq!(Some(e.kind().as_str()), case["expected"]["error"].as_str(), "{name}: {e}"),
            Ok(got) => {
                assert!(case["expected"].get("error").is_none(), "{name}: expected an error");
                assert_eq!(got, case["expected"], "{name}");
            }
        }
    }
}

fn due_json(d: &ipsrt::ipsrt::DueTime) -> Value {
    json!({
        "anchor": d.anchor,
        "diary_date": d.diary_date,
        "local": d.due.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "instant": d.instant.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "adjustment": d.adjustment,
    })
}

#[test]
fn due_times() {
    use ipsrt::ipsrt::{Anchor, next_due, overdue};
    use ipsrt::time::ZonedDateTime;
    for case in cases("due_times.json") {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let anchors: Vec<(Anchor, ClockTime)> = de(&input["anchors"]);
        let now: ZonedDateTime = de(&input["now"]);
        let due = match input["kind"].as_str().unwrap() {
            "next_due" => next_due(&anchors, &now).unwrap(),
            _ => {
                let recorded: Vec<(NaiveDate, Anchor)> = de(&input["recorded"]);
                let grace = input["grace_minutes"].as_u64().unwrap() as u32;
                overdue(&anchors, &now, de(&input["since"]), grace, &recorded).unwrap()
            }
        };
        let got: Vec<Value> = due.iter().map(due_json).collect();
        assert_eq!(json!(got), case["expected"]["due"], "{name}");
    }
}

#[test]
fn rhythm_plan() {
    use ipsrt::ipsrt::{PlanSettings, RhythmPlan, RhythmPlanRecord};
    for case in cases("rhythm_plan.json") {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let record = RhythmPlanRecord {
            settings: PlanSettings::default(),
            baseline_start: de(&input["baseline_start"]),
            events: de(&input["events"]),
        };
        match RhythmPlan::try_from(record) {
            Err(e) => assert_eq!(Some(e.kind().as_str()), case["expected"]["error"].as_str(), "{name}: {e}"),
            Ok(plan) => {
                assert!(case["expected"].get("error").is_none(), "{name}: expected an error");
                let targets: Vec<Value> = plan
                    .targets()
                    .iter()
                    .map(|t| json!({"anchor": t.anchor, "current": t.current, "target": t.target}))
                    .collect();
                assert_eq!(json!({"stage": plan.stage(), "targets": targets}), case["expected"], "{name}");
            }
        }
    }
}
