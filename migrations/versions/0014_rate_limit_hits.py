"""ratehit: the rate limit's per-user request counts, shared by every worker

Before, each bot process counted requests in its own memory, so a user whose updates alternated
between two webhook workers got twice the limit. Rows are keyed by a salted hash of the user id
and pruned once they are older than the window (a minute).

Revision ID: 0014
Revises: 0013
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ratehit",
        sa.Column("user_key", sa.String(length=32), primary_key=True),
        sa.Column("kind", sa.String(length=8), primary_key=True),
        sa.Column("at", sa.Float(), primary_key=True),
    )
    op.create_index("ix_ratehit_at", "ratehit", ["at"])


def downgrade() -> None:
    op.drop_index("ix_ratehit_at", table_name="ratehit")
    op.drop_table("ratehit")
