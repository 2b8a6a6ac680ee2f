"""The Social Rhythm Metric from Python: single weeks, diaries and the batch path.

Every rule (windows, trimming, hits, midnight handling) runs in the Rust core; this module only
moves arrays. ``score_batch`` releases the GIL and writes straight into NumPy arrays.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Mapping, Sequence

from . import _ipsrt
from ._ipsrt import Diary, ScoringOptions

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = [
    "BatchScores",
    "Diary",
    "ScoringOptions",
    "default_options",
    "form_items",
    "score_arrow",
    "score_batch",
    "score_frame",
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
    habitual: npt.NDArray[np.float64]
    """(weeks, items): habitual time in minutes [0, 1440); NaN when the item does not count."""
    item_hits: npt.NDArray[np.uint8]
    """(weeks, items): hits per item."""


def _options(options: ScoringOptions | Mapping[str, Any] | None, overrides: Mapping[str, Any]) -> ScoringOptions:
    if options is not None and overrides:
        raise _ipsrt.InvalidInputError("pass either options= or keyword options, not both")
    if isinstance(options, ScoringOptions):
        return options
    if options is not None:
        return ScoringOptions(**dict(options))
    return ScoringOptions(**overrides)


def default_options() -> dict[str, Any]:
    """The core's default scoring options (Monk 1990 standard SRM) as a dict."""
    result: dict[str, Any] = _ipsrt.srm_default_options()
    return result


def form_items(form: Form = "srm5") -> list[str]:
    """The item ids of a form in column order (the last axis of ``score_batch``'s input)."""
    return _ipsrt.srm_form_items(form)


def score_week(week: Mapping[str, Any], options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    """Scores one week (a Week dict in the core's form) with per-item detail."""
    return _ipsrt.srm_score_week(week, _options(options, kw))


def score_weeks(weeks: Sequence[Mapping[str, Any]], options: ScoringOptions | Mapping[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    """Scores several weeks and their mean (a PeriodScore dict)."""
    return _ipsrt.srm_score_weeks(list(weeks), _options(options, kw))


def score_batch(
    times: Any,
    *,
    form: Form = "srm5",
    n_threads: int | None = None,
    targets: Sequence[str | None] | None = None,
    options: ScoringOptions | Mapping[str, Any] | None = None,
    **kw: Any,
) -> BatchScores:
    """Scores many weeks at once.

    ``times`` has shape ``(weeks, 7, items)`` (items in :func:`form_items` order) and holds clock
    minutes 0..1439: float with NaN, or int16/int32 with -1, for "no occurrence". Other integer
    dtypes are converted to int32 (values outside int32 are rejected). Threads: ``n_threads``,
    else ``RAYON_NUM_THREADS``, else all cores (batches smaller than 16384 weeks run on the
    calling thread). Use ``n_threads=1`` inside Dask/Spark workers. Keyword options
    (``hit_window_min=30``, ...) override the core's defaults.
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
    out = _ipsrt.srm_score_batch_numpy(arr, form=form, options=_options(options, kw), targets=targets, n_threads=n_threads)
    return BatchScores(**out)


def score_arrow(
    array: Any,
    *,
    form: Form = "srm5",
    n_threads: int | None = None,
    targets: Sequence[str | None] | None = None,
    options: ScoringOptions | Mapping[str, Any] | None = None,
    **kw: Any,
) -> BatchScores:
    """Like :func:`score_batch` over an Arrow array (``__arrow_c_array__``: pyarrow, polars, ...).

    Either a flat float64/int32/int16 array of ``weeks × 7 × items`` minutes (null = none), or a
    fixed-size-list array with one list of ``7 × items`` minutes per week (Spark ``mapInArrow``
    batches pass their column straight in).
    """
    out = _ipsrt.srm_score_batch_arrow(array, form=form, options=_options(options, kw), targets=targets, n_threads=n_threads)
    return BatchScores(**out)


def _time_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, datetime.time):
        return v.strftime("%H:%M")
    if isinstance(v, float) and v != v:  # NaN: not recorded
        return None
    m = int(v)
    if m != v or not 0 <= m < 1440:
        raise _ipsrt.InvalidInputError(f"time {v!r} is not a clock minute 0..1439 or 'HH:MM'")
    return f"{m // 60:02d}:{m % 60:02d}"


def score_frame(
    df: pd.DataFrame,
    *,
    form: Form = "srm5",
    options: ScoringOptions | Mapping[str, Any] | None = None,
    participant: str = "participant",
    date: str = "date",
    item: str = "item",
    time: str = "time",
    **kw: Any,
) -> pd.DataFrame:
    """Scores the long format (one row per diary cell: participant, date, item, time).

    ``time`` is ``"HH:MM"``, a clock minute, ``"not_done"``, or missing (not recorded). Each
    participant's rows become a core ``Diary`` cut into weeks by the options. Returns one row per
    participant-week: participant, week_start, score (NaN when not scorable), hits,
    counted_items, ali, days_recorded.
    """
    import pandas as pd

    dates = pd.to_datetime(df[date]).dt.strftime("%Y-%m-%d").tolist()
    times = [_time_text(None if (isinstance(v, float) and v != v) else v) for v in df[time].tolist()]
    out = _ipsrt.srm_score_long(
        df[participant].astype(str).tolist(),
        dates,
        df[item].astype(str).tolist(),
        times,
        form=form,
        options=_options(options, kw),
    )
    frame = pd.DataFrame(out)
    frame["week_start"] = pd.to_datetime(frame["week_start"]) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    return frame
