"""Clean answers shared by a server's workers (screening/shared_answers.py): a subject
one screener answered clean is not matched again by another of the same versions, code
and parameters; anything else is screened, and a file that fails is never a clean answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.lists.regimes import Regime
from interdict.lists.registry import source_for
from interdict.screening.scope import Scope
from interdict.screening.screen import ListedEntity, Screener
from interdict.screening.shared_answers import SharedCleanAnswers, canonical
from tests.conftest import LISTS
from tests.screening.test_answers import CountingMatcher, facts

UN = LISTS / "un-consolidated-2018-06-21.xml"
UN_OLD = LISTS / "un-consolidated-2018-06-07.xml"
#: The two people the UN added on 2018-06-21 (QDi.413, QDi.414), as a bank spells them.
ADDED = ["Myrna Ajijul Mabansa", "Abdul Patta Escalon Abubakar"]
CLEAN = ["Maria Jones", "Henrik Larsson", "Zebulon Quartermaine"]
LISTED = ["Aiman al-Zawahiri", "Ali Mohammed"]


def listing(path: Path, version: int) -> list[ListedEntity]:
    return [ListedEntity("un", version, e) for e in source_for([path]).parse([path]).entities]


@pytest.fixture(scope="module")
def listed() -> list[ListedEntity]:
    return listing(UN, 2)


def subject(name: str, key: str = "q") -> Entity:
    return Entity(key=key, schema=Schema.PERSON, names=(Name(name),))


def worker(listed: list[ListedEntity], file: Path) -> Screener:
    """A screener as a server's worker holds it: sharing through `file`."""
    screener = Screener(listed, {"un": listed[0].version_id})
    screener.share_clean_answers(SharedCleanAnswers(file))
    return screener


def test_a_clean_answer_of_one_worker_is_taken_by_another_without_matching(
    listed: list[ListedEntity], tmp_path: Path
) -> None:
    file = tmp_path / "clean.sqlite"
    first, second = worker(listed, file), worker(listed, file)
    one, other = CountingMatcher(), CountingMatcher()
    names = CLEAN + LISTED
    answers = [facts(first.screen(subject(n, f"a{i}"), matcher=one)) for i, n in enumerate(names)]
    assert [bool(a) for a in answers] == [False] * len(CLEAN) + [True] * len(LISTED)
    again = [facts(second.screen(subject(n, f"b{i}"), matcher=other)) for i, n in enumerate(names)]
    # The clean ones were taken, not matched; the listed ones matched, as the first did.
    assert other.queries == [f"b{len(CLEAN) + i}" for i in range(len(LISTED))]
    assert second.shared_clean is not None
    assert second.shared_clean.taken == len(CLEAN)
    assert [[(f[0], f[1], f[3]) for f in a] for a in again] == [
        [(f[0], f[1], f[3]) for f in a] for a in answers
    ]
    # Taken once, kept: the next ask is this worker's own answer.
    second.screen(subject(CLEAN[0]), matcher=other)
    assert second.shared_clean.taken == len(CLEAN)


def test_a_screener_of_other_versions_never_takes_a_clean_answer(
    listed: list[ListedEntity], tmp_path: Path
) -> None:
    """On the UN list of 2018-06-07 the two people added on 2018-06-21 are clean; a
    worker that has loaded 2018-06-21 screens them itself, and finds them."""
    file = tmp_path / "clean.sqlite"
    old, new = worker(listing(UN_OLD, 1), file), worker(listed, file)
    assert not any(old.screen(subject(n)) for n in ADDED)
    found = [new.screen(subject(n)) for n in ADDED]
    assert new.shared_clean is not None
    assert new.shared_clean.taken == 0
    assert all(found)
    assert {h.listed.entity.reference for hits in found for h in hits} >= {"QDi.413", "QDi.414"}


def test_other_parameters_never_take_a_clean_answer(
    listed: list[ListedEntity], tmp_path: Path
) -> None:
    file = tmp_path / "clean.sqlite"
    first, second = worker(listed, file), worker(listed, file)
    name = subject(CLEAN[0])
    first.screen(name)
    asked = [
        {"threshold": 0.6},
        {"scope": Scope((("un",),), frozenset({Regime.TERRORISM}))},
        {"candidates": 20},
        {"own_kind_only": True},
    ]
    for parameters in asked:
        second.screen_many([name], **parameters)  # type: ignore[arg-type]
    assert second.shared_clean is not None
    assert second.shared_clean.taken == 0
    second.screen(name, limit=2)  # clean is clean whatever the limit
    assert second.shared_clean.taken == 1


def test_a_file_that_fails_is_a_miss_never_a_clean_answer(
    listed: list[ListedEntity], tmp_path: Path
) -> None:
    """A file whose table cannot be read or written: every subject is screened, the
    listed ones still hit, and nothing is taken."""
    file = tmp_path / "clean.sqlite"
    import sqlite3

    with sqlite3.connect(file) as conn:
        conn.execute("CREATE TABLE clean (something_else TEXT)")
    first, second = worker(listed, file), worker(listed, file)
    one, other = CountingMatcher(), CountingMatcher()
    for screener, matcher in ((first, one), (second, other)):
        answers = [screener.screen(subject(n, n), matcher=matcher) for n in CLEAN + LISTED]
        assert [bool(a) for a in answers] == [False] * len(CLEAN) + [True] * len(LISTED)
        assert matcher.queries == CLEAN + LISTED
    assert second.shared_clean is not None
    assert second.shared_clean.taken == 0


def test_a_key_reads_the_same_in_another_process() -> None:
    """Sets (a scope's regimes) are ordered by string hashes, which differ between
    processes: the canonical form must not follow that order."""
    code = (
        "from interdict.lists.regimes import Regime; "
        "from interdict.screening.scope import Scope; "
        "from interdict.screening.shared_answers import canonical; "
        "import json; "
        "print(json.dumps(canonical(Scope((('un', 'ofac'),), frozenset(Regime)))))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(seen) == 1
    assert seen.pop().startswith('["dataclass", "interdict.screening.scope.Scope"')


def test_values_without_a_canonical_form_are_refused() -> None:
    with pytest.raises(TypeError):
        canonical(object())
    assert canonical(CountingMatcher()) == canonical(CountingMatcher(queries=["x"]))
