"""OFAC's legacy CSV files (SDN.CSV with optional ADD.CSV and ALT.CSV).

The files have no header and no file-type marker, so each file is classified by
its column count: 12 columns is SDN.CSV, 6 is ADD.CSV (addresses), 5 is ALT.CSV
(OFAC's strong aliases). Exactly one SDN file is required; addresses and aliases
attach to it by `ent_num`, and one naming an unknown `ent_num` is an error, since a
stray row means the files are not of the same day. Remarks are parsed by `remarks`;
what it cannot structure is kept verbatim and reported. Every file must end with OFAC's
end-of-file mark, so a file cut short is refused as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interdict.entities.model import Address, Name, NameKind, NameStrength, Schema
from interdict.errors import ListFormatError, ListTruncatedError
from interdict.lists.formats.delimited import first_row, read_head, read_rows, read_text
from interdict.lists.formats.ofac.entity import build_entity
from interdict.lists.formats.ofac.rows import (
    ADD_COLUMNS,
    ALT_COLUMNS,
    SDN_COLUMNS,
    Row,
    address_of,
    alias_of,
    clean_cell,
    ent_num,
    make_name,
    schema_of,
)
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "ofac-sdn"
_ENCODING = "cp1252"
_LAYOUTS = {len(columns): columns for columns in (SDN_COLUMNS, ADD_COLUMNS, ALT_COLUMNS)}
_END_OF_FILE = "\x1a"  # the DOS end-of-file mark OFAC still writes as a last line


@dataclass(slots=True)
class Attachments:
    """The ADD and ALT rows of one entity, gathered before the entity is built."""

    names: list[Name] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)


class OfacCsvSource:
    """The `ListSource` for OFAC's legacy SDN.CSV / ADD.CSV / ALT.CSV."""

    name = "ofac-csv"
    description = "OFAC SDN list, legacy CSV (SDN.CSV, optionally with ADD.CSV and ALT.CSV)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        layouts = [_sniff_layout(path) for path in paths]
        return None not in layouts and layouts.count(SDN_COLUMNS) == 1

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        files = [_read_file(path) for path in paths]
        sdn = _only_sdn(files, paths)
        schemas = {ent_num(row): schema_of(row) for row in sdn}
        attached: dict[str, Attachments] = defaultdict(Attachments)
        for rows in files:
            for row in rows:
                if row.columns is not SDN_COLUMNS:
                    _attach(row, schemas, attached)
        built = [build_entity(row, _names(row, schemas, attached)) for row in sdn]
        entities, duplicates = deduplicate(
            (entity, row.line) for (entity, _), row in zip(built, sdn, strict=True)
        )
        unparsed = tuple(issue for _, issues in built for issue in issues)
        return ParsedList(
            LIST_NAME, self.name, entities, issues=unparsed + duplicates, sequential_keys=True
        )


def _names(row: Row, schemas: dict[str, Schema], attached: dict[str, Attachments]) -> Attachments:
    """The entity's primary name first, then what ADD/ALT attached."""
    key = ent_num(row)
    name = " ".join(row.get("SDN_Name").split())
    if not name:
        raise row.error("SDN_Name", "an entry without a name")
    extra = attached.get(key, Attachments())
    primary = make_name(name, schemas[key], NameKind.PRIMARY, NameStrength.GOOD)
    return Attachments([primary, *extra.names], list(extra.addresses), list(extra.extra))


def _attach(row: Row, schemas: dict[str, Schema], attached: dict[str, Attachments]) -> None:
    key = ent_num(row)
    if key not in schemas:
        raise row.error("ent_num", "refers to an ent_num that is not in the SDN file")
    target = attached[key]
    if row.columns is ALT_COLUMNS:
        alias = alias_of(row, schemas[key])
        target.names.append(alias)
        if row.get("alt_remarks"):
            target.extra.append(("alias_remarks", f"{alias.full}: {row.get('alt_remarks')}"))
        return
    address = address_of(row)
    if address is not None:
        target.addresses.append(address)
    if row.get("Add_remarks"):
        target.extra.append(("address_remarks", row.get("Add_remarks")))


def _only_sdn(files: list[list[Row]], paths: Sequence[Path]) -> list[Row]:
    sdn = [rows for rows in files if rows[0].columns is SDN_COLUMNS]
    if len(sdn) != 1:
        names = ", ".join(str(path) for path in paths)
        raise ListFormatError(names, f"expected exactly one SDN file (12 columns), got {len(sdn)}")
    return sdn[0]


def _read_file(path: Path) -> list[Row]:
    """Every row of one file, all of the layout its first row's width names."""
    text = read_text(path, _ENCODING)
    _check_end_mark(path, text)
    records = [(line, cells) for line, cells in read_rows(path, text) if any(cells)]
    if records and records[-1][1][0].startswith(_END_OF_FILE) and not any(records[-1][1][1:]):
        records.pop()
    if not records:
        raise ListFormatError(path, "no records: not an OFAC SDN/ADD/ALT CSV file")
    columns = _LAYOUTS.get(len(records[0][1]))
    if columns is None:
        raise _width_error(path, records[0][0], len(records[0][1]))
    for line, cells in records:
        if len(cells) != len(columns):
            raise _width_error(path, line, len(cells), len(columns))
    return [
        Row(path, line, columns, tuple(clean_cell(cell) for cell in cells))
        for line, cells in records
    ]


def _check_end_mark(path: Path, text: str) -> None:
    """Refuse a file that does not end with OFAC's end-of-file mark: it was cut short.

    OFAC writes a Ctrl-Z as the last line of SDN.CSV, ADD.CSV and ALT.CSV (copies saved
    by a spreadsheet pad that line with commas). A file cut anywhere loses it, whether
    the cut falls between rows or inside one.
    """
    body = text.rstrip("\r\n")
    last = body.rsplit("\n", 1)[-1]
    if last.rstrip(", \r") != _END_OF_FILE:
        lines = body.count("\n") + 1
        raise ListTruncatedError(
            path,
            f"the file ends after {lines:,} lines without OFAC's end-of-file mark (\\x1a): "
            "cut short (a truncated download?)",
            line=lines,
        )


def _width_error(path: Path, line: int, width: int, expected: int | None = None) -> ListFormatError:
    wanted = str(expected) if expected else "12 (SDN), 6 (ADD) or 5 (ALT)"
    return ListFormatError(path, f"a row of {width} columns; expected {wanted}", line=line)


def _sniff_layout(path: Path) -> tuple[str, ...] | None:
    """The layout a file's first line has, None when it is not an OFAC CSV."""
    head = read_head(path, _ENCODING)
    row = first_row(head) if head else None
    if not row or not row[0].strip().isdigit():
        return None
    return _LAYOUTS.get(len(row))


SOURCE = OfacCsvSource()
