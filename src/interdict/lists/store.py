"""The list store: every version of every list, kept forever, written atomically.

A version is written in one database transaction — its entities, its delta against
the previous version and the import report — so a crash or a `kill -9` mid-import
leaves the previous version as the newest committed one, which is what "active"
means here. Entity bodies are stored once per distinct content (hash-addressed), so
keeping every version of an 11,000-entry list costs little more than its changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
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
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from interdict.entities.codec import content_hash, entity_from_dict, entity_json
from interdict.entities.model import Entity, NameKind
from interdict.errors import ListShrinkError, NotFoundError, StoreError
from interdict.lists.delta import ChangeKind, Delta, EntityChange, compute_delta
from interdict.lists.source import ImportIssue, IssueKind, ParsedList

metadata = MetaData()
lists_table = Table(
    "lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("format", String(50), nullable=False),
)
versions_table = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, ForeignKey("lists.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("published", String(32)),
    Column("files", Text, nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("name_count", Integer, nullable=False),
    Column("alias_count", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("removed", Integer, nullable=False),
    Column("amended", Integer, nullable=False),
    Column("previous_id", Integer, ForeignKey("list_versions.id")),
    UniqueConstraint("list_id", "number"),
)
bodies_table = Table(
    "entity_bodies",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("body", Text, nullable=False),
)
entities_table = Table(
    "version_entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_key", String(100), primary_key=True),
    Column("schema", String(20), nullable=False),
    Column("caption", Text, nullable=False),
    Column("body_hash", String(64), ForeignKey("entity_bodies.hash"), nullable=False),
)
changes_table = Table(
    "version_changes",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_key", String(100), primary_key=True),
    Column("change", String(10), nullable=False),
    Column("fields", Text, nullable=False),
)
issues_table = Table(
    "import_issues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("list_versions.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("entity_key", String(100), nullable=False),
    Column("line", Integer),
    Column("message", Text, nullable=False),
    Index("ix_import_issues_version", "version_id"),
)

CHUNK = 500
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file a version was read from, with its checksum for provenance."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: int
    list_name: str
    number: int
    imported_at: datetime
    published: str | None
    files: tuple[SourceFile, ...]
    entity_count: int
    name_count: int
    alias_count: int
    added: int
    removed: int
    amended: int
    previous_id: int | None


class ListStore:
    """Reads and writes list versions; one instance per engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save_version(
        self,
        parsed: ParsedList,
        files: Sequence[SourceFile],
        *,
        shrink_limit: float | None,
        progress: Progress | None = None,
    ) -> VersionInfo:
        """Store `parsed` as the next version of its list, all or nothing.

        `shrink_limit` is the largest share of entities a version may lose against the
        previous one; None accepts any shrink (the operator said --accept-shrink).
        """
        try:
            with self.engine.begin() as conn:
                version_id = self._write_version(conn, parsed, files, shrink_limit, progress)
        except IntegrityError as exc:
            raise StoreError(
                f"another import of {parsed.list_name!r} ran at the same time; retry"
            ) from exc
        except OperationalError as exc:
            raise StoreError(f"the import was rolled back: {exc.orig}") from exc
        return self.version(version_id)

    def _write_version(
        self,
        conn: Connection,
        parsed: ParsedList,
        files: Sequence[SourceFile],
        shrink_limit: float | None,
        progress: Progress | None,
    ) -> int:
        list_id = _ensure_list(conn, parsed.list_name, parsed.format)
        previous = _latest_version(conn, list_id)
        new_count = len(parsed.entities)
        if previous is not None and shrink_limit is not None:
            _check_shrink(parsed.list_name, previous["entity_count"], new_count, shrink_limit)
        rows = [(e, entity_json(e)) for e in parsed.entities]
        hashes = {e.key: content_hash(text) for e, text in rows}
        old_hashes = _hashes(conn, previous["id"]) if previous is not None else {}
        _write_bodies(conn, {hashes[e.key]: text for e, text in rows})
        delta = compute_delta(old_hashes, hashes, lambda hs: _bodies(conn, hs))
        names = [n for e in parsed.entities for n in e.names]
        version_id = conn.execute(
            insert(versions_table)
            .values(
                list_id=list_id,
                number=(previous["number"] + 1) if previous is not None else 1,
                imported_at=datetime.now(UTC),
                published=parsed.published,
                files=json.dumps([_file_dict(f) for f in files]),
                entity_count=new_count,
                name_count=len(names),
                alias_count=sum(1 for n in names if n.kind is not NameKind.PRIMARY),
                added=delta.added,
                removed=delta.removed,
                amended=delta.amended,
                previous_id=previous["id"] if previous is not None else None,
            )
            .returning(versions_table.c.id)
        ).scalar_one()
        _write_entities(conn, version_id, [(e, hashes[e.key]) for e, _ in rows], progress)
        _write_changes(conn, version_id, delta.changes)
        _write_issues(conn, version_id, parsed.issues)
        return int(version_id)

    def list_names(self) -> list[str]:
        with self.engine.connect() as conn:
            return [
                r.name
                for r in conn.execute(select(lists_table.c.name).order_by(lists_table.c.name))
            ]

    def versions(self, list_name: str) -> list[VersionInfo]:
        query = _version_query().where(lists_table.c.name == list_name)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(versions_table.c.number)).mappings().all()
        if not rows:
            raise NotFoundError(f"no list named {list_name!r}; see `interdict lists show`")
        return [_version_info(r) for r in rows]

    def active_version(self, list_name: str) -> VersionInfo:
        return self.versions(list_name)[-1]

    def version(self, version_id: int) -> VersionInfo:
        with self.engine.connect() as conn:
            row = (
                conn.execute(_version_query().where(versions_table.c.id == version_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFoundError(f"no list version {version_id}; see `interdict lists history`")
        return _version_info(row)

    def entities(self, version_id: int) -> Iterator[Entity]:
        """Every entity of a version, in key order."""
        self.version(version_id)
        query = (
            select(bodies_table.c.body)
            .join(entities_table, entities_table.c.body_hash == bodies_table.c.hash)
            .where(entities_table.c.version_id == version_id)
            .order_by(entities_table.c.entity_key)
        )
        with self.engine.connect() as conn:
            for (body,) in conn.execute(query):
                yield entity_from_dict(json.loads(body))

    def changes(self, version_id: int) -> list[EntityChange]:
        """The delta stored with a version, against the version before it."""
        query = select(changes_table).where(changes_table.c.version_id == version_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(changes_table.c.change, changes_table.c.entity_key))
            return [
                EntityChange(r.entity_key, ChangeKind(r.change), tuple(json.loads(r.fields)))
                for r in rows
            ]

    def issues(self, version_id: int) -> list[ImportIssue]:
        query = select(issues_table).where(issues_table.c.version_id == version_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(issues_table.c.id))
            return [ImportIssue(IssueKind(r.kind), r.entity_key, r.message, r.line) for r in rows]

    def diff(self, old_version: int, new_version: int) -> Delta:
        """The delta between any two versions (usually of the same list)."""
        self.version(old_version)
        self.version(new_version)
        with self.engine.connect() as conn:
            return compute_delta(
                _hashes(conn, old_version), _hashes(conn, new_version), lambda hs: _bodies(conn, hs)
            )


def _check_shrink(list_name: str, old: int, new: int, limit: float) -> None:
    if old and (old - new) / old > limit:
        raise ListShrinkError(
            f"{list_name}: the new version has {new} entities, {old - new} fewer than the "
            f"{old} of the active version (more than {limit:.0%}); a truncated download? "
            "Pass --accept-shrink if the shrink is real."
        )


def _ensure_list(conn: Connection, name: str, format_name: str) -> int:
    found = conn.execute(select(lists_table.c.id).where(lists_table.c.name == name)).scalar()
    if found is not None:
        return int(found)
    query = insert(lists_table).values(name=name, format=format_name).returning(lists_table.c.id)
    return int(conn.execute(query).scalar_one())


def _latest_version(conn: Connection, list_id: int) -> Any:
    query = (
        select(versions_table)
        .where(versions_table.c.list_id == list_id)
        .order_by(versions_table.c.number.desc())
        .limit(1)
    )
    return conn.execute(query).mappings().first()


def _hashes(conn: Connection, version_id: int) -> dict[str, str]:
    query = select(entities_table.c.entity_key, entities_table.c.body_hash).where(
        entities_table.c.version_id == version_id
    )
    return {r.entity_key: r.body_hash for r in conn.execute(query)}


def _bodies(conn: Connection, hashes: Collection[str]) -> dict[str, dict[str, Any]]:
    wanted = list(hashes)
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(bodies_table).where(bodies_table.c.hash.in_(wanted[start : start + CHUNK]))
        out.update((r.hash, json.loads(r.body)) for r in conn.execute(query))
    return out


def _write_bodies(conn: Connection, bodies: dict[str, str]) -> None:
    """Insert the bodies not stored yet; earlier versions share the rest."""
    wanted = list(bodies)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        have = set(
            conn.execute(
                select(bodies_table.c.hash).where(bodies_table.c.hash.in_(chunk))
            ).scalars()
        )
        rows = [{"hash": h, "body": bodies[h]} for h in chunk if h not in have]
        if rows:
            conn.execute(insert(bodies_table), rows)


def _write_entities(
    conn: Connection,
    version_id: int,
    entities: Sequence[tuple[Entity, str]],
    progress: Progress | None,
) -> None:
    total = len(entities)
    for start in range(0, total, CHUNK):
        rows = [
            {
                "version_id": version_id,
                "entity_key": e.key,
                "schema": e.schema.value,
                "caption": e.caption,
                "body_hash": h,
            }
            for e, h in entities[start : start + CHUNK]
        ]
        conn.execute(insert(entities_table), rows)
        if progress is not None:
            progress(min(start + CHUNK, total), total)


def _write_changes(conn: Connection, version_id: int, changes: Iterable[EntityChange]) -> None:
    rows = [
        {
            "version_id": version_id,
            "entity_key": c.key,
            "change": c.kind.value,
            "fields": json.dumps(c.fields),
        }
        for c in changes
    ]
    if rows:
        conn.execute(insert(changes_table), rows)


def _write_issues(conn: Connection, version_id: int, issues: Iterable[ImportIssue]) -> None:
    rows = [
        {
            "version_id": version_id,
            "kind": i.kind.value,
            "entity_key": i.key,
            "line": i.line,
            "message": i.message,
        }
        for i in issues
    ]
    if rows:
        conn.execute(insert(issues_table), rows)


def _file_dict(f: SourceFile) -> dict[str, Any]:
    return {"name": f.name, "sha256": f.sha256, "size": f.size}


def _version_query() -> Any:
    return select(versions_table, lists_table.c.name.label("list_name")).join(
        lists_table, lists_table.c.id == versions_table.c.list_id
    )


def _version_info(row: Any) -> VersionInfo:
    return VersionInfo(
        id=row["id"],
        list_name=row["list_name"],
        number=row["number"],
        imported_at=row["imported_at"],
        published=row["published"],
        files=tuple(SourceFile(**f) for f in json.loads(row["files"])),
        entity_count=row["entity_count"],
        name_count=row["name_count"],
        alias_count=row["alias_count"],
        added=row["added"],
        removed=row["removed"],
        amended=row["amended"],
        previous_id=row["previous_id"],
    )
