//! Labels and messages in English and Dutch (core `ipsrt::i18n`). Every function takes the
//! locale as an explicit argument (`"en"`, `"nl"`, `"nl_BE.UTF-8"`, ...): there is no global
//! locale, so threads and requests never affect each other.

use ipsrt::ErrorKind;
use ipsrt::course::PhaseKind;
use ipsrt::i18n::{Arg, Locale, Localize};
use ipsrt::measures::{FlagState, InstrumentId, SafetyLevel};
use ipsrt::problem_area::{DisputeStage, ProblemAreaKind, Taxonomy};
use ipsrt::relapse::{AlertLevel, LevelGuidance, Region};
use ipsrt::schedule::OccurrenceState;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{enum_arg, to_py};
use crate::errors::{core_err, invalid};

/// Reads a locale argument (`"en"`, `"nl"`, `"nl-BE"`, `"nl_NL.UTF-8"`).
pub fn locale_arg(locale: &str) -> PyResult<Locale> {
    locale.parse().map_err(core_err)
}

/// The kinds of code [`label`] knows.
const KINDS: &str = "problem_area, dispute_stage, phase, alert_level, safety_level, flag_state, instrument, occurrence_state, error_kind, region, admission_criterion";

/// The label of a machine code in `locale`: `kind` is one of `problem_area`, `dispute_stage`,
/// `phase`, `alert_level`, `safety_level`, `flag_state`, `instrument`, `occurrence_state`,
/// `error_kind`, `region` (`"NL"`, a crisis-line region), `admission_criterion` (a group's,
/// `"coping_capacity"`); `code` is the stable snake_case name (`"early_warning"`). A problem area's
/// name depends on the `taxonomy` (`"wmk4"` when not given; `"sr3"` says "grief and loss").
#[pyfunction]
#[pyo3(signature = (kind, code, locale = "en", *, taxonomy = None))]
pub fn label(kind: &str, code: &str, locale: &str, taxonomy: Option<&str>) -> PyResult<String> {
    let loc = locale_arg(locale)?;
    if taxonomy.is_some() && kind != "problem_area" {
        return Err(invalid(format!("taxonomy= applies only to kind \"problem_area\", not {kind:?}")));
    }
    Ok(match kind {
        "problem_area" => {
            let t: Taxonomy = enum_arg(taxonomy.unwrap_or("wmk4"), "taxonomy")?;
            enum_arg::<ProblemAreaKind>(code, "problem area")?.label_in_taxonomy(t, loc)
        }
        "dispute_stage" => enum_arg::<DisputeStage>(code, "dispute stage")?.label_in(loc),
        "phase" => enum_arg::<PhaseKind>(code, "phase")?.label_in(loc),
        "alert_level" => enum_arg::<AlertLevel>(code, "alert level")?.label_in(loc),
        "safety_level" => enum_arg::<SafetyLevel>(code, "safety level")?.label_in(loc),
        "flag_state" => enum_arg::<FlagState>(code, "flag state")?.label_in(loc),
        "instrument" => code.parse::<InstrumentId>().map_err(core_err)?.label_in(loc),
        "error_kind" => enum_arg::<ErrorKind>(code, "error kind")?.label_in(loc),
        "region" => enum_arg::<Region>(code, "region")?.label_in(loc),
        "admission_criterion" => {
            enum_arg::<ipsrt::group::AdmissionCriterion>(code, "admission criterion")?.label_in(loc)
        }
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
            states
                .iter()
                .find(|s| s.name() == code)
                .map(|s| s.label_in(loc))
                .ok_or_else(|| invalid(format!("invalid occurrence state {code:?}: use one of {}", names.join(", "))))?
        }
        _ => return Err(invalid(format!("unknown label kind {kind:?}: use one of {KINDS}"))),
    })
}

/// What to do about an error of `kind` (`"invalid_input"`, ...; an exception's `kind`), in
/// `locale`.
#[pyfunction]
#[pyo3(signature = (kind, locale = "en"))]
pub fn error_advice(kind: &str, locale: &str) -> PyResult<String> {
    Ok(enum_arg::<ErrorKind>(kind, "error kind")?.advice_in(locale_arg(locale)?))
}

/// The message `id` of the catalogue in `locale` with its placeholders filled from the keyword
/// arguments (`int` or `str`), or None when `locale` has no such message.
#[pyfunction]
#[pyo3(signature = (id, locale = "en", **args))]
pub fn message(id: &str, locale: &str, args: Option<&Bound<'_, PyDict>>) -> PyResult<Option<String>> {
    let loc = locale_arg(locale)?;
    let mut values: Vec<(String, Arg<'static>)> = Vec::new();
    if let Some(args) = args {
        for (k, v) in args.iter() {
            let name: String = k.extract()?;
            let value = if let Ok(n) = v.extract::<i64>() {
                Arg::Number(n)
            } else if let Ok(s) = v.extract::<String>() {
                Arg::from(s)
            } else {
                return Err(invalid(format!("message argument {name:?} must be an int or a str")));
            };
            values.push((name, value));
        }
    }
    let refs: Vec<(&str, Arg<'_>)> = values.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Ok(ipsrt::i18n::message_with(loc, id, &refs))
}

/// The supported locale a name means (`"nl_BE.UTF-8"` → `"nl"`); an unsupported one raises
/// `InvalidInputError`.
#[pyfunction]
pub fn parse_locale(name: &str) -> PyResult<&'static str> {
    Ok(locale_arg(name)?.as_str())
}

/// The locale a POSIX environment asks for, from the values of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` (pass `os.environ.get(...)`): the first non-empty decides; `C`, `POSIX` and
/// unsupported languages give `"en"`.
#[pyfunction]
#[pyo3(signature = (lc_all = None, lc_messages = None, lang = None))]
pub fn locale_from_env(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> &'static str {
    Locale::from_posix_env(lc_all, lc_messages, lang).as_str()
}

/// The default words of a relapse-prevention plan per alert level, in `locale` (a dict like
/// the `guidance` of `AlertThresholds().to_dict()`).
#[pyfunction]
#[pyo3(signature = (locale = "en"))]
pub fn default_guidance<'py>(py: Python<'py>, locale: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &LevelGuidance::default_in(locale_arg(locale)?))
}

/// Registers the functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(label, m)?)?;
    m.add_function(wrap_pyfunction!(error_advice, m)?)?;
    m.add_function(wrap_pyfunction!(message, m)?)?;
    m.add_function(wrap_pyfunction!(parse_locale, m)?)?;
    m.add_function(wrap_pyfunction!(locale_from_env, m)?)?;
    m.add_function(wrap_pyfunction!(default_guidance, m)?)?;
    Ok(())
}
