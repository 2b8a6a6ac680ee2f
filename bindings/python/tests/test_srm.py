"""SRM from Python: the shared golden vectors, batch == single week, Arrow, the long format, Dask."""

from __future__ import annotations

import math
import pickle
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ipsrt
from ipsrt import srm

from .conftest import vector_cases

# Scoring cases only; the regularity file (SRI/IS/IV) is not reachable from Python yet.
GOLDEN = [(i, c) for i, c in vector_cases("srm") if "week" in c["input"]]
ITEMS5 = srm.form_items("srm5")


def _hm(minutes: float) -> str:
    m = int(round(minutes)) % 1440
    return f"{m // 60:02d}:{m % 60:02d}"


@pytest.mark.parametrize("case", [c for _, c in GOLDEN], ids=[i for i, _ in GOLDEN])
def test_golden_vectors(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    got = srm.score_week(inp["week"], inp["options"])
    for k in ("hits", "counted_items", "ali"):
        assert got[k] == exp[k], k
    if exp["score"] is None:
        assert got["score"] is None
    else:
        assert got["score"] == pytest.approx(exp["score"], abs=1e-9)
    by_item = {i["item"]: i for i in got["items"]}
    for name, want in exp.get("items", {}).items():
        item = by_item[name]
        if "habitual" in want:
            assert item["habitual"] == want["habitual"]
        if "hits" in want:
            assert item["hits"] == want["hits"]
    # The batch path gives the same totals for the same week (when the form is SRM-5).
    if inp["week"]["form"]["type"] == "srm_5":
        arr = np.full((1, 7, 5), np.nan)
        for i, name in enumerate(ITEMS5):
            for d, cell in enumerate(inp["week"]["items"].get(name, [])):
                if isinstance(cell, str) and ":" in cell:
                    h, m = cell.split(":")
                    arr[0, d, i] = int(h) * 60 + int(m)
        if all(isinstance(c, str) and (":" in c or c == "not_recorded") for v in inp["week"]["items"].values() for c in v):
            b = srm.score_batch(arr, options=inp["options"])
            assert b.hits[0] == exp["hits"] and b.counted_items[0] == exp["counted_items"] and b.ali[0] == exp["ali"]


def _week_dict(arr: np.ndarray[Any, Any]) -> dict[str, Any]:
    items = {}
    for i, name in enumerate(ITEMS5):
        items[name] = ["not_recorded" if math.isnan(v) else _hm(v) for v in arr[:, i]]
    return {"form": {"type": "srm_5"}, "start": "2026-01-05", "items": items}


week_arrays = st.lists(
    st.one_of(st.just(float("nan")), st.integers(0, 1439).map(float)), min_size=35, max_size=35
).map(lambda xs: np.array(xs, dtype=np.float64).reshape(7, 5))


@settings(max_examples=150, deadline=None)
@given(weeks=st.lists(week_arrays, min_size=1, max_size=6), window=st.integers(0, 120))
def test_batch_equals_single_week(weeks: list[np.ndarray[Any, Any]], window: int) -> None:
    arr = np.stack(weeks)
    b = srm.score_batch(arr, hit_window_min=window)
    ints = np.where(np.isnan(arr), -1, arr).astype(np.int16)
    b16 = srm.score_batch(ints, hit_window_min=window, n_threads=2)
    for w, week in enumerate(weeks):
        s = srm.score_week(_week_dict(week), hit_window_min=window)
        assert b.hits[w] == s["hits"] == b16.hits[w]
        assert b.counted_items[w] == s["counted_items"]
        assert b.ali[w] == s["ali"]
        if s["score"] is None:
            assert math.isnan(b.score[w])
        else:
            assert b.score[w] == pytest.approx(s["score"], abs=1e-12)
        for i, item in enumerate(s["items"]):
            assert b.item_hits[w, i] == item["hits"]


def test_batch_output_shapes_and_not_scorable() -> None:
    arr = np.full((3, 7, 5), np.nan)
    arr[0] = [420, 450, 540, 1110, 1380]
    b = srm.score_batch(arr)
    assert b.score.shape == (3,) and b.habitual.shape == (3, 5) and b.item_hits.dtype == np.uint8
    assert b.score[0] == 7.0 and math.isnan(b.score[1])
    assert np.all(np.isnan(b.habitual[1]))


@pytest.mark.parametrize(
    "bad, exc",
    [
        (np.full((2, 6, 5), np.nan), ipsrt.InvalidInputError),
        (np.full((2, 7, 4), np.nan), ipsrt.InvalidInputError),
        (np.full((2, 7, 5), 1440.0), ipsrt.InvalidInputError),
        (np.full((2, 7, 5), np.inf), ipsrt.InvalidInputError),
        (np.full((2, 7, 5), 7.5), ipsrt.InvalidInputError),
        (np.full((2, 7, 5), -2, dtype=np.int32), ipsrt.InvalidInputError),
        (np.full((2, 7, 5), 2**40, dtype=np.int64), ipsrt.InvalidInputError),
        (np.full((2, 35), np.nan), ipsrt.InvalidInputError),
        (np.array(["07:00"]), ipsrt.InvalidInputError),
    ],
)
def test_batch_rejects_bad_arrays(bad: np.ndarray[Any, Any], exc: type[Exception]) -> None:
    with pytest.raises(exc):
        srm.score_batch(bad)


def test_batch_rejects_bad_options_and_threads() -> None:
    arr = np.full((1, 7, 5), 420.0)
    with pytest.raises(ipsrt.InvalidInputError):
        srm.score_batch(arr, hit_window_min=9999)
    with pytest.raises(ipsrt.InvalidInputError):
        srm.score_batch(arr, no_such_option=1)
    with pytest.raises(ipsrt.InvalidInputError):
        srm.score_batch(arr, n_threads=0)


def test_empty_batch_and_non_contiguous() -> None:
    assert srm.score_batch(np.zeros((0, 7, 5))).score.shape == (0,)
    arr = np.full((4, 7, 5), 420.0)[::2]
    assert list(srm.score_batch(arr).score) == [7.0, 7.0]


def test_arrow_path_matches_numpy() -> None:
    rng = np.random.default_rng(1)
    arr = rng.integers(0, 1440, size=(50, 7, 5)).astype(np.float64)
    arr[rng.random(arr.shape) < 0.2] = np.nan
    want = srm.score_batch(arr)
    flat = pa.array(arr.reshape(-1), from_pandas=True)  # NaN -> null
    got = srm.score_arrow(flat)
    np.testing.assert_array_equal(got.hits, want.hits)
    lists = pa.FixedSizeListArray.from_arrays(pa.array(np.where(np.isnan(arr), -1, arr).astype(np.int32).reshape(-1)), 35)
    got2 = srm.score_arrow(lists)
    np.testing.assert_array_equal(got2.hits, want.hits)
    np.testing.assert_array_equal(np.isnan(got2.score), np.isnan(want.score))


def _long_frame() -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for p, base in (("p1", 420), ("p2", 480)):
        for day in range(14):
            date = pd.Timestamp("2026-01-05") + pd.Timedelta(days=day)
            for i, name in enumerate(ITEMS5):
                t = base + 60 * i + (90 if (p == "p2" and day % 3 == 0) else 0)
                rows.append({"participant": p, "date": date, "item": name, "time": _hm(t)})
    frame: pd.DataFrame = pd.DataFrame(rows)
    return frame


def test_score_frame_matches_diary_scoring() -> None:
    df = _long_frame()
    out = srm.score_frame(df)
    assert list(out.columns) == ["participant", "week_start", "score", "hits", "counted_items", "ali", "days_recorded"]
    assert len(out) == 4
    for p, g in df.groupby("participant"):
        diary = srm.Diary("srm5")
        for d, it, t in zip(g["date"].tolist(), g["item"].tolist(), g["time"].tolist()):
            diary.add(pd.Timestamp(d).date(), str(it), str(t))
        scores = diary.score()
        assert pickle.loads(pickle.dumps(diary)) == diary
        mine = out[out.participant == p]
        assert [s["hits"] for s in scores] == mine.hits.tolist()


def test_score_frame_errors_name_the_row() -> None:
    df = _long_frame()
    df.loc[3, "item"] = "breakfast"
    with pytest.raises(ipsrt.IpsrtError, match="row 3"):
        srm.score_frame(df)


def test_dask_map_partitions_on_a_local_cluster() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    df = _long_frame()
    want = srm.score_frame(df)
    meta = want.iloc[:0]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            ddf = dd.from_pandas(df, npartitions=2).shuffle("participant")
            got = ddf.map_partitions(srm.score_frame, meta=meta).compute()
    got = got.sort_values(["participant", "week_start"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want.sort_values(["participant", "week_start"]).reset_index(drop=True))


def test_options_class() -> None:
    o = srm.ScoringOptions(hit_window_min=30)
    assert o.fields()["hit_window_min"] == 30
    assert srm.ScoringOptions() == srm.ScoringOptions.from_dict(srm.ScoringOptions().to_dict())
    assert srm.ScoringOptions().is_standard_srm
    assert srm.default_options() == srm.ScoringOptions().fields()
