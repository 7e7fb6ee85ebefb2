"""Looking up as a member: the lists it may see, a name search, one listed entity.

The yente-compatible endpoints (api/yente.py) name a *dataset*: one list, or a scope
("default", "all": every list the member may see). A dataset the member may not see
answers exactly like one that does not exist. A search is a lookup, not a screen: it
raises no alert, but it is audited like one (who looked for whom, how many results).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interdict.audit.store import AuditLog
from interdict.errors import NotFoundError
from interdict.lists.store import list_names_on
from interdict.lists.version import VersionInfo
from interdict.members.store import Member
from interdict.review.alert import subject_key
from interdict.screening.screen import Hit, ListedEntity
from interdict.screening.subject import subject_entity
from interdict.services.screening import Caller, ScreeningOperations
from interdict.storage.engine import as_utc

#: Dataset names that mean every list the member may see (yente's collections).
SCOPE_DATASETS = frozenset({"default", "all"})
#: Lowest score a search returns: looser than a screen, since a person is looking.
SEARCH_MIN_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class Found:
    """One listed entity as the member sees it, with the designation's other listings."""

    listed: ListedEntity
    referents: tuple[str, ...]
    seen_at: datetime


class CatalogOperations(ScreeningOperations):
    """Mixed into `Services`, before `ScreeningOperations`."""

    audit: AuditLog

    def visible_lists(self, member: Member) -> list[str]:
        return self.visibility.names_seen_by(member, list_names_on)

    def dataset_lists(self, member: Member, dataset: str) -> list[str] | None:
        """The lists `dataset` names for `member` (None: all it may see)."""
        if dataset in SCOPE_DATASETS:
            return None
        if dataset not in self.visible_lists(member):
            raise NotFoundError(f"no dataset named {dataset!r}; see GET /catalog")
        return [dataset]

    def catalog(self, member: Member) -> list[VersionInfo]:
        """The active version of every list `member` may see."""
        return [self.lists.active_version(name) for name in self.visible_lists(member)]

    def seen_at(self, versions: dict[str, int]) -> dict[str, datetime]:
        """When each list version was imported: the last time its entities were seen."""
        return {name: as_utc(self.lists.version(v).imported_at) for name, v in versions.items()}

    def search_entities(
        self,
        caller: Caller,
        text: str,
        *,
        lists: list[str] | None,
        schema: str | None,
        limit: int,
    ) -> list[Hit]:
        """Listed entities whose names resemble `text`, on the lists `caller` may see."""
        subject = subject_entity(text, schema=schema)
        screener = self.screener.current()
        scope = self.scope(caller.member).narrowed(lists)
        matcher = self.matcher(None)
        found = screener.screen(
            subject, scope=scope, threshold=SEARCH_MIN_SCORE, limit=limit, matcher=matcher
        )
        hits = screener.grouped(found, scope)[:limit]
        query: dict[str, Any] = {"schema": schema or "", "properties": {"name": [text]}}
        self.audit.record(
            action="search",
            actor=caller.actor,
            member_id=caller.member.id if caller.member else None,
            target=f"subject/{subject_key(query)}",
            details={"via": caller.via, "results": len(hits)},
        )
        return hits

    def listed_entity(self, member: Member, entity_id: str) -> Found:
        """One entity of the active lists by its id ("<list>/<key>"), if `member` may see it."""
        list_name, _, key = entity_id.partition("/")
        missing = NotFoundError(f"no entity {entity_id!r} on the lists you may see")
        if not key or list_name not in self.visible_lists(member):
            raise missing
        screener = self.screener.current()
        version_id = screener.versions.get(list_name)
        if version_id is None:
            raise missing
        entity = next((e for e in self.lists.entities(version_id) if e.key == key), None)
        if entity is None:
            raise missing
        visible = set(self.visible_lists(member))
        group = screener.designations.group(entity_id)
        referents = tuple(
            other
            for other in (group.members if group is not None else ())
            if other != entity_id and other.partition("/")[0] in visible
        )
        seen = as_utc(self.lists.version(version_id).imported_at)
        return Found(ListedEntity(list_name, version_id, entity), referents, seen)
