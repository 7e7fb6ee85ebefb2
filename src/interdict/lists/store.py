"""The list store: every version of every list, kept forever, written atomically.

A version is written in one database transaction — its entities, its delta against
the previous version and the import report — so a crash or a `kill -9` mid-import
leaves the previous version as the newest committed one, which is what "active"
means here. Entity bodies are stored once per distinct content (hash-addressed), so
keeping every version of an 11,000-entry list costs little more than its changes.
The history guards (`guards`) run inside that transaction, and so does the version's
audit record (`audit_of`): a version is never active without it, nor it without one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from interdict.audit.store import append
from interdict.entities.codec import content_hash, entity_from_dict, entity_json
from interdict.entities.model import Entity
from interdict.errors import NotFoundError, StoreError
from interdict.lists import store_rows as rows
from interdict.lists.delta import ChangeKind, Delta, EntityChange, compute_delta
from interdict.lists.guards import (
    Counts,
    check_forward,
    check_shrink,
    counts_of,
    publication_of,
)
from interdict.lists.source import ImportIssue, IssueKind, ParsedList
from interdict.lists.store_rows import Progress
from interdict.lists.store_tables import (
    bodies_table,
    changes_table,
    entities_table,
    issues_table,
    lists_table,
    metadata,
    versions_table,
)
from interdict.lists.version import SourceFile, VersionInfo

__all__ = ["AuditOf", "ListStore", "Progress", "SourceFile", "VersionInfo", "metadata"]

#: The audit record of a new version (`audit.store.append`'s fields), written in the
#: version's own transaction.
AuditOf = Callable[[VersionInfo], dict[str, Any]]
#: Every screen reads the names (services/screening.py `scope`): built once, since
#: building a statement costs more than running it (members/store.py).
_LIST_NAMES = select(lists_table.c.name).order_by(lists_table.c.name)


def list_names_on(conn: Connection) -> list[str]:
    """The names of the stored lists, read on `conn` (with other reads, one connection)."""
    return list(conn.execute(_LIST_NAMES).scalars())


class ListStore:
    """Reads and writes list versions; one instance per engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: Versions read so far, by id: a version is never changed once written, and
        #: a yente match names the import time of every version it screened against.
        self._versions: dict[int, VersionInfo] = {}

    def save_version(
        self,
        parsed: ParsedList,
        files: Sequence[SourceFile],
        *,
        shrink_limit: float | None,
        allow_older: bool = False,
        progress: Progress | None = None,
        audit_of: AuditOf | None = None,
    ) -> VersionInfo:
        """Store `parsed` as the next version of its list, all or nothing.

        `shrink_limit` is the largest share of entities, names or aliases a version may
        lose against the previous one; None accepts any shrink (the operator said
        --accept-shrink). A publication older than the active version is refused
        (`ListRollbackError`) unless `allow_older`. `audit_of` gives the audit record
        appended in the same transaction.
        """
        try:
            with self.engine.begin() as conn:
                version_id = self._write_version(
                    conn, parsed, files, shrink_limit, allow_older, progress
                )
                if audit_of is not None:
                    append(conn, **audit_of(_version_on(conn, version_id)))
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
        allow_older: bool,
        progress: Progress | None,
    ) -> int:
        list_id = rows.ensure_list(conn, parsed.list_name, parsed.format)
        previous = rows.latest_version(conn, list_id)
        old_hashes = rows.version_hashes(conn, previous["id"]) if previous is not None else {}
        counts = counts_of(parsed.entities)
        if previous is not None:
            _check_guards(parsed, previous, old_hashes, counts, shrink_limit, allow_older)
        texts = [(e, entity_json(e)) for e in parsed.entities]
        hashes = {e.key: content_hash(text) for e, text in texts}
        rows.write_bodies(conn, {hashes[e.key]: text for e, text in texts})
        delta = compute_delta(old_hashes, hashes, lambda hs: rows.load_bodies(conn, hs))
        version_id = conn.execute(
            insert(versions_table)
            .values(
                list_id=list_id,
                number=(previous["number"] + 1) if previous is not None else 1,
                imported_at=datetime.now(UTC),
                published=parsed.published,
                files=rows.files_json(files),
                entity_count=counts.entities,
                name_count=counts.names,
                alias_count=counts.aliases,
                added=delta.added,
                removed=delta.removed,
                amended=delta.amended,
                previous_id=previous["id"] if previous is not None else None,
            )
            .returning(versions_table.c.id)
        ).scalar_one()
        rows.write_entities(conn, version_id, [(e, hashes[e.key]) for e, _ in texts], progress)
        rows.write_changes(conn, version_id, delta.changes)
        rows.write_issues(conn, version_id, parsed.issues)
        return int(version_id)

    def list_names(self) -> list[str]:
        with self.engine.connect() as conn:
            return list_names_on(conn)

    def versions(self, list_name: str) -> list[VersionInfo]:
        query = _version_query().where(lists_table.c.name == list_name)
        with self.engine.connect() as conn:
            found = conn.execute(query.order_by(versions_table.c.number)).mappings().all()
        if not found:
            raise NotFoundError(f"no list named {list_name!r}; see `interdict lists show`")
        return [_version_info(r) for r in found]

    def active_version(self, list_name: str) -> VersionInfo:
        return self.versions(list_name)[-1]

    def version(self, version_id: int) -> VersionInfo:
        known = self._versions.get(version_id)
        if known is None:
            with self.engine.connect() as conn:
                known = self._versions[version_id] = _version_on(conn, version_id)
        return known

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
            found = conn.execute(query.order_by(changes_table.c.change, changes_table.c.entity_key))
            return [
                EntityChange(r.entity_key, ChangeKind(r.change), tuple(json.loads(r.fields)))
                for r in found
            ]

    def issues(self, version_id: int) -> list[ImportIssue]:
        query = select(issues_table).where(issues_table.c.version_id == version_id)
        with self.engine.connect() as conn:
            found = conn.execute(query.order_by(issues_table.c.id))
            return [ImportIssue(IssueKind(r.kind), r.entity_key, r.message, r.line) for r in found]

    def diff(self, old_version: int, new_version: int) -> Delta:
        """The delta between any two versions (usually of the same list)."""
        self.version(old_version)
        self.version(new_version)
        with self.engine.connect() as conn:
            return compute_delta(
                rows.version_hashes(conn, old_version),
                rows.version_hashes(conn, new_version),
                lambda hs: rows.load_bodies(conn, hs),
            )


def _check_guards(
    parsed: ParsedList,
    previous: Any,
    old_keys: dict[str, str],
    counts: Counts,
    shrink_limit: float | None,
    allow_older: bool,
) -> None:
    """The history guards, against the version active inside this transaction."""
    if not allow_older:
        active = publication_of(previous["published"], old_keys, sequential=parsed.sequential_keys)
        offered = publication_of(
            parsed.published, (e.key for e in parsed.entities), sequential=parsed.sequential_keys
        )
        check_forward(parsed.list_name, previous["number"], active, offered)
    if shrink_limit is not None:
        before = Counts(previous["entity_count"], previous["name_count"], previous["alias_count"])
        check_shrink(parsed.list_name, before, counts, shrink_limit)


def _version_on(conn: Connection, version_id: int) -> VersionInfo:
    query = _version_query().where(versions_table.c.id == version_id)
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(f"no list version {version_id}; see `interdict lists history`")
    return _version_info(row)


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
