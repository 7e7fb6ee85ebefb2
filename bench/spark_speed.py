"""Spark local[2] beside native `screen-file` (2 workers) on the same rows, in one run.

A store with the bundled UN list, a generated book of N rows (with a few listed names
respelt, so there are hits), screened by `screen-file --workers 2` and by
`spark-screen --master local[2]`; both rates end to end (read, screen, write), and the
hit files compared.

    python bench/spark_speed.py --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pyarrow.parquet as pq  # type: ignore[import-untyped]

import generate_list as generated
from interdict.config import Settings
from interdict.screening.batch import BatchJob
from interdict.screening.batch_pool import active_source
from interdict.services import build_services
from interdict.spark.job import SparkJob, run_spark_screen

UN = Path(__file__).resolve().parents[1] / "data" / "lists" / "un-consolidated-2026-02-27.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        svc = build_services(Settings(database_url=f"sqlite:///{root / 's.db'}"), create=True)
        svc.import_list([UN], actor="bench")
        generated.write_book(root / "input.csv", args.rows, seed=21)
        with (root / "input.csv").open("a", encoding="utf-8", newline="") as handle:
            listed = list(svc.lists.entities(svc.lists.active_version("un-sc-consolidated").id))
            for number, entity in enumerate(listed[:: max(1, len(listed) // 50)]):
                respelt = generated.respelt(entity)
                csv.writer(handle).writerow([f"L{number}", respelt.names[0].full, "", "", ""])
        scope = svc.scope(None)
        threshold = svc.settings.alert_threshold
        started = time.perf_counter()
        job = BatchJob(root / "input.csv", root / "native.parquet", threshold, 5, workers=2)
        svc.screen_file(job, None)
        native_s = time.perf_counter() - started
        source = active_source(svc.lists, svc.settings.database_url, scope)
        started = time.perf_counter()
        spark_job = SparkJob(root / "input.csv", root / "spark-out", threshold, 5, "local[2]")
        run_spark_screen(spark_job, source, scope)
        spark_s = time.perf_counter() - started
        native = sorted(map(_key, pq.read_table(root / "native.parquet").to_pylist()))
        spark = sorted(map(_key, pq.read_table(root / "spark-out").to_pylist()))
        rows = args.rows + 50
        print("| engine | rows | seconds | rows/s |")
        print("|---|---:|---:|---:|")
        print(f"| screen-file, 2 workers | {rows:,} | {native_s:.1f} | {rows / native_s:,.0f} |")
        print(f"| spark-screen, local[2] | {rows:,} | {spark_s:.1f} | {rows / spark_s:,.0f} |")
        print(f"hits: {len(native):,} native, {len(spark):,} Spark, equal: {native == spark}")
        svc.close()


def _key(record: dict[str, object]) -> tuple[object, ...]:
    return tuple(record[k] for k in sorted(record))


if __name__ == "__main__":
    main()
