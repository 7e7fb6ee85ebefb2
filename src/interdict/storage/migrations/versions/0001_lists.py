"""Designation lists: lists, versions, entity bodies, per-version entities and deltas.

Revision ID: 0001_lists
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_lists"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lists",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("format", sa.String(50), nullable=False),
    )
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("list_id", sa.Integer, sa.ForeignKey("lists.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published", sa.String(32)),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("name_count", sa.Integer, nullable=False),
        sa.Column("alias_count", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("amended", sa.Integer, nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("list_versions.id")),
        sa.UniqueConstraint("list_id", "number"),
    )
    op.create_table(
        "entity_bodies",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "version_entities",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), primary_key=True),
        sa.Column("entity_key", sa.String(100), primary_key=True),
        sa.Column("schema", sa.String(20), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("body_hash", sa.String(64), sa.ForeignKey("entity_bodies.hash"), nullable=False),
    )
    op.create_table(
        "version_changes",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), primary_key=True),
        sa.Column("entity_key", sa.String(100), primary_key=True),
        sa.Column("change", sa.String(10), nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
    )
    op.create_table(
        "import_issues",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("entity_key", sa.String(100), nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_import_issues_version", "import_issues", ["version_id"])


def downgrade() -> None:
    for table in ("import_issues", "version_changes", "version_entities", "entity_bodies"):
        op.drop_table(table)
    op.drop_table("list_versions")
    op.drop_table("lists")
