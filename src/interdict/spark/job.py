"""`spark-screen`: a file screened on Spark, start to end, with progress from the driver.

The snapshot is written once on the driver from the pinned list versions (or an
existing one is checked against them), the input read by Spark (CSV with a header,
or Parquet), screened (screen.py) and the hits written as Spark writes Parquet: a
folder of part files at OUTPUT, on whatever storage the cluster shares.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interdict.errors import InputError
from interdict.screening.batch_input import PARQUET_SUFFIXES
from interdict.screening.batch_pool import ScreenerSource
from interdict.screening.scope import Scope
from interdict.spark.screen import screen
from interdict.spark.session import start_session
from interdict.spark.snapshot import SnapshotInfo, read_info, write_snapshot

#: progress(tasks_done, tasks_total) of the Spark job, polled on the driver.
TaskProgress = Callable[[int, int | None], None]
POLL_S = 0.5


@dataclass(frozen=True, slots=True)
class SparkJob:
    input: Path
    output: Path
    threshold: float
    limit: int = 5
    master: str | None = None
    snapshot: Path | None = None


@dataclass(frozen=True, slots=True)
class SparkSummary:
    hits: int
    rows_with_hits: int
    seconds: float
    snapshot: SnapshotInfo


def run_spark_screen(
    job: SparkJob, source: ScreenerSource, scope: Scope, progress: TaskProgress | None = None
) -> SparkSummary:
    """Screen `job.input` on Spark against `source`'s pinned versions, as `scope`."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="interdict-snapshot-") as temporary:
        folder = job.snapshot or Path(temporary) / "snapshot"
        info = _snapshot(folder, source)
        spark = start_session(job.master)
        hits = screen(
            _read(spark, job.input), folder, threshold=job.threshold, limit=job.limit, scope=scope
        )
        with _watching(spark, progress):
            hits.write.mode("overwrite").parquet(str(job.output))
        written = spark.read.parquet(str(job.output))
        count, rows = written.count(), written.select("row_number").distinct().count()
    return SparkSummary(count, rows, time.monotonic() - started, info)


def _snapshot(folder: Path, source: ScreenerSource) -> SnapshotInfo:
    """An existing snapshot of exactly the pinned versions, or a new one written."""
    if (folder / "snapshot.json").exists():
        info = read_info(folder)
        if info.versions != dict(source.versions):
            raise InputError(
                f"{folder}: snapshot of {info.versions}, but the active versions are "
                f"{dict(source.versions)}: remove it to write a new one"
            )
        return info
    return write_snapshot(source.build(), folder)


def _read(spark: Any, path: Path) -> Any:
    if not path.exists():
        raise InputError(f"{path}: no such input file")
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return spark.read.parquet(str(path))
    df = spark.read.option("header", True).option("encoding", "UTF-8").csv(str(path))
    return df.toDF(*[c.lstrip("\ufeff") for c in df.columns])  # a spreadsheet's BOM


class _watching:
    """Reports the tasks of the running Spark jobs while the block runs."""

    def __init__(self, spark: Any, progress: TaskProgress | None) -> None:
        self._tracker = spark.sparkContext.statusTracker()
        self._progress = progress
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> None:
        if self._progress is not None:
            self._thread.start()

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _poll(self) -> None:
        assert self._progress is not None
        while not self._stop.wait(POLL_S):
            stages: Mapping[int, Any] = {
                s: self._tracker.getStageInfo(s) for s in self._tracker.getActiveStageIds()
            }
            found = [info for info in stages.values() if info is not None]
            if found:
                self._progress(
                    sum(i.numCompletedTasks for i in found), sum(i.numTasks for i in found)
                )
