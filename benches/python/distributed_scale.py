"""score_spark (mapInArrow against applyInPandas) and score_dask, side by side in one run
(docs/python.md, "Spark and Dask"):

    python benches/python/distributed_scale.py FILE.csv [reps]

FILE is a long-format CSV (benches/python/long_scale.py writes them). Spark runs in local mode
(``local[2]``), Dask on a distributed LocalCluster (2 workers × 1 thread); each method is timed
end to end (read the CSV, score, collect the result), alternating, best of ``reps``. The
results are checked to be equal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import dask.dataframe as dd
import distributed
from pyspark.sql import SparkSession

from ipsrt import srm


def main(path: str, reps: int) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    best = {"spark mapInArrow": float("inf"), "spark applyInPandas": float("inf"), "dask": float("inf")}
    sizes = {}
    for _ in range(reps):
        for method in ("arrow", "pandas"):
            t0 = time.perf_counter()
            sdf = spark.read.csv(path, header=True)
            out = srm.score_spark(sdf, method=method).toPandas()  # type: ignore[arg-type]
            key = "spark mapInArrow" if method == "arrow" else "spark applyInPandas"
            best[key] = min(best[key], time.perf_counter() - t0)
            sizes[key] = len(out)
        t0 = time.perf_counter()
        ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize="32MB")
        out = srm.score_dask(ddf).compute()
        best["dask"] = min(best["dask"], time.perf_counter() - t0)
        sizes["dask"] = len(out)
    assert len(set(sizes.values())) == 1, sizes
    for k, v in best.items():
        print(f"{k:22s} {v:7.2f} s  ({sizes[k]:,} participant-weeks)")
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    client.close()
    cluster.close()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
