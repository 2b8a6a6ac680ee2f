//! The rhythm anchors of IPSRT: the five SRM-5 activities that doses, targets and reminders
//! hang on.
//!
//! This is a local enum until the SRM engine's own item identifiers land; it uses the same
//! snake_case names as the SRM-5 items so that the JSON form stays stable when it is switched.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the five SRM-5 anchors (Monk, Frank, Potts & Kupfer 2002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Get out of bed.
    OutOfBed,
    /// First contact with another person (in person or by phone).
    FirstContact,
    /// Start work, housework, volunteer or family-care activities.
    StartWork,
    /// Have dinner.
    Dinner,
    /// Go to bed.
    ToBed,
}

impl Anchor {
    /// All five, in the order of the day.
    pub const ALL: [Anchor; 5] =
        [Anchor::OutOfBed, Anchor::FirstContact, Anchor::StartWork, Anchor::Dinner, Anchor::ToBed];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::OutOfBed => "out_of_bed",
            Anchor::FirstContact => "first_contact",
            Anchor::StartWork => "start_work",
            Anchor::Dinner => "dinner",
            Anchor::ToBed => "to_bed",
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
