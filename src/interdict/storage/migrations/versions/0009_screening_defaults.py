"""Screening defaults: the lists and regimes a member screens per flow unless asked.

Revision ID: 0009_screening_defaults
Revises: 0008_alerts_webhooks
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_screening_defaults"
down_revision = "0008_alerts_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening_defaults",
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("flow", sa.String(50), primary_key=True),
        sa.Column("lists", sa.Text),
        sa.Column("regimes", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("screening_defaults")
