//! The daily mood rating of the SRM form as a one-item measure: −5 (very depressed) to +5
//! (very elated), 0 = neutral. It has no bands and no change rules: the library reports the
//! raw value (and the SRM module its weekly mean, minimum and maximum), never an interpretation.
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//! use ipsrt::measures::score::{score, Answers, ScoreOptions};
//!
//! let mood = builtin(InstrumentId::DailyMood);
//! let mut a = Answers::new();
//! a.set("mood", -3);
//! assert_eq!(score(mood, &a, &ScoreOptions::default())?.total, Some(-3));
//! a.set("mood", 6);
//! assert!(score(mood, &a, &ScoreOptions::default()).is_err());
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::source::{Cited, Evidence, Source};

/// Builds the daily-mood definition (use [`crate::measures::instrument::builtin`] for the shared copy).
pub fn definition() -> Instrument {
    Instrument {
        id: "daily_mood".into(),
        version: "2".into(),
        title: "Daily mood rating (IPSRT clinical SRM form)".into(),
        administration: "self-report; once a day, about today".into(),
        source: Source::new(
            "FRANK-2005",
            "IPSRT clinical SRM form (SRM-II-5): rate your mood today from −5 (very depressed) to +5 (very elated); the \"very elated\" label is recalled",
            Evidence::ManualRecalled,
        ),
        licence: Licence::Free { note: "a single numeric rating; no protected text".into() },
        loinc_panel: None,
        loinc_total: None,
        stem: Some("Rate your mood today from −5 (very depressed) to +5 (very elated).".into()),
        items: vec![Item {
            id: "mood".into(),
            number: 1,
            loinc: None,
            min: -5,
            max: 5,
            scored: true,
            text: Some("Mood today".into()),
            topic: "mood".into(),
            options: Vec::new(),
            reverse_scored: false,
        }],
        band_schemes: Vec::new(),
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new(
                "ipsrt-design",
                "one item: a missing rating is a missing day, never 0 (neutral)",
                Evidence::Design,
            ),
        ),
        change: ChangeRules::default(),
        safety: Vec::new(),
    }
}
