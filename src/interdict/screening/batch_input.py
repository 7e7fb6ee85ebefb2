"""The rows of a batch file (CSV or Parquet), read as they come, never all at once.

A batch file can hold millions of customers, so CSV is read row by row and Parquet
record batch by record batch. Columns are matched by name, case-insensitively, with a
few synonyms; cells may hold several values separated by ";". Each row becomes a
`SubjectRow` of plain text cells; turning it into an `Entity` is `subject_from_row`'s
job. A value it cannot use (an impossible date, an unknown country, type or gender)
is left out with a `FieldWarning` and the row is screened on the rest: a row is
rejected only when it has no usable name, and one bad row never stops the file.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from interdict.entities.country import country_code
from interdict.entities.dates import DateOrder, DateSyntaxError, birth_date_readings
from interdict.entities.model import GENDER_WORDS, BirthDate, Entity, Gender, Schema
from interdict.errors import InputError
from interdict.screening.subject import (
    SCHEMA_WORDS,
    is_either_kind,
    schema_word,
    subject_entity,
)

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
#: `type` words (lower-case, letters only): the subject's own, FollowTheMoney schema
#: names and the words customers' files use for them.
#: Separator of several values in one cell ("1970-01-01;1971", "IR;IQ").
VALUE_SEPARATOR = ";"
#: Parquet rows decoded at a time: big enough to be fast, small enough to stream.
PARQUET_BATCH_ROWS = 1_000
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True, slots=True)
class SubjectRow:
    """One input row: its 1-based number (the header is not counted), its cells, and
    the order of its file's numeric dates (None: every order a date is valid in)."""

    number: int
    cells: Mapping[str, str]
    date_order: DateOrder | None = None

    @property
    def subject_id(self) -> str:
        """The row's own id, or its row number when the file has no `id` column."""
        return self.cells.get("id", "").strip() or str(self.number)


@dataclass(frozen=True, slots=True)
class FieldWarning:
    """A value left out of a row's screen: the field, and why ("'Atlantis' is not ...")."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class RowSubject:
    """A row as it is screened: the subject built from its usable values, and a warning
    for each value left out."""

    row: SubjectRow
    entity: Entity
    warnings: tuple[FieldWarning, ...] = ()
    #: The row gave no usable type: screened as a person and as an organisation
    #: (`Screener.screen_many`'s `either_kind`); `entity` holds it as a person.
    either_kind: bool = False


@dataclass(frozen=True, slots=True)
class InputFormat:
    """How to read a customer file that is not a plain UTF-8, comma-separated one with
    our column names: its delimiter, its encoding, and which of its columns holds each
    field (`columns`: field -> the file's header, e.g. ("name", "full_name"))."""

    delimiter: str = ","
    encoding: str = "utf-8-sig"
    columns: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if len(self.delimiter) != 1:
            raise InputError(f"delimiter: {self.delimiter!r} is not one character")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise InputError(
                f"encoding: {self.encoding!r} is not an encoding Python knows"
            ) from None
        unknown = sorted({field for field, _ in self.columns} - set(COLUMNS.values()))
        if unknown:
            known = ", ".join(sorted(set(COLUMNS.values())))
            raise InputError(f"column: {', '.join(unknown)} is not a field; fields: {known}")


PLAIN = InputFormat()


def read_rows(
    path: Path, date_order: DateOrder | None = None, form: InputFormat = PLAIN
) -> Iterator[SubjectRow]:
    """Every row of a CSV or Parquet batch file, in file order."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _parquet_rows(path, date_order, form)
    return _csv_rows(path, date_order, form)


def count_rows(path: Path, form: InputFormat = PLAIN) -> int:
    """How many rows the file holds: from the footer for Parquet, one cheap pass for CSV."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return int(_parquet_file(path).metadata.num_rows)
    return sum(1 for _ in _csv_rows(path, None, form))


def subject_from_row(row: SubjectRow) -> RowSubject:
    """The row as a screening subject, every unusable value left out with a warning.

    InputError ("name: why") only when no name is left to screen.
    """
    cells, warnings = row.cells, list[FieldWarning]()
    names = _names(cells.get("name", ""), warnings)
    if not names:
        raise InputError("name: no usable name (a name needs a letter or a digit)")
    entity = subject_entity(
        "|".join(names), key=row.subject_id, documents=_values(cells.get("document", ""))
    )
    kind = _schema(cells.get("type", ""), warnings)
    entity = replace(
        entity,
        schema=kind or Schema.PERSON,
        birth_dates=_birth_dates(cells.get("dob", ""), row.date_order, warnings),
        nationalities=_countries(cells.get("nationality", ""), warnings),
        gender=_gender(cells.get("gender", ""), warnings),
    )
    return RowSubject(row, entity, tuple(warnings), either_kind=kind is None)


def _values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(VALUE_SEPARATOR) if value.strip()]


def _names(cell: str, warnings: list[FieldWarning]) -> list[str]:
    names = []
    for name in _values(cell):
        if any(c.isalnum() for c in name):
            names.append(name)
        else:
            warnings.append(FieldWarning("name", f"{name!r} has no letter or digit; ignored"))
    return names


def _schema(cell: str, warnings: list[FieldWarning]) -> Schema | None:
    """The row's kind of subject; None where it gives none we know: such a row is
    screened as either kind, not guessed to be a person (a firm's misspelt name read
    as a person's passed four times in ten, docs/benchmarks.md)."""
    text = cell.strip()
    if is_either_kind(text):
        return None
    found = SCHEMA_WORDS.get(schema_word(text))
    if found is None:
        expected = "person, organization, vessel or aircraft"
        warnings.append(
            FieldWarning(
                "type", f"{text!r} is not {expected}; screened as a person and as an organization"
            )
        )
    return found


def _birth_dates(
    cell: str, order: DateOrder | None, warnings: list[FieldWarning]
) -> tuple[BirthDate, ...]:
    found: list[BirthDate] = []
    for text in _values(cell):
        try:
            found += birth_date_readings(text, order)
        except DateSyntaxError as exc:
            warnings.append(FieldWarning("dob", f"{exc}; ignored"))
    return tuple(found)


def _countries(cell: str, warnings: list[FieldWarning]) -> tuple[str, ...]:
    codes = []
    for text in _values(cell):
        code = country_code(text)
        if code is None:
            message = f"{text!r} is not a country name or ISO code; ignored"
            warnings.append(FieldWarning("nationality", message))
        else:
            codes.append(code)
    return tuple(codes)


def _gender(cell: str, warnings: list[FieldWarning]) -> Gender | None:
    text = cell.strip()
    if text.lower() in GENDER_WORDS:
        return GENDER_WORDS[text.lower()]
    if text:
        message = f"{text!r} is not male, female, other or unknown; ignored"
        warnings.append(FieldWarning("gender", message))
    return None


def _csv_rows(path: Path, date_order: DateOrder | None, form: InputFormat) -> Iterator[SubjectRow]:
    # utf-8-sig by default: spreadsheets write a byte-order mark that would otherwise
    # stick to the first header.
    with _open_input(path, form.encoding) as handle:
        reader = csv.reader(handle, delimiter=form.delimiter)
        number = 0
        try:
            fields = _fields(path, next(reader, []), form)
            for number, record in enumerate(reader, start=1):
                if any(cell.strip() for cell in record):  # a blank line is not a row
                    yield SubjectRow(number, _cells(fields, record), date_order)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(
                f"{path}: after row {number}: not a {form.encoding} CSV file ({exc}); "
                "give its encoding with --encoding (e.g. latin-1)"
            ) from exc


def _open_input(path: Path, encoding: str) -> TextIO:
    try:
        return path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the batch file ({exc.strerror})") from exc


def _cells(fields: Mapping[int, str], record: list[str]) -> dict[str, str]:
    return {field: record[i] for i, field in fields.items() if i < len(record)}


def _fields(path: Path, header: list[str], form: InputFormat = PLAIN) -> dict[int, str]:
    """Column position -> field, for the columns we know (ours, or mapped by `form`);
    InputError without `name`, or when a mapped column is not in the file."""
    mapped = {column.strip().lower(): field for field, column in form.columns}
    missing = sorted(c for c in mapped if c not in {h.strip().lower() for h in header})
    if missing:
        raise InputError(f"{path}: no column {', '.join(map(repr, missing))} (given in --column)")
    known = {**{k: v for k, v in COLUMNS.items() if v not in mapped.values()}, **mapped}
    fields = {
        i: known[h.strip().lower()] for i, h in enumerate(header) if h.strip().lower() in known
    }
    if "name" not in fields.values():
        found = ", ".join(repr(h) for h in header) or "none"
        raise InputError(f"{path}: no 'name' column; columns found: {found}")
    return fields


def _parquet_file(path: Path) -> Any:
    # Imported here, not with the module: every command imports it, few read Parquet.
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc


def _parquet_rows(
    path: Path, date_order: DateOrder | None, form: InputFormat
) -> Iterator[SubjectRow]:
    parquet = _parquet_file(path)
    header = list(parquet.schema_arrow.names)
    fields = _fields(path, header, form)
    columns = [header[i] for i in fields]
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        for record in batch.to_pylist():
            number += 1
            cells = {fields[i]: _text(record[header[i]]) for i in fields}
            yield SubjectRow(number, cells, date_order)


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
