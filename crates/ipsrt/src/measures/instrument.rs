//! The declarative definition of an instrument: items, ordinal answers, LOINC codes, band
//! schemes, derived flags, change rules, licence, version and source.
//!
//! An [`Instrument`] is plain data. The one generic scorer ([`crate::measures::score`]) reads it;
//! no instrument has its own code path. The shipped definitions ([`builtin`]) are built once and
//! shared; a host may also load its own definition from JSON and check it with
//! [`Instrument::validate`].
//!
//! ```
//! use ipsrt::measures::instrument::{builtin, InstrumentId};
//!
//! let phq9 = builtin(InstrumentId::Phq9);
//! assert_eq!(phq9.scored_items().count(), 9);
//! assert_eq!(phq9.total_range(), (0, 27));
//! assert_eq!(phq9.loinc_total.as_deref(), Some("44261-6"));
//! assert!(phq9.validate().is_ok());
//! ```

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::measures::MeasureError;
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{SafetyItemDef, SafetyLevel, SafetyThreshold};
use crate::source::{Cited, Source};

/// The instruments this library ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentId {
    /// Patient Health Questionnaire, 9 items (Kroenke, Spitzer & Williams 2001).
    Phq9,
    /// Hamilton Rating Scale for Depression, 17 items (Hamilton 1960).
    Hrsd17,
    /// Altman Self-Rating Mania Scale (Altman et al. 1997). Item text not shipped.
    Asrm,
    /// Young Mania Rating Scale (Young et al. 1978). Item text not shipped.
    Ymrs,
    /// The daily mood rating of the IPSRT clinical SRM form, −5 (very depressed) to +5 (very
    /// elated).
    DailyMood,
    /// Generalized Anxiety Disorder 7-item scale (Spitzer et al. 2006).
    Gad7,
    /// Edinburgh Postnatal Depression Scale, 10 items (Cox et al. 1987). Item text not shipped.
    Epds,
    /// PHQ-9 Modified for Teens (GLAD-PC): the 9 items plus its four extra questions, including
    /// the two suicide questions. Item text not shipped.
    Phq9m,
    /// Work and Social Adjustment Scale, 5 items 0–8 (Mundt et al. 2002). Item text not shipped.
    Wsas,
    /// A C-SSRS screener result entered by a clinician: the risk level only, never the
    /// (licensed) questions.
    CssrsScreener,
}

impl InstrumentId {
    /// Every shipped instrument.
    pub const ALL: [InstrumentId; 10] = [
        InstrumentId::Phq9,
        InstrumentId::Hrsd17,
        InstrumentId::Asrm,
        InstrumentId::Ymrs,
        InstrumentId::DailyMood,
        InstrumentId::Gad7,
        InstrumentId::Epds,
        InstrumentId::Phq9m,
        InstrumentId::Wsas,
        InstrumentId::CssrsScreener,
    ];

    /// The stable id string (`"phq9"`, `"hrsd17"`, `"asrm"`, `"ymrs"`, `"daily_mood"`, `"gad7"`,
    /// `"epds"`, `"phq9m"`, `"wsas"`, `"cssrs_screener"`).
    pub fn as_str(self) -> &'static str {
        match self {
            InstrumentId::Phq9 => "phq9",
            InstrumentId::Hrsd17 => "hrsd17",
            InstrumentId::Asrm => "asrm",
            InstrumentId::Ymrs => "ymrs",
            InstrumentId::DailyMood => "daily_mood",
            InstrumentId::Gad7 => "gad7",
            InstrumentId::Epds => "epds",
            InstrumentId::Phq9m => "phq9m",
            InstrumentId::Wsas => "wsas",
            InstrumentId::CssrsScreener => "cssrs_screener",
        }
    }
}

impl std::fmt::Display for InstrumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for InstrumentId {
    type Err = MeasureError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        InstrumentId::ALL
            .into_iter()
            .find(|id| {
                id.as_str() == norm
                    || (norm == "hamd" && *id == InstrumentId::Hrsd17)
                    || (norm == "mood" && *id == InstrumentId::DailyMood)
                    || (matches!(norm.as_str(), "phq_9m" | "phq9_m" | "phq_a" | "phqa" | "phq9_teen")
                        && *id == InstrumentId::Phq9m)
                    || (norm == "cssrs" && *id == InstrumentId::CssrsScreener)
            })
            .ok_or_else(|| MeasureError::UnknownInstrument { id: crate::limits::Excerpt::new(s).to_string() })
    }
}

/// The definition shipped for `id`, built once and shared.
pub fn builtin(id: InstrumentId) -> &'static Instrument {
    static PHQ9: OnceLock<Instrument> = OnceLock::new();
    static HRSD17: OnceLock<Instrument> = OnceLock::new();
    static ASRM: OnceLock<Instrument> = OnceLock::new();
    static YMRS: OnceLock<Instrument> = OnceLock::new();
    static MOOD: OnceLock<Instrument> = OnceLock::new();
    static GAD7: OnceLock<Instrument> = OnceLock::new();
    static EPDS: OnceLock<Instrument> = OnceLock::new();
    static PHQ9M: OnceLock<Instrument> = OnceLock::new();
    static WSAS: OnceLock<Instrument> = OnceLock::new();
    static CSSRS: OnceLock<Instrument> = OnceLock::new();
    match id {
        InstrumentId::Phq9 => PHQ9.get_or_init(crate::measures::phq9::definition),
        InstrumentId::Hrsd17 => HRSD17.get_or_init(crate::measures::hrsd17::definition),
        InstrumentId::Asrm => ASRM.get_or_init(crate::measures::asrm::definition),
        InstrumentId::Ymrs => YMRS.get_or_init(crate::measures::ymrs::definition),
        InstrumentId::DailyMood => MOOD.get_or_init(crate::measures::mood::definition),
        InstrumentId::Gad7 => GAD7.get_or_init(crate::measures::gad7::definition),
        InstrumentId::Epds => EPDS.get_or_init(crate::measures::epds::definition),
        InstrumentId::Phq9m => PHQ9M.get_or_init(crate::measures::phq9m::definition),
        InstrumentId::Wsas => WSAS.get_or_init(crate::measures::wsas::definition),
        InstrumentId::CssrsScreener => CSSRS.get_or_init(crate::measures::cssrs::definition),
    }
}

/// Whether the instrument's text may be shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Licence {
    /// Free to reproduce, display and distribute (PHQ-9, HRSD-17).
    Free {
        /// The licence statement and where it is recorded.
        note: String,
    },
    /// Copyrighted: scoring rules and cut-offs ship, item text does not. A host holding a
    /// licence supplies the text.
    ItemTextNotShipped {
        /// The rights holder and what is known about the terms.
        note: String,
    },
}

/// One ordinal answer option of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// The ordinal value that is scored.
    pub value: i32,
    /// The display label, when the licence allows shipping it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The LOINC answer code (`LA…`), where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
}

/// One item of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable snake_case id (`"phq9_9"`), never display text.
    pub id: String,
    /// Position on the form, from 1.
    pub number: u8,
    /// The LOINC question code, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
    /// Lowest allowed answer.
    pub min: i32,
    /// Highest allowed answer.
    pub max: i32,
    /// Whether the item counts towards the total (the PHQ-9 difficulty item does not).
    pub scored: bool,
    /// The item text, when the licence allows shipping it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A short topic name that is not the copyrighted text (`"irritability"`).
    pub topic: String,
    /// The labelled answer options; empty means every integer in `min..=max` is allowed and
    /// none has a label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    /// Whether the printed form lists this item's options from highest to lowest score (EPDS
    /// items 3 and 5–10). Answers are always the *scored* value, never the position of the
    /// ticked box; convert a position with [`Item::scored_value_of_position`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse_scored: bool,
}

impl Item {
    /// The scored value of the option at `position` (0 = first printed option) on the paper
    /// form, taking [`Item::reverse_scored`] into account; `None` outside the item's range.
    pub fn scored_value_of_position(&self, position: i32) -> Option<i32> {
        let v = if self.reverse_scored { self.max.checked_sub(position)? } else { self.min.checked_add(position)? };
        (self.min..=self.max).contains(&v).then_some(v)
    }
}

/// One band of a band scheme: an inclusive range of totals and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Stable snake_case id (`"moderately_severe"`).
    pub id: String,
    /// Display label.
    pub label: String,
    /// Lowest total in the band.
    pub min: i32,
    /// Highest total in the band.
    pub max: i32,
}

/// A named way of mapping a total to bands. The bands partition the total range (checked by
/// [`Instrument::validate`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandScheme {
    /// Stable id (`"kroenke_2001"`, `"clinical"`, `"zimmerman_2013"`).
    pub id: String,
    /// The bands in ascending order.
    pub bands: Vec<Band>,
    /// Where the cut-points come from.
    pub source: Source,
}

/// An item condition inside a [`FlagRule`]: the item's answer is at least `at_least`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemAtLeast {
    /// Item id.
    pub item: String,
    /// Threshold (inclusive).
    pub at_least: i32,
}

/// How a derived flag is computed from the raw answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlagRule {
    /// Raised when one item's answer is at least a threshold (PHQ-9 item 9 ≥ 1).
    ItemAtLeast(ItemAtLeast),
    /// Raised when the number of conditions met lies in `min_count..=max_count` and at least one
    /// of the `required_any` conditions is among them (the PHQ-9 syndrome algorithm).
    CountAtLeast {
        /// The conditions that are counted.
        conditions: Vec<ItemAtLeast>,
        /// Item ids of which at least one must meet its condition.
        required_any: Vec<String>,
        /// Fewest conditions met.
        min_count: u8,
        /// Most conditions met (`None`: no upper limit).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_count: Option<u8>,
    },
}

/// A derived flag: a raw fact computed from item answers. Its interpretation (for example a
/// crisis alert) is left to the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagDef {
    /// Stable id (`"item9_positive"`).
    pub id: String,
    /// What the flag means, in one sentence.
    pub description: String,
    /// How it is computed.
    pub rule: FlagRule,
    /// Where the rule comes from.
    pub source: Source,
}

/// A cut-off on a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "value", rename_all = "snake_case")]
pub enum Cutoff {
    /// Total `< value`.
    LessThan(i32),
    /// Total `≤ value`.
    AtMost(i32),
    /// Total `≥ value`.
    AtLeast(i32),
}

impl Cutoff {
    /// Whether `total` meets the cut-off.
    pub fn is_met(self, total: i32) -> bool {
        match self {
            Cutoff::LessThan(v) => total < v,
            Cutoff::AtMost(v) => total <= v,
            Cutoff::AtLeast(v) => total >= v,
        }
    }
}

impl std::fmt::Display for Cutoff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cutoff::LessThan(v) => write!(f, "< {v}"),
            Cutoff::AtMost(v) => write!(f, "≤ {v}"),
            Cutoff::AtLeast(v) => write!(f, "≥ {v}"),
        }
    }
}

/// The instrument's rules for change between a baseline and a follow-up
/// (see [`crate::measures::change`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRules {
    /// Response: reduction from baseline of at least this many percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_reduction_percent: Option<Cited<u8>>,
    /// Remission: the follow-up total meets this cut-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remission: Option<Cited<Cutoff>>,
    /// Minimal important change for an individual, in points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_important_change: Option<Cited<i32>>,
    /// Relapse after remission: the follow-up total meets this absolute cut-off (PHQ-9 ≥ 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relapse: Option<Cited<Cutoff>>,
}

/// An instrument definition: everything the generic scorer needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable id (`"phq9"`).
    pub id: String,
    /// Version of this definition; every result names it.
    pub version: String,
    /// Display title.
    pub title: String,
    /// Who fills it in and the recall window (`"self-report, last 2 weeks"`).
    pub administration: String,
    /// The work that defines the instrument.
    pub source: Source,
    /// Licence status.
    pub licence: Licence,
    /// LOINC code of the panel, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc_panel: Option<String>,
    /// LOINC code of the total score, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc_total: Option<String>,
    /// The question stem shown above the items, when shippable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem: Option<String>,
    /// Items in form order (scored and unscored).
    pub items: Vec<Item>,
    /// The band schemes; the first is the default when a caller asks for "the" band.
    #[serde(default)]
    pub band_schemes: Vec<BandScheme>,
    /// Derived flags.
    #[serde(default)]
    pub flags: Vec<FlagDef>,
    /// The missing-data policy used when the caller does not choose one, with its reason.
    pub default_policy: Cited<MissingPolicy>,
    /// Response, remission and minimal-important-change rules.
    #[serde(default)]
    pub change: ChangeRules,
    /// Safety (suicidality and self-harm) items with their graded thresholds; evaluated on every
    /// scoring whatever the total (see [`crate::measures::safety`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safety: Vec<SafetyItemDef>,
}

impl Instrument {
    /// The items that count towards the total, in form order.
    pub fn scored_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.scored)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Lowest and highest possible total (sums of the scored items' ranges).
    pub fn total_range(&self) -> (i32, i32) {
        self.scored_items().fold((0, 0), |(lo, hi), i| (lo.saturating_add(i.min), hi.saturating_add(i.max)))
    }

    /// The band scheme with this id, or the default (first) one when `id` is `None`.
    pub fn band_scheme(&self, id: Option<&str>) -> Result<&BandScheme, MeasureError> {
        let found = match id {
            None => self.band_schemes.first(),
            Some(id) => self.band_schemes.iter().find(|s| s.id == id),
        };
        found.ok_or_else(|| MeasureError::UnknownBandScheme {
            instrument: self.id.clone(),
            scheme: id.unwrap_or("(default)").to_string(),
            known: self.band_schemes.iter().map(|s| s.id.clone()).collect(),
        })
    }

    /// Checks the definition: unique item ids, sane ranges, options inside ranges, band schemes
    /// that partition the total range with no gap or overlap, flags that name existing items,
    /// and a default policy that fits the item count.
    pub fn validate(&self) -> Result<(), MeasureError> {
        let bad = |detail: String| Err(MeasureError::InvalidDefinition { instrument: self.id.clone(), detail });
        if self.id.is_empty() || self.version.is_empty() {
            return bad("the id and version must not be empty".into());
        }
        if self.scored_items().next().is_none() {
            return bad("at least one item must be scored".into());
        }
        if self.items.len() > 255 {
            return bad("at most 255 items are supported".into());
        }
        for (n, item) in self.items.iter().enumerate() {
            if item.id.is_empty() || !item.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return bad(format!("item id {:?} must be non-empty snake_case (a-z, 0-9, _)", item.id));
            }
            if self.items.iter().skip(n + 1).any(|o| o.id == item.id) {
                return bad(format!("item id {:?} is used twice", item.id));
            }
            if item.min > item.max || item.min < -1000 || item.max > 1000 {
                return bad(format!(
                    "item {:?} has range {}..={}; need min ≤ max within ±1000",
                    item.id, item.min, item.max
                ));
            }
            if let Some(o) = item.options.iter().find(|o| o.value < item.min || o.value > item.max) {
                return bad(format!(
                    "item {:?} has option value {} outside {}..={}",
                    item.id, o.value, item.min, item.max
                ));
            }
        }
        let (lo, hi) = self.total_range();
        for scheme in &self.band_schemes {
            let mut next = lo;
            for band in &scheme.bands {
                if band.min != next || band.max < band.min {
                    return bad(format!(
                        "band scheme {:?}: band {:?} covers {}..={} but must start at {} (bands must partition {}..={} in ascending order with no gap or overlap)",
                        scheme.id, band.id, band.min, band.max, next, lo, hi
                    ));
                }
                next = band.max.saturating_add(1);
            }
            if next != hi.saturating_add(1) {
                return bad(format!(
                    "band scheme {:?} ends at {} but the total range ends at {}",
                    scheme.id,
                    next - 1,
                    hi
                ));
            }
        }
        for flag in &self.flags {
            let names: Vec<&str> = match &flag.rule {
                FlagRule::ItemAtLeast(c) => vec![c.item.as_str()],
                FlagRule::CountAtLeast { conditions, required_any, .. } => {
                    conditions.iter().map(|c| c.item.as_str()).chain(required_any.iter().map(String::as_str)).collect()
                }
            };
            if let Some(missing) = names.iter().find(|n| self.item(n).is_none()) {
                return bad(format!("flag {:?} names unknown item {:?}", flag.id, missing));
            }
            if let FlagRule::CountAtLeast { conditions, required_any, .. } = &flag.rule
                && let Some(r) = required_any.iter().find(|r| !conditions.iter().any(|c| &c.item == *r))
            {
                return bad(format!("flag {:?}: required item {:?} must also be one of its conditions", flag.id, r));
            }
        }
        for (n, rule) in self.safety.iter().enumerate() {
            crate::measures::safety::check_rule(self, rule).or_else(&bad)?;
            if self.safety.iter().skip(n + 1).any(|o| o.id == rule.id) {
                return bad(format!("safety rule id {:?} is used twice", rule.id));
            }
        }
        self.default_policy.value.check(self.scored_items().count())?;
        Ok(())
    }

    /// Changes (or adds) the threshold of safety rule `rule` that raises `level`, with the new
    /// value's source, and checks the result. On error the definition is unchanged.
    ///
    /// ```
    /// use ipsrt::measures::{builtin, InstrumentId, safety::SafetyLevel};
    /// use ipsrt::source::{Cited, Source};
    ///
    /// // A service that treats HRSD-17 item 3 at 2 or more as a crisis.
    /// let mut hrsd = builtin(InstrumentId::Hrsd17).clone();
    /// hrsd.set_safety_threshold("hrsd17_item3", SafetyLevel::Crisis, Cited::new(2, Source::local("our crisis protocol 2026")))?;
    /// assert!(hrsd.set_safety_threshold("phq9_item9", SafetyLevel::Crisis, Cited::new(2, Source::local("x"))).is_err());
    /// # Ok::<(), ipsrt::Error>(())
    /// ```
    pub fn set_safety_threshold(
        &mut self,
        rule: &str,
        level: SafetyLevel,
        at_least: Cited<i32>,
    ) -> Result<(), MeasureError> {
        let mut next = self.clone();
        let Some(def) = next.safety.iter_mut().find(|r| r.id == rule) else {
            return Err(MeasureError::InvalidDefinition {
                instrument: self.id.clone(),
                detail: format!(
                    "no safety rule {}; the rules are {:?}",
                    crate::limits::Excerpt::new(rule),
                    self.safety.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()
                ),
            });
        };
        def.thresholds.retain(|t| t.level != level);
        // Lower levels must stay below the new threshold and higher ones above it.
        def.thresholds.retain(|t| (t.level < level) == (t.at_least < at_least.value));
        def.thresholds.push(SafetyThreshold { at_least: at_least.value, level, source: at_least.source });
        def.thresholds.sort_by_key(|t| t.level);
        next.validate()?;
        *self = next;
        Ok(())
    }
}

impl crate::persist::Persist for Instrument {
    const SCHEMA: &'static str = "ipsrt.instrument";
    const VERSION: u32 = 2;

    /// Version 1 had no `safety` items, no `reverse_scored` item marks and no `change.relapse`
    /// cut-off; all default to none, so the JSON is unchanged.
    fn migrate(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from {
            1 => Ok(data),
            _ => Err(format!("no migration from version {from} is known")),
        }
    }

    fn validate_loaded(&self) -> Result<(), String> {
        self.validate().map_err(|e| e.to_string())
    }
}
