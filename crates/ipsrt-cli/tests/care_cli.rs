//! `ipsrt care replay` and `ipsrt care status` on the shipped six-month patient.

use std::process::Command;

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write as _;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipsrt"))
        .args(args)
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn replay_is_deterministic_json() {
    let (code, a, err) = run(&["care", "replay", "examples/care_record.json"], None);
    assert_eq!(code, 0, "{err}");
    let (_, b, _) = run(&["care", "replay", "examples/care_record.json"], None);
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["patient_ref"], "P-0042");
    assert_eq!(v["courses"][1]["previous"], "ipsrt-1");
    assert!(
        v["alerts"].as_array().unwrap().iter().any(|a| a["transition"]["to"] == "crisis" && a["plan_version"] == 1)
    );
}

#[test]
fn status_shows_due_missed_level_plan_version_and_warnings() {
    let (code, out, err) =
        run(&["care", "status", "examples/care_record.json", "--on", "2026-06-30", "--at", "12:00"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("!! 1 open safety warning"), "{out}");
    assert!(out.contains("alert level: Crisis (relapse plan rp version 2, since 2026-06-22)"), "{out}");
    assert!(out.contains("due (1):\n  srm/2026-06-30/21:00"), "{out}");
    assert!(out.contains("missed in the last 28 days (5):"), "{out}");
    assert!(out.contains("course ipsrt-2 (ipsrt_acute, follows ipsrt-1)"), "{out}");
    // Adherence per task over the last 28 days, as a table (the core's counts).
    assert!(out.contains("adherence 2026-06-03 to 2026-06-30 (rate = completed / (completed + missed)"), "{out}");
    assert!(out.contains("  task       what       on time  late  missed  excused  pending   rate\n"), "{out}");
    assert!(out.contains("  srm        srm_diary       22     0       5        0        1    81%\n"), "{out}");

    let (code, json, _) = run(
        &["care", "status", "-", "--on", "2026-03-30", "--format", "json"],
        Some(include_str!("../../../examples/care_record.json")),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["alert"]["level"], "crisis");
    assert_eq!(v["alert"]["plan_version"], 1);
    assert!(!v["alert"]["evidence"].as_array().unwrap().is_empty());
    assert_eq!(v["safety_warnings"][0]["kind"], "safety_answer");
    let srm = &v["adherence"]["tasks"][2];
    assert_eq!(
        (&srm["task"], &srm["on_time"], &srm["missed"], &srm["expected"]),
        (&"srm".into(), &28.into(), &0.into(), &28.into())
    );
    assert_eq!(v["adherence"]["from"], "2026-03-03");
    assert_eq!(srm["completion_rate"], 1.0);
}

#[test]
fn missed_diaries_in_a_row_are_an_observation_in_status_and_replay() {
    // During the June diary gap: the status derives the run itself (no later entry known yet).
    let (code, out, err) = run(&["care", "status", "examples/care_record.json", "--on", "2026-06-13"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("alert level: Watch (relapse plan rp version 2, since 2026-06-13)"), "{out}");
    assert!(out.contains("because: 3 occurrences of task \"srm\" missed in a row"), "{out}");
    assert!(
        out.contains("derived from the schedule: {\"type\":\"missed_occurrences\",\"task\":\"srm\",\"count\":3}"),
        "{out}"
    );
    // The replay reads it at the next entry, with the missed occurrences as evidence.
    let (code, out, err) = run(&["care", "replay", "examples/care_record.json", "--format", "text"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2026-06-13 Green -> Watch (plan rp v2; evidence 3 srm (srm_diary) occurrence(s) missed in a row on 2026-06-13: srm/2026-06-10/21:00, srm/2026-06-11/21:00, srm/2026-06-12/21:00)"), "{out}");
    assert!(out.contains("1 data gap(s), 3 run(s) of missed occurrences"), "{out}");
}

#[test]
fn bad_input_exits_2_and_a_refused_entry_exits_1() {
    let (code, _, err) = run(&["care", "replay", "-"], Some("[{\"id\": 1}]"));
    assert_eq!(code, 2);
    assert!(err.contains("entry 0"), "{err}");
    let (code, _, err) = run(&["care", "status", "examples/care_record.json", "--on", "2026-13-01"], None);
    assert_eq!(code, 2, "{err}");
    // A course event before its course exists is an illegal transition of the course machine.
    let log = r#"[
      {"id": "p", "recorded_at": {"local": "2026-01-05T09:00:00", "zone": "Europe/Amsterdam"}, "effective": "2026-01-05",
       "author": "dr", "event": {"type": "patient_registered", "patient_ref": "p1", "zone": "Europe/Amsterdam"}},
      {"id": "c", "recorded_at": {"local": "2026-01-05T09:01:00", "zone": "Europe/Amsterdam"}, "effective": "2026-01-05",
       "author": "dr", "event": {"type": "course_started", "course": "c1", "protocol": "nope", "taxonomy": "wmk4"}}
    ]"#;
    let (code, _, err) = run(&["care", "replay", "-"], Some(log));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("entry 1"), "{err}");

    // The middle phase cannot start in the initial phase: the course machine refuses, exit 1.
    let mut v: serde_json::Value = serde_json::from_str(include_str!("../../../examples/care_record.json")).unwrap();
    v["data"]["entries"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "bad-1", "recorded_at": {"local": "2026-07-03T12:00:00", "zone": "Europe/Amsterdam"},
        "effective": "2026-07-03", "author": "dr",
        "event": {"type": "course_event", "course": "ipsrt-2", "event": {"type": "middle_phase_started"}}
    }));
    let (code, _, err) = run(&["care", "replay", "-"], Some(&v.to_string()));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad-1") && err.contains("was refused"), "{err}");
}

fn points(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .map(|n| (n.attribute("data-date").unwrap().to_owned(), n.attribute("data-total").unwrap().to_owned()))
        .collect()
}

#[test]
fn chart_draws_every_score_of_every_instrument() {
    let (code, svg, err) = run(&["care", "chart", "examples/care_record.json"], None);
    assert_eq!(code, 0, "{err}");
    // 13 PHQ-9 and 25 ASRM results, one chart each, one point per score.
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("chart")).count(), 2);
    assert_eq!(points(&svg).len(), 13 + 25);
    assert!(svg.contains("P-0042 phq9") && svg.contains("P-0042 asrm"), "titles");
    // Deterministic.
    let (_, again, _) = run(&["care", "chart", "examples/care_record.json"], None);
    assert_eq!(again, svg);
}

#[test]
fn chart_of_one_instrument_has_the_late_result_in_its_date_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("phq9.svg");
    let (code, _, err) =
        run(&["care", "chart", "examples/care_record.json", "--instrument", "phq9", "-o", out.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    let pts = points(&svg);
    assert_eq!(pts.len(), 13);
    let dates: Vec<&str> = pts.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(&dates[2..5], ["2026-02-02", "2026-02-16", "2026-03-02"]);
    assert!(svg.contains("Reliable change (Jacobson–Truax)"), "reliable change rule");
    assert!(svg.contains("remission: &lt; 5"), "remission threshold");
    // The same from standard input.
    let log = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/care_record.json")).unwrap();
    let (code, piped, err) = run(&["care", "chart", "-", "--instrument", "phq9"], Some(&log));
    assert_eq!(code, 0, "{err}");
    assert_eq!(piped, svg);
}

#[test]
fn chart_as_known_then_and_with_a_baseline() {
    // By the end of 2026-03-02 the late PHQ-9 of 02-16 had not been typed in.
    let (code, svg, err) =
        run(&["care", "chart", "examples/care_record.json", "--instrument", "phq9", "--on", "2026-03-02"], None);
    assert_eq!(code, 0, "{err}");
    let dates: Vec<String> = points(&svg).into_iter().map(|(d, _)| d).collect();
    assert_eq!(dates, ["2026-01-05", "2026-01-19", "2026-02-02", "2026-03-02"]);
    let (code, svg, err) =
        run(&["care", "chart", "examples/care_record.json", "--instrument", "phq9", "--baseline", "2026-06-08"], None);
    assert_eq!(code, 0, "{err}");
    assert!(svg.contains("baseline 2026-06-08 = 8"), "{}", &svg[..400]);
}

#[test]
fn chart_refuses_what_it_cannot_draw_and_says_why() {
    let cases: [(&[&str], &str); 4] = [
        (&["--instrument", "gad7"], "choose an instrument it has scores for (phq9, asrm)"),
        (&["--instrument", "phq-10"], "--instrument"),
        (&["--instrument", "phq9", "--baseline", "2026-02-03"], "2026-02-03"),
        (&["--on", "2026-01-04"], "2026-01-04"),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["care", "chart", "examples/care_record.json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args, None);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(out.is_empty(), "{extra:?}: nothing on stdout");
        assert!(err.contains(needle), "{extra:?}: {err}");
    }
}

#[test]
fn migrate_writes_a_care_log_that_replays_to_the_stored_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("care.json");
    let out_s = out.to_str().unwrap();
    let files = [
        "examples/plan.json",
        "test-vectors/persist/ipsrt.course.v6.json",
        "test-vectors/persist/ipsrt.episode_course.v2.json",
        "examples/ipsrt/rhythm_plan.json",
        "examples/ipsrt/medication_log.json",
        "test-vectors/persist/ipsrt.srm_diary.v1.json",
        "test-vectors/persist/ipsrt.schedule.v1.json",
        "test-vectors/persist/ipsrt.employment_journey.v2.json",
    ];
    let mut args = vec!["care", "migrate"];
    args.extend(files);
    args.extend(["--patient", "P-7", "--zone", "Europe/Amsterdam", "--author", "migration 2026-12", "-o", out_s]);
    let (code, stdout, err) = run(&args, None);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let (code, a, err) = run(&["care", "replay", out_s], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["patient_ref"], "P-7");
    assert_eq!(v["courses"][0]["id"], "c1");
    assert_eq!(v["ips_journey"], "A");
    let ep: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../test-vectors/persist/ipsrt.episode_course.v2.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(v["episode"], ep["data"]);
    // The same files give the same log, byte for byte (to standard output here).
    let mut again = vec!["care", "migrate"];
    again.extend(files);
    again.extend(["--patient", "P-7", "--zone", "Europe/Amsterdam", "--author", "migration 2026-12"]);
    let (code, b, _) = run(&again, None);
    assert_eq!(code, 0);
    assert_eq!(b, std::fs::read_to_string(&out).unwrap());
}

#[test]
fn migrate_refuses_unsupported_kinds_undated_scores_and_left_out_facts() {
    let base = ["--patient", "P-7", "--zone", "Europe/Amsterdam"];
    let go = |files: &[&str], extra: &[&str]| {
        let mut args = vec!["care", "migrate"];
        args.extend(files);
        args.extend(base);
        args.extend(extra);
        run(&args, None)
    };
    // A kind with no care entry names the file and the kind.
    let (code, _, err) = go(&["examples/care_record.json"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("examples/care_record.json") && err.contains("\"ipsrt.care_log\""), "{err}");
    // A stored score needs its date.
    let (code, _, err) = go(&["test-vectors/persist/ipsrt.measure_score.v2.json"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--score DATE=FILE"), "{err}");
    let (code, _, err) = go(&["examples/plan.json"], &["--score", "2026-03-02"]);
    assert_eq!(code, 2);
    assert!(err.contains("DATE=FILE"), "{err}");
    // A bare document without envelope.
    let (code, _, err) = go(&["examples/course_rejected.json"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("no envelope"), "{err}");
    // An IPSRT course migrates whole (its protocol, tasks and phases): nothing is left out.
    let (code, out, err) = go(&["examples/ipsrt/ipsrt_course.json", "examples/plan.json"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not migrated"), "{err}");
    assert!(out.contains("\"ipsrt.care_log\"") && out.contains("\"ipsrt_course_started\""), "{out}");
    assert!(out.contains("\"task_done\"") && out.contains("\"intermediate_started\""), "{out}");
    // Two diaries: the record holds one.
    let d = "test-vectors/persist/ipsrt.srm_diary.v1.json";
    let (code, _, err) = go(&[d, d], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("2 documents"), "{err}");
}
