"""claim.title_normalized: the fact-check headline normalised once, on write

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 00:30:00

Claims stored before this revision keep an empty value; the matcher normalises their
titles in memory at start-up, as it did before, so no backfill is needed.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        batch.add_column(sa.Column("title_normalized", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("title_normalized")
