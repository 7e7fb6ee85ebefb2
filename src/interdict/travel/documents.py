"""Every listed travel document, looked up by number: the document watch path.

A traveller's document whose number and issuing state equal a listed one's is
near-conclusive whatever the name on the manifest: a lost or stolen passport
travels under another name, and a listed person may travel on a listed passport
with a new spelling of their name. Entries of every list are indexed, the
travel-document watch lists (lost/stolen, revoked, FTF) and the designation lists'
own passport numbers alike; a lookup returns only the lists the caller may see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from interdict.entities.model import Document, DocumentKind
from interdict.matching.evidence import normalize_document
from interdict.screening.screen import ListedEntity
from interdict.travel.model import TravelDocument

#: Listed numbers shorter than this are too unspecific to alert on their own
#: ("123", list typos); they still count as evidence next to a name match.
MIN_DOCUMENT_DIGITS = 5
IDENTITY_KINDS = frozenset({DocumentKind.PASSPORT, DocumentKind.NATIONAL_ID, DocumentKind.OTHER})


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A traveller's document found on a list; `same_country` False when either
    side's issuing state is unknown (never True for two different states)."""

    listed: ListedEntity
    document: Document
    same_country: bool


class DocumentIndex:
    """Listed identity documents by normalised number."""

    def __init__(self, listed: Iterable[ListedEntity]) -> None:
        self._by_number: dict[str, list[tuple[ListedEntity, Document]]] = {}
        for item in listed:
            for document in item.entity.documents:
                number = normalize_document(document.number)
                if document.kind in IDENTITY_KINDS and len(number) >= MIN_DOCUMENT_DIGITS:
                    self._by_number.setdefault(number, []).append((item, document))

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_number.values())

    def lookup(self, document: TravelDocument, lists: Iterable[str]) -> list[DocumentHit]:
        """Listed documents with this number, on `lists`, not issued by another state."""
        visible = set(lists)
        hits = []
        for listed, found in self._by_number.get(normalize_document(document.number), []):
            if listed.list_name not in visible:
                continue
            known = document.country is not None and found.country is not None
            if known and found.country != document.country:
                continue
            hits.append(DocumentHit(listed, found, same_country=known))
        return hits
