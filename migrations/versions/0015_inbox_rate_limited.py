"""inboxupdate.rate_limited: the rate limit's decision on an update, kept for its re-take

The rate limit counts an update in the transaction that leases it (bot/inbox.py `take`). An
update over the limit leaves no row of its own in the window (bot/ratelimit.py `count` deletes it
or turns it into the "told" mark), so a re-take after its worker died could not tell it had been
refused and let it through. The take that refuses it now sets this flag in the same transaction,
and a re-take repeats that decision instead of reading the window.

Revision ID: 0015
Revises: 0014
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inboxupdate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_limited", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("inboxupdate", schema=None) as batch_op:
        batch_op.drop_column("rate_limited")
