"""The free-text columns of the UK HM Treasury (OFSI) consolidated list CSV.

OFSI packs several values into one cell as numbered lists ("1) Saudi Arabia 2)
Qatar", "(a) Jordanian (b) American", "(1)-(2) Tunisia (3) Libya") and writes
documents as prose ("Passport No: 592667 (Qatari passport issued on 3 May 2007).").
These functions split and read those cells. A document keeps the list's whole
sentence as its note, so the structured number never replaces the evidence.
"""

from __future__ import annotations

import re

from interdict.entities.country import country_code
from interdict.entities.model import Document, DocumentKind

# "1)", "(1)", "a)", "(b)", "(1)-(2)" at the start of the cell or after a space.
_MARKER = re.compile(r"(?:^|(?<=\s))\(?(?:\d{1,2}|[a-h])\)(?:\s*-\s*\(?(?:\d{1,2}|[a-h])\))?")
_SENTENCE = re.compile(r"(?<!\b[Nn]o)\.\s+(?=[A-Z(])")
# Where a document's description stops naming it and starts describing it.
_DESCRIPTION = re.compile(r"\b(?:issued?|expir\w*|valid|date)\b", re.I)
_NUMBER = re.compile(r"\b[A-Z]{1,3}[ -]\d[\w/-]*|[\w/-]*\d[\w/.-]*")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_UN_REFERENCE = re.compile(
    r"\bUN\s*Ref(?:erence)?\b[.:\s]*([A-Z][A-Za-z]*(?:\.[A-Za-z0-9]+)+)", re.I
)


def split_numbered(cell: str) -> list[str]:
    """The items of an OFSI numbered list; a cell without numbers is one item."""
    items = (item.strip(" ,;") for item in _MARKER.split(cell))
    return [item for item in items if item and item != "."]


def country_in(text: str) -> str | None:
    """The country a phrase names ("Qatari passport", "(Iranian citizenship)").

    Parentheses are read first, then the words; words under four letters are
    skipped, so a number prefix like "SA 0000417" is not read as Saudi Arabia.
    """
    for candidate in [*_PARENTHESIS.findall(text), _PARENTHESIS.sub(" ", text)]:
        words = [word.strip(".,:;") for word in candidate.split()]
        code = country_code(candidate) or _country_in_words(words)
        if code is not None:
            return code
    return None


def _country_in_words(words: list[str]) -> str | None:
    for start in range(len(words)):
        for phrase in (words[start : start + 2], words[start : start + 1]):
            if len(phrase[-1]) >= 4 and (code := country_code(" ".join(phrase))) is not None:
                return code
    return None


def parse_documents(kind: DocumentKind, cell: str) -> tuple[list[Document], list[str]]:
    """Documents named in a cell, and the items that name no number.

    Each numbered item, and within it each sentence that starts with a number, is a
    document; sentences without a number ("Issued on 1 June 1996") describe the
    document before them and join its note.
    """
    documents: list[Document] = []
    leftovers: list[str] = []
    for item in split_numbered(cell):
        found: list[Document] = []
        for sentence in _SENTENCE.split(item):
            number = _number_in(sentence)
            if number is not None:
                found.append(Document(kind, number, country_in(sentence), sentence))
            elif found:
                found[-1] = Document(
                    kind, found[-1].number, found[-1].country, f"{found[-1].note}. {sentence}"
                )
        documents.extend(found)
        if not found:
            leftovers.append(item)
    return documents, leftovers


def _number_in(sentence: str) -> str | None:
    """The document number in the naming part of a sentence, if it has one."""
    naming = _DESCRIPTION.split(sentence, maxsplit=1)[0]
    match = _NUMBER.search(naming)
    return match.group().strip(".,-/") or None if match else None


def un_reference(text: str) -> str:
    """The UN reference ("QDe.004") OFSI quotes in Other Information, or ""."""
    match = _UN_REFERENCE.search(text)
    return match.group(1) if match else ""
