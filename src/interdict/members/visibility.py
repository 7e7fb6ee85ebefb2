"""Which lists a member may see: official lists are public, private lists their owner's.

A list without an owner row is public (the UN, OFAC and UK lists). A member's own list
is visible to it and to the members it shares it with, nobody else. Lists are named
here by their name only, so this layer does not depend on the list store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    Row,
    Text,
    bindparam,
    cast,
    delete,
    insert,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.exc import IntegrityError

from interdict.errors import InputError
from interdict.members.store import (
    Member,
    list_owners_table,
    list_shares_table,
    screening_defaults_table,
)
from interdict.storage.engine import for_reads

#: The flow name of a default that holds for every flow without one of its own.
EVERY_FLOW = "*"
#: Writes a change's audit record in the change's own transaction (services/lists.py).
InTransaction = Callable[[Connection], object]
#: Reads the names of the stored lists on a connection (lists/store.py `list_names_on`).
ListNames = Callable[[Connection], Iterable[str]]
# Every screen reads these (services/screening.py `view`): built once, since building a
# statement costs more than running it (members/store.py).
_OWNERS = select(list_owners_table.c.list_name, list_owners_table.c.member_id)
_SHARED_WITH = select(list_shares_table.c.list_name).where(
    list_shares_table.c.member_id == bindparam("member_id")
)
# What a member screens against, in one statement (`seen_by`): every owner row, the
# member's shares, and its defaults for the flow and for every flow, each row tagged.
_SEEN = union_all(
    select(
        literal_column("'owner'").label("kind"),
        list_owners_table.c.list_name.label("name"),
        list_owners_table.c.member_id.label("owner"),
        cast(null(), Text).label("lists"),
        cast(null(), Text).label("regimes"),
    ),
    select(
        literal_column("'share'"),
        list_shares_table.c.list_name,
        cast(null(), Integer),
        cast(null(), Text),
        cast(null(), Text),
    ).where(list_shares_table.c.member_id == bindparam("member_id")),
    select(
        literal_column("'default'"),
        screening_defaults_table.c.flow,
        cast(null(), Integer),
        screening_defaults_table.c.lists,
        screening_defaults_table.c.regimes,
    ).where(
        screening_defaults_table.c.member_id == bindparam("member_id"),
        screening_defaults_table.c.flow.in_([bindparam("flow"), EVERY_FLOW]),
    ),
)
#: A default scope: the lists and the regimes (None: not narrowed by that).
Default = tuple[tuple[str, ...] | None, tuple[str, ...] | None]


@dataclass(frozen=True, slots=True)
class Seen:
    """What a member screens against in a flow, read at one moment (`seen_by`): the
    lists it may see, in screening groups, and its default scope for the flow."""

    groups: tuple[tuple[str, ...], ...]
    default: Default


#: The most (member, flow) reads `seen_by` keeps; past it, it forgets them all and
#: starts again (members and flows are few: a bound, not a policy).
SEEN_KEPT = 4096


class ListVisibility:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: What every screen reads (`seen_by`), with no transaction (`for_reads`).
        self._reads = for_reads(engine)
        #: `seen_by`'s reads, by member, flow and list reader, with the visibility
        #: generation they are current at.
        self._seen: dict[tuple[int, str, ListNames], tuple[int, Seen]] = {}

    def claim(self, list_name: str, owner: Member, audit: InTransaction | None = None) -> None:
        """Make `list_name` private to `owner`; `audit` writes its record alongside."""
        with self.engine.begin() as conn:
            try:
                conn.execute(
                    insert(list_owners_table).values(list_name=list_name, member_id=owner.id)
                )
            except IntegrityError:
                raise InputError(f"list {list_name!r} has an owner already") from None
            if audit is not None:
                audit(conn)

    def unclaim(self, list_name: str) -> None:
        """Forget the owner of a list that was never stored (a failed private import)."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(list_owners_table).where(list_owners_table.c.list_name == list_name)
            )

    def share(
        self,
        list_name: str,
        owner: Member,
        with_member: Member,
        audit: InTransaction | None = None,
    ) -> None:
        """Let `with_member` see `owner`'s list; `audit` writes its record alongside."""
        if self.owner_id(list_name) != owner.id:
            raise InputError(f"list {list_name!r} is not {owner.name}'s to share")
        with self.engine.begin() as conn:
            conn.execute(
                delete(list_shares_table).where(
                    list_shares_table.c.list_name == list_name,
                    list_shares_table.c.member_id == with_member.id,
                )
            )
            conn.execute(
                insert(list_shares_table).values(list_name=list_name, member_id=with_member.id)
            )
            if audit is not None:
                audit(conn)

    def owner_id(self, list_name: str) -> int | None:
        query = select(list_owners_table.c.member_id).where(
            list_owners_table.c.list_name == list_name
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def visible(self, member: Member, list_names: Iterable[str]) -> list[str]:
        """The names among `list_names` that `member` may read, in the given order."""
        owners, shared = self._owners_and_shares(member)
        return [name for name in list_names if _may_read(member, name, owners, shared)]

    def groups(
        self, member: Member | None, list_names: Iterable[str]
    ) -> tuple[tuple[str, ...], ...]:
        """The lists `member` may read (all, for None), as screening groups.

        The public lists form the first group, each private list one group of its own
        (screening/scope.py says why).
        """
        owners, shared = self._owners_and_shares(member)
        return _groups(member, list_names, owners, shared)

    def seen_by(self, member: Member | None, flow: str, list_names: ListNames) -> Seen:
        """`groups` of the names `list_names` reads and the member's default scope for
        `flow`: its own for the flow, else its one for every flow ("*"), else none (and
        none for the operator, None); in one connection and two statements, or none.

        Every screen asks this (services/screening.py `view`). Read apart, the same took
        three connections and four statements: on PostgreSQL each connection also costs
        the pool's ping and its reset, ten round trips a screen before it began.

        None at all when the member came with a visibility generation (read with its API
        key, members/store.py) and this process read what it sees at that generation
        before: the database moves the generation in the same transaction as any write
        that changes what anyone sees (migration 0011), so an unchanged generation means
        an unchanged answer. What is kept was read after the generation it is filed
        under was current, so it is never older than that generation, nor than any
        before it.
        """
        if member is None or member.visibility is None:
            return self._read_seen(member, flow, list_names)
        key = (member.id, flow, list_names)
        kept = self._seen.get(key)
        if kept is not None and kept[0] >= member.visibility:
            return kept[1]
        seen = self._read_seen(member, flow, list_names)
        if len(self._seen) >= SEEN_KEPT:
            self._seen.clear()
        self._seen[key] = (member.visibility, seen)
        return seen

    def names_seen_by(self, member: Member, list_names: ListNames) -> list[str]:
        """The lists `member` may see, by name, in order: those of `seen_by`, so read
        no more often than it reads them (the yente endpoints name them every call)."""
        groups = self.seen_by(member, EVERY_FLOW, list_names).groups
        return sorted(name for group in groups for name in group)

    def _read_seen(self, member: Member | None, flow: str, list_names: ListNames) -> Seen:
        owners: dict[str, int] = {}
        shared: set[str] = set()
        defaults: dict[str, Row[Any]] = {}
        member_id = None if member is None else member.id  # `= NULL` matches no row
        with self._reads.connect() as conn:
            names = list(list_names(conn))
            for row in conn.execute(_SEEN, {"member_id": member_id, "flow": flow}):
                if row.kind == "owner":
                    owners[row.name] = row.owner
                elif row.kind == "share":
                    shared.add(row.name)
                else:
                    defaults[row.name] = row
        return Seen(_groups(member, names, owners, shared), _default(defaults, flow))

    def public(self, list_names: Iterable[str]) -> list[str]:
        """The names among `list_names` that every member sees (no owner)."""
        owners, _ = self._owners_and_shares(None)
        return [name for name in list_names if name not in owners]

    def _owners_and_shares(self, member: Member | None) -> tuple[dict[str, int], set[str]]:
        with self.engine.connect() as conn:
            owners = {r.list_name: r.member_id for r in conn.execute(_OWNERS)}
            shared: set[str] = set()
            if member is not None:
                shared = set(conn.execute(_SHARED_WITH, {"member_id": member.id}).scalars())
        return owners, shared

    def can_see(self, member: Member, list_name: str) -> bool:
        return bool(self.visible(member, [list_name]))

    def set_default_scope(
        self, member: Member, flow: str, lists: Iterable[str] | None, regimes: Iterable[str] | None
    ) -> None:
        """What `member` screens in `flow` unless a request says (None: all; both None: forget)."""
        table = screening_defaults_table
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.member_id == member.id, table.c.flow == flow))
            if lists is not None or regimes is not None:
                conn.execute(
                    insert(table).values(
                        member_id=member.id,
                        flow=flow,
                        lists=None if lists is None else ",".join(lists),
                        regimes=None if regimes is None else ",".join(regimes),
                    )
                )


def _groups(
    member: Member | None, list_names: Iterable[str], owners: dict[str, int], shared: set[str]
) -> tuple[tuple[str, ...], ...]:
    public: list[str] = []
    private: list[tuple[str, ...]] = []
    for name in sorted(set(list_names)):
        if name not in owners:
            public.append(name)
        elif _may_read(member, name, owners, shared):
            private.append((name,))
    return ((tuple(public),) if public else ()) + tuple(private)


def _may_read(member: Member | None, name: str, owners: dict[str, int], shared: set[str]) -> bool:
    """The one rule, for `visible` and for the groups of `seen_by` and `groups`: a list
    without an owner is public; a private one is read by its owner, the members it is
    shared with, and the operator (None)."""
    return name not in owners or member is None or owners[name] == member.id or name in shared


def _default(rows: dict[str, Row[Any]], flow: str) -> Default:
    """The flow's own default, else the one for every flow, else none; rows by flow."""
    row = rows.get(flow) or rows.get(EVERY_FLOW)
    if row is None:
        return None, None
    return _split(row.lists), _split(row.regimes)


def _split(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(v for v in text.split(",") if v)
