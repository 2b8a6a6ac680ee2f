"""Long-format scoring side by side, in one run (docs/benchmarks.md, "Long format at file speed").

    POLARS_MAX_THREADS=1 python benches/python/long_scale.py --cli target/release/ipsrt \\
        --rows 300000,1000000,3000000 --reps 3 --svg docs/img/long-format-throughput.svg

For each size it writes one deterministic long-format CSV (participant, date, item, time,
people, mood; 28 days of SRM-5 per participant, 8 % "not done", half the rows with a People
code, a mood on the first item of each day) and then, alternating in every repetition:

* ``polars.read_csv`` of the file on one thread (``POLARS_MAX_THREADS=1``: the reference);
* ``ipsrt srm score FILE -o OUT`` (the CLI, a subprocess, wall clock);
* ``ipsrt.srm.score_frame`` on the same rows already in memory as a pandas, a polars and a
  pyarrow table (``n_threads=1``);
* the batch kernel alone: ``score_batch`` on ``long_weeks``' array (``n_threads=1``).

It prints the best time of each, the ratios CLI / polars read and score_frame / CLI, the
extra peak memory of ``score_frame`` (VmHWM after resetting it, minus the RSS before the call)
against the input table's size, and ``uptime``; ``--svg`` writes a chart of throughput (rows
per second) against input size. Needs numpy, pandas, pyarrow, polars and an ipsrt wheel.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402

from ipsrt import srm  # noqa: E402

ITEMS = ["out_of_bed", "first_contact", "start_work", "dinner", "to_bed"]
HABIT = [420, 480, 540, 1110, 1380]


def write_file(rows: int, path: Path) -> int:
    rnd = random.Random(7)
    base = datetime.date(2026, 1, 5)
    dates = [(base + datetime.timedelta(d)).isoformat() for d in range(28)]
    n, p = 0, 0
    with path.open("w") as f:
        f.write("participant,date,item,time,people,mood\n")
        while n < rows:
            shift = rnd.randint(-60, 60)
            for d in dates:
                mood = rnd.randint(-5, 5)
                for i, item in enumerate(ITEMS):
                    if rnd.random() < 0.08:
                        t = ""
                    else:
                        m = (HABIT[i] + shift + rnd.randint(-60, 60)) % 1440
                        t = f"{m // 60:02d}:{m % 60:02d}"
                    people = rnd.randint(0, 3) if rnd.random() < 0.5 else ""
                    f.write(f"P{p:07d},{d},{item},{t},{people},{mood if i == 0 else ''}\n")
                    n += 1
            p += 1
    return n


def best(fn: Callable[[], Any], reps: int) -> float:
    out = float("inf")
    for _ in range(reps):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def vm(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


def extra_peak(fn: Callable[[], Any]) -> int:
    """Bytes the call adds at its peak: VmHWM (reset first) minus the RSS before the call."""
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    before = vm("VmRSS")
    result = fn()
    peak = vm("VmHWM")
    del result
    return max(0, peak - before)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--rows", default="300000,1000000,3000000")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--svg")
    ap.add_argument("--json")
    ap.add_argument("--chart-only", help="redraw --svg from a --json file written by an earlier run")
    args = ap.parse_args()
    if args.chart_only:
        Path(args.svg).write_text(svg(json.loads(Path(args.chart_only).read_text())))
        return
    results: list[dict[str, Any]] = []
    tmp = Path(tempfile.mkdtemp(prefix="ipsrt-long-"))
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    print(f"polars threads: {pl.thread_pool_size()}, kernel: {srm.batch_kernel()}")
    for rows in (int(r) for r in args.rows.split(",")):
        path = tmp / f"long_{rows}.csv"
        rows = write_file(rows, path)
        out = tmp / "out.csv"
        df_pl = pl.read_csv(path)
        df_pd = pd.read_csv(path, dtype={"participant": str, "date": str, "item": str, "time": str}, keep_default_na=False, na_values={"people": [""], "mood": [""]})
        df_pa = df_pl.to_arrow()
        weeks = srm.long_weeks(df_pa)["times"]
        times: dict[str, float] = {k: float("inf") for k in ("polars_read", "cli", "pandas", "polars", "pyarrow", "kernel")}
        for _ in range(args.reps):  # alternating, one of each per repetition
            times["polars_read"] = min(times["polars_read"], best(lambda: pl.read_csv(path), 1))
            times["cli"] = min(times["cli"], best(lambda: subprocess.run([args.cli, "srm", "score", str(path), "-o", str(out), "--progress", "never"], check=True, capture_output=True), 1))
            times["pandas"] = min(times["pandas"], best(lambda: srm.score_frame(df_pd, n_threads=1), 1))
            times["polars"] = min(times["polars"], best(lambda: srm.score_frame(df_pl, n_threads=1), 1))
            times["pyarrow"] = min(times["pyarrow"], best(lambda: srm.score_frame(df_pa, n_threads=1), 1))
            times["kernel"] = min(times["kernel"], best(lambda: srm.score_batch(weeks, n_threads=1, per_item=False), 1))
        size = {
            "pandas": int(df_pd.memory_usage(deep=True).sum()),
            "polars": int(df_pl.estimated_size()),
            "pyarrow": int(df_pa.nbytes),
        }
        peak = {
            "pandas": extra_peak(lambda: srm.score_frame(df_pd, n_threads=1)),
            "polars": extra_peak(lambda: srm.score_frame(df_pl, n_threads=1)),
            "pyarrow": extra_peak(lambda: srm.score_frame(df_pa, n_threads=1)),
        }
        # The CLI's result equals score_frame's (same weeks, same scores).
        cli_out = pd.read_csv(out)
        mine = srm.score_frame(df_pl, n_threads=1)
        assert len(cli_out) == len(mine) and np.allclose(cli_out["score"].to_numpy(), mine["score"].to_numpy(), equal_nan=True)
        r = {"rows": rows, "bytes": path.stat().st_size, "weeks": int(weeks.shape[0]), "seconds": times, "input_bytes": size, "extra_peak_bytes": peak}
        results.append(r)
        print(f"\n{rows:,} rows ({path.stat().st_size / 1e6:.0f} MB, {weeks.shape[0]:,} participant-weeks), best of {args.reps}:")
        for k, v in times.items():
            print(f"  {k:12s} {v:8.3f} s  {rows / v / 1e6:6.2f} M rows/s")
        print(f"  CLI / polars read: {times['cli'] / times['polars_read']:.2f}")
        for k in ("pandas", "polars", "pyarrow"):
            print(
                f"  score_frame({k}) / CLI: {times[k] / times['cli']:.2f}; extra peak {peak[k] / 1e6:.0f} MB"
                f" = {peak[k] / size[k]:.2f} x the {size[k] / 1e6:.0f} MB input table"
            )
    print(f"\nuptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    if args.svg:
        Path(args.svg).write_text(svg(results))
        print(f"chart: {args.svg}")


def svg(results: list[dict[str, Any]]) -> str:
    """Throughput (M rows/s) against rows, log x axis, one line per tool."""
    import math

    w, h, left, bottom, top, right = 640, 360, 60, 50, 30, 170
    series = [
        ("kernel", "batch kernel (score_batch)", "#1b9e77"),
        ("pyarrow", "score_frame (pyarrow)", "#d95f02"),
        ("polars", "score_frame (polars)", "#7570b3"),
        ("pandas", "score_frame (pandas)", "#e7298a"),
        ("cli", "ipsrt srm score (CLI, file)", "#66a61e"),
        ("polars_read", "polars.read_csv (1 thread)", "#666666"),
    ]
    xs = [r["rows"] for r in results]
    ys = [r["rows"] / r["seconds"][k] / 1e6 for r in results for k, _, _ in series]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    # Log scale on both axes: the kernel alone is hundreds of times faster than reading text.
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    px = lambda x: left + (math.log10(x) - x0) / (x1 - x0) * (w - left - right)  # noqa: E731
    py = lambda y: h - bottom - (math.log10(y) - y0) / (y1 - y0) * (h - bottom - top)  # noqa: E731
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
        f'<text x="{left}" y="18" font-size="13">Long-format SRM scoring: throughput against input size (one thread)</text>',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="black"/>',
        f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">rows in the input (log scale)</text>',
        f'<text x="14" y="{(top + h - bottom) / 2}" transform="rotate(-90 14 {(top + h - bottom) / 2})" text-anchor="middle">M rows / s (log scale)</text>',
    ]
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{h - bottom + 15}" text-anchor="middle">{x / 1e6:.1f} M</text>')
    for e in range(y0, y1 + 1):
        y = 10.0**e
        out.append(f'<line x1="{left - 4}" y1="{py(y):.1f}" x2="{w - right}" y2="{py(y):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:g}</text>')
    for n, (k, label, color) in enumerate(series):
        pts = " ".join(f"{px(r['rows']):.1f},{py(r['rows'] / r['seconds'][k] / 1e6):.1f}" for r in results)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        for r in results:
            out.append(f'<circle cx="{px(r["rows"]):.1f}" cy="{py(r["rows"] / r["seconds"][k] / 1e6):.1f}" r="3" fill="{color}"/>')
        ly = top + 14 * n
        out.append(f'<line x1="{w - right + 10}" y1="{ly}" x2="{w - right + 28}" y2="{ly}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 32}" y="{ly + 4}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
