"""update inbox: every Telegram update stored before it is acknowledged (bot/inbox.py)

Replaces ``processedupdate`` (update ids claimed when processed, bot/dedupe.py): the inbox row,
keyed by update_id, both keeps a redelivered update from being stored twice and holds the update
until a worker has processed it. Downgrading drops the inbox and brings back the empty
``processedupdate`` table.

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inboxupdate',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('locked_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('inboxupdate', schema=None) as batch_op:
        batch_op.create_index('ix_inboxupdate_done_at_update_id', ['done_at', 'update_id'], unique=False)
        batch_op.create_index('ix_inboxupdate_chat_id_update_id', ['chat_id', 'update_id'], unique=False)
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processedupdate_created_at'))
    op.drop_table('processedupdate')


def downgrade() -> None:
    op.create_table('processedupdate',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processedupdate_created_at'), ['created_at'], unique=False)
    with op.batch_alter_table('inboxupdate', schema=None) as batch_op:
        batch_op.drop_index('ix_inboxupdate_chat_id_update_id')
        batch_op.drop_index('ix_inboxupdate_done_at_update_id')
    op.drop_table('inboxupdate')
