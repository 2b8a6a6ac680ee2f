//! WSAS, the Work and Social Adjustment Scale (Mundt, Marks, Shear & Greist 2002).
//!
//! Self-report of functional impairment in five areas (work, home management, social leisure,
//! private leisure, close relationships), each 0 (not at all impaired) to 8 (very severely
//! impaired); total 0–40. Bands: < 10 subclinical, 10–20 significant impairment, > 20 moderately
//! severe or worse. No safety item. Item text is not shipped (its licence terms could not be
//! confirmed). No LOINC code was found.
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId};
//!
//! let s = measures::score_values(InstrumentId::Wsas, &[Some(4), Some(4), Some(4), Some(4), Some(5)], None)?;
//! assert_eq!(s.total, Some(21));
//! let band = s.band_in(measures::builtin(InstrumentId::Wsas), None)?.map(|b| b.band.id);
//! assert_eq!(band.as_deref(), Some("moderately_severe"));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{Band, BandScheme, ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::source::{Cited, Evidence, Source};

const TOPICS: [&str; 5] = ["work", "home_management", "social_leisure", "private_leisure", "close_relationships"];

/// Builds the WSAS definition (use [`crate::measures::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    let items = TOPICS
        .iter()
        .enumerate()
        .map(|(i, topic)| Item {
            id: format!("wsas_{}", i + 1),
            number: (i + 1) as u8,
            loinc: None,
            min: 0,
            max: 8,
            scored: true,
            text: None,
            topic: (*topic).into(),
            options: Vec::new(),
            reverse_scored: false,
        })
        .collect();
    let band = |id: &str, label: &str, min, max| Band { id: id.into(), label: label.into(), min, max };
    Instrument {
        id: "wsas".into(),
        version: "1".into(),
        title: "Work and Social Adjustment Scale (WSAS)".into(),
        administration: "self-report".into(),
        source: Source::new("MUNDT-2002", "5 items 0–8, total 0–40", Evidence::Verified),
        licence: Licence::ItemTextNotShipped {
            note: "printed in Mundt et al. 2002 (Br J Psychiatry); reuse terms could not be confirmed, so the item text is not shipped. A host supplies it.".into(),
        },
        loinc_panel: None,
        loinc_total: None,
        stem: None,
        items,
        band_schemes: vec![BandScheme {
            id: "mundt_2002".into(),
            bands: vec![
                band("subclinical", "Subclinical (< 10)", 0, 9),
                band("significant", "Significant functional impairment, less severe (10–20)", 10, 20),
                band("moderately_severe", "Moderately severe or worse (> 20)", 21, 40),
            ],
            source: Source::new("MUNDT-2002", "> 20 moderately severe or worse; 10–20 significant impairment; < 10 subclinical", Evidence::Verified),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new("ipsrt-design", "no published prorating rule: every item must be answered, or choose a policy", Evidence::Design),
        ),
        change: ChangeRules::default(),
        safety: Vec::new(),
    }
}
