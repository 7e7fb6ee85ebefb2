"""Login throttling: each failure makes the next attempt wait, per account and per address.

Online guessing is the attack a password policy cannot stop alone. After
`FREE_FAILURES` failures in a row, a subject (an account, or a client address) is locked
for `BASE_LOCK_S` seconds, doubling with every further failure up to `MAX_LOCK_S`: past
the cap an attacker gets one guess per `MAX_LOCK_S` per account and per address
(docs/review.md has the arithmetic). A success clears the account's count, not the
address's, so one valid login cannot reset a guessing run from that address. Counts
live in the database, so every server process and a restart see the same locks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.exc import IntegrityError

from interdict.errors import ThrottledError
from interdict.members.store import login_failures_table as failures
from interdict.storage.engine import as_utc

FREE_FAILURES = 5
BASE_LOCK_S = 2.0
MAX_LOCK_S = 900.0


class LoginThrottle:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def check(self, subjects: list[str], now: datetime | None = None) -> None:
        """ThrottledError when any subject is locked (before the password is checked)."""
        now = now or datetime.now(UTC)
        query = select(failures).where(failures.c.subject.in_(subjects))
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        waits = [(as_utc(r.locked_until) - now).total_seconds() for r in rows]
        wait = max(waits, default=0.0)
        if wait > 0:
            raise ThrottledError(wait)

    def failed(
        self, subjects: list[str], now: datetime | None = None, conn: Connection | None = None
    ) -> None:
        """Count a failure of each subject; in `conn`'s transaction when given.

        There a racing first failure is not retried: its IntegrityError has aborted the
        transaction (PostgreSQL). `log_in` counts in its audit transaction, which holds
        the system chain's head, so failed logins count one at a time and never race.
        """
        now = now or datetime.now(UTC)
        for subject in subjects:
            if conn is not None:
                _count(conn, subject, now)
                continue
            try:
                with self.engine.begin() as own:
                    _count(own, subject, now)
            except IntegrityError:  # another process counted its first failure just now
                with self.engine.begin() as own:
                    _count(own, subject, now)

    def succeeded(self, subject: str, conn: Connection | None = None) -> None:
        if conn is None:
            with self.engine.begin() as own:
                self.succeeded(subject, own)
            return
        conn.execute(delete(failures).where(failures.c.subject == subject))


def _count(conn: Connection, subject: str, now: datetime) -> None:
    row = conn.execute(select(failures.c.failures).where(failures.c.subject == subject)).first()
    count = (row.failures if row else 0) + 1
    values = {
        "failures": count,
        "last_failure_at": now,
        "locked_until": now + timedelta(seconds=lock_seconds(count)),
    }
    if row:
        conn.execute(failures.update().where(failures.c.subject == subject).values(**values))
    else:
        conn.execute(failures.insert().values(subject=subject, **values))


def lock_seconds(failures_in_a_row: int) -> float:
    """How long the subject is locked after this many failures in a row."""
    over = failures_in_a_row - FREE_FAILURES
    if over < 0:
        return 0.0
    return float(min(MAX_LOCK_S, BASE_LOCK_S * 2**over))
