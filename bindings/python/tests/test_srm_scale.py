"""Long-format scoring at scale: ``score_frame`` from pandas, polars and pyarrow, ``long_weeks``,
``score_dask`` on a distributed LocalCluster and ``score_spark`` on Spark in local mode, each
checked against the CSV that ``ipsrt srm score`` writes for the same file
(test-vectors/srm/long/, checked on the CLI side by crates/ipsrt-cli/tests/srm_long_vector.rs).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import ipsrt
from ipsrt import srm

from .conftest import VECTORS

LONG = VECTORS / "srm" / "long"
COLUMNS = ["participant", "week_start", "score", "hits", "counted_items", "ali", "days_recorded"]


def _diaries() -> pd.DataFrame:
    # As text, the way the CLI reads the file (an empty field is an empty string).
    frame: pd.DataFrame = pd.read_csv(LONG / "diaries.csv", dtype=str, keep_default_na=False)
    return frame


def _expected() -> list[tuple[Any, ...]]:
    """The CLI's rows: (participant, week_start, score or None, hits, counted, ali, days)."""
    rows = []
    for line in (LONG / "expected.csv").read_text().splitlines()[1:]:
        p, start, score, *ints = line.split(",")
        rows.append((p, start, float(score) if score else None, *map(int, ints)))
    return rows


def _rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A result as the CLI's rows, sorted like the CLI (participants in file order, which
    here is sorted)."""
    out = []
    records: list[dict[Any, Any]] = frame.to_dict("records")
    for r in records:
        s = r["score"]
        score = None if (s is None or (isinstance(s, float) and math.isnan(s))) else float(s)
        start = pd.Timestamp(r["week_start"]).date().isoformat()
        ints = tuple(int(r[k]) for k in ("hits", "counted_items", "ali", "days_recorded"))
        out.append((str(r["participant"]), start, score, *ints))
    return sorted(out)


def test_score_frame_from_pandas_polars_and_pyarrow_equals_the_cli() -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    df = _diaries()
    want = _expected()
    got = srm.score_frame(df)
    assert list(got.columns) == COLUMNS
    assert _rows(got) == want
    assert str(got["week_start"].dtype) == "datetime64[ns]"
    # Typed columns (dates, integers with nulls) read as the text does.
    typed = pd.read_csv(LONG / "diaries.csv", parse_dates=["date"], keep_default_na=True)
    assert _rows(srm.score_frame(typed)) == want
    for other in (pa.Table.from_pandas(df), pl.read_csv(LONG / "diaries.csv"), pl.read_csv(LONG / "diaries.csv", infer_schema=False)):
        assert _rows(srm.score_frame(other)) == want
    arrow = srm.score_frame(pl.read_csv(LONG / "diaries.csv"), output="arrow")
    assert arrow.schema.field("week_start").type == pa.date32()
    assert _rows(srm.score_frame(df, output="polars").to_pandas()) == want
    # Rows in any order: the same weeks (participants in first-appearance order).
    shuffled = df.iloc[np.random.default_rng(5).permutation(len(df))].reset_index(drop=True)
    assert _rows(srm.score_frame(shuffled)) == want
    # A categorical (dictionary) participant column.
    assert _rows(srm.score_frame(df.astype({"participant": "category"}))) == want


def test_long_weeks_gives_score_batch_the_same_windows() -> None:
    df = _diaries()
    weeks = srm.long_weeks(df)
    times = weeks["times"]
    assert times.shape == (len(_expected()), 7, 5) and times.dtype == np.int16
    scores = srm.score_batch(times, n_threads=1, per_item=False)
    frame = pd.DataFrame(
        {
            "participant": weeks["participant"],
            "week_start": weeks["week_start"],
            "score": scores.score,
            "hits": scores.hits,
            "counted_items": scores.counted_items,
            "ali": scores.ali,
            "days_recorded": weeks["days_recorded"],
        }
    )
    assert _rows(frame) == _expected()
    rolling = srm.long_weeks(df, windows="rolling")
    assert len(rolling["participant"]) == len(srm.score_frame(df, windows="rolling"))


def test_score_frame_errors_are_the_cores_with_the_line() -> None:
    df = _diaries()
    df.loc[7, "time"] = "25:00"
    with pytest.raises(ipsrt.InvalidInputError, match="^line 9, field time: "):
        srm.score_frame(df)
    with pytest.raises(ipsrt.InvalidInputError, match="output"):
        srm.score_frame(_diaries(), output="excel")  # type: ignore[arg-type]
    pa = pytest.importorskip("pyarrow")
    nested = pa.table({"participant": ["a"], "date": ["2026-01-05"], "item": [["to_bed"]], "time": ["23:00"]})
    with pytest.raises(ipsrt.InvalidInputError, match='column "item" has Arrow type'):
        srm.score_frame(nested)


def test_score_dask_on_a_local_cluster_equals_the_cli() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            ddf = dd.from_pandas(_diaries(), npartitions=3)
            got = srm.score_dask(ddf).compute()
    assert list(got.columns) == COLUMNS
    assert _rows(got) == _expected()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One Spark session for the module (local mode, 2 cores)."""
    sql = pytest.importorskip("pyspark.sql")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("ipsrt-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.mark.parametrize("method", ["arrow", "pandas"])
def test_score_spark_equals_the_cli(spark: Any, method: str) -> None:
    sdf = spark.read.csv(str(LONG / "diaries.csv"), header=True).repartition(3)
    out = srm.score_spark(sdf, method=method)  # type: ignore[arg-type]
    assert out.columns == COLUMNS
    got = out.toPandas()
    assert _rows(got) == _expected()
    # Options reach the executors.
    assert len(srm.score_spark(sdf, method=method, windows="rolling").collect()) == len(srm.score_frame(_diaries(), windows="rolling"))  # type: ignore[arg-type]
