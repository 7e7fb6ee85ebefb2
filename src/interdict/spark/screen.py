"""Screening a Spark DataFrame: `interdict.spark.screen(df, snapshot)` → a DataFrame of hits.

The rows (screen-file's columns: name, id, dob, nationality, type, gender, document)
are numbered in the DataFrame's order, then each partition is screened on the
executors with `mapInArrow` against a screener snapshot (snapshot.py) — shipped with
the job (SparkFiles) or read from a path every executor sees (shared storage). The
result has screen-file's hit schema, row for row the same hits. Rows without a usable
name and values left out are not reported here (screen-file's errors file); the hits'
`warnings` column still names the values left out of each screened row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interdict.errors import InputError
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.screening.batch_input import COLUMNS
from interdict.screening.batch_output import HIT_SCHEMA
from interdict.screening.scope import Scope
from interdict.spark.executor import ROW_NUMBER, screen_batches
from interdict.spark.snapshot import read_info

#: screen-file's hit schema as Spark SQL types.
_SPARK_TYPES = {"int64": "long", "string": "string", "double": "double"}
HIT_DDL = ", ".join(f"{f.name} {_SPARK_TYPES[str(f.type)]}" for f in HIT_SCHEMA)


def screen(
    df: Any,
    snapshot: Path | str,
    *,
    threshold: float = DEFAULT_THRESHOLDS.alert,
    limit: int = 5,
    scope: Scope | None = None,
    ship: bool = True,
) -> Any:
    """The hits of every row of `df`, screened against `snapshot` (a folder).

    `ship`: send the snapshot with the job (SparkFiles); False when `snapshot` is a
    path every executor can read. `scope` defaults to every list in one group.
    """
    folder = str(snapshot)
    info = read_info(Path(folder))
    if not any(c.strip().lower() == "name" for c in df.columns):
        found = ", ".join(repr(c) for c in df.columns) or "none"
        raise InputError(f"no 'name' column; columns found: {found}")
    scope = scope or Scope.of(info.versions)
    spark = df.sparkSession
    if ship:
        spark.sparkContext.addFile(folder, recursive=True)
    name = Path(folder).name
    wanted = [c for c in df.columns if c.strip().lower() in COLUMNS]
    numbered = _numbered(df.select(*wanted))

    def screen_partition(batches: Any) -> Any:
        local = folder
        if ship:
            from pyspark import SparkFiles

            local = SparkFiles.get(name)
        return screen_batches(batches, local, scope, threshold, limit)

    return numbered.mapInArrow(screen_partition, HIT_DDL)


def _numbered(df: Any) -> Any:
    """`df` with its rows numbered from 1 in its order (zipWithIndex: partition by
    partition, as the rows of a file are read)."""
    from pyspark.sql.types import LongType, StructField, StructType

    schema = StructType([*df.schema.fields, StructField(ROW_NUMBER, LongType(), False)])
    rows = df.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1))
    return df.sparkSession.createDataFrame(rows, schema)
