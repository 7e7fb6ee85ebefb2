"""An `Entity` assembled from one SDN.CSV row, its remarks and its ADD/ALT rows.

Structured columns (type, programs, vessel data) and the facts parsed out of the
remarks are merged here; repeated values are kept once, in the order OFAC gives
them. The remarks text itself is kept verbatim in `Entity.remarks` and every piece
the remarks grammar did not understand becomes an UNPARSED issue for the operator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from interdict.entities.model import Document, DocumentKind, Entity, Gender
from interdict.lists.formats.ofac.remarks import RemarkFacts, parse_remarks
from interdict.lists.formats.ofac.rows import Row, ent_num, programs_of, schema_of
from interdict.lists.formats.ofac.values import resolve_country
from interdict.lists.source import ImportIssue, IssueKind

if TYPE_CHECKING:
    from interdict.lists.formats.ofac.sdn_csv import Attachments

T = TypeVar("T")

# Vessel columns of SDN.CSV kept as `extra` pairs, by the key they are stored under.
_VESSEL_COLUMNS = {
    "vessel_type": "Vess_type",
    "tonnage": "Tonnage",
    "grt": "GRT",
    "vessel_flag": "Vess_flag",
    "vessel_owner": "Vess_owner",
}


def unique(values: Iterable[T]) -> tuple[T, ...]:
    """The values once each, in first-seen order."""
    return tuple(dict.fromkeys(values))


def build_entity(row: Row, attached: Attachments) -> tuple[Entity, list[ImportIssue]]:
    """The entity of one SDN row, and the issues its remarks raise."""
    key, schema = ent_num(row), schema_of(row)
    remarks = row.get("Remarks")
    facts = parse_remarks(remarks) if remarks else RemarkFacts()
    issues = [
        ImportIssue(IssueKind.UNPARSED, key, f"remarks: {text}", row.line)
        for text in facts.unparsed
    ]
    gender = _gender(facts.genders)
    if len(set(facts.genders)) > 1:
        issues.append(
            ImportIssue(IssueKind.UNPARSED, key, "remarks give more than one gender", row.line)
        )
    entity = Entity(
        key=key,
        schema=schema,
        names=unique([*attached.names, *facts.names]),
        programs=programs_of(row),
        gender=gender,
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(facts.birth_places),
        nationalities=unique(facts.nationalities),
        citizenships=unique(facts.citizenships),
        countries=unique(a.country for a in attached.addresses if a.country),
        documents=unique([*_call_sign(row), *facts.documents]),
        addresses=unique(attached.addresses),
        titles=(row.get("Title"),) if row.get("Title") else (),
        positions=unique(facts.positions),
        remarks=remarks,
        extra=unique([*_vessel_extra(row), *facts.extra, *attached.extra]),
    )
    return entity, issues


def _gender(genders: list[Gender]) -> Gender | None:
    """The gender when the remarks state one consistently, else None."""
    distinct = set(genders)
    return genders[0] if len(distinct) == 1 else None


def _call_sign(row: Row) -> list[Document]:
    sign = row.get("Call_Sign")
    return [Document(DocumentKind.CALL_SIGN, sign)] if sign else []


def _vessel_extra(row: Row) -> list[tuple[str, str]]:
    pairs = [(key, row.get(column)) for key, column in _VESSEL_COLUMNS.items() if row.get(column)]
    flag = row.get("Vess_flag")
    code = resolve_country(flag) if flag else None
    if code is not None:
        pairs.append(("vessel_flag_code", code))
    return pairs
