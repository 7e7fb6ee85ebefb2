"""Media hash banks: banks, who they are shared with, their versions and entries.

An entry lives from the version that added it (`added_in`) until the version that
removed it (`removed_in`, null while present), so every version of a bank can be
rebuilt and its added/removed history read without copying the bank per version.

Revision ID: 0003_media
Revises: 0002_members
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_media"
down_revision = "0002_members"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media_banks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("members.id")),
        sa.Column("match_dihedral", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "media_bank_shares",
        sa.Column("bank_id", sa.Integer, sa.ForeignKey("media_banks.id"), primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True),
    )
    op.create_table(
        "media_bank_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bank_id", sa.Integer, sa.ForeignKey("media_banks.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id")),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.UniqueConstraint("bank_id", "number"),
    )
    op.create_table(
        "media_bank_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bank_id", sa.Integer, sa.ForeignKey("media_banks.id"), nullable=False),
        sa.Column("signal_type", sa.String(32), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("added_by", sa.Integer, sa.ForeignKey("members.id")),
        sa.Column("added_in", sa.Integer, sa.ForeignKey("media_bank_versions.id"), nullable=False),
        sa.Column("removed_in", sa.Integer, sa.ForeignKey("media_bank_versions.id")),
    )
    op.create_index("ix_media_bank_entries_live", "media_bank_entries", ["bank_id", "removed_in"])


def downgrade() -> None:
    op.drop_index("ix_media_bank_entries_live", "media_bank_entries")
    op.drop_table("media_bank_entries")
    op.drop_table("media_bank_versions")
    op.drop_table("media_bank_shares")
    op.drop_table("media_banks")
