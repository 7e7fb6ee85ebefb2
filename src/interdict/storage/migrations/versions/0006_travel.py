"""Travel: members' targeting rule set versions and screened PAXLST/PNRGOV messages;
alert kinds up to 20 characters ("travel rule").

Revision ID: 0006_travel
Revises: 0005_login_throttle
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_travel"
down_revision = "0005_login_throttle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "travel_rule_sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("member_id", "number", name="uq_travel_rule_sets_member_number"),
    )
    op.create_table(
        "travel_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("flight", sa.String(20), nullable=False),
        sa.Column("route", sa.String(20), nullable=False),
        sa.Column("departs", sa.String(20)),
        sa.Column("travellers", sa.Integer, nullable=False),
        sa.Column("referred", sa.Integer, nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
    )
    op.create_index("ix_travel_messages_member", "travel_messages", ["member_id", "received_at"])
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("kind", type_=sa.String(20), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("kind", type_=sa.String(10), existing_nullable=False)
    op.drop_index("ix_travel_messages_member", table_name="travel_messages")
    op.drop_table("travel_messages")
    op.drop_table("travel_rule_sets")
