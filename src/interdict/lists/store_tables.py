"""The list store's tables: lists, their versions, entity bodies, deltas, import notes.

A version maps entity keys to bodies addressed by their SHA-256 (`entity_bodies`), so
a body shared by many versions is stored once. The schema is created by the Alembic
migrations in `interdict.storage.migrations`; these definitions must match them.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
lists_table = Table(
    "lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("format", String(50), nullable=False),
)
versions_table = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, ForeignKey("lists.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("published", String(32)),
    Column("files", Text, nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("name_count", Integer, nullable=False),
    Column("alias_count", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("removed", Integer, nullable=False),
    Column("amended", Integer, nullable=False),
    Column("previous_id", Integer, ForeignKey("list_versions.id")),
    UniqueConstraint("list_id", "number"),
)
bodies_table = Table(
    "entity_bodies",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("body", Text, nullable=False),
)
entities_table = Table(
    "version_entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_key", String(100), primary_key=True),
    Column("schema", String(20), nullable=False),
    Column("caption", Text, nullable=False),
    Column("body_hash", String(64), ForeignKey("entity_bodies.hash"), nullable=False),
)
changes_table = Table(
    "version_changes",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_key", String(100), primary_key=True),
    Column("change", String(10), nullable=False),
    Column("fields", Text, nullable=False),
)
issues_table = Table(
    "import_issues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("list_versions.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("entity_key", String(100), nullable=False),
    Column("line", Integer),
    Column("message", Text, nullable=False),
    Index("ix_import_issues_version", "version_id"),
)
