//! `ipsrt course replay`: output and exit codes on the shipped examples.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).current_dir(root).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn replays_the_example_course() {
    let (code, out, _) = run(&["course", "replay", "examples/course_role_dispute.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("phase:      middle"), "{out}");
    assert!(out.contains("12 held, 1 missed, 0 cancelled; 3 of 16 remaining"), "{out}");
    assert!(out.contains("focus:      role dispute (renegotiation, with partner)"), "{out}");
    assert!(out.contains("warning:    termination not yet raised, 3 sessions left"), "{out}");
}

#[test]
fn rejected_event_exits_1_with_index_and_reason() {
    let (code, _, err) = run(&["course", "replay", "examples/course_rejected.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("event 13 (counting from 0; middle_phase_started"), "{err}");
    assert!(err.contains("the formulation has not been accepted"), "{err}");
}

#[test]
fn malformed_input_exits_2() {
    let dir = std::env::temp_dir().join(format!("ipsrt-course-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"events\": [").unwrap();
    let (code, _, err) = run(&["course", "replay", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    std::fs::write(&bad, r#"[{"date": "2026-01-01", "event": {"type": "no_such_event"}}]"#).unwrap();
    let (code, _, err) = run(&["course", "replay", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("event 0 (counting from 0), field event"), "{err}");
    assert!(err.contains("unknown variant `no_such_event`"), "{err}");
    let (code, _, _) = run(&["course", "replay", "test-vectors/persist/ipsrt.course.v1.json"]);
    assert_eq!(code, 0);
    std::fs::remove_dir_all(&dir).ok();
}

/// The v2 fixture ends with an acknowledged PHQ-9 signal and an open HRSD-17 item-3 signal.
#[test]
fn open_safety_signals_are_printed_first() {
    let (code, out, _) = run(&["course", "replay", "test-vectors/persist/ipsrt.course.v2.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("!! OPEN SAFETY SIGNAL (notice) from hrsd17"), "{out}");
    assert!(out.contains("acknowledged 2026-11-24 by Dr. A. de Vries"), "{out}");
}

#[test]
fn an_events_object_with_another_field_is_refused() {
    let dir = std::env::temp_dir().join(format!("ipsrt-course-cli-fields-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("c.json");
    std::fs::write(&f, r#"{"events": [], "evnts": []}"#).unwrap();
    let (code, _, err) = run(&["course", "replay", f.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown field \"evnts\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A course file with an impossible date, a misspelt field or a number for a date: the error
/// names the event (and that it counts from 0), the field and the value, and says what to do.
#[test]
fn malformed_events_name_index_field_and_value() {
    let dir = std::env::temp_dir().join(format!("ipsrt-course-fields-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let text = std::fs::read_to_string(format!("{root}/examples/course_role_dispute.json")).unwrap();
    let events: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases: [(usize, &str, serde_json::Value, &[&str]); 3] = [
        (
            4,
            "date",
            serde_json::json!("2026-02-30"),
            &["event 4 (counting from 0), field date: \"2026-02-30\" is not valid", "fix that value"],
        ),
        (
            3,
            "date",
            serde_json::json!(20260901),
            &["event 3 (counting from 0), field date: `20260901` is not valid", "fix that value"],
        ),
        (
            5,
            "notes",
            serde_json::json!("x"),
            &["event 5 (counting from 0)", "unknown field `notes`", "fix the spelling"],
        ),
    ];
    for (i, (index, field, value, says)) in cases.into_iter().enumerate() {
        let mut bad = events.clone();
        bad[index][field] = value;
        let path = dir.join(format!("bad{i}.json"));
        std::fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        let (code, _, err) = run(&["course", "replay", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
        for s in says {
            assert!(err.contains(s), "case {i}: {err:?} lacks {s:?}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_summary_shows_the_course_attributes() {
    let (code, out, err) = run(&["course", "replay", "test-vectors/persist/ipsrt.course.v4.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("population: perinatal"), "{out}");
    assert!(out.contains("delivery:   1 in person, 9 phone, 2 video, 1 not recorded (attended sessions)"), "{out}");
    assert!(out.contains("medication: sertraline from 2026-09-21 (stopped 2026-12-01) — combined treatment"), "{out}");
    assert!(
        out.contains("termination tasks: loss expressed done; independent competence done; aftercare agreed skipped"),
        "{out}"
    );
    assert!(
        out.contains("deviation:  termination task aftercare_agreed left out — after-care arranged by the GP"),
        "{out}"
    );
    let (code, out, _) = run(&["course", "replay", "test-vectors/persist/ipsrt.course.v4.json", "--locale", "nl"]);
    assert_eq!(code, 0);
    assert!(out.contains("afspraken over de nazorg gemaakt vervallen"), "{out}");
}

/// Deficits chosen despite the evidence (the v5 fixture up to the choice) prints the warning with
/// its evidence, in English and Dutch; the whole fixture (acknowledged) prints none.
#[test]
fn deficits_warning_is_printed_until_acknowledged() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let text = std::fs::read_to_string(format!("{root}/test-vectors/persist/ipsrt.course.v5.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let events = &v["data"]["events"].as_array().unwrap()[..10];
    let dir = std::env::temp_dir().join(format!("ipsrt-course-cli-deficits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deficits.json");
    std::fs::write(&file, serde_json::to_string(events).unwrap()).unwrap();
    let (code, out, err) = run(&["course", "replay", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("warning:    interpersonal deficits is the focus, but other areas may apply (life events near onset: death 2026-05-02 → grief; deceased: mum; open conflicts: partner"), "{out}");
    let (_, out, _) = run(&["--locale", "nl", "course", "replay", file.to_str().unwrap()]);
    assert!(out.contains("interpersoonlijke tekorten is de focus") && out.contains("overleden: mum"), "{out}");
    let (code, out, _) = run(&["course", "replay", "test-vectors/persist/ipsrt.course.v5.json"]);
    assert_eq!(code, 0);
    assert!(!out.contains("interpersonal deficits is the focus"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
