//! Shared vectors in `test-vectors/time/`: lenient local → instant conversion across
//! daylight-saving gaps and overlaps, with the instants Python's `zoneinfo` gives (the same rule
//! as `java.time`), and a property test of the same rule on many transitions.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use ipsrt::time::{TimeError, ZonedDateTime};
use proptest::prelude::*;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/time/lenient.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let v = doc["cases"].as_array().unwrap().clone();
    assert!(v.len() >= 20);
    v
}

#[test]
fn lenient_conversion_matches_zoneinfo() {
    for c in cases() {
        let name = c["name"].as_str().unwrap();
        let at =
            ZonedDateTime::parse(c["input"]["local"].as_str().unwrap(), c["input"]["zone"].as_str().unwrap()).unwrap();
        let expected: DateTime<Utc> = c["expected"]["instant"].as_str().unwrap().parse().unwrap();
        assert_eq!(at.to_utc_lenient(), expected, "{name}");
        // The strict conversion refuses exactly the gap times and otherwise agrees.
        match (c["expected"]["kind"].as_str().unwrap(), at.to_utc()) {
            ("gap", Err(TimeError::NonexistentLocalTime { .. })) => {}
            ("single" | "overlap", Ok(t)) => assert_eq!(t, expected, "{name}"),
            (kind, other) => panic!("{name}: kind {kind}, strict gave {other:?}"),
        }
    }
}

const ZONES: [&str; 5] =
    ["Europe/Amsterdam", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Europe/London"];

/// The days from 1990 to 2037 on which the zone's UTC offset changes (noon to noon).
fn transition_days(zone: chrono_tz::Tz) -> Vec<NaiveDate> {
    let offset = |d: NaiveDate| zone.offset_from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap()).fix();
    let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2038, 1, 1).unwrap();
    start.iter_days().take_while(|d| *d < end).filter(|d| offset(d.pred_opt().unwrap()) != offset(*d)).collect()
}

/// Where the strict conversion succeeds the lenient one agrees; in a gap the lenient instant is
/// the local time read with the offset in force a day earlier (before the gap), so shown back in
/// the zone it is later by the gap's length (30 or 60 minutes in these zones).
fn check(zone: chrono_tz::Tz, local: chrono::NaiveDateTime) -> Result<bool, String> {
    let at = ZonedDateTime::new(local, zone);
    let lenient = at.to_utc_lenient();
    match at.to_utc() {
        Ok(t) if t == lenient => Ok(false),
        Ok(t) => Err(format!("{local} {zone}: strict {t}, lenient {lenient}")),
        Err(_) => {
            let before = zone.offset_from_utc_datetime(&(lenient - Duration::days(1)).naive_utc()).fix();
            if lenient != (local - before).and_utc() {
                return Err(format!("{local} {zone}: lenient {lenient} is not read with the offset before the gap"));
            }
            let moved = (ZonedDateTime::from_utc(lenient, zone).local - local).num_minutes();
            if moved != 30 && moved != 60 {
                return Err(format!("{local} {zone}: moved {moved} minutes"));
            }
            Ok(true)
        }
    }
}

#[test]
fn every_minute_of_every_transition_night_1990_to_2037() {
    let mut gaps = 0;
    for name in ZONES {
        let zone = ipsrt::time::parse_zone(name).unwrap();
        let days = transition_days(zone);
        assert!(days.len() >= 2 * 47, "{name}: {} transitions", days.len());
        for day in days {
            for minute in 0..(5 * 60) {
                let local = day.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(minute);
                gaps += usize::from(check(zone, local).unwrap());
            }
        }
    }
    assert!(gaps > 5 * 47 * 30, "only {gaps} gap minutes seen");
}

proptest! {
    /// The same rule at random minutes of random transition nights, and at random minutes of
    /// random days.
    #[test]
    fn lenient_rule_holds(zone_i in 0usize..ZONES.len(), pick in any::<prop::sample::Index>(), minute in 0i64..(24 * 60), days in 0i64..(48 * 365)) {
        let zone = ipsrt::time::parse_zone(ZONES[zone_i]).unwrap();
        let nights = transition_days(zone);
        let night = *pick.get(&nights);
        let local = night.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(minute);
        prop_assert!(check(zone, local).is_ok(), "{:?}", check(zone, local));
        let any_day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + Duration::days(days) + Duration::minutes(minute);
        prop_assert!(check(zone, any_day).is_ok(), "{:?}", check(zone, any_day));
    }
}
