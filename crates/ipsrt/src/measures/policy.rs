//! Missing-data policies: what a total means when items are unanswered.
//!
//! Peers disagree (LHC-Forms treats a missing item as 0, qscorer prorates up to 2 missing,
//! CamCOPS reports "incomplete"), so the policy is always explicit and travels with the result.
//!
//! ```
//! use ipsrt::measures::policy::MissingPolicy;
//!
//! let p: MissingPolicy = "prorate:2".parse()?;
//! assert_eq!(p, MissingPolicy::ProrateUpTo { max_missing: 2 });
//! assert_eq!(p.to_string(), "prorate:2");
//! assert_eq!("strict".parse::<MissingPolicy>()?, MissingPolicy::Strict);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;

/// What to do with unanswered scored items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Any missing scored item: no total (the result says "incomplete").
    Strict,
    /// Up to `max_missing` missing scored items: the total is prorated from the answered
    /// items; more missing: no total.
    ///
    /// Prorating scales the answered items' distance above their minimum by the ratio of the
    /// full range to the answered items' range, rounded half up:
    /// `total = Σmin + round((Σanswered − Σmin_answered) × (Σmax − Σmin) / (Σmax_answered − Σmin_answered))`.
    /// With equal item ranges (PHQ-9, ASRM) this is the usual "mean of answered × number of
    /// items"; with mixed ranges (HRSD-17, YMRS) it never exceeds the maximum total.
    ProrateUpTo {
        /// The most missing scored items that may be prorated.
        max_missing: u8,
    },
    /// Missing scored items count as 0 (as LHC-Forms' FHIRPath total does). The result still
    /// reports how many were missing.
    TreatAsZero,
}

impl MissingPolicy {
    /// Checks that the policy fits an instrument with `scored_items` scored items.
    pub fn check(self, scored_items: usize) -> Result<(), MeasureError> {
        match self {
            MissingPolicy::ProrateUpTo { max_missing } if usize::from(max_missing) >= scored_items => {
                Err(MeasureError::InvalidPolicy {
                    policy: self.to_string(),
                    detail: format!(
                        "prorating needs at least one answered item; with {scored_items} scored items use prorate:{} or fewer",
                        scored_items.saturating_sub(1)
                    ),
                })
            }
            _ => Ok(()),
        }
    }
}

impl std::fmt::Display for MissingPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MissingPolicy::Strict => f.write_str("strict"),
            MissingPolicy::ProrateUpTo { max_missing } => write!(f, "prorate:{max_missing}"),
            MissingPolicy::TreatAsZero => f.write_str("zero"),
        }
    }
}

impl std::str::FromStr for MissingPolicy {
    type Err = MeasureError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let err = || MeasureError::InvalidPolicy {
            policy: s.to_string(),
            detail: "write strict, zero, or prorate:N (N = the most missing items to prorate, e.g. prorate:2)".into(),
        };
        match t.as_str() {
            "strict" => Ok(MissingPolicy::Strict),
            "zero" | "treat_as_zero" | "treat-as-zero" => Ok(MissingPolicy::TreatAsZero),
            _ => {
                let n = t.strip_prefix("prorate:").or_else(|| t.strip_prefix("prorate_up_to:")).ok_or_else(err)?;
                let max_missing = n.trim().parse::<u8>().map_err(|_| err())?;
                Ok(MissingPolicy::ProrateUpTo { max_missing })
            }
        }
    }
}
