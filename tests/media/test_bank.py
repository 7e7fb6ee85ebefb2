"""Hash banks: versions, history, sharing and the HMA / ThreatExchange exchange files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from interdict.errors import InputError, ListFormatError, NotFoundError
from interdict.media.bank import BankEntry, read_entries, write_entries
from interdict.media.store import BankStore
from interdict.members.store import MemberStore

PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
PDQ_B = "e64cc9d91c623882f8d1f1d9a398e78c9f199b3bd83924f2b7e11e0bf861b064"
MD5_A = "d41d8cd98f00b204e9800998ecf8427e"


def test_every_change_is_a_version_with_its_delta(engine: Engine) -> None:
    store = BankStore(engine)
    store.create_bank("gifct-like")
    first = store.save_version(
        "gifct-like", [BankEntry("pdq", PDQ_A, ("glorification",)), BankEntry("md5", MD5_A)]
    )
    second = store.save_version("gifct-like", [BankEntry("pdq", PDQ_B, ("instruction",))])
    relabel = store.save_version("gifct-like", [BankEntry("pdq", PDQ_A, ("instruction",))])
    removal = store.remove("gifct-like", [("md5", MD5_A)], note="false positive")
    assert [(v.number, v.size, v.added, v.removed) for v in store.history("gifct-like")] == [
        (1, 2, 2, 0),
        (2, 3, 1, 0),
        (3, 3, 1, 1),
        (4, 2, 0, 1),
    ]
    assert (first.number, second.number, relabel.number, removal.note) == (
        1,
        2,
        3,
        "false positive",
    )
    assert {s.entry.value for s in store.entries("gifct-like", version=1)} == {PDQ_A, MD5_A}
    now = {s.entry.value: s.entry.labels for s in store.entries("gifct-like")}
    assert now == {PDQ_A: ("instruction",), PDQ_B: ("instruction",)}
    added, removed = store.changes("gifct-like", 3)
    assert [e.labels for e in added] == [("instruction",)]
    assert [e.labels for e in removed] == [("glorification",)]


def test_unchanged_content_writes_no_version(engine: Engine) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    store.save_version("b", [BankEntry("pdq", PDQ_A)])
    assert store.save_version("b", [BankEntry("pdq", PDQ_A.upper())]).number == 1
    assert store.save_version("b", [BankEntry("pdq", PDQ_A, (), "re-sent.csv")]).number == 1
    assert len(store.history("b")) == 1
    assert store.entries("b")[0].entry.source == ""  # the first provenance is kept


def test_replace_makes_the_file_the_whole_bank(engine: Engine) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    store.save_version("b", [BankEntry("pdq", PDQ_A), BankEntry("md5", MD5_A)])
    version = store.save_version("b", [BankEntry("pdq", PDQ_B)], replace=True)
    assert (version.size, version.added, version.removed) == (1, 1, 2)
    assert [s.entry.value for s in store.entries("b")] == [PDQ_B]


def test_visibility_follows_owner_shares_and_coalition(engine: Engine) -> None:
    members = MemberStore(engine)
    owner, partner, other = (members.create_member(n) for n in ("owner", "partner", "other"))
    store = BankStore(engine)
    store.create_bank("coalition")
    store.create_bank("private", owner_id=owner.id)
    store.share("private", partner.id)
    store.save_version("private", [BankEntry("pdq", PDQ_A)], member_id=owner.id)
    assert [b.name for b in store.banks(owner.id)] == ["coalition", "private"]
    assert [b.name for b in store.banks(partner.id)] == ["coalition", "private"]
    assert [b.name for b in store.banks(other.id)] == ["coalition"]
    assert store.entries("private")[0].added_by == owner.id


def test_bad_names_and_values_are_refused(engine: Engine) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    with pytest.raises(InputError, match="exists already"):
        store.create_bank("b")
    with pytest.raises(NotFoundError):
        store.entries("nope")
    with pytest.raises(NotFoundError, match="no version 9"):
        store.entries("b", version=9)
    with pytest.raises(NotFoundError):
        store.remove("b", [("pdq", PDQ_A)])


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_exchange_files_round_trip(suffix: str, tmp_path: Path) -> None:
    entries = [BankEntry("pdq", PDQ_A, ("a", "b"), "x"), BankEntry("md5", MD5_A, (), "x")]
    path = tmp_path / f"bank.{suffix}"
    assert write_entries(entries, path) == 2
    assert read_entries(path, source="x") == entries


def test_threatexchange_csv_with_comma_tags_and_no_header(tmp_path: Path) -> None:
    path = tmp_path / "te.csv"
    path.write_text(f'PDQ,{PDQ_A.upper()},"tag1,tag2"\nmd5,{MD5_A}\n')
    entries = read_entries(path)
    assert entries[0] == BankEntry("pdq", PDQ_A, ("tag1", "tag2"), "te.csv")
    assert entries[1].signal_type == "md5"


def test_malformed_rows_name_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"signal_type,signal_value,tags\npdq,{PDQ_A},\npdq,abc,\n")
    with pytest.raises(ListFormatError, match=r"bad.csv, line 3, field signal_value"):
        read_entries(path)
    path.write_text("tlsh,T1234,\n")
    with pytest.raises(ListFormatError, match="one of the types"):
        read_entries(path)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text(json.dumps([{"signal_type": "pdq"}]))
    with pytest.raises(ListFormatError, match="element #1"):
        read_entries(bad_json)
