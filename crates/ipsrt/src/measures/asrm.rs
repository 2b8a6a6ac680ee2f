//! ASRM, the Altman Self-Rating Mania Scale (Altman et al. 1997). **Copyrighted (Elsevier)**:
//! the scoring rules and cut-off ship, the item text does not; a host holding a licence supplies
//! the text for the five stable item ids.
//!
//! Self-report, past week; 5 items 0–4, total 0–20. Cut-off ≥ 6 = high probability of a manic
//! or hypomanic condition (band scheme `"altman_1997"`). Published missing-item rule: one missing
//! item is prorated, two missing make the questionnaire invalid, so the default policy is
//! `prorate:1`.
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//! use ipsrt::measures::score::{score, Answers, ScoreOptions};
//!
//! let asrm = builtin(InstrumentId::Asrm);
//! assert!(asrm.items.iter().all(|i| i.text.is_none()));
//! // 2+2+1+1 with item 5 missing, prorated: 6 × 20/16 = 7.5 → 8.
//! let a = Answers::from_ordered(asrm, &[Some(2), Some(2), Some(1), Some(1), None])?;
//! let s = score(asrm, &a, &ScoreOptions::default())?;
//! assert_eq!(s.total, Some(8));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::source::{Cited, Evidence, Source};

/// Item topics in form order (not the copyrighted item text).
pub const TOPICS: [&str; 5] = ["elevated_mood", "self_confidence", "sleep", "speech", "activity"];

/// Builds the ASRM definition (use [`crate::measures::instrument::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = TOPICS
        .iter()
        .enumerate()
        .map(|(i, topic)| Item {
            id: format!("asrm_{}", i + 1),
            number: (i + 1) as u8,
            loinc: None,
            min: 0,
            max: 4,
            scored: true,
            text: None,
            topic: (*topic).into(),
            options: Vec::new(),
            reverse_scored: false,
        })
        .collect();
    Instrument {
        id: "asrm".into(),
        version: "1".into(),
        title: "Altman Self-Rating Mania Scale (ASRM)".into(),
        administration: "self-report; recall window: the past week".into(),
        source: Source::new("ALTMAN-1997", "5 items 0–4, total 0–20", Evidence::Verified),
        licence: Licence::ItemTextNotShipped {
            note: "© Elsevier; a licence fee is required (CamCOPS, RightsLink 2013). Load the item text from a licensed source.".into(),
        },
        loinc_panel: None,
        loinc_total: None,
        stem: None,
        items,
        band_schemes: vec![BandScheme {
            id: "altman_1997".into(),
            bands: vec![
                Band { id: "below_cutoff".into(), label: "Below cut-off: mania less likely".into(), min: 0, max: 5 },
                Band {
                    id: "probable_mania".into(),
                    label: "At or above cut-off 6: high probability of a manic or hypomanic condition".into(),
                    min: 6,
                    max: 20,
                },
            ],
            source: Source::new("ALTMAN-1997", "cut-off ≥ 6 (sensitivity 85.5 %, specificity 87.3 %)", Evidence::Verified),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::ProrateUpTo { max_missing: 1 },
            Source::new("ALTMAN-1997", "one missing item: prorate; two missing: invalid", Evidence::Verified),
        ),
        change: ChangeRules::default(),
        safety: Vec::new(),
    }
}
