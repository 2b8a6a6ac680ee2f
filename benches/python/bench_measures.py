"""Measures at scale: a file of answer sets through ``ipsrt measure score --input answers.csv``
(rows/s, the file path), and ``ipsrt.measures.score_measures(columns=True)`` from Python
(pytest-benchmark; run explicitly):

    cargo build --release -p ipsrt-cli
    IPSRT_BIN=target/release/ipsrt pytest benches/python/bench_measures.py --benchmark-only

Each benchmark records ``rows_per_s`` in its ``extra_info`` (shown with
``--benchmark-json``); docs/benchmarks.md lists the figures measured.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ipsrt import measures

ROWS = 200_000


def _answers_csv(path: Path, rows: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    with path.open("w") as f:
        f.write("id,instrument," + ",".join(f"item{i}" for i in range(1, 11)) + "\n")
        for r in range(rows):
            if r % 2:
                items = [str(rng.randint(0, 3)) for _ in range(9)] + [""]
                f.write(f"p{r},phq9," + ",".join(items) + "\n")
            else:
                items = [str(rng.randint(0, 3)) for _ in range(7)] + ["", "", ""]
                f.write(f"p{r},gad7," + ",".join(items) + "\n")


def _binary() -> str:
    exe = os.environ.get("IPSRT_BIN") or shutil.which("ipsrt")
    if not exe:
        pytest.skip("set IPSRT_BIN to the ipsrt binary (cargo build --release -p ipsrt-cli)")
    return exe


def test_score_file_rows_per_second(benchmark: Any, tmp_path: Path) -> None:
    exe = _binary()
    src = tmp_path / "answers.csv"
    out = tmp_path / "scores.csv"
    _answers_csv(src, ROWS)

    def run() -> None:
        subprocess.run([exe, "measure", "score", "--input", str(src), "-o", str(out)], check=True)

    benchmark.pedantic(run, rounds=3, iterations=1)
    benchmark.extra_info["rows"] = ROWS
    benchmark.extra_info["rows_per_s"] = ROWS / benchmark.stats.stats.mean
    assert sum(1 for _ in out.open()) == ROWS + 1


def test_score_measures_columns_rows_per_second(benchmark: Any) -> None:
    rng = random.Random(3)
    n = 50_000
    sets = [[rng.randint(0, 3) for _ in range(9)] for _ in range(n)]
    cols = benchmark.pedantic(lambda: measures.score_measures("phq9", sets, columns=True), rounds=3, iterations=1)
    benchmark.extra_info["rows"] = n
    benchmark.extra_info["rows_per_s"] = n / benchmark.stats.stats.mean
    assert len(cols["total"]) == n
