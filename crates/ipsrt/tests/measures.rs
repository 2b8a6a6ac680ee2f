//! Content-fidelity and scoring tests for the shipped instruments.

use ipsrt::ErrorKind;
use ipsrt::measures::instrument::{InstrumentId, builtin};
use ipsrt::measures::score::{Answers, FlagState, ScoreOptions, TotalStatus, score};
use ipsrt::measures::{MissingPolicy, phq9};
use proptest::prelude::*;

#[test]
fn every_definition_validates_and_bands_partition_the_range() {
    for id in InstrumentId::ALL {
        let def = builtin(id);
        def.validate().unwrap();
        let (lo, hi) = def.total_range();
        for scheme in &def.band_schemes {
            // every total in exactly one band
            for t in lo..=hi {
                let n = scheme.bands.iter().filter(|b| b.min <= t && t <= b.max).count();
                assert_eq!(n, 1, "{} {}: total {t} in {n} bands", def.id, scheme.id);
            }
            assert!(scheme.bands.iter().all(|b| b.min >= lo && b.max <= hi));
        }
    }
}

#[test]
fn validate_rejects_gaps_and_overlaps() {
    let mut def = builtin(InstrumentId::Phq9).clone();
    def.band_schemes[0].bands[1].min = 6; // gap at 5
    assert_eq!(def.validate().unwrap_err().kind(), ErrorKind::InvalidInput);
    let mut def = builtin(InstrumentId::Phq9).clone();
    def.band_schemes[0].bands[1].min = 4; // overlap at 4
    assert!(def.validate().is_err());
    let mut def = builtin(InstrumentId::Phq9).clone();
    def.band_schemes[0].bands[4].max = 26; // does not reach 27
    assert!(def.validate().is_err());
}

#[test]
fn ranges_and_item_counts() {
    let expect = [
        (InstrumentId::Phq9, 9, (0, 27)),
        (InstrumentId::Hrsd17, 17, (0, 52)),
        (InstrumentId::Asrm, 5, (0, 20)),
        (InstrumentId::Ymrs, 11, (0, 60)),
        (InstrumentId::DailyMood, 1, (-5, 5)),
    ];
    for (id, n, range) in expect {
        let def = builtin(id);
        assert_eq!(def.scored_items().count(), n, "{id}");
        assert_eq!(def.total_range(), range, "{id}");
    }
    let hrsd = builtin(InstrumentId::Hrsd17);
    assert_eq!(hrsd.items.iter().filter(|i| i.max == 4).count(), 9);
    assert_eq!(hrsd.items.iter().filter(|i| i.max == 2).count(), 8);
    let ymrs = builtin(InstrumentId::Ymrs);
    let eights: Vec<u8> = ymrs.items.iter().filter(|i| i.max == 8).map(|i| i.number).collect();
    assert_eq!(eights, vec![5, 6, 8, 9]);
}

#[test]
fn phq9_loinc_codes_and_ordinals() {
    let def = builtin(InstrumentId::Phq9);
    assert_eq!(def.loinc_panel.as_deref(), Some("44249-1"));
    assert_eq!(def.loinc_total.as_deref(), Some("44261-6"));
    let codes: Vec<&str> = def.items.iter().filter_map(|i| i.loinc.as_deref()).collect();
    assert_eq!(
        codes,
        ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8", "69722-7"]
    );
    let difficulty = def.item(phq9::DIFFICULTY_ITEM).unwrap();
    assert!(!difficulty.scored);
    for item in def.scored_items() {
        let vals: Vec<i32> = item.options.iter().map(|o| o.value).collect();
        assert_eq!(vals, [0, 1, 2, 3]);
        let la: Vec<&str> = item.options.iter().filter_map(|o| o.loinc.as_deref()).collect();
        assert_eq!(la, ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]);
        assert!(item.text.is_some());
    }
}

#[test]
fn copyrighted_instruments_ship_no_item_text() {
    for id in [InstrumentId::Asrm, InstrumentId::Ymrs] {
        let def = builtin(id);
        assert!(def.items.iter().all(|i| i.text.is_none() && i.options.iter().all(|o| o.label.is_none())));
        assert!(def.stem.is_none());
    }
}

#[test]
fn difficulty_item_is_not_scored() {
    let s = phq9::score_ordered(&[Some(1); 10], None).unwrap();
    assert_eq!(s.total, Some(9));
    assert_eq!(s.n_items, 9);
    assert_eq!(s.n_answered, 9);
}

#[test]
fn item9_flag_under_every_policy() {
    let mut values = vec![None; 9];
    values[8] = Some(1);
    for policy in [MissingPolicy::Strict, MissingPolicy::ProrateUpTo { max_missing: 2 }, MissingPolicy::TreatAsZero] {
        let s = phq9::score_ordered(&values, Some(policy)).unwrap();
        assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(FlagState::Raised), "{policy}");
    }
    let s = phq9::score_ordered(&[Some(0); 9], None).unwrap();
    assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(FlagState::NotRaised));
    let s = phq9::score_ordered(&[Some(3); 8], None).unwrap();
    assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(FlagState::Indeterminate));
}

#[test]
fn syndrome_algorithm() {
    // five items at 2 including item 1 → major
    let s =
        phq9::score_ordered(&[Some(2), Some(0), Some(2), Some(2), Some(2), Some(2), Some(0), Some(0), Some(0)], None)
            .unwrap();
    assert_eq!(s.flag(phq9::MAJOR_SYNDROME_FLAG), Some(FlagState::Raised));
    assert_eq!(s.flag(phq9::OTHER_SYNDROME_FLAG), Some(FlagState::NotRaised));
    // five items at 2 but neither item 1 nor 2 → none
    let s =
        phq9::score_ordered(&[Some(1), Some(1), Some(2), Some(2), Some(2), Some(2), Some(2), Some(0), Some(0)], None)
            .unwrap();
    assert_eq!(s.flag(phq9::MAJOR_SYNDROME_FLAG), Some(FlagState::NotRaised));
    assert_eq!(s.flag(phq9::OTHER_SYNDROME_FLAG), Some(FlagState::NotRaised));
    // item 2 at 3, item 9 at 1 (counts at ≥ 1), item 4 at 2 → 3 items → other
    let s =
        phq9::score_ordered(&[Some(0), Some(3), Some(1), Some(2), Some(1), Some(0), Some(0), Some(0), Some(1)], None)
            .unwrap();
    assert_eq!(s.flag(phq9::OTHER_SYNDROME_FLAG), Some(FlagState::Raised));
    assert_eq!(s.flag(phq9::MAJOR_SYNDROME_FLAG), Some(FlagState::NotRaised));
    // 4 met (incl. item 1) + 1 missing: major indeterminate, other indeterminate
    let s = phq9::score_ordered(&[Some(2), Some(2), Some(2), Some(2), Some(0), Some(0), Some(0), None, Some(0)], None)
        .unwrap();
    assert_eq!(s.flag(phq9::MAJOR_SYNDROME_FLAG), Some(FlagState::Indeterminate));
    assert_eq!(s.flag(phq9::OTHER_SYNDROME_FLAG), Some(FlagState::Indeterminate));
}

#[test]
fn policies_on_boundaries() {
    // PHQ-9: 7 answered at 3, 2 missing
    let v = [Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), None, None];
    let strict = phq9::score_ordered(&v, Some(MissingPolicy::Strict)).unwrap();
    assert_eq!((strict.total, strict.status), (None, TotalStatus::Incomplete { missing: 2 }));
    let pro = phq9::score_ordered(&v, Some(MissingPolicy::ProrateUpTo { max_missing: 2 })).unwrap();
    assert_eq!((pro.total, pro.status), (Some(27), TotalStatus::Prorated { missing: 2 }));
    let pro1 = phq9::score_ordered(&v, Some(MissingPolicy::ProrateUpTo { max_missing: 1 })).unwrap();
    assert_eq!(pro1.total, None);
    let zero = phq9::score_ordered(&v, Some(MissingPolicy::TreatAsZero)).unwrap();
    assert_eq!((zero.total, zero.status), (Some(21), TotalStatus::MissingAsZero { missing: 2 }));
    // prorate rounding half up: 8 answered summing 9 → 9 × 9/8 = 10.125 → 10; 8 summing 4 → 4.5 → 5
    let p =
        |v: &[Option<i32>]| phq9::score_ordered(v, Some(MissingPolicy::ProrateUpTo { max_missing: 2 })).unwrap().total;
    assert_eq!(p(&[Some(3), Some(3), Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), None]), Some(10));
    assert_eq!(p(&[Some(1), Some(1), Some(1), Some(1), Some(0), Some(0), Some(0), Some(0), None]), Some(5));
}

#[test]
fn out_of_range_is_invalid_input() {
    let err = phq9::score_ordered(&[Some(4)], None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let err = phq9::score_ordered(&[Some(0); 11], None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let mut a = Answers::new();
    a.set("phq9_99", 1);
    assert!(score(builtin(InstrumentId::Phq9), &a, &ScoreOptions::default()).is_err());
    assert!(phq9::score_ordered(&[Some(0); 9], Some(MissingPolicy::ProrateUpTo { max_missing: 9 })).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scoring_never_panics_and_stays_in_range(
        which in 0usize..5,
        values in prop::collection::vec(prop::option::of(-12i32..12), 0..20),
        policy in prop_oneof![Just(MissingPolicy::Strict), Just(MissingPolicy::TreatAsZero), (0u8..20).prop_map(|n| MissingPolicy::ProrateUpTo { max_missing: n })],
    ) {
        let id = InstrumentId::ALL[which];
        let def = builtin(id);
        let Ok(answers) = Answers::from_ordered(def, &values) else {
            prop_assert!(values.len() > def.items.len());
            return Ok(());
        };
        match score(def, &answers, &ScoreOptions::with_policy(policy)) {
            Ok(s) => {
                let (lo, hi) = def.total_range();
                if let Some(t) = s.total { prop_assert!(lo <= t && t <= hi); }
                prop_assert_eq!(usize::from(s.n_answered) + s.missing.len(), usize::from(s.n_items));
                if s.missing.is_empty() { prop_assert_eq!(s.total, Some(s.answered_sum)); }
                if id == InstrumentId::Phq9 {
                    let item9 = answers.get("phq9_9");
                    let want = match item9 { Some(v) if v >= 1 => FlagState::Raised, Some(_) => FlagState::NotRaised, None => FlagState::Indeterminate };
                    prop_assert_eq!(s.flag(phq9::ITEM9_FLAG), Some(want));
                }
            }
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::InvalidInput),
        }
    }
}

#[test]
fn persisted_instrument_fixture_loads_and_is_validated() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-vectors/persist/ipsrt.instrument.v1.json"
    ))
    .unwrap();
    let def: ipsrt::measures::Instrument = ipsrt::persist::from_json(&text).unwrap();
    // version 1 of the schema holds version "1" of the PHQ-9 definition (before safety items)
    assert_eq!((def.id.as_str(), def.version.as_str(), def.safety.len()), ("phq9", "1", 0));
    let v2 = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-vectors/persist/ipsrt.instrument.v2.json"
    ))
    .unwrap();
    let def2: ipsrt::measures::Instrument = ipsrt::persist::from_json(&v2).unwrap();
    assert_eq!(&def2, builtin(InstrumentId::Phq9));
    // a definition whose bands leave a gap is refused on load
    let bad = text.replace("\"min\": 5,\n      \"max\": 9", "\"min\": 6,\n      \"max\": 9");
    assert_ne!(bad, text);
    assert!(ipsrt::persist::from_json::<ipsrt::measures::Instrument>(&bad).is_err());
}

fn syndromes(full: &[i32; 9]) -> (bool, bool) {
    let counted: Vec<usize> = (0..9).filter(|&k| full[k] >= if k == 8 { 1 } else { 2 }).collect();
    let req = counted.contains(&0) || counted.contains(&1);
    (req && counted.len() >= 5, req && (2..=4).contains(&counted.len()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The syndrome flags' three-valued logic equals brute force over every completion of the
    /// missing items.
    #[test]
    fn syndrome_flags_match_brute_force(values in prop::collection::vec(prop::option::weighted(0.7, 0i32..4), 9)) {
        prop_assume!(values.iter().filter(|v| v.is_none()).count() <= 5);
        let s = phq9::score_ordered(&values, None).unwrap();
        let missing: Vec<usize> = (0..9).filter(|&k| values[k].is_none()).collect();
        let mut seen = [[false; 2]; 2]; // [flag][value]
        for mut code in 0..4usize.pow(missing.len() as u32) {
            let mut full = [0i32; 9];
            for k in 0..9 { full[k] = values[k].unwrap_or(0); }
            for &k in &missing { full[k] = (code % 4) as i32; code /= 4; }
            let (major, other) = syndromes(&full);
            seen[0][usize::from(major)] = true;
            seen[1][usize::from(other)] = true;
        }
        for (flag, id) in [(0, phq9::MAJOR_SYNDROME_FLAG), (1, phq9::OTHER_SYNDROME_FLAG)] {
            let want = match seen[flag] {
                [true, true] => FlagState::Indeterminate,
                [false, true] => FlagState::Raised,
                _ => FlagState::NotRaised,
            };
            prop_assert_eq!(s.flag(id), Some(want), "{}", id);
        }
    }
}

/// Every shipped suicidality item, with its item id.
const SAFETY_ITEMS: [(InstrumentId, &str); 6] = [
    (InstrumentId::Phq9, "phq9_9"),
    (InstrumentId::Hrsd17, "hrsd17_3"),
    (InstrumentId::Epds, "epds_10"),
    (InstrumentId::Phq9m, "phq9m_9"),
    (InstrumentId::Phq9m, "phq9m_serious_thoughts"),
    (InstrumentId::CssrsScreener, "cssrs_risk"),
];

#[test]
fn every_suicidality_item_has_a_cited_safety_rule() {
    for (id, item) in SAFETY_ITEMS.into_iter().chain([(InstrumentId::Phq9m, "phq9m_lifetime_attempt")]) {
        let def = builtin(id);
        let rule = def.safety.iter().find(|r| r.item == item).unwrap_or_else(|| panic!("{id}: no rule on {item}"));
        for t in &rule.thresholds {
            assert!(t.source.reference().is_some(), "{id} {item}: threshold cited to a bibliography entry");
        }
    }
}

#[test]
fn safety_thresholds_are_configurable_and_checked() {
    use ipsrt::measures::safety::SafetyLevel;
    use ipsrt::source::{Cited, Source};
    let mut hrsd = builtin(InstrumentId::Hrsd17).clone();
    let before = hrsd.clone();
    // a crisis threshold below the safety-check one would break the ordering: refused, unchanged
    assert!(hrsd.set_safety_threshold("hrsd17_item3", SafetyLevel::Crisis, Cited::new(9, Source::local("x"))).is_err());
    assert_eq!(hrsd, before);
    hrsd.set_safety_threshold("hrsd17_item3", SafetyLevel::Crisis, Cited::new(2, Source::local("our protocol")))
        .unwrap();
    let mut a = Answers::new();
    for item in hrsd.scored_items() {
        a.set(item.id.clone(), 0);
    }
    a.set("hrsd17_3", 2);
    let s = score(&hrsd, &a, &ScoreOptions::default()).unwrap();
    assert_eq!(s.safety_level(), Some(SafetyLevel::Crisis));
    assert_eq!(s.safety[0].source.key, "local");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A safety signal depends only on the safety item's raw answer: whatever the other answers,
    /// the missing items and the policy, an answer at or above the lowest threshold raises a
    /// signal on that item, and an answer of 0 raises none.
    #[test]
    fn safety_signal_depends_only_on_the_item(
        which in 0usize..6,
        answer in 0i32..5,
        others in prop::collection::vec(prop::option::of(0i32..9), 20),
        policy in prop::sample::select(vec![MissingPolicy::Strict, MissingPolicy::TreatAsZero, MissingPolicy::ProrateUpTo { max_missing: 1 }]),
    ) {
        let (id, item) = SAFETY_ITEMS[which];
        let def = builtin(id);
        let target = def.item(item).unwrap();
        let answer = answer.min(target.max);
        let mut a = Answers::new();
        for (it, v) in def.items.iter().zip(&others) {
            if let Some(v) = v {
                a.set(it.id.clone(), (*v).clamp(it.min, it.max));
            }
        }
        a.set(item, answer);
        // prorating cannot apply to a one-item result (refused as a policy); strict instead
        let policy = if def.scored_items().count() == 1 { MissingPolicy::Strict } else { policy };
        let s = score(def, &a, &ScoreOptions::with_policy(policy)).unwrap();
        let lowest = def.safety.iter().find(|r| r.item == item).unwrap().thresholds[0].at_least;
        let raised = s.safety.iter().find(|g| g.item == item);
        prop_assert_eq!(raised.is_some(), answer >= lowest);
        if let Some(g) = raised {
            prop_assert_eq!(g.answer, answer);
        }
        prop_assert!(!s.safety_unanswered.contains(&item.to_string()));
    }
}
