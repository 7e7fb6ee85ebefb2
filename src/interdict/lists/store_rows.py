"""Row-level reads and writes of the list store's tables, in chunks, on one connection.

`ListStore` composes these inside its transactions; nothing here opens or commits one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from interdict.entities.model import Entity
from interdict.lists.delta import EntityChange
from interdict.lists.source import ImportIssue
from interdict.lists.store_tables import (
    bodies_table,
    changes_table,
    entities_table,
    issues_table,
    lists_table,
    versions_table,
)
from interdict.lists.version import SourceFile

# Rows per INSERT and keys per IN (...): well under SQLite's and PostgreSQL's limits.
CHUNK = 500
Progress = Callable[[int, int], None]


def ensure_list(conn: Connection, name: str, format_name: str) -> int:
    found = conn.execute(select(lists_table.c.id).where(lists_table.c.name == name)).scalar()
    if found is not None:
        return int(found)
    query = insert(lists_table).values(name=name, format=format_name).returning(lists_table.c.id)
    return int(conn.execute(query).scalar_one())


def latest_version(conn: Connection, list_id: int) -> Any:
    query = (
        select(versions_table)
        .where(versions_table.c.list_id == list_id)
        .order_by(versions_table.c.number.desc())
        .limit(1)
    )
    return conn.execute(query).mappings().first()


def version_hashes(conn: Connection, version_id: int) -> dict[str, str]:
    """A version's entity keys, each with its body's content hash."""
    query = select(entities_table.c.entity_key, entities_table.c.body_hash).where(
        entities_table.c.version_id == version_id
    )
    return {r.entity_key: r.body_hash for r in conn.execute(query)}


def load_bodies(conn: Connection, hashes: Collection[str]) -> dict[str, dict[str, Any]]:
    """The decoded entity bodies of these hashes."""
    wanted = list(hashes)
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(bodies_table).where(bodies_table.c.hash.in_(wanted[start : start + CHUNK]))
        out.update((r.hash, json.loads(r.body)) for r in conn.execute(query))
    return out


def write_bodies(conn: Connection, bodies: dict[str, str]) -> None:
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


def write_entities(
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


def write_changes(conn: Connection, version_id: int, changes: Iterable[EntityChange]) -> None:
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


def write_issues(conn: Connection, version_id: int, issues: Iterable[ImportIssue]) -> None:
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


def files_json(files: Sequence[SourceFile]) -> str:
    return json.dumps([{"name": f.name, "sha256": f.sha256, "size": f.size} for f in files])
