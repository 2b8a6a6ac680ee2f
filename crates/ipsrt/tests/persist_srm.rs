//! Frozen persisted forms of the SRM types load, and round-trip.

use std::path::PathBuf;

use ipsrt::persist::{from_json, to_json};
use ipsrt::srm::{Diary, ItemId, ScoringOptions, Status, Windows};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/persist").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn scoring_options_v1_loads() {
    let o: ScoringOptions = from_json(&fixture("ipsrt.srm_scoring_options.v1.json")).unwrap();
    assert_eq!(o.sd_floor_min, Some(10));
    assert_eq!(o.windows, Windows::Rolling);
    assert_eq!(from_json::<ScoringOptions>(&to_json(&o)).unwrap(), o);
    // A value out of range in a stored file is refused, not clamped.
    let bad = fixture("ipsrt.srm_scoring_options.v1.json").replace("\"min_occurrences\": 3", "\"min_occurrences\": 9");
    assert!(from_json::<ScoringOptions>(&bad).is_err());
}

#[test]
fn scoring_options_v2_loads_and_v1_migrates_to_kept() {
    use ipsrt::srm::HitValues;
    let v1: ScoringOptions = from_json(&fixture("ipsrt.srm_scoring_options.v1.json")).unwrap();
    assert_eq!(v1.hit_values, HitValues::Kept);
    let o: ScoringOptions = from_json(&fixture("ipsrt.srm_scoring_options.v2.json")).unwrap();
    assert_eq!(o.hit_values, HitValues::All);
    assert_eq!(o.sd_floor_min, Some(30));
    assert_eq!(from_json::<ScoringOptions>(&to_json(&o)).unwrap(), o);
    let bad = fixture("ipsrt.srm_scoring_options.v2.json").replace("\"all\"", "\"every\"");
    assert!(from_json::<ScoringOptions>(&bad).is_err());
}

#[test]
fn diary_v1_loads() {
    let d: Diary = from_json(&fixture("ipsrt.srm_diary.v1.json")).unwrap();
    assert_eq!(d.entries().len(), 5);
    assert_eq!(d.form().target(ItemId::ToBed).map(|t| t.to_string()).as_deref(), Some("23:00"));
    assert_eq!(d.entries()[1].status, Status::Done("00:30".parse().unwrap()));
    // Only the start_work entry (written 2 days later) is late with a 12-hour grace period.
    let late: Vec<ItemId> = d.late_entries().map(|e| e.item).collect();
    assert_eq!(late, vec![ItemId::StartWork]);
    assert_eq!(from_json::<Diary>(&to_json(&d)).unwrap(), d);
    let bad = fixture("ipsrt.srm_diary.v1.json").replace("\"item\": \"dinner\"", "\"item\": \"lunch\"");
    assert!(from_json::<Diary>(&bad).is_err());
}
