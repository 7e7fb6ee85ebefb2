"""The guards that keep a list's history moving forward and whole.

Both run inside the store's write transaction, against the version active at that
moment, so two imports racing each other are judged against what really is active.

- Forward only: a publication older than the active version is refused, because
  importing it would make the older content active again — a stale mirror, a file
  picked from the wrong folder, a demo replaying old snapshots. "Older" is told by the
  publication date the files state (UN `dateGenerated`, OFAC `Publish_Date`, UK "Last
  Updated"); OFAC's legacy CSV states none, so there the newest entry tells: OFAC
  numbers new entries in sequence and never reuses a number, so a publication whose
  highest `ent_num` is lower than the active one's was published before it.
- Shrink: a version that loses more than the allowed share of the active version's
  entities, names or aliases is refused. Entities alone miss an incomplete set of
  files: OFAC's SDN.CSV without its ALT.CSV keeps every entry and loses 80% of aliases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interdict.entities.model import Entity, NameKind
from interdict.errors import ListRollbackError, ListShrinkError


@dataclass(frozen=True, slots=True)
class Counts:
    """What a version holds, as the shrink guard counts it."""

    entities: int
    names: int
    aliases: int


@dataclass(frozen=True, slots=True)
class Publication:
    """Where a version stands in its list's history, as far as its files tell.

    `published` is the ISO date the files state; `newest_entry` the highest entry
    number, for lists whose publisher numbers entries in sequence (OFAC).
    """

    published: str | None
    newest_entry: int | None = None

    def describe(self) -> str:
        if self.published:
            return f"published {self.published}"
        if self.newest_entry is not None:
            return f"no publication date, newest entry {self.newest_entry}"
        return "no publication date"


def counts_of(entities: Sequence[Entity]) -> Counts:
    names = [name for entity in entities for name in entity.names]
    aliases = sum(1 for name in names if name.kind is not NameKind.PRIMARY)
    return Counts(len(entities), len(names), aliases)


def publication_of(published: str | None, keys: Iterable[str], *, sequential: bool) -> Publication:
    """The publication of a version with these entity keys.

    Keys such as `36~2` (a contradiction kept beside `36`) are not entry numbers.
    """
    if not sequential:
        return Publication(published)
    numbers = [int(key) for key in keys if key.isascii() and key.isdigit()]
    return Publication(published, max(numbers, default=None))


def is_older(offered: Publication, active: Publication) -> bool:
    """Whether `offered` was published before `active`; False when they cannot be told apart."""
    if offered.published and active.published:
        return offered.published < active.published
    if offered.newest_entry is not None and active.newest_entry is not None:
        return offered.newest_entry < active.newest_entry
    return False


def check_forward(list_name: str, number: int, active: Publication, offered: Publication) -> None:
    """Refuse `offered` when it is older than the active version `number`."""
    if is_older(offered, active):
        raise ListRollbackError(
            list_name, f"version {number}, {active.describe()}", offered.describe()
        )


def check_shrink(list_name: str, old: Counts, new: Counts, limit: float) -> None:
    """Refuse a version that loses more than `limit` of the entities, names or aliases."""
    losses = [
        f"{now:,} {what}, {before - now:,} fewer than the {before:,} of the active version "
        f"({(before - now) / before:.0%})"
        for what, before, now in (
            ("entities", old.entities, new.entities),
            ("names", old.names, new.names),
            ("aliases", old.aliases, new.aliases),
        )
        if before and (before - now) / before > limit
    ]
    if losses:
        raise ListShrinkError(
            f"{list_name}: the new version has {'; '.join(losses)} — more than the "
            f"{limit:.0%} allowed. A truncated download, or a file of the set missing? "
            "Pass --accept-shrink if the shrink is real."
        )
