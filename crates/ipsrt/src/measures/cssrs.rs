//! A C-SSRS screener **result** entered by a clinician: the risk level, never the questions.
//!
//! Electronic versions of the Columbia–Suicide Severity Rating Scale are licensed exclusively
//! through Clario, so this library models only the result a clinician records after screening
//! (LOINC 93374-7, the risk level): one item, `cssrs_risk`, 0 = no risk identified, 1 = low,
//! 2 = moderate, 3 = high. Every level above 0 raises a safety signal: low → notice, moderate →
//! safety check, high → crisis ("yes" to question 4 or 5, or suicidal behaviour in the past 3
//! months: immediate referral and safety precautions).
//!
//! ```
//! use ipsrt::measures::{self, InstrumentId, SafetyLevel};
//!
//! let s = measures::score_values(InstrumentId::CssrsScreener, &[Some(3)], None)?;
//! assert_eq!(s.safety_level(), Some(SafetyLevel::Crisis));
//! assert_eq!(s.safety[0].loinc.as_deref(), Some("93374-7"));
//! # Ok::<(), ipsrt::Error>(())
//! ```

use crate::measures::instrument::{AnswerOption, Band, BandScheme, ChangeRules, Instrument, Item, Licence};
use crate::measures::policy::MissingPolicy;
use crate::measures::safety::{self, SafetyLevel};
use crate::source::{Cited, Evidence, Source};

/// Id of the risk-level item.
pub const RISK_ITEM: &str = "cssrs_risk";
/// Id of the risk-level safety rule.
pub const RISK_SAFETY: &str = "cssrs_risk_level";

/// Builds the C-SSRS screener-result definition (use [`crate::measures::builtin`]).
pub fn definition() -> Instrument {
    let option = |value, label: &str| AnswerOption { value, label: Some(label.into()), loinc: None };
    let band = |id: &str, label: &str, v| Band { id: id.into(), label: label.into(), min: v, max: v };
    let triage = |locator: &'static str, evidence| Source::new("CSSRS-TRIAGE", locator, evidence);
    Instrument {
        id: "cssrs_screener".into(),
        version: "1".into(),
        title: "C-SSRS screener result (risk level entered by a clinician)".into(),
        administration: "clinician-entered result of a C-SSRS screen; questions 1–5 about the past month, question 6 lifetime and past 3 months".into(),
        source: Source::new("POSNER-2011", "C-SSRS; the screener's risk level as a clinician-entered result", Evidence::Verified),
        licence: Licence::ItemTextNotShipped {
            note: "© Research Foundation for Mental Hygiene; electronic implementations are licensed exclusively through Clario, so no question is rendered or shipped: only the risk level a clinician enters".into(),
        },
        loinc_panel: None,
        loinc_total: None,
        stem: None,
        items: vec![Item {
            id: RISK_ITEM.into(),
            number: 1,
            loinc: Some("93374-7".into()),
            min: 0,
            max: 3,
            scored: true,
            text: None,
            topic: "suicide_risk_level".into(),
            options: vec![
                option(0, "No risk identified"),
                option(1, "Low risk"),
                option(2, "Moderate risk"),
                option(3, "High risk"),
            ],
            reverse_scored: false,
        }],
        band_schemes: vec![BandScheme {
            id: "triage".into(),
            bands: vec![
                band("none", "No risk identified", 0),
                band("low", "Low risk", 1),
                band("moderate", "Moderate risk", 2),
                band("high", "High risk", 3),
            ],
            source: triage("risk levels of the screener's triage guidance; low and moderate as third-party implementations give them", Evidence::ManualRecalled),
        }],
        flags: Vec::new(),
        default_policy: Cited::new(
            MissingPolicy::Strict,
            Source::new("ipsrt-design", "one item: the clinician enters the level", Evidence::Design),
        ),
        change: ChangeRules::default(),
        safety: vec![safety::rule(
            RISK_SAFETY,
            RISK_ITEM,
            "C-SSRS screener risk level recorded by a clinician",
            vec![
                (1, SafetyLevel::Notice, triage("low risk (wish to be dead or non-specific thoughts only)", Evidence::ManualRecalled)),
                (
                    2,
                    SafetyLevel::SafetyCheck,
                    triage("moderate risk (thoughts with a method, or behaviour more than 3 months ago)", Evidence::ManualRecalled),
                ),
                (
                    3,
                    SafetyLevel::Crisis,
                    triage("high risk: immediate referral and safety precautions", Evidence::Verified),
                ),
            ],
        )],
    }
}
