"""tips: repeats attached to one open tip — who asked (tipasker), how many, when last seen

A message that repeats an open tip (the same text after normalisation, or a near-duplicate by the
matcher's own score) is attached to it: `tipasker` holds one row per person (pseudonymised like
the tip's sender), `tip.askers` their number and `tip.last_seen_at` the last arrival.
`tip.normalized`/`tip.text_key` find exact repeats; `tip.matched_claims` marks a tip cut from a
post whose other parts repeat stored claims. Existing tips get their sender as the first asker.

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.add_column(sa.Column("askers", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("last_seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("normalized", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("text_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("matched_claims", sqlmodel.sql.sqltypes.AutoString(length=512),
                                      nullable=True))
        batch_op.create_index(batch_op.f("ix_tip_text_key"), ["text_key"], unique=False)
    op.create_table(
        "tipasker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.Integer(), sa.ForeignKey("tip.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("notify", sa.Boolean(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tip_id", "user_hash", name="uq_tipasker_tip_user"),
    )
    op.create_index("ix_tipasker_tip_id", "tipasker", ["tip_id"])
    op.create_index("ix_tipasker_user_hash", "tipasker", ["user_hash"])
    op.create_index("ix_tipasker_user_id", "tipasker", ["user_id"])
    # The sender of every existing tip is its first asker (with their «Notify me», if they pressed it).
    op.execute(
        "INSERT INTO tipasker (tip_id, user_hash, user_id, chat_id, notify, count, first_seen, last_seen) "
        "SELECT id, user_hash, user_id, chat_id, notify, 1, created_at, created_at FROM tip "
        "WHERE user_hash IS NOT NULL OR user_id IS NOT NULL")
    op.execute("UPDATE tip SET last_seen_at = created_at")


def downgrade() -> None:
    op.drop_index("ix_tipasker_user_id", table_name="tipasker")
    op.drop_index("ix_tipasker_user_hash", table_name="tipasker")
    op.drop_index("ix_tipasker_tip_id", table_name="tipasker")
    op.drop_table("tipasker")
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tip_text_key"))
        batch_op.drop_column("matched_claims")
        batch_op.drop_column("text_key")
        batch_op.drop_column("normalized")
        batch_op.drop_column("last_seen_at")
        batch_op.drop_column("askers")
