"""Outcome measures (PHQ-9, HRSD-17, GAD-7, ...) from Python, one answer set or a table of them.

Every rule (item ranges, missing-data policies, bands, flags, safety signals, the "whole
number" check for answers read as numbers) runs in the Rust core; this module only moves
values between tables and the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from . import _ipsrt
from ._ipsrt import Answers, Instrument, MeasureScore, compare_measures, score_measure
from .srm import _frame_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Answers",
    "Instrument",
    "MeasureScore",
    "compare_measures",
    "score_frame",
    "score_measure",
    "score_measures",
]

_TABLE_MODULES = ("pandas", "polars", "pyarrow")


def _is_table(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] in _TABLE_MODULES or hasattr(obj, "__arrow_c_stream__")


def score_measures(
    instrument: str | Instrument,
    answer_sets: Any,
    *,
    policy: str | Mapping[str, Any] | None = None,
    band_scheme: str | None = None,
    columns: bool = False,
) -> Any:
    """Scores many answer sets of one instrument (in parallel in the core).

    With ``columns=False`` (the default, as in earlier releases) it returns a list with a
    ``MeasureScore`` or the error (an ``IpsrtError`` instance, not raised) per answer set.

    With ``columns=True`` it returns **columns**, one value per answer set, in input order:

    * ``answer_sets`` a table (pandas or polars DataFrame, pyarrow Table, anything with
      ``__arrow_c_stream__``; answer columns named by item id): a DataFrame as ``score_frame``
      returns it — pandas for pandas or pyarrow input, polars for polars input;
    * ``answer_sets`` a sequence (dicts of item id to answer, lists in form order, ``Answers``):
      a dict of numpy arrays — ``total`` (float64, NaN where the missing-data policy gives no
      total), ``status``, ``n_missing`` (int64), ``band``, ``band_label``, ``safety_level``
      (None when no safety signal), ``safety_items``, ``safety_unanswered`` and one
      ``flag_<id>`` array per derived flag (object arrays of str or None).

    In column mode a bad answer set raises (``InvalidInputError`` naming ``row N``, 0-based);
    nothing is returned. ``band_scheme`` ``None`` means the instrument's default scheme.
    A safety signal is raised from the answers whatever the total: read ``safety_level``.
    """
    if not columns:
        if _is_table(answer_sets):
            raise _ipsrt.InvalidInputError(
                "score_measures got a table: pass columns=True to get columns back (or use score_frame)"
            )
        return _ipsrt.score_measures(instrument, answer_sets, policy=policy, band_scheme=band_scheme)
    band = "" if band_scheme is None else band_scheme
    if _is_table(answer_sets):
        frame = score_frame(answer_sets, instrument=instrument, policy=policy, band=band)
        if type(answer_sets).__module__.split(".")[0] == "polars":
            import polars as pl

            return pl.from_pandas(frame)
        return frame
    import numpy as np

    scores = _ipsrt.score_measure_rows(instrument, list(answer_sets), policy=policy, band_scheme=band)
    definition = instrument if isinstance(instrument, Instrument) else Instrument.builtin(instrument)
    data = definition.to_dict()
    data = data.get("data", data)
    flag_ids = [str(f["id"]) for f in data.get("flags", [])]
    out: dict[str, list[Any]] = {c: [] for c in _SCORE_COLUMNS}
    for fid in flag_ids:
        out[f"flag_{fid}"] = []
    for sc in scores:
        d = sc.to_dict()
        d = d.get("data", d)
        out["total"].append(np.nan if d["total"] is None else float(d["total"]))
        out["status"].append(d["status"]["kind"])
        out["n_missing"].append(len(d["missing"]))
        b = sc.band
        out["band"].append(b["band"]["id"] if b else None)
        out["band_label"].append(b["band"]["label"] if b else None)
        out["safety_level"].append(sc.safety_level())
        out["safety_items"].append(",".join(str(sig["item"]) for sig in d["safety"]) or None)
        out["safety_unanswered"].append(",".join(d["safety_unanswered"]) or None)
        states = {str(f["id"]): f["state"] for f in d["flags"]}
        for fid in flag_ids:
            out[f"flag_{fid}"].append(states.get(fid))
    result: dict[str, Any] = {}
    for key, values in out.items():
        if key == "total":
            result[key] = np.asarray(values, dtype=np.float64)
        elif key == "n_missing":
            result[key] = np.asarray(values, dtype=np.int64)
        else:
            arr = np.empty(len(values), dtype=object)
            arr[:] = values
            result[key] = arr
    return result

_SCORE_COLUMNS = ("total", "status", "n_missing", "band", "band_label", "safety_level", "safety_items", "safety_unanswered")


def score_frame(
    df: pd.DataFrame | Any,
    *,
    instrument: str | Instrument,
    policy: str | Mapping[str, Any] | None = None,
    band: str | None = "",
) -> pd.DataFrame:
    """Scores one answer set per row of a table (pandas or polars DataFrame, pyarrow Table, or
    anything with ``__arrow_c_stream__``).

    Columns named by the instrument's item ids (``phq9_1`` ... ``phq9_9``; see
    ``Instrument.builtin(id).to_dict()``) hold the answers: ints, whole-number floats (``1.0``,
    as pandas stores an integer column with gaps) or NaN/None/``pandas.NA`` for unanswered. Every
    scored item needs a column (a column of NaN says "not asked"), so a misspelt column name is
    an error rather than a silently unanswered item; items that do not count towards the total
    (``phq9_difficulty``) may be left out. Columns that are not item ids (a participant id, a
    date) are not scored and are copied to the result unchanged, first. A non-whole float
    (``1.5``), a text cell or an answer outside the item's range is an ``InvalidInputError``
    naming the row (positional, 0-based: ``df.iloc[row]``) and the item (column); nothing is
    returned then.

    ``policy`` is the missing-data policy (``"strict"``, ``"prorate:2"``, ``"zero"``; default the
    instrument's). ``band`` is the band scheme id (``""``, the default: the instrument's default
    scheme; ``None``: no band). Returns a pandas DataFrame (the input's index when it is
    pandas) with the carried columns, then ``total`` (nullable Int64: missing when the policy
    allows no total), ``status`` (``complete``, ``prorated``, ``incomplete``, ...),
    ``n_missing``, ``band`` (the band id) and ``band_label``, ``safety_level`` (the highest
    safety signal, e.g. ``safety_check``, or None), ``safety_items`` (the items that raised a
    signal, comma-separated), ``safety_unanswered`` (safety items left unanswered), and one
    ``flag_<id>`` column per derived flag (``raised``, ``not_raised``, ``indeterminate``).
    A safety signal is raised from the answers whatever the total: read ``safety_level``.
    """
    import pandas as pd

    present, column = _frame_columns(df, "ipsrt.measures.score_frame")
    definition = instrument if isinstance(instrument, Instrument) else Instrument.builtin(instrument)
    data = definition.to_dict()
    data = data.get("data", data)
    item_ids = [str(item["id"]) for item in data["items"]]
    scored = [str(s["id"]) for s in definition.scored_items()]
    missing = [i for i in scored if i not in present]
    if missing:
        raise _ipsrt.InvalidInputError(
            f"the table has no column for item(s) {', '.join(missing)} of {data['id']}: name the answer columns by item id "
            f"({', '.join(item_ids)}); add a column of NaN for an item that was not asked"
        )
    items = [c for c in present if c in item_ids]
    carried = [c for c in present if c not in item_ids]
    values = {c: column(c) for c in items}
    n = len(values[items[0]]) if items else 0
    rows = [{c: values[c][i] for c in items} for i in range(n)]
    scores = _ipsrt.score_measure_rows(definition, rows, policy=policy, band_scheme=band)

    out: dict[str, list[Any]] = {c: [] for c in _SCORE_COLUMNS}
    flag_ids: list[str] = []
    for s in scores:
        d = s.to_dict()
        d = d.get("data", d)
        out["total"].append(d["total"])
        out["status"].append(d["status"]["kind"])
        out["n_missing"].append(len(d["missing"]))
        b = s.band
        out["band"].append(b["band"]["id"] if b else None)
        out["band_label"].append(b["band"]["label"] if b else None)
        out["safety_level"].append(s.safety_level())
        out["safety_items"].append(",".join(str(sig["item"]) for sig in d["safety"]) or None)
        out["safety_unanswered"].append(",".join(d["safety_unanswered"]) or None)
        for f in d["flags"]:
            key = f"flag_{f['id']}"
            if key not in out:
                flag_ids.append(key)
                out[key] = [None] * (len(out["total"]) - 1)
            out[key].append(f["state"])
    if not scores:
        flag_ids = [f"flag_{f['id']}" for f in data.get("flags", [])]
        for key in flag_ids:
            out[key] = []
    index = df.index if type(df).__module__.split(".")[0] == "pandas" else None
    frame = pd.DataFrame({c: column(c) for c in carried}, index=index)
    result: pd.DataFrame = pd.DataFrame(index=frame.index if index is not None else pd.RangeIndex(n))
    for c in carried:
        result[c] = frame[c].to_numpy() if index is None else frame[c]
    result["total"] = pd.array(out["total"], dtype="Int64")
    for c in _SCORE_COLUMNS[1:]:
        result[c] = pd.Series(out[c], index=result.index, dtype="Int64" if c == "n_missing" else object)
    for key in flag_ids:
        result[key] = pd.Series(out[key], index=result.index, dtype=object)
    return result
