"""FollowTheMoney JSON lines as a list format: members' own lists, `lists export` output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.entities.ftm import write_ftm_lines
from interdict.errors import ListFormatError
from interdict.lists.registry import SOURCES, source_for
from tests.conftest import CliHarness

FTM = SOURCES["ftm-jsonl"]
UK = "uk-hmt-conlist-2018-04-13.csv"


def test_an_export_of_a_real_list_imports_back_with_every_name_date_and_document(
    lists_dir: Path, tmp_path: Path
) -> None:
    original = SOURCES["uk-hmt-csv"].parse([lists_dir / UK]).entities
    path = tmp_path / "bank-a-watchlist.ftm.jsonl"
    write_ftm_lines(original, path)
    assert source_for([path]) is FTM
    parsed = FTM.parse([path])
    assert parsed.list_name == "bank-a-watchlist"
    back = {e.key: e for e in parsed.entities}
    assert set(back) == {e.key for e in original}
    for entity in original:
        other = back[entity.key]
        assert sorted(n.full for n in other.names) == sorted(n.full for n in entity.names)
        # The dates as dates; the list's own wording ("00/00/1980") stays behind.
        assert [(d.start, d.end) for d in other.birth_dates] == [
            (d.start, d.end) for d in entity.birth_dates
        ]
        assert sorted(d.number for d in other.documents) == sorted(
            d.number for d in entity.documents
        )
        assert other.nationalities == entity.nationalities


def lines(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


PERSON = {"id": "p1", "schema": "Person", "properties": {"name": ["Ayman al Zawahiri"]}}


@pytest.mark.parametrize(
    ("records", "line", "field"),
    [
        ([PERSON, "not an object"], 2, None),
        ([PERSON, {"id": "p2", "schema": "Person", "properties": {"name": "Abu Bakr"}}], 2, "name"),
        ([{"id": "p3", "schema": "Person", "properties": {"alias": []}}], 1, "name"),
        ([{"schema": "Person", "properties": {"name": ["X Y"]}}], 1, "id"),
        (
            [
                PERSON,
                {
                    "id": "d",
                    "schema": "Passport",
                    "properties": {"holder": ["nobody"], "number": ["1"]},
                },
            ],
            None,
            "holder",
        ),
    ],
)
def test_a_bad_record_is_refused_naming_its_line_and_field(
    tmp_path: Path, records: list[object], line: int | None, field: str | None
) -> None:
    path = lines(tmp_path / "list.ftm.jsonl", records)
    with pytest.raises(ListFormatError) as caught:
        FTM.parse([path])
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert caught.value.field == field


def test_broken_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "list.ftm.jsonl"
    path.write_text(json.dumps(PERSON) + "\n" + '{"id": "p2", "schema": \n', encoding="utf-8")
    with pytest.raises(ListFormatError) as caught:
        FTM.parse([path])
    assert caught.value.line == 2
    assert "not JSON" in str(caught.value)


def test_a_members_list_imports_claims_and_diffs_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliHarness()
    runner.use(tmp_path)
    second = {"id": "p2", "schema": "Person", "properties": {"name": ["Hamza bin Laden"]}}
    path = lines(tmp_path / "bank-a-watchlist.ftm.jsonl", [PERSON, second])
    first = runner.invoke(["lists", "import", str(path)])
    assert first.exit_code == 0, first.output
    assert "bank-a-watchlist: version 1" in first.output
    assert runner.invoke(["members", "add", "bank-a"]).exit_code == 0
    claimed = runner.invoke(["lists", "claim", "bank-a-watchlist", "bank-a"])
    assert claimed.exit_code == 0, claimed.output

    amended = {**PERSON, "properties": {"name": ["Ayman al Zawahiri"], "birthDate": ["1951"]}}
    lines(path, [amended])
    refused = runner.invoke(["lists", "import", str(path)])
    assert refused.exit_code != 0  # half the list gone: the shrink guard
    accepted = runner.invoke(["lists", "import", str(path), "--accept-shrink"])
    assert accepted.exit_code == 0, accepted.output
    assert "0 added, 1 removed, 1 amended" in accepted.output
