//! What a relapse-prevention plan tells the patient at each alert level (the core's
//! `relapse::LevelGuidance`), typed: the defaults in a locale, and reading or setting a plan's
//! guidance.
//!
//! ```
//! use ipsrt_ffi::guidance::default_guidance;
//! use ipsrt_ffi::i18n::LabelLocale;
//! let nl = default_guidance(LabelLocale::Nl).unwrap();
//! assert_eq!(nl.green, vec!["Volg je dagelijkse onderhoudsplan.".to_string()]);
//! assert!(!nl.crisis.is_empty());
//! ```

use ipsrt::relapse::LevelGuidance as CoreGuidance;
use ipsrt::source::Source;

use crate::error::{IpsrtError, guard};
use crate::i18n::LabelLocale;
use crate::relapse::RelapsePlan;
use crate::source::SourceRef;

/// The words a plan shows the patient with each alert level: one list of texts per level, plus
/// the prodrome lists added below Crisis when a (hypo)manic or depressive sign or score is among
/// the reasons. At Crisis only the `crisis` words (the safety workflow) are given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, uniffi::Record)]
pub struct LevelGuidance {
    /// At Green.
    pub green: Vec<String>,
    /// At Watch.
    pub watch: Vec<String>,
    /// At Early warning.
    pub early_warning: Vec<String>,
    /// At Breaking down.
    pub breaking_down: Vec<String>,
    /// At Crisis.
    pub crisis: Vec<String>,
    /// Added below Crisis when a (hypo)manic sign or score is among the reasons.
    pub manic_prodrome: Vec<String>,
    /// Added below Crisis when a depressive sign or score is among the reasons.
    pub depressive_prodrome: Vec<String>,
    /// Where these words come from (the clinic's own: `SourceRef("local", "...", Evidence.DESIGN)`).
    pub source: SourceRef,
}

impl From<&CoreGuidance> for LevelGuidance {
    fn from(g: &CoreGuidance) -> Self {
        LevelGuidance {
            green: g.green.clone(),
            watch: g.watch.clone(),
            early_warning: g.early_warning.clone(),
            breaking_down: g.breaking_down.clone(),
            crisis: g.crisis.clone(),
            manic_prodrome: g.manic_prodrome.clone(),
            depressive_prodrome: g.depressive_prodrome.clone(),
            source: SourceRef::from(&g.source),
        }
    }
}

impl From<LevelGuidance> for CoreGuidance {
    fn from(g: LevelGuidance) -> Self {
        CoreGuidance {
            green: g.green,
            watch: g.watch,
            early_warning: g.early_warning,
            breaking_down: g.breaking_down,
            crisis: g.crisis,
            manic_prodrome: g.manic_prodrome,
            depressive_prodrome: g.depressive_prodrome,
            source: Source::owned(g.source.key, g.source.locator, g.source.evidence),
        }
    }
}

/// The default words of a relapse-prevention plan per alert level in `locale` (what a new plan
/// shows in English), to put into a plan with `RelapsePlan.setGuidance`.
#[uniffi::export]
pub fn default_guidance(locale: LabelLocale) -> Result<LevelGuidance, IpsrtError> {
    guard(|| Ok(LevelGuidance::from(&CoreGuidance::default_in(locale.into()))))
}

#[uniffi::export]
impl RelapsePlan {
    /// The words the plan shows with each alert level.
    pub fn guidance(&self) -> Result<LevelGuidance, IpsrtError> {
        guard(|| Ok(self.state.read(|p| LevelGuidance::from(&p.alerts.guidance))))
    }

    /// Replaces the words the plan shows with each alert level (for example
    /// `defaultGuidance(LabelLocale.NL)` for a Dutch-speaking patient). The plan is checked as
    /// on load; on error it is unchanged.
    pub fn set_guidance(&self, guidance: LevelGuidance) -> Result<(), IpsrtError> {
        guard(|| {
            self.state.update(|p| {
                p.alerts.guidance = guidance.into();
                p.validate()?;
                Ok(())
            })
        })
    }
}
