"""Designation groups on the real lists: one person, many listings."""

from __future__ import annotations

from collections import Counter

from interdict.entities.model import BirthDate, Document, DocumentKind, Entity, Name, Schema
from interdict.lists.linking import Listing, fold_name, link_designations

from .parsed import parsed

FILES = {
    "un": ("un-consolidated-2026-02-27.xml",),
    "uk": ("uk-ofsi-conlist-2022-05-04.xlsx",),
    "eu": ("eu-fsf-2022-03-18-partial.xml",),
    "au": ("au-dfat-consolidated-2022-05-03.xls",),
    "ca": ("ca-sema-2022-05-11.xml",),
}


def listings() -> list[Listing]:
    return [
        Listing(f"{name}/{entity.key}", name, entity)
        for name, files in FILES.items()
        for entity in parsed(*files).entities
    ]


def test_zawahiri_is_one_group_across_four_lists() -> None:
    groups = link_designations(listings())
    group = groups.group("uk/7016")
    assert group is not None
    assert group.id == "un:QDi.006"
    assert group.members == ("au/147", "eu/551", "uk/7016", "un/QDi.006")
    assert group.reasons[:3] == (
        "UN reference QDi.006",  # the UK quotes it; the EU and Australia do not
        "same passport number 1084010",  # UK and UN
        "same passport number 19820215",
    )
    assert any(r.startswith("same name and date of birth 1951-06-19") for r in group.reasons)


def test_group_counts_on_the_real_lists() -> None:
    groups = link_designations(listings())
    sizes = Counter(len(g.members) for g in groups.groups.values())
    assert max(sizes) <= 4  # one listing per list at most, five lists
    assert sum(1 for g in groups.groups.values() if g.id.startswith("un:")) > 600
    # Every UK listing quoting a UN reference of the active UN list joins its group.
    un_keys = {e.key for e in parsed(*FILES["un"]).entities}
    quoting = [e for e in parsed(*FILES["uk"]).entities if e.reference in un_keys]
    assert len(quoting) > 600
    assert all(groups.group_of[f"uk/{e.key}"] == f"un:{e.reference}" for e in quoting)


def person(key: str, name: str, dob: str = "", passport: str = "") -> Entity:
    return Entity(
        key=key,
        schema=Schema.PERSON,
        names=(Name(name),),
        birth_dates=(BirthDate(dob),) if dob else (),
        documents=(Document(DocumentKind.PASSPORT, passport),) if passport else (),
    )


def test_name_and_date_of_birth_must_both_be_the_same_and_the_date_full() -> None:
    groups = link_designations(
        [
            Listing("a/1", "a", person("1", "Ali HASSAN", "1970-05-17")),
            Listing("b/1", "b", person("1", "hassan, Ali", "1970-05-17")),
            Listing("c/1", "c", person("1", "Ali Hassan", "1970")),  # a year only
            Listing("d/1", "d", person("1", "Ali Hassan Omar", "1970-05-17")),
        ]
    )
    assert [g.members for g in groups.groups.values()] == [("a/1", "b/1")]


def test_a_key_shared_within_one_list_links_nothing() -> None:
    # Two entries of list "a" with one passport number: not one person's number.
    groups = link_designations(
        [
            Listing("a/1", "a", person("1", "Ali Hassan", passport="A1234567")),
            Listing("a/2", "a", person("2", "Omar Hassan", passport="A1234567")),
            Listing("b/9", "b", person("9", "A. Hassan", passport="A-123 4567")),
        ]
    )
    assert groups.groups == {}


def test_short_document_numbers_do_not_link() -> None:
    groups = link_designations(
        [
            Listing("a/1", "a", person("1", "Ali", passport="12345")),
            Listing("b/1", "b", person("1", "Omar", passport="12345")),
        ]
    )
    assert groups.groups == {}


def test_folded_names() -> None:
    assert fold_name("AL-ZAWAHIRI, Ayman") == fold_name("Ayman al Zawahiri") == "al ayman zawahiri"
    assert fold_name("Qoussaï") == "qoussai"
