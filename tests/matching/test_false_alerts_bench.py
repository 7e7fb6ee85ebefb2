"""The false-alert benchmark's own parts: rows as subjects, scripts, the generated file."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from interdict.entities.model import NamePartKind
from tests.bench_scripts import load_bench

ROOT = Path(__file__).resolve().parents[2]


def bench() -> ModuleType:
    return load_bench("false_alerts")


def test_a_row_keeps_its_given_and_family_names_and_unknown_gender() -> None:
    record = {
        "full_name": "Ingeborg Abrahamsen",
        "first_name": "Ingeborg",
        "middle_name": "",
        "last_name": "Abrahamsen",
        "gender": "other",
        "date_of_birth": "1972-11-21",
        "nationality": "France",
    }
    subject = bench().subject_of(record, "row:1")
    kinds = [(part.kind, part.value) for part in subject.names[0].parts]
    assert kinds == [(NamePartKind.GIVEN, "Ingeborg"), (NamePartKind.FAMILY, "Abrahamsen")]
    assert subject.nationalities == ("fr",)
    assert subject.birth_dates[0].start == "1972-11-21"


def test_scripts_are_told_apart() -> None:
    label = bench().script_label
    assert [label(n) for n in ("윤 지호", "王伟", "さくら", "محمد", "Olga", "Ольга")] == [
        "Hangul",
        "Han",
        "Kana",
        "Arabic",
        "Latin",
        "Cyrillic",
    ]


def test_the_generated_file_is_reproducible(tmp_path: Path) -> None:
    written = tmp_path / "generated.csv"
    bench().write_generated(written)
    shipped = ROOT / "data" / "eval" / "generated-negatives.csv"
    assert written.read_bytes() == shipped.read_bytes()


def test_an_alert_on_a_listed_firms_own_name_is_counted_apart() -> None:
    from interdict.entities.model import Entity, Name, Schema
    from interdict.matching import score
    from interdict.screening.screen import Hit, ListedEntity

    def hit(query: str, listed: str) -> object:
        firm = Entity(key="k", schema=Schema.ORGANIZATION, names=(Name(listed),))
        subject = Entity(key="q", schema=Schema.ORGANIZATION, names=(Name(query),))
        return Hit(ListedEntity("ofac-sdn", 1, firm), score(subject, firm))

    module = bench()
    assert module.is_listed_name(hit("Dubai Trading Company Limited", "DUBAI TRADING COMPANY"))
    assert not module.is_listed_name(hit("Golden Trading Co", "GOLDEN STAR TRADING LLC"))
