"""Review: users, web sessions, list ownership, alerts, decisions, allow-list, audit log.

Revision ID: 0004_review
Revises: 0003_media
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_review"
down_revision = "0003_media"
branch_labels = None
depends_on = None

NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    _members_tables()
    _review_tables()
    _audit_tables()


def _members_tables() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("disabled_at", NOW),
    )
    op.create_table(
        "web_sessions",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("expires_at", NOW, nullable=False),
    )
    op.create_table(
        "list_owners",
        sa.Column("list_name", sa.String(100), primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
    )
    op.create_table(
        "list_shares",
        sa.Column("list_name", sa.String(100), primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), primary_key=True),
    )
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def _review_tables() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("target_id", sa.String(200), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("list_version", sa.Integer, nullable=False),
        sa.Column("target_hash", sa.String(64), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("dedup_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.UniqueConstraint("member_id", "dedup_key", name="uq_alerts_member_dedup"),
    )
    op.create_index("ix_alerts_member_status", "alerts", ["member_id", "status"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("allow_list", sa.Boolean, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("confirmed_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("confirmed_at", NOW),
    )
    op.create_index("ix_decisions_alert", "decisions", ["alert_id"])
    op.create_table(
        "allowlist_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("subject_key", sa.String(64), nullable=False),
        sa.Column("subject_name", sa.Text, nullable=False),
        sa.Column("target_id", sa.String(200), nullable=False),
        sa.Column("target_hash", sa.String(64), nullable=False),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("expires_at", NOW, nullable=False),
        sa.Column("revoked_at", NOW),
    )
    op.create_index(
        "ix_allowlist_member_subject", "allowlist_entries", ["member_id", "subject_key"]
    )


def _audit_tables() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("member_id", sa.Integer),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # The head before the first record: appends always update this one row, so
    # concurrent writers queue on its lock.
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    for table in (
        "audit_head",
        "audit_log",
        "allowlist_entries",
        "decisions",
        "alerts",
        "app_secrets",
        "list_shares",
        "list_owners",
        "web_sessions",
        "users",
    ):
        op.drop_table(table)
