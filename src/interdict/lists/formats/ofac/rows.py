"""One row of OFAC's legacy SDN.CSV, ADD.CSV or ALT.CSV turned into model values.

Names are kept as OFAC prints them ("AL-ZAWAHIRI, Ayman"): that form is what OFAC's
own search, analysts and other screening tools use. For individuals the split at the
single comma is kept as name parts (FAMILY, GIVEN), so matching can reorder the name
without this parser guessing a "First LAST" spelling OFAC never published.
"""

from __future__ import annotations

import re

from interdict.entities.model import (
    Address,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)
from interdict.lists.formats.delimited import Record
from interdict.lists.formats.ofac.values import resolve_country

EMPTY = "-0-"  # OFAC's empty value, often followed by a space

SDN_COLUMNS = (
    "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
    "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks",
)  # fmt: skip
ADD_COLUMNS = (
    "ent_num",
    "Add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "Add_remarks",
)
Row = Record  # a row of SDN.CSV, ADD.CSV or ALT.CSV

ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")

_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.ORGANIZATION,
}
_ALT_KINDS = {"aka": NameKind.ALIAS, "fka": NameKind.FORMER, "nka": NameKind.NEW}


def clean_cell(cell: str) -> str:
    """A cell's text, with OFAC's "-0-" empty marker as ""."""
    text = cell.strip()
    return "" if text == EMPTY else text


def ent_num(row: Row, column: str = "ent_num") -> str:
    """The entity number (the key) or an error: it must be a positive integer."""
    value = row.get(column)
    if not (value.isascii() and value.isdigit()):
        raise row.error(column, f"{column} must be a number")
    return value


def schema_of(row: Row) -> Schema:
    schema = _SCHEMAS.get(row.get("SDN_Type").lower())
    if schema is None:
        raise row.error("SDN_Type", "SDN_Type must be individual, vessel, aircraft or -0-")
    return schema


def programs_of(row: Row) -> tuple[str, ...]:
    """OFAC joins several programs as "SDGT] [IRGC" (the brackets of a list)."""
    parts = re.split(r"\]\s*\[", row.get("Program"))
    return tuple(p for p in (part.strip(" []") for part in parts) if p)


def make_name(full: str, schema: Schema, kind: NameKind, strength: NameStrength) -> Name:
    """A name in OFAC's own form; for a person "LAST, First" also gives its parts."""
    parts: tuple[NamePart, ...] = ()
    if schema is Schema.PERSON and full.count(",") == 1:
        family, given = (piece.strip() for piece in full.split(","))
        if family and given:
            parts = (NamePart(NamePartKind.FAMILY, family), NamePart(NamePartKind.GIVEN, given))
    return Name(full, kind, strength, None, parts)


def alias_of(row: Row, schema: Schema) -> Name:
    """An ALT.CSV row: OFAC's strong a.k.a./f.k.a./n.k.a. (weak ones are in remarks)."""
    ent_num(row, "alt_num")
    kind = _ALT_KINDS.get(row.get("alt_type").lower().replace(".", ""))
    if kind is None:
        raise row.error("alt_type", "alt_type must be aka, fka or nka")
    name = " ".join(row.get("alt_name").split())
    if not name:
        raise row.error("alt_name", "an alias without a name")
    return make_name(name, schema, kind, NameStrength.GOOD)


def address_of(row: Row) -> Address | None:
    """An ADD.CSV row as an address; None when OFAC left every part empty."""
    ent_num(row, "Add_num")
    street, city, country = (
        row.get("Address"),
        row.get("City/State/Province/Postal Code"),
        row.get("Country"),
    )
    full = ", ".join(part for part in (street, city, country) if part)
    if not full:
        return None
    return Address(full, city, resolve_country(country) if country else None)
