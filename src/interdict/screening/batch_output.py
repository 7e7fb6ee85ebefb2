"""What a batch writes: one Parquet row per hit, one CSV row per rejected row or warning.

Every file appears whole or not at all (written to a temporary name, flushed to disk,
then renamed), so a batch killed at any moment leaves either the old file or the new
one, never half of one — the basis of resuming.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from interdict.errors import InputError
from interdict.screening.batch_input import FieldWarning, RowSubject, SubjectRow
from interdict.screening.screen import Hit

Record = Mapping[str, object]

#: `severity` of an errors-file row: the row was not screened (no usable name) ...
REJECTED = "error"
#: ... or a value was left out and the row screened on the rest.
WARNING = "warning"

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
        ("warnings", pa.string()),
    ]
)
ERROR_SCHEMA = pa.schema(
    [
        ("row_number", pa.int64()),
        ("subject_id", pa.string()),
        ("field", pa.string()),
        ("message", pa.string()),
        ("severity", pa.string()),
    ]
)


def hit_record(screened: RowSubject, hit: Hit) -> Record:
    """One output row: who was screened, whom they matched, the explanation, and the
    values left out of the screen ("field: why", one a line; empty when none)."""
    row = screened.row
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
        "warnings": "\n".join(str(warning) for warning in screened.warnings),
    }


def error_record(row: SubjectRow, problem: InputError | FieldWarning) -> Record:
    """A rejected row (InputError, worded "field: why") or a warning on a screened row."""
    if isinstance(problem, FieldWarning):
        field, message, severity = problem.field, problem.message, WARNING
    else:
        field, _, message = str(problem).partition(": ")
        if not message:
            field, message = "", field
        severity = REJECTED
    return {
        "row_number": row.number,
        "subject_id": row.subject_id,
        "field": field,
        "message": message,
        "severity": severity,
    }


def write_part(path: Path, records: Sequence[Record], schema: pa.Schema) -> None:
    """One part file of a batch, atomically."""
    pq = _parquet()
    temporary = _temporary(path)
    pq.write_table(pa.Table.from_pylist(list(records), schema=schema), temporary)
    replace_atomically(temporary, path)


#: Hits file formats, by the output's extension.
OUTPUT_SUFFIXES = (".parquet", ".csv", ".jsonl")


def merge_parts(parts: Iterable[Path], output: Path, schema: pa.Schema) -> None:
    """Concatenate part files into one hits file — Parquet, CSV or JSON lines by the
    output's extension — one part in memory at a time."""
    pq = _parquet()
    temporary = _temporary(output)
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        with pq.ParquetWriter(temporary, schema) as writer:
            for part in parts:
                writer.write_table(pq.read_table(part, schema=schema))
    else:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle) if suffix == ".csv" else None
            if writer is not None:
                writer.writerow(schema.names)
            for part in parts:
                for record in pq.read_table(part, schema=schema).to_pylist():
                    if writer is not None:
                        writer.writerow([record[name] for name in schema.names])
                    else:
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    replace_atomically(temporary, output)


def merge_errors_csv(parts: Iterable[Path], output: Path) -> None:
    """The rejected rows and warnings of every part as one CSV an operator can fix from."""
    pq = _parquet()
    temporary = _temporary(output)
    columns = list(ERROR_SCHEMA.names)
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for part in parts:
            for record in pq.read_table(part, schema=ERROR_SCHEMA).to_pylist():
                writer.writerow([record[column] for column in columns])
    replace_atomically(temporary, output)


def _parquet() -> Any:
    """`pyarrow.parquet`, imported when a batch first reads or writes Parquet: every
    command imports this module, few run a batch, and the import costs about 50 ms."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    return pq


def replace_atomically(temporary: Path, path: Path) -> None:
    """Flush `temporary` to disk, then rename it over `path` (atomic on POSIX and NTFS)."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")
