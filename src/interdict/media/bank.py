"""Hash banks: named, versioned lists of known media hashes, and their exchange formats.

A bank holds signals (a type and a value) with labels (GIFCT-style behaviour labels
such as "glorification" or "instruction"), a free-text source and the member who
added them. Banks are owned by a member (visible to it and to the members it shares
the bank with) or by nobody, which makes them coalition-wide.

Exchange formats follow what HMA and python-threatexchange read and write: a CSV with
the columns `signal_type,signal_value,tags` (tags separated by spaces or commas inside
the field; a first line with these names is a header), and a JSON array of objects
with the same three keys. Both carry only hashes, never content.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interdict.errors import ListFormatError
from interdict.media.errors import SignalValueError
from interdict.media.signal import SIGNALS

CSV_COLUMNS = ("signal_type", "signal_value", "tags")


@dataclass(frozen=True, slots=True)
class BankEntry:
    """One known hash: what it is, what it is labelled, where it came from."""

    signal_type: str
    value: str
    labels: tuple[str, ...] = ()
    source: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """A bank holds each (type, value) once; labels and source are its attributes."""
        return (self.signal_type, self.value)


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """A bank entry as stored: with who added it and the version that did."""

    entry: BankEntry
    added_by: int | None
    added_in: int


@dataclass(frozen=True, slots=True)
class Bank:
    """A bank's settings; `version` is the newest version number (0 before any)."""

    id: int
    name: str
    owner_id: int | None
    match_dihedral: bool
    shared_with: tuple[int, ...]
    version: int
    size: int

    def is_visible_to(self, member_id: int) -> bool:
        """Coalition-wide banks are seen by all; others by their owner and sharers."""
        return self.owner_id in (None, member_id) or member_id in self.shared_with


@dataclass(frozen=True, slots=True)
class BankVersion:
    """One change to a bank: how many entries it added and removed, by whom, why."""

    bank_name: str
    number: int
    created_at: datetime
    member_id: int | None
    note: str
    size: int
    added: int
    removed: int


def canonical_entry(entry: BankEntry, where: str = "entry") -> BankEntry:
    """The entry with its value in canonical form; refuses unknown types and bad values."""
    signal_type = SIGNALS.get(entry.signal_type.strip().lower())
    if signal_type is None:
        known = ", ".join(sorted(SIGNALS))
        raise SignalValueError(entry.signal_type, entry.value, f"one of the types {known}")
    labels = tuple(sorted({label.strip() for label in entry.labels if label.strip()}))
    return BankEntry(signal_type.name, signal_type.parse(entry.value), labels, entry.source)


def read_entries(path: Path, *, source: str | None = None) -> list[BankEntry]:
    """Entries of an exchange file (.json, else CSV); every row checked, file and line named."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ListFormatError(path, f"cannot be read as UTF-8 text ({error})") from error
    origin = source if source is not None else path.name
    if path.suffix.lower() == ".json":
        return _json_entries(path, text, origin)
    return _csv_entries(path, text, origin)


def write_entries(entries: Iterable[BankEntry], path: Path) -> int:
    """Write entries as JSON (for a .json path) or CSV; returns how many."""
    rows = list(entries)
    if path.suffix.lower() == ".json":
        payload = [
            {"signal_type": e.signal_type, "signal_value": e.value, "tags": list(e.labels)}
            for e in rows
        ]
        path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        return len(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((e.signal_type, e.value, " ".join(e.labels)) for e in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return len(rows)


def _csv_entries(path: Path, text: str, source: str) -> list[BankEntry]:
    entries = []
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (line == 1 and tuple(c.lower() for c in cells[:2]) == CSV_COLUMNS[:2]):
            continue
        if len(cells) < 2:
            raise ListFormatError(path, "expected signal_type,signal_value[,tags]", line=line)
        tags = cells[2].replace(",", " ").split() if len(cells) > 2 else []
        entries.append(_checked(path, line, BankEntry(cells[0], cells[1], tuple(tags), source)))
    return entries


def _json_entries(path: Path, text: str, source: str) -> list[BankEntry]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise ListFormatError(path, f"not JSON ({error.msg})", line=error.lineno) from error
    if not isinstance(payload, list):
        raise ListFormatError(path, "expected a JSON array of signal objects")
    entries = []
    for number, item in enumerate(payload, start=1):
        if not isinstance(item, dict) or not {"signal_type", "signal_value"} <= item.keys():
            raise ListFormatError(
                path, "expected signal_type and signal_value", element=f"#{number}"
            )
        tags = item.get("tags") or []
        labels = tuple(tags) if isinstance(tags, list) else tuple(str(tags).split())
        entry = BankEntry(str(item["signal_type"]), str(item["signal_value"]), labels, source)
        entries.append(_checked(path, None, entry, element=f"#{number}"))
    return entries


def _checked(
    path: Path, line: int | None, entry: BankEntry, element: str | None = None
) -> BankEntry:
    try:
        return canonical_entry(entry)
    except SignalValueError as error:
        raise ListFormatError(
            path,
            error.expected,
            line=line,
            element=element,
            field="signal_value",
            value=f"{entry.signal_type} {entry.value}",
        ) from error


def unique_entries(entries: Sequence[BankEntry]) -> dict[tuple[str, str], BankEntry]:
    """Entries by key; a repeated hash keeps the union of its labels."""
    merged: dict[tuple[str, str], BankEntry] = {}
    for entry in entries:
        seen = merged.get(entry.key)
        if seen is not None:
            labels = tuple(sorted(set(seen.labels) | set(entry.labels)))
            entry = BankEntry(entry.signal_type, entry.value, labels, seen.source)
        merged[entry.key] = entry
    return merged
