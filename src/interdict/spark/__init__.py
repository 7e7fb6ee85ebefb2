"""Screening on Spark: the same screen as `screen-file`, partitioned over a cluster.

    from interdict.spark import screen, write_snapshot
    hits = screen(spark.read.parquet("book.parquet"), "snapshot/")

`snapshot.py` writes and loads screener snapshots (no pickle), `screen.py` screens a
DataFrame with `mapInArrow`, `session.py` starts Spark or says why it cannot. See
docs/scale.md. PySpark is imported only here and only when used.
"""

from interdict.spark.screen import HIT_DDL, screen
from interdict.spark.session import check_java, start_session
from interdict.spark.snapshot import SnapshotInfo, load_snapshot, read_info, write_snapshot

__all__ = [
    "HIT_DDL",
    "SnapshotInfo",
    "check_java",
    "load_snapshot",
    "read_info",
    "screen",
    "start_session",
    "write_snapshot",
]
