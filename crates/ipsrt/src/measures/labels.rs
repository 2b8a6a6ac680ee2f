//! The labels of the measures in every [`Locale`]: instrument names, band labels, flag
//! descriptions, safety-rule texts, item texts where they may be shipped, and flag states.
//!
//! The shipped definitions keep their English texts (they are data that hosts store and
//! compare); these methods look the same texts up by their stable ids in the message
//! catalogue. A host-loaded definition whose ids the catalogue does not know keeps its own
//! texts in every locale.
//!
//! ```
//! use ipsrt::i18n::{Locale, Localize};
//! use ipsrt::measures::{InstrumentId, builtin, phq9};
//!
//! let s = phq9::score_ordered(&[Some(2), Some(2), Some(1), Some(1), Some(1), Some(1), Some(1), Some(1), Some(0)], None)?;
//! assert_eq!(s.total, Some(10));
//! let def = builtin(InstrumentId::Phq9);
//! assert_eq!(def.band_label("moderate", Locale::Nl).as_deref(), Some("Matig"));
//! assert_eq!(InstrumentId::DailyMood.label_in(Locale::Nl), "Dagelijkse stemmingsscore (klinisch SRM-formulier van IPSRT)");
//! // Dutch item texts are not shipped (docs/locales.md says why); English ones are.
//! assert_eq!(def.item_text("phq9_9", Locale::Nl), None);
//! assert!(def.item_text("phq9_9", Locale::En).is_some());
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::i18n::{self, Locale, Localize};
use crate::measures::instrument::{Instrument, InstrumentId, builtin};
use crate::measures::safety::{SafetyLevel, SafetySignal};
use crate::measures::score::{FlagState, Score};

impl Localize for InstrumentId {
    /// The instrument's name (`"Patient Health Questionnaire-9 (PHQ-9)"`).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("instrument-{}", self.as_str()), &[], &builtin(*self).title)
    }
}

impl Localize for SafetyLevel {
    /// `"safety check"`, `"veiligheidsbeoordeling"`, ...
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("safety-level-{}", self.as_str()), &[], self.as_str())
    }
}

impl SafetyLevel {
    /// Every level, lowest first.
    pub const ALL: [SafetyLevel; 3] = [SafetyLevel::Notice, SafetyLevel::SafetyCheck, SafetyLevel::Crisis];
}

impl FlagState {
    /// Every state.
    pub const ALL: [FlagState; 3] = [FlagState::Raised, FlagState::NotRaised, FlagState::Indeterminate];

    /// The stable snake_case name (`"not_raised"`), the same as the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagState::Raised => "raised",
            FlagState::NotRaised => "not_raised",
            FlagState::Indeterminate => "indeterminate",
        }
    }
}

impl Localize for FlagState {
    /// `"raised"`, `"not raised"`, `"indeterminate"` (`"aanwezig"`, ...).
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("flag-state-{}", self.as_str()), &[], self.as_str())
    }
}

impl Instrument {
    /// The instrument's name in `locale`; a definition the catalogue does not know keeps its
    /// own title.
    pub fn title_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("instrument-{}", self.id), &[], &self.title)
    }

    /// The label of the band `band_id` (in any of the instrument's schemes) in `locale`, or
    /// `None` when the instrument has no such band.
    pub fn band_label(&self, band_id: &str, locale: Locale) -> Option<String> {
        let band = self.band_schemes.iter().flat_map(|s| &s.bands).find(|b| b.id == band_id)?;
        Some(i18n::text_or(locale, &format!("band-{}-{}", self.id, band.id), &[], &band.label))
    }

    /// The description of the flag `flag_id` in `locale`, or `None` when there is no such flag.
    pub fn flag_description(&self, flag_id: &str, locale: Locale) -> Option<String> {
        let flag = self.flags.iter().find(|f| f.id == flag_id)?;
        Some(i18n::text_or(locale, &format!("flag-{}-{}", self.id, flag.id), &[], &flag.description))
    }

    /// What a positive answer to the safety rule `rule_id` means, in `locale`, or `None` when
    /// there is no such rule.
    pub fn safety_description(&self, rule_id: &str, locale: Locale) -> Option<String> {
        let rule = self.safety.iter().find(|r| r.id == rule_id)?;
        Some(i18n::text_or(locale, &format!("safety-{}", rule.id), &[], &rule.description))
    }

    /// The text of item `item_id` in `locale`, only where it may be shipped: the definition's
    /// own (English) text in English, a catalogue text `item-<id>` in another locale. `None`
    /// when the item has no shippable text in `locale` (a licensed item, or a translation that
    /// is not shipped); a host holding the text supplies it. No Dutch item text ships in this
    /// release (see `docs/locales.md`).
    pub fn item_text(&self, item_id: &str, locale: Locale) -> Option<String> {
        let item = self.item(item_id)?;
        match locale {
            Locale::En => item.text.clone(),
            _ => i18n::message(locale, &format!("item-{}", item.id)),
        }
    }
}

impl Score {
    /// The label of the result's band in `locale` (`None` when no band was asked for).
    pub fn band_label(&self, locale: Locale) -> Option<String> {
        let b = self.band.as_ref()?;
        Some(i18n::text_or(locale, &format!("band-{}-{}", self.instrument, b.band.id), &[], &b.band.label))
    }
}

impl SafetySignal {
    /// What the positive answer means, in `locale` (the rule's own text when the catalogue does
    /// not know the rule).
    pub fn description_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("safety-{}", self.rule), &[], &self.description)
    }
}
