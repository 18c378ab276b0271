"""Sends the Notification outbox: rows written in the same transaction as the change they announce.

A background task claims due rows (PostgreSQL: ``FOR UPDATE SKIP LOCKED``; SQLite: a
conditional UPDATE pending→sending, SQLite serialising the writers), sends each in the
recipient's language, and records the outcome:

* sent → ``sent``;
* 429 RetryAfter → back to ``pending`` after ``retry_after`` (the rest of the batch too: the
  limit is per bot), not counted against the row;
* network error / timeout → ``pending`` with exponential backoff, ``dead`` after MAX_ATTEMPTS;
* Forbidden (the user blocked the bot) → ``dead`` and ``UserPref.blocked`` so nothing more is
  sent until they write to the bot again;
* BadRequest (chat gone, bad markup) → ``dead`` with the error.

A row claimed by a process that then died stays ``sending`` until ``locked_until`` passes,
then is claimed again — a crash between sending and marking can repeat one message (at
least once), but rows are never lost, and ``dedupe_key`` keeps one row per recipient and event.

Payloads understood (``kind``):
``verdict_change`` {claim_id, old, new, reason}; ``text`` {"key": catalogue key, "values": {...}}
or {"text": plain text} — for other engineers' notices.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import warnings
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from claims.models import Claim, Notification, UserPref, utcnow

from .i18n import Raw, t
from .render import claim_command, cut, esc, fit, page_line, verdict_badge
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)

BATCH = 10  # small: a killed worker delays at most this many notices by LOCK
LOCK = timedelta(minutes=2)
MAX_ATTEMPTS = 8
POLL_SECONDS = 5.0
BACKOFF_BASE = 30.0
BACKOFF_MAX = 3600.0
_TASK_KEY = "_outbox_task"
_WAKE_KEY = "_outbox_wake"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass
class Counts:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    claimed: int = 0
    errors: list[str] = field(default_factory=list)


def _due(now):  # noqa: ANN001, ANN202
    return or_(and_(Notification.status == "pending", Notification.next_attempt_at <= now),
               and_(Notification.status == "sending", Notification.locked_until < now))


def claim_due(session: Session, limit: int = BATCH) -> list[Notification]:
    """Take up to `limit` due rows for this process (status → sending, locked for LOCK)."""
    now = utcnow()
    stmt = select(Notification.id).where(_due(now)).order_by(Notification.next_attempt_at, Notification.id)
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        ids = list(session.exec(stmt.limit(limit).with_for_update(skip_locked=True)))
    else:
        ids = list(session.exec(stmt.limit(limit)))
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


def render(session: Session, row: Notification, default_lang: str) -> tuple[str | None, bool]:
    """(HTML text, recipient blocked) in the recipient's language; text None for an unknown kind."""
    pref = session.get(UserPref, row.chat_id)
    if pref is not None and pref.blocked:
        return None, True
    lang = (pref.language if pref is not None and pref.language else None) or default_lang
    payload = json.loads(row.payload or "{}")
    if row.kind == "verdict_change":
        cid = payload.get("claim_id") or row.claim_id
        claim = session.get(Claim, cid) if cid else None
        text = t(lang, "notify.verdict", id=cid, text=cut(claim.text if claim else "", 400),
                 old=Raw(verdict_badge(str(payload.get("old", "")), lang)),
                 new=Raw(verdict_badge(str(payload.get("new", "")), lang)),
                 reason=cut(str(payload.get("reason", "")), 1000), cmd=claim_command(int(cid)))
        page = page_line(claim, lang)  # the page as it is now: none once back to unverified
        return fit(text + ("\n" + page if page else "")), False
    if row.kind == "text":
        if "key" in payload:
            return fit(t(lang, payload["key"], **payload.get("values", {}))), False
        if "text" in payload:
            return fit(esc(payload["text"])), False
    return None, False


def _seconds(err: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def backoff(attempts: int) -> timedelta:
    delay = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


async def send_due(application: Application, *, limit: int = BATCH) -> Counts:
    """One pass: claim due rows, send them, record each outcome. Returns what happened."""
    rt: Runtime = application.bot_data[RUNTIME_KEY]
    counts = Counts()
    with rt.session() as session:
        rows = claim_due(session, limit)
    counts.claimed = len(rows)
    for i, row in enumerate(rows):
        with rt.session() as session:
            try:
                text, blocked = render(session, row, rt.settings.default_language)
            except Exception as err:  # noqa: BLE001  (a broken row must not stop the others)
                log.exception("cannot render notification %s", row.id)
                _finish(session, row.id, status="dead", last_error=f"render: {err}"[:1000], locked_until=None)
                counts.dead += 1
                continue
            if blocked or text is None:
                _finish(session, row.id, status="dead", locked_until=None,
                        last_error="recipient blocked the bot" if blocked else f"unknown kind {row.kind!r}")
                counts.dead += 1
                continue
        try:
            await application.bot.send_message(row.chat_id, text, parse_mode=ParseMode.HTML,
                                               link_preview_options=NO_PREVIEW)
        except RetryAfter as err:
            wait = timedelta(seconds=_seconds(err) + 1)
            with rt.session() as session:
                for rest in rows[i:]:
                    _finish(session, rest.id, status="pending", next_attempt_at=utcnow() + wait, locked_until=None,
                            attempts=max(0, rest.attempts - 1), last_error=f"flood wait {wait.total_seconds():.0f}s")
            counts.retried += len(rows) - i
            log.warning("Telegram asked to wait %s s; %d notifications postponed", wait.total_seconds(),
                        len(rows) - i)
            break
        except Forbidden as err:
            with rt.session() as session:
                _finish(session, row.id, status="dead", last_error=str(err)[:1000], locked_until=None)
                if row.chat_id > 0:
                    from .handlers.common import PREFS_KEY
                    from claims.services.prefs import mark_blocked

                    mark_blocked(session, row.chat_id)
                    # Forget the cached lookup, so their next message to us lifts the block at once.
                    application.bot_data.get(PREFS_KEY, {}).pop(row.chat_id, None)
            counts.dead += 1
        except BadRequest as err:
            with rt.session() as session:
                _finish(session, row.id, status="dead", last_error=str(err)[:1000], locked_until=None)
            counts.dead += 1
            counts.errors.append(str(err))
        except (NetworkError, TelegramError) as err:  # TimedOut is a NetworkError
            with rt.session() as session:
                if row.attempts >= MAX_ATTEMPTS:
                    _finish(session, row.id, status="dead", locked_until=None,
                            last_error=f"gave up after {row.attempts} attempts: {err}"[:1000])
                    counts.dead += 1
                else:
                    _finish(session, row.id, status="pending", locked_until=None,
                            next_attempt_at=utcnow() + backoff(row.attempts), last_error=str(err)[:1000])
                    counts.retried += 1
        else:
            with rt.session() as session:
                _finish(session, row.id, status="sent", sent_at=utcnow(), locked_until=None, last_error=None)
            counts.sent += 1
    return counts


async def run(application: Application, interval: float = POLL_SECONDS) -> None:
    """Forever: send what is due; sleep `interval` (or until `wake()`) when there was nothing."""
    wake: asyncio.Event = application.bot_data.setdefault(_WAKE_KEY, asyncio.Event())
    while True:
        try:
            counts = await send_due(application)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001  (database hiccup: try again next round)
            log.exception("outbox pass failed")
            counts = Counts()
        if counts.claimed >= BATCH:
            continue
        wake.clear()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(wake.wait(), interval)


def wake(application: Application) -> None:
    """Send now rather than at the next poll (after a verdict set in this process)."""
    event = application.bot_data.get(_WAKE_KEY)
    if event is not None:
        event.set()


async def start(application: Application) -> None:
    """post_init hook: the sender runs alongside the bot until `stop`."""
    if application.bot_data.get(_TASK_KEY) is None:
        interval = float(application.bot_data.get("outbox_interval", POLL_SECONDS))
        application.bot_data[_TASK_KEY] = asyncio.create_task(run(application, interval), name="outbox")


async def stop(application: Application) -> None:
    task = application.bot_data.pop(_TASK_KEY, None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
