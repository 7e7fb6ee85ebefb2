"""What a screen covers: the lists in scope, in groups that never crowd each other out.

Retrieval keeps the best few hundred candidates and a screen reports the best few
hits. Done over every list in scope at once, a member's own private list could push an
official-list entry out of either cut, so the same customer would hit a UN listing as
one member and not as another. Each group is therefore retrieved and cut on its own:
the public lists form one group (the same for every member), and each private list
a member may see is a group of its own. Hits on a list then depend only on that
list's group, never on what else the caller may see.

A request may narrow its scope to some of those lists and to some regimes
(`narrowed`): a terrorism-only screen retrieves only entities listed under a
terrorism programme, list by list as before, so narrowing never lets one list's
entries crowd out another's either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from interdict.errors import InputError
from interdict.lists.regimes import Regime


@dataclass(frozen=True, slots=True)
class Scope:
    """Groups of list names; a list belongs to at most one group.

    `regimes` limits the screen to entities listed under those regimes; empty means
    every regime.
    """

    groups: tuple[tuple[str, ...], ...]
    regimes: frozenset[Regime] = field(default=frozenset())

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

    def narrowed(
        self, lists: Iterable[str] | None = None, regimes: Iterable[Regime] | None = None
    ) -> Scope:
        """This scope limited to `lists` and `regimes` (None: no limit of that kind).

        A list outside this scope cannot be asked for: the caller does not see it, and
        a silent "no hit" on a list it cannot see would read as a clear screen.
        """
        groups = self.groups
        if lists is not None:
            wanted = set(lists)
            unknown = sorted(wanted - set(self.lists))
            if unknown:
                raise InputError(
                    f"list(s) {', '.join(unknown)} not in scope; "
                    f"lists in scope: {', '.join(self.lists) or 'none'}"
                )
            groups = tuple(kept for g in groups if (kept := tuple(n for n in g if n in wanted)))
        chosen = self.regimes if regimes is None else frozenset(regimes)
        return Scope(groups, chosen)
