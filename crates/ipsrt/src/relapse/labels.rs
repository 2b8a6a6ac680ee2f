//! The labels of relapse prevention in every [`Locale`]: alert levels, and the default
//! guidance per level that a plan shows the patient.
//!
//! ```
//! use ipsrt::i18n::{Locale, Localize};
//! use ipsrt::relapse::{AlertLevel, LevelGuidance};
//!
//! assert_eq!(AlertLevel::Crisis.label_in(Locale::Nl), "Crisis");
//! assert_eq!(AlertLevel::Watch.label_in(Locale::Nl), "Opletten");
//! // A plan written for a Dutch-speaking patient starts from the Dutch default words.
//! let nl = LevelGuidance::default_in(Locale::Nl);
//! assert_eq!(nl.green, vec!["Volg je dagelijkse onderhoudsplan.".to_string()]);
//! assert_eq!(LevelGuidance::default_in(Locale::En), LevelGuidance::default());
//! ```

use super::alert::AlertLevel;
use super::thresholds::LevelGuidance;
use crate::i18n::{self, Locale, Localize};

impl Localize for AlertLevel {
    /// `"Early warning"`, `"Vroege signalen"`, ...; in English the same text as its `Display`.
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("alert-level-{}", self.as_str()), &[], &self.to_string())
    }
}

/// The numbered messages `guidance-<list>-1`, `-2`, ... of `locale`, in order; the English
/// default words when the locale has none.
fn words(locale: Locale, list: &str, english: &[String]) -> Vec<String> {
    let found: Vec<String> = (1..).map_while(|n| i18n::message(locale, &format!("guidance-{list}-{n}"))).collect();
    if found.is_empty() { english.to_vec() } else { found }
}

impl LevelGuidance {
    /// The default words of a plan for each level, in `locale` (the patient's language). In
    /// English the same as [`LevelGuidance::default`]; the source is the same in every locale.
    /// The words are stored in the plan as text, so a plan keeps the language it was written in.
    pub fn default_in(locale: Locale) -> LevelGuidance {
        let en = LevelGuidance::default();
        LevelGuidance {
            green: words(locale, "green", &en.green),
            watch: words(locale, "watch", &en.watch),
            early_warning: words(locale, "early_warning", &en.early_warning),
            breaking_down: words(locale, "breaking_down", &en.breaking_down),
            crisis: words(locale, "crisis", &en.crisis),
            manic_prodrome: words(locale, "manic_prodrome", &en.manic_prodrome),
            depressive_prodrome: words(locale, "depressive_prodrome", &en.depressive_prodrome),
            source: en.source,
        }
    }
}
