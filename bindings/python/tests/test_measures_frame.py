"""Outcome measures from tables: ``ipsrt.measures.score_frame`` and pandas rows in
``score_measure`` (whole-number floats, NaN = unanswered)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import ipsrt
from ipsrt import measures


def _phq9_frame() -> pd.DataFrame:
    answers: list[list[int | None]] = [[1, 2, 3, 1, 0, 0, 1, 2, 1], [0] * 9, [3] * 8 + [None], [None] * 9]
    cols = {f"phq9_{i + 1}": [row[i] for row in answers] for i in range(9)}
    frame: pd.DataFrame = pd.DataFrame({"participant": ["a", "b", "c", "d"], **cols})  # gaps make the columns float
    return frame


def test_score_measure_takes_a_pandas_row_with_floats_and_nan() -> None:
    df = _phq9_frame()
    assert df["phq9_9"].dtype == np.float64
    row = df.drop(columns="participant").iloc[0]
    got = ipsrt.score_measure("phq9", row)
    want = ipsrt.score_measure("phq9", [1, 2, 3, 1, 0, 0, 1, 2, 1])
    assert got == want
    partial = ipsrt.score_measure("phq9", df.drop(columns="participant").iloc[2], policy="prorate:1")
    assert partial == ipsrt.score_measure("phq9", [3] * 8 + [None], policy="prorate:1")
    assert ipsrt.score_measure("phq9", [1.0, float("nan"), 2.0]) == ipsrt.score_measure("phq9", [1, None, 2])
    assert ipsrt.score_measure("phq9", {"phq9_1": 1.0, "phq9_2": pd.NA}) == ipsrt.score_measure("phq9", {"phq9_1": 1})


@pytest.mark.parametrize("bad", [1.5, float("inf"), "2", True])
def test_score_measure_refuses_non_whole_answers_naming_the_item(bad: Any) -> None:
    with pytest.raises(ipsrt.InvalidInputError, match='item "phq9_2"') as e:
        ipsrt.score_measure("phq9", [1, bad])
    assert isinstance(e.value, ValueError)


def test_score_frame_totals_bands_flags_and_safety() -> None:
    df = _phq9_frame()
    out = measures.score_frame(df, instrument="phq9")
    assert list(out.columns[:9]) == [
        "participant", "total", "status", "n_missing", "band", "band_label", "safety_level", "safety_items", "safety_unanswered",
    ]
    assert out["participant"].tolist() == ["a", "b", "c", "d"]
    assert out["total"].tolist()[:2] == [11, 0]
    assert out["total"].isna().tolist() == [False, False, True, True]
    assert out["status"].tolist()[:2] == ["complete", "complete"]
    assert out["band"].tolist()[:2] == ["moderate", "minimal"]
    assert out["safety_level"].tolist()[0] == "safety_check"
    assert out["safety_items"].tolist()[0] == "phq9_9"
    assert out["safety_unanswered"].tolist()[2] == "phq9_9"
    assert out["flag_item9_positive"].tolist() == ["raised", "not_raised", "indeterminate", "indeterminate"]
    # The same as score_measure row by row.
    for i in range(len(df)):
        one = ipsrt.score_measure("phq9", df.drop(columns="participant").iloc[i], band_scheme="")
        d = one.to_dict()["data"]
        assert (d["total"] is None) == bool(pd.isna(out["total"].iloc[i]))
    prorated = measures.score_frame(df, instrument="phq9", policy="prorate:1", band=None)
    assert prorated["status"].tolist()[2] == "prorated" and prorated["band"].isna().all()
    # The index of a pandas frame is kept.
    assert measures.score_frame(df.set_index("participant"), instrument="phq9").index.tolist() == ["a", "b", "c", "d"]


def test_score_frame_errors_name_row_and_item() -> None:
    df = _phq9_frame()
    df.loc[1, "phq9_4"] = 1.5
    with pytest.raises(ipsrt.InvalidInputError, match=r'^row 1: answer 1.5 to item "phq9_4" is not a whole number'):
        measures.score_frame(df, instrument="phq9")
    df.loc[1, "phq9_4"] = 4
    with pytest.raises(ipsrt.InvalidInputError, match=r'^row 1: answer 4 to item "phq9_4" is not allowed'):
        measures.score_frame(df, instrument="phq9")
    with pytest.raises(ipsrt.InvalidInputError, match="no column for item.* phq9_4 of phq9"):
        measures.score_frame(_phq9_frame().drop(columns="phq9_4"), instrument="phq9")
    with pytest.raises(ipsrt.InvalidInputError, match="takes a table"):
        measures.score_frame([[1, 2]], instrument="phq9")
    with pytest.raises(ipsrt.InvalidInputError, match="unknown instrument"):
        measures.score_frame(_phq9_frame(), instrument="phq10")


def test_score_frame_reads_polars_and_pyarrow_like_pandas() -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    df = _phq9_frame()
    want = measures.score_frame(df, instrument="phq9")
    for other in (pa.Table.from_pandas(df), pl.from_pandas(df)):
        pd.testing.assert_frame_equal(measures.score_frame(other, instrument="phq9"), want)
    empty = measures.score_frame(df.iloc[:0], instrument="phq9")
    assert len(empty) == 0 and "flag_item9_positive" in empty.columns
