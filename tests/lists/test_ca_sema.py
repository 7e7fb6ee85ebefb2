"""Canada's consolidated autonomous sanctions list (SEMA) on the real 2022-05-11 file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from interdict.entities.model import BirthDate, NameKind, Schema
from interdict.errors import ListFormatError
from interdict.lists.formats.ca.sema_xml import SOURCE

from .parsed import parsed

FILE = "ca-sema-2022-05-11.xml"


def test_counts_against_the_file(lists_dir: Path) -> None:
    records = etree.parse(lists_dir / FILE).getroot().findall("record")
    result = parsed(FILE)
    assert len(records) == len(result.entities) == 2606
    assert result.published is None  # the file states no date
    assert result.declared_count is None  # and no count
    names = [n for e in result.entities for n in e.names]
    assert (len(names), sum(1 for n in names if n.kind is NameKind.ALIAS)) == (3935, 1329)
    assert sum(1 for r in records if r.findtext("Aliases")) == 1151
    assert sum(len(e.birth_dates) for e in result.entities) == 645  # 644 cells, one "a or b"
    assert sum(len(e.documents) for e in result.entities) == 0
    schemas = Counter(e.schema for e in result.entities)
    assert schemas == {Schema.PERSON: 2069, Schema.ORGANIZATION: 537}
    regimes = Counter(e.programs[0] for e in result.entities)
    assert (regimes["Russia"], regimes["Ukraine"], regimes["Syria"]) == (961, 451, 281)
    assert not result.issues


def test_packed_aliases_are_split_and_keep_their_script(lists_dir: Path) -> None:
    names = {n.full: n for e in parsed(FILE).entities for n in e.names}
    assert names["Ivan Golovatyi"].kind is NameKind.ALIAS
    assert names["Иван Иванович Головатый"].script == "Cyrl"
    assert "Aleksei, Oleksii SALYAYEV, SALIAIEV" in names  # commas are not split


def test_either_or_dates_and_records_without_an_item(lists_dir: Path) -> None:
    entities = parsed(FILE).entities
    both = [e for e in entities if len(e.birth_dates) == 2]
    assert [b.start for b in both[0].birth_dates] == ["1972-08-10", "1972-08-11"]
    assert any(e.key == "Belarus/-/Belarusbank" for e in entities)
    assert next(e for e in entities if e.key == "Belarus/1/3").birth_dates == (
        BirthDate("1965-04-29", text="1965-04-29"),
    )


def test_a_record_without_a_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sema.xml"
    path.write_text("<data-set><record><Country>Iran</Country><Item>1</Item></record></data-set>")
    with pytest.raises(ListFormatError, match="without a name"):
        SOURCE.parse([path])
