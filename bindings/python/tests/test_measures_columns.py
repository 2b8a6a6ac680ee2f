"""ipsrt.measures.score_measures(columns=True): columns of numpy arrays for a sequence of answer
sets, a DataFrame for a table; the list form is unchanged."""

from __future__ import annotations

import math

import pytest

import ipsrt
from ipsrt import measures

np = pytest.importorskip("numpy")


def test_sequence_gives_numpy_columns() -> None:
    sets = [
        [1, 2, 0, 1, 1, 0, 0, 1, 1],  # 7, item 9 answered
        {"phq9_1": 3, "phq9_2": 3, "phq9_3": 3, "phq9_4": 3, "phq9_5": 3, "phq9_6": 3, "phq9_7": 3, "phq9_9": 1},  # 1 missing
        [0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    cols = measures.score_measures("phq9", sets, columns=True)
    assert cols["total"].dtype == np.float64
    assert cols["total"][0] == 7.0 and math.isnan(cols["total"][1]) and cols["total"][2] == 0.0
    assert list(cols["status"]) == ["complete", "incomplete", "complete"]
    assert cols["n_missing"].dtype == np.int64 and list(cols["n_missing"]) == [0, 1, 0]
    assert list(cols["band"]) == ["mild", None, "minimal"]
    # the safety signal is raised whatever the total
    assert list(cols["safety_level"]) == ["safety_check", "safety_check", None]
    assert list(cols["flag_item9_positive"]) == ["raised", "raised", "not_raised"]
    with_policy = measures.score_measures("phq9", sets, policy="prorate:2", columns=True)
    assert with_policy["total"][1] == 25.0


def test_list_form_is_unchanged_and_bad_rows_raise_in_column_mode() -> None:
    out = measures.score_measures("gad7", [[1] * 7, [9] * 7])
    assert isinstance(out[0], ipsrt.MeasureScore) and isinstance(out[1], ipsrt.IpsrtError)
    with pytest.raises(ipsrt.InvalidInputError, match="row 1"):
        measures.score_measures("gad7", [[1] * 7, [9] * 7], columns=True)


def test_table_gives_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"id": ["a", "b"], **{f"gad7_{i}": [1, 3] for i in range(1, 8)}})
    frame = measures.score_measures("gad7", df, columns=True)
    assert list(frame["id"]) == ["a", "b"]
    assert list(frame["total"]) == [7, 21]
    with pytest.raises(ipsrt.InvalidInputError, match="columns=True"):
        measures.score_measures("gad7", df)
