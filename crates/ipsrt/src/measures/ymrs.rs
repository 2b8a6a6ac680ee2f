//! YMRS, the Young Mania Rating Scale (Young et al. 1978). **Copyrighted (RCPsych; permission
//! needed)**: the scoring rules and cut-offs ship, the item text does not.
//!
//! Clinician-rated, previous 48 hours; 11 items, items 5, 6, 8 and 9 scored 0–8
//! (double-weighted), the others 0–4; total 0–60. ≥ 12 = hypomania/mania, < 12 = remission;
//! response ≥ 50 % reduction.
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//!
//! let ymrs = builtin(InstrumentId::Ymrs);
//! assert_eq!(ymrs.total_range(), (0, 60));
//! assert_eq!(ymrs.items.iter().filter(|i| i.max == 8).count(), 4);
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Cutoff, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::source::{Cited, Evidence, Source};

/// Item topics and maximum scores in form order (not the copyrighted item text).
pub const ITEMS: [(&str, i32); 11] = [
    ("elevated_mood", 4),
    ("motor_activity_energy", 4),
    ("sexual_interest", 4),
    ("sleep", 4),
    ("irritability", 8),
    ("speech", 8),
    ("language_thought_disorder", 4),
    ("content", 8),
    ("disruptive_aggressive_behaviour", 8),
    ("appearance", 4),
    ("insight", 4),
];

/// Builds the YMRS definition (use [`crate::measures::instrument::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = ITEMS
        .iter()
        .enumerate()
        .map(|(i, &(topic, max))| Item {
            id: format!("ymrs_{}", i + 1),
            number: (i + 1) as u8,
            loinc: None,
            min: 0,
            max,
            scored: true,
            text: None,
            topic: topic.into(),
            options: Vec::new(),
            reverse_scored: false,
        })
        .collect();
    Instrument {
        id: "ymrs".into(),
        version: "2".into(),
        title: "Young Mania Rating Scale (YMRS)".into(),
        administration: "clinician-rated; recall window: the previous 48 hours".into(),
        source: Source::new("YOUNG-1978", "11 items, 5/6/8/9 scored 0–8, others 0–4, total 0–60", Evidence::Verified),
        licence: Licence::ItemTextNotShipped {
            note: "© Royal College of Psychiatrists (BJPsych); treat as copyrighted, permission needed. Load the item text from a licensed source.".into(),
        },
        loinc_panel: None,
        loinc_total: None,
        stem: None,
        items,
        band_schemes: vec![BandScheme {
            id: "young_1978".into(),
            bands: vec![
                Band { id: "remission".into(), label: "Below 12: remission".into(), min: 0, max: 11 },
                Band { id: "mania".into(), label: "12 or more: hypomania/mania".into(), min: 12, max: 60 },
            ],
            source: Source::new("YOUNG-1978", "≥ 12 hypomania/mania", Evidence::Verified),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new(
                "ipsrt-design",
                "clinician-rated, no published missing-item rule: a rater completes every item",
                Evidence::Design,
            ),
        ),
        safety: Vec::new(),
        change: ChangeRules {
            response_reduction_percent: Some(Cited::new(
                50,
                // Not in Young 1978: later bipolar trials use this definition.
                Source::new("ipsrt-design", "response ≥ 50 % reduction, as used in later mania trials (not defined by Young 1978)", Evidence::ManualRecalled),
            )),
            remission: Some(Cited::new(
                Cutoff::LessThan(12),
                // Not in Young 1978: later bipolar trials use this definition.
                Source::new("ipsrt-design", "remission < 12 (≤ 12 in some trials), as used in later mania trials (not defined by Young 1978)", Evidence::ManualRecalled),
            )),
            minimal_important_change: None,
            relapse: None,
        },
    }
}
