"""Audit chains: one hash chain per member and a system chain, each with its head row.

The single chain's records become the system chain, unchanged: same positions, same
hashes (a system record is hashed without a "chain" key, audit/chain.py), so every
record written before still verifies. `audit_log` gains a log-wide `id` (equal to the
old sequence number for those records) that orders the log and keeps webhook cursors
valid; `audit_head` becomes the system chain's row in `audit_chains`.

Revision ID: 0010_audit_chains
Revises: 0009_screening_defaults
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_audit_chains"
down_revision = "0009_screening_defaults"
branch_labels = None
depends_on = None

# Copying the records across: the old sequence number becomes the id and the position.
COPY_UP = (
    "INSERT INTO audit_log (id, chain, seq, at, member_id, actor, action, target, details, "
    "prev_hash, hash) SELECT seq, 'system', seq, at, member_id, actor, action, target, "
    "details, prev_hash, hash FROM audit_log_single"
)
COPY_DOWN = (
    "INSERT INTO audit_log (seq, at, member_id, actor, action, target, details, prev_hash, "
    "hash) SELECT seq, at, member_id, actor, action, target, details, prev_hash, hash "
    "FROM audit_log_chains"
)


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("member_id", sa.Integer),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    ]


def upgrade() -> None:
    _set_aside("audit_log", "audit_log_single")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        *_record_columns(),
        sa.UniqueConstraint("chain", "seq", name="uq_audit_log_chain_seq"),
    )
    op.execute(COPY_UP)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
            "COALESCE((SELECT max(id) FROM audit_log), 0) + 1, false)"
        )
    op.drop_table("audit_log_single")
    op.create_table(
        "audit_chains",
        sa.Column("chain", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.execute(
        "INSERT INTO audit_chains (chain, seq, hash) SELECT 'system', seq, hash FROM audit_head"
    )
    op.drop_table("audit_head")


def downgrade() -> None:
    members = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM audit_log WHERE chain <> 'system'"))
        .scalar_one()
    )
    if members:
        raise RuntimeError(
            f"{members} audit records are in members' chains: one chain cannot hold them "
            "without rewriting their hashes; export the log (`interdict audit export`) first"
        )
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    system = (
        op.get_bind()
        .execute(sa.text("SELECT seq, hash FROM audit_chains WHERE chain = 'system'"))
        .first()
    )
    seq, digest = (system.seq, system.hash) if system is not None else (0, "0" * 64)
    op.bulk_insert(head, [{"id": 1, "seq": seq, "hash": digest}])
    op.drop_table("audit_chains")
    _set_aside("audit_log", "audit_log_chains")
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        *_record_columns(),
    )
    op.execute(COPY_DOWN)
    op.drop_table("audit_log_chains")


def _set_aside(table: str, new_name: str) -> None:
    """Rename `table` so a new one can take its name (and, on PostgreSQL, its key's)."""
    op.rename_table(table, new_name)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {new_name} RENAME CONSTRAINT {table}_pkey TO {new_name}_pkey")
