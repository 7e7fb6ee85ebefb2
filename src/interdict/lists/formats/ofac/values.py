"""Values inside OFAC remarks and columns: documents and country names.

OFAC writes a document as "NUMBER (Country) issued DATE expires DATE" and countries
in catalogue order ("Korea, North", "Virgin Islands, British"). These functions turn
both into model values without losing the words they do not structure: whatever is
not the number or the country goes into the document's note.
"""

from __future__ import annotations

import re

from interdict.entities.country import country_code
from interdict.entities.model import Document, DocumentKind

# The number runs to the first parenthesis, "issued"/"expires", or the end.
_DOCUMENT = re.compile(
    r"^(?P<number>.*?)\s*(?:\((?P<paren>[^()]*)\)|(?=\b(?:issued|expires)\b)|$)\s*(?P<rest>.*)$",
    re.S,
)


def resolve_country(text: str) -> str | None:
    """ISO code for a country as OFAC writes it, including "Korea, North" order."""
    code = country_code(text)
    if code is None and text.count(",") == 1:
        head, tail = text.split(",")
        code = country_code(f"{tail.strip()} {head.strip()}")
    return code


def parse_document(kind: DocumentKind, value: str, label: str) -> Document:
    """A `Document` from "123 (Iraq) issued 2001": number, country, the rest as note.

    A parenthesis that is not a country ("(MSN)") stays in the note, as does the
    label, so "Cedula No." and "D.N.I." remain distinguishable within NATIONAL_ID.
    """
    match = _DOCUMENT.match(value)
    number = match.group("number").strip(" ,") if match else ""
    if not match or not number:
        return Document(kind, value, None, label)
    paren = match.group("paren")
    country = resolve_country(paren) if paren else None
    note = [label]
    if paren and country is None:
        note.append(f"({paren})")
    if match.group("rest"):
        note.append(match.group("rest"))
    return Document(kind, number, country, " ".join(note))
