"""The structured-recall benchmark's own parts: a listing as a first/last record, the
comparison of two trees' scores."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from rich.console import Console

from interdict.entities.model import Entity, Name, NamePart, NamePartKind, Schema
from tests.bench_scripts import load_bench


def bench() -> ModuleType:
    return load_bench("structured_recall")


def test_a_listing_filed_in_parts_becomes_a_record_of_its_first_and_last_names() -> None:
    parts = (
        NamePart(NamePartKind.FAMILY, "VAINBERG"),
        NamePart(NamePartKind.GIVEN, "Aleksandr"),
        NamePart(NamePartKind.SECOND, "Vladelenovich"),
    )
    listed = Entity(
        key="14931",
        schema=Schema.PERSON,
        names=(Name("Aleksandr Vladelenovich VAINBERG", parts=parts),),
    )
    query = bench()._query(listed, "uk/14931")
    assert query.key == "uk/14931"
    assert query.names[0].full == "Aleksandr Vladelenovich VAINBERG"
    assert [(p.kind, p.value) for p in query.names[0].parts] == [
        (NamePartKind.GIVEN, "Aleksandr Vladelenovich"),
        (NamePartKind.FAMILY, "VAINBERG"),
    ]
    assert not query.birth_dates
    unfiled = Entity(key="x", schema=Schema.PERSON, names=(Name("UDAY SADDAM HUSSEIN"),))
    assert bench()._query(unfiled, "un/x") is None
    firm = Entity(key="f", schema=Schema.ORGANIZATION, names=(Name("Bank", parts=parts),))
    assert bench()._query(firm, "un/f") is None


def test_compare_counts_the_listings_found_and_names_those_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    Scores = dict[str, float | None]
    rows: list[tuple[str, str, Scores, Scores]] = [
        ("q1", "Ruslan BORISOV", {"ofac/26171": 0.8103}, {"ofac/26171": 0.7533})
    ]
    rows.append(
        ("q2", "Ayman Zawahiri", {"uk/1": 0.93, "eu/2": None}, {"uk/1": 0.94, "eu/2": 0.81})
    )
    for path, index in ((before, 2), (after, 3)):
        lines = [json.dumps({"query": r[0], "name": r[1], "mates": r[index]}) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bench().compare(before, after, Console(width=200))
    out = capsys.readouterr().out
    assert "found at 0.8 only after: 1" in out
    assert "'Ruslan BORISOV' → ofac/26171 (0.8103 → 0.7533)" in out
    assert "│ found at 0.8     │      2 │     2 │" in out
