//! The labels of schedule occurrence states in every [`Locale`].
//!
//! ```
//! use ipsrt::i18n::{Locale, Localize};
//! use ipsrt::schedule::OccurrenceState;
//!
//! assert_eq!(OccurrenceState::Overdue.label_in(Locale::En), "overdue");
//! assert_eq!(OccurrenceState::Overdue.label_in(Locale::Nl), "over tijd");
//! ```

use super::occurrence::OccurrenceState;
use crate::i18n::{self, Locale, Localize};

impl Localize for OccurrenceState {
    /// The state's name for people (`"completed on time"`, `"op tijd gedaan"`); the excusal
    /// reason and the completion time are not part of it.
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("occurrence-{}", self.name()), &[], self.name())
    }
}
