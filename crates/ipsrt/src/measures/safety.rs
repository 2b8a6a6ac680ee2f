//! Item-level safety signals: every suicidality or self-harm item of a shipped instrument raises
//! a [`SafetySignal`] on its own, whatever the total, the band, the missing-data policy or the
//! person's remission state.
//!
//! A definition lists its safety items ([`SafetyItemDef`]); each has one or more graded
//! [`SafetyThreshold`]s, every threshold with its own source. [`crate::measures::score::score`]
//! evaluates them on the raw answers and puts the signals on the [`crate::measures::Score`]
//! with the item, the raw answer, the threshold met and the source. An unanswered safety item is
//! listed in [`crate::measures::Score::safety_unanswered`]: a missing answer is never read as
//! "no risk".
//!
//! | instrument | item | threshold → level |
//! |---|---|---|
//! | PHQ-9 | 9 (thoughts of being better off dead or of self-harm) | ≥ 1 → safety check |
//! | PHQ-9 Modified for Teens | 9; serious thoughts of ending one's life in the past month; lifetime attempt | ≥ 1 / yes / yes → safety check |
//! | HRSD-17 | 3 (suicide) | 1 → notice, 2 → safety check, ≥ 3 → crisis |
//! | EPDS | 10 (thoughts of harming oneself) | ≥ 1 → safety check |
//! | C-SSRS screener result | clinician-entered risk level | low → notice, moderate → safety check, high → crisis |
//!
//! Thresholds are configurable: clone the shipped definition, change a threshold (with
//! [`crate::measures::Instrument::set_safety_threshold`], which takes the new value's source)
//! and score with the clone.
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId, safety::SafetyLevel};
//!
//! // HRSD-17 item 3 rated 2, every other item 0: a low total, but a safety check.
//! let mut values = vec![Some(0); 17];
//! values[2] = Some(2);
//! let s = measures::score_values(InstrumentId::Hrsd17, &values, None)?;
//! assert_eq!(s.total, Some(2));
//! assert_eq!(s.safety.len(), 1);
//! assert_eq!((s.safety[0].item.as_str(), s.safety[0].answer), ("hrsd17_3", 2));
//! assert_eq!(s.safety[0].level, SafetyLevel::SafetyCheck);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::measures::instrument::Instrument;
use crate::measures::score::Answers;
use crate::source::Source;

/// How urgent a safety signal is. Every level needs a clinician's attention; none is "safe".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyLevel {
    /// Bring to the clinician's notice at the next contact (HRSD-17 item 3 at 1).
    Notice,
    /// A clinician evaluates suicide risk promptly, whatever the total.
    SafetyCheck,
    /// Act now: follow the crisis plan.
    Crisis,
}

impl SafetyLevel {
    /// The stable id (`"notice"`, `"safety_check"`, `"crisis"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SafetyLevel::Notice => "notice",
            SafetyLevel::SafetyCheck => "safety_check",
            SafetyLevel::Crisis => "crisis",
        }
    }
}

impl std::fmt::Display for SafetyLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One graded threshold of a safety item: an answer of at least `at_least` raises `level`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyThreshold {
    /// Lowest answer (inclusive) that meets this threshold.
    pub at_least: i32,
    /// The level raised.
    pub level: SafetyLevel,
    /// Where the threshold comes from.
    pub source: Source,
}

/// A safety (suicidality or self-harm) item of an instrument with its graded thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyItemDef {
    /// Stable id of the rule (`"phq9_item9"`).
    pub id: String,
    /// The item id it reads.
    pub item: String,
    /// What a positive answer means, in one sentence (never the licensed item text).
    pub description: String,
    /// Thresholds in strictly ascending order of `at_least` and of level; the highest one met
    /// decides the level.
    pub thresholds: Vec<SafetyThreshold>,
}

/// A raised safety signal on a scored measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetySignal {
    /// The rule id (`"phq9_item9"`).
    pub rule: String,
    /// The instrument id.
    pub instrument: String,
    /// The item id.
    pub item: String,
    /// The item's position on the form, from 1.
    pub item_number: u8,
    /// The item's LOINC code, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
    /// The raw answer that raised the signal.
    pub answer: i32,
    /// The threshold met (the highest one).
    pub at_least: i32,
    /// The level raised.
    pub level: SafetyLevel,
    /// What a positive answer means.
    pub description: String,
    /// The threshold's source.
    pub source: Source,
}

impl std::fmt::Display for SafetySignal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} item {} ({}) answered {} (≥ {}): {} [{}]",
            self.level,
            self.instrument,
            self.item_number,
            self.item,
            self.answer,
            self.at_least,
            self.description,
            self.source
        )
    }
}

/// The safety signals `answers` raise on `instrument`, and the ids of its safety items that are
/// unanswered. Reads the raw answers only: the total, the policy and the band play no part.
pub fn evaluate(instrument: &Instrument, answers: &Answers) -> (Vec<SafetySignal>, Vec<String>) {
    let mut signals = Vec::new();
    let mut unanswered = Vec::new();
    for rule in &instrument.safety {
        let Some(answer) = answers.get(&rule.item) else {
            if !unanswered.contains(&rule.item) {
                unanswered.push(rule.item.clone());
            }
            continue;
        };
        let Some(met) = rule.thresholds.iter().rev().find(|t| answer >= t.at_least) else { continue };
        let item = instrument.item(&rule.item);
        signals.push(SafetySignal {
            rule: rule.id.clone(),
            instrument: instrument.id.clone(),
            item: rule.item.clone(),
            item_number: item.map_or(0, |i| i.number),
            loinc: item.and_then(|i| i.loinc.clone()),
            answer,
            at_least: met.at_least,
            level: met.level,
            description: rule.description.clone(),
            source: met.source.clone(),
        });
    }
    (signals, unanswered)
}

/// The highest level among `signals`, if any.
pub fn highest(signals: &[SafetySignal]) -> Option<SafetyLevel> {
    signals.iter().map(|s| s.level).max()
}

/// Checks one safety rule against its instrument (used by [`Instrument::validate`]).
pub(crate) fn check_rule(instrument: &Instrument, rule: &SafetyItemDef) -> Result<(), String> {
    let Some(item) = instrument.item(&rule.item) else {
        return Err(format!("safety rule {:?} names unknown item {:?}", rule.id, rule.item));
    };
    if rule.id.is_empty() {
        return Err(format!("a safety rule on item {:?} has an empty id", rule.item));
    }
    if rule.thresholds.is_empty() {
        return Err(format!("safety rule {:?} has no threshold: give at least one", rule.id));
    }
    let mut prev: Option<&SafetyThreshold> = None;
    for t in &rule.thresholds {
        if t.at_least <= item.min || t.at_least > item.max {
            return Err(format!(
                "safety rule {:?}: threshold {} must lie in {}..={} (above the item's lowest answer, which means \"absent\")",
                rule.id,
                t.at_least,
                item.min.saturating_add(1),
                item.max
            ));
        }
        if let Some(p) = prev
            && (t.at_least <= p.at_least || t.level <= p.level)
        {
            return Err(format!(
                "safety rule {:?}: thresholds must ascend in both answer and level ({} {} then {} {})",
                rule.id, p.at_least, p.level, t.at_least, t.level
            ));
        }
        prev = Some(t);
    }
    Ok(())
}

/// Builds a safety rule from `(at_least, level, source)` thresholds (for the shipped
/// definitions).
pub(crate) fn rule(
    id: &str,
    item: &str,
    description: &str,
    thresholds: Vec<(i32, SafetyLevel, Source)>,
) -> SafetyItemDef {
    SafetyItemDef {
        id: id.into(),
        item: item.into(),
        description: description.into(),
        thresholds: thresholds
            .into_iter()
            .map(|(at_least, level, source)| SafetyThreshold { at_least, level, source })
            .collect(),
    }
}
