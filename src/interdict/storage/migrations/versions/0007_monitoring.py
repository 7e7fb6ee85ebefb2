"""Monitoring: members' customer books, monitoring runs, and marks on alerts.

Revision ID: 0007_monitoring
Revises: 0006_travel
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_monitoring"
down_revision = "0006_travel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "books",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("customers", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("member_id", "name", name="uq_books_member_name"),
    )
    op.create_table(
        "book_customers",
        sa.Column("book_id", sa.Integer, sa.ForeignKey("books.id"), primary_key=True),
        sa.Column("customer_id", sa.String(200), primary_key=True),
        sa.Column("cells", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ix_book_customers_revision", "book_customers", ["book_id", "revision"])
    op.create_table(
        "monitoring_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("book_id", sa.Integer, sa.ForeignKey("books.id"), nullable=False),
        sa.Column("trigger", sa.String(20), nullable=False),
        sa.Column("list_name", sa.String(100)),
        sa.Column("version_id", sa.Integer),
        sa.Column("book_revision", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("screened", sa.Integer, nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.Column("alerts", sa.Integer, nullable=False),
        sa.Column("delisted", sa.Integer, nullable=False),
    )
    op.create_index("ix_monitoring_runs_book", "monitoring_runs", ["book_id", "version_id"])
    op.create_table(
        "alert_marks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id"), nullable=False),
        sa.Column("mark", sa.String(30), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("alert_id", "mark", "version_id", name="uq_alert_marks"),
    )
    op.create_index("ix_alert_marks_member", "alert_marks", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_alert_marks_member", table_name="alert_marks")
    op.drop_table("alert_marks")
    op.drop_index("ix_monitoring_runs_book", table_name="monitoring_runs")
    op.drop_table("monitoring_runs")
    op.drop_index("ix_book_customers_revision", table_name="book_customers")
    op.drop_table("book_customers")
    op.drop_table("books")
