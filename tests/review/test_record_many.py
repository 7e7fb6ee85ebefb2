"""Recording many hits in one call (`record_screens`, a manifest's or a file part's)
answers exactly what recording them one after another answers: allow-listed pairs
suppressed by an active entry only, a dedup key joining its alert whether it is in the
store already or made earlier in the same call, the rest new alerts, ids in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select

from interdict.members.store import MemberStore
from interdict.review.alert import AlertDraft
from interdict.review.store import ReviewStore, Screened, alerts_table, allowlist_table

from .conftest import draft

NOW = datetime.now(UTC)


def _allow(engine: Engine, member_id: int, d: AlertDraft, **when: datetime | None) -> None:
    """An allow-list entry for `d`'s pair (its alert recorded first, as a decision would)."""
    (done,) = ReviewStore(engine).record_screen(member_id, "t", "test", "s", [d])
    assert done.alert_id is not None
    row = {
        "member_id": member_id,
        "subject_key": d.subject_key,
        "subject_name": "x",
        "target_id": d.target_id,
        "target_hash": when.pop("target_hash", None) or d.target_hash,
        "alert_id": done.alert_id,
        "created_by": "a+b",
        "created_at": NOW - timedelta(days=1),
        "expires_at": when.get("expires_at") or NOW + timedelta(days=30),
        "revoked_at": when.get("revoked_at"),
    }
    with engine.begin() as conn:
        conn.execute(insert(allowlist_table).values(**row))


def _store(engine: Engine, name: str) -> tuple[ReviewStore, int]:
    """A member with: an active entry on "Allowed", a revoked one on "Revoked", an
    expired one on "Expired", one for another content of "Changed", and an alert
    already open for "Known"."""
    member = MemberStore(engine).create_member(name)
    _allow(engine, member.id, draft("Allowed"))
    _allow(engine, member.id, draft("Revoked"), revoked_at=NOW - timedelta(hours=1))
    _allow(engine, member.id, draft("Expired"), expires_at=NOW - timedelta(hours=1))
    _allow(engine, member.id, draft("Changed"), target_hash="b" * 64)
    ReviewStore(engine).record_screen(member.id, "t", "test", "s", [draft("Known")])
    return ReviewStore(engine), member.id


DRAFTS = [
    draft("New one"),
    draft("Allowed"),
    # Another list version (another dedup key): the entry's state decides.
    draft("Revoked", version=2),
    draft("Expired", version=2),
    draft("Changed", version=2),
    draft("Known"),
    draft("Twice"),
    draft("Allowed", version=2),  # the entry covers the pair in any version
    draft("Twice"),  # joins the alert the first "Twice" made in this same call
    draft("New one", version=3),
    draft("Known"),
    draft("Revoked"),  # the alert its entry was made from
]


def _shape(engine: Engine, member_id: int, done: list[Screened]) -> list[tuple[object, ...]]:
    """What each recording did, with alert ids as their alerts' dedup keys (the two
    stores number their alerts alike only by chance)."""
    query = select(alerts_table.c.id, alerts_table.c.dedup_key).where(
        alerts_table.c.member_id == member_id
    )
    with engine.connect() as conn:
        keys = {row.id: row.dedup_key for row in conn.execute(query)}
    return [
        (
            s.draft,
            None if s.alert_id is None else keys[s.alert_id],
            s.suppressed_by is not None,
            s.created,
        )
        for s in done
    ]


def test_many_at_once_are_one_after_another(engine: Engine) -> None:
    together, together_id = _store(engine, "together")
    apart, apart_id = _store(engine, "apart")
    screens = [("s1", DRAFTS[:4]), ("s2", []), ("s3", DRAFTS[4:])]
    batched = [
        s for done in together.record_screens(together_id, "t", "test", screens) for s in done
    ]
    alone = [apart.record_screen(apart_id, "t", "test", "s", [d])[0] for d in DRAFTS]
    assert _shape(engine, together_id, batched) == _shape(engine, apart_id, alone)
    outcome = [(s.alert_id is not None, s.suppressed_by is not None, s.created) for s in batched]
    assert outcome == [
        (True, False, True),  # new
        (False, True, False),  # allow-listed
        (True, False, True),  # revoked entry: alerts
        (True, False, True),  # expired entry: alerts
        (True, False, True),  # entry for other content: alerts
        (True, False, False),  # already alerted
        (True, False, True),  # "Twice", first
        (False, True, False),  # allow-listed, another version
        (True, False, False),  # "Twice" again: the same alert
        (True, False, True),
        (True, False, False),
        (True, False, False),
    ]
    twice = [s.alert_id for s in batched if s.draft.subject["properties"]["name"] == ["Twice"]]
    assert twice[0] == twice[1]
    assert len({s.alert_id for s in batched if s.created}) == 6
