"""A watched folder: payment files screened as they arrive, each moved to one outcome folder.

`interdict payments watch IN --pass P --hold H --error E`. Each file of IN is read,
screened, and renamed into P (every message passed), H (any message held) or E (not
readable: not MT, not MX, malformed, too large). A rename within one file system is
atomic, so at every instant a file is in exactly one folder: a `kill -9` at any moment
leaves it in IN (screened again on restart — alerts are deduplicated by the message's
SHA-256, the audit shows both screens) or in its outcome folder, never in both or
neither. Beside a held or refused file goes `<name>.verdict.json` (written to a
temporary name and renamed first) saying why. A name already taken in the outcome
folder gets the file's SHA-256 prefix appended, so a second delivery never replaces
the first. One watcher per folder: a lock on IN refuses a second one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from interdict.errors import ConfigError, GuardError, InputError
from interdict.payments.errors import MessageTooLargeError

LOCK_NAME = ".interdict-watch.lock"
REPORT_SUFFIX = ".verdict.json"
#: Files still being written by their sender: skipped until renamed to a final name.
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial")


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    HOLD = "hold"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Folders:
    incoming: Path
    passed: Path
    held: Path
    failed: Path

    def outcome(self, outcome: Outcome) -> Path:
        return {Outcome.PASS: self.passed, Outcome.HOLD: self.held, Outcome.ERROR: self.failed}[
            outcome
        ]

    def check(self) -> None:
        """Every folder exists and shares IN's file system (else a move is not atomic)."""
        device = _device(self.incoming)
        for folder in (self.passed, self.held, self.failed):
            folder.mkdir(parents=True, exist_ok=True)
            if _device(folder) != device:
                raise ConfigError(f"{folder} is on another file system than {self.incoming}")


#: Screens one file's bytes: its outcome and a report (JSON-able) of why.
Screen = Callable[[bytes, str], tuple[Outcome, dict[str, Any]]]


def _device(folder: Path) -> int:
    if not folder.is_dir():
        raise ConfigError(f"{folder} is not a folder")
    return folder.stat().st_dev


def arrived(incoming: Path) -> list[Path]:
    """Files ready to screen, oldest first; hidden and partial files wait."""
    found = []
    for path in incoming.iterdir():
        if path.name.startswith(".") or path.name.endswith(PARTIAL_SUFFIXES):
            continue
        try:
            status = path.stat()
        except FileNotFoundError:  # taken back by its sender meanwhile
            continue
        if stat.S_ISREG(status.st_mode):
            found.append((status.st_mtime_ns, path.name, path))
    return [path for _, _, path in sorted(found)]


def process(path: Path, folders: Folders, screen: Screen, max_bytes: int) -> Outcome:
    """Screen one file and move it to its outcome folder (report first, file last)."""
    data = path.read_bytes()
    try:
        if len(data) > max_bytes:
            raise MessageTooLargeError(
                f"{path.name}: {len(data)} bytes, at most {max_bytes} are read"
            )
        outcome, report = screen(data, path.name)
    except (InputError, GuardError) as exc:
        outcome, report = Outcome.ERROR, {"error": str(exc)}
    target = _free_name(folders.outcome(outcome), path.name, data)
    if outcome is not Outcome.PASS:
        _write_atomically(target.with_name(target.name + REPORT_SUFFIX), report)
    os.replace(path, target)
    _sync(target.parent)
    _sync(path.parent)
    return outcome


def _sync(folder: Path) -> None:
    """Make a rename durable (a kill cannot undo it; a power cut could, unsynced)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _free_name(folder: Path, name: str, data: bytes) -> Path:
    target = folder / name
    if not target.exists():
        return target
    digest = hashlib.sha256(data).hexdigest()[:12]
    number = 0
    while True:
        candidate = folder / f"{name}.{digest}{f'.{number}' if number else ''}"
        if not candidate.exists():
            return candidate
        number += 1


def _write_atomically(path: Path, report: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@contextmanager
def watching(incoming: Path) -> Iterator[None]:
    """Hold IN's lock for the life of the watcher; a second watcher is refused."""
    with (incoming / LOCK_NAME).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"another watcher is already watching {incoming}") from None
        yield


def watch(
    folders: Folders,
    screen: Screen,
    *,
    max_bytes: int,
    poll_s: float = 1.0,
    once: bool = False,
    on_file: Callable[[Path, Outcome], None] | None = None,
) -> dict[Outcome, int]:
    """Screen files as they arrive until stopped (or, with `once`, until IN is empty)."""
    folders.check()
    counts = dict.fromkeys(Outcome, 0)
    with watching(folders.incoming):
        while True:
            ready = arrived(folders.incoming)
            for path in ready:
                try:
                    outcome = process(path, folders, screen, max_bytes)
                except FileNotFoundError:  # taken back by its sender meanwhile
                    continue
                counts[outcome] += 1
                if on_file is not None:
                    on_file(path, outcome)
            if once and not ready:
                return counts
            if not ready:
                time.sleep(poll_s)
