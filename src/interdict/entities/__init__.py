"""The entity model every list is parsed into and every screen runs against."""

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

__all__ = [
    "Address",
    "BirthDate",
    "Document",
    "DocumentKind",
    "Entity",
    "Gender",
    "Name",
    "NameKind",
    "NamePart",
    "NamePartKind",
    "NameStrength",
    "Schema",
]
