"""Australia's DFAT Consolidated List (regulation8_consolidated.xls), legacy binary XLS.

One sheet, one row per NAME: the row `Reference` "2" holds a primary name and "2a",
"2b" ... its other names, so the number is the entity's key and the rows sharing it
are one entity. Columns: name, type, name type, date of birth, place of birth,
citizenship, address, additional information, listing information, committees (the
regime: a UN committee such as "1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)", "1373
(2001)" for Australia's own terrorism listings, or "Autonomous (Russia and
Ukraine)"), and a control date (the row's last change, an Excel date). The file states
no publication date: the latest control date stands for it. A cut XLS file does not
open (the compound document's sector table is at its start and refers past the cut).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from interdict.entities.model import Entity
from interdict.errors import ListFormatError
from interdict.lists.formats.au.cells import HEADER, Row
from interdict.lists.formats.au.entity import build_entity
from interdict.lists.source import ParsedList, deduplicate

LIST_NAME = "au-dfat-consolidated"
_OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_REFERENCE = re.compile(r"(\d+)(?:[a-z]+\d*)?")


class AuDfatXlsSource:
    """The `ListSource` for DFAT's consolidated list workbook."""

    name = "au-dfat-xls"
    description = "Australia DFAT consolidated list, XLS (one row per name)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        if len(paths) != 1 or paths[0].suffix.lower() != ".xls":
            return False
        try:
            with paths[0].open("rb") as handle:
                return handle.read(8) == _OLE2_MAGIC
        except OSError:
            return False

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        if len(paths) != 1:
            raise ListFormatError(
                ", ".join(map(str, paths)) or "(none)", "the DFAT list is one XLS file"
            )
        rows = _read_rows(paths[0])
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(_key(row), []).append(row)
        built = [build_entity(key, group) for key, group in groups.items()]
        entities, repeats = deduplicate(
            (entity, group[0].line)
            for (entity, _), group in zip(built, groups.values(), strict=True)
        )
        issues = tuple(issue for _, found in built for issue in found)
        return ParsedList(
            LIST_NAME,
            self.name,
            entities,
            published=_latest_control_date(entities),
            issues=issues + repeats,
        )


def _read_rows(path: Path) -> list[Row]:
    import xlrd  # here, not with the format registry that every command imports

    try:
        book = xlrd.open_workbook(path, on_demand=True)
        sheet = book.sheet_by_index(0)
        values = [tuple(sheet.row_values(index)) for index in range(sheet.nrows)]
    except Exception as exc:  # any fault of a damaged workbook, named once
        raise ListFormatError(
            path, f"not a readable XLS workbook ({type(exc).__name__}: {exc})"
        ) from exc
    if not values or tuple(" ".join(str(v).split()) for v in values[0]) != HEADER:
        found = ",".join(map(str, values[0]))[:200] if values else ""
        raise ListFormatError(
            path, "expected the DFAT header row (Reference, Name of ...)", line=1, value=found
        )
    return [
        Row(path, number, cells) for number, cells in enumerate(values[1:], start=2) if any(cells)
    ]


def _key(row: Row) -> str:
    match = _REFERENCE.fullmatch(row.get("Reference").lower())
    if match is None:
        raise row.error(
            "Reference",
            "a reference must be a number with optional letters and a digit (2, 2a, 34c1)",
        )
    return match.group(1)


def _latest_control_date(entities: Sequence[Entity]) -> str | None:
    dates = [value for e in entities for name, value in e.extra if name == "control_date"]
    return max(dates, default=None)


SOURCE = AuDfatXlsSource()
