"""Clean answers shared by the worker processes of one server.

Why: each worker of `serve --workers N` keeps its own answers (answers.py), so a name
new to the server was screened again by every worker it reached. Under a load of
names met for the first time that was each name's matching N times over: with two
workers, a fifth of their CPU (docs/benchmarks.md, "Load"). Most screens find nothing
(four names in five of bench/load.py, nearly every party of a payment), and nothing is
the one answer that is cheap to share: a key, no hits to carry between processes. A
worker that screened a subject clean writes the key here, in one SQLite file beside
the workers; the others look there before screening a subject they do not know.

Fail closed. A key is a digest of everything the answer depends on: the list versions
the screener holds, the screening and matching code (a digest of its source files),
the subject but its caller's key, and the screen's parameters (scope, cutoff, limits,
matcher). A worker on other versions or other code never finds another's "clean".
Answers with hits stay in each worker (they carry listed entities and explanations).
A file that cannot be read is a miss, so the subject is screened; one that cannot be
written loses only the sharing; either is logged. The file lives as long as the
server: its parent makes it and removes it (cli/workers.py).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

import interdict.matching as matching_package
import interdict.screening as screening_package
from interdict.matching.stamp import source_digest

log = logging.getLogger(__name__)

#: The environment variable naming the file, set by `serve --workers` for its workers.
SHARED_ANSWERS_ENV = "INTERDICT_SHARED_ANSWERS_FILE"
#: Keys kept: beyond it the oldest go (~90 bytes a key with its index: ~90 MB at most).
KEYS_KEPT = 1_000_000
#: How long a worker waits for another's write before it gives up on this exchange
#: (a read then screens the subject itself; a write skips the sharing).
BUSY_S = 0.05
#: Every so many keys written by a process, the file is trimmed to KEYS_KEPT.
_TRIM_EVERY = 10_000


class SharedCleanAnswers:
    """The file of clean keys; thread-safe (one connection a thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._written = 0
        self._lock = threading.Lock()
        try:  # early, so that a broken file is logged at start; a worker starts anyway
            self._connection()
        except sqlite3.Error as exc:
            log.warning("shared answers %s unusable for now: %s", self.path, exc)

    def for_versions(self, versions: Mapping[str, int]) -> BoundCleanAnswers:
        """This file as seen by a screener of `versions` (list name -> version id)."""
        return BoundCleanAnswers(self, _identity(versions))

    def found(self, keys: Sequence[bytes]) -> set[bytes]:
        """Those of `keys` some worker answered clean; none when the file fails."""
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        try:
            rows = self._connection().execute(
                f"SELECT key FROM clean WHERE key IN ({marks})",  # noqa: S608 - only ?s
                list(keys),
            )
            return {bytes(row[0]) for row in rows}
        except sqlite3.Error as exc:
            log.warning("shared answers %s unreadable, screening instead: %s", self.path, exc)
            return set()

    def add(self, keys: Sequence[bytes]) -> None:
        """Record `keys` as answered clean (kept by this worker anyway if this fails)."""
        if not keys:
            return
        try:
            conn = self._connection()
            conn.executemany("INSERT OR IGNORE INTO clean (key) VALUES (?)", [(k,) for k in keys])
            with self._lock:
                self._written += len(keys)
                trim = self._written >= _TRIM_EVERY
                if trim:
                    self._written = 0
            if trim:
                conn.execute(
                    "DELETE FROM clean WHERE id <= (SELECT MAX(id) FROM clean) - ?", (KEYS_KEPT,)
                )
        except sqlite3.Error as exc:
            log.warning("shared answers %s not written: %s", self.path, exc)

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, the table made if no worker made it yet; a setup
        that fails (another worker setting the file up at the same moment) is tried
        again at the next call."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Autocommit, each statement its own transaction; the file is thrown away
            # with the server, so a crash may lose it (no sync) but never half-write it.
            conn = sqlite3.connect(
                self.path, timeout=BUSY_S, isolation_level=None, check_same_thread=False
            )
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=OFF")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS clean"
                    " (id INTEGER PRIMARY KEY, key BLOB UNIQUE NOT NULL)"
                )
            except sqlite3.Error:
                conn.close()
                raise
            self._local.conn = conn
        return conn


class BoundCleanAnswers:
    """The shared file for one screener: its keys begin with the screener's identity.

    Screens ask in two steps with one digest per subject: `digests` of the answer keys
    they do not know, `found` among them, and later `add` for those they answered
    clean. A digest costs ~20 µs, its look-up ~7 µs and its write ~26 µs: against the
    2–5 ms of matching a new subject (docs/benchmarks.md, "Load")."""

    def __init__(self, shared: SharedCleanAnswers, identity: str) -> None:
        self._shared = shared
        self._identity = identity
        self._lock = threading.Lock()
        #: Answers taken from other workers (/metrics, tests and benchmarks).
        self.taken = 0

    def digests(self, keys: Sequence[Hashable]) -> list[bytes | None]:
        """Each answer key's digest (an `AnswerCache.key`: the subject, then the
        parameters); None, never shared, for a key with no canonical form."""
        return [self._digest(key) for key in keys]

    def found(self, digests: Sequence[bytes | None]) -> list[bool]:
        """Per digest, whether another worker answered it clean."""
        clean = self._shared.found([d for d in digests if d is not None])
        found = [d is not None and d in clean for d in digests]
        with self._lock:
            self.taken += sum(found)
        return found

    def add(self, digests: Iterable[bytes | None]) -> None:
        """Share that the answers of these digests were clean."""
        self._shared.add([d for d in digests if d is not None])

    def _digest(self, key: Hashable) -> bytes | None:
        subject, parameters = cast(tuple[Any, Hashable], key)
        try:
            text = f"{self._identity}|{_parameters_text(parameters)}|{_text(subject)}"
        except TypeError as exc:
            log.warning("answer not shared: %s", exc)
            return None
        return hashlib.sha256(text.encode("utf-8")).digest()


@lru_cache(maxsize=256)
def _parameters_text(parameters: Hashable) -> str:
    """A screen's parameters as canonical text: the same few for most screens (the
    scope, cutoff, matcher), so made once each (~35 µs) and kept. Kept by equality,
    which is what makes two answer keys one (answers.py)."""
    return _text(parameters)


def _text(value: Any) -> str:
    return json.dumps(canonical(value), separators=(",", ":"))


def canonical(value: Any) -> Any:
    """`value` as JSON data that is the same in every process: dataclasses by class (its
    module and name) and compared fields, enums by class and value, sets sorted (their
    order follows string hashing, which differs between processes), dates as ISO text.
    TypeError for anything else, rather than a form that could equal another value's."""
    kind = type(value)
    made = _CANONICAL.get(kind)
    if made is None:
        made = _CANONICAL[kind] = _canonical_of(kind)
    return made(value)


#: How each type met so far is made canonical (a few dozen types).
_CANONICAL: dict[type, Callable[[Any], Any]] = {}


def _canonical_of(kind: type) -> Callable[[Any], Any]:
    """How a value of exactly `kind` is made canonical, decided once per type."""
    name = f"{kind.__module__}.{kind.__qualname__}"
    if issubclass(kind, enum.Enum):  # first: a StrEnum is a str too
        return lambda value: ["enum", name, value.value]
    if kind is type(None) or issubclass(kind, bool | int | float | str):
        return _itself
    if dataclasses.is_dataclass(kind):
        # The fields equality compares: two values equal in one process are equal here.
        fields = tuple(f.name for f in dataclasses.fields(kind) if f.compare)
        return lambda value: ["dataclass", name, [canonical(getattr(value, f)) for f in fields]]
    if issubclass(kind, tuple | list):
        return lambda value: ["seq", [canonical(item) for item in value]]
    if issubclass(kind, frozenset | set):
        return lambda value: ["set", sorted(_text(item) for item in value)]
    if issubclass(kind, dict):
        return lambda value: ["map", sorted([_text(k), _text(v)] for k, v in value.items())]
    if issubclass(kind, datetime.date):
        return lambda value: ["date", value.isoformat()]
    raise TypeError(f"no canonical form for a {kind.__name__}")


def _itself(value: Any) -> Any:
    return value


def _identity(versions: Mapping[str, int]) -> str:
    """What every answer of a screener depends on besides its key: its list versions
    and the code that screens."""
    return json.dumps([code_digest(), sorted(versions.items())], separators=(",", ":"))


@cache
def code_digest() -> str:
    """A digest of the screening and matching code (source and data files): a worker
    restarted on other code must not take its siblings' answers."""
    return source_digest(matching_package, screening_package)
