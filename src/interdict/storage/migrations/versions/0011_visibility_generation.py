"""Visibility generation: a counter the database moves whenever what members see changes.

Every screen read what its member sees (the list names, owners, shares and defaults):
a connection and two statements before it began. The counter lets a server keep that
read: the API key lookup reads the counter with the key (members/store.py), and a
screen reuses what its member saw at that generation (members/visibility.py).

Triggers move it, not the code that writes those tables: any write, by any path
(a new list, a claim, a share, a default, a hand-written SQL fix), in the writer's own
transaction, so no change can be seen without the counter having moved. On PostgreSQL
a writer holds the counter's row until it commits: the first import of a new list holds
it for its whole import, and a claim, share or default set meanwhile waits for it (up
to the lock timeout, then 503). Readers never wait for it.

Revision ID: 0011_visibility_generation
Revises: 0010_audit_chains
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_visibility_generation"
down_revision = "0010_audit_chains"
branch_labels = None
depends_on = None

#: The tables whose rows decide what a member sees (members/visibility.py `seen_by`).
SEEN_TABLES = ("lists", "list_owners", "list_shares", "screening_defaults")
BUMP = "UPDATE visibility_generation SET generation = generation + 1"


def upgrade() -> None:
    op.create_table(
        "visibility_generation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_visibility_generation_one_row"),
    )
    op.execute("INSERT INTO visibility_generation (id, generation) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION bump_visibility_generation() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
        for table in SEEN_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_visibility AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION bump_visibility_generation()"
            )
        return
    for table in SEEN_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_visibility_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEEN_TABLES:
            op.execute(f"DROP TRIGGER {table}_visibility ON {table}")
        op.execute("DROP FUNCTION bump_visibility_generation()")
    else:
        for table in SEEN_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_visibility_{event}")
    op.drop_table("visibility_generation")
