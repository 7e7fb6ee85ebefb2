"""Batch screening hits as alerts of one member: the review side of `screen-file --member`.

A batch file is screened in chunks (screening/batch.py); before each part of results
is committed, its rows with hits come here and become alerts, one audit record per
row, exactly as an API screen of the same subject would. Recording is idempotent (the
alert dedup key), so a part repeated after an interruption adds nothing.

The subject is kept in the shape the API receives (FollowTheMoney schema and property
names), so a customer screened by file and by API shares its alerts and allow-list
entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from interdict.entities.ftm import entity_to_ftm
from interdict.members.store import Member
from interdict.review.alert import AlertDraft, subject_key
from interdict.review.hits import entity_drafts
from interdict.review.store import ReviewStore
from interdict.screening.batch_input import VALUE_SEPARATOR
from interdict.screening.batch_pool import RowHits

# Batch columns and the FollowTheMoney properties the API uses for them.
_PROPERTIES = (
    ("name", "name"),
    ("dob", "birthDate"),
    ("nationality", "nationality"),
    ("gender", "gender"),
    ("document", "idNumber"),
)


@dataclass(slots=True)
class BatchAlerts:
    """Records each batch row's hits as alerts of `member`; counts what it did."""

    reviews: ReviewStore
    member: Member
    actor: str
    created: int = field(default=0)
    suppressed: int = field(default=0)

    def __call__(self, rows: Sequence[RowHits]) -> None:
        for screened in rows:
            subject, drafts = row_drafts(screened)
            done = self.reviews.record_screen(
                self.member.id, self.actor, "batch", subject_key(subject), drafts
            )
            self.created += sum(s.created for s in done)
            self.suppressed += sum(1 for s in done if s.suppressed_by is not None)


def row_drafts(screened: RowHits) -> tuple[dict[str, Any], list[AlertDraft]]:
    """A screened row's subject (`batch_subject`) and its hits as alert drafts, each
    carrying the row's own id (a file's or a book's), so an analyst can find whom an
    alert is about."""
    subject = batch_subject(screened)
    customer = screened.row.subject_id
    drafts = [replace(d, customer_id=customer) for d in entity_drafts(subject, screened.hits)]
    return subject, drafts


def batch_subject(screened: RowHits) -> dict[str, Any]:
    """The row as an API query: {"schema": "Person", "properties": {"name": [...], ...}}."""
    cells = screened.row.cells
    properties: dict[str, list[str]] = {}
    for column, prop in _PROPERTIES:
        values = [v.strip() for v in cells.get(column, "").split(VALUE_SEPARATOR) if v.strip()]
        if values:
            properties[prop] = values
    schema = str(entity_to_ftm(screened.subject)[0]["schema"])
    return {"schema": schema, "properties": properties}
