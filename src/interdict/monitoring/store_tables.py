"""The monitoring tables: books, their customers, monitoring runs and alert marks.

Created by the Alembic migration 0007_monitoring; these definitions must match it.
A customer row keeps the book revision that last changed it, so an interrupted
book import's screening can be picked up again by revision.
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
books_table = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("customers", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("member_id", "name", name="uq_books_member_name"),
)
customers_table = Table(
    "book_customers",
    metadata,
    Column("book_id", Integer, ForeignKey("books.id"), primary_key=True),
    Column("customer_id", String(200), primary_key=True),
    Column("cells", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Index("ix_book_customers_revision", "book_id", "revision"),
)
runs_table = Table(
    "monitoring_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("book_id", Integer, ForeignKey("books.id"), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("list_name", String(100)),
    Column("version_id", Integer),
    Column("book_revision", Integer, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("screened", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("alerts", Integer, nullable=False),
    Column("delisted", Integer, nullable=False),
    Index("ix_monitoring_runs_book", "book_id", "version_id"),
)
marks_table = Table(
    "alert_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
    Column("mark", String(30), nullable=False),
    Column("list_name", String(100), nullable=False),
    Column("version_id", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("alert_id", "mark", "version_id", name="uq_alert_marks"),
    Index("ix_alert_marks_member", "member_id"),
)
