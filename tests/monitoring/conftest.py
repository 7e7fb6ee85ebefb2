"""Monitoring fixtures: a store with UN 2018-06-07, a member, and generated books."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from interdict.config import Settings
from interdict.services import Services, build_services
from tests.bench_scripts import load_bench

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "data" / "lists"
UN_OLD, UN_NEW = LISTS / "un-consolidated-2018-06-07.xml", LISTS / "un-consolidated-2018-06-21.xml"
#: The two people the UN added on 2018-06-21 (QDi.413, QDi.414), spelt as a bank would.
PLANTED = [
    {"id": "A-1", "name": "Myrna Ajijul Mabansa", "dob": "1991-07-11", "nationality": "PH"},
    {"id": "A-2", "name": "Abdul Patta Escalon Abubakar", "dob": "1965-03-03", "nationality": ""},
]


def generator() -> ModuleType:
    return load_bench("generate_list")


def write_book(path: Path, generated: int, planted: list[dict[str, str]]) -> Path:
    generator().write_book(path, generated, seed=7)
    with path.open("a", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        for row in planted:
            out.writerow([row["id"], row["name"], row["dob"], row["nationality"], ""])
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'monitoring.db'}")


@pytest.fixture
def svc(settings: Settings) -> Iterator[Services]:
    services = build_services(settings, create=True)
    yield services
    services.close()
