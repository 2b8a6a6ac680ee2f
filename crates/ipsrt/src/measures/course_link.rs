//! The link from outcome measures to the IPT course's response evaluation.
//!
//! [`suggest_verdict`] turns a [`Change`] (a baseline and a follow-up result) into a suggested
//! [`ResponseVerdict`] with the [`EvaluationBasis`] the course records. It is a suggestion that
//! explains itself: the clinician confirms it by applying the event it builds
//! ([`VerdictSuggestion::event`]). Rules, in order:
//!
//! 1. remission criterion met (PHQ-9 < 5, HRSD-17 ≤ 7, YMRS < 12) → `remission`;
//! 2. response criterion met (≥ 50 % reduction) → `response`;
//! 3. minimal important improvement met (PHQ-9: 5 points, LOWE-2004) → `partial_response`;
//! 4. otherwise → `minimal_or_no_benefit` (under the Spaarne protocol this ends the course as
//!    non-response at or after session 12, S2).
//!
//! ```
//! use ipsrt::measures::{change::compare, course_link::suggest_verdict, phq9};
//! use ipsrt::course::ResponseVerdict;
//!
//! let base = phq9::score_ordered(&[Some(2); 9], None)?;          // 18
//! let week12 = phq9::score_ordered(&[Some(2), Some(2), Some(2), Some(2), Some(2), Some(2), Some(1), Some(1), Some(1)], None)?; // 15
//! let s = suggest_verdict(&compare(&base, &week12)?);
//! assert_eq!(s.verdict, ResponseVerdict::MinimalOrNoBenefit);
//! assert!(s.reasons.iter().any(|r| r.contains("50 %")));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::course::{CourseEvent, EvaluationBasis, ResponseVerdict};
use crate::measures::change::{Change, Criterion};

/// A suggested response verdict with the numbers and rules behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictSuggestion {
    /// The suggested verdict.
    pub verdict: ResponseVerdict,
    /// The measurement the course records with the verdict.
    pub basis: EvaluationBasis,
    /// Each criterion checked, in words, with its observed value and whether it was met.
    pub reasons: Vec<String>,
    /// Whether either total was prorated or zero-filled (read the verdict with care).
    pub imputed: bool,
}

impl VerdictSuggestion {
    /// The course event that records this verdict, for the clinician to confirm and apply.
    pub fn event(&self) -> CourseEvent {
        CourseEvent::ResponseEvaluated { verdict: self.verdict, basis: Some(self.basis.clone()) }
    }
}

fn describe(name: &str, c: &Criterion) -> String {
    let met = if c.met { "met" } else { "not met" };
    format!("{name} {met}: {} (observed {}; {})", c.rule, c.observed, c.source)
}

/// Suggests a response verdict from a change between two results (see the module docs).
pub fn suggest_verdict(change: &Change) -> VerdictSuggestion {
    let checks = [
        ("remission", change.remission.as_ref(), ResponseVerdict::Remission),
        ("response", change.response.as_ref(), ResponseVerdict::Response),
        ("minimal important improvement", change.improvement.as_ref(), ResponseVerdict::PartialResponse),
    ];
    let reasons: Vec<String> = checks.iter().filter_map(|(name, c, _)| c.map(|c| describe(name, c))).collect();
    let decided = checks.iter().find(|(_, c, _)| c.is_some_and(|c| c.met));
    let (verdict, source) = match decided {
        Some((_, Some(c), v)) => (*v, c.source.clone()),
        _ => (
            ResponseVerdict::MinimalOrNoBenefit,
            change.response.as_ref().map(|c| c.source.clone()).unwrap_or_else(|| {
                crate::source::Source::new("ipsrt-design", "no criterion met", crate::source::Evidence::Design)
            }),
        ),
    };
    VerdictSuggestion {
        verdict,
        basis: EvaluationBasis {
            instrument: change.instrument.clone(),
            baseline_total: Some(f64::from(change.baseline)),
            current_total: Some(f64::from(change.follow_up)),
            source,
        },
        reasons,
        imputed: change.imputed,
    }
}
