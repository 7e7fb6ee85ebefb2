"""What a member sees, read at once (`seen_by`, before every screen), on both stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, event, text

from interdict.lists.store import list_names_on
from interdict.members.store import Member, MemberStore
from interdict.members.visibility import EVERY_FLOW, ListVisibility, Seen

NAMES = ["un-sc-consolidated", "a-own", "b-watch", "ofac-sdn", "c-own"]


def names(_conn: Connection) -> list[str]:
    return NAMES


def test_what_a_member_sees_read_at_once_is_what_each_read_apart_says(engine: Engine) -> None:
    members = MemberStore(engine)
    a, b, c, d = (members.create_member(n) for n in ("bank-a", "bank-b", "border-c", "bank-d"))
    visibility = ListVisibility(engine)
    visibility.claim("a-own", a)
    visibility.claim("b-watch", b)
    visibility.claim("c-own", c)
    visibility.share("b-watch", b, c)
    visibility.share("a-own", a, c)
    visibility.set_default_scope(a, "payments", ["ofac-sdn"], None)
    visibility.set_default_scope(a, EVERY_FLOW, None, ["terrorism"])
    visibility.set_default_scope(c, EVERY_FLOW, ["un-sc-consolidated", "b-watch"], None)
    visibility.set_default_scope(d, "travel", None, ["terrorism", "russia"])

    # Each caller's default in each flow: its own for the flow, else its "*", else none.
    defaults = {
        None: dict.fromkeys(("payments", "travel", "api"), (None, None)),
        a: {
            "payments": (("ofac-sdn",), None),
            "travel": (None, ("terrorism",)),
            "api": (None, ("terrorism",)),
        },
        b: dict.fromkeys(("payments", "travel", "api"), (None, None)),
        c: dict.fromkeys(("payments", "travel", "api"), (("un-sc-consolidated", "b-watch"), None)),
        d: {
            "payments": (None, None),
            "travel": (None, ("terrorism", "russia")),
            "api": (None, None),
        },
    }
    for member, by_flow in defaults.items():
        for flow, default in by_flow.items():
            seen = visibility.seen_by(member, flow, names)
            assert seen.groups == visibility.groups(member, NAMES), (member, flow)
            assert seen.default == default, (member, flow)
        if member is not None:
            visible = sorted(visibility.visible(member, NAMES))
            assert visibility.names_seen_by(member, names) == visible, member

    public = ("ofac-sdn", "un-sc-consolidated")
    assert visibility.seen_by(None, "api", names).groups == (
        public,
        ("a-own",),
        ("b-watch",),
        ("c-own",),
    )
    assert visibility.seen_by(None, "api", names).default == (None, None)
    assert visibility.seen_by(a, "payments", names).default == (("ofac-sdn",), None)
    assert visibility.seen_by(a, "api", names).default == (None, ("terrorism",))
    assert visibility.seen_by(b, "api", names).groups == (public, ("b-watch",))
    seen_by_c = visibility.seen_by(c, "travel", names)
    assert seen_by_c.groups == (public, ("a-own",), ("b-watch",), ("c-own",))
    assert seen_by_c.default == (("un-sc-consolidated", "b-watch"), None)
    assert visibility.seen_by(d, "travel", names).default == (None, ("terrorism", "russia"))
    assert visibility.seen_by(d, "api", names) == visibility.seen_by(d, "payments", names)
    assert visibility.seen_by(d, "api", names).groups == (public,)


def test_the_reads_of_every_request_begin_no_transaction(engine: Engine) -> None:
    """The key lookup and `seen_by` run before every screen; on PostgreSQL a transaction
    around them is two more round trips (BEGIN, and ROLLBACK when handed back)."""
    members = MemberStore(engine)
    member = members.create_member("bank-a")
    key = members.issue_key(member, "test")
    visibility = ListVisibility(engine)
    in_transaction: list[bool] = []

    def execute(conn: Any, _cursor: object, _sql: str, *_: object) -> None:
        dbapi = conn.connection.dbapi_connection
        if engine.dialect.name == "postgresql":
            in_transaction.append(not dbapi.autocommit)
        else:
            in_transaction.append(dbapi.in_transaction)

    event.listen(engine, "before_cursor_execute", execute)
    try:
        assert members.authenticate(key) == member
        visibility.seen_by(member, "api", lambda conn: conn.execute(text("SELECT 'x'")).scalars())
    finally:
        event.remove(engine, "before_cursor_execute", execute)
    assert in_transaction == [False, False, False]


def test_what_a_member_sees_is_read_again_after_any_change_to_it_and_only_then(
    engine: Engine,
) -> None:
    """A member authenticated by its key carries the visibility generation; `seen_by`
    reads at most once per generation, and every write to the four tables that decide
    what a member sees, by our code or by hand, moves the generation (migration 0011)."""
    members = MemberStore(engine)
    a, b = members.create_member("bank-a"), members.create_member("bank-b")
    key = members.issue_key(b, "test")
    visibility = ListVisibility(engine)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        statements.append(sql)

    def seen() -> tuple[Seen, int]:
        member = members.authenticate(key)  # as every request: the key, then the screen
        before = len(statements)
        found = visibility.seen_by(member, "api", list_names_on)
        return found, len(statements) - before

    def by_hand(sql: str) -> Callable[[], None]:
        def run() -> None:
            with engine.begin() as conn:
                conn.execute(text(sql))

        return run

    changes: list[tuple[str, Callable[[], object], Seen]] = [
        (
            "a new list",
            by_hand("INSERT INTO lists (name, format) VALUES ('a-own', 'csv')"),
            Seen((("a-own",),), (None, None)),
        ),
        ("a claim", lambda: visibility.claim("a-own", a), Seen((), (None, None))),
        ("a share", lambda: visibility.share("a-own", a, b), Seen((("a-own",),), (None, None))),
        (
            "a default",
            lambda: visibility.set_default_scope(b, "api", ["a-own"], None),
            Seen((("a-own",),), (("a-own",), None)),
        ),
        ("a share removed", by_hand("DELETE FROM list_shares"), Seen((), (("a-own",), None))),
        (
            "a default changed",
            by_hand("UPDATE screening_defaults SET lists = NULL, regimes = 'terrorism'"),
            Seen((), (None, ("terrorism",))),
        ),
    ]
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert seen() == (Seen((), (None, None)), 2)
        assert seen() == (Seen((), (None, None)), 0)
        for what, change, expected in changes:
            change()
            assert seen() == (expected, 2), what
            assert seen() == (expected, 0), what
        unstamped = Member(b.id, b.name)  # read any other way than by its key: always read
        before = len(statements)
        assert visibility.seen_by(unstamped, "api", list_names_on) == expected
        assert visibility.seen_by(unstamped, "api", list_names_on) == expected
        assert len(statements) - before == 4
    finally:
        event.remove(engine, "before_cursor_execute", count)
