"""What a batch writes: one Parquet row per hit, one CSV row per rejected input row.

Every file appears whole or not at all (written to a temporary name, flushed to disk,
then renamed), so a batch killed at any moment leaves either the old file or the new
one, never half of one — the basis of resuming.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from interdict.errors import InputError
from interdict.screening.batch_input import SubjectRow
from interdict.screening.screen import Hit

Record = Mapping[str, object]

HIT_SCHEMA = pa.schema(
    [
        ("row_number", pa.int64()),
        ("subject_id", pa.string()),
        ("subject_name", pa.string()),
        ("score", pa.float64()),
        ("list_name", pa.string()),
        ("version_id", pa.int64()),
        ("entity_key", pa.string()),
        ("caption", pa.string()),
        ("matched_name", pa.string()),
        ("explanation", pa.string()),
    ]
)
ERROR_SCHEMA = pa.schema(
    [
        ("row_number", pa.int64()),
        ("subject_id", pa.string()),
        ("field", pa.string()),
        ("message", pa.string()),
    ]
)


def hit_record(row: SubjectRow, hit: Hit) -> Record:
    """One output row: who was screened, whom they matched, and the explanation."""
    return {
        "row_number": row.number,
        "subject_id": row.subject_id,
        "subject_name": row.cells.get("name", ""),
        "score": hit.score,
        "list_name": hit.listed.list_name,
        "version_id": hit.listed.version_id,
        "entity_key": hit.listed.entity.key,
        "caption": hit.listed.entity.caption,
        "matched_name": hit.match.candidate_name,
        "explanation": hit.match.explain(),
    }


def error_record(row: SubjectRow, exc: InputError) -> Record:
    """A rejected row; subject checks word their messages "field: why"."""
    field, _, message = str(exc).partition(": ")
    if not message:
        field, message = "", field
    return {
        "row_number": row.number,
        "subject_id": row.subject_id,
        "field": field,
        "message": message,
    }


def write_part(path: Path, records: Sequence[Record], schema: pa.Schema) -> None:
    """One part file of a batch, atomically."""
    temporary = _temporary(path)
    pq.write_table(pa.Table.from_pylist(list(records), schema=schema), temporary)
    replace_atomically(temporary, path)


def merge_parts(parts: Iterable[Path], output: Path, schema: pa.Schema) -> None:
    """Concatenate part files into one Parquet file, one part in memory at a time."""
    temporary = _temporary(output)
    with pq.ParquetWriter(temporary, schema) as writer:
        for part in parts:
            writer.write_table(pq.read_table(part, schema=schema))
    replace_atomically(temporary, output)


def merge_errors_csv(parts: Iterable[Path], output: Path) -> None:
    """The rejected rows of every part as one CSV an operator can open and fix from."""
    temporary = _temporary(output)
    columns = list(ERROR_SCHEMA.names)
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for part in parts:
            for record in pq.read_table(part, schema=ERROR_SCHEMA).to_pylist():
                writer.writerow([record[column] for column in columns])
    replace_atomically(temporary, output)


def replace_atomically(temporary: Path, path: Path) -> None:
    """Flush `temporary` to disk, then rename it over `path` (atomic on POSIX and NTFS)."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")
