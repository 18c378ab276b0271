"""auditlog: the /forget exception covers only rows that recorded the person's id

Migration 0006 let an UPDATE set actor_hash on any row as long as it did not change the action,
object, claim, before/after or time. That also let anyone with database access erase a name
recorded without an id (`claims verdict --by NAME`) by putting a hash in its place, or pin a
made-up hash on a row that had no actor. forget_user only ever replaces a recorded *id*, so the
database now allows exactly that: actor_id, actor_name → NULL and actor_hash set, on a row whose
actor_id was set and actor_hash was not; object_id → NULL and object_hash set on a user-object row
whose object_id was set and object_hash was not. Everything else still raises; DELETE too.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "auditlog is append-only"
KEPT = ("id", "action", "object_type", "claim_id", "before", "after", "created_at")


def _allowed(same: str, *, strict: bool) -> str:
    """The condition for a permitted UPDATE; `same` is the null-safe equality operator."""
    parts = [f"NEW.{c} {same} OLD.{c}" for c in KEPT]
    if strict:
        parts += [
            f"((NEW.actor_id {same} OLD.actor_id AND NEW.actor_name {same} OLD.actor_name "
            f"AND NEW.actor_hash {same} OLD.actor_hash) "
            f"OR (OLD.actor_id IS NOT NULL AND OLD.actor_hash IS NULL AND NEW.actor_id IS NULL "
            f"AND NEW.actor_name IS NULL AND NEW.actor_hash IS NOT NULL))",
            f"((NEW.object_id {same} OLD.object_id AND NEW.object_hash {same} OLD.object_hash) "
            f"OR (OLD.object_type = 'user' AND OLD.object_id IS NOT NULL AND OLD.object_hash IS NULL "
            f"AND NEW.object_id IS NULL AND NEW.object_hash IS NOT NULL))",
        ]
    else:  # migration 0006's rule, for downgrade
        parts += [
            f"(NEW.actor_id {same} OLD.actor_id OR (NEW.actor_id IS NULL AND NEW.actor_hash IS NOT NULL))",
            f"(NEW.actor_name {same} OLD.actor_name OR (NEW.actor_name IS NULL AND NEW.actor_hash IS NOT NULL))",
            f"(NEW.actor_hash {same} OLD.actor_hash OR OLD.actor_hash IS NULL)",
            f"(NEW.object_id {same} OLD.object_id OR (NEW.object_id IS NULL AND NEW.object_hash IS NOT NULL "
            f"AND OLD.object_type = 'user'))",
            f"(NEW.object_hash {same} OLD.object_hash OR OLD.object_hash IS NULL)",
        ]
    return " AND ".join(parts)


def _guard(*, strict: bool) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION auditlog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    IF {_allowed('IS NOT DISTINCT FROM', strict=strict)} THEN RETURN NEW; END IF;
                END IF;
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END $$
        """)
    else:
        op.execute("DROP TRIGGER IF EXISTS auditlog_no_update")
        op.execute(f"CREATE TRIGGER auditlog_no_update BEFORE UPDATE ON auditlog "
                   f"WHEN NOT ({_allowed('IS', strict=strict)}) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def upgrade() -> None:
    _guard(strict=True)


def downgrade() -> None:
    _guard(strict=False)
