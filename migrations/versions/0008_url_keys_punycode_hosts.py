"""url keys: a punycode host (xn--…) is keyed as the Unicode domain it spells

claims.urls.normalize_url now decodes punycode labels, so https://xn--e1afmkfd.xn--p1ai/… and
https://пример.рф/… have one key. Stored keys of links with a punycode host are recomputed;
every other key is unchanged.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_URL_KEYS = (("article", "url", "url_key"), ("claim", "review_url", "review_url_key"), ("source", "url", "url_key"))


def upgrade() -> None:
    from claims.urls import url_key

    bind = op.get_bind()
    for table, column, key in _URL_KEYS:
        rows = bind.execute(sa.text(f"SELECT id, {column} FROM {table} WHERE lower({column}) LIKE '%xn--%'")).all()
        params = [{"i": row_id, "k": url_key(url)} for row_id, url in rows]
        if params:
            bind.execute(sa.text(f"UPDATE {table} SET {key} = :k WHERE id = :i"), params)


def downgrade() -> None:
    """Keys computed the new way still find the links written in Unicode; nothing to undo."""
