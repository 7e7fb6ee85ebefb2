"""Alerts API and webhooks: the customer's own id on alerts, members' webhooks and
their delivery log.

Revision ID: 0008_alerts_webhooks
Revises: 0007_monitoring
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_alerts_webhooks"
down_revision = "0007_monitoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("alerts", sa.Column("customer_id", sa.String(200)))
    op.create_index("ix_alerts_member_customer", "alerts", ["member_id", "customer_id"])
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("events", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True)),
        sa.Column("alert_cursor", sa.Integer, nullable=False),
        sa.Column("decision_cursor", sa.Integer, nullable=False),
        sa.Column("version_cursor", sa.Integer, nullable=False),
    )
    op.create_index("ix_webhooks_member", "webhooks", ["member_id"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("webhook_id", sa.Integer, sa.ForeignKey("webhooks.id"), nullable=False),
        sa.Column("event", sa.String(30), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_webhook_deliveries_due", "webhook_deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_webhook_deliveries_webhook", "webhook_deliveries", ["webhook_id"])


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_webhook", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_due", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_webhooks_member", table_name="webhooks")
    op.drop_table("webhooks")
    op.drop_index("ix_alerts_member_customer", table_name="alerts")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("customer_id")
