"""SRM from Python: the shared golden vectors, batch == single week, Arrow, the long format, Dask."""

from __future__ import annotations

import datetime
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

# Scoring cases (the regularity file is tested below).
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
        assert b.item_hits is not None
        for i, item in enumerate(s["items"]):
            assert b.item_hits[w, i] == item["hits"]


def test_batch_output_shapes_and_not_scorable() -> None:
    arr = np.full((3, 7, 5), np.nan)
    arr[0] = [420, 450, 540, 1110, 1380]
    b = srm.score_batch(arr)
    assert b.habitual is not None and b.item_hits is not None
    assert b.score.shape == (3,) and b.habitual.shape == (3, 5) and b.item_hits.dtype == np.uint8
    assert b.score[0] == 7.0 and math.isnan(b.score[1])
    assert np.all(np.isnan(b.habitual[1]))


def test_batch_without_per_item_outputs_and_with_either_kernel() -> None:
    # 37 weeks: the last group of 8 or 16 weeks side by side is partial.
    rng = np.random.default_rng(7)
    arr = rng.integers(-1, 1440, size=(37, 7, 5)).astype(np.int16)
    arr[:, :, 0] = (420 + rng.integers(-60, 61, size=(37, 7))).astype(np.int16)
    full = srm.score_batch(arr)
    weekly = srm.score_batch(arr, per_item=False)
    assert weekly.habitual is None and weekly.item_hits is None
    for name in ("score", "hits", "counted_items", "ali"):
        np.testing.assert_array_equal(getattr(weekly, name), getattr(full, name))
    base = srm.score_batch(arr, simd="baseline")
    assert base.habitual is not None and full.habitual is not None
    assert base.item_hits is not None and full.item_hits is not None
    # Bit-identical, NaN in the same places.
    assert base.score.tobytes() == full.score.tobytes()
    assert base.habitual.tobytes() == full.habitual.tobytes()
    np.testing.assert_array_equal(base.item_hits, full.item_hits)
    np.testing.assert_array_equal(base.hits, full.hits)
    assert srm.batch_kernel("baseline") == "baseline-8"
    assert srm.batch_kernel() in ("baseline-8", "avx2-16")
    with pytest.raises(ipsrt.InvalidInputError, match="use \"auto\""):
        srm.score_batch(arr, simd="fast")  # type: ignore[arg-type]
    with pytest.raises(ipsrt.InvalidInputError, match="simd is \"fast\""):
        srm.batch_kernel("fast")  # type: ignore[arg-type]


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


def test_score_frame_errors_name_the_line_and_field_like_the_cli() -> None:
    # The core's long-format rules: positional row i is line i + 2 (df.to_csv(index=False)).
    for col, value, kind, field in [
        ("item", "breakfast", ipsrt.InvalidInputError, "item"),
        ("item", "7", ipsrt.InvalidInputError, "item"),  # SRM-17 item 7 is not on the SRM-5 form
        ("time", "24:00", ipsrt.InvalidInputError, "time"),
        ("time", 1500, ipsrt.InvalidInputError, "time"),
        ("date", "2026-13-01", ipsrt.InvalidInputError, "date"),
        ("participant", " ", ipsrt.InvalidInputError, "participant"),
    ]:
        df = _long_frame().astype({"date": object, "time": object})
        df.loc[3, col] = value
        with pytest.raises(kind, match=f"^line 5, field {field}:"):
            srm.score_frame(df)


def test_score_frame_reads_every_chunk_and_groups_padded_ids() -> None:
    df = _long_frame()
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    want = srm.score_frame(df, output="arrow").to_pylist()
    # Some ids padded (read trimmed: the same participant), the table in many small chunks
    # (each column is read chunk by chunk in Rust).
    padded = df.copy()
    pad = np.arange(len(padded)) % 7 == 0
    padded.loc[pad, "participant"] = " " + padded.loc[pad, "participant"] + " "
    table = pa.Table.from_pandas(padded, preserve_index=False)
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=13))
    assert chunked.column("participant").num_chunks > 5
    assert srm.score_frame(chunked, output="arrow").to_pylist() == want
    # p1's rows split around p2's (only trimming makes " p1 " and "p1" one id): regrouped,
    # participants in first-appearance order, and an error names the row's own line.
    back = pd.concat([padded.iloc[:35], padded.iloc[70:], padded.iloc[35:70]]).reset_index(drop=True)
    back_table = pa.Table.from_batches(pa.Table.from_pandas(back, preserve_index=False).to_batches(max_chunksize=13))
    assert srm.score_frame(back_table, output="arrow").to_pylist() == want
    back.loc[len(back) - 1, "time"] = "25:00"
    with pytest.raises(ipsrt.InvalidInputError, match=f"^line {len(back) + 1}, field time:"):
        srm.score_frame(back)


def test_score_frame_accepts_unsorted_participants_people_and_mood() -> None:
    df = _long_frame()
    df["people"] = [i % 4 for i in range(len(df))]
    df["mood"] = [float("nan") if i % 5 else (i % 11) - 5 for i in range(len(df))]
    rng = np.random.default_rng(3)
    shuffled = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    got = srm.score_frame(shuffled)
    want = srm.score_frame(df)
    # Participants in first-appearance order; scores do not depend on row order.
    first = list(dict.fromkeys(shuffled["participant"]))
    assert list(dict.fromkeys(got["participant"])) == first
    key = ["participant", "week_start"]
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True), want.sort_values(key).reset_index(drop=True)
    )
    # Bad People code / mood are the core's errors, with line and field.
    bad = df.copy()
    bad.loc[0, "people"] = 4
    with pytest.raises(ipsrt.InvalidInputError, match="^line 2, field people:"):
        srm.score_frame(bad)
    bad = df.astype({"mood": object})
    bad.loc[1, "mood"] = 6
    with pytest.raises(ipsrt.InvalidInputError, match="^line 3, field mood:"):
        srm.score_frame(bad)


def test_score_frame_item_numbers_and_empty_time() -> None:
    # SRM-17 item numbers, empty time = not done (as an empty CSV field).
    cells: list[tuple[str, int, str | None]] = [
        (f"2026-01-{5 + day:02d}", number, t) for day in range(7) for number, t in ((1, "07:00"), (17, "23:00"), (8, None))
    ]
    df = pd.DataFrame([{"participant": "a", "date": d, "item": n, "time": t} for d, n, t in cells])
    out = srm.score_frame(df, form="srm17")
    diary = srm.Diary("srm17")
    for d, n, t in cells:
        diary.add(d, srm.item_info(n)["id"], t if t else "not_done")
    want = diary.score()
    assert out.hits.tolist() == [w["hits"] for w in want]
    assert out.ali.tolist() == [w["ali"] for w in want]


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


# --- Parity (issue 6): items, forms, entries, weeks, options, regularity --------------------

REGULARITY = [c for i, c in vector_cases("srm") if i.startswith("regularity:")]


@pytest.mark.parametrize("case", REGULARITY, ids=[c["name"] for c in REGULARITY])
def test_regularity_vectors(case: dict[str, Any]) -> None:
    per_day = case["input"]["epochs_per_day"]
    awake = [float(v) for v in case["input"]["awake"]]
    exp = case["expected"]
    iss = srm.interdaily_stability(awake, per_day)
    iv = srm.intradaily_variability(np.asarray(awake))
    sri = srm.sleep_regularity_index([v == 0.0 for v in awake], per_day)
    assert iss == pytest.approx(exp["interdaily_stability"], abs=exp["tolerance"])
    assert iv == pytest.approx(exp["intradaily_variability"], abs=exp["tolerance"])
    assert sri is not None
    assert sri["value"] == pytest.approx(exp["sri"], abs=exp["sri_tolerance"])
    # Unknown epochs (None/NaN) are skipped, not zero.
    assert srm.interdaily_stability([None] * per_day, per_day) is None
    assert srm.sleep_regularity_index([None] * 48, 24) is None


def test_time_in_bed_regularity_reproduces_the_synthetic_week() -> None:
    # As the Rust test: bed 23:00 / up 07:00, except day 3 (bed 01:00 on diary day 2, up 09:00).
    prev = srm.Week(datetime.date(2025, 12, 28))
    prev.set("to_bed", 6, "23:00")
    w0 = srm.Week(datetime.date(2026, 1, 4), "srm5")
    for d in range(7):
        w0.set("out_of_bed", d, "09:00" if d == 3 else "07:00")
        w0.set("to_bed", d, "01:00" if d == 2 else datetime.time(23, 0))
    r = srm.time_in_bed_regularity([prev, w0])
    assert r is not None and r["measures"] == "time_in_bed"
    assert r["interdaily_stability"] is None
    assert r["sri"] is not None and r["sri"]["valid_pairs"] >= 6 * 24 - 24
    hourly = srm.hourly_in_bed([prev, w0])
    assert len(hourly) == 14 * 24
    assert hourly[7 * 24 + 3] is True and hourly[7 * 24 + 12] is False


def test_week_class_round_trips_and_scores_like_the_dict_path() -> None:
    case = GOLDEN[0][1]
    week = srm.Week.from_dict(case["input"]["week"])
    assert week.to_dict() == srm.Week.from_json(week.to_json()).to_dict()
    assert pickle.loads(pickle.dumps(week)) == week
    assert srm.score_week(week, case["input"]["options"]) == srm.score_week(case["input"]["week"], case["input"]["options"])
    got = week.score(case["input"]["options"])
    assert got["hits"] == case["expected"]["hits"]
    first = got["items"][0]["item"]
    assert week.item_score(first, case["input"]["options"]) == got["items"][0]
    assert len(week.dates) == 7 and week.dates[0] == week.start
    assert week.form.kind == case["input"]["week"]["form"]["type"]


def test_week_cells_people_mood_and_summary() -> None:
    w = srm.Week("2026-01-05")
    assert w.days_recorded == 0 and w.status("out_of_bed", 0) == "not_recorded"
    w.set("out_of_bed", 0, "07:00")
    w.set(1, 1, "07:30")  # SRM-17 number 1 = out of bed
    w.set("to_bed", 0, "not_done")
    w.set_people("out_of_bed", 0, 2)
    w.set_people("out_of_bed", 1, 0)
    w.set_mood(0, -2)
    w.set_mood(1, 3)
    w.set_late("out_of_bed", 1, True)
    assert w.minutes("out_of_bed")[:3] == [420, 450, None]
    assert w.occurrences("out_of_bed") == 2
    assert w.mood[:3] == [-2, 3, None]
    assert w.days_recorded == 2
    item = next(i for i in w.items if i["item"] == "out_of_bed")
    assert item["late"][:2] == [False, True] and item["people"][:2] == [2, 0]
    s = w.summary()
    assert s == srm.summarize(w)
    assert s["mood_days"] == 2 and s["mood_mean"] == pytest.approx(0.5)
    assert s["share_people_2_or_more"] == pytest.approx(0.5)
    before = w.to_json()
    with pytest.raises(ipsrt.InvalidInputError):
        w.set("out_of_bed", 7, "07:00")
    with pytest.raises(ipsrt.InvalidInputError):
        w.set_mood(0, 6)
    with pytest.raises(ipsrt.InvalidInputError):
        w.set_people("to_bed", 0, 4)
    with pytest.raises(ipsrt.InvalidInputError):
        w.set("breakfast", 0, "08:00")
    assert w.to_json() == before
    with pytest.raises(ipsrt.InvalidInputError):
        srm.Week.from_times("2026-01-05", [["07:00"] * 7])  # SRM-5 needs 5 rows
    ft = srm.Week.from_times("2026-01-05", [[datetime.time(7, 0)] * 7] + [[None] * 7] * 4)
    assert ft.minutes("out_of_bed") == [420] * 7 and ft.status("to_bed", 0) == "not_done"


def test_strict_scoring_raises_not_scorable_with_the_reason() -> None:
    w = srm.Week("2026-01-05")
    assert w.score()["score"] is None
    with pytest.raises(ipsrt.NotScorableError):
        w.score(strict=True)


def test_period_score_of_scored_weeks_is_score_weeks() -> None:
    weeks = [c["input"]["week"] for _, c in GOLDEN[:3] if c["input"]["week"]["form"]["type"] == "srm_5"]
    opts = GOLDEN[0][1]["input"]["options"]
    scored = [srm.score_week(w, opts) for w in weeks]
    assert srm.period_score(scored) == srm.score_weeks(weeks, opts)


def test_items_forms_and_entries() -> None:
    assert srm.item_info("out_of_bed") == {"id": "out_of_bed", "number": 1, "label": srm.item_info(1)["label"]}
    assert srm.item_info(17)["id"] == "to_bed"
    with pytest.raises(ipsrt.InvalidInputError):
        srm.item_info(18)
    f = srm.SrmForm("srm5")
    assert f.kind == "srm_5" and f.items == srm.form_items("srm5")
    extra = next(i for i in srm.form_items("srm17") if i not in f.items)
    assert f.has("to_bed") and not f.has(extra)
    assert f.position("to_bed") == f.items.index("to_bed") and f.position(extra) is None
    assert srm.SrmForm.srm17().items == srm.form_items("srm17")
    ii5 = srm.SrmForm({"type": "srm_ii_5", "targets": {"out_of_bed": "07:00"}})
    assert ii5.target("out_of_bed") == "07:00" and ii5.target("to_bed") is None
    assert pickle.loads(pickle.dumps(ii5)) == ii5
    e = srm.Entry(
        datetime.date(2026, 1, 5), "to_bed", "23:10", people=1, recorded_at=datetime.datetime(2026, 1, 7, 9, 0), zone="Europe/Amsterdam"
    )
    assert (e.is_done, e.is_recorded, e.time, e.people) == (True, True, datetime.time(23, 10), 1)
    assert e.recorded_at == (datetime.datetime(2026, 1, 7, 9, 0), "Europe/Amsterdam")
    assert e.hours_after_day_end() == 33
    assert e.is_late() and not e.is_late(48)
    assert srm.Entry("2026-01-05", "to_bed", "not_done").is_recorded
    assert not srm.Entry("2026-01-05", "to_bed", None).is_recorded
    d = srm.Diary("srm5")
    d.add_entry(e)
    assert d.entries == [e.to_dict()] and len(d.late_entries()) == 1
    d.set_mood("2026-01-05", 4)
    assert d.moods == {datetime.date(2026, 1, 5): 4}
    assert d.form.kind == "srm_5"
    assert d.week_starting(datetime.date(2026, 1, 5)).status("to_bed", 0) == "23:10"
    with pytest.raises(ipsrt.InvalidInputError):
        srm.Entry("2026-01-05", "to_bed", "23:10", recorded_at=datetime.datetime(2026, 1, 7))


def test_trim_factor_and_sources() -> None:
    t = srm.TrimFactor(1.5)
    assert t.value == 1.5 and t.ratio == (3, 2) and float(t) == 1.5
    assert srm.TrimFactor.from_thousandths(1500) == t
    assert pickle.loads(pickle.dumps(t)) == t
    assert srm.ScoringOptions().trim_factor == t
    for bad in (0.0, 10.5, 1.2345):
        with pytest.raises(ipsrt.InvalidInputError):
            srm.TrimFactor(bad)
    sources = srm.ScoringOptions.sources()
    assert len(sources) >= 5 and all(s["source"]["key"] for s in sources)


def test_unwrap_helpers() -> None:
    values, offset = srm.unwrap_layout([1430, 10, 20])
    assert [(v + offset) % 1440 for v in values] == [1430, 10, 20] and min(values) == 0
    assert [v % 1440 for v in srm.unwrap_general([1430, 10, 20])] == [1430, 10, 20]
    with pytest.raises(ipsrt.InvalidInputError):
        srm.unwrap_general([1440])


def test_diary_stream_and_parse_row_are_the_core_long_format() -> None:
    # The core's doc example (crates/ipsrt/src/srm/long_format.rs), from Python.
    stream = srm.DiaryStream(["participant", "date", "item", "time"])
    assert stream.columns == {"participant": 0, "date": 1, "item": 2, "time": 3, "people": None, "mood": None}
    assert stream.push(2, ["P1", "2026-01-05", "to_bed", "23:10"]) is None
    assert stream.push(3, ["P1", "2026-01-06", "to_bed", "00:20"]) is None
    with pytest.raises(ipsrt.InvalidInputError, match="^line 4, field time:"):
        stream.push(4, ["P1", "2026-01-07", "to_bed", "24:00"])
    done = stream.push(5, ["P2", "2026-01-05", "out_of_bed", "07:00"])
    assert done is not None
    who, diary = done
    assert who == "P1" and len(diary.entries) == 2 and isinstance(diary, srm.Diary)
    with pytest.raises(ipsrt.InvalidInputError, match="sort the file by participant"):
        stream.push(6, ["P1", "2026-01-08", "to_bed", "23:00"])
    last = stream.finish()
    assert last is not None and last[0] == "P2" and stream.finish() is None
    assert stream.participants_seen == 2
    with pytest.raises(ipsrt.InvalidInputError, match='missing column "item"'):
        srm.DiaryStream(["participant", "date", "time"])
    with pytest.raises(ipsrt.InvalidInputError, match="appears twice"):
        srm.DiaryStream(["participant", "date", "item", "time", "date"])
    row = srm.parse_long_row(["x", " time", "item ", "date", "participant", "mood"], ["?", "", "17", "2026-01-05", "A", "-3"])
    assert row["participant"] == "A" and row["mood"] == -3
    entry = row["entry"]
    assert isinstance(entry, srm.Entry) and entry.item == "to_bed" and entry.status == "not_done"
    with pytest.raises(ipsrt.InvalidInputError, match="^line 9, field people:"):
        srm.parse_long_row(["participant", "date", "item", "time", "people"], ["A", "2026-01-05", "to_bed", "", "7"], line=9)


def test_score_frame_missing_column_is_the_core_header_error() -> None:
    df = _long_frame().drop(columns=["item"])
    with pytest.raises(ipsrt.InvalidInputError, match='missing column "item"'):
        srm.score_frame(df)
    renamed = _long_frame().rename(columns={"time": "clock"})
    pd.testing.assert_frame_equal(srm.score_frame(renamed, time="clock"), srm.score_frame(_long_frame()))


def test_score_frame_numbers_in_the_time_column_need_a_unit() -> None:
    # Whole hours (7, 23) or HHMM integers (705) are refused, never read as minutes.
    base = _long_frame()
    want = srm.score_frame(base)
    for bad in (7, 23, 705, 7.5):
        df = base.astype({"time": object})
        df.loc[0, "time"] = bad
        with pytest.raises(ipsrt.InvalidInputError, match=r"^line 2, field time: .* is a number, not a clock time.*time_unit"):
            srm.score_frame(df)
    minutes = base.assign(time=[int(t[:2]) * 60 + int(t[3:]) for t in base["time"]])
    pd.testing.assert_frame_equal(srm.score_frame(minutes, time_unit="minutes"), want)
    hours = base.assign(time=[int(t[:2]) + int(t[3:]) / 60 for t in base["time"]])
    pd.testing.assert_frame_equal(srm.score_frame(hours, time_unit="hours"), want)
    with pytest.raises(ipsrt.InvalidInputError, match="field time: .* in hours"):
        srm.score_frame(base.assign(time=24), time_unit="hours")
    with pytest.raises(ipsrt.InvalidInputError, match="time_unit"):
        srm.score_frame(minutes, time_unit="seconds")  # type: ignore[arg-type]


def test_score_frame_reads_times_of_day_from_time_and_timestamp_values() -> None:
    base = _long_frame()
    want = srm.score_frame(base)
    times: list[Any] = [datetime.time(int(t[:2]), int(t[3:])) for t in base["time"]]
    as_time = base.assign(time=times)
    pd.testing.assert_frame_equal(srm.score_frame(as_time), want)
    stamps = base.assign(time=pd.to_datetime("2026-02-01 " + base["time"]))  # datetime64: the time of day counts
    pd.testing.assert_frame_equal(srm.score_frame(stamps), want)
    one_digit = base.assign(time=[t.lstrip("0") if t[0] == "0" and t[1] != ":" else t for t in base["time"]])
    pd.testing.assert_frame_equal(srm.score_frame(one_digit), want)
    with_seconds = base.astype({"time": object})
    with_seconds.loc[0, "time"] = datetime.time(7, 0, 30)
    with pytest.raises(ipsrt.InvalidInputError, match="^line 2, field time: .*seconds"):
        srm.score_frame(with_seconds)


def test_score_frame_conflicting_duplicates_and_date_formats() -> None:
    base = _long_frame()
    twice = pd.concat([base, base.iloc[[0]]], ignore_index=True)  # the same cell again counts once
    pd.testing.assert_frame_equal(srm.score_frame(twice), srm.score_frame(base))
    clash = pd.concat([base, base.iloc[[0]].assign(time="23:03")], ignore_index=True)
    with pytest.raises(ipsrt.InvalidInputError, match=r"field time: .*at line 2 .*23:03"):
        srm.score_frame(clash)
    assert len(srm.score_frame(clash, duplicates="first")) == 4
    dmy = base.assign(date=[d.strftime("%d/%m/%Y") for d in base["date"]])
    with pytest.raises(ipsrt.InvalidInputError, match="date_format"):
        srm.score_frame(dmy)
    pd.testing.assert_frame_equal(srm.score_frame(dmy, date_format="dmy"), srm.score_frame(base))
    with pytest.raises(ipsrt.InvalidInputError, match="DataFrame"):
        srm.score_frame([1, 2, 3])


def test_score_frame_reads_polars_and_pyarrow_tables_like_pandas() -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    df = _long_frame()
    df["people"] = [i % 4 for i in range(len(df))]
    df["mood"] = [None if i % 5 else (i % 11) - 5 for i in range(len(df))]
    want = srm.score_frame(df)
    for other in (pa.Table.from_pandas(df), pl.from_pandas(df), pa.Table.from_pandas(df).to_batches()[0]):
        got = srm.score_frame(other)
        pd.testing.assert_frame_equal(got, want)
    # Typed columns (dates, times, nulls = not done) read as the pandas path reads them.
    cells = [(datetime.date(2026, 1, 5 + day), "out_of_bed", datetime.time(7, 0) if day % 2 else None) for day in range(7)]
    typed = pl.DataFrame({"participant": ["a"] * 7, "date": [c[0] for c in cells], "item": [c[1] for c in cells], "time": [c[2] for c in cells]})
    as_pandas = pd.DataFrame({"participant": ["a"] * 7, "date": [c[0] for c in cells], "item": [c[1] for c in cells], "time": [c[2] for c in cells]})
    pd.testing.assert_frame_equal(srm.score_frame(typed), srm.score_frame(as_pandas))
    # Errors are the core's, with the line and field, whatever the table type.
    bad = pl.from_pandas(df.astype({"time": object})).with_columns(pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("24:00")).otherwise(pl.col("time")).alias("time"))
    with pytest.raises(ipsrt.InvalidInputError, match="^line 5, field time:"):
        srm.score_frame(bad)
    with pytest.raises(ipsrt.InvalidInputError, match='missing|participant'):
        srm.score_frame(pl.DataFrame({"date": ["2026-01-05"]}))


def test_score_frame_refuses_what_is_not_a_table() -> None:
    with pytest.raises(ipsrt.InvalidInputError, match="takes a table"):
        srm.score_frame([{"participant": "a"}])


def test_score_arrow_takes_chunked_arrays_polars_series_and_lists() -> None:
    pl = pytest.importorskip("polars")
    rng = np.random.default_rng(5)
    times = rng.integers(0, 1440, size=(6, 7, 5)).astype(np.float64)
    times[0, 2, 1] = np.nan
    want = srm.score_batch(times)
    flat = times.reshape(-1)
    per_week = times.reshape(6, 35)
    arrow_flat = pa.array(flat, from_pandas=True)
    inputs: list[Any] = [
        pa.chunked_array([arrow_flat.slice(0, 70), arrow_flat.slice(70)]),
        pl.Series("t", flat, nan_to_null=True),
        pa.array([list(w) for w in per_week], type=pa.list_(pa.float64()), from_pandas=True),
        pa.array([list(w) for w in per_week], type=pa.large_list(pa.float64()), from_pandas=True),
        pa.chunked_array([pa.array([list(w) for w in per_week], type=pa.list_(pa.float64(), 35), from_pandas=True)]),
        pl.Series("w", [list(w) for w in per_week], dtype=pl.Array(pl.Float64, 35), nan_to_null=True),
    ]
    for arr in inputs:
        got = srm.score_arrow(arr)
        np.testing.assert_array_equal(got.hits, want.hits)
        np.testing.assert_array_equal(got.score, want.score)
    with pytest.raises(ipsrt.InvalidInputError, match="list 1 has 34 values"):
        srm.score_arrow(pa.array([list(per_week[0]), list(per_week[1][:34])], type=pa.list_(pa.float64())))
    with pytest.raises(ipsrt.InvalidInputError, match="score_arrow takes Arrow data, not list"):
        srm.score_arrow([1.0, 2.0])
    with pytest.raises(ipsrt.InvalidInputError, match="Arrow type Utf8"):
        srm.score_arrow(pl.Series("s", ["07:00"] * 35))


def test_diary_correction_remove_and_read_back() -> None:
    d = srm.Diary("srm5")
    day = datetime.date(2026, 1, 5)
    d.add(day, "to_bed", "23:03")
    d.add(day, "to_bed", "18:30")
    assert d.status(day, "to_bed") == "23:03"  # the first "done" wins
    replaced = d.replace(day, "to_bed", "22:30")
    assert [e.status for e in replaced] == ["23:03", "18:30"]
    assert d.status(day, "to_bed") == "22:30"
    assert [e.status for e in d.entries_for(day, "to_bed")] == ["22:30"]
    late = srm.Entry(day, "out_of_bed", "07:00", recorded_at=datetime.datetime(2026, 1, 7, 9, 0), zone="Europe/Amsterdam")
    d.add_entry(late)
    assert d.is_late(d.entry_list()[-1])
    before = d.to_json()
    with pytest.raises(ipsrt.NotFoundError, match="nothing to correct or remove"):
        d.replace(day, "dinner", "18:00")
    with pytest.raises(ipsrt.NotFoundError):
        d.remove(day + datetime.timedelta(days=1), "to_bed")
    assert d.to_json() == before
    assert len(d.remove(day, "out_of_bed")) == 1
    d.set_mood(day, -2)
    assert d.remove_mood(day) == -2 and d.remove_mood(day) is None
    corrected = srm.Entry(day, "to_bed", "22:45", people=1)
    assert len(d.replace_entry(corrected)) == 1 and d.entry_list() == [corrected]
