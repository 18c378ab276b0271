"""The Telegram adapter's own tables, on the domain's metadata (same database, same migrations):
update ids already handled (bot/dedupe.py), PTB's persistence (bot/persistence.py) and the
per-user request counts of the rate limit (bot/ratelimit.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Float, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from claims.models import utcnow


class ProcessedUpdate(SQLModel, table=True):
    """Telegram update ids already handled, so a redelivered update is not processed twice."""

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)


class PersistenceEntry(SQLModel, table=True):
    """PTB persistence (conversations, user/chat/bot data) shared by every worker."""

    __table_args__ = (UniqueConstraint("kind", "key", name="uq_persistence_kind_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    key: str = Field(max_length=256)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class RateHit(SQLModel, table=True):
    """One request counted by the rate limit, shared by every worker (bot/ratelimit.py).

    `user_key` is a salted hash of the Telegram user id (never the id itself); `kind` is "hit" (a
    request let through) or "warn" (the user was told to wait); `at` is Unix time in seconds.
    Rows older than the window are pruned by a periodic job.
    """

    __table_args__ = (Index("ix_ratehit_at", "at"),)

    user_key: str = Field(sa_column=Column(String(32), primary_key=True))
    kind: str = Field(sa_column=Column(String(8), primary_key=True))
    at: float = Field(sa_column=Column(Float, primary_key=True))
