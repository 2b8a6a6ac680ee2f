//! SRM (core `ipsrt::srm`): single-week scoring, the `Diary` and `ScoringOptions` classes, and
//! the batch path over NumPy and Arrow arrays (GIL released, outputs written in place into
//! preallocated NumPy arrays by `ipsrt::srm::score_batch`).

use std::num::NonZeroUsize;

use chrono::NaiveDate;
use ipsrt::srm::batch::{BatchOutput, BatchSpec, Minute, Threads};
use ipsrt::srm::{Diary, Entry, Form, FormKind, ItemId, ScoringOptions, Status, Week, score_week, score_weeks};
use ipsrt::time::ClockTime;
use numpy::{PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray3, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{extract, to_py};
use crate::errors::{core_err, invalid};
use crate::persisted;

fn form_kind(form: &str) -> PyResult<FormKind> {
    match form.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "srm5" => Ok(FormKind::Srm5),
        "srmii5" => Ok(FormKind::SrmII5),
        "srm17" => Ok(FormKind::Srm17),
        _ => Err(invalid(format!("unknown SRM form {form:?}: use \"srm5\", \"srm_ii_5\" or \"srm17\""))),
    }
}

fn options_of(options: Option<&Bound<'_, PyAny>>) -> PyResult<ScoringOptions> {
    match options {
        None => Ok(ScoringOptions::default()),
        Some(o) if o.is_instance_of::<PyScoringOptions>() => Ok(o.cast::<PyScoringOptions>()?.borrow().inner),
        Some(o) => {
            let opts: ScoringOptions = extract(o, "ScoringOptions")?;
            opts.validate().map_err(core_err)?;
            Ok(opts)
        }
    }
}

persisted!(PyScoringOptions, "ScoringOptions", ScoringOptions, {
    /// Scoring options; every keyword defaults to the core's default (`ScoringOptions::default()`).
    #[new]
    #[pyo3(signature = (**kwargs))]
    fn new(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let py_defaults = to_py(py, &ScoringOptions::default())?;
        let merged = py_defaults.cast::<PyDict>()?.copy()?;
        if let Some(k) = kwargs {
            for (key, v) in k.iter() {
                if !merged.contains(&key)? {
                    return Err(invalid(format!(
                        "unknown SRM scoring option {key}: use hit_window_min, trim_factor, sd, sd_floor_min, min_occurrences, reference, hit_values, windows, week_anchor"
                    )));
                }
                merged.set_item(key, v)?;
            }
        }
        Ok(Self { inner: options_of(Some(merged.as_any()))? })
    }
    /// The options in the core's serde form (a dict of the fields, no envelope).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Whether these are the standard SRM options (Monk 1990).
    #[getter]
    fn is_standard_srm(&self) -> bool {
        self.inner.is_standard_srm()
    }
});

persisted!(PyDiary, "Diary", Diary, {
    /// An empty diary for a form (`"srm5"`, `"srm_ii_5"`, `"srm17"`, or the core's form dict,
    /// e.g. with SRM-II-5 targets).
    #[new]
    #[pyo3(signature = (form = None))]
    fn new(form: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let form = form_of(form)?;
        Ok(Self { inner: Diary::new(form) })
    }
    /// Adds one entry: `add(date, item, time)` where time is `"HH:MM"`, `datetime.time`,
    /// `"not_done"` or `"not_recorded"`. On error nothing changes.
    fn add(&mut self, date: &Bound<'_, PyAny>, item: &Bound<'_, PyAny>, time: &Bound<'_, PyAny>) -> PyResult<()> {
        let date: NaiveDate = extract(date, "date")?;
        let item: ItemId = extract(item, "ItemId")?;
        let status = status_of(time)?;
        self.inner.add(Entry::new(date, item, status)).map_err(core_err)
    }
    /// Adds a full entry in the core's form (with people code, recorded-at, ...).
    fn add_entry(&mut self, entry: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.add(extract(entry, "Entry")?).map_err(core_err)
    }
    /// Records the day's mood (-5..=5).
    fn set_mood(&mut self, date: &Bound<'_, PyAny>, mood: i64) -> PyResult<()> {
        let m = ipsrt::srm::Mood::new(mood).map_err(core_err)?;
        self.inner.set_mood(extract(date, "date")?, m);
        Ok(())
    }
    /// Hours after the day's end after which an entry counts as late.
    #[getter]
    fn late_grace_hours(&self) -> u32 {
        self.inner.late_grace_hours()
    }
    #[setter]
    fn set_late_grace_hours(&mut self, hours: u32) {
        self.inner.set_late_grace_hours(hours);
    }
    /// The entries as dicts.
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.entries())
    }
    /// The first and last diary date, or None.
    #[getter]
    fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.inner.span()
    }
    /// Entries recorded late, as dicts.
    fn late_entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<&Entry> = self.inner.late_entries().collect();
        to_py(py, &v)
    }
    /// The start dates of the scoring windows under the options.
    #[pyo3(signature = (options = None))]
    fn window_starts(&self, options: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<NaiveDate>> {
        Ok(self.inner.window_starts(&options_of(options)?))
    }
    /// The 7-day windows under the options, as Week dicts (the input of `score_week`).
    #[pyo3(signature = (options = None))]
    fn weeks<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.weeks(&options_of(options)?))
    }
    /// Scores every window: a list of WeekScore dicts (per-item detail included).
    #[pyo3(signature = (options = None))]
    fn score<'py>(&self, py: Python<'py>, options: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let opts = options_of(options)?;
        let scores = self.inner.weeks(&opts).iter().map(|w| score_week(w, &opts)).collect::<Result<Vec<_>, _>>();
        to_py(py, &scores.map_err(core_err)?)
    }
});

fn form_of(form: Option<&Bound<'_, PyAny>>) -> PyResult<Form> {
    match form {
        None => Ok(Form::Srm5),
        Some(f) => match f.extract::<String>() {
            Ok(s) => Ok(Form::from(form_kind(&s)?)),
            Err(_) => extract(f, "Form"),
        },
    }
}

fn status_of(time: &Bound<'_, PyAny>) -> PyResult<Status> {
    if let Ok(s) = time.extract::<String>() {
        return Status::parse(&s).map_err(core_err);
    }
    if time.is_none() {
        return Ok(Status::NotRecorded);
    }
    let t: ClockTime = extract(time, "clock time")?;
    Ok(Status::Done(t))
}

/// Scores one week (a Week dict in the core's form) with per-item detail: a WeekScore dict.
#[pyfunction]
#[pyo3(signature = (week, options = None))]
pub fn srm_score_week<'py>(
    py: Python<'py>,
    week: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let week: Week = extract(week, "Week")?;
    to_py(py, &score_week(&week, &options_of(options)?).map_err(core_err)?)
}

/// Scores several weeks and their mean: a PeriodScore dict.
#[pyfunction]
#[pyo3(signature = (weeks, options = None))]
pub fn srm_score_weeks<'py>(
    py: Python<'py>,
    weeks: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let weeks: Vec<Week> = extract(weeks, "list of Week")?;
    to_py(py, &score_weeks(&weeks, &options_of(options)?).map_err(core_err)?)
}

/// The core's default scoring options as a dict of fields.
#[pyfunction]
pub fn srm_default_options<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ScoringOptions::default())
}

/// The item ids of a form, in form (column) order.
#[pyfunction]
pub fn srm_form_items(form: &str) -> PyResult<Vec<&'static str>> {
    Ok(form_kind(form)?.items().iter().map(|i| i.as_str()).collect())
}

fn threads(n: Option<usize>) -> PyResult<Threads> {
    match n {
        None => Ok(Threads::Auto),
        Some(n) => NonZeroUsize::new(n)
            .map(Threads::Count)
            .ok_or_else(|| invalid("n_threads must be at least 1 (or None for RAYON_NUM_THREADS / all cores)")),
    }
}

fn spec(
    form: &str,
    items: usize,
    options: Option<&Bound<'_, PyAny>>,
    targets: Option<&Bound<'_, PyAny>>,
    n_threads: Option<usize>,
) -> PyResult<BatchSpec> {
    let kind = form_kind(form)?;
    let expected = kind.items().len();
    if items != expected {
        return Err(invalid(format!(
            "the last axis has {items} items but form {} has {expected}: pass an array of shape (weeks, 7, {expected})",
            kind.as_str()
        )));
    }
    let mut spec = BatchSpec::for_form(kind).with_options(options_of(options)?).with_threads(threads(n_threads)?);
    if let Some(t) = targets {
        spec.targets = extract(t, "list of target times (\"HH:MM\" or None), one per item")?;
    }
    Ok(spec)
}

type Outputs<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<u8>>,
);

fn run<'py, T: Minute>(py: Python<'py>, minutes: &[T], weeks: usize, spec: &BatchSpec) -> PyResult<Bound<'py, PyDict>> {
    let items = spec.items;
    let out: Outputs<'py> = (
        PyArray1::zeros(py, weeks, false),
        PyArray1::zeros(py, weeks, false),
        PyArray1::zeros(py, weeks, false),
        PyArray1::zeros(py, weeks, false),
        PyArray2::zeros(py, [weeks, items], false),
        PyArray2::zeros(py, [weeks, items], false),
    );
    {
        let mut score = out.0.readwrite();
        let mut hits = out.1.readwrite();
        let mut counted = out.2.readwrite();
        let mut ali = out.3.readwrite();
        let mut habitual = out.4.readwrite();
        let mut item_hits = out.5.readwrite();
        let (s, h, c, a, hb, ih) = (
            score.as_slice_mut()?,
            hits.as_slice_mut()?,
            counted.as_slice_mut()?,
            ali.as_slice_mut()?,
            habitual.as_slice_mut()?,
            item_hits.as_slice_mut()?,
        );
        py.detach(|| {
            let out = BatchOutput::new(s, h, c, a).with_items(hb, ih);
            ipsrt::srm::score_batch(minutes, spec, out)
        })
        .map_err(core_err)?;
    }
    let d = PyDict::new(py);
    d.set_item("score", out.0)?;
    d.set_item("hits", out.1)?;
    d.set_item("counted_items", out.2)?;
    d.set_item("ali", out.3)?;
    d.set_item("habitual", out.4)?;
    d.set_item("item_hits", out.5)?;
    Ok(d)
}

/// Batch scoring over a C-contiguous NumPy array `(weeks, 7, items)` of clock minutes:
/// float64 with NaN, or int16/int32 with -1, for no occurrence. Returns a dict of arrays.
#[pyfunction]
#[pyo3(signature = (times, *, form = "srm5", options = None, targets = None, n_threads = None))]
pub fn srm_score_batch_numpy<'py>(
    py: Python<'py>,
    times: &Bound<'py, PyAny>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    targets: Option<&Bound<'py, PyAny>>,
    n_threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    macro_rules! try_dtype {
        ($t:ty) => {
            if let Ok(arr) = times.extract::<PyReadonlyArray3<'py, $t>>() {
                let shape = arr.shape().to_vec();
                let (weeks, days, items) = match shape.as_slice() {
                    [w, d, i] => (*w, *d, *i),
                    _ => return Err(invalid("times must have shape (weeks, 7, items)")),
                };
                if days != 7 {
                    return Err(invalid(format!("the middle axis has {days} days: pass shape (weeks, 7, items)")));
                }
                let spec = spec(form, items, options, targets, n_threads)?;
                let slice =
                    arr.as_slice().map_err(|_| invalid("times must be C-contiguous: use numpy.ascontiguousarray"))?;
                return run(py, slice, weeks, &spec);
            }
        };
    }
    try_dtype!(f64);
    try_dtype!(i32);
    try_dtype!(i16);
    Err(invalid(
        "times must be a 3-D NumPy array (weeks, 7, items) of float64 (NaN = no occurrence) or int16/int32 (-1 = no occurrence)",
    ))
}

/// Batch scoring over an Arrow array (anything with `__arrow_c_array__`: pyarrow, polars via
/// `to_arrow()`, ...): a flat float64 (null/NaN = no occurrence) or int16/int32 (null/-1) array
/// of length `weeks × 7 × items`, or a fixed-size-list array of `7 × items` per week.
#[pyfunction]
#[pyo3(signature = (array, *, form = "srm5", options = None, targets = None, n_threads = None))]
pub fn srm_score_batch_arrow<'py>(
    py: Python<'py>,
    array: pyo3_arrow::PyArray,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    targets: Option<&Bound<'py, PyAny>>,
    n_threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int16Type, Int32Type};
    use arrow_array::{Array, ArrayRef};

    let items = form_kind(form)?.items().len();
    let spec = spec(form, items, options, targets, n_threads)?;
    let per_week = 7 * items;
    let mut values: ArrayRef = array.array().clone();
    if let Some(list) = values.as_fixed_size_list_opt() {
        if list.value_length() as usize != per_week {
            return Err(invalid(format!(
                "each list has {} values; form {form} needs 7 × {items} = {per_week} per week",
                list.value_length()
            )));
        }
        if list.null_count() > 0 {
            return Err(invalid("a week (list) is null: drop it or fill it with nulls inside the list"));
        }
        values = list.values().slice(list.offset() * per_week, list.len() * per_week);
    }
    if !values.len().is_multiple_of(per_week) {
        return Err(invalid(format!("{} values is not a whole number of weeks of {per_week} values", values.len())));
    }
    let weeks = values.len() / per_week;
    if let Some(a) = values.as_primitive_opt::<Float64Type>() {
        let v: Vec<f64> = (0..a.len()).map(|i| if a.is_null(i) { f64::NAN } else { a.value(i) }).collect();
        return run(py, &v, weeks, &spec);
    }
    if let Some(a) = values.as_primitive_opt::<Int32Type>() {
        let v: Vec<i32> = (0..a.len()).map(|i| if a.is_null(i) { -1 } else { a.value(i) }).collect();
        return run(py, &v, weeks, &spec);
    }
    if let Some(a) = values.as_primitive_opt::<Int16Type>() {
        let v: Vec<i16> = (0..a.len()).map(|i| if a.is_null(i) { -1 } else { a.value(i) }).collect();
        return run(py, &v, weeks, &spec);
    }
    Err(invalid(format!("Arrow type {} is not supported: use float64, int32 or int16 minutes", values.data_type())))
}

/// Scores the long format `participant, date, item, time` (one row per diary cell) with the
/// core's diary windows: each participant's rows become a core `Diary`, cut into weeks by the
/// options, and scored. Returns columns (participant, week_start, score, hits, counted_items,
/// ali, days_recorded).
#[pyfunction]
#[pyo3(signature = (participants, dates, items, times, *, form = "srm5", options = None))]
pub fn srm_score_long<'py>(
    py: Python<'py>,
    participants: Vec<String>,
    dates: &Bound<'py, PyAny>,
    items: Vec<String>,
    times: Vec<Option<String>>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let dates: Vec<NaiveDate> = extract(dates, "list of dates")?;
    let n = participants.len();
    if dates.len() != n || items.len() != n || times.len() != n {
        return Err(invalid("participant, date, item and time columns must have the same length"));
    }
    let opts = options_of(options)?;
    let form = Form::from(form_kind(form)?);
    // Group rows by participant in first-appearance order.
    let mut order: Vec<String> = Vec::new();
    let mut diaries: std::collections::HashMap<String, Diary> = std::collections::HashMap::new();
    for (row, (((p, d), it), t)) in participants.into_iter().zip(dates).zip(items).zip(times).enumerate() {
        let item: ItemId = it
            .parse()
            .map_err(|e: ipsrt::srm::SrmError| crate::errors::kind_err(e.kind(), format!("row {row}: {e}")))?;
        let status = match t {
            None => Status::NotRecorded,
            Some(s) => Status::parse(&s).map_err(|e| crate::errors::kind_err(e.kind(), format!("row {row}: {e}")))?,
        };
        let diary = diaries.entry(p.clone()).or_insert_with(|| {
            order.push(p.clone());
            Diary::new(form.clone())
        });
        diary
            .add(Entry::new(d, item, status))
            .map_err(|e| crate::errors::kind_err(e.kind(), format!("row {row}: {e}")))?;
    }
    let (mut pid, mut start, mut score, mut hits, mut counted, mut ali, mut days) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in &order {
        let Some(diary) = diaries.get(p) else { continue };
        for week in diary.weeks(&opts) {
            let s = score_week(&week, &opts).map_err(core_err)?;
            pid.push(p.clone());
            start.push(s.start);
            score.push(s.score.unwrap_or(f64::NAN));
            hits.push(s.hits);
            counted.push(s.counted_items);
            ali.push(s.ali);
            days.push(s.days_recorded);
        }
    }
    let d = PyDict::new(py);
    d.set_item("participant", pid)?;
    d.set_item("week_start", start)?;
    d.set_item("score", PyArray1::from_vec(py, score))?;
    d.set_item("hits", PyArray1::from_vec(py, hits))?;
    d.set_item("counted_items", PyArray1::from_vec(py, counted))?;
    d.set_item("ali", PyArray1::from_vec(py, ali))?;
    d.set_item("days_recorded", PyArray1::from_vec(py, days.into_iter().map(u32::from).collect::<Vec<u32>>()))?;
    Ok(d)
}
