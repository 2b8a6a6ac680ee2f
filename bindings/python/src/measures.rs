//! Outcome measures (core `ipsrt::measures`): `MeasureScore`, `Instrument`, scoring, change,
//! verdicts and FHIR (`EpisodeCourse` is in `episode.rs`). Scoring, flags,
//! bands and change over time all run in the core; this file only converts.

use ipsrt::measures::{Answers, Instrument, InstrumentId, MissingPolicy, Score, ScoreOptions};
use pyo3::prelude::*;

use crate::convert::{extract, to_py};
use crate::errors::{core_err, invalid};
use crate::persisted;
use crate::plain;

/// `MeasureScore(phq9, total=11, band=moderate, item9_positive)`: the instrument, the total,
/// the band when asked for, and the raised flags.
fn score_repr(s: &Score) -> String {
    let mut out = format!("MeasureScore({}, total=", s.instrument);
    match s.total {
        Some(t) => out.push_str(&t.to_string()),
        None => out.push_str("None"),
    }
    if let Some(b) = &s.band {
        out.push_str(", band=");
        out.push_str(&b.band.id);
    }
    for f in s.flags.iter().filter(|f| f.state == ipsrt::measures::FlagState::Raised) {
        out.push_str(", ");
        out.push_str(&f.id);
    }
    out.push(')');
    out
}

persisted!(PyMeasureScore, "MeasureScore", Score, repr = score_repr, {
    /// The instrument id (`"phq9"`, `"hrsd17"`, ...).
    #[getter]
    fn instrument(&self) -> String {
        self.inner.instrument.clone()
    }
    /// The raw total, or `None` when the missing-data policy allows none.
    #[getter]
    fn total(&self) -> Option<i32> {
        self.inner.total
    }
    /// Number of answered scored items.
    #[getter]
    fn n_answered(&self) -> u8 {
        self.inner.n_answered
    }
    /// Derived flags (e.g. the PHQ-9 item-9 safety flag) with their state and source.
    #[getter]
    fn flags<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.flags)
    }
    /// Safety signals (suicidality and self-harm items) raised by the answers, whatever the
    /// total or policy: dicts with `rule`, `instrument`, `item`, `item_number`, `loinc`, `answer`,
    /// `at_least`, `level` (`"notice"`, `"safety_check"`, `"crisis"`), `description`, `source`.
    #[getter]
    fn safety<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.safety)
    }
    /// Safety items left unanswered (never read as "no risk").
    #[getter]
    fn safety_unanswered(&self) -> Vec<String> {
        self.inner.safety_unanswered.clone()
    }
    /// The highest safety level raised (`"notice"`, `"safety_check"`, `"crisis"`), or None.
    fn safety_level(&self) -> Option<&'static str> {
        self.inner.safety_level().map(|l| l.as_str())
    }
    /// The band (interpretation), only when one was asked for.
    #[getter]
    fn band<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.band)
    }
    /// The state of one flag (`"raised"`, ...), or None when the instrument has no such flag.
    fn flag<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.flag(id))
    }
    /// The total's band in a scheme of an instrument (`scheme=None`: its default), or None
    /// when there is no total.
    #[pyo3(signature = (instrument, scheme = None))]
    fn band_in<'py>(
        &self,
        py: Python<'py>,
        instrument: &Bound<'py, PyAny>,
        scheme: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let definition = instrument_of(instrument)?;
        to_py(py, &self.inner.band_in(&definition, scheme).map_err(core_err)?)
    }
    /// The label of the result's band in `locale` (`"en"`, `"nl"`), or None when no band was
    /// asked for.
    #[pyo3(signature = (locale = "en"))]
    fn band_label(&self, locale: &str) -> PyResult<Option<String>> {
        Ok(self.inner.band_label(crate::i18n::locale_arg(locale)?))
    }
    /// What each safety signal means, in `locale`, in the order of `safety`.
    #[pyo3(signature = (locale = "en"))]
    fn safety_descriptions(&self, locale: &str) -> PyResult<Vec<String>> {
        let loc = crate::i18n::locale_arg(locale)?;
        Ok(self.inner.safety.iter().map(|s| s.description_in(loc)).collect())
    }
    /// A FHIR R4 Bundle (QuestionnaireResponse + total Observation) as a dict.
    #[pyo3(signature = (*, id_prefix = None, subject = None, authored = None))]
    fn to_fhir<'py>(
        &self,
        py: Python<'py>,
        id_prefix: Option<String>,
        subject: Option<String>,
        authored: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut options = ipsrt::measures::fhir::ExportOptions { subject, authored, ..Default::default() };
        if let Some(p) = id_prefix {
            options.id_prefix = p;
        }
        to_py(py, &ipsrt::measures::fhir::export(&self.inner, &options).map_err(core_err)?)
    }
});

persisted!(PyInstrument, "Instrument", Instrument, {
    /// A shipped instrument definition: `"phq9"`, `"hrsd17"`, `"asrm"`, `"ymrs"`, `"daily_mood"`,
    /// `"gad7"`, `"epds"`, `"phq9m"`, `"wsas"`, `"cssrs_screener"`.
    #[staticmethod]
    fn builtin(id: &str) -> PyResult<Self> {
        let id: InstrumentId = id.parse().map_err(core_err)?;
        Ok(Self { inner: ipsrt::measures::builtin(id).clone() })
    }
    /// The ids of the shipped instruments.
    #[staticmethod]
    fn builtin_ids() -> Vec<&'static str> {
        InstrumentId::ALL.iter().map(|i| i.as_str()).collect()
    }
    /// The definition's fields, as a dict (items, bands, flags, cut-offs with sources).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// The instrument id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }
    /// One item (dict) by id, or None.
    fn item<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.item(id))
    }
    /// The items that count toward the total, as dicts.
    fn scored_items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<_> = self.inner.scored_items().collect();
        to_py(py, &v)
    }
    /// The instrument's name in `locale` (`"en"`, `"nl"`).
    #[pyo3(signature = (locale = "en"))]
    fn title_in(&self, locale: &str) -> PyResult<String> {
        Ok(self.inner.title_in(crate::i18n::locale_arg(locale)?))
    }
    /// The label of band `band` (an id from any scheme) in `locale`, or None when there is no
    /// such band.
    #[pyo3(signature = (band, locale = "en"))]
    fn band_label(&self, band: &str, locale: &str) -> PyResult<Option<String>> {
        Ok(self.inner.band_label(band, crate::i18n::locale_arg(locale)?))
    }
    /// The description of flag `flag` in `locale`, or None when there is no such flag.
    #[pyo3(signature = (flag, locale = "en"))]
    fn flag_description(&self, flag: &str, locale: &str) -> PyResult<Option<String>> {
        Ok(self.inner.flag_description(flag, crate::i18n::locale_arg(locale)?))
    }
    /// What a positive answer to safety rule `rule` means, in `locale`, or None.
    #[pyo3(signature = (rule, locale = "en"))]
    fn safety_description(&self, rule: &str, locale: &str) -> PyResult<Option<String>> {
        Ok(self.inner.safety_description(rule, crate::i18n::locale_arg(locale)?))
    }
    /// The text of item `item` in `locale`, only where it may be shipped (None for licensed
    /// items, and for every item in Dutch in this release).
    #[pyo3(signature = (item, locale = "en"))]
    fn item_text(&self, item: &str, locale: &str) -> PyResult<Option<String>> {
        Ok(self.inner.item_text(item, crate::i18n::locale_arg(locale)?))
    }
    /// The lowest and highest possible total.
    fn total_range(&self) -> (i32, i32) {
        self.inner.total_range()
    }
    /// A band scheme (dict) by id; None asks for the default scheme.
    #[pyo3(signature = (id = None))]
    fn band_scheme<'py>(&self, py: Python<'py>, id: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.band_scheme(id).map_err(core_err)?)
    }
    /// Changes (or adds) the threshold of safety rule `rule` that raises `level` (`"notice"`,
    /// `"safety_check"`, `"crisis"`), with the value's `source` (a dict `{key, locator,
    /// evidence}`). On error the definition is unchanged.
    fn set_safety_threshold(
        &mut self,
        rule: &str,
        level: &Bound<'_, PyAny>,
        at_least: i32,
        source: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let level: ipsrt::measures::SafetyLevel = extract(level, "safety level")?;
        let source: ipsrt::source::Source = extract(source, "Source")?;
        self.inner.set_safety_threshold(rule, level, ipsrt::source::Cited::new(at_least, source)).map_err(core_err)
    }
    /// The scored value of the option at `position` (0 = first printed option) of item `item`
    /// on the paper form (EPDS items 3 and 5–10 are reverse-scored); None when out of range or
    /// the item does not exist.
    fn scored_value_of_position(&self, item: &str, position: i32) -> Option<i32> {
        self.inner.item(item).and_then(|i| i.scored_value_of_position(position))
    }
    /// The safety signals and unanswered safety items for answers on this definition, without
    /// scoring: a dict `{signals, unanswered}`.
    fn evaluate_safety<'py>(&self, py: Python<'py>, answers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let answers = answers_of(&self.inner, answers)?;
        let (signals, unanswered) = ipsrt::measures::safety::evaluate(&self.inner, &answers);
        let d = pyo3::types::PyDict::new(py);
        d.set_item("signals", to_py(py, &signals)?)?;
        d.set_item("unanswered", unanswered)?;
        Ok(d.into_any())
    }
    /// Checks the definition's consistency.
    fn validate(&self) -> PyResult<()> {
        self.inner.validate().map_err(core_err)
    }
    /// Whether a total meets a cut-off (dict `{"op": "less_than"|"at_most"|"at_least", "value"}`).
    #[staticmethod]
    fn cutoff_met(cutoff: &Bound<'_, PyAny>, total: i32) -> PyResult<bool> {
        let c: ipsrt::measures::instrument::Cutoff = extract(cutoff, "Cutoff")?;
        Ok(c.is_met(total))
    }
    /// Reads a FHIR QuestionnaireResponse (JSON text) for this instrument ): a dict `{answers, ignored}`
    /// (answers keyed by item id, ready for `score_measure`; `ignored`: linkIds that map to no item.
    fn import_fhir<'py>(&self, py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
        let imported = ipsrt::measures::fhir::import(&self.inner, json).map_err(core_err)?;
        let d = pyo3::types::PyDict::new(py);
        d.set_item("answers", to_py(py, &imported.answers)?)?;
        d.set_item("ignored", imported.ignored)?;
        Ok(d.into_any())
    }
});

/// Scores answers (a dict of item id → value, or a list in form order with None for missing)
/// on a shipped instrument or an `Instrument`.
/// `band_scheme=""` asks for the instrument's default band scheme.
#[pyfunction]
#[pyo3(signature = (instrument, answers, *, policy = None, band_scheme = None))]
pub fn score_measure(
    instrument: &Bound<'_, PyAny>,
    answers: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    band_scheme: Option<String>,
) -> PyResult<PyMeasureScore> {
    let definition = instrument_of(instrument)?;
    let answers = answers_of(&definition, answers)?;
    let options = ScoreOptions { policy: policy_of(policy)?, band_scheme };
    ipsrt::measures::score::score(&definition, &answers, &options)
        .map(|inner| PyMeasureScore { inner })
        .map_err(core_err)
}

fn instrument_of(instrument: &Bound<'_, PyAny>) -> PyResult<Instrument> {
    if let Ok(custom) = instrument.extract::<PyRef<'_, PyInstrument>>() {
        return Ok(custom.inner.clone());
    }
    let id: String = instrument.extract()?;
    let id: InstrumentId = id.parse().map_err(core_err)?;
    Ok(ipsrt::measures::builtin(id).clone())
}

/// A policy is `"strict"`, `"prorate:2"`, `"zero"`, or its JSON form (`{"kind": "strict"}`).
fn policy_of(policy: Option<&Bound<'_, PyAny>>) -> PyResult<Option<MissingPolicy>> {
    match policy {
        None => Ok(None),
        Some(p) if p.is_none() => Ok(None),
        Some(p) => match p.extract::<String>() {
            Ok(text) => Ok(Some(text.parse().map_err(core_err)?)),
            Err(_) => Ok(Some(extract(p, "missing-data policy")?)),
        },
    }
}

/// Answers: a dict (or any mapping with `.items()`, e.g. a pandas row) of item id to value, or
/// a list of values in form order (core `Answers::from_ordered`). Each value is an int, a
/// whole-number float (`1.0`, as a pandas row holds it) or None/NaN/`pandas.NA` for unanswered
/// (core `Answers::answer_from_f64`).
fn answers_of(definition: &Instrument, answers: &Bound<'_, PyAny>) -> PyResult<Answers> {
    if let Ok(a) = answers.cast::<PyAnswers>() {
        return Ok(a.borrow().inner.clone());
    }
    if answers.is_instance_of::<pyo3::types::PyList>() || answers.is_instance_of::<pyo3::types::PyTuple>() {
        let mut values: Vec<Option<i32>> = Vec::new();
        for (i, v) in answers.try_iter()?.enumerate() {
            let item = definition.items.get(i).map(|it| it.id.clone()).unwrap_or_else(|| format!("#{}", i + 1));
            values.push(answer_cell(&item, &v?)?);
        }
        return Answers::from_ordered(definition, &values).map_err(core_err);
    }
    if answers.hasattr("items")? {
        let mut out = Answers::new();
        for pair in answers.call_method0("items")?.try_iter()? {
            let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
            let item: String = key.str()?.to_string();
            if let Some(v) = answer_cell(&item, &value)? {
                out.set(item, v);
            }
        }
        return Ok(out);
    }
    extract(answers, "answers (dict of item id to int)")
}

/// One answer cell: int, whole-number float, or None/NaN/`pandas.NA` for unanswered.
pub fn answer_cell(item: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<i32>> {
    if value.is_none() {
        return Ok(None);
    }
    let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    if type_name == "NAType" {
        return Ok(None);
    }
    let not_a_number = || {
        let shown = value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
        invalid(format!(
            "answer {} to item {} is a {type_name}, not a number: give a whole number, or None/NaN for unanswered",
            ipsrt::limits::Excerpt::new(&shown),
            ipsrt::limits::Excerpt::new(item)
        ))
    };
    if value.is_instance_of::<pyo3::types::PyBool>() || type_name == "bool_" {
        return Err(not_a_number());
    }
    if value.is_instance_of::<pyo3::types::PyFloat>() || type_name.starts_with("float") {
        let f: f64 = value.extract().map_err(|_| not_a_number())?;
        return Answers::answer_from_f64(item, f).map_err(core_err);
    }
    match value.extract::<i64>() {
        Ok(v) => Ok(Some(i32::try_from(v).map_err(|_| {
            invalid(format!(
                "answer {v} to item {} is not allowed: give a whole number in the item's range, or leave it unanswered",
                ipsrt::limits::Excerpt::new(item)
            ))
        })?)),
        Err(_) => Err(not_a_number()),
    }
}

/// Scores one answer set per row (the rows of a table; `measures.score_frame`): `rows` is a
/// list of dicts of item id to cell. A cell that is not an answer, and an answer the
/// instrument does not allow, raise the error of its kind prefixed with `row N` (positional,
/// 0-based) — the first failing row; nothing is returned then.
#[pyfunction]
#[pyo3(signature = (instrument, rows, *, policy = None, band_scheme = None))]
pub fn score_measure_rows<'py>(
    py: Python<'py>,
    instrument: &Bound<'py, PyAny>,
    rows: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
    band_scheme: Option<String>,
) -> PyResult<Vec<PyMeasureScore>> {
    let definition = instrument_of(instrument)?;
    let at_row = |i: usize, e: PyErr| {
        let msg = format!("row {i}: {}", e.value(py));
        match e.value(py).getattr("kind").ok().and_then(|k| k.extract::<String>().ok()) {
            Some(k) if k == ipsrt::ErrorKind::NotScorable.as_str() => crate::errors::NotScorableError::new_err(msg),
            _ => invalid(msg),
        }
    };
    let mut sets = Vec::new();
    for (i, row) in rows.try_iter()?.enumerate() {
        sets.push(answers_of(&definition, &row?).map_err(|e| at_row(i, e))?);
    }
    let options = ScoreOptions { policy: policy_of(policy)?, band_scheme };
    let results = py.detach(|| ipsrt::measures::score::score_many(&definition, &sets, &options));
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.map(|inner| PyMeasureScore { inner }).map_err(|e| at_row(i, core_err(e))))
        .collect()
}

/// Scores many answer sets on one instrument (in parallel in the core): a list with a
/// `MeasureScore` or the error (an `IpsrtError` instance, not raised) per set.
#[pyfunction]
#[pyo3(signature = (instrument, answer_sets, *, policy = None, band_scheme = None))]
pub fn score_measures<'py>(
    py: Python<'py>,
    instrument: &Bound<'py, PyAny>,
    answer_sets: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
    band_scheme: Option<String>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let definition = instrument_of(instrument)?;
    let mut sets = Vec::new();
    for a in answer_sets.try_iter()? {
        sets.push(answers_of(&definition, &a?)?);
    }
    let options = ScoreOptions { policy: policy_of(policy)?, band_scheme };
    let results = py.detach(|| ipsrt::measures::score::score_many(&definition, &sets, &options));
    results
        .into_iter()
        .map(|r| match r {
            Ok(inner) => Ok(Bound::new(py, PyMeasureScore { inner })?.into_any()),
            Err(e) => Ok(core_err(e).into_value(py).into_bound(py).into_any()),
        })
        .collect()
}

/// The missing-data policy scoring would use (the given one, else the instrument's default),
/// with its source: a cited dict. Fails when the policy does not fit the instrument.
#[pyfunction]
#[pyo3(signature = (instrument, policy = None))]
pub fn effective_policy<'py>(
    py: Python<'py>,
    instrument: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let definition = instrument_of(instrument)?;
    let policy = policy_of(policy)?;
    if let Some(p) = policy {
        p.check(definition.scored_items().count()).map_err(core_err)?;
    }
    let options = ScoreOptions { policy, band_scheme: None };
    to_py(py, &ipsrt::measures::score::effective_policy(&definition, &options))
}

/// Evaluates one flag rule (dict, as in an instrument's `flags`) on answers: the flag state.
#[pyfunction]
pub fn evaluate_flag<'py>(
    py: Python<'py>,
    rule: &Bound<'py, PyAny>,
    answers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let rule: ipsrt::measures::instrument::FlagRule = extract(rule, "FlagRule")?;
    let answers: Answers = extract(answers, "answers (dict of item id to int)")?;
    to_py(py, &ipsrt::measures::score::evaluate_flag(&rule, &answers))
}

/// The response verdict the change from baseline to follow-up suggests (a dict with the
/// verdict, basis, reasons and the course `event` to confirm and apply).
#[pyfunction]
pub fn suggest_verdict<'py>(
    py: Python<'py>,
    baseline: PyRef<'_, PyMeasureScore>,
    follow_up: PyRef<'_, PyMeasureScore>,
) -> PyResult<Bound<'py, PyAny>> {
    let change = ipsrt::measures::change::compare(&baseline.inner, &follow_up.inner).map_err(core_err)?;
    let s = ipsrt::measures::course_link::suggest_verdict(&change);
    let d = to_py(py, &s)?;
    d.set_item("event", to_py(py, &s.event())?)?;
    Ok(d)
}

plain!(PyAnswers, "Answers", Answers, {
    /// An answer set: empty, from a dict (item id -> value), or from a list in the
    /// instrument's form order (None = missing; needs `instrument`).
    #[new]
    #[pyo3(signature = (answers = None, *, instrument = None))]
    fn new(answers: Option<&Bound<'_, PyAny>>, instrument: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = match (answers, instrument) {
            (None, _) => Answers::new(),
            (Some(a), Some(i)) => answers_of(&instrument_of(i)?, a)?,
            (Some(a), None) => extract(a, "answers (dict of item id to int)")?,
        };
        Ok(Self { inner })
    }
    /// Sets an item's value (returns self for chaining).
    fn set(mut slf: PyRefMut<'_, Self>, item: String, value: i32) -> PyRefMut<'_, Self> {
        slf.inner.set(item, value);
        slf
    }
    /// An item's value, or None when unanswered.
    fn get(&self, item: &str) -> Option<i32> {
        self.inner.get(item)
    }
});

/// Registers the measures classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMeasureScore>()?;
    m.add_class::<PyInstrument>()?;
    m.add_class::<PyAnswers>()?;
    m.add_function(wrap_pyfunction!(score_measure, m)?)?;
    m.add_function(wrap_pyfunction!(compare_measures, m)?)?;
    m.add_function(wrap_pyfunction!(score_measures, m)?)?;
    m.add_function(wrap_pyfunction!(score_measure_rows, m)?)?;
    m.add_function(wrap_pyfunction!(effective_policy, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_flag, m)?)?;
    m.add_function(wrap_pyfunction!(suggest_verdict, m)?)?;
    Ok(())
}

/// Change from a baseline to a follow-up result: response, remission and minimal important
/// change, each with its rule, the observed value and its source (a dict), plus
/// `is_non_response` (the core's reading: True/False, None when the instrument has no rule).
#[pyfunction]
pub fn compare_measures<'py>(
    py: Python<'py>,
    baseline: PyRef<'_, PyMeasureScore>,
    follow_up: PyRef<'_, PyMeasureScore>,
) -> PyResult<Bound<'py, PyAny>> {
    let change = ipsrt::measures::change::compare(&baseline.inner, &follow_up.inner).map_err(core_err)?;
    let d = to_py(py, &change)?;
    d.set_item("is_non_response", change.is_non_response())?;
    Ok(d)
}
