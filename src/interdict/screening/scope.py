"""What a screen covers: the lists in scope, in groups that never crowd each other out.

Retrieval keeps the best few hundred candidates and a screen reports the best few
hits. Done over every list in scope at once, a member's own private list could push an
official-list entry out of either cut, so the same customer would hit a UN listing as
one member and not as another. Each group is therefore retrieved and cut on its own:
the public lists form one group (the same for every member), and each private list
a member may see is a group of its own. Hits on a list then depend only on that
list's group, never on what else the caller may see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scope:
    """Groups of list names; a list belongs to at most one group."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, list_names: Iterable[str]) -> Scope:
        """Every list in one group (no private lists in play)."""
        names = tuple(sorted(set(list_names)))
        return cls((names,) if names else ())

    @property
    def lists(self) -> tuple[str, ...]:
        return tuple(name for group in self.groups for name in group)

    def __bool__(self) -> bool:
        return any(self.groups)
