"""The Telegram adapter's own tables, on the domain's metadata (same database, same migrations):
the inbox of received updates (bot/inbox.py) and PTB's persistence (bot/persistence.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from claims.models import utcnow


class InboxUpdate(SQLModel, table=True):
    """An update as Telegram sent it, stored before it is acknowledged, until processed and purged.

    Pending while `done_at` is None; `locked_until`/`locked_by`: the lease of the worker processing
    it; `attempts`: how many times a worker took it; `chat_id`: see below."""

    __table_args__ = (Index("ix_inboxupdate_done_at_update_id", "done_at", "update_id"),
                      Index("ix_inboxupdate_chat_id_update_id", "chat_id", "update_id"))

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    # The chat (or, without one, the user) the update belongs to: its updates are taken one at a time,
    # in update_id order. None: no order to keep.
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    received_at: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = None
    locked_by: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    done_at: datetime | None = None


class PersistenceEntry(SQLModel, table=True):
    """PTB persistence (conversations, user/chat/bot data) shared by every worker."""

    __table_args__ = (UniqueConstraint("kind", "key", name="uq_persistence_kind_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    key: str = Field(max_length=256)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
