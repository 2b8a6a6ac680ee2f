//! Who a group suits: the admission criteria of the long-term process group (seed S3), shown
//! when a person is admitted. The library never decides: a person may be admitted with an unmet
//! criterion, and the clinician records why (docs/decisions.md#groups).
//!
//! ```
//! use ipsrt::group::{AdmissionCriterion, CriterionKind, GroupRules, GroupType};
//! use ipsrt::i18n::{Locale, Localize};
//!
//! let rules = GroupRules::for_type(GroupType::ProcessGroup);
//! let criteria = rules.admission_criteria.as_ref().unwrap();
//! assert_eq!(criteria.source.key, "S3");
//! assert_eq!(criteria.value.len(), 7);
//! let c = AdmissionCriterion::RoomForPatterns;
//! assert_eq!(c.kind(), CriterionKind::ContraIndication);
//! assert_eq!(c.label_in(Locale::En), c.description());
//! assert!(c.label_in(Locale::Nl).contains("alledaagse problemen"));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Locale, Localize};

/// What kind of criterion it is in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// "The group can be for you if you ..." (an indication).
    Indication,
    /// A requirement for taking part.
    Requirement,
    /// Worded as what suits; unmet when the contra-indication is present.
    ContraIndication,
}

/// One admission criterion, worded as what suits the group (so "unmet" is always the
/// unfavourable finding). The process group's seven come from seed S3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdmissionCriterion {
    /// Has psychological complaints (anxiety, mood) that get in the way (indication).
    ComplaintsInTheWay,
    /// Wants to understand where the complaints come from, in order to change them (indication).
    WantsToUnderstand,
    /// Can imagine that the problems involve recurring patterns in relationships (indication).
    RecurringPatterns,
    /// Is interested in themself (indication).
    InterestedInSelf,
    /// Has enough coping capacity, *draagkracht* (requirement).
    CopingCapacity,
    /// Has at least a minimally supportive social environment in which to practise
    /// (requirement).
    SupportiveEnvironment,
    /// Everyday problems do not dominate, so there is room to work on patterns (unmet = the
    /// contra-indication is present).
    RoomForPatterns,
}

impl AdmissionCriterion {
    /// Every criterion, in the source's order.
    pub const ALL: [AdmissionCriterion; 7] = [
        AdmissionCriterion::ComplaintsInTheWay,
        AdmissionCriterion::WantsToUnderstand,
        AdmissionCriterion::RecurringPatterns,
        AdmissionCriterion::InterestedInSelf,
        AdmissionCriterion::CopingCapacity,
        AdmissionCriterion::SupportiveEnvironment,
        AdmissionCriterion::RoomForPatterns,
    ];

    /// The stable machine code (`"coping_capacity"`).
    pub fn as_str(self) -> &'static str {
        match self {
            AdmissionCriterion::ComplaintsInTheWay => "complaints_in_the_way",
            AdmissionCriterion::WantsToUnderstand => "wants_to_understand",
            AdmissionCriterion::RecurringPatterns => "recurring_patterns",
            AdmissionCriterion::InterestedInSelf => "interested_in_self",
            AdmissionCriterion::CopingCapacity => "coping_capacity",
            AdmissionCriterion::SupportiveEnvironment => "supportive_environment",
            AdmissionCriterion::RoomForPatterns => "room_for_patterns",
        }
    }

    /// Indication, requirement or (worded positively) contra-indication.
    pub fn kind(self) -> CriterionKind {
        match self {
            AdmissionCriterion::ComplaintsInTheWay
            | AdmissionCriterion::WantsToUnderstand
            | AdmissionCriterion::RecurringPatterns
            | AdmissionCriterion::InterestedInSelf => CriterionKind::Indication,
            AdmissionCriterion::CopingCapacity | AdmissionCriterion::SupportiveEnvironment => {
                CriterionKind::Requirement
            }
            AdmissionCriterion::RoomForPatterns => CriterionKind::ContraIndication,
        }
    }

    /// The criterion in English, as shown to the clinician.
    pub fn description(self) -> &'static str {
        match self {
            AdmissionCriterion::ComplaintsInTheWay => {
                "has psychological complaints (anxiety, mood) that get in the way"
            }
            AdmissionCriterion::WantsToUnderstand => {
                "wants to understand where the complaints come from, in order to change them"
            }
            AdmissionCriterion::RecurringPatterns => {
                "can imagine that the problems involve recurring patterns in relationships"
            }
            AdmissionCriterion::InterestedInSelf => "is interested in themself",
            AdmissionCriterion::CopingCapacity => "has enough coping capacity",
            AdmissionCriterion::SupportiveEnvironment => {
                "has at least a minimally supportive social environment in which to practise"
            }
            AdmissionCriterion::RoomForPatterns => {
                "everyday problems do not dominate, so there is room to work on patterns (otherwise the group may be unsuitable)"
            }
        }
    }
}

impl fmt::Display for AdmissionCriterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Localize for AdmissionCriterion {
    /// The criterion as shown to the clinician; in English the same as
    /// [`AdmissionCriterion::description`].
    fn label_in(&self, locale: Locale) -> String {
        i18n::text_or(locale, &format!("admission-criterion-{}", self.as_str()), &[], self.description())
    }
}
