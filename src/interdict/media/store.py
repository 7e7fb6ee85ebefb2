"""The bank store: every change to a bank is a new version, written atomically.

Like the list store, a version is written in one transaction — its row, the entries
it adds and the entries it retires — so a crash leaves the previous version intact.
An entry row lives from the version that added it (`added_in`) until the one that
removed it (`removed_in`): any version's content, and what each version added and
removed, is read back without copying the bank per version. A label change is a
removal and an addition, so the history shows it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from interdict.errors import InputError, NotFoundError, StoreError
from interdict.media.bank import (
    Bank,
    BankEntry,
    BankVersion,
    StoredEntry,
    canonical_entry,
    unique_entries,
)
from interdict.storage.engine import as_utc

metadata = MetaData()
banks_table = Table(
    "media_banks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("owner_id", Integer, ForeignKey("members.id")),
    Column("match_dihedral", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
shares_table = Table(
    "media_bank_shares",
    metadata,
    Column("bank_id", Integer, ForeignKey("media_banks.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), primary_key=True),
)
versions_table = Table(
    "media_bank_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("bank_id", Integer, ForeignKey("media_banks.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id")),
    Column("note", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("removed", Integer, nullable=False),
    UniqueConstraint("bank_id", "number"),
)
entries_table = Table(
    "media_bank_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("bank_id", Integer, ForeignKey("media_banks.id"), nullable=False),
    Column("signal_type", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("labels", Text, nullable=False),
    Column("source", String(200), nullable=False),
    Column("added_by", Integer, ForeignKey("members.id")),
    Column("added_in", Integer, ForeignKey("media_bank_versions.id"), nullable=False),
    Column("removed_in", Integer, ForeignKey("media_bank_versions.id")),
    Index("ix_media_bank_entries_live", "bank_id", "removed_in"),
)
CHUNK = 500


class BankStore:
    """Reads and writes hash banks; one instance per engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_bank(
        self, name: str, *, owner_id: int | None = None, match_dihedral: bool = True
    ) -> Bank:
        """A new empty bank; owner None makes it coalition-wide."""
        if not name.strip() or len(name) > 100:
            raise InputError(f"bank name: {name!r} must be 1-100 characters")
        row = {"name": name, "owner_id": owner_id, "match_dihedral": match_dihedral}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(banks_table).values(**row, created_at=datetime.now(UTC)))
        except IntegrityError as error:
            raise InputError(f"bank name: {name!r} exists already") from error
        return self.bank(name)

    def bank(self, name: str) -> Bank:
        with self.engine.connect() as conn:
            return _bank(conn, _bank_row(conn, name))

    def banks(self, member_id: int | None = None) -> list[Bank]:
        """Every bank, or only those `member_id` may see (owned, shared or coalition-wide)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(banks_table).order_by(banks_table.c.name)).all()
            found = [_bank(conn, row._mapping) for row in rows]
        return [b for b in found if member_id is None or b.is_visible_to(member_id)]

    def share(self, name: str, member_id: int) -> Bank:
        """Let `member_id` see and screen against the bank (idempotent)."""
        bank = self.bank(name)
        if member_id not in bank.shared_with:
            with self.engine.begin() as conn:
                conn.execute(insert(shares_table).values(bank_id=bank.id, member_id=member_id))
        return self.bank(name)

    def save_version(
        self,
        name: str,
        entries: Sequence[BankEntry],
        *,
        member_id: int | None = None,
        note: str = "",
        replace: bool = False,
    ) -> BankVersion:
        """Add `entries` (or, with `replace`, make them the whole bank) as a new version.

        Entries already present with the same labels are left alone (keeping the source
        and member that first added them); with other labels they are replaced. No
        version is written when nothing changes.
        """
        wanted = unique_entries([canonical_entry(entry) for entry in entries])
        with self.engine.begin() as conn:
            row = _bank_row(conn, name)
            live = _live_rows(conn, row["id"])
            changed = {
                key for key, entry in wanted.items() if _labels(live.get(key)) != entry.labels
            }
            retired = changed & live.keys()
            if replace:
                retired |= live.keys() - wanted.keys()
            return _write_version(
                conn, row, live, [wanted[k] for k in changed], retired, member_id, note
            )

    def remove(
        self,
        name: str,
        keys: Iterable[tuple[str, str]],
        *,
        member_id: int | None = None,
        note: str = "",
    ) -> BankVersion:
        """Retire the entries with these (type, value) keys as a new version."""
        with self.engine.begin() as conn:
            row = _bank_row(conn, name)
            live = _live_rows(conn, row["id"])
            keys = {canonical_entry(BankEntry(kind, value)).key for kind, value in keys}
            missing = [key for key in keys if key not in live]
            if missing:
                raise NotFoundError(f"bank {name!r} holds no {missing[0][0]} {missing[0][1]}")
            return _write_version(conn, row, live, [], set(keys), member_id, note)

    def entries(
        self,
        name: str,
        version: int | None = None,
        *,
        signal_types: Collection[str] | None = None,
    ) -> list[StoredEntry]:
        """The bank's content at `version` (default: the newest), of `signal_types` only
        when given (an index reads its own family's rows)."""
        with self.engine.connect() as conn:
            bank_id = _bank_row(conn, name)["id"]
            version_id = _version_id(conn, bank_id, name, version)
            c = entries_table.c
            present = and_(
                c.bank_id == bank_id,
                c.added_in <= version_id,
                or_(c.removed_in.is_(None), c.removed_in > version_id),
            )
            if signal_types is not None:
                present = and_(present, c.signal_type.in_(sorted(signal_types)))
            query = (
                select(entries_table, versions_table.c.number)
                .join(versions_table, versions_table.c.id == c.added_in)
                .where(present)
                .order_by(c.id)
            )
            rows = conn.execute(query).all()
        return [StoredEntry(_entry_of(r._mapping), r.added_by, r.number) for r in rows]

    def find(self, name: str, values: Collection[str]) -> list[StoredEntry]:
        """Live entries of the bank holding any of `values`: how hits get their labels."""
        wanted = sorted(set(values))
        found: list[StoredEntry] = []
        with self.engine.connect() as conn:
            bank_id = _bank_row(conn, name)["id"]
            c = entries_table.c
            for start in range(0, len(wanted), CHUNK):
                query = (
                    select(entries_table, versions_table.c.number)
                    .join(versions_table, versions_table.c.id == c.added_in)
                    .where(c.bank_id == bank_id, c.removed_in.is_(None))
                    .where(c.value.in_(wanted[start : start + CHUNK]))
                )
                rows = conn.execute(query).all()
                found += [StoredEntry(_entry_of(r._mapping), r.added_by, r.number) for r in rows]
        return found

    def history(self, name: str) -> list[BankVersion]:
        """Every version of the bank, oldest first."""
        with self.engine.connect() as conn:
            bank_id = _bank_row(conn, name)["id"]
            query = select(versions_table).where(versions_table.c.bank_id == bank_id)
            rows = conn.execute(query.order_by(versions_table.c.number)).all()
            return [_version(name, r._mapping) for r in rows]

    def changes(self, name: str, number: int) -> tuple[list[BankEntry], list[BankEntry]]:
        """What version `number` added and what it removed."""
        with self.engine.connect() as conn:
            bank_id = _bank_row(conn, name)["id"]
            version_id = _version_id(conn, bank_id, name, number)
            c = entries_table.c
            added = conn.execute(select(entries_table).where(c.added_in == version_id)).all()
            removed = conn.execute(select(entries_table).where(c.removed_in == version_id)).all()
        return [_entry_of(r._mapping) for r in added], [_entry_of(r._mapping) for r in removed]


def _bank_row(conn: Connection, name: str) -> Any:
    row = conn.execute(select(banks_table).where(banks_table.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no hash bank named {name!r}")
    return row._mapping


def _bank(conn: Connection, row: Any) -> Bank:
    shares = conn.execute(
        select(shares_table.c.member_id).where(shares_table.c.bank_id == row["id"])
    ).scalars()
    newest = _newest(conn, row["id"])
    return Bank(
        id=row["id"],
        name=row["name"],
        owner_id=row["owner_id"],
        match_dihedral=bool(row["match_dihedral"]),
        shared_with=tuple(sorted(shares)),
        version=newest["number"] if newest else 0,
        size=newest["size"] if newest else 0,
    )


def _newest(conn: Connection, bank_id: int) -> Any:
    query = select(versions_table).where(versions_table.c.bank_id == bank_id)
    row = conn.execute(query.order_by(versions_table.c.number.desc()).limit(1)).first()
    return row._mapping if row else None


def _version_id(conn: Connection, bank_id: int, name: str, number: int | None) -> int:
    if number is None:
        newest = _newest(conn, bank_id)
        return int(newest["id"]) if newest else 0
    found = conn.execute(
        select(versions_table.c.id).where(
            versions_table.c.bank_id == bank_id, versions_table.c.number == number
        )
    ).scalar()
    if found is None:
        raise NotFoundError(f"hash bank {name!r} has no version {number}")
    return int(found)


def _live_rows(conn: Connection, bank_id: int) -> dict[tuple[str, str], Any]:
    c = entries_table.c
    rows = conn.execute(
        select(entries_table).where(c.bank_id == bank_id, c.removed_in.is_(None))
    ).all()
    return {(r.signal_type, r.value): r._mapping for r in rows}


def _write_version(
    conn: Connection,
    bank: Any,
    live: dict[tuple[str, str], Any],
    added: list[BankEntry],
    retired: set[tuple[str, str]],
    member_id: int | None,
    note: str,
) -> BankVersion:
    newest = _newest(conn, bank["id"])
    if not added and not retired and newest is not None:
        return _version(bank["name"], newest)
    row = {
        "bank_id": bank["id"],
        "number": (newest["number"] if newest else 0) + 1,
        "created_at": datetime.now(UTC),
        "member_id": member_id,
        "note": note,
        "size": len(live) - len(retired) + len(added),
        "added": len(added),
        "removed": len(retired),
    }
    try:
        inserted = conn.execute(insert(versions_table).values(**row)).inserted_primary_key
    except IntegrityError as error:
        raise StoreError(f"bank {bank['name']!r} changed meanwhile; retry") from error
    if inserted is None:
        raise StoreError(f"bank {bank['name']!r}: the database returned no version id")
    version_id = inserted[0]
    retired_ids = [live[key]["id"] for key in retired]
    for start in range(0, len(retired_ids), CHUNK):
        chunk = retired_ids[start : start + CHUNK]
        conn.execute(
            update(entries_table).where(entries_table.c.id.in_(chunk)).values(removed_in=version_id)
        )
    rows = [_entry_row(e, bank["id"], member_id, version_id) for e in added]
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(entries_table), rows[start : start + CHUNK])
    return _version(bank["name"], row)


def _entry_row(
    entry: BankEntry, bank_id: int, member_id: int | None, version: int
) -> dict[str, Any]:
    return {
        "bank_id": bank_id,
        "signal_type": entry.signal_type,
        "value": entry.value,
        "labels": json.dumps(list(entry.labels)),
        "source": entry.source[:200],
        "added_by": member_id,
        "added_in": version,
        "removed_in": None,
    }


def _entry_of(row: Any) -> BankEntry:
    return BankEntry(
        row["signal_type"], row["value"], tuple(json.loads(row["labels"])), row["source"]
    )


def _labels(row: Any) -> tuple[str, ...] | None:
    return None if row is None else tuple(json.loads(row["labels"]))


def _version(name: str, row: Any) -> BankVersion:
    return BankVersion(
        bank_name=name,
        number=row["number"],
        created_at=as_utc(row["created_at"]),
        member_id=row["member_id"],
        note=row["note"],
        size=row["size"],
        added=row["added"],
        removed=row["removed"],
    )
