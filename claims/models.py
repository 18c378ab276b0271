"""Tables. The schema itself is created only by the Alembic migrations in migrations/.

The Telegram adapter's own tables (processed update ids, PTB persistence) are in bot/models.py,
on the same metadata."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _bigint(**kw) -> Column:
    return Column(BigInteger, **kw)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, max_length=2048, index=True)
    url_key: str | None = Field(default=None, max_length=64, index=True)  # claims.urls.url_key(url)
    title: str | None = Field(default=None, max_length=1024)
    author: str | None = Field(default=None, max_length=256)  # from the web page's byline
    language: str = Field(default="ru", max_length=8)
    published: date | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Claim(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    normalized: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    title: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The title normalised like `normalized`, stored so a cold start never re-lemmatises titles.
    title_normalized: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    speaker: str | None = Field(default=None, max_length=512)
    entities: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    checkworthiness: float = 0.0
    position: int | None = None
    language: str = Field(default="ru", max_length=8)
    verdict: str = Field(default="unverified", max_length=32, index=True)
    verdict_summary: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    verdict_updated_at: datetime | None = None
    external_id: str | None = Field(default=None, max_length=512, unique=True)
    review_url: str | None = Field(default=None, max_length=2048)
    review_url_key: str | None = Field(default=None, max_length=64, index=True)  # claims.urls.url_key
    claim_date: date | None = None
    # statement (a fact that can be checked now) | plan (an announced commitment), claims/extract/kind.py
    kind: str = Field(default="statement", max_length=16, index=True, sa_column_kwargs={"server_default": "statement"})
    due: str | None = Field(default=None, max_length=128)  # a plan's date as the article gave it
    merged_into_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class ClaimChange(SQLModel, table=True):
    """Append-only feed of claim writes so every process can keep its match index in step."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(index=True)
    kind: str = Field(max_length=16)  # add | edit | delete | merge | embed (its vector was stored)
    created_at: datetime = Field(default_factory=utcnow)


class ClaimEmbedding(SQLModel, table=True):
    """A claim's sentence-encoder vector, computed once (on the first index refresh after the claim
    is written, or by `claims db embed`) and loaded at start-up. `vector` is a float32 little-endian
    scale then `dim` int8 codes (v ≈ code × scale; claims/match/vectors.py `to_bytes`) — stores
    written before that hold `dim` float16 values, still read; `text_hash` is the hash of the text
    it was computed from (an edit recomputes it)."""

    claim_id: int = Field(sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"),
                                           primary_key=True))
    model: str = Field(max_length=64, index=True)
    dim: int
    text_hash: str = Field(max_length=32)
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Source(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("claim_id", "url", name="uq_source_claim_url"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    url: str = Field(max_length=2048)
    url_key: str | None = Field(default=None, max_length=64, index=True)  # claims.urls.url_key(url)
    stance: str = Field(max_length=16)  # supports | refutes | context
    note: str | None = Field(default=None, max_length=1000)
    submitter_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    submitter_name: str | None = Field(default=None, max_length=256)
    status: str = Field(default="pending", max_length=16, index=True)  # pending | approved | rejected
    reviewer_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    reviewer_name: str | None = Field(default=None, max_length=256)
    review_reason: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    reviewed_at: datetime | None = None


class VerdictHistory(SQLModel, table=True):
    """Append-only: nothing updates or deletes a row."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    old_verdict: str = Field(max_length=32)
    new_verdict: str = Field(max_length=32)
    by: str = Field(max_length=256)
    by_user_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    override: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class Tip(SQLModel, table=True):
    """An incoming message nobody's claim matched, kept for moderators."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="ru", max_length=8)
    origin_type: str | None = Field(default=None, max_length=32)  # user | hidden_user | chat | channel
    origin_title: str | None = Field(default=None, max_length=256)
    origin_date: datetime | None = None
    user_hash: str | None = Field(default=None, max_length=64, index=True)
    # Kept only while the sender asked to be notified; cleared by /forget.
    user_id: int | None = Field(default=None, sa_column=_bigint(nullable=True, index=True))
    chat_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    notify: bool = False
    status: str = Field(default="open", max_length=16, index=True)  # open | linked | converted | dismissed
    claim_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    handled_by: str | None = Field(default=None, max_length=256)
    handled_at: datetime | None = None
    update_id: int | None = Field(default=None, sa_column=_bigint(nullable=True, unique=True))
    # Every link of the message (visible, or hidden behind words as text_link), as sent: a JSON array of strings.
    links: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    # Repeats (claims/services/tipline.py): the same or a near-duplicate message from others is
    # attached to the open tip instead of becoming a new one. `askers`: how many people sent it
    # (one person sending it again counts once); `last_seen_at`: when it last arrived.
    askers: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    last_seen_at: datetime | None = None
    # The text normalised (claims.normalize.normalize) and its sha256: exact repeats are found by key.
    normalized: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    text_key: str | None = Field(default=None, max_length=64, index=True)
    # A tip cut from a longer post: the claims the rest of the post repeats ("12,40"), else None.
    matched_claims: str | None = Field(default=None, max_length=512)


class TipAsker(SQLModel, table=True):
    """One person who sent a tip (the first sender included): pseudonymised like the tip's sender
    (`user_hash`); the real ids are kept only once they pressed «Notify me» on their copy, and are
    cleared by /forget. `count`: how many times they sent it."""

    __table_args__ = (UniqueConstraint("tip_id", "user_hash", name="uq_tipasker_tip_user"),)

    id: int | None = Field(default=None, primary_key=True)
    tip_id: int = Field(sa_column=Column(Integer, ForeignKey("tip.id", ondelete="CASCADE"), nullable=False,
                                         index=True))
    user_hash: str | None = Field(default=None, max_length=64, index=True)
    user_id: int | None = Field(default=None, sa_column=_bigint(nullable=True, index=True))
    chat_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    notify: bool = False
    count: int = 1
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)


class Subscription(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "claim_id", name="uq_subscription_user_claim"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_bigint(nullable=False, index=True))
    chat_id: int = Field(sa_column=_bigint(nullable=False))
    claim_id: int = Field(foreign_key="claim.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Notification(SQLModel, table=True):
    """Outbox: one message owed to one chat. Rendered in the user's language when sent."""

    __table_args__ = (
        UniqueConstraint("dedupe_key", name="uq_notification_dedupe"),
        Index("ix_notification_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=_bigint(nullable=False))
    kind: str = Field(max_length=32)  # verdict_change | tip_handled | moderation | text
    claim_id: int | None = Field(default=None, foreign_key="claim.id")
    history_id: int | None = Field(default=None, foreign_key="verdicthistory.id")
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    dedupe_key: str = Field(max_length=128)
    status: str = Field(default="pending", max_length=16)  # pending | sending | sent | dead
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = None
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class UserPref(SQLModel, table=True):
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    language: str | None = Field(default=None, max_length=8)
    blocked: bool = False  # the user blocked the bot: stop sending
    updated_at: datetime = Field(default_factory=utcnow)


class Moderator(SQLModel, table=True):
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str | None = Field(default=None, max_length=256)
    added_by: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Append-only record of every moderation action and refused attempt."""

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, sa_column=_bigint(nullable=True, index=True))
    actor_name: str | None = Field(default=None, max_length=256)
    # Set by /forget (claims.services.privacy.forget_user) in place of actor_id/actor_name, and of
    # object_id when the object was that user: a salted hash; the only UPDATE the database allows.
    actor_hash: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=64, index=True)
    object_type: str | None = Field(default=None, max_length=32)
    object_id: int | None = Field(default=None, sa_column=_bigint(nullable=True))
    object_hash: str | None = Field(default=None, max_length=64)
    claim_id: int | None = Field(default=None, index=True)
    before: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    after: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class MatchEvent(SQLModel, table=True):
    """One checked message (no text, no user): feeds /stats and threshold tuning."""

    id: int | None = Field(default=None, primary_key=True)
    forwarded: bool = False
    matched: bool = False
    top_claim_id: int | None = None
    top_score: float | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class MatchFeedback(SQLModel, table=True):
    """A user's "Not this claim": the message hash, the claim and the score, for tuning."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    message_hash: str = Field(max_length=64)
    score: float | None = None
    user_hash: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class ChatSetting(SQLModel, table=True):
    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    autocheck: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class AppMeta(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))
