"""The Telegram adapter's own tables, on the domain's metadata (same database, same migrations): the
inbox (bot/inbox.py), PTB's persistence (bot/persistence.py), albums (bot/handlers/albums.py) and
the rate limit's counts (bot/ratelimit.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Column, Float, Index, String, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from claims.models import utcnow


class InboxUpdate(SQLModel, table=True):
    """An update as Telegram sent it, stored before it is acknowledged, until processed and purged.
    Pending while `done_at` is None; `locked_until`/`locked_by`: a worker's lease; `attempts`: takes;
    `rate_limited`: refused when first taken (bot/ratelimit.py `mark_refused`), so a re-take refuses
    it too without counting it again."""

    __table_args__ = (Index("ix_inboxupdate_done_at_update_id", "done_at", "update_id"),
                      Index("ix_inboxupdate_chat_id_update_id", "chat_id", "update_id"))

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    # the chat (else the user) whose updates are taken one at a time in update_id order; None: no order
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    received_at: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = None
    locked_by: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    done_at: datetime | None = None
    rate_limited: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class PersistenceEntry(SQLModel, table=True):
    """PTB persistence (conversations, user/chat/bot data) shared by every worker."""

    __table_args__ = (UniqueConstraint("kind", "key", name="uq_persistence_kind_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    key: str = Field(max_length=256)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class AlbumPart(SQLModel, table=True):
    """One update of an album (messages sharing a ``media_group_id``) in a private chat, kept until
    the album is answered (a few seconds): whichever worker got it, the one that answers sees every
    part. ``update_json`` is the update as Telegram sent it (its sender included), deleted with the row."""

    __table_args__ = (UniqueConstraint("chat_id", "media_group_id", "message_id", name="uq_albumpart_message"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    media_group_id: str = Field(max_length=64)
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    update_json: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)


class AlbumAnswer(SQLModel, table=True):
    """An album already answered: inserting this row is the claim (the primary key lets only one
    worker in), so an album gets one reply however many workers received its parts."""

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    media_group_id: str = Field(sa_column=Column(String(64), primary_key=True))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    # The answer read a caption; False: it was "I only check text", so a captioned part arriving
    # later is answered on its own (once: the first worker to set this answers it).
    captioned: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class RateHit(SQLModel, table=True):
    """One request counted by the rate limit (bot/ratelimit.py): `user_key` a salted hash of the user
    id, `kind` "hit" (let through) or "warn" (told to wait), `at` Unix time in seconds."""

    __table_args__ = (Index("ix_ratehit_at", "at"),)

    user_key: str = Field(sa_column=Column(String(32), primary_key=True))
    kind: str = Field(sa_column=Column(String(8), primary_key=True))
    at: float = Field(sa_column=Column(Float, primary_key=True))
