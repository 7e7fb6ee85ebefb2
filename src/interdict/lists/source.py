"""What a list format must provide, and the result of parsing one.

A `ListSource` turns the official files of one format into `Entity` values. Formats
register in `interdict.lists.registry.SOURCES`; adding a format (EU FSF XML, the
current UK list) is one module implementing this protocol plus one line there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from interdict.entities.model import Entity


class IssueKind(StrEnum):
    """Things a parser noticed that an operator should see, but that lose no data."""

    DUPLICATE = "duplicate"  # the same record twice, identical: kept once
    CONTRADICTION = "contradiction"  # two different records under one key: both kept
    UNPARSED = "unparsed"  # free text the parser kept verbatim but could not structure
    PARTIAL = "partial"  # the file holds only part of its list (known cut copies)


@dataclass(frozen=True, slots=True)
class ImportIssue:
    kind: IssueKind
    key: str
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedList:
    """One version of a list as read from its files, before it is stored.

    `published` is the publication date the files state, as "YYYY-MM-DD" (None when
    the format states none); the store refuses a publication older than the active
    version. `declared_count` is the entity count the file states about itself (OFAC's
    Record_Count, ...) when it states one; the importer checks it against what was
    parsed, so a truncated file cannot pass for a shorter list. `sequential_keys` says
    the publisher numbers new entries in increasing order and never reuses a number
    (OFAC's ent_num), so the highest key orders publications that state no date.
    """

    list_name: str
    format: str
    entities: tuple[Entity, ...]
    published: str | None = None
    declared_count: int | None = None
    issues: tuple[ImportIssue, ...] = field(default=())
    sequential_keys: bool = False


class ListSource(Protocol):
    """One list file format."""

    @property
    def name(self) -> str:
        """Registry key, e.g. "un-xml"."""

    @property
    def description(self) -> str:
        """One line for `interdict lists formats`."""

    def sniff(self, paths: Sequence[Path]) -> bool:
        """Whether these files look like this format (cheap: reads only the start)."""

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        """Parse every record; raise `ListFormatError` naming file, line and field."""


def deduplicate(
    entities: Iterable[tuple[Entity, int | None]],
) -> tuple[tuple[Entity, ...], tuple[ImportIssue, ...]]:
    """Keep every distinct record, reporting repeats instead of merging them.

    An identical repeat is dropped (nothing is lost) and reported. A different record
    under a key already seen is kept under the key `KEY~2` (`~3`, ...) and reported as a
    contradiction, so an analyst sees both versions of the truth.
    """
    seen: dict[str, Entity] = {}
    issues: list[ImportIssue] = []
    for entity, line in entities:
        first = seen.get(entity.key)
        if first is None:
            seen[entity.key] = entity
        elif first == entity:
            issues.append(
                ImportIssue(IssueKind.DUPLICATE, entity.key, "identical record repeated", line)
            )
        else:
            n = 2
            while f"{entity.key}~{n}" in seen:
                n += 1
            key = f"{entity.key}~{n}"
            seen[key] = replace(entity, key=key)
            issues.append(
                ImportIssue(
                    IssueKind.CONTRADICTION,
                    entity.key,
                    f"a different record under the same key; kept as {key}",
                    line,
                )
            )
    return tuple(seen.values()), tuple(issues)
