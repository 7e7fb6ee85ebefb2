"""A store with a small real watchlist (tests/payments/data), two members, and bank-b's
private list; the screener is built once per module."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import lru_cache
from pathlib import Path

import pytest

from interdict.config import Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity, Name, Schema
from interdict.lists.registry import source_for
from interdict.services import Caller, Services, build_services

from ..conftest import LISTS

DATA = Path(__file__).parent / "data"
WATCHLIST = DATA / "watchlist.ftm.jsonl"
PRIVATE_NAME = "Zoltan Quibblesworth"
SDN = (LISTS / "ofac-sdn-2023-11.csv", LISTS / "ofac-sdn-add-2023-11.csv")


def listed_entities() -> list[Entity]:
    return list(source_for([WATCHLIST]).parse([WATCHLIST]).entities)


@lru_cache(maxsize=1)
def _sdn() -> tuple[Entity, ...]:
    return tuple(source_for(list(SDN)).parse(list(SDN)).entities)


def sdn_entries(numbers: Collection[str]) -> list[Entity]:
    """OFAC's own entries of the bundled SDN file, by their number ("15126")."""
    return [e for e in _sdn() if e.key.rsplit("-", 1)[-1] in numbers]


def services_holding(folder: Path, lists: dict[str, list[Entity]]) -> Services:
    """A store in `folder` holding each named list of entities, its screener built."""
    services = build_services(Settings(database_url=f"sqlite:///{folder / 'n.db'}"), create=True)
    for name, entities in lists.items():
        path = folder / f"{name}.ftm.jsonl"
        write_ftm_lines(entities, path)
        services.import_list([path], actor="test", list_name=name)
    services.screener.refresh()
    return services


def make_services(folder: Path, **overrides: object) -> Services:
    settings = Settings(database_url=f"sqlite:///{folder / 'pay.db'}", **overrides)  # type: ignore[arg-type]
    services = build_services(settings, create=True)
    services.import_list([WATCHLIST], actor="test", list_name="watchlist")
    private = folder / "private.ftm.jsonl"
    write_ftm_lines([Entity("zq-1", Schema.PERSON, (Name(PRIVATE_NAME),))], private)
    services.import_list([private], actor="test", list_name="bank-b-own")
    a = services.members.create_member("bank-a")
    b = services.members.create_member("bank-b")
    services.claim_list("bank-b-own", b, actor="test")
    assert a.id != b.id
    services.screener.refresh()
    return services


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = make_services(
        tmp_path_factory.mktemp("payments"),
        payment_hold_countries={"*": ["IR", "KP", "CU", "SY"], "bank-b": ["KP"]},
    )
    yield services
    services.close()


def caller(svc: Services, member: str | None = None) -> Caller:
    owner = None if member is None else svc.members.member(member)
    return Caller(owner, f"test:{member or 'operator'}", "test")
