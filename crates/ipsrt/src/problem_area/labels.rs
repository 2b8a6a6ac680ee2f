//! The labels of problem areas and role-dispute stages in every [`Locale`].
//!
//! ```
//! use ipsrt::i18n::{Locale, Localize};
//! use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
//!
//! assert_eq!(ProblemAreaKind::RoleDispute.label_in(Locale::Nl), "rolconflict");
//! assert_eq!(ProblemAreaKind::Grief.label_in_taxonomy(Taxonomy::Sr3, Locale::Nl), "rouw en verlies");
//! assert_eq!(ProblemAreaKind::Grief.label_in_taxonomy(Taxonomy::Sr3, Locale::En), ProblemAreaKind::Grief.label(Taxonomy::Sr3));
//! assert_eq!(DisputeStage::Impasse.label_in(Locale::Nl), "impasse");
//! ```

use super::{DisputeStage, ProblemAreaKind, Taxonomy};
use crate::i18n::{self, Locale, Localize};

impl ProblemAreaKind {
    /// The area's name in `taxonomy` and `locale`; in English the same as
    /// [`ProblemAreaKind::label`].
    pub fn label_in_taxonomy(self, taxonomy: Taxonomy, locale: Locale) -> String {
        let base = format!("problem-area-{}", self.as_str());
        let specific = format!("{base}-{}", taxonomy.as_str());
        let id = if i18n::has_message(Locale::En, &specific) { specific } else { base };
        i18n::text_or(locale, &id, &[], self.label(taxonomy))
    }
}

impl Localize for ProblemAreaKind {
    /// The area's name under WMK-4 and IPSRT-5 (use [`ProblemAreaKind::label_in_taxonomy`]
    /// for SR-3's names).
    fn label_in(&self, locale: Locale) -> String {
        self.label_in_taxonomy(Taxonomy::Wmk4, locale)
    }
}

impl DisputeStage {
    /// Every stage.
    pub const ALL: [DisputeStage; 3] = [DisputeStage::Renegotiation, DisputeStage::Impasse, DisputeStage::Dissolution];
}

impl Localize for DisputeStage {
    /// `"renegotiation"`, `"heronderhandeling"`, ...
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("dispute-stage-{}", self.as_str()), &[], self.as_str())
    }
}
