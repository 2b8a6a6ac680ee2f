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
use crate::errors::{Whole, core_err, invalid, unsigned_arg};
use crate::persisted;
use crate::plain;

pub(crate) fn form_kind(form: &str) -> PyResult<FormKind> {
    match form.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "srm5" => Ok(FormKind::Srm5),
        "srmii5" => Ok(FormKind::SrmII5),
        "srm17" => Ok(FormKind::Srm17),
        _ => Err(invalid(format!("unknown SRM form {form:?}: use \"srm5\", \"srm_ii_5\" or \"srm17\""))),
    }
}

pub(crate) fn options_of(options: Option<&Bound<'_, PyAny>>) -> PyResult<ScoringOptions> {
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
    /// Where each scoring rule and default number comes from: a list of cited dicts
    /// (`{"value", "source": {...}}`).
    #[staticmethod]
    fn sources<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &ScoringOptions::sources())
    }
    /// The trimming factor (None = no trimming).
    #[getter]
    fn trim_factor(&self) -> Option<PyTrimFactor> {
        self.inner.trim_factor.map(|inner| PyTrimFactor { inner })
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
    /// Corrects a cell: `replace(date, item, time)` replaces every entry of that item on that
    /// day by one entry (the correction is what the week scores). Returns the replaced entries.
    /// A cell with no entry is a NotFoundError; on error nothing changes.
    fn replace(
        &mut self,
        date: &Bound<'_, PyAny>,
        item: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PySrmEntry>> {
        let entry = Entry::new(extract(date, "date")?, extract(item, "ItemId")?, status_of(time)?);
        Ok(self.inner.replace(entry).map_err(core_err)?.into_iter().map(|inner| PySrmEntry { inner }).collect())
    }
    /// Corrects a cell with a full `SrmEntry` (people code, recorded-at); as `replace`.
    fn replace_entry(&mut self, entry: PyRef<'_, PySrmEntry>) -> PyResult<Vec<PySrmEntry>> {
        let removed = self.inner.replace(entry.inner.clone()).map_err(core_err)?;
        Ok(removed.into_iter().map(|inner| PySrmEntry { inner }).collect())
    }
    /// Removes every entry of `item` on `date` and returns them. A cell with no entry is a
    /// NotFoundError; on error nothing changes.
    fn remove(&mut self, date: &Bound<'_, PyAny>, item: &Bound<'_, PyAny>) -> PyResult<Vec<PySrmEntry>> {
        let removed = self.inner.remove(extract(date, "date")?, extract(item, "ItemId")?).map_err(core_err)?;
        Ok(removed.into_iter().map(|inner| PySrmEntry { inner }).collect())
    }
    /// The entries of one cell (`item` on `date`), in the order added.
    fn entries_for(&self, date: &Bound<'_, PyAny>, item: &Bound<'_, PyAny>) -> PyResult<Vec<PySrmEntry>> {
        let (date, item): (NaiveDate, ItemId) = (extract(date, "date")?, extract(item, "ItemId")?);
        Ok(self.inner.entries_for(date, item).map(|e| PySrmEntry { inner: e.clone() }).collect())
    }
    /// The entries as `SrmEntry` objects, in the order added.
    fn entry_list(&self) -> Vec<PySrmEntry> {
        self.inner.entries().iter().map(|e| PySrmEntry { inner: e.clone() }).collect()
    }
    /// What a cell scores with after the rule for several entries: `"HH:MM"`, `"not_done"` or
    /// `"not_recorded"`.
    fn status(&self, date: &Bound<'_, PyAny>, item: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(self.inner.status(extract(date, "date")?, extract(item, "ItemId")?).to_string())
    }
    /// Whether an entry counts as late under this diary's grace period.
    fn is_late(&self, entry: PyRef<'_, PySrmEntry>) -> bool {
        self.inner.is_late(&entry.inner)
    }
    /// Removes a day's mood rating and returns it (None when there was none).
    fn remove_mood(&mut self, date: &Bound<'_, PyAny>) -> PyResult<Option<i8>> {
        Ok(self.inner.remove_mood(extract(date, "date")?).map(|m| m.value()))
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
    fn set_late_grace_hours(&mut self, hours: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.set_late_grace_hours(unsigned_arg::<u32>(hours, "late_grace_hours", 0, u32::MAX)?);
        Ok(())
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
    /// The diary's form.
    #[getter]
    fn form(&self) -> PySrmForm {
        PySrmForm { inner: self.inner.form().clone() }
    }
    /// The daily mood ratings: `{date: rating}`.
    #[getter]
    fn moods(&self) -> std::collections::BTreeMap<NaiveDate, i8> {
        self.inner.moods().iter().map(|(d, m)| (*d, m.value())).collect()
    }
    /// The 7-day window starting on a date, as a `Week`.
    fn week_starting(&self, start: &Bound<'_, PyAny>) -> PyResult<PyWeek> {
        Ok(PyWeek { inner: self.inner.week_starting(extract(start, "date")?) })
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
            Err(_) => {
                let form: Form = extract(f, "Form")?;
                form.validate().map_err(core_err)?;
                Ok(form)
            }
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

fn threads(n: Option<&Bound<'_, PyAny>>) -> PyResult<Threads> {
    match n {
        None => Ok(Threads::Auto),
        Some(n) if n.is_none() => Ok(Threads::Auto),
        Some(n) => {
            // None means RAYON_NUM_THREADS / all cores.
            let count = unsigned_arg::<u32>(n, "n_threads", 1, 65_536)?;
            NonZeroUsize::new(count as usize)
                .map(Threads::Count)
                .ok_or_else(|| invalid("n_threads must be at least 1 (or None for RAYON_NUM_THREADS / all cores)"))
        }
    }
}

fn spec(
    form: &str,
    items: usize,
    options: Option<&Bound<'_, PyAny>>,
    targets: Option<&Bound<'_, PyAny>>,
    n_threads: Option<&Bound<'_, PyAny>>,
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
    run_with(py, minutes, weeks, spec, true)
}

/// `score_batch`'s kernel setting: `"auto"` (AVX2 where the CPU has it) or `"baseline"`.
fn simd_of(simd: &str) -> PyResult<ipsrt::srm::batch::Simd> {
    match simd {
        "auto" => Ok(ipsrt::srm::batch::Simd::Auto),
        "baseline" => Ok(ipsrt::srm::batch::Simd::Baseline),
        other => Err(invalid(format!(
            "simd is {}: use \"auto\" (the fastest kernel this CPU supports) or \"baseline\" (the 8-lane kernel, for comparison)",
            ipsrt::limits::Excerpt::new(other)
        ))),
    }
}

/// The batch kernel a `simd` setting (`"auto"` or `"baseline"`) runs on this CPU:
/// `"avx2-16"` (16 weeks side by side, AVX2) or `"baseline-8"` (8 weeks, SSE2 on x86-64).
#[pyfunction]
#[pyo3(signature = (simd = "auto"))]
pub fn srm_batch_kernel(simd: &str) -> PyResult<&'static str> {
    Ok(simd_of(simd)?.kernel().name())
}

/// [`run`], optionally without the per-item outputs (`habitual`, `item_hits` are then `None`:
/// neither allocated nor computed).
fn run_with<'py, T: Minute>(
    py: Python<'py>,
    minutes: &[T],
    weeks: usize,
    spec: &BatchSpec,
    per_item: bool,
) -> PyResult<Bound<'py, PyDict>> {
    // Without per-item outputs the (weeks, items) arrays are not allocated: (weeks, 0) shapes
    // stand in for them here and are replaced by None in the result.
    let items = if per_item { spec.items } else { 0 };
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
            let out = BatchOutput::new(s, h, c, a);
            let out = if per_item { out.with_items(hb, ih) } else { out };
            ipsrt::srm::score_batch(minutes, spec, out)
        })
        .map_err(core_err)?;
    }
    let d = PyDict::new(py);
    d.set_item("score", out.0)?;
    d.set_item("hits", out.1)?;
    d.set_item("counted_items", out.2)?;
    d.set_item("ali", out.3)?;
    if per_item {
        d.set_item("habitual", out.4)?;
        d.set_item("item_hits", out.5)?;
    } else {
        d.set_item("habitual", py.None())?;
        d.set_item("item_hits", py.None())?;
    }
    Ok(d)
}

/// Batch scoring over a C-contiguous NumPy array `(weeks, 7, items)` of clock minutes:
/// float64 with NaN, or int16/int32 with -1, for no occurrence. Returns a dict of arrays
/// (`habitual` and `item_hits` are `None` with `per_item=False`). `simd="baseline"` forces
/// the baseline kernel (same results; for comparison).
#[pyfunction]
#[pyo3(signature = (times, *, form = "srm5", options = None, targets = None, n_threads = None, per_item = true, simd = "auto"))]
#[allow(clippy::too_many_arguments)]
pub fn srm_score_batch_numpy<'py>(
    py: Python<'py>,
    times: &Bound<'py, PyAny>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    targets: Option<&Bound<'py, PyAny>>,
    n_threads: Option<&Bound<'py, PyAny>>,
    per_item: bool,
    simd: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let simd = simd_of(simd)?;
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
                let spec = spec(form, items, options, targets, n_threads)?.with_simd(simd);
                let slice =
                    arr.as_slice().map_err(|_| invalid("times must be C-contiguous: use numpy.ascontiguousarray"))?;
                return run_with(py, slice, weeks, &spec, per_item);
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

/// Batch scoring over Arrow data: an array (`__arrow_c_array__`: a pyarrow Array, ...) or a
/// chunked array / stream (`__arrow_c_stream__`: a pyarrow ChunkedArray, a polars Series, ...),
/// of float64 (null/NaN = no occurrence) or int16/int32 (null/-1) minutes, either flat
/// (`weeks × 7 × items` values) or one list of `7 × items` per week (FixedSizeList, List or
/// LargeList). Anything else is an `InvalidInputError` saying what to pass.
#[pyfunction]
#[pyo3(signature = (array, *, form = "srm5", options = None, targets = None, n_threads = None))]
pub fn srm_score_batch_arrow<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    targets: Option<&Bound<'py, PyAny>>,
    n_threads: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int16Type, Int32Type};
    use arrow_array::{Array, ArrayRef};

    let items = form_kind(form)?.items().len();
    let spec = spec(form, items, options, targets, n_threads)?;
    let per_week = 7 * items;
    const WHAT: &str = "pass an Arrow array or chunked array of float64/int32/int16 minutes (pyarrow Array or ChunkedArray, polars Series), flat or one list per week";
    let unreadable =
        |e: PyErr| invalid(format!("score_arrow could not read {}: {} ({WHAT})", type_name(array), e.value(py)));
    let chunks: Vec<ArrayRef> = if array.hasattr("__arrow_c_array__")? {
        vec![array.extract::<pyo3_arrow::PyArray>().map_err(unreadable)?.array().clone()]
    } else if array.hasattr("__arrow_c_stream__")? {
        array.extract::<pyo3_arrow::PyChunkedArray>().map_err(unreadable)?.chunks().to_vec()
    } else {
        return Err(invalid(format!("score_arrow takes Arrow data, not {}: {WHAT}", type_name(array))));
    };
    // Each chunk's flat values: a list per week is checked (length 7 × items, not null) and
    // unwrapped.
    let mut flat: Vec<ArrayRef> = Vec::with_capacity(chunks.len());
    for chunk in &chunks {
        let lists: Option<(ArrayRef, Vec<usize>)> = if let Some(list) = chunk.as_fixed_size_list_opt() {
            if list.value_length() as usize != per_week {
                return Err(invalid(format!(
                    "each list has {} values; form {form} needs 7 × {items} = {per_week} per week",
                    list.value_length()
                )));
            }
            let start = list.offset() * per_week;
            Some((list.values().slice(start, list.len() * per_week), vec![per_week; list.len()]))
        } else if let Some(list) = chunk.as_list_opt::<i32>() {
            let o = list.value_offsets();
            let lens = o.windows(2).map(|w| (w[1] - w[0]) as usize).collect();
            Some((list.values().slice(o[0] as usize, (o[o.len() - 1] - o[0]) as usize), lens))
        } else if let Some(list) = chunk.as_list_opt::<i64>() {
            let o = list.value_offsets();
            let lens = o.windows(2).map(|w| (w[1] - w[0]) as usize).collect();
            Some((list.values().slice(o[0] as usize, (o[o.len() - 1] - o[0]) as usize), lens))
        } else {
            None
        };
        match lists {
            None => flat.push(chunk.clone()),
            Some((values, lens)) => {
                if chunk.null_count() > 0 {
                    return Err(invalid("a week (list) is null: drop it or fill it with nulls inside the list"));
                }
                if let Some((i, n)) = lens.iter().enumerate().find(|(_, n)| **n != per_week) {
                    return Err(invalid(format!(
                        "list {i} has {n} values; form {form} needs 7 × {items} = {per_week} per week"
                    )));
                }
                flat.push(values);
            }
        }
    }
    let Some(first) = flat.first() else {
        let empty: Vec<f64> = Vec::new();
        return run(py, &empty, 0, &spec);
    };
    let data_type = first.data_type().clone();
    if let Some(other) = flat.iter().find(|a| *a.data_type() != data_type) {
        return Err(invalid(format!("chunks mix Arrow types {data_type} and {}: {WHAT}", other.data_type())));
    }
    // A length that is not a whole number of weeks is the core's error (`score_batch` checks
    // the shape before the outputs, which are allocated for the whole weeks).
    let total: usize = flat.iter().map(|a| a.len()).sum();
    let weeks = total / per_week;
    if first.as_primitive_opt::<Float64Type>().is_some() {
        let mut v: Vec<f64> = Vec::with_capacity(total);
        for a in flat.iter().filter_map(|a| a.as_primitive_opt::<Float64Type>()) {
            v.extend((0..a.len()).map(|i| if a.is_null(i) { f64::NAN } else { a.value(i) }));
        }
        return run(py, &v, weeks, &spec);
    }
    if first.as_primitive_opt::<Int32Type>().is_some() {
        let mut v: Vec<i32> = Vec::with_capacity(total);
        for a in flat.iter().filter_map(|a| a.as_primitive_opt::<Int32Type>()) {
            v.extend((0..a.len()).map(|i| if a.is_null(i) { -1 } else { a.value(i) }));
        }
        return run(py, &v, weeks, &spec);
    }
    if first.as_primitive_opt::<Int16Type>().is_some() {
        let mut v: Vec<i16> = Vec::with_capacity(total);
        for a in flat.iter().filter_map(|a| a.as_primitive_opt::<Int16Type>()) {
            v.extend((0..a.len()).map(|i| if a.is_null(i) { -1 } else { a.value(i) }));
        }
        return run(py, &v, weeks, &spec);
    }
    Err(invalid(format!("Arrow type {data_type} is not supported: use float64, int32 or int16 minutes")))
}

/// The Python type name of an object, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "this object".into())
}

/// Scores the long format (one row per diary cell) through the core's
/// `srm::long_format` (`Columns::from_header`, the `parse_row` rules and `DiaryStream`: the same
/// code as `ipsrt srm score`): `header` names the columns (`participant, date, item, time`, and
/// optionally `people`, `mood`) and `columns` holds their text, one list per header entry.
/// Every field is checked by the core and an error names the line the row would have in a CSV
/// with a header (row `i` is line `i + 2`) and the field. Rows need not be grouped by
/// participant: the binding streams them grouped (stable, participants in first-appearance
/// order, rows of one participant in their original order). Returns columns (participant,
/// week_start, score, hits, counted_items, ali, days_recorded). `duplicates` ("error",
/// "first", "last"), `date_format` ("iso", "dmy", "mdy") and `time_unit` (None, "minutes",
/// "hours") are the core's `long_format::ReadOptions`.
#[pyfunction]
#[pyo3(signature = (header, columns, *, form = "srm5", options = None, duplicates = "error", date_format = "iso", time_unit = None))]
#[allow(clippy::too_many_arguments)]
pub fn srm_score_long<'py>(
    py: Python<'py>,
    header: Vec<String>,
    columns: Vec<Vec<String>>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    duplicates: &str,
    date_format: &str,
    time_unit: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    use ipsrt::srm::long_format::{
        Columns, DateOrder, DiaryStream, Duplicates, ParticipantDiary, ReadOptions, TimeUnit,
    };
    let read = ReadOptions {
        dates: match date_format {
            "iso" => DateOrder::Iso,
            "dmy" => DateOrder::DayFirst,
            "mdy" => DateOrder::MonthFirst,
            o => return Err(invalid(format!("date_format {o:?}: use \"iso\", \"dmy\" or \"mdy\""))),
        },
        duplicates: match duplicates {
            "error" => Duplicates::Refuse,
            "first" => Duplicates::First,
            "last" => Duplicates::Last,
            o => return Err(invalid(format!("duplicates {o:?}: use \"error\", \"first\" or \"last\""))),
        },
        time_unit: match time_unit {
            None => None,
            Some("minutes") => Some(TimeUnit::Minutes),
            Some("hours") => Some(TimeUnit::Hours),
            Some(o) => return Err(invalid(format!("time_unit {o:?}: use \"minutes\", \"hours\" or None"))),
        },
        ..ReadOptions::default()
    };
    if header.len() != columns.len() {
        return Err(invalid(format!(
            "{} column names but {} columns: give one list of values per header entry",
            header.len(),
            columns.len()
        )));
    }
    let n = columns.first().map_or(0, Vec::len);
    if columns.iter().any(|c| c.len() != n) {
        return Err(invalid("the columns must have the same length (one value per row)"));
    }
    let cols = Columns::from_header(&header).map_err(core_err)?;
    let participants = &columns[cols.participant];
    let opts = options_of(options)?;
    let form = Form::from(form_kind(form)?);
    // Stable grouping by participant (the core trims ids, so group on the trimmed id).
    let mut group_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(n);
    for (row, p) in participants.iter().enumerate() {
        let next = group_of.len();
        let g = *group_of.entry(p.trim()).or_insert(next);
        keys.push((g, row));
    }
    keys.sort_unstable();
    let mut out = LongOut::default();
    let mut stream = DiaryStream::with_options(form, cols, read);
    let mut fields: Vec<&str> = vec![""; columns.len()];
    for (_, row) in keys {
        for (field, column) in fields.iter_mut().zip(&columns) {
            *field = &column[row];
        }
        if let Some(done) = stream.push(row as u64 + 2, &fields).map_err(core_err)? {
            out.add(&done, &opts)?;
        }
    }
    if let Some(last) = stream.finish() {
        out.add(&last, &opts)?;
    }
    return out.into_dict(py);

    #[derive(Default)]
    struct LongOut {
        pid: Vec<String>,
        start: Vec<NaiveDate>,
        score: Vec<f64>,
        hits: Vec<u32>,
        counted: Vec<u32>,
        ali: Vec<u32>,
        days: Vec<u32>,
    }
    impl LongOut {
        fn add(&mut self, p: &ParticipantDiary, opts: &ScoringOptions) -> PyResult<()> {
            for week in p.diary.weeks(opts) {
                let s = score_week(&week, opts).map_err(core_err)?;
                self.pid.push(p.participant.clone());
                self.start.push(s.start);
                self.score.push(s.score.unwrap_or(f64::NAN));
                self.hits.push(s.hits);
                self.counted.push(s.counted_items);
                self.ali.push(s.ali);
                self.days.push(u32::from(s.days_recorded));
            }
            Ok(())
        }
        fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
            let d = PyDict::new(py);
            d.set_item("participant", self.pid)?;
            d.set_item("week_start", self.start)?;
            d.set_item("score", PyArray1::from_vec(py, self.score))?;
            d.set_item("hits", PyArray1::from_vec(py, self.hits))?;
            d.set_item("counted_items", PyArray1::from_vec(py, self.counted))?;
            d.set_item("ali", PyArray1::from_vec(py, self.ali))?;
            d.set_item("days_recorded", PyArray1::from_vec(py, self.days))?;
            Ok(d)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Items, forms, entries, weeks, options details (parity, issue 6).

fn item_of(item: &Bound<'_, PyAny>) -> PyResult<ItemId> {
    let text: String = match item.extract::<String>() {
        Ok(s) => s,
        Err(_) => match item.extract::<u8>() {
            Ok(n) => n.to_string(),
            Err(_) => return Err(invalid("an SRM item is an item id (\"out_of_bed\") or its SRM-17 number (1..=17)")),
        },
    };
    text.parse().map_err(core_err)
}

/// A day index as the core takes it. The core rejects a day past the week itself (its error
/// and message come through); only a negative day, which a `usize` cannot hold, is refused
/// here, with the core's error for an out-of-week day at its smallest impossible index.
fn day_index(day: i64) -> PyResult<usize> {
    usize::try_from(day)
        .map_err(|_| invalid(format!("day {day} is outside the week: use 0 (the window's first day) to 6")))
}

/// A day index for a read (`status`), which the core answers without a range check: a day
/// outside 0..=6 is refused with the core's error.
fn day_of(day: i64) -> PyResult<usize> {
    let d = day_index(day)?;
    if d < 7 { Ok(d) } else { Err(core_err(ipsrt::srm::SrmError::DayOutOfRange { day: d })) }
}

/// A Week from a `Week` object or its dict form.
pub fn week_of(week: &Bound<'_, PyAny>) -> PyResult<Week> {
    if let Ok(w) = week.cast::<PyWeek>() {
        return Ok(w.borrow().inner.clone());
    }
    extract(week, "Week")
}

fn weeks_of(weeks: &Bound<'_, PyAny>) -> PyResult<Vec<Week>> {
    let mut out = Vec::new();
    for w in weeks.try_iter()? {
        out.push(week_of(&w?)?);
    }
    Ok(out)
}

fn form_arg(form: Option<&Bound<'_, PyAny>>) -> PyResult<Form> {
    match form {
        Some(f) if f.is_instance_of::<PySrmForm>() => Ok(f.cast::<PySrmForm>()?.borrow().inner.clone()),
        other => form_of(other),
    }
}

/// Id, SRM-17 number and printed label of an item (given as id or SRM-17 number).
#[pyfunction]
pub fn srm_item_info<'py>(py: Python<'py>, item: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let item = match item.extract::<u8>() {
        Ok(n) => ItemId::from_number(n).ok_or_else(|| invalid(format!("no SRM-17 item has number {n}: use 1..=17")))?,
        Err(_) => item_of(item)?,
    };
    let d = PyDict::new(py);
    d.set_item("id", item.as_str())?;
    d.set_item("number", item.number())?;
    d.set_item("label", item.label())?;
    Ok(d)
}

plain!(PySrmForm, "SrmForm", Form, {
    /// A form by name (`"srm5"`, `"srm_ii_5"`, `"srm17"`) or its dict form (SRM-II-5 targets,
    /// SRM-17 write-in activities).
    #[new]
    #[pyo3(signature = (form = None))]
    fn new(form: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(Self { inner: form_of(form)? })
    }
    /// The 17-item form without write-in activities.
    #[staticmethod]
    fn srm17() -> Self {
        Self { inner: Form::srm17() }
    }
    /// The form's kind: `"srm_5"`, `"srm_ii_5"` or `"srm_17"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }
    /// The item ids in form (column) order.
    #[getter]
    fn items(&self) -> Vec<&'static str> {
        self.inner.items().iter().map(|i| i.as_str()).collect()
    }
    /// Whether the form has an item.
    fn has(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.has(item_of(item)?))
    }
    /// The item's column in form order, or None when the form lacks it.
    fn position(&self, item: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        Ok(self.inner.position(item_of(item)?))
    }
    /// The SRM-II-5 target time of an item, or None.
    fn target(&self, item: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        Ok(self.inner.target(item_of(item)?).map(|t| t.to_string()))
    }
});

/// The entry's Python-facing `recorded_at`: (naive local datetime, IANA zone).
fn zoned_out(z: &ipsrt::time::ZonedDateTime) -> (chrono::NaiveDateTime, String) {
    (z.local, z.zone.name().to_owned())
}

plain!(PySrmEntry, "SrmEntry", Entry, {
    /// One diary cell: `SrmEntry(date, item, time, *, people=None, recorded_at=None, zone=None)`.
    /// `time` is `"HH:MM"`, `datetime.time`, `"not_done"`, `"not_recorded"` (or None);
    /// `people` the People code 0–3; `recorded_at` a naive local datetime with its IANA `zone`.
    #[new]
    #[pyo3(signature = (date, item, time, *, people = None, recorded_at = None, zone = None))]
    fn new(
        date: &Bound<'_, PyAny>,
        item: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        people: Option<Whole<u8>>,
        recorded_at: Option<&Bound<'_, PyAny>>,
        zone: Option<&str>,
    ) -> PyResult<Self> {
        let people = people.map(|w| w.0);
        let mut e = Entry::new(extract(date, "date")?, item_of(item)?, status_of(time)?);
        if let Some(p) = people {
            e = e.with_people(ipsrt::srm::PeopleCode::try_from(p).map_err(core_err)?);
        }
        match (recorded_at, zone) {
            (Some(at), Some(z)) => e = e.recorded(crate::ipsrt_area::zoned(at, z)?),
            (None, None) => {}
            _ => return Err(invalid("pass recorded_at and zone together (a local datetime and its IANA zone)")),
        }
        Ok(Self { inner: e })
    }
    /// The diary day.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    /// The item id.
    #[getter]
    fn item(&self) -> &'static str {
        self.inner.item.as_str()
    }
    /// `"HH:MM"`, `"not_done"` or `"not_recorded"`.
    #[getter]
    fn status(&self) -> String {
        self.inner.status.to_string()
    }
    /// The clock time when done, else None.
    #[getter]
    fn time(&self) -> Option<chrono::NaiveTime> {
        self.inner.status.time().map(|t| t.to_naive_time())
    }
    /// Whether the activity was done.
    #[getter]
    fn is_done(&self) -> bool {
        self.inner.status.is_done()
    }
    /// Whether the cell was recorded at all (done or not done).
    #[getter]
    fn is_recorded(&self) -> bool {
        self.inner.status.is_recorded()
    }
    /// The People code 0–3, or None.
    #[getter]
    fn people(&self) -> Option<u8> {
        self.inner.people.map(|p| p.code())
    }
    /// When it was written down: (local datetime, IANA zone), or None.
    #[getter]
    fn recorded_at(&self) -> Option<(chrono::NaiveDateTime, String)> {
        self.inner.recorded_at.as_ref().map(zoned_out)
    }
    /// Whole hours after the end of the diary day it was written (negative: before), or None.
    fn hours_after_day_end(&self) -> Option<i64> {
        self.inner.hours_after_day_end()
    }
    /// Whether it was written more than `grace_hours` after the day ended (None: the core's
    /// diary default, `DEFAULT_LATE_GRACE_HOURS` = 12 h).
    #[pyo3(signature = (grace_hours = None))]
    fn is_late(&self, grace_hours: Option<Whole<u32>>) -> bool {
        let grace_hours = grace_hours.map(|w| w.0);
        self.inner.is_late(grace_hours.unwrap_or(ipsrt::srm::diary::DEFAULT_LATE_GRACE_HOURS))
    }
});

plain!(PyWeek, "Week", Week, {
    /// An empty 7-day window starting on `start` (nothing recorded).
    #[new]
    #[pyo3(signature = (start, form = None))]
    fn new(start: &Bound<'_, PyAny>, form: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(Self { inner: Week::new(form_arg(form)?, extract(start, "date")?) })
    }
    /// A week from clock times: one row of 7 (`"HH:MM"`, `datetime.time` or None = not done)
    /// per item, in form order.
    #[staticmethod]
    #[pyo3(signature = (start, times, form = None))]
    fn from_times(
        start: &Bound<'_, PyAny>,
        times: &Bound<'_, PyAny>,
        form: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let rows: Vec<[Option<ClockTime>; 7]> = extract(times, "list of 7 clock times (or None) per item")?;
        Week::from_times(form_arg(form)?, extract(start, "date")?, &rows).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The form.
    #[getter]
    fn form(&self) -> PySrmForm {
        PySrmForm { inner: self.inner.form().clone() }
    }
    /// The first day.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.inner.start()
    }
    /// The 7 dates.
    #[getter]
    fn dates(&self) -> Vec<NaiveDate> {
        self.inner.dates().to_vec()
    }
    /// Per item (form order): `{"item", "days", "people", "late"}`.
    #[getter]
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = pyo3::types::PyList::empty(py);
        for iw in self.inner.items() {
            let d = PyDict::new(py);
            d.set_item("item", iw.item.as_str())?;
            d.set_item("days", to_py(py, &iw.days)?)?;
            d.set_item("people", to_py(py, &iw.people)?)?;
            d.set_item("late", iw.late.to_vec())?;
            list.append(d)?;
        }
        Ok(list.into_any())
    }
    /// The daily mood ratings (None = not rated).
    #[getter]
    fn mood(&self) -> Vec<Option<i8>> {
        self.inner.mood().iter().map(|m| m.map(|m| m.value())).collect()
    }
    /// Clock minutes per day of an item (None = no occurrence).
    fn minutes(&self, item: &Bound<'_, PyAny>) -> PyResult<Vec<Option<u16>>> {
        Ok(self.item_week(item)?.minutes().to_vec())
    }
    /// Days on which an item was done.
    fn occurrences(&self, item: &Bound<'_, PyAny>) -> PyResult<usize> {
        Ok(self.item_week(item)?.occurrences())
    }
    /// Sets a cell (`day` 0..=6). On error nothing changes.
    fn set(&mut self, item: &Bound<'_, PyAny>, day: i64, time: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.set(item_of(item)?, day_index(day)?, status_of(time)?).map_err(core_err)
    }
    /// Sets a cell's People code (0–3 or None).
    fn set_people(&mut self, item: &Bound<'_, PyAny>, day: i64, people: Option<Whole<u8>>) -> PyResult<()> {
        let people = people.map(|w| w.0);
        let p = people.map(ipsrt::srm::PeopleCode::try_from).transpose().map_err(core_err)?;
        self.inner.set_people(item_of(item)?, day_index(day)?, p).map_err(core_err)
    }
    /// Marks a cell as written late (or not).
    fn set_late(&mut self, item: &Bound<'_, PyAny>, day: i64, late: bool) -> PyResult<()> {
        self.inner.set_late(item_of(item)?, day_index(day)?, late).map_err(core_err)
    }
    /// Sets a day's mood (−5..=5 or None).
    fn set_mood(&mut self, day: i64, mood: Option<i64>) -> PyResult<()> {
        let m = mood.map(ipsrt::srm::Mood::new).transpose().map_err(core_err)?;
        self.inner.set_mood(day_index(day)?, m).map_err(core_err)
    }
    /// A cell's status: `"HH:MM"`, `"not_done"` or `"not_recorded"`.
    fn status(&self, item: &Bound<'_, PyAny>, day: i64) -> PyResult<String> {
        Ok(self.inner.status(item_of(item)?, day_of(day)?).to_string())
    }
    /// Days with at least one recorded cell.
    #[getter]
    fn days_recorded(&self) -> u8 {
        self.inner.days_recorded()
    }
    /// The week's People and mood summary (core `srm::summarize`).
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &ipsrt::srm::summary::summarize(&self.inner))
    }
    /// Scores the week (a WeekScore dict). `strict=True` raises NotScorableError (with the
    /// reason) instead of returning `score: None`.
    #[pyo3(signature = (options = None, *, strict = false))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyAny>>,
        strict: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = score_week(&self.inner, &options_of(options)?).map_err(core_err)?;
        if strict {
            s.try_score().map_err(core_err)?;
        }
        to_py(py, &s)
    }
    /// One item's scoring detail (an ItemScore dict), or None when the form lacks the item.
    #[pyo3(signature = (item, options = None))]
    fn item_score<'py>(
        &self,
        py: Python<'py>,
        item: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = score_week(&self.inner, &options_of(options)?).map_err(core_err)?;
        to_py(py, &s.item(item_of(item)?))
    }
});

impl PyWeek {
    fn item_week(&self, item: &Bound<'_, PyAny>) -> PyResult<&ipsrt::srm::week::ItemWeek> {
        let id = item_of(item)?;
        self.inner.items().iter().find(|i| i.item == id).ok_or_else(|| {
            invalid(format!("{id} is not on the {} form; use one of its items", self.inner.form().kind().as_str()))
        })
    }
}

/// The People and mood summary of a week (core `srm::summarize`), as a dict.
#[pyfunction]
pub fn srm_summarize<'py>(py: Python<'py>, week: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ipsrt::srm::summary::summarize(&week_of(week)?))
}

/// The mean of already-scored weeks (WeekScore dicts): a PeriodScore dict (core
/// `PeriodScore::from_weeks`).
#[pyfunction]
pub fn srm_period_score<'py>(py: Python<'py>, week_scores: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let weeks: Vec<ipsrt::srm::WeekScore> = extract(week_scores, "list of WeekScore")?;
    to_py(py, &ipsrt::srm::PeriodScore::from_weeks(weeks))
}

/// Sleep Regularity Index of a binary series (True = asleep, None = unknown) with
/// `epochs_per_day` epochs a day: a dict `{value, valid_pairs, valid_days}` or None.
#[pyfunction]
pub fn srm_sleep_regularity_index<'py>(
    py: Python<'py>,
    states: Vec<Option<bool>>,
    epochs_per_day: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let epochs_per_day = unsigned_arg::<u32>(epochs_per_day, "epochs_per_day", 0, u32::MAX)? as usize;
    to_py(py, &ipsrt::srm::regularity::sleep_regularity_index(&states, epochs_per_day))
}

/// Interdaily stability of a series (None = unknown) with `per_day` values a day.
#[pyfunction]
pub fn srm_interdaily_stability(x: Vec<Option<f64>>, per_day: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    let per_day = unsigned_arg::<u32>(per_day, "per_day", 0, u32::MAX)? as usize;
    Ok(ipsrt::srm::regularity::interdaily_stability(&x, per_day))
}

/// Intradaily variability of a series (None = unknown).
#[pyfunction]
pub fn srm_intradaily_variability(x: Vec<Option<f64>>) -> Option<f64> {
    ipsrt::srm::regularity::intradaily_variability(&x)
}

/// The hourly in-bed indicator of consecutive weeks (True = in bed, None = unknown).
#[pyfunction]
pub fn srm_hourly_in_bed(weeks: &Bound<'_, PyAny>) -> PyResult<Vec<Option<bool>>> {
    Ok(ipsrt::srm::regularity::hourly_in_bed(&weeks_of(weeks)?))
}

/// SRI/IS/IV of the diary's time in bed over consecutive weeks, as a dict, or None.
#[pyfunction]
pub fn srm_time_in_bed_regularity<'py>(py: Python<'py>, weeks: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ipsrt::srm::regularity::time_in_bed_regularity(&weeks_of(weeks)?))
}

/// Lays clock minutes out on a line (core `srm::unwrap::layout`): (values from 0, offset).
#[pyfunction]
pub fn srm_unwrap_layout(clock: Vec<i32>) -> PyResult<(Vec<i64>, i64)> {
    check_clock(&clock)?;
    Ok(ipsrt::srm::unwrap::layout(&clock))
}

/// Unwraps clock minutes around their circular mean (core `srm::unwrap::general`).
#[pyfunction]
pub fn srm_unwrap_general(clock: Vec<i32>) -> PyResult<Vec<i64>> {
    check_clock(&clock)?;
    Ok(ipsrt::srm::unwrap::general(&clock))
}

fn check_clock(clock: &[i32]) -> PyResult<()> {
    match clock.iter().find(|m| !(0..1440).contains(*m)) {
        Some(m) => Err(invalid(format!("{m} is not a clock minute: use 0..=1439"))),
        None => Ok(()),
    }
}

#[pyclass(module = "ipsrt", name = "TrimFactor", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash)]
/// The SRM trimming factor (a multiple of the SD, three decimals, 0.001..=10).
pub struct PyTrimFactor {
    inner: ipsrt::srm::TrimFactor,
}

#[pymethods]
impl PyTrimFactor {
    /// From a float (at most three decimals).
    #[new]
    fn new(value: f64) -> PyResult<Self> {
        ipsrt::srm::TrimFactor::from_f64(value).map(|inner| Self { inner }).map_err(core_err)
    }
    /// From thousandths (1500 = 1.5).
    #[staticmethod]
    fn from_thousandths(thousandths: Whole<u32>) -> PyResult<Self> {
        let thousandths = thousandths.0;
        ipsrt::srm::TrimFactor::from_thousandths(thousandths).map(|inner| Self { inner }).map_err(core_err)
    }
    /// The factor as a float.
    #[getter]
    fn value(&self) -> f64 {
        self.inner.as_f64()
    }
    /// The factor as an exact reduced ratio (numerator, denominator).
    #[getter]
    fn ratio(&self) -> (u32, u32) {
        self.inner.ratio()
    }
    fn __float__(&self) -> f64 {
        self.inner.as_f64()
    }
    fn __repr__(&self) -> String {
        format!("ipsrt.TrimFactor({})", self.inner)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (f64,))> {
        Ok((py.get_type::<PyTrimFactor>().into_any(), (self.inner.as_f64(),)))
    }
}

/// Streams long-format rows (core `srm::long_format::DiaryStream`), e.g. a CSV read in chunks:
/// `push(line, fields)` parses and checks one row and returns the previous participant's
/// finished `(participant, Diary)` when a new participant starts; rows of one participant must
/// be together. A rejected row changes nothing.
#[pyclass(module = "ipsrt", name = "DiaryStream")]
pub struct PyDiaryStream {
    inner: ipsrt::srm::long_format::DiaryStream,
}

fn finished(p: Option<ipsrt::srm::long_format::ParticipantDiary>) -> Option<(String, PyDiary)> {
    p.map(|p| (p.participant, PyDiary { inner: p.diary }))
}

#[pymethods]
impl PyDiaryStream {
    /// A stream of diaries of `form` whose rows have the columns named in `header`.
    #[new]
    #[pyo3(signature = (header, *, form = "srm5"))]
    fn new(header: Vec<String>, form: &str) -> PyResult<Self> {
        let cols = ipsrt::srm::long_format::Columns::from_header(&header).map_err(core_err)?;
        Ok(Self { inner: ipsrt::srm::long_format::DiaryStream::new(Form::from(form_kind(form)?), cols) })
    }
    /// Where each column is: `{"participant": 0, ..., "people": None, "mood": None}`.
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.inner.columns();
        let d = PyDict::new(py);
        d.set_item("participant", c.participant)?;
        d.set_item("date", c.date)?;
        d.set_item("item", c.item)?;
        d.set_item("time", c.time)?;
        d.set_item("people", c.people)?;
        d.set_item("mood", c.mood)?;
        Ok(d)
    }
    /// Adds one row (its text fields, and its line number for errors).
    fn push(&mut self, line: Option<Whole<u64>>, fields: Vec<String>) -> PyResult<Option<(String, PyDiary)>> {
        let line = line.map_or(2, |w| w.0);
        self.inner.push(line, &fields).map(finished).map_err(core_err)
    }
    /// Ends the input: the last participant's `(participant, Diary)`, if any.
    fn finish(&mut self) -> Option<(String, PyDiary)> {
        finished(self.inner.finish())
    }
    /// How many participants have been started so far.
    #[getter]
    fn participants_seen(&self) -> usize {
        self.inner.participants_seen()
    }
    fn __repr__(&self) -> String {
        format!("<ipsrt.DiaryStream ({} participants started)>", self.inner.participants_seen())
    }
}

/// Parses one long-format row (core `srm::long_format::parse_row`) with the columns named in
/// `header`: `{"participant", "entry": SrmEntry, "mood": int | None}`.
#[pyfunction]
#[pyo3(signature = (header, fields, *, line = None, form = "srm5"))]
pub fn srm_parse_long_row<'py>(
    py: Python<'py>,
    header: Vec<String>,
    fields: Vec<String>,
    line: Option<Whole<u64>>,
    form: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let line = line.map_or(2, |w| w.0);
    let cols = ipsrt::srm::long_format::Columns::from_header(&header).map_err(core_err)?;
    let row =
        ipsrt::srm::long_format::parse_row(&cols, &Form::from(form_kind(form)?), line, &fields).map_err(core_err)?;
    let d = PyDict::new(py);
    d.set_item("participant", row.participant)?;
    d.set_item("entry", PySrmEntry { inner: row.entry })?;
    d.set_item("mood", row.mood.map(|m| m.value()))?;
    Ok(d)
}

/// Registers the SRM classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScoringOptions>()?;
    m.add_class::<PyDiary>()?;
    m.add_class::<PySrmForm>()?;
    m.add_class::<PySrmEntry>()?;
    m.add_class::<PyWeek>()?;
    m.add_class::<PyTrimFactor>()?;
    m.add_class::<PyDiaryStream>()?;
    m.add_function(wrap_pyfunction!(srm_parse_long_row, m)?)?;
    m.add_function(wrap_pyfunction!(srm_score_week, m)?)?;
    m.add_function(wrap_pyfunction!(srm_score_weeks, m)?)?;
    m.add_function(wrap_pyfunction!(srm_default_options, m)?)?;
    m.add_function(wrap_pyfunction!(srm_form_items, m)?)?;
    m.add_function(wrap_pyfunction!(srm_score_batch_numpy, m)?)?;
    m.add_function(wrap_pyfunction!(srm_batch_kernel, m)?)?;
    m.add_function(wrap_pyfunction!(srm_score_batch_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(srm_score_long, m)?)?;
    m.add_function(wrap_pyfunction!(crate::srm_long::srm_score_table, m)?)?;
    m.add_function(wrap_pyfunction!(crate::srm_long::srm_long_weeks, m)?)?;
    m.add_function(wrap_pyfunction!(srm_item_info, m)?)?;
    m.add_function(wrap_pyfunction!(srm_summarize, m)?)?;
    m.add_function(wrap_pyfunction!(srm_period_score, m)?)?;
    m.add_function(wrap_pyfunction!(srm_sleep_regularity_index, m)?)?;
    m.add_function(wrap_pyfunction!(srm_interdaily_stability, m)?)?;
    m.add_function(wrap_pyfunction!(srm_intradaily_variability, m)?)?;
    m.add_function(wrap_pyfunction!(srm_hourly_in_bed, m)?)?;
    m.add_function(wrap_pyfunction!(srm_time_in_bed_regularity, m)?)?;
    m.add_function(wrap_pyfunction!(srm_unwrap_layout, m)?)?;
    m.add_function(wrap_pyfunction!(srm_unwrap_general, m)?)?;
    Ok(())
}
