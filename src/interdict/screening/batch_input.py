"""The rows of a batch file (CSV or Parquet), read as they come, never all at once.

A batch file can hold millions of customers, so CSV is read row by row and Parquet
record batch by record batch. Columns are matched by name, case-insensitively, with a
few synonyms; cells may hold several values separated by ";". Each row becomes a
`SubjectRow` of plain text cells; turning it into an `Entity` (and rejecting bad
values) is `subject_from_row`'s job, so one bad row never stops the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from interdict.entities.model import Entity
from interdict.errors import InputError
from interdict.screening.subject import subject_entity

#: Accepted column headers (lower-case) and the field each one fills.
COLUMNS = {
    "name": "name",
    "id": "id",
    "dob": "dob",
    "birth_date": "dob",
    "nationality": "nationality",
    "type": "type",
    "schema": "type",
    "gender": "gender",
    "document": "document",
}
#: Separator of several values in one cell ("1970-01-01;1971", "IR;IQ").
VALUE_SEPARATOR = ";"
#: Parquet rows decoded at a time: big enough to be fast, small enough to stream.
PARQUET_BATCH_ROWS = 1_000
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True, slots=True)
class SubjectRow:
    """One input row: its 1-based number (the header is not counted) and its cells."""

    number: int
    cells: Mapping[str, str]

    @property
    def subject_id(self) -> str:
        """The row's own id, or its row number when the file has no `id` column."""
        return self.cells.get("id", "").strip() or str(self.number)


def read_rows(path: Path) -> Iterator[SubjectRow]:
    """Every row of a CSV or Parquet batch file, in file order."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _parquet_rows(path)
    return _csv_rows(path)


def count_rows(path: Path) -> int:
    """How many rows the file holds: from the footer for Parquet, one cheap pass for CSV."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return int(_parquet_file(path).metadata.num_rows)
    return sum(1 for _ in _csv_rows(path))


def subject_from_row(row: SubjectRow) -> Entity:
    """The row as a screening subject; InputError (message "field: why") if a cell is bad."""
    cells = row.cells
    return subject_entity(
        "|".join(_values(cells.get("name", ""))),
        key=row.subject_id,
        schema=cells.get("type") or None,
        birth_dates=_values(cells.get("dob", "")),
        nationalities=_values(cells.get("nationality", "")),
        gender=cells.get("gender") or None,
        documents=_values(cells.get("document", "")),
    )


def _values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(VALUE_SEPARATOR) if value.strip()]


def _csv_rows(path: Path) -> Iterator[SubjectRow]:
    # utf-8-sig: spreadsheets write a byte-order mark that would otherwise stick to
    # the first header.
    with _open_input(path) as handle:
        reader = csv.reader(handle)
        number = 0
        try:
            fields = _fields(path, next(reader, []))
            for number, record in enumerate(reader, start=1):
                if any(cell.strip() for cell in record):  # a blank line is not a row
                    yield SubjectRow(number, _cells(fields, record))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{path}: after row {number}: not a UTF-8 CSV file ({exc})") from exc


def _open_input(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the batch file ({exc.strerror})") from exc


def _cells(fields: Mapping[int, str], record: list[str]) -> dict[str, str]:
    return {field: record[i] for i, field in fields.items() if i < len(record)}


def _fields(path: Path, header: list[str]) -> dict[int, str]:
    """Column position -> field, for the columns we know; InputError without `name`."""
    fields = {
        i: COLUMNS[h.strip().lower()] for i, h in enumerate(header) if h.strip().lower() in COLUMNS
    }
    if "name" not in fields.values():
        found = ", ".join(repr(h) for h in header) or "none"
        raise InputError(f"{path}: no 'name' column; columns found: {found}")
    return fields


def _parquet_file(path: Path) -> Any:
    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc


def _parquet_rows(path: Path) -> Iterator[SubjectRow]:
    parquet = _parquet_file(path)
    header = list(parquet.schema_arrow.names)
    fields = _fields(path, header)
    columns = [header[i] for i in fields]
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        for record in batch.to_pylist():
            number += 1
            yield SubjectRow(number, {fields[i]: _text(record[header[i]]) for i in fields})


def _text(value: object) -> str:
    """A Parquet cell as text: lists joined with ";", dates in ISO form, null as ""."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return VALUE_SEPARATOR.join(_text(item) for item in value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
