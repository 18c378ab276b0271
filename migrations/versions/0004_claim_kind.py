"""claim.kind (statement | plan), claim.due (a plan's date as the article gave it), article.author

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 20:30:00

Claims stored before this revision become statements (the server default): the extractor
did not tell plans apart then. `kind` is indexed for `claims list --kind plan`. article.author
is the byline of an article read from a web page (NULL for text files).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        batch.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                   server_default="statement"))
        batch.add_column(sa.Column("due", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True))
        batch.create_index(batch.f("ix_claim_kind"), ["kind"], unique=False)
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("author")
    with op.batch_alter_table("claim") as batch:
        batch.drop_index(batch.f("ix_claim_kind"))
        batch.drop_column("due")
        batch.drop_column("kind")
