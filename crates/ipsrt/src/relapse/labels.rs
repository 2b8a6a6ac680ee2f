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
//!
//! // The statement shown with alert levels, with the plan's crisis numbers.
//! let plan = ipsrt::relapse::RelapsePlan::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), ipsrt::relapse::Region::Nl);
//! assert_eq!(plan.disclaimer_in(Locale::En), plan.disclaimer());
//! assert!(plan.disclaimer_in(Locale::Nl).contains("In nood, bel (Nederland): 113 Zelfmoordpreventie"));
//! ```

use super::alert::AlertLevel;
use super::crisis_lines::Region;
use super::plan::RelapsePlan;
use super::thresholds::LevelGuidance;
use crate::i18n::{self, Locale, Localize};

impl Localize for AlertLevel {
    /// `"Early warning"`, `"Vroege signalen"`, ...; in English the same text as its `Display`.
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("alert-level-{}", self.as_str()), &[], &self.to_string())
    }
}

impl Localize for Region {
    /// The country's name (`"the Netherlands"`, `"Nederland"`); in English the same as
    /// [`Region::name`].
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("region-{}", self.code().to_ascii_lowercase()), &[], self.name())
    }
}

impl RelapsePlan {
    /// The statement to show with alert levels, naming the plan's crisis numbers, in `locale`
    /// (the patient's language); in English the same as [`RelapsePlan::disclaimer`]. The
    /// contacts' names are the plan's data and are not translated.
    pub fn disclaimer_in(&self, locale: Locale) -> String {
        let numbers: Vec<String> = self
            .crisis_contacts()
            .iter()
            .map(|c| format!("{} {}", c.name, c.phone.as_deref().unwrap_or_default()))
            .collect();
        let numbers = numbers.join("; ");
        match self.region {
            Some(r) => i18n::text_or(
                locale,
                "disclaimer-region",
                &[("region", r.label_in(locale).into()), ("numbers", numbers.into())],
                &self.disclaimer(),
            ),
            None => i18n::text_or(locale, "disclaimer", &[("numbers", numbers.into())], &self.disclaimer()),
        }
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
