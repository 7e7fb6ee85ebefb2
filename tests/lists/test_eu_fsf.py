"""EU Financial Sanctions Files XML 1.1 on the real (partial) 2022-03-18 file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from interdict.config import Settings
from interdict.entities.model import BirthDate, DocumentKind, NameKind, Schema
from interdict.errors import ListShrinkError, ListTruncatedError
from interdict.lists.formats.eu.fsf_xml import SOURCE
from interdict.lists.importer import import_list, read_list
from interdict.lists.source import IssueKind
from interdict.services import build_services

from .parsed import parsed

FILE = "eu-fsf-2022-03-18-partial.xml"
NS = "{http://eu.europa.ec/fpi/fsd/export}"


def test_counts_against_the_file(lists_dir: Path) -> None:
    root = etree.parse(lists_dir / FILE).getroot()
    elements = root.findall(f"{NS}sanctionEntity")
    result = parsed(FILE)
    assert len(elements) == 1044
    # 20 entities are listed under two regulations: one element each, one logicalId.
    assert len({e.get("logicalId") for e in elements}) == len(result.entities) == 1024
    names = [n for e in result.entities for n in e.names]
    assert sum(1 for _ in root.iter(f"{NS}nameAlias")) == 4855  # repeats across the pairs
    assert (len(names), sum(1 for n in names if n.kind is NameKind.ALIAS)) == (4792, 3768)
    assert sum(len(e.birth_dates) for e in result.entities) == 685
    assert sum(len(e.documents) for e in result.entities) == 285
    schemas = Counter(e.schema for e in result.entities)
    assert schemas == {Schema.PERSON: 696, Schema.ORGANIZATION: 328}
    programmes = Counter(p for e in result.entities for p in e.programs)
    assert (programmes["TAQA"], programmes["TERR"], programmes["IRN"]) == (216, 28, 267)
    assert result.published == "2022-03-18"
    assert result.declared_count is None  # the format states none; none is made up


def test_the_partial_copy_says_so(lists_dir: Path) -> None:
    issues = [i for i in parsed(FILE).issues if i.kind is IssueKind.PARTIAL]
    assert len(issues) == 1
    assert "first 1,044 records" in issues[0].message


def test_spot_check_qadhafi_with_her_un_reference(lists_dir: Path) -> None:
    aisha = next(e for e in parsed(FILE).entities if e.key == "6092")
    assert aisha.reference == "LYi.009"
    assert aisha.caption == "AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI"
    assert aisha.birth_dates == (BirthDate("1978-01-01", text="1978-01-01"),)
    passports = [d.number for d in aisha.documents if d.kind is DocumentKind.PASSPORT]
    assert passports == ["215215", "03824970", "B/011641", "428720"]
    assert ("eu_reference", "EU.3829.86") in aisha.extra


def test_names_keep_their_script_and_dates_their_precision(lists_dir: Path) -> None:
    entities = parsed(FILE).entities
    scripts = Counter(n.script for e in entities for n in e.names if n.script)
    assert scripts["Arab"] > 50
    assert scripts["Cyrl"] > 50
    dates = [b for e in entities for b in e.birth_dates]
    assert any(b.end for b in dates)  # yearRangeFrom / yearRangeTo
    assert any(b.circa and len(b.start) == 4 for b in dates)


def _cut_and_closed(source: Path, target: Path, records: int) -> Path:
    """A copy holding only the first `records` records, closed so it parses (as the real one)."""
    data = source.read_bytes()
    end = 0
    for _ in range(records):
        end = data.index(b"</sanctionEntity>", end) + len(b"</sanctionEntity>")
    target.write_bytes(data[:end] + b"\n</export>\n")
    return target


def test_a_cut_copy_closed_so_it_parses_is_refused_by_the_shrink_guard(
    lists_dir: Path, tmp_path: Path
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    store = build_services(settings, create=True).lists
    first = import_list(store, [lists_dir / FILE])
    assert any(i.kind is IssueKind.PARTIAL for i in store.issues(first.version.id))
    cut = _cut_and_closed(lists_dir / FILE, tmp_path / "eu.xml", 400)
    parsed_cut, _ = read_list([cut])
    assert not any(i.kind is IssueKind.PARTIAL for i in parsed_cut.issues)
    with pytest.raises(ListShrinkError, match="entities"):
        import_list(store, [cut])


def test_a_copy_cut_without_closing_is_refused_as_cut(lists_dir: Path, tmp_path: Path) -> None:
    cut = tmp_path / "eu.xml"
    cut.write_bytes((lists_dir / FILE).read_bytes()[:200_000])
    with pytest.raises(ListTruncatedError, match="</export>"):
        SOURCE.parse([cut])
