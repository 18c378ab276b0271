"""The notification outbox's state changes: a front end claims due notices, sends them its own way
and reports each outcome here. Rows are written with the change they announce (verdicts.py).

States: ``pending`` (due at ``next_attempt_at``) → ``sending`` (claimed by one sender until
``locked_until``; a sender that died leaves it to be claimed again) → ``sent`` or ``dead``; a
retry puts the row back to ``pending`` with a later ``next_attempt_at``. Every function commits.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from ..models import Notification, utcnow
from . import prefs

LOCK = timedelta(minutes=2)
MAX_ATTEMPTS = 8
BACKOFF_BASE = 30.0  # seconds before the first retry after a network error; doubles each attempt
BACKOFF_MAX = 3600.0


def _due(now):  # noqa: ANN001, ANN202
    return or_(and_(Notification.status == "pending", Notification.next_attempt_at <= now),
               and_(Notification.status == "sending", Notification.locked_until < now))


def claim_due(session: Session, limit: int) -> list[Notification]:
    """Take up to `limit` due rows for this sender (status → sending, locked for LOCK, attempts + 1).

    PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so concurrent senders never take the same row; SQLite:
    a conditional UPDATE per row (SQLite serialises writers)."""
    now = utcnow()
    stmt = select(Notification.id).where(_due(now)).order_by(Notification.next_attempt_at, Notification.id)
    postgres = session.get_bind().dialect.name == "postgresql"
    ids = list(session.exec(stmt.limit(limit).with_for_update(skip_locked=True) if postgres else stmt.limit(limit)))
    claimed: list[int] = []
    for nid in ids:
        cond = [Notification.id == nid] if postgres else [Notification.id == nid, _due(now)]
        result = session.execute(update(Notification).where(*cond).values(
            status="sending", locked_until=now + LOCK, attempts=Notification.attempts + 1))
        if result.rowcount == 1:
            claimed.append(nid)
    session.commit()
    if not claimed:
        return []
    return list(session.exec(select(Notification).where(col(Notification.id).in_(claimed))
                             .order_by(Notification.next_attempt_at, Notification.id)))


def _finish(session: Session, nid: int, **values: object) -> None:
    session.execute(update(Notification).where(Notification.id == nid, Notification.status == "sending")
                    .values(**values))
    session.commit()


def mark_sent(session: Session, nid: int) -> None:
    _finish(session, nid, status="sent", sent_at=utcnow(), locked_until=None, last_error=None)


def mark_dead(session: Session, nid: int, error: str) -> None:
    """Never to be sent (recipient gone or blocked the bot, bad markup, unknown kind, too many tries)."""
    _finish(session, nid, status="dead", last_error=error[:1000], locked_until=None)


def backoff(attempts: int) -> timedelta:
    """Delay before retry `attempts` (exponential from BACKOFF_BASE, capped, ±20% jitter)."""
    delay = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


def mark_failed(session: Session, row: Notification, error: str) -> bool:
    """A transient failure (network, timeout): retry later with backoff, or give up after
    MAX_ATTEMPTS. True when the row is dead."""
    if row.attempts >= MAX_ATTEMPTS:
        mark_dead(session, row.id, f"gave up after {row.attempts} attempts: {error}")
        return True
    _finish(session, row.id, status="pending", locked_until=None, next_attempt_at=utcnow() + backoff(row.attempts),
            last_error=error[:1000])
    return False


def postpone(session: Session, rows: list[Notification], wait: timedelta) -> None:
    """Flood control (the limit is per bot): these rows wait `wait`, without spending an attempt."""
    for row in rows:
        _finish(session, row.id, status="pending", next_attempt_at=utcnow() + wait, locked_until=None,
                attempts=max(0, row.attempts - 1), last_error=f"flood wait {wait.total_seconds():.0f}s")


def mark_blocked(session: Session, nid: int, chat_id: int, error: str) -> None:
    """The recipient blocked the bot: the row is dead and, for a user, nothing more is sent to them
    (``UserPref.blocked``) until they write again (`prefs.reader_language` unblocks them)."""
    mark_dead(session, nid, error)
    if chat_id > 0:
        prefs.mark_blocked(session, chat_id)
