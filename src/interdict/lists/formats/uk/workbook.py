"""Reading the OFSI consolidated list workbook (XLSX) into rows, every failure a ListFormatError.

A damaged or cut workbook is refused by the ZIP container itself (its directory sits
at the end of the file, so a cut file does not open); openpyxl then raises any of a
dozen exception types on damaged parts, which are turned here into one error naming
the file. openpyxl is imported when a workbook is read (its import alone costs about
0.2 s), not with the format registry that every command imports.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from interdict.errors import ListFormatError

Row = tuple[str, ...]


def read_sheet(path: Path, sheet: str) -> list[tuple[int, Row]]:
    """Every row of `sheet` as stripped strings (empty for a blank cell), with its row number."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if sheet not in workbook.sheetnames:
                    raise ListFormatError(path, f"no sheet {sheet!r} in the workbook")
                return [
                    (number, tuple(_cell(value) for value in values))
                    for number, values in enumerate(
                        workbook[sheet].iter_rows(values_only=True), start=1
                    )
                ]
            finally:
                workbook.close()
    except ListFormatError:
        raise
    except Exception as exc:  # any fault of a damaged workbook, named once
        raise ListFormatError(
            path, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})"
        ) from exc


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())
