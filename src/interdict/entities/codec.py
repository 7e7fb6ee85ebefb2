"""Entities to and from plain JSON-able dicts, the form the list store keeps.

The dict is canonical (empty fields left out, fixed key order), so equal entities give
byte-equal JSON and one content hash — deltas compare hashes first and only decode
the entities that changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import MISSING, fields
from typing import Any

from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)

JSONDict = dict[str, Any]


def entity_to_dict(entity: Entity) -> JSONDict:
    """Encode an entity; fields at their default are omitted (required ones never)."""
    out: JSONDict = {}
    for f in fields(entity):
        value = getattr(entity, f.name)
        if value in ((), "", None):
            continue
        out[f.name] = _encode(value)
    return out


def entity_from_dict(data: JSONDict) -> Entity:
    """Decode what `entity_to_dict` produced."""
    return Entity(
        key=data["key"],
        schema=Schema(data["schema"]),
        names=tuple(_name(n) for n in data.get("names", ())),
        reference=data.get("reference", ""),
        programs=tuple(data.get("programs", ())),
        listed_on=data.get("listed_on"),
        gender=Gender(data["gender"]) if data.get("gender") else None,
        birth_dates=tuple(BirthDate(**b) for b in data.get("birth_dates", ())),
        birth_places=tuple(data.get("birth_places", ())),
        nationalities=tuple(data.get("nationalities", ())),
        citizenships=tuple(data.get("citizenships", ())),
        countries=tuple(data.get("countries", ())),
        documents=tuple(
            Document(**{**d, "kind": DocumentKind(d["kind"])}) for d in data.get("documents", ())
        ),
        addresses=tuple(Address(**a) for a in data.get("addresses", ())),
        titles=tuple(data.get("titles", ())),
        positions=tuple(data.get("positions", ())),
        source_url=data.get("source_url", ""),
        remarks=data.get("remarks", ""),
        extra=tuple((k, v) for k, v in data.get("extra", ())),
    )


def entity_json(entity: Entity) -> str:
    """Canonical JSON text of an entity."""
    return json.dumps(entity_to_dict(entity), ensure_ascii=False, separators=(",", ":"))


def content_hash(entity_json_text: str) -> str:
    """SHA-256 of the canonical JSON: equal hash means no amendment."""
    return hashlib.sha256(entity_json_text.encode("utf-8")).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            f.name: _encode(getattr(value, f.name))
            for f in fields(value)
            if f.default is MISSING or getattr(value, f.name) != f.default
        }
    if isinstance(value, str):  # StrEnum members are str
        return str(value)
    return value


def _name(data: JSONDict) -> Name:
    return Name(
        full=data["full"],
        kind=NameKind(data.get("kind", NameKind.PRIMARY)),
        strength=NameStrength(data.get("strength", NameStrength.GOOD)),
        script=data.get("script"),
        parts=tuple(NamePart(NamePartKind(p["kind"]), p["value"]) for p in data.get("parts", ())),
    )
