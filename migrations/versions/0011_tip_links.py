"""tip.links: every link of a tip's message, hidden text_link URLs included

A JSON array of the URLs as sent (visible links and the addresses behind words), shown to the
moderators on the tip's card. Existing tips have none (NULL).

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.add_column(sa.Column("links", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.drop_column("links")
