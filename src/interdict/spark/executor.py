"""What runs on a Spark executor: batches of rows screened against the shipped snapshot.

Each Python worker loads the snapshot once (kept per path for the worker's life; Spark
reuses workers) and screens each Arrow batch exactly as `screen-file` screens a chunk
(`screen_chunk`): same subjects, same warnings, same hit records.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]

from interdict.screening.batch_input import COLUMNS, SubjectRow, _text
from interdict.screening.batch_output import HIT_SCHEMA
from interdict.screening.batch_pool import screen_chunk
from interdict.screening.scope import Scope
from interdict.screening.screen import Screener
from interdict.spark.snapshot import load_snapshot

#: The column `screen` adds: the row's 1-based number in the DataFrame's order.
ROW_NUMBER = "__interdict_row"

_screeners: dict[tuple[str, Scope], Screener] = {}


def screener_at(folder: str, scope: Scope) -> Screener:
    key = (folder, scope)
    if key not in _screeners:
        _screeners[key] = load_snapshot(Path(folder), scope)
    return _screeners[key]


def screen_batches(
    batches: Iterator[pa.RecordBatch], folder: str, scope: Scope, threshold: float, limit: int
) -> Iterator[pa.RecordBatch]:
    """Hit records (screen-file's HIT_SCHEMA) for each batch of input rows."""
    screener: Screener | None = None
    for batch in batches:
        rows = _rows(batch)
        if not rows:
            continue
        screener = screener or screener_at(folder, scope)
        result = screen_chunk(screener, rows, threshold, limit)
        yield pa.RecordBatch.from_pylist(result.hits, schema=HIT_SCHEMA)


def _rows(batch: pa.RecordBatch) -> list[SubjectRow]:
    fields = {
        name: COLUMNS[name.strip().lower()]
        for name in batch.schema.names
        if name.strip().lower() in COLUMNS
    }
    rows = []
    for record in batch.to_pylist():
        cells = {field: _text(record[name]) for name, field in fields.items()}
        if any(cell.strip() for cell in cells.values()):
            rows.append(SubjectRow(int(record[ROW_NUMBER]), cells))
    return rows
