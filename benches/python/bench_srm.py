"""SRM-5 batch scoring throughput from Python (pytest-benchmark; run explicitly):

    pip install 'ipsrt[bench]'   # or the wheel built by scripts/test-python.sh (use a --release wheel)
    pytest benches/python --benchmark-only --benchmark-min-rounds=5

Compares ipsrt.srm.score_batch with a plain pandas/NumPy implementation of the same algorithm,
written the way a researcher would (groupby + apply per week and item). The pandas version
lives here only as a baseline; it is not part of the package.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from ipsrt import srm

WEEKS = 100_000
PANDAS_WEEKS = 200


def _data(weeks: int, seed: int = 7) -> np.ndarray[Any, Any]:
    rng = np.random.default_rng(seed)
    base = np.array([420, 450, 540, 1110, 1380], dtype=np.float64)
    arr = base + rng.normal(0, 40, size=(weeks, 7, 5))
    arr = np.mod(np.round(arr), 1440)
    arr[rng.random(arr.shape) < 0.15] = np.nan
    return arr


def _pandas_item(values: pd.Series) -> tuple[int, bool]:  # type: ignore[type-arg]
    """One item-week the way a researcher writes it: circular mean, unwrap, trim, hits."""
    v = values.dropna().to_numpy()
    if len(v) < 3:
        return 0, False
    ang = v / 1440 * 2 * math.pi
    centre = math.atan2(np.sin(ang).mean(), np.cos(ang).mean()) / (2 * math.pi) * 1440
    unwrapped = centre + ((v - centre + 720) % 1440 - 720)
    mean, sd = unwrapped.mean(), unwrapped.std(ddof=1)
    kept = unwrapped[np.abs(unwrapped - mean) <= 1.5 * sd] if sd > 0 else unwrapped
    habitual = kept.mean()
    hits = int((np.abs(kept - habitual) <= 45).sum())  # only kept values can be hits (docs/srm.md#scoring)
    return hits, True


def pandas_score(arr: np.ndarray[Any, Any]) -> pd.Series:  # type: ignore[type-arg]
    weeks, days, items = arr.shape
    df = pd.DataFrame(
        {
            "week": np.repeat(np.arange(weeks), days * items),
            "item": np.tile(np.arange(items), weeks * days),
            "time": arr.reshape(-1),
        }
    )
    per_item = df.groupby(["week", "item"])["time"].apply(_pandas_item)
    hits = per_item.map(lambda t: t[0]).groupby(level=0).sum()
    counted = per_item.map(lambda t: int(t[1])).groupby(level=0).sum()
    return (hits / counted.replace(0, np.nan)).rename("score")


@pytest.fixture(scope="module")
def data() -> np.ndarray[Any, Any]:
    return _data(WEEKS)


def _as_i16(arr: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The same weeks as int16 minutes with -1 for "none" (the layout of the Rust criterion bench)."""
    return np.where(np.isnan(arr), -1, arr).astype(np.int16)


@pytest.fixture(scope="module")
def data_i16(data: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return _as_i16(data)


@pytest.mark.parametrize("n_threads", [1, None], ids=["1_thread", "all_threads"])
@pytest.mark.parametrize("dtype", ["i16", "f64"])
def test_score_batch(benchmark: Any, request: pytest.FixtureRequest, dtype: str, n_threads: int | None) -> None:
    arr = request.getfixturevalue("data_i16" if dtype == "i16" else "data")
    out = benchmark(srm.score_batch, arr, n_threads=n_threads)
    benchmark.extra_info["weeks_per_s"] = WEEKS / benchmark.stats.stats.min
    assert out.score.shape == (WEEKS,)


def test_pandas_researcher_baseline(benchmark: Any) -> None:
    small = _data(PANDAS_WEEKS)
    out = benchmark.pedantic(pandas_score, args=(small,), rounds=3, iterations=1)
    benchmark.extra_info["weeks_per_s"] = PANDAS_WEEKS / benchmark.stats.stats.min
    ours = srm.score_batch(small)
    agree = np.isclose(out.to_numpy(), ours.score, equal_nan=True).mean()
    benchmark.extra_info["agreement_with_ipsrt"] = float(agree)
    # Same algorithm, float comparisons: only exact ties (rare with this jitter) may differ.
    assert agree >= 0.99, f"the pandas baseline agrees with ipsrt on only {agree:.1%} of weeks"
