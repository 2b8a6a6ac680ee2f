//! Change over time: response, remission and minimal important change between a baseline and a
//! follow-up result of the same instrument. Every judgement carries its threshold, the observed
//! numbers and its source: never a verdict without numbers.
//!
//! ```
//! use ipsrt::measures::{change::compare, phq9};
//!
//! let baseline = phq9::score_ordered(&[Some(3), Some(3), Some(2), Some(2), Some(2), Some(2), Some(1), Some(1), Some(0)], None)?; // 16
//! let follow_up = phq9::score_ordered(&[Some(1), Some(1), Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0)], None)?; // 3
//! let c = compare(&baseline, &follow_up)?;
//! assert_eq!(c.difference, -13);
//! assert!(c.response.as_ref().is_some_and(|r| r.met));
//! assert!(c.remission.as_ref().is_some_and(|r| r.met));
//! assert!(c.improvement.as_ref().is_some_and(|r| r.met));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;
use crate::measures::instrument::{InstrumentId, builtin};
use crate::measures::score::Score;
use crate::source::Source;

/// One criterion judged on numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Whether the criterion is met.
    pub met: bool,
    /// The rule in words with its threshold (`"reduction ≥ 50 % of baseline"`).
    pub rule: String,
    /// The observed value the rule was applied to (percent reduction, follow-up total, or
    /// points of change).
    pub observed: f64,
    /// Where the rule comes from.
    pub source: Source,
}

/// Change between two results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Instrument id.
    pub instrument: String,
    /// Baseline total.
    pub baseline: i32,
    /// Follow-up total.
    pub follow_up: i32,
    /// `follow_up − baseline` (negative = fewer symptoms).
    pub difference: i32,
    /// Reduction as a percentage of the baseline (`None` when the baseline is at the minimum, so
    /// no reduction is possible).
    pub percent_reduction: Option<f64>,
    /// Response (≥ N % reduction); `None` when the instrument has no response rule or the
    /// baseline is at the minimum.
    pub response: Option<Criterion>,
    /// Remission (follow-up meets the instrument's remission cut-off); `None` when it has none.
    pub remission: Option<Criterion>,
    /// Improvement by at least the minimal important change; `None` when it has none.
    pub improvement: Option<Criterion>,
    /// Worsening by at least the minimal important change; `None` when it has none.
    pub worsening: Option<Criterion>,
    /// The follow-up total meets the instrument's absolute relapse cut-off (PHQ-9 ≥ 10), read
    /// on its own (after remission a reduction from the episode baseline means nothing);
    /// `None` when the instrument has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relapse: Option<Criterion>,
    /// Whether either result's total was prorated or zero-filled (read the numbers with care).
    pub imputed: bool,
}

fn total(s: &Score, which: &'static str) -> Result<i32, MeasureError> {
    s.total.ok_or_else(|| MeasureError::NoTotal { which, missing: s.missing.len(), policy: s.policy.to_string() })
}

impl Change {
    /// Non-response: the response criterion is not met (< 50 %
    /// reduction at contract end). `None` when the instrument has no response rule or the
    /// baseline is at its minimum. The course module decides what follows (for example the
    /// Spaarne 12-session rule, S2).
    pub fn is_non_response(&self) -> Option<bool> {
        self.response.as_ref().map(|r| !r.met)
    }
}

/// Compares two results of the same shipped instrument.
pub fn compare(baseline: &Score, follow_up: &Score) -> Result<Change, MeasureError> {
    if baseline.instrument != follow_up.instrument {
        return Err(MeasureError::InstrumentMismatch {
            expected: baseline.instrument.clone(),
            found: follow_up.instrument.clone(),
        });
    }
    let id: InstrumentId = baseline.instrument.parse()?;
    let def = builtin(id);
    let b = total(baseline, "baseline")?;
    let f = total(follow_up, "follow-up")?;
    let (lo, _) = def.total_range();
    let reduction = i64::from(b) - i64::from(f);
    let room = i64::from(b) - i64::from(lo);
    let percent_reduction = (room > 0).then(|| reduction as f64 * 100.0 / room as f64);
    let rules = &def.change;
    let response = match (&rules.response_reduction_percent, percent_reduction) {
        (Some(r), Some(p)) => Some(Criterion {
            // exact integer comparison: reduction / room ≥ r / 100
            met: reduction * 100 >= i64::from(r.value) * room,
            rule: format!("reduction ≥ {} % of baseline", r.value),
            observed: p,
            source: r.source.clone(),
        }),
        _ => None,
    };
    let remission = rules.remission.as_ref().map(|r| Criterion {
        met: r.value.is_met(f),
        rule: format!("follow-up total {}", r.value),
        observed: f64::from(f),
        source: r.source.clone(),
    });
    let improvement = rules.minimal_important_change.as_ref().map(|m| Criterion {
        met: reduction >= i64::from(m.value),
        rule: format!("decrease ≥ {} points", m.value),
        observed: reduction as f64,
        source: m.source.clone(),
    });
    let worsening = rules.minimal_important_change.as_ref().map(|m| Criterion {
        met: -reduction >= i64::from(m.value),
        rule: format!("increase ≥ {} points", m.value),
        observed: -reduction as f64,
        source: m.source.clone(),
    });
    let relapse = rules.relapse.as_ref().map(|r| Criterion {
        met: r.value.is_met(f),
        rule: format!("follow-up total {} (absolute, after remission)", r.value),
        observed: f64::from(f),
        source: r.source.clone(),
    });
    let imputed = [baseline, follow_up].iter().any(|s| !matches!(s.status, crate::measures::TotalStatus::Complete));
    Ok(Change {
        instrument: baseline.instrument.clone(),
        baseline: b,
        follow_up: f,
        difference: f - b,
        percent_reduction,
        response,
        remission,
        improvement,
        worsening,
        relapse,
        imputed,
    })
}
