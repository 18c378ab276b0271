"""auditlog: /forget may pseudonymise an actor, and nothing else may change; url keys

Part 1 (issue 13.5):
The audit log stays append-only (migration 0002), with one exception the database itself
checks: an UPDATE may only *remove* who someone was — actor_id / actor_name set to NULL with
actor_hash (a salted hash of the Telegram id) set in their place, and object_id of a
user-object row set to NULL with object_hash set. The action, the object, the claim, before,
after and the time can never change; DELETE and TRUNCATE are still refused.

Part 2 (issue 12.5): article.url_key, claim.review_url_key and source.url_key hold
claims.urls.url_key() of the link next to them (a hash of its normal form), indexed, so that a
link in a message finds the article, review or source it points at. Existing rows are filled in.

Revision ID: 0006
Revises: 0003
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "auditlog is append-only"


def _allowed(same: str) -> str:
    """The condition for a permitted UPDATE; `same` is the null-safe equality operator."""
    kept = ("id", "action", "object_type", "claim_id", "before", "after", "created_at")
    parts = [f"NEW.{c} {same} OLD.{c}" for c in kept]
    parts += [
        f"(NEW.actor_id {same} OLD.actor_id OR (NEW.actor_id IS NULL AND NEW.actor_hash IS NOT NULL))",
        f"(NEW.actor_name {same} OLD.actor_name OR (NEW.actor_name IS NULL AND NEW.actor_hash IS NOT NULL))",
        f"(NEW.actor_hash {same} OLD.actor_hash OR OLD.actor_hash IS NULL)",
        f"(NEW.object_id {same} OLD.object_id OR (NEW.object_id IS NULL AND NEW.object_hash IS NOT NULL "
        f"AND OLD.object_type = 'user'))",
        f"(NEW.object_hash {same} OLD.object_hash OR OLD.object_hash IS NULL)",
    ]
    return " AND ".join(parts)


_URL_KEYS = (("article", "url", "url_key"), ("claim", "review_url", "review_url_key"), ("source", "url", "url_key"))


def _fill_url_keys() -> None:
    from claims.urls import url_key

    bind = op.get_bind()
    for table, column, key in _URL_KEYS:
        rows = bind.execute(sa.text(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL")).all()
        params = [{"i": row_id, "k": url_key(url)} for row_id, url in rows]
        params = [p for p in params if p["k"]]
        if params:
            bind.execute(sa.text(f"UPDATE {table} SET {key} = :k WHERE id = :i"), params)


def upgrade() -> None:
    for table, _column, key in _URL_KEYS:
        op.add_column(table, sa.Column(key, sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        op.create_index(f"ix_{table}_{key}", table, [key])
    _fill_url_keys()
    op.add_column("auditlog", sa.Column("actor_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.add_column("auditlog", sa.Column("object_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    _guard(pseudonymise=True)


def _guard(*, pseudonymise: bool) -> None:
    """The append-only trigger, with (upgrade) or without (downgrade) the pseudonymisation exception."""
    if op.get_bind().dialect.name == "postgresql":
        allow = (f"IF TG_OP = 'UPDATE' THEN IF {_allowed('IS NOT DISTINCT FROM')} THEN RETURN NEW; END IF; END IF;"
                 if pseudonymise else "")
        op.execute(f"""
            CREATE OR REPLACE FUNCTION auditlog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {allow}
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END $$
        """)
    else:
        when = f"WHEN NOT ({_allowed('IS')}) " if pseudonymise else ""
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_update")
        op.execute(f"CREATE TRIGGER auditlog_no_update BEFORE UPDATE ON auditlog {when}"
                   f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def downgrade() -> None:
    _guard(pseudonymise=False)
    op.drop_column("auditlog", "object_hash")
    op.drop_column("auditlog", "actor_hash")
    for table, _column, key in reversed(_URL_KEYS):
        op.drop_index(f"ix_{table}_{key}", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column(key)
