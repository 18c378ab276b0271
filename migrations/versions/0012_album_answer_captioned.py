"""albumanswer.captioned: whether an album's one answer read a caption

A part with a caption that reaches the bot after its album was answered with "I only check text"
(its worker was slow, or Telegram delivered it late) is answered on its own instead of being
dropped: this flag says whether the album's answer already had a caption (bot/handlers/albums.py).

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("albumanswer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("captioned", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("albumanswer", schema=None) as batch_op:
        batch_op.drop_column("captioned")
