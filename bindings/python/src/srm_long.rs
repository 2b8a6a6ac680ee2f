//! The long format from an Arrow table (`score_frame`, `long_weeks`): the table's columns are
//! read in Rust, row by row, into the core's `srm::long_batch::LongScorer` (the same
//! `DiaryStream` rules and messages as `ipsrt srm score`, then the batch kernel); the result
//! goes back as an Arrow record batch. No Python object is made per cell.
//!
//! Text columns are handed to the core as they are. Typed columns are written as the text the
//! long format reads, into a buffer reused for every row: a date as `YYYY-MM-DD` (a timestamp
//! with a time of day as `YYYY-MM-DDTHH:MM:SS`, which the core refuses as a diary day), a time
//! of day as `HH:MM:SS[.ffffff]` (the core reads `:00` and refuses other seconds), an integer
//! as its digits, a whole float as an integer, other floats as their shortest text. Null and
//! NaN are an empty field (for `time`: not done).

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::as_datetime_with_timezone;
use arrow_array::timezone::Tz;
use arrow_array::types::{
    ArrowTimestampType, Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    Time32MillisecondType, Time32SecondType, Time64MicrosecondType, Time64NanosecondType, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type,
    UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray, UInt32Array,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit as ArrowUnit};
use chrono::{NaiveDateTime, NaiveTime, Timelike};
use ipsrt::limits::Excerpt;
use ipsrt::srm::batch::Threads;
use ipsrt::srm::long_batch::{LongScorer, LongWeeks, grouped_order};
use ipsrt::srm::long_format::{
    Columns, DateOrder, DiaryStream, Duplicates, Fields, ParticipantDiary, ReadOptions, RowOrder, TimeUnit,
};
use ipsrt::srm::{Form, ScoringOptions, SrmError};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{core_err, invalid, unsigned_arg};

/// How one column's cells become the long format's text.
enum Cells {
    /// Text as it is (Utf8).
    Utf8(StringArray),
    /// Text as it is (LargeUtf8).
    LargeUtf8(LargeStringArray),
    /// Text as it is (Utf8View: polars).
    View(StringViewArray),
    /// Dictionary-encoded text or numbers (pandas categoricals): the key of each row and the
    /// values.
    Dict(Vec<Option<usize>>, Box<Cells>),
    /// Integers (any width).
    Int(ArrayRef),
    /// Floats (NaN = missing).
    Float(ArrayRef),
    /// Days since 1970-01-01 (Date32) or milliseconds (Date64).
    Date(ArrayRef),
    /// A timestamp: as a date when it is midnight, else with its time of day.
    Timestamp(ArrayRef, Option<Tz>),
    /// A time of day.
    Time(ArrayRef),
    /// true / false.
    Bool(ArrayRef),
    /// Every cell missing.
    Null,
}

fn cells(array: &ArrayRef, name: &str) -> PyResult<Cells> {
    Ok(match array.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            // The array is downcast once here, not per cell.
            if let Some(s) = array.as_string_opt::<i32>() {
                Cells::Utf8(s.clone())
            } else if let Some(s) = array.as_string_opt::<i64>() {
                Cells::LargeUtf8(s.clone())
            } else if let Some(s) = array.as_string_view_opt() {
                Cells::View(s.clone())
            } else {
                return Err(invalid(format!("column {}: unreadable text column", Excerpt::new(name))));
            }
        }
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => Cells::Int(array.clone()),
        DataType::Float32 | DataType::Float64 => Cells::Float(array.clone()),
        DataType::Date32 | DataType::Date64 => Cells::Date(array.clone()),
        DataType::Timestamp(_, tz) => {
            let tz = match tz {
                None => None,
                Some(t) => Some(t.parse::<Tz>().map_err(|_| {
                    invalid(format!(
                        "column {}: time zone {} is not known: convert the timestamps to local time without a zone first",
                        Excerpt::new(name),
                        Excerpt::new(t)
                    ))
                })?),
            };
            Cells::Timestamp(array.clone(), tz)
        }
        DataType::Time32(_) | DataType::Time64(_) => Cells::Time(array.clone()),
        DataType::Boolean => Cells::Bool(array.clone()),
        DataType::Null => Cells::Null,
        DataType::Dictionary(_, _) => {
            let Some(dict) = array.as_any_dictionary_opt() else {
                return Err(invalid(format!("column {}: unreadable dictionary", Excerpt::new(name))));
            };
            let keys = dict.normalized_keys();
            let nulls = dict.keys().logical_nulls();
            let keys = keys
                .into_iter()
                .enumerate()
                .map(|(i, k)| if nulls.as_ref().is_some_and(|n| n.is_null(i)) { None } else { Some(k) })
                .collect();
            Cells::Dict(keys, Box::new(cells(dict.values(), name)?))
        }
        other => {
            return Err(invalid(format!(
                "column {} has Arrow type {other}, which the long format does not read: use text, integers, floats, dates, timestamps or times of day",
                Excerpt::new(name)
            )));
        }
    })
}

fn int_at(a: &ArrayRef, i: usize) -> Option<i128> {
    // The common widths first (pandas and polars write Int64).
    if let Some(p) = a.as_primitive_opt::<Int64Type>() {
        return Some(i128::from(p.value(i)));
    }
    macro_rules! try_int {
        ($($t:ty),*) => {$(
            if let Some(p) = a.as_primitive_opt::<$t>() {
                return Some(i128::from(p.value(i)));
            }
        )*};
    }
    try_int!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type);
    None
}

fn timestamp_at<T: ArrowTimestampType>(a: &ArrayRef, i: usize, tz: Option<Tz>) -> Option<NaiveDateTime> {
    let v = a.as_primitive_opt::<T>()?.value(i);
    match tz {
        Some(tz) => as_datetime_with_timezone::<T>(v, tz).map(|d| d.naive_local()),
        None => arrow_array::temporal_conversions::as_datetime::<T>(v),
    }
}

fn write_time(buf: &mut String, t: NaiveTime) {
    let _ = write!(buf, "{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
    if t.nanosecond() != 0 {
        let _ = write!(buf, ".{:09}", t.nanosecond());
    }
}

impl Cells {
    /// The text of row `i`: borrowed from the array (text columns) or written into `buf`.
    /// `None` when it was written into `buf` (possibly empty: missing).
    fn text<'a>(&'a self, i: usize, buf: &mut String) -> Option<&'a str> {
        buf.clear();
        match self {
            Cells::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Cells::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)),
            Cells::View(a) => a.is_valid(i).then(|| a.value(i)),
            Cells::Dict(keys, values) => match keys.get(i).copied().flatten() {
                Some(k) => values.text(k, buf),
                None => None,
            },
            _ if self.is_null(i) => None,
            Cells::Int(a) => {
                if let Some(v) = int_at(a, i) {
                    buf.push_str(itoa::Buffer::new().format(v));
                }
                None
            }
            Cells::Float(a) => {
                let v = a
                    .as_primitive_opt::<Float64Type>()
                    .map(|p| p.value(i))
                    .or_else(|| a.as_primitive_opt::<Float32Type>().map(|p| f64::from(p.value(i))));
                match v {
                    Some(v) if v.is_nan() => {}
                    Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => {
                        buf.push_str(itoa::Buffer::new().format(v as i64));
                    }
                    Some(v) => {
                        let _ = write!(buf, "{v}");
                    }
                    None => {}
                }
                None
            }
            Cells::Date(a) => {
                let d = a
                    .as_primitive_opt::<Date32Type>()
                    .and_then(|p| Date32Type::to_naive_date_opt(p.value(i)))
                    .or_else(|| {
                        a.as_primitive_opt::<Date64Type>().and_then(|p| {
                            arrow_array::temporal_conversions::as_datetime::<Date64Type>(p.value(i)).map(|dt| dt.date())
                        })
                    });
                if let Some(d) = d {
                    let _ = write!(buf, "{d}");
                }
                None
            }
            Cells::Timestamp(a, tz) => {
                let dt = match a.data_type() {
                    DataType::Timestamp(ArrowUnit::Second, _) => timestamp_at::<TimestampSecondType>(a, i, *tz),
                    DataType::Timestamp(ArrowUnit::Millisecond, _) => {
                        timestamp_at::<TimestampMillisecondType>(a, i, *tz)
                    }
                    DataType::Timestamp(ArrowUnit::Microsecond, _) => {
                        timestamp_at::<TimestampMicrosecondType>(a, i, *tz)
                    }
                    _ => timestamp_at::<TimestampNanosecondType>(a, i, *tz),
                };
                if let Some(dt) = dt {
                    // The time column reads the time of day; the date column the day (a time
                    // of day there is written out, and refused as a diary day).
                    let _ = write!(buf, "{}", dt.date());
                    buf.push('T');
                    write_time(buf, dt.time());
                }
                None
            }
            Cells::Time(a) => {
                let nanos: Option<i64> = match a.data_type() {
                    DataType::Time32(ArrowUnit::Second) => {
                        a.as_primitive_opt::<Time32SecondType>().map(|p| i64::from(p.value(i)) * 1_000_000_000)
                    }
                    DataType::Time32(_) => {
                        a.as_primitive_opt::<Time32MillisecondType>().map(|p| i64::from(p.value(i)) * 1_000_000)
                    }
                    DataType::Time64(ArrowUnit::Microsecond) => {
                        a.as_primitive_opt::<Time64MicrosecondType>().map(|p| p.value(i) * 1_000)
                    }
                    _ => a.as_primitive_opt::<Time64NanosecondType>().map(|p| p.value(i)),
                };
                let t = nanos.and_then(|n| {
                    let secs = u32::try_from(n.div_euclid(1_000_000_000)).ok()?;
                    NaiveTime::from_num_seconds_from_midnight_opt(secs, n.rem_euclid(1_000_000_000) as u32)
                });
                if let Some(t) = t {
                    write_time(buf, t);
                }
                None
            }
            Cells::Bool(a) => {
                if let Some(b) = a.as_any().downcast_ref::<BooleanArray>() {
                    buf.push_str(if b.value(i) { "true" } else { "false" });
                }
                None
            }
            Cells::Null => None,
        }
    }

    fn is_null(&self, i: usize) -> bool {
        match self {
            Cells::Utf8(a) => a.is_null(i),
            Cells::LargeUtf8(a) => a.is_null(i),
            Cells::View(a) => a.is_null(i),
            Cells::Int(a)
            | Cells::Float(a)
            | Cells::Date(a)
            | Cells::Timestamp(a, _)
            | Cells::Time(a)
            | Cells::Bool(a) => a.is_null(i),
            Cells::Dict(keys, _) => keys.get(i).copied().flatten().is_none(),
            Cells::Null => true,
        }
    }

    fn is_timestamp(&self) -> bool {
        match self {
            Cells::Timestamp(..) => true,
            Cells::Dict(_, v) => v.is_timestamp(),
            _ => false,
        }
    }
}

/// One column of the table: its chunks and where each starts.
struct Column {
    chunks: Vec<Cells>,
    starts: Vec<usize>,
    /// The `date` column of timestamps: written as a date when the time of day is midnight.
    date_of_timestamp: bool,
    /// The `time` column of timestamps: only the time of day is read.
    time_of_timestamp: bool,
    /// The chunk of the row read last.
    last: AtomicUsize,
}

impl Column {
    fn locate(&self, row: usize) -> Option<(&Cells, usize)> {
        // Rows mostly come in order: try the chunk of the previous row (and the next one)
        // before searching.
        let last = self.last.load(Ordering::Relaxed);
        let c =
            if self.starts.get(last).is_some_and(|s| *s <= row) && self.starts.get(last + 1).is_none_or(|s| row < *s) {
                last
            } else if self.starts.get(last + 1).is_some_and(|s| *s <= row)
                && self.starts.get(last + 2).is_none_or(|s| row < *s)
            {
                last + 1
            } else {
                self.starts.partition_point(|s| *s <= row).checked_sub(1)?
            };
        self.last.store(c, Ordering::Relaxed);
        Some((self.chunks.get(c)?, row - self.starts.get(c)?))
    }

    fn text<'a>(&'a self, row: usize, buf: &mut String) -> Option<&'a str> {
        let (cells, i) = self.locate(row)?;
        let borrowed = cells.text(i, buf);
        if borrowed.is_none() && cells.is_timestamp() {
            if self.time_of_timestamp {
                if let Some(t) = buf.find('T') {
                    buf.drain(..=t);
                }
            } else if self.date_of_timestamp && buf.ends_with("T00:00:00") {
                buf.truncate(buf.len() - "T00:00:00".len());
            }
        }
        borrowed
    }
}

/// One row's fields: borrowed from text columns or written into the row's buffers.
struct Row<'a> {
    fields: [&'a str; 6],
    len: usize,
}

impl Fields for Row<'_> {
    fn field(&self, index: usize) -> Option<&str> {
        (index < self.len).then(|| self.fields.get(index).copied()).flatten()
    }
}

fn read_options(duplicates: &str, date_format: &str, time_unit: Option<&str>) -> PyResult<ReadOptions> {
    Ok(ReadOptions {
        dates: match date_format {
            "iso" => DateOrder::Iso,
            "dmy" => DateOrder::DayFirst,
            "mdy" => DateOrder::MonthFirst,
            o => return Err(invalid(format!("date_format {}: use \"iso\", \"dmy\" or \"mdy\"", Excerpt::new(o)))),
        },
        duplicates: match duplicates {
            "error" => Duplicates::Refuse,
            "first" => Duplicates::First,
            "last" => Duplicates::Last,
            o => {
                return Err(invalid(format!("duplicates {}: use \"error\", \"first\" or \"last\"", Excerpt::new(o))));
            }
        },
        time_unit: match time_unit {
            None => None,
            Some("minutes") => Some(TimeUnit::Minutes),
            Some("hours") => Some(TimeUnit::Hours),
            Some(o) => {
                return Err(invalid(format!("time_unit {}: use \"minutes\", \"hours\" or None", Excerpt::new(o))));
            }
        },
        order: RowOrder::Grouped,
    })
}

/// The table's columns named in `names` (canonical name → the table's column name), in the
/// order given; a name the table lacks is left out (a missing required column is then the
/// core's header error).
fn columns_of(table: pyo3_arrow::PyTable, names: &[(String, String)]) -> PyResult<(Vec<String>, Vec<Column>, usize)> {
    let (batches, schema) = table.into_inner();
    let batches = batches.as_slice();
    let mut header = Vec::new();
    let mut cols = Vec::new();
    let mut starts = Vec::with_capacity(batches.len());
    let mut rows = 0usize;
    for b in batches {
        starts.push(rows);
        rows += b.num_rows();
    }
    for (canonical, name) in names {
        let Ok(index) = schema.index_of(name) else { continue };
        let mut chunks = Vec::with_capacity(batches.len());
        for b in batches {
            chunks.push(cells(b.column(index), name)?);
        }
        header.push(canonical.clone());
        cols.push(Column {
            chunks,
            starts: starts.clone(),
            date_of_timestamp: canonical == "date",
            time_of_timestamp: canonical == "time",
            last: AtomicUsize::new(0),
        });
    }
    Ok((header, cols, rows))
}

/// Runs every row of the table, grouped by participant, through `push` (line = row + 2).
fn each_row(
    cols: &[Column],
    participant: usize,
    rows: usize,
    mut push: impl FnMut(u64, &Row<'_>) -> Result<(), SrmError>,
) -> Result<(), SrmError> {
    let mut bufs: [String; 6] = Default::default();
    let Some(pcol) = cols.get(participant) else { return Ok(()) };
    // Participant ids as text (numbers are written out), for grouping.
    let order = {
        let mut ids: Vec<String> = Vec::new();
        let mut all_text = true;
        for c in &pcol.chunks {
            all_text &= matches!(c, Cells::Utf8(_) | Cells::LargeUtf8(_) | Cells::View(_));
        }
        if all_text {
            // Text borrowed from the arrays, chunk by chunk (nothing is collected).
            let ids = || {
                pcol.chunks.iter().flat_map(|c| {
                    let n = match c {
                        Cells::Utf8(a) => a.len(),
                        Cells::LargeUtf8(a) => a.len(),
                        Cells::View(a) => a.len(),
                        _ => 0,
                    };
                    // Text cells borrow from the array; the buffer is never written.
                    (0..n).map(move |i| c.text(i, &mut String::new()).unwrap_or(""))
                })
            };
            grouped_order(ids())
        } else {
            ids.reserve(rows);
            for r in 0..rows {
                let mut s = String::new();
                let t = pcol.text(r, &mut s).map(str::to_owned);
                ids.push(t.unwrap_or(s));
            }
            grouped_order(ids.iter().map(String::as_str))
        }
    };
    let mut run = |r: usize| -> Result<(), SrmError> {
        let mut borrowed: [Option<&str>; 6] = [None; 6];
        for (j, (c, buf)) in cols.iter().zip(bufs.iter_mut()).enumerate() {
            if let Some(slot) = borrowed.get_mut(j) {
                *slot = c.text(r, buf);
            }
        }
        let mut fields: [&str; 6] = [""; 6];
        for (j, f) in fields.iter_mut().enumerate() {
            *f = match borrowed.get(j).copied().flatten() {
                Some(s) => s,
                None => bufs.get(j).map_or("", String::as_str),
            };
        }
        push(r as u64 + 2, &Row { fields, len: cols.len() })
    };
    match order {
        None => (0..rows).try_for_each(&mut run),
        Some(order) => order.into_iter().try_for_each(|r| run(r as usize)),
    }
}

fn threads_of(n: Option<&Bound<'_, PyAny>>) -> PyResult<Threads> {
    match n {
        Some(n) if !n.is_none() => {
            let count = unsigned_arg::<u32>(n, "n_threads", 1, 65_536)?;
            Ok(NonZeroUsize::new(count as usize).map_or(Threads::Auto, Threads::Count))
        }
        _ => Ok(Threads::Auto),
    }
}

fn table_of(table: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyTable> {
    table.extract::<pyo3_arrow::PyTable>().map_err(|e| {
        invalid(format!(
            "the long format is read from an Arrow table (pandas, polars, pyarrow: anything with __arrow_c_stream__), which this is not: {}",
            e.value(table.py())
        ))
    })
}

/// Scores an Arrow table in the long format (`__arrow_c_stream__`: a pyarrow Table, a polars
/// DataFrame, ...) with the core's `long_batch::LongScorer`: the rules and messages of
/// `ipsrt srm score`, rows grouped by participant in Rust (first-appearance order), every
/// participant-week scored with the batch kernel. `names` maps the long format's column names
/// to the table's. Returns a pyarrow RecordBatch: participant, week_start (date32), score
/// (NaN when not scorable), hits, counted_items, ali, days_recorded. The GIL is released while
/// scoring.
#[pyfunction]
#[pyo3(signature = (table, names, *, form = "srm5", options = None, duplicates = "error", date_format = "iso", time_unit = None, n_threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn srm_score_table<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    names: Vec<(String, String)>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    duplicates: &str,
    date_format: &str,
    time_unit: Option<&str>,
    n_threads: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let read = read_options(duplicates, date_format, time_unit)?;
    let opts: ScoringOptions = crate::srm::options_of(options)?;
    let form = Form::from(crate::srm::form_kind(form)?);
    let threads = threads_of(n_threads)?;
    let table = table_of(table)?;
    let (header, cols, rows) = columns_of(table, &names)?;
    let columns = Columns::from_header(&header).map_err(core_err)?;
    let scored = py
        .detach(|| -> Result<_, SrmError> {
            let mut scorer = LongScorer::new(form, columns, read, opts)?.with_batching(1 << 16, threads);
            let mut all = ipsrt::srm::long_batch::LongScores::default();
            each_row(&cols, columns.participant, rows, |line, row| {
                scorer.push(line, row)?;
                if scorer.has_scored() {
                    all.append(scorer.take_scored());
                }
                Ok(())
            })?;
            scorer.finish()?;
            all.append(scorer.take_scored());
            Ok(all)
        })
        .map_err(core_err)?;
    let n = scored.len();
    let participant: StringArray = (0..n).map(|i| scored.keys.participant_id(i)).collect();
    let week_start: Date32Array =
        scored.keys.week_start.iter().map(|d| Some(Date32Type::from_naive_date(*d))).collect();
    let days: UInt32Array = scored.keys.days_recorded.iter().map(|d| Some(u32::from(*d))).collect();
    let schema = Schema::new(vec![
        Field::new("participant", DataType::Utf8, false),
        Field::new("week_start", DataType::Date32, false),
        Field::new("score", DataType::Float64, false),
        Field::new("hits", DataType::UInt32, false),
        Field::new("counted_items", DataType::UInt32, false),
        Field::new("ali", DataType::UInt32, false),
        Field::new("days_recorded", DataType::UInt32, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(participant),
        Arc::new(week_start),
        Arc::new(Float64Array::from(scored.score)),
        Arc::new(UInt32Array::from(scored.hits)),
        Arc::new(UInt32Array::from(scored.counted_items)),
        Arc::new(UInt32Array::from(scored.ali)),
        Arc::new(days),
    ];
    let batch = RecordBatch::try_new(Arc::new(schema), columns)
        .map_err(|e| invalid(format!("internal: building the result failed: {e}")))?;
    pyo3_arrow::PyRecordBatch::new(batch).into_pyarrow(py)
}

/// The windows of an Arrow table in the long format, as the `(weeks, 7, items)` int16 array
/// that `score_batch` takes (-1 = no occurrence), cut with the core's windowing
/// (`long_batch::LongWeeks`): a dict with `times`, and per window `participant` (list of str),
/// `week_start` (list of dates) and `days_recorded`. Same reading rules and errors as
/// [`srm_score_table`].
#[pyfunction]
#[pyo3(signature = (table, names, *, form = "srm5", options = None, duplicates = "error", date_format = "iso", time_unit = None))]
#[allow(clippy::too_many_arguments)]
pub fn srm_long_weeks<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    names: Vec<(String, String)>,
    form: &str,
    options: Option<&Bound<'py, PyAny>>,
    duplicates: &str,
    date_format: &str,
    time_unit: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let read = read_options(duplicates, date_format, time_unit)?;
    let opts: ScoringOptions = crate::srm::options_of(options)?;
    let form = Form::from(crate::srm::form_kind(form)?);
    let items = form.items().len();
    let table = table_of(table)?;
    let (header, cols, rows) = columns_of(table, &names)?;
    let columns = Columns::from_header(&header).map_err(core_err)?;
    let weeks = py
        .detach(|| -> Result<LongWeeks, SrmError> {
            let mut stream = DiaryStream::with_options(form, columns, read);
            let mut weeks = LongWeeks::new(items);
            let mut add = |p: ParticipantDiary| weeks.add(&p, &opts);
            each_row(&cols, columns.participant, rows, |line, row| {
                if let Some(p) = stream.push(line, row)? {
                    add(p);
                }
                Ok(())
            })?;
            while let Some(p) = stream.finish() {
                add(p);
            }
            Ok(weeks)
        })
        .map_err(core_err)?;
    let n = weeks.len();
    let ids: Vec<&str> = (0..n).map(|i| weeks.keys.participant_id(i).unwrap_or("")).collect();
    let times = numpy::PyArray1::from_slice(py, &weeks.minutes).reshape([n, 7, items])?;
    let d = PyDict::new(py);
    d.set_item("times", times)?;
    d.set_item("participant", ids)?;
    d.set_item("week_start", weeks.keys.week_start.clone())?;
    d.set_item("days_recorded", PyArray1::from_slice(py, &weeks.keys.days_recorded))?;
    Ok(d)
}
