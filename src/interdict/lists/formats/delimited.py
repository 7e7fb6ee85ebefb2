"""Reading delimited (CSV) list files strictly, with every failure a ListFormatError.

Designation lists in CSV come without a declared encoding and are sometimes cut or
damaged in transit. A screener must not import a half-decoded file, so bytes are
decoded strictly and every decoding or CSV error is reported with file and line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interdict.errors import ListFormatError

SNIFF_BYTES = 4096


def read_text(path: Path, encoding: str) -> str:
    """The whole file decoded strictly; a bad byte is reported with its line.

    UTF-8 is tried first: a list that moved to UTF-8 must not be read as mojibake,
    and real cp1252 text is practically never valid UTF-8. Otherwise `encoding`.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFormatError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end].hex()
        raise ListFormatError(
            path, f"byte 0x{bad} is not valid {encoding}", line=line, value=bad
        ) from exc


def read_head(path: Path, encoding: str) -> str | None:
    """The first few KB decoded for sniffing, or None when unreadable or binary."""
    try:
        with path.open("rb") as handle:
            data = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def read_rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the number of the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListFormatError(path, f"not valid CSV: {exc}", line=reader.line_num) from exc


def first_row(text: str) -> list[str] | None:
    """The first CSV record of a (possibly cut) head of a file, None if unreadable."""
    first_line = text.split("\n", 1)[0]
    try:
        return next(csv.reader([first_line]), None)
    except csv.Error:
        return None


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV row of a list file, addressed by column name, knowing where it is."""

    path: Path
    line: int
    columns: tuple[str, ...]
    cells: tuple[str, ...]

    def get(self, column: str) -> str:
        return self.cells[self.columns.index(column)]

    def error(self, column: str, message: str) -> ListFormatError:
        """A ListFormatError naming this row's file, line, column and value."""
        return ListFormatError(
            self.path, message, line=self.line, field=column, value=self.get(column)
        )
