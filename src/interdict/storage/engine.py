"""Database engines: SQLite by default, PostgreSQL when a URL says so.

Only this module knows dialect quirks. SQLite gets foreign keys, a busy timeout and
WAL journaling, so a reader (the API) never blocks on an import in progress and a
killed import leaves nothing behind but a rolled-back journal.

Every wait is bounded (`DatabaseLimits`): the pool's checkout, PostgreSQL's
`lock_timeout` and `statement_timeout` (set on each new connection), SQLite's busy
timeout. Running out of any of them, or a database that cannot be reached, raises
`StoreUnavailableError` (HTTP 503 with Retry-After, exit code 5) — translated here,
once, so no caller sees a driver's exception or waits on a held lock for long.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from interdict.errors import StoreError, StoreUnavailableError

#: PostgreSQL SQLSTATEs that mean "not now" rather than "wrong": a lock or statement
#: timeout, too many connections, a server starting or shutting down, a deadlock or
#: serialization failure (the transaction was rolled back and may simply be retried).
_RETRYABLE_SQLSTATES = frozenset(
    {"55P03", "57014", "53300", "57P01", "57P02", "57P03", "40P01", "40001"}
)
#: SQLite's words for the same: the busy timeout ran out, or the file cannot be opened.
_RETRYABLE_SQLITE = ("database is locked", "database is busy", "unable to open database")


@dataclass(frozen=True, slots=True)
class DatabaseLimits:
    """How long anything may wait on the database (Settings: docs/settings.md)."""

    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_s: float = 10.0
    lock_timeout_s: float = 5.0
    statement_timeout_s: float = 30.0


def open_engine(url: str, limits: DatabaseLimits | None = None) -> Engine:
    """An engine for `url`. Nothing is created: see migrate.open_store."""
    limits = limits or DatabaseLimits()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, limits)
    elif parsed.get_backend_name() == "postgresql":
        engine = _postgres_engine(url, limits)
    else:
        raise StoreError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
        )
    event.listen(engine, "handle_error", _unavailable)
    return engine


@contextmanager
def write_turn(engine: Engine) -> Iterator[None]:
    """Wait for this process's turn to write, where the database has a single writer.

    SQLite lets one transaction write at a time, and its busy handler polls for the
    lock with sleeps of up to 100 ms: with dozens of request threads each taking the
    lock for a millisecond, most of the time goes to sleeping and a waiter can starve
    past its timeout. Within one process, writers (every audited screen) therefore
    queue on a lock here, handed over the moment it is free, under the same timeout.
    PostgreSQL locks rows: no turn to wait for.
    """
    gate = _WRITE_GATES.get(engine)
    if gate is None:
        yield
        return
    lock, timeout_s = gate
    if not lock.acquire(timeout=timeout_s):
        raise StoreUnavailableError(f"the database is busy writing (waited {timeout_s:g} s)")
    try:
        yield
    finally:
        lock.release()


def check_connection(engine: Engine) -> None:
    """A round trip to the database: StoreUnavailableError when it cannot answer now."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def as_utc(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite hands back naive datetimes, and every time we store is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


class _BoundedPool(QueuePool):
    """A QueuePool whose exhausted wait is a StoreUnavailableError (503), not a 500."""

    def _do_get(self) -> ConnectionPoolEntry:
        try:
            return super()._do_get()
        except PoolTimeoutError as exc:
            raise StoreUnavailableError(
                f"every database connection is busy (waited {self._timeout:g} s)"
            ) from exc


#: SQLite engines' write lock within this process, and how long to wait for it.
_WRITE_GATES: weakref.WeakKeyDictionary[Engine, tuple[threading.Lock, float]] = (
    weakref.WeakKeyDictionary()
)

# SQLAlchemy names a pool's logger after its class, which puts this one under our
# "interdict" logger: keep it as quiet as SQLAlchemy's own pools (no INFO on dispose).
logging.getLogger(f"{__name__}.{_BoundedPool.__name__}").setLevel(logging.WARNING)


def _pool_options(limits: DatabaseLimits) -> dict[str, Any]:
    return {
        "poolclass": _BoundedPool,
        "pool_size": limits.pool_size,
        "max_overflow": limits.max_overflow,
        "pool_timeout": limits.pool_timeout_s,
    }


#: A pooled PostgreSQL connection idle this long is pinged before it is handed out.
PING_AFTER_IDLE_S = 1.0


def _postgres_engine(url: str, limits: DatabaseLimits) -> Engine:
    engine = create_engine(url, **_pool_options(limits))
    _ping_after_idle(engine)
    lock_ms, statement_ms = _ms(limits.lock_timeout_s), _ms(limits.statement_timeout_s)

    @event.listens_for(engine, "connect")
    def _timeouts(dbapi_connection: Any, _record: Any) -> None:
        # Session-level SETs made inside a transaction vanish with its rollback: commit.
        cursor = dbapi_connection.cursor()
        cursor.execute(f"SET lock_timeout = {lock_ms}")
        cursor.execute(f"SET statement_timeout = {statement_ms}")
        cursor.close()
        dbapi_connection.commit()

    return engine


def _ping_after_idle(engine: Engine) -> None:
    """Ping a pooled connection before handing it out only if it sat idle a while.

    SQLAlchemy's `pool_pre_ping` pings at every checkout: a round trip, and three of
    them on every screen (its key, what its member sees, its audit record). A connection
    handed back less than PING_AFTER_IDLE_S ago was alive then; one idle for longer
    (the server restarted, a firewall dropped it) is pinged as `pool_pre_ping` would,
    and a dead one is replaced before anyone uses it. A restart in the second after a
    connection's last use fails the request that meets it, as any request in flight:
    503 with Retry-After (`_unavailable`), and the pool starts again.
    """

    @event.listens_for(engine, "checkin")
    def _handed_back(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return  # new, or just used
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            if engine.dialect.is_disconnect(exc, dbapi_connection, None):
                raise DisconnectionError(f"a pooled connection was dead: {exc}") from exc
            raise


def for_reads(engine: Engine) -> Engine:
    """`engine`, for reads that need no transaction (one statement, or statements that
    need not see one snapshot): on PostgreSQL its connections run each statement on its
    own (autocommit), which spares two round trips a use, the driver's BEGIN and the
    pool's ROLLBACK when it is handed back. The same pool serves both. SQLite's driver
    begins no transaction for a read anyway: there it is `engine` itself."""
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def _unavailable(context: ExceptionContext) -> StoreUnavailableError | None:
    """The driver's "not now" errors as StoreUnavailableError; others are left alone."""
    if context.is_pre_ping:  # the pool reconnects on its own; nothing to report yet
        return None
    original = context.original_exception
    sqlstate = getattr(original, "sqlstate", None)
    message = str(original).strip().splitlines()[0] if str(original).strip() else ""
    retryable = (
        context.is_disconnect
        or context.connection is None  # failed to connect at all
        or sqlstate in _RETRYABLE_SQLSTATES
        or any(words in message for words in _RETRYABLE_SQLITE)
    )
    if not retryable:
        return None
    error = StoreUnavailableError(f"the database cannot answer now: {message or sqlstate}")
    error.__cause__ = original
    return error


def _sqlite_engine(url: str, limits: DatabaseLimits) -> Engine:
    # SQLite has no statement timeout; its busy timeout bounds the wait for the write lock.
    in_memory = sqlite_path(url) is None  # one connection is the whole database: keep its pool
    # Each connection has its own page cache, which a write on any other connection voids
    # (every screen writes its audit record): handing out the connection used last (LIFO),
    # not the one idle longest, keeps it warm (a key lookup and an audit append, one after
    # the other as a screen does them: 0.44 ms FIFO, 0.30 ms LIFO).
    pooled = {**_pool_options(limits), "pool_use_lifo": True}
    engine = create_engine(
        url,
        connect_args={"timeout": limits.lock_timeout_s},
        **({} if in_memory else pooled),
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    _WRITE_GATES[engine] = (threading.Lock(), limits.lock_timeout_s)
    return engine
