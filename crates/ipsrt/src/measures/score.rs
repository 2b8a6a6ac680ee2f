//! The one generic scorer: answers + an [`Instrument`] + a [`MissingPolicy`] → a [`Score`].
//!
//! The raw result (total, flags, number answered, policy, instrument id and version, source) is
//! always returned. A band is an interpretation and is only added when asked for
//! ([`ScoreOptions::band_scheme`] or [`Score::band_in`]).
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//! use ipsrt::measures::score::{score, Answers, FlagState, ScoreOptions};
//!
//! let phq9 = builtin(InstrumentId::Phq9);
//! // Item 9 answered 1 ("several days"), everything else 0: total 1, and the safety flag is up.
//! let answers = Answers::from_ordered(phq9, &[Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)])?;
//! let s = score(phq9, &answers, &ScoreOptions::default())?;
//! assert_eq!(s.total, Some(1));
//! assert_eq!(s.flag("item9_positive"), Some(FlagState::Raised));
//! assert!(s.band.is_none()); // interpretation is opt-in
//! assert_eq!(s.band_in(phq9, None)?.map(|b| b.band.id), Some("minimal".to_string()));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;
use crate::measures::instrument::{Band, FlagRule, Instrument, ItemAtLeast};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{SafetyLevel, SafetySignal};
use crate::source::{Cited, Source};

/// Answers keyed by stable item id. Unanswered items are simply absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, i32>);

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Answers(BTreeMap::new())
    }

    /// Sets one answer (not checked until scoring).
    pub fn set(&mut self, item: impl Into<String>, value: i32) -> &mut Self {
        self.0.insert(item.into(), value);
        self
    }

    /// Answers in form order (`None` = unanswered). Gives 1..=all items; trailing items that are
    /// not given are unanswered. More values than items is an error.
    pub fn from_ordered(instrument: &Instrument, values: &[Option<i32>]) -> Result<Self, MeasureError> {
        if values.len() > instrument.items.len() {
            return Err(MeasureError::TooManyAnswers {
                instrument: instrument.id.clone(),
                given: values.len(),
                items: instrument.items.len(),
            });
        }
        let map = instrument.items.iter().zip(values).filter_map(|(item, v)| v.map(|v| (item.id.clone(), v))).collect();
        Ok(Answers(map))
    }

    /// One answer read as a number (a spreadsheet or DataFrame cell): NaN is unanswered
    /// (`None`), a whole number (`1.0`) is that answer, anything else (`1.5`, infinity, beyond
    /// `i32`) is [`MeasureError::NotWholeNumber`] naming the item. The range is checked when
    /// scoring.
    ///
    /// ```
    /// use ipsrt::measures::score::Answers;
    /// assert_eq!(Answers::answer_from_f64("phq9_1", 2.0), Ok(Some(2)));
    /// assert_eq!(Answers::answer_from_f64("phq9_1", f64::NAN), Ok(None));
    /// assert!(Answers::answer_from_f64("phq9_1", 1.5).is_err());
    /// ```
    pub fn answer_from_f64(item: &str, value: f64) -> Result<Option<i32>, MeasureError> {
        if value.is_nan() {
            return Ok(None);
        }
        if value.fract() == 0.0 && value >= f64::from(i32::MIN) && value <= f64::from(i32::MAX) {
            // Whole and within i32: the conversion is exact.
            #[allow(clippy::cast_possible_truncation)]
            return Ok(Some(value as i32));
        }
        Err(MeasureError::NotWholeNumber {
            item: crate::limits::Excerpt::new(item).to_string(),
            value: value.to_string(),
        })
    }

    /// The answer to one item.
    pub fn get(&self, item: &str) -> Option<i32> {
        self.0.get(item).copied()
    }
}

/// The state of a derived flag. Flags are computed from the raw answers, whatever the
/// missing-data policy: a flag that the answered items already raise is `Raised` even when the
/// total is not computable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagState {
    /// The answers meet the rule.
    Raised,
    /// The answers do not meet the rule, whatever the missing items would have been.
    NotRaised,
    /// Missing items decide: some completions raise it, some do not.
    Indeterminate,
}

/// One derived flag in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagResult {
    /// The flag id (`"item9_positive"`).
    pub id: String,
    /// Its state.
    pub state: FlagState,
    /// The rule's source.
    pub source: Source,
}

/// How the total was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TotalStatus {
    /// Every scored item answered.
    Complete,
    /// Prorated over missing items.
    Prorated {
        /// How many scored items were missing.
        missing: u8,
    },
    /// Missing items counted as zero.
    MissingAsZero {
        /// How many scored items were missing.
        missing: u8,
    },
    /// No total: too many items missing for the policy.
    Incomplete {
        /// How many scored items were missing.
        missing: u8,
    },
}

/// The interpretation of a total in one band scheme (opt-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Banding {
    /// The scheme id.
    pub scheme: String,
    /// The band the total falls in.
    pub band: Band,
    /// The scheme's source.
    pub source: Source,
}

/// A scored questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Instrument id (`"phq9"`).
    pub instrument: String,
    /// Version of the definition used.
    pub version: String,
    /// Source of the instrument.
    pub source: Source,
    /// The total; `None` when the policy does not allow one.
    pub total: Option<i32>,
    /// How the total was obtained.
    pub status: TotalStatus,
    /// Sum of the answered scored items.
    pub answered_sum: i32,
    /// Number of scored items answered.
    pub n_answered: u8,
    /// Number of scored items.
    pub n_items: u8,
    /// Ids of unanswered scored items, in form order.
    pub missing: Vec<String>,
    /// The missing-data policy applied.
    pub policy: MissingPolicy,
    /// Derived flags, in definition order.
    pub flags: Vec<FlagResult>,
    /// The validated answers (scored and unscored items).
    pub answers: Answers,
    /// The band, only when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Banding>,
    /// Safety signals raised by the answers (suicidality and self-harm items), each with its
    /// item, raw answer, threshold, level and source; computed whatever the total or the
    /// missing-data policy. Empty when none is raised.
    pub safety: Vec<SafetySignal>,
    /// Safety items left unanswered: an unanswered safety item is never read as "no risk".
    pub safety_unanswered: Vec<String>,
}

impl Score {
    /// The highest safety level raised, if any.
    pub fn safety_level(&self) -> Option<SafetyLevel> {
        crate::measures::safety::highest(&self.safety)
    }

    /// The state of the flag with this id.
    pub fn flag(&self, id: &str) -> Option<FlagState> {
        self.flags.iter().find(|f| f.id == id).map(|f| f.state)
    }

    /// The band of this result's total in a scheme of `instrument` (`None` = its default
    /// scheme). `Ok(None)` when there is no total.
    pub fn band_in(&self, instrument: &Instrument, scheme: Option<&str>) -> Result<Option<Banding>, MeasureError> {
        if instrument.id != self.instrument {
            return Err(MeasureError::InstrumentMismatch {
                expected: instrument.id.clone(),
                found: self.instrument.clone(),
            });
        }
        let scheme = instrument.band_scheme(scheme)?;
        Ok(self.total.and_then(|t| {
            scheme.bands.iter().find(|b| b.min <= t && t <= b.max).map(|b| Banding {
                scheme: scheme.id.clone(),
                band: b.clone(),
                source: scheme.source.clone(),
            })
        }))
    }
}

/// Options for [`score`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreOptions {
    /// Missing-data policy; `None` = the instrument's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<MissingPolicy>,
    /// Ask for a band in this scheme (`Some("")` or the scheme id; `""` = the default scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_scheme: Option<String>,
}

impl ScoreOptions {
    /// Options with an explicit policy.
    pub fn with_policy(policy: MissingPolicy) -> Self {
        ScoreOptions { policy: Some(policy), band_scheme: None }
    }
}

/// The policy `options` select for `instrument`, with its source.
pub fn effective_policy(instrument: &Instrument, options: &ScoreOptions) -> Cited<MissingPolicy> {
    match options.policy {
        Some(p) => Cited::new(
            p,
            Source::new("ipsrt-design", "missing-data policy chosen by the caller", crate::source::Evidence::Design),
        ),
        None => instrument.default_policy.clone(),
    }
}

/// Scores `answers` on `instrument`. Fails (changing nothing) on an unknown item id, an answer
/// outside its item's range or not one of its options, a policy that does not fit, or an unknown
/// band scheme.
pub fn score(instrument: &Instrument, answers: &Answers, options: &ScoreOptions) -> Result<Score, MeasureError> {
    let policy = effective_policy(instrument, options).value;
    let n_items = instrument.scored_items().count();
    policy.check(n_items)?;
    let n_items = u8::try_from(n_items).map_err(|_| MeasureError::InvalidDefinition {
        instrument: instrument.id.clone(),
        detail: "at most 255 scored items are supported".into(),
    })?;
    for (id, &value) in &answers.0 {
        let item = instrument.item(id).ok_or_else(|| MeasureError::UnknownItem {
            instrument: instrument.id.clone(),
            item: id.clone(),
            known: instrument.items.iter().map(|i| i.id.clone()).collect(),
        })?;
        let in_options = item.options.is_empty() || item.options.iter().any(|o| o.value == value);
        if value < item.min || value > item.max || !in_options {
            return Err(MeasureError::AnswerOutOfRange { item: id.clone(), value, min: item.min, max: item.max });
        }
    }

    let (lo, hi) = instrument.total_range();
    let mut answered_sum: i64 = 0;
    let mut answered_span: i64 = 0;
    let mut answered_min: i64 = 0;
    let mut zero_filled: i64 = 0;
    let mut missing = Vec::new();
    for item in instrument.scored_items() {
        match answers.get(&item.id) {
            Some(v) => {
                answered_sum += i64::from(v);
                answered_min += i64::from(item.min);
                answered_span += i64::from(item.max) - i64::from(item.min);
                zero_filled += i64::from(v);
            }
            None => {
                missing.push(item.id.clone());
                zero_filled += i64::from(0.clamp(item.min, item.max));
            }
        }
    }
    let n_missing = u8::try_from(missing.len()).unwrap_or(u8::MAX);
    let n_answered = n_items.saturating_sub(n_missing);
    let (total, status) = if n_missing == 0 {
        (Some(answered_sum), TotalStatus::Complete)
    } else {
        match policy {
            MissingPolicy::Strict => (None, TotalStatus::Incomplete { missing: n_missing }),
            MissingPolicy::TreatAsZero => (Some(zero_filled), TotalStatus::MissingAsZero { missing: n_missing }),
            MissingPolicy::ProrateUpTo { max_missing } if n_missing <= max_missing && n_answered > 0 => {
                let span = i64::from(hi) - i64::from(lo);
                let above = answered_sum - answered_min;
                let prorated = if answered_span == 0 {
                    // Every answered item has a single allowed value: nothing to scale.
                    above
                } else {
                    // round half up of above * span / answered_span, all non-negative; i128 so
                    // that no custom definition can overflow
                    let (above, span, answered_span) = (i128::from(above), i128::from(span), i128::from(answered_span));
                    let q = (2 * above * span + answered_span) / (2 * answered_span);
                    i64::try_from(q).unwrap_or(i64::MAX)
                };
                (Some(i64::from(lo).saturating_add(prorated)), TotalStatus::Prorated { missing: n_missing })
            }
            MissingPolicy::ProrateUpTo { .. } => (None, TotalStatus::Incomplete { missing: n_missing }),
        }
    };
    let total = total.map(|t| t.clamp(i64::from(lo), i64::from(hi)) as i32);
    let flags = instrument
        .flags
        .iter()
        .map(|f| FlagResult { id: f.id.clone(), state: evaluate_flag(&f.rule, answers), source: f.source.clone() })
        .collect();
    let (safety, safety_unanswered) = crate::measures::safety::evaluate(instrument, answers);
    let mut result = Score {
        instrument: instrument.id.clone(),
        version: instrument.version.clone(),
        source: instrument.source.clone(),
        total,
        status,
        answered_sum: answered_sum.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        n_answered,
        n_items,
        missing,
        policy,
        flags,
        answers: answers.clone(),
        band: None,
        safety,
        safety_unanswered,
    };
    if let Some(scheme) = &options.band_scheme {
        let scheme = if scheme.is_empty() { None } else { Some(scheme.as_str()) };
        result.band = result.band_in(instrument, scheme)?;
    }
    Ok(result)
}

fn condition_state(c: &ItemAtLeast, answers: &Answers) -> Option<bool> {
    answers.get(&c.item).map(|v| v >= c.at_least)
}

/// Evaluates a flag rule on raw answers (missing items make it [`FlagState::Indeterminate`] only
/// when they could change the outcome).
pub fn evaluate_flag(rule: &FlagRule, answers: &Answers) -> FlagState {
    match rule {
        FlagRule::ItemAtLeast(c) => match condition_state(c, answers) {
            Some(true) => FlagState::Raised,
            Some(false) => FlagState::NotRaised,
            None => FlagState::Indeterminate,
        },
        FlagRule::CountAtLeast { conditions, required_any, min_count, max_count } => {
            let mut met = 0usize;
            let mut unknown = 0usize;
            for c in conditions {
                match condition_state(c, answers) {
                    Some(true) => met += 1,
                    Some(false) => {}
                    None => unknown += 1,
                }
            }
            let state_of =
                |item: &str| conditions.iter().find(|c| c.item == item).and_then(|c| condition_state(c, answers));
            let required_met = required_any.is_empty() || required_any.iter().any(|r| state_of(r) == Some(true));
            let required_possible = required_met || required_any.iter().any(|r| state_of(r).is_none());
            let min = usize::from(*min_count);
            let max = max_count.map_or(usize::MAX, usize::from);
            // Certain: every completion satisfies the rule.
            if required_met && met >= min && met + unknown <= max {
                return FlagState::Raised;
            }
            // Possible: some completion satisfies it. If a required item must be filled in to
            // meet the requirement, it adds one to the lowest reachable count.
            let lowest = if required_met { met } else { met + 1 };
            let possible = required_possible && met + unknown >= min && lowest <= max;
            if possible { FlagState::Indeterminate } else { FlagState::NotRaised }
        }
    }
}

impl crate::persist::Persist for Score {
    const SCHEMA: &'static str = "ipsrt.measure_score";
    const VERSION: u32 = 2;

    /// Version 1 had no `safety` and `safety_unanswered`: they are computed from the stored
    /// answers with the shipped definition of the instrument (empty for an instrument this
    /// build does not ship).
    fn migrate(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
        if from != 1 {
            return Err(format!("no migration from version {from} is known"));
        }
        let obj = data.as_object_mut().ok_or("expected an object (a scored result)")?;
        let instrument = obj.get("instrument").and_then(|v| v.as_str()).unwrap_or_default();
        let (safety, unanswered) = match instrument.parse::<crate::measures::InstrumentId>() {
            Ok(id) => {
                let answers: Answers = obj
                    .get("answers")
                    .cloned()
                    .map(serde_json::from_value)
                    .transpose()
                    .map_err(|e| format!("answers: {e}"))?
                    .unwrap_or_default();
                crate::measures::safety::evaluate(crate::measures::builtin(id), &answers)
            }
            Err(_) => (Vec::new(), Vec::new()),
        };
        obj.insert("safety".into(), serde_json::to_value(safety).map_err(|e| e.to_string())?);
        obj.insert("safety_unanswered".into(), serde_json::to_value(unanswered).map_err(|e| e.to_string())?);
        Ok(data)
    }

    fn validate_loaded(&self) -> Result<(), String> {
        // A stored result of a shipped instrument must re-score to itself from its answers. The
        // total, its status and the flag states are the same in every version of a shipped
        // definition (later versions changed citations and added safety items), so they are
        // checked whatever the version; sources and safety signals only for the current one.
        let Ok(id) = self.instrument.parse::<crate::measures::InstrumentId>() else { return Ok(()) };
        let def = crate::measures::builtin(id);
        let again = score(def, &self.answers, &ScoreOptions::with_policy(self.policy)).map_err(|e| e.to_string())?;
        let states = |s: &Score| s.flags.iter().map(|f| (f.id.clone(), f.state)).collect::<Vec<_>>();
        let same_version = def.version == self.version;
        if again.total != self.total
            || again.status != self.status
            || states(&again) != states(self)
            || (same_version
                && (again.flags != self.flags
                    || again.safety != self.safety
                    || again.safety_unanswered != self.safety_unanswered))
        {
            return Err(format!(
                "the stored total, flags or safety signals do not match the stored answers under policy {}; re-score the answers",
                self.policy
            ));
        }
        Ok(())
    }
}

/// Scores many answer sets on one instrument (in parallel with the `parallel` feature). Results
/// are in input order; each entry fails or succeeds on its own.
///
/// ```
/// use ipsrt::measures::{builtin, InstrumentId, Answers, ScoreOptions};
/// use ipsrt::measures::score::score_many;
///
/// let def = builtin(InstrumentId::Asrm);
/// let sets = vec![Answers::from_ordered(def, &[Some(1); 5])?, Answers::from_ordered(def, &[Some(9)])?];
/// let out = score_many(def, &sets, &ScoreOptions::default());
/// assert_eq!(out[0].as_ref().map(|s| s.total), Ok(Some(5)));
/// assert!(out[1].is_err());
/// # Ok::<(), ipsrt::Error>(())
/// ```
pub fn score_many(
    instrument: &Instrument,
    answer_sets: &[Answers],
    options: &ScoreOptions,
) -> Vec<Result<Score, MeasureError>> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        answer_sets.par_iter().map(|a| score(instrument, a, options)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        answer_sets.iter().map(|a| score(instrument, a, options)).collect()
    }
}

#[cfg(test)]
mod answer_from_f64_tests {
    use super::Answers;
    use crate::measures::MeasureError;
    use proptest::prelude::*;

    proptest! {
        /// Whole numbers in i32 come back exactly; anything with a fraction is refused.
        #[test]
        fn whole_numbers_round_trip(v in any::<i32>()) {
            prop_assert_eq!(Answers::answer_from_f64("x", f64::from(v)), Ok(Some(v)));
        }

        #[test]
        fn fractions_are_refused(v in -1.0e6f64..1.0e6, frac in 0.01f64..0.99) {
            let x = v.trunc() + frac.copysign(v);
            let refused = matches!(Answers::answer_from_f64("x", x), Err(MeasureError::NotWholeNumber { .. }));
            prop_assert!(refused);
        }
    }

    #[test]
    fn nan_is_unanswered_and_infinities_are_refused() {
        assert_eq!(Answers::answer_from_f64("phq9_1", f64::NAN), Ok(None));
        for v in [f64::INFINITY, f64::NEG_INFINITY, 3.0e10, 0.5] {
            assert!(Answers::answer_from_f64("phq9_1", v).is_err(), "{v}");
        }
        let msg = Answers::answer_from_f64("phq9_1", 1.5).unwrap_err().to_string();
        assert!(msg.contains("1.5") && msg.contains("\"phq9_1\""), "{msg}");
    }
}
