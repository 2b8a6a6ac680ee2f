//! Labels and messages in English and Dutch (core `ipsrt::i18n`). The locale is an explicit
//! argument of every function (a [`LabelLocale`]); there is no global locale, so threads never
//! affect each other. Map the device's language with [`parse_locale`]
//! (`parseLocale(java.util.Locale.getDefault().toLanguageTag())`), falling back to `En`.

use ipsrt::ErrorKind;
use ipsrt::course::PhaseKind;
use ipsrt::i18n::{Locale as CoreLocale, Localize};
use ipsrt::measures::{FlagState, SafetyLevel};
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use ipsrt::relapse::{AlertLevel, LevelGuidance, Region};
use ipsrt::schedule::OccurrenceState;
use serde::de::DeserializeOwned;

use crate::bridge::to_core;
use crate::error::{IpsrtError, guard};
use crate::measures::InstrumentId;

/// A language of the labels and messages. Named `LabelLocale`, not `Locale`, so that it never
/// clashes with `java.util.Locale` or Swift's `Foundation.Locale` in app code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LabelLocale {
    /// English (the default and the fallback).
    En,
    /// Dutch (Nederlands).
    Nl,
}

impl From<LabelLocale> for CoreLocale {
    fn from(l: LabelLocale) -> Self {
        match l {
            LabelLocale::En => CoreLocale::En,
            LabelLocale::Nl => CoreLocale::Nl,
        }
    }
}

impl From<CoreLocale> for LabelLocale {
    fn from(l: CoreLocale) -> Self {
        match l {
            CoreLocale::Nl => LabelLocale::Nl,
            _ => LabelLocale::En,
        }
    }
}

fn code<T: DeserializeOwned>(value: &str, what: &str) -> Result<T, IpsrtError> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|e| IpsrtError::InvalidInput(format!("invalid {what} {}: {e}", ipsrt::limits::Excerpt::new(value))))
}

/// The locale a name means: `"nl"`, `"nl-BE"`, `"nl_NL.UTF-8"`, `"en-US"`; any other language
/// is refused (`InvalidInput`).
#[uniffi::export]
pub fn parse_locale(name: String) -> Result<LabelLocale, IpsrtError> {
    guard(|| Ok(name.parse::<CoreLocale>().map_err(ipsrt::Error::from)?.into()))
}

/// The locale a POSIX environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`; the first non-empty
/// decides); `C`, `POSIX` and unsupported languages give `En`.
#[uniffi::export]
pub fn locale_from_env(lc_all: Option<String>, lc_messages: Option<String>, lang: Option<String>) -> LabelLocale {
    CoreLocale::from_posix_env(lc_all.as_deref(), lc_messages.as_deref(), lang.as_deref()).into()
}

/// The label of a machine code: `kind` is `problem_area`, `dispute_stage`, `phase`,
/// `alert_level`, `safety_level`, `flag_state`, `instrument`, `occurrence_state`,
/// `error_kind`, `region` (`"NL"`) or `admission_criterion` (`"coping_capacity"`); `code` its stable snake_case name (`"early_warning"`). A problem area's name
/// depends on the `taxonomy` (`"wmk4"` when null; `"sr3"` says "grief and loss").
#[uniffi::export]
pub fn label(
    kind: String,
    code_name: String,
    locale: LabelLocale,
    taxonomy: Option<String>,
) -> Result<String, IpsrtError> {
    guard(|| {
        let loc: CoreLocale = locale.into();
        let c = code_name.as_str();
        if taxonomy.is_some() && kind != "problem_area" {
            return Err(IpsrtError::InvalidInput(format!(
                "taxonomy applies only to kind \"problem_area\": pass null for {}",
                ipsrt::limits::Excerpt::new(&kind)
            )));
        }
        Ok(match kind.as_str() {
            "problem_area" => {
                let t: Taxonomy = code(taxonomy.as_deref().unwrap_or("wmk4"), "taxonomy")?;
                code::<ProblemAreaKind>(c, "problem area")?.label_in_taxonomy(t, loc)
            }
            "dispute_stage" => code::<DisputeStage>(c, "dispute stage")?.label_in(loc),
            "phase" => code::<PhaseKind>(c, "phase")?.label_in(loc),
            "alert_level" => code::<AlertLevel>(c, "alert level")?.label_in(loc),
            "safety_level" => code::<SafetyLevel>(c, "safety level")?.label_in(loc),
            "flag_state" => code::<FlagState>(c, "flag state")?.label_in(loc),
            "instrument" => c.parse::<ipsrt::measures::InstrumentId>().map_err(ipsrt::Error::from)?.label_in(loc),
            "error_kind" => code::<ErrorKind>(c, "error kind")?.label_in(loc),
            "region" => code::<Region>(c, "region")?.label_in(loc),
            "admission_criterion" => code::<ipsrt::group::AdmissionCriterion>(c, "admission criterion")?.label_in(loc),
            "occurrence_state" => {
                let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
                let states = [
                    OccurrenceState::Upcoming,
                    OccurrenceState::Open,
                    OccurrenceState::Overdue,
                    OccurrenceState::Missed,
                    OccurrenceState::CompletedOnTime { at },
                    OccurrenceState::CompletedLate { at },
                    OccurrenceState::Excused { reason: String::new() },
                ];
                let names: Vec<&str> = states.iter().map(OccurrenceState::name).collect();
                states.iter().find(|s| s.name() == c).map(|s| s.label_in(loc)).ok_or_else(|| {
                    IpsrtError::InvalidInput(format!(
                        "invalid occurrence state {}: use one of {}",
                        ipsrt::limits::Excerpt::new(c),
                        names.join(", ")
                    ))
                })?
            }
            _ => {
                return Err(IpsrtError::InvalidInput(format!(
                    "unknown label kind {}: use problem_area, dispute_stage, phase, alert_level, safety_level, flag_state, instrument, occurrence_state, error_kind, region or admission_criterion",
                    ipsrt::limits::Excerpt::new(&kind)
                )));
            }
        })
    })
}

fn core_instrument(instrument: InstrumentId) -> Result<&'static ipsrt::measures::Instrument, IpsrtError> {
    let id: ipsrt::measures::InstrumentId = to_core(&instrument)?;
    Ok(ipsrt::measures::builtin(id))
}

/// The label of band `band` (an id from any of the instrument's schemes), or null when the
/// instrument has no such band.
#[uniffi::export]
pub fn band_label(instrument: InstrumentId, band: String, locale: LabelLocale) -> Result<Option<String>, IpsrtError> {
    guard(|| Ok(core_instrument(instrument)?.band_label(&band, locale.into())))
}

/// What a positive answer to the instrument's safety rule `rule` means, or null when there is
/// no such rule.
#[uniffi::export]
pub fn safety_description(
    instrument: InstrumentId,
    rule: String,
    locale: LabelLocale,
) -> Result<Option<String>, IpsrtError> {
    guard(|| Ok(core_instrument(instrument)?.safety_description(&rule, locale.into())))
}

/// What to do about an error of `kind` (an exception's kind name, `"invalid_input"`, ...).
#[uniffi::export]
pub fn error_advice(kind: String, locale: LabelLocale) -> Result<String, IpsrtError> {
    guard(|| Ok(code::<ErrorKind>(&kind, "error kind")?.advice_in(locale.into())))
}

/// The default words of a relapse-prevention plan per alert level in `locale`, as the JSON of
/// the plan's `alerts.guidance` (for a plan document written as JSON; `defaultGuidance` is the
/// typed form).
#[uniffi::export]
pub fn default_guidance_json(locale: LabelLocale) -> Result<String, IpsrtError> {
    guard(|| {
        serde_json::to_string(&LevelGuidance::default_in(locale.into()))
            .map_err(|e| IpsrtError::InvalidInput(format!("cannot write the guidance: {e}")))
    })
}
