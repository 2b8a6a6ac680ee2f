"""The Social Rhythm Metric from Python: single weeks, diaries and the batch path.

Every rule (windows, trimming, hits, midnight handling) runs in the Rust core; this module only
moves arrays. ``score_batch`` releases the GIL and writes straight into NumPy arrays.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping, Sequence

from . import _ipsrt
from ._ipsrt import Diary, DiaryStream, ScoringOptions, SrmEntry, SrmForm, TrimFactor, Week
from .results import (
    ParsedLongRowDict,
    ScoringOptionsDict,
    SrmLongWeeksDict,
    PeriodScoreDict,
    SriDict,
    SrmItemInfoDict,
    TimeInBedRegularityDict,
    WeekScoreDict,
    WeekSummaryDict,
)

Entry = SrmEntry
"""An SRM diary entry (``ipsrt.SrmEntry``)."""

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = [
    "BatchScores",
    "Diary",
    "DiaryStream",
    "Entry",
    "ScoringOptions",
    "SrmEntry",
    "SrmForm",
    "TrimFactor",
    "Week",
    "default_options",
    "batch_kernel",
    "form_items",
    "hourly_in_bed",
    "interdaily_stability",
    "intradaily_variability",
    "item_info",
    "parse_long_row",
    "period_score",
    "sleep_regularity_index",
    "summarize",
    "time_in_bed_regularity",
    "unwrap_general",
    "unwrap_layout",
    "score_arrow",
    "score_batch",
    "score_frame",
    "long_weeks",
    "score_spark",
    "score_dask",
    "score_week",
    "score_weeks",
]

Form = Literal["srm5", "srm_ii_5", "srm17"]


@dataclass(frozen=True)
class BatchScores:
    """Per-week and per-week-per-item results of :func:`score_batch` (NumPy arrays)."""

    score: npt.NDArray[np.float64]
    """SRM score per week; NaN when the week is not scorable (never 0)."""
    hits: npt.NDArray[np.uint32]
    counted_items: npt.NDArray[np.uint32]
    ali: npt.NDArray[np.uint32]
    """Activity level index: occurrences done in the week."""
    habitual: npt.NDArray[np.float64] | None
    """(weeks, items): habitual time in minutes [0, 1440); NaN when the item does not count.
    ``None`` when scored with ``per_item=False``."""
    item_hits: npt.NDArray[np.uint8] | None
    """(weeks, items): hits per item; ``None`` when scored with ``per_item=False``."""


def _options(options: ScoringOptions | Mapping[str, Any] | None, overrides: Mapping[str, Any]) -> ScoringOptions:
    if options is not None and overrides:
        raise _ipsrt.InvalidInputError("pass either options= or keyword options, not both")
    if isinstance(options, ScoringOptions):
        return options
    if options is not None:
        return ScoringOptions(**dict(options))
    return ScoringOptions(**overrides)


def default_options() -> ScoringOptionsDict:
    """The core's default scoring options (Monk 1990 standard SRM) as a dict."""
    return _ipsrt.srm_default_options()


def form_items(form: Form = "srm5") -> list[str]:
    """The item ids of a form in column order (the last axis of ``score_batch``'s input)."""
    return _ipsrt.srm_form_items(form)


def score_week(week: Week | Mapping[str, Any], options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> WeekScoreDict:
    """Scores one week (a Week dict in the core's form) with per-item detail."""
    return _ipsrt.srm_score_week(week, _options(options, kw))


def score_weeks(weeks: Sequence[Week | Mapping[str, Any]], options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> PeriodScoreDict:
    """Scores several weeks and their mean (a PeriodScore dict)."""
    return _ipsrt.srm_score_weeks(list(weeks), _options(options, kw))


def score_batch(
    times: Any,
    *,
    form: Form = "srm5",
    n_threads: int | None = None,
    targets: Sequence[str | None] | None = None,
    options: ScoringOptions | Mapping[str, Any] | None = None,
    per_item: bool = True,
    simd: Literal["auto", "baseline"] = "auto",
    **kw: Any,
) -> BatchScores:
    """Scores many weeks at once.

    ``times`` has shape ``(weeks, 7, items)`` (items in :func:`form_items` order) and holds clock
    minutes 0..1439: float with NaN, or int16/int32 with -1, for "no occurrence". Other integer
    dtypes are converted to int32 (values outside int32 are rejected). Threads: ``n_threads``,
    else ``RAYON_NUM_THREADS``, else all cores (batches smaller than 16384 weeks run on the
    calling thread). Use ``n_threads=1`` inside Dask/Spark workers. Keyword options
    (``hit_window_min=30``, ...) override the core's defaults.

    ``per_item=False`` skips the per-item outputs: ``habitual`` and ``item_hits`` are then
    ``None`` (the ``(weeks, items)`` arrays are neither allocated nor computed), which saves
    memory and time when only the weekly scores are wanted. ``simd="baseline"`` forces the
    baseline kernel instead of the fastest one for this CPU (:func:`batch_kernel`); the results
    are identical, only the speed differs.
    """
    import numpy as np

    arr = np.asarray(times)
    if arr.dtype.kind in "iu" and arr.dtype not in (np.int16, np.int32):
        if arr.size and (arr.min() < np.iinfo(np.int32).min or arr.max() > np.iinfo(np.int32).max):
            raise _ipsrt.InvalidInputError("times holds integers outside int32: clock minutes are 0..1439, -1 for none")
        arr = arr.astype(np.int32)
    elif arr.dtype.kind == "f" and arr.dtype != np.float64:
        arr = arr.astype(np.float64)
    elif arr.dtype.kind not in "iuf":
        raise _ipsrt.InvalidInputError(f"times has dtype {arr.dtype}: use float64 (NaN = none) or int16/int32 (-1 = none)")
    arr = np.ascontiguousarray(arr)
    out = _ipsrt.srm_score_batch_numpy(
        arr,
        form=form,
        options=_options(options, kw),
        targets=targets,
        n_threads=n_threads,
        per_item=per_item,
        simd=simd,
    )
    return BatchScores(**out)


def batch_kernel(simd: Literal["auto", "baseline"] = "auto") -> str:
    """The batch kernel :func:`score_batch` runs on this CPU for a ``simd`` setting:
    ``"avx2-16"`` (16 weeks side by side, AVX2, chosen at run time where the CPU has it) or
    ``"baseline-8"`` (8 weeks side by side; SSE2 on x86-64)."""
    kernel: str = _ipsrt.srm_batch_kernel(simd)
    return kernel


def score_arrow(
    array: Any,
    *,
    form: Form = "srm5",
    n_threads: int | None = None,
    targets: Sequence[str | None] | None = None,
    options: ScoringOptions | Mapping[str, Any] | None = None,
    **kw: Any,
) -> BatchScores:
    """Like :func:`score_batch` over Arrow data: an array (``__arrow_c_array__``: a pyarrow
    Array) or a chunked array (``__arrow_c_stream__``: a pyarrow ChunkedArray, a polars Series).

    Either flat float64/int32/int16 values, ``weeks × 7 × items`` minutes (null = none), or one
    list of ``7 × items`` minutes per week (FixedSizeList, List or LargeList; Spark
    ``mapInArrow`` batches pass their column straight in). Anything else is an
    ``InvalidInputError`` saying what to pass.
    """
    out = _ipsrt.srm_score_batch_arrow(array, form=form, options=_options(options, kw), targets=targets, n_threads=n_threads)
    return BatchScores(**out)


def _missing(v: Any) -> bool:
    """None, NaN, ``pandas.NA`` or ``NaT``: an empty cell."""
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    return type(v).__name__ in ("NAType", "NaTType")


def _time_text(v: Any) -> str:
    """A time cell as the long format's text; the core parses and checks it.

    Only the representation changes here: ``datetime.time`` -> ``"HH:MM:SS"``, a timestamp
    (``datetime``, pandas ``Timestamp``, ``numpy.datetime64``) -> its time of day
    ``"HH:MM:SS"`` (the core reads ``:00`` seconds and refuses others), a number -> its text
    (the core refuses it unless ``time_unit`` says minutes or hours). A missing cell
    (None/NaN/NaT) is empty, i.e. "not done", exactly as an empty CSV field read by
    ``ipsrt srm score``.
    """
    if _missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, datetime.time):
        return _clock_text(v)
    if type(v).__name__ == "datetime64":
        import pandas as pd

        v = pd.Timestamp(v)
    if isinstance(v, datetime.datetime):
        return _clock_text(v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)  # the core rejects what it cannot read, with the row's line and field


def _clock_text(v: datetime.time | datetime.datetime) -> str:
    """``"HH:MM:SS"``, with the microseconds when they are not 0, so the core refuses a time
    that is not a whole minute instead of it being cut (as the Arrow path writes nanoseconds)."""
    return v.strftime("%H:%M:%S.%f" if v.microsecond else "%H:%M:%S")


def _int_text(v: Any) -> str:
    """An integer-valued cell (item number, People code, mood) as text; missing = empty."""
    if _missing(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _date_text(v: Any) -> str:
    if _missing(v):
        return ""
    if isinstance(v, datetime.datetime):
        if v.time() != datetime.time(0):
            return v.isoformat()  # a time of day is not a diary day: the core rejects it
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def _frame_columns(df: Any, caller: str) -> tuple[list[str], Callable[[str], list[Any]]]:
    """The column names of a table and a reader of one column as Python values.

    A pandas DataFrame is read with ``df[name].tolist()``. Any other table that exposes the
    Arrow PyCapsule stream interface (``__arrow_c_stream__``: a polars DataFrame, a pyarrow
    Table or RecordBatch, DuckDB relations, ...) is read through ``pyarrow.table(df)``, whose
    ``to_pylist()`` gives the same Python values (``datetime.date``/``time``/``datetime``,
    ``str``, ``int``, ``float``; null = ``None``) that the pandas path gives, so both go through
    the same conversion and the same core rules. Anything else is refused.
    """
    mod = type(df).__module__.split(".")[0]
    if mod == "pandas" and hasattr(df, "columns") and hasattr(df, "__getitem__"):
        frame: Any = df
        return [str(c) for c in frame.columns], lambda name: list(frame[name].tolist())
    if hasattr(df, "__arrow_c_stream__"):
        try:
            import pyarrow as pa
        except ImportError:
            raise _ipsrt.InvalidInputError(
                f"{caller} reads a {type(df).__name__} through pyarrow, which is not installed: pip install 'ipsrt[arrow]' (or pass a pandas DataFrame)"
            ) from None
        table = pa.table(df)
        return list(table.column_names), lambda name: list(table.column(name).to_pylist())
    raise _ipsrt.InvalidInputError(
        f"{caller} takes a table (pandas or polars DataFrame, pyarrow Table, anything with __arrow_c_stream__), not {type(df).__name__}: build one with pd.DataFrame(...)"
    )


def _names(participant: str, date: str, item: str, time: str, people: str, mood: str) -> list[tuple[str, str]]:
    return [("participant", participant), ("date", date), ("item", item), ("time", time), ("people", people), ("mood", mood)]


_TEXT: dict[str, Callable[[Any], str]] = {"date": _date_text, "time": _time_text}


def _arrow_table(df: Any, names: Sequence[tuple[str, str]], caller: str) -> Any:
    """The long-format columns of ``df`` as something with ``__arrow_c_stream__``, without
    reading a cell in Python.

    A polars DataFrame, a pyarrow Table or RecordBatch, or any table with
    ``__arrow_c_stream__`` goes to the core as it is. A pandas DataFrame's columns are
    converted by pyarrow (``pa.Array.from_pandas``: NaN and None are null). A pandas object
    column that pyarrow cannot type (mixed values, e.g. text and numbers) is written out as
    text cell by cell (``str`` of each value, missing = empty), so the core still reads and
    checks every value with the row's line.
    """
    mod = type(df).__module__.split(".")[0]
    if mod == "pandas" and hasattr(df, "columns") and hasattr(df, "__getitem__"):
        try:
            import pyarrow as pa
        except ImportError:
            raise _ipsrt.InvalidInputError(f"{caller} reads pandas through pyarrow, which is not installed: pip install 'ipsrt[pandas]'") from None
        present = {str(c): c for c in df.columns}
        arrays: dict[str, Any] = {}
        for canonical, name in names:
            if name not in present:
                continue  # a missing required column is the core's header error
            series = df[present[name]]
            try:
                arrays[name] = pa.Array.from_pandas(series)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                text = _TEXT.get(canonical, _int_text)
                arrays[name] = pa.array([text(v) for v in series.tolist()], pa.string())
        return pa.table(arrays) if arrays else pa.table({"_": pa.array([], pa.null())})
    if hasattr(df, "__arrow_c_stream__"):
        return df
    if hasattr(df, "__arrow_c_array__"):
        import pyarrow as pa

        return pa.table(df)
    raise _ipsrt.InvalidInputError(
        f"{caller} takes a table (pandas or polars DataFrame, pyarrow Table, anything with __arrow_c_stream__), not {type(df).__name__}: build one with pd.DataFrame(...)"
    )


Output = Literal["pandas", "arrow", "polars"]


def score_frame(
    df: pd.DataFrame | Any,
    *,
    form: Form = "srm5",
    options: ScoringOptions | Mapping[str, Any] | None = None,
    participant: str = "participant",
    date: str = "date",
    item: str = "item",
    time: str = "time",
    people: str = "people",
    mood: str = "mood",
    time_unit: Literal["minutes", "hours"] | None = None,
    duplicates: Literal["error", "first", "last"] = "error",
    date_format: Literal["iso", "dmy", "mdy"] = "iso",
    n_threads: int | None = None,
    output: Output = "pandas",
    **kw: Any,
) -> Any:
    """Scores the long format (one row per diary cell: participant, date, item, time, and
    optionally people and mood), with the same rules and errors as ``ipsrt srm score``.

    The table is read column by column in Rust through the Arrow PyCapsule interface (no
    Python object per cell): parsing, checks and grouping are the core's ``srm::long_format``
    and every participant-week is scored with the batch kernel (``srm::long_batch``). ``date``
    is the diary day (``YYYY-MM-DD`` text, a date, or a midnight timestamp;
    ``date_format="dmy"``/``"mdy"`` for day-first or US text), ``item`` an item id or SRM-17
    number, ``time`` ``"HH:MM"``/``"H:MM"``, a time of day or a timestamp (its time of day;
    seconds must be 0), empty/null/NaN for "not done" (as an empty CSV field), or
    ``"not_recorded"``. Numbers in ``time`` are refused (``7`` could be 07:00 or 00:07) unless
    ``time_unit="minutes"`` (420 = 07:00) or ``"hours"`` (7.5 = 07:30) says how to read them.
    ``people`` is the People code 0–3 and ``mood`` −5..+5 (null = not given). Rows that repeat
    a cell count once; rows that disagree (23:03 and 18:30 for one bedtime) are an error naming
    both lines unless ``duplicates="first"`` or ``"last"``. The ``people``/``mood`` columns
    are used when the table has them. An error names the line the row would have in
    ``df.to_csv(index=False)`` (positional row ``i`` is line ``i + 2``) and the field, and
    every error is an ``ipsrt.IpsrtError``. Rows need not be sorted by participant:
    participants come out in first-appearance order.

    ``df`` is a pandas DataFrame (converted with pyarrow), a polars DataFrame, a pyarrow Table
    or RecordBatch, or any table with ``__arrow_c_stream__``. ``n_threads`` as in
    :func:`score_batch` (use 1 inside Dask/Spark workers). Returns one row per
    participant-week: participant, week_start, score (NaN when not scorable), hits,
    counted_items, ali, days_recorded — as a pandas DataFrame (``output="pandas"``, week_start
    ``datetime64[ns]``), a pyarrow Table (``"arrow"``, week_start ``date32``) or a polars
    DataFrame (``"polars"``).
    """
    table = _arrow_table(df, _names(participant, date, item, time, people, mood), "ipsrt.srm.score_frame")
    batch = _ipsrt.srm_score_table(
        table,
        _names(participant, date, item, time, people, mood),
        form=form,
        options=_options(options, kw),
        duplicates=duplicates,
        date_format=date_format,
        time_unit=time_unit,
        n_threads=n_threads,
    )
    import pyarrow as pa

    result = pa.Table.from_batches([batch])
    if output == "arrow":
        return result
    if output == "polars":
        import polars as pl

        return pl.from_arrow(result)
    if output != "pandas":
        raise _ipsrt.InvalidInputError(f"output {output!r}: use \"pandas\", \"arrow\" or \"polars\"")
    import pandas as pd

    frame: pd.DataFrame = result.to_pandas(date_as_object=False)
    frame["week_start"] = frame["week_start"].astype("datetime64[ns]")
    return frame


def long_weeks(
    df: pd.DataFrame | Any,
    *,
    form: Form = "srm5",
    options: ScoringOptions | Mapping[str, Any] | None = None,
    participant: str = "participant",
    date: str = "date",
    item: str = "item",
    time: str = "time",
    people: str = "people",
    mood: str = "mood",
    time_unit: Literal["minutes", "hours"] | None = None,
    duplicates: Literal["error", "first", "last"] = "error",
    date_format: Literal["iso", "dmy", "mdy"] = "iso",
    **kw: Any,
) -> SrmLongWeeksDict:
    """The windows of long-format data as the ``(weeks, 7, items)`` array that
    :func:`score_batch` takes, cut by the core's windowing (``windows``, ``week_anchor`` in the
    options) exactly as :func:`score_frame` and ``ipsrt srm score`` cut them.

    Reads ``df`` as :func:`score_frame` does (same arguments, rules and errors). Returns a dict:
    ``times`` (int16, ``-1`` = no occurrence, items in :func:`form_items` order), and per
    window ``participant`` (list of str), ``week_start`` (list of ``datetime.date``) and
    ``days_recorded`` (uint8). ``score_batch(out["times"], ...)`` then gives
    :func:`score_frame`'s scores.
    """
    names = _names(participant, date, item, time, people, mood)
    table = _arrow_table(df, names, "ipsrt.srm.long_weeks")
    out: SrmLongWeeksDict = _ipsrt.srm_long_weeks(
        table, names, form=form, options=_options(options, kw), duplicates=duplicates, date_format=date_format, time_unit=time_unit
    )
    return out


SPARK_SCHEMA = "participant string, week_start date, score double, hits int, counted_items int, ali int, days_recorded int"
"""The Spark schema of :func:`score_spark`'s result (the columns of ``ipsrt srm score``)."""


def _read_kwargs(kw: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of :func:`score_frame` that say how to read the table; the rest
    are scoring options."""
    keys = ("participant", "date", "item", "time", "people", "mood", "time_unit", "duplicates", "date_format", "form")
    return {k: kw[k] for k in keys if k in kw}


def score_dask(ddf: Any, *, options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> Any:
    """Scores a Dask DataFrame in the long format: one row per participant-week, the columns
    of :func:`score_frame` (a Dask DataFrame; ``.compute()`` it).

    The rows are shuffled so that each participant's rows are in one partition
    (``ddf.shuffle(on=participant)``), then every partition is scored by :func:`score_frame`
    with ``n_threads=1`` (one scoring thread per Dask worker thread). Keyword arguments are
    :func:`score_frame`'s (``participant="id"``, ``form="srm17"``, ``duplicates="first"``,
    ...) and scoring options (``hit_window_min=30``, ...). The same rules and errors; an
    error's line is the row's position inside its shuffled partition, so find the row by the
    participant, date and item the message quotes. Participants come out in no particular
    order: sort by participant and week_start to compare.
    """
    read = _read_kwargs(kw)
    opts = _options(options, {k: v for k, v in kw.items() if k not in read})
    participant = read.get("participant", "participant")
    meta = score_frame(ddf._meta, options=opts, **read)
    return ddf.shuffle(on=participant).map_partitions(score_frame, options=opts, n_threads=1, meta=meta, **read)


def score_spark(sdf: Any, *, method: Literal["arrow", "pandas"] = "arrow", options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> Any:
    """Scores a Spark DataFrame in the long format, on the executors: a Spark DataFrame with
    the columns of ``ipsrt srm score`` (:data:`SPARK_SCHEMA`; score is NaN when a week is not
    scorable).

    ``method="arrow"`` (the default, the faster one: see docs/python.md) repartitions the rows
    by participant and scores each partition's Arrow batches at once with ``mapInArrow``;
    ``method="pandas"`` groups by participant and scores each participant's rows with
    ``applyInPandas`` (one call per participant). Both call :func:`score_frame` with
    ``n_threads=1`` on the executors, so the same rules and errors hold; an error's line is the
    row's position in its partition (or group). Keyword arguments are :func:`score_frame`'s
    and scoring options. The executors need ``ipsrt`` and ``pyarrow`` installed.
    """
    read = _read_kwargs(kw)
    opts = _options(options, {k: v for k, v in kw.items() if k not in read})
    participant = read.get("participant", "participant")
    if method == "pandas":

        def one(pdf: Any) -> Any:
            out = score_frame(pdf, options=opts, n_threads=1, output="arrow", **read)
            frame = out.to_pandas()  # week_start as datetime.date, as Spark's DateType wants
            return frame.astype({"hits": "int32", "counted_items": "int32", "ali": "int32", "days_recorded": "int32"})

        return sdf.groupBy(participant).applyInPandas(one, schema=SPARK_SCHEMA)
    if method != "arrow":
        raise _ipsrt.InvalidInputError(f"method {method!r}: use \"arrow\" (mapInArrow) or \"pandas\" (applyInPandas)")

    def partition(batches: Any) -> Any:
        import pyarrow as pa

        table = pa.Table.from_batches(list(batches))
        if table.num_rows == 0:
            return
        out = score_frame(table, options=opts, n_threads=1, output="arrow", **read)
        schema = pa.schema(
            [
                ("participant", pa.string()),
                ("week_start", pa.date32()),
                ("score", pa.float64()),
                ("hits", pa.int32()),
                ("counted_items", pa.int32()),
                ("ali", pa.int32()),
                ("days_recorded", pa.int32()),
            ]
        )
        yield from out.cast(schema).to_batches()

    parts = max(1, int(sdf.rdd.getNumPartitions()))
    return sdf.repartition(parts, participant).mapInArrow(partition, schema=SPARK_SCHEMA)


# --- Items, forms, weeks, regularity (parity, issue 6) -------------------------------------


def parse_long_row(header: Sequence[str], fields: Sequence[str], *, line: int = 2, form: Form = "srm5") -> ParsedLongRowDict:
    """Parses one long-format row (text fields, columns named by ``header``) with the core's
    rules: ``{"participant", "entry": SrmEntry, "mood": int | None}``; errors name ``line``."""
    return _ipsrt.srm_parse_long_row(list(header), list(fields), line=line, form=form)


def item_info(item: str | int) -> SrmItemInfoDict:
    """An item's id, SRM-17 number and printed label (given its id or number)."""
    return _ipsrt.srm_item_info(item)


def summarize(week: Week | Mapping[str, Any]) -> WeekSummaryDict:
    """A week's People-code and mood summary (core ``srm::summarize``)."""
    return _ipsrt.srm_summarize(week)


def period_score(week_scores: Sequence[Mapping[str, Any]]) -> PeriodScoreDict:
    """The PeriodScore (mean of scorable weeks) of already-scored weeks (WeekScore dicts)."""
    return _ipsrt.srm_period_score(list(week_scores))


def _opt_bools(states: Any) -> list[bool | None]:
    return [None if _missing(v) else bool(v) for v in _as_list(states)]


def _opt_floats(x: Any) -> list[float | None]:
    return [None if _missing(v) else float(v) for v in _as_list(x)]


def _as_list(x: Any) -> list[Any]:
    tolist = getattr(x, "tolist", None)
    return list(tolist()) if callable(tolist) else list(x)


def sleep_regularity_index(states: Any, epochs_per_day: int) -> SriDict | None:
    """Sleep Regularity Index (Phillips et al. 2017) of a sleep-state series (True = asleep;
    None/NaN = unknown), ``epochs_per_day`` epochs a day: ``{value, valid_pairs, valid_days}``
    or None when no pair 24 h apart is known."""
    return _ipsrt.srm_sleep_regularity_index(_opt_bools(states), epochs_per_day)


def interdaily_stability(x: Any, per_day: int) -> float | None:
    """Interdaily stability (IS) of a series with ``per_day`` values a day (None/NaN = unknown)."""
    return _ipsrt.srm_interdaily_stability(_opt_floats(x), per_day)


def intradaily_variability(x: Any) -> float | None:
    """Intradaily variability (IV) of a series (None/NaN = unknown)."""
    return _ipsrt.srm_intradaily_variability(_opt_floats(x))


def hourly_in_bed(weeks: Sequence[Week | Mapping[str, Any]]) -> list[bool | None]:
    """The hourly in-bed indicator of consecutive weeks from diary bed/rise times."""
    return _ipsrt.srm_hourly_in_bed(list(weeks))


def time_in_bed_regularity(weeks: Sequence[Week | Mapping[str, Any]]) -> TimeInBedRegularityDict | None:
    """SRI, IS and IV of the diary's time in bed (not sleep) over consecutive weeks."""
    return _ipsrt.srm_time_in_bed_regularity(list(weeks))


def unwrap_layout(clock: Sequence[int]) -> tuple[list[int], int]:
    """Clock minutes laid out on a line (smallest 0) and the offset to add back."""
    return _ipsrt.srm_unwrap_layout(list(clock))


def unwrap_general(clock: Sequence[int]) -> list[int]:
    """Clock minutes unwrapped around their circular mean (``x + 1440·k``)."""
    return _ipsrt.srm_unwrap_general(list(clock))
