//! HRSD-17, the Hamilton Rating Scale for Depression (Hamilton 1960), public domain.
//!
//! Clinician-rated; recall window the past week. 17 items, nine scored 0–4 and eight 0–2;
//! total 0–52. Two band schemes: the common clinical one (`"clinical"`, the default; Hamilton
//! 1960 gives no bands) and the empirical one of Zimmerman et al. 2013 (`"zimmerman_2013"`).
//! Remission ≤ 7 (FRANK-1991 consensus), response ≥ 50 % reduction. Item 3 (suicide) raises a
//! safety signal: 1 → notice, 2 → safety check (RUCCI-2011), ≥ 3 → crisis.
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//! use ipsrt::measures::score::{score, Answers, ScoreOptions};
//!
//! let hrsd = builtin(InstrumentId::Hrsd17);
//! assert_eq!(hrsd.total_range(), (0, 52));
//! let mut a = Answers::new();
//! for item in hrsd.scored_items() { a.set(item.id.clone(), 1); }
//! let s = score(hrsd, &a, &ScoreOptions::default())?;
//! assert_eq!(s.total, Some(17));
//! assert_eq!(s.band_in(hrsd, Some("clinical"))?.map(|b| b.band.id), Some("moderate".into()));
//! assert_eq!(s.band_in(hrsd, Some("zimmerman_2013"))?.map(|b| b.band.id), Some("moderate".into()));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Cutoff, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{self, SafetyLevel};
use crate::source::{Cited, Evidence, Source};

/// Id of the item-3 (suicide) safety rule.
pub const ITEM3_SAFETY: &str = "hrsd17_item3";

/// Item topics and maximum scores in form order.
pub const ITEMS: [(&str, i32); 17] = [
    ("depressed_mood", 4),
    ("guilt", 4),
    ("suicide", 4),
    ("early_insomnia", 2),
    ("middle_insomnia", 2),
    ("late_insomnia", 2),
    ("work_and_activities", 4),
    ("retardation", 4),
    ("agitation", 4),
    ("psychic_anxiety", 4),
    ("somatic_anxiety", 4),
    ("gastrointestinal_somatic", 2),
    ("general_somatic", 2),
    ("genital", 2),
    ("hypochondriasis", 4),
    ("weight_loss", 2),
    ("insight", 2),
];

/// Builds the HRSD-17 definition (use [`crate::measures::instrument::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = ITEMS
        .iter()
        .enumerate()
        .map(|(i, &(topic, max))| Item {
            id: format!("hrsd17_{}", i + 1),
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
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    Instrument {
        id: "hrsd17".into(),
        version: "2".into(),
        title: "Hamilton Rating Scale for Depression, 17 items (HRSD-17)".into(),
        administration: "clinician-rated; recall window: the past week".into(),
        source: Source::new("HAMILTON-1960", "17 items, 0–4 / 0–2, total 0–52", Evidence::ManualRecalled),
        licence: Licence::Free {
            note: "public domain (\"The HAM-D is in the public domain\", NINDS CDE). Anchor texts are not bundled; only topics are.".into(),
        },
        loinc_panel: None,
        loinc_total: None,
        stem: None,
        items,
        band_schemes: vec![
            BandScheme {
                id: "clinical".into(),
                bands: vec![
                    band("normal", "Normal", 0, 7),
                    band("mild", "Mild", 8, 13),
                    band("moderate", "Moderate", 14, 18),
                    band("severe", "Severe", 19, 22),
                    band("very_severe", "Very severe", 23, 52),
                ],
                // Hamilton 1960 gives no bands. This is the widely used clinical scheme that
                // Zimmerman et al. 2013 set out to test empirically; its original publication was
                // not read, so it is cited as recalled.
                source: Source::new(
                    "ZIMMERMAN-2013",
                    "the common clinical scheme 0–7/8–13/14–18/19–22/≥ 23 that the study examines (not the study's own empirical bands)",
                    Evidence::ManualRecalled,
                ),
            },
            BandScheme {
                id: "zimmerman_2013".into(),
                bands: vec![
                    band("none", "No depression", 0, 7),
                    band("mild", "Mild", 8, 16),
                    band("moderate", "Moderate", 17, 23),
                    band("severe", "Severe", 24, 52),
                ],
                source: Source::new("ZIMMERMAN-2013", "empirical bands 0–7 / 8–16 / 17–23 / ≥ 24", Evidence::Verified),
            },
        ],
        flags: Vec::new(),
        safety: vec![safety::rule(
            ITEM3_SAFETY,
            "hrsd17_3",
            "suicide item: from feeling life is not worth living (1) to a suicide attempt (4)",
            vec![
                (
                    1,
                    SafetyLevel::Notice,
                    Source::new("ipsrt-design", "item 3 at 1 (life not worth living): bring to the clinician's notice", Evidence::Design),
                ),
                (
                    2,
                    SafetyLevel::SafetyCheck,
                    Source::new("RUCCI-2011", "suicidal ideation: HRSD suicide item ≥ 2", Evidence::Verified),
                ),
                (
                    3,
                    SafetyLevel::Crisis,
                    Source::new(
                        "ipsrt-design",
                        "item 3 ≥ 3 (suicidal ideas or gesture, attempt): trials exclude such patients as high risk; mapped to crisis",
                        Evidence::Design,
                    ),
                ),
            ],
        )],
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new(
                "ipsrt-design",
                "clinician-rated, no published missing-item rule: a rater completes every item",
                Evidence::Design,
            ),
        ),
        change: ChangeRules {
            response_reduction_percent: Some(Cited::new(
                50,
                Source::new("FRANK-1991", "response ≥ 50 % reduction", Evidence::Verified),
            )),
            remission: Some(Cited::new(
                Cutoff::AtMost(7),
                Source::new("FRANK-1991", "remission HRSD-17 ≤ 7 (1991 consensus)", Evidence::Verified),
            )),
            minimal_important_change: None,
            relapse: None,
        },
    }
}
