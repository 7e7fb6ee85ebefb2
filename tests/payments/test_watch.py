"""The watched folder: every file ends in exactly one outcome folder, even through kill -9."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli.app import app
from interdict.config import Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity, Name, Schema
from interdict.errors import ConfigError
from interdict.payments.watch import (
    LOCK_NAME,
    REPORT_SUFFIX,
    Folders,
    Outcome,
    process,
    watch,
    watching,
)
from interdict.services import build_services

from .test_screen import mt103
from .watch_child import run_watcher, screen_by_content

LISTED = "Zoltan Quibblesworth"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store with a three-entry list: the watcher's child processes build it in a blink."""
    folder = tmp_path_factory.mktemp("watch")
    listed = folder / "tiny.ftm.jsonl"
    names = (LISTED, "Gideon Fairweather-Plum", "Orsolya Brambleton")
    write_ftm_lines(
        [Entity(f"t-{i}", Schema.PERSON, (Name(n),)) for i, n in enumerate(names)], listed
    )
    result = Settings(database_url=f"sqlite:///{folder / 'w.db'}")
    svc = build_services(result, create=True)
    svc.import_list([listed], actor="test", list_name="tiny")
    svc.close()
    return result


def folders(root: Path) -> Folders:
    found = Folders(root / "in", root / "pass", root / "hold", root / "error")
    for folder in (found.incoming, found.passed, found.held, found.failed):
        folder.mkdir(parents=True, exist_ok=True)
    return found


def deliver(incoming: Path, count: int) -> dict[str, Outcome]:
    """`count` files: mostly clean, some holding a listed name, some garbage."""
    expected = {}
    for number in range(count):
        kind = (Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.HOLD, Outcome.ERROR)[number % 5]
        name = f"msg-{number:04d}.fin"
        if kind is Outcome.HOLD:
            data = mt103(**{"59": f":59:/1\r\n{LISTED.upper()}"}).replace(
                b"REF1", f"R{number}".encode()
            )
        elif kind is Outcome.ERROR:
            data = b"not a payment " + str(number).encode()
        else:
            data = mt103().replace(b"REF1", f"R{number}".encode())
        (incoming / name).write_bytes(data)
        expected[name] = kind
    return expected


def landed(found: Folders) -> dict[str, list[Outcome]]:
    where: dict[str, list[Outcome]] = {}
    for outcome in Outcome:
        for path in found.outcome(outcome).iterdir():
            if not path.name.endswith(REPORT_SUFFIX) and not path.name.startswith("."):
                where.setdefault(path.name, []).append(outcome)
    return where


def test_each_file_goes_to_its_folder_with_a_report(settings: Settings, tmp_path: Path) -> None:
    found = folders(tmp_path)
    expected = deliver(found.incoming, 10)
    (found.incoming / "late.fin.part").write_bytes(b"still arriving")
    args = ["payments", "watch", str(found.incoming), "--pass", str(found.passed)]
    args += ["--hold", str(found.held), "--error", str(found.failed), "--once"]
    result = CliRunner().invoke(app, args, obj=settings)
    assert result.exit_code == 0, result.output
    assert landed(found) == {name: [kind] for name, kind in expected.items()}
    assert (found.held / f"msg-0003.fin{REPORT_SUFFIX}").exists()
    assert (found.failed / f"msg-0004.fin{REPORT_SUFFIX}").exists()
    assert (found.incoming / "late.fin.part").exists()


def test_a_second_delivery_under_the_same_name_keeps_both(tmp_path: Path) -> None:
    found = folders(tmp_path)

    def screen(data: bytes, name: str) -> tuple[Outcome, dict[str, str]]:
        return Outcome.PASS, {}

    for content in (b"first", b"second"):
        (found.incoming / "same.fin").write_bytes(content)
        process(found.incoming / "same.fin", found, screen, max_bytes=100)
    kept = sorted(p.read_bytes() for p in found.passed.iterdir())
    assert kept == [b"first", b"second"]


def test_a_second_watcher_is_refused(tmp_path: Path) -> None:
    found = folders(tmp_path)
    with (
        watching(found.incoming),
        pytest.raises(ConfigError, match="another watcher"),
        watching(found.incoming),
    ):
        pass
    assert (found.incoming / LOCK_NAME).exists()


def _cli_child(settings: Settings, args: list[str]) -> None:
    CliRunner().invoke(app, args, obj=settings)


def kill_repeatedly(start: Callable[[], BaseProcess], found: Folders, kills: int) -> int:
    """Start a watcher, kill -9 it at a random moment after its first move, `kills` times;
    how many files had moved by the end."""
    rng = random.Random(9)
    for _ in range(kills):
        child = start()
        before = sum(map(len, landed(found).values()))
        while sum(map(len, landed(found).values())) == before and child.is_alive():
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.2))
        assert child.is_alive(), "the watcher finished before it could be killed"
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
    return sum(map(len, landed(found).values()))


def check_nothing_lost_or_doubled(
    found: Folders, expected: dict[str, Outcome], digests: dict[str, str]
) -> None:
    where = landed(found)
    assert where == {name: [kind] for name, kind in expected.items()}
    for name, [kind] in where.items():
        moved = found.outcome(kind) / name
        assert hashlib.sha256(moved.read_bytes()).hexdigest() == digests[name]
    assert [p.name for p in found.incoming.iterdir()] == [LOCK_NAME]


def test_kill_9_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    found = folders(tmp_path)
    expected = deliver(found.incoming, 300)
    digests = {n: hashlib.sha256((found.incoming / n).read_bytes()).hexdigest() for n in expected}
    spawn = multiprocessing.get_context("spawn")

    def start() -> BaseProcess:
        child = spawn.Process(target=run_watcher, args=(found,))
        child.start()
        return child

    moved = kill_repeatedly(start, found, kills=3)
    assert 0 < moved < len(expected)  # every kill came mid-stream
    watch(found, screen_by_content, max_bytes=10_000, once=True)
    check_nothing_lost_or_doubled(found, expected, digests)


@pytest.mark.slow
def test_kill_9_through_the_cli_loses_and_duplicates_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    """The real command, screening against a real store, killed three times (slow: each
    child process loads the matcher's name tables)."""
    found = folders(tmp_path)
    expected = deliver(found.incoming, 150)
    digests = {n: hashlib.sha256((found.incoming / n).read_bytes()).hexdigest() for n in expected}
    args = ["payments", "watch", str(found.incoming), "--pass", str(found.passed)]
    args += ["--hold", str(found.held), "--error", str(found.failed), "--poll-s", "0.05"]
    spawn = multiprocessing.get_context("spawn")

    def start() -> BaseProcess:
        child = spawn.Process(target=_cli_child, args=(settings, args))
        child.start()
        return child

    moved = kill_repeatedly(start, found, kills=3)
    assert 0 < moved < len(expected)
    result = CliRunner().invoke(app, [*args, "--once"], obj=settings)
    assert result.exit_code == 0, result.output
    check_nothing_lost_or_doubled(found, expected, digests)
