"""What changed between two versions of a list: added, removed and amended entities.

Versions are compared by entity key and content hash; only amended entities are
decoded, to name the fields that changed (an analyst re-screens on a changed DOB,
not on a re-ordered remark). Field names are those of `Entity`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    AMENDED = "amended"


@dataclass(frozen=True, slots=True)
class EntityChange:
    key: str
    kind: ChangeKind
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Delta:
    changes: tuple[EntityChange, ...]

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    @property
    def added(self) -> int:
        return self.count(ChangeKind.ADDED)

    @property
    def removed(self) -> int:
        return self.count(ChangeKind.REMOVED)

    @property
    def amended(self) -> int:
        return self.count(ChangeKind.AMENDED)


def compute_delta(
    old: Mapping[str, str],
    new: Mapping[str, str],
    load_bodies: Callable[[Collection[str]], Mapping[str, Mapping[str, Any]]],
) -> Delta:
    """Delta from `old` to `new`, both maps of entity key to content hash.

    `load_bodies(hashes)` returns the decoded entity dicts by hash; it is called once,
    for the amended entities only.
    """
    changes = [EntityChange(k, ChangeKind.ADDED) for k in sorted(new.keys() - old.keys())]
    changes += [EntityChange(k, ChangeKind.REMOVED) for k in sorted(old.keys() - new.keys())]
    amended = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    bodies = load_bodies({old[k] for k in amended} | {new[k] for k in amended})
    for key in amended:
        fields = changed_fields(bodies[old[key]], bodies[new[key]])
        changes.append(EntityChange(key, ChangeKind.AMENDED, fields))
    return Delta(tuple(changes))


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    """Names of the top-level fields whose values differ."""
    return tuple(sorted(f for f in old.keys() | new.keys() if old.get(f) != new.get(f)))
