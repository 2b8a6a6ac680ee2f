//! Bounded messages: an error that quotes input quotes at most `limits::QUOTE_CHARS` characters
//! of it and its length, so a 10 MB value gives a message of a few hundred bytes. One test per
//! reader that quotes what it was given.

use chrono::NaiveDate;
use ipsrt::group::PersonId;
use ipsrt::ips::{EmploymentJourney, Job, JourneyEvent};
use ipsrt::ipsrt::{MedicationLog, ScheduledDose};
use ipsrt::limits::{MAX_MESSAGE_BYTES, bound_message};
use ipsrt::persist::{check_any, from_json};
use ipsrt::srm::{Diary, ItemId, ScoringOptions, Status};
use ipsrt::time::{ClockTime, ZonedDateTime, parse_date, parse_zone};

/// 10 MB of text, as in the filed finding.
fn huge() -> String {
    "7".repeat(10_000_000)
}

/// The message is short, quotes the start of the value and gives its full length.
fn assert_bounded(msg: &str) {
    assert!(msg.len() < 1024, "message of {} bytes: {}", msg.len(), bound_message(msg));
    assert!(msg.contains("777…"), "the start of the value is quoted: {msg}");
    assert!(msg.contains("(10000000 bytes)"), "the length is given: {msg}");
}

#[test]
fn time_readers_quote_a_huge_value_briefly() {
    let h = huge();
    assert_bounded(&h.parse::<ClockTime>().unwrap_err().to_string());
    assert_bounded(&parse_date(&h).unwrap_err().to_string());
    assert_bounded(&parse_zone(&h).unwrap_err().to_string());
    assert_bounded(&ZonedDateTime::parse(&h, "Europe/Amsterdam").unwrap_err().to_string());
    assert_bounded(&ZonedDateTime::parse("2026-03-29T02:30", &h).unwrap_err().to_string());
}

#[test]
fn srm_parsers_quote_a_huge_value_briefly() {
    let h = huge();
    assert_bounded(&h.parse::<ItemId>().unwrap_err().to_string());
    assert_bounded(&Status::parse(&h).unwrap_err().to_string());
}

#[test]
fn persist_quotes_a_huge_schema_name_briefly() {
    let h = huge();
    let wrong = format!(r#"{{"schema":"{h}","version":1,"data":{{}}}}"#);
    assert_bounded(&from_json::<ScoringOptions>(&wrong).unwrap_err().to_string());
    assert_bounded(&check_any(&wrong).unwrap_err().to_string());
}

#[test]
fn persist_cuts_serde_messages_that_quote_input() {
    let h = huge();
    // An unknown variant: serde quotes it whole in backticks.
    let variant = format!(r#"{{"schema":"ipsrt.srm_diary","version":1,"data":{{"form":"{h}"}}}}"#);
    let e = from_json::<Diary>(&variant).unwrap_err().to_string();
    assert!(e.len() < 1024 && e.contains("(10000000 bytes)"), "{}", bound_message(&e));
    // A string where a number belongs: serde quotes it whole in double quotes.
    let typed = format!(r#"{{"schema":"ipsrt.srm_scoring_options","version":2,"data":{{"hit_window_min":"{h}"}}}}"#);
    let e = from_json::<ScoringOptions>(&typed).unwrap_err().to_string();
    assert!(e.len() < 1024 && e.contains("(10000000 bytes)"), "{}", bound_message(&e));
    // A huge unknown field name.
    let field = format!(r#"{{"schema":"ipsrt.srm_scoring_options","version":2,"data":{{"{h}":1}}}}"#);
    let e = from_json::<ScoringOptions>(&field).unwrap_err().to_string();
    assert!(e.len() < 1024, "{}", bound_message(&e));
}

#[test]
fn group_person_ids_are_quoted_briefly() {
    assert_bounded(&PersonId::new(huge()).unwrap_err().to_string());
}

#[test]
fn medication_dose_ids_are_quoted_briefly() {
    let dose = |id: &str| ScheduledDose {
        id: id.to_owned(),
        medication: "lithium".into(),
        time: "21:00".parse().unwrap(),
        anchor: None,
    };
    let h = huge();
    assert_bounded(&MedicationLog::new(vec![dose(&h), dose(&h)]).unwrap_err().to_string());
    let mut log = MedicationLog::new(vec![dose("evening")]).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    assert_bounded(&log.record_taken_at(&h, day, "21:00".parse().unwrap()).unwrap_err().to_string());
}

#[test]
fn ips_employers_are_quoted_briefly() {
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut j = EmploymentJourney::enrol("P1", day).unwrap();
    j.apply(JourneyEvent::JobSearchStarted { date: day }).unwrap();
    let job = Job { employer: huge(), title: None, hours_per_week: 20.0, hourly_wage: None, competitive: false };
    assert_bounded(&j.apply(JourneyEvent::JobStarted { date: day, job }).unwrap_err().to_string());
}

#[test]
fn bound_message_caps_any_message() {
    let e = format!("some reader's error quoting {:?} and more", huge());
    assert!(bound_message(&e).len() <= MAX_MESSAGE_BYTES + 64);
}
