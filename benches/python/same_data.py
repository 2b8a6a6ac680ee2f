"""Python against Rust on identical weeks (docs/python.md, "Against Rust"); run explicitly:

    python benches/python/same_data.py /tmp/srm5_bench_i16.bin
    cargo run --release -p ipsrt-benches --example srm_same_data -- /tmp/srm5_bench_i16.bin 50

Writes the benchmark's 100 000 SRM-5 weeks (bench_srm._data, int16 with -1 for none) to the file
and prints the best of 50 single-thread ``score_batch`` calls on them. The Rust example scores the
same file with and without the per-item outputs that the Python call always fills.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_srm import WEEKS, _as_i16, _data  # noqa: E402

from ipsrt import srm  # noqa: E402


def main(path: str) -> None:
    d16 = _as_i16(_data(WEEKS))
    d16.astype("<i2").tofile(path)
    best = float("inf")
    for _ in range(50):
        t0 = time.perf_counter()
        srm.score_batch(d16, n_threads=1)
        best = min(best, time.perf_counter() - t0)
    print(f"python score_batch, {WEEKS} SRM-5 weeks, int16, n_threads=1: best of 50 {best * 1e3:.3f} ms ({WEEKS / best / 1e6:.2f} M weeks/s)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/srm5_bench_i16.bin")
