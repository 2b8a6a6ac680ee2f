//! GAD-7, the Generalized Anxiety Disorder 7-item scale (Spitzer, Kroenke, Williams & Löwe 2006).
//!
//! Self-report; recall window the last 2 weeks. 7 items scored 0–3 (the PHQ frequency options);
//! total 0–21. Bands 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe; ≥ 10 is the screening
//! cut-off. Minimal clinically important difference 4 points (TOUSSAINT-2020). No safety item.
//! LOINC panel 69737-5, total 70274-6, items as in the PHQ-SADS panel.
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId};
//!
//! let s = measures::score_values(InstrumentId::Gad7, &[Some(1); 7], None)?;
//! assert_eq!(s.total, Some(7));
//! let band = s.band_in(measures::builtin(InstrumentId::Gad7), None)?.map(|b| b.band.id);
//! assert_eq!(band.as_deref(), Some("mild"));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::source::{Cited, Evidence, Source};

/// LOINC codes of items 1–7 in form order.
pub const ITEM_LOINC: [&str; 7] = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"];

const TOPICS: [&str; 7] = [
    "nervousness",
    "uncontrollable_worry",
    "excessive_worry",
    "trouble_relaxing",
    "restlessness",
    "irritability",
    "fear_of_something_awful",
];

/// Builds the GAD-7 definition (use [`crate::measures::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = (0..7)
        .map(|i| Item {
            id: format!("gad7_{}", i + 1),
            number: (i + 1) as u8,
            loinc: ITEM_LOINC.get(i).map(|s| (*s).to_string()),
            min: 0,
            max: 3,
            scored: true,
            text: None,
            topic: TOPICS.get(i).map_or_else(String::new, |s| (*s).to_string()),
            options: crate::measures::phq9::frequency_options(),
            reverse_scored: false,
        })
        .collect();
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    Instrument {
        id: "gad7".into(),
        version: "1".into(),
        title: "Generalized Anxiety Disorder 7-item scale (GAD-7)".into(),
        administration: "self-report; recall window: the last 2 weeks".into(),
        source: Source::new("SPITZER-2006", "7 items 0–3, total 0–21", Evidence::Verified),
        licence: Licence::Free {
            note: "© Pfizer; the PHQ terms (\"no permission required to reproduce, translate, display or distribute\") are stated for GAD-7 by secondary sources only. The item wording is not bundled: it could not be checked against the official form; a host supplies it.".into(),
        },
        loinc_panel: Some("69737-5".into()),
        loinc_total: Some("70274-6".into()),
        stem: None,
        items,
        band_schemes: vec![BandScheme {
            id: "spitzer_2006".into(),
            bands: vec![
                band("minimal", "Minimal", 0, 4),
                band("mild", "Mild", 5, 9),
                band("moderate", "Moderate", 10, 14),
                band("severe", "Severe", 15, 21),
            ],
            source: Source::new("SPITZER-2006", "cut-points 5, 10, 15 (mild, moderate, severe); ≥ 10 screening cut-off", Evidence::Verified),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new("ipsrt-design", "no published prorating rule: every item must be answered, or choose a policy", Evidence::Design),
        ),
        change: ChangeRules {
            response_reduction_percent: None,
            remission: None,
            minimal_important_change: Some(Cited::new(
                4,
                Source::new("TOUSSAINT-2020", "minimal clinically important difference 4 points", Evidence::Verified),
            )),
            relapse: None,
        },
        safety: Vec::new(),
    }
}
