"""What a member sees, read at once (`seen_by`, before every screen), on both stores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text

from interdict.members.store import MemberStore
from interdict.members.visibility import EVERY_FLOW, ListVisibility

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
