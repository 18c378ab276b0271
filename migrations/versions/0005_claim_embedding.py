"""claimembedding: one sentence-encoder vector per claim, stored once, loaded at start-up

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-29 20:20:00

Existing claims get their vectors from `claims db embed` (resumable, with a progress bar) or,
a few at a time, from the first index refresh that sees them; matching stays lexical for a claim
until its vector exists.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claimembedding",
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=32), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_claimembedding_model", "claimembedding", ["model"])


def downgrade() -> None:
    op.drop_index("ix_claimembedding_model", table_name="claimembedding")
    op.drop_table("claimembedding")
