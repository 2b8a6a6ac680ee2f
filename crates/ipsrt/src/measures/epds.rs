//! EPDS, the Edinburgh Postnatal Depression Scale (Cox, Holden & Sagovsky 1987).
//!
//! Self-report; recall window the past 7 days. 10 items scored 0–3, total 0–30. Items 1, 2 and
//! 4 score 0→3 down the printed page; items 3 and 5–10 are **reverse-scored** (3→0 down the
//! page). Answers are always the *scored* value: convert a ticked box with
//! [`crate::measures::instrument::Item::scored_value_of_position`], so the reversal is never
//! lost.
//!
//! **Licence: the item text does not ship.** © 1987 The Royal College of Psychiatrists; copying
//! for distribution to others or republication, in print, online or by any other medium, needs
//! its written permission. Only item topics, scoring rules and cut-offs are here.
//!
//! **Item 10 (thoughts of harming oneself)**: any score above 0 raises a safety signal
//! (safety check), whatever the total. Bands: ≥ 10 possible depression (more sensitive), ≥ 13
//! probable depression. LOINC panel 71354-5.
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId, SafetyLevel};
//!
//! // Total 1, below every cut-off, but item 10 is positive.
//! let mut values = vec![Some(0); 10];
//! values[9] = Some(1);
//! let s = measures::score_values(InstrumentId::Epds, &values, None)?;
//! assert_eq!(s.total, Some(1));
//! assert_eq!(s.safety_level(), Some(SafetyLevel::SafetyCheck));
//! // A ticked box is converted: item 10's first printed option scores 3.
//! let item10 = measures::builtin(InstrumentId::Epds).item("epds_10").unwrap();
//! assert_eq!(item10.scored_value_of_position(0), Some(3));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{self, SafetyLevel};
use crate::source::{Cited, Evidence, Source};

/// Id of the item-10 safety rule.
pub const ITEM10_SAFETY: &str = "epds_item10";

const TOPICS: [&str; 10] = [
    "able_to_laugh",
    "looking_forward",
    "self_blame",
    "anxious_or_worried",
    "scared_or_panicky",
    "things_getting_on_top",
    "sleep_difficulty_from_unhappiness",
    "sad_or_miserable",
    "crying",
    "self_harm_thoughts",
];

/// Builds the EPDS definition (use [`crate::measures::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = (0..10)
        .map(|i| Item {
            id: format!("epds_{}", i + 1),
            number: (i + 1) as u8,
            loinc: None,
            min: 0,
            max: 3,
            scored: true,
            text: None,
            topic: TOPICS.get(i).map_or_else(String::new, |s| (*s).to_string()),
            options: Vec::new(),
            // items 3 and 5–10 (0-based 2 and 4..=9)
            reverse_scored: i == 2 || i >= 4,
        })
        .collect();
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    Instrument {
        id: "epds".into(),
        version: "1".into(),
        title: "Edinburgh Postnatal Depression Scale (EPDS)".into(),
        administration: "self-report; recall window: the past 7 days".into(),
        source: Source::new("COX-1987", "10 items 0–3, total 0–30; items 3 and 5–10 reverse-scored", Evidence::Verified),
        licence: Licence::ItemTextNotShipped {
            note: "© 1987 The Royal College of Psychiatrists: written permission is required for copying and distribution to others or for republication, in print, online or by any other medium. The item text is therefore not shipped; a host holding permission supplies it. Answers are scored values (after reversal), never box positions.".into(),
        },
        loinc_panel: Some("71354-5".into()),
        loinc_total: None,
        stem: None,
        items,
        band_schemes: vec![BandScheme {
            id: "cox_1987".into(),
            bands: vec![
                band("below_threshold", "Below the threshold of 10", 0, 9),
                band("possible_depression", "Possible depression (≥ 10, the more sensitive threshold)", 10, 12),
                band("probable_depression", "Probable depression: assess (≥ 13)", 13, 30),
            ],
            source: Source::new("COX-1987", "≥ 13 assess for depression; ≥ 10 where more sensitivity is needed", Evidence::Verified),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new("ipsrt-design", "no published prorating rule: every item must be answered, or choose a policy", Evidence::Design),
        ),
        change: ChangeRules::default(),
        safety: vec![safety::rule(
            ITEM10_SAFETY,
            "epds_10",
            "thoughts of harming oneself: assess further, even when the total is below the cut-off",
            vec![(
                1,
                SafetyLevel::SafetyCheck,
                Source::new("COX-1987", "item 10: any score above 0 must prompt further assessment", Evidence::Verified),
            )],
        )],
    }
}
