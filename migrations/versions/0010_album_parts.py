"""albumpart, albumanswer: an album (one media_group_id) is answered once, across workers

Telegram delivers an album as one update per photo or video; the bot keeps each part here for
about a second (ALBUM_WAIT_SECONDS), then one worker claims the album by inserting its
albumanswer row and answers it once, with the caption wherever it sits (bot/handlers/albums.py).

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "albumpart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("media_group_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("update_json", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "media_group_id", "message_id", name="uq_albumpart_message"),
    )
    with op.batch_alter_table("albumpart", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_albumpart_created_at"), ["created_at"], unique=False)
    op.create_table(
        "albumanswer",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("media_group_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "media_group_id"),
    )
    with op.batch_alter_table("albumanswer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_albumanswer_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("albumanswer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_albumanswer_created_at"))
    op.drop_table("albumanswer")
    with op.batch_alter_table("albumpart", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_albumpart_created_at"))
    op.drop_table("albumpart")
