"""FollowTheMoney in and out: the field's exchange format for sanctioned entities.

Out: each entity becomes one FtM entity, plus one `Passport`/`Identification` entity per
document (FtM keeps documents as their own entities, with number, country and type),
all validated through `followthemoney.model` so the output loads in yente, nomenklatura
and Aleph. In: the reverse, tolerant of hand-written FtM (country names instead of
codes, the FtM `passportNumber` shortcut) because screening queries arrive that way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from interdict.entities.country import country_code
from interdict.entities.dates import DateSyntaxError, parse_birth_date
from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    NameKind,
    NameStrength,
    Schema,
)
from interdict.errors import InputError

FtMDict = dict[str, Any]

_NAME_PROPERTY = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.NEW: "alias",
    NameKind.FORMER: "previousName",
}
_DOCUMENT_KINDS = {k.value for k in DocumentKind}
_DOCUMENT_SCHEMA = {DocumentKind.PASSPORT: "Passport"}
_ORG_ID_PROPERTY = {
    DocumentKind.TAX_ID: "taxNumber",
    DocumentKind.REGISTRATION: "registrationNumber",
    DocumentKind.SWIFT_BIC: "swiftBic",
}
_VESSEL_ID_PROPERTY = {DocumentKind.IMO: "imoNumber", DocumentKind.CALL_SIGN: "callSign"}


def entity_to_ftm(entity: Entity) -> list[FtMDict]:
    """The FtM entities describing one designated entity, main entity first."""
    proxy = _model().make_entity(entity.schema.value)
    proxy.id = entity.key
    for name in entity.names:
        prop = _NAME_PROPERTY[name.kind]
        if name.kind is NameKind.ALIAS and name.strength is not NameStrength.GOOD:
            prop = "weakAlias"
        proxy.add(prop, name.full)
    proxy.add("program", list(entity.programs))
    proxy.add("notes", entity.remarks or None)
    proxy.add("sourceUrl", entity.source_url or None)
    proxy.add("createdAt", entity.listed_on)
    proxy.add("address", [a.full for a in entity.addresses])
    proxy.add("country", list(entity.countries))
    if entity.schema is Schema.PERSON:
        _person_properties(proxy, entity)
    out = [proxy.to_dict()]
    for index, doc in enumerate(entity.documents):
        id_prop = _ORG_ID_PROPERTY.get(doc.kind) or _VESSEL_ID_PROPERTY.get(doc.kind)
        if id_prop is not None and proxy.schema.get(id_prop) is not None:
            proxy.add(id_prop, doc.number)
            out[0] = proxy.to_dict()
            continue
        out.append(_document_ftm(entity.key, index, doc))
    return out


def write_ftm_lines(entities: Iterable[Entity], path: Path) -> int:
    """Write entities as FtM JSON lines; returns the number of FtM entities written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for entity in entities:
            for record in entity_to_ftm(entity):
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    return count


def entities_from_ftm(records: Iterable[FtMDict]) -> Iterator[Entity]:
    """Entities from FtM dicts; documents are attached to their holders."""
    mains: list[FtMDict] = []
    documents: dict[str, list[Document]] = {}
    for record in records:
        if record.get("schema") in ("Passport", "Identification"):
            holder, doc = document_from_ftm(record)
            documents.setdefault(holder, []).append(doc)
        else:
            mains.append(record)
    for record in mains:
        entity = entity_from_ftm(record)
        extra = tuple(documents.get(entity.key, ()))
        yield attach_documents(entity, extra)


def entity_from_ftm(record: FtMDict) -> Entity:
    """One Person/Organization/LegalEntity/Company/Vessel/Airplane FtM dict as an Entity."""
    props: dict[str, list[str]] = record.get("properties", {})
    schema = _schema_of(str(record.get("schema", "")))
    names = [Name(v, NameKind.PRIMARY) for v in props.get("name", ())]
    names += [Name(v, NameKind.ALIAS) for v in props.get("alias", ())]
    names += [Name(v, NameKind.ALIAS, NameStrength.WEAK) for v in props.get("weakAlias", ())]
    names += [Name(v, NameKind.FORMER) for v in props.get("previousName", ())]
    documents = [Document(DocumentKind.PASSPORT, n) for n in props.get("passportNumber", ())]
    documents += [Document(DocumentKind.NATIONAL_ID, n) for n in props.get("idNumber", ())]
    for kind, prop in {**_ORG_ID_PROPERTY, **_VESSEL_ID_PROPERTY}.items():
        documents += [Document(kind, n) for n in props.get(prop, ())]
    gender = next((Gender(g) for g in props.get("gender", ()) if g in ("male", "female")), None)
    return Entity(
        key=str(record.get("id") or ""),
        schema=schema,
        names=tuple(names),
        programs=tuple(props.get("program", ())),
        listed_on=next(iter(props.get("createdAt", ())), None),
        gender=gender,
        birth_dates=tuple(_birth_dates(props.get("birthDate", ()))),
        birth_places=tuple(props.get("birthPlace", ())),
        nationalities=_countries(props.get("nationality", ())),
        citizenships=_countries(props.get("citizenship", ())),
        countries=_countries([*props.get("country", ()), *props.get("jurisdiction", ())]),
        documents=tuple(documents),
        addresses=tuple(Address(a) for a in props.get("address", ())),
        titles=tuple(props.get("title", ())),
        positions=tuple(props.get("position", ())),
        source_url=next(iter(props.get("sourceUrl", ())), ""),
        remarks="\n".join(props.get("notes", ())),
    )


def _person_properties(proxy: Any, entity: Entity) -> None:
    proxy.add("birthDate", [b.start for b in entity.birth_dates])
    proxy.add("birthPlace", list(entity.birth_places))
    proxy.add("nationality", list(entity.nationalities))
    proxy.add("citizenship", list(entity.citizenships))
    proxy.add("gender", entity.gender.value if entity.gender else None)
    proxy.add("title", list(entity.titles))
    proxy.add("position", list(entity.positions))


def _document_ftm(holder: str, index: int, doc: Document) -> FtMDict:
    proxy = _model().make_entity(_DOCUMENT_SCHEMA.get(doc.kind, "Identification"))
    proxy.id = f"{holder}-doc-{index}"
    proxy.add("holder", holder)
    proxy.add("number", doc.number)
    proxy.add("country", doc.country)
    proxy.add("type", doc.kind.value)
    proxy.add("summary", doc.note or None)
    return dict(proxy.to_dict())


def document_from_ftm(record: FtMDict) -> tuple[str, Document]:
    """A Passport/Identification entity as (holder id, document); InputError if incomplete."""
    props: dict[str, list[str]] = record.get("properties", {})
    holder = next(iter(props.get("holder", ())), "")
    number = next(iter(props.get("number", ())), "")
    note = next(iter(props.get("summary", ())), "")
    if not holder or not (number or note):
        # Lists do give documents without a number ("SSN ... (USA)" only as text).
        raise InputError(
            f"FtM {record.get('schema')} {record.get('id')!r} lacks a holder, or both "
            "number and summary"
        )
    kind_text = next(iter(props.get("type", ())), "")
    if record.get("schema") == "Passport":
        kind = DocumentKind.PASSPORT
    else:
        kind = DocumentKind(kind_text) if kind_text in _DOCUMENT_KINDS else DocumentKind.OTHER
    countries = _countries(props.get("country", ()))
    return holder, Document(kind, number, countries[0] if countries else None, note)


def attach_documents(entity: Entity, documents: Iterable[Document]) -> Entity:
    """The entity with `documents` added after its own (FtM keeps them apart)."""
    extra = tuple(documents)
    return replace(entity, documents=entity.documents + extra) if extra else entity


def _model() -> Any:
    """FollowTheMoney's model, imported when first used: the import costs about 0.4 s."""
    from followthemoney import model

    return model


def _schema_of(name: str) -> Schema:
    if name in Schema._value2member_map_:
        return Schema(name)
    try:
        schema = _model().get(name)
    except Exception:  # FtM raises its own error types for unknown schema names
        schema = None
    if schema is None:
        raise InputError(f"unknown FollowTheMoney schema {name!r}")
    if schema.is_a("Person"):
        return Schema.PERSON
    if schema.is_a("Vessel"):
        return Schema.VESSEL
    if schema.is_a("Airplane"):
        return Schema.AIRCRAFT
    return Schema.ORGANIZATION


def _countries(values: Iterable[str]) -> tuple[str, ...]:
    codes = (country_code(v) for v in values)
    return tuple(dict.fromkeys(c for c in codes if c))


def _birth_dates(values: Iterable[str]) -> Iterator[BirthDate]:
    for value in values:
        try:
            yield parse_birth_date(value)
        except DateSyntaxError as exc:
            raise InputError(f"birthDate {value!r}: {exc}") from exc
