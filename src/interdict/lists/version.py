"""A stored list version as callers see it: its numbers, its files, where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file a version was read from, with its checksum for provenance."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version of one list: counts, delta against the previous one, provenance.

    `published` is the publication date its files state ("2026-02-27"), None for a
    format that states none (OFAC's legacy CSV, FollowTheMoney lines).
    """

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
