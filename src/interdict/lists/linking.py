"""Designation groups: the listings of different lists that are one designated person.

The same person is listed by the UN, the UK, the EU, OFAC, Canada and Australia, each
under its own key; an analyst should decide on that person once. Listings are linked
when they share:

- the UN reference (`QDi.006`): the UN's own key, which the UK and EU quote for the
  listings that implement a UN one (`Entity.reference`);
- a passport or national identity number (six characters or more, with a digit);
- a strict name and date of birth: the same name, letter for letter once case,
  accents, punctuation and word order are set aside, and the same full date of birth
  (day, month and year — a year alone is shared by too many people).

A key links listings only when it falls on at most one listing per list: a list
never designates one person twice, so a key shared within one list (two relatives'
names and birthday, a number reused by an issuer) says the key is not a person's, and
it links nothing. Links are transitive (a UK listing with the UN reference and an
OFAC one with the same passport are one group). Groups are computed from the active
versions, so they are rebuilt whenever a list changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from interdict.entities.model import DocumentKind, Entity, NameStrength, Schema
from interdict.lists.store import ListStore

UN_REFERENCE = re.compile(r"[A-Z]{2}[ie]\.\d{3}")
_LINKING_DOCUMENTS = {DocumentKind.PASSPORT: "passport", DocumentKind.NATIONAL_ID: "national ID"}
_SHORTEST_DOCUMENT = 6  # shorter numbers ("1234") recur across issuers
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Listing:
    """One entity of one list, as linking sees it: `list/key` and the entity."""

    screening_id: str
    list_name: str
    entity: Entity


@dataclass(frozen=True, slots=True)
class DesignationGroup:
    """Listings that are one designation, and why they were linked."""

    id: str
    members: tuple[str, ...]  # screening ids, sorted
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DesignationGroups:
    """Every group of two or more listings, and the group of each linked listing."""

    groups: dict[str, DesignationGroup]
    group_of: dict[str, str]

    def group(self, screening_id: str) -> DesignationGroup | None:
        found = self.group_of.get(screening_id)
        return None if found is None else self.groups[found]


def un_reference(entity: Entity) -> str | None:
    """The UN reference a listing carries (the UN list's own key is one), if any."""
    return entity.reference if UN_REFERENCE.fullmatch(entity.reference) else None


def link_designations(listings: Iterable[Listing]) -> DesignationGroups:
    """The designation groups among `listings` (several lists' active versions)."""
    by_key: dict[tuple[str, str], list[Listing]] = {}
    for listing in listings:
        for key in dict.fromkeys(_keys(listing.entity)):
            by_key.setdefault(key, []).append(listing)
    parent: dict[str, str] = {}
    reasons: dict[tuple[str, str], str] = {}
    for key, found in by_key.items():
        lists = [listing.list_name for listing in found]
        if len(found) < 2 or len(set(lists)) != len(lists):
            continue
        first = _root(parent, found[0].screening_id)
        for other in found[1:]:
            parent[_root(parent, other.screening_id)] = first
            first = _root(parent, first)
        reasons[key] = _reason(key)
    return _groups(parent, by_key, reasons)


def _keys(entity: Entity) -> Iterator[tuple[str, str]]:
    reference = un_reference(entity)
    if reference is not None:
        yield ("un", reference)
    for document in entity.documents:
        number = re.sub(r"[^0-9A-Za-z]", "", document.number).upper()
        kind = _LINKING_DOCUMENTS.get(document.kind)
        if kind and len(number) >= _SHORTEST_DOCUMENT and any(c.isdigit() for c in number):
            yield (kind, number)
    if entity.schema is Schema.PERSON:
        dates = [b.start for b in entity.birth_dates if not b.end and _FULL_DATE.fullmatch(b.start)]
        for name in entity.names if dates else ():  # no date: no key, so no name folded
            if name.strength is NameStrength.GOOD and (folded := fold_name(name.full)):
                yield from (("name and date of birth", f"{folded}|{date}") for date in dates)


@lru_cache(maxsize=262144)
def fold_name(name: str) -> str:
    """A name with case, accents, punctuation and word order set aside. Cached: a
    screener rebuilt for a new version of one list links every list again, and the
    lists repeat names (one person on several lists)."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(sorted(re.sub(r"[\W_]+", " ", letters).split()))


def _root(parent: dict[str, str], item: str) -> str:
    parent.setdefault(item, item)
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _reason(key: tuple[str, str]) -> str:
    kind, value = key
    if kind == "un":
        return f"UN reference {value}"
    if kind == "name and date of birth":
        return f"same name and date of birth {value.rsplit('|', 1)[1]}"
    return f"same {kind} number {value}"


def _condensed(reasons: list[str]) -> list[str]:
    """Each reason once, the UN reference first, names last with how many matched."""
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    ordered = sorted(counts, key=lambda r: (not r.startswith("UN"), r.startswith("same name")))
    return [
        f"{reason} ({counts[reason]} names)"
        if reason.startswith("same name") and counts[reason] > 1
        else reason
        for reason in ordered
    ]


def _groups(
    parent: dict[str, str],
    by_key: dict[tuple[str, str], list[Listing]],
    reasons: dict[tuple[str, str], str],
) -> DesignationGroups:
    members: dict[str, list[str]] = {}
    for item in parent:
        members.setdefault(_root(parent, item), []).append(item)
    root_reasons: dict[str, list[str]] = {}
    references: dict[str, list[str]] = {}
    for key, reason in reasons.items():
        root = _root(parent, by_key[key][0].screening_id)
        root_reasons.setdefault(root, []).append(reason)
        if key[0] == "un":
            references.setdefault(root, []).append(key[1])
    root_reasons = {root: _condensed(found) for root, found in root_reasons.items()}
    groups: dict[str, DesignationGroup] = {}
    group_of: dict[str, str] = {}
    for root, ids in members.items():
        ordered = tuple(sorted(ids))
        refs = sorted(references.get(root, []))
        group_id = f"un:{refs[0]}" if refs else f"group:{ordered[0]}"
        groups[group_id] = DesignationGroup(group_id, ordered, tuple(root_reasons[root]))
        group_of.update(dict.fromkeys(ordered, group_id))
    return DesignationGroups(groups, group_of)


def active_listings(store: ListStore) -> Iterator[Listing]:
    """Every entity of every list's active version, as linking sees it."""
    for list_name in store.list_names():
        version = store.active_version(list_name)
        for entity in store.entities(version.id):
            yield Listing(f"{list_name}/{entity.key}", list_name, entity)
