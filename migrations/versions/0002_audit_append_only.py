"""audit log is append-only

The moderators' accountability rests on the audit log, so the database itself refuses to
update or delete its rows (and, on PostgreSQL, to truncate the table): a bug or a hand-typed
SQL statement cannot rewrite history. Dropping the table (downgrade to base) still works.

Note for later SQLite migrations: a batch ALTER of `auditlog` recreates the table and so
drops these triggers; such a migration must create them again.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "auditlog is append-only"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION auditlog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END $$
        """)
        op.execute("CREATE TRIGGER auditlog_no_change BEFORE UPDATE OR DELETE ON auditlog "
                   "FOR EACH ROW EXECUTE FUNCTION auditlog_append_only()")
        op.execute("CREATE TRIGGER auditlog_no_truncate BEFORE TRUNCATE ON auditlog "
                   "FOR EACH STATEMENT EXECUTE FUNCTION auditlog_append_only()")
    else:
        op.execute(f"CREATE TRIGGER auditlog_no_update BEFORE UPDATE ON auditlog "
                   f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
        op.execute(f"CREATE TRIGGER auditlog_no_delete BEFORE DELETE ON auditlog "
                   f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_truncate ON auditlog")
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_change ON auditlog")
        op.execute("DROP FUNCTION IF EXISTS auditlog_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_delete")
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_update")
