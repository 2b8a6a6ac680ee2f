//! The bad-input catalogue (`test-vectors/bad-input/catalogue.json`, documented in
//! `docs/bad-input.md`): every row is driven through the public API and must fail with the
//! expected error kind, a message containing the expected phrases, and an actionable message
//! (it says what to do). Rows marked `accepted` document inputs that are deliberately not errors.

use std::path::PathBuf;

use chrono::NaiveDate;
use ipsrt::course::{Course, EventRecord};
use ipsrt::measures::{self, Answers, InstrumentId, MissingPolicy, ScoreOptions};
use ipsrt::persist::{MAX_JSON_BYTES, check_any, check_any_slice, registry};
use ipsrt::relapse::{AlertMachine, Observation, RelapsePlan, RiskBasis, recurrence_risk};
use ipsrt::srm::batch::{BatchOutput, BatchSpec};
use ipsrt::srm::long_format::{Columns, DiaryStream};
use ipsrt::srm::{Diary, Entry, Form, ItemId, Mood, PeopleCode, ScoringOptions, Status, Week, score_batch, score_week};
use ipsrt::time::{ClockTime, ZonedDateTime, parse_date, parse_zone};
use ipsrt::{Error, ErrorKind};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected a string, got {v}"))
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn load(input: &Value) -> Result<(), Error> {
    let schema = s(&input["schema"]);
    let reg = registry().iter().find(|r| r.schema == schema).unwrap_or_else(|| panic!("no schema {schema}"));
    let text = load_text(input);
    (reg.reload)(&text).map(|_| ()).map_err(Error::from)
}

/// The document a `load` row describes (also the care log of `care_score_series`).
fn load_text(input: &Value) -> String {
    let schema = s(&input["schema"]);
    let fixture = || std::fs::read_to_string(root().join(format!("test-vectors/persist/{schema}.v1.json"))).unwrap();
    if let Some(t) = input.get("text") {
        s(t).to_owned()
    } else if let Some(j) = input.get("json") {
        j.to_string()
    } else if input.get("fixture").is_some() {
        fixture()
    } else if let Some(n) = input.get("fixture_prefix") {
        fixture().chars().take(n.as_u64().unwrap() as usize).collect()
    } else if let Some(r) = input.get("fixture_replace") {
        let f = fixture();
        let (from, to) = (s(&r[0]), s(&r[1]));
        assert!(f.contains(from), "{schema} fixture has no {from}");
        f.replacen(from, to, 1)
    } else if let Some(n) = input.get("nested_depth") {
        let n = n.as_u64().unwrap() as usize;
        format!("{{\"schema\":\"{schema}\",\"version\":1,\"data\":{}{}}}", "[".repeat(n), "]".repeat(n))
    } else if let Some(n) = input.get("size_bytes") {
        let n = n.as_u64().unwrap() as usize;
        let head = format!("{{\"schema\":\"{schema}\",\"version\":1,\"data\":{{}},\"pad\":\"");
        let mut t = head.clone();
        t.push_str(&" ".repeat(n.saturating_sub(head.len() + 2)));
        t.push_str("\"}");
        assert!(t.len() > MAX_JSON_BYTES);
        t
    } else {
        panic!("load: unknown input {input}")
    }
}

/// A `care_migrate` row: stored files (each read by the kind its envelope names, one value
/// replaced if asked) migrated with `care::migrate::to_care_log`.
fn care_migrate(input: &Value) -> Result<(), Error> {
    use ipsrt::care::migrate::{StoredCare, to_care_log};
    use ipsrt::persist::from_json as load;
    let docs = input["documents"].as_array().unwrap();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(root().join(s(&d["file"]))).unwrap();
            match d.get("replace") {
                Some(r) => {
                    assert!(text.contains(s(&r[0])), "{} has no {}", s(&d["file"]), s(&r[0]));
                    text.replacen(s(&r[0]), s(&r[1]), 1)
                }
                None => text,
            }
        })
        .collect();
    let schema = |t: &str| serde_json::from_str::<Value>(t).unwrap()["schema"].as_str().unwrap().to_owned();
    let mut diaries = Vec::new();
    let mut meds = Vec::new();
    let mut scores = Vec::new();
    let mut ipsrt_courses = Vec::new();
    let mut plans = Vec::new();
    for (d, t) in docs.iter().zip(&texts) {
        let id = d.get("id").map(|i| s(i).to_owned()).unwrap_or_default();
        match schema(t).as_str() {
            "ipsrt.srm_diary" => diaries.push(load::<ipsrt::srm::Diary>(t)?),
            "ipsrt.medication_log" => meds.push(load::<ipsrt::ipsrt::MedicationLog>(t)?),
            "ipsrt.measure_score" => scores.push((day(s(&d["date"])), load::<ipsrt::measures::Score>(t)?)),
            "ipsrt.ipsrt_course" => ipsrt_courses.push((id, load::<ipsrt::ipsrt::IpsrtCourse>(t)?)),
            "ipsrt.relapse_plan" => plans.push((id, load::<ipsrt::relapse::RelapsePlan>(t)?)),
            other => panic!("care_migrate: no kind {other} in the runner"),
        }
    }
    let mut stored = StoredCare::new(s(&input["patient"]), s(&input["zone"]), "bad-input");
    for (id, c) in &ipsrt_courses {
        stored = stored.ipsrt_course(id, c);
    }
    for (id, p) in &plans {
        stored = stored.plan(id, p);
    }
    for d in &diaries {
        stored = stored.diary(d);
    }
    for m in &meds {
        stored = stored.medication(m);
    }
    for (date, sc) in &scores {
        stored = stored.measure(*date, sc);
    }
    to_care_log(&stored).map(|_| ()).map_err(Error::from)
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn srm_batch(input: &Value) -> Result<(), Error> {
    let weeks = input["weeks"].as_u64().unwrap() as usize;
    let out_weeks = input.get("out_weeks").map_or(weeks, |v| v.as_u64().unwrap() as usize);
    let cells = weeks * 35 + input.get("extra_cells").map_or(0, |v| v.as_u64().unwrap() as usize);
    let (mut score, mut hits, mut counted, mut ali) =
        (vec![0.0; out_weeks], vec![0u32; out_weeks], vec![0u32; out_weeks], vec![0u32; out_weeks]);
    let out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
    let spec = BatchSpec::srm5();
    let poison = input.get("poison");
    let result = if s(&input["type"]) == "f64" {
        let mut minutes = vec![420.0f64; cells];
        if let Some(p) = poison {
            minutes[17] = match p {
                Value::String(t) => t.parse::<f64>().unwrap(),
                v => v.as_f64().unwrap(),
            };
        }
        score_batch(&minutes, &spec, out)
    } else {
        let mut minutes = vec![420i32; cells];
        if let Some(p) = poison {
            minutes[17] = p.as_i64().unwrap() as i32;
        }
        score_batch(&minutes, &spec, out)
    };
    result.map_err(Error::from)
}

fn relapse_observe(input: &Value) -> Result<(), Error> {
    let plan = RelapsePlan::new(day("2026-03-01"), ipsrt::relapse::Region::Nl);
    let mut machine = AlertMachine::new();
    for o in input.as_array().unwrap() {
        let obs: Observation = serde_json::from_value(o.clone()).unwrap();
        let before = machine.clone();
        if let Err(e) = machine.observe(&plan, obs) {
            assert_eq!(machine, before, "a rejected observation changed the machine");
            return Err(e.into());
        }
    }
    Ok(())
}

/// `schedule_evaluate`: the frozen schedule and zone-history fixtures, the row's completions,
/// range and "now".
fn schedule_evaluate(input: &Value) -> Result<(), Error> {
    use ipsrt::schedule::{Completion, Schedule, ScheduleRecords, ZoneHistory};
    let fixture =
        |schema: &str| std::fs::read_to_string(root().join(format!("test-vectors/persist/{schema}.v1.json"))).unwrap();
    let schedule: Schedule = ipsrt::persist::from_json(&fixture("ipsrt.schedule")).unwrap();
    let zones: ZoneHistory = ipsrt::persist::from_json(&fixture("ipsrt.zone_history")).unwrap();
    let completions: Vec<Completion> =
        serde_json::from_value(input.get("completions").cloned().unwrap_or(Value::Array(vec![]))).unwrap();
    let records = ScheduleRecords::new(vec![], completions, vec![])?;
    let now = chrono::DateTime::parse_from_rfc3339(s(&input["now"])).unwrap().with_timezone(&chrono::Utc);
    schedule
        .evaluate(&zones, &records, day(s(&input["from"])), day(s(&input["to"])), now)
        .map(|_| ())
        .map_err(Error::from)
}

/// `group_rules`: a format's default rules with the values of `set` (the core's serde form of
/// each rule's value), made into a group.
fn group_rules(input: &Value) -> Result<(), Error> {
    use ipsrt::group::{Group, GroupRules, GroupType};
    let t: GroupType = serde_json::from_value(input["group_type"].clone()).unwrap();
    let mut rules = serde_json::to_value(GroupRules::for_type(t)).unwrap();
    for (field, value) in input["set"].as_object().unwrap() {
        rules[field]["value"] = value.clone();
    }
    let rules: GroupRules = serde_json::from_value(rules).unwrap();
    Group::new(rules).map(|_| ()).map_err(Error::from)
}

/// `srm_scoring_options`: the default options with the row's fields, used to score a week.
fn srm_scoring_options(input: &Value) -> Result<(), Error> {
    let mut options = serde_json::to_value(ScoringOptions::default()).unwrap();
    for (field, value) in input.as_object().unwrap() {
        options[field] = value.clone();
    }
    let options: ScoringOptions = serde_json::from_value(options).unwrap();
    score_week(&Week::new(Form::Srm5, day("2026-01-05")), &options).map(|_| ()).map_err(Error::from)
}

fn run(call: &str, input: &Value) -> Result<(), Error> {
    match call {
        "clock_time" => s(input).parse::<ClockTime>().map(|_| ()).map_err(Error::from),
        "clock_minutes" => ClockTime::from_minutes(input.as_i64().unwrap()).map(|_| ()).map_err(Error::from),
        "clock_hm" => ClockTime::from_hm(input[0].as_u64().unwrap() as u32, input[1].as_u64().unwrap() as u32)
            .map(|_| ())
            .map_err(Error::from),
        // A time value with seconds (Kotlin LocalTime, Python datetime.time) crosses as its
        // text with the seconds: Rust's ClockTime has none, so the text is what Rust can refuse.
        "clock_time_value" => {
            let [h, m, sec] = [0, 1, 2].map(|i| input[i].as_u64().unwrap());
            format!("{h:02}:{m:02}:{sec:02}").parse::<ClockTime>().map(|_| ()).map_err(Error::from)
        }
        "date" => parse_date(s(input)).map(|_| ()).map_err(Error::from),
        "zone" => parse_zone(s(input)).map(|_| ()).map_err(Error::from),
        "locale" => s(input).parse::<ipsrt::i18n::Locale>().map(|_| ()).map_err(Error::from),
        "zoned_datetime" => {
            ZonedDateTime::parse(s(&input["local"]), s(&input["zone"])).map(|_| ()).map_err(Error::from)
        }
        "zoned_to_utc" => {
            let z = ZonedDateTime::parse(s(&input["local"]), s(&input["zone"]))?;
            z.to_utc().map(|_| ()).map_err(Error::from)
        }
        "load" => load(input),
        "group_rules" => group_rules(input),
        "srm_scoring_options" => srm_scoring_options(input),
        "srm_form" => serde_json::from_value::<Form>(input.clone()).unwrap().validate().map_err(Error::from),
        "load_any" => check_any(s(input)).map(|_| ()).map_err(Error::from),
        "load_bytes" => check_any_slice(&hex(s(&input["hex"]))).map(|_| ()).map_err(Error::from),
        "srm_item" => s(input).parse::<ItemId>().map(|_| ()).map_err(Error::from),
        "srm_status" => Status::parse(s(input)).map(|_| ()).map_err(Error::from),
        "srm_mood" => Mood::new(input.as_i64().unwrap()).map(|_| ()).map_err(Error::from),
        "srm_people" => PeopleCode::try_from(input.as_u64().unwrap() as u8).map(|_| ()).map_err(Error::from),
        "srm_week_set" => {
            let mut week = Week::new(Form::Srm5, day("2026-01-05"));
            let before = week.clone();
            let item: ItemId = s(&input["item"]).parse()?;
            let result = week.set(item, input["day"].as_u64().unwrap() as usize, Status::parse(s(&input["status"]))?);
            if result.is_err() {
                assert_eq!(week, before, "a rejected set changed the week");
            }
            result.map_err(Error::from)
        }
        "srm_score_week" => {
            let mut week = Week::new(Form::Srm5, day("2026-01-05"));
            for c in input["cells"].as_array().unwrap() {
                week.set(s(&c[0]).parse()?, c[1].as_u64().unwrap() as usize, Status::parse(s(&c[2]))?)?;
            }
            let scored = score_week(&week, &ScoringOptions::default())?;
            assert_eq!(scored.score, None, "the catalogue's weeks are not scorable: no score, never 0");
            Ok(())
        }
        "srm_batch" => srm_batch(input),
        "srm_long_format" => {
            let header: Vec<&str> = s(&input["header"]).split(',').collect();
            let mut stream = DiaryStream::new(Form::Srm5, Columns::from_header(&header)?);
            let rows = input["rows"].as_array().expect("rows");
            for (i, r) in rows.iter().enumerate() {
                let fields: Vec<&str> = s(r).split(',').collect();
                stream.push(i as u64 + 2, &fields)?;
            }
            Ok(())
        }
        "srm_diary_duplicate" => {
            let mut diary = Diary::new(Form::Srm5);
            let d = day("2026-01-05");
            diary.add(Entry::new(d, ItemId::OutOfBed, Status::parse(s(&input["first"]))?))?;
            diary.add(Entry::new(d, ItemId::OutOfBed, Status::parse(s(&input["second"]))?))?;
            let week = diary.week_starting(d);
            assert_eq!(week.status(ItemId::OutOfBed, 0), Status::parse(s(&input["first"]))?, "first done entry wins");
            assert_eq!(diary.entries().len(), 2);
            Ok(())
        }
        "srm_diary_correct" => {
            let mut diary = Diary::new(Form::Srm5);
            let d = day("2026-01-05");
            diary.add(Entry::new(d, ItemId::OutOfBed, Status::parse("07:00")?))?;
            let before = diary.clone();
            let item: ItemId = s(&input["item"]).parse()?;
            let r = match s(&input["op"]) {
                "replace" => diary.replace(Entry::new(d, item, Status::NotDone)).map(|_| ()),
                _ => diary.remove(d, item).map(|_| ()),
            };
            assert_eq!(diary, before, "a refused correction changed the diary");
            r.map_err(Error::from)
        }
        "measure_values" => {
            let id: InstrumentId = s(&input["instrument"]).parse()?;
            let values: Vec<Option<i32>> =
                input["values"].as_array().unwrap().iter().map(|v| v.as_i64().map(|x| x as i32)).collect();
            let policy: Option<MissingPolicy> = input.get("policy").map(|p| serde_json::from_value(p.clone()).unwrap());
            measures::score_values(id, &values, policy).map(|_| ()).map_err(Error::from)
        }
        "measure_float_answer" => {
            let _: InstrumentId = s(&input["instrument"]).parse()?;
            let value = input["value"].as_f64().unwrap();
            measures::score::Answers::answer_from_f64(s(&input["item"]), value).map(|_| ()).map_err(Error::from)
        }
        "measure_answers" => {
            let id: InstrumentId = s(&input["instrument"]).parse()?;
            let mut answers = Answers::new();
            for (item, v) in input["answers"].as_object().unwrap() {
                answers.set(item.clone(), v.as_i64().unwrap() as i32);
            }
            measures::score::score(measures::builtin(id), &answers, &ScoreOptions::default())
                .map(|_| ())
                .map_err(Error::from)
        }
        "score_series" => {
            use ipsrt::measures::series::{ReliableChangeParams, ScoreSeries, SeriesOptions, SeriesPoint};
            let id: InstrumentId = s(&input["instrument"]).parse()?;
            let points: Vec<SeriesPoint> = serde_json::from_value(input["points"].clone()).unwrap();
            let baseline = input.get("baseline").map(|b| day(s(b)));
            let reliable_change = input
                .get("reliable_change")
                .map(|v| serde_json::from_value::<ReliableChangeParams>(v.clone()).unwrap());
            let series = ScoreSeries::new(id, points, baseline)?;
            series.evaluate(&SeriesOptions { band_scheme: None, reliable_change }).map(|_| ()).map_err(Error::from)
        }
        "care_score_series" => {
            let log: ipsrt::care::CareLog = ipsrt::persist::from_json(&load_text(input))?;
            let record = ipsrt::care::CareRecord::replay(&log)?;
            let id: InstrumentId = s(&input["instrument"]).parse()?;
            let baseline = input.get("baseline").map(|b| day(s(b)));
            record.score_series(id, baseline).map(|_| ()).map_err(Error::from)
        }
        "care_migrate" => care_migrate(input),
        "instrument_id" => s(input).parse::<InstrumentId>().map(|_| ()).map_err(Error::from),
        "relapse_observe" => relapse_observe(input),
        "relapse_observe_typed" => {
            // The typed observation (Kotlin's `Observed.Phq9(total = 28, ...)`): built as a value.
            let observed: ipsrt::relapse::Observed = serde_json::from_value(input.clone()).unwrap();
            relapse_observe(&serde_json::json!([{ "date": "2026-03-05", "observed": observed }]))
        }
        "recurrence_risk" => {
            recurrence_risk(RiskBasis::Literature, input.as_u64().unwrap() as u32).map(|_| ()).map_err(Error::from)
        }
        "schedule_evaluate" => schedule_evaluate(input),
        "occurrence_id" => ipsrt::schedule::OccurrenceId::parse(s(input)).map(|_| ()).map_err(Error::from),
        "course_replay" => {
            let events: Vec<EventRecord> = serde_json::from_value(input.clone()).unwrap();
            Course::replay(&events).map(|_| ()).map_err(Error::from)
        }
        other => panic!("unknown call {other}"),
    }
}

fn document() -> Value {
    let text = std::fs::read_to_string(root().join("test-vectors/bad-input/catalogue.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn catalogue() -> Vec<Value> {
    document()["cases"].as_array().unwrap().clone()
}

/// Phrases that tell the reader what to do (the catalogue's `actionable` list, shared with the
/// binding suites). Every error message of the catalogue must contain at least one.
fn actionable() -> Vec<String> {
    let doc = document();
    let list: Vec<String> = doc["actionable"]
        .as_array()
        .expect("catalogue.json has an actionable list")
        .iter()
        .map(|p| s(p).to_owned())
        .collect();
    assert!(!list.is_empty(), "the actionable list is empty");
    list
}

#[test]
fn every_catalogue_row_fails_as_documented() {
    let cases = catalogue();
    let actionable = actionable();
    assert!(cases.len() >= 50, "the catalogue must list at least 50 kinds of bad input");
    let mut failures = Vec::new();
    for case in &cases {
        let name = s(&case["name"]);
        let call = s(&case["call"]);
        if call == "srm_csv_file" || call == "measure_csv_file" {
            continue; // whole files through `ipsrt srm score`: crates/ipsrt-cli/tests/bad_input_csv.rs
        }
        if case["not_in"].get("rust").is_some() {
            continue; // a signed integer only a binding can pass (checked in the next test)
        }
        let expected = &case["expected"];
        let outcome = std::panic::catch_unwind(|| run(call, &case["input"]));
        let Ok(result) = outcome else {
            failures.push(format!("{name}: PANICKED"));
            continue;
        };
        match (result, expected.get("error")) {
            (Ok(()), None) => {}
            (Ok(()), Some(kind)) => failures.push(format!("{name}: accepted, expected a {kind} error")),
            (Err(e), None) => failures.push(format!("{name}: expected acceptance, got {:?}: {e}", e.kind())),
            (Err(e), Some(kind)) => {
                let msg = e.to_string();
                if e.kind().as_str() != s(kind) {
                    failures.push(format!("{name}: kind {} (expected {kind}): {msg}", e.kind()));
                }
                for phrase in expected["says"].as_array().unwrap() {
                    if !msg.contains(&operations_named(s(phrase))) {
                        failures.push(format!("{name}: message lacks {phrase}: {msg}"));
                    }
                }
                if !actionable.iter().any(|p| msg.contains(p.as_str())) {
                    failures.push(format!("{name}: message does not say what to do: {msg}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} rows fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn catalogue_rows_are_unique_and_documented() {
    let cases = catalogue();
    let mut names: Vec<&str> = cases.iter().map(|c| s(&c["name"])).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate row names");
    let doc = std::fs::read_to_string(root().join("docs/bad-input.md")).unwrap();
    for case in &cases {
        assert!(
            doc.contains(s(&case["name"])),
            "docs/bad-input.md lacks row {:?}: run scripts/dev/gen_bad_input.py",
            case["name"]
        );
        let kind = case["expected"].get("error").map_or("accepted", |k| s(k));
        let covered: Vec<&str> = case["covered_by"].as_array().unwrap().iter().map(s).collect();
        match case["not_in"].get("rust") {
            // Rust's types cannot hold the input: only a binding's signed integer can.
            Some(why) => {
                assert!(!covered.contains(&"rust"), "{:?}: not_in.rust but covered by rust", case["name"]);
                assert!(s(why).contains("Rust") && !covered.is_empty(), "{:?}: {why}", case["name"]);
                assert!(
                    case["input"].as_i64().is_some_and(|v| v < 0)
                        || case["input"]
                            .as_object()
                            .is_some_and(|o| o.values().any(|v| v.as_i64().is_some_and(|v| v < 0))),
                    "{:?}: only a negative integer may be left to the bindings",
                    case["name"]
                );
            }
            None => assert_eq!(covered.first(), Some(&"rust"), "{:?}: Rust runs every row", case["name"]),
        }
        assert!(kind == "accepted" || serde_json::from_value::<ErrorKind>(Value::from(kind)).is_ok(), "{kind}");
    }
}

/// A catalogue phrase with each `{op:NAME}` replaced by the operation's Rust name (its
/// `Display`, the JSON name); a NAME that is no `ipsrt::operation::Operation` fails the test.
fn operations_named(phrase: &str) -> String {
    let mut out = String::new();
    let mut rest = phrase;
    while let Some(start) = rest.find("{op:") {
        let (before, tail) = rest.split_at(start);
        let end = tail.find('}').expect("an {op: without its closing brace");
        let name = &tail[4..end];
        let op = ipsrt::operation::Operation::from_json_name(name)
            .unwrap_or_else(|| panic!("{{op:{name}}} names no ipsrt::operation::Operation"));
        out.push_str(before);
        out.push_str(&op.to_string());
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}
